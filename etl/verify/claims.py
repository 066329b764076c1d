"""Claims about arms deals: text from an article -> parts that can be checked against the register.

`parse_claim(text, resolver, designations)` finds, in one sentence or several:
- countries (names, SIPRI names, aliases, demonyms such as "Turkish") and their roles: supplier
  or recipient, from cues ("to India", "from China", "Turkish drones", "Pakistan bought",
  "the United States will deliver"); `roles_guessed` says when only word order decided;
- weapons, each a designation ("MH-60R", "Bayraktar TB2", known names from the register), a type
  word ("helicopters", "frigates", "loitering munitions") or both ("24 MH-60R helicopters"),
  with the quantity written before it;
- things SIPRI does not cover ("assault rifles", "ammunition"), from `coverage.csv`;
- money values ("$2.6 billion", "EUR 7.8 bn", "Rs 20,000 crore");
- the stage: announced, agreed, ordered, delivered or used (the strongest the text states;
  "will deliver" is agreed, not delivered);
- the timeframe ("in 2023", "between 2019 and 2022", "since 2020", "by 2025").

`apply_fields` overrides parsed parts with structured fields (command-line options, page inputs).
Errors a user can cause raise `ClaimError` (an `ArmsExplorerError`) with one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from importlib import resources

import pandas as pd

from etl.entities import EntityResolver
from etl.errors import ArmsExplorerError, UnknownEntityError
from etl.verify.coverage import exclusions_in
from etl.verify.names import name_tokens, plain
from etl.verify.weapons import (
    GENERIC_TOKENS,
    WEAPON_TYPES,
    WeaponQuery,
    comment_names,
    type_words_pattern,
)

STAGES = ("announced", "agreed", "ordered", "delivered", "used")
MAX_CLAIM_CHARS = 20_000
YEAR_MIN, YEAR_MAX = 1945, 2060


class ClaimError(ArmsExplorerError):
    """A claim that cannot be checked as given (empty, no country, a malformed field)."""


# ---- parts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryMention:
    entity_id: str
    name: str
    text: str
    role: str | None  # supplier / recipient / None (not decided)
    cue: str  # why it has that role


@dataclass(frozen=True)
class WeaponMention:
    text: str
    designation: str | None = None
    type_label: str | None = None
    quantity: int | None = None
    quantity_text: str | None = None
    excluded_rule_id: str | None = None

    @property
    def query(self) -> WeaponQuery:
        return WeaponQuery(self.text, self.designation, self.type_label)


@dataclass(frozen=True)
class MoneyMention:
    text: str
    amount: float | None
    currency: str | None
    usd_m: float | None  # millions of US dollars, where the text gives dollars


@dataclass(frozen=True)
class Claim:
    """A claim's parts, as parsed from text and/or given as fields."""

    text: str
    supplier_id: str | None = None
    recipient_id: str | None = None
    supplier: str | None = None
    recipient: str | None = None
    roles_guessed: bool = False
    countries: tuple[CountryMention, ...] = ()
    weapons: tuple[WeaponMention, ...] = ()
    values: tuple[MoneyMention, ...] = ()
    stage: str | None = None
    stage_text: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    overridden: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        """The parts as plain data (for JSON and the page's editable fields)."""
        return asdict(self)


# ---- countries ------------------------------------------------------------------------------

# Demonyms and adjectives people write for SIPRI's entities; each resolves through the entity
# reference, so an entry naming no entity is a programming error caught by the tests.
DEMONYMS: dict[str, str] = {
    "afghan": "Afghanistan", "algerian": "Algeria", "american": "United States",
    "argentine": "Argentina", "argentinian": "Argentina", "armenian": "Armenia",
    "australian": "Australia", "austrian": "Austria", "azerbaijani": "Azerbaijan",
    "azeri": "Azerbaijan", "bahraini": "Bahrain", "bangladeshi": "Bangladesh",
    "belarusian": "Belarus", "belgian": "Belgium", "brazilian": "Brazil", "british": "United Kingdom",
    "bulgarian": "Bulgaria", "burmese": "Myanmar", "canadian": "Canada", "chilean": "Chile",
    "chinese": "China", "colombian": "Colombia", "croatian": "Croatia", "czech": "Czechia",
    "danish": "Denmark", "dutch": "Netherlands", "egyptian": "Egypt", "emirati": "United Arab Emirates",
    "estonian": "Estonia", "ethiopian": "Ethiopia", "filipino": "Philippines", "finnish": "Finland",
    "french": "France", "georgian": "Georgia", "german": "Germany", "greek": "Greece",
    "hungarian": "Hungary", "indian": "India", "indonesian": "Indonesia", "iranian": "Iran",
    "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel", "italian": "Italy",
    "japanese": "Japan", "jordanian": "Jordan", "kazakh": "Kazakhstan", "kenyan": "Kenya",
    "kuwaiti": "Kuwait", "latvian": "Latvia", "lebanese": "Lebanon", "libyan": "Libya",
    "lithuanian": "Lithuania", "malaysian": "Malaysia", "mexican": "Mexico", "moroccan": "Morocco",
    "nepalese": "Nepal", "nigerian": "Nigeria", "nigerien": "Niger", "north korean": "North Korea",
    "norwegian": "Norway", "omani": "Oman", "pakistani": "Pakistan", "peruvian": "Peru",
    "philippine": "Philippines", "polish": "Poland", "portuguese": "Portugal", "qatari": "Qatar",
    "romanian": "Romania", "russian": "Russia", "saudi": "Saudi Arabia", "serbian": "Serbia",
    "singaporean": "Singapore", "slovak": "Slovakia", "south african": "South Africa",
    "south korean": "South Korea", "soviet": "Soviet Union", "spanish": "Spain",
    "sri lankan": "Sri Lanka", "sudanese": "Sudan", "swedish": "Sweden", "swiss": "Switzerland",
    "syrian": "Syria", "taiwanese": "Taiwan", "thai": "Thailand", "turkish": "Turkiye",
    "turkmen": "Turkmenistan", "ukrainian": "Ukraine", "uzbek": "Uzbekistan",
    "venezuelan": "Venezuela", "vietnamese": "Viet Nam",
}
# Written forms that name a country but that the entity reference does not list.
EXTRA_NAMES: dict[str, str] = {
    "u s": "United States", "u s a": "United States", "united states of america": "United States",
    "the united states": "United States", "u k": "United Kingdom", "u a e": "United Arab Emirates",
    "turkey": "Turkiye", "vietnam": "Viet Nam", "south korea": "South Korea",
    "republic of korea": "South Korea", "korea": "South Korea", "czech republic": "Czechia",
}
# Capitalised words that are also entity names or aliases but, in a sentence, usually are not.
_NOT_COUNTRIES = frozenset({"amal", "au", "anc", "contras", "chad"})
_REFERENCE_FILES = (("sipri_names.csv", "sipri_name"), ("aliases.csv", "alias"))


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", plain(text).casefold()))


@lru_cache(maxsize=4)
def _country_lexicon(resolver: EntityResolver) -> dict[str, tuple[str, bool]]:
    """Written key ('united states', 'turkish') -> (entity id, is a demonym)."""
    lexicon: dict[str, tuple[str, bool]] = {}

    def add(term: str, demonym: bool = False) -> None:
        key = _words_key(term)
        if not key or key in _NOT_COUNTRIES:
            return
        try:
            entity_id = resolver.resolve(term)
        except UnknownEntityError:
            return
        if resolver.entity_type(entity_id) not in {"state", "historical_state"} and not demonym:
            # Non-state actors and organisations are named by their SIPRI names only.
            if not term.strip()[:1].isupper():
                return
        lexicon.setdefault(key, (entity_id, demonym))

    for option in resolver.search_options():
        add(resolver.display_name(option["value"]))
    for file_name, column in _REFERENCE_FILES:
        with (resources.files("etl") / "reference" / file_name).open("rb") as handle:
            frame = pd.read_csv(handle, dtype="str", keep_default_na=False)
        for term in frame[column]:
            add(term)
    for written, name in EXTRA_NAMES.items():
        entity_id = resolver.resolve(name)
        lexicon.setdefault(_words_key(written), (entity_id, False))
    for demonym, name in DEMONYMS.items():
        entity_id = resolver.resolve(name)
        lexicon.setdefault(_words_key(demonym), (entity_id, True))
    return lexicon


# ---- patterns -------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "two dozen": 24, "a pair of": 2,
    "a hundred": 100, "a single": 1,
}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(
    sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)
) + ")"
_SCALES = {"billion": 1e3, "bn": 1e3, "b": 1e3, "million": 1.0, "mn": 1.0, "m": 1.0,
           "mln": 1.0, "thousand": 1e-3, "k": 1e-3, "crore": 10.0, "lakh": 0.1}
_CURRENCY_CODES = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
                   "€": "EUR", "eur": "EUR", "euros": "EUR", "euro": "EUR", "£": "GBP",
                   "gbp": "GBP", "pounds": "GBP", "rs": "INR", "rs.": "INR", "inr": "INR",
                   "₹": "INR", "rupees": "INR", "pkr": "PKR", "tl": "TRY", "try": "TRY",
                   "lira": "TRY", "rmb": "CNY", "yuan": "CNY", "cny": "CNY", "rub": "RUB",
                   "roubles": "RUB", "rubles": "RUB"}
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"billion|bn|b|million|mln|mn|m|thousand|k|crore|lakh"
_MONEY = re.compile(
    rf"(?P<cur>US\$|\$|€|£|₹|\b(?:USD|EUR|GBP|INR|PKR|TRY|CNY|RUB|RMB|Rs\.?)\b)\s?(?P<num>{_AMOUNT})"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"|\b(?P<num2>{_AMOUNT})\s?(?P<scale2>billion|bn|million|mln|mn|crore|lakh)\s?"
    r"(?P<cur2>US dollars|dollars|dollar|USD|euros?|EUR|pounds|GBP|rupees|INR|lira|yuan|roubles|rubles)\b",
    re.IGNORECASE,
)
_YEAR = r"(?:19[4-9]\d|20[0-6]\d)"
_RANGE = re.compile(
    rf"\b(?:between|from)\s+(?P<a>{_YEAR})\s+(?:and|to|until|till)\s+(?P<b>{_YEAR})\b"
    rf"|\b(?P<c>{_YEAR})\s?(?:-|to)\s?(?P<d>{_YEAR}|\d{{2}})\b",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"\b(?:since|from|after|starting in|beginning in)\s+(?:early |late |mid-)?(?P<y>{_YEAR})\b", re.I)
_UNTIL = re.compile(rf"\b(?:by|before|until|till|through|no later than)\s+(?:early |late |mid-|the end of )?(?P<y>{_YEAR})\b", re.I)
_BARE_YEAR = re.compile(rf"(?<![\w$.,-])(?P<y>{_YEAR})(?![\w-]|,\d)")

_FUTURE = r"(?:will|would|shall|is to|are to|set to|due to|expected to|going to|agreed to|agrees to|to)"
# "plans to supply" is an intention: announced, not agreed.
_INTENT = re.compile(r"\b(?:plans?|planning|intends?|intending|wants?|seeks?|hopes?|considering|may|might|could)\s+(?:to\s+(?:be\s+)?)?$", re.I)
_STAGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("used", re.compile(
        r"\b(?:used|uses|using|deployed|deploys|deploying|fired|fires|employed|struck|strikes|"
        r"shot down|in combat|in action|combat use|launched (?:an? )?(?:attack|strike)s?)\b", re.I)),
    ("delivered", re.compile(
        r"\b(?:delivered|delivers|handed over|hands over|received|receives|took delivery|"
        r"takes delivery|taken delivery|inducted|inducts|arrived|arrive[sd]?|commissioned|"
        r"transferred|supplied|supplies|shipped|donated|gifted|sent)\b", re.I)),
    ("ordered", re.compile(
        r"\b(?:ordered|orders|purchased|purchases|bought|buys|procured|procures|acquired|sold|sells|"
        r"acquires|contracted|signed|signs|inked|placed an order|(?:an|the) order)\b", re.I)),
    ("agreed", re.compile(
        rf"\b(?:agreed|agrees|agreement|deal|contract|approved|approves|cleared|"
        rf"{_FUTURE}\s+(?:be\s+)?(?:deliver(?:ed)?|supply|supplied|sell|sold|provide|provided|"
        rf"receive|get|buy|acquire|purchase|transfer|export|send))\b", re.I)),
    ("announced", re.compile(
        r"\b(?:announced|announces|plans?|planned|planning|intends?|considering|considers|"
        r"in talks|negotiat\w+|may|might|could|interested|offered|offers|proposed|proposes|"
        r"wants?|seeks?|seeking|eyes|eyeing|mulls|mulling|reportedly)\b", re.I)),
)
_SUPPLY_VERBS = re.compile(
    r"^(?:(?:also|reportedly|recently|now|already|finally|officially|formally|quietly|has|have|had|will|would|is|are|was|were|be|been|to|agreed to|plans to|set to|has been)\s+){0,3}(?:deliver(?!y)\w*|suppl\w+|sell\w*|sold|export\w*|transfer\w*|"
    r"provid\w+|give[sn]?|gave|sen[dt]s?|ship\w*|hand\w*|offer\w*|donat\w+|gift\w*|lease[sd]?)\b",
    re.I,
)
_ACQUIRE_VERBS = re.compile(
    r"^(?:(?:also|reportedly|recently|now|already|finally|officially|formally|quietly|has|have|had|will|would|is|are|was|were|be|been|to|agreed to|plans to|set to|has been)\s+){0,3}(?:buy\w*|bought|purchas\w+|order\w*|acquir\w+|receiv\w+|"
    r"import\w*|procur\w+|gets?|got|induct\w*|sign\w*|obtain\w*|field\w*|operat\w+|use[sd]?|"
    r"deploy\w*|took delivery|takes delivery|seeks?|wants?|inks?|inked)\b",
    re.I,
)
_BUYING = re.compile(r"\b(?:buy|buying|buys|bought|purchas\w+|acquir\w+|procur\w+|import\w*|order\w*)\b", re.I)
_SELLING = re.compile(r"\b(?:sell\w*|sold|suppl\w+|deliver\w*|export\w*|provid\w+|transfer\w*)\b", re.I)
_FORCES = re.compile(r"^\s*(?:navy|air force|army|military|armed forces|marines|coast guard|forces|troops)\b", re.I)
_MADE = re.compile(r"^\s*-?(?:made|built|produced|manufactured|designed|origin)\b", re.I)
_TO_BEFORE = re.compile(r"\b(?:to|for|into|towards)\s+(?:the\s+)?$", re.I)
_FROM_BEFORE = re.compile(
    r"\b(?:from|(?:built|made|produced|manufactured|developed|designed) in)\s+(?:the\s+)?$", re.I
)
_BY_BEFORE = re.compile(r"\b(?P<verb>\w+)\s+by\s+(?:the\s+)?$", re.I)
_PASSIVE_SUPPLY = re.compile(
    r"^(?:delivered|supplied|sold|exported|transferred|provided|given|sent|shipped|donated|"
    r"gifted|offered|built|made|produced|manufactured|developed|designed|leased)$", re.I
)
_PASSIVE_ACQUIRE = re.compile(
    r"^(?:used|bought|purchased|ordered|acquired|received|imported|procured|inducted|operated|"
    r"deployed|fielded|commissioned|signed|sought)$", re.I
)
_COUNTRY_WORD = re.compile(r"[A-Za-z0-9']+")
_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'/]|[-.](?=[A-Za-z0-9]))*")
# Designation-shaped words not in the register: letters and digits joined (MH-60R, J-10C, TB2).
_DESIGNATION_SHAPE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*$")
_NOT_DESIGNATIONS = re.compile(r"^(?:\d+(?:st|nd|rd|th|s|km|mm|m|kg|t|hp)|covid-?19|[A-Za-z]\d|\d+[a-z]?)$", re.I)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    value: object
    text: str


def _overlaps(span: tuple[int, int], taken: Iterable[_Span]) -> bool:
    return any(span[0] < s.end and s.start < span[1] for s in taken)


def _number_value(text: str) -> int | None:
    text = text.casefold().strip()
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else None


# ---- designation vocabulary -----------------------------------------------------------------


@dataclass(frozen=True)
class DesignationIndex:
    """Token runs that name a weapon in the register: designations, their distinctive parts, and
    names SIPRI gives in Comments."""

    runs: frozenset[tuple[str, ...]]
    longest: int

    @classmethod
    def from_deals(cls, deals: pd.DataFrame | None) -> DesignationIndex:
        if deals is None or deals.empty:
            return cls(frozenset(), 0)
        return cls.from_names(deals["designation"].dropna().astype("str").unique(),
                              deals["comments"].dropna().astype("str").unique())

    @classmethod
    def from_names(cls, designations: Iterable[str], comments: Iterable[str] = ()) -> DesignationIndex:
        runs: set[tuple[str, ...]] = set()
        names = [name_tokens(d) for d in designations]
        for text in comments:
            names.extend(comment_names(text))
        for tokens in names:
            if not tokens or set(tokens) <= GENERIC_TOKENS:
                continue
            runs.add(tokens)
            for i in range(len(tokens)):
                for j in range(i + 1, len(tokens) + 1):
                    sub = tokens[i:j]
                    key = "".join(sub)
                    if set(sub) & GENERIC_TOKENS or len(key) < 3 or key.isdigit():
                        continue
                    runs.add(sub)
        return cls(frozenset(runs), max((len(r) for r in runs), default=0))


# ---- the parser -----------------------------------------------------------------------------


def parse_claim(
    text: str,
    resolver: EntityResolver,
    designations: DesignationIndex | None = None,
    require_country: bool = True,
) -> Claim:
    """The parts of a claim written as text; ClaimError when it names no country or is empty."""
    if not isinstance(text, str) or not text.strip():
        raise ClaimError("The claim is empty: paste a sentence about an arms deal, e.g. "
                         "'Turkiye delivered 9 Bayraktar TB2 drones to Pakistan'.")
    if len(text) > MAX_CLAIM_CHARS:
        raise ClaimError(f"The claim is {len(text):,} characters long; check at most "
                         f"{MAX_CLAIM_CHARS:,} characters (a few sentences) at a time.")
    index = designations or DesignationIndex(frozenset(), 0)
    work = _normalise(plain(text))
    taken: list[_Span] = []

    values = _find_money(work, taken)
    from_year, to_year = _find_years(work, taken)
    countries = _find_countries(work, resolver, taken)
    exclusions = _find_exclusions(work, taken)
    types = _find_types(work, taken)
    designation_spans = _find_designations(work, index, taken, types)
    weapons = _weapon_mentions(work, designation_spans, types, exclusions)
    stage, stage_text = _find_stage(work)
    mentions, roles_guessed = _assign_roles(work, countries, designation_spans + types, resolver)

    supplier = next((m for m in mentions if m.role == "supplier"), None)
    recipient = next((m for m in mentions if m.role == "recipient"), None)
    if require_country and supplier is None and recipient is None:
        raise ClaimError(
            "The claim names no country or other supplier or recipient SIPRI knows; name one "
            "(e.g. 'Pakistan', 'Turkish', 'the United States') or give --supplier/--recipient."
        )
    return Claim(
        text=text,
        supplier_id=supplier.entity_id if supplier else None,
        recipient_id=recipient.entity_id if recipient else None,
        supplier=supplier.name if supplier else None,
        recipient=recipient.name if recipient else None,
        roles_guessed=roles_guessed,
        countries=tuple(mentions),
        weapons=tuple(weapons),
        values=tuple(values),
        stage=stage,
        stage_text=stage_text,
        from_year=from_year,
        to_year=to_year,
    )


def _normalise(text: str) -> str:
    # Dotted abbreviations read as words: "U.S." -> "U S " keeps offsets and word boundaries.
    text = re.sub(r"\b([A-Z])\.(?=[A-Z]\.|\s|$|,)", r"\1 ", text)
    text = re.sub(r"(?<=\b[A-Z]) (?=[A-Z]\b\.?)", " ", text)
    return text.replace("\u00a0", " ")


def _find_money(work: str, taken: list[_Span]) -> list[MoneyMention]:
    values = []
    for match in _MONEY.finditer(work):
        currency_text = (match.group("cur") or match.group("cur2") or "").casefold().strip()
        number = match.group("num") or match.group("num2")
        scale_text = (match.group("scale") or match.group("scale2") or "").casefold()
        if currency_text in {"rs", "rs."} and not scale_text and "," not in number:
            pass
        currency = _CURRENCY_CODES.get(currency_text.rstrip("s") if currency_text not in _CURRENCY_CODES else currency_text)
        if currency_text.startswith("us dollar"):
            currency = "USD"
        amount = float(number.replace(",", ""))
        scale = _SCALES.get(scale_text)
        millions = amount * scale if scale is not None else amount / 1e6
        values.append(MoneyMention(
            text=match.group(0).strip(), amount=amount, currency=currency,
            usd_m=round(millions, 3) if currency == "USD" else None,
        ))
        taken.append(_Span(match.start(), match.end(), "money", None, match.group(0)))
    return values


def _find_years(work: str, taken: list[_Span]) -> tuple[int | None, int | None]:
    lows: list[int] = []
    highs: list[int] = []
    for match in _RANGE.finditer(work):
        if _overlaps(match.span(), taken):
            continue
        a = match.group("a") or match.group("c")
        b = match.group("b") or match.group("d")
        start = int(a)
        end = int(b) if len(b) == 4 else int(a[:2] + b)
        if end < start:
            continue
        lows.append(start)
        highs.append(end)
        taken.append(_Span(match.start(), match.end(), "years", (start, end), match.group(0)))
    for pattern, side in ((_SINCE, lows), (_UNTIL, highs)):
        for match in pattern.finditer(work):
            if _overlaps(match.span(), taken):
                continue
            side.append(int(match.group("y")))
            taken.append(_Span(match.start(), match.end(), "years", None, match.group(0)))
    singles = []
    for match in _BARE_YEAR.finditer(work):
        if _overlaps(match.span(), taken):
            continue
        after = work[match.end():match.end() + 30]
        # "2000 missiles" is a quantity, not a year.
        if type_words_pattern().match(after.lstrip()) and not re.search(
            r"\b(?:in|since|by|during|of|until)\s+$", work[max(0, match.start() - 12):match.start()], re.I
        ):
            continue
        singles.append(int(match.group("y")))
        taken.append(_Span(match.start(), match.end(), "year", None, match.group(0)))
    if singles:
        lows.append(min(singles))
        highs.append(max(singles))
    from_year = min(lows) if lows else None
    to_year = max(highs) if highs else None
    if from_year is not None and to_year is not None and from_year > to_year:
        from_year, to_year = to_year, from_year
    return from_year, to_year


def _find_countries(work: str, resolver: EntityResolver, taken: list[_Span]) -> list[_Span]:
    lexicon = _country_lexicon(resolver)
    words = list(_COUNTRY_WORD.finditer(work))
    found: list[_Span] = []
    i = 0
    while i < len(words):
        matched = False
        for n in (5, 4, 3, 2, 1):
            if i + n > len(words):
                continue
            first, last = words[i], words[i + n - 1]
            start, end = first.start(), last.end()
            # Only words joined by spaces (or a hyphen) form one name.
            gap = work[start:end]
            if re.search(r"[,;:()\"]|\s{2,}|-", gap):
                continue
            if not first.group(0)[:1].isupper():
                continue
            key = _words_key(gap)
            hit = lexicon.get(key)
            if hit is None and key.endswith(" s") and n > 1:
                continue
            if hit is None:
                continue
            if _overlaps((start, end), taken):
                continue
            entity_id, demonym = hit
            span = _Span(start, end, "country", (entity_id, demonym), gap)
            found.append(span)
            taken.append(span)
            i += n
            matched = True
            break
        if not matched:
            i += 1
    return found


def _find_exclusions(work: str, taken: list[_Span]) -> list[_Span]:
    spans = []
    for _term, rule, start, end in exclusions_in(work):
        if _overlaps((start, end), taken):
            continue
        span = _Span(start, end, "excluded", rule, work[start:end])
        spans.append(span)
        taken.append(span)
    return spans


def _find_types(work: str, taken: list[_Span]) -> list[_Span]:
    spans = []
    for match in type_words_pattern().finditer(work):
        if _overlaps(match.span(), taken):
            continue
        label = WEAPON_TYPES[int(str(match.lastgroup)[1:])].label
        span = _Span(match.start(), match.end(), "type", label, match.group(0))
        spans.append(span)
        taken.append(span)
    return spans


_CLASS_SUFFIX = re.compile(r"[-\s]class$", re.I)


# Capitalised words before a type word that are not names of weapons ("The frigates").
_NOT_NAMES = frozenset(
    "the a an this these those its their his her our new navy naval army air force ministry "
    "defence defense government some more several additional further used modern advanced "
    "combat attack light heavy indigenous stealth multirole armed unmanned military its all "
    "both two three four five six seven eight nine ten first second third last next other "
    "latest older old large small medium main battle surplus second-hand".split()
)


def _find_designations(
    work: str, index: DesignationIndex, taken: list[_Span], types: list[_Span] = ()  # type: ignore[assignment]
) -> list[_Span]:
    words = [w for w in _WORD.finditer(work)]
    spans: list[_Span] = []
    i = 0
    longest = max(index.longest, 1)
    while i < len(words):
        hit = None
        for n in range(min(longest, 4, len(words) - i), 0, -1):
            first, last = words[i], words[i + n - 1]
            start, end = first.start(), last.end()
            raw = work[start:end]
            if re.search(r"[,;:()\"]", raw) or _overlaps((start, end), taken):
                continue
            name = _CLASS_SUFFIX.sub("", re.sub(r"'s$", "", raw))
            tokens = name_tokens(name)
            if not tokens:
                continue
            head = first.group(0)
            capitalised = head[:1].isupper() or (
                any(c.isdigit() for c in head) and any(c.isalpha() for c in head)
            )
            if tokens in index.runs and capitalised and any(c.isalpha() for c in name):
                hit = (start, end, name, n)
                break
            if n == 1 and _DESIGNATION_SHAPE.match(name) and not _NOT_DESIGNATIONS.match(name) \
                    and head[:1].isalpha() and any(c.isupper() for c in head):
                hit = (start, end, name, n)
                break
            # A name not in the register, written just before a type word: "KAAN fighter jets".
            if n == 1 and head[:1].isupper() and head.isalpha() and len(head) >= 3 \
                    and head.casefold() not in _NOT_NAMES and any(
                        re.fullmatch(r"[\s-]{1,2}", work[end:t.start]) for t in types):
                hit = (start, end, name, n)
                break
        if hit is None:
            i += 1
            continue
        start, end, name, n = hit
        # A maker or name word written before a known run joins it ("Baykar Bayraktar TB2").
        span = _Span(start, end, "designation", name, work[start:end])
        spans.append(span)
        taken.append(span)
        i += n
    return spans


def _weapon_mentions(
    work: str, designations: list[_Span], types: list[_Span], exclusions: list[_Span]
) -> list[WeaponMention]:
    """Designations with the type word written after them, types alone, exclusions; each with
    the quantity written before it."""
    mentions: list[tuple[int, int, WeaponMention]] = []
    used_types: set[int] = set()
    for d in designations:
        mention = WeaponMention(text=d.text, designation=str(d.value))
        end = d.end
        for t in types + exclusions:
            between = work[d.end:t.start]
            if t.start >= d.end and len(between) <= 25 and re.fullmatch(
                r"[\s-]*(?:(?:class|type|series|block[- ]?\d+|[A-Za-z]+-?made|new|advanced|armed|"
                r"military|naval|combat|attack|unmanned|multirole|multi-role|fighter|anti-submarine|"
                r"air-defen[cs]e|light|heavy)[\s-]+){0,2}[\s-]*", between + " ", re.I,
            ):
                if t.kind == "type":
                    mention = replace(mention, type_label=str(t.value), text=work[d.start:t.end])
                    used_types.add(id(t))
                else:
                    rule = t.value
                    mention = replace(mention, excluded_rule_id=rule.rule_id,  # type: ignore[attr-defined]
                                      text=work[d.start:t.end])
                    used_types.add(id(t))
                end = t.end
                break
        mentions.append((d.start, end, mention))
    for t in exclusions:
        if id(t) not in used_types:
            mentions.append((t.start, t.end, WeaponMention(
                text=t.text, excluded_rule_id=t.value.rule_id)))  # type: ignore[attr-defined]
    attached = {m.type_label for _, _, m in mentions if m.designation and m.type_label}
    seen_types: set[str] = set()
    for t in types:
        if id(t) in used_types or str(t.value) in attached or str(t.value) in seen_types:
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
    seen_designations: dict[str, int] = {}
    for start, _end, mention in mentions:
        quantity, quantity_text = _quantity_before(work, start)
        if quantity is not None:
            mention = replace(mention, quantity=quantity, quantity_text=quantity_text)
        if mention.designation:
            key = "".join(name_tokens(mention.designation))
            if key in seen_designations:
                earlier = out[seen_designations[key]]
                if earlier.quantity is None and mention.quantity is not None:
                    out[seen_designations[key]] = replace(earlier, quantity=mention.quantity,
                                                          quantity_text=mention.quantity_text)
                continue
            seen_designations[key] = len(out)
        out.append(mention)
    return out


_QUANTITY = re.compile(
    rf"(?:^|[\s(])(?P<q>(?:up to |some |about |around |nearly |over |more than |at least |another |an additional )?"
    rf"(?P<n>{_NUMBER}))(?P<rest>(?:[\s-]+(?!(?:in|by|and|from|to|since|19\d\d|20\d\d)\b)[A-Za-z][\w'-]*){{0,3}}[\s-]*(?:units? of\s+)?)$",
    re.IGNORECASE,
)


def _quantity_before(work: str, start: int) -> tuple[int | None, str | None]:
    window = work[max(0, start - 60):start]
    match = _QUANTITY.search(window)
    if match is None:
        return None, None
    # A year, a money amount or a calibre is not a quantity.
    number_text = match.group("n")
    before = window[:match.start("n")]
    if re.search(r"[$€£₹]\s?$|\b(?:in|since|by|until|during|of)\s+$", before, re.I):
        return None, None
    if re.fullmatch(_YEAR, number_text) and not match.group("rest").strip() == "":
        return None, None
    value = _number_value(number_text)
    if value is None or value <= 0 or value > 100_000:
        return None, None
    return value, match.group("q").strip()


def _find_stage(work: str) -> tuple[str | None, str | None]:
    found: dict[str, str] = {}
    for stage, pattern in _STAGE_PATTERNS:
        for match in pattern.finditer(work):
            word = match.group(0)
            before = work[max(0, match.start() - 25):match.start()]
            if stage in {"delivered", "ordered", "agreed"} and _INTENT.search(before):
                found.setdefault("announced", word)
                continue
            if stage in {"delivered", "ordered"} and re.search(rf"\b{_FUTURE}\s+(?:be\s+)?$", before, re.I):
                found.setdefault("agreed", f"{before.split()[-1] if before.split() else ''} {word}".strip())
                continue
            if stage == "used" and re.search(r"\b(?:to be|will be|would be|could be|may be)\s+$", before, re.I):
                continue
            found.setdefault(stage, word)
    for stage in reversed(STAGES):
        if stage in found:
            return stage, found[stage]
    return None, None


def _cue_strength(cue: str) -> int:
    if cue.startswith("'") and cue.endswith("'"):
        return 3  # a preposition: "to India", "from China", "built in Turkey", "used by Pakistan"
    if "describing" in cue or "'" in cue and " " in cue and "verb" not in cue:
        return 2
    return 1


def _country(span: _Span) -> tuple[str, bool]:
    """A country span's (entity id, whether it was written as a demonym, 'Turkish')."""
    value = span.value
    if not (isinstance(value, tuple) and len(value) == 2):
        raise TypeError(f"not a country span: {span!r}")
    return str(value[0]), bool(value[1])


def _assign_roles(
    work: str, countries: list[_Span], weapons_spans: list[_Span], resolver: EntityResolver
) -> tuple[list[CountryMention], bool]:
    roles: list[tuple[str | None, str]] = []
    for span in countries:
        demonym = _country(span)[1]
        before = work[max(0, span.start - 20):span.start]
        after = work[span.end:span.end + 60]
        role: str | None = None
        cue = ""
        if (to := _TO_BEFORE.search(before)) and not demonym:
            role, cue = "recipient", f"'{to.group(0).strip()} {span.text}'"
        elif (source := _FROM_BEFORE.search(before)) and not demonym:
            role, cue = "supplier", f"'{source.group(0).strip()} {span.text}'"
        elif (by := _BY_BEFORE.search(before)) and not demonym and (
            _PASSIVE_SUPPLY.match(by.group("verb")) or _PASSIVE_ACQUIRE.match(by.group("verb"))
        ):
            role = "supplier" if _PASSIVE_SUPPLY.match(by.group("verb")) else "recipient"
            cue = f"'{by.group(0).strip()} {span.text}'"
        elif demonym and (forces := _FORCES.match(after)):
            role, cue = "recipient", f"'{span.text} {forces.group(0).strip()}'"
        elif demonym and (_MADE.match(after) or any(
            0 <= w.start - span.end <= 25 for w in weapons_spans
        )):
            role, cue = "supplier", f"'{span.text}' describing the weapon"
        elif _SUPPLY_VERBS.match(after.lstrip().removeprefix("'s ").removeprefix("s ")):
            role, cue = "supplier", f"'{span.text}' followed by a verb of supplying"
        elif _ACQUIRE_VERBS.match(after.lstrip()):
            role, cue = "recipient", f"'{span.text}' followed by a verb of acquiring"
        roles.append((role, cue))
    # One entity, one role: its strongest cue wins ("to X"/"from X" over "Turkish drones" over a
    # verb after the name); when two entities want one role, the weaker takes the other role.
    by_entity: dict[str, tuple[str | None, str]] = {}
    strength: dict[str, int] = {}
    for span, (role, cue) in zip(countries, roles, strict=True):
        entity_id = _country(span)[0]
        rank = _cue_strength(cue) if role else -1
        if entity_id not in by_entity or rank > strength[entity_id]:
            by_entity[entity_id] = (role, cue)
            strength[entity_id] = rank
    holder: dict[str, str] = {}
    for entity_id in sorted(by_entity, key=lambda e: -strength[e]):
        role, cue = by_entity[entity_id]
        if role is None:
            continue
        if role in holder:
            other = "recipient" if role == "supplier" else "supplier"
            if other in holder:
                by_entity[entity_id] = (None, f"another {role} named; only the first is checked")
                continue
            by_entity[entity_id] = (other, f"the other party ({cue} is weaker than the cue for "
                                           f"{role})")
            role = other
        holder[role] = entity_id
    guessed = False
    order = list(dict.fromkeys(_country(span)[0] for span in countries))
    have = {role for role, _ in by_entity.values() if role}
    for entity_id in order:
        role, _cue = by_entity[entity_id]
        if role is not None:
            continue
        free = [r for r in ("supplier", "recipient") if r not in have]
        if not free:
            break
        if len(free) == 2:
            # No cue at all: the first name is the subject; it buys when the text speaks only of
            # buying, else (with two names) it supplies. A single name is taken as the recipient
            # (news about arms deals is mostly about buyers).
            buying = _BUYING.search(work) and not _SELLING.search(work)
            pick = "supplier" if len(order) > 1 and not buying else "recipient"
        else:
            pick = free[0]
        guessed = guessed or not have
        by_entity[entity_id] = (pick, "word order (no cue in the text)" if not have else "the other party named")
        have.add(pick)
    mentions = []
    seen: set[str] = set()
    for span in countries:
        entity_id = _country(span)[0]
        if entity_id in seen:
            continue
        seen.add(entity_id)
        role, cue = by_entity[entity_id]
        # A second supplier or recipient is listed but not used in the check.
        mentions.append(CountryMention(entity_id, resolver.display_name(entity_id), span.text, role, cue))
    firsts: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.role and m.role not in firsts:
            firsts[m.role] = i
        elif m.role:
            mentions[i] = replace(m, role=None, cue=f"another {m.role} named; only the first is checked")
    return mentions, guessed


# ---- structured fields ----------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimFields:
    """Structured fields that override what the text says (None: keep the parsed part)."""

    supplier: str | None = None
    recipient: str | None = None
    weapon: str | None = None
    quantity: str | None = None
    value: str | None = None
    stage: str | None = None
    from_year: str | int | None = None
    to_year: str | int | None = None

    def given(self) -> bool:
        return any(v not in (None, "") for v in asdict(self).values())


def parse_quantity(text: str | int | None) -> int | None:
    """A quantity field as a whole number of weapons; ClaimError when malformed."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    value = _number_value(str(text)) if not isinstance(text, int) else text
    if value is None or value <= 0:
        raise ClaimError(f"Quantity '{text}' is not a whole number of weapons above 0 (e.g. 24).")
    return value


def parse_year(text: str | int | None, name: str) -> int | None:
    """A year field; ClaimError when it is not a year SIPRI could cover."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        year = int(str(text).strip())
    except ValueError:
        raise ClaimError(f"{name} '{text}' is not a year (e.g. 2023).") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ClaimError(f"{name} {year} is outside the years a claim can be about ({YEAR_MIN}-{YEAR_MAX}).")
    return year


def parse_weapon(text: str, index: DesignationIndex | None = None) -> WeaponMention:
    """A weapon field ('MH-60R helicopters', 'drones', 'Akıncı') as one weapon mention."""
    work = _normalise(plain(text)).strip()
    if not work:
        raise ClaimError("The weapon is empty: name a designation (e.g. 'MH-60R') or a type (e.g. 'frigates').")
    taken: list[_Span] = []
    exclusions = _find_exclusions(work, taken)
    types = _find_types(work, taken)
    designations = _find_designations(work, index or DesignationIndex(frozenset(), 0), taken)
    mentions = _weapon_mentions(work, designations, types, exclusions)
    if mentions:
        first = mentions[0]
        if first.designation is None and first.type_label is None and first.excluded_rule_id is None:
            return replace(first, designation=work)
        return first
    # Anything else is taken as a designation as written ("Kaan", "Hisar-O").
    return WeaponMention(text=work, designation=re.sub(r"^\d+\s+", "", work))


def parse_value(text: str) -> MoneyMention:
    """A money field ('$2.6 billion') as a money mention; ClaimError when no amount is found."""
    taken: list[_Span] = []
    found = _find_money(plain(text), taken)
    if not found:
        raise ClaimError(f"Value '{text}' is not an amount of money (e.g. '$2.6 billion').")
    return found[0]


def apply_fields(
    claim: Claim | None,
    fields: ClaimFields,
    resolver: EntityResolver,
    index: DesignationIndex | None = None,
) -> Claim:
    """The claim with structured fields in place of the parsed parts they name."""
    claim = claim or Claim(text="")
    changes: dict[str, object] = {}
    overridden = []
    if fields.supplier:
        entity_id = resolver.resolve(fields.supplier, field="supplier")
        changes.update(supplier_id=entity_id, supplier=resolver.display_name(entity_id))
        overridden.append("supplier")
    if fields.recipient:
        entity_id = resolver.resolve(fields.recipient, field="recipient")
        changes.update(recipient_id=entity_id, recipient=resolver.display_name(entity_id))
        overridden.append("recipient")
    if fields.supplier or fields.recipient:
        changes["roles_guessed"] = False
    weapons = list(claim.weapons)
    if fields.weapon:
        # Several weapons are separated by ';' ("MH-60R; assault rifles").
        weapons = [parse_weapon(part, index) for part in fields.weapon.split(";") if part.strip()]
        if not weapons:
            raise ClaimError("The weapon is empty: name a designation (e.g. 'MH-60R') or a type (e.g. 'frigates').")
        overridden.append("weapon")
    quantity = parse_quantity(fields.quantity)
    if quantity is not None:
        if not weapons:
            raise ClaimError("A quantity needs a weapon: give --weapon (e.g. 'MH-60R') with --quantity.")
        weapons[0] = replace(weapons[0], quantity=quantity, quantity_text=str(quantity))
        overridden.append("quantity")
    changes["weapons"] = tuple(weapons)
    if fields.value:
        changes["values"] = (parse_value(fields.value),)
        overridden.append("value")
    if fields.stage:
        stage = fields.stage.strip().casefold()
        if stage not in STAGES:
            raise ClaimError(f"Stage '{fields.stage}' is not one of {', '.join(STAGES)}.")
        changes.update(stage=stage, stage_text=None)
        overridden.append("stage")
    from_year = parse_year(fields.from_year, "From year")
    to_year = parse_year(fields.to_year, "To year")
    if from_year is not None:
        changes["from_year"] = from_year
        overridden.append("from_year")
    if to_year is not None:
        changes["to_year"] = to_year
        overridden.append("to_year")
    merged = replace(claim, **changes, overridden=tuple(overridden))  # type: ignore[arg-type]
    if merged.from_year is not None and merged.to_year is not None and merged.from_year > merged.to_year:
        raise ClaimError(f"From year {merged.from_year} is after to year {merged.to_year}.")
    if merged.supplier_id is None and merged.recipient_id is None:
        raise ClaimError("The claim names no supplier or recipient; give --supplier or --recipient.")
    return merged


def read_claim(
    text: str | None,
    fields: ClaimFields,
    resolver: EntityResolver,
    index: DesignationIndex | None = None,
) -> Claim:
    """Text and fields together: the text parsed (a country may come from the fields instead),
    then the fields put over it."""
    has_text = bool(text and text.strip())
    if not has_text and not fields.given():
        raise ClaimError("The claim is empty: paste a sentence about an arms deal, or give "
                         "--supplier/--recipient/--weapon.")
    claim = None
    if has_text:
        country_given = bool(fields.supplier or fields.recipient)
        claim = parse_claim(str(text), resolver, index, require_country=not country_given)
    return apply_fields(claim, fields, resolver, index)
