"""The search page: a weapon (designation or type) across every pair, with links to the pair page.

The URL holds the query and the release (`?q=TB2&release=all`), and the view of the result where
set (`f` filter words, `sort`, `page`). The result is a page of 25 deals at a time, filtered,
sorted and paged on the server; the search itself reads each release's prepared name index.
Data comes only through `dashboard.verify.queries`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard.app import current_settings
from dashboard.components import alert, credit, page_number, releases_for_layout, triggered_id
from dashboard.verify import queries as verify_queries
from etl.errors import ArmsExplorerError
from etl.schemas import figure_text
from etl.verify.search import PAGE_SIZE, SearchPage, SearchResult, pair_link, search_page

dash.register_page(__name__, path="/search", title="Search a weapon - Arms Transfers Explorer", name="Search", order=2)

ALL = "all"
SORT_OPTIONS = [
    {"label": "Pair, then order year", "value": "pair"},
    {"label": "Newest order first", "value": "newest"},
    {"label": "Designation", "value": "designation"},
    {"label": "Most delivered first", "value": "delivered"},
]
HEADERS = ("Pair", "Release", "Designation", "Description", "Ordered", "Order year", "Delivered", "Delivery years")


def _est(value: Any, flag: Any) -> str:
    return figure_text(value, flag, missing="?")


def rows_status(shown: SearchPage | None) -> tuple[str, bool, bool]:
    """(what the page shows, whether 'Previous' and 'Next' are disabled)."""
    if shown is None or not shown.total:
        return "", True, True
    first = shown.page * PAGE_SIZE
    return (f"Deals {first + 1:,}–{first + len(shown.rows):,} of {shown.total:,} (page {shown.page + 1:,} of "
            f"{shown.pages:,}).", shown.page == 0, shown.page >= shown.pages - 1)


def result_children(result: SearchResult, shown: SearchPage | None = None) -> list[Any]:
    """How many deals and pairs, then one page of deals, each pair linked to its pair page."""
    if result.excluded is not None:
        return [alert(f"'{result.query.text}' is outside SIPRI's coverage ({result.excluded.category}): "
                      f"\"{result.excluded.quote}\" ({result.excluded.source_url})", kind="notice")]
    if result.rows.empty:
        return [html.P(f"Nothing recorded for '{result.query.describe()}' in release(s) "
                       f"{', '.join(result.releases)}.", id="search-empty")]
    shown = shown or search_page(result)
    kept = "" if shown.total == len(result.rows) else f" {shown.total:,} of them kept by the filter;"
    out: list[Any] = [html.P(f"{len(result.rows):,} deal(s) for '{result.query.describe()}', "
                             f"{result.pair_count():,} supplier -> recipient pair(s);{kept} "
                             f"{shown.pairs:,} pair(s) shown across the pages.", id="search-count")]
    rows = [html.Tr([
        html.Td(dcc.Link(f"{row['supplier']} -> {row['recipient']}",
                         href=pair_link(row["supplier_id"], row["recipient_id"], row["release"]))),
        html.Td(row["release"]), html.Td(row["designation"]), html.Td(row["description"]),
        html.Td(_est(row["units_ordered"], row["units_ordered_estimated"])),
        html.Td(_est(row["order_year"], row["order_year_estimated"])),
        html.Td(_est(row["units_delivered"], row["units_delivered_estimated"])),
        html.Td(row["delivery_years"] if isinstance(row["delivery_years"], str) else ""),
    ]) for _, row in shown.rows.iterrows()]
    out.append(html.Table([html.Thead(html.Tr([html.Th(h) for h in HEADERS])), html.Tbody(rows)],
                          className="evidence search-table", id="search-table") if rows
               else html.P("No deal of the result holds every word of the filter.", id="search-none"))
    return out


def _view(settings: Any, text: str, release: str, words: str, sort: str | None,
          page: int) -> tuple[list[Any], SearchPage | None]:
    result = _search(settings, text, release)
    shown = None if result.rows.empty else search_page(result, words, sort or "pair", page)
    return result_children(result, shown), shown


def layout(**query: Any) -> Any:
    settings = current_settings()
    releases = releases_for_layout(lambda: verify_queries.releases(settings))
    if isinstance(releases, html.Div):  # a damaged or an empty store: its sentence
        return releases
    text = query.get("q") or ""
    release = query.get("release") or releases[-1].label
    words = str(query.get("f") or "")
    sort = str(query["sort"]) if query.get("sort") else None
    children: list[Any] = []
    shown: SearchPage | None = None
    if text:
        try:
            children, shown = _view(settings, text, release, words, sort, page_number(query.get("page")))
        except ArmsExplorerError as exc:
            children = [alert(exc.message)]
    status, no_prev, no_next = rows_status(shown)
    options = [{"label": "every release", "value": ALL}] + [
        {"label": f"{i.label} (data generated {i.data_generated_text})", "value": i.label} for i in reversed(releases)]
    return html.Div([
        dcc.Location(id="search-url", refresh=False),
        dcc.Store(id="search-page", data=shown.page if shown else 0),
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
            html.Div([html.Label("Filter the deals found (words in pair, designation or description)",
                                 htmlFor="search-filter"),
                      dcc.Input(id="search-filter", value=words, type="text", debounce=True, className="text-input")],
                     className="control"),
            html.Div([html.Label("Sort", htmlFor="search-sort"),
                      dcc.Dropdown(id="search-sort", options=SORT_OPTIONS, value=sort, placeholder="Pair, then order year")],
                     className="control"),
        ], className="panel controls"),
        dcc.Loading(html.Div(children, id="search-results"), type="dot", delay_show=300),
        html.Div([
            html.Button("‹ Previous", id="search-prev", n_clicks=0, disabled=no_prev, className="button"),
            html.Span(status, id="search-rows", role="status"),
            html.Button("Next ›", id="search-next", n_clicks=0, disabled=no_next, className="button"),
        ], className="search-pager"),
        credit(releases[-1] if release == ALL else next((i for i in releases if i.label == release), None),
               id="search-credit"),
    ], className="page search-page")


def _search(settings: Any, text: str, release: str) -> SearchResult:
    return verify_queries.search(settings, text, None if release == ALL else release, all_releases=release == ALL)


def query_string(text: str, release: str, words: str = "", sort: str | None = None, page: int = 0) -> str:
    pairs = [("q", text), ("release", release)]
    if words:
        pairs.append(("f", words))
    if sort:
        pairs.append(("sort", sort))
    if page:
        pairs.append(("page", str(page + 1)))
    return "?" + urlencode(pairs)


@callback(
    Output("search-url", "search"),
    Output("search-results", "children"),
    Output("search-page", "data"),
    Output("search-rows", "children"),
    Output("search-prev", "disabled"),
    Output("search-next", "disabled"),
    Output("search-filter", "value"),
    Input("search-run", "n_clicks"),
    Input("search-text", "value"),
    Input("search-filter", "value"),
    Input("search-sort", "value"),
    Input("search-prev", "n_clicks"),
    Input("search-next", "n_clicks"),
    State("search-release", "value"),
    State("search-page", "data"),
    prevent_initial_call=True,
)
def search_clicked(_n: int, text: str | None, words: str | None, sort: str | None, _prev: int | None,
                   _next: int | None, release: str | None, page: int | None = 0) -> tuple[Any, ...]:
    """The result for the controls: a new search starts unfiltered, 'Previous' and 'Next' turn the
    page, any other control starts at the first page."""
    settings = current_settings()
    release = release or ALL
    trigger = str(triggered_id() or "")
    step = {"search-prev": -1, "search-next": 1}.get(trigger, 0)
    page = max(0, int(page or 0) + step) if step else 0
    new_search = trigger in ("search-run", "search-text")
    if new_search:
        words = ""
    filter_out: Any = "" if new_search else dash.no_update
    try:
        children, shown = _view(settings, text or "", release, words or "", sort, page)
    except ArmsExplorerError as exc:
        return (dash.no_update, [alert(exc.message)], 0, *rows_status(None), filter_out)
    return (query_string(text or "", release, words or "", sort, shown.page if shown else 0), children,
            shown.page if shown else 0, *rows_status(shown), filter_out)
