"""What the registry's record pages share: page size, recent changes, messages, the one-form page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from secon.core.access import (
    AuthenticatedRequest,
)
from secon.core.audit import action_label
from secon.core.models import AuditEvent
from secon.projects.models import Partner

PAGE_SIZE = 25
RECENT_EVENTS = 10


def recent_events(obj: Any) -> list[dict[str, Any]]:
    events = AuditEvent.objects.for_object(obj).select_related("actor")[:RECENT_EVENTS]
    return [{"event": event, "label": action_label(event.code)} for event in events]


def own_partner_or_none(request: AuthenticatedRequest) -> Partner | None:
    """Where a new record goes: the user's own partner (the administrator picks one in the form)."""
    return request.user.partner


def error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def action_page(
    request: AuthenticatedRequest, form: Any, *, title: str, back: str, nav: str, submit: str, **extra: Any
) -> HttpResponse:
    """A small page with one form: what a button on a record's page shows without JavaScript or on error."""
    context = {"form": form, "title": title, "back": back, "nav": nav, "submit": submit, **extra}
    return render(request, "registry/action_form.html", context)
