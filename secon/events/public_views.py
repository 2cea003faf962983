"""Public event pages: upcoming and past events (project-wide and per partner), an event's page, and each
partner's iCalendar feed. Only events announced on the public site; cached like every public page."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from secon.core.cache import public_page
from secon.core.siteurl import absolute_url
from secon.events.minutes import public_summary
from secon.events.models import Event
from secon.events.selectors import chair_named, public_events, shown_agenda
from secon.lib.ics import CalendarEvent, calendar
from secon.projects.models import Partner

PAGE_SIZE = 20
# How far back a partner's feed goes: calendars need what is coming and what just happened.
FEED_EVENTS = 100


def _page(request: HttpRequest, events: object) -> object:
    return Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]


@public_page(params=("page",))
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events of every partner."""
    page = _page(request, public_events().upcoming())
    context = {"nav": "events", "title": _("Events"), "page": page, "upcoming": True, "partner": None}
    return render(request, "events/public_list.html", context)


@public_page(params=("page",))
def event_archive(request: HttpRequest) -> HttpResponse:
    page = _page(request, public_events().past())
    context = {"nav": "events", "title": _("Past events"), "page": page, "upcoming": False, "partner": None}
    return render(request, "events/public_list.html", context)


@public_page(params=("page",))
def partner_events(request: HttpRequest, partner: str) -> HttpResponse:
    """One partner's events: upcoming first, then the past ones (paginated)."""
    host = get_object_or_404(Partner, slug=partner)
    events = public_events(host)
    context = {
        "nav": "events",
        "title": _("Events: %(partner)s") % {"partner": host.short_name},
        "partner": host,
        "upcoming_events": list(events.upcoming()[:PAGE_SIZE]),
        "page": _page(request, events.past()),
    }
    return render(request, "events/public_partner.html", context)


@public_page
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = (
        Event.objects.public()
        .select_related("partner", "type", "chair", "venue_unit", "venue_region")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404
    context = {
        "nav": "events",
        "title": event.display_title,
        "event": event,
        "agenda": shown_agenda(event),
        "chair_named": chair_named(event),
        "canonical": absolute_url(request.path),
        "is_past": event.ends_at < timezone.now(),
        "themes": list(event.themes.all()),
        "summary": public_summary(event, translation.get_language() or settings.LANGUAGE_CODE),
    }
    return render(request, "events/public_detail.html", context)


def calendar_event(event: Event) -> CalendarEvent:
    url = absolute_url(reverse("public:event_detail", kwargs={"pk": event.pk}))
    return CalendarEvent(
        uid=f"{event.uid}@secon",
        sequence=event.sequence,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.display_title,
        # The last change stands for the moment this version of the event was written.
        stamp=event.updated_at,
        description="\n".join(filter(None, [event.numbered_name, event.display_description, url])),
        location=event.location_text,
        url=url,
        cancelled=event.is_cancelled,
    )


@public_page
def partner_calendar(request: HttpRequest, partner: str) -> HttpResponse:
    """The partner's public events as an iCalendar feed a calendar application subscribes to."""
    host = get_object_or_404(Partner, slug=partner)
    events = public_events(host).order_by("-starts_at", "-pk")[:FEED_EVENTS]
    text = calendar(
        (calendar_event(event) for event in events),
        product="-//SECON//Events//" + (request.LANGUAGE_CODE or "pl").upper(),
        name=_("Events: %(partner)s") % {"partner": host.short_name},
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{host.slug}.ics"'
    return response
