"""The Word annex: read back with python-docx (styles, numbering, fields, tables, language),
and the demo's annex rendered by LibreOffice, as a reader sees it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from mgi.reports._textwidth import longest_word
from mgi.reports.docx import fit_columns, text_width_twips, write_docx
from tests.reports.conftest import LANGUAGES
from tests.reports.rendering import ENGLISH, pdf_pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read(content: Any, tmp_path: Path, name: str = "annex.docx") -> Any:
    return docx.Document(str(write_docx(content, tmp_path / name)))


def _instructions(document: Any) -> list[str]:
    parts = [document.element, *(s.footer._element for s in document.sections)]
    return [" ".join(t.text.split()) for part in parts for t in part.iter(qn("w:instrText"))]


def test_headings_are_numbered_by_a_list_linked_to_the_styles(
    small_content: Any, tmp_path: Path
) -> None:
    document = _read(small_content, tmp_path)
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith(("Title", "Heading"))]  # fmt: skip
    assert headings == [
        ("Title", "Report <title>"),
        ("Heading 1", "Key findings"),
        ("Heading 1", "Domain profile and gaps"),
        ("Heading 2", "Rights"),
        ("Heading 1", "How this was calculated"),
        ("Heading 1", "Provenance"),
    ]
    for level in (1, 2, 3):
        numpr = document.styles[f"Heading {level}"].element.pPr.find(qn("w:numPr"))
        assert numpr.find(qn("w:ilvl")).get(qn("w:val")) == str(level - 1)
    appendix = next(p for p in document.paragraphs if p.text == "How this was calculated")
    assert appendix.paragraph_format.page_break_before
    numbering = document.part.numbering_part.element.xml
    assert 'w:lvlText w:val="Appendix %1"' in numbering and "upperLetter" in numbering
    normal = document.styles["Normal"].font
    assert normal.name == "Calibri" and normal.size.pt == 11


def test_page_numbers_contents_and_figures_are_fields(small_content: Any, tmp_path: Path) -> None:
    document = _read(small_content, tmp_path)
    fields = _instructions(document)
    assert "PAGE" in fields and "NUMPAGES" in fields
    assert 'TOC \\o "1-2" \\h \\z \\u' in fields and 'TOC \\h \\z \\c "Figure"' in fields
    assert "SEQ Figure \\* ARABIC" in fields and "SEQ Table \\* ARABIC" in fields
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer == "Page 1 of 1"  # the cached values; Word and LibreOffice update them
    assert document.sections[0].header.paragraphs[0].text.startswith("Report <title>")
    toc = [p.text for p in document.paragraphs if p.style.name == "toc 2"]
    assert toc == ["2.1 Rights"]
    assert document.settings.element.find(qn("w:updateFields")) is not None


def test_language_of_the_document(small_content: Any, tmp_path: Path) -> None:
    english = _read(small_content, tmp_path)
    assert english.core_properties.language == "en-GB"
    assert 'w:val="en-GB"' in english.styles.element.xml
    albanian = _read(dataclasses.replace(small_content, lang="sq"), tmp_path, "sq.docx")
    assert albanian.core_properties.language == "sq-AL"
    settings = albanian.settings.element
    assert settings.find(qn("w:decimalSymbol")).get(qn("w:val")) == ","
    assert [p.text for p in albanian.paragraphs if p.style.name == "TOC Heading"] == [
        "Përmbajtja",
        "Figurat",
    ]


def test_figure_with_alt_text_one_line_caption_and_a_note(
    small_content: Any, tmp_path: Path
) -> None:
    document = _read(small_content, tmp_path)
    (shape,) = document.inline_shapes
    assert round(shape.width.cm, 1) == 16.0
    doc_pr = shape._inline.docPr
    figure = next(small_content.figures())
    assert doc_pr.get("descr") == figure.alt
    assert figure.alt.startswith("Gaps to target by sub-domain. ") and figure.note in figure.alt
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == ["Figure 1: Gaps to target by sub-domain", "Table 1: Sub-domain scores"]
    notes = [p.text for p in document.paragraphs if p.style.name == "Caption Note"]
    assert notes[1] == f"Note: {figure.note} Source: Testland 2024"
    entries = [p.text for p in document.paragraphs if p.style.name == "table of figures"]
    assert entries == ["Figure 1: Gaps to target by sub-domain"]


def test_figures_can_be_selected(small_content: Any, tmp_path: Path) -> None:
    path = write_docx(small_content, tmp_path / "none.docx", figures=())
    assert not docx.Document(str(path)).inline_shapes


def test_tables_fit_the_text_block_with_repeated_headers(
    small_content: Any, tmp_path: Path
) -> None:
    document = _read(small_content, tmp_path)
    assert len(document.tables) == 1  # Indicators is workbook/HTML only; Issues is empty
    table = document.tables[0]
    assert table.style.name == "mgi Table"
    headers = [c.text for c in table.rows[0].cells]
    assert headers == ["Code", "Name", "Domain", "Score (0–100)", "Target (0–100)",
                       "Gap to target (points)"]  # fmt: skip
    assert table.rows[1].cells[3].text == "80.0"
    assert table.rows[1].cells[3].paragraphs[0].alignment == 2  # right
    tbl = table._tbl
    widths = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(widths) == text_width_twips() == 9638
    assert tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == "9638"
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    first, *rest = table.rows
    assert first._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in [first, *rest])


def test_formulas_are_body_text_with_real_subscripts(small_content: Any, tmp_path: Path) -> None:
    document = _read(small_content, tmp_path)
    (formula,) = [p for p in document.paragraphs if p.style.name == "Formula"]
    assert formula.text == "gap = target − score"
    (where,) = [p for p in document.paragraphs if p.style.name == "Formula Note"]
    runs = [(r.text, r.font.italic, r.font.subscript) for r in where.runs]
    assert runs == [("w", True, None), ("i", True, True), (" is a weight", None, None)]
    assert all(r.font.name in (None, "Calibri") for p in (formula, where) for r in p.runs)


def test_columns_get_their_widest_word_and_add_up_to_the_text_width() -> None:
    size, widths = fit_columns(
        ["Code", "Question", "Answer"],
        [["D1.1.1", "Does national law guarantee migrants access " * 3, "Partially present"]],
        9638,
    )
    assert size == 9.0 and sum(widths) == 9638
    assert widths[2] >= longest_word("Partially present", 9) * 20
    many = [f"Heading{i}" for i in range(14)]
    size, widths = fit_columns(many, [["Averyveryverylongword"] * 14], 9638)
    assert size == 7.5 and sum(widths) == 9638


def test_two_writes_are_byte_identical(small_content: Any, tmp_path: Path) -> None:
    one = write_docx(small_content, tmp_path / "one.docx").read_bytes()
    two = write_docx(small_content, tmp_path / "two.docx").read_bytes()
    assert one == two


# -- the demo's annex rendered by LibreOffice ----------------------------------------------------


def _page_of(pages: list[Any], phrase: str, after: int = 0) -> int:
    """The number of the first page after page ``after`` on which ``phrase`` is printed."""
    wanted = phrase.split()
    for page in pages[after:]:
        words = [w.text for w in page.words]
        if any(words[i : i + len(wanted)] == wanted for i in range(len(words))):
            return page.number
    raise AssertionError(f"{phrase!r} is not printed after page {after}")


def _pieces(word: str) -> set[str]:
    """Every piece of ``word`` of at most two letters (a formula's symbols with brackets)."""
    return {
        word[i:j]
        for i in range(len(word))
        for j in range(i + 1, len(word) + 1)
        if sum(c.isalpha() for c in word[i:j]) <= 2
    }


def _source_words(path: Path) -> set[str]:
    document = docx.Document(str(path))
    parts = [document.element]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    text = []
    for part in parts:
        for paragraph in part.iter(qn("w:p")):
            runs = [t.text or "" for t in paragraph.iter(qn("w:t"))]
            text += ["".join(runs), *runs]  # a formula's sub- and superscripts are runs
    formulas = [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in document.element.iter(qn("w:p"))
        if p.pPr is not None
        and p.pPr.pStyle is not None
        and p.pPr.pStyle.val in ("Formula", "FormulaNote")
    ]
    words = set(" ".join(text).split())
    # A formula's sub- and superscripts are set apart: "(d" of "(d⁺ᵢ + …" is a piece of it.
    words |= {piece for f in formulas for w in f.split() for piece in _pieces(w)}
    # A line may break after the hyphen of a compound ("gender-|responsive"): its parts count.
    return words | {part for w in words for part in re.findall(r"[^-]*-|[^-]+$", w)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_demo_annex_needs_no_hand_work(rendered: Any, lang: str) -> None:
    """Rendered by LibreOffice: every page numbered "Page n of N", every word inside the text
    block (no table sticks out), no word broken inside a cell, the header row of a long table
    repeated on every page it runs over."""
    render = rendered(lang)
    pages = pdf_pages(render.docx_pdf)
    assert 15 <= len(pages) <= 40
    page_word = {"en": "Page", "sq": "Faqja"}[lang]
    source = _source_words(render.docx)
    generated = {"Appendix", "Shtojca", *"ABCDEFGH", "•", "\uf0b7"}  # list numbers, bullets
    left, right = 56.7 - 2, 595.3 - 56.7 + 2  # 2 cm margins
    for page in pages:
        words = [w.text for w in page.words]
        footer = [w.text for w in page.words if w.y0 > page.height - 45]
        assert footer == [page_word, str(page.number), footer[2], str(len(pages))]
        outside = [w.text for w in page.words if w.x0 < left or w.x1 > right]
        assert not outside, f"page {page.number}: {outside[:5]} outside the text block"
        broken = [
            w for w in words
            if w not in source and w not in generated and not re.fullmatch(r"[\d.,:%+\-–−()]+", w)
        ]  # fmt: skip
        assert not broken, f"page {page.number}: {broken[:5]} are not words of the annex"
    # The answers table (appendix A) runs over several pages, its header row on each.
    from mgi.i18n import text

    first = _page_of(pages, "D1.1.1", after=1)  # the table's first row
    last = _page_of(pages, text("report.section.detail", lang), after=first)
    header = {"en": "domain", "sq": "fusha"}[lang]  # last word of "Points lost, domain"
    answers = pages[first - 1 : last - 1]  # the pages before the next appendix's
    assert len(answers) >= 3
    assert all(header in [w.text for w in p.words] for p in answers)


def test_albanian_annex_is_albanian(rendered: Any) -> None:
    document = docx.Document(str(rendered("sq").docx))
    assert document.core_properties.language == "sq-AL"
    text = " ".join(p.text for p in document.paragraphs) + " ".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    assert not ENGLISH & words, sorted(ENGLISH & words)
    assert "Përmbajtja" in text and "Faqja" in document.sections[0].footer.paragraphs[0].text


def test_table_rows_hold_text_as_written_with_their_look() -> None:
    """The rows of the annexes' tables are written as one piece of XML: a value is text, never
    markup; a newline is a line break; characters XML cannot hold are dropped."""
    import docx as python_docx
    from docx.oxml.ns import qn

    from mgi.reports._ooxml import RowLook, add_rows

    document = python_docx.Document()
    table = document.add_table(rows=0, cols=3)
    look = RowLook([1000, 2000, 1500], 8.5, right=frozenset({2}), tight=True, bold=False)
    head = RowLook([1000] * 3, 9, bold=True, header=True, fill="F2F2F2")
    add_rows(table, [["Code", "Name", "Total"]], head)
    add_rows(table, [["<b>x</b> & y", "one\ntwo", "1\x0b,200"], ["=1+1", "", "3"]], look)
    assert [c.text for c in table.rows[1].cells] == ["<b>x</b> & y", "one\ntwo", "1,200"]
    assert [c.text for c in table.rows[2].cells] == ["=1+1", "", "3"]
    head, first = table.rows[0]._tr, table.rows[1]._tr
    assert head.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
    assert first.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    cells = table.rows[1].cells
    assert [c.width.twips for c in cells] == [1000, 2000, 1500]
    assert cells[2].paragraphs[0].alignment == 2  # right
    assert cells[0].paragraphs[0].alignment is None
    assert cells[0].paragraphs[0].paragraph_format.space_after == 0
    run = cells[0].paragraphs[0].runs[0]
    assert run.bold is False and run.font.size.pt == 8.5
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold is True
    shading = table.rows[0].cells[0]._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    assert shading.get(qn("w:fill")) == "F2F2F2"
