"""Weapons in a clause: designations the register knows or that look like one, type words,
exclusions, each with the quantity written before it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from etl.verify.claims.lexicon import weapon_aliases
from etl.verify.claims.mentions.numbers import NUMBER, YEAR, number_value
from etl.verify.claims.mentions.spans import Covered, Span, overlaps
from etl.verify.claims.model import WeaponMention
from etl.verify.coverage import exclusions_in
from etl.verify.names import name_key, name_tokens
from etl.verify.weapons import GENERIC_TOKENS, WEAPON_TYPES, type_words_pattern

# ---- weapons --------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'/]|[-.](?=[A-Za-z0-9])){0,40}")
# Designation-shaped words not in the register: letters and digits joined (MH-60R, J-10C, TB2).
_DESIGNATION_SHAPE = re.compile(r"^(?=.{0,30}\d)(?=.{0,30}[A-Za-z])[A-Za-z0-9]{1,12}(?:[-/][A-Za-z0-9]{1,12}){0,4}$")
# Letters-and-digit words that are not designations ("G20", "Q3", "5G", "19th"); a designation
# in capitals keeps its case ("TB3", "KJ5"), so the two-letter rule only takes lower case.
_NOT_DESIGNATIONS = re.compile(
    r"^(?:\d+(?:st|nd|rd|th|s|km|mm|m|kg|t|hp|bn|b)|(?i:covid-?19)|[A-Za-z]\d|\d+[a-z]?|(?i:g20|g7|p5|q[1-4])|"
    r"[a-z]{2}\d|\d{1,2}[a-z]{1,2}\d{0,2})$")
_CLASS_SUFFIX = re.compile(r"[-\s]class$", re.I)
_NAME_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]{2,15}|[A-Z]{2,6})\s$")
_NUMBER_PART = re.compile(r"\s(?=\d)[0-9][0-9A-Za-z]{0,5}(?:-[0-9A-Za-z]{1,4})?(?![\w-])")
_CAPITALISED_RUN = re.compile(r"(?:\s(?:[A-Z][A-Za-z]{1,15}|[IVX]{1,4}|[A-Z]{2,6}|Mk|Mark))(?:\s(?:[A-Z][A-Za-z]{1,15}|[IVX]{1,4}|[A-Z]{2,6}|\d{1,3}[A-Z]?)){0,1}(?=[\s-])")
# "CNN-News18", "Covid19": a word of four letters or more run into a number is a name, not a
# designation (SIPRI's are "Su-30MKI", "J-10CE", "TB-2").
_WORD_WITH_NUMBER = re.compile(r"[A-Z][a-z]{3,}\d")
# "TB2s", "J-10CEs", "F-16s": the plural of a designation.
_PLURAL_S = re.compile(r"(?<=[0-9A-Z])s$")
# Words before a capitalised name that make it a person, place or operation, not a weapon.
_TITLE_BEFORE = re.compile(
    r"\b(?:minister|president|general|gen|marshal|admiral|chief|colonel|col|lt|captain|capt|mr|mrs|"
    r"ms|dr|prime|secretary|advisor|adviser|operation|exercise|province|city|sheikh|king|prince|"
    r"sultan|emir|leader|commander|spokesman|spokesperson|ambassador|senator|deputy|pm)\.?\s+$",
    re.I,
)
# Capitalised words before a type word that are not names of weapons ("The frigates").
_NOT_NAMES = frozenset(
    "the a an this these those its their his her our new navy naval army air force ministry "
    "defence defense government some more several additional further used modern advanced "
    "combat attack light heavy indigenous stealth multirole armed unmanned military all "
    "both two three four five six seven eight nine ten first second third last next other "
    "latest older old large small medium main battle surplus second-hand in on at for of "
    "and or but with from to by as its such many few most any each every no fresh".split()
)
# A type word written before these is the kind of an industry or a programme, not a weapon
# ("drone production", "missile technology").
_MODIFIED = re.compile(
    r"[\s-]{1,3}(?:production|manufacturing|industry|industries|facilit\w{1,4}|factor\w{1,3}|"
    r"plants?|technology|technologies|programmes?|programs?|projects?|collaboration|cooperation|"
    r"co-operation|partnership|research|development|makers?|manufacturers?|superpower|power|"
    r"warfare|capabilit\w{1,4}|sector|exports? market|market|attacks?|strikes?|threats?|"
    r"exporters?|importers?|suppliers?|buyers?|customers?|superpowers?|diplomacy|deals? talks|"
    r"defen[cs]e systems?|operators?|pilots?|units?|squadrons?|bases?|parts|components|"
    r"sales|exports)\b", re.I)
_BEFORE_TYPE_GAP = re.compile(
    r"[\s-]{0,3}(?:(?!(?:and|or|with|for|to|from|by|of|in|on|the|a|an|that|which|were|was|is|are|will|has|have)\b)"
    r"[A-Za-z][A-Za-z-]{0,24}[\s-]{1,3}){0,2}[\s-]{0,3}",
    re.I,
)


@dataclass(frozen=True)
class DesignationIndex:
    """Token runs that name a weapon in the register (designations, their distinctive parts, and
    names SIPRI gives in Comments) and other names of weapons from `weapon_aliases.csv`."""

    runs: frozenset[tuple[str, ...]]
    longest: int
    keys: frozenset[str] = frozenset()  # each whole name joined ('mirage20005')

    @classmethod
    def from_deals(cls, deals: object) -> DesignationIndex:
        import pandas as pd

        if not isinstance(deals, pd.DataFrame) or deals.empty:
            return cls.from_names([])
        return cls.from_names(deals["designation"].dropna().astype("str").unique(),
                              deals["comments"].dropna().astype("str").unique())

    @classmethod
    def from_names(cls, designations: Iterable[str], comments: Iterable[str] = ()) -> DesignationIndex:
        from etl.verify.weapons import comment_names

        runs: set[tuple[str, ...]] = set()
        names = [name_tokens(d) for d in designations]
        for text in comments:
            names.extend(comment_names(text))
        names.extend(name_tokens(alias.alias) for alias in weapon_aliases().values())
        for tokens in names:
            if not tokens or set(tokens) <= GENERIC_TOKENS:
                continue
            runs.add(tokens)
            for token in tokens:
                # "Globemaster" for SIPRI's "C-17A Globemaster-3".
                letters = re.match(r"[a-z]{5,}(?=\d)", token)
                if letters and letters.group(0) not in GENERIC_TOKENS:
                    runs.add((letters.group(0),))
            for i in range(len(tokens)):
                for j in range(i + 1, len(tokens) + 1):
                    sub = tokens[i:j]
                    key = "".join(sub)
                    if set(sub) & GENERIC_TOKENS or len(key) < 3 or key.isdigit():
                        continue
                    runs.add(sub)
        keys = frozenset("".join(tokens) for tokens in names if tokens)
        return cls(frozenset(runs), max((len(r) for r in runs), default=0), keys)


def find_exclusions(work: str, taken: list[Span]) -> list[Span]:
    spans = []
    for _term, rule, start, end in exclusions_in(work):
        if overlaps((start, end), taken):
            continue
        span = Span(start, end, "excluded", rule, work[start:end])
        spans.append(span)
        taken.append(span)
    return spans


_COORDINATED = re.compile(r"(?:\s{0,2}(?:,|and|or|&)\s{1,2}[A-Za-z-]{2,20}){0,2}")


def _modifies(work: str, end: int) -> bool:
    """Whether the type word ending at `end` is an attribute ('drone and missile production')."""
    match = _COORDINATED.match(work, end)
    return bool(_MODIFIED.match(work, match.end() if match else end)) or bool(_MODIFIED.match(work, end))


def find_types(work: str, taken: list[Span]) -> list[Span]:
    spans = []
    for match in type_words_pattern().finditer(work):
        if overlaps(match.span(), taken) or _modifies(work, match.end()):
            continue
        label = WEAPON_TYPES[int(str(match.lastgroup)[1:])].label
        span = Span(match.start(), match.end(), "type", label, match.group(0))
        spans.append(span)
        taken.append(span)
    return spans


def find_designations(work: str, index: DesignationIndex, taken: list[Span], types: list[Span]) -> list[Span]:
    words = list(_WORD.finditer(work))
    spans: list[Span] = []
    covered = Covered(work, taken)
    i = 0
    longest = max(index.longest, 1)
    aliases = weapon_aliases()
    makers = [t for t in taken if t.kind == "country" and t.value.kind == "maker"]  # type: ignore[attr-defined]
    while i < len(words):
        hit = None
        if _TITLE_BEFORE.search(work, max(0, words[i].start() - 25), words[i].start()):
            i += 1
            continue
        maker = next((m for m in makers if re.fullmatch(r"[\s-]", work[m.end:words[i].start()] or "x")), None)
        if maker is not None and words[i].group(0)[:1].isdigit() and not covered.overlaps(*words[i].span()):
            # "Boeing 737", "Saab 2000 Erieye": the maker's name and a number name the weapon.
            end = words[i].end()
            absorbed = _CAPITALISED_RUN.match(work, end)
            end = absorbed.end() if absorbed else end
            span = Span(words[i].start(), end, "designation", (f"{maker.text} {work[words[i].start():end]}", None, True),
                        work[words[i].start():end])
            spans.append(span)
            taken.append(span)
            covered.add(span)
            i += len([w for w in words[i:] if w.start() < end])
            continue
        for n in range(min(longest, 4, len(words) - i), 0, -1):
            first, last = words[i], words[i + n - 1]
            start, end = first.start(), last.end()
            raw = work[start:end]
            if re.search(r"[,;:()\"]", raw) or covered.overlaps(start, end):
                continue
            name = _CLASS_SUFFIX.sub("", re.sub(r"'s$", "", raw))
            tokens = name_tokens(_PLURAL_S.sub("", name))
            if not tokens:
                continue
            if name != raw and name_tokens(raw) in index.runs:
                tokens = name_tokens(raw)
            head = first.group(0)
            capitalised = head[:1].isupper() or (
                any(c.isdigit() for c in head) and any(c.isalpha() for c in head)
            )
            if (tokens in index.runs or (n > 1 and "".join(tokens) in index.keys)) and capitalised \
                    and any(c.isalpha() for c in name):
                hit = (start, end, name, n)
                break
            if n == 1 and _DESIGNATION_SHAPE.match(name) and not _NOT_DESIGNATIONS.match(name) \
                    and head[:1].isalpha() and any(c.isupper() for c in head) \
                    and not _WORD_WITH_NUMBER.search(name):
                hit = (start, end, name, n)
                break
            # "ATR 72 maritime patrol aircraft", "Mirage 2000-5": a name and its number, where the
            # register knows the joined name or a type word follows.
            number = _NUMBER_PART.match(work, end) if n == 1 and head[:1].isupper() and head.isalpha() else None
            if number is not None and head.casefold() not in _NOT_NAMES:
                joined = name_key(work[start:number.end()])
                after_type = any(re.fullmatch(r"[\s-]{1,2}", work[number.end():t.start]) for t in types)
                if joined in index.keys or after_type:
                    hit = (start, end, name, n)
                    break
            # A name not in the register, written just before a type word: "SONGAR drones".
            if n == 1 and head[:1].isupper() and head.isalpha() and len(head) >= 3 \
                    and head.casefold() not in _NOT_NAMES and any(
                        re.fullmatch(r"[\s-]{1,2}", work[end:t.start]) for t in types):
                hit = (start, end, name, n)
                break
        if hit is None:
            i += 1
            continue
        start, end, name, n = hit
        # "Anza Mk-II", "Saab 2000": a capitalised name word written just before joins it.
        before = _NAME_BEFORE.search(work, max(0, start - 20), start)
        if before and before.group(1).casefold() not in _NOT_NAMES and not covered.overlaps(before.start(1), start) \
                and not _TITLE_BEFORE.search(work, max(0, before.start(1) - 25), before.start(1)):
            start = before.start(1)
            name = work[start:end]
        # "Leopard 2", "ATR 72", "Mirage 2000-5", "Type 054A": a name and its number are one.
        follow = _NUMBER_PART.match(work, end)
        if follow and n == 1 and not _DESIGNATION_SHAPE.match(name):
            end = follow.end()
            name = work[start:end]
        # "Rafale Marine jets", "JF-17 Block III fighters": capitalised words up to a type word.
        absorbed = _CAPITALISED_RUN.match(work, end)
        if absorbed and any(re.fullmatch(r"[\s-]{1,2}", work[absorbed.end():t.start]) for t in types) and (
                # The base name unknown to the register, the longer one known, or a version added.
                name_tokens(name) not in index.runs or name_key(work[start:absorbed.end()]) in index.keys
                or name_key(work[start:absorbed.end()]) in aliases
                or re.search(r"\b(?:Block|Mk|Mark|Batch|[IVX]{1,4}|\d{1,3}[A-Z]?)\b", absorbed.group(0))):
            end = absorbed.end()
            name = work[start:end]
        name = _PLURAL_S.sub("", name)
        alias = aliases.get(name_key(name)) or aliases.get(name_key(work[start:end]))
        n = len([w for w in words[i:] if w.start() < end])
        value = alias.designation if alias else name
        # A single capitalised word the register knows ("Kashmir" may name a ship) is a weapon
        # only where the clause speaks of a transfer; a number, a type word after it, several
        # words or an alias make it one anyway.
        type_after = any(re.fullmatch(r"[\s-]{1,3}", work[end:t.start]) or
                         _BEFORE_TYPE_GAP.fullmatch(work, end, t.start) for t in types if t.start >= end)
        strong = bool(alias) or n > 1 or any(c.isdigit() for c in name) or type_after or (
            len(name) >= 4 and name.isupper() and name_tokens(name) in index.runs)
        span = Span(start, end, "designation", (value, alias.note if alias else None, strong), work[start:end])
        spans.append(span)
        taken.append(span)
        covered.add(span)
        i += n
    return spans


_QUANTITY = re.compile(
    rf"(?:^|[\s(])(?P<q>(?:up to |some |about |around |nearly |over |more than |at least |another |an additional |a further )?"
    rf"(?P<n>{NUMBER}))(?P<rest>(?:[\s-]{{1,3}}(?!(?:in|by|and|from|to|since|19\d\d|20\d\d)\b)[A-Za-z][\w'-]{{0,30}}){{0,3}}[\s-]{{0,3}}(?:units? of\s+)?)$",
    re.IGNORECASE,
)


_N_OF_M = re.compile(rf"(?P<n>{NUMBER})\s+of\s+(?:the|its|their)\s+(?P<m>{NUMBER})\s+(?:[A-Za-z][\w'-]{{0,30}}\s+){{0,2}}$", re.I)


def quantity_before(work: str, start: int, floor: int = 0) -> tuple[int | None, str | None]:
    """The number written just before a weapon ("24 MH-60R", "over 700 loitering munitions"),
    looking no further back than `floor` (the end of the mention before); in "239 of the 679
    VT-4 tanks", the 239."""
    window = work[max(floor, start - 60):start]
    part = _N_OF_M.search(window)
    if part is not None:
        value = number_value(part.group("n"))
        if value:
            return value, f"{part.group('n')} of {part.group('m')}"
    match = _QUANTITY.search(window)
    if match is None:
        return None, None
    number_text = match.group("n")
    before = window[:match.start("n")]
    # A year, a money amount or a calibre is not a quantity.
    if re.search(r"[$€£₹]\s?$|\b(?:in|since|by|until|during|of)\s+$", before, re.I):
        return None, None
    if re.fullmatch(YEAR, number_text) and not match.group("rest").strip() == "":
        return None, None
    value = number_value(number_text)
    if value is None or value <= 0 or value > 100_000:
        return None, None
    return value, match.group("q").strip()


def weapon_mentions(work: str, designations: list[Span], types: list[Span], exclusions: list[Span],
                    boundaries: Iterable[int] = ()) -> list[WeaponMention]:
    """Designations with the type word written after them, types alone, exclusions; each with
    the quantity written before it (never across another mention)."""
    mentions: list[tuple[int, int, WeaponMention]] = []
    used: set[int] = set()
    for d in designations:
        # A designation span's value: (SIPRI's designation or the alias's, the alias note, strong).
        value: tuple[str, str | None, bool] = d.value  # type: ignore[assignment]
        mention = WeaponMention(text=d.text, designation=str(value[0]), alias_note=value[1])
        end = d.end
        for t in types + exclusions:
            if t.start >= d.end and t.start - d.end <= 25 and _BEFORE_TYPE_GAP.fullmatch(work, d.end, t.start):
                following = next((u for u in types if re.fullmatch(r"[\s-]{1,2}", work[t.end:u.start] or "x")), None)
                if t.kind == "type" and following is not None:
                    # "KJ-500 radar planes": the last type word names the weapon.
                    used.add(id(t))
                    t = following
                if t.kind == "type":
                    mention = replace(mention, type_label=str(t.value), text=work[d.start:t.end])
                else:
                    mention = replace(mention, excluded_rule_id=t.value.rule_id,  # type: ignore[attr-defined]
                                      text=work[d.start:t.end])
                used.add(id(t))
                end = t.end
                break
        mentions.append((d.start, end, mention))
    for t in exclusions:
        if id(t) not in used:
            start = t.start
            # "mortar shells": the word before an exclusion term belongs to it.
            before = re.search(r"([A-Za-z][a-z-]{2,20})\s$", work[max(0, t.start - 22):t.start])
            text = t.text
            if before and before.group(1).casefold() not in _NOT_NAMES:
                start, text = t.start - len(before.group(0)), before.group(0) + t.text
            mentions.append((start, t.end, WeaponMention(text=text, excluded_rule_id=t.value.rule_id)))  # type: ignore[attr-defined]
    attached = {m.type_label for _, _, m in mentions if m.designation and m.type_label}
    seen_types: set[str] = set()
    for t in types:
        if id(t) in used or str(t.value) in attached or str(t.value) in seen_types:
            continue
        if any(s <= t.start < e for s, e, _ in mentions):
            continue
        # "The aircraft arrived": a type after "the" refers back to a weapon already named.
        if designations and re.search(r"\b(?:the|these|those|its|their|such)\s+$", work[max(0, t.start - 8):t.start], re.I):
            continue
        seen_types.add(str(t.value))
        mentions.append((t.start, t.end, WeaponMention(text=t.text, type_label=str(t.value))))
    mentions.sort(key=lambda item: item[0])
    out: list[WeaponMention] = []
    floor = 0
    stops = sorted(boundaries)
    for start, end, mention in mentions:
        limit = max([floor] + [b for b in stops if b <= start])
        quantity, quantity_text = quantity_before(work, start, limit)
        if quantity is not None:
            mention = replace(mention, quantity=quantity, quantity_text=quantity_text)
        out.append(mention)
        floor = end
    return _second_orders(out)


def _second_orders(mentions: list[WeaponMention]) -> list[WeaponMention]:
    """One part per weapon, except a second order of it with its own number ("12 ... and later
    another 8 ...")."""
    out: list[WeaponMention] = []
    seen: dict[str, int] = {}
    for mention in mentions:
        key = name_key(mention.designation) if mention.designation else None
        if key and key in seen:
            earlier = out[seen[key]]
            if earlier.quantity is None and mention.quantity is not None:
                out[seen[key]] = replace(earlier, quantity=mention.quantity, quantity_text=mention.quantity_text)
                continue
            if mention.quantity is None or mention.quantity == earlier.quantity:
                continue
        if key:
            seen[key] = len(out)
        out.append(mention)
    return out
