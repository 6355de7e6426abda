"""Tests of criterion weights: ROC, direct points, entropy, CRITIC and AHP (single and group)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.prioritization import (
    ahp,
    ahp_group,
    critic_weights,
    direct_weights,
    entropy_weights,
    roc_weights,
)
from tests.prioritization._rules import raises_rule

# ---------------------------------------------------------------------------------------------
# ROC and direct weights
# ---------------------------------------------------------------------------------------------


def test_roc_barron_barrett_1996_n4():
    """Barron, F.H. & Barrett, B.E. (1996), "Decision quality using ranked attribute weights",
    Management Science 42(11):1515-1523, table of ROC weights: n = 4 gives
    0.5208, 0.2708, 0.1458, 0.0625 (published to 4 decimals)."""
    w = roc_weights([1, 2, 3, 4])
    np.testing.assert_allclose(w, [0.5208, 0.2708, 0.1458, 0.0625], atol=5e-5)
    assert w.sum() == pytest.approx(1.0)


def test_roc_follows_the_input_order():
    w = roc_weights([3, 1, 4, 2])
    np.testing.assert_allclose(w, [0.1458, 0.5208, 0.0625, 0.2708], atol=5e-5)


def test_roc_ties_share_the_average_of_their_positions():
    """Hand-worked: n = 4, ranks [1, 2, 2, 4]: positions 2 and 3 are shared, each criterion gets
    (0.2708 + 0.1458) / 2 = 0.2083; the others keep 0.5208 and 0.0625; the sum stays 1."""
    w = roc_weights([1, 2, 2, 4])
    base = roc_weights([1, 2, 3, 4])
    shared = (base[1] + base[2]) / 2
    np.testing.assert_allclose(w, [base[0], shared, shared, base[3]])
    np.testing.assert_allclose(shared, 0.2083, atol=5e-5)
    assert w.sum() == pytest.approx(1.0)


def test_roc_labelled_input_gives_a_series():
    w = roc_weights(pd.Series([2, 1], index=["D1", "D2"]))
    assert isinstance(w, pd.Series)
    assert w["D2"] == pytest.approx(0.75)


def test_direct_weights_normalise_and_accept_zero():
    np.testing.assert_allclose(direct_weights([50, 30, 20, 0]), [0.5, 0.3, 0.2, 0.0])


@pytest.mark.parametrize(
    ("points", "rule"),
    [
        ([0, 0, 0], "mcda.weights_all_zero"),
        ([1, -1, 2], "mcda.weights_negative"),
        ([1, np.nan], "mcda.weights_not_finite"),
        ([1, np.inf], "mcda.weights_not_finite"),
        (["a", 1], "mcda.weights_not_numeric"),
    ],
)
def test_direct_weights_reject_bad_points(points, rule):
    with raises_rule(rule):
        direct_weights(points)


def test_direct_weights_are_relative_even_at_1e308():
    """Points of 1e308 each are summed after scaling: equal weights, not zeros or NaN."""
    np.testing.assert_array_equal(direct_weights([1e308] * 4), [0.25] * 4)
    np.testing.assert_allclose(direct_weights([1e308, 3e307]), [1 / 1.3, 0.3 / 1.3])
    np.testing.assert_allclose(direct_weights([5e-324, 5e-324]), [0.5, 0.5])


# ---------------------------------------------------------------------------------------------
# entropy and CRITIC
# ---------------------------------------------------------------------------------------------


def test_entropy_hand_worked():
    """Hand-worked example (no published numbers were located for the engine's conventions).

    Columns: constant [2, 2, 2] -> p = 1/3 each, E = 1; [1, 2, 3] -> p = 1/6, 2/6, 3/6,
    E = -(1/ln 3)(1/6 ln 1/6 + 1/3 ln 1/3 + 1/2 ln 1/2) = 1.011404 / 1.098612 = 0.920620;
    [0, 0, 5] -> p = 0, 0, 1 (0 ln 0 = 0), E = 0. Divergences 1 - E = 0, 0.079380, 1;
    weights = 0, 0.079380 / 1.079380 = 0.073542, 1 / 1.079380 = 0.926458.
    """
    w = entropy_weights([[2, 1, 0], [2, 2, 0], [2, 3, 5]])
    np.testing.assert_allclose(w, [0.0, 0.073542, 0.926458], atol=1e-6)


def test_entropy_rejects_negative_and_all_constant():
    with raises_rule("mcda.entropy_negative"):
        entropy_weights([[1, -1], [2, 3]])
    with raises_rule("mcda.objective_weights_undefined"):
        entropy_weights([[1, 1], [1, 1]])
    with raises_rule("mcda.too_few_alternatives"):
        entropy_weights([[1, 2]])
    with raises_rule("mcda.too_few_alternatives"):
        critic_weights([[1, 2]])
    with raises_rule("mcda.objective_weights_undefined"):
        critic_weights([[1, 1], [1, 1]])
    with raises_rule("mcda.ranking_invalid"):
        roc_weights([1, np.nan])


def test_critic_hand_worked():
    """Hand-worked CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995 procedure; their paper's
    table could not be retrieved, so the arithmetic is given here).

    X = [[1, 2, 3], [2, 1, 3], [3, 3, 1]], all benefit. Min-max: c1 = (0, .5, 1),
    c2 = (.5, 0, 1), c3 = (1, 1, 0). Sample sigma: .5, .5, sqrt(1/3) = .577350. Pearson:
    r12 = .5, r13 = r23 = -.866025. C1 = C2 = .5 (0.5 + 1.866025) = 1.183013;
    C3 = .577350 * 2 * 1.866025 = 2.154701; sum 4.520726 -> w = .261686, .261686, .476627.
    """
    w = critic_weights([[1, 2, 3], [2, 1, 3], [3, 3, 1]])
    np.testing.assert_allclose(w, [0.261686, 0.261686, 0.476627], atol=1e-6)
    # ddof rescales every sigma equally, so the weights do not change.
    np.testing.assert_allclose(critic_weights([[1, 2, 3], [2, 1, 3], [3, 3, 1]], ddof=0), w)


def test_critic_constant_column_gets_zero_without_nan():
    df = pd.DataFrame({"a": [1, 2, 3], "b": [5, 5, 5], "c": [3, 1, 2]})
    w = critic_weights(df, types=["benefit", "benefit", "cost"])
    assert isinstance(w, pd.Series)
    assert w["b"] == 0.0
    assert np.isfinite(w).all() and w.sum() == pytest.approx(1.0)


# ---------------------------------------------------------------------------------------------
# AHP
# ---------------------------------------------------------------------------------------------

DRINKS = [  # coffee, wine, tea, beer, sodas, milk, water
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]

LEADER = [  # experience, education, charisma, age
    [1, 4, 3, 7],
    [1 / 4, 1, 1 / 3, 3],
    [1 / 3, 3, 1, 5],
    [1 / 7, 1 / 3, 1 / 5, 1],
]


def test_ahp_saaty_drinks_example():
    """Saaty, T.L. (2008), "Decision making with the analytic hierarchy process",
    Int. J. Services Sciences 1(1):83-98, table "Which drink is consumed more in the U.S.?":
    derived eigenvector 0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327 (3 decimals)."""
    r = ahp(DRINKS)
    np.testing.assert_allclose(
        r.weights, [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], atol=5e-4
    )
    assert r.consistent and r.worst_judgement is None
    assert r.ri == 1.32 and r.ri_table == "saaty1980"


def test_ahp_leader_example():
    """AHP "choosing a leader" example (Wikipedia, "Analytic hierarchy process – leader
    example", criteria matrix after Saaty's method): priorities Experience .547,
    Education .127, Charisma .270, Age .056 and CR = 0.044. The engine's eigenvector gives
    0.5476 for Experience, i.e. the published value is truncated, so the tolerance is 1e-3."""
    r = ahp(LEADER)
    np.testing.assert_allclose(r.weights, [0.547, 0.127, 0.270, 0.056], atol=1e-3)
    assert r.cr == pytest.approx(0.044, abs=5e-4)
    assert r.lambda_max_method == "principal eigenvalue"


@pytest.mark.parametrize("method", ["geometric", "colnorm"])
def test_ahp_approximate_methods_record_their_lambda(method):
    A = np.array(LEADER)
    r = ahp(A, method=method)
    w = np.asarray(r.weights)
    assert r.lambda_max == pytest.approx(np.mean(A @ w / w))
    assert "mean of (A w)_i / w_i" in r.lambda_max_method
    np.testing.assert_allclose(r.weights, ahp(A).weights, atol=0.01)


def test_ahp_consistent_matrix_has_zero_cr_and_exact_weights():
    r = ahp([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    np.testing.assert_allclose(r.weights, [4 / 7, 2 / 7, 1 / 7])
    assert r.lambda_max == pytest.approx(3.0)
    assert r.cr == pytest.approx(0.0, abs=1e-12)


def test_ahp_ri_tables_and_small_n():
    assert ahp([[1, 3], [1 / 3, 1]]).cr == 0.0
    assert ahp([[1]]).weights.tolist() == [1.0]
    r80 = ahp(LEADER, ri="saaty1980")
    r12 = ahp(LEADER, ri="saaty2012")
    assert r80.ri == 0.90 and r12.ri == 0.89
    assert r12.cr == pytest.approx(r80.ci / 0.89)


def test_ahp_inconsistent_matrix_names_the_worst_judgement():
    """A circular judgement set (1 > 2 > 3 > 1) is inconsistent; the worst judgement is the one
    with the largest |log(a_ij w_j / w_i)|, and using the suggested value lowers the CR."""
    A = np.array([[1, 3, 1 / 5, 2], [1 / 3, 1, 3, 1], [5, 1 / 3, 1, 1], [1 / 2, 1, 1, 1]])
    r = ahp(A)
    assert not r.consistent and r.cr > 0.10
    wj = r.worst_judgement
    i, j = wj["i"], wj["j"]
    w = np.asarray(r.weights)
    dev = np.abs(np.log(A * w[None, :] / w[:, None]))
    assert dev[i, j] == pytest.approx(dev.max())
    assert wj["consistent_value"] == pytest.approx(w[i] / w[j])
    assert wj["nearest_saaty_value"] in {float(k) for k in range(1, 10)} | {
        1 / k for k in range(2, 10)
    }
    B = A.copy()
    B[i, j], B[j, i] = wj["consistent_value"], 1 / wj["consistent_value"]
    assert ahp(B).cr < r.cr


@pytest.mark.parametrize(
    ("matrix", "rule"),
    [
        ([[1, 3], [3, 1]], "mcda.pairwise_not_reciprocal"),
        ([[2, 3], [1 / 3, 1]], "mcda.pairwise_diagonal"),
        ([[1, -3], [-1 / 3, 1]], "mcda.pairwise_not_positive"),
        ([[1, 2, 3], [1 / 2, 1, 1]], "mcda.pairwise_shape"),
        ([[1, "x"], [1, 1]], "mcda.pairwise_not_numeric"),
        (np.ones((16, 16)), "mcda.pairwise_too_large"),
    ],
)
def test_ahp_rejects_bad_matrices(matrix, rule):
    with raises_rule(rule):
        ahp(matrix)


def test_ahp_group_errors():
    with raises_rule("mcda.group_empty"):
        ahp_group([])
    with raises_rule("mcda.group_sizes"):
        ahp_group([np.ones((2, 2)), np.ones((3, 3))])
    with raises_rule("mcda.wrong_count"):
        ahp_group([np.ones((2, 2))], participants=["A", "B"])


def test_ahp_reciprocity_tolerance_accepts_rounded_entries():
    r = ahp([[1, 3, 5], [0.33, 1, 2], [0.2, 0.5, 1]])
    assert r.matrix[1, 0] == pytest.approx(1 / 3)


def test_ahp_unknown_ri_and_method():
    with raises_rule("mcda.setting_invalid"):
        ahp(LEADER, ri="tummala")
    with raises_rule("mcda.setting_invalid"):
        ahp(LEADER, method="lls")


def test_ahp_group_aij_geometric_mean():
    """AIJ: the group judgement is the weighted geometric mean, e.g. sqrt(2 * 8) = 4; with
    row-geometric-mean priorities AIJ and AIP (geometric mean of priorities) coincide."""
    A1 = np.array(LEADER)
    A2 = np.array([row[:4] for row in DRINKS[:4]])
    g = ahp_group([A1, A2], participant_weights=[3, 1], method="geometric")
    np.testing.assert_allclose(g.group.matrix, A1**0.75 * A2**0.25)
    aip = np.exp(
        0.75 * np.log(ahp(A1, "geometric").weights) + 0.25 * np.log(ahp(A2, "geometric").weights)
    )
    np.testing.assert_allclose(g.weights, aip / aip.sum())
    assert list(g.distances.columns) == ["weight", "cr", "consistent", "euclidean", "gci"]
    assert g.distances["weight"].tolist() == [0.75, 0.25]
    assert (g.distances["gci"] >= 1.0 - 1e-12).all()


def test_ahp_group_identical_participants_have_zero_distance():
    g = ahp_group([LEADER, LEADER, LEADER])
    np.testing.assert_allclose(g.weights, ahp(LEADER).weights)
    np.testing.assert_allclose(g.distances["euclidean"], 0.0, atol=1e-12)
    np.testing.assert_allclose(g.distances["gci"], 1.0)
