"""Migration 0009 moves KRS/NIP/REGON into identifier rows and back, and keeps statuses' codes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from secon.countries.profiles import load_country_profiles
from secon.registry.reference_data import load_country_reference_data, load_reference_data
from secon.tests.factories import make_partner, make_project

BEFORE = [("registry", "0008_person_given_names_and_surname"), ("countries", "0001_initial")]
AFTER = [("registry", "0009_country_profiles")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return list(executor.loader.graph.leaf_nodes())


@pytest.fixture
def back_to_latest() -> Iterator[None]:
    # Going back to 0008 unapplies every later migration of every app; the next tests need them all.
    yield
    migrate(latest())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_polish_numbers_and_statuses_survive_the_move_to_country_profiles_both_ways() -> None:
    # An earlier transactional test may have flushed the shipped rows: put them back first.
    load_country_profiles()
    load_reference_data()
    load_country_reference_data()
    old = migrate(BEFORE)
    # The projects app stays migrated to its latest state: its tables are written with today's models.
    partner = make_partner(make_project())
    kind = old.get_model("registry", "OrganisationType").objects.get(code="foundation")
    organisation = old.get_model("registry", "Organisation").objects.create(
        partner_id=partner.pk,
        name="Fundacja",
        type=kind,
        helix="civil_society",
        nip="5252248481",
        krs="0000012345",
    )
    old.get_model("registry", "OrganisationStatus").objects.create(
        organisation=organisation, kind="public_benefit", granted_on=dt.date(2020, 1, 1)
    )

    new = migrate(AFTER)
    numbers = new.get_model("registry", "OrganisationIdentifier").objects.filter(
        organisation_id=organisation.pk
    )
    assert dict(numbers.values_list("scheme__code", "value")) == {"nip": "5252248481", "krs": "0000012345"}
    status = new.get_model("registry", "OrganisationStatus").objects.get()
    assert status.kind.code == "public_benefit" and status.kind.country_id == "PL"
    assert new.get_model("registry", "OrganisationType").objects.get(code="foundation").country_id == "PL"

    back = migrate(BEFORE)
    restored = back.get_model("registry", "Organisation").objects.get(pk=organisation.pk)
    assert (restored.nip, restored.krs, restored.regon) == ("5252248481", "0000012345", "")
