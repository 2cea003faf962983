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
        response = page.goto(live_server.url + path)
        # An error page or a redirect to the sign-in form has few violations to find: check the real page.
        assert response is not None and response.status == 200, (path, response and response.status)
        assert response.url == live_server.url + path, (path, response.url)
        assert page.locator("html").get_attribute("lang") == language, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems
