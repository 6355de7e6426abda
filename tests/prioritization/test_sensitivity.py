"""Tests of SMAA-2, exact weight-stability intervals and contributions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.prioritization import (
    contributions,
    promethee_ii,
    smaa,
    stability_intervals,
    topsis,
    vikor,
    wsm,
)
from tests.prioritization._rules import raises_rule, rules

RNG = np.random.default_rng(42)
X = RNG.random((7, 4))
TYPES = ["benefit", "cost", "benefit", "benefit"]
W = np.array([0.4, 0.3, 0.2, 0.1])
METHODS = {"wsm": wsm, "topsis": topsis, "vikor": vikor, "promethee_ii": promethee_ii}


@pytest.mark.parametrize("method", list(METHODS))
def test_smaa_matches_a_slow_reference_loop(method):
    """The vectorised SMAA equals a loop calling the public method once per weight sample."""
    samples, seed = 300, 11
    res = smaa(X, None, TYPES, method=method, samples=samples, seed=seed, top_k=3, batch_size=64)
    Wd = np.random.default_rng(seed).dirichlet(np.ones(4), size=samples)
    m = X.shape[0]
    counts = np.zeros((m, m))
    first = np.zeros((m, 4))
    for w in Wd:  # slow reference on purpose
        ranks = METHODS[method](X, w, TYPES).ranks
        counts[np.arange(m), ranks - 1] += 1
        first[ranks == 1] += w
    np.testing.assert_allclose(res.acceptability, counts / samples)
    n_first = counts[:, 0]
    central = np.divide(
        first, n_first[:, None], out=np.zeros_like(first), where=n_first[:, None] > 0
    )
    np.testing.assert_allclose(res.central_weights, central)
    np.testing.assert_allclose(res.top_k_probability, counts[:, :3].sum(axis=1) / samples)


@pytest.mark.parametrize("method", list(METHODS))
def test_smaa_rows_and_columns_sum_to_one_and_are_deterministic(method):
    a = smaa(X, None, TYPES, method=method, samples=2000, seed=5)
    b = smaa(X, None, TYPES, method=method, samples=2000, seed=5)
    np.testing.assert_allclose(a.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(a.acceptability.sum(axis=0), 1.0)
    np.testing.assert_array_equal(a.acceptability, b.acceptability)
    assert a.seed == 5 and a.settings["seed"] == 5
    assert "Dirichlet(1, ..., 1)" in a.settings["sampler"]
    assert np.all(np.isfinite(a.central_weights))
    c = smaa(X, None, TYPES, method=method, samples=2000, seed=6)
    assert not np.array_equal(a.acceptability, c.acceptability)


def test_smaa_result_does_not_depend_on_batch_size():
    for method in ("vikor", "topsis"):
        a = smaa(X, None, TYPES, method=method, samples=1000, seed=1, batch_size=7)
        b = smaa(X, None, TYPES, method=method, samples=1000, seed=1, batch_size=1000)
        np.testing.assert_array_equal(a.acceptability, b.acceptability)
        np.testing.assert_allclose(a.central_weights, b.central_weights, rtol=1e-12)


def test_smaa_concentrated_around_agreed_weights():
    res = smaa(X, W, TYPES, concentration=5000, samples=2000, seed=3)
    best = int(np.argmin(wsm(X, W, TYPES).ranks))
    assert res.acceptability[best, 0] > 0.9
    assert "5000" in res.settings["sampler"]
    # a zero weight stays zero in every sample
    res = smaa(X, [0.5, 0.5, 0, 0], TYPES, concentration=10, samples=500, seed=3)
    np.testing.assert_allclose(res.central_weights[:, 2:], 0.0)


def test_smaa_never_first_flag_and_rank_range():
    Y = np.vstack([X, X.min(axis=0) - 1.0])  # dominated by everybody on benefit criteria
    Y[-1, 1] = X[:, 1].max() + 1.0  # and worst on the cost criterion
    res = smaa(Y, None, TYPES, samples=1000, seed=2)
    assert res.never_first[-1]
    np.testing.assert_allclose(res.central_weights[-1], 0.0)
    rr = res.rank_range
    assert rr.loc["A8"].tolist() == [8, 8, 8, 8]
    assert (rr["min"] <= rr["p05"]).all() and (rr["p05"] <= rr["p95"]).all()
    assert (rr["p95"] <= rr["max"]).all()
    assert "mcda.smaa_never_first" in rules(res.warnings)
    assert isinstance(res.to_frame(), pd.DataFrame)
    assert res.acceptability_frame().shape == (8, 8)


def test_smaa_identical_alternatives_share_the_minimum_rank():
    Y = np.vstack([X, X[:1]])
    res = smaa(Y, None, TYPES, samples=500, seed=2)
    np.testing.assert_allclose(res.acceptability[0], res.acceptability[-1])
    np.testing.assert_allclose(res.acceptability.sum(axis=1), 1.0)
    assert "mcda.smaa_ties" in rules(res.warnings)


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"method": "electre"}, "mcda.unknown_method"),
        ({"concentration": 10}, "mcda.concentration_without_weights"),
        ({"weights": W, "concentration": float("inf")}, "mcda.setting_invalid"),
        ({"weights": W, "concentration": -1}, "mcda.setting_invalid"),
        ({"method": "wsm", "v": 0.3}, "mcda.setting_unknown"),
        ({"method": "vikor", "v": 2}, "mcda.setting_invalid"),
        ({"samples": 0}, "mcda.setting_invalid"),
        ({"weights": W, "band": 1.5}, "mcda.setting_invalid"),
        ({"band": 0.2}, "mcda.band_needs_weights"),
        ({"weights": W, "band": 0.2, "concentration": 3}, "mcda.band_needs_weights"),
    ],
)
def test_smaa_input_errors(kwargs, rule):
    with raises_rule(rule):
        smaa(X, types=TYPES, **kwargs)


# ---------------------------------------------------------------------------------------------
# stability intervals
# ---------------------------------------------------------------------------------------------


def _moved(w, j, t):
    out = np.asarray(w, dtype=float) * (1 - t) / (1 - w[j])
    out[j] = t
    return out


def _top(method, w, k, settings):
    ranks = METHODS[method](X, w, TYPES, **settings).ranks
    return set(np.flatnonzero(ranks <= k))


@pytest.mark.parametrize(
    ("method", "settings"),
    [
        ("wsm", {}),
        ("promethee_ii", {}),
        ("promethee_ii", {"functions": "linear", "q": 0.05, "p": 0.3}),
    ],
)
@pytest.mark.parametrize("k", [1, 3])
def test_stability_bounds_are_exact(method, settings, k):
    """Just inside each bound the top-k set is unchanged; just outside it changes."""
    df = stability_intervals(X, W, TYPES, method=method, top_k=k, **settings)
    base = _top(method, W, k, settings)
    eps = 1e-7
    checked = 0
    for j, crit in enumerate(df.index):
        lo, hi = df.loc[crit, "topk_lower"], df.loc[crit, "topk_upper"]
        assert lo <= W[j] <= hi
        if hi < 1.0:
            assert _top(method, _moved(W, j, hi - eps), k, settings) == base
            assert _top(method, _moved(W, j, hi + eps), k, settings) != base
            assert "overtakes" in df.loc[crit, "topk_at_upper"]
            checked += 1
        if lo > 0.0:
            assert _top(method, _moved(W, j, lo + eps), k, settings) == base
            assert _top(method, _moved(W, j, lo - eps), k, settings) != base
            checked += 1
    assert checked > 0
    assert df.attrs["settings"]["top_k"] == k


def test_stability_hand_worked():
    """Two alternatives, two benefit criteria, min-max: A1 = (1, 0), A2 = (0, 1). With
    w1 = t: S1 = t, S2 = 1 - t; A1 stays first while t >= 0.5 -> interval [0.5, 1]."""
    df = stability_intervals([[1, 0], [0, 1]], [0.6, 0.4], ["benefit", "benefit"], top_k=1)
    assert df.loc["C1", "topk_lower"] == pytest.approx(0.5)
    assert df.loc["C1", "topk_upper"] == 1.0
    assert df.loc["C2", "topk_lower"] == 0.0
    assert df.loc["C2", "topk_upper"] == pytest.approx(0.5)
    assert df.loc["C1", "topk_at_lower"] == "A2 overtakes A1"


def test_stability_rejects_nonlinear_methods():
    for method in ("topsis", "vikor"):
        with raises_rule("mcda.not_linear"):
            stability_intervals(X, W, TYPES, method=method)
        with raises_rule("mcda.not_linear"):
            contributions(X, W, TYPES, method=method)


@pytest.mark.parametrize("method", ["wsm", "promethee_ii"])
def test_contributions_rows_sum_to_scores(method):
    df = pd.DataFrame(X, index=[f"GCM{i:02d}" for i in range(1, 8)], columns=list("abcd"))
    c = contributions(df, W, TYPES, method=method)
    scores = METHODS[method](df, W, TYPES).scores
    np.testing.assert_allclose(c.sum(axis=1).to_numpy(), scores)
    assert c.index.tolist() == df.index.tolist() and c.columns.tolist() == list("abcd")


def test_band_sampler_stays_within_the_band() -> None:
    """MCDA.md's third sampler: each agreed weight within ±x%, renormalised. With weights
    (0.5, 0.5) and a ±20% band, the first weight lies in [0.4 / 1.0, 0.6 / 1.0] = [0.4, 0.6]
    (extremes 0.4/(0.4 + 0.6) and 0.6/(0.6 + 0.4)); alternative 0 wins whenever w1 > 0.5."""
    from mgi.prioritization.sensitivity import _Sampler

    W = _Sampler(np.random.default_rng(0), 2, np.array([0.5, 0.5]), None, 0.2).draw(5000)
    assert W[:, 0].min() >= 0.4 - 1e-12 and W[:, 0].max() <= 0.6 + 1e-12
    assert np.allclose(W.sum(axis=1), 1)
    res = smaa(
        [[1.0, 0.0], [0.0, 1.0]],
        [0.5, 0.5],
        ["benefit"] * 2,
        band=0.2,
        samples=4000,
        seed=3,
    )
    assert res.acceptability[0, 0] == pytest.approx((W[:, 0] > 0.5).mean(), abs=0.05)
    assert "±20%" in res.settings["sampler"]


def test_band_sampler_needs_weights() -> None:
    with raises_rule("mcda.band_needs_weights"):
        smaa([[1.0, 0.0], [0.0, 1.0]], None, ["benefit"] * 2, band=0.2, samples=10)
