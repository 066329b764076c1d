"""The pair page: supplier(s) -> recipient(s) over time, deal by deal.

Thin by design: callbacks turn inputs into a `PairView`, ask `dashboard.queries`, and hand the
frames to `dashboard.figures`. The URL's query string holds the whole view.
"""

from __future__ import annotations

import warnings
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

# The class from its own module: `dash.dash_table`'s __init__ is marked `# type: ignore`, so mypy
# sees no DataTable there.
from dash.dash_table.DataTable import DataTable

from dashboard import events, figures, queries, response_cache
from dashboard.app import current_settings
from dashboard.brief_buttons import brief_buttons, pair_brief
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
from dashboard.pair_view import (
    TABLE_COLUMNS,
    csv_download,
    file_stem,
    register_deals_for,
    register_rows,
    render,
    view_from_controls,
    view_from_link,
    xlsx_download,
)
from dashboard.picking import ranked_picker_callbacks
from dashboard.viewstate import PairView, sort_from_table, with_register, without_deal
from etl.errors import ArmsExplorerError
from etl.provenance import citation_bibtex, citation_ris, citation_text

dash.register_page(__name__, path="/", title="Pair - Arms Transfers Explorer", name="Pair")

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


def chosen_row_style(deal: str | None) -> list[dict[str, Any]]:
    """The register's styles: the chosen deal's row marked (the table pages on the server)."""
    styles: list[dict[str, Any]] = [{"if": {"state": "selected"}, "backgroundColor": "#fde9d9", "border": "1px solid #D55E00"}]
    if deal:
        quoted = str(deal).replace("\\", "\\\\").replace('"', '\\"')
        styles.append({"if": {"filter_query": f'{{id}} = "{quoted}"'}, "backgroundColor": "#fde9d9",
                       "fontWeight": "600"})
    return styles


def register_table(view: PairView) -> DataTable:
    """The deal register: sorted, filtered and paged on the server (a page of rows per update)."""
    return DataTable(
        id="register",
        columns=[{"id": c, "name": n, "type": t} for c, n, t in TABLE_COLUMNS],
        data=[],
        sort_action="custom",
        sort_mode="single",
        sort_by=view.sort_by(),
        filter_action="custom",
        filter_query=view.register_filter,
        filter_options={"case": "insensitive"},
        page_action="custom",
        page_current=view.register_page,
        page_size=queries.REGISTER_PAGE_SIZE,
        page_count=view.register_page + 1,  # the link's page exists until the rows arrive
        row_selectable="single",
        selected_row_ids=[view.deal] if view.deal else [],
        style_table={"overflowX": "auto"},
        style_cell={"fontFamily": figures.FONT, "fontSize": 13, "textAlign": "left", "padding": "4px 6px",
                    "whiteSpace": "normal", "height": "auto", "maxWidth": 320},
        style_header={"fontWeight": "600", "backgroundColor": "#f3f4f6"},
        style_cell_conditional=[{"if": {"column_id": c}, "textAlign": "right"}
                                for c in ("order_year", "units_ordered", "units_delivered", "tiv_per_unit_m",
                                          "tiv_order_m", "tiv_delivered_m")],
        style_data_conditional=chosen_row_style(view.deal),
        # SIPRI's own column names (its trade register's header) on hover, and what '?' means.
        tooltip_header={
            "supplier": "SIPRI: Supplier", "recipient": "SIPRI: Recipient",
            "designation": "SIPRI: Weapon designation", "description": "SIPRI: Weapon description",
            "armament_category": "SIPRI: Armament category (delivery-level export only)",
            "order_year": "SIPRI: Year of order. A '?' marks SIPRI's estimate",
            "units_ordered": "SIPRI: Number ordered. A '?' marks SIPRI's estimate",
            "units_delivered": "SIPRI: Number delivered. A '?' marks SIPRI's estimate",
            "delivery_years": "SIPRI: Year(s) of delivery", "status": "SIPRI: status",
            "open_order": "Fewer delivered than ordered, or nothing delivered yet (this tool, from SIPRI's numbers)",
            "tiv_per_unit_m": "SIPRI: SIPRI TIV per unit", "tiv_order_m": "SIPRI: SIPRI TIV for total order",
            "tiv_delivered_m": "SIPRI: SIPRI TIV of delivered weapons", "comments": "SIPRI: Comments",
        },
    )


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
    with warnings.catch_warnings():
        # Dash 4 announces DataTable's move out of the core; it is still the built-in sortable,
        # filterable table (no extra dependency), so the notice is silenced here and only here.
        warnings.filterwarnings("ignore", message=r"\s*The dash_table.DataTable will be removed", category=DeprecationWarning)
        table = register_table(view)
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="view-store"),
            dcc.Store(id="entity-ranks", data=data.picker_ranks),
            # The view without its chosen deal: the register is fetched again only when it changes.
            dcc.Store(id="register-key"),
            html.Div([alert(n, kind="notice") for n in notices], id="link-notice", role="status"),
            html.Div(id="view-notice"),
            controls,
            html.Div(id="headline", className="headline"),
            brief_buttons(""),
            chart_block("tiv", info),
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
                    html.P("Choose a deal (the circle at the left of its row) to mark it in the charts. "
                           "A '?' marks a figure SIPRI estimates. Type in the row under the header to filter "
                           "(e.g. TB2, or > 2015 under a year or number); click a header's arrows to sort. "
                           "The downloads hold every deal the filter keeps, not just this page."),
                    html.Div(id="register-count", className="register-count", role="status"),
                    table,
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


@callback(
    Output("url", "search"),
    Output("view-notice", "children"),
    Output("headline", "children"),
    Output("tiv-chart", "figure"),
    Output("timeline-chart", "figure"),
    Output("shares-chart", "figure"),
    Output("register-key", "data"),
    Output("register", "style_data_conditional"),
    Output("view-store", "data"),
    Output("cite-text", "children"),
    Output("cite-bibtex", "children"),
    Output("cite-ris", "children"),
    Input("release", "value"),
    Input("supplier", "value"),
    Input("recipient", "value"),
    Input("years", "value"),
    Input("category", "value"),
    Input("by", "value"),
    Input("options", "value"),
    Input("shares", "value"),
    Input("register", "selected_row_ids"),
    State("url", "href"),
    State("url", "search"),
    State("register", "filter_query"),
    State("register", "sort_by"),
    State("register", "page_current"),
    State("register-key", "data"),
    State("context", "value"),
    State("context-marks", "value"),
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
    selected: list[str] | None,
    href: str | None,
    search: str | None,
    filter_query: str | None = None,
    sort_by: list[dict[str, str]] | None = None,
    page_current: int | None = None,
    previous_key: dict[str, Any] | None = None,
    context: list[str] | None = None,
    marks: str | None = None,
) -> tuple[Any, ...]:
    """The view for the controls: URL, charts, headline, the register's key, citation.

    The register's rows come from `register_rows` (one page, on the server); choosing a deal
    redraws the two charts that mark it and nothing else.
    """
    settings = current_settings()
    try:
        data = queries.release_data(settings, release)
    except ArmsExplorerError as exc:
        return (dash.no_update, alert(exc.message), *([dash.no_update] * 10))
    view = view_from_controls(release, suppliers, recipients, years, categories, by, options, shares, selected, data)
    view = replace(view, register_filter=filter_query or "", register_sort=sort_from_table(sort_by),
                   register_page=int(page_current or 0))
    if context is not None:  # None where called without the page (the view's defaults hold)
        view = replace(view, context=events.parse_kinds(context), marks=(marks or "").strip())
    out = render(data, view, queries.store_root(settings))
    view = out.view
    new_search = view.query_string()
    only_deal = triggered_id() == "register"
    link = public_link(href, new_search)
    key_search = without_deal(view).query_string()
    info = data.info
    store = {"search": new_search, "link": link, "stem": file_stem(data, view)}
    return (
        new_search if new_search != search else dash.no_update,
        [alert(n, kind="notice") for n in out.notices],
        dash.no_update if only_deal else out.headline,
        out.tiv_figure,
        out.timeline_figure,
        dash.no_update if only_deal else out.shares_figure,
        # The first key keeps the register's page from the link; a later one turns to the start.
        dash.no_update if only_deal or (previous_key or {}).get("search") == key_search
        else {"search": key_search, "first": previous_key is None, "page": view.register_page},
        chosen_row_style(view.deal),
        store,
        citation_text(info, link),
        view_bibtex(citation_bibtex(info, link), "pair", *view.suppliers[:2], *view.recipients[:2],
                    f"{view.from_year}", f"{view.to_year}"),
        citation_ris(info, link),
    )


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
                               ("register", "selected_row_ids"), ("url", "href"), ("url", "search"),
                               ("register", "filter_query"), ("register", "sort_by"), ("register", "page_current"),
                               ("register-key", "data"))],
    prevent_initial_call=True,
)
def context_changed(context: list[str] | None, marks: str | None, *state: Any) -> tuple[Any, ...]:
    """The context layers switched or dates marked: the two year charts, the URL and citation again."""
    # The page's other controls as update_view takes them (its inputs, then its states).
    redraw: Any = update_view
    out = redraw(*state, context or [], marks)
    search, notice, _headline, tiv, timeline, _shares, _key, _style, store, *cites = out
    return (search, notice, tiv, timeline, store, *cites)


@callback(
    Output("register", "data"),
    Output("register", "page_count"),
    Output("register", "page_current"),
    Output("register-count", "children"),
    Output("register", "selected_rows"),
    Input("register-key", "data"),
    Input("register", "page_current"),
    Input("register", "sort_by"),
    Input("register", "filter_query"),
    State("register", "selected_row_ids"),
)
def register_shown(
    key: dict[str, Any] | None,
    page: int | None,
    sort_by: list[dict[str, str]] | None,
    filter_query: str | None,
    selected: list[str] | None,
) -> tuple[Any, ...]:
    """One page of the view's deals, filtered and sorted as the table asks, how many match, and
    the chosen deal's row on it (the table ticks rows by position on the page, not by id).

    A new view, filter or sort starts on the first page, or on the chosen deal's page.
    """
    if not key:
        return (dash.no_update,) * 5
    try:
        deals, _, _ = register_deals_for(current_settings(), key["search"], filter_query, sort_by)
    except ArmsExplorerError as exc:
        return [], 1, 0, alert(exc.message), []
    asked = page or 0
    if key.get("first") and "register-key.data" in _triggered_props():
        asked = int(key.get("page") or 0)  # the link's own page (the table may have reset its own)
    elif _turns_to_start():
        asked = (queries.page_of_deal(deals, selected[0]) if selected else None) or 0
    shown, now, pages = queries.register_page(deals, asked)
    count = f"{len(deals):,} deal{'s' if len(deals) != 1 else ''}"
    count += " match the filter" if filter_query else ""
    count += f"; page {now + 1} of {pages}" if pages > 1 else ""
    rows = register_rows(shown)
    ticked = [i for i, row in enumerate(rows) if selected and row["id"] == selected[0]]
    return rows, pages, now if now != page else dash.no_update, count, ticked


def _triggered_props() -> set[str]:
    try:
        return {t["prop_id"] for t in dash.ctx.triggered}
    except dash.exceptions.MissingCallbackContextException:
        return set()


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("register", "filter_query"),
    Input("register", "sort_by"),
    Input("register", "page_current"),
    State("url", "search"),
    prevent_initial_call=True,
)
def register_in_url(filter_query: str | None, sort_by: list[dict[str, str]] | None, page: int | None,
                    search: str | None) -> Any:
    """The register's filter, sort and page in the link, so a shared link reopens on the same rows."""
    if not search:
        return dash.no_update
    new = with_register(search, filter_query, sort_by, page)
    return new if new != search else dash.no_update


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


def _turns_to_start() -> bool:
    """Whether the register was asked for by a new view, filter or sort (not by turning a page)."""
    try:
        props = {t["prop_id"] for t in dash.ctx.triggered}
    except dash.exceptions.MissingCallbackContextException:
        return True  # called directly (tests)
    return "register.page_current" not in props or bool(props - {"register.page_current"})


@callback(
    Output("register", "selected_row_ids"),
    Output("register", "page_current", allow_duplicate=True),
    Output("register", "selected_rows", allow_duplicate=True),
    Input("timeline-chart", "clickData"),
    State("register-key", "data"),
    State("register", "filter_query"),
    State("register", "sort_by"),
    State("register", "page_current"),
    prevent_initial_call=True,
)
def deal_clicked(
    click: dict[str, Any] | None,
    key: dict[str, Any] | None,
    filter_query: str | None,
    sort_by: list[dict[str, str]] | None,
    page: int | None,
) -> tuple[Any, Any, Any]:
    """Clicking a deal in the timeline chooses it in the register, turns to its page and ticks it."""
    point = ((click or {}).get("points") or [{}])[0]
    deal = point.get("customdata")
    deal = deal[0] if isinstance(deal, list) else deal
    if not deal or not key:
        return dash.no_update, dash.no_update, dash.no_update
    deals, _, _ = register_deals_for(current_settings(), key["search"], filter_query, sort_by)
    position = queries.position_of_deal(deals, str(deal))
    if position is None:
        # Filtered out of the register: still chosen (the charts mark it), the page stays.
        return [str(deal)], dash.no_update, []
    on_page, row = divmod(position, queries.REGISTER_PAGE_SIZE)
    return [str(deal)], on_page if on_page != page else dash.no_update, [row]


@callback(
    Output("download", "data"),
    Input("download-csv", "n_clicks"),
    Input("download-xlsx", "n_clicks"),
    State("view-store", "data"),
    State("register", "filter_query"),
    State("register", "sort_by"),
    prevent_initial_call=True,
)
def download_deals(
    _csv: int, _xlsx: int, store: dict[str, Any] | None, filter_query: str | None = None,
    sort_by: list[dict[str, str]] | None = None,
) -> Any:
    """Every deal the register's filter keeps (all pages) as CSV or XLSX, headed by SIPRI's credit,
    the release, query, filter and units."""
    if not store:
        return dash.no_update
    settings = current_settings()
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
ranked_picker_callbacks(("supplier", "recipient"), "entity-ranks")
