"""Lists and dropdowns of the registry in Polish alphabetical order (ł after l, ś after s, ż last)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.core.collation import sort_key
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

POLISH_ORDER = ["Lipowa", "Łąkowa", "Łódzka", "Maków", "Ostrów", "Sosnowa", "Śląska", "Zamość", "Żyrardów"]


@pytest.fixture(autouse=True)
def _polish_interface(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"


def test_the_python_key_follows_the_polish_alphabet() -> None:
    assert sorted(reversed(POLISH_ORDER), key=lambda name: sort_key(name, "pl")) == POLISH_ORDER
    # Case and accents of other languages do not break the order.
    assert sorted(["żaba", "Zebra", "émile", "Ewa"], key=lambda name: sort_key(name, "pl")) == [
        "émile", "Ewa", "Zebra", "żaba",
    ]  # fmt: skip


def test_organisations_are_listed_in_polish_alphabetical_order(client: Client, world: World) -> None:
    for name in reversed(POLISH_ORDER):
        make_organisation(world.partner, name=name)
    client.force_login(world.staff)
    response = client.get(reverse("manage:organisation_list"))
    assert [o.name for o in response.context["page"].object_list] == POLISH_ORDER
    response = client.get(reverse("manage:organisation_list"), {"sort": "-name"})
    assert [o.name for o in response.context["page"].object_list] == POLISH_ORDER[::-1]


def test_people_are_listed_in_polish_alphabetical_order(client: Client, world: World) -> None:
    for name in reversed(POLISH_ORDER):
        make_person(world.partner, full_name=f"{name} Anna")
    client.force_login(world.staff)
    response = client.get(reverse("manage:person_list"))
    assert [p.full_name for p in response.context["page"].object_list] == [f"{n} Anna" for n in POLISH_ORDER]


def test_the_powiat_dropdown_is_in_polish_alphabetical_order(client: Client, world: World) -> None:
    client.force_login(world.staff)
    form = client.get(reverse("manage:organisation_list")).context["form"]
    powiats = [unit.name for unit in form.fields["powiat"].queryset]
    assert powiats == sorted(powiats, key=lambda name: sort_key(name, "pl"))
    # The letters that code-point order puts after "z".
    assert powiats.index("łosicki") < powiats.index("makowski")
    assert powiats[-1] == "żyrardowski"


def test_the_territory_choices_of_an_organisation_are_in_polish_alphabetical_order(
    client: Client, world: World
) -> None:
    client.force_login(world.staff)
    form = client.get(reverse("manage:organisation_create")).context["form"]
    groups = [label for label, _options in form.fields["territory"].choices[1:]]
    assert groups == sorted(groups, key=lambda name: sort_key(str(name), "pl"))
    labels = [str(group) for group in groups]
    assert labels.index("powiat łosicki") < labels.index("powiat makowski")
