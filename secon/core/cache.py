"""Caching of public pages for anonymous visitors, dropped as a whole whenever published content changes.

Public pages are read far more than they change; a version number in the cache lets any service say
"published content changed" (`invalidate_public_pages`) without knowing which pages show it.

Visitors choose the URLs, so they choose what gets cached. Three rules keep that harmless:
- pages live in a cache of their own (`CACHES["pages"]`), so filling it evicts only other pages, never
  the version number or anything else kept in the default cache;
- the key holds only the query parameters the page declares (`@public_page(params=("page",))`), in a
  fixed order, and the view sees only those, so `?x=1`, `?x=2`, … are one page and one cache entry;
- the key never holds the Host header, so absolute links in public pages come from SITE_URL
  (`secon.core.siteurl`), never from the request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast, overload

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict

VERSION_KEY = "public-pages:version"
PAGES = "pages"

View = Callable[..., HttpResponse]


def page_cache() -> BaseCache:
    return caches[PAGES]


def _version() -> int:
    # In the default cache: pages evicting each other must not reset the version and revive stale pages.
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return int(version)


def invalidate_public_pages() -> None:
    """Forget every cached public page once the current transaction commits."""

    def bump() -> None:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)

    transaction.on_commit(bump)


def used_query(request: HttpRequest, params: Iterable[str]) -> _ImmutableQueryDict:
    """Only the declared parameters of the query string, in a fixed order (each keeps its own values)."""
    query = QueryDict(mutable=True)
    for name in sorted(set(params)):
        values = request.GET.getlist(name)
        if values:
            query.setlist(name, values)
    return cast("_ImmutableQueryDict", QueryDict(query.urlencode()))


def page_key(request: HttpRequest, query: QueryDict) -> str:
    """The cache key of a public page: content version, language, path and the declared parameters."""
    htmx = "1" if request.headers.get("HX-Request") else "0"
    raw = f"{get_language()}\n{htmx}\n{request.path}\n{query.urlencode()}"
    return f"public-pages:{_version()}:{hashlib.sha256(raw.encode()).hexdigest()}"


@overload
def public_page(view: View) -> View: ...


@overload
def public_page(*, params: Iterable[str] = ()) -> Callable[[View], View]: ...


def public_page(view: View | None = None, *, params: Iterable[str] = ()) -> Any:
    """Serve a public page from the cache to anonymous GET requests; signed-in users always get it fresh.

    `params` names the query parameters the page reads; any other parameter is dropped before the view
    runs, for everyone, so what is cached is exactly what every visitor of that key would get.
    """
    declared = tuple(params)

    def decorate(view: View) -> View:
        @wraps(view)
        def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            request.GET = used_query(request, declared)
            seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
            if seconds <= 0 or request.method != "GET" or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            store = page_cache()
            key = page_key(request, request.GET)
            hit = store.get(key)
            if hit is not None:
                content, content_type, status = hit
                response = HttpResponse(content, content_type=content_type, status=status)
            else:
                response = view(request, *args, **kwargs)
                # A page that rendered a CSRF token belongs to one visitor: never serve it to another.
                personal = bool(response.cookies) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
                if response.status_code in (200, 404) and not response.streaming and not personal:
                    if hasattr(response, "render") and callable(response.render):
                        response.render()
                    store.set(
                        key, (response.content, response["Content-Type"], response.status_code), seconds
                    )
            patch_cache_control(response, public=True, max_age=min(seconds, 60))
            return response

        return cached

    return decorate(view) if view is not None else decorate
