"""Back-office views of the registry: organisations, people, consents and the Regional Stakeholder Group."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
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
    scope_to_user,
)
from secon.core.audit import action_label
from secon.core.converters import id_or_404
from secon.core.idempotency import create_once
from secon.core.models import AuditEvent
from secon.projects.access import get_partner_for_user
from secon.projects.current import current_project
from secon.projects.models import Partner
from secon.registry.access import get_membership_for_user, get_organisation_for_user, get_person_for_user
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    HelixCategory,
    Organisation,
    OrganisationQuerySet,
    OrganisationStatus,
    OrganisationType,
    Person,
    PersonQuerySet,
    PersonRoleAssignment,
    Purpose,
    RsgMembership,
)
from secon.registry.records import editing, services
from secon.registry.records.forms import (
    ORGANISATION_SORTS,
    PERSON_SORTS,
    AffiliationForm,
    CompositionDateForm,
    ConsentForm,
    EndDateForm,
    MembershipForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
    StatusForm,
    WithdrawForm,
)
from secon.territory.models import NutsRegion, TerritorialUnit, UnitLevel

PAGE_SIZE = 25
RECENT_EVENTS = 10


def _recent_events(obj: Any) -> list[dict[str, Any]]:
    events = AuditEvent.objects.for_object(obj).select_related("actor")[:RECENT_EVENTS]
    return [{"event": event, "label": action_label(event.code)} for event in events]


def _own_partner_or_none(request: AuthenticatedRequest) -> Partner | None:
    """Where a new record goes: the user's own partner (the administrator picks one in the form)."""
    return request.user.partner


def _error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


# --- Organisations: list ------------------------------------------------------------------------------


def _membership_filter(value: str, field: str) -> Q:
    """Current, former or never a member, as a subquery on the membership table (no join, no duplicates)."""
    today = timezone.localdate()
    ever = Exists(RsgMembership.objects.filter(**{field: OuterRef("pk")}))
    active = Exists(RsgMembership.objects.on(today).filter(**{field: OuterRef("pk")}))
    if value == "active":
        return Q(active)
    if value == "former":
        return Q(ever) & ~Q(active)
    return ~Q(ever)


def filter_organisations(form: OrganisationFilterForm, user: Any) -> OrganisationQuerySet:
    organisations = cast(
        OrganisationQuerySet,
        scope_to_user(Organisation.objects.select_related("type", "territory", "partner"), user),
    )
    sort = "name"
    if form.is_valid():
        data = form.cleaned_data
        if data.get("partner"):
            organisations = organisations.filter(partner=data["partner"])
        if data.get("type"):
            organisations = organisations.filter(type=data["type"])
        if data.get("helix"):
            organisations = organisations.filter(helix=data["helix"])
        if data.get("powiat"):
            # An organisation points at a powiat or at one of its gminas: the powiat's units are a
            # short list found by code prefix, and the organisation table is read by its territory index.
            powiat = data["powiat"]
            units = TerritorialUnit.objects.filter(
                Q(pk=powiat.pk) | Q(level=UnitLevel.GMINA, code__startswith=powiat.code)
            )
            organisations = organisations.filter(territory_id__in=units.values("pk"))
        if data.get("subregion"):
            units = TerritorialUnit.objects.in_subregion(data["subregion"].code)
            organisations = organisations.filter(territory_id__in=units.values("pk"))
        if data.get("theme"):
            organisations = organisations.filter(themes=data["theme"])
        if data.get("member"):
            organisations = organisations.filter(_membership_filter(data["member"], "organisation"))
        if data.get("contact"):
            contacts = ConsentRecord.objects.in_force().filter(
                purpose=data["contact"], person__affiliations__organisation=OuterRef("pk")
            )
            organisations = organisations.filter(Exists(contacts))
        if data.get("q"):
            organisations = organisations.search(data["q"])
        sort = data.get("sort") or "name"
    return organisations.order_by(*ORGANISATION_SORTS[sort])


@back_office_view
def organisation_list(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None, user=request.user)
    page = Paginator(filter_organisations(form, request.user), PAGE_SIZE).get_page(request.GET.get("page"))
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
    statuses = list(organisation.statuses.all())
    context = {
        "nav": "organisations",
        "title": organisation.display_name,
        "organisation": organisation,
        "can_edit": can_edit_partner(request.user, organisation.partner),
        "territory": territory,
        "subregion": _subregion_of(territory),
        "nuts_region": organisation.nuts_region,
        "themes": list(organisation.themes.all()),
        "statuses": [{"status": s, "active": s.is_active_on(today)} for s in statuses],
        "affiliations": list(
            organisation.affiliations.select_related("person")
            .filter(person__anonymised_at__isnull=True)
            .order_by("person__full_name")
        ),
        "memberships": [
            {"membership": m, "active": m.is_active_on(today)}
            for m in organisation.memberships.select_related("person").order_by("-since")
        ],
        "events": _recent_events(organisation),
        "delete_blocked": _delete_blocked(organisation) if can_edit_partner(request.user, organisation.partner) else "",
    }
    return render(request, "registry/organisation_detail.html", context)


def _delete_blocked(organisation: Organisation) -> str:
    """Why the organisation cannot be deleted, or "" when it can: shown beside a disabled button."""
    blockers = editing.deletion_blockers(organisation)
    return editing.blocked_message(organisation.name, blockers) if blockers else ""


@back_office_view
@create_once
def organisation_create(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data.get("partner") or _own_partner_or_none(request)
        if partner is None or not can_edit_partner(request.user, partner):
            raise PermissionDenied
        try:
            organisation = services.create_organisation(
                partner, actor=request.user, themes=form.cleaned_data["themes"], **form.service_values()
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
                organisation, actor=request.user, themes=form.cleaned_data["themes"], **form.service_values()
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
            messages.error(request, _error_text(error))
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


def _action_page(
    request: AuthenticatedRequest, form: Any, *, title: str, back: str, nav: str, submit: str, **extra: Any
) -> HttpResponse:
    """A small page with one form: what a button on a record's page shows without JavaScript or on error."""
    context = {"form": form, "title": title, "back": back, "nav": nav, "submit": submit, **extra}
    return render(request, "registry/action_form.html", context)


@back_office_view
@create_once
def organisation_status_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, write=True)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            editing.add_status(organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The status was added."))
            return redirect("manage:organisation_detail", organisation.pk)
    return _action_page(
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
            form.add_error("until", _error_text(error))
        else:
            messages.success(request, _("The status was ended."))
            return redirect("manage:organisation_detail", organisation.pk)
    return _action_page(
        request,
        form,
        title=_("End the status “%(status)s”") % {"status": status.get_kind_display()},
        back=reverse("manage:organisation_detail", args=[organisation.pk]),
        nav="organisations",
        submit=_("End the status"),
    )


# --- People: list ------------------------------------------------------------------------------------


def filter_people(form: PersonFilterForm, user: Any) -> PersonQuerySet:
    people = cast(PersonQuerySet, scope_to_user(Person.objects.active().select_related("partner"), user))
    sort = "name"
    if form.is_valid():
        data = form.cleaned_data
        if data.get("partner"):
            people = people.filter(partner=data["partner"])
        if data.get("role"):
            people = people.filter(
                Exists(PersonRoleAssignment.objects.filter(person=OuterRef("pk"), role=data["role"]))
            )
        if data.get("organisation_type"):
            people = people.filter(
                Exists(
                    Affiliation.objects.filter(
                        person=OuterRef("pk"), organisation__type=data["organisation_type"]
                    )
                )
            )
        if data.get("member"):
            people = people.filter(_membership_filter(data["member"], "person"))
        if data.get("language"):
            people = people.filter(language=data["language"])
        consent_state = data.get("consent")
        if consent_state:
            records = ConsentRecord.objects.filter(person=OuterRef("pk"))
            if data.get("purpose"):
                records = records.filter(purpose=data["purpose"])
            in_force = Exists(records.in_force())
            if consent_state == "in_force":
                people = people.filter(in_force)
            elif consent_state == "withdrawn":
                people = people.filter(Exists(records.filter(withdrawn_at__isnull=False)) & ~in_force)
            else:
                people = people.filter(~in_force)
        elif data.get("purpose"):
            people = people.filter(
                Exists(ConsentRecord.objects.filter(person=OuterRef("pk"), purpose=data["purpose"]))
            )
        query = (data.get("q") or "").strip()
        if query:
            # An address is matched as typed; names through the folded, stemmed search key.
            people = people.filter(email__icontains=query) if "@" in query else people.search(query)
        sort = data.get("sort") or "name"
    return people.order_by(*PERSON_SORTS[sort])


def _with_list_details(people: QuerySet[Person]) -> QuerySet[Person]:
    """What a row of the people list shows, in a fixed number of queries whatever the page size."""
    return people.prefetch_related(
        "role_assignments",
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation")),
        Prefetch("consents", queryset=ConsentRecord.objects.in_force(), to_attr="consents_in_force"),
    )


@back_office_view
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None, user=request.user)
    people = _with_list_details(filter_people(form, request.user))
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "registry/_person_results.html" if request.htmx else "registry/person_list.html"
    return render(
        request,
        template,
        {
            "nav": "people",
            "title": _("People"),
            "form": form,
            "page": page,
            "query": request.GET.urlencode(),
            "show_partner": request.user.sees_all_partners,
        },
    )


# --- People: pages ------------------------------------------------------------------------------------


def _person_context(request: AuthenticatedRequest, person: Person, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    consents = list(person.consents.all())
    in_force = {c.purpose: c for c in consents if c.in_force}
    can_edit = can_edit_partner(request.user, person.partner)
    find = request.GET.get("find", "")
    withdraw_form: WithdrawForm = forms.get("withdraw_form") or WithdrawForm()
    withdraw_form.fields["purpose"].choices = [  # type: ignore[attr-defined]
        (code, label) for code, label in Purpose.choices if code in in_force
    ]
    return {
        "nav": "people",
        "title": person.full_name,
        "person": person,
        "can_edit": can_edit,
        "roles": person.get_roles_display(),
        "affiliations": list(person.affiliations.select_related("organisation", "organisation__type")),
        "purposes": [
            {"code": code, "label": label, "record": in_force.get(code)} for code, label in Purpose.choices
        ],
        "consents": consents,
        "memberships": [
            {"membership": m, "active": m.is_active_on(today)}
            for m in person.memberships.select_related("organisation").order_by("-since")
        ],
        "events": _recent_events(person),
        "affiliation_form": forms.get("affiliation_form")
        or (AffiliationForm(partner_id=person.partner_id, find=find) if can_edit else None),
        "find": find,
        "consent_form": forms.get("consent_form") or ConsentForm(),
        "withdraw_form": withdraw_form,
        "has_consents_in_force": bool(in_force),
    }


@back_office_view
def person_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    return render(request, "registry/person_detail.html", _person_context(request, person))


@back_office_view
@create_once
def person_create(request: AuthenticatedRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data.get("partner") or _own_partner_or_none(request)
        if partner is None or not can_edit_partner(request.user, partner):
            raise PermissionDenied
        try:
            person = services.create_person(
                partner, actor=request.user, roles=form.cleaned_data["roles"], **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was added to the registry.") % {"name": person.full_name})
            return redirect("manage:person_detail", person.pk)
    return render(
        request, "registry/person_form.html", {"nav": "people", "form": form, "title": _("New person")}
    )


@back_office_view
def person_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=person.pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                person, actor=request.user, roles=form.cleaned_data["roles"], **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person's details were saved."))
            return redirect("manage:person_detail", person.pk)
    return render(
        request,
        "registry/person_form.html",
        {
            "nav": "people",
            "form": form,
            "person": person,
            "title": _("Edit %(name)s") % {"name": person.full_name},
        },
    )


@back_office_view
@create_once
def person_affiliation_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, write=True)
    form = AffiliationForm(
        request.POST or None, partner_id=person.partner_id, find=request.GET.get("find", "")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_affiliation(person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation and position were saved."))
            return redirect("manage:person_detail", person.pk)
    return _action_page(
        request,
        form,
        title=_("Add an organisation for %(name)s") % {"name": person.full_name},
        back=reverse("manage:person_detail", args=[person.pk]),
        nav="people",
        submit=_("Save"),
        find_url=reverse("manage:person_affiliation_add", args=[person.pk]),
        find=request.GET.get("find", ""),
    )


@back_office_view
def person_affiliation_end(request: AuthenticatedRequest, pk: int, affiliation_pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, write=True)
    affiliation = (
        Affiliation.objects.select_related("organisation").filter(person=person, pk=affiliation_pk).first()
    )
    if affiliation is None:
        raise Http404
    form = EndDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        until = form.cleaned_data["until"]
        if affiliation.since and until < affiliation.since:
            form.add_error("until", _("The last day cannot be before the first."))
        else:
            services.set_affiliation(
                person,
                actor=request.user,
                organisation=affiliation.organisation,
                position=affiliation.position,
                since=affiliation.since,
                until=until,
            )
            messages.success(request, _("The affiliation was ended."))
            return redirect("manage:person_detail", person.pk)
    return _action_page(
        request,
        form,
        title=_("%(name)s leaves %(organisation)s")
        % {"name": person.full_name, "organisation": affiliation.organisation},
        back=reverse("manage:person_detail", args=[person.pk]),
        nav="people",
        submit=_("Save"),
    )


@back_office_view
@create_once
def person_consent_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, write=True)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        given_on: dt.date | None = data.pop("given_on")
        given_at = None
        if given_on and given_on != timezone.localdate():
            given_at = dt.datetime.combine(given_on, dt.time(12, 0), tzinfo=timezone.get_current_timezone())
        try:
            services.record_consent(person, actor=request.user, given_at=given_at, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The legal basis was recorded."))
            return redirect("manage:person_detail", person.pk)
    return _action_page(
        request,
        form,
        title=_("Record a consent or legal basis for %(name)s") % {"name": person.full_name},
        back=reverse("manage:person_detail", args=[person.pk]),
        nav="people",
        submit=_("Record"),
    )


@back_office_view
def person_consent_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, write=True)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.withdraw_consent(
            person,
            actor=request.user,
            purpose=form.cleaned_data["purpose"],
            through=form.cleaned_data["through"],
        )
        if count:
            messages.success(request, _("The consent was withdrawn; nothing will be sent for this purpose."))
            return redirect("manage:person_detail", person.pk)
        form.add_error("purpose", _("Nothing is in force for this purpose, so there is nothing to withdraw."))
    return _action_page(
        request,
        form,
        title=_("Withdraw a consent of %(name)s") % {"name": person.full_name},
        back=reverse("manage:person_detail", args=[person.pk]),
        nav="people",
        submit=_("Withdraw"),
    )


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
        .order_by("organisation__name", "person__full_name")
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
    return _action_page(
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
            form.add_error("until", _error_text(error))
        else:
            messages.success(request, _("The membership was ended."))
            return redirect(_rsg_url(request, membership.partner))
    return _action_page(
        request,
        form,
        title=_("End the membership of %(name)s (%(organisation)s)")
        % {"name": membership.person.full_name, "organisation": membership.organisation},
        back=reverse("manage:rsg"),
        nav="rsg",
        submit=_("End the membership"),
    )
