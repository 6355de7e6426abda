"""Rank the GCM objectives: four methods, consensus, sensitivity and explanations.

:func:`prioritize` takes a :class:`~mgi.priorities.criteria.CriteriaMatrix` and the agreed
weights and returns an immutable :class:`Prioritization` that keeps every intermediate table:
scores and ranks per method, the consensus across methods (Borda and Copeland), rank
correlations between methods, rank acceptability (SMAA-2) per method, exact weight-stability
intervals, each criterion's contribution to each objective's score, the MGI indicators behind
each governance gap, and the comparison with a reference list of objectives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

import mgi
from mgi.priorities.criteria import CriteriaMatrix
from mgi.priorities.weighting import AgreedWeights, profile_weights
from mgi.prioritization import (
    borda,
    contributions,
    copeland,
    critic_weights,
    entropy_weights,
    kendall,
    promethee_ii,
    smaa,
    spearman,
    stability_intervals,
    topsis,
    vikor,
    weighted_spearman,
    ws_coefficient,
    wsm,
)
from mgi.reference import gcm_objectives, objective_code

METHOD_LABELS = {
    "wsm": "Weighted sum",
    "topsis": "TOPSIS",
    "vikor": "VIKOR",
    "promethee_ii": "PROMETHEE II",
}
LINEAR_METHODS = ("wsm", "promethee_ii")


@dataclass(frozen=True, eq=False)
class Prioritization:
    """The ranking of the GCM objectives with everything needed to explain and defend it.

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
    """

    matrix: CriteriaMatrix
    agreed: AgreedWeights
    results: dict[str, Any]
    consensus: pd.DataFrame
    smaa: dict[str, Any]
    stability: pd.DataFrame
    contributions: pd.DataFrame
    reference: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    # -- core views -------------------------------------------------------------------------
    @property
    def primary(self) -> str:
        return str(self.settings["primary"])

    @property
    def top_k(self) -> int:
        return int(self.settings["top_k"])

    @property
    def weights(self) -> pd.Series:
        """Criterion → agreed weight (sums to 1)."""
        return self.agreed.weights.copy()

    @property
    def weights_detail(self) -> pd.DataFrame:
        """One row per participant: their weights, consistency and distance from the group."""
        return self.agreed.participants.copy()

    @property
    def ranks(self) -> pd.DataFrame:
        """Objectives × methods: rank under each method (1 = highest priority)."""
        index = self.matrix.values.index
        return pd.DataFrame({m: np.asarray(r.ranks) for m, r in self.results.items()}, index=index)

    @property
    def scores(self) -> pd.DataFrame:
        """Objectives × methods: each method's score (VIKOR: Q, lower is better)."""
        index = self.matrix.values.index
        return pd.DataFrame({m: np.asarray(r.scores) for m, r in self.results.items()}, index=index)

    @property
    def acceptability(self) -> pd.DataFrame:
        """Objectives × ranks: share of weight samples giving each rank (primary method)."""
        frame = self.smaa[self.primary].acceptability_frame()
        frame.index.name = "objective"
        return frame

    @property
    def top_k_probability(self) -> pd.DataFrame:
        """Objectives × methods: probability of being in the top k under weight uncertainty."""
        index = self.matrix.values.index
        return pd.DataFrame(
            {m: np.asarray(s.top_k_probability) for m, s in self.smaa.items()}, index=index
        )

    @property
    def rank_range(self) -> pd.DataFrame:
        """Per objective (primary method): rank_min and rank_max = 5th and 95th percentile
        ranks over the weight samples, and the extremes observed."""
        r = self.smaa[self.primary].rank_range
        frame = pd.DataFrame(
            {
                "rank_min": r["p05"],
                "rank_max": r["p95"],
                "rank_lowest_seen": r["min"],
                "rank_highest_seen": r["max"],
            }
        )
        frame.index.name = "objective"
        return frame

    def reference_weights(self) -> pd.DataFrame:
        """Criteria × weight sets: the agreed weights, the profile's defaults, and the
        objective entropy and CRITIC weights of the criteria matrix, for reference.

        Entropy ignores the criteria's direction (as in published examples); CRITIC uses the
        min-max normalised matrix with cost criteria reversed. Objective weights say how much
        each criterion varies across the objectives, not how important it is.
        """
        values = self.matrix.values
        return pd.DataFrame(
            {
                "agreed": self.agreed.weights.reindex(values.columns),
                "profile_default": self.matrix.profile.default_weights().reindex(values.columns),
                "entropy": np.asarray(entropy_weights(values.to_numpy())),
                "critic": np.asarray(critic_weights(values.to_numpy(), self.matrix.types)),
            },
            index=values.columns,
        )

    def participant_ranks(self) -> pd.DataFrame:
        """Objectives × participants: the primary method's ranking with each working-group
        member's own weights (their points, ranking or pairwise priorities)."""
        values = self.matrix.values
        criteria = list(values.columns)
        members = self.agreed.participants
        settings = self.settings["method_settings"][self.primary]
        ranks = {}
        for name, row in members.iterrows():
            if not set(criteria) <= set(row.index):
                continue
            w = row[criteria].to_numpy(float)
            if not np.isfinite(w).all() or w.sum() <= 0:
                continue
            result = _RUNNERS[self.primary](values, w, self.matrix.types, **settings)
            ranks[name] = np.asarray(result.ranks)
        frame = pd.DataFrame(ranks, index=values.index)
        frame.columns.name = "participant"
        return frame

    def participant_consensus(self) -> pd.DataFrame:
        """Per objective: Borda and Copeland consensus across the working-group members'
        own rankings (see :meth:`participant_ranks`), weighted by the participant weights."""
        ranks = self.participant_ranks()
        if ranks.shape[1] == 0:
            return pd.DataFrame(index=self.matrix.values.index)
        weights = self.agreed.participants["participant_weight"].reindex(ranks.columns)
        weights = weights.to_numpy(float)
        if not weights.sum() > 0:
            weights = np.ones(ranks.shape[1])
        tie = self.settings["tie_rule"]
        b = borda(ranks, weights, tie_rule=tie)
        c = copeland(ranks, weights, tie_rule=tie)
        return pd.DataFrame(
            {
                "borda_score": np.asarray(b.scores),
                "borda_rank": np.asarray(b.ranks),
                "copeland_score": np.asarray(c.scores),
                "copeland_rank": np.asarray(c.ranks),
            },
            index=ranks.index,
        )

    def correlations(self, kind: str = "weighted_spearman") -> pd.DataFrame:
        """Methods × methods rank correlation: ``spearman``, ``weighted_spearman``,
        ``kendall`` or ``ws`` (WS similarity; row = reference ranking)."""
        fn = {
            "spearman": spearman,
            "weighted_spearman": weighted_spearman,
            "kendall": kendall,
            "ws": ws_coefficient,
        }[kind]
        ranks = self.ranks
        names = list(ranks.columns)
        data = [[fn(ranks[a].to_numpy(), ranks[b].to_numpy()) for b in names] for a in names]
        return pd.DataFrame(data, index=names, columns=names)

    # -- explanation ------------------------------------------------------------------------
    def table(self) -> pd.DataFrame:
        """The ranked table for the working group (primary method).

        Columns: rank, short_label, score, p_top{k} (probability of being in the top k under
        weight uncertainty), rank range, ranks under every method, consensus rank, reasons.
        """
        primary = self.results[self.primary]
        index = self.matrix.values.index
        frame = pd.DataFrame(
            {
                "rank": np.asarray(primary.ranks),
                "short_label": self.matrix.labels,
                "score": np.asarray(primary.scores),
                f"p_top{self.top_k}": self.top_k_probability[self.primary],
            },
            index=index,
        )
        frame = frame.join(self.rank_range[["rank_min", "rank_max"]])
        for method in self.results:
            frame[f"rank_{method}"] = self.ranks[method]
        frame["rank_consensus"] = self.consensus["borda_rank"]
        members = self.participant_consensus()
        if len(self.agreed.participants) > 1 and "borda_rank" in members:
            frame["rank_participants"] = members["borda_rank"]
        frame["reasons"] = self.reasons()
        frame.index.name = "objective"
        return frame.sort_values(["rank", "rank_consensus"], kind="stable")

    def reasons(self, top: int = 2) -> pd.Series:
        """Per objective, the criteria that lift it most above the average objective.

        Uses the contributions table: for each criterion the objective's contribution minus
        the mean contribution over all objectives; the ``top`` largest positive ones are named
        with the objective's raw value and the average raw value.
        """
        contrib = self.contributions
        values = self.matrix.values
        labels = self.matrix.criteria["label"]
        cost = {c for c, t in zip(values.columns, self.matrix.types, strict=True) if t == "cost"}
        lift = contrib - contrib.mean(axis=0)
        out = {}
        for code, row in lift.iterrows():
            best = row[row > 1e-12].sort_values(ascending=False).head(top)
            parts = [
                f"{labels[c]}: {values.at[code, c]:.1f} (average {values[c].mean():.1f}"
                + (", lower is better)" if c in cost else ")")
                for c in best.index
            ]
            out[code] = "; ".join(parts) if parts else "no criterion above the average"
        return pd.Series(out, name="reasons")

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
    profile = matrix.profile
    criteria = [profile.criterion(c) for c in matrix.values.columns]
    tie = profile.methods.tie_rule
    return {
        "wsm": {"normalization": profile.methods.wsm_normalization, "tie_rule": tie},
        "topsis": {"normalization": profile.methods.topsis_normalization, "tie_rule": tie},
        "vikor": {"v": profile.methods.vikor_v, "tie_rule": tie},
        "promethee_ii": {
            "functions": [c.preference for c in criteria],
            "q": [c.q for c in criteria],
            "p": [c.p for c in criteria],
            "s": [c.s for c in criteria],
            "tie_rule": tie,
        },
    }


_RUNNERS = {"wsm": wsm, "topsis": topsis, "vikor": vikor, "promethee_ii": promethee_ii}


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
        Methods to run (``wsm``, ``topsis``, ``vikor``, ``promethee_ii``) and the one whose
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
    """
    profile = matrix.profile
    if weights is None:
        agreed = profile_weights(profile.default_weights())
    elif isinstance(weights, AgreedWeights):
        agreed = weights
    else:
        agreed = profile_weights(pd.Series(weights, dtype=float))
    w = agreed.weights.reindex(matrix.values.columns)
    if w.isna().any():
        missing = ", ".join(w.index[w.isna()])
        raise mgi.InputError(f"The weights do not cover the criteria {missing}.")
    methods = list(methods or profile.methods.run)
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

    results = {m: _RUNNERS[m](values, w.to_numpy(), types, **per_method[m]) for m in methods}
    rank_table = pd.DataFrame(
        {m: np.asarray(r.ranks) for m, r in results.items()}, index=values.index
    )
    consensus = pd.DataFrame(index=values.index)
    if len(methods) > 1:
        b = borda(rank_table, tie_rule=profile.methods.tie_rule)
        c = copeland(rank_table, tie_rule=profile.methods.tie_rule)
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
            types,
            method=m,
            weights=w.to_numpy(),
            samples=samples,
            seed=seed,
            top_k=top_k,
            **smaa_kw,
            **{k: v for k, v in per_method[m].items() if k != "tie_rule"},
        )
        for m in methods
    }
    linear = primary if primary in LINEAR_METHODS else "wsm"
    linear_kw = {k: v for k, v in per_method[linear].items() if k != "tie_rule"}
    stability = stability_intervals(
        values, w.to_numpy(), types, method=linear, top_k=top_k, **linear_kw
    )
    contrib = contributions(values, w.to_numpy(), types, method=linear, **linear_kw)
    contrib.index = values.index
    contrib.columns = values.columns
    reference_codes = tuple(
        objective_code(r) if not str(r).upper().startswith("GCM") else str(r).upper()
        for r in reference
    )
    warnings = tuple(
        dict.fromkeys(
            [
                *matrix.notes,
                *(x for r in results.values() for x in r.warnings),
                *(
                    f"{METHOD_LABELS[m]} rank acceptability: {x}"
                    for m, s in smaa_results.items()
                    for x in s.warnings
                    if "never rank first" not in x  # normal: shown as central weights of zero
                ),
            ]
        )
    )
    settings = {
        "methods": methods,
        "primary": primary,
        "method_settings": per_method,
        "tie_rule": profile.methods.tie_rule,
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
    return Prioritization(
        matrix=matrix,
        agreed=agreed,
        results=results,
        consensus=consensus,
        smaa=smaa_results,
        stability=stability,
        contributions=contrib,
        reference=reference_codes,
        settings=settings,
        warnings=warnings,
    )
