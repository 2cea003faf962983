"""Reading and validating the official TERC file (GUS TERYT): every row is checked before anything is written.

The file is a `;`-separated CSV with the header WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA (older files say
NAZDOD), in UTF-8 with or without a byte-order mark or, from some GUS downloads, in windows-1250.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from secon.territory.models import GMINA_PART_KINDS, GminaKind, UnitLevel, level_of, terc_code

COLUMNS = ("WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA")
COLUMN_ALIASES = {"NAZDOD": "NAZWA_DOD"}
KNOWN_RODZ = tuple(kind.value for kind in GminaKind)
MAX_NAME_LENGTH = 100
_TWO_DIGITS = re.compile(r"^\d{2}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Order of writing: a parent always comes before its children.
DEPTH = {UnitLevel.VOIVODESHIP: 0, UnitLevel.POWIAT: 1, UnitLevel.GMINA: 2}


class TercFileError(Exception):
    """The file as a whole cannot be read: empty, binary, wrong encoding or not the TERC header."""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("line %(line)s, column %(column)s: %(reason)s") % {
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class TercRow:
    line: int
    woj: str
    pow: str
    gmi: str
    rodz: str
    name: str
    kind_name: str
    stan_na: dt.date

    @property
    def code(self) -> str:
        return terc_code(self.woj, self.pow, self.gmi, self.rodz)

    @property
    def level(self) -> str:
        return level_of(self.pow, self.gmi)

    @property
    def depth(self) -> int:
        # Towns, rural areas and districts hang below a gmina, so they come one step later.
        return DEPTH[UnitLevel(self.level)] + (1 if self.rodz in GMINA_PART_KINDS else 0)

    @property
    def parent_code(self) -> str:
        if self.level == UnitLevel.VOIVODESHIP:
            return ""
        if self.level == UnitLevel.POWIAT:
            return self.woj
        if self.rodz in (GminaKind.TOWN_IN_URBAN_RURAL, GminaKind.RURAL_AREA_OF_URBAN_RURAL):
            return terc_code(self.woj, self.pow, self.gmi, GminaKind.URBAN_RURAL)
        if self.rodz in (GminaKind.WARSAW_DISTRICT, GminaKind.CITY_DISTRICT):
            # Districts and delegations belong to the city itself, the urban gmina 01 of its powiat.
            return terc_code(self.woj, self.pow, "01", GminaKind.URBAN)
        return terc_code(self.woj, self.pow)


@dataclass
class ParsedTerc:
    rows: list[TercRow]
    errors: list[RowError]
    encoding: str
    # Codes of every row whose code columns were readable, valid or not: a rejected row is still
    # listed in the file, so its unit must not be retired as missing.
    listed_codes: set[str] = field(default_factory=set)

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})

    @property
    def stan_na(self) -> dt.date | None:
        return max((row.stan_na for row in self.rows), default=None)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of the file and the encoding it was read with."""
    if not data.strip():
        raise TercFileError(_("The file is empty."))
    if b"\x00" in data[:65536]:
        raise TercFileError(_("This is a binary file, not a TERC CSV file."))
    if encoding:
        try:
            return data.decode(encoding).removeprefix("\ufeff"), encoding
        except (LookupError, UnicodeDecodeError) as error:
            raise TercFileError(
                _("The file cannot be read as %(encoding)s: %(error)s")
                % {"encoding": encoding, "error": error}
            ) from error
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1250")
    except UnicodeDecodeError as error:
        raise TercFileError(
            _("The file is neither UTF-8 nor windows-1250 text; is it the TERC CSV file?")
        ) from error
    return text, "windows-1250"


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return control > max(2, len(sample) // 100)


def _header(fields: list[str]) -> dict[str, int]:
    names = [name.strip().lstrip("\ufeff").upper() for name in fields]
    names = [COLUMN_ALIASES.get(name, name) for name in names]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        expected = ";".join(COLUMNS)
        found = ";".join(fields)[:200]
        hint = ""
        if len(fields) == 1 and ("," in fields[0] or "\t" in fields[0]):
            hint = " " + _("The columns must be separated by semicolons (;).")
        raise TercFileError(
            _(
                "The first line is not the TERC header. Expected the columns %(expected)s "
                "(NAZDOD is accepted for NAZWA_DOD); missing: %(missing)s; found: “%(found)s”."
            )
            % {"expected": expected, "missing": ", ".join(missing), "found": found}
            + hint
        )
    duplicates = sorted({name for name in names if names.count(name) > 1 and name in COLUMNS})
    if duplicates:
        raise TercFileError(
            _("The header names a column twice: %(columns)s.") % {"columns": ", ".join(duplicates)}
        )
    return {name: index for index, name in enumerate(names) if name in COLUMNS}


def _check_row(line: int, values: dict[str, str]) -> tuple[TercRow | None, list[RowError]]:
    errors: list[RowError] = []

    def bad(column: str, reason: str) -> None:
        errors.append(RowError(line, column, reason))

    woj, pow_, gmi, rodz = values["WOJ"], values["POW"], values["GMI"], values["RODZ"]
    if not _TWO_DIGITS.match(woj) or woj == "00":
        bad("WOJ", _("a voivodeship code is two digits, e.g. 14; found “%(value)s”") % {"value": woj})
    if pow_ and (not _TWO_DIGITS.match(pow_) or pow_ == "00"):
        bad("POW", _("a powiat code is two digits or empty; found “%(value)s”") % {"value": pow_})
    if gmi and (not _TWO_DIGITS.match(gmi) or gmi == "00"):
        bad("GMI", _("a gmina code is two digits or empty; found “%(value)s”") % {"value": gmi})
    if gmi and not pow_:
        bad("POW", _("a gmina row needs the code of its powiat"))
    if gmi and not rodz:
        bad("RODZ", _("a gmina row needs its kind (%(kinds)s)") % {"kinds": ", ".join(KNOWN_RODZ)})
    elif gmi and rodz not in KNOWN_RODZ:
        bad(
            "RODZ",
            _("“%(value)s” is not a known kind of gmina (%(kinds)s)")
            % {"value": rodz, "kinds": ", ".join(KNOWN_RODZ)},
        )
    elif rodz and not gmi:
        bad("RODZ", _("only gmina rows have a kind; this row has no GMI code"))
    name = values["NAZWA"]
    if not name:
        bad("NAZWA", _("the name is empty"))
    elif len(name) > MAX_NAME_LENGTH:
        bad("NAZWA", _("the name is longer than %(max)s characters") % {"max": MAX_NAME_LENGTH})
    kind_name = values["NAZWA_DOD"]
    if len(kind_name) > MAX_NAME_LENGTH:
        bad("NAZWA_DOD", _("the text is longer than %(max)s characters") % {"max": MAX_NAME_LENGTH})
    stan_na: dt.date | None = None
    raw_date = values["STAN_NA"]
    try:
        if not _ISO_DATE.match(raw_date):
            raise ValueError
        stan_na = dt.date.fromisoformat(raw_date)
    except ValueError:
        bad("STAN_NA", _("“%(value)s” is not a date in the form YYYY-MM-DD") % {"value": raw_date})
    if errors or stan_na is None:
        return None, errors
    return TercRow(line, woj, pow_, gmi, rodz, name, kind_name, stan_na), []


def parse_terc(
    data: bytes, *, existing_codes: Collection[str] = (), encoding: str | None = None
) -> ParsedTerc:
    """Read and check every row. Raises TercFileError when the file as a whole is unusable.

    `existing_codes` are the units already in the database: a row's parent may be there or in the file.
    """
    text, used_encoding = decode(data, encoding)
    if _looks_binary(text):
        raise TercFileError(_("This is a binary file, not a TERC CSV file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        header_fields = next(reader)
    except StopIteration as error:  # pragma: no cover - decode() already refused blank files
        raise TercFileError(_("The file is empty.")) from error
    except csv.Error as error:
        raise TercFileError(_("The file is not valid CSV: %(error)s") % {"error": error}) from error
    columns = _header(header_fields)

    candidates: list[TercRow] = []
    errors: list[RowError] = []
    listed: set[str] = set()
    first_line_of: dict[str, int] = {}
    try:
        for fields in reader:
            line = reader.line_num
            if not any(value.strip() for value in fields):
                continue
            if len(fields) != len(header_fields):
                errors.append(
                    RowError(
                        line,
                        "—",
                        _("the row has %(found)s fields, the header has %(expected)s")
                        % {"found": len(fields), "expected": len(header_fields)},
                    )
                )
                continue
            values = {column: fields[index].strip() for column, index in columns.items()}
            row, row_errors = _check_row(line, values)
            if row is None:
                code_columns_ok = not any(e.column in ("WOJ", "POW", "GMI", "RODZ") for e in row_errors)
                if code_columns_ok:
                    listed.add(terc_code(values["WOJ"], values["POW"], values["GMI"], values["RODZ"]))
                errors.extend(row_errors)
                continue
            listed.add(row.code)
            if row.code in first_line_of:
                errors.append(
                    RowError(
                        line,
                        "WOJ+POW+GMI+RODZ",
                        _("the code %(code)s is already on line %(first)s")
                        % {"code": row.code, "first": first_line_of[row.code]},
                    )
                )
                continue
            first_line_of[row.code] = line
            candidates.append(row)
    except csv.Error as error:
        raise TercFileError(
            _("The file is not valid CSV near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    if not candidates and not errors:
        raise TercFileError(_("The file has a header but no rows."))

    # Parents: checked level by level, so the children of a rejected unit are rejected too.
    known = set(existing_codes)
    accepted: list[TercRow] = []
    for row in sorted(candidates, key=lambda r: (r.depth, r.line)):
        parent = row.parent_code
        if parent and parent not in known:
            column = "POW" if row.level == UnitLevel.GMINA and row.rodz not in GMINA_PART_KINDS else "WOJ"
            if row.rodz in GMINA_PART_KINDS:
                column = "GMI"
            errors.append(
                RowError(
                    row.line,
                    column,
                    _("its parent unit %(parent)s is neither in the file nor in the database")
                    % {"parent": parent},
                )
            )
            continue
        known.add(row.code)
        accepted.append(row)
    errors.sort(key=lambda e: e.line)
    return ParsedTerc(rows=accepted, errors=errors, encoding=used_encoding, listed_codes=listed)
