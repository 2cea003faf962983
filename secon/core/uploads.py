"""Upload rules for every app: the type is read from the bytes, the stored name is chosen by the platform.

A visitor's file name and extension are never used to store or serve a file: an uploaded file is
stored as `<random>.<extension of the sniffed type>`, so a PNG with HTML appended and named `poc.html`
becomes `…/3f9c….png` and is served as an image. Models use `UploadFileField` / `UploadImageField`;
code that stores files by hand (imports) calls `check_upload` and `platform_name`.

Files of records that are not public yet live in the private storage (`STORAGES["private"]`, never
served directly) and move to the public media storage when their record is published
(`make_public` / `make_private`); both are reached through `publishable_storage`, which tells them
apart by the `private/` prefix of the stored name.
"""

from __future__ import annotations

import os
import posixpath
import secrets
import zipfile
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models, transaction
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

if TYPE_CHECKING:
    from _typeshed import StrPath

PRIVATE_PREFIX = "private/"


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX (Word)"
    XLSX = "xlsx", "XLSX (Excel)"
    ODT = "odt", gettext_lazy("ODT (text document)")
    ODS = "ods", gettext_lazy("ODS (spreadsheet)")
    PPTX = "pptx", "PPTX (PowerPoint)"
    ODP = "odp", gettext_lazy("ODP (presentation)")
    PNG = "png", gettext_lazy("PNG image")
    JPEG = "jpeg", gettext_lazy("JPEG image")
    CSV = "csv", "CSV"


# The extension a stored file gets, and the only Content-Type it is ever served with.
EXTENSION = {
    FileKind.PDF: ".pdf",
    FileKind.DOCX: ".docx",
    FileKind.XLSX: ".xlsx",
    FileKind.ODT: ".odt",
    FileKind.ODS: ".ods",
    FileKind.PPTX: ".pptx",
    FileKind.ODP: ".odp",
    FileKind.PNG: ".png",
    FileKind.JPEG: ".jpg",
    FileKind.CSV: ".csv",
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".csv": "text/csv; charset=utf-8",
}
# Shown in the page; everything else is downloaded, never rendered by the browser.
INLINE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg"})
IMAGE_KINDS = frozenset({FileKind.PNG, FileKind.JPEG})
# Documents attached to records (news, …); presentations are accepted only where slides belong.
DOCUMENT_KINDS = frozenset(
    {FileKind.PDF, FileKind.DOCX, FileKind.XLSX, FileKind.ODT, FileKind.ODS, FileKind.PNG, FileKind.JPEG}
)
PRESENTATION_KINDS = frozenset({FileKind.PDF, FileKind.PPTX, FileKind.DOCX, FileKind.ODP})
# Kept for files whose content is none of the known kinds (only old rows): served as a download.
UNKNOWN_EXTENSION = ".bin"

ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": FileKind.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileKind.ODS,
    b"application/vnd.oasis.opendocument.presentation": FileKind.ODP,
}


# --- What a file is --------------------------------------------------------------------------------


def _read_head(file: IO[bytes], size: int = 64) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _zip_kind(file: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return FileKind.DOCX
                if "xl/workbook.xml" in names:
                    return FileKind.XLSX
                if "ppt/presentation.xml" in names:
                    return FileKind.PPTX
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    finally:
        file.seek(0)
    return None


def _looks_like_text(head: bytes) -> bool:
    """No NUL bytes and hardly any control characters: a text (CSV) file in any 8-bit or UTF encoding."""
    if not head or b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13))
    return controls * 100 < len(head)


def sniff_kind(file: IO[bytes], *, text: bool = False) -> FileKind | None:
    """The kind the bytes are, or None. Text counts as CSV only when `text` is asked for."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    if text and _looks_like_text(_read_head(file, 8192)):
        return FileKind.CSV
    return None


def looks_like_svg(file: IO[bytes]) -> bool:
    """An SVG drawing (XML text with an <svg> element near the start), whatever the file is called."""
    head = _read_head(file, 4096).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in head


def _check_size(file: Any, limit: int) -> None:
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def verify_image(file: IO[bytes]) -> None:
    """Pillow must be able to read the whole image (a truncated or hostile one is refused)."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The image could not be read; it may be damaged. Save it again as PNG or JPEG."),
            code="bad_image",
        ) from error
    finally:
        file.seek(0)


def _raw(value: Any) -> Any:
    """The file object with the bytes, behind a form's UploadedFile or a model's FieldFile."""
    return getattr(value, "file", value)


def kinds_label(kinds: Iterable[FileKind]) -> str:
    """ "PDF, DOCX, PNG": the kinds as people name them, in a stable order."""
    return ", ".join(kind.value.upper() for kind in FileKind if kind in set(kinds))


def check_upload(value: Any, *, kinds: Iterable[FileKind], max_bytes: int) -> FileKind:
    """The sniffed kind of an upload within `kinds` and `max_bytes`; else ValidationError for a person."""
    allowed = frozenset(kinds)
    _check_size(value, max_bytes)
    kind = sniff_kind(_raw(value), text=FileKind.CSV in allowed)
    if kind is None and allowed & IMAGE_KINDS and looks_like_svg(_raw(value)):
        # SVG is a document that can hold scripts, event handlers and links to other sites; a logo saved
        # as PNG or JPEG cannot, and every page, PDF and e-mail can show it. The person is told why.
        raise ValidationError(
            _(
                "SVG images are not accepted, because an SVG file can contain scripts. "
                "Save the image as PNG (a transparent background is kept) or JPEG and upload that."
            ),
            code="svg",
        )
    if kind is None or kind not in allowed:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": kinds_label(allowed)},
            code="bad_type",
        )
    if kind in IMAGE_KINDS:
        verify_image(_raw(value))
    return kind


# --- Where a file is stored ------------------------------------------------------------------------


def platform_name(kind: FileKind | None, directory: str = "") -> str:
    """A fresh, unguessable name with the extension of the sniffed kind (never the visitor's)."""
    basename = secrets.token_hex(16) + (EXTENSION[kind] if kind else UNKNOWN_EXTENSION)
    return posixpath.join(directory, basename) if directory else basename


def is_private(name: str) -> bool:
    return name.startswith(PRIVATE_PREFIX)


class PrivateStorage(FileSystemStorage):
    """Files that must not be public yet: outside `MEDIA_ROOT`, with no URL; served only by gated views."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError(
            "Private files have no public address; serve them through a view that checks access."
        )


@deconstructible(path="secon.core.uploads.PublishableStorage")
class PublishableStorage(Storage):
    """The public media storage and the private one behind one name space (`private/…` is private)."""

    def _pick(self, name: str) -> tuple[Storage, str]:
        if is_private(name):
            return storages["private"], name[len(PRIVATE_PREFIX) :]
        return storages["default"], name

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        storage, inner = self._pick(name)
        return storage.open(inner, mode)

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        if name is None:
            name = content.name
        storage, inner = self._pick(str(name))
        prefix = PRIVATE_PREFIX if is_private(str(name)) else ""
        limit = max_length - len(prefix) if max_length else None
        return prefix + storage.save(inner, content, max_length=limit)

    def delete(self, name: str) -> None:
        storage, inner = self._pick(name)
        storage.delete(inner)

    def exists(self, name: str) -> bool:
        storage, inner = self._pick(name)
        return storage.exists(inner)

    def size(self, name: str) -> int:
        storage, inner = self._pick(name)
        return storage.size(inner)

    def url(self, name: str | None) -> str:
        storage, inner = self._pick(name or "")
        return storage.url(inner)

    def path(self, name: str) -> str:
        storage, inner = self._pick(name)
        return storage.path(inner)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        storage, inner = self._pick(path)
        return storage.listdir(inner)


def publishable_storage() -> PublishableStorage:
    return PublishableStorage()


def _move(file: FieldFile, name: str) -> bool:
    """Copy under the new name now; delete the old copy once the row pointing at the new one is saved."""
    storage, old = file.storage, str(file.name)
    if not storage.exists(old):
        return False  # e.g. a database restored without its media: nothing to move, nothing to expose
    with storage.open(old) as source:
        file.name = storage.save(name, source)
    transaction.on_commit(lambda: storage.delete(old))
    return True


def make_public(file: FieldFile) -> bool:
    """Move a private file to public media (the caller saves the row); False when nothing moved."""
    if not file or not is_private(str(file.name)):
        return False
    return _move(file, str(file.name)[len(PRIVATE_PREFIX) :])


def make_private(file: FieldFile) -> bool:
    """Take a file off public media (record unpublished again); its public address stops working."""
    if not file or is_private(str(file.name)):
        return False
    return _move(file, PRIVATE_PREFIX + str(file.name))


def public_url(file: FieldFile | None) -> str:
    """The public address of a file, or "" while it is private."""
    if not file or is_private(str(file.name)):
        return ""
    return str(file.url)


class _PlatformNamed:
    """A stored file gets a name the platform chooses, with the extension of its sniffed kind."""

    field: Any

    def save(self, name: str, content: Any, save: bool = True) -> None:
        kind = check_upload(content, kinds=self.field.kinds, max_bytes=self.field.max_bytes())
        super().save(platform_name(kind), content, save)  # type: ignore[misc]


class UploadFieldFile(_PlatformNamed, FieldFile):
    pass


class UploadImageFieldFile(_PlatformNamed, ImageFieldFile):
    pass


class _UploadFieldMixin:
    """Options shared by the two fields: accepted kinds, size limit setting, private until published."""

    def _setup(
        self, kwargs: dict[str, Any], *, kinds: Iterable[FileKind], max_bytes_setting: str, private: bool
    ) -> None:
        self.kinds = frozenset(FileKind(kind) for kind in kinds)
        self.max_bytes_setting = max_bytes_setting
        self.private = private
        kwargs.setdefault("storage", publishable_storage)

    def max_bytes(self) -> int:
        return int(getattr(settings, self.max_bytes_setting))

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)  # type: ignore[misc]
        # A new upload is checked in `full_clean` (any ModelForm, the admin too), so the person sees
        # why it was refused next to the field instead of an error when the record is saved.
        if value and getattr(value, "_committed", True) is False:
            check_upload(value, kinds=self.kinds, max_bytes=self.max_bytes())

    def generate_filename(self, instance: models.Model, filename: StrPath) -> str:
        name: str = super().generate_filename(instance, filename)  # type: ignore[misc]
        return PRIVATE_PREFIX + name if self.private else name

    def _deconstruct_options(self, kwargs: dict[str, Any]) -> None:
        kwargs["kinds"] = sorted(str(kind) for kind in self.kinds)
        kwargs["max_bytes_setting"] = self.max_bytes_setting
        if not self.private:
            kwargs["private"] = False
        if kwargs.get("storage") is publishable_storage:
            del kwargs["storage"]


class UploadFileField(_UploadFieldMixin, models.FileField):
    """A FileField whose files are sniffed, limited and stored under platform-chosen names."""

    attr_class = UploadFieldFile

    def __init__(
        self,
        *args: Any,
        kinds: Iterable[FileKind] = DOCUMENT_KINDS,
        max_bytes_setting: str = "MAX_ATTACHMENT_UPLOAD_BYTES",
        private: bool = True,
        **kwargs: Any,
    ) -> None:
        self._setup(kwargs, kinds=kinds, max_bytes_setting=max_bytes_setting, private=private)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        self._deconstruct_options(kwargs)
        return name, path, args, kwargs


class UploadImageField(_UploadFieldMixin, models.ImageField):
    """An ImageField (PNG or JPEG by content) stored under platform-chosen names."""

    attr_class = UploadImageFieldFile

    def __init__(
        self,
        *args: Any,
        kinds: Iterable[FileKind] = IMAGE_KINDS,
        max_bytes_setting: str = "MAX_IMAGE_UPLOAD_BYTES",
        private: bool = True,
        **kwargs: Any,
    ) -> None:
        self._setup(kwargs, kinds=kinds, max_bytes_setting=max_bytes_setting, private=private)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        self._deconstruct_options(kwargs)
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        # A plain file field: Django's image field would refuse an SVG or a text file with only "not a
        # valid image"; the model's `validate` gives the specific reason (SVG, type, size, damage).
        field = super().formfield(**{"form_class": forms.FileField, **kwargs})
        if field is not None:
            accept = sorted(CONTENT_TYPES[EXTENSION[kind]] for kind in self.kinds)
            field.widget.attrs.setdefault("accept", ",".join(accept))
        return field
