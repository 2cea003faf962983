"""The plan of an import (what each row would create, update or merge, and every bad row) and the
cell parsing the organisation and people planners share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from secon.lib.text import fold


@dataclass
class BadRow:
    line: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "reason": self.reason}


@dataclass
class Target:
    """A record the import writes: new (pk None) or existing, with the values it will hold."""

    pk: int | None
    values: dict[str, Any]
    lines: list[int]
    changed: set[str] = field(default_factory=set)
    extra: dict[str, Any] = field(default_factory=dict)  # themes, roles, affiliation, consents


@dataclass
class Plan:
    kind: str
    rows: int = 0
    creates: list[Target] = field(default_factory=list)
    updates: dict[int, Target] = field(default_factory=dict)
    bad: list[BadRow] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)
    merged: int = 0  # rows merged by name into a registry record
    duplicates: list[dict[str, Any]] = field(default_factory=list)  # rows naming an earlier row's record
    candidates: list[dict[str, Any]] = field(default_factory=list)  # possible duplicates to review
    notes: list[dict[str, Any]] = field(default_factory=list)

    def fail(self, line: int, column: str, reason: str) -> None:
        self.bad.append(BadRow(line, column, reason))
        self.bad_lines.add(line)

    @property
    def updated_records(self) -> int:
        return sum(1 for target in self.updates.values() if target.changed or target.extra)

    def report(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "create": len(self.creates),
            "update": self.updated_records,
            "unchanged": len(self.updates) - self.updated_records,
            "merge": self.merged,
            "duplicates_in_file": len(self.duplicates),
            "bad_rows": len(self.bad_lines),
            "valid_rows": self.rows - len(self.bad_lines),
            "bad": [row.as_dict() for row in sorted(self.bad, key=lambda r: r.line)],
            "duplicates": self.duplicates[:1000],
            "candidates": self.candidates[:1000],
            "notes": self.notes[:1000],
        }


# --- shared cell parsing -----------------------------------------------------------------------------

url_validator = URLValidator()


def text_cell(value: str, limit: int, header: str, line: int, plan: Plan) -> str | None:
    value = value.strip()
    if len(value) > limit:
        plan.fail(line, header, _("Too long: at most %(limit)s characters.") % {"limit": limit})
        return None
    return value


def email_cell(value: str, header: str, line: int, plan: Plan) -> str | None:
    value = value.strip().lower()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        plan.fail(line, header, _("“%(value)s” is not a valid e-mail address.") % {"value": value})
        return None
    return value


def choices_by_name(
    choices: Iterable[tuple[str, Any]], extra: dict[str, str] | None = None
) -> dict[str, str]:
    names = {}
    for code, label in choices:
        names[fold(code).replace("_", " ")] = code
        names[fold(str(label))] = code
    for alias, code in (extra or {}).items():
        names[fold(alias)] = code
    return names


def split_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|\n]", value) if part.strip()]


def date_cell(value: str) -> dt.date | None:
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


class Rows:
    """The mapped cells of each row as the file is read, with the header name of each field for messages."""

    def __init__(
        self, header: list[str], records: Iterable[tuple[int, list[str]]], mapping: dict[str, str]
    ) -> None:
        self.records = records
        index = {name: i for i, name in enumerate(header)}
        self.columns = {key: index[name] for key, name in mapping.items() if name in index}
        self.headers = {key: name for key, name in mapping.items() if name in index}
        self.width = len(header)

    def __iter__(self) -> Iterator[tuple[int, list[str], dict[str, str]]]:
        for line, record in self.records:
            cells = {key: (record[i] if i < len(record) else "") for key, i in self.columns.items()}
            yield line, record, cells

    def header(self, key: str) -> str:
        return self.headers.get(key, key)


def check_width(record: list[str], rows: Rows, line: int, plan: Plan) -> None:
    extra = [cell for cell in record[rows.width :] if cell.strip()]
    if extra:
        plan.fail(
            line,
            _("column %(number)s") % {"number": rows.width + 1},
            _("The row has %(count)s cells but the first row names only %(width)s columns.")
            % {"count": len(record), "width": rows.width},
        )


def apply_values(target: Target, values: dict[str, Any], *, fill_only: bool) -> None:
    """Non-empty values overwrite (an update) or only fill what is empty (a merge by name)."""
    for key, value in values.items():
        current = target.values.get(key)
        if value in ("", None) or value == current:
            continue
        if fill_only and current not in ("", None):
            continue
        target.values[key] = value
        target.changed.add(key)
