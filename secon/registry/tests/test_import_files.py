"""Uploaded import files hold personal data: deleted after the retention period and on erasure, audited."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import World
from secon.core.models import AuditEvent
from secon.registry import imports
from secon.registry.models import ImportBatch, ImportStatus, Person
from secon.registry.privacy import erasure as privacy_erasure
from secon.registry.privacy import retention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PEOPLE = "\ufeffImię i nazwisko;E-mail\r\nAnna Nowak;anna@example.org\r\n"


def imported(world: World, *, days_ago: int = 0, write: bool = True) -> ImportBatch:
    batch = imports.import_file_for_partner(
        world.partner, PEOPLE.encode(), kind="people", actor=world.staff, valid_rows_only=False, write=write
    )
    if days_ago:
        ImportBatch.objects.filter(pk=batch.pk).update(
            finished_at=timezone.now() - dt.timedelta(days=days_ago)
        )
        batch.refresh_from_db()
    return batch


def stored(batch: ImportBatch) -> Path:
    return Path(batch.file.path)


def test_files_of_imports_finished_before_the_retention_period_are_deleted_by_the_purge(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REGISTRY_IMPORT_FILE_RETENTION_DAYS = 30
    old, recent = imported(world, days_ago=31), imported(world, days_ago=29)
    unfinished = imported(world, write=False)
    paths = [stored(old), stored(recent), stored(unfinished)]
    assert b"anna@example.org" in paths[0].read_bytes()

    output = io.StringIO()
    call_command("purge_personal_data", stdout=output)
    assert "Uploaded files of finished imports, deleted" in output.getvalue()
    assert paths[0].exists()  # a dry run deletes nothing

    with django_capture_on_commit_callbacks(execute=True):
        retention.purge_personal_data(dry_run=False)
    assert [path.exists() for path in paths] == [False, True, True]
    old.refresh_from_db()
    assert not old.file and old.file_deleted_at is not None
    assert old.report["rows"] == 1  # the batch keeps its report
    event = AuditEvent.objects.get(code="registry.import.file_deleted", object_id=str(old.pk))
    assert event.changes["reason"] == "retention"


def test_erasing_a_person_deletes_the_partners_import_files_that_may_mention_them(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    done = imported(world)
    waiting = imported(world, write=False)
    other = imports.import_file_for_partner(
        world.other_partner, PEOPLE.encode(), kind="people", actor=None, valid_rows_only=False
    )
    person = Person.objects.get(partner=world.partner, email="anna@example.org")  # imported by `done`
    paths = [stored(done), stored(waiting), stored(other)]

    with django_capture_on_commit_callbacks(execute=True):
        privacy_erasure.anonymise_person(
            person, actor=world.coordinator, reason=privacy_erasure.ErasureReason.REQUEST
        )
    assert [path.exists() for path in paths] == [False, False, True]
    waiting.refresh_from_db()
    assert waiting.status == ImportStatus.CANCELLED and "erased" in waiting.error
    erasure = AuditEvent.objects.get(code="registry.person.anonymised")
    assert erasure.changes["import_files_deleted"] == 2
    assert (
        AuditEvent.objects.filter(code="registry.import.file_deleted", changes__reason="erasure").count() == 2
    )
