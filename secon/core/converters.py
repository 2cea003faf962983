"""Record ids in URLs and query strings: digits that fit the database's bigint, or nothing.

Django's `<int:…>` accepts any run of digits, and `Model.objects.filter(pk=10**20)` then raises
OverflowError (a 500) on SQLite and PostgreSQL alike. Every path id goes through `<id:…>` instead, so
an id the database could never hold does not match the URL at all (404). Ids read from a query string
or a form (`?partner=…`) go through `parse_id`, the same rule for the same values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404
from django.urls import register_converter

# The largest value of a signed 64-bit column (BigAutoField on every supported database).
MAX_ID = 2**63 - 1
# Nineteen digits are enough for MAX_ID; a longer string is refused before it is turned into a number.
_MAX_DIGITS = len(str(MAX_ID))


def parse_id(value: Any) -> int | None:
    """The record id `value` names, or None when it is not one: empty, signed, not digits, too big."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    # str.isdigit() accepts "²" and other Unicode digits that int() refuses; only ASCII digits are ids.
    if not text or len(text) > _MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def id_or_404(value: Any) -> int:
    """`parse_id`, for a value a page cannot do without: a malformed id is a page that does not exist."""
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


def query_id(query: Mapping[str, Any], name: str) -> int | None:
    """The id in the query-string parameter `name` (`?partner=3`), or None when absent or malformed."""
    return parse_id(query.get(name))


class RecordIdConverter:
    """`<id:pk>`: a positive record id that fits a bigint column; anything else does not match (404)."""

    regex = f"[0-9]{{1,{_MAX_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            # Django treats ValueError from a converter as "this pattern does not match".
            raise ValueError(value)
        return number

    def to_url(self, value: Any) -> str:
        return str(value)


register_converter(RecordIdConverter, "id")
