"""Compare: several supplier -> recipient pairs on one chart, in TIV or as a share of the
recipient's imports, over the same years and release.

Thin: callbacks turn inputs into a `CompareView`; `dashboard.context.view` renders it.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import queries
from dashboard.app import current_settings
from dashboard.components import (
    release_control,
    years_control,
)
from dashboard.context import layout as cl
from dashboard.context import queries as cq
from dashboard.context import render as cr
from dashboard.context import view as cv
from dashboard.picking import ranked_picker_callbacks
from etl.errors import ArmsExplorerError

dash.register_page(__name__, path="/compare", title="Compare pairs - Arms Transfers Explorer", name="Compare", order=4)

KIND = "compare"
P = "compare-"
CHARTS = cr.COMPARE_CHARTS


def pair_value(supplier: str, recipient: str) -> str:
    return f"{supplier}{cv.PAIR_SEPARATOR}{recipient}"


def pair_options(data: queries.ReleaseData, pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    name = data.resolver.display_name
    return [{"label": f"{name(s)} \u2192 {name(r)}", "value": pair_value(s, r)} for s, r in pairs]


def layout(**query: Any) -> Any:
    """The comparison the link's query string asks for."""
    opened = cl.view_for_layout(KIND, query)
    if isinstance(opened, html.Div):
        return opened
    data, view, notices = opened
    settings = current_settings()
    pairs = list(view.pairs)
    controls = html.Div(
        [
            release_control(P, queries.releases(settings), view.release),
            html.Div([html.Label("Pairs on the chart", htmlFor=f"{P}pairs"),
                      dcc.Dropdown(id=f"{P}pairs", options=pair_options(data, pairs),
                                   value=[pair_value(s, r) for s, r in pairs], multi=True,
                                   placeholder="Add pairs below")],
                     className="control control-pairs"),
            html.Div([html.Label("Show"),
                      dcc.RadioItems(id=f"{P}measure", value=view.measure, inline=True, options=[
                          {"label": " TIV delivered", "value": "tiv"},
                          {"label": " share of the recipient's imports", "value": "share"}])],
                     className="control"),
            html.Div([html.Label("Add a pair: supplier", htmlFor=f"{P}add-supplier"),
                      dcc.Dropdown(id=f"{P}add-supplier", options=list(data.supplier_options), search_order="original",
                                   placeholder="Supplier: e.g. China, Turkey, USA")],
                     className="control"),
            html.Div([html.Label("recipient", htmlFor=f"{P}add-recipient"),
                      dcc.Dropdown(id=f"{P}add-recipient", options=list(data.recipient_options), search_order="original",
                                   placeholder="Recipient: e.g. Pakistan")],
                     className="control"),
            html.Div([html.Button("Add pair", id=f"{P}add", className="button button-primary", n_clicks=0),
                      html.Span(id=f"{P}add-notice", className="kpi-note")],
                     className="control control-add"),
            years_control(P, data.first_year, data.last_year, view.from_year, view.to_year),
            cl.estimates_control(P, view.leave_out_estimates),
        ],
        className="panel controls",
    )
    body = [cl.chart_panel(P, name, data.info) for name in CHARTS]
    return cl.page_frame(P, notices, controls, body, data.info, KIND, cv.ranks_for(data))


@callback(
    Output(f"{P}pairs", "options"),
    Output(f"{P}pairs", "value"),
    Output(f"{P}add-notice", "children"),
    Input(f"{P}add", "n_clicks"),
    State(f"{P}add-supplier", "value"),
    State(f"{P}add-recipient", "value"),
    State(f"{P}pairs", "options"),
    State(f"{P}pairs", "value"),
    State(f"{P}release", "value"),
    prevent_initial_call=True,
)
def add_pair(_clicks: int, supplier: str | None, recipient: str | None, options: list[dict[str, str]] | None,
             value: list[str] | None, release: str | None) -> tuple[Any, ...]:
    """The chosen supplier and recipient added to the pairs on the chart."""
    if not supplier or not recipient:
        return dash.no_update, dash.no_update, "Choose a supplier and a recipient first."
    value = list(value or [])
    new = pair_value(supplier, recipient)
    if new in value:
        return dash.no_update, dash.no_update, "That pair is already on the chart."
    if len(value) >= cq.CONFIG.max_pairs:
        return dash.no_update, dash.no_update, f"At most {cq.CONFIG.max_pairs} pairs on one chart."
    data = queries.release_data(current_settings(), release)
    options = [o for o in (options or []) if o["value"] != new] + pair_options(data, [(supplier, recipient)])
    return options, [*value, new], ""


@callback(
    *cl.view_outputs(P, CHARTS),
    Input(f"{P}release", "value"),
    Input(f"{P}pairs", "value"),
    Input(f"{P}years", "value"),
    Input(f"{P}measure", "value"),
    Input(f"{P}options", "value"),
    State(f"{P}url", "href"),
    State(f"{P}url", "search"),
)
def update_view(
    release: str | None, pairs: list[str] | None, years: list[int] | None, measure: str | None,
    options: list[str] | None, href: str | None, search: str | None,
) -> list[Any]:
    """The chart, code, credits, citation and URL for the pairs chosen."""
    settings = current_settings()
    try:
        data = queries.release_data(settings, release)
    except ArmsExplorerError as exc:
        return cl.failed_values(CHARTS, exc.message)
    notices: list[str] = []
    parsed = cv.parse_pairs(",".join(pairs or []), data, notices)
    a, b = cv.clamp_years(years, data)
    view = cv.CompareView(data.info.label, parsed, a, b, measure if measure in cv.MEASURES else "tiv",
                          "leave-out-estimates" in (options or []))
    out = cr.render_compare(data, view, queries.store_root(settings))
    out = cr.Rendered(out.figures, out.tables, out.code, [*notices, *out.notices], out.headline)
    return cl.view_values(KIND, CHARTS, data, view, out, href, search)


cl.register_downloads(P, KIND)
cl.register_release_changed(
    P, {"add-supplier": lambda data: list(data.supplier_options), "add-recipient": lambda data: list(data.recipient_options)})
ranked_picker_callbacks((f"{P}add-supplier", f"{P}add-recipient"), f"{P}entity-ranks")
