"""The HTML report parsed with html.parser: self-contained, escaped, every section present."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mgi.reports.html import inline_svg, render_html, write_html
from tests.reports.conftest import SCRIPT


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
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
    assert "Overall score 50.0 &lt;b&gt;not bold&lt;/b&gt;." in page
    assert "<title>Report &lt;title&gt;</title>" in page
    assert SCRIPT in "".join(_parse(page).data)  # shown as text


def test_every_section_with_heading_and_print_stylesheet(small_content: Any) -> None:
    parsed = _parse(render_html(small_content))
    ids = [attrs.get("id") for tag, attrs in parsed.tags if tag == "section"]
    assert ids == ["summary", "domains", "methodology", "provenance"]
    page = render_html(small_content)
    assert "@media print" in page and "size: A4" in page and "break-before: page" in page
    assert "<figcaption><b>Figure 1: Gaps to target by sub-domain.</b>" in page
    assert "<caption><b>Table 1: Sub-domains.</b> Scores.</caption>" in page
    assert '<pre class="formula">gap = target − score</pre>' in page
    assert "<dt>inputs.assessment.xlsx</dt>" in page


def test_chart_is_inline_svg_with_scoped_ids(small_content: Any) -> None:
    parsed = _parse(render_html(small_content))
    svgs = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(svgs) == 1 and svgs[0]["role"] == "img"
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
