"""Builders for news tests: items with language versions, and small valid files of each kind."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from secon.news.models import NewsItem, NewsTranslation, TranslationStatus, make_slug
from secon.news.services import refresh_publication
from secon.projects.models import Partner

_sequence = itertools.count(1)


def published(days_ago: float = 1, **fields: Any) -> dict[str, Any]:
    """Fields of a version published `days_ago` days ago (negative: scheduled in the future)."""
    return {
        "status": TranslationStatus.PUBLISHED,
        "published_at": timezone.now() - dt.timedelta(days=days_ago),
        **fields,
    }


def make_news(partner: Partner, versions: dict[str, dict[str, Any]] | None = None, **fields: Any) -> NewsItem:
    n = next(_sequence)
    item = NewsItem.objects.create(partner=partner, slug=fields.pop("slug", f"item-{n}"), **fields)
    for language, values in (versions or {"pl": {}}).items():
        data: dict[str, Any] = {
            "title": f"Wiadomość {n} {language}",
            "lead": f"Zajawka {n} {language}",
            "body": f"Treść wiadomości {n} ({language}).",
            "status": TranslationStatus.DRAFT,
            **values,
        }
        data.setdefault("slug", make_slug(data["title"]))
        NewsTranslation.objects.create(item=item, language=language, **data)
    refresh_publication(item)
    return item


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name: str = "agenda.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf"
    )


def zip_upload(
    name: str, entries: dict[str, bytes], content_type: str = "application/zip"
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry, content in entries.items():
            archive.writestr(entry, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type)


def docx_upload(name: str = "minutes.docx") -> SimpleUploadedFile:
    return zip_upload(name, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def ods_upload(name: str = "results.ods") -> SimpleUploadedFile:
    return zip_upload(
        name, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    )
