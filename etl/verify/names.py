"""How weapon names are compared: folded for case, hyphens, spaces and diacritics."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose to ASCII: Turkish dotless i (Akıncı), Nordic and Polish letters.
_FOLD = str.maketrans(
    {"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l",
     "Ł": "L", "đ": "d", "Đ": "D", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
     "’": "'", "‘": "'"}
)
# A hyphen or dot inside a designation joins its parts: MH-60R, TB-2, Su-30MKI, F/A-18.
_NAME_NUMBER = re.compile(r"(?<=[a-z]{2})\s+(?=\d)(?!\d+\s?mm\b)")
_JOINERS = re.compile(r"(?<=[0-9a-z])[-./](?=[0-9a-z])")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def plain(text: str) -> str:
    """Text without diacritics, dashes made plain hyphens, case kept: 'Akıncı' -> 'Akinci'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Text casefolded, without diacritics, dashes made plain hyphens: 'Akıncı' -> 'akinci'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}
# "Block III", "Mk II": a version number in Roman numerals reads as its digits (SIPRI: Block-3).
# "Wing Loong II" (SIPRI: Wing Loong-2): a Roman numeral of two letters or more after a name.
_TRAILING_ROMAN = re.compile(r"(?<=[a-z])[\s-](viii|vii|vi|iv|iii|ii)$")
_VERSION_ROMAN = re.compile(r"\b(block|mk|mark|batch|phase|tranche)[\s-](viii|vii|vi|iv|v|iii|ii|i)\b")


@lru_cache(maxsize=65_536)
def name_tokens(text: str) -> tuple[str, ...]:
    """Tokens of a weapon name as compared: 'Bayraktar TB-2' -> ('bayraktar', 'tb2')."""
    folded = _VERSION_ROMAN.sub(lambda m: m.group(1) + _ROMAN[m.group(2)], fold(text))
    folded = _TRAILING_ROMAN.sub(lambda m: " " + _ROMAN[m.group(1)], folded)
    # "Saab 2000", "Leopard 2", "Type 054A": a name and its number are one token, as SIPRI's
    # "Saab-2000", "Leopard-2A4", "Type-054A" are.
    folded = _NAME_NUMBER.sub("", folded)
    joined = _JOINERS.sub("", folded)
    return tuple(token for token in _NON_ALNUM.split(joined) if token)


def name_key(text: str) -> str:
    """One key for a name: 'Bayraktar TB-2', 'bayraktar tb2' and 'BAYRAKTAR-TB2' all give
    'bayraktartb2'."""
    return "".join(name_tokens(text))


def is_variant(short: str, long: str) -> bool:
    """Whether token `long` is a lettered variant of `short`: 'j10' -> 'j10c', 'su30mk' ->
    'su30mki', but not 'tb2' -> 'tb20' (a different number)."""
    if not long.startswith(short) or len(long) == len(short):
        return False
    rest = long[len(short):]
    if not any(c.isdigit() for c in short) or not rest.isalpha():
        return False
    # After a number up to three letters ('j10' -> 'j10ce'); after letters, one ('su30mk' -> 'su30mki').
    return len(rest) <= 3 if short[-1].isdigit() else len(rest) == 1
