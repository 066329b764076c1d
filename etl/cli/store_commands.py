"""The commands that change or list the store: `ingest`, `releases`, `remove`."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from etl.cli.common import Format, FormatOption, StoreOption, echo, print_file_report, settings_for


def register(app: typer.Typer) -> None:
    """Adds the store's commands to `app`."""
    app.command("ingest")(ingest_command)
    app.command("releases")(releases_command)
    app.command("remove")(remove_command)


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

    settings = settings_for(store)
    items = read_paths(paths)
    total = sum(len(data) for _, data in items)
    with _progress_bar(total, len(items)) as progress:
        result = ingest(items, settings, release=release, progress=progress)
    for report in result.files:
        print_file_report(report)
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



def releases_command(store: StoreOption = None, format: FormatOption = Format.table) -> None:
    """Releases in the store: their files, dates, counts and coverage."""
    import pandas as pd

    from etl.exports import csv_text
    from etl.formats.export import LAYOUT_NAMES
    from etl.store import Store

    st = Store.from_settings(settings_for(store))
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


def remove_command(
    file: Annotated[str, typer.Argument(help="The file's name as `arms-explorer releases` lists it, or its sha256 (8 characters or more).")],
    release: Annotated[str, typer.Option("--release", help="The release to take it out of.")],
    store: StoreOption = None,
) -> None:
    """Take one file out of a release and rebuild the release from the others (its last file: the release goes)."""
    from etl.ingest import remove_file

    settings = settings_for(store)
    done = remove_file(settings, release, file)
    if done.release_removed:
        echo(f"{done.name} (sha256 {done.sha256[:12]}) removed; it was release {done.release}'s last file, so release {done.release} is removed")
    else:
        echo(f"{done.name} (sha256 {done.sha256[:12]}) removed from release {done.release}; rebuilt from {len(done.files_left)} file(s): {', '.join(done.files_left)}")
    echo(f"Store: {settings.store_dir}")
