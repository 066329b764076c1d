"""Reading snapshots back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from etl.config import Settings
from etl.errors import StoreError
from etl.fetch.query import SNAPSHOT_FILE, SNAPSHOTS_DIR
from etl.fetch.release import _sha256

# ---- reading snapshots back -----------------------------------------------------------------


def snapshot_folders(settings: Settings) -> list[Path]:
    """Snapshot folders in the store, oldest first (unfinished ones are hidden and skipped)."""
    root = Path(settings.store_dir) / SNAPSHOTS_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_snapshot(folder: Path) -> dict[str, Any]:
    """A snapshot's provenance, after checking every response file against its sha256."""
    path = Path(folder) / SNAPSHOT_FILE
    try:
        provenance = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(
            f"{path}: this snapshot's provenance cannot be read ({exc.__class__.__name__}); "
            "delete the folder and fetch again"
        ) from None
    for request in provenance.get("requests", []):
        response = Path(folder) / request["response_file"]
        try:
            digest = _sha256(response.read_bytes())
        except OSError:
            raise StoreError(
                f"{response}: this snapshot file is missing; delete {folder} and fetch again"
            ) from None
        if digest != request["response_sha256"]:
            raise StoreError(
                f"{response}: this snapshot file was changed since it was fetched (its sha256 "
                f"differs from {SNAPSHOT_FILE}); delete {folder} and fetch again"
            )
    return provenance
