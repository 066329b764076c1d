"""One release's tables from every export that belongs to it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from etl.entities import EntityResolver
from etl.formats.export import LAYOUT_CLASSIC, LAYOUT_DELIVERY, LAYOUT_TIV
from etl.schemas import (
    DEAL_COLUMNS,
    DELIVERY_COLUMNS,
    SPLIT_ALLOCATED,
    SPLIT_NONE,
    SPLIT_SIPRI,
    TIV_TOTAL_COLUMNS,
    empty_table,
)
from etl.transform.allocate import deliveries_of
from etl.transform.cells import Rejects, concat
from etl.transform.classic import classic_deals, dedupe_classic
from etl.transform.delivery import deals_from_delivery_rows, dedupe_delivery_rows, delivery_rows
from etl.transform.link import link_release
from etl.transform.tables import ReleaseTables, SourceExport
from etl.transform.tiv import dedupe_tiv_cells, is_world_total, tiv_totals, with_entity_ids

# Each SIPRI layout's transform: export -> its rows (a new layout is a reader in
# etl/formats/export.py, a module here and one line in this registry).
READERS = {
    LAYOUT_CLASSIC: classic_deals,
    LAYOUT_DELIVERY: delivery_rows,
    LAYOUT_TIV: tiv_totals,
}


def build_release(
    sources: Sequence[SourceExport], release: str, resolver: EntityResolver
) -> ReleaseTables:
    """The tidy tables of one release from every export that belongs to it."""
    rejects = Rejects()
    # layout by layout, in the registry's order (the reports keep this order)
    parts = {layout: [read(s, release, rejects) for s in sources if s.export.layout == layout]
             for layout, read in READERS.items()}
    for s in sources:
        rejects.add(
            s.name,
            pd.Series([ln for ln, _ in s.export.rejected]),
            pd.Series([r for _, r in s.export.rejected], dtype="str"),
        )
    classic_frame = dedupe_classic(parts[LAYOUT_CLASSIC], rejects)
    rows = concat(parts[LAYOUT_DELIVERY])
    rows = dedupe_delivery_rows(rows, rejects) if len(rows) else rows
    from_rows = deals_from_delivery_rows(rows) if len(rows) else empty_table("deals")
    deals, link = link_release(classic_frame, from_rows)

    tiv_parts = parts[LAYOUT_TIV]
    names = pd.concat(
        [deals["supplier"], deals["recipient"]]
        + [t.loc[~is_world_total(t["entity"]), "entity"] for t in tiv_parts]
    ).unique()
    mapping, unclassified = resolver.classify_names(str(n) for n in names)
    deals = _with_derived_columns(deals, mapping, rows)
    deliveries = deliveries_of(deals, rows)
    tiv = concat(tiv_parts)
    if len(tiv):
        tiv = with_entity_ids(dedupe_tiv_cells(tiv, rejects), mapping)
    return ReleaseTables(
        deals=deals[DEAL_COLUMNS].reset_index(drop=True),
        deliveries=deliveries[DELIVERY_COLUMNS].reset_index(drop=True),
        tiv_totals=(
            tiv[TIV_TOTAL_COLUMNS] if len(tiv) else empty_table("tiv_totals")
        ),
        reports=rejects.frame(),
        entities=release_entities(mapping, resolver),
        stored=_stored_counts(deals, rows, tiv),
        link=link.as_dict(),
        unclassified=unclassified,
    )


def _with_derived_columns(deals: pd.DataFrame, mapping: dict[str, str], rows: pd.DataFrame) -> pd.DataFrame:
    """Entity ids, first and last delivery years, whether an order is open, and how its
    deliveries are split by year."""
    deals = deals.copy()
    deals["supplier_id"] = deals["supplier"].map(mapping)
    deals["recipient_id"] = deals["recipient"].map(mapping)
    deals["delivery_years"] = deals["delivery_years"].fillna("").astype("str")
    # cells are normalised to 'YYYY; YYYY': the first and last four characters are the years
    cells = deals["delivery_years"]
    deals["first_delivery_year"] = pd.to_numeric(cells.str.slice(0, 4).replace("", pd.NA)).astype(
        "Int64"
    )
    deals["last_delivery_year"] = pd.to_numeric(cells.str.slice(-4).replace("", pd.NA)).astype(
        "Int64"
    )
    delivered = deals["units_delivered"].fillna(0)
    deals["is_open_order"] = (delivered == 0) | (
        deals["units_ordered"].notna() & (delivered < deals["units_ordered"].fillna(0))
    )
    # Where the export counted only some years' deliveries, whether an order is still open is
    # unknown: do not call it open (its delivery_scope says which years were counted).
    deals["is_open_order"] = deals["is_open_order"].astype("bool") & (deals["delivery_scope"] == "")
    exact = (
        deals["sipri_deal_id"]
        .isin(rows["sipri_deal_id"].unique() if len(rows) else [])
        .fillna(False)
    )
    deals["deliveries_split"] = np.where(
        deals["delivery_years"] == "", SPLIT_NONE, np.where(exact, SPLIT_SIPRI, SPLIT_ALLOCATED)
    )
    return deals


def _stored_counts(deals: pd.DataFrame, rows: pd.DataFrame, tiv: pd.DataFrame) -> dict[str, int]:
    """Records stored per source file (a delivery-level file counts its rows, a TIV table its lines)."""
    stored: dict[str, int] = {}
    parts_stored = [
        deals.loc[deals["source_layout"] != LAYOUT_DELIVERY, "source_file"].value_counts()
    ]
    if len(rows):
        parts_stored.append(rows["source_file"].value_counts())
    if len(tiv):
        parts_stored.append(tiv.groupby("source_file")["source_line"].nunique())
    for counts in parts_stored:
        for name, count in counts.items():
            stored[str(name)] = stored.get(str(name), 0) + int(count)
    return stored


def release_entities(mapping: dict[str, str], resolver: EntityResolver) -> pd.DataFrame:
    """The entities a release names, each with SIPRI's spellings in that release."""
    spellings: dict[str, list[str]] = {}
    for name, entity_id in mapping.items():
        spellings.setdefault(entity_id, []).append(name)
    ids = sorted(spellings)
    return pd.DataFrame(
        {
            "entity_id": pd.Series(ids, dtype="str"),
            "display_name": pd.Series([resolver.display_name(i) for i in ids], dtype="str"),
            "entity_type": pd.Series([resolver.entity_type(i) for i in ids], dtype="str"),
            "iso3": pd.Series([resolver.iso3(i) for i in ids], dtype="str"),
            "sipri_names": pd.Series(["; ".join(sorted(spellings[i])) for i in ids], dtype="str"),
        }
    )
