"""Serving user files so that a browser never runs them as part of the site.

Every response with an uploaded file gets its Content-Type from a short allow-list by extension
(anything else is `application/octet-stream`), `X-Content-Type-Options: nosniff`, a sandboxing
Content-Security-Policy, and `Content-Disposition: attachment` unless it is a PNG or JPEG image. The
same rule is written for the front proxy in docs/operations.md ("Uploaded files").
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils._os import safe_join
from django.utils.http import content_disposition_header, http_date
from django.views.static import was_modified_since

from secon.core.uploads import CONTENT_TYPES, INLINE_EXTENSIONS, is_private

MEDIA_CSP = "default-src 'none'; sandbox"
# Stored names are random and never reused, so browsers may keep public files for a while; an
# unpublished file disappears from shared caches within this time (see docs/operations.md).
PUBLIC_MEDIA_CACHE = "public, max-age=3600"


def protect(response: HttpResponseBase, name: str, *, download_name: str | None = None) -> HttpResponseBase:
    """Set the headers that keep a user file inert, whatever bytes it holds."""
    extension = PurePosixPath(name).suffix.lower()
    response.headers["Content-Type"] = CONTENT_TYPES.get(extension, "application/octet-stream")
    response.headers.pop("Content-Encoding", None)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    inline = extension in INLINE_EXTENSIONS
    # Without a name the browser uses the link's `download` attribute (a familiar name) or the URL's.
    disposition = "inline" if inline else "attachment"
    if download_name:
        disposition = content_disposition_header(not inline, download_name) or disposition
    response.headers["Content-Disposition"] = disposition
    return response


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Public media under MEDIA_ROOT (only when no proxy or object storage serves them: SERVE_MEDIA)."""
    path = posixpath.normpath(path).lstrip("/")
    if not path or path.startswith(".") or is_private(path):
        raise Http404
    try:
        fullpath = Path(safe_join(str(settings.MEDIA_ROOT), path))
    except ValueError as error:  # an attempt to leave MEDIA_ROOT
        raise Http404 from error
    if not fullpath.is_file():
        raise Http404
    stat = fullpath.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        return HttpResponseNotModified()
    response = FileResponse(fullpath.open("rb"))
    response.headers["Last-Modified"] = http_date(stat.st_mtime)
    response.headers["Cache-Control"] = PUBLIC_MEDIA_CACHE
    return protect(response, path)


def file_response(file: FieldFile, *, download_name: str | None = None) -> HttpResponseBase:
    """A stored file for a view that has already checked access (private or public alike)."""
    name = str(file.name)
    try:
        handle = file.storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle)
    # Back-office copies may be drafts or personal data: never kept by any cache.
    response.headers["Cache-Control"] = "private, no-store"
    return protect(response, name, download_name=download_name)
