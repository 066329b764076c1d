"""The diff page: deals added, removed, changed, relabelled or not comparable between two releases.

The URL holds the view (`?from=2024&to=2026&supplier=turkiye&recipient=pakistan`). Data comes
only through `dashboard.verify_queries`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import verify_queries
from dashboard.app import current_settings
from dashboard.components import alert, credit, data_attributes, release_options
from etl.errors import ArmsExplorerError
from etl.verify.diff import DiffResult

dash.register_page(__name__, path="/diff", title="What changed between releases - Arms Transfers Explorer",
                   name="Diff")

SHOWN = ("added", "removed", "changed", "relabelled", "not_comparable")
WORDING = "reworded"


def _ids(raw: Any) -> list[str]:
    if not raw:
        return []
    if isinstance(raw, list):
        return [str(v) for v in raw if v]
    return [v for v in str(raw).split(",") if v]


def query_string(from_label: str, to_label: str, suppliers: list[str], recipients: list[str], wording: bool) -> str:
    pairs = [("from", from_label), ("to", to_label), ("supplier", ",".join(suppliers)),
             ("recipient", ",".join(recipients))]
    if wording:
        pairs.append(("wording", "1"))
    return "?" + urlencode(pairs)


def result_children(result: DiffResult, wording: bool = False) -> list[Any]:
    """Counts, then one row per deal that differs, with fields from -> to, then what each release holds."""
    kinds = SHOWN + ((WORDING,) if wording else ())
    counts = html.P("; ".join(f"{result.counts.get(k, 0)} {k.replace('_', ' ')}" for k in (*SHOWN, WORDING, "unchanged")),
                    id="diff-counts")
    rows = []
    for c in result.changes:
        if c.change not in kinds:
            continue
        if c.change == "not_comparable":
            detail: Any = c.reason or ""
        else:
            detail = html.Ul([html.Li(f"{f['field']}: {f['from'] or '(empty)'} → {f['to'] or '(empty)'}")
                              for f in c.fields])
        name = (f"{c.designation_from} → {c.designation_to}"
                if c.designation_from and c.designation_to and c.designation_from != c.designation_to else c.designation)
        rows.append(html.Tr([
            html.Td(f"{c.supplier} -> {c.recipient}"), html.Td(str(c.order_year or "")), html.Td(name),
            html.Td(c.change.replace("_", " "), className=f"change change-{c.change}"), html.Td(detail),
        ], **data_attributes(change=c.change)))
    table = html.Table([
        html.Thead(html.Tr([html.Th(h) for h in ("Pair", "Order year", "Deal", "Change", "What changed")])),
        html.Tbody(rows),
    ], className="diff-table", id="diff-table") if rows else html.P("No deal differs.", id="diff-none")
    scopes = html.Ul([html.Li(s.basis) for s in result.scopes], className="diff-scopes")
    return [counts, table, html.H4("What each release can hold"), scopes]


def layout(**query: Any) -> Any:
    settings = current_settings()
    try:
        releases = verify_queries.releases(settings)
    except ArmsExplorerError as exc:  # a damaged store: its sentence, not an error page
        return html.Div(alert(exc.message), className="page")
    if len(releases) < 2:
        return html.Div(alert("A diff needs two releases in the store; add another release's SIPRI files on the "
                              "Data page."), className="page")
    labels = [i.label for i in releases]
    from_label = query.get("from") or labels[-2]
    to_label = query.get("to") or labels[-1]
    suppliers, recipients = _ids(query.get("supplier")), _ids(query.get("recipient"))
    wording = bool(query.get("wording"))
    try:
        result = verify_queries.diff(settings, from_label, to_label, suppliers, recipients)
        children = result_children(result, wording)
        options = verify_queries.entity_options(settings, to_label)
    except ArmsExplorerError as exc:
        children = [alert(exc.message)]
        options = verify_queries.entity_options(settings, None)
    releases_offered = release_options(releases)
    info = next((i for i in releases if i.label == to_label), releases[-1])
    return html.Div([
        dcc.Location(id="diff-url", refresh=False),
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
        ], className="panel controls"),
        dcc.Loading(html.Div(children, id="diff-results", className="panel"), type="dot", delay_show=300),
        credit(info, id="diff-credit"),
    ], className="page diff-page")


@callback(
    Output("diff-url", "search"),
    Output("diff-results", "children"),
    Input("diff-from", "value"),
    Input("diff-to", "value"),
    Input("diff-supplier", "value"),
    Input("diff-recipient", "value"),
    Input("diff-wording", "value"),
    State("diff-url", "search"),
    prevent_initial_call=True,
)
def diff_changed(from_label: str | None, to_label: str | None, suppliers: list[str] | None,
                 recipients: list[str] | None, wording: list[str] | None, search: str | None) -> tuple[Any, ...]:
    settings = current_settings()
    suppliers, recipients = _ids(suppliers), _ids(recipients)
    include = bool(wording)
    try:
        result = verify_queries.diff(settings, str(from_label), str(to_label), suppliers, recipients)
    except ArmsExplorerError as exc:
        return dash.no_update, [alert(exc.message)]
    new_search = query_string(str(from_label), str(to_label), suppliers, recipients, include)
    return (new_search if new_search != search else dash.no_update), result_children(result, include)
