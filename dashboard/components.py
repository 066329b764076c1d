"""Small layout pieces shared by the pages (pure: arguments in, components out), and the one
client-side callback behind their chart-download buttons, registered beside the ids it reads.

A `prefix` keeps ids apart: Dash registers every page's callbacks in one app, so two pages may not
write the same id (the pair page's prefix is "").
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from dash import (
    ALL,
    MATCH,
    ClientsideFunction,
    Input,
    Output,
    State,
    clientside_callback,
    dcc,
    html,
)
from dash.development.base_component import Component
from dash.exceptions import MissingCallbackContextException

from etl.config import SIPRI_METHODS_URL, TIV_EXPLANATION
from etl.errors import ArmsExplorerError
from etl.provenance import credit_line
from etl.store import ReleaseInfo

GRAPH_CONFIG: dcc.Graph.Config = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
CITE_FORMATS = (("Text", "text"), ("BibTeX", "bibtex"), ("RIS", "ris"))


def credit_children(info: ReleaseInfo | None) -> list[Component | str]:
    """SIPRI's credit line with release and data date, and what TIV is, linked to SIPRI's methods."""
    credit = credit_line(info) if info is not None else "Source: SIPRI Arms Transfers Database (c) SIPRI."
    return [
        html.Span(credit, className="credit-line"),
        " ",
        html.Span(TIV_EXPLANATION),
        " ",
        html.A("How SIPRI measures TIV", href=SIPRI_METHODS_URL, target="_blank", rel="noopener"),
        ".",
    ]


def credit(info: ReleaseInfo | None, id: str) -> html.Div:  # noqa: A002 - Dash's own name
    return html.Div(credit_children(info), id=id, className="credit")


def alert(sentence: str, id: str | None = None, kind: str = "error") -> html.Div:  # noqa: A002
    """One sentence on the page, where a user caused a problem (never a traceback)."""
    props: dict[str, Any] = {"id": id} if id else {}
    return html.Div(sentence, className=f"alert alert-{kind}", role="alert", **props)


NO_RELEASE_YET = "The store holds no release yet: add SIPRI's files on the Data page."


def releases_for_layout(list_releases: Callable[[], Sequence[Any]], fewest: int = 1,
                        too_few: str = NO_RELEASE_YET) -> list[Any] | html.Div:
    """The store's releases for a page's layout, or the page to show instead: a damaged store's
    sentence (not an error page), or `too_few` where the store holds fewer than `fewest`."""
    try:
        releases = list(list_releases())
    except ArmsExplorerError as exc:
        return html.Div(alert(exc.message), className="page")
    if len(releases) < fewest:
        return html.Div(alert(too_few), className="page")
    return releases


def empty_store_panel(message: str | None = None) -> html.Div:
    """The call to action shown where the store holds no release yet."""
    return html.Div(
        [
            html.H2("No SIPRI data in the store yet"),
            html.P(
                message
                or "Add the SIPRI Arms Transfers Database export files first: drop them on the Data page, "
                "or run `arms-explorer ingest FILE` on the command line."
            ),
            dcc.Link("Add SIPRI data", href="/data", className="button button-primary", id="add-data-link"),
        ],
        className="panel call-to-action",
        id="empty-store",
    )


def release_options(releases: Sequence[ReleaseInfo]) -> list[dict[str, str]]:
    """Dropdown options for the releases (given oldest first), newest first, each with its data date."""
    return [{"label": f"{i.label} (data generated {i.data_generated_text})", "value": i.label} for i in reversed(releases)]


def year_marks(lo: int, hi: int) -> dict[int, str]:
    """Slider marks: both ends and every 5 or 10 years between, none crowding an end."""
    step = 10 if hi - lo > 30 else 5
    marks = {y: str(y) for y in range(lo - lo % step + step, hi, step) if y - lo >= step / 2 and hi - y >= step / 2}
    return {lo: str(lo), **marks, hi: str(hi)}


def release_control(prefix: str, releases: Sequence[ReleaseInfo], value: str) -> html.Div:
    return html.Div([html.Label("Release", htmlFor=f"{prefix}release"),
                     dcc.Dropdown(id=f"{prefix}release", options=release_options(releases), value=value, clearable=False)],
                    className="control control-release")


def years_control(prefix: str, first_year: int, last_year: int, from_year: int, to_year: int) -> html.Div:
    return html.Div([html.Label("Years of delivery", htmlFor=f"{prefix}years"),
                     dcc.RangeSlider(id=f"{prefix}years", min=first_year, max=last_year, step=1,
                                     value=[from_year, to_year], marks=year_marks(first_year, last_year),
                                     allowCross=False, tooltip={"placement": "bottom", "always_visible": False})],
                    className="control control-years")


def chart_graph(chart: str, config: dcc.Graph.Config | None = None) -> dcc.Loading:
    """The graph `{chart}-chart`, with a loading mark for slow redraws."""
    return dcc.Loading(dcc.Graph(id=f"{chart}-chart", config=(config or GRAPH_CONFIG).copy()), type="dot", delay_show=400)


def chart_tools(prefix: str, chart: str, data_name: str | None = None) -> html.Div:
    """PNG and SVG buttons for the chart (drawn in the browser, see `chart_download_callback`) and,
    with `data_name`, a CSV button for its data."""
    data = [] if data_name is None else [
        html.Span("data: "),
        html.Button("CSV", id={"type": f"{prefix}data-download", "chart": data_name},
                    className="button button-small", n_clicks=0),
    ]
    return html.Div(
        [
            html.Span("Download chart: "),
            *[
                html.Button(fmt.upper(), id={"type": f"{prefix}chart-download", "chart": chart, "format": fmt},
                            className="button button-small", n_clicks=0)
                for fmt in ("png", "svg")
            ],
            *data,
            dcc.Store(id={"type": f"{prefix}chart-downloaded", "chart": chart}),
        ],
        className="chart-tools",
    )


def chart_download_callback(prefix: str, store_id: str) -> None:
    """Registers the browser-side download (`arms.downloadChart` in assets/app.js) for the page's
    `chart_tools` buttons; the file is named after the view's stem in `store_id`."""
    clientside_callback(
        ClientsideFunction(namespace="arms", function_name="downloadChart"),
        Output({"type": f"{prefix}chart-downloaded", "chart": MATCH}, "data"),
        Input({"type": f"{prefix}chart-download", "chart": MATCH, "format": ALL}, "n_clicks"),
        State({"type": f"{prefix}chart-download", "chart": MATCH, "format": ALL}, "id"),
        State(store_id, "data"),
        prevent_initial_call=True,
    )


def cite_details(prefix: str) -> html.Details:
    """'Cite this view': the citation as text, BibTeX and RIS, each with a copy button (filled by a callback)."""
    return html.Details(
        [
            html.Summary("Cite this view", id=f"{prefix}cite-summary"),
            *[
                part
                for label, key in CITE_FORMATS
                for part in (html.H4(label),
                             html.Div([html.Pre(id=f"{prefix}cite-{key}"),
                                       dcc.Clipboard(target_id=f"{prefix}cite-{key}", title="Copy")],
                                      className="cite-block"))
            ],
        ],
        className="cite", id=f"{prefix}cite",
    )


def nav_context_callback(app: Any, nav: Sequence[tuple[str, str]], nav_id: Any) -> None:
    """The nav's links carry the pair, years and release of the page being read (`arms.navHrefs`
    in assets/app.js, no request): Pair -> Profile keeps the country and the years."""
    hrefs = [href for _, href in nav]
    app.clientside_callback(
        f"(path, search) => window.dash_clientside.arms.navHrefs(path, search, {json.dumps(hrefs)})",
        [Output(nav_id(href), "href") for href in hrefs],
        Input("_pages_location", "pathname"),
        Input("_pages_location", "search"),
    )


PUBLIC_URL_ENV = "ARMS_EXPLORER_PUBLIC_URL"


def public_link(href: str | None, search: str) -> str:
    """The view's address as citations and exports give it: `ARMS_EXPLORER_PUBLIC_URL` (the
    team server's public address, e.g. https://arms.example.org) with the page's path and query,
    or, where it is not set, the address the browser used."""
    base = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    if not base:
        return (href or "").split("?")[0] + search
    return base + (urlsplit(href or "").path or "/") + search


def view_bibtex(bibtex: str, *names: str) -> str:
    """A BibTeX entry whose key names the view ('sipri_at_2024_pair_turkiye_pakistan_2004_2023'),
    so two views cited in one paper do not share a key."""
    head, brace, rest = bibtex.partition("{")
    key, comma, body = rest.partition(",")
    slug = "_".join(part for part in (re.sub(r"[^a-z0-9]+", "_", n.casefold()).strip("_") for n in names) if part)
    return f"{head}{brace}{key}{'_' + slug if slug else ''}{comma}{body}" if comma else bibtex


def data_attributes(**values: str) -> dict[str, Any]:
    """`data-*` attributes for a component's keyword arguments: data_attributes(change="x") -> {"data-change": "x"}."""
    return {f"data-{key.replace('_', '-')}": value for key, value in values.items()}


def triggered_id() -> Any:
    """The id of the input that fired the callback; None when called outside Dash (tests)."""
    import dash

    try:
        return dash.ctx.triggered_id
    except MissingCallbackContextException:
        return None


def page_number(raw: Any) -> int:
    """A URL's 1-based page as an index from 0 (anything else: the first page)."""
    try:
        return max(0, int(str(raw)) - 1)
    except (TypeError, ValueError):
        return 0
