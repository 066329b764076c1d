"""Deal x year delivery rows: SIPRI's own split where the release has it, else spread evenly."""

from __future__ import annotations

import pandas as pd

from etl.schemas import (
    DEAL_FIELDS_OF_DELIVERIES,
    DELIVERY_COLUMNS,
    SPLIT_ALLOCATED,
    SPLIT_SIPRI,
    empty_table,
)
from etl.transform.cells import missing


def allocated_deliveries(deals: pd.DataFrame) -> pd.DataFrame:
    """Deal x year rows for deals without SIPRI's split: units and TIV spread evenly over the years."""
    has = deals[deals["delivery_years"] != ""]
    years = has["delivery_years"].str.split("; ")
    count = years.str.len()
    exploded = has.assign(delivery_year=years).explode("delivery_year")
    n = count.loc[exploded.index].astype("float64")
    out = pd.DataFrame(
        {
            "release": exploded["release"],
            "deal_id": exploded["deal_id"],
            "supplier_id": exploded["supplier_id"],
            "recipient_id": exploded["recipient_id"],
            "designation": exploded["designation"],
            "description": exploded["description"],
            "armament_category": exploded["armament_category"],
            "status": exploded["status"],
            "order_year": exploded["order_year"],
            "delivery_year": exploded["delivery_year"].astype("int64"),
            "units_delivered": (exploded["units_delivered"].astype("Float64") / n),
            "units_delivered_estimated": exploded["units_delivered_estimated"],
            "delivery_year_estimated": missing(len(exploded), "boolean"),
            "tiv_delivered_m": (exploded["tiv_delivered_m"] / n).astype("Float64"),
            "is_allocated": True,
            "source_file": exploded["source_file"],
            "source_line": exploded["source_line"],
        }
    )
    return out.reset_index(drop=True)


def deliveries_of(deals: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Deal x delivery year: SIPRI's own rows where the release has them, else allocated evenly."""
    parts = []
    exact = deals[deals["deliveries_split"] == SPLIT_SIPRI]
    if len(exact):
        info = exact.set_index("sipri_deal_id")[list(DEAL_FIELDS_OF_DELIVERIES)]
        r = rows[rows["sipri_deal_id"].isin(info.index)]
        joined = r.drop(columns=[c for c in info.columns if c in r.columns]).join(info, on="sipri_deal_id")
        joined["is_allocated"] = False
        parts.append(joined[DELIVERY_COLUMNS])
    allocated = deals[deals["deliveries_split"] == SPLIT_ALLOCATED]
    if len(allocated):
        parts.append(allocated_deliveries(allocated)[DELIVERY_COLUMNS])
    if not parts:
        return empty_table("deliveries")
    return pd.concat(parts, ignore_index=True)
