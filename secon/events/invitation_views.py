"""Back office: inviting a registry segment to an event, the sending's progress, the answers.

The segment is the host partner's RSG members on the event date, or a people list given by the
registry list's own filters; either is evaluated here on the server (never a list of ids sent by the
browser) and bounded (`EVENT_MAX_INVITEES`). The organiser sees who will be invited and, for everyone
else, why not, before confirming.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.access import AuthenticatedRequest, back_office_view, can_edit_partner
from secon.core.idempotency import create_once
from secon.events import invitations
from secon.events.access import get_event_for_user
from secon.events.models import Answer, Delivery, Event, Invitation, InvitationSource
from secon.registry.models import Person
from secon.registry.records.filters import PersonFilterForm

PAGE_SIZE = 50
SEGMENTS = (InvitationSource.RSG, InvitationSource.LIST)


class SegmentForm(forms.Form):
    segment = forms.ChoiceField(
        label=gettext_lazy("Whom to invite"),
        choices=[(code, label) for code, label in InvitationSource.choices if code in SEGMENTS],
        initial=InvitationSource.RSG,
        widget=forms.RadioSelect,
    )


def _segment(request: AuthenticatedRequest, event: Event, data: Any) -> tuple[str, QuerySet[Person], Any]:
    form = SegmentForm(data or None)
    segment = form.cleaned_data["segment"] if form.is_valid() else InvitationSource.RSG
    filters = PersonFilterForm(data or None, user=request.user)
    people: QuerySet[Person]
    if segment == InvitationSource.LIST:
        # The registry list's own filters, re-applied here; only the host partner's people can be invited.
        people = filters.results().filter(partner_id=event.partner_id)
    else:
        people = invitations.rsg_members(event)
    return segment, people, filters


@back_office_view
@create_once
def invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: who would be invited and who not (with why); POST: invite them."""
    event = get_event_for_user(request.user, pk, write=True)
    data = request.POST if request.method == "POST" else request.GET
    segment, people, filters = _segment(request, event, data)
    error = ""
    try:
        invitations.check_invitable(event)
    except ValidationError as refusal:
        error = " ".join(refusal.messages)
    if request.method == "POST" and not error:
        try:
            result = invitations.invite(event, people, actor=request.user, source=segment)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(
                request,
                _("%(queued)s invitations are being sent; %(excluded)s people are listed as not invited.")
                % {"queued": result.queued, "excluded": result.excluded},
            )
            return redirect("manage:event_invitations", pk=event.pk)
    context = {
        "nav": "events",
        "title": _("Invite"),
        "event": event,
        "segment_form": SegmentForm(initial={"segment": segment}),
        "segment": segment,
        "filters": filters,
        "preview": invitations.preview(event, people),
        "error": error,
        "max": invitations.max_invitees(),
    }
    return render(request, "events/invitations/invite.html", context, status=400 if error else 200)


def _rows(event: Event, show: str) -> QuerySet[Invitation]:
    rows = Invitation.objects.filter(event=event).select_related("person", "substitute")
    if show == "excluded":
        return rows.filter(delivery=Delivery.EXCLUDED)
    if show in Answer.values:
        return rows.filter(answer=show)
    if show == "unanswered":
        return rows.exclude(delivery=Delivery.EXCLUDED).filter(answer="")
    return rows.exclude(delivery=Delivery.EXCLUDED)


@back_office_view
def invitation_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Everyone invited with their answer (live), and everyone not invited with the reason."""
    event = get_event_for_user(request.user, pk)
    show = request.GET.get("show", "")
    if show not in ("excluded", "unanswered", *Answer.values):
        show = ""
    page = Paginator(_rows(event, show).order_by("person__name_order", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "nav": "events",
        "title": _("Invitations"),
        "event": event,
        "progress": invitations.progress(event),
        "page": page,
        "show": show,
        "answers": Answer.choices,
        "can_edit": can_edit_partner(request.user, event.partner),
    }
    return render(request, "events/invitations/list.html", context)


@back_office_view
def invitation_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The counts alone, polled by htmx every few seconds while invitations are being sent."""
    event = get_event_for_user(request.user, pk)
    context = {"event": event, "progress": invitations.progress(event)}
    return render(request, "events/invitations/_progress.html", context)
