"""SIPRI's classic trade register (one row per deal) -> deals."""

from __future__ import annotations

import re

import pandas as pd

from etl.formats.export import LAYOUT_CLASSIC, RawExport
from etl.schemas import CLASSIC_DEAL_KEY
from etl.transform.cells import (
    Rejects,
    clean,
    concat,
    delivery_year_cells,
    first_reason,
    flags,
    missing,
    numbers,
    only,
    statuses,
)
from etl.transform.tables import SourceExport

_SCOPE_YEARS = re.compile(r"year range '(\d{4})' to '(\d{4})'")
FIRST_DATA_YEAR = 1950


def delivery_scope(export: RawExport) -> str:
    """'' when a classic register counts every delivery; 'Y1-Y2' when its query counted only those.

    SIPRI's preamble says "'Number delivered' and 'Year(s) of deliveries' refer only to deliveries
    in the selected year(s)": an export for 2000-2001 shows only those years' deliveries.
    """
    match = _SCOPE_YEARS.search(export.preamble.query_scope or "")
    if not match:
        return ""
    start, end = int(match.group(1)), int(match.group(2))
    generated = export.preamble.data_generated
    last_data_year = (generated.year - 1) if generated else end
    if start <= FIRST_DATA_YEAR and end >= last_data_year:
        return ""
    return f"{start}-{end}"


def classic_deals(source: SourceExport, release: str, rejects: Rejects) -> pd.DataFrame:
    """Deals of a classic trade register (one row per deal), figures parsed, bad records reported."""
    raw = source.export.frame
    order_year, r1 = numbers(raw["order_year"], "Year of order", integer=True)
    units_ordered, r2 = numbers(raw["units_ordered"], "Number ordered", integer=True)
    units_delivered, r3 = numbers(raw["units_delivered"], "Number delivered", integer=True)
    tiv_unit, r4 = numbers(raw["tiv_per_unit"], "SIPRI TIV per unit", integer=False)
    tiv_order, r5 = numbers(raw["tiv_order"], "SIPRI TIV for total order", integer=False)
    tiv_delivered, r6 = numbers(
        raw["tiv_delivered"], "SIPRI TIV of delivered weapons", integer=False
    )
    f1, r7 = flags(raw["order_year_estimated"], "the '?' mark after Year of order", "?")
    f2, r8 = flags(raw["units_ordered_estimated"], "the '?' mark after Number ordered", "?")
    f3, r9 = flags(raw["units_delivered_estimated"], "the '?' mark after Number delivered", "?")
    status, r10 = statuses(raw["status"])
    years, r11 = delivery_year_cells(raw["delivery_years"])
    supplier, recipient = clean(raw["supplier"]), clean(raw["recipient"])
    r12 = pd.Series("", index=raw.index, dtype="str")
    r12[(supplier == "") | (recipient == "")] = "Supplier or Recipient is empty"
    r13 = pd.Series("", index=raw.index, dtype="str")
    r13[order_year.isna()] = "Year of order is empty"
    reason = first_reason(r12, r1, r13, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11)
    keep = reason == ""
    rejects.add(source.name, raw.loc[~keep, "source_line"], reason[~keep])
    category = clean(raw["armament_category"]) if "armament_category" in raw else None
    deals = pd.DataFrame(
        {
            "release": release,
            "sipri_deal_id": missing(len(raw), "Int64"),
            "supplier": supplier,
            "recipient": recipient,
            "designation": clean(raw["designation"]),
            "description": clean(raw["description"]),
            "armament_category": (
                category.replace("", pd.NA) if category is not None else missing(len(raw), "str")
            ),
            "order_year": order_year,
            "order_year_estimated": f1,
            "units_ordered": units_ordered,
            "units_ordered_estimated": f2,
            "units_delivered": units_delivered.fillna(0),
            "units_delivered_estimated": f3,
            "delivery_years": years,
            "status": status,
            "comments": clean(raw["comments"]).replace("", pd.NA),
            "tiv_per_unit_m": tiv_unit,
            "tiv_order_m": tiv_order,
            "tiv_delivered_m": tiv_delivered,
            "tiv_unit_new_m": missing(len(raw), "Float64"),
            "local_production": missing(len(raw), "boolean"),
            "source_layout": LAYOUT_CLASSIC,
            "delivery_scope": delivery_scope(source.export),
            "source_file": source.name,
            "source_line": raw["source_line"].astype("int64"),
        }
    ).pipe(only, keep)
    deals["deal_id"] = _classic_ids(deals)
    return deals


def _classic_ids(deals: pd.DataFrame) -> pd.Series:
    """Stable ids for deals without SIPRI's id: a hash of what identifies the deal in the register.

    pandas' object hash uses a fixed key, so the same deal gets the same id in every run; a
    repeat of an identical row gets its occurrence number mixed in.
    """
    key = pd.util.hash_pandas_object(deals[list(CLASSIC_DEAL_KEY)].astype("str"), index=False)
    occurrence = key.groupby(key).cumcount()
    full = pd.util.hash_pandas_object(pd.DataFrame({"k": key, "n": occurrence}), index=False)
    return pd.Series(
        ["c-%012x" % (v >> 16) for v in full.to_numpy().tolist()], index=deals.index, dtype="str"
    )


def dedupe_classic(parts: list[pd.DataFrame], rejects: Rejects) -> pd.DataFrame:
    """Classic deals of all registers of a release; a deal seen in an earlier file is reported."""
    frame = concat(parts)
    if not len(frame) or len(parts) < 2:
        return frame
    repeated = frame.duplicated("deal_id", keep="first")
    first_seen = frame[~repeated].set_index("deal_id")[["source_file", "source_line"]]
    for did, name, line in frame.loc[
        repeated, ["deal_id", "source_file", "source_line"]
    ].itertuples(index=False):
        kfile, kline = first_seen.loc[did]
        rejects.rows.append((name, int(line), f"same deal as {kfile} line {kline}, kept there"))
    return frame[~repeated].reset_index(drop=True)
