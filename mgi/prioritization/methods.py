"""Ranking methods: weighted sum (WSM), TOPSIS, VIKOR and PROMETHEE II.

Every public function takes ``(matrix, weights, types, **settings)`` with alternatives as rows and
returns a frozen result whose arrays align with the input rows. The private ``_*_kernel``
functions work on a batch of weight vectors at once (``W`` of shape ``samples x n``) and are used
by :func:`mgi.prioritization.smaa`; the public functions call the same kernels with one weight
vector, so the single-run and the stochastic results can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mgi.prioritization._common import (
    TIE_RTOL,
    PrioritizationInputError,
    RankingResult,
    coerce_matrix,
    coerce_types,
    coerce_weights,
    constant_warnings,
    finish_ranking,
    normalize,
)

__all__ = [
    "PREFERENCE_FUNCTIONS",
    "PrometheeResult",
    "VikorResult",
    "promethee_ii",
    "topsis",
    "vikor",
    "wsm",
]


# ----------------------------------------------------------------------------------------------
# result classes
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class VikorResult(RankingResult):
    """VIKOR result: ``scores`` is Q (lower is better), plus S, R and the compromise set.

    Attributes
    ----------
    S, R, Q
        Group utility, individual regret and the compromise index per alternative.
    compromise
        Labels of the compromise set (Opricovic & Tzeng 2004).
    compromise_conditions
        ``acceptable_advantage`` (C1), ``acceptable_stability`` (C2), the threshold ``DQ`` and
        the observed advantage ``Q(a2) - Q(a1)``.
    """

    S: np.ndarray
    R: np.ndarray
    Q: np.ndarray
    compromise: tuple[Any, ...] = ()
    compromise_conditions: dict[str, Any] = field(default_factory=dict)

    def _extra_columns(self) -> dict[str, np.ndarray]:
        return {"S": np.asarray(self.S), "R": np.asarray(self.R), "Q": np.asarray(self.Q)}


@dataclass(frozen=True, kw_only=True)
class PrometheeResult(RankingResult):
    """PROMETHEE II result: ``scores`` is the net flow (higher is better).

    Attributes
    ----------
    phi_plus, phi_minus, net
        Leaving, entering and net flows, divided by ``m - 1``; ``net = phi_plus - phi_minus``
        and ``net.sum() == 0``.
    flows
        Unicriterion net flows (``m x n``); ``net = flows @ weights``.
    weights
        The normalised weights used.
    """

    phi_plus: np.ndarray
    phi_minus: np.ndarray
    net: np.ndarray
    flows: np.ndarray
    weights: np.ndarray

    def _extra_columns(self) -> dict[str, np.ndarray]:
        return {
            "phi_plus": np.asarray(self.phi_plus),
            "phi_minus": np.asarray(self.phi_minus),
            "net": np.asarray(self.net),
        }


def _prepare(matrix: Any, weights: Any, types: Any):
    X, alternatives, criteria = coerce_matrix(matrix)
    n = X.shape[1]
    w, wwarn = coerce_weights(weights, n, criteria)
    t = coerce_types(types, n)
    warnings = constant_warnings(X, criteria) + wwarn
    return X, w, t, alternatives, criteria, warnings


# ----------------------------------------------------------------------------------------------
# WSM
# ----------------------------------------------------------------------------------------------


def _wsm_matrix(X: np.ndarray, types: np.ndarray, normalization: str) -> np.ndarray:
    return normalize(X, types, normalization, reverse_cost=True)


def wsm(
    matrix: Any,
    weights: Any,
    types: Any,
    *,
    normalization: str = "minmax",
    tie_rule: str = "min",
) -> RankingResult:
    """Weighted sum model (SAW): ``S_i = sum_j w_j r_ij`` (higher is better).

    Parameters
    ----------
    matrix
        ``m x n`` array-like or DataFrame, alternatives as rows.
    weights
        ``n`` non-negative weights (normalised to sum 1).
    types
        ``n`` criterion types, ``"benefit"``/``"cost"`` or ``+1``/``-1``.
    normalization
        ``"minmax"`` (default; cost reversed), ``"max"``, ``"sum"`` or ``"vector"``.
    tie_rule
        ``"min"`` (default), ``"dense"`` or ``"ordinal"``.

    Returns
    -------
    RankingResult

    Examples
    --------
    >>> r = wsm([[1, 10], [2, 30], [3, 20]], [0.5, 0.5], ["benefit", "cost"])
    >>> r.scores.round(3).tolist(), r.ranks.tolist()
    ([0.5, 0.25, 0.75], [2, 3, 1])
    """
    X, w, t, alternatives, criteria, warnings = _prepare(matrix, weights, types)
    R = _wsm_matrix(X, t, normalization)
    scores = R @ w
    return finish_ranking(
        method="wsm",
        scores=scores,
        alternatives=alternatives,
        criteria=criteria,
        settings={
            "normalization": normalization,
            "cost_handling": "reversed in normalisation",
            "weights": w.tolist(),
            "types": t.tolist(),
            "constant_column_value": 0.0 if normalization == "minmax" else "x / scale",
        },
        warnings=warnings,
        higher_is_better=True,
        tie_rule=tie_rule,
    )


# ----------------------------------------------------------------------------------------------
# TOPSIS
# ----------------------------------------------------------------------------------------------


def _topsis_parts(X: np.ndarray, types: np.ndarray, normalization: str):
    """Squared deviations from the (unweighted) ideal and anti-ideal, ``m x n`` each.

    Since weights are non-negative, the weighted ideal is ``w_j * best_j``, so
    ``d+_i^2 = sum_j w_j^2 (r_ij - best_j)^2``: distances are linear in ``w**2``.
    """
    R = normalize(X, types, normalization, reverse_cost=False)
    best = np.where(types > 0, R.max(axis=0), R.min(axis=0))
    worst = np.where(types > 0, R.min(axis=0), R.max(axis=0))
    return (R - best) ** 2, (R - worst) ** 2


def _topsis_kernel(Dp2: np.ndarray, Dm2: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Closeness ``C = d- / (d+ + d-)`` for a batch of weights ``W`` (k x n) -> (k x m)."""
    W2 = W * W
    dp = np.sqrt(W2 @ Dp2.T)
    dm = np.sqrt(W2 @ Dm2.T)
    den = dp + dm
    # den == 0 only if every alternative equals the ideal on every weighted criterion.
    return np.divide(dm, den, out=np.full_like(den, 0.5), where=den > 0)


def topsis(
    matrix: Any,
    weights: Any,
    types: Any,
    *,
    normalization: str = "vector",
    tie_rule: str = "min",
) -> RankingResult:
    """TOPSIS (Hwang & Yoon 1981): closeness to the ideal solution (higher is better).

    Normalise (default ``"vector"``: ``x / sqrt(sum x^2)``), weight after normalising, take the
    ideal (max for benefit, min for cost) and anti-ideal, Euclidean distances ``d+``, ``d-`` and
    closeness ``C_i = d-_i / (d+_i + d-_i)``. If ``d+ + d- = 0`` (all alternatives identical)
    ``C = 0.5``.

    Parameters
    ----------
    matrix, weights, types
        See :func:`wsm`.
    normalization
        ``"vector"`` (default), ``"minmax"``, ``"max"`` or ``"sum"`` (cost not reversed; the
        direction is handled by the ideal point).
    tie_rule
        ``"min"`` (default), ``"dense"`` or ``"ordinal"``.

    Returns
    -------
    RankingResult

    Examples
    --------
    >>> r = topsis([[1, 10], [2, 30], [3, 20]], [0.5, 0.5], ["benefit", "cost"])
    >>> r.ranks.tolist()
    [2, 3, 1]
    """
    X, w, t, alternatives, criteria, warnings = _prepare(matrix, weights, types)
    Dp2, Dm2 = _topsis_parts(X, t, normalization)
    scores = _topsis_kernel(Dp2, Dm2, w[None, :])[0]
    return finish_ranking(
        method="topsis",
        scores=scores,
        alternatives=alternatives,
        criteria=criteria,
        settings={
            "normalization": normalization,
            "weighting": "after normalisation",
            "distance": "euclidean",
            "ideal": "max for benefit, min for cost (per weighted column)",
            "score": "closeness d- / (d+ + d-); 0.5 if d+ + d- = 0",
            "weights": w.tolist(),
            "types": t.tolist(),
        },
        warnings=warnings,
        higher_is_better=True,
        tie_rule=tie_rule,
    )


# ----------------------------------------------------------------------------------------------
# VIKOR
# ----------------------------------------------------------------------------------------------


def _vikor_parts(X: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Normalised regrets ``(f*_j - f_ij) / (f*_j - f-_j)`` in [0, 1]; 0 for constant columns."""
    return normalize(X, -types, "minmax", reverse_cost=True)


def _vikor_kernel(D: np.ndarray, W: np.ndarray, v: float):
    """S, R, Q for a batch of weights ``W`` (k x n); each output is k x m."""
    S = W @ D.T
    R = (W[:, None, :] * D[None, :, :]).max(axis=-1)
    Q = _vikor_q(S, R, v)
    return S, R, Q


def _scaled(a: np.ndarray) -> np.ndarray:
    lo = a.min(axis=-1, keepdims=True)
    span = a.max(axis=-1, keepdims=True) - lo
    ok = (span > 0) & (span > TIE_RTOL * np.abs(a).max(axis=-1, keepdims=True))
    return np.divide(a - lo, span, out=np.zeros_like(a), where=np.broadcast_to(ok, a.shape))


def _vikor_q(S: np.ndarray, R: np.ndarray, v: float) -> np.ndarray:
    # A zero range (S- == S* or R- == R*) means the term cannot discriminate: it is set to 0.
    return v * _scaled(S) + (1.0 - v) * _scaled(R)


def _compromise(Q, S, R, labels):
    m = Q.size
    order = np.lexsort((np.arange(m), Q))
    if m == 1:
        return (labels[0],), {
            "DQ": None,
            "advantage": None,
            "acceptable_advantage": True,
            "acceptable_stability": True,
            "rule": "single alternative",
        }
    dq = 1.0 / (m - 1)
    a1, a2 = order[0], order[1]
    adv = float(Q[a2] - Q[a1])
    tol = 1e-12
    c1 = adv >= dq - tol
    c2 = bool(S[a1] <= S.min() + tol or R[a1] <= R.min() + tol)
    if c1 and c2:
        members, rule = [a1], "C1 and C2 hold: a1 alone"
    elif not c1:
        members = [i for i in order if Q[i] - Q[a1] < dq - tol]
        rule = "C1 fails: a1..aM with Q(aM) - Q(a1) < DQ"
    else:
        members, rule = [a1, a2], "only C2 fails: a1 and a2"
    return tuple(labels[i] for i in members), {
        "DQ": dq,
        "advantage": adv,
        "acceptable_advantage": bool(c1),
        "acceptable_stability": c2,
        "rule": rule,
    }


def vikor(
    matrix: Any,
    weights: Any,
    types: Any,
    *,
    v: float = 0.5,
    tie_rule: str = "min",
) -> VikorResult:
    """VIKOR compromise ranking (Opricovic & Tzeng 2004); rank by Q ascending.

    ``S_i = sum_j w_j (f*_j - f_ij)/(f*_j - f-_j)``, ``R_i = max_j`` of the same terms,
    ``Q_i = v (S_i - S*)/(S- - S*) + (1 - v)(R_i - R*)/(R- - R*)``. A constant criterion
    contributes 0, and a zero range of S or R makes its term 0 (no division by zero).
    ``scores`` is Q (lower is better; ``settings["higher_is_better"] is False``).

    The compromise set follows Opricovic & Tzeng (2004): C1 "acceptable advantage"
    ``Q(a2) - Q(a1) >= DQ = 1/(m - 1)``; C2 "acceptable stability": a1 is also best by S or R.
    Both hold: ``{a1}``; only C2 fails: ``{a1, a2}``; C1 fails: ``{a1, ..., aM}`` with
    ``Q(aM) - Q(a1) < DQ``.

    Parameters
    ----------
    matrix, weights, types
        See :func:`wsm`.
    v
        Weight of the group-utility strategy, in [0, 1] (default 0.5).
    tie_rule
        ``"min"`` (default), ``"dense"`` or ``"ordinal"``.

    Returns
    -------
    VikorResult

    Examples
    --------
    >>> r = vikor([[1, 10], [2, 30], [3, 20]], [0.5, 0.5], ["benefit", "cost"])
    >>> r.Q.round(3).tolist(), r.ranks.tolist()
    ([0.75, 1.0, 0.0], [2, 3, 1])
    """
    if not (0.0 <= float(v) <= 1.0):
        raise PrioritizationInputError(f"VIKOR v = {v} is outside [0, 1]. Use e.g. v = 0.5.")
    X, w, t, alternatives, criteria, warnings = _prepare(matrix, weights, types)
    D = _vikor_parts(X, t)
    S, R, Q = (a[0] for a in _vikor_kernel(D, w[None, :], float(v)))
    compromise, conditions = _compromise(Q, S, R, alternatives)
    return finish_ranking(
        method="vikor",
        scores=Q,
        alternatives=alternatives,
        criteria=criteria,
        settings={
            "v": float(v),
            "normalization": "linear (f* - f) / (f* - f-); constant criterion -> 0",
            "zero_range": "a term with S- = S* or R- = R* is set to 0",
            "score": "Q (lower is better)",
            "compromise": "Opricovic & Tzeng (2004), DQ = 1/(m-1)",
            "weights": w.tolist(),
            "types": t.tolist(),
        },
        warnings=warnings,
        higher_is_better=False,
        tie_rule=tie_rule,
        cls=VikorResult,
        S=S,
        R=R,
        Q=Q,
        compromise=compromise,
        compromise_conditions=conditions,
    )


# ----------------------------------------------------------------------------------------------
# PROMETHEE II
# ----------------------------------------------------------------------------------------------

#: Preference functions of Brans & Vincke (1985), with their accepted aliases.
PREFERENCE_FUNCTIONS = {
    "usual": "usual",
    "i": "usual",
    "ushape": "ushape",
    "u-shape": "ushape",
    "ii": "ushape",
    "vshape": "vshape",
    "v-shape": "vshape",
    "iii": "vshape",
    "level": "level",
    "iv": "level",
    "linear": "linear",
    "v": "linear",
    "gaussian": "gaussian",
    "vi": "gaussian",
}


def _per_criterion(value: Any, n: int, name: str, default: float | None) -> list:
    if value is None:
        return [default] * n
    if isinstance(value, str) or np.ndim(value) == 0:
        return [value] * n
    out = list(value)
    if len(out) != n:
        raise PrioritizationInputError(
            f"{len(out)} values of {name!r} were given for {n} criteria. Give one per criterion "
            f"or a single value for all."
        )
    return out


def _preference(d: np.ndarray, fn: str, q: float, p: float, s: float) -> np.ndarray:
    if fn == "usual":
        return (d > 0).astype(float)
    if fn == "ushape":
        return (d > q).astype(float)
    if fn == "vshape":
        return np.clip(d / p, 0.0, 1.0)
    if fn == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if fn == "linear":
        return np.clip((d - q) / (p - q), 0.0, 1.0)
    # gaussian
    return np.where(d > 0, 1.0 - np.exp(-(d * d) / (2.0 * s * s)), 0.0)


def _check_params(fn: str, q: Any, p: Any, s: Any, label: Any) -> tuple[float, float, float]:
    def num(x, name, needed):
        if x is None:
            if needed:
                raise PrioritizationInputError(
                    f"The {fn!r} preference function of criterion {label!s} needs parameter "
                    f"{name!r}. Pass {name}=[...] with one value per criterion."
                )
            return float("nan")
        x = float(x)
        if not np.isfinite(x) or x < 0:
            raise PrioritizationInputError(
                f"Parameter {name} = {x} of criterion {label!s} must be a finite number >= 0."
            )
        return x

    qv = num(q, "q", fn in ("ushape", "level", "linear"))
    pv = num(p, "p", fn in ("vshape", "level", "linear"))
    sv = num(s, "s", fn == "gaussian")
    if fn == "vshape" and pv <= 0:
        raise PrioritizationInputError(f"The 'vshape' p of criterion {label!s} must be > 0.")
    if fn in ("level", "linear") and not pv > qv:
        raise PrioritizationInputError(
            f"The {fn!r} preference function of criterion {label!s} needs p > q (got q = {qv}, "
            f"p = {pv}). p is the strict-preference threshold, q the indifference threshold."
        )
    if fn == "gaussian" and sv <= 0:
        raise PrioritizationInputError(f"The 'gaussian' s of criterion {label!s} must be > 0.")
    return qv, pv, sv


def _promethee_parts(X, types, functions, q, p, s, criteria):
    """Unicriterion leaving/entering/net flows (each m x n) and the resolved settings."""
    m, n = X.shape
    fns = _per_criterion(functions, n, "functions", "usual")
    qs = _per_criterion(q, n, "q", None)
    ps = _per_criterion(p, n, "p", None)
    ss = _per_criterion(s, n, "s", None)
    plus = np.zeros((m, n))
    minus = np.zeros((m, n))
    resolved = []
    for j in range(n):  # loop over criteria (few), never over samples
        key = str(fns[j]).strip().lower()
        if key not in PREFERENCE_FUNCTIONS:
            raise PrioritizationInputError(
                f"Unknown preference function {fns[j]!r} for criterion {criteria[j]!s}. Allowed "
                f"are 'usual', 'ushape', 'vshape', 'level', 'linear', 'gaussian'."
            )
        fn = PREFERENCE_FUNCTIONS[key]
        qv, pv, sv = _check_params(fn, qs[j], ps[j], ss[j], criteria[j])
        d = types[j] * (X[:, j][:, None] - X[:, j][None, :])  # d[a, b]
        P = _preference(d, fn, qv, pv, sv)
        if m > 1:
            plus[:, j] = P.sum(axis=1) / (m - 1)
            minus[:, j] = P.sum(axis=0) / (m - 1)
        resolved.append(
            {
                "criterion": criteria[j],
                "function": fn,
                **{k: v for k, v in (("q", qv), ("p", pv), ("s", sv)) if np.isfinite(v)},
            }
        )
    return plus, minus, resolved


def promethee_ii(
    matrix: Any,
    weights: Any,
    types: Any,
    *,
    functions: str | Sequence[str] = "usual",
    q: Any = None,
    p: Any = None,
    s: Any = None,
    tie_rule: str = "min",
) -> PrometheeResult:
    """PROMETHEE II complete ranking by net outranking flow (Brans & Vincke 1985).

    ``d_j(a, b)`` is the difference oriented by type; ``pi(a, b) = sum_j w_j P_j(d_j)``;
    ``phi+(a) = sum_b pi(a, b) / (m - 1)``, ``phi-(a) = sum_b pi(b, a) / (m - 1)``,
    ``net = phi+ - phi-`` (higher is better; the net flows sum to 0). The unicriterion net flows
    ``flows`` satisfy ``net = flows @ w``.

    Preference functions: ``usual`` (I), ``ushape`` (II, q), ``vshape`` (III, p),
    ``level`` (IV, q, p: 1/2 between q and p), ``linear`` (V, q, p), ``gaussian`` (VI, s).

    Parameters
    ----------
    matrix, weights, types
        See :func:`wsm`.
    functions
        One name for all criteria or one per criterion (default ``"usual"``).
    q, p, s
        Indifference, preference and Gaussian thresholds, in the units of each criterion; one
        value for all or one per criterion (``None`` where not needed).
    tie_rule
        ``"min"`` (default), ``"dense"`` or ``"ordinal"``.

    Returns
    -------
    PrometheeResult

    Examples
    --------
    >>> r = promethee_ii([[1, 10], [2, 30], [3, 20]], [0.5, 0.5], ["benefit", "cost"])
    >>> r.net.tolist(), r.ranks.tolist()
    ([0.0, -0.5, 0.5], [2, 3, 1])
    """
    X, w, t, alternatives, criteria, warnings = _prepare(matrix, weights, types)
    plus, minus, resolved = _promethee_parts(X, t, functions, q, p, s, criteria)
    flows = plus - minus
    phi_plus, phi_minus = plus @ w, minus @ w
    net = flows @ w
    return finish_ranking(
        method="promethee_ii",
        scores=net,
        alternatives=alternatives,
        criteria=criteria,
        settings={
            "preference_functions": resolved,
            "flow_normalisation": "divided by (m - 1)",
            "score": "net flow phi+ - phi- (higher is better; sums to 0)",
            "weights": w.tolist(),
            "types": t.tolist(),
        },
        warnings=warnings,
        higher_is_better=True,
        tie_rule=tie_rule,
        cls=PrometheeResult,
        phi_plus=phi_plus,
        phi_minus=phi_minus,
        net=net,
        flows=flows,
        weights=w,
    )
