"""One pandera schema per stored table: the single source of truth for columns, types and rules."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from etl.entities import ENTITY_TYPES
from etl.errors import ArmsExplorerError
from etl.transform import SPLIT_ALLOCATED, SPLIT_NONE, SPLIT_SIPRI, STATUSES

_YEAR = pa.Check.in_range(1900, 2100)
_NON_NEGATIVE = pa.Check.ge(0)


def _col(
    dtype: object, nullable: bool = False, checks: pa.Check | None = None, unique: bool = False
) -> pa.Column:
    return pa.Column(dtype, nullable=nullable, checks=checks, unique=unique, coerce=False)


DEALS = pa.DataFrameSchema(
    {
        "release": _col("str"),
        "deal_id": _col("str", unique=True),
        "sipri_deal_id": _col("Int64", nullable=True),
        "supplier": _col("str"),
        "supplier_id": _col("str"),
        "recipient": _col("str"),
        "recipient_id": _col("str"),
        "designation": _col("str"),
        "description": _col("str"),
        "armament_category": _col("str", nullable=True),
        "order_year": _col("Int64", checks=_YEAR),
        "order_year_estimated": _col("bool"),
        "units_ordered": _col("Int64", nullable=True, checks=_NON_NEGATIVE),
        "units_ordered_estimated": _col("bool"),
        "units_delivered": _col("Int64", nullable=True, checks=_NON_NEGATIVE),
        "units_delivered_estimated": _col("bool"),
        "delivery_years": _col("str", checks=pa.Check.str_matches(r"^([0-9]{4}(; [0-9]{4})*)?$")),
        "first_delivery_year": _col("Int64", nullable=True, checks=_YEAR),
        "last_delivery_year": _col("Int64", nullable=True, checks=_YEAR),
        "status": _col("str", checks=pa.Check.isin(STATUSES)),
        "comments": _col("str", nullable=True),
        "tiv_per_unit_m": _col("Float64", nullable=True, checks=_NON_NEGATIVE),
        "tiv_order_m": _col("Float64", nullable=True, checks=_NON_NEGATIVE),
        "tiv_delivered_m": _col("Float64", nullable=True, checks=_NON_NEGATIVE),
        "tiv_unit_new_m": _col("Float64", nullable=True, checks=_NON_NEGATIVE),
        "local_production": _col("boolean", nullable=True),
        "is_open_order": _col("bool"),
        "delivery_scope": _col("str", checks=pa.Check.str_matches(r"^([0-9]{4}-[0-9]{4})?$")),
        "deliveries_split": _col(
            "str", checks=pa.Check.isin([SPLIT_SIPRI, SPLIT_ALLOCATED, SPLIT_NONE])
        ),
        "source_layout": _col(
            "str", checks=pa.Check.isin(["classic", "delivery", "classic+delivery"])
        ),
        "source_file": _col("str"),
        "source_line": _col("int64", checks=pa.Check.ge(1)),
    },
    strict=True,
    ordered=True,
    name="deals",
)

DELIVERIES = pa.DataFrameSchema(
    {
        "release": _col("str"),
        "deal_id": _col("str"),
        "supplier_id": _col("str"),
        "recipient_id": _col("str"),
        "designation": _col("str"),
        "description": _col("str"),
        "armament_category": _col("str", nullable=True),
        "status": _col("str", checks=pa.Check.isin(STATUSES)),
        "order_year": _col("Int64", checks=_YEAR),
        "delivery_year": _col("int64", checks=_YEAR),
        "units_delivered": _col("Float64", nullable=True, checks=_NON_NEGATIVE),
        "units_delivered_estimated": _col("bool"),
        "delivery_year_estimated": _col("boolean", nullable=True),
        "tiv_delivered_m": _col("Float64", nullable=True, checks=_NON_NEGATIVE),
        "is_allocated": _col("bool"),
        "source_file": _col("str"),
        "source_line": _col("int64", checks=pa.Check.ge(1)),
    },
    strict=True,
    ordered=True,
    unique=["deal_id", "delivery_year"],
    name="deliveries",
)

TIV_TOTALS = pa.DataFrameSchema(
    {
        "release": _col("str"),
        "direction": _col("str", checks=pa.Check.isin(["imports", "exports"])),
        "entity": _col("str"),
        "entity_id": _col("str"),
        "year": _col("int64", checks=_YEAR),
        "tiv_m": _col("Float64", nullable=True, checks=_NON_NEGATIVE),
        "cell": _col("str"),
        "source_file": _col("str"),
        "source_line": _col("int64", checks=pa.Check.ge(1)),
    },
    strict=True,
    ordered=True,
    name="tiv_totals",
)

REPORTS = pa.DataFrameSchema(
    {
        "source_file": _col("str"),
        "source_line": _col("int64"),
        "reason": _col("str"),
    },
    strict=True,
    name="reports",
)

ENTITIES = pa.DataFrameSchema(
    {
        "entity_id": _col("str", unique=True, checks=pa.Check.str_matches(r"^[a-z0-9-]+$")),
        "display_name": _col("str"),
        "entity_type": _col(
            "str",
            checks=pa.Check.isin(list(ENTITY_TYPES)),
        ),
        "iso3": _col("str", nullable=True),
        "sipri_names": _col("str"),
    },
    strict="filter",
    name="entities",
)

SCHEMAS = {
    "deals": DEALS,
    "deliveries": DELIVERIES,
    "tiv_totals": TIV_TOTALS,
    "reports": REPORTS,
    "entities": ENTITIES,
}


class SchemaViolation(ArmsExplorerError):
    """A table broke its schema: every failure, summarised in one sentence."""


def validate(table: str, frame: pd.DataFrame, context: str) -> pd.DataFrame:
    """The frame, checked against its table's schema with every failure collected (lazy)."""
    try:
        return SCHEMAS[table].validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        summary = "; ".join(
            f"{row.column or row.schema_context}: {row.check} (e.g. {row.failure_case!r})"
            for row in cases.drop_duplicates(["column", "check"]).head(5).itertuples()
        )
        raise SchemaViolation(
            f"{context}: the {table} table breaks its schema in {len(cases)} place(s): {summary}"
        ) from None
