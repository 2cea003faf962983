"""Invitations in a person's GDPR export, and how erasure treats them (decision 0005).

Erasure keeps every invitation row with its delivery state and answer — how many were invited and how
many said yes are the project's evidence — and empties the free-text comment and the link's nonce, so
old personal links stop working.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.personal_data import ErasedPart, PdfTable, Row, register_person_data
from secon.events.models import Answer, Delivery, ExclusionReason, Invitation
from secon.events.models.invitations import new_nonce
from secon.registry.models import Person

DASH = "–"


def export_invitations(person: Person) -> list[Row]:
    rows = Invitation.objects.filter(person=person).select_related("event").order_by("event__starts_at", "pk")
    return [
        {
            "event_id": row.event_id,
            "event": row.event.title,
            "starts_at": row.event.starts_at.isoformat(),
            "source": row.source,
            "delivery": row.delivery,
            "not_invited_because": row.excluded_reason,
            "sent_at": row.sent_at.isoformat() if row.sent_at else "",
            "answer": row.answer,
            "comment": row.comment,
            "answered_at": row.answered_at.isoformat() if row.answered_at else "",
            "reminded_at": row.reminded_at.isoformat() if row.reminded_at else "",
        }
        for row in rows
    ]


def invitations_table(rows: list[Row]) -> PdfTable:
    deliveries: dict[str, object] = dict(Delivery.choices)
    reasons: dict[str, object] = dict(ExclusionReason.choices)
    answers: dict[str, object] = dict(Answer.choices)
    return PdfTable(
        _("Invitations"),
        [_("Date"), _("Event"), _("Delivery"), _("Answer"), _("Comment")],
        [
            [
                timezone.localtime(dt.datetime.fromisoformat(row["starts_at"])).strftime("%Y-%m-%d"),
                row["event"],
                str(reasons.get(row["not_invited_because"]) or deliveries.get(row["delivery"], DASH)),
                str(answers.get(row["answer"], DASH)),
                row["comment"] or DASH,
            ]
            for row in rows
        ],
    )


def erase_invitations(person: Person, now: dt.datetime) -> ErasedPart:
    rows = Invitation.objects.filter(person=person)
    ids = list(rows.values_list("pk", flat=True))
    comments = {c for c in rows.values_list("comment", flat=True) if c}
    for pk in ids:  # a nonce of its own for each row: every link sent before stops working
        Invitation.objects.filter(pk=pk).update(comment="", nonce=new_nonce(), updated_at=now)
    return ErasedPart(
        counts={"invitations_kept": len(ids), "comments_erased": len(comments)},
        values=comments,
        records={Invitation: ids},
    )


def register() -> None:
    register_person_data(
        "event_invitations",
        title=gettext_lazy("Invitations"),
        export=export_invitations,
        anonymise=erase_invitations,
        table=invitations_table,
    )
