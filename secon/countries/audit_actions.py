"""The audit actions of the country profiles, with the labels the record history shows."""

from django.utils.translation import gettext_lazy as _

from secon.core.audit import register_actions

register_actions(
    {
        "countries.country.created": _("Country profile added"),
        "countries.country.updated": _("Country profile changed"),
        "countries.country.deleted": _("Country profile deleted"),
        "countries.identifier_scheme.created": _("Identifier added to a country profile"),
        "countries.identifier_scheme.updated": _("Identifier of a country profile changed"),
        "countries.identifier_scheme.deleted": _("Identifier removed from a country profile"),
    },
)
