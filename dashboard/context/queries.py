"""Queries for the context views (country profile, compare, flows and map): frames in, frames out.

Every function reads a release's frames as `dashboard.queries.release_data` holds them and
returns a small tidy frame a figure builder draws and an export writes; nothing here reads files
except `tiv_table_rows` (SIPRI's own TIV table cells, from the store, once per generation).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import queries
from dashboard.data import tiv_totals
from etl import analysis

DIRECTIONS = ("imports", "exports")
OTHERS = "others"
TOPOJSON_DIR = Path(__file__).parents[1] / "assets" / "topojson"
TOPOJSON_FILE = "world_110m.json"


@dataclass(frozen=True)
class ContextConfig:
    """Parameters the context views share (one place, never literals in the code)."""

    top_partners: int = 7
    window_years: int = 5
    sankey_max_nodes_per_side: int = 12
    max_pairs: int = 8
    tiv_table_tolerance_m: float = 0.5


CONFIG = ContextConfig()


def partner_column(direction: str) -> str:
    """The column naming the other side: suppliers for imports, recipients for exports."""
    return "supplier_id" if direction == "imports" else "recipient_id"


def entity_column(direction: str) -> str:
    return "recipient_id" if direction == "imports" else "supplier_id"


def entity_deliveries(
    data: queries.ReleaseData,
    entity_id: str,
    direction: str,
    from_year: int | None,
    to_year: int | None,
    leave_out_estimates: bool = False,
) -> pd.DataFrame:
    """Delivery rows of the entity's imports (as recipient) or exports (as supplier) in range."""
    rows = data.deliveries
    rows = rows[rows[entity_column(direction)] == entity_id]
    rows = analysis.in_years(rows, from_year, to_year)
    if leave_out_estimates and len(rows):
        rows = rows[~analysis.is_estimated(rows)]
    return rows


def _tidy(rows: pd.DataFrame, partner: str) -> pd.DataFrame:
    """delivery_year, partner_id, tiv_delivered_m, estimated, allocated: one row per delivery."""
    return pd.DataFrame(
        {
            "delivery_year": rows["delivery_year"].astype("int64"),
            "partner_id": rows[partner].astype("str"),
            "tiv_delivered_m": rows["tiv_delivered_m"].astype("float64").fillna(0.0),
            "estimated": analysis.is_estimated(rows).astype("bool"),
            "allocated": rows["is_allocated"].astype("bool"),
        },
        index=rows.index,
    )


def top_partner_ids(rows: pd.DataFrame, direction: str, top: int) -> list[str]:
    """The `top` partners by TIV over the rows, biggest first (ties by id, so stable)."""
    if not len(rows):
        return []
    tidy = _tidy(rows, partner_column(direction))
    totals = tidy.groupby("partner_id")["tiv_delivered_m"].sum()
    totals = totals[totals > 0]
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    return [k for k, _ in ordered[:top]]


def by_partner_year(rows: pd.DataFrame, direction: str, top: int = CONFIG.top_partners) -> pd.DataFrame:
    """TIV per year and partner (the `top` partners, the rest as 'others'), split by kind of figure.

    Columns: delivery_year, partner_id, estimated, allocated, tiv_delivered_m (rounded to 2 places).
    """
    columns = ["delivery_year", "partner_id", "estimated", "allocated", "tiv_delivered_m"]
    if not len(rows):
        return pd.DataFrame(columns=columns)
    tidy = _tidy(rows, partner_column(direction))
    named = top_partner_ids(rows, direction, top)
    tidy["partner_id"] = tidy["partner_id"].where(tidy["partner_id"].isin(named), OTHERS)
    out = tidy.groupby(["delivery_year", "partner_id", "estimated", "allocated"], as_index=False)["tiv_delivered_m"].sum()
    out["tiv_delivered_m"] = out["tiv_delivered_m"].round(2)
    return out[columns].sort_values(["delivery_year", "partner_id"]).reset_index(drop=True)


def yearly_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """TIV delivered per year (only years with deliveries). Columns: delivery_year, tiv_delivered_m."""
    if not len(rows):
        return pd.DataFrame(columns=["delivery_year", "tiv_delivered_m"])
    out = (
        rows.assign(_tiv=rows["tiv_delivered_m"].astype("float64").fillna(0.0))
        .groupby(rows["delivery_year"].astype("int64"))["_tiv"].sum().round(2)
    )
    return out.rename("tiv_delivered_m").rename_axis("delivery_year").reset_index()


def partner_shares(
    rows: pd.DataFrame, direction: str, window: int, last_year: int, top: int = CONFIG.top_partners
) -> pd.DataFrame:
    """Each partner's share of the entity's imports or exports per window ('others' for the rest).

    The pair page's `supplier_shares`, read with the partner as 'supplier'. Columns:
    period_start, period_end, partner_id, tiv_delivered_m, share_pct.
    """
    frame = pd.DataFrame(
        {
            "delivery_year": rows["delivery_year"],
            "supplier_id": rows[partner_column(direction)].astype("str"),
            "tiv_delivered_m": rows["tiv_delivered_m"],
        }
    )
    out = analysis.supplier_shares(frame, window, last_year, top=top)
    out = out.rename(columns={"supplier_id": "partner_id"})
    out["partner_id"] = out["partner_id"].replace({"other": OTHERS})
    return out


def dependency(imports: pd.DataFrame, window: int, last_year: int) -> pd.DataFrame:
    """Per window: the top supplier, its share of the imports, the HHI and the number of suppliers.

    Columns: period_start, period_end, top_supplier_id, top_share_pct, tiv_delivered_m, hhi, suppliers.
    """
    columns = ["period_start", "period_end", "top_supplier_id", "top_share_pct", "tiv_delivered_m", "hhi", "suppliers"]
    if not len(imports):
        return pd.DataFrame(columns=columns)
    shares = analysis.supplier_shares(imports, window, last_year, top=10**6)
    shares = shares[shares["tiv_delivered_m"] > 0]
    if not len(shares):
        return pd.DataFrame(columns=columns)
    top = (
        shares.sort_values(["period_start", "tiv_delivered_m", "supplier_id"], ascending=[True, False, True])
        .groupby("period_start", as_index=False).first()
    )
    hhi = analysis.concentration(imports, window, last_year)
    out = top.merge(hhi[["period_start", "hhi", "suppliers"]], on="period_start", how="left")
    out = out.rename(columns={"supplier_id": "top_supplier_id", "share_pct": "top_share_pct"})
    out["tiv_delivered_m"] = out["tiv_delivered_m"].round(2)
    return out[columns].reset_index(drop=True)


def top_supplier_changes(imports: pd.DataFrame) -> pd.DataFrame:
    """Years whose biggest supplier differs from the previous year with imports.

    Columns: delivery_year, top_supplier_id, previous_supplier_id, top_share_pct. The first year
    with imports is not a change; years without imports are skipped, not counted as changes.
    """
    columns = ["delivery_year", "top_supplier_id", "previous_supplier_id", "top_share_pct"]
    if not len(imports):
        return pd.DataFrame(columns=columns)
    tidy = _tidy(imports, "supplier_id")
    per = tidy.groupby(["delivery_year", "partner_id"], as_index=False)["tiv_delivered_m"].sum()
    per = per[per["tiv_delivered_m"] > 0]
    if not len(per):
        return pd.DataFrame(columns=columns)
    per["year_total"] = per.groupby("delivery_year")["tiv_delivered_m"].transform("sum")
    top = (
        per.sort_values(["delivery_year", "tiv_delivered_m", "partner_id"], ascending=[True, False, True])
        .groupby("delivery_year", as_index=False).first()
    )
    top["previous_supplier_id"] = top["partner_id"].shift(1)
    top["top_share_pct"] = (100 * top["tiv_delivered_m"] / top["year_total"]).round(1)
    changed = top[top["previous_supplier_id"].notna() & (top["partner_id"] != top["previous_supplier_id"])]
    changed = changed.rename(columns={"partner_id": "top_supplier_id"})
    return changed[columns].reset_index(drop=True)


def by_category(rows: pd.DataFrame, window: int, last_year: int) -> pd.DataFrame:
    """TIV per window and armament category ('Category not given' where a row has none).

    Columns: period_start, period_end, armament_category, tiv_delivered_m.
    """
    columns = ["period_start", "period_end", "armament_category", "tiv_delivered_m"]
    if not len(rows):
        return pd.DataFrame(columns=columns)
    category = rows["armament_category"].astype("object")
    frame = pd.DataFrame(
        {
            "period_start": analysis.period_of(rows["delivery_year"], window, last_year),
            "armament_category": category.where(category.notna(), analysis.UNKNOWN_CATEGORY).astype("str"),
            "tiv_delivered_m": rows["tiv_delivered_m"].astype("float64").fillna(0.0),
        }
    )
    out = frame.groupby(["period_start", "armament_category"], as_index=False)["tiv_delivered_m"].sum()
    out["tiv_delivered_m"] = out["tiv_delivered_m"].round(2)
    out["period_end"] = out["period_start"] + max(window, 1) - 1
    return out[columns].sort_values(["period_start", "armament_category"]).reset_index(drop=True)


# ---- SIPRI's own TIV table, where the release holds one -------------------------------------


def tiv_table_rows(data: queries.ReleaseData, root: str, entity_id: str, direction: str) -> pd.DataFrame:
    """Cells of SIPRI's TIV table for the entity (year, tiv_m; NA = empty cell), or an empty frame."""
    table = tiv_totals(root, data.info.label, data.info.generation)
    if not len(table):
        return pd.DataFrame(columns=["year", "tiv_m"])
    part = table[(table["entity_id"] == entity_id) & (table["direction"] == direction)]
    return part[["year", "tiv_m"]].astype({"year": "int64", "tiv_m": "float64"}).sort_values("year").reset_index(drop=True)


def check_against_tiv_table(yearly: pd.DataFrame, cells: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Each TIV-table cell beside the store's yearly total; agrees within `tolerance` (empty = none).

    Columns: year, tiv_m, store_tiv_m, agrees.
    """
    if not len(cells):
        return pd.DataFrame(columns=["year", "tiv_m", "store_tiv_m", "agrees"])
    store = yearly.set_index("delivery_year")["tiv_delivered_m"].astype("float64")
    out = cells.copy()
    out["store_tiv_m"] = out["year"].map(store)
    cell, mine = out["tiv_m"], out["store_tiv_m"]
    out["agrees"] = (cell.isna() & mine.isna()) | (cell.notna() & mine.notna() & ((mine - cell).abs() <= tolerance + 1e-9))
    return out


# ---- compare ----------------------------------------------------------------------------------


def pair_series(
    data: queries.ReleaseData,
    pairs: Sequence[tuple[str, str]],
    from_year: int,
    to_year: int,
    leave_out_estimates: bool = False,
) -> pd.DataFrame:
    """Per pair and year of the range: TIV delivered, the recipient's imports, and the pair's share.

    Years without deliveries hold 0 (a share is empty where the recipient imported nothing).
    Columns: supplier_id, recipient_id, delivery_year, tiv_delivered_m, recipient_imports_m,
    share_pct, tiv_estimated_m.
    """
    columns = ["supplier_id", "recipient_id", "delivery_year", "tiv_delivered_m", "recipient_imports_m",
               "share_pct", "tiv_estimated_m"]
    years = pd.RangeIndex(from_year, to_year + 1, name="delivery_year")
    frames = []
    for supplier, recipient in pairs:
        imports = entity_deliveries(data, recipient, "imports", from_year, to_year, leave_out_estimates)
        tidy = _tidy(imports, "supplier_id")
        total = tidy.groupby("delivery_year")["tiv_delivered_m"].sum().reindex(years, fill_value=0.0)
        mine = tidy[tidy["partner_id"] == supplier]
        pair = mine.groupby("delivery_year")["tiv_delivered_m"].sum().reindex(years, fill_value=0.0)
        estimated = mine[mine["estimated"]].groupby("delivery_year")["tiv_delivered_m"].sum().reindex(years, fill_value=0.0)
        frame = pd.DataFrame(
            {
                "supplier_id": supplier,
                "recipient_id": recipient,
                "tiv_delivered_m": pair.round(2),
                "recipient_imports_m": total.round(2),
                "share_pct": (100 * pair / total.where(total > 0)).round(2),
                "tiv_estimated_m": estimated.round(2),
            },
            index=years,
        ).reset_index()
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def default_pairs(data: queries.ReleaseData, count: int = 3) -> list[tuple[str, str]]:
    """The biggest suppliers of the release's default recipient over its last ten years."""
    pair = queries.default_pair(data)
    if pair is None:
        return []
    recipient = pair[1]
    rows = entity_deliveries(data, recipient, "imports", data.last_year - 9, data.last_year)
    return [(s, recipient) for s in top_partner_ids(rows, "imports", count)] or [pair]


# ---- flows and the map ------------------------------------------------------------------------


def flows(
    data: queries.ReleaseData,
    suppliers: Sequence[str],
    recipients: Sequence[str],
    from_year: int,
    to_year: int,
    leave_out_estimates: bool = False,
    max_nodes: int = CONFIG.sankey_max_nodes_per_side,
) -> pd.DataFrame:
    """TIV per (supplier, recipient) for the selection and period; beyond `max_nodes` a side's
    smaller entities are gathered as 'others' (so every unit of TIV stays in the picture).

    Columns: supplier_id, recipient_id, tiv_delivered_m, tiv_estimated_m, tiv_allocated_m (the part
    whose split by year is this tool's, where SIPRI gives none).
    """
    columns = ["supplier_id", "recipient_id", "tiv_delivered_m", "tiv_estimated_m", "tiv_allocated_m"]
    rows = analysis.in_years(analysis.for_pair(data.deliveries, suppliers, recipients), from_year, to_year)
    if leave_out_estimates and len(rows):
        rows = rows[~analysis.is_estimated(rows)]
    if not len(rows):
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {
            "supplier_id": rows["supplier_id"].astype("str"),
            "recipient_id": rows["recipient_id"].astype("str"),
            "tiv_delivered_m": rows["tiv_delivered_m"].astype("float64").fillna(0.0),
        }
    )
    frame["tiv_estimated_m"] = frame["tiv_delivered_m"].where(analysis.is_estimated(rows).to_numpy(), 0.0)
    frame["tiv_allocated_m"] = frame["tiv_delivered_m"].where(rows["is_allocated"].astype("bool").to_numpy(), 0.0)
    for side, chosen in (("supplier_id", suppliers), ("recipient_id", recipients)):
        totals = frame.groupby(side)["tiv_delivered_m"].sum()
        ordered = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        keep = {k for k, _ in ordered[:max_nodes]} | set(chosen)
        frame[side] = frame[side].where(frame[side].isin(keep), OTHERS)
    figures = ["tiv_delivered_m", "tiv_estimated_m", "tiv_allocated_m"]
    out = frame.groupby(["supplier_id", "recipient_id"], as_index=False)[figures].sum()
    out = out[out["tiv_delivered_m"] > 0]
    out[figures] = out[figures].round(2)
    return out.sort_values(["tiv_delivered_m", "supplier_id", "recipient_id"], ascending=[False, True, True]).reset_index(drop=True)[columns]


@functools.lru_cache(maxsize=1)
def drawn_iso3() -> frozenset[str]:
    """ISO3 codes with a shape in the map the app serves (the vendored world_110m topojson)."""
    topo = json.loads((TOPOJSON_DIR / TOPOJSON_FILE).read_text(encoding="utf-8"))
    return frozenset(str(g["id"]) for g in topo["objects"]["countries"]["geometries"] if g.get("id"))


WHY_NO_SHAPE = {
    "historical_state": "historical state: no modern shape",
    "non_state_actor": "non-state actor: no territory of its own",
    "organisation": "organisation: no territory",
    "unknown": "SIPRI does not know who",
    "unclassified": "not in our entity reference",
}


def partner_map(
    data: queries.ReleaseData,
    entity_id: str,
    direction: str,
    from_year: int,
    to_year: int,
    leave_out_estimates: bool = False,
    drawn: frozenset[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The entity's partners with their TIV in the period: (on the map, listed beside it).

    Both frames: partner_id, name, entity_type, iso3, tiv_delivered_m, share_pct; the second
    adds `why` (no ISO code, a historical state, or a state too small for the map's scale).
    Every partner is in exactly one of the two: none is dropped.
    """
    drawn = drawn_iso3() if drawn is None else drawn
    rows = entity_deliveries(data, entity_id, direction, from_year, to_year, leave_out_estimates)
    columns = ["partner_id", "name", "entity_type", "iso3", "tiv_delivered_m", "share_pct"]
    if not len(rows):
        empty = pd.DataFrame(columns=columns)
        return empty, empty.assign(why=pd.Series(dtype="str"))
    tidy = _tidy(rows, partner_column(direction))
    totals = tidy.groupby("partner_id")["tiv_delivered_m"].sum()
    grand = float(totals.sum())
    resolver = data.resolver
    out = pd.DataFrame({"partner_id": totals.index.astype("str"), "tiv_delivered_m": totals.to_numpy().round(2)})
    out["name"] = [resolver.display_name(p) for p in out["partner_id"]]
    out["entity_type"] = [resolver.entity_type(p) for p in out["partner_id"]]
    out["iso3"] = [resolver.iso3(p) for p in out["partner_id"]]
    out["share_pct"] = (100 * totals.to_numpy() / grand).round(2) if grand > 0 else float("nan")
    out = out.sort_values(["tiv_delivered_m", "name"], ascending=[False, True]).reset_index(drop=True)[columns]
    on_map = out["iso3"].isin(drawn) & (out["entity_type"] == "state")
    beside = out[~on_map].copy()
    beside["why"] = [
        WHY_NO_SHAPE.get(t) if t != "state" else (
            "no ISO code" if not iso else f"too small to draw at this map's scale ({iso})"
        )
        for t, iso in zip(beside["entity_type"], beside["iso3"], strict=True)
    ]
    return out[on_map].reset_index(drop=True), beside.reset_index(drop=True)
