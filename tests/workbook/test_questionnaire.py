"""Reading completed questionnaires: round trips, tolerance, and one test per catalogue rule.

Each rule test starts from a good workbook, breaks one thing, and asserts the catalogue code
and the cell.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from mgi.instrument import load_instrument
from mgi.workbook import read_assessment, write_template

from ._helpers import (
    METADATA,
    TINY_SHEETS,
    fill_template,
    full_answers,
    make_tiny_instrument,
    md_table,
    read_back,
)

D1 = TINY_SHEETS["D1"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return load_instrument(make_tiny_instrument(tmp_path_factory.mktemp("inst") / "tiny"))


@pytest.fixture(scope="module")
def blank(tiny, tmp_path_factory) -> Path:
    return write_template(tiny, tmp_path_factory.mktemp("tpl") / "blank.xlsx")


@pytest.fixture(scope="module")
def good(tiny, blank, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good") / "good.xlsx"
    return fill_template(blank, out, full_answers(tiny), METADATA)


def variant(blank: Path, tiny, tmp_path: Path, edit=None, answers=None, metadata=None) -> Path:
    """The good workbook with one thing changed."""
    filled = full_answers(tiny)
    for code, values in (answers or {}).items():
        filled[code] = {**filled[code], **values}
    meta = {**METADATA, **(metadata or {})}
    return fill_template(blank, tmp_path / "broken.xlsx", filled, meta, edit)


def only(assessment, rule: str):
    found = [i for i in assessment.issues if i.rule == rule]
    assert len(found) == 1, [str(i) for i in assessment.issues]
    return found[0]


def rules(assessment) -> list[str]:
    return [i.rule for i in assessment.issues]


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sdg-10-7-2", "mgi-national"])
def test_round_trip_bundled(name, tmp_path):
    inst = load_instrument(name)
    blank = write_template(inst, tmp_path / "blank.xlsx", country="Testland", round=2024)
    written = full_answers(inst)
    filled = fill_template(blank, tmp_path / "filled.xlsx", written, METADATA)
    digest = hashlib.sha256(filled.read_bytes()).hexdigest()

    got = read_assessment(filled)

    assert got.issues == ()
    assert read_back(got) == written
    assert dict(got.metadata) == METADATA
    assert got.instrument.name == name
    assert got.source.sha256 == digest == hashlib.sha256(filled.read_bytes()).hexdigest()
    assert got.source.template_version == "1"
    assert got.source.file_name == "filled.xlsx"


def test_round_trip_own_instrument(tiny, good):
    got = read_assessment(good, tiny)
    assert got.issues == ()
    assert read_back(got) == full_answers(tiny)
    assert dict(got.metadata) == METADATA
    cov = got.coverage()
    assert (cov["answered"], cov["not_applicable"], cov["missing"]) == (5, 0, 0)
    assert got.answers.loc["D1.1.2", ["sheet", "cell"]].tolist() == [D1, "E5"]


def test_blank_template_is_incomplete(tiny, blank):
    strict = read_assessment(blank, tiny)
    assert rules(strict).count("answer.missing") == 5
    lenient = read_assessment(blank, tiny, allow_incomplete=True)
    assert [i.rule for i in lenient.errors] == ["metadata.missing", "metadata.missing"]
    assert lenient.coverage()["missing"] == 5


def test_file_is_never_changed(tiny, good):
    before = good.read_bytes()
    read_assessment(good, tiny)
    assert good.read_bytes() == before


# -- three writers, one content (unstamped workbooks) ------------------------------------------

ANSWERS = md_table(
    """
    | Code   | Answer            | Evidence/source   | Comment      |
    |--------|-------------------|-------------------|--------------|
    | D1.1.1 | Fully present     | Health Act 2019   | Applied      |
    | D1.1.2 | partly            | Education Law     |              |
    | D1.2.1 | Yes               | Aliens Law art. 5 | Since 2020   |
    | D2.1.1 | N/A               |                   | No census    |
    | D2.1.2 | no                | INSTAT website    | Only totals  |
    """
)
META = md_table(
    """
    | Field        | Value    |
    |--------------|----------|
    | Country      | Testland |
    | Round (year) | 2024     |
    """
)


def _write_openpyxl(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Answers"
    ws.append(list(ANSWERS[0]))
    for row in ANSWERS:
        ws.append([v or None for v in row.values()])
    meta = wb.create_sheet("Metadata")
    for row in META:
        meta.append([row["Field"], int(row["Value"]) if row["Value"].isdigit() else row["Value"]])
    wb.save(path)


def _write_xlsxwriter(path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Answers")
    ws.write_row(0, 0, list(ANSWERS[0]))
    for r, row in enumerate(ANSWERS, start=1):
        for c, value in enumerate(row.values()):
            if value:
                ws.write_string(r, c, value)
    meta = wb.add_worksheet("Metadata")
    for r, row in enumerate(META):
        meta.write(r, 0, row["Field"])
        meta.write(r, 1, int(row["Value"]) if row["Value"].isdigit() else row["Value"])
    wb.close()


def _write_pandas(path: Path) -> None:
    answers = pd.DataFrame(ANSWERS).replace("", None)
    meta = pd.DataFrame(META)
    meta["Value"] = [int(v) if v.isdigit() else v for v in meta["Value"]]
    with pd.ExcelWriter(path) as writer:
        answers.to_excel(writer, sheet_name="Answers", index=False)
        meta.to_excel(writer, sheet_name="Metadata", index=False, header=False)


@pytest.mark.parametrize("writer", [_write_openpyxl, _write_xlsxwriter, _write_pandas])
def test_three_writers_import_identically(writer, tiny, tmp_path):
    path = tmp_path / f"{writer.__name__}.xlsx"
    writer(path)
    got = read_assessment(path, tiny)
    # "partly" and "N/A" are accepted and said to be read as something else (issue 13)
    assert rules(got) == ["workbook.no_stamp", "answer.reinterpreted", "answer.reinterpreted"]
    read_as = [(i.indicator, i.found) for i in got.issues if i.rule == "answer.reinterpreted"]
    assert read_as == [("D1.1.2", "partly"), ("D2.1.1", "N/A")]
    assert not got.has_errors
    back = read_back(got)
    assert {c: v["answer"] for c, v in back.items()} == {
        "D1.1.1": "Fully present",
        "D1.1.2": "Partially present",
        "D1.2.1": "Yes",
        "D2.1.1": "Not applicable",
        "D2.1.2": "No",
    }
    assert back["D1.2.1"]["evidence"] == "Aliens Law art. 5"
    assert back["D2.1.2"]["comment"] == "Only totals"
    assert (got.country, got.round) == ("Testland", "2024")


def test_unstamped_workbook_guesses_bundled_instrument(tmp_path):
    inst = load_instrument("sdg-10-7-2")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indicator code", "Response"])
    for code in inst.indicators.index:
        ws.append([code, "Yes" if inst.scale_of(code) == "yes_no" else "No"])
    wb.save(tmp_path / "sdg.xlsx")
    got = read_assessment(tmp_path / "sdg.xlsx")
    assert got.instrument.name == "sdg-10-7-2"
    assert got.coverage()["answered"] == 30


# -- what people type and how they rearrange things ---------------------------------------------


def test_aliases_numbers_and_spacing_are_accepted(blank, tiny, tmp_path):
    answers = {
        "D1.1.1": {"answer": "  FULLY   present "},
        "D1.1.2": {"answer": "Pjeserisht"},  # accent left out
        "D1.2.1": {"answer": 1},  # a number typed as a number
        "D2.1.1": {"answer": 0.5},
        "D2.1.2": {"answer": "n/a"},
    }
    got = read_assessment(variant(blank, tiny, tmp_path, answers=answers), tiny)
    assert not got.has_errors
    assert got.answers["option"].to_dict() == {
        "D1.1.1": "full",
        "D1.1.2": "partial",
        "D1.2.1": "yes",
        "D2.1.1": "partial",
        "D2.1.2": "na",
    }


def test_moved_columns_reordered_rows_blank_rows_and_junk_are_tolerated(good, tiny, tmp_path):
    wb = openpyxl.load_workbook(good)
    ws = wb[D1]
    ws.protection.sheet = False
    ws.insert_cols(1)  # an extra column in front: everything moves right
    ws.cell(row=3, column=1, value="My notes")
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_row=6)]
    for offset, values in enumerate(reversed(rows)):  # reverse the order of the rows
        for col, value in enumerate(values, start=1):
            ws.cell(row=4 + offset, column=col, value=value)
    ws.insert_rows(5, amount=2)  # blank rows in the middle
    ws.cell(row=12, column=2, value="Prepared by the working group")  # trailing note
    ws.cell(row=3, column=6, value="  RESPONSE ")  # another header for the answer
    wb.save(tmp_path / "moved.xlsx")
    got = read_assessment(tmp_path / "moved.xlsx", tiny)
    assert got.issues == ()
    assert read_back(got) == full_answers(tiny)


# -- one test per rule ---------------------------------------------------------------------


def test_unknown_code(blank, tiny, tmp_path):
    def edit(wb):
        wb[D1].cell(row=10, column=1, value="D9.9.9")
        wb[D1].cell(row=10, column=5, value="Absent")

    issue = only(read_assessment(variant(blank, tiny, tmp_path, edit), tiny), "answer.unknown_code")
    assert (issue.sheet, issue.cell, issue.indicator) == (D1, "A10", "D9.9.9")
    assert issue.file == "broken.xlsx"


def test_duplicate_code(blank, tiny, tmp_path):
    def edit(wb):
        wb[D1].cell(row=10, column=1, value="D1.1.1")
        wb[D1].cell(row=10, column=5, value="Absent")

    got = read_assessment(variant(blank, tiny, tmp_path, edit), tiny)
    issue = only(got, "answer.duplicate_code")
    assert (issue.cell, issue.indicator) == ("E10", "D1.1.1")
    assert "E4" in issue.message
    assert got.answers.at["D1.1.1", "label"] == "Fully present"  # the first one is kept


def test_missing_answer_is_an_error_or_a_warning(blank, tiny, tmp_path):
    path = variant(blank, tiny, tmp_path, answers={"D1.1.2": {"answer": None}})
    issue = only(read_assessment(path, tiny), "answer.missing")
    assert (issue.severity, issue.sheet, issue.cell) == ("error", D1, "E5")
    lenient = read_assessment(path, tiny, allow_incomplete=True)
    assert only(lenient, "answer.missing").severity == "warning"
    assert not lenient.has_errors
    assert lenient.coverage()["missing"] == 1


def test_invalid_answer_lists_the_accepted_answers(blank, tiny, tmp_path):
    path = variant(blank, tiny, tmp_path, answers={"D1.1.2": {"answer": "Partly yes"}})
    issue = only(read_assessment(path, tiny), "answer.invalid")
    assert (issue.cell, issue.indicator, issue.found) == ("E5", "D1.1.2", "Partly yes")
    assert str(issue) == (
        f'[broken.xlsx, sheet {D1}, cell E5, indicator D1.1.2] The answer "Partly yes" is not '
        "allowed. Use one of: Fully present, Partially present, Absent, Not applicable."
    )


@pytest.mark.parametrize("value", [dt.datetime(2024, 1, 5), False])
def test_date_or_boolean_answer(value, blank, tiny, tmp_path):
    path = variant(blank, tiny, tmp_path, answers={"D1.1.2": {"answer": value}})
    issue = only(read_assessment(path, tiny), "answer.not_text")
    assert (issue.cell, issue.indicator) == ("E5", "D1.1.2")


@pytest.mark.parametrize(
    ("field", "cell", "rule"),
    [("country", "B2", "metadata.missing"), ("round", "B3", "metadata.missing")],
)
def test_missing_metadata(field, cell, rule, blank, tiny, tmp_path):
    path = variant(blank, tiny, tmp_path, metadata={field: None})
    issue = only(read_assessment(path, tiny), rule)
    assert (issue.sheet, issue.cell, issue.column) == ("Metadata", cell, field)


def test_round_is_not_a_year(blank, tiny, tmp_path):
    path = variant(blank, tiny, tmp_path, metadata={"round": "next year"})
    issue = only(read_assessment(path, tiny), "metadata.bad_round")
    assert issue.cell == "B3"


def test_no_stamp_is_a_warning_and_answers_are_read(blank, tiny, tmp_path):
    def edit(wb):
        wb.custom_doc_props.props.clear()

    got = read_assessment(variant(blank, tiny, tmp_path, edit), tiny)
    assert rules(got) == ["workbook.no_stamp"]
    assert read_back(got) == full_answers(tiny)


def test_other_instrument(blank, tiny, tmp_path):
    def edit(wb):
        for prop in wb.custom_doc_props.props:
            if prop.name == "mgi_instrument":
                prop.value = "sdg-10-7-2"

    got = read_assessment(variant(blank, tiny, tmp_path, edit), tiny)
    issue = only(got, "workbook.other_instrument")
    assert "sdg-10-7-2" in issue.message and "tiny" in issue.message
    assert got.has_errors


def test_other_version(blank, tiny, tmp_path):
    def edit(wb):
        for prop in wb.custom_doc_props.props:
            if prop.name == "mgi_instrument_version":
                prop.value = "0.0.9"

    issue = only(
        read_assessment(variant(blank, tiny, tmp_path, edit), tiny), "workbook.other_version"
    )
    assert "0.0.9" in issue.message and "0.1.0" in issue.message


def test_merged_cells_over_answers(blank, tiny, tmp_path):
    def edit(wb):
        wb[D1].merge_cells("E5:E6")

    got = read_assessment(variant(blank, tiny, tmp_path, edit), tiny)
    issue = only(got, "workbook.merged_cells")
    assert (issue.sheet, issue.cell, issue.found) == (D1, "E5", "E5:E6")
    assert "answer.missing" not in rules(got)  # explained by the merge, reported once


def test_formula_without_cached_value(blank, tiny, tmp_path):
    path = variant(blank, tiny, tmp_path, answers={"D1.1.2": {"answer": '="Absent"'}})
    got = read_assessment(path, tiny)
    issue = only(got, "workbook.formula_no_value")
    assert (issue.cell, issue.indicator, issue.found) == ("E5", "D1.1.2", '="Absent"')
    assert "answer.missing" not in rules(got)


@pytest.mark.parametrize(("field", "cell"), [("evidence", "F5"), ("comment", "G5")])
def test_formula_without_cached_value_in_evidence_or_comment(field, cell, blank, tiny, tmp_path):
    """openpyxl saves no cached value: the text would be silently lost, so it is an error."""
    formula = '=HYPERLINK("http://x","y")'
    path = variant(blank, tiny, tmp_path, answers={"D1.1.2": {field: formula}})
    got = read_assessment(path, tiny)
    issue = only(got, "workbook.formula_no_value")
    assert issue.severity == "error"
    assert (issue.file, issue.sheet, issue.cell) == ("broken.xlsx", D1, cell)
    assert (issue.indicator, issue.found) == ("D1.1.2", formula)
    assert str(issue).startswith(f"[broken.xlsx, sheet {D1}, cell {cell}, indicator D1.1.2] ")
    assert rules(got) == ["workbook.formula_no_value"]  # the answer itself is still read
    assert got.answers.at["D1.1.2", "label"] == full_answers(tiny)["D1.1.2"]["answer"]


def test_formula_with_cached_value_in_evidence_and_comment_is_read(tiny, tmp_path):
    path = tmp_path / "formula.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Answers")
    ws.write_row(0, 0, ["Code", "Answer", "Evidence", "Comment"])
    for r, code in enumerate(tiny.indicators.index, start=1):
        ws.write_string(r, 0, code)
        ws.write_string(r, 1, "N/A")
        ws.write_formula(r, 2, '=HYPERLINK("http://x","y")', None, "y")
        ws.write_formula(r, 3, '="Checked " & "twice"', None, "Checked twice")
    meta = wb.add_worksheet("Metadata")
    meta.write_row(0, 0, ["Country", "Testland"])
    meta.write_row(1, 0, ["Year", 2024])
    wb.close()
    got = read_assessment(path, tiny)
    assert rules(got) == ["workbook.no_stamp"] + ["answer.reinterpreted"] * 5  # "N/A"
    assert set(got.answers["evidence"]) == {"y"}
    assert set(got.answers["comment"]) == {"Checked twice"}


def test_formula_with_cached_value_is_read(tiny, tmp_path):
    path = tmp_path / "formula.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Answers")
    ws.write_row(0, 0, ["Code", "Answer"])
    for r, code in enumerate(tiny.indicators.index, start=1):
        ws.write_string(r, 0, code)
        ws.write_formula(r, 1, '="N/A"', None, "N/A")
    meta = wb.add_worksheet("Metadata")
    meta.write_row(0, 0, ["Country", "Testland"])
    meta.write_row(1, 0, ["Year", 2024])
    wb.close()
    got = read_assessment(path, tiny)
    # "N/A" is read as Not applicable (said so), and no reason is given (issue 13)
    assert rules(got) == ["workbook.no_stamp"] + ["answer.reinterpreted", "answer.no_reason"] * 5
    assert got.coverage()["not_applicable"] == 5


def test_text_too_long_is_clipped_with_a_warning(blank, tiny, tmp_path):
    path = variant(blank, tiny, tmp_path, answers={"D1.1.1": {"evidence": "x" * 12_000}})
    got = read_assessment(path, tiny)
    issue = only(got, "workbook.text_too_long")
    assert (issue.severity, issue.cell) == ("warning", "F4")
    assert len(got.answers.at["D1.1.1", "evidence"]) == 10_000


# -- editions and broken instruments ------------------------------------------------------------


def test_a_workbook_of_the_earlier_edition_is_read_with_it(tmp_path: Path) -> None:
    old = load_instrument("mgi-national", version="1.0.0")
    path = write_template(old, tmp_path / "old.xlsx", country="Testland", round=2018)
    assessment = read_assessment(path, allow_incomplete=True)
    assert assessment.instrument.label == "mgi-national 1.0.0"
    earlier = [i for i in assessment.issues if i.rule == "workbook.earlier_edition"]
    assert len(earlier) == 1 and not earlier[0].is_error
    assert not any(i.rule == "workbook.other_version" for i in assessment.issues)


def test_a_broken_instrument_is_reported_as_its_own_file(tmp_path: Path) -> None:
    """Not as a damaged workbook: with file, row and column of the instrument's problem."""
    import shutil

    from mgi._resources import bundled_dir
    from mgi.errors import DataFileError, NotAWorkbookError

    folder = tmp_path / "inst"
    shutil.copytree(bundled_dir("questionnaires") / "sdg-10-7-2", folder)
    (folder / "domains.csv").write_text(
        (folder / "domains.csv").read_text(encoding="utf-8").replace("Migrant rights", "Bell\x07"),
        encoding="utf-8",
    )
    book = write_template("sdg-10-7-2", tmp_path / "q.xlsx", country="X", round=2024)
    with pytest.raises(DataFileError) as info:
        read_assessment(book, folder)
    assert not isinstance(info.value, NotAWorkbookError)
    issue = info.value.issues[0]
    assert (issue.rule, issue.file, issue.row, issue.column) == (
        "data.control_character",
        "domains.csv",
        2,
        "name",
    )


# -- nothing reinterpreted in silence (issue 13, item 7) ------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("Yes", "Fully present"),
        ("Po", "Fully present"),
        (1, "Fully present"),
        ("1", "Fully present"),
        ("partly", "Partially present"),
        (0.5, "Partially present"),
        ("n/a", "Not applicable"),
    ],
)
def test_an_answer_read_as_something_else_is_listed(typed, read_as, blank, tiny, tmp_path):
    answers = {"D1.1.1": {"answer": typed, "comment": "Why it does not apply."}}
    got = read_assessment(variant(blank, tiny, tmp_path, answers=answers), tiny)
    issue = only(got, "answer.reinterpreted")
    assert (issue.severity, issue.sheet, issue.cell, issue.indicator) == (
        "warning",
        D1,
        "E4",
        "D1.1.1",
    )
    assert issue.found == str(typed)
    assert f'"{typed}" was read as "{read_as}"' in issue.message
    assert got.answers.at["D1.1.1", "label"] == read_as


@pytest.mark.parametrize("typed", ["Fully present", "  fully   PRESENT ", "Fully présent"])
def test_the_label_itself_is_not_a_reinterpretation(typed, blank, tiny, tmp_path):
    """Case, spacing and accents are not a change of meaning."""
    answers = {"D1.1.1": {"answer": typed}}
    got = read_assessment(variant(blank, tiny, tmp_path, answers=answers), tiny)
    assert "answer.reinterpreted" not in rules(got)


def test_the_albanian_label_is_not_a_reinterpretation_but_po_for_presence_is(tmp_path):
    """ "Po" is the label of Yes in Albanian (no warning on a yes/no question) but only an alias
    of Fully present on a presence question; "Plotësisht e pranishme" is its Albanian label."""
    inst = load_instrument("mgi-national")
    presence = next(c for c in inst.codes if inst.scale_of(c) == "presence")
    yes_no = next(c for c in inst.codes if inst.scale_of(c) == "yes_no")
    answers = full_answers(inst)
    answers[presence] = {**answers[presence], "answer": "Plotësisht e pranishme"}
    answers[yes_no] = {**answers[yes_no], "answer": "Po"}
    blank = write_template(inst, tmp_path / "blank.xlsx")
    got = read_assessment(fill_template(blank, tmp_path / "sq.xlsx", answers, METADATA))
    assert "answer.reinterpreted" not in rules(got)
    answers[presence] = {**answers[presence], "answer": "Po"}
    got = read_assessment(fill_template(blank, tmp_path / "po.xlsx", answers, METADATA))
    assert only(got, "answer.reinterpreted").indicator == presence


@pytest.mark.parametrize(("field", "cell"), [("evidence", "F5"), ("comment", "G5")])
def test_an_answer_typed_in_another_column_is_reported_there(field, cell, blank, tiny, tmp_path):
    answers = {"D1.1.2": {"answer": None, field: "Partially present"}}
    path = variant(blank, tiny, tmp_path, answers=answers)
    got = read_assessment(path, tiny)
    issue = only(got, "answer.in_other_column")
    assert (issue.severity, issue.sheet, issue.cell, issue.indicator) == (
        "error",
        D1,
        cell,
        "D1.1.2",
    )
    assert "Answer cell E5 is empty" in issue.message
    assert "Move it to the Answer column (cell E5)" in issue.message
    assert "answer.missing" not in rules(got)  # instead of only "the question has no answer"
    lenient = read_assessment(path, tiny, allow_incomplete=True)
    assert only(lenient, "answer.in_other_column").severity == "warning"
    assert lenient.coverage()["missing"] == 1


def test_an_answer_typed_in_the_implementation_column_is_reported_there(blank, tiny, tmp_path):
    answers = {"D1.1.2": {"answer": None}}

    def edit(wb):
        wb[D1]["H5"] = "Fully present"

    got = read_assessment(variant(blank, tiny, tmp_path, edit, answers=answers), tiny)
    assert only(got, "answer.in_other_column").cell == "H5"


def test_other_text_in_other_columns_leaves_the_answer_missing(blank, tiny, tmp_path):
    answers = {"D1.1.2": {"answer": None, "evidence": "Law 12/2020", "comment": "To check"}}
    got = read_assessment(variant(blank, tiny, tmp_path, answers=answers), tiny)
    assert only(got, "answer.missing").cell == "E5"


def test_evidence_missing_for_an_answer_that_says_something_is_in_place(blank, tiny, tmp_path):
    answers = {
        "D1.1.1": {"answer": "Fully present", "evidence": None},
        "D1.1.2": {"answer": "Partially present", "evidence": None},
        "D2.1.1": {"answer": "Absent", "evidence": None},  # nothing to prove
        "D2.1.2": {"answer": "No", "evidence": None},
    }
    got = read_assessment(variant(blank, tiny, tmp_path, answers=answers), tiny)
    lacking = [
        (i.cell, i.indicator, i.severity) for i in got.issues if i.rule == "answer.no_evidence"
    ]
    assert lacking == [("F4", "D1.1.1", "warning"), ("F5", "D1.1.2", "warning")]
    assert not got.has_errors


def test_not_applicable_without_a_reason(blank, tiny, tmp_path):
    answers = {
        "D1.1.1": {"answer": "Not applicable", "evidence": None, "comment": None},
        "D1.1.2": {"answer": "Not applicable", "evidence": None, "comment": "No such schools."},
        "D2.1.1": {"answer": "Not applicable", "evidence": "Census Act 2011", "comment": None},
    }
    got = read_assessment(variant(blank, tiny, tmp_path, answers=answers), tiny)
    issue = only(got, "answer.no_reason")
    assert (issue.cell, issue.indicator, issue.severity) == ("G4", "D1.1.1", "warning")


def test_a_workbook_with_every_evidence_cell_empty_is_not_silent(blank, tiny, tmp_path):
    answers = {code: {"evidence": None} for code in tiny.codes}
    got = read_assessment(variant(blank, tiny, tmp_path, answers=answers), tiny)
    assert rules(got).count("answer.no_evidence") == 3  # the answers that say "in place"


@pytest.mark.parametrize(
    ("typed", "example"),
    [
        ("15/03/2024", "2024-03-15"),
        ("03/04/2024", "2024-04-03 / 2024-03-04"),
        ("2024-02-30", "2024-03-15"),
        ("March 2024", "2024-03-15"),
    ],
)
def test_a_date_not_written_yyyy_mm_dd_is_reported_with_the_fix(
    typed, example, blank, tiny, tmp_path
):
    path = variant(blank, tiny, tmp_path, metadata={"reference_date": typed})
    issue = only(read_assessment(path, tiny), "metadata.bad_date")
    assert (issue.severity, issue.sheet, issue.cell, issue.column) == (
        "error",
        "Metadata",
        "B4",
        "reference_date",
    )
    assert f"for example {example}," in issue.message


@pytest.mark.parametrize("value", ["2024-03-15", dt.date(2024, 3, 15), dt.datetime(2024, 3, 15)])
def test_a_date_cell_or_an_iso_date_is_fine(value, blank, tiny, tmp_path):
    got = read_assessment(variant(blank, tiny, tmp_path, metadata={"reference_date": value}), tiny)
    assert got.issues == ()
    assert got.metadata["reference_date"] == "2024-03-15"


# -- the implementation column (issue 13, item 6): read, carried, never scored --------------------


def _with_implementation(values: dict[str, object]):
    def edit(wb):
        for ref, value in values.items():
            wb[D1][ref] = value

    return edit


def test_implementation_is_read_and_carried(blank, tiny, tmp_path):
    edit = _with_implementation({"H4": "Partly implemented", "H5": "Zbatohet", "H6": "not known"})
    got = read_assessment(variant(blank, tiny, tmp_path, edit), tiny)
    assert got.answers["implementation"].to_dict() == {
        "D1.1.1": "Partly implemented",
        "D1.1.2": "Implemented",  # the Albanian label: no warning
        "D1.2.1": "Not known",  # the label in other case: no warning
        "D2.1.1": "",
        "D2.1.2": "",
    }
    assert got.issues == ()


def test_an_implementation_alias_is_read_with_a_warning(blank, tiny, tmp_path):
    got = read_assessment(
        variant(blank, tiny, tmp_path, _with_implementation({"H4": "pilot"})), tiny
    )
    issue = only(got, "implementation.reinterpreted")
    assert (issue.cell, issue.indicator, issue.found) == ("H4", "D1.1.1", "pilot")
    assert got.answers.at["D1.1.1", "implementation"] == "Partly implemented"


def test_an_unknown_implementation_is_left_out_with_a_warning(blank, tiny, tmp_path):
    got = read_assessment(
        variant(blank, tiny, tmp_path, _with_implementation({"H4": "soon"})), tiny
    )
    issue = only(got, "implementation.invalid")
    assert (issue.severity, issue.cell) == ("warning", "H4")
    assert "Implemented, Partly implemented, Not implemented, Not known" in issue.message
    assert got.answers.at["D1.1.1", "implementation"] == ""
    assert not got.has_errors


def test_an_old_workbook_without_the_implementation_column_is_read(good, tiny, tmp_path):
    wb = openpyxl.load_workbook(good)
    for ws in wb.worksheets:
        if ws.cell(row=3, column=8).value == "Implementation (not scored)":
            ws.protection.sheet = False
            ws.delete_cols(8)
    wb.save(tmp_path / "old.xlsx")
    got = read_assessment(tmp_path / "old.xlsx", tiny)
    assert got.issues == ()
    assert set(got.answers["implementation"]) == {""}
