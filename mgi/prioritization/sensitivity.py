"""Uncertainty and sensitivity: SMAA-2 rank acceptability, exact weight-stability intervals and
per-criterion contributions.

SMAA is vectorised over samples and works in batches whose memory is bounded by the batch
(samples x alternatives): each method's kernel scores a batch of weight vectors at once (WSM
and PROMETHEE II: ``W @ M.T``; TOPSIS: distances linear in the squared weights; VIKOR: ``S``
by a product and ``R`` as a running maximum over the criteria), then one argsort per sample
orders the alternatives and the rank acceptability is counted with ``numpy.bincount``. The
few samples with a tie (two scores within ``TIE_RTOL`` of each other) are ranked exactly by
the competition ("min") rule of :func:`mgi.prioritization.rank`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue
from mgi.prioritization._common import (
    _exact_min_ranks,
    coerce_matrix,
    coerce_types,
    coerce_weights,
    constant_warnings,
    engine_error,
    engine_issue,
    merit_positions,
    min_ranks,
    readonly,
    sorted_scores,
)
from mgi.prioritization.registry import Scorer, get_method, linear_names

__all__ = ["SMAAResult", "contributions", "smaa", "stability_intervals"]

#: Target size in bytes of one samples x alternatives array of a batch. It bounds the memory
#: (a batch holds a few such arrays, whatever the number of samples) and keeps a batch in the
#: processor's cache, which measured faster than larger batches at 23 to 500 alternatives.
_BATCH_BYTES = 256_000


class RankCounts:
    """The views shared by results of rank acceptability (:class:`SMAAResult`,
    :class:`~mgi.prioritization.UncertaintyResult`): they hold ``alternatives``,
    ``acceptability`` and a ``_rank_range`` table."""

    alternatives: tuple[Any, ...]
    acceptability: np.ndarray
    _rank_range: pd.DataFrame

    @property
    def rank_range(self) -> pd.DataFrame:
        """Min, 5th percentile, 95th percentile and max rank per alternative (a copy)."""
        return self._rank_range.copy()

    def acceptability_frame(self) -> pd.DataFrame:
        """Rank acceptability as a DataFrame (alternatives x ranks 1..m)."""
        m = len(self.alternatives)
        return pd.DataFrame(
            np.array(self.acceptability),
            index=pd.Index(self.alternatives, name="alternative"),
            columns=pd.Index(range(1, m + 1), name="rank"),
        )


@dataclass(frozen=True, kw_only=True, eq=False)
class SMAAResult(RankCounts):
    """SMAA-2 result (immutable: arrays are read-only, tables are copies).

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
    warnings
        Catalogue issues (``mcda.smaa_ties``, ``mcda.smaa_never_first``, and those of the
        inputs).
    """

    method: str
    acceptability: np.ndarray
    top_k_probability: np.ndarray
    central_weights: np.ndarray
    never_first: np.ndarray
    _rank_range: pd.DataFrame = field(repr=False)
    samples: int
    seed: int
    alternatives: tuple[Any, ...]
    criteria: tuple[Any, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[Issue, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """Summary per alternative: top-k probability, first-rank share and rank range."""
        df = self.rank_range
        df.insert(0, "p_first", np.asarray(self.acceptability)[:, 0])
        df.insert(0, f"p_top{self.settings.get('top_k')}", np.asarray(self.top_k_probability))
        return df


class _Sampler:
    """Draws the weight samples batch by batch from one generator.

    Drawing ``k`` rows at a time consumes the generator's stream exactly as one draw of all
    rows would, so the samples (and every result) do not depend on the batch size.
    """

    def __init__(
        self,
        rng: np.random.Generator,
        n: int,
        weights: np.ndarray | None,
        concentration: float | None,
        band: float | None,
    ) -> None:
        self.rng, self.n, self.weights, self.band = rng, n, weights, band
        self.concentration = concentration

    def draw(self, k: int) -> np.ndarray:
        rng, n, w = self.rng, self.n, self.weights
        # a band or a concentration comes with agreed weights (check_sampler), never both
        if w is not None and self.band is not None:
            # each weight varies uniformly within +-band of its agreed value, then renormalised
            varied = w[None, :] * rng.uniform(1 - self.band, 1 + self.band, size=(k, n))
            return varied / varied.sum(axis=1, keepdims=True)
        if w is None or self.concentration is None:
            return rng.dirichlet(np.ones(n), size=k)
        alpha = float(self.concentration) * w
        W = np.zeros((k, n))
        pos = alpha > 0
        W[:, pos] = rng.dirichlet(alpha[pos], size=k)
        return W


def _count_batch(
    scores: np.ndarray,
    W: np.ndarray,
    higher_is_better: bool,
    counts: np.ndarray,
    first_sum: np.ndarray,
) -> int:
    """Add one batch to the rank counts (``m * m``, flat) and first-rank weight sums; return
    the number of samples with a tie.

    One argsort per sample; in a sample whose scores are clearly apart the alternative at
    merit position ``p`` has rank ``p + 1``, counted with ``bincount``; the other samples (ties
    and near-ties) are ranked by the exact definition.
    """
    m = scores.shape[1]
    ascending, clear = sorted_scores(scores, higher_is_better)
    positions = merit_positions(m, higher_is_better)
    best = -1 if higher_is_better else 0
    fast: slice | np.ndarray
    if clear.all():
        fast, tied = slice(None), np.zeros(0, dtype=np.intp)
    else:
        fast, tied = np.flatnonzero(clear), np.flatnonzero(~clear)
    order = ascending[fast]
    counts += np.bincount((order * m + positions).ravel(), minlength=m * m)
    n = W.shape[1]
    cells = order[:, best, None] * n + np.arange(n)  # (first alternative, criterion)
    first_sum += np.bincount(cells.ravel(), weights=W[fast].ravel(), minlength=m * n).reshape(m, n)
    if not tied.size:
        return 0
    ranks = _exact_min_ranks(scores[tied], higher_is_better)
    counts += np.bincount((np.arange(m) * m + ranks - 1).ravel(), minlength=m * m)
    first_sum += (ranks == 1).astype(float).T @ W[tied]
    # With the "min" rule the ranks of a sample sum to m (m + 1) / 2 exactly when no two tie.
    return int(np.count_nonzero(ranks.sum(axis=1) != m * (m + 1) // 2))


def rank_ranges(C: np.ndarray, samples: int, alternatives: tuple[Any, ...]) -> pd.DataFrame:
    """Min, 5th percentile, 95th percentile and max rank per alternative from the rank counts
    ``C`` (alternatives x ranks); a percentile is the smallest rank whose cumulative share
    reaches it."""
    m = C.shape[0]
    cdf = np.cumsum(C, axis=1) / samples
    seen = C > 0
    ranges = np.stack(
        [
            np.argmax(seen, axis=1) + 1,
            np.argmax(cdf >= 0.05 - 1e-12, axis=1) + 1,
            np.argmax(cdf >= 0.95 - 1e-12, axis=1) + 1,
            m - np.argmax(seen[:, ::-1], axis=1),
        ],
        axis=1,
    ).astype(np.int64)
    return pd.DataFrame(
        ranges,
        index=pd.Index(alternatives, name="alternative"),
        columns=["min", "p05", "p95", "max"],
    )


def check_samples(samples: Any) -> int:
    """The number of samples as a whole number of 1 or more, or ``mcda.setting_invalid``."""
    try:
        samples = int(samples)
    except (TypeError, ValueError):
        samples = 0
    if samples < 1:
        raise engine_error(
            "mcda.setting_invalid",
            what="number of samples",
            found=repr(samples),
            allowed="a whole number of 1 or more",
        )
    return samples


def check_seed(seed: Any) -> int:
    """The seed (``None``: a fresh one, to be recorded), or ``mcda.setting_invalid``."""
    if seed is None:
        entropy = np.random.SeedSequence().entropy
        assert isinstance(entropy, int)  # drawn fresh, it is one number
        return int(entropy % (2**63))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise engine_error(
            "mcda.setting_invalid",
            what="seed",
            found=repr(seed),
            allowed="a whole number of 0 or more",
        )
    return int(seed)


def check_sampler(w0: np.ndarray | None, concentration: Any, band: Any) -> float | None:
    """Check the weight sampler's settings (Dirichlet concentration, or a band around the
    agreed weights ``w0``); return the band as a number (or ``None``)."""
    if concentration is not None:
        if w0 is None:
            raise engine_error("mcda.concentration_without_weights")
        try:
            kappa = float(concentration)
        except (TypeError, ValueError):
            kappa = float("nan")
        if not (np.isfinite(kappa) and kappa > 0):
            raise engine_error(
                "mcda.setting_invalid",
                what="concentration",
                found=repr(concentration),
                allowed="a finite number above 0 (larger keeps the samples closer to the "
                "agreed weights)",
            )
    if band is None:
        return None
    if w0 is None or concentration is not None:
        raise engine_error("mcda.band_needs_weights")
    if not 0 < float(band) < 1:
        raise engine_error(
            "mcda.setting_invalid",
            what="band",
            found=repr(band),
            allowed="a share between 0 and 1 (0.2 means ±20%)",
        )
    return float(band)


def smaa(
    matrix: Any,
    weights: Any = None,
    types: Any = None,
    *,
    method: str = "wsm",
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
    matrix
        Decision matrix, alternatives as rows (array-like or DataFrame).
    weights
        Agreed weights: the centre of the Dirichlet sampler when ``concentration`` is given, or
        of the ``band`` sampler. ``None`` (default): no agreed weights (uniform sampler only).
    types
        Criterion types, as in :func:`wsm` (``None``: every criterion is a benefit).
    method
        A method of :data:`~mgi.prioritization.METHODS` (``"wsm"``, ``"topsis"``, ``"vikor"``,
        ``"promethee_ii"``).
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
        Samples per batch (default: chosen so that one samples x alternatives array of a batch
        stays near 256 kB). The results do not depend on it.
    **settings
        Method settings: ``normalization`` (WSM, TOPSIS), ``v`` (VIKOR), ``functions``, ``q``,
        ``p``, ``s`` (PROMETHEE II).

    Returns
    -------
    SMAAResult

    Examples
    --------
    >>> res = smaa([[1, 2], [2, 1], [0, 0]], None, ["benefit", "benefit"], samples=1000, seed=1)
    >>> res.acceptability.sum(axis=1).tolist(), float(res.acceptability[2, 2])
    ([1.0, 1.0, 1.0], 1.0)
    """
    X, alternatives, criteria = coerce_matrix(matrix)
    m, n = X.shape
    t = coerce_types(types, n)
    kind = get_method(method)
    samples = check_samples(samples)
    warnings = list(constant_warnings(X, criteria))
    w0 = None
    if weights is not None:
        w0, wwarn = coerce_weights(weights, n, criteria)
        warnings.extend(wwarn)
    band = check_sampler(w0, concentration, band)
    seed = check_seed(seed)
    scorer: Scorer = kind._scorer(X, t, alternatives, criteria, settings)
    top_k = max(1, min(int(top_k), m))
    if batch_size is None:
        batch_size = max(16, _BATCH_BYTES // (8 * max(m, n)))
    batch_size = max(1, min(int(batch_size), samples))
    sampler = _Sampler(np.random.default_rng(seed), n, w0, concentration, band)

    counts = np.zeros(m * m, dtype=np.int64)
    first_sum = np.zeros((m, n))
    tie_samples = 0
    for start in range(0, samples, batch_size):  # batches of samples, vectorised inside
        W = sampler.draw(min(batch_size, samples - start))
        scores = scorer.scores(W)
        tie_samples += _count_batch(scores, W, kind.higher_is_better, counts, first_sum)
    C = counts.reshape(m, m)
    acc = C / samples
    n_first = C[:, 0]
    never_first = n_first == 0
    central = np.divide(
        first_sum, n_first[:, None], out=np.zeros_like(first_sum), where=n_first[:, None] > 0
    )
    rank_range = rank_ranges(C, samples, alternatives)
    if tie_samples:
        warnings.append(
            engine_issue("mcda.smaa_ties", found=tie_samples, samples=samples, method=kind.label)
        )
    if never_first.any():
        warnings.append(
            engine_issue("mcda.smaa_never_first", found=int(never_first.sum()), method=kind.label)
        )
    return SMAAResult(
        method=kind.name,
        acceptability=readonly(acc),
        top_k_probability=readonly(C[:, :top_k].sum(axis=1) / samples),
        central_weights=readonly(central),
        never_first=readonly(never_first),
        _rank_range=rank_range,
        samples=samples,
        seed=int(seed),
        alternatives=alternatives,
        criteria=criteria,
        settings={
            "method": kind.name,
            **scorer.settings,
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
            "ranking": "one argsort per sample; samples with a tie ranked by the exact rule",
            "tie_rule": "min (ties share the minimum rank), relative tolerance 1e-12",
            "percentiles": "smallest rank whose cumulative share reaches 5% / 95%",
        },
        warnings=tuple(warnings),
    )


# ----------------------------------------------------------------------------------------------
# exact stability intervals
# ----------------------------------------------------------------------------------------------


def _linear_matrix(
    method: str, X: np.ndarray, t: np.ndarray, alternatives: tuple, criteria: tuple, settings: dict
) -> np.ndarray:
    kind = get_method(method)
    if not kind.linear:
        raise engine_error("mcda.not_linear", found=kind.name, allowed=", ".join(linear_names()))
    return kind._scorer(X, t, alternatives, criteria, settings).linear_matrix


def _interval(
    a: np.ndarray, b: np.ndarray, t0: float, inside: np.ndarray, labels: Sequence[Any]
) -> tuple[float, float, str, str]:
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
    *,
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
        A method linear in the weights (``Method.linear``): ``"wsm"`` (default) or
        ``"promethee_ii"``.
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
    M = _linear_matrix(method, X, t, alternatives, criteria, settings)
    k = max(1, min(int(top_k), m))
    s0 = M @ w
    ranks = min_ranks(s0[None, :])[0]
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
    matrix: Any, weights: Any, types: Any, *, method: str = "wsm", **settings: Any
) -> pd.DataFrame:
    """Per-criterion contribution to each alternative's score.

    WSM: ``w_j r_ij`` (normalised matrix); PROMETHEE II: ``w_j phi_j(a_i)`` (unicriterion net
    flows). Each row sums to the alternative's score.

    Parameters
    ----------
    matrix, weights, types
        As in :func:`wsm`.
    method
        A method linear in the weights: ``"wsm"`` (default) or ``"promethee_ii"``.
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
    M = _linear_matrix(method, X, t, alternatives, criteria, settings)
    return pd.DataFrame(
        M * w[None, :],
        index=pd.Index(alternatives, name="alternative"),
        columns=pd.Index(criteria, name="criterion"),
    )
