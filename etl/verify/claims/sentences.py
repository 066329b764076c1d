"""Text -> paragraphs -> sentences -> clauses, with offsets into the text.

Sentences are split by pysbd (a rule-based sentence boundary library: it keeps "U.S.",
"Lt. Gen.", "Rs. 5", "No. 5", decimals and quoted sentences whole, which a regex does not).
Paragraphs are lines; a very long line is cut at spaces first so pysbd's rules run on bounded
pieces. Clauses are split at the joints where journalists put a second direction ("; in return,",
", while", "and, for its part,"); `etl.verify.claims.article` decides whether a split stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

# pysbd's rules are regexes over the whole piece: bound the piece so a pasted 50,000-character
# line with no full stop costs no more than many short ones.
MAX_PIECE_CHARS = 2_000


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    index: int


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _pieces(line: str) -> list[str]:
    if len(line) <= MAX_PIECE_CHARS:
        return [line]
    pieces = []
    while len(line) > MAX_PIECE_CHARS:
        cut = line.rfind(" ", 0, MAX_PIECE_CHARS)
        cut = cut if cut > MAX_PIECE_CHARS // 2 else MAX_PIECE_CHARS
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of the text."""
    out = []
    for match in re.finditer(r"[^\n\r\u2028\u2029]+", text):
        if match.group(0).strip():
            out.append((match.start(), match.end()))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """The text's sentences in order, each with its offsets and paragraph number."""
    sentences: list[Sentence] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        cursor = start
        for piece in _pieces(text[start:end]):
            for segment in _segmenter().segment(piece):
                stripped = segment.strip()
                if not stripped:
                    continue
                found = text.find(stripped, cursor, end)
                if found < 0:  # pysbd never rewrites text with clean=False; stay safe anyway
                    found = cursor
                sentences.append(Sentence(stripped, found, found + len(stripped), number, len(sentences)))
                cursor = found + len(stripped)
    return sentences


# Where a sentence can hold a second claim with its own direction. The text after the joint
# starts the new clause; "in return" and "for its part" stay with it as cues.
CLAUSE_JOINTS = re.compile(
    r";\s*(?:and\s+)?(?:in return,?\s*)?"
    r"|,\s*(?:and\s+)?in return,?\s+"
    r"|,?\s+and,?\s+for (?:its|their) part,?\s+"
    r"|,\s+(?:while|whereas|but|and|although|though)\s+"
    r"|,?\s+(?:after|before|because|when|whereas|although|though|since|once|until)\s+(?=(?:the\s+)?[A-Z])"
    r"|,?\s+along with\s+"
    r"|\s+but\s+(?=(?:not|never)\s+(?:to|for|from)\s)"
    r"|,\s+(?=(?:some|one|two|three|four|five|all|most|the (?:first|last|remaining|rest|final)) (?:of (?:them|which|these)|arrived|was|were)\b)",
    re.IGNORECASE,
)
# Where a second predicate shares the clause's subject: "India has exported X to Mauritius and
# has imported Y from Israel".
PREDICATE_JOINTS = re.compile(
    r",?\s+and\s+(?=(?:has|have|had|will|would|is|are|was|were|also|later|then|since|subsequently|"
    r"now|recently|has since|is also|will also)\b)",
    re.IGNORECASE,
)


# "ordered X from Israel and Y from Spain": a list of weapons, each with its own side.
LIST_JOINT = re.compile(r"\s+and\s+(?!(?:has|have|had|will|would|is|are|was|were|also|later|then|since|now)\b)(?=[^,;.]{3,80}?\b(?:from|to)\s+(?:the\s+)?[A-Z])")
_SIDE_BEFORE = re.compile(r"\b(?:from|to)\s+(?:the\s+)?[A-Z][\w'-]{1,30}(?:\s[A-Z][\w'-]{1,30}){0,2}\s*$")


def clause_cuts(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the joints where the sentence could be cut into clauses."""
    cuts = [(m.start(), m.end()) for m in CLAUSE_JOINTS.finditer(sentence)]
    for match in LIST_JOINT.finditer(sentence):
        if _SIDE_BEFORE.search(sentence, 0, match.start()) and not any(a <= match.start() < b for a, b in cuts):
            cuts.append((match.start(), match.end()))
    return sorted(cuts)


def predicate_cuts(clause: str) -> list[tuple[int, int]]:
    """(start, end) of the joints where a second predicate of the same subject starts."""
    return [(m.start(), m.end()) for m in PREDICATE_JOINTS.finditer(clause)]
