"""The commands that reach beyond the store: `fetch` (SIPRI's backend), `serve` and `brief` (the dashboard)."""

from __future__ import annotations

import math
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from etl.cli.common import (
    RecipientOption,
    ReleaseOption,
    StoreOption,
    SupplierOption,
    echo,
    echo_err,
    print_file_report,
    settings_for,
)
from etl.errors import ArmsExplorerError, printable


def register(app: typer.Typer) -> None:
    """Adds `fetch`, `serve` and `brief` to `app`."""
    app.command("fetch")(fetch_command)
    app.command("serve")(serve_command)
    app.command("brief")(brief_command)


def fetch_command(
    from_year: Annotated[int | None, typer.Option("--from-year", help="First delivery year (default 1950).")] = None,
    to_year: Annotated[int | None, typer.Option("--to-year", help="Last delivery year (default: this year).")] = None,
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="SIPRI's backend (default: $ARMS_EXPLORER_SIPRI_URL or SIPRI's own).")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Seconds to wait for SIPRI to answer (default 120, or $ARMS_EXPLORER_FETCH_TIMEOUT).")] = None,
    retries: Annotated[int | None, typer.Option("--retries", help="Retries after a timeout, HTTP 5xx or reset (default 2, or $ARMS_EXPLORER_FETCH_RETRIES).", min=0, max=10)] = None,
    pause: Annotated[float | None, typer.Option("--pause", help="Seconds to pause between requests to SIPRI (default 5, or $ARMS_EXPLORER_FETCH_PAUSE).", min=0)] = None,
    store: StoreOption = None,
) -> None:
    """Fetch both registers from SIPRI's backend, keep the raw answers as a snapshot, ingest them."""
    from dataclasses import replace

    from etl.fetch import FetchOptions, FetchProgress, FetchQuery, fetch_release

    for option, seconds, zero_allowed in (("--timeout", timeout, False), ("--pause", pause, True)):
        _check_seconds(option, seconds, zero_allowed)
    settings = settings_for(store)
    if base_url:
        settings = replace(settings, sipri_base_url=base_url)
    query = FetchQuery.build(from_year, to_year, supplier or [], recipient or [])
    options = FetchOptions.from_settings(settings)
    options = replace(
        options,
        timeout_s=options.timeout_s if timeout is None else timeout,
        retries=options.retries if retries is None else retries,
        pause_s=options.pause_s if pause is None else pause,
    )
    tty = sys.stderr.isatty()
    on_download_line = [False]

    def show(event: FetchProgress) -> None:
        if event.stage == "download":
            if tty:  # one line rewritten in place, not a line per chunk
                sys.stderr.write(f"\r... {printable(event.message)}  ")
                sys.stderr.flush()
                on_download_line[0] = True
            return
        if on_download_line[0]:
            sys.stderr.write("\n")
            on_download_line[0] = False
        echo_err(f"... {event.message}")

    result = fetch_release(settings, query, options, progress=show)
    for report in result.ingest.files:
        print_file_report(report)
    if query.is_filtered:
        for item in result.exports:
            echo(f"{item.name}: kept {item.records_kept} of {item.records_read} records (filtered here)")
    echo(f"Snapshot: {result.snapshot_dir}")
    echo(f"Store: {settings.store_dir}")


def _check_seconds(option: str, value: float | None, zero_allowed: bool) -> None:
    """ArmsExplorerError unless `value` is a finite number of seconds (over 0, or 0 where allowed)."""
    if value is None:
        return
    if not math.isfinite(value) or value < 0 or (value == 0 and not zero_allowed):
        least = "0 or more" if zero_allowed else "more than 0"
        raise ArmsExplorerError(f"{option} {value} is not a number of seconds ({least}, finite).")


# ---- serve ----------------------------------------------------------------------------------


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this computer only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (1-65535).", min=1, max=65535)] = 8050,
    store: StoreOption = None,
    debug: Annotated[bool, typer.Option("--debug", help="Dash's debug mode: reloads on code changes, shows tracebacks.")] = False,
    read_only: Annotated[bool, typer.Option("--read-only", help="No uploads or fetch on the Data page (`arms-explorer ingest` still adds files).")] = False,
) -> None:
    """Start the dashboard for one person (for a team: `gunicorn dashboard.app:server`)."""
    from dataclasses import replace

    from dashboard.app import (
        create_app,  # the dashboard's imports cost time the other commands need not pay
    )

    # On this computer only (loopback) the Data page may change the store unless --read-only;
    # reachable from the network it is read-only, as the team server (`gunicorn
    # dashboard.app:server`) is, unless ARMS_EXPLORER_ALLOW_UPLOADS=1.
    settings = settings_for(store)
    loopback = host in ("127.0.0.1", "localhost", "::1")
    settings = replace(settings, allow_uploads=not read_only and (loopback or settings.allow_uploads))
    echo(f"Arms Transfers Explorer on http://{host}:{port}/ (store: {settings.store_dir}); Ctrl+C stops it.")
    create_app(settings).run(host=host, port=port, debug=debug)


# ---- brief ----------------------------------------------------------------------------------


class BriefFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


def brief_command(
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    claim: Annotated[str | None, typer.Option("--claim", help="A claim to check in the brief: a sentence, a paragraph or an article, as written.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="A saved article to check in the brief: .html (its text and date read offline) or .txt.")] = None,
    article_date: Annotated[str | None, typer.Option("--date", help="The claim's date, YYYY-MM-DD: anchors 'last week', 'next year'.")] = None,
    release: ReleaseOption = None,
    from_year: Annotated[int | None, typer.Option("--from-year", help="First year (default: the pair's first on record).")] = None,
    to_year: Annotated[int | None, typer.Option("--to-year", help="Last year (default: the release's last).")] = None,
    format: Annotated[BriefFormat, typer.Option("--format", help="html, pdf or md.")] = BriefFormat.html,
    output: Annotated[Path | None, typer.Option("--output", help="Write the brief to this file (default: standard output).")] = None,
    store: StoreOption = None,
) -> None:
    """One document to hand on: a pair's figures, charts, deals, changes since the last release, a claim's verdicts, citation."""
    if claim and file is not None:
        raise ArmsExplorerError("Give --claim or --file, not both.")
    if format is BriefFormat.pdf and output is None and sys.stdout.isatty():
        raise ArmsExplorerError("A PDF brief is not for a terminal: give --output FILE or redirect the output to a file.")
    from dashboard.brief import (  # the dashboard's figures: only for this command
        BriefRequest,
        make_brief,
    )
    from etl.verify.claims import parse_date

    dated = parse_date(article_date)
    if file is not None:
        from etl.verify.pages import article_from_file

        claim, published = article_from_file(file)
        dated = dated or published
    settings = settings_for(store)
    from etl.store import Store

    Store.from_settings(settings).require_folder()  # a typo in --store is an error, not an empty store
    request = BriefRequest(tuple(supplier or ()), tuple(recipient or ()), release, from_year, to_year, claim, dated)
    content = make_brief(settings, request, format.value)
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    _write_output(output, content)
    echo_err(f"Brief written to {output}")


def _write_output(path: Path, content: bytes) -> None:
    """`content` into `path` whole or not at all (written beside it, then moved into place)."""
    import os
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as any file the user makes, not mkstemp's 0600
        os.replace(temporary, path)
    except FileNotFoundError:
        raise ArmsExplorerError(f"{path}: its folder does not exist.") from None
    except IsADirectoryError:
        raise ArmsExplorerError(f"{path} is a folder; give a file name for the brief.") from None
