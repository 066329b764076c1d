"""The pair page's logic: the view from a link or the controls, rendered into figures and rows.

Kept out of `pages/` so the page module stays thin (layout and callbacks) and this code can be
tested and imported like any other module.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

import pandas as pd
from dash import html

from dashboard import queries
from dashboard.context import events
from dashboard.pair import figures
from dashboard.pair.compare import COLUMN as COMPARE_COLUMN
from dashboard.viewstate import PairView, ViewContext, default_compare, parse_query, view_from_query
from etl import exports
from etl.config import TIV_UNIT_LABEL, Settings
from etl.exports import csv_text, deal_register_text, safe_filename
from etl.provenance import provenance_lines

TABLE_COLUMNS: list[tuple[str, str, Literal["text", "numeric"]]] = [  # (column id, header, DataTable type)
    ("supplier", "Supplier", "text"),
    ("recipient", "Recipient", "text"),
    ("designation", "Designation", "text"),
    ("description", "Description", "text"),
    ("armament_category", "Category", "text"),
    ("order_year", "Order year", "text"),
    ("units_ordered", "Ordered", "text"),
    ("units_delivered", "Delivered", "text"),
    ("delivery_years", "Delivery years", "text"),
    ("status", "Status", "text"),
    ("open_order", "Open order", "text"),
    ("tiv_per_unit_m", "TIV per unit (m)", "numeric"),
    ("tiv_order_m", "TIV of order (m)", "numeric"),
    ("tiv_delivered_m", "TIV delivered (m)", "numeric"),
    ("comments", "Comments", "text"),
]


# ---- view: from the link, to the link --------------------------------------------------------


def view_context(data: queries.ReleaseData, labels: list[str]) -> ViewContext:
    pair = queries.default_pair(data)
    return ViewContext(
        releases=tuple(labels),
        release=data.info.label,
        first_year=data.first_year,
        last_year=data.last_year,
        categories=data.categories,
        suppliers=frozenset(o["value"] for o in data.supplier_options),
        recipients=frozenset(o["value"] for o in data.recipient_options),
        default_supplier=pair[0] if pair else None,
        default_recipient=pair[1] if pair else None,
    )


def view_from_link(settings: Settings, query: dict[str, Any]) -> tuple[PairView, list[str], queries.ReleaseData]:
    """The view a link asks for, its fallback notices, and the release it reads."""
    labels = [i.label for i in queries.releases(settings)]
    wanted = query.get("release")
    wanted = wanted[0] if isinstance(wanted, list) else wanted
    release_notice = None
    label = None
    if wanted:
        if wanted in labels:
            label = wanted
        else:
            release_notice = (
                f"The link's release '{str(wanted)[:20]}' is not in the store (it holds {', '.join(labels)}); "
                f"showing the newest, {labels[-1]}."
            )
    data = queries.release_data(settings, label)
    view, notices = view_from_query(query, view_context(data, labels), data.resolver.resolve, release_notice)
    if view.deal is not None:
        deals = queries.pair_deals(data, pair_query(view))
        if view.deal not in set(deals["deal_id"].astype("str")):
            notices.append(f"The link's deal '{view.deal}' is not among this view's deals; no deal is chosen.")
            view = replace(view, deal=None)
    return view, notices, data


def pair_query(view: PairView) -> queries.PairQuery:
    return queries.PairQuery(
        suppliers=view.suppliers,
        recipients=view.recipients,
        from_year=view.from_year,
        to_year=view.to_year,
        categories=view.categories,
        leave_out_estimates=view.leave_out_estimates,
        open_orders=view.open_orders,
    )


def view_from_controls(
    release: str | None,
    suppliers: list[str] | None,
    recipients: list[str] | None,
    years: list[int] | None,
    categories: list[str] | None,
    by: str | None,
    options: list[str] | None,
    shares: str | None,
    selected: list[str] | None,
    data: queries.ReleaseData,
    compare: str | None = None,
    releases: tuple[str, ...] = (),
) -> PairView:
    """The view the controls show, with years clamped to the release's span (the comparison
    release, where it is not another release of `releases`, the one before this release)."""
    lo, hi = data.first_year, data.last_year
    a, b = (years or [lo, hi])[:2] if years and len(years) >= 2 else (lo, hi)
    a, b = max(lo, min(int(a), hi)), max(lo, min(int(b), hi))
    options = options or []
    return PairView(
        release=data.info.label,
        suppliers=tuple(suppliers or ()),
        recipients=tuple(recipients or ()),
        from_year=min(a, b),
        to_year=max(a, b),
        categories=tuple(c for c in (categories or ()) if c in data.categories),
        by=by if by in ("category", "designation") else "category",
        leave_out_estimates="leave-out-estimates" in options,
        open_orders="open-orders" in options,
        shares=shares if shares in ("5y", "yearly") else "5y",
        deal=selected[0] if selected else None,
        compare_release=compare if compare in releases and compare != data.info.label
        else default_compare(releases, data.info.label),
    )


def names_text(data: queries.ReleaseData, ids: tuple[str, ...], nobody: str) -> str:
    return ", ".join(data.resolver.display_name(i) for i in ids) or nobody


def query_text(data: queries.ReleaseData, view: PairView) -> str:
    """How the view reads in an export's header and a citation."""
    parts = [
        f"{names_text(data, view.suppliers, 'any supplier')} -> {names_text(data, view.recipients, 'any recipient')}",
        f"{view.from_year}-{view.to_year}",
    ]
    if view.categories:
        parts.append("categories: " + ", ".join(view.categories))
    if view.leave_out_estimates:
        parts.append("SIPRI's estimated figures left out")
    if not view.open_orders:
        parts.append("deals with nothing delivered left out")
    return "; ".join(parts)


def file_stem(data: queries.ReleaseData, view: PairView) -> str:
    stem = safe_filename(
        "sipri",
        names_text(data, view.suppliers, "any"),
        "to",
        names_text(data, view.recipients, "any"),
        f"{view.from_year}-{view.to_year}",
        f"release-{view.release}",
        suffix="x",
    )
    return stem[:-2]


# ---- rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """Everything the main callback sends back for one view."""

    view: PairView
    notices: list[str]
    headline: list[Any]
    tiv_figure: Any
    timeline_figure: Any
    shares_figure: Any
    deal_ids: frozenset[str]


def render(data: queries.ReleaseData, view: PairView, store_root: str | None = None) -> Rendered:
    """Figures, headline and register for a view (the deal is dropped when not among its deals);
    the view's context (conflicts, embargoes, marked dates) drawn on the TIV chart and timeline."""
    notices: list[str] = []
    info = data.info
    if not view.suppliers and not view.recipients:
        notices.append("Choose a supplier or a recipient (or both) to see their transfers.")
        empty = figures.empty_figure(info, "TIV delivered by year", "Choose a supplier or a recipient.")
        return Rendered(view, notices, [], empty, empty, empty, frozenset())
    query = pair_query(view)
    deliveries = queries.pair_deliveries(data, query)
    deals = queries.pair_deals(data, query)
    deal_ids = frozenset(deals["deal_id"].astype("str"))
    if view.suppliers and view.recipients and not len(deals):
        notices.append(
            f"SIPRI records no deals from {names_text(data, view.suppliers, 'any supplier')} to "
            f"{names_text(data, view.recipients, 'any recipient')} in {view.from_year}-{view.to_year} "
            f"(release {view.release}): nothing to draw, which is not a measured zero."
        )
    if view.deal is not None and view.deal not in deal_ids:
        view = replace(view, deal=None)
    by = view.by
    if by == "category" and not data.categories:
        notices.append("This release's files give no armament categories (only SIPRI's delivery-level "
                       "export has them); the chart is stacked by designation.")
        by = "designation"
    pair_title = f"{names_text(data, view.suppliers, 'Any supplier')} \u2192 {names_text(data, view.recipients, 'any recipient')}"
    tiv = figures.tiv_by_year_figure(
        deliveries, info, by=by, years=(view.from_year, view.to_year), deal_id=view.deal,
        title=f"TIV delivered by year: {pair_title}, {view.from_year}-{view.to_year}",
    )
    timeline = figures.timeline_figure(
        deals, deliveries if not view.leave_out_estimates else queries.pair_deliveries(data, replace(query, leave_out_estimates=False)),
        info, data.last_year, deal_id=view.deal, show_pending=view.open_orders,
        title=f"Orders and deliveries, deal by deal: {pair_title}",
    )
    marks, mark_notices = events.parse_marks(view.marks)
    notices += mark_notices
    layers = events.event_layers(view.suppliers, view.recipients, (view.from_year, view.to_year), store_root,
                                 view.context, marks)
    tiv, timeline = events.apply_event_layers(tiv, layers), events.apply_event_layers(timeline, layers)
    if view.recipients:
        window = 1 if view.shares == "yearly" else queries.SHARE_WINDOW_YEARS
        shares, hhi = queries.recipient_suppliers(data, query, window, view.to_year, keep=view.suppliers)
        names = {s: data.resolver.display_name(s) for s in shares["supplier_id"].unique() if s != "other"}
        shares_fig = figures.supplier_shares_figure(
            shares, hhi, info, names, view.suppliers, window, names_text(data, view.recipients, "")
        )
    else:
        shares_fig = figures.empty_figure(info, "Suppliers of the recipient", "Choose a recipient to see its suppliers.")
    head = queries.headline(data, query, deliveries, deals)
    return Rendered(view, notices, headline_children(data, view, head), tiv, timeline, shares_fig, deal_ids)


def headline_children(data: queries.ReleaseData, view: PairView, head: queries.Headline) -> list[Any]:
    ranks = [
        f"{data.resolver.display_name(s)}: {_ordinal(rank)} of {count}" for s, rank, count in head.ranks
    ]
    if view.suppliers and view.recipients and not ranks:
        ranks = ["not among the suppliers in these years"]
    items = [
        ("TIV delivered", f"{figures.format_tiv(head.tiv_delivered_m)}", f"{TIV_UNIT_LABEL}, {view.from_year}-{view.to_year}", "headline-tiv"),
        ("Deals", f"{head.deals}", "ordered, delivered or open in these years", "headline-deals"),
        ("Open orders", f"{head.open_orders}", "not fully delivered", "headline-open"),
    ]
    if ranks:
        items.append(("Rank among the recipient's suppliers", "; ".join(ranks), "by TIV delivered in these years", "headline-rank"))
    return [
        html.Div([html.Div(label, className="kpi-label"), html.Div(value, className="kpi-value", id=id_),
                  html.Div(note, className="kpi-note")], className="kpi")
        for label, value, note, id_ in items
    ]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def register_rows(deals: pd.DataFrame, in_compare: dict[str, str] | None = None,
                  compare: str = "") -> list[dict[str, Any]]:
    """The deal register as table rows: SIPRI's '?' marks beside the figures they qualify, and,
    with `compare`, how that release records each deal (`in_compare`: deal id -> text)."""
    if not len(deals):
        return []
    text = deal_register_text(deals)
    text["armament_category"] = deals["armament_category"].astype("object").where(deals["armament_category"].notna(), "")
    for column in ("tiv_per_unit_m", "tiv_order_m", "tiv_delivered_m"):
        values = deals[column].astype("float64")
        text[column] = [None if pd.isna(v) else float(v) for v in values]
    text["open_order"] = queries.open_order_text(deals).to_numpy()
    text["id"] = deals["deal_id"].astype("str").to_numpy()
    columns = [c for c, _, _ in TABLE_COLUMNS] + ["id"]
    if compare:
        text[COMPARE_COLUMN] = [(in_compare or {}).get(d, f"not in {compare}") for d in text["id"]]
        columns.append(COMPARE_COLUMN)
    return text[columns].to_dict("records")


def register_deals_for(
    settings: Settings, search: str, filter_query: str | None = None, sort_by: list[dict[str, str]] | None = None
) -> tuple[pd.DataFrame, queries.ReleaseData, PairView]:
    """The view's deals (the link in `search`) that the register's filter keeps, in its order."""
    view, _, data = view_from_link(settings, parse_query(search))
    deals = queries.pair_deals(data, pair_query(view))
    deals = queries.register_deals(deals, queries.register_filter(filter_query), sort_by or ())
    return deals, data, view


def filter_text(filter_query: str | None) -> str:
    """The register's filter as an export's header reads it ('' when there is none)."""
    conditions = queries.register_filter(filter_query)
    names = {c: n for c, n, _ in TABLE_COLUMNS}
    return "; ".join(f"{names[c.column]} {c.operator} '{c.value}'" for c in conditions)


def deals_for_export(
    settings: Settings, search: str, filter_query: str | None = None, sort_by: list[dict[str, str]] | None = None
) -> tuple[pd.DataFrame, queries.ReleaseData, PairView]:
    """Every deal of the view that the register's filter keeps (all pages), with every field the store holds."""
    deals, data, view = register_deals_for(settings, search, filter_query, sort_by)
    return deals.reset_index(drop=True), data, view


def export_query_line(data: queries.ReleaseData, view: PairView, link: str, filter_query: str | None) -> str:
    kept = filter_text(filter_query)
    return f"{query_text(data, view)}{f'; register filter: {kept}' if kept else ''}; view: {link}"


def csv_download(
    settings: Settings, store: dict[str, Any], filter_query: str | None = None, sort_by: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    deals, data, view = deals_for_export(settings, store["search"], filter_query, sort_by)
    lines = provenance_lines(data.info, export_query_line(data, view, store["link"], filter_query))
    return {"content": csv_text(exports.without_categories(deals), lines), "filename": store["stem"] + ".csv", "type": "text/csv"}


def xlsx_download(
    settings: Settings, store: dict[str, Any], filter_query: str | None = None, sort_by: list[dict[str, str]] | None = None
) -> tuple[bytes, str]:
    deals, data, view = deals_for_export(settings, store["search"], filter_query, sort_by)
    lines = provenance_lines(data.info, export_query_line(data, view, store["link"], filter_query))
    return xlsx_bytes(deals, lines), store["stem"] + ".xlsx"


def xlsx_bytes(deals: pd.DataFrame, lines: list[str]) -> bytes:
    """The deals and an About sheet (source, release, query, units) as an XLSX workbook."""
    return exports.xlsx_bytes({"Deals": deals, "About": exports.about_sheet(lines)})


