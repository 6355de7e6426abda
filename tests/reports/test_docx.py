"""The Word annex read back with python-docx: headings, numbered captions, tables, pictures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from mgi.reports.docx import write_docx


def _read(content: Any, tmp_path: Path, name: str = "annex.docx") -> Any:
    return docx.Document(str(write_docx(content, tmp_path / name)))


def test_headings_and_normal_style(small_content: Any, tmp_path: Path) -> None:
    document = _read(small_content, tmp_path)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(
        ("Title", "Heading"))]  # fmt: skip
    assert headings == [
        ("Title", "Report <title>"),
        ("Heading 1", "Summary"),
        ("Heading 1", "Domain profile and gaps"),
        ("Heading 1", "How this was calculated"),
        ("Heading 1", "Provenance"),
    ]
    normal = document.styles["Normal"].font
    assert normal.name == "Calibri" and normal.size.pt == 11


def test_figure_is_16_cm_with_numbered_caption(small_content: Any, tmp_path: Path) -> None:
    document = _read(small_content, tmp_path)
    (shape,) = document.inline_shapes
    assert round(shape.width.cm, 1) == 16.0
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Figure 1: Gaps to target by sub-domain. Gap between")
    assert captions[1] == "Table 1: Sub-domains. Scores."


def test_tables_are_styled_with_a_repeated_header(small_content: Any, tmp_path: Path) -> None:
    document = _read(small_content, tmp_path)
    assert len(document.tables) == 2  # Sub-domains and Issues (Indicators is workbook/HTML only)
    table = document.tables[0]
    assert table.style.name == "Light Grid Accent 1"
    assert [c.text for c in table.rows[0].cells] == ["code", "name", "domain", "score", "target",
                                                     "gap"]  # fmt: skip
    assert table.rows[1].cells[3].text == "80.0"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_figures_can_be_selected(small_content: Any, tmp_path: Path) -> None:
    path = write_docx(small_content, tmp_path / "none.docx", figures=())
    assert not docx.Document(str(path)).inline_shapes


def test_two_writes_are_byte_identical(small_content: Any, tmp_path: Path) -> None:
    one = write_docx(small_content, tmp_path / "one.docx").read_bytes()
    two = write_docx(small_content, tmp_path / "two.docx").read_bytes()
    assert one == two


def test_caption_numbers_are_seq_fields(tmp_path) -> None:
    """Captions read "Figure 1: ..." and the number is a SEQ field Word can update."""
    import docx

    from mgi.reports.docx import _numbered_caption

    document = docx.Document()
    paragraph = document.add_paragraph(style="Caption")
    _numbered_caption(paragraph, "Figure", 3, "Domain scores")
    assert paragraph.text == "Figure 3: Domain scores. "
    xml = paragraph._p.xml
    assert "SEQ Figure \\* ARABIC" in xml
    assert xml.count("w:fldChar ") == 3
