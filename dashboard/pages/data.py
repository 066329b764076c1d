"""The data page: get SIPRI exports into the store (drop files, or fetch from SIPRI), see what it holds.

Files are validated exactly as `arms-explorer ingest` does (the same function), and any problem
a user caused is shown as its one sentence. Every file of every release is listed with how it came
(ingest, upload, fetch), when, its sha256 and SIPRI's "Data generated" date; where the request may
change the store, each has a Remove control that does what `arms-explorer remove` does (the same
function: the release is rebuilt from its other files). A fetch runs as `arms-explorer fetch` does, in the
background (dashboard/fetch/job.py): the button's callback returns at once and an Interval polls
the job's file, which every server process can read.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import dash
from dash import ALL, Input, Output, State, callback, dcc, html
from flask import request

from dashboard import access, queries
from dashboard.app import current_settings
from dashboard.components import alert
from dashboard.fetch import job as fetch_job
from dashboard.fetch.job import FetchJob
from etl.config import Settings
from etl.errors import ArmsExplorerError
from etl.fetch import FIRST_YEAR, FetchOptions, FetchQuery
from etl.ingest import FileReport, ingest, remove_file, report_lines
from etl.store import ReleaseInfo

dash.register_page(__name__, path="/data", title="Data - Arms Transfers Explorer", name="Data", order=7)

SIPRI_SITE = "https://armstransfers.sipri.org/"
MAX_REASONS_SHOWN = 20
MAX_NAME_CHARS = 200
# How often an open data page asks for a running fetch's progress.
FETCH_POLL_MS = 1000
# Names typed in one supplier or recipient box; more is a hand-made request, not a person typing.
MAX_FETCH_NAMES = 50
FETCH_YEAR_LABELS = ("From year", "To year")


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


ORIGIN_TEXT = {"ingest": "ingest (command line)", "upload": "upload (Data page)", "fetch": "fetch from SIPRI"}
REMOVE = "remove-file"


def releases_table(settings: Settings, editable: bool | None = None, notice: Any = None) -> Any:
    """The store's releases, then every file of each (how it came, when, sha256, date, rows); with
    `editable` (default: whether this request may change the store), a Remove control per file."""
    infos = queries.releases(settings)
    if not infos:
        return [notice, html.P("The store holds no release yet.", id="store-empty")]
    if editable is None:
        editable = access.may_change_store(settings)
    header = html.Tr([html.Th(h) for h in ("Release", "Data generated", "Files", "Deals", "Delivery rows", "Open orders")])
    rows = [
        html.Tr([html.Td(dcc.Link(i.label, href=f"/?release={i.label}")), html.Td(i.data_generated_text),
                 html.Td(len(i.files)), html.Td(f"{i.counts.get('deals', 0):,}"),
                 html.Td(f"{i.counts.get('deliveries', 0):,}"), html.Td((i.coverage or {}).get("open_orders", 0))])
        for i in reversed(infos)
    ]
    return [
        notice,
        html.Table([html.Thead(header), html.Tbody(rows)], className="releases"),
        html.H3("Files in each release"),
        html.P("How each file came into the store: `arms-explorer ingest` on the server, an upload on this page, "
               "or a fetch from SIPRI's backend. A release holding an uploaded file says so in every credit line "
               "and citation: its figures are not SIPRI's alone.", className="credit"),
        html.Div(files_table(infos, editable), className="table-scroll"),
    ]


def _when(text: Any) -> str:
    """'2026-12-01 14:02 UTC' from a manifest's ISO time; as written when it is not one."""
    try:
        return datetime.fromisoformat(str(text)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return str(text or "unknown")


def _generated(text: Any) -> str:
    try:
        return datetime.fromisoformat(str(text)).strftime("%-d %b %Y")
    except ValueError:
        return "not given"


def files_table(infos: Sequence[ReleaseInfo], editable: bool) -> html.Table:
    """One row per file of every release, newest release first."""
    heads = ["Release", "File", "How it came", "Added", "sha256", "Data generated", "Rows stored"]
    rows = []
    for info in reversed(infos):
        for f in info.files:
            sha = str(f.get("sha256", ""))
            origin = str(f.get("origin", "ingest"))
            cells = [
                html.Td(info.label), html.Td(file_label(f.get("name")), className="file-name"),
                html.Td(ORIGIN_TEXT.get(origin, origin), className=f"origin origin-{origin}"),
                html.Td(_when(f.get("added_at") or f.get("ingested_at"))),
                html.Td(html.Code(sha[:12]), title=sha), html.Td(_generated(f.get("data_generated"))),
                html.Td(f"{int(f.get('records_stored') or 0):,}"),
            ]
            if editable:
                cells.append(html.Td(dcc.ConfirmDialogProvider(
                    html.Button("Remove", className="button button-small"),
                    id={"type": REMOVE, "release": info.label, "sha256": sha},
                    message=(f"Remove {file_label(f.get('name'))} from release {info.label}? The release is "
                             "rebuilt from its other files (as `arms-explorer remove` does); the file's bytes "
                             "stay in the store's sources."))))
            rows.append(html.Tr(cells))
    head = html.Tr([html.Th(h) for h in heads + (["Remove"] if editable else [])])
    return html.Table([html.Thead(head), html.Tbody(rows)], className="releases release-files", id="store-files")


@callback(
    Output("store-releases", "children", allow_duplicate=True),
    Input({"type": REMOVE, "release": ALL, "sha256": ALL}, "submit_n_clicks"),
    prevent_initial_call=True,
)
def remove_clicked(clicks: list[int | None]) -> Any:
    """One file taken out of a release (confirmed in the browser), the release rebuilt from the
    others; the list afterwards, headed by what was done or the sentence saying why not."""
    trigger = dash.ctx.triggered_id
    if not isinstance(trigger, dict) or not any(clicks or []):
        return dash.no_update
    settings = current_settings()
    if not access.may_change_store(settings):
        refusal = alert(access.refused("a file removal"), id="remove-refused")
        return releases_table(settings, editable=False, notice=refusal)
    release, sha = str(trigger.get("release", "")), str(trigger.get("sha256", ""))
    try:
        result = remove_file(settings, release, sha)
    except ArmsExplorerError as exc:
        return releases_table(settings, notice=alert(exc.message, id="remove-error"))
    access.LOG.warning("removed %s (%s) from release %s on the data page", file_label(result.name),
                       result.sha256[:12], result.release)
    if result.release_removed:
        done = f"Removed {file_label(result.name)}: it was the last file of release {result.release}, which is gone."
    else:
        done = (f"Removed {file_label(result.name)} from release {result.release}; the release was rebuilt from "
                f"its {len(result.files_left)} other file(s).")
    return releases_table(settings, notice=alert(done, id="remove-ok", kind="ok"))


def layout(**_query: Any) -> html.Div:
    settings = current_settings()
    try:
        stored = releases_table(settings)
    except ArmsExplorerError as exc:
        stored = alert(exc.message)
    return html.Div(
        [
            html.H2("SIPRI data in the store"),
            html.Div(stored, id="store-releases", className="panel"),
            html.Div(store_controls(settings) if access.may_change_store(settings) else read_only_panel(settings),
                     id="data-controls"),
            where_to_download(),
        ],
        className="page data-page",
    )


def read_only_panel(settings: Settings) -> html.Div:
    """What a read-only server shows instead of the upload and fetch controls."""
    if not settings.admin_token:
        return html.Div([html.H3("Add SIPRI data"), html.P(access.READ_ONLY, id="read-only")], className="panel")
    return html.Div(
        [
            html.H3("Add SIPRI data"),
            html.P(access.ASK_TOKEN, id="read-only"),
            html.Div(
                [html.Label("Admin token", htmlFor="admin-token"),
                 dcc.Input(id="admin-token", type="password", value="", autoComplete="off", maxLength=1000,
                           className="text-input"),
                 html.Button("Unlock", id="admin-unlock", className="button button-primary", n_clicks=0)],
                className="controls",
            ),
            html.Div(id="admin-result", role="status"),
        ],
        className="panel",
    )


def store_controls(settings: Settings) -> list[Any]:
    """The upload and fetch panels, for a request that may change the store."""
    limit_mb = settings.max_upload_bytes / 1024 / 1024
    return [
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
        fetch_panel(settings),
    ]


@callback(
    Output("data-controls", "children"),
    Output("store-releases", "children", allow_duplicate=True),
    Input("admin-unlock", "n_clicks"),
    State("admin-token", "value"),
    prevent_initial_call=True,
)
def unlock(n_clicks: int | None, token: Any) -> tuple[Any, Any]:
    """The upload and fetch controls (and the files' Remove controls) once the admin token is given,
    with a cookie that carries it."""
    settings = current_settings()
    if not n_clicks:
        return dash.no_update, dash.no_update
    if not access.token_matches(settings, token):
        access.LOG.warning("refused an admin token on the data page")
        panel = read_only_panel(settings)
        panel.children[-1].children = alert(access.WRONG_TOKEN, id="admin-wrong")
        return panel, dash.no_update
    dash.callback_context.response.set_cookie(access.ADMIN_COOKIE, access.cookie_value(settings.admin_token),
                                                httponly=True, samesite="Strict", secure=request.is_secure)
    try:
        stored = releases_table(settings, editable=True)  # the cookie counts from the next request
    except ArmsExplorerError as exc:
        stored = alert(exc.message)
    return store_controls(settings), stored


def file_label(name: Any) -> str:
    """A dropped file's name as messages show it: control characters (a newline) as spaces, cut short."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(name if name is not None else "")).strip()
    return text[:MAX_NAME_CHARS] or "upload"


def decode_upload(contents: str, name: str, limit: int) -> bytes:
    """The bytes of one dropped file; ArmsExplorerError with a sentence when unreadable or too big."""
    if not isinstance(contents, str):
        raise ArmsExplorerError(f"{name}: the browser sent this file damaged; drop it again.")
    _, _, payload = contents.partition(",")
    # Base64 holds 3 bytes in every 4 characters: an oversized file is refused before decoding it.
    padding = len(payload[-2:]) - len(payload[-2:].rstrip("="))
    size = len(payload) * 3 // 4 - padding
    if size > limit:
        raise ArmsExplorerError(
            f"{name}: the file is {size / 1024 / 1024:.1f} MB, larger than the {limit / 1024 / 1024:g} MB "
            "limit for uploads; ingest it with `arms-explorer ingest FILE` instead."
        )
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ArmsExplorerError(f"{name}: the browser sent this file damaged; drop it again.") from None


def report_text(report: FileReport) -> str:
    """One file's ingest report, as the command line prints it."""
    return "\n".join(report_lines(report, MAX_REASONS_SHOWN))


def ingest_uploads(settings: Settings, contents: list[str], names: list[str]) -> list[Any]:
    """Ingest dropped files; the per-file report, or the one sentence naming what is wrong."""
    try:
        items = [(name, decode_upload(c, name, settings.max_upload_bytes)) for c, name in zip(contents, names, strict=True)]
        result = ingest(items, settings, origin="upload")
    except ArmsExplorerError as exc:
        return [alert(exc.message, id="upload-error")]
    except Exception as exc:  # noqa: BLE001 - a page shows a sentence, never a traceback
        return [alert(f"{', '.join(names)}: could not be ingested ({exc.__class__.__name__}); nothing was "
                      "stored. Please report this with the file.", id="upload-error")]
    return stored_report(result.files, "upload")


def stored_report(files: Sequence[FileReport], prefix: str, extra_lines: Sequence[str] = ()) -> list[Any]:
    """What an ingest stored: 'Stored in release ...', the report per file, a link to explore the release.

    The upload and the fetch show their result alike; ids start with `prefix`.
    """
    labels = sorted({r.release for r in files})
    return [
        alert(f"Stored in release {', '.join(labels)}.", id=f"{prefix}-ok", kind="ok"),
        html.Pre("\n".join([*(report_text(r) for r in files), *extra_lines]), className="report",
                 id=f"{prefix}-report"),
        dcc.Link(f"Explore release {labels[-1]}", href=f"/?release={labels[-1]}", className="button button-primary",
                 id=f"{prefix}-explore")
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
    settings = current_settings()
    if not access.may_change_store(settings):
        return [alert(access.refused("an upload"), id="upload-refused")], dash.no_update
    contents = contents if isinstance(contents, list) else [contents]
    names = names if isinstance(names, list) else [names or "upload"]
    if len(names) != len(contents):  # only a hand-made request can do this; the browser sends pairs
        return [alert(f"The upload holds {len(contents)} file(s) but {len(names)} name(s); drop the files again.",
                      id="upload-error")], dash.no_update
    shown = ingest_uploads(settings, contents, [file_label(n) for n in names])
    try:
        stored = releases_table(settings)
    except ArmsExplorerError as exc:
        stored = alert(exc.message)
    return shown, stored


# ---- fetch from SIPRI ------------------------------------------------------------------------


def fetch_panel(settings: Settings, now: datetime | None = None) -> html.Div:
    """The 'Fetch from SIPRI' form, and the store's running (or last) fetch."""
    this_year = (now or datetime.now(UTC)).year
    try:
        job = fetch_job.read_job(settings, now)
        status = fetch_status(job, now)
    except ArmsExplorerError as exc:
        job, status = None, [alert(exc.message, id="fetch-error")]
    running = job is not None and job.running
    pause = f", and the fetch pauses {settings.fetch_pause_s:g} s between them" if settings.fetch_pause_s else ""

    def year(label: str, cid: str, value: int) -> html.Div:
        return html.Div([html.Label(label, htmlFor=cid),
                         dcc.Input(id=cid, type="number", min=FIRST_YEAR, max=this_year, step=1, value=value,
                                   className="year-input")], className="control")

    def names(label: str, cid: str, example: str) -> html.Div:
        return html.Div([html.Label(label, htmlFor=cid),
                         dcc.Input(id=cid, type="text", value="", placeholder=f"any; e.g. {example}",
                                   maxLength=1000, className="text-input")], className="control")

    return html.Div(
        [
            html.H3("Fetch from SIPRI"),
            html.P("Asks SIPRI's backend for the delivery-level and the classic register of deals with deliveries "
                   "in these years, keeps SIPRI's answers as a snapshot and ingests them, as `arms-explorer fetch` "
                   "does. Suppliers and recipients (names or aliases; several separated by ';') are kept here, "
                   "after the download."),
            html.Div(
                [year("From year", "fetch-from-year", FIRST_YEAR), year("To year", "fetch-to-year", this_year),
                 names("Suppliers", "fetch-suppliers", "Russia; France"),
                 names("Recipients", "fetch-recipients", "India")],
                className="controls fetch-controls",
            ),
            html.Div(
                [html.Button("Fetch from SIPRI", id="fetch-start", className="button button-primary", n_clicks=0),
                 html.Button("Cancel", id="fetch-cancel", className="button", n_clicks=0,
                             disabled=not running or bool(job and job.cancel_requested))],
                className="fetch-actions",
            ),
            html.P(f"SIPRI can take 10 to 40 s to build each of the two exports{pause}; the fetch runs on the "
                   "server, so this page can be left and opened again. SIPRI allows non-commercial use with its credit line: fetch for your own analysis "
                   "and no more often than needed (SIPRI updates the database once a year). The backend is "
                   "undocumented: if it has changed, download the CSVs by hand and drop them above.",
                   className="credit"),
            html.Div(status, id="fetch-status"),
            dcc.Interval(id="fetch-poll", interval=FETCH_POLL_MS, disabled=not running),
        ],
        id="fetch-panel",
        className="panel",
    )


def _year_from_form(value: Any, label: str, this_year: int) -> int:
    span = f"give a year from {FIRST_YEAR} to {this_year}"
    if value is None or value == "":
        raise ArmsExplorerError(f"{label} is empty; {span}.")
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ArmsExplorerError(f"{label} '{file_label(value)[:20]}' is not a whole year; {span}.")
    return value


def _names_from_form(value: Any, label: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        raise ArmsExplorerError(f"{label}: names come as text, separated by ';'; type them again.")
    found = [n.strip() for n in re.split(r"[;\n]", value) if n.strip()]
    if len(found) > MAX_FETCH_NAMES:
        raise ArmsExplorerError(f"{label}: {len(found)} names is more than {MAX_FETCH_NAMES}; fetch every country "
                                "(leave the box empty) and choose countries on the other pages.")
    return found


def fetch_query(from_year: Any, to_year: Any, suppliers: Any, recipients: Any,
                this_year: int | None = None) -> FetchQuery:
    """The fetch the form asks for; ArmsExplorerError with a sentence (a year out of range, an unknown name)."""
    last = this_year or datetime.now(UTC).year
    return FetchQuery.build(
        _year_from_form(from_year, FETCH_YEAR_LABELS[0], last),
        _year_from_form(to_year, FETCH_YEAR_LABELS[1], last),
        _names_from_form(suppliers, "Suppliers"),
        _names_from_form(recipients, "Recipients"),
        this_year=last,
        year_labels=FETCH_YEAR_LABELS,
    )


def _clock(moment: datetime, now: datetime) -> str:
    """'14:02 UTC', with the date when it is not today."""
    return moment.strftime("%H:%M UTC" if moment.date() == now.date() else "%Y-%m-%d %H:%M UTC")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def fetch_status(job: FetchJob | None, now: datetime | None = None) -> list[Any]:
    """A fetch as the page shows it: progress while it runs, then the ingest's report or one sentence."""
    if job is None:
        return []
    now = now or datetime.now(UTC)
    started = _clock(job.started_at, now)
    if job.running:
        step = _capital(job.message)
        if job.stage == "download" and job.requests:
            step = f"Answer {job.request} of {job.requests}: {job.message}"
        bar = (html.Progress(value=f"{job.fraction:.3f}", max="1", id="fetch-progress",
                             title=f"{job.fraction:.0%} of this answer received")
               if job.fraction is not None else html.Progress(id="fetch-progress", title="waiting for SIPRI"))
        children: list[Any] = [
            html.P([html.B("Fetching from SIPRI: "), f"{job.query}, started at {started}."], id="fetch-heading"),
            html.P(step, id="fetch-message", role="status"),
            html.Div([bar, html.Span(f"elapsed {_duration(job.elapsed_s(now))}", id="fetch-elapsed")],
                     className="fetch-progress"),
        ]
        if job.cancel_requested:
            late = job.stage in ("snapshot", "ingest", "done")
            children.append(alert(
                "Cancel came too late: the fetch is already storing what SIPRI sent." if late else
                "Cancelling: the fetch stops at its next step and stores nothing (an answer SIPRI is "
                "still building is waited for first).", id="fetch-cancelling", kind="notice"))
        return children
    heading = html.P([html.B("Last fetch: "),
                      f"{job.query}, started at {started}, ended after {_duration(job.elapsed_s(now))}."],
                     id="fetch-heading")
    if job.state == fetch_job.DONE:
        result = job.result or {}
        extra = [*result.get("kept", []), f"SIPRI's answers are kept in the store as snapshots/{result.get('snapshot')}"]
        return [heading, *stored_report(job.file_reports(), "fetch", extra)]
    if job.state == fetch_job.CANCELLED:
        return [heading, alert(job.error or "The fetch was cancelled.", id="fetch-cancelled", kind="notice")]
    return [heading, alert(job.error or "The fetch failed; nothing was stored.", id="fetch-error")]


def _fetch_view(job: FetchJob | None, notice: Any = None) -> tuple[list[Any], bool, bool]:
    """(the status shown, whether polling is off, whether Cancel is off) for `job`."""
    running = job is not None and job.running
    shown = [notice] if notice is not None else []
    return shown + fetch_status(job), not running, not running or bool(job and job.cancel_requested)


@callback(
    Output("fetch-status", "children", allow_duplicate=True),
    Output("fetch-poll", "disabled", allow_duplicate=True),
    Output("fetch-cancel", "disabled", allow_duplicate=True),
    Input("fetch-start", "n_clicks"),
    State("fetch-from-year", "value"),
    State("fetch-to-year", "value"),
    State("fetch-suppliers", "value"),
    State("fetch-recipients", "value"),
    prevent_initial_call=True,
)
def start_fetch(n_clicks: int | None, from_year: Any, to_year: Any, suppliers: Any,
                recipients: Any) -> tuple[list[Any], bool, bool]:
    """Starts a fetch in the background and returns at once; if one runs already, shows that one."""
    if not n_clicks:
        return dash.no_update, dash.no_update, dash.no_update  # type: ignore[return-value]
    settings = current_settings()
    if not access.may_change_store(settings):
        return [alert(access.refused("a fetch"), id="fetch-refused")], True, True
    try:
        query = fetch_query(from_year, to_year, suppliers, recipients)
    except ArmsExplorerError as exc:
        try:
            running = fetch_job.read_job(settings)
        except ArmsExplorerError:
            running = None
        return _fetch_view(running if running and running.running else None,
                           alert(exc.message, id="fetch-form-error"))
    try:
        job, started = fetch_job.start_fetch(settings, query, FetchOptions.from_settings(settings))
    except ArmsExplorerError as exc:
        return [alert(exc.message, id="fetch-error")], True, True
    if not started and job.running:
        when = _clock(job.started_at, datetime.now(UTC))
        return _fetch_view(job, alert(f"A fetch started at {when} is running; its progress is below. Fetch again "
                                      "when it has ended.", id="fetch-busy", kind="notice"))
    return _fetch_view(job)


@callback(
    Output("fetch-status", "children", allow_duplicate=True),
    Output("fetch-poll", "disabled", allow_duplicate=True),
    Output("fetch-cancel", "disabled", allow_duplicate=True),
    Input("fetch-cancel", "n_clicks"),
    prevent_initial_call=True,
)
def cancel_fetch(n_clicks: int | None) -> tuple[list[Any], bool, bool]:
    """Asks the running fetch to stop (whichever server process runs it); shows it stopping."""
    if not n_clicks:
        return dash.no_update, dash.no_update, dash.no_update  # type: ignore[return-value]
    settings = current_settings()
    if not access.may_change_store(settings):
        return [alert(access.refused("a cancel"), id="fetch-refused")], True, True
    try:
        return _fetch_view(fetch_job.request_cancel(settings))
    except ArmsExplorerError as exc:
        return [alert(exc.message, id="fetch-error")], True, True


@callback(
    Output("fetch-status", "children", allow_duplicate=True),
    Output("fetch-poll", "disabled", allow_duplicate=True),
    Output("fetch-cancel", "disabled", allow_duplicate=True),
    Output("store-releases", "children", allow_duplicate=True),
    Input("fetch-poll", "n_intervals"),
    prevent_initial_call=True,
)
def poll_fetch(_n_intervals: int | None) -> tuple[list[Any], bool, bool, Any]:
    """The fetch's progress; once it has ended, its report and the store's releases afterwards."""
    settings = current_settings()
    try:
        job = fetch_job.read_job(settings)
    except ArmsExplorerError as exc:
        return [alert(exc.message, id="fetch-error")], True, True, dash.no_update
    shown, poll_off, cancel_off = _fetch_view(job)
    stored: Any = dash.no_update
    if job is not None and job.state == fetch_job.DONE:
        try:
            stored = releases_table(settings)
        except ArmsExplorerError as exc:
            stored = alert(exc.message)
    return shown, poll_off, cancel_off, stored
