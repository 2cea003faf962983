"""The GDPR pages on a person: downloading an export, and erasure behind a typed confirmation."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.core.models import AuditEvent
from secon.registry.models import Person
from secon.registry.privacy import erasure
from secon.registry.tests.gdpr_builders import EMAIL, NAME, make_rich_person
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _signed_in(client: Client, user: object) -> Client:
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies.load({"django_language": "en"})
    return client


def test_staff_of_the_partner_download_the_json_export_and_it_is_audited(
    client: Client, world: World
) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    url = reverse("manage:person_export", args=[rich.person.pk])
    response = _signed_in(client, world.staff).post(url, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="person-{rich.person.pk}-data.json"'
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["person"]["email"] == EMAIL and data["person"]["full_name"] == NAME
    event = AuditEvent.objects.get(code="registry.person.exported")
    assert (event.actor, event.changes["format"]) == (world.staff, "json")


def test_a_coordinator_downloads_the_readable_pdf(client: Client, world: World) -> None:
    person = make_person(world.partner, full_name="Łucja Źródłowska")
    response = _signed_in(client, world.coordinator).post(
        reverse("manage:person_export", args=[person.pk]), {"format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_export_page_explains_the_export_and_a_get_downloads_nothing(
    client: Client, world: World
) -> None:
    person = make_person(world.partner)
    response = _signed_in(client, world.staff).get(reverse("manage:person_export", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Download PDF" in body and "Download JSON" in body
    assert not AuditEvent.objects.filter(code="registry.person.exported").exists()


def test_an_unknown_export_format_gives_a_message_and_no_file(client: Client, world: World) -> None:
    person = make_person(world.partner)
    response = _signed_in(client, world.staff).post(
        reverse("manage:person_export", args=[person.pk]), {"format": "docx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Choose a format." in response.content.decode()
    assert not AuditEvent.objects.filter(code="registry.person.exported").exists()


@pytest.mark.parametrize("name", ["person_export", "person_anonymise", "person_anonymised"])
def test_a_coordinator_of_another_partner_cannot_tell_the_person_exists(world: World, name: str) -> None:
    from secon.accounts.models import Role
    from secon.tests.factories import make_user

    person = make_person(world.partner)
    signed_in = _signed_in(Client(), make_user(Role.COORDINATOR, partner=world.other_partner))
    url = reverse(f"manage:{name}", args=[person.pk])
    assert signed_in.get(url).status_code == 404
    assert (
        signed_in.post(
            url, {"format": "json", "reason": "request", "confirm_name": person.full_name}
        ).status_code
        == 404
    )
    assert Person.objects.get(pk=person.pk).anonymised_at is None
    assert not AuditEvent.objects.filter(code="registry.person.exported").exists()


def test_staff_of_another_partner_get_404_for_the_export(world: World) -> None:
    person = make_person(world.partner)
    signed_in = _signed_in(Client(), world.other_staff)
    url = reverse("manage:person_export", args=[person.pk])
    assert signed_in.get(url).status_code == 404
    assert signed_in.post(url, {"format": "json"}).status_code == 404
    assert not AuditEvent.objects.filter(code="registry.person.exported").exists()


def test_the_lead_partner_may_not_export_or_erase_another_partners_person(
    client: Client, world: World
) -> None:
    person = make_person(world.partner)
    signed_in = _signed_in(client, world.lead)
    assert (
        signed_in.post(reverse("manage:person_export", args=[person.pk]), {"format": "json"}).status_code
        == 403
    )
    assert signed_in.get(reverse("manage:person_anonymise", args=[person.pk])).status_code == 403


def test_the_anonymise_page_says_what_is_erased_and_kept_and_a_get_changes_nothing(
    client: Client, world: World
) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    events = AuditEvent.objects.count()
    response = _signed_in(client, world.coordinator).get(
        reverse("manage:person_anonymise", args=[rich.person.pk])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Erased person #" in body and "E-mail, phone and notes" in body
    assert "1 membership of the Regional Stakeholder Group" in body
    assert "1 still open ends today" in body
    assert 'name="confirm_name"' in body
    person = Person.objects.get(pk=rich.person.pk)
    assert person.full_name == NAME and person.anonymised_at is None
    assert AuditEvent.objects.count() == events


def test_a_wrong_name_gives_a_message_and_erases_nothing(client: Client, world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    response = _signed_in(client, world.coordinator).post(
        reverse("manage:person_anonymise", args=[rich.person.pk]),
        {"reason": "request", "confirm_name": "Someone Else"},
    )
    assert response.status_code == 200
    assert "The name you typed is not" in response.content.decode()
    assert Person.objects.get(pk=rich.person.pk).email == EMAIL
    assert not AuditEvent.objects.filter(code="registry.person.anonymised").exists()


def test_a_missing_reason_gives_a_message_and_erases_nothing(client: Client, world: World) -> None:
    person = make_person(world.partner, full_name="Anna Nowak")
    response = _signed_in(client, world.coordinator).post(
        reverse("manage:person_anonymise", args=[person.pk]), {"confirm_name": "Anna Nowak"}
    )
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert Person.objects.get(pk=person.pk).anonymised_at is None


def test_typing_the_name_erases_the_person_and_shows_what_is_kept(client: Client, world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    signed_in = _signed_in(client, world.coordinator)
    # Case, spacing and diacritics may differ from the record; the name must be the same.
    response = signed_in.post(
        reverse("manage:person_anonymise", args=[rich.person.pk]),
        {"reason": "request", "confirm_name": "  zazolc   gesla-jazn "},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("manage:person_anonymised", args=[rich.person.pk])
    body = response.content.decode()
    assert "1 membership of the Regional Stakeholder Group" in body
    assert NAME not in body and EMAIL not in body
    person = Person.objects.get(pk=rich.person.pk)
    assert person.anonymised_at is not None and person.full_name == erasure.anonymous_name(person)
    event = AuditEvent.objects.get(code="registry.person.anonymised")
    assert (event.actor, event.changes["reason"]) == (world.coordinator, "request")
    # Going back to the form afterwards leads to the result, not to a second erasure.
    again = signed_in.get(reverse("manage:person_anonymise", args=[person.pk]))
    assert again.status_code == 302
    assert again["Location"] == reverse("manage:person_anonymised", args=[person.pk])


def test_partner_staff_may_export_but_not_erase(client: Client, world: World) -> None:
    person = make_person(world.partner, full_name="Anna Nowak")
    signed_in = _signed_in(client, world.staff)
    response = signed_in.post(
        reverse("manage:person_anonymise", args=[person.pk]),
        {"reason": "request", "confirm_name": "Anna Nowak"},
    )
    assert response.status_code == 403
    assert Person.objects.get(pk=person.pk).anonymised_at is None


def test_the_person_page_offers_export_to_staff_and_erasure_to_coordinators(
    client: Client, world: World
) -> None:
    person = make_person(world.partner)
    url = reverse("manage:person_detail", args=[person.pk])
    export = reverse("manage:person_export", args=[person.pk])
    anonymise = reverse("manage:person_anonymise", args=[person.pk])
    staff_page = _signed_in(client, world.staff).get(url).content.decode()
    assert export in staff_page and anonymise not in staff_page
    coordinator_page = _signed_in(Client(), world.coordinator).get(url).content.decode()
    assert export in coordinator_page and anonymise in coordinator_page
    lead_page = _signed_in(Client(), world.lead).get(url).content.decode()
    assert export not in lead_page and anonymise not in lead_page
