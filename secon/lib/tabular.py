"""Reading and writing the tables officials exchange: CSV (as Excel in Poland makes it) and XLSX.

Reading detects the format by content (never by the file name), the CSV encoding (UTF-8 with or
without BOM, else windows-1250) and separator (`;`, `,` or tab), and numbers rows as a spreadsheet
shows them (the header is row 1), so a message "row 57" points at the row the user sees. Every problem
is a `TabularError` with a message for the user, never a crash.

Writing makes files Excel opens correctly in Poland (UTF-8 with BOM, `;`, CRLF, decimal commas) and
neutralises formula injection: a text cell starting with = + - @ tab or CR is written inert.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the pre-2007 .xls (and .doc) container
BOM = "\ufeff"
# A generous cap: 50 MB of CSV is about 500,000 rows of a registry export.
MAX_ROWS = 1_000_000
MAX_COLUMNS = 200
MAX_CELL = 32_767  # Excel's own limit for one cell
# Characters a spreadsheet treats as the start of a formula (or that hide one after a line break).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TabularError(Exception):
    """A file that cannot be read as a table; the message says why, in words for the user."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


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


def read_table(source: bytes | IO[bytes], *, max_bytes: int | None = None) -> Table:
    """Read a CSV or XLSX file given as bytes or a binary stream.

    With `max_bytes`, a bigger stream is refused after reading at most max_bytes + 1 bytes.
    """
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        data = source.read(max_bytes + 1 if max_bytes is not None else -1)
    if max_bytes is not None and len(data) > max_bytes:
        raise TabularError(
            _("The file is larger than %(limit)s MB. Split it into smaller files.")
            % {"limit": _megabytes(max_bytes)}
        )
    if not data.strip():
        raise TabularError(_("The file is empty."))
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    if data.startswith(OLE_MAGIC):
        raise TabularError(
            _(
                "This is an old Excel (.xls) file. "
                "Save it as an Excel workbook (.xlsx) or as CSV and try again."
            )
        )
    return read_csv(data)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (BOM or not), else windows-1250."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TabularError(
            _(
                "The file is in UTF-16 (Excel's “Unicode text”). "
                "Save it as “CSV UTF-8 (comma delimited)” and try again."
            )
        )
    if b"\x00" in data[:4096]:
        raise TabularError(_("This is not a text file: it contains binary data. Upload a CSV or XLSX file."))
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("windows-1250")
            encoding = "windows-1250"
        except UnicodeDecodeError as error:
            raise TabularError(
                _(
                    "The file is neither UTF-8 nor Windows-1250 text (unreadable byte at position "
                    "%(position)s). Save it as “CSV UTF-8” and try again."
                )
                % {"position": error.start + 1}
            ) from None
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        raise TabularError(
            _("Line %(line)s contains a control character: this does not look like a CSV text file.")
            % {"line": line},
            line=line,
        )
    return text, encoding


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


def read_csv(data: bytes) -> Table:
    text, encoding = decode_text(data)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    # Spreadsheet rows count records, not physical lines: a quoted cell may hold line breaks.
    row_number = 0
    try:
        for record in reader:
            row_number += 1
            if not any(cell.strip() for cell in record):
                continue
            _check_size(record, row_number)
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            rows.append((row_number, record))
            if len(rows) > MAX_ROWS:
                raise TabularError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    except csv.Error as error:
        raise TabularError(
            _("Row %(row)s is not valid CSV (%(reason)s). Check the quotation marks on that row.")
            % {"row": row_number + 1, "reason": str(error)},
            line=row_number + 1,
        ) from None
    if header is None:
        raise TabularError(_("The file is empty."))
    _check_header(header)
    return Table(header=header, rows=rows, format="csv", encoding=encoding, delimiter=delimiter)


def _check_size(record: Sequence[str], row_number: int) -> None:
    if len(record) > MAX_COLUMNS:
        raise TabularError(
            _("Row %(row)s has more than %(max)s columns.") % {"row": row_number, "max": MAX_COLUMNS},
            line=row_number,
        )
    for cell in record:
        if len(cell) > MAX_CELL:
            raise TabularError(
                _("Row %(row)s has a cell longer than %(max)s characters.")
                % {"row": row_number, "max": MAX_CELL},
                line=row_number,
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


def read_xlsx(data: bytes) -> Table:
    """The first worksheet of a workbook; formulas give their cached values."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError, AttributeError):
        raise TabularError(
            _("The file is not a readable Excel workbook (.xlsx). Open it in Excel and save it again.")
        ) from None
    except Exception:  # openpyxl raises many kinds for damaged parts; none is the user's to debug
        raise TabularError(
            _("The file is not a readable Excel workbook (.xlsx). Open it in Excel and save it again.")
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise TabularError(_("The workbook has no worksheet."))
        header: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            record = [cell_text(value) for value in values]
            while record and record[-1] == "":
                record.pop()
            if not any(cell.strip() for cell in record):
                continue
            _check_size(record, row_number)
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            rows.append((row_number, record))
            if len(rows) > MAX_ROWS:
                raise TabularError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    except TabularError:
        raise
    except Exception:
        raise TabularError(
            _("The workbook could not be read to the end. Open it in Excel and save it again.")
        ) from None
    finally:
        workbook.close()
    if header is None:
        raise TabularError(_("The file is empty."))
    _check_header(header)
    return Table(header=header, rows=rows, format="xlsx")


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
