"""Import tasks: the request stores and queues, the worker reads and checks outside any transaction, and a
batch whose task died is seen as stuck and can be re-queued or cancelled by a coordinator."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from secon.core.models import AuditEvent
from secon.registry import imports
from secon.registry.imports import organisations, writing
from secon.registry.models import ImportBatch, ImportStatus, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NIP_A = "5252248481"
TEXT = f"\ufeffNazwa;Forma prawna;NIP\r\nFundacja Razem;Fundacja;{NIP_A}\r\n"


def upload(world: World, data: bytes = TEXT.encode(), name: str = "lista.csv") -> ImportBatch:
    return imports.upload_import(
        world.partner,
        actor=world.staff,
        kind="organisations",
        upload=SimpleUploadedFile(name, data),
        enqueue=False,
    )


def queued(world: World) -> ImportBatch:
    batch = imports.import_file_for_partner(
        world.partner,
        TEXT.encode(),
        kind="organisations",
        actor=world.staff,
        valid_rows_only=False,
        write=False,
    )
    return imports.confirm_import(batch, actor=world.staff, valid_rows_only=False, enqueue=False)


def silent_for(batch: ImportBatch, status: str, minutes: int = 60) -> ImportBatch:
    """As a task killed mid-work leaves it: in a working status, its last heartbeat long ago."""
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=status, heartbeat_at=timezone.now() - dt.timedelta(minutes=minutes)
    )
    batch.refresh_from_db()
    return batch


def test_the_upload_request_only_stores_the_file_and_queues_the_reading(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REGISTRY_IMPORT_MAX_ROWS = 10
    data = b"Nazwa;Forma prawna\r\n" + b"A;Fundacja\r\n" * 5000
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = upload(world, data)
        batch = imports.upload_import(
            world.partner, actor=world.staff, kind="organisations", upload=SimpleUploadedFile("b.csv", data)
        )
    # Too many rows, yet accepted: the request did not read the rows; the reading task is queued.
    assert batch.status == ImportStatus.READING and len(callbacks) == 1
    batch = imports.read_import(batch.pk, attempt=batch.attempt)
    assert batch.status == ImportStatus.FAILED
    assert batch.error == "The file has more than 10 rows. Split it into smaller files."


def test_reading_and_checking_run_outside_any_transaction(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pytest-django wraps each test in transactions: count the blocks the services themselves open.
    outer = len(connection.atomic_blocks)
    seen: list[int] = []
    plan = organisations.plan_organisations

    def spy(*args: Any) -> Any:
        seen.append(len(connection.atomic_blocks) - outer)
        return plan(*args)

    monkeypatch.setattr("secon.registry.imports.reading.plan_organisations", spy)
    batch = upload(world)
    batch = imports.read_import(batch.pk, attempt=batch.attempt)
    batch = imports.check_import(batch, actor=world.staff, mapping=batch.mapping, enqueue=False)
    batch = imports.run_check(batch.pk, attempt=batch.attempt, actor=world.staff)
    assert seen == [0]
    assert batch.status == ImportStatus.CHECKED and batch.report["create"] == 1
    assert batch.header == ["Nazwa", "Forma prawna", "NIP"] and batch.row_count == 1
    assert batch.sample == [[2, ["Fundacja Razem", "Fundacja", NIP_A]]]


def test_a_batch_whose_task_went_silent_is_stuck_and_a_busy_one_is_not(world: World) -> None:
    batch = queued(world)
    assert not imports.is_stuck(batch)
    assert imports.is_stuck(silent_for(batch, ImportStatus.RUNNING))
    assert not imports.is_stuck(silent_for(batch, ImportStatus.RUNNING, minutes=1))


def test_a_coordinator_requeues_a_stuck_write_and_it_is_written_once(world: World) -> None:
    batch = silent_for(queued(world), ImportStatus.RUNNING)
    old_attempt = batch.attempt
    with pytest.raises(PermissionDenied):
        imports.requeue_import(batch, actor=world.staff)
    batch = imports.requeue_import(batch, actor=world.coordinator)
    assert (batch.status, batch.attempt) == (ImportStatus.QUEUED, old_attempt + 1)
    # The dead task's attempt, should it wake up, claims nothing.
    assert imports.write_import(batch.pk, actor=None, attempt=old_attempt).status == ImportStatus.QUEUED
    batch = imports.write_import(batch.pk, actor=None, attempt=batch.attempt)
    assert batch.status == ImportStatus.DONE
    assert Organisation.objects.count() == 1
    assert AuditEvent.objects.filter(code="registry.import.requeued", actor=world.coordinator).exists()


def test_a_write_superseded_while_it_ran_rolls_back(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = queued(world)
    write = writing.write_organisations

    def requeued_meanwhile(batch: ImportBatch, *args: Any, **kwargs: Any) -> Any:
        result = write(batch, *args, **kwargs)
        ImportBatch.objects.filter(pk=batch.pk).update(attempt=batch.attempt + 1, status=ImportStatus.QUEUED)
        return result

    monkeypatch.setattr(writing, "write_organisations", requeued_meanwhile)
    batch = imports.write_import(batch.pk, actor=None)
    # (In one test connection the simulated re-queue rolls back with the write; what matters is that
    # the old attempt neither wrote, nor finished or failed the batch the new attempt now owns.)
    assert batch.status not in (ImportStatus.DONE, ImportStatus.FAILED)
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.filter(
        code__in=["registry.import.completed", "registry.import.failed"]
    ).exists()


def test_a_busy_batch_cannot_be_requeued_or_cancelled(world: World) -> None:
    batch = queued(world)
    with pytest.raises(ValidationError, match="not stuck"):
        imports.requeue_import(batch, actor=world.coordinator)
    with pytest.raises(ValidationError, match="stuck or not confirmed"):
        imports.cancel_import(batch, actor=world.coordinator)


def test_the_coordinator_sees_a_stuck_import_and_cancels_it_on_its_page(client: Client, world: World) -> None:
    batch = silent_for(queued(world), ImportStatus.RUNNING)
    url = reverse("manage:import_progress", args=[batch.pk])
    client.force_login(world.staff)
    page = client.get(url).content.decode()
    assert "no sign of life" in page and "A coordinator of your partner" in page
    assert "hx-trigger" not in page  # a stuck batch is not polled
    assert client.post(reverse("manage:import_cancel", args=[batch.pk])).status_code == 403
    client.force_login(world.coordinator)
    page = client.get(url).content.decode()
    assert reverse("manage:import_requeue", args=[batch.pk]) in page
    response = client.post(reverse("manage:import_cancel", args=[batch.pk]))
    assert response["Location"] == url
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED and batch.is_finished
    assert not Organisation.objects.exists()


def test_a_working_batch_is_polled_by_htmx_with_a_plain_refresh_link_without_javascript(
    client: Client, world: World
) -> None:
    batch = upload(world)
    client.force_login(world.staff)
    page = client.get(reverse("manage:import_progress", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert 'http-equiv="refresh"' not in page
    assert f'href="{reverse("manage:import_progress", args=[batch.pk])}"' in page


def test_the_checking_task_fails_the_batch_when_the_file_is_gone(world: World) -> None:
    batch = upload(world)
    batch = imports.read_import(batch.pk, attempt=batch.attempt)
    batch = imports.check_import(batch, actor=world.staff, mapping=batch.mapping, enqueue=False)
    batch.file.delete(save=True)
    batch = imports.run_check(batch.pk, attempt=batch.attempt, actor=world.staff)
    assert batch.status == ImportStatus.FAILED and "deleted" in batch.error
