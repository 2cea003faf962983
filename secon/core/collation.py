"""Alphabetical order as people of the interface language expect it (ł after l, ś after s, ż last in Polish).

The database's own order is by code point on SQLite and on PostgreSQL's "C" collation, which puts
"Łosice" after "Żyrardów". Three tools, one order:

- `sort_key(text)` for short lists built in Python (a dropdown of powiats, option groups);
- `stored_sort_key(text)` for big lists: the key kept in an indexed column (`name_order` of the
  registry), so that the database sorts by code point, from the index, in the right order;
- `collated("name")` for small lists sorted in the database: PostgreSQL's ICU collation of the language
  (`pl-x-icu`), and on SQLite a collation of the same name backed by `sort_key`, registered on every
  new connection. It cannot use an index (SQLite calls back into Python for each comparison), so a
  list of thousands of rows uses a stored key instead. docs/decisions/0006-registry-layout.md records
  the choice and the figures.
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
# Every alphabet above is this sequence with letters left out, and a letter's rank is its place here:
# keys stored for records of different languages (partners) then agree on the letters they share, so
# one list of several partners' records stays in order.
LETTER_RANKS = {letter: rank for rank, letter in enumerate("aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż")}
# A stored key is cut at this many characters: the primary part (two characters a letter) of a 150-letter
# name fits whole, and the key is no longer than the 300-character names the indexes held before, so an
# index entry stays within PostgreSQL's 2,704 bytes. Names equal for 150 letters are told apart by the
# primary key, which every list sorts by last; only accents and case beyond that are lost.
STORED_KEY_LENGTH = 300
# The characters of a key: the separator sorts below every class, ranks start above the classes, and
# no key holds NUL (PostgreSQL text cannot store it).
_SEPARATOR = "\x01"
_PUNCTUATION, _DIGIT, _LETTER, _OTHER_LETTER = "\x02", "\x03", "\x04", "\x05"
_RANK_BASE = 0x20


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "en").split("-")[0]
    return code if code in ALPHABETS else "en"


@functools.cache
def _weights(language: str) -> dict[str, int]:
    return {letter: LETTER_RANKS[letter] for letter in ALPHABETS[language]}


def _primary(char: str, weights: dict[str, int]) -> str:
    """Two characters: the class (spaces and punctuation, digits, letters of the alphabet, other letters),
    then the rank within it. Classes sort above the separator: a shorter text sorts before one it begins."""
    if char in weights:
        return _LETTER + chr(_RANK_BASE + weights[char])
    base = unicodedata.normalize("NFD", char)[0]
    if base in weights:
        return _LETTER + chr(_RANK_BASE + weights[base])
    if char.isdigit():
        return _DIGIT + chr(_RANK_BASE + int(char) if char.isdecimal() else ord(char))
    if char.isalpha():
        return _OTHER_LETTER + base
    return _PUNCTUATION + char  # spaces and punctuation before digits and letters, as in a dictionary


def sort_key(text: str, language: str | None = None) -> str:
    """A key that sorts texts alphabetically for `language` (the active one by default), case aside.

    Letters first by the alphabet ("ł" after every "l…"), then, for texts equal so far, accents and case.
    A string, so the database's comparisons (SQLite calls back for each) compare in C.
    """
    weights = _weights(_language(language))
    folded = text.casefold()
    primary = "".join(_primary(char, weights) for char in folded)
    return f"{primary}{_SEPARATOR}{folded}{_SEPARATOR}{text.swapcase()}"


def stored_sort_key(text: str, language: str | None) -> str:
    """`sort_key` to keep in a column of at most `STORED_KEY_LENGTH` characters, for `order_by`.

    `language` is the record's, not the reader's: a stored key cannot follow the interface language.
    """
    return sort_key(text, language or "pl")[:STORED_KEY_LENGTH]


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
