"""Back-office views of events: the list, an event with its agenda, editing, status changes, slides."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.access import AuthenticatedRequest, back_office_view, can_edit_partner, scope_to_user
from secon.core.idempotency import create_once
from secon.core.media import file_response
from secon.events import invitations, services
from secon.events.access import (
    get_agenda_item_for_user,
    get_attachment_for_user,
    get_event_for_user,
    get_presenter_for_user,
)
from secon.events.forms import (
    AgendaItemForm,
    AttachmentForm,
    EventFilterForm,
    EventForm,
    PresenterForm,
    StatusForm,
)
from secon.events.minutes import carry_over_action_items
from secon.events.models import AgendaItem, AgendaPresenter, Event, EventStatus
from secon.projects.models import Partner

PAGE_SIZE = 25
SORTS = {
    "-starts": ("-starts_at", "-pk"),
    "starts": ("starts_at", "pk"),
    "title": ("title", "pk"),
    "-updated": ("-updated_at", "-pk"),
}


def _posted(request: AuthenticatedRequest) -> Any:
    """The posted data, even when empty (an empty POST is still a submission to validate)."""
    return request.POST if request.method == "POST" else None


def _fail(form: Any, error: ValidationError) -> None:
    """A service's refusal shown on the form: per field where it names one, else above the fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _filtered(form: EventFilterForm, user: Any) -> QuerySet[Event]:
    events = scope_to_user(Event.objects.select_related("partner", "type"), user)
    sort = "-starts"
    if form.is_valid():
        data = form.cleaned_data
        if data.get("type"):
            events = events.filter(type=data["type"])
        if data.get("status"):
            events = events.filter(status=data["status"])
        if data.get("semester"):
            events = events.filter(semester=data["semester"])
        if data.get("year"):
            events = events.filter(starts_at__year=data["year"])
        if data.get("partner"):
            events = events.filter(partner=data["partner"])
        sort = data.get("sort") or sort
    return events.order_by(*SORTS[sort])


@back_office_view
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None, user=request.user)
    page = Paginator(_filtered(form, request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "events/_manage_results.html" if request.htmx else "events/manage_list.html"
    return render(request, template, {"nav": "events", "title": _("Events"), "form": form, "page": page})


@back_office_view
@create_once
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    # An event belongs to the partner of whoever creates it; an administrator has none.
    partner: Partner | None = request.user.partner
    if partner is None:
        messages.info(request, _("Events are created by the staff of the partner that hosts them."))
        return redirect("manage:event_list")
    form = EventForm(_posted(request), partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                partner,
                actor=request.user,
                type=form.cleaned_data["type"],
                themes=list(form.cleaned_data["themes"]),
                **form.service_fields(),
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The event has been created."))
            return redirect("manage:event_detail", pk=event.pk)
    return render(
        request, "events/manage_form.html", {"nav": "events", "title": _("New event"), "form": form}
    )


def _agenda(event: Event) -> list[AgendaItem]:
    presenters = AgendaPresenter.objects.select_related("person", "organisation")
    return list(
        event.agenda_items.prefetch_related(Prefetch("presenters", queryset=presenters), "attachments")
    )


@back_office_view
def event_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    invitation_progress = invitations.progress(event)
    if can_edit_partner(request.user, event.partner):
        # Opening a draft agenda brings the open action items of earlier meetings onto it, up to date.
        carry_over_action_items(event, actor=request.user)
    context = {
        "nav": "events",
        "title": str(event),
        "event": event,
        "agenda": _agenda(event),
        "themes": list(event.themes.all()),
        "can_edit": can_edit_partner(request.user, event.partner),
        # "Minutes approved" follows the approval on the minutes page, never a click here.
        "next_statuses": [
            EventStatus(status) for status in event.next_statuses() if status != EventStatus.MINUTES_APPROVED
        ],
        "agenda_editable": event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED),
        # Sending progress (polled while it runs) and the answers so far, once anyone has been invited.
        "invitation_progress": invitation_progress if invitation_progress.counts else None,
        "invitable": event.status in (EventStatus.PLANNED, EventStatus.INVITATIONS_SENT)
        and event.starts_at > timezone.now(),
    }
    return render(request, "events/manage_detail.html", context)


@back_office_view
def event_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, write=True)
    form = EventForm(_posted(request), instance=event, partner=event.partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(
                event, actor=request.user, themes=list(form.cleaned_data["themes"]), **form.service_fields()
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect("manage:event_detail", pk=event.pk)
    context = {"nav": "events", "title": _("Edit event"), "form": form, "event": event}
    return render(request, "events/manage_form.html", context)


@back_office_view
def event_status(request: AuthenticatedRequest, pk: int, status: str) -> HttpResponse:
    """Confirm, then make one step of the status flow (cancelling asks for the reason)."""
    event = get_event_for_user(request.user, pk, write=True)
    if status not in event.next_statuses():
        raise Http404
    form = StatusForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(
                event, actor=request.user, status=status, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(
                request, _("The event is now “%(status)s”.") % {"status": EventStatus(status).label}
            )
            return redirect("manage:event_detail", pk=event.pk)
    context = {
        "nav": "events",
        "title": _("Change the status"),
        "event": event,
        "form": form,
        "new_status": EventStatus(status),
        "asks_reason": status == EventStatus.CANCELLED,
    }
    return render(request, "events/manage_status.html", context)


# --- Agenda --------------------------------------------------------------------------------------------


def _to_agenda(event: Event) -> HttpResponse:
    return redirect(reverse("manage:event_detail", kwargs={"pk": event.pk}) + "#agenda")


def _confirm_removal(
    request: AuthenticatedRequest,
    event: Event,
    remove: Callable[[], object],
    *,
    title: str,
    question: str,
    done: str,
) -> HttpResponse:
    """GET asks `question`; POST runs `remove` and goes back to the agenda, saying what happened."""
    if request.method == "POST":
        try:
            remove()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return _to_agenda(event)
    context = {"nav": "events", "title": title, "event": event, "question": question, "confirm": _("Remove")}
    return render(request, "events/manage_confirm.html", context)


@back_office_view
@create_once
def agenda_item_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, write=True)
    form = AgendaItemForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agenda_item(event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The agenda item has been added."))
            return _to_agenda(event)
    context = {"nav": "events", "title": _("New agenda item"), "form": form, "event": event}
    return render(request, "events/manage_agenda_item.html", context)


@back_office_view
def agenda_item_edit(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_agenda_item_for_user(request.user, pk, item_pk, write=True)
    form = AgendaItemForm(_posted(request), instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agenda_item(item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The agenda item has been saved."))
            return _to_agenda(item.event)
    context = {
        "nav": "events",
        "title": _("Edit agenda item"),
        "form": form,
        "event": item.event,
        "item": item,
    }
    return render(request, "events/manage_agenda_item.html", context)


@back_office_view
def agenda_item_remove(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_agenda_item_for_user(request.user, pk, item_pk, write=True)
    return _confirm_removal(
        request,
        item.event,
        lambda: services.remove_agenda_item(item, actor=request.user),
        title=_("Remove agenda item"),
        question=_("Remove “%(title)s” and its presenters and slides from the agenda?") % {"title": item},
        done=_("The agenda item has been removed."),
    )


@back_office_view
def agenda_item_move(request: AuthenticatedRequest, pk: int, item_pk: int, direction: str) -> HttpResponse:
    item = get_agenda_item_for_user(request.user, pk, item_pk, write=True)
    if direction not in ("up", "down"):
        raise Http404
    if request.method != "POST":
        return _to_agenda(item.event)
    try:
        services.move_agenda_item(item, actor=request.user, up=direction == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _to_agenda(item.event)


@back_office_view
@create_once
def presenter_add(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_agenda_item_for_user(request.user, pk, item_pk, write=True)
    search = request.GET.get("q", "")[:100]
    form = PresenterForm(_posted(request), partner=item.event.partner, search=search)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_presenter(
                item,
                actor=request.user,
                person=data["person"],
                function=data["function"],
                title_form=data["title_form"],
                place=data["place"],
                public_function=data["public_function"],
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The presenter has been added."))
            return _to_agenda(item.event)
    context = {
        "nav": "events",
        "title": _("Add a presenter"),
        "form": form,
        "event": item.event,
        "item": item,
        "search": search,
    }
    return render(request, "events/manage_presenter.html", context)


@back_office_view
def presenter_remove(request: AuthenticatedRequest, pk: int, presenter_pk: int) -> HttpResponse:
    presenter = get_presenter_for_user(request.user, pk, presenter_pk, write=True)
    return _confirm_removal(
        request,
        presenter.item.event,
        lambda: services.remove_presenter(presenter, actor=request.user),
        title=_("Remove presenter"),
        question=_("Remove %(name)s from “%(item)s”?") % {"name": presenter, "item": presenter.item},
        done=_("The presenter has been removed."),
    )


@back_office_view
@create_once
def attachment_add(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_agenda_item_for_user(request.user, pk, item_pk, write=True)
    form = AttachmentForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(
                item, actor=request.user, file=form.cleaned_data["file"], title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The slides have been added."))
            return _to_agenda(item.event)
    context = {"nav": "events", "title": _("Add slides"), "form": form, "event": item.event, "item": item}
    return render(request, "events/manage_attachment.html", context)


@back_office_view
def attachment_file(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> Any:
    attachment = get_attachment_for_user(request.user, pk, attachment_pk)
    return file_response(attachment.file, download_name=attachment.download_name)


@back_office_view
def attachment_remove(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = get_attachment_for_user(request.user, pk, attachment_pk, write=True)
    return _confirm_removal(
        request,
        attachment.item.event,
        lambda: services.remove_attachment(attachment, actor=request.user),
        title=_("Remove slides"),
        question=_("Remove “%(title)s”?") % {"title": attachment},
        done=_("The slides have been removed."),
    )
