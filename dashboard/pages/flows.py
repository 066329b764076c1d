"""Flows: a Sankey of suppliers -> recipients for a selection and period, and a world map of one
entity's partners. Partners without a shape on the map (historical states, non-state actors,
organisations, states too small for the map's scale) are listed beside it with their figures.

The map's base layer is served by the app itself (`assets/topojson/`), never fetched from a CDN.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import queries
from dashboard.app import current_settings
from dashboard.components import (
    GRAPH_CONFIG,
    release_control,
    years_control,
)
from dashboard.context import layout as cl
from dashboard.context import queries as cq
from dashboard.context import render as cr
from dashboard.context import view as cv
from dashboard.picking import ranked_picker_callbacks
from etl.errors import ArmsExplorerError

dash.register_page(__name__, path="/flows", title="Flows and map - Arms Transfers Explorer", name="Flows", order=5)

KIND = "flows"
P = "flows-"
CHARTS = cr.FLOWS_CHARTS


def map_config() -> dcc.Graph.Config:
    """The graph config pointing plotly.js at the topojson this app serves (no CDN)."""
    return {**GRAPH_CONFIG, "topojsonURL": dash.get_asset_url("topojson/")}


def layout(**query: Any) -> Any:
    """The flows and map the link's query string asks for."""
    opened = cl.view_for_layout(KIND, query)
    if isinstance(opened, html.Div):
        return opened
    data, view, notices = opened
    settings = current_settings()
    controls = html.Div(
        [
            release_control(P, queries.releases(settings), view.release),
            html.Div([html.Label("Supplier(s)", htmlFor=f"{P}supplier"),
                      dcc.Dropdown(id=f"{P}supplier", options=list(data.supplier_options), value=list(view.suppliers),
                                   multi=True, search_order="original", placeholder="Any supplier: type a name, e.g. China or USSR")],
                     className="control control-entity"),
            html.Div([html.Label("Recipient(s)", htmlFor=f"{P}recipient"),
                      dcc.Dropdown(id=f"{P}recipient", options=list(data.recipient_options), value=list(view.recipients),
                                   multi=True, search_order="original", placeholder="Any recipient: type a name")],
                     className="control control-entity"),
            cl.estimates_control(P, view.leave_out_estimates),
            years_control(P, data.first_year, data.last_year, view.from_year, view.to_year),
        ],
        className="panel controls",
    )
    map_controls = html.Div(
        [
            html.Div([html.Label("Map the partners of", htmlFor=f"{P}map"),
                      dcc.Dropdown(id=f"{P}map", options=cv.entity_options(data), value=view.map_entity, clearable=False,
                                   search_order="original")],
                     className="control control-entity"),
            html.Div([html.Label("Partners"),
                      dcc.RadioItems(id=f"{P}direction", value=view.direction, inline=True, options=[
                          {"label": " its suppliers (imports)", "value": "imports"},
                          {"label": " its recipients (exports)", "value": "exports"}])],
                     className="control"),
        ],
        className="map-controls",
    )
    beside = [html.H4("Partners without a shape on this map"),
              html.P("Every partner is counted: those the map cannot draw are listed here with their figures.",
                     className="kpi-note"),
              html.Div(id=f"{P}beside")]
    body = [
        cl.chart_panel(P, "sankey", data.info),
        html.Div([map_controls], className="panel"),
        cl.chart_panel(P, "map", data.info, config=map_config(), beside=beside),
    ]
    return cl.page_frame(P, notices, controls, body, data.info, KIND, cv.ranks_for(data))


@callback(
    *cl.view_outputs(P, CHARTS),
    Output(f"{P}beside", "children"),
    Input(f"{P}release", "value"),
    Input(f"{P}supplier", "value"),
    Input(f"{P}recipient", "value"),
    Input(f"{P}years", "value"),
    Input(f"{P}options", "value"),
    Input(f"{P}map", "value"),
    Input(f"{P}direction", "value"),
    State(f"{P}url", "href"),
    State(f"{P}url", "search"),
)
def update_view(
    release: str | None, suppliers: list[str] | None, recipients: list[str] | None, years: list[int] | None,
    options: list[str] | None, map_entity: str | None, direction: str | None, href: str | None, search: str | None,
) -> list[Any]:
    """The Sankey, the map and its list, code, credits, citation and URL for the controls."""
    settings = current_settings()
    try:
        data = queries.release_data(settings, release)
    except ArmsExplorerError as exc:
        return [*cl.failed_values(CHARTS, exc.message), dash.no_update]
    a, b = cv.clamp_years(years, data)
    known = cv.known_entities(data)
    view = cv.FlowsView(
        data.info.label, tuple(suppliers or ()), tuple(recipients or ()), a, b,
        map_entity if map_entity in known else None, direction if direction in cq.DIRECTIONS else "imports",
        "leave-out-estimates" in (options or []),
    )
    out = cr.render_flows(data, view, queries.store_root(settings))
    beside = cl.table_of(
        out.beside_map, [("name", "Partner (why not on the map)"), ("tiv_delivered_m", "TIV (millions)"), ("share_pct", "Share (%)")],
        id=f"{P}beside-table", empty="None: every partner in these years is drawn on the map.",
    )
    return [*cl.view_values(KIND, CHARTS, data, view, out, href, search), beside]


cl.register_downloads(P, KIND)
cl.register_release_changed(P, {"supplier": lambda data: list(data.supplier_options),
                                 "recipient": lambda data: list(data.recipient_options), "map": cv.entity_options})
ranked_picker_callbacks((f"{P}supplier", f"{P}recipient", f"{P}map"), f"{P}entity-ranks")
