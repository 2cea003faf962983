"""Registry e-mails: only with a legal basis, after commit, in the recipient's language, with opt-out."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from conftest import World
from secon.registry import emails
from secon.registry.join import services as join
from secon.registry.models import ConsentRecord, JoinRequest, LegalBasis, Purpose
from secon.registry.records import services
from secon.registry.tests.join_builders import form_data, link_to, make_join_request
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db


def html_of(message: Any) -> str:
    return str(message.alternatives[0].content)


def with_consent(world: World, purpose: str = Purpose.NEWSLETTER, **fields: Any) -> Any:
    person = make_person(world.partner, **fields)
    services.record_consent(
        person, actor=None, purpose=purpose, legal_basis=LegalBasis.CONSENT, source="form"
    )
    return person


def assert_has_working_opt_out(message: Any, client: Client) -> None:
    """The link is in the text and the HTML and the List-Unsubscribe header, and opens without login."""
    path = link_to(message, "/opt-out/")
    html = html_of(message)
    assert path in html
    assert path in message.extra_headers["List-Unsubscribe"]
    assert client.get(path).status_code == 200


def test_nobody_is_emailed_without_a_legal_basis_for_the_purpose(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    person = with_consent(world, Purpose.SURVEYS)
    with django_capture_on_commit_callbacks(execute=True):
        sent = emails.send_to_person(
            person, Purpose.NEWSLETTER, template="join_welcome", context={"partner": world.partner}
        )
    assert sent is False
    assert mail.outbox == []


def test_a_withdrawn_consent_stops_the_emails(world: World, django_capture_on_commit_callbacks: Any) -> None:
    person = with_consent(world)
    services.withdraw_consent(person, actor=None, purpose=Purpose.NEWSLETTER, through="test")
    with django_capture_on_commit_callbacks(execute=True):
        assert not emails.send_to_person(
            person, Purpose.NEWSLETTER, template="join_welcome", context={"partner": world.partner}
        )
    assert mail.outbox == []


def test_an_email_to_a_person_carries_a_working_opt_out_link_in_text_and_html(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    person = with_consent(world, email="ola@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert emails.send_to_person(
            person, Purpose.NEWSLETTER, template="join_welcome", context={"partner": world.partner}
        )
    (message,) = mail.outbox
    assert message.to == ["ola@example.org"]
    assert html_of(message)
    assert_has_working_opt_out(message, client)


def test_the_email_is_in_the_recipients_language(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    person = with_consent(world, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        emails.send_to_person(
            person, Purpose.NEWSLETTER, template="join_welcome", context={"partner": world.partner}
        )
    (message,) = mail.outbox
    assert "Welcome" in message.subject
    assert "News and invitations to events" in message.body
    assert link_to(message, "/opt-out/").startswith("/en/")
    assert '<html lang="en">' in html_of(message)


def test_nothing_is_sent_when_the_write_is_rolled_back(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    person = with_consent(world)

    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Undo), transaction.atomic():
        emails.send_to_person(
            person, Purpose.NEWSLETTER, template="join_welcome", context={"partner": world.partner}
        )
        raise Undo
    assert mail.outbox == []


def test_the_plain_text_is_not_html_escaped(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        make_join_request(world.partner, full_name="Anna O'Brien & Syn", status="unconfirmed")
    (message,) = mail.outbox
    assert "Anna O'Brien & Syn" in message.body
    assert "&amp;" in html_of(message)


def test_every_email_of_the_join_journey_has_a_working_opt_out_link(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/pl/join/", form_data(world.partner, email="a@example.org"))
        client.post("/en/join/", form_data(world.partner, email="b@example.org"))
        client.post("/pl/join/", form_data(world.partner, email="a@example.org"))  # re-sent confirmation
    for message in list(mail.outbox):
        client.post(link_to(message, "/join/confirm/"))
    first, second = sorted(JoinRequest.objects.all(), key=lambda r: r.email)
    with django_capture_on_commit_callbacks(execute=True):
        join.accept_join_request(first, actor=world.staff)
        join.decline_join_request(second, actor=world.staff)
    assert len(mail.outbox) == 5
    for message in mail.outbox:
        assert_has_working_opt_out(message, client)
    assert urlparse(link_to(mail.outbox[1], "/opt-out/")).path.startswith("/en/")


def test_a_mail_server_failure_does_not_undo_the_request(
    client: Client, world: World, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    def refuse(self: Any, fail_silently: bool = False) -> int:
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pl/join/", form_data(world.partner))
    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1
    assert not ConsentRecord.objects.exists()
