"""The pages this round changed, in the real Chromium and both languages: axe-core finds nothing, and a short
page keeps its footer at the bottom of the window."""

from __future__ import annotations

from typing import Any

import pytest

from secon.projects.models import Partner
from secon.registry.tests.join_builders import make_join_request
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_lead_partners_dashboard_menu_badge_and_error_pages_pass_axe(
    browser: Any, live_server: Any, demo: None, language: str
) -> None:
    make_join_request(Partner.objects.get(slug="mazovia"))
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        sign_in(context, live_server, "lead@peloponnese.example", language=language)
        problems: dict[str, list[str]] = {}
        for path, status in [
            ("/manage/?partner=all", 200),
            ("/manage/", 200),
            ("/manage/no-such-page/", 404),
        ]:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == status, path
            assert page.locator("html").get_attribute("lang") == language, path
            assert page.locator(".menu-badge").inner_text().startswith("1"), path
            if found := axe_violations(page):
                problems[path] = found
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/pl/no-such-page/", "/en/no-such-page/"])
def test_a_short_page_keeps_its_footer_at_the_bottom_of_the_window(
    browser: Any, live_server: Any, path: str
) -> None:
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        page.goto(live_server.url + path)
        bottom = page.evaluate("document.querySelector('footer.site-footer').getBoundingClientRect().bottom")
        assert bottom == LAPTOP["height"]
    finally:
        context.close()
