"""News pages in the real Chromium: no axe-core violations in PL and EN, publishing without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from secon.news.models import NewsItem, NewsTranslation
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "koordynator@mazowsze.example"


def _back_office_paths() -> list[str]:
    draft = NewsItem.objects.get(partner__slug="mazovia", slug="faza-monitorowania-2026")
    published = NewsItem.objects.get(partner__slug="mazovia", slug="rgi-5-2025-01-30")
    return [
        reverse("manage:news_list") + "?status=published&sort=-published",
        reverse("manage:news_create"),
        reverse("manage:news_edit", args=[draft.pk]),
        reverse("manage:news_text_edit", args=[draft.pk]),
        reverse("manage:news_publish_ready", args=[draft.pk]),
        reverse("manage:news_publish_ready", args=[published.pk]),
        reverse("manage:news_publish", args=[published.pk, "en"]),
        reverse("manage:news_unpublish", args=[published.pk, "en"]),
        reverse("manage:news_image", args=[published.pk]),
        reverse("manage:news_attachment_add", args=[published.pk]),
        reverse("manage:news_delete", args=[draft.pk]),
    ]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_news_back_office_pages_pass_axe(page: Any, live_server: Any, demo: None, language: str) -> None:
    sign_in(page.context, live_server, COORDINATOR, language=language)
    problems: dict[str, list[str]] = {}
    for path in _back_office_paths():
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


@pytest.mark.parametrize("language", ["pl", "en"])
def test_public_news_pages_pass_axe(page: Any, live_server: Any, demo: None, language: str) -> None:
    study_visit = NewsItem.objects.get(slug="study-visit")
    paths = [
        (f"/{language}/news/?partner=mazovia", 200),
        (f"/{language}/archive/?partner=mazovia", 200),
        (
            NewsTranslation.objects.get(item__slug="rgi-3-2024-02-23", language=language).get_absolute_url(),
            200,
        ),
    ]
    if language == "pl":
        paths.append((f"/pl/news/{study_visit.pk}-x/", 404))  # only in English: the friendly 404
    problems: dict[str, list[str]] = {}
    for path, status in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == status, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


def test_without_javascript_a_coordinator_writes_english_beside_polish_and_publishes_both_in_one_step(
    browser: Any, live_server: Any, demo: None
) -> None:
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, COORDINATOR, language="en")
    page = context.new_page()
    draft = NewsItem.objects.get(partner__slug="mazovia", slug="faza-monitorowania-2026")
    try:
        page.goto(live_server.url + reverse("manage:news_text_edit", args=[draft.pk]))
        assert page.get_by_role("toolbar").count() == 0  # no script: no toolbar, the help instead
        assert page.get_by_text("How to format the text (Markdown)").first.is_visible()
        page.locator("#id_en-title").fill("SECON in the follow-up phase")
        page.locator("#id_en-body").fill("Mazovia **monitors** the changes in the regional programme.")
        page.get_by_role("button", name="Preview").click()
        assert page.locator("#preview-en strong").inner_text() == "monitors"
        assert not NewsTranslation.objects.filter(item=draft, language="en").exists()
        page.locator("#id_pl-ready").check()
        page.locator("#id_en-ready").check()
        page.get_by_role("button", name="Save and publish…").click()
        page.get_by_label("Publication date and time").fill("2026-03-02T10:00")
        page.get_by_role("button", name="Publish 2 versions").click()
        assert "Published: Polish, English." in page.locator(".messages").inner_text()
        assert {v.status for v in NewsTranslation.objects.filter(item=draft)} == {"published"}
        page.goto(live_server.url + "/en/news/")
        assert page.get_by_role("link", name="SECON in the follow-up phase").is_visible()
    finally:
        context.close()
