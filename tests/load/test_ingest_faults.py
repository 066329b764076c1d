"""A full disk or a permission error at any step of an ingest: one sentence, and the store as it was.

Extends tests/etl/test_ingest.py (a full disk on the second Parquet write) to every write the store
makes, and to the data page's upload path.
"""

from __future__ import annotations

import errno
import os
import pathlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import etl.store as store_module
from etl.config import Settings
from etl.errors import StoreError
from etl.ingest import ingest
from tests.etl.test_ingest import _snapshot
from tests.hostile.conftest import ROWS, hostile_register

FIRST = [("first.csv", hostile_register("18 May 2026 2:29:20 PM", ROWS[3:]))]
SECOND = [("second.csv", hostile_register("19 May 2026 2:29:20 PM", ROWS[1:3]))]
FULL = OSError(errno.ENOSPC, "No space left on device")
DENIED = PermissionError(errno.EACCES, "Permission denied")


def _fail_when(real: Callable[..., Any], error: OSError, wanted: Callable[..., bool]) -> Callable[..., Any]:
    def fake(*args: Any, **kwargs: Any) -> Any:
        if wanted(*args, **kwargs):
            raise error
        return real(*args, **kwargs)

    return fake


FAULTS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "disk full writing a source": lambda mp: mp.setattr(store_module, "_atomic_write_bytes", _fail_when(
        store_module._atomic_write_bytes, FULL, lambda target, data: "sources" in str(target))),
    "permission denied writing a table": lambda mp: mp.setattr(store_module.pq, "write_table", _fail_when(
        store_module.pq.write_table, DENIED, lambda *a, **k: True)),
    "permission denied making the generation folder": lambda mp: mp.setattr(pathlib.Path, "mkdir", _fail_when(
        pathlib.Path.mkdir, DENIED, lambda self, *a, **k: self.name.startswith(".tmp-"))),
    "disk full at fsync": lambda mp: mp.setattr(os, "fsync", _fail_when(os.fsync, FULL, lambda fd: True)),
    "permission denied renaming the generation": lambda mp: mp.setattr(pathlib.Path, "rename", _fail_when(
        pathlib.Path.rename, DENIED, lambda self, target: True)),
    "disk full replacing the manifest": lambda mp: mp.setattr(store_module.os, "replace", _fail_when(
        os.replace, FULL, lambda src, dst: str(dst).endswith("manifest.json"))),
    "permission denied on the store's lock": lambda mp: mp.setattr(store_module, "open", _fail_when(
        open, DENIED, lambda path, *a, **k: str(path).endswith(".lock")), raising=False),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_write_fault_is_one_sentence_and_leaves_the_store_as_it_was(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    ingest(FIRST, settings)
    before = _snapshot(settings.store_dir)
    FAULTS[fault](monkeypatch)
    with pytest.raises(StoreError) as caught:
        ingest(SECOND, settings)
    message = caught.value.message
    assert message.startswith(str(settings.store_dir)) and "\n" not in message
    assert "nothing was changed" in message
    monkeypatch.undo()
    assert _snapshot(settings.store_dir) == before
    assert not list(settings.store_dir.rglob(".tmp-*")) and not list(settings.store_dir.rglob(".manifest.json.*"))


def test_an_upload_into_a_full_disk_shows_the_sentence_and_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import base64

    from dashboard.app import create_app
    from tests.dashboard.conftest import page_module

    settings = Settings(store_dir=tmp_path / "store")
    ingest(FIRST, settings)
    before = _snapshot(settings.store_dir)
    app = create_app(settings)
    FAULTS["disk full writing a source"](monkeypatch)
    contents = "data:text/csv;base64," + base64.b64encode(SECOND[0][1]).decode()
    with app.server.test_request_context():
        shown, _ = page_module("data").upload_files([contents], ["second.csv"])
    assert shown[0].id == "upload-error"
    assert "No space left on device" in shown[0].children and "nothing was changed" in shown[0].children
    monkeypatch.undo()
    assert _snapshot(settings.store_dir) == before
