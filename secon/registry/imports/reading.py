"""Reading a batch's file in the task worker: the limits from the settings, the rows as they are read,
and the task's heartbeat (so a batch whose task died can be told from one that is busy)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.lib.tabular import Limits, TableStream, TabularError, open_table
from secon.registry.imports.organisations import plan_organisations
from secon.registry.imports.people import plan_people
from secon.registry.imports.plan import Plan
from secon.registry.models import ImportBatch, ImportKind

SAMPLE_ROWS = 3
SAMPLE_CELL = 200  # characters of a cell shown on the mapping page


def max_import_bytes() -> int:
    return int(settings.REGISTRY_IMPORT_MAX_BYTES)


def import_limits() -> Limits:
    return Limits(
        max_bytes=max_import_bytes(),
        max_rows=int(settings.REGISTRY_IMPORT_MAX_ROWS),
        max_columns=int(settings.REGISTRY_IMPORT_MAX_COLUMNS),
        max_cell=int(settings.REGISTRY_IMPORT_MAX_CELL_CHARS),
        max_unpacked_bytes=int(settings.REGISTRY_IMPORT_MAX_UNPACKED_BYTES),
    )


@contextmanager
def open_batch_table(batch: ImportBatch) -> Iterator[TableStream]:
    if not batch.file:
        raise TabularError(_("The uploaded file has been deleted. Upload it again."))
    with batch.file.open("rb") as stream, open_table(stream, limits=import_limits()) as table:
        yield table


class Heartbeat:
    """Rows done so far and a sign of life, written every few seconds in a short autocommit update.

    Only the attempt it belongs to is updated: a task superseded by a re-queue beats no one's heart.
    """

    def __init__(self, batch: ImportBatch, *, every: float = 2.0) -> None:
        self.batch_id = batch.pk
        self.attempt = batch.attempt
        self.every = every
        self.last = 0.0

    def beat(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.every:
            return
        self.last = now
        ImportBatch.objects.filter(pk=self.batch_id, attempt=self.attempt).update(
            progress_done=done, heartbeat_at=timezone.now()
        )

    def counted(self, records: Iterable[Any]) -> Iterator[Any]:
        done = 0
        for done, record in enumerate(records, start=1):
            yield record
            if done % 500 == 0:
                self.beat(done)
        self.beat(done, force=True)


def inspect_file(batch: ImportBatch, heartbeat: Heartbeat) -> dict[str, Any]:
    """Read the whole file within the limits: its columns, first rows and number of data rows."""
    with open_batch_table(batch) as table:
        sample: list[list[Any]] = []
        count = 0
        for line, record in heartbeat.counted(table):
            count += 1
            if len(sample) < SAMPLE_ROWS:
                sample.append([line, [cell[:SAMPLE_CELL] for cell in record[: len(table.header)]]])
        if not count:
            raise TabularError(_("The file has a header row but no data rows."))
        return {"header": table.header, "sample": sample, "row_count": count, "format": table.format}


def make_plan(batch: ImportBatch, heartbeat: Heartbeat | None = None) -> Plan:
    """Validate every row of the batch's file with its mapping, reading the rows as they come."""
    planner = plan_organisations if batch.kind == ImportKind.ORGANISATIONS else plan_people
    with open_batch_table(batch) as table:
        records: Iterable[tuple[int, list[str]]] = heartbeat.counted(table) if heartbeat else table
        return planner(batch.partner, table.header, records, batch.mapping)
