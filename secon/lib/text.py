"""Text folding and search keys for Polish names: case, diacritics and inflection do not matter."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and a combining mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,/]+")
_WORD = re.compile(r"[0-9a-z]+")

# Polish inflectional endings after folding (ą→a, ę→e, ó→o), longest first. Cutting them gives a rough
# stem, so "spółdzielnia", "spółdzielni", "spółdzielnią" and "spółdzielnie" all share "spoldzieln".
_ENDINGS = sorted(
    {
        "iami",
        "iach",
        "iego",
        "iemu",
        "iom",
        "iow",
        "ami",
        "ach",
        "ego",
        "emu",
        "ich",
        "imi",
        "ymi",
        "iej",
        "owi",
        "ow",
        "om",
        "ej",
        "ym",
        "im",
        "ia",
        "ie",
        "ii",
        "iu",
        "io",
        "a",
        "e",
        "i",
        "o",
        "u",
        "y",
    },
    key=len,
    reverse=True,
)
_MIN_STEM = 4


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: 'Spółdzielnia  Socjalna' → 'spoldzielnia socjalna'."""
    text = text.translate(_UNDECOMPOSED)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def stem(word: str) -> str:
    """A rough Polish stem of a folded word; short words stay whole."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def search_stems(text: str) -> list[str]:
    """The stems of every word of a text, in order, for building and querying search keys."""
    return [stem(word) for word in _WORD.findall(fold(text))]


def search_key(*texts: str) -> str:
    """One string of stems for a record's searchable texts, each stem framed by spaces for matching."""
    stems = [s for text in texts if text for s in search_stems(text)]
    return " " + " ".join(stems) + " " if stems else ""
