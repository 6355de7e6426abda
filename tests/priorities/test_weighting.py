"""Tests of mgi.priorities.weighting: participants' judgements become the group's weights."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.priorities import Judgement, combine_judgements
from mgi.priorities.weighting import profile_weights

CRITERIA = ["gap", "stakeholders", "feasibility"]


def _pairwise(a: float, b: float, c: float) -> pd.DataFrame:
    """Upper triangle gap/stakeholders = a, gap/feasibility = b, stakeholders/feasibility = c."""
    m = np.array([[1, a, b], [1 / a, 1, c], [1 / b, 1 / c, 1]])
    return pd.DataFrame(m, index=CRITERIA, columns=CRITERIA)


def test_points_are_normalised_and_averaged() -> None:
    """A gives 50/30/20 points, B 20/20/60: mean of (.5, .3, .2) and (.2, .2, .6)."""
    a = Judgement("A", "points", pd.Series({"gap": 50, "stakeholders": 30, "feasibility": 20}))
    b = Judgement("B", "points", pd.Series({"gap": 20, "stakeholders": 20, "feasibility": 60}))
    agreed = combine_judgements([a, b], CRITERIA)
    assert agreed.weights.tolist() == pytest.approx([0.35, 0.25, 0.40])
    assert "arithmetic mean" in agreed.rule
    assert agreed.participants.loc["A", "distance"] == pytest.approx(
        np.linalg.norm([0.15, 0.05, -0.2])
    )


def test_ranking_uses_rank_order_centroid() -> None:
    """ROC for n = 3 (Barron & Barrett 1996): 0.6111, 0.2778, 0.1111."""
    j = Judgement("A", "ranking", pd.Series({"gap": 2, "stakeholders": 1, "feasibility": 3}))
    weights = combine_judgements([j], CRITERIA).weights
    assert weights.round(4).tolist() == [0.2778, 0.6111, 0.1111]


def test_all_pairwise_uses_group_ahp() -> None:
    """Two consistent participants (a = 2, b = 4, c = 2) and (a = 8, b = 4, c = 0.5):
    the AIJ group matrix is the element-wise geometric mean, a = 4, b = 4, c = 1, which is
    consistent with weights (4, 1, 1) / 6."""
    agreed = combine_judgements(
        [
            Judgement("A", "pairwise", _pairwise(2, 4, 2)),
            Judgement("B", "pairwise", _pairwise(8, 4, 0.5)),
        ],
        CRITERIA,
    )
    assert agreed.weights.tolist() == pytest.approx([4 / 6, 1 / 6, 1 / 6])
    assert "AIJ" in agreed.rule
    assert agreed.participants["consistent"].all()
    assert agreed.hints == ()


def test_inconsistent_participant_gets_a_hint() -> None:
    """gap ≻ stakeholders (9), stakeholders ≻ feasibility (9) but feasibility ≻ gap (1/9 →
    gap/feasibility = 1/9): a circular judgement, CR far above 0.10."""
    agreed = combine_judgements([Judgement("C", "pairwise", _pairwise(9, 1 / 9, 9))], CRITERIA)
    row = agreed.participants.loc["C"]
    assert row["cr"] > 0.1 and not row["consistent"]
    (hint,) = agreed.hints
    assert hint.startswith("C: the comparisons are inconsistent")
    assert "deviates most" in hint


def test_profile_default_weights() -> None:
    agreed = profile_weights(pd.Series({"gap": 3.0, "stakeholders": 1.0}))
    assert agreed.weights.tolist() == [0.75, 0.25]
