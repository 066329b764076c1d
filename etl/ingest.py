"""Ingest SIPRI exports: load inputs / build each release's tables / validate / save atomically."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from etl.config import Settings
from etl.context import ucdp
from etl.entities import EntityResolver
from etl.errors import InputFileError, StoreError
from etl.formats.export import (
    LAYOUT_CLASSIC,
    LAYOUT_NAMES,
    LAYOUT_TIV,
    RawExport,
    read_export,
    tiv_row_count,
)
from etl.store import TABLES, Store, check_release_label, permission_sentence
from etl.transform import ReleaseTables, SourceExport, build_release


@dataclass
class FileReport:
    """What happened to one input file."""

    name: str
    sha256: str
    layout: str
    container: str
    release: str
    data_generated: str | None
    query_scope: str | None
    records_read: int
    records_stored: int = 0
    records_reported: int = 0
    reasons: list[dict[str, Any]] = field(default_factory=list)
    unchanged: bool = False
    # records of other files of the release that this file's records took the place of, per file
    replaces: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def layout_name(self) -> str:
        name = LAYOUT_NAMES.get(self.layout, self.layout)
        return f"{name} (SIPRI backend JSON)" if self.container == "backend_json" else name


def report_lines(report: FileReport, max_reasons: int = 50) -> list[str]:
    """One file's ingest report as lines: the command line and the Data page show the same."""
    if report.layout == ucdp.LAYOUT_UCDP:
        return _context_lines(report, max_reasons)
    if report.unchanged:
        return [f"{report.name}: already in release {report.release} (same bytes); nothing changed"]
    when = report.data_generated or "no 'Data generated' line"
    lines = [
        f"{report.name}: {report.layout_name}, data generated {when}, release {report.release}: "
        f"{report.records_read} records read, {report.records_stored} stored, "
        f"{report.records_reported} reported"
    ]
    lines += [f"  warning: {w}" for w in report.warnings]
    for other, count in report.replaces.items():
        lines.append(
            f"  replaces {count} {'delivery rows' if report.layout == 'delivery' else 'records'} of "
            f"{other} (the same deal and year; this file's figures are kept)"
        )
    lines += [f"  line {r['line']}: {r['reason']}" for r in report.reasons[:max_reasons]]
    if len(report.reasons) > max_reasons:
        lines.append(f"  ... and {len(report.reasons) - max_reasons} more")
    return lines


def _context_lines(report: FileReport, max_reasons: int) -> list[str]:
    if report.unchanged:
        return [f"{report.name}: already in the store as the UCDP/PRIO conflicts (same bytes); nothing changed"]
    lines = [
        f"{report.name}: {ucdp.DATASET} (context, kept apart from SIPRI's figures; {ucdp.LICENCE}): "
        f"{report.records_read} conflict-years read, {report.records_stored} entity conflict-years stored"
    ]
    lines += [f"  not mapped to an entity: {w}" for w in report.warnings[:max_reasons]]
    if len(report.warnings) > max_reasons:
        lines.append(f"  ... and {len(report.warnings) - max_reasons} more")
    return lines


@dataclass
class IngestResult:
    """Reports per file and, per release touched, its link statistics and unclassified names."""

    files: list[FileReport]
    link: dict[str, dict[str, Any]] = field(default_factory=dict)
    unclassified: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Input:
    name: str
    data: bytes
    sha256: str
    export: RawExport


def release_for(generated: datetime | None, path: str, settings: Settings) -> str:
    """Release label from SIPRI's 'Data generated' time: a file made before March is last year's."""
    if generated is None:
        raise InputFileError(
            path,
            "has no 'Data generated' line (its preamble was removed), so its SIPRI release is "
            "unknown; pass --release LABEL (e.g. --release 2025)",
        )
    year = (
        generated.year if generated.month >= settings.release_cutoff_month else generated.year - 1
    )
    return str(year)


def read_input(name: str, data: bytes) -> _Input:
    """One input, read and recognised; raises InputFileError naming the file on bad input."""
    export = read_export(data, name)
    return _Input(name=name, data=data, sha256=hashlib.sha256(data).hexdigest(), export=export)


def read_paths(
    paths: Sequence[str | Path], limit: int = Settings.max_input_bytes
) -> list[tuple[str, bytes]]:
    """(name, bytes) of each path; a path that is missing, unreadable, not a regular file or
    larger than `limit` bytes is an InputFileError (a FIFO or a device is never opened)."""
    out = []
    for p in paths:
        path = Path(p)
        try:
            info = path.stat()
        except FileNotFoundError:
            raise InputFileError(str(p), "no such file") from None
        except OSError as exc:
            raise InputFileError(str(p), f"cannot be read ({exc.strerror})") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError(str(p), "is a folder, not a SIPRI export file")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(
                str(p), "is not a regular file (a device, pipe or socket); save the export to a file first"
            )
        if info.st_size > limit:
            raise InputFileError(str(p), _too_big(info.st_size, limit))
        try:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)  # a file that grew since stat() is still bounded
        except PermissionError:
            raise InputFileError(str(p), f"cannot be read: {permission_sentence(path)}") from None
        except OSError as exc:
            raise InputFileError(str(p), f"cannot be read ({exc.strerror})") from None
        if len(data) > limit:
            raise InputFileError(str(p), _too_big(len(data), limit))
        out.append((path.name, data))
    return out


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / 1024 / 1024:.1f} MB, larger than the {limit / 1024 / 1024:g} MB limit "
        "for a SIPRI export (SIPRI's whole register is about 4 MB)"
    )


ORIGINS = ("ingest", "upload", "fetch")


def ingest(
    items: Sequence[tuple[str, bytes]],
    settings: Settings,
    release: str | None = None,
    progress: Callable[[str], None] | None = None,
    origin: str = "ingest",
) -> IngestResult:
    """Ingest exports given as (name, bytes); all or nothing: on any error the store is unchanged.

    `origin` records how the files came (`arms-explorer ingest`, an upload on the Data page, a
    fetch from SIPRI's backend) beside each file in the manifest.
    """
    if origin not in ORIGINS:
        raise ValueError(f"origin must be one of {', '.join(ORIGINS)}, not {origin!r}")
    say = progress or (lambda _msg: None)
    if release is not None:
        check_release_label(release)
    store = Store.from_settings(settings)
    inputs: dict[str, _Input] = {}
    context_items: list[tuple[str, bytes]] = []
    for name, data in items:
        say(f"reading {name}")
        if ucdp.is_ucdp_file(data):  # context, not a SIPRI export: no release of its own
            context_items.append((name, data))
            continue
        item = read_input(name, data)
        inputs.setdefault(item.sha256, item)
    context_tables = [_context_input(name, data, origin) for name, data in context_items[-1:]]
    groups: dict[str, list[_Input]] = {}
    for item in inputs.values():
        label = release if release is not None else release_for(item.export.preamble.data_generated, item.name, settings)
        groups.setdefault(label, []).append(item)

    resolver = EntityResolver()
    reports: list[FileReport] = []
    result = IngestResult(files=reports)
    with store.writing():
        manifest = store.manifest()
        to_write: dict[str, tuple[dict[str, pd.DataFrame], dict[str, Any]]] = {}
        new_sources: dict[str, bytes] = {}
        for label, new_items in groups.items():
            entry = manifest["releases"].get(label)
            known = {f["sha256"]: f for f in entry["files"]} if entry else {}
            fresh = [i for i in new_items if i.sha256 not in known]
            for item in new_items:
                if item.sha256 in known:
                    reports.append(_report(known[item.sha256], label))
            if not fresh:
                continue
            say(f"building release {label}")
            old = _stored_inputs(store, entry)
            everything = _by_date(_unique_names(old + fresh))
            tables, frames, file_entries = _build(everything, known, label, resolver, origin)
            for item, fentry in zip(everything, file_entries, strict=True):
                if item in fresh:
                    fentry["warnings"] = _late_file_warnings(fentry, file_entries, label, settings)
                    reports.append(_report(fentry, label, tables))
                    new_sources[item.sha256] = item.data
            to_write[label] = (frames, _release_entry(file_entries, tables, frames))
            result.link[label] = tables.link
            result.unclassified[label] = tables.unclassified
        context_write: dict[str, tuple[dict[str, pd.DataFrame], dict[str, Any]]] = {}
        for name, sha, tables_, entry_, report in context_tables:
            held = store.context_entry(ucdp.SOURCE_KEY)
            if held is not None and held.get("sha256") == sha:
                report.unchanged = True
            else:
                context_write[ucdp.SOURCE_KEY] = (tables_, entry_)
                new_sources[sha] = dict(context_items)[name]
            reports.append(report)
        if to_write or context_write:
            say("writing the store")
            _commit(store, to_write, new_sources, context=context_write)
    return result


def _context_input(
    name: str, data: bytes, origin: str
) -> tuple[str, str, dict[str, pd.DataFrame], dict[str, Any], FileReport]:
    """UCDP's conflict CSV read and derived: (name, sha256, tables, manifest entry, report)."""
    sha = hashlib.sha256(data).hexdigest()
    raw = ucdp.read_conflicts(data, name)
    derived = ucdp.conflict_years(raw)
    entry = {**ucdp.provenance(name, sha, derived.rows_read, origin),
             "added_at": datetime.now(UTC).isoformat(timespec="seconds"),
             "records_stored": len(derived.frame), "unmapped": derived.unmapped}
    tables = {"conflict_years": derived.frame,
              "conflicts": raw.drop(columns=["source_line"]).reset_index(drop=True)}
    report = FileReport(name=name, sha256=sha, layout=ucdp.LAYOUT_UCDP, container="csv", release="context",
                        data_generated=None, query_scope=None, records_read=derived.rows_read,
                        records_stored=len(derived.frame), warnings=list(derived.unmapped))
    return name, sha, tables, entry, report


@dataclass
class RemoveResult:
    """What `remove_file` took out, and what is left of the release."""

    release: str
    name: str
    sha256: str
    files_left: list[str]
    release_removed: bool


def remove_file(settings: Settings, release: str, name_or_sha: str) -> RemoveResult:
    """Take one file out of a release and rebuild the release from the others (atomic, like
    ingest); the release goes when its last file does. The stored source is kept."""
    check_release_label(release)
    store = Store.from_settings(settings)
    store.require_folder()
    with store.writing():
        entry = store.manifest()["releases"].get(release)
        if entry is None:
            store.release(release)  # raises the store's own 'unknown release' sentence
        files = entry["files"]
        matches = [f for f in files if f["name"] == name_or_sha]
        if not matches and len(name_or_sha) >= 8:
            matches = [f for f in files if f["sha256"].startswith(name_or_sha.lower())]
        held = ", ".join(f"{f['name']} ({f['sha256'][:12]})" for f in files)
        if len(matches) != 1:
            problem = "matches several files" if matches else "is neither the name nor the sha256 (8 characters or more) of a file"
            raise StoreError(f"'{name_or_sha}' {problem} in release {release}, which holds: {held}")
        [gone] = matches
        rest = [f for f in files if f["sha256"] != gone["sha256"]]
        if not rest:
            _commit(store, {}, {}, removed=[release])
            return RemoveResult(release, gone["name"], gone["sha256"], [], True)
        known = {f["sha256"]: f for f in rest}
        items = _by_date(_stored_inputs(store, {"files": rest}))
        tables, frames, file_entries = _build(items, known, release, EntityResolver(), "ingest")
        _commit(store, {release: (frames, _release_entry(file_entries, tables, frames))}, {})
    return RemoveResult(release, gone["name"], gone["sha256"], [f["name"] for f in rest], False)


def _stored_inputs(store: Store, entry: dict[str, Any] | None) -> list[_Input]:
    """The files a release already holds, read again from the store's sources."""
    out = []
    for f in entry["files"] if entry else []:
        data = store.source_bytes(f["sha256"])
        out.append(_Input(f["name"], data, f["sha256"], read_export(data, f["name"])))
    return out


def _build(
    everything: list[_Input],
    known: dict[str, dict[str, Any]],
    label: str,
    resolver: EntityResolver,
    origin: str,
) -> tuple[ReleaseTables, dict[str, pd.DataFrame], list[dict[str, Any]]]:
    """One release's tables from all its files, validated, and each file's manifest entry
    (files already in the release keep when and how they came)."""
    # pandera (17 MB, 0.2 s) is imported only here, where tables are validated, not by every
    # process that merely reads the store (the dashboard's workers, most commands)
    from etl.schemas import validate

    tables = build_release([SourceExport(i.name, i.export) for i in everything], label, resolver)
    frames = {name: validate(name, getattr(tables, name), f"release {label}") for name in TABLES}
    file_entries = []
    for i in everything:
        fentry = _file_entry(i, tables, label)
        before = known.get(i.sha256)
        if before is None:
            fentry["origin"] = origin
            fentry["added_at"] = fentry["ingested_at"]
        else:
            fentry["ingested_at"] = before["ingested_at"]
            fentry["origin"] = before.get("origin", "ingest")
            fentry["added_at"] = before.get("added_at", before["ingested_at"])
            if before.get("warnings"):
                fentry["warnings"] = before["warnings"]
        file_entries.append(fentry)
    return tables, frames, file_entries


def _commit(
    store: Store,
    to_write: dict[str, tuple[dict[str, pd.DataFrame], dict[str, Any]]],
    sources: dict[str, bytes],
    removed: Sequence[str] = (),
    context: dict[str, tuple[dict[str, pd.DataFrame], dict[str, Any]]] | None = None,
) -> None:
    try:
        store.commit(to_write, sources, removed=removed, context=context)
    except PermissionError as exc:
        where = Path(exc.filename) if exc.filename else store.root
        raise StoreError(
            f"{store.root}: could not write the store, {permission_sentence(where, 'write')}"
            "; nothing was changed"
        ) from None
    except OSError as exc:
        raise StoreError(
            f"{store.root}: could not write the store ({exc.strerror or exc}); nothing was "
            "changed; free some space or fix the folder's permissions and ingest again"
        ) from None


def _by_date(items: list[_Input]) -> list[_Input]:
    """Files oldest 'Data generated' first (undated first, then as given): where two files hold
    the same delivery row, the newer export's is kept whatever order the files came in, so the
    command line (files as given) and the Data page (after what the store holds) store alike."""
    def when(item: _Input) -> str:
        generated = item.export.preamble.data_generated
        return generated.isoformat() if generated else ""

    return sorted(items, key=when)


def _unique_names(items: list[_Input]) -> list[_Input]:
    seen: dict[str, int] = {}
    for item in items:
        seen[item.name] = seen.get(item.name, 0) + 1
    for item in items:
        if seen[item.name] > 1:
            item.name = f"{item.name} ({item.sha256[:8]})"
    return items


def _records_read(export: RawExport) -> int:
    return tiv_row_count(export) if export.layout == LAYOUT_TIV else export.records_read


def _file_entry(item: _Input, tables: ReleaseTables, label: str) -> dict[str, Any]:
    export = item.export
    reported = tables.reports[tables.reports["source_file"] == item.name]
    generated = export.preamble.data_generated
    return {
        "name": item.name,
        "sha256": item.sha256,
        "size": len(item.data) if item.data else None,
        "layout": export.layout,
        "container": export.container,
        "data_generated": generated.isoformat() if generated else None,
        "query_scope": export.preamble.query_scope,
        "header_line": export.header_line,
        "tiv_direction": export.tiv_direction,
        "records_read": _records_read(export),
        "records_stored": tables.stored.get(item.name, 0),
        "records_reported": int(len(reported)),
        "replaces": _replaced_by(item.name, tables),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _replaced_by(name: str, tables: ReleaseTables) -> dict[str, int]:
    """Records of other files that were reported because `name` holds the same deal (and year)."""
    reports = tables.reports
    if not len(reports):
        return {}
    reasons = reports["reason"]
    mine = (
        reasons.str.startswith(f"same deal and delivery year as {name} line ")
        | reasons.str.startswith(f"same deal as {name} line ")
    ) & (reports["source_file"] != name)
    counts = reports.loc[mine, "source_file"].value_counts()
    return {str(k): int(v) for k, v in counts.items()}


def _late_file_warnings(
    entry: dict[str, Any], entries: list[dict[str, Any]], label: str, settings: Settings
) -> list[str]:
    """A warning when the file was generated long after every other file of its release."""
    others = [
        datetime.fromisoformat(e["data_generated"])
        for e in entries
        if e is not entry and e.get("data_generated")
    ]
    if not entry.get("data_generated") or not others:
        return []
    generated, newest = datetime.fromisoformat(entry["data_generated"]), max(others)
    days = (generated.date() - newest.date()).days
    if days <= settings.late_file_days:
        return []
    replaced = sum(entry.get("replaces", {}).values())
    return [
        f"{entry['name']} was generated {generated:%-d %b %Y}, {days} days after the newest other "
        f"file of release {label} ({newest:%-d %b %Y}): it is a later SIPRI export, and its records "
        f"take the place of {replaced} of the older files' records; release {label}'s credit keeps "
        "its own date. To keep it apart, ingest it with --release LABEL into a release of its own "
        "(and `arms-explorer remove` it from this one)"
    ]


def _report(
    entry: dict[str, Any], label: str, tables: ReleaseTables | None = None
) -> FileReport:
    """The report of one file from its manifest entry; with `tables`, its reported records too."""
    reasons: list[dict[str, Any]] = []
    if tables is not None:
        reported = tables.reports[tables.reports["source_file"] == entry["name"]]
        reasons = [{"line": int(r.source_line), "reason": r.reason} for r in reported.itertuples()]
    return FileReport(
        name=entry["name"],
        sha256=entry["sha256"],
        layout=entry["layout"],
        container=entry["container"],
        release=label,
        data_generated=entry["data_generated"],
        query_scope=entry["query_scope"],
        records_read=entry["records_read"],
        records_stored=entry["records_stored"],
        records_reported=entry["records_reported"],
        reasons=reasons,
        unchanged=tables is None,
        replaces=dict(entry.get("replaces") or {}),
        warnings=list(entry.get("warnings") or []) if tables is not None else [],
    )


def _release_entry(
    files: list[dict[str, Any]], tables: ReleaseTables, frames: dict[str, pd.DataFrame]
) -> dict[str, Any]:
    deals, deliveries = frames["deals"], frames["deliveries"]
    # The register's date where the release has one (its figures are the register's), else the
    # newest file's: never a later delivery-level file's date for the register's figures.
    classic = [f["data_generated"] for f in files if f["data_generated"] and f["layout"] == LAYOUT_CLASSIC]
    generated = classic or [f["data_generated"] for f in files if f["data_generated"]]
    coverage: dict[str, Any] = {}
    if len(deals):
        coverage = {
            "order_years": [int(deals["order_year"].min()), int(deals["order_year"].max())],
            "delivery_years": (
                [int(deliveries["delivery_year"].min()), int(deliveries["delivery_year"].max())]
                if len(deliveries)
                else None
            ),
            "suppliers": int(deals["supplier_id"].nunique()),
            "recipients": int(deals["recipient_id"].nunique()),
            "open_orders": int(deals["is_open_order"].sum()),
            "allocated_deals": int((deals["deliveries_split"] == "allocated").sum()),
            "sipri_split_deals": int((deals["deliveries_split"] == "sipri").sum()),
        }
    link = dict(tables.link)
    return {
        "data_generated": max(generated) if generated else None,
        "files": files,
        "counts": {name: int(len(frame)) for name, frame in frames.items()},
        "coverage": coverage,
        "link": link,
        "unclassified": tables.unclassified,
    }
