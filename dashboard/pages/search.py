"""The search page: a weapon (designation or type) across every pair, with links to the pair page.

The URL holds the query and the release (`?q=TB2&release=all`). Data comes only through
`dashboard.verify_queries`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import verify_queries
from dashboard.app import current_settings
from dashboard.components import alert, credit
from etl.errors import ArmsExplorerError
from etl.verify.search import SearchResult, pair_link

dash.register_page(__name__, path="/search", title="Search a weapon - Arms Transfers Explorer", name="Search")

ALL = "all"


def _est(value: Any, flag: Any) -> str:
    if value is None or pd.isna(value):
        return "?"
    return f"{int(value)}{'?' if bool(flag) else ''}"


def result_children(result: SearchResult) -> list[Any]:
    """Pairs with their deals, each pair linked to its pair page."""
    if result.excluded is not None:
        return [alert(f"'{result.query.text}' is outside SIPRI's coverage ({result.excluded.category}): "
                      f"\"{result.excluded.quote}\" ({result.excluded.source_url})", kind="notice")]
    if result.rows.empty:
        return [html.P(f"Nothing recorded for '{result.query.describe()}' in release(s) "
                       f"{', '.join(result.releases)}.", id="search-empty")]
    out: list[Any] = [html.P(f"{len(result.rows)} deal(s) for '{result.query.describe()}', "
                             f"{len(result.pairs())} supplier -> recipient pair(s).", id="search-count")]
    for (supplier, recipient), frame in result.pairs():
        first = frame.iloc[0]
        rows = [html.Tr([
            html.Td(row["release"]), html.Td(row["designation"]), html.Td(row["description"]),
            html.Td(_est(row["units_ordered"], row["units_ordered_estimated"])),
            html.Td(_est(row["order_year"], row["order_year_estimated"])),
            html.Td(_est(row["units_delivered"], row["units_delivered_estimated"])),
            html.Td(row["delivery_years"] if isinstance(row["delivery_years"], str) else ""),
        ]) for _, row in frame.iterrows()]
        out.append(html.Section([
            html.H3(dcc.Link(f"{supplier} -> {recipient}",
                             href=pair_link(first["supplier_id"], first["recipient_id"], first["release"]))),
            html.Table([html.Thead(html.Tr([html.Th(h) for h in ("Release", "Designation", "Description", "Ordered",
                                                                 "Order year", "Delivered", "Delivery years")])),
                        html.Tbody(rows)], className="evidence"),
        ], className="search-pair panel"))
    return out


def layout(**query: Any) -> Any:
    settings = current_settings()
    try:
        releases = verify_queries.releases(settings)
    except ArmsExplorerError as exc:  # a damaged store: its sentence, not an error page
        return html.Div(alert(exc.message), className="page")
    if not releases:
        return html.Div(alert("The store holds no release yet: add SIPRI's files on the Data page."), className="page")
    text = query.get("q") or ""
    release = query.get("release") or releases[-1].label
    children: list[Any] = []
    if text:
        try:
            children = result_children(_search(settings, text, release))
        except ArmsExplorerError as exc:
            children = [alert(exc.message)]
    options = [{"label": "every release", "value": ALL}] + [
        {"label": f"{i.label} (data generated {i.data_generated_text})", "value": i.label} for i in reversed(releases)]
    return html.Div([
        dcc.Location(id="search-url", refresh=False),
        html.H2("Find a weapon in every pair"),
        html.Section([
            html.Div([html.Label("Designation or type (e.g. TB2, MH-60R, frigates, loitering munitions)",
                                 htmlFor="search-text"),
                      dcc.Input(id="search-text", value=text, type="text", debounce=True, className="text-input")],
                     className="control"),
            html.Div([html.Label("Release", htmlFor="search-release"),
                      dcc.Dropdown(id="search-release", options=options, value=release, clearable=False)],
                     className="control control-release"),
            html.Button("Search", id="search-run", className="button button-primary", n_clicks=0),
        ], className="panel controls"),
        dcc.Loading(html.Div(children, id="search-results"), type="dot", delay_show=300),
        credit(releases[-1] if release == ALL else next((i for i in releases if i.label == release), None),
               id="search-credit"),
    ], className="page search-page")


def _search(settings: Any, text: str, release: str) -> SearchResult:
    return verify_queries.search(settings, text, None if release == ALL else release, all_releases=release == ALL)


@callback(
    Output("search-url", "search"),
    Output("search-results", "children"),
    Input("search-run", "n_clicks"),
    Input("search-text", "value"),
    State("search-release", "value"),
    prevent_initial_call=True,
)
def search_clicked(_n: int, text: str | None, release: str | None) -> tuple[Any, ...]:
    settings = current_settings()
    release = release or ALL
    try:
        result = _search(settings, text or "", release)
    except ArmsExplorerError as exc:
        return dash.no_update, [alert(exc.message)]
    return "?" + urlencode({"q": text or "", "release": release}), result_children(result)
