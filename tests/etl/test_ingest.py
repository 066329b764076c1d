"""Ingest into the store: the issue's facts on real files, releases side by side, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from etl import store as store_module
from etl.config import Settings
from etl.errors import InputFileError, StoreError
from etl.ingest import ingest, read_paths
from etl.store import Store
from tests.conftest import RELEASE_2024_FILES, sipri_file
from tests.etl.formats.test_formats import ROW_A, ROW_B, synthetic_classic


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_2026_release_holds_the_twelve_turkiye_pakistan_deals(store_all: Settings):
    st = Store.from_settings(store_all)
    info = st.release("2026")
    deals = st.table(info, "deals")
    assert len(deals) == 2273
    pair = deals[(deals["supplier_id"] == "turkiye") & (deals["recipient_id"] == "pakistan")]
    assert len(pair) == 12
    tb2 = pair[pair["designation"] == "Bayraktar TB-2"].iloc[0]
    assert (tb2["units_ordered"], tb2["order_year"], bool(tb2["order_year_estimated"])) == (
        9,
        2021,
        True,
    )
    assert tb2["delivery_years"] == "2022; 2023; 2024"
    assert (
        tb2["deliveries_split"] == "allocated"
    )  # the 2026 release has no delivery-level file here
    rows = st.table(info, "deliveries")
    tb2_rows = rows[rows["deal_id"] == tb2["deal_id"]]
    assert tb2_rows["delivery_year"].tolist() == [2022, 2023, 2024]
    assert tb2_rows["is_allocated"].all() and tb2_rows["units_delivered"].tolist() == [
        3.0,
        3.0,
        3.0,
    ]


def test_2025_release_keeps_every_record_including_the_broken_ones(store_all: Settings):
    st = Store.from_settings(store_all)
    info = st.release("2025")
    deals = st.table(info, "deals")
    assert len(deals) == 2221
    thai = deals[(deals["recipient"] == "Thailand") & (deals["designation"] == "BTR-3")]
    assert thai["comments"].iloc[0].endswith("redesign for other engines")
    assert float(thai["tiv_delivered_m"].iloc[0]) == 3.25
    [entry] = info.files
    assert (entry["records_read"], entry["records_stored"], entry["records_reported"]) == (
        2221,
        2221,
        0,
    )


def test_2024_release_links_every_classic_deal_to_sipri_delivery_rows(store_2024: Settings):
    info = Store.from_settings(store_2024).release("2024")
    assert info.link["classic_with_deliveries"] == info.link["linked"] == 2059
    assert info.link["unlinked"] == []
    deals = Store.from_settings(store_2024).table(info, "deals")
    assert (deals["deliveries_split"] == "sipri").all()
    assert deals["armament_category"].notna().all()


def test_turkiye_to_pakistan_2024_per_year_tiv_is_sipris_exact_split(store_2024: Settings):
    st = Store.from_settings(store_2024)
    rows = st.table(st.release("2024"), "deliveries")
    pair = rows[(rows["supplier_id"] == "turkiye") & (rows["recipient_id"] == "pakistan")]
    by_year = pair.groupby("delivery_year")["tiv_delivered_m"].sum().round(2)
    assert by_year[2023] == 223.6 and by_year[2022] == 4.8
    assert not pair["is_allocated"].any()
    assert rows["delivery_year"].dtype == "int64"  # the same type whether split by SIPRI or by us


def test_releases_sit_side_by_side_and_revisions_are_kept(store_all: Settings):
    st = Store.from_settings(store_all)
    assert [r.label for r in st.releases()] == ["2024", "2025", "2026"]
    tb2 = {}
    for label in ("2024", "2025"):
        deals = st.table(st.release(label), "deals")
        hit = deals[(deals["recipient_id"] == "pakistan") & deals["designation"].str.contains("TB")]
        tb2[label] = int(hit["units_delivered"].sum())
    assert tb2 == {"2024": 6, "2025": 9}


def test_soviet_union_and_non_state_actors_stay_entities_of_their_own(store_all: Settings):
    st = Store.from_settings(store_all)
    deals = st.table(st.release("2024"), "deals")
    assert "soviet-union" in set(deals["supplier_id"])
    assert "russia" in set(deals["supplier_id"])
    soviet = deals[deals["supplier"] == "Soviet Union"]
    assert (soviet["supplier_id"] == "soviet-union").all()
    assert st.release("2024").unclassified == []


def test_zero_tiv_rows_and_open_orders_are_kept(store_all: Settings):
    st = Store.from_settings(store_all)
    deals = st.table(st.release("2026"), "deals")
    assert (deals["tiv_delivered_m"] == 0).any()
    assert deals["is_open_order"].any()
    no_deliveries = deals[deals["delivery_years"] == ""]
    assert len(no_deliveries) and (no_deliveries["deliveries_split"] == "none").all()


def test_same_bytes_again_change_nothing(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    items = read_paths([sipri_file("trade-register_2026-05-18.subset.csv")])
    ingest(items, settings)
    before = _snapshot(settings.store_dir)
    result = ingest(items, settings)
    assert [f.unchanged for f in result.files] == [True]
    assert _snapshot(settings.store_dir) == before


def test_a_failing_ingest_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    settings = Settings(store_dir=tmp_path / "s")
    ingest(read_paths([sipri_file("trade-register_2026-05-18.subset.csv")]), settings)
    before = _snapshot(settings.store_dir)
    calls = {"n": 0}
    real = store_module.pq.write_table

    def disk_full(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(store_module.pq, "write_table", disk_full)
    with pytest.raises(StoreError, match="No space left on device.*nothing was changed"):
        ingest(read_paths([sipri_file("trade-register_2025-03-13.subset.csv")]), settings)
    assert _snapshot(settings.store_dir) == before


def test_bad_file_among_good_ones_stores_nothing(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    good = read_paths([sipri_file("trade-register_2026-05-18.subset.csv")])
    with pytest.raises(InputFileError, match="page.csv"):
        ingest(good + [("page.csv", b"<html><body>Not found</body></html>")], settings)
    assert not (settings.store_dir / "manifest.json").exists()


def test_file_without_data_generated_needs_a_release_label(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    data = synthetic_classic(ROW_A, ROW_B, preamble="")
    with pytest.raises(InputFileError, match="pass --release LABEL"):
        ingest([("bare.csv", data)], settings)
    result = ingest([("bare.csv", data)], settings, release="2026")
    assert result.files[0].release == "2026" and result.files[0].records_stored == 2


def test_release_label_follows_sipris_march_update(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    feb = synthetic_classic(ROW_A, preamble=PREAMBLE_DATED("10 Feb 2025 10:52:58 AM"))
    mar = synthetic_classic(ROW_B, preamble=PREAMBLE_DATED("13 Mar 2025 10:02:49 AM"))
    result = ingest([("feb.csv", feb), ("mar.csv", mar)], settings)
    assert {f.name: f.release for f in result.files} == {"feb.csv": "2024", "mar.csv": "2025"}


def PREAMBLE_DATED(when: str) -> str:  # noqa: N802 - reads like the constant it stands for
    return f"Transfers of major conventional arms (synthetic)\nData generated: {when}\n"


def test_unknown_names_are_kept_as_unclassified_and_reported(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    result = ingest([("new.csv", synthetic_classic(ROW_A))], settings, release="2030")
    assert sorted(result.unclassified["2030"]) == ["Atlantis", "Borduria"]
    st = Store.from_settings(settings)
    deals = st.table(st.release("2030"), "deals")
    assert deals["supplier_id"].iloc[0].startswith("unclassified-")
    assert st.release("2030").unclassified == ["Atlantis", "Borduria"]


def test_bad_records_are_reported_with_line_and_reason_and_counted(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    bad_year = ROW_B.replace(",2018,", ",20x8,")
    bad_status = ROW_A.replace(",New,", ",Borrowed,")
    data = synthetic_classic(ROW_A, bad_year, bad_status, "too,few,cells", ROW_B)
    [report] = ingest([("mixed.csv", data)], settings).files
    assert (report.records_read, report.records_stored, report.records_reported) == (5, 2, 3)
    reasons = {r["line"]: r["reason"] for r in report.reasons}
    assert "Year of order is '20x8'" in reasons[7]
    assert "status is 'Borrowed'" in reasons[8]
    assert "has 3 cells" in reasons[9]
    manifest = json.loads((settings.store_dir / "manifest.json").read_text())
    assert manifest["releases"]["2026"]["counts"]["reports"] == 3


def test_damaged_store_file_is_one_sentence_naming_it(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    ingest([("a.csv", synthetic_classic(ROW_A))], settings)
    st = Store.from_settings(settings)
    info = st.release()
    target = settings.store_dir / info.path / "deals.parquet"
    target.write_bytes(b"garbage")
    with pytest.raises(StoreError, match=r"deals\.parquet: this store file is damaged"):
        st.table(info, "deals")
    (settings.store_dir / "manifest.json").write_text("{not json")
    with pytest.raises(StoreError, match="manifest is damaged"):
        st.releases()


def test_delivery_rows_from_overlapping_exports_are_stored_once(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    items = read_paths([sipri_file(n) for n in RELEASE_2024_FILES[:3]])
    json_body = read_paths([sipri_file("atbackend-response_2025-02-10.json")])
    ingest(items + json_body, settings, release="2024")
    st = Store.from_settings(settings)
    rows = st.table(st.release("2024"), "deliveries")
    assert not rows.duplicated(["deal_id", "delivery_year"]).any()
    manifest = st.release("2024")
    for f in manifest.files:
        assert f["records_read"] == f["records_stored"] + f["records_reported"], f["name"]
    reports = st.table(manifest, "reports")
    assert reports["reason"].str.contains("same deal and delivery year").all()


def test_every_input_record_is_stored_or_reported(store_all: Settings):
    for info in Store.from_settings(store_all).releases():
        for f in info.files:
            assert f["records_read"] == f["records_stored"] + f["records_reported"], (
                info.label,
                f["name"],
            )


def test_tables_meet_their_schemas_when_read_back(store_all: Settings):
    from etl.schemas import validate

    st = Store.from_settings(store_all)
    for info in st.releases():
        for name in ("deals", "deliveries", "tiv_totals", "reports"):
            frame = st.table(info, name)
            assert isinstance(validate(name, frame, info.label), pd.DataFrame)


def test_each_release_stores_the_entities_it_names(store_all: Settings):
    st = Store.from_settings(store_all)
    entities = st.table(st.release("2024"), "entities").set_index("entity_id")
    assert entities.loc["soviet-union", "entity_type"] == "historical_state"
    assert entities.loc["soviet-union", "iso3"] == "SUN"
    assert entities.loc["russia", "iso3"] == "RUS"
    assert entities.loc["turkiye", "sipri_names"] == "Turkiye"
    actors = entities[
        entities["sipri_names"].str.endswith("*") & ~entities["sipri_names"].str.endswith("**")
    ]
    assert len(actors) and (actors["entity_type"] == "non_state_actor").all()
    deals = st.table(st.release("2024"), "deals")
    assert set(deals["supplier_id"]) | set(deals["recipient_id"]) <= set(entities.index)


def test_a_register_counting_only_some_years_is_not_called_open(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "s")
    scoped = (
        "Transfers of major conventional arms. Deals with deliveries made for the year range "
        "'2022' to '2023' \nData generated: 18 May 2026 2:29:20 PM\n"
    )
    # 9 ordered, 6 delivered in 2022-2023: the rest may have come in 2024, outside the query
    row = ROW_A.replace(",9,?,2022; 2023; 2024,", ",6,?,2022; 2023,")
    ingest([("scoped.csv", synthetic_classic(row, preamble=scoped))], settings)
    st = Store.from_settings(settings)
    deal = st.table(st.release("2026"), "deals").iloc[0]
    assert deal["delivery_scope"] == "2022-2023"
    assert not deal["is_open_order"]
    whole = Settings(store_dir=tmp_path / "w")
    ingest([("whole.csv", synthetic_classic(row))], whole)
    st = Store.from_settings(whole)
    deal = st.table(st.release("2026"), "deals").iloc[0]
    assert deal["delivery_scope"] == "" and deal["is_open_order"]


def test_the_same_tiv_table_ingested_twice_is_stored_once(tmp_path: Path):
    """A TIV table re-saved (UTF-8, Windows line endings) has other bytes but the same cells."""
    settings = Settings(store_dir=tmp_path / "s")
    table = sipri_file("tiv-imports_2024-10-13.subset.csv")
    ingest(read_paths([table]), settings)
    st = Store.from_settings(settings)
    cells = len(st.table(st.release("2024"), "tiv_totals"))
    resaved = tmp_path / "tiv-imports (resaved).csv"
    resaved.write_bytes(table.read_text(encoding="latin-1").replace("\n", "\r\n").encode("utf-8"))
    [report] = ingest(read_paths([resaved]), settings).files
    info = st.release("2024")
    assert len(st.table(info, "tiv_totals")) == cells
    assert (report.records_read, report.records_stored, report.records_reported) == (4, 0, 4)
    assert all("same TIV table cells" in r["reason"] for r in report.reasons)
