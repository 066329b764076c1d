"""Recognise a SIPRI export from its content and read it into a raw frame (strings, no cleaning)."""

from __future__ import annotations

import base64
import binascii
import csv
import json
import re
from dataclasses import dataclass, field

import pandas as pd

from etl.errors import InputFileError
from etl.formats.columns import (
    CLASSIC_COLUMNS,
    CLASSIC_FLAGGED,
    CLASSIC_OPTIONAL,
    DELIVERY_COLUMNS,
    match_columns,
    normalise,
    score_header,
)
from etl.formats.text import (
    Preamble,
    RecordFrame,
    absurd_word,
    decode_text,
    header_cells,
    parse_preamble,
    read_record_frame,
    read_records,
    split_lines,
    without_absurd_words,
)
from etl.schemas import LAYOUT_CLASSIC, LAYOUT_DELIVERY, LAYOUT_TIV  # noqa: F401 - the layouts' names, declared once

LAYOUT_NAMES = {
    LAYOUT_CLASSIC: "classic trade register",
    LAYOUT_DELIVERY: "delivery-level register",
    LAYOUT_TIV: "TIV table",
}
_HEADER_SEARCH_LINES = 60
_YEAR = re.compile(r"^\d{4}$")
_TIV_FIRST_CELLS = {
    "recipient": "imports",
    "imports by": "imports",
    "imports to": "imports",
    "supplier": "exports",
    "exports by": "exports",
    "exports from": "exports",
}


@dataclass
class RawExport:
    """One SIPRI export as read: its layout, preamble and records as strings with their line."""

    path: str
    layout: str
    container: str  # "csv" or "backend_json"
    preamble: Preamble
    header_line: int
    frame: pd.DataFrame
    rejected: list[tuple[int, str]] = field(default_factory=list)
    tiv_direction: str | None = None  # TIV tables: "imports" or "exports"

    @property
    def records_read(self) -> int:
        return len(self.frame) + len(self.rejected)


def read_export(data: bytes, path: str) -> RawExport:
    """The export in `data` (CSV bytes or SIPRI's backend JSON body), recognised by its content."""
    if data.lstrip()[:1] == b"{":
        inner = _backend_csv(data, path)
        export = read_export(inner, f"{path} (its 'bytes' field)")
        export.path, export.container = path, "backend_json"
        return export
    text = decode_text(data, path)
    try:
        return _read_text(text, path)
    except csv.Error as exc:
        raise InputFileError(path, f"is not a CSV file that can be read ({exc})") from None


def _read_text(text: str, path: str) -> RawExport:
    # Only the head is split into lines (to find the header); the body goes to Arrow whole.
    pieces = text.split("\n", _HEADER_SEARCH_LINES)
    head = split_lines("\n".join(pieces[:_HEADER_SEARCH_LINES]))
    layout, index = _detect(head, path)
    preamble = parse_preamble(head[:index], path)
    body = "\n".join(pieces[index + 1 :])
    header = head[index]
    if layout == LAYOUT_CLASSIC:
        return _read_classic(header, body, index, preamble, path)
    if layout == LAYOUT_DELIVERY:
        return _read_delivery(header, body, index, preamble, path)
    return _read_tiv(header, split_lines(body), index, preamble, path)


def _backend_csv(data: bytes, path: str) -> bytes:
    """The CSV bytes inside SIPRI's backend answer `{"bytes": "<base64>"}`."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputFileError(path, "starts like JSON but is not valid JSON", line=line) from None
    if not isinstance(body, dict) or "bytes" not in body:
        keys = ", ".join(sorted(body)) if isinstance(body, dict) else type(body).__name__
        raise InputFileError(
            path,
            f"is JSON without the 'bytes' field SIPRI's backend sends (found: {keys or 'nothing'})",
        )
    payload = body["bytes"]
    if not isinstance(payload, str):
        raise InputFileError(path, "its 'bytes' field is not a base64 text")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise InputFileError(path, "its 'bytes' field is not valid base64") from None


def _detect(lines: list[str], path: str) -> tuple[str, int]:
    """(layout, index of the header line), recognised from the header's content."""
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        if "," not in line:
            continue
        cells = header_cells(line)
        if score_header(cells, DELIVERY_COLUMNS) >= 12 or (
            normalise(cells[0]) == "sipri at database id" if cells else False
        ):
            return LAYOUT_DELIVERY, index
        if score_header(cells, CLASSIC_COLUMNS) >= 8:
            return LAYOUT_CLASSIC, index
        if (
            cells
            and normalise(cells[0]) in _TIV_FIRST_CELLS
            and sum(1 for c in cells if _YEAR.match(c.strip())) >= 3
        ):
            return LAYOUT_TIV, index
    raise InputFileError(
        path,
        "has no header line of a SIPRI export (looked for a classic trade register, a "
        f"delivery-level register or a TIV table in its first {_HEADER_SEARCH_LINES} lines); "
        "is it the right file?",
    )


def _frame(records: RecordFrame, positions: dict[str, int]) -> pd.DataFrame:
    frame = pd.DataFrame({name: records.frame[str(i)] for name, i in positions.items()})
    frame["source_line"] = records.lines
    return frame


def _read_classic(
    header_line: str, body: str, index: int, preamble: Preamble, path: str
) -> RawExport:
    header = header_cells(header_line)
    positions = match_columns(
        header, CLASSIC_COLUMNS, CLASSIC_OPTIONAL, path, index + 1, "classic register"
    )
    for figure, flag in CLASSIC_FLAGGED.items():
        after = positions[figure] + 1
        if after < len(header) and not header[after].strip():
            positions[flag] = after
    records = read_record_frame(
        body, index + 2, len(header), path, rejoin_column=positions["comments"]
    )
    records = without_absurd_words(records, header)
    frame = _frame(records, positions)
    for flag in CLASSIC_FLAGGED.values():
        if flag not in frame:
            frame[flag] = ""
    return RawExport(path, LAYOUT_CLASSIC, "csv", preamble, index + 1, frame, records.rejected)


def _read_delivery(
    header_line: str, body: str, index: int, preamble: Preamble, path: str
) -> RawExport:
    header = header_cells(header_line)
    positions = match_columns(
        header, DELIVERY_COLUMNS, {}, path, index + 1, "delivery-level register"
    )
    records = without_absurd_words(read_record_frame(body, index + 2, len(header), path), header)
    frame = _frame(records, positions)
    return RawExport(path, LAYOUT_DELIVERY, "csv", preamble, index + 1, frame, records.rejected)


def _read_tiv(
    header_line: str, lines: list[str], index: int, preamble: Preamble, path: str
) -> RawExport:
    header = header_cells(header_line)
    direction = _TIV_FIRST_CELLS[normalise(header[0])]
    year_positions = [(i, int(c.strip())) for i, c in enumerate(header) if _YEAR.match(c.strip())]
    records = read_records(lines, index + 2, len(header), path)
    entity, year, cell, line = [], [], [], []
    for row, start in zip(records.rows, records.lines, strict=True):
        absurd = absurd_word(row, header)
        if absurd is not None:
            records.rejected.append((start, absurd))
            continue
        for i, y in year_positions:
            entity.append(row[0])
            year.append(y)
            cell.append(row[i])
            line.append(start)
    frame = pd.DataFrame({"entity": entity, "year": year, "cell": cell}, dtype=object)
    frame["source_line"] = pd.array(line, dtype="int64")
    frame["year"] = frame["year"].astype("int64")
    export = RawExport(path, LAYOUT_TIV, "csv", preamble, index + 1, frame, records.rejected)
    export.tiv_direction = direction
    return export


def tiv_row_count(export: RawExport) -> int:
    """Records (entity rows) in a TIV table export, as opposed to its entity-year cells."""
    return export.frame["source_line"].nunique() + len(export.rejected)
