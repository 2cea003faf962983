"""Caching of public pages for anonymous visitors, dropped as a whole whenever published content changes.

Public pages are read far more than they change; a version number lets any service say "published
content changed" (`invalidate_public_pages`) without knowing which pages show it. Each stored page
carries the version it was rendered under and is served only while that is still the version.

A hit costs one cache round trip (the version and the page in one `get_many`) and, for a visitor
with no session and no pending messages, none of the work behind `PublicPageCacheMiddleware`: no
session, authentication, CSRF, messages, URL resolution or view. Such a visitor is anonymous by
construction (sign-in lives in the session), and a page that set a cookie, used a CSRF token or
consumed messages is personal and never stored, so what the middleware serves is what the view
would have rendered for that visitor.

Visitors choose the URLs, so they choose what gets cached. Three rules keep that harmless:
- pages live in a cache of their own (`CACHES["pages"]`), so filling it evicts only pages, never
  anything kept in the default cache. The version lives beside the pages: if it is ever evicted it
  starts again from the clock, above every version used before, so losing it only costs re-rendering;
  it is read on every hit (kept by LRU caches) and its key sorts after every page key (kept by the
  database cache, which culls the lowest keys first);
- the key holds only the query parameters the page declares (`@public_page(params=("page",))`), in a
  fixed order, and the view sees only those, so `?x=1`, `?x=2`, … are one page and one cache entry;
- the key never holds the Host header, so absolute links in public pages come from SITE_URL
  (`secon.core.siteurl`), never from the request.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict

PAGES = "pages"
# "v" sorts after every hexadecimal page key: the database cache culls the lowest keys first.
VERSION_KEY = "public-pages:version"
PAGE_KEY_PREFIX = "public-pages:"
# Paths whose pages were stored, with the parameters their view reads: what the middleware may answer
# before the view is known. Bounded: visitors choose paths.
MAX_KNOWN_PATHS = 10_000
_ATTRIBUTE = "_public_page"

View = Callable[..., HttpResponse]


def page_cache() -> BaseCache:
    return caches[PAGES]


def _fresh_version() -> int:
    # From the clock: above any version used before, even one bumped many times, so a lost version
    # never brings back pages stored under an older one.
    return time.time_ns()


def _version() -> int:
    store = page_cache()
    version = store.get(VERSION_KEY)
    if version is None:
        store.add(VERSION_KEY, _fresh_version(), None)
        version = store.get(VERSION_KEY)
    return int(version)


def invalidate_public_pages() -> None:
    """Forget every cached public page once the current transaction commits."""

    def bump() -> None:
        _recent.forget()
        store = page_cache()
        try:
            store.incr(VERSION_KEY)
        except ValueError:
            store.set(VERSION_KEY, _fresh_version(), None)

    transaction.on_commit(bump)


def used_query(request: HttpRequest, params: Iterable[str]) -> _ImmutableQueryDict:
    """Only the declared parameters of the query string, in a fixed order (each keeps its own values)."""
    query = QueryDict(mutable=True)
    if request.META.get("QUERY_STRING"):
        for name in sorted(set(params)):
            values = request.GET.getlist(name)
            if values:
                query.setlist(name, values)
    return cast("_ImmutableQueryDict", QueryDict(query.urlencode()))


def page_key(request: HttpRequest, query: QueryDict, language: str | None = None) -> str:
    """The cache key of a public page: language, htmx or not, path and the declared parameters."""
    htmx = "1" if "HTTP_HX_REQUEST" in request.META else "0"
    raw = f"{language or get_language()}\n{htmx}\n{request.path}\n{query.urlencode()}"
    return PAGE_KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class _Pending:
    """A page the view rendered for an anonymous visitor, to store once the response is complete."""

    key: str
    version: int
    seconds: int
    params: tuple[str, ...]


class _Recent:
    """This process's copy of the version, trusted for PUBLIC_PAGE_VERSION_SECONDS, and of pages of it.

    It spares a hit its cache round trip. A publish in this process drops it at once; in the others
    it shows within those seconds (the pages are sent with max-age=60 to browsers and proxies anyway).
    """

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self.version: int | None = None
        self.until = 0.0
        self.pages: dict[str, tuple[Any, ...]] = {}
        self.values: dict[str, tuple[int, Any]] = {}

    def current(self) -> int | None:
        return self.version if time.monotonic() < self.until else None

    def remember(self, version: int | None, key: str, entry: tuple[Any, ...] | None) -> None:
        seconds = settings.PUBLIC_PAGE_VERSION_SECONDS
        if seconds <= 0 or version is None:
            return
        if version != self.version or len(self.pages) >= MAX_KNOWN_PATHS:
            self.pages = {}
            self.values = {}
        self.version, self.until = version, time.monotonic() + seconds
        if entry is not None and entry[0] == version:
            self.pages[key] = entry


_recent = _Recent()


@receiver(setting_changed)
def _forget_on_new_settings(setting: str, **kwargs: Any) -> None:
    # Tests swap the caches for empty ones; a copy of the old ones' version must not outlive them.
    if setting in ("CACHES", "PUBLIC_PAGE_VERSION_SECONDS", "PUBLIC_PAGE_CACHE_SECONDS"):
        _recent.forget()


def public_version() -> int:
    """The version of published content: this process's copy while trusted, else the cache's."""
    version = _recent.current()
    if version is None:
        version = _version()
        _recent.remember(version, "", None)
    return version


Value = TypeVar("Value")


def per_public_version(function: Callable[[], Value]) -> Callable[[], Value]:
    """Keep `function`'s result in this process until published content changes.

    For values every public page shows and only a publish changes (the project in every page's header):
    an uncached page then skips their queries. Their writes must call `invalidate_public_pages()`.
    """
    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def kept() -> Value:
        version = public_version()
        found = _recent.values.get(name)
        if found is not None and found[0] == version:
            return cast(Value, found[1])
        value = function()
        if _recent.current() == version:  # not when this process trusts no copy (VERSION_SECONDS = 0)
            _recent.values[name] = (version, value)
        return value

    return kept


def forget_kept_values() -> None:
    """Drop what `per_public_version` kept in this process (after a write the version may not show yet)."""
    _recent.values = {}


def _lookup(key: str) -> tuple[int | None, HttpResponse | None]:
    """The current version and, when the page stored under key is of that version, the page."""
    version = _recent.current()
    entry = _recent.pages.get(key) if version is not None else None
    if entry is None or entry[0] != version:
        found = page_cache().get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        entry = found.get(key)
        _recent.remember(version, key, entry)
    if version is None or entry is None or entry[0] != version:
        return version, None
    _, status, content, headers = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return version, response


def _is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    # A cookie (session, CSRF, messages) or a CSRF token in the page belongs to one visitor.
    return bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _store(request: HttpRequest, response: HttpResponse, pending: _Pending) -> bool:
    if response.status_code not in (200, 404) or response.streaming or _is_personal(request, response):
        return False
    if hasattr(response, "render") and callable(response.render):
        response.render()
    entry = (pending.version, response.status_code, response.content, list(response.items()))
    page_cache().set(pending.key, entry, pending.seconds)
    _recent.remember(pending.version, pending.key, entry)
    return True


@overload
def public_page(view: View) -> View: ...


@overload
def public_page(*, params: Iterable[str] = ()) -> Callable[[View], View]: ...


def public_page(view: View | None = None, *, params: Iterable[str] = ()) -> Any:
    """Serve a public page from the cache to anonymous GET requests; signed-in users always get it fresh.

    `params` names the query parameters the page reads; any other parameter is dropped before the view
    runs, for everyone, so what is cached is exactly what every visitor of that key would get.
    """
    declared = tuple(sorted(set(params)))

    def decorate(view: View) -> View:
        @wraps(view)
        def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            request.GET = used_query(request, declared)
            seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
            if seconds <= 0 or request.method != "GET" or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            key = page_key(request, request.GET)
            version, response = _lookup(key)
            if response is not None:
                if hasattr(request, _ATTRIBUTE):
                    # Stored by another process: the middleware may answer this path early from now on.
                    setattr(request, _ATTRIBUTE, declared)
                return response
            if version is None:
                version = _version()
            response = view(request, *args, **kwargs)
            patch_cache_control(response, public=True, max_age=min(seconds, 60))
            pending = _Pending(key, version, seconds, declared)
            if hasattr(request, _ATTRIBUTE):
                # Stored by the middleware once the middleware below it has added its cookies, if any.
                setattr(request, _ATTRIBUTE, pending)
            else:
                _store(request, response, pending)
            return response

        return cached

    return decorate(view) if view is not None else decorate


class PublicPageCacheMiddleware:
    """Answers anonymous visitors from the page cache before sessions, auth, CSRF and messages run.

    Placed after the security headers (they are added to every answer) and before the session
    middleware. It answers only a GET for a path whose page was stored, from a visitor with no session
    and no message cookie; everything else goes down the stack, where `@public_page` serves or renders
    the page and this middleware stores what the view rendered, once every cookie is known.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known: dict[str, tuple[str, ...]] = {}
        self.languages = {code for code, _ in settings.LANGUAGES}
        self.cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        early = self._early_key(request)
        if early is not None:
            _, response = _lookup(early)
            if response is not None:
                return response
        setattr(request, _ATTRIBUTE, None)
        response = self.get_response(request)
        found = getattr(request, _ATTRIBUTE, None)
        if isinstance(found, _Pending):
            found = found.params if _store(request, response, found) else None
        if found is not None:
            if len(self.known) >= MAX_KNOWN_PATHS:
                self.known.clear()
            self.known[request.path] = found
        return response

    def _early_key(self, request: HttpRequest) -> str | None:
        if request.method != "GET" or settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:
            return None
        params = self.known.get(request.path)
        if params is None or any(name in request.COOKIES for name in self.cookies):
            return None
        language = request.path.split("/", 2)[1] if request.path.count("/") >= 2 else ""
        if language not in self.languages:
            return None
        request.get_host()  # the host check CommonMiddleware would make: a bad Host gets a 400
        return page_key(request, used_query(request, params), language)
