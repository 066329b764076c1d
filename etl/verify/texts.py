"""Pasted texts kept under a short id, so that a link to a long article's check stays short
(a 4,000-character text in the URL overflows a server's request line).

Texts are content-addressed (`STORE/texts/<id>.txt`, the id from the text's sha256), written once
and never changed, so every worker reads the same text for the same id.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from etl.errors import ArmsExplorerError

TEXTS_FOLDER = "texts"
ID_CHARS = 16
_ID = re.compile(rf"[0-9a-f]{{{ID_CHARS}}}")
# A text longer than this goes into the store rather than the link.
MAX_LINK_CHARS = 1_500


class TextNotFoundError(ArmsExplorerError):
    """A link's text id that names no stored text."""


def text_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_CHARS]


def save_text(store_dir: Path, text: str) -> str:
    """Keep the text (once) and give its id."""
    identifier = text_id(text)
    folder = Path(store_dir) / TEXTS_FOLDER
    target = folder / f"{identifier}.txt"
    if target.exists():
        return identifier
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        raise ArmsExplorerError(f"{folder}: the text could not be kept for its link "
                                f"({exc.strerror or exc}); paste it again to check it.") from None
    return identifier


def load_text(store_dir: Path, identifier: str) -> str:
    """The text kept under `identifier`; one sentence when there is none."""
    if not _ID.fullmatch(identifier or ""):
        raise TextNotFoundError("The link's text id is not one this server gives; paste the text again.")
    path = Path(store_dir) / TEXTS_FOLDER / f"{identifier}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise TextNotFoundError("The text this link names is not kept on this server (it may have "
                                "been checked on another one); paste the text again.") from None
