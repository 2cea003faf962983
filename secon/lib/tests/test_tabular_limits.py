"""Hostile tables: the reader stops at its limits, as it reads, and says why (never hangs, never a crash)."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from secon.lib.tabular import Limits, TabularError, open_table, read_table

pytestmark = pytest.mark.usefixtures("english")

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SMALL = Limits(
    max_bytes=2_000_000, max_rows=1_000, max_columns=20, max_cell=500, max_unpacked_bytes=4_000_000
)


def xlsx_with_sheet(sheet_xml: str | bytes) -> bytes:
    """A real workbook whose first sheet's XML is replaced by the given text."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["placeholder"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode() if isinstance(sheet_xml, str) else sheet_xml
            target.writestr(entry.filename, data)
    return out.getvalue()


def sheet(rows: str, dimension: str = "A1:B2") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_workbook_declaring_a_million_rows_by_16384_columns_reads_only_its_real_rows() -> None:
    data = xlsx_with_sheet(
        sheet(
            f'<row r="1">{inline("A1", "Name")}</row><row r="2">{inline("A2", "Foundation")}</row>'
            f'<row r="900000">{inline("A900000", "Last")}</row>',
            dimension="A1:XFD1048576",
        )
    )
    assert len(data) < 10_000
    started = time.monotonic()
    table = read_table(data)
    assert time.monotonic() - started < 2
    assert (table.header, table.rows) == (["Name"], [(2, ["Foundation"]), (900000, ["Last"])])


def test_a_row_numbered_past_the_row_limit_is_refused_without_walking_the_gap() -> None:
    data = xlsx_with_sheet(
        sheet(f'<row r="1">{inline("A1", "Name")}</row><row r="1048576">{inline("A1048576", "x")}</row>')
    )
    with pytest.raises(TabularError, match="more than 1000 rows"):
        read_table(data, limits=SMALL)


def test_a_value_far_to_the_right_is_refused_by_the_column_limit() -> None:
    data = xlsx_with_sheet(sheet(f'<row r="1">{inline("A1", "Name")}{inline("XFD1", "far")}</row>'))
    with pytest.raises(TabularError, match="Row 1 has more than 20 columns"):
        read_table(data, limits=SMALL)


def test_a_row_element_with_more_cells_than_excel_allows_is_refused_as_it_is_read() -> None:
    cells = '<c r="A2"/>' * 20_000
    data = xlsx_with_sheet(sheet(f'<row r="1">{inline("A1", "Name")}</row><row r="2">{cells}</row>'))
    with pytest.raises(TabularError, match="Row 2 has more than"):
        read_table(data, limits=SMALL)


def test_a_zip_bomb_is_refused_by_the_size_its_parts_declare() -> None:
    padding = "<row/>" * 2_000_000  # 12 MB of XML that compresses to a few kilobytes
    data = xlsx_with_sheet(sheet(f'<row r="1">{inline("A1", "Name")}</row>{padding}'))
    assert len(data) < 200_000
    with pytest.raises(TabularError, match="unpacks to more than"):
        read_table(data, limits=SMALL)


def test_a_long_cell_in_a_workbook_is_refused() -> None:
    data = xlsx_with_sheet(
        sheet(f'<row r="1">{inline("A1", "Name")}</row><row r="2">{inline("A2", "x" * 600)}</row>')
    )
    with pytest.raises(TabularError, match="longer than 500 characters"):
        read_table(data, limits=SMALL)


def test_csv_rows_past_the_limit_stop_the_reading_at_the_limit() -> None:
    data = b"Name;Town\n" + b"A;B\n" * 1_000_000
    with open_table(data, limits=Limits(max_rows=1_000)) as table:
        read = 0
        with pytest.raises(TabularError, match="more than 1000 rows"):
            for _row in table:
                read += 1
    assert read == 1000


def test_blank_lines_count_towards_the_row_limit() -> None:
    with pytest.raises(TabularError, match="more than 1000 rows"):
        read_table(b"Name\n" + b"\n" * 5000 + b"A\n", limits=SMALL)


def test_csv_columns_and_cells_are_limited_with_the_row_named() -> None:
    with pytest.raises(TabularError, match="Row 2 has more than 20 columns"):
        read_table(b"Name\n" + b";" * 30 + b"x\n", limits=SMALL)
    with pytest.raises(TabularError, match="Row 3 has a cell longer than 500"):
        read_table(b"Name\nA\n" + b"x" * 501 + b"\n", limits=SMALL)


def test_a_csv_without_line_breaks_is_not_read_whole() -> None:
    with pytest.raises(TabularError, match="longer than a row may be"):
        read_table(b"Name;" + b"x;" * 100_000, limits=SMALL)


def test_an_unclosed_quote_spanning_the_file_is_a_cell_too_long() -> None:
    with pytest.raises(TabularError, match="longer than"):
        read_table(b'Name\n"' + b"abc\n" * 100_000, limits=Limits(max_cell=500))


def test_a_nul_byte_deep_in_a_csv_names_its_row() -> None:
    data = b"Name\n" + b"A\n" * 3000 + b"B\x00\n"
    with pytest.raises(TabularError, match="Line 3002 contains a control character"):
        read_table(data)


# --- the fuzz: whatever comes in, the reader finishes quickly with a table or a reason -------------------

CELL = st.one_of(
    st.text(max_size=30),
    st.text(alphabet='\x00\x01\x1b\x7f\ufeff\u202e;,\t"\n\r', max_size=10),
    st.integers(min_value=0, max_value=2_000).map(lambda n: "x" * n),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "windows-1250", "utf-16", "latin-1", "cp437"])


def _csv(rows: list[list[str]], delimiter: str) -> str:
    return "\n".join(delimiter.join(row) for row in rows)


HOSTILE_CSV = st.builds(
    lambda rows, delimiter, encoding: _csv(rows, delimiter).encode(encoding, errors="replace"),
    st.lists(st.lists(CELL, max_size=30), max_size=40),
    st.sampled_from([";", ",", "\t"]),
    ENCODINGS,
)


@st.composite
def hostile_xlsx(draw: st.DrawFn) -> bytes:
    rows = []
    for number in draw(st.lists(st.integers(min_value=0, max_value=1_100_000), max_size=6)):
        column = draw(st.sampled_from(["A", "B", "Z", "AA", "XFD"]))
        text = draw(CELL).replace("&", "&amp;").replace("<", "&lt;")
        text = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)
        attribute = f' r="{number}"' if number else ""
        padding = '<c r="A1"/>' * draw(st.sampled_from([0, 1, 17_000]))
        rows.append(f"<row{attribute}>{inline(f'{column}{max(number, 1)}', text)}{padding}</row>")
    dimension = draw(st.sampled_from(["A1", "A1:XFD1048576", "A1:B2", "junk"]))
    body = sheet("".join(rows), dimension=dimension)
    if draw(st.booleans()):
        body = body[: draw(st.integers(min_value=0, max_value=len(body)))]  # a truncated part
    return xlsx_with_sheet(body)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.one_of(HOSTILE_CSV, hostile_xlsx(), st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b)))
def test_hostile_files_finish_within_the_limits_with_a_table_or_a_reason(data: bytes) -> None:
    started = time.monotonic()
    try:
        table = read_table(data, limits=SMALL)
    except TabularError as error:
        assert error.message
    else:
        assert table.header and all(name.strip() == name for name in table.header)
        assert len(table.rows) <= SMALL.max_rows
        assert all(len(row) <= SMALL.max_columns for _n, row in table.rows)
        assert all(len(cell) <= SMALL.max_cell for _n, row in table.rows for cell in row)
    assert time.monotonic() - started < 5
