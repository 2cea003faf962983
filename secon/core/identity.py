"""The programme's visual identity served as files: the EU emblem (SVG, PNG) and the site's PNG icon.

They are drawn by code (`emblem.py`, `favicon.py`) and change only with a release, so browsers and
proxies may keep them for a month; the web process draws each once (the drawings are cached).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from secon.core.emblem import emblem_png, emblem_svg
from secon.core.favicon import favicon_png

LONG_CACHE = 30 * 24 * 3600
# The PNG emblem is for e-mails: twice the height it is shown at, sharp on high-density screens.
EMAIL_EMBLEM_HEIGHT = 96


@require_safe
@cache_control(public=True, max_age=LONG_CACHE)
def eu_emblem_svg(request: HttpRequest) -> HttpResponse:
    return HttpResponse(emblem_svg(), content_type="image/svg+xml")


@require_safe
@cache_control(public=True, max_age=LONG_CACHE)
def eu_emblem_png(request: HttpRequest) -> HttpResponse:
    return HttpResponse(emblem_png(EMAIL_EMBLEM_HEIGHT), content_type="image/png")


@require_safe
@cache_control(public=True, max_age=LONG_CACHE)
def icon_png(request: HttpRequest) -> HttpResponse:
    """The site's icon for browsers and home screens that take no SVG icon (192 px, as Android asks)."""
    return HttpResponse(favicon_png(192), content_type="image/png")
