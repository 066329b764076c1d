"""Each context view rendered: figures, the tables behind them (for the downloads), 'reproduce'
code and sentences, and its downloads (`dashboard.context.view` reads the view from its link)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from dash import (
    dcc,
)

from dashboard import queries
from dashboard.context import code
from dashboard.context import figures as cf
from dashboard.context import queries as cq
from dashboard.context.view import CompareView, FlowsView, ProfileView, from_search
from etl import exports
from etl.config import TIV_UNIT_LABEL, Settings
from etl.exports import csv_text, safe_filename
from etl.provenance import provenance_lines

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


def stem_for(*parts: str) -> str:
    return safe_filename("sipri", *parts, suffix="x")[:-2]


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
