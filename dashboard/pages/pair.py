"""The pair page: supplier(s) -> recipient(s) over time, deal by deal.

Thin by design: callbacks turn inputs into a `PairView`, ask `dashboard.queries`, and hand the
frames to `dashboard.pair.figures`. The URL's query string holds the whole view.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash
from dash import (
    Input,
    Output,
    State,
    callback,
    dcc,
    html,
)

from dashboard import queries, response_cache
from dashboard.app import current_settings
from dashboard.brief.buttons import brief_buttons, pair_brief
from dashboard.components import (
    alert,
    chart_download_callback,
    chart_graph,
    chart_tools,
    cite_details,
    credit,
    credit_children,
    empty_store_panel,
    public_link,
    release_control,
    triggered_id,
    view_bibtex,
    year_marks,
    years_control,
)
from dashboard.context import events
from dashboard.pair import overlay
from dashboard.pair import register as rg
from dashboard.pair.view import (
    csv_download,
    file_stem,
    render,
    view_from_controls,
    view_from_link,
    xlsx_download,
)
from dashboard.picking import ranked_picker_callbacks
from dashboard.viewstate import PairView, sort_from_table, without_deal
from etl.errors import ArmsExplorerError
from etl.provenance import citation_bibtex, citation_ris, citation_text

dash.register_page(__name__, path="/", title="Pair - Arms Transfers Explorer", name="Pair", order=0)

CHARTS = ("tiv", "timeline", "shares")


# ---- layout -----------------------------------------------------------------------------------


def layout(**query: Any) -> Any:
    """The page for the view the link's query string asks for."""
    settings = current_settings()
    try:
        if not queries.releases(settings):
            return html.Div(empty_store_panel(), className="page")
        view, notices, data = view_from_link(settings, query)
    except ArmsExplorerError as exc:
        return html.Div([alert(exc.message), empty_store_panel(exc.message)], className="page")
    return page(settings, data, view, notices)


def _checked(view: PairView) -> list[str]:
    return [v for v, on in (("leave-out-estimates", view.leave_out_estimates), ("open-orders", view.open_orders)) if on]


def chart_block(name: str, info: Any) -> html.Section:
    return html.Section([chart_graph(name), chart_tools("", name), credit(info, id=f"{name}-credit")], className="panel chart")


def page(settings: Any, data: queries.ReleaseData, view: PairView, notices: list[str]) -> html.Div:
    info = data.info
    controls = html.Div(
        [
            release_control("", queries.releases(settings), view.release),
            html.Div([html.Label("Supplier(s)", htmlFor="supplier"),
                      dcc.Dropdown(id="supplier", options=list(data.supplier_options), value=list(view.suppliers),
                                   multi=True, search_order="original", placeholder="Any supplier: type a name, e.g. Turkey or USSR")],
                     className="control control-entity"),
            html.Div([html.Label("Recipient(s)", htmlFor="recipient"),
                      dcc.Dropdown(id="recipient", options=list(data.recipient_options), value=list(view.recipients),
                                   multi=True, search_order="original", placeholder="Any recipient: type a name")],
                     className="control control-entity"),
            html.Div([html.Label("Armament categories", htmlFor="category"),
                      dcc.Dropdown(id="category", options=list(data.categories), value=list(view.categories), multi=True,
                                   placeholder="All categories" if data.categories else "Not given in this release's files",
                                   disabled=not data.categories)],
                     className="control control-category"),
            years_control("", data.first_year, data.last_year, view.from_year, view.to_year),
            html.Div([html.Label("Direction"),
                      html.Button("Swap supplier and recipient \u21c4", id="swap", className="button", n_clicks=0,
                                  title="Show the recipient(s) as supplier(s) and the other way round"),
                      html.Span(id="swap-notice", className="kpi-note")],
                     className="control control-swap"),
            html.Div([html.Label("Stack the TIV chart by"),
                      dcc.RadioItems(id="by", options=[{"label": " category", "value": "category"},
                                                       {"label": " designation", "value": "designation"}],
                                     value=view.by, inline=True)],
                     className="control"),
            html.Div([html.Label("Figures"),
                      dcc.Checklist(id="options", value=_checked(view), options=[
                          {"label": " leave out SIPRI's estimated figures (?)", "value": "leave-out-estimates"},
                          {"label": " show open orders", "value": "open-orders"},
                      ])],
                     className="control"),
            *events.context_controls("", view.context, view.marks),
        ],
        className="panel controls",
    )
    key_search = without_deal(view).query_string()
    filter_query = rg.filter_text(rg.filter_model(view.register_filter))
    register_state = {"filter": filter_query, "sort": rg.sort_by(rg.column_state(view.register_sort)),
                      "page": view.register_page, "search": key_search}
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="view-store"),
            dcc.Store(id="entity-ranks", data=data.picker_ranks),
            # The view without its chosen deal: the register is fetched again only when it changes.
            dcc.Store(id="register-key"),
            # The register's filter, sort and page as last shown (for the link), and the chosen deal.
            dcc.Store(id="register-state", data=register_state),
            dcc.Store(id="chosen-deal", data=view.deal),
            html.Div([alert(n, kind="notice") for n in notices], id="link-notice", role="status"),
            html.Div(id="view-notice"),
            controls,
            html.Div(id="headline", className="headline"),
            brief_buttons(""),
            html.Section([chart_graph("tiv"), chart_tools("", "tiv"), overlay.series_tools(), credit(info, id="tiv-credit")],
                         className="panel chart"),
            overlay.overlay_block(info, queries.releases(settings), view),
            chart_block("timeline", info),
            html.Section(
                [
                    dcc.RadioItems(id="shares", options=[{"label": " 5-year periods", "value": "5y"},
                                                         {"label": " yearly", "value": "yearly"}],
                                   value=view.shares, inline=True, className="shares-toggle"),
                    *chart_block("shares", info).children,
                ],
                className="panel chart",
            ),
            html.Section(
                [
                    html.H3("Deal register"),
                    html.P("Click a deal's row to mark it in the charts (click it again to clear). "
                           "A '?' marks a figure SIPRI estimates. Type in the row under the header to filter "
                           "(e.g. TB2, or > 2015 under a year or number); click a header to sort. Hover a "
                           "header for SIPRI's own name of the column. "
                           "The downloads hold every deal the filter keeps, not just this page."),
                    rg.chooser(view.compare_release),
                    rg.pager(),
                    html.Div(rg.grid(view.register_sort, filter_query, view.deal, view.compare_release),
                             className="register-card"),
                    html.Div(
                        [
                            html.Button("Download deals (CSV)", id="download-csv", className="button", n_clicks=0),
                            html.Button("Download deals (XLSX)", id="download-xlsx", className="button", n_clicks=0),
                            dcc.Download(id="download"),
                            cite_details(""),
                        ],
                        className="exports",
                    ),
                    credit(info, id="register-credit"),
                ],
                className="panel",
            ),
        ],
        className="page pair-page",
    )


# ---- callbacks --------------------------------------------------------------------------------


@callback(
    Output("supplier", "options"),
    Output("recipient", "options"),
    Output("category", "options"),
    Output("category", "disabled"),
    Output("years", "min"),
    Output("years", "max"),
    Output("years", "marks"),
    *[Output(f"{name}-credit", "children") for name in (*CHARTS, "register")],
    Input("release", "value"),
    prevent_initial_call=True,
)
def release_changed(release: str | None) -> tuple[Any, ...]:
    """Controls' choices and the credit lines for the release chosen."""
    try:
        data = queries.release_data(current_settings(), release)
    except ArmsExplorerError:
        return (dash.no_update,) * 11
    return (list(data.supplier_options), list(data.recipient_options), list(data.categories),
            not data.categories, data.first_year, data.last_year, year_marks(data.first_year, data.last_year),
            *[credit_children(data.info)] * 4)


# The view and the register page answer from the request and the store alone: answers are kept
# per store generation (dashboard/response_cache.py).
response_cache.pure("tiv-chart.figure", "register-count.children")


# The view's outputs by name: the callback answers a dict with every one of these keys.
VIEW_OUTPUTS = {
    "search": Output("url", "search"),
    "notice": Output("view-notice", "children"),
    "headline": Output("headline", "children"),
    "tiv": Output("tiv-chart", "figure"),
    "timeline": Output("timeline-chart", "figure"),
    "shares": Output("shares-chart", "figure"),
    "register_key": Output("register-key", "data"),
    "store": Output("view-store", "data"),
    "cite_text": Output("cite-text", "children"),
    "cite_bibtex": Output("cite-bibtex", "children"),
    "cite_ris": Output("cite-ris", "children"),
}


@callback(
    output=VIEW_OUTPUTS,
    inputs=[
        Input("release", "value"),
        Input("supplier", "value"),
        Input("recipient", "value"),
        Input("years", "value"),
        Input("category", "value"),
        Input("by", "value"),
        Input("options", "value"),
        Input("shares", "value"),
        Input("chosen-deal", "data"),
        Input("compare-release", "value"),
        State("url", "href"),
        State("url", "search"),
        State("register-state", "data"),
        State("register-key", "data"),
        State("context", "value"),
        State("context-marks", "value"),
    ],
)
def update_view(
    release: str | None,
    suppliers: list[str] | None,
    recipients: list[str] | None,
    years: list[int] | None,
    categories: list[str] | None,
    by: str | None,
    options: list[str] | None,
    shares: str | None,
    deal: str | None,
    compare: str | None,
    href: str | None,
    search: str | None,
    register_state: dict[str, Any] | None = None,
    previous_key: dict[str, Any] | None = None,
    context: list[str] | None = None,
    marks: str | None = None,
) -> dict[str, Any]:
    """The view for the controls (VIEW_OUTPUTS): URL, charts, headline, the register's key, citation.

    The register's rows come from `register_grid.register_shown` (one page, on the server);
    choosing a deal redraws the two charts that mark it and nothing else.
    """
    settings = current_settings()
    try:
        data = queries.release_data(settings, release)
    except ArmsExplorerError as exc:
        return {**dict.fromkeys(VIEW_OUTPUTS, dash.no_update), "notice": alert(exc.message)}
    labels = tuple(i.label for i in queries.releases(settings))
    view = view_from_controls(release, suppliers, recipients, years, categories, by, options, shares,
                              [deal] if deal else None, data, compare, labels)
    state = register_state or {}
    view = replace(view, register_filter=str(state.get("filter") or ""), register_sort=sort_from_table(state.get("sort")),
                   register_page=int(state.get("page") or 0))
    if context is not None:  # None where called without the page (the view's defaults hold)
        view = replace(view, context=events.parse_kinds(context), marks=(marks or "").strip())
    out = render(data, view, queries.store_root(settings))
    view = out.view
    new_search = view.query_string()
    # A dcc.Store announces its first value as a change: the first call draws everything.
    only_deal = triggered_id() == "chosen-deal" and previous_key is not None
    link = public_link(href, new_search)
    key_search = without_deal(view).query_string()
    info = data.info
    store = {"search": new_search, "link": link, "stem": file_stem(data, view)}
    return {
        "search": new_search if new_search != search else dash.no_update,
        "notice": [alert(n, kind="notice") for n in out.notices],
        "headline": dash.no_update if only_deal else out.headline,
        "tiv": out.tiv_figure,
        "timeline": out.timeline_figure,
        "shares": dash.no_update if only_deal else out.shares_figure,
        "register_key": dash.no_update if only_deal or (previous_key or {}).get("search") == key_search
        else {"search": key_search, "compare": view.compare_release},
        "store": store,
        "cite_text": citation_text(info, link),
        "cite_bibtex": view_bibtex(citation_bibtex(info, link), "pair", *view.suppliers[:2], *view.recipients[:2],
                                   f"{view.from_year}", f"{view.to_year}"),
        "cite_ris": citation_ris(info, link),
    }


@callback(
    Output("url", "search", allow_duplicate=True),
    Output("view-notice", "children", allow_duplicate=True),
    Output("tiv-chart", "figure", allow_duplicate=True),
    Output("timeline-chart", "figure", allow_duplicate=True),
    Output("view-store", "data", allow_duplicate=True),
    Output("cite-text", "children", allow_duplicate=True),
    Output("cite-bibtex", "children", allow_duplicate=True),
    Output("cite-ris", "children", allow_duplicate=True),
    Input("context", "value"),
    Input("context-marks", "value"),
    *[State(i, p) for i, p in (("release", "value"), ("supplier", "value"), ("recipient", "value"), ("years", "value"),
                               ("category", "value"), ("by", "value"), ("options", "value"), ("shares", "value"),
                               ("chosen-deal", "data"), ("compare-release", "value"), ("url", "href"),
                               ("url", "search"), ("register-state", "data"), ("register-key", "data"))],
    prevent_initial_call=True,
)
def context_changed(context: list[str] | None, marks: str | None, *state: Any) -> tuple[Any, ...]:
    """The context layers switched or dates marked: the two year charts, the URL and citation again."""
    # The page's other controls as update_view takes them (its inputs, then its states).
    redraw: Any = update_view
    out = redraw(*state, context or [], marks)
    return tuple(out[k] for k in ("search", "notice", "tiv", "timeline", "store", "cite_text", "cite_bibtex", "cite_ris"))


@callback(
    Output("supplier", "value"),
    Output("recipient", "value"),
    Output("swap-notice", "children"),
    Input("swap", "n_clicks"),
    State("supplier", "value"),
    State("recipient", "value"),
    State("release", "value"),
    prevent_initial_call=True,
)
def swap_direction(_clicks: int, suppliers: list[str] | None, recipients: list[str] | None,
                   release: str | None) -> tuple[Any, Any, str]:
    """Recipient(s) as supplier(s) and the other way round; one that never has that role in the
    release is left out, and the notice names it."""
    try:
        data = queries.release_data(current_settings(), release)
    except ArmsExplorerError as exc:
        return dash.no_update, dash.no_update, exc.message
    as_suppliers = {o["value"] for o in data.supplier_options}
    as_recipients = {o["value"] for o in data.recipient_options}
    new_suppliers = [r for r in recipients or [] if r in as_suppliers]
    new_recipients = [s for s in suppliers or [] if s in as_recipients]
    dropped = [data.resolver.display_name(r) for r in recipients or [] if r not in as_suppliers]
    dropped += [data.resolver.display_name(s) for s in suppliers or [] if s not in as_recipients]
    notice = f"Left out, never in that role in this release: {', '.join(dropped)}." if dropped else ""
    return new_suppliers, new_recipients, notice


@callback(
    Output("chosen-deal", "data", allow_duplicate=True),
    Input("timeline-chart", "clickData"),
    State("chosen-deal", "data"),
    prevent_initial_call=True,
)
def deal_clicked(click: dict[str, Any] | None, chosen: str | None = None) -> Any:
    """Clicking a deal in the timeline chooses it: the register turns to its page and ticks it
    (`register_grid.register_shown`); a deal the filter leaves out is still marked in the charts."""
    point = ((click or {}).get("points") or [{}])[0]
    deal = point.get("customdata")
    deal = deal[0] if isinstance(deal, list) else deal
    if not deal or str(deal) == chosen:
        return dash.no_update
    return str(deal)


@callback(
    Output("download", "data"),
    Input("download-csv", "n_clicks"),
    Input("download-xlsx", "n_clicks"),
    State("view-store", "data"),
    State("register-state", "data"),
    prevent_initial_call=True,
)
def download_deals(_csv: int, _xlsx: int, store: dict[str, Any] | None, register_state: dict[str, Any] | None = None) -> Any:
    """Every deal the register's filter keeps (all pages) as CSV or XLSX, headed by SIPRI's credit,
    the release, query, filter and units."""
    if not store:
        return dash.no_update
    settings = current_settings()
    filter_query = str((register_state or {}).get("filter") or "")
    sort_by = list((register_state or {}).get("sort") or [])
    if triggered_id() == "download-xlsx":
        content, filename = xlsx_download(settings, store, filter_query, sort_by)
        return dcc.send_bytes(content, filename)
    return csv_download(settings, store, filter_query, sort_by)


@callback(
    Output("brief-download", "data"),
    Output("brief-notice", "children"),
    Input("brief-html", "n_clicks"),
    Input("brief-pdf", "n_clicks"),
    State("view-store", "data"),
    State("url", "href"),
    prevent_initial_call=True,
)
def download_brief(_html: int, _pdf: int, store: dict[str, Any] | None, href: str | None) -> tuple[Any, Any]:
    """The view's brief (HTML or PDF), made on the server when asked."""
    return pair_brief(current_settings(), store, "pdf" if triggered_id() == "brief-pdf" else "html", href)


chart_download_callback("", "view-store")
rg.register_callbacks()
overlay.register_callbacks()
ranked_picker_callbacks(("supplier", "recipient"), "entity-ranks")
