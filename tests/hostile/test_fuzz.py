"""Fuzzing (hypothesis): the claim parser, the URL state of every page, and the upload callback.

Each input is accepted or refused with our one-sentence error; nothing else escapes. Failing
inputs found here are kept in tests/hostile/corpus/ and replayed by test_corpus.py. The readers'
own properties live in tests/etl/formats/test_reader_properties.py (not repeated here).
"""

from __future__ import annotations

import base64
import os
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard.viewstate import KEYS
from tests.hostile import targets
from tests.hostile.conftest import hostile_register

fuzz = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "75")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

WORDS = ["Turkey", "Pakistan", "India", "delivered", "ordered", "24", "0", "-1", "1e9", "99999999999999999999",
         "MH-60R", "drones", "$2.6 billion", "2023", "1899", "3000", "between", "and", "to", "from", ";", "'",
         "<script>alert(1)</script>", "=cmd", "\u0130", "\u00df", "\x00", "\u202e", "%", "&", "?", "#"]
field_value = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(WORDS),
                        st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join))
text_value = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(WORDS), max_size=20).map(" ".join))


@fuzz
@given(text_value, st.fixed_dictionaries({name: field_value for name in targets.FIELDS}))
@example("", {"quantity": "0"})
@example("Turkey delivered drones to Pakistan", {"from_year": "2023", "to_year": "2020"})
@example("Turkey delivered drones to Pakistan", {"weapon": ";;;"})
@example(None, {"supplier": "Turkey", "quantity": "1" * 400})
def test_claim_parser_on_any_text_and_fields(text, fields):
    targets.claim(text, fields)


link_value = st.one_of(st.text(max_size=30), st.sampled_from(WORDS + ["turkiye", "pakistan", "Aircraft", "5y",
                                                                       "yearly", "designation", "leave-out", "hide"]))
link = st.one_of(
    st.text(max_size=200),
    st.lists(st.tuples(st.sampled_from([*KEYS, "x", "", "supplier[]"]), link_value), max_size=12).map(
        lambda pairs: "?" + urlencode(pairs)),
)


@fuzz
@given(link)
@example("?from=2030&to=1900")
@example("?supplier=" + ",".join(["turkey"] * 50))
@example("?from=%00&to=%EF%BF%BD&by=" + "x" * 5000)
@example("?category=Aircraft&category=Aircraft,Ships")
@example("?rpage=%C2%B2")  # '²' is a digit to str.isdigit, not to int(): was a traceback
def test_pair_link_state_on_any_query_string(search):
    targets.view_link(search)


@pytest.mark.parametrize("name", ["pair", "check", "search", "diff"])
def test_page_layouts_on_any_link(name, in_hostile_request):
    @fuzz
    @given(link)
    @example("?release=2026&release=2025")
    @example("?release=%3Cscript%3E&text=Turkey+delivered+drones+to+Pakistan")
    @example("?text=&q=&from=2026&to=2026")
    @example("?from=2025&to=2025&supplier=turkiye")
    @example("?quantity=-5&text=Turkey+delivered+drones+to+Pakistan")
    @example("?rpage=%C2%B2&page=%C2%B2")
    def run(search):
        targets.page_layout(name, search)

    run()


def _data_url(data: bytes, mime: str = "text/csv") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


upload_contents = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=2000).map(_data_url),
    st.binary(max_size=200).map(lambda b: "data:text/csv;base64," + base64.b64encode(b).decode()[:-1]),
    st.sampled_from([hostile_register("18 May 2026 2:29:20 PM")[:n] for n in (0, 50, 400, 800)]).map(_data_url),
)
upload_names = st.one_of(st.text(max_size=60), st.sampled_from(["../../etc/passwd", "a\nb.csv", "", "<b>x</b>.csv"]))


@fuzz
@given(contents=st.one_of(upload_contents, st.lists(upload_contents, max_size=3)),
       names=st.one_of(upload_names, st.lists(upload_names, max_size=3), st.none()))
@example(contents=["data:text/csv;base64,QUJD"], names=["a.csv", "b.csv"])
@example(contents="data:text/csv;base64,", names=None)
@example(contents=["x", "y"], names="one.csv")
def test_upload_callback_on_anything_posted(contents, names, in_upload_request):
    targets.upload(contents, names)
