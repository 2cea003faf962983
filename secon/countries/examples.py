"""Made-up identifiers that pass their country's check, for the demo, generated registries and tests.

A number is drawn in the scheme's shape and its last characters tried until the check accepts it, so
the check itself (python-stdnum) decides what is valid; nothing here re-implements an algorithm.
"""

from __future__ import annotations

import random
import string

from .checks import IdentifierProblem, get_check

# check key → (a fixed start, how many random digits follow, the alphabet of the tried ending, its length)
_SHAPES: dict[str, tuple[str, int, str, int]] = {
    "pl.nip": ("5", 8, string.digits, 1),
    "pl.regon": ("14", 6, string.digits, 1),
    "pl.krs": ("0000", 6, "", 0),
    "es.nif": ("F", 7, string.digits + "ABCDEFGHIJ", 1),  # F: a cooperative's CIF
    "es.cif": ("G", 7, string.digits + "ABCDEFGHIJ", 1),  # G: an association or foundation
    "gr.vat": ("99", 6, string.digits, 1),
    "be.vat": ("07", 6, string.digits, 2),
    "ro.cui": ("4", 6, string.digits, 1),
    "pt.nif": ("50", 6, string.digits, 1),
    "lv.pvn": ("4000", 6, string.digits, 1),
    "bg.vat": ("20", 6, string.digits, 1),
    "bg.eik": ("20", 6, string.digits, 1),
    "de.vat": ("8", 7, string.digits, 1),
}


def example_number(check_key: str, rng: random.Random, *, start: str | None = None) -> str:
    """A number that `check_key`'s check accepts, written compactly; `start` overrides the fixed start."""
    if check_key == "de.handelsregisternummer":
        return get_check(check_key).validate(f"Mannheim HRB {rng.randint(700_000, 739_999)}")
    if check_key == "ro.onrc":
        return get_check(check_key).validate(f"J19/{rng.randint(100, 999)}/{rng.randint(2005, 2020)}")
    if check_key not in _SHAPES:
        return f"DEMO-{rng.randint(10_000, 99_999)}"
    fixed, count, alphabet, ending = _SHAPES[check_key]
    fixed = start if start is not None else fixed
    check = get_check(check_key)
    for _attempt in range(1000):
        stem = fixed + "".join(rng.choice(string.digits) for _ in range(count))
        endings = [""] if not ending else _endings(alphabet, ending)
        for end in endings:
            try:
                return check.validate(stem + end)
            except IdentifierProblem:
                continue
    raise ValueError(f"no valid {check_key} number found")  # pragma: no cover - the shapes admit many


def _endings(alphabet: str, length: int) -> list[str]:
    if length == 1:
        return list(alphabet)
    return [a + b for a in alphabet for b in _endings(alphabet, length - 1)]
