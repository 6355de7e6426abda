"""Shared plans of the plan tests: a draft made from hand-written priorities, the same draft
filled with the demo's illustrative measures, and their workbooks (built once per session)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from mgi.plan.model import ActionPlan, PlanInfo
from mgi.plan.prefill import Baseline, Priority, prefill_plan
from mgi.workbook.sheets import Quarter

#: Four objectives as a working group left them: three included, one deferred.
PRIORITIES = (
    Priority("GCM04", 1, "include", "Civil registration gaps", ("D2.3.5", "D2.3.4")),
    Priority("GCM18", 2, "include_cross_cutting", "Skills run through the strategy", ("D4.1.2",)),
    Priority("GCM10", 3, "defer", "Covered by the anti-trafficking strategy", ("D6.4.6",)),
    Priority("GCM20", 4, "include", "", ("D4.6.1", "D4.6.6")),
)
BASELINES = {
    "D2.3.5": Baseline(
        "D2.3.5", "Absent", 0.0, 2023, "Does citizenship law prevent statelessness?"
    ),
    "D2.3.4": Baseline("D2.3.4", "Partially present", 0.5, 2023, "Are all births registered?"),
    "D4.1.2": Baseline("D4.1.2", "Absent", 0.0, 2023),
    "D4.6.1": Baseline("D4.6.1", "Partially present", 0.5, 2023),
    "D4.6.6": Baseline("D4.6.6", "Absent", 0.0, 2023),
}
SETTINGS = PlanInfo(
    title="Test plan",
    country="Testland",
    start=Quarter(2025, 1),
    end=Quarter(2027, 4),
    currency="ALL",
    round_year=2023,
)


def make_draft(lang: str = "en") -> ActionPlan:
    from dataclasses import replace

    plan, _ = prefill_plan(
        PRIORITIES, settings=replace(SETTINGS, language=lang), baselines=BASELINES
    )
    return plan


@pytest.fixture(scope="session")
def draft() -> ActionPlan:
    return make_draft()


@pytest.fixture(scope="session")
def filled(draft: ActionPlan) -> ActionPlan:
    from mgi.demo.plan import fill_demo_plan

    return fill_demo_plan(draft)


@pytest.fixture(scope="session")
def filled_file(filled: ActionPlan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The filled plan as a workbook (never changed by a test: copy it to break it)."""
    from mgi.plan.workbook import write_plan_workbook

    return write_plan_workbook(
        filled, tmp_path_factory.mktemp("plan") / "plan.xlsx", rows_per_objective=3
    )


@pytest.fixture(scope="session")
def priorities_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_priorities_workbook(tmp_path_factory.mktemp("prio") / "priorities.xlsx")


def make_priorities_workbook(path: Path) -> Path:
    """A priorities workbook as 'mgi session export' writes it (Priorities, Gap detail and an
    Albanian Decisions sheet), made with the one results-workbook writer."""
    from mgi.workbook.results import ResultsWorkbook, ResultTable, write_results_workbook

    codes = [f"GCM{n:02d}" for n in range(1, 24)]
    ranks = list(range(1, 24))
    priorities = pd.DataFrame(
        {
            "rank": ranks,
            "short_label": codes,
            "score": [1 - r / 30 for r in ranks],
            "rank_consensus": ranks,
        },
        index=pd.Index(codes, name="objective"),
    )
    gaps = pd.DataFrame(
        {
            "short_label": codes,
            "score": 50.0,
            "gap": 50.0,
            "shortfall": [f"D1.1.{n % 9 + 1}, D2.2.{n % 5 + 1}" for n in range(23)],
        },
        index=pd.Index(codes, name="objective"),
    )
    decisions = pd.DataFrame(
        {
            "short_label": ["", "", ""],
            "rank_consensus": [1, 2, 3],
            "decision": ["përfshi", "shtyje", "asnjë vendim i regjistruar"],
            "rationale": ["Arsye", "", ""],
        },
        index=pd.Index(["GCM01", "GCM02", "GCM03"], name="objective"),
    )
    about = (
        (
            "source_assessment",
            '{"country": "Testland", "round": "2023", '
            '"instrument": "mgi-national", "assessment_file": "q.xlsx"}',
        ),
    )
    results = ResultsWorkbook(
        "GCM objective priorities",
        tables=(
            ResultTable("Priorities", priorities),
            ResultTable("Vendimet", decisions),
            ResultTable("Gap detail", gaps),
        ),
        about=about,
    )
    return write_results_workbook(results, path)
