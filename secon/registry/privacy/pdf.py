"""The person export laid out as a readable PDF (WeasyPrint), in the language the export was made in."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from secon.core.audit import action_label
from secon.core.personal_data import PdfTable, registered_sections

if TYPE_CHECKING:
    from weasyprint import Document

DASH = "–"


def readable_date(value: str | None, *, with_time: bool = True) -> str:
    """An ISO date or date-time from the export, as the active language writes it."""
    if not value:
        return DASH
    parsed: dt.date | dt.datetime
    if "T" in value:
        parsed = timezone.localtime(dt.datetime.fromisoformat(value))
        if with_time:
            return formats.date_format(parsed, "SHORT_DATETIME_FORMAT")
    else:
        parsed = dt.date.fromisoformat(value)
    return formats.date_format(parsed, "SHORT_DATE_FORMAT")


def _plain(value: Any) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, list):
        return "[" + ", ".join(_plain(item) for item in value) + "]"
    if isinstance(value, dict):
        return _changes_text(value)
    return str(value)


def _changes_text(changes: dict[str, Any]) -> str:
    return "; ".join(f"{key}: {_plain(value)}" for key, value in changes.items())


def _pdf_tables(data: dict[str, Any]) -> list[PdfTable]:
    """The export as titled tables of text, in the export's language (called under its override)."""
    tables = [
        section.pdf_table(data[section.key] if section.top_level else data["other"].get(section.key, []))
        for section in registered_sections()
    ]
    tables.append(
        PdfTable(
            title=_("Record history"),
            css_class="history",
            columns=[_("When"), _("Action"), _("By"), _("Changes")],
            rows=[
                [
                    readable_date(row["at"]),
                    f"{action_label(row['code'])} ({row['code']})",  # the code too: it is what the JSON holds
                    row["actor_role"],
                    _changes_text(row["changes"]) or DASH,
                ]
                for row in data["audit_events"]
            ],
        )
    )
    return tables


def person_export_document(data: dict[str, Any]) -> Document:
    """The export laid out as a document (WeasyPrint), in the language the export was made in."""
    from weasyprint import HTML

    language = data.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        person = data["person"]
        details = [
            (_("Given name(s)"), person.get("given_names") or DASH),
            (_("Surname"), person.get("surname") or DASH),
            (_("E-mail"), person["email"] or DASH),
            (_("Phone"), person["phone"] or DASH),
            (_("Preferred language"), person["language"]),
            (_("Notes"), person["notes"] or DASH),
            (_("In the registry since"), readable_date(person["created_at"])),
            (_("Last changed"), readable_date(person["updated_at"])),
        ]
        if person["anonymised_at"]:
            details.append((_("Anonymised"), readable_date(person["anonymised_at"])))
        html = render_to_string(
            "registry/gdpr_export_pdf.html",
            {
                "language": language,
                "data": data,
                "details": details,
                "tables": _pdf_tables(data),
                "exported_at": readable_date(data["exported_at"]),
            },
        )
    return HTML(string=html).render()


def render_person_export_pdf(data: dict[str, Any]) -> bytes:
    pdf: bytes | None = person_export_document(data).write_pdf()
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return pdf
