"""Back-office views of news drafted from events: the one action on an event, and the templates with a
preview (coordinators edit their partner's templates)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.access import AuthenticatedRequest, back_office_view, coordinator_view
from secon.core.idempotency import create_once
from secon.events import news_drafts
from secon.events.access import get_event_for_user
from secon.events.models import Event, EventStatus, MinutesStatus


class TemplateForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=news_drafts.TEMPLATE_LIMITS["title"])
    lead = forms.CharField(
        label=gettext_lazy("Lead"),
        required=False,
        max_length=news_drafts.TEMPLATE_LIMITS["lead"],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=news_drafts.TEMPLATE_LIMITS["body"],
        widget=forms.Textarea(attrs={"rows": 24}),
    )

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if not self.errors:
            news_drafts.check_template(data["title"], data.get("lead", ""), data["body"])
        return data


@back_office_view
@create_once
def event_news_draft(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One action: a draft news item in Polish and English from the event's approved record."""
    event = get_event_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return redirect("manage:event_minutes", pk=event.pk)
    try:
        item = news_drafts.draft_news(event, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("manage:event_minutes", pk=event.pk)
    messages.success(
        request, _("A draft news item has been written from the record; check it and publish it.")
    )
    return redirect("manage:news_edit", pk=item.pk)


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _preview_event(request: AuthenticatedRequest) -> Event | None:
    """The partner's latest event with approved minutes, to preview a template with."""
    return (
        Event.objects.filter(
            partner=request.user.partner,
            status__in=(EventStatus.MINUTES_APPROVED, EventStatus.PUBLISHED),
            minutes_versions__status=MinutesStatus.APPROVED,
        )
        .select_related("partner__project", "type", "chair")
        .order_by("-starts_at")
        .first()
    )


@coordinator_view
def news_template_edit(request: AuthenticatedRequest, language: str) -> HttpResponse:
    """Edit the partner's template in one language; "Preview" renders it with the latest recorded event."""
    if language not in _languages():
        raise Http404
    partner = request.user.partner
    if partner is None:
        messages.info(request, _("News templates belong to a partner; sign in as a partner's coordinator."))
        return redirect("manage:event_list")
    title, lead, body = news_drafts.template_for(partner, language)
    form = TemplateForm(
        request.POST if request.method == "POST" else None,
        initial={"title": title, "lead": lead, "body": body},
    )
    preview = None
    event = _preview_event(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            if event is not None:
                parts = (data["title"], data["lead"], data["body"])
                preview = news_drafts.render_parts(parts, news_drafts.draft_variables(event, language))
        else:
            news_drafts.save_template(partner, actor=request.user, language=language, **data)
            messages.success(request, _("The template has been saved."))
            return redirect("manage:event_news_template", language=language)
    context = {
        "nav": "events",
        "title": _("News drafted from events: template"),
        "form": form,
        "language": language,
        "languages": _languages(),
        "preview": preview,
        "preview_event": event,
        "variables": news_drafts.VARIABLES,
        "explanation": _(
            "A news item drafted from an event's approved record is written with this template, in the "
            "Django template language: %(syntax)s. The text is Markdown."
        )
        % {
            "syntax": "{{ variable }}, {% if … %}…{% else %}…{% endif %}, "
            "{% for … in … %}…{% endfor %}, |capfirst"
        },
    }
    return render(request, "events/minutes/news_template.html", context)
