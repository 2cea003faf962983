"""Titles the platform writes take the person's form ("Przewodnicząca"); typed positions stay as typed."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World
from secon.registry.records import services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


def page(client: Client, world: World, language: str, name: str, *args: int) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(world.staff)
    return html.unescape(client.get(reverse(name, args=args)).content.decode())


@pytest.fixture
def chairs(world: World) -> dict[str, object]:
    organisation = make_organisation(world.partner, name="Urząd Marszałkowski")
    woman = make_person(world.partner, full_name="Aleksandra Szwed", title_form="feminine", roles=["chair"])
    man = make_person(world.partner, full_name="Krzysztof Pilecki", title_form="masculine", roles=["chair"])
    unsaid = make_person(world.partner, full_name="Alex Nowak", roles=["chair"])
    for person in (woman, man, unsaid):
        services.add_membership(
            person, actor=None, organisation=organisation, since=dt.date(2024, 1, 1), role="chair"
        )
    services.set_affiliation(woman, actor=None, organisation=organisation, position="Zastępca Dyrektora")
    return {"woman": woman, "man": man, "unsaid": unsaid, "organisation": organisation}


def test_a_woman_chairing_the_rsg_is_przewodniczaca_on_polish_pages(
    client: Client, world: World, chairs: dict[str, object]
) -> None:
    woman = chairs["woman"]
    rsg = page(client, world, "pl", "manage:rsg")
    row = rsg[rsg.index("Aleksandra Szwed") :]
    assert "Przewodnicząca" in row[: row.index("</tr>")]
    detail = page(client, world, "pl", "manage:person_detail", woman.pk)  # type: ignore[attr-defined]
    assert "Przewodnicząca" in detail and "Przewodniczący" not in detail


def test_a_man_chairing_is_przewodniczacy_and_english_pages_say_chair(
    client: Client, world: World, chairs: dict[str, object]
) -> None:
    man = chairs["man"]
    detail = page(client, world, "pl", "manage:person_detail", man.pk)  # type: ignore[attr-defined]
    assert "Przewodniczący" in detail and "Przewodnicząca" not in detail
    english = page(client, world, "en", "manage:person_detail", man.pk)  # type: ignore[attr-defined]
    assert "Chair" in english


def test_a_person_who_has_not_said_gets_both_forms_not_a_masculine_default(
    client: Client, world: World, chairs: dict[str, object]
) -> None:
    unsaid = chairs["unsaid"]
    with translation.override("pl"):
        assert unsaid.get_roles_display() == ["Przewodnicząca/Przewodniczący"]  # type: ignore[attr-defined]
        assert unsaid.memberships.get().role_title == "Przewodnicząca/Przewodniczący"  # type: ignore[attr-defined]
    with translation.override("en"):
        assert unsaid.get_roles_display() == ["Chair"]  # type: ignore[attr-defined]


def test_the_people_list_shows_each_persons_roles_in_their_form(
    client: Client, world: World, chairs: dict[str, object]
) -> None:
    listing = page(client, world, "pl", "manage:person_list")
    row = listing[listing.index("Aleksandra Szwed") :]
    assert "Przewodnicząca" in row[: row.index("</tr>")]
    row = listing[listing.index("Krzysztof Pilecki") :]
    assert "Przewodniczący" in row[: row.index("</tr>")]


def test_a_typed_position_is_shown_exactly_as_typed(
    client: Client, world: World, chairs: dict[str, object]
) -> None:
    detail = page(client, world, "pl", "manage:person_detail", chairs["woman"].pk)  # type: ignore[attr-defined]
    assert "Zastępca Dyrektora" in detail
    organisation = page(
        client,
        world,
        "pl",
        "manage:organisation_detail",
        chairs["organisation"].pk,  # type: ignore[attr-defined]
    )
    assert "Zastępca Dyrektora" in organisation and "Przewodnicząca" in organisation


def test_the_form_of_titles_is_set_on_the_persons_form(client: Client, world: World) -> None:
    person = make_person(world.partner, full_name="Ewa Kos", roles=["speaker"])
    client.force_login(world.staff)
    data = {
        "given_names": "Ewa",
        "surname": "Kos",
        "title_form": "feminine",
        "language": "pl",
        "roles": ["speaker"],
    }
    client.post(reverse("manage:person_edit", args=[person.pk]), data)
    detail = page(client, world, "pl", "manage:person_detail", person.pk)
    assert "Prelegentka" in detail
