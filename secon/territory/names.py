"""Name normalisation for lookups: case, diacritics (ł → l too) and spacing do not matter."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and a combining mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,/]+")


def normalise_name(name: str) -> str:
    """The search key of a name: 'Ostrołęka', 'OSTROLEKA' and ' ostrołęka ' all give 'ostroleka'."""
    text = name.translate(_UNDECOMPOSED)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()
