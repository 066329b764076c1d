"""Raw export frames -> the store's tidy tables (pure functions, no I/O), one module per layout.

| module | what it holds |
|---|---|
| `tables.py` | `SourceExport`, `ReleaseTables` (columns, dtypes and vocabularies: `etl.schemas`) |
| `cells.py` | cell parsing shared by every layout (numbers, flags, statuses, year cells) and `Rejects` |
| `classic.py`, `delivery.py`, `tiv.py` | one SIPRI layout each: its export -> its rows |
| `link.py` | classic deals matched one to one with the delivery-level deals of the same release |
| `allocate.py` | deal x year rows: SIPRI's split, or ours spread evenly |
| `release.py` | `READERS` (layout -> transform) and `build_release` |
"""

from etl.transform.link import LinkReport, link_release
from etl.transform.release import READERS, build_release, release_entities
from etl.transform.tables import ReleaseTables, SourceExport
from etl.transform.tiv import is_world_total, tiv_totals, with_entity_ids

__all__ = [
    "READERS", "LinkReport", "ReleaseTables", "SourceExport", "build_release", "is_world_total", "link_release",
    "release_entities", "tiv_totals", "with_entity_ids",
]
