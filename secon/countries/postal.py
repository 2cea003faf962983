"""Postal codes: the form each partner country's post gives them (a fact of the country, so code).

A country without an entry accepts any short code: the form is not checked rather than wrongly refused.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Country

# country → (pattern, an example)
POSTAL_CODES: dict[str, tuple[re.Pattern[str], str]] = {
    "PL": (re.compile(r"^\d{2}-\d{3}$"), "00-001"),
    "GR": (re.compile(r"^\d{3} ?\d{2}$"), "221 00"),
    "DE": (re.compile(r"^\d{5}$"), "68161"),
    "BE": (re.compile(r"^\d{4}$"), "3000"),
    "RO": (re.compile(r"^\d{6}$"), "530110"),
    "PT": (re.compile(r"^\d{4}-\d{3}$"), "3720-240"),
    "LV": (re.compile(r"^LV-\d{4}$"), "LV-1050"),
    "ES": (re.compile(r"^\d{5}$"), "06800"),
    "BG": (re.compile(r"^\d{4}$"), "6300"),
}


def clean_postal_code(country_code: str | None, value: str) -> str:
    """The code as typed (trimmed), or a ValidationError with the country's form; "" stays ""."""
    value = (value or "").strip()
    if not value or country_code not in POSTAL_CODES:
        return value
    pattern, example = POSTAL_CODES[country_code]
    if not pattern.match(value):
        country = Country.objects.filter(pk=country_code).first()
        raise ValidationError(
            _("A postal code in %(country)s looks like %(example)s (got “%(value)s”).")
            % {
                "country": country.display_name if country else country_code,
                "example": example,
                "value": value,
            },
            code="postal_code",
        )
    return value
