"""The pair page's deal register as an AG Grid (dash-ag-grid, community features only).

The grid shows one page of rows that the server filtered, sorted and paged (`queries.register_deals`,
`queries.register_page`): 25 rows per update, whatever the view's size. Its header sorts and its
filter row are the controls; the grid's own sorting and filtering are made no-ops (a comparator that
keeps the server's order, a text matcher that keeps every row) so the rows shown are exactly the
server's. The filter is typed as in the old table: text finds what the cell shows (`TB2`, `?` for
SIPRI's estimates), and `> 2015`, `<= 10` and the like compare numbers. The link keeps the
filter in the DataTable syntax it always had (`{order_year} > 2015`), so older links still open.

Every function given to the grid is a `{"function": ...}` string that dash-ag-grid parses itself
(no eval), so the Content-Security-Policy (`dashboard/guards.py`) needs nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import dash_ag_grid as dag
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import queries
from dashboard.components import alert
from dashboard.pair.compare import COLUMN as COMPARE_COLUMN
from dashboard.pair.compare import compare_header, deal_texts
from dashboard.pair.view import TABLE_COLUMNS, register_deals_for, register_rows
from dashboard.viewstate import with_register
from etl.errors import ArmsExplorerError
from etl.schemas import REGISTER_NUMBER_COLUMNS

GRID_ID = "register"
# SIPRI's own column names (its trade register's header) on hover, and what '?' means.
HEADER_TIPS = {
    "supplier": "SIPRI: Supplier", "recipient": "SIPRI: Recipient",
    "designation": "SIPRI: Weapon designation", "description": "SIPRI: Weapon description",
    "armament_category": "SIPRI: Armament category (delivery-level export only)",
    "order_year": "SIPRI: Year of order. A '?' marks SIPRI's estimate",
    "units_ordered": "SIPRI: Number ordered. A '?' marks SIPRI's estimate",
    "units_delivered": "SIPRI: Number delivered. A '?' marks SIPRI's estimate",
    "delivery_years": "SIPRI: Year(s) of delivery", "status": "SIPRI: status",
    "open_order": "Fewer delivered than ordered, or nothing delivered yet (this tool, from SIPRI's numbers)",
    "tiv_per_unit_m": "SIPRI: SIPRI TIV per unit (TIV, millions)",
    "tiv_order_m": "SIPRI: SIPRI TIV for total order (TIV, millions)",
    "tiv_delivered_m": "SIPRI: SIPRI TIV of delivered weapons (TIV, millions)", "comments": "SIPRI: Comments",
}
NUMBER_COLUMNS = REGISTER_NUMBER_COLUMNS
# Shown unless the reader hides them with the column chooser.
DEFAULT_HIDDEN = ("armament_category",)
_FILTER_PARAMS = {
    "filterOptions": ["contains"],
    "maxNumConditions": 1,
    "trimInput": True,
    "debounceMs": 400,
    # The server has filtered already: every row sent is kept.
    "textMatcher": {"function": "true"},
}
# Wide enough for the usual text at 13 px; longer text wraps in its cell.
WIDTHS = {"designation": 150, "description": 170, "delivery_years": 150, "status": 140, "open_order": 170,
          "comments": 320, "supplier": 120, "recipient": 120, "armament_category": 150}
_OPERATOR = re.compile(r"^\s*(>=|<=|!=|=|>|<)\s*(.+)$")


def column_defs(compare: str, hidden: Sequence[str] = DEFAULT_HIDDEN,
                sort: Sequence[tuple[str, str]] = ()) -> list[dict[str, Any]]:
    """The grid's columns: designation pinned at the left, SIPRI's names on header hover, and,
    where there is another release to compare with, how that release records each deal."""
    sorted_at = {column: (i, direction) for i, (column, direction) in enumerate(sort)}
    defs: list[dict[str, Any]] = []
    for column, name, _ in TABLE_COLUMNS:
        d: dict[str, Any] = {
            "field": column, "colId": column, "headerName": name, "headerTooltip": HEADER_TIPS[column],
            "hide": column in hidden, "sortable": True, "comparator": {"function": "0"},
            "filter": "agTextColumnFilter", "filterParams": _FILTER_PARAMS, "floatingFilter": True,
            "suppressHeaderMenuButton": True, "suppressFloatingFilterButton": True,
            "width": WIDTHS.get(column, 110),
        }
        if column in NUMBER_COLUMNS:
            d["type"] = "rightAligned"
        else:
            # A row is as high as its tallest wrapped text, so only text columns are measured
            # for it (AG Grid's autoHeight): a number ("1,000?", "1234.5") is one line at any
            # width the grid allows, and every measured cell costs the browser a style and
            # layout pass (25 rows x 15 columns were the largest part of drawing the grid).
            d["autoHeight"] = True
        if column == "designation":
            d.update(pinned="left", lockPinned=True)
        if column in sorted_at:
            d.update(initialSort=sorted_at[column][1], initialSortIndex=sorted_at[column][0])
        defs.append(d)
    if compare:
        defs.append({
            "field": COMPARE_COLUMN, "colId": COMPARE_COLUMN, "headerName": compare_header(compare),
            "headerTooltip": (f"The same deal as release {compare} records it (ordered, delivered, TIV delivered in "
                              "millions), matched as the Diff page matches deals; 'not in' where that release "
                              "does not hold it. Not sortable or filterable."),
            "hide": COMPARE_COLUMN in hidden, "sortable": False, "filter": False, "width": 250,
            "suppressHeaderMenuButton": True, "autoHeight": True,
        })
    return defs


def chooser_options(compare: str) -> list[dict[str, str]]:
    names = [{"label": f" {name}", "value": column} for column, name, _ in TABLE_COLUMNS if column != "designation"]
    if compare:
        names.append({"label": f" {compare_header(compare)}", "value": COMPARE_COLUMN})
    return names


def shown_columns(compare: str, hidden: Sequence[str] = DEFAULT_HIDDEN) -> list[str]:
    return [o["value"] for o in chooser_options(compare) if o["value"] not in hidden]


def hidden_columns(compare: str, shown: Sequence[str] | None) -> list[str]:
    """The chooser's ticked columns -> the columns to hide (designation is always shown)."""
    if shown is None:
        return list(DEFAULT_HIDDEN)
    return [o["value"] for o in chooser_options(compare) if o["value"] not in shown]


def filter_model(text: str | None) -> dict[str, Any]:
    """The link's filter (`{order_year} > 2015 && {designation} icontains "TB2"`) as the grid's filter model."""
    model: dict[str, Any] = {}
    for condition in queries.register_filter(text):
        typed = condition.value if condition.operator == "contains" else f"{condition.operator} {condition.value}"
        model[condition.column] = {"filterType": "text", "type": "contains", "filter": typed}
    return model


def filter_text(model: Mapping[str, Any] | None) -> str:
    """The grid's filter model as the link keeps it: `> 2015` compares numbers, other text is found in the cell."""
    clauses = []
    for column, spec in (model or {}).items():
        if not isinstance(spec, Mapping) or column not in queries.REGISTER_NUMBERS | queries.REGISTER_TEXT:
            continue
        typed = str(spec.get("filter") or "").strip()
        if not typed:
            continue
        match = _OPERATOR.match(typed)
        if match and (column in queries.REGISTER_NUMBERS or match[1] in ("=", "!=")):
            clauses.append(f"{{{column}}} {match[1]} {_quoted(match[2].strip())}")
        else:
            clauses.append(f"{{{column}}} icontains {_quoted(typed)}")
    return " && ".join(clauses)


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sort_by(state: Sequence[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    """The grid's column state -> the server's sort (`[{"column_id": ..., "direction": ...}]`), in sort order."""
    rules = [s for s in (state or []) if isinstance(s, Mapping) and s.get("sort") in ("asc", "desc")]
    rules.sort(key=lambda s: s["sortIndex"] if isinstance(s.get("sortIndex"), int) else 0)  # a browser's value
    return [{"column_id": str(s.get("colId")), "direction": str(s["sort"])} for s in rules]


def column_state(sort: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"colId": column, "sort": direction, "sortIndex": i} for i, (column, direction) in enumerate(sort)]


def grid(sort: Sequence[tuple[str, str]], filter_query: str, deal: str | None, compare: str) -> dag.AgGrid:
    """The register: one page of rows at a time, from the server."""
    model = filter_model(filter_query)
    return dag.AgGrid(
        id=GRID_ID,
        columnDefs=column_defs(compare, sort=sort),
        rowData=[],
        columnState=column_state(sort) or None,
        filterModel=model,
        getRowId="params.data.id",
        rowClassRules={"register-chosen": "params.data.chosen"},
        defaultColDef={"resizable": True, "minWidth": 80, "wrapHeaderText": True, "autoHeaderHeight": True,
                       "wrapText": True, "cellStyle": {"lineHeight": "1.35", "paddingTop": "6px",
                                                                           "paddingBottom": "6px"}},
        dashGridOptions={
            "tooltipShowDelay": 300,
            "enableCellTextSelection": True,
            # Every column in the page (tests, find-in-page, screen readers), not just those scrolled to.
            "suppressColumnVirtualisation": True,
            "ensureDomOrder": True,
            # The link's filter from the grid's first draw (the filterModel prop alone arrives after
            # the grid has announced an empty filter, which would turn the register to its first page).
            "initialState": {"filter": {"filterModel": model}} if model else {},
            "domLayout": "autoHeight",
            "suppressMovableColumns": False,
        },
        className="register-grid",
        style={"width": "100%"},
    )


def pager() -> html.Div:
    return html.Div(
        [
            html.Button("\u2190 Previous page", id="register-previous", className="button button-small", n_clicks=0),
            html.Span(id="register-count", className="register-count", role="status"),
            html.Button("Next page \u2192", id="register-next", className="button button-small", n_clicks=0),
        ],
        className="register-pager",
    )


def chooser(compare: str) -> html.Details:
    """The column chooser (AG Grid's own is an enterprise feature): tick the columns to show."""
    return html.Details(
        [
            html.Summary("Columns shown", id="register-columns-summary"),
            dcc.Checklist(id="register-columns", options=chooser_options(compare), value=shown_columns(compare),
                          inline=True, className="register-columns"),
        ],
        className="register-chooser",
    )


# ---- callbacks --------------------------------------------------------------------------------


_GRID_ANNOUNCES = {f"{GRID_ID}.columnState", f"{GRID_ID}.filterModel"}


def _triggered() -> set[str]:
    import dash

    try:
        return {t["prop_id"] for t in dash.ctx.triggered}
    except dash.exceptions.MissingCallbackContextException:
        return set()


def register_shown(
    key: dict[str, Any] | None,
    state: list[dict[str, Any]] | None,
    model: dict[str, Any] | None,
    _previous: int | None,
    _next: int | None,
    deal: str | None,
    shown: dict[str, Any] | None,
) -> tuple[Any, ...]:
    """One page of the view's deals, filtered and sorted on the server as the grid's header asks,
    how many match, the chosen deal ticked, and the register's state for the link.

    A new view, filter or sort starts on the first page, or on the chosen deal's page; the link's
    own page is kept on the first view; the pager's buttons turn one page.
    """
    if not key:
        return (no_update,) * 5
    from dashboard.app import current_settings

    shown = shown or {}
    filter_query = filter_text(model) if model is not None else str(shown.get("filter", key.get("filter", "")))
    sort = sort_by(state) if state is not None else list(shown.get("sort", key.get("sort", [])))
    triggered = _triggered()
    page = int(shown.get("page", key.get("page", 0)) or 0)
    settings = current_settings()
    try:
        deals, data, view = register_deals_for(settings, key["search"], filter_query, sort)
    except ArmsExplorerError as exc:
        return [], alert(exc.message), no_update, True, True
    changed = shown and (shown.get("filter") != filter_query or shown.get("sort") != sort
                         or shown.get("search") != key["search"])
    if triggered and triggered <= _GRID_ANNOUNCES and "deal" in shown and not changed:
        # The grid announcing the sort and filter it was given (it does as it mounts and as rows
        # arrive): the rows shown are already these; sending them again would redraw the grid.
        return (no_update,) * 5
    if "register-previous.n_clicks" in triggered:
        page -= 1
    elif "register-next.n_clicks" in triggered:
        page += 1
    elif "chosen-deal.data" in triggered and deal and shown and shown.get("deal") != deal:
        at = queries.page_of_deal(deals, deal)
        page = page if at is None else at
    elif changed:
        at = queries.page_of_deal(deals, deal) if deal else None
        page = at or 0
    rows_now, page, pages = queries.register_page(deals, page)
    count = f"{len(deals):,} deal{'s' if len(deals) != 1 else ''}"
    count += " match the filter" if filter_query else ""
    count += f"; page {page + 1} of {pages}" if pages > 1 else ""
    compare = view.compare_release
    in_compare = deal_texts(settings, view.release, compare, view.suppliers, view.recipients) if compare else {}
    rows = register_rows(rows_now, in_compare, compare)
    for row in rows:
        row["chosen"] = row["id"] == deal  # marked by the grid's rowClassRules
    new_state = {"filter": filter_query, "sort": sort, "page": page, "search": key["search"], "deal": deal}
    return (rows, count, new_state if new_state != shown else no_update, page <= 0, page >= pages - 1)


def chosen_in_grid(clicked: dict[str, Any] | None, chosen: str | None) -> Any:
    """A click on a deal's row chooses it; a click on the chosen deal clears the choice.

    The grid's own row selection is not used: the grid sets it itself as rows arrive, and Dash
    drops a callback's answer for a prop the component changed meanwhile (the rows were lost)."""
    deal = str((clicked or {}).get("rowId") or "")
    if not deal:
        return no_update
    return None if deal == chosen else deal


def columns_chosen(shown: list[str] | None, key: dict[str, Any] | None, state: list[dict[str, Any]] | None,
                   options: list[dict[str, str]] | None = None) -> Any:
    """The column chooser: the ticked columns shown, the others hidden (the sort kept); the
    older-release column named after the release now compared (`options`: the chooser's as
    shown; a new view compared with the same release leaves the columns as they are, so the
    grid is not redrawn for nothing)."""
    compare = str((key or {}).get("compare") or "")
    if options is not None and _triggered() == {"register-key.data"} and options == chooser_options(compare):
        return no_update, no_update
    sort = [(s["column_id"], s["direction"]) for s in sort_by(state)]
    return column_defs(compare, hidden_columns(compare, shown), sort), chooser_options(compare)


def register_in_url(shown: dict[str, Any] | None, search: str | None) -> Any:
    """The register's filter, sort and page in the link, so a shared link reopens on the same rows."""
    if not search or not shown:
        return no_update
    new = with_register(search, shown.get("filter"), shown.get("sort"), shown.get("page"))
    return new if new != search else no_update


def register_callbacks() -> None:
    """Adds this module's callbacks to the app being built (the pair page calls it: Dash takes
    callbacks registered at import into the first app only, and tests build several)."""
    callback(
        Output(GRID_ID, "rowData"),
        Output("register-count", "children"),
        Output("register-state", "data"),
        Output("register-previous", "disabled"),
        Output("register-next", "disabled"),
        Input("register-key", "data"),
        Input(GRID_ID, "columnState"),
        Input(GRID_ID, "filterModel"),
        Input("register-previous", "n_clicks"),
        Input("register-next", "n_clicks"),
        Input("chosen-deal", "data"),
        State("register-state", "data"),
    )(register_shown)
    callback(
        Output("chosen-deal", "data"),
        Input(GRID_ID, "cellClicked"),
        State("chosen-deal", "data"),
        prevent_initial_call=True,
    )(chosen_in_grid)
    callback(
        Output(GRID_ID, "columnDefs"),
        Output("register-columns", "options"),
        Input("register-columns", "value"),
        Input("register-key", "data"),
        State(GRID_ID, "columnState"),
        State("register-columns", "options"),
        prevent_initial_call=True,
    )(columns_chosen)
    callback(
        Output("url", "search", allow_duplicate=True),
        Input("register-state", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )(register_in_url)
