"""Back-office pages of the Regional Stakeholder Group: composition on a day, members joining and leaving."""

from __future__ import annotations

from typing import Any

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
    can_see_partner,
)
from secon.core.collation import collated
from secon.core.converters import id_or_404
from secon.core.idempotency import create_once
from secon.projects.access import get_partner_for_user
from secon.projects.current import current_project
from secon.projects.models import Partner
from secon.registry.access import get_membership_for_user, get_person_for_user
from secon.registry.models import (
    HelixCategory,
    OrganisationType,
    RsgMembership,
)
from secon.registry.records import services
from secon.registry.records.forms import (
    CompositionDateForm,
    EndDateForm,
    MembershipForm,
)
from secon.registry.records.views.common import (
    action_page,
    error_text,
)
from secon.territory.partners import regions_for_partner

# --- Regional Stakeholder Group --------------------------------------------------------------------------


def _rsg_partner(request: AuthenticatedRequest) -> Partner:
    """The group to show: the user's own partner's; the Lead Partner and admins may pick any."""
    user = request.user
    wanted = request.GET.get("partner") or request.POST.get("partner")
    if wanted and user.sees_all_partners:
        return get_partner_for_user(user, id_or_404(wanted))
    if user.partner_id and user.partner is not None:
        return user.partner
    project = current_project()
    partner = project.lead_partner if project else Partner.objects.in_order().first()
    if partner is None or not can_see_partner(user, partner):
        raise Http404
    return partner


def _rsg_url(request: AuthenticatedRequest, partner: Partner) -> str:
    """The group's page, of the same partner for someone who may look at several."""
    url = reverse("manage:rsg")
    return f"{url}?partner={partner.pk}" if request.user.sees_all_partners else url


def _composition_rows(composition: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    helix = [
        {"label": label, "count": composition["by_helix"].get(code, 0)}
        for code, label in HelixCategory.choices
    ]
    types = [
        {"label": kind.display_name, "count": composition["by_type"][kind.code]}
        for kind in OrganisationType.objects.filter(code__in=composition["by_type"])
    ]
    return {"helix": helix, "types": types}


def _region_rows(partner: Partner, composition: dict[str, Any]) -> list[dict[str, Any]]:
    """Members by the NUTS-3 regions of the partner's own territory, then those outside it or unplaced."""
    counts = dict(composition["by_region"])
    regions = regions_for_partner(partner)
    rows = [{"label": str(region), "count": counts.pop(region.code, 0)} for region in regions]
    rows.append({"label": _("Outside the region or not placed"), "count": sum(counts.values())})
    return rows


def _rsg_context(request: AuthenticatedRequest, partner: Partner, **forms: Any) -> dict[str, Any]:
    date_form = CompositionDateForm(request.GET or None)
    today = timezone.localdate()
    day = today
    if date_form.is_valid() and date_form.cleaned_data.get("on"):
        day = date_form.cleaned_data["on"]
    composition = services.composition_on(partner, day)
    members = (
        RsgMembership.objects.filter(partner=partner)
        .on(day)
        .select_related("person", "organisation", "organisation__type")
        .order_by(collated("organisation__name"), "person__name_order")
    )
    can_edit = can_edit_partner(request.user, partner)
    find = request.GET.get("find", "")
    return {
        "nav": "rsg",
        "title": _("Regional Stakeholder Group"),
        "partner": partner,
        "partners": Partner.objects.in_order() if request.user.sees_all_partners else None,
        "day": day,
        "is_today": day == today,
        "date_form": date_form,
        "composition": composition,
        "rows": _composition_rows(composition),
        "region_rows": _region_rows(partner, composition),
        "members": list(members),
        "can_edit": can_edit,
        "find": find,
        "member_form": forms.get("member_form")
        or (MembershipForm(partner_id=partner.pk, find=find, initial={"since": today}) if can_edit else None),
    }


@back_office_view
def rsg(request: AuthenticatedRequest) -> HttpResponse:
    partner = _rsg_partner(request)
    return render(request, "registry/rsg.html", _rsg_context(request, partner))


@back_office_view
@create_once
def rsg_member_add(request: AuthenticatedRequest) -> HttpResponse:
    partner = _rsg_partner(request)
    if not can_edit_partner(request.user, partner):
        raise PermissionDenied
    form = MembershipForm(request.POST or None, partner_id=partner.pk, find=request.GET.get("find", ""))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = get_person_for_user(request.user, data.pop("person").pk, write=True)
        try:
            services.add_membership(person, actor=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s joined the group.") % {"name": person.full_name})
            return redirect(_rsg_url(request, partner))
    return action_page(
        request,
        form,
        title=_("Add a member to the Regional Stakeholder Group"),
        back=reverse("manage:rsg"),
        nav="rsg",
        submit=_("Add the member"),
        find_url=reverse("manage:rsg_member_add"),
        find=request.GET.get("find", ""),
        partner=partner if request.user.sees_all_partners else None,
    )


@back_office_view
def rsg_member_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_membership_for_user(request.user, pk, write=True)
    form = EndDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_membership(membership, actor=request.user, until=form.cleaned_data["until"])
        except ValidationError as error:
            form.add_error("until", error_text(error))
        else:
            messages.success(request, _("The membership was ended."))
            return redirect(_rsg_url(request, membership.partner))
    return action_page(
        request,
        form,
        title=_("End the membership of %(name)s (%(organisation)s)")
        % {"name": membership.person.full_name, "organisation": membership.organisation},
        back=reverse("manage:rsg"),
        nav="rsg",
        submit=_("End the membership"),
    )
