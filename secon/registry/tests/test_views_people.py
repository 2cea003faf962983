"""People pages of the registry back office: list and filters, create, edit, affiliations, consents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from secon.registry.models import Affiliation, ConsentRecord, Person
from secon.registry.records import services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

LIST = "manage:person_list"


@pytest.fixture(autouse=True)
def _english_interface(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def names(response) -> list[str]:
    return [p.full_name for p in response.context["page"].object_list]


def test_people_list_is_scoped_to_the_partner(client, world):
    make_person(world.partner, full_name="Marta Przykładowa")
    make_person(world.other_partner, full_name="Lucía Ejemplo")
    client.force_login(world.staff)
    assert names(client.get(reverse(LIST))) == ["Marta Przykładowa"]
    client.force_login(world.lead)
    assert names(client.get(reverse(LIST), {"partner": world.other_partner.pk})) == ["Lucía Ejemplo"]


def test_people_are_found_by_name_without_accents_or_by_e_mail(client, world):
    make_person(world.partner, full_name="Łukasz Wzorcowy", email="lw@example.org")
    make_person(world.partner, full_name="Anna Testowa", email="anna@example.org")
    client.force_login(world.staff)
    assert names(client.get(reverse(LIST), {"q": "lukasz wzorcowego"})) == ["Łukasz Wzorcowy"]
    assert names(client.get(reverse(LIST), {"q": "anna@example"})) == ["Anna Testowa"]


def test_people_list_filters_by_role_type_membership_consent_and_language(client, world):
    cis = make_organisation(world.partner, type_code="cis")
    member = make_person(world.partner, full_name="Członek", roles=["rsg_member"], language="en")
    other = make_person(world.partner, full_name="Inna")
    services.set_affiliation(member, actor=None, organisation=cis)
    services.add_membership(member, actor=None, organisation=cis, since=dt.date(2023, 4, 21))
    services.record_consent(member, actor=None, purpose="newsletter", legal_basis="consent", source="form")
    services.record_consent(other, actor=None, purpose="newsletter", legal_basis="consent", source="form")
    services.withdraw_consent(other, actor=None, purpose="newsletter", through="email")
    client.force_login(world.staff)
    assert names(client.get(reverse(LIST), {"role": "rsg_member"})) == ["Członek"]
    assert names(client.get(reverse(LIST), {"organisation_type": "cis"})) == ["Członek"]
    assert names(client.get(reverse(LIST), {"member": "active"})) == ["Członek"]
    assert names(client.get(reverse(LIST), {"member": "never"})) == ["Inna"]
    assert names(client.get(reverse(LIST), {"language": "en"})) == ["Członek"]
    query = {"purpose": "newsletter", "consent": "in_force"}
    assert names(client.get(reverse(LIST), query)) == ["Członek"]
    assert names(client.get(reverse(LIST), {**query, "consent": "withdrawn"})) == ["Inna"]
    assert names(client.get(reverse(LIST), {"purpose": "surveys", "consent": "none"})) == ["Członek", "Inna"]


def test_people_list_makes_as_many_queries_for_30_rows_as_for_3(client, world, count_queries):
    organisation = make_organisation(world.partner)

    def add(count: int) -> None:
        for _n in range(count):
            person = make_person(world.partner, roles=["speaker"])
            services.set_affiliation(person, actor=None, organisation=organisation, position="Prezes")
            services.record_consent(
                person, actor=None, purpose="surveys", legal_basis="public_task", source="staff"
            )

    client.force_login(world.staff)
    add(3)
    client.get(reverse(LIST))
    few = count_queries(lambda: client.get(reverse(LIST), {"purpose": "surveys", "consent": "in_force"}))
    add(27)
    many = count_queries(lambda: client.get(reverse(LIST), {"purpose": "surveys", "consent": "in_force"}))
    assert few == many <= 11  # 10 for the page, 1 for the menu's count of waiting requests


def test_a_person_is_created_with_roles_and_a_duplicate_e_mail_is_refused(client, world):
    make_person(world.partner, email="zajety@example.org")
    client.force_login(world.staff)
    data = {
        "given_names": "Nowa",
        "surname": "Osoba",
        "email": "nowa@example.org",
        "language": "pl",
        "roles": ["speaker", "chair"],
    }
    response = client.post(reverse("manage:person_create"), data)
    person = Person.objects.get(email="nowa@example.org")
    assert response["Location"] == reverse("manage:person_detail", args=[person.pk])
    assert sorted(person.role_codes) == ["chair", "speaker"]
    response = client.post(reverse("manage:person_create"), {**data, "email": "ZAJETY@example.org"})
    assert response.status_code == 200
    assert "already in the registry" in response.context["form"].errors["email"][0]
    assert Person.objects.filter(partner=world.partner).count() == 2


def test_a_bad_e_mail_gets_a_field_message_and_nothing_is_saved(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("manage:person_create"), {"surname": "X", "email": "nie-adres", "language": "pl"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Person.objects.exists()


def test_editing_a_person_changes_roles_and_is_refused_to_the_lead_partner(client, world):
    person = make_person(world.partner, full_name="Stara", roles=["speaker"])
    url = reverse("manage:person_edit", args=[person.pk])
    data = {
        "given_names": "Anna",
        "surname": "Nowa",
        "email": person.email,
        "language": "en",
        "roles": ["chair"],
    }
    client.force_login(world.lead)
    assert client.post(url, data).status_code == 403
    client.force_login(world.staff)
    assert client.get(url).context["form"].initial["roles"] == ["speaker"]
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.language, person.role_codes) == ("Anna Nowa", "en", ["chair"])


def test_person_page_shows_affiliations_consents_memberships_and_history(client, world):
    organisation = make_organisation(world.partner, name="Centrum Integracji Społecznej")
    person = make_person(world.partner, full_name="Ewa Przykładowa")
    services.set_affiliation(person, actor=None, organisation=organisation, position="Kierowniczka")
    services.add_membership(person, actor=None, organisation=organisation, since=dt.date(2023, 4, 21))
    services.record_consent(
        person, actor=None, purpose="rsg_communication", legal_basis="public_task", source="staff"
    )
    client.force_login(world.staff)
    response = client.get(reverse("manage:person_detail", args=[person.pk]))
    body = response.content.decode()
    assert "Kierowniczka" in body and "Centrum Integracji Społecznej" in body
    in_force = {row["code"]: row["record"] for row in response.context["purposes"]}
    assert in_force["rsg_communication"] is not None and in_force["newsletter"] is None
    assert response.context["memberships"][0]["active"]
    codes = [row["event"].code for row in response.context["events"]]
    assert "registry.consent.recorded" in codes and "registry.person.created" in codes


def test_staff_record_a_consent_with_its_text_version_and_withdraw_it(client, world):
    person = make_person(world.partner)
    client.force_login(world.staff)
    record = reverse("manage:person_consent_record", args=[person.pk])
    response = client.post(
        record, {"consent-purpose": "newsletter", "consent-legal_basis": "consent", "consent-source": "paper"}
    )
    assert response.status_code == 200
    assert "version" in response.context["form"].errors["text_version"][0]
    assert not ConsentRecord.objects.exists()
    response = client.post(
        record,
        {
            "consent-purpose": "newsletter",
            "consent-legal_basis": "consent",
            "consent-source": "paper",
            "consent-text_version": "klauzula-2024-02",
            "consent-given_on": "2024-02-23",
        },
    )
    assert response.status_code == 302
    consent = ConsentRecord.objects.get(person=person)
    assert consent.given_at.date() == dt.date(2024, 2, 23) and consent.in_force
    assert services.may_contact(person, "newsletter")
    withdraw = reverse("manage:person_consent_withdraw", args=[person.pk])
    assert (
        client.post(withdraw, {"withdraw-purpose": "newsletter", "withdraw-through": "phone"}).status_code
        == 302
    )
    consent.refresh_from_db()
    assert consent.withdrawal_source == "phone"
    assert not services.may_contact(person, "newsletter")
    # Withdrawing again: nothing in force, said under the field.
    response = client.post(withdraw, {"withdraw-purpose": "newsletter", "withdraw-through": "phone"})
    assert response.status_code == 200 and response.context["form"].errors["purpose"]


def test_a_consent_dated_in_the_future_is_refused(client, world):
    person = make_person(world.partner)
    client.force_login(world.staff)
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    response = client.post(
        reverse("manage:person_consent_record", args=[person.pk]),
        {
            "consent-purpose": "surveys",
            "consent-legal_basis": "public_task",
            "consent-source": "staff",
            "consent-given_on": tomorrow.isoformat(),
        },
    )
    assert response.context["form"].errors["given_on"]
    assert not ConsentRecord.objects.exists()


def test_an_organisation_and_position_are_added_found_by_name_and_ended(client, world):
    person = make_person(world.partner)
    wanted = make_organisation(world.partner, name="Spółdzielnia Socjalna Drobin")
    make_organisation(world.partner, name="Fundacja Inna")
    foreign = make_organisation(world.other_partner, name="Cooperativa")
    client.force_login(world.staff)
    page = client.get(reverse("manage:person_detail", args=[person.pk]), {"find": "spoldzielnia"})
    choices = [label for _pk, label in page.context["affiliation_form"].fields["organisation"].choices]
    assert choices == ["–", "Spółdzielnia Socjalna Drobin"]
    add = reverse("manage:person_affiliation_add", args=[person.pk])
    refused = client.post(add, {"organisation": foreign.pk, "position": "X"})
    assert refused.status_code == 200 and refused.context["form"].errors["organisation"]
    assert (
        client.post(add, {"organisation": wanted.pk, "position": "Prezes", "since": "2020-01-01"}).status_code
        == 302
    )
    affiliation = Affiliation.objects.get(person=person)
    end = reverse("manage:person_affiliation_end", args=[person.pk, affiliation.pk])
    assert client.post(end, {"until": "2019-01-01"}).context["form"].errors["until"]
    assert client.post(end, {"until": "2024-12-31"}).status_code == 302
    affiliation.refresh_from_db()
    assert (affiliation.position, affiliation.until) == ("Prezes", dt.date(2024, 12, 31))


def test_other_partners_staff_cannot_reach_a_person(client, world):
    person = make_person(world.partner)
    client.force_login(world.other_staff)
    assert client.get(reverse("manage:person_detail", args=[person.pk])).status_code == 404
    response = client.post(
        reverse("manage:person_consent_withdraw", args=[person.pk]),
        {"withdraw-purpose": "surveys", "withdraw-through": "x"},
    )
    assert response.status_code == 404
