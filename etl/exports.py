"""Exports for spreadsheets and scripts: CSV with a commented provenance header, safe cells."""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from etl.schemas import ESTIMATE_FLAGS, ESTIMATE_MARK, REGISTER_TEXT_COLUMNS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ABOUT_UNITS = "Figures in TIV columns are millions of TIV, not money."
EXCEL_SHEET_NAME_CHARS = 31
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def neutralise_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ' so it stays text.

    A lone carriage return becomes a newline: the CSV writer quotes newlines but not a lone CR, at
    which a spreadsheet would start a new row whose first cell could be a formula.
    """
    if isinstance(value, str):
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell made safe for spreadsheets."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell, na_action="ignore")
    return out


def csv_text(frame: pd.DataFrame, header_lines: list[str]) -> str:
    """CSV with '# '-commented provenance lines above the header, cells neutralised."""
    buffer = io.StringIO()
    for line in header_lines:
        buffer.write("# " + line.replace("\n", " ") + "\n")
    neutralise(frame).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def without_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its categorical columns as plain values, as a spreadsheet cell holds them."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype("object")
    return out


def about_sheet(header_lines: list[str]) -> pd.DataFrame:
    """The 'About' sheet of a workbook: the provenance lines, then what the TIV columns hold."""
    return pd.DataFrame({"About this file": [*header_lines, ABOUT_UNITS]})


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with a sheet per frame, in the order given (names cut to Excel's 31
    characters), every text cell made safe for spreadsheets."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            neutralise(without_categories(frame)).to_excel(writer, sheet_name=name[:EXCEL_SHEET_NAME_CHARS], index=False)
    return buffer.getvalue()


def json_records(frame: pd.DataFrame) -> str:
    """A JSON array with one object per row, keys named as the columns; missing values as null."""
    records = []
    for row in frame.to_dict(orient="records"):
        records.append({k: _plain(v) for k, v in row.items()})
    return json.dumps(records, ensure_ascii=False, indent=1)


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def safe_filename(*parts: str, suffix: str) -> str:
    """A download file name made from user input that cannot leave the download folder."""
    stem = "_".join(_UNSAFE_FILENAME.sub("-", p).strip("-.") for p in parts if p)
    stem = stem.strip("._-")[:120] or "export"
    return f"{stem}.{suffix.lstrip('.')}"


DEAL_TABLE_COLUMNS = list(REGISTER_TEXT_COLUMNS)


def deal_register_text(deals: pd.DataFrame, comment_chars: int | None = None) -> pd.DataFrame:
    """Deals as display text, SIPRI's '?' marks kept beside the figures they qualify.

    `comment_chars` cuts comments to that many characters (a terminal table); None keeps them whole.
    """
    out = pd.DataFrame(index=deals.index)
    for column in DEAL_TABLE_COLUMNS:
        values = deals[column].astype("object").where(deals[column].notna(), "")
        out[column] = values.astype("str")
    for figure, flag in ESTIMATE_FLAGS.items():
        out[figure] = out[figure] + deals[flag].map({True: ESTIMATE_MARK, False: ""})
    if comment_chars is not None:
        out["comments"] = out["comments"].str.slice(0, comment_chars)
    return out
