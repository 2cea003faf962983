"""Answering an invitation through the personal link, without logging in, and the stakeholder's own page:
answers until the start, the same answer twice changing nothing, altered or revoked links refused, a
colleague coming instead registered with the clause shown, reminders once, own data and consents."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from secon.core.models import AuditEvent
from secon.events import invitations, sending
from secon.events.models import Answer, Delivery, Event, Invitation, InvitationSource
from secon.events.tests.test_invitations import member, upcoming_event
from secon.registry.models import ConsentRecord, LegalBasis, Person, Purpose
from secon.tests.factories import PASSWORD, make_person

pytestmark = pytest.mark.django_db


def english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def invited(world: Any, **event_fields: Any) -> Invitation:
    """One RSG member invited (and sent the invitation) to an upcoming meeting of world.partner."""
    event = upcoming_event(world.partner, **event_fields)
    person = member(world.partner)
    invitations.invite(event, invitations.rsg_members(event), actor=world.staff, source=InvitationSource.RSG)
    sending.send_queued(event.pk)
    return Invitation.objects.get(event=event, person=person)


def en(name: str, *args: Any) -> str:
    """A public address in English (the public site's language is in its path)."""
    with translation.override("en"):
        return reverse(name, args=args)


def rsvp_url(invitation: Invitation) -> str:
    return en("public:event_rsvp", invitations.rsvp_token(invitation))


def test_an_invitee_answers_yes_with_a_comment_through_the_link(world: Any) -> None:
    invitation = invited(world)
    page = english().get(rsvp_url(invitation))
    assert page.status_code == 200
    assert "Will you come?" in page.content.decode()

    response = english().post(rsvp_url(invitation), {"answer": "yes", "comment": "Z prezentacją"})

    assert response.status_code == 200
    assert "your answer is saved" in response.content.decode()
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.comment) == (Answer.YES, "Z prezentacją")
    assert invitation.answered_at is not None


def test_the_same_answer_twice_changes_nothing_and_records_one_event(world: Any) -> None:
    invitation = invited(world)
    english().post(rsvp_url(invitation), {"answer": "maybe"})
    first = Invitation.objects.get(pk=invitation.pk).answered_at

    response = english().post(rsvp_url(invitation), {"answer": "maybe"})

    assert response.status_code == 200
    assert "already saved" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).answered_at == first
    assert AuditEvent.objects.filter(code="events.invitation.answered").count() == 1


def test_the_answer_can_change_until_the_start_and_not_after(world: Any) -> None:
    invitation = invited(world)
    english().post(rsvp_url(invitation), {"answer": "yes"})
    english().post(rsvp_url(invitation), {"answer": "no"})
    assert Invitation.objects.get(pk=invitation.pk).answer == Answer.NO

    Event.objects.filter(pk=invitation.event_id).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    response = english().post(rsvp_url(invitation), {"answer": "yes"})

    assert response.status_code == 409
    assert "answers can no longer be changed" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).answer == Answer.NO


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: "nonsense"])
def test_an_altered_link_opens_a_clear_page_and_changes_nothing(world: Any, mangle: Any) -> None:
    invitation = invited(world)
    url = en("public:event_rsvp", mangle(invitations.rsvp_token(invitation)))

    assert english().get(url).status_code == 400
    response = english().post(url, {"answer": "yes"})

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).answer == ""


def test_a_revoked_link_no_longer_works(world: Any) -> None:
    invitation = invited(world)
    url = rsvp_url(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(nonce="0" * 32)  # a new link was issued

    response = english().post(url, {"answer": "yes"})

    assert response.status_code == 400
    assert Invitation.objects.get(pk=invitation.pk).answer == ""


def test_a_link_of_someone_not_invited_does_not_work(world: Any) -> None:
    event = upcoming_event(world.partner)
    person = member(world.partner, basis=False)
    invitations.invite(event, invitations.rsg_members(event), actor=None, source=InvitationSource.RSG)
    row = Invitation.objects.get(person=person)
    assert row.delivery == Delivery.EXCLUDED

    assert english().post(rsvp_url(row), {"answer": "yes"}).status_code == 400


def test_a_colleague_coming_instead_becomes_a_registry_person_with_the_basis_recorded(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = invited(world)
    page = english().get(rsvp_url(invitation)).content.decode()
    assert "art. 6(1)(e) GDPR" in page and "Information clause version" in page
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = english().post(
            rsvp_url(invitation),
            {
                "answer": "no",
                "send_substitute": "on",
                "substitute_given_names": "Ewa",
                "substitute_surname": "Zastępcza",
                "substitute_email": "Ewa.Zastepcza@example.org",
            },
        )

    assert response.status_code == 200
    colleague = Person.objects.get(email="ewa.zastepcza@example.org")
    assert colleague.partner_id == world.partner.pk
    basis = ConsentRecord.objects.in_force().get(person=colleague, purpose=Purpose.RSG_COMMUNICATION)
    assert basis.legal_basis == LegalBasis.PUBLIC_TASK and basis.text_version
    assert Invitation.objects.get(pk=invitation.pk).substitute == colleague
    theirs = Invitation.objects.get(event=invitation.event, person=colleague)
    assert (theirs.source, theirs.answer, theirs.delivery) == (
        InvitationSource.SUBSTITUTE,
        Answer.YES,
        Delivery.SENT,
    )
    assert [m.to[0] for m in mail.outbox] == ["ewa.zastepcza@example.org"]


def test_a_colleague_who_had_opted_out_is_not_invited_again(world: Any) -> None:
    invitation = invited(world)
    colleague = member(world.partner)
    from secon.registry.records import services as registry

    registry.withdraw_consent(
        colleague, actor=None, purpose=Purpose.RSG_COMMUNICATION, through="opt_out_link"
    )
    english().post(
        rsvp_url(invitation),
        {
            "answer": "no",
            "send_substitute": "on",
            "substitute_given_names": colleague.given_names,
            "substitute_surname": colleague.surname,
            "substitute_email": colleague.email,
        },
    )

    row = Invitation.objects.get(event=invitation.event, person=colleague)
    assert row.delivery == Delivery.EXCLUDED and row.excluded_reason == "opted_out"
    assert not ConsentRecord.objects.in_force().filter(person=colleague).exists()


def test_a_colleague_needs_a_no_and_all_their_details(world: Any) -> None:
    invitation = invited(world)
    response = english().post(
        rsvp_url(invitation), {"answer": "yes", "send_substitute": "on", "substitute_given_names": "Ewa"}
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "answer" in errors and "substitute_email" in errors
    assert Invitation.objects.get(pk=invitation.pk).answer == ""
    assert not Person.objects.filter(given_names="Ewa").exists()


def test_answers_are_rate_limited_per_address(world: Any, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": "2/h"}
    invitation = invited(world)
    english().post(rsvp_url(invitation), {"answer": "yes"})
    english().post(rsvp_url(invitation), {"answer": "no"})

    response = english().post(rsvp_url(invitation), {"answer": "maybe"})

    assert response.status_code == 429
    assert Invitation.objects.get(pk=invitation.pk).answer == Answer.NO


def test_the_organiser_sees_the_answers_and_counts(world: Any) -> None:
    invitation = invited(world)
    english().post(rsvp_url(invitation), {"answer": "yes", "comment": "Będę z prezentacją"})
    client = Client()
    client.force_login(world.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("manage:event_invitations", args=[invitation.event_id]))

    assert response.context["progress"].answers == {"yes": 1}
    assert "Będę z prezentacją" in response.content.decode()
    detail = client.get(reverse("manage:event_detail", args=[invitation.event_id]))
    assert detail.context["invitation_progress"].answers == {"yes": 1}


def test_reminders_go_once_to_yes_and_maybe_when_the_event_is_near(world: Any) -> None:
    start = timezone.now() + dt.timedelta(days=1)
    coming = invited(world, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    invitations.invite(
        coming.event, Person.objects.filter(pk=member(world.partner).pk), actor=None, source="list"
    )
    sending.send_queued(coming.event_id)
    english().post(rsvp_url(coming), {"answer": "yes"})
    mail.outbox.clear()

    assert sending.send_reminders() == 1
    assert sending.send_reminders() == 0
    assert [m.to[0] for m in mail.outbox] == [coming.person.email]
    assert "Reminder" in mail.outbox[0].subject or "Przypomnienie" in mail.outbox[0].subject


# --- The stakeholder's own page ----------------------------------------------------------------------------


def my_url(person: Person) -> str:
    return en("public:my_events", invitations.my_page_token(person))


def test_the_own_page_lists_meetings_answers_and_consents(world: Any) -> None:
    invitation = invited(world)
    english().post(rsvp_url(invitation), {"answer": "maybe"})

    response = english().get(my_url(invitation.person))

    assert response.status_code == 200
    body = response.content.decode()
    assert invitation.event.display_title in body and "Your answer: Maybe" in body
    assert "Regional Stakeholder Group work" in body
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_objecting_on_the_own_page_withdraws_the_basis_through_the_registry_and_is_audited(
    world: Any,
) -> None:
    invitation = invited(world)
    person = invitation.person

    response = english().post(my_url(person), {"action": "withdraw", "purpose": Purpose.RSG_COMMUNICATION})

    assert response.status_code == 302
    assert (
        not ConsentRecord.objects.in_force().filter(person=person, purpose=Purpose.RSG_COMMUNICATION).exists()
    )
    event = AuditEvent.objects.get(code="registry.consent.withdrawn")
    assert event.changes == {"purpose": Purpose.RSG_COMMUNICATION, "through": "my_page"}


def test_agreeing_twice_on_the_own_page_records_one_consent(world: Any) -> None:
    person = invited(world).person
    for _ in range(2):
        english().post(my_url(person), {"action": "give", "purpose": Purpose.NEWSLETTER})
    assert ConsentRecord.objects.filter(person=person, purpose=Purpose.NEWSLETTER).count() == 1


def test_changing_the_language_on_the_own_page_is_audited(world: Any) -> None:
    person = invited(world).person
    response = english().post(
        my_url(person), {"action": "data", "language": "en", "phone": "+48 22 000 00 00"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.language, person.phone) == ("en", "+48 22 000 00 00")
    assert AuditEvent.objects.filter(code="registry.person.updated").exists()


def test_an_own_page_link_stops_working_when_the_email_changes_or_is_altered(world: Any) -> None:
    person = invited(world).person
    url = my_url(person)
    assert english().get(url[:-3] + "xx/").status_code == 400
    Person.objects.filter(pk=person.pk).update(email="nowy@example.org")
    assert english().get(url).status_code == 400


def test_a_stakeholder_signing_in_lands_on_their_own_page(world: Any) -> None:
    make_person(world.partner, email=world.stakeholder.email)
    client = english()
    response = client.post(reverse("account_login"), {"login": world.stakeholder.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:my_events_signed_in")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Your meetings" in page.content.decode()


def test_the_own_page_asks_an_anonymous_visitor_to_sign_in(world: Any) -> None:
    response = english().get(en("public:my_events_signed_in"))
    assert response.status_code == 302 and "login" in response["Location"]


# --- Personal data ------------------------------------------------------------------------------------


def test_invitations_and_answers_are_in_the_persons_export(world: Any) -> None:
    from secon.registry.privacy.export import collect_person_data

    invitation = invited(world)
    english().post(rsvp_url(invitation), {"answer": "yes", "comment": "Będę z koleżanką"})

    rows = collect_person_data(invitation.person)["other"]["event_invitations"]

    assert [(r["event_id"], r["answer"], r["comment"]) for r in rows] == [
        (invitation.event_id, "yes", "Będę z koleżanką")
    ]


def test_erasure_keeps_the_answer_for_the_counts_empties_the_comment_and_kills_the_link(world: Any) -> None:
    from secon.registry.privacy.erasure import anonymise_person

    invitation = invited(world)
    url = rsvp_url(invitation)
    english().post(url, {"answer": "yes", "comment": "Przyjdę z Janem Kowalskim"})

    anonymise_person(invitation.person, actor=world.coordinator, reason="request")

    row = Invitation.objects.get(pk=invitation.pk)
    assert (row.answer, row.comment) == (Answer.YES, "")
    assert english().get(url).status_code == 400
    assert invitations.progress(row.event).answers == {"yes": 1}
