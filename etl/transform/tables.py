"""What the transforms take and give: a read export with its name, a release's tables.

The tables' columns, dtypes and vocabularies are declared once, in `etl.schemas`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from etl.formats.export import RawExport


@dataclass
class SourceExport:
    """A read export with the name it is reported under."""

    name: str
    export: RawExport


@dataclass
class ReleaseTables:
    """The tidy tables of one release, and what was reported instead of stored."""

    deals: pd.DataFrame
    deliveries: pd.DataFrame
    tiv_totals: pd.DataFrame
    reports: pd.DataFrame  # source_file, source_line, reason
    entities: pd.DataFrame  # every entity the release names: id, name, type, ISO3
    stored: dict[str, int] = field(default_factory=dict)  # file name -> records stored
    link: dict[str, object] = field(default_factory=dict)
    unclassified: list[str] = field(default_factory=list)
