"""Arms embargoes: `reference/embargoes.csv`, a reviewed file we author, one row per embargo
(imposed_by, target, start, end, scope, source). An empty end means in force. Each row carries
the public page it comes from (SIPRI's arms embargo archive, the UN resolution, the EU act)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

import pandas as pd

from etl.entities import EntityResolver

EMBARGOES_FILE = "embargoes.csv"
COLUMNS = ("imposed_by", "target", "start", "end", "scope", "source")
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_date(text: str, end: bool = False) -> date:
    """'1989-06-27', '2009-10' or '1992' as a date (a year or month alone: its first day, or its
    last where `end`); ValueError on anything else."""
    found = _DATE.fullmatch(text.strip())
    if not found:
        raise ValueError(f"'{text}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = found.groups()
    if month is None:
        return date(int(year), 12, 31) if end else date(int(year), 1, 1)
    if day is None:
        if not end:
            return date(int(year), int(month), 1)
        following = date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(int(year), int(month), int(day))


@dataclass(frozen=True)
class Embargo:
    imposed_by: str
    target: str
    target_id: str
    start: date
    end: date | None
    start_text: str
    end_text: str
    scope: str
    source: str

    @property
    def voluntary(self) -> bool:
        return self.scope.casefold().startswith("voluntary")

    def label(self) -> str:
        """'EU arms embargo on China', 'OSCE voluntary arms embargo on Azerbaijan'."""
        kind = "voluntary arms embargo" if self.voluntary else "arms embargo"
        return f"{self.imposed_by} {kind} on {self.target}"

    def span_text(self) -> str:
        """'in force since 1989' or '1990-2004'."""
        if self.end is None:
            return f"in force since {self.start.year}"
        return f"{self.start.year}-{self.end.year}" if self.end.year != self.start.year else str(self.start.year)

    def years(self) -> tuple[int, int | None]:
        return self.start.year, None if self.end is None else self.end.year

    def in_force(self, from_year: int, to_year: int) -> bool:
        """Whether the embargo was in force in any part of the years from_year..to_year."""
        last = self.end.year if self.end else 10**4
        return self.start.year <= to_year and from_year <= last


def read_embargo_frame() -> pd.DataFrame:
    source = resources.files("etl") / "reference" / EMBARGOES_FILE
    with source.open("rb") as handle:
        frame = pd.read_csv(handle, dtype="str", keep_default_na=False, encoding="utf-8")
    if tuple(frame.columns) != COLUMNS:
        raise ValueError(f"etl/reference/{EMBARGOES_FILE}, line 1: the header must be {','.join(COLUMNS)}")
    return frame


@functools.cache
def load_embargoes() -> tuple[Embargo, ...]:
    """Every embargo of the reviewed file, its target resolved to our entity."""
    resolver = EntityResolver()
    out = []
    for row in read_embargo_frame().itertuples(index=False):
        out.append(Embargo(
            imposed_by=row.imposed_by, target=row.target, target_id=resolver.resolve(row.target),
            start=parse_date(row.start), end=parse_date(row.end, end=True) if row.end else None,
            start_text=row.start, end_text=row.end, scope=row.scope, source=row.source,
        ))
    return tuple(out)


def embargoes_for(entity_ids: tuple[str, ...] | list[str], from_year: int, to_year: int) -> list[Embargo]:
    """The embargoes on any of `entity_ids` in force in some of the years from_year..to_year."""
    wanted = set(entity_ids)
    return [e for e in load_embargoes() if e.target_id in wanted and e.in_force(from_year, to_year)]
