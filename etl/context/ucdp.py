"""The UCDP/PRIO Armed Conflict Dataset as context: read the release CSV, resolve its governments
to our entities, derive conflict-years per entity.

Load inputs (the CSV's bytes, `reference/ucdp_entities.csv`) / process (`conflict_years`) / save
(the store's context table at ingest, or `reference/ucdp_conflict_years.csv` with `--derive`).
UCDP publishes the dataset under CC BY 4.0, so the derived table ships with the project: a fresh
install shows conflicts without any download. It is never mixed with SIPRI's figures.

    python -m etl.context.ucdp --derive [--input UcdpPrioConflict_v24_1.csv] [--output PATH]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from etl.entities import EntityResolver
from etl.errors import InputFileError

SOURCE_KEY = "ucdp_conflicts"
LAYOUT_UCDP = "ucdp_conflicts"
MAPPING_FILE = "ucdp_entities.csv"
DERIVED_FILE = "ucdp_conflict_years.csv"
MAPPING_COLUMNS = ("gwno", "ucdp_name", "entity_id", "from_year", "to_year", "note")
# The columns the derivation reads: a header holding them all is UCDP's file, whatever its order.
REQUIRED_COLUMNS = (
    "conflict_id", "location", "side_a", "side_a_2nd", "side_b", "side_b_2nd", "incompatibility",
    "territory_name", "year", "intensity_level", "type_of_conflict", "gwno_a", "gwno_a_2nd",
    "gwno_b", "gwno_b_2nd",
)
# (name column, Gleditsch-Ward code column, role in the derived table)
SIDES = (
    ("side_a", "gwno_a", "side_a"),
    ("side_b", "gwno_b", "side_b"),
    ("side_a_2nd", "gwno_a_2nd", "side_a_2nd"),
    ("side_b_2nd", "gwno_b_2nd", "side_b_2nd"),
)
PRIMARY_ROLES = ("side_a", "side_b")
DERIVED_COLUMNS = (
    "entity_id", "conflict_id", "conflict_name", "side_a", "side_b", "role", "year",
    "intensity_level", "type_of_conflict",
)
GOVERNMENT = "Government of "
CONFLICT_TYPES = {
    1: "extrasystemic conflict",
    2: "interstate conflict",
    3: "internal conflict",
    4: "internationalised internal conflict",
}
INTENSITY_LABELS = {1: "25-999 deaths", 2: "1,000+ deaths"}

PRODUCER = "Uppsala Conflict Data Program (UCDP) and Peace Research Institute Oslo (PRIO)"
DATASET = "UCDP/PRIO Armed Conflict Dataset"
URL = "https://ucdp.uu.se/downloads/"
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
CITATION = (
    "Gleditsch, Nils Petter, Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard "
    "Strand (2002) Armed Conflict 1946-2001: A New Dataset. Journal of Peace Research 39(5); "
    "Davies, Shawn, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989-2023, and "
    "the prevalence of organized crime groups. Journal of Peace Research 61(4)."
)
CREDIT = "conflicts: UCDP/PRIO Armed Conflict Dataset"
_VERSION = re.compile(r"v(\d+)[_.](\d+)", re.IGNORECASE)


def _split(cell: str) -> list[str]:
    """UCDP writes several actors or codes in one cell, separated by ', '."""
    return [part.strip() for part in str(cell).split(",") if part.strip()]


def header_of(data: bytes) -> list[str]:
    """The first line's cells (UTF-8, a BOM allowed); [] where it is not text."""
    first = data[:4096].split(b"\n", 1)[0]
    try:
        text = first.decode("utf-8-sig").strip("\r")
    except UnicodeDecodeError:
        return []
    try:
        return [c.strip().casefold() for c in next(csv.reader([text]), [])]
    except csv.Error:  # a carriage return inside the line: not UCDP's file (its reader says why)
        return []


def is_ucdp_file(data: bytes) -> bool:
    """Whether `data` is UCDP/PRIO's conflict CSV, by its header (never by its name)."""
    return set(REQUIRED_COLUMNS) <= set(header_of(data))


def version_of(name: str) -> str | None:
    """'24.1' from a name such as UcdpPrioConflict_v24_1.csv; None when the name does not say."""
    found = _VERSION.search(name)
    return f"{found.group(1)}.{found.group(2)}" if found else None


def read_conflicts(data: bytes, name: str) -> pd.DataFrame:
    """UCDP's rows as strings, with each row's line in the file (`source_line`)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(name, "looks like UCDP's conflict CSV but is not UTF-8 text") from None
    try:
        frame = pd.read_csv(io.StringIO(text), dtype="str", keep_default_na=False)
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputFileError(name, f"looks like UCDP's conflict CSV but cannot be read ({exc})") from None
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    frame["source_line"] = range(2, len(frame) + 2)
    for column in ("year", "intensity_level", "type_of_conflict"):
        bad = frame[~frame[column].str.fullmatch(r"\d+")]
        if len(bad):
            row = bad.iloc[0]
            raise InputFileError(
                name, f"its {column} '{row[column]}' is not a whole number", line=int(row["source_line"])
            )
    return frame


@dataclass(frozen=True)
class MappingRow:
    gwno: str
    ucdp_name: str
    entity_id: str
    from_year: int | None
    to_year: int | None


def load_mapping() -> list[MappingRow]:
    """The reviewed mapping of UCDP's governments (Gleditsch-Ward code, name, years) to entities."""
    source = resources.files("etl") / "reference" / MAPPING_FILE
    with source.open("rb") as handle:
        frame = pd.read_csv(handle, dtype="str", keep_default_na=False, encoding="utf-8")
    if tuple(frame.columns) != MAPPING_COLUMNS:
        raise ValueError(f"etl/reference/{MAPPING_FILE}, line 1: the header must be {','.join(MAPPING_COLUMNS)}")
    return [
        MappingRow(r.gwno, r.ucdp_name, r.entity_id, int(r.from_year) if r.from_year else None,
                   int(r.to_year) if r.to_year else None)
        for r in frame.itertuples(index=False)
    ]


@dataclass
class ConflictYears:
    """The derived table and what could not be resolved (sentences, for the ingest report)."""

    frame: pd.DataFrame
    unmapped: list[str] = field(default_factory=list)
    rows_read: int = 0


def _lookup(mapping: Sequence[MappingRow]) -> dict[str, list[MappingRow]]:
    out: dict[str, list[MappingRow]] = {}
    for row in mapping:
        out.setdefault(row.gwno, []).append(row)
    return out


def _row_for(rows: list[MappingRow], year: int) -> MappingRow | None:
    for row in rows:
        if (row.from_year is None or row.from_year <= year) and (row.to_year is None or year <= row.to_year):
            return row
    return None


def _short(name: str) -> str:
    """'Government of Russia (Soviet Union)' -> 'Russia (Soviet Union)'."""
    return name[len(GOVERNMENT):] if name.startswith(GOVERNMENT) else name


def conflict_years(
    conflicts: pd.DataFrame, mapping: Sequence[MappingRow] | None = None, resolver: EntityResolver | None = None
) -> ConflictYears:
    """One row per entity, conflict, year and role, for every government side UCDP names.

    Sides that are not governments (rebel groups) have no code and are not entities here. A
    Gleditsch-Ward code or a "Government of X" name the mapping does not hold is reported, as is
    a code the review left unmapped; neither is dropped silently.
    """
    mapping = load_mapping() if mapping is None else mapping
    resolver = resolver or EntityResolver()
    by_code = _lookup(mapping)
    known_names = {row.ucdp_name for row in mapping}
    problems: dict[str, list[str]] = {}

    def report(key: str, where: str) -> None:
        problems.setdefault(key, []).append(where)

    records: list[dict[str, object]] = []
    for row in conflicts.to_dict("records"):
        year = int(row["year"])
        where = f"line {row['source_line']} (conflict {row['conflict_id']}, {year})"
        for name_column, code_column, role in SIDES:
            names = [n for n in _split(row[name_column]) if n.startswith(GOVERNMENT)]
            for name in names:
                if name not in known_names:
                    report(f"government '{name}' is not in etl/reference/{MAPPING_FILE}", where)
            for code in _split(row[code_column]):
                match = _row_for(by_code.get(code, []), year)
                if match is None:
                    report(f"Gleditsch-Ward code {code} ({code_column}) is not in etl/reference/{MAPPING_FILE} for {year}", where)
                    continue
                if not match.entity_id:
                    report(f"'{match.ucdp_name}' (code {code}) in {year} is mapped to no entity, by review", where)
                    continue
                if names and match.ucdp_name not in names:
                    report(f"code {code} is '{match.ucdp_name}' in the mapping but the row's {name_column} "
                           f"names {', '.join(names)}", where)
                records.append({"entity_id": match.entity_id, "conflict_id": int(row["conflict_id"]),
                                "conflict_name": "", "side_a": row["side_a"], "side_b": row["side_b"],
                                "role": role, "year": year, "intensity_level": int(row["intensity_level"]),
                                "type_of_conflict": int(row["type_of_conflict"])})
    out = pd.DataFrame.from_records(records, columns=list(DERIVED_COLUMNS))
    conflict_names = _conflict_names(conflicts, by_code, resolver)
    out["conflict_name"] = [conflict_names[int(c)] for c in out["conflict_id"]]
    out = out.drop_duplicates(["entity_id", "conflict_id", "year", "role"])
    out = out.sort_values(["entity_id", "conflict_id", "year", "role"], kind="stable").reset_index(drop=True)
    out = out.astype({"conflict_id": "int64", "year": "int64", "intensity_level": "int64", "type_of_conflict": "int64"})
    unmapped = [
        f"{key}: {len(wheres)} row(s), first at {wheres[0]}" for key, wheres in sorted(problems.items())
    ]
    return ConflictYears(out, unmapped, len(conflicts))


def _conflict_names(
    conflicts: pd.DataFrame, by_code: dict[str, list[MappingRow]], resolver: EntityResolver
) -> dict[int, str]:
    """A short name per conflict from its latest year: 'India-Pakistan' for two states,
    'Pakistan vs TTP' (and the territory, where fought over one) for a government and a group."""
    names: dict[int, str] = {}
    latest = conflicts.assign(_y=conflicts["year"].astype("int64")).sort_values("_y").groupby("conflict_id").tail(1)
    for row in latest.to_dict("records"):
        year = int(row["year"])

        def side(name_column: str, code_column: str, row: dict[str, object] = row, year: int = year) -> str:
            shown = []
            for code in _split(str(row[code_column])):
                match = _row_for(by_code.get(code, []), year)
                if match is not None and match.entity_id:
                    shown.append(resolver.display_name(match.entity_id))
                elif match is not None:
                    shown.append(_short(match.ucdp_name))
            return "-".join(shown) if shown else ", ".join(_short(n) for n in _split(str(row[name_column])))

        a, b = side("side_a", "gwno_a"), side("side_b", "gwno_b")
        if int(row["type_of_conflict"]) == 2:
            name = f"{a}-{b}"
        else:
            groups = _split(str(row["side_b"]))
            b = ", ".join(groups[:2]) + (f" and {len(groups) - 2} more" if len(groups) > 2 else "")
            name = f"{a} vs {b}"
            if str(row["territory_name"]).strip():
                name += f" ({str(row['territory_name']).strip()})"
        names[int(row["conflict_id"])] = name
    return names


def derived_table_path() -> Path:
    return Path(str(resources.files("etl") / "reference" / DERIVED_FILE))


def shipped_conflict_years() -> pd.DataFrame:
    """The derived table that ships with the project (`reference/ucdp_conflict_years.csv`): the
    conflict-years in which an entity is a primary side, the rows the charts and verdicts read."""
    source = resources.files("etl") / "reference" / DERIVED_FILE
    with source.open("rb") as handle:
        frame = pd.read_csv(handle, dtype={"entity_id": "str", "conflict_name": "str", "side_a": "str",
                                           "side_b": "str", "role": "str"},
                            keep_default_na=False, encoding="utf-8")
    return frame.astype({"conflict_id": "int64", "year": "int64", "intensity_level": "int64",
                         "type_of_conflict": "int64"})


def provenance(name: str, sha256: str, rows: int, origin: str) -> dict[str, object]:
    """The context source's manifest entry: producer, dataset, version, address, licence, citation."""
    return {"producer": PRODUCER, "dataset": DATASET, "version": version_of(name), "url": URL,
            "licence": LICENCE, "citation": CITATION, "name": name, "sha256": sha256,
            "records_read": rows, "origin": origin}


def main(argv: Sequence[str] | None = None) -> int:
    """`--derive`: write the shipped table from UCDP's CSV; print what did not map."""
    parser = argparse.ArgumentParser(prog="python -m etl.context.ucdp", description=__doc__.splitlines()[0])
    parser.add_argument("--derive", action="store_true", help="write the derived conflict-years table")
    parser.add_argument("--input", default="../shared/context/UcdpPrioConflict_v24_1.csv")
    parser.add_argument("--output", default=str(derived_table_path()))
    args = parser.parse_args(argv)
    if not args.derive:
        parser.print_help()
        return 2
    data = Path(args.input).read_bytes()
    if not is_ucdp_file(data):
        print(f"{args.input}: its header is not UCDP/PRIO's conflict CSV", file=sys.stderr)
        return 2
    derived = conflict_years(read_conflicts(data, args.input))
    # Shipped: the rows the charts and verdicts read (a government as a primary side); the
    # supporting sides (side_a_2nd, side_b_2nd) stay in the table an ingest of UCDP's file stores.
    shipped = derived.frame[derived.frame["role"].isin(PRIMARY_ROLES)]
    shipped.to_csv(args.output, index=False, lineterminator="\n")
    print(f"{args.output}: {len(shipped)} entity conflict-years (primary sides) from {derived.rows_read} rows of "
          f"{args.input} (sha256 {hashlib.sha256(data).hexdigest()[:12]})")
    for line in derived.unmapped:
        print(f"  not mapped: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
