"""The store's tables as the transforms build them: columns, dtypes, vocabularies, results."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from etl.formats.export import RawExport

STATUSES = ("New", "Second hand", "Second hand but modernized")
SPLIT_SIPRI = "sipri"  # per-year split given by SIPRI's delivery-level register
SPLIT_ALLOCATED = "allocated"  # spread evenly over the listed years by us
SPLIT_NONE = "none"  # nothing delivered

DEAL_COLUMNS = [
    "release",
    "deal_id",
    "sipri_deal_id",
    "supplier",
    "supplier_id",
    "recipient",
    "recipient_id",
    "designation",
    "description",
    "armament_category",
    "order_year",
    "order_year_estimated",
    "units_ordered",
    "units_ordered_estimated",
    "units_delivered",
    "units_delivered_estimated",
    "delivery_years",
    "first_delivery_year",
    "last_delivery_year",
    "status",
    "comments",
    "tiv_per_unit_m",
    "tiv_order_m",
    "tiv_delivered_m",
    "tiv_unit_new_m",
    "local_production",
    "is_open_order",
    "delivery_scope",
    "deliveries_split",
    "source_layout",
    "source_file",
    "source_line",
]
DELIVERY_COLUMNS = [
    "release",
    "deal_id",
    "supplier_id",
    "recipient_id",
    "designation",
    "description",
    "armament_category",
    "status",
    "order_year",
    "delivery_year",
    "units_delivered",
    "units_delivered_estimated",
    "delivery_year_estimated",
    "tiv_delivered_m",
    "is_allocated",
    "source_file",
    "source_line",
]
TIV_TOTAL_COLUMNS = [
    "release",
    "direction",
    "entity",
    "entity_id",
    "year",
    "tiv_m",
    "cell",
    "source_file",
    "source_line",
]
DTYPES = {
    "sipri_deal_id": "Int64",
    "order_year": "Int64",
    "units_ordered": "Int64",
    "units_delivered": "Int64",
    "first_delivery_year": "Int64",
    "last_delivery_year": "Int64",
    "order_year_estimated": "bool",
    "units_ordered_estimated": "bool",
    "units_delivered_estimated": "bool",
    "is_open_order": "bool",
    "tiv_per_unit_m": "Float64",
    "tiv_order_m": "Float64",
    "tiv_delivered_m": "Float64",
    "tiv_unit_new_m": "Float64",
    "local_production": "boolean",
    "source_line": "int64",
    "delivery_year": "int64",
    "delivery_year_estimated": "boolean",
    "is_allocated": "bool",
    "year": "int64",
    "tiv_m": "Float64",
}
DELIVERY_DTYPES = {**DTYPES, "units_delivered": "Float64"}
WORLD_TOTAL_ID = "total-world"


@dataclass
class SourceExport:
    """A read export with the name it is reported under."""

    name: str
    export: RawExport


@dataclass
class ReleaseTables:
    """The tidy tables of one release, and what was reported instead of stored."""

    deals: pd.DataFrame
    deliveries: pd.DataFrame
    tiv_totals: pd.DataFrame
    reports: pd.DataFrame  # source_file, source_line, reason
    entities: pd.DataFrame  # every entity the release names: id, name, type, ISO3
    stored: dict[str, int] = field(default_factory=dict)  # file name -> records stored
    link: dict[str, object] = field(default_factory=dict)
    unclassified: list[str] = field(default_factory=list)


def empty_table(columns: list[str], like: dict[str, str]) -> pd.DataFrame:
    """A table with no rows but its columns' dtypes, so empty tables still meet their schema."""
    return pd.DataFrame({c: pd.Series(dtype=like.get(c, "str")) for c in columns})
