"""Costs spread by quarter and year, shared between GCM objectives, counted for institutions:
exact numbers from a plan small enough to work out by hand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from mgi.plan import costing
from mgi.plan.model import ActionPlan, Institution, Measure, PlanInfo, SpecificObjective
from mgi.workbook.sheets import Quarter

INFO = PlanInfo(start=Quarter(2025, 1), end=Quarter(2026, 4), currency="ALL")
PLAN = ActionPlan(
    info=INFO,
    objectives=(
        SpecificObjective("SO1", "Identity", ("GCM04",)),
        SpecificObjective("SO2", "Skills", ("GCM18",)),
    ),
    measures=(
        # 2025-Q4 to 2026-Q2: three quarters, 300 + 0 + 150
        Measure(
            "SO1.M1",
            "SO1",
            start=Quarter(2025, 4),
            end=Quarter(2026, 2),
            cost_state=300.0,
            unfunded=150.0,
            lead="MB",
            gcm=("GCM04", "GCM05"),
        ),
        # one quarter, donors only; names no GCM objective: counts for SO2's
        Measure(
            "SO2.M1",
            "SO2",
            start=Quarter(2025, 1),
            end=Quarter(2025, 1),
            cost_donors=80.0,
            lead="Ministry of Interior",
            contributing=("AKPA",),
        ),
    ),
    institutions=(
        Institution("MB", "Ministry of Interior", "MoI"),
        Institution("AKPA", "National Agency for Employment and Skills"),
    ),
)


def test_totals_by_source_and_financing_gap() -> None:
    source = costing.by_source(PLAN)
    assert (source["state"], source["donors"], source["unfunded"], source["total"]) == (
        300.0,
        80.0,
        150.0,
        530.0,
    )
    assert source["gap"] == 150.0 and source["gap_share"] == pytest.approx(150 / 530)


def test_costs_spread_evenly_over_the_quarters() -> None:
    years = costing.by_year(PLAN)
    assert years.loc[2025, ["state", "donors", "unfunded"]].tolist() == [100.0, 80.0, 50.0]
    assert years.loc[2026, ["state", "donors", "unfunded"]].tolist() == [200.0, 0.0, 100.0]
    assert years["total"].sum() == pytest.approx(costing.by_source(PLAN)["total"])
    quarters = costing.by_quarter(PLAN)
    assert quarters.loc[quarters["measure"] == "SO1.M1", "quarter"].tolist() == [
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
    ]


@pytest.mark.parametrize(
    ("profile", "y2025", "y2026"), [("start", 530.0, 0.0), ("end", 80.0, 450.0)]
)
def test_costs_all_in_the_first_or_the_last_quarter(
    profile: str, y2025: float, y2026: float
) -> None:
    plan = PLAN.replace(info=replace(INFO, cost_profile=profile))
    assert costing.by_year(plan)["total"].tolist() == [y2025, y2026]


def test_objectives_gcm_and_institutions() -> None:
    objectives = costing.by_objective(PLAN)
    assert objectives["total"].tolist() == [450.0, 80.0]
    assert objectives.loc["SO1", "gap_share"] == pytest.approx(1 / 3)
    gcm = costing.by_gcm(PLAN)
    assert gcm["total"].to_dict() == {"GCM04": 225.0, "GCM05": 225.0, "GCM18": 80.0}
    assert gcm["total"].sum() == 530.0
    institutions = costing.by_institution(PLAN)
    assert institutions.loc["MB", ["measures", "total"]].tolist() == [2, 530.0]
    assert institutions.loc["AKPA", ["measures", "contributing_to"]].tolist() == [0, 1]


def test_gantt_alignment_and_totals() -> None:
    gantt = costing.gantt(PLAN)
    assert gantt[["first", "last"]].to_numpy().tolist() == [[3, 5], [0, 0]]
    alignment = costing.alignment(PLAN)
    assert alignment["gcm"].to_dict("index") == {
        "SO1.M1": {"GCM04": 1, "GCM05": 1, "GCM18": 0},
        "SO2.M1": {"GCM04": 0, "GCM05": 0, "GCM18": 1},
    }
    totals = costing.totals(PLAN)
    assert totals["cost"]["total"] == 530.0 and totals["by_year"] == {"2025": 230.0, "2026": 300.0}
    assert np.isclose(totals["financing_gap_share"], 150 / 530)
