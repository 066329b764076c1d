"""What every `arms-explorer` command shares: its options, output and settings."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from etl.config import Settings
from etl.errors import printable

if TYPE_CHECKING:
    from etl.ingest import FileReport


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


def settings_for(store: Path | None) -> Settings:
    """The settings from the environment, with `--store` when given."""
    return Settings.from_env(store)


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print to stdout (or stderr) with control and bidi characters taken out: every command's output."""
    typer.echo(printable(text), err=err, nl=nl)


def echo_err(message: str) -> None:
    """`echo` on stderr: notices and errors, kept out of a command's data on stdout."""
    echo(message, err=True)


def print_file_report(report: FileReport) -> None:
    """One ingested file's report, as `ingest`, `fetch` and the Data page word it."""
    from etl.ingest import report_lines

    for line in report_lines(report):
        echo(line)
