"""Stakeholder and expert ratings of the GCM objectives, and how they are combined.

Ratings are kept in long tables (one row per participant, objective and, for experts, criterion)
so that every aggregate can be traced back to the people behind it. The records as read
(:class:`Consultation`, :class:`ExpertRatings`) live in :mod:`mgi.judgements`, where the
workbook readers build them; they are re-exported here.

Stakeholder consultation
    Each participant belongs to a stakeholder group and rates each objective's relevance and
    urgency (1-5). Ratings are averaged per group (mean, standard deviation, count), then across
    groups with group weights (default equal, so that a large group does not drown a small
    one). Disagreement is reported per objective (spread of the group means, spread of all
    ratings) and overall as Kendall's W between groups.

Expert ratings
    Each expert rates each objective on the profile's expert criteria (1-5); the criterion value
    is the mean over experts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mgi.judgements import CONSULTATION_COLUMNS, EXPERT_COLUMNS, Consultation, ExpertRatings
from mgi.prioritization.compare import average_ranks

__all__ = [
    "CONSULTATION_COLUMNS",
    "EXPERT_COLUMNS",
    "Consultation",
    "ConsultationSummary",
    "ExpertRatings",
    "expert_values",
    "kendall_w",
    "summarise_consultation",
    "summarise_experts",
]


@dataclass(frozen=True)
class ConsultationSummary:
    """The consultation combined per group and across groups.

    Attributes
    ----------
    by_group
        Index (objective, group); columns mean, sd (sample, ddof=1; 0 for one rating), count.
    group_means
        Objectives × groups table of group means.
    overall
        Per objective: ``value`` (weighted mean of group means), ``spread_between`` (standard
        deviation of the group means), ``spread_all`` (standard deviation of all ratings),
        ``participants``, ``groups``.
    group_weights
        The normalised group weights used.
    kendall_w
        Kendall's coefficient of concordance between groups (0 = no agreement, 1 = all groups
        rank the objectives identically), with the tie correction.
    """

    by_group: pd.DataFrame
    group_means: pd.DataFrame
    overall: pd.DataFrame
    group_weights: pd.Series
    kendall_w: float
    settings: Mapping[str, object]


def kendall_w(ranks: np.ndarray) -> float:
    """Kendall's coefficient of concordance W with the correction for ties.

    Parameters
    ----------
    ranks
        Array judges × items of scores; each judge's row is ranked (average ranks for ties).

    Notes
    -----
    W = 12 S / (m² (n³ − n) − m Σ_j T_j), with S the sum of squared deviations of the items'
    rank sums from their mean, m judges, n items and T_j = Σ (t³ − t) over the groups of t tied
    ranks of judge j (Kendall & Babington Smith 1939; Siegel & Castellan 1988, section 9.4).
    Returns 1.0 when every judge gives all items the same score (no information to disagree).

    Examples
    --------
    >>> kendall_w(np.array([[1, 2, 3], [1, 2, 3]]))
    1.0
    >>> kendall_w(np.array([[1, 2, 3], [3, 2, 1]]))
    0.0
    """
    scores = np.asarray(ranks, dtype=float)
    m, n = scores.shape
    if m < 2 or n < 2:
        return 1.0
    ranked = average_ranks(scores)
    sums = ranked.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    ties = 0.0
    for row in ranked:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denominator = m**2 * (n**3 - n) - m * ties
    if denominator <= 0:
        return 1.0
    return float(12 * s / denominator)


def summarise_consultation(
    consultation: Consultation | pd.DataFrame,
    group_weights: str | Mapping[str, float] = "equal",
) -> ConsultationSummary:
    """Combine stakeholder ratings per group and across groups.

    Parameters
    ----------
    consultation
        A :class:`Consultation` or a long table with columns participant, group, objective,
        rating.
    group_weights
        ``"equal"`` (default: every group present weighs the same) or a mapping group → weight
        (groups not listed weigh 0). Weights are renormalised over the groups that rated an
        objective.

    Examples
    --------
    >>> ratings = pd.DataFrame({
    ...     "participant": ["a", "b", "c", "a", "b", "c"],
    ...     "group": ["Diaspora", "Diaspora", "Academia"] * 2,
    ...     "objective": ["GCM01"] * 3 + ["GCM02"] * 3,
    ...     "rating": [5, 3, 1, 2, 2, 4]})
    >>> s = summarise_consultation(ratings)
    >>> s.overall["value"].tolist()  # (mean(5, 3) + 1) / 2 and (2 + 4) / 2
    [2.5, 3.0]
    """
    table = consultation.ratings if isinstance(consultation, Consultation) else consultation
    table = table.loc[:, list(CONSULTATION_COLUMNS)].dropna(subset=["rating"])
    grouped = table.groupby(["objective", "group"], sort=True)["rating"]
    by_group = pd.DataFrame(
        {"mean": grouped.mean(), "sd": grouped.std(ddof=1).fillna(0.0), "count": grouped.size()}
    )
    means = by_group["mean"].unstack("group")
    groups = list(means.columns)
    if group_weights == "equal":
        raw = pd.Series(1.0, index=groups)
    else:
        raw = pd.Series({g: float(group_weights.get(g, 0.0)) for g in groups})  # type: ignore[union-attr]
    present = means.notna().to_numpy()
    w = np.where(present, raw.to_numpy()[None, :], 0.0)
    totals = w.sum(axis=1)
    safe = np.where(totals > 0, totals, 1.0)
    values = np.nansum(np.nan_to_num(means.to_numpy()) * w, axis=1) / safe
    per_objective = table.groupby("objective", sort=True)
    overall = pd.DataFrame(
        {
            "value": np.where(totals > 0, values, np.nan),
            "spread_between": means.std(axis=1, ddof=0).fillna(0.0).to_numpy(),
            "spread_all": per_objective["rating"].std(ddof=1).fillna(0.0).reindex(means.index),
            "participants": per_objective["participant"].nunique().reindex(means.index),
            "groups": means.notna().sum(axis=1),
        },
        index=means.index,
    )
    complete = means.dropna(axis=1)
    w_value = kendall_w(complete.to_numpy().T) if complete.shape[1] >= 2 else float("nan")
    return ConsultationSummary(
        by_group=by_group,
        group_means=means,
        overall=overall,
        group_weights=raw / raw.sum() if raw.sum() > 0 else raw,
        kendall_w=w_value,
        settings={
            "group_weights": "equal" if group_weights == "equal" else dict(group_weights),
            "aggregation": "weighted mean of group means (weights renormalised per objective)",
            "spread": "standard deviation of group means (population) and of all ratings (sample)",
            "concordance": "Kendall's W between groups with tie correction",
        },
    )


def summarise_experts(experts: ExpertRatings | pd.DataFrame) -> pd.DataFrame:
    """Mean, standard deviation and count of expert ratings per objective and criterion.

    Returns a table indexed (objective, criterion); :func:`expert_values` gives the wide table
    of means used in the criteria matrix.
    """
    table = experts.ratings if isinstance(experts, ExpertRatings) else experts
    grouped = table.dropna(subset=["rating"]).groupby(["objective", "criterion"])["rating"]
    return pd.DataFrame(
        {"mean": grouped.mean(), "sd": grouped.std(ddof=1).fillna(0.0), "count": grouped.size()}
    )


def expert_values(experts: ExpertRatings | pd.DataFrame) -> pd.DataFrame:
    """Objectives × criteria table of mean expert ratings."""
    return summarise_experts(experts)["mean"].unstack("criterion")
