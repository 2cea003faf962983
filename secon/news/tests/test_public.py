"""Public news pages and feeds: only published, only this language, archive, redirects, safety."""

from __future__ import annotations

from typing import Any

import pytest

from secon.news import services
from secon.news.tests.builders import make_news, pdf_upload, published

pytestmark = pytest.mark.django_db


def test_the_list_shows_only_news_published_in_this_language(client: Any, world: Any) -> None:
    make_news(world.partner, {"pl": published(title="Opublikowana"), "en": {"title": "English draft"}})
    make_news(world.partner, {"pl": {"status": "ready", "title": "Gotowa, nieopublikowana"}})
    make_news(world.partner, {"pl": published(days_ago=-2, title="Zaplanowana")})
    make_news(world.partner, {"en": published(title="Only in English")})

    body = client.get("/pl/news/").content.decode()
    assert "Opublikowana" in body
    for hidden in ("English draft", "Gotowa, nieopublikowana", "Zaplanowana", "Only in English"):
        assert hidden not in body
    body = client.get("/en/news/").content.decode()
    assert "Only in English" in body and "Opublikowana" not in body and "English draft" not in body


def test_the_archive_holds_items_older_than_the_cutoff(client: Any, world: Any, settings: Any) -> None:
    settings.NEWS_ARCHIVE_AFTER_DAYS = 100
    make_news(world.partner, {"pl": published(days_ago=150, title="Stara wiadomość")})
    make_news(world.partner, {"pl": published(days_ago=10, title="Nowa wiadomość")})
    current = client.get("/pl/news/").content.decode()
    archive = client.get("/pl/archive/").content.decode()
    assert "Nowa wiadomość" in current and "Stara wiadomość" not in current
    assert "Stara wiadomość" in archive and "Nowa wiadomość" not in archive
    assert 'aria-current="page">Archi' in archive.replace("\n", "")


def test_archival_items_say_so_on_their_page(client: Any, world: Any, settings: Any) -> None:
    settings.NEWS_ARCHIVE_AFTER_DAYS = 100
    old = make_news(world.partner, {"en": published(days_ago=150)})
    new = make_news(world.partner, {"en": published(days_ago=10)})
    assert "Archival content." in client.get(old.translations.get().get_absolute_url()).content.decode()
    assert "Archival content." not in client.get(new.translations.get().get_absolute_url()).content.decode()


def test_the_list_can_be_filtered_by_partner(client: Any, world: Any) -> None:
    make_news(world.partner, {"en": published(title="From Mazovia")})
    make_news(world.other_partner, {"en": published(title="From Extremadura")})
    body = client.get("/en/news/", {"partner": "extremadura"}).content.decode()
    assert "From Extremadura" in body and "From Mazovia" not in body
    assert client.get("/en/news/", {"partner": "atlantis"}).status_code == 404


def test_the_list_is_paginated(client: Any, world: Any, settings: Any) -> None:
    settings.NEWS_PAGE_SIZE = 2
    for n in range(3):
        make_news(world.partner, {"pl": published(days_ago=n + 1, title=f"Wiadomość numer {n}")})
    first = client.get("/pl/news/").content.decode()
    second = client.get("/pl/news/", {"page": 2}).content.decode()
    assert "Wiadomość numer 0" in first and "Wiadomość numer 2" not in first
    assert "Wiadomość numer 2" in second


def test_the_detail_page_redirects_a_wrong_or_old_slug_to_the_canonical_address(
    client: Any, world: Any
) -> None:
    item = make_news(world.partner, {"pl": published(title="Trzecie posiedzenie")})
    canonical = f"/pl/news/{item.pk}-trzecie-posiedzenie/"
    assert client.get(canonical).status_code == 200
    for wrong in (f"/pl/news/{item.pk}-stary-tytul/", f"/pl/news/{item.pk}/"):
        response = client.get(wrong)
        assert response.status_code == 301
        assert response["Location"] == canonical


def test_an_item_missing_in_this_language_gets_a_friendly_404_pointing_to_the_other(
    client: Any, world: Any
) -> None:
    item = make_news(world.partner, {"pl": published(title="Tylko po polsku"), "en": {"title": "Draft EN"}})
    response = client.get(f"/en/news/{item.pk}-anything/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "has not been published in this language" in body
    assert f'href="/pl/news/{item.pk}-tylko-po-polsku/"' in body
    assert "Draft EN" not in body


def test_an_unpublished_item_is_simply_not_found(client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}})
    assert client.get(f"/pl/news/{item.pk}-x/").status_code == 404
    scheduled = make_news(world.partner, {"pl": published(days_ago=-1)})
    assert client.get(f"/pl/news/{scheduled.pk}-x/").status_code == 404


def test_the_detail_links_the_other_published_language_with_hreflang(
    client: Any, world: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://secon.example.org"
    both = make_news(world.partner, {"pl": published(title="Posiedzenie"), "en": published(title="Meeting")})
    body = client.get(f"/pl/news/{both.pk}-posiedzenie/").content.decode()
    link = f'<link rel="alternate" hreflang="en" href="https://secon.example.org/en/news/{both.pk}-meeting/">'
    assert link in body
    only_pl = make_news(world.partner, {"pl": published(title="Sam"), "en": {"title": "Alone"}})
    body = client.get(f"/pl/news/{only_pl.pk}-sam/").content.decode()
    assert f"/en/news/{only_pl.pk}-" not in body
    assert "Read this news item in English" not in body
    # The language switch names the item in English, where the visitor is told it is not published in
    # English and offered the Polish version and the list (not dropped on the list without a word).
    assert f'href="/en/news/{only_pl.pk}/" hreflang="en"' in body
    response = client.get(f"/en/news/{only_pl.pk}/")
    assert response.status_code == 404
    told = response.content.decode()
    assert "has not been published in this language" in told
    assert f'href="/pl/news/{only_pl.pk}-sam/"' in told and 'href="/en/news/"' in told


def test_attachments_are_listed_with_type_and_size(client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": published(title="Z załącznikiem")})
    services.add_attachment(item, actor=world.staff, title="Porządek obrad", file=pdf_upload())
    body = client.get(item.translations.get().get_absolute_url()).content.decode()
    assert "Porządek obrad" in body
    assert "PDF," in body and "bajt" in body


def test_a_script_in_markdown_never_reaches_the_page(client: Any, world: Any) -> None:
    item = make_news(
        world.partner,
        {
            "pl": published(
                title="Bezpieczna",
                body="Tekst <script>alert('x')</script> i [link](javascript:alert(1)) "
                '<img src=x onerror="alert(2)"> oraz [strona](https://mazovia.pl).',
            )
        },
    )
    body = client.get(item.translations.get().get_absolute_url()).content.decode()
    assert "alert(" not in body
    assert "javascript:" not in body
    assert '<a href="https://mazovia.pl" rel="noopener">strona</a>' in body


def test_rss_and_atom_feeds_carry_only_published_news_of_their_language(client: Any, world: Any) -> None:
    make_news(
        world.partner, {"pl": published(title="Polska wiadomość"), "en": published(title="English news")}
    )
    make_news(world.partner, {"pl": {"status": "ready", "title": "Nieopublikowana"}})
    rss = client.get("/pl/news/feed.rss")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    text = rss.content.decode()
    assert "Polska wiadomość" in text and "English news" not in text and "Nieopublikowana" not in text
    atom = client.get("/en/news/feed.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    text = atom.content.decode()
    assert "English news" in text and "Polska wiadomość" not in text
    assert "/en/news/" in text


@pytest.mark.parametrize("count", [3, 30])
def test_the_public_list_costs_the_same_queries_whatever_the_number_of_items(
    client: Any, world: Any, count: int, django_assert_max_num_queries: Any, settings: Any
) -> None:
    settings.NEWS_PAGE_SIZE = 50
    for n in range(count):
        make_news(world.partner, {"pl": published(days_ago=n + 1)})
    with django_assert_max_num_queries(4):
        response = client.get("/pl/news/")
    assert response.status_code == 200
    assert response.content.decode().count('<article class="card"') == count


def test_public_pages_are_served_from_the_cache_until_news_changes(
    client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready", "title": "Świeża"}})
    assert "Świeża" not in client.get("/pl/news/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_translation(item.translations.get(), actor=world.staff)
    assert "Świeża" in client.get("/pl/news/").content.decode()
