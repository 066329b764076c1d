"""The pair page's view, to and from the URL's query string (pure: no data read here).

Every key is always written, so a copied link restores the view exactly even after new data
arrives. A value that is malformed or unknown falls back to its default with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from etl.errors import UnknownEntityError

BY_CHOICES = ("category", "designation")
SHARE_CHOICES = ("5y", "yearly")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
KEYS = ("release", "supplier", "recipient", "from", "to", "category", "by", "estimates", "open", "shares", "deal")


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
        ]
        return "?" + urlencode(pairs)


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


def _values(raw: str | list[str] | None) -> list[str]:
    """Comma-separated or repeated values, stripped, blanks dropped."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def _one(raw: str | list[str] | None) -> str | None:
    values = _values(raw)
    return values[0] if values else None


def _resolve_entities(
    raw: str | list[str] | None,
    known: frozenset[str],
    resolve,  # type: ignore[no-untyped-def]
    field: str,
    notices: list[str],
) -> tuple[str, ...] | None:
    names = _values(raw)
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


def _year(raw: str | list[str] | None, key: str, lo: int, hi: int, notices: list[str]) -> int | None:
    text = _one(raw)
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


def _choice(raw: str | list[str] | None, key: str, choices: Iterable[str], default: str, notices: list[str]) -> str:
    text = _one(raw)
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
    suppliers = _resolve_entities(query.get("supplier"), context.suppliers, resolve, "supplier", notices)
    recipients = _resolve_entities(query.get("recipient"), context.recipients, resolve, "recipient", notices)
    if suppliers is None and recipients is None:
        suppliers = (context.default_supplier,) if context.default_supplier else ()
        recipients = (context.default_recipient,) if context.default_recipient else ()
    lo, hi = context.first_year, context.last_year
    from_year = _year(query.get("from"), "from", lo, hi, notices)
    to_year = _year(query.get("to"), "to", lo, hi, notices)
    from_year = lo if from_year is None else from_year
    to_year = hi if to_year is None else to_year
    if from_year > to_year:
        notices.append(f"The link's years run backwards ({from_year} to {to_year}); showing {lo}-{hi}.")
        from_year, to_year = lo, hi
    categories = []
    for category in _values(query.get("category")):
        if category in context.categories:
            categories.append(category)
        else:
            notices.append(f"The link's armament category '{_shown(category, 40)}' is not in this release.")
    by = _choice(query.get("by"), "by", BY_CHOICES, "category", notices)
    estimates = _choice(query.get("estimates"), "estimates", ("include", "leave-out"), "include", notices)
    open_orders = _choice(query.get("open"), "open", ("show", "hide"), "show", notices)
    shares = _choice(query.get("shares"), "shares", SHARE_CHOICES, "5y", notices)
    deal = _one(query.get("deal"))
    view = PairView(
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
    )
    return view, notices


def without_deal(view: PairView) -> PairView:
    return replace(view, deal=None)
