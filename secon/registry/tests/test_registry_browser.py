"""Registry pages in the real Chromium: no axe-core violations in PL and EN; search without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from secon.registry.models import Organisation, Person
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "koordynator@mazowsze.example"


def _paths() -> list[str]:
    organisation = Organisation.objects.get(partner__slug="mazovia", short_name="CUS Drobin")
    person = Person.objects.get(partner__slug="mazovia", full_name="Anita Dygas")
    return [
        reverse("manage:organisation_list") + "?q=spoldzielni&sort=-name",
        reverse("manage:organisation_detail", args=[organisation.pk]),
        reverse("manage:organisation_edit", args=[organisation.pk]),
        reverse("manage:person_list") + "?purpose=newsletter&consent=in_force",
        reverse("manage:person_detail", args=[person.pk]),
        reverse("manage:rsg") + "?on=2024-02-23",
    ]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_registry_pages_pass_axe(page: Any, live_server: Any, demo: None, language: str) -> None:
    sign_in(page.context, live_server, COORDINATOR, language=language)
    problems: dict[str, list[str]] = {}
    for path in _paths():
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


def test_the_organisation_list_is_searched_without_javascript(
    browser: Any, live_server: Any, demo: None
) -> None:
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, COORDINATOR, language="pl")
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("manage:organisation_list"))
        page.fill("#id_q", "spoldzielni")
        page.click("form.filters button[type=submit]")
        rows = page.locator("#organisation-results tbody tr")
        assert rows.count() >= 2
        assert "Centrum Usług Środowiskowych" in page.locator("#organisation-results").inner_text()
        assert "q=spoldzielni" in page.url
    finally:
        context.close()
