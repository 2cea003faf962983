"""Good practices in the real Chromium: the live counter under each field, and no axe-core violations."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from secon.practices.models import GoodPractice
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF = "pracownik@mazowsze.example"


def _counter_text(page: Any, field_id: str) -> str:
    # Read with page.evaluate: wait_for_function with a string is blocked by the CSP.
    return str(page.evaluate(f"document.getElementById('{field_id}_counter').textContent"))


def test_the_counter_counts_as_one_types_and_says_how_many_characters_too_many(
    page: Any, live_server: Any, demo: None
) -> None:
    sign_in(page.context, live_server, STAFF, language="en")
    page.goto(live_server.url + reverse("manage:practice_create"))

    assert _counter_text(page, "id_pl-title") == "0 of 100 characters"
    page.fill("#id_pl-title", "x" * 104)

    assert _counter_text(page, "id_pl-title") == "104 of 100 characters – 4 characters too many"
    assert "char-counter-over" in str(page.get_attribute("#id_pl-title_counter", "class"))
    assert "id_pl-title_counter" in str(page.get_attribute("#id_pl-title", "aria-describedby"))


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_practice_form_and_page_pass_axe(page: Any, live_server: Any, demo: None, language: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page.context, live_server, STAFF, language=language)
    practice = GoodPractice.objects.filter(partner__slug="mazovia").order_by("pk").first()
    assert practice is not None
    problems: dict[str, list[str]] = {}
    for path in [
        reverse("manage:practice_create"),
        reverse("manage:practice_detail", kwargs={"pk": practice.pk}),
        reverse("manage:practice_versions", kwargs={"pk": practice.pk}),
    ]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        if found := axe_violations(page):
            problems[path] = found
    assert not problems, problems
