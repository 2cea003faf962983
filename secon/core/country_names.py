"""Country names for the two-letter codes partners are stored with, in the interface language (public
pages and forms name a partner's country)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The countries Interreg Europe covers (EU27, Norway, Switzerland); codes are ISO 3166-1 alpha-2.
COUNTRY_NAMES: dict[str, Promise] = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "CH": _("Switzerland"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FR": _("France"),
    "GR": _("Greece"),
    "EL": _("Greece"),  # the code Eurostat and NUTS use for Greece
    "HR": _("Croatia"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IT": _("Italy"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "NO": _("Norway"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SE": _("Sweden"),
    "SI": _("Slovenia"),
    "SK": _("Slovakia"),
}


def country_name(code: str) -> str:
    """The country's name in the active language; an unknown code is shown as it is."""
    name = COUNTRY_NAMES.get(code.upper())
    return str(name) if name is not None else code
