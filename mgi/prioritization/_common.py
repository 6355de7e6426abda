"""Input coercion, validation, normalisation and ranking shared by the prioritisation engine.

Conventions (see ``docs``/MCDA.md of the project):

* the decision matrix has alternatives as rows and criteria as columns; a :class:`pandas.DataFrame`
  keeps its index as the alternative labels and its columns as the criterion labels;
* weights are non-negative and normalised to sum 1;
* criterion types are ``"benefit"`` (``+1``, more is better) or ``"cost"`` (``-1``);
* ranks start at 1 for the best alternative; the default tie rule is ``"min"`` (competition
  ranking "1224"); two scores are tied when they differ by at most
  ``TIE_RTOL * max(|scores|)`` (``TIE_RTOL = 1e-12``), so floating-point noise does not split ties.

Nothing here prints, plots or reads files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue, make_issue
from mgi.errors import InputError

__all__ = [
    "NORMALIZATIONS",
    "REFERENCES",
    "TIE_RTOL",
    "TIE_RULES",
    "PrioritizationInputError",
    "RankingResult",
    "min_ranks",
    "rank",
]

#: Relative tolerance used to decide that two scores are tied.
TIE_RTOL = 1e-12
#: Named tie rules accepted by :func:`rank`.
TIE_RULES = ("min", "dense", "ordinal")
#: Named normalisations accepted by the ranking methods. ``scale`` divides by each criterion's
#: declared scale (``bounds``), not by the values of the alternatives present.
NORMALIZATIONS = ("vector", "minmax", "max", "sum", "scale")
#: Where the best and worst values of a criterion are taken (TOPSIS's ideal, VIKOR's f* and f-):
#: ``observed`` among the alternatives, or ``scale`` at the ends of the declared scale.
REFERENCES = ("observed", "scale")

_TYPE_ALIASES: dict[Any, int] = {
    "benefit": 1,
    "max": 1,
    "+": 1,
    "+1": 1,
    "1": 1,
    "cost": -1,
    "min": -1,
    "-": -1,
    "-1": -1,
}


class PrioritizationInputError(InputError, ValueError):
    """An input to the prioritisation engine is not usable.

    An :class:`~mgi.errors.InputError` (so a command reports it and exits with 1) that is also
    a :class:`ValueError` (so plain numerical code can catch it as one). ``rule`` is the
    catalogue code and ``issue`` the catalogue :class:`~mgi.catalogue.Issue`; the message says
    where (which argument, criterion or alternative), what was found, what is allowed and how
    to fix it.
    """

    def __init__(
        self,
        message: str,
        *,
        issue: Issue | None = None,
        issues: Iterable[Issue] = (),
        path: Any = None,
        rule: str | None = None,
    ):
        super().__init__(message, issues=issues, path=path, rule=rule)
        self.issue = issue


def engine_error(rule: str, **fields: Any) -> PrioritizationInputError:
    """The error for catalogue rule ``rule`` (its message built from ``fields``).

    The message is the catalogue message; the :class:`~mgi.catalogue.Issue` is kept as
    ``issue`` (not in ``issues``, so a command does not print it twice).
    """
    issue = make_issue(rule, **fields)
    return PrioritizationInputError(issue.message, issue=issue, rule=rule)


def engine_issue(rule: str, **fields: Any) -> Issue:
    """A catalogue warning of the engine (constant criterion, zero weight, ties...)."""
    return make_issue(rule, **fields)


# ----------------------------------------------------------------------------------------------
# coercion
# ----------------------------------------------------------------------------------------------


def _labels(obj: Any, n: int, prefix: str) -> tuple[Any, ...]:
    if obj is None:
        return tuple(f"{prefix}{i + 1}" for i in range(n))
    return tuple(obj)


def coerce_matrix(matrix: Any, *, name: str = "decision matrix") -> tuple[np.ndarray, tuple, tuple]:
    """Return ``(X, alternatives, criteria)`` for an array-like or DataFrame decision matrix."""
    alternatives = None
    criteria = None
    if isinstance(matrix, pd.DataFrame):
        alternatives = tuple(matrix.index)
        criteria = tuple(matrix.columns)
        values = matrix.to_numpy()
    else:
        values = matrix
    try:
        X = np.array(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise engine_error("mcda.not_numeric", what=f"The {name}", found=exc) from None
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise engine_error("mcda.matrix_shape", what=f"The {name}", found=X.shape)
    bad = ~np.isfinite(X)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        alt = alternatives[i] if alternatives else f"row {i + 1}"
        crit = criteria[j] if criteria else f"column {j + 1}"
        raise engine_error(
            "mcda.matrix_not_finite",
            what=f"The {name}",
            count=int(bad.sum()),
            place=f"{alt!s} / {crit!s}",
            found=X[i, j],
        )
    m, n = X.shape
    return X, _labels(alternatives, m, "A"), _labels(criteria, n, "C")


def relative_total(w: np.ndarray) -> tuple[np.ndarray, float]:
    """``(w', total)`` with ``w' / total`` equal to ``w / w.sum()`` and ``total`` finite.

    Weights are relative: multiplying all of them by one number changes nothing. When their
    sum overflows (``1e308`` each) or underflows, they are first scaled by a power of two (an
    exact operation) that brings the largest to about 1; otherwise they are left exactly as
    given, so ordinary weights give the same bits as a plain ``w / w.sum()``.
    """
    with np.errstate(over="ignore"):
        total = float(w.sum())
    if w.size and (not np.isfinite(total) or 0 < total < 1e-300):
        top = float(np.max(w))
        if np.isfinite(top) and top > 0:
            w = np.ldexp(w, -int(np.frexp(top)[1]))
            total = float(w.sum())
    return w, total


def coerce_weights(
    weights: Any, n: int, criteria: Sequence[Any] | None = None, *, name: str = "weights"
) -> tuple[np.ndarray, tuple[Issue, ...]]:
    """Validate and normalise weights to sum 1; return ``(w, warnings)``.

    A mapping or Series is aligned on the criterion labels; names that are not criteria are
    rejected. Weights are relative, so very large values (``1e308``) are scaled before they
    are summed (see :func:`relative_total`). The warnings are catalogue issues (a criterion
    with weight 0).
    """
    what = f"The {name}"
    if isinstance(weights, Mapping | pd.Series):
        mapping = dict(weights.items())
        if criteria is None:
            raise engine_error("mcda.weights_unnamed", what=what)
        unknown = [k for k in mapping if k not in criteria]
        if unknown:
            raise engine_error(
                "mcda.weights_unknown_criterion",
                what=what,
                found=unknown,
                allowed=list(criteria),
            )
        missing = [c for c in criteria if c not in mapping]
        if missing:
            raise engine_error("mcda.weights_missing_criterion", what=what, found=missing)
        values = [mapping[c] for c in criteria]
    else:
        values = weights
    try:
        w = np.array(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise engine_error("mcda.weights_not_numeric", what=what, found=repr(values)) from None
    if w.size != n:
        raise engine_error(
            "mcda.wrong_count", what=name, found=w.size, expected=f"{n} criteria", per="criterion"
        )
    if not np.all(np.isfinite(w)):
        raise engine_error("mcda.weights_not_finite", what=what, found=w.tolist())
    if np.any(w < 0):
        raise engine_error("mcda.weights_negative", what=what, found=w.tolist())
    w, total = relative_total(w)
    if total <= 0:
        raise engine_error("mcda.weights_all_zero", what=f"All {name}")
    w = w / total
    if not np.all(np.isfinite(w)):  # pragma: no cover - relative_total keeps the total finite
        raise engine_error("mcda.weights_not_finite", what=what, found=w.tolist())
    labels = _labels(criteria, n, "C")
    warnings = tuple(
        engine_issue("mcda.zero_weight", column=str(labels[j]), found=labels[j])
        for j in np.flatnonzero(w == 0)
    )
    return w, warnings


def coerce_types(types: Any, n: int, *, name: str = "types") -> np.ndarray:
    """Return criterion types as an int array of +1 (benefit) / -1 (cost).

    ``None`` means every criterion is a benefit criterion.
    """
    if types is None:
        return np.ones(n, dtype=int)
    if isinstance(types, str):
        types = [types] * n
    if isinstance(types, pd.Series):
        types = types.tolist()
    try:
        items = list(types)
    except TypeError:
        raise engine_error("mcda.type_unknown", found=repr(types)) from None
    out = []
    for t in items:
        key = t.strip().lower() if isinstance(t, str) else t
        if isinstance(key, str) and key in _TYPE_ALIASES:
            out.append(_TYPE_ALIASES[key])
            continue
        numeric = isinstance(key, int | float | np.integer | np.floating)
        if numeric and not isinstance(key, bool) and float(key) in (1.0, -1.0):
            out.append(int(key))
            continue
        raise engine_error("mcda.type_unknown", found=repr(t))
    if len(out) != n:
        raise engine_error(
            "mcda.wrong_count",
            what=f"criterion {name}",
            found=len(out),
            expected=f"{n} criteria",
            per="criterion",
        )
    return np.array(out, dtype=int)


# ----------------------------------------------------------------------------------------------
# normalisation
# ----------------------------------------------------------------------------------------------


def constant_columns(X: np.ndarray) -> np.ndarray:
    """Boolean mask of columns whose values are all equal (cannot discriminate).

    ``X`` is ``m x n`` or a stack ``k x m x n`` (one mask per matrix, ``k x n``).
    """
    span = X.max(axis=-2) - X.min(axis=-2)
    scale = np.maximum(np.abs(X).max(axis=-2), 1.0)
    return span <= TIE_RTOL * scale


def coerce_bounds(bounds: Any, n: int, criteria: Sequence[Any]) -> np.ndarray:
    """The declared scale of each criterion as an ``n x 2`` array ``[low, high]``.

    ``bounds`` is one ``(low, high)`` pair per criterion (or one pair for all). Raises the
    catalogue error ``mcda.bounds_missing`` when there are none, ``mcda.bounds_invalid`` when a
    pair is not two finite numbers with ``low < high``.
    """
    if bounds is None:
        raise engine_error("mcda.bounds_missing")
    try:
        B = np.array(bounds, dtype=float)
    except (TypeError, ValueError):
        raise engine_error(
            "mcda.bounds_invalid", found=repr(bounds), criterion="all criteria"
        ) from None
    if B.shape == (2,):
        B = np.tile(B, (n, 1))
    if B.shape != (n, 2):
        raise engine_error(
            "mcda.wrong_count",
            what="declared scales (bounds)",
            found=B.shape[0] if B.ndim else 0,
            expected=f"{n} criteria",
            per="criterion, as (low, high)",
        )
    for j in range(n):  # loop over criteria (few)
        low, high = B[j]
        if not (np.isfinite(low) and np.isfinite(high) and high > low):
            raise engine_error(
                "mcda.bounds_invalid",
                column=str(criteria[j]),
                found=f"({low:g}, {high:g})",
                criterion=criteria[j],
            )
    return B


def check_within(X: np.ndarray, B: np.ndarray, criteria: Sequence[Any]) -> None:
    """The catalogue error ``mcda.outside_scale`` for the first value outside its criterion's
    declared scale (a relative tolerance of 1e-9 of the scale's width absorbs rounding)."""
    tol = 1e-9 * (B[:, 1] - B[:, 0])
    bad = (X - B[:, 0] < -tol) | (X - B[:, 1] > tol)
    if bad.any():
        where = np.argwhere(bad)[0]
        j = int(where[-1])
        raise engine_error(
            "mcda.outside_scale",
            column=str(criteria[j]),
            found=f"{float(X[tuple(where)]):g}",
            criterion=criteria[j],
            low=f"{B[j, 0]:g}",
            high=f"{B[j, 1]:g}",
            count=int(bad[..., j].sum()),
        )


def constant_warnings(X: np.ndarray, criteria: Sequence[Any]) -> tuple[Issue, ...]:
    """Catalogue warnings for criteria with constant values."""
    if X.shape[0] < 2:
        return ()
    return tuple(
        engine_issue("mcda.constant_criterion", column=str(criteria[j]), found=criteria[j])
        for j in np.flatnonzero(constant_columns(X)).tolist()
    )


def normalize(
    X: np.ndarray,
    types: np.ndarray,
    method: str = "minmax",
    *,
    reverse_cost: bool = True,
    bounds: np.ndarray | None = None,
) -> np.ndarray:
    """Normalise a decision matrix column by column.

    Parameters
    ----------
    X
        ``m x n`` matrix, or a stack ``k x m x n`` of matrices (each normalised on its own).
    types
        ``+1`` benefit / ``-1`` cost per column.
    method
        ``"vector"``: ``x / sqrt(sum x^2)`` (cost, if reversed: ``1 - x / sqrt(sum x^2)``);
        ``"minmax"``: ``(x - min) / (max - min)`` (cost: ``(max - x) / (max - min)``);
        ``"max"``: ``x / max`` (cost: ``min / x``); ``"sum"``: ``x / sum`` (cost:
        ``(1/x) / sum(1/x)``); ``"scale"``: ``(x - low) / (high - low)`` on the criterion's
        declared scale (cost: ``(high - x) / (high - low)``).
    reverse_cost
        Reverse cost columns so that larger normalised values are always better (WSM). TOPSIS
        passes ``False`` and handles the direction through the ideal point.
    bounds
        ``n x 2`` declared scales ``[low, high]`` (see :func:`coerce_bounds`); needed by
        ``"scale"`` only.

    Notes
    -----
    A constant column (which cannot discriminate) is mapped to 0 for every alternative with
    ``minmax``; a column of zeros is mapped to 0 with every method. No NaN is ever produced.
    With ``"scale"`` a constant column keeps its place on the scale: the result does not
    depend on which other alternatives are present.
    """
    if method not in NORMALIZATIONS:
        raise engine_error(
            "mcda.setting_invalid",
            what="normalisation",
            found=repr(method),
            allowed=", ".join(NORMALIZATIONS),
        )
    X = np.asarray(X, dtype=float)
    cost = types < 0
    if method == "scale":
        if bounds is None:
            raise engine_error("mcda.bounds_missing")
        low, high = bounds[:, 0], bounds[:, 1]
        return np.where(cost & reverse_cost, high - X, X - low) / (high - low)
    if method == "minmax":
        lo, hi = X.min(axis=-2, keepdims=True), X.max(axis=-2, keepdims=True)
        span = hi - lo
        ok = ~constant_columns(X)[..., None, :]
        safe = np.where(ok, span, 1.0)
        R = np.where(cost & reverse_cost, hi - X, X - lo) / safe
        return np.where(ok, R, 0.0)
    if method == "vector":
        norm = np.sqrt((X**2).sum(axis=-2, keepdims=True))
        safe = np.where(norm > 0, norm, 1.0)
        R = X / safe
        if reverse_cost:
            R = np.where(cost & (norm > 0), 1.0 - R, R)
        return R
    if np.any(X < 0):
        raise engine_error("mcda.normalization_negative", found=repr(method))
    if reverse_cost and np.any(X[..., cost] == 0):
        raise engine_error("mcda.normalization_cost_zero", found=repr(method))
    reversed_cost = cost & reverse_cost
    if method == "max":
        mx = X.max(axis=-2, keepdims=True)
        safe = np.where(mx > 0, mx, 1.0)
        R = X / safe
        if reversed_cost.any():
            with np.errstate(divide="ignore"):
                inverse = X.min(axis=-2, keepdims=True) / np.where(reversed_cost, X, 1.0)
            R = np.where(reversed_cost, inverse, R)
        return R
    # sum
    sm = X.sum(axis=-2, keepdims=True)
    safe = np.where(sm > 0, sm, 1.0)
    R = X / safe
    if reversed_cost.any():
        inv = 1.0 / np.where(reversed_cost, X, 1.0)
        R = np.where(reversed_cost, inv / inv.sum(axis=-2, keepdims=True), R)
    return R


def normalize_points(
    X: np.ndarray,
    points: np.ndarray,
    method: str,
    *,
    bounds: np.ndarray | None = None,
) -> np.ndarray:
    """Values ``points`` (``... x p x n``) normalised as the columns of ``X`` (``... x m x n``)
    are by :func:`normalize` without reversing cost columns (as TOPSIS normalises): the same
    divisor and offset, taken from ``X``. Used to place the ends of the declared scales on the
    normalised axis (TOPSIS's ideal and anti-ideal at the scale ends). Under ``minmax`` a
    constant column gives 0, as its values do.
    """
    X = np.asarray(X, dtype=float)
    if method == "scale":
        assert bounds is not None
        return (points - bounds[:, 0]) / (bounds[:, 1] - bounds[:, 0])
    if method == "minmax":
        lo, hi = X.min(axis=-2, keepdims=True), X.max(axis=-2, keepdims=True)
        ok = ~constant_columns(X)[..., None, :]
        out = (points - lo) / np.where(ok, hi - lo, 1.0)
        return np.where(ok, out, 0.0)
    if method == "vector":
        divisor = np.sqrt((X**2).sum(axis=-2, keepdims=True))
    elif method == "max":
        divisor = X.max(axis=-2, keepdims=True)
    else:
        divisor = X.sum(axis=-2, keepdims=True)
    return points / np.where(divisor > 0, divisor, 1.0)


# ----------------------------------------------------------------------------------------------
# ranking
# ----------------------------------------------------------------------------------------------


def _exact_min_ranks(scores: np.ndarray, higher_is_better: bool) -> np.ndarray:
    """Competition ranks of each row by the definition: ``1 + #{j : s_j > s_i + tol}``.

    Exact for any row, finite or not. Finite rows are ranked in O(m log m): each row's values
    and thresholds ``s_i + tol`` are sorted together (thresholds first among equal keys), and
    the values before a threshold are exactly those above it. Rows with a missing or infinite
    score (never produced by the methods) are compared pairwise, as the definition reads.
    """
    s = scores if higher_is_better else -scores
    k, m = s.shape
    ranks = np.ones((k, m), dtype=np.int64)
    if k == 0 or m == 0:
        return ranks
    with np.errstate(invalid="ignore"):
        tol = TIE_RTOL * np.abs(s).max(axis=1, keepdims=True)
        threshold = s + tol
    finite = np.isfinite(s).all(axis=1)
    if finite.any():
        f = np.flatnonzero(finite)
        keys = np.concatenate([-threshold[f], -s[f]], axis=1)  # ascending = descending scores
        order = np.argsort(keys, axis=1, kind="stable")
        is_value = order >= m
        before = np.cumsum(is_value, axis=1) - is_value
        thresholds = ~is_value
        rows = np.repeat(np.arange(f.size), m)
        sub = np.empty((f.size, m), dtype=np.int64)
        sub[rows, order[thresholds]] = 1 + before[thresholds]
        ranks[f] = sub
    for i in np.flatnonzero(~finite):  # rows with NaN or inf only (loop over such rows)
        with np.errstate(invalid="ignore"):
            ranks[i] = 1 + (s[i][None, :] > threshold[i][:, None]).sum(axis=1)
    return ranks


#: Largest number of alternatives ranked by packed keys (the index takes the low bits).
_PACKED_MAX_M = 1024
_LOW63 = np.int64(0x7FFF_FFFF_FFFF_FFFF)


def _packed_argsort(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Argsort of every row by one sort of packed 64-bit keys: ``(ascending, clear)``.

    Each score's bits are mapped to an integer in the same order (negative floats have their
    63 low bits flipped), its lowest ``b = ceil(log2 m)`` bits are replaced by the
    alternative's index, and each row is sorted as integers (much faster than an argsort).
    The index comes back from the low bits. Cutting ``b <= 10`` bits moves a value by less than
    ``2**-42`` of itself, far below the tie tolerance: a row is ``clear`` only when every
    neighbour in the sorted row is apart by more than ``3 * TIE_RTOL * max|s|`` (measured on the
    cut values), which guarantees that the true order is the sorted order and that no two
    scores are tied by the definition. Other rows go to :func:`_exact_min_ranks`.
    """
    m = scores.shape[1]
    bits = max(1, (m - 1).bit_length())
    mask = np.int64((1 << bits) - 1)
    raw = scores.view(np.int64)
    key = raw >> 63
    key &= _LOW63
    key ^= raw
    key &= ~mask
    key |= np.arange(m, dtype=np.int64)
    key.sort(axis=-1)
    ascending = key & mask
    key &= ~mask
    flip = key >> 63
    flip &= _LOW63
    key ^= flip
    cut = key.view(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        top = np.maximum(np.abs(cut[:, 0]), np.abs(cut[:, -1]))
        finite = np.isfinite(top)
        apart = cut[:, 1:] > cut[:, :-1] + (3.0 * TIE_RTOL * top)[:, None]
        clear = finite & apart.all(axis=1) if not (apart.all() and finite.all()) else finite
    return ascending, clear


def sorted_scores(scores: np.ndarray, higher_is_better: bool) -> tuple[np.ndarray, np.ndarray]:
    """One argsort per row: ``(ascending, clear)``.

    ``ascending[r]`` lists the alternatives of row ``r`` from the lowest score to the highest
    (so from worst to best when higher is better). ``clear[r]`` is True when every score of
    the row is finite and each is better than the next by more than the tie tolerance: then
    the competition ranks of the row are exactly ``1, 2, ..., m`` in order of merit. Rows that
    are not clear may hold a tie (or a missing score) and are ranked by
    :func:`_exact_min_ranks`. Up to 1,024 alternatives the argsort is a sort of packed keys
    (:func:`_packed_argsort`); above, an argsort and a check of the sorted neighbours exactly
    as the definition compares any two scores.
    """
    scores = np.ascontiguousarray(scores, dtype=float)
    if scores.shape[-1] <= _PACKED_MAX_M:
        return _packed_argsort(scores)
    ascending = np.argsort(scores, axis=-1)
    a = np.sort(scores, axis=-1)
    with np.errstate(invalid="ignore"):
        # A sorted row's largest |score| is at one of its ends; NaN and inf sort to the ends.
        top = np.maximum(np.abs(a[:, 0]), np.abs(a[:, -1]))
        clear = np.isfinite(top)
        tol = (TIE_RTOL * top)[:, None]
        if higher_is_better:  # the better neighbour a[q + 1] > a[q] + tol
            clear &= (a[:, 1:] > a[:, :-1] + tol).all(axis=1)
        else:  # -a[q] > -a[q + 1] + tol  <=>  a[q] < a[q + 1] - tol (negation is exact)
            clear &= (a[:, :-1] < a[:, 1:] - tol).all(axis=1)
    return ascending, clear


def merit_positions(m: int, higher_is_better: bool) -> np.ndarray:
    """Rank - 1 of the alternative at each position of an ascending argsort (no ties)."""
    return np.arange(m - 1, -1, -1) if higher_is_better else np.arange(m)


def min_ranks(scores: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """Competition ("min", "1224") ranks along the last axis of a 2-D array of scores.

    ``rank_i = 1 + #{j : s_j better than s_i by more than TIE_RTOL * max|s|}``: one argsort
    per row, and the exact definition (:func:`_exact_min_ranks`) for the rows with a tie.
    """
    scores = np.asarray(scores, dtype=float)
    k, m = scores.shape
    if m == 0:
        return np.ones((k, 0), dtype=np.int64)
    ascending, clear = sorted_scores(scores, higher_is_better)
    ranks = np.empty((k, m), dtype=np.int64)
    positions = merit_positions(m, higher_is_better) + 1
    np.put_along_axis(ranks, ascending, np.broadcast_to(positions, (k, m)), axis=-1)
    if not clear.all():
        tied = np.flatnonzero(~clear)
        ranks[tied] = _exact_min_ranks(scores[tied], higher_is_better)
    return ranks


def rank(scores: Any, higher_is_better: bool = True, tie_rule: str = "min") -> np.ndarray:
    """Rank scores, 1 = best, with a named tie rule.

    Parameters
    ----------
    scores
        1-D array-like of scores.
    higher_is_better
        ``True`` if larger scores are better (WSM, TOPSIS, PROMETHEE), ``False`` for VIKOR's Q.
    tie_rule
        ``"min"`` (default, competition ranking "1224"), ``"dense"`` ("1223") or ``"ordinal"``
        ("1234", ties broken by input order). Scores are tied when they differ by at most
        ``1e-12 * max(|scores|)``.

    Returns
    -------
    numpy.ndarray
        Integer ranks aligned with ``scores``.

    Examples
    --------
    >>> rank([0.5, 0.9, 0.5, 0.1]).tolist()
    [2, 1, 2, 4]
    >>> rank([0.5, 0.9, 0.5, 0.1], tie_rule="dense").tolist()
    [2, 1, 2, 3]
    """
    if tie_rule not in TIE_RULES:
        raise engine_error(
            "mcda.setting_invalid",
            what="tie rule",
            found=repr(tie_rule),
            allowed=", ".join(TIE_RULES),
        )
    s = np.asarray(scores, dtype=float).ravel()
    if s.size == 0:
        return np.zeros(0, dtype=np.int64)
    if not np.all(np.isfinite(s)):
        raise engine_error("mcda.scores_not_finite")
    r = min_ranks(s[None, :], higher_is_better)[0]
    if tie_rule == "min":
        return r
    if tie_rule == "dense":
        levels = np.unique(r)
        return (np.searchsorted(levels, r) + 1).astype(np.int64)
    order = np.lexsort((np.arange(s.size), r))
    out = np.empty(s.size, dtype=np.int64)
    out[order] = np.arange(1, s.size + 1)
    return out


def tie_groups(ranks_min: np.ndarray, labels: Sequence[Any]) -> tuple[tuple[Any, ...], ...]:
    """Groups (of size >= 2) of alternatives sharing the same competition rank."""
    groups = []
    for r in np.unique(ranks_min):
        idx = np.flatnonzero(ranks_min == r)
        if idx.size > 1:
            groups.append(tuple(labels[i] for i in idx.tolist()))
    return tuple(groups)


def tie_warnings(groups: tuple[tuple[Any, ...], ...]) -> tuple[Issue, ...]:
    """Catalogue warnings for tie groups."""
    return tuple(engine_issue("mcda.tie", found=", ".join(str(x) for x in g)) for g in groups)


def readonly(a: np.ndarray) -> np.ndarray:
    """Return a read-only copy of an array (results are immutable)."""
    out = np.array(a, copy=True)
    out.setflags(write=False)
    return out


# ----------------------------------------------------------------------------------------------
# results
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RankingResult:
    """Result of a ranking or consensus method.

    Attributes
    ----------
    method
        Name of the method (``"wsm"``, ``"topsis"``, ``"vikor"``, ``"promethee_ii"``, ``"borda"``,
        ``"copeland"``).
    scores
        Score per alternative, aligned with the input rows.
    ranks
        Integer ranks (1 = best) under ``settings["tie_rule"]``.
    alternatives
        Alternative labels (the DataFrame index, or ``A1, A2, ...``).
    criteria
        Criterion labels (or method labels for consensus results).
    settings
        Every convention used to produce the numbers.
    warnings
        Catalogue issues (constant criterion, zero weight, ties, ...), each with its rule.
    ties
        Groups of tied alternatives.
    """

    method: str
    scores: np.ndarray
    ranks: np.ndarray
    alternatives: tuple[Any, ...]
    criteria: tuple[Any, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[Issue, ...] = ()
    ties: tuple[tuple[Any, ...], ...] = ()

    def _extra_columns(self) -> dict[str, np.ndarray]:
        return {}

    def to_frame(self) -> pd.DataFrame:
        """Return a DataFrame indexed by alternative with the score, rank and method columns.

        Examples
        --------
        >>> from mgi.prioritization import wsm
        >>> wsm([[1, 2], [3, 1]], [0.5, 0.5], ["benefit", "cost"]).to_frame().columns.tolist()
        ['score', 'rank']
        """
        data = {"score": np.asarray(self.scores), "rank": np.asarray(self.ranks)}
        data.update(self._extra_columns())
        return pd.DataFrame(data, index=pd.Index(self.alternatives, name="alternative"))


def finish_ranking(
    *,
    method: str,
    scores: np.ndarray,
    alternatives: tuple,
    criteria: tuple,
    settings: dict[str, Any],
    warnings: Sequence[Issue],
    higher_is_better: bool,
    tie_rule: str,
    cls: type[RankingResult] = RankingResult,
    **extra: Any,
) -> RankingResult:
    """Rank scores, collect ties and warnings, and build the frozen result object."""
    ranks = rank(scores, higher_is_better=higher_is_better, tie_rule=tie_rule)
    groups = tie_groups(rank(scores, higher_is_better=higher_is_better), alternatives)
    settings = dict(settings)
    settings.update(
        tie_rule=tie_rule,
        tie_tolerance=f"relative {TIE_RTOL:g} of max |score|",
        higher_is_better=higher_is_better,
    )
    return cls(
        method=method,
        scores=readonly(scores),
        ranks=readonly(ranks),
        alternatives=alternatives,
        criteria=criteria,
        settings=settings,
        warnings=tuple(warnings) + tie_warnings(groups),
        ties=groups,
        **{k: (readonly(v) if isinstance(v, np.ndarray) else v) for k, v in extra.items()},
    )
