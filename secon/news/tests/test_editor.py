"""The side-by-side editor over HTTP: both languages in one POST, bad input, previews, one-step publishing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from secon.core.models import AuditEvent
from secon.core.tests.race import run_scenario
from secon.news.forms import MAX_BODY_CHARS
from secon.news.models import NewsItem, NewsTranslation
from secon.news.tests.builders import make_news, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Any, world: Any) -> Any:
    client.force_login(world.staff)
    return client


def _both(pl: dict[str, str], en: dict[str, str]) -> dict[str, str]:
    return {**{f"pl-{k}": v for k, v in pl.items()}, **{f"en-{k}": v for k, v in en.items()}}


def _texts(item: NewsItem) -> dict[str, tuple[str, str, str, int]]:
    return {v.language: (v.title, v.lead, v.body, v.revision) for v in item.translations.all()}


def _events(item: NewsItem) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(item.pk)).order_by("id").values_list("code", flat=True)
    )


# --- writing both languages at once --------------------------------------------------------------------


def test_a_new_item_is_created_in_both_languages_in_one_post(staff_client: Any, world: Any) -> None:
    response = staff_client.post(
        reverse("manage:news_create"),
        _both({"title": "Czwarte posiedzenie", "body": "Treść"}, {"title": "Fourth meeting", "body": "Text"}),
    )
    item = NewsItem.objects.get()
    assert response["Location"] == reverse("manage:news_edit", args=[item.pk])
    versions = {v.language: v for v in item.translations.all()}
    assert versions["pl"].title == "Czwarte posiedzenie" and versions["en"].title == "Fourth meeting"
    assert {v.status for v in versions.values()} == {"draft"}
    assert not versions["pl"].is_out_of_date and not versions["en"].is_out_of_date
    assert _events(item) == ["news.item.created", "news.translation.created"]


def test_a_language_left_empty_on_creation_is_written_later(staff_client: Any) -> None:
    staff_client.post(
        reverse("manage:news_create"), _both({"title": "", "body": ""}, {"title": "Only", "body": "EN"})
    )
    assert [v.language for v in NewsItem.objects.get().translations.all()] == ["en"]


def test_an_item_with_both_languages_empty_is_not_created(staff_client: Any) -> None:
    response = staff_client.post(reverse("manage:news_create"), _both({"title": ""}, {"title": ""}))
    assert response.status_code == 200
    assert "Write at least one language version" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_editing_both_languages_saves_both_in_one_post_and_leaves_neither_out_of_date(
    staff_client: Any, world: Any
) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    response = staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        _both(
            {"title": "Nowy tytuł", "lead": "Nowa zajawka", "body": "Nowa **treść**", "change": "content"},
            {"title": "New title", "lead": "New lead", "body": "New **text**", "change": "content"},
        ),
    )
    assert response.status_code == 302
    texts = _texts(item)
    assert texts["pl"] == ("Nowy tytuł", "Nowa zajawka", "Nowa **treść**", 2)
    assert texts["en"] == ("New title", "New lead", "New **text**", 2)
    assert not any(v.is_out_of_date for v in item.translations.all())
    assert _events(item) == ["news.translation.updated", "news.translation.updated"]


def test_new_polish_content_with_english_untouched_marks_english_out_of_date(
    staff_client: Any, world: Any
) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    en = item.translations.get(language="en")
    staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        _both(
            {"title": "Nowy tytuł", "body": "Nowa treść", "change": "content"},
            {"title": en.title, "lead": en.lead, "body": en.body, "change": "content"},
        ),
    )
    assert item.translations.get(language="en").is_out_of_date
    assert not item.translations.get(language="pl").is_out_of_date
    assert _events(item) == ["news.translation.updated"]  # one event: only Polish changed


def test_an_untouched_column_sent_back_by_the_browser_changes_nothing(staff_client: Any, world: Any) -> None:
    item = make_news(
        world.partner, {"pl": {"lead": "Zajawka", "body": "Akapit pierwszy.\n\nAkapit drugi."}, "en": {}}
    )
    en = item.translations.get(language="en")
    staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        _both(
            # A browser sends the unchanged Polish text back with CRLF line breaks.
            {
                "title": item.translations.get(language="pl").title,
                "lead": "Zajawka",
                "body": "Akapit pierwszy.\r\n\r\nAkapit drugi.",
            },
            {"title": "Changed", "lead": en.lead, "body": en.body, "change": "content"},
        ),
    )
    assert _events(item) == ["news.translation.updated"]  # English only
    assert item.translations.get(language="pl").revision == 1
    assert item.translations.get(language="pl").is_out_of_date


def test_a_minor_english_correction_beside_new_polish_content_keeps_english_out_of_date(
    staff_client: Any, world: Any
) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        _both(
            {"title": "Nowy tytuł", "body": "Nowa treść", "change": "content"},
            {"title": "Typo fixed", "body": "Text", "change": "minor"},
        ),
    )
    assert item.translations.get(language="en").is_out_of_date


def test_bad_input_in_one_language_changes_nothing_in_either(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    before, events = _texts(item), _events(item)
    response = staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        _both(
            {"title": "Poprawny tytuł", "body": "Poprawna treść", "change": "content"},
            {"title": "", "body": "Text without a title", "change": "content"},
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing has been saved" in page
    assert "Write a title, or leave this whole language empty." in page
    assert "Poprawny tytuł" in page  # what was typed is kept in the form
    assert _texts(item) == before
    assert _events(item) == events


def test_a_too_long_text_is_refused_with_its_limit(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {}})
    before = _texts(item)
    response = staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        _both({"title": "Tytuł", "body": "x" * (MAX_BODY_CHARS + 1)}, {"title": "", "body": ""}),
    )
    assert response.status_code == 200
    assert "at most 50000 characters" in response.content.decode()
    assert _texts(item) == before


def test_an_existing_version_cannot_be_emptied_from_the_editor(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    pl = item.translations.get(language="pl")
    response = staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        _both({"title": pl.title, "lead": pl.lead, "body": pl.body}, {"title": "", "lead": "", "body": ""}),
    )
    assert response.status_code == 200
    assert "This version cannot be emptied" in response.content.decode()
    assert item.translations.count() == 2


def test_the_editor_shows_both_languages_with_status_toolbar_and_help(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready", "body": "Treść **pogrubiona**"}})
    page = staff_client.get(reverse("manage:news_text_edit", args=[item.pk])).content.decode()
    assert page.index('id="version-pl"') < page.index('id="version-en"')  # Polish on the left
    assert f'value="{item.translations.get().title}"' in page  # the form holds the saved words
    assert "Ready to publish" in page and "Not written yet" in page
    assert 'role="toolbar"' in page and "hidden" in page.split('role="toolbar"')[1][:200]
    assert "How to format the text (Markdown)" in page
    assert "<strong>pogrubiona</strong>" in page  # the preview, rendered on the server
    assert "news/editor.js" in page and "<script>" not in page


def test_ticking_ready_on_both_and_save_and_publish_leads_to_the_confirmation(
    staff_client: Any, world: Any
) -> None:
    item = make_news(world.partner, {"pl": {}})
    pl = item.translations.get(language="pl")
    response = staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        {
            **_both(
                {"title": pl.title, "lead": pl.lead, "body": pl.body, "ready": "on"},
                {"title": "English", "body": "Text", "ready": "on"},
            ),
            "then": "publish",
        },
    )
    assert response["Location"] == reverse("manage:news_publish_ready", args=[item.pk])
    assert {v.status for v in item.translations.all()} == {"ready"}
    assert _events(item) == [
        "news.translation.created",
        "news.translation.marked_ready",
        "news.translation.marked_ready",
    ]
    assert "Publish 2 versions" in staff_client.get(response["Location"]).content.decode()


def test_unticking_ready_sends_a_version_back_to_draft(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}})
    pl = item.translations.get(language="pl")
    page = staff_client.get(reverse("manage:news_text_edit", args=[item.pk])).content.decode()
    assert 'name="pl-ready" aria-describedby="id_pl-ready_helptext" id="id_pl-ready" checked' in page
    staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        _both({"title": pl.title, "lead": pl.lead, "body": pl.body}, {}),
    )
    assert item.translations.get().status == "draft"
    assert _events(item) == ["news.translation.reopened"]


def test_an_empty_language_cannot_be_marked_ready(staff_client: Any, world: Any) -> None:
    response = staff_client.post(
        reverse("manage:news_create"), _both({"title": "Tytuł", "body": "Treść"}, {"ready": "on"})
    )
    assert "Write this version before marking it ready." in response.content.decode()
    assert not NewsItem.objects.exists()


def test_a_published_version_offers_no_ready_box(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": published()})
    page = staff_client.get(reverse("manage:news_text_edit", args=[item.pk])).content.decode()
    assert 'name="pl-ready"' not in page and 'name="en-ready"' in page


# --- previews ------------------------------------------------------------------------------------------


def test_the_preview_button_shows_previews_and_saves_nothing(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    before, events = _texts(item), _events(item)
    response = staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        {
            **_both({"title": "Inny", "body": "## Śródtytuł\n\n*nowe*"}, {"title": "", "body": ""}),
            "preview": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "nothing has been saved yet" in page
    assert "<h2>Śródtytuł</h2>" in page and "<em>nowe</em>" in page
    assert "Nothing has been saved" not in page  # a preview is not an error, even with a column emptied
    assert _texts(item) == before and _events(item) == events


def test_previewing_a_new_item_creates_nothing(staff_client: Any) -> None:
    response = staff_client.post(
        reverse("manage:news_create"), {**_both({"title": "T", "body": "**b**"}, {}), "preview": "1"}
    )
    assert "<strong>b</strong>" in response.content.decode()
    assert not NewsItem.objects.exists()


HOSTILE = (
    "**ok** <script>alert(1)</script>\n\n[click](javascript:alert(2)) "
    '<img src="x" onerror="alert(3)"> <a href="JaVaScRiPt:alert(4)">x</a>'
)


def test_the_preview_endpoint_renders_markdown_and_never_passes_user_script(staff_client: Any) -> None:
    response = staff_client.post(reverse("manage:news_preview"), {"text": HOSTILE})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "<strong>ok</strong>" in html
    assert "<script" not in html and "alert(1)" not in html
    assert "javascript:" not in html.lower() and "onerror" not in html and "<img" not in html


def test_the_no_script_preview_never_passes_user_script_either(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {}})
    response = staff_client.post(
        reverse("manage:news_text_edit", args=[item.pk]),
        {**_both({"title": "T", "body": HOSTILE}, {}), "preview": "1"},
    )
    preview = response.content.decode().split('id="preview-pl"')[1].split("</section>")[0]
    assert "<strong>ok</strong>" in preview
    assert "<script" not in preview and "javascript:" not in preview.lower() and "onerror" not in preview


def test_the_preview_endpoint_needs_the_back_office_and_a_post(client: Any, world: Any) -> None:
    url = reverse("manage:news_preview")
    assert client.post(url, {"text": "x"})["Location"].startswith(reverse("account_login"))
    client.force_login(world.stakeholder)
    assert client.post(url, {"text": "x"}).status_code == 403
    client.force_login(world.staff)
    assert client.get(url).status_code == 405


def test_the_preview_endpoint_needs_the_csrf_token(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    assert client.post(reverse("manage:news_preview"), {"text": "x"}).status_code == 403


def test_the_preview_endpoint_refuses_a_text_over_the_limit(staff_client: Any) -> None:
    response = staff_client.post(reverse("manage:news_preview"), {"text": "x" * (MAX_BODY_CHARS + 1)})
    assert response.status_code == 413
    assert "at most 50000 characters" in response.content.decode()


def test_the_preview_endpoint_is_rate_limited_per_user(client: Any, world: Any, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "news_preview": "2/m/key"}
    url = reverse("manage:news_preview")
    client.force_login(world.staff)
    assert [client.post(url, {"text": "x"}).status_code for _ in range(3)] == [200, 200, 429]
    refused = client.post(url, {"text": "x"})
    assert int(refused["Retry-After"]) > 0
    assert "preview will resume" in refused.content.decode()
    client.force_login(world.coordinator)  # another user has a budget of their own
    assert client.post(url, {"text": "x"}).status_code == 200


# --- publishing every ready version in one step --------------------------------------------------------


def test_publishing_both_ready_versions_in_one_step_shows_them_on_the_public_site_at_once(
    staff_client: Any, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = make_news(
        world.partner,
        {"pl": {"status": "ready", "title": "Gotowa"}, "en": {"status": "ready", "title": "Ready one"}},
    )
    public = Client()
    assert "Gotowa" not in public.get("/pl/news/").content.decode()  # now in the public page cache
    assert "Ready one" not in public.get("/en/news/").content.decode()
    url = reverse("manage:news_publish_ready", args=[item.pk])
    confirm = staff_client.get(url).content.decode()
    assert "will be published together" in confirm and "Publish 2 versions" in confirm
    assert {v.status for v in item.translations.all()} == {"ready"}  # asking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"published_at": "2026-01-05T10:00"}, follow=True)
    assert "Published: Polish, English." in response.content.decode()
    assert {v.status for v in item.translations.all()} == {"published"}
    assert _events(item).count("news.translation.published") == 2
    assert "Gotowa" in public.get("/pl/news/").content.decode()
    assert "Ready one" in public.get("/en/news/").content.decode()


def test_publishing_says_which_versions_were_not_published_and_why(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}, "en": {}})
    url = reverse("manage:news_publish_ready", args=[item.pk])
    assert "still a draft: mark it ready first" in staff_client.get(url).content.decode()
    page = staff_client.post(url, {"published_at": "2026-01-05T10:00"}, follow=True).content.decode()
    assert "Published: Polish." in page
    assert "Not published – English: still a draft: mark it ready first." in page
    assert item.translations.get(language="en").status == "draft"


def test_a_ready_version_that_is_out_of_date_is_not_published(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready", "revision": 3}, "en": {"status": "ready"}})
    page = staff_client.post(
        reverse("manage:news_publish_ready", args=[item.pk]),
        {"published_at": "2026-01-05T10:00"},
        follow=True,
    ).content.decode()
    assert "Not published – English: out of date: changed since in Polish." in page
    assert item.translations.get(language="en").status == "ready"
    assert item.translations.get(language="pl").status == "published"


def test_a_second_click_on_publish_publishes_nothing_twice(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}, "en": {"status": "ready"}})
    url = reverse("manage:news_publish_ready", args=[item.pk])
    staff_client.post(url, {"published_at": "2026-01-05T10:00"})
    dates = {v.language: v.published_at for v in item.translations.all()}
    second = staff_client.post(url, {"published_at": "2026-02-01T10:00"}, follow=True).content.decode()
    assert "Nothing was published." in second
    assert "Polish: already published" in second
    assert {v.language: v.published_at for v in item.translations.all()} == dates
    assert _events(item).count("news.translation.published") == 2


def test_with_nothing_ready_the_confirmation_offers_no_publish_button(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {}})
    page = staff_client.get(reverse("manage:news_publish_ready", args=[item.pk])).content.decode()
    assert "No language version is ready to publish now." in page
    assert "English</strong>: not written yet" in page
    assert 'type="submit"' not in page.split("<main")[1]


def test_the_lead_partner_may_not_publish_another_partners_news(client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}})
    client.force_login(world.lead)
    response = client.post(
        reverse("manage:news_publish_ready", args=[item.pk]), {"published_at": "2026-01-05T10:00"}
    )
    assert response.status_code == 403
    assert NewsTranslation.objects.get(item=item).status == "ready"


@pytest.mark.django_db(transaction=True)
def test_five_publish_clicks_at_once_publish_each_version_once(tmp_path: Path) -> None:
    # In a fresh process on a real database (see secon/core/tests/race.py): the versions are locked
    # while the publication is decided, so the clicks that come second find them already published.
    result = run_scenario("secon.news.tests.publish_race:double_click", tmp_path)
    assert result["errors"] == []
    assert result["statuses"] == [302] * 5
    assert result["published"] == ["en", "pl"]
    assert result["events"] == 2
