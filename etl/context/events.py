"""What happened to some entities in some years: armed conflicts (UCDP/PRIO) and arms embargoes,
as plain events that a chart, a brief or a verdict can use. The only reader of the context data.

    context_events(("china", "pakistan"), 1990, 2023, store_root) -> ContextEvents
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.context import embargoes as emb
from etl.context import ucdp
from etl.errors import StoreError
from etl.store import Store

# Kinds a chart can switch on and off.
INTERSTATE = "interstate"
INTERNAL = "internal"
EMBARGOES = "embargoes"
KINDS = (INTERSTATE, INTERNAL, EMBARGOES)
SHIPPED_FROM = "UcdpPrioConflict_v24_1.csv"
SHIPPED_SHA256 = "07154da122e0eb77f91839bba8a8f62b61faf68b33df9c650c9e8a509df90d41"


@dataclass(frozen=True)
class ContextEvent:
    """One band: a conflict at one intensity, or one embargo, over the years it covers."""

    kind: str  # INTERSTATE, INTERNAL or EMBARGOES
    key: str  # stable: 'ucdp-218-1', 'embargo-eu-china-1989-06-27'
    label: str  # the legend's words: 'interstate conflict India-Pakistan, 25-999 deaths'
    years: tuple[int, ...]  # every year of the band inside the span asked for, ascending
    entity_ids: tuple[str, ...]  # the asked-for entities it touches
    source: str  # where it comes from: UCDP's dataset, or the embargo's page
    detail: str = ""  # one more line for the hover (an embargo's scope)
    conflict_id: int | None = None
    intensity_level: int | None = None
    start: str | None = None  # an embargo's exact dates, as the file gives them
    end: str | None = None

    def spans(self) -> list[tuple[int, int]]:
        """The years as runs of consecutive years: (1984, 1984), (1987, 1987), (1989, 1992)."""
        runs: list[tuple[int, int]] = []
        for year in self.years:
            if runs and runs[-1][1] == year - 1:
                runs[-1] = (runs[-1][0], year)
            else:
                runs.append((year, year))
        return runs


@dataclass(frozen=True)
class ContextEvents:
    events: tuple[ContextEvent, ...]
    conflicts_credit: str  # the UCDP credit with the table's origin
    conflicts_citation: str = ucdp.CITATION
    notes: tuple[str, ...] = field(default_factory=tuple)

    def of_kind(self, *kinds: str) -> list[ContextEvent]:
        return [e for e in self.events if e.kind in kinds]


@dataclass(frozen=True)
class ConflictSource:
    frame: pd.DataFrame
    credit: str

    # A pair's events, per (entities, years): every view of the pair asks for the same ones, and
    # grouping its conflicts took 15-20 ms a request for India or Russia. Bounded; events are frozen.
    memo: dict[tuple[tuple[str, ...], int, int], tuple[ContextEvent, ...]] = field(
        default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def primary_rows(self) -> dict[str, pd.DataFrame]:
        """Each entity's rows as a primary side (side_a or side_b), split once per source: a
        request then filters a few dozen rows, not the whole table."""
        rows = self.frame[self.frame["role"].isin(ucdp.PRIMARY_ROLES)]
        return {str(entity): group for entity, group in rows.groupby("entity_id", sort=False)}


@functools.lru_cache(maxsize=8)
def _stored(root: str, path: str, name: str, version: str | None, added: str) -> ConflictSource:
    store = Store(root)
    entry = store.context_entry(ucdp.SOURCE_KEY)
    frame = store.context_table(entry or {"path": path, "key": ucdp.SOURCE_KEY}, "conflict_years")
    credit = f"{ucdp.CREDIT} {version or '(version unknown)'}, CC BY 4.0 ({name}, ingested {added[:10]})"
    return ConflictSource(frame, credit)


@functools.cache
def _shipped() -> ConflictSource:
    credit = f"{ucdp.CREDIT} 24.1, CC BY 4.0 (the table shipped with this tool)"
    return ConflictSource(ucdp.shipped_conflict_years(), credit)


def conflict_source(store_root: str | Path | None) -> ConflictSource:
    """The conflict-years of the store's ingested UCDP file, else the table shipped with the tool."""
    if store_root is not None:
        try:
            entry = Store(store_root).context_entry(ucdp.SOURCE_KEY)
        except StoreError:
            entry = None
        if entry is not None:
            return _stored(str(store_root), str(entry["path"]), str(entry.get("name")),
                           entry.get("version"), str(entry.get("added_at") or ""))
    return _shipped()


def _kind_of(type_of_conflict: int) -> str:
    return INTERSTATE if int(type_of_conflict) == 2 else INTERNAL


def conflict_events(
    entity_ids: tuple[str, ...], from_year: int, to_year: int, source: ConflictSource
) -> list[ContextEvent]:
    """The conflicts in which any of the entities was a primary side (side_a or side_b), one
    event per conflict and intensity, with the years inside from_year..to_year."""
    key = (tuple(dict.fromkeys(entity_ids)), int(from_year), int(to_year))
    found = source.memo.get(key)
    if found is None:
        found = tuple(_conflict_events(key[0], from_year, to_year, source))
        if len(source.memo) >= MEMO_SIZE:
            source.memo.clear()
        source.memo[key] = found
    return list(found)


MEMO_SIZE = 2048


def _conflict_events(
    entity_ids: tuple[str, ...], from_year: int, to_year: int, source: ConflictSource
) -> list[ContextEvent]:
    parts = [source.primary_rows[e] for e in dict.fromkeys(entity_ids) if e in source.primary_rows]
    if not parts:
        return []
    rows = pd.concat(parts) if len(parts) > 1 else parts[0]
    rows = rows[rows["year"].between(from_year, to_year)]
    events = []
    for (conflict_id, intensity), group in rows.groupby(["conflict_id", "intensity_level"], sort=True):
        first = group.iloc[0]
        kind = _kind_of(int(first["type_of_conflict"]))
        type_words = ucdp.CONFLICT_TYPES.get(int(first["type_of_conflict"]), "armed conflict")
        label = f"{type_words} {first['conflict_name']}, {ucdp.INTENSITY_LABELS.get(int(intensity), '')}".rstrip(", ")
        events.append(ContextEvent(
            kind=kind, key=f"ucdp-{int(conflict_id)}-{int(intensity)}", label=label,
            years=tuple(sorted(set(int(y) for y in group["year"]))),
            entity_ids=tuple(sorted(set(group["entity_id"]))),
            source=f"UCDP/PRIO conflict {int(conflict_id)}", conflict_id=int(conflict_id),
            intensity_level=int(intensity),
        ))
    return events


def embargo_events(entity_ids: tuple[str, ...], from_year: int, to_year: int) -> list[ContextEvent]:
    """The embargoes on any of the entities in force in some of the years."""
    events = []
    for e in emb.embargoes_for(entity_ids, from_year, to_year):
        first = max(e.start.year, from_year)
        last = min(e.end.year if e.end else to_year, to_year)
        events.append(ContextEvent(
            kind=EMBARGOES, key=f"embargo-{e.imposed_by.lower()}-{e.target_id}-{e.start_text}",
            label=e.label(), years=tuple(range(first, last + 1)), entity_ids=(e.target_id,),
            source=e.source,
            detail=(f"{e.start_text} to {e.end_text}" if e.end_text else f"since {e.start_text}, in force") + f": {e.scope}",
            start=e.start_text, end=e.end_text or None,
        ))
    return events


def context_events(
    entity_ids: tuple[str, ...] | list[str], from_year: int, to_year: int,
    store_root: str | Path | None = None, kinds: tuple[str, ...] = KINDS,
) -> ContextEvents:
    """Conflicts and embargoes of the entities in from_year..to_year, the kinds asked for."""
    ids = tuple(dict.fromkeys(entity_ids))
    source = conflict_source(store_root)
    events: list[ContextEvent] = []
    if INTERSTATE in kinds or INTERNAL in kinds:
        events += [e for e in conflict_events(ids, from_year, to_year, source) if e.kind in kinds]
    if EMBARGOES in kinds:
        events += embargo_events(ids, from_year, to_year)
    return ContextEvents(tuple(events), source.credit)


def embargo_notes(
    supplier_ids: tuple[str, ...], recipient_ids: tuple[str, ...], from_year: int, to_year: int,
) -> list[str]:
    """A sentence per embargo on a side of the pair in force in some of the years: 'EU arms
    embargo on China in force since 1989 (source https://...)'. An embargo on the recipient
    restricts arms to it; one on the supplier may or may not restrict arms from it (its scope
    says), so the sentence names the side and quotes the scope."""
    out = []
    for e in emb.embargoes_for(tuple(supplier_ids) + tuple(recipient_ids), from_year, to_year):
        side = "the recipient" if e.target_id in recipient_ids else "the supplier"
        out.append(f"{e.label()} {e.span_text()}, on {side} ({e.scope}; source {e.source}).")
    return out
