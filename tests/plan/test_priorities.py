"""Reading the agreed priorities from a priorities workbook, decisions in Albanian included."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi.errors import NotAWorkbookError
from mgi.plan.priorities import read_priorities


def test_consensus_gaps_and_decisions(priorities_file: Path) -> None:
    read = read_priorities(priorities_file)
    assert read.issues == []
    assert [(p.objective, p.rank) for p in read.priorities[:2]] == [("GCM01", 1), ("GCM02", 2)]
    assert read.priorities[0].shortfall == ("D1.1.1", "D2.2.1")
    assert read.decisions == {"GCM01": ("include", "Arsye"), "GCM02": ("defer", "")}
    assert read.assessment["round"] == "2023" and read.file == "priorities.xlsx"


def test_a_decision_that_is_not_one_is_reported(priorities_file: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(priorities_file)
    wb["Vendimet"]["D2"] = "maybe"
    wb.save(tmp_path / "p.xlsx")
    read = read_priorities(tmp_path / "p.xlsx")
    assert [(i.rule, i.sheet, i.cell, i.found) for i in read.issues] == [
        ("plan.bad_decision", "Vendimet", "D2", "maybe")
    ]


def test_a_workbook_without_priorities_is_refused(filled_file: Path) -> None:
    with pytest.raises(NotAWorkbookError) as refused:
        read_priorities(filled_file)
    assert refused.value.issues[0].rule == "plan.not_priorities"
