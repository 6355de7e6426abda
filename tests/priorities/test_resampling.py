"""Tests of mgi.priorities.resampling: respondents resampled within groups, experts resampled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.priorities import build_criteria_matrix


@pytest.fixture
def matrix(profile, scorecard, consultation, experts):
    return build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )


def test_every_draw_keeps_the_gap_and_stays_on_the_scales(matrix) -> None:
    draws = matrix.data_sampler.draw(np.random.default_rng(1), 300)
    values = matrix.values
    assert draws.shape == (300, *values.shape)
    assert (draws[:, :, 0] == values["gap"].to_numpy()).all()  # one assessment: not resampled
    assert draws[:, :, 1:].min() >= 1 and draws[:, :, 1:].max() <= 5


def test_the_bootstrap_is_centred_on_the_criteria(matrix) -> None:
    """The mean of a resampled mean is the mean itself (every objective rated by everyone)."""
    draws = matrix.data_sampler.draw(np.random.default_rng(2), 4000)
    assert draws.mean(axis=0) == pytest.approx(matrix.values.to_numpy(), abs=0.06)  # ~5 SE


def test_draws_do_not_depend_on_how_they_are_batched(profile, scorecard, consultation, experts):
    one = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    ).data_sampler
    two = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    ).data_sampler
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    whole = one.draw(rng_a, 50)
    parts = np.concatenate([two.draw(rng_b, 20), two.draw(rng_b, 30)])
    assert np.array_equal(whole, parts)
    assert rng_a.random() == rng_b.random()  # both generators moved on alike


def test_a_kept_draw_moves_the_generator_as_a_fresh_one(matrix) -> None:
    sampler = matrix.data_sampler
    first_rng, second_rng = np.random.default_rng(9), np.random.default_rng(9)
    first = sampler.draw(first_rng, 40)
    second = sampler.draw(second_rng, 40)  # served from what was kept
    assert np.array_equal(first, second)
    assert first_rng.random() == second_rng.random()


def test_groups_are_resampled_within_themselves(profile) -> None:
    """Two groups: one whose members all answer 2, one single member answering 5. Resampling
    within groups never mixes them: the criterion is always (2 + 5) / 2."""
    from tests.priorities.conftest import OBJECTIVES

    rows = [(f"p{i}", "Diaspora", o, 2) for i in range(4) for o in OBJECTIVES]
    rows += [("solo", "Media", o, 5) for o in OBJECTIVES]
    consultation = pd.DataFrame(rows, columns=["participant", "group", "objective", "rating"])
    from mgi.priorities.ratings import summarise_consultation
    from mgi.priorities.resampling import ConsultationColumn

    summary = summarise_consultation(consultation)
    column = ConsultationColumn(
        summary.weighted,
        summary.declared,
        OBJECTIVES,
        list(summary.questions),
        fallback=summary.overall["value"].to_numpy(),
    )
    draws = column.draw(np.random.default_rng(0), 100)
    assert (draws == 3.5).all()


def test_expert_noise_shrinks_with_more_experts(profile, scorecard, consultation) -> None:
    """Standard errors from the bootstrap fall as 1 / sqrt(number of experts)."""
    from tests.priorities.conftest import EXPERT_CRITERIA, OBJECTIVES

    def panel(size: int) -> pd.DataFrame:
        rng = np.random.default_rng(size)
        rows = [
            (f"E{e}", o, c, int(rng.integers(1, 6)))
            for e in range(size)
            for o in OBJECTIVES
            for c in EXPERT_CRITERIA
        ]
        return pd.DataFrame(rows, columns=["expert", "objective", "criterion", "rating"])

    noise = {}
    for size in (4, 36):
        m = build_criteria_matrix(
            profile, scorecard=scorecard, consultation=consultation, experts=panel(size)
        )
        noise[size] = m.checks.loc["feasibility", "noise"]
    assert noise[36] / noise[4] == pytest.approx(np.sqrt(4 / 36), rel=0.25)
