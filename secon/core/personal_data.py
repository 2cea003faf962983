"""Personal-data sections: every app that holds data on a person registers what it holds, and how to erase it.

The registry's person export (JSON and PDF) and its erasure loop over this one list, so an app added later
(attendance, registrations, survey invitations) is exported and erased the same way as the registry's own
roles, consents and memberships. Core knows nothing of the apps: a section's functions receive the
person record and return plain values. docs/decisions/0005-personal-data.md gives the reasoning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

# One row of an export: plain JSON values under string keys.
Row = dict[str, Any]


@dataclass
class ErasedPart:
    """What a section's erasure did: counts for the audit event, values to search the log for, own records.

    `values` are identifying words (a name, an e-mail) the section held: they are replaced wherever the
    partner's audit log mentions them. `records` are the section's own rows about the person (model and
    primary keys): every personal key of their own audit events is erased, whatever its value.
    """

    counts: dict[str, int] = field(default_factory=dict)
    values: set[str] = field(default_factory=set)
    records: dict[type[models.Model], list[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class PdfTable:
    """A section laid out for the readable PDF: a title, column headings and rows of text."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    css_class: str = ""


@dataclass(frozen=True)
class PersonDataSection:
    """What one app holds on a person: rows for the export, a table for the PDF, and how to erase it.

    `top_level` is for the registry's own sections, which schema version 1 of the export places at the
    top of the document; every other app's rows sit under "other" so a new app never renames a key.
    """

    key: str
    title: str | Promise
    export: Callable[[Any], list[Row]]
    anonymise: Callable[[Any, dt.datetime], ErasedPart | None] | None = None
    table: Callable[[list[Row]], PdfTable] | None = None
    top_level: bool = False

    def pdf_table(self, rows: list[Row]) -> PdfTable:
        """The section's own layout, or its rows as they are (the keys of the first row as headings)."""
        if self.table is not None:
            return self.table(rows)
        columns = list(rows[0]) if rows else []
        return PdfTable(
            title=str(self.title),
            columns=columns,
            rows=[[str(row.get(column, "")) for column in columns] for row in rows],
        )


_SECTIONS: dict[str, PersonDataSection] = {}


def register_person_data(
    key: str,
    *,
    title: str | Promise,
    export: Callable[[Any], list[Row]],
    anonymise: Callable[[Any, dt.datetime], ErasedPart | None] | None = None,
    table: Callable[[list[Row]], PdfTable] | None = None,
    top_level: bool = False,
) -> None:
    """Add an app's records to every export (rows of plain values) and, if it keeps any, to erasure.

    `anonymise(person, now)` runs inside the erasure's transaction, before the person's own fields are
    emptied, and must keep the rows that counts are made of (e.g. attendance) while emptying free text
    about them.
    Registering a key again replaces the section (a module imported twice registers once).
    """
    _SECTIONS[key] = PersonDataSection(
        key=key, title=title, export=export, anonymise=anonymise, table=table, top_level=top_level
    )


def registered_sections() -> list[PersonDataSection]:
    """Every section, in the order they were registered (the registry's first: its app loads first)."""
    return list(_SECTIONS.values())


def merge_erased(parts: Iterable[ErasedPart | None]) -> ErasedPart:
    """The sections' erasures as one: counts added, values and records joined."""
    total = ErasedPart()
    for part in parts:
        if part is None:
            continue
        for name, count in part.counts.items():
            total.counts[name] = total.counts.get(name, 0) + count
        total.values |= part.values
        for model, ids in part.records.items():
            total.records.setdefault(model, []).extend(ids)
    return total
