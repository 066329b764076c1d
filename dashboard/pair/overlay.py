"""Under the pair page's TIV chart: the yearly series as CSV and XLSX with its 'reproduce' code,
and the pair's TIV by year in two releases on one chart (bars: the release shown; line: the
release compared), so SIPRI's revision of past years is seen, year by year.

The chart is drawn after the main callback's answer, from the view it leaves in `view-store`
(the TIV chart above it comes first), and only when what it draws changes: choosing a deal, the
shares' periods or the TIV chart's stacking leave it as it is. Its downloads read the same view,
so this module adds to the page without touching the main callback's outputs.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import colours, queries, response_cache
from dashboard.components import chart_graph, chart_tools, credit, release_options, triggered_id
from dashboard.context import code as context_code
from dashboard.pair import compare as rc
from dashboard.pair import figures
from dashboard.pair.view import (
    names_text,
    pair_query,
    query_text,
    view_from_link,
)
from dashboard.viewstate import PairView, parse_query
from etl import exports
from etl.config import TIV_UNIT_LABEL, Settings
from etl.errors import ArmsExplorerError
from etl.provenance import credit_line, provenance_lines
from etl.store import ReleaseInfo

CHART = "overlay"
SERIES_COLUMN = TIV_UNIT_LABEL  # "TIV (millions)": never a currency


# ---- layout -----------------------------------------------------------------------------------


def series_tools() -> html.Div:
    """The yearly series' downloads (made on the server when asked) and its reproduce code."""
    return html.Div(
        [
            html.Span("Yearly series: "),
            html.Button("CSV", id="series-csv", className="button button-small", n_clicks=0),
            html.Button("XLSX", id="series-xlsx", className="button button-small", n_clicks=0),
            dcc.Download(id="series-download"),
            html.Details(
                [html.Summary("Reproduce this series (pandas, over the store's tables made from SIPRI's files)"),
                 html.Pre(id="series-code", className="reproduce-code")],
                className="reproduce",
            ),
        ],
        className="chart-tools series-tools",
    )


def overlay_block(info: ReleaseInfo, releases: list[ReleaseInfo], view: PairView) -> html.Section:
    """Two releases on one chart, with the control that picks the release compared."""
    options = [o for o in release_options(releases) if o["value"] != view.release]
    control = html.Div(
        [html.Label("Compare with release", htmlFor="compare-release"),
         dcc.Dropdown(id="compare-release", options=options, value=view.compare_release or None, clearable=False,
                      placeholder="The store holds one release only", disabled=not options)],
        className="control control-release",
    )
    return html.Section([control, dcc.Store(id=f"{CHART}-key"), chart_graph(CHART),
                         html.P(id=f"{CHART}-note", className="chart-note"),
                         chart_tools("", CHART), credit(info, id=f"{CHART}-credit")], className="panel chart")


# ---- figure -----------------------------------------------------------------------------------


def _value(v: float | None) -> str:
    return "not covered" if v is None or pd.isna(v) else figures.format_tiv(float(v))


def overlay_figure(
    current: pd.Series, compared: pd.Series, info: ReleaseInfo, other: ReleaseInfo, years: tuple[int, int],
    covered: tuple[int, int], title: str, allocated: tuple[set[int], set[int]] = (set(), set()),
) -> Any:
    """Bars: TIV by year in release `info`; line: the same in release `other` (None outside the
    years `other` covers, never a zero); each hover gives both values and the difference."""
    span = list(range(years[0], years[1] + 1))
    now = current.reindex(span, fill_value=0.0).astype("float64")
    then = compared.reindex(span, fill_value=0.0).astype("float64")
    then[[y < covered[0] or y > covered[1] for y in span]] = float("nan")
    diff = now - then
    mine, theirs = allocated
    notes = []
    for y, d in zip(span, diff, strict=True):
        note = "" if pd.isna(d) else f"{'+' if d > 0 else ''}{figures.format_tiv(d)}"
        parts = [f"Difference ({info.label} \u2212 {other.label}): {note or 'not comparable'}"]
        if y in mine or y in theirs:
            parts.append("includes figures " + figures.ALLOCATED_WORDS + " (SIPRI gives no split by year) in "
                         + " and ".join(label for label, years_ in ((info.label, mine), (other.label, theirs)) if y in years_))
        notes.append("<br>".join(parts))
    hover = [f"<b>{y}</b><br>Release {info.label}: {_value(a)}<br>Release {other.label}: {_value(b)}<br>{n}"
             f"<extra>{TIV_UNIT_LABEL}</extra>"
             for y, a, b, n in zip(span, now, then, notes, strict=True)]
    traces: list[dict[str, Any]] = [
        {"type": "bar", "x": span, "y": now.round(2).tolist(), "name": f"bars: release {info.label} (data generated {info.data_generated_text})",
         "marker": {"color": colours.OKABE_ITO[0], "line": {"width": 0}} | (
             {"pattern": {"shape": [colours.ALLOCATED_PATTERN if y in mine else "" for y in span], "fillmode": "overlay",
                          "fgcolor": colours.PATTERN_COLOUR, "size": 6, "solidity": 0.35}} if mine else {}),
         "hovertext": hover, "hovertemplate": "%{hovertext}", "meta": {"kind": "current release"}},
        {"type": "scatter", "mode": "lines+markers", "x": span, "y": [None if pd.isna(v) else round(float(v), 2) for v in then],
         "name": f"line: release {other.label} (data generated {other.data_generated_text})",
         "line": {"color": colours.LINE_COLOUR, "width": 2}, "marker": {"color": colours.LINE_COLOUR, "size": 6},
         "connectgaps": False, "hoverinfo": "skip", "meta": {"kind": "compared release"}},
    ]
    if mine or theirs:
        traces += figures.pattern_keys({(False, True)})
    layout = {
        "barmode": "overlay",
        "hovermode": "x",  # one label per year, the bar's, giving both releases and the difference
        "xaxis": {"title": {"text": "Year of delivery"}, "tickformat": "d", **figures.FIXED_MARGIN},
        "yaxis": {"title": {"text": TIV_UNIT_LABEL}, "rangemode": "tozero", **figures.FIXED_MARGIN},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.24, "x": 0, "font": {"size": 12}, "traceorder": "normal"},
        "margin": {"l": 70, "r": 20, "t": 80, "b": 150},
        "annotations": [{
            "text": figures.plain(credit_line(other)), "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -144,
            "xanchor": "left", "yanchor": "bottom", "showarrow": False, "font": {"size": 10, "color": "#555"},
            "name": "credit",
        }],
    }
    total_now, total_then = float(now.sum()), float(then[then.notna()].sum())
    subtitle = (f"Bars: release {info.label}; line: release {other.label}"
                + (f" (covers {covered[0]}-{covered[1]})" if covered[1] < years[1] or covered[0] > years[0] else "")
                + f". Totals: {figures.format_tiv(total_now)} and {figures.format_tiv(total_then)}.")
    return figures._figure(traces, layout, info, title, subtitle, height=480, credit_shift=-130)


# ---- the view's data --------------------------------------------------------------------------


def revision_note(info: ReleaseInfo, other: ReleaseInfo, allocated: tuple[set[int], set[int]]) -> str:
    """What a difference between the bars and the line can mean."""
    note = (f"Where the bars and the line differ, SIPRI revised its figures between release {other.label} and "
            f"release {info.label}.")
    split = [label for label, ys in ((info.label, allocated[0]), (other.label, allocated[1])) if ys]
    if split:
        note += (f" Release {' and '.join(split)} gives no split by year: its yearly figures (hatched) are this "
                 "tool's even split of each deal's total over its delivery years, so a difference in one year can "
                 "be that split rather than SIPRI's revision; compare the totals over a deal's delivery years.")
    return note


def _view(settings: Settings, store: dict[str, Any]) -> tuple[PairView, queries.ReleaseData]:
    view, _, data = view_from_link(settings, parse_query(store["search"]))
    return view, data


def yearly_series(data: queries.ReleaseData, view: PairView) -> pd.DataFrame:
    """The TIV chart's totals, every year of the view listed: delivery_year, TIV (millions), and
    whether the year holds this tool's even split."""
    rows = queries.pair_deliveries(data, pair_query(view))
    span = range(view.from_year, view.to_year + 1)
    totals = rows.groupby("delivery_year")["tiv_delivered_m"].sum().astype("float64") if len(rows) else pd.Series(dtype="float64")
    allocated = set(rows.loc[rows["is_allocated"].astype("bool"), "delivery_year"].astype("int64")) if len(rows) else set()
    return pd.DataFrame({
        "delivery_year": list(span),
        SERIES_COLUMN: [round(float(totals.get(y, 0.0)), 2) for y in span],
        "allocated_by_this_tool": [y in allocated for y in span],
    })


def series_lines(data: queries.ReleaseData, view: PairView, link: str) -> list[str]:
    lines = provenance_lines(data.info, f"{query_text(data, view)}; view: {link}")
    lines.insert(1, f"Data generated: {data.info.data_generated_text} (SIPRI, release {data.info.label})")
    lines.append("allocated_by_this_tool: the year's figure includes deliveries this tool spread evenly over "
                 "a deal's delivery years (SIPRI's classic register gives no split by year).")
    return lines


def series_code(settings: Settings, data: queries.ReleaseData, view: PairView) -> str:
    folder = context_code.release_folder(queries.store_root(settings), data.info.path)
    return context_code.pair_series(folder, view.suppliers, view.recipients, view.from_year, view.to_year,
                                    view.categories, view.leave_out_estimates)


# ---- callbacks --------------------------------------------------------------------------------


def overlay_shown(store: dict[str, Any] | None) -> tuple[Any, ...]:
    """The two-release chart and the series' reproduce code for the view."""
    from dashboard.app import current_settings
    from dashboard.components import credit_children

    if not store:
        return no_update, no_update, no_update, no_update
    settings = current_settings()
    view, data = _view(settings, store)
    code = series_code(settings, data, view)
    pair = f"{names_text(data, view.suppliers, 'Any supplier')} \u2192 {names_text(data, view.recipients, 'any recipient')}"
    title = f"TIV delivered by year in two releases: {pair}, {view.from_year}-{view.to_year}"
    if not view.compare_release or (not view.suppliers and not view.recipients):
        why = ("The store holds one release only:\nadd another release\nto see what SIPRI revised."
               if not view.compare_release else "Choose a supplier or a recipient.")
        return figures.empty_figure(data.info, title, why), credit_children(data.info), code, ""
    other = queries.release_data(settings, view.compare_release)
    query = pair_query(view)
    current = rc.tiv_by_year(settings, data.info.label, query)
    compared = rc.tiv_by_year(settings, other.info.label, query)
    allocated = (rc.allocated_years(settings, data.info.label, query), rc.allocated_years(settings, other.info.label, query))
    figure = overlay_figure(current, compared, data.info, other.info, (view.from_year, view.to_year),
                            (other.first_year, other.last_year), title, allocated)
    return (figure, [*credit_children(data.info), " ", credit_line(other.info)], code,
            revision_note(data.info, other.info, allocated))


def overlay_key(view: PairView) -> list[Any]:
    """What the two-release chart draws from: the pair, years, categories, figures and releases
    (not the chosen deal, the shares' periods, the TIV chart's stacking or the context layers)."""
    return [view.release, list(view.suppliers), list(view.recipients), view.from_year, view.to_year,
            list(view.categories), view.leave_out_estimates, view.open_orders, view.compare_release]


def overlay_for_view(store: dict[str, Any] | None, drawn: list[Any] | None) -> tuple[Any, ...]:
    """`overlay_shown` for the main callback's view, and its key; nothing sent where the chart
    already shows that key's view (a deal chosen, the shares' periods switched)."""
    from dashboard.app import current_settings

    if not store:
        return (no_update,) * 5
    try:
        view, _ = _view(current_settings(), store)
    except ArmsExplorerError:
        return (no_update,) * 5  # the main callback says why
    key = overlay_key(view)
    if key == drawn:
        return (no_update,) * 5
    return (*overlay_shown(store), key)


def series_download(_csv: int, _xlsx: int, store: dict[str, Any] | None) -> Any:
    """The yearly series as CSV or XLSX, headed by SIPRI's credit, the data date, query and units."""
    from dashboard.app import current_settings

    if not store:
        return no_update
    settings = current_settings()
    if triggered_id() == "series-xlsx":
        return dcc.send_bytes(*xlsx_series(settings, store))
    view, data = _view(settings, store)
    lines = series_lines(data, view, store.get("link", ""))
    return {"content": exports.csv_text(yearly_series(data, view), lines), "filename": store["stem"] + "_yearly.csv",
            "type": "text/csv"}


def xlsx_series(settings: Settings, store: dict[str, Any]) -> tuple[bytes, str]:
    """The yearly series as an XLSX workbook (the series and an About sheet) and its file name."""
    view, data = _view(settings, store)
    lines = series_lines(data, view, store.get("link", ""))
    return (exports.xlsx_bytes({"Yearly series": yearly_series(data, view), "About": exports.about_sheet(lines)}),
            store["stem"] + "_yearly.xlsx")


def compare_choices(release: str | None, compare: str | None) -> tuple[Any, Any]:
    """The releases to compare with: every other one; the one before the release shown unless
    the one chosen is still another release."""
    from dashboard.app import current_settings
    from dashboard.viewstate import default_compare

    infos = queries.releases(current_settings())
    labels = tuple(i.label for i in infos)
    options = [o for o in release_options(infos) if o["value"] != release]
    value = compare if compare in labels and compare != release else default_compare(labels, str(release)) or None
    return options, value if value != compare else no_update


def register_callbacks() -> None:
    """Adds this module's callbacks to the app being built (the pair page calls it: Dash takes
    callbacks registered at import into the first app only, and tests build several)."""
    response_cache.pure(f"{CHART}-chart.figure")  # from the request and the store alone
    callback(
        Output(f"{CHART}-chart", "figure"),
        Output(f"{CHART}-credit", "children"),
        Output("series-code", "children"),
        Output(f"{CHART}-note", "children"),
        Output(f"{CHART}-key", "data"),
        Input("view-store", "data"),
        State(f"{CHART}-key", "data"),
    )(overlay_for_view)
    callback(
        Output("series-download", "data"),
        Input("series-csv", "n_clicks"),
        Input("series-xlsx", "n_clicks"),
        State("view-store", "data"),
        prevent_initial_call=True,
    )(series_download)
    callback(
        Output("compare-release", "options"),
        Output("compare-release", "value"),
        Input("release", "value"),
        State("compare-release", "value"),
        prevent_initial_call=True,
    )(compare_choices)
