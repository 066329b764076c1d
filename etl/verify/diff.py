"""What changed between two releases: deals added, removed, changed, relabelled, not comparable.

How deals are matched across releases, in this order:
1. by SIPRI's deal ID (`sipri_deal_id`) where both releases carry it (delivery-level exports);
2. by the key (supplier, recipient, order year, normalised designation): the designation folded
   for case, hyphens, spaces and diacritics, so `Bayraktar TB2` and `Bayraktar TB-2` share a key;
   several deals under one key are paired in order of units ordered, then first delivery year;
3. fallbacks for what is left: (a) same supplier, recipient and normalised designation with the
   order year revised by at most `ORDER_YEAR_SLACK` years, when exactly one deal on each side
   fits; (b) same supplier, recipient and order year, with designations whose keys share a name
   (one contains the other, a lettered variant: `Su-30MK` / `Su-30MKI`, or one of the names SIPRI
   separates with '/': `HQ-2/CSA-1` / `HQ-2`), told apart by units ordered when several fit;
   (c) same supplier, recipient, order year, numbers ordered and delivered and delivery years,
   when exactly one deal on each side fits (SIPRI replaced a name: `F-6` / `J-6`).

A matched deal whose designation is written differently is `relabelled` (SIPRI renamed it), never
removed and added. A deal present on one side only is `not_comparable` instead of added or
removed when the other release's export could not have held it: that export holds no deal
without deliveries (the 2024 classic register, whatever its first line says; delivery-level
exports by design) and the deal had no deliveries up to that release's last year.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from etl.analysis import for_pair
from etl.errors import ArmsExplorerError
from etl.schemas import (
    DIFF_SUBSTANTIVE,
    DIFF_WORDING,
    ESTIMATE_FLAGS,
    PAIR_NAMES_AND_IDS,
    figure_text,
)
from etl.store import ReleaseInfo
from etl.verify.names import fold, name_tokens
from etl.verify.weapons import designation_match

ORDER_YEAR_SLACK = 2
CHANGES = ("added", "removed", "changed", "relabelled", "reworded", "not_comparable", "unchanged")
# Fields compared, in order; substantive ones make a deal "changed".
SUBSTANTIVE_FIELDS = DIFF_SUBSTANTIVE
WORDING_FIELDS = DIFF_WORDING


class DiffError(ArmsExplorerError):
    """A diff that cannot run as asked."""


@dataclass(frozen=True)
class ReleaseScope:
    """Whether a release's exports hold deals without deliveries, and how we know."""

    label: str
    holds_undelivered: bool
    last_year: int | None
    basis: str


@dataclass(frozen=True)
class DealChange:
    change: str
    supplier: str
    recipient: str
    supplier_id: str
    recipient_id: str
    designation: str
    designation_from: str | None
    designation_to: str | None
    order_year: int | None
    matched_by: str | None
    fields: tuple[dict[str, str], ...] = ()
    reason: str | None = None
    deal_id_from: str | None = None
    deal_id_to: str | None = None


@dataclass(frozen=True)
class DiffResult:
    release_from: str
    release_to: str
    scopes: tuple[ReleaseScope, ReleaseScope]
    changes: tuple[DealChange, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def of(self, *kinds: str) -> list[DealChange]:
        return [c for c in self.changes if c.change in kinds]


def release_scope(info: ReleaseInfo, deals: pd.DataFrame) -> ReleaseScope:
    """What a release's exports can hold, from their content and their stated query scope."""
    undelivered = int((deals["units_delivered"].fillna(0) == 0).sum()) if len(deals) else 0
    years = [y for key in ("order_years", "delivery_years") for y in (info.coverage.get(key) or [])[1:]]
    last = max(years) if years else None
    scopes = "; ".join(
        f"{f['name']}: '{f.get('query_scope') or 'scope not stated'}'" for f in info.files
        if f.get("layout") != "tiv_table"
    )
    if undelivered:
        basis = (f"release {info.label} holds {undelivered} deal(s) without deliveries, so its "
                 f"exports include open orders (stated scope: {scopes})")
    else:
        basis = (f"release {info.label} holds no deal without deliveries, whatever its exports' "
                 f"stated scope says ({scopes}); a deal with no deliveries up to {last} could not "
                 "appear in it")
    return ReleaseScope(info.label, bool(undelivered), last, basis)


Row = dict[str, Any]
_ROW_COLUMNS = ("deal_id", "sipri_deal_id", "supplier", "recipient", "supplier_id", "recipient_id", "designation",
                "order_year", "first_delivery_year", "_dkey", "_oy", "_occ")


def _year(value: object) -> int | None:
    return None if _missing(value) else int(value)  # type: ignore[call-overload]


def _missing(value: object) -> bool:
    """Whether a value read from a frame is missing (None, pd.NA, NaN)."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float):
        return value != value
    return value is pd.NaT


def _value(row: Row, name: str) -> str:
    value = row.get(name)
    if _missing(value):
        text = ""
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    flag = ESTIMATE_FLAGS.get(name)
    return figure_text(text, row.get(flag)) if flag and text else text


def _equal(a: object, b: object) -> bool:
    """Whether two values are plainly equal (False for anything missing, so it is compared as text)."""
    return a is not None and a is not pd.NA and (a == b) is True


def _compare(old: Row, new: Row) -> tuple[list[dict[str, str]], bool, bool]:
    """Changed fields, whether any is substantive, whether the designation was relabelled."""
    fields = []
    relabelled = str(old["designation"]) != str(new["designation"])
    if relabelled:
        fields.append({"field": "designation", "from": str(old["designation"]), "to": str(new["designation"])})
    substantive = False
    for name in SUBSTANTIVE_FIELDS + WORDING_FIELDS:
        flag = ESTIMATE_FLAGS.get(name)
        if _equal(old.get(name), new.get(name)) and (flag is None or _equal(old.get(flag), new.get(flag))):
            continue  # the same value (and estimate flag) reads the same
        a, b = _value(old, name), _value(new, name)
        if name in WORDING_FIELDS and (a == b or fold(a).strip() == fold(b).strip()):
            continue
        if a != b:
            fields.append({"field": name, "from": a, "to": b})
            substantive = substantive or name in SUBSTANTIVE_FIELDS
    return fields, substantive, relabelled


@dataclass(frozen=True)
class _Side:
    """One release's deals as plain rows (row access on a DataFrame is what made diffs slow):
    `rows[i]` is the deal at position i; `order` the positions in matching order."""

    rows: list[Row]
    order: list[int]


def _key_frame(deals: pd.DataFrame) -> _Side:
    frame = deals.reset_index(drop=True).copy()
    designations = frame["designation"].fillna("").astype("str")
    keys = {d: "".join(name_tokens(d)) for d in designations.unique()}
    frame["_dkey"] = designations.map(keys)
    frame["_oy"] = frame["order_year"].astype("Int64")
    frame["_rank_units"] = frame["units_ordered"].astype("float64").fillna(-1)
    frame["_rank_first"] = frame["first_delivery_year"].astype("float64").fillna(10**6)
    if "source_line" not in frame.columns:
        frame["source_line"] = 0
    frame = frame.sort_values(["_rank_units", "_rank_first", "source_line"], kind="stable")
    frame["_occ"] = frame.groupby(["supplier_id", "recipient_id", "_oy", "_dkey"], dropna=False).cumcount()
    order = [int(i) for i in frame.index]
    frame = frame.sort_index()
    if "sipri_deal_id" not in frame.columns:
        frame["sipri_deal_id"] = pd.NA
    # Plain rows of the columns read here (column by column: much faster than to_dict).
    columns = [c for c in dict.fromkeys((*_ROW_COLUMNS, *SUBSTANTIVE_FIELDS, *WORDING_FIELDS, *ESTIMATE_FLAGS.values()))
               if c in frame.columns]
    values = [frame[c].tolist() for c in columns]
    return _Side([dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)], order)


def _oy(row: Row) -> int | None:
    value = row["_oy"]
    return None if _missing(value) else int(value)


def _match(old: _Side, new: _Side) -> list[tuple[int | None, int | None, str | None]]:
    """Pairs of row positions (old, new) and how each was matched; None for no partner."""
    pairs: list[tuple[int | None, int | None, str | None]] = []
    o_rows, n_rows = old.rows, new.rows
    old_left = set(range(len(o_rows)))
    new_left = set(range(len(n_rows)))
    # 1. SIPRI's deal ID where both sides have it.
    old_ids = [(i, o_rows[i]["sipri_deal_id"]) for i in old.order]
    new_ids = [(j, n_rows[j]["sipri_deal_id"]) for j in new.order]
    if any(not _missing(v) for _, v in old_ids) and any(not _missing(v) for _, v in new_ids):
        new_by_id = {int(v): j for j, v in new_ids if not _missing(v)}
        for i, v in old_ids:
            if not _missing(v) and int(v) in new_by_id and new_by_id[int(v)] in new_left:
                j = new_by_id[int(v)]
                pairs.append((i, j, "sipri_deal_id"))
                old_left.discard(i)
                new_left.discard(j)
    # 2. The key.
    def key(row: Row) -> tuple[Any, ...]:
        return (row["supplier_id"], row["recipient_id"], _oy(row), row["_dkey"], row["_occ"])

    new_by_key = {key(n_rows[j]): j for j in sorted(new_left)}
    for i in sorted(old_left):
        found = new_by_key.get(key(o_rows[i]))
        if found is not None and found in new_left:
            j = found
            pairs.append((i, j, "key"))
            old_left.discard(i)
            new_left.discard(j)
    # 3. Fallbacks, within each supplier -> recipient pair.
    by_pair_new: dict[tuple[str, str], list[int]] = {}
    for j in sorted(new_left):
        by_pair_new.setdefault((n_rows[j]["supplier_id"], n_rows[j]["recipient_id"]), []).append(j)
    by_pair_old: dict[tuple[str, str], list[int]] = {}
    for i in sorted(old_left):
        by_pair_old.setdefault((o_rows[i]["supplier_id"], o_rows[i]["recipient_id"]), []).append(i)
    for pair, olds in by_pair_old.items():
        news = by_pair_new.get(pair, [])
        if not news:
            continue
        # 3a. Order year revised.
        for i in olds:
            o = o_rows[i]
            year = _oy(o)
            if year is None:
                continue
            candidates = [
                j for j in news if j in new_left and n_rows[j]["_dkey"] == o["_dkey"]
                and _oy(n_rows[j]) is not None and abs(int(_oy(n_rows[j]) or 0) - year) <= ORDER_YEAR_SLACK
            ]
            rivals = [k for k in olds if k in old_left and o_rows[k]["_dkey"] == o["_dkey"]]
            if len(candidates) == 1 and len(rivals) == 1:
                pairs.append((i, candidates[0], "key with order year revised"))
                old_left.discard(i)
                new_left.discard(candidates[0])
        # 3b. Designation renamed beyond spelling, same order year: a shared name or alternative
        # ("HQ-2/CSA-1" -> "HQ-2"), several candidates told apart by the units ordered.
        for i in olds:
            if i not in old_left:
                continue
            o = o_rows[i]
            year = _oy(o)
            if year is None:
                continue
            names = _alternatives(str(o["designation"]))
            candidates = [
                j for j in news if j in new_left and _oy(n_rows[j]) == year
                and any(_shares_name(a, b) for a in names for b in _alternatives(str(n_rows[j]["designation"])))
            ]
            if len(candidates) > 1:
                candidates = [j for j in candidates if _same(n_rows[j], o, ("units_ordered",))]
            if len(candidates) == 1:
                pairs.append((i, candidates[0], "supplier, recipient, order year and a shared designation name"))
                old_left.discard(i)
                new_left.discard(candidates[0])
        # 3c. Designation replaced ("F-6" -> "J-6"): the same pair, order year, numbers ordered
        # and delivered and delivery years, and no other deal like it on either side.
        fingerprint = ("_oy", "units_ordered", "units_delivered", "delivery_years")
        for i in olds:
            if i not in old_left:
                continue
            o = o_rows[i]
            candidates = [j for j in news if j in new_left and _same(n_rows[j], o, fingerprint)]
            rivals = [k for k in olds if k in old_left and _same(o_rows[k], o, fingerprint)]
            if len(candidates) == 1 and len(rivals) == 1:
                pairs.append((i, candidates[0], "supplier, recipient, order year, numbers and delivery years"))
                old_left.discard(i)
                new_left.discard(candidates[0])
    pairs.extend((i, None, None) for i in sorted(old_left))
    pairs.extend((None, j, None) for j in sorted(new_left))
    return pairs


@functools.lru_cache(maxsize=65_536)
def _alternatives(designation: str) -> tuple[tuple[str, ...], ...]:
    """A designation's names: the whole, and each part SIPRI separates with '/' ('HQ-2/CSA-1')."""
    names = [name_tokens(designation)]
    parts = [p for p in designation.split("/") if len(p.strip()) >= 2]
    if len(parts) > 1:
        names.extend(name_tokens(p) for p in parts)
    return tuple(n for n in names if n)


@functools.lru_cache(maxsize=262_144)
def _shares_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return designation_match(a, b) is not None


def _same(a: Row, b: Row, columns: tuple[str, ...]) -> bool:
    for column in columns:
        x, y = a.get(column), b.get(column)
        x_missing, y_missing = _missing(x), _missing(y)
        if x_missing and y_missing:
            continue
        if x_missing or y_missing or x != y:
            return False
    return True


def _could_not_appear(row: Row, scope: ReleaseScope) -> bool:
    """Whether a deal could not be in a release whose exports hold no undelivered deal."""
    if scope.holds_undelivered:
        return False
    first = row.get("first_delivery_year")
    if _missing(first) or int(row.get("units_delivered") or 0) == 0:
        return True
    year = _year(first)
    return scope.last_year is not None and year is not None and year > scope.last_year


def diff_releases(
    old_info: ReleaseInfo,
    old_deals: pd.DataFrame,
    new_info: ReleaseInfo,
    new_deals: pd.DataFrame,
    supplier_ids: list[str] | None = None,
    recipient_ids: list[str] | None = None,
) -> DiffResult:
    """Deals added, removed, changed, relabelled or not comparable from one release to another."""
    if old_info.label == new_info.label:
        raise DiffError(f"--from and --to are both release {old_info.label}: choose two different releases.")
    old_scope = release_scope(old_info, old_deals)
    new_scope = release_scope(new_info, new_deals)
    old = _key_frame(for_pair(old_deals, supplier_ids, recipient_ids))
    new = _key_frame(for_pair(new_deals, supplier_ids, recipient_ids))
    changes = []
    for i, j, how in _match(old, new):
        if i is not None and j is not None:
            o, n = old.rows[i], new.rows[j]
            fields, substantive, relabelled = _compare(o, n)
            if substantive:
                kind = "changed"
            elif relabelled:
                kind = "relabelled"
            elif fields:
                kind = "reworded"
            else:
                kind = "unchanged"
            changes.append(DealChange(
                kind, str(n["supplier"]), str(n["recipient"]), str(n["supplier_id"]),
                str(n["recipient_id"]), str(n["designation"]),
                str(o["designation"]), str(n["designation"]),
                _year(n["order_year"]), how, tuple(fields),
                "designation relabelled by SIPRI" if relabelled else None,
                str(o["deal_id"]), str(n["deal_id"]),
            ))
        elif j is not None:
            n = new.rows[j]
            if _could_not_appear(n, old_scope):
                kind, reason = "not_comparable", (
                    f"absent from release {old_info.label} because its exports hold no deal "
                    f"without deliveries and this deal had none up to {old_scope.last_year}")
            else:
                kind, reason = "added", None
            changes.append(DealChange(
                kind, str(n["supplier"]), str(n["recipient"]), str(n["supplier_id"]),
                str(n["recipient_id"]), str(n["designation"]), None, str(n["designation"]),
                _year(n["order_year"]), None, (), reason,
                None, str(n["deal_id"]),
            ))
        elif i is not None:
            o = old.rows[i]
            if _could_not_appear(o, new_scope):
                kind, reason = "not_comparable", (
                    f"absent from release {new_info.label} because its exports hold no deal "
                    "without deliveries")
            else:
                kind, reason = "removed", None
            changes.append(DealChange(
                kind, str(o["supplier"]), str(o["recipient"]), str(o["supplier_id"]),
                str(o["recipient_id"]), str(o["designation"]), str(o["designation"]), None,
                _year(o["order_year"]), None, (), reason,
                str(o["deal_id"]), None,
            ))
    changes.sort(key=lambda c: (c.supplier, c.recipient, c.order_year or 0, c.designation))
    counts = {kind: sum(1 for c in changes if c.change == kind) for kind in CHANGES}
    return DiffResult(old_info.label, new_info.label, (old_scope, new_scope), tuple(changes), counts)


# ---- the whole-release diff as a table, and the pages of it a view asks for -----------------

# One row per deal of either release (the unchanged too, for the counts), as the dashboard keeps it.
CHANGE_COLUMNS = (
    "change", "supplier", "recipient", "supplier_id", "recipient_id", "designation", "designation_from",
    "designation_to", "order_year", "matched_by", "fields", "reason", "deal_id_from", "deal_id_to", "detail",
)
SHOWN = ("added", "removed", "changed", "relabelled", "not_comparable")
WORDING = "reworded"
PAIR_COUNT_COLUMNS = (*PAIR_NAMES_AND_IDS, *CHANGES)
# Sorts a view offers: name -> (columns, ascending).
SORTS: dict[str, tuple[tuple[str, ...], tuple[bool, ...]]] = {
    "pair": (("supplier", "recipient", "_year", "designation"), (True, True, True, True)),
    "newest": (("_year", "supplier", "recipient", "designation"), (False, True, True, True)),
    "change": (("_kind", "supplier", "recipient", "_year"), (True, True, True, True)),
    "deal": (("designation", "supplier", "recipient", "_year"), (True, True, True, True)),
}
PAIR_SORTS: dict[str, tuple[tuple[str, ...], tuple[bool, ...]]] = {
    "most": (("_differ", "supplier", "recipient"), (False, True, True)),
    "pair": (("supplier", "recipient"), (True, True)),
}
PAGE_SIZE = 25


def change_detail(change: DealChange) -> str:
    """What changed, as one line: 'units_delivered: 6? → 9?; designation: ...' (the reason when not comparable)."""
    if change.change == "not_comparable":
        return change.reason or ""
    return "; ".join(f"{f['field']}: {f['from'] or '(empty)'} → {f['to'] or '(empty)'}" for f in change.fields)


def changes_table(result: DiffResult) -> pd.DataFrame:
    """Every deal's change as one row (CHANGE_COLUMNS, in the result's order), with the keys a
    view sorts and filters by (`_year`, `_kind`, `_text`) computed once here."""
    rows = [{
        "change": c.change, "supplier": c.supplier, "recipient": c.recipient, "supplier_id": c.supplier_id,
        "recipient_id": c.recipient_id, "designation": c.designation, "designation_from": c.designation_from,
        "designation_to": c.designation_to, "order_year": c.order_year, "matched_by": c.matched_by,
        "fields": json.dumps(list(c.fields), ensure_ascii=False), "reason": c.reason,
        "deal_id_from": c.deal_id_from, "deal_id_to": c.deal_id_to, "detail": change_detail(c),
    } for c in result.changes]
    frame = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    frame["order_year"] = frame["order_year"].astype("Int64")
    return frame.assign(
        _year=frame["order_year"].fillna(0).astype("int64"),
        _kind=frame["change"].map({k: i for i, k in enumerate(CHANGES)}).astype("int64"),
        _text=_folded(frame, ("supplier", "recipient", "designation", "designation_from", "detail")),
    )


def scopes_json(result: DiffResult) -> str:
    return json.dumps([asdict(s) for s in result.scopes], ensure_ascii=False)


@dataclass(frozen=True)
class PreparedDiff:
    """Two whole releases matched once: every deal's change and the counts by pair, ready to page."""

    release_from: str
    release_to: str
    scopes: tuple[ReleaseScope, ReleaseScope]
    changes: pd.DataFrame  # CHANGE_COLUMNS, the unchanged left out, with sort keys
    pairs: pd.DataFrame  # PAIR_COUNT_COLUMNS: one row per supplier -> recipient pair

    @classmethod
    def from_table(cls, release_from: str, release_to: str, scopes: str, table: pd.DataFrame) -> PreparedDiff:
        """From `changes_table`'s frame and `scopes_json`'s text."""
        counts = table.groupby(["supplier_id", "recipient_id", "change"], observed=True, sort=False).size()
        pairs = counts.unstack("change", fill_value=0).reindex(columns=list(CHANGES), fill_value=0)
        names = table.drop_duplicates(["supplier_id", "recipient_id"]).set_index(["supplier_id", "recipient_id"])
        pairs = pairs.join(names[["supplier", "recipient"]]).reset_index()[list(PAIR_COUNT_COLUMNS)]
        pairs["_differ"] = pairs[list(SHOWN)].sum(axis=1)
        pairs["_text"] = _folded(pairs, ("supplier", "recipient"))
        changes = table[table["change"] != "unchanged"].reset_index(drop=True)
        parsed = tuple(ReleaseScope(**s) for s in json.loads(scopes))
        return cls(release_from, release_to, (parsed[0], parsed[1]), changes, pairs)


@dataclass(frozen=True)
class DiffPage:
    """One page of a view of a prepared diff, with the counts of the whole view."""

    rows: pd.DataFrame
    total: int  # rows the view holds, over all pages
    page: int  # from 0, clamped to the last page
    pages: int
    counts: dict[str, int]  # per kind, for the pairs the view covers


def _pair_mask(frame: pd.DataFrame, suppliers: list[str] | None, recipients: list[str] | None) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    if suppliers:
        mask &= frame["supplier_id"].isin(suppliers)
    if recipients:
        mask &= frame["recipient_id"].isin(recipients)
    return mask


def _folded(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """The columns' text joined and folded, once, for filtering by words."""
    joined = frame[columns[0]].fillna("").astype("str")
    for column in columns[1:]:
        joined = joined + " " + frame[column].fillna("").astype("str")
    return joined.map(fold) if len(joined) else joined


def _contains_all(frame: pd.DataFrame, text: str) -> pd.Series:
    """Rows whose folded text (`_text`) contains every word of `text` (case and accents ignored)."""
    mask = pd.Series(True, index=frame.index)
    for word in fold(text).split():
        mask &= frame["_text"].str.contains(word, regex=False)
    return mask


def _paged(frame: pd.DataFrame, page: int, size: int) -> tuple[pd.DataFrame, int, int]:
    pages = max(1, -(-len(frame) // size))
    page = max(0, min(int(page or 0), pages - 1))
    return frame.iloc[page * size : (page + 1) * size], page, pages


def _sorted(frame: pd.DataFrame, sorts: dict[str, tuple[tuple[str, ...], tuple[bool, ...]]], sort: str) -> pd.DataFrame:
    columns, ascending = sorts.get(sort) or next(iter(sorts.values()))
    return frame.sort_values(list(columns), ascending=list(ascending), kind="stable")


def changes_page(
    prepared: PreparedDiff,
    suppliers: list[str] | None = None,
    recipients: list[str] | None = None,
    kinds: tuple[str, ...] = SHOWN,
    text: str = "",
    sort: str = "pair",
    page: int = 0,
    size: int = PAGE_SIZE,
) -> DiffPage:
    """A page of the deals that differ, for the pairs asked, of the kinds asked, filtered by text."""
    changes = prepared.changes
    rows = changes[_pair_mask(changes, suppliers, recipients) & changes["change"].isin(list(kinds))]
    if text.strip():
        rows = rows[_contains_all(rows, text)]
    shown, page, pages = _paged(_sorted(rows, SORTS, sort), page, size)
    pairs = prepared.pairs[_pair_mask(prepared.pairs, suppliers, recipients)]
    counts = {k: int(pairs[k].sum()) for k in CHANGES}
    return DiffPage(shown, len(rows), page, pages, counts)


def pairs_page(prepared: PreparedDiff, text: str = "", sort: str = "most", page: int = 0,
               size: int = PAGE_SIZE) -> DiffPage:
    """A page of the summary by pair (pairs where some deal differs), filtered by pair name."""
    pairs = prepared.pairs[prepared.pairs["_differ"] > 0]
    if text.strip():
        pairs = pairs[_contains_all(pairs, text)]
    shown, page, pages = _paged(_sorted(pairs, PAIR_SORTS, sort), page, size)
    counts = {k: int(prepared.pairs[k].sum()) for k in CHANGES}
    return DiffPage(shown, len(pairs), page, pages, counts)
