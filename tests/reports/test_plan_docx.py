"""The Word action plan's layout: landscape, tables that fit the page, header rows repeated,
rows never split, words never broken inside a cell, language set, page numbers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mgi.reports.plan_docx import (
    TEXT_WIDTH_CM,
    DocTable,
    Heading,
    Paragraph,
    PlanDocument,
    fit_widths,
    word_width_cm,
    write_plan_docx,
)

TABLE = DocTable(
    "Measures of SO1",
    ("Code", "Measure and activities", "Institutions", "Total (thousand ALL)"),
    (
        (
            "SO1.M1",
            "Register births abroad\nActivities: connect the consulates",
            "Ministria e Brendshme",
            "1 234 567",
        ),
    ),
    widths=(1.0, 10.0, 4.0, 1.0),
    numeric=(3,),
)


def test_widths_fill_the_text_block_and_hold_the_longest_word() -> None:
    widths = fit_widths(TABLE)
    assert sum(widths) == pytest.approx(TEXT_WIDTH_CM)
    assert widths[3] >= word_width_cm("(thousand", TABLE.font_pt, bold=True)
    assert widths[0] >= word_width_cm("SO1.M1", TABLE.font_pt)


def test_document_xml(tmp_path: Path) -> None:
    doc = PlanDocument(
        "Plani i veprimit",
        lang="sq-AL",
        blocks=(Heading("Masat"), Paragraph("Të dhëna ilustruese.", boxed=True), TABLE),
    )
    path = write_plan_docx(doc, tmp_path / "plan.docx")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
        footer = next(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert 'w:orient="landscape"' in body
    assert body.count("<w:tblHeader") == 1 and body.count("<w:cantSplit") == 2
    assert '<w:tblLayout w:type="fixed"/>' in body
    grid = [int(w) for w in __import__("re").findall(r'<w:gridCol w:w="(\d+)"', body)]
    assert sum(grid) <= round(TEXT_WIDTH_CM / 2.54 * 1440) + len(grid)
    assert 'w:val="sq-AL"' in styles
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert write_plan_docx(doc, tmp_path / "again.docx").read_bytes() == path.read_bytes()
