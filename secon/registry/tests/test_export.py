"""Export of filtered lists: Excel-ready CSV and XLSX, filters, partner isolation, inert formulas."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import World
from secon.core.models import AuditEvent
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

INJECTION = "=cmd|' /C calc'!A0"


def test_csv_export_is_excel_ready_and_a_formula_comes_back_inert(client: Client, world: World) -> None:
    make_organisation(world.partner, name=INJECTION, city="Drobin")
    client.force_login(world.staff)
    response = client.get(reverse("manage:export_list", args=["organisations", "csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="organisations-')
    data = response.content
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:2] == ["Nazwa", "Nazwa (angielska)"] or rows[0][0] in {"Name", "Nazwa"}
    assert rows[1][0] == "'" + INJECTION


def test_xlsx_export_reads_back_with_the_formula_as_text(client: Client, world: World) -> None:
    make_organisation(world.partner, name=INJECTION)
    client.force_login(world.staff)
    response = client.get(reverse("manage:export_list", args=["organisations", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet["A2"].value == INJECTION
    assert sheet["A2"].data_type == "s"


def test_export_applies_the_lists_filters(client: Client, world: World) -> None:
    make_organisation(world.partner, name="Spółdzielnia Socjalna Razem")
    make_organisation(world.partner, name="Fundacja Inna")
    client.force_login(world.staff)
    response = client.get(reverse("manage:export_list", args=["organisations", "csv"]) + "?q=spoldzielni")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Spółdzielnia Socjalna Razem"]


def test_people_export_holds_only_people_the_user_may_see_and_is_audited(
    client: Client, world: World
) -> None:
    make_person(world.partner, full_name="Anna Nasza", email="anna@example.org")
    make_person(world.other_partner, full_name="Obca Osoba", email="obca@example.org")
    client.force_login(world.staff)
    response = client.get(reverse("manage:export_list", args=["people", "csv"]))
    text = response.content.decode("utf-8-sig")
    assert "anna@example.org" in text
    assert "obca@example.org" not in text
    header, row = text.splitlines()[:2]
    assert header.startswith("Imię (imiona);Nazwisko;") and row.startswith("Anna;Nasza;")  # importable again
    assert AuditEvent.objects.filter(code="registry.person_list.exported", actor=world.staff).exists()


def test_an_unknown_export_format_is_not_found(client: Client, world: World) -> None:
    client.force_login(world.staff)
    assert client.get(reverse("manage:export_list", args=["people", "pdf"])).status_code == 404
