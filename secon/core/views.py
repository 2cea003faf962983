"""Views that belong to no domain: health check, CSRF failure page, error pages, record history."""

from __future__ import annotations

import logging

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from secon.core.access import AuthenticatedRequest, coordinator_view, get_object_for_user
from secon.core.models import AuditEvent

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A stale or missing CSRF token: explain it kindly instead of Django's technical page."""
    logger.info("csrf failure", extra={"path": request.path, "reason": reason})
    return render(request, "core/csrf_failure.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


@coordinator_view
def record_history(request: AuthenticatedRequest, model_label: str, pk: str) -> HttpResponse:
    """The audit trail of one record, for coordinators who may see that record."""
    obj = get_object_for_user(model_label, request.user, pk)
    events = AuditEvent.objects.for_object(obj).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/record_history.html",
        {"object": obj, "page": page, "title": _("History of %(record)s") % {"record": obj}},
    )
