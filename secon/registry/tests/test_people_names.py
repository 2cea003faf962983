"""Given name(s) and surname: lists sort by surname, search finds either, every way in fills both."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from conftest import World
from secon.core.collation import stored_sort_key
from secon.registry import imports
from secon.registry.join import services as join
from secon.registry.models import Person
from secon.registry.models.people import split_full_name
from secon.registry.privacy import erasure
from secon.registry.tests.join_builders import make_join_request
from secon.registry.tests.test_import_services import checked, confirm
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db

MIGRATION = "secon.registry.migrations.0008_person_given_names_and_surname"


@pytest.fixture(autouse=True)
def _polish_interface(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"


def listed(client: Client, world: World, **query: str) -> list[str]:
    client.force_login(world.staff)
    response = client.get(reverse("manage:person_list"), query)
    return [p.full_name for p in response.context["page"].object_list]


def test_a_whole_name_is_split_at_the_last_word() -> None:
    assert split_full_name("  Anna Maria   Nowak-Jeziorańska ") == ("Anna Maria", "Nowak-Jeziorańska")
    assert split_full_name("Madonna") == ("", "Madonna")
    assert split_full_name("   ") == ("", "")


def test_the_list_sorts_by_surname_then_given_names_as_polish_readers_expect(
    client: Client, world: World
) -> None:
    for name in ["Zofia Nowak", "Adam Żak", "Anna Nowak", "Łucja Kos", "Bogdan Nowakowski", "Ewa Łoś"]:
        make_person(world.partner, full_name=name)
    expected = ["Łucja Kos", "Ewa Łoś", "Anna Nowak", "Zofia Nowak", "Bogdan Nowakowski", "Adam Żak"]
    assert listed(client, world) == expected
    assert listed(client, world, sort="-name") == expected[::-1]


def test_search_finds_a_person_by_given_name_or_by_surname(client: Client, world: World) -> None:
    make_person(world.partner, full_name="Grażyna Wiśniewska")
    make_person(world.partner, full_name="Jan Kowalski")
    assert listed(client, world, q="grazyna") == ["Grażyna Wiśniewska"]
    assert listed(client, world, q="wisniewska") == ["Grażyna Wiśniewska"]


def test_the_person_form_asks_for_given_names_and_surname_and_shows_both(
    client: Client, world: World
) -> None:
    client.force_login(world.staff)
    data = {"given_names": " Anna  Maria ", "surname": "Nowak", "title_form": "feminine", "language": "pl"}
    response = client.post(reverse("manage:person_create"), data)
    person = Person.objects.get(surname="Nowak")
    assert response.status_code == 302
    assert (person.given_names, person.surname, person.full_name) == (
        "Anna Maria",
        "Nowak",
        "Anna Maria Nowak",
    )
    page = client.get(reverse("manage:person_detail", args=[person.pk])).content.decode()
    assert "Anna Maria Nowak" in page and "Żeńska" in page


def test_a_person_without_a_surname_is_refused_with_a_field_message(client: Client, world: World) -> None:
    client.force_login(world.staff)
    response = client.post(reverse("manage:person_create"), {"given_names": "Anna", "language": "pl"})
    assert response.status_code == 200
    assert response.context["form"].errors["surname"]
    assert not Person.objects.exists()


def test_the_migration_splits_names_written_before_it_and_going_back_keys_them_as_before(
    world: World,
) -> None:
    person = make_person(world.partner, full_name="Żaneta Nowak")
    Person.objects.filter(pk=person.pk).update(
        full_name="Anna Maria  Nowak-Jeziorańska", given_names="", surname="", name_order=""
    )
    editor = SimpleNamespace(connection=connection)  # the schema editor as far as the functions read it
    import_string(f"{MIGRATION}.split_names")(apps, editor)
    person.refresh_from_db()
    assert (person.given_names, person.surname) == ("Anna Maria", "Nowak-Jeziorańska")
    assert person.full_name == "Anna Maria Nowak-Jeziorańska"
    assert person.name_order == stored_sort_key("Nowak-Jeziorańska\tAnna Maria", "pl")
    import_string(f"{MIGRATION}.key_by_full_name")(apps, editor)
    person.refresh_from_db()
    assert person.name_order == stored_sort_key("Anna Maria Nowak-Jeziorańska", "pl")


def test_an_import_with_given_names_and_surname_columns_fills_both(world: World) -> None:
    assert imports.suggest_mapping("people", ["Imię", "Nazwisko", "E-mail"]) == {
        "given_names": "Imię",
        "surname": "Nazwisko",
        "email": "E-mail",
    }
    confirm(world, checked(world, "Imię;Nazwisko;E-mail\r\nAnna Maria;Nowak;anna@example.org\r\n", "people"))
    person = Person.objects.get(email="anna@example.org")
    assert (person.given_names, person.surname, person.full_name) == (
        "Anna Maria",
        "Nowak",
        "Anna Maria Nowak",
    )


def test_an_import_with_one_column_of_whole_names_splits_them_at_the_last_word(world: World) -> None:
    confirm(world, checked(world, "Imię i nazwisko;E-mail\r\nJan Maria Rokita;jan@example.org\r\n", "people"))
    person = Person.objects.get(email="jan@example.org")
    assert (person.given_names, person.surname) == ("Jan Maria", "Rokita")


def test_an_import_that_names_a_known_person_again_updates_the_split_name(world: World) -> None:
    person = make_person(world.partner, full_name="Ewa Kos", email="ewa@example.org")
    confirm(world, checked(world, "Imię;Nazwisko;E-mail\r\nEwa;Kos-Nowak;ewa@example.org\r\n", "people"))
    person.refresh_from_db()
    assert (person.surname, person.full_name) == ("Kos-Nowak", "Ewa Kos-Nowak")


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"given_names": "Imię"}, "the surname, or the one that holds the full name"),
        ({"full_name": "Imię", "surname": "Nazwisko"}, "not both"),
    ],
)
def test_a_people_import_needs_the_surname_or_the_whole_name_but_not_both(
    mapping: dict[str, str], message: str
) -> None:
    with translation.override("en"):
        errors = imports.mapping_errors("people", ["Imię", "Nazwisko"], mapping)
    assert any(message in str(error) for error in errors), errors


def test_a_row_without_a_surname_is_a_bad_row_named_by_its_column(world: World) -> None:
    batch = checked(world, "Imię;Nazwisko;E-mail\r\nAnna;;anna@example.org\r\n", "people")
    assert batch.report["bad"][0]["line"] == 2
    assert batch.report["bad"][0]["column"] == "Nazwisko"


def test_the_join_form_asks_for_given_names_and_surname_and_the_person_keeps_them(world: World) -> None:
    join_request = make_join_request(world.partner, given_names="Marta", surname="Wójcik")
    assert join_request.full_name == "Marta Wójcik"
    person = join.accept_join_request(join_request, actor=world.staff)
    assert (person.given_names, person.surname, person.full_name) == ("Marta", "Wójcik", "Marta Wójcik")


def test_erasure_leaves_neither_given_names_nor_surname(world: World) -> None:
    person = make_person(world.partner, full_name="Zofia Przykładowa", title_form="feminine")
    erasure.anonymise_person(person, actor=world.coordinator, reason="request")
    person.refresh_from_db()
    assert person.given_names == "" and person.title_form == ""
    assert "Zofia" not in person.full_name and "Przykładowa" not in person.surname
    assert person.full_name == person.surname


def test_the_data_export_gives_both_parts_of_the_name(world: World) -> None:
    from secon.registry.privacy import export

    person = make_person(world.partner, full_name="Anna Maria Nowak")
    data: dict[str, Any] = export.collect_person_data(person)
    assert (data["person"]["given_names"], data["person"]["surname"]) == ("Anna Maria", "Nowak")
