"""Services of news: publishing rules, out-of-date tracking, audit events, cache invalidation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from secon.core.models import AuditEvent
from secon.news import services
from secon.news.models import NewsItem, NewsTranslation, TranslationStatus
from secon.news.selectors import latest_news, public_news
from secon.news.tests.builders import make_news, pdf_upload, png_upload, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def invalidations(monkeypatch: Any) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(services, "invalidate_public_pages", lambda: calls.append(1))
    return calls


def codes(item: NewsItem) -> list[str]:
    return list(AuditEvent.objects.for_object(item).order_by("id").values_list("code", flat=True))


def version(item: NewsItem, language: str) -> NewsTranslation:
    return NewsTranslation.objects.get(item=item, language=language)


def test_a_new_item_starts_as_a_draft_and_is_audited(world: Any) -> None:
    item = services.create_news_item(
        world.partner, actor=world.staff, language="pl", title="Spotkanie grupy", body="Treść"
    )
    assert item.slug == "spotkanie-grupy"
    assert version(item, "pl").status == TranslationStatus.DRAFT
    assert codes(item) == ["news.item.created"]
    assert AuditEvent.objects.get(code="news.item.created").actor == world.staff


def test_a_draft_cannot_be_published(world: Any, invalidations: list[int]) -> None:
    item = make_news(world.partner)
    with pytest.raises(ValidationError):
        services.publish_translation(version(item, "pl"), actor=world.staff)
    assert version(item, "pl").status == TranslationStatus.DRAFT
    assert invalidations == []


def test_a_version_without_text_cannot_be_marked_ready(world: Any) -> None:
    item = make_news(world.partner, {"pl": {"body": "   "}})
    with pytest.raises(ValidationError):
        services.mark_ready(version(item, "pl"), actor=world.staff)


def test_publishing_one_language_never_publishes_the_other(world: Any, invalidations: list[int]) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}, "en": {"status": "ready"}})
    services.publish_translation(version(item, "pl"), actor=world.staff)
    assert version(item, "pl").status == TranslationStatus.PUBLISHED
    assert version(item, "en").status == TranslationStatus.READY
    assert codes(item) == ["news.translation.published"]
    assert AuditEvent.objects.get(code="news.translation.published").changes["language"] == "pl"
    assert invalidations == [1]


def test_mark_ready_then_publish_then_unpublish_is_audited_and_drops_the_cache(
    world: Any, invalidations: list[int]
) -> None:
    item = make_news(world.partner)
    pl = version(item, "pl")
    services.mark_ready(pl, actor=world.staff)
    services.publish_translation(pl, actor=world.staff)
    services.unpublish_translation(pl, actor=world.staff)
    assert codes(item) == [
        "news.translation.marked_ready",
        "news.translation.published",
        "news.translation.unpublished",
    ]
    assert version(item, "pl").status == TranslationStatus.READY
    assert invalidations == [1, 1]
    assert NewsItem.objects.get(pk=item.pk).first_published_at is None


def test_the_public_page_cache_version_moves_on_publication(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from secon.core import cache as page_cache

    before = page_cache._version()
    item = make_news(world.partner, {"pl": {"status": "ready"}})
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_translation(version(item, "pl"), actor=world.staff)
    assert page_cache._version() == before + 1


def test_a_partner_language_version_can_be_kept_but_not_published(world: Any) -> None:
    item = make_news(world.other_partner, {"en": {}})
    world.other_partner.language = "es"
    world.other_partner.save()
    es = services.update_translation(item, actor=world.other_staff, language="es", title="Hola", body="Texto")
    services.mark_ready(es, actor=world.other_staff)
    with pytest.raises(ValidationError):
        services.publish_translation(es, actor=world.other_staff)


def test_a_language_foreign_to_the_partner_is_refused(world: Any) -> None:
    item = make_news(world.partner)
    with pytest.raises(ValidationError):
        services.update_translation(item, actor=world.staff, language="de", title="Hallo", body="Text")


def test_editing_one_language_makes_the_other_out_of_date(world: Any) -> None:
    item = make_news(world.partner, {"pl": {}})
    services.update_translation(item, actor=world.staff, language="en", title="Meeting", body="Text")
    assert not version(item, "pl").is_out_of_date
    assert not version(item, "en").is_out_of_date

    services.update_translation(item, actor=world.staff, language="pl", title="Spotkanie", body="Nowa treść")
    assert version(item, "en").is_out_of_date
    assert [v.language for v in version(item, "en").outdated_by()] == ["pl"]
    assert not version(item, "pl").is_out_of_date

    # The translator catches up: now both are current.
    services.update_translation(item, actor=world.staff, language="en", title="Meeting", body="New text")
    assert not version(item, "en").is_out_of_date
    assert not version(item, "pl").is_out_of_date


def test_a_minor_edit_leaves_the_other_languages_up_to_date(world: Any) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    services.update_translation(
        item, actor=world.staff, language="pl", title="Poprawiony tytuł", body="Treść", change="minor"
    )
    assert not version(item, "en").is_out_of_date
    event = AuditEvent.objects.get(code="news.translation.updated")
    assert event.changes["change"] == "minor"
    assert "title" in event.changes


def test_marking_a_version_current_clears_the_out_of_date_flag(world: Any) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    services.update_translation(item, actor=world.staff, language="pl", title="Nowy", body="Nowa treść")
    services.mark_translation_current(version(item, "en"), actor=world.staff)
    assert not version(item, "en").is_out_of_date
    assert "news.translation.marked_current" in codes(item)


def test_saving_unchanged_text_records_nothing(world: Any) -> None:
    item = make_news(world.partner, {"pl": {"title": "Tytuł", "lead": "", "body": "Treść"}})
    services.update_translation(item, actor=world.staff, language="pl", title="Tytuł", body="Treść")
    assert codes(item) == []
    assert version(item, "pl").revision == 1


def test_editing_a_published_version_drops_the_cache(world: Any, invalidations: list[int]) -> None:
    item = make_news(world.partner, {"pl": published()})
    services.update_translation(item, actor=world.staff, language="pl", title="Nowy tytuł", body="Treść")
    assert invalidations == [1]
    assert version(item, "pl").slug == "nowy-tytul"


def test_a_scheduled_version_is_not_public_before_its_date(world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}})
    later = timezone.now() + dt.timedelta(days=3)
    services.publish_translation(version(item, "pl"), actor=world.staff, published_at=later)
    assert list(public_news("pl")) == []
    assert list(public_news("pl", now=later + dt.timedelta(minutes=1))) == [version(item, "pl")]


def test_the_first_publication_date_decides_whether_an_item_is_archival(world: Any, settings: Any) -> None:
    settings.NEWS_ARCHIVE_AFTER_DAYS = 30
    old = make_news(world.partner, {"pl": published(days_ago=40), "en": published(days_ago=2)})
    new = make_news(world.partner, {"pl": published(days_ago=5)})
    assert old.is_archival
    assert not new.is_archival
    assert [v.item_id for v in public_news("pl", archived=True)] == [old.pk]
    assert [v.item_id for v in public_news("pl")] == [new.pk]
    # The English version is recent but belongs to an archival item.
    assert [v.item_id for v in public_news("en", archived=True)] == [old.pk]


def test_latest_news_gives_the_newest_current_items(world: Any) -> None:
    items = [make_news(world.partner, {"en": published(days_ago=d)}) for d in (5, 1, 3, 2)]
    assert [v.item_id for v in latest_news("en", limit=3)] == [items[1].pk, items[3].pk, items[2].pk]


def test_listing_public_news_costs_one_query(world: Any, django_assert_num_queries: Any) -> None:
    for _ in range(5):
        make_news(world.partner, {"pl": published()})
    with django_assert_num_queries(1):
        rows = [
            (v.title, v.item.partner.slug, v.item.is_archival, v.get_absolute_url())
            for v in public_news("pl")
        ]
    assert len(rows) == 5


def test_deleting_an_item_is_audited_and_removes_its_files(
    world: Any, invalidations: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    item = make_news(world.partner, {"pl": published()})
    services.set_image(item, actor=world.staff, image=png_upload(), alt="Uczestnicy spotkania")
    attachment = services.add_attachment(item, actor=world.staff, title="Agenda", file=pdf_upload())
    image_storage, image_name = item.image.storage, str(item.image.name)
    attachment_name = str(attachment.file.name)
    assert image_storage.exists(image_name)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_news_item(item, actor=world.staff)
    assert not NewsItem.objects.filter(pk=item.pk).exists()
    assert not image_storage.exists(image_name)
    assert not attachment.file.storage.exists(attachment_name)
    assert AuditEvent.objects.filter(code="news.item.deleted").count() == 1


def test_an_image_needs_alternative_text(world: Any) -> None:
    item = make_news(world.partner)
    with pytest.raises(ValidationError) as error:
        services.set_image(item, actor=world.staff, image=png_upload(), alt=" ")
    assert "image_alt" in error.value.message_dict
    assert not NewsItem.objects.get(pk=item.pk).image


def test_attachments_are_audited_with_their_type_and_size(world: Any, invalidations: list[int]) -> None:
    item = make_news(world.partner, {"pl": published()})
    attachment = services.add_attachment(item, actor=world.staff, title="Agenda", file=pdf_upload())
    assert attachment.kind == "pdf"
    assert attachment.size > 0
    services.remove_attachment(attachment, actor=world.staff)
    assert codes(item) == ["news.attachment.added", "news.attachment.removed"]
    assert invalidations == [1, 1]


def test_the_last_language_version_cannot_be_deleted(world: Any) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    services.delete_translation(version(item, "en"), actor=world.staff)
    with pytest.raises(ValidationError):
        services.delete_translation(version(item, "pl"), actor=world.staff)
    assert codes(item) == ["news.translation.deleted"]
