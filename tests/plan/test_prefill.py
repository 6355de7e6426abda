"""The draft plan: which objectives, which candidate outcome indicators, what is carried over."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mgi.errors import InputError
from mgi.plan.model import ActionPlan
from mgi.plan.prefill import Priority, prefill_plan, priorities_from_prioritization, select
from mgi.workbook.sheets import Quarter
from tests.plan.conftest import PRIORITIES, SETTINGS


def test_one_specific_objective_per_included_objective(draft: ActionPlan) -> None:
    assert [(o.code, o.gcm, o.decision) for o in draft.objectives] == [
        ("SO1", ("GCM04",), "include"),
        ("SO2", ("GCM18",), "include_cross_cutting"),
        ("SO3", ("GCM20",), "include"),
    ]
    assert draft.objectives[0].title.startswith("Ensure that all migrants have proof")
    assert [b.gcm for b in draft.basis] == ["GCM04", "GCM18", "GCM20"]


def test_shortfall_becomes_outcome_indicators_with_baselines(draft: ActionPlan) -> None:
    first, second = draft.indicators[:2]
    assert (first.code, first.mgi, first.level, first.baseline, first.baseline_year) == (
        "SO1.I1",
        ("D2.3.5",),
        "outcome",
        0.0,
        2023,
    )
    assert (second.baseline, second.target, second.target_year) == (50.0, 100.0, 2027)
    assert "Partially present" in second.definition and "2023" in second.definition
    assert (
        draft.indicators[2].baseline == 0.0 and draft.indicators[2].name == "MGI indicator D4.1.2"
    )


def test_without_decisions_the_top_k_of_the_consensus_ranking() -> None:
    undecided = [replace(p, decision="") for p in PRIORITIES]
    chosen, rule = select(undecided, 2)
    assert rule == "top_k" and [p.objective for p in chosen] == ["GCM04", "GCM18"]
    tied = [*undecided, Priority("GCM01", 2)]
    assert [p.objective for p in select(tied, 2)[0]] == ["GCM04", "GCM18", "GCM01"]
    plan, notes = prefill_plan(undecided, settings=SETTINGS, top_k=2)
    assert len(plan.objectives) == 2 and "top 2 objectives" in notes[0]


def test_without_baselines_they_stay_empty() -> None:
    plan, _ = prefill_plan(PRIORITIES, settings=SETTINGS)
    assert {i.baseline for i in plan.indicators} == {None}
    assert {i.baseline_year for i in plan.indicators} == {2023}


def test_nothing_included_is_refused() -> None:
    excluded = [replace(p, decision="exclude") for p in PRIORITIES]
    with pytest.raises(InputError) as refused:
        prefill_plan(excluded, settings=SETTINGS)
    assert refused.value.issues[0].rule == "plan.nothing_included"


def test_unfinished_measures_of_a_previous_plan_are_carried_in(filled: ActionPlan) -> None:
    later = replace(SETTINGS, start=Quarter(2026, 3), end=Quarter(2029, 4))
    plan, notes = prefill_plan(PRIORITIES, settings=later, previous=filled)
    running = [m for m in filled.measures if m.end is not None and m.end >= later.start]
    assert [m.carried_from for m in plan.measures] == [m.code for m in running]
    assert all(m.objective and m.code.startswith(f"{m.objective}.C") for m in plan.measures)
    assert all("Carried over from the previous plan" in m.notes for m in plan.measures)
    assert "carried in for a decision" in notes[-1]
    codes = {i.code for i in plan.institutions}
    assert all(m.lead in codes and set(m.contributing) <= codes for m in plan.measures)
    carried = {i.code: i for i in plan.indicators if i.level == "output"}
    assert all(
        carried[o].linked_measures == (m.code,) for m in plan.measures for o in m.output_indicators
    )


def test_priorities_of_a_prioritization_in_consensus_order() -> None:
    import pandas as pd

    class Matrix:
        gap_detail = pd.DataFrame(
            {"shortfall": ["D1.1.1, D1.1.2", ""], "score": [40.0, 90.0], "gap": [60.0, 10.0]},
            index=["GCM02", "GCM01"],
        )

    class Ranked:
        consensus = pd.DataFrame({"borda_rank": [2, 1]}, index=["GCM01", "GCM02"])
        matrix = Matrix()

    found = priorities_from_prioritization(Ranked(), {"GCM02": ("include", "why")})
    assert [(p.objective, p.rank, p.decision, p.shortfall) for p in found] == [
        ("GCM02", 1, "include", ("D1.1.1", "D1.1.2")),
        ("GCM01", 2, "", ()),
    ]
