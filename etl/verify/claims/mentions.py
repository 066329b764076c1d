"""Mentions in one clause: countries, weapons with their quantities, money, years, stage, negation.

Each finder takes the clause's normalised text and the spans already taken, adds its own, and
returns them; an earlier finder's span wins (money before years, countries before weapons). Every
pattern here is linear-time: bounded repeats, anchored alternatives, no nested quantifiers over
the same characters, so a hostile 50,000-character text costs no more than an article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from etl.entities import EntityResolver
from etl.verify.claims.lexicon import CountryLexicon, country_lexicon, weapon_aliases, words_key
from etl.verify.claims.model import STAGES, MoneyMention, WeaponMention
from etl.verify.coverage import exclusions_in
from etl.verify.names import name_key, name_tokens, plain
from etl.verify.weapons import GENERIC_TOKENS, WEAPON_TYPES, type_words_pattern


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    value: object
    text: str


@dataclass(frozen=True)
class CountryHit:
    """A written name of a supplier or recipient in the clause."""

    start: int
    end: int
    text: str
    entity_id: str
    kind: str  # name / demonym / capital / metonym / abbreviation / maker
    possessive: bool


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


# ---- numbers and money ----------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "two dozen": 24, "a pair of": 2,
    "a hundred": 100, "a single": 1,
}
_NUMBER = r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,6}|" + "|".join(
    sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)
) + ")"
_SCALES = {"billion": 1e3, "bn": 1e3, "b": 1e3, "million": 1.0, "mn": 1.0, "m": 1.0,
           "mln": 1.0, "thousand": 1e-3, "k": 1e-3, "crore": 10.0, "lakh": 0.1}
_CURRENCY_CODES = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
                   "€": "EUR", "eur": "EUR", "euros": "EUR", "euro": "EUR", "£": "GBP",
                   "gbp": "GBP", "pounds": "GBP", "rs": "INR", "rs.": "INR", "inr": "INR",
                   "₹": "INR", "rupees": "INR", "pkr": "PKR", "tl": "TRY", "try": "TRY",
                   "lira": "TRY", "rmb": "CNY", "yuan": "CNY", "cny": "CNY", "rub": "RUB",
                   "roubles": "RUB", "rubles": "RUB"}
_AMOUNT = r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,3})?|\d{1,9}(?:\.\d{1,3})?"
_SCALE = r"billion|bn|b|million|mln|mn|m|thousand|k|crore|lakh"
_MONEY = re.compile(
    rf"(?P<cur>US\$|\$|€|£|₹|\b(?:USD|EUR|GBP|INR|PKR|TRY|CNY|RUB|RMB|Rs\.?)(?![A-Za-z-]))\s?(?P<num>{_AMOUNT})(?![\d,])"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"|(?<![\w.,])(?P<num2>{_AMOUNT})\s?(?P<scale2>billion|bn|million|mln|mn|crore|lakh)\s?"
    r"(?P<cur2>US dollars|dollars|dollar|USD|euros?|EUR|pounds|GBP|rupees|INR|lira|yuan|roubles|rubles)\b",
    re.IGNORECASE,
)


def number_value(text: str) -> int | None:
    text = text.casefold().strip()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    digits = text.replace(",", "")
    return int(digits) if digits.isascii() and digits.isdigit() else None


def find_money(work: str, taken: list[Span]) -> list[MoneyMention]:
    values = []
    for match in _MONEY.finditer(work):
        currency_text = (match.group("cur") or match.group("cur2") or "").casefold().strip()
        number = match.group("num") or match.group("num2")
        scale_text = (match.group("scale") or match.group("scale2") or "").casefold()
        currency = _CURRENCY_CODES.get(currency_text) or _CURRENCY_CODES.get(currency_text.rstrip("s"))
        if currency_text.startswith("us dollar"):
            currency = "USD"
        amount = float(number.replace(",", ""))
        scale = _SCALES.get(scale_text)
        millions = amount * scale if scale is not None else amount / 1e6
        values.append(MoneyMention(
            text=match.group(0).strip(), amount=amount, currency=currency,
            usd_m=round(millions, 3) if currency == "USD" else None,
        ))
        taken.append(Span(match.start(), match.end(), "money", None, match.group(0)))
    return values


# ---- years and times ------------------------------------------------------------------------

_YEAR = r"(?:19[4-9]\d|20[0-6]\d)"
_RANGE = re.compile(
    rf"\b(?:between|from)\s+(?P<a>{_YEAR})\s+(?:and|to|until|till)\s+(?P<b>{_YEAR})\b"
    rf"|\b(?P<c>{_YEAR})\s?(?:-|to)\s?(?P<d>{_YEAR}|\d{{2}})\b",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"\b(?:since|from|after|starting in|beginning in)\s+(?:early |late |mid-)?(?P<y>{_YEAR})\b", re.I)
_UNTIL = re.compile(rf"\b(?:by|before|until|till|through|no later than)\s+(?:early |late |mid-|the end of )?(?P<y>{_YEAR})\b", re.I)
# Capitalised words after which a number is a year ("In 2020", "May 2025", "FY 2024").
_YEAR_WORDS = frozenset(
    "in by since from until till during before after through of and or to fy early late mid the "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter".split())
_DECADE = re.compile(r"\b(?:the\s+)?(?:early |late |mid-)?(?P<d>19[4-9]0|20[0-6]0)'?s\b", re.I)
_BARE_YEAR = re.compile(rf"(?<![\w$.,-])(?P<y>{_YEAR})(?![\w-]|,\d)")
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
# Times that need the article's date: (pattern, years from the article's year, or 'month').
_RELATIVE = re.compile(
    r"\b(?P<rel>last (?:week|month)|this (?:week|month|year)|earlier this (?:week|month|year)|"
    r"recently|last year|next year|the coming year|in the coming (?:months|weeks)|within weeks|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday|"
    r"[Ii]n (?:early |late |mid-)?(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")"
    r"(?! \d{4}| of \d{4}|,? ?(?:19|20)\d\d))\b"
)
_REL_YEARS = {"last year": -1, "next year": 1, "the coming year": 1}


@dataclass(frozen=True)
class Years:
    from_year: int | None
    to_year: int | None
    text: str | None  # the words that gave a relative time ("last week"), for the cue
    of: str | None = None  # "order" where the years are written with an order ("ordered in 2017")
    order: tuple[int, int] | None = None  # the order's years where the text gives both kinds


_DELIVERY_BEFORE_YEAR = re.compile(
    r"\b(?:delivered|arrived|received|handed over|inducted|commissioned|shipped|supplied)\s+(?:\w+\s+){0,2}(?:in|during|by)\s+"
    r"(?:early |late |mid-|the end of )?$", re.I)
_ORDER_BEFORE_YEAR = re.compile(
    r"\b(?:ordered|signed|contracted|bought|purchased|agreed|inked|placed|concluded|selected|order(?:ed)? back)\s+"
    r"(?:\w+\s+){0,2}(?:in|during|back in)\s+(?:early |late |mid-)?$", re.I)


def find_years(work: str, taken: list[Span], article_date: date | None) -> Years:
    lows: list[int] = []
    highs: list[int] = []
    for match in _RANGE.finditer(work):
        if overlaps(match.span(), taken):
            continue
        a = match.group("a") or match.group("c")
        b = match.group("b") or match.group("d")
        start = int(a)
        end = int(b) if len(b) == 4 else int(a[:2] + b)
        if end < start:
            continue
        lows.append(start)
        highs.append(end)
        taken.append(Span(match.start(), match.end(), "years", (start, end), match.group(0)))
    for match in _DECADE.finditer(work):
        if overlaps(match.span(), taken):
            continue
        start = int(match.group("d")[:3] + "0")
        lows.append(start)
        highs.append(start + 9)
        taken.append(Span(match.start(), match.end(), "years", (start, start + 9), match.group(0)))
    for pattern, side in ((_SINCE, lows), (_UNTIL, highs)):
        for match in pattern.finditer(work):
            if overlaps(match.span(), taken):
                continue
            side.append(int(match.group("y")))
            taken.append(Span(match.start(), match.end(), "years", None, match.group(0)))
    singles = []
    for match in _BARE_YEAR.finditer(work):
        if overlaps(match.span(), taken):
            continue
        # "Saab 2000", "Mirage 2000-5", "Spada 2000": a number in a name, not a year.
        name_before = re.search(r"(?<![\w-])([A-Z][A-Za-z]{1,15})\s$", work[max(0, match.start() - 18):match.start()])
        if name_before and name_before.group(1).casefold() not in _YEAR_WORDS:
            continue
        after = work[match.end():match.end() + 30]
        # "2000 missiles" is a quantity, not a year.
        if type_words_pattern().match(after.lstrip()) and not re.search(
            r"\b(?:in|since|by|during|of|until)\s+$", work[max(0, match.start() - 12):match.start()], re.I
        ):
            continue
        singles.append(int(match.group("y")))
        taken.append(Span(match.start(), match.end(), "year", None, match.group(0)))
    relative_text = None
    if article_date is not None and not (lows or highs or singles):
        for match in _RELATIVE.finditer(work):
            rel = match.group("rel")
            year = article_date.year + _REL_YEARS.get(rel.casefold(), 0)
            month = match.group("month")
            if month and _MONTHS.index(month.casefold()) + 1 > article_date.month:
                year -= 1  # "in May" in an article of March: May of the year before
            singles.append(year)
            relative_text = rel
            taken.append(Span(match.start(), match.end(), "year", None, rel))
            break
    if singles:
        lows.append(min(singles))
        highs.append(max(singles))
    from_year = min(lows) if lows else None
    to_year = max(highs) if highs else None
    if from_year is not None and to_year is not None and from_year > to_year:
        from_year, to_year = to_year, from_year
    year_spans = [t for t in taken if t.kind in {"year", "years"}]
    of = None
    spans = sorted(year_spans, key=lambda t: t.start)
    ordered = [bool(_ORDER_BEFORE_YEAR.search(work, max(0, t.start - 40), t.start)) for t in spans]
    delivered = [bool(_DELIVERY_BEFORE_YEAR.search(work, max(0, t.start - 40), t.start)) for t in spans]
    order_years: tuple[int, int] | None = None
    if ordered and ordered[0] and not any(delivered):
        of = "order"
    elif any(ordered) and any(delivered) and all(t.kind == "year" for t in spans):
        # "ordered in 2017, arrived in 2021": the order's year apart from the delivery's.
        order_list = [int(t.text) for t, o in zip(spans, ordered, strict=True) if o and t.text.isascii() and t.text.isdigit()]
        delivery_list = [int(t.text) for t, o in zip(spans, ordered, strict=True) if not o and t.text.isascii() and t.text.isdigit()]
        if order_list and delivery_list:
            order_years = (min(order_list), max(order_list))
            from_year, to_year = min(delivery_list), max(delivery_list)
    return Years(from_year, to_year, relative_text, of, order_years)


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
    rf"(?P<n>{_NUMBER}))(?P<rest>(?:[\s-]{{1,3}}(?!(?:in|by|and|from|to|since|19\d\d|20\d\d)\b)[A-Za-z][\w'-]{{0,30}}){{0,3}}[\s-]{{0,3}}(?:units? of\s+)?)$",
    re.IGNORECASE,
)


_N_OF_M = re.compile(rf"(?P<n>{_NUMBER})\s+of\s+(?:the|its|their)\s+(?P<m>{_NUMBER})\s+(?:[A-Za-z][\w'-]{{0,30}}\s+){{0,2}}$", re.I)


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
    if re.fullmatch(_YEAR, number_text) and not match.group("rest").strip() == "":
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


# ---- stage, time and negation ---------------------------------------------------------------

_FUTURE = (r"(?:will|would|shall|is to|are to|set to|due to|expected to|going to|agreed to|agrees to|"
           r"poised to|about to|ready to|slated to|likely to)")
_INTENT = re.compile(r"\b(?:plans?|planning|intends?|intending|wants?|seeks?|hopes?|considering|may|might|could|offered|offers)\s+(?:to\s+(?:be\s+)?)?$", re.I)
STAGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("used", re.compile(
        r"\b(?:used|uses|using|deployed|deploys|deploying|(?<!-)fired|(?<!-)fires|employed|struck|strikes|"
        r"shot down|in combat|in action|combat use|launched (?:an? )?(?:attack|strike)s?)\b", re.I)),
    ("delivered", re.compile(
        r"\b(?:delivered|delivers|handed over|hands over|received|receives|took delivery|"
        r"takes delivery|taken delivery|inducted|inducts|arrived|arrive[sd]?|commissioned|"
        r"transferred|supplied|supplies|shipped|donated|gifted|sent|provided|deliveries|handed)\b", re.I)),
    ("ordered", re.compile(
        r"\b(?:ordered|orders|purchased|purchases|bought|buys|procured|procures|acquired|sold|sells|"
        r"acquires|contracted|signed|signs|inked|placed an order|(?:an|the) order)\b", re.I)),
    ("agreed", re.compile(
        rf"\b(?:agreed|agrees|agreement|deal|contract|approved|approves|cleared|"
        rf"{_FUTURE}\s+(?:be\s+)?(?:deliver(?:ed)?|supply|supplied|sell|sold|provide|provided|"
        rf"receive|get|buy|acquire|purchase|transfer|export|send|equip|hand over))\b", re.I)),
    ("announced", re.compile(
        r"\b(?:announced|announces|plans?|planned|planning|intends?|considering|considers|"
        r"in talks|negotiat\w{1,6}|may|might|could|interested|offered|offers|proposed|proposes|"
        r"wants?|seeks?|seeking|eyes|eyeing|mulls|mulling)\b", re.I)),
)
_YET_TO = re.compile(r"\byet to (?:receive|take delivery|get|be delivered|be handed over|arrive|be commissioned|be inducted)\b", re.I)
_ONGOING = re.compile(r"\bcontinu(?:es|ed|ing) to (?:supply|deliver|provide|send|ship)\b", re.I)
_FUTURE_BEFORE = re.compile(rf"\b{_FUTURE}\s+(?:be\s+)?(?:\w+ly\s+)?(?:(?:begin|start|continue|resume)\s+(?:to\s+)?)?$", re.I)
# A headline's future: "Turkey to deliver first Hisar-class ship to Romania".
HEADLINE_FUTURE = re.compile(r"^\W{0,3}[A-Z][\w'.-]{1,30}(?:\s[A-Z][\w'.-]{1,30}){0,3}\s+to\s+(?:deliver|supply|sell|buy|acquire|get|receive|order|send|build|export|transfer|provide)\b")
_NEW_DEAL = re.compile(r"\b(?:new|fresh|latest|further|additional|more|another|second batch|follow-on)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|refused to|refuses to|declined to|declines to|denied|denies|"
    r"(?:has|have|is|are|was|were) yet to|rejected reports?)\b|n't\b|\bno(?= (?:[a-z-]{1,20} ){0,2}[a-z-]{1,25}s\b)",
    re.I,
)


@dataclass(frozen=True)
class Stage:
    stage: str | None
    text: str | None
    prospective: bool


def find_stage(work: str) -> Stage:
    """The strongest stage the clause states, and whether it speaks of a future or new deal."""
    found: dict[str, str] = {}
    prospective = False
    # "has yet to receive": a delivery that has not happened (the negation says so), not a future deal.
    undelivered = _YET_TO.search(work)
    if undelivered:
        found["delivered"] = undelivered.group(0)
    ongoing = _ONGOING.search(work)
    if ongoing:
        found["delivered"] = ongoing.group(0)
    for stage, pattern in STAGE_PATTERNS:
        for match in pattern.finditer(work):
            word = match.group(0)
            before = work[max(0, match.start() - 30):match.start()]
            if undelivered and undelivered.start() <= match.start() < undelivered.end() + 2:
                continue
            if stage in {"delivered", "ordered", "agreed"} and _INTENT.search(before):
                found.setdefault("announced", f"{before.split()[-1] if before.split() else ''} {word}".strip())
                prospective = True
                continue
            if stage == "delivered" and re.search(r"\byet to\s+$", before, re.I):
                found.setdefault("delivered", f"yet to {word}")
                continue
            if stage in {"delivered", "ordered"} and _FUTURE_BEFORE.search(before):
                found.setdefault("agreed", f"{before.split()[-1] if before.split() else ''} {word}".strip())
                prospective = True
                continue
            if stage == "used" and re.search(r"\b(?:to be|will be|would be|could be|may be)\s+$", before, re.I):
                continue
            if stage == "agreed" and re.match(_FUTURE, word, re.I):
                prospective = True
            found.setdefault(stage, word)
    if "announced" in found and len(found) == 1:
        prospective = True
    if re.search(r"\bdue\s+(?:next year|this year|in (?:19|20)\d\d|by|to arrive|for delivery|in the coming)", work, re.I):
        prospective = True
    for stage in reversed(STAGES):
        if stage in found:
            return Stage(stage, found[stage], prospective)
    return Stage(None, None, prospective)


def is_new_deal(work: str) -> bool:
    """'30 more Rafale', 'a fresh order': the text speaks of an order beyond the ones before."""
    return bool(_NEW_DEAL.search(work))


def find_negation(work: str) -> str | None:
    match = _NEGATION.search(work)
    return match.group(0) if match else None
