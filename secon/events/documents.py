"""The agenda as a PDF (WeasyPrint), in Polish or English: for invitations, the door and the public page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header

from secon.core.access import AuthenticatedRequest, back_office_view
from secon.core.cache import public_page
from secon.events.access import get_event_for_user
from secon.events.models import Event
from secon.events.selectors import chair_named, shown_agenda

if TYPE_CHECKING:
    from weasyprint import Document


def agenda_document(event: Event, language: str) -> Document:
    """The agenda laid out for A4, every text in `language` (content falls back to the other language)."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "events/agenda_pdf.html",
            {
                "language": language,
                "event": event,
                "agenda": shown_agenda(event),
                "chair_named": chair_named(event),
            },
        )
    return HTML(string=html).render()


def agenda_pdf(event: Event, language: str) -> bytes:
    pdf: bytes | None = agenda_document(event, language).write_pdf()
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return pdf


def _pdf_response(event: Event, language: str) -> HttpResponse:
    response = HttpResponse(agenda_pdf(event, language), content_type="application/pdf")
    name = f"agenda-{event.pk}-{language}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, name) or "inline"
    return response


@back_office_view
def manage_agenda_pdf(request: AuthenticatedRequest, pk: int, language: str) -> HttpResponse:
    if language not in dict(settings.LANGUAGES):
        raise Http404
    return _pdf_response(get_event_for_user(request.user, pk), language)


@public_page
def public_agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = (
        Event.objects.public().select_related("partner", "type", "chair", "venue_unit").filter(pk=pk).first()
    )
    if event is None:
        raise Http404
    return _pdf_response(event, translation.get_language() or settings.LANGUAGE_CODE)
