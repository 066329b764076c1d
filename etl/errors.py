"""Errors a user can cause: each carries one sentence that names the file and line or the field."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import stat
from collections.abc import Sequence
from pathlib import Path

# A quoted field or file name can hold newlines and other control characters; the sentence stays one line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
# What a terminal would act on rather than show: control characters other than newline and tab
# (escape sequences, carriage return, backspace; C1 controls) and the bidirectional overrides and
# isolates that reorder what follows them (a SIPRI cell or a file name can hold any of them).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


def printable(text: str) -> str:
    """`text` without control characters (newline and tab kept) or bidi overrides, for a terminal."""
    return _UNPRINTABLE.sub("", text)


class ArmsExplorerError(Exception):
    """Base of every error shown to a user as one sentence (exit status 2 on the command line)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        message = _CONTROL.sub(" ", message)
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputFileError(ArmsExplorerError):
    """A file that cannot be read as a SIPRI export; names the file and, where known, the line."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class UnknownEntityError(ArmsExplorerError):
    """A country or actor name that matches no SIPRI entity; suggests the closest known names."""

    def __init__(self, name: str, suggestions: Sequence[str] = (), field: str = "name") -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"Unknown {field} '{name}': no SIPRI supplier or recipient has that name.{hint}"
        )
        self.name = name
        self.suggestions = list(suggestions)


class StoreError(ArmsExplorerError):
    """The local store is missing, unreadable or lacks what was asked for."""


class UnknownReleaseError(StoreError):
    """A release label that the store does not hold."""

    def __init__(self, label: str, known: Sequence[str]) -> None:
        have = ", ".join(known) if known else "none yet (run `arms-explorer ingest FILE` first)"
        super().__init__(f"Unknown release '{label}'. Releases in the store: {have}.")
        self.label = label


class ReleaseLabelError(StoreError):
    """A release label that is not a plain name (it would be a path in the store)."""

    def __init__(self, label: object) -> None:
        super().__init__(
            f"{label!r} is not a valid release label: use a plain name of letters, digits, '.', '_' "
            "or '-' that starts with a letter or digit (e.g. 2025); nothing was changed."
        )
        self.label = label


def permission_sentence(path: Path, action: str = "read") -> str:
    """'cannot read PATH: permission denied (owner U, mode 0600)': what to fix, and with whom."""
    path = Path(path)
    where = ""
    try:
        info = path.stat()
    except OSError:  # a folder above it cannot be entered: name that folder
        info = None
        for folder in path.parents:
            with contextlib.suppress(OSError):
                info = folder.stat()
                if not os.access(folder, os.X_OK):
                    where = f" in the folder {folder}"
                    break
        if not where:
            return f"cannot {action} {path}: permission denied"
    assert info is not None
    try:
        owner = pwd.getpwuid(info.st_uid).pw_name
    except KeyError:
        owner = str(info.st_uid)
    return (
        f"cannot {action} {path}: permission denied{where} (owner {owner}, mode "
        f"{stat.S_IMODE(info.st_mode):04o}); ask its owner to give you access or run as that user"
    )
