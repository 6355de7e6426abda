"""Tests of mgi.priorities.criteria: the criteria matrix is built from the inputs and traceable."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.errors import InputError
from mgi.priorities import build_criteria_matrix
from tests.priorities.conftest import OBJECTIVES


def test_matrix_columns_come_from_their_sources(profile, scorecard, consultation, experts):
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    values = matrix.values
    assert list(values.index) == OBJECTIVES
    assert list(values.columns) == profile.codes
    assert values["gap"].tolist() == pytest.approx(scorecard.objectives["gap"].tolist())
    assert values["stakeholders"].tolist() == pytest.approx(
        matrix.consultation.overall["value"].tolist()
    )
    rated = experts[(experts["objective"] == "GCM05") & (experts["criterion"] == "eu_accession")]
    assert values.loc["GCM05", "eu_accession"] == pytest.approx(rated["rating"].mean())
    assert matrix.types == [
        "benefit",
        "benefit",
        "benefit",
        "cost",
        "benefit",
        "benefit",
        "benefit",
    ]
    assert not values.isna().any().any()
    assert matrix.gap_detail.loc["GCM01", "shortfall"] == "D2.1.1"


def test_missing_gap_is_imputed_and_said(profile, scorecard, consultation, experts):
    """GCM08 has no gap; the profile's rule 'mean' fills it with the mean of the others."""
    objectives = scorecard.objectives.copy()
    objectives.loc["GCM08", "gap"] = np.nan
    scorecard.objectives = objectives
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    expected = objectives["gap"].drop("GCM08").mean()
    assert matrix.values.loc["GCM08", "gap"] == pytest.approx(expected)
    assert any("GCM08" in note for note in matrix.notes)


def test_missing_inputs_are_named(profile, scorecard):
    with pytest.raises(InputError) as info:
        build_criteria_matrix(profile, scorecard=scorecard)
    assert "consultation" in str(info.value) and "expert" in str(info.value)


def test_unrated_objective_is_an_error(profile, scorecard, consultation, experts):
    partial = experts[
        ~((experts["objective"] == "GCM23") & (experts["criterion"] == "feasibility"))
    ]
    with pytest.raises(InputError, match=r"'feasibility'.*GCM23"):
        build_criteria_matrix(
            profile, scorecard=scorecard, consultation=consultation, experts=partial
        )


def test_constant_criterion_is_noted(profile, scorecard, consultation, experts):
    flat = experts.assign(
        rating=np.where(experts["criterion"] == "feasibility", 3, experts["rating"])
    )
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=flat
    )
    assert any("cannot tell the objectives apart" in n for n in matrix.notes)
    assert isinstance(matrix.values, pd.DataFrame)


def test_insufficient_data_gap_is_treated_as_missing(profile, scorecard, consultation, experts):
    """A gap resting on too few answers is not used as such: it is imputed like a missing one."""
    objectives = scorecard.objectives.copy()
    objectives.loc["GCM10", "status"] = "insufficient data"
    scorecard.objectives = objectives
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    expected = objectives["gap"].drop("GCM10").mean()
    assert matrix.values.loc["GCM10", "gap"] == pytest.approx(expected)
    assert any("GCM10" in note and "too few" in note for note in matrix.notes)


# ---------------------------------------------------------------------------------------------
# checks: sampling noise, agreement, correlation, declared scales
# ---------------------------------------------------------------------------------------------


def _rules(matrix) -> list[str]:
    return [issue.rule for issue in matrix.issues]


def test_a_criterion_of_pure_noise_is_flagged_with_its_numbers(
    profile, scorecard, consultation, experts
):
    """Random expert ratings (the fixture) have no signal: spread ~ noise, flagged; the same
    ratings plus a strong common view per objective are not."""
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    checks = matrix.checks
    assert checks.loc["feasibility", "within_noise"]
    assert checks.loc["feasibility", "spread_to_noise"] <= 2.0
    noise = [i for i in matrix.issues if i.rule == "priorities.criterion_noise"]
    feasibility = next(i for i in noise if i.column == "feasibility")
    assert f"{checks.loc['feasibility', 'spread']:.3g}" in feasibility.message
    assert f"{checks.loc['feasibility', 'noise']:.3g}" in feasibility.message
    signal = experts.assign(
        rating=np.where(
            experts["criterion"] == "feasibility",
            np.clip(experts["objective"].str[-2:].astype(int) % 5 + 1, 1, 5),
            experts["rating"],
        )
    )
    clear = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=signal
    ).checks
    assert not clear.loc["feasibility", "within_noise"]
    assert np.isnan(clear.loc["gap", "noise"])  # one assessment: not resampled


def test_groups_that_barely_agree_are_flagged(profile, scorecard, consultation, experts):
    """The fixture's groups rate at random: Kendall's W is small and below 0.3."""
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    w = matrix.checks.loc["stakeholders", "kendall_w"]
    assert w == pytest.approx(matrix.consultation.kendall_w) and w < 0.3
    assert matrix.checks.loc["stakeholders", "judged_by"] == "groups"
    flagged = [i for i in matrix.issues if i.rule == "priorities.criterion_disagreement"]
    assert any(i.column == "stakeholders" and f"{w:.2f}" in i.message for i in flagged)


def test_strongly_correlated_criteria_are_flagged(profile, scorecard, consultation, experts):
    """EU accession rated exactly as national-policy alignment: r = 1, flagged; a cost
    criterion rated as 6 minus a benefit one counts the same way (r = 1 once reversed)."""
    same = experts.copy()
    policy = same[same["criterion"] == "policy_alignment"].set_index(["expert", "objective"])
    mask = same["criterion"] == "eu_accession"
    keys = list(zip(same.loc[mask, "expert"], same.loc[mask, "objective"], strict=True))
    same.loc[mask, "rating"] = policy["rating"].reindex(keys).to_numpy()
    mask = same["criterion"] == "resource_need"
    feas = same[same["criterion"] == "feasibility"].set_index(["expert", "objective"])
    keys = list(zip(same.loc[mask, "expert"], same.loc[mask, "objective"], strict=True))
    same.loc[mask, "rating"] = 6 - feas["rating"].reindex(keys).to_numpy()
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=same
    )
    assert matrix.correlation.loc["policy_alignment", "eu_accession"] == pytest.approx(1.0)
    assert matrix.correlation.loc["feasibility", "resource_need"] == pytest.approx(1.0)
    pairs = {i.column for i in matrix.issues if i.rule == "priorities.criteria_correlated"}
    assert {"policy_alignment, eu_accession", "feasibility, resource_need"} <= pairs


def test_a_value_outside_its_declared_scale_widens_it_with_a_warning(
    profile, scorecard, consultation, experts
):
    objectives = scorecard.objectives.copy()
    objectives.loc["GCM02", "gap"] = -12.0  # a score above a target below 100
    scorecard.objectives = objectives
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    assert matrix.scales["gap"] == (-12.0, 100.0)
    assert "priorities.outside_scale" in _rules(matrix)
