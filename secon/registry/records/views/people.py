"""Back-office pages of people: list, record, create, edit, organisations held, consents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from secon.core.access import (
    AuthenticatedRequest,
    back_office_view,
    can_edit_partner,
)
from secon.core.idempotency import create_once
from secon.core.listing import paginate
from secon.registry.access import get_person_for_user
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    Person,
    Purpose,
)
from secon.registry.records import services
from secon.registry.records.filters import PersonFilterForm
from secon.registry.records.forms import (
    AffiliationForm,
    ConsentForm,
    EndDateForm,
    PersonForm,
    WithdrawForm,
)
from secon.registry.records.views.common import (
    action_page,
    own_partner_or_none,
    recent_events,
)

# --- People: list ------------------------------------------------------------------------------------


def _with_list_details(people: QuerySet[Person]) -> QuerySet[Person]:
    """What a row of the people list shows, in a fixed number of queries whatever the page size."""
    return people.prefetch_related(
        "role_assignments",
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation")),
        Prefetch("consents", queryset=ConsentRecord.objects.in_force(), to_attr="consents_in_force"),
    )


# The people list marks each purpose with a legal basis in force by a short code, explained above the
# table; the records themselves (basis, dates, version of the text) are on the person's page.
PURPOSE_MARKS = {
    Purpose.RSG_COMMUNICATION: pgettext_lazy("consent mark", "RSG"),
    Purpose.NEWSLETTER: pgettext_lazy("consent mark", "News"),
    Purpose.SURVEYS: pgettext_lazy("consent mark", "Surveys"),
    Purpose.PUBLICATION: pgettext_lazy("consent mark", "Publ."),
}


def _consent_marks(purposes: set[str]) -> list[dict[str, Any]]:
    labels = dict(Purpose.choices)
    return [
        {"short": short, "label": labels[code]} for code, short in PURPOSE_MARKS.items() if code in purposes
    ]


@back_office_view
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None, user=request.user)
    people = _with_list_details(form.results())
    page = paginate(request, people, form)
    for person in page.object_list:
        person.consent_marks = _consent_marks({c.purpose for c in person.consents_in_force})
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
            "consent_legend": _consent_marks(set(PURPOSE_MARKS)),
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
        "events": recent_events(person),
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
        partner = form.cleaned_data.get("partner") or own_partner_or_none(request)
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
    return action_page(
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
    return action_page(
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
    return action_page(
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
    return action_page(
        request,
        form,
        title=_("Withdraw a consent of %(name)s") % {"name": person.full_name},
        back=reverse("manage:person_detail", args=[person.pk]),
        nav="people",
        submit=_("Withdraw"),
    )
