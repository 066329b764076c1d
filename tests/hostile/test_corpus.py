"""Every failing input fuzzing has found, replayed: each is now accepted or refused with our sentence.

Add a file to tests/hostile/corpus/ for each new failure: {"target": ..., "input": {...}, "found": why}.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.hostile import targets
from tests.hostile.conftest import CORPUS

CASES = sorted(CORPUS.glob("*.json"))


def test_the_corpus_is_kept() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_kept_failing_input_is_handled(path: Path, in_upload_request: Any) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case.get("found"), f"{path.name}: say what failed"
    given = case["input"]
    if case["target"] == "claim":
        targets.claim(given["text"], given["fields"])
    elif case["target"] == "link":
        targets.view_link(given["search"])
    elif case["target"] == "upload":
        targets.upload(given["contents"], given["names"])
    else:
        raise AssertionError(f"{path.name}: unknown target {case['target']!r}")
