"""Opt-out links: they work without login, a GET changes nothing, a replay or a tampered link is harmless."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World
from secon.core.models import AuditEvent
from secon.registry.join import services as join
from secon.registry.models import ConsentRecord, JoinRequest, JoinRequestStatus, LegalBasis, Person, Purpose
from secon.registry.privacy import optout
from secon.registry.records import services
from secon.registry.tests.join_builders import make_join_request
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db


def consenting_person(world: World, **fields: Any) -> Person:
    person = make_person(world.partner, **fields)
    for purpose in (Purpose.NEWSLETTER, Purpose.SURVEYS):
        services.record_consent(
            person,
            actor=None,
            purpose=purpose,
            legal_basis=LegalBasis.CONSENT,
            source="form",
            text_version="v1",
        )
    return person


def optout_path(person: Person, purpose: str, language: str = "pl") -> str:
    with translation.override(language):
        return reverse("public:optout", args=[optout.make_person_token(person, purpose)])


def in_force(person: Person, purpose: str) -> bool:
    return ConsentRecord.objects.filter(person=person, purpose=purpose).in_force().exists()


def withdrawals() -> int:
    return AuditEvent.objects.filter(code="registry.consent.withdrawn").count()


def test_opening_the_link_shows_what_will_stop_and_changes_nothing(client: Client, world: World) -> None:
    person = consenting_person(world, email="ewa@example.org")
    response = client.get(optout_path(person, Purpose.NEWSLETTER, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "News and invitations to events" in html
    assert "e***@example.org" in html
    assert "ewa@example.org" not in html
    assert 'method="post"' in html
    assert in_force(person, Purpose.NEWSLETTER)
    assert withdrawals() == 0


def test_the_button_withdraws_that_purpose_only_without_login(client: Client, world: World) -> None:
    person = consenting_person(world)
    response = client.post(optout_path(person, Purpose.NEWSLETTER, "en"))
    assert response.status_code == 200
    assert "You have opted out" in response.content.decode()
    assert not in_force(person, Purpose.NEWSLETTER)
    assert in_force(person, Purpose.SURVEYS)
    assert not services.may_contact(person, Purpose.NEWSLETTER)
    consent = ConsentRecord.objects.get(person=person, purpose=Purpose.NEWSLETTER)
    assert consent.withdrawal_source == optout.THROUGH
    assert withdrawals() == 1


def test_a_replayed_link_says_already_opted_out_and_records_nothing_new(client: Client, world: World) -> None:
    person = consenting_person(world)
    path = optout_path(person, Purpose.NEWSLETTER, "en")
    client.post(path)
    for response in (client.post(path), client.get(path)):
        assert response.status_code == 200
        assert "You have already opted out" in response.content.decode()
    assert withdrawals() == 1
    assert ConsentRecord.objects.filter(person=person, purpose=Purpose.NEWSLETTER).count() == 1


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature altered
        lambda token: token.split(":")[0] + ":" + token.split(":", 1)[1][::-1],  # parts scrambled
        lambda token: "x" + token,
        lambda token: "nonsense",
    ],
    ids=["signature", "scrambled", "prefixed", "nonsense"],
)
def test_a_tampered_link_gets_a_clear_400_page_and_changes_nothing(
    client: Client, world: World, spoil: Any
) -> None:
    person = consenting_person(world)
    token = spoil(optout.make_person_token(person, Purpose.NEWSLETTER))
    with translation.override("en"):
        path = reverse("public:optout", args=[token])
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
        assert "Nothing was changed" in response.content.decode()
    assert in_force(person, Purpose.NEWSLETTER)
    assert withdrawals() == 0


def test_a_link_naming_someone_else_cannot_be_forged_from_a_valid_one(client: Client, world: World) -> None:
    victim = consenting_person(world)
    attacker = consenting_person(world)
    token = optout.make_person_token(attacker, Purpose.NEWSLETTER)
    _payload, rest = token.split(":", 1)
    forged_payload = signing.dumps({"k": "p", "id": victim.pk, "u": Purpose.NEWSLETTER}, salt="other").split(
        ":"
    )[0]
    response = client.post(reverse("public:optout", args=[forged_payload + ":" + rest]))
    assert response.status_code == 400
    assert in_force(victim, Purpose.NEWSLETTER)


def test_a_confirmation_token_is_not_an_opt_out_token(client: Client, world: World) -> None:
    join_request = make_join_request(world.partner, status=JoinRequestStatus.UNCONFIRMED)
    response = client.post(reverse("public:optout", args=[join.make_confirm_token(join_request)]))
    assert response.status_code == 400
    assert JoinRequest.objects.filter(pk=join_request.pk).exists()


def test_an_expired_link_gets_a_clear_400_page(client: Client, world: World, monkeypatch: Any) -> None:
    person = consenting_person(world)
    path = optout_path(person, Purpose.NEWSLETTER, "en")
    later = time.time() + (optout.link_days() + 1) * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.post(path)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert in_force(person, Purpose.NEWSLETTER)


def test_the_opt_out_form_needs_its_csrf_token(world: World) -> None:
    person = consenting_person(world)
    client = Client(enforce_csrf_checks=True)
    path = optout_path(person, Purpose.NEWSLETTER)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 403
    assert in_force(person, Purpose.NEWSLETTER)


def test_an_anonymised_person_has_nothing_left_to_stop(client: Client, world: World) -> None:
    from django.utils import timezone

    person = consenting_person(world)
    Person.objects.filter(pk=person.pk).update(anonymised_at=timezone.now())
    response = client.post(optout_path(person, Purpose.NEWSLETTER, "en"))
    assert response.status_code == 200
    assert "already opted out" in response.content.decode()
    assert withdrawals() == 0


def test_the_link_in_a_confirmation_email_withdraws_and_erases_the_pending_request(
    client: Client, world: World
) -> None:
    join_request = make_join_request(
        world.partner, status=JoinRequestStatus.UNCONFIRMED, email="x@example.org"
    )
    with translation.override("en"):
        path = reverse("public:optout", args=[optout.make_join_token(join_request)])
    assert "x***@example.org" in client.get(path).content.decode()
    assert JoinRequest.objects.filter(pk=join_request.pk).exists()
    response = client.post(path)
    assert response.status_code == 200
    assert not JoinRequest.objects.filter(pk=join_request.pk).exists()
    event = AuditEvent.objects.get(code="registry.join_request.withdrawn")
    assert "x@example.org" not in str(event.changes) + event.object_repr
    assert "already" in client.post(path).content.decode()
    assert AuditEvent.objects.filter(code="registry.join_request.withdrawn").count() == 1


def test_the_request_link_after_acceptance_withdraws_the_consent_it_gave(
    client: Client, world: World
) -> None:
    join_request = make_join_request(world.partner)
    person = join.accept_join_request(join_request, actor=world.staff)
    assert services.may_contact(person, join.JOIN_PURPOSE)
    client.post(reverse("public:optout", args=[optout.make_join_token(join_request)]))
    assert not services.may_contact(person, join.JOIN_PURPOSE)
    assert JoinRequest.objects.filter(pk=join_request.pk).exists()
