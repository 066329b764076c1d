"""Claim reader scores: the article claim reader (issue 11) measured on three corpora.

Scores the development corpus (tests/etl/verify/article_corpus.py), the held-out corpus
(tests/etl/verify/article_corpus_holdout.py) and the blind corpus (benchmarks/claim_corpus_blind.py,
which the reader was never developed against) with the scorer of
tests/etl/verify/test_article_corpus.py (`score_corpus`, reused, not copied), against a temporary
store built from the shared SIPRI files the way tests/conftest.py's `build_store` builds one.

Prints one line per corpus, `corpus NAME: R/T parts right (P%), F flipped`, then the miss table of
the blind corpus. A measurement, not a test: nothing is asserted. Skips, with the reason, where
the shared SIPRI files (../shared/sipri) are absent.

    python benchmarks/score_claims.py
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    from tests.conftest import (
        RELEASE_2024_FILES,
        RELEASE_2025_FILES,
        RELEASE_2026_FILES,
        SIPRI_DIR,
        SKIP_REASON,
        build_store,
    )

    names = RELEASE_2024_FILES + RELEASE_2025_FILES + RELEASE_2026_FILES
    if not all((SIPRI_DIR / name).is_file() for name in names):
        print(f"skipped: {SKIP_REASON}")
        return 0

    from benchmarks.claim_corpus_blind import BLIND_PASSAGES
    from tests.etl.verify.article_corpus import PASSAGES
    from tests.etl.verify.article_corpus_holdout import HOLDOUT_PASSAGES
    from tests.etl.verify.test_article_corpus import score_corpus, structure_problems

    corpora = (
        ("development", PASSAGES),
        ("held-out", HOLDOUT_PASSAGES),
        ("blind", BLIND_PASSAGES),
    )
    for name, passages in corpora:
        problems = structure_problems(passages)
        if problems:
            print(f"corpus {name} breaks the corpus rules:\n" + "\n".join(problems))
            return 1

    lines, blind_table = [], ""
    with tempfile.TemporaryDirectory(prefix="score_claims_") as tmp:
        settings = build_store(Path(tmp) / "store", RELEASE_2024_FILES, RELEASE_2025_FILES, RELEASE_2026_FILES)
        for name, passages in corpora:
            with contextlib.redirect_stdout(io.StringIO()):  # score_corpus prints its own table
                _pct, _flips, score, table = score_corpus(settings, passages, f"corpus {name}")
            lines.append(score)
            if name == "blind":
                blind_table = table
    print("\n".join(lines))
    print()
    print("misses of the blind corpus:")
    print(blind_table or "(none)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
