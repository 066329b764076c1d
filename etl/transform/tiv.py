"""SIPRI's TIV tables (entity x year) -> cells, with entity ids and world totals."""

from __future__ import annotations

import pandas as pd

from etl.schemas import WORLD_TOTAL_ID
from etl.transform.cells import Rejects, clean, numbers, only
from etl.transform.tables import SourceExport


def tiv_totals(source: SourceExport, release: str, rejects: Rejects) -> pd.DataFrame:
    """Cells of a SIPRI TIV table: entity x year, the value (NA where empty) and the cell as written."""
    raw = source.export.frame
    value, reason = numbers(raw["cell"], "a TIV cell", integer=False)
    bad = reason != ""
    if bad.any():
        lines = raw.loc[bad, "source_line"]
        rejects.add(source.name, lines.drop_duplicates(), reason[bad].groupby(lines).first())
    keep_lines = set(raw.loc[bad, "source_line"])
    keep = ~raw["source_line"].isin(keep_lines)
    return pd.DataFrame(
        {
            "release": release,
            "direction": source.export.tiv_direction or "",
            "entity": clean(raw["entity"]),
            "year": raw["year"].astype("int64"),
            "tiv_m": value,
            "cell": raw["cell"].astype("str"),
            "source_file": source.name,
            "source_line": raw["source_line"].astype("int64"),
        }
    ).pipe(only, keep)


def dedupe_tiv_cells(cells: pd.DataFrame, rejects: Rejects) -> pd.DataFrame:
    """One cell per direction, entity and year: a TIV table given twice (re-saved, renamed) is
    stored once; a row none of whose cells is kept is reported, naming where they are kept."""
    key = ["direction", "entity", "year"]
    # the first kept: a later copy of a table must not change the figures already cited
    repeated = cells.duplicated(key, keep="first")
    if not repeated.any():
        return cells
    kept = cells[~repeated]
    lines = ["source_file", "source_line"]
    left = cells[lines].drop_duplicates().merge(kept[lines].drop_duplicates(), how="left", indicator=True)
    gone = left[left["_merge"] == "left_only"]
    where = kept.drop_duplicates(["direction", "entity"]).set_index(["direction", "entity"])[lines]
    first = cells.drop_duplicates(lines).set_index(lines)[["direction", "entity"]]
    for name, line in gone[lines].itertuples(index=False):
        direction, entity = first.loc[(name, line)]
        kfile, kline = where.loc[(direction, entity)]
        rejects.rows.append(
            (name, int(line), f"same TIV table cells as {kfile} line {kline}, kept there")
        )
    return only(cells, ~repeated)


def is_world_total(names: pd.Series) -> pd.Series:
    """TIV table rows that total the world ('Total world import', 'Total world export')."""
    return names.str.strip().str.lower().str.startswith("total world")


def with_entity_ids(cells: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """TIV table cells with entity_id: the mapped entity, or WORLD_TOTAL_ID for world totals."""
    world = is_world_total(cells["entity"])
    return cells.assign(
        entity_id=cells["entity"].map(mapping).where(~world, WORLD_TOTAL_ID).astype("str")
    )
