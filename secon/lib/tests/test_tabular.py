"""Reading CSV/XLSX as users make them, and writing files Excel opens safely."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from secon.lib.tabular import (
    BOM,
    TabularError,
    csv_bytes,
    detect_delimiter,
    open_table,
    read_table,
    xlsx_bytes,
)

# The reader's messages are checked in English (Polish is the default language).
pytestmark = pytest.mark.usefixtures("english")

INJECTION = "=cmd|' /C calc'!A0"


def xlsx_of(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_utf8_with_bom_and_semicolons_is_read_with_the_rows_the_user_sees() -> None:
    data = (BOM + "Nazwa;NIP\r\nSpółdzielnia „Razem”;5252248481\r\n\r\nFundacja Ą;\r\n").encode()
    table = read_table(data)
    assert table.header == ["Nazwa", "NIP"]
    assert table.delimiter == ";"
    assert table.encoding == "utf-8"
    # The empty row 3 is skipped but still counted, as in a spreadsheet.
    assert table.rows == [(2, ["Spółdzielnia „Razem”", "5252248481"]), (4, ["Fundacja Ą", ""])]


def test_commas_and_utf8_without_bom_are_detected() -> None:
    table = read_table(b'Name,Town\n"Foundation, Ltd",Radom\n')
    assert table.delimiter == ","
    assert table.rows == [(2, ["Foundation, Ltd", "Radom"])]


def test_a_quoted_line_break_keeps_later_row_numbers_as_in_the_spreadsheet() -> None:
    table = read_table(b'Name;Notes\nA;"two\nlines"\nB;x\n')
    assert [number for number, _row in table.rows] == [2, 3]


def test_windows_1250_is_read_when_the_file_is_not_utf8() -> None:
    table = read_table("Nazwa;Miasto\nŁódzka spółdzielnia;Płock\n".encode("windows-1250"))
    assert table.encoding == "windows-1250"
    assert table.rows[0][1] == ["Łódzka spółdzielnia", "Płock"]


def test_utf16_gets_a_message_saying_how_to_save_the_file() -> None:
    with pytest.raises(TabularError, match="UTF-16"):
        read_table("Nazwa\tNIP\n".encode("utf-16"))


def test_binary_junk_is_refused_as_not_a_text_file() -> None:
    with pytest.raises(TabularError, match="binary"):
        read_table(b"\x00\x01\x02garbage")


def test_an_unclosed_quote_names_the_row() -> None:
    with pytest.raises(TabularError) as caught:
        read_table(b'Name;NIP\nA;1\n"B;2\n')
    assert caught.value.line == 3
    assert "Row 3" in caught.value.message


def test_a_file_over_the_limit_is_refused_without_reading_it_whole() -> None:
    class Stream(io.BytesIO):
        asked: list[int] = []

        def read(self, size: int | None = -1) -> bytes:
            self.asked.append(size if size is not None else -1)
            return super().read(size)

    stream = Stream(b"a;b\n" + b"x;y\n" * 1000)
    with pytest.raises(TabularError, match="larger than"):
        read_table(stream, max_bytes=100)
    assert -1 not in stream.asked and sum(stream.asked) <= 101


def test_old_xls_files_are_refused_with_a_way_out() -> None:
    with pytest.raises(TabularError, match=r"\.xlsx"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


def test_a_damaged_xlsx_is_refused_clearly() -> None:
    data = xlsx_of([["Name"], ["A"]])
    with pytest.raises(TabularError, match="not a readable Excel workbook"):
        read_table(data[: len(data) // 2])


def test_xlsx_numbers_come_back_as_typed_and_rows_as_numbered_in_excel() -> None:
    table = read_table(xlsx_of([["Nazwa", "NIP", "Od"], ["A", 5252248481, dt.date(2024, 2, 23)], [], ["B"]]))
    assert table.format == "xlsx"
    assert table.rows == [(2, ["A", "5252248481", "2024-02-23"]), (4, ["B"])]


def test_a_header_naming_a_column_twice_is_refused() -> None:
    with pytest.raises(TabularError, match="twice"):
        read_table(b"NIP;nip\n1;2\n")


def test_delimiter_detection_ignores_separators_inside_quotes() -> None:
    assert detect_delimiter('"a;b;c",x,y\n') == ","
    assert detect_delimiter("single\n") == ";"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_junk_bytes_give_a_table_or_a_clear_error_never_a_crash(data: bytes) -> None:
    try:
        table = read_table(data)
    except TabularError as error:
        assert error.message
    else:
        assert table.header


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), min_size=2, max_size=2), min_size=1, max_size=5))
def test_what_we_write_we_read_back(rows: list[list[str]]) -> None:
    data = csv_bytes(["A", "B"], rows)
    try:
        table = read_table(data)
    except TabularError:
        return  # e.g. control characters in generated text are refused, which is the point
    assert table.header == ["A", "B"]


def test_csv_export_is_excel_ready_and_formulas_are_inert() -> None:
    data = csv_bytes(
        ["Nazwa", "Kwota", "Data"],
        [[INJECTION, Decimal("12.50"), dt.date(2024, 2, 23)], ["@SUM(A1)", 3.5, None], ["-2+3", 7, True]],
    )
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1] == ["'" + INJECTION, "12,50", "2024-02-23"]
    assert rows[2] == ["'@SUM(A1)", "3,5", ""]
    assert rows[3][0] == "'-2+3"


def test_xlsx_export_keeps_formula_like_text_as_text() -> None:
    data = xlsx_bytes(["Nazwa", "Liczba"], [[INJECTION, 5], ["\tTab", 1.5], ["zwykły", None]], title="Lista")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    cell = sheet["A2"]
    assert cell.value == INJECTION
    assert cell.data_type == "s"  # a string, not a formula ("f")
    assert cell.quotePrefix
    assert sheet["B2"].value == 5
    assert sheet["A4"].value == "zwykły"
    assert read_table(data).rows[0] == (2, [INJECTION, "5"])


def test_a_named_sheet_is_read_whatever_its_case_and_a_missing_one_names_the_others() -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Overview"
    first.append(["Not the data"])
    spain = book.create_sheet("ES")
    spain.append(["LAU CODE", "NAME"])
    spain.append(["06015", "Badajoz"])
    stream = io.BytesIO()
    book.save(stream)

    table = read_table_sheet(stream.getvalue(), "es")

    assert table == (["LAU CODE", "NAME"], [(2, ["06015", "Badajoz"])])
    with pytest.raises(TabularError, match="no sheet “PT”; its sheets are: Overview, ES"):
        read_table_sheet(stream.getvalue(), "PT")


def read_table_sheet(data: bytes, sheet: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    with open_table(data, sheet=sheet) as table:
        return table.header, list(table)
