"""The data page: get SIPRI exports into the store (drop files), see what the store holds.

Files are validated exactly as `arms-explorer ingest` does (the same function), and any problem
a user caused is shown as its one sentence.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import queries
from dashboard.app import current_settings
from dashboard.components import alert
from etl.config import Settings
from etl.errors import ArmsExplorerError
from etl.ingest import FileReport, ingest

dash.register_page(__name__, path="/data", title="Data - Arms Transfers Explorer", name="Data")

SIPRI_SITE = "https://armstransfers.sipri.org/"
MAX_REASONS_SHOWN = 20
MAX_NAME_CHARS = 200


def where_to_download() -> html.Div:
    return html.Div(
        [
            html.H3("Where to get the files"),
            html.P(["All three come from SIPRI's Arms Transfers Database at ",
                    html.A(SIPRI_SITE, href=SIPRI_SITE, target="_blank", rel="noopener"), ":"]),
            html.Ul(
                [
                    html.Li([html.B("Trade register"), " (one row per deal, with comments): choose 'Trade registers', "
                             "pick suppliers, recipients and years, and export as CSV."]),
                    html.Li([html.B("Delivery-level register"), " (one row per deal and delivery year, with SIPRI's "
                             "deal ID and armament category): the trade register's CSV export in its "
                             "per-delivery form; it gives the charts their categories and exact yearly splits."]),
                    html.Li([html.B("TIV tables"), " (imports by recipient or exports by supplier, per year): choose "
                             "'Importer/Exporter TIV tables' and export as CSV; used to check the store's totals."]),
                ]
            ),
            html.P("Drop SIPRI's files as exported: the preamble with 'Data generated' tells which annual "
                   "release they belong to. Several files of one release can be dropped together."),
        ],
        className="panel",
    )


def releases_table(settings: Settings) -> Any:
    infos = queries.releases(settings)
    if not infos:
        return html.P("The store holds no release yet.", id="store-empty")
    header = html.Tr([html.Th(h) for h in ("Release", "Data generated", "Files", "Deals", "Delivery rows", "Open orders")])
    rows = [
        html.Tr([html.Td(dcc.Link(i.label, href=f"/?release={i.label}")), html.Td(i.data_generated_text),
                 html.Td(len(i.files)), html.Td(f"{i.counts.get('deals', 0):,}"),
                 html.Td(f"{i.counts.get('deliveries', 0):,}"), html.Td((i.coverage or {}).get("open_orders", 0))])
        for i in reversed(infos)
    ]
    return html.Table([html.Thead(header), html.Tbody(rows)], className="releases")


def layout(**_query: Any) -> html.Div:
    settings = current_settings()
    limit_mb = settings.max_upload_bytes / 1024 / 1024
    try:
        stored = releases_table(settings)
    except ArmsExplorerError as exc:
        stored = alert(exc.message)
    return html.Div(
        [
            html.H2("SIPRI data in the store"),
            html.Div(stored, id="store-releases", className="panel"),
            html.Div(
                [
                    html.H3("Add SIPRI export files"),
                    dcc.Upload(
                        id="upload",
                        children=html.Div(["Drop SIPRI export files here, or ", html.A("choose files")]),
                        multiple=True,
                        className="upload",
                    ),
                    html.P(f"CSV files as SIPRI exports them (or the backend's JSON body), up to {limit_mb:g} MB each. "
                           "They are checked exactly as `arms-explorer ingest` checks them; nothing is stored "
                           "unless every file reads.", className="credit"),
                    dcc.Loading(html.Div(id="upload-result", role="status"), type="dot"),
                ],
                className="panel",
            ),
            # Reserved: the "Fetch from SIPRI" button (issue 5) goes here.
            html.Div(id="fetch-panel"),
            where_to_download(),
        ],
        className="page data-page",
    )


def file_label(name: Any) -> str:
    """A dropped file's name as messages show it: control characters (a newline) as spaces, cut short."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(name if name is not None else "")).strip()
    return text[:MAX_NAME_CHARS] or "upload"


def decode_upload(contents: str, name: str, limit: int) -> bytes:
    """The bytes of one dropped file; ArmsExplorerError with a sentence when unreadable or too big."""
    if not isinstance(contents, str):
        raise ArmsExplorerError(f"{name}: the browser sent this file damaged; drop it again.")
    _, _, payload = contents.partition(",")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ArmsExplorerError(f"{name}: the browser sent this file damaged; drop it again.") from None
    if len(data) > limit:
        raise ArmsExplorerError(
            f"{name}: the file is {len(data) / 1024 / 1024:.1f} MB, larger than the {limit / 1024 / 1024:g} MB "
            "limit for uploads; ingest it with `arms-explorer ingest FILE` instead."
        )
    return data


def report_text(report: FileReport) -> str:
    """One file's ingest report, as the command line prints it."""
    if report.unchanged:
        return f"{report.name}: already in release {report.release} (same bytes); nothing changed"
    when = report.data_generated or "no 'Data generated' line"
    lines = [
        f"{report.name}: {report.layout_name}, data generated {when}, release {report.release}: "
        f"{report.records_read} records read, {report.records_stored} stored, {report.records_reported} reported"
    ]
    lines += [f"  line {r['line']}: {r['reason']}" for r in report.reasons[:MAX_REASONS_SHOWN]]
    if len(report.reasons) > MAX_REASONS_SHOWN:
        lines.append(f"  ... and {len(report.reasons) - MAX_REASONS_SHOWN} more")
    return "\n".join(lines)


def ingest_uploads(settings: Settings, contents: list[str], names: list[str]) -> list[Any]:
    """Ingest dropped files; the per-file report, or the one sentence naming what is wrong."""
    try:
        items = [(name, decode_upload(c, name, settings.max_upload_bytes)) for c, name in zip(contents, names, strict=True)]
        result = ingest(items, settings)
    except ArmsExplorerError as exc:
        return [alert(exc.message, id="upload-error")]
    except Exception as exc:  # noqa: BLE001 - a page shows a sentence, never a traceback
        return [alert(f"{', '.join(names)}: could not be ingested ({exc.__class__.__name__}); nothing was "
                      "stored. Please report this with the file.", id="upload-error")]
    labels = sorted({r.release for r in result.files})
    return [
        alert(f"Stored in release {', '.join(labels)}.", id="upload-ok", kind="ok"),
        html.Pre("\n".join(report_text(r) for r in result.files), className="report", id="upload-report"),
        dcc.Link(f"Explore release {labels[-1]}", href=f"/?release={labels[-1]}", className="button button-primary")
        if labels else None,
    ]


@callback(
    Output("upload-result", "children"),
    Output("store-releases", "children"),
    Input("upload", "contents"),
    State("upload", "filename"),
    prevent_initial_call=True,
)
def upload_files(contents: list[str] | str | None, names: list[str] | str | None) -> tuple[Any, Any]:
    """Files dropped on the page, ingested; the report and the store's releases afterwards."""
    if not contents:
        return dash.no_update, dash.no_update
    contents = contents if isinstance(contents, list) else [contents]
    names = names if isinstance(names, list) else [names or "upload"]
    if len(names) != len(contents):  # only a hand-made request can do this; the browser sends pairs
        return [alert(f"The upload holds {len(contents)} file(s) but {len(names)} name(s); drop the files again.",
                      id="upload-error")], dash.no_update
    settings = current_settings()
    shown = ingest_uploads(settings, contents, [file_label(n) for n in names])
    try:
        stored = releases_table(settings)
    except ArmsExplorerError as exc:
        stored = alert(exc.message)
    return shown, stored
