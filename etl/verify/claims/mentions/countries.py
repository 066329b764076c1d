"""Written names of suppliers and recipients in a clause (names, demonyms, capitals, makers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.entities import EntityResolver
from etl.verify.claims.lexicon import CountryLexicon, country_lexicon, words_key
from etl.verify.claims.mentions.spans import Covered, Span


@dataclass(frozen=True)
class CountryHit:
    """A written name of a supplier or recipient in the clause."""

    start: int
    end: int
    text: str
    entity_id: str
    kind: str  # name / demonym / capital / metonym / abbreviation / maker
    possessive: bool


# ---- countries ------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"[A-Za-z0-9]{1,40}(?:'[A-Za-z]{1,2})?")


def find_countries(work: str, resolver: EntityResolver, taken: list[Span]) -> list[CountryHit]:
    """Written names of suppliers and recipients, longest first at each word."""
    lexicon: CountryLexicon = country_lexicon(resolver)
    words = list(_NAME_WORD.finditer(work))
    # Each word's key once; a name's key is its words' keys joined (the last without "'s").
    keys = [words_key(w.group(0)) for w in words]
    bases = [words_key(re.sub(r"'s?$", "", w.group(0))) for w in words]
    found: list[CountryHit] = []
    covered = Covered(work, taken)
    i = 0
    while i < len(words):
        hit = None
        if not words[i].group(0)[:1].isupper():
            i += 1
            continue
        for n in range(min(lexicon.longest, len(words) - i), 0, -1):
            last = words[i + n - 1]
            possessive = bool(re.search(r"'s?$", last.group(0))) and not re.search(r"'[A-Za-z]{2}$", last.group(0))
            key = " ".join(keys[i:i + n - 1] + [bases[i + n - 1] if possessive else keys[i + n - 1]])
            term = lexicon.get(key)
            if term is None:
                continue
            start, end = words[i].start(), last.end()
            gap = work[start:end]
            # Words of one name are joined by single spaces (or, in "Bosnia-Herzegovina", a hyphen).
            if n > 1 and not re.fullmatch(r"[A-Za-z0-9']+(?:[ -][A-Za-z0-9']+)*", gap):
                continue
            name = re.sub(r"'s?$", "", gap) if possessive else gap
            if term.case_sensitive and not re.fullmatch(r"[A-Z0-9 ]+", name.replace(" ", "")):
                continue
            if covered.overlaps(start, end):
                continue
            if term.kind == "maker" and re.match(r"-?\d", work[end:end + 2]):
                continue  # "MiG-21", "Mi-17": a designation, not the maker
            if term.kind == "not-a-name":
                hit = CountryHit(start, end, gap, "", term.kind, False)  # consumed, not kept
                i += n
                break
            hit = CountryHit(start, end, gap, term.entity_id, term.kind, possessive)
            i += n
            break
        if hit is None:
            i += 1
            continue
        if hit.kind == "not-a-name":
            continue
        found.append(hit)
        taken.append(Span(hit.start, hit.end, "country", hit, hit.text))
        covered.add(taken[-1])
    return found
