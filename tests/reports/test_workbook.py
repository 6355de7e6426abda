"""The results workbook read back with openpyxl, as an analyst would open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from mgi.i18n import header
from mgi.reports.workbook import write_results_workbook
from tests.reports.conftest import FORMULA, SCRIPT


def _open(content: Any, tmp_path: Path) -> Any:
    return openpyxl.load_workbook(write_results_workbook(content, tmp_path / "results.xlsx"))


def test_one_sheet_per_table_plus_about_and_charts(small_content: Any, tmp_path: Path) -> None:
    wb = _open(small_content, tmp_path)
    assert wb.sheetnames == ["About", "Sub-domains", "Indicators", "Issues", "Charts"]
    assert all(len(name) <= 31 for name in wb.sheetnames)


def test_table_sheets_have_filters_frozen_header_formats_and_colour_scales(
    small_content: Any, tmp_path: Path
) -> None:
    ws = _open(small_content, tmp_path)["Sub-domains"]
    assert ws.freeze_panes == "B2"
    (table,) = ws.tables.values()
    assert table.ref == "A1:F3" and table.autoFilter is not None
    fields = ["code", "name", "domain", "score", "target", "gap"]
    assert [c.value for c in ws[1]] == [header(f) for f in fields]
    assert ws["D2"].number_format == "0.0" and ws["D2"].value == 80.0
    ranges = {str(r.sqref) for r in ws.conditional_formatting}
    assert ranges == {"D2:D3", "F2:F3"}
    empty = _open(small_content, tmp_path / "x")["Issues"]
    assert empty.auto_filter.ref == "A1:C1"


def test_formula_like_user_text_is_stored_as_text(small_content: Any, tmp_path: Path) -> None:
    ws = _open(small_content, tmp_path)["Indicators"]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row}
    assert cells[FORMULA].data_type == "s"
    assert cells["+ ok"].data_type == "s"
    assert cells[SCRIPT].data_type == "s"


def test_about_sheet_lists_provenance(small_content: Any, tmp_path: Path) -> None:
    ws = _open(small_content, tmp_path)["About"]
    pairs = {r[0].value: r[1].value for r in ws.iter_rows(min_col=1, max_col=2) if r[0].value}
    assert pairs["inputs.assessment.xlsx"] == "ab" * 32
    assert pairs["seed"] == "7"
    assert ws["A1"].value == "Report <title>"


def test_charts_sheet_lists_the_chart_files_with_links(small_content: Any, tmp_path: Path) -> None:
    ws = _open(small_content, tmp_path)["Charts"]
    assert not ws._images
    assert ws["A5"].value == ws["A5"].hyperlink.target == "charts/subdomain-gaps.png"
    assert ws["B5"].value.startswith("Figure 1: Gaps to target by sub-domain")


def test_two_writes_are_byte_identical(small_content: Any, tmp_path: Path) -> None:
    one = write_results_workbook(small_content, tmp_path / "one.xlsx").read_bytes()
    two = write_results_workbook(small_content, tmp_path / "two.xlsx").read_bytes()
    assert one == two
