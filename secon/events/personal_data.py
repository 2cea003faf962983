"""What events hold on a person (chairing, presenting) in their GDPR export, and how erasure treats it.

Erasure keeps the events and their agendas (what happened, and the counts made of it) and drops the
link to the person with the words that described them: the chair's function and department, the
presenter's function. The organisation a presenter represented stays, so the record reads "a
representative of …".
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.cache import invalidate_public_pages
from secon.core.personal_data import ErasedPart, PdfTable, Row, register_person_data
from secon.events.models import AgendaPresenter, Event
from secon.registry.models import Person

DASH = "–"


def export_roles(person: Person) -> list[Row]:
    rows: list[Row] = []
    for event in Event.objects.filter(chair=person).select_related("type").order_by("starts_at", "pk"):
        rows.append(
            {
                "role": "chair",
                "event_id": event.pk,
                "event": event.title,
                "starts_at": event.starts_at.isoformat(),
                "function": event.chair_function,
                "department": event.chair_department,
                "agenda_item": "",
                "organisation": "",
                "place": "",
            }
        )
    presenters = (
        AgendaPresenter.objects.filter(person=person)
        .select_related("item__event")
        .order_by("item__event__starts_at", "pk")
    )
    for presenter in presenters:
        event = presenter.item.event
        rows.append(
            {
                "role": "presenter",
                "event_id": event.pk,
                "event": event.title,
                "starts_at": event.starts_at.isoformat(),
                "function": presenter.function,
                "department": "",
                "agenda_item": presenter.item.title,
                "organisation": presenter.organisation_name,
                "place": presenter.place,
            }
        )
    return rows


def roles_table(rows: list[Row]) -> PdfTable:
    labels = {"chair": _("Chair"), "presenter": _("Presenter")}
    return PdfTable(
        _("Events"),
        [_("Date"), _("Event"), _("Role"), _("Function"), _("Organisation")],
        [
            [
                timezone.localtime(dt.datetime.fromisoformat(row["starts_at"])).strftime("%Y-%m-%d"),
                row["event"] + (f" – {row['agenda_item']}" if row["agenda_item"] else ""),
                str(labels.get(row["role"], row["role"])),
                ", ".join(filter(None, [row["function"], row["department"]])) or DASH,
                ", ".join(filter(None, [row["organisation"], row["place"]])) or DASH,
            ]
            for row in rows
        ],
    )


def erase_roles(person: Person, now: dt.datetime) -> ErasedPart:
    chaired = Event.objects.filter(chair=person)
    chaired_ids = list(chaired.values_list("pk", flat=True))
    values = {v for row in chaired.values_list("chair_function", "chair_department") for v in row if v}
    chaired.update(chair=None, chair_function="", chair_department="", chair_title_form="", updated_at=now)
    presenting = AgendaPresenter.objects.filter(person=person)
    presenter_ids = list(presenting.values_list("pk", flat=True))
    values |= {v for v in presenting.values_list("function", flat=True) if v}
    presenting.update(person=None, function="", title_form="", public_function=False)
    if chaired_ids or presenter_ids:
        invalidate_public_pages()  # public event pages and agendas named the person
    return ErasedPart(
        counts={"events_chaired_unlinked": len(chaired_ids), "presentations_unlinked": len(presenter_ids)},
        values=values,
        records={AgendaPresenter: presenter_ids},
    )


def register() -> None:
    register_person_data(
        "events", title=gettext_lazy("Events"), export=export_roles, anonymise=erase_roles, table=roles_table
    )
    from secon.events import invitation_data, minutes_data

    invitation_data.register()
    minutes_data.register()
