"""Name normalisation for lookups."""

from __future__ import annotations

import pytest

from secon.territory.names import normalise_name

# The shared autouse fixtures clear the cache, which needs the database.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ostrołęka", "ostroleka"),
        ("ŁOSICKI", "losicki"),
        ("  Żyrardów ", "zyrardow"),
        ("Góra Kalwaria", "gora kalwaria"),
        ("Kraków-Krowodrza", "krakow krowodrza"),
        ("Mińsk  Mazowiecki", "minsk mazowiecki"),
        ("Ząbki", "zabki"),
        ("Pelopónnisos", "peloponnisos"),
    ],
)
def test_names_lose_case_diacritics_and_extra_spacing(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_every_polish_letter_has_a_plain_form() -> None:
    assert normalise_name("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ") == "acelnoszzacelnoszz"
