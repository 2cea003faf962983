"""What a new user tripped over in the registry: defaults, a Delete that could not delete, file types."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.registry.models import ImportBatch, Organisation
from secon.registry.records import services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_interface(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_withdrawal_channel_starts_empty_for_staff_to_fill_in(client: Client, world: World) -> None:
    client.force_login(world.staff)
    person = make_person(world.partner)
    services.record_consent(
        person, actor=None, purpose="newsletter", legal_basis="consent", source="form", text_version="v1"
    )
    response = client.get(reverse("manage:person_detail", args=[person.pk]))
    field = response.context["withdraw_form"]["through"]
    assert field.value() in (None, "")
    [tag] = re.findall(r'<input[^>]*name="withdraw-through"[^>]*>', response.content.decode())
    assert "value=" not in tag


def _member_organisation(world: World) -> Organisation:
    organisation = make_organisation(world.partner, name="Spółdzielnia w grupie")
    person = make_person(world.partner)
    services.add_membership(person, actor=None, organisation=organisation, since=dt.date(2024, 1, 1))
    return organisation


def test_an_organisation_that_cannot_be_deleted_shows_a_disabled_button_and_why(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    organisation = _member_organisation(world)
    page = client.get(reverse("manage:organisation_detail", args=[organisation.pk])).content.decode()
    delete_url = reverse("manage:organisation_delete", args=[organisation.pk])
    assert f'href="{delete_url}"' not in page
    assert "disabled" in page and "cannot be deleted while these records refer to it" in page


def test_deleting_an_organisation_that_cannot_be_deleted_is_refused_with_a_message(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    organisation = _member_organisation(world)
    url = reverse("manage:organisation_delete", args=[organisation.pk])
    confirm = client.get(url).content.decode()
    assert 'class="button-danger" disabled' in confirm
    response = client.post(url)
    assert response.status_code == 302
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert any("cannot be deleted" in str(m) for m in get_messages(response.wsgi_request))


def test_an_organisation_nothing_refers_to_keeps_an_active_delete_link(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    organisation = make_organisation(world.partner)
    page = client.get(reverse("manage:organisation_detail", args=[organisation.pk])).content.decode()
    assert f'href="{reverse("manage:organisation_delete", args=[organisation.pk])}"' in page


def test_a_pdf_uploaded_to_the_import_is_refused_as_an_unsupported_file_type(
    client: Client, world: World
) -> None:
    client.force_login(world.staff)
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
    response = client.post(
        reverse("manage:import_start"),
        {"kind": "organisations", "file": SimpleUploadedFile("lista.csv", pdf)},
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["file"]
    assert "PDF" in message and "not supported" in message
    assert not ImportBatch.objects.exists()
