"""Rank the GCM objectives: four methods, consensus, sensitivity and explanations.

:func:`prioritize` takes a :class:`~mgi.priorities.criteria.CriteriaMatrix` and the agreed
weights and returns an immutable :class:`Prioritization` that keeps every intermediate table:
scores and ranks per method, the consensus across methods (Borda and Copeland), rank
correlations between methods, rank acceptability (SMAA-2) per method, exact weight-stability
intervals, each criterion's contribution to each objective's score, the MGI indicators behind
each governance gap, and the comparison with a reference list of objectives.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

import mgi
from mgi.catalogue import Issue
from mgi.errors import InputError
from mgi.priorities._problems import input_error
from mgi.priorities.criteria import CriteriaMatrix
from mgi.priorities.weighting import AgreedWeights, profile_weights
from mgi.prioritization import (
    METHODS,
    PrioritizationInputError,
    RankingResult,
    SMAAResult,
    borda,
    contributions,
    copeland,
    critic_weights,
    entropy_weights,
    kendall,
    smaa,
    spearman,
    stability_intervals,
    weighted_spearman,
    ws_coefficient,
)
from mgi.prioritization._common import engine_error, relative_total
from mgi.reference import gcm_objectives, objective_code

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
    stability
        Weight-stability intervals of the top-k set (primary method if linear, else WSM).
    contributions
        Objectives × criteria: each criterion's contribution to the weighted-sum score
        (or PROMETHEE II net flow, when that is the primary method).
    reference
        Objective codes of a reference list (e.g. a government's declared priorities), if any.
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
    _results: Mapping[str, RankingResult] = field(repr=False)
    _smaa: Mapping[str, SMAAResult] = field(repr=False)
    _settings: dict[str, Any] = field(repr=False)
    _tables: Mapping[str, pd.DataFrame] = field(repr=False)
    _correlations: Mapping[str, pd.DataFrame] = field(repr=False)
    _reasons: pd.Series = field(repr=False)

    # -- core views -------------------------------------------------------------------------
    @property
    def results(self) -> Mapping[str, RankingResult]:
        """Method name → frozen result (read-only arrays)."""
        return MappingProxyType(dict(self._results))

    @property
    def smaa(self) -> Mapping[str, SMAAResult]:
        """Method name → frozen SMAA-2 result."""
        return MappingProxyType(dict(self._smaa))

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
        """The ranked table for the working group (primary method).

        Columns: rank, short_label, score, p_top{k} (probability of being in the top k under
        weight uncertainty), rank range, ranks under every method, consensus rank, reasons.
        """
        return self._table("table")

    def reasons(self, top: int = 2) -> pd.Series:
        """Per objective, the criteria that lift it most above the average objective.

        Uses the contributions table: for each criterion the objective's contribution minus
        the mean contribution over all objectives; the ``top`` largest positive ones are named
        with the objective's raw value and the average raw value.
        """
        if top == 2:
            return self._reasons.copy()
        return _reasons(self.matrix, self._tables["contributions"], top)

    def explain(self, objective: str | int) -> dict[str, Any]:
        """Why an objective ranks where it does: raw values, contributions, ranks per method,
        rank acceptability, and the MGI indicators behind its governance gap."""
        code = objective_code(objective) if isinstance(objective, int) else objective
        detail = self.matrix.gap_detail
        return {
            "objective": code,
            "title": gcm_objectives().loc[code, "title"],
            "values": self.matrix.values.loc[code].to_dict(),
            "contributions": self.contributions.loc[code].to_dict(),
            "ranks": self.ranks.loc[code].to_dict(),
            "consensus_rank": int(self.consensus.loc[code, "borda_rank"]),
            f"p_top{self.top_k}": self.top_k_probability.loc[code].to_dict(),
            "rank_range": self.rank_range.loc[code].to_dict(),
            "gap_indicators": detail.loc[code, "indicators"] if "indicators" in detail else "",
            "largest_shortfall": detail.loc[code, "shortfall"] if "shortfall" in detail else "",
        }

    def reference_comparison(self, k: int | None = None) -> dict[str, Any]:
        """Compare the top k of the primary ranking with the reference list.

        The top k are the objectives ranked k or better (more than k when there is a tie at
        rank k). Returns the objectives in both, in the top k only, in the reference only, the
        overlap count, precision (overlap / number of top objectives), recall (overlap / size
        of the list), the Jaccard index, and the mean rank of the reference objectives.
        """
        k = k or self.top_k
        if not self.reference:
            return {}
        ranks = self.ranks[self.primary]
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
            **{f"setting_{k}": v for k, v in self.settings.items()},
            **{f"source_{k}": v for k, v in self.matrix.sources.items()},
            "source_weights": self.agreed.settings.get("source", {}),
        }


def _method_settings(matrix: CriteriaMatrix) -> dict[str, dict[str, Any]]:
    """Each registered method's settings as the profile gives them, with the tie rule."""
    profile = matrix.profile
    table = profile.methods.model_dump()
    criteria = [profile.criterion(c).model_dump() for c in matrix.values.columns]
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


def _participant_tables(
    matrix: CriteriaMatrix, agreed: AgreedWeights, primary: str, settings: dict[str, Any]
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
        ranks[name] = np.asarray(result.ranks)
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


def _reasons(matrix: CriteriaMatrix, contrib: pd.DataFrame, top: int) -> pd.Series:
    values = matrix.values
    labels = matrix.criteria["label"]
    cost = {c for c, t in zip(values.columns, matrix.types, strict=True) if t == "cost"}
    lift = contrib - contrib.mean(axis=0)
    out = {}
    for code, row in lift.iterrows():  # loop over the 23 objectives
        best = row[row > 1e-12].sort_values(ascending=False).head(top)
        parts = [
            f"{labels[c]}: {values.at[code, c]:.1f} (average {values[c].mean():.1f}"
            + (", lower is better)" if c in cost else ")")
            for c in best.index
        ]
        out[code] = "; ".join(parts) if parts else "no criterion above the average"
    return pd.Series(out, name="reasons")


def _agreed_weights(matrix: CriteriaMatrix, weights: Any) -> AgreedWeights:
    profile = matrix.profile
    if weights is None:
        return profile_weights(profile.default_weights())
    if isinstance(weights, AgreedWeights):
        return weights
    return profile_weights(pd.Series(weights, dtype=float))


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
        Methods to run (names of :data:`mgi.prioritization.METHODS`) and the one whose
        ranking is reported first. Defaults from the profile.
    samples, seed, concentration, sampler
        Rank acceptability settings (defaults from the profile): number of weight samples,
        the random seed, the Dirichlet concentration around the agreed weights, and the
        sampler (``dirichlet`` around the agreed weights, ``uniform`` on the simplex, or
        ``band``: each weight within ±band of its agreed value).
    top_k
        Size of the priority set (default from the profile, 10).
    reference
        A reference list of objectives (numbers or codes) to compare the ranking with.

    Raises
    ------
    InputError
        With a catalogue rule: weights that do not cover the criteria, a member whose weights
        cannot be used (named), every participant weight zero, or an engine error
        (:class:`~mgi.prioritization.PrioritizationInputError`).
    """
    profile = matrix.profile
    agreed = _agreed_weights(matrix, weights)
    w = agreed.weights.reindex(matrix.values.columns)
    if w.isna().any():
        raise input_error(
            _CANNOT, "priorities.weights_missing", criteria=", ".join(map(str, w.index[w.isna()]))
        )
    methods = list(methods or profile.methods.run)
    for name in [*methods, *([primary] if primary else [])]:
        if name not in METHODS:
            raise input_error(
                _CANNOT, "mcda.unknown_method", found=repr(name), allowed=", ".join(METHODS)
            )
    primary = primary or (
        profile.methods.primary if profile.methods.primary in methods else methods[0]
    )
    sens = profile.sensitivity
    samples = int(samples if samples is not None else sens.samples)
    seed = int(seed if seed is not None else sens.seed)
    sampler = sampler or sens.sampler
    kappa = concentration if concentration is not None else sens.concentration
    top_k = int(top_k or sens.top_k)
    values = matrix.values
    types = matrix.types
    per_method = _method_settings(matrix)
    tie_rule = profile.methods.tie_rule
    wv = w.to_numpy()

    results = {m: METHODS[m].rank(values, wv, types, **per_method[m]) for m in methods}
    rank_table = pd.DataFrame(
        {m: np.asarray(r.ranks) for m, r in results.items()}, index=values.index
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
        consensus["borda_score"] = np.asarray(results[primary].scores)
        consensus["borda_rank"] = np.asarray(results[primary].ranks)
    smaa_kw: dict[str, Any] = {"concentration": kappa if sampler == "dirichlet" else None}
    if sampler == "band":
        smaa_kw["band"] = sens.band
    smaa_results = {
        m: smaa(
            values,
            wv,
            types,
            method=m,
            samples=samples,
            seed=seed,
            top_k=top_k,
            **smaa_kw,
            **{k: v for k, v in per_method[m].items() if k != "tie_rule"},
        )
        for m in methods
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
    settings = {
        "methods": methods,
        "primary": primary,
        "method_settings": per_method,
        "tie_rule": tie_rule,
        "samples": samples,
        "seed": seed,
        "sampler": {
            "dirichlet": "Dirichlet(kappa * w) around the agreed weights",
            "uniform": "uniform on the simplex (Dirichlet(1, ..., 1))",
            "band": f"each agreed weight uniform within ±{sens.band:.0%}, renormalised",
        }[sampler],
        "concentration": kappa if sampler == "dirichlet" else None,
        "top_k": top_k,
        "stability_method": linear,
        "contributions_method": linear,
        "consensus": "Borda (mean points m - rank over the methods, equal method weights) and "
        "Copeland (pairwise majority wins minus losses) across methods",
        "weights_rule": agreed.rule,
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
    rank_range.index.name = "objective"
    top_k_probability = pd.DataFrame(
        {m: np.asarray(s.top_k_probability) for m, s in smaa_results.items()}, index=values.index
    )
    member_ranks, member_consensus = _participant_tables(
        matrix, agreed, primary, per_method[primary]
    )
    reasons = _reasons(matrix, contrib, 2)
    primary_result = results[primary]
    table = pd.DataFrame(
        {
            "rank": np.asarray(primary_result.ranks),
            "short_label": matrix.labels,
            "score": np.asarray(primary_result.scores),
            f"p_top{top_k}": top_k_probability[primary],
        },
        index=values.index,
    )
    table = table.join(rank_range[["rank_min", "rank_max"]])
    for method in results:
        table[f"rank_{method}"] = rank_table[method]
    table["rank_consensus"] = consensus["borda_rank"]
    if len(agreed.participants) > 1 and "borda_rank" in member_consensus:
        table["rank_participants"] = member_consensus["borda_rank"]
    table["reasons"] = reasons
    table.index.name = "objective"
    table = table.sort_values(["rank", "rank_consensus"], kind="stable")
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
        _results=MappingProxyType(results),
        _smaa=MappingProxyType(smaa_results),
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
            }
        ),
        _correlations=MappingProxyType(correlations),
        _reasons=reasons,
    )
