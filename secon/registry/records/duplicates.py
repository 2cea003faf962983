"""Duplicate detection: the keys two records of the same organisation or person share, and the groups
of registry records that look like duplicates (shown on the merge screen)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from secon.lib.text import fold
from secon.registry.models import Organisation, Person

_QUOTES = str.maketrans("", "", "„”“\"'«»")


def name_key(name: str, city: str = "") -> str:
    """The normalised name (and town): case, diacritics, quotes and spacing do not matter."""
    return fold(name.translate(_QUOTES)) + "|" + fold(city)


@dataclass
class DuplicateGroup:
    reason: str  # "name" or "email"
    key: str
    records: list[Any]


def organisation_groups(organisations: QuerySet[Organisation], *, limit: int = 200) -> list[DuplicateGroup]:
    """Organisations of one partner sharing a normalised name and town, or an e-mail address."""
    by_key: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for pk, partner_id, name, city, email in organisations.values_list(
        "pk", "partner_id", "name", "city", "email"
    ):
        by_key[("name", partner_id, name_key(name, city))].append(pk)
        if email:
            by_key[("email", partner_id, email.lower())].append(pk)
    records = Organisation.objects.select_related("partner", "type").prefetch_related("identifiers__scheme")
    return _groups(records, by_key, limit)


def person_groups(people: QuerySet[Person], *, limit: int = 200) -> list[DuplicateGroup]:
    """People of one partner sharing a normalised full name (e-mails are unique per partner already)."""
    by_key: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for pk, partner_id, full_name in people.values_list("pk", "partner_id", "full_name"):
        by_key[("name", partner_id, fold(full_name))].append(pk)
    return _groups(Person.objects.select_related("partner"), by_key, limit)


def _groups(
    queryset: QuerySet[Any], by_key: dict[tuple[str, int, str], list[int]], limit: int
) -> list[DuplicateGroup]:
    found = [(key, pks) for key, pks in by_key.items() if len(pks) > 1][:limit]
    records = queryset.in_bulk([pk for _key, pks in found for pk in pks])
    return [
        DuplicateGroup(reason=key[0], key=key[2], records=[records[pk] for pk in sorted(pks)])
        for key, pks in found
    ]
