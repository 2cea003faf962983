"""`manage.py import_teryt`: small TERC files made here, good and bad, read as the official file is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from secon.core.models import AuditEvent
from secon.territory.models import TerritorialUnit
from secon.territory.services import units_in_subregion
from secon.territory.tests.conftest import HEADER, SAMPLE_ROWS, Output, terc_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

WriteFile = Callable[..., Path]
RunImport = Callable[..., Output]


def snapshot_units() -> list[tuple[Any, ...]]:
    return list(
        TerritorialUnit.objects.order_by("code").values_list(
            "code", "name", "kind_name", "stan_na", "is_current", "parent_id", "nuts3_id"
        )
    )


def import_events() -> Any:
    return AuditEvent.objects.filter(code="territory.teryt.imported")


# --- Good files -------------------------------------------------------------------------------------


def test_a_utf8_file_creates_every_level_with_parents_and_subregions(
    terc_file: WriteFile, run_import: RunImport
) -> None:
    output = run_import(terc_file())

    assert "TERC imported" in output.stdout
    units = {unit.code: unit for unit in TerritorialUnit.objects.select_related("parent", "nuts3")}
    assert units["1401013"].name == "Białobrzegi"
    assert units["1401013"].get_rodz_display() == "urban-rural gmina"
    assert units["1401013"].parent == units["1401"]
    assert units["1401014"].parent == units["1401013"]  # the town of an urban-rural gmina
    assert units["1401015"].parent == units["1401013"]  # its rural area
    assert units["1465028"].parent == units["1465011"]  # a district of Warsaw belongs to the city
    assert units["1465028"].get_rodz_display() == "district of Warsaw"
    assert units["0201011"].parent == units["0201"]
    assert units["0201"].parent == units["02"]
    assert units["1465"].kind_name == "miasto stołeczne, na prawach powiatu"
    assert units["1401"].stan_na == dt.date(2025, 1, 1)
    # Shipped powiats keep their subregion; other voivodeships' powiats have none.
    assert units["1401"].nuts3 is not None and units["1401"].nuts3.code == "PL921"
    assert units["1432"].nuts3 is not None and units["1432"].nuts3.code == "PL913"
    assert units["0201"].nuts3 is None
    # Gminas inherit their powiat's subregion.
    annotated = TerritorialUnit.objects.with_nuts3().get(code="1401015")
    assert annotated.nuts3_code == "PL921"  # type: ignore[attr-defined]
    assert TerritorialUnit.objects.gminas().in_voivodeship("14").count() == 5
    assert TerritorialUnit.objects.gmina_parts().count() == 3


def test_the_import_is_audited_with_its_counts(terc_file: WriteFile, run_import: RunImport) -> None:
    run_import(terc_file())

    event = import_events().get()
    assert event.actor is None
    assert event.changes["created"] == 11  # 15 rows; 14, 1401, 1432 and 1465 ship with the platform
    assert event.changes["updated"] == 4
    assert event.changes["unchanged"] == 0
    assert event.changes["rejected"] == 0
    assert event.changes["stan_na"] == "2025-01-01"
    assert event.changes["file"].startswith("TERC_")


def test_a_file_with_a_byte_order_mark_reads_the_same(terc_file: WriteFile, run_import: RunImport) -> None:
    run_import(terc_file(bom=True))
    with_bom = snapshot_units()
    assert TerritorialUnit.objects.filter(code="14").get().stan_na == dt.date(2025, 1, 1)
    assert "1401013" in {row[0] for row in with_bom}


def test_the_nazdod_header_of_older_files_is_accepted(terc_file: WriteFile, run_import: RunImport) -> None:
    run_import(terc_file(header="WOJ;POW;GMI;RODZ;NAZWA;NAZDOD;STAN_NA"))
    assert TerritorialUnit.objects.get(code="1401022").kind_name == "gmina wiejska"


def test_a_windows_1250_file_is_read_and_says_so(terc_file: WriteFile, run_import: RunImport) -> None:
    output = run_import(terc_file(encoding="cp1250"))
    assert "windows-1250" in output.stdout
    assert TerritorialUnit.objects.get(code="1432013").name == "Błonie"
    assert TerritorialUnit.objects.get(code="02").name == "DOLNOŚLĄSKIE"


def test_a_second_run_of_the_same_file_changes_nothing(terc_file: WriteFile, run_import: RunImport) -> None:
    path = terc_file()
    run_import(path)
    first = snapshot_units()

    output = run_import(path)

    assert snapshot_units() == first
    assert "created: 0, updated: 0, unchanged: 15, no longer listed: 0," in output.stdout
    assert import_events().count() == 2


def test_a_newer_file_updates_names_and_dates_and_retires_missing_units(
    terc_file: WriteFile, run_import: RunImport
) -> None:
    run_import(terc_file())
    newer = [row for row in SAMPLE_ROWS if not row.startswith("14;01;02;")]  # Promna is gone
    newer = [row.replace("Leszno;", "Leszno Nowe;") for row in newer]

    output = run_import(terc_file(terc_text(newer, date="2026-01-01")))

    leszno = TerritorialUnit.objects.get(code="1432052")
    assert (leszno.name, leszno.stan_na) == ("Leszno Nowe", dt.date(2026, 1, 1))
    assert TerritorialUnit.objects.named("leszno nowe").get() == leszno
    promna = TerritorialUnit.objects.get(code="1401022")  # kept, for organisations that point at it
    assert not promna.is_current
    assert promna.retired_on == dt.date(2026, 1, 1)
    assert not TerritorialUnit.objects.current().filter(code="1401022").exists()
    assert "no longer listed: 1," in output.stdout
    # The powiat keeps the subregion it shipped with.
    assert TerritorialUnit.objects.get(code="1401").nuts3.code == "PL921"  # type: ignore[union-attr]


def test_a_unit_listed_again_is_current_again(terc_file: WriteFile, run_import: RunImport) -> None:
    run_import(terc_file(terc_text([r for r in SAMPLE_ROWS if not r.startswith("14;01;02;")])))
    run_import(terc_file(date="2026-01-01"))
    promna = TerritorialUnit.objects.get(code="1401022")
    assert promna.is_current
    assert promna.retired_on is None


def test_a_full_file_retires_shipped_powiats_it_does_not_list_but_keeps_other_voivodeships(
    terc_file: WriteFile, run_import: RunImport
) -> None:
    run_import(terc_file(terc_text(["02;;;;DOLNOŚLĄSKIE;województwo;{date}"])))
    # Voivodeship 14 was not in that file: its shipped powiats are untouched.
    assert TerritorialUnit.objects.powiats().in_voivodeship("14").current().count() == 42

    output = run_import(terc_file())

    # The sample lists 3 of the 42 shipped powiats; the other 39 are no longer current, not deleted.
    assert "no longer listed: 39," in output.stdout
    assert TerritorialUnit.objects.powiats().in_voivodeship("14").count() == 42
    assert TerritorialUnit.objects.powiats().in_voivodeship("14").current().count() == 3


def test_an_extract_without_the_voivodeship_row_retires_nothing(
    terc_file: WriteFile, run_import: RunImport
) -> None:
    output = run_import(terc_file(terc_text([r for r in SAMPLE_ROWS if r.startswith("14;01;")])))
    assert "created: 4, updated: 1," in output.stdout
    assert "no longer listed: 0," in output.stdout
    assert TerritorialUnit.objects.powiats().current().count() == 42


def test_an_older_file_does_not_overwrite_newer_data(terc_file: WriteFile, run_import: RunImport) -> None:
    run_import(terc_file(date="2026-01-01"))
    renamed = [row.replace("Promna;", "Promna Stara;") for row in SAMPLE_ROWS]

    output = run_import(terc_file(terc_text(renamed, date="2024-01-01")))

    assert TerritorialUnit.objects.get(code="1401022").name == "Promna"
    assert "skipped as older than the database: 15," in output.stdout
    assert "no longer listed: 0," in output.stdout


def test_a_dry_run_reports_counts_and_writes_nothing(terc_file: WriteFile, run_import: RunImport) -> None:
    before = snapshot_units()

    output = run_import(terc_file(), "--dry-run")

    assert "Dry run, nothing was written" in output.stdout
    assert "created: 11," in output.stdout
    assert snapshot_units() == before
    assert not import_events().exists()


def test_gminas_of_an_imported_subregion_are_found_with_their_powiat(
    terc_file: WriteFile, run_import: RunImport
) -> None:
    run_import(terc_file())
    everything = set(units_in_subregion("PL913", current_only=False).values_list("code", flat=True))
    assert everything == {"1405", "1414", "1418", "1421", "1432", "1432013", "1432052"}
    # The sample file is the whole voivodeship now: powiats it does not list are no longer current.
    current = set(units_in_subregion("PL913").values_list("code", flat=True))
    assert current == {"1432", "1432013", "1432052"}


def test_the_number_of_queries_does_not_grow_with_the_rows(
    terc_file: WriteFile, run_import: RunImport, count_queries: Any
) -> None:
    def gminas(pow_code: str, count: int) -> list[str]:
        return [f"14;{pow_code};{n:02d};2;Gmina {n};gmina wiejska;{{date}}" for n in range(1, count + 1)]

    small = terc_file(terc_text(gminas("25", 3)))
    large = terc_file(terc_text(gminas("26", 40)))
    assert count_queries(lambda: run_import(small)) == count_queries(lambda: run_import(large))


# --- Bad rows ---------------------------------------------------------------------------------------


def test_one_bad_row_among_good_ones_stops_the_import_and_names_line_column_and_reason(
    terc_file: WriteFile, run_import: RunImport
) -> None:
    rows = list(SAMPLE_ROWS)
    rows[4] = "14;01;01;7;Białobrzegi;obszar wiejski;{date}"  # line 6 of the file
    before = snapshot_units()

    output = run_import(terc_file(terc_text(rows)), fails=True)

    assert "line 6, column RODZ: “7” is not a known kind of gmina (1, 2, 3, 4, 5, 8, 9)" in output.stderr
    assert "1 row is invalid" in output.error
    assert "nothing was imported" in output.error
    assert snapshot_units() == before
    assert not import_events().exists()


def test_every_bad_row_is_reported_not_only_the_first(terc_file: WriteFile, run_import: RunImport) -> None:
    rows = [
        "14;;;;MAZOWIECKIE;województwo;2025-01-01",  # line 2
        "14;1;;;białobrzeski;powiat;2025-01-01",  # line 3: POW of one digit
        "14;01;;;;powiat;2025-01-01",  # line 4: no name
        "14;02;;;ciechanowski;powiat;01.01.2025",  # line 5: not an ISO date
        "1X;;;;ŚLĄSKIE;województwo;2025-01-01",  # line 6: WOJ not digits
        "14;02;01;;Ciechanów;gmina miejska;2025-01-01",  # line 7: no RODZ
        "14;03;;;garwoliński;powiat;2025-01-01",  # line 8: fine
        "14;03;;;garwoliński;powiat;2025-01-01",  # line 9: duplicate of line 8
        "14;03;01;1;Garwolin;gmina miejska;2025-02-30",  # line 10: no such day
        "14;;01;1;Nigdzie;gmina miejska;2025-01-01",  # line 11: GMI without POW
        "14;03;02;2;Górzno",  # line 12: too few fields
        "14;03;03;2;Łaskarzew;gmina wiejska;2025-01-01;extra",  # line 13: too many
        "14;03;04;4;Pilawa;miasto;2025-01-01",  # line 14: its urban-rural gmina 1403043 is missing
        "22;01;;;bytowski;powiat;2025-01-01",  # line 15: voivodeship 22 is in neither file nor database
        "14;04;;2;gostyniński;powiat;2025-01-01",  # line 16: RODZ without GMI
    ]

    output = run_import(terc_file(HEADER + "\n" + "\n".join(rows) + "\n"), fails=True)

    expected = [
        "line 3, column POW: a powiat code is two digits or empty; found “1”",
        "line 4, column NAZWA: the name is empty",
        "line 5, column STAN_NA: “01.01.2025” is not a date in the form YYYY-MM-DD",
        "line 6, column WOJ: a voivodeship code is two digits, e.g. 14; found “1X”",
        "line 7, column RODZ: a gmina row needs its kind (1, 2, 3, 4, 5, 8, 9)",
        "line 9, column WOJ+POW+GMI+RODZ: the code 1403 is already on line 8",
        "line 10, column STAN_NA: “2025-02-30” is not a date in the form YYYY-MM-DD",
        "line 11, column POW: a gmina row needs the code of its powiat",
        "line 12, column —: the row has 5 fields, the header has 7",
        "line 13, column —: the row has 8 fields, the header has 7",
        "line 14, column GMI: its parent unit 1403043 is neither in the file nor in the database",
        "line 15, column WOJ: its parent unit 22 is neither in the file nor in the database",
        "line 16, column RODZ: only gmina rows have a kind; this row has no GMI code",
    ]
    reported = [line.strip() for line in output.stderr.splitlines() if line.strip().startswith("line ")]
    assert reported == expected
    assert "13 rows are invalid" in output.error
    assert TerritorialUnit.objects.get(code="1403").stan_na is None  # the shipped row, untouched


def test_valid_only_imports_the_good_rows_and_lists_the_rejected_ones(
    terc_file: WriteFile, run_import: RunImport
) -> None:
    rows = list(SAMPLE_ROWS)
    rows[12] = "02;;;;;województwo;{date}"  # line 14: the voivodeship has no name
    rows[1] = "14;01;;;białobrzeski;powiat;2025-13-01"  # line 3: a bad date on a shipped powiat

    output = run_import(terc_file(terc_text(rows)), "--valid-only")

    assert "line 14, column NAZWA: the name is empty" in output.stderr
    # The children of a rejected unit are rejected too, each with its own line.
    assert (
        "line 15, column WOJ: its parent unit 02 is neither in the file nor in the database" in output.stderr
    )
    assert (
        "line 16, column POW: its parent unit 0201 is neither in the file nor in the database"
        in output.stderr
    )
    assert "rejected rows: 4 " in output.stdout
    assert not TerritorialUnit.objects.filter(code__startswith="02").exists()
    assert TerritorialUnit.objects.get(code="1432052").name == "Leszno"
    # 1401 was in the file, though rejected: it is not retired, and its gminas still attach to it.
    powiat = TerritorialUnit.objects.get(code="1401")
    assert powiat.is_current and powiat.stan_na is None
    assert TerritorialUnit.objects.get(code="1401022").parent == powiat
    assert import_events().get().changes["rejected"] == 4


# --- Bad files --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "The file is empty.", id="empty"),
        pytest.param(b"  \r\n\r\n", "The file is empty.", id="blank lines"),
        pytest.param(HEADER.encode() + b"\r\n", "The file has a header but no rows.", id="header only"),
        pytest.param(
            b"WOJ;POW;GMI;NAZWA;STAN_NA\n14;;;MAZOWIECKIE;2025-01-01\n",
            "missing: RODZ, NAZWA_DOD",
            id="wrong header",
        ),
        pytest.param(
            b"WOJ,POW,GMI,RODZ,NAZWA,NAZWA_DOD,STAN_NA\n14,,,,MAZOWIECKIE,wojewodztwo,2025-01-01\n",
            "The columns must be separated by semicolons (;).",
            id="comma separated",
        ),
        pytest.param(
            "Wykaz gmin województwa mazowieckiego.\nTo nie jest plik CSV.\n".encode(),
            "The first line is not the TERC header.",
            id="prose, not CSV",
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file", id="binary with NULs"),
        pytest.param(bytes(range(1, 32)) * 20, "binary file", id="control characters"),
        pytest.param(b"\x81\x83\x88\x90\x98" * 10, "neither UTF-8 nor windows-1250", id="undecodable"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message_and_nothing_is_written(
    terc_file: WriteFile, run_import: RunImport, content: bytes, message: str
) -> None:
    before = snapshot_units()

    output = run_import(terc_file(content), fails=True)

    assert message in output.error
    assert snapshot_units() == before
    assert not import_events().exists()


def test_a_missing_file_is_refused(tmp_path: Path, run_import: RunImport) -> None:
    output = run_import(tmp_path / "nie-ma.csv", fails=True)
    assert "Cannot read" in output.error


def test_a_forced_encoding_that_does_not_fit_is_refused(terc_file: WriteFile, run_import: RunImport) -> None:
    output = run_import(terc_file(encoding="cp1250"), "--encoding", "utf-8", fails=True)
    assert "cannot be read as utf-8" in output.error


def test_another_countrys_unit_with_a_terc_code_is_left_alone(
    terc_file: WriteFile, run_import: RunImport
) -> None:
    from secon.territory.models import NutsRegion, UnitLevel

    spanish = TerritorialUnit.objects.create(
        country="ES",
        code="1401",
        level=UnitLevel.LAU,
        name="Prueba",
        nuts3=NutsRegion.objects.get(code="ES431"),
    )

    run_import(terc_file())

    spanish.refresh_from_db()
    assert (spanish.name, spanish.is_current, spanish.parent_id) == ("Prueba", True, None)
    assert TerritorialUnit.objects.get(country="PL", code="1401").name == "białobrzeski"
    assert TerritorialUnit.objects.get(country="PL", code="1401013").parent.code == "1401"  # type: ignore[union-attr]
