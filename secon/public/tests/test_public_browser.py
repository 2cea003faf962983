"""Public pages in the real Chromium, both languages: no axe-core violations, no JavaScript needed."""

from __future__ import annotations

from typing import Any

import pytest

from secon.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("/{language}/", 200),
    ("/{language}/partners/", 200),
    ("/{language}/partners/mazovia/", 200),
    ("/{language}/partners/peloponnese/", 200),
    ("/{language}/accessibility/", 200),
    ("/{language}/privacy/", 200),
    ("/{language}/no-such-page/", 404),
]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_public_pages_pass_axe_in_the_browser(page: Any, live_server: Any, demo: None, language: str) -> None:
    problems: dict[str, list[str]] = {}
    for template, status in PAGES:
        path = template.format(language=language)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == status, path
        assert page.locator("html").get_attribute("lang") == language, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    if problems:
        print(problems)
    assert not problems, problems


@pytest.mark.parametrize("language", ["pl", "en"])
def test_public_pages_work_without_javascript(
    browser: Any, live_server: Any, demo: None, language: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/{language}/")
        assert page.locator("h1").first.is_visible()
        assert page.locator(".partner-grid li").count() == 10
        # Following links and the language switch needs no script either.
        page.locator(".partner-grid a").first.click()
        assert "/partners/" in page.url
        other = "en" if language == "pl" else "pl"
        page.locator(f'.language-switch a[hreflang="{other}"]').click()
        assert f"/{other}/partners/" in page.url
    finally:
        context.close()


def test_back_to_top_link_returns_to_the_top(page: Any, live_server: Any, demo: None) -> None:
    page.goto(f"{live_server.url}/en/privacy/")
    page.locator(".back-to-top").click()
    # Polled with evaluate: wait_for_function evaluates a string, which the site's CSP forbids.
    for _ in range(100):
        if page.evaluate("window.scrollY") == 0:
            break
        page.wait_for_timeout(20)
    assert page.evaluate("window.scrollY") == 0
