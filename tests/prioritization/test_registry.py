"""Tests of the method registry (mgi.prioritization.METHODS) and of the ranking by one sort."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from mgi.prioritization import (
    METHODS,
    Method,
    Setting,
    contributions,
    get_method,
    min_ranks,
    smaa,
    stability_intervals,
)
from mgi.prioritization._common import _exact_min_ranks
from mgi.prioritization.registry import register
from tests.prioritization._rules import raises_rule

RNG = np.random.default_rng(3)
X = pd.DataFrame(RNG.random((6, 3)) * 10, index=[f"GCM0{i}" for i in range(1, 7)])
X.columns = ["gap", "cost", "support"]
TYPES = ["benefit", "cost", "benefit"]
W = np.array([0.5, 0.2, 0.3])


def test_registry_describes_every_method() -> None:
    assert list(METHODS) == ["wsm", "topsis", "vikor", "promethee_ii"]
    assert {m: METHODS[m].label for m in METHODS} == {
        "wsm": "Weighted sum",
        "topsis": "TOPSIS",
        "vikor": "VIKOR",
        "promethee_ii": "PROMETHEE II",
    }
    assert [m for m in METHODS if METHODS[m].linear] == ["wsm", "promethee_ii"]
    assert [m for m in METHODS if not METHODS[m].higher_is_better] == ["vikor"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        METHODS["wsm"].label = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        METHODS["electre"] = METHODS["wsm"]  # type: ignore[index]


@pytest.mark.parametrize("name", list(METHODS))
def test_kernel_scores_a_batch_like_single_runs(name: str) -> None:
    """Row k of the batch kernel is the score of a single run with weights W[k]."""
    method = METHODS[name]
    Wb = np.random.default_rng(1).dirichlet(np.ones(3), size=5)
    batch = method.scorer(X, TYPES).scores(Wb)
    assert batch.shape == (5, 6)
    for k in range(5):
        single = method.rank(X, Wb[k], TYPES).scores
        np.testing.assert_allclose(batch[k], single, rtol=0, atol=1e-15)
    if method.linear:
        np.testing.assert_allclose(batch, Wb @ method.scorer(X, TYPES).linear_matrix.T)


@pytest.mark.parametrize("name", list(METHODS))
def test_explanation_tables_add_up_to_the_result(name: str) -> None:
    explanation = METHODS[name].explain(X, W, TYPES)
    captions = explanation.captions()
    assert all(captions.values()) and list(captions)[-1] == "result"
    result = explanation.result
    assert explanation["result"]["rank"].tolist() == result.ranks.tolist()
    if name in ("wsm", "promethee_ii"):  # weighted table sums to the score
        np.testing.assert_allclose(explanation["weighted"].sum(axis=1), result.scores)
    if name == "topsis":
        np.testing.assert_allclose(explanation["distances"]["closeness"], result.scores)
        d = explanation["distances"]
        np.testing.assert_allclose(d["d_minus"] / (d["d_plus"] + d["d_minus"]), result.scores)
    if name == "vikor":
        srq = explanation["SRQ"]
        np.testing.assert_allclose(srq["S"], explanation["weighted"].sum(axis=1))
        np.testing.assert_allclose(srq["R"], explanation["weighted"].max(axis=1))
        np.testing.assert_allclose(srq["Q"], result.scores)
    table = explanation["result"]
    table.iloc[0, 0] = -99.0  # a copy: the explanation does not change
    assert explanation["result"].iloc[0, 0] != -99.0


def test_settings_are_checked_by_the_registry() -> None:
    assert METHODS["vikor"].defaults() == {"v": 0.5, "reference": "observed", "bounds": None}
    assert METHODS["vikor"].resolve({"v": 1})["v"] == 1.0
    with raises_rule("mcda.setting_unknown"):
        METHODS["topsis"].rank(X, W, TYPES, v=0.3)
    with raises_rule("mcda.setting_invalid"):
        METHODS["wsm"].rank(X, W, TYPES, normalization="zscore")
    with raises_rule("mcda.unknown_method"):
        get_method("electre")
    with raises_rule("mcda.not_linear"):
        _ = METHODS["topsis"].scorer(X, TYPES).linear_matrix


def test_profile_settings_come_from_the_declared_keys() -> None:
    table = {"wsm_normalization": "max", "vikor_v": 0.3}
    criteria = [{"preference": "linear", "q": 0.0, "p": 1.0, "s": 1.0}] * 2
    assert METHODS["wsm"].profile_settings(table, criteria) == {"normalization": "max"}
    assert METHODS["vikor"].profile_settings(table, criteria) == {"v": 0.3}
    assert METHODS["promethee_ii"].profile_settings(table, criteria) == {
        "functions": ["linear", "linear"],
        "q": [0.0, 0.0],
        "p": [1.0, 1.0],
        "s": [1.0, 1.0],
    }


def _product_parts(X, types, criteria, settings):
    """A toy method, the weighted product model, defined only here."""
    logs = np.log(np.where(types > 0, X, 1.0 / X))
    return {"logs": logs}, {"model": "weighted product"}


def test_a_new_method_plugs_in_by_registering_it() -> None:
    """Adding a method is one Method object: rank, explain and smaa then work with it."""
    product = Method(
        name="wpm",
        label="Weighted product",
        higher_is_better=True,
        linear=False,
        settings=(Setting("unused", None, "A setting no one sets."),),
        citation="Bridgman (1922)",
        kernel=lambda parts, Wb: Wb @ parts["logs"].T,
        parts=_product_parts,
        tables=lambda scorer, w, result: [("result", "Score and rank", result.to_frame())],
    )
    register(product)
    try:
        Y = X.to_numpy() + 1.0
        ranked = METHODS["wpm"].rank(Y, W, TYPES)
        expected = np.prod(np.where(np.array(TYPES) == "benefit", Y, 1 / Y) ** W, axis=1)
        assert ranked.ranks.tolist() == (
            pd.Series(expected).rank(ascending=False).astype(int).tolist()
        )
        assert list(METHODS["wpm"].explain(Y, W, TYPES).captions()) == ["result"]
        acceptability = smaa(Y, W, TYPES, method="wpm", samples=50, seed=1).acceptability
        np.testing.assert_allclose(acceptability.sum(axis=1), 1.0)
        with raises_rule("mcda.not_linear"):
            stability_intervals(Y, W, TYPES, method="wpm")
        with raises_rule("mcda.not_linear"):
            contributions(Y, W, TYPES, method="wpm")
    finally:
        from mgi.prioritization.registry import _REGISTRY

        del _REGISTRY["wpm"]
    assert "wpm" not in METHODS


def _near_ties(rows: int, m: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    S = rng.normal(size=(rows, m))
    S[::3, 1] = S[::3, 0]  # exact ties
    S[1::3, 2] = S[1::3, 3] * (1 + 3e-13)  # within the tolerance
    S[2::5, 4] = S[2::5, 5] * (1 + 2.5e-12)  # just outside
    S[4::7, -1] = 0.0
    S[4::7, -2] = -0.0  # signed zeros tie
    return S


@pytest.mark.parametrize("m", [1, 2, 23, 300, 1100])
@pytest.mark.parametrize("higher_is_better", [True, False])
def test_min_ranks_equal_the_definition(m: int, higher_is_better: bool) -> None:
    """One sort per row (packed keys up to 1,024 alternatives, argsort above) gives exactly
    the competition ranks of the definition 1 + #{j : s_j better than s_i + tol}, with exact
    ties, near-ties, signed zeros and missing values."""
    S = _near_ties(40 if m < 1000 else 9, max(m, 6), m)[:, :m]
    if m >= 6:
        S[7, 3] = np.nan
        S[8, 0] = np.inf
    s = S if higher_is_better else -S
    tol = 1e-12 * np.abs(s).max(axis=1, keepdims=True)
    with np.errstate(invalid="ignore"):
        reference = 1 + (s[:, None, :] > (s + tol)[:, :, None]).sum(axis=2)
    np.testing.assert_array_equal(min_ranks(S, higher_is_better), reference)
    np.testing.assert_array_equal(_exact_min_ranks(S, higher_is_better), reference)
