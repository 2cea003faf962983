"""The minutes as PDF and DOCX and the agenda as DOCX, in Polish or English, for the back office."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from secon.core.access import AuthenticatedRequest, back_office_view
from secon.events.access import get_event_for_user, get_minutes_for_user
from secon.events.docx import DOCX_TYPE, agenda_docx, minutes_docx
from secon.events.models import ActionItem, Event, Minutes, MinutesItemText, MinutesStatus, MinutesText
from secon.events.selectors import chair_named


@dataclass(frozen=True)
class MinutesContent:
    """One version of the minutes as a document shows it, in one language (else the other one)."""

    event: Event
    minutes: Minutes
    language: str
    summary: str
    entries: list[MinutesItemText]
    actions: list[ActionItem]

    @property
    def status_line(self) -> str:
        if self.minutes.status == MinutesStatus.DRAFT:
            return _("Version %(version)s, draft (not approved)") % {"version": self.minutes.version}
        approved = (
            formats.date_format(self.minutes.approved_at, "DATE_FORMAT") if self.minutes.approved_at else ""
        )
        line = _("Version %(version)s, approved on %(date)s") % {
            "version": self.minutes.version,
            "date": approved,
        }
        if self.minutes.status == MinutesStatus.SUPERSEDED:
            line += " · " + _("superseded by a correction")
        return line


def _text_in(minutes: Minutes, language: str) -> MinutesText | None:
    """The language version asked for, else the partner's own, else any (an empty one is skipped)."""
    texts = {text.language: text for text in minutes.texts.prefetch_related("items")}
    for code in (language, minutes.event.partner.language, "en", *texts):
        text = texts.get(code)
        if text is not None and (text.summary or any(e.summary or e.decisions for e in text.items.all())):
            return text
    return texts.get(language) or next(iter(texts.values()), None)


def minutes_content(minutes: Minutes, language: str) -> MinutesContent:
    text = _text_in(minutes, language)
    actions = list(minutes.event.action_items.select_related("owner_person", "owner_user"))
    with translation.override(language):
        return MinutesContent(
            event=minutes.event,
            minutes=minutes,
            language=language,
            summary=text.summary if text else "",
            entries=list(text.items.all()) if text else [],
            actions=actions,
        )


def minutes_pdf(content: MinutesContent) -> bytes:
    from weasyprint import HTML

    with translation.override(content.language):
        html = render_to_string(
            "events/minutes/minutes_pdf.html",
            {
                "language": content.language,
                "content": content,
                "event": content.event,
                "chair_named": chair_named(content.event),
            },
        )
    pdf: bytes | None = HTML(string=html).render().write_pdf()
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return pdf


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    return response


def _check_language(language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise Http404


@back_office_view
def agenda_docx_view(request: AuthenticatedRequest, pk: int, language: str) -> HttpResponse:
    _check_language(language)
    event = get_event_for_user(request.user, pk)
    return _download(agenda_docx(event, language), DOCX_TYPE, f"agenda-{event.pk}-{language}.docx")


@back_office_view
def minutes_pdf_view(request: AuthenticatedRequest, pk: int, version: int, language: str) -> HttpResponse:
    _check_language(language)
    minutes = get_minutes_for_user(request.user, pk, version)
    data = minutes_pdf(minutes_content(minutes, language))
    return _download(data, "application/pdf", f"minutes-{pk}-v{minutes.version}-{language}.pdf")


@back_office_view
def minutes_docx_view(request: AuthenticatedRequest, pk: int, version: int, language: str) -> HttpResponse:
    _check_language(language)
    minutes = get_minutes_for_user(request.user, pk, version)
    data = minutes_docx(minutes_content(minutes, language), language)
    return _download(data, DOCX_TYPE, f"minutes-{pk}-v{minutes.version}-{language}.docx")
