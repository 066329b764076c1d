"""Exports: no cell can start a spreadsheet formula (CSV and XLSX); a file name cannot leave its folder."""

from __future__ import annotations

import io
import os
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.exports import csv_text, neutralise_cell, safe_filename
from tests.hostile.conftest import FORMULAS, HOSTILE_COMMENT

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "designation": pd.Series([*FORMULAS, "MH-60R"], dtype="object"),
        "comments": pd.Series([HOSTILE_COMMENT, *FORMULAS], dtype="string"),
        "status": pd.Series([*FORMULAS, "New"], dtype="category"),
        "tiv_delivered_m": [-1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    })


def test_csv_cells_never_start_a_formula() -> None:
    import csv

    frame = _frame().assign(status=lambda f: f["status"].astype("object"))
    text = csv_text(frame, ["=cmd|' /C calc'!A0 in a header"])
    lines = text.splitlines(keepends=True)
    assert all(line.startswith("# ") for line in lines[:1])
    rows = list(csv.reader(io.StringIO("".join(lines[1:]))))
    cells = [cell for row in rows[1:] for cell in row[:3]]
    assert cells and not [c for c in cells if c.startswith(FORMULA_START)]
    assert "'=HYPERLINK" in text and "-1.5" in text  # numbers stay numbers


def test_a_carriage_return_inside_a_cell_cannot_start_a_row() -> None:
    import csv

    text = csv_text(pd.DataFrame({"comments": ["ok\r=2", "\r=3"]}), [])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["comments"], ["ok\n=2"], ["\n=3"]]


def test_pair_page_xlsx_has_no_formula_cell(in_hostile_request) -> None:
    from dashboard.pair.view import deals_for_export, xlsx_bytes

    search = "?release=2026&supplier=turkiye&recipient=pakistan"
    deals, _data, _view = deals_for_export(in_hostile_request.server.config["ARMS_EXPLORER_SETTINGS"], search)
    assert len(deals) == 3
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(deals, ["=1+1 in the about sheet"])))
    formulas = [(ws.title, c.coordinate, c.value) for ws in workbook for row in ws.iter_rows() for c in row
                if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith(FORMULA_START))]
    assert formulas == []


def test_pair_page_csv_download_neutralises_register_cells(in_hostile_request) -> None:
    from dashboard.pair.view import csv_download

    settings = in_hostile_request.server.config["ARMS_EXPLORER_SETTINGS"]
    search = "?release=2026&supplier=turkiye&recipient=pakistan"
    out = csv_download(settings, {"search": search, "link": "http://127.0.0.1/" + search, "stem": "x"})
    import csv

    body = [line for line in out["content"].splitlines(keepends=True) if not line.startswith("#")]
    cells = [c for row in csv.reader(io.StringIO("".join(body))) for c in row]
    assert "'=HYPERLINK(\"http://example.invalid\",\"x\")" in cells
    assert not [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_cell_is_made_safe(text: str) -> None:
    assert not str(neutralise_cell(text)).startswith(FORMULA_START)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=60), st.sampled_from(["..", "../..", "/etc/passwd", "..\\..\\x", "~", ".", "\x00",
                                                             "CON", "a/../../b", "\u202e"])), max_size=5),
       st.sampled_from(["csv", ".xlsx", "json"]))
def test_a_file_name_from_user_input_stays_in_its_folder(parts: list[str], suffix: str) -> None:
    name = safe_filename(*parts, suffix=suffix)
    folder = Path("/downloads")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and ".." not in name.split(".")[0]
    assert (folder / name).resolve().parent == folder
    assert os.path.basename(name) == name and len(name) <= 130
    assert name.endswith("." + suffix.lstrip("."))
