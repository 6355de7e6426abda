"""Tests of mgi.priorities.ratings: consultation aggregation, disagreement, Kendall's W."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.priorities import kendall_w, summarise_consultation, summarise_experts


def test_kendall_w_proofwiki_example() -> None:
    """ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1":
    4 judges rank competitors X, Y, Z as (1, 3, 2), (1, 2, 3), (2, 3, 1), (3, 1, 2);
    rank sums 7, 9, 8; S = 2; W = 12 S / (m^2 n (n^2 - 1)) = 24 / 384 = 1/16."""
    judges = np.array([[1, 3, 2], [1, 2, 3], [2, 3, 1], [3, 1, 2]])
    assert kendall_w(judges) == pytest.approx(1 / 16)


def test_kendall_w_ten_projects_four_judges() -> None:
    """Textbook exercise (10 projects ranked by 4 judges): rank sums 10, 8, 12, 16, 21, 22,
    25, 31, 37, 38; mean 22; sum of squared deviations 1048;
    W = 12 * 1048 / (4^2 * (10^3 - 10)) = 12576 / 15840 = 0.79394."""
    ranks = np.array(
        [
            [1, 3, 4, 5, 2, 8, 6, 7, 10, 9],
            [2, 1, 4, 5, 6, 3, 8, 7, 10, 9],
            [3, 2, 1, 5, 7, 4, 6, 8, 9, 10],
            [4, 2, 3, 1, 6, 7, 5, 9, 8, 10],
        ]
    )
    assert kendall_w(ranks) == pytest.approx(12576 / 15840)


def test_kendall_w_tie_correction() -> None:
    """Two judges, items (1, 1, 3) with a tie → average ranks (1.5, 1.5, 3) for both.
    Rank sums 3, 3, 6; mean 4; S = 1 + 1 + 4 = 6; T = 2 * (2^3 - 2) = 12 summed over judges;
    W = 12 * 6 / (4 * 24 - 2 * 12) = 72 / 72 = 1 (perfect agreement despite the tie)."""
    assert kendall_w(np.array([[1, 1, 3], [1, 1, 3]])) == pytest.approx(1.0)


def test_group_means_weigh_groups_equally() -> None:
    """Three diaspora members rate 5 and one academic rates 1: the group means are 5 and 1,
    so the equal-weight value is (5 + 1) / 2 = 3, not the participant mean 4."""
    ratings = pd.DataFrame(
        {
            "participant": ["a", "b", "c", "d"],
            "group": ["Diaspora"] * 3 + ["Academia"],
            "objective": ["GCM01"] * 4,
            "rating": [5, 5, 5, 1],
        }
    )
    summary = summarise_consultation(ratings)
    assert summary.overall.loc["GCM01", "value"] == 3.0
    assert summary.overall.loc["GCM01", "spread_between"] == 2.0  # population sd of (5, 1)
    assert summary.by_group.loc[("GCM01", "Diaspora"), "count"] == 3
    assert summary.by_group.loc[("GCM01", "Diaspora"), "sd"] == 0.0


def test_custom_group_weights() -> None:
    """Weights Diaspora 3, Academia 1: (3 * 5 + 1 * 1) / 4 = 4."""
    ratings = pd.DataFrame(
        {
            "participant": ["a", "d"],
            "group": ["Diaspora", "Academia"],
            "objective": ["GCM01"] * 2,
            "rating": [5, 1],
        }
    )
    summary = summarise_consultation(ratings, {"Diaspora": 3, "Academia": 1})
    assert summary.overall.loc["GCM01", "value"] == 4.0
    assert summary.group_weights.to_dict() == {"Academia": 0.25, "Diaspora": 0.75}


def test_groups_that_agree_have_w_one(consultation) -> None:
    same = consultation.assign(rating=consultation["objective"].str[-2:].astype(int) % 5 + 1)
    assert summarise_consultation(same).kendall_w == pytest.approx(1.0)


def test_expert_summary() -> None:
    ratings = pd.DataFrame(
        {
            "expert": ["E1", "E2"],
            "objective": ["GCM01"] * 2,
            "criterion": ["feasibility"] * 2,
            "rating": [2, 4],
        }
    )
    table = summarise_experts(ratings)
    assert table.loc[("GCM01", "feasibility")].tolist() == [3.0, pytest.approx(2**0.5), 2]
