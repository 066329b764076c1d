"""`arms-explorer check`, `search` and `diff`: output formats, exit codes, one-sentence errors."""

from __future__ import annotations

import json

import pytest

from etl.cli import main
from etl.verify.verdicts import VERDICTS

pytestmark = pytest.mark.sipri


def run(capsys: pytest.CaptureFixture[str], store, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--store", str(store.store_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_gives_each_part_one_of_the_five_verdicts(store_all, capsys):
    code, out, _ = run(capsys, store_all, "check",
                       "The United States will deliver 24 MH-60R helicopters to India under a $2.6 billion deal",
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    [claim] = data["claims"]
    assert [p["verdict"] for p in claim["parts"]] == ["recorded", "not_checkable"]
    assert all(p["verdict"] in VERDICTS for c in data["claims"] for p in c["parts"])
    assert data["release"] == "2026" and data["data_generated"] == "18 May 2026"
    assert (claim["supplier"], claim["recipient"]) == ("United States", "India")
    assert "'United States will deliver'" in claim["direction_cue"]
    assert data["citation"]["bibtex"].startswith("@misc")
    assert data["no_claim"] == []


def test_check_markdown_shows_claims_verdicts_evidence_and_citation(store_all, capsys):
    code, out, _ = run(capsys, store_all, "check", "Pakistan has bought Akıncı drones from Turkey.",
                       "--format", "markdown")
    assert code == 0
    assert "## Claim 1: Turkiye -&gt; Pakistan" in out and "### Recorded: Akinci drones" in out
    assert "| Turkiye | Pakistan | Akinci |" in out
    assert "Source: SIPRI Arms Transfers Database" in out and "```bibtex" in out


def test_check_markdown_shows_markup_in_a_claim_as_text(store_all, capsys):
    code, out, _ = run(capsys, store_all, "check", "Turkey sold <b>TB2</b> drones to Pakistan <script>x</script>.",
                       "--format", "markdown")
    assert code == 0
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_check_text_prints_each_claim_with_its_pair_and_why(store_all, capsys):
    code, out, _ = run(capsys, store_all, "check", "Russia supplied assault rifles to India.")
    assert code == 0
    assert "Pair: Russia -> India" in out and "[outside_coverage]" in out
    assert "Why: supplier Russia: 'Russia supplied'" in out


def test_check_a_saved_article_page_reads_its_text_and_date(store_all, capsys, tmp_path):
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><title>Drones for Pakistan</title>"
        "<meta property='article:published_time' content='2025-05-20T08:00:00Z'></head><body>"
        "<nav>Home | World | Defence</nav><article><h1>Drones for Pakistan</h1>"
        "<p>Turkey is expected to supply Pakistan with a fleet of Bayraktar TB2 drones, officials said "
        "on Tuesday in a statement that was widely reported across the region.</p>"
        "<p>The two ministers also discussed trade, tourism and education exchanges at length.</p>"
        "</article><footer>Copyright 2025</footer></body></html>", encoding="utf-8")
    code, out, _ = run(capsys, store_all, "check", "--file", str(page), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["article_date"] == "2025-05-20"
    # The headline names no supplier (checked for no pair); the paragraph's claim is Turkiye -> Pakistan.
    [claim] = [c for c in data["claims"] if c["supplier"] == "Turkiye"]
    assert claim["recipient"] == "Pakistan" and claim["parts"][0]["verdict"] == "partly_recorded"
    assert all(c["parts"][0]["verdict"] == "not_checkable" for c in data["claims"] if c["supplier"] is None)
    assert not any("Home | World" in s for s in data["no_claim"])


def test_check_a_text_with_no_claim_lists_it_and_exits_0(store_all, capsys):
    code, out, _ = run(capsys, store_all, "check", "Drones were delivered last year.", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["claims"] == [] and data["no_claim"] == ["Drones were delivered last year."]


def test_check_structured_fields_without_text(store_all, capsys):
    code, out, _ = run(capsys, store_all, "check", "--supplier", "China", "--recipient", "Pakistan",
                       "--weapon", "J-10C", "--quantity", "20", "--stage", "delivered", "--format", "json")
    assert code == 0
    assert json.loads(out)["claims"][0]["parts"][0]["verdict"] == "recorded"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("check", ""), "The claim is empty"),
        (("check", "Turkey sold drones", "--date", "May 2025"), "not a date written YYYY-MM-DD"),
        (("check", "--file", "/nonexistent/article.html"), "no such file"),
        (("check", "Turkey sold drones to Pakistan", "--release", "1999"), "Unknown release '1999'"),
        (("check", "Turkey sold drones to Pakistan", "--quantity", "many"), "not a whole number"),
        (("diff", "--from", "2026", "--to", "2026"), "choose two different releases"),
        (("diff", "--from", "2024", "--to", "2030"), "Unknown release '2030'"),
        (("search", " "), "The search is empty"),
        (("search", "TB2", "--release", "1990"), "Unknown release '1990'"),
    ],
)
def test_bad_input_gets_one_sentence_and_exit_2(store_all, capsys, args, words):
    code, out, err = run(capsys, store_all, *args)
    assert code == 2
    assert words in err
    assert len(err.strip().splitlines()) == 1


def test_search_groups_by_pair_across_releases(store_all, capsys):
    code, out, _ = run(capsys, store_all, "search", "TB2", "--all-releases", "--format", "json")
    assert code == 0
    data = json.loads(out)
    pairs = {(d["supplier"], d["recipient"]) for d in data["deals"]}
    assert ("Turkiye", "Pakistan") in pairs and ("Turkiye", "Ukraine") in pairs
    names = {(d["release"], d["designation"]) for d in data["deals"] if d["recipient"] == "Pakistan"}
    assert {("2024", "Bayraktar TB2"), ("2025", "Bayraktar TB2"), ("2026", "Bayraktar TB-2")} <= names
    link = next(d["pair_link"] for d in data["deals"] if d["recipient"] == "Pakistan")
    assert link.startswith("/?supplier=turkiye&recipient=pakistan&release=")


def test_search_by_type_word(store_all, capsys):
    code, out, _ = run(capsys, store_all, "search", "loitering munitions")
    assert code == 0
    assert "Israel -> India" in out and "Harop" in out


def test_search_for_something_sipri_does_not_cover_says_so(store_all, capsys):
    code, out, _ = run(capsys, store_all, "search", "assault rifles")
    assert code == 0
    assert "outside SIPRI's coverage" in out


def test_diff_text_for_turkiye_pakistan(store_all, capsys):
    code, out, _ = run(capsys, store_all, "diff", "--from", "2024", "--to", "2026",
                       "--supplier", "Turkiye", "--recipient", "Pakistan")
    assert code == 0
    assert "Bayraktar TB2 -> Bayraktar TB-2 (relabelled)" in out
    assert "units_delivered 6? -> 9?" in out
    assert "[not_comparable] 2022 ASELPOD" in out
    assert "2018 MilGem: units_delivered 1 -> 2" in out


def test_diff_json_and_markdown(store_all, capsys):
    code, out, _ = run(capsys, store_all, "diff", "--from", "2025", "--to", "2026", "--supplier", "Turkiye",
                       "--recipient", "Pakistan", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["release_from"] == "2025" and data["release_to"] == "2026"
    code, out, _ = run(capsys, store_all, "diff", "--from", "2025", "--to", "2026", "--format", "markdown")
    assert code == 0 and out.startswith("# Release 2025 -> 2026")
