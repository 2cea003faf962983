"""Reading and writing the tables officials exchange: CSV (as Excel in Poland makes it) and XLSX.

Reading detects the format by content (never by the file name), the CSV encoding (UTF-8 with or
without BOM, else windows-1250) and separator (`;`, `,` or tab), and numbers rows as a spreadsheet
shows them (the header is row 1), so a message "row 57" points at the row the user sees. Every problem
is a `TabularError` with a message for the user, never a crash.

Reading streams: `open_table` reads the header, then yields the rows one by one, checking the `Limits`
(bytes, rows, columns, characters in a cell, unpacked size of a workbook) as it goes, so a hostile file
is refused after reading at most about a limit's worth of it, in memory bounded by one row. An XLSX
file's own claims (its declared dimension, its rows' numbers) are never trusted to size anything.

Writing makes files Excel opens correctly in Poland (UTF-8 with BOM, `;`, CRLF, decimal commas) and
neutralises formula injection: a text cell starting with = + - @ tab or CR is written inert.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import TracebackType
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the pre-2007 .xls (and .doc) container
BOM = "\ufeff"
MAX_ROWS = 1_000_000
MAX_COLUMNS = 200
MAX_CELL = 32_767  # Excel's own limit for one cell
MAX_UNPACKED = 256 * 1024 * 1024
# Excel's widest sheet: a row element with more cells than this is not a spreadsheet row.
MAX_XLSX_CELLS_PER_ROW = 16_384
MAX_ZIP_ENTRIES = 1_000
CHUNK = 1024 * 1024
# Characters a spreadsheet treats as the start of a formula (or that hide one after a line break).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TabularError(Exception):
    """A file that cannot be read as a table; the message says why, in words for the user."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Limits:
    """How much of a file the reader accepts; each is checked while the file is read."""

    max_bytes: int | None = None
    max_rows: int = MAX_ROWS  # data rows, blank ones included (the header is not counted)
    max_columns: int = MAX_COLUMNS
    max_cell: int = MAX_CELL  # characters
    max_unpacked_bytes: int = MAX_UNPACKED  # XLSX: the declared size of its parts once unzipped


@dataclass
class Table:
    """A header and the data rows, each with the row number the user sees (header = 1)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    warnings: list[str] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------------------------


class TableStream:
    """An open table: the header is read, the rows are read as they are iterated (once)."""

    def __init__(
        self,
        header: list[str],
        rows: Iterator[tuple[int, list[str]]],
        *,
        format: str,
        encoding: str = "",
        delimiter: str = "",
        close: Any = None,
    ) -> None:
        self.header = header
        self._rows = rows
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self._close = close

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self._rows

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> TableStream:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def read_table(
    source: bytes | IO[bytes], *, max_bytes: int | None = None, limits: Limits | None = None
) -> Table:
    """Read a whole CSV or XLSX file into memory: for small files (the streaming reader is `open_table`)."""
    limits = limits or Limits(max_bytes=max_bytes)
    with open_table(source, limits=limits) as table:
        rows = list(table)
        return Table(
            header=table.header,
            rows=rows,
            format=table.format,
            encoding=table.encoding,
            delimiter=table.delimiter,
        )


def open_table(
    source: bytes | IO[bytes], *, limits: Limits | None = None, sheet: str | None = None
) -> TableStream:
    """Open a CSV or XLSX file (bytes or a binary stream) and read its header; the caller closes it.

    A stream that cannot seek is first copied, at most `max_bytes` + 1 bytes of it. `sheet` names the
    worksheet of a workbook to read (case and surrounding spaces do not matter; a CSV file ignores it);
    without it the first worksheet is read.
    """
    limits = limits or Limits()
    stream = _seekable(source, limits.max_bytes)
    start = stream.tell()
    size = stream.seek(0, io.SEEK_END) - start
    stream.seek(start)
    if limits.max_bytes is not None and size > limits.max_bytes:
        raise too_large(limits.max_bytes)
    kind = sniff(stream.read(4096))
    stream.seek(start)
    if kind == "xlsx":
        return _open_xlsx(stream, limits, sheet)
    return _open_csv(stream, limits)


def too_large(limit: int) -> TabularError:
    return TabularError(
        _("The file is larger than %(limit)s MB. Split it into smaller files.")
        % {"limit": f"{limit / 1024 / 1024:g}"}
    )


def _seekable(source: bytes | IO[bytes], max_bytes: int | None) -> IO[bytes]:
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(bytes(source))
    if source.seekable():
        return source
    data = source.read(max_bytes + 1 if max_bytes is not None else -1)
    return io.BytesIO(data)


def sniff(head: bytes) -> str:
    """ "xlsx" or "csv" from the first bytes of a file, or the reason it is neither (cheap: 4 KB)."""
    if not head.strip():
        raise TabularError(_("The file is empty."))
    if head.startswith(XLSX_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        raise TabularError(
            _(
                "This is an old Excel (.xls) file. "
                "Save it as an Excel workbook (.xlsx) or as CSV and try again."
            )
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TabularError(
            _(
                "The file is in UTF-16 (Excel's “Unicode text”). "
                "Save it as “CSV UTF-8 (comma delimited)” and try again."
            )
        )
    if b"\x00" in head[:4096]:
        raise TabularError(_("This is not a text file: it contains binary data. Upload a CSV or XLSX file."))
    return "csv"


def _check_size(record: Sequence[str], row_number: int, limits: Limits) -> None:
    if len(record) > limits.max_columns:
        raise _too_wide(row_number, limits)
    for cell in record:
        if len(cell) > limits.max_cell:
            raise _cell_too_long(row_number, limits)


def _too_wide(row_number: int, limits: Limits) -> TabularError:
    return TabularError(
        _("Row %(row)s has more than %(max)s columns.") % {"row": row_number, "max": limits.max_columns},
        line=row_number,
    )


def _cell_too_long(row_number: int, limits: Limits) -> TabularError:
    return TabularError(
        _("Row %(row)s has a cell longer than %(max)s characters.")
        % {"row": row_number, "max": limits.max_cell},
        line=row_number,
    )


def _too_many_rows(limits: Limits) -> TabularError:
    return TabularError(
        _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": limits.max_rows}
    )


def _check_header(header: list[str]) -> None:
    named = [name for name in header if name]
    if not named:
        raise TabularError(_("The first row must name the columns."), line=1)
    seen: set[str] = set()
    for name in named:
        if name.casefold() in seen:
            raise TabularError(
                _("The column “%(name)s” appears twice in the first row.") % {"name": name}, line=1
            )
        seen.add(name.casefold())


def _with_header(
    records: Iterator[tuple[int, list[str]]],
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Split the first non-blank record off as the header; the rest are data rows."""
    for _number, record in records:
        header = [cell.strip() for cell in record]
        _check_header(header)
        return header, records
    raise TabularError(_("The file is empty."))


def _non_blank(records: Iterable[tuple[int, list[str]]], limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """Skip blank rows (still counted, as in a spreadsheet), check sizes, stop past the row limit."""
    for row_number, record in records:
        if row_number > limits.max_rows + 1:
            raise _too_many_rows(limits)
        if not any(cell.strip() for cell in record):
            continue
        _check_size(record, row_number, limits)
        yield row_number, record


# --- CSV ----------------------------------------------------------------------------------------------


def _control_message(line: int) -> str:
    return _("Line %(line)s contains a control character: this does not look like a CSV text file.") % {
        "line": line
    }


def _detect_encoding(stream: IO[bytes]) -> str:
    """UTF-8 if every byte decodes as UTF-8, else windows-1250; read in chunks, nothing kept."""
    start = stream.tell()
    for encoding in ("utf-8", "windows-1250"):
        decoder = codecs.getincrementaldecoder(encoding)()
        stream.seek(start)
        offset = 0
        try:
            while chunk := stream.read(CHUNK):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            if encoding == "utf-8":
                continue
            raise TabularError(
                _(
                    "The file is neither UTF-8 nor Windows-1250 text (unreadable byte at position "
                    "%(position)s). Save it as “CSV UTF-8” and try again."
                )
                % {"position": offset + error.start + 1}
            ) from None
        finally:
            stream.seek(start)
        return encoding
    raise AssertionError("unreachable")  # pragma: no cover


def detect_delimiter(text: str) -> str:
    """`;`, `,` or tab: whichever occurs most often outside quotes in the first line."""
    first_line = _first_record(text)
    counts = {delimiter: 0 for delimiter in (";", ",", "\t")}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


def _first_record(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _lines(text: IO[str], limit: int) -> Iterator[str]:
    """Physical lines, none longer than a full row may be (a file with no line breaks is not read whole)."""
    number = 0
    while line := text.readline(limit + 1):
        number += 1
        if len(line) > limit:
            raise TabularError(
                _("Line %(line)s is longer than a row may be. Check that this is a CSV file.")
                % {"line": number},
                line=number,
            )
        yield line


def _open_csv(stream: IO[bytes], limits: Limits) -> TableStream:
    encoding = _detect_encoding(stream)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="")
    line_limit = limits.max_columns * (limits.max_cell + 3) + 2
    lines = _lines(text, line_limit)
    head: list[str] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    delimiter = detect_delimiter(head[-1] if head else "")
    reader = csv.reader(itertools.chain(head, lines), delimiter=delimiter, strict=True)

    def records() -> Iterator[tuple[int, list[str]]]:
        # Spreadsheet rows count records, not physical lines: a quoted cell may hold line breaks.
        row_number = 0
        try:
            for record in reader:
                row_number += 1
                if _CONTROL.search("".join(record)):
                    raise TabularError(_control_message(row_number), line=row_number)
                yield row_number, record
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise _cell_too_long(row_number + 1, limits) from None
            raise TabularError(
                _("Row %(row)s is not valid CSV (%(reason)s). Check the quotation marks on that row.")
                % {"row": row_number + 1, "reason": str(error)},
                line=row_number + 1,
            ) from None

    def close() -> None:
        text.detach()  # the caller owns the binary stream

    try:
        header, rows = _with_header(_non_blank(records(), limits))
    except BaseException:
        close()
        raise
    return TableStream(header, rows, format="csv", encoding=encoding, delimiter=delimiter, close=close)


# --- XLSX ---------------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A spreadsheet value as the text the user typed: 5252248481.0 → '5252248481', dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


_NOT_A_WORKBOOK = "The file is not a readable Excel workbook (.xlsx). Open it in Excel and save it again."


def _check_archive(stream: IO[bytes], limits: Limits) -> None:
    """Refuse a zip bomb by the sizes its entries declare (zipfile never unpacks more than declared)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise TabularError(_(_NOT_A_WORKBOOK)) from None
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or sum(entry.file_size for entry in entries) > limits.max_unpacked_bytes
    ):
        raise TabularError(
            _(
                "The workbook unpacks to more than %(limit)s MB. "
                "Delete unused sheets and formatting, or save it as CSV, and try again."
            )
            % {"limit": f"{limits.max_unpacked_bytes / 1024 / 1024:g}"}
        )


def _open_xlsx(stream: IO[bytes], limits: Limits, sheet_name: str | None = None) -> TableStream:
    """The first worksheet of a workbook, or the one named; formulas give their cached values."""
    from openpyxl import load_workbook

    start = stream.tell()
    _check_archive(stream, limits)
    stream.seek(start)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for damaged parts; none is the user's to debug
        raise TabularError(_(_NOT_A_WORKBOOK)) from None
    try:
        sheets = [sheet for sheet in workbook.worksheets if hasattr(sheet, "_get_source")]
        if not sheets:
            raise TabularError(_("The workbook has no worksheet."))
        chosen = sheets[0]
        if sheet_name is not None:
            wanted = sheet_name.strip().casefold()
            named = [sheet for sheet in sheets if sheet.title.strip().casefold() == wanted]
            if not named:
                raise TabularError(
                    _("The workbook has no sheet “%(sheet)s”; its sheets are: %(sheets)s.")
                    % {"sheet": sheet_name, "sheets": ", ".join(sheet.title for sheet in sheets)[:500]}
                )
            chosen = named[0]
        header, rows = _with_header(_non_blank(_xlsx_records(workbook, chosen, limits), limits))
    except TabularError:
        workbook.close()
        raise
    except Exception:
        workbook.close()
        raise TabularError(
            _("The workbook could not be read to the end. Open it in Excel and save it again.")
        ) from None
    return TableStream(header, rows, format="xlsx", close=workbook.close)


def _xlsx_records(workbook: Any, sheet: Any, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """The sheet's rows as parsed from its XML, never padded to the dimension the file declares.

    openpyxl's own row iterator pads every row to the declared dimension and fills the rows the file
    skips, so a 5 KB file declaring A1:XFD1048576 would make it build a million rows of 16,384 cells.
    Here the XML is walked directly: a cell or row is only what the file really contains, cells are
    counted as they start (a row element of a million cells is refused before it is built), and the
    parsed rows are dropped from the tree at once.
    """
    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser
    from openpyxl.xml.functions import iterparse

    source = sheet._get_source()
    parser = WorkSheetParser(
        source,
        sheet._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    physical = 0
    cells = 0
    try:
        parent = None
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == CELL_TAG:
                    cells += 1
                    if cells > MAX_XLSX_CELLS_PER_ROW:
                        raise _too_wide(parser.row_counter + 1, limits)
                elif element.tag == ROW_TAG:
                    cells = 0
                    physical += 1
                    if physical > limits.max_rows + 1:
                        raise _too_many_rows(limits)
                elif parent is None and element.tag.endswith("}sheetData"):
                    parent = element
                continue
            if element.tag != ROW_TAG:
                continue
            row_number, parsed = parser.parse_row(element)
            element.clear()
            if parent is not None:
                parent.clear()  # the emptied row elements would otherwise pile up under sheetData
            if row_number > limits.max_rows + 1:
                raise _too_many_rows(limits)
            yield row_number, _xlsx_record(parsed, row_number, limits)
    except TabularError:
        raise
    except Exception:
        raise TabularError(
            _("The workbook could not be read to the end. Open it in Excel and save it again.")
        ) from None
    finally:
        source.close()


def _xlsx_record(cells: list[dict[str, Any]], row_number: int, limits: Limits) -> list[str]:
    values: dict[int, str] = {}
    for cell in cells:
        text = cell_text(cell.get("value"))
        if not text:
            continue
        column = int(cell["column"])
        if column > limits.max_columns:
            raise _too_wide(row_number, limits)
        if len(text) > limits.max_cell:
            raise _cell_too_long(row_number, limits)
        values[column] = text
    if not values:
        return []
    return [values.get(column, "") for column in range(1, max(values) + 1)]


# --- writing ----------------------------------------------------------------------------------------


def neutralise(value: str) -> str:
    """Make text inert in a spreadsheet: '=cmd|…' becomes "'=cmd|…" (shown, never evaluated)."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Any) -> str:
    """A value as Excel in Poland reads it: decimal commas, ISO dates, text made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return format(value, "f" if isinstance(value, Decimal) else "g").replace(".", ",")
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


def write_csv(stream: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Excel-ready CSV: UTF-8 with BOM, `;` separators, CRLF line ends."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        text.write(BOM)
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([neutralise(str(name)) for name in header])
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
        text.flush()
    finally:
        text.detach()  # the caller owns the stream


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.BytesIO()
    write_csv(buffer, header, rows)
    return buffer.getvalue()


def write_xlsx(
    stream: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet1"
) -> None:
    """An XLSX workbook with one sheet; text that looks like a formula is stored as text, marked so."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    bold = Font(bold=True)

    def text_cell(value: str, *, header_cell: bool = False) -> Any:
        cell = WriteOnlyCell(sheet, value=_xlsx_text(value))
        # Assigning a string starting with "=" makes openpyxl write a formula; force a text cell,
        # and quotePrefix tells Excel to keep it text even when the user edits it.
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        if header_cell:
            cell.font = bold
        return cell

    sheet.append([text_cell(str(name), header_cell=True) for name in header])
    for row in rows:
        sheet.append([_xlsx_value(sheet, value, text_cell) for value in row])
    workbook.save(stream)


def _xlsx_text(value: str) -> str:
    # Characters XML 1.0 cannot carry would corrupt the workbook; they are never meaningful in a registry.
    return _CONTROL.sub("", value)[:MAX_CELL]


def _xlsx_value(sheet: Any, value: Any, text_cell: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return text_cell(_("yes") if value else _("no"))
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        # Excel has no time zones: write the local wall-clock time the user expects.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value
    return text_cell(str(value))


def _sheet_title(title: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows 31 characters.
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet1"


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet1") -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, header, rows, title=title)
    return buffer.getvalue()
