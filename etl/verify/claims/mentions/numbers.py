"""Numbers, money and years written in a clause."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from etl.verify.claims.mentions.spans import Span, overlaps
from etl.verify.claims.model import MoneyMention
from etl.verify.weapons import type_words_pattern

# ---- numbers and money ----------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "two dozen": 24, "a pair of": 2,
    "a hundred": 100, "a single": 1,
}
# A count as written: digits (with thousands commas) or words; also the weapons' quantities.
NUMBER = r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,6}|" + "|".join(
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

# A year the register can hold; also what `weapons.quantity_before` refuses as a quantity.
YEAR = r"(?:19[4-9]\d|20[0-6]\d)"
_RANGE = re.compile(
    rf"\b(?:between|from)\s+(?P<a>{YEAR})\s+(?:and|to|until|till)\s+(?P<b>{YEAR})\b"
    rf"|\b(?P<c>{YEAR})\s?(?:-|to)\s?(?P<d>{YEAR}|\d{{2}})\b",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"\b(?:since|from|after|starting in|beginning in)\s+(?:early |late |mid-)?(?P<y>{YEAR})\b", re.I)
_UNTIL = re.compile(rf"\b(?:by|before|until|till|through|no later than)\s+(?:early |late |mid-|the end of )?(?P<y>{YEAR})\b", re.I)
# Capitalised words after which a number is a year ("In 2020", "May 2025", "FY 2024").
_YEAR_WORDS = frozenset(
    "in by since from until till during before after through of and or to fy early late mid the "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter".split())
_DECADE = re.compile(r"\b(?:the\s+)?(?:early |late |mid-)?(?P<d>19[4-9]0|20[0-6]0)'?s\b", re.I)
_BARE_YEAR = re.compile(rf"(?<![\w$.,-])(?P<y>{YEAR})(?![\w-]|,\d)")
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
