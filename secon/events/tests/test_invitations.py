"""Inviting a registry segment to an event through the back office, and the worker that sends them:
personal e-mails with the agenda and a calendar entry, exactly once per person, updates and cancellations,
and everyone who may not be e-mailed listed as not invited with the reason."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from secon.events import sending, services
from secon.events.models import Delivery, Event, EventStatus, ExclusionReason, Invitation
from secon.events.tests.builders import make_agenda_item, make_event
from secon.registry.models import ConsentSource, LegalBasis, Person, Purpose
from secon.registry.records import services as registry
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

TOKEN = "i" * 43


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def upcoming_event(partner: Any, **fields: Any) -> Event:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
    values = {"starts_at": start, "ends_at": start + dt.timedelta(hours=3), **fields}
    return make_event(partner, **values)


def member(partner: Any, *, basis: bool = True, **fields: Any) -> Person:
    """A person in the partner's RSG since last year, with a legal basis for RSG work unless told not."""
    person = make_person(partner, **fields)
    organisation = make_organisation(partner)
    registry.add_membership(
        person, actor=None, organisation=organisation, since=timezone.localdate() - dt.timedelta(days=365)
    )
    if basis:
        registry.record_consent(
            person,
            actor=None,
            purpose=Purpose.RSG_COMMUNICATION,
            legal_basis=LegalBasis.PUBLIC_TASK,
            source=ConsentSource.STAFF,
        )
    return person


def invite_members(world: Any, event: Event, capture: Any) -> Any:
    with capture(execute=True):
        return _client(world.staff).post(
            reverse("manage:event_invite", args=[event.pk]), {"segment": "rsg", "once_token": TOKEN}
        )


def test_the_invite_page_shows_who_will_be_invited_and_who_not_with_the_reason(world: Any) -> None:
    event = upcoming_event(world.partner)
    member(world.partner)
    member(world.partner, basis=False)
    withdrawn = member(world.partner)
    registry.withdraw_consent(
        withdrawn, actor=None, purpose=Purpose.RSG_COMMUNICATION, through="opt_out_link"
    )

    response = _client(world.staff).get(reverse("manage:event_invite", args=[event.pk]))

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (preview.total, preview.to_invite) == (3, 1)
    assert preview.excluded == {ExclusionReason.NO_BASIS: 1, ExclusionReason.OPTED_OUT: 1}
    assert Invitation.objects.count() == 0  # a GET changes nothing


def test_inviting_rsg_members_sends_each_a_personal_email_with_agenda_and_calendar_entry(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = upcoming_event(world.partner)
    make_agenda_item(event, title="Otwarcie posiedzenia", title_en="Opening")
    polish = member(world.partner, language="pl")
    english = member(world.partner, language="en")
    no_basis = member(world.partner, basis=False)
    outsider = make_person(world.partner)  # not in the group: not invited at all

    response = invite_members(world, event, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert {m.to[0] for m in mail.outbox} == {polish.email, english.email}
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Otwarcie posiedzenia" in by_address[polish.email].body
    assert "Zaproszenie" in by_address[polish.email].subject
    assert "Opening" in by_address[english.email].body
    assert by_address[english.email].reply_to == [world.staff.email]
    assert "Co-funded by the European Union" in by_address[english.email].body
    attachments = {
        name: (content, mimetype) for name, content, mimetype in by_address[english.email].attachments
    }
    assert attachments["agenda-en.pdf"][0].startswith(b"%PDF")  # the agenda, in the invitee's language
    assert "agenda-pl.pdf" in {name for name, _c, _m in by_address[polish.email].attachments}
    ics, mimetype = attachments["invite.ics"]
    assert "method=REQUEST" in mimetype
    assert f"UID:{event.uid}@secon" in ics and "METHOD:REQUEST" in ics and "SEQUENCE:0" in ics
    excluded = Invitation.objects.get(person=no_basis)
    assert (excluded.delivery, excluded.excluded_reason) == (Delivery.EXCLUDED, ExclusionReason.NO_BASIS)
    assert not Invitation.objects.filter(person=outsider).exists()
    event.refresh_from_db()
    assert event.status == EventStatus.INVITATIONS_SENT


def test_the_invitations_page_lists_the_not_invited_with_the_reason(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = upcoming_event(world.partner)
    member(world.partner)
    nameless = member(world.partner, basis=True)
    Person.objects.filter(pk=nameless.pk).update(email="")
    invite_members(world, event, django_capture_on_commit_callbacks)

    response = _client(world.staff).get(
        reverse("manage:event_invitations", args=[event.pk]), {"show": "excluded"}
    )

    assert response.status_code == 200
    assert "No e-mail address" in response.content.decode()
    assert response.context["progress"].excluded == 1


def test_inviting_twice_sends_nobody_a_second_invitation(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = upcoming_event(world.partner)
    member(world.partner)
    invite_members(world, event, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        _client(world.staff).post(
            reverse("manage:event_invite", args=[event.pk]), {"segment": "rsg", "once_token": "j" * 43}
        )

    assert len(mail.outbox) == 1
    assert Invitation.objects.filter(event=event).count() == 1


def test_a_people_list_is_re_evaluated_on_the_server_and_bounded(
    world: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    event = upcoming_event(world.partner)
    chosen = member(world.partner, surname="Zielińska")
    member(world.partner, surname="Kowalski")
    foreign = member(world.other_partner, surname="Zielińska")
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(world.staff).post(
            reverse("manage:event_invite", args=[event.pk]),
            {"segment": "list", "q": "Zielińska", "once_token": TOKEN},
        )
    assert response.status_code == 302
    assert [m.to[0] for m in mail.outbox] == [chosen.email]
    assert not Invitation.objects.filter(person=foreign).exists()

    settings.EVENT_MAX_INVITEES = 1
    response = _client(world.staff).post(
        reverse("manage:event_invite", args=[event.pk]), {"segment": "list", "q": "", "once_token": "k" * 43}
    )
    assert response.status_code == 400
    assert "narrow it down" in response.content.decode()
    assert Invitation.objects.filter(event=event).count() == 1


def test_staff_of_another_partner_cannot_invite(world: Any) -> None:
    event = upcoming_event(world.partner)
    response = _client(world.other_staff).post(
        reverse("manage:event_invite", args=[event.pk]), {"segment": "rsg", "once_token": TOKEN}
    )
    assert response.status_code in (403, 404)
    assert Invitation.objects.count() == 0


def test_nothing_is_sent_for_an_event_that_has_started(world: Any) -> None:
    event = upcoming_event(world.partner)
    member(world.partner)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=1))

    response = _client(world.staff).post(
        reverse("manage:event_invite", args=[event.pk]), {"segment": "rsg", "once_token": TOKEN}
    )

    assert response.status_code == 400
    assert "already started" in response.content.decode()
    assert Invitation.objects.count() == 0


def test_a_worker_killed_between_batches_and_restarted_sends_each_person_exactly_one(
    world: Any, settings: Any
) -> None:
    settings.EVENT_INVITATION_BATCH = 2
    event = upcoming_event(world.partner)
    people = [member(world.partner) for _ in range(5)]
    from secon.events import invitations

    invitations.invite(
        event, invitations.rsg_members(event), actor=world.staff, source="rsg"
    )  # no commit: queued
    assert len(mail.outbox) == 0

    sending.send_queued(event.pk, max_batches=1)  # the worker is killed after its first batch
    assert len(mail.outbox) == 2
    sending.send_queued(event.pk)  # restarted
    sending.send_queued(event.pk)  # and run once more for good measure

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert set(Invitation.objects.values_list("delivery", flat=True)) == {Delivery.SENT}


def test_a_row_left_sending_by_a_killed_worker_is_shown_uncertain_and_not_resent(world: Any) -> None:
    event = upcoming_event(world.partner)
    person = member(world.partner)
    from secon.events import invitations

    invitations.invite(event, invitations.rsg_members(event), actor=None, source="rsg")
    Invitation.objects.filter(person=person).update(
        delivery=Delivery.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1)
    )

    sending.send_queued(event.pk)

    assert len(mail.outbox) == 0
    assert Invitation.objects.get(person=person).delivery == Delivery.UNCERTAIN


def test_moving_the_event_sends_an_update_with_a_higher_sequence_once(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = upcoming_event(world.partner)
    member(world.partner)
    invite_members(world, event, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event,
            actor=world.staff,
            starts_at=event.starts_at + dt.timedelta(hours=1),
            ends_at=event.ends_at + dt.timedelta(hours=1),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, actor=world.staff, title_en="Changed only in English")  # not a move

    assert len(mail.outbox) == 1
    ics = mail.outbox[0].attachments[-1][1]
    assert "SEQUENCE:1" in ics and "METHOD:REQUEST" in ics
    sending.send_changes(event.pk)  # a second run finds nothing left to send
    assert len(mail.outbox) == 1


def test_cancelling_sends_a_cancellation_to_every_invitee(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = upcoming_event(world.partner)
    member(world.partner)
    invite_members(world, event, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event, actor=world.staff, reason="Brak kworum")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    ics = message.attachments[-1][1]
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics and "SEQUENCE:1" in ics
    assert "Brak kworum" in message.body


def test_the_progress_fragment_polls_while_sending_and_stops_when_done(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = upcoming_event(world.partner)
    member(world.partner)
    from secon.events import invitations

    invitations.invite(event, invitations.rsg_members(event), actor=None, source="rsg")
    url = reverse("manage:event_invitation_progress", args=[event.pk])
    assert 'hx-trigger="every 2s"' in _client(world.staff).get(url).content.decode()

    sending.send_queued(event.pk)

    body = _client(world.staff).get(url).content.decode()
    assert "every 2s" not in body and "1 of 1" in body
    assert 'hx-trigger="every 30s"' in body  # answers keep coming in until the meeting starts


def test_sending_stopped_by_a_killed_worker_is_resumed_by_the_hourly_command(world: Any) -> None:
    from django.core.management import call_command

    from secon.events import invitations

    event = upcoming_event(world.partner)
    people = [member(world.partner) for _ in range(3)]
    invitations.invite(event, invitations.rsg_members(event), actor=None, source="rsg")  # the task never ran
    Invitation.objects.filter(person=people[0]).update(
        delivery=Delivery.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1)
    )

    call_command("send_event_reminders", stdout=io.StringIO())  # the immediate backend runs the task

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[1:])
    assert Invitation.objects.get(person=people[0]).delivery == Delivery.UNCERTAIN


def test_invitations_still_queued_when_the_event_is_cancelled_are_never_sent(world: Any) -> None:
    from secon.events import invitations

    event = upcoming_event(world.partner)
    member(world.partner)
    invitations.invite(event, invitations.rsg_members(event), actor=None, source="rsg")  # not sent yet
    services.cancel_event(event, actor=world.staff, reason="Brak kworum")

    sending.send_all(event.pk)

    assert mail.outbox == []
    assert not invitations.progress(Event.objects.get(pk=event.pk)).working  # the page stops polling
