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
    """The session's weighted sum normalises each criterion on its declared scale."""
    direct = wsm(
        session.matrix.values,
        session.weights.to_numpy(),
        session.matrix.types,
        normalization="scale",
        bounds=list(session.matrix.scales.values()),
    )
    assert session.ranks["wsm"].tolist() == direct.ranks.tolist()


def test_table_is_sorted_and_explained(session) -> None:
    table = session.table()
    assert table["rank"].tolist() == sorted(table["rank"])
    assert {"p_top10", "rank_min", "rank_max", "rank_consensus", "reasons"} <= set(table)
    assert (table["rank_min"] >= 1).all() and (table["rank_max"] <= 23).all()
    assert table["reasons"].str.len().gt(0).all()


TABLE_HEAD = [
    "rank",
    "short_label",
    "rank_methods_min",
    "rank_methods_max",
    "p_top10",
    "rank_min",
    "rank_max",
    "p_top10_weights",
    "rank_min_weights",
    "rank_max_weights",
    "p_top10_data",
    "rank_min_data",
    "rank_max_data",
    "p_top10_methods",
]


def test_table_leads_with_the_consensus_the_range_across_methods_and_all_sources(
    session,
) -> None:
    table = session.table()
    assert list(table.columns[: len(TABLE_HEAD)]) == TABLE_HEAD
    assert (table["rank"] == session.consensus["borda_rank"].reindex(table.index)).all()
    ranks = session.ranks.reindex(table.index)
    assert (table["rank_methods_min"] == ranks.min(axis=1)).all()
    assert (table["rank_methods_max"] == ranks.max(axis=1)).all()
    methods_share = (ranks <= 10).mean(axis=1)
    assert table["p_top10_methods"].tolist() == methods_share.tolist()
    assert (
        table["p_top10_weights"].tolist()
        == session.top_k_probability["wsm"].reindex(table.index).tolist()
    )
    for column in ("p_top10", "p_top10_weights", "p_top10_data", "p_top10_methods"):
        assert table[column].between(0, 1).all()
        assert table[column].sum() == pytest.approx(10.0)  # ten places, no ties at rank 10


def test_uncertainty_sources_are_recorded(session) -> None:
    assert list(session.uncertainty) == ["weights", "data", "methods", "all"]
    every = session.uncertainty["all"]
    assert every.sources == ("weights", "data", "method")
    assert sum(every.method_samples.values()) == every.samples
    assert len(set(every.method_samples.values())) == 1  # equal shares of the methods
    assert "respondents" in session.settings["uncertainty"]["data"]
    accept = session.acceptability_of("data")
    assert accept.sum(axis=1).to_numpy() == pytest.approx(np.ones(23))


def test_reasons_go_both_ways_with_the_numbers(session) -> None:
    """The last objective is held back by something, the first lifted; lifts are the
    contribution minus the mean contribution of the criterion."""
    table = session.table()
    last = table.index[-1]
    explained = session.explain(last)
    assert explained["holds_back"], "the lowest-ranked objective is held back by something"
    contributions = session.contributions
    worst = explained["holds_back"][0]
    lift = contributions.loc[last, worst["criterion"]] - contributions[worst["criterion"]].mean()
    assert worst["lift"] == pytest.approx(lift) and worst["lift"] < 0
    assert worst["value"] == pytest.approx(session.matrix.values.loc[last, worst["criterion"]])
    assert "held back by" in table.loc[last, "reasons"]
    assert table.loc[last, "holds_back"].startswith(worst["label"])
    first = session.explain(table.index[0])
    assert all(f["lift"] > 0 for f in first["lifts"])


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


@pytest.mark.parametrize("lock", [{}, {"GCM04": "agreed by the working group"}])
def test_the_sampling_runs_side_by_side_give_the_numbers_of_one_after_the_other(
    profile, scorecard, consultation, experts, monkeypatch, lock
) -> None:
    from mgi.priorities.whatif import WhatIf

    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    runs = {}
    for threads in ("1", "3"):
        monkeypatch.setenv("MGI_THREADS", threads)
        runs[threads] = prioritize(matrix, samples=400, seed=3, whatif=WhatIf(lock=lock))
    one, three = runs["1"], runs["3"]
    pd.testing.assert_frame_equal(one.acceptability, three.acceptability, check_exact=True)
    pd.testing.assert_frame_equal(one.table(), three.table(), check_exact=True)
    for source in ("weights", "data", "methods", "all"):
        a, b = one.uncertainty[source], three.uncertainty[source]
        assert np.array_equal(a.acceptability, b.acceptability)
        assert np.array_equal(a.top_k_probability, b.top_k_probability)


def test_reference_comparison(session) -> None:
    comparison = session.reference_comparison()
    assert comparison["k"] == 10
    top = comparison["top_k"]
    assert len(top) >= 10  # more than ten when the consensus ties at rank 10
    assert set(top) == set(session.consensus.index[session.consensus["borda_rank"] <= 10])
    assert comparison["overlap"] == len(comparison["in_both"])
    assert comparison["precision"] == comparison["overlap"] / len(top)
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
    assert settings["method_settings"]["topsis"]["normalization"] == "scale"
    assert settings["method_settings"]["vikor"]["reference"] == "scale"
    assert settings["scales"]["gap"] == [0.0, 100.0]


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
    experts.loc[experts["criterion"] == "eu_accession", "rating"] = 3  # constant criterion
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
    assert huge.weights.tolist() == pytest.approx([1 / 7] * 7)


# ---------------------------------------------------------------------------------------------
# what-if: weights overridden, objectives left out or locked
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def matrix(profile, scorecard, consultation, experts):
    return build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )


def test_a_weight_override_is_points_out_of_the_agreed_hundred(matrix) -> None:
    from mgi.priorities.whatif import WhatIf

    p = prioritize(matrix, samples=200, seed=1, whatif=WhatIf(weights={"gap": 40}))
    defaults = matrix.profile.default_weights() * 100
    expected = defaults.copy()
    expected["gap"] = 40
    assert p.weights.to_dict() == pytest.approx((expected / expected.sum()).to_dict())
    assert p.settings["weight_overrides"] == {"gap": 40.0}
    assert "gap=40" in p.agreed.rule
    assert p.provenance()["setting_weight_overrides"] == {"gap": 40.0}


def test_an_excluded_objective_is_not_ranked_and_its_reason_is_kept(matrix) -> None:
    from mgi.priorities.whatif import WhatIf

    p = prioritize(
        matrix, samples=200, seed=1, whatif=WhatIf(exclude={"GCM08": "covered elsewhere"})
    )
    assert "GCM08" not in p.table().index and len(p.table()) == 22
    assert sorted(p.ranks["wsm"]) == list(range(1, 23))
    assert p.excluded == {"GCM08": "covered elsewhere"}
    assert p.explain("GCM08") == {
        "objective": "GCM08",
        "title": p.explain("GCM08")["title"],
        "excluded": True,
        "reason": "covered elsewhere",
    }
    assert p.acceptability_of("all").shape == (22, 22)
    full = prioritize(matrix, samples=200, seed=1)
    others = full.scores["wsm"].drop("GCM08")
    assert p.scores["wsm"].tolist() == pytest.approx(others.tolist())  # scale: nothing moves


def test_a_locked_objective_is_always_in_the_priority_set(matrix) -> None:
    from mgi.priorities.whatif import WhatIf

    free = prioritize(matrix, samples=300, seed=1)
    last = free.table().index[-1]
    p = prioritize(matrix, samples=300, seed=1, whatif=WhatIf(lock={last: "legal obligation"}))
    table = p.table()
    assert table.index[0] == last and table.loc[last, "rank"] == 1
    assert (p.ranks.loc[last] == 1).all()
    for column in ("p_top10", "p_top10_weights", "p_top10_data", "p_top10_methods"):
        assert table.loc[last, column] == 1.0
    assert p.locked == {last: "legal obligation"}
    assert table["locked"].sum() == 1


def test_what_if_settings_are_checked(matrix) -> None:
    from mgi.errors import InputError
    from mgi.priorities.whatif import WhatIf, parse_objectives, parse_weights

    cases = [
        (
            lambda: prioritize(matrix, samples=100, whatif=WhatIf(weights={"joy": 3})),
            "priorities.override_unknown",
        ),
        (lambda: parse_weights(["gap=-1"]), "priorities.override_invalid"),
        (lambda: parse_weights(["gap"]), "priorities.override_invalid"),
        (lambda: parse_objectives(["GCM24"]), "priorities.objective_unknown"),
        (
            lambda: prioritize(
                matrix, samples=100, whatif=WhatIf(exclude={"GCM01": ""}, lock={"GCM01": ""})
            ),
            "priorities.exclude_and_lock",
        ),
        (
            lambda: prioritize(
                matrix,
                samples=100,
                whatif=WhatIf(exclude={f"GCM{i:02d}": "" for i in range(1, 23)}),
            ),
            "priorities.too_few_left",
        ),
    ]
    for call, rule in cases:
        with pytest.raises(InputError) as info:
            call()
        assert info.value.rule == rule
