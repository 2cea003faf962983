"""Scenario for secon.core.tests.race: thirty “join us” forms posted at once from one address."""

from __future__ import annotations

from typing import Any

from django.test import Client

from secon.core.tests.race import in_parallel
from secon.registry.models import JoinRequest
from secon.registry.tests.join_builders import form_data
from secon.tests.factories import make_partner


def burst() -> dict[str, Any]:
    partner = make_partner(slug="race", name="Race")
    forms = [form_data(partner, email=f"visitor{n}@example.org") for n in range(30)]

    def post(n: int) -> int:
        return Client(REMOTE_ADDR="198.51.100.23").post("/pl/join/", forms[n]).status_code

    statuses = in_parallel(30, post)
    return {
        "statuses": sorted(s for s in statuses if isinstance(s, int)),
        "errors": [repr(s) for s in statuses if not isinstance(s, int)],
        "stored": JoinRequest.objects.filter(partner=partner).count(),
    }
