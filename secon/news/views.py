"""Back-office views of news: the list, an item's page, one language version at a time, publishing,
files. Both public languages side by side, previews and one-step publishing: `editor_views`."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from secon.core.access import AuthenticatedRequest, back_office_view, can_edit_partner, scope_to_user
from secon.core.idempotency import create_once
from secon.core.media import file_response
from secon.news import services
from secon.news.access import get_attachment_for_user, get_news_item_for_user, get_translation_for_user
from secon.news.forms import (
    SORTS,
    AttachmentForm,
    ImageForm,
    NewsFilterForm,
    PublishForm,
    TranslationForm,
)
from secon.news.models import LANGUAGE_NAMES, NewsItem, NewsTranslation, public_languages

PAGE_SIZE = 25


def _error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def version_rows(item: NewsItem) -> list[dict[str, Any]]:
    """Each language the item can have, with its version (or None) and the versions it lags behind."""
    versions = list(item.translations.all())
    by_language = {v.language: v for v in versions}
    codes = services.allowed_languages(item.partner)
    codes += [v.language for v in versions if v.language not in codes]
    return [
        {
            "language": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "version": by_language.get(code),
            "outdated_by": by_language[code].outdated_by(versions) if code in by_language else [],
            "public": code in public_languages(),
        }
        for code in codes
    ]


def display_title(item: NewsItem) -> str:
    """The title in the interface language when that version exists, else any version's."""
    versions = list(item.translations.all())
    language = get_language() or "pl"
    chosen = next((v for v in versions if v.language == language), versions[0] if versions else None)
    return chosen.title if chosen else item.slug


def _filtered_items(form: NewsFilterForm, user: Any) -> QuerySet[NewsItem]:
    items = scope_to_user(NewsItem.objects.select_related("partner").prefetch_related("translations"), user)
    sort = "-updated"
    if form.is_valid():
        data = form.cleaned_data
        if data.get("partner"):
            items = items.filter(partner=data["partner"])
        # Status and language together mean "a version in that language with that status".
        version_filter: dict[str, str] = {}
        if data.get("status"):
            version_filter["status"] = data["status"]
        if data.get("language"):
            version_filter["language"] = data["language"]
        if data.get("q"):
            query = data["q"].strip()
            items = items.filter(
                Q(slug__icontains=query)
                | Q(
                    pk__in=NewsTranslation.objects.filter(
                        Q(title__icontains=query) | Q(lead__icontains=query)
                    ).values("item")
                )
            )
        if version_filter:
            items = items.filter(pk__in=NewsTranslation.objects.filter(**version_filter).values("item"))
        sort = data.get("sort") or sort
    return items.order_by(*SORTS[sort])


@back_office_view
def news_list(request: AuthenticatedRequest) -> HttpResponse:
    form = NewsFilterForm(request.GET or None, user=request.user)
    page = Paginator(_filtered_items(form, request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"item": item, "title": display_title(item), "versions": version_rows(item)} for item in page]
    template = "news/_manage_results.html" if request.htmx else "news/manage_list.html"
    return render(
        request, template, {"nav": "news", "title": _("News"), "form": form, "page": page, "rows": rows}
    )


@back_office_view
def news_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The item's page: its language versions with status and freshness, image, attachments, actions."""
    item = get_news_item_for_user(request.user, pk)
    context = {
        "nav": "news",
        "item": item,
        "title": display_title(item),
        "rows": version_rows(item),
        "attachments": list(item.attachments.all()),
        "can_edit": can_edit_partner(request.user, item.partner),
    }
    return render(request, "news/manage_item.html", context)


@back_office_view
def translation_edit(request: AuthenticatedRequest, pk: int, language: str) -> HttpResponse:
    item = get_news_item_for_user(request.user, pk, write=True)
    if language not in services.allowed_languages(item.partner):
        raise Http404
    if language in public_languages() and request.method != "POST":
        # The public languages are written side by side; a form still open on this page still saves.
        return redirect(reverse("manage:news_text_edit", args=[item.pk]) + f"#version-{language}")
    version = next((v for v in item.translations.all() if v.language == language), None)
    initial = {"title": version.title, "lead": version.lead, "body": version.body} if version else None
    form = TranslationForm(
        request.POST or None,
        initial=initial,
        existing=version is not None,
        out_of_date=version is not None and bool(version.outdated_by(list(item.translations.all()))),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_translation(
                item,
                actor=request.user,
                language=language,
                title=data["title"],
                lead=data["lead"],
                body=data["body"],
                change=data.get("change"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The %(language)s version was saved.") % {"language": LANGUAGE_NAMES[language]}
            )
            return redirect("manage:news_edit", item.pk)
    rows = version_rows(item)
    current = next(row for row in rows if row["language"] == language)
    # The other versions, to translate from, shown beside the form.
    sources = [row["version"] for row in rows if row["version"] is not None and row["language"] != language]
    return render(
        request,
        "news/manage_translation_form.html",
        {
            "nav": "news",
            "item": item,
            "form": form,
            "rows": rows,
            "current": current,
            "sources": sources,
            "language": language,
            "title": _("%(title)s – %(language)s version")
            % {"title": display_title(item), "language": LANGUAGE_NAMES[language]},
        },
    )


STATUS_ACTIONS = {
    "ready": (services.mark_ready, _("The %(language)s version is marked ready to publish.")),
    "draft": (services.mark_draft, _("The %(language)s version is a draft again.")),
    "current": (services.mark_translation_current, _("The %(language)s version is marked up to date.")),
}


@back_office_view
def translation_status(request: AuthenticatedRequest, pk: int, language: str, action: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("manage:news_edit", pk)
    version = get_translation_for_user(request.user, pk, language, write=True)
    service, message = STATUS_ACTIONS[action]
    try:
        service(version, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, str(message) % {"language": version.language_name})
    return redirect("manage:news_edit", pk)


@back_office_view
def translation_publish(request: AuthenticatedRequest, pk: int, language: str) -> HttpResponse:
    version = get_translation_for_user(request.user, pk, language, write=True)
    initial = {"published_at": version.published_at or PublishForm.initial_now()}
    form = PublishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_translation(
                version, actor=request.user, published_at=form.cleaned_data["published_at"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            text = (
                _("The %(language)s version is scheduled for publication.")
                if version.is_scheduled
                else _("The %(language)s version is published.")
            )
            messages.success(request, text % {"language": version.language_name})
            return redirect("manage:news_edit", pk)
    return render(
        request,
        "news/manage_publish.html",
        {
            "nav": "news",
            "item": version.item,
            "version": version,
            "form": form,
            "outdated_by": version.outdated_by(list(version.item.translations.all())),
            "title": _("Publish the %(language)s version") % {"language": version.language_name},
        },
    )


def _confirm(
    request: AuthenticatedRequest, item: NewsItem, *, title: str, question: str, button: str
) -> HttpResponse:
    return render(
        request,
        "news/manage_confirm.html",
        {"nav": "news", "item": item, "title": title, "question": question, "button": button},
    )


@back_office_view
def translation_unpublish(request: AuthenticatedRequest, pk: int, language: str) -> HttpResponse:
    version = get_translation_for_user(request.user, pk, language, write=True)
    if request.method == "POST":
        try:
            services.unpublish_translation(version, actor=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("The %(language)s version was taken off the public site.")
                % {"language": version.language_name},
            )
        return redirect("manage:news_edit", pk)
    return _confirm(
        request,
        version.item,
        title=_("Unpublish the %(language)s version") % {"language": version.language_name},
        question=_("Take “%(title)s” off the public site? The other language versions stay as they are.")
        % {"title": version.title},
        button=_("Unpublish"),
    )


@back_office_view
def translation_delete(request: AuthenticatedRequest, pk: int, language: str) -> HttpResponse:
    version = get_translation_for_user(request.user, pk, language, write=True)
    if request.method == "POST":
        try:
            services.delete_translation(version, actor=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("The %(language)s version was deleted.") % {"language": version.language_name}
            )
        return redirect("manage:news_edit", pk)
    return _confirm(
        request,
        version.item,
        title=_("Delete the %(language)s version") % {"language": version.language_name},
        question=_("Delete the %(language)s version “%(title)s”? The deletion is kept in the record history.")
        % {"language": version.language_name, "title": version.title},
        button=_("Delete"),
    )


@back_office_view
def news_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_news_item_for_user(request.user, pk, write=True)
    title = display_title(item)
    if request.method == "POST":
        services.delete_news_item(item, actor=request.user)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect("manage:news_list")
    return _confirm(
        request,
        item,
        title=_("Delete news item"),
        question=_(
            "Delete “%(title)s” with all its language versions, image and attachments? This cannot be "
            "undone; the deletion is kept in the record history."
        )
        % {"title": title},
        button=_("Delete"),
    )


@back_office_view
def news_image(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_news_item_for_user(request.user, pk, write=True)
    form = ImageForm(request.POST or None, request.FILES or None, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_image(
                item,
                actor=request.user,
                image=data.get("image") or None,
                alt=data["image_alt"],
                alt_en=data["image_alt_en"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The image was saved."))
            return redirect("manage:news_edit", pk)
    return render(
        request,
        "news/manage_image.html",
        {
            "nav": "news",
            "item": item,
            "form": form,
            "title": _("Main image of “%(title)s”") % {"title": display_title(item)},
        },
    )


@back_office_view
def news_image_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_news_item_for_user(request.user, pk, write=True)
    if request.method == "POST":
        services.remove_image(item, actor=request.user)
        messages.success(request, _("The image was removed."))
        return redirect("manage:news_edit", pk)
    return _confirm(
        request,
        item,
        title=_("Remove the image"),
        question=_("Remove the main image of “%(title)s”?") % {"title": display_title(item)},
        button=_("Remove"),
    )


@back_office_view
def news_image_file(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The main image for staff who may see the item, whether it is published or not."""
    item = get_news_item_for_user(request.user, pk)
    if not item.image:
        raise Http404
    return cast(HttpResponse, file_response(item.image))  # a streamed file; the gate types views as pages


@back_office_view
def attachment_file(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """An attachment for staff who may see the item: the only way to a draft's files."""
    attachment = get_attachment_for_user(request.user, pk, attachment_pk)
    return cast(HttpResponse, file_response(attachment.file, download_name=attachment.download_name))


@back_office_view
@create_once
def attachment_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_news_item_for_user(request.user, pk, write=True)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_attachment(
                item, actor=request.user, title=data["title"], file=data["file"], language=data["language"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The attachment was added."))
            return redirect("manage:news_edit", pk)
    return render(
        request,
        "news/manage_attachment_form.html",
        {
            "nav": "news",
            "item": item,
            "form": form,
            "title": _("Add an attachment to “%(title)s”") % {"title": display_title(item)},
        },
    )


@back_office_view
def attachment_remove(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = get_attachment_for_user(request.user, pk, attachment_pk, write=True)
    if request.method == "POST":
        services.remove_attachment(attachment, actor=request.user)
        messages.success(request, _("“%(title)s” was removed.") % {"title": attachment.title})
        return redirect("manage:news_edit", pk)
    return _confirm(
        request,
        cast(NewsItem, attachment.item),
        title=_("Remove an attachment"),
        question=_("Remove the attachment “%(title)s”?") % {"title": attachment.title},
        button=_("Remove"),
    )
