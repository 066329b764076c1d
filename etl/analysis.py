"""Figures over the store's tables (pure functions: frames in, frames out), for the CLI and dashboard."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from etl.schemas import WORLD_TOTAL_ID

GROUPINGS = {"category": "armament_category", "designation": "designation"}
UNKNOWN_CATEGORY = "Category not given"


def for_pair(
    frame: pd.DataFrame,
    supplier_ids: Sequence[str] | None = None,
    recipient_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rows whose supplier and recipient are among those given (None or empty: any)."""
    mask = pd.Series(True, index=frame.index)
    if supplier_ids:
        mask &= frame["supplier_id"].isin(list(supplier_ids))
    if recipient_ids:
        mask &= frame["recipient_id"].isin(list(recipient_ids))
    return frame[mask]


def in_years(deliveries: pd.DataFrame, from_year: int | None, to_year: int | None) -> pd.DataFrame:
    """Delivery rows whose delivery year lies in the range (either end open)."""
    mask = pd.Series(True, index=deliveries.index)
    if from_year is not None:
        mask &= deliveries["delivery_year"] >= from_year
    if to_year is not None:
        mask &= deliveries["delivery_year"] <= to_year
    return deliveries[mask]


def is_estimated(deliveries: pd.DataFrame) -> pd.Series:
    """Rows whose number or year of delivery SIPRI marks as estimated."""
    return deliveries["units_delivered_estimated"].astype("bool") | deliveries[
        "delivery_year_estimated"
    ].fillna(False).astype("bool")


def tiv_by_year(
    deliveries: pd.DataFrame, by: str | None = None, fill_years: bool = False
) -> pd.DataFrame:
    """TIV delivered per year (and group), with the parts SIPRI estimated and the parts we allocated.

    Columns: delivery_year, [group], tiv_delivered_m, tiv_estimated_m, tiv_allocated_m,
    units_delivered, deals.
    """
    keys = ["delivery_year"]
    frame = deliveries.assign(
        _tiv=deliveries["tiv_delivered_m"].astype("float64").fillna(0.0),
    )
    frame = frame.assign(
        _est=frame["_tiv"].where(is_estimated(frame), 0.0),
        _alloc=frame["_tiv"].where(frame["is_allocated"].astype("bool"), 0.0),
        _units=frame["units_delivered"].astype("float64"),
    )
    if by:
        column = GROUPINGS[by]
        frame[column] = (
            frame[column].fillna(UNKNOWN_CATEGORY)
            if column == "armament_category"
            else frame[column]
        )
        keys.append(column)
    grouped = frame.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame(
        {
            "tiv_delivered_m": grouped["_tiv"].sum(),
            "tiv_estimated_m": grouped["_est"].sum(),
            "tiv_allocated_m": grouped["_alloc"].sum(),
            "units_delivered": grouped["_units"].sum(min_count=1),
            "deals": grouped["deal_id"].nunique(),
        }
    ).reset_index()
    if fill_years and len(out) and not by:
        years = range(int(out["delivery_year"].min()), int(out["delivery_year"].max()) + 1)
        out = (
            out.set_index("delivery_year").reindex(years).rename_axis("delivery_year").reset_index()
        )
        out[["tiv_delivered_m", "tiv_estimated_m", "tiv_allocated_m", "deals"]] = out[
            ["tiv_delivered_m", "tiv_estimated_m", "tiv_allocated_m", "deals"]
        ].fillna(0)
        out["deals"] = out["deals"].astype("int64")
    for column in ("tiv_delivered_m", "tiv_estimated_m", "tiv_allocated_m"):
        out[column] = out[column].round(2)
    return out


def totals_by_entity_year(deliveries: pd.DataFrame, direction: str) -> pd.DataFrame:
    """Summed TIV per (entity_id, delivery_year): by recipient for imports, by supplier for exports."""
    column = "recipient_id" if direction == "imports" else "supplier_id"
    summed = deliveries.groupby([column, "delivery_year"])["tiv_delivered_m"].sum()
    return (
        summed.astype("float64")
        .rename("store_tiv_m")
        .rename_axis(["entity_id", "year"])
        .reset_index()
    )


def reconcile(
    table: pd.DataFrame, deliveries: pd.DataFrame, tolerance: float, include_totals: bool = False
) -> pd.DataFrame:
    """Every cell of a SIPRI TIV table beside the store's total, and whether they agree.

    A cell agrees when the store's total lies within `tolerance` of it (SIPRI rounds from more
    precise figures than it exports); an empty cell agrees only with no deliveries at all.
    Aggregate rows ('Total world ...') are left out unless `include_totals`.
    """
    cells = table.copy()
    aggregate = cells["entity_id"] == WORLD_TOTAL_ID
    if not include_totals:
        cells = cells[~aggregate]
    results = []
    for direction, part in cells.groupby("direction"):
        totals = totals_by_entity_year(deliveries, str(direction))
        merged = part.merge(totals, on=["entity_id", "year"], how="left")
        world = deliveries.groupby("delivery_year")["tiv_delivered_m"].sum().astype("float64")
        is_total = merged["entity_id"] == WORLD_TOTAL_ID
        merged.loc[is_total, "store_tiv_m"] = merged.loc[is_total, "year"].map(world)
        results.append(merged)
    if not results:
        return pd.DataFrame(columns=[*table.columns, "store_tiv_m", "difference_m", "agrees"])
    out = pd.concat(results, ignore_index=True)
    cell = out["tiv_m"].astype("float64")
    store = out["store_tiv_m"]
    empty_cell = cell.isna()
    out["difference_m"] = (store.fillna(0.0) - cell.fillna(0.0)).round(3)
    out["agrees"] = (empty_cell & store.isna()) | (
        ~empty_cell & store.notna() & ((store - cell).abs() <= tolerance + 1e-9)
    )
    return out
