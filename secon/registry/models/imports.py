"""Import batches: an uploaded file, its check, its run and its outcome."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.models import TimeStampedModel


class ImportFileStorage(FileSystemStorage):
    """Uploaded import files hold personal data, so they live outside the publicly served media folder."""

    @property
    def base_location(self) -> str:
        return str(settings.REGISTRY_IMPORT_DIR)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def import_file_storage() -> ImportFileStorage:
    return ImportFileStorage()


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    PEOPLE = "people", _("People")


class ImportStatus(models.TextChoices):
    READING = "reading", _("Being read")
    UPLOADED = "uploaded", _("Uploaded, columns to map")
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked (dry run)")
    QUEUED = "queued", _("Waiting to be written")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed, nothing written")
    CANCELLED = "cancelled", _("Cancelled, nothing written")


# Statuses in which a task works on the batch (and beats its heartbeat); a batch left in one of them
# by a dead task is "stuck" (see imports.services.is_stuck).
IMPORT_WORKING = (ImportStatus.READING, ImportStatus.CHECKING, ImportStatus.QUEUED, ImportStatus.RUNNING)
IMPORT_FINISHED = (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED)


class ImportBatch(TimeStampedModel):
    """One uploaded file on its way into a partner's registry: mapping, dry-run report, progress, result."""

    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="import_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("what is imported"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(
        _("file"), upload_to="imports/%Y/%m/", storage=import_file_storage, max_length=300, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    # What the task that read the file found: the column names, the first rows, how many data rows.
    header = models.JSONField(_("column names"), default=list, blank=True)
    sample = models.JSONField(_("first rows"), default=list, blank=True)
    row_count = models.PositiveIntegerField(_("data rows"), default=0)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    report = models.JSONField(_("dry-run report"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    valid_rows_only = models.BooleanField(_("only the valid rows"), default=False)
    progress_done = models.PositiveIntegerField(_("rows written"), default=0)
    progress_total = models.PositiveIntegerField(_("rows to write"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Each queued task carries the attempt it was queued for; re-queuing a stuck batch starts a new
    # attempt, so a task of an older one that wakes up changes nothing.
    attempt = models.PositiveIntegerField(_("attempt"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of life of its task"), null=True, blank=True)
    file_deleted_at = models.DateTimeField(_("file deleted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["partner", "-created_at"], name="import_partner_created_idx")]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_kind_display()})"

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == ImportStatus.DONE else 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.status in IMPORT_FINISHED

    @property
    def is_working(self) -> bool:
        return self.status in IMPORT_WORKING
