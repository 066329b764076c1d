"""A weapon, by designation or type, across every pair (and, if asked, every release)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from etl.errors import ArmsExplorerError
from etl.store import ReleaseInfo
from etl.verify.claims import DesignationIndex, parse_weapon
from etl.verify.coverage import CoverageRule, coverage_rules
from etl.verify.names import name_key
from etl.verify.weapons import WeaponQuery, match_deals

SEARCH_COLUMNS = [
    "release", "supplier", "recipient", "designation", "description", "order_year",
    "order_year_estimated", "units_ordered", "units_ordered_estimated", "units_delivered",
    "units_delivered_estimated", "delivery_years", "status", "comments", "match", "deal_id",
    "supplier_id", "recipient_id",
]
# The pair page's query keys (dashboard/pages/pair.py reads the same names).
PAIR_PAGE_PATH = "/"


class SearchError(ArmsExplorerError):
    """A search that cannot run as given."""


@dataclass(frozen=True)
class SearchResult:
    query: WeaponQuery
    rows: pd.DataFrame  # SEARCH_COLUMNS, sorted by supplier, recipient, order year, release
    releases: tuple[str, ...]
    excluded: CoverageRule | None = None

    def pairs(self) -> list[tuple[tuple[str, str], pd.DataFrame]]:
        """Rows grouped by supplier -> recipient, in order."""
        if self.rows.empty:
            return []
        return [(key, frame) for key, frame in self.rows.groupby(["supplier", "recipient"], sort=False)]  # type: ignore[misc]


def pair_link(supplier_id: str, recipient_id: str, release: str) -> str:
    """The dashboard's pair page for a supplier -> recipient in a release."""
    query = urlencode({"supplier": supplier_id, "recipient": recipient_id, "release": release})
    return f"{PAIR_PAGE_PATH}?{query}"


def search_weapon(
    text: str, releases: Sequence[tuple[ReleaseInfo, pd.DataFrame]]
) -> SearchResult:
    """Deals matching a designation or type in each given release (deals tables)."""
    if not text or not text.strip():
        raise SearchError("The search is empty: give a designation (e.g. 'TB2') or a type (e.g. 'frigates').")
    all_deals = [deals for _, deals in releases]
    index = DesignationIndex.from_deals(pd.concat(all_deals) if all_deals else None)
    mention = parse_weapon(text, index)
    if mention.excluded_rule_id is not None:
        rule = {r.rule_id: r for r in coverage_rules()}[mention.excluded_rule_id]
        return SearchResult(mention.query, pd.DataFrame(columns=SEARCH_COLUMNS),
                            tuple(info.label for info, _ in releases), rule)
    frames = []
    for info, deals in releases:
        matched = match_deals(deals, mention.query)
        if not matched.empty:
            frames.append(matched.assign(release=info.label))
    if frames:
        rows = pd.concat(frames, ignore_index=True)[SEARCH_COLUMNS]
        order = {info.label: i for i, (info, _) in enumerate(releases)}
        # Spellings of one designation across releases (TB2 / TB-2) sort together.
        rows = rows.assign(
            _r=rows["release"].map(order),
            _d=rows["designation"].astype("str").map(name_key),
        ).sort_values(
            ["supplier", "recipient", "order_year", "_d", "_r"], kind="stable"
        ).drop(columns=["_r", "_d"]).reset_index(drop=True)
    else:
        rows = pd.DataFrame(columns=SEARCH_COLUMNS)
    return SearchResult(mention.query, rows, tuple(info.label for info, _ in releases))
