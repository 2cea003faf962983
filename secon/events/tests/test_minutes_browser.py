"""The minutes pages in the real browser: no axe-core violations, in Polish and English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from secon.events.minutes import start_correction
from secon.events.models import Event
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_minutes_pages_pass_axe(page, live_server, demo, language):
    third = Event.objects.get(partner__slug="mazovia", ordinal=3, type__code="rsg_meeting")
    draft = start_correction(third, actor=None, reason="Literówka w nazwisku")  # a draft to write
    sign_in(page.context, live_server, "koordynator@mazowsze.example", language=language)
    problems = {}
    for path in (
        reverse("manage:event_minutes", args=[third.pk]),
        reverse("manage:event_minutes_version", args=[third.pk, 1]),
        reverse("manage:event_minutes_correct", args=[third.pk]),
        reverse("manage:event_action_item_add", args=[third.pk]),
        reverse("manage:event_news_template", args=[language]),
        reverse("manage:event_minutes_edit", args=[third.pk, draft.version, language]),
    ):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems
