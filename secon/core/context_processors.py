"""Values every template needs: the project being run and the language switch links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from secon.projects.current import current_project


def site(request: HttpRequest) -> dict[str, Any]:
    path = request.get_full_path()
    return {
        "project": SimpleLazyObject(current_project),
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
