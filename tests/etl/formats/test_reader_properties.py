"""Property tests: any bytes given to any reader either parse or raise our own one-sentence error."""

from __future__ import annotations

import base64
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from etl.errors import InputFileError
from etl.formats.export import RawExport, read_export
from tests.etl.formats.test_formats import CLASSIC_HEADER, PREAMBLE, ROW_A, ROW_B, synthetic_classic

DELIVERY = (
    PREAMBLE
    + "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
    "Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
    "Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production\n"
    "1,Borduria,Atlantis,Drone-X,armed drone,Aircraft,2021,Yes,3,No,2022,No,New,2.4,2.4,7.2,No\n"
    "1,Borduria,Atlantis,Drone-X,armed drone,Aircraft,2021,Yes,6,Yes,2023,Yes,New,2.4,2.4,14.4,No\n"
).encode()
TIV = (
    b"Volume of transfers of major arms\nData generated: 13 Oct 2024 12:33:29 PM\n\n"
    b"Recipient,2020,2021,2022,2020-2022\nAtlantis,1,0 ,,1\nTotal world import,5,3,2,10\n"
)
CLASSIC = synthetic_classic(ROW_A, ROW_B)
SEEDS = [
    CLASSIC,
    DELIVERY,
    TIV,
    json.dumps({"bytes": base64.b64encode(DELIVERY).decode()}).encode(),
]

fuzz = settings(
    max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "300")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(data: bytes) -> None:
    try:
        result = read_export(data, "fuzz.csv")
    except InputFileError as exc:
        message = str(exc)
        assert message.startswith("fuzz.csv") and "\n" not in message
    else:
        assert isinstance(result, RawExport)
        assert result.records_read == len(result.frame) + len(result.rejected)


@fuzz
@given(st.binary(max_size=2000))
@example(b"\xef\xbb\xbf")
@example(b'{"bytes": ""}')
@example(b"{")
@example(b"Recipient,2020\n")
def test_arbitrary_bytes(data: bytes) -> None:
    _check(data)


@fuzz
@given(st.sampled_from(SEEDS), st.integers(min_value=0, max_value=4000))
def test_every_truncation_of_a_valid_export(seed: bytes, cut: int) -> None:
    _check(seed[: cut % (len(seed) + 1)])


@fuzz
@given(
    st.sampled_from(SEEDS),
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=5000), st.binary(min_size=1, max_size=8)),
        max_size=6,
    ),
)
def test_valid_exports_with_bytes_spliced_in(seed: bytes, edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(seed)
    for position, chunk in edits:
        at = position % (len(data) + 1)
        data[at:at] = chunk
    _check(bytes(data))


@fuzz
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
        min_size=1,
        max_size=20,
    )
)
def test_classic_header_with_arbitrary_records(lines: list[str]) -> None:
    _check((PREAMBLE + CLASSIC_HEADER + "\n" + "\n".join(lines) + "\n").encode("utf-8"))


@settings(
    max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "120")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.sampled_from(SEEDS),
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=5000), st.binary(min_size=1, max_size=6)),
        max_size=4,
    ),
)
def test_whole_ingest_accepts_or_refuses_with_our_error(
    seed: bytes, edits: list[tuple[int, bytes]]
) -> None:
    import tempfile
    from pathlib import Path

    from etl.config import Settings
    from etl.errors import ArmsExplorerError
    from etl.ingest import ingest

    data = bytearray(seed)
    for position, chunk in edits:
        at = position % (len(data) + 1)
        data[at:at] = chunk
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(store_dir=Path(folder) / "s")
        try:
            result = ingest([("fuzz.csv", bytes(data))], settings, release="2030")
        except ArmsExplorerError as exc:
            assert "\n" not in str(exc)
            assert not (settings.store_dir / "manifest.json").exists()
        else:
            for report in result.files:
                assert report.records_read == report.records_stored + report.records_reported


@fuzz
@given(
    st.sampled_from(SEEDS[:3]),
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=5000),
            # a quote, or the length of a run of letters (kept as a number: a short repr on failure)
            st.one_of(st.sampled_from(['"', '""', '\n"']), st.integers(min_value=150, max_value=140_000)),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_quotes_and_long_words_spliced_in_never_give_pythons_csv_message_or_a_stored_absurd_word(
    seed: bytes, edits: list[tuple[int, str | int]]
) -> None:
    from etl.formats.text import MAX_WORD_CHARS

    data = bytearray(seed)
    for position, chunk in edits:
        at = position % (len(data) + 1)
        data[at:at] = chunk.encode() if isinstance(chunk, str) else b"w" * chunk
    try:
        result = read_export(bytes(data), "fuzz.csv")
    except InputFileError as exc:
        message = str(exc)
        assert message.startswith("fuzz.csv") and "\n" not in message
        assert "field limit" not in message and "is not a CSV file that can be read" not in message, message
    else:
        for column in result.frame.columns:
            if result.frame[column].dtype == object:
                words = result.frame[column].astype(str).str.split().explode().dropna()
                assert (words.str.len() <= MAX_WORD_CHARS).all(), column
