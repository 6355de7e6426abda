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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "NORMALIZATIONS",
    "TIE_RTOL",
    "TIE_RULES",
    "PrioritizationInputError",
    "RankingResult",
    "rank",
]

#: Relative tolerance used to decide that two scores are tied.
TIE_RTOL = 1e-12
#: Named tie rules accepted by :func:`rank`.
TIE_RULES = ("min", "dense", "ordinal")
#: Named normalisations accepted by the ranking methods.
NORMALIZATIONS = ("vector", "minmax", "max", "sum")

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


class PrioritizationInputError(ValueError):
    """An input to the prioritisation engine is not usable.

    The message always says what was found, what is allowed and how to fix it.
    """


# ----------------------------------------------------------------------------------------------
# coercion
# ----------------------------------------------------------------------------------------------


def _labels(obj: Any, n: int, prefix: str) -> tuple[Any, ...]:
    if obj is None:
        return tuple(f"{prefix}{i + 1}" for i in range(n))
    return tuple(obj)


def coerce_matrix(matrix: Any, *, name: str = "matrix") -> tuple[np.ndarray, tuple, tuple]:
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
        raise PrioritizationInputError(
            f"The {name} contains values that are not numbers ({exc}). Only numeric values are "
            f"allowed; convert text answers to scores before prioritising."
        ) from None
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise PrioritizationInputError(
            f"The {name} has shape {X.shape}. A 2-D table with at least one alternative (row) and "
            f"one criterion (column) is required."
        )
    bad = ~np.isfinite(X)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        alt = alternatives[i] if alternatives else f"row {i + 1}"
        crit = criteria[j] if criteria else f"column {j + 1}"
        raise PrioritizationInputError(
            f"The {name} has {int(bad.sum())} missing or infinite value(s), the first at "
            f"{alt!s} / {crit!s} ({X[i, j]}). Only finite numbers are allowed; fill or remove "
            f"the missing values before prioritising."
        )
    m, n = X.shape
    return X, _labels(alternatives, m, "A"), _labels(criteria, n, "C")


def coerce_weights(
    weights: Any, n: int, criteria: Sequence[Any] | None = None, *, name: str = "weights"
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Validate and normalise weights to sum 1; return ``(w, warnings)``.

    A mapping or Series is aligned on the criterion labels; names that are not criteria are
    rejected.
    """
    if isinstance(weights, Mapping | pd.Series):
        mapping = dict(weights.items())
        if criteria is None:
            raise PrioritizationInputError(
                f"The {name} are given by name but the criteria have no names. Pass the weights "
                f"as a plain list in column order."
            )
        unknown = [k for k in mapping if k not in criteria]
        if unknown:
            raise PrioritizationInputError(
                f"The {name} name criteria that do not exist: {unknown}. Allowed names are "
                f"{list(criteria)}; correct the spelling or remove them."
            )
        missing = [c for c in criteria if c not in mapping]
        if missing:
            raise PrioritizationInputError(
                f"The {name} give no value for criteria {missing}. Give every criterion a weight "
                f"(0 is allowed)."
            )
        values = [mapping[c] for c in criteria]
    else:
        values = weights
    try:
        w = np.array(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise PrioritizationInputError(
            f"The {name} contain values that are not numbers: {values!r}. Give one non-negative "
            f"number per criterion."
        ) from None
    if w.size != n:
        raise PrioritizationInputError(
            f"{w.size} {name} were given for {n} criteria. Give exactly one weight per criterion "
            f"(in column order)."
        )
    if not np.all(np.isfinite(w)):
        raise PrioritizationInputError(
            f"The {name} contain missing or infinite values: {w.tolist()}. Only finite, "
            f"non-negative numbers are allowed."
        )
    if np.any(w < 0):
        raise PrioritizationInputError(
            f"The {name} contain negative values: {w.tolist()}. Weights must be non-negative; "
            f"express a 'less is better' criterion through its type ('cost'), not a negative "
            f"weight."
        )
    total = w.sum()
    if total <= 0:
        raise PrioritizationInputError(
            f"All {name} are zero. At least one criterion needs a positive weight."
        )
    w = w / total
    warnings: list[str] = []
    labels = _labels(criteria, n, "C")
    for j in np.flatnonzero(w == 0):
        warnings.append(f"Criterion {labels[j]!s} has weight 0 and does not affect the ranking.")
    return w, tuple(warnings)


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
    out = []
    for t in list(types):
        key = t.strip().lower() if isinstance(t, str) else t
        if isinstance(key, str) and key in _TYPE_ALIASES:
            out.append(_TYPE_ALIASES[key])
            continue
        numeric = isinstance(key, int | float | np.integer | np.floating)
        if numeric and not isinstance(key, bool) and float(key) in (1.0, -1.0):
            out.append(int(key))
            continue
        raise PrioritizationInputError(
            f"Unknown criterion type {t!r}. Allowed are 'benefit' (or +1, more is better) and "
            f"'cost' (or -1, less is better)."
        )
    if len(out) != n:
        raise PrioritizationInputError(
            f"{len(out)} {name} were given for {n} criteria. Give exactly one type per criterion."
        )
    return np.array(out, dtype=int)


# ----------------------------------------------------------------------------------------------
# normalisation
# ----------------------------------------------------------------------------------------------


def constant_columns(X: np.ndarray) -> np.ndarray:
    """Boolean mask of columns whose values are all equal (cannot discriminate)."""
    span = X.max(axis=0) - X.min(axis=0)
    scale = np.maximum(np.abs(X).max(axis=0), 1.0)
    return span <= TIE_RTOL * scale


def constant_warnings(X: np.ndarray, criteria: Sequence[Any]) -> tuple[str, ...]:
    """Warnings for criteria with constant values."""
    if X.shape[0] < 2:
        return ()
    return tuple(
        f"Criterion {criteria[j]!s} has the same value for every alternative and cannot "
        f"discriminate between them."
        for j in np.flatnonzero(constant_columns(X))
    )


def normalize(
    X: np.ndarray, types: np.ndarray, method: str = "minmax", *, reverse_cost: bool = True
) -> np.ndarray:
    """Normalise a decision matrix column by column.

    Parameters
    ----------
    X
        ``m x n`` matrix.
    types
        ``+1`` benefit / ``-1`` cost per column.
    method
        ``"vector"``: ``x / sqrt(sum x^2)`` (cost, if reversed: ``1 - x / sqrt(sum x^2)``);
        ``"minmax"``: ``(x - min) / (max - min)`` (cost: ``(max - x) / (max - min)``);
        ``"max"``: ``x / max`` (cost: ``min / x``); ``"sum"``: ``x / sum`` (cost:
        ``(1/x) / sum(1/x)``).
    reverse_cost
        Reverse cost columns so that larger normalised values are always better (WSM). TOPSIS
        passes ``False`` and handles the direction through the ideal point.

    Notes
    -----
    A constant column (which cannot discriminate) is mapped to 0 for every alternative with
    ``minmax``; a column of zeros is mapped to 0 with every method. No NaN is ever produced.
    """
    if method not in NORMALIZATIONS:
        raise PrioritizationInputError(
            f"Unknown normalisation {method!r}. Allowed are {list(NORMALIZATIONS)}."
        )
    X = np.asarray(X, dtype=float)
    cost = types < 0
    R = np.zeros_like(X)
    if method == "minmax":
        lo, hi = X.min(axis=0), X.max(axis=0)
        span = hi - lo
        ok = ~constant_columns(X)
        safe = np.where(ok, span, 1.0)
        R = np.where(cost & reverse_cost, hi - X, X - lo) / safe
        R[:, ~ok] = 0.0
        return R
    if method == "vector":
        norm = np.sqrt((X**2).sum(axis=0))
        safe = np.where(norm > 0, norm, 1.0)
        R = X / safe
        if reverse_cost:
            R = np.where(cost & (norm > 0), 1.0 - R, R)
        return R
    if np.any(X < 0):
        raise PrioritizationInputError(
            f"The {method!r} normalisation needs non-negative values, but the matrix contains "
            f"negative values. Use 'minmax' or 'vector' normalisation, or shift the data."
        )
    if reverse_cost and np.any(X[:, cost] == 0):
        raise PrioritizationInputError(
            f"The {method!r} normalisation of a cost criterion divides by the values, but a cost "
            f"criterion contains zeros. Use 'minmax' or 'vector' normalisation instead."
        )
    if method == "max":
        mx = X.max(axis=0)
        safe = np.where(mx > 0, mx, 1.0)
        R = X / safe
        if reverse_cost and cost.any():
            with np.errstate(divide="ignore"):
                R[:, cost] = X[:, cost].min(axis=0) / X[:, cost]
        return R
    # sum
    sm = X.sum(axis=0)
    safe = np.where(sm > 0, sm, 1.0)
    R = X / safe
    if reverse_cost and cost.any():
        inv = 1.0 / X[:, cost]
        R[:, cost] = inv / inv.sum(axis=0)
    return R


# ----------------------------------------------------------------------------------------------
# ranking
# ----------------------------------------------------------------------------------------------


def _min_ranks_2d(scores: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """Competition ("min", "1224") ranks along the last axis of a 2-D array.

    ``rank_i = 1 + #{j : s_j better than s_i by more than TIE_RTOL * max|s|}``.
    """
    s = scores if higher_is_better else -scores
    tol = TIE_RTOL * np.abs(s).max(axis=-1, keepdims=True)
    threshold = s + tol
    ranks = np.ones(s.shape, dtype=np.int64 if s.shape[-1] > 32000 else np.int16)
    # Loop over the (few) alternatives, vectorised over all rows/samples at once.
    for j in range(s.shape[-1]):
        ranks += s[:, j : j + 1] > threshold
    return ranks.astype(np.int64, copy=False)


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
        raise PrioritizationInputError(
            f"Unknown tie rule {tie_rule!r}. Allowed are {list(TIE_RULES)}."
        )
    s = np.asarray(scores, dtype=float).ravel()
    if s.size == 0:
        return np.zeros(0, dtype=np.int64)
    if not np.all(np.isfinite(s)):
        raise PrioritizationInputError(
            "The scores to rank contain missing or infinite values; only finite numbers can be "
            "ranked."
        )
    r = _min_ranks_2d(s[None, :], higher_is_better)[0]
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
            groups.append(tuple(labels[i] for i in idx))
    return tuple(groups)


def tie_warnings(groups: tuple[tuple[Any, ...], ...]) -> tuple[str, ...]:
    """Human-readable warnings for tie groups."""
    return tuple(
        "Alternatives " + ", ".join(str(x) for x in g) + " are tied (equal scores)." for g in groups
    )


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
        Human-readable warnings (constant criterion, zero weight, ties, ...).
    ties
        Groups of tied alternatives.
    """

    method: str
    scores: np.ndarray
    ranks: np.ndarray
    alternatives: tuple[Any, ...]
    criteria: tuple[Any, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
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
    warnings: Sequence[str],
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
