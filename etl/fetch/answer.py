"""Reading an answer: SIPRI's base64 CSV decoded and read with the project's readers, records filtered."""

from __future__ import annotations

import base64
import binascii
import json

from etl.entities import EntityResolver
from etl.errors import InputFileError
from etl.fetch.errors import FetchResponseError
from etl.fetch.http import HttpAnswer, _host
from etl.fetch.query import _HINT_ADDRESS, _HINT_BY_HAND, FetchQuery
from etl.formats.export import (
    LAYOUT_NAMES,
    RawExport,
    read_export,
)
from etl.formats.text import decode_text

# ---- reading an answer ----------------------------------------------------------------------


def export_csv(answer: HttpAnswer, layout: str) -> tuple[bytes, RawExport]:
    """The CSV inside the backend's answer and its reading, checked to be an export of `layout`."""
    where = f"SIPRI's backend at {_host(answer.url)}"
    body = answer.body
    content_type = answer.headers.get("content-type", "").lower()
    head = body.lstrip()[:512].lower()
    if "html" in content_type or head.startswith((b"<!doctype", b"<html")) or b"<html" in head:
        moved = f" (redirected to {answer.final_url})" if answer.final_url != answer.url else ""
        raise FetchResponseError(
            f"{where} answered with a web page (HTML) instead of JSON{moved}, so its address or "
            f"interface has changed; check {_HINT_ADDRESS}, or {_HINT_BY_HAND}."
        )
    try:
        parsed = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        at = f" at character {exc.pos}" if isinstance(exc, json.JSONDecodeError) else ""
        raise FetchResponseError(
            f"{where} answered with {len(body)} bytes that are not valid JSON{at} (a cut-off or "
            f"garbled answer); try again, and if it persists {_HINT_BY_HAND}."
        ) from None
    if not isinstance(parsed, dict) or "bytes" not in parsed:
        keys = (
            ", ".join(sorted(map(str, parsed)))
            if isinstance(parsed, dict)
            else type(parsed).__name__
        )
        raise FetchResponseError(
            f"{where} answered with JSON without the 'bytes' field that holds the export (found: "
            f"{keys or 'nothing'}), so its interface has changed; {_HINT_BY_HAND}."
        )
    payload = parsed["bytes"]
    try:
        if not isinstance(payload, str):
            raise ValueError("not a string")
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise FetchResponseError(
            f"{where} answered with a 'bytes' field that is not valid base64; try again, and if "
            f"it persists {_HINT_BY_HAND}."
        ) from None
    name = f"the CSV inside the answer of {where}"
    try:
        decode_text(data, name)
    except InputFileError as exc:
        raise FetchResponseError(
            f"{where} answered with an export that does not decode as CSV text ({exc.problem}); "
            f"try again, and if it persists {_HINT_BY_HAND}."
        ) from None
    try:
        export = read_export(data, name)
    except InputFileError as exc:
        raise FetchResponseError(
            f"{where} answered with a CSV whose header or records this version does not know "
            f"(line {exc.line or '?'}: {exc.problem}); SIPRI may have changed its export: {_HINT_BY_HAND}."
        ) from None
    if export.layout != layout:
        raise FetchResponseError(
            f"{where} answered with a {LAYOUT_NAMES[export.layout]} where a {LAYOUT_NAMES[layout]} "
            f"was asked for, so the meaning of its filters has changed; {_HINT_BY_HAND}."
        )
    return data, export


def filter_records(
    data: bytes, export: RawExport, query: FetchQuery, resolver: EntityResolver
) -> tuple[bytes, int, int]:
    """(CSV with only the records of the query's suppliers and recipients, records kept, records read).

    The preamble, header and kept records are SIPRI's bytes unchanged, so the result reads exactly
    as SIPRI's own export would. Records the reader rejects are dropped with the others.
    """
    if not query.is_filtered:
        return data, export.records_read, export.records_read
    frame = export.frame
    ids, _ = resolver.classify_names([*frame["supplier"], *frame["recipient"]])
    keep = frame["supplier"].map(ids).isin(query.supplier_ids) if query.supplier_ids else True
    if query.recipient_ids:
        keep = keep & frame["recipient"].map(ids).isin(query.recipient_ids)
    kept_starts = (
        set(frame.loc[keep, "source_line"].tolist())
        if query.is_filtered
        else set(frame["source_line"])
    )
    starts = sorted(set(frame["source_line"].tolist()) | {line for line, _ in export.rejected})
    # Line numbers count "\n" only, as the reader does, so byte lines match its lines.
    lines = data.split(b"\n")
    out = lines[: export.header_line]
    for start, end in zip(starts, [*starts[1:], len(lines) + 1], strict=True):
        if start in kept_starts:
            out.extend(lines[start - 1 : end - 1])
    text = b"\n".join(out)
    if data.endswith(b"\n") and not text.endswith(b"\n"):
        text += b"\n"
    return text, len(kept_starts), export.records_read
