"""Back-office views of minutes and action items: write per language, approve, correct, track actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.accounts.models import BACK_OFFICE_ROLES, User
from secon.core.access import AuthenticatedRequest, back_office_view, can_edit_partner, coordinator_view
from secon.core.forms import BoundedDateField
from secon.core.idempotency import create_once
from secon.core.versions import VersionEdit
from secon.events import minutes as service
from secon.events.access import get_action_item_for_user, get_event_for_user, get_minutes_for_user
from secon.events.minutes_documents import minutes_content
from secon.events.models import ActionItemStatus, Event, EventStatus, Minutes, MinutesStatus
from secon.projects.models import Partner
from secon.registry.models import Person

PEOPLE_SHOWN = 50


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say why the approved minutes are corrected.")},
    )


class ActionItemForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Action"), max_length=500)
    text_en = forms.CharField(label=gettext_lazy("Action (English)"), max_length=500, required=False)
    owner_person = forms.ModelChoiceField(
        queryset=Person.objects.none(), label=gettext_lazy("Owner from the registry"), required=False
    )
    owner_user = forms.ModelChoiceField(
        queryset=User.objects.none(), label=gettext_lazy("Owner from the staff"), required=False
    )
    due_on = BoundedDateField(
        label=gettext_lazy("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, partner: Partner, search: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.for_partner(partner.pk).active()
        field = self.fields["owner_person"]
        field.queryset = people  # type: ignore[attr-defined]
        shown = people.matching(search) if search.strip() else people
        field.choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[
                (person.pk, person.full_name + (f" ({person.email})" if person.email else ""))
                for person in shown.order_by("name_order", "pk")[:PEOPLE_SHOWN]
            ],
        ]
        staff = User.objects.filter(partner=partner, is_active=True, role__in=BACK_OFFICE_ROLES)
        self.fields["owner_user"].queryset = staff.order_by("email")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("owner_person") and data.get("owner_user"):
            raise ValidationError(_("Choose one owner: a person from the registry or a staff member."))
        return data


def _minutes_form(minutes: Minutes, language: str, data: Any) -> forms.Form:
    """The fields of one language version: its summary, then a summary and decisions per agenda item."""
    text = minutes.texts.filter(language=language).prefetch_related("items").first()
    if text is None:
        raise Http404
    form = forms.Form(data)
    form.fields["summary"] = forms.CharField(
        label=_("Summary"), required=False, initial=text.summary, widget=forms.Textarea(attrs={"rows": 4})
    )
    for entry in text.items.all():
        form.fields[f"summary_{entry.pk}"] = forms.CharField(
            label=_("%(item)s: summary") % {"item": entry.item_title},
            required=False,
            initial=entry.summary,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        form.fields[f"decisions_{entry.pk}"] = forms.CharField(
            label=_("%(item)s: decisions") % {"item": entry.item_title},
            required=False,
            initial=entry.decisions,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    form.fields["edit"] = forms.ChoiceField(
        label=_("This edit is"), choices=VersionEdit.choices, initial=VersionEdit.CONTENT
    )
    form.entry_ids = [entry.pk for entry in text.items.all()]  # type: ignore[attr-defined]
    return form


def _to_minutes(event: Event) -> HttpResponse:
    return redirect("manage:event_minutes", pk=event.pk)


def _show(request: AuthenticatedRequest, event: Event, minutes: Minutes | None) -> HttpResponse:
    can_edit = can_edit_partner(request.user, event.partner)
    versions = list(event.minutes_versions.all())
    contents = (
        [minutes_content(minutes, language) for language in service.minutes_languages(event)]
        if minutes
        else []
    )
    context = {
        "nav": "events",
        "title": _("Minutes"),
        "event": event,
        "minutes": minutes,
        "contents": contents,
        "versions": versions,
        "actions": list(event.action_items.select_related("owner_person", "owner_user")),
        "can_edit": can_edit,
        "can_approve": can_edit and request.user.is_coordinator,
        "can_start": can_edit and not versions and event.status in service.HELD_STATUSES,
        "can_correct": can_edit
        and minutes is not None
        and minutes.status == MinutesStatus.APPROVED
        and not any(v.status == MinutesStatus.DRAFT for v in versions),
        "held": event.status in service.HELD_STATUSES,
        "news_links": list(
            event.news_links.select_related("news_item").prefetch_related("news_item__translations")
        ),
        "can_draft_news": can_edit
        and any(v.status == MinutesStatus.APPROVED for v in versions)
        and event.status in (EventStatus.MINUTES_APPROVED, EventStatus.PUBLISHED),
        "statuses": ActionItemStatus,
    }
    return render(request, "events/minutes/detail.html", context)


@back_office_view
def minutes_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    return _show(request, event, service.current_minutes(event))


@back_office_view
def minutes_version(request: AuthenticatedRequest, pk: int, version: int) -> HttpResponse:
    """Any version, an earlier superseded one included: a correction never hides what was approved."""
    minutes = get_minutes_for_user(request.user, pk, version)
    return _show(request, minutes.event, minutes)


@back_office_view
@create_once
def minutes_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return _to_minutes(event)
    try:
        minutes = service.start_minutes(event, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_minutes(event)
    language = service.minutes_languages(event)[0]
    return redirect("manage:event_minutes_edit", pk=event.pk, language=language, version=minutes.version)


@back_office_view
def minutes_edit(request: AuthenticatedRequest, pk: int, version: int, language: str) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk, version, write=True)
    event = minutes.event
    if minutes.is_frozen:
        messages.error(request, service.frozen_message())
        return _to_minutes(event)
    form = _minutes_form(minutes, language, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        items = {pk: (data[f"summary_{pk}"], data[f"decisions_{pk}"]) for pk in form.entry_ids}  # type: ignore[attr-defined]
        try:
            service.save_minutes_text(
                minutes,
                actor=request.user,
                language=language,
                summary=data["summary"],
                items=items,
                edit=data["edit"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes have been saved."))
            return _to_minutes(event)
    context = {
        "nav": "events",
        "title": _("Write the minutes"),
        "event": event,
        "minutes": minutes,
        "form": form,
        "language": language,
        "languages": service.minutes_languages(event),
    }
    return render(request, "events/minutes/edit.html", context)


@coordinator_view
def minutes_approve(request: AuthenticatedRequest, pk: int, version: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk, version, write=True)
    event = minutes.event
    if request.method == "POST":
        try:
            service.approve_minutes(minutes, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The minutes have been approved; they can no longer be changed."))
        return _to_minutes(event)
    context = {
        "nav": "events",
        "title": _("Approve the minutes"),
        "event": event,
        "question": _(
            "Approve version %(version)s of the minutes? Approved minutes are frozen: a later change "
            "is a correction with its reason."
        )
        % {"version": minutes.version},
        "confirm": _("Approve"),
    }
    return render(request, "events/minutes/confirm.html", context)


@back_office_view
@create_once
def minutes_correct(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, write=True)
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = service.start_correction(event, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error("reason", error.error_dict.get("reason", []))
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request, _("A correction has been started; the approved version stays in force.")
            )
            language = service.minutes_languages(event)[0]
            return redirect(
                "manage:event_minutes_edit", pk=event.pk, version=draft.version, language=language
            )
    context = {"nav": "events", "title": _("Correct the minutes"), "event": event, "form": form}
    return render(request, "events/minutes/form.html", context)


@back_office_view
@create_once
def action_item_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, write=True)
    search = request.GET.get("q", "")[:100]
    form = ActionItemForm(
        request.POST if request.method == "POST" else None, partner=event.partner, search=search
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.add_action_item(event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The action item has been added."))
            return _to_minutes(event)
    context = {"nav": "events", "title": _("New action item"), "event": event, "form": form, "search": search}
    return render(request, "events/minutes/form.html", context)


@back_office_view
def action_item_status(request: AuthenticatedRequest, pk: int, action_pk: int, status: str) -> HttpResponse:
    action = get_action_item_for_user(request.user, pk, action_pk, write=True)
    if status not in ActionItemStatus.values:
        raise Http404
    if request.method != "POST":
        return _to_minutes(action.event)
    try:
        service.set_action_item_status(action, actor=request.user, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The action item is now “%(status)s”.") % {"status": ActionItemStatus(status).label}
        )
    return redirect(reverse("manage:event_minutes", kwargs={"pk": action.event.pk}) + "#actions")
