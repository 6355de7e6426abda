"""Rank the GCM objectives: four methods, consensus, sensitivity and explanations.

:func:`prioritize` takes a :class:`~mgi.priorities.criteria.CriteriaMatrix` and the agreed
weights and returns an immutable :class:`Prioritization` that keeps every intermediate table:
scores and ranks per method, the consensus across methods (Borda and Copeland), rank
correlations between methods, the uncertainty of every rank under the weights, the data (the
consultation's respondents and the experts resampled) and the choice of method, separately
and together, rank acceptability (SMAA-2) per method, exact weight-stability intervals, each
criterion's contribution to each objective's score with what lifts each objective and what
holds it back, the MGI indicators behind each governance gap, and the comparison with a
reference list of objectives. What-if settings (weights overridden, objectives left out or
locked, see :mod:`mgi.priorities.whatif`) are applied here and recorded.

The ranked table (:meth:`Prioritization.table`) leads with the consensus across the methods,
the range of ranks across the methods and the probability of being in the priority set when
the weights, the data and the method all vary: no single method's rank is shown alone.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

import mgi
from mgi._parallel import side_by_side
from mgi.catalogue import Issue
from mgi.errors import InputError
from mgi.priorities._problems import input_error
from mgi.priorities.criteria import CriteriaMatrix
from mgi.priorities.weighting import AgreedWeights, profile_weights
from mgi.priorities.whatif import WhatIf, override_weights
from mgi.prioritization import (
    METHODS,
    PrioritizationInputError,
    RankingResult,
    SMAAResult,
    UncertaintyResult,
    borda,
    contributions,
    copeland,
    critic_weights,
    entropy_weights,
    kendall,
    min_ranks,
    rank_uncertainty,
    smaa,
    spearman,
    stability_intervals,
    weighted_spearman,
    ws_coefficient,
)
from mgi.prioritization._common import engine_error, relative_total
from mgi.reference import gcm_objectives, objective_code

#: The sources of rank uncertainty reported, in the order of the table's columns: each alone,
#: then all together (``all``).
UNCERTAINTY_SOURCES = ("weights", "data", "methods", "all")

#: Rank correlations offered by :meth:`Prioritization.correlations`.
CORRELATIONS = {
    "spearman": spearman,
    "weighted_spearman": weighted_spearman,
    "kendall": kendall,
    "ws": ws_coefficient,
}


@dataclass(frozen=True, eq=False, kw_only=True)
class Prioritization:
    """The ranking of the GCM objectives with everything needed to explain and defend it.

    Everything is computed once, by :func:`prioritize`; the object cannot be changed from
    outside: its tables are handed out as copies, its arrays are read-only and its mappings
    are read-only views.

    Attributes
    ----------
    matrix
        The criteria matrix ranked.
    agreed
        The weights and how the working group's judgements formed them.
    results
        Method name → result object of :mod:`mgi.prioritization` (scores, ranks, settings).
    consensus
        Per objective: Borda and Copeland scores and ranks across the methods.
    smaa
        Method name → SMAA-2 result (rank acceptability under weight uncertainty).
    uncertainty
        Source (``weights``, ``data``, ``methods``, ``all``) → rank acceptability when that
        source varies (``all``: each sample draws weights, a data resample and a method).
    stability
        Weight-stability intervals of the top-k set (primary method if linear, else WSM).
    contributions
        Objectives × criteria: each criterion's contribution to the weighted-sum score
        (or PROMETHEE II net flow, when that is the primary method).
    reference
        Objective codes of a reference list (e.g. a government's declared priorities), if any.
    whatif
        The what-if settings of the run: weights overridden, objectives left out or locked.
    settings
        Every convention used (methods, normalisations, v, preference functions, tie rule,
        sampler, concentration, samples, seed, top k).
    issues
        Catalogue warnings about the ranking (each with its rule): what was imputed, criteria
        that cannot discriminate, ties, samples with ties.
    """

    matrix: CriteriaMatrix
    agreed: AgreedWeights
    reference: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = ()
    whatif: WhatIf = field(default_factory=WhatIf)
    _results: Mapping[str, RankingResult] = field(repr=False)
    _smaa: Mapping[str, SMAAResult | UncertaintyResult] = field(repr=False)
    _uncertainty: Mapping[str, UncertaintyResult] = field(repr=False, default_factory=dict)
    _settings: dict[str, Any] = field(repr=False)
    _tables: Mapping[str, pd.DataFrame] = field(repr=False)
    _correlations: Mapping[str, pd.DataFrame] = field(repr=False)
    _reasons: pd.DataFrame = field(repr=False)

    # -- core views -------------------------------------------------------------------------
    @property
    def results(self) -> Mapping[str, RankingResult]:
        """Method name → frozen result (read-only arrays)."""
        return MappingProxyType(dict(self._results))

    @property
    def smaa(self) -> Mapping[str, SMAAResult | UncertaintyResult]:
        """Method name → frozen rank acceptability under the weights (SMAA-2; with locked
        objectives, the :class:`~mgi.prioritization.UncertaintyResult` that keeps them first)."""
        return MappingProxyType(dict(self._smaa))

    @property
    def uncertainty(self) -> Mapping[str, UncertaintyResult]:
        """Source → rank acceptability when it varies: ``weights`` (primary method, agreed
        data), ``data`` (respondents and experts resampled; primary method, agreed weights),
        ``methods`` (the methods' own rankings), ``all`` (weights, data and method together)."""
        return MappingProxyType(dict(self._uncertainty))

    @property
    def excluded(self) -> dict[str, str]:
        """Objectives left out of the ranking → the reason given."""
        return dict(self.whatif.exclude)

    @property
    def locked(self) -> dict[str, str]:
        """Objectives always in the priority set → the reason given."""
        return dict(self.whatif.lock)

    @property
    def settings(self) -> dict[str, Any]:
        """Every convention used (a copy)."""
        return copy.deepcopy(self._settings)

    @property
    def warnings(self) -> tuple[str, ...]:
        """The messages of :attr:`issues`, for people."""
        return tuple(issue.message for issue in self.issues)

    def _table(self, name: str) -> pd.DataFrame:
        return self._tables[name].copy()

    @property
    def consensus(self) -> pd.DataFrame:
        """Per objective: Borda and Copeland scores and ranks across the methods."""
        return self._table("consensus")

    @property
    def stability(self) -> pd.DataFrame:
        """Weight-stability intervals of the top-k set."""
        frame = self._table("stability")
        frame.attrs = copy.deepcopy(self._tables["stability"].attrs)
        return frame

    @property
    def contributions(self) -> pd.DataFrame:
        """Objectives × criteria: each criterion's contribution to the linear method's score."""
        return self._table("contributions")

    @property
    def primary(self) -> str:
        return str(self._settings["primary"])

    @property
    def top_k(self) -> int:
        return int(self._settings["top_k"])

    @property
    def weights(self) -> pd.Series:
        """Criterion → agreed weight (sums to 1)."""
        return self.agreed.weights

    @property
    def weights_detail(self) -> pd.DataFrame:
        """One row per participant: their weights, consistency and distance from the group."""
        return self.agreed.participants

    @property
    def ranks(self) -> pd.DataFrame:
        """Objectives × methods: rank under each method (1 = highest priority)."""
        return self._table("ranks")

    @property
    def scores(self) -> pd.DataFrame:
        """Objectives × methods: each method's score (VIKOR: Q, lower is better)."""
        return self._table("scores")

    @property
    def acceptability(self) -> pd.DataFrame:
        """Objectives × ranks: share of weight samples giving each rank (primary method)."""
        frame = self._smaa[self.primary].acceptability_frame()
        frame.index.name = "objective"
        return frame

    def acceptability_of(self, source: str = "all") -> pd.DataFrame:
        """Objectives × ranks: share of samples giving each rank when ``source`` varies
        (``weights``, ``data``, ``methods`` or ``all``)."""
        if source not in self._uncertainty:
            raise engine_error(
                "mcda.setting_invalid",
                what="source of uncertainty",
                found=repr(source),
                allowed=", ".join(self._uncertainty),
            )
        frame = self._uncertainty[source].acceptability_frame()
        frame.index.name = "objective"
        return frame

    @property
    def uncertainty_summary(self) -> pd.DataFrame:
        """Per objective and source: P(top k) and the rank interval (5th and 95th
        percentile rank; across the methods, the best and worst rank)."""
        return self._table("uncertainty")

    @property
    def top_k_probability(self) -> pd.DataFrame:
        """Objectives × methods: probability of being in the top k under weight uncertainty."""
        return self._table("top_k_probability")

    @property
    def rank_range(self) -> pd.DataFrame:
        """Per objective (primary method): rank_min and rank_max = 5th and 95th percentile
        ranks over the weight samples, and the extremes observed."""
        return self._table("rank_range")

    def reference_weights(self) -> pd.DataFrame:
        """Criteria × weight sets: the agreed weights, the profile's defaults, and the
        objective entropy and CRITIC weights of the criteria matrix, for reference.

        Entropy ignores the criteria's direction (as in published examples); CRITIC uses the
        min-max normalised matrix with cost criteria reversed. Objective weights say how much
        each criterion varies across the objectives, not how important it is.
        """
        return self._table("reference_weights")

    def participant_ranks(self) -> pd.DataFrame:
        """Objectives × participants: the primary method's ranking with each working-group
        member's own weights (their points, ranking or pairwise priorities)."""
        frame = self._table("participant_ranks")
        frame.columns.name = "participant"
        return frame

    def participant_consensus(self) -> pd.DataFrame:
        """Per objective: Borda and Copeland consensus across the working-group members'
        own rankings (see :meth:`participant_ranks`), weighted by the participant weights."""
        return self._table("participant_consensus")

    def correlations(self, kind: str = "weighted_spearman") -> pd.DataFrame:
        """Methods × methods rank correlation: ``spearman``, ``weighted_spearman``,
        ``kendall`` or ``ws`` (WS similarity; row = reference ranking)."""
        if kind not in self._correlations:
            raise engine_error(
                "mcda.setting_invalid",
                what="rank correlation",
                found=repr(kind),
                allowed=", ".join(CORRELATIONS),
            )
        return self._correlations[kind].copy()

    # -- explanation ------------------------------------------------------------------------
    def table(self) -> pd.DataFrame:
        """The ranked table for the working group, led by the consensus across methods.

        One row per ranked objective, in order of ``rank``. Columns (stable names):

        ``rank``
            The consensus rank across the methods (Borda; ``rank_consensus`` is the same).
        ``short_label``
        ``rank_methods_min``, ``rank_methods_max``
            The best and worst rank the methods give it (agreed weights, data as given).
        ``p_top{k}``, ``rank_min``, ``rank_max``
            Probability of being in the top k, and the 5th-95th percentile rank, when the
            weights, the data and the method all vary (each sample draws all three).
        ``p_top{k}_weights``, ``rank_min_weights``, ``rank_max_weights``
            The same when only the weights vary (primary method, data as given).
        ``p_top{k}_data``, ``rank_min_data``, ``rank_max_data``
            The same when only the data vary (respondents and experts resampled).
        ``p_top{k}_methods``
            Share of the methods that put it in the top k.
        ``rank_<method>``
            Its rank under each method.
        ``borda_score``, ``rank_consensus``, ``rank_participants``
            The consensus score (mean of m - rank over the methods), the consensus rank, and
            the consensus of the members' own rankings (several members only).
        ``locked``
            Whether the objective is locked in the priority set (only with locks).
        ``lifts``, ``holds_back``, ``reasons``
            What lifts it above the average objective and what holds it back, with the
            numbers (see :meth:`reasons`).
        """
        return self._table("table")

    def reasons(self, top: int = 2) -> pd.Series:
        """Per objective, what lifts it and what holds it back, with the numbers.

        Uses the contributions table of the linear method (the weighted sum by default): for
        each criterion the objective's contribution minus the mean contribution over the
        objectives ranked (its *lift*, in score points). The ``top`` largest positive lifts
        are what lifts it, the ``top`` most negative what holds it back; each is named with
        the objective's raw value, the average raw value and the lift.
        """
        if top == 2:
            return self._reasons["reasons"].copy()
        return _reasons(self.matrix, self._tables["contributions"], top)["reasons"]

    def explain(self, objective: str | int) -> dict[str, Any]:
        """Why an objective ranks where it does: raw values, contributions, what lifts it and
        what holds it back (each with its value, the average and the lift in score points),
        ranks per method and their consensus, P(top k) and rank intervals under each source of
        uncertainty, and the MGI indicators behind its governance gap."""
        code = objective_code(objective) if isinstance(objective, int) else objective
        if code in self.whatif.exclude:
            return {
                "objective": code,
                "title": gcm_objectives().loc[code, "title"],
                "excluded": True,
                "reason": self.whatif.exclude[code],
            }
        detail = self.matrix.gap_detail
        summary = self._tables["uncertainty"]
        k = self.top_k
        return {
            "objective": code,
            "title": gcm_objectives().loc[code, "title"],
            "values": self.matrix.values.loc[code].to_dict(),
            "contributions": self.contributions.loc[code].to_dict(),
            "lifts": _factors(self.matrix, self._tables["contributions"], code, lifts=True),
            "holds_back": _factors(self.matrix, self._tables["contributions"], code, lifts=False),
            "ranks": self.ranks.loc[code].to_dict(),
            "consensus_rank": int(self.consensus.loc[code, "borda_rank"]),
            "rank_range_methods": (
                int(self.ranks.loc[code].min()),
                int(self.ranks.loc[code].max()),
            ),
            "locked": code in self.whatif.lock,
            f"p_top{k}": self.top_k_probability.loc[code].to_dict(),
            "uncertainty": {
                source: {
                    f"p_top{k}": float(summary.loc[code, f"p_top{k}_{source}"]),
                    "rank_min": int(summary.loc[code, f"rank_min_{source}"]),
                    "rank_max": int(summary.loc[code, f"rank_max_{source}"]),
                }
                for source in self._uncertainty
            },
            "rank_range": self.rank_range.loc[code].to_dict(),
            "gap_indicators": detail.loc[code, "indicators"] if "indicators" in detail else "",
            "largest_shortfall": detail.loc[code, "shortfall"] if "shortfall" in detail else "",
        }

    def reference_comparison(self, k: int | None = None) -> dict[str, Any]:
        """Compare the top k of the consensus ranking with the reference list.

        The top k are the objectives with a consensus rank of k or better (more than k when
        there is a tie at rank k). Returns the objectives in both, in the top k only, in the
        reference only, the overlap count, precision (overlap / number of top objectives),
        recall (overlap / size of the list), the Jaccard index, and the mean consensus rank of
        the reference objectives (those ranked; a reference objective left out of the ranking
        counts as not in the top k).
        """
        k = k or self.top_k
        if not self.reference:
            return {}
        ranks = self.consensus["borda_rank"]
        top = [c for c in ranks.sort_values(kind="stable").index if ranks[c] <= k]
        ref = list(self.reference)
        both = [c for c in top if c in ref]
        union = set(top) | set(ref)
        return {
            "k": k,
            "reference": ref,
            "top_k": top,
            "in_both": both,
            "top_k_not_in_reference": [c for c in top if c not in ref],
            "reference_not_in_top_k": [c for c in ref if c not in top],
            "overlap": len(both),
            "precision": len(both) / len(top) if top else 0.0,
            "recall": len(both) / len(ref),
            "jaccard": len(both) / len(union) if union else 0.0,
            "mean_rank_of_reference": float(ranks.reindex(ref).mean()),
            "ranking": "consensus across the methods (Borda)",
        }

    def provenance(self) -> dict[str, Any]:
        """Versions, inputs and settings behind these numbers.

        NumPy's version is recorded because its random streams (used by the rank
        acceptability sampler) are only guaranteed stable within a version (NEP 19).
        """
        profile = self.matrix.profile
        return {
            "tool_version": mgi.__version__,
            "numpy_version": np.__version__,
            "profile": profile.name,
            "profile_version": profile.version,
            "profile_sha256": profile.sha256,
            "weights_rule": self.agreed.rule,
            "checks": profile.checks.model_dump(),
            **{f"setting_{k}": v for k, v in self.settings.items()},
            **{f"source_{k}": v for k, v in self.matrix.sources.items()},
            "source_weights": self.agreed.settings.get("source", {}),
        }


def _method_settings(matrix: CriteriaMatrix) -> dict[str, dict[str, Any]]:
    """Each registered method's settings as the profile gives them, with the tie rule and
    each criterion's declared scale (``bounds``)."""
    profile = matrix.profile
    table = profile.methods.model_dump()
    scales = matrix.scales
    criteria = [
        {**profile.criterion(c).model_dump(), "scale": list(scales[c])}
        for c in matrix.values.columns
    ]
    tie = profile.methods.tie_rule
    return {
        name: {**method.profile_settings(table, criteria), "tie_rule": tie}
        for name, method in METHODS.items()
    }


#: The summary of every error that stops the ranking.
_CANNOT = "The objectives cannot be ranked."


def _participant_error(participant: Any, exc: PrioritizationInputError, sheet: str) -> InputError:
    return input_error(
        _CANNOT,
        "priorities.judgement_unusable",
        sheet=sheet or None,
        participant=participant,
        problem=exc.message,
    )


def _locked_first(scores: np.ndarray, higher_is_better: bool, locked: np.ndarray) -> np.ndarray:
    """Competition ranks of one score vector with the locked objectives first (see
    :mod:`mgi.priorities.whatif`)."""
    ranks = np.empty(scores.size, dtype=np.int64)
    free = ~locked
    row = scores[None, :]
    if locked.any():
        ranks[locked] = min_ranks(row[:, locked], higher_is_better)[0]
    if free.any():
        ranks[free] = min_ranks(row[:, free], higher_is_better)[0] + int(locked.sum())
    return ranks


def _ranks_of(result: RankingResult, locked: np.ndarray) -> np.ndarray:
    if not locked.any():
        return np.asarray(result.ranks)
    higher = bool(result.settings.get("higher_is_better", True))
    return _locked_first(np.asarray(result.scores), higher, locked)


def _participant_tables(
    matrix: CriteriaMatrix,
    agreed: AgreedWeights,
    primary: str,
    settings: dict[str, Any],
    locked: np.ndarray,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each member's own ranking (primary method) and the consensus across members."""
    values = matrix.values
    criteria = list(values.columns)
    members = agreed.participants
    ranks = {}
    for name, row in members.iterrows():  # loop over the working group's members (few)
        if not set(criteria) <= set(row.index):
            continue
        try:
            result = METHODS[primary].rank(
                values, row[criteria].to_numpy(float), matrix.types, **settings
            )
        except PrioritizationInputError as exc:
            raise _participant_error(name, exc, str(row.get("sheet", "") or "")) from None
        ranks[name] = _ranks_of(result, locked)
    frame = pd.DataFrame(ranks, index=values.index)
    frame.columns.name = "participant"
    if frame.shape[1] == 0:
        return frame, pd.DataFrame(index=values.index)
    weights = members["participant_weight"].reindex(frame.columns).to_numpy(float)
    scaled, total = relative_total(weights)
    if not total > 0:
        raise input_error(
            _CANNOT,
            "priorities.participant_weights_zero",
            participants=", ".join(map(str, frame.columns)),
        )
    tie = settings["tie_rule"]
    b = borda(frame, scaled, tie_rule=tie)
    c = copeland(frame, scaled, tie_rule=tie)
    consensus = pd.DataFrame(
        {
            "borda_score": np.asarray(b.scores),
            "borda_rank": np.asarray(b.ranks),
            "copeland_score": np.asarray(c.scores),
            "copeland_rank": np.asarray(c.ranks),
        },
        index=frame.index,
    )
    return frame, consensus


@dataclass(frozen=True)
class _Lifts:
    """What :func:`_factors` needs, computed once for all the objectives."""

    values: pd.DataFrame
    lift: pd.DataFrame
    labels: Mapping[str, str]
    cost: frozenset[str]

    @classmethod
    def of(cls, matrix: CriteriaMatrix, contrib: pd.DataFrame) -> _Lifts:
        values = matrix.values
        labels = matrix.criteria["label"]
        cost = frozenset(
            c for c, t in zip(values.columns, matrix.types, strict=True) if t == "cost"
        )
        return cls(
            values, contrib - contrib.mean(axis=0), {c: str(labels[c]) for c in values}, cost
        )


def _factors(
    matrix: CriteriaMatrix,
    contrib: pd.DataFrame,
    code: str,
    *,
    lifts: bool,
    known: _Lifts | None = None,
) -> list[dict[str, Any]]:
    """The criteria that lift an objective above the average objective (``lifts``) or hold
    it back below it, largest first: criterion, label, value, average, lift, cost."""
    known = known or _Lifts.of(matrix, contrib)
    lift = known.lift.loc[code]
    chosen = lift[lift > 1e-12] if lifts else lift[lift < -1e-12]
    chosen = chosen.sort_values(ascending=not lifts, kind="stable")
    averages = known.values.mean()
    return [
        {
            "criterion": c,
            "label": known.labels[c],
            "value": float(known.values.at[code, c]),
            "average": float(averages[c]),
            "lift": float(chosen[c]),
            "cost": c in known.cost,
        }
        for c in chosen.index
    ]


def _reasons(matrix: CriteriaMatrix, contrib: pd.DataFrame, top: int) -> pd.DataFrame:
    """Per objective: ``lifts``, ``holds_back`` (the ``top`` criteria each way, with the
    numbers) and ``reasons`` (both in one sentence)."""

    def words(factors: list[dict[str, Any]]) -> str:
        return "; ".join(
            f"{f['label']}: {f['value']:.1f} (average {f['average']:.1f}"
            + (", lower is better" if f["cost"] else "")
            + f", {f['lift']:+.3f})"
            for f in factors[:top]
        )

    known = _Lifts.of(matrix, contrib)
    rows = {}
    for code in matrix.values.index:  # loop over the objectives (23)
        up = words(_factors(matrix, contrib, code, lifts=True, known=known))
        down = words(_factors(matrix, contrib, code, lifts=False, known=known))
        rows[code] = {
            "lifts": up or "no criterion above the average",
            "holds_back": down or "no criterion below the average",
            "reasons": f"lifted by {up or 'no criterion'}; held back by {down or 'no criterion'}",
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def _agreed_weights(matrix: CriteriaMatrix, weights: Any) -> AgreedWeights:
    profile = matrix.profile
    if weights is None:
        return profile_weights(profile.default_weights())
    if isinstance(weights, AgreedWeights):
        return weights
    return profile_weights(pd.Series(weights, dtype=float))


def _overridden(agreed: AgreedWeights, criteria: list[str], whatif: WhatIf) -> AgreedWeights:
    """The agreed weights with the what-if overrides applied (recorded in the rule)."""
    if not whatif.weights:
        return agreed
    base = agreed.weights.reindex(criteria)
    new = override_weights(base, whatif.weights)
    shown = ", ".join(f"{k}={v:g}" for k, v in whatif.weights.items())
    return replace(
        agreed,
        _weights=new,
        rule=f"{agreed.rule}; then, for this run, {shown} (points out of the 100 agreed points)",
        _settings={**agreed.settings, "before_overrides": base.to_dict()},
    )


def _summary_frame(
    uncertainty: Mapping[str, UncertaintyResult], index: pd.Index, k: int
) -> pd.DataFrame:
    """Per objective and source: P(top k), 5th and 95th percentile rank."""
    frame = pd.DataFrame(index=index)
    for source, result in uncertainty.items():
        spans = result.rank_range
        frame[f"p_top{k}_{source}"] = np.asarray(result.top_k_probability)
        frame[f"rank_min_{source}"] = spans["p05"].to_numpy()
        frame[f"rank_max_{source}"] = spans["p95"].to_numpy()
    frame.index.name = "objective"
    return frame


def prioritize(
    matrix: CriteriaMatrix,
    weights: AgreedWeights | pd.Series | None = None,
    *,
    methods: Sequence[str] | None = None,
    primary: str | None = None,
    samples: int | None = None,
    seed: int | None = None,
    concentration: float | None = None,
    sampler: str | None = None,
    top_k: int | None = None,
    reference: Sequence[int | str] = (),
    uncertainty_samples: int | None = None,
    whatif: WhatIf | None = None,
) -> Prioritization:
    """Rank the objectives of a criteria matrix with every method of the profile.

    Parameters
    ----------
    matrix
        The criteria matrix (objectives × criteria).
    weights
        The agreed weights (:class:`AgreedWeights` from the working group's judgements, or a
        Series criterion → weight). Default: the profile's default weights.
    methods, primary
        Methods to run (names of :data:`mgi.prioritization.METHODS`) and the reference
        method of the single-source analyses (the weights alone, the data alone) and of the
        contributions and reasons when it is linear. Defaults from the profile.
    samples, seed, concentration, sampler
        Rank acceptability settings (defaults from the profile): number of weight samples per
        method, the random seed, the Dirichlet concentration around the agreed weights, and
        the sampler (``dirichlet`` around the agreed weights, ``uniform`` on the simplex, or
        ``band``: each weight within ±band of its agreed value).
    uncertainty_samples
        Samples of the analyses that resample the data (the data alone; weights, data and
        method together). Default: the profile's ``uncertainty_samples``, but never more than
        ``samples`` (a quick run with few samples stays quick).
    top_k
        Size of the priority set (default from the profile, 10).
    reference
        A reference list of objectives (numbers or codes) to compare the ranking with.
    whatif
        Weights overridden, objectives left out or locked for this run (see
        :mod:`mgi.priorities.whatif`); recorded in the settings and provenance.

    Raises
    ------
    InputError
        With a catalogue rule: weights that do not cover the criteria, a member whose weights
        cannot be used (named), every participant weight zero, what-if settings that cannot be
        used, or an engine error (:class:`~mgi.prioritization.PrioritizationInputError`).
    """
    profile = matrix.profile
    whatif = whatif or WhatIf()
    whatif.check(matrix.values.index)
    if whatif.exclude:
        matrix = matrix.without(whatif.exclude)
    criteria = list(matrix.values.columns)
    agreed = _agreed_weights(matrix, weights)
    w = agreed.weights.reindex(criteria)
    if w.isna().any():
        raise input_error(
            _CANNOT, "priorities.weights_missing", criteria=", ".join(map(str, w.index[w.isna()]))
        )
    agreed = _overridden(agreed, criteria, whatif)
    w = agreed.weights.reindex(criteria)
    methods = list(methods or profile.methods.run)
    for name in [*methods, *([primary] if primary else [])]:
        if name not in METHODS:
            raise input_error(
                _CANNOT, "mcda.unknown_method", found=repr(name), allowed=", ".join(METHODS)
            )
    primary = primary or (
        profile.methods.primary if profile.methods.primary in methods else methods[0]
    )
    if primary not in methods:
        methods = [primary, *methods]
    sens = profile.sensitivity
    samples = int(samples if samples is not None else sens.samples)
    seed = int(seed if seed is not None else sens.seed)
    sampler = sampler or sens.sampler
    kappa = concentration if concentration is not None else sens.concentration
    top_k = int(top_k or sens.top_k)
    n_data = int(
        uncertainty_samples
        if uncertainty_samples is not None
        else min(sens.uncertainty_samples or samples, samples)
    )
    values = matrix.values
    types = matrix.types
    per_method = _method_settings(matrix)
    tie_rule = profile.methods.tie_rule
    wv = w.to_numpy()
    locked = np.array([c in whatif.lock for c in values.index])
    locked_codes = [c for c in values.index if c in whatif.lock]

    results = {m: METHODS[m].rank(values, wv, types, **per_method[m]) for m in methods}
    rank_table = pd.DataFrame(
        {m: _ranks_of(r, locked) for m, r in results.items()}, index=values.index
    )
    score_table = pd.DataFrame(
        {m: np.asarray(r.scores) for m, r in results.items()}, index=values.index
    )
    consensus = pd.DataFrame(index=values.index)
    if len(methods) > 1:
        b = borda(rank_table, tie_rule=tie_rule)
        c = copeland(rank_table, tie_rule=tie_rule)
        consensus["borda_score"] = np.asarray(b.scores)
        consensus["borda_rank"] = np.asarray(b.ranks)
        consensus["copeland_score"] = np.asarray(c.scores)
        consensus["copeland_rank"] = np.asarray(c.ranks)
    else:
        consensus["borda_score"] = len(values) - rank_table[primary].to_numpy(float)
        consensus["borda_rank"] = rank_table[primary].to_numpy()
    smaa_kw: dict[str, Any] = {"concentration": kappa if sampler == "dirichlet" else None}
    if sampler == "band":
        smaa_kw["band"] = sens.band
    engine = {m: {k: v for k, v in per_method[m].items() if k != "tie_rule"} for m in methods}
    data_sampler = matrix.data_sampler
    shared: dict[str, Any] = {
        "settings": engine,
        "seed": seed,
        "top_k": top_k,
        "locked": locked_codes,
        "data": data_sampler,
    }
    # Every sampling run draws from its own seeded generator: they are independent, and run
    # side by side (numpy lets go of the interpreter while it sorts and multiplies).
    runs: dict[tuple[str, str], Callable[[], Any]] = {}
    for m in methods:
        if locked.any():  # SMAA-2 knows no locks: the same sampler through rank_uncertainty
            runs["smaa", m] = functools.partial(
                rank_uncertainty, values, wv, types, methods=[m], settings={m: engine[m]},
                vary=("weights",), samples=samples, seed=seed, top_k=top_k,
                locked=locked_codes, **smaa_kw,
            )  # fmt: skip
        else:
            runs["smaa", m] = functools.partial(
                smaa, values, wv, types, method=m, samples=samples, seed=seed, top_k=top_k,
                **smaa_kw, **engine[m],
            )  # fmt: skip
    runs["source", "data"] = functools.partial(
        rank_uncertainty, values, wv, types, methods=[primary], vary=("data",), samples=n_data,
        **shared,
    )  # fmt: skip
    runs["source", "methods"] = functools.partial(
        rank_uncertainty, values, wv, types,
        methods=[primary, *[m for m in methods if m != primary]], vary=("method",),
        samples=len(methods), **shared,
    )  # fmt: skip
    runs["source", "all"] = functools.partial(
        rank_uncertainty, values, wv, types, methods=methods,
        vary=("weights", "data", "method"), samples=n_data, **shared, **smaa_kw,
    )  # fmt: skip
    done = side_by_side(runs)
    smaa_results: dict[str, SMAAResult | UncertaintyResult] = {m: done["smaa", m] for m in methods}
    under_weights = smaa_results[primary]
    uncertainty: dict[str, UncertaintyResult] = {
        "weights": under_weights
        if isinstance(under_weights, UncertaintyResult)
        else _as_uncertainty(under_weights, primary, wv),
        **{name: done["source", name] for name in ("data", "methods", "all")},
    }
    linear = primary if METHODS[primary].linear else next(n for n in METHODS if METHODS[n].linear)
    linear_kw = {k: v for k, v in per_method[linear].items() if k != "tie_rule"}
    stability = stability_intervals(values, wv, types, method=linear, top_k=top_k, **linear_kw)
    contrib = contributions(values, wv, types, method=linear, **linear_kw)
    contrib.index = values.index
    contrib.columns = values.columns
    reference_codes = tuple(
        objective_code(r) if not str(r).upper().startswith("GCM") else str(r).upper()
        for r in reference
    )
    issues = tuple(
        dict.fromkeys(
            [
                *matrix.issues,
                *(x for r in results.values() for x in r.warnings),
                *(
                    x
                    for s in smaa_results.values()
                    for x in s.warnings
                    # never ranking first is normal: shown as central weights of zero
                    if x.rule != "mcda.smaa_never_first"
                ),
            ]
        )
    )
    weight_sampler = {
        "dirichlet": "Dirichlet(kappa * w) around the agreed weights",
        "uniform": "uniform on the simplex (Dirichlet(1, ..., 1))",
        "band": f"each agreed weight uniform within ±{sens.band:.0%}, renormalised",
    }[sampler]
    settings = {
        "methods": methods,
        "primary": primary,
        "method_settings": per_method,
        "scales": {c: list(v) for c, v in matrix.scales.items()},
        "tie_rule": tie_rule,
        "samples": samples,
        "seed": seed,
        "sampler": weight_sampler,
        "concentration": kappa if sampler == "dirichlet" else None,
        "top_k": top_k,
        "ranking": "consensus rank across the methods (Borda), with the range of ranks across "
        "the methods and P(top k) when the weights, the data and the method all vary",
        "uncertainty": {
            "sources": {
                "weights": f"weights sampled ({weight_sampler}); {primary}; data as given "
                f"({samples} samples)",
                "data": f"data resampled ({data_sampler.description}); {primary}; agreed "
                f"weights ({n_data} samples)",
                "methods": f"each of {', '.join(methods)} once; agreed weights; data as given",
                "all": f"each sample draws weights, a data resample and a method "
                f"({n_data} samples, equal shares of the methods)",
            },
            "samples": n_data,
            "rank_interval": "5th to 95th percentile rank (across the methods: best to worst)",
            "data": data_sampler.description,
        },
        "stability_method": linear,
        "contributions_method": linear,
        "reasons": f"lift = contribution minus the mean contribution over the objectives "
        f"({linear}); the two largest each way",
        "consensus": "Borda (mean points m - rank over the methods, equal method weights) and "
        "Copeland (pairwise majority wins minus losses) across methods",
        "weights_rule": agreed.rule,
        **whatif.record(),
    }
    primary_smaa = smaa_results[primary]
    rr = primary_smaa.rank_range
    rank_range = pd.DataFrame(
        {
            "rank_min": rr["p05"],
            "rank_max": rr["p95"],
            "rank_lowest_seen": rr["min"],
            "rank_highest_seen": rr["max"],
        }
    )
    rank_range.index = values.index
    top_k_probability = pd.DataFrame(
        {m: np.asarray(s.top_k_probability) for m, s in smaa_results.items()}, index=values.index
    )
    member_ranks, member_consensus = _participant_tables(
        matrix, agreed, primary, per_method[primary], locked
    )
    reasons = _reasons(matrix, contrib, 2)
    summary = _summary_frame(uncertainty, values.index, top_k)
    k = top_k
    table = pd.DataFrame(
        {
            "rank": consensus["borda_rank"].to_numpy(),
            "short_label": matrix.labels,
            "rank_methods_min": rank_table.min(axis=1),
            "rank_methods_max": rank_table.max(axis=1),
            f"p_top{k}": summary[f"p_top{k}_all"],
            "rank_min": summary["rank_min_all"],
            "rank_max": summary["rank_max_all"],
            f"p_top{k}_weights": summary[f"p_top{k}_weights"],
            "rank_min_weights": summary["rank_min_weights"],
            "rank_max_weights": summary["rank_max_weights"],
            f"p_top{k}_data": summary[f"p_top{k}_data"],
            "rank_min_data": summary["rank_min_data"],
            "rank_max_data": summary["rank_max_data"],
            f"p_top{k}_methods": summary[f"p_top{k}_methods"],
        },
        index=values.index,
    )
    for method in results:
        table[f"rank_{method}"] = rank_table[method]
    table["borda_score"] = consensus["borda_score"]
    table["rank_consensus"] = consensus["borda_rank"]
    if len(agreed.participants) > 1 and "borda_rank" in member_consensus:
        table["rank_participants"] = member_consensus["borda_rank"]
    if locked.any():
        table["locked"] = locked
    table = table.join(reasons)
    table.index.name = "objective"
    table = table.sort_values(["rank", "rank_methods_min"], kind="stable")
    raw = values.to_numpy()
    reference_weights = pd.DataFrame(
        {
            "agreed": agreed.weights.reindex(values.columns),
            "profile_default": profile.default_weights().reindex(values.columns),
            "entropy": np.asarray(entropy_weights(raw)),
            "critic": np.asarray(critic_weights(raw, types)),
        },
        index=values.columns,
    )
    names = list(rank_table.columns)
    correlations = {
        kind: pd.DataFrame(
            [
                [fn(rank_table[a].to_numpy(), rank_table[b].to_numpy()) for b in names]
                for a in names
            ],
            index=names,
            columns=names,
        )
        for kind, fn in CORRELATIONS.items()
    }
    return Prioritization(
        matrix=matrix,
        agreed=agreed,
        reference=reference_codes,
        issues=issues,
        whatif=whatif,
        _results=MappingProxyType(results),
        _smaa=MappingProxyType(smaa_results),
        _uncertainty=MappingProxyType(uncertainty),
        _settings=settings,
        _tables=MappingProxyType(
            {
                "ranks": rank_table,
                "scores": score_table,
                "consensus": consensus,
                "stability": stability,
                "contributions": contrib,
                "rank_range": rank_range,
                "top_k_probability": top_k_probability,
                "participant_ranks": member_ranks,
                "participant_consensus": member_consensus,
                "table": table,
                "reference_weights": reference_weights,
                "uncertainty": summary,
            }
        ),
        _correlations=MappingProxyType(correlations),
        _reasons=reasons,
    )


def _as_uncertainty(result: SMAAResult, method: str, weights: np.ndarray) -> UncertaintyResult:
    """The primary method's SMAA-2 result as the ``weights`` source of the uncertainty."""
    return UncertaintyResult(
        sources=("weights",),
        methods=(method,),
        acceptability=result.acceptability,
        top_k_probability=result.top_k_probability,
        _rank_range=result.rank_range,
        samples=result.samples,
        seed=result.seed,
        alternatives=result.alternatives,
        criteria=result.criteria,
        method_samples={method: result.samples},
        settings={**result.settings, "sources": ["weights"], "agreed_weights": weights.tolist()},
        warnings=result.warnings,
    )
