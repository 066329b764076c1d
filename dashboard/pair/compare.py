"""The view's pair in another release of the store: each deal as that release records it (the
register's older-release column) and the TIV by year there (the overlay on the TIV chart).

Deals are matched across releases as the Diff page matches them (`etl.verify.diff`: SIPRI's deal
ID, then supplier, recipient, order year and folded designation, then its fallbacks), so the
register and the Diff page never disagree on whether a release holds a deal.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pandas as pd

from dashboard import queries
from dashboard.data import release_tables
from etl.config import Settings
from etl.exports import deal_register_text
from etl.verify.diff import diff_releases

# Column id of the register's "in the other release" column.
COLUMN = "in_compare_release"


def compare_header(label: str) -> str:
    return f"In release {label}"


def deal_texts(settings: Settings, release: str, compare: str, suppliers: Sequence[str],
               recipients: Sequence[str]) -> dict[str, str]:
    """Deal id in `release` -> how release `compare` records that deal: 'ordered 12?, delivered 9,
    TIV delivered 10.8', 'as Bayraktar TB2: ...' where SIPRI wrote the name otherwise, or
    'not in 2025' (with why, where that release's files could not hold it)."""
    if not compare or compare == release:
        return {}
    labels = [i.label for i in queries.releases(settings)]
    if compare not in labels or release not in labels:
        return {}
    now, other = queries.release_info(settings, release), queries.release_info(settings, compare)
    return dict(_deal_texts(queries.store_root(settings), now.label, now.generation, other.label, other.generation,
                            tuple(suppliers), tuple(recipients), labels.index(compare) < labels.index(release)))


@functools.lru_cache(maxsize=32)
def _deal_texts(root: str, release: str, _g: int, compare: str, _cg: int, suppliers: tuple[str, ...],
                recipients: tuple[str, ...], compare_is_older: bool) -> tuple[tuple[str, str], ...]:
    # The provider's whole tables: the check's name index (9 MB and seconds to build per release)
    # is not needed to match deals.
    now, other = release_tables(root, release, _g), release_tables(root, compare, _cg)
    if compare_is_older:
        result = diff_releases(other.info, other.deals, now.info, now.deals, list(suppliers) or None, list(recipients) or None)
    else:
        result = diff_releases(now.info, now.deals, other.info, other.deals, list(suppliers) or None, list(recipients) or None)
    theirs_ids = {c.deal_id_from if compare_is_older else c.deal_id_to for c in result.changes}
    # Only the pair's deals are described: the whole release's 30,000 took 0.3-0.7 s a request.
    shown = _shown(other.deals[other.deals["deal_id"].astype("str").isin({str(i) for i in theirs_ids if i is not None})])
    out: list[tuple[str, str]] = []
    for change in result.changes:
        mine, theirs = (change.deal_id_to, change.deal_id_from) if compare_is_older else (change.deal_id_from, change.deal_id_to)
        if mine is None:
            continue
        if theirs is None:
            why = " (its files hold no deal without deliveries)" if change.change == "not_comparable" else ""
            out.append((mine, f"not in {compare}{why}"))
            continue
        text = shown.get(theirs, "")
        if change.change == "relabelled":
            name = change.designation_from if compare_is_older else change.designation_to
            text = f"as {name}: {text}"
        out.append((mine, text))
    return tuple(out)


def _shown(deals: pd.DataFrame) -> dict[str, str]:
    """Deal id -> 'ordered 12?, delivered 9, TIV delivered 10.8' (SIPRI's '?' marks kept)."""
    if not len(deals):
        return {}
    text = deal_register_text(deals)
    tiv = deals["tiv_delivered_m"].astype("float64")
    parts = []
    for ordered, delivered, value in zip(text["units_ordered"], text["units_delivered"], tiv, strict=True):
        parts.append(", ".join([f"ordered {ordered or 'not given'}", f"delivered {delivered or '0'}",
                                f"TIV delivered {'not given' if pd.isna(value) else f'{value:g}'}"]))
    return dict(zip(deals["deal_id"].astype("str"), parts, strict=True))


def tiv_by_year(settings: Settings, label: str, query: queries.PairQuery) -> pd.Series:
    """The pair's TIV delivered (millions) by delivery year in release `label`, as the TIV chart sums it."""
    data = queries.release_data(settings, label)
    rows = queries.pair_deliveries(data, query)
    if not len(rows):
        return pd.Series(dtype="float64", name="tiv_delivered_m")
    return rows.groupby("delivery_year")["tiv_delivered_m"].sum().astype("float64").rename("tiv_delivered_m")


def allocated_years(settings: Settings, label: str, query: queries.PairQuery) -> set[int]:
    """Delivery years whose figures in release `label` are this tool's even split (SIPRI gives none)."""
    rows = queries.pair_deliveries(queries.release_data(settings, label), query)
    return {int(y) for y in rows.loc[rows["is_allocated"].astype("bool"), "delivery_year"]}
