"""The store under hostile input and careless hands (issue 13): labels, modes, durability, provenance."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.cli import main
from etl.config import Settings
from etl.errors import StoreError
from etl.ingest import ingest
from etl.store import Store
from tests.etl.formats.test_formats import ROW_A, ROW_B, synthetic_classic


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


# ---- finding 6: the command line's own errors are one sentence, exit 2 ----------------------


def _one_sentence(err: str) -> None:
    assert err.startswith("error: "), err
    assert len(err.strip().splitlines()) == 1, err
    assert "internal error" not in err and "Traceback" not in err, err


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--bogus"], "--bogus"),
        (["transfers", "--format", "xml"], "xml"),
        (["transfers", "--from-year", "abc"], "--from-year"),
        (["nosuch"], "nosuch"),
        (["serve", "--port", "99999"], "--port"),
        (["serve", "--port", "0"], "--port"),
    ],
)
def test_usage_errors_are_one_sentence_and_exit_2(store_2026: Settings, capsys, args, expected):
    code, out, err = run(capsys, *args, "--store", str(store_2026.store_dir))
    assert code == 2, (out, err)
    _one_sentence(err)
    assert expected in err


def test_no_arguments_print_the_help_and_exit_0(capsys):
    code, out, err = run(capsys)
    assert code == 0, err
    assert "Usage" in out and "ingest" in out and "transfers" in out


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0"])
def test_a_fetch_timeout_that_is_not_a_positive_number_is_refused_before_any_request(
    tmp_path: Path, capsys, value: str
):
    code, _, err = run(
        capsys, "fetch", "--timeout", value, "--base-url", "http://127.0.0.1:9/",
        "--store", str(tmp_path / "s"),
    )
    assert code == 2
    _one_sentence(err)
    assert "--timeout" in err
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_a_fetch_pause_that_is_not_a_number_is_refused(tmp_path: Path, capsys, value: str):
    code, _, err = run(
        capsys, "fetch", "--pause", value, "--base-url", "http://127.0.0.1:9/",
        "--store", str(tmp_path / "s"),
    )
    assert code == 2 and "--pause" in err
    _one_sentence(err)


@pytest.mark.parametrize(
    "entry",
    [
        "oops",
        {"label": "2026"},
        {"label": "2026", "generation": "one", "path": "releases/2026/g1"},
        {"label": 2026, "generation": 1, "path": "releases/2026/g1", "files": "a.csv"},
        {"label": "2026", "generation": 1, "path": "../../etc", "files": []},
    ],
)
@pytest.mark.parametrize("command", ["releases", "transfers"])
def test_a_manifest_entry_of_the_wrong_shape_is_one_sentence(
    store_2026: Settings, capsys, entry, command: str
):
    path = store_2026.store_dir / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["releases"]["2026"] = entry
    path.write_text(json.dumps(manifest))
    code, _, err = run(capsys, command, "--store", str(store_2026.store_dir))
    assert code == 2, err
    _one_sentence(err)
    assert "manifest" in err and "2026" in err


def test_a_parquet_file_replaced_by_a_folder_is_one_sentence_naming_it(store_2026: Settings, capsys):
    target = store_2026.store_dir / "releases" / "2026" / "g1" / "deliveries.parquet"
    target.unlink()
    target.mkdir()
    code, _, err = run(capsys, "transfers", "--store", str(store_2026.store_dir))
    assert code == 2, err
    _one_sentence(err)
    assert str(target) in err


@pytest.mark.parametrize("command", ["releases", "transfers", "deals", "search"])
def test_a_store_that_is_a_plain_file_is_an_error(tmp_path: Path, capsys, command: str):
    plain = tmp_path / "notes.txt"
    plain.write_text("not a store")
    args = [command, "TB2"] if command == "search" else [command]
    code, out, err = run(capsys, *args, "--store", str(plain))
    assert code == 2, (out, err)
    _one_sentence(err)
    assert str(plain) in err and "not a folder" in err
    assert plain.read_text() == "not a store"


@pytest.mark.parametrize("command", ["releases", "transfers", "search"])
def test_a_store_folder_that_does_not_exist_is_an_error_for_read_commands(
    tmp_path: Path, capsys, command: str
):
    typo = tmp_path / "sipri-stroe"
    args = [command, "TB2"] if command == "search" else [command]
    code, out, err = run(capsys, *args, "--store", str(typo))
    assert code == 2, (out, err)
    _one_sentence(err)
    assert "no store at" in err and str(typo) in err
    assert not typo.exists()


# ---- finding 7: store files follow the umask; a permission problem is named as one ----------


@pytest.fixture
def umask():
    """Set the process umask for one test, restored after."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_to(mask: int) -> None:
        os.umask(mask)

    yield set_to
    os.umask(saved)


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_store_files_are_created_with_the_users_umask(tmp_path: Path, umask, mask: int):
    umask(mask)
    settings = Settings(store_dir=tmp_path / "store")
    ingest([("a.csv", synthetic_classic(ROW_A, ROW_B))], settings)
    ingest([("b.csv", synthetic_classic(ROW_A.replace("2021", "2019")))], settings)
    paths = [p for p in settings.store_dir.rglob("*")]
    assert any(p.name == "manifest.json" for p in paths) and any(p.parent.name == "sources" for p in paths)
    for path in paths:
        want = (0o777 if path.is_dir() else 0o666) & ~mask
        assert stat.S_IMODE(path.stat().st_mode) == want, (str(path.relative_to(tmp_path)), oct(want))


@pytest.fixture
def shared_dir():
    """A folder under /tmp that another user can traverse (pytest's own tmp folders are 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="arms-explorer-shared-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _as_another_user(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command run as user nobody (needs root and setpriv)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run the command as another user")
    exe = str(Path(sys.executable).with_name("arms-explorer"))
    return subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", exe, *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": "/tmp"},
    )


def test_a_store_ingested_with_umask_022_can_be_read_by_another_user(shared_dir: Path, umask):
    umask(0o022)
    settings = Settings(store_dir=shared_dir / "store")
    ingest([("a.csv", synthetic_classic(ROW_A, ROW_B))], settings)
    done = _as_another_user("deals", "--store", str(settings.store_dir))
    assert done.returncode == 0, done.stderr
    assert "Drone-X" in done.stdout and "Frigate-Y" in done.stdout


def test_an_unreadable_manifest_is_named_as_a_permission_problem_not_damage(
    shared_dir: Path, umask, capsys
):
    umask(0o022)
    settings = Settings(store_dir=shared_dir / "store")
    ingest([("a.csv", synthetic_classic(ROW_A, ROW_B))], settings)
    manifest = settings.store_dir / "manifest.json"
    owner = pwd.getpwuid(os.geteuid()).pw_name
    if os.geteuid() == 0:
        manifest.chmod(0o600)
        done = _as_another_user("releases", "--store", str(settings.store_dir))
        code, err = done.returncode, done.stderr
        mode = "0600"
    else:
        manifest.chmod(0o000)
        code, _, err = run(capsys, "releases", "--store", str(settings.store_dir))
        mode = "0000"
    assert code == 2
    _one_sentence(err)
    assert f"cannot read {manifest}: permission denied (owner {owner}, mode {mode})" in err
    assert "damaged" not in err and "remove" not in err


def test_an_unreadable_table_is_named_as_a_permission_problem(shared_dir: Path, umask):
    umask(0o022)
    settings = Settings(store_dir=shared_dir / "store")
    ingest([("a.csv", synthetic_classic(ROW_A, ROW_B))], settings)
    table = settings.store_dir / "releases" / "2026" / "g1" / "deals.parquet"
    table.chmod(0o600)
    done = _as_another_user("deals", "--store", str(settings.store_dir))
    assert done.returncode == 2
    _one_sentence(done.stderr)
    assert f"cannot read {table}: permission denied (owner root, mode 0600)" in done.stderr
    assert "damaged" not in done.stderr


# ---- finding 8: durability and versions ------------------------------------------------------


def test_tables_and_folders_are_fsynced_before_the_manifest_switch(
    store_2026: Settings, monkeypatch: pytest.MonkeyPatch
):
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst) -> None:
        events.append(("replace", str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    ingest([("b.csv", synthetic_classic(ROW_A.replace("2021", "2019")))], store_2026)
    root = store_2026.store_dir.resolve()
    switch = events.index(("replace", str(store_2026.store_dir / "manifest.json")))
    synced = [path for kind, path in events[:switch] if kind == "fsync"]
    for table in ("deals", "deliveries", "tiv_totals", "reports", "entities"):
        assert any(p.endswith(f"/{table}.parquet") for p in synced), table
    for folder in (root / "releases" / "2026" / "g2", root / "releases" / "2026", root / "sources"):
        assert str(folder) in synced, folder
    assert any(p.startswith(str(root / "sources") + "/") for p in synced)


@pytest.mark.parametrize("command", ["releases", "transfers", "ingest"])
def test_a_manifest_from_a_newer_version_is_refused_and_kept(
    store_2026: Settings, tmp_path: Path, capsys, command: str
):
    path = store_2026.store_dir / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["format"] = 99
    path.write_text(json.dumps(manifest))
    before = _snapshot(store_2026.store_dir)
    args = [command]
    if command == "ingest":
        other = tmp_path / "other.csv"
        other.write_bytes(synthetic_classic(ROW_A.replace("2021", "2019")))
        args.append(str(other))
    code, _, err = run(capsys, *args, "--store", str(store_2026.store_dir))
    assert code == 2, err
    _one_sentence(err)
    assert "format 99" in err and "upgrade arms-explorer" in err
    assert _snapshot(store_2026.store_dir) == before


@pytest.mark.parametrize("value", [0, "1", None])
def test_a_manifest_of_an_unknown_older_format_is_refused(store_2026: Settings, capsys, value):
    path = store_2026.store_dir / "manifest.json"
    manifest = json.loads(path.read_text())
    if value is None:
        del manifest["format"]
    else:
        manifest["format"] = value
    path.write_text(json.dumps(manifest))
    code, _, err = run(capsys, "releases", "--store", str(store_2026.store_dir))
    assert code == 2
    _one_sentence(err)
    assert "format" in err and str(path) in err


def test_a_stored_source_that_no_longer_matches_its_sha256_is_refused(
    store_2026: Settings, tmp_path: Path, capsys
):
    [source] = (store_2026.store_dir / "sources").iterdir()
    data = bytearray(source.read_bytes())
    data[-10] ^= 1
    source.write_bytes(bytes(data))
    before = _snapshot(store_2026.store_dir)
    other = tmp_path / "other.csv"
    other.write_bytes(synthetic_classic(ROW_A.replace("2021", "2019")))
    code, _, err = run(capsys, "ingest", str(other), "--store", str(store_2026.store_dir))
    assert code == 2
    _one_sentence(err)
    assert str(source) in err and "sha256" in err
    assert _snapshot(store_2026.store_dir) == before


def test_temporary_files_of_an_interrupted_ingest_are_removed_by_the_next_one(store_2026: Settings):
    root = store_2026.store_dir
    leftovers = [
        root / ".manifest.json.k2j4h1",
        root / "sources" / f".{'ab' * 32}.x81kd0",
        root / "releases" / "2026" / ".tmp-0123456789abcdef" / "deals.parquet",
    ]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\0" * 100_000)
    mine = root / "releases" / "2026" / "notes.txt"  # not ours: kept
    mine.write_text("kept")
    ingest([("b.csv", synthetic_classic(ROW_A.replace("2021", "2019")))], store_2026)
    for path in leftovers:
        assert not path.exists(), path
    assert not (root / "releases" / "2026" / ".tmp-0123456789abcdef").exists()
    assert mine.read_text() == "kept"
    assert len(Store.from_settings(store_2026).releases()) == 1


# ---- finding 9: inputs that are not files; what reaches the terminal -------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path, capsys):
    fifo = tmp_path / "register.csv"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "ingest", str(fifo), "--store", str(tmp_path / "s"))
    assert code == 2
    _one_sentence(err)
    assert f"{fifo}: is not a regular file" in err
    assert not (tmp_path / "s").exists()


def test_a_device_is_refused_before_reading(tmp_path: Path, capsys):
    code, _, err = run(capsys, "ingest", "/dev/zero", "--store", str(tmp_path / "s"))
    assert code == 2
    _one_sentence(err)
    assert "/dev/zero: is not a regular file" in err


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path, capsys):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:  # sparse: no disk used
        handle.truncate(Settings.max_input_bytes + 1)
    code, _, err = run(capsys, "ingest", str(huge), "--store", str(tmp_path / "s"))
    assert code == 2
    _one_sentence(err)
    assert f"{huge}: the file is" in err and "limit" in err


# the reader refuses control bytes inside a file; bidi controls are text and get through it
HOSTILE = "Overhaul\u202egnp.exe\u2066 done\u200f"


def test_terminal_output_carries_no_control_or_bidi_characters(tmp_path: Path, capsys):
    row = ROW_B.replace("Incl 2 produced under licence", HOSTILE)
    data = synthetic_classic(ROW_A).decode("latin-1") + row + "\n"
    name = tmp_path / "evil\x1b]0;pwned\x07\x1b[2J\r.csv"
    name.write_bytes(data.encode("utf-8"))
    store = str(tmp_path / "s")
    outputs = []
    for args in (["ingest", str(name)], ["deals"], ["releases"], ["search", "Frigate"],
                 ["deals", "--format", "csv"]):
        code, out, err = run(capsys, *args, "--store", store)
        assert code == 0, (args, err)
        outputs.append(out + err)
    text = "".join(outputs)
    assert "Overhaul" in text and "gnp.exe" in text and "evil" in text
    for bad in ("\x1b", "\x07", "\r", "\u202e", "\u2066", "\u200f"):
        assert bad not in text, repr(bad)


# ---- finding 4: who added what; taking a file out again --------------------------------------

UPLOADED_ROW = ROW_A.replace("Drone-X", "Fabricated-Z").replace("2021", "2017")


def test_every_file_records_its_origin_and_when_it_was_added(store_2026: Settings):
    ingest([("up.csv", synthetic_classic(UPLOADED_ROW))], store_2026, origin="upload")
    files = {f["name"]: f for f in Store.from_settings(store_2026).release("2026").files}
    assert files["a.csv"]["origin"] == "ingest" and files["up.csv"]["origin"] == "upload"
    for f in files.values():
        added = datetime.fromisoformat(f["added_at"])
        assert added.tzinfo is not None and abs(datetime.now(UTC) - added).total_seconds() < 600
        assert len(f["sha256"]) == 64


def test_an_unknown_origin_is_refused(store_2026: Settings):
    with pytest.raises(ValueError, match="origin"):
        ingest([("up.csv", synthetic_classic(UPLOADED_ROW))], store_2026, origin="friend")


def test_releases_lists_each_file_with_origin_date_and_sha(store_2026: Settings, capsys):
    ingest([("up.csv", synthetic_classic(UPLOADED_ROW))], store_2026, origin="upload")
    code, out, _ = run(capsys, "releases", "--store", str(store_2026.store_dir))
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("up.csv"))
    entry = next(f for f in Store.from_settings(store_2026).release("2026").files if f["name"] == "up.csv")
    assert "uploaded" in line and entry["added_at"][:10] in line and entry["sha256"][:12] in line
    assert "generated 2026-05-18" in line


def test_a_release_with_an_uploaded_file_says_so_in_its_credit_and_citation(store_2026: Settings):
    from etl.provenance import citation_text, credit_line

    before = credit_line(Store.from_settings(store_2026).release("2026"))
    assert "uploaded" not in before
    ingest([("up.csv", synthetic_classic(UPLOADED_ROW))], store_2026, origin="upload")
    info = Store.from_settings(store_2026).release("2026")
    line = credit_line(info)
    assert line.startswith("Source: SIPRI Arms Transfers Database (c) SIPRI; release 2026, data generated 18 May 2026")
    assert "includes 1 file uploaded by a user of this server, not verified as SIPRI's: up.csv" in line
    assert "not verified as SIPRI's: up.csv" in citation_text(info)


def test_remove_takes_one_file_out_and_rebuilds_the_release(store_2026: Settings, capsys):
    ingest([("up.csv", synthetic_classic(UPLOADED_ROW))], store_2026, origin="upload")
    st = Store.from_settings(store_2026)
    assert "Fabricated-Z" in set(st.table(st.release("2026"), "deals")["designation"])
    code, out, err = run(capsys, "remove", "up.csv", "--release", "2026", "--store", str(store_2026.store_dir))
    assert code == 0, err
    assert "up.csv" in out and "removed" in out
    info = st.release("2026")
    assert [f["name"] for f in info.files] == ["a.csv"]
    assert set(st.table(info, "deals")["designation"]) == {"Drone-X", "Frigate-Y"}
    assert "uploaded" not in __import__("etl.provenance").provenance.credit_line(info)


def test_remove_by_sha_prefix_and_the_last_file_removes_the_release(store_2026: Settings, capsys):
    ingest([("x.csv", synthetic_classic(UPLOADED_ROW))], store_2026, release="2030")
    sha = Store.from_settings(store_2026).release("2030").files[0]["sha256"]
    code, _, err = run(capsys, "remove", sha[:12], "--release", "2030", "--store", str(store_2026.store_dir))
    assert code == 0, err
    st = Store.from_settings(store_2026)
    assert [r.label for r in st.releases()] == ["2026"]
    assert not (store_2026.store_dir / "releases" / "2030").exists()
    assert len(st.table(st.release("2026"), "deals")) == 2


@pytest.mark.parametrize("what", ["nope.csv", "ab", "A.CSV"])
def test_remove_of_a_file_not_in_the_release_is_one_sentence(store_2026: Settings, capsys, what: str):
    before = _snapshot(store_2026.store_dir)
    code, _, err = run(capsys, "remove", what, "--release", "2026", "--store", str(store_2026.store_dir))
    assert code == 2
    _one_sentence(err)
    assert "a.csv" in err  # names what the release holds
    assert _snapshot(store_2026.store_dir) == before


def test_a_store_folder_another_user_cannot_enter_is_named_as_a_permission_problem(
    shared_dir: Path, umask
):
    umask(0o022)
    settings = Settings(store_dir=shared_dir / "store")
    ingest([("a.csv", synthetic_classic(ROW_A, ROW_B))], settings)
    releases = settings.store_dir / "releases"
    releases.chmod(0o700)
    done = _as_another_user("deals", "--store", str(settings.store_dir))
    assert done.returncode == 2
    _one_sentence(done.stderr)
    assert f"permission denied in the folder {releases} (owner root, mode 0700)" in done.stderr
