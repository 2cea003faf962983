"""Back-office pages of the import: upload → mapping → dry-run report → confirm → progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from secon.core.access import (
    AuthenticatedRequest,
    back_office_view,
    can_edit_partner,
    coordinator_view,
    scope_to_user,
)
from secon.registry import imports
from secon.registry.access import get_import_batch_for_user
from secon.registry.imports.forms import MappingForm, UploadForm
from secon.registry.models import ImportBatch, ImportStatus
from secon.registry.records import exports

BAD_ROWS_PER_PAGE = 100


# --- import --------------------------------------------------------------------------------------------


def _next_page(batch: ImportBatch) -> HttpResponse:
    """Where a step leads: the next page when the task is done already (immediate backend), else progress."""
    if batch.status == ImportStatus.UPLOADED:
        return redirect("manage:import_mapping", batch.pk)
    if batch.status == ImportStatus.CHECKED:
        return redirect("manage:import_report", batch.pk)
    return redirect("manage:import_progress", batch.pk)


@back_office_view
def import_start(request: AuthenticatedRequest) -> HttpResponse:
    partner = request.user.partner
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and partner is not None and form.is_valid():
        try:
            batch = imports.upload_import(
                partner, actor=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for message in error.message_dict.get("file", error.messages):
                form.add_error("file", message)
        else:
            batch.refresh_from_db()
            return _next_page(batch)
    batches = scope_to_user(ImportBatch.objects.select_related("partner", "created_by"), request.user)[:20]
    return render(
        request,
        "registry/import_start.html",
        {
            "nav": "organisations",
            "title": _("Import into the registry"),
            "form": form,
            "partner": partner,
            "batches": batches,
        },
    )


@back_office_view
def import_mapping(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = get_import_batch_for_user(request.user, pk, write=True)
    if batch.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        return redirect("manage:import_progress", batch.pk)
    form = MappingForm(request.POST or None, batch=batch, header=batch.header)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.check_import(batch, actor=request.user, mapping=form.mapping())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            batch.refresh_from_db()
            return _next_page(batch)
    return render(
        request,
        "registry/import_mapping.html",
        {
            "nav": "organisations",
            "title": _("Match the columns"),
            "batch": batch,
            "form": form,
            "header": batch.header,
            "sample": batch.sample,
            "rows": batch.row_count,
        },
    )


@back_office_view
def import_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = get_import_batch_for_user(request.user, pk)
    report = batch.report or {}
    page = Paginator(report.get("bad", []), BAD_ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/import_report.html",
        {
            "nav": "organisations",
            "title": _("Check before importing"),
            "batch": batch,
            "report": report,
            "page": page,
            "may_write": can_edit_partner(request.user, batch.partner),
        },
    )


@back_office_view
def import_bad_rows(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = get_import_batch_for_user(request.user, pk)
    response = HttpResponse(imports.bad_rows_csv(batch), content_type=exports.FORMATS["csv"])
    response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}-bad-rows.csv"'
    return response


@back_office_view
def import_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        batch = get_import_batch_for_user(request.user, pk)
        return redirect("manage:import_report", batch.pk)
    batch = get_import_batch_for_user(request.user, pk, write=True)
    try:
        imports.confirm_import(batch, actor=request.user, valid_rows_only=request.POST.get("rows") == "valid")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("manage:import_report", batch.pk)
    return redirect("manage:import_progress", batch.pk)


# Where the progress page sends a person once the worker has finished the step they were waiting for.
NEXT_STEP: dict[str, str] = {
    ImportStatus.UPLOADED: "manage:import_mapping",
    ImportStatus.CHECKED: "manage:import_report",
}


@back_office_view
def import_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The batch's status while its tasks work; polled by htmx, refreshed by a link without JavaScript."""
    batch = get_import_batch_for_user(request.user, pk)
    if request.htmx and batch.status in NEXT_STEP:
        # The poll saw the worker finish a step: take the person on to what they do next.
        return HttpResponseClientRedirect(reverse(NEXT_STEP[batch.status], args=[batch.pk]))
    stuck = imports.is_stuck(batch)
    template = "registry/_import_progress.html" if request.htmx else "registry/import_progress.html"
    return render(
        request,
        template,
        {
            "nav": "organisations",
            "title": _("Import"),
            "batch": batch,
            "stuck": stuck,
            "may_coordinate": request.user.is_coordinator and can_edit_partner(request.user, batch.partner),
        },
    )


@coordinator_view
def import_requeue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = get_import_batch_for_user(request.user, pk, write=True)
    if request.method == "POST":
        try:
            imports.requeue_import(batch, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The import is queued again."))
    return redirect("manage:import_progress", batch.pk)


@coordinator_view
def import_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = get_import_batch_for_user(request.user, pk, write=True)
    if request.method == "POST":
        try:
            imports.cancel_import(batch, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The import is cancelled; nothing of it was written."))
    return redirect("manage:import_progress", batch.pk)
