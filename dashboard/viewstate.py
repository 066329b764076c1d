"""The pair page's view, to and from the URL's query string (pure: no data read here).

Every key is always written, so a copied link restores the view exactly even after new data
arrives. A value that is malformed or unknown falls back to its default with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlencode

from etl.context.events import EMBARGOES, INTERSTATE
from etl.context.events import KINDS as CONTEXT_KINDS
from etl.errors import UnknownEntityError

BY_CHOICES = ("category", "designation")
SHARE_CHOICES = ("5y", "yearly")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
KEYS = ("release", "supplier", "recipient", "from", "to", "category", "by", "estimates", "open", "shares", "deal",
        "rfilter", "rsort", "rpage", "context", "marks", "compare")
# The context drawn on the charts when a link does not say: interstate conflicts and embargoes.
DEFAULT_CONTEXT = (INTERSTATE, EMBARGOES)
MARKS_MAX_CHARS = 300
REGISTER_KEYS = ("rfilter", "rsort", "rpage")
SORT_DIRECTIONS = ("asc", "desc")
# The first view (a bare "/"): the last 20 years, not SIPRI's whole span from 1950.
FIRST_VIEW_YEARS = 20


@dataclass(frozen=True)
class PairView:
    """Everything the pair page shows, as the URL holds it."""

    release: str
    suppliers: tuple[str, ...]
    recipients: tuple[str, ...]
    from_year: int
    to_year: int
    categories: tuple[str, ...] = ()
    by: str = "category"
    leave_out_estimates: bool = False
    open_orders: bool = True
    shares: str = "5y"
    deal: str | None = None
    # The deal register's filter (DataTable's filter_query), sort ("order_year:desc") and page (from 0).
    register_filter: str = ""
    register_sort: tuple[tuple[str, str], ...] = ()
    register_page: int = 0
    # Context layers on the charts (`dashboard.context.events`): which kinds, and the dates marked
    # ("2025-05-20 claim's date; 2021-06 contract signing"), as typed.
    context: tuple[str, ...] = DEFAULT_CONTEXT
    marks: str = ""
    # The release drawn beside this one (the TIV overlay, the register's older-release column); "" for none.
    compare_release: str = ""

    def query_string(self) -> str:
        """'?release=2024&supplier=turkiye&...': the whole view, every key present."""
        pairs = [
            ("release", self.release),
            ("supplier", ",".join(self.suppliers)),
            ("recipient", ",".join(self.recipients)),
            ("from", str(self.from_year)),
            ("to", str(self.to_year)),
            ("category", ",".join(self.categories)),
            ("by", self.by),
            ("estimates", "leave-out" if self.leave_out_estimates else "include"),
            ("open", "show" if self.open_orders else "hide"),
            ("shares", self.shares),
            ("deal", self.deal or ""),
            ("rfilter", self.register_filter),
            ("rsort", ",".join(f"{c}:{d}" for c, d in self.register_sort)),
            ("rpage", str(self.register_page + 1)),
            ("context", ",".join(self.context) or "none"),
            ("marks", self.marks),
            ("compare", self.compare_release),
        ]
        return "?" + urlencode(pairs)

    def sort_by(self) -> list[Any]:
        """The register's sort as DataTable's `sort_by`."""
        return [{"column_id": c, "direction": d} for c, d in self.register_sort]


@dataclass(frozen=True)
class ViewContext:
    """What the release offers, against which a link's values are checked."""

    releases: tuple[str, ...]
    release: str
    first_year: int
    last_year: int
    categories: tuple[str, ...]
    suppliers: frozenset[str]
    recipients: frozenset[str]
    default_supplier: str | None
    default_recipient: str | None


def parse_query(search: str | None) -> dict[str, str | list[str]]:
    """'?a=1&b=2' -> {'a': '1', 'b': '2'}; a repeated key gives a list."""
    text = (search or "").lstrip("?")
    parsed = parse_qs(text, keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


def _shown(text: str, limit: int) -> str:
    """A link's value as a notice quotes it: on one line, cut short."""
    return _CONTROL.sub(" ", text[:limit])


def values_from_text(raw: str | list[str] | None) -> list[str]:
    """Comma-separated or repeated values, stripped, blanks dropped."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def one_from_text(raw: str | list[str] | None) -> str | None:
    """The first of a link's values for a key (None when it gives none)."""
    values = values_from_text(raw)
    return values[0] if values else None


def entities_from_text(
    raw: str | list[str] | None,
    known: frozenset[str],
    resolve,  # type: ignore[no-untyped-def]
    field: str,
    notices: list[str],
) -> tuple[str, ...] | None:
    """Entity ids for a link's names or ids (`known`: the ids the release allows for `field`);
    each name that is unknown or has no deals as `field` is left out with a notice."""
    names = values_from_text(raw)
    if not names:
        return None
    ids: list[str] = []
    for name in names:
        entity_id = name if name in known else None
        if entity_id is None:
            try:
                entity_id = resolve(name[:200])
            except UnknownEntityError as exc:
                hint = f" (did you mean: {', '.join(exc.suggestions)}?)" if exc.suggestions else ""
                notices.append(f"The link's {field} '{_shown(name, 60)}' names no SIPRI supplier or recipient{hint}.")
                continue
            if entity_id not in known:
                notices.append(f"The link's {field} '{_shown(name, 60)}' has no deals as {field} in this release.")
                continue
        if entity_id not in ids:
            ids.append(entity_id)
    return tuple(ids) if ids else None


def year_from_text(raw: str | list[str] | None, key: str, lo: int, hi: int, notices: list[str]) -> int | None:
    """A link's year within `lo`-`hi`; None, with a notice, when it is not a year or lies outside."""
    text = one_from_text(raw)
    if text is None:
        return None
    try:
        year = int(text)
    except ValueError:
        notices.append(f"The link's '{key}' year '{_shown(text, 20)}' is not a year.")
        return None
    if not lo <= year <= hi:
        notices.append(f"The link's '{key}' year {year} lies outside this release's {lo}-{hi}.")
        return None
    return year


def choice_from_text(raw: str | list[str] | None, key: str, choices: Iterable[str], default: str, notices: list[str]) -> str:
    """A link's value if it is one of `choices`, else `default` (with a notice when one was given)."""
    text = one_from_text(raw)
    allowed = tuple(choices)
    if text is None:
        return default
    if text not in allowed:
        notices.append(f"The link's '{key}' value '{_shown(text, 20)}' is not one of {', '.join(allowed)}.")
        return default
    return text


def view_from_query(
    query: Mapping[str, str | list[str]],
    context: ViewContext,
    resolve,  # type: ignore[no-untyped-def]
    release_notice: str | None = None,
) -> tuple[PairView, list[str]]:
    """The view a link asks for, checked against the release; notices name what fell back."""
    notices: list[str] = [release_notice] if release_notice else []
    unknown = sorted(set(query) - set(KEYS))
    if unknown:
        notices.append(f"The link's parameter(s) {', '.join(_shown(k, 20) for k in unknown[:5])} are not used here.")
    suppliers = entities_from_text(query.get("supplier"), context.suppliers, resolve, "supplier", notices)
    recipients = entities_from_text(query.get("recipient"), context.recipients, resolve, "recipient", notices)
    if suppliers is None and recipients is None:
        suppliers = (context.default_supplier,) if context.default_supplier else ()
        recipients = (context.default_recipient,) if context.default_recipient else ()
    lo, hi = context.first_year, context.last_year
    from_year = year_from_text(query.get("from"), "from", lo, hi, notices)
    to_year = year_from_text(query.get("to"), "to", lo, hi, notices)
    bare = not any(query.get(k) for k in ("supplier", "recipient", "from", "to"))
    from_year = (max(lo, hi - FIRST_VIEW_YEARS + 1) if bare else lo) if from_year is None else from_year
    to_year = hi if to_year is None else to_year
    if from_year > to_year:
        notices.append(f"The link's years run backwards ({from_year} to {to_year}); showing {lo}-{hi}.")
        from_year, to_year = lo, hi
    categories = []
    for category in values_from_text(query.get("category")):
        if category in context.categories:
            categories.append(category)
        else:
            notices.append(f"The link's armament category '{_shown(category, 40)}' is not in this release.")
    by = choice_from_text(query.get("by"), "by", BY_CHOICES, "category", notices)
    estimates = choice_from_text(query.get("estimates"), "estimates", ("include", "leave-out"), "include", notices)
    open_orders = choice_from_text(query.get("open"), "open", ("show", "hide"), "show", notices)
    shares = choice_from_text(query.get("shares"), "shares", SHARE_CHOICES, "5y", notices)
    deal = one_from_text(query.get("deal"))
    raw_filter = query.get("rfilter") or ""
    # Kept whole (commas are part of a filter); a malformed filter is the table's to mark.
    register_filter = _shown(raw_filter if isinstance(raw_filter, str) else raw_filter[0], 500).strip()
    register_sort = sort_from_text(one_from_text(query.get("rsort")), notices)
    register_page = 0
    page_text = one_from_text(query.get("rpage"))
    if page_text is not None:
        if page_text.isascii() and page_text.isdigit() and int(page_text) >= 1:  # not "²"
            register_page = min(int(page_text), 10**6) - 1
        else:
            notices.append(f"The link's register page '{_shown(page_text, 20)}' is not a page number.")
    compare = one_from_text(query.get("compare"))
    if compare is not None and (compare not in context.releases or compare == context.release):
        notices.append(f"The link's comparison release '{_shown(compare, 20)}' is not another release in the store.")
        compare = None
    view = PairView(
        context=context_from_text(query.get("context"), notices),
        marks=marks_from_text(query.get("marks")),
        release=context.release,
        suppliers=suppliers or (),
        recipients=recipients or (),
        from_year=from_year,
        to_year=to_year,
        categories=tuple(categories),
        by=by,
        leave_out_estimates=estimates == "leave-out",
        open_orders=open_orders == "show",
        shares=shares,
        deal=deal[:40] if deal else None,
        register_filter=register_filter,
        register_sort=register_sort,
        register_page=register_page,
        compare_release=compare if compare is not None else default_compare(context.releases, context.release),
    )
    return view, notices


def context_from_text(raw: str | list[str] | None, notices: list[str]) -> tuple[str, ...]:
    """'interstate,embargoes' -> the kinds in their fixed order; 'none' -> (); absent -> the default."""
    values = values_from_text(raw)
    if raw is None or not values:
        return DEFAULT_CONTEXT
    unknown = [v for v in values if v not in CONTEXT_KINDS and v != "none"]
    if unknown:
        notices.append(f"The link's context '{_shown(unknown[0], 20)}' is not one of {', '.join(CONTEXT_KINDS)}.")
    return tuple(k for k in CONTEXT_KINDS if k in values)


def marks_from_text(raw: str | list[str] | None) -> str:
    """The link's marked dates, on one line and cut short (they are parsed where drawn)."""
    text = raw if isinstance(raw, str) else (raw[0] if raw else "")
    return _shown(text, MARKS_MAX_CHARS).strip()


def default_compare(releases: tuple[str, ...] | list[str], release: str) -> str:
    """The release to compare `release` with: the one before it in the store, else the one after, else ''."""
    labels = list(releases)
    if release not in labels or len(labels) < 2:
        return ""
    at = labels.index(release)
    return labels[at - 1] if at > 0 else labels[at + 1]


def sort_from_text(text: str | None, notices: list[str]) -> tuple[tuple[str, str], ...]:
    """'order_year:desc' -> (('order_year', 'desc'),); a malformed part is left out with a notice."""
    out: list[tuple[str, str]] = []
    for part in values_from_text(text):
        column, _, direction = part.partition(":")
        direction = direction or "asc"
        if not re.fullmatch(r"[a-z_]{1,40}", column) or direction not in SORT_DIRECTIONS:
            notices.append(f"The link's register sort '{_shown(part, 40)}' is not 'column:asc' or 'column:desc'.")
            continue
        out.append((column, direction))
    return tuple(out[:3])


def sort_from_table(sort_by: list[dict[str, str]] | None) -> tuple[tuple[str, str], ...]:
    """DataTable's `sort_by` as the view holds it."""
    return tuple((str(s.get("column_id")), "desc" if s.get("direction") == "desc" else "asc")
                 for s in (sort_by or []) if s.get("column_id"))[:3]


def without_deal(view: PairView) -> PairView:
    """The view that decides the register's rows (its own filter, sort and page left out)."""
    return replace(view, deal=None, register_filter="", register_sort=(), register_page=0)


def with_register(search: str, filter_query: str | None, sort_by: list[dict[str, str]] | None, page: int | None) -> str:
    """The link `search` with the register's filter, sort and page put in (every other key kept, in its place)."""
    pairs = [(k, v) for k, vs in parse_qs(search.lstrip("?"), keep_blank_values=True).items() for v in vs
             if k not in REGISTER_KEYS]
    sort = ",".join(f"{c}:{d}" for c, d in sort_from_table(sort_by))
    pairs += [("rfilter", filter_query or ""), ("rsort", sort), ("rpage", str((page or 0) + 1))]
    return "?" + urlencode(pairs)
