"""The `arms-explorer` command: ingest SIPRI exports, inspect releases, query and reconcile.

Every error a user can cause is printed as one sentence on stderr with exit status 2.
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from etl.config import TIV_UNIT_LABEL, Settings
from etl.errors import ArmsExplorerError, InputFileError, permission_sentence, printable

# Each command imports what it needs when it runs: `--help` or a usage error must not pay for
# pandas, pyarrow, pandera and the dashboard (issue 12: the command line's start-up time).
if TYPE_CHECKING:
    import pandas as pd

    from etl.entities import EntityResolver
    from etl.ingest import FileReport
    from etl.store import ReleaseInfo, Store

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Explore the SIPRI Arms Transfers Database locally. TIV figures are a volume index "
    "(SIPRI trend-indicator values, millions), not money.",
)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class By(StrEnum):
    category = "category"
    designation = "designation"


StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Store folder (default: $ARMS_EXPLORER_STORE or the user data folder).",
        envvar="ARMS_EXPLORER_STORE",
    ),
]
ReleaseOption = Annotated[
    str | None, typer.Option("--release", help="Release label, e.g. 2025 (default: newest).")
]
FormatOption = Annotated[Format, typer.Option("--format", help="table, csv or json.")]
SupplierOption = Annotated[
    list[str] | None, typer.Option("--supplier", help="Supplier name; repeat for several.")
]
RecipientOption = Annotated[
    list[str] | None, typer.Option("--recipient", help="Recipient name; repeat for several.")
]


def _settings(store: Path | None) -> Settings:
    return Settings.from_env(store)


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print to stdout (or stderr) with control and bidi characters taken out: every command's output."""
    typer.echo(printable(text), err=err, nl=nl)


def _err(message: str) -> None:
    echo(message, err=True)


# ---- ingest ---------------------------------------------------------------------------------


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path], typer.Argument(help="SIPRI export files (CSV, or the backend's JSON body).")
    ],
    release: Annotated[
        str | None,
        typer.Option(
            "--release",
            help="Put the files in this release instead of the one their 'Data generated' date gives.",
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Read SIPRI exports into the store, one release beside another; a report per file."""
    from etl.ingest import ingest, read_paths

    settings = _settings(store)
    items = read_paths(paths)
    total = sum(len(data) for _, data in items)
    with _progress_bar(total, len(items)) as progress:
        result = ingest(items, settings, release=release, progress=progress)
    for report in result.files:
        _print_file_report(report)
    for label, link in result.link.items():
        if link:
            unlinked = link.get("unlinked", [])
            echo(
                f"release {label}: {link['linked']} of {link['classic_with_deliveries']} classic deals with "
                f"deliveries linked to SIPRI's per-year delivery rows; {len(unlinked)} not linked "
                "(their deliveries are spread evenly over the listed years and flagged as allocated)"
            )
            for item in unlinked[:20]:
                echo(
                    f"  {item['source_file']} line {item['source_line']}: {item['deal']}: {item['reason']}"
                )
            if len(unlinked) > 20:
                echo(
                    f"  ... and {len(unlinked) - 20} more (see `arms-explorer releases --format json`)"
                )
    for label, names in result.unclassified.items():
        if names:
            echo(
                f"release {label}: {len(names)} name(s) not in the entity reference, kept as "
                f"'unclassified' entities: {', '.join(names)}"
            )
    echo(f"Store: {settings.store_dir}")


@contextlib.contextmanager
def _progress_bar(total_bytes: int, files: int) -> Iterator[Callable[[str], None] | None]:
    """A progress bar on stderr for large inputs (a full register is several MB) at a terminal."""
    if total_bytes < 2_000_000 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=True
    ) as bar:
        # each file is read, then each release built, then the store written
        task = bar.add_task("ingesting", total=files * 2 + 1)

        def step(message: str) -> None:
            bar.update(task, advance=1, description=message)

        yield step


def _print_file_report(report: FileReport) -> None:
    from etl.ingest import report_lines

    for line in report_lines(report):
        echo(line)


# ---- releases -------------------------------------------------------------------------------


@app.command("releases")
def releases_command(store: StoreOption = None, format: FormatOption = Format.table) -> None:
    """Releases in the store: their files, dates, counts and coverage."""
    import pandas as pd

    from etl.exports import csv_text
    from etl.formats.export import LAYOUT_NAMES
    from etl.store import Store

    st = Store.from_settings(_settings(store))
    st.require_folder()
    infos = st.releases()
    rows = []
    for info in infos:
        cov = info.coverage
        link = info.link or {}
        rows.append(
            {
                "release": info.label,
                "data_generated": info.data_generated,
                "files": len(info.files),
                "deals": info.counts.get("deals", 0),
                "deliveries": info.counts.get("deliveries", 0),
                "tiv_table_cells": info.counts.get("tiv_totals", 0),
                "reported": info.counts.get("reports", 0),
                "order_years": "-".join(str(y) for y in cov.get("order_years") or []),
                "delivery_years": "-".join(str(y) for y in cov.get("delivery_years") or []),
                "open_orders": cov.get("open_orders", 0),
                "deals_with_sipri_split": cov.get("sipri_split_deals", 0),
                "deals_allocated": cov.get("allocated_deals", 0),
                "link_rate": (
                    f"{link['linked']}/{link['classic_with_deliveries']}"
                    if link.get("classic_with_deliveries")
                    else ""
                ),
                "unclassified": "; ".join(info.unclassified),
            }
        )
    if format is Format.json:
        import json

        echo(
            json.dumps(
                [
                    {**r, "file_list": i.files, "link": i.link}
                    for r, i in zip(rows, infos, strict=True)
                ],
                indent=1,
                ensure_ascii=False,
            )
        )
        return
    frame = pd.DataFrame(rows)
    if format is Format.csv:
        echo(
            csv_text(
                frame,
                [
                    "Releases in the arms-explorer store",
                    "Source: SIPRI Arms Transfers Database (c) SIPRI",
                ],
            ),
            nl=False,
        )
        return
    if not rows:
        echo("The store holds no release yet: run `arms-explorer ingest FILE`.")
        return
    echo(frame.to_string(index=False))
    for info in infos:
        echo(f"\nrelease {info.label}:")
        for f in info.files:
            origin = f.get("origin", "ingest")
            echo(
                f"  {f['name']}: {LAYOUT_NAMES.get(f['layout'], f['layout'])}"
                f"{' (backend JSON)' if f.get('container') == 'backend_json' else ''}, generated {f['data_generated']}, "
                f"{f['records_read']} read / {f['records_stored']} stored / {f['records_reported']} reported; "
                f"scope: {f.get('query_scope') or 'not stated'}; {_ORIGIN_TEXT.get(origin, origin)} "
                f"{f.get('added_at') or f.get('ingested_at') or 'at an unknown time'}; sha256 {f['sha256'][:12]}"
            )


_ORIGIN_TEXT = {"ingest": "ingested", "upload": "uploaded on the Data page", "fetch": "fetched from SIPRI"}


@app.command("remove")
def remove_command(
    file: Annotated[str, typer.Argument(help="The file's name as `arms-explorer releases` lists it, or its sha256 (8 characters or more).")],
    release: Annotated[str, typer.Option("--release", help="The release to take it out of.")],
    store: StoreOption = None,
) -> None:
    """Take one file out of a release and rebuild the release from the others (its last file: the release goes)."""
    from etl.ingest import remove_file

    settings = _settings(store)
    done = remove_file(settings, release, file)
    if done.release_removed:
        echo(f"{done.name} (sha256 {done.sha256[:12]}) removed; it was release {done.release}'s last file, so release {done.release} is removed")
    else:
        echo(f"{done.name} (sha256 {done.sha256[:12]}) removed from release {done.release}; rebuilt from {len(done.files_left)} file(s): {', '.join(done.files_left)}")
    echo(f"Store: {settings.store_dir}")


# ---- transfers and deals --------------------------------------------------------------------


def _resolve(resolver: EntityResolver, names: list[str] | None, field: str) -> list[str]:
    return resolver.resolve_many(names, field=field) if names else []


def _open(store: Path | None, release: str | None) -> tuple[Store, ReleaseInfo, EntityResolver]:
    from etl.entities import EntityResolver
    from etl.store import Store

    st = Store.from_settings(_settings(store))
    st.require_folder()  # a typo in --store is an error, not an empty store
    info = st.release(release)
    return st, info, EntityResolver.with_unclassified(info.unclassified)


def _query_text(
    resolver: EntityResolver, suppliers: list[str], recipients: list[str], extra: str = ""
) -> str:
    sup = ", ".join(resolver.display_name(s) for s in suppliers) or "any supplier"
    rec = ", ".join(resolver.display_name(r) for r in recipients) or "any recipient"
    return f"{sup} -> {rec}{extra}"


def _emit(frame: pd.DataFrame, format: Format, info: ReleaseInfo, query: str, title: str) -> None:
    from etl.exports import csv_text, json_records
    from etl.provenance import credit_line, provenance_lines

    if format is Format.json:
        echo(json_records(frame))
        _err(credit_line(info))
    elif format is Format.csv:
        echo(csv_text(frame, provenance_lines(info, query)), nl=False)
    else:
        echo(f"{title}: {query}")
        echo(frame.to_string(index=False) if len(frame) else "(nothing recorded)")
        echo("")
        echo(credit_line(info))
        echo(f"Figures are {TIV_UNIT_LABEL}: a volume index, not money.")


@app.command("transfers")
def transfers_command(
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    release: ReleaseOption = None,
    from_year: Annotated[int | None, typer.Option("--from-year")] = None,
    to_year: Annotated[int | None, typer.Option("--to-year")] = None,
    by: Annotated[
        By | None, typer.Option("--by", help="Split by armament category or designation.")
    ] = None,
    format: FormatOption = Format.table,
    store: StoreOption = None,
) -> None:
    """TIV delivered by year from supplier(s) to recipient(s), with estimated and allocated parts."""
    from etl import analysis

    st, info, resolver = _open(store, release)
    suppliers = _resolve(resolver, supplier, "supplier")
    recipients = _resolve(resolver, recipient, "recipient")
    if from_year is not None and to_year is not None and from_year > to_year:
        raise ArmsExplorerError(f"--from-year {from_year} is after --to-year {to_year}.")
    deliveries = analysis.in_years(
        analysis.for_pair(st.table(info, "deliveries"), suppliers, recipients), from_year, to_year
    )
    frame = analysis.tiv_by_year(deliveries, by=by.value if by else None)
    frame.insert(0, "release", info.label)
    span = f", {from_year or 'first'}-{to_year or 'last'} year" if (from_year or to_year) else ""
    _emit(
        frame,
        format,
        info,
        _query_text(resolver, suppliers, recipients, span),
        "TIV delivered by year",
    )


# The terminal table cuts comments to this width; exports and the dashboard keep them whole.
CLI_COMMENT_CHARS = 60


@app.command("deals")
def deals_command(
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    release: ReleaseOption = None,
    format: FormatOption = Format.table,
    store: StoreOption = None,
) -> None:
    """The deal register for supplier(s) -> recipient(s): every field SIPRI records."""
    from etl import analysis
    from etl.exports import deal_register_text

    st, info, resolver = _open(store, release)
    suppliers = _resolve(resolver, supplier, "supplier")
    recipients = _resolve(resolver, recipient, "recipient")
    deals = analysis.for_pair(st.table(info, "deals"), suppliers, recipients)
    deals = deals.sort_values(["order_year", "designation"], kind="stable")
    query = _query_text(resolver, suppliers, recipients)
    if format is Format.table:
        _emit(deal_register_text(deals, comment_chars=CLI_COMMENT_CHARS), format, info, query, "Deals")
    else:
        _emit(deals.reset_index(drop=True), format, info, query, "Deals")


# ---- reconcile ------------------------------------------------------------------------------


@app.command("reconcile")
def reconcile_command(
    tiv_table: Annotated[
        Path,
        typer.Argument(help="A SIPRI TIV table (imports by recipient or exports by supplier)."),
    ],
    release: ReleaseOption = None,
    include_totals: Annotated[
        bool,
        typer.Option(
            "--include-totals",
            help="Also compare 'Total world' rows (only meaningful for a whole release).",
        ),
    ] = False,
    format: FormatOption = Format.table,
    store: StoreOption = None,
) -> None:
    """Compare the store's totals with every cell of a SIPRI TIV table; exit 1 on any mismatch."""
    from etl import analysis
    from etl.exports import csv_text, json_records
    from etl.formats.export import LAYOUT_NAMES, LAYOUT_TIV, read_export
    from etl.ingest import read_paths
    from etl.provenance import credit_line, provenance_lines
    from etl.transform import is_world_total, with_entity_ids
    from etl.transform import tiv_totals as tiv_table_cells

    settings = _settings(store)
    st, info, resolver = _open(store, release)
    [(name, data)] = read_paths([tiv_table])
    export = read_export(data, str(tiv_table))
    if export.layout != LAYOUT_TIV:
        raise InputFileError(
            str(tiv_table), f"is a {LAYOUT_NAMES[export.layout]}, not a SIPRI TIV table"
        )
    from etl.transform import SourceExport
    from etl.transform.cells import Rejects

    rejects = Rejects()
    cells = tiv_table_cells(SourceExport(name, export), info.label, rejects)
    mapping, _ = resolver.classify_names(
        cells.loc[~is_world_total(cells["entity"]), "entity"].unique()
    )
    cells = with_entity_ids(cells, mapping)
    result = analysis.reconcile(
        cells, st.table(info, "deliveries"), settings.tiv_table_tolerance_m, include_totals
    )
    mismatches = result[~result["agrees"]]
    columns = ["direction", "entity", "year", "cell", "store_tiv_m", "difference_m", "source_line"]
    entities = result["entity"].nunique()
    summary = (
        f"{len(mismatches)} mismatch(es) in {len(result)} cells ({entities} rows of {name}, "
        f"{export.tiv_direction}) against release {info.label}; a cell agrees when the store's total "
        f"lies within {settings.tiv_table_tolerance_m} of it"
    )
    if format is Format.json:
        echo(json_records(mismatches[columns]))
        _err(summary)
    elif format is Format.csv:
        echo(
            csv_text(mismatches[columns], provenance_lines(info, f"reconcile {name}")), nl=False
        )
    else:
        if len(mismatches):
            echo(mismatches[columns].to_string(index=False))
        if not include_totals and is_world_total(cells["entity"]).any():
            echo(
                "(the table's 'Total world' row is not compared; use --include-totals for a whole release)"
            )
        echo(summary)
        echo(credit_line(info))
    for _, line, reason in rejects.rows:
        _err(f"{name}, line {line}: {reason}")
    raise typer.Exit(1 if len(mismatches) else 0)


# ---- fetch ----------------------------------------------------------------------------------


@app.command("fetch")
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
    settings = _settings(store)
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
        _err(f"... {event.message}")

    result = fetch_release(settings, query, options, progress=show)
    for report in result.ingest.files:
        _print_file_report(report)
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


@app.command("serve")
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
    settings = _settings(store)
    loopback = host in ("127.0.0.1", "localhost", "::1")
    settings = replace(settings, allow_uploads=not read_only and (loopback or settings.allow_uploads))
    echo(f"Arms Transfers Explorer on http://{host}:{port}/ (store: {settings.store_dir}); Ctrl+C stops it.")
    create_app(settings).run(host=host, port=port, debug=debug)


# ---- brief ----------------------------------------------------------------------------------


class BriefFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


@app.command("brief")
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
    settings = _settings(store)
    from etl.store import Store

    Store.from_settings(settings).require_folder()  # a typo in --store is an error, not an empty store
    request = BriefRequest(tuple(supplier or ()), tuple(recipient or ()), release, from_year, to_year, claim, dated)
    content = make_brief(settings, request, format.value)
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    _write_output(output, content)
    _err(f"Brief written to {output}")


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


# ---- verify: check, search, diff (defined in etl/verify/commands.py) ------------------------

from etl.verify.commands import register as _register_verify  # noqa: E402

_register_verify(app)


def _usage_error_types() -> tuple[type[BaseException], ...]:
    """The exception classes a usage error arrives as: Typer 0.2x raises those of its bundled copy
    of click (`typer._click`), older Typer those of click itself; both where both exist."""
    import importlib

    found: list[type[BaseException]] = []
    for module, name in (("typer.exceptions", "TyperException"), ("typer._click.exceptions", "ClickException"),
                         ("click.exceptions", "ClickException")):
        with contextlib.suppress(ImportError, AttributeError):
            found.append(getattr(importlib.import_module(module), name))
    return tuple(found)


def _usage_sentence(exc: BaseException) -> str:
    """A usage error as one line: click's message, with where to look for the right usage."""
    format_message = getattr(exc, "format_message", None)
    message = format_message() if callable(format_message) else str(exc)
    message = " ".join(str(message).split()).rstrip(".")
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "arms-explorer"
    return f"{message}; see `{command} --help`."


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the command, turning our errors into one sentence and exit status 2."""
    try:
        code = app(args=argv, prog_name="arms-explorer", standalone_mode=False)
        if isinstance(code, int):
            return code
    except ArmsExplorerError as exc:
        _err(f"error: {exc.message}")
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        _err("aborted")
        return 130
    except PermissionError as exc:  # one our sentences do not name yet: still a sentence
        if exc.filename:
            _err(f"error: {permission_sentence(Path(exc.filename))}")
        else:
            _err("error: permission denied reading or writing a file of the store")
        return 2
    except Exception as exc:  # usage errors (click's, whichever copy) and anything unexpected
        if type(exc).__name__ == "NoArgsIsHelpError":  # no arguments: the help, as --help gives it
            echo(exc.format_message())  # type: ignore[attr-defined]
            return 0
        if isinstance(exc, _usage_error_types()):
            _err(f"error: {_usage_sentence(exc)}")
            return 2
        _err(
            f"internal error: {exc.__class__.__name__}: {exc}. Please report this with the command you ran."
        )
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
