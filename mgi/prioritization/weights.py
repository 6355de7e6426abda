"""Criterion weights: direct points, rank-order centroid (ROC), entropy and CRITIC.

Subjective weights (:func:`direct_weights`, :func:`roc_weights`, and AHP in
:mod:`mgi.prioritization.ahp`) and objective weights derived from the data (:func:`entropy_weights`,
:func:`critic_weights`). Each function returns weights that are non-negative and sum to 1; a
labelled input (dict, Series, DataFrame) gives a :class:`pandas.Series` indexed by criterion,
otherwise a :class:`numpy.ndarray`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from mgi.prioritization._common import (
    coerce_matrix,
    coerce_types,
    coerce_weights,
    constant_columns,
    engine_error,
    normalize,
)

__all__ = ["critic_weights", "direct_weights", "entropy_weights", "roc_weights"]


def _labelled(values: Any) -> tuple[list, Any]:
    if isinstance(values, Mapping):
        return list(values.values()), list(values.keys())
    if isinstance(values, pd.Series):
        return values.tolist(), list(values.index)
    return values, None


def _out(w: np.ndarray, labels: Any) -> np.ndarray | pd.Series:
    if labels is None:
        return w
    return pd.Series(w, index=pd.Index(labels, name="criterion"), name="weight")


def direct_weights(points: Any) -> np.ndarray | pd.Series:
    """Normalise directly assigned points (e.g. a 100-point allocation) to weights summing to 1.

    Parameters
    ----------
    points
        Non-negative numbers, one per criterion (list, array, dict or Series). All-zero,
        negative or missing values are rejected.

    Returns
    -------
    numpy.ndarray or pandas.Series
        A Series indexed by criterion if ``points`` was labelled.

    Examples
    --------
    >>> direct_weights([50, 30, 20]).tolist()
    [0.5, 0.3, 0.2]
    >>> float(direct_weights({"D1": 1, "D2": 3})["D2"])
    0.75
    """
    values, labels = _labelled(points)
    arr = np.atleast_1d(np.asarray(values, dtype=object)).ravel()
    w, _ = coerce_weights(arr.tolist(), arr.size, labels, name="points")
    return _out(w, labels)


def roc_weights(ranking: Any) -> np.ndarray | pd.Series:
    """Rank-order centroid weights (Barron & Barrett 1996): ``w_k = (1/n) sum_{i=k..n} 1/i``.

    Parameters
    ----------
    ranking
        The importance rank of each criterion (1 = most important), in criterion order. Only the
        order of the values is used. Tied criteria (equal ranks, e.g. ``[1, 2, 2, 4]``) share the
        **average of the ROC weights of the positions they jointly occupy**, so the weights still
        sum to 1.

    Returns
    -------
    numpy.ndarray or pandas.Series
        Weight of each criterion, in the input order.

    Examples
    --------
    >>> roc_weights([1, 2, 3, 4]).round(4).tolist()
    [0.5208, 0.2708, 0.1458, 0.0625]
    >>> roc_weights([2, 1]).round(2).tolist()
    [0.25, 0.75]
    """
    values, labels = _labelled(ranking)
    try:
        r = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise engine_error("mcda.ranking_invalid", found=repr(values)) from None
    n = r.size
    if n == 0 or not np.all(np.isfinite(r)):
        raise engine_error("mcda.ranking_invalid", found=r.tolist())
    base = np.cumsum((1.0 / np.arange(1, n + 1))[::-1])[::-1] / n  # ROC weight of position k
    order = np.argsort(r, kind="stable")
    w = np.empty(n)
    sorted_r = r[order]
    start = 0
    while start < n:  # loop over tie groups of criteria (few), not samples
        stop = start + 1
        while stop < n and sorted_r[stop] == sorted_r[start]:
            stop += 1
        w[order[start:stop]] = base[start:stop].mean()
        start = stop
    return _out(w, labels)


def entropy_weights(matrix: Any) -> np.ndarray | pd.Series:
    """Shannon entropy weights.

    ``p_ij = x_ij / sum_i x_ij``; ``E_j = -(1/ln m) sum_i p_ij ln p_ij`` with ``0 ln 0 = 0``;
    ``w_j = (1 - E_j) / sum_k (1 - E_k)``. As in the published examples the criterion type is
    ignored (entropy measures dispersion, not direction). A column of zeros carries no
    information and is given ``E_j = 1`` (weight 0).

    Parameters
    ----------
    matrix
        ``m x n`` non-negative matrix (``m >= 2``), alternatives as rows.

    Returns
    -------
    numpy.ndarray or pandas.Series

    Examples
    --------
    >>> entropy_weights([[1, 5], [1, 1], [1, 9]]).round(3).tolist()
    [0.0, 1.0]
    """
    X, _, criteria = coerce_matrix(matrix)
    m = X.shape[0]
    if m < 2:
        raise engine_error("mcda.too_few_alternatives", what="Entropy weights", found=m)
    if np.any(X < 0):
        raise engine_error("mcda.entropy_negative")
    col = X.sum(axis=0)
    P = np.divide(X, col, out=np.zeros_like(X), where=col > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(P > 0, P * np.log(np.where(P > 0, P, 1.0)), 0.0)
    E = -plogp.sum(axis=0) / np.log(m)
    E[col <= 0] = 1.0
    d = np.clip(1.0 - E, 0.0, None)
    if d.sum() <= 0:
        raise engine_error(
            "mcda.objective_weights_undefined",
            what="Entropy weights",
            found="every criterion has the same value for all alternatives (entropy 1)",
        )
    labels = criteria if isinstance(matrix, pd.DataFrame) else None
    return _out(d / d.sum(), labels)


def critic_weights(matrix: Any, types: Any = None, *, ddof: int = 1) -> np.ndarray | pd.Series:
    """CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995).

    Min-max normalise (cost reversed), ``C_j = sigma_j * sum_k (1 - r_jk)`` with Pearson
    correlations ``r_jk`` between normalised columns, ``w_j = C_j / sum_k C_k``.

    Parameters
    ----------
    matrix
        ``m x n`` matrix, alternatives as rows (``m >= 2``).
    types
        Criterion types (``None``: all benefit). Reversing a column changes the sign of its
        correlations, hence the weights.
    ddof
        Delta degrees of freedom of the standard deviation: ``1`` (default) = sample standard
        deviation (divide by ``m - 1``), ``0`` = population (divide by ``m``). Both appear in the
        literature; ``ddof`` rescales every ``sigma_j`` by the same factor, so the weights do not
        depend on it.

    Returns
    -------
    numpy.ndarray or pandas.Series

    Notes
    -----
    A constant criterion has ``sigma_j = 0`` and gets weight 0; its correlations, undefined, are
    set to 0 so the other criteria are unaffected. No NaN is produced.

    Examples
    --------
    >>> critic_weights([[1, 2, 3], [2, 1, 3], [3, 3, 1]]).round(3).tolist()
    [0.262, 0.262, 0.477]
    """
    X, _, criteria = coerce_matrix(matrix)
    m, n = X.shape
    if m < 2:
        raise engine_error("mcda.too_few_alternatives", what="CRITIC weights", found=m)
    t = coerce_types(types, n)
    R = normalize(X, t, "minmax", reverse_cost=True)
    const = constant_columns(X)
    sigma = R.std(axis=0, ddof=ddof)
    sigma[const] = 0.0
    Z = R - R.mean(axis=0)
    norms = np.sqrt((Z**2).sum(axis=0))
    safe = np.where(norms > 0, norms, 1.0)
    Zn = Z / safe
    corr = Zn.T @ Zn
    corr[const, :] = 0.0
    corr[:, const] = 0.0
    np.fill_diagonal(corr, 1.0)
    C = sigma * (1.0 - corr).sum(axis=1)
    if C.sum() <= 0:
        raise engine_error(
            "mcda.objective_weights_undefined",
            what="CRITIC weights",
            found="no criterion varies (or all are perfectly correlated)",
        )
    labels = criteria if isinstance(matrix, pd.DataFrame) else None
    return _out(C / C.sum(), labels)
