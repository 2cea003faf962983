"""What news accepts as files: the core upload rules (type from the bytes), with news's own messages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from secon.core.uploads import DOCUMENT_KINDS, IMAGE_KINDS, FileKind, check_upload, kinds_label, sniff_kind

# The kinds of attachment news accepts; the model's `kind` column keeps these values.
AttachmentKind = FileKind
ATTACHMENT_KINDS = DOCUMENT_KINDS
ACCEPTED_TYPES = kinds_label(ATTACHMENT_KINDS)
ATTACHMENT_CHOICES = [(kind.value, kind.label) for kind in FileKind if kind in ATTACHMENT_KINDS]

# The file-name endings each kind may have: a name that lies about the content is refused with a
# hint, so that the person notices a wrong file before it is published.
EXTENSIONS = {
    FileKind.PDF: {".pdf"},
    FileKind.DOCX: {".docx"},
    FileKind.XLSX: {".xlsx"},
    FileKind.ODT: {".odt"},
    FileKind.ODS: {".ods"},
    FileKind.PNG: {".png"},
    FileKind.JPEG: {".jpg", ".jpeg"},
}


def _is_fresh_upload(value: Any) -> bool:
    # Already stored files were checked when they came in; only new uploads carry their bytes.
    return getattr(value, "_committed", True) is False or hasattr(value, "content_type")


def validate_image(value: Any) -> None:
    """A main image: PNG or JPEG by content, readable by Pillow, within MAX_IMAGE_UPLOAD_BYTES."""
    if not value or not _is_fresh_upload(value):
        return
    upload = getattr(value, "file", value)
    if sniff_kind(upload) not in IMAGE_KINDS:
        raise ValidationError(_("Upload a PNG or JPEG image."), code="bad_type")
    check_upload(value, kinds=IMAGE_KINDS, max_bytes=settings.MAX_IMAGE_UPLOAD_BYTES)


def attachment_kind(value: Any) -> FileKind:
    """Check an attachment and say what it is; raises ValidationError with a message for a person."""
    kind = check_upload(value, kinds=ATTACHMENT_KINDS, max_bytes=settings.MAX_ATTACHMENT_UPLOAD_BYTES)
    name = str(getattr(value, "name", "") or "").lower()
    if not any(name.endswith(ext) for ext in EXTENSIONS[kind]):
        raise ValidationError(
            _("The file's name does not match its contents (%(kind)s). Rename it to end in %(ext)s.")
            % {"kind": kind.label, "ext": sorted(EXTENSIONS[kind])[0]},
            code="bad_name",
        )
    return kind


def validate_attachment(value: Any) -> None:
    if value and _is_fresh_upload(value):
        attachment_kind(value)
