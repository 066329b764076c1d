"""Ingest reports a cell no SIPRI record could hold (a "word" of 40,000 letters) with file and line.

Issue 13, finding 2: one such Comments cell, stored, made every Check, Search and Diff of its
release run a backtracking pattern for a minute. The register here is synthetic (no SIPRI data).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.config import Settings
from etl.formats.text import MAX_WORD_CHARS
from etl.ingest import ingest
from etl.store import Store
from tests.hostile.conftest import ROWS, hostile_register

LETTERS = "a" * 40_000


def test_a_40000_letter_comments_cell_is_reported_with_file_and_line_and_not_stored(tmp_path: Path) -> None:
    rows = [*ROWS[:2], (*ROWS[2][:8], f"deal worth $1 b {LETTERS} designation"), *ROWS[3:]]
    settings = Settings(store_dir=tmp_path / "store")
    result = ingest([("long-word.csv", hostile_register("18 May 2026 2:29:20 PM", rows))], settings)
    [report] = result.files
    assert (report.records_read, report.records_stored, report.records_reported) == (5, 4, 1)
    [reason] = report.reasons
    assert reason["line"] == 8  # 4 preamble lines, the header on line 5, the third record
    assert "Comments cell holds 40,000 characters without a space" in reason["reason"]
    store = Store(settings.store_dir)
    deals = store.table(store.release("2026"), "deals")
    assert len(deals) == 4 and not deals["comments"].str.contains(LETTERS[:MAX_WORD_CHARS + 1], regex=False).any()
    reports = store.table(store.release("2026"), "reports")
    assert reports[["source_file", "source_line"]].values.tolist() == [["long-word.csv", 8]]


def test_a_word_at_the_limit_is_stored(tmp_path: Path) -> None:
    word = "b" * MAX_WORD_CHARS
    rows = [(*ROWS[0][:8], f"comment {word}"), *ROWS[1:]]
    settings = Settings(store_dir=tmp_path / "store")
    [report] = ingest([("at-limit.csv", hostile_register("18 May 2026 2:29:20 PM", rows))], settings).files
    assert report.records_reported == 0
    deals: pd.DataFrame = Store(settings.store_dir).table(Store(settings.store_dir).release("2026"), "deals")
    assert deals["comments"].str.contains(word, regex=False).sum() == 1
