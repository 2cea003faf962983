"""Scenario for secon.core.tests.race: reviewers confirming different steps on one practice at once."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from secon.accounts.models import Role
from secon.core.models import AuditEvent
from secon.core.tests.race import in_parallel
from secon.practices.models import GoodPractice, State
from secon.practices.tests.builders import make_practice
from secon.tests.factories import make_partner, make_user

# Each reviewer opened the practice while it was submitted and confirms a different step.
STEPS = ["accept", "return", "reject", "accept", "return"]


def reviewers_at_once() -> dict[str, Any]:
    partner = make_partner(slug="race", name="Race")
    lead_partner = make_partner(slug="race-lead", name="Race Lead")
    staff = make_user(partner=partner)
    reviewers = [make_user(Role.LEAD_COORDINATOR, partner=lead_partner) for _step in STEPS]
    # No registry reference data is needed: the race is about the Lead Partner's decision.
    practice = make_practice(partner, actor=staff, main_institution=None)
    GoodPractice.objects.filter(pk=practice.pk).update(state=State.SUBMITTED)

    def post(index: int) -> int:
        client = Client()
        client.force_login(reviewers[index])
        step = STEPS[index]
        url = reverse("manage:practice_step", kwargs={"pk": practice.pk, "step": step})
        data = {f"{step}-state": "submitted", f"{step}-comment": "Uwagi recenzenta."}
        return client.post(url, data).status_code

    statuses = in_parallel(len(STEPS), post)
    codes = ["practices.practice.accepted", "practices.practice.returned", "practices.practice.rejected"]
    return {
        "statuses": sorted(s for s in statuses if isinstance(s, int)),
        "errors": [repr(s) for s in statuses if not isinstance(s, int)],
        "state": GoodPractice.objects.get(pk=practice.pk).state,
        "steps": AuditEvent.objects.filter(code__in=codes, object_id=str(practice.pk)).count(),
    }
