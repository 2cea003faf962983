"""Values every template needs: the site's address and the language switch links.

The project being run comes from `secon.projects.context_processors` (core imports no domain app).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_URL": settings.SITE_URL,
        # Lazy: pages whose address differs by language supply their own links, and partial (htmx)
        # responses show none, so most requests never resolve the path again.
        "language_links": SimpleLazyObject(lambda: language_links(request)),
    }


def language_links(request: HttpRequest) -> list[dict[str, Any]]:
    """This page in each interface language: the same path and query, translated by the URL patterns."""
    # request.GET rather than the raw query string: on a cached public page it holds only the parameters
    # the page uses (core/cache.py), so one visitor's extra parameters never reach another's page.
    query = request.GET.urlencode()
    path = escape_uri_path(request.path) + (f"?{query}" if query else "")
    return [
        {"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES
    ]
