"""Every stored table declared once: columns, dtypes, titles, units, estimate flags, vocabularies.

The ground floor: this module imports nothing of ours but `errors`. Column
lists, dtype maps, empty tables, the pandera schemas that `validate` checks and SIPRI's '?' mark
are all derived from `TABLES`; a new column is one `_c(...)` line here (plus its tests).

The declarations are plain data and pandera is imported the first time a schema is built, so
the dashboard (which reads column lists but never validates) does not pay pandera's start-up
time and memory (~1 s and ~17 MB per worker when measured).
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from etl.errors import ArmsExplorerError

if TYPE_CHECKING:
    import pandera.pandas as pa

# ---- vocabularies -------------------------------------------------------------------------------

STATUSES = ("New", "Second hand", "Second hand but modernized")
SPLIT_SIPRI = "sipri"  # per-year split given by SIPRI's delivery-level register
SPLIT_ALLOCATED = "allocated"  # spread evenly over the listed years by us
SPLIT_NONE = "none"  # nothing delivered
SPLITS = (SPLIT_SIPRI, SPLIT_ALLOCATED, SPLIT_NONE)
LAYOUT_CLASSIC = "classic"  # the trade register as SIPRI's site exports it
LAYOUT_DELIVERY = "delivery"  # the delivery-level register (one row per deal and delivery year)
LAYOUT_TIV = "tiv_table"  # a TIV table (entity x year)
LAYOUT_LINKED = "classic+delivery"  # a classic deal matched with its delivery-level deal
SOURCE_LAYOUTS = (LAYOUT_CLASSIC, LAYOUT_DELIVERY, LAYOUT_LINKED)
DIRECTIONS = ("imports", "exports")
ENTITY_TYPES = (  # what an entity is (etl/reference/entities.csv)
    "state",
    "historical_state",
    "non_state_actor",
    "organisation",
    "unknown",
    "unclassified",
)
WORLD_TOTAL_ID = "total-world"
TIV_UNIT = "TIV (millions)"
ESTIMATE_MARK = "?"  # what SIPRI writes after a figure it estimates

_YEARS = r"^([0-9]{4}(; [0-9]{4})*)?$"
_SCOPE = r"^([0-9]{4}-[0-9]{4})?$"
_ENTITY_ID = r"^[a-z0-9-]+$"


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its dtype, title, unit, the figure it flags as estimated, and its rules."""

    name: str
    dtype: str
    title: str
    unit: str = ""
    nullable: bool = False
    unique: bool = False
    estimates: str = ""  # for an `_estimated` flag: the figure it qualifies
    year: bool = False  # a calendar year (1900-2100)
    non_negative: bool = False
    at_least: int | None = None
    isin: tuple[str, ...] = ()
    pattern: str = ""


def _c(name: str, dtype: str, title: str, **rules: Any) -> ColumnSpec:
    return ColumnSpec(name, dtype, title, **rules)


def _tiv(name: str, title: str) -> ColumnSpec:
    return ColumnSpec(name, "Float64", title, unit=TIV_UNIT, nullable=True, non_negative=True)


def _flag(name: str, figure: str, title: str, dtype: str = "bool") -> ColumnSpec:
    return ColumnSpec(name, dtype, title, estimates=figure, nullable=dtype == "boolean")


_SOURCE = (
    _c("source_file", "str", "File the row came from"),
    _c("source_line", "int64", "Line in that file", at_least=1),
)


@dataclass(frozen=True)
class TableSpec:
    """One stored table: its columns in order and the table-level rules."""

    name: str
    columns: tuple[ColumnSpec, ...]
    strict: bool | str = True
    ordered: bool = True
    unique: tuple[str, ...] = ()

    @property
    def columns_by_name(self) -> dict[str, ColumnSpec]:
        return {c.name: c for c in self.columns}


DEALS = TableSpec("deals", (
    _c("release", "str", "Release"),
    _c("deal_id", "str", "Deal id", unique=True),
    _c("sipri_deal_id", "Int64", "SIPRI AT Database ID", nullable=True),
    _c("supplier", "str", "Supplier"),
    _c("supplier_id", "str", "Supplier id"),
    _c("recipient", "str", "Recipient"),
    _c("recipient_id", "str", "Recipient id"),
    _c("designation", "str", "Designation"),
    _c("description", "str", "Description"),
    _c("armament_category", "str", "Armament category", nullable=True),
    _c("order_year", "Int64", "Year of order", year=True),
    _flag("order_year_estimated", "order_year", "Year of order is estimate"),
    _c("units_ordered", "Int64", "Number ordered", nullable=True, non_negative=True),
    _flag("units_ordered_estimated", "units_ordered", "Number ordered is estimate"),
    _c("units_delivered", "Int64", "Number delivered", nullable=True, non_negative=True),
    _flag("units_delivered_estimated", "units_delivered", "Number delivered is estimate"),
    _c("delivery_years", "str", "Year(s) of delivery", pattern=_YEARS),
    _c("first_delivery_year", "Int64", "First delivery year", nullable=True, year=True),
    _c("last_delivery_year", "Int64", "Last delivery year", nullable=True, year=True),
    _c("status", "str", "Status", isin=STATUSES),
    _c("comments", "str", "Comments", nullable=True),
    _tiv("tiv_per_unit_m", "SIPRI TIV per unit"),
    _tiv("tiv_order_m", "SIPRI TIV for total order"),
    _tiv("tiv_delivered_m", "SIPRI TIV of delivered weapons"),
    _tiv("tiv_unit_new_m", "SIPRI TIV of a new unit"),
    _c("local_production", "boolean", "Local production", nullable=True),
    _c("is_open_order", "bool", "Open order"),
    _c("delivery_scope", "str", "Delivery years the export counted", pattern=_SCOPE),
    _c("deliveries_split", "str", "Split of deliveries by year", isin=SPLITS),
    _c("source_layout", "str", "Layout the deal came from", isin=SOURCE_LAYOUTS),
    *_SOURCE,
))

DELIVERIES = TableSpec("deliveries", (
    _c("release", "str", "Release"),
    _c("deal_id", "str", "Deal id"),
    _c("supplier_id", "str", "Supplier id"),
    _c("recipient_id", "str", "Recipient id"),
    _c("designation", "str", "Designation"),
    _c("description", "str", "Description"),
    _c("armament_category", "str", "Armament category", nullable=True),
    _c("status", "str", "Status", isin=STATUSES),
    _c("order_year", "Int64", "Year of order", year=True),
    _c("delivery_year", "int64", "Delivery year", year=True),
    # float: a split we allocate can be fractional
    _c("units_delivered", "Float64", "Number delivered", nullable=True, non_negative=True),
    _flag("units_delivered_estimated", "units_delivered", "Number delivered is estimate"),
    _flag("delivery_year_estimated", "delivery_year", "Delivery year is estimate", "boolean"),
    _tiv("tiv_delivered_m", "SIPRI TIV of delivered weapons"),
    _c("is_allocated", "bool", "Spread evenly over the years by us"),
    *_SOURCE,
), unique=("deal_id", "delivery_year"))

TIV_TOTALS = TableSpec("tiv_totals", (
    _c("release", "str", "Release"),
    _c("direction", "str", "Imports or exports", isin=DIRECTIONS),
    _c("entity", "str", "Entity as SIPRI names it"),
    _c("entity_id", "str", "Entity id"),
    _c("year", "int64", "Year", year=True),
    _tiv("tiv_m", "TIV"),  # NA: an empty cell
    _c("cell", "str", "Cell as written"),
    *_SOURCE,
))

REPORTS = TableSpec("reports", (
    _c("source_file", "str", "File"),
    _c("source_line", "int64", "Line"),
    _c("reason", "str", "Why the record was not stored"),
), ordered=False)

ENTITIES = TableSpec("entities", (
    _c("entity_id", "str", "Entity id", unique=True, pattern=_ENTITY_ID),
    _c("display_name", "str", "Name"),
    _c("entity_type", "str", "Type", isin=ENTITY_TYPES),
    _c("iso3", "str", "ISO 3166 alpha-3 code", nullable=True),
    _c("sipri_names", "str", "SIPRI's spellings in the release"),
), strict="filter", ordered=False)

TABLES: dict[str, TableSpec] = {t.name: t for t in (DEALS, DELIVERIES, TIV_TOTALS, REPORTS, ENTITIES)}

# ---- derived: column lists, dtypes, flags, empty tables ------------------------------------------


def columns(table: str) -> list[str]:
    """The table's columns, in stored order."""
    return [c.name for c in TABLES[table].columns]


def dtypes(table: str) -> dict[str, str]:
    """Column -> dtype of the table."""
    return {c.name: c.dtype for c in TABLES[table].columns}


def estimate_flags(table: str) -> dict[str, str]:
    """Figure -> the `_estimated` flag that qualifies it, in the table's order."""
    return {c.estimates: c.name for c in TABLES[table].columns if c.estimates}


def tiv_columns(table: str) -> list[str]:
    """The table's columns in millions of TIV."""
    return [c.name for c in TABLES[table].columns if c.unit == TIV_UNIT]


def titles(table: str) -> dict[str, str]:
    """Column -> its title."""
    return {c.name: c.title for c in TABLES[table].columns}


DEAL_COLUMNS = columns("deals")
DELIVERY_COLUMNS = columns("deliveries")
TIV_TOTAL_COLUMNS = columns("tiv_totals")
REPORT_COLUMNS = columns("reports")
ENTITY_COLUMNS = columns("entities")
ALL_COLUMNS = frozenset(c.name for t in TABLES.values() for c in t.columns)
# (figure -> flag): the figures of a deal SIPRI may mark as estimated
ESTIMATE_FLAGS = estimate_flags("deals")


SOURCE_COLUMNS = ("source_file", "source_line")  # where a row is in the export it came from


def _select(table: str, *names: str) -> tuple[str, ...]:
    """Some of a table's columns in the order given; a name the table lacks fails at import."""
    unknown = [n for n in names if n not in TABLES[table].columns_by_name]
    if unknown:
        raise KeyError(f"{table} has no column {', '.join(unknown)}")
    return names


# ---- selections: the columns a part of the tool reads or shows, named once --------------------------

# What identifies a classic deal without SIPRI's id: hashed, in this order, into its `c-` id.
CLASSIC_DEAL_KEY = _select(
    "deals", "supplier", "recipient", "designation", "description", "order_year", "units_ordered", "status"
)
# A deal's fields that each of its delivery rows repeats.
DEAL_FIELDS_OF_DELIVERIES = _select(
    "deliveries", "deal_id", "supplier_id", "recipient_id", "designation", "description", "armament_category",
    "status", "order_year",
)
# The deal register as text (exports, the pair page, the brief), in its column order.
REGISTER_TEXT_COLUMNS = _select(
    "deals", "supplier", "recipient", "designation", "description", "order_year", "units_ordered",
    "units_delivered", "delivery_years", "status", "tiv_per_unit_m", "tiv_order_m", "tiv_delivered_m", "comments",
)
# The register's columns that are numbers (compared and sorted as such; their text may carry '?').
REGISTER_NUMBER_COLUMNS = _select(
    "deals", "order_year", "units_ordered", "units_delivered", "tiv_per_unit_m", "tiv_order_m", "tiv_delivered_m"
)
# The register's text columns a filter can match (the register adds `open_order`, made from them).
REGISTER_TEXT_FILTERED = _select(
    "deals", "supplier", "recipient", "designation", "description", "armament_category", "delivery_years",
    "status", "comments",
)
# A deal as a verdict's evidence (with its release, match and summary added); SIPRI's AT Database
# ID (delivery-level exports only) lets a reader find the deal in SIPRI's own database.
EVIDENCE_COLUMNS = _select(
    "deals", "deal_id", "sipri_deal_id", "supplier", "supplier_id", "recipient", "recipient_id", "designation", "description",
    "order_year", "order_year_estimated", "units_ordered", "units_ordered_estimated", "units_delivered",
    "units_delivered_estimated", "delivery_years", "status", "comments", *SOURCE_COLUMNS,
)
# A search's rows: what is shown of each deal, then (after its `match`) the ids it links by.
SEARCH_SHOWN = _select(
    "deals", "release", "supplier", "recipient", "designation", "description", "order_year",
    "order_year_estimated", "units_ordered", "units_ordered_estimated", "units_delivered",
    "units_delivered_estimated", "delivery_years", "status", "comments",
)
SEARCH_IDS = _select("deals", "deal_id", "supplier_id", "recipient_id")
# A release diff: fields whose change makes a deal "changed" (in order), and those that only reword.
DIFF_SUBSTANTIVE = _select(
    "deals", "order_year", "units_ordered", "units_delivered", "delivery_years", "status",
    "tiv_per_unit_m", "tiv_order_m", "tiv_delivered_m",
)
DIFF_WORDING = _select("deals", "description", "comments")
# A pair as a diff counts its changes: its names and ids.
PAIR_NAMES_AND_IDS = _select("deals", "supplier", "recipient", "supplier_id", "recipient_id")
# The dashboard's pair pages: the columns they read of each release (the rest stays on disk).
PAIR_DEAL_COLUMNS = _select(
    "deals", "deal_id", "supplier", "supplier_id", "recipient", "recipient_id", "designation", "description",
    "armament_category", "order_year", "order_year_estimated", "units_ordered",
    "units_ordered_estimated", "units_delivered", "units_delivered_estimated", "delivery_years",
    "first_delivery_year", "last_delivery_year", "status", "comments", "tiv_per_unit_m",
    "tiv_order_m", "tiv_delivered_m", "is_open_order", "deliveries_split",
)
PAIR_DELIVERY_COLUMNS = _select(
    "deliveries", "deal_id", "supplier_id", "recipient_id", "designation", "description", "armament_category",
    "order_year", "delivery_year", "units_delivered", "units_delivered_estimated",
    "delivery_year_estimated", "tiv_delivered_m", "is_allocated",
)
# Text columns with few distinct values: held as categories in memory (one copy of each value).
REPEATED_TEXT = _select(
    "deals", "release", "supplier", "supplier_id", "recipient", "recipient_id", "designation", "description",
    "armament_category", "status", "delivery_scope", "deliveries_split", "source_layout", "source_file",
)
# Of those, the ones the pair pages hold as categories.
PAIR_CATEGORICAL = _select(
    "deals", "supplier", "supplier_id", "recipient", "recipient_id", "designation", "description",
    "armament_category", "status", "deliveries_split",
)
# The entity reference's own columns (etl/reference/entities.csv; `sipri_names` comes from each release).
ENTITY_REFERENCE_COLUMNS = _select("entities", "entity_id", "display_name", "entity_type", "iso3")
# The TIV tables' cells the dashboard reads.
TIV_CELL_COLUMNS = _select("tiv_totals", "direction", "entity_id", "year", "tiv_m")


def empty_table(table: str) -> pd.DataFrame:
    """A table with no rows but its columns' dtypes, so an empty table still meets its schema."""
    return pd.DataFrame({c.name: pd.Series(dtype=c.dtype) for c in TABLES[table].columns})


def figure_text(value: object, estimated: object, missing: str = "", mark: str = ESTIMATE_MARK) -> str:
    """A figure as SIPRI writes it: the number, `mark` after it when estimated ('12?'); `missing`
    when there is no figure. Whole numbers (years, units) lose the '.0' of a float column."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return missing
    whole = isinstance(value, numbers.Integral) or (isinstance(value, numbers.Real) and float(value).is_integer())
    text = str(int(value)) if whole and not isinstance(value, bool) else str(value)  # type: ignore[call-overload]
    return text + (mark if bool(estimated) else "")


# ---- pandera schemas, built on first use ---------------------------------------------------------


def _checks(spec: ColumnSpec) -> list[pa.Check]:
    import pandera.pandas as pa

    checks = []
    if spec.year:
        checks.append(pa.Check.in_range(1900, 2100))
    if spec.non_negative:
        checks.append(pa.Check.ge(0))
    if spec.at_least is not None:
        checks.append(pa.Check.ge(spec.at_least))
    if spec.isin:
        checks.append(pa.Check.isin(list(spec.isin)))
    if spec.pattern:
        checks.append(pa.Check.str_matches(spec.pattern))
    return checks


@functools.cache
def schema(table: str) -> pa.DataFrameSchema:
    """The table's pandera schema, built from its declaration."""
    import pandera.pandas as pa

    spec = TABLES[table]
    return pa.DataFrameSchema(
        {
            c.name: pa.Column(
                c.dtype, nullable=c.nullable, checks=_checks(c) or None, unique=c.unique,
                coerce=False, title=c.title,
                metadata={"unit": c.unit, "estimates": c.estimates} if c.unit or c.estimates else None,
            )
            for c in spec.columns
        },
        strict=spec.strict,
        ordered=spec.ordered,
        unique=list(spec.unique) or None,
        name=table,
    )


class _Schemas(Mapping[str, Any]):
    """Table name -> pandera schema, built when first looked up."""

    def __getitem__(self, table: str) -> pa.DataFrameSchema:
        return schema(table)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(TABLES)

    def __len__(self) -> int:
        return len(TABLES)


SCHEMAS = _Schemas()


class SchemaViolation(ArmsExplorerError):
    """A table broke its schema: every failure, summarised in one sentence."""


def validate(table: str, frame: pd.DataFrame, context: str) -> pd.DataFrame:
    """The frame, checked against its table's schema with every failure collected (lazy)."""
    from pandera.errors import SchemaErrors

    try:
        return schema(table).validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        summary = "; ".join(
            f"{row.column or row.schema_context}: {row.check} (e.g. {row.failure_case!r})"
            for row in cases.drop_duplicates(["column", "check"]).head(5).itertuples()
        )
        raise SchemaViolation(
            f"{context}: the {table} table breaks its schema in {len(cases)} place(s): {summary}"
        ) from None
