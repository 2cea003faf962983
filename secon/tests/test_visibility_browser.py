"""The EU emblem and the logos in the real Chromium: seen without scrolling, no logo larger than the emblem,
no axe-core violations, on a laptop and a phone, in Polish and English."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from secon.core.cache import invalidate_public_pages
from secon.projects.models import Partner, Project
from secon.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATEMENT = {"pl": "Współfinansowane przez Unię Europejską", "en": "Co-funded by the European Union"}


def png(size: tuple[int, int]) -> ContentFile[bytes]:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (11, 79, 138, 255)).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return dict(found)


def test_the_demo_ships_no_logo_and_shows_the_emblem_with_the_statement_and_the_name(
    page: Any, live_server: Any, demo: None
) -> None:
    project = Project.objects.select_related("programme").get()
    assert not project.logo and not project.programme.logo
    assert not Partner.objects.exclude(logo="").exists()

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/pl/")

    assert page.locator(".eu-statement").inner_text() == STATEMENT["pl"]
    assert page.locator(".brand-acronym").inner_text() == "SECON"
    assert page.locator(".identity-logo").count() == 0


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_emblem_is_seen_without_scrolling_and_no_logo_is_larger(
    page: Any, live_server: Any, demo: None, language: str, width: int
) -> None:
    project = Project.objects.select_related("programme").get()
    project.logo.save("a.png", png((900, 300)))  # a large, wide logo: the page must scale it down
    project.programme.logo.save("b.png", png((1200, 300)))
    Partner.objects.get(slug="mazovia").logo.save("c.png", png((800, 800)))
    invalidate_public_pages()

    page.set_viewport_size({"width": width, "height": 700})
    for path in ("/", "/partners/mazovia/"):
        page.goto(f"{live_server.url}/{language}{path}")
        emblem = box(page, ".eu-emblem")
        assert emblem["y"] + emblem["height"] <= 700  # in the first screen
        assert emblem["height"] >= 32 and emblem["width"] == pytest.approx(emblem["height"] * 1.5, abs=1)
        assert page.locator(".eu-statement").is_visible()
        for index in range(page.locator(".identity-logo").count()):
            logo = page.locator(".identity-logo").nth(index).bounding_box()
            assert logo is not None and logo["height"] <= emblem["height"] + 0.5
            assert logo["x"] + logo["width"] <= width  # nothing sticks out of a phone's screen
        assert axe_violations(page) == [], path

    partner_logo = box(page, ".partner-logo")
    assert partner_logo["height"] <= 96 and partner_logo["width"] <= 224
