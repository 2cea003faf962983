"""Back-office news pages: writing, publishing with a date, files, bad input, filters, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secon.core.models import AuditEvent
from secon.news.models import NewsAttachment, NewsItem, NewsTranslation
from secon.news.tests.builders import make_news, pdf_upload, png_bytes, png_upload, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Any, world: Any) -> Any:
    client.force_login(world.staff)
    return client


def test_staff_create_a_news_item_as_a_draft(staff_client: Any, world: Any) -> None:
    response = staff_client.post(
        reverse("manage:news_create"),
        {"pl-title": "Czwarte posiedzenie", "pl-lead": "Zajawka", "pl-body": "Treść **ważna**"},
    )
    item = NewsItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:news_edit", args=[item.pk])
    assert item.partner == world.partner
    assert item.created_by == world.staff
    assert item.translations.get().status == "draft"


def test_an_item_without_a_title_is_not_created(staff_client: Any) -> None:
    response = staff_client.post(reverse("manage:news_create"), {"pl-title": "", "pl-body": "x"})
    assert response.status_code == 200
    assert "Nothing has been saved" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_the_item_page_shows_versions_status_and_out_of_date_flag(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    staff_client.post(
        reverse("manage:news_translation_edit", args=[item.pk, "pl"]),
        {"title": "Nowy tytuł", "lead": "", "body": "Nowa treść", "change": "content"},
    )
    body = staff_client.get(reverse("manage:news_edit", args=[item.pk])).content.decode()
    assert "Out of date" in body
    assert "Draft" in body
    assert reverse("manage:record_history", args=["news.newsitem", item.pk]) not in body  # staff
    staff_client.force_login(world.coordinator)
    body = staff_client.get(reverse("manage:news_edit", args=[item.pk])).content.decode()
    assert reverse("manage:record_history", args=["news.newsitem", item.pk]) in body


def test_the_translator_catching_up_clears_the_flag_without_flagging_the_source(
    staff_client: Any, world: Any
) -> None:
    item = make_news(world.partner, {"pl": {}, "en": {}})
    staff_client.post(
        reverse("manage:news_translation_edit", args=[item.pk, "pl"]),
        {"title": "Nowy tytuł", "lead": "", "body": "Nowa treść", "change": "content"},
    )
    url = reverse("manage:news_text_edit", args=[item.pk])
    form_page = staff_client.get(url).content.decode()
    assert "Out of date" in form_page
    assert 'value="catch_up" id="id_en-change_1" checked' in form_page
    assert 'value="content" id="id_pl-change_0" checked' in form_page
    staff_client.post(
        url,
        {
            **{
                f"pl-{name}": getattr(item.translations.get(language="pl"), name)
                for name in ("title", "lead", "body")
            },
            **{"en-title": "New title", "en-lead": "", "en-body": "New text", "en-change": "catch_up"},
        },
    )
    body = staff_client.get(reverse("manage:news_edit", args=[item.pk])).content.decode()
    assert "Out of date" not in body


def test_the_single_language_page_of_english_sends_to_the_side_by_side_editor(
    staff_client: Any, world: Any
) -> None:
    item = make_news(world.partner, {"pl": {}})
    url = reverse("manage:news_translation_edit", args=[item.pk, "en"])
    response = staff_client.get(url)
    assert response["Location"] == reverse("manage:news_text_edit", args=[item.pk]) + "#version-en"
    # A form still open on the old page saves as before.
    staff_client.post(url, {"title": "Fourth meeting", "lead": "", "body": "Text"})
    assert item.translations.get(language="en").title == "Fourth meeting"


def test_the_partners_own_language_keeps_its_single_language_page(client: Any, world: Any) -> None:
    world.other_partner.language = "es"
    world.other_partner.save()
    client.force_login(world.other_staff)
    item = make_news(world.other_partner, {"en": {}})
    page = client.get(reverse("manage:news_translation_edit", args=[item.pk, "es"]))
    assert page.status_code == 200
    assert "does not exist yet" in page.content.decode()


def test_a_language_outside_the_partners_set_is_not_found(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner)
    assert staff_client.get(reverse("manage:news_translation_edit", args=[item.pk, "xx"])).status_code == 404


def test_publishing_asks_for_confirmation_and_a_date(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}, "en": {"status": "ready"}})
    url = reverse("manage:news_publish", args=[item.pk, "pl"])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert 'type="datetime-local"' in page.content.decode()
    assert item.translations.get(language="pl").status == "ready"

    response = staff_client.post(url, {"published_at": "2024-02-27T10:00"})
    assert response.status_code == 302
    pl = item.translations.get(language="pl")
    assert pl.status == "published"
    assert pl.published_at is not None and pl.published_at.year == 2024
    assert item.translations.get(language="en").status == "ready"


def test_publishing_a_draft_over_http_explains_and_publishes_nothing(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {}})
    response = staff_client.post(
        reverse("manage:news_publish", args=[item.pk, "pl"]), {"published_at": "2024-02-27T10:00"}
    )
    assert response.status_code == 200
    assert "ready before publishing" in response.content.decode()
    assert item.translations.get().status == "draft"


def test_a_bad_publication_date_is_refused(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}})
    response = staff_client.post(
        reverse("manage:news_publish", args=[item.pk, "pl"]), {"published_at": "jutro"}
    )
    assert response.status_code == 200
    assert 'id="id_published_at_errors"' in response.content.decode()
    assert item.translations.get().status == "ready"


def test_unpublishing_asks_for_confirmation(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": published()})
    url = reverse("manage:news_unpublish", args=[item.pk, "pl"])
    assert staff_client.get(url).status_code == 200
    assert item.translations.get().status == "published"
    staff_client.post(url)
    assert item.translations.get().status == "ready"


def test_mark_ready_and_back_to_draft_buttons(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner)
    staff_client.post(reverse("manage:news_mark_ready", args=[item.pk, "pl"]))
    assert item.translations.get().status == "ready"
    staff_client.post(reverse("manage:news_mark_draft", args=[item.pk, "pl"]))
    assert item.translations.get().status == "draft"


def test_deleting_an_item_needs_a_confirmation_page(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner)
    url = reverse("manage:news_delete", args=[item.pk])
    assert "cannot be undone" in staff_client.get(url).content.decode()
    assert NewsItem.objects.filter(pk=item.pk).exists()
    response = staff_client.post(url)
    assert response["Location"] == reverse("manage:news_list")
    assert not NewsItem.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(code="news.item.deleted").exists()


def test_an_image_without_alternative_text_is_refused_and_nothing_saved(
    staff_client: Any, world: Any
) -> None:
    item = make_news(world.partner)
    response = staff_client.post(
        reverse("manage:news_image", args=[item.pk]), {"image": png_upload(), "image_alt": ""}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "alternative text is required" in body
    assert 'id="id_image_alt_errors"' in body
    assert not NewsItem.objects.get(pk=item.pk).image


def test_an_image_with_alternative_text_is_saved_and_shown_with_it(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": published()})
    staff_client.post(
        reverse("manage:news_image", args=[item.pk]),
        {
            "image": png_upload(),
            "image_alt": "Uczestnicy przy stole",
            "image_alt_en": "Participants at a table",
        },
    )
    item.refresh_from_db()
    assert item.image
    staff_client.logout()
    version = item.translations.get()
    body = staff_client.get(version.get_absolute_url()).content.decode()
    assert 'alt="Uczestnicy przy stole"' in body


def test_a_too_large_image_is_refused_with_a_clear_message(
    staff_client: Any, world: Any, settings: Any
) -> None:
    settings.MAX_IMAGE_UPLOAD_BYTES = 20
    item = make_news(world.partner)
    response = staff_client.post(
        reverse("manage:news_image", args=[item.pk]), {"image": png_upload(), "image_alt": "Zdjęcie"}
    )
    assert "too large" in response.content.decode()
    assert not NewsItem.objects.get(pk=item.pk).image


def test_a_file_that_is_not_an_image_is_refused_as_image(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner)
    fake = SimpleUploadedFile("photo.png", b"<svg onload=alert(1)>", "image/png")
    response = staff_client.post(
        reverse("manage:news_image", args=[item.pk]), {"image": fake, "image_alt": "x"}
    )
    assert "Upload a PNG or JPEG image" in response.content.decode()
    assert not NewsItem.objects.get(pk=item.pk).image


def test_changing_only_the_alternative_text_keeps_the_image(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner)
    staff_client.post(reverse("manage:news_image", args=[item.pk]), {"image": png_upload(), "image_alt": "A"})
    name = NewsItem.objects.get(pk=item.pk).image.name
    staff_client.post(reverse("manage:news_image", args=[item.pk]), {"image_alt": "Lepszy opis"})
    item.refresh_from_db()
    assert (item.image.name, item.image_alt) == (name, "Lepszy opis")


def test_an_attachment_of_a_wrong_type_is_refused_and_nothing_saved(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner)
    bad = SimpleUploadedFile("agenda.pdf", b"<html></html>", "application/pdf")
    response = staff_client.post(
        reverse("manage:news_attachment_add", args=[item.pk]), {"title": "Agenda", "file": bad}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "not accepted" in body and 'id="id_file_errors"' in body
    assert not NewsAttachment.objects.exists()


def test_a_too_large_attachment_is_refused(staff_client: Any, world: Any, settings: Any) -> None:
    settings.MAX_ATTACHMENT_UPLOAD_BYTES = 10
    item = make_news(world.partner)
    response = staff_client.post(
        reverse("manage:news_attachment_add", args=[item.pk]), {"title": "Agenda", "file": pdf_upload()}
    )
    assert "too large" in response.content.decode()
    assert not NewsAttachment.objects.exists()


def test_a_good_attachment_is_added_and_can_be_removed_after_confirmation(
    staff_client: Any, world: Any
) -> None:
    item = make_news(world.partner)
    staff_client.post(
        reverse("manage:news_attachment_add", args=[item.pk]),
        {
            "title": "Zdjęcie",
            "file": SimpleUploadedFile("photo.png", png_bytes(), "image/png"),
            "language": "",
        },
    )
    attachment = NewsAttachment.objects.get()
    assert attachment.kind == "png"
    url = reverse("manage:news_attachment_remove", args=[item.pk, attachment.pk])
    assert staff_client.get(url).status_code == 200
    staff_client.post(url)
    assert not NewsAttachment.objects.exists()


def test_the_list_filters_by_status_language_and_text(staff_client: Any, world: Any) -> None:
    make_news(world.partner, {"pl": published(title="Posiedzenie grupy")})
    make_news(
        world.partner, {"pl": {"title": "Szkic o badaniu"}, "en": {"status": "ready", "title": "Survey"}}
    )
    url = reverse("manage:news_list")

    body = staff_client.get(url, {"status": "published"}).content.decode()
    assert "Posiedzenie grupy" in body and "Szkic o badaniu" not in body
    # The list shows each item under its title in the interface's language (English here).
    body = staff_client.get(url, {"language": "en", "status": "ready"}).content.decode()
    assert "Survey" in body and "Posiedzenie grupy" not in body
    body = staff_client.get(url, {"language": "en", "status": "published"}).content.decode()
    assert "No news items match these filters." in body
    body = staff_client.get(url, {"q": "badani"}).content.decode()
    assert "Survey" in body and "Posiedzenie grupy" not in body


def test_the_lead_partner_filters_the_list_by_partner(client: Any, world: Any) -> None:
    make_news(world.partner, {"pl": {"title": "Mazowsze"}})
    make_news(world.other_partner, {"en": {"title": "Extremadura news"}})
    client.force_login(world.lead)
    body = client.get(reverse("manage:news_list"), {"partner": world.other_partner.pk}).content.decode()
    assert "Extremadura news" in body and ">Mazowsze<" not in body


def test_the_list_has_an_empty_state(staff_client: Any) -> None:
    body = staff_client.get(reverse("manage:news_list")).content.decode()
    assert "There are no news items yet" in body


def test_an_htmx_filter_request_gets_only_the_results(staff_client: Any, world: Any) -> None:
    make_news(world.partner)
    response = staff_client.get(reverse("manage:news_list"), HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert "data-table" in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_back_office_list_costs_the_same_queries_whatever_the_number_of_items(
    staff_client: Any, world: Any, count: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(count):
        make_news(world.partner, {"pl": published(days_ago=n + 1), "en": {}})
    staff_client.get(reverse("manage:news_list"))  # warm the session and the content types
    with django_assert_max_num_queries(8):  # 7 for the page, 1 for the menu's count of waiting requests
        response = staff_client.get(reverse("manage:news_list"))
    assert response.status_code == 200


def test_publishing_is_recorded_in_the_history(staff_client: Any, world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready"}})
    staff_client.post(
        reverse("manage:news_publish", args=[item.pk, "pl"]), {"published_at": "2025-01-30T12:00"}
    )
    event = AuditEvent.objects.get(code="news.translation.published")
    assert event.actor == world.staff
    assert event.object_id == str(item.pk)
    assert NewsTranslation.objects.get(item=item).status == "published"
