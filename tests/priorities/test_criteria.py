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
