"""The demo: Mazovia's two practices of the 3rd RSG meeting, accepted, and others along the path; twice."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from secon.practices.models import GoodPractice, State

pytestmark = pytest.mark.django_db


def test_the_demo_holds_mazovias_two_accepted_practices_presented_at_the_third_meeting(demo: None) -> None:
    mazovia = {
        str(p.version_in("en").title): p  # type: ignore[union-attr]
        for p in GoodPractice.objects.filter(partner__slug="mazovia").prefetch_related("versions")
    }

    assert len(mazovia) == 2
    for practice in mazovia.values():
        assert practice.state == State.ACCEPTED
        assert {v.language for v in practice.versions.all()} == {"pl", "en"}
        assert all(not v.missing_fields() for v in practice.versions.all())
        assert [e.starts_at.date().isoformat() for e in practice.presented_at.all()] == ["2024-02-23"]
        assert practice.public_contact is not None  # the presenters consented to publication
        assert practice.in_place_two_years
    drobin = next(p for title, p in mazovia.items() if "Drobin" in title)
    assert drobin.main_institution is not None and drobin.main_institution.short_name == "CUS Drobin"


def test_other_partners_practices_are_spread_over_the_review_path(demo: None) -> None:
    states = set(GoodPractice.objects.exclude(partner__slug="mazovia").values_list("state", flat=True))

    assert {State.DRAFT, State.SUBMITTED, State.RETURNED, State.VALIDATED} <= states


def test_the_demo_sends_no_e_mail_for_the_steps_it_writes(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())

    assert not [m for m in mail.outbox if "Good practice" in m.subject or "Dobra praktyka" in m.subject]


def test_loading_the_demo_again_changes_nothing(demo: None) -> None:
    before = list(GoodPractice.objects.order_by("pk").values_list("pk", "state"))

    call_command("seed_demo", stdout=io.StringIO())

    assert list(GoodPractice.objects.order_by("pk").values_list("pk", "state")) == before
