"""Tests of the ranking methods (WSM, TOPSIS, VIKOR, PROMETHEE II) and of ``rank``."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mgi.prioritization import (
    promethee_ii,
    rank,
    topsis,
    vikor,
    wsm,
)
from tests.prioritization._rules import raises_rule, rules

SMALL = [[1, 10], [2, 30], [3, 20]]
SMALL_TYPES = ["benefit", "cost"]
METHODS = {"wsm": wsm, "topsis": topsis, "vikor": vikor, "promethee_ii": promethee_ii}

# ---------------------------------------------------------------------------------------------
# rank and tie rules
# ---------------------------------------------------------------------------------------------


def test_rank_tie_rules():
    s = [0.5, 0.9, 0.5, 0.1]
    assert rank(s).tolist() == [2, 1, 2, 4]  # "1224"
    assert rank(s, tie_rule="dense").tolist() == [2, 1, 2, 3]
    assert rank(s, tie_rule="ordinal").tolist() == [2, 1, 3, 4]
    assert rank(s, higher_is_better=False).tolist() == [2, 4, 2, 1]


def test_rank_tolerance_keeps_floating_noise_tied():
    a = 0.1 + 0.2
    assert rank([a, 0.3, 0.2]).tolist() == [1, 1, 3]


def test_rank_rejects_unknown_rule_and_nan():
    with raises_rule("mcda.setting_invalid"):
        rank([1, 2], tie_rule="average")
    with raises_rule("mcda.scores_not_finite"):
        rank([1, np.nan])


# ---------------------------------------------------------------------------------------------
# published and hand-worked examples
# ---------------------------------------------------------------------------------------------

FIGHTER = [  # max speed, ferry range, max payload, cost, reliability, maneuverability
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]
FIGHTER_W = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
FIGHTER_T = ["benefit", "benefit", "benefit", "cost", "benefit", "benefit"]


def test_topsis_hwang_yoon_1981_fighter_aircraft():
    """Hwang, C.-L. & Yoon, K. (1981), Multiple Attribute Decision Making: Methods and
    Applications, Springer, fighter-aircraft example (pp. 131-133): relative closeness
    C* = 0.643, 0.268, 0.613, 0.312, ranking A1 > A3 > A4 > A2. The book rounds intermediate
    tables to 4 decimals; the exact computation gives 0.6135 for A3, hence atol = 1e-3."""
    r = topsis(FIGHTER, FIGHTER_W, FIGHTER_T)
    np.testing.assert_allclose(r.scores, [0.643, 0.268, 0.613, 0.312], atol=1e-3)
    assert r.ranks.tolist() == [1, 4, 2, 3]
    assert r.settings["normalization"] == "vector"


def test_wsm_hand_worked():
    """Hand-worked: min-max with cost reversed. C1 (benefit) 1, 2, 3 -> 0, .5, 1;
    C2 (cost) 10, 30, 20 -> 1, 0, .5. S = .5 r1 + .5 r2 = .5, .25, .75 -> ranks 2, 3, 1."""
    r = wsm(SMALL, [1, 1], SMALL_TYPES)
    np.testing.assert_allclose(r.scores, [0.5, 0.25, 0.75])
    assert r.ranks.tolist() == [2, 3, 1]
    assert r.settings["normalization"] == "minmax"


def test_vikor_hand_worked():
    """Hand-worked VIKOR (the Opricovic & Tzeng 2004 table could not be retrieved).

    f* = (3, 10), f- = (1, 30). Terms w_j (f*_j - f_ij)/(f*_j - f-_j) with w = (.5, .5):
    A1 (.5, 0), A2 (.25, .5), A3 (0, .25). S = .5, .75, .25; R = .5, .5, .25.
    S* = .25, S- = .75, R* = .25, R- = .5; Q (v = .5) = .5 (S - .25)/.5 + .5 (R - .25)/.25
    = .75, 1, 0. Compromise: a1 = A3, a2 = A1, DQ = 1/(3-1) = .5, Q(a2) - Q(a1) = .75 >= .5
    (C1) and A3 is best by S (C2) -> {A3}.
    """
    r = vikor(SMALL, [0.5, 0.5], SMALL_TYPES)
    np.testing.assert_allclose(r.S, [0.5, 0.75, 0.25])
    np.testing.assert_allclose(r.R, [0.5, 0.5, 0.25])
    np.testing.assert_allclose(r.Q, [0.75, 1.0, 0.0])
    np.testing.assert_allclose(r.scores, r.Q)
    assert r.ranks.tolist() == [2, 3, 1]
    assert r.compromise == ("A3",)
    c = r.compromise_conditions
    assert c["acceptable_advantage"] and c["acceptable_stability"]
    assert c["DQ"] == pytest.approx(0.5) and c["advantage"] == pytest.approx(0.75)
    assert r.settings["v"] == 0.5 and r.settings["higher_is_better"] is False


def test_vikor_compromise_set_when_advantage_fails():
    """Hand-worked: benefit criteria, equal weights, f* = (10, 10), f- = (0, 0).
    A3 (6, 6): S = .4, R = .2; A4 (5.8, 5.8): S = .42, R = .21; A1, A2: S = .5, R = .5.
    Q(A3) = 0, Q(A4) = .5 (.02/.1) + .5 (.01/.3) = .116667 < DQ = 1/3, Q(A1) = Q(A2) = 1:
    C1 fails -> compromise set {A3, A4}."""
    X = [[10, 0], [0, 10], [6, 6], [5.8, 5.8]]
    r = vikor(X, [1, 1], ["benefit", "benefit"])
    np.testing.assert_allclose(r.Q, [1, 1, 0, 0.116667], atol=1e-6)
    assert r.compromise == ("A3", "A4")
    assert not r.compromise_conditions["acceptable_advantage"]


def test_promethee_usual_hand_worked():
    """Hand-worked PROMETHEE II, usual criterion. C1 (benefit 1, 2, 3): A3 beats A1, A2; A2
    beats A1. C2 (cost 10, 30, 20): A1 beats A2, A3; A3 beats A2. Divided by m - 1 = 2:
    unicriterion net flows C1 = (-1, 0, 1), C2 = (1, -1, 0); with w = (.5, .5):
    phi+ = (.5, .25, .75), phi- = (.5, .75, .25), net = (0, -.5, .5)."""
    r = promethee_ii(SMALL, [0.5, 0.5], SMALL_TYPES)
    np.testing.assert_allclose(r.flows, [[-1, 1], [0, -1], [1, 0]])
    np.testing.assert_allclose(r.phi_plus, [0.5, 0.25, 0.75])
    np.testing.assert_allclose(r.phi_minus, [0.5, 0.75, 0.25])
    np.testing.assert_allclose(r.net, [0, -0.5, 0.5])
    assert r.ranks.tolist() == [2, 3, 1]


def test_promethee_preference_functions_hand_worked():
    """Hand-worked on C1 = (1, 2, 3) (benefit) with one criterion:
    linear q = .5, p = 1.5: P(d=1) = (1 - .5)/1 = .5, P(d=2) = 1 ->
    phi+ = (0, .25, .75), phi- = (.75, .25, 0).
    gaussian s = 1: P(1) = 1 - e^-0.5 = .393469, P(2) = 1 - e^-2 = .864665 ->
    phi+(A3) = (.864665 + .393469)/2 = .629067.
    level q = .5, p = 1.5: P(1) = .5, P(2) = 1 (same as linear here).
    ushape q = 1: P(1) = 0, P(2) = 1 -> net = (-.5, 0, .5).
    vshape p = 4: P(d) = d/4 -> phi+(A3) = (.5 + .25)/2 = .375."""
    X = [[1], [2], [3]]
    r = promethee_ii(X, [1], ["benefit"], functions="linear", q=0.5, p=1.5)
    np.testing.assert_allclose(r.phi_plus, [0, 0.25, 0.75])
    np.testing.assert_allclose(r.phi_minus, [0.75, 0.25, 0])
    r = promethee_ii(X, [1], ["benefit"], functions="gaussian", s=1)
    assert r.phi_plus[2] == pytest.approx(0.629067, abs=1e-6)
    r = promethee_ii(X, [1], ["benefit"], functions="level", q=0.5, p=1.5)
    np.testing.assert_allclose(r.phi_plus, [0, 0.25, 0.75])
    r = promethee_ii(X, [1], ["benefit"], functions="ushape", q=1)
    np.testing.assert_allclose(r.net, [-0.5, 0, 0.5])
    r = promethee_ii(X, [1], ["benefit"], functions="vshape", p=4)
    assert r.phi_plus[2] == pytest.approx(0.375)
    assert r.settings["preference_functions"][0] == {
        "criterion": "C1",
        "function": "vshape",
        "p": 4.0,
    }


def test_promethee_net_flows_sum_to_zero_and_are_linear_in_w():
    rng = np.random.default_rng(3)
    X = rng.random((9, 4))
    w = np.array([0.1, 0.2, 0.3, 0.4])
    r = promethee_ii(
        X,
        w,
        [1, -1, 1, -1],
        functions=["usual", "linear", "vshape", "gaussian"],
        q=[None, 0.1, None, None],
        p=[None, 0.4, 0.3, None],
        s=[None, None, None, 0.2],
    )
    assert r.net.sum() == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(r.net, np.asarray(r.flows) @ w)
    np.testing.assert_allclose(r.net, r.phi_plus - r.phi_minus)


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"functions": "triangle"}, "mcda.setting_invalid"),
        ({"functions": "linear", "q": 1, "p": 0.5}, "mcda.preference_thresholds"),
        ({"functions": "vshape"}, "mcda.preference_parameter_missing"),
        ({"functions": ["usual"]}, "mcda.wrong_count"),
        ({"functions": "linear", "q": -1, "p": 2}, "mcda.setting_invalid"),
        ({"functions": "gaussian", "s": 0}, "mcda.setting_invalid"),
    ],
)
def test_promethee_rejects_bad_settings(kwargs, rule):
    with raises_rule(rule):
        promethee_ii(SMALL, [1, 1], SMALL_TYPES, **kwargs)


# ---------------------------------------------------------------------------------------------
# result objects and edge cases
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(METHODS))
def test_dataframe_labels_frozen_result_and_frame(name):
    df = pd.DataFrame(SMALL, index=["GCM01", "GCM02", "GCM03"], columns=["D1", "D2"])
    r = METHODS[name](df, [0.5, 0.5], SMALL_TYPES)
    assert r.alternatives == ("GCM01", "GCM02", "GCM03")
    assert r.criteria == ("D1", "D2")
    frame = r.to_frame()
    assert frame.index.tolist() == ["GCM01", "GCM02", "GCM03"]
    assert {"score", "rank"} <= set(frame.columns)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.method = "other"  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        r.scores[0] = 1.0
    assert r.settings["tie_rule"] == "min"


@pytest.mark.parametrize("name", list(METHODS))
def test_constant_criterion_warns_without_nan(name):
    X = [[1, 5, 3], [2, 5, 1], [3, 5, 2]]
    r = METHODS[name](X, [1, 1, 1], ["benefit", "benefit", "cost"])
    assert np.all(np.isfinite(r.scores))
    (constant,) = [w for w in r.warnings if w.rule == "mcda.constant_criterion"]
    assert constant.column == "C2" and constant.severity == "warning"


@pytest.mark.parametrize("name", list(METHODS))
def test_all_constant_matrix_ties_everyone(name):
    r = METHODS[name]([[4, 4], [4, 4], [4, 4]], [1, 1], ["benefit", "cost"])
    assert np.all(np.isfinite(r.scores))
    assert r.ranks.tolist() == [1, 1, 1]
    assert r.ties == (("A1", "A2", "A3"),)


@pytest.mark.parametrize("name", list(METHODS))
def test_zero_weight_warns_and_ignores_criterion(name):
    X = [[1, 9], [2, 1], [3, 5]]
    r = METHODS[name](X, [1, 0], ["benefit", "benefit"])
    assert "mcda.zero_weight" in rules(r.warnings)
    assert r.ranks.tolist() == [3, 2, 1]


@pytest.mark.parametrize("name", list(METHODS))
def test_ties_use_competition_ranking(name):
    X = [[1, 1], [3, 3], [1, 1], [0, 0]]  # A1 and A3 identical
    r = METHODS[name](X, [1, 1], ["benefit", "benefit"])
    assert r.ranks.tolist() == [2, 1, 2, 4]  # "1224"
    assert r.ties == (("A1", "A3"),)
    assert "mcda.tie" in rules(r.warnings)
    r = METHODS[name](X, [1, 1], ["benefit", "benefit"], tie_rule="dense")
    assert r.ranks.tolist() == [2, 1, 2, 3]


@pytest.mark.parametrize("name", list(METHODS))
def test_one_alternative(name):
    r = METHODS[name]([[3, 4]], [1, 1], ["benefit", "cost"])
    assert r.ranks.tolist() == [1]
    assert np.all(np.isfinite(r.scores))


@pytest.mark.parametrize("name", list(METHODS))
def test_one_criterion(name):
    r = METHODS[name]([[3], [1], [2]], [1], ["benefit"])
    assert r.ranks.tolist() == [1, 3, 2]
    r = METHODS[name]([[3], [1], [2]], [1], ["cost"])
    assert r.ranks.tolist() == [3, 1, 2]


@pytest.mark.parametrize("name", list(METHODS))
def test_cost_is_the_mirror_of_benefit(name):
    """Declaring a criterion as cost gives the same ranking as negating it as benefit (for
    TOPSIS with min-max normalisation, which is translation invariant)."""
    rng = np.random.default_rng(7)
    X = rng.random((8, 3)) + 1.0
    extra = {"normalization": "minmax"} if name == "topsis" else {}
    a = METHODS[name](X, [0.5, 0.3, 0.2], ["benefit", "cost", "benefit"], **extra)
    Y = X.copy()
    Y[:, 1] = -Y[:, 1]
    b = METHODS[name](Y, [0.5, 0.3, 0.2], ["benefit", "benefit", "benefit"], **extra)
    np.testing.assert_allclose(a.scores, b.scores, atol=1e-12)
    assert a.ranks.tolist() == b.ranks.tolist()


@pytest.mark.parametrize("normalization", ["vector", "minmax", "max", "sum"])
def test_wsm_and_topsis_accept_named_normalisations(normalization):
    for fn in (wsm, topsis):
        r = fn(FIGHTER, FIGHTER_W, FIGHTER_T, normalization=normalization)
        assert r.settings["normalization"] == normalization
        assert np.all(np.isfinite(r.scores))


@pytest.mark.parametrize(
    ("args", "rule"),
    [
        ((SMALL, [1, 1, 1], SMALL_TYPES), "mcda.wrong_count"),
        ((SMALL, [1, -1], SMALL_TYPES), "mcda.weights_negative"),
        ((SMALL, [0, 0], SMALL_TYPES), "mcda.weights_all_zero"),
        ((SMALL, [np.nan, 1], SMALL_TYPES), "mcda.weights_not_finite"),
        ((SMALL, ["a", 1], SMALL_TYPES), "mcda.weights_not_numeric"),
        ((SMALL, [1, 1], ["benefit", "expense"]), "mcda.type_unknown"),
        ((SMALL, [1, 1], ["benefit"] * 3), "mcda.wrong_count"),
        (([[1, np.nan], [2, 3]], [1, 1], SMALL_TYPES), "mcda.matrix_not_finite"),
        (([[1, np.inf], [2, 3]], [1, 1], SMALL_TYPES), "mcda.matrix_not_finite"),
        (([["x", 1], [2, 3]], [1, 1], SMALL_TYPES), "mcda.not_numeric"),
        (([], [1, 1], SMALL_TYPES), "mcda.matrix_shape"),
    ],
)
@pytest.mark.parametrize("name", list(METHODS))
def test_input_errors(args, rule, name):
    with raises_rule(rule):
        METHODS[name](*args)


@pytest.mark.parametrize("name", list(METHODS))
def test_relative_weights_of_1e308_rank_like_ordinary_ones(name):
    """Weights are relative: 1e308 on every criterion is the same as 1 on every criterion."""
    a = METHODS[name](SMALL, [1e308, 1e308], SMALL_TYPES)
    b = METHODS[name](SMALL, [1, 1], SMALL_TYPES)
    assert np.asarray(a.settings["weights"]).tolist() == [0.5, 0.5]
    np.testing.assert_array_equal(a.scores, b.scores)


def test_weights_by_name_and_numeric_types():
    df = pd.DataFrame(SMALL, columns=["D1", "D2"])
    a = wsm(df, {"D2": 1, "D1": 1}, [1, -1])
    b = wsm(df, [1, 1], SMALL_TYPES)
    np.testing.assert_allclose(a.scores, b.scores)
    with raises_rule("mcda.weights_unknown_criterion"):
        wsm(df, {"D1": 1, "D9": 1}, SMALL_TYPES)
    with raises_rule("mcda.weights_missing_criterion"):
        wsm(df, {"D1": 1}, SMALL_TYPES)


@pytest.mark.parametrize("v", [1.5, -0.1, float("nan"), "half"])
def test_vikor_rejects_v_outside_unit_interval(v):
    with raises_rule("mcda.setting_invalid"):
        vikor(SMALL, [1, 1], SMALL_TYPES, v=v)


@pytest.mark.parametrize("normalization", ["maxx", "sum", "max"])
def test_normalisation_errors(normalization):
    """An unknown normalisation, and 'sum'/'max' on negative data, are refused by rule."""
    rule = "mcda.setting_invalid" if normalization == "maxx" else "mcda.normalization_negative"
    with raises_rule(rule):
        wsm([[1, -2], [2, 3]], [1, 1], SMALL_TYPES, normalization=normalization)
    if normalization != "maxx":
        with raises_rule("mcda.normalization_cost_zero"):
            wsm([[1, 0], [2, 3]], [1, 1], SMALL_TYPES, normalization=normalization)


# ---------------------------------------------------------------------------------------------
# property tests
# ---------------------------------------------------------------------------------------------

matrices = st.integers(2, 7).flatmap(
    lambda m: st.integers(1, 4).flatmap(
        lambda n: arrays(np.float64, (m, n), elements=st.integers(0, 6).map(float))
    )
)


def _check_competition(r):
    s = np.sort(r)
    assert s[0] == 1
    for i in range(1, s.size):
        assert s[i] == s[i - 1] or s[i] == i + 1


@settings(max_examples=40, deadline=None)
@given(X=matrices, data=st.data())
def test_property_ranks_are_competition_rankings_without_nan(X, data):
    n = X.shape[1]
    w = data.draw(arrays(np.float64, n, elements=st.floats(0.01, 1.0)))
    types = data.draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    for fn in METHODS.values():
        r = fn(X, w, types)
        assert np.all(np.isfinite(r.scores))
        _check_competition(r.ranks)
        dense = fn(X, w, types, tie_rule="dense").ranks
        assert set(dense.tolist()) == set(range(1, dense.max() + 1))
        ordinal = fn(X, w, types, tie_rule="ordinal").ranks
        assert sorted(ordinal.tolist()) == list(range(1, X.shape[0] + 1))


@settings(max_examples=40, deadline=None)
@given(X=matrices, c=st.floats(0.01, 100.0), data=st.data())
def test_property_invariance_to_positive_rescaling_of_a_criterion(X, c, data):
    n = X.shape[1]
    j = data.draw(st.integers(0, n - 1))
    w = data.draw(arrays(np.float64, n, elements=st.floats(0.01, 1.0)))
    types = data.draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    Y = X.copy()
    Y[:, j] *= c
    for name, fn in METHODS.items():
        a, b = fn(X, w, types), fn(Y, w, types)
        np.testing.assert_allclose(a.scores, b.scores, atol=1e-9, err_msg=name)


# ---------------------------------------------------------------------------------------------
# criteria on their declared scale
# ---------------------------------------------------------------------------------------------

BOUNDS = [(0, 5), (0, 50)]


def test_scale_normalisation_places_each_value_on_its_declared_scale():
    """Worked by hand: benefit (x - 0) / 5, cost (50 - x) / 50."""
    r = wsm(SMALL, [0.5, 0.5], SMALL_TYPES, normalization="scale", bounds=BOUNDS)
    assert r.scores.tolist() == pytest.approx([0.5 * (0.2 + 0.8), 0.5 * (0.4 + 0.4), 0.6])
    assert r.settings["bounds"] == [[0.0, 5.0], [0.0, 50.0]]


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor"])
def test_on_the_declared_scale_a_score_does_not_depend_on_the_other_alternatives(method):
    """Removing an alternative changes no other alternative's score (no min-max stretch)."""
    settings = {
        "wsm": {"normalization": "scale"},
        "topsis": {"normalization": "scale", "ideal": "scale"},
        "vikor": {"reference": "scale"},
    }[method]
    fn = METHODS[method]
    full = fn(SMALL, [0.5, 0.5], SMALL_TYPES, bounds=BOUNDS, **settings)
    fewer = fn(SMALL[:2], [0.5, 0.5], SMALL_TYPES, bounds=BOUNDS, **settings)
    if method == "vikor":  # Q rescales S and R over the alternatives; S and R do not move
        assert fewer.S.tolist() == pytest.approx(full.S[:2].tolist())
        assert fewer.R.tolist() == pytest.approx(full.R[:2].tolist())
    else:
        assert fewer.scores.tolist() == pytest.approx(full.scores[:2].tolist())


def test_topsis_ideal_at_the_scale_ends():
    """Worked by hand: r = (0.2, 0.2), (0.4, 0.6), (0.6, 0.4); ideal (1, 0), anti-ideal (0, 1)."""
    r = topsis(SMALL, [0.5, 0.5], SMALL_TYPES, normalization="scale", ideal="scale", bounds=BOUNDS)
    d_plus = 0.5 * np.sqrt([0.8**2 + 0.2**2, 0.6**2 + 0.6**2, 0.4**2 + 0.4**2])
    d_minus = 0.5 * np.sqrt([0.2**2 + 0.8**2, 0.4**2 + 0.4**2, 0.6**2 + 0.6**2])
    assert r.scores.tolist() == pytest.approx((d_minus / (d_plus + d_minus)).tolist())
    # with vector normalisation the scale ends are normalised by the same column norms
    v = topsis(SMALL, [0.5, 0.5], SMALL_TYPES, ideal="scale", bounds=BOUNDS)
    norms = np.sqrt((np.array(SMALL, dtype=float) ** 2).sum(axis=0))
    R = np.array(SMALL) / norms
    best, worst = np.array([5, 0]) / norms, np.array([0, 50]) / norms
    dp = np.sqrt((0.25 * (R - best) ** 2).sum(axis=1))
    dm = np.sqrt((0.25 * (R - worst) ** 2).sum(axis=1))
    assert v.scores.tolist() == pytest.approx((dm / (dp + dm)).tolist())


def test_vikor_best_and_worst_at_the_scale_ends():
    r = vikor(SMALL, [0.5, 0.5], SMALL_TYPES, reference="scale", bounds=BOUNDS)
    regrets = np.array([[0.8, 0.2], [0.6, 0.6], [0.4, 0.4]])  # (5 - x) / 5 and x / 50
    assert r.S.tolist() == pytest.approx((0.5 * regrets).sum(axis=1).tolist())
    assert r.R.tolist() == pytest.approx((0.5 * regrets).max(axis=1).tolist())
    assert r.settings["reference"] == "scale"


def test_declared_scales_are_checked():
    with raises_rule("mcda.bounds_missing"):
        wsm(SMALL, [0.5, 0.5], SMALL_TYPES, normalization="scale")
    with raises_rule("mcda.bounds_invalid"):
        wsm(SMALL, [0.5, 0.5], SMALL_TYPES, normalization="scale", bounds=[(0, 5), (50, 0)])
    with raises_rule("mcda.outside_scale"):
        vikor(SMALL, [0.5, 0.5], SMALL_TYPES, reference="scale", bounds=[(0, 2), (0, 50)])
    with raises_rule("mcda.wrong_count"):
        topsis(SMALL, [0.5, 0.5], SMALL_TYPES, ideal="scale", bounds=[(0, 5)] * 3)


PAIRED_SETTINGS = {
    "wsm": [{"normalization": "minmax"}, {"normalization": "scale"}, {"normalization": "max"}],
    "topsis": [{}, {"normalization": "scale", "ideal": "scale"}, {"ideal": "scale"}],
    "vikor": [{}, {"reference": "scale"}],
    "promethee_ii": [{"functions": "linear", "q": 0.1, "p": 1.5}, {"functions": "usual"}],
}


@pytest.mark.parametrize(
    ("method", "settings"),
    [(m, s) for m, options in PAIRED_SETTINGS.items() for s in options],
)
def test_a_stack_of_matrices_scores_like_single_runs(method, settings):
    """``paired_scores`` (resampled data) and ``rank`` share every formula."""
    from mgi.prioritization import METHODS as REGISTRY

    rng = np.random.default_rng(4)
    stack = np.round(rng.uniform(1, 5, size=(6, 7, 3)), 1)
    stack[2, :, 1] = 3.0  # a constant criterion in one matrix
    W = rng.dirichlet(np.ones(3), size=6)
    types = ["benefit", "cost", "benefit"]
    if method != "promethee_ii":  # PROMETHEE's thresholds are in the criteria's units already
        settings = {**settings, "bounds": [(1, 5)] * 3}
    paired = REGISTRY[method].paired_scores(stack, types, W, **settings)
    single = [
        METHODS[method](X, w, types, **settings).scores for X, w in zip(stack, W, strict=True)
    ]
    assert paired == pytest.approx(np.array(single), abs=1e-12)
