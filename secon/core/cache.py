"""Caching of public pages for anonymous visitors, dropped as a whole whenever published content changes.

Public pages are read far more than they change; a version number in the cache lets any service say
"published content changed" (`invalidate_public_pages`) without knowing which pages show it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"


def _version() -> int:
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


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a public page from the cache to anonymous GET requests; signed-in users always get it fresh."""

    @wraps(view)
    def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if seconds <= 0 or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = f"public-pages:{_version()}:{get_language()}:{request.get_full_path()}"
        hit = cache.get(key)
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
                cache.set(key, (response.content, response["Content-Type"], response.status_code), seconds)
        patch_cache_control(response, public=True, max_age=min(seconds, 60))
        return response

    return cached
