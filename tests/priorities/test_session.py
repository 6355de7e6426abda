"""Tests of mgi.priorities.session: the ranked objectives, explanations and sensitivity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.priorities import build_criteria_matrix, prioritize
from mgi.prioritization import wsm

REFERENCE = [2, 3, 4, 5, 6, 7, 9, 10, 16, 18, 19, 20, 22]


@pytest.fixture
def session(profile, scorecard, consultation, experts):
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    return prioritize(matrix, samples=2000, seed=5, reference=REFERENCE)


def test_every_method_ranks_all_objectives(session) -> None:
    ranks = session.ranks
    assert list(ranks.columns) == ["wsm", "topsis", "vikor", "promethee_ii"]
    for method in ranks:
        assert sorted(ranks[method]) == list(range(1, 24))


def test_primary_ranking_is_the_weighted_sum(session) -> None:
    direct = wsm(session.matrix.values, session.weights.to_numpy(), session.matrix.types)
    assert session.ranks["wsm"].tolist() == direct.ranks.tolist()


def test_table_is_sorted_and_explained(session) -> None:
    table = session.table()
    assert table["rank"].tolist() == sorted(table["rank"])
    assert {"p_top10", "rank_min", "rank_max", "rank_consensus", "reasons"} <= set(table)
    assert (table["rank_min"] >= 1).all() and (table["rank_max"] <= 23).all()
    assert table["reasons"].str.len().gt(0).all()


def test_contributions_add_up_to_scores(session) -> None:
    contributions = session.contributions.sum(axis=1)
    assert contributions.to_numpy() == pytest.approx(session.scores["wsm"].to_numpy())


def test_acceptability_rows_sum_to_one(session) -> None:
    acc = session.acceptability
    assert acc.shape == (23, 23)
    assert acc.sum(axis=1).to_numpy() == pytest.approx(np.ones(23))


def test_same_seed_same_numbers(profile, scorecard, consultation, experts) -> None:
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    a = prioritize(matrix, samples=500, seed=1)
    b = prioritize(matrix, samples=500, seed=1)
    pd.testing.assert_frame_equal(a.acceptability, b.acceptability)
    assert a.settings["seed"] == 1 and a.settings["samples"] == 500


def test_reference_comparison(session) -> None:
    comparison = session.reference_comparison()
    assert comparison["k"] == 10
    assert len(comparison["top_k"]) == 10
    assert comparison["overlap"] == len(comparison["in_both"])
    assert comparison["precision"] == comparison["overlap"] / 10
    assert comparison["recall"] == comparison["overlap"] / 13
    assert set(comparison["in_both"]) | set(comparison["top_k_not_in_reference"]) == set(
        comparison["top_k"]
    )


def test_explain_traces_the_gap_to_indicators(session) -> None:
    explanation = session.explain(7)
    assert explanation["objective"] == "GCM07"
    assert explanation["gap_indicators"] == "D1.1.1, D2.1.1"
    assert set(explanation["ranks"]) == {"wsm", "topsis", "vikor", "promethee_ii"}


def test_correlations_are_symmetric_for_spearman(session) -> None:
    corr = session.correlations("spearman")
    assert np.allclose(corr.to_numpy(), corr.to_numpy().T)
    assert np.allclose(np.diag(corr), 1.0)


def test_settings_name_every_convention(session) -> None:
    settings = session.settings
    for key in ("methods", "primary", "tie_rule", "samples", "seed", "sampler", "top_k"):
        assert key in settings
    assert settings["method_settings"]["vikor"]["v"] == 0.5
    assert settings["method_settings"]["topsis"]["normalization"] == "vector"


def test_reference_weights(session) -> None:
    table = session.reference_weights()
    assert list(table.columns) == ["agreed", "profile_default", "entropy", "critic"]
    assert table.sum().to_numpy() == pytest.approx(np.ones(4))
    assert not table.isna().any().any()


def test_consensus_across_participants(profile, scorecard, consultation, experts) -> None:
    """Two members with opposite points (all on the gap vs all on the stakeholders) rank the
    objectives by the gap and by the consultation; their Borda consensus weighs both."""
    from mgi.priorities import Judgement, combine_judgements

    codes = profile.codes
    gap_only = pd.Series({c: 100.0 if c == "gap" else 0.0 for c in codes})
    people_only = pd.Series({c: 100.0 if c == "stakeholders" else 0.0 for c in codes})
    agreed = combine_judgements(
        [Judgement("A", "points", gap_only), Judgement("B", "points", people_only)], codes
    )
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    p = prioritize(matrix, agreed, samples=500, seed=2)
    ranks = p.participant_ranks()
    assert list(ranks.columns) == ["A", "B"]
    by_gap = matrix.values["gap"].rank(ascending=False, method="min").astype(int)
    assert ranks["A"].tolist() == by_gap.tolist()
    consensus = p.participant_consensus()
    assert sorted(consensus["borda_rank"].unique())[0] == 1
    assert "rank_participants" in p.table()


# ---------------------------------------------------------------------------------------------
# computed once, handed out read-only
# ---------------------------------------------------------------------------------------------


def test_tables_are_computed_once_and_handed_out_as_copies(session, monkeypatch) -> None:
    """table(), participant ranks and correlations re-run nothing, and changing what they
    return changes nothing inside."""
    from mgi.prioritization import Method

    def no_rerun(*args, **kwargs):
        raise AssertionError("a ranking method ran again after prioritize()")

    monkeypatch.setattr(Method, "rank", no_rerun)
    for _ in range(2):
        table = session.table()
        session.participant_ranks()
        session.participant_consensus()
        session.correlations("kendall")
        session.reference_weights()
    before = session.table().copy()
    table.loc[:, "rank"] = 0
    handed_out = [
        session.ranks,
        session.scores,
        session.consensus,
        session.contributions,
        session.rank_range,
        session.matrix.gap_detail,
        session.agreed.participants,
    ]
    for frame in handed_out:
        frame[frame.columns[0]] = 0
    weights = session.weights
    weights.iloc[0] = 99.0
    session.settings["samples"] = 1
    pd.testing.assert_frame_equal(session.table(), before)
    assert session.settings["samples"] == 2000
    assert (session.ranks.to_numpy() > 0).all()
    assert session.weights.sum() == pytest.approx(1.0)


def test_results_are_read_only(session) -> None:
    import dataclasses

    with pytest.raises(TypeError):
        session.results["wsm"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        session.smaa["wsm"] = None  # type: ignore[index]
    with pytest.raises(ValueError, match="read-only"):
        session.results["wsm"].scores[0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        session.smaa["wsm"].acceptability[0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        session.reference = ()  # type: ignore[misc]
    rank_range = session.smaa["wsm"].rank_range
    rank_range["min"] = 99
    assert session.smaa["wsm"].rank_range.iloc[0, 0] != 99


def test_warnings_are_catalogue_issues(profile, scorecard, consultation, experts) -> None:
    """A criterion that cannot discriminate and tied objectives are reported with rules."""
    experts = experts.copy()
    experts.loc[experts["criterion"] == "alignment", "rating"] = 3  # constant criterion
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    p = prioritize(matrix, samples=300, seed=2)
    rules = {issue.rule for issue in p.issues}
    assert {"priorities.criterion_constant", "mcda.constant_criterion"} <= rules
    assert "mcda.smaa_never_first" not in rules  # normal; shown as central weights of zero
    assert p.warnings == tuple(issue.message for issue in p.issues)
    assert all(issue.severity == "warning" for issue in p.issues)


def test_weights_that_miss_a_criterion_are_refused_by_rule(
    profile, scorecard, consultation, experts
):
    from mgi.errors import InputError

    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    with pytest.raises(InputError) as info:
        prioritize(matrix, pd.Series({"gap": 1.0}), samples=100)
    assert info.value.rule == "priorities.weights_missing"
    with pytest.raises(InputError) as info:
        prioritize(matrix, samples=100, methods=["wsm", "electre"])
    assert info.value.rule == "mcda.unknown_method"


def test_profile_weights_of_1e308_rank_like_equal_weights(
    profile, scorecard, consultation, experts
) -> None:
    """Weights are relative: a Series of 1e308 on every criterion is the same as 1 on each."""
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    huge = prioritize(matrix, pd.Series(1e308, index=profile.codes), samples=200, seed=1)
    ones = prioritize(matrix, pd.Series(1.0, index=profile.codes), samples=200, seed=1)
    pd.testing.assert_frame_equal(huge.ranks, ones.ranks)
    assert huge.weights.tolist() == pytest.approx([1 / 6] * 6)
