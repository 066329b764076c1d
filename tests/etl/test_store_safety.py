"""The store under hostile input and careless hands (issue 13): labels, modes, durability, provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import main
from etl.config import Settings
from etl.errors import StoreError
from etl.ingest import ingest
from etl.store import Store
from tests.etl.test_formats import ROW_A, ROW_B, synthetic_classic


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store_2026(tmp_path: Path) -> Settings:
    """A store holding release 2026 (two synthetic deals)."""
    settings = Settings(store_dir=tmp_path / "store")
    ingest([("a.csv", synthetic_classic(ROW_A, ROW_B))], settings)
    return settings


# ---- finding 1: a release label is a name, never a path -------------------------------------


@pytest.mark.parametrize("label", ["2026/", "x/../2026", "./2026", "..", "2026\n", ".hidden", ""])
def test_a_release_label_that_is_a_path_is_refused_and_the_store_untouched(
    store_2026: Settings, tmp_path: Path, capsys, label: str
):
    other = tmp_path / "other.csv"
    other.write_bytes(synthetic_classic(ROW_B))
    before = _snapshot(store_2026.store_dir)
    code, _, err = run(
        capsys, "ingest", str(other), "--release", label, "--store", str(store_2026.store_dir)
    )
    assert code == 2, err
    assert "release label" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _snapshot(store_2026.store_dir) == before
    st = Store.from_settings(store_2026)
    assert len(st.table(st.release("2026"), "deals")) == 2


def test_an_absolute_release_label_deletes_nothing_outside_the_store(
    store_2026: Settings, tmp_path: Path, capsys
):
    outside = tmp_path / "precious"
    (outside / "g1").mkdir(parents=True)
    (outside / "g1" / "thesis.txt").write_text("years of work")
    other = tmp_path / "other.csv"
    other.write_bytes(synthetic_classic(ROW_B))
    code, _, err = run(
        capsys, "ingest", str(other), "--release", str(outside), "--store", str(store_2026.store_dir)
    )
    assert code == 2 and "release label" in err
    assert (outside / "g1" / "thesis.txt").read_text() == "years of work"


def test_commit_refuses_a_label_that_is_a_path(store_2026: Settings):
    st = Store.from_settings(store_2026)
    before = _snapshot(store_2026.store_dir)
    with pytest.raises(StoreError, match="release label"):
        st.commit({"../2026": ({}, {})}, {})
    assert _snapshot(store_2026.store_dir) == before


def test_commit_never_deletes_a_generation_the_manifest_references(store_2026: Settings):
    """A manifest whose generation counter is behind its folders (restored from a backup, edited
    by hand) must not make the next ingest delete the live generation it points to."""
    manifest_path = store_2026.store_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["releases"]["2026"]["generation"] = 0  # path still says releases/2026/g1
    manifest_path.write_text(json.dumps(manifest))
    live = store_2026.store_dir / "releases" / "2026" / "g1" / "deals.parquet"
    live_bytes = live.read_bytes()
    ingest([("b.csv", synthetic_classic(ROW_A.replace("2021", "2019")))], store_2026)
    st = Store.from_settings(store_2026)
    info = st.release("2026")
    assert info.path != "releases/2026/g1"
    assert len(st.table(info, "deals")) == 3
    assert live.read_bytes() == live_bytes  # kept for readers in flight (generations_kept = 2)
