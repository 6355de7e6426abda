"""The one results workbook: the words, headers, number formats and print set-up of a language."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from mgi.catalogue import make_issue
from mgi.i18n import MissingTranslationWarning, header
from mgi.workbook.results import (
    ResultsWorkbook,
    ResultTable,
    issues_table,
    sheet_name,
    write_results_workbook,
)

DOMAINS = pd.DataFrame(
    {
        "name": ["Migrants' rights", "Partnerships"],
        "score": [76.812, 56.1],
        "score_change": [16.75, -3.4],
        "p_top10": [0.976, 0.5],
        "weight": [0.21476, 0.1],
        "status": ["scored", "insufficient data"],
        "band": ["Partially meets", "Meets"],
    },
    index=pd.Index(["D1", "D2"], name="code"),
)


def _book(tmp_path: Path, lang: str, *tables: ResultTable, **more) -> object:
    results = ResultsWorkbook("Test", tables=tables, **more)
    return load_workbook(write_results_workbook(results, tmp_path / f"{lang}.xlsx", lang=lang))


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_headers_and_number_formats_come_from_the_label_dictionary(tmp_path, lang) -> None:
    ws = _book(tmp_path, lang, ResultTable("Domains", DOMAINS)).worksheets[1]
    fields = ["code", *DOMAINS.columns]
    assert [c.value for c in ws[1]] == [header(f, lang) for f in fields]
    formats = {f: ws.cell(2, j).number_format for j, f in enumerate(fields, start=1)}
    assert formats["score"] == "0.0" and formats["score_change"] == "+0.0;-0.0;0.0"
    assert formats["p_top10"] == "0%" and formats["weight"] == "0.00"
    assert ws.cell(2, 3).value == 76.812  # the number kept, only its format set


def test_words_and_sheet_names_in_albanian(tmp_path) -> None:
    book = _book(tmp_path, "sq", ResultTable("Domains", DOMAINS), ResultTable("Weights", DOMAINS))
    assert book.sheetnames == ["Rreth", "Fushat", "Gjykimet për peshat"]
    ws = book["Fushat"]
    column = {c.value: c.column for c in ws[1]}
    statuses = [ws.cell(r, column[header("status", "sq")]).value for r in (2, 3)]
    assert statuses == ["i vlerësuar", "të dhëna të pamjaftueshme"]
    assert ws.cell(2, column[header("band", "sq")]).value != "Partially meets"
    assert sheet_name("criteria_weights", "en") == "Criteria weights"


def test_a_column_missing_from_the_label_dictionary_is_found(tmp_path) -> None:
    frame = DOMAINS.assign(new_measure=1.5)
    with pytest.warns(MissingTranslationWarning, match="new_measure"):
        _book(tmp_path, "en", ResultTable("Domains", frame))


def test_sheets_print_fitted_to_the_width_with_their_header_on_every_page(tmp_path) -> None:
    wide = DOMAINS.assign(evidence="x" * 200, comment="y" * 200, question="z" * 200)
    book = _book(
        tmp_path,
        "en",
        ResultTable("Domains", DOMAINS),
        ResultTable("Indicators", wide, wrap=("evidence", "comment", "question")),
    )
    narrow, broad = book["Domains"], book["Indicators"]
    for ws in (narrow, broad):
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
    assert narrow.page_setup.orientation == "portrait"
    assert broad.page_setup.orientation == "landscape"


def test_charts_are_listed_with_a_link_and_issues_in_the_language(tmp_path) -> None:
    issue = make_issue("answer.invalid", sheet="D1", cell="E4", found="Ndoshta", allowed="Po")
    book = _book(
        tmp_path,
        "sq",
        issues_table([issue], lang="sq"),
        charts=(("Figura 1: Profili.", "charts/domain-profile.png"),),
    )
    assert book.sheetnames == ["Rreth", "Problemet", "Grafikët"]
    link = book["Grafikët"]["A5"]
    assert link.value == link.hyperlink.target == "charts/domain-profile.png"
    assert not book["Grafikët"]._images
    messages = [c.value for c in book["Problemet"]["C"]][1:]
    assert messages == ['Përgjigjja "Ndoshta" nuk lejohet. Përdorni një nga: Po.']
