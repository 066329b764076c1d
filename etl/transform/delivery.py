"""SIPRI's delivery-level register (deal x delivery year) -> delivery rows and their deals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.formats.export import LAYOUT_DELIVERY
from etl.transform.cells import (
    Rejects,
    clean,
    first_reason,
    flags,
    missing,
    numbers,
    only,
    statuses,
)
from etl.transform.tables import SourceExport


def delivery_rows(source: SourceExport, release: str, rejects: Rejects) -> pd.DataFrame:
    """Rows of a delivery-level register (deal x delivery year), parsed, bad records reported."""
    raw = source.export.frame
    deal_id, r1 = numbers(raw["sipri_deal_id"], "SIPRI AT Database ID", integer=True)
    order_year, r2 = numbers(raw["order_year"], "Order date", integer=True)
    units, r3 = numbers(raw["units_delivered"], "Numbers delivered", integer=True)
    year, r4 = numbers(raw["delivery_year"], "Delivery year", integer=True)
    tiv_new, r5 = numbers(raw["tiv_unit_new"], "SIPRI estimate", integer=False)
    tiv_unit, r6 = numbers(raw["tiv_per_unit"], "TIV deal unit", integer=False)
    tiv, r7 = numbers(raw["tiv_delivered"], "TIV delivery values", integer=False)
    f1, r8 = flags(raw["order_year_estimated"], "Order date is estimate", "Yes", "No")
    f2, r9 = flags(raw["units_delivered_estimated"], "Numbers delivered is estimate", "Yes", "No")
    f3, r10 = flags(raw["delivery_year_estimated"], "Delivery year is estimate", "Yes", "No")
    local, r11 = flags(raw["local_production"], "Local production", "Yes", "No")
    status, r12 = statuses(raw["status"])
    r13 = pd.Series("", index=raw.index, dtype="str")
    r13[deal_id.isna() | year.isna()] = "SIPRI AT Database ID or Delivery year is empty"
    reason = first_reason(r1, r4, r13, r2, r3, r5, r6, r7, r8, r9, r10, r11, r12)
    keep = reason == ""
    rejects.add(source.name, raw.loc[~keep, "source_line"], reason[~keep])
    rows = pd.DataFrame(
        {
            "release": release,
            "sipri_deal_id": deal_id,
            "supplier": clean(raw["supplier"]),
            "recipient": clean(raw["recipient"]),
            "designation": clean(raw["designation"]),
            "description": clean(raw["description"]),
            "armament_category": clean(raw["armament_category"]).replace("", pd.NA),
            "order_year": order_year,
            "order_year_estimated": f1,
            "units_delivered": units.astype("Float64"),
            "units_delivered_estimated": f2,
            "delivery_year": year.fillna(0).astype("int64"),  # rows without one are reported above
            "delivery_year_estimated": f3.astype("boolean"),
            "status": status,
            "tiv_unit_new_m": tiv_new,
            "tiv_per_unit_m": tiv_unit,
            "tiv_delivered_m": tiv,
            "local_production": local.astype("boolean"),
            "source_file": source.name,
            "source_line": raw["source_line"].astype("int64"),
        }
    ).pipe(only, keep)
    return rows


def dedupe_delivery_rows(rows: pd.DataFrame, rejects: Rejects) -> pd.DataFrame:
    """One row per deal and delivery year; a repeat (overlapping exports) is reported, not stored."""
    key = ["sipri_deal_id", "delivery_year"]
    repeated = rows.duplicated(key, keep="last")
    if repeated.any():
        kept = rows[~repeated].set_index(key)[["source_file", "source_line"]]
        dupes = rows[repeated]
        where = kept.loc[list(zip(dupes["sipri_deal_id"], dupes["delivery_year"], strict=True))]
        for (name, line), (kfile, kline) in zip(
            dupes[["source_file", "source_line"]].itertuples(index=False),
            where.itertuples(index=False),
            strict=True,
        ):
            rejects.rows.append(
                (
                    name,
                    int(line),
                    f"same deal and delivery year as {kfile} line {kline}, kept there",
                )
            )
    return only(rows, ~repeated)


def _joined_years(ids: np.ndarray, years: np.ndarray) -> list[str]:
    """'2022; 2023' per run of equal ids (ids sorted), in order of first appearance."""
    if not len(ids):
        return []
    text = [str(y) for y in years.tolist()]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]).tolist()
    ends = starts[1:] + [len(text)]
    return ["; ".join(text[a:b]) for a, b in zip(starts, ends, strict=True)]


def deals_from_delivery_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """One deal per SIPRI deal id, from its delivery rows (no Comments, no number ordered)."""
    ordered = rows.sort_values(["sipri_deal_id", "delivery_year"])
    grouped = ordered.groupby("sipri_deal_id", sort=False)
    first = grouped.first()
    years = pd.Series(
        _joined_years(ordered["sipri_deal_id"].to_numpy(), ordered["delivery_year"].to_numpy()),
        index=first.index,
        dtype="str",
    )
    deals = pd.DataFrame(
        {
            "release": first["release"],
            "sipri_deal_id": first.index.astype("Int64"),
            "supplier": first["supplier"],
            "recipient": first["recipient"],
            "designation": first["designation"],
            "description": first["description"],
            "armament_category": first["armament_category"],
            "order_year": first["order_year"],
            "order_year_estimated": grouped["order_year_estimated"].any(),
            "units_ordered": missing(len(first), "Int64"),
            "units_ordered_estimated": False,
            "units_delivered": grouped["units_delivered"].sum().round().astype("Int64"),
            "units_delivered_estimated": grouped["units_delivered_estimated"].any(),
            "delivery_years": years,
            "status": first["status"],
            "comments": missing(len(first), "str"),
            "tiv_per_unit_m": first["tiv_per_unit_m"],
            "tiv_order_m": missing(len(first), "Float64"),
            "tiv_delivered_m": grouped["tiv_delivered_m"].sum(),
            "tiv_unit_new_m": first["tiv_unit_new_m"],
            "local_production": first["local_production"],
            "source_layout": LAYOUT_DELIVERY,
            "delivery_scope": "",
            "source_file": first["source_file"],
            "source_line": first["source_line"],
        }
    ).reset_index(drop=True)
    deals["deal_id"] = deals["sipri_deal_id"].astype("str")
    return deals
