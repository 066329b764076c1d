"""Classic register deals linked to the delivery-level register's deals of the same release."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from etl.schemas import LAYOUT_LINKED, SOURCE_COLUMNS
from etl.transform.cells import isin


@dataclass(frozen=True)
class LinkReport:
    """How a release's classic deals met its delivery-level deals (all zero where the release
    has only one of the two layouts)."""

    classic_with_deliveries: int = 0
    linked: int = 0
    unlinked: tuple[dict[str, object], ...] = field(default_factory=tuple)  # file, line, deal, reason
    delivery_deals_without_classic: int = 0
    compared: bool = False

    def as_dict(self) -> dict[str, object]:
        """What the manifest and the ingest report hold ({} where nothing was compared)."""
        if not self.compared:
            return {}
        return {"classic_with_deliveries": self.classic_with_deliveries, "linked": self.linked,
                "unlinked": list(self.unlinked), "delivery_deals_without_classic": self.delivery_deals_without_classic}




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


def link_release(classic_frame: pd.DataFrame, from_rows: pd.DataFrame) -> tuple[pd.DataFrame, LinkReport]:
    """The release's deals: classic deals, linked to SIPRI's delivery-level deals where the
    release has both (they take SIPRI's deal id, category, TIV per new unit and local production),
    and the delivery-level deals no classic deal matched; with the link's report (empty when the
    release has only one of the layouts)."""
    if not (len(classic_frame) and len(from_rows)):
        return (classic_frame if len(classic_frame) else from_rows), LinkReport()
    pairs = link_classic_to_delivery(classic_frame, from_rows)
    by_sipri = from_rows.set_index("sipri_deal_id")
    sipri_ids = pairs.set_index("deal_id")["sipri_deal_id"]
    linked_mask = isin(classic_frame["deal_id"], sipri_ids.index)
    ids = classic_frame.loc[linked_mask, "deal_id"].map(sipri_ids)
    classic_frame.loc[linked_mask, "sipri_deal_id"] = ids.astype("Int64").to_numpy()
    for column in ("armament_category", "tiv_unit_new_m", "local_production"):
        classic_frame.loc[linked_mask, column] = by_sipri.loc[ids, column].to_numpy()
    classic_frame.loc[linked_mask, "source_layout"] = LAYOUT_LINKED
    classic_frame.loc[linked_mask, "deal_id"] = ids.astype("str").to_numpy()
    with_deliveries = classic_frame["delivery_years"] != ""
    unlinked = classic_frame[with_deliveries & ~linked_mask]
    report = LinkReport(
        classic_with_deliveries=int(with_deliveries.sum()),
        linked=int(linked_mask.sum()),
        unlinked=tuple(
            {
                "source_file": f,
                "source_line": int(ln),
                "deal": f"{s} -> {r}: {d} ({y})",
                "reason": "no delivery-level deal with the same supplier, recipient, designation, "
                "order year and delivery years in this release",
            }
            for f, ln, s, r, d, y in unlinked[
                [*SOURCE_COLUMNS, "supplier", "recipient", "designation", "order_year"]
            ].itertuples(index=False)
        ),
        delivery_deals_without_classic=int((~from_rows["sipri_deal_id"].isin(ids)).sum()),
        compared=True,
    )
    only_rows = from_rows[~from_rows["sipri_deal_id"].isin(ids)]
    return pd.concat([classic_frame, only_rows], ignore_index=True), report
