"""Action items a person owns, in their GDPR export, and how erasure treats them.

Erasure keeps each action item (what the meeting agreed, and whether it was done) and drops the link to
the person, so the minutes and the next agendas show the action without an owner.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.personal_data import ErasedPart, PdfTable, Row, register_person_data
from secon.events.models import ActionItem, ActionItemStatus
from secon.registry.models import Person

DASH = "–"


def export_action_items(person: Person) -> list[Row]:
    rows = (
        ActionItem.objects.filter(owner_person=person)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    return [
        {
            "event_id": row.event_id,
            "event": row.event.title,
            "starts_at": row.event.starts_at.isoformat(),
            "action": row.text,
            "due_on": row.due_on.isoformat() if row.due_on else "",
            "status": row.status,
        }
        for row in rows
    ]


def action_items_table(rows: list[Row]) -> PdfTable:
    statuses = dict(ActionItemStatus.choices)
    return PdfTable(
        _("Action items"),
        [_("Date"), _("Event"), _("Action"), _("Due"), _("Status")],
        [
            [
                timezone.localtime(dt.datetime.fromisoformat(row["starts_at"])).strftime("%Y-%m-%d"),
                row["event"],
                row["action"],
                row["due_on"] or DASH,
                str(statuses.get(row["status"], row["status"])),
            ]
            for row in rows
        ],
    )


def erase_action_items(person: Person, now: dt.datetime) -> ErasedPart:
    owned = ActionItem.objects.filter(owner_person=person)
    ids = list(owned.values_list("pk", flat=True))
    owned.update(owner_person=None, updated_at=now)
    return ErasedPart(counts={"action_items_unlinked": len(ids)}, records={ActionItem: ids})


def register() -> None:
    register_person_data(
        "event_action_items",
        title=gettext_lazy("Action items"),
        export=export_action_items,
        anonymise=erase_action_items,
        table=action_items_table,
    )
