"""Typed queries over the store for the dashboard (release tables come from `dashboard.data`).

Frames are cached per (store root, release label, generation): a new ingest writes a new
generation, so the next request sees it without a restart, and every worker process builds the
same cache from the same files (no state is shared or mutated between requests).
"""

from __future__ import annotations

import functools
import logging
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import picking
from dashboard.data import clear_cache as clear_tables
from dashboard.data import release_tables
from etl import analysis
from etl.config import Settings
from etl.entities import EntityResolver
from etl.errors import StoreError, UnknownReleaseError
from etl.exports import deal_register_text
from etl.schemas import (
    PAIR_CATEGORICAL,
    PAIR_DEAL_COLUMNS,
    PAIR_DELIVERY_COLUMNS,
    REGISTER_NUMBER_COLUMNS,
    REGISTER_TEXT_FILTERED,
)
from etl.store import ReleaseInfo, Store

# Columns the dashboard reads; the rest of each table stays on disk.
DEAL_COLUMNS = list(PAIR_DEAL_COLUMNS)
DELIVERY_COLUMNS = list(PAIR_DELIVERY_COLUMNS)
# Repeated text stored once per distinct value: a full release takes ~3x less memory this way.
CATEGORICAL = set(PAIR_CATEGORICAL)
# A recipient's supplier figures kept per release (each a few hundred rows at most).
RECIPIENT_MEMO_SIZE = 256
# Releases held in memory per process: three releases and one new generation of one of them.
FRAME_CACHE_SIZE = 4
SHARE_WINDOW_YEARS = 5
REGISTER_PAGE_SIZE = 25
# Register columns compared and sorted as numbers (their text may carry SIPRI's '?').
REGISTER_NUMBERS = set(REGISTER_NUMBER_COLUMNS)
REGISTER_TEXT = {*REGISTER_TEXT_FILTERED, "open_order"}


def open_order_text(deals: pd.DataFrame) -> pd.Series:
    """The register's open-order column: 'open: 2 of 4 to come', 'open: none delivered yet', or ''.

    An order is open where SIPRI records fewer delivered than ordered, or nothing delivered
    (`is_open_order`, set at ingest); where the export counted only some years it is never open.
    """
    ordered = deals["units_ordered"].astype("float64")
    delivered = deals["units_delivered"].astype("float64").fillna(0.0)
    is_open = deals["is_open_order"].astype("bool")

    def one(o: float, d: float, open_: bool) -> str:
        if not open_:
            return ""
        if d == 0:
            return "open: none delivered yet"
        if pd.notna(o):
            return f"open: {int(o - d)} of {int(o)} to come"
        return "open"

    return pd.Series([one(o, d, x) for o, d, x in zip(ordered, delivered, is_open, strict=True)],
                     index=deals.index, dtype="object")


@dataclass(frozen=True)
class ReleaseData:
    """One release's tables, slimmed for the dashboard, with what its controls offer."""

    info: ReleaseInfo
    deals: pd.DataFrame
    deliveries: pd.DataFrame
    resolver: EntityResolver
    first_year: int
    last_year: int
    categories: tuple[str, ...]
    supplier_options: tuple[dict[str, str], ...]
    recipient_options: tuple[dict[str, str], ...]
    # What the browser ranks the pickers by as the user types (`dashboard.picking`).
    picker_ranks: dict[str, list[Any]] = field(default_factory=dict)
    # A recipient's suppliers, shares and concentration, kept per request's choices (small
    # frames; every pair page of the same recipient and years reads them).
    recipient_memo: Memo = field(default_factory=lambda: Memo(RECIPIENT_MEMO_SIZE), compare=False, repr=False)


class Memo:
    """A small least-recently-used store of results for one release (thread-safe)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


@dataclass(frozen=True)
class PairQuery:
    """What the pair page asks of a release; empty supplier or recipient lists mean 'any'."""

    suppliers: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    from_year: int | None = None
    to_year: int | None = None
    categories: tuple[str, ...] = ()
    leave_out_estimates: bool = False
    open_orders: bool = True


@dataclass(frozen=True)
class Headline:
    """The figures above the charts."""

    tiv_delivered_m: float
    deals: int
    open_orders: int
    ranks: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)  # (supplier_id, rank, of)


# ---- releases and frames --------------------------------------------------------------------


def store_root(settings: Settings) -> str:
    return str(Path(settings.store_dir).resolve())


def releases(settings: Settings) -> list[ReleaseInfo]:
    """Releases in the store, oldest first (the manifest is re-read only when it changes)."""
    root = store_root(settings)
    try:
        stat = (Path(root) / "manifest.json").stat()
    except FileNotFoundError:
        return []
    try:
        return list(_releases(root, stat.st_mtime_ns, stat.st_size, stat.st_ino))
    except StoreError as exc:
        log_store_fault(exc)
        raise


# The server's log gets the same sentence the page shows when a store file is missing or damaged.
LOG = logging.getLogger("dashboard.store")


def log_store_fault(exc: StoreError) -> None:
    """Logs a store fault's sentence (a link's unknown release is the user's doing and is not logged)."""
    if not isinstance(exc, UnknownReleaseError):
        LOG.error(exc.message)


@functools.lru_cache(maxsize=8)
def _releases(root: str, _mtime_ns: int, _size: int, _inode: int) -> tuple[ReleaseInfo, ...]:
    return tuple(Store(root).releases())


def _releases_now(root: str) -> list[ReleaseInfo]:
    return releases(Settings(store_dir=Path(root)))


def release_info(settings: Settings, label: str | None = None) -> ReleaseInfo:
    """The release with that label, or the newest; StoreError / UnknownReleaseError otherwise."""
    known = releases(settings)
    if not known:
        return Store(store_root(settings)).release(label)  # raises the store's own sentence
    if label is None:
        return known[-1]
    for info in known:
        if info.label == label:
            return info
    return Store(store_root(settings)).release(label)  # raises UnknownReleaseError


def release_data(settings: Settings, label: str | None = None) -> ReleaseData:
    """The release's tables and control options, read once per generation."""
    info = release_info(settings, label)
    try:
        return _release_data(store_root(settings), info.label, info.generation)
    except StoreError as exc:
        log_store_fault(exc)
        raise


@functools.lru_cache(maxsize=FRAME_CACHE_SIZE)
def _release_data(root: str, label: str, generation: int) -> ReleaseData:
    tables = release_tables(root, label, generation)
    info = tables.info
    deals = _slim(tables.deals, DEAL_COLUMNS)
    deliveries = _slim(tables.deliveries, DELIVERY_COLUMNS)
    resolver = EntityResolver.with_unclassified(info.unclassified)
    ends: list[Any] = []  # the tables' first and last years; NA where a table has none
    if len(deliveries):
        ends += deliveries["delivery_year"].agg(["min", "max"]).tolist()
    if len(deals):
        ends += deals["order_year"].agg(["min", "max"]).tolist()
    years = [int(y) for y in ends if pd.notna(y)]
    first_year, last_year = (min(years), max(years)) if years else (1950, 1950)
    coverage_last = (info.coverage or {}).get("delivery_years") or [None, None]
    if coverage_last[1]:
        last_year = max(last_year, int(coverage_last[1]))
    categories = tuple(sorted(str(c) for c in deals["armament_category"].dropna().unique()))
    # In the order the pickers need (exact names before names containing them; states first).
    options = picking.ordered_options(resolver, resolver.search_options())
    suppliers = set(deals["supplier_id"].astype("str"))
    recipients = set(deals["recipient_id"].astype("str"))
    return ReleaseData(
        info=info,
        deals=deals,
        deliveries=deliveries,
        resolver=resolver,
        first_year=first_year,
        last_year=last_year,
        categories=categories,
        supplier_options=tuple(o for o in options if o["value"] in suppliers),
        recipient_options=tuple(o for o in options if o["value"] in recipients),
        picker_ranks=picking.entity_ranks(resolver, options),
    )


def _slim(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The columns the pair pages read, as a view of the shared whole table (pandas copies a
    column only if it is written to; the repeated text is already categorical)."""
    out = frame[[c for c in columns if c in frame.columns]]
    for column in CATEGORICAL & set(out.columns):
        if not isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype("category")
    return out.reset_index(drop=True)


def clear_caches() -> None:
    """Forget cached frames (tests; memory measurements)."""
    _releases.cache_clear()
    _release_data.cache_clear()
    clear_tables()


# ---- the pair page --------------------------------------------------------------------------


def _with_categories(frame: pd.DataFrame, categories: Sequence[str]) -> pd.DataFrame:
    if not categories:
        return frame
    return frame[frame["armament_category"].isin(list(categories))]


def pair_deliveries(data: ReleaseData, query: PairQuery) -> pd.DataFrame:
    """Delivery rows of the pair in the year range, filtered by category and, if asked, estimates."""
    rows = analysis.for_pair(data.deliveries, query.suppliers, query.recipients)
    rows = analysis.in_years(rows, query.from_year, query.to_year)
    rows = _with_categories(rows, query.categories)
    if query.leave_out_estimates and len(rows):
        rows = rows[~analysis.is_estimated(rows)]
    return rows


def pair_deals(data: ReleaseData, query: PairQuery) -> pd.DataFrame:
    """The pair's deals touching the year range: ordered in it, delivered in it, or still open in it.

    Deals with nothing delivered yet are left out unless `open_orders`.
    """
    deals = _with_categories(analysis.for_pair(data.deals, query.suppliers, query.recipients), query.categories)
    lo = query.from_year if query.from_year is not None else data.first_year
    hi = query.to_year if query.to_year is not None else data.last_year
    order = deals["order_year"].astype("float64")
    first = deals["first_delivery_year"].astype("float64")
    last = deals["last_delivery_year"].astype("float64")
    is_open = deals["is_open_order"].astype("bool")
    # A deal is active from its order until its last delivery, or until today if still open.
    end = last.where(~is_open, float(data.last_year)).fillna(order)
    starts = pd.concat([order, first], axis=1).min(axis=1)
    mask = (starts <= hi) & (end >= lo)
    if not query.open_orders:
        nothing_delivered = first.isna()
        mask &= ~nothing_delivered
    out = deals[mask]
    return out.sort_values(["order_year", "designation", "deal_id"], kind="stable")


def headline(data: ReleaseData, query: PairQuery, deliveries: pd.DataFrame, deals: pd.DataFrame) -> Headline:
    """TIV delivered in range, deals, open orders, and each chosen supplier's rank."""
    total = float(deliveries["tiv_delivered_m"].astype("float64").fillna(0).sum())
    return Headline(
        tiv_delivered_m=round(total, 2),
        deals=int(len(deals)),
        open_orders=int(deals["is_open_order"].astype("bool").sum()),
        ranks=tuple(supplier_ranks(data, query)),
    )


def recipient_imports(data: ReleaseData, query: PairQuery) -> pd.DataFrame:
    """Every delivery to the chosen recipient(s) in range, whatever the supplier (same filters)."""
    whole = PairQuery(
        suppliers=(),
        recipients=query.recipients,
        from_year=query.from_year,
        to_year=query.to_year,
        categories=query.categories,
        leave_out_estimates=query.leave_out_estimates,
    )
    return pair_deliveries(data, whole)


def supplier_ranks(data: ReleaseData, query: PairQuery) -> list[tuple[str, int, int]]:
    """(supplier_id, rank, number of suppliers) among the recipient(s)' suppliers by TIV in range."""
    if not query.recipients or not query.suppliers:
        return []

    def make() -> tuple[pd.Series, int]:
        imports = recipient_imports(data, query)
        totals = imports.groupby("supplier_id", observed=True)["tiv_delivered_m"].sum().astype("float64")
        totals = totals[totals > 0].sort_values(ascending=False)
        return totals.rank(method="min", ascending=False), len(totals)

    ranks, count = data.recipient_memo.get(("ranks", *_recipient_key(query)), make)
    out = []
    for supplier in query.suppliers:
        if supplier in ranks.index:
            out.append((supplier, int(ranks[supplier]), int(count)))
    return out


def _recipient_key(query: PairQuery) -> tuple[Hashable, ...]:
    """What a recipient's figures depend on (the supplier chosen is not part of it)."""
    return (tuple(sorted(query.recipients)), query.from_year, query.to_year, tuple(sorted(query.categories)),
            query.leave_out_estimates)


def recipient_suppliers(
    data: ReleaseData, query: PairQuery, window: int, last_year: int, keep: Sequence[str] = ()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The recipient(s)' supplier shares per period and their concentration (`supplier_shares`,
    `concentration` over `recipient_imports`), computed once per release and choice."""

    def make() -> tuple[pd.DataFrame, pd.DataFrame]:
        totals = analysis.period_totals(recipient_imports(data, query), window, last_year)
        return analysis.shares_of(totals, window, keep=keep), analysis.concentration_of(totals, window)

    return data.recipient_memo.get(("shares", *_recipient_key(query), window, last_year, tuple(keep)), make)


def default_pair(data: ReleaseData) -> tuple[str, str] | None:
    """The release's biggest flow over its last ten years: (supplier_id, recipient_id)."""
    rows = data.deliveries
    if not len(rows):
        if not len(data.deals):
            return None
        first = data.deals.iloc[0]
        return str(first["supplier_id"]), str(first["recipient_id"])
    recent = rows[rows["delivery_year"] > data.last_year - 10]
    if not len(recent):
        recent = rows
    totals = recent.groupby(["supplier_id", "recipient_id"], observed=True)["tiv_delivered_m"].sum()
    supplier, recipient = totals.astype("float64").idxmax()
    return str(supplier), str(recipient)


# ---- the deal register: filter, sort and page on the server ----------------------------------


@dataclass(frozen=True)
class Condition:
    """One clause of the register's filter: `{column} operator value` (DataTable's syntax)."""

    column: str
    operator: str  # contains, =, !=, <, <=, >, >=
    value: str


_CLAUSE = re.compile(
    r"^\{(?P<column>[^{}]+)\}\s*(?P<operator>[si]?(?:contains|eq|ne|lt|le|gt|ge|=|!=|<=|>=|<|>))\s*(?P<value>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_OPERATORS = {"eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}


def register_filter(text: str | None) -> tuple[Condition, ...]:
    """The clauses of a DataTable `filter_query` ('{designation} icontains "TB2" && {order_year} > 2015').

    Clauses on columns the register does not show, or that do not parse, are left out (the table
    marks a malformed filter itself; a filter never raises).
    """
    out: list[Condition] = []
    for part in _split_and(text or ""):
        match = _CLAUSE.match(part.strip())
        if not match or match["column"] not in REGISTER_NUMBERS | REGISTER_TEXT:
            continue
        operator = match["operator"].lower()
        if operator[0] in "si" and operator[1:] in ("contains", *_OPERATORS, "=", "!=", "<", "<=", ">", ">="):
            operator = operator[1:]
        operator = _OPERATORS.get(operator, operator)
        value = _unquote(match["value"].strip())
        if value:
            out.append(Condition(match["column"], operator, value))
    return tuple(out)


def _split_and(text: str) -> list[str]:
    """`a && b` -> [a, b], leaving '&&' inside quotes alone."""
    parts, current, quote, i = [], [], "", 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and i + 1 < len(text):
                current.append(text[i : i + 2])
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif text.startswith("&&", i):
            parts.append("".join(current))
            current = []
            i += 2
            continue
        current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        value = re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def _number(text: str) -> float | None:
    try:
        number = float(text.replace(",", "").rstrip("?").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def register_deals(
    deals: pd.DataFrame, conditions: Sequence[Condition] = (), sort_by: Sequence[Mapping[str, str]] = ()
) -> pd.DataFrame:
    """The deals the register's filter keeps, in the order its sort asks for (else as given).

    Text is matched case-insensitively on what the register shows (so `?` finds SIPRI's
    estimates); `<`, `>` and the like compare numbers, ignoring the '?'. Empty cells sort last.
    """
    if not len(deals):
        return deals
    text = deal_register_text(deals) if conditions else None
    keep = pd.Series(True, index=deals.index)
    for condition in conditions:
        shown = _shown(deals, text, condition.column)
        if condition.operator == "contains":
            keep &= shown.str.contains(condition.value, case=False, regex=False)
        elif condition.operator in ("=", "!=") and condition.column in REGISTER_TEXT:
            same = shown.str.casefold() == condition.value.casefold()
            keep &= same if condition.operator == "=" else ~same
        else:
            number = _number(condition.value)
            if number is None:
                keep &= False
                continue
            values = deals[condition.column].astype("float64")
            compared = {
                "=": values == number, "!=": values != number, "<": values < number,
                "<=": values <= number, ">": values > number, ">=": values >= number,
            }[condition.operator]
            keep &= compared.fillna(False).astype("bool")
    out = deals[keep]
    for rule in reversed(list(sort_by)[:3]):
        column = rule.get("column_id")
        if column not in REGISTER_NUMBERS | REGISTER_TEXT:
            continue
        values = open_order_text(out) if column == "open_order" else out[column]
        key = values.astype("float64") if column in REGISTER_NUMBERS else _sortable_text(values)
        out = out.loc[key.sort_values(ascending=rule.get("direction") != "desc", kind="stable", na_position="last").index]
    return out


def _shown(deals: pd.DataFrame, text: pd.DataFrame | None, column: str) -> pd.Series:
    if column == "open_order":
        return open_order_text(deals)
    if text is not None and column in text.columns:
        return text[column]
    values = deals[column]
    return values.astype("object").where(values.notna(), "").astype("str")


def _sortable_text(values: pd.Series) -> pd.Series:
    text = values.astype("object").where(values.notna(), None)
    return text.map(lambda v: v.casefold() if isinstance(v, str) and v else None, na_action="ignore")


def register_page(deals: pd.DataFrame, page: int, size: int = REGISTER_PAGE_SIZE) -> tuple[pd.DataFrame, int, int]:
    """(the deals on `page`, that page clamped to the last, number of pages: at least 1)."""
    pages = max(1, math.ceil(len(deals) / size))
    page = max(0, min(int(page or 0), pages - 1))
    return deals.iloc[page * size : (page + 1) * size], page, pages


def position_of_deal(deals: pd.DataFrame, deal_id: str) -> int | None:
    """Where `deal_id` stands in the register (from 0), None where it is filtered out."""
    positions = (deals["deal_id"].astype("str") == str(deal_id)).to_numpy().nonzero()[0]
    return int(positions[0]) if len(positions) else None


def page_of_deal(deals: pd.DataFrame, deal_id: str, size: int = REGISTER_PAGE_SIZE) -> int | None:
    """The register page (from 0) on which `deal_id` stands, None where it is filtered out."""
    position = position_of_deal(deals, deal_id)
    return None if position is None else position // size
