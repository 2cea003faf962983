"""News files through the real forms: platform-chosen names, inert serving, drafts reachable only by staff."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from secon.news import services
from secon.news.models import NewsAttachment, NewsItem
from secon.news.tests.builders import make_news, pdf_upload, png_bytes, published

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """`with committed():` runs what waits for the commit (deleting old copies of moved files)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _upload_image(world: Any, item: NewsItem, name: str, content: bytes) -> NewsItem:
    response = _client(world.staff).post(
        reverse("manage:news_image", args=[item.pk]),
        {"image": SimpleUploadedFile(name, content, "text/html"), "image_alt": "Zdjęcie"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsItem.objects.get(pk=item.pk)


def _add_attachment(world: Any, item: NewsItem, upload: SimpleUploadedFile) -> NewsAttachment:
    response = _client(world.staff).post(
        reverse("manage:news_attachment_add", args=[item.pk]), {"title": "Porządek obrad", "file": upload}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsAttachment.objects.get(item=item)


def test_a_png_with_html_named_poc_html_is_stored_and_served_as_a_png(world: Any) -> None:
    item = make_news(world.partner, {"pl": published(title="Zdjęcie")})
    item = _upload_image(world, item, "poc.html", png_bytes() + HTML)

    assert str(item.image.name).endswith(".png")
    assert "poc" not in str(item.image.name) and "html" not in str(item.image.name)
    response = _client().get(item.public_image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    page = _client().get(item.translations.get().get_absolute_url()).content.decode()
    assert f'src="{item.public_image_url}"' in page


def test_staff_see_a_draft_image_through_the_gated_view_only(world: Any) -> None:
    item = _upload_image(world, make_news(world.partner), "poc.html", png_bytes() + HTML)
    assert item.public_image_url == ""
    assert not (Path(_media_root()) / str(item.image.name).removeprefix("private/")).exists()
    gated = reverse("manage:news_image_file", args=[item.pk])
    response = _client(world.staff).get(gated)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _client(world.other_staff).get(gated).status_code == 404
    assert _client().get(gated).status_code == 302


def _media_root() -> str:
    from django.conf import settings

    return str(settings.MEDIA_ROOT)


def _public_guesses(attachment: NewsAttachment) -> list[str]:
    """Every address an outsider could try: the stored name, without its private prefix, the old scheme."""
    name = str(attachment.file.name)
    return [
        "/media/" + name,
        "/media/" + name.removeprefix("private/"),
        f"/media/news/files/{attachment.created_at:%Y}/{attachment.original_name}",
    ]


def test_a_draft_attachment_is_not_reachable_by_anonymous_visitors(world: Any) -> None:
    item = make_news(world.partner)
    attachment = _add_attachment(world, item, pdf_upload("agenda.pdf"))
    assert attachment.original_name == "agenda.pdf"
    assert "agenda" not in str(attachment.file.name)
    assert attachment.public_url == ""
    for url in _public_guesses(attachment):
        assert _client().get(url).status_code == 404, url


def test_staff_of_the_partner_download_a_draft_attachment_and_others_do_not(world: Any) -> None:
    item = make_news(world.partner)
    attachment = _add_attachment(world, item, pdf_upload("agenda.pdf"))
    url = reverse("manage:news_attachment_file", args=[item.pk, attachment.pk])

    response = _client(world.staff).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert _client(world.lead).get(url).status_code == 200
    assert _client(world.other_staff).get(url).status_code == 404
    assert _client().get(url).status_code == 302
    # The item's page in the back office links the gated address, never a media one.
    page = _client(world.staff).get(reverse("manage:news_edit", args=[item.pk])).content.decode()
    assert f'href="{url}"' in page and "/media/" not in page


def test_an_attachment_of_another_item_is_not_served_under_this_items_address(world: Any) -> None:
    mine, theirs = make_news(world.partner), make_news(world.other_partner)
    attachment = services.add_attachment(theirs, actor=world.other_staff, title="Plan", file=pdf_upload())
    url = reverse("manage:news_attachment_file", args=[mine.pk, attachment.pk])
    assert _client(world.staff).get(url).status_code == 404


def test_publishing_makes_files_public_and_unpublishing_takes_them_back(world: Any, committed: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready", "title": "Wkrótce"}})
    attachment = _add_attachment(world, item, pdf_upload("agenda.pdf"))
    staff = _client(world.staff)
    staff.post(reverse("manage:news_publish", args=[item.pk, "pl"]), {"published_at": "2024-02-23T10:00"})

    attachment.refresh_from_db()
    public = attachment.public_url
    assert public.startswith("/media/news/files/") and public.endswith(".pdf") and "agenda" not in public
    page = _client().get(item.translations.get().get_absolute_url()).content.decode()
    assert f'href="{public}" download="agenda.pdf"' in page
    response = _client().get(public)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"] == "attachment"

    with committed():
        staff.post(reverse("manage:news_unpublish", args=[item.pk, "pl"]))
    attachment.refresh_from_db()
    assert attachment.public_url == ""
    assert _client().get(public).status_code == 404
    gated = reverse("manage:news_attachment_file", args=[item.pk, attachment.pk])
    assert staff.get(gated).status_code == 200


def test_a_file_added_to_a_published_item_is_public_at_once(world: Any) -> None:
    item = make_news(world.partner, {"pl": published(title="Opublikowana")})
    attachment = _add_attachment(world, item, pdf_upload("raport.pdf"))
    assert attachment.public_url
    assert _client().get(attachment.public_url).status_code == 200


def test_files_with_old_style_names_are_renamed_by_the_migration(
    world: Any, settings: Any, committed: Any
) -> None:
    from django.apps import apps

    migration = importlib.import_module("secon.news.migrations.0002_files_under_platform_names")

    draft = make_news(world.partner)
    shown = make_news(world.partner, {"pl": published(title="Stara")})
    for name, content in [
        ("news/images/2024/poc.html", png_bytes() + HTML),
        ("news/files/2024/plan.pdf", b"%PDF-1"),
    ]:
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    NewsItem.objects.filter(pk=shown.pk).update(image="news/images/2024/poc.html")
    NewsAttachment.objects.create(item=draft, title="Plan", file="news/files/2024/plan.pdf", kind="pdf")

    with committed():
        migration.rename_files(apps, None)

    image = str(NewsItem.objects.get(pk=shown.pk).image.name)
    assert image.startswith("news/images/2024/") and image.endswith(".png") and "poc" not in image
    assert not (Path(settings.MEDIA_ROOT) / "news/images/2024/poc.html").exists()
    attachment = NewsAttachment.objects.get(item=draft)
    stored = str(attachment.file.name)
    assert stored.startswith("private/news/files/2024/") and stored.endswith(".pdf")
    assert attachment.original_name == "plan.pdf"
    assert _client().get("/media/news/files/2024/plan.pdf").status_code == 404


def test_publishing_an_item_whose_file_is_missing_still_works(world: Any) -> None:
    item = make_news(world.partner, {"pl": {"status": "ready", "title": "Bez pliku"}})
    NewsItem.objects.filter(pk=item.pk).update(image="private/news/images/2024/" + "0" * 32 + ".png")
    response = _client(world.staff).post(
        reverse("manage:news_publish", args=[item.pk, "pl"]), {"published_at": "2024-02-23T10:00"}
    )
    assert response.status_code == 302
    assert _client().get(item.translations.get().get_absolute_url()).status_code == 200
