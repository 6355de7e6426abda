"""The HTML report: parsed as HTML (self-contained, escaped, in its language), and the demo's
report printed by Chromium to A4 and laid out at 800 and 1280 px, as a reader sees it."""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from mgi.reports.content import Formula
from mgi.reports.html import inline_svg, math_html, page_counter, render_html, write_html
from tests.reports.conftest import LANGUAGES, SCRIPT
from tests.reports.rendering import ENGLISH, pdf_fonts, pdf_pages


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("svg", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("svg", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.data.append(data)


def _parse(page: str) -> _Collector:
    parser = _Collector()
    parser.feed(page)
    return parser


def test_no_external_resources_and_no_javascript(small_content: Any) -> None:
    page = render_html(small_content)
    parsed = _parse(page)
    links = [
        value
        for _, attrs in parsed.tags
        for key, value in attrs.items()
        if key in ("src", "href", "xlink:href") and value
    ]
    assert links and all(v.startswith(("#", "data:")) for v in links)
    assert "url(http" not in page and "@import" not in page and "@font-face" not in page
    assert not [tag for tag, _ in parsed.tags if tag in ("script", "link", "iframe", "img")]


def test_user_text_is_escaped(small_content: Any) -> None:
    page = render_html(small_content)
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page
    assert "<li>Score 50.0 &lt;b&gt;not bold&lt;/b&gt;.</li>" in page
    assert "<title>Report &lt;title&gt;</title>" in page


def test_numbered_sections_captions_notes_and_the_boxed_note(small_content: Any) -> None:
    page = render_html(small_content)
    parsed = _parse(page)
    ids = [attrs.get("id") for tag, attrs in parsed.tags if tag == "section"]
    assert ids == ["findings", "domains", "domain-D1", "methodology", "provenance"]
    assert '<h2><span class="num">1</span>Key findings</h2>' in page
    assert '<h3><span class="num">2.1</span>Rights</h3>' in page
    assert '<h2><span class="num">Appendix A</span>How this was calculated</h2>' in page
    assert page.count('class="appendix first"') == 1
    assert '<span class="caption">Figure 1: Gaps to target by sub-domain</span>' in page
    note = next(small_content.figures()).note
    assert f'<span class="note-line">Note: {html.escape(note)} Source: Testland 2024</span>' in page
    assert "Source: Testland 2024" in page
    assert '<span class="caption">Table 1: Sub-domain scores</span>' in page
    assert '<p class="table-note">Note: Scores.</p>' in page
    assert page.count('<aside class="note" role="note">') == 1
    assert '<th scope="col">Code</th>' in page and "code</th>" not in page


def test_print_stylesheet_numbers_pages_in_the_language() -> None:
    assert page_counter("en") == '"Page " counter(page) " of " counter(pages)'
    assert page_counter("sq") == '"Faqja " counter(page) " nga " counter(pages)'


def test_language_attribute_and_albanian_numbers(small_content: Any) -> None:
    import dataclasses

    page = render_html(dataclasses.replace(small_content, lang="sq"))
    assert '<html lang="sq-AL">' in page
    assert "80,0" in page and '<th scope="col">Kodi</th>' in page
    assert "Figura 1:" in page and "Shtojca A" in page
    assert '<html lang="en-GB">' in render_html(small_content)


def test_formulas_are_set_as_text_with_sub_and_superscripts(small_content: Any) -> None:
    page = render_html(small_content)
    assert '<p class="formula"><var>gap</var>' not in page  # words are not variables
    assert '<p class="formula">gap = target − score</p>' in page
    assert '<p class="formula-where"><var>w</var><sub><var>i</var></sub> is a weight</p>' in page
    assert "<pre" not in page and "<code" not in page
    assert math_html(Formula("b^[+]_i")) == "<var>b</var><sup>+</sup><sub><var>i</var></sub>"


def test_chart_is_inline_svg_with_scoped_ids_and_alt_text(small_content: Any) -> None:
    parsed = _parse(render_html(small_content))
    svgs = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(svgs) == 1 and svgs[0]["role"] == "img"
    assert svgs[0]["aria-label"] == next(small_content.figures()).alt
    ids = [attrs["id"] for _, attrs in parsed.tags if attrs.get("id", "").startswith("fig1-")]
    assert ids


def test_inline_svg_strips_prologue_and_metadata() -> None:
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg">'
        '<metadata>x</metadata><clipPath id="p1"/><g clip-path="url(#p1)"/></svg>'
    )
    out = inline_svg(svg, "f", "A <chart>")
    assert out.startswith('<svg role="img" aria-label="A &lt;chart&gt;">')
    assert "metadata" not in out and 'id="f-p1"' in out and "url(#f-p1)" in out


def test_write_html_is_utf8(small_content: Any, tmp_path: Path) -> None:
    path = write_html(small_content, tmp_path / "report.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- the demo's report as a reader sees it -------------------------------------------------------


def _body_pages(pages: list[Any], lang: str) -> int:
    """The number of pages before the first appendix."""
    heading = {"en": "Appendix", "sq": "Shtojca"}[lang]
    for page in pages:
        words = [w.text for w in page.words]
        if any(a == heading and b == "A" for a, b in itertools.pairwise(words)):
            return page.number - 1
    raise AssertionError("no appendix found")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_demo_prints_on_a4_within_the_page_budget(rendered: Any, lang: str) -> None:
    pages = pdf_pages(rendered(lang).html_pdf)
    assert len(pages) <= 25
    assert _body_pages(pages, lang) <= 12
    page_word = {"en": "Page", "sq": "Faqja"}[lang]
    for page in pages:
        assert round(page.width) == 595 and round(page.height) == 842  # A4
        assert len(page.words) > 40, f"page {page.number} is (nearly) empty"
        footer = [w.text for w in page.words if w.y0 > page.height - 45]
        assert footer[:4] == [page_word, str(page.number), footer[2], str(len(pages))]
        inside = [w for w in page.words if w.x0 < 40 or w.x1 > page.width - 40]
        assert not inside, f"page {page.number}: {inside[:3]} outside the text block"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_demo_reads_at_800_and_1280_px(rendered: Any, lang: str) -> None:
    for width, layout in rendered(lang).layout.items():
        assert layout["width"] == width
        assert layout["scroll"] <= width, f"the page scrolls sideways at {width} px"
        assert layout["overflow"] == [], (width, layout["overflow"][:5])
        for table in layout["tables"]:
            assert table["table"] <= table["box"] or table["scrolls"] == "auto", (width, table)
            assert table["font"] >= 11


def test_albanian_report_is_albanian_with_its_letters(rendered: Any) -> None:
    page = rendered("sq").html.read_text(encoding="utf-8")
    assert '<html lang="sq-AL">' in page
    words = re.findall(r"[^\W\d_]+", " ".join(_parse(page).data).lower())
    assert not ENGLISH & set(words), sorted(ENGLISH & set(words))
    assert "Përkthim" in page or "përkthime jozyrtare" in page
    pdf = rendered("sq").html_pdf
    text = " ".join(p.text for p in pdf_pages(pdf))
    assert "ë" in text and "ç" in text and "\ufffd" not in text
    assert all(embedded for _, embedded in pdf_fonts(pdf))


def test_no_overall_score_and_the_disclaimer_once(rendered: Any) -> None:
    page = rendered("en").html.read_text(encoding="utf-8")
    text = " ".join(_parse(page).data)
    assert "overall score" not in text.lower().replace("names no overall score", "")
    assert text.count("not a ranking of countries") == 1
    assert "Partially meets" not in text  # neutral band labels
