"""The main back-office pages in the real browser: no axe-core violations, in Polish and English."""

from __future__ import annotations

import pytest

from secon.tests.browser import axe_violations, sign_in
from secon.tests.pages import back_office_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_main_back_office_pages_pass_axe(page, live_server, demo, language):
    sign_in(page.context, live_server, "koordynator@mazowsze.example", language=language)
    problems = {}
    for path in back_office_paths():
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems
