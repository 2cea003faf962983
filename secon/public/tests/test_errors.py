"""Error pages: in the visitor's language, and rendered without touching the database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down() -> Iterator[None]:
    """Every later query fails the way it does when the database server cannot be reached."""

    def unreachable(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("could not connect to server")

    connection.ensure_connection = unreachable  # type: ignore[method-assign]
    yield
    # Back to the class's method before the test database is rolled back.
    del connection.ensure_connection


def test_unknown_english_address_answers_404_in_english(client: Any) -> None:
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Page not found" in html
    assert 'href="/en/"' in html


def test_unknown_polish_address_answers_404_in_polish(client: Any) -> None:
    response = client.get("/pl/nie-ma/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert 'href="/pl/"' in html
    assert 'href="/pl/partners/"' in html


def test_unknown_partner_page_answers_404_in_the_page_language(client: Any, world: Any) -> None:
    response = client.get("/en/partners/nowhere/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_server_error_page_renders_in_the_page_language_when_the_database_is_unreachable(
    world: Any, database_down: None, language: str
) -> None:
    client = Client(raise_request_exception=False)

    response = client.get(f"/{language}/partners/")

    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="error-code"' in html
    assert f'href="/{language}/"' in html


def test_error_pages_are_not_indexed(client: Any) -> None:
    html = client.get("/en/does-not-exist/").content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_access_denied_page_follows_the_browser_language_outside_the_language_prefix(
    client: Any, world: Any
) -> None:
    client.force_login(world.stakeholder)

    response = client.get("/manage/", headers={"accept-language": "en"})

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Access denied" in html


@pytest.mark.parametrize(
    ("address", "language", "other_version"),
    [("/pl/nie-ma/", "pl", "/en/nie-ma/"), ("/en/does-not-exist/", "en", "/pl/does-not-exist/")],
)
def test_a_missing_public_page_keeps_the_menu_and_the_language_switch(
    client: Any, address: str, language: str, other_version: str
) -> None:
    response = client.get(address)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="wrap main-nav"' in html and 'class="language-switch"' in html
    assert f'href="{other_version}"' in html  # the same address in the other language, not this page again
    assert 'class="site-footer"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_other_language_link_of_a_missing_page_is_a_well_formed_address(client: Any) -> None:
    html = client.get("/pl/zażółć gęślą/").content.decode()
    assert 'href="/en/za%C5%BC%C3%B3%C5%82%C4%87%20g%C4%99%C5%9Bl%C4%85/"' in html


def test_staff_who_mistype_a_back_office_address_keep_the_back_office_menu(client: Any, world: Any) -> None:
    client.force_login(world.staff)
    response = client.get("/manage/no-such-page/", headers={"accept-language": "pl"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "Menu panelu zarządzania" in html
    assert 'class="inline-form language-form"' in html
    assert "Nie znaleziono strony" in html


@pytest.mark.parametrize("language", ["pl", "en"])
def test_staff_refused_a_coordinators_page_keep_the_back_office_menu(
    client: Any, world: Any, language: str
) -> None:
    from secon.tests.factories import make_work_item

    item = make_work_item(world.partner)
    client.force_login(world.staff)
    response = client.get(
        f"/manage/history/projects.workitem/{item.pk}/", headers={"accept-language": language}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="site-header manage-header"' in html
    assert ("Access denied" if language == "en" else "Brak dostępu") in html


def test_a_visitor_on_a_back_office_address_sees_the_public_menu(client: Any) -> None:
    html = client.get("/manage/no-such-page/").content.decode()
    assert 'class="site-header manage-header"' not in html
    assert 'class="wrap main-nav"' in html


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_missing_page_is_still_explained_when_the_database_is_unreachable(
    database_down: None, language: str
) -> None:
    response = Client(raise_request_exception=False).get(f"/{language}/nie-ma/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="error-code"' in html
