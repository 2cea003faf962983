"""Upload rules and media serving: the type comes from the bytes, the name from the platform, and a user
file is never served as active content from the site's origin."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import Client
from PIL import Image

from secon.core.uploads import (
    DOCUMENT_KINDS,
    IMAGE_KINDS,
    FileKind,
    check_upload,
    make_private,
    make_public,
    platform_name,
    public_url,
    publishable_storage,
    sniff_kind,
)

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 120, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_kind_comes_from_the_bytes_not_the_name() -> None:
    assert sniff_kind(io.BytesIO(png_bytes())) == FileKind.PNG
    assert sniff_kind(io.BytesIO(b"%PDF-1.7\n")) == FileKind.PDF
    assert sniff_kind(io.BytesIO(HTML)) is None


def test_text_counts_as_csv_only_where_csv_is_asked_for() -> None:
    data = b"name;email\nAnna;anna@example.org\n"
    assert sniff_kind(io.BytesIO(data)) is None
    assert sniff_kind(io.BytesIO(data), text=True) == FileKind.CSV
    assert sniff_kind(io.BytesIO(b"a,b\x00c"), text=True) is None


def test_a_png_with_html_appended_is_a_png_whatever_its_name() -> None:
    upload = SimpleUploadedFile("poc.html", png_bytes() + HTML, "text/html")
    assert check_upload(upload, kinds=IMAGE_KINDS, max_bytes=10_000) == FileKind.PNG


def test_html_is_refused_with_the_accepted_types_named(english: None) -> None:
    with pytest.raises(ValidationError, match=r"not accepted.*PDF, DOCX"):
        check_upload(SimpleUploadedFile("a.pdf", HTML), kinds=DOCUMENT_KINDS, max_bytes=10_000)


def test_platform_names_are_random_and_carry_the_sniffed_extension() -> None:
    first, second = platform_name(FileKind.PNG, "news/images"), platform_name(FileKind.PNG, "news/images")
    assert re.fullmatch(r"news/images/[0-9a-f]{32}\.png", first)
    assert first != second
    assert platform_name(None).endswith(".bin")


@pytest.mark.django_db
def test_a_file_moves_between_private_and_public_storage(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    storage = publishable_storage()
    name = storage.save("private/news/x/" + platform_name(FileKind.PDF), ContentFile(b"%PDF-1.4 draft"))
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name.removeprefix("private/")).exists()
    file = FieldFile(None, SimpleNamespace(storage=storage), name)  # type: ignore[arg-type]
    assert public_url(file) == ""
    with django_capture_on_commit_callbacks(execute=True):
        assert make_public(file)
    assert not str(file.name).startswith("private/")
    assert (Path(settings.MEDIA_ROOT) / str(file.name)).read_bytes() == b"%PDF-1.4 draft"
    assert not storage.exists(name), "the private copy goes once the move is committed"
    assert public_url(file) == "/media/" + str(file.name)

    public_name = str(file.name)
    with django_capture_on_commit_callbacks(execute=True):
        assert make_private(file)
    assert not (Path(settings.MEDIA_ROOT) / public_name).exists()
    assert storage.exists(str(file.name)) and str(file.name).startswith("private/")


def _put(settings: Any, name: str, content: bytes) -> str:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return "/media/" + name


def test_an_html_file_in_media_is_served_as_an_inert_download(client: Client, settings: Any) -> None:
    url = _put(settings, "news/images/2024/poc.html", png_bytes() + HTML)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("name", ["a.svg", "a.htm", "a.xhtml", "a.js", "a.xml", "a.txt", "noextension"])
def test_no_extension_outside_the_allow_list_gets_its_own_content_type(
    client: Client, settings: Any, name: str
) -> None:
    response = client.get(_put(settings, name, HTML))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_images_are_shown_inline_and_documents_downloaded(client: Client, settings: Any) -> None:
    image = client.get(_put(settings, "p/" + platform_name(FileKind.PNG), png_bytes()))
    assert (image["Content-Type"], image["Content-Disposition"]) == ("image/png", "inline")
    assert image["X-Content-Type-Options"] == "nosniff"
    document = client.get(_put(settings, "p/" + platform_name(FileKind.PDF), b"%PDF-1.4"))
    assert (document["Content-Type"], document["Content-Disposition"]) == ("application/pdf", "attachment")


def test_media_serving_never_leaves_media_root_or_reaches_private_files(
    client: Client, settings: Any
) -> None:
    (Path(settings.MEDIA_ROOT)).mkdir(parents=True, exist_ok=True)
    secret = Path(settings.MEDIA_ROOT).parent / "secret.txt"
    secret.write_text("secret")
    assert client.get("/media/../secret.txt").status_code == 404
    assert client.get("/media/%2e%2e/secret.txt").status_code == 404
    _put(settings, "private/x.pdf", b"%PDF-1.4")
    assert client.get("/media/private/x.pdf").status_code == 404
    assert client.get("/media/").status_code == 404
