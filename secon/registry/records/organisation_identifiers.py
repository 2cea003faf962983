"""Organisations' identifiers: the numbers of their country's schemes, checked, unique within a partner.

An organisation's country is its partner's, so a Spanish partner's organisations have a NIF and a
Polish partner's a KRS, NIP and REGON. Values are keyed by scheme code (the form field and the import
column); a code of another country's scheme is refused, not ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from secon.countries.identifiers import clean_identifier
from secon.countries.models import Country, IdentifierScheme
from secon.registry.models import Organisation, OrganisationIdentifier


def schemes_of(country_code: str | None) -> list[IdentifierScheme]:
    """A country's identifier schemes in their order (none for an unknown country)."""
    if not country_code:
        return []
    return list(IdentifierScheme.objects.of_country(country_code).select_related("country"))


def clean_identifiers(country_code: str, values: Mapping[str, str]) -> dict[IdentifierScheme, str]:
    """Each number checked against its scheme and written compactly; "" means "none".

    Every bad number is reported under its own code at once; a code that is not one of the country's
    schemes is reported too (a Spanish NIF column sent for a Polish partner).
    """
    schemes = {scheme.code: scheme for scheme in schemes_of(country_code)}
    errors: dict[str, list[ValidationError]] = {}
    cleaned: dict[IdentifierScheme, str] = {}
    for code, value in values.items():
        scheme = schemes.get(code)
        if scheme is None:
            country = Country.objects.filter(pk=country_code).first()
            errors[code] = [
                ValidationError(
                    _("“%(code)s” is not an identifier of organisations in %(country)s.")
                    % {"code": code, "country": country.display_name if country else country_code},
                    code="unknown_scheme",
                )
            ]
            continue
        try:
            cleaned[scheme] = clean_identifier(scheme, value or "")
        except ValidationError as error:
            errors[code] = [error]
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_identifiers_unique(
    partner_id: int, identifiers: Mapping[IdentifierScheme, str], exclude_pk: int | None
) -> None:
    """Within one partner's registry, a number names one organisation."""
    errors = {}
    for scheme, value in identifiers.items():
        if not value:
            continue
        clash = (
            OrganisationIdentifier.objects.filter(
                scheme=scheme, value=value, organisation__partner_id=partner_id
            )
            .exclude(organisation_id=exclude_pk or 0)
            .select_related("organisation")
            .first()
        )
        if clash is not None:
            errors[scheme.code] = _("%(field)s %(value)s already belongs to “%(name)s”.") % {
                "field": scheme.short_label,
                "value": scheme.format(value),
                "name": clash.organisation.name,
            }
    if errors:
        raise ValidationError(errors)


def described(organisation: Organisation) -> list[str]:
    """The organisation's numbers as the audit trail records them ("NIP 5252248481")."""
    return [
        f"{identifier.scheme.label} {identifier.value}"
        for identifier in organisation.identifiers.select_related("scheme").order_by("scheme__order")
    ]


def write_identifiers(organisation: Organisation, identifiers: Mapping[IdentifierScheme, str]) -> None:
    """Set the given numbers; "" removes one. Schemes not given are left as they are."""
    current = {row.scheme_id: row for row in organisation.identifiers.all()}
    for scheme, value in identifiers.items():
        row = current.get(scheme.pk)
        if not value:
            if row is not None:
                row.delete()
        elif row is None:
            OrganisationIdentifier.objects.create(organisation=organisation, scheme=scheme, value=value)
        elif row.value != value:
            row.value = value
            row.save(update_fields=["value"])


def identifier_rows(organisation: Organisation) -> list[tuple[IdentifierScheme, str]]:
    """Every scheme of the organisation's country with its number formatted ("" when none): detail pages."""
    values = {row.scheme_id: row.value for row in organisation.identifiers.all()}
    return [
        (scheme, scheme.format(values[scheme.pk]) if scheme.pk in values else "")
        for scheme in schemes_of(organisation.country_code)
    ]
