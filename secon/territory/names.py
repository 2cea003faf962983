"""Name normalisation for lookups: case, diacritics (ł → l too) and spacing do not matter."""

from __future__ import annotations

from secon.lib.text import fold


def normalise_name(name: str) -> str:
    """The search key of a name: 'Ostrołęka', 'OSTROLEKA' and ' ostrołęka ' all give 'ostroleka'."""
    return fold(name)
