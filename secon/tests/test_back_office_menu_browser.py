"""The back-office menu in the real browser: one line on a 1366-pixel laptop screen, usable when narrower."""

from __future__ import annotations

import os
from typing import Any

import pytest

from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SECON_SCREENSHOTS", "")


def menu_item_tops(page: Any) -> list[float]:
    tops: list[float] = page.evaluate(
        "() => [...document.querySelectorAll('.main-nav > ul > li')]"
        ".map(li => li.getBoundingClientRect().top)"
    )
    return tops


def screenshot(page: Any, name: str) -> None:
    # For a person checking the look by eye: SECON_SCREENSHOTS=/some/dir keeps a picture of each page.
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, name))


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_back_office_menu_fits_one_line_on_a_1366_pixel_screen(
    page, live_server, world, language, monkeypatch
):
    # The Lead Partner's coordinator sees the most menu items; a two-digit count of waiting requests is
    # the widest the menu gets.
    monkeypatch.setattr("secon.core.templatetags.menu.badge_count", lambda name, user: 12)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page.context, live_server, world.lead.email, language=language)
    page.goto(live_server.url + "/manage/")
    tops = menu_item_tops(page)
    screenshot(page, f"menu-1366-{language}.png")
    assert len(tops) >= 7
    assert max(tops) - min(tops) < 1, tops
    assert not axe_violations(page)


@pytest.mark.parametrize("width", [1024, 768, 375, 320])
def test_on_narrower_screens_the_menu_wraps_without_hiding_an_item_or_scrolling_sideways(
    page, live_server, world, width, monkeypatch
):
    monkeypatch.setattr("secon.core.templatetags.menu.badge_count", lambda name, user: 12)
    page.set_viewport_size({"width": width, "height": 768})
    sign_in(page.context, live_server, world.lead.email, language="pl")
    page.goto(live_server.url + "/manage/")
    screenshot(page, f"menu-{width}-pl.png")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, overflow
    boxes = page.evaluate(
        "() => [...document.querySelectorAll('.main-nav a')].map(a => {"
        " const r = a.getBoundingClientRect(); return [r.left, r.right, r.width]; })"
    )
    assert boxes and all(left >= 0 and right <= width and w > 0 for left, right, w in boxes), boxes
