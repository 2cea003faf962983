"""Back-office views of the project calendar: the dashboard and the work plan."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.access import AuthenticatedRequest, back_office_view, can_see_partner, scope_to_user
from secon.core.idempotency import create_once
from secon.projects import services
from secon.projects.access import get_work_item_for_user
from secon.projects.activity import semester_activity
from secon.projects.calendar import semester_on, semesters
from secon.projects.current import current_project
from secon.projects.dashboard import ALL_PARTNERS, dashboard_partner, partner_items, upcoming_deadlines
from secon.projects.forms import SORTS, WorkItemForm, WorkPlanFilterForm
from secon.projects.models import Partner, Project, WorkItem, WorkItemQuerySet, WorkItemStatus

UPCOMING_DAYS = 60


def _project_or_404() -> Project:
    project = current_project()
    if project is None:
        raise Http404
    return project


@back_office_view
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    project = _project_or_404()
    partner = dashboard_partner(request.user, project, request.GET)
    today = timezone.localdate()
    phases = list(project.phases.all())
    all_semesters = semesters(project, phases)
    current = semester_on(project, today, phases)
    previous = next((s for s in all_semesters if current and s.number == current.number - 1), None)
    if current is None and all_semesters and today > all_semesters[-1].end:
        previous = all_semesters[-1]

    items = partner_items(request.user, partner)
    deadlines = upcoming_deadlines(
        items,
        all_semesters,
        today=today,
        report_horizon=today + dt.timedelta(days=UPCOMING_DAYS * 3),
        item_horizon=today + dt.timedelta(days=UPCOMING_DAYS),
        one_partner=partner is not None,
    )

    context = {
        "nav": "dashboard",
        "title": _("Dashboard"),
        "partner": partner,
        "partners": Partner.objects.in_order() if request.user.sees_all_partners else None,
        "all_partners": ALL_PARTNERS,
        "today": today,
        "current": current,
        "days_left": current.days_left(today) if current else None,
        "previous": previous,
        "deadlines": deadlines[:10],
        "current_items": list(items.filter(semester=current.number)) if current else [],
        "late_items": list(items.late(today)),
        "previous_done": items.filter(semester=previous.number, status=WorkItemStatus.DONE).count()
        if previous
        else 0,
        "previous_open": list(items.open().filter(semester=previous.number)) if previous else [],
        **{
            f"previous_{name}": records
            for name, records in (
                semester_activity(partner, previous.start, previous.end) if previous else {}
            ).items()
        },
    }
    return render(request, "projects/dashboard.html", context)


@back_office_view
def workplan(request: AuthenticatedRequest) -> HttpResponse:
    project = _project_or_404()
    user = request.user
    all_semesters = semesters(project)
    form = WorkPlanFilterForm(request.GET or None, user=user, semester_count=len(all_semesters))
    items = cast(WorkItemQuerySet, scope_to_user(WorkItem.objects.select_related("partner", "owner"), user))
    sort = "due"
    if form.is_valid():
        data = form.cleaned_data
        if data.get("partner"):
            items = items.filter(partner=data["partner"])
        if data.get("semester"):
            items = items.filter(semester=data["semester"])
        if data.get("status") == "late":
            items = items.late()
        elif data.get("status"):
            items = items.filter(status=data["status"])
        if data.get("kind"):
            items = items.filter(kind=data["kind"])
        sort = data.get("sort") or "due"
    items = items.order_by(*SORTS[sort])
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    # An htmx request (filters changed) gets only the results block; without JavaScript, the full page.
    template = "projects/_workplan_results.html" if request.htmx else "projects/workplan.html"
    return render(request, template, {"nav": "workplan", "title": _("Work plan"), "form": form, "page": page})


def _work_item_form(
    request: AuthenticatedRequest, partner: Partner, instance: WorkItem | None = None
) -> WorkItemForm:
    project = _project_or_404()
    all_semesters = semesters(project)
    # A new item most likely belongs to the semester under way, and to the person adding it.
    current = semester_on(project, timezone.localdate())
    initial = {} if instance else {"semester": current.number if current else 1, "owner": request.user.pk}
    return WorkItemForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        partner=partner,
        semester_count=len(all_semesters),
    )


@back_office_view
@create_once
def work_item_create(request: AuthenticatedRequest) -> HttpResponse:
    partner = request.user.partner
    if partner is None or not can_see_partner(request.user, partner):
        messages.error(request, _("Only staff of a partner can add items to its work plan."))
        return redirect("manage:workplan")
    form = _work_item_form(request, partner)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_work_item(partner, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s” was added to the work plan.") % {"title": item.title})
            return redirect("manage:workplan")
    return render(
        request,
        "projects/work_item_form.html",
        {"nav": "workplan", "form": form, "title": _("New work-plan item")},
    )


@back_office_view
def work_item_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_work_item_for_user(request.user, pk, write=request.method == "POST")
    form = _work_item_form(request, item.partner, instance=WorkItem.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_work_item(item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The work-plan item was saved."))
            return redirect("manage:workplan")
    return render(
        request,
        "projects/work_item_form.html",
        {"nav": "workplan", "form": form, "item": item, "title": _("Edit work-plan item")},
    )


@back_office_view
def work_item_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_work_item_for_user(request.user, pk, write=True)
    if request.method == "POST":
        services.delete_work_item(item, actor=request.user)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": item.title})
        return redirect("manage:workplan")
    return render(
        request,
        "projects/work_item_confirm_delete.html",
        {"nav": "workplan", "item": item, "title": _("Delete work-plan item")},
    )
