"""Back-office pages of organisations: list, record, create, edit, delete, statuses."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.access import (
    AuthenticatedRequest,
    back_office_view,
    can_edit_partner,
)
from secon.core.converters import parse_id
from secon.core.idempotency import create_once
from secon.core.listing import paginate
from secon.registry.access import get_organisation_for_user
from secon.registry.models import (
    Organisation,
    OrganisationStatus,
)
from secon.registry.records import editing, services
from secon.registry.records.filters import OrganisationFilterForm
from secon.registry.records.forms import (
    EndDateForm,
    OrganisationForm,
    StatusForm,
)
from secon.registry.records.organisation_identifiers import identifier_rows
from secon.registry.records.views.common import (
    action_page,
    error_text,
    own_partner_or_none,
    recent_events,
)
from secon.territory.models import NutsRegion, TerritorialUnit

# --- Organisations: list ------------------------------------------------------------------------------


@back_office_view
def organisation_list(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None, user=request.user)
    page = paginate(request, form.results(), form)
    template = "registry/_organisation_results.html" if request.htmx else "registry/organisation_list.html"
    return render(
        request,
        template,
        {
            "nav": "organisations",
            "title": _("Organisations"),
            "form": form,
            "page": page,
            "query": request.GET.urlencode(),
            "show_partner": request.user.sees_all_partners,
        },
    )


# --- Organisations: pages -------------------------------------------------------------------------------


def _subregion_of(unit: TerritorialUnit | None) -> NutsRegion | None:
    """The NUTS-3 subregion of a powiat, inherited by its gminas and their parts."""
    while unit is not None:
        if unit.nuts3_id:
            return unit.nuts3
        unit = unit.parent
    return None


@back_office_view
def organisation_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    today = timezone.localdate()
    territory = None
    if organisation.territory_id is not None:
        territory = (
            TerritorialUnit.objects.select_related("nuts3", "parent__nuts3", "parent__parent__nuts3")
            .filter(pk=organisation.territory_id)
            .first()
        )
    statuses = list(organisation.statuses.select_related("kind"))
    can_edit = can_edit_partner(request.user, organisation.partner)
    context = {
        "nav": "organisations",
        "title": organisation.display_name,
        "organisation": organisation,
        "can_edit": can_edit,
        "territory": territory,
        "subregion": _subregion_of(territory),
        "nuts_region": organisation.nuts_region,
        "themes": list(organisation.themes.all()),
        "identifiers": identifier_rows(organisation),
        "statuses": [{"status": s, "active": s.is_active_on(today)} for s in statuses],
        "affiliations": list(
            organisation.affiliations.select_related("person")
            .filter(person__anonymised_at__isnull=True)
            .order_by("person__name_order")
        ),
        "memberships": [
            {"membership": m, "active": m.is_active_on(today)}
            for m in organisation.memberships.select_related("person").order_by("-since")
        ],
        "events": recent_events(organisation),
        "delete_blocked": _delete_blocked(organisation) if can_edit else "",
    }
    return render(request, "registry/organisation_detail.html", context)


def _delete_blocked(organisation: Organisation) -> str:
    """Why the organisation cannot be deleted, or "" when it can: shown beside a disabled button."""
    blockers = editing.deletion_blockers(organisation)
    return editing.blocked_message(organisation.name, blockers) if blockers else ""


@back_office_view
@create_once
def organisation_create(request: AuthenticatedRequest) -> HttpResponse:
    # The administrator may open the form for one partner (?partner=id): its country's fields show.
    initial = {"partner": parse_id(request.GET.get("partner", ""))}
    form = OrganisationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data.get("partner") or own_partner_or_none(request)
        if partner is None or not can_edit_partner(request.user, partner):
            raise PermissionDenied
        try:
            organisation = services.create_organisation(
                partner,
                actor=request.user,
                themes=form.cleaned_data["themes"],
                identifiers=form.identifier_values(),
                **form.service_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("“%(name)s” was added to the registry.") % {"name": organisation.name}
            )
            return redirect("manage:organisation_detail", organisation.pk)
    return render(
        request,
        "registry/organisation_form.html",
        {"nav": "organisations", "form": form, "title": _("New organisation")},
    )


@back_office_view
def organisation_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, write=True)
    form = OrganisationForm(
        request.POST or None, instance=Organisation.objects.get(pk=organisation.pk), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation,
                actor=request.user,
                themes=form.cleaned_data["themes"],
                identifiers=form.identifier_values(),
                **form.service_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("manage:organisation_detail", organisation.pk)
    return render(
        request,
        "registry/organisation_form.html",
        {
            "nav": "organisations",
            "form": form,
            "organisation": organisation,
            "title": _("Edit %(name)s") % {"name": organisation.name},
        },
    )


@back_office_view
def organisation_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, write=True)
    if request.method == "POST":
        try:
            editing.delete_organisation(organisation, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect("manage:organisation_detail", organisation.pk)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": organisation.name})
        return redirect("manage:organisation_list")
    return render(
        request,
        "registry/organisation_confirm_delete.html",
        {
            "nav": "organisations",
            "organisation": organisation,
            "title": _("Delete %(name)s") % {"name": organisation.name},
            "memberships": organisation.memberships.count(),
            "affiliations": organisation.affiliations.count(),
            "delete_blocked": _delete_blocked(organisation),
        },
    )


@back_office_view
@create_once
def organisation_status_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, write=True)
    form = StatusForm(request.POST or None, country=organisation.country_code)
    if request.method == "POST" and form.is_valid():
        try:
            editing.add_status(organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The status was added."))
            return redirect("manage:organisation_detail", organisation.pk)
    return action_page(
        request,
        form,
        title=_("Add a status to %(name)s") % {"name": organisation.name},
        back=reverse("manage:organisation_detail", args=[organisation.pk]),
        nav="organisations",
        submit=_("Add the status"),
    )


@back_office_view
def organisation_status_end(request: AuthenticatedRequest, pk: int, status_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, write=True)
    status = OrganisationStatus.objects.filter(organisation=organisation, pk=status_pk).first()
    if status is None:
        raise Http404
    form = EndDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            editing.end_status(status, actor=request.user, valid_until=form.cleaned_data["until"])
        except ValidationError as error:
            form.add_error("until", error_text(error))
        else:
            messages.success(request, _("The status was ended."))
            return redirect("manage:organisation_detail", organisation.pk)
    return action_page(
        request,
        form,
        title=_("End the status “%(status)s”") % {"status": status.kind.display_name},
        back=reverse("manage:organisation_detail", args=[organisation.pk]),
        nav="organisations",
        submit=_("End the status"),
    )
