"""Ranking methods: weighted sum (WSM), TOPSIS, VIKOR and PROMETHEE II, and their registry.

Each method is one frozen :class:`~mgi.prioritization.registry.Method` in :data:`METHODS`: its
label, the direction of its score, whether it is linear in the weights, its settings, a kernel
that scores a batch of weight vectors (``W`` of shape samples x criteria) at once, and its
explanation (intermediate tables with captions). The public functions (:func:`wsm`,
:func:`topsis`, :func:`vikor`, :func:`promethee_ii`) take ``(matrix, weights, types,
**settings)``, call the same kernels with one weight vector, and return a frozen result whose
arrays align with the input rows, so a single run and rank acceptability
(:func:`~mgi.prioritization.smaa`) can never disagree.

Adding a method means adding its kernel, its ``parts`` and ``tables`` functions and its
:class:`~mgi.prioritization.registry.Method` to :func:`register` at the end of this module
(plus tests): the session, the profile schema, the command line and the reports read the
registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.prioritization._common import (
    NORMALIZATIONS,
    REFERENCES,
    TIE_RTOL,
    RankingResult,
    check_within,
    coerce_bounds,
    engine_error,
    normalize,
    normalize_points,
)
from mgi.prioritization.registry import Method, Scorer, Setting, register

__all__ = [
    "METHODS",
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


def _frame(
    values: np.ndarray, scorer: Scorer, columns: Sequence[Any] | None = None
) -> pd.DataFrame:
    """Alternatives x criteria (or the given columns) table of one method's step."""
    return pd.DataFrame(
        np.asarray(values),
        index=pd.Index(scorer.alternatives, name="alternative"),
        columns=pd.Index(scorer.criteria if columns is None else columns, name="criterion"),
    )


def _linear_kernel(parts: Mapping[str, np.ndarray], W: np.ndarray) -> np.ndarray:
    """Scores of a method linear in the weights: ``W @ M.T`` (samples x alternatives)."""
    return W @ parts["linear"].T


def _linear_paired(parts: Mapping[str, np.ndarray], W: np.ndarray) -> np.ndarray:
    """Scores of sample ``k``'s weights on sample ``k``'s matrix: ``M_k @ w_k`` (k x m)."""
    return np.einsum("kmn,kn->km", parts["linear"], W)


def _bounds(X: np.ndarray, criteria: tuple, settings: dict) -> np.ndarray:
    """The declared scales of the criteria, checked, with every value inside its scale."""
    B = coerce_bounds(settings.get("bounds"), X.shape[-1], criteria)
    check_within(X, B, criteria)
    return B


def _bounds_setting(method: str) -> Setting:
    return Setting(
        "bounds",
        None,
        f"Declared scale (low, high) of each criterion, used by {method} when a criterion is "
        "normalised or referenced on its own scale.",
        criterion_key="scale",
    )


# ----------------------------------------------------------------------------------------------
# WSM
# ----------------------------------------------------------------------------------------------


def _wsm_parts(X: np.ndarray, types: np.ndarray, criteria: tuple, settings: dict) -> tuple:
    """The normalised matrix (cost reversed): ``M`` of the linear scores ``M @ w``.

    ``X`` may be one matrix (``m x n``) or a stack of them (``k x m x n``).
    """
    norm = settings["normalization"]
    B = _bounds(X, criteria, settings) if norm == "scale" else None
    R = normalize(X, types, norm, reverse_cost=True, bounds=B)
    recorded: dict[str, Any] = {
        "normalization": norm,
        "cost_handling": "reversed in normalisation",
        "constant_column_value": 0.0
        if norm == "minmax"
        else "its place on the declared scale"
        if norm == "scale"
        else "x / scale",
    }
    if B is not None:
        recorded["bounds"] = B.tolist()
    return {"linear": R}, recorded


def _wsm_tables(scorer: Scorer, w: np.ndarray, result: RankingResult) -> list:
    R = scorer.parts["linear"]
    norm = scorer.settings["normalization"]
    return [
        (
            "normalized",
            f"Normalised matrix r_ij ({norm} normalisation; cost criteria reversed so that "
            "larger is always better)",
            _frame(R, scorer),
        ),
        (
            "weighted",
            "Weighted normalised matrix w_j r_ij: each criterion's contribution to the score",
            _frame(R * w[None, :], scorer),
        ),
        ("result", "Score S_i = sum_j w_j r_ij and rank (higher is better)", result.to_frame()),
    ]


def wsm(
    matrix: Any,
    weights: Any,
    types: Any,
    *,
    normalization: str = "minmax",
    bounds: Any = None,
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
        ``"minmax"`` (default; cost reversed), ``"max"``, ``"sum"``, ``"vector"`` or
        ``"scale"`` (each criterion on its declared scale ``bounds``).
    bounds
        ``(low, high)`` per criterion: the declared scales, for ``normalization="scale"``.
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
    >>> wsm([[1, 10], [2, 30], [3, 20]], [0.5, 0.5], ["benefit", "cost"],
    ...     normalization="scale", bounds=[(0, 5), (0, 50)]).scores.round(3).tolist()
    [0.5, 0.4, 0.6]
    """
    extra = {} if bounds is None else {"bounds": bounds}
    return METHODS["wsm"].rank(
        matrix, weights, types, tie_rule=tie_rule, normalization=normalization, **extra
    )


# ----------------------------------------------------------------------------------------------
# TOPSIS
# ----------------------------------------------------------------------------------------------


def _topsis_parts(X: np.ndarray, types: np.ndarray, criteria: tuple, settings: dict) -> tuple:
    """Squared deviations from the (unweighted) ideal and anti-ideal, ``m x n`` each.

    Since weights are non-negative, the weighted ideal is ``w_j * best_j``, so
    ``d+_i^2 = sum_j w_j^2 (r_ij - best_j)^2``: distances are linear in ``w**2``.
    """
    norm = settings["normalization"]
    ideal = settings["ideal"]
    B = _bounds(X, criteria, settings) if "scale" in (norm, ideal) else None
    R = normalize(X, types, norm, reverse_cost=False, bounds=B)
    if ideal == "scale":
        assert B is not None
        ends = normalize_points(X, B.T, norm, bounds=B)  # (..., 2, n): low end, high end
        best = np.where(types > 0, ends[..., 1, :], ends[..., 0, :])
        worst = np.where(types > 0, ends[..., 0, :], ends[..., 1, :])
    else:
        best = np.where(types > 0, R.max(axis=-2), R.min(axis=-2))
        worst = np.where(types > 0, R.min(axis=-2), R.max(axis=-2))
    parts = {"normalized": R, "ideal": best, "anti_ideal": worst}
    parts.update(plus=(R - best[..., None, :]) ** 2, minus=(R - worst[..., None, :]) ** 2)
    recorded: dict[str, Any] = {
        "normalization": norm,
        "weighting": "after normalisation",
        "distance": "euclidean",
        "ideal": "the best and worst end of each criterion's declared scale"
        if ideal == "scale"
        else "max for benefit, min for cost (per weighted column)",
        "score": "closeness d- / (d+ + d-); 0.5 if d+ + d- = 0",
    }
    if B is not None:
        recorded["bounds"] = B.tolist()
    return parts, recorded


def _topsis_distances(parts: Mapping[str, np.ndarray], W: np.ndarray) -> tuple:
    W2 = W * W
    return np.sqrt(W2 @ parts["plus"].T), np.sqrt(W2 @ parts["minus"].T)


def _topsis_kernel(parts: Mapping[str, np.ndarray], W: np.ndarray) -> np.ndarray:
    """Closeness ``C = d- / (d+ + d-)`` for a batch of weights ``W`` (k x n) -> (k x m)."""
    return _closeness(*_topsis_distances(parts, W))


def _topsis_paired(parts: Mapping[str, np.ndarray], W: np.ndarray) -> np.ndarray:
    """Closeness of sample ``k``'s weights on sample ``k``'s matrix (k x m)."""
    W2 = W * W
    dp = np.sqrt(np.einsum("kmn,kn->km", parts["plus"], W2))
    dm = np.sqrt(np.einsum("kmn,kn->km", parts["minus"], W2))
    return _closeness(dp, dm)


def _closeness(dp: np.ndarray, dm: np.ndarray) -> np.ndarray:
    den = dp + dm
    positive = den > 0
    if positive.all():
        return dm / den
    # den == 0 only if every alternative equals the ideal on every weighted criterion.
    return np.divide(dm, den, out=np.full_like(den, 0.5), where=positive)


def _topsis_tables(scorer: Scorer, w: np.ndarray, result: RankingResult) -> list:
    p = scorer.parts
    dp, dm = (d[0] for d in _topsis_distances(p, w[None, :]))
    ideal = pd.DataFrame(
        {"ideal": w * p["ideal"], "anti_ideal": w * p["anti_ideal"]},
        index=pd.Index(scorer.criteria, name="criterion"),
    )
    distances = pd.DataFrame(
        {"d_plus": dp, "d_minus": dm, "closeness": np.asarray(result.scores)},
        index=pd.Index(scorer.alternatives, name="alternative"),
    )
    return [
        (
            "normalized",
            f"Normalised matrix r_ij ({scorer.settings['normalization']} normalisation)",
            _frame(p["normalized"], scorer),
        ),
        (
            "weighted",
            "Weighted normalised matrix v_ij = w_j r_ij",
            _frame(p["normalized"] * w[None, :], scorer),
        ),
        (
            "ideal",
            "Ideal (best) and anti-ideal (worst) weighted value per criterion: max for benefit, "
            "min for cost criteria",
            ideal,
        ),
        (
            "distances",
            "Euclidean distances to the ideal (d+) and anti-ideal (d-), and closeness "
            "C = d- / (d+ + d-)",
            distances,
        ),
        ("result", "Closeness and rank (higher is better)", result.to_frame()),
    ]


def topsis(
    matrix: Any,
    weights: Any,
    types: Any,
    *,
    normalization: str = "vector",
    ideal: str = "observed",
    bounds: Any = None,
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
        ``"vector"`` (default), ``"minmax"``, ``"max"``, ``"sum"`` or ``"scale"`` (cost not
        reversed; the direction is handled by the ideal point).
    ideal
        ``"observed"`` (default): the ideal and anti-ideal are the best and worst normalised
        values among the alternatives; ``"scale"``: the best and worst ends of each
        criterion's declared scale (``bounds``), so that the ideal does not move when an
        alternative is added or removed.
    bounds
        ``(low, high)`` per criterion: the declared scales.
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
    >>> r = topsis([[1, 10], [2, 30], [3, 20]], [0.5, 0.5], ["benefit", "cost"],
    ...            normalization="scale", ideal="scale", bounds=[(0, 5), (0, 50)])
    >>> r.scores.round(3).tolist()
    [0.5, 0.4, 0.6]
    """
    extra = {} if bounds is None else {"bounds": bounds}
    return METHODS["topsis"].rank(
        matrix,
        weights,
        types,
        tie_rule=tie_rule,
        normalization=normalization,
        ideal=ideal,
        **extra,
    )


# ----------------------------------------------------------------------------------------------
# VIKOR
# ----------------------------------------------------------------------------------------------


def _vikor_parts(X: np.ndarray, types: np.ndarray, criteria: tuple, settings: dict) -> tuple:
    """Normalised regrets ``(f*_j - f_ij) / (f*_j - f-_j)`` in [0, 1]; 0 for constant columns
    (``reference = "observed"``). With ``reference = "scale"``, ``f*`` and ``f-`` are the best
    and worst ends of each criterion's declared scale."""
    if settings["reference"] == "scale":
        B = _bounds(X, criteria, settings)
        D = normalize(X, -types, "scale", reverse_cost=True, bounds=B)
        best = np.where(types > 0, B[:, 1], B[:, 0])
        worst = np.where(types > 0, B[:, 0], B[:, 1])
        how = "linear (f* - f) / (f* - f-), f* and f- the ends of the declared scale"
    else:
        B = None
        D = normalize(X, -types, "minmax", reverse_cost=True)
        best = np.where(types > 0, X.max(axis=-2), X.min(axis=-2))
        worst = np.where(types > 0, X.min(axis=-2), X.max(axis=-2))
        how = "linear (f* - f) / (f* - f-); constant criterion -> 0"
    parts = {"regrets": D, "best": best, "worst": worst, "v": np.array(float(settings["v"]))}
    recorded: dict[str, Any] = {
        "v": float(settings["v"]),
        "reference": settings["reference"],
        "normalization": how,
        "zero_range": "a term with S- = S* or R- = R* is set to 0",
        "score": "Q (lower is better)",
        "compromise": "Opricovic & Tzeng (2004), DQ = 1/(m-1)",
    }
    if B is not None:
        recorded["bounds"] = B.tolist()
    return parts, recorded


def _vikor_srq(D: np.ndarray, W: np.ndarray, v: float) -> tuple:
    """S, R, Q for a batch of weights ``W`` (k x n); each output is k x m.

    ``R`` is a running maximum over the criteria (k x m at a time), never a k x m x n array.
    """
    S = W @ D.T
    R = W[:, :1] * D[:, 0]
    for j in range(1, D.shape[1]):  # loop over criteria (few), never over samples
        np.maximum(R, W[:, j : j + 1] * D[:, j], out=R)
    return S, R, _vikor_q(S, R, v)


def _vikor_kernel(parts: Mapping[str, np.ndarray], W: np.ndarray) -> np.ndarray:
    """VIKOR's Q (lower is better) for a batch of weights."""
    return _vikor_srq(parts["regrets"], W, float(parts["v"]))[2]


def _vikor_paired(parts: Mapping[str, np.ndarray], W: np.ndarray) -> np.ndarray:
    """VIKOR's Q of sample ``k``'s weights on sample ``k``'s regrets (k x m)."""
    weighted = parts["regrets"] * W[:, None, :]
    return _vikor_q(weighted.sum(axis=-1), weighted.max(axis=-1), float(parts["v"]))


def _scaled(a: np.ndarray) -> np.ndarray:
    """``(a - min) / (max - min)`` per row; 0 for a row whose range is within the tolerance."""
    lo = a.min(axis=-1, keepdims=True)
    hi = a.max(axis=-1, keepdims=True)
    span = hi - lo
    # max |a| of a row is the larger of |min| and |max| (one pass fewer than np.abs(a).max)
    ok = (span > 0) & (span > TIE_RTOL * np.maximum(np.abs(lo), np.abs(hi)))
    if ok.all():
        return (a - lo) / span
    return np.divide(a - lo, span, out=np.zeros_like(a), where=np.broadcast_to(ok, a.shape))


def _vikor_q(S: np.ndarray, R: np.ndarray, v: float) -> np.ndarray:
    # A zero range (S- == S* or R- == R*) means the term cannot discriminate: it is set to 0.
    return v * _scaled(S) + (1.0 - v) * _scaled(R)


def _compromise(
    Q: np.ndarray, S: np.ndarray, R: np.ndarray, labels: Sequence[Any]
) -> tuple[tuple[Any, ...], dict[str, Any]]:
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


def _vikor_extras(scorer: Scorer, w: np.ndarray) -> dict[str, Any]:
    p = scorer.parts
    S, R, Q = (a[0] for a in _vikor_srq(p["regrets"], w[None, :], float(p["v"])))
    compromise, conditions = _compromise(Q, S, R, scorer.alternatives)
    return {
        "scores": Q,
        "S": S,
        "R": R,
        "Q": Q,
        "compromise": compromise,
        "compromise_conditions": conditions,
    }


def _vikor_tables(scorer: Scorer, w: np.ndarray, result: RankingResult) -> list:
    p = scorer.parts
    assert isinstance(result, VikorResult)
    best = pd.DataFrame(
        {"best": p["best"], "worst": p["worst"]},
        index=pd.Index(scorer.criteria, name="criterion"),
    )
    srq = pd.DataFrame(
        {"S": np.asarray(result.S), "R": np.asarray(result.R), "Q": np.asarray(result.Q)},
        index=pd.Index(scorer.alternatives, name="alternative"),
    )
    members = ", ".join(str(a) for a in result.compromise)
    return [
        ("best_worst", "Best f*_j and worst f-_j value per criterion (by its type)", best),
        (
            "regrets",
            "Normalised regrets (f*_j - f_ij) / (f*_j - f-_j); 0 for a constant criterion",
            _frame(p["regrets"], scorer),
        ),
        (
            "weighted",
            "Weighted regrets w_j (f*_j - f_ij) / (f*_j - f-_j)",
            _frame(p["regrets"] * w[None, :], scorer),
        ),
        (
            "SRQ",
            f"Group utility S (sum of weighted regrets), individual regret R (their maximum) "
            f"and Q = v S' + (1 - v) R' with v = {float(p['v']):g}",
            srq,
        ),
        (
            "result",
            f"Q and rank (lower Q is better); compromise set: {members} "
            f"({result.compromise_conditions.get('rule', '')})",
            result.to_frame(),
        ),
    ]


def vikor(
    matrix: Any,
    weights: Any,
    types: Any,
    *,
    v: float = 0.5,
    reference: str = "observed",
    bounds: Any = None,
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
    reference
        ``"observed"`` (default): ``f*`` and ``f-`` are the best and worst values among the
        alternatives; ``"scale"``: the best and worst ends of each criterion's declared scale
        (``bounds``).
    bounds
        ``(low, high)`` per criterion: the declared scales.
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
    >>> vikor([[1, 10], [2, 30], [3, 20]], [0.5, 0.5], ["benefit", "cost"],
    ...       reference="scale", bounds=[(0, 5), (0, 50)]).S.round(3).tolist()
    [0.5, 0.6, 0.4]
    """
    extra = {} if bounds is None else {"bounds": bounds}
    result = METHODS["vikor"].rank(
        matrix, weights, types, tie_rule=tie_rule, v=v, reference=reference, **extra
    )
    assert isinstance(result, VikorResult)
    return result


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
#: The canonical names of the preference functions (as written in profiles).
PREFERENCE_NAMES = tuple(dict.fromkeys(PREFERENCE_FUNCTIONS.values()))


def _per_criterion(value: Any, n: int, name: str, default: Any) -> list[Any]:
    if value is None:
        return [default] * n
    if isinstance(value, str) or np.ndim(value) == 0:
        return [value] * n
    out = list(value)
    if len(out) != n:
        raise engine_error(
            "mcda.wrong_count",
            what=f"values of {name!r}",
            found=len(out),
            expected=f"{n} criteria",
            per="criterion (or a single value for all)",
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
    def num(x: Any, name: str, needed: bool) -> float:
        if x is None:
            if needed:
                raise engine_error(
                    "mcda.preference_parameter_missing",
                    column=str(label),
                    found=fn,
                    criterion=label,
                    parameter=name,
                )
            return float("nan")
        try:
            value = float(x)
        except (TypeError, ValueError):
            value = float("nan")
        if not np.isfinite(value) or value < 0:
            raise engine_error(
                "mcda.setting_invalid",
                column=str(label),
                what=f"PROMETHEE II parameter {name} of criterion {label!s}",
                found=repr(x),
                allowed="a finite number of 0 or more",
            )
        return value

    qv = num(q, "q", fn in ("ushape", "level", "linear"))
    pv = num(p, "p", fn in ("vshape", "level", "linear"))
    sv = num(s, "s", fn == "gaussian")
    if fn == "vshape" and pv <= 0:
        raise engine_error(
            "mcda.setting_invalid",
            column=str(label),
            what=f"PROMETHEE II 'vshape' p of criterion {label!s}",
            found=repr(pv),
            allowed="a number above 0",
        )
    if fn in ("level", "linear") and not pv > qv:
        raise engine_error(
            "mcda.preference_thresholds",
            column=str(label),
            found=fn,
            criterion=label,
            q=f"{qv:g}",
            p=f"{pv:g}",
        )
    if fn == "gaussian" and sv <= 0:
        raise engine_error(
            "mcda.setting_invalid",
            column=str(label),
            what=f"PROMETHEE II 'gaussian' s of criterion {label!s}",
            found=repr(sv),
            allowed="a number above 0",
        )
    return qv, pv, sv


def _promethee_parts(X: np.ndarray, types: np.ndarray, criteria: tuple, settings: dict) -> tuple:
    """Unicriterion leaving/entering/net flows (each m x n, or k x m x n for a stack of
    matrices) and the resolved settings."""
    m, n = X.shape[-2:]
    fns = _per_criterion(settings["functions"], n, "functions", "usual")
    qs = _per_criterion(settings["q"], n, "q", None)
    ps = _per_criterion(settings["p"], n, "p", None)
    ss = _per_criterion(settings["s"], n, "s", None)
    plus = np.zeros(X.shape)
    minus = np.zeros(X.shape)
    resolved = []
    for j in range(n):  # loop over criteria (few), never over samples
        key = str(fns[j]).strip().lower()
        if key not in PREFERENCE_FUNCTIONS:
            raise engine_error(
                "mcda.setting_invalid",
                column=str(criteria[j]),
                what=f"preference function of criterion {criteria[j]!s}",
                found=repr(fns[j]),
                allowed=", ".join(PREFERENCE_NAMES),
            )
        fn = PREFERENCE_FUNCTIONS[key]
        qv, pv, sv = _check_params(fn, qs[j], ps[j], ss[j], criteria[j])
        column = X[..., j]
        d = types[j] * (column[..., :, None] - column[..., None, :])  # d[a, b]
        P = _preference(d, fn, qv, pv, sv)
        if m > 1:
            plus[..., j] = P.sum(axis=-1) / (m - 1)
            minus[..., j] = P.sum(axis=-2) / (m - 1)
        resolved.append(
            {
                "criterion": criteria[j],
                "function": fn,
                **{k: v for k, v in (("q", qv), ("p", pv), ("s", sv)) if np.isfinite(v)},
            }
        )
    recorded = {
        "preference_functions": resolved,
        "flow_normalisation": "divided by (m - 1)",
        "score": "net flow phi+ - phi- (higher is better; sums to 0)",
    }
    return {"plus": plus, "minus": minus, "linear": plus - minus}, recorded


def _promethee_extras(scorer: Scorer, w: np.ndarray) -> dict[str, Any]:
    p = scorer.parts
    net = p["linear"] @ w
    return {
        "scores": net,
        "phi_plus": p["plus"] @ w,
        "phi_minus": p["minus"] @ w,
        "net": net,
        "flows": p["linear"],
        "weights": w,
    }


def _promethee_tables(scorer: Scorer, w: np.ndarray, result: RankingResult) -> list:
    p = scorer.parts
    functions = "; ".join(
        f"{r['criterion']!s}: {r['function']}"
        + "".join(f", {k} = {r[k]:g}" for k in ("q", "p", "s") if k in r)
        for r in scorer.settings["preference_functions"]
    )
    return [
        (
            "phi_plus",
            f"Unicriterion leaving flows phi+_j(a) = sum_b P_j(a, b) / (m - 1) (preference "
            f"functions: {functions})",
            _frame(p["plus"], scorer),
        ),
        (
            "phi_minus",
            "Unicriterion entering flows phi-_j(a) = sum_b P_j(b, a) / (m - 1)",
            _frame(p["minus"], scorer),
        ),
        (
            "flows",
            "Unicriterion net flows phi_j = phi+_j - phi-_j",
            _frame(p["linear"], scorer),
        ),
        (
            "weighted",
            "Weighted unicriterion net flows w_j phi_j: each criterion's contribution",
            _frame(p["linear"] * w[None, :], scorer),
        ),
        (
            "result",
            "Leaving, entering and net flow phi = sum_j w_j phi_j, and rank (higher is better)",
            result.to_frame(),
        ),
    ]


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
    result = METHODS["promethee_ii"].rank(
        matrix, weights, types, tie_rule=tie_rule, functions=functions, q=q, p=p, s=s
    )
    assert isinstance(result, PrometheeResult)
    return result


# ----------------------------------------------------------------------------------------------
# the registry
# ----------------------------------------------------------------------------------------------

#: Ranking method name → :class:`~mgi.prioritization.registry.Method` (read-only mapping).
METHODS = register(
    Method(
        name="wsm",
        label="Weighted sum",
        higher_is_better=True,
        linear=True,
        settings=(
            Setting(
                "normalization",
                "minmax",
                "How each criterion is brought to a common scale (cost criteria reversed).",
                choices=NORMALIZATIONS,
                profile_key="wsm_normalization",
            ),
            _bounds_setting("the weighted sum"),
        ),
        citation="Fishburn (1967); MacCrimmon (1968): simple additive weighting",
        kernel=_linear_kernel,
        paired=_linear_paired,
        parts=_wsm_parts,
        tables=_wsm_tables,
    ),
    Method(
        name="topsis",
        label="TOPSIS",
        higher_is_better=True,
        linear=False,
        settings=(
            Setting(
                "normalization",
                "vector",
                "How each criterion is brought to a common scale before weighting.",
                choices=NORMALIZATIONS,
                profile_key="topsis_normalization",
            ),
            Setting(
                "ideal",
                "observed",
                "Where the ideal and anti-ideal lie: the best and worst values observed, or the "
                "ends of each criterion's declared scale.",
                choices=REFERENCES,
                profile_key="topsis_ideal",
            ),
            _bounds_setting("TOPSIS"),
        ),
        citation="Hwang & Yoon (1981)",
        kernel=_topsis_kernel,
        paired=_topsis_paired,
        parts=_topsis_parts,
        tables=_topsis_tables,
    ),
    Method(
        name="vikor",
        label="VIKOR",
        higher_is_better=False,
        linear=False,
        settings=(
            Setting(
                "v",
                0.5,
                "Weight of the group-utility strategy S against the individual regret R.",
                low=0.0,
                high=1.0,
                profile_key="vikor_v",
            ),
            Setting(
                "reference",
                "observed",
                "Where the best and worst values f* and f- lie: observed among the alternatives, "
                "or at the ends of each criterion's declared scale.",
                choices=REFERENCES,
                profile_key="vikor_reference",
            ),
            _bounds_setting("VIKOR"),
        ),
        citation="Opricovic & Tzeng (2004)",
        kernel=_vikor_kernel,
        paired=_vikor_paired,
        parts=_vikor_parts,
        tables=_vikor_tables,
        extras=_vikor_extras,
        result_class=VikorResult,
    ),
    Method(
        name="promethee_ii",
        label="PROMETHEE II",
        higher_is_better=True,
        linear=True,
        settings=(
            Setting(
                "functions",
                "usual",
                "Preference function of each criterion (usual, ushape, vshape, level, linear, "
                "gaussian).",
                criterion_key="preference",
            ),
            Setting("q", None, "Indifference threshold of each criterion.", criterion_key="q"),
            Setting("p", None, "Strict-preference threshold of each criterion.", criterion_key="p"),
            Setting("s", None, "Gaussian parameter of each criterion.", criterion_key="s"),
        ),
        citation="Brans & Vincke (1985)",
        kernel=_linear_kernel,
        paired=_linear_paired,
        parts=_promethee_parts,
        tables=_promethee_tables,
        extras=_promethee_extras,
        result_class=PrometheeResult,
    ),
)
