"""The writing toolkit: safe text, sheet names, deterministic saving."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from mgi.workbook.style import clean_text, save_deterministic, sheet_title, write_text


@pytest.mark.parametrize(
    "text", ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\tx", "#N/A", "=cmd|' /C calc'!A0"]
)
def test_formula_like_text_is_stored_as_text_without_an_apostrophe(text, tmp_path):
    wb = openpyxl.Workbook()
    write_text(wb.active["A1"], text)
    wb.save(tmp_path / "t.xlsx")
    with zipfile.ZipFile(tmp_path / "t.xlsx") as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
    back = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert (back["A1"].data_type, back["A1"].value) == ("s", text)
    assert back["A1"].quotePrefix


def test_write_text_keeps_data():
    cell = openpyxl.Workbook().active["A1"]
    assert write_text(cell, "Law 12/2020").value == "Law 12/2020" and not cell.quotePrefix
    assert write_text(cell, 3.5).value == 3.5
    assert write_text(cell, None).value is None
    assert clean_text("a\x00b\x1fc") == "abc"
    assert len(write_text(cell, "x" * 40_000).value) == 32_767


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
