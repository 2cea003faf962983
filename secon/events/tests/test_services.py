"""Events through their services: numbering, semesters, the checks on time and place, the status flow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from secon.core.models import AuditEvent
from secon.events import services
from secon.events.models import Event, EventStatus
from secon.events.tests.builders import at, make_event
from secon.events.tests.minutes_builders import make_minutes

pytestmark = pytest.mark.django_db


def test_rsg_meetings_are_numbered_per_partner_and_a_number_is_never_given_twice(world):
    first = make_event(world.partner)
    second = make_event(world.partner, starts_at=at("2024-03-01"), ends_at=at("2024-03-01", 12))
    elsewhere = make_event(world.other_partner)
    seminar = make_event(world.partner, type_code="seminar")
    assert (first.ordinal, second.ordinal, elsewhere.ordinal, seminar.ordinal) == (1, 2, 1, None)
    second.delete()
    third = make_event(world.partner)
    assert third.ordinal == 3


def test_the_semester_follows_from_the_date_in_the_events_time_zone(world):
    # The project starts on 1 March 2023 with six-month semesters: 23 Feb 2024 is in semester 2, and
    # 00:30 on 1 March in Warsaw is already semester 3 although it is still February in UTC.
    assert make_event(world.partner).semester == 2
    late = make_event(world.partner, starts_at=at("2024-03-01", 0, 30), ends_at=at("2024-03-01", 2))
    assert late.semester == 3


def test_an_event_that_ends_before_it_starts_is_refused_and_nothing_is_saved(world, english):
    with pytest.raises(ValidationError) as error:
        make_event(world.partner, starts_at=at("2024-02-23", 12), ends_at=at("2024-02-23", 10))
    assert "The event must end after it starts." in str(error.value)
    assert not Event.objects.exists()
    assert not AuditEvent.objects.filter(code="events.event.created").exists()


def test_the_database_itself_refuses_an_event_ending_before_it_starts(world):
    event = make_event(world.partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at - dt.timedelta(hours=1))


def test_an_event_needs_a_venue_or_an_online_link(world, english):
    with pytest.raises(ValidationError) as error:
        make_event(world.partner, venue_name="", venue_address="")
    assert "online meeting link" in str(error.value)
    online = make_event(
        world.partner, venue_name="", venue_address="", online_url="https://meet.example.org/x"
    )
    assert online.is_online and not online.has_venue


def test_moving_an_event_raises_its_calendar_sequence_and_is_audited_as_a_move(world):
    event = make_event(world.partner)
    moved = services.update_event(
        event, actor=world.staff, starts_at=at("2024-02-26", 10), ends_at=at("2024-02-26", 12)
    )
    assert moved.sequence == 1
    audit = AuditEvent.objects.filter(code="events.event.moved").get()
    assert set(audit.changes) == {"starts_at", "ends_at"}
    renamed = services.update_event(moved, actor=world.staff, title="Nowy tytuł")
    assert renamed.sequence == 1
    assert AuditEvent.objects.filter(code="events.event.updated").exists()


def test_the_status_moves_forward_only_along_the_allowed_steps(world, english):
    event = make_event(world.partner)
    with pytest.raises(ValidationError):
        services.change_status(event, actor=world.coordinator, status=EventStatus.PUBLISHED)
    event = services.change_status(event, actor=world.staff, status=EventStatus.HELD)
    with pytest.raises(ValidationError, match="coordinator"):
        services.change_status(event, actor=world.staff, status=EventStatus.MINUTES_APPROVED)
    with pytest.raises(ValidationError, match="when its minutes are approved"):
        services.change_status(event, actor=world.coordinator, status=EventStatus.MINUTES_APPROVED)
    make_minutes(event, approved=True)  # approving the minutes moves the event on
    event.refresh_from_db()
    event = services.change_status(event, actor=world.coordinator, status=EventStatus.PUBLISHED)
    assert event.status == EventStatus.PUBLISHED
    trail = AuditEvent.objects.filter(code="events.event.status_changed").order_by("pk")
    assert [c["status"][1] for c in trail.values_list("changes", flat=True)] == [
        "held",
        "minutes_approved",
        "published",
    ]


def test_a_future_event_cannot_be_marked_as_held(world, english):
    soon = timezone.now() + dt.timedelta(days=3)
    event = make_event(world.partner, starts_at=soon, ends_at=soon + dt.timedelta(hours=2))
    with pytest.raises(ValidationError, match="not started"):
        services.change_status(event, actor=world.staff, status=EventStatus.HELD)


def test_cancelling_needs_a_reason_keeps_the_number_and_raises_the_sequence(world):
    event = make_event(world.partner)
    with pytest.raises(ValidationError):
        services.cancel_event(event, actor=world.staff, reason="  ")
    cancelled = services.cancel_event(event, actor=world.staff, reason="Brak kworum")
    assert (cancelled.status, cancelled.ordinal, cancelled.sequence) == (EventStatus.CANCELLED, 1, 1)
    assert AuditEvent.objects.get(code="events.event.cancelled").changes["reason"] == "Brak kworum"
    assert make_event(world.partner).ordinal == 2
