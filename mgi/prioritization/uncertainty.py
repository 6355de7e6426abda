"""Rank uncertainty from the weights, the data and the choice of method, separately or together.

:func:`~mgi.prioritization.smaa` varies the weights only. :func:`rank_uncertainty` lets each
sample draw any of three things independently:

* **weights**: a weight vector around the agreed weights (the samplers of SMAA-2);
* **data**: a new decision matrix from a :class:`DataSampler` (for example the consultation's
  respondents and the experts resampled with replacement, see
  :mod:`mgi.priorities.resampling`);
* **method**: one of the ranking methods given; sample ``i`` uses method ``i mod M``, so each
  method ranks exactly its share of the samples (a stratified draw, which has the same
  distribution as a random one and less Monte-Carlo noise).

What is not varied stays at its reference: the agreed weights, the matrix as given, the first
method. Varying nothing but the method gives the ``M`` rankings of the methods themselves, and
varying all three at once gives the joint uncertainty that the working group should read first.

Every draw is vectorised: the weights of a batch come from one call of the generator, the
matrices of a batch from the data sampler's own matrix products, the scores of a stack of
matrices from each method's ``parts`` and ``paired`` kernel (the same formulas as a single run,
:meth:`~mgi.prioritization.Method.paired_scores`), and the ranks from one sort per sample. The
weights and the data come from two generators spawned from the one seed, each drawn batch by
batch in a way that does not depend on the batch size.

Examples
--------
>>> import numpy as np
>>> X = [[9, 1], [6, 5], [1, 8]]   # WSM ranks them 2, 1, 2 (a tie); TOPSIS 3, 1, 2
>>> r = rank_uncertainty(X, [0.5, 0.5], ["benefit", "benefit"], methods=["wsm", "topsis"],
...                      vary=("method",), samples=2)
>>> r.acceptability.tolist()   # each alternative's share of the two rankings per rank
[[0.0, 0.5, 0.5], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pandas as pd

from mgi.catalogue import Issue
from mgi.prioritization._common import (
    coerce_matrix,
    coerce_types,
    coerce_weights,
    constant_warnings,
    engine_error,
    min_ranks,
    readonly,
)
from mgi.prioritization.registry import get_method
from mgi.prioritization.sensitivity import (
    _BATCH_BYTES,
    RankCounts,
    _count_batch,
    _Sampler,
    check_sampler,
    check_samples,
    check_seed,
    rank_ranges,
)

__all__ = ["SOURCES", "DataSampler", "UncertaintyResult", "rank_uncertainty"]

#: The sources of uncertainty a sample can draw.
SOURCES = ("weights", "data", "method")


class DataSampler(Protocol):
    """Draws versions of the decision matrix (e.g. the ratings' respondents resampled).

    ``draw(rng, k)`` returns ``k x m x n`` matrices (alternatives and criteria in the order of
    the matrix given to :func:`rank_uncertainty`), every value finite. Drawing ``k`` matrices
    at a time must use the generator exactly as one draw of all of them would (draw whole rows
    of uniform numbers, never integers in a bounded range, which numpy buffers per call), so
    that results do not depend on the batch size. ``description`` says what is resampled.
    """

    description: str

    def draw(self, rng: np.random.Generator, k: int) -> np.ndarray: ...


@dataclass(frozen=True, kw_only=True, eq=False)
class UncertaintyResult(RankCounts):
    """Rank acceptability under the sources varied (immutable: arrays are read-only).

    Attributes
    ----------
    sources
        Which of ``weights``, ``data``, ``method`` each sample drew.
    methods
        The methods ranked (the first is the reference when the method is not varied).
    acceptability
        ``m x m``: share of samples in which alternative ``i`` (row) has rank ``r`` (column
        ``r - 1``).
    top_k_probability
        Share of samples in which each alternative ranks ``<= top_k``.
    samples, seed
        Number of samples and the seed of the generators.
    method_samples
        Method → number of samples it ranked.
    locked
        Alternatives ranked ahead of all others in every sample (see :func:`rank_uncertainty`).
    """

    sources: tuple[str, ...]
    methods: tuple[str, ...]
    acceptability: np.ndarray
    top_k_probability: np.ndarray
    _rank_range: pd.DataFrame = field(repr=False)
    samples: int
    seed: int
    alternatives: tuple[Any, ...]
    criteria: tuple[Any, ...]
    method_samples: Mapping[str, int] = field(default_factory=dict)
    locked: tuple[Any, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[Issue, ...] = ()


def _locked_ranks(scores: np.ndarray, higher_is_better: bool, locked: np.ndarray) -> np.ndarray:
    """Competition ranks with the locked alternatives first: locked ones ranked among
    themselves (1..L), the others among themselves after them (L + 1..m)."""
    ranks = np.empty(scores.shape, dtype=np.int64)
    free = ~locked
    if locked.any():
        ranks[:, locked] = min_ranks(scores[:, locked], higher_is_better)
    if free.any():
        ranks[:, free] = min_ranks(scores[:, free], higher_is_better) + int(locked.sum())
    return ranks


def _count_ranks(ranks: np.ndarray, counts: np.ndarray) -> None:
    m = ranks.shape[1]
    counts += np.bincount((np.arange(m) * m + ranks - 1).ravel(), minlength=m * m)


def _method_settings(
    methods: Sequence[str], settings: Mapping[str, Mapping[str, Any]] | None
) -> dict[str, dict[str, Any]]:
    from mgi.prioritization.methods import METHODS

    settings = settings or {}
    unknown = sorted(set(settings) - set(METHODS))
    if unknown:
        raise engine_error(
            "mcda.setting_unknown",
            found=", ".join(map(str, unknown)),
            method="rank_uncertainty",
            allowed=", ".join(METHODS),
        )
    return {
        m: {k: v for k, v in dict(settings.get(m, {})).items() if k != "tie_rule"} for m in methods
    }


def rank_uncertainty(
    matrix: Any,
    weights: Any,
    types: Any,
    *,
    methods: Sequence[str] = ("wsm",),
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    vary: Sequence[str] = ("weights",),
    data: DataSampler | None = None,
    samples: int = 10_000,
    seed: int = 0,
    top_k: int = 10,
    concentration: float | None = None,
    band: float | None = None,
    locked: Sequence[Any] = (),
    batch_size: int | None = None,
) -> UncertaintyResult:
    """Rank acceptability when the weights, the data and the method vary.

    Parameters
    ----------
    matrix
        Decision matrix, alternatives as rows (the reference data).
    weights
        The agreed weights: the reference, and the centre of the weight sampler.
    types
        Criterion types, as in :func:`~mgi.prioritization.wsm`.
    methods
        Names of :data:`~mgi.prioritization.METHODS`; the first is the reference method.
    settings
        Method name → its settings (``normalization``, ``bounds``, ``v``...).
    vary
        Any of ``"weights"``, ``"data"``, ``"method"``: what each sample draws.
    data
        The :class:`DataSampler`, needed when ``"data"`` is varied.
    samples
        Number of samples (with only ``"method"`` varied, one per method is enough).
    seed
        Seed of ``numpy.random.SeedSequence``: one generator for the weights and one for the
        data are spawned from it.
    top_k
        ``k`` of the top-k probability (clipped to ``m``).
    concentration, band
        The weight sampler, as in :func:`~mgi.prioritization.smaa`: ``Dirichlet(kappa * w)``,
        each weight within ``±band``, or (both ``None``) uniform on the simplex.
    locked
        Alternatives (labels) kept ahead of all the others in every sample: ranked among
        themselves from 1, the others after them. Their scores are computed with the rest.
    batch_size
        Samples per batch (default: about 2 MB of matrices a batch, which measured faster than
        larger batches). Results do not depend on it.

    Returns
    -------
    UncertaintyResult

    Examples
    --------
    >>> r = rank_uncertainty([[1, 2], [2, 1], [0, 0]], [0.5, 0.5], None, samples=500, seed=3,
    ...                      concentration=10, top_k=1)
    >>> r.sources, float(r.top_k_probability[2])
    (('weights',), 0.0)
    """
    X, alternatives, criteria = coerce_matrix(matrix)
    m, n = X.shape
    t = coerce_types(types, n)
    w0, wwarn = coerce_weights(weights, n, criteria)
    vary = tuple(dict.fromkeys(vary))
    unknown = [v for v in vary if v not in SOURCES]
    if unknown or not vary:
        raise engine_error(
            "mcda.setting_invalid",
            what="sources of uncertainty (vary)",
            found=repr(list(vary)),
            allowed=", ".join(SOURCES) + " (at least one)",
        )
    names = [get_method(name).name for name in methods]
    if not names:
        raise engine_error("mcda.unknown_method", found="none", allowed="at least one method")
    if "method" not in vary:
        names = names[:1]
    per_method = _method_settings(names, settings)
    if "data" in vary and data is None:
        raise engine_error("mcda.data_sampler_missing")
    samples = check_samples(samples)
    seed = check_seed(0 if seed is None else seed)
    band = check_sampler(w0, concentration, band) if "weights" in vary else None
    labels = list(alternatives)
    missing = [a for a in locked if a not in labels]
    if missing:
        raise engine_error(
            "mcda.unknown_alternative",
            found=", ".join(map(str, missing)),
            allowed=", ".join(map(str, labels)),
        )
    lock = np.zeros(m, dtype=bool)
    lock[[labels.index(a) for a in locked]] = True
    kinds = {name: get_method(name) for name in names}
    scorers = {
        name: kind._scorer(X, t, alternatives, criteria, per_method[name])
        for name, kind in kinds.items()
    }
    weight_rng, data_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    sampler = _Sampler(weight_rng, n, w0, concentration, band) if "weights" in vary else None
    top_k = max(1, min(int(top_k), m))
    if batch_size is None:  # about 2 MB of stacked matrices (PROMETHEE: k x m x m) a batch
        size = m * max(m, n) if "data" in vary else max(m, n)
        batch_size = max(16, (8 * _BATCH_BYTES) // (8 * size))
    batch_size = max(1, min(int(batch_size), samples))
    counts = np.zeros(m * m, dtype=np.int64)
    unused = np.zeros((m, n))
    method_samples = dict.fromkeys(names, 0)
    for start in range(0, samples, batch_size):  # batches of samples, vectorised inside
        k = min(batch_size, samples - start)
        W = sampler.draw(k) if sampler is not None else np.broadcast_to(w0, (k, n))
        stack = data.draw(data_rng, k) if "data" in vary and data is not None else None
        if stack is not None and stack.shape != (k, m, n):
            raise engine_error(
                "mcda.matrix_shape", what="A resampled decision matrix", found=stack.shape
            )
        which = (np.arange(start, start + k) % len(names)) if len(names) > 1 else None
        for position, name in enumerate(names):  # loop over the methods (few)
            rows = slice(None) if which is None else np.flatnonzero(which == position)
            Wm = W[rows]
            if Wm.shape[0] == 0:
                continue
            kind = kinds[name]
            if stack is None:
                scores = scorers[name].scores(Wm)
            else:
                scores = kind.paired_scores(
                    stack[rows], t, Wm, criteria=criteria, **per_method[name]
                )
            method_samples[name] += Wm.shape[0]
            if lock.any():
                _count_ranks(_locked_ranks(scores, kind.higher_is_better, lock), counts)
            else:
                _count_batch(scores, np.asarray(Wm), kind.higher_is_better, counts, unused)
    C = counts.reshape(m, m)
    warnings: list[Issue] = [*constant_warnings(X, criteria), *wwarn]
    return UncertaintyResult(
        sources=vary,
        methods=tuple(names),
        acceptability=readonly(C / samples),
        top_k_probability=readonly(C[:, :top_k].sum(axis=1) / samples),
        _rank_range=rank_ranges(C, samples, alternatives),
        samples=samples,
        seed=int(seed),
        alternatives=alternatives,
        criteria=criteria,
        method_samples=dict(method_samples),
        locked=tuple(a for a in labels if lock[labels.index(a)]),
        settings={
            "sources": list(vary),
            "methods": list(names),
            "method_choice": "sample i ranked by method i mod M (equal shares)"
            if len(names) > 1
            else f"{names[0]} for every sample",
            "method_settings": per_method,
            "weights": "sampled: "
            + (
                f"each agreed weight uniform within ±{band:.0%}, renormalised"
                if band is not None
                else f"Dirichlet({float(concentration):g} * w) around the agreed weights"
                if concentration is not None
                else "Dirichlet(1, ..., 1) (uniform on the simplex)"
            )
            if "weights" in vary
            else "the agreed weights in every sample",
            "agreed_weights": w0.tolist(),
            "data": data.description if "data" in vary and data is not None else "as given",
            "rng": "numpy.random.SeedSequence(seed).spawn(2): weights, data",
            "seed": int(seed),
            "samples": samples,
            "top_k": top_k,
            "batch_size": batch_size,
            "locked": [str(a) for a in labels if lock[labels.index(a)]],
            "tie_rule": "min (ties share the minimum rank), relative tolerance 1e-12",
            "percentiles": "smallest rank whose cumulative share reaches 5% / 95%",
        },
        warnings=tuple(warnings),
    )
