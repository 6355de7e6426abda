"""The fillable questionnaire template: layout, protection, drop-downs, stamp, determinism."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from mgi.errors import UsageError
from mgi.instrument import load_instrument
from mgi.workbook import write_template
from mgi.workbook.template import guidance_text

from ._helpers import TINY_SHEETS, make_tiny_instrument


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory) -> Path:
    return make_tiny_instrument(tmp_path_factory.mktemp("inst") / "tiny")


@pytest.fixture(scope="module")
def book(tiny_folder, tmp_path_factory):
    path = write_template(
        tiny_folder, tmp_path_factory.mktemp("t") / "q.xlsx", country="Testland", round=2024
    )
    return openpyxl.load_workbook(path)


def test_sheets_in_order_and_lists_very_hidden(book):
    assert book.sheetnames == ["Instructions", "Metadata", *TINY_SHEETS.values(), "Lists"]
    assert book["Lists"].sheet_state == "veryHidden"
    assert [c.value for c in book["Lists"]["A"]] == [
        "presence",
        "Fully present",
        "Partially present",
        "Absent",
        "Not applicable",
    ]


def test_question_sheet_layout(book):
    ws = book[TINY_SHEETS["D1"]]
    assert [c.value for c in ws[3]] == [
        "Code",
        "Sub-domain",
        "Question",
        "Guidance",
        "Answer",
        "Evidence/source",
        "Comment",
        "Implementation (not scored)",
    ]
    assert [ws.cell(row=r, column=1).value for r in (4, 5, 6)] == ["D1.1.1", "D1.1.2", "D1.2.1"]
    assert ws["B4"].value == "D1.1 Access to services"
    assert (
        ws["D4"].value
        == "Fully present: All migrants.\nPartially present: Some migrants.\nAbsent: None."
    )
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1


def test_input_cells_unlocked_others_locked_and_sheet_protected(book):
    ws = book[TINY_SHEETS["D1"]]
    assert ws.protection.sheet is True
    assert ws.protection.password is None
    assert all(ws.cell(row=4, column=c).protection.locked for c in range(1, 5))
    assert not any(ws.cell(row=4, column=c).protection.locked for c in range(5, 8))
    assert book.security.lockStructure is True
    assert book["Metadata"]["B2"].protection.locked is False


def test_answer_dropdowns_reference_named_lists(book):
    ws = book[TINY_SHEETS["D1"]]
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    assert validations["E4 E5"].formula1 == "mgi_list_presence"
    assert validations["E6"].formula1 == "mgi_list_yes_no"
    assert validations["E6"].showErrorMessage
    assert book.defined_names["mgi_list_presence"].attr_text == "'Lists'!$A$2:$A$5"
    assert book.defined_names["mgi_answers_D1"].attr_text == "'D1 Migrants'' rights'!$E$4:$E$6"
    assert book.defined_names["mgi_metadata"].attr_text == "'Metadata'!$A$2:$B$8"


def test_stamp_and_metadata_prefill(book):
    props = {p.name: p.value for p in book.custom_doc_props.props}
    assert props == {
        "mgi_template_version": "1",
        "mgi_kind": "questionnaire",
        "mgi_instrument": "tiny",
        "mgi_instrument_version": "0.1.0",
        "mgi_language": "en",
    }
    ws = book["Metadata"]
    assert [
        (ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value) for r in (2, 3, 7)
    ] == [
        ("Country", "Testland"),
        ("Round (year)", "2024"),
        ("Language", "en"),
    ]


@pytest.mark.parametrize("name", ["sdg-10-7-2", "mgi-national"])
def test_same_inputs_give_identical_bytes(name, tmp_path):
    first = write_template(name, tmp_path / "a.xlsx", country="X", round=2024)
    second = write_template(load_instrument(name), tmp_path / "b.xlsx", country="X", round=2024)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml")
    assert b"2000-01-01T00:00:00Z" in core


def test_every_indicator_has_a_row(tmp_path):
    inst = load_instrument("mgi-national")
    wb = openpyxl.load_workbook(write_template(inst, tmp_path / "q.xlsx"))
    codes = [
        ws.cell(row=r, column=1).value
        for ws in wb.worksheets
        if ws.cell(row=3, column=1).value == "Code"
        for r in range(4, ws.max_row + 1)
    ]
    assert codes == list(inst.indicators.index)
    assert all(len(title) <= 31 for title in wb.sheetnames)


def test_refuses_to_overwrite_an_input(tiny_folder):
    with pytest.raises(UsageError):
        write_template(tiny_folder, tiny_folder / "indicators.csv")


def test_guidance_text_for_two_option_scale():
    import pandas as pd

    row = pd.Series({"guidance_full": "Yes.", "guidance_partial": "", "guidance_absent": "No."})
    assert guidance_text(row, ["Yes", "No"]) == "Yes: Yes.\nNo: No."


def test_the_implementation_column_has_a_drop_down_that_only_warns(book):
    """Issue 13: implementation may be recorded beside the answer, never scored."""
    ws = book[TINY_SHEETS["D1"]]
    assert ws["H3"].value == "Implementation (not scored)"
    assert ws["H4"].protection.locked is False
    (found,) = [v for v in ws.data_validations.dataValidation if "H4" in v.sqref]
    assert found.type == "list" and found.errorStyle == "warning"
    lists = book["Lists"]
    column = next(c for c in lists.iter_cols() if c[0].value == "implementation levels")
    assert [c.value for c in column[1:] if c.value] == [
        "Implemented",
        "Partly implemented",
        "Not implemented",
        "Not known",
    ]


def test_the_template_says_the_formats(book):
    text = "\n".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert "YYYY-MM-DD" in text and "never scored" in text
    assert "Partly implemented: " in text  # what each level means
    metadata = book["Metadata"]
    assert metadata["A4"].value == "Reference date"
    assert "YYYY-MM-DD" in metadata["C4"].value
    assert metadata["B4"].number_format == "yyyy-mm-dd"
