"""The layout pieces and callbacks the three context pages share (profile, compare, flows):
chart panels, the page frame, the main callback's outputs and values, the downloads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from dash import (
    ALL,
    Input,
    Output,
    State,
    callback,
    ctx,
    dcc,
    html,
    no_update,
)

from dashboard import queries, response_cache
from dashboard.app import current_settings
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
    view_bibtex,
    year_marks,
)
from dashboard.context import figures as cf
from dashboard.context.render import Rendered, download, file_stem
from dashboard.context.view import VIEW_FROM_QUERY, release_from_link
from etl.errors import ArmsExplorerError
from etl.provenance import citation_bibtex, citation_ris, citation_text

# ---- layout pieces and callbacks the three pages share -------------------------------------------
# Every id is prefixed with the page's name: Dash registers all pages' callbacks in one app, so
# two pages may not write the same id.


def view_for_layout(kind: str, query: Mapping[str, Any]) -> tuple[queries.ReleaseData, Any, list[str]] | html.Div:
    """The release, view and fallback notices a page's link asks for, or the page to show
    instead: the call to add data where the store is empty, a damaged store's sentence."""
    settings = current_settings()
    try:
        if not queries.releases(settings):
            return html.Div(empty_store_panel(), className="page")
        data, notices = release_from_link(settings, query)
        view = VIEW_FROM_QUERY[kind](query, data, notices)
    except ArmsExplorerError as exc:
        return html.Div([alert(exc.message), empty_store_panel(exc.message)], className="page")
    return data, view, notices


def estimates_control(prefix: str, leave_out: bool) -> html.Div:
    return html.Div([html.Label("Figures"),
                     dcc.Checklist(id=f"{prefix}options", value=["leave-out-estimates"] if leave_out else [],
                                   options=[{"label": " leave out SIPRI's estimated figures (?)", "value": "leave-out-estimates"}])],
                    className="control")


def chart_panel(prefix: str, name: str, info: Any, config: dcc.Graph.Config | None = None,
                extra: list[Any] | None = None, beside: Any = None) -> html.Section:
    """A chart with PNG/SVG/CSV downloads, the credit line, and its 'reproduce' code
    (`beside`: a column to the chart's right; `extra`: content under it)."""
    chart = f"{prefix}{name}"
    graph: dcc.Loading | html.Div = chart_graph(chart, config)
    if beside is not None:
        graph = html.Div([html.Div(graph, className="chart-main"), html.Aside(beside, className="chart-side")],
                         className="chart-with-side")
    return html.Section(
        [
            graph,
            *(extra or []),
            chart_tools(prefix, chart, data_name=name),
            credit(info, id=f"{chart}-credit"),
            html.Details(
                [html.Summary("Reproduce this chart (pandas, over the store's Parquet files)"),
                 html.Pre(id=f"{chart}-code", className="reproduce-code")],
                className="reproduce",
            ),
        ],
        className="panel chart",
    )


def cite_and_exports(prefix: str, info: Any) -> html.Section:
    """The view's XLSX download (every table and an About sheet), the cite control, the credit."""
    return html.Section(
        [
            html.Button("Download every table of this view (XLSX)", id=f"{prefix}download-xlsx", className="button", n_clicks=0),
            dcc.Download(id=f"{prefix}download"),
            cite_details(prefix),
            credit(info, id=f"{prefix}exports-credit"),
        ],
        className="panel exports",
    )


def page_frame(prefix: str, notices: list[str], controls: html.Div, body: list[Any], info: Any, kind: str,
               ranks: dict[str, list[Any]] | None = None) -> html.Div:
    return html.Div(
        [
            dcc.Location(id=f"{prefix}url", refresh=False),
            dcc.Store(id=f"{prefix}store"),
            dcc.Store(id=f"{prefix}entity-ranks", data=ranks or {}),
            html.Div([alert(n, kind="notice") for n in notices], id=f"{prefix}link-notice", role="status"),
            html.Div(id=f"{prefix}view-notice"),
            controls,
            html.Div(id=f"{prefix}headline", className="headline"),
            *body,
            cite_and_exports(prefix, info),
        ],
        className=f"page context-page {kind}-page",
    )


def view_outputs(prefix: str, charts: tuple[str, ...]) -> list[Output]:
    """The outputs every context page's main callback writes, in `view_values`' order (a pure
    callback: its answers are kept per store generation, `dashboard.response_cache`)."""
    response_cache.pure(f"{prefix}headline.children")
    return [
        Output(f"{prefix}url", "search"),
        Output(f"{prefix}view-notice", "children"),
        Output(f"{prefix}headline", "children"),
        *[Output(f"{prefix}{name}-chart", "figure") for name in charts],
        *[Output(f"{prefix}{name}-code", "children") for name in charts],
        *[Output(f"{prefix}{name}-credit", "children") for name in charts],
        Output(f"{prefix}exports-credit", "children"),
        Output(f"{prefix}cite-text", "children"),
        Output(f"{prefix}cite-bibtex", "children"),
        Output(f"{prefix}cite-ris", "children"),
        Output(f"{prefix}store", "data"),
    ]


def view_values(kind: str, charts: tuple[str, ...], data: queries.ReleaseData, view: Any, out: Rendered,
                href: str | None, search: str | None) -> list[Any]:
    new_search = view.query_string()
    link = public_link(href, new_search)
    info = data.info
    store = {"search": new_search, "link": link, "stem": file_stem(kind, data, view)}
    return [
        new_search if new_search != search else no_update,
        [alert(n, kind="notice") for n in out.notices],
        kpis(out.headline),
        *[out.figures[name] for name in charts],
        *[out.code.get(name, "") for name in charts],
        *[credit_children(info)] * (len(charts) + 1),
        citation_text(info, link),
        view_bibtex(citation_bibtex(info, link), kind, *_key_names(kind, view), f"{view.from_year}", f"{view.to_year}"),
        citation_ris(info, link),
        store,
    ]


def _key_names(kind: str, view: Any) -> list[str]:
    """The entities that name a view in its citation key."""
    if kind == "profile":
        return [view.entity or "none"]
    if kind == "compare":
        return [i for pair in view.pairs[:2] for i in pair]
    return [*view.suppliers[:1], *view.recipients[:1]]


def failed_values(charts: tuple[str, ...], message: str) -> list[Any]:
    return [no_update, alert(message), *([no_update] * (3 * len(charts) + 6))]


def register_downloads(prefix: str, kind: str) -> None:
    """The page's data downloads (CSV per chart, XLSX per view) and chart images (the pair page's
    client-side function, `arms.downloadChart`, under this page's ids)."""

    @callback(
        Output(f"{prefix}download", "data"),
        Input({"type": f"{prefix}data-download", "chart": ALL}, "n_clicks"),
        Input(f"{prefix}download-xlsx", "n_clicks"),
        State(f"{prefix}store", "data"),
        prevent_initial_call=True,
    )
    def download_data(_charts: list[int], _xlsx: int, store: dict[str, Any] | None) -> Any:
        triggered = ctx.triggered_id
        clicked = [t for t in ctx.triggered if t.get("value")]
        if not store or not clicked or triggered is None:
            return no_update
        chart = triggered["chart"] if isinstance(triggered, dict) else None
        return download(kind, current_settings(), store, chart)

    chart_download_callback(prefix, f"{prefix}store")


def register_release_changed(prefix: str, pickers: Mapping[str, Callable[[queries.ReleaseData], list[Any]]]) -> None:
    """The page's callback that gives its pickers and year slider what the chosen release offers
    (`pickers`: each picker's id after the prefix, and its options for a release)."""

    @callback(
        *[Output(f"{prefix}{name}", "options") for name in pickers],
        Output(f"{prefix}years", "min"),
        Output(f"{prefix}years", "max"),
        Output(f"{prefix}years", "marks"),
        Input(f"{prefix}release", "value"),
        prevent_initial_call=True,
    )
    def release_changed(release: str | None) -> tuple[Any, ...]:
        try:
            data = queries.release_data(current_settings(), release)
        except ArmsExplorerError:
            return (no_update,) * (len(pickers) + 3)
        return (*[options(data) for options in pickers.values()], data.first_year, data.last_year,
                year_marks(data.first_year, data.last_year))


def kpis(items: list[tuple[str, str, str]]) -> list[Any]:
    return [
        html.Div([html.Div(label, className="kpi-label"), html.Div(value, className="kpi-value"),
                  html.Div(note, className="kpi-note")], className="kpi")
        for label, value, note in items
    ]


def table_of(frame: pd.DataFrame | None, columns: list[tuple[str, str]], id: str, empty: str) -> html.Div:  # noqa: A002
    """A small HTML table (no paging: a handful of rows)."""
    if frame is None or not len(frame):
        return html.Div(html.P(empty, className="muted"), id=id)
    head = html.Thead(html.Tr([html.Th(label) for _, label in columns]))
    body = html.Tbody([
        html.Tr([html.Td(_cell(row[c]), className="num" if isinstance(row[c], (int, float)) else None) for c, _ in columns])
        if "why" not in row else
        # A partner beside the map: its name, and under it why it has no shape.
        html.Tr([html.Td([row[columns[0][0]], html.Br(), html.Small(row["why"], className="muted")]),
                 *[html.Td(_cell(row[c]), className="num") for c, _ in columns[1:]]])
        for row in frame.to_dict("records")
    ])
    return html.Div(html.Table([head, body], className="releases context-table"), id=id)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if pd.isna(value) else cf.format_tiv(value)
    if isinstance(value, int):
        return str(value)
    return "" if value is None else str(value)
