"""What a verdict shows and counts: a deal as evidence and in a sentence, the deals and units
in a claim's years, and the money values SIPRI's Comments report."""

from __future__ import annotations

import re

import pandas as pd

from etl.schemas import EVIDENCE_COLUMNS, figure_text
from etl.verify.claims import Claim
from etl.verify.weapons import match_score

# Values as SIPRI writes them in Comments: "$2.6 b", "EUR7.8 b", "INR390 b ($5.4 b)", "$3-5.4 b".
_COMMENT_VALUE = re.compile(
    r"(?:\b[A-Z]{3}|\$)\s?\d[\d.,]*(?:-\d[\d.,]*)?\s?[bm]\b(?:\s*\(\$\d[\d.,]*(?:-\d[\d.,]*)?\s?[bm]\))?"
)
_DOLLARS = re.compile(r"\$\s?(\d[\d.,]*)(?:-(\d[\d.,]*))?\s?([bm])\b")


# ---- a deal as evidence -------------------------------------------------------------------------


def number_text(value: object, estimated: object = False) -> str:
    """A number in words for a sentence: '12 (estimate)', 'an unstated number'."""
    return figure_text(value, estimated, missing="an unstated number", mark=" (estimate)")


def deal_summary(row: pd.Series) -> str:
    """What SIPRI records for a deal, in a sentence: ordered N in Y, delivered M in which years."""
    order_year = row.get("order_year")
    ordered = (
        f"ordered {number_text(row.get('units_ordered'), row.get('units_ordered_estimated'))}"
        f" in {number_text(order_year, row.get('order_year_estimated'))}"
        if pd.notna(order_year) else "order year not given"
    )
    delivered_units = row.get("units_delivered")
    years = row.get("delivery_years")
    if pd.isna(delivered_units) or int(delivered_units) == 0 or pd.isna(years) or not str(years):
        delivered = "no deliveries recorded"
    else:
        delivered = (
            f"delivered {number_text(delivered_units, row.get('units_delivered_estimated'))} in "
            f"{str(years).replace('; ', ', ')}"
        )
    status = row.get("status")
    status_text = f"; status {status}" if isinstance(status, str) and status else ""
    return (
        f"{row['supplier']} -> {row['recipient']}: {row['designation']} "
        f"({row['description']}), {ordered}, {delivered}{status_text}"
    )


def deal_evidence(row: pd.Series, release: str) -> dict[str, object]:
    """A deal as evidence: SIPRI's fields, where it is in the export, and a one-line summary."""
    def plain(value: object) -> object:
        if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
            return None
        if hasattr(value, "item"):
            return value.item()  # type: ignore[union-attr]
        return value

    out: dict[str, object] = {"release": release}
    out.update({key: plain(row.get(key)) for key in EVIDENCE_COLUMNS})
    if "match" in row:
        out["match"] = plain(row.get("match"))
        out["match_score"] = match_score(str(row.get("match")))
    out["summary"] = deal_summary(row)
    return out


# ---- timeframe and quantities ---------------------------------------------------------------


def delivery_years_of(row: pd.Series) -> list[int]:
    years = row.get("delivery_years")
    if not isinstance(years, str):
        return []
    return [int(y) for y in re.findall(r"\d{4}", years)]


def deals_in_years(deals: pd.DataFrame, claim: Claim, by: str) -> pd.DataFrame:
    """Deals whose order year (by='order'), delivery years (by='delivery') or either lie in the
    claim's years."""
    low, high = claim.from_year, claim.to_year
    if low is None and high is None or deals.empty:
        return deals
    low = low if low is not None else -10**6
    high = high if high is not None else 10**6

    def keep(row: pd.Series) -> bool:
        ordered = pd.notna(row["order_year"]) and low <= int(row["order_year"]) <= high
        delivered = any(low <= y <= high for y in delivery_years_of(row))
        return {"order": ordered, "delivery": delivered}.get(by, ordered or delivered)

    return deals[deals.apply(keep, axis=1).astype("bool")]


def units_delivered_in_years(deals: pd.DataFrame, deliveries: pd.DataFrame, claim: Claim) -> tuple[float, bool]:
    """Units delivered under these deals in the claim's years (all years when it gives none),
    and whether any of it comes from an even spread we made (SIPRI gave no split by year)."""
    rows = deliveries[deliveries["deal_id"].isin(deals["deal_id"])]
    if claim.from_year is not None:
        rows = rows[rows["delivery_year"] >= claim.from_year]
    if claim.to_year is not None:
        rows = rows[rows["delivery_year"] <= claim.to_year]
    if claim.from_year is None and claim.to_year is None:
        return float(deals["units_delivered"].fillna(0).sum()), False
    allocated = bool(rows["is_allocated"].astype("bool").any()) if len(rows) else False
    return float(rows["units_delivered"].astype("float64").fillna(0).sum()), allocated


def ordered_total(deals: pd.DataFrame) -> int | None:
    ordered = deals["units_ordered"]
    if ordered.isna().all():
        return None
    return int(ordered.fillna(deals["units_delivered"]).fillna(0).sum())


def years_text(claim: Claim) -> str:
    if claim.from_year is None and claim.to_year is None:
        return ""
    if claim.from_year == claim.to_year:
        return f"in {claim.from_year}"
    if claim.from_year is None:
        return f"by {claim.to_year}"
    if claim.to_year is None:
        return f"since {claim.from_year}"
    return f"in {claim.from_year}-{claim.to_year}"


# ---- money in Comments ----------------------------------------------------------------------


def comment_values(comments: str | None) -> list[str]:
    """Financial values SIPRI reports in a deal's Comments, as written ('$2.6 b')."""
    if not isinstance(comments, str):
        return []
    return [m.group(0) for m in _COMMENT_VALUE.finditer(comments)]


def dollars_m(value: str) -> tuple[float, float] | None:
    match = _DOLLARS.search(value)
    if match is None:
        return None
    scale = 1000.0 if match.group(3) == "b" else 1.0
    low = float(match.group(1).replace(",", "")) * scale
    high = float(match.group(2).replace(",", "")) * scale if match.group(2) else low
    return low, high
