"""Tests of mgi.priorities.ratings: consultation aggregation, disagreement, Kendall's W."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.judgements import CONSULTATION_COLUMNS, DONT_KNOW_COLUMNS, Consultation
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
    assert summary.by_group.loc[("GCM01", "priority", "Diaspora"), "count"] == 3
    assert summary.by_group.loc[("GCM01", "priority", "Diaspora"), "sd"] == 0.0


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


def _two_questions() -> Consultation:
    """Two groups asked relevance and urgency; one "don't know"; attributes given."""
    rows = [
        ("a", "Diaspora", "GCM01", "relevance", 5),
        ("a", "Diaspora", "GCM01", "urgency", 3),
        ("b", "Diaspora", "GCM01", "relevance", 3),
        ("c", "Media", "GCM01", "relevance", 1),
        ("c", "Media", "GCM01", "urgency", 1),
        ("a", "Diaspora", "GCM02", "relevance", 4),
        ("a", "Diaspora", "GCM02", "urgency", 4),
        ("b", "Diaspora", "GCM02", "relevance", 2),
        ("b", "Diaspora", "GCM02", "urgency", 2),
        ("c", "Media", "GCM02", "relevance", 5),
        ("c", "Media", "GCM02", "urgency", 5),
    ]
    ratings = pd.DataFrame(rows, columns=list(CONSULTATION_COLUMNS))
    dont_know = pd.DataFrame(
        [("b", "Diaspora", "GCM01", "urgency")], columns=list(DONT_KNOW_COLUMNS)
    )
    people = pd.DataFrame(
        {
            "group": ["Diaspora", "Diaspora", "Media"],
            "organisation": "",
            "sex": ["female", "male", ""],
            "age_band": ["25-34", "25-34", "45-54"],
            "country": ["Germany", "Italy", "Albania"],
            "municipality": "",
        },
        index=pd.Index(["a", "b", "c"], name="participant"),
    )
    return Consultation(_ratings=ratings, _dont_know=dont_know, _respondents=people)


def test_relevance_and_urgency_are_averaged_separately_and_dont_know_is_not_a_rating() -> None:
    """GCM01 relevance: Diaspora (5 + 3) / 2 = 4, Media 1 -> 2.5; urgency: Diaspora 3 (b said
    "don't know", left out), Media 1 -> 2; the criterion is (2.5 + 2) / 2 = 2.25."""
    summary = summarise_consultation(_two_questions(), questions=["relevance", "urgency"])
    gcm01 = summary.overall.loc["GCM01"]
    assert (gcm01["value_relevance"], gcm01["value_urgency"], gcm01["value"]) == (2.5, 2.0, 2.25)
    assert gcm01["dont_know"] == 1
    assert summary.by_group.loc[("GCM01", "urgency", "Diaspora"), "count"] == 1
    assert summary.by_group.loc[("GCM01", "urgency", "Diaspora"), "dont_know"] == 1
    assert summary.groups.loc["Diaspora", "dont_know"] == 1
    assert summary.questions == ("relevance", "urgency")


def test_a_one_member_group_is_flagged_with_its_effective_weight() -> None:
    summary = summarise_consultation(_two_questions(), questions=["relevance", "urgency"])
    assert summary.groups["single_member"].to_dict() == {"Diaspora": False, "Media": True}
    assert summary.groups["effective_weight"].to_dict() == {"Diaspora": 0.5, "Media": 0.5}
    assert [i.rule for i in summary.issues] == ["rating.group_single_member"]
    assert "50%" in summary.issues[0].message


def test_groups_can_weigh_their_respondents() -> None:
    """Diaspora has 2 respondents and Media 1: weights 2/3 and 1/3."""
    summary = summarise_consultation(
        _two_questions(), "respondents", questions=["relevance", "urgency"]
    )
    assert summary.group_weights.to_dict() == pytest.approx({"Diaspora": 2 / 3, "Media": 1 / 3})
    relevance = summary.overall.loc["GCM01", "value_relevance"]
    assert relevance == pytest.approx((2 * 4 + 1) / 3)


def test_respondents_can_be_weighted_to_declared_population_shares() -> None:
    """Diaspora in Italy declared 3 times the share of Germany: b (Italy) weighs 3, a 1.
    GCM02 relevance of the Diaspora: (1 * 4 + 3 * 2) / 4 = 2.5."""
    population = {"Diaspora": ("country", {"Germany": 0.25, "Italy": 0.75})}
    summary = summarise_consultation(
        _two_questions(), population=population, questions=["relevance", "urgency"]
    )
    assert summary.by_group.loc[("GCM02", "relevance", "Diaspora"), "mean"] == 2.5
    assert summary.groups.loc["Diaspora", "effective_size"] == pytest.approx(
        1.6
    )  # 1 / (1/16 + 9/16)
    unknown = summarise_consultation(
        _two_questions(), population={"Diaspora": ("country", {"Germany": 1})}
    )
    assert "rating.population_share_missing" in {i.rule for i in unknown.issues}


def test_respondent_attributes_are_counted_by_group() -> None:
    counts = summarise_consultation(_two_questions()).respondents.set_index(["attribute", "value"])
    assert counts.loc[("sex", "not given"), "Media"] == 1
    assert counts.loc[("age_band", "25-34"), "Diaspora"] == 2
    assert counts.loc[("country", "Albania"), "total"] == 1
