"""The side-by-side news editor: both public language versions on one screen, server-rendered previews
of their Markdown (live with JavaScript, a "Preview" button without), and publishing every ready
version in one step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from secon.core import ratelimit
from secon.core.access import AuthenticatedRequest, back_office_view
from secon.core.idempotency import create_once
from secon.news import services
from secon.news.access import get_news_item_for_user
from secon.news.forms import MAX_BODY_CHARS, NewsVersionsForm, PublishForm
from secon.news.models import NewsItem, public_languages
from secon.news.rendering import render_markdown
from secon.news.views import display_title, version_rows

PREVIEW_LIMIT = "news_preview"  # settings.RATE_LIMITS, counted per signed-in user


def _texts(form: NewsVersionsForm) -> dict[str, services.VersionText]:
    return {
        language: services.VersionText(
            title=data["title"], lead=data["lead"], body=data["body"], change=data.get("change") or None
        )
        for language, data in form.texts().items()
    }


def _versions_form(request: AuthenticatedRequest, item: NewsItem | None) -> NewsVersionsForm:
    """The form bound to a save, showing a preview's values unchecked, or filled from the versions."""
    versions = {v.language: v for v in item.translations.all()} if item else {}
    all_versions = list(versions.values())
    outdated = {code: bool(v.outdated_by(all_versions)) for code, v in versions.items()}
    previewing = request.method == "POST" and "preview" in request.POST
    return NewsVersionsForm(
        request.POST if request.method == "POST" and not previewing else None,
        languages=public_languages(),
        versions=versions,
        outdated=outdated,
        posted=request.POST if previewing else None,
    )


def _render_editor(
    request: AuthenticatedRequest, form: NewsVersionsForm, *, item: NewsItem | None, title: str
) -> HttpResponse:
    rows = {row["language"]: row for row in version_rows(item)} if item else {}
    columns = []
    for column in form.columns:
        body = column["body"].value() or ""
        columns.append(
            {
                "form": column,
                "row": rows.get(column.language),
                "preview": render_markdown(body[:MAX_BODY_CHARS]),
            }
        )
    context: dict[str, Any] = {
        "nav": "news",
        "item": item,
        "form": form,
        "columns": columns,
        "title": title,
        "previewing": request.method == "POST" and "preview" in request.POST,
    }
    return render(request, "news/manage_versions.html", context)


def _after_save(request: AuthenticatedRequest, item: NewsItem) -> HttpResponse:
    """“Save and publish…” goes on to the publication's confirmation; “Save” to the item's page."""
    if request.POST.get("then") == "publish":
        return redirect("manage:news_publish_ready", item.pk)
    return redirect("manage:news_edit", item.pk)


@back_office_view
@create_once
def news_create(request: AuthenticatedRequest) -> HttpResponse:
    """A new item starts on the same side-by-side screen; any language left empty is written later."""
    partner = request.user.partner
    if partner is None:
        messages.error(request, _("Only staff of a partner can write news for it."))
        return redirect("manage:news_list")
    form = _versions_form(request, None)
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        try:
            item = services.create_news_item_in_languages(
                partner, actor=request.user, texts=_texts(form), ready=form.ready()
            )
        except ValidationError as error:
            form.errors.extend(error.messages)
        else:
            messages.success(request, _("The news item was created."))
            return _after_save(request, item)
    return _render_editor(request, form, item=None, title=_("New news item"))


@back_office_view
def news_text_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Both public language versions side by side, saved together in one step."""
    item = get_news_item_for_user(request.user, pk, write=True)
    form = _versions_form(request, item)
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        try:
            services.save_versions(item, actor=request.user, texts=_texts(form), ready=form.ready())
        except ValidationError as error:
            form.errors.extend(error.messages)
        else:
            messages.success(request, _("The text was saved."))
            return _after_save(request, item)
    return _render_editor(
        request, form, item=item, title=_("Edit “%(title)s”") % {"title": display_title(item)}
    )


@back_office_view
@require_POST
def news_preview(request: AuthenticatedRequest) -> HttpResponse:
    """The body's Markdown as the public page will show it: the same renderer, so the same sanitising.

    Called by the editor's script as one types; counted per user, and the text is bounded like the
    field it previews.
    """
    hit = ratelimit.hit(PREVIEW_LIMIT, key=str(request.user.pk))
    if not hit:
        return HttpResponse(
            _("Too many previews in a short time; the preview will resume in a moment."),
            status=429,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": str(hit.retry_after)},
        )
    text = request.POST.get("text", "")
    if len(text) > MAX_BODY_CHARS:
        return HttpResponse(
            _("The text is too long to preview: at most %(limit)s characters.") % {"limit": MAX_BODY_CHARS},
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(render_markdown(text), content_type="text/html; charset=utf-8")


@back_office_view
def news_publish_ready(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Publish every ready language version at once, after a confirmation that lists what will happen."""
    item = get_news_item_for_user(request.user, pk, write=True)
    form = PublishForm(request.POST or None, initial={"published_at": PublishForm.initial_now()})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.publish_ready_versions(
                item, actor=request.user, published_at=form.cleaned_data["published_at"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _report(request, plan)
            return redirect("manage:news_edit", item.pk)
    return render(
        request,
        "news/manage_publish_ready.html",
        {
            "nav": "news",
            "item": item,
            "form": form,
            "plan": services.publish_plan(item),
            "title": _("Publish “%(title)s”") % {"title": display_title(item)},
        },
    )


def _report(request: AuthenticatedRequest, plan: services.PublishPlan) -> None:
    names = ", ".join(version.language_name for version in plan.ready)
    if any(version.is_scheduled for version in plan.ready):
        messages.success(request, _("Scheduled for publication: %(languages)s.") % {"languages": names})
    elif plan.ready:
        messages.success(request, _("Published: %(languages)s.") % {"languages": names})
    else:
        messages.warning(request, _("Nothing was published."))
    for language, reason in plan.not_ready:
        messages.info(
            request, _("Not published – %(language)s: %(reason)s.") % {"language": language, "reason": reason}
        )
