"""Upload checks: the type comes from the bytes, the size from the settings."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from secon.news.files import attachment_kind, validate_image
from secon.news.tests.builders import docx_upload, ods_upload, pdf_upload, png_bytes, png_upload, zip_upload


@pytest.mark.parametrize(
    ("upload", "kind"),
    [
        (pdf_upload(), "pdf"),
        (docx_upload(), "docx"),
        (ods_upload(), "ods"),
        (png_upload(), "png"),
        (
            zip_upload("budget.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}),
            "xlsx",
        ),
        (zip_upload("notes.odt", {"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
    ],
)
def test_accepted_documents_are_recognised_by_their_content(upload: Any, kind: str) -> None:
    assert attachment_kind(upload) == kind


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("agenda.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        SimpleUploadedFile("setup.exe", b"MZ\x90\x00", "application/octet-stream"),
        zip_upload("archive.docx", {"something.txt": b"hello"}),
    ],
)
def test_files_that_are_none_of_the_accepted_types_are_refused(upload: Any) -> None:
    with pytest.raises(ValidationError, match="not accepted"):
        attachment_kind(upload)


def test_a_file_whose_name_lies_about_its_content_is_refused() -> None:
    with pytest.raises(ValidationError, match="does not match"):
        attachment_kind(SimpleUploadedFile("photo.pdf", png_bytes(), "application/pdf"))


def test_a_too_large_attachment_is_refused(settings: Any) -> None:
    settings.MAX_ATTACHMENT_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="too large"):
        attachment_kind(pdf_upload())


def test_a_damaged_image_is_refused() -> None:
    broken = SimpleUploadedFile("photo.png", png_bytes()[:30], "image/png")
    with pytest.raises(ValidationError, match="could not be read"):
        validate_image(broken)


def test_an_image_must_be_png_or_jpeg() -> None:
    with pytest.raises(ValidationError, match="PNG or JPEG"):
        validate_image(SimpleUploadedFile("photo.png", b"GIF89a......", "image/gif"))
