"""Import of organisations and people from CSV/XLSX: mapping, dry run, all-or-nothing write.

The whole file is validated in memory against lookups of the partner's registry built once (identifiers,
e-mails, normalised names), so 100,000 rows take seconds. The result is a `Plan`: what each row would
create, update or merge, and every bad row with its row number, column and reason. The dry run stores
the plan's report; confirming validates again (the registry may have changed) and writes the plan in
one transaction with bulk inserts and updates, so a killed process leaves nothing half-written.

How rows meet records:
- an identifier (KRS, NIP, REGON; a person's e-mail) already in the registry → the row updates it
  (non-empty cells overwrite, empty cells leave fields alone);
- no identifier, the same normalised name (and town) as exactly one record → the row is merged into it
  (it only fills fields that are empty);
- a row naming the same organisation or person as an earlier row of the file → it updates what the
  earlier row creates (reported as a duplicate in the file);
- identifiers that point at different records, or contradict the record they match → a bad row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator, validate_email
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from secon.core.access import can_edit_partner
from secon.core.audit import record_event
from secon.lib.tabular import Table, TabularError, read_table
from secon.lib.text import fold
from secon.registry.duplicates import name_key
from secon.registry.identifiers import clean_krs, clean_nip, clean_regon
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    ConsentSource,
    HelixCategory,
    ImportBatch,
    ImportKind,
    ImportStatus,
    LegalBasis,
    Organisation,
    OrganisationType,
    Person,
    PersonRole,
    PersonRoleAssignment,
    Purpose,
    Theme,
)

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.projects.models import Partner

CHUNK = 2000
BAD_ROWS_SHOWN_PER_PAGE = 100


def max_import_bytes() -> int:
    return int(settings.REGISTRY_IMPORT_MAX_BYTES)


# --- columns ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A field a file may fill, with the header names (Polish and English) that suggest it."""

    key: str
    label: Any
    aliases: tuple[str, ...]
    required: bool = False


ORGANISATION_COLUMNS = [
    Column(
        "name",
        gettext_lazy("Name"),
        ("nazwa", "nazwa organizacji", "name", "organisation", "organization"),
        True,
    ),
    Column(
        "name_en", gettext_lazy("Name (English)"), ("nazwa angielska", "nazwa en", "name en", "english name")
    ),
    Column("short_name", gettext_lazy("Short name"), ("skrot", "nazwa skrocona", "short name", "acronym")),
    Column(
        "type", gettext_lazy("Legal form or type"), ("forma prawna", "typ", "rodzaj", "legal form", "type")
    ),
    Column("helix", gettext_lazy("Quadruple-helix category"), ("kategoria", "helisa", "helix", "category")),
    Column("krs", "KRS", ("krs", "numer krs")),
    Column("nip", "NIP", ("nip", "numer nip", "tax id", "vat")),
    Column("regon", "REGON", ("regon", "numer regon")),
    Column("street", gettext_lazy("Street and number"), ("ulica", "adres", "street", "address")),
    Column(
        "postal_code", gettext_lazy("Postal code"), ("kod pocztowy", "kod", "postal code", "postcode", "zip")
    ),
    Column("city", gettext_lazy("Town"), ("miejscowosc", "miasto", "town", "city", "locality")),
    Column(
        "territory",
        gettext_lazy("Powiat or gmina (name or TERC code)"),
        ("powiat", "gmina", "teryt", "terc", "territory"),
    ),
    Column("website", gettext_lazy("Website"), ("strona www", "www", "strona", "website", "web")),
    Column("email", gettext_lazy("E-mail"), ("e mail", "email", "adres e mail", "mail")),
    Column("phone", gettext_lazy("Phone"), ("telefon", "tel", "phone", "telephone")),
    Column("themes", gettext_lazy("Themes"), ("tematy", "obszary", "themes", "topics")),
    Column("notes", gettext_lazy("Notes"), ("uwagi", "notatki", "notes", "comments")),
]

PERSON_COLUMNS = [
    Column(
        "full_name",
        gettext_lazy("Full name"),
        ("imie i nazwisko", "osoba", "full name", "name", "nazwisko"),
        True,
    ),
    Column("email", gettext_lazy("E-mail"), ("e mail", "email", "adres e mail", "mail")),
    Column("phone", gettext_lazy("Phone"), ("telefon", "tel", "phone", "telephone", "mobile")),
    Column("language", gettext_lazy("Preferred language"), ("jezyk", "language", "lang")),
    Column(
        "organisation",
        gettext_lazy("Organisation (name, NIP, KRS or REGON)"),
        ("organizacja", "instytucja", "organisation", "organization", "institution"),
    ),
    Column("position", gettext_lazy("Position"), ("stanowisko", "funkcja", "position", "job title", "title")),
    Column("roles", gettext_lazy("Roles"), ("role", "rola", "roles", "role in project")),
    Column(
        "consent_purposes",
        gettext_lazy("Consent purposes"),
        ("zgody", "cele", "cel", "zgoda na", "consents", "purposes", "purpose"),
    ),
    Column(
        "legal_basis", gettext_lazy("Legal basis"), ("podstawa prawna", "podstawa", "legal basis", "basis")
    ),
    Column("consent_date", gettext_lazy("Consent date"), ("data zgody", "data", "consent date", "date")),
    Column(
        "consent_text_version",
        gettext_lazy("Version of the clause shown"),
        ("wersja klauzuli", "klauzula", "clause version", "text version"),
    ),
    Column("notes", gettext_lazy("Notes"), ("uwagi", "notatki", "notes", "comments")),
]


def columns_for(kind: str) -> list[Column]:
    return ORGANISATION_COLUMNS if kind == ImportKind.ORGANISATIONS else PERSON_COLUMNS


def suggest_mapping(kind: str, header: list[str]) -> dict[str, str]:
    """{field key: header name} guessed from the header names, Polish or English, any case or accents."""
    folded = {fold(name).replace("-", " "): name for name in header if name}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for column in columns_for(kind):
        for alias in (column.key.replace("_", " "), *column.aliases):
            name = folded.get(alias)
            if name is not None and name not in used:
                mapping[column.key] = name
                used.add(name)
                break
    return mapping


def mapping_errors(kind: str, header: list[str], mapping: dict[str, str]) -> list[str]:
    errors = []
    for column in columns_for(kind):
        if column.required and not mapping.get(column.key):
            errors.append(_("Choose the column that holds “%(field)s”.") % {"field": column.label})
    for name in mapping.values():
        if name and name not in header:
            errors.append(_("The file has no column “%(name)s”.") % {"name": name})
    chosen = [name for name in mapping.values() if name]
    for name in sorted({n for n in chosen if chosen.count(n) > 1}):
        errors.append(_("The column “%(name)s” is chosen for more than one field.") % {"name": name})
    return errors


# --- the plan -----------------------------------------------------------------------------------------


@dataclass
class BadRow:
    line: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "reason": self.reason}


@dataclass
class Target:
    """A record the import writes: new (pk None) or existing, with the values it will hold."""

    pk: int | None
    values: dict[str, Any]
    lines: list[int]
    changed: set[str] = field(default_factory=set)
    extra: dict[str, Any] = field(default_factory=dict)  # themes, roles, affiliation, consents


@dataclass
class Plan:
    kind: str
    rows: int = 0
    creates: list[Target] = field(default_factory=list)
    updates: dict[int, Target] = field(default_factory=dict)
    bad: list[BadRow] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)
    merged: int = 0  # rows merged by name into a registry record
    duplicates: list[dict[str, Any]] = field(default_factory=list)  # rows naming an earlier row's record
    candidates: list[dict[str, Any]] = field(default_factory=list)  # possible duplicates to review
    notes: list[dict[str, Any]] = field(default_factory=list)

    def fail(self, line: int, column: str, reason: str) -> None:
        self.bad.append(BadRow(line, column, reason))
        self.bad_lines.add(line)

    @property
    def updated_records(self) -> int:
        return sum(1 for target in self.updates.values() if target.changed or target.extra)

    def report(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "create": len(self.creates),
            "update": self.updated_records,
            "unchanged": len(self.updates) - self.updated_records,
            "merge": self.merged,
            "duplicates_in_file": len(self.duplicates),
            "bad_rows": len(self.bad_lines),
            "valid_rows": self.rows - len(self.bad_lines),
            "bad": [row.as_dict() for row in sorted(self.bad, key=lambda r: r.line)],
            "duplicates": self.duplicates[:1000],
            "candidates": self.candidates[:1000],
            "notes": self.notes[:1000],
        }


# --- shared cell parsing -----------------------------------------------------------------------------

_POSTAL = re.compile(r"^\d{2}-\d{3}$")
_url = URLValidator()


def _text(value: str, limit: int, header: str, line: int, plan: Plan) -> str | None:
    value = value.strip()
    if len(value) > limit:
        plan.fail(line, header, _("Too long: at most %(limit)s characters.") % {"limit": limit})
        return None
    return value


def _email(value: str, header: str, line: int, plan: Plan) -> str | None:
    value = value.strip().lower()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        plan.fail(line, header, _("“%(value)s” is not a valid e-mail address.") % {"value": value})
        return None
    return value


def _choices_by_name(
    choices: Iterable[tuple[str, Any]], extra: dict[str, str] | None = None
) -> dict[str, str]:
    names = {}
    for code, label in choices:
        names[fold(code).replace("_", " ")] = code
        names[fold(str(label))] = code
    for alias, code in (extra or {}).items():
        names[fold(alias)] = code
    return names


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|\n]", value) if part.strip()]


def _date(value: str) -> dt.date | None:
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


class _Rows:
    """The mapped cells of each row, with the header name of each field for messages."""

    def __init__(self, table: Table, mapping: dict[str, str]) -> None:
        self.table = table
        index = {name: i for i, name in enumerate(table.header)}
        self.columns = {key: index[name] for key, name in mapping.items() if name in index}
        self.headers = {key: name for key, name in mapping.items() if name in index}
        self.width = len(table.header)

    def __iter__(self) -> Any:
        for line, record in self.table.rows:
            cells = {key: (record[i] if i < len(record) else "") for key, i in self.columns.items()}
            yield line, record, cells

    def header(self, key: str) -> str:
        return self.headers.get(key, key)


def _check_width(record: list[str], rows: _Rows, line: int, plan: Plan) -> None:
    extra = [cell for cell in record[rows.width :] if cell.strip()]
    if extra:
        plan.fail(
            line,
            _("column %(number)s") % {"number": rows.width + 1},
            _("The row has %(count)s cells but the first row names only %(width)s columns.")
            % {"count": len(record), "width": rows.width},
        )


# --- organisations -----------------------------------------------------------------------------------

_HELIX_BY_TYPE = {
    "public-authority": HelixCategory.PUBLIC,
    "research": HelixCategory.ACADEMIA,
    "business": HelixCategory.BUSINESS,
    "media": HelixCategory.BUSINESS,
}
ORG_VALUE_FIELDS = [
    "name",
    "name_en",
    "short_name",
    "type_id",
    "helix",
    "krs",
    "nip",
    "regon",
    "street",
    "postal_code",
    "city",
    "territory_id",
    "website",
    "email",
    "phone",
    "notes",
]
_IDENTIFIERS = (("krs", clean_krs), ("nip", clean_nip), ("regon", clean_regon))


class _OrganisationLookups:
    """The partner's registry as dictionaries, built with a few queries."""

    def __init__(self, partner: Partner) -> None:
        self.types: dict[str, int] = {}
        self.type_codes: dict[int, str] = {}
        for type_ in OrganisationType.objects.all():
            for name in (type_.code, type_.name, type_.name_en):
                self.types[fold(name)] = type_.pk
            self.type_codes[type_.pk] = type_.code
        self.helix = _choices_by_name(
            HelixCategory.choices,
            {
                "publiczny": "public",
                "biznes": "business",
                "nauka": "academia",
                "spoleczenstwo obywatelskie": "civil_society",
            },
        )
        self.themes: dict[str, int] = {}
        for theme in Theme.objects.all():
            for name in (theme.code, theme.name, theme.name_en):
                self.themes[fold(name)] = theme.pk
        from secon.territory.models import TerritorialUnit

        self.territory_codes: dict[str, int] = {}
        self.territory_names: dict[str, list[int]] = defaultdict(list)
        for pk, code, search_name, level in TerritorialUnit.objects.current().values_list(
            "pk", "code", "search_name", "level"
        ):
            self.territory_codes[code] = pk
            if level != "voivodeship":
                self.territory_names[search_name].append(pk)
        self.records: dict[int, dict[str, Any]] = {}
        self.by_identifier: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for values in Organisation.objects.for_partner(partner.pk).values("pk", *ORG_VALUE_FIELDS):
            pk = values.pop("pk")
            self.records[pk] = values
            for key, _cleaner in _IDENTIFIERS:
                if values[key]:
                    self.by_identifier[(key, values[key])] = pk
            self.by_name[name_key(values["name"], values["city"])].append(pk)


def _organisation_values(
    cells: dict[str, str], rows: _Rows, line: int, plan: Plan, lookups: _OrganisationLookups
) -> tuple[dict[str, Any], list[int]] | None:
    """The row's non-empty values as model field values, or None (and bad-row entries) when invalid."""
    bad_before = len(plan.bad)
    values: dict[str, Any] = {}
    limits = {
        "name": 300,
        "name_en": 300,
        "short_name": 100,
        "street": 200,
        "city": 120,
        "phone": 40,
        "notes": 5000,
    }
    for key, limit in limits.items():
        if key in cells:
            text = _text(cells[key], limit, rows.header(key), line, plan)
            if text:
                values[key] = text
    if "name" not in values and not any(b.line == line and b.column == rows.header("name") for b in plan.bad):
        plan.fail(line, rows.header("name"), _("The name is missing."))
    for key, cleaner in _IDENTIFIERS:
        raw = cells.get(key, "").strip()
        if raw:
            try:
                values[key] = cleaner(raw)
            except ValidationError as error:
                plan.fail(line, rows.header(key), error.messages[0])
    postal = cells.get("postal_code", "").strip()
    if postal:
        if _POSTAL.match(postal):
            values["postal_code"] = postal
        else:
            plan.fail(
                line,
                rows.header("postal_code"),
                _("A Polish postal code looks like 00-001 (got “%(value)s”).") % {"value": postal},
            )
    type_name = cells.get("type", "").strip()
    if type_name:
        type_id = lookups.types.get(fold(type_name))
        if type_id is None:
            plan.fail(
                line, rows.header("type"), _("Unknown legal form or type “%(value)s”.") % {"value": type_name}
            )
        else:
            values["type_id"] = type_id
    helix = cells.get("helix", "").strip()
    if helix:
        code = lookups.helix.get(fold(helix))
        if code is None:
            plan.fail(line, rows.header("helix"), _("Unknown helix category “%(value)s”.") % {"value": helix})
        else:
            values["helix"] = code
    territory = cells.get("territory", "").strip()
    if territory:
        compact = territory.replace(" ", "")
        unit = lookups.territory_codes.get(compact) if compact.isdigit() else None
        if unit is None and not compact.isdigit():
            found = lookups.territory_names.get(
                fold(territory.removeprefix("powiat ").removeprefix("gmina ")), []
            )
            if len(found) > 1:
                plan.fail(
                    line,
                    rows.header("territory"),
                    _("Several units are called “%(value)s”; give the TERC code.") % {"value": territory},
                )
                found = []
            unit = found[0] if found else None
        if unit is None and not any(
            b.line == line and b.column == rows.header("territory") for b in plan.bad
        ):
            plan.fail(
                line,
                rows.header("territory"),
                _("No powiat or gmina “%(value)s” is known.") % {"value": territory},
            )
        elif unit is not None:
            values["territory_id"] = unit
    website = cells.get("website", "").strip()
    if website:
        if "://" not in website:
            website = "https://" + website
        try:
            _url(website)
            values["website"] = website[:200]
        except ValidationError:
            plan.fail(
                line, rows.header("website"), _("“%(value)s” is not a web address.") % {"value": website}
            )
    if "email" in cells:
        email = _email(cells["email"], rows.header("email"), line, plan)
        if email:
            values["email"] = email
    themes: list[int] = []
    for theme_name in _split(cells.get("themes", "")):
        theme_id = lookups.themes.get(fold(theme_name))
        if theme_id is None:
            plan.fail(line, rows.header("themes"), _("Unknown theme “%(value)s”.") % {"value": theme_name})
        else:
            themes.append(theme_id)
    if len(plan.bad) > bad_before:
        return None
    return values, themes


def plan_organisations(partner: Partner, table: Table, mapping: dict[str, str]) -> Plan:
    plan = Plan(kind=ImportKind.ORGANISATIONS)
    lookups = _OrganisationLookups(partner)
    rows = _Rows(table, mapping)
    default_type = lookups.types.get("other")
    existing: dict[int, Target] = plan.updates
    # In-file: identifiers and name keys of records this file creates, pointing at their Target.
    new_by_identifier: dict[tuple[str, str], Target] = {}
    new_by_name: dict[str, Target] = {}
    for line, record, cells in rows:
        plan.rows += 1
        _check_width(record, rows, line, plan)
        parsed = _organisation_values(cells, rows, line, plan, lookups)
        if parsed is None or line in plan.bad_lines:
            continue
        values, themes = parsed
        identifiers = [(key, values[key]) for key, _c in _IDENTIFIERS if values.get(key)]
        key_of_name = name_key(values["name"], values.get("city", ""))

        matched_pks = {lookups.by_identifier[i] for i in identifiers if i in lookups.by_identifier}
        matched_new = {
            id(new_by_identifier[i]): new_by_identifier[i] for i in identifiers if i in new_by_identifier
        }
        if len(matched_pks) + len(matched_new) > 1:
            plan.fail(line, "KRS/NIP/REGON", _("The identifiers point at different organisations."))
            continue
        target: Target | None = None
        mode = "update"
        if matched_pks:
            pk = matched_pks.pop()
            target = existing.get(pk) or Target(pk=pk, values=dict(lookups.records[pk]), lines=[])
        elif matched_new:
            target = next(iter(matched_new.values()))
        elif not identifiers:
            same_name = lookups.by_name.get(key_of_name, [])
            if key_of_name in new_by_name:
                target = new_by_name[key_of_name]
            elif len(same_name) == 1:
                pk = same_name[0]
                target = existing.get(pk) or Target(pk=pk, values=dict(lookups.records[pk]), lines=[])
                mode = "merge"
            elif len(same_name) > 1:
                plan.fail(
                    line,
                    rows.header("name"),
                    _(
                        "Several organisations of the registry have this name and town; "
                        "add an identifier to say which."
                    ),
                )
                continue
        if target is not None and not _consistent(target, identifiers, line, plan):
            continue

        if target is None:
            values.setdefault("type_id", default_type)
            if values["type_id"] is None:
                plan.fail(line, rows.header("type"), _("The legal form is missing."))
                continue
            values.setdefault(
                "helix",
                _HELIX_BY_TYPE.get(lookups.type_codes[values["type_id"]], HelixCategory.CIVIL_SOCIETY),
            )
            target = Target(pk=None, values=values, lines=[line], extra={"themes": set(themes)})
            plan.creates.append(target)
            for same in lookups.by_name.get(key_of_name, []):
                plan.candidates.append(
                    {
                        "line": line,
                        "name": values["name"],
                        "pk": same,
                        "existing": lookups.records[same]["name"],
                    }
                )
        else:
            if target.pk is None:
                plan.duplicates.append({"line": line, "first_line": target.lines[0], "name": values["name"]})
            elif mode == "merge":
                plan.merged += 1
            _apply(target, values, fill_only=mode == "merge")
            if themes:
                new_themes = set(themes) - target.extra.get("themes_existing", set())
                target.extra.setdefault("themes", set()).update(new_themes)
            target.lines.append(line)
            if target.pk is not None:
                existing[target.pk] = target
        for identifier in identifiers:
            if target.pk is None:
                new_by_identifier[identifier] = target
        if target.pk is None:
            new_by_name.setdefault(name_key(target.values["name"], target.values.get("city", "")), target)
    _drop_existing_themes(plan)
    return plan


def _consistent(target: Target, identifiers: list[tuple[str, str]], line: int, plan: Plan) -> bool:
    for key, value in identifiers:
        current = target.values.get(key)
        if current and current != value:
            where = (
                _("the registry has %(field)s %(value)s for this organisation")
                if target.pk is not None
                else _("line %(line)s gives %(field)s %(value)s for this organisation")
            ) % {"field": key.upper(), "value": current, "line": target.lines[0] if target.lines else ""}
            plan.fail(
                line,
                key.upper(),
                _("This row says %(value)s, but %(where)s.") % {"value": value, "where": where},
            )
            return False
    return True


def _apply(target: Target, values: dict[str, Any], *, fill_only: bool) -> None:
    for key, value in values.items():
        current = target.values.get(key)
        if value in ("", None) or value == current:
            continue
        if fill_only and current not in ("", None):
            continue
        target.values[key] = value
        target.changed.add(key)


def _drop_existing_themes(plan: Plan) -> None:
    """Themes already linked need no write; only links that are new count as a change."""
    with_themes = [pk for pk, target in plan.updates.items() if target.extra.get("themes")]
    if not with_themes:
        return
    linked: dict[int, set[int]] = defaultdict(set)
    through = Organisation.themes.through
    for org_id, theme_id in through.objects.filter(organisation_id__in=with_themes).values_list(
        "organisation_id", "theme_id"
    ):
        linked[org_id].add(theme_id)
    for pk in with_themes:
        target = plan.updates[pk]
        target.extra["themes"] = target.extra["themes"] - linked[pk]
        if not target.extra["themes"]:
            del target.extra["themes"]


# --- people ------------------------------------------------------------------------------------------

PERSON_VALUE_FIELDS = ["full_name", "email", "phone", "language", "notes"]
_LANGUAGES = {"pl": "pl", "polski": "pl", "polish": "pl", "en": "en", "angielski": "en", "english": "en"}
_LEGAL_BASIS_ALIASES = {
    "zgoda": "consent",
    "zadanie publiczne": "public_task",
    "interes publiczny": "public_task",
    "prawnie uzasadniony interes": "legitimate_interest",
    "uzasadniony interes": "legitimate_interest",
    "umowa": "contract",
    "art 6 1 a": "consent",
    "art 6 1 b": "contract",
    "art 6 1 e": "public_task",
    "art 6 1 f": "legitimate_interest",
}
_PURPOSE_ALIASES = {
    "rgi": "rsg_communication",
    "rsg": "rsg_communication",
    "grupa": "rsg_communication",
    "newsletter": "newsletter",
    "informacje": "newsletter",
    "ankiety": "surveys",
    "badania": "surveys",
    "surveys": "surveys",
    "publikacja": "publication",
}
_ROLE_ALIASES = {
    "czlonek rgi": "rsg_member",
    "czlonek": "rsg_member",
    "prelegent": "speaker",
    "mowca": "speaker",
    "przewodniczacy": "chair",
    "przewodniczaca": "chair",
    "kontakt dobrej praktyki": "practice_contact",
}


class _PersonLookups:
    def __init__(self, partner: Partner) -> None:
        self.records: dict[int, dict[str, Any]] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for values in Person.objects.for_partner(partner.pk).values("pk", *PERSON_VALUE_FIELDS):
            pk = values.pop("pk")
            self.records[pk] = values
            if values["email"]:
                self.by_email[values["email"].lower()] = pk
            self.by_name[fold(values["full_name"])].append(pk)
        self.organisations: dict[str, list[int]] = defaultdict(list)
        for pk, name, krs, nip, regon, short_name in Organisation.objects.for_partner(partner.pk).values_list(
            "pk", "name", "krs", "nip", "regon", "short_name"
        ):
            for key in {name_key(name).removesuffix("|"), fold(short_name)} - {""}:
                self.organisations[key].append(pk)
            for number in (krs, nip, regon):
                if number:
                    self.organisations[number].append(pk)
        self.purposes = _choices_by_name(Purpose.choices, _PURPOSE_ALIASES)
        self.bases = _choices_by_name(LegalBasis.choices, _LEGAL_BASIS_ALIASES)
        self.roles = _choices_by_name(PersonRole.choices, _ROLE_ALIASES)

    def organisation(self, text: str) -> list[int]:
        digits = re.sub(r"[\s\-]", "", text).upper().removeprefix("PL")
        if digits.isdigit():
            found = self.organisations.get(digits) or self.organisations.get(digits.zfill(10), [])
            return sorted(set(found))
        return sorted(set(self.organisations.get(name_key(text).removesuffix("|"), [])))


def _person_values(
    cells: dict[str, str], rows: _Rows, line: int, plan: Plan, lookups: _PersonLookups
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    bad_before = len(plan.bad)
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, limit in {"full_name": 200, "phone": 40, "notes": 5000}.items():
        if key in cells:
            text = _text(cells[key], limit, rows.header(key), line, plan)
            if text:
                values[key] = text
    if "full_name" not in values and len(plan.bad) == bad_before:
        plan.fail(line, rows.header("full_name"), _("The name is missing."))
    if "email" in cells:
        email = _email(cells["email"], rows.header("email"), line, plan)
        if email:
            values["email"] = email
    language = cells.get("language", "").strip()
    if language:
        code = _LANGUAGES.get(fold(language))
        if code is None:
            plan.fail(
                line,
                rows.header("language"),
                _("Unknown language “%(value)s” (use pl or en).") % {"value": language},
            )
        else:
            values["language"] = code
    organisation = cells.get("organisation", "").strip()
    if organisation:
        found = lookups.organisation(organisation)
        if not found:
            plan.fail(
                line,
                rows.header("organisation"),
                _("No organisation “%(value)s” in the registry; import the organisations first.")
                % {"value": organisation},
            )
        elif len(found) > 1:
            plan.fail(
                line,
                rows.header("organisation"),
                _("Several organisations match “%(value)s”; give its NIP or KRS.") % {"value": organisation},
            )
        else:
            position = _text(cells.get("position", ""), 200, rows.header("position"), line, plan)
            extra["affiliation"] = (found[0], position or "")
    roles = set()
    for role in _split(cells.get("roles", "")):
        code = lookups.roles.get(fold(role))
        if code is None:
            plan.fail(line, rows.header("roles"), _("Unknown role “%(value)s”.") % {"value": role})
        else:
            roles.add(code)
    if roles:
        extra["roles"] = roles
    purposes = []
    for purpose in _split(cells.get("consent_purposes", "")):
        code = lookups.purposes.get(fold(purpose))
        if code is None:
            plan.fail(
                line, rows.header("consent_purposes"), _("Unknown purpose “%(value)s”.") % {"value": purpose}
            )
        else:
            purposes.append(code)
    basis_text = cells.get("legal_basis", "").strip()
    basis = (
        lookups.bases.get(fold(basis_text).replace("(", " ").replace(")", " ").strip())
        if basis_text
        else None
    )
    if basis_text and basis is None:
        basis = lookups.bases.get(re.sub(r"[^a-z0-9]+", " ", fold(basis_text)).strip())
    if basis_text and basis is None:
        plan.fail(
            line, rows.header("legal_basis"), _("Unknown legal basis “%(value)s”.") % {"value": basis_text}
        )
    given_text = cells.get("consent_date", "").strip()
    given = _date(given_text) if given_text else None
    if given_text and given is None:
        plan.fail(
            line,
            rows.header("consent_date"),
            _("“%(value)s” is not a date (use 2024-06-30 or 30.06.2024).") % {"value": given_text},
        )
    elif given and given > timezone.localdate():
        plan.fail(line, rows.header("consent_date"), _("The consent date is in the future."))
    if basis and not purposes:
        plan.fail(
            line, rows.header("consent_purposes"), _("A legal basis is given but not the purpose it covers.")
        )
    if purposes and basis:
        extra["consents"] = [
            {
                "purpose": p,
                "legal_basis": basis,
                "given": given,
                "text_version": cells.get("consent_text_version", "").strip()[:40],
            }
            for p in dict.fromkeys(purposes)
        ]
    elif purposes:
        # Without a stated legal basis nothing may be recorded: the person is not e-mailable for it.
        plan.notes.append(
            {
                "line": line,
                "reason": str(
                    _("No legal basis given: no consent is recorded, so this person will not be e-mailed.")
                ),
            }
        )
    if len(plan.bad) > bad_before:
        return None
    return values, extra


def plan_people(partner: Partner, table: Table, mapping: dict[str, str]) -> Plan:
    plan = Plan(kind=ImportKind.PEOPLE)
    lookups = _PersonLookups(partner)
    rows = _Rows(table, mapping)
    new_by_email: dict[str, Target] = {}
    new_by_name: dict[str, Target] = {}
    email_lines: dict[str, int] = {}
    for line, record, cells in rows:
        plan.rows += 1
        _check_width(record, rows, line, plan)
        parsed = _person_values(cells, rows, line, plan, lookups)
        if parsed is None or line in plan.bad_lines:
            continue
        values, extra = parsed
        email = values.get("email", "")
        if email and email in email_lines:
            plan.fail(
                line,
                rows.header("email"),
                _("The e-mail %(email)s is also on line %(line)s; each person needs their own.")
                % {"email": email, "line": email_lines[email]},
            )
            continue
        target: Target | None = None
        mode = "update"
        if email and email in lookups.by_email:
            pk = lookups.by_email[email]
            target = plan.updates.get(pk) or Target(pk=pk, values=dict(lookups.records[pk]), lines=[])
        elif not email:
            key = fold(values["full_name"])
            same = lookups.by_name.get(key, [])
            if key in new_by_name:
                target = new_by_name[key]
            elif len(same) == 1:
                pk = same[0]
                target = plan.updates.get(pk) or Target(pk=pk, values=dict(lookups.records[pk]), lines=[])
                mode = "merge"
            elif len(same) > 1:
                plan.fail(
                    line,
                    rows.header("full_name"),
                    _("Several people of the registry have this name; add the e-mail to say which."),
                )
                continue
        if email:
            email_lines[email] = line
        if target is None:
            target = Target(pk=None, values={"language": "pl", **values}, lines=[line], extra={})
            plan.creates.append(target)
            if email:
                new_by_email[email] = target
            else:
                new_by_name[fold(values["full_name"])] = target
            for same_pk in lookups.by_name.get(fold(values["full_name"]), []):
                plan.candidates.append(
                    {
                        "line": line,
                        "name": values["full_name"],
                        "pk": same_pk,
                        "existing": lookups.records[same_pk]["full_name"],
                    }
                )
        else:
            if target.pk is None:
                plan.duplicates.append(
                    {"line": line, "first_line": target.lines[0], "name": values["full_name"]}
                )
            elif mode == "merge":
                plan.merged += 1
            _apply(target, values, fill_only=mode == "merge")
            target.lines.append(line)
            if target.pk is not None:
                plan.updates[target.pk] = target
        for key, value in extra.items():
            if key == "roles":
                target.extra.setdefault("roles", set()).update(value)
            elif key == "consents":
                target.extra.setdefault("consents", []).extend(value)
            else:
                target.extra[key] = value
    _drop_known_person_links(plan)
    return plan


def _drop_known_person_links(plan: Plan) -> None:
    """Roles, affiliations and consents already held need no write (this keeps re-imports idempotent)."""
    pks = list(plan.updates)
    if not pks:
        return
    roles: dict[int, set[str]] = defaultdict(set)
    for person_id, role in PersonRoleAssignment.objects.filter(person_id__in=pks).values_list(
        "person_id", "role"
    ):
        roles[person_id].add(role)
    affiliations = {
        (person_id, org_id): position
        for person_id, org_id, position in Affiliation.objects.filter(person_id__in=pks).values_list(
            "person_id", "organisation_id", "position"
        )
    }
    consents = set(
        ConsentRecord.objects.filter(person_id__in=pks)
        .in_force()
        .values_list("person_id", "purpose", "legal_basis")
    )
    for pk, target in plan.updates.items():
        if "roles" in target.extra:
            target.extra["roles"] -= roles[pk]
            if not target.extra["roles"]:
                del target.extra["roles"]
        if "affiliation" in target.extra:
            org_id, position = target.extra["affiliation"]
            if (pk, org_id) in affiliations and (not position or affiliations[(pk, org_id)] == position):
                del target.extra["affiliation"]
        if "consents" in target.extra:
            target.extra["consents"] = [
                c for c in target.extra["consents"] if (pk, c["purpose"], c["legal_basis"]) not in consents
            ]
            if not target.extra["consents"]:
                del target.extra["consents"]


# --- reading the batch's file ---------------------------------------------------------------------------


def read_batch_table(batch: ImportBatch) -> Table:
    with batch.file.open("rb") as stream:
        return read_table(stream, max_bytes=max_import_bytes())


def make_plan(batch: ImportBatch, table: Table | None = None) -> Plan:
    table = table or read_batch_table(batch)
    planner = plan_organisations if batch.kind == ImportKind.ORGANISATIONS else plan_people
    return planner(batch.partner, table, batch.mapping)


# --- services ----------------------------------------------------------------------------------------


def _check_may_import(partner: Partner, actor: User | None) -> None:
    if actor is not None and not can_edit_partner(actor, partner):
        raise PermissionDenied


@transaction.atomic
def upload_import(
    partner: Partner, *, actor: User | None, kind: str, upload: UploadedFile
) -> tuple[ImportBatch, Table]:
    """Keep an uploaded file as a new batch after checking its size and that it reads as a table."""
    _check_may_import(partner, actor)
    limit = max_import_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is larger than %(limit)s MB. Split it into smaller files.")
                % {"limit": f"{limit / 1024 / 1024:g}"}
            }
        )
    upload.seek(0)
    try:
        table = read_table(upload, max_bytes=limit)
    except TabularError as error:
        raise ValidationError({"file": error.message}) from None
    if not table.rows:
        raise ValidationError({"file": _("The file has a header row but no data rows.")})
    upload.seek(0)
    batch = ImportBatch(
        partner=partner,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        kind=kind,
        original_name=(upload.name or "import")[:255],
        size=upload.size or 0,
        mapping=suggest_mapping(kind, table.header),
    )
    batch.file.save(f"{kind}.{table.format}", upload, save=False)
    batch.full_clean(exclude=["file"])
    batch.save()
    record_event(
        "registry.import.uploaded",
        actor=actor,
        obj=batch,
        changes={"file": batch.original_name, "kind": kind, "rows": len(table.rows), "format": table.format},
    )
    return batch, table


@transaction.atomic
def check_import(batch: ImportBatch, *, actor: User | None, mapping: dict[str, str]) -> ImportBatch:
    """The dry run: validate every row with this mapping, store the report, write nothing else."""
    batch = ImportBatch.objects.select_for_update().select_related("partner").get(pk=batch.pk)
    _check_may_import(batch.partner, actor)
    if batch.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        raise ValidationError(_("This import has already been confirmed."))
    try:
        table = read_batch_table(batch)
    except TabularError as error:
        raise ValidationError(error.message) from None
    errors = mapping_errors(batch.kind, table.header, mapping)
    if errors:
        raise ValidationError(errors)
    batch.mapping = {key: name for key, name in mapping.items() if name}
    plan = make_plan(batch, table)
    batch.report = plan.report()
    batch.status = ImportStatus.CHECKED
    batch.save(update_fields=["mapping", "report", "status", "updated_at"])
    record_event(
        "registry.import.checked",
        actor=actor,
        obj=batch,
        changes={k: v for k, v in batch.report.items() if isinstance(v, int)},
    )
    return batch


def confirm_import(
    batch: ImportBatch, *, actor: User | None, valid_rows_only: bool, enqueue: bool = True
) -> ImportBatch:
    """Queue the write. Locked and status-checked, so a double click imports once."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().select_related("partner").get(pk=batch.pk)
        _check_may_import(batch.partner, actor)
        if batch.status != ImportStatus.CHECKED:
            return batch  # already queued, running or done: the second click changes nothing
        if batch.report.get("bad_rows") and not valid_rows_only:
            raise ValidationError(
                _(
                    "The file has bad rows. Correct them and upload it again, "
                    "or choose to import only the valid rows."
                )
            )
        if not batch.report.get("valid_rows"):
            raise ValidationError(_("The file has no valid rows to import."))
        batch.status = ImportStatus.QUEUED
        batch.valid_rows_only = valid_rows_only
        batch.progress_done = 0
        batch.progress_total = int(batch.report.get("valid_rows", 0))
        batch.save(
            update_fields=["status", "valid_rows_only", "progress_done", "progress_total", "updated_at"]
        )
        record_event(
            "registry.import.confirmed", actor=actor, obj=batch, changes={"valid_rows_only": valid_rows_only}
        )
        batch_id = batch.pk
        if enqueue:
            transaction.on_commit(lambda: write_import_task.enqueue(batch_id, actor.pk if actor else None))
    return batch


@task()
def write_import_task(batch_id: int, actor_id: int | None) -> None:
    from secon.accounts.models import User

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    write_import(batch_id, actor=actor)


def write_import(batch_id: int, *, actor: User | None) -> ImportBatch:
    """Validate again and write the plan in one transaction; on any failure nothing is written.

    The batch is claimed with a conditional update (queued → running), so two workers, a retry or a
    double click write it once; the batch row is not locked during the write, so progress can be told.
    """
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, updated_at=timezone.now()
    )
    batch = ImportBatch.objects.select_related("partner").get(pk=batch_id)
    if not claimed:
        return batch
    try:
        with transaction.atomic():
            plan = make_plan(batch)
            if plan.bad_lines and not batch.valid_rows_only:
                raise ValidationError(
                    _(
                        "The registry changed since the check: %(count)s rows are now bad. "
                        "Check the file again."
                    )
                    % {"count": len(plan.bad_lines)}
                )
            progress = _Progress(batch)
            try:
                if plan.kind == ImportKind.ORGANISATIONS:
                    result = _write_organisations(batch, plan, actor=actor, progress=progress)
                else:
                    result = _write_people(batch, plan, actor=actor, progress=progress)
            finally:
                progress.close()
            result["skipped_bad_rows"] = len(plan.bad_lines)
            batch.status = ImportStatus.DONE
            batch.result = result
            batch.progress_done = batch.progress_total = plan.rows - len(plan.bad_lines)
            batch.finished_at = timezone.now()
            batch.save(
                update_fields=[
                    "status",
                    "result",
                    "progress_done",
                    "progress_total",
                    "finished_at",
                    "updated_at",
                ]
            )
            record_event("registry.import.completed", actor=actor, obj=batch, changes=result)
    except Exception as error:
        if isinstance(error, ValidationError):
            message = "; ".join(error.messages)
        elif isinstance(error, TabularError):
            message = error.message
        else:
            message = _("The import failed and nothing was written: %(error)s") % {"error": error}
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportStatus.FAILED, error=message, finished_at=timezone.now(), updated_at=timezone.now()
        )
        batch.refresh_from_db()
        record_event("registry.import.failed", actor=actor, obj=batch, changes={"error": message})
        if not isinstance(error, ValidationError | TabularError):
            raise
    return batch


class _Progress:
    """Rows written so far, told through a side connection so pollers see it before the commit.

    SQLite allows one writer at a time, so there the bar moves only when the import commits.
    """

    def __init__(self, batch: ImportBatch) -> None:
        self.batch_id = batch.pk
        self.done = 0
        self.connection = None
        if connections["default"].vendor != "sqlite":
            self.connection = connections.create_connection("default")

    def add(self, rows: int) -> None:
        self.done += rows
        if self.connection is None:
            return
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportBatch._meta.db_table} SET progress_done = %s WHERE id = %s",  # noqa: S608 - table name from the model
                [self.done, self.batch_id],
            )

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def _pk(target: Target) -> int:
    assert target.pk is not None, "written before its links"
    return target.pk


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _audit_rows(
    batch: ImportBatch,
    code: str,
    objects: list[Any],
    changes: Callable[[Any], dict[str, Any]],
    actor: User | None,
) -> None:
    """One audit event per written record, inserted in bulk, so each record's history shows the import."""
    from django.contrib.contenttypes.models import ContentType

    from secon.core.audit import mask_secrets
    from secon.core.models import AuditEvent

    if not objects:
        return
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    user = actor if actor is not None and actor.is_authenticated else None
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                code=code,
                actor=user,
                content_type=content_type,
                object_id=str(obj.pk),
                object_repr=str(obj)[:300],
                partner_id=batch.partner_id,
                changes=mask_secrets({"import": batch.pk, **changes(obj)}),
            )
            for obj in objects
        ],
        batch_size=CHUNK,
    )


def _write_organisations(
    batch: ImportBatch, plan: Plan, *, actor: User | None, progress: _Progress
) -> dict[str, Any]:
    created: list[Organisation] = []
    for chunk in _chunks(plan.creates):
        objects = []
        for target in chunk:
            organisation = Organisation(partner_id=batch.partner_id, **target.values)
            organisation.refresh_search_text()
            objects.append(organisation)
        Organisation.objects.bulk_create(objects)
        created.extend(objects)
        progress.add(sum(len(t.lines) for t in chunk))
    for target, organisation in zip(plan.creates, created, strict=True):
        target.pk = organisation.pk
    _audit_rows(
        batch, "registry.organisation.imported", created, lambda o: {"name": o.name, "nip": o.nip}, actor
    )

    updated = [t for t in plan.updates.values() if t.changed]
    changed_fields = sorted({f for t in updated for f in t.changed})
    objects = []
    for target in updated:
        assert target.pk is not None
        organisation = Organisation(pk=target.pk, partner_id=batch.partner_id, **target.values)
        organisation.updated_at = timezone.now()
        organisation.refresh_search_text()
        objects.append(organisation)
    if objects:
        Organisation.objects.bulk_update(
            objects, [*changed_fields, "search_text", "updated_at"], batch_size=CHUNK
        )
    _audit_rows(
        batch,
        "registry.organisation.updated",
        objects,
        lambda o: {f: str(getattr(o, f)) for f in plan.updates[o.pk].changed},
        actor,
    )
    progress.add(sum(len(t.lines) for t in plan.updates.values()))
    through = Organisation.themes.through
    links = [
        through(organisation_id=target.pk, theme_id=theme_id)
        for target in [*plan.creates, *plan.updates.values()]
        for theme_id in sorted(target.extra.get("themes", ()))
    ]
    through.objects.bulk_create(links, batch_size=CHUNK, ignore_conflicts=True)
    return {
        "created": len(created),
        "updated": len(objects),
        "unchanged": len(plan.updates) - plan.updated_records,
        "merged_rows": plan.merged,
        "duplicates_in_file": len(plan.duplicates),
        "theme_links": len(links),
    }


def _write_people(
    batch: ImportBatch, plan: Plan, *, actor: User | None, progress: _Progress
) -> dict[str, Any]:
    created: list[Person] = []
    for chunk in _chunks(plan.creates):
        objects = []
        for target in chunk:
            person = Person(partner_id=batch.partner_id, **target.values)
            person.refresh_search_text()
            objects.append(person)
        Person.objects.bulk_create(objects)
        created.extend(objects)
        progress.add(sum(len(t.lines) for t in chunk))
    for target, person in zip(plan.creates, created, strict=True):
        target.pk = person.pk
    _audit_rows(batch, "registry.person.imported", created, lambda p: {"full_name": p.full_name}, actor)

    updated = [t for t in plan.updates.values() if t.changed]
    changed_fields = sorted({f for t in updated for f in t.changed})
    objects = []
    for target in updated:
        person = Person(pk=target.pk, partner_id=batch.partner_id, **target.values)
        person.updated_at = timezone.now()
        person.refresh_search_text()
        objects.append(person)
    if objects:
        Person.objects.bulk_update(objects, [*changed_fields, "search_text", "updated_at"], batch_size=CHUNK)
    _audit_rows(
        batch,
        "registry.person.updated",
        objects,
        lambda p: {f: str(getattr(p, f)) for f in plan.updates[p.pk].changed},
        actor,
    )
    progress.add(sum(len(t.lines) for t in plan.updates.values()))

    targets = [*plan.creates, *plan.updates.values()]
    targets = [t for t in targets if t.pk is not None]
    roles = [
        PersonRoleAssignment(person_id=_pk(t), role=role)
        for t in targets
        for role in sorted(t.extra.get("roles", ()))
    ]
    PersonRoleAssignment.objects.bulk_create(roles, batch_size=CHUNK, ignore_conflicts=True)
    affiliations = [
        Affiliation(
            person_id=_pk(t), organisation_id=t.extra["affiliation"][0], position=t.extra["affiliation"][1]
        )
        for t in targets
        if "affiliation" in t.extra
    ]
    Affiliation.objects.bulk_create(
        affiliations,
        batch_size=CHUNK,
        update_conflicts=True,
        unique_fields=["person", "organisation"],
        update_fields=["position"],
    )
    now = timezone.now()
    consents = []
    replaced: list[tuple[int, str]] = []
    for target in targets:
        for consent in target.extra.get("consents", ()):
            given = consent["given"]
            given_at = (
                timezone.make_aware(dt.datetime.combine(given, dt.time(12))) if given is not None else now
            )
            consents.append(
                ConsentRecord(
                    person_id=_pk(target),
                    purpose=consent["purpose"],
                    legal_basis=consent["legal_basis"],
                    source=ConsentSource.IMPORT,
                    text_version=consent["text_version"],
                    given_at=min(given_at, now),
                )
            )
            replaced.append((_pk(target), consent["purpose"]))
    # A new basis for a purpose replaces the one in force, as record_consent does.
    by_purpose: dict[str, list[int]] = defaultdict(list)
    for person_id, purpose in replaced:
        by_purpose[purpose].append(person_id)
    for purpose, person_ids in by_purpose.items():
        for chunk_ids in _chunks(person_ids):
            ConsentRecord.objects.filter(person_id__in=chunk_ids, purpose=purpose).in_force().update(
                withdrawn_at=now, withdrawal_source="replaced"
            )
    ConsentRecord.objects.bulk_create(consents, batch_size=CHUNK)
    return {
        "created": len(created),
        "updated": len(objects),
        "unchanged": len(plan.updates) - plan.updated_records,
        "merged_rows": plan.merged,
        "duplicates_in_file": len(plan.duplicates),
        "roles": len(roles),
        "affiliations": len(affiliations),
        "consents": len(consents),
    }


def bad_rows_csv(batch: ImportBatch) -> bytes:
    """The dry run's bad rows as an Excel-ready CSV the user can work through."""
    from secon.lib.tabular import csv_bytes

    return csv_bytes(
        [_("Row"), _("Column"), _("Reason")],
        ([row["line"], row["column"], row["reason"]] for row in batch.report.get("bad", [])),
    )


def import_file_for_partner(
    partner: Partner,
    data: bytes,
    *,
    kind: str,
    actor: User | None,
    valid_rows_only: bool,
    name: str = "import.csv",
) -> ImportBatch:
    """Upload, check with the suggested mapping and write in one go (the command line and the benchmark)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    batch, _table = upload_import(partner, actor=actor, kind=kind, upload=SimpleUploadedFile(name, data))
    batch = check_import(batch, actor=actor, mapping=batch.mapping)
    if batch.report.get("bad_rows") and not valid_rows_only:
        return batch
    confirm_import(batch, actor=actor, valid_rows_only=valid_rows_only, enqueue=False)
    return write_import(batch.pk, actor=actor)
