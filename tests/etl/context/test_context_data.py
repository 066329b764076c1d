"""Context beside SIPRI: UCDP/PRIO's conflicts ingested as a source of their own (and the table
shipped without any download), the reviewed mappings and embargo file, and embargo notes on a
real check."""

from __future__ import annotations

import csv
import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from etl.config import Settings
from etl.context import embargoes as emb
from etl.context import events, ucdp
from etl.entities import EntityResolver
from etl.errors import StoreError
from etl.ingest import ingest, read_paths, report_lines
from etl.store import Store
from etl.verify.article import ReleaseData, check_text
from tests.conftest import REPO

CONTEXT_DIR = Path(os.environ.get("ARMS_EXPLORER_CONTEXT_DIR", REPO.parent / "shared" / "context"))
UCDP_FILE = CONTEXT_DIR / "UcdpPrioConflict_v24_1.csv"
HEADER = ("conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,side_b_id,side_b_2nd,incompatibility,"
          "territory_name,year,intensity_level,cumulative_intensity,type_of_conflict,start_date,end_date,"
          "gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,gwno_loc,region")


def ucdp_path() -> Path:
    if not UCDP_FILE.exists():
        pytest.skip(f"UCDP's conflict file is not at {UCDP_FILE} (../shared/context in the project's workplace)")
    return UCDP_FILE


def india_pakistan_years(path: Path) -> set[int]:
    """Years of the file's interstate conflict whose sides are the governments of India and Pakistan."""
    with path.open(encoding="utf-8") as handle:
        return {int(r["year"]) for r in csv.DictReader(handle)
                if {r["side_a"], r["side_b"]} == {"Government of India", "Government of Pakistan"}}


def test_ingest_recognises_the_real_ucdp_file_and_stores_it_apart_from_sipri(tmp_path):
    settings = Settings(store_dir=tmp_path / "store")
    result = ingest(read_paths([ucdp_path()]), settings)
    [report] = result.files
    lines = report_lines(report)
    assert "UCDP/PRIO Armed Conflict Dataset" in lines[0] and "2686 conflict-years read" in lines[0]
    # Names the review left unmapped are reported, never dropped silently.
    assert any("Government of Hyderabad" in line for line in lines[1:])
    manifest = json.loads((tmp_path / "store" / "manifest.json").read_text())
    assert manifest["releases"] == {}  # nothing among SIPRI's releases
    entry = manifest["context"]["ucdp_conflicts"]
    assert entry["licence"].startswith("CC BY 4.0") and "Gleditsch" in entry["citation"]
    assert entry["version"] == "24.1" and entry["sha256"].startswith("07154da1")
    store = Store(tmp_path / "store")
    table = store.context_table(store.context_entry("ucdp_conflicts"), "conflict_years")
    stored = set(table[(table.entity_id == "pakistan") & (table.conflict_id == 218)]["year"])
    assert stored == india_pakistan_years(UCDP_FILE)
    # The events read the ingested table, and say so in their credit.
    assert "ingested" in events.conflict_source(tmp_path / "store").credit
    again = ingest(read_paths([UCDP_FILE]), settings)
    assert again.files[0].unchanged


def test_a_fresh_install_shows_conflicts_from_the_shipped_table(tmp_path):
    source = events.conflict_source(tmp_path / "no-store")
    assert "shipped" in source.credit
    found = events.context_events(("pakistan",), 1946, 2023, tmp_path / "no-store")
    [india_pakistan] = [e for e in found.events if e.conflict_id == 218 and e.intensity_level == 1][:1]
    assert india_pakistan.label == "interstate conflict India-Pakistan, 25-999 deaths"
    shipped_years = {y for e in found.events if e.conflict_id == 218 for y in e.years}
    assert {1965, 1971, 1999, 2019} <= shipped_years  # without UCDP's file at hand...
    assert shipped_years == india_pakistan_years(ucdp_path())  # ...and, where it is, exactly its rows


def test_the_shipped_table_is_what_derive_writes_from_the_file(tmp_path):
    out = tmp_path / "derived.csv"
    assert ucdp.main(["--derive", "--input", str(ucdp_path()), "--output", str(out)]) == 0
    assert out.read_bytes() == ucdp.derived_table_path().read_bytes()


def test_unknown_governments_and_codes_are_reported_with_their_line():
    rows = [
        '1,"Atlantis",Government of Atlantis,1,,Free Atlanteans,2,,2,,1990,1,0,3,01-01-1990,,999,,,,999,1',
        '2,"India, Pakistan",Government of India,141,,Government of Pakistan,142,,1,Kashmir,1999,2,1,2,,,750,,770,,"750, 770",3',
        '3,"Yemen (North Yemen)",Government of Yemen (North Yemen),1,,Opposition,2,,2,,1948,1,0,3,,,678,,,,678,3',
    ]
    frame = ucdp.read_conflicts("\n".join([HEADER, *rows]).encode(), "synthetic.csv")
    derived = ucdp.conflict_years(frame)
    text = "\n".join(derived.unmapped)
    assert "government 'Government of Atlantis' is not in etl/reference/ucdp_entities.csv" in text
    assert "Gleditsch-Ward code 999 (gwno_a) is not in etl/reference/ucdp_entities.csv for 1990" in text
    assert "first at line 2 (conflict 1, 1990)" in text
    assert "'Government of Yemen (North Yemen)' (code 678) in 1948 is mapped to no entity, by review" in text
    kept = derived.frame[["entity_id", "conflict_id", "year"]].values.tolist()
    assert kept == [["india", 2, 1999], ["pakistan", 2, 1999]]


def test_a_sipri_export_is_never_taken_for_ucdp_and_the_reverse():
    header = b"Recipient,Supplier,Year of order, ,Number ordered\n"
    assert not ucdp.is_ucdp_file(header)
    assert ucdp.is_ucdp_file(("\ufeff" + HEADER + "\n").encode("utf-8"))


def test_a_first_line_csv_cannot_read_is_not_ucdps_file_and_not_a_traceback(tmp_path):
    """A carriage return inside the header (found by the fuzzed ingest): csv's own error was not caught."""
    from etl.config import Settings
    from etl.errors import ArmsExplorerError
    from etl.ingest import ingest

    data = b"Recipient,Sup\rplier,Year of order\n1,2,3\n"
    assert not ucdp.is_ucdp_file(data)
    try:
        ingest([("nul.csv", data)], Settings(store_dir=tmp_path / "s"), release="2030")
    except ArmsExplorerError as exc:
        assert "\n" not in str(exc)


def test_every_mapping_row_is_reviewed_and_resolves_to_an_entity():
    resolver = EntityResolver()
    frame = pd.read_csv(REPO / "etl" / "reference" / "ucdp_entities.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(ucdp.MAPPING_COLUMNS)
    for row in frame.itertuples():
        assert row.note.strip(), f"line {row.Index + 2}: every row says why (its note)"
        assert row.gwno.isdigit() and row.ucdp_name.startswith("Government of ")
        if row.entity_id:
            assert resolver.display_name(row.entity_id)
        else:
            assert "Not mapped, by review" in row.note
    # Gleditsch-Ward 365 is two entities for SIPRI: never the Soviet Union as Russia.
    mapping = {(m.gwno, m.entity_id): (m.from_year, m.to_year) for m in ucdp.load_mapping()}
    assert mapping[("365", "soviet-union")] == (None, 1991) and mapping[("365", "russia")] == (1992, None)


def test_every_embargo_row_resolves_parses_and_cites_an_https_page():
    resolver = EntityResolver()
    frame = emb.read_embargo_frame()
    assert len(frame) >= 15
    for row in frame.itertuples():
        where = f"etl/reference/embargoes.csv line {row.Index + 2}"
        assert resolver.resolve(row.target), where
        start = emb.parse_date(row.start)
        if row.end:
            assert start <= emb.parse_date(row.end, end=True), where
        assert row.source.startswith("https://") and " " not in row.source, where
        assert row.imposed_by in ("UN", "EU", "OSCE") and row.scope.strip(), where
    assert emb.parse_date("2009-10", end=True) == date(2009, 10, 31)
    with pytest.raises(ValueError):
        emb.parse_date("June 1989")


def test_the_largest_recipients_in_the_shared_data_are_covered_by_the_review(store_2024):
    # The ten largest recipients by TIV delivered in the shared 2024 release: the file's embargoes
    # on them are the ones SIPRI's archive lists (only Myanmar's, by the EU); the others had none
    # from the UN or the EU.
    store = Store.from_settings(store_2024)
    deliveries = store.table(store.release("2024"), "deliveries")
    top = deliveries.groupby("recipient_id")["tiv_delivered_m"].sum().nlargest(10).index.tolist()
    assert top[:3] == ["india", "turkiye", "pakistan"]
    on_top = {e.target_id for e in emb.load_embargoes() if e.target_id in top}
    assert on_top == {"myanmar"}


@pytest.fixture(scope="module")
def release_2024(store_2024) -> ReleaseData:
    return ReleaseData.load(Store.from_settings(store_2024), "2024")


@pytest.mark.sipri
def test_a_check_on_a_pair_under_an_embargo_in_the_claimed_years_says_so(release_2024):
    result = check_text("Russia delivered S-400 air defence systems to Turkey in 2019.", release_2024).as_dict()
    [claim] = result["claims"]
    assert (claim["supplier"], claim["recipient"], claim["from_year"]) == ("Russia", "Turkiye", 2019)
    [note] = [n for n in claim["notes"] if "embargo" in n]
    assert note.startswith("EU arms embargo on Russia in force since 2014, on the supplier")
    assert "https://data.europa.eu/eli/dec/2014/512/oj" in note
    to_myanmar = check_text("Pakistan delivered JF-17 combat aircraft to Myanmar in 2018.", release_2024).as_dict()
    [claim] = to_myanmar["claims"]
    assert any(n.startswith("EU arms embargo on Myanmar in force since 1991, on the recipient") for n in claim["notes"])


@pytest.mark.sipri
def test_a_check_outside_an_embargo_s_years_says_nothing_of_it(release_2024):
    # The EU embargo on Russia starts in 2014: a 2005 claim meets none.
    result = check_text("Russia delivered Mi-17 helicopters to Turkey in 2005.", release_2024).as_dict()
    for claim in result["claims"]:
        assert not [n for n in claim["notes"] if "embargo" in n]


def test_embargo_notes_name_the_side_and_the_years():
    [note] = events.embargo_notes(("pakistan",), ("china",), 1985, 1990)
    assert note.startswith("EU arms embargo on China in force since 1989, on the recipient")
    assert events.embargo_notes(("pakistan",), ("china",), 1980, 1988) == []
    [ended] = events.embargo_notes(("pakistan",), ("south-africa",), 1990, 1990)
    assert ended.startswith("UN arms embargo on South Africa 1977-1994, on the recipient")


def test_a_failed_write_of_the_context_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    import etl.store

    settings = Settings(store_dir=tmp_path / "store")
    before = ingest(read_paths([ucdp_path()]), settings)
    assert not before.files[0].unchanged
    manifest = (tmp_path / "store" / "manifest.json").read_bytes()
    changed = ucdp_path().read_bytes() + b"\n"  # other bytes: a new generation is written

    def fail(tables, folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(etl.store, "_write_tables", fail)
    with pytest.raises(StoreError, match="could not write the store"):
        ingest([("UcdpPrioConflict_v24_1.csv", changed)], settings)
    assert (tmp_path / "store" / "manifest.json").read_bytes() == manifest
    assert not (tmp_path / "store" / "sources" / hashlib.sha256(changed).hexdigest()).exists()
    assert sorted(p.name for p in (tmp_path / "store" / "context" / "ucdp_conflicts").iterdir()) == ["g1"]
