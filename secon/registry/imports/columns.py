"""The fields an import can fill, the header names that suggest each, and checks of a chosen mapping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.lib.text import fold
from secon.registry.models import ImportKind


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

# A person's name comes as given names and surname, or, from older files, as one column of whole names
# split at the last word ("Anna Maria Nowak" is Anna Maria + Nowak): one or the other, checked below.
PERSON_COLUMNS = [
    Column(
        "given_names",
        gettext_lazy("Given name(s)"),
        ("imie", "imiona", "given names", "given name", "first name", "first names", "forename"),
    ),
    Column("surname", gettext_lazy("Surname"), ("nazwisko", "surname", "last name", "family name")),
    Column(
        "full_name",
        gettext_lazy("Full name (given names and surname in one column)"),
        ("imie i nazwisko", "osoba", "full name", "name", "imiona i nazwisko"),
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
    if kind == ImportKind.PEOPLE:
        if not mapping.get("surname") and not mapping.get("full_name"):
            errors.append(_("Choose the column that holds the surname, or the one that holds the full name."))
        elif mapping.get("full_name") and (mapping.get("surname") or mapping.get("given_names")):
            errors.append(
                _("Choose either the given names and surname columns or the full name column, not both.")
            )
    for name in mapping.values():
        if name and name not in header:
            errors.append(_("The file has no column “%(name)s”.") % {"name": name})
    chosen = [name for name in mapping.values() if name]
    for name in sorted({n for n in chosen if chosen.count(n) > 1}):
        errors.append(_("The column “%(name)s” is chosen for more than one field.") % {"name": name})
    return errors
