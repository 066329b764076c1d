"""The brief: one document of a pair (figures, charts, deals, changes, a claim's verdicts, citation)
as HTML, PDF and Markdown, on the real shared 2024-2026 releases."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dashboard import queries
from dashboard.brief import BriefRequest, brief_html, brief_markdown, build_brief
from etl.cli import main
from tests.conftest import REPO, SIPRI_DIR

pytestmark = pytest.mark.sipri

ARTICLE = Path(str(SIPRI_DIR)).parent / "articles" / "turkiye-pakistan-ties-2025.txt"
if not ARTICLE.exists():
    ARTICLE = REPO.parent / "shared" / "articles" / "turkiye-pakistan-ties-2025.txt"
CHROMIUM = Path("/usr/bin/chromium")
PAIR = ("turkiye", "pakistan")


def article_paragraph(start: str) -> str:
    if not ARTICLE.exists():
        pytest.skip(f"the shared article is not at {ARTICLE} (it lives in ../shared/articles)")
    [paragraph] = [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.startswith(start)]
    return paragraph


def needs_chromium() -> None:
    if not CHROMIUM.is_file():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium): the charts need it")


@pytest.fixture(scope="module")
def claim() -> str:
    return article_paragraph("Turkey is expected to supply Pakistan")


@pytest.fixture(scope="module")
def pair_deals_2024(store_all) -> list[str]:
    """Every designation of the pair's deals in the 2024 release, read from the store."""
    data = queries.release_data(store_all, "2024")
    deals = data.deals[(data.deals["supplier_id"] == PAIR[0]) & (data.deals["recipient_id"] == PAIR[1])]
    return sorted(set(deals["designation"].astype("str")))


@pytest.fixture(scope="module")
def pdf_reader(store_all, claim, tmp_path_factory):
    """The PDF brief made by the command line, read by pypdf."""
    needs_chromium()
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("brief") / "brief.pdf"
    code = main(["brief", "--supplier", "Turkiye", "--recipient", "Pakistan", "--release", "2024",
                 "--claim", claim, "--format", "pdf", "--output", str(out), "--store", str(store_all.store_dir)])
    assert code == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) >= 3
    return reader


@pytest.fixture(scope="module")
def pdf_text(pdf_reader) -> str:
    """The PDF brief's text, whitespace folded."""
    return " ".join(" ".join(page.extract_text() for page in pdf_reader.pages).split())


def test_pdf_brief_prints_the_pair_pages_three_charts_at_print_resolution(pdf_reader):
    """TIV by year, the timeline, the recipient's suppliers (as in the HTML brief), each drawn at
    twice its CSS size: 2,200 pixels across the page, about 200 dpi."""
    from PIL import Image

    # WeasyPrint lists every image in each page's resources: the distinct ones are the charts.
    images = {image.data: image for page in pdf_reader.pages for image in page.images}
    assert len(images) == 3
    assert all(Image.open(io.BytesIO(data)).size[0] == 2200 for data in images)


@pytest.fixture(scope="module")
def brief_2024(store_all, claim):
    return build_brief(store_all, BriefRequest(("Turkey",), ("Pakistan",), "2024", claim=claim))


@pytest.fixture(scope="module")
def html_2024(brief_2024) -> str:
    needs_chromium()
    return brief_html(brief_2024)


def test_pdf_brief_holds_credit_release_date_2023_figure_every_deal_and_the_verdicts(pdf_text, pair_deals_2024, brief_2024):
    assert "Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024, data generated 13 Oct 2024" in pdf_text
    assert "2023: 223.6" in pdf_text  # the yearly figure of the last year, under the chart
    assert "499.28" in pdf_text  # the headline: TIV delivered over the pair's years
    missing = [d for d in pair_deals_2024 if d not in pdf_text]
    assert not missing and len(pair_deals_2024) == 9  # 11 deals, two designations ordered twice
    assert "Deal register: 11 deals" in pdf_text
    labels = {part.label for result in brief_2024.check.results for part in result.parts}
    assert {"Not recorded", "Partly recorded"} <= labels
    for label in labels:
        assert label in pdf_text
    assert "Claim 1: Turkiye -> Pakistan" in pdf_text and "Claim 2: Pakistan -> Turkiye" in pdf_text
    assert "@misc{sipri_at_2024_pair_turkiye_pakistan" in pdf_text  # the view's citation, BibTeX
    assert "TY - DATA" in pdf_text  # and RIS


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.cells: list[str] = []
        self._in_cell = False
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs)["src"])
        if tag == "td":
            self._in_cell = True
            self.cells.append("")
        if tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        if self._in_cell:
            self.cells[-1] += data


def test_html_brief_draws_the_pair_pages_charts_as_svg_and_keeps_sipris_question_marks(html_2024, pair_deals_2024):
    import base64

    page = _Collect()
    page.feed(html_2024)
    assert page.scripts == 0
    svgs = [base64.b64decode(src.split(",", 1)[1]).decode("utf-8") for src in page.images]
    assert all(src.startswith("data:image/svg+xml;base64,") for src in page.images)
    # TIV by year, the timeline (11 deals: one chart), the recipient's suppliers: the pair page's three.
    assert len(svgs) == 3
    assert "TIV delivered by year: Turkiye → Pakistan, 1994-2023" in svgs[0]
    assert "Orders and deliveries, deal by deal" in svgs[1] and "Suppliers of Pakistan" in svgs[2]
    assert all("<svg" in s and "TIV (millions)" in s for s in svgs)  # each chart carries its unit and credit
    assert "1994?" in page.cells and "50?" in page.cells  # Shorland: order year and number SIPRI estimates
    assert set(pair_deals_2024) <= set(page.cells)
    assert "TIV (millions)" in html_2024 and not re.search(r"[$€£]\s?\d", "".join(
        c for c in page.cells if not c.startswith(("$", "Incl", "Shorland")) and "deal" not in c))


def test_brief_without_an_earlier_release_says_so_and_a_later_one_lists_the_relabelled_drone(store_all, brief_2024):
    assert brief_2024.changes["previous"] is None
    assert "no release before 2024" in brief_2024.changes["note"]
    later = build_brief(store_all, BriefRequest(("Turkiye",), ("Pakistan",), "2026"))
    assert later.changes["previous"] == "2025"
    [drone] = [r for r in later.changes["rows"] if r["designation"] == "Bayraktar TB2 → Bayraktar TB-2"]
    assert drone["change"] == "changed" and "units_delivered: 9 → 9?" in drone["detail"]
    assert later.changes["counts"]["changed"] == 8


def test_markdown_brief_escapes_a_claims_markup_and_keeps_every_figure(store_all):
    brief = build_brief(store_all, BriefRequest(("Turkiye",), ("Pakistan",), "2024",
                                                claim="Turkey sold <script>alert(1)</script> TB2 drones to Pakistan."))
    text = brief_markdown(brief)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "| 2023 | 223.6 |" in text
    assert "| Shorland | APV | 1994? | 50? | 50? |" in text
    assert "Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024, data generated 13 Oct 2024." in text


def test_html_brief_escapes_the_claim(store_all):
    needs_chromium()
    brief = build_brief(store_all, BriefRequest(("Turkiye",), ("Pakistan",), "2024", from_year=2020,
                                                claim="Turkey sold <img src=x onerror=alert(1)> TB2 drones to Pakistan."))
    html = brief_html(brief)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_brief_years_default_to_the_pairs_own_and_a_view_link_comes_from_the_public_address(store_all, monkeypatch):
    monkeypatch.setenv("ARMS_EXPLORER_PUBLIC_URL", "https://arms.example.org/")
    brief = build_brief(store_all, BriefRequest(("Turkiye",), ("Pakistan",), "2024"))
    assert (brief.view.from_year, brief.view.to_year) == (1994, 2023)
    assert brief.link is not None and brief.link.startswith("https://arms.example.org/?release=2024&supplier=turkiye")
    assert f"View: {brief.link}" in brief.citation["text"]


def run(capsys, store, *args: str) -> tuple[int, str, str]:
    code = main(["brief", *args, "--store", str(store.store_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def test_brief_errors_are_one_sentence(store_all, capsys, monkeypatch):
    code, _, err = run(capsys, store_all, "--supplier", "Atlantis", "--recipient", "Pakistan")
    assert code == 2 and err.count("\n") == 1 and "Atlantis" in err
    code, _, err = run(capsys, store_all, "--supplier", "Turkiye")
    assert code == 2 and "give --supplier and --recipient" in err
    code, _, err = run(capsys, store_all, "--supplier", "Turkiye", "--recipient", "Pakistan", "--release", "2024",
                       "--from-year", "1900")
    assert code == 2 and "outside release 2024's years" in err
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    code, _, err = run(capsys, store_all, "--supplier", "Turkiye", "--recipient", "Pakistan")
    assert code == 2 and "No browser at BROWSER_PATH=/nonexistent/chromium" in err and err.count("\n") == 1


def test_no_chromium_on_the_machine_is_one_sentence(monkeypatch):
    from dashboard import brief
    from dashboard.brief import charts as brief_charts

    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.delenv("ARMS_EXPLORER_CHROMIUM", raising=False)
    monkeypatch.setattr(brief_charts, "CHROMIUM_PATHS", ("/nonexistent/chromium",))
    monkeypatch.setattr(brief_charts.shutil, "which", lambda name: None)
    with pytest.raises(brief.BriefError) as caught:
        brief.chromium_path()
    assert caught.value.message.startswith("No Chromium found to draw the brief's charts")
    assert caught.value.message.count(".") <= 2 and "--format md" in caught.value.message


def test_pdf_brief_is_not_written_to_a_terminal(store_all, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, err = run(capsys, store_all, "--supplier", "Turkiye", "--recipient", "Pakistan", "--format", "pdf")
    assert code == 2 and out == "" and "give --output FILE" in err


def test_brief_names_the_context_the_pair_page_draws_and_the_articles_date(store_all):
    """China -> Pakistan: the India-Pakistan conflict-years of UCDP's table (the shipped one: no
    UCDP file is ingested in this store) in the Context section, and the article's date marked."""
    import csv
    from datetime import date

    from etl.context import ucdp

    brief = build_brief(store_all, BriefRequest(("China",), ("Pakistan",), "2024", article_date=date(2025, 5, 20),
                                                claim="China delivered J-10C fighters to Pakistan."))
    lo, hi = brief.view.from_year, brief.view.to_year
    with open(REPO / "etl" / "reference" / ucdp.DERIVED_FILE, encoding="utf-8") as handle:
        expected = sorted({int(r["year"]) for r in csv.DictReader(handle)
                           if r["entity_id"] == "pakistan" and r["conflict_id"] == "218" and lo <= int(r["year"]) <= hi})
    assert expected, "the shipped table has India-Pakistan years in the brief's span"
    shown: set[int] = set()
    for item in brief.context:
        if item.label.startswith("interstate conflict India-Pakistan"):
            for part in item.years.split(", "):
                a, _, b = part.partition("-")
                shown |= set(range(int(a), int(b or a) + 1))
    assert sorted(shown) == expected
    assert any(i.kind == "marked date" and i.label == "the article's date" and "2025" in i.years for i in brief.context)
    assert "India-Pakistan" in brief_markdown(brief)
