"""The versioned local store: Parquet per table per release, and manifest.json; atomic writes.

Layout::

    STORE/manifest.json                    what is stored: releases, their files, counts
    STORE/sources/<sha256>                 each ingested export, byte for byte (snapshot of record)
    STORE/releases/<label>/g<N>/<table>.parquet
    STORE/context/<key>/g<N>/<table>.parquet   context sources (UCDP's conflicts): never SIPRI's

A release is rewritten as a new generation folder and becomes visible only when manifest.json is
replaced (an atomic rename), so a reader sees one whole release or the previous one, never a mix,
and an ingest that fails leaves the store as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.config import Settings
from etl.errors import ReleaseLabelError, StoreError, UnknownReleaseError, permission_sentence

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
TABLES = ("deals", "deliveries", "tiv_totals", "reports", "entities")
# A release label names a folder under STORE/releases: a plain name, never a path.
_RELEASE_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def check_release_label(label: object) -> str:
    """The label when it is a plain name (letters, digits, '.', '_', '-'); ReleaseLabelError if not."""
    if not isinstance(label, str) or not _RELEASE_LABEL.fullmatch(label) or ".." in label:
        raise ReleaseLabelError(label)
    return label


def release_sort_key(label: str) -> tuple[int, str]:
    """Releases order by year where the label is one, else alphabetically after the years."""
    return (int(label), "") if label.isdigit() else (10**6, label)


@dataclass(frozen=True)
class ReleaseInfo:
    """One release as the manifest records it."""

    label: str
    generation: int
    path: str
    data_generated: str | None
    files: list[dict[str, Any]]
    counts: dict[str, int]
    coverage: dict[str, Any]
    link: dict[str, Any]
    unclassified: list[str]

    @property
    def data_generated_text(self) -> str:
        """SIPRI's 'Data generated' date of the release's figures, for credit lines: the classic
        register's ('13 Oct 2024') where the release has one, else the span of its files' dates
        ('13 Apr 2024 - 16 Apr 2024'); a later file never moves the date of older files' figures."""
        dates = []
        for f in self.files:
            with contextlib.suppress(TypeError, ValueError):
                dates.append((f.get("layout") == "classic", datetime.fromisoformat(f["data_generated"])))
        registers = [d for is_classic, d in dates if is_classic]
        if registers:
            return f"{max(registers):%-d %b %Y}"
        if dates:
            first, last = (f"{d:%-d %b %Y}" for d in (min(d for _, d in dates), max(d for _, d in dates)))
            return first if first == last else f"{first} - {last}"
        if not self.data_generated:
            return "unknown date"
        return datetime.fromisoformat(self.data_generated).strftime("%-d %b %Y")


class Store:
    """Reads and writes one store folder."""

    def __init__(self, root: Path | str, generations_kept: int = Settings.generations_kept) -> None:
        self.root = Path(root)
        self.generations_kept = generations_kept

    @classmethod
    def from_settings(cls, settings: Settings) -> Store:
        return cls(settings.store_dir, settings.generations_kept)

    # ---- reading ----------------------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def manifest(self) -> dict[str, Any]:
        """The manifest as stored; an empty one where the store does not exist yet."""
        path = self.manifest_path
        try:
            is_file = self.root.exists() and not self.root.is_dir()
            has_manifest = path.exists()
        except PermissionError:
            raise StoreError(permission_sentence(path)) from None
        if is_file:
            raise StoreError(
                f"{self.root}: this is a file, not a folder, so it cannot be the store; give the "
                "store's folder with --store or ARMS_EXPLORER_STORE"
            )
        if not has_manifest:
            return {"format": FORMAT_VERSION, "releases": {}}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except PermissionError:
            raise StoreError(permission_sentence(path)) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(
                f"{path}: the store's manifest is damaged ({exc.__class__.__name__}); remove the "
                f"store folder {self.root} and ingest the SIPRI files again"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("releases"), dict):
            raise StoreError(
                f"{path}: the store's manifest has no 'releases'; remove {self.root} and ingest again"
            )
        version = data.get("format")
        if not isinstance(version, int) or isinstance(version, bool):
            raise StoreError(
                f"{path}: the store's manifest has no valid 'format' (it holds {version!r}), so "
                "this version of arms-explorer cannot tell how to read it; ingest the SIPRI files "
                "into a new store"
            )
        if version > FORMAT_VERSION:
            raise StoreError(
                f"{path}: this store was written in format {version} by a newer arms-explorer "
                f"(this one reads format {FORMAT_VERSION}); upgrade arms-explorer to use it; "
                "nothing was changed"
            )
        if version < FORMAT_VERSION:
            # No older format has been released yet: when one is, migrate it here.
            raise StoreError(
                f"{path}: this store is in format {version}, older than any this arms-explorer "
                f"can migrate (it reads format {FORMAT_VERSION}); ingest the SIPRI files into a "
                "new store"
            )
        return data

    def releases(self) -> list[ReleaseInfo]:
        """Releases in the store, oldest first."""
        raw = self.manifest()["releases"]
        infos = [self._info(key, v) for key, v in raw.items()]
        return sorted(infos, key=lambda r: release_sort_key(r.label))

    def require_folder(self) -> None:
        """StoreError unless the store's folder exists: a command that only reads has nothing to read."""
        self.manifest()  # a plain file is its own sentence
        if not self.root.is_dir():
            raise StoreError(
                f"There is no store at {self.root} (no such folder): check --store or "
                "ARMS_EXPLORER_STORE, or create the store with `arms-explorer ingest FILE`"
            )

    def _info(self, key: str, v: Any) -> ReleaseInfo:
        """The manifest's entry for one release, checked field by field."""

        def damaged(field: str) -> StoreError:
            return StoreError(
                f"{self.manifest_path}: the store's manifest entry for release {key} is damaged "
                f"(its '{field}' is missing or of the wrong kind); ingest that release's SIPRI "
                "files into a new store, or restore the manifest from a backup"
            )

        if not isinstance(v, dict):
            raise damaged("entry")
        kinds: dict[str, type | tuple[type, ...]] = {
            "label": str, "generation": int, "path": str, "data_generated": (str, type(None)),
            "files": list, "counts": dict, "coverage": dict, "link": dict, "unclassified": list,
        }
        defaults: dict[str, Any] = {"data_generated": None, "files": [], "counts": {}, "coverage": {},
                                    "link": {}, "unclassified": []}
        values: dict[str, Any] = {name: v.get(name, defaults.get(name)) for name in kinds}
        for name, kind in kinds.items():
            if not isinstance(values[name], kind) or isinstance(values[name], bool):
                raise damaged(name)
        label = values["label"]
        if label != key or not _RELEASE_LABEL.fullmatch(label) or ".." in label:
            raise damaged("label")
        if values["path"] != f"releases/{label}/g{values['generation']}":
            raise damaged("path")
        if not all(isinstance(f, dict) and isinstance(f.get("sha256"), str)
                   and isinstance(f.get("name"), str) for f in values["files"]):
            raise damaged("files")
        if values["data_generated"] is not None:
            try:
                datetime.fromisoformat(values["data_generated"])
            except ValueError:
                raise damaged("data_generated") from None
        return ReleaseInfo(**{**values, "files": list(values["files"])})

    def release(self, label: str | None = None) -> ReleaseInfo:
        """The release with that label, or the newest one when no label is given."""
        releases = self.releases()
        if not releases:
            raise StoreError(
                f"The store at {self.root} holds no release yet: run `arms-explorer ingest FILE` "
                "with a SIPRI export first"
            )
        if label is None:
            return releases[-1]
        for info in releases:
            if info.label == str(label):
                return info
        raise UnknownReleaseError(str(label), [r.label for r in releases])

    def table(self, release: ReleaseInfo, name: str, categories: Sequence[str] = ()) -> pd.DataFrame:
        """One table of one release, read from its Parquet file; text columns named in
        `categories` come as pandas categories (read from Parquet's dictionary pages)."""
        path = self.root / release.path / f"{name}.parquet"
        try:
            is_folder = path.is_dir()
        except PermissionError:  # a folder above it cannot be entered
            raise StoreError(permission_sentence(path)) from None
        if is_folder:  # Arrow would read a folder as an empty data set
            raise StoreError(
                f"{path}: this store file is a folder, not a Parquet file; ingest release "
                f"{release.label}'s SIPRI files again to rebuild it"
            )
        try:
            # ParquetFile, not read_table: read_table imports pyarrow.dataset, which every
            # command that reads the store would pay for at start-up
            wanted: list[str] = []
            if categories:
                with pq.ParquetFile(path) as handle:
                    present = set(handle.schema_arrow.names)
                wanted = [c for c in categories if c in present]
            with pq.ParquetFile(path, read_dictionary=wanted or None) as handle:
                table = handle.read()
            return table.to_pandas()
        except PermissionError:
            raise StoreError(permission_sentence(path)) from None
        except FileNotFoundError:
            raise StoreError(
                f"{path}: this store file is missing; ingest release {release.label}'s SIPRI "
                "files again (`arms-explorer ingest FILE`) to rebuild it"
            ) from None
        except (OSError, pa.ArrowException) as exc:
            if path.exists() and not os.access(path, os.R_OK):  # Arrow's own error for EACCES
                raise StoreError(permission_sentence(path)) from None
            raise StoreError(
                f"{path}: this store file is damaged ({exc.__class__.__name__}); ingest release "
                f"{release.label}'s SIPRI files again to rebuild it"
            ) from None

    def source_bytes(self, sha256: str) -> bytes:
        """The bytes of an ingested export, as they were ingested (checked against their sha256)."""
        path = self.root / "sources" / sha256
        try:
            data = path.read_bytes()
        except PermissionError:
            raise StoreError(permission_sentence(path)) from None
        except OSError:
            raise StoreError(
                f"{path}: a stored source file is missing; remove {self.root} and ingest again"
            ) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StoreError(
                f"{path}: this stored source file no longer matches its sha256 (it was changed "
                "after it was ingested); nothing was changed; put the original file back or ingest "
                "the release's SIPRI files into a new store"
            )
        return data

    # ---- writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock: one ingest at a time, across processes."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            lock = open(self.root / ".lock", "a+")  # noqa: SIM115 - closed by the `with` below
        except PermissionError as exc:
            raise StoreError(
                f"{self.root}: could not write the store, "
                f"{permission_sentence(Path(exc.filename or self.root), 'write')}; nothing was changed"
            ) from None
        except OSError as exc:
            raise StoreError(
                f"{self.root}: could not write the store ({exc.strerror or exc}); nothing was changed; "
                "fix the folder's permissions or free some space and ingest again"
            ) from None
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self._remove_leftovers()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _remove_leftovers(self) -> None:
        """Remove the temporary files of an ingest that was killed (call under the write lock)."""
        leftovers = [*self.root.glob(f".{MANIFEST}.*"), *self.root.glob("sources/.*"),
                     *self.root.glob("releases/*/.tmp-*"), *self.root.glob("context/*/.tmp-*")]
        for path in leftovers:
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()

    def commit(
        self,
        releases: dict[str, tuple[dict[str, pd.DataFrame], dict[str, Any]]],
        sources: dict[str, bytes],
        removed: Sequence[str] = (),
        context: dict[str, tuple[dict[str, pd.DataFrame], dict[str, Any]]] | None = None,
    ) -> None:
        """Write new generations of `releases` (tables, manifest entry) and their source bytes;
        take the `removed` releases out of the manifest (their folders go after the switch).
        `context` sources (key -> tables, entry) go under the manifest's own `context` key, in
        the same switch: never among SIPRI's releases.

        Nothing is visible until the manifest is replaced at the end; on any failure every file
        written here is removed again and the store is as it was.
        """
        context = context or {}
        for label in [*releases, *removed, *context]:
            check_release_label(label)  # before anything is written
        created: list[Path] = []
        try:
            manifest = self.manifest()
            (self.root / "sources").mkdir(parents=True, exist_ok=True)
            for sha, data in sources.items():
                target = self.root / "sources" / sha
                if not target.exists():
                    _atomic_write_bytes(target, data)
                    created.append(target)
            _fsync_folder(self.root / "sources")
            for label, (tables, entry) in releases.items():
                previous = manifest["releases"].get(label)
                final = self._write_generation(self.root / "releases" / label, tables, previous, created)
                generation = int(final.name[1:])
                entry = {
                    **entry,
                    "label": label,
                    "generation": generation,
                    "path": f"releases/{label}/g{generation}",
                }
                manifest["releases"][label] = entry
            for key, (tables, entry) in context.items():
                held = manifest.setdefault("context", {})
                previous = held.get(key) if isinstance(held.get(key), dict) else None
                folder = self.root / "context" / key
                final = self._write_generation(folder, tables, previous, created)
                held[key] = {**entry, "key": key, "generation": int(final.name[1:]),
                             "path": f"context/{key}/{final.name}"}
            for label in removed:
                manifest["releases"].pop(label, None)
            manifest["format"] = FORMAT_VERSION
            manifest["updated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            _atomic_write_bytes(
                self.manifest_path,
                json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"),
            )
            _fsync_folder(self.root)  # the rename of the manifest itself
        except BaseException:
            for path in reversed(created):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
            raise
        for label in releases:
            self._prune(label)
        for key in context:
            self._prune(key, "context")
        for label in removed:  # no longer referenced: the manifest switch above is durable
            shutil.rmtree(self.root / "releases" / label, ignore_errors=True)

    def _write_generation(
        self, folder: Path, tables: dict[str, pd.DataFrame], previous: dict[str, Any] | None, created: list[Path]
    ) -> Path:
        """Tables written into a new generation folder `folder/g<N>`, fsynced; its path.

        Past every generation folder there is, whatever the manifest's counter says: a folder that
        exists is never replaced (a reader or the manifest may use it). The manifest switch that
        follows is fsynced, so what it names is on disk first."""
        folder.mkdir(parents=True, exist_ok=True)
        generation = 1 + max([int(previous["generation"]) if previous else 0, *_generations(folder)])
        staging = folder / f".tmp-{uuid.uuid4().hex}"
        staging.mkdir()
        created.append(staging)
        _write_tables(tables, staging)
        final = folder / f"g{generation}"
        staging.rename(final)
        created.remove(staging)
        created.append(final)
        _fsync_folder(final)
        _fsync_folder(folder)
        _fsync_folder(folder.parent)
        return final

    def context_entry(self, key: str) -> dict[str, Any] | None:
        """The manifest's entry of one context source (e.g. 'ucdp_conflicts'), None where not ingested."""
        held = self.manifest().get("context")
        entry = held.get(key) if isinstance(held, dict) else None
        if entry is None:
            return None
        if not isinstance(entry, dict) or entry.get("path") != f"context/{key}/g{entry.get('generation')}":
            raise StoreError(
                f"{self.manifest_path}: the store's manifest entry for the context source {key} is "
                "damaged; ingest that source's file again"
            )
        return entry

    def context_table(self, entry: dict[str, Any], name: str) -> pd.DataFrame:
        """One table of an ingested context source."""
        path = self.root / entry["path"] / f"{name}.parquet"
        try:
            with pq.ParquetFile(path) as handle:
                return handle.read().to_pandas()
        except PermissionError:
            raise StoreError(permission_sentence(path)) from None
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(
                f"{path}: this store file is missing or damaged ({exc.__class__.__name__}); ingest "
                f"the context source {entry.get('key')} again"
            ) from None

    def _prune(self, label: str, area: str = "releases") -> None:
        """Remove old generations of a release, keeping the newest few for readers in flight."""
        keep = max(1, self.generations_kept)
        label = check_release_label(label)
        folder = self.root / area / label
        try:
            manifest = self.manifest()
            held = manifest[area] if area == "releases" else manifest.get(area, {})
            referenced = {str(v.get("path")) for v in held.values() if isinstance(v, dict)}
        except StoreError:
            return  # prune nothing when the manifest cannot say what is in use
        numbers = sorted(_generations(folder))
        for number in numbers[:-keep]:
            if f"{area}/{label}/g{number}" not in referenced:
                shutil.rmtree(folder / f"g{number}", ignore_errors=True)


def _generations(folder: Path) -> list[int]:
    """Numbers of the generation folders `g<N>` in a release folder."""
    if not folder.is_dir():
        return []
    return [int(p.name[1:]) for p in folder.iterdir() if p.name[:1] == "g" and p.name[1:].isdigit()]


def _write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    """Each table as `folder/<name>.parquet`, two at a time (Arrow's writer releases the GIL)."""

    def write(item: tuple[str, pd.DataFrame]) -> None:
        name, frame = item
        path = folder / f"{name}.parquet"
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(write, tables.items()))  # re-raises the first failure


def _fsync_folder(folder: Path) -> None:
    """Make a folder's entries (files created or renamed in it) durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_UMASK_LOCK = threading.Lock()


def _file_mode() -> int:
    """The mode a new file gets under the process's umask (os.umask can only be read by setting it)."""
    with _UMASK_LOCK:
        mask = os.umask(0o077)
        os.umask(mask)
    return 0o666 & ~mask


def _atomic_write_bytes(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        os.fchmod(fd, _file_mode())  # mkstemp makes 0600; a store is shared as the umask says
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
