"""The fields an import can fill, the header names that suggest each, and checks of a chosen mapping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.countries.checks import get_check
from secon.lib.text import fold
from secon.registry.models import ImportKind
from secon.registry.records.organisation_identifiers import schemes_of


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
    Column("street", gettext_lazy("Street and number"), ("ulica", "adres", "street", "address")),
    Column(
        "postal_code", gettext_lazy("Postal code"), ("kod pocztowy", "kod", "postal code", "postcode", "zip")
    ),
    Column("city", gettext_lazy("Town"), ("miejscowosc", "miasto", "town", "city", "locality")),
    Column(
        "territory",
        gettext_lazy("Territorial unit: powiat, gmina or municipality (name or code)"),
        ("powiat", "gmina", "teryt", "terc", "territory", "municipality", "lau"),
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
        gettext_lazy("Organisation (name or identifier)"),
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


# Words that name a tax number in a header, whatever the country ("VAT", "tax id").
_TAX_ALIASES = ("tax id", "vat", "vat number")


def identifier_columns(country: str | None) -> list[Column]:
    """A column per identifier scheme of the partner's country, keyed by the scheme's code."""
    columns = []
    for scheme in schemes_of(country):
        aliases = {fold(scheme.label), fold(scheme.label_en), f"numer {scheme.code}", scheme.code}
        if get_check(scheme.check_key).key in _TAX_CHECKS:
            aliases.update(_TAX_ALIASES)
        columns.append(Column(scheme.code, scheme.display_label, tuple(sorted(aliases))))
    return columns


# The checks of tax numbers: a header "VAT" or "tax id" is taken for them.
_TAX_CHECKS = {"pl.nip", "es.nif", "gr.vat", "be.vat", "ro.cui", "pt.nif", "bg.vat", "bg.eik", "de.vat"}


# Header words of the partners' languages (es, pt, de, nl, ro, lv, bg, el), so that a file made in Spain
# or Bulgaria is matched as one made in Poland is. Folded when read (no accents, lower case).
_NATIONAL_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("nombre", "denominación", "razón social", "nome", "denominação", "bezeichnung", "naam",
             "denumire", "nume", "nosaukums", "наименование", "име", "επωνυμία", "όνομα"),
    "type": ("forma jurídica", "rechtsform", "rechtsvorm", "forma juridică", "juridiskā forma",
             "правна форма", "νομική μορφή"),
    "street": ("dirección", "calle", "morada", "rua", "straße", "strasse", "adresse", "straat", "adres",
               "adresa", "strada", "adrese", "iela", "адрес", "улица", "διεύθυνση", "οδός"),
    "postal_code": ("código postal", "cp", "plz", "postleitzahl", "postcode", "cod poștal",
                    "pasta indekss", "пощенски код", "ταχυδρομικός κώδικας", "τκ"),
    "city": ("localidad", "municipio", "localidade", "concelho", "ort", "stadt", "plaats", "localitate",
             "oraș", "pilsēta", "град", "населено място", "πόλη"),
    "email": ("correo electrónico", "correo", "e pasts", "имейл", "ηλεκτρονικό ταχυδρομείο"),
    "phone": ("teléfono", "telefone", "telefoon", "tālrunis", "телефон", "τηλέφωνο"),
    "website": ("página web", "sitio web", "sítio", "webseite", "internetseite", "mājaslapa", "уебсайт",
                "ιστοσελίδα"),
}  # fmt: skip


def _with_national_aliases(column: Column) -> Column:
    extra = tuple(fold(alias).replace("-", " ") for alias in _NATIONAL_ALIASES.get(column.key, ()))
    if not extra:
        return column
    return Column(column.key, column.label, (*column.aliases, *extra), column.required)


def columns_for(kind: str, country: str | None = None) -> list[Column]:
    """The columns an import of `kind` may fill; an organisation's identifiers are its country's."""
    if kind != ImportKind.ORGANISATIONS:
        return PERSON_COLUMNS
    columns = [_with_national_aliases(column) for column in ORGANISATION_COLUMNS]
    at = next(i for i, column in enumerate(columns) if column.key == "helix") + 1
    return [*columns[:at], *identifier_columns(country), *columns[at:]]


def suggest_mapping(kind: str, header: list[str], country: str | None = None) -> dict[str, str]:
    """{field key: header name} guessed from the header names, Polish or English, any case or accents."""
    folded = {fold(name).replace("-", " "): name for name in header if name}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for column in columns_for(kind, country):
        for alias in (column.key.replace("_", " "), *column.aliases):
            name = folded.get(alias)
            if name is not None and name not in used:
                mapping[column.key] = name
                used.add(name)
                break
    return mapping


def mapping_errors(
    kind: str, header: list[str], mapping: dict[str, str], country: str | None = None
) -> list[str]:
    errors = []
    for column in columns_for(kind, country):
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
