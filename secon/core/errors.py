"""Error pages: 404 and 403 inside the site's own menus, 500 plain (it must work with the database down)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

BACK_OFFICE_PREFIX = "/manage/"


def _language_links(request: HttpRequest) -> list[dict[str, str]]:
    """The same address in each language (`/pl/x/` ↔ `/en/x/`), else each language's home page.

    The site's usual links resolve the address to translate it, which an address that does not exist
    cannot do: they would all point back at the page the visitor is already on.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    first, _slash, rest = escape_uri_path(request.path).lstrip("/").partition("/")
    return [{"code": code, "url": f"/{code}/{rest}" if first in codes else f"/{code}/"} for code in codes]


def _render_error(request: HttpRequest, status: int, title: str) -> HttpResponse:
    """The error inside the back office's menu for signed-in staff under /manage/, else the public one's.

    Drawing a menu reads the database (the project, the user); if that fails, the plain page still
    tells the visitor what happened.
    """
    body = f"errors/_{status}_body.html"
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    in_back_office = bool(signed_in and getattr(user, "in_back_office", False))
    context: dict[str, Any] = {"title": title, "body": body}
    if in_back_office and request.path.startswith(BACK_OFFICE_PREFIX):
        template = "errors/manage_error.html"
    else:
        template = "errors/public_error.html"
        context["language_links"] = _language_links(request)
    try:
        return render(request, template, context, status=status)
    except Exception:
        logger.exception("error page %s could not be drawn with the menu; the plain one is sent", status)
        return render(request, f"{status}.html", status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, 404, _("Page not found"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, 403, _("Access denied"))


def server_error(request: HttpRequest) -> HttpResponse:
    # Plain on purpose: no menu, no database, nothing that could fail a second time.
    return render(request, "500.html", status=500)
