"""Checking an identifier against its scheme, with a message that names what is wrong.

When a number fails its own country's check but passes another country's (a Spanish NIF typed for a
Polish organisation), the message says so: the likely mistake is the country, not a typo.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .checks import IdentifierProblem, Problem, get_check
from .models import IdentifierScheme


def clean_identifier(
    scheme: IdentifierScheme, value: str, *, others: Iterable[IdentifierScheme] | None = None
) -> str:
    """The number written compactly, or a ValidationError saying what is wrong; "" stays "".

    `others` are the schemes to recognise a misplaced number by (default: every other country's).
    """
    value = (value or "").strip()
    if not value:
        return ""
    check = get_check(scheme.check_key)
    try:
        return check.validate(value)
    except IdentifierProblem as error:
        # Names are looked up only for a message: an import checks many numbers and refuses few.
        country = scheme.country.display_name
        params = {"label": scheme.short_label, "value": value, "country": country, "length": check.length}
        if error.problem == Problem.CHECK_DIGIT:
            message = _("The check digit of %(label)s %(value)s is wrong.") % params
            code = "check_digit"
        elif error.problem == Problem.LENGTH:
            message = _("%(label)s (%(country)s) has %(length)s; “%(value)s” has another length.") % params
            code = "length"
        else:
            message = _("“%(value)s” does not have the form of %(label)s (%(country)s): %(length)s.") % params
            code = "form"
            if check.example:
                message += " " + _("For example: %(example)s.") % {"example": check.example}
    # A wrong check digit in a number of the right form is a typo; a number of another form may be
    # another country's, and then the message says whose.
    elsewhere = recognised_elsewhere(scheme, value, others) if code != "check_digit" else []
    if elsewhere:
        message += " " + (
            _("It is a valid %(others)s, but this organisation belongs to a partner in %(country)s.")
            % {"others": ", ".join(elsewhere), "country": country}
        )
        code = "other_country"
    raise ValidationError(message, code=code)


def recognised_elsewhere(
    scheme: IdentifierScheme, value: str, others: Iterable[IdentifierScheme] | None = None
) -> list[str]:
    """The other countries' schemes (their labels with the country) under which `value` is valid."""
    if others is None:
        others = IdentifierScheme.objects.exclude(country_id=scheme.country_id).select_related("country")
    found: list[str] = []
    for other in others:
        check = get_check(other.check_key)
        if other.country_id == scheme.country_id or not check.is_strong:
            continue
        try:
            check.validate(value)
        except IdentifierProblem:
            continue
        found.append(f"{other.short_label} ({other.country.display_name})")
    return found
