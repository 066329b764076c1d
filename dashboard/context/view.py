"""The context pages' views (profile, compare, flows) to and from the URL. Each view is rendered
by `dashboard.context.render`; the pages' shared layout and callbacks are `dashboard.context.layout`.

URL state follows the pair page (`dashboard.viewstate`): every key always written; malformed or
unknown values fall back to a default with a notice, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dashboard import queries
from dashboard.context import queries as cq
from dashboard.viewstate import (
    choice_from_text,
    entities_from_text,
    one_from_text,
    parse_query,
    values_from_text,
    year_from_text,
)
from etl.config import Settings

ESTIMATES = ("include", "leave-out")
MEASURES = ("tiv", "share")
PROFILE_KEYS = ("release", "entity", "from", "to", "estimates", "context", "marks")  # context: pages/profile.py
COMPARE_KEYS = ("release", "pairs", "from", "to", "measure", "estimates")
FLOWS_KEYS = ("release", "supplier", "recipient", "from", "to", "map", "direction", "estimates")
PAIR_SEPARATOR = ":"


def _query(pairs: list[tuple[str, str]]) -> str:
    # ':' and ',' are legal in a query string; left unescaped, a link stays readable.
    return "?" + urlencode(pairs, safe=":,")


# ---- views --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileView:
    release: str
    entity: str | None
    from_year: int
    to_year: int
    leave_out_estimates: bool = False

    def query_string(self) -> str:
        return _query([("release", self.release), ("entity", self.entity or ""), ("from", str(self.from_year)),
                       ("to", str(self.to_year)), ("estimates", ESTIMATES[self.leave_out_estimates])])


@dataclass(frozen=True)
class CompareView:
    release: str
    pairs: tuple[tuple[str, str], ...]
    from_year: int
    to_year: int
    measure: str = "tiv"
    leave_out_estimates: bool = False

    def query_string(self) -> str:
        pairs = ",".join(f"{s}{PAIR_SEPARATOR}{r}" for s, r in self.pairs)
        return _query([("release", self.release), ("pairs", pairs), ("from", str(self.from_year)),
                       ("to", str(self.to_year)), ("measure", self.measure),
                       ("estimates", ESTIMATES[self.leave_out_estimates])])


@dataclass(frozen=True)
class FlowsView:
    release: str
    suppliers: tuple[str, ...]
    recipients: tuple[str, ...]
    from_year: int
    to_year: int
    map_entity: str | None
    direction: str = "imports"
    leave_out_estimates: bool = False

    def query_string(self) -> str:
        return _query([("release", self.release), ("supplier", ",".join(self.suppliers)),
                       ("recipient", ",".join(self.recipients)), ("from", str(self.from_year)),
                       ("to", str(self.to_year)), ("map", self.map_entity or ""), ("direction", self.direction),
                       ("estimates", ESTIMATES[self.leave_out_estimates])])


def release_from_link(settings: Settings, query: Mapping[str, Any]) -> tuple[queries.ReleaseData, list[str]]:
    """The release a link asks for (the newest, with a notice, when it is not in the store)."""
    labels = [i.label for i in queries.releases(settings)]
    wanted = one_from_text(query.get("release"))
    notices = []
    label = None
    if wanted:
        if wanted in labels:
            label = wanted
        else:
            notices.append(f"The link's release '{wanted[:20]}' is not in the store (it holds {', '.join(labels)}); "
                           f"showing the newest, {labels[-1]}.")
    return queries.release_data(settings, label), notices


def ranks_for(data: queries.ReleaseData) -> dict[str, list[Any]]:
    """What the browser ranks the release's entity pickers by (`dashboard.picking`)."""
    return data.picker_ranks


def entity_options(data: queries.ReleaseData) -> list[dict[str, str]]:
    """Every entity the release names as supplier or recipient, for a single-entity dropdown, in
    the pickers' order (`dashboard.picking`)."""
    seen: dict[str, dict[str, str]] = {}
    for option in (*data.supplier_options, *data.recipient_options):
        seen.setdefault(option["value"], option)
    far = [len(data.picker_ranks)]
    return sorted(seen.values(), key=lambda o: int(data.picker_ranks.get(o["value"], far)[0]))


def _years(query: Mapping[str, Any], data: queries.ReleaseData, notices: list[str]) -> tuple[int, int]:
    lo, hi = data.first_year, data.last_year
    a = year_from_text(query.get("from"), "from", lo, hi, notices)
    b = year_from_text(query.get("to"), "to", lo, hi, notices)
    a, b = (lo if a is None else a), (hi if b is None else b)
    if a > b:
        notices.append(f"The link's years run backwards ({a} to {b}); showing {lo}-{hi}.")
        a, b = lo, hi
    return a, b


def _unknown_keys(query: Mapping[str, Any], keys: tuple[str, ...], notices: list[str]) -> None:
    unknown = sorted(set(query) - set(keys))
    if unknown:
        notices.append(f"The link's parameter(s) {', '.join(k[:20] for k in unknown[:5])} are not used here.")


def _one_entity(raw: Any, known: frozenset[str], data: queries.ReleaseData, field_name: str, notices: list[str]) -> str | None:
    ids = entities_from_text(raw, known, data.resolver.resolve, field_name, notices)
    if ids and len(ids) > 1:
        notices.append(f"The link names {len(ids)} entities for '{field_name}'; showing the first, {data.resolver.display_name(ids[0])}.")
    return ids[0] if ids else None


def known_entities(data: queries.ReleaseData) -> frozenset[str]:
    return frozenset(o["value"] for o in entity_options(data))


def profile_view_from_query(query: Mapping[str, Any], data: queries.ReleaseData, notices: list[str]) -> ProfileView:
    """The profile a link asks for, checked against the release; notices name what fell back."""
    _unknown_keys(query, PROFILE_KEYS, notices)
    entity = _one_entity(query.get("entity"), known_entities(data), data, "entity", notices)
    if entity is None:
        pair = queries.default_pair(data)
        entity = pair[1] if pair else None
    a, b = _years(query, data, notices)
    estimates = choice_from_text(query.get("estimates"), "estimates", ESTIMATES, "include", notices)
    return ProfileView(data.info.label, entity, a, b, estimates == "leave-out")


def parse_pairs(raw: Any, data: queries.ReleaseData, notices: list[str]) -> tuple[tuple[str, str], ...]:
    """'china:pakistan,turkey:pakistan' -> entity id pairs (names and aliases understood)."""
    out: list[tuple[str, str]] = []
    suppliers = frozenset(o["value"] for o in data.supplier_options)
    recipients = frozenset(o["value"] for o in data.recipient_options)
    for text in values_from_text(raw):
        parts = text.split(PAIR_SEPARATOR)
        if len(parts) != 2 or not all(p.strip() for p in parts):
            notices.append(f"The link's pair '{text[:60]}' is not 'supplier{PAIR_SEPARATOR}recipient'.")
            continue
        s = entities_from_text(parts[0], suppliers, data.resolver.resolve, "supplier", notices)
        r = entities_from_text(parts[1], recipients, data.resolver.resolve, "recipient", notices)
        if s and r and (s[0], r[0]) not in out:
            out.append((s[0], r[0]))
    if len(out) > cq.CONFIG.max_pairs:
        notices.append(f"The link names {len(out)} pairs; showing the first {cq.CONFIG.max_pairs}.")
        out = out[: cq.CONFIG.max_pairs]
    return tuple(out)


def compare_view_from_query(query: Mapping[str, Any], data: queries.ReleaseData, notices: list[str]) -> CompareView:
    _unknown_keys(query, COMPARE_KEYS, notices)
    pairs = parse_pairs(query.get("pairs"), data, notices)
    if not pairs and not values_from_text(query.get("pairs")):
        pairs = tuple(cq.default_pairs(data))
    a, b = _years(query, data, notices)
    measure = choice_from_text(query.get("measure"), "measure", MEASURES, "tiv", notices)
    estimates = choice_from_text(query.get("estimates"), "estimates", ESTIMATES, "include", notices)
    return CompareView(data.info.label, pairs, a, b, measure, estimates == "leave-out")


def flows_view_from_query(query: Mapping[str, Any], data: queries.ReleaseData, notices: list[str]) -> FlowsView:
    _unknown_keys(query, FLOWS_KEYS, notices)
    suppliers = entities_from_text(query.get("supplier"), frozenset(o["value"] for o in data.supplier_options),
                                  data.resolver.resolve, "supplier", notices) or ()
    recipients = entities_from_text(query.get("recipient"), frozenset(o["value"] for o in data.recipient_options),
                                   data.resolver.resolve, "recipient", notices) or ()
    pair = queries.default_pair(data)
    if not suppliers and not recipients and pair:
        recipients = (pair[1],)
    map_entity = _one_entity(query.get("map"), known_entities(data), data, "map", notices)
    if map_entity is None:
        map_entity = (recipients or suppliers or ((pair[1],) if pair else (None,)))[0]
    direction = choice_from_text(query.get("direction"), "direction", cq.DIRECTIONS, "imports", notices)
    a, b = _years(query, data, notices)
    estimates = choice_from_text(query.get("estimates"), "estimates", ESTIMATES, "include", notices)
    return FlowsView(data.info.label, tuple(suppliers), tuple(recipients), a, b, map_entity, direction,
                     estimates == "leave-out")


def clamp_years(years: list[int] | None, data: queries.ReleaseData) -> tuple[int, int]:
    lo, hi = data.first_year, data.last_year
    a, b = (years[0], years[1]) if years and len(years) >= 2 else (lo, hi)
    a, b = max(lo, min(int(a), hi)), max(lo, min(int(b), hi))
    return min(a, b), max(a, b)


# ---- one view, from its link to its downloads ---------------------------------------------------

# A page's kind -> its view from a link, and the view rendered (the view's type depends on the kind).
VIEW_FROM_QUERY: dict[str, Callable[[Mapping[str, Any], queries.ReleaseData, list[str]], Any]] = {
    "profile": profile_view_from_query, "compare": compare_view_from_query, "flows": flows_view_from_query,
}


def from_search(kind: str, settings: Settings, search: str) -> tuple[queries.ReleaseData, Any, list[str]]:
    """The release, view and fallback notices for a page's query string."""
    query = parse_query(search)
    data, notices = release_from_link(settings, query)
    view = VIEW_FROM_QUERY[kind](query, data, notices)
    return data, view, notices
