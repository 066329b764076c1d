"""Pure figure builders: frames in, plotly figures out (no data read, no state)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import colours
from etl import analysis
from etl.config import TIV_UNIT_LABEL
from etl.provenance import credit_line
from etl.schemas import figure_text
from etl.store import ReleaseInfo

# Every colour and pattern comes from `dashboard.colours` (one rule for the whole app).
PALETTE = colours.PALETTE
OTHER_COLOUR = colours.OTHER_COLOUR
HIGHLIGHT_COLOUR = colours.HIGHLIGHT_COLOUR
ALLOCATED_PATTERN = colours.ALLOCATED_PATTERN
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
TOTAL_LABEL_PX_PER_CHAR = 7.0
# The narrowest plot area a wide screen gives a pair-page chart (1366 px window, fixed margins):
# labels above bars or marks are drawn only where they fit side by side at this width; elsewhere
# the values are in the hover.
PLOT_WIDTH_PX = 1050
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
        # Anchored to the top of the figure, not centred in the top margin: a top axis (the
        # timeline's years) keeps the room under it.
        "title": {"text": plain(title), "subtitle": {"text": plain(subtitle)}, "x": 0, "xanchor": "left",
                  "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}},
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
    """Deliveries with the stacking column tidied, and the groups: SIPRI's categories in their fixed
    order (every one: each has its own colour), designations biggest first (at most MAX_GROUPS)."""
    column = analysis.GROUPINGS[by]
    frame = deliveries.copy()
    frame[column] = frame[column].astype("object").where(frame[column].notna(), analysis.UNKNOWN_CATEGORY)
    totals = frame.groupby(column)["tiv_delivered_m"].sum().astype("float64").sort_values(ascending=False)
    groups = [str(g) for g in totals.index]
    if by == "category":
        return frame, sorted(groups, key=colours.category_sort_key)
    if len(groups) > MAX_GROUPS:
        kept = groups[: MAX_GROUPS - 1]
        other = OTHER_GROUP if by == "designation" else "Other categories"
        frame[column] = frame[column].where(frame[column].isin(kept), other)
        groups = [*kept, other]
    return frame, groups


ALLOCATED_WORDS = "allocated by this tool"
KINDS = {
    # (estimated, allocated): what the bar part is, as its hover says it
    (False, False): "SIPRI figure",
    (True, False): "SIPRI estimate (?)",
    (False, True): f"{ALLOCATED_WORDS}: SIPRI's figure spread evenly over the delivery years",
    (True, True): f"SIPRI estimate (?), {ALLOCATED_WORDS}: spread evenly over the delivery years",
}
PATTERN_KEYS = (
    # (estimated, allocated, legend text): a grey swatch per pattern that a chart uses
    (True, False, "dotted: SIPRI's estimate (?)"),
    (False, True, f"hatched: {ALLOCATED_WORDS} (even split)"),
    (True, True, f"cross-hatched: estimate, {ALLOCATED_WORDS}"),
)


def bar_marker(colour: str, estimated: bool, allocated: bool) -> dict[str, Any]:
    """A bar part's marker: the series' own colour, SIPRI's estimates and our split under a pattern."""
    shape = colours.pattern(estimated, allocated)
    marker: dict[str, Any] = {"color": colour, "line": {"width": 0}}
    if shape:
        marker["pattern"] = {"shape": shape, "fillmode": "overlay", "fgcolor": colours.PATTERN_COLOUR,
                             "size": 6, "solidity": 0.35}
        marker["line"] = {"width": 0.8, "color": "#333"}
    return marker


def legend_swatch(name: str, colour: str, group: str, legendrank: int | None = None) -> dict[str, Any]:
    """A legend entry in the series' plain colour (the bars' own entries stay hidden), so the
    legend shows one solid swatch per series whatever patterns its bars carry."""
    trace: dict[str, Any] = {"type": "bar", "x": [None], "y": [None], "name": name, "legendgroup": group,
                             "marker": {"color": colour, "line": {"width": 0}}, "hoverinfo": "skip",
                             "meta": {"kind": "legend", "group": group}}
    if legendrank is not None:
        trace["legendrank"] = legendrank
    return trace


def pattern_keys(used: set[tuple[bool, bool]]) -> list[dict[str, Any]]:
    """Grey legend entries explaining the patterns the chart uses."""
    return [
        {"type": "bar", "x": [None], "y": [None], "name": text, "legendgroup": f"pattern-{e}-{a}",
         "legendrank": 2000 + i, "marker": bar_marker("#8C8C8C", e, a), "hoverinfo": "skip",
         "meta": {"kind": "pattern key"}}
        for i, (e, a, text) in enumerate(PATTERN_KEYS) if (e, a) in used
    ]


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
    palette = colours.series_colours(groups, by)
    if groups and groups[-1] in (OTHER_GROUP, "Other categories"):
        palette[groups[-1]] = OTHER_COLOUR
    traces: list[dict[str, Any]] = []
    used: set[tuple[bool, bool]] = set()
    for rank, group in enumerate(groups):
        traces.append(legend_swatch(plain(group), palette[group], str(group), rank))
        for (estimated, allocated), kind in KINDS.items():
            key = (group, estimated, allocated)
            try:
                rows = parts.loc[key]
            except KeyError:
                continue
            if estimated or allocated:
                used.add((estimated, allocated))
            year_list = [int(y) for y in rows.index]
            values = [round(float(v), 2) for v in rows["tiv"]]
            traces.append({
                "type": "bar",
                "x": year_list,
                "y": values,
                "name": plain(group),
                "legendgroup": str(group),
                "showlegend": False,
                "marker": bar_marker(palette[group], estimated, allocated),
                # One template per trace, the deals per bar as its text: the hover stays as it was
                # while group, kind and unit are sent once instead of once per bar.
                "hovertext": list(rows["deals"]),
                "hovertemplate": f"<b>{_escape_template(group)}</b> ({kind})<br>%{{x}}: %{{y:,.2~f}} "
                                 f"{TIV_UNIT_LABEL}<br>%{{hovertext}}<extra></extra>",
                "meta": {"kind": kind, "group": str(group)},
            })
    traces += pattern_keys(used)
    totals = analysis.tiv_by_year(frame)
    allocated_years = set(frame.loc[frame["_allocated"], "delivery_year"].astype("int64"))
    total_text = [("\u2248" if int(y) in allocated_years else "") + format_tiv(v)
                  for y, v in zip(totals["delivery_year"], totals["tiv_delivered_m"], strict=True)]
    span = (years[1] - years[0] + 1) if years else max(1, int(totals["delivery_year"].max() - totals["delivery_year"].min() + 1))
    show_totals = labels_fit(total_text, span, TOTAL_LABEL_PX_PER_CHAR)
    traces.append({
        "type": "scatter",
        "x": totals["delivery_year"].astype("int64").tolist(),
        "y": totals["tiv_delivered_m"].tolist(),
        "text": total_text,
        "mode": "text" if show_totals else "markers",
        "marker": {"size": 1, "color": "rgba(0,0,0,0)"},
        "textposition": "top center",
        "textfont": {"size": 11, "color": "#222"},
        "name": "Total",
        "cliponaxis": False,
        "showlegend": False,
        "hovertemplate": "<b>Total</b> %{x}: %{text} " + TIV_UNIT_LABEL
                         + "<br>(\u2248: includes figures " + ALLOCATED_WORDS + ")<extra></extra>"
                         if allocated_years else "<b>Total</b> %{x}: %{text} " + TIV_UNIT_LABEL + "<extra></extra>",
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
    allocated_note = (f"; hatched: {ALLOCATED_WORDS} (SIPRI gives no split by year: its figure spread evenly)"
                      + ("; \u2248 total: includes such figures" if show_totals else "")) if frame["_allocated"].any() else ""
    subtitle = (
        f"Stacked by {'armament category' if by == 'category' else 'designation'}; dotted: SIPRI's estimates (?)"
        + allocated_note + ("" if show_totals else "; yearly totals in the hover")
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
    labelled = False
    if len(rows):
        estimated = analysis.is_estimated(rows).tolist()
        allocated = rows["is_allocated"].astype("bool").tolist()
        text = [_units_text(u) for u in rows["units_delivered"].astype("float64")]
        row_ids = rows["deal_id"].astype("str").tolist()
        row_years = rows["delivery_year"].astype("int64").tolist()
        tiv = rows["tiv_delivered_m"].astype("float64").fillna(0.0).tolist()
        listed = deals["delivery_years"] if "delivery_years" in deals else pd.Series("", index=deals.index)
        whole = {str(d): (u, y) for d, u, y in zip(deals["deal_id"], deals["units_delivered"], listed, strict=True)}
        # Numbers above the marks only where they fit side by side, and never for a figure this
        # tool allocated (it is not SIPRI's): its value is in the hover, said as ours.
        span = max(row_years + order_years + [last_year]) - min(row_years + order_years) + 1
        labelled = labels_fit([t for t, a in zip(text, allocated, strict=True) if not a], span, 6.2)
        shown = [t if labelled and not a else "" for t, a in zip(text, allocated, strict=True)]

        def hover(t: str, e: bool, a: bool, v: float, deal: str) -> str:
            if not a:
                return f"{t} delivered{'?' if e else ''}, {format_tiv(v)} {TIV_UNIT_LABEL}"
            units, listed = whole.get(deal, (None, ""))
            total = "an unknown number" if pd.isna(units) else _units_text(float(units))
            return (f"{t} a year{'?' if e else ''}, {format_tiv(v)} {TIV_UNIT_LABEL}: {ALLOCATED_WORDS}<br>"
                    f"(SIPRI: {total} delivered in {plain(listed) or 'years not given'}, no split by year)")

        traces.append({
            "type": "scatter", "x": row_years, "y": [label_of[d] for d in row_ids],
            "mode": "markers+text" if labelled else "markers", "text": shown, "textposition": "top center",
            "textfont": {"size": 10},
            "name": "delivery" + (", with number delivered" if labelled else "") + " (hollow: estimated; square: "
                    + ALLOCATED_WORDS + ")" if any(allocated) else
                    "delivery" + (", with number delivered" if labelled else "") + " (hollow: estimated)",
            "marker": {"symbol": [("square" if a else "circle") + ("-open" if e else "")
                                  for e, a in zip(estimated, allocated, strict=True)], "size": 10,
                       "color": "#009E73", "line": {"width": 2, "color": "#009E73"}},
            # The deal's label is the row's (%{y}); only what differs per mark is sent per mark.
            "hovertext": [hover(t, e, a, v, d) for t, e, a, v, d in zip(text, estimated, allocated, tiv, row_ids, strict=True)],
            "hovertemplate": "%{y}<br>%{x}: %{hovertext}<extra></extra>",
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
        # Years along the top, untitled: an axis title there would sit on the subtitle's line.
        "xaxis": {"tickformat": "d", "side": "top", **FIXED_MARGIN},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": labels[::-1],
                  "tickfont": {"size": 11}, **FIXED_MARGIN},
        "margin": {"l": label_px, "r": 20, "t": 120, "b": 110},
        "legend": {"orientation": "h", "yanchor": "top", "y": -10 / height, "x": 0, "font": {"size": 12}},
    }
    subtitle = ("Years along the top; a line from order year to last delivery; "
                + ("number delivered above each mark" if labelled else "numbers delivered in the hover")
                + f"; hollow: SIPRI's estimate{note}")
    return _figure(traces, layout, info, title, subtitle, height=height, credit_shift=-100)


def labels_fit(texts: Sequence[str], years: int, px_per_char: float, plot_px: int = PLOT_WIDTH_PX) -> bool:
    """Whether labels one year apart fit side by side (with a 25% gap) across `years` years."""
    if not texts:
        return True
    widest = max(len(t) for t in texts) * px_per_char
    return widest * 1.25 <= plot_px / max(years, 1)


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
        year = figure_text(o, e)
        room = TIMELINE_LABEL_CHARS - len(str(d)) - len(year) - 4
        what = str(c) if len(str(c)) <= max(room, 8) else str(c)[: max(room, 8) - 1] + "\u2026"
        labels.append(f"{d} ({what}) {year}")
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    # Deals that read alike are numbered ("(2)"), never named by an internal id.
    count: dict[str, int] = {}
    out = []
    for label in labels:
        count[label] = count.get(label, 0) + 1
        out.append(f"{label} ({count[label]})" if seen[label] > 1 else label)
    return out


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
    # Chosen suppliers at the bottom of the stack, outlined; every supplier in its own colour.
    order = [s for s in chosen if s in order] + [s for s in order if s not in chosen]
    if (shares["supplier_id"] == "other").any():
        order.append("other")
    palette = colours.entity_colours(order)

    def periods(frame: pd.DataFrame) -> list[Any]:
        if window == 1:
            return frame["period_start"].astype("int64").tolist()
        return [f"{a}-{str(b)[-2:]}" for a, b in zip(frame["period_start"], frame["period_end"], strict=True)]

    traces: list[dict[str, Any]] = []
    for supplier in order:
        part = shares[shares["supplier_id"] == supplier]
        is_chosen = supplier in chosen
        colour = palette[supplier]
        name = "other suppliers" if supplier == "other" else names.get(supplier, supplier)
        x = periods(part)
        traces.append({
            "type": "bar", "x": x, "y": part["share_pct"].tolist(), "name": plain(name) + (" (chosen)" if is_chosen else ""),
            "marker": {"color": colour, "line": {"width": 2.5 if is_chosen else 0, "color": "#000"}},
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
        # No 0 tick on the right: it would sit on the last period's label; 2,500 marks "concentrated".
        "yaxis2": {"title": {"text": "HHI (0-10,000)"}, "range": [0, 10000], "overlaying": "y", "side": "right",
                   "showgrid": False, "tickvals": [2500, 5000, 7500, 10000], **FIXED_MARGIN},
        "margin": {"l": 70, "r": 230, "t": 80, "b": 95},
        "legend": {"orientation": "v", "x": 1.09, "y": 1, "yanchor": "top", "xanchor": "left", "font": {"size": 12}},
    }
    subtitle = "Each supplier's share of the TIV delivered; HHI above 2,500: imports concentrated on few suppliers"
    return _figure(traces, layout, info, title, subtitle, height=440)
