"""Checks on uploaded files: the type is read from the content (magic bytes), never trusted from the name."""

from __future__ import annotations

import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX (Word)"
    XLSX = "xlsx", "XLSX (Excel)"
    ODT = "odt", gettext_lazy("ODT (text document)")
    ODS = "ods", gettext_lazy("ODS (spreadsheet)")
    PNG = "png", gettext_lazy("PNG image")
    JPEG = "jpeg", gettext_lazy("JPEG image")


# The file-name endings each kind may have; a mismatch means the name lies about the content.
EXTENSIONS = {
    AttachmentKind.PDF: {".pdf"},
    AttachmentKind.DOCX: {".docx"},
    AttachmentKind.XLSX: {".xlsx"},
    AttachmentKind.ODT: {".odt"},
    AttachmentKind.ODS: {".ods"},
    AttachmentKind.PNG: {".png"},
    AttachmentKind.JPEG: {".jpg", ".jpeg"},
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": AttachmentKind.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": AttachmentKind.ODS,
}
ACCEPTED_TYPES = "PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG"


def _read_head(file: IO[bytes], size: int = 64) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _zip_kind(file: IO[bytes]) -> AttachmentKind | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return AttachmentKind.DOCX
                if "xl/workbook.xml" in names:
                    return AttachmentKind.XLSX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        file.seek(0)
    return None


def sniff_kind(file: IO[bytes]) -> AttachmentKind | None:
    """The kind of document the bytes are, or None when it is none of the accepted ones."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return AttachmentKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return AttachmentKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return AttachmentKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    return None


def _check_size(file: Any, limit: int) -> None:
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def _verify_image(file: IO[bytes]) -> str:
    """Pillow must be able to read the whole image; returns its format ("PNG", "JPEG")."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The image could not be read; it may be damaged. Save it again as PNG or JPEG."),
            code="bad_image",
        ) from error
    finally:
        file.seek(0)
    return image_format


def _is_fresh_upload(value: Any) -> bool:
    # Already stored files were checked when they came in; only new uploads carry their bytes.
    return getattr(value, "_committed", True) is False or hasattr(value, "content_type")


def _upload(value: Any) -> Any:
    return getattr(value, "file", value)


def validate_image(value: Any) -> None:
    """A main image: PNG or JPEG by content, readable by Pillow, within MAX_IMAGE_UPLOAD_BYTES."""
    if not value or not _is_fresh_upload(value):
        return
    _check_size(value, settings.MAX_IMAGE_UPLOAD_BYTES)
    kind = sniff_kind(_upload(value))
    if kind not in (AttachmentKind.PNG, AttachmentKind.JPEG):
        raise ValidationError(_("Upload a PNG or JPEG image."), code="bad_type")
    _verify_image(_upload(value))


def attachment_kind(value: Any) -> AttachmentKind:
    """Check an attachment and say what it is; raises ValidationError with a message for a person."""
    _check_size(value, settings.MAX_ATTACHMENT_UPLOAD_BYTES)
    kind = sniff_kind(_upload(value))
    if kind is None:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.") % {"types": ACCEPTED_TYPES},
            code="bad_type",
        )
    name = str(getattr(value, "name", "") or "").lower()
    if not any(name.endswith(ext) for ext in EXTENSIONS[kind]):
        raise ValidationError(
            _("The file's name does not match its contents (%(kind)s). Rename it to end in %(ext)s.")
            % {"kind": kind.label, "ext": sorted(EXTENSIONS[kind])[0]},
            code="bad_name",
        )
    if kind in (AttachmentKind.PNG, AttachmentKind.JPEG):
        _verify_image(_upload(value))
    return kind


def validate_attachment(value: Any) -> None:
    if value and _is_fresh_upload(value):
        attachment_kind(value)
