"""Alphabetical order as people of the interface language expect it (ł after l, ś after s, ż last in Polish).

The database's own order is by code point on SQLite and on PostgreSQL's "C" collation, which puts
"Łosice" after "Żyrardów". Two tools, one order:

- `sort_key(text)` for short lists built in Python (a dropdown of powiats, option groups);
- `collated("name")` for lists sorted in the database: PostgreSQL's ICU collation of the language
  (`pl-x-icu`), and on SQLite a collation of the same name backed by `sort_key`, registered on every
  new connection. docs/decisions/0006-registry-layout.md records the choice.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import Expression, F
from django.db.models.functions import Collate
from django.utils import translation

# Letters in the order of each language's alphabet; a letter not listed sorts as its base letter (é as e).
ALPHABETS = {
    "pl": "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż",
    "en": "abcdefghijklmnopqrstuvwxyz",
}
# PostgreSQL's ICU collations of the same orders ("und" is the root order, for any other language).
ICU_COLLATIONS = {"pl": "pl-x-icu", "en": "und-x-icu"}
SQLITE_PREFIX = "secon_"


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "en").split("-")[0]
    return code if code in ALPHABETS else "en"


@functools.cache
def _weights(language: str) -> dict[str, int]:
    return {letter: index for index, letter in enumerate(ALPHABETS[language])}


def _primary(char: str, weights: dict[str, int]) -> str:
    """Two characters: the class (spaces and punctuation, digits, letters of the alphabet, other letters),
    then the rank within it. Classes start at 1, so a shorter text sorts before one it begins."""
    if char in weights:
        return chr(3) + chr(weights[char])
    base = unicodedata.normalize("NFD", char)[0]
    if base in weights:
        return chr(3) + chr(weights[base])
    if char.isdigit():
        return chr(2) + chr(int(char) if char.isdecimal() else ord(char))
    if char.isalpha():
        return chr(4) + base
    return chr(1) + char  # spaces and punctuation before digits and letters, as in a dictionary


def sort_key(text: str, language: str | None = None) -> str:
    """A key that sorts texts alphabetically for `language` (the active one by default), case aside.

    Letters first by the alphabet ("ł" after every "l…"), then, for texts equal so far, accents and case.
    A string, so the database's comparisons (SQLite calls back for each) compare in C.
    """
    weights = _weights(_language(language))
    folded = text.casefold()
    primary = "".join(_primary(char, weights) for char in folded)
    return f"{primary}\x00{folded}\x00{text.swapcase()}"


def sorted_by_name(items: list[Any], name: Any = str, language: str | None = None) -> list[Any]:
    """`items` in alphabetical order of `name(item)`."""
    return sorted(items, key=lambda item: sort_key(name(item), language))


# A sort compares each name with about log2(n) others: keys are computed once per name, not per comparison.
_cached_key = functools.lru_cache(maxsize=100_000)(sort_key)


def _compare(language: str, left: str, right: str) -> int:
    a, b = _cached_key(left, language), _cached_key(right, language)
    return (a > b) - (a < b)


def _register_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite learns our collations on every new connection (the ICU ones exist only in PostgreSQL)."""
    if connection.vendor != "sqlite":
        return
    for language in ALPHABETS:
        connection.connection.create_collation(
            SQLITE_PREFIX + language, functools.partial(_compare, language)
        )


connection_created.connect(_register_sqlite, dispatch_uid="secon.core.collation")


def collated(field: str | Expression, language: str | None = None, *, using: str = "default") -> Any:
    """`field` in the alphabetical order of `language`, for `order_by` (`collated("name").desc()`)."""
    language = _language(language)
    expression: F | Expression = F(field) if isinstance(field, str) else field
    if connections[using].vendor == "postgresql":
        return Collate(expression, ICU_COLLATIONS[language])
    if connections[using].vendor == "sqlite":
        # A connection opened before this module was imported has not had the signal: teach it now
        # (registering again only replaces the function).
        connection = connections[using]
        connection.ensure_connection()
        _register_sqlite(None, connection)
        return Collate(expression, SQLITE_PREFIX + language)
    return expression
