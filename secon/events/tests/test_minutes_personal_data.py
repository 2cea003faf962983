"""Action items a person owns in their GDPR export and erasure: the action stays, the owner goes."""

from __future__ import annotations

import pytest

from conftest import World
from secon.events.models import ActionItem
from secon.events.tests.minutes_builders import make_action_item, make_held_event
from secon.registry.privacy.erasure import anonymise_person
from secon.registry.privacy.export import collect_person_data
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_action_items_a_person_owns(world: World) -> None:
    person = make_person(world.partner, full_name="Anna Nowak")
    action = make_action_item(make_held_event(world.partner), owner_person=person, text="Przygotować ankietę")

    rows = collect_person_data(person)["other"]["event_action_items"]

    assert [(row["event_id"], row["action"], row["status"]) for row in rows] == [
        (action.event_id, "Przygotować ankietę", "open")
    ]


def test_erasure_keeps_the_action_item_without_its_owner(world: World) -> None:
    person = make_person(world.partner, full_name="Anna Nowak")
    action = make_action_item(make_held_event(world.partner), owner_person=person)

    anonymise_person(person, actor=world.coordinator, reason="request")

    kept = ActionItem.objects.get(pk=action.pk)
    assert kept.owner_person is None and kept.text == action.text
