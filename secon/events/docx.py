"""The agenda and the minutes as Word documents (python-docx), with the EU emblem and its statement on top.

The same content as the PDFs, for officials who edit before they sign. Every text is written under
`translation.override(language)`, so the labels are in the document's language and content falls back
to the other language where one is missing.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils import formats, translation
from django.utils.translation import gettext as _

from secon.core.emblem import FUNDING_STATEMENT, emblem_png
from secon.events.selectors import chair_named, shown_agenda

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from secon.events.minutes_documents import MinutesContent
    from secon.events.models import Event

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _new_document(event: Event) -> DocxDocument:
    """A document whose header carries the emblem with "Co-funded by the European Union" beside it."""
    from docx import Document
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    header = document.sections[0].header
    paragraph = header.paragraphs[0]
    # The rules ask for the emblem at least 1 cm high: 12 mm, as in the PDF header.
    paragraph.add_run().add_picture(io.BytesIO(emblem_png(192)), height=Mm(12))
    statement = paragraph.add_run("  " + str(FUNDING_STATEMENT))
    statement.font.size = Pt(10)
    statement.font.color.rgb = RGBColor(0x00, 0x33, 0x99)
    core = document.core_properties
    core.author = event.partner.display_name
    return document


def _facts(document: DocxDocument, event: Event) -> None:
    start, end = event.local_start, event.local_end
    when = f"{formats.date_format(start, 'DATE_FORMAT')}, {start:%H:%M}–{end:%H:%M}"
    rows = [(_("Date"), when)]
    if event.has_venue:
        rows.append((_("Venue"), event.location_text))
    if event.online_url:
        rows.append((_("Online"), event.online_url))
    if event.chair is not None and chair_named(event):
        chair = event.chair.full_name + (f", {event.chair_role_text}" if event.chair_role_text else "")
        rows.append((event.chair_label, chair))
    for label, value in rows:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _save(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def agenda_docx(event: Event, language: str) -> bytes:
    """The agenda as the PDF has it: facts, then a table of times and items with their presenters."""
    with translation.override(language):
        document = _new_document(event)
        document.core_properties.title = f"{_('Agenda')}: {event.display_title}"
        document.add_heading(event.display_title, level=1)
        document.add_paragraph(f"{event.numbered_name} · {event.partner.display_name}")
        if event.is_cancelled:
            document.add_paragraph(f"{_('This event has been cancelled.')} {event.cancelled_reason}").runs[
                0
            ].bold = True
        _facts(document, event)
        agenda = shown_agenda(event)
        if not agenda:
            document.add_paragraph(_("The agenda has not been set yet."))
            return _save(document)
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        heading = table.rows[0].cells
        heading[0].text, heading[1].text = _("Time"), _("Agenda item")
        for row in agenda:
            cells = table.add_row().cells
            cells[0].text = f"{row.item.starts_at:%H:%M}" if row.item.starts_at else ""
            cells[1].paragraphs[0].add_run(row.item.display_title).bold = True
            if row.item.display_description:
                cells[1].add_paragraph(row.item.display_description)
            for presenter in row.presenters:
                cells[1].add_paragraph(presenter.text, style="List Bullet")
        return _save(document)


def minutes_docx(content: MinutesContent, language: str) -> bytes:
    """The minutes: facts, the summary, each agenda item's summary and decisions, the action items."""
    event, minutes = content.event, content.minutes
    with translation.override(language):
        document = _new_document(event)
        document.core_properties.title = f"{_('Minutes')}: {event.display_title}"
        document.add_heading(f"{_('Minutes')}: {event.display_title}", level=1)
        document.add_paragraph(f"{event.numbered_name} · {event.partner.display_name}")
        document.add_paragraph(content.status_line)
        if minutes.correction_reason:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_('Reason for the correction')}: ").bold = True
            paragraph.add_run(minutes.correction_reason)
        _facts(document, event)
        if content.summary:
            document.add_heading(_("Summary"), level=2)
            document.add_paragraph(content.summary)
        for entry in content.entries:
            document.add_heading(entry.item_title, level=2)
            if entry.summary:
                document.add_paragraph(entry.summary)
            if entry.decisions:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{_('Decisions')}: ").bold = True
                paragraph.add_run(entry.decisions)
        document.add_heading(_("Action items"), level=2)
        if not content.actions:
            document.add_paragraph(_("No action items were agreed."))
            return _save(document)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(
            table.rows[0].cells, (_("Action"), _("Owner"), _("Due"), _("Status")), strict=True
        ):
            cell.text = str(label)
        for action in content.actions:
            cells = table.add_row().cells
            cells[0].text = action.display_text
            cells[1].text = action.owner_name
            cells[2].text = formats.date_format(action.due_on, "SHORT_DATE_FORMAT") if action.due_on else ""
            cells[3].text = str(action.get_status_display())
        return _save(document)
