"""Erasure and the audit log: a person's values are found in other records' events whatever the letters."""

from __future__ import annotations

import pytest

from conftest import World
from secon.core.audit import record_event
from secon.core.models import AuditEvent
from secon.core.scrubbing import ERASED
from secon.registry.privacy.erasure import anonymise_person
from secon.tests.factories import make_organisation, make_person

NAME = "Łucja Żółć"


@pytest.mark.parametrize("mention", [NAME, NAME.upper(), NAME.lower()], ids=["as-written", "upper", "lower"])
def test_a_non_ascii_name_in_another_records_event_is_erased_in_any_case(world: World, mention: str) -> None:
    person = make_person(world.partner, full_name=NAME, email="lucja@example.org")
    organisation = make_organisation(world.partner)
    record_event(
        "registry.organisation.updated",
        actor=world.staff,
        obj=organisation,
        changes={"contact": [f"{mention}, tel. 600", "Jan Inny"]},
    )
    anonymise_person(person, actor=world.coordinator, reason="request")
    event = AuditEvent.objects.get(code="registry.organisation.updated")
    assert event.changes == {"contact": [f"{ERASED}, tel. 600", "Jan Inny"]}
    assert event.scrubbed


def test_events_the_erasure_did_not_touch_are_not_marked_scrubbed(world: World) -> None:
    person = make_person(world.partner, full_name=NAME)
    organisation = make_organisation(world.partner)
    record_event("registry.organisation.updated", actor=world.staff, obj=organisation, changes={"x": "Jan"})
    anonymise_person(person, actor=world.coordinator, reason="request")
    assert not AuditEvent.objects.get(code="registry.organisation.updated").scrubbed
    assert not AuditEvent.objects.get(code="registry.person.anonymised").scrubbed
