"""Readers: every SIPRI layout recognised from its content, quirks kept, bad input one sentence."""

from __future__ import annotations

import base64
import json

import pytest

from etl.errors import InputFileError
from etl.formats.export import LAYOUT_CLASSIC, LAYOUT_DELIVERY, LAYOUT_TIV, read_export
from tests.conftest import sipri_file

CLASSIC_HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
PREAMBLE = (
    "Transfers of major conventional arms from All countries to All countries. Synthetic test file\n"
    "\n"
    "Source: SIPRI Arms Transfers Database (c) SIPRI.\n"
    "Data generated: 18 May 2026 2:29:20 PM\n"
)


def synthetic_classic(
    *records: str, preamble: str = PREAMBLE, header: str = CLASSIC_HEADER
) -> bytes:
    """A small classic register we write ourselves (no SIPRI data)."""
    return (preamble + header + "\n" + "".join(r + "\n" for r in records)).encode("latin-1")


ROW_A = "Atlantis,Borduria,2021,?,9,?,Drone-X,armed drone,9,?,2022; 2023; 2024,New,,2.4,21.6,21.6"
ROW_B = "Atlantis,Borduria,2018,,4,,Frigate-Y,frigate,2,,2023; 2025,New,Incl 2 produced under licence,205,820,410"


# ---- the real files ------------------------------------------------------------------------


def test_2026_register_reads_every_deal_with_its_date_and_scope():
    export = read_export(sipri_file("trade-register_2026-05-18.subset.csv").read_bytes(), "f.csv")
    assert export.layout == LAYOUT_CLASSIC
    assert len(export.frame) == 2273 and export.rejected == []
    assert export.preamble.data_generated.isoformat() == "2026-05-18T14:29:20"
    assert export.preamble.query_scope.startswith("Transfers of major conventional arms")
    assert export.header_line == 12
    assert export.frame["source_line"].iloc[0] == 13


def test_2025_register_rejoins_the_four_records_broken_by_raw_newlines():
    export = read_export(sipri_file("trade-register_2025-03-13.subset.csv").read_bytes(), "f.csv")
    frame = export.frame
    assert len(frame) == 2221 and export.rejected == []
    broken = frame[frame["source_line"].isin([84, 1579, 1614, 2232])].set_index("source_line")
    assert list(broken.index) == [84, 1579, 1614, 2232]
    assert broken.loc[84, "comments"].endswith("for 12 Puma M-36 APC from South Africa")
    assert (broken.loc[84, "tiv_per_unit"], broken.loc[84, "tiv_order"]) == ("0.03", "0.36")
    assert broken.loc[1614, "comments"].endswith("redesign for other engines")
    assert "\r" not in broken.loc[1614, "comments"]
    assert broken.loc[1614, "tiv_delivered"] == "3.25"
    assert broken.loc[2232, "recipient"] == "United Nations**"
    # the record after a rejoined one keeps its own line number
    assert 86 in set(frame["source_line"]) and 85 not in set(frame["source_line"])


def test_latin1_names_decode():
    export = read_export(sipri_file("trade-register_2026-05-18.subset.csv").read_bytes(), "f.csv")
    assert export.frame["comments"].str.contains("Türkiye", regex=False).any()


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_a_register_resaved_as_utf8_reads_the_same(encoding, bom):
    raw = sipri_file("trade-register_2026-05-18.subset.csv").read_bytes()
    resaved = bom + raw.decode("latin-1").encode(encoding)
    original = read_export(raw, "a.csv").frame
    again = read_export(resaved, "b.csv").frame
    assert original.equals(again)


def test_delivery_level_register_and_backend_json_are_recognised():
    rows = read_export(sipri_file("delivery-rows_2025-02-10_2000-2001.csv").read_bytes(), "d.csv")
    body = read_export(sipri_file("atbackend-response_2025-02-10.json").read_bytes(), "r.json")
    assert rows.layout == body.layout == LAYOUT_DELIVERY
    assert body.container == "backend_json"
    assert len(rows.frame) == len(body.frame) == 1414
    assert rows.frame.drop(columns="source_line").equals(body.frame.drop(columns="source_line"))


def test_tiv_table_is_recognised_with_direction_and_cells_as_written():
    export = read_export(sipri_file("tiv-imports_2024-10-13.subset.csv").read_bytes(), "t.csv")
    assert export.layout == LAYOUT_TIV and export.tiv_direction == "imports"
    frame = export.frame
    assert set(frame["entity"]) == {"India", "Turkiye", "Pakistan", "Total world import"}
    exports = read_export(sipri_file("tiv-exports_2024-10-13.subset.csv").read_bytes(), "t.csv")
    cells = exports.frame.set_index(["entity", "year"])["cell"]
    assert cells[("Turkiye", 1956)] == "0 "  # SIPRI's '0 ' (under 0.5) kept as written
    assert cells[("Turkiye", 1950)] == ""  # empty: no deliveries


# ---- synthetic files: quirks and bad input -------------------------------------------------


def test_preamble_stripped_file_reads_without_date():
    export = read_export(synthetic_classic(ROW_A, preamble=""), "bare.csv")
    assert export.preamble.data_generated is None
    assert len(export.frame) == 1


def test_renamed_header_matched_through_aliases():
    header = CLASSIC_HEADER.replace("Number delivered", "Deliveries in the Year Range")
    export = read_export(synthetic_classic(ROW_A, header=header), "renamed.csv")
    assert export.frame["units_delivered"].tolist() == ["9"]


def test_question_marks_stay_with_the_figure_they_qualify():
    frame = read_export(synthetic_classic(ROW_A, ROW_B), "q.csv").frame
    assert frame["order_year_estimated"].tolist() == ["?", ""]
    assert frame["units_ordered_estimated"].tolist() == ["?", ""]
    assert frame["units_delivered_estimated"].tolist() == ["?", ""]


def test_record_with_wrong_cell_count_is_reported_with_its_line():
    export = read_export(synthetic_classic(ROW_A, "Atlantis,Borduria,2020", ROW_B), "bad.csv")
    assert len(export.frame) == 2
    assert export.rejected == [(7, "has 3 cells where the header has 16")]


def test_broken_record_at_the_end_means_a_truncated_file():
    data = synthetic_classic(ROW_A, ROW_B)
    with pytest.raises(InputFileError, match=r"cut\.csv, line 7: ends in the middle of a record"):
        read_export(data[: len(data) - 30], "cut.csv")


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"<!DOCTYPE html><html><head><title>SIPRI</title></head></html>", "is an HTML web page"),
        (b"\x00\x01\x02binary\x00", "holds binary bytes"),
        ("Recipient,Supplier\n".encode("utf-16"), "UTF-16"),
        (b'{"something": "else"}', "without the 'bytes' field"),
        (b'{"bytes": "not base64 at all!!"}', "not valid base64"),
        (b'{"bytes": ', "not valid JSON"),
        (b"name,value\nx,1\n", "has no header line of a SIPRI export"),
    ],
)
def test_bad_input_is_one_sentence_naming_the_file(data, message):
    with pytest.raises(InputFileError) as info:
        read_export(data, "upload.csv")
    text = str(info.value)
    assert text.startswith("upload.csv") and message in text
    assert "\n" not in text


def test_missing_required_column_is_named():
    header = CLASSIC_HEADER.replace(",SIPRI TIV of delivered weapons", ",Something else")
    with pytest.raises(InputFileError) as info:
        read_export(synthetic_classic(ROW_A.rsplit(",", 1)[0] + ",1", header=header), "cols.csv")
    assert "line 5" in str(info.value)
    assert "'SIPRI TIV of delivered weapons'" in str(info.value)


def test_backend_json_with_a_bad_csv_inside_names_the_field():
    body = json.dumps({"bytes": base64.b64encode(b"<html>nope</html>").decode()}).encode()
    with pytest.raises(InputFileError, match=r"r\.json \(its 'bytes' field\): is an HTML web page"):
        read_export(body, "r.json")


# ---- hostile cells: one cell too long for Python's csv, an unbalanced quote, an absurd word ----

ROW_QUOTE = 'Atlantis,Borduria,2021,?,9,?,"Drone-X,armed drone,9,?,2022,New,,2.4,21.6,21.6'  # opens, never closes
LONG_CELL = "Atlantis,Borduria,2021,?,9,?,Drone-X,armed drone,9,?,2022,New," + "b " * 70_000


@pytest.mark.parametrize(
    "records",
    [
        (ROW_A, LONG_CELL + ",2.4,21.6", ROW_B),  # one cell short: read by Python's csv, not Arrow
        (ROW_A, LONG_CELL.replace("New,", 'New,"') + '\nmore",2.4,21.6,21.6', ROW_B),  # quoted newline
    ],
)
def test_a_cell_over_pythons_csv_limit_is_a_sentence_naming_file_and_line(records):
    with pytest.raises(InputFileError) as info:
        read_export(synthetic_classic(*records), "long.csv")
    text = str(info.value)
    assert text.startswith("long.csv, line 7: "), text
    assert "131,072 characters" in text and "field limit" not in text and "\n" not in text


@pytest.mark.parametrize(
    ("records", "line"),
    [
        ((ROW_A, ROW_QUOTE, ROW_B, ROW_B), 7),
        ((ROW_A, ROW_B, ROW_QUOTE), 8),
        ((ROW_A, ROW_QUOTE, *[ROW_B] * 3000), 7),  # the rest of the file runs into one cell of the quote
    ],
)
def test_an_unbalanced_quote_is_a_sentence_naming_the_line_it_opens_on(records, line):
    with pytest.raises(InputFileError) as info:
        read_export(synthetic_classic(*records), "quote.csv")
    text = str(info.value)
    assert text.startswith(f"quote.csv, line {line}: "), text
    assert "quote" in text[len("quote.csv"):] and "field limit" not in text and "truncated" not in text


def test_a_word_longer_than_any_sipri_designation_is_reported_with_its_line_not_read():
    absurd = ROW_B.replace("Incl 2 produced under licence", "Incl " + "x" * 40_000 + " produced")
    longest_kept = ROW_A.replace("Drone-X", "D" * 200)
    export = read_export(synthetic_classic(ROW_A, absurd, longest_kept, ROW_B), "words.csv")
    assert export.frame["source_line"].tolist() == [6, 8, 9]
    assert export.frame["designation"].tolist() == ["Drone-X", "D" * 200, "Frigate-Y"]
    [(line, reason)] = export.rejected
    assert line == 7 and "Comments" in reason and "40,000 characters without a space" in reason
    assert export.records_read == 4


def test_an_absurd_word_in_a_delivery_level_register_or_tiv_table_is_reported_too():
    delivery = read_export(sipri_file("delivery-rows_2025-02-10_2000-2001.csv").read_bytes(), "d.csv")
    raw = sipri_file("delivery-rows_2025-02-10_2000-2001.csv").read_bytes()
    lines = raw.split(b"\n")
    index = delivery.header_line  # the first record (0-based index of the line after the header)
    cells = lines[index].split(b",")
    cells[3] = b"Z" * 5_000  # a designation no SIPRI weapon has
    lines[index] = b",".join(cells)
    export = read_export(b"\n".join(lines), "d.csv")
    assert len(export.frame) == len(delivery.frame) - 1
    [(line, reason)] = export.rejected
    assert line == delivery.header_line + 1 and "5,000 characters without a space" in reason
