"""The demo's record: every held Mazovian meeting has approved minutes and its action items, one still
open, and the minutes page of the third meeting reads in Polish."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from secon.accounts.models import User
from secon.events import minutes as service
from secon.events.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItemKind,
    Event,
    EventStatus,
    MinutesStatus,
)
from secon.events.tests.builders import make_event

pytestmark = pytest.mark.django_db


def test_the_demo_meetings_have_approved_minutes_and_one_open_action_item(demo) -> None:
    meetings = list(
        Event.objects.filter(partner__slug="mazovia", ordinal__isnull=False).order_by("starts_at")
    )
    held = [m for m in meetings if m.status in service.HELD_STATUSES]

    assert len(held) >= 5
    for meeting in held:
        assert meeting.minutes_versions.filter(status=MinutesStatus.APPROVED).count() == 1, meeting
        assert meeting.status in (EventStatus.MINUTES_APPROVED, EventStatus.PUBLISHED)
    open_items = ActionItem.objects.filter(event__partner__slug="mazovia", status=ActionItemStatus.OPEN)
    assert [item.text_en for item in open_items] == [
        "Send comments on the premium criterion for social-economy entities"
    ]


def test_the_demos_open_action_item_is_carried_onto_the_next_meeting(demo) -> None:
    partner = Event.objects.filter(partner__slug="mazovia").first().partner  # type: ignore[union-attr]
    starts = dt.datetime(2031, 3, 14, 10, tzinfo=dt.UTC)

    following = make_event(partner, starts_at=starts, ends_at=starts + dt.timedelta(hours=3))

    arising = following.agenda_items.get(kind=AgendaItemKind.MATTERS_ARISING)
    assert "Przekazać uwagi do kryterium premiującego" in arising.description


def test_the_minutes_page_of_the_third_meeting_reads_in_polish(demo) -> None:
    third = Event.objects.get(partner__slug="mazovia", ordinal=3, type__code="rsg_meeting")
    client = Client()
    client.force_login(User.objects.get(email="koordynator@mazowsze.example"))

    page = client.get(reverse("manage:event_minutes", args=[third.pk]), headers={"accept-language": "pl"})

    text = page.content.decode()
    assert page.status_code == 200
    assert "zaakceptowana przez Lidera Projektu do prezentacji na forum europejskim" in text
    assert "Zatwierdzony" in text
