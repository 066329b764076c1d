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

from dataclasses import dataclass, field

import pandas as pd

from etl.analysis import for_pair
from etl.errors import ArmsExplorerError
from etl.store import ReleaseInfo
from etl.verify.names import fold, name_tokens
from etl.verify.weapons import designation_match

ORDER_YEAR_SLACK = 2
CHANGES = ("added", "removed", "changed", "relabelled", "reworded", "not_comparable", "unchanged")
# Fields compared, in order; substantive ones make a deal "changed".
SUBSTANTIVE_FIELDS = (
    "order_year", "units_ordered", "units_delivered", "delivery_years", "status",
    "tiv_per_unit_m", "tiv_order_m", "tiv_delivered_m",
)
WORDING_FIELDS = ("description", "comments")
_FLAGS = {
    "order_year": "order_year_estimated",
    "units_ordered": "units_ordered_estimated",
    "units_delivered": "units_delivered_estimated",
}


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


def _value(row: pd.Series, name: str) -> str:
    value = row.get(name)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        text = ""
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    flag = _FLAGS.get(name)
    if flag and text and bool(row.get(flag)):
        text += "?"
    return text


def _compare(old: pd.Series, new: pd.Series) -> tuple[list[dict[str, str]], bool, bool]:
    """Changed fields, whether any is substantive, whether the designation was relabelled."""
    fields = []
    relabelled = str(old["designation"]) != str(new["designation"])
    if relabelled:
        fields.append({"field": "designation", "from": str(old["designation"]), "to": str(new["designation"])})
    substantive = False
    for name in SUBSTANTIVE_FIELDS + WORDING_FIELDS:
        a, b = _value(old, name), _value(new, name)
        if name in WORDING_FIELDS and fold(a).strip() == fold(b).strip():
            continue
        if a != b:
            fields.append({"field": name, "from": a, "to": b})
            substantive = substantive or name in SUBSTANTIVE_FIELDS
    return fields, substantive, relabelled


def _key_frame(deals: pd.DataFrame) -> pd.DataFrame:
    frame = deals.reset_index(drop=True).copy()
    frame["_dkey"] = frame["designation"].fillna("").astype("str").map(lambda d: "".join(name_tokens(d)))
    frame["_oy"] = frame["order_year"].astype("Int64")
    frame["_rank_units"] = frame["units_ordered"].astype("float64").fillna(-1)
    frame["_rank_first"] = frame["first_delivery_year"].astype("float64").fillna(10**6)
    frame = frame.sort_values(["_rank_units", "_rank_first", "source_line"], kind="stable")
    frame["_occ"] = frame.groupby(["supplier_id", "recipient_id", "_oy", "_dkey"], dropna=False).cumcount()
    return frame


def _match(old: pd.DataFrame, new: pd.DataFrame) -> list[tuple[int | None, int | None, str | None]]:
    """Pairs of row positions (old, new) and how each was matched; None for no partner."""
    pairs: list[tuple[int | None, int | None, str | None]] = []
    old_left = set(old.index)
    new_left = set(new.index)
    # 1. SIPRI's deal ID where both sides have it.
    if old["sipri_deal_id"].notna().any() and new["sipri_deal_id"].notna().any():
        new_by_id = {int(v): i for i, v in new["sipri_deal_id"].items() if pd.notna(v)}
        for i, v in old["sipri_deal_id"].items():
            if pd.notna(v) and int(v) in new_by_id and new_by_id[int(v)] in new_left:
                j = new_by_id[int(v)]
                pairs.append((i, j, "sipri_deal_id"))
                old_left.discard(i)
                new_left.discard(j)
    # 2. The key.
    key = ["supplier_id", "recipient_id", "_oy", "_dkey", "_occ"]
    new_by_key = {tuple(row): i for i, row in new.loc[sorted(new_left), key].iterrows()}
    for i, row in old.loc[sorted(old_left), key].iterrows():
        j = new_by_key.get(tuple(row))
        if j is not None and j in new_left:
            pairs.append((i, j, "key"))
            old_left.discard(i)
            new_left.discard(j)
    # 3. Fallbacks, within each supplier -> recipient pair.
    by_pair_new: dict[tuple[str, str], list[int]] = {}
    for j in sorted(new_left):
        by_pair_new.setdefault((new.at[j, "supplier_id"], new.at[j, "recipient_id"]), []).append(j)
    by_pair_old: dict[tuple[str, str], list[int]] = {}
    for i in sorted(old_left):
        by_pair_old.setdefault((old.at[i, "supplier_id"], old.at[i, "recipient_id"]), []).append(i)
    for pair, olds in by_pair_old.items():
        news = by_pair_new.get(pair, [])
        if not news:
            continue
        # 3a. Order year revised.
        for i in olds:
            o = old.loc[i]
            if pd.isna(o["_oy"]):
                continue
            candidates = [
                j for j in news if j in new_left and new.at[j, "_dkey"] == o["_dkey"]
                and pd.notna(new.at[j, "_oy"]) and abs(int(new.at[j, "_oy"]) - int(o["_oy"])) <= ORDER_YEAR_SLACK
            ]
            rivals = [k for k in olds if k in old_left and old.at[k, "_dkey"] == o["_dkey"]]
            if len(candidates) == 1 and len(rivals) == 1:
                pairs.append((i, candidates[0], "key with order year revised"))
                old_left.discard(i)
                new_left.discard(candidates[0])
        # 3b. Designation renamed beyond spelling, same order year: a shared name or alternative
        # ("HQ-2/CSA-1" -> "HQ-2"), several candidates told apart by the units ordered.
        for i in olds:
            if i not in old_left:
                continue
            o = old.loc[i]
            if pd.isna(o["_oy"]):
                continue
            names = _alternatives(str(o["designation"]))
            candidates = [
                j for j in news if j in new_left and pd.notna(new.at[j, "_oy"])
                and int(new.at[j, "_oy"]) == int(o["_oy"])
                and any(designation_match(a, b) is not None
                        for a in names for b in _alternatives(str(new.at[j, "designation"])))
            ]
            if len(candidates) > 1:
                candidates = [j for j in candidates if _same(new.loc[j], o, ("units_ordered",))]
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
            o = old.loc[i]
            candidates = [j for j in news if j in new_left and _same(new.loc[j], o, fingerprint)]
            rivals = [k for k in olds if k in old_left and _same(old.loc[k], o, fingerprint)]
            if len(candidates) == 1 and len(rivals) == 1:
                pairs.append((i, candidates[0], "supplier, recipient, order year, numbers and delivery years"))
                old_left.discard(i)
                new_left.discard(candidates[0])
    pairs.extend((i, None, None) for i in sorted(old_left))
    pairs.extend((None, j, None) for j in sorted(new_left))
    return pairs


def _alternatives(designation: str) -> list[tuple[str, ...]]:
    """A designation's names: the whole, and each part SIPRI separates with '/' ('HQ-2/CSA-1')."""
    names = [name_tokens(designation)]
    parts = [p for p in designation.split("/") if len(p.strip()) >= 2]
    if len(parts) > 1:
        names.extend(name_tokens(p) for p in parts)
    return [n for n in names if n]


def _same(a: pd.Series, b: pd.Series, columns: tuple[str, ...]) -> bool:
    for column in columns:
        x, y = a.get(column), b.get(column)
        if pd.isna(x) and pd.isna(y):
            continue
        if pd.isna(x) or pd.isna(y) or x != y:
            return False
    return True


def _could_not_appear(row: pd.Series, scope: ReleaseScope) -> bool:
    """Whether a deal could not be in a release whose exports hold no undelivered deal."""
    if scope.holds_undelivered:
        return False
    first = row.get("first_delivery_year")
    if pd.isna(first) or int(row.get("units_delivered") or 0) == 0:
        return True
    return scope.last_year is not None and int(first) > scope.last_year


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
            o, n = old.loc[i], new.loc[j]
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
                None if pd.isna(n["order_year"]) else int(n["order_year"]), how, tuple(fields),
                "designation relabelled by SIPRI" if relabelled else None,
                str(o["deal_id"]), str(n["deal_id"]),
            ))
        elif j is not None:
            n = new.loc[j]
            if _could_not_appear(n, old_scope):
                kind, reason = "not_comparable", (
                    f"absent from release {old_info.label} because its exports hold no deal "
                    f"without deliveries and this deal had none up to {old_scope.last_year}")
            else:
                kind, reason = "added", None
            changes.append(DealChange(
                kind, str(n["supplier"]), str(n["recipient"]), str(n["supplier_id"]),
                str(n["recipient_id"]), str(n["designation"]), None, str(n["designation"]),
                None if pd.isna(n["order_year"]) else int(n["order_year"]), None, (), reason,
                None, str(n["deal_id"]),
            ))
        elif i is not None:
            o = old.loc[i]
            if _could_not_appear(o, new_scope):
                kind, reason = "not_comparable", (
                    f"absent from release {new_info.label} because its exports hold no deal "
                    "without deliveries")
            else:
                kind, reason = "removed", None
            changes.append(DealChange(
                kind, str(o["supplier"]), str(o["recipient"]), str(o["supplier_id"]),
                str(o["recipient_id"]), str(o["designation"]), str(o["designation"]), None,
                None if pd.isna(o["order_year"]) else int(o["order_year"]), None, (), reason,
                str(o["deal_id"]), None,
            ))
    changes.sort(key=lambda c: (c.supplier, c.recipient, c.order_year or 0, c.designation))
    counts = {kind: sum(1 for c in changes if c.change == kind) for kind in CHANGES}
    return DiffResult(old_info.label, new_info.label, (old_scope, new_scope), tuple(changes), counts)
