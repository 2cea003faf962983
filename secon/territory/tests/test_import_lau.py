"""`manage.py import_lau`: small LAU workbooks and CSV files made here, good and bad, shaped as Eurostat's."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from secon.core.models import AuditEvent
from secon.territory.models import TerritorialUnit, UnitLevel
from secon.territory.tests.conftest import Output

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

HEADER = [
    "NUTS 3 CODE", "LAU CODE", "LAU NAME NATIONAL", "LAU NAME LATIN", "CHANGE (Y/N)", "POPULATION",
    "TOTAL AREA (m2)",
]  # fmt: skip
# Three municipalities of Extremadura and one of Madrid, which the platform does not keep.
SPAIN = [
    ["ES431", "06015", "Badajoz", "Badajoz", "no", 150000, 1440000000],
    ["ES431", "06083", "Mérida", "Mérida", "no", 60000, 865000000],
    ["ES432", "10037", "Cáceres", "Cáceres", "no", 96000, 1750000000],
    ["ES300", "28079", "Madrid", "Madrid", "no", 3300000, 604000000],
]

Rows = list[list[Any]]


@pytest.fixture
def workbook(tmp_path: Path) -> Callable[..., Path]:
    """An XLSX file shaped like Eurostat's: an overview sheet first, then one sheet per country."""

    def write(sheets: dict[str, Rows] | None = None, *, name: str = "EU-27-LAU-2023-NUTS-2021.xlsx") -> Path:
        book = Workbook()
        overview = book.active
        assert overview is not None
        overview.title = "Overview"
        overview.append(["Local Administrative Units (LAU)"])
        for title, rows in (sheets if sheets is not None else {"ES": [HEADER, *SPAIN]}).items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    def write(rows: Rows, *, name: str = "LAU-2023-ES.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        text = "\r\n".join(";".join(str(cell) for cell in row) for row in rows) + "\r\n"
        path.write_bytes(text.encode(encoding))
        return path

    return write


def run(path: Path, *args: str, fails: bool = False) -> Output:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_lau", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        if not fails:
            raise
        return Output(out.getvalue(), err.getvalue(), str(error))
    if fails:
        pytest.fail("import_lau was expected to refuse the file")
    return Output(out.getvalue(), err.getvalue())


def local_units() -> dict[str, TerritorialUnit]:
    return {unit.code: unit for unit in TerritorialUnit.objects.local_units().select_related("nuts3")}


# --- Good files -------------------------------------------------------------------------------------


def test_the_countrys_sheet_of_the_workbook_creates_its_units_in_the_partners_region(
    workbook: Callable[..., Path],
) -> None:
    output = run(workbook(), "--country", "ES")

    assert "LAU imported" in output.stdout
    assert "created: 3" in output.stdout and "outside the partners' regions: 1" in output.stdout
    units = local_units()
    assert sorted(units) == ["06015", "06083", "10037"]  # Madrid lies outside Extremadura
    badajoz = units["06015"]
    assert (badajoz.country, badajoz.level, badajoz.name) == ("ES", UnitLevel.LAU, "Badajoz")
    assert badajoz.nuts3 is not None and badajoz.nuts3.code == "ES431"
    assert badajoz.population == 150000 and badajoz.area_m2 == 1440000000
    assert badajoz.stan_na == dt.date(2023, 1, 1)  # the year in Eurostat's file name
    assert badajoz.name_latin == ""  # the same as the national name, not kept twice
    assert units["10037"].nuts3.code == "ES432"  # type: ignore[union-attr]
    assert list(TerritorialUnit.objects.in_subregion("ES432").values_list("code", flat=True)) == ["10037"]
    event = AuditEvent.objects.get(code="territory.lau.imported")
    assert event.changes["country"] == "ES" and event.changes["created"] == 3


def test_a_csv_file_with_the_same_header_is_read_too_and_gr_is_taken_as_el(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        [HEADER, ["EL652", "90000001", "Κόρινθος", "Korinthos", "no", ":", ""]],
        name="greece.csv",
    )

    run(path, "--country", "GR", "--as-of", "2024-01-01")

    unit = local_units()["90000001"]
    assert (unit.country, unit.name, unit.name_latin) == ("EL", "Κόρινθος", "Korinthos")
    assert str(unit) == "Κόρινθος (Korinthos)"
    assert unit.population is None and unit.area_m2 is None  # ":" is Eurostat's "not available"
    assert unit.stan_na == dt.date(2024, 1, 1)


def test_a_csv_file_in_a_stated_encoding_is_read_in_it(csv_file: Callable[..., Path]) -> None:
    path = csv_file(
        [["NUTS 3 CODE", "LAU CODE", "LAU NAME NATIONAL"], ["LV006", "0001000", "Rīga"]],
        name="LAU-2023-LV.csv",
        encoding="cp1257",
    )

    output = run(path, "--country", "LV", "--encoding", "cp1257")

    assert "cp1257" in output.stdout
    assert local_units()["0001000"].name == "Rīga"


def test_importing_the_same_list_again_changes_nothing(workbook: Callable[..., Path]) -> None:
    path = workbook()
    run(path, "--country", "ES")
    before = list(TerritorialUnit.objects.local_units().values_list("pk", "code", "name", "stan_na"))

    output = run(path, "--country", "ES")

    assert "created: 0, updated: 0, unchanged: 3" in output.stdout
    assert list(TerritorialUnit.objects.local_units().values_list("pk", "code", "name", "stan_na")) == before


def test_a_newer_list_retires_the_units_it_no_longer_names_and_renames_the_others(
    workbook: Callable[..., Path],
) -> None:
    run(workbook(), "--country", "ES")
    newer = [HEADER, ["ES431", "06015", "Badajoz (Ciudad)", "", "yes", 151000, 1440000000], SPAIN[2]]

    output = run(workbook({"ES": newer}, name="EU-27-LAU-2024-NUTS-2021.xlsx"), "--country", "ES")

    assert "updated: 2" in output.stdout and "no longer listed: 1" in output.stdout
    units = local_units()
    assert units["06015"].name == "Badajoz (Ciudad)" and units["06015"].population == 151000
    merida = units["06083"]  # kept, for the organisations that point at it
    assert not merida.is_current and merida.retired_on == dt.date(2024, 1, 1)
    assert units["10037"].is_current


def test_an_older_list_does_not_overwrite_newer_data(workbook: Callable[..., Path]) -> None:
    run(workbook(name="EU-27-LAU-2024-NUTS-2021.xlsx"), "--country", "ES")
    older = [HEADER, ["ES431", "06015", "Badajoz antiguo", "", "no", 1, 1]]

    output = run(workbook({"ES": older}, name="EU-27-LAU-2020-NUTS-2016.xlsx"), "--country", "ES")

    assert "skipped as older than the database: 1" in output.stdout and "no longer listed: 0" in output.stdout
    assert local_units()["06015"].name == "Badajoz"
    assert all(unit.is_current for unit in local_units().values())


def test_a_dry_run_checks_and_counts_but_writes_nothing(workbook: Callable[..., Path]) -> None:
    output = run(workbook(), "--country", "ES", "--dry-run")

    assert "Dry run" in output.stdout and "created: 3" in output.stdout
    assert not TerritorialUnit.objects.local_units().exists()
    assert not AuditEvent.objects.filter(code="territory.lau.imported").exists()


def test_polish_teryt_units_are_untouched_by_a_lau_import_with_the_same_code(
    csv_file: Callable[..., Path],
) -> None:
    # Codes are unique within a country: a Spanish unit may carry a code a Polish powiat has.
    path = csv_file([HEADER, ["ES431", "1465", "Prueba", "", "no", "", ""]])

    run(path, "--country", "ES")

    assert TerritorialUnit.objects.get(country="PL", code="1465").name == "Warszawa"
    assert TerritorialUnit.objects.get(country="ES", code="1465").name == "Prueba"


# --- Bad files: a clear message, nothing written -----------------------------------------------------


def test_wrong_columns_are_named_and_nothing_is_written(csv_file: Callable[..., Path]) -> None:
    path = csv_file([["NUTS3", "CODE", "NAME"], ["ES431", "06015", "Badajoz"]])

    output = run(path, "--country", "ES", fails=True)

    assert "Missing columns: NUTS 3 CODE, LAU CODE, LAU NAME NATIONAL" in output.error
    assert "found: “NUTS3; CODE; NAME”" in output.error
    assert not TerritorialUnit.objects.local_units().exists()


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("XX", "“XX” is not a country of the platform's partners; known countries: BE, BG, DE, EL, ES"),
        ("PL", "Poland's units come from the TERYT register"),
    ],
)
def test_an_unknown_country_or_poland_is_refused(
    workbook: Callable[..., Path], country: str, message: str
) -> None:
    output = run(workbook(), "--country", country, fails=True)

    assert message in output.error
    assert not TerritorialUnit.objects.local_units().exists()


def test_a_workbook_without_the_countrys_sheet_names_the_sheets_it_has(workbook: Callable[..., Path]) -> None:
    output = run(workbook(), "--country", "PT", fails=True)

    assert "The workbook has no sheet “PT”; its sheets are: Overview, ES." in output.error


def test_duplicate_codes_are_reported_with_both_lines_and_nothing_is_written(
    workbook: Callable[..., Path],
) -> None:
    rows = [HEADER, *SPAIN, ["ES432", "06015", "Otra", "", "no", 1, 1]]

    output = run(workbook({"ES": rows}), "--country", "ES", fails=True)

    assert "line 6, column LAU CODE: the code 06015 is already on line 2" in output.stderr
    assert "1 row is invalid" in output.error and "nothing was imported" in output.error
    assert not TerritorialUnit.objects.local_units().exists()


def test_every_bad_row_is_reported_with_its_line_and_column(csv_file: Callable[..., Path]) -> None:
    rows = [
        HEADER,
        ["ES431", "06015", "Badajoz", "", "no", 150000, 1],  # good, but not written
        ["ES439", "06999", "Nowhere", "", "no", 1, 1],  # a region Extremadura does not have
        ["PT111", "06998", "Arcos", "", "no", 1, 1],  # a Portuguese region in Spain's list
        ["ES431", "06997", "", "", "no", 1, 1],  # no name
        ["ES432", "", "Sin código", "", "no", 1, 1],
        ["ES43", "06996", "Corta", "", "no", 1, 1],  # not a NUTS-3 code
        ["ES432", "06995", "Mucha", "", "no", "muchos", -5],
    ]

    output = run(csv_file(rows), "--country", "ES", fails=True)

    for expected in [
        "line 3, column NUTS 3 CODE: ES439 is not a NUTS-3 region of ES43 (NUTS 2021)",
        "line 4, column NUTS 3 CODE: the NUTS-3 region PT111 is not in ES",
        "line 5, column LAU NAME NATIONAL: the name is empty",
        "line 6, column LAU CODE: the LAU code is empty",
        "line 7, column NUTS 3 CODE: “ES43” is not a NUTS-3 code (like ES431)",
        "line 8, column POPULATION: “muchos” is not a whole number",
        "line 8, column TOTAL AREA (M2): “-5” is not a whole number",
    ]:
        assert expected in output.stderr
    assert "line 2" not in output.stderr
    assert "6 rows are invalid (7 problems in all)" in output.error
    assert not TerritorialUnit.objects.local_units().exists()


def test_a_file_that_is_not_a_table_is_refused_with_the_readers_reason(tmp_path: Path) -> None:
    path = tmp_path / "LAU-2023.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")

    output = run(path, "--country", "ES", fails=True)

    assert "not a readable Excel workbook" in output.error


def test_without_a_year_in_the_name_the_date_must_be_given(csv_file: Callable[..., Path]) -> None:
    path = csv_file([HEADER, SPAIN[0]], name="municipios.csv")

    output = run(path, "--country", "ES", fails=True)

    assert "--as-of YYYY-MM-DD" in output.error
    assert not TerritorialUnit.objects.local_units().exists()
