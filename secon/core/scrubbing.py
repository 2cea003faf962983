"""Erasing a person's values from the audit log: the one lawful rewrite of an append-only log (art. 17 GDPR).

Every event keeps its code, date, actor and keys; only personal values are replaced by `ERASED`, and the
rewritten events carry `scrubbed=True` so the history page can say a value was erased rather than never
there. Any app's erasure calls `scrub_audit_log`; the keys below are the ones services use for a person's
identifying values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

from secon.core.models import AuditEvent

# What replaces a personal value in the audit log after erasure.
ERASED = "[erased]"
# Keys under which audit events carry a person's identifying values: after erasure these values are
# searched for, and replaced, everywhere in the partner's audit log.
PERSONAL_VALUE_KEYS = frozenset({"full_name", "email", "phone", "person"})
# Keys erased on the events about the erased records themselves, whatever their value: free text about
# the person, and what could point to them (a position in a small organisation). The same words in
# other records' events are not theirs, so these are not searched for elsewhere.
# A given name or a surname alone is shared by many ("Anna", "Nowak"): the whole name (`full_name`, which
# services record beside the parts) is what is searched for elsewhere.
PERSONAL_CHANGE_KEYS = PERSONAL_VALUE_KEYS | {
    "given_names", "surname", "notes", "message", "decision_note", "note", "position", "organisation_name",
}  # fmt: skip
# Shorter values would match inside unrelated words when the audit log is searched for them.
MIN_SCRUB_LENGTH = 3
# A letter outside ASCII, as the database may hold it in JSON text: itself (PostgreSQL's jsonb gives the
# letter back) or escaped as \uXXXX (SQLite keeps the JSON as Python's json.dumps wrote it). Either case
# of the letter: SQLite compares only ASCII letters without regard to case, and the escape of "Ł" is not
# the escape of "ł", so the search cannot rely on the database folding case.
_NON_ASCII_IN_JSON = r"(?:.|\\u[0-9a-fA-F]{4})"


def _scrub(value: Any, needles: list[re.Pattern[str]]) -> Any:
    if isinstance(value, str):
        for needle in needles:
            value = needle.sub(ERASED, value)
        return value
    if isinstance(value, list):
        return [_scrub(item, needles) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, needles) for key, item in value.items()}
    return value


def erase_personal_keys(changes: dict[str, Any]) -> dict[str, Any]:
    """On the person's own records, values under personal keys go whatever they are (even short ones)."""

    def erased(value: Any) -> Any:
        if isinstance(value, list):
            return [erased(item) for item in value]
        return ERASED if value not in (None, "") else value

    return {key: erased(value) if key in PERSONAL_CHANGE_KEYS else value for key, value in changes.items()}


def values_from_history(events: Iterable[AuditEvent]) -> set[str]:
    """Every value the person's own records ever had under a personal key (e.g. a previous surname)."""
    found: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for event in events:
        for key, value in (event.changes or {}).items():
            if key in PERSONAL_VALUE_KEYS:
                collect(value)
    return found


def json_text_pattern(text: str) -> str:
    """A regular expression that finds `text` in a JSON column read as text, on SQLite and PostgreSQL.

    ASCII characters match themselves (the lookup ignores case); any other letter matches itself or any
    \\uXXXX escape. It may find a little more than the text (the exact test is done in Python on the
    decoded values), never less.
    """
    return "".join(re.escape(char) if char.isascii() else _NON_ASCII_IN_JSON for char in text)


def scrub_audit_log(
    *,
    partner_id: int | None,
    values: Iterable[str],
    own_events: models.QuerySet[AuditEvent],
    own_repr: Callable[[AuditEvent], str],
) -> int:
    """Replace personal values in the audit log, keeping every event's code, date, actor and keys.

    `own_events` are the events about the erased records themselves: their personal keys are erased
    whatever the value and their record name is rewritten with `own_repr`. Every other event of the
    partner (and every event with no partner) that mentions one of `values` (a name, an e-mail) has those
    words replaced. Returns how many events were rewritten; each is marked `scrubbed`.
    """
    needle_texts = sorted(
        {value.strip() for value in values if value and len(value.strip()) >= MIN_SCRUB_LENGTH},
        key=len,
        reverse=True,
    )
    needles = [re.compile(re.escape(text), re.IGNORECASE) for text in needle_texts]
    own_ids = set(own_events.values_list("pk", flat=True))

    # Narrow the search in SQL. A pure-ASCII value is a plain case-insensitive search; one with other
    # letters is a pattern that also matches their JSON escapes in either case.
    mentions = Q(pk__in=own_ids)
    for text in needle_texts:
        if text.isascii():
            mentions |= Q(object_repr__icontains=text) | Q(changes_text__icontains=text)
        else:
            pattern = json_text_pattern(text)
            mentions |= Q(object_repr__iregex=pattern) | Q(changes_text__iregex=pattern)
    candidates = (
        AuditEvent.objects.filter(Q(partner_id=partner_id) | Q(partner__isnull=True))
        .annotate(changes_text=Cast("changes", models.TextField()))
        .filter(mentions)
        .only("pk", "object_repr", "changes", "scrubbed")
    )

    changed: list[AuditEvent] = []
    for event in candidates.iterator(chunk_size=500):
        changes = event.changes or {}
        object_repr = event.object_repr
        if event.pk in own_ids:
            changes = erase_personal_keys(changes)
            object_repr = own_repr(event)
        changes = _scrub(changes, needles)
        object_repr = _scrub(object_repr, needles)[:300]
        if changes != event.changes or object_repr != event.object_repr:
            event.changes, event.object_repr, event.scrubbed = changes, object_repr, True
            changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["changes", "object_repr", "scrubbed"], batch_size=500)
    return len(changed)
