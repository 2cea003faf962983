"""The side-by-side news editor in the real Chromium: the toolbar formats, the preview follows the typing,
user HTML never runs, and the page passes axe-core."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from django.urls import reverse

from secon.news.models import NewsItem, NewsTranslation
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "koordynator@mazowsze.example"
SCREENSHOTS = os.environ.get("SECON_SCREENSHOTS", "")


def preview_html(page: Any, language: str, containing: str, timeout: float = 5.0) -> str:
    """The preview's HTML once it contains `containing` (the CSP forbids wait_for_function's strings)."""
    deadline = time.monotonic() + timeout
    html = ""
    while time.monotonic() < deadline:
        html = str(page.evaluate(f"() => document.getElementById('preview-{language}').innerHTML"))
        if containing in html:
            return html
        page.wait_for_timeout(100)
    raise AssertionError(f"The {language} preview never showed {containing!r}: {html!r}")


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_toolbar_formats_the_text_and_the_preview_follows_as_one_types(
    browser: Any, live_server: Any, demo: None, language: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    sign_in(context, live_server, COORDINATOR, language=language)
    page = context.new_page()
    draft = NewsItem.objects.get(partner__slug="mazovia", slug="faza-monitorowania-2026")
    try:
        page.goto(live_server.url + reverse("manage:news_text_edit", args=[draft.pk]))
        toolbars = page.get_by_role("toolbar")
        assert toolbars.count() == 2  # one per language, shown once the script runs
        preview_button = "Preview" if language == "en" else "Podgląd"
        assert not page.get_by_role("button", name=preview_button, exact=True).is_visible()

        # Polish and English side by side on a laptop screen.
        pl_box = page.locator("#version-pl").bounding_box()
        en_box = page.locator("#version-en").bounding_box()
        assert pl_box and en_box and pl_box["x"] < en_box["x"] and abs(pl_box["y"] - en_box["y"]) < 1

        body = page.locator("#id_en-body")
        page.locator("#id_en-title").fill("Fourth meeting")
        body.fill("The group met")
        body.press("ControlOrMeta+a")
        page.locator("#version-en").get_by_role(
            "button", name="Bold" if language == "en" else "Pogrubienie"
        ).click()
        assert body.input_value() == "**The group met**"
        assert "<strong>The group met</strong>" in preview_html(page, "en", "<strong>")

        # Keyboard: the toolbar is one tab stop; the arrows move along it, Enter applies.
        body.press("End")
        body.press("Enter")
        body.press("Enter")
        body.type("first\nsecond")
        body.evaluate("area => area.setSelectionRange(area.value.indexOf('first'), area.value.length)")
        first = page.locator("#version-en [role=toolbar] button").first
        first.focus()
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")  # the fifth button: a bulleted list
        assert body.input_value().endswith("\n\n- first\n- second")
        assert "<li>second</li>" in preview_html(page, "en", "<li>second</li>")

        # User HTML in the preview never runs and leaves no javascript: link behind.
        body.press("ControlOrMeta+End")
        body.type(
            '\n\n<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
            "[x](javascript:window.pwned=3)"
        )
        html = preview_html(page, "en", ">x<")
        assert "javascript:" not in html and "onerror" not in html and "<script" not in html
        if page.locator("#preview-en a").count():
            page.locator("#preview-en a").first.click()
        assert page.evaluate("() => window.pwned === undefined")

        if SCREENSHOTS:
            page.evaluate("() => window.scrollTo(0, 0)")
            page.screenshot(path=os.path.join(SCREENSHOTS, f"news-editor-1366-{language}.png"))
            full = os.path.join(SCREENSHOTS, f"news-editor-full-{language}.png")
            page.screenshot(path=full, full_page=True)
            page.evaluate(
                "() => window.scrollTo({behavior: 'instant', top: window.scrollY - 150"
                " + document.querySelector('#version-en [role=toolbar]').getBoundingClientRect().top})"
            )
            page.screenshot(path=os.path.join(SCREENSHOTS, f"news-editor-1366-toolbar-{language}.png"))
        assert not axe_violations(page)

        page.locator("form.news-editor button[type=submit]").first.click()
        page.wait_for_url(f"**{reverse('manage:news_edit', args=[draft.pk])}")
        saved = NewsTranslation.objects.get(item=draft, language="en")
        assert saved.body.startswith("**The group met**\n\n- first\n- second")
    finally:
        context.close()


def test_the_editor_stacks_the_languages_on_a_narrow_screen(
    browser: Any, live_server: Any, demo: None
) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 800})
    sign_in(context, live_server, COORDINATOR, language="pl")
    page = context.new_page()
    draft = NewsItem.objects.get(partner__slug="mazovia", slug="faza-monitorowania-2026")
    try:
        page.goto(live_server.url + reverse("manage:news_text_edit", args=[draft.pk]))
        pl_box = page.locator("#version-pl").bounding_box()
        en_box = page.locator("#version-en").bounding_box()
        assert pl_box and en_box and en_box["y"] > pl_box["y"] + pl_box["height"] - 1
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 400, "no sideways scrolling"
    finally:
        context.close()
