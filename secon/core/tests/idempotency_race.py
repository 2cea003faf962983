"""Scenario for secon.core.tests.race: one organisation form sent ten times at the same moment."""

from __future__ import annotations

from typing import Any

from django.test import Client

from secon.accounts.models import Role
from secon.core.idempotency import FIELD, new_token
from secon.core.tests.race import in_parallel
from secon.registry.models import Organisation, OrganisationType
from secon.tests.factories import make_partner, make_user


def double_click() -> dict[str, Any]:
    partner = make_partner(slug="race-once", name="Race")
    user = make_user(Role.COORDINATOR, partner=partner, email="race-once@example.org")
    kind, _ = OrganisationType.objects.get_or_create(
        code="race-foundation", defaults={"name": "Fundacja", "name_en": "Foundation"}
    )
    data = {"name": "Fundacja Wyścig", "type": kind.pk, "helix": "civil_society", FIELD: new_token()}
    clients = []
    for _ in range(10):  # signed in beforehand: only the posts race
        client = Client()
        client.force_login(user)
        clients.append(client)

    def post(n: int) -> Any:
        return clients[n].post("/manage/registry/organisations/new/", data)

    responses = in_parallel(10, post)
    done = [r for r in responses if not isinstance(r, Exception)]
    return {
        "statuses": [r.status_code for r in done],
        "locations": [r.get("Location", "") for r in done],
        "errors": [repr(r) for r in responses if isinstance(r, Exception)],
        "created": Organisation.objects.filter(partner=partner).count(),
    }
