"""Public news pages: the current list, the archive, an item's page, and the RSS and Atom feeds."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from secon.core.cache import public_page
from secon.core.i18n import current_language
from secon.core.siteurl import absolute_url
from secon.news.forms import PublicPartnerFilterForm
from secon.news.models import LANGUAGE_NAMES, NewsTranslation, archive_cutoff, public_languages
from secon.news.selectors import public_news
from secon.projects.models import Partner

FEED_SIZE = 20


def _list(request: HttpRequest, *, archived: bool) -> HttpResponse:
    partners = list(Partner.objects.in_order())
    form = PublicPartnerFilterForm(request.GET or None, partners=partners)
    partner = None
    wanted = request.GET.get("partner")
    if wanted:
        partner = next((p for p in partners if p.slug == wanted), None)
        if partner is None:
            raise Http404
    versions = public_news(current_language(), partner=partner, archived=archived)
    page = Paginator(versions, settings.NEWS_PAGE_SIZE).get_page(request.GET.get("page"))
    title = _("News archive") if archived else _("News")
    if partner is not None:
        title = _("%(title)s: %(partner)s") % {"title": title, "partner": partner.short_name}
    return render(
        request,
        "news/public_list.html",
        {
            "nav": "archive" if archived else "news",
            "title": title,
            "page": page,
            "form": form,
            "partner": partner,
            "archived": archived,
            "cutoff": archive_cutoff(),
        },
    )


# The list pages read these query parameters; any other is ignored (and not cached apart).
LIST_PARAMS = ("page", "partner")


@public_page(params=LIST_PARAMS)
def news_list(request: HttpRequest) -> HttpResponse:
    return _list(request, archived=False)


@public_page(params=LIST_PARAMS)
def news_archive(request: HttpRequest) -> HttpResponse:
    return _list(request, archived=True)


@public_page
def news_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    language = current_language()
    published = NewsTranslation.objects.published().filter(item_id=pk, language__in=public_languages())
    versions = list(published.select_related("item", "item__partner"))
    version = next((v for v in versions if v.language == language), None)
    if version is None:
        if not versions:
            raise Http404
        # The item exists, just not in this language: say where it can be read instead.
        others = [{"version": v, "language_name": LANGUAGE_NAMES[v.language]} for v in versions]
        return render(
            request,
            "news/not_in_language.html",
            {"nav": "news", "title": _("Not available in this language"), "others": others},
            status=404,
        )
    if slug != version.slug:
        return HttpResponsePermanentRedirect(version.get_absolute_url())
    alternates = [v for v in versions if v.language != language]
    by_language = {v.language: v for v in versions}
    # The language switch leads to this item in the other language. Where it is not published in that
    # language, the link still names the item: the visitor is told so (news/not_in_language.html) and
    # offered the versions that exist and the list, instead of being dropped on the list without a word.
    language_links = []
    for code, name in settings.LANGUAGES:
        if code in by_language:
            url = by_language[code].get_absolute_url()
        else:
            with translation.override(code):
                url = reverse("public:news_detail_short", args=[version.item_id])
        language_links.append({"code": code, "name": name, "url": url})
    return render(
        request,
        "news/public_detail.html",
        {
            "nav": "archive" if version.item.is_archival else "news",
            "title": version.title,
            "version": version,
            "item": version.item,
            "alt_text": version.item.alt_text(language),
            # Only files already on public media: a file still private is never linked from the site.
            "attachments": [a for a in version.item.attachments.all() if a.public_url],
            "alternates": alternates,
            "canonical": absolute_url(version.get_absolute_url()),
            "alternate_links": [(v.language, absolute_url(v.get_absolute_url())) for v in alternates],
            "language_links": language_links,
        },
    )


class RssNewsFeed(Feed[NewsTranslation, NewsTranslation]):
    """The newest published news in the page's language."""

    url_name = "public:news_feed_rss"

    def title(self) -> str:
        return _("SECON news")

    # Absolute from SITE_URL: left relative, Django would complete them with the request's Host header.
    def link(self) -> str:
        return absolute_url(reverse("public:news_list"))

    def feed_url(self) -> str:
        return absolute_url(reverse(self.url_name))

    def description(self) -> str:
        return _("News of the SECON project partners (Interreg Europe).")

    def items(self) -> list[NewsTranslation]:
        return list(public_news(current_language(), archived=None)[:FEED_SIZE])

    def item_title(self, item: NewsTranslation) -> str:
        return item.title

    def item_description(self, item: NewsTranslation) -> str:
        return item.lead

    def item_link(self, item: NewsTranslation) -> str:
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: NewsTranslation) -> str:
        # Stable across title changes, distinct per language.
        return f"secon-news-{item.item_id}-{item.language}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: NewsTranslation) -> Any:
        return item.published_at

    def item_updateddate(self, item: NewsTranslation) -> Any:
        return item.updated_at

    def item_author_name(self, item: NewsTranslation) -> str:
        with translation.override(current_language()):
            return item.item.partner.short_name


class AtomNewsFeed(RssNewsFeed):
    feed_type = Atom1Feed
    url_name = "public:news_feed_atom"

    def subtitle(self) -> str:
        return self.description()


news_feed_rss = public_page(RssNewsFeed())
news_feed_atom = public_page(AtomNewsFeed())
