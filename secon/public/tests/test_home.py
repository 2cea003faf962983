"""The public home page: the project, the current semester and its key tasks, partners, news."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secon.public.tests.helpers import current_semester_number, make_key_task, make_published_news
from secon.tests.factories import make_partner

pytestmark = pytest.mark.django_db


def test_root_sends_a_visitor_without_preferences_to_the_polish_home(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/pl/"
    assert "Accept-Language" in response["Vary"]


def test_root_follows_the_browser_language(client: Any) -> None:
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Location"] == "/en/"


def test_root_follows_the_language_cookie_over_the_browser(client: Any) -> None:
    client.cookies["django_language"] = "pl"
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/pl/"


def test_home_in_polish_presents_the_project_and_current_semester(client: Any, world: Any) -> None:
    world.project.summary_pl = "Dziesięć regionów wspiera ekonomię społeczną."
    world.project.save()
    number = current_semester_number(world.project)

    response = client.get("/pl/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Regionalne Polityki Wspierania Ekonomii Społecznej" in html
    assert "Dziesięć regionów wspiera ekonomię społeczną." in html
    assert f"semestr {number}" in html.lower()
    assert response.context["semester"].number == number
    assert response.context["nav"] == "home"


def test_home_in_english_uses_the_english_title_and_summary(client: Any, world: Any) -> None:
    world.project.summary_en = "Ten regions support the social economy."
    world.project.save()

    html = client.get("/en/").content.decode()

    assert '<html lang="en">' in html
    assert "Social Economy – Regional Policies for supporting Social Economy Enterprises" in html
    assert "Ten regions support the social economy." in html


def test_home_lists_public_key_tasks_of_every_partner_in_the_visitors_language(
    client: Any, world: Any
) -> None:
    make_key_task(world.partner, title="Badanie potrzeb", title_en="Needs survey")
    make_key_task(world.other_partner, title="Seminario regional", title_en="Regional seminar")
    make_key_task(world.partner, title="Zadanie wewnętrzne", public=False)

    polish = client.get("/pl/").content.decode()
    english = client.get("/en/").content.decode()

    assert "Badanie potrzeb" in polish and "Seminario regional" in polish
    assert "Needs survey" in english and "Regional seminar" in english
    assert "Zadanie wewnętrzne" not in polish


def test_home_links_every_partner_page(client: Any, world: Any) -> None:
    html = client.get("/en/").content.decode()
    for slug in ("lead", "mazovia", "extremadura"):
        assert f'href="/en/partners/{slug}/"' in html


def test_home_shows_the_latest_three_news_in_the_page_language(client: Any, world: Any) -> None:
    for n in range(4):
        make_published_news(world.partner, title=f"Wiadomość {n}", days_ago=n + 1)
    make_published_news(world.partner, title="English story", language="en")

    html = client.get("/pl/").content.decode()

    assert "Wiadomość 0" in html and "Wiadomość 2" in html
    assert "Wiadomość 3" not in html
    assert "English story" not in html
    assert 'href="/pl/news/' in html


def test_home_invites_visitors_to_take_part(client: Any, world: Any) -> None:
    response = client.get("/en/")
    assert 'id="invitation-heading"' in response.content.decode()


def test_home_shows_no_events_section_until_there_are_events(client: Any, world: Any) -> None:
    response = client.get("/en/")
    assert response.context["upcoming_events"] == []
    assert 'id="events-heading"' not in response.content.decode()


def test_home_before_any_data_is_loaded_says_the_site_is_being_prepared(client: Any) -> None:
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.context["project"] is None


def test_home_sets_no_cookies_for_visitors(client: Any, world: Any) -> None:
    response = client.get("/pl/")
    assert not response.cookies


def _count_home_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/pl/").status_code == 200
    return len(queries)


def test_home_query_count_does_not_grow_with_partners_tasks_or_news(
    client: Any, world: Any, settings: Any
) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    make_key_task(world.partner, title="Pierwsze")
    make_published_news(world.partner, title="Pierwsza")
    before = _count_home_queries(client)

    for n in range(7):
        partner = make_partner(world.project, slug=f"extra-{n}")
        make_key_task(partner, title=f"Zadanie {n}")
        make_published_news(partner, title=f"Wiadomość {n}")

    assert _count_home_queries(client) == before
    assert before <= 5


def test_anonymous_visitors_get_the_home_page_from_the_cache(
    client: Any, world: Any, django_assert_num_queries: Any
) -> None:
    client.get("/pl/")
    with django_assert_num_queries(0):
        response = client.get("/pl/")
    assert response.status_code == 200
