"""The country profile: any entity's imports and exports by partner, shares per 5-year period,
armament categories, and its dependency on its top supplier.

Thin: callbacks turn inputs into a `ProfileView`; `dashboard.context.view` renders it.
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
from dashboard.context import events
from dashboard.context import layout as cl
from dashboard.context import render as cr
from dashboard.context import view as cv
from dashboard.context.profile import ProfileContextView
from dashboard.picking import ranked_picker_callbacks
from dashboard.viewstate import DEFAULT_CONTEXT, context_from_text, marks_from_text
from etl.errors import ArmsExplorerError

dash.register_page(__name__, path="/profile", title="Country profile - Arms Transfers Explorer", name="Profile", order=3)

KIND = "profile"
P = "profile-"
CHARTS = cr.PROFILE_CHARTS
# The year charts that get the context layers (conflicts, embargoes, marked dates).
CONTEXT_CHARTS = ("imports", "exports")


def layout(**query: Any) -> Any:
    """The profile the link's query string asks for."""
    opened = cl.view_for_layout(KIND, query)
    if isinstance(opened, html.Div):
        return opened
    data, view, notices = opened
    settings = current_settings()
    kinds, marks = context_from_text(query.get("context"), notices), marks_from_text(query.get("marks"))
    controls = html.Div(
        [
            release_control(P, queries.releases(settings), view.release),
            html.Div([html.Label("Country or other entity", htmlFor=f"{P}entity"),
                      dcc.Dropdown(id=f"{P}entity", options=cv.entity_options(data), value=view.entity, clearable=False,
                                   search_order="original",
                                   placeholder="Type a name: Pakistan, USSR, Hezbollah, NATO...")],
                     className="control control-entity"),
            cl.estimates_control(P, view.leave_out_estimates),
            years_control(P, data.first_year, data.last_year, view.from_year, view.to_year),
            *events.context_controls(P, kinds, marks),
        ],
        className="panel controls",
    )
    changes = html.Div(
        [html.H4("Years where the top supplier changed"),
         html.P("The biggest supplier of each year with imports, where it differs from the previous such year.",
                className="kpi-note"),
         html.Div(id=f"{P}changes")],
        className="changes",
    )
    body = [cl.chart_panel(P, name, data.info, extra=[changes] if name == "dependency" else None) for name in CHARTS]
    return cl.page_frame(P, notices, controls, body, data.info, KIND, cv.ranks_for(data))


@callback(
    *cl.view_outputs(P, CHARTS),
    Output(f"{P}changes", "children"),
    Input(f"{P}release", "value"),
    Input(f"{P}entity", "value"),
    Input(f"{P}years", "value"),
    Input(f"{P}options", "value"),
    State(f"{P}url", "href"),
    State(f"{P}url", "search"),
    State(f"{P}context", "value"),
    State(f"{P}context-marks", "value"),
)
def update_view(
    release: str | None, entity: str | None, years: list[int] | None, options: list[str] | None,
    href: str | None, search: str | None, context: list[str] | None = None, marks: str | None = None,
) -> list[Any]:
    """The whole profile for the controls: URL, charts, code, credits, citation, changes."""
    settings = current_settings()
    try:
        data = queries.release_data(settings, release)
    except ArmsExplorerError as exc:
        return [*cl.failed_values(CHARTS, exc.message), dash.no_update]
    a, b = cv.clamp_years(years, data)
    view = ProfileContextView(data.info.label, entity if entity in cv.known_entities(data) else None, a, b,
                              "leave-out-estimates" in (options or []),
                              DEFAULT_CONTEXT if context is None else events.parse_kinds(context), (marks or "").strip())
    out = cr.render_profile(data, view, queries.store_root(settings))
    if view.entity:
        marked, mark_notices = events.parse_marks(view.marks)
        out.notices.extend(mark_notices)
        layers = events.event_layers((view.entity,), (), (a, b), queries.store_root(settings), view.context, marked)
        for name in CONTEXT_CHARTS:
            out.figures[name] = events.apply_event_layers(out.figures[name], layers)
    changes = cl.table_of(
        out.changes, [("delivery_year", "Year"), ("top_supplier", "Top supplier"), ("previous_supplier", "Before"),
                      ("top_share_pct", "Its share of the year's imports (%)")],
        id=f"{P}changes-table", empty="No change of top supplier in these years (or no imports).",
    )
    return [*cl.view_values(KIND, CHARTS, data, view, out, href, search), changes]


@callback(
    *[Output(o.component_id, o.component_property, allow_duplicate=True) for o in cl.view_outputs(P, CHARTS)],
    Output(f"{P}changes", "children", allow_duplicate=True),
    Input(f"{P}context", "value"),
    Input(f"{P}context-marks", "value"),
    State(f"{P}release", "value"),
    State(f"{P}entity", "value"),
    State(f"{P}years", "value"),
    State(f"{P}options", "value"),
    State(f"{P}url", "href"),
    State(f"{P}url", "search"),
    prevent_initial_call=True,
)
def context_changed(context: list[str] | None, marks: str | None, release: str | None, entity: str | None,
                    years: list[int] | None, options: list[str] | None, href: str | None, search: str | None) -> list[Any]:
    """The context layers switched or dates marked: the profile again, with its link."""
    return update_view(release, entity, years, options, href, search, context or [], marks)


cl.register_downloads(P, KIND)
cl.register_release_changed(P, {"entity": cv.entity_options})
ranked_picker_callbacks((f"{P}entity",), f"{P}entity-ranks")
