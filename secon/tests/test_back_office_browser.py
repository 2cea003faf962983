"""The main back-office pages and the news pages in the real browser: no axe-core violations, PL and EN."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from secon.accounts.models import User
from secon.tests.pages import back_office_paths, public_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page: Any) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.fixture
def demo() -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _sign_in(page: Any, live_server: Any, email: str) -> None:
    client = Client()
    client.force_login(User.objects.get(email=email))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", ["pl", "en"])
def test_main_back_office_pages_pass_axe(page, live_server, demo, language):
    _sign_in(page, live_server, "koordynator@mazowsze.example")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    problems = {}
    for path in back_office_paths():
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language, path
        found = _violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


@pytest.mark.parametrize("language", ["pl", "en"])
def test_news_pages_pass_axe(page, live_server, demo, language):
    problems = {}
    for path in public_paths(language):
        if "/news/" not in path and "/archive/" not in path:
            continue  # the other public pages have their own browser test
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        found = _violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


def test_login_page_passes_axe(page, live_server, demo):
    page.goto(live_server.url + "/accounts/login/")
    assert not _violations(page)
