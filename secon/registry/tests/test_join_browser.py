"""“Join us” in the real Chromium: no axe-core violations in PL and EN; the form works without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from secon.projects.models import Partner
from secon.registry.join import services as join
from secon.registry.models import JoinRequest, JoinRequestStatus, LegalBasis, Purpose
from secon.registry.privacy import optout
from secon.registry.records import services
from secon.registry.tests.join_builders import ensure_reference_data, link_to, make_join_request
from secon.tests.browser import axe_violations, sign_in
from secon.tests.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _paths(language: str) -> list[tuple[str, int]]:
    mazovia = Partner.objects.get(slug="mazovia")
    person = make_person(mazovia, full_name="Ewa Zielińska", language=language)
    services.record_consent(
        person, actor=None, purpose=Purpose.NEWSLETTER, legal_basis=LegalBasis.CONSENT, source="form"
    )
    pending = join.submit_join_request(
        mazovia,
        given_names="Jan",
        surname="Nowak",
        email=f"jan-{language}@example.org",
        language=language,
    ).join_request
    with translation.override(language):
        return [
            (reverse("public:join_confirm", args=[join.make_confirm_token(pending)]), 200),
            (reverse("public:join"), 200),
            (reverse("public:join_sent"), 200),
            (reverse("public:optout", args=[optout.make_person_token(person, Purpose.NEWSLETTER)]), 200),
            (reverse("public:optout", args=["tampered"]), 400),
        ]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_join_and_opt_out_pages_pass_axe(page: Any, live_server: Any, demo: None, language: str) -> None:
    ensure_reference_data()
    problems: dict[str, list[str]] = {}
    for path, status in _paths(language):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == status, path
        assert page.locator("html").get_attribute("lang") == language, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems


def test_a_visitor_asks_to_join_and_confirms_without_javascript(
    browser: Any, live_server: Any, demo: None
) -> None:
    ensure_reference_data()
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(live_server.url + "/pl/join/")
        # Errors first: the form comes back with its messages, nothing stored.
        page.locator("form.join-form button[type=submit]").click()
        assert page.locator(".errorlist").count() >= 3
        assert not JoinRequest.objects.exists()
        page.fill("#id_given_names", "Marta")
        page.fill("#id_surname", "Wójcik")
        page.fill("#id_email", "marta@example.org")
        page.fill("#id_organisation", "Spółdzielnia Socjalna w Drobinie")
        page.locator("input[name=interests]").first.check()
        page.check("#id_consent")
        page.locator("form.join-form button[type=submit]").click()
        assert page.url.endswith("/pl/join/sent/")
        join_request = JoinRequest.objects.get()
        assert join_request.partner.slug == "mazovia"
        (message,) = mail.outbox
        page.goto(live_server.url + link_to(message, "/join/confirm/"))
        page.locator("main form button[type=submit]").click()
        join_request.refresh_from_db()
        assert join_request.status == JoinRequestStatus.CONFIRMED
        assert page.locator("h1").count() == 1  # axe needs JavaScript: the pages are checked above
    finally:
        context.close()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_review_queue_passes_axe(page: Any, live_server: Any, demo: None, language: str) -> None:
    ensure_reference_data()
    mazovia = Partner.objects.get(slug="mazovia")
    waiting = make_join_request(mazovia, full_name="Marta Wójcik", organisation_name="CIS Zbijów Mały")
    sign_in(page.context, live_server, "koordynator@mazowsze.example", language=language)
    paths = [
        reverse("manage:join_request_list"),
        reverse("manage:join_request_list") + "?status=declined",
        reverse("manage:join_request_detail", args=[waiting.pk]),
        reverse("manage:join_request_accept", args=[waiting.pk]),
        reverse("manage:join_request_decline", args=[waiting.pk]),
    ]
    problems: dict[str, list[str]] = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, problems
