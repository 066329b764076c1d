"""Build full-size synthetic releases from the shared SIPRI subsets (never committed).

SIPRI's full registers hold about 30,000 deals and 61,000 delivery rows; the shared files are
~7.5% subsets. This replicates the subset rows under new deal ids, giving each copy other
recipients (a rotation through SIPRI's own state names) so pairs stay as varied as in the real
database. Files are written in SIPRI's own layouts (preamble, Latin-1), so ingest reads them
exactly as it reads SIPRI's exports.

    python benchmarks/make_fullsize.py [--out benchmarks/out/fullsize] [--deals 30000]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from etl.formats.text import split_lines  # noqa: E402

SHARED = REPO.parent / "shared" / "sipri"
CLASSIC = {
    "2024": "trade-register_2024-10-13.subset.csv",
    "2025": "trade-register_2025-03-13.subset.csv",
    "2026": "trade-register_2026-05-18.subset.csv",
}
DELIVERY_2024 = (
    "delivery-rows_2024-04-16_1950-1989.subset.csv",
    "delivery-rows_2024-04-13_1990-2023.subset.csv",
)
KEEP = {"India", "Pakistan", "Turkiye"}


def _state_names() -> list[str]:
    import pandas as pd

    names = pd.read_csv(REPO / "etl" / "reference" / "sipri_names.csv")
    ents = pd.read_csv(REPO / "etl" / "reference" / "entities.csv")
    states = set(ents.loc[ents["entity_type"] == "state", "entity_id"])
    picked = names[names["entity_id"].isin(states)].drop_duplicates("entity_id")["sipri_name"]
    return sorted(n for n in picked if n not in KEEP)


def _split(path: Path, header_index: int) -> tuple[list[str], list[str]]:
    text = path.read_bytes().decode("latin-1")
    lines = split_lines(text)
    return lines[: header_index + 1], lines[header_index + 1 :]


def _rename(name: str, copy: int, states: list[str]) -> str:
    """The recipient (or supplier) of copy `copy`: the three subset countries keep their place
    on one side, the other side rotates through SIPRI's states."""
    if copy == 0 or name in KEEP:
        return name
    return states[(zlib.crc32(name.encode()) % 997 + copy * 7) % len(states)]


def _classic_copy(r: list[str], copy: int, states: list[str]) -> list[str]:
    """A classic register's deal in copy `copy` (other lines, such as SIPRI's broken records, as they are)."""
    if len(r) != 16:
        return r
    if r[0] in KEEP:
        r[1] = _rename(r[1], copy, states)
    else:
        r[0] = _rename(r[0], copy, states)
    r[6] = f"{r[6]} #{copy}"
    return r


def _delivery_copy(r: list[str], copy: int, states: list[str]) -> list[str]:
    """A delivery-level row in copy `copy`: its deal id moved out of the subset's range."""
    r[0] = str(int(r[0]) + copy * 1_000_000)
    if r[2] in KEEP:
        r[1] = _rename(r[1], copy, states)
    else:
        r[2] = _rename(r[2], copy, states)
    r[3] = f"{r[3]} #{copy}"
    return r


def _write_copies(target: Path, head: list[str], records: list[list[str]], copies: int,
                  copy_of: Callable[[list[str], int], list[str]]) -> Path:
    """`target`: the file's preamble and `copies` copies of its records (the first as it is), in Latin-1."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for copy in range(copies):
        for r in records:
            w.writerow(copy_of(list(r), copy) if copy else r)
    target.write_bytes(("\n".join(head) + "\n" + buf.getvalue()).encode("latin-1", errors="replace"))
    return target


def build(out: Path, target_deals: int) -> dict[str, list[Path]]:
    """Write the full-size files; returns release label -> files."""
    out.mkdir(parents=True, exist_ok=True)
    states = _state_names()
    written: dict[str, list[Path]] = {}
    for label, name in CLASSIC.items():
        head, body = _split(SHARED / name, 11)
        records = list(csv.reader(body))
        # rejoin nothing here: copies keep SIPRI's broken records as they are (ingest rejoins)
        copies = max(1, round(target_deals / max(1, sum(1 for r in records if len(r) == 16))))
        written[label] = [_write_copies(out / f"fullsize-{name.replace('.subset', '')}", head, records, copies,
                                        lambda r, copy: _classic_copy(r, copy, states))]
        if label == "2024":
            for dname in DELIVERY_2024:
                dhead, dbody = _split(SHARED / dname, 11)
                written[label].append(_write_copies(
                    out / f"fullsize-{dname.replace('.subset', '')}", dhead, list(csv.reader(dbody)), copies,
                    lambda r, copy: _delivery_copy(r, copy, states)))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "out" / "fullsize")
    parser.add_argument("--deals", type=int, default=30_000)
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"the shared SIPRI files are not at {SHARED}; cannot build full-size data")
    for label, files in build(args.out, args.deals).items():
        for f in files:
            print(f"release {label}: {f} ({f.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
