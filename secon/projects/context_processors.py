"""Values every template needs from the projects layer: the project this installation runs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from secon.projects.current import project_for


def project(request: HttpRequest) -> dict[str, Any]:
    # Lazy: most partial (htmx) responses never read it, so they make no query for it.
    return {"project": SimpleLazyObject(lambda: project_for(request))}
