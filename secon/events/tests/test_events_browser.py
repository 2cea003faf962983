"""Event pages in the real Chromium: no axe-core violations in Polish and English, public and back office."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse

from secon.events.models import Event
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "koordynator@mazowsze.example"
# For a person checking the look by eye: SECON_SCREENSHOTS=/some/dir keeps a picture of each page.
SCREENSHOTS = os.environ.get("SECON_SCREENSHOTS", "")


def _third_meeting() -> Event:
    return Event.objects.get(partner__slug="mazovia", ordinal=3)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_public_event_pages_pass_axe(page: Any, live_server: Any, demo: None, language: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    event = _third_meeting()
    paths = [
        f"/{language}/event/{event.pk}/",
        f"/{language}/events/",
        f"/{language}/events/past/",
        f"/{language}/events/mazovia/",
    ]
    problems: dict[str, list[str]] = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language, path
        if SCREENSHOTS and path.endswith(f"/event/{event.pk}/"):
            page.screenshot(path=os.path.join(SCREENSHOTS, f"event-{language}.png"), full_page=True)
        if found := axe_violations(page):
            problems[path] = found
    assert not problems, problems
    page.goto(live_server.url + paths[0])
    assert page.locator("[itemtype='https://schema.org/Event'] [itemprop='startDate']").count() == 1


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_back_office_event_pages_pass_axe(page: Any, live_server: Any, demo: None, language: str) -> None:
    sign_in(page.context, live_server, COORDINATOR, language=language)
    event = _third_meeting()
    first = event.agenda_items.order_by("order").first()
    assert first is not None
    paths = [
        reverse("manage:event_list"),
        reverse("manage:event_create"),
        reverse("manage:event_detail", args=[event.pk]),
        reverse("manage:event_edit", args=[event.pk]),
        reverse("manage:event_agenda_item_edit", args=[event.pk, first.pk]),
        reverse("manage:event_presenter_add", args=[event.pk, first.pk]) + "?q=Dygas",
        reverse("manage:event_attachment_add", args=[event.pk, first.pk]),
    ]
    problems: dict[str, list[str]] = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        if SCREENSHOTS and path == paths[2]:
            page.screenshot(path=os.path.join(SCREENSHOTS, f"manage-event-{language}.png"), full_page=True)
        if found := axe_violations(page):
            problems[path] = found
    assert not problems, problems
