"""Comparing rankings (rank correlations) and building a consensus ranking (Borda, Copeland).

Rankings are rank vectors (1 = best). ``rankings`` for the consensus functions is a 2-D table,
alternatives as rows and methods/participants as columns (array-like or DataFrame).

Kendall's tau-b and average ranks are computed here with numpy (the same numbers as
``scipy.stats.kendalltau`` and ``scipy.stats.rankdata``, checked in the tests), so that ranking
the objectives does not import ``scipy.stats``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mgi.prioritization._common import (
    RankingResult,
    coerce_matrix,
    coerce_weights,
    engine_error,
    finish_ranking,
)

__all__ = [
    "average_ranks",
    "borda",
    "copeland",
    "kendall",
    "spearman",
    "weighted_spearman",
    "ws_coefficient",
]


def _pair(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    try:
        a = np.asarray(x, dtype=float).ravel()
        b = np.asarray(y, dtype=float).ravel()
    except (TypeError, ValueError):
        raise engine_error("mcda.not_numeric", what="A ranking", found=repr(x)) from None
    if a.size != b.size:
        raise engine_error("mcda.rankings_length", found=a.size, expected=b.size)
    if a.size < 2:
        raise engine_error("mcda.rankings_too_short", found=a.size)
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise engine_error("mcda.rankings_not_finite")
    return a, b


def _constant(a: np.ndarray, b: np.ndarray, statistic: str) -> None:
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        raise engine_error("mcda.rankings_constant", what=statistic)


def average_ranks(values: Any) -> np.ndarray:
    """Ranks 1..n of each row (the last axis), ties getting the average of their positions.

    The numpy equivalent of ``scipy.stats.rankdata(values, axis=-1)`` (method ``"average"``)
    for finite values, vectorised over rows: one sort per row.

    Examples
    --------
    >>> average_ranks([10, 30, 20, 30]).tolist()
    [1.0, 3.5, 2.0, 3.5]
    >>> average_ranks([[1, 1], [2, 1]]).tolist()
    [[1.5, 1.5], [2.0, 1.0]]
    """
    a = np.asarray(values, dtype=float)
    one = a.ndim == 1
    a2 = np.atleast_2d(a)
    k, n = a2.shape
    if n == 0:
        return np.zeros(a.shape)
    order = np.argsort(a2, axis=-1, kind="stable")
    ss = np.take_along_axis(a2, order, axis=-1)
    starts = np.ones((k, n), dtype=bool)
    starts[:, 1:] = ss[:, 1:] != ss[:, :-1]
    flat = starts.ravel()
    group = np.cumsum(flat)  # 1-based group number over all rows (rows start a group)
    bounds = np.r_[np.flatnonzero(flat), flat.size]  # first flat position of each group
    offset = (np.arange(k) * n)[:, None]
    ranked = 0.5 * (bounds[group] + bounds[group - 1] + 1).reshape(k, n) - offset
    out = np.empty((k, n))
    np.put_along_axis(out, order, ranked, axis=-1)
    return out[0] if one else out


def spearman(x: Any, y: Any) -> float:
    """Spearman rank correlation ``r_s`` of two rank vectors.

    Computed as the Pearson correlation of the ranks, which equals
    ``1 - 6 sum d^2 / (N (N^2 - 1))`` without ties and stays correct with ties.

    Examples
    --------
    >>> spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])
    0.9
    """
    a, b = _pair(x, y)
    _constant(a, b, "Spearman's correlation")
    return float(round(np.corrcoef(a, b)[0, 1], 15))


def weighted_spearman(x: Any, y: Any) -> float:
    """Weighted Spearman ``r_w`` (Pinto da Costa & Soares 2005), top positions weigh more.

    ``r_w = 1 - 6 sum (x_i - y_i)^2 ((N - x_i + 1) + (N - y_i + 1)) / (N^4 + N^3 - N^2 - N)``.

    Examples
    --------
    >>> round(weighted_spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]), 4)
    0.85
    """
    a, b = _pair(x, y)
    n = a.size
    num = 6.0 * np.sum((a - b) ** 2 * ((n - a + 1) + (n - b + 1)))
    return float(1.0 - num / (n**4 + n**3 - n**2 - n))


def ws_coefficient(reference: Any, other: Any) -> float:
    """WS rank similarity coefficient (Sałabun & Urbaniak 2020); asymmetric.

    ``WS = 1 - sum_i 2^(-x_i) |x_i - y_i| / max(|x_i - 1|, |x_i - N|)`` where ``x`` is the
    reference ranking (first argument) and ``y`` the compared ranking.

    Examples
    --------
    >>> round(ws_coefficient([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]), 4)
    0.7917
    """
    x, y = _pair(reference, other)
    n = x.size
    den = np.maximum(np.abs(x - 1), np.abs(x - n))
    return float(1.0 - np.sum(2.0 ** (-x) * np.abs(x - y) / den))


def kendall(x: Any, y: Any) -> float:
    """Kendall's tau-b of two rank vectors (ties corrected; as ``scipy.stats.kendalltau``).

    ``tau_b = (C - D) / sqrt((n0 - n1) (n0 - n2))`` with ``C - D`` the concordant minus the
    discordant pairs, ``n0 = n (n - 1) / 2`` and ``n1``, ``n2`` the pairs tied in each
    ranking. Computed from the signs of all pairwise differences (O(n²) memory, fine for
    rankings of up to a few thousand alternatives), in the same order of operations as scipy.

    Examples
    --------
    >>> round(kendall([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]), 4)
    0.8
    """
    a, b = _pair(x, y)
    _constant(a, b, "Kendall's tau")
    n = a.size
    upper = np.triu_indices(n, 1)
    dx = np.sign(a[:, None] - a[None, :])[upper].astype(np.int64)
    dy = np.sign(b[:, None] - b[None, :])[upper].astype(np.int64)
    total = n * (n - 1) // 2
    xtie = int(np.count_nonzero(dx == 0))
    ytie = int(np.count_nonzero(dy == 0))
    con_minus_dis = int((dx * dy).sum())
    tau = con_minus_dis / np.sqrt(total - xtie) / np.sqrt(total - ytie)
    return float(min(1.0, max(-1.0, tau)))


def _rankings(rankings: Any, weights: Any) -> tuple[np.ndarray, tuple, tuple, np.ndarray]:
    R, alternatives, voters = coerce_matrix(rankings, name="rankings")
    m, k = R.shape
    if np.any(R < 1) or np.any(m < R) or np.any(np.round(R) != R):
        raise engine_error(
            "mcda.rankings_not_ranks", found=f"{R.min():g} to {R.max():g}", allowed=m
        )
    w = (
        np.full(k, 1.0 / k)
        if weights is None
        else coerce_weights(weights, k, voters, name="voter weights")[0]
    )
    return R, alternatives, voters, w


def borda(rankings: Any, weights: Any = None, *, tie_rule: str = "min") -> RankingResult:
    """Borda count consensus: ``score_i = sum_k lambda_k (m - rank_ik)`` (higher is better).

    Parameters
    ----------
    rankings
        ``m x k`` ranks (alternatives x methods/participants), array-like or DataFrame.
    weights
        Weights of the methods/participants (default equal; normalised to sum 1).
    tie_rule
        Tie rule of the consensus ranks (default ``"min"``).

    Returns
    -------
    RankingResult

    Examples
    --------
    >>> borda([[1, 2], [2, 1], [3, 3]]).ranks.tolist()
    [1, 1, 3]
    """
    R, alternatives, voters, w = _rankings(rankings, weights)
    m = R.shape[0]
    scores = (m - R) @ w
    return finish_ranking(
        method="borda",
        scores=scores,
        alternatives=alternatives,
        criteria=voters,
        settings={"points": "m - rank", "voter_weights": w.tolist()},
        warnings=(),
        higher_is_better=True,
        tie_rule=tie_rule,
    )


def copeland(rankings: Any, weights: Any = None, *, tie_rule: str = "min") -> RankingResult:
    """Copeland consensus: pairwise (weighted) majority wins minus losses (higher is better).

    ``a`` beats ``b`` if the total weight of the methods ranking ``a`` above ``b`` exceeds the
    weight of those ranking ``b`` above ``a``; equal support is a draw (0 points).

    Parameters
    ----------
    rankings, weights, tie_rule
        As in :func:`borda`.

    Returns
    -------
    RankingResult

    Examples
    --------
    >>> copeland([[1, 1, 3], [2, 3, 1], [3, 2, 2]]).scores.tolist()
    [2.0, 0.0, -2.0]
    """
    R, alternatives, voters, w = _rankings(rankings, weights)
    above = (R[:, None, :] < R[None, :, :]).astype(float) @ w  # support for a over b
    margin = above - above.T
    tol = 1e-12
    scores = (margin > tol).sum(axis=1) - (margin < -tol).sum(axis=1)
    return finish_ranking(
        method="copeland",
        scores=scores.astype(float),
        alternatives=alternatives,
        criteria=voters,
        settings={"rule": "weighted pairwise majority: wins - losses", "voter_weights": w.tolist()},
        warnings=(),
        higher_is_better=True,
        tie_rule=tie_rule,
    )
