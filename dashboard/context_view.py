"""The context pages' logic: views to and from the URL, and each view rendered into figures,
tables (for the downloads) and 'reproduce' code. Pages stay thin: layout and callbacks.

URL state follows the pair page (`dashboard.viewstate`): every key always written; malformed or
unknown values fall back to a default with a notice, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from dash import (
    ALL,
    Input,
    Output,
    State,
    callback,
    ctx,
    dcc,
    html,
    no_update,
)

from dashboard import context_code as code
from dashboard import context_figures as cf
from dashboard import context_queries as cq
from dashboard import queries, response_cache
from dashboard.app import current_settings
from dashboard.components import (
    alert,
    chart_download_callback,
    chart_graph,
    chart_tools,
    cite_details,
    credit,
    credit_children,
    public_link,
    view_bibtex,
)
from dashboard.viewstate import _choice, _one, _resolve_entities, _values, _year, parse_query
from etl import exports
from etl.config import TIV_UNIT_LABEL, Settings
from etl.exports import csv_text, safe_filename
from etl.provenance import citation_bibtex, citation_ris, citation_text, provenance_lines

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
    wanted = _one(query.get("release"))
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
    a = _year(query.get("from"), "from", lo, hi, notices)
    b = _year(query.get("to"), "to", lo, hi, notices)
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
    ids = _resolve_entities(raw, known, data.resolver.resolve, field_name, notices)
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
    estimates = _choice(query.get("estimates"), "estimates", ESTIMATES, "include", notices)
    return ProfileView(data.info.label, entity, a, b, estimates == "leave-out")


def parse_pairs(raw: Any, data: queries.ReleaseData, notices: list[str]) -> tuple[tuple[str, str], ...]:
    """'china:pakistan,turkey:pakistan' -> entity id pairs (names and aliases understood)."""
    out: list[tuple[str, str]] = []
    suppliers = frozenset(o["value"] for o in data.supplier_options)
    recipients = frozenset(o["value"] for o in data.recipient_options)
    for text in _values(raw):
        parts = text.split(PAIR_SEPARATOR)
        if len(parts) != 2 or not all(p.strip() for p in parts):
            notices.append(f"The link's pair '{text[:60]}' is not 'supplier{PAIR_SEPARATOR}recipient'.")
            continue
        s = _resolve_entities(parts[0], suppliers, data.resolver.resolve, "supplier", notices)
        r = _resolve_entities(parts[1], recipients, data.resolver.resolve, "recipient", notices)
        if s and r and (s[0], r[0]) not in out:
            out.append((s[0], r[0]))
    if len(out) > cq.CONFIG.max_pairs:
        notices.append(f"The link names {len(out)} pairs; showing the first {cq.CONFIG.max_pairs}.")
        out = out[: cq.CONFIG.max_pairs]
    return tuple(out)


def compare_view_from_query(query: Mapping[str, Any], data: queries.ReleaseData, notices: list[str]) -> CompareView:
    _unknown_keys(query, COMPARE_KEYS, notices)
    pairs = parse_pairs(query.get("pairs"), data, notices)
    if not pairs and not _values(query.get("pairs")):
        pairs = tuple(cq.default_pairs(data))
    a, b = _years(query, data, notices)
    measure = _choice(query.get("measure"), "measure", MEASURES, "tiv", notices)
    estimates = _choice(query.get("estimates"), "estimates", ESTIMATES, "include", notices)
    return CompareView(data.info.label, pairs, a, b, measure, estimates == "leave-out")


def flows_view_from_query(query: Mapping[str, Any], data: queries.ReleaseData, notices: list[str]) -> FlowsView:
    _unknown_keys(query, FLOWS_KEYS, notices)
    suppliers = _resolve_entities(query.get("supplier"), frozenset(o["value"] for o in data.supplier_options),
                                  data.resolver.resolve, "supplier", notices) or ()
    recipients = _resolve_entities(query.get("recipient"), frozenset(o["value"] for o in data.recipient_options),
                                   data.resolver.resolve, "recipient", notices) or ()
    pair = queries.default_pair(data)
    if not suppliers and not recipients and pair:
        recipients = (pair[1],)
    map_entity = _one_entity(query.get("map"), known_entities(data), data, "map", notices)
    if map_entity is None:
        map_entity = (recipients or suppliers or ((pair[1],) if pair else (None,)))[0]
    direction = _choice(query.get("direction"), "direction", cq.DIRECTIONS, "imports", notices)
    a, b = _years(query, data, notices)
    estimates = _choice(query.get("estimates"), "estimates", ESTIMATES, "include", notices)
    return FlowsView(data.info.label, tuple(suppliers), tuple(recipients), a, b, map_entity, direction,
                     estimates == "leave-out")


def clamp_years(years: list[int] | None, data: queries.ReleaseData) -> tuple[int, int]:
    lo, hi = data.first_year, data.last_year
    a, b = (years[0], years[1]) if years and len(years) >= 2 else (lo, hi)
    a, b = max(lo, min(int(a), hi)), max(lo, min(int(b), hi))
    return min(a, b), max(a, b)


# ---- rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """What a context view shows: figures, the tables behind them, code, and sentences."""

    figures: dict[str, Any]
    tables: dict[str, pd.DataFrame]
    code: dict[str, str]
    notices: list[str] = field(default_factory=list)
    headline: list[tuple[str, str, str]] = field(default_factory=list)
    beside_map: pd.DataFrame | None = None
    changes: pd.DataFrame | None = None


def _names(data: queries.ReleaseData, ids: Any) -> dict[str, str]:
    out = {}
    for i in ids:
        if i != cq.OTHERS and isinstance(i, str):
            out[i] = data.resolver.display_name(i)
    return out


def _named(frame: pd.DataFrame, data: queries.ReleaseData, columns: Mapping[str, str]) -> pd.DataFrame:
    """The frame with a display-name column beside each id column (for downloads)."""
    out = frame.copy()
    for id_column, name_column in columns.items():
        names = _names(data, out[id_column].dropna().unique())
        position = out.columns.get_loc(id_column) + 1
        out.insert(position, name_column, out[id_column].map(lambda i, n=names: n.get(i, "others")))
    return out


def render_profile(data: queries.ReleaseData, view: ProfileView, root: str) -> Rendered:
    """The country profile: imports and exports by partner, shares, categories, dependency."""
    info = data.info
    cfg = cq.CONFIG
    years = (view.from_year, view.to_year)
    folder = code.release_folder(root, info.path)
    if view.entity is None:
        empty = cf.empty_figure(info, "Country profile", "Choose a country or other entity.")
        return Rendered({k: empty for k in PROFILE_CHARTS}, {}, {}, ["Choose a country or other entity."])
    entity = view.entity
    name = data.resolver.display_name(entity)
    rows = {d: cq.entity_deliveries(data, entity, d, *years, view.leave_out_estimates) for d in cq.DIRECTIONS}
    ids: set[str] = set()
    by_year = {d: cq.by_partner_year(rows[d], d, cfg.top_partners) for d in cq.DIRECTIONS}
    shares = {d: cq.partner_shares(rows[d], d, cfg.window_years, view.to_year, cfg.top_partners) for d in cq.DIRECTIONS}
    categories = {d: cq.by_category(rows[d], cfg.window_years, view.to_year) for d in cq.DIRECTIONS}
    dep = cq.dependency(rows["imports"], cfg.window_years, view.to_year)
    changes = cq.top_supplier_changes(rows["imports"])
    for frame in (*by_year.values(), *shares.values()):
        ids |= set(frame["partner_id"])
    ids |= set(dep["top_supplier_id"]) | set(changes["top_supplier_id"]) | set(changes["previous_supplier_id"])
    names = _names(data, ids)
    has_categories = bool(data.categories)
    # One colour per partner across the view's charts: suppliers by rank first, then recipients.
    colours = cf.partner_colours([*cf.partner_order(by_year["imports"]), *cf.partner_order(by_year["exports"]),
                                  *dep["top_supplier_id"], *changes["top_supplier_id"]])
    figures = {
        "imports": cf.partner_year_figure(by_year["imports"], names, info, name, "imports", years, colours),
        "exports": cf.partner_year_figure(by_year["exports"], names, info, name, "exports", years, colours),
        "import-shares": cf.partner_shares_figure(shares["imports"], names, info, name, "imports", cfg.window_years, colours),
        "export-shares": cf.partner_shares_figure(shares["exports"], names, info, name, "exports", cfg.window_years, colours),
        "categories": cf.category_figure(categories["imports"], categories["exports"], info, name, cfg.window_years, has_categories),
        "dependency": cf.dependency_figure(dep, names, info, name, cfg.window_years, colours),
    }
    args = (folder, entity)
    est = view.leave_out_estimates
    snippets = {
        "imports": code.profile_by_year(*args, "imports", *years, est),
        "exports": code.profile_by_year(*args, "exports", *years, est),
        "import-shares": code.profile_shares(*args, "imports", *years, est),
        "export-shares": code.profile_shares(*args, "exports", *years, est),
        "categories": code.profile_categories(*args, *years, est),
        "dependency": code.profile_dependency(*args, *years, est),
    }
    cat_table = pd.concat([categories["imports"].assign(direction="imports"), categories["exports"].assign(direction="exports")])
    tables = {
        "imports": _named(by_year["imports"], data, {"partner_id": "supplier"}),
        "exports": _named(by_year["exports"], data, {"partner_id": "recipient"}),
        "import-shares": _named(shares["imports"], data, {"partner_id": "supplier"}),
        "export-shares": _named(shares["exports"], data, {"partner_id": "recipient"}),
        "categories": cat_table[["direction", "period_start", "period_end", "armament_category", "tiv_delivered_m"]],
        "dependency": _named(dep, data, {"top_supplier_id": "top_supplier"}),
        "top-supplier-changes": _named(changes, data, {"top_supplier_id": "top_supplier", "previous_supplier_id": "previous_supplier"}),
    }
    notices = []
    if not has_categories:
        notices.append("This release's files give no armament categories (only SIPRI's delivery-level export has them); "
                       "the breakdown by category is empty.")
    totals = {d: float(rows[d]["tiv_delivered_m"].astype("float64").fillna(0).sum()) for d in cq.DIRECTIONS}
    headline = [
        ("Imports", cf.format_tiv(round(totals["imports"], 2)), f"{TIV_UNIT_LABEL}, {years[0]}-{years[1]}"),
        ("Exports", cf.format_tiv(round(totals["exports"], 2)), f"{TIV_UNIT_LABEL}, {years[0]}-{years[1]}"),
        ("Entity type", data.resolver.entity_type(entity).replace("_", " "), data.resolver.iso3(entity) or "no ISO code"),
    ]
    if len(dep):
        last = dep.iloc[-1]
        headline.append(("Top supplier, last period", names.get(last["top_supplier_id"], last["top_supplier_id"]),
                         f"{last['top_share_pct']:.0f}% of imports {int(last['period_start'])}-{int(last['period_end'])}; HHI {int(last['hhi']):,}"))
    check = _tiv_table_check(data, root, entity, rows, years, view.leave_out_estimates)
    if check:
        headline.append(check)
    return Rendered(figures, tables, snippets, notices, headline, changes=tables["top-supplier-changes"])


PROFILE_CHARTS = ("imports", "exports", "import-shares", "export-shares", "categories", "dependency")
COMPARE_CHARTS = ("compare",)
FLOWS_CHARTS = ("sankey", "map")


def _tiv_table_check(
    data: queries.ReleaseData, root: str, entity: str, rows: Mapping[str, pd.DataFrame], years: tuple[int, int],
    leave_out_estimates: bool,
) -> tuple[str, str, str] | None:
    """'SIPRI's TIV table: 75 of 75 years agree' where the release holds SIPRI's table for the entity."""
    parts = []
    for direction in cq.DIRECTIONS:
        cells = cq.tiv_table_rows(data, root, entity, direction)
        cells = cells[(cells["year"] >= years[0]) & (cells["year"] <= years[1])]
        if not len(cells):
            continue
        checked = cq.check_against_tiv_table(cq.yearly_totals(rows[direction]), cells, cq.CONFIG.tiv_table_tolerance_m)
        parts.append(f"{direction}: {int(checked['agrees'].sum())} of {len(checked)} years")
    if not parts:
        return None
    note = f"years where the yearly total lies within {cq.CONFIG.tiv_table_tolerance_m} of SIPRI's cell"
    if leave_out_estimates:
        note += " (estimates left out here, so expect differences)"
    return ("Agrees with SIPRI's TIV table", "; ".join(parts), note)


def render_compare(data: queries.ReleaseData, view: CompareView, root: str) -> Rendered:
    info = data.info
    years = (view.from_year, view.to_year)
    series = cq.pair_series(data, view.pairs, *years, view.leave_out_estimates)
    names = _names(data, {i for p in view.pairs for i in p})
    rows = data.deliveries
    allocated = frozenset(
        (s, r) for s, r in view.pairs
        if rows.loc[(rows["supplier_id"] == s) & (rows["recipient_id"] == r), "is_allocated"].astype("bool").any()
    )
    figure = cf.compare_figure(series, names, info, view.measure, years, allocated)
    table = _named(series, data, {"supplier_id": "supplier", "recipient_id": "recipient"})
    snippet = code.compare_series(code.release_folder(root, info.path), view.pairs, *years, view.measure,
                                  view.leave_out_estimates)
    notices = [] if view.pairs else ["Add a pair (supplier and recipient) to compare."]
    for (s, r), part in series.groupby(["supplier_id", "recipient_id"], sort=False):
        if not (part["tiv_delivered_m"].astype("float64") > 0).any():
            notices.append(f"SIPRI records no deliveries from {names.get(s, s)} to {names.get(r, r)} in "
                           f"{view.from_year}-{view.to_year}: the pair is listed, not drawn.")
    return Rendered({"compare": figure}, {"compare": table}, {"compare": snippet}, notices)


def render_flows(data: queries.ReleaseData, view: FlowsView, root: str) -> Rendered:
    info = data.info
    years = (view.from_year, view.to_year)
    folder = code.release_folder(root, info.path)
    flows = cq.flows(data, view.suppliers, view.recipients, *years, view.leave_out_estimates)
    names = _names(data, set(flows["supplier_id"]) | set(flows["recipient_id"]))
    who = (", ".join(names.get(s, s) for s in view.suppliers) or "any supplier") + " \u2192 " + (
        ", ".join(names.get(r, r) for r in view.recipients) or "any recipient")
    sankey = cf.sankey_figure(flows, names, info, f"Flows {who}, {years[0]}-{years[1]}")
    notices = []
    if not view.suppliers and not view.recipients:
        notices.append("Choose suppliers or recipients (or both) for the flows.")
    figures = {"sankey": sankey}
    tables = {"sankey": _named(flows, data, {"supplier_id": "supplier", "recipient_id": "recipient"})}
    snippets = {"sankey": code.flows_sankey(folder, view.suppliers, view.recipients, *years, view.leave_out_estimates)}
    beside = None
    if view.map_entity:
        entity = view.map_entity
        mapped, beside = cq.partner_map(data, entity, view.direction, *years, view.leave_out_estimates)
        name = data.resolver.display_name(entity)
        iso = data.resolver.iso3(entity)
        drawn = iso if iso in cq.drawn_iso3() else None
        figures["map"] = cf.partner_map_figure(mapped, info, name, drawn, view.direction, years, len(beside))
        both = pd.concat([mapped.assign(on_map=True, why=""), beside.assign(on_map=False)], ignore_index=True)
        tables["map"] = both.sort_values("tiv_delivered_m", ascending=False).reset_index(drop=True)
        snippets["map"] = code.flows_map(folder, entity, view.direction, *years, view.leave_out_estimates)
        if not drawn:
            kind = data.resolver.entity_type(entity).replace("_", " ")
            notices.append(f"{name} ({kind}) has no shape on this map; its partners are drawn.")
    else:
        figures["map"] = cf.empty_figure(info, "Partners on the map", "Choose an entity for the map.")
    return Rendered(figures, tables, snippets, notices, beside_map=beside)


# ---- layout pieces and callbacks the three pages share -------------------------------------------
# Every id is prefixed with the page's name: Dash registers all pages' callbacks in one app, so
# two pages may not write the same id.


def estimates_control(prefix: str, leave_out: bool) -> html.Div:
    return html.Div([html.Label("Figures"),
                     dcc.Checklist(id=f"{prefix}options", value=["leave-out-estimates"] if leave_out else [],
                                   options=[{"label": " leave out SIPRI's estimated figures (?)", "value": "leave-out-estimates"}])],
                    className="control")


def chart_panel(prefix: str, name: str, info: Any, config: dcc.Graph.Config | None = None,
                extra: list[Any] | None = None, beside: Any = None) -> html.Section:
    """A chart with PNG/SVG/CSV downloads, the credit line, and its 'reproduce' code
    (`beside`: a column to the chart's right; `extra`: content under it)."""
    chart = f"{prefix}{name}"
    graph: dcc.Loading | html.Div = chart_graph(chart, config)
    if beside is not None:
        graph = html.Div([html.Div(graph, className="chart-main"), html.Aside(beside, className="chart-side")],
                         className="chart-with-side")
    return html.Section(
        [
            graph,
            *(extra or []),
            chart_tools(prefix, chart, data_name=name),
            credit(info, id=f"{chart}-credit"),
            html.Details(
                [html.Summary("Reproduce this chart (pandas, over the store's Parquet files)"),
                 html.Pre(id=f"{chart}-code", className="reproduce-code")],
                className="reproduce",
            ),
        ],
        className="panel chart",
    )


def cite_and_exports(prefix: str, info: Any) -> html.Section:
    """The view's XLSX download (every table and an About sheet), the cite control, the credit."""
    return html.Section(
        [
            html.Button("Download every table of this view (XLSX)", id=f"{prefix}download-xlsx", className="button", n_clicks=0),
            dcc.Download(id=f"{prefix}download"),
            cite_details(prefix),
            credit(info, id=f"{prefix}exports-credit"),
        ],
        className="panel exports",
    )


def page_frame(prefix: str, notices: list[str], controls: html.Div, body: list[Any], info: Any, kind: str,
               ranks: dict[str, list[Any]] | None = None) -> html.Div:
    return html.Div(
        [
            dcc.Location(id=f"{prefix}url", refresh=False),
            dcc.Store(id=f"{prefix}store"),
            dcc.Store(id=f"{prefix}entity-ranks", data=ranks or {}),
            html.Div([alert(n, kind="notice") for n in notices], id=f"{prefix}link-notice", role="status"),
            html.Div(id=f"{prefix}view-notice"),
            controls,
            html.Div(id=f"{prefix}headline", className="headline"),
            *body,
            cite_and_exports(prefix, info),
        ],
        className=f"page context-page {kind}-page",
    )


def view_outputs(prefix: str, charts: tuple[str, ...]) -> list[Output]:
    """The outputs every context page's main callback writes, in `view_values`' order (a pure
    callback: its answers are kept per store generation, `dashboard.response_cache`)."""
    response_cache.pure(f"{prefix}headline.children")
    return [
        Output(f"{prefix}url", "search"),
        Output(f"{prefix}view-notice", "children"),
        Output(f"{prefix}headline", "children"),
        *[Output(f"{prefix}{name}-chart", "figure") for name in charts],
        *[Output(f"{prefix}{name}-code", "children") for name in charts],
        *[Output(f"{prefix}{name}-credit", "children") for name in charts],
        Output(f"{prefix}exports-credit", "children"),
        Output(f"{prefix}cite-text", "children"),
        Output(f"{prefix}cite-bibtex", "children"),
        Output(f"{prefix}cite-ris", "children"),
        Output(f"{prefix}store", "data"),
    ]


def view_values(kind: str, charts: tuple[str, ...], data: queries.ReleaseData, view: Any, out: Rendered,
                href: str | None, search: str | None) -> list[Any]:
    new_search = view.query_string()
    link = public_link(href, new_search)
    info = data.info
    store = {"search": new_search, "link": link, "stem": file_stem(kind, data, view)}
    return [
        new_search if new_search != search else no_update,
        [alert(n, kind="notice") for n in out.notices],
        kpis(out.headline),
        *[out.figures[name] for name in charts],
        *[out.code.get(name, "") for name in charts],
        *[credit_children(info)] * (len(charts) + 1),
        citation_text(info, link),
        view_bibtex(citation_bibtex(info, link), kind, *_key_names(kind, view), f"{view.from_year}", f"{view.to_year}"),
        citation_ris(info, link),
        store,
    ]


def _key_names(kind: str, view: Any) -> list[str]:
    """The entities that name a view in its citation key."""
    if kind == "profile":
        return [view.entity or "none"]
    if kind == "compare":
        return [i for pair in view.pairs[:2] for i in pair]
    return [*view.suppliers[:1], *view.recipients[:1]]


def failed_values(charts: tuple[str, ...], message: str) -> list[Any]:
    return [no_update, alert(message), *([no_update] * (3 * len(charts) + 6))]


def register_downloads(prefix: str, kind: str) -> None:
    """The page's data downloads (CSV per chart, XLSX per view) and chart images (the pair page's
    client-side function, `arms.downloadChart`, under this page's ids)."""

    @callback(
        Output(f"{prefix}download", "data"),
        Input({"type": f"{prefix}data-download", "chart": ALL}, "n_clicks"),
        Input(f"{prefix}download-xlsx", "n_clicks"),
        State(f"{prefix}store", "data"),
        prevent_initial_call=True,
    )
    def download_data(_charts: list[int], _xlsx: int, store: dict[str, Any] | None) -> Any:
        triggered = ctx.triggered_id
        clicked = [t for t in ctx.triggered if t.get("value")]
        if not store or not clicked or triggered is None:
            return no_update
        chart = triggered["chart"] if isinstance(triggered, dict) else None
        return download(kind, current_settings(), store, chart)

    chart_download_callback(prefix, f"{prefix}store")


def kpis(items: list[tuple[str, str, str]]) -> list[Any]:
    return [
        html.Div([html.Div(label, className="kpi-label"), html.Div(value, className="kpi-value"),
                  html.Div(note, className="kpi-note")], className="kpi")
        for label, value, note in items
    ]


def table_of(frame: pd.DataFrame | None, columns: list[tuple[str, str]], id: str, empty: str) -> html.Div:  # noqa: A002
    """A small HTML table (no paging: a handful of rows)."""
    if frame is None or not len(frame):
        return html.Div(html.P(empty, className="muted"), id=id)
    head = html.Thead(html.Tr([html.Th(label) for _, label in columns]))
    body = html.Tbody([
        html.Tr([html.Td(_cell(row[c]), className="num" if isinstance(row[c], (int, float)) else None) for c, _ in columns])
        if "why" not in row else
        # A partner beside the map: its name, and under it why it has no shape.
        html.Tr([html.Td([row[columns[0][0]], html.Br(), html.Small(row["why"], className="muted")]),
                 *[html.Td(_cell(row[c]), className="num") for c, _ in columns[1:]]])
        for row in frame.to_dict("records")
    ])
    return html.Div(html.Table([head, body], className="releases context-table"), id=id)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if pd.isna(value) else cf.format_tiv(value)
    if isinstance(value, int):
        return str(value)
    return "" if value is None else str(value)


def stem_for(*parts: str) -> str:
    return safe_filename("sipri", *parts, suffix="x")[:-2]


# ---- one view, from its link to its downloads ---------------------------------------------------

# A page's kind -> its view from a link, and the view rendered (the view's type depends on the kind).
VIEW_FROM_QUERY: dict[str, Callable[[Mapping[str, Any], queries.ReleaseData, list[str]], Any]] = {
    "profile": profile_view_from_query, "compare": compare_view_from_query, "flows": flows_view_from_query,
}
RENDER: dict[str, Callable[[queries.ReleaseData, Any, str], Rendered]] = {
    "profile": render_profile, "compare": render_compare, "flows": render_flows,
}


def describe(kind: str, data: queries.ReleaseData, view: Any) -> str:
    """How the view reads in an export's header and a citation."""
    name = data.resolver.display_name
    years = f"{view.from_year}-{view.to_year}"
    estimates = "; SIPRI's estimated figures left out" if view.leave_out_estimates else ""
    if kind == "profile":
        return f"profile of {name(view.entity) if view.entity else 'nobody'}, {years}{estimates}"
    if kind == "compare":
        pairs = ", ".join(f"{name(s)} -> {name(r)}" for s, r in view.pairs) or "no pairs"
        measure = "TIV delivered" if view.measure == "tiv" else "share of the recipient's imports (%)"
        return f"pairs compared ({measure}): {pairs}, {years}{estimates}"
    who = (", ".join(map(name, view.suppliers)) or "any supplier") + " -> " + (", ".join(map(name, view.recipients)) or "any recipient")
    on_map = f"; map: {view.direction} of {name(view.map_entity)}" if view.map_entity else ""
    return f"flows {who}, {years}{on_map}{estimates}"


def file_stem(kind: str, data: queries.ReleaseData, view: Any) -> str:
    name = data.resolver.display_name
    if kind == "profile":
        subject = name(view.entity) if view.entity else "none"
    elif kind == "compare":
        subject = f"{len(view.pairs)}-pairs"
    else:
        subject = name(view.map_entity) if view.map_entity else "flows"
    return stem_for(kind, subject, f"{view.from_year}-{view.to_year}", f"release-{view.release}")


def from_search(kind: str, settings: Settings, search: str) -> tuple[queries.ReleaseData, Any, list[str]]:
    """The release, view and fallback notices for a page's query string."""
    query = parse_query(search)
    data, notices = release_from_link(settings, query)
    view = VIEW_FROM_QUERY[kind](query, data, notices)
    return data, view, notices


def download(kind: str, settings: Settings, store: Mapping[str, Any], chart: str | None) -> dict[str, Any]:
    """One chart's numbers as CSV (`chart`), or every table of the view as XLSX (`chart` None)."""
    data, view, _ = from_search(kind, settings, store["search"])
    out = RENDER[kind](data, view, queries.store_root(settings))
    lines = provenance_lines(data.info, f"{describe(kind, data, view)}; view: {store['link']}")
    if chart is None:
        workbook = exports.xlsx_bytes({"About": exports.about_sheet(lines), **out.tables})
        return dcc.send_bytes(workbook, store["stem"] + ".xlsx")
    table = out.tables.get(chart, pd.DataFrame())
    return {"content": csv_text(exports.without_categories(table), lines), "filename": f"{store['stem']}_{chart}.csv", "type": "text/csv"}
