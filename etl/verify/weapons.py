"""Weapon queries (a designation, a type word, or both) and the deals they match.

A designation matches SIPRI's whatever the case, hyphens, spaces and diacritics (`TB2` / `TB-2`,
`Akıncı` / `Akinci`), with or without a maker prefix (`Bayraktar TB2` / `TB2`, `Sikorsky MH-60R`
/ `MH-60R Seahawk`), as a lettered variant (`J-10` finds `J-10C`), or through a name SIPRI gives
in Comments (`designated Babur`, `Su-30MKI version`). A type word ("drones", "frigates") matches
SIPRI's weapon descriptions, in both the abbreviated wording of older releases (`armed UAV`,
`FGA aircraft`) and the spelled-out wording of newer ones (`armed drone`,
`fighter/ground-attack aircraft`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from etl.verify.names import fold, is_variant, name_tokens


@dataclass(frozen=True)
class WeaponType:
    """A kind of weapon people name, and how SIPRI's descriptions say it."""

    label: str
    words: str  # regex over folded text, singular and plural
    descriptions: str  # regex over folded SIPRI descriptions


# Most specific first: the parser takes the longest match at a position, and a type found
# inside a longer one ("armed drone" inside "armed drones") is not counted twice.
WEAPON_TYPES: tuple[WeaponType, ...] = (
    WeaponType("loitering munition", r"loitering munitions?|kamikaze drones?|suicide drones?",
               r"loitering munition"),
    WeaponType("armed drone", r"(?:armed|combat|attack|strike) (?:drones?|uavs?|uas)|ucavs?",
               r"armed (?:drone|uav)"),
    WeaponType("reconnaissance drone",
               r"(?:reconnaissance|surveillance|recce) (?:drones?|uavs?|uas)",
               r"reconnaissance drone|^uav$|patrol uav"),
    WeaponType("drone", r"drones?|uavs?|uas|unmanned aerial vehicles?|unmanned aircraft",
               r"drone|\buav\b|loitering munition"),
    WeaponType("combat helicopter", r"(?:combat|attack|gunship) helicopters?",
               r"combat helicopter$"),
    WeaponType("anti-submarine helicopter",
               r"(?:anti-submarine|asw|naval|maritime) helicopters?",
               r"(?:anti-submarine|asw) helicopter$"),
    WeaponType("helicopter", r"helicopters?|choppers?|helos?", r"helicopter$"),
    WeaponType("fighter aircraft",
               r"fighter jets?|fighter aircraft|fighters?|fighter-bombers?|combat aircraft|"
               r"combat jets?|warplanes?|multirole aircraft|multi-role aircraft|jets?",
               r"fighter|\bfga\b|combat aircraft|ground-attack|trainer/combat"),
    WeaponType("trainer aircraft", r"trainer aircraft|trainers?|trainer jets?", r"trainer"),
    WeaponType("transport aircraft", r"transport aircraft|transport planes?|airlifters?",
               r"transport aircraft"),
    WeaponType("maritime patrol aircraft", r"maritime patrol aircraft|patrol aircraft",
               r"maritime patrol aircraft|\bmp aircraft$|anti-submarine aircraft|asw aircraft"),
    WeaponType("aircraft", r"aircraft|airplanes?|aeroplanes?|planes?", r"aircraft$"),
    WeaponType("frigate", r"frigates?", r"frigate$"),
    WeaponType("corvette", r"corvettes?", r"corvette$"),
    WeaponType("destroyer", r"destroyers?", r"(?<!tank )destroyer$"),
    WeaponType("submarine", r"submarines?", r"(?<!anti-)\bsubmarine$"),
    WeaponType("patrol boat", r"patrol (?:boats?|vessels?|ships?|craft)|opvs?",
               r"patrol (?:boat|craft|ship|vessel)|\bopv\b"),
    WeaponType("warship",
               r"warships?|naval vessels?|naval ships?|ships?|vessels?",
               r"ship$|frigate|corvette|destroyer|(?<!anti-)submarine$|boat$|\bfac\b|\bopv\b|"
               r"craft$|\bmcm\b|minesweeper|minehunter|landing|cruiser|aircraft carrier"),
    WeaponType("tank", r"main battle tanks?|battle tanks?|tanks?", r"^(?:light )?tank$"),
    WeaponType("armoured vehicle",
               r"armou?red (?:personnel carriers?|vehicles?|cars?)|apcs?|ifvs?|"
               r"infantry fighting vehicles?|mraps?",
               r"\bapc\b|\bapv\b|\bifv\b|armoured|infantry fighting|\balv\b"),
    WeaponType("anti-ship missile", r"anti-ship missiles?", r"anti-ship missile"),
    WeaponType("cruise missile", r"cruise missiles?|land-attack missiles?",
               r"land-attack missile"),
    WeaponType("anti-tank missile", r"anti-tank (?:guided )?missiles?|atgms?",
               r"anti-tank"),
    WeaponType("air-to-air missile", r"air-to-air missiles?|aams?",
               r"air-to-air missile|bvraam|sraam"),
    WeaponType("air defence system",
               r"air[- ]defen[cs]e (?:systems?|missiles?)|surface-to-air missiles?|sams?|"
               r"missile defen[cs]e systems?|manpads",
               r"\bsam\b|surface-to-air|\baa gun\b|anti-aircraft|air defence|\bad system"),
    WeaponType("missile", r"missiles?|guided rockets?",
               r"missile|\bsam\b|\bssm\b|\basm\b|bvraam|sraam|guided rocket"),
    WeaponType("guided bomb", r"guided bombs?|glide bombs?|precision-guided munitions?",
               r"guided (?:glide )?bomb"),
    WeaponType("torpedo", r"torpedo(?:es)?", r"torpedo"),
    WeaponType("rocket launcher", r"(?:multiple )?rocket launchers?|mlrs|rocket artillery",
               r"\bmrl\b|rocket launcher"),
    WeaponType("artillery", r"artillery|howitzers?|self-propelled guns?|towed guns?",
               r"gun$|howitzer|\bmrl\b|rocket launcher|mortar"),
    WeaponType("radar", r"radars?", r"radar"),
    WeaponType("sonar", r"sonars?", r"sonar"),
    WeaponType("targeting pod", r"targeting pods?|electro-optical (?:pods?|systems?)|eo pods?",
               r"\beo system|electro-optical"),
    WeaponType("engine", r"engines?|turbofans?|gas turbines?", r"engine|turbofan|turbojet|"
               r"gas turbine|turboshaft"),
    WeaponType("satellite", r"satellites?", r"satellite"),
)

_TYPES_BY_LABEL = {kind.label: kind for kind in WEAPON_TYPES}
# Tokens that do not name a weapon on their own, even inside a SIPRI designation
# ("aircraft engine", "Type 054A", "JF-17 Thunder Block-3").
GENERIC_TOKENS = frozenset(
    "a an the of and for with aircraft engine engines type class block mk mod model version "
    "series radar helicopter missile system systems gun boat ship vehicle new navy army air "
    "force deal".split()
)


def weapon_type(label: str) -> WeaponType:
    """The weapon type with that label."""
    return _TYPES_BY_LABEL[label]


@lru_cache(maxsize=1)
def type_words_pattern() -> re.Pattern[str]:
    """One regex finding any type word in folded text; the group name is the type's index."""
    alternatives = "|".join(f"(?P<t{i}>{kind.words})" for i, kind in enumerate(WEAPON_TYPES))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def type_in(text: str) -> str | None:
    """The label of the first weapon type named in `text`, if any ('Armed drones' -> 'armed drone')."""
    match = type_words_pattern().search(fold(text))
    if match is None:
        return None
    return WEAPON_TYPES[int(str(match.lastgroup)[1:])].label


@dataclass(frozen=True)
class WeaponQuery:
    """What a claim or search names: a designation, a type, or a designation with its type."""

    text: str
    designation: str | None = None
    type_label: str | None = None

    def describe(self) -> str:
        if self.designation and self.type_label:
            return f"{self.designation} ({self.type_label})"
        return self.designation or self.type_label or self.text


# What a name in Comments looks like: "Pakistani designation Kaan-33", "designated Babur",
# "Su-30MKI version", "FC-20E (J-10CE) version".
# Bounded tokens and a start only at a word's first character: linear-time on any cell (a
# 40,000-letter "word" in Comments once took a minute per request).
_NAME_TOKEN = r"[A-Za-z0-9][\w-]{0,30}"
_COMMENT_NAME = re.compile(
    rf"(?:designation|designated(?: as)?)\s{{1,3}}({_NAME_TOKEN}(?:\s[A-Z0-9][\w-]{{0,30}})?)(?![\w-])"
    rf"|(?<![\w-])({_NAME_TOKEN}(?:\s{_NAME_TOKEN})?)\)?\s{{1,3}}version"
    rf"|\(({_NAME_TOKEN})\)"
)


# Designation-shaped words anywhere in Comments ("incl 4 FT-7 trainer version", "F-7PG"):
# letters and digits joined, bounded.
# Only where the Comments say it is the deal's own version ("FT-7 trainer/combat version",
# "Anza-2 version"), never the platform it is for ("For 6 Il-78 tanker aircraft from Uzbekistan").
_COMMENT_DESIGNATION = re.compile(
    r"(?<![\w-])[A-Z][A-Za-z]{0,5}-?\d{1,4}[A-Za-z]{0,4}(?![\w-])(?=[^;.]{0,30}?\b(?:version|variant)\b)")
_FOR_BEFORE = re.compile(r"\b(?:for|from|with|on|to|replac\w*|like|than)\s+(?:\w+\s+){0,3}$", re.I)


def comment_names(comments: str | None) -> list[tuple[str, ...]]:
    """Weapon names SIPRI gives in a deal's Comments, as name tokens."""
    if not isinstance(comments, str):
        return []
    names = []
    for match in _COMMENT_NAME.finditer(comments):
        text = next(group for group in match.groups() if group)
        tokens = tuple(t for t in name_tokens(text) if t not in {"class", "version"})
        if tokens and not set(tokens) <= GENERIC_TOKENS:
            names.append(tokens)
    for match in _COMMENT_DESIGNATION.finditer(comments):
        if _FOR_BEFORE.search(comments, max(0, match.start() - 40), match.start()):
            continue
        tokens = name_tokens(match.group(0))
        if tokens and tokens not in names:
            names.append(tokens)
    return names


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))


def designation_match(query: tuple[str, ...], designation: tuple[str, ...],
                      designation_raw_parts: tuple[str, ...] = ()) -> str | None:
    """How a queried name matches a SIPRI designation: 'exact', 'variant' or None.

    'exact': the same tokens, or one contains the other as a run of whole tokens (a maker prefix
    or a name part left out: `TB2` in `Bayraktar TB2`, `Sikorsky MH-60R` around `MH-60R`).
    'variant': the same up to a lettered suffix (`J-10` / `J-10C`, `Su-30MKI` / `Su-30MK`).
    """
    if not query or not designation:
        return None
    if set(query) <= GENERIC_TOKENS:
        return None
    if query == designation or "".join(query) == "".join(designation):
        return "exact"
    meaningful = [t for t in query if t not in GENERIC_TOKENS]
    if _contains(designation, query) and (len("".join(meaningful)) >= 3 or any(c.isdigit() for c in "".join(meaningful))):
        return "exact"
    # The query holds the whole designation ("Sikorsky MH-60R" / "MH-60R"), unless what it adds is
    # a number of its own ("Agosta 90B" is not SIPRI's older "Agosta").
    extra = [t for t in query if t not in designation]
    if _contains(query, designation) and not set(designation) <= GENERIC_TOKENS and (
        len("".join(designation)) >= 3
    ) and not any(c.isdigit() for c in "".join(extra)):
        return "exact"
    for q in query:
        for d in designation:
            if q not in GENERIC_TOKENS and (is_variant(q, d) or is_variant(d, q)):
                return "variant"
    # "Leopard 2" / "Leopard-2A4", "ATR 72" / "ATR-72MP": the joined name, then letters.
    joined_q, joined_d = "".join(query), "".join(designation)
    if len(joined_q) >= 3 and any(c.isdigit() for c in joined_q) and joined_d.startswith(joined_q) \
            and joined_d[len(joined_q)].isalpha():
        return "variant"
    # "SPYDER" / "SPYDER-MR", "Tu-142M" / "Tu-142M/Bear-F": a part of a hyphenated or slashed name.
    # "Anza Mk-II" / "Anza-2": a version's "Mk" or "Mark" left out.
    if re.sub(r"(?:mk|mark)(?=\d)", "", joined_q) == re.sub(r"(?:mk|mark)(?=\d)", "", joined_d) and len(joined_q) >= 4:
        return "exact"
    # "Globemaster" / "C-17A Globemaster-3": the name part of a designation's word.
    if len(joined_q) >= 5 and joined_q.isalpha() and any(
            re.fullmatch(rf"{re.escape(joined_q)}\d{{1,3}}[a-z]?", d) for d in designation):
        return "variant"
    parts = designation_raw_parts
    if len(joined_q) >= 4 and len(parts) > 1 and (
            parts[0] == joined_q or joined_q == parts[0] + parts[1]):
        return "variant"
    # "JF-17 Block III" / "JF-17 Thunder Block-3": every distinctive token of the query is there.
    if len(meaningful) >= 2 and set(meaningful) <= set(designation) and any(c.isdigit() for c in "".join(meaningful)):
        return "exact"
    return None


TOKENS = "_designation_tokens"
PARTS = "_designation_parts"
COMMENT_NAMES = "_comment_names"
FOLDED = "_description_folded"


def raw_parts(designation: str) -> tuple[str, ...]:
    """A designation cut at every hyphen, slash and space: 'Tu-142M/Bear-F' -> ('tu', '142m',
    'bear', 'f'), so that 'Tu-142M' and 'SPYDER' find 'Tu-142M/Bear-F' and 'SPYDER-MR'."""
    return tuple(p for p in re.split(r"[^0-9a-z]+", fold(designation)) if p)


def prepare_deals(deals: pd.DataFrame) -> pd.DataFrame:
    """The deals with each one's designation tokens, Comments names and folded description,
    computed once per release so that matching a claim tokenises nothing.

    Each is computed once per distinct value and the rows holding that value share it (one
    tuple, list or string object, not one per deal): a worker keeps this frame per release.
    """
    return deals.assign(**{
        TOKENS: _per_value(deals["designation"], lambda d: name_tokens("" if d is None else str(d))),
        PARTS: _per_value(deals["designation"],
                          lambda d: tuple(sys.intern(p) for p in raw_parts("" if d is None else str(d)))),
        COMMENT_NAMES: _per_value(deals["comments"], lambda c: comment_names(None if c is None else str(c))),
        FOLDED: _per_value(deals["description"], lambda d: fold("" if d is None else str(d))),
    })


def _per_value(values: pd.Series, compute: Callable[[object], object]) -> pd.Series:
    """compute(value) for every row (None for a missing value), computed once per distinct value
    and shared by the rows holding it."""
    codes, uniques = pd.factorize(values)
    results = np.empty(len(uniques) + 1, dtype=object)
    for k, value in enumerate(uniques):
        results[k] = compute(value)
    results[-1] = compute(None)  # code -1: a missing value
    return pd.Series(results[codes], index=values.index, dtype="object")


def _description_mask(descriptions: pd.Series, label: str, folded: pd.Series | None = None) -> pd.Series:
    pattern = re.compile(weapon_type(label).descriptions)
    folded = folded if folded is not None else descriptions.fillna("").astype("str").map(fold)
    return folded.map(lambda text: bool(pattern.search(text))).astype("bool")


FUZZY_MIN_SCORE = 88
FUZZY_MIN_CHARS = 5


def _fuzzy_how(wanted: tuple[str, ...], designations: pd.Series) -> pd.Series:
    """'fuzzy NN' where a designation is spelled nearly as the query (rapidfuzz's ratio, the same
    digits, long enough to mean something), else None."""
    from rapidfuzz import fuzz

    key = "".join(wanted)
    digits = re.sub(r"\D", "", key)
    if len(key) < FUZZY_MIN_CHARS:
        return pd.Series(None, index=designations.index, dtype="object")

    def score(designation: str) -> str | None:
        other = "".join(name_tokens(designation))
        if re.sub(r"\D", "", other) != digits:
            return None
        value = fuzz.ratio(key, other)
        return f"fuzzy {value:.0f}" if value >= FUZZY_MIN_SCORE else None

    return designations.map(score)


def match_score(how: str) -> int:
    """A match's score out of 100, as the evidence shows it: exact 100, comments 95, variant 90,
    type 80, fuzzy as scored."""
    if how.startswith("fuzzy"):
        return int(how.split()[1])
    return {"exact": 100, "comments": 95, "variant": 90, "type": 80}.get(how, 0)


def match_deals(deals: pd.DataFrame, query: WeaponQuery) -> pd.DataFrame:
    """The deals a weapon query matches, with a `match` column saying how.

    A designation is matched against SIPRI's designations, then against names in Comments;
    a type alone is matched against descriptions. With both, the designation decides; the type
    only chooses among the designation's matches (SIPRI's description of a system may differ
    from a reporter's, so a type that fits none of them is ignored).
    """
    if deals.empty:
        return deals.assign(match=pd.Series(dtype="str"))
    if query.designation:
        wanted = name_tokens(query.designation)
        # Prepared frames (`prepare_deals`) carry each deal's tokens; others are tokenised here.
        designation_tokens = (deals[TOKENS] if TOKENS in deals else
                              deals["designation"].fillna("").astype("str").map(name_tokens))
        designation_parts = (deals[PARTS] if PARTS in deals else
                             deals["designation"].fillna("").astype("str").map(raw_parts))
        how = pd.Series([designation_match(wanted, d, p) for d, p in
                         zip(designation_tokens, designation_parts, strict=True)], index=deals.index, dtype="object")
        names = deals[COMMENT_NAMES] if COMMENT_NAMES in deals else deals["comments"].map(comment_names)
        by_comments = names.map(
            lambda found: any(designation_match(wanted, name) == "exact" for name in found)
        ).astype("bool")
        how = how.where(how.notna(), by_comments.map({True: "comments", False: None}))
        # Where the text also names the type ("ATR 72 maritime patrol aircraft"), the deals whose
        # description fits it come first: SIPRI's ATR-72MP, not its ATR-72 transport.
        if query.type_label and how.notna().any():
            fits = _description_mask(deals["description"], query.type_label, deals.get(FOLDED)) & how.notna()
            if fits.any():
                how = how.where(fits)
        # Exact matches make looser ones noise: 'MH-60R' should not also list an 'MH-60S' variant.
        if (how == "exact").any():
            how = how.where(how == "exact")
        if how.isna().all():
            how = _fuzzy_how(wanted, deals["designation"].fillna("").astype("str"))
        matched = deals[how.notna()]
        return matched.assign(match=how[how.notna()].astype("str"))
    if query.type_label:
        mask = _description_mask(deals["description"], query.type_label, deals.get(FOLDED))
        return deals[mask].assign(match="type")
    return deals.iloc[0:0].assign(match=pd.Series(dtype="str"))


@dataclass(frozen=True)
class DesignationCatalogue:
    """A release's designations, tokenised once, with the pairs that hold each: what the
    'recorded for other pairs' hint reads instead of scanning every deal per request."""

    by_tokens: dict[tuple[str, ...], tuple[tuple[str, str], ...]]

    @classmethod
    def from_deals(cls, deals: pd.DataFrame) -> DesignationCatalogue:
        if deals.empty:
            return cls({})
        by_tokens: dict[tuple[str, ...], dict[tuple[str, str], None]] = {}
        shared: dict[tuple[str, str], tuple[str, str]] = {}  # each pair one tuple, however many deals hold it
        for designation, supplier, recipient in zip(deals["designation"].tolist(), deals["supplier"].tolist(),
                                                    deals["recipient"].tolist(), strict=True):
            if isinstance(designation, str):
                pair = (str(supplier), str(recipient))
                by_tokens.setdefault(name_tokens(designation), {})[shared.setdefault(pair, pair)] = None
        return cls({tokens: tuple(pairs) for tokens, pairs in by_tokens.items()})

    def pairs_for(self, designation: str) -> list[tuple[str, str]]:
        """Supplier -> recipient pairs whose designation matches exactly (else as a variant)."""
        wanted = name_tokens(designation)
        exact: list[tuple[str, str]] = []
        variant: list[tuple[str, str]] = []
        for tokens, pairs in self.by_tokens.items():
            how = designation_match(wanted, tokens)
            if how == "exact":
                exact.extend(pairs)
            elif how == "variant":
                variant.extend(pairs)
        return list(dict.fromkeys(exact or variant))
