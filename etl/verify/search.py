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
import sys
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


def _grouped(keys: np.ndarray, values: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """`values` grouped by `keys` (0 <= key < count) as (starts, values in key order): the values of
    key k are `out[starts[k]:starts[k + 1]]` (one flat array, not one small array per key)."""
    order = np.argsort(keys, kind="stable")
    starts = np.searchsorted(keys[order], np.arange(count + 1)).astype(np.int32)
    return starts, values[order].astype(np.int32)


@dataclass(frozen=True, eq=False)
class NameIndex:
    """One release's weapon names (name tokens) and the deals (row positions in `deals`) that carry
    each, by designation and by Comments; with the lookups a query needs.

    Held compactly (a worker keeps one per release): each name once, numbered in sorted order
    (found by bisection), and the deals and tokens of every name as flat int32 arrays
    (`_grouped`), rather than a small array, set or tuple per name or token; tokens and keys are
    interned, so releases that name the same weapons share those strings.
    """

    names: tuple[tuple[str, ...], ...]  # every name, sorted; a name's number is its position
    designation_starts: np.ndarray  # rows of name k by designation: designation_at[starts[k]:starts[k + 1]]
    designation_at: np.ndarray
    comment_starts: np.ndarray
    comment_at: np.ndarray
    keys: tuple[str, ...]  # every name's tokens joined, sorted (a key once per name holding it)
    key_names: np.ndarray  # the name number of each key
    tokens: tuple[str, ...]  # sorted, for prefix look-ups
    token_starts: np.ndarray  # names holding token t: token_names[starts[t]:starts[t + 1]]
    token_names: np.ndarray
    designations: DesignationIndex  # what the claim and weapon parsers read names with

    @classmethod
    def from_deals(cls, deals: pd.DataFrame) -> NameIndex:
        return cls.from_rows(name_rows(deals), deals)

    @classmethod
    def from_rows(cls, rows: pd.DataFrame, deals: pd.DataFrame) -> NameIndex:
        """From `name_rows`' table (as prepared) for this `deals` frame."""
        positions = pd.Index(deals["deal_id"].astype("str")).get_indexer(rows["deal_id"].astype("str"))
        kept = positions >= 0
        texts = rows["name"].astype("str").to_numpy(dtype=object)[kept]
        found = positions[kept]
        sources = rows["source"].astype("str").to_numpy(dtype=object)[kept]
        codes, uniques = pd.factorize(texts)
        unsorted = [tuple(sys.intern(t) for t in str(u).split()) for u in uniques]
        order = sorted(range(len(unsorted)), key=unsorted.__getitem__)  # numbers in sorted order, for bisection
        renumber = np.empty(len(order), dtype=np.int64)
        renumber[order] = np.arange(len(order))
        codes = renumber[codes] if len(order) else codes
        names = tuple(unsorted[k] for k in order)
        count = len(names)
        tables = {}
        for source in ("designation", "comments"):
            mine = sources == source
            tables[source] = _grouped(codes[mine], found[mine], count)
        joined = sorted((sys.intern("".join(name)), number) for number, name in enumerate(names))
        tokens = tuple(sorted({t for name in names for t in name}))
        token_number = {t: k for k, t in enumerate(tokens)}
        pairs = [(token_number[token], number) for number, name in enumerate(names) for token in dict.fromkeys(name)]
        held = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        token_starts, token_names = _grouped(held[:, 0], held[:, 1], len(tokens))
        designations = DesignationIndex.from_names(" ".join(n) for n in names)
        return cls(names, *tables["designation"], *tables["comments"], tuple(k for k, _ in joined),
                   np.asarray([n for _, n in joined], dtype=np.int32), tokens, token_starts, token_names, designations)

    def number(self, name: tuple[str, ...]) -> int | None:
        """The name's number, if the release has it."""
        at = bisect.bisect_left(self.names, name)
        return at if at < len(self.names) and self.names[at] == name else None

    def rows_of(self, name: tuple[str, ...]) -> np.ndarray:
        """Row positions of the deals carrying `name`, by designation then by Comments."""
        number = self.number(name)
        if number is None:
            return np.empty(0, dtype=np.int32)
        return np.concatenate([
            self.designation_at[self.designation_starts[number] : self.designation_starts[number + 1]],
            self.comment_at[self.comment_starts[number] : self.comment_starts[number + 1]],
        ])

    def _with_key(self, key: str) -> list[int]:
        at = bisect.bisect_left(self.keys, key)
        end = bisect.bisect_right(self.keys, key, lo=at)
        return self.key_names[at:end].tolist()

    def _with_token(self, token: str) -> np.ndarray:
        at = bisect.bisect_left(self.tokens, token)
        if at == len(self.tokens) or self.tokens[at] != token:
            return np.empty(0, dtype=np.int32)
        return self.token_names[self.token_starts[at] : self.token_starts[at + 1]]

    def _token_range(self, at: int, end: int) -> np.ndarray:
        return self.token_names[self.token_starts[at] : self.token_starts[end]]

    def candidates(self, wanted: tuple[str, ...]) -> set[tuple[str, ...]]:
        """Every name `designation_match(wanted, name)` can find (a superset: each is judged after).

        It matches a name that joins to the same key, contains the query's tokens in a run, lies
        in the query as a run, or has a token that is a lettered variant of a query token (one
        token a prefix of the other).
        """
        found: set[int] = set(self._with_key("".join(wanted)))
        holding = [self._with_token(t) for t in set(wanted)]
        if holding and all(len(h) for h in holding):
            common = set(min(holding, key=len).tolist())
            for other in holding:
                common.intersection_update(other.tolist())
            found |= common
        for i in range(len(wanted)):
            for j in range(i + 1, len(wanted) + 1):
                number = self.number(wanted[i:j])
                if number is not None:
                    found.add(number)
        for token in wanted:
            if token in GENERIC_TOKENS:
                continue
            # every token starting with this one: one run of the sorted tokens
            at = bisect.bisect_left(self.tokens, token)
            end = at
            while end < len(self.tokens) and self.tokens[end].startswith(token):
                end += 1
            found.update(self._token_range(at, end).tolist())
            for cut in range(1, len(token)):
                found.update(self._with_token(token[:cut]).tolist())
        return {self.names[number] for number in found}


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
            rows.update(index.rows_of(name).tolist())
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
