"""The GDPR pages in the real Chromium: axe-core finds nothing in PL and EN; erasure works without JS."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from conftest import World
from secon.registry.models import Person
from secon.registry.privacy import erasure
from secon.registry.tests.gdpr_builders import NAME, make_rich_person
from secon.registry.tests.join_builders import ensure_reference_data
from secon.tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_gdpr_pages_pass_axe(browser: Any, live_server: Any, world: World, language: str) -> None:
    ensure_reference_data()
    rich = make_rich_person(world.partner, actor=world.staff)
    erased = make_rich_person(world.partner, actor=world.staff, name="Jan Usunięty", email="jan@example.org")
    erasure.anonymise_person(erased.person, actor=world.coordinator, reason="request")
    context = browser.new_context(locale=f"{language}-{language.upper()}")
    sign_in(context, live_server, world.coordinator.email, language=language)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    try:
        for path in (
            reverse("manage:person_export", args=[rich.person.pk]),
            reverse("manage:person_anonymise", args=[rich.person.pk]),
            reverse("manage:person_anonymised", args=[erased.person.pk]),
        ):
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language, path
            found = axe_violations(page)
            if found:
                problems[path] = found
    finally:
        context.close()
    assert not problems, problems


def test_a_coordinator_erases_a_person_without_javascript(
    browser: Any, live_server: Any, world: World
) -> None:
    ensure_reference_data()
    rich = make_rich_person(world.partner, actor=world.staff)
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    sign_in(context, live_server, world.coordinator.email, language="en")
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("manage:person_anonymise", args=[rich.person.pk]))
        page.get_by_label("Why is the data erased?").select_option("request")
        page.get_by_label("Type the person's full name to confirm").fill("Someone else")
        page.get_by_role("button", name="Erase the personal data").click()
        assert page.locator(".field-error").count() == 1
        assert Person.objects.get(pk=rich.person.pk).anonymised_at is None

        page.get_by_label("Type the person's full name to confirm").fill(NAME)
        page.get_by_role("button", name="Erase the personal data").click()
        assert page.url.endswith(reverse("manage:person_anonymised", args=[rich.person.pk]))
        assert NAME not in page.content()
        assert Person.objects.get(pk=rich.person.pk).anonymised_at is not None
    finally:
        context.close()
