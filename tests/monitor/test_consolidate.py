"""The checks of progress reports against the plan (rule codes) and the figures."""

from __future__ import annotations

import datetime as dt

import pytest

from mgi.monitor.consolidate import consolidate
from mgi.monitor.indicators import Thresholds, light, unit_matches
from mgi.monitor.model import IndicatorValue, MeasureProgress, ProgressReport
from mgi.monitor.period import period
from mgi.plan.model import ActionPlan, Indicator, Institution, Measure, PlanInfo
from mgi.workbook.sheets import Quarter

H1 = period("2025-H1")


@pytest.fixture(scope="module")
def plan() -> ActionPlan:
    q = Quarter
    return ActionPlan(
        info=PlanInfo(start=q(2025, 1), end=q(2026, 4), currency="ALL"),
        institutions=(Institution("MB", "Interior"), Institution("MF", "Finance")),
        measures=(
            Measure(
                "SO1.M1",
                "SO1",
                lead="MB",
                start=q(2025, 1),
                end=q(2025, 2),
                cost_state=100.0,
                cost_donors=50.0,
                gcm=("GCM04",),
                eu=(24,),
            ),
            Measure(
                "SO1.M2",
                "SO1",
                lead="MB",
                start=q(2025, 1),
                end=q(2025, 2),
                cost_state=100.0,
                gcm=("GCM04", "GCM20"),
            ),
            Measure(
                "SO1.M3",
                "SO1",
                lead="MF",
                start=q(2025, 1),
                end=q(2026, 4),
                cost_state=400.0,
                unfunded=100.0,
            ),
        ),
        indicators=(
            Indicator(
                "SO1.M1.O1",
                "Officials trained",
                unit="number of officials",
                baseline=0.0,
                baseline_year=2024,
                target=40.0,
                target_year=2026,
                responsible="MB",
            ),
        ),
    )


def report(plan, institution="MB", measures=(), values=(), **kwargs) -> ProgressReport:
    base = {"period": H1, "plan_digest": plan.digest(), "source": {"file": f"{institution}.xlsx"}}
    return ProgressReport(
        institution, measures=tuple(measures), indicators=tuple(values), **(base | kwargs)
    )


def rules(found) -> list[str]:
    return sorted(i.rule for i in found.issues)


def test_figures(plan) -> None:
    found = consolidate(
        plan,
        [
            report(
                plan,
                measures=[
                    MeasureProgress("SO1.M1", "completed", 100.0, 80.0, 50.0),
                    MeasureProgress("SO1.M2", "delayed", 40.0, 20.0),
                ],
                values=[IndicatorValue("SO1.M1.O1", 6.0, "", dt.date(2025, 6, 30))],
            ),
            report(plan, "MF", measures=[MeasureProgress("SO1.M3", "in_progress", 30.0, 90.0)]),
        ],
    )
    assert found.issues == ()
    overall = found.current.overall
    assert (overall["due"], overall["completed"], overall["rate"]) == (2, 1, 0.5)
    assert found.overdue().loc["MB", "measures"] == "SO1.M2"
    assert found.implementation("gcm").loc["GCM20", "overdue"] == 1  # counted whole for each
    budget = found.current.budget
    assert budget.loc["state", "spent"] == 190.0
    assert budget.loc["state", "planned_to_date"] == pytest.approx(100 + 100 + 100)
    assert found.current.indicators.loc["SO1.M1.O1", "light"] == "behind"
    assert set(found.to_dict()) >= {"implementation", "budget", "imrf", "trend", "indicators"}


def test_errors_and_warnings(plan) -> None:
    found = consolidate(
        plan,
        [
            report(
                plan,
                measures=[
                    MeasureProgress("SO1.M1", "completed", 80.0, 500.0),
                    MeasureProgress("SO1.M2", "delayed", 40.0),
                    MeasureProgress("SO1.M2", "delayed", 40.0),
                    MeasureProgress("SO1.M3", "in_progress", 10.0),
                    MeasureProgress("SO9.M9", "in_progress", 10.0),
                ],
                values=[IndicatorValue("SO1.M1.O1", 40.0, "%")],
            ),
            report(plan, "MB", source={"file": "again.xlsx"}),
            report(plan, "XX"),
            report(plan, "MF", period=period("2025-H2")),
            report(plan, "MF", plan_digest="0" * 64, plan_edition="2"),
        ],
    )
    assert rules(found) == [
        "monitor.completed_below_100",
        "monitor.duplicate_measure",
        "monitor.duplicate_report",
        "monitor.missing_report",
        "monitor.not_holder",
        "monitor.other_period",
        "monitor.other_plan",
        "monitor.overspent",
        "monitor.unknown_institution",
        "monitor.unknown_measure",
        "monitor.wrong_unit",
    ]
    severity = {i.rule: i.severity for i in found.issues}
    assert severity["monitor.duplicate_measure"] == severity["monitor.wrong_unit"] == "warning"
    assert severity["monitor.missing_report"] == "warning"
    assert found.current.indicators.loc["SO1.M1.O1", "light"] == "no_data"


def test_conflicting_rows_are_errors(plan) -> None:
    found = consolidate(
        plan,
        [
            report(
                plan,
                measures=[
                    MeasureProgress("SO1.M1", "completed", 100.0),
                    MeasureProgress("SO1.M1", "delayed", 60.0),
                ],
            )
        ],
    )
    assert "monitor.conflicting_measure" in rules(found)


def test_trend_over_earlier_periods(plan) -> None:
    earlier = report(plan, period=period("2024-H2"), measures=[])
    found = consolidate(plan, [report(plan)], earlier=[earlier, report(plan, period=H1)])
    assert "monitor.not_earlier" in rules(found)
    assert list(found.trend().index) == ["2024-H2", "2025-H1"]


def test_lights_and_units() -> None:
    limits = Thresholds(on_track=0.9, behind=0.5)
    assert [light(c, 0.5, limits) for c in (1.0, 0.5, 0.3, 0.1, -0.1)] == [
        "achieved",
        "on_track",
        "behind",
        "off_track",
        "off_track",
    ]
    assert light(None, None, limits) == "no_data"
    assert unit_matches("persons", "Number of persons trained")
    assert not unit_matches("%", "municipalities")


def test_thresholds_that_cannot_be_used(tmp_path) -> None:
    from mgi.errors import DataFileError
    from mgi.monitor.indicators import load_thresholds

    path = tmp_path / "lights.toml"
    path.write_text('[traffic_light]\non_track = "high"\nbehind = 0.5\n', encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_thresholds(path)
    assert [(i.rule, i.file) for i in refused.value.issues] == [
        ("monitor.bad_thresholds", "lights.toml")
    ]
    assert load_thresholds(None).on_track == 0.9  # the bundled ones
