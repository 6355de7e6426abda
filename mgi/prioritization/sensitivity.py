"""Uncertainty and sensitivity: SMAA-2 rank acceptability, exact weight-stability intervals and
per-criterion contributions.

SMAA is vectorised over samples: WSM and PROMETHEE II scores are linear in the weights
(``scores = W @ M.T`` with a precomputed matrix), TOPSIS distances are linear in the squared
weights, and VIKOR's regret ``R`` is computed in batches with broadcasting. Ranks per sample use
the competition ("min") rule with the same tie tolerance as :func:`mgi.prioritization.rank`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.prioritization._common import (
    PrioritizationInputError,
    _min_ranks_2d,
    coerce_matrix,
    coerce_types,
    coerce_weights,
    constant_warnings,
    readonly,
)
from mgi.prioritization.methods import (
    _promethee_parts,
    _topsis_kernel,
    _topsis_parts,
    _vikor_kernel,
    _vikor_parts,
    _wsm_matrix,
)

__all__ = ["SMAAResult", "contributions", "smaa", "stability_intervals"]

SMAA_METHODS = ("wsm", "topsis", "vikor", "promethee_ii")
#: Target size in bytes of the largest temporary array per batch (keeps peak memory low).
_BATCH_BYTES = 16_000_000


@dataclass(frozen=True, kw_only=True)
class SMAAResult:
    """SMAA-2 result.

    Attributes
    ----------
    acceptability
        ``m x m`` rank acceptability ``b_i^r``: share of samples in which alternative ``i``
        (row) has rank ``r`` (column ``r - 1``). Rows sum to 1; columns sum to 1 unless samples
        contain ties (tied alternatives share the minimum rank).
    top_k_probability
        Share of samples in which each alternative ranks ``<= top_k``.
    central_weights
        ``m x n`` mean weight vector over the samples in which the alternative ranks first.
        An alternative that never ranks first gets a row of zeros and ``never_first = True``.
    never_first
        Boolean flag per alternative.
    rank_range
        DataFrame with the min, 5th percentile, 95th percentile and max rank observed per
        alternative (percentiles: smallest rank whose cumulative share reaches 5% / 95%).
    samples, seed
        Number of weight samples and the seed of ``numpy.random.default_rng``.
    """

    method: str
    acceptability: np.ndarray
    top_k_probability: np.ndarray
    central_weights: np.ndarray
    never_first: np.ndarray
    rank_range: pd.DataFrame
    samples: int
    seed: int
    alternatives: tuple[Any, ...]
    criteria: tuple[Any, ...]
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def acceptability_frame(self) -> pd.DataFrame:
        """Rank acceptability as a DataFrame (alternatives x ranks 1..m)."""
        m = len(self.alternatives)
        return pd.DataFrame(
            np.asarray(self.acceptability),
            index=pd.Index(self.alternatives, name="alternative"),
            columns=pd.Index(range(1, m + 1), name="rank"),
        )

    def to_frame(self) -> pd.DataFrame:
        """Summary per alternative: top-k probability, first-rank share and rank range."""
        df = self.rank_range.copy()
        df.insert(0, "p_first", np.asarray(self.acceptability)[:, 0])
        df.insert(0, f"p_top{self.settings.get('top_k')}", np.asarray(self.top_k_probability))
        return df


def _scorer(method: str, X: np.ndarray, t: np.ndarray, criteria: tuple, settings: dict):
    """Return ``(f(W) -> scores k x m, higher_is_better, resolved settings)``."""
    settings = dict(settings)
    if method == "wsm":
        norm = settings.pop("normalization", "minmax")
        M = _wsm_matrix(X, t, norm)
        resolved = {"normalization": norm}
        fn, hib = (lambda W: W @ M.T), True
    elif method == "topsis":
        norm = settings.pop("normalization", "vector")
        Dp2, Dm2 = _topsis_parts(X, t, norm)
        resolved = {"normalization": norm}
        fn, hib = (lambda W: _topsis_kernel(Dp2, Dm2, W)), True
    elif method == "vikor":
        v = float(settings.pop("v", 0.5))
        if not 0.0 <= v <= 1.0:
            raise PrioritizationInputError(f"VIKOR v = {v} is outside [0, 1].")
        D = _vikor_parts(X, t)
        resolved = {"v": v}
        fn, hib = (lambda W: _vikor_kernel(D, W, v)[2]), False
    elif method == "promethee_ii":
        plus, minus, res = _promethee_parts(
            X,
            t,
            settings.pop("functions", "usual"),
            settings.pop("q", None),
            settings.pop("p", None),
            settings.pop("s", None),
            criteria,
        )
        F = plus - minus
        resolved = {"preference_functions": res}
        fn, hib = (lambda W: W @ F.T), True
    else:
        raise PrioritizationInputError(
            f"Unknown SMAA method {method!r}. Allowed are {list(SMAA_METHODS)}."
        )
    if settings:
        raise PrioritizationInputError(
            f"Settings {sorted(settings)} are not used by method {method!r}."
        )
    return fn, hib, resolved


def _sample_weights(rng, n: int, samples: int, weights, concentration, band=None) -> np.ndarray:
    if band is not None:
        # each weight varies uniformly within +-band of its agreed value, then renormalised
        W = weights[None, :] * rng.uniform(1 - band, 1 + band, size=(samples, n))
        return W / W.sum(axis=1, keepdims=True)
    if concentration is None:
        return rng.dirichlet(np.ones(n), size=samples)
    alpha = float(concentration) * weights
    W = np.zeros((samples, n))
    pos = alpha > 0
    W[:, pos] = rng.dirichlet(alpha[pos], size=samples)
    return W


def smaa(
    matrix: Any,
    types: Any,
    method: str = "wsm",
    weights: Any = None,
    samples: int = 100_000,
    concentration: float | None = None,
    seed: int | None = 0,
    top_k: int = 10,
    batch_size: int | None = None,
    band: float | None = None,
    **settings: Any,
) -> SMAAResult:
    """SMAA-2 rank acceptability analysis by Monte-Carlo sampling of weights.

    Parameters
    ----------
    matrix, types
        Decision matrix (alternatives as rows) and criterion types, as in :func:`wsm`.
    method
        ``"wsm"``, ``"topsis"``, ``"vikor"`` or ``"promethee_ii"``.
    weights
        Agreed weights, the centre of the Dirichlet sampler when ``concentration`` is given.
    samples
        Number of weight vectors.
    concentration
        ``None`` (default): weights uniform on the simplex, ``Dirichlet(1, ..., 1)``. A number
        ``kappa > 0``: ``Dirichlet(kappa * w)`` around the agreed ``weights`` (larger ``kappa`` =
        closer to ``w``; criteria with weight 0 stay 0).
    seed
        Seed of ``numpy.random.default_rng``. ``None`` draws a fresh seed, which is recorded.
    top_k
        ``k`` of the top-k probability (clipped to ``m``).
    band
        Instead of a Dirichlet sampler: each agreed weight varies independently and uniformly
        within ``±band`` of its value (e.g. ``0.2`` for ±20%), then the vector is renormalised
        to sum 1. Needs ``weights``; ``concentration`` must then be ``None``.
    batch_size
        Samples per batch (default: chosen so that the largest temporary array stays near 16 MB).
    **settings
        Method settings: ``normalization`` (WSM, TOPSIS), ``v`` (VIKOR), ``functions``, ``q``,
        ``p``, ``s`` (PROMETHEE II).

    Returns
    -------
    SMAAResult

    Examples
    --------
    >>> res = smaa([[1, 2], [2, 1], [0, 0]], ["benefit", "benefit"], samples=1000, seed=1)
    >>> res.acceptability.sum(axis=1).tolist(), float(res.acceptability[2, 2])
    ([1.0, 1.0, 1.0], 1.0)
    """
    X, alternatives, criteria = coerce_matrix(matrix)
    m, n = X.shape
    t = coerce_types(types, n)
    samples = int(samples)
    if samples < 1:
        raise PrioritizationInputError(f"samples = {samples}; at least 1 sample is needed.")
    warnings = list(constant_warnings(X, criteria))
    w0 = None
    if weights is not None:
        w0, wwarn = coerce_weights(weights, n, criteria)
        warnings.extend(wwarn)
    if concentration is not None:
        if w0 is None:
            raise PrioritizationInputError(
                "A concentration was given without agreed weights. Pass weights=[...] to sample "
                "around them, or concentration=None to sample uniformly on the simplex."
            )
        if not (np.isfinite(float(concentration)) and float(concentration) > 0):
            raise PrioritizationInputError(
                f"concentration = {concentration}; it must be a finite number above 0 (larger "
                "values keep the samples closer to the agreed weights)."
            )
    if band is not None:
        if w0 is None or concentration is not None:
            raise PrioritizationInputError(
                "The band sampler varies the agreed weights: pass weights=[...] and leave "
                "concentration=None."
            )
        if not 0 < float(band) < 1:
            raise PrioritizationInputError(
                f"band = {band}; use a share between 0 and 1 (0.2 means ±20%)."
            )
        band = float(band)
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % (2**63))
    fn, hib, resolved = _scorer(method, X, t, criteria, settings)
    top_k = max(1, min(int(top_k), m))
    if batch_size is None:
        batch_size = max(1, _BATCH_BYTES // (8 * m * max(m, n)))
    batch_size = int(batch_size)
    rng = np.random.default_rng(seed)
    W_all = _sample_weights(rng, n, samples, w0, concentration, band)

    counts = np.zeros(m * m, dtype=np.int64)
    first_sum = np.zeros((m, n))
    tie_samples = 0
    offsets = (np.arange(m) * m)[None, :]
    for start in range(0, samples, batch_size):  # batches of samples, vectorised inside
        W = W_all[start : start + batch_size]
        ranks = _min_ranks_2d(fn(W), higher_is_better=hib)
        counts += np.bincount((offsets + ranks - 1).ravel(), minlength=m * m)
        first = (ranks == 1).astype(float)
        first_sum += first.T @ W
        # With the "min" rule, the ranks of a sample sum to m (m + 1) / 2 iff there is no tie.
        tie_samples += int(np.count_nonzero(ranks.sum(axis=1) != m * (m + 1) // 2))
    C = counts.reshape(m, m)
    acc = C / samples
    n_first = C[:, 0]
    never_first = n_first == 0
    central = np.divide(
        first_sum, n_first[:, None], out=np.zeros_like(first_sum), where=n_first[:, None] > 0
    )
    cdf = np.cumsum(C, axis=1) / samples
    ranks_axis = np.arange(1, m + 1)
    rank_range = pd.DataFrame(
        {
            "min": [int(ranks_axis[row > 0][0]) for row in C],
            "p05": (np.argmax(cdf >= 0.05 - 1e-12, axis=1) + 1).astype(int),
            "p95": (np.argmax(cdf >= 0.95 - 1e-12, axis=1) + 1).astype(int),
            "max": [int(ranks_axis[row > 0][-1]) for row in C],
        },
        index=pd.Index(alternatives, name="alternative"),
    )
    if tie_samples:
        warnings.append(
            f"{tie_samples} of {samples} samples contain tied alternatives; tied alternatives "
            f"share the minimum rank, so the acceptability columns do not all sum to 1."
        )
    if never_first.any():
        warnings.append(
            f"{int(never_first.sum())} alternative(s) never rank first; their central weights "
            f"are zeros (flag never_first)."
        )
    return SMAAResult(
        method=method,
        acceptability=readonly(acc),
        top_k_probability=readonly(C[:, :top_k].sum(axis=1) / samples),
        central_weights=readonly(central),
        never_first=readonly(never_first),
        rank_range=rank_range,
        samples=samples,
        seed=int(seed),
        alternatives=alternatives,
        criteria=criteria,
        settings={
            "method": method,
            **resolved,
            "types": t.tolist(),
            "sampler": (
                f"each agreed weight uniform within ±{band:.0%}, renormalised"
                if band is not None
                else "Dirichlet(1, ..., 1) (uniform on the simplex)"
                if concentration is None
                else f"Dirichlet({float(concentration):g} * w) around the agreed weights"
            ),
            "band": band,
            "weights": None if w0 is None else w0.tolist(),
            "concentration": concentration,
            "rng": "numpy.random.default_rng",
            "seed": int(seed),
            "samples": samples,
            "top_k": top_k,
            "batch_size": batch_size,
            "tie_rule": "min (ties share the minimum rank), relative tolerance 1e-12",
            "percentiles": "smallest rank whose cumulative share reaches 5% / 95%",
        },
        warnings=tuple(warnings),
    )


# ----------------------------------------------------------------------------------------------
# exact stability intervals
# ----------------------------------------------------------------------------------------------


def _linear_matrix(method, X, t, criteria, settings) -> np.ndarray:
    settings = dict(settings)
    if method == "wsm":
        M = _wsm_matrix(X, t, settings.pop("normalization", "minmax"))
    elif method == "promethee_ii":
        plus, minus, _ = _promethee_parts(
            X,
            t,
            settings.pop("functions", "usual"),
            settings.pop("q", None),
            settings.pop("p", None),
            settings.pop("s", None),
            criteria,
        )
        M = plus - minus
    else:
        raise PrioritizationInputError(
            f"Exact stability intervals need scores linear in the weights: method must be 'wsm' "
            f"or 'promethee_ii', not {method!r}. Use smaa() for TOPSIS and VIKOR."
        )
    if settings:
        raise PrioritizationInputError(
            f"Settings {sorted(settings)} are not used by method {method!r}."
        )
    return M


def _interval(a, b, t0, inside, labels):
    """Interval of t around t0 where no alternative outside ``inside`` overtakes one inside.

    Scores are ``s_i(t) = t a_i + (1 - t) b_i`` on ``t in [0, 1]``.
    """
    lo, hi = 0.0, 1.0
    lo_what, hi_what = "none (weight 0 reached)", "none (weight 1 reached)"
    ins = np.flatnonzero(inside)
    out = np.flatnonzero(~inside)
    if ins.size == 0 or out.size == 0:
        return lo, hi, lo_what, hi_what
    # d(t) = s_in(t) - s_out(t) = c0 + c1 t  for every (in, out) pair
    c0 = b[ins][:, None] - b[out][None, :]
    c1 = (a[ins] - b[ins])[:, None] - (a[out] - b[out])[None, :]
    d0 = c0 + c1 * t0
    scale = max(np.abs(a).max(), np.abs(b).max(), 1e-300)
    tol = 1e-12 * scale
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.where(np.abs(c1) > tol, -c0 / c1, np.nan)
    # Going up, a pair is lost where d decreases (c1 < 0) and reaches 0 at root >= t0.
    up = (c1 < -tol) & (root >= t0 - 1e-15)
    down = (c1 > tol) & (root <= t0 + 1e-15)
    tied_now = np.abs(d0) <= tol
    up |= tied_now & (c1 < -tol)
    down |= tied_now & (c1 > tol)
    if up.any():
        r = np.where(up, np.maximum(root, t0), np.inf)
        k = np.unravel_index(np.argmin(r), r.shape)
        if r[k] <= 1.0:
            hi = float(r[k])
            hi_what = f"{labels[out[k[1]]]!s} overtakes {labels[ins[k[0]]]!s}"
    if down.any():
        r = np.where(down, np.minimum(root, t0), -np.inf)
        k = np.unravel_index(np.argmax(r), r.shape)
        if r[k] >= 0.0:
            lo = float(r[k])
            lo_what = f"{labels[out[k[1]]]!s} overtakes {labels[ins[k[0]]]!s}"
    return lo, hi, lo_what, hi_what


def stability_intervals(
    matrix: Any,
    weights: Any,
    types: Any,
    method: str = "wsm",
    top_k: int = 10,
    **settings: Any,
) -> pd.DataFrame:
    """Exact weight-stability intervals of the top-k set and of the top-1 alternative.

    For criterion ``j`` its weight is moved to ``t`` and the others are rescaled
    proportionally, ``w_k(t) = w_k (1 - t) / (1 - w_j)`` (if ``w_j = 1`` the others share
    ``1 - t`` equally). Scores are then linear in ``t``: ``s_i(t) = t a_ij + (1 - t) b_i``
    (``a`` = the normalised matrix for WSM, the unicriterion net flows for PROMETHEE II). The
    bounds are the nearest roots, on each side of the current weight, of the score differences
    between an alternative inside the set and one outside it: solved exactly, no grid search.
    At a bound the two alternatives tie; beyond it the set changes.

    Parameters
    ----------
    matrix, weights, types
        As in :func:`wsm`.
    method
        ``"wsm"`` (default) or ``"promethee_ii"``.
    top_k
        Size of the top set (clipped to ``m``). The current top set is ``rank <= top_k``.
    **settings
        Method settings (``normalization`` for WSM; ``functions``, ``q``, ``p``, ``s`` for
        PROMETHEE II).

    Returns
    -------
    pandas.DataFrame
        One row per criterion: ``weight``, ``topk_lower``, ``topk_upper``, ``topk_at_lower``,
        ``topk_at_upper`` (what changes at each bound), and the same four for ``top1_*``.

    Examples
    --------
    >>> df = stability_intervals([[1, 0], [0, 1]], [0.6, 0.4], ["benefit", "benefit"], top_k=1)
    >>> df.loc["C1", ["topk_lower", "topk_upper"]].tolist()
    [0.5, 1.0]
    """
    X, alternatives, criteria = coerce_matrix(matrix)
    m, n = X.shape
    w, _ = coerce_weights(weights, n, criteria)
    t = coerce_types(types, n)
    M = _linear_matrix(method, X, t, criteria, settings)
    k = max(1, min(int(top_k), m))
    s0 = M @ w
    ranks = _min_ranks_2d(s0[None, :])[0]
    rows = []
    for j in range(n):  # loop over criteria (few)
        others = np.delete(np.arange(n), j)
        if others.size == 0:
            b = np.zeros(m)
        elif w[j] < 1.0:
            b = M[:, others] @ (w[others] / (1.0 - w[j]))
        else:
            b = M[:, others].mean(axis=1)
        a = M[:, j]
        row = {"criterion": criteria[j], "weight": float(w[j])}
        for name, size in (("topk", k), ("top1", 1)):
            lo, hi, lo_what, hi_what = _interval(a, b, float(w[j]), ranks <= size, alternatives)
            row.update(
                {
                    f"{name}_lower": lo,
                    f"{name}_upper": hi,
                    f"{name}_at_lower": lo_what,
                    f"{name}_at_upper": hi_what,
                }
            )
        rows.append(row)
    df = pd.DataFrame(rows).set_index("criterion")
    df.attrs["settings"] = {
        "method": method,
        "top_k": k,
        "rescaling": "others proportional: w_k (1 - t) / (1 - w_j)",
        **settings,
    }
    return df


def contributions(
    matrix: Any, weights: Any, types: Any, method: str = "wsm", **settings: Any
) -> pd.DataFrame:
    """Per-criterion contribution to each alternative's score.

    WSM: ``w_j r_ij`` (normalised matrix); PROMETHEE II: ``w_j phi_j(a_i)`` (unicriterion net
    flows). Each row sums to the alternative's score.

    Parameters
    ----------
    matrix, weights, types
        As in :func:`wsm`.
    method
        ``"wsm"`` (default) or ``"promethee_ii"``.
    **settings
        Method settings, as in :func:`stability_intervals`.

    Returns
    -------
    pandas.DataFrame
        Alternatives x criteria.

    Examples
    --------
    >>> contributions([[1, 0], [0, 1]], [0.6, 0.4], ["benefit", "benefit"]).sum(axis=1).tolist()
    [0.6, 0.4]
    """
    X, alternatives, criteria = coerce_matrix(matrix)
    n = X.shape[1]
    w, _ = coerce_weights(weights, n, criteria)
    t = coerce_types(types, n)
    M = _linear_matrix(method, X, t, criteria, settings)
    return pd.DataFrame(
        M * w[None, :],
        index=pd.Index(alternatives, name="alternative"),
        columns=pd.Index(criteria, name="criterion"),
    )
