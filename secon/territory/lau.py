"""Reading and checking Eurostat's list of local administrative units (LAU) of one country, row by row.

Eurostat publishes the list yearly as a workbook ("EU-27-LAU-…") with one sheet per country, named by
its NUTS code, and the columns NUTS 3 CODE, LAU CODE, LAU NAME NATIONAL, LAU NAME LATIN, POPULATION,
TOTAL AREA (m2) among others. The reader takes that sheet, or a CSV file with the same header, through
the house table reader (format by content, encoding, separator, size limits). Every row is checked
before anything is written; each problem is reported with the row number the spreadsheet shows.

The platform keeps the units of its partners' regions: a row whose NUTS-3 region lies in a NUTS-2
region the platform does not ship (most of a country's sheet) is counted and left out, not an error.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO

from django.utils.translation import gettext as _

from secon.lib.tabular import Limits, TabularError, open_table
from secon.territory.models import TERYT_COUNTRY, nuts_country
from secon.territory.teryt import RowError  # one bad row reads the same in both imports

# Required columns, then optional ones; names are compared without case, spacing or underscores.
NUTS3 = "NUTS 3 CODE"
CODE = "LAU CODE"
NAME = "LAU NAME NATIONAL"
NAME_LATIN = "LAU NAME LATIN"
POPULATION = "POPULATION"
AREA = "TOTAL AREA (M2)"
REQUIRED = (NUTS3, CODE, NAME)
OPTIONAL = (NAME_LATIN, POPULATION, AREA)
MAX_CODE_LENGTH = 20
MAX_NAME_LENGTH = 150
# The whole EU workbook is about 100,000 rows in all; one country's sheet far fewer.
LIMITS = Limits(max_bytes=100 * 1024 * 1024, max_rows=200_000, max_columns=60, max_cell=1_000)
_NUTS3 = re.compile(r"^[A-Z]{2}[0-9A-Z]{3}$")
_LAU_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_./-]*$")
_NOT_AVAILABLE = {"", ":", "-"}  # Eurostat marks a figure it does not have with ":"


class LauFileError(Exception):
    """The file as a whole cannot be used: unreadable, wrong columns, unknown country."""


@dataclass(frozen=True)
class LauRow:
    line: int
    nuts3: str
    code: str
    name: str
    name_latin: str
    population: int | None
    area_m2: int | None


@dataclass
class ParsedLau:
    country: str
    rows: list[LauRow]  # the valid rows in the platform's regions, to be written
    errors: list[RowError]
    outside: int = 0  # valid rows of regions the platform does not keep
    listed_codes: set[str] = field(default_factory=set)
    format: str = ""
    encoding: str = ""


def country_code(value: str, *, known: Collection[str]) -> str:
    """The NUTS country code for `--country` (GR is accepted for EL), or a LauFileError saying why not."""
    code = nuts_country(value) if len(value.strip()) == 2 else value.strip().upper()
    if code == TERYT_COUNTRY:
        raise LauFileError(
            _(
                "Poland's units come from the TERYT register, not from the LAU list: "
                "load the TERC file with import_teryt."
            )
        )
    if code not in known:
        raise LauFileError(
            _("“%(country)s” is not a country of the platform's partners; known countries: %(known)s.")
            % {"country": value, "known": ", ".join(sorted(set(known) - {TERYT_COUNTRY}))}
        )
    return code


def _normal(name: str) -> str:
    return " ".join(name.replace("_", " ").upper().split())


def _columns(header: list[str]) -> dict[str, int]:
    names = [_normal(name) for name in header]
    missing = [column for column in REQUIRED if column not in names]
    if missing:
        raise LauFileError(
            _(
                "The first row is not the header of a LAU list. Missing columns: %(missing)s "
                "(required: %(required)s; optional: %(optional)s); found: “%(found)s”."
            )
            % {
                "missing": ", ".join(missing),
                "required": ", ".join(REQUIRED),
                "optional": ", ".join(OPTIONAL),
                "found": "; ".join(header)[:300],
            }
        )
    return {name: index for index, name in enumerate(names) if name in REQUIRED + OPTIONAL}


def _whole_number(raw: str) -> int | None:
    """A count or an area as the list gives it: 12345, 12 345 or 12345.0; ':' when not available."""
    text = raw.replace("\u00a0", "").replace(" ", "")
    if text in _NOT_AVAILABLE:
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(raw) from None
    if not number.is_finite() or number < 0 or number >= 10**15:
        raise ValueError(raw)
    return int(number.to_integral_value())


def _check_row(
    line: int,
    values: dict[str, str],
    *,
    country: str,
    nuts3_codes: Collection[str],
    nuts2_codes: Collection[str],
) -> tuple[LauRow | None, bool, list[RowError]]:
    """The row if valid, whether it lies in the platform's regions, and its problems."""
    errors: list[RowError] = []

    def bad(column: str, reason: str) -> None:
        errors.append(RowError(line, column, reason))

    nuts3 = values[NUTS3].upper()
    inside = False
    if not nuts3:
        bad(NUTS3, _("the NUTS-3 code is empty"))
    elif not _NUTS3.match(nuts3):
        bad(NUTS3, _("“%(value)s” is not a NUTS-3 code (like ES431)") % {"value": values[NUTS3]})
    elif nuts3[:2] != country:
        bad(
            NUTS3,
            _("the NUTS-3 region %(code)s is not in %(country)s") % {"code": nuts3, "country": country},
        )
    elif nuts3[:4] in nuts2_codes:
        inside = True
        if nuts3 not in nuts3_codes:
            bad(
                NUTS3,
                _("%(code)s is not a NUTS-3 region of %(region)s (NUTS 2021)")
                % {"code": nuts3, "region": nuts3[:4]},
            )
    code = values[CODE]
    if not code:
        bad(CODE, _("the LAU code is empty"))
    elif len(code) > MAX_CODE_LENGTH or not _LAU_CODE.match(code):
        bad(
            CODE,
            _("“%(value)s” is not a LAU code (letters and digits, at most %(max)s)")
            % {"value": code[:40], "max": MAX_CODE_LENGTH},
        )
    name = values[NAME]
    if not name:
        bad(NAME, _("the name is empty"))
    elif len(name) > MAX_NAME_LENGTH:
        bad(NAME, _("the name is longer than %(max)s characters") % {"max": MAX_NAME_LENGTH})
    name_latin = values.get(NAME_LATIN, "")
    if len(name_latin) > MAX_NAME_LENGTH:
        bad(NAME_LATIN, _("the name is longer than %(max)s characters") % {"max": MAX_NAME_LENGTH})
    figures: dict[str, int | None] = {}
    for column in (POPULATION, AREA):
        try:
            figures[column] = _whole_number(values.get(column, ""))
        except ValueError:
            figures[column] = None
            bad(
                column,
                _("“%(value)s” is not a whole number (or “:” when not available)")
                % {"value": values[column][:40]},
            )
    if errors:
        return None, inside, errors
    # The national name in Latin script needs no second copy.
    latin = "" if name_latin == name else name_latin
    row = LauRow(line, nuts3, code, name, latin, figures[POPULATION], figures[AREA])
    return row, inside, []


def parse_lau(
    source: bytes | IO[bytes],
    *,
    country: str,
    nuts3_codes: Collection[str],
    nuts2_codes: Collection[str],
    encoding: str | None = None,
    sheet: str | None = None,
) -> ParsedLau:
    """Read the country's sheet (or a CSV file) and check every row; raises LauFileError for the file.

    `nuts3_codes` and `nuts2_codes` are the regions the platform has; `encoding` forces a CSV file's
    encoding (Latvian or Romanian text saved in a code page other than UTF-8 or windows-1250); `sheet`
    names a workbook's sheet when it is not the country's code, as in Eurostat's workbook.
    """
    if encoding is not None:
        source = _recoded(source, encoding)
    try:
        with open_table(source, limits=LIMITS, sheet=sheet or country) as table:
            columns = _columns(table.header)
            parsed = ParsedLau(country=country, rows=[], errors=[], format=table.format)
            parsed.encoding = encoding or table.encoding
            first_line_of: dict[str, int] = {}
            for line, record in table:
                values = {
                    column: (record[index].strip() if index < len(record) else "")
                    for column, index in columns.items()
                }
                row, inside, row_errors = _check_row(
                    line, values, country=country, nuts3_codes=nuts3_codes, nuts2_codes=nuts2_codes
                )
                code = values[CODE]
                if code:
                    parsed.listed_codes.add(code)
                    if code in first_line_of:
                        row_errors.append(
                            RowError(
                                line,
                                CODE,
                                _("the code %(code)s is already on line %(first)s")
                                % {"code": code, "first": first_line_of[code]},
                            )
                        )
                        row = None
                    else:
                        first_line_of[code] = line
                parsed.errors.extend(row_errors)
                if row is None:
                    continue
                if inside:
                    parsed.rows.append(row)
                else:
                    parsed.outside += 1
    except TabularError as error:
        where = _(" (line %(line)s)") % {"line": error.line} if error.line else ""
        raise LauFileError(error.message + where) from error
    if not first_line_of and not parsed.errors:
        raise LauFileError(_("The file has a header but no rows."))
    return parsed


def _recoded(source: bytes | IO[bytes], encoding: str) -> bytes:
    """A CSV file in a stated encoding, as UTF-8 for the table reader (a workbook is left as it is)."""
    raw = source if isinstance(source, bytes) else source.read((LIMITS.max_bytes or 0) + 1)
    if raw.startswith(b"PK\x03\x04"):
        return raw
    try:
        return raw.decode(encoding).encode("utf-8")
    except (LookupError, UnicodeDecodeError) as error:
        raise LauFileError(
            _("The file cannot be read as %(encoding)s: %(error)s") % {"encoding": encoding, "error": error}
        ) from error


def known_regions(nuts: Mapping[str, int]) -> tuple[set[str], set[str]]:
    """The NUTS-3 and NUTS-2 codes among `nuts` (code → level)."""
    return (
        {code for code, level in nuts.items() if level == 3},
        {code for code, level in nuts.items() if level == 2},
    )
