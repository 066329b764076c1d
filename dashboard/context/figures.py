"""Pure figure builders for the context views: frames in, plotly figures out.

Built on `dashboard.pair.figures` (the same frame, credit annotation, palette and kinds of figure),
so every chart carries SIPRI's credit line, the release and the data date, also when downloaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import colours as palette
from dashboard.context.queries import OTHERS
from dashboard.pair.figures import (
    ALLOCATED_WORDS,
    KINDS,
    _figure,
    bar_marker,
    empty_figure,
    format_tiv,
    labels_fit,
    legend_swatch,
    pattern_keys,
    plain,
)
from etl.config import TIV_UNIT_LABEL
from etl.store import ReleaseInfo

# Colour-blind-safe sequential scale for the map: viridis reversed, light = small, dark = large
# (plotly.js knows "Viridis" but not Python's "_r" names: reversed with `reversescale`).
MAP_SCALE = "Viridis"
BOTTOM_LEGEND = {"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0, "font": {"size": 12}}
ENTITY_COLOUR = "#000000"
SHARE_LABEL_MIN_PCT = 8.0
TOTAL_LABELS_MAX_YEARS = 30

def partner_colours(ids: Sequence[str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """A colour per partner by the app's one rule (`dashboard.colours`), 'others' grey; `given`
    colours kept, so a partner has the same colour in every chart of a view."""
    colours = palette.entity_colours([*ids, OTHERS], given)
    colours[OTHERS] = palette.OTHER_COLOUR
    return colours


def _name(names: Mapping[str, str], pid: str, direction: str) -> str:
    """The partner's name as a chart shows it (`plain`)."""
    if pid == OTHERS:
        return "other suppliers" if direction == "imports" else "other recipients"
    return plain(names.get(pid, pid))


def partner_order(frame: pd.DataFrame) -> list[str]:
    totals = frame.groupby("partner_id")["tiv_delivered_m"].sum()
    ordered = sorted(((p, v) for p, v in totals.items() if p != OTHERS), key=lambda kv: (-kv[1], kv[0]))
    out = [p for p, _ in ordered]
    return [*out, OTHERS] if OTHERS in totals.index else out


def partner_year_figure(
    frame: pd.DataFrame,
    names: Mapping[str, str],
    info: ReleaseInfo,
    entity_name: str,
    direction: str,
    years: tuple[int, int],
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Stacked bars of the entity's imports or exports per year by top partner plus 'others'.

    SIPRI's estimates drawn lighter, deliveries we spread evenly hatched, the year's total above.
    """
    verb = "Imports of" if direction == "imports" else "Exports of"
    title = f"{verb} {entity_name} by year, {years[0]}-{years[1]}"
    if not len(frame):
        return empty_figure(info, title, f"No {direction} recorded for {entity_name} in these years.")
    order = partner_order(frame)
    colours = partner_colours(order, colours)
    traces: list[dict[str, Any]] = []
    used: set[tuple[bool, bool]] = set()
    groups = {key: rows for key, rows in frame.groupby(["partner_id", "estimated", "allocated"], sort=False)}
    for rank, pid in enumerate(order):
        name = _name(names, pid, direction)
        traces.append(legend_swatch(name, colours[pid], pid, rank))
        for (estimated, allocated), kind in KINDS.items():
            rows = groups.get((pid, estimated, allocated))
            if rows is None:
                continue
            if estimated or allocated:
                used.add((estimated, allocated))
            x = rows["delivery_year"].astype("int64").tolist()
            y = rows["tiv_delivered_m"].astype("float64").tolist()
            traces.append({
                "type": "bar", "x": x, "y": y, "name": name, "legendgroup": pid, "showlegend": False,
                "marker": bar_marker(colours[pid], bool(estimated), bool(allocated)),
                "hovertext": [f"<b>{name}</b> ({kind})<br>{yr}: {format_tiv(v)} {TIV_UNIT_LABEL}" for yr, v in zip(x, y, strict=True)],
                "hoverinfo": "text",
                "meta": {"partner_id": pid, "kind": kind},
            })
    traces += pattern_keys(used)
    totals = frame.groupby("delivery_year")["tiv_delivered_m"].sum().round(2)
    allocated_years = set(frame.loc[frame["allocated"].astype("bool"), "delivery_year"].astype("int64"))
    total_text = [("\u2248" if int(y) in allocated_years else "") + format_tiv(v) for y, v in totals.items()]
    few = labels_fit(total_text, years[1] - years[0] + 1, 6.4, 900)
    traces.append({
        "type": "scatter", "x": totals.index.astype("int64").tolist(), "y": totals.tolist(),
        "mode": "text" if few else "markers", "text": total_text,
        "textposition": "top center", "textfont": {"size": 10, "color": "#222"},
        "marker": {"size": 1, "color": "rgba(0,0,0,0)"}, "cliponaxis": False,
        "name": "Total", "showlegend": False,
        "hovertext": [f"<b>Total</b> {int(y)}: {format_tiv(v)} {TIV_UNIT_LABEL}"
                      + (f" (includes figures {ALLOCATED_WORDS})" if int(y) in allocated_years else "")
                      for y, v in totals.items()],
        "hoverinfo": "text", "meta": {"kind": "total"},
    })
    ymax = float(totals.max() or 1)
    layout = {
        "barmode": "stack", "bargap": 0.15,
        "yaxis": {"title": {"text": TIV_UNIT_LABEL}, "range": [0, ymax * 1.12]},
        "xaxis": {"title": {"text": "Year of delivery"}, "tickformat": "d", "range": [years[0] - 0.6, years[1] + 0.6]},
        "margin": {"l": 70, "r": 200, "t": 80, "b": 95},
        "legend": {"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top", "xanchor": "left", "font": {"size": 12},
                   "traceorder": "normal"},
    }
    partners = "suppliers" if direction == "imports" else "recipients"
    allocated = bool(frame["allocated"].any())
    subtitle = (f"Stacked by the biggest {partners} over these years, the rest as others; dotted: SIPRI's estimates (?)"
                + (f"; hatched: {ALLOCATED_WORDS} (SIPRI gives no split by year)" if allocated else "")
                + ("" if few else "; yearly totals in the hover"))
    return _figure(traces, layout, info, title, subtitle, height=440)


def _period_labels(frame: pd.DataFrame, window: int) -> list[str]:
    if window == 1:
        return [str(int(a)) for a in frame["period_start"]]
    return [f"{int(a)}-{str(int(b))[-2:]}" for a, b in zip(frame["period_start"], frame["period_end"], strict=True)]


def partner_shares_figure(
    shares: pd.DataFrame,
    names: Mapping[str, str],
    info: ReleaseInfo,
    entity_name: str,
    direction: str,
    window: int,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """100% stacked bars: each top partner's share of the entity's imports or exports per window."""
    partners = "suppliers" if direction == "imports" else "recipients"
    title = f"Top {partners} of {entity_name}: share of {direction} per {window}-year period"
    if not len(shares):
        return empty_figure(info, title, f"No {direction} recorded for {entity_name} in these years.")
    order = partner_order(shares)
    colours = partner_colours(order, colours)
    periods = _period_labels(shares.drop_duplicates("period_start").sort_values("period_start"), window)
    traces = []
    for pid in order:
        part = shares[shares["partner_id"] == pid].sort_values("period_start")
        name = _name(names, pid, direction)
        x = _period_labels(part, window)
        pct = part["share_pct"].astype("float64").tolist()
        traces.append({
            "type": "bar", "x": x, "y": pct, "name": name,
            "marker": {"color": colours[pid], "line": {"width": 0.5, "color": "#fff"}},
            "text": [f"{p:.0f}%" if p >= SHARE_LABEL_MIN_PCT else "" for p in pct],
            "textposition": "inside", "insidetextanchor": "middle", "textfont": {"size": 10},
            "hovertext": [f"<b>{name}</b><br>{p}: {s:.1f}% ({format_tiv(v)} {TIV_UNIT_LABEL})"
                          for p, s, v in zip(x, pct, part["tiv_delivered_m"], strict=True)],
            "hoverinfo": "text", "meta": {"partner_id": pid},
        })
    layout = {
        "barmode": "stack", "bargap": 0.1,
        "xaxis": {"title": {"text": f"{window}-year period of delivery"}, "type": "category",
                  "categoryorder": "array", "categoryarray": periods},
        "yaxis": {"title": {"text": f"Share of {direction}, by TIV (%)"}, "range": [0, 100]},
        "margin": {"l": 70, "r": 200, "t": 80, "b": 95},
        "legend": {"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top", "xanchor": "left", "font": {"size": 12}},
    }
    subtitle = f"The {len([o for o in order if o != OTHERS])} biggest {partners} over these years; periods end in the range's last year"
    return _figure(traces, layout, info, title, subtitle, height=440)


def category_figure(
    imports: pd.DataFrame,
    exports: pd.DataFrame,
    info: ReleaseInfo,
    entity_name: str,
    window: int,
    has_categories: bool,
) -> go.Figure:
    """TIV per window by armament category: imports above, exports below."""
    title = f"{entity_name}: imports and exports by armament category, per {window}-year period"
    if not has_categories:
        return empty_figure(
            info, title,
            "This release's files give no armament categories: only SIPRI's delivery-level export has them.\n"
            "Ingest the delivery-level register for this release to see this breakdown.",
        )
    if not len(imports) and not len(exports):
        return empty_figure(info, title, f"No transfers recorded for {entity_name} in these years.")
    categories = sorted(set(imports["armament_category"]) | set(exports["armament_category"]), key=palette.category_sort_key)
    colours = {c: palette.category_colour(c) for c in categories}
    periods = sorted(set(imports["period_start"]) | set(exports["period_start"]))
    both = pd.concat([imports, exports]).drop_duplicates("period_start").sort_values("period_start")
    labels = dict(zip(both["period_start"], _period_labels(both, window), strict=True))
    traces = []
    for axis, frame, direction in (("", imports, "imports"), ("2", exports, "exports")):
        for category in categories:
            part = frame[frame["armament_category"] == category]
            if not len(part):
                continue
            shown = plain(category)
            x = [labels[p] for p in part["period_start"]]
            y = part["tiv_delivered_m"].astype("float64").tolist()
            traces.append({
                "type": "bar", "x": x, "y": y, "name": shown, "legendgroup": category,
                "showlegend": direction == "imports" or category not in set(imports["armament_category"]),
                "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                "marker": {"color": colours[category], "line": {"width": 0}},
                "hovertext": [f"<b>{shown}</b> ({direction})<br>{p}: {format_tiv(v)} {TIV_UNIT_LABEL}" for p, v in zip(x, y, strict=True)],
                "hoverinfo": "text", "meta": {"direction": direction, "category": category},
            })
    order = [labels[p] for p in periods]
    periods_axis: dict[str, Any] = {"type": "category", "categoryorder": "array", "categoryarray": order}
    layout = {
        "barmode": "stack", "bargap": 0.1,
        "xaxis": {**periods_axis, "anchor": "y", "showticklabels": True},
        "xaxis2": {**periods_axis, "anchor": "y2", "matches": "x", "title": {"text": f"{window}-year period of delivery"}},
        "yaxis": {"domain": [0.56, 1.0], "title": {"text": f"Imports, {TIV_UNIT_LABEL}"}},
        "yaxis2": {"domain": [0.0, 0.44], "title": {"text": f"Exports, {TIV_UNIT_LABEL}"}},
        "margin": {"l": 80, "r": 200, "t": 80, "b": 95},
        "legend": {"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top", "xanchor": "left", "font": {"size": 12}},
    }
    subtitle = "Imports (top) and exports (bottom); 'Category not given' where SIPRI's row has none"
    return _figure(traces, layout, info, title, subtitle, height=560)


def dependency_figure(
    frame: pd.DataFrame, names: Mapping[str, str], info: ReleaseInfo, entity_name: str, window: int,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Per window: the top supplier's share of imports (bars, named) and the HHI (line, right axis)."""
    title = f"Dependency of {entity_name} on its top supplier, per {window}-year period"
    if not len(frame):
        return empty_figure(info, title, f"No imports recorded for {entity_name} in these years.")
    x = _period_labels(frame, window)
    top = [plain(names.get(s, s)) for s in frame["top_supplier_id"]]
    share = frame["top_share_pct"].astype("float64").tolist()
    colours = partner_colours(list(dict.fromkeys(frame["top_supplier_id"])), colours)
    traces = [
        {
            "type": "bar", "x": x, "y": share, "name": "top supplier's share of imports (%)", "showlegend": False,
            "marker": {"color": [colours[s] for s in frame["top_supplier_id"]]},
            "text": top, "textposition": "inside", "textangle": -90, "insidetextanchor": "start",
            "textfont": {"size": 11, "color": "#fff"},
            "hovertext": [f"<b>{p}</b>: {t}, {s:.1f}% of imports ({format_tiv(v)} of {TIV_UNIT_LABEL})"
                          for p, t, s, v in zip(x, top, share, frame["tiv_delivered_m"], strict=True)],
            "hoverinfo": "text", "meta": {"kind": "top share"},
        },
        {
            "type": "scatter", "x": x, "y": frame["hhi"].astype("float64").tolist(), "yaxis": "y2",
            "mode": "lines+markers", "name": "concentration (HHI, right axis)",
            "line": {"color": "#000", "width": 2, "dash": "dash"}, "marker": {"size": 6},
            "hovertext": [f"{p}: HHI {int(h):,} ({n} suppliers)" for p, h, n in zip(x, frame["hhi"], frame["suppliers"], strict=True)],
            "hoverinfo": "text", "meta": {"kind": "hhi"},
        },
    ]
    layout = {
        "xaxis": {"title": {"text": f"{window}-year period of delivery"}, "type": "category"},
        "yaxis": {"title": {"text": "Top supplier's share of imports (%)"}, "range": [0, 100]},
        "yaxis2": {"title": {"text": "HHI (0-10,000)"}, "range": [0, 10000], "overlaying": "y", "side": "right", "showgrid": False},
        "margin": {"l": 70, "r": 80, "t": 80, "b": 120},
        "legend": BOTTOM_LEGEND,
    }
    subtitle = "Bar: the period's biggest supplier and its share; HHI above 2,500: imports concentrated on few suppliers"
    return _figure(traces, layout, info, title, subtitle, height=460, credit_shift=-112)


def compare_figure(
    series: pd.DataFrame,
    names: Mapping[str, str],
    info: ReleaseInfo,
    measure: str,
    years: tuple[int, int],
    allocated: frozenset[tuple[str, str]] = frozenset(),
) -> go.Figure:
    """One line per pair: TIV delivered per year, or its share of the recipient's imports;
    `allocated` pairs' yearly figures are this tool's even split of SIPRI's (said in the hover)."""
    what = TIV_UNIT_LABEL if measure == "tiv" else "share of the recipient's imports (%)"
    shown = "TIV delivered" if measure == "tiv" else "share of the recipient's imports"
    title = f"Pairs compared: {shown}, {years[0]}-{years[1]}"
    if not len(series):
        return empty_figure(info, title, "Add a pair (supplier and recipient) to compare.")
    traces: list[dict[str, Any]] = []
    # A line takes its supplier's colour (or, where two pairs share a supplier, the next free one).
    groups = list(series.groupby(["supplier_id", "recipient_id"], sort=False))
    line_colours: dict[str, str] = {}
    for (supplier, recipient), _ in groups:
        key = supplier if supplier not in line_colours else f"{supplier}:{recipient}"
        line_colours.update(palette.entity_colours([key], line_colours))
        line_colours[f"{supplier}:{recipient}"] = line_colours[key]
    for (supplier, recipient), part in groups:
        colour = line_colours[f"{supplier}:{recipient}"]
        label = f"{plain(names.get(supplier, supplier))} \u2192 {plain(names.get(recipient, recipient))}"
        column = "tiv_delivered_m" if measure == "tiv" else "share_pct"
        y = [None if pd.isna(v) else float(v) for v in part[column]]
        x = part["delivery_year"].astype("int64").tolist()
        est = part["tiv_estimated_m"].astype("float64").tolist()
        tiv = part["tiv_delivered_m"].astype("float64").tolist()
        total = part["recipient_imports_m"].astype("float64").tolist()
        mostly_estimated = [t > 0 and e >= t / 2 for e, t in zip(est, tiv, strict=True)]
        if not any(t > 0 for t in tiv):
            # Not a zero line, which reads as "measured: nothing": a legend entry that says so.
            traces.append({"type": "scatter", "mode": "lines", "x": [None], "y": [None],
                           "name": f"{label}: no deliveries recorded in these years",
                           "line": {"color": colour, "width": 2.5, "dash": "dot"}, "hoverinfo": "skip",
                           "meta": {"supplier_id": supplier, "recipient_id": recipient, "kind": "no deliveries"}})
            continue
        traces.append({
            "type": "scatter", "mode": "lines+markers", "x": x, "y": y, "name": label,
            "line": {"color": colour, "width": 2.5},
            "marker": {"size": 7, "color": colour,
                       "symbol": ["circle-open" if m else "circle" for m in mostly_estimated]},
            "hovertext": [
                f"<b>{label}</b><br>{yr}: {format_tiv(t)} {TIV_UNIT_LABEL}"
                + (f" (SIPRI estimates {format_tiv(e)})" if e > 0 else "")
                + (f"<br>{s:.1f}% of the recipient's {format_tiv(tot)}" if s is not None and measure == "share" else "")
                + (f"<br>recipient imported nothing in {yr}" if tot == 0 else "")
                + (f"<br>{ALLOCATED_WORDS}: SIPRI gives no split by year" if (supplier, recipient) in allocated else "")
                for yr, t, e, s, tot in zip(x, tiv, est, y, total, strict=True)
            ],
            "hoverinfo": "text", "meta": {"supplier_id": supplier, "recipient_id": recipient},
            "connectgaps": False,
        })
    layout = {
        "xaxis": {"title": {"text": "Year of delivery"}, "tickformat": "d", "range": [years[0] - 0.5, years[1] + 0.5]},
        "yaxis": {"title": {"text": what[0].upper() + what[1:]}, "rangemode": "tozero", **({"range": [0, 100]} if measure == "share" else {})},
        "hovermode": "closest",
        "margin": {"l": 70, "r": 20, "t": 80, "b": 120},
        "legend": BOTTOM_LEGEND,
    }
    subtitle = ("Same release and years for every pair; hollow mark: half or more of the year's figure is SIPRI's estimate"
                + ("; a gap: the recipient imported nothing that year" if measure == "share" else "")
                + (f"; yearly figures {ALLOCATED_WORDS} (SIPRI's spread evenly over the delivery years)" if allocated else ""))
    return _figure(traces, layout, info, title, subtitle, height=480, credit_shift=-112)


def sankey_figure(
    flows: pd.DataFrame, names: Mapping[str, str], info: ReleaseInfo, title: str
) -> go.Figure:
    """Suppliers (left) -> recipients (right), link width = TIV delivered in the period."""
    if not len(flows):
        return empty_figure(info, title, "No deliveries recorded for this selection and period.")
    suppliers = flows.groupby("supplier_id")["tiv_delivered_m"].sum().sort_values(ascending=False)
    recipients = flows.groupby("recipient_id")["tiv_delivered_m"].sum().sort_values(ascending=False)
    s_ids = [s for s in suppliers.index if s != OTHERS] + ([OTHERS] if OTHERS in suppliers.index else [])
    r_ids = [r for r in recipients.index if r != OTHERS] + ([OTHERS] if OTHERS in recipients.index else [])
    colours = partner_colours(s_ids)
    labels = [f"{_name(names, s, 'imports')} ({format_tiv(suppliers[s])})" for s in s_ids] + [
        f"{_name(names, r, 'exports')} ({format_tiv(recipients[r])})" for r in r_ids
    ]
    index_s = {s: i for i, s in enumerate(s_ids)}
    index_r = {r: len(s_ids) + i for i, r in enumerate(r_ids)}
    link_colours = [_rgba(colours[s], 0.45) for s in flows["supplier_id"]]
    trace = {
        "type": "sankey", "arrangement": "snap", "valueformat": ",.1f", "valuesuffix": f" {TIV_UNIT_LABEL}",
        "node": {"label": labels, "pad": 12, "thickness": 16, "line": {"width": 0.5, "color": "#555"},
                 "color": [colours[s] for s in s_ids] + ["#6b7280"] * len(r_ids),
                 "hovertemplate": "%{label}<extra></extra>"},
        "link": {
            "source": [index_s[s] for s in flows["supplier_id"]],
            "target": [index_r[r] for r in flows["recipient_id"]],
            "value": flows["tiv_delivered_m"].astype("float64").tolist(),
            "color": link_colours,
            "customdata": [
                f"{_name(names, s, 'imports')} \u2192 {_name(names, r, 'exports')}: {format_tiv(v)} {TIV_UNIT_LABEL}"
                + (f" (SIPRI estimates {format_tiv(e)})" if e > 0 else "")
                + (f"<br>{format_tiv(a)} of it {ALLOCATED_WORDS}, not SIPRI's figure: SIPRI gives these deals' "
                   "totals, which this tool spreads evenly over their delivery years" if a > 0 else "")
                for s, r, v, e, a in zip(flows["supplier_id"], flows["recipient_id"], flows["tiv_delivered_m"],
                                         flows["tiv_estimated_m"], _allocated(flows), strict=True)
            ],
            "hovertemplate": "%{customdata}<extra></extra>",
        },
    }
    height = max(420, 26 * max(len(s_ids), len(r_ids)) + 200)
    subtitle = "Suppliers left, recipients right; width: TIV delivered in the period (hover: how much SIPRI estimates)"
    return _figure([trace], {"margin": {"l": 20, "r": 20, "t": 80, "b": 95}}, info, title, subtitle, height=height)


def _allocated(flows: pd.DataFrame) -> list[float]:
    if "tiv_allocated_m" not in flows.columns:
        return [0.0] * len(flows)
    return flows["tiv_allocated_m"].astype("float64").fillna(0.0).tolist()


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def partner_map_figure(
    mapped: pd.DataFrame,
    info: ReleaseInfo,
    entity_name: str,
    entity_iso3: str | None,
    direction: str,
    years: tuple[int, int],
    beside_count: int,
) -> go.Figure:
    """World map of the entity's partners, shaded by TIV in the period; the entity itself in black."""
    partners = "suppliers" if direction == "imports" else "recipients"
    title = f"{partners.capitalize()} of {entity_name}, {years[0]}-{years[1]}"
    traces: list[dict[str, Any]] = []
    if len(mapped):
        tiv = mapped["tiv_delivered_m"].astype("float64").tolist()
        traces.append({
            "type": "choropleth", "locationmode": "ISO-3", "locations": mapped["iso3"].tolist(), "z": tiv,
            "colorscale": MAP_SCALE, "reversescale": True, "zmin": 0, "marker": {"line": {"color": "#fff", "width": 0.5}},
            "colorbar": {"title": {"text": TIV_UNIT_LABEL}, "thickness": 12, "len": 0.7},
            "hovertext": [f"<b>{plain(n)}</b><br>{format_tiv(v)} {TIV_UNIT_LABEL} ({s:.1f}%)"
                          for n, v, s in zip(mapped["name"], tiv, mapped["share_pct"], strict=True)],
            "hoverinfo": "text", "name": partners, "meta": {"kind": "partners"},
        })
    if entity_iso3:
        traces.append({
            "type": "choropleth", "locationmode": "ISO-3", "locations": [entity_iso3], "z": [1],
            "colorscale": [[0, ENTITY_COLOUR], [1, ENTITY_COLOUR]], "showscale": False,
            "hovertext": [f"<b>{plain(entity_name)}</b>"], "hoverinfo": "text", "name": plain(entity_name),
            "meta": {"kind": "entity"},
        })
    layout = {
        "geo": {"scope": "world", "resolution": 110, "projection": {"type": "natural earth"}, "showframe": False,
                "showcountries": True, "countrycolor": "#bbbbbb", "showland": True, "landcolor": "#f2f2f2",
                "showcoastlines": False, "lataxis": {"range": [-58, 85]}},
        "margin": {"l": 10, "r": 10, "t": 80, "b": 95},
    }
    if not len(mapped):
        layout["annotations"] = [{"text": f"No {partners} with a shape on this map in these years.", "xref": "paper",
                                  "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False, "font": {"size": 14}}]
    subtitle = f"{entity_name} in black; darker: more TIV" + (
        f"; {beside_count} partner(s) without a shape here are listed beside the map" if beside_count else "")
    return _figure(traces, layout, info, title, subtitle, height=480)
