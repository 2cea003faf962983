"""The import pages at the HTTP boundary: upload, column matching, dry run, confirm, progress."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.registry.models import ImportBatch, ImportStatus, Organisation

pytestmark = pytest.mark.django_db

FILE = "\ufeffNazwa;Forma prawna;NIP\r\nFundacja Razem;Fundacja;5252248481\r\nZła;Fundacja;123\r\n"


def upload(client: Client, text: str = FILE, kind: str = "organisations") -> Any:
    return client.post(
        reverse("manage:import_start"), {"kind": kind, "file": SimpleUploadedFile("lista.csv", text.encode())}
    )


def test_staff_import_a_file_step_by_step_choosing_the_valid_rows(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.staff)
    # The request only stores the file; the reading task runs after the commit (here at once).
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(client)
    assert len(callbacks) == 1
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("manage:import_progress", args=[batch.pk])
    # The progress page, once the file is read, leads on to the column matching.
    assert (
        reverse("manage:import_mapping", args=[batch.pk]) in client.get(response["Location"]).content.decode()
    )

    page = client.get(reverse("manage:import_mapping", args=[batch.pk])).content.decode()
    assert 'value="Nazwa" selected' in page  # the suggested column is preselected

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("manage:import_mapping", args=[batch.pk]),
            {"name": "Nazwa", "type": "Forma prawna", "nip": "NIP"},
        )
    assert response["Location"] == reverse("manage:import_progress", args=[batch.pk])
    report = client.get(reverse("manage:import_report", args=[batch.pk]))
    assert report.context["report"]["bad"][0]["line"] == 3
    assert not Organisation.objects.exists()  # the dry run wrote nothing

    # "Import all" is refused while there are bad rows.
    client.post(reverse("manage:import_confirm", args=[batch.pk]), {"rows": "all"})
    assert not Organisation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("manage:import_confirm", args=[batch.pk]), {"rows": "valid"})
    assert response["Location"] == reverse("manage:import_progress", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Fundacja Razem"]
    progress = client.get(response["Location"], headers={"HX-Request": "true"})
    assert 'id="import-progress"' in progress.content.decode()
    assert "hx-trigger" not in progress.content.decode()  # finished: polling stops

    bad_rows = client.get(reverse("manage:import_bad_rows", args=[batch.pk]))
    assert bad_rows.content.startswith(b"\xef\xbb\xbf") and b"123" in bad_rows.content


def test_a_mapping_without_the_name_column_is_refused_with_a_message(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client)
    batch = ImportBatch.objects.get()
    response = client.post(reverse("manage:import_mapping", args=[batch.pk]), {"nip": "NIP"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert ImportBatch.objects.get().status == ImportStatus.UPLOADED


def test_a_file_that_is_not_a_table_is_refused_on_the_upload_form(client: Client, world: World) -> None:
    client.force_login(world.staff)
    response = client.post(
        reverse("manage:import_start"),
        {"kind": "organisations", "file": SimpleUploadedFile("x.csv", b"\x00\x01binary")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportBatch.objects.exists()


def test_another_partners_staff_cannot_see_an_import(client: Client, world: World) -> None:
    client.force_login(world.staff)
    upload(client)
    batch = ImportBatch.objects.get()
    client.force_login(world.other_staff)
    assert client.get(reverse("manage:import_report", args=[batch.pk])).status_code == 404
    assert (
        client.post(reverse("manage:import_confirm", args=[batch.pk]), {"rows": "valid"}).status_code == 404
    )


def test_the_progress_poll_takes_the_person_on_once_the_worker_has_finished_a_step(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client)
    batch = ImportBatch.objects.get()
    poll = client.get(response["Location"], headers={"HX-Request": "true"})
    assert poll.status_code == 200
    assert poll["HX-Redirect"] == reverse("manage:import_mapping", args=[batch.pk])
    # Without JavaScript the same page offers the next step as its main button.
    page = client.get(response["Location"]).content.decode()
    assert f'class="button" href="{reverse("manage:import_mapping", args=[batch.pk])}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("manage:import_mapping", args=[batch.pk]), {"name": "Nazwa", "nip": "NIP"})
    poll = client.get(reverse("manage:import_progress", args=[batch.pk]), headers={"HX-Request": "true"})
    assert poll["HX-Redirect"] == reverse("manage:import_report", args=[batch.pk])
