"""What every finder shares: spans of a clause already taken, and the clause's normalised text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from etl.verify.names import plain


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    value: object
    text: str


def overlaps(span: tuple[int, int], taken: Iterable[Span]) -> bool:
    return any(span[0] < s.end and s.start < span[1] for s in taken)


class Covered:
    """The characters of a clause that taken spans cover: `overlaps` in the length of the span asked
    about, not in the number of spans taken (a clause of 3,000 `$1 UK` made the finders that ask
    for every word quadratic: 6 million comparisons for a 19,998-character claim)."""

    def __init__(self, work: str, taken: Iterable[Span]) -> None:
        self._mask = bytearray(len(work) + 1)
        for span in taken:
            self.add(span)

    def add(self, span: Span) -> None:
        self._mask[span.start:span.end] = b"\x01" * max(0, span.end - span.start)

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self._mask[start:end]


def normalise(text: str) -> str:
    """Plain text (no diacritics, plain dashes and quotes); dotted abbreviations as words."""
    text = plain(text).replace("\u00a0", " ")
    # "U.S." -> "U S " keeps word boundaries (and the length).
    text = re.sub(r"\b([A-Z])\.(?=[A-Z]\.|\s|$|,)", r"\1 ", text)
    return re.sub(r"(?<=\b[A-Z]) (?=[A-Z]\b\.?)", " ", text)
