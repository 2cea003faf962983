"""Security headers on every response: CSP, Permissions-Policy, no-store on the back office.

Django 5.2 has no Content-Security-Policy support of its own (it arrives in 6.0), so this small
middleware sends one fixed policy. It allows scripts and styles only from the site's own files
(htmx is served from static by `{% htmx_script %}`; templates hold no inline script, `on…=` handler
or `style=` attribute), so an injected `<script>` never runs. A view that sets its own policy (user
files in core/media.py) keeps it.

Back-office pages, the Django admin and the account pages show personal data and one-time codes;
`Cache-Control: no-store` keeps them (exports included, they live under /manage/) out of browser and
proxy caches and out of the back/forward cache.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PRIVATE_PATH_PREFIXES = ("/manage/", "/admin/", "/accounts/")

# Browser features the platform never uses; switched off for its pages and anything they embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def _origin(url: str) -> str:
    """The origin of an absolute STATIC_URL/MEDIA_URL (files on a CDN or object storage), else ''."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy() -> str:
    static = _origin(settings.STATIC_URL or "")
    media = _origin(settings.MEDIA_URL or "")
    own = " ".join(filter(None, ["'self'", static]))
    directives = {
        "default-src": "'self'",
        "script-src": own,
        "style-src": own,
        # data: for the QR code of the TOTP activation page (an SVG data URI); uploaded images may
        # live in object storage.
        "img-src": " ".join(filter(None, ["'self'", "data:", static, media])),
        "font-src": own,
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = content_security_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path_info.startswith(PRIVATE_PATH_PREFIXES):
            add_never_cache_headers(response)
        return response
