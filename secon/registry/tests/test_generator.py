"""The scaled registry generator and the faulty import files it writes."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from conftest import World
from secon.countries.checks import get_check
from secon.registry.generator import random_nip, random_regon, write_organisation_import_csv
from secon.registry.models import Affiliation, Organisation, OrganisationIdentifier, Person
from secon.tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def test_generated_identifiers_pass_their_checksums() -> None:
    import random

    rng = random.Random(5)
    for _ in range(200):
        assert get_check("pl.nip").validate(random_nip(rng))
        assert get_check("pl.regon").validate(random_regon(rng))


def test_generate_registry_command_adds_valid_searchable_records(world: World) -> None:
    out = io.StringIO()
    call_command("generate_registry", partner="mazovia", organisations=120, people=200, seed=3, stdout=out)
    assert "120 organisations" in out.getvalue()
    organisations = Organisation.objects.for_partner(world.partner.pk)
    assert organisations.count() == 120
    assert Person.objects.for_partner(world.partner.pk).count() == 200
    assert Affiliation.objects.filter(person__partner=world.partner).count() == 200
    nips = list(OrganisationIdentifier.objects.filter(scheme__code="nip").values_list("value", flat=True))
    assert len(set(nips)) == 120
    first = organisations.first()
    assert first is not None
    first.full_clean()  # every generated field passes the model's own validation
    assert organisations.search(first.name.split()[0]).exists()
    assert organisations.exclude(territory=None).count() == 120


def test_generator_never_reuses_an_identifier_already_in_the_registry(world: World) -> None:
    call_command(
        "generate_registry", partner="mazovia", organisations=50, people=0, seed=1, stdout=io.StringIO()
    )
    call_command(
        "generate_registry", partner="mazovia", organisations=50, people=0, seed=1, stdout=io.StringIO()
    )
    nips = list(
        OrganisationIdentifier.objects.filter(
            organisation__partner=world.partner, scheme__code="nip"
        ).values_list("value", flat=True)
    )
    assert len(nips) == len(set(nips)) == 100


def test_generate_registry_refuses_an_unknown_partner(world: World) -> None:
    with pytest.raises(CommandError, match="nowhere"):
        call_command("generate_registry", partner="nowhere", stdout=io.StringIO())


def test_import_file_has_the_requested_shares_of_bad_rows_and_duplicates(world: World) -> None:
    make_organisation(world.partner)  # reference data is loaded
    stream = io.StringIO()
    stats = write_organisation_import_csv(stream, rows=1000, bad_share=0.01, duplicate_share=0.05, seed=2)
    rows = list(csv.reader(io.StringIO(stream.getvalue()), delimiter=";"))
    assert len(rows) == 1001
    assert stats.bad == 10
    assert 45 <= stats.duplicates <= 50
