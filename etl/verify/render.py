"""Search and diff results as text, Markdown and JSON (pure functions: result -> str)."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from etl.config import SIPRI_CREDIT
from etl.schemas import figure_text
from etl.verify.diff import DiffResult
from etl.verify.search import SearchResult, pair_link

FORMATS = ("text", "markdown", "json")


def _json(data: Any) -> str:
    def default(value: object) -> object:
        if hasattr(value, "item"):
            return value.item()  # type: ignore[union-attr]
        if value is pd.NA:
            return None
        return str(value)

    return json.dumps(data, indent=1, ensure_ascii=False, default=default)


def _md_escape(value: object) -> str:
    """The value as one Markdown table cell: its text, pipes escaped, newlines as spaces."""
    return str(value).replace("|", "\\|").replace("\n", " ")


# ---- search ---------------------------------------------------------------------------------


def _deal_line(row: pd.Series) -> str:
    def est(value: object, flag: object) -> str:
        return figure_text(value, flag, missing="?")

    delivered = (f"delivered {est(row['units_delivered'], row['units_delivered_estimated'])} in "
                 f"{row['delivery_years']}" if isinstance(row["delivery_years"], str) and row["delivery_years"]
                 else "no deliveries")
    return (f"{row['designation']} ({row['description']}): ordered "
            f"{est(row['units_ordered'], row['units_ordered_estimated'])} in "
            f"{est(row['order_year'], row['order_year_estimated'])}, {delivered}")


def search_text(result: SearchResult) -> str:
    head = f"Search: {result.query.describe()} in release(s) {', '.join(result.releases)}"
    if result.excluded is not None:
        return "\n".join([head, f"'{result.query.text}' is outside SIPRI's coverage ({result.excluded.category}): "
                          f"'{result.excluded.quote}' ({result.excluded.source_url})", SIPRI_CREDIT])
    if result.rows.empty:
        return "\n".join([head, "(nothing recorded)", SIPRI_CREDIT])
    lines = [head, f"{len(result.rows)} deal(s), {len(result.pairs())} supplier -> recipient pair(s)", ""]
    for (supplier, recipient), frame in result.pairs():
        lines.append(f"{supplier} -> {recipient}")
        for _, row in frame.iterrows():
            lines.append(f"  [{row['release']}] {_deal_line(row)}")
    lines += ["", SIPRI_CREDIT]
    return "\n".join(lines)


def search_markdown(result: SearchResult) -> str:
    out = [f"# Search: {_md_escape(result.query.describe())}", "",
           f"Releases: {', '.join(result.releases)}", ""]
    if result.excluded is not None:
        out += [f"Outside SIPRI's coverage ({result.excluded.category}): \"{result.excluded.quote}\" "
                f"({result.excluded.source_url})", ""]
    for (supplier, recipient), frame in result.pairs():
        first = frame.iloc[0]
        out += [f"## [{_md_escape(supplier)} -> {_md_escape(recipient)}]"
                f"({pair_link(first['supplier_id'], first['recipient_id'], first['release'])})", ""]
        out += [f"- release {row['release']}: {_md_escape(_deal_line(row))}" for _, row in frame.iterrows()]
        out.append("")
    if result.rows.empty and result.excluded is None:
        out += ["Nothing recorded.", ""]
    out.append(SIPRI_CREDIT)
    return "\n".join(out)


def search_json(result: SearchResult) -> str:
    rows = result.rows.astype("object").where(result.rows.notna(), None).to_dict(orient="records")
    for row in rows:
        row["pair_link"] = pair_link(row["supplier_id"], row["recipient_id"], row["release"])
    return _json({
        "query": {"text": result.query.text, "designation": result.query.designation,
                  "type": result.query.type_label},
        "releases": list(result.releases),
        "outside_coverage": result.excluded.as_dict() if result.excluded else None,
        "deals": rows,
        "credit": SIPRI_CREDIT,
    })


def render_search(result: SearchResult, fmt: str) -> str:
    return {"text": search_text, "markdown": search_markdown, "json": search_json}[fmt](result)


# ---- diff -----------------------------------------------------------------------------------

_SHOWN = ("added", "removed", "changed", "relabelled", "not_comparable")


def _change_line(change: Any) -> str:
    name = (f"{change.designation_from} -> {change.designation_to} (relabelled)"
            if change.designation_from and change.designation_to and change.designation_from != change.designation_to
            else change.designation)
    fields = "; ".join(f"{f['field']} {f['from'] or '(empty)'} -> {f['to'] or '(empty)'}"
                       for f in change.fields if f["field"] != "designation")
    reason = f" ({change.reason})" if change.reason and change.change == "not_comparable" else ""
    return f"{change.order_year or '?'} {name}{': ' + fields if fields else ''}{reason}"


def diff_text(result: DiffResult, include_wording: bool = False) -> str:
    shown = _SHOWN + (("reworded",) if include_wording else ())
    counts = ", ".join(f"{result.counts.get(k, 0)} {k.replace('_', ' ')}" for k in (*_SHOWN, "reworded", "unchanged"))
    lines = [f"Release {result.release_from} -> {result.release_to}: {counts}", ""]
    current = None
    for change in result.changes:
        if change.change not in shown:
            continue
        pair = f"{change.supplier} -> {change.recipient}"
        if pair != current:
            lines.append(pair)
            current = pair
        lines.append(f"  [{change.change}] {_change_line(change)}")
    lines += ["", "What each release can hold:"] + [f"- {s.basis}" for s in result.scopes]
    if not include_wording and result.counts.get("reworded"):
        lines.append(f"({result.counts['reworded']} deal(s) differ only in the wording of description "
                     "or comments; --wording lists them)")
    lines.append(SIPRI_CREDIT)
    return "\n".join(lines)


def diff_markdown(result: DiffResult, include_wording: bool = False) -> str:
    shown = _SHOWN + (("reworded",) if include_wording else ())
    out = [f"# Release {result.release_from} -> {result.release_to}", "",
           "| change | count |", "|---|---|"]
    out += [f"| {k} | {result.counts.get(k, 0)} |" for k in (*_SHOWN, "reworded", "unchanged")]
    out += ["", "| supplier | recipient | order year | deal | change | fields |", "|---|---|---|---|---|---|"]
    for c in result.changes:
        if c.change not in shown:
            continue
        fields = "; ".join(f"{f['field']}: {f['from'] or '(empty)'} → {f['to'] or '(empty)'}" for f in c.fields)
        if c.reason and c.change == "not_comparable":
            fields = c.reason
        out.append("| " + " | ".join(_md_escape(x) for x in (
            c.supplier, c.recipient, c.order_year or "", c.designation, c.change, fields)) + " |")
    out += ["", "## What each release can hold", ""] + [f"- {s.basis}" for s in result.scopes]
    out += ["", SIPRI_CREDIT]
    return "\n".join(out)


def diff_json(result: DiffResult, include_wording: bool = True) -> str:
    from dataclasses import asdict

    return _json(asdict(result) | {"credit": SIPRI_CREDIT})


def render_diff(result: DiffResult, fmt: str, include_wording: bool = False) -> str:
    if fmt == "json":
        return diff_json(result)
    return (diff_markdown if fmt == "markdown" else diff_text)(result, include_wording)
