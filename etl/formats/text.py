"""Bytes -> text, and the pieces every SIPRI CSV export shares: preamble, header, records."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from etl.errors import InputFileError

# A run of characters without a space longer than this is no SIPRI word. The longest in SIPRI's
# 2024, 2025 and 2026 registers is 38 ("anti-ship/air-to-ground/surface-to-air"), designations a
# few dozen at most; 200 leaves five times that, and keeps every pattern run over a cell cheap
# (a backtracking one costs ~2 ms on 200 letters where it costs a minute on 40,000).
MAX_WORD_CHARS = 200
_SPACE = re.compile(r"\s+")
# SIPRI's longest records are a few thousand characters; a line far longer than this is not an export
# (and would be held in memory many times over by every step after reading).
MAX_LINE_BYTES = 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_GENERATED = re.compile(r"^\s*Data generated:\s*(?P<when>.+?)\s*$", re.IGNORECASE)
_GENERATED_FORMATS = (
    "%d %b %Y %I:%M:%S %p",
    "%d %b %Y %H:%M:%S",
    "%d %B %Y %I:%M:%S %p",
    "%d %b %Y",
)


def decode_text(data: bytes, path: str) -> str:
    """The text of a CSV export: UTF-8 (with or without BOM) or SIPRI's Latin-1; refuses binary."""
    if not data.strip():
        raise InputFileError(path, "the file is empty; download the export from SIPRI again")
    longest, line = _longest_line(data)
    if longest > MAX_LINE_BYTES:
        raise InputFileError(
            path,
            f"has a line of {longest / 1024 / 1024:.1f} MB; lines of SIPRI's CSV exports are a few "
            "kilobytes at most, so this is not a SIPRI export",
            line=line,
        )
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        raise InputFileError(path, "the file is UTF-16 text; save it again as CSV (UTF-8)")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict") if _is_utf8(data[3:]) else None
        if text is None:
            raise InputFileError(
                path, "the file starts with a UTF-8 mark but its bytes are not UTF-8"
            )
    elif _is_utf8(data):
        text = data.decode("utf-8")
    else:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    # bytes 0x00-0x1f and 0x7f are those code points in UTF-8, cp1252 and Latin-1 alike: the
    # byte check (fast) finds no such byte in almost every file, sparing the regex over the text
    bad = _CONTROL.search(text) if len(data.translate(None, _CONTROL_BYTES)) != len(data) else None
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


def _longest_line(data: bytes) -> tuple[int, int]:
    """(length in bytes, 1-based number) of the longest line, counted without copying the data."""
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    lengths = np.diff(np.concatenate(([-1], ends, [len(data)]))) - 1
    index = int(lengths.argmax())
    return int(lengths[index]), index + 1


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
    if scope is not None and (
        scope.lower().startswith("data generated") or scope.startswith("Source:")
    ):
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
    out = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    if "\r" in text:
        # a lone carriage return inside a record is a line break inside a cell: keep it as a space
        out = [ln.replace("\r", " ") for ln in out]
    return out


def header_cells(line: str) -> list[str]:
    """The cells of one header line (a line Python's csv cannot read is one cell: no header)."""
    try:
        return next(csv.reader([line]), [])
    except csv.Error:  # a cell over csv's field limit: not a header, whatever else it is
        return [line]


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
    at_end: bool = True,
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
    for cells, this_line in _read_csv(reader, first_line_number, path):
        if len(cells) != width and any("\n" in cell for cell in cells):
            # Python's csv reads a quoted newline into the cell: a quote that opens and never
            # closes swallows the lines after it. SIPRI's exports close every quote they open.
            raise InputFileError(path, _unclosed_quote(cells, this_line, len(lines) + first_line_number - 1),
                                 line=this_line)
        if pending is not None:
            cells = _join(pending, cells, rejoin_column)
            start = pending_start
            pending = None
        else:
            start = this_line
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # a blank line is no record
        if len(cells) == width:
            rows.append(cells)
            starts.append(start)
        elif len(cells) < width and rejoin_column is not None and len(cells) >= rejoin_column + 1:
            pending, pending_start = cells, start
        else:
            rejected.append((start, f"has {len(cells)} cells where the header has {width}"))
    if at_end and pending is None and rejected and rows_end_short(rejected, starts, width):
        # The very last record is cut short: the download stopped in the middle of the file.
        line, _ = rejected[-1]
        raise InputFileError(
            path,
            "ends in the middle of a record (its last record has too few cells): the file looks "
            "truncated; download it again",
            line=line,
        )
    if pending is not None and not at_end:
        rejected.append(
            (
                pending_start,
                f"is a record broken across lines that could not be rejoined ({len(pending)} of {width} cells)",
            )
        )
    elif pending is not None:
        raise InputFileError(
            path,
            f"ends in the middle of a record ({len(pending)} of {width} cells): the file looks "
            "truncated; download it again",
            line=pending_start,
        )
    return Records(rows=rows, lines=starts, rejected=rejected)


def _read_csv(reader: Any, first_line_number: int, path: str) -> Iterator[tuple[list[str], int]]:
    """(cells, the physical line the record starts on) of each record; csv's errors as our sentence."""
    while True:
        start = first_line_number + reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputFileError(path, _csv_problem(str(exc), reader.line_num - (start - first_line_number)),
                                 line=start) from None
        yield cells, start


def _csv_problem(message: str, lines_read: int) -> str:
    """Python's csv error about one record (read over `lines_read` lines) as a sentence."""
    if "field larger than field limit" in message:
        if lines_read > 1:
            return (f"a quote (\") opens a cell here that does not close within {lines_read:,} lines, so more than "
                    f"{csv.field_size_limit():,} characters ran into that one cell; SIPRI's exports close every "
                    "quote they open: is the file damaged?")
        return (f"has a cell of more than {csv.field_size_limit():,} characters; SIPRI's longest cells are a "
                "few hundred characters, so this is not a SIPRI export")
    return f"cannot be read as CSV here ({message})"


def _unclosed_quote(cells: list[str], start: int, last_line: int) -> str:
    inside = next(cell for cell in cells if "\n" in cell)
    end = start + inside.count("\n")
    runs = "to the end of the file" if end >= last_line else f"to line {end}"
    return (f"a quote (\") opens a cell here that runs on {runs}, so the lines after it were read into "
            "that one cell; SIPRI's exports close every quote they open: is the file damaged?")


def rows_end_short(rejected: list[tuple[int, str]], starts: list[int], width: int) -> bool:
    """Whether the last record read was rejected for having fewer cells than `width`."""
    line, reason = rejected[-1]
    if starts and starts[-1] > line:
        return False
    cells = reason.split(" cells where", 1)[0].removeprefix("has ")
    return cells.isascii() and cells.isdigit() and int(cells) < width


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


@dataclass
class RecordFrame:
    """Records as a frame of strings (columns 0..width-1), each record's first line, rejections."""

    frame: pd.DataFrame
    lines: np.ndarray
    rejected: list[tuple[int, str]]


def read_record_frame(
    body: str,
    first_line_number: int,
    width: int,
    path: str,
    rejoin_column: int | None = None,
) -> RecordFrame:
    """`read_records` on a CSV body as a frame, parsed by Arrow; pieces of broken records rejoined.

    Arrow parses the well-formed records (the bulk) fast, straight from the text. Only when some
    lines are not records of `width` cells (or blank) is the body split into lines: the bad lines
    are handed, run by run, to `read_records`, which rejoins records SIPRI broke with raw
    newlines. Where a record spans lines in a way Arrow reads differently (quoted newlines), the
    whole body goes through `read_records` instead.
    """
    if "\r" in body:  # as split_lines: CRLF endings dropped, a lone CR is a space
        body = body.replace("\r\n", "\n").replace("\r", " ")
    names = [str(i) for i in range(width)]
    invalid: list[int] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append(row.number)
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pacsv.ReadOptions(
                column_names=names, use_threads=False, block_size=1 << 26
            ),
            parse_options=pacsv.ParseOptions(
                invalid_row_handler=on_invalid, newlines_in_values=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, TypeError):
        return _slow_record_frame(split_lines(body), first_line_number, width, path, rejoin_column)
    physical = body.count("\n") + (1 if body and not body.endswith("\n") else 0)
    if not invalid and table.num_rows == physical:
        # the common case: one record per line, nothing blank, nothing broken
        starts = np.arange(physical, dtype="int64") + first_line_number
        return RecordFrame(frame=table.to_pandas(), lines=starts, rejected=[])
    lines = split_lines(body)
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    bad = {n - 1 for n in invalid if n is not None}
    if len(bad) != len(invalid):
        return _slow_record_frame(lines, first_line_number, width, path, rejoin_column)
    good = [i for i in nonblank if i not in bad] if bad else nonblank
    if len(good) != table.num_rows:
        return _slow_record_frame(lines, first_line_number, width, path, rejoin_column)
    frame = table.to_pandas()
    starts = np.asarray(good, dtype="int64") + first_line_number
    rejected: list[tuple[int, str]] = []
    if bad:
        last = nonblank[-1] if nonblank else -1
        extra_rows: list[list[str]] = []
        extra_lines: list[int] = []
        for run in _runs(sorted(bad)):
            part = read_records(
                [lines[i] for i in run],
                first_line_number + run[0],
                width,
                path,
                rejoin_column=rejoin_column,
                at_end=run[-1] >= last,
            )
            extra_rows.extend(part.rows)
            extra_lines.extend(part.lines)
            rejected.extend(part.rejected)
        if extra_rows:
            extra = pd.DataFrame(extra_rows, columns=names, dtype="str")
            frame = pd.concat([frame, extra], ignore_index=True)
            starts = np.concatenate([starts, np.asarray(extra_lines, dtype="int64")])
            order = np.argsort(starts, kind="stable")
            frame = frame.iloc[order].reset_index(drop=True)
            starts = starts[order]
    return RecordFrame(frame=frame, lines=starts, rejected=rejected)


def absurd_word(cells: Sequence[str], header: Sequence[str]) -> str | None:
    """Why a record is not SIPRI's when one of its cells holds a word longer than MAX_WORD_CHARS; else None."""
    for index, cell in enumerate(cells):
        if len(cell) > MAX_WORD_CHARS:
            longest = max((len(word) for word in _SPACE.split(cell)), default=0)
            if longest > MAX_WORD_CHARS:
                name = header[index].strip() if index < len(header) and header[index].strip() else f"column {index + 1}"
                return (f"its {name} cell holds {longest:,} characters without a space; no SIPRI designation or "
                        f"comment word is longer than a few dozen (the limit is {MAX_WORD_CHARS}), so the record "
                        "is not read")
    return None


def without_absurd_words(records: RecordFrame, header: Sequence[str]) -> RecordFrame:
    """`records` less those with a cell holding an absurdly long word, which join the rejected ones."""
    frame = records.frame
    long = np.zeros(len(frame), dtype=bool)
    for column in frame.columns:
        long |= (frame[column].str.len() > MAX_WORD_CHARS).to_numpy(dtype=bool, na_value=False)
    if not long.any():
        return records
    absurd = np.zeros(len(frame), dtype=bool)
    rejected = list(records.rejected)
    for position in np.flatnonzero(long):
        reason = absurd_word(frame.iloc[position].tolist(), header)
        if reason is not None:
            absurd[position] = True
            rejected.append((int(records.lines[position]), reason))
    if not absurd.any():
        return records
    keep = ~absurd
    return RecordFrame(frame=frame[keep].reset_index(drop=True), lines=records.lines[keep],
                       rejected=sorted(rejected, key=lambda item: item[0]))


def _runs(indices: list[int]) -> Iterator[list[int]]:
    """Consecutive runs in a sorted list of line indices."""
    run: list[int] = []
    for i in indices:
        if run and i != run[-1] + 1:
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def _slow_record_frame(
    lines: Sequence[str], first_line_number: int, width: int, path: str, rejoin_column: int | None
) -> RecordFrame:
    records = read_records(lines, first_line_number, width, path, rejoin_column=rejoin_column)
    frame = pd.DataFrame(records.rows, columns=[str(i) for i in range(width)], dtype="str")
    return RecordFrame(
        frame=frame, lines=np.asarray(records.lines, dtype="int64"), rejected=records.rejected
    )
