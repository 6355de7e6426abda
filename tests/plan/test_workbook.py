"""The action-plan workbook: the sheets and columns of issue 17, drop-downs, protection, stamp,
and a round trip that gives back the same plan in either language."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from mgi.plan.model import ActionPlan
from mgi.plan.workbook import read_plan_workbook, write_plan_workbook
from tests.plan.conftest import make_draft

MEASURES = [
    "Code",
    "Specific objective",
    "Measure",
    "Activities",
    "GCM objectives",
    "GCM actions",
    "SDG targets",
    "EU chapters",
    "Lead institution",
    "Contributing institutions",
    "Start",
    "End",
    "Cost state budget",
    "Cost donors",
    "Unfunded",
    "Currency",
    "Output indicator",
    "Gender marker",
    "Notes",
]
INDICATORS = [
    "Code",
    "Name",
    "Level",
    "Definition",
    "Unit",
    "Disaggregation",
    "Baseline",
    "Baseline year",
    "Target",
    "Target year",
    "Annual targets",
    "Source",
    "Frequency",
    "Responsible institution",
    "Linked measures",
    "MGI indicators",
]


@pytest.fixture(scope="module")
def template(draft: ActionPlan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan_workbook(draft, tmp_path_factory.mktemp("t") / "plan.xlsx")


def headers(ws, row: int = 4) -> list[str]:
    return [c.value for c in ws[row] if c.value is not None]


def test_sheets_columns_and_stamp(template: Path) -> None:
    wb = load_workbook(template)
    assert wb.sheetnames == ["Instructions", "Measures", "Indicators", "Institutions", "Lists"]
    assert headers(wb["Measures"]) == MEASURES
    assert headers(wb["Indicators"]) == INDICATORS
    assert headers(wb["Institutions"])[:2] == ["Code", "Institution"]
    stamp = {p.name: p.value for p in wb.custom_doc_props.props}
    assert stamp["mgi_kind"] == "plan" and stamp["mgi_template_version"] == "1"
    assert wb.security.lockStructure and all(ws.protection.sheet for ws in wb.worksheets)


def test_objective_rows_then_measure_rows(template: Path) -> None:
    ws = load_workbook(template)["Measures"]
    codes = [ws.cell(row=r, column=1).value for r in range(5, 17)]
    assert codes == [
        "SO1",
        *(f"SO1.M{n}" for n in range(1, 6)),
        "SO2",
        *(f"SO2.M{n}" for n in range(1, 6)),
    ]
    assert ws["B5"].value.startswith("Ensure that all migrants")
    assert ws["B6"].value == "SO1" and ws["E6"].value == "GCM04" and ws["P6"].value == "ALL"
    assert ws["B5"].protection.locked is False and ws["C5"].protection.locked is True
    assert ws["C6"].protection.locked is False
    assert "Consensus rank 1" in ws["S5"].value and "Civil registration gaps" in ws["S5"].value


def test_drop_downs_and_number_checks(template: Path) -> None:
    ws = load_workbook(template)["Measures"]
    lists = {str(v.formula1): v for v in ws.data_validations.dataValidation if v.type == "list"}
    assert {"mgi_list_institutions", "mgi_list_quarters", "mgi_list_gcm"} <= set(lists)
    assert lists["mgi_list_gcm"].errorStyle == "information"  # several objectives allowed
    decimals = [v for v in ws.data_validations.dataValidation if v.type == "decimal"]
    assert decimals and all(v.operator == "greaterThanOrEqual" for v in decimals)
    assert ws["M6"].number_format == "#,##0"


def test_candidate_outcome_indicators_with_baselines(template: Path) -> None:
    ws = load_workbook(template)["Indicators"]
    row = [c.value for c in ws[5]]
    assert row[0] == "SO1.I1" and row[2] == "outcome" and row[6] == 0 and row[7] == 2023
    assert row[8] == 100 and row[15] == "D2.3.5"


def test_round_trip_gives_back_the_plan(filled: ActionPlan, filled_file: Path) -> None:
    read = read_plan_workbook(filled_file)
    assert [i.rule for i in read.issues] == []
    assert read.plan.digest() == filled.digest()
    assert read.plan.source["file"] == "plan.xlsx"


def test_the_albanian_workbook_reads_like_its_english_twin(
    filled: ActionPlan, tmp_path: Path
) -> None:
    path = write_plan_workbook(filled, tmp_path / "plani.xlsx", lang="sq", rows_per_objective=0)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Udhëzime", "Masat", "Treguesit", "Institucionet", "Listat"]
    assert headers(wb["Masat"])[:3] == ["Kodi", "Objektivi specifik", "Masa"]
    read = read_plan_workbook(path, lang="sq")
    assert read.issues == []
    english = read_plan_workbook(
        write_plan_workbook(filled, tmp_path / "plan.xlsx", rows_per_objective=0)
    )
    assert [m.code for m in read.plan.measures] == [m.code for m in english.plan.measures]
    assert [m.total for m in read.plan.measures] == [m.total for m in english.plan.measures]
    assert [i.level for i in read.plan.indicators] == [i.level for i in english.plan.indicators]


def test_same_plan_same_bytes(draft: ActionPlan, tmp_path: Path, template: Path) -> None:
    again = write_plan_workbook(make_draft(), tmp_path / "again.xlsx")
    assert again.read_bytes() == template.read_bytes()
