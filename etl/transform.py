"""Raw export frames -> the store's tidy tables (pure functions, no I/O)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl.entities import EntityResolver
from etl.formats.export import LAYOUT_CLASSIC, LAYOUT_DELIVERY, LAYOUT_TIV, RawExport

STATUSES = ("New", "Second hand", "Second hand but modernized")
_STATUS_LOOKUP = {s.lower(): s for s in STATUSES}
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


class _Rejects:
    """Collects records that are reported instead of stored, with the reason."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, str]] = []

    def add(self, name: str, lines: pd.Series, reasons: pd.Series | str) -> None:
        if isinstance(reasons, str):
            self.rows.extend((name, int(line), reasons) for line in lines)
        else:
            self.rows.extend((name, int(ln), str(r)) for ln, r in zip(lines, reasons, strict=True))

    def frame(self) -> pd.DataFrame:
        out = pd.DataFrame(self.rows, columns=["source_file", "source_line", "reason"])
        return out.astype({"source_file": "str", "source_line": "int64", "reason": "str"})


# ---- cell parsing ---------------------------------------------------------------------------


def _clean(series: pd.Series) -> pd.Series:
    return series.astype("str").str.strip()


def _numbers(series: pd.Series, label: str, integer: bool) -> tuple[pd.Series, pd.Series]:
    """(parsed numbers, reason per unparseable cell or '') for a column of strings."""
    text = _clean(series)
    reasons = pd.Series("", index=series.index, dtype="str")
    fast = _cast_numbers(text)
    if fast is not None:
        parsed = fast
        bad = pd.Series(False, index=series.index)
    else:
        parsed = pd.to_numeric(text.where(text != ""), errors="coerce")
        bad = (text != "") & parsed.isna()
    if integer:
        fractional = parsed.notna() & (parsed != np.floor(parsed.fillna(0)))
        bad |= fractional
        parsed = parsed.where(~fractional).astype("Int64")
    else:
        parsed = parsed.astype("Float64")
    if bad.any():
        reasons[bad] = (
            label + " is '" + text[bad] + "', not a " + ("whole number" if integer else "number")
        )
    return parsed, reasons


def _cast_numbers(text: pd.Series) -> pd.Series | None:
    """Numbers via Arrow's cast (fast); None when any cell is not a plain number."""
    values = pa.array(text.fillna(""))
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        values = values.cast(pa.string())
    values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
    try:
        cast = pc.cast(values, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return pd.Series(cast.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def _flags(
    series: pd.Series, label: str, true: str, false: str = ""
) -> tuple[pd.Series, pd.Series]:
    text = _clean(series)
    value = text == true
    bad = ~value & (text != false)
    if bad.any():  # SIPRI writes 'Yes'/'No' and '?'; accept any case before calling it bad
        lower = text.str.lower()
        value = lower == true.lower()
        bad = ~value & (lower != false.lower())
    reasons = pd.Series("", index=series.index, dtype="str")
    if bad.any():
        reasons[bad] = label + " is '" + text[bad] + f"', expected '{true}' or '{false}'"
    return value, reasons


def _only(frame: pd.DataFrame, keep: pd.Series) -> pd.DataFrame:
    """The rows to keep; the frame itself when that is all of them (filtering copies every column)."""
    return frame if bool(keep.all()) else frame[keep]


def _first_reason(*reasons: pd.Series) -> pd.Series:
    out = reasons[0]
    for r in reasons[1:]:
        if (r != "").any():  # most columns have no bad cell: skip the row-wise merge
            out = out.where(out != "", r)
    return out


def _statuses(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = _clean(series)
    codes, seen = pd.factorize(text.str.lower())  # map the few distinct spellings, not every row
    mapped = pd.Series(
        pd.Series(seen, dtype="object").map(_STATUS_LOOKUP).to_numpy()[codes]
        if len(seen) else np.array([np.nan] * len(text), dtype="object"),
        index=text.index,
        dtype="object",
    )
    reasons = pd.Series("", index=series.index, dtype="str")
    bad = mapped.isna()
    reasons[bad] = "status is '" + text[bad] + "', not one SIPRI uses (" + ", ".join(STATUSES) + ")"
    return mapped.fillna("").astype("str"), reasons


_YEARS_CELL = r"[0-9]{4}(?:\s*[;,]\s*[0-9]{4})*"  # ASCII digits: what the schema and int() take
# SIPRI's own form ('2022; 2023', or empty); ASCII-only, so Arrow's regex engine takes it.
_YEARS_CANONICAL = r"(?:[0-9]{4}(?:; [0-9]{4})*)?"


def _unsorted_years(cells: pd.Series) -> pd.Series:
    """Cells ('2022; 2023' form) whose years are not in strictly increasing order."""
    lists = pc.split_pattern(pa.array(cells, type=pa.string()), "; ")
    flat = pc.list_flatten(lists)
    parents = pc.list_parent_indices(lists).to_numpy()
    # four-digit years compare correctly as text; compare each year with the one before it
    flat_np = np.asarray(flat.to_pylist(), dtype="object") if len(flat) else np.array([], "object")
    later = parents[1:] == parents[:-1]
    if not later.any():
        return pd.Series(False, index=cells.index, dtype="bool")
    out = np.zeros(len(cells), dtype=bool)
    out[parents[1:][later & (flat_np[1:] <= flat_np[:-1])]] = True
    return pd.Series(out, index=cells.index, dtype="bool")


def _years(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Delivery years cell '2022; 2023; 2024' -> (normalised '2022; 2023; 2024', reason or '')."""
    cleaned = _clean(text)
    canonical = cleaned.str.fullmatch(_YEARS_CANONICAL).astype("bool")
    good = canonical.copy()
    if not canonical.all():  # other separators or spaces, or not years at all
        good[~canonical] = cleaned[~canonical].str.fullmatch(_YEARS_CELL).astype("bool")
    reasons = pd.Series("", index=text.index, dtype="str")
    reasons[~good] = "Year(s) of delivery is '" + cleaned[~good] + "', not years like '2022; 2023'"
    normal = cleaned.copy()
    odd = good & ~canonical
    if odd.any():  # separators other than SIPRI's '; '
        normal[odd] = cleaned[odd].str.replace(r"\s*[;,]\s*", "; ", regex=True)
    unsorted = _unsorted_years(normal.where(good, "")) & good
    if unsorted.any():
        # SIPRI lists years in order; sort the rare cell that is not, and drop repeats
        normal[unsorted] = normal[unsorted].map(lambda v: "; ".join(sorted(set(v.split("; ")))))
    return normal.where(good, ""), reasons


# ---- classic register -----------------------------------------------------------------------


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


def classic_deals(source: SourceExport, release: str, rejects: _Rejects) -> pd.DataFrame:
    """Deals of a classic trade register (one row per deal), figures parsed, bad records reported."""
    raw = source.export.frame
    order_year, r1 = _numbers(raw["order_year"], "Year of order", integer=True)
    units_ordered, r2 = _numbers(raw["units_ordered"], "Number ordered", integer=True)
    units_delivered, r3 = _numbers(raw["units_delivered"], "Number delivered", integer=True)
    tiv_unit, r4 = _numbers(raw["tiv_per_unit"], "SIPRI TIV per unit", integer=False)
    tiv_order, r5 = _numbers(raw["tiv_order"], "SIPRI TIV for total order", integer=False)
    tiv_delivered, r6 = _numbers(
        raw["tiv_delivered"], "SIPRI TIV of delivered weapons", integer=False
    )
    f1, r7 = _flags(raw["order_year_estimated"], "the '?' mark after Year of order", "?")
    f2, r8 = _flags(raw["units_ordered_estimated"], "the '?' mark after Number ordered", "?")
    f3, r9 = _flags(raw["units_delivered_estimated"], "the '?' mark after Number delivered", "?")
    status, r10 = _statuses(raw["status"])
    years, r11 = _years(raw["delivery_years"])
    supplier, recipient = _clean(raw["supplier"]), _clean(raw["recipient"])
    r12 = pd.Series("", index=raw.index, dtype="str")
    r12[(supplier == "") | (recipient == "")] = "Supplier or Recipient is empty"
    r13 = pd.Series("", index=raw.index, dtype="str")
    r13[order_year.isna()] = "Year of order is empty"
    reason = _first_reason(r12, r1, r13, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11)
    keep = reason == ""
    rejects.add(source.name, raw.loc[~keep, "source_line"], reason[~keep])
    category = _clean(raw["armament_category"]) if "armament_category" in raw else None
    deals = pd.DataFrame(
        {
            "release": release,
            "sipri_deal_id": _missing(len(raw), "Int64"),
            "supplier": supplier,
            "recipient": recipient,
            "designation": _clean(raw["designation"]),
            "description": _clean(raw["description"]),
            "armament_category": (
                category.replace("", pd.NA) if category is not None else _missing(len(raw), "str")
            ),
            "order_year": order_year,
            "order_year_estimated": f1,
            "units_ordered": units_ordered,
            "units_ordered_estimated": f2,
            "units_delivered": units_delivered.fillna(0),
            "units_delivered_estimated": f3,
            "delivery_years": years,
            "status": status,
            "comments": _clean(raw["comments"]).replace("", pd.NA),
            "tiv_per_unit_m": tiv_unit,
            "tiv_order_m": tiv_order,
            "tiv_delivered_m": tiv_delivered,
            "tiv_unit_new_m": _missing(len(raw), "Float64"),
            "local_production": _missing(len(raw), "boolean"),
            "source_layout": LAYOUT_CLASSIC,
            "delivery_scope": delivery_scope(source.export),
            "source_file": source.name,
            "source_line": raw["source_line"].astype("int64"),
        }
    ).pipe(_only, keep)
    deals["deal_id"] = _classic_ids(deals)
    return deals


def _classic_ids(deals: pd.DataFrame) -> pd.Series:
    """Stable ids for deals without SIPRI's id: a hash of what identifies the deal in the register.

    pandas' object hash uses a fixed key, so the same deal gets the same id in every run; a
    repeat of an identical row gets its occurrence number mixed in.
    """
    parts = [
        "supplier",
        "recipient",
        "designation",
        "description",
        "order_year",
        "units_ordered",
        "status",
    ]
    key = pd.util.hash_pandas_object(deals[parts].astype("str"), index=False)
    occurrence = key.groupby(key).cumcount()
    full = pd.util.hash_pandas_object(pd.DataFrame({"k": key, "n": occurrence}), index=False)
    return pd.Series(
        ["c-%012x" % (v >> 16) for v in full.to_numpy().tolist()], index=deals.index, dtype="str"
    )


# ---- delivery-level register ----------------------------------------------------------------


def delivery_rows(source: SourceExport, release: str, rejects: _Rejects) -> pd.DataFrame:
    """Rows of a delivery-level register (deal x delivery year), parsed, bad records reported."""
    raw = source.export.frame
    deal_id, r1 = _numbers(raw["sipri_deal_id"], "SIPRI AT Database ID", integer=True)
    order_year, r2 = _numbers(raw["order_year"], "Order date", integer=True)
    units, r3 = _numbers(raw["units_delivered"], "Numbers delivered", integer=True)
    year, r4 = _numbers(raw["delivery_year"], "Delivery year", integer=True)
    tiv_new, r5 = _numbers(raw["tiv_unit_new"], "SIPRI estimate", integer=False)
    tiv_unit, r6 = _numbers(raw["tiv_per_unit"], "TIV deal unit", integer=False)
    tiv, r7 = _numbers(raw["tiv_delivered"], "TIV delivery values", integer=False)
    f1, r8 = _flags(raw["order_year_estimated"], "Order date is estimate", "Yes", "No")
    f2, r9 = _flags(raw["units_delivered_estimated"], "Numbers delivered is estimate", "Yes", "No")
    f3, r10 = _flags(raw["delivery_year_estimated"], "Delivery year is estimate", "Yes", "No")
    local, r11 = _flags(raw["local_production"], "Local production", "Yes", "No")
    status, r12 = _statuses(raw["status"])
    r13 = pd.Series("", index=raw.index, dtype="str")
    r13[deal_id.isna() | year.isna()] = "SIPRI AT Database ID or Delivery year is empty"
    reason = _first_reason(r1, r4, r13, r2, r3, r5, r6, r7, r8, r9, r10, r11, r12)
    keep = reason == ""
    rejects.add(source.name, raw.loc[~keep, "source_line"], reason[~keep])
    rows = pd.DataFrame(
        {
            "release": release,
            "sipri_deal_id": deal_id,
            "supplier": _clean(raw["supplier"]),
            "recipient": _clean(raw["recipient"]),
            "designation": _clean(raw["designation"]),
            "description": _clean(raw["description"]),
            "armament_category": _clean(raw["armament_category"]).replace("", pd.NA),
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
    ).pipe(_only, keep)
    return rows


def _dedupe_delivery_rows(rows: pd.DataFrame, rejects: _Rejects) -> pd.DataFrame:
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
    return _only(rows, ~repeated)


def _dedupe_tiv_cells(cells: pd.DataFrame, rejects: _Rejects) -> pd.DataFrame:
    """One cell per direction, entity and year: a TIV table given twice (re-saved, renamed) is
    stored once; a row none of whose cells is kept is reported, naming where they are kept."""
    key = ["direction", "entity", "year"]
    # the first kept: a later copy of a table must not change the figures already cited
    repeated = cells.duplicated(key, keep="first")
    if not repeated.any():
        return cells
    kept = cells[~repeated]
    lines = ["source_file", "source_line"]
    left = cells[lines].drop_duplicates().merge(kept[lines].drop_duplicates(), how="left", indicator=True)
    gone = left[left["_merge"] == "left_only"]
    where = kept.drop_duplicates(["direction", "entity"]).set_index(["direction", "entity"])[lines]
    first = cells.drop_duplicates(lines).set_index(lines)[["direction", "entity"]]
    for name, line in gone[lines].itertuples(index=False):
        direction, entity = first.loc[(name, line)]
        kfile, kline = where.loc[(direction, entity)]
        rejects.rows.append(
            (name, int(line), f"same TIV table cells as {kfile} line {kline}, kept there")
        )
    return _only(cells, ~repeated)


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
            "units_ordered": _missing(len(first), "Int64"),
            "units_ordered_estimated": False,
            "units_delivered": grouped["units_delivered"].sum().round().astype("Int64"),
            "units_delivered_estimated": grouped["units_delivered_estimated"].any(),
            "delivery_years": years,
            "status": first["status"],
            "comments": _missing(len(first), "str"),
            "tiv_per_unit_m": first["tiv_per_unit_m"],
            "tiv_order_m": _missing(len(first), "Float64"),
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


def link_classic_to_delivery(classic: pd.DataFrame, from_rows: pd.DataFrame) -> pd.DataFrame:
    """classic deal_id -> SIPRI deal id, for classic deals whose delivery rows are in the release.

    The two layouts label weapons differently even within one release (`Bayraktar TB2` in the
    register, `Bayraktar TB-2` in the delivery rows), so designations cannot be the key. Deals are
    compared within the same supplier, recipient and order year, and a pair is scored on what
    must agree (delivery years, number delivered) and what should (TIV delivered, TIV per unit,
    status, designation); pairs are taken best first, one to one. Returns deal_id, sipri_deal_id.
    """
    # Delivery years must agree, so they join the block: only those pairs are compared further.
    block = ["supplier", "recipient", "order_year", "delivery_years"]
    cols = ["units_delivered", "tiv_delivered_m", "tiv_per_unit_m", "status"]
    left = classic.loc[classic["delivery_years"] != "", ["deal_id", *block, *cols, "designation"]]
    right = from_rows[["sipri_deal_id", *block, *cols, "designation"]]
    left = left.assign(name=_name_key(left["designation"]))
    right = right.assign(name=_name_key(right["designation"]))
    pairs = left.merge(right, on=block, suffixes=("", "_r"))
    if not len(pairs):
        return pd.DataFrame(
            {"deal_id": pd.Series(dtype="str"), "sipri_deal_id": pd.Series(dtype="Int64")}
        )
    same_units = (pairs["units_delivered"] == pairs["units_delivered_r"]).fillna(False)
    tiv_close = ((pairs["tiv_delivered_m"] - pairs["tiv_delivered_m_r"]).abs() <= 0.5).fillna(False)
    unit_same = ((pairs["tiv_per_unit_m"] - pairs["tiv_per_unit_m_r"]).abs() < 1e-6).fillna(False)
    status_same = pairs["status"] == pairs["status_r"]
    name_l, name_r = pairs["name"].tolist(), pairs["name_r"].tolist()
    name_same = pairs["name"] == pairs["name_r"]
    name_near = pd.Series(
        [
            bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))
            for a, b in zip(name_l, name_r, strict=True)
        ],
        index=pairs.index,
    )
    score = (
        8 * same_units.astype(int)
        + 4 * tiv_close.astype(int)
        + 2 * unit_same.astype(int)
        + status_same.astype(int)
        + 2 * name_same.astype(int)
        + 2 * name_near.astype(int)
    )
    # Must agree on the number delivered, the TIV delivered or the weapon.
    acceptable = same_units | tiv_close | name_near
    candidates = pairs.loc[acceptable, ["deal_id", "sipri_deal_id"]].assign(score=score[acceptable])
    candidates = candidates.sort_values("score", ascending=False, kind="stable")
    chosen = _best_first_one_to_one(candidates)
    return pd.DataFrame(
        {
            "deal_id": chosen["deal_id"].astype("str").reset_index(drop=True),
            "sipri_deal_id": chosen["sipri_deal_id"].astype("Int64").reset_index(drop=True),
        }
    )


def _name_key(designations: pd.Series) -> pd.Series:
    """A designation compared loosely: lower case, letters and digits only ('TB-2' ~ 'TB2')."""
    return designations.str.lower().str.replace(r"[^a-z0-9]", "", regex=True)


def _best_first_one_to_one(candidates: pd.DataFrame) -> pd.DataFrame:
    """Pairs taken in order, each deal_id and sipri_deal_id at most once (a greedy matching).

    Done in rounds rather than row by row: a candidate that is the first of its deal_id and the
    first of its sipri_deal_id among those left is one the row-by-row greedy takes too; every
    candidate sharing either id with a taken one is one it refuses. Same result, a few rounds.
    """
    lefts = pd.factorize(candidates["deal_id"])[0]
    rights = pd.factorize(candidates["sipri_deal_id"])[0]
    order = np.arange(len(candidates))
    taken: list[np.ndarray] = []
    while len(order):
        l_ids, r_ids = lefts[order], rights[order]
        first = _first_seen(l_ids) & _first_seen(r_ids)
        taken.append(order[first])
        clash = np.isin(l_ids, l_ids[first]) | np.isin(r_ids, r_ids[first])
        order = order[~clash]
    return candidates.iloc[np.sort(np.concatenate(taken))] if taken else candidates


def _first_seen(codes: np.ndarray) -> np.ndarray:
    """True where a code appears for the first time."""
    first = np.zeros(len(codes), dtype=bool)
    first[np.unique(codes, return_index=True)[1]] = True
    return first


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
            "delivery_year_estimated": _missing(len(exploded), "boolean"),
            "tiv_delivered_m": (exploded["tiv_delivered_m"] / n).astype("Float64"),
            "is_allocated": True,
            "source_file": exploded["source_file"],
            "source_line": exploded["source_line"],
        }
    )
    return out.reset_index(drop=True)


# ---- TIV tables -----------------------------------------------------------------------------


def tiv_totals(source: SourceExport, release: str, rejects: _Rejects) -> pd.DataFrame:
    """Cells of a SIPRI TIV table: entity x year, the value (NA where empty) and the cell as written."""
    raw = source.export.frame
    value, reason = _numbers(raw["cell"], "a TIV cell", integer=False)
    bad = reason != ""
    if bad.any():
        lines = raw.loc[bad, "source_line"]
        rejects.add(source.name, lines.drop_duplicates(), reason[bad].groupby(lines).first())
    keep_lines = set(raw.loc[bad, "source_line"])
    keep = ~raw["source_line"].isin(keep_lines)
    return pd.DataFrame(
        {
            "release": release,
            "direction": source.export.tiv_direction or "",
            "entity": _clean(raw["entity"]),
            "year": raw["year"].astype("int64"),
            "tiv_m": value,
            "cell": raw["cell"].astype("str"),
            "source_file": source.name,
            "source_line": raw["source_line"].astype("int64"),
        }
    ).pipe(_only, keep)


WORLD_TOTAL_ID = "total-world"


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


def is_world_total(names: pd.Series) -> pd.Series:
    """TIV table rows that total the world ('Total world import', 'Total world export')."""
    return names.str.strip().str.lower().str.startswith("total world")


def with_entity_ids(cells: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """TIV table cells with entity_id: the mapped entity, or WORLD_TOTAL_ID for world totals."""
    world = is_world_total(cells["entity"])
    return cells.assign(
        entity_id=cells["entity"].map(mapping).where(~world, WORLD_TOTAL_ID).astype("str")
    )


# ---- one release ----------------------------------------------------------------------------


def build_release(
    sources: Sequence[SourceExport], release: str, resolver: EntityResolver
) -> ReleaseTables:
    """The tidy tables of one release from every export that belongs to it."""
    rejects = _Rejects()
    classic = [
        classic_deals(s, release, rejects) for s in sources if s.export.layout == LAYOUT_CLASSIC
    ]
    rows_parts = [
        delivery_rows(s, release, rejects) for s in sources if s.export.layout == LAYOUT_DELIVERY
    ]
    tiv_parts = [tiv_totals(s, release, rejects) for s in sources if s.export.layout == LAYOUT_TIV]
    for s in sources:
        rejects.add(
            s.name,
            pd.Series([ln for ln, _ in s.export.rejected]),
            pd.Series([r for _, r in s.export.rejected], dtype="str"),
        )

    classic_frame = _dedupe_classic(classic, rejects)
    rows = _concat(rows_parts)
    rows = _dedupe_delivery_rows(rows, rejects) if len(rows) else rows
    from_rows = deals_from_delivery_rows(rows) if len(rows) else empty_table(DEAL_COLUMNS, _DTYPES)

    link_stats: dict[str, object] = {}
    if len(classic_frame) and len(from_rows):
        pairs = link_classic_to_delivery(classic_frame, from_rows)
        by_sipri = from_rows.set_index("sipri_deal_id")
        sipri_ids = pairs.set_index("deal_id")["sipri_deal_id"]
        linked_mask = _isin(classic_frame["deal_id"], sipri_ids.index)
        ids = classic_frame.loc[linked_mask, "deal_id"].map(sipri_ids)
        classic_frame.loc[linked_mask, "sipri_deal_id"] = ids.astype("Int64").to_numpy()
        for column in ("armament_category", "tiv_unit_new_m", "local_production"):
            classic_frame.loc[linked_mask, column] = by_sipri.loc[ids, column].to_numpy()
        classic_frame.loc[linked_mask, "source_layout"] = "classic+delivery"
        classic_frame.loc[linked_mask, "deal_id"] = ids.astype("str").to_numpy()
        with_deliveries = classic_frame["delivery_years"] != ""
        unlinked = classic_frame[with_deliveries & ~linked_mask]
        link_stats = {
            "classic_with_deliveries": int(with_deliveries.sum()),
            "linked": int(linked_mask.sum()),
            "unlinked": [
                {
                    "source_file": f,
                    "source_line": int(ln),
                    "deal": f"{s} -> {r}: {d} ({y})",
                    "reason": "no delivery-level deal with the same supplier, recipient, designation, "
                    "order year and delivery years in this release",
                }
                for f, ln, s, r, d, y in unlinked[
                    [
                        "source_file",
                        "source_line",
                        "supplier",
                        "recipient",
                        "designation",
                        "order_year",
                    ]
                ].itertuples(index=False)
            ],
            "delivery_deals_without_classic": int((~from_rows["sipri_deal_id"].isin(ids)).sum()),
        }
        only_rows = from_rows[~from_rows["sipri_deal_id"].isin(ids)]
        deals = pd.concat([classic_frame, only_rows], ignore_index=True)
    else:
        deals = classic_frame if len(classic_frame) else from_rows

    names = pd.concat(
        [deals["supplier"], deals["recipient"]]
        + [t.loc[~is_world_total(t["entity"]), "entity"] for t in tiv_parts]
    ).unique()
    mapping, unclassified = resolver.classify_names(str(n) for n in names)
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

    deliveries = _deliveries(deals, rows)
    tiv = _concat(tiv_parts)
    if len(tiv):
        tiv = with_entity_ids(_dedupe_tiv_cells(tiv, rejects), mapping)
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
    return ReleaseTables(
        deals=deals[DEAL_COLUMNS].reset_index(drop=True),
        deliveries=deliveries[DELIVERY_COLUMNS].reset_index(drop=True),
        tiv_totals=(
            tiv[TIV_TOTAL_COLUMNS] if len(tiv) else empty_table(TIV_TOTAL_COLUMNS, _DTYPES)
        ),
        reports=rejects.frame(),
        entities=release_entities(mapping, resolver),
        stored=stored,
        link=link_stats,
        unclassified=unclassified,
    )


def empty_table(columns: list[str], like: dict[str, str]) -> pd.DataFrame:
    """A table with no rows but its columns' dtypes, so empty tables still meet their schema."""
    return pd.DataFrame({c: pd.Series(dtype=like.get(c, "str")) for c in columns})


_DTYPES = {
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
_DELIVERY_DTYPES = {**_DTYPES, "units_delivered": "Float64"}


def _isin(series: pd.Series, values: object) -> pd.Series:
    """Membership through Arrow's hash lookup (pandas' isin on Arrow-backed text is ~80x slower)."""
    wanted = pd.Index(values).astype("str")  # type: ignore[call-overload]
    found = pc.is_in(pa.array(series.astype("str").array), value_set=pa.array(wanted.array))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=series.index, dtype="bool")


def _missing(n: int, dtype: str) -> pd.api.extensions.ExtensionArray:
    """n missing values of `dtype` (building them from a list of pd.NA is ~30x slower)."""
    return pd.Series(pd.NA, index=pd.RangeIndex(n), dtype=dtype).array


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _dedupe_classic(parts: list[pd.DataFrame], rejects: _Rejects) -> pd.DataFrame:
    """Classic deals of all registers of a release; a deal seen in an earlier file is reported."""
    frame = _concat(parts)
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


def _deliveries(deals: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Deal x delivery year: SIPRI's own rows where the release has them, else allocated evenly."""
    parts = []
    exact = deals[deals["deliveries_split"] == SPLIT_SIPRI]
    if len(exact):
        info = exact.set_index("sipri_deal_id")[
            [
                "deal_id",
                "supplier_id",
                "recipient_id",
                "designation",
                "description",
                "armament_category",
                "status",
                "order_year",
            ]
        ]
        r = rows[rows["sipri_deal_id"].isin(info.index)]
        joined = r.drop(
            columns=["designation", "description", "armament_category", "status", "order_year"]
        ).join(info, on="sipri_deal_id")
        joined["is_allocated"] = False
        parts.append(joined[DELIVERY_COLUMNS])
    allocated = deals[deals["deliveries_split"] == SPLIT_ALLOCATED]
    if len(allocated):
        parts.append(allocated_deliveries(allocated)[DELIVERY_COLUMNS])
    if not parts:
        return empty_table(DELIVERY_COLUMNS, _DELIVERY_DTYPES)
    return pd.concat(parts, ignore_index=True)
