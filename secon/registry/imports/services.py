"""The life of an import batch: upload → read (task) → map → check (task) → confirm → write (task).

The web request only stores the file, or changes the batch's status, in a short write; reading and
checking every row happen in the task worker outside any transaction, with a heartbeat; the write of
the plan is one transaction, so a killed process leaves nothing half-written. A batch whose task died
(no heartbeat for REGISTRY_IMPORT_STALE_SECONDS) can be re-queued or cancelled by a coordinator.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.access import can_edit_partner
from secon.core.audit import record_event
from secon.core.cache import invalidate_public_pages
from secon.core.uploads import FileKind, sniff_kind
from secon.lib.tabular import TabularError, sniff, too_large
from secon.registry.imports import writing
from secon.registry.imports.columns import mapping_errors, suggest_mapping
from secon.registry.imports.reading import Heartbeat, inspect_file, make_plan, max_import_bytes
from secon.registry.models import IMPORT_WORKING, ImportBatch, ImportKind, ImportStatus

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.projects.models import Partner


class Superseded(Exception):
    """The batch was re-queued or cancelled while this task worked on it: its work is dropped."""


def _check_may_import(partner: Partner, actor: User | None) -> None:
    if actor is not None and not can_edit_partner(actor, partner):
        raise PermissionDenied


def _check_may_coordinate(partner: Partner, actor: User | None) -> None:
    if actor is not None and not (actor.is_coordinator and can_edit_partner(actor, partner)):
        raise PermissionDenied


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def _enqueue(name: str, batch: ImportBatch, actor: User | None) -> None:
    """Queue a task for the batch's current attempt once the status change is committed."""
    from secon.registry import tasks

    task = getattr(tasks, name)
    user = _user(actor)
    batch_id, attempt, actor_id = batch.pk, batch.attempt, user.pk if user is not None else None
    transaction.on_commit(lambda: task.enqueue(batch_id, actor_id, attempt))


def _fail(batch: ImportBatch, *, status: str, message: str, actor: User | None) -> ImportBatch:
    """Record that this attempt failed, unless the batch moved on meanwhile; nothing else is written."""
    now = timezone.now()
    failed = ImportBatch.objects.filter(pk=batch.pk, status=status, attempt=batch.attempt).update(
        status=ImportStatus.FAILED, error=message, finished_at=now, heartbeat_at=None, updated_at=now
    )
    batch.refresh_from_db()
    if failed:
        record_event("registry.import.failed", actor=actor, obj=batch, changes={"error": message})
    return batch


# --- upload and read -------------------------------------------------------------------------------------


def upload_import(
    partner: Partner, *, actor: User | None, kind: str, upload: UploadedFile[bytes], enqueue: bool = True
) -> ImportBatch:
    """Keep an uploaded file as a new batch and queue the reading of it (the request reads 4 KB of it)."""
    _check_may_import(partner, actor)
    limit = max_import_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError({"file": too_large(limit).message})
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Choose what the file holds.")})
    upload.seek(0)
    # A file of another known kind (a PDF, a Word document, a picture) is named as such: read as text it
    # would only be reported as "no data rows".
    other_kind = sniff_kind(upload)
    if other_kind is not None and other_kind != FileKind.XLSX:
        raise ValidationError(
            {
                "file": _(
                    "This is a %(kind)s file: this file type is not supported. "
                    "Upload a CSV or XLSX (Excel) file."
                )
                % {"kind": FileKind(other_kind).label}
            }
        )
    upload.seek(0)
    try:
        file_format = sniff(upload.read(4096))
    except TabularError as error:
        raise ValidationError({"file": error.message}) from None
    upload.seek(0)
    now = timezone.now()
    batch = ImportBatch(
        partner=partner,
        created_by=_user(actor),
        kind=kind,
        original_name=(upload.name or "import")[:255],
        size=upload.size or 0,
        status=ImportStatus.READING,
        attempt=1,
        heartbeat_at=now,
    )
    # The copy to disk happens before the transaction, which then only inserts a row (a short write).
    batch.file.save(f"{kind}.{file_format}", upload, save=False)
    try:
        with transaction.atomic():
            batch.full_clean(exclude=["file"])
            batch.save()
            record_event(
                "registry.import.uploaded",
                actor=actor,
                obj=batch,
                changes={"file": batch.original_name, "kind": kind, "format": file_format},
            )
            if enqueue:
                _enqueue("read_import_task", batch, actor)
    except BaseException:
        batch.file.delete(save=False)
        raise
    return batch


def read_import(batch_id: int, *, attempt: int, actor: User | None = None) -> ImportBatch:
    """The task: read the whole file within the limits, keep its columns and first rows, suggest a mapping."""
    batch = ImportBatch.objects.select_related("partner").get(pk=batch_id)
    if batch.status != ImportStatus.READING or batch.attempt != attempt:
        return batch  # cancelled or re-queued meanwhile
    heartbeat = Heartbeat(batch)
    try:
        found = inspect_file(batch, heartbeat)
    except TabularError as error:
        return _fail(batch, status=ImportStatus.READING, message=error.message, actor=actor)
    except Exception as error:
        _fail(batch, status=ImportStatus.READING, message=_unexpected(error), actor=actor)
        raise
    now = timezone.now()
    with transaction.atomic():
        read = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.READING, attempt=attempt).update(
            status=ImportStatus.UPLOADED,
            header=found["header"],
            sample=found["sample"],
            row_count=found["row_count"],
            mapping=suggest_mapping(batch.kind, found["header"], batch.partner.country),
            progress_done=0,
            heartbeat_at=None,
            updated_at=now,
        )
        batch.refresh_from_db()
        if read:
            record_event(
                "registry.import.read",
                actor=actor,
                obj=batch,
                changes={"rows": batch.row_count, "columns": len(batch.header), "format": found["format"]},
            )
    return batch


def _unexpected(error: Exception) -> str:
    return _("The import failed and nothing was written: %(error)s") % {"error": error}


# --- check (the dry run) --------------------------------------------------------------------------------


def check_import(
    batch: ImportBatch, *, actor: User | None, mapping: dict[str, str], enqueue: bool = True
) -> ImportBatch:
    """Keep the mapping and queue the dry run; the request checks only the mapping against the header."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().select_related("partner").get(pk=batch.pk)
        _check_may_import(batch.partner, actor)
        if batch.status in (ImportStatus.READING, ImportStatus.CHECKING):
            raise ValidationError(_("The file is still being read or checked. Wait a moment."))
        if batch.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
            raise ValidationError(_("This import has already been confirmed."))
        errors = mapping_errors(batch.kind, batch.header, mapping, batch.partner.country)
        if errors:
            raise ValidationError(errors)
        batch.mapping = {key: name for key, name in mapping.items() if name}
        batch.status = ImportStatus.CHECKING
        batch.attempt += 1
        batch.heartbeat_at = timezone.now()
        batch.report = {}
        batch.progress_done = 0
        batch.progress_total = batch.row_count
        batch.save(
            update_fields=[
                "mapping", "status", "attempt", "heartbeat_at", "report",
                "progress_done", "progress_total", "updated_at",
            ]
        )  # fmt: skip
        if enqueue:
            _enqueue("check_import_task", batch, actor)
    return batch


def run_check(batch_id: int, *, attempt: int, actor: User | None) -> ImportBatch:
    """The task: validate every row against the registry outside any transaction; store the report."""
    batch = ImportBatch.objects.select_related("partner").get(pk=batch_id)
    if batch.status != ImportStatus.CHECKING or batch.attempt != attempt:
        return batch
    try:
        plan = make_plan(batch, Heartbeat(batch))
    except TabularError as error:
        return _fail(batch, status=ImportStatus.CHECKING, message=error.message, actor=actor)
    except Exception as error:
        _fail(batch, status=ImportStatus.CHECKING, message=_unexpected(error), actor=actor)
        raise
    report = plan.report()
    with transaction.atomic():
        checked = ImportBatch.objects.filter(
            pk=batch_id, status=ImportStatus.CHECKING, attempt=attempt
        ).update(
            status=ImportStatus.CHECKED,
            report=report,
            progress_done=plan.rows,
            heartbeat_at=None,
            updated_at=timezone.now(),
        )
        batch.refresh_from_db()
        if checked:
            record_event(
                "registry.import.checked",
                actor=actor,
                obj=batch,
                changes={k: v for k, v in report.items() if isinstance(v, int)},
            )
    return batch


# --- confirm and write ---------------------------------------------------------------------------------


def confirm_import(
    batch: ImportBatch, *, actor: User | None, valid_rows_only: bool, enqueue: bool = True
) -> ImportBatch:
    """Queue the write. Locked and status-checked, so a double click imports once."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().select_related("partner").get(pk=batch.pk)
        _check_may_import(batch.partner, actor)
        if batch.status != ImportStatus.CHECKED:
            return batch  # already queued, running or done: the second click changes nothing
        if batch.report.get("bad_rows") and not valid_rows_only:
            raise ValidationError(
                _(
                    "The file has bad rows. Correct them and upload it again, "
                    "or choose to import only the valid rows."
                )
            )
        if not batch.report.get("valid_rows"):
            raise ValidationError(_("The file has no valid rows to import."))
        batch.status = ImportStatus.QUEUED
        batch.valid_rows_only = valid_rows_only
        batch.attempt += 1
        batch.heartbeat_at = timezone.now()
        batch.progress_done = 0
        batch.progress_total = int(batch.report.get("valid_rows", 0))
        batch.save(
            update_fields=[
                "status", "valid_rows_only", "attempt", "heartbeat_at",
                "progress_done", "progress_total", "updated_at",
            ]
        )  # fmt: skip
        record_event(
            "registry.import.confirmed", actor=actor, obj=batch, changes={"valid_rows_only": valid_rows_only}
        )
        if enqueue:
            _enqueue("write_import_task", batch, actor)
    return batch


def write_import(batch_id: int, *, actor: User | None, attempt: int | None = None) -> ImportBatch:
    """Validate again (outside the transaction) and write the plan in one transaction.

    The batch is claimed with a conditional update (queued → running), so two workers, a retry or a
    double click write it once; before committing, the write checks that its attempt is still the
    batch's (a coordinator may have re-queued or cancelled it), else it rolls back.
    """
    claim = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.QUEUED)
    if attempt is not None:
        claim = claim.filter(attempt=attempt)
    claimed = claim.update(
        status=ImportStatus.RUNNING, heartbeat_at=timezone.now(), updated_at=timezone.now()
    )
    batch = ImportBatch.objects.select_related("partner").get(pk=batch_id)
    if not claimed:
        return batch
    try:
        plan = make_plan(batch, Heartbeat(batch))
        if plan.bad_lines and not batch.valid_rows_only:
            raise ValidationError(
                _("The registry changed since the check: %(count)s rows are now bad. Check the file again.")
                % {"count": len(plan.bad_lines)}
            )
        with transaction.atomic():
            progress = writing.Progress(batch)
            try:
                if plan.kind == ImportKind.ORGANISATIONS:
                    result = writing.write_organisations(batch, plan, actor=actor, progress=progress)
                else:
                    result = writing.write_people(batch, plan, actor=actor, progress=progress)
            finally:
                progress.close()
            current = ImportBatch.objects.select_for_update().get(pk=batch_id)
            if current.status != ImportStatus.RUNNING or current.attempt != batch.attempt:
                raise Superseded
            result["skipped_bad_rows"] = len(plan.bad_lines)
            # Updated names and consents may be ones public pages show (records/services.py says which).
            invalidate_public_pages()
            batch.status = ImportStatus.DONE
            batch.result = result
            batch.progress_done = batch.progress_total = plan.rows - len(plan.bad_lines)
            batch.finished_at = timezone.now()
            batch.heartbeat_at = None
            batch.save(
                update_fields=[
                    "status", "result", "progress_done", "progress_total",
                    "finished_at", "heartbeat_at", "updated_at",
                ]
            )  # fmt: skip
            record_event("registry.import.completed", actor=actor, obj=batch, changes=result)
    except Superseded:
        batch.refresh_from_db()
        return batch
    except Exception as error:
        if isinstance(error, ValidationError):
            message = "; ".join(error.messages)
        elif isinstance(error, TabularError):
            message = error.message
        else:
            message = _unexpected(error)
        _fail(batch, status=ImportStatus.RUNNING, message=message, actor=actor)
        if not isinstance(error, ValidationError | TabularError):
            raise
    return batch


# --- batches whose task died ---------------------------------------------------------------------------


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=int(settings.REGISTRY_IMPORT_STALE_SECONDS))


def is_stuck(batch: ImportBatch, *, now: dt.datetime | None = None) -> bool:
    """A task should be working on the batch, but has given no sign of life for too long."""
    if batch.status not in IMPORT_WORKING:
        return False
    last = batch.heartbeat_at or batch.updated_at
    return last < (now or timezone.now()) - stale_after()


# Which task takes up a stuck batch again, and in which status.
_RESUME = {
    ImportStatus.READING: (ImportStatus.READING, "read_import_task"),
    ImportStatus.CHECKING: (ImportStatus.CHECKING, "check_import_task"),
    ImportStatus.QUEUED: (ImportStatus.QUEUED, "write_import_task"),
    ImportStatus.RUNNING: (ImportStatus.QUEUED, "write_import_task"),
}


def requeue_import(batch: ImportBatch, *, actor: User | None) -> ImportBatch:
    """Give a stuck batch to a new task; a late task of the old attempt then changes nothing."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().select_related("partner").get(pk=batch.pk)
        _check_may_coordinate(batch.partner, actor)
        if not is_stuck(batch):
            raise ValidationError(_("This import is not stuck: its task is working or it has finished."))
        before = batch.status
        status, task_name = _RESUME[ImportStatus(before)]
        batch.status = status
        batch.attempt += 1
        batch.heartbeat_at = timezone.now()
        batch.progress_done = 0
        batch.save(update_fields=["status", "attempt", "heartbeat_at", "progress_done", "updated_at"])
        record_event(
            "registry.import.requeued",
            actor=actor,
            obj=batch,
            changes={"status": before, "attempt": batch.attempt},
        )
        _enqueue(task_name, batch, actor)
    return batch


def cancel_import(batch: ImportBatch, *, actor: User | None) -> ImportBatch:
    """Cancel a stuck batch, or one not confirmed yet; nothing of it is written."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().select_related("partner").get(pk=batch.pk)
        _check_may_coordinate(batch.partner, actor)
        waiting = batch.status in (ImportStatus.UPLOADED, ImportStatus.CHECKED)
        if not waiting and not is_stuck(batch):
            raise ValidationError(_("Only an import that is stuck or not confirmed yet can be cancelled."))
        before = batch.status
        now = timezone.now()
        batch.status = ImportStatus.CANCELLED
        batch.attempt += 1
        batch.finished_at = now
        batch.heartbeat_at = None
        batch.save(update_fields=["status", "attempt", "finished_at", "heartbeat_at", "updated_at"])
        record_event("registry.import.cancelled", actor=actor, obj=batch, changes={"status": before})
    return batch


# --- the whole way in one call (command line, benchmark) ------------------------------------------------


def import_file_for_partner(
    partner: Partner,
    data: bytes,
    *,
    kind: str,
    actor: User | None,
    valid_rows_only: bool,
    name: str = "import.csv",
    write: bool = True,
) -> ImportBatch:
    """Upload, read, check with the suggested mapping and (unless told not to) write, in this process."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    batch = upload_import(
        partner, actor=actor, kind=kind, upload=SimpleUploadedFile(name, data), enqueue=False
    )
    batch = read_import(batch.pk, attempt=batch.attempt, actor=actor)
    if batch.status != ImportStatus.UPLOADED:
        return batch
    batch = check_import(batch, actor=actor, mapping=batch.mapping, enqueue=False)
    batch = run_check(batch.pk, attempt=batch.attempt, actor=actor)
    if not write or batch.status != ImportStatus.CHECKED:
        return batch
    if batch.report.get("bad_rows") and not valid_rows_only:
        return batch
    confirm_import(batch, actor=actor, valid_rows_only=valid_rows_only, enqueue=False)
    return write_import(batch.pk, actor=actor)


def bad_rows_csv(batch: ImportBatch) -> bytes:
    """The dry run's bad rows as an Excel-ready CSV the user can work through."""
    from secon.lib.tabular import csv_bytes

    return csv_bytes(
        [_("Row"), _("Column"), _("Reason")],
        ([row["line"], row["column"], row["reason"]] for row in batch.report.get("bad", [])),
    )
