"""Polish registry identifiers: NIP and REGON checked by their public checksums, KRS by its form.

KRS numbers carry no check digit; a KRS is valid when it is ten digits (leading zeros kept).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.pl import nip, regon

_NON_DIGITS = re.compile(r"[\s\-]")


def compact(value: str) -> str:
    """Spaces and dashes removed, as officials write them in many ways ('525-224-84-81')."""
    return _NON_DIGITS.sub("", value or "")


def clean_nip(value: str) -> str:
    number = compact(value).upper().removeprefix("PL")
    if not number:
        return ""
    if not number.isdigit() or len(number) != 10:
        raise ValidationError(
            _("NIP must have 10 digits (got “%(value)s”).") % {"value": value}, code="nip_form"
        )
    if not nip.is_valid(number):
        raise ValidationError(
            _("NIP %(value)s is not valid: its check digit does not match.") % {"value": value},
            code="nip_check",
        )
    return number


def clean_regon(value: str) -> str:
    number = compact(value)
    if not number:
        return ""
    if not number.isdigit() or len(number) not in (9, 14):
        raise ValidationError(
            _("REGON must have 9 or 14 digits (got “%(value)s”).") % {"value": value}, code="regon_form"
        )
    if not regon.is_valid(number):
        raise ValidationError(
            _("REGON %(value)s is not valid: its check digit does not match.") % {"value": value},
            code="regon_check",
        )
    return number


def clean_krs(value: str) -> str:
    number = compact(value)
    if not number:
        return ""
    if not number.isdigit() or len(number) > 10:
        raise ValidationError(
            _("KRS must be a number of up to 10 digits (got “%(value)s”).") % {"value": value},
            code="krs_form",
        )
    return number.zfill(10)
