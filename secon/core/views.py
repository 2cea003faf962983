"""Views that belong to no domain: health check, CSRF failure page, record history (errors: errors.py)."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from secon.core.access import AuthenticatedRequest, coordinator_view, get_object_for_user
from secon.core.history import CSV_CHUNK, HistoryFilter, HistoryReader, csv_header, csv_rows
from secon.core.models import AuditEvent
from secon.lib.tabular import BOM, csv_cell, neutralise

logger = logging.getLogger(__name__)

HISTORY_PAGE_SIZE = 50


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


@coordinator_view
def record_history(request: AuthenticatedRequest, model_label: str, pk: str) -> HttpResponse:
    """The audit trail of one record, newest first, for coordinators who may see that record."""
    obj = get_object_for_user(model_label, request.user, pk)
    events = AuditEvent.objects.for_object(obj)
    filters = HistoryFilter(request.GET or None, events=events)
    page = Paginator(filters.apply(events).select_related("actor"), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/record_history.html",
        {
            "object": obj,
            "model_label": model_label,
            "page": page,
            "entries": HistoryReader(type(obj)).entries(list(page.object_list)),
            "filters": filters,
            "filtered": any(query.get(name) for name in ("action", "actor")),
            "query": query.urlencode(),
            "title": _("History of %(record)s") % {"record": obj},
        },
    )


# A streamed response is not an HttpResponse subclass, which the gate's signature expects.
@coordinator_view  # type: ignore[type-var]
def record_history_export(request: AuthenticatedRequest, model_label: str, pk: str) -> StreamingHttpResponse:
    """The same trail (with the page's filters) as a CSV file a spreadsheet opens as it is."""
    obj = get_object_for_user(model_label, request.user, pk)
    trail = AuditEvent.objects.for_object(obj)
    events = HistoryFilter(request.GET or None, events=trail).apply(trail).select_related("actor")
    reader = HistoryReader(type(obj))

    def lines() -> Iterator[bytes]:
        # The lib's Excel-ready format (BOM, `;`, CRLF, inert formulas), written a batch at a time.
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        buffer.write(BOM)
        writer.writerow([neutralise(name) for name in csv_header()])
        for rows in _batched(csv_rows(reader, events), CSV_CHUNK):
            writer.writerows([csv_cell(value) for value in row] for row in rows)
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue().encode()

    name = f"history-{model_label.replace('.', '-')}-{obj.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _batched(rows: Iterator[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    batch: list[list[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
