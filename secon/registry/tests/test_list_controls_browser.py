"""The registry lists in the real Chromium: headings sort, page numbers lead on, no axe-core violations."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from secon.projects.models import Partner
from secon.registry.generator import generate_registry
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "koordynator@mazowsze.example"


@pytest.fixture
def long_lists(demo: None) -> None:
    """Enough records for several pages of each list."""
    generate_registry(Partner.objects.get(slug="mazovia"), organisations=60, people=80, seed=9)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_sorted_and_paged_lists_pass_axe(
    page: Any, live_server: Any, long_lists: None, language: str
) -> None:
    sign_in(page.context, live_server, COORDINATOR, language=language)
    problems: dict[str, list[str]] = {}
    for path in [
        reverse("manage:person_list") + "?sort=-updated&page=2",
        reverse("manage:person_list") + "?per_page=50&consent=in_force&page=2",
        reverse("manage:organisation_list") + "?sort=type&page=2",
        reverse("manage:organisation_list") + "?sort=bad&per_page=3",  # field messages shown
    ]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        assert page.locator(".page-links").count() == 1, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


def test_a_heading_sorts_and_reverses_and_page_numbers_lead_on_without_javascript(
    browser: Any, live_server: Any, long_lists: None
) -> None:
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, COORDINATOR, language="en")
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("manage:person_list"))
        name = page.locator("th", has=page.locator("a.sort-link", has_text="Name"))
        assert name.get_attribute("aria-sort") == "ascending"
        name.locator("a").click()
        name = page.locator("th", has=page.locator("a.sort-link", has_text="Name"))
        assert name.get_attribute("aria-sort") == "descending" and "sort=-name" in page.url
        page.locator(".page-links a", has_text="3").first.click()
        assert "page=3" in page.url and "sort=-name" in page.url
        current = page.locator('.page-links a[aria-current="page"]')
        assert current.inner_text().strip().endswith("3")
        page.select_option("#id_per_page", "100")
        page.click("form.filters button[type=submit]")
        assert page.locator("#person-results tbody tr").count() > 25
    finally:
        context.close()
