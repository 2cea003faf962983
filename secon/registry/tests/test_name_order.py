"""The stored alphabetical key (`name_order`) follows each change of a name; lists sort from its index."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.module_loading import import_string

from conftest import World
from secon.core.collation import STORED_KEY_LENGTH, stored_sort_key
from secon.registry.models import Organisation, Person
from secon.registry.records import merge, services
from secon.registry.records.filters import OrganisationFilterForm, PersonFilterForm
from secon.registry.tests.test_import_services import NIP_A, checked, confirm
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _polish_interface(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"


def listed_organisations(client: Client, world: World, sort: str = "name") -> list[str]:
    client.force_login(world.staff)
    response = client.get(reverse("manage:organisation_list"), {"sort": sort})
    return [o.name for o in response.context["page"].object_list]


def listed_people(client: Client, world: World) -> list[str]:
    client.force_login(world.staff)
    response = client.get(reverse("manage:person_list"))
    return [p.full_name for p in response.context["page"].object_list]


def test_renaming_an_organisation_through_the_service_moves_it_in_the_list(
    client: Client, world: World
) -> None:
    renamed = make_organisation(world.partner, name="Łąkowa")
    make_organisation(world.partner, name="Maków")
    services.update_organisation(renamed, actor=world.staff, name="Żabia")
    assert listed_organisations(client, world) == ["Maków", "Żabia"]
    assert listed_organisations(client, world, "-name") == ["Żabia", "Maków"]
    renamed.refresh_from_db()
    assert renamed.name_order == stored_sort_key("Żabia", "pl")


def test_renaming_a_person_through_the_service_moves_them_in_the_list(client: Client, world: World) -> None:
    renamed = make_person(world.partner, full_name="Łucja Nowak")
    make_person(world.partner, full_name="Maria Nowak")
    services.update_person(renamed, actor=world.staff, given_names="Żaneta")
    assert listed_people(client, world) == ["Maria Nowak", "Żaneta Nowak"]


def test_an_import_keys_the_organisations_it_creates_and_renames(client: Client, world: World) -> None:
    make_organisation(world.partner, name="Łąkowa", nip=NIP_A)
    make_organisation(world.partner, name="Maków")
    confirm(world, checked(world, f"Nazwa;NIP\r\nŻabia;{NIP_A}\r\nŚląska;\r\nLipowa;\r\n"))
    assert listed_organisations(client, world) == ["Lipowa", "Maków", "Śląska", "Żabia"]


def test_an_import_keys_the_people_it_creates_and_renames(client: Client, world: World) -> None:
    make_person(world.partner, full_name="Łucja Nowak", email="lucja@example.org")
    make_person(world.partner, full_name="Maria Nowak")
    text = "Imię i nazwisko;E-mail\r\nŻaneta Nowak;lucja@example.org\r\nŚwiatosław Kos;\r\n"
    confirm(world, checked(world, text, "people"))
    assert listed_people(client, world) == ["Światosław Kos", "Maria Nowak", "Żaneta Nowak"]  # by surname


def test_the_survivor_of_a_merge_is_keyed_by_the_name_chosen(world: World) -> None:
    survivor = make_organisation(world.partner, name="Łąkowa")
    other = make_organisation(world.partner, name="Żabia")
    merged = merge.merge_organisations(survivor, actor=None, other=other, choices={"name": "other"})
    assert merged.name_order == stored_sort_key("Żabia", "pl")


def test_the_key_is_cut_to_the_column_and_holds_no_nul_which_postgresql_refuses(world: World) -> None:
    long_name = "Ż" * 300
    organisation = make_organisation(world.partner, name=long_name)
    organisation.refresh_from_db()
    assert organisation.name_order == stored_sort_key(long_name, "pl")
    assert len(organisation.name_order) == STORED_KEY_LENGTH
    assert "\x00" not in stored_sort_key("a b-c 1", "pl")


def test_the_migration_keys_records_written_before_it(world: World) -> None:
    organisation = make_organisation(world.partner, name="Śląska")
    person = make_person(world.partner, full_name="Żaneta Nowak")
    Organisation.objects.update(name_order="")
    Person.objects.update(name_order="")
    fill = import_string("secon.registry.migrations.0007_name_order_sort_keys.fill_sort_keys")
    fill(apps, SimpleNamespace(connection=connection))  # the schema editor as far as the function reads it
    organisation.refresh_from_db()
    person.refresh_from_db()
    assert organisation.name_order == stored_sort_key("Śląska", "pl")
    assert person.name_order == stored_sort_key("Żaneta Nowak", "pl")


def _every_offered_order() -> list[Any]:
    cases = []
    for form_class in (OrganisationFilterForm, PersonFilterForm):
        for sort, _label in form_class.base_fields["sort"].choices:  # type: ignore[attr-defined]
            cases.append(pytest.param(form_class, sort, id=f"{form_class.__name__}-{sort or 'default'}"))
    return cases


@pytest.mark.parametrize(("form_class", "sort"), _every_offered_order())
def test_the_lists_read_their_order_from_an_index(world: World, form_class: type, sort: str) -> None:
    if connection.vendor == "postgresql":
        # PostgreSQL picks by statistics, and a test table is tiny: forbid sorting and sequential scans,
        # so the plan can only avoid a Sort node if an index gives the list's order.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
    form = form_class({"sort": sort} if sort else {}, user=world.staff)
    assert not sort or form.is_valid(), form.errors
    plan = form.results()[:25].explain()
    assert "TEMP B-TREE" not in plan and " Sort " not in f" {plan} ", plan
    assert "_idx" in plan, plan


def test_keys_of_partners_of_different_languages_sort_together_on_the_letters_they_share() -> None:
    names = ["Adam", "Bożena", "Celina", "Dorota", "Zenon"]
    keys = {name: stored_sort_key(name, "pl" if index % 2 else "en") for index, name in enumerate(names)}
    assert sorted(names, key=keys.__getitem__) == names
