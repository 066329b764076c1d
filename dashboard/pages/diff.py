"""The diff page: deals added, removed, changed, relabelled or not comparable between two releases.

The URL holds the view (`?from=2024&to=2026&supplier=turkiye&recipient=pakistan`, and `q`, `sort`,
`page` where set). Opened on a pair (or suppliers / recipients), it lists that pair's deals that
differ; opened bare, a summary by pair, each pair linking to its own diff. Either way a page of
rows at a time, filtered, sorted and paged on the server from the diff of the two whole releases
that `dashboard.verify.queries.prepared_diff` prepares once. Data comes only through
`dashboard.verify.queries`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard.app import current_settings
from dashboard.components import (
    alert,
    credit,
    data_attributes,
    page_number,
    release_options,
    releases_for_layout,
    triggered_id,
)
from dashboard.verify import queries as verify_queries
from etl.errors import ArmsExplorerError
from etl.verify.diff import (
    PAGE_SIZE,
    SHOWN,
    WORDING,
    DiffPage,
    PreparedDiff,
    changes_page,
    pairs_page,
)

dash.register_page(__name__, path="/diff", title="What changed between releases - Arms Transfers Explorer",
                   name="Diff", order=6)

SORT_OPTIONS = [
    {"label": "Pair, then order year", "value": "pair"},
    {"label": "Newest order first", "value": "newest"},
    {"label": "Kind of change", "value": "change"},
    {"label": "Deal (designation)", "value": "deal"},
    {"label": "Pairs with most differences first (summary)", "value": "most"},
]


def _ids(raw: Any) -> list[str]:
    if not raw:
        return []
    if isinstance(raw, list):
        return [str(v) for v in raw if v]
    return [v for v in str(raw).split(",") if v]


def query_string(from_label: str, to_label: str, suppliers: list[str], recipients: list[str], wording: bool,
                 text: str = "", sort: str | None = None, page: int = 0) -> str:
    pairs = [("from", from_label), ("to", to_label), ("supplier", ",".join(suppliers)),
             ("recipient", ",".join(recipients))]
    if wording:
        pairs.append(("wording", "1"))
    if text:
        pairs.append(("q", text))
    if sort:
        pairs.append(("sort", sort))
    if page:
        pairs.append(("page", str(page + 1)))
    return "?" + urlencode(pairs)


def pair_diff_link(from_label: str, to_label: str, supplier_id: str, recipient_id: str, wording: bool) -> str:
    return "/diff" + query_string(from_label, to_label, [supplier_id], [recipient_id], wording)


def _counts_line(counts: dict[str, int]) -> html.P:
    kinds = (*SHOWN, WORDING, "unchanged")
    return html.P("; ".join(f"{counts.get(k, 0):,} {k.replace('_', ' ')}" for k in kinds), id="diff-counts")


def _rows_status(shown: DiffPage, noun: str) -> str:
    if not shown.total:
        return f"No {noun}."
    first = shown.page * PAGE_SIZE
    return (f"{noun.capitalize()} {first + 1:,}–{first + len(shown.rows):,} of {shown.total:,} "
            f"(page {shown.page + 1:,} of {shown.pages:,}).")


def pager_state(shown: DiffPage | None, noun: str = "rows") -> tuple[str, bool, bool]:
    """(the rows status, whether 'Previous' and 'Next' are disabled)."""
    if shown is None:
        return "", True, True
    return _rows_status(shown, noun), shown.page == 0, shown.page >= shown.pages - 1


def _pager(shown: DiffPage | None, noun: str) -> html.Div:
    status, no_prev, no_next = pager_state(shown, noun)
    return html.Div([
        html.Button("‹ Previous", id="diff-prev", n_clicks=0, disabled=no_prev, className="button"),
        html.Span(status, id="diff-rows", role="status"),
        html.Button("Next ›", id="diff-next", n_clicks=0, disabled=no_next, className="button"),
    ], className="diff-pager")


def _detail(row: pd.Series) -> Any:
    if row["change"] == "not_comparable":
        return row["reason"] or ""
    fields = json.loads(row["fields"] or "[]")
    return html.Ul([html.Li(f"{f['field']}: {f['from'] or '(empty)'} → {f['to'] or '(empty)'}") for f in fields])


def _name(row: pd.Series) -> str:
    old, new = row["designation_from"], row["designation_to"]
    if isinstance(old, str) and isinstance(new, str) and old and new and old != new:
        return f"{old} → {new}"
    return str(row["designation"])


def changes_children(shown: DiffPage) -> list[Any]:
    """The counts, one page of the deals that differ (fields from -> to), and the pager."""
    rows = [html.Tr([
        html.Td(f"{row['supplier']} -> {row['recipient']}"),
        html.Td("" if pd.isna(row["order_year"]) else str(int(row["order_year"]))),
        html.Td(_name(row)), html.Td(str(row["change"]).replace("_", " "), className=f"change change-{row['change']}"),
        html.Td(_detail(row)),
    ], **data_attributes(change=str(row["change"]))) for _, row in shown.rows.iterrows()]
    table = html.Table([
        html.Thead(html.Tr([html.Th(h) for h in ("Pair", "Order year", "Deal", "Change", "What changed")])),
        html.Tbody(rows),
    ], className="diff-table", id="diff-table") if rows else html.P("No deal differs.", id="diff-none")
    return [table]


def pairs_children(shown: DiffPage, prepared: PreparedDiff, wording: bool) -> list[Any]:
    """One page of the summary by pair: counts per kind, each pair linking to its own diff."""
    kinds = (*SHOWN, WORDING) if wording else SHOWN
    rows = [html.Tr([
        html.Td(dcc.Link(f"{row['supplier']} -> {row['recipient']}", href=pair_diff_link(
            prepared.release_from, prepared.release_to, str(row["supplier_id"]), str(row["recipient_id"]), wording))),
        *[html.Td(f"{int(row[k]):,}", className="number") for k in kinds],
    ]) for _, row in shown.rows.iterrows()]
    table = html.Table([
        html.Thead(html.Tr([html.Th("Pair"), *[html.Th(k.replace("_", " ").capitalize()) for k in kinds]])),
        html.Tbody(rows),
    ], className="diff-table diff-pairs", id="diff-pairs") if rows else html.P("No deal differs.", id="diff-none")
    hint = html.P("Every pair of the two releases: choose a pair to see its deals, or choose suppliers or "
                  "recipients above.", className="hint")
    return [hint, table]


def result_children(prepared: PreparedDiff, suppliers: list[str], recipients: list[str], wording: bool,
                    text: str = "", sort: str | None = None, page: int = 0) -> tuple[list[Any], DiffPage, str]:
    """The view's children, the page shown (clamped to the last) and what its rows are."""
    if suppliers or recipients:
        kinds = SHOWN + ((WORDING,) if wording else ())
        shown = changes_page(prepared, suppliers, recipients, kinds, text, sort if sort in
                             ("pair", "newest", "change", "deal") else "pair", page)
        body, noun = changes_children(shown), "rows"
    else:
        shown = pairs_page(prepared, text, "pair" if sort == "pair" else "most", page)
        body, noun = pairs_children(shown, prepared, wording), "pairs"
    scopes = html.Ul([html.Li(s.basis) for s in prepared.scopes], className="diff-scopes")
    return [_counts_line(shown.counts), *body, html.H4("What each release can hold"), scopes], shown, noun


def layout(**query: Any) -> Any:
    settings = current_settings()
    releases = releases_for_layout(lambda: verify_queries.releases(settings), fewest=2, too_few=(
        "A diff needs two releases in the store; add another release's SIPRI files on the Data page."))
    if isinstance(releases, html.Div):  # a damaged store's sentence, or too few releases
        return releases
    labels = [i.label for i in releases]
    from_label = str(query.get("from") or labels[-2])
    to_label = str(query.get("to") or labels[-1])
    suppliers, recipients = _ids(query.get("supplier")), _ids(query.get("recipient"))
    wording = bool(query.get("wording"))
    text = str(query.get("q") or "")
    sort = str(query["sort"]) if query.get("sort") else None
    shown: DiffPage | None = None
    noun = "rows"
    try:
        children, shown, noun = result_children(verify_queries.prepared_diff(settings, from_label, to_label),
                                                suppliers, recipients, wording, text, sort,
                                                page_number(query.get("page")))
        options = verify_queries.entity_options(settings, to_label)
    except ArmsExplorerError as exc:
        children = [alert(exc.message)]
        options = verify_queries.entity_options(settings, None)
    releases_offered = release_options(releases)
    info = next((i for i in releases if i.label == to_label), releases[-1])
    return html.Div([
        dcc.Location(id="diff-url", refresh=False),
        dcc.Store(id="diff-page", data=shown.page if shown else 0),
        html.H2("What changed between two releases"),
        html.P("SIPRI revises past years in every release: numbers, years, names. Deals are matched by SIPRI's "
               "deal ID where both releases carry it, otherwise by supplier, recipient, order year and "
               "designation (spelling-insensitive), with fallbacks for renamed designations."),
        html.Section([
            html.Div([html.Label("From release", htmlFor="diff-from"),
                      dcc.Dropdown(id="diff-from", options=releases_offered, value=from_label, clearable=False)],
                     className="control"),
            html.Div([html.Label("To release", htmlFor="diff-to"),
                      dcc.Dropdown(id="diff-to", options=releases_offered, value=to_label, clearable=False)],
                     className="control"),
            html.Div([dcc.Checklist(id="diff-wording", value=["wording"] if wording else [], options=[
                {"label": " also list deals that differ only in wording", "value": "wording"}])], className="control"),
            html.Div([html.Label("Supplier(s)", htmlFor="diff-supplier"),
                      dcc.Dropdown(id="diff-supplier", options=options, value=suppliers, multi=True,
                                   placeholder="Any supplier")], className="control control-entity"),
            html.Div([html.Label("Recipient(s)", htmlFor="diff-recipient"),
                      dcc.Dropdown(id="diff-recipient", options=options, value=recipients, multi=True,
                                   placeholder="Any recipient")], className="control control-entity"),
            html.Div([html.Label("Filter rows (words in pair, deal or change)", htmlFor="diff-filter"),
                      dcc.Input(id="diff-filter", value=text, type="text", debounce=True, className="text-input")],
                     className="control"),
            html.Div([html.Label("Sort", htmlFor="diff-sort"),
                      dcc.Dropdown(id="diff-sort", options=SORT_OPTIONS, value=sort, placeholder="Default order")],
                     className="control"),
        ], className="panel controls"),
        dcc.Loading(html.Div(children, id="diff-results", className="panel"), type="dot", delay_show=300),
        _pager(shown, noun),
        credit(info, id="diff-credit"),
    ], className="page diff-page")


@callback(
    Output("diff-url", "search"),
    Output("diff-results", "children"),
    Output("diff-page", "data"),
    Output("diff-rows", "children"),
    Output("diff-prev", "disabled"),
    Output("diff-next", "disabled"),
    Input("diff-from", "value"),
    Input("diff-to", "value"),
    Input("diff-supplier", "value"),
    Input("diff-recipient", "value"),
    Input("diff-wording", "value"),
    Input("diff-filter", "value"),
    Input("diff-sort", "value"),
    Input("diff-prev", "n_clicks"),
    Input("diff-next", "n_clicks"),
    State("diff-url", "search"),
    State("diff-page", "data"),
    prevent_initial_call=True,
)
def diff_changed(from_label: str | None, to_label: str | None, suppliers: list[str] | None,
                 recipients: list[str] | None, wording: list[str] | None, text: str | None, sort: str | None,
                 _prev: int | None, _next: int | None, search: str | None, page: int | None) -> tuple[Any, ...]:
    """The view for the controls; 'Previous' and 'Next' turn the page, any other control starts at the first."""
    settings = current_settings()
    suppliers, recipients = _ids(suppliers), _ids(recipients)
    include = bool(wording)
    step = {"diff-prev": -1, "diff-next": 1}.get(str(triggered_id() or ""), 0)
    page = max(0, int(page or 0) + step) if step else 0
    try:
        prepared = verify_queries.prepared_diff(settings, str(from_label), str(to_label))
        children, shown, noun = result_children(prepared, suppliers, recipients, include, text or "", sort, page)
    except ArmsExplorerError as exc:
        return (dash.no_update, [alert(exc.message)], 0, *pager_state(None))
    new_search = query_string(str(from_label), str(to_label), suppliers, recipients, include, text or "", sort,
                              shown.page)
    return ((new_search if new_search != search else dash.no_update), children, shown.page,
            *pager_state(shown, noun))


