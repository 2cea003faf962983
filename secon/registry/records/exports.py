"""Export of a filtered organisation or people list as Excel-ready CSV or XLSX.

The rows are exactly those of the list page with the same query string (the list's own filter
functions, scoped to the partners the user may see). Exporting people is a disclosure of personal data,
so it is audited with the count and the filters used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_event
from secon.countries.models import IdentifierScheme
from secon.lib.tabular import csv_bytes, xlsx_bytes
from secon.registry.models import Affiliation, ConsentRecord, Organisation, Person
from secon.registry.records.filters import OrganisationFilterForm, PersonFilterForm
from secon.territory.models import nuts3_of

if TYPE_CHECKING:
    from secon.accounts.models import User

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KINDS = ("organisations", "people")
# The audit action of each list export: the record is the list (`app.model.verb_past`, a singular noun).
AUDIT_CODES = {
    "organisations": "registry.organisation_list.exported",
    "people": "registry.person_list.exported",
}
CHUNK = 2000


def _organisations(query: QueryDict, user: User) -> Any:
    form = OrganisationFilterForm(query or None, user=user)
    return (
        form.results()
        .select_related("nuts_region")
        .annotate(territory_nuts3=nuts3_of("territory"))
        .prefetch_related("themes", "identifiers")
    )


def _unit_cells(organisation: Organisation) -> list[str]:
    """The unit in its own country's terms: a TERYT powiat or gmina, or a LAU, with its NUTS-3 region."""
    unit = organisation.territory
    nuts3 = getattr(organisation, "territory_nuts3", None) or (
        organisation.nuts_region.code if organisation.nuts_region else ""
    )
    if unit is None:
        return ["", "", "", nuts3]
    return [str(unit), str(unit.get_level_display()), unit.code, nuts3]


def _people(query: QueryDict, user: User) -> Any:
    form = PersonFilterForm(query or None, user=user)
    return form.results().prefetch_related(
        "role_assignments",
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation")),
        Prefetch("consents", queryset=ConsentRecord.objects.in_force(), to_attr="consents_in_force"),
    )


def organisation_table(query: QueryDict, user: User) -> tuple[list[str], Iterator[list[Any]]]:
    organisations = _organisations(query, user)
    # A column per identifier of the countries in the list: one country's for a partner's staff, each
    # record's own for the Lead Partner (a Spanish NIF in the NIF column, a Polish NIP in the NIP one).
    if user.sees_all_partners or user.partner is None:
        countries = list(organisations.order_by().values_list("partner__country", flat=True).distinct())
    else:
        countries = [user.partner.country]
    schemes = list(IdentifierScheme.objects.filter(country_id__in=countries).select_related("country"))
    header = [
        _("Name"), _("Name (English)"), _("Short name"), _("Legal form or type"),
        _("Quadruple-helix category"), *[scheme.display_label for scheme in schemes],
        _("Street and number"), _("Postal code"), _("Town"), _("Territorial unit"), _("Kind of unit"),
        _("Unit code"), _("NUTS-3 region"), _("Website"), _("E-mail"), _("Phone"), _("Themes"), _("Partner"),
    ]  # fmt: skip

    def rows() -> Iterator[list[Any]]:
        organisation: Organisation
        for organisation in organisations.iterator(chunk_size=CHUNK):
            yield [
                organisation.name, organisation.name_en, organisation.short_name,
                organisation.type.display_name, organisation.get_helix_display(),
                *_numbers(organisation, schemes), organisation.street, organisation.postal_code,
                organisation.city, *_unit_cells(organisation), organisation.website,
                organisation.email, organisation.phone,
                ", ".join(theme.display_name for theme in organisation.themes.all()),
                organisation.partner.short_name,
            ]  # fmt: skip

    return header, rows()


def _numbers(organisation: Organisation, schemes: list[IdentifierScheme]) -> list[str]:
    values = {identifier.scheme_id: identifier.value for identifier in organisation.identifiers.all()}
    return [scheme.format(values[scheme.pk]) if scheme.pk in values else "" for scheme in schemes]


def person_table(query: QueryDict, user: User) -> tuple[list[str], Iterator[list[Any]]]:
    people = _people(query, user)
    header = [
        _("Given name(s)"), _("Surname"), _("E-mail"), _("Phone"), _("Preferred language"),
        _("Organisations"), _("Roles"), _("Contact allowed for"), _("Partner"),
    ]  # fmt: skip

    def rows() -> Iterator[list[Any]]:
        person: Person
        for person in people.iterator(chunk_size=CHUNK):
            organisations = "; ".join(
                f"{a.organisation.name} ({a.position})" if a.position else a.organisation.name
                for a in person.affiliations.all()
            )
            in_force = getattr(person, "consents_in_force", [])
            purposes = ", ".join(sorted({str(consent.get_purpose_display()) for consent in in_force}))
            yield [
                person.given_names, person.surname, person.email, person.phone, person.get_language_display(),
                organisations, ", ".join(person.get_roles_display()), purposes, person.partner.short_name,
            ]  # fmt: skip

    return header, rows()


def export_list(kind: str, file_format: str, *, query: QueryDict, actor: User) -> tuple[bytes, str]:
    """The file's bytes and its download name; `query` is the list page's query string."""
    if kind not in KINDS or file_format not in FORMATS:
        raise ValueError(f"Unknown export {kind}.{file_format}")
    table = organisation_table if kind == "organisations" else person_table
    header, rows = table(query, actor)
    materialised = list(rows)
    title = _("Organisations") if kind == "organisations" else _("People")
    if file_format == "csv":
        data = csv_bytes(header, materialised)
    else:
        data = xlsx_bytes(header, materialised, title=title)
    filters = {key: query.getlist(key) for key in query if key != "page"}
    record_event(
        AUDIT_CODES[kind],
        actor=actor,
        partner=actor.partner if not actor.sees_all_partners else None,
        changes={"format": file_format, "rows": len(materialised), "filters": str(filters)},
    )
    name = f"{kind}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    return data, name
