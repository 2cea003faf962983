"""Helpers for the tests that drive the real Chromium: axe-core checks and signing in without the form."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from secon.accounts.models import User


def axe_violations(page: Any) -> list[str]:
    """The axe-core violations on the page now shown, one readable line each (empty when it passes)."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def sign_in(context: Any, live_server: Any, email: str, *, language: str | None = None) -> None:
    """Give the browser context a signed-in session of `email` (and a language cookie)."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }
    ]
    if language:
        cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url})
    context.add_cookies(cookies)
