"""A weapon, by designation or type, across every pair (and, if asked, every release).

A search reads a release's name index (`NameIndex`): every designation and every name SIPRI gives
in Comments, as name tokens, with the deals that carry it. It is built once per release (the
dashboard keeps it as a prepared Parquet table in the store) so that a search looks up the few
names that can match instead of running the matcher over every deal. The names it finds are
judged by `weapons.designation_match`, so a search finds exactly the deals `weapons.match_deals`
would.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from etl.errors import ArmsExplorerError
from etl.schemas import SEARCH_IDS, SEARCH_SHOWN
from etl.store import ReleaseInfo
from etl.verify.claims import DesignationIndex, parse_weapon
from etl.verify.coverage import CoverageRule, coverage_rules
from etl.verify.names import fold, name_key, name_tokens
from etl.verify.weapons import (
    GENERIC_TOKENS,
    WeaponQuery,
    comment_names,
    match_deals,
    weapon_type,
)

SEARCH_COLUMNS = [*SEARCH_SHOWN, "match", *SEARCH_IDS]
# The pair page's query keys (dashboard/pages/pair.py reads the same names).
PAIR_PAGE_PATH = "/"
# A name index as a table: one row per (deal, name); `source` is "designation" or "comments".
NAME_COLUMNS = ("deal_id", "source", "name")
PAGE_SIZE = 25
# Sorts the search page offers: name -> (columns, ascending).
SORTS: dict[str, tuple[tuple[str, ...], tuple[bool, ...]]] = {
    "pair": (("supplier", "recipient", "_year", "_name", "_release"), (True, True, True, True, True)),
    "newest": (("_year", "supplier", "recipient", "_name"), (False, True, True, True)),
    "designation": (("_name", "supplier", "recipient", "_year"), (True, True, True, True)),
    "delivered": (("_delivered", "supplier", "recipient"), (False, True, True)),
}


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

    def pair_count(self) -> int:
        """How many supplier -> recipient pairs the rows cover."""
        return 0 if self.rows.empty else int(self.rows.groupby(["supplier_id", "recipient_id"]).ngroups)


def pair_link(supplier_id: str, recipient_id: str, release: str) -> str:
    """The dashboard's pair page for a supplier -> recipient in a release."""
    query = urlencode({"supplier": supplier_id, "recipient": recipient_id, "release": release})
    return f"{PAIR_PAGE_PATH}?{query}"


# ---- the name index ---------------------------------------------------------------------------


def name_rows(deals: pd.DataFrame) -> pd.DataFrame:
    """A release's names as NAME_COLUMNS rows: each deal's designation, and each name its Comments
    give, as name tokens joined by spaces (each distinct text tokenised once)."""
    frames = []
    for source, column, names_of in (
        ("designation", "designation", lambda text: [name_tokens(text)]),
        ("comments", "comments", comment_names),
    ):
        values = deals[column].astype("object").where(deals[column].notna(), None)
        texts = pd.Series(values.to_numpy(), dtype="object")
        codes, uniques = pd.factorize(texts)
        per_unique = [[" ".join(n) for n in names_of(str(u)) if n] for u in uniques]
        ids = deals["deal_id"].astype("str").to_numpy()
        rows = [(ids[i], source, name) for i, code in enumerate(codes) if code >= 0 for name in per_unique[code]]
        frames.append(pd.DataFrame(rows, columns=list(NAME_COLUMNS)))
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class NameIndex:
    """One release's weapon names (name tokens) and the deals (row positions in `deals`) that carry
    each, by designation and by Comments; with the lookups a query needs."""

    designation_rows: dict[tuple[str, ...], np.ndarray]
    comment_rows: dict[tuple[str, ...], np.ndarray]
    by_key: dict[str, tuple[tuple[str, ...], ...]]
    by_token: dict[str, frozenset[tuple[str, ...]]]
    tokens: tuple[str, ...]  # sorted, for prefix look-ups
    designations: DesignationIndex  # what the claim and weapon parsers read names with

    @classmethod
    def from_deals(cls, deals: pd.DataFrame) -> NameIndex:
        return cls.from_rows(name_rows(deals), deals)

    @classmethod
    def from_rows(cls, rows: pd.DataFrame, deals: pd.DataFrame) -> NameIndex:
        """From `name_rows`' table (as prepared) for this `deals` frame."""
        positions = pd.Index(deals["deal_id"].astype("str")).get_indexer(rows["deal_id"].astype("str"))
        kept = rows[positions >= 0]
        found = positions[positions >= 0]
        tables: dict[str, dict[tuple[str, ...], np.ndarray]] = {}
        for source in ("designation", "comments"):
            mine = (kept["source"] == source).to_numpy()
            codes, uniques = pd.factorize(kept["name"][mine])
            order = np.argsort(codes, kind="stable")
            at = found[mine][order]
            bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
            tables[source] = {tuple(str(name).split()): at[bounds[k] : bounds[k + 1]]
                              for k, name in enumerate(uniques)}
        every = set(tables["designation"]) | set(tables["comments"])
        by_key: dict[str, list[tuple[str, ...]]] = {}
        by_token: dict[str, set[tuple[str, ...]]] = {}
        for name in every:
            by_key.setdefault("".join(name), []).append(name)
            for token in name:
                by_token.setdefault(token, set()).add(name)
        designations = DesignationIndex.from_names(sorted(" ".join(n) for n in every))
        return cls(tables["designation"], tables["comments"], {k: tuple(v) for k, v in by_key.items()},
                   {k: frozenset(v) for k, v in by_token.items()}, tuple(sorted(by_token)), designations)

    def candidates(self, wanted: tuple[str, ...]) -> set[tuple[str, ...]]:
        """Every name `designation_match(wanted, name)` can find (a superset: each is judged after).

        It matches a name that joins to the same key, contains the query's tokens in a run, lies
        in the query as a run, or has a token that is a lettered variant of a query token (one
        token a prefix of the other).
        """
        found: set[tuple[str, ...]] = set(self.by_key.get("".join(wanted), ()))
        holding = [self.by_token.get(t, frozenset()) for t in set(wanted)]
        if holding and all(holding):
            found |= frozenset.intersection(*sorted(holding, key=len))
        for i in range(len(wanted)):
            for j in range(i + 1, len(wanted) + 1):
                run = wanted[i:j]
                if run in self.designation_rows or run in self.comment_rows:
                    found.add(run)
        for token in wanted:
            if token in GENERIC_TOKENS:
                continue
            at = bisect.bisect_left(self.tokens, token)
            while at < len(self.tokens) and self.tokens[at].startswith(token):
                found |= self.by_token[self.tokens[at]]
                at += 1
            for end in range(1, len(token)):
                found |= self.by_token.get(token[:end], frozenset())
        return found


def _description_mask(descriptions: pd.Series, label: str) -> np.ndarray:
    """Rows whose SIPRI description says the weapon type (each distinct description judged once)."""
    pattern = re.compile(weapon_type(label).descriptions)
    texts = pd.Series(descriptions.astype("object").to_numpy(), dtype="object")
    codes, uniques = pd.factorize(texts)
    hits = np.array([bool(pattern.search(fold(str(u)))) for u in uniques] + [False], dtype=bool)
    return hits[codes]  # code -1 (no description) takes the appended False


def match_indexed(deals: pd.DataFrame, index: NameIndex, query: WeaponQuery) -> pd.DataFrame:
    """The deals a weapon query matches, with a `match` column: what `weapons.match_deals` gives,
    found through the release's name index."""
    if deals.empty:
        return deals.assign(match=pd.Series(dtype="str"))
    if query.designation:
        # The index narrows the deals to those carrying a candidate name; `match_deals` judges
        # them (one matcher: exact, variant, Comments, the type's choice). Where none matches, its
        # spelling fallback needs every designation, so it runs on the whole release.
        wanted = name_tokens(query.designation)
        rows: set[int] = set()
        for name in index.candidates(wanted):
            for table in (index.designation_rows, index.comment_rows):
                found = table.get(name)
                if found is not None:
                    rows.update(int(r) for r in found)
        matched = match_deals(deals.iloc[sorted(rows)], query) if rows else deals.iloc[0:0]
        return matched if len(matched) else match_deals(deals, query)
    if query.type_label:
        mask = _description_mask(deals["description"], query.type_label)
        return deals[mask].assign(match="type")
    return deals.iloc[0:0].assign(match=pd.Series(dtype="str"))


def combined_designations(indexes: Sequence[NameIndex]) -> DesignationIndex:
    """One designation index over several releases' name indexes."""
    if len(indexes) == 1:
        return indexes[0].designations
    runs = frozenset().union(*(i.designations.runs for i in indexes))
    return DesignationIndex(runs, max((i.designations.longest for i in indexes), default=0))


# ---- the search --------------------------------------------------------------------------------


def search_weapon(
    text: str,
    releases: Sequence[tuple[ReleaseInfo, pd.DataFrame]],
    indexes: Sequence[NameIndex] | None = None,
    designations: DesignationIndex | None = None,
) -> SearchResult:
    """Deals matching a designation or type in each given release (deals tables), through each
    release's name index (built here where none is given)."""
    if not text or not text.strip():
        raise SearchError("The search is empty: give a designation (e.g. 'TB2') or a type (e.g. 'frigates').")
    if indexes is None:
        indexes = [NameIndex.from_deals(deals) for _, deals in releases]
    mention = parse_weapon(text, designations or combined_designations(indexes))
    labels = tuple(info.label for info, _ in releases)
    if mention.excluded_rule_id is not None:
        rule = {r.rule_id: r for r in coverage_rules()}[mention.excluded_rule_id]
        return SearchResult(mention.query, pd.DataFrame(columns=SEARCH_COLUMNS), labels, rule)
    frames = []
    for (info, deals), index in zip(releases, indexes, strict=True):
        matched = match_indexed(deals, index, mention.query)
        if not matched.empty:
            frames.append(_plain(matched.assign(release=info.label)[SEARCH_COLUMNS]))
    if frames:
        rows = pd.concat(frames, ignore_index=True)
        order = {label: i for i, label in enumerate(labels)}
        # Spellings of one designation across releases (TB2 / TB-2) sort together.
        rows = rows.assign(
            _r=rows["release"].map(order),
            _d=_name_keys(rows["designation"]),
        ).sort_values(
            ["supplier", "recipient", "order_year", "_d", "_r"], kind="stable"
        ).drop(columns=["_r", "_d"]).reset_index(drop=True)
    else:
        rows = pd.DataFrame(columns=SEARCH_COLUMNS)
    return SearchResult(mention.query, rows, labels)


def _name_keys(designations: pd.Series) -> pd.Series:
    """name_key of each designation (each distinct one computed once)."""
    text = designations.astype("str")
    return text.map({value: name_key(value) for value in text.unique()})


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns (the dashboard's slim frames) as text, so releases concatenate alike."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype("str").where(out[column].notna(), None)
    return out


# ---- a page of a result --------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchPage:
    """One page of a search's rows (filtered and sorted), and how many rows and pairs it spans."""

    rows: pd.DataFrame
    total: int
    pairs: int
    page: int  # from 0, clamped to the last page
    pages: int


def search_page(result: SearchResult, text: str = "", sort: str = "pair", page: int = 0,
                size: int = PAGE_SIZE) -> SearchPage:
    """A page of the result's rows, keeping rows whose pair, designation or description hold every
    word of `text`, in the order `sort` names (SORTS)."""
    rows = result.rows
    if text.strip() and not rows.empty:
        joined = (rows["supplier"].astype("str") + " " + rows["recipient"].astype("str") + " "
                  + rows["designation"].astype("str") + " " + rows["description"].fillna("").astype("str")).map(fold)
        mask = pd.Series(True, index=rows.index)
        for word in fold(text).split():
            mask &= joined.str.contains(word, regex=False)
        rows = rows[mask]
    if not rows.empty:
        columns, ascending = SORTS.get(sort) or SORTS["pair"]
        order = {label: i for i, label in enumerate(result.releases)}
        keyed = rows.assign(
            _year=pd.to_numeric(rows["order_year"], errors="coerce").fillna(0),
            _name=_name_keys(rows["designation"]),
            _release=rows["release"].map(order),
            _delivered=pd.to_numeric(rows["units_delivered"], errors="coerce").fillna(-1),
        )
        rows = keyed.sort_values(list(columns), ascending=list(ascending), kind="stable")[list(result.rows.columns)]
    pages = max(1, math.ceil(len(rows) / size))
    page = max(0, min(int(page or 0), pages - 1))
    pair_count = 0 if rows.empty else int(rows.groupby(["supplier_id", "recipient_id"]).ngroups)
    return SearchPage(rows.iloc[page * size : (page + 1) * size], len(rows), pair_count, page, pages)
