"""Uploaded import files hold personal data: they go after a retention period once their batch is
finished, and at once when a person of the partner is erased (their file may mention that person).

The batch row keeps its report and result (counts, bad-row reasons); only the file goes. Files are
deleted from storage after the transaction that records the deletion commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_event
from secon.registry.models import IMPORT_FINISHED, ImportBatch, ImportStatus

if TYPE_CHECKING:
    from secon.accounts.models import User

logger = logging.getLogger(__name__)


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=int(settings.REGISTRY_IMPORT_FILE_RETENTION_DAYS))


def files_past_retention(now: dt.datetime) -> models.QuerySet[ImportBatch]:
    """Finished batches that still keep their file, finished before the retention cutoff."""
    return ImportBatch.objects.filter(
        status__in=IMPORT_FINISHED, finished_at__lt=retention_cutoff(now), file_deleted_at__isnull=True
    ).exclude(file="")


def delete_import_files(
    batches: models.QuerySet[ImportBatch], *, actor: User | None, reason: str, now: dt.datetime | None = None
) -> int:
    """Delete the batches' files (audited, one event a batch); must run inside a transaction.

    A batch not finished yet is cancelled: without its file it can never be checked or written.
    """
    now = now or timezone.now()
    names: list[tuple[str, Storage]] = []
    count = 0
    for batch in batches.select_for_update().exclude(file="").order_by("pk"):
        names.append((batch.file.name or "", batch.file.storage))
        changes: dict[str, object] = {"reason": reason, "file": batch.original_name}
        update = ["file", "file_deleted_at", "updated_at"]
        if batch.status not in IMPORT_FINISHED:
            changes["status"] = batch.status
            batch.status = ImportStatus.CANCELLED
            batch.attempt += 1
            batch.finished_at = now
            batch.heartbeat_at = None
            batch.error = _("The file was deleted when personal data was erased. Upload it again.")
            update += ["status", "attempt", "finished_at", "heartbeat_at", "error"]
        batch.file = ""
        batch.file_deleted_at = now
        batch.save(update_fields=update)
        record_event("registry.import.file_deleted", actor=actor, obj=batch, changes=changes)
        count += 1
    transaction.on_commit(lambda: _remove(names))
    return count


def _remove(names: list[tuple[str, Storage]]) -> None:
    for name, storage in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the import file %s", name)


def files_to_erase_with_person(partner_id: int) -> models.QuerySet[ImportBatch]:
    """The partner's import files that may mention an erased person: all but those being written.

    A file being written is left to its task (its rows are already in the registry's transaction);
    the retention period removes it once the batch is finished.
    """
    return (
        ImportBatch.objects.filter(partner_id=partner_id, file_deleted_at__isnull=True)
        .exclude(file="")
        .exclude(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING])
    )
