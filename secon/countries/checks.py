"""How identifiers are checked: a fixed allow-list of algorithms, chosen per scheme by its key.

A scheme (a row, editable in the admin) names its check by a key of `CHECKS`; the key only selects
among modules imported here, so no module name read from the database is ever imported. Where a
public algorithm exists the check is python-stdnum's; its exception says what is wrong (length, check
digit or form), which the message repeats in the user's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stdnum.be import vat as be_vat
from stdnum.bg import vat as bg_vat
from stdnum.de import handelsregisternummer as de_handelsregisternummer
from stdnum.de import vat as de_vat
from stdnum.es import cif as es_cif
from stdnum.es import nif as es_nif
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError
from stdnum.gr import vat as gr_vat
from stdnum.lv import pvn as lv_pvn
from stdnum.pl import nip as pl_nip
from stdnum.pl import regon as pl_regon
from stdnum.pt import nif as pt_nif
from stdnum.ro import cui as ro_cui
from stdnum.ro import onrc as ro_onrc


class Problem:
    """What is wrong with a number, as the checks report it."""

    LENGTH = "length"
    CHECK_DIGIT = "check_digit"
    FORM = "form"


class IdentifierProblem(ValueError):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class Check:
    """One algorithm: how to write a number compactly, check it and show it."""

    key: str
    label: str | Promise  # for the admin's list of checks
    length: str | Promise  # "9 digits": what a number of the right length has
    example: str
    compact: Callable[[str], str]
    validate: Callable[[str], str]  # returns the compact number or raises IdentifierProblem
    format: Callable[[str], str]
    # A format-only check accepts almost any number: it proves nothing about another country's value.
    is_strong: bool = True


def _from_stdnum(
    module: ModuleType,
) -> tuple[Callable[[str], str], Callable[[str], str], Callable[[str], str]]:
    def validate(value: str) -> str:
        try:
            return str(module.validate(value))
        except InvalidChecksum as error:
            raise IdentifierProblem(Problem.CHECK_DIGIT) from error
        except InvalidLength as error:
            raise IdentifierProblem(Problem.LENGTH) from error
        except ValidationError as error:  # InvalidFormat, InvalidComponent
            raise IdentifierProblem(Problem.FORM) from error

    def compact(value: str) -> str:
        return str(module.compact(value))

    def show(value: str) -> str:
        return str(module.format(value)) if hasattr(module, "format") else value

    return compact, validate, show


def _stdnum_check(
    key: str, module: ModuleType, label: str | Promise, length: str | Promise, example: str
) -> Check:
    compact, validate, show = _from_stdnum(module)
    return Check(key, label, length, example, compact, validate, show)


def _legal_entity_eik() -> tuple[Callable[[str], str], Callable[[str], str], Callable[[str], str]]:
    # stdnum's Bulgarian VAT number also takes a person's 10-digit EGN; an organisation's EIK has 9.
    compact, validate, show = _from_stdnum(bg_vat)

    def validate_eik(value: str) -> str:
        if len(compact(value)) != 9:
            raise IdentifierProblem(Problem.LENGTH)
        return validate(value)

    return compact, validate_eik, show


def _compact_digits(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value)


def _validate_krs(value: str) -> str:
    # KRS numbers carry no check digit: up to ten digits, written with the leading zeros.
    number = _compact_digits(value)
    if not number.isdigit():
        raise IdentifierProblem(Problem.FORM)
    if len(number) > 10:
        raise IdentifierProblem(Problem.LENGTH)
    return number.zfill(10)


def _validate_free(value: str) -> str:
    number = " ".join(value.split())
    if len(number) > 40:
        raise IdentifierProblem(Problem.LENGTH)
    return number


CHECKS: dict[str, Check] = {
    check.key: check
    for check in (
        _stdnum_check("pl.nip", pl_nip, _("Polish NIP"), _("10 digits"), "525-224-84-81"),
        _stdnum_check("pl.regon", pl_regon, _("Polish REGON"), _("9 or 14 digits"), "146143870"),
        Check(
            "pl.krs",
            _("Polish KRS (form only: no check digit)"),
            _("up to 10 digits"),
            "0000012345",
            _compact_digits,
            _validate_krs,
            lambda value: value,
            is_strong=False,
        ),
        _stdnum_check(
            "es.nif", es_nif, _("Spanish NIF (also CIF, NIE, DNI)"), _("9 characters"), "B12345674"
        ),
        _stdnum_check("es.cif", es_cif, _("Spanish CIF"), _("9 characters"), "B12345674"),
        _stdnum_check("gr.vat", gr_vat, _("Greek AFM"), _("9 digits"), "094259216"),
        _stdnum_check("be.vat", be_vat, _("Belgian enterprise number"), _("10 digits"), "0403.019.261"),
        _stdnum_check("ro.cui", ro_cui, _("Romanian CUI/CIF"), _("2 to 10 digits"), "18547290"),
        _stdnum_check(
            "ro.onrc",
            ro_onrc,
            _("Romanian trade register number"),
            _("J, county, number and year"),
            "J52/750/2012",
        ),
        _stdnum_check("pt.nif", pt_nif, _("Portuguese NIF/NIPC"), _("9 digits"), "501964843"),
        _stdnum_check("lv.pvn", lv_pvn, _("Latvian registration number"), _("11 digits"), "40003521600"),
        _stdnum_check("bg.vat", bg_vat, _("Bulgarian EIK/BULSTAT"), _("9 or 10 digits"), "175074752"),
        Check(
            "bg.eik",
            _("Bulgarian EIK/BULSTAT of a legal entity"),
            _("9 digits"),
            "175074752",
            *_legal_entity_eik(),
        ),
        _stdnum_check(
            "de.handelsregisternummer",
            de_handelsregisternummer,
            _("German register number"),
            _("a court, a register (HRA, HRB, GnR, VR, PR) and a number"),
            "Mannheim HRB 123456",
        ),
        _stdnum_check("de.vat", de_vat, _("German VAT number (USt-IdNr.)"), _("9 digits"), "136695976"),
        Check(
            "free",
            _("No public check (any text up to 40 characters)"),
            _("up to 40 characters"),
            "",
            lambda value: " ".join(value.split()),
            _validate_free,
            lambda value: value,
            is_strong=False,
        ),
    )
}

CHECK_CHOICES: list[tuple[str, str | Promise]] = [(check.key, check.label) for check in CHECKS.values()]


def get_check(key: str) -> Check:
    """The check of a scheme; an unknown key (an edited row) checks nothing rather than failing."""
    return CHECKS.get(key, CHECKS["free"])
