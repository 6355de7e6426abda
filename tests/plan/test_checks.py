"""mgi plan check's rules: one broken cell, one precise problem at that cell; every problem at
once; the MGI shortfall addressed by a measure or explained in the notes.

Layout of the filled plan (see conftest): Measures rows 5 SO1, 6 SO1.M1, 7 SO1.M2, 8 unused,
9 SO2, 10 SO2.M1, 11 SO2.M2, 12 unused, 13 SO3 …; Indicators rows 5-9 outcome indicators
(SO1.I1, SO1.I2, SO2.I1, SO3.I1, SO3.I2), then one output indicator per measure from row 10."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from mgi.instrument import load_instrument
from mgi.plan.checks import check_plan
from mgi.plan.workbook import read_plan_workbook


def broken(source: Path, target: Path, edits: dict[str, dict[str, Any]]) -> Path:
    shutil.copy(source, target)
    wb = load_workbook(target)
    for sheet, cells in edits.items():
        for ref, value in cells.items():
            wb[sheet][ref].value = value
    wb.save(target)
    return target


def problems(path: Path) -> list[tuple[str, str | None, str | None]]:
    read = read_plan_workbook(path)
    codes = set(load_instrument("mgi-national").indicators.index)
    issues = [*read.issues, *check_plan(read.plan, mgi_codes=codes)]
    return [(i.rule, i.cell, i.found) for i in issues]


#: (sheet, cell, value typed) -> (rule, cell reported, value quoted).
CASES = [
    ("Measures", "I6", None, "plan.no_lead", "I6", "SO1.M1"),
    ("Measures", "K6", "2025-Q5", "plan.bad_quarter", "K6", "2025-Q5"),
    ("Measures", "K7", "2024-Q4", "plan.outside_period", "K7", "2024-Q4"),
    ("Measures", "M6", -5, "plan.bad_cost", "M6", "-5"),
    ("Measures", "N7", "a lot", "plan.bad_cost", "N7", "a lot"),
    ("Measures", "P6", "EUR", "plan.other_currency", "P6", "EUR"),
    (
        "Measures",
        "J6",
        "State Police; Ministry of Magic",
        "plan.unknown_institution",
        "J6",
        "Ministry of Magic",
    ),
    ("Measures", "Q7", "SO9.X", "plan.unknown_indicator", "Q7", "SO9.X"),
    ("Measures", "B10", "SO9", "plan.unknown_objective", "B10", "SO9"),
    ("Measures", "B11", None, "plan.no_objective", "B11", "SO2.M2"),
    ("Measures", "A7", "SO1.M1", "plan.duplicate_code", "A7", "SO1.M1"),
    ("Measures", "A15", "SO3 M9", "plan.bad_code", "A15", "SO3 M9"),
    ("Measures", "E10", "GCM18; GCM30", "plan.bad_objective", "E10", "GCM30"),
    ("Measures", "F11", "18(c); 40(a)", "plan.bad_action", "F11", "40(a)"),
    ("Measures", "F14", "5(a)", "plan.action_other_objective", "F14", "5(a)"),
    ("Measures", "G14", "10.c; 99.1", "plan.bad_sdg_target", "G14", "99.1"),
    ("Measures", "G15", "2.1", "plan.unlisted_sdg_target", "G15", "2.1"),
    ("Measures", "H15", "36", "plan.bad_eu_chapter", "H15", "36"),
    ("Measures", "R15", "high", "plan.bad_choice", "R15", "high"),
    ("Indicators", "E10", None, "plan.indicator_incomplete", "E10", "SO1.M1.O1"),
    ("Indicators", "G11", "ten", "plan.bad_number", "G11", "ten"),
    ("Indicators", "L12", None, "plan.indicator_incomplete", "L12", "SO2.M1.O1"),
    ("Indicators", "J13", 2020, "plan.target_before_baseline", "J13", "2020"),
    ("Indicators", "O6", "SO1.M9", "plan.unknown_measure", "O6", "SO1.M9"),
    ("Indicators", "P7", "D9.9.9", "plan.bad_mgi_indicator", "P7", "D9.9.9"),
    ("Indicators", "K14", "2025 ten", "plan.bad_annual_targets", "K14", "2025 ten"),
    ("Indicators", "C14", "sometimes", "plan.bad_choice", "C14", "sometimes"),
    (
        "Indicators",
        "N15",
        "Ministry of Magic",
        "plan.unknown_institution",
        "N15",
        "Ministry of Magic",
    ),
]


@pytest.fixture(scope="module")
def everything_broken(filled_file: Path, tmp_path_factory: pytest.TempPathFactory) -> list:
    edits: dict[str, dict[str, Any]] = {}
    for sheet, cell, value, *_ in CASES:
        edits.setdefault(sheet, {})[cell] = value
    target = tmp_path_factory.mktemp("broken") / "broken.xlsx"
    return problems(broken(filled_file, target, edits))


def test_the_filled_plan_has_no_problem(filled_file: Path) -> None:
    assert problems(filled_file) == []


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "rule", "at", "found"), CASES, ids=[f"{c[3]}-{c[1]}" for c in CASES]
)
def test_every_problem_is_reported_at_its_cell(
    everything_broken: list, sheet: str, cell: str, value: Any, rule: str, at: str, found: str
) -> None:
    assert (rule, at, found) in everything_broken


def test_a_broken_cell_is_not_reported_again_as_missing(everything_broken: list) -> None:
    rules_at = {(rule, cell) for rule, cell, _ in everything_broken}
    assert ("plan.missing_quarter", "K6") not in rules_at
    assert ("plan.no_cost", "M6") not in rules_at
    assert ("plan.indicator_incomplete", "G11") not in rules_at


def test_dates_costs_and_indicators_of_one_measure(filled_file: Path, tmp_path: Path) -> None:
    path = broken(
        filled_file,
        tmp_path / "p.xlsx",
        {
            "Measures": {
                "K6": "2027-Q1",
                "L6": "2026-Q1",
                "M7": None,
                "N7": None,
                "O7": None,
                "L14": None,
                "Q14": None,
            },
            "Indicators": {"O8": None, "O14": None},
        },
    )
    found = problems(path)
    assert ("plan.end_before_start", "L6", "SO1.M1") in found
    assert ("plan.no_cost", "M7", "SO1.M2") in found
    assert ("plan.missing_quarter", "L14", "SO3.M1") in found
    assert ("plan.no_indicator", "Q14", "SO3.M1") in found


def test_every_included_objective_needs_a_measure(filled_file: Path, tmp_path: Path) -> None:
    measures = {f"{col}{row}": None for row in (10, 11) for col in "ABCDEFGHIJKLMNOPQRS"}
    path = broken(filled_file, tmp_path / "p.xlsx", {"Measures": {**measures, "A13": "SO7"}})
    found = problems(path)
    assert ("plan.objective_without_measure", "A9", "SO2") in found
    assert ("plan.objective_removed", None, "SO3") in found


def test_the_shortfall_is_addressed_or_explained(filled_file: Path, tmp_path: Path) -> None:
    unlinked = broken(filled_file, tmp_path / "a.xlsx", {"Indicators": {"O5": None}})
    assert ("plan.shortfall_unaddressed", "S5", "D2.3.5") in problems(unlinked)
    explained = broken(
        unlinked,
        tmp_path / "b.xlsx",
        {"Measures": {"S5": "d2.3.5: covered by the Law on Civil Status."}},
    )
    assert problems(explained) == []
    prefix = broken(unlinked, tmp_path / "c.xlsx", {"Measures": {"S5": "See D2.3.55."}})
    assert ("plan.shortfall_unaddressed", "S5", "D2.3.5") in problems(prefix)
