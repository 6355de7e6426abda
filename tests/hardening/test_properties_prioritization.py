"""Property-based tests of the pure prioritisation functions.

Random decision matrices (constant columns, ties, one alternative, one criterion, negative
values), random weights (zeros, all zeros) and random reciprocal pairwise matrices go through
every method. Properties:

* the only exception ever raised is :class:`PrioritizationInputError`, with a catalogue rule;
* no output array holds NaN or infinity;
* ranks follow the stated "min" tie rule: ranks in 1..m, rank = 1 + number of strictly better
  alternatives, equal scores get equal ranks;
* SMAA rank acceptability rows sum to 1 (columns too when no sample has a tie);
* ranks do not change when a criterion is rescaled by a positive factor, where the method
  promises it (WSM with min-max, TOPSIS with vector normalisation, VIKOR, PROMETHEE II with
  the usual function). Powers of two are used so that the rescaling itself is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mgi.catalogue import CATALOGUE
from mgi.prioritization import (
    PrioritizationInputError,
    ahp,
    ahp_group,
    borda,
    copeland,
    critic_weights,
    direct_weights,
    entropy_weights,
    promethee_ii,
    roc_weights,
    smaa,
    stability_intervals,
    topsis,
    vikor,
    wsm,
)
from mgi.prioritization._common import TIE_RTOL

FAST = settings(max_examples=60, deadline=None)
SLOW = settings(max_examples=25, deadline=None)

#: Few distinct values, so that ties and constant columns are frequent.
VALUES = st.sampled_from([0.0, 1.0, 2.0, 3.0, 5.0, -1.0, 0.5, 10.0, 1e-3, 250.0])
SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0]


@st.composite
def problems(draw: st.DrawFn, max_m: int = 6, max_n: int = 4) -> tuple[Any, Any, Any]:
    """(matrix, weights, types) with m >= 1 alternatives and n >= 1 criteria."""
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    matrix = draw(
        st.one_of(
            hnp.arrays(float, (m, n), elements=VALUES),
            hnp.arrays(float, (m, n), elements=st.floats(-1e3, 1e3, allow_nan=False, width=32)),
        )
    )
    if n > 1 and draw(st.booleans()):
        matrix[:, draw(st.integers(0, n - 1))] = draw(VALUES)  # a constant column
    weights = draw(
        st.lists(st.sampled_from([0.0, 0.0, 1.0, 2.0, 0.25, 7.0]), min_size=n, max_size=n)
    )
    types = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n))
    return matrix, weights, types


def check_finite(*arrays: Any) -> None:
    for array in arrays:
        values = np.asarray(array, dtype=float)
        assert np.all(np.isfinite(values)), values


def check_min_ranks(scores: np.ndarray, ranks: np.ndarray, higher_is_better: bool) -> None:
    """Competition ranks: 1..m, rank = 1 + #strictly better, equal scores equal ranks."""
    s = np.asarray(scores, dtype=float)
    r = np.asarray(ranks)
    m = s.size
    assert r.shape == (m,)
    assert np.all((r >= 1) & (r <= m))
    for value in np.unique(r):
        assert np.count_nonzero(r <= value) >= value
        assert np.count_nonzero(r < value) == value - 1
    signed = s if higher_is_better else -s
    tol = TIE_RTOL * np.abs(signed).max() if m else 0.0
    for i in range(m):
        better = np.count_nonzero(signed > signed[i] + tol)
        assert r[i] == 1 + better
        assert np.all(r[s == s[i]] == r[i])


METHODS: dict[str, Callable[..., Any]] = {
    "wsm": wsm,
    "topsis": topsis,
    "vikor": vikor,
    "promethee_ii": promethee_ii,
}


def run_or_refuse(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn``; only :class:`PrioritizationInputError` may be raised (returns None)."""
    try:
        return fn(*args, **kwargs)
    except PrioritizationInputError as exc:
        assert str(exc) and exc.rule in CATALOGUE  # a catalogue rule, never bare prose
        return None


@pytest.mark.parametrize("name", list(METHODS))
@FAST
@given(problem=problems())
def test_ranking_methods_never_nan_and_rank_by_the_min_rule(name: str, problem: tuple) -> None:
    matrix, weights, types = problem
    result = run_or_refuse(METHODS[name], matrix, weights, types)
    if result is None:
        assert not any(w > 0 for w in weights)  # the only reason to refuse these inputs
        return
    check_finite(result.scores)
    check_min_ranks(result.scores, result.ranks, result.settings["higher_is_better"])
    for extra in ("S", "R", "Q", "phi_plus", "phi_minus", "net", "flows"):
        if hasattr(result, extra):
            check_finite(getattr(result, extra))
    if name == "promethee_ii":
        assert abs(float(np.sum(result.net))) < 1e-9


INVARIANT: dict[str, dict[str, Any]] = {
    "wsm": {"normalization": "minmax"},
    "topsis": {"normalization": "vector"},
    "vikor": {},
    "promethee_ii": {"functions": "usual"},
}


@pytest.mark.parametrize("name", list(INVARIANT))
@FAST
@given(problem=problems(), factor=st.sampled_from([0.5, 2.0, 4.0, 0.25]), data=st.data())
def test_ranks_invariant_to_positive_rescaling_of_a_criterion(
    name: str, problem: tuple, factor: float, data: st.DataObject
) -> None:
    matrix, weights, types = problem
    assume(any(w > 0 for w in weights))
    j = data.draw(st.integers(0, matrix.shape[1] - 1))
    scaled = matrix.copy()
    scaled[:, j] *= factor
    before = METHODS[name](matrix, weights, types, **INVARIANT[name])
    after = METHODS[name](scaled, weights, types, **INVARIANT[name])
    np.testing.assert_array_equal(before.ranks, after.ranks)


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee_ii"])
@SLOW
@given(
    problem=problems(max_m=5, max_n=3),
    samples=st.integers(1, 40),
    concentration=st.sampled_from([None, 0.5, 30.0]),
    seed=st.integers(0, 2**32),
    top_k=st.integers(1, 8),
)
def test_smaa_acceptability_is_a_distribution(
    method: str,
    problem: tuple,
    samples: int,
    concentration: float | None,
    seed: int,
    top_k: int,
) -> None:
    matrix, weights, types = problem
    result = run_or_refuse(
        smaa,
        matrix,
        weights if concentration is not None else None,
        types,
        method=method,
        samples=samples,
        concentration=concentration,
        seed=seed,
        top_k=top_k,
    )
    if result is None:
        return
    acc = np.asarray(result.acceptability)
    check_finite(acc, result.top_k_probability, result.central_weights)
    check_finite(result.rank_range.to_numpy(dtype=float))
    np.testing.assert_allclose(acc.sum(axis=1), 1.0, atol=1e-12)
    if not any(w.rule == "mcda.smaa_ties" for w in result.warnings):
        np.testing.assert_allclose(acc.sum(axis=0), 1.0, atol=1e-12)
    assert np.all((result.top_k_probability >= 0) & (result.top_k_probability <= 1 + 1e-12))


def test_smaa_refuses_infinite_concentration() -> None:
    """Dirichlet(inf * w) would draw NaN weights: an infinite concentration is refused."""
    matrix = [[1.0, 2.0], [2.0, 1.0], [0.0, 0.0]]
    with pytest.raises(PrioritizationInputError) as info:
        smaa(
            matrix,
            [0.5, 0.5],
            ["benefit", "benefit"],
            concentration=float("inf"),
            samples=20,
            seed=1,
        )
    assert info.value.rule == "mcda.setting_invalid"


@st.composite
def rankings(draw: st.DrawFn) -> tuple[np.ndarray, list[float] | None]:
    m = draw(st.integers(1, 7))
    k = draw(st.integers(1, 5))
    ranks = draw(hnp.arrays(int, (m, k), elements=st.integers(1, m)))
    weights = draw(
        st.none() | st.lists(st.sampled_from([0.0, 1.0, 2.0, 0.5]), min_size=k, max_size=k)
    )
    return ranks, weights


@pytest.mark.parametrize("consensus", [borda, copeland], ids=["borda", "copeland"])
@FAST
@given(data=rankings())
def test_consensus_rankings(consensus: Callable[..., Any], data: tuple) -> None:
    ranks, weights = data
    result = run_or_refuse(consensus, ranks, weights)
    if result is None:
        assert weights is not None and not any(w > 0 for w in weights)
        return
    check_finite(result.scores)
    check_min_ranks(result.scores, result.ranks, True)


@st.composite
def reciprocal(draw: st.DrawFn, max_n: int = 9) -> np.ndarray:
    n = draw(st.integers(1, max_n))
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = draw(st.sampled_from(SAATY))
            a[j, i] = 1 / a[i, j]
    return a


@FAST
@given(matrix=reciprocal(), method=st.sampled_from(["eigen", "geometric", "colnorm"]))
def test_ahp_on_random_reciprocal_matrices(matrix: np.ndarray, method: str) -> None:
    result = ahp(matrix, method=method)
    w = np.asarray(result.weights)
    check_finite(w, [result.cr, result.ci, result.lambda_max])
    assert np.all(w > 0)
    assert abs(w.sum() - 1) < 1e-9
    assert result.cr >= 0
    if result.worst_judgement is not None:
        check_finite([result.worst_judgement["consistent_value"]])


@SLOW
@given(
    data=st.integers(1, 6).flatmap(
        lambda n: st.lists(
            reciprocal(max_n=n).filter(lambda a: a.shape[0] == n), min_size=1, max_size=4
        )
    ),
    weights=st.none() | st.lists(st.sampled_from([0.0, 1.0, 3.0]), min_size=4, max_size=4),
)
def test_ahp_group_on_random_reciprocal_matrices(data: list, weights: list | None) -> None:
    pw = None if weights is None else weights[: len(data)]
    result = run_or_refuse(ahp_group, data, pw)
    if result is None:
        return
    w = np.asarray(result.group.weights)
    check_finite(w, result.distances.to_numpy(dtype=float))
    assert abs(w.sum() - 1) < 1e-9


@FAST
@given(matrix=reciprocal(max_n=5), i=st.integers(0, 4), j=st.integers(0, 4))
def test_ahp_refuses_a_matrix_that_is_not_reciprocal(matrix: np.ndarray, i: int, j: int) -> None:
    n = matrix.shape[0]
    if n < 2:
        return  # a 1 x 1 matrix has no pair to break
    i %= n
    j = (i + 1 + j % (n - 1)) % n  # any other row: no filtering, so no flaky health check
    matrix[j, i] = matrix[i, j] * 3  # a_ij * a_ji = 3 a_ij^2 = 1 only if a_ij = 1/sqrt(3)
    with pytest.raises(PrioritizationInputError):
        ahp(matrix)


WEIGHT_VALUES = st.sampled_from([0.0, 1.0, 2.5, 100.0, -1.0, float("nan"), float("inf")])


@FAST
@given(points=st.lists(WEIGHT_VALUES, min_size=1, max_size=6))
def test_direct_and_roc_weights(points: list[float]) -> None:
    for fn in (direct_weights, roc_weights):
        result = run_or_refuse(fn, points)
        if result is not None:
            w = np.asarray(result, dtype=float)
            check_finite(w)
            assert np.all(w >= 0) and abs(w.sum() - 1) < 1e-9


@FAST
@given(problem=problems())
def test_objective_weights(problem: tuple) -> None:
    matrix, _, types = problem
    for fn, args in ((entropy_weights, (matrix,)), (critic_weights, (matrix, types))):
        result = run_or_refuse(fn, *args)
        if result is not None:
            w = np.asarray(result, dtype=float)
            check_finite(w)
            assert np.all(w >= 0) and abs(w.sum() - 1) < 1e-9


@pytest.mark.parametrize("method", ["wsm", "promethee_ii"])
@FAST
@given(problem=problems(), top_k=st.integers(1, 6))
def test_stability_intervals(method: str, problem: tuple, top_k: int) -> None:
    matrix, weights, types = problem
    frame = run_or_refuse(stability_intervals, matrix, weights, types, method=method, top_k=top_k)
    if frame is None:
        return
    assert isinstance(frame, pd.DataFrame)
    bounds = ["weight", "topk_lower", "topk_upper", "top1_lower", "top1_upper"]
    values = frame[bounds].to_numpy(dtype=float)
    assert not np.isnan(values).any(), frame
    assert np.all((values >= -1e-12) & (values <= 1 + 1e-12)), frame
