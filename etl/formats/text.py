"""Bytes -> text, and the pieces every SIPRI CSV export shares: preamble, header, records."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from etl.errors import InputFileError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_GENERATED = re.compile(r"^\s*Data generated:\s*(?P<when>.+?)\s*$", re.IGNORECASE)
_GENERATED_FORMATS = ("%d %b %Y %I:%M:%S %p", "%d %b %Y %H:%M:%S", "%d %B %Y %I:%M:%S %p", "%d %b %Y")


def decode_text(data: bytes, path: str) -> str:
    """The text of a CSV export: UTF-8 (with or without BOM) or SIPRI's Latin-1; refuses binary."""
    if not data.strip():
        raise InputFileError(path, "the file is empty; download the export from SIPRI again")
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        raise InputFileError(path, "the file is UTF-16 text; save it again as CSV (UTF-8)")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict") if _is_utf8(data[3:]) else None
        if text is None:
            raise InputFileError(path, "the file starts with a UTF-8 mark but its bytes are not UTF-8")
    elif _is_utf8(data):
        text = data.decode("utf-8")
    else:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputFileError(
            path,
            f"holds binary bytes (code {ord(bad.group()):#04x}), so it is not a SIPRI CSV export",
            line=line,
        )
    head = text.lstrip()[:2048].lower()
    if head.startswith("<!doctype html") or head.startswith("<html") or "<html" in head[:512]:
        raise InputFileError(
            path,
            "is an HTML web page, not a SIPRI CSV export (SIPRI's old export links now lead to a "
            "web page); download the CSV from the Arms Transfers Database site again",
        )
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class Preamble:
    """What SIPRI states above the header: the query line and the 'Data generated' time."""

    query_scope: str | None
    data_generated: datetime | None
    lines: tuple[str, ...]


def parse_preamble(lines: Sequence[str], path: str) -> Preamble:
    """The preamble found in the lines above the header (possibly none, when a user removed it)."""
    generated: datetime | None = None
    for number, line in enumerate(lines, start=1):
        match = _GENERATED.match(line)
        if match:
            generated = _parse_generated(match.group("when"), path, number)
    scope = next((ln.strip() for ln in lines if ln.strip()), None)
    if scope is not None and (scope.lower().startswith("data generated") or scope.startswith("Source:")):
        scope = None
    return Preamble(query_scope=scope, data_generated=generated, lines=tuple(lines))


def _parse_generated(value: str, path: str, line: int) -> datetime:
    for fmt in _GENERATED_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    raise InputFileError(path, f"'Data generated: {value}' is not a date SIPRI writes", line=line)


def split_lines(text: str) -> list[str]:
    """Physical lines without their ending (LF, CRLF; a lone CR inside a record is kept)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def header_cells(line: str) -> list[str]:
    """The cells of one header line."""
    return next(csv.reader([line]), [])


@dataclass
class Records:
    """Records of a CSV body: cells per record and the physical line each record starts on."""

    rows: list[list[str]]
    lines: list[int]
    rejected: list[tuple[int, str]]


def read_records(
    lines: Sequence[str],
    first_line_number: int,
    width: int,
    path: str,
    rejoin_column: int | None = None,
) -> Records:
    """Records of exactly `width` cells; records broken by raw newlines are rejoined.

    SIPRI's exports sometimes break a record with a raw, unquoted newline inside the Comments
    column (`rejoin_column`): the pieces are joined back into one record, never dropped. A record
    that cannot be made `width` cells long is rejected with its reason; a record cut short at the
    very end of the file means the file is truncated, which is an error for the whole file.
    """
    rows: list[list[str]] = []
    starts: list[int] = []
    rejected: list[tuple[int, str]] = []
    reader = csv.reader(_numbered(lines))
    pending: list[str] | None = None
    pending_start = 0
    for cells in reader:
        this_line = first_line_number + reader.line_num - 1
        if pending is not None:
            cells = _join(pending, cells, rejoin_column)
            start = pending_start
            pending = None
        else:
            start = this_line
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                rejected.append((start, "blank line"))
                continue
        if len(cells) == width:
            rows.append(cells)
            starts.append(start)
        elif len(cells) < width and rejoin_column is not None and len(cells) >= rejoin_column + 1:
            pending, pending_start = cells, start
        else:
            rejected.append((start, f"has {len(cells)} cells where the header has {width}"))
    if pending is not None:
        raise InputFileError(
            path,
            f"ends in the middle of a record ({len(pending)} of {width} cells): the file looks "
            "truncated; download it again",
            line=pending_start,
        )
    return Records(rows=rows, lines=starts, rejected=rejected)


def _numbered(lines: Sequence[str]) -> Iterator[str]:
    for line in lines:
        yield line + "\n"


def _join(head: list[str], tail: list[str], column: int | None) -> list[str]:
    """Join the two pieces of a record broken inside its `column` cell by a raw newline."""
    if column is None or len(head) != column + 1:
        return head + tail
    left, right = head[-1].strip(), tail[0].strip() if tail else ""
    joined = f"{left} {right}".strip() if left and right else (left or right)
    return head[:-1] + [joined] + tail[1:]


def find_header(
    lines: Sequence[str], is_header: Callable[[list[str]], bool], limit: int = 60
) -> int | None:
    """Index of the first line within `limit` for which `is_header(cells)` is true."""
    for index, line in enumerate(lines[:limit]):
        if "," in line and is_header(header_cells(line)):
            return index
    return None
