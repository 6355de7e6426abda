"""The demo's illustrative progress reports: with and without their three deliberate problems."""

from __future__ import annotations

from pathlib import Path

from mgi.demo.monitor import write_demo_progress
from mgi.monitor.consolidate import Monitoring, consolidate
from mgi.monitor.period import period
from mgi.monitor.read import read_progress_workbook
from mgi.monitor.template import reporters
from mgi.plan.model import ActionPlan

PERIODS = ("2026-H2", "2027-H2")


def _consolidated(plan: ActionPlan, files: dict[str, tuple[Path, ...]]) -> Monitoring:
    reads = {when: [read_progress_workbook(p) for p in paths] for when, paths in files.items()}
    return consolidate(
        plan,
        [r.report for r in reads[PERIODS[-1]]],
        period=period(PERIODS[-1]),
        earlier=[r.report for r in reads[PERIODS[0]]],
        issues=[i for found in reads.values() for r in found for i in r.issues],
    )


def test_three_problems_in_the_later_period(filled: ActionPlan, tmp_path: Path) -> None:
    made = write_demo_progress(filled, tmp_path, periods=PERIODS)
    institutions = len(reporters(filled))
    assert [len(made.files[p]) for p in PERIODS] == [institutions, institutions - 1]
    found = _consolidated(filled, made.files)
    assert found.errors == []
    assert sorted(i.rule for i in found.warnings) == [
        "monitor.duplicate_measure",
        "monitor.missing_report",
        "monitor.wrong_unit",
    ]


def test_without_problems_every_institution_reports_cleanly(
    filled: ActionPlan, tmp_path: Path
) -> None:
    made = write_demo_progress(filled, tmp_path, periods=PERIODS, problems=False)
    institutions = len(reporters(filled))
    assert [len(made.files[p]) for p in PERIODS] == [institutions, institutions]
    assert (made.late, made.wrong_unit) == ("", "")
    assert _consolidated(filled, made.files).issues == ()
