"""Sign-in, password reset and two-factor pages in the real browser: the TOTP journey, no axe violations."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings

from conftest import World
from secon.accounts.tests.totp import totp_code
from secon.tests.browser import axe_violations
from secon.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Any, problems: dict[str, list[str]], language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language, page.url
    assert page.locator("h1").count() == 1, page.url
    found = axe_violations(page)
    if found:
        problems[page.url] = found


@pytest.mark.parametrize("language", ["pl", "en"])
def test_sign_in_and_two_factor_journey_passes_axe(
    page: Any, live_server: Any, world: World, settings: Any, language: str
) -> None:
    settings.STAFF_REQUIRE_2FA = True
    base = live_server.url
    page.context.add_cookies([{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])
    problems: dict[str, list[str]] = {}

    page.goto(base + "/accounts/password/reset/")
    _check(page, problems, language)

    page.goto(base + "/manage/")
    assert "/accounts/login/" in page.url
    _check(page, problems, language)
    page.fill("#id_login", world.staff.email)
    page.fill("#id_password", "not-the-password")
    page.click("main button[type=submit]")
    assert page.locator("[role=alert]").count() == 1
    _check(page, problems, language)  # the error state, too

    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    # The back office sends an un-enrolled staff member to set up TOTP; allauth confirms the password first.
    assert "/accounts/reauthenticate/" in page.url
    _check(page, problems, language)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    assert "/accounts/2fa/totp/activate/" in page.url
    _check(page, problems, language)

    secret = page.locator(".secret").inner_text().strip()
    page.fill("#id_code", totp_code(secret))
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/recovery-codes/**")  # the click returns before the redirect lands
    _check(page, problems, language)

    page.goto(base + "/accounts/2fa/")
    _check(page, problems, language)

    page.goto(base + "/accounts/logout/")
    _check(page, problems, language)
    page.click("main button[type=submit]")

    page.goto(base + "/accounts/login/")
    page.fill("#id_login", world.staff.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    assert "/accounts/2fa/authenticate/" in page.url
    _check(page, problems, language)

    assert not problems, problems
