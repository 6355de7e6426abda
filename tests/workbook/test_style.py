"""The writing toolkit: safe text, sheet names, deterministic saving."""

from __future__ import annotations

import openpyxl
import pytest

from mgi.workbook import safe_cell_value
from mgi.workbook._style import save_deterministic, sheet_title, write_text


@pytest.mark.parametrize("text", ["=1+1", "+33 1 23", "-5", "@SUM(A1)", "\tx"])
def test_formula_like_text_is_never_a_formula(text, tmp_path):
    assert safe_cell_value(text) == "'" + text
    wb = openpyxl.Workbook()
    wb.active["A1"] = safe_cell_value(text)
    write_text(wb.active["A2"], text)
    wb.save(tmp_path / "t.xlsx")
    back = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert back["A1"].data_type == "s"
    assert (back["A2"].data_type, back["A2"].value) == ("s", text)


def test_safe_cell_value_keeps_data():
    assert safe_cell_value("Law 12/2020") == "Law 12/2020"
    assert safe_cell_value(None) is None
    assert safe_cell_value(3.5) == 3.5
    assert safe_cell_value("a\x00b\x1fc") == "abc"
    assert len(safe_cell_value("x" * 40_000)) == 32_767


def test_sheet_titles_are_valid_and_unique():
    assert sheet_title("D2 Data / evidence: [draft]?") == "D2 Data - evidence- -draft--"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("Metadata", ["metadata"]) == "Metadata (2)"


def test_deterministic_save(tmp_path):
    def build():
        wb = openpyxl.Workbook()
        wb.active["A1"] = "same"
        return wb

    a = save_deterministic(build(), tmp_path / "a.xlsx").read_bytes()
    b = save_deterministic(build(), tmp_path / "b.xlsx").read_bytes()
    assert a == b
    assert not list(tmp_path.glob(".*part"))
