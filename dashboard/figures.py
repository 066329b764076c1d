"""Pure figure builders: frames in, plotly figures out (no data read, no state)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from etl import analysis
from etl.config import TIV_UNIT_LABEL
from etl.provenance import credit_line
from etl.store import ReleaseInfo

# Okabe & Ito's palette: told apart with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
OTHER_COLOUR = "#999999"
HIGHLIGHT_COLOUR = "#D55E00"
MUTED_COLOURS = ("#4D4D4D", "#7F7F7F", "#A6A6A6", "#BFBFBF", "#D9D9D9", "#8C8C8C", "#666666", "#B3B3B3")
ESTIMATED_OPACITY = 0.45
ALLOCATED_PATTERN = "/"
MAX_GROUPS = 8
OTHER_GROUP = "Other designations"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
TIMELINE_ROW_PX = 22
TIMELINE_MAX_DEALS = 80
MAX_DEALS_IN_HOVER = 8
# The pair page's axes get fixed margins instead of automargin: automargin makes plotly.js lay
# each chart out twice, about half its drawing time on a change of pair.
FIXED_MARGIN = {"automargin": False}
LABEL_PX_PER_CHAR = 6.4  # 11 px system-ui: wide enough for capitals and digits
TIMELINE_LABEL_CHARS = 52
# A small white template: plotly's own "plotly_white" adds ~7 KB to every figure sent.
_GRID = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8", "automargin": True}
TEMPLATE = {"layout": {"paper_bgcolor": "white", "plot_bgcolor": "white", "xaxis": _GRID, "yaxis": _GRID,
                       "hovermode": "closest", "font": {"color": "#2a3f5f"}}}


def plain(text: object) -> str:
    """`text` as plotly.js will show it, letter for letter: '&', '<' and '>' escaped.

    plotly.js reads its own HTML subset (<b>, <br>, <a href>, <span style>) in every string it
    draws: names, hovers, ticks, titles, annotations. SIPRI's text is data, never markup, so
    every data-derived string passes through here once, where labels are built; our own markup
    (a bold name, a <br> between lines) is added around the escaped text.
    """
    return html.escape(str(text), quote=False)


def format_tiv(value: float) -> str:
    """223.6 -> '223.6', 24.48 -> '24.48', 104.0 -> '104': as the register prints them, no zeros added."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _figure(
    traces: list[dict[str, Any]],
    layout: dict[str, Any],
    info: ReleaseInfo | None,
    title: str,
    subtitle: str = "",
    height: int = 420,
    credit_shift: int = -88,
) -> go.Figure:
    """A figure from plain trace and layout dicts (built as dicts: plotly's setters cost ~100 ms).

    `title` and `subtitle` are plain text (they carry entity names): escaped here.
    """
    base: dict[str, Any] = {
        "title": {"text": plain(title), "subtitle": {"text": plain(subtitle)}, "x": 0, "xanchor": "left"},
        "font": {"family": FONT, "size": 13},
        "template": TEMPLATE,
        "height": height,
        "margin": {"l": 70, "r": 20, "t": 80, "b": 95},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0, "font": {"size": 12}},
        "hoverlabel": {"align": "left"},
        "annotations": [],
    }
    base.update(layout)
    if info is not None:
        # The credit travels inside the figure so a downloaded PNG or SVG still carries it.
        base["annotations"] = [*base["annotations"], {
            "text": f"{plain(credit_line(info))} Figures in {TIV_UNIT_LABEL}: a volume index, not money.",
            "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": credit_shift,
            "xanchor": "left", "yanchor": "bottom", "showarrow": False, "font": {"size": 10, "color": "#555"},
            "name": "credit",
        }]
    return go.Figure({"data": traces, "layout": base}, _validate=False)


def empty_figure(info: ReleaseInfo | None, title: str, message: str) -> go.Figure:
    """A figure that says why it is empty: `message` is plain text, a newline starts a line."""
    layout = {
        "annotations": [{"text": plain(message).replace("\n", "<br>"), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                         "showarrow": False, "font": {"size": 14}}],
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
    }
    return _figure([], layout, info, title, height=300, credit_shift=-60)


def _deal_list(labels: pd.Series) -> str:
    unique = sorted(set(labels))
    more = f"<br>... and {len(unique) - MAX_DEALS_IN_HOVER} more deals" if len(unique) > MAX_DEALS_IN_HOVER else ""
    return "<br>".join(unique[:MAX_DEALS_IN_HOVER]) + more


def _groups(deliveries: pd.DataFrame, by: str) -> tuple[pd.DataFrame, list[str]]:
    """Deliveries with the stacking column tidied; groups ordered biggest first (at most MAX_GROUPS)."""
    column = analysis.GROUPINGS[by]
    frame = deliveries.copy()
    frame[column] = frame[column].astype("object").where(frame[column].notna(), analysis.UNKNOWN_CATEGORY)
    totals = frame.groupby(column)["tiv_delivered_m"].sum().astype("float64").sort_values(ascending=False)
    groups = [str(g) for g in totals.index]
    if len(groups) > MAX_GROUPS:
        kept = groups[: MAX_GROUPS - 1]
        other = OTHER_GROUP if by == "designation" else "Other categories"
        frame[column] = frame[column].where(frame[column].isin(kept), other)
        groups = [*kept, other]
    return frame, groups


KINDS = {
    # (estimated, allocated): (what the bar part is, pattern, opacity)
    (False, False): ("SIPRI figure", "", 1.0),
    (True, False): ("SIPRI estimate (?)", "", ESTIMATED_OPACITY),
    (False, True): ("spread evenly by us", ALLOCATED_PATTERN, 1.0),
    (True, True): ("estimate, spread evenly by us", ALLOCATED_PATTERN, ESTIMATED_OPACITY),
}


def tiv_by_year_figure(
    deliveries: pd.DataFrame,
    info: ReleaseInfo,
    by: str = "category",
    years: tuple[int, int] | None = None,
    deal_id: str | None = None,
    title: str = "TIV delivered by year",
) -> go.Figure:
    """Stacked bars of TIV delivered per year by category or designation, totals written above.

    SIPRI's estimated figures are drawn lighter, deliveries we spread evenly over the listed
    years hatched; the hover lists the deals behind each bar; `deal_id`'s deliveries are marked.
    """
    if not len(deliveries):
        return empty_figure(info, title, "No deliveries recorded for this choice.")
    column = analysis.GROUPINGS[by]
    frame, groups = _groups(deliveries, by)
    frame["_estimated"] = analysis.is_estimated(frame).to_numpy()
    frame["_allocated"] = frame["is_allocated"].astype("bool").to_numpy()
    frame["_tiv"] = frame["tiv_delivered_m"].astype("float64").fillna(0.0)
    frame["_deal"] = [
        f"{plain(d)} ({plain(c)}), ordered {o}: {format_tiv(t)}"
        for d, c, o, t in zip(frame["designation"], frame["description"], frame["order_year"], frame["_tiv"], strict=True)
    ]
    parts = frame.groupby([column, "_estimated", "_allocated", "delivery_year"], observed=True, sort=True).agg(
        tiv=("_tiv", "sum"), deals=("_deal", _deal_list)
    )
    colours = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    if groups and groups[-1] in (OTHER_GROUP, "Other categories"):
        colours[groups[-1]] = OTHER_COLOUR
    traces: list[dict[str, Any]] = []
    shown_legend: set[str] = set()
    for group in groups:
        for (estimated, allocated), (kind, pattern, opacity) in KINDS.items():
            key = (group, estimated, allocated)
            try:
                rows = parts.loc[key]
            except KeyError:
                continue
            year_list = [int(y) for y in rows.index]
            values = [round(float(v), 2) for v in rows["tiv"]]
            traces.append({
                "type": "bar",
                "x": year_list,
                "y": values,
                "name": plain(group),
                "legendgroup": str(group),
                "showlegend": group not in shown_legend,
                "marker": {
                    "color": colours[group],
                    "opacity": opacity,
                    "pattern": {"shape": pattern, "fillmode": "overlay", "solidity": 0.4},
                    "line": {"width": 0},
                },
                # One template per trace, the deals per bar as its text: the hover stays as it was
                # while group, kind and unit are sent once instead of once per bar.
                "hovertext": list(rows["deals"]),
                "hovertemplate": f"<b>{_escape_template(group)}</b> ({kind})<br>%{{x}}: %{{y:,.2~f}} "
                                 f"{TIV_UNIT_LABEL}<br>%{{hovertext}}<extra></extra>",
                "meta": {"kind": kind},
            })
            shown_legend.add(group)
    totals = analysis.tiv_by_year(frame)
    traces.append({
        "type": "scatter",
        "x": totals["delivery_year"].astype("int64").tolist(),
        "y": totals["tiv_delivered_m"].tolist(),
        "text": [format_tiv(v) for v in totals["tiv_delivered_m"]],
        "mode": "text",
        "textposition": "top center",
        "textfont": {"size": 11, "color": "#222"},
        "name": "Total",
        "cliponaxis": False,
        "showlegend": False,
        "hoverinfo": "skip",
        "meta": {"kind": "total"},
    })
    if deal_id is not None:
        chosen = frame[frame["deal_id"].astype("str") == str(deal_id)]
        if len(chosen):
            mine = analysis.tiv_by_year(chosen)
            label = chosen["_deal"].iloc[0].rsplit(":", 1)[0]
            traces.append({
                "type": "scatter",
                "x": mine["delivery_year"].astype("int64").tolist(),
                "y": mine["tiv_delivered_m"].tolist(),
                "mode": "markers",
                "marker": {"symbol": "diamond", "size": 13, "color": "#000", "line": {"color": "#fff", "width": 2}},
                "name": f"Chosen deal: {plain(chosen['designation'].iloc[0])}",
                "hovertext": [f"Chosen deal: {label}<br>{int(y)}: {format_tiv(v)} {TIV_UNIT_LABEL}"
                              for y, v in zip(mine["delivery_year"], mine["tiv_delivered_m"], strict=True)],
                "hoverinfo": "text",
                "meta": {"kind": "chosen deal"},
            })
    ymax = float(totals["tiv_delivered_m"].max() or 1)
    layout = {
        "barmode": "stack",
        "bargap": 0.15,
        "yaxis": {"title": {"text": TIV_UNIT_LABEL}, "rangemode": "tozero", "range": [0, ymax * 1.15], **FIXED_MARGIN},
        "xaxis": {"title": {"text": "Year of delivery"}, "tickformat": "d", **FIXED_MARGIN,
                  **({"range": [years[0] - 0.6, years[1] + 0.6]} if years else {})},
        # The legend sits under the axis title (not on it), the credit under the legend.
        "margin": {"l": 80, "r": 20, "t": 80, "b": 125},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0, "font": {"size": 12}},
    }
    subtitle = (
        f"Stacked by {'armament category' if by == 'category' else 'designation'}; lighter: SIPRI's estimates (?)"
        + ("; hatched: spread evenly over the listed years by this tool" if frame["_allocated"].any() else "")
    )
    return _figure(traces, layout, info, title, subtitle, height=470, credit_shift=-118)


def timeline_figure(
    deals: pd.DataFrame,
    deliveries: pd.DataFrame,
    info: ReleaseInfo,
    last_year: int,
    deal_id: str | None = None,
    show_pending: bool = True,
    title: str = "Orders and deliveries, deal by deal",
) -> go.Figure:
    """One line per deal from order to last delivery; a mark and count per delivery year.

    Open orders run on, dotted, to the data's last year; estimated years and counts are drawn as
    hollow marks; `deal_id`'s line is highlighted.
    """
    if not len(deals):
        return empty_figure(info, title, "No deals recorded for this choice.")
    note = ""
    if len(deals) > TIMELINE_MAX_DEALS:
        note = f"; the {TIMELINE_MAX_DEALS} most recent of {len(deals)} deals shown"
        deals = deals.sort_values("order_year", kind="stable").tail(TIMELINE_MAX_DEALS)
    deals = deals.sort_values(["order_year", "designation"], ascending=[False, True], kind="stable")
    raw_labels = _unique_labels(deals)
    labels = [plain(label) for label in raw_labels]
    ids = deals["deal_id"].astype("str").tolist()
    label_of = dict(zip(ids, labels, strict=True))
    solid_x: list[int | None] = []
    solid_y: list[str | None] = []
    pending_x: list[int | None] = []
    pending_y: list[str | None] = []
    pending_text: list[str] = []
    pending_labels: list[str] = []
    pending_ids: list[str] = []
    for row, label in zip(deals.to_dict("records"), labels, strict=True):
        order = int(row["order_year"])
        last = row["last_delivery_year"]
        end = int(last) if pd.notna(last) else order
        solid_x += [order, end, None]
        solid_y += [label, label, None]
        if show_pending and bool(row["is_open_order"]):
            pending_x += [end, last_year, None]
            pending_y += [label, label, None]
            ordered = row["units_ordered"]
            delivered = row["units_delivered"] if pd.notna(row["units_delivered"]) else 0
            left = f"{int(ordered) - int(delivered)} of {int(ordered)}" if pd.notna(ordered) else "an unknown number"
            pending_text.append(left)
            pending_labels.append(label)
            pending_ids.append(str(row["deal_id"]))
    traces: list[dict[str, Any]] = [{
        "type": "scatter", "x": solid_x, "y": solid_y, "mode": "lines", "line": {"color": "#0072B2", "width": 3},
        "name": "order to last delivery", "hoverinfo": "skip",
    }]
    if pending_x:
        traces.append({"type": "scatter", "x": pending_x, "y": pending_y, "mode": "lines",
                       "line": {"color": "#E69F00", "width": 3, "dash": "dot"},
                       "name": f"open order, pending (to {last_year})", "hoverinfo": "skip"})
        traces.append({"type": "scatter", "x": [last_year] * len(pending_labels), "y": pending_labels,
                       "mode": "markers", "marker": {"symbol": "triangle-right", "size": 11, "color": "#E69F00"},
                       "hovertext": pending_text, "customdata": pending_ids,
                       "hovertemplate": f"%{{y}}<br>pending: %{{hovertext}} not delivered by {last_year}<extra></extra>",
                       "showlegend": False, "name": "pending"})
    order_est = deals["order_year_estimated"].astype("bool").tolist()
    order_years = deals["order_year"].astype("int64").tolist()
    traces.append({
        "type": "scatter", "x": order_years, "y": labels, "mode": "markers",
        "name": "order (hollow: year estimated)",
        "marker": {"symbol": ["line-ns-open" if e else "line-ns" for e in order_est], "size": 14,
                   "line": {"width": 3, "color": "#0072B2"}, "color": "#0072B2"},
        "hovertext": ["?" if e else "" for e in order_est],
        "hovertemplate": "%{y}<br>ordered %{x}%{hovertext}<extra></extra>",
        "customdata": ids,
    })
    rows = deliveries[deliveries["deal_id"].astype("str").isin(label_of)]
    if len(rows):
        estimated = analysis.is_estimated(rows).tolist()
        text = [_units_text(u) for u in rows["units_delivered"].astype("float64")]
        row_ids = rows["deal_id"].astype("str").tolist()
        row_years = rows["delivery_year"].astype("int64").tolist()
        tiv = rows["tiv_delivered_m"].astype("float64").fillna(0.0).tolist()
        traces.append({
            "type": "scatter", "x": row_years, "y": [label_of[d] for d in row_ids],
            "mode": "markers+text", "text": text, "textposition": "top center", "textfont": {"size": 10},
            "name": "delivery, with number delivered (hollow: estimated)",
            "marker": {"symbol": ["circle-open" if e else "circle" for e in estimated], "size": 10,
                       "color": "#009E73", "line": {"width": 2, "color": "#009E73"}},
            # The deal's label is the row's (%{y}); only what differs per mark is sent per mark.
            "hovertext": [f"{t} delivered{'?' if e else ''}, {format_tiv(v)}" for t, e, v in zip(text, estimated, tiv, strict=True)],
            "hovertemplate": f"%{{y}}<br>%{{x}}: %{{hovertext}} {TIV_UNIT_LABEL}<extra></extra>",
            "customdata": row_ids,
        })
    if deal_id is not None and str(deal_id) in label_of:
        chosen = deals[deals["deal_id"].astype("str") == str(deal_id)].iloc[0]
        label = label_of[str(deal_id)]
        end = int(chosen["last_delivery_year"]) if pd.notna(chosen["last_delivery_year"]) else int(chosen["order_year"])
        if show_pending and bool(chosen["is_open_order"]):
            end = last_year
        traces.append({"type": "scatter", "x": [int(chosen["order_year"]), end], "y": [label, label], "mode": "lines",
                       "line": {"color": HIGHLIGHT_COLOUR, "width": 10}, "opacity": 0.45, "name": "chosen deal",
                       "hoverinfo": "skip", "meta": {"kind": "chosen deal"}})
    height = min(260 + TIMELINE_ROW_PX * len(deals), 3600)
    label_px = int(16 + LABEL_PX_PER_CHAR * max(len(label) for label in raw_labels))
    layout = {
        "xaxis": {"title": {"text": "Year"}, "tickformat": "d", "side": "top", **FIXED_MARGIN},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": labels[::-1],
                  "tickfont": {"size": 11}, **FIXED_MARGIN},
        "margin": {"l": label_px, "r": 20, "t": 120, "b": 110},
        "legend": {"orientation": "h", "yanchor": "top", "y": -10 / height, "x": 0, "font": {"size": 12}},
    }
    subtitle = f"Line from order year to last delivery; number delivered above each mark; hollow: SIPRI's estimate{note}"
    return _figure(traces, layout, info, title, subtitle, height=height, credit_shift=-100)


def _escape_template(text: object) -> str:
    """Data text placed in a hovertemplate: `plain`, its braces kept literal too (plotly.js reads '%{...}' as a field)."""
    return plain(text).replace("{", "&#123;").replace("}", "&#125;")


def _units_text(units: float) -> str:
    if pd.isna(units):
        return ""
    return str(int(units)) if float(units).is_integer() else f"{units:.1f}"


def _unique_labels(deals: pd.DataFrame) -> list[str]:
    """'Bayraktar TB2 (armed UAV) 2018': designation (description, cut short) and order year (not yet `plain`)."""
    labels = []
    for d, c, o, e in zip(deals["designation"], deals["description"], deals["order_year"], deals["order_year_estimated"], strict=True):
        year = f"{o}{'?' if e else ''}"
        room = TIMELINE_LABEL_CHARS - len(str(d)) - len(year) - 4
        what = str(c) if len(str(c)) <= max(room, 8) else str(c)[: max(room, 8) - 1] + "\u2026"
        labels.append(f"{d} ({what}) {year}")
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    return [
        f"{label} #{deal}" if seen[label] > 1 else label
        for label, deal in zip(labels, deals["deal_id"].astype("str"), strict=True)
    ]


def supplier_shares_figure(
    shares: pd.DataFrame,
    hhi: pd.DataFrame,
    info: ReleaseInfo,
    names: Mapping[str, str],
    chosen: Sequence[str],
    window: int,
    recipient_name: str,
) -> go.Figure:
    """Stacked shares of the recipient's imports by supplier per period, chosen supplier(s)
    highlighted, with the Herfindahl-Hirschman index on a second axis."""
    title = f"Suppliers of {recipient_name}"
    if not len(shares):
        return empty_figure(info, title, "No imports recorded for this recipient in these years.")
    order = (
        shares[shares["supplier_id"] != "other"].groupby("supplier_id")["tiv_delivered_m"].sum()
        .sort_values(ascending=False).index.tolist()
    )
    # Chosen suppliers at the bottom of the stack, in strong colours; the others in greys.
    order = [s for s in chosen if s in order] + [s for s in order if s not in chosen]
    if (shares["supplier_id"] == "other").any():
        order.append("other")
    muted = iter(MUTED_COLOURS * 4)
    strong = iter([HIGHLIGHT_COLOUR, "#0072B2", "#009E73", "#CC79A7"] * 4)

    def periods(frame: pd.DataFrame) -> list[Any]:
        if window == 1:
            return frame["period_start"].astype("int64").tolist()
        return [f"{a}-{str(b)[-2:]}" for a, b in zip(frame["period_start"], frame["period_end"], strict=True)]

    traces: list[dict[str, Any]] = []
    for supplier in order:
        part = shares[shares["supplier_id"] == supplier]
        is_chosen = supplier in chosen
        colour = next(strong) if is_chosen else ("#E6E6E6" if supplier == "other" else next(muted))
        name = "other suppliers" if supplier == "other" else names.get(supplier, supplier)
        x = periods(part)
        traces.append({
            "type": "bar", "x": x, "y": part["share_pct"].tolist(), "name": plain(name) + (" (chosen)" if is_chosen else ""),
            "marker": {"color": colour, "line": {"width": 1.5 if is_chosen else 0, "color": "#000"}},
            "hovertext": [format_tiv(v) for v in part["tiv_delivered_m"]],
            "hovertemplate": f"<b>{_escape_template(name)}</b><br>%{{x}}: %{{y:.1f}}% (%{{hovertext}} {TIV_UNIT_LABEL})<extra></extra>",
            "meta": {"supplier_id": supplier, "chosen": is_chosen},
        })
    traces.append({
        "type": "scatter", "x": periods(hhi), "y": hhi["hhi"].tolist(), "mode": "lines+markers",
        "name": "concentration (HHI, right axis)", "yaxis": "y2",
        "line": {"color": "#000", "width": 2, "dash": "dash"}, "marker": {"size": 6},
        "hovertext": [f"HHI {int(h):,} ({n} suppliers)" for h, n in zip(hhi["hhi"], hhi["suppliers"], strict=True)],
        "hoverinfo": "text",
        "meta": {"kind": "hhi"},
    })
    ordered_periods = periods(hhi.sort_values("period_start")) if len(hhi) else []
    xaxis: dict[str, Any] = (
        {"title": {"text": "Year of delivery"}, "tickformat": "d", **FIXED_MARGIN} if window == 1
        else {"title": {"text": f"{window}-year period of delivery"}, "type": "category",
              "categoryorder": "array", "categoryarray": ordered_periods, **FIXED_MARGIN}
    )
    layout = {
        "barmode": "stack",
        "bargap": 0.1,
        "xaxis": xaxis,
        "yaxis": {"title": {"text": "Share of TIV imported (%)"}, "range": [0, 100], **FIXED_MARGIN},
        "yaxis2": {"title": {"text": "HHI (0-10,000)"}, "range": [0, 10000], "overlaying": "y", "side": "right",
                   "showgrid": False, **FIXED_MARGIN},
        "margin": {"l": 70, "r": 230, "t": 80, "b": 95},
        "legend": {"orientation": "v", "x": 1.09, "y": 1, "yanchor": "top", "xanchor": "left", "font": {"size": 12}},
    }
    subtitle = "Each supplier's share of the TIV delivered; HHI above 2,500: imports concentrated on few suppliers"
    return _figure(traces, layout, info, title, subtitle, height=440)
