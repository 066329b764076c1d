"""The commands that read the register: `transfers`, `deals`, `reconcile`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from etl.cli.common import (
    By,
    Format,
    FormatOption,
    RecipientOption,
    ReleaseOption,
    StoreOption,
    SupplierOption,
    echo,
    echo_err,
    settings_for,
)
from etl.config import TIV_UNIT_LABEL
from etl.errors import ArmsExplorerError, InputFileError

# Each command imports what it needs when it runs (`--help` must not pay for pandas).
if TYPE_CHECKING:
    import pandas as pd

    from etl.entities import EntityResolver
    from etl.store import ReleaseInfo, Store


def register(app: typer.Typer) -> None:
    """Adds the register's commands to `app`."""
    app.command("transfers")(transfers_command)
    app.command("deals")(deals_command)
    app.command("reconcile")(reconcile_command)


def _resolve(resolver: EntityResolver, names: list[str] | None, field: str) -> list[str]:
    return resolver.resolve_many(names, field=field) if names else []


def _open(store: Path | None, release: str | None) -> tuple[Store, ReleaseInfo, EntityResolver]:
    from etl.entities import EntityResolver
    from etl.store import Store

    st = Store.from_settings(settings_for(store))
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
        echo_err(credit_line(info))
    elif format is Format.csv:
        echo(csv_text(frame, provenance_lines(info, query)), nl=False)
    else:
        echo(f"{title}: {query}")
        echo(frame.to_string(index=False) if len(frame) else "(nothing recorded)")
        echo("")
        echo(credit_line(info))
        echo(f"Figures are {TIV_UNIT_LABEL}: a volume index, not money.")


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

    settings = settings_for(store)
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
        echo_err(summary)
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
        echo_err(f"{name}, line {line}: {reason}")
    raise typer.Exit(1 if len(mismatches) else 0)
