"""Stakeholder and expert ratings of the GCM objectives, and how they are combined.

Ratings are kept in long tables (one row per participant, objective and, for experts, criterion)
so that every aggregate can be traced back to the people behind it. The records as read
(:class:`Consultation`, :class:`ExpertRatings`) live in :mod:`mgi.judgements`, where the
workbook readers build them; they are re-exported here.

Stakeholder consultation
    Each participant belongs to a stakeholder group and answers, for each objective, one
    question at a time (its relevance, then its urgency; 1-5 or "don't know"). Ratings are
    averaged per group and question (mean, standard deviation, count; respondents may be
    weighted to declared population shares), then across groups with group weights (default
    equal, so that a large group does not drown a small one), and the stakeholder criterion is
    the mean over the questions. "Don't know" is never a rating: it is left out and counted.
    Each group's effective weight is reported and a one-member group is flagged. Disagreement
    is reported per objective (spread of the group means, spread of all ratings) and overall
    as Kendall's W between groups.

Expert ratings
    Each expert rates each objective on the profile's expert criteria (1-5); the criterion value
    is the mean over experts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from mgi.catalogue import Issue, make_issue
from mgi.judgements import (
    ATTRIBUTES,
    COMBINED_QUESTION,
    CONSULTATION_COLUMNS,
    DONT_KNOW_COLUMNS,
    EXPERT_COLUMNS,
    Consultation,
    ExpertRatings,
    consultation_table,
)
from mgi.prioritization.compare import average_ranks

__all__ = [
    "ATTRIBUTES",
    "CONSULTATION_COLUMNS",
    "EXPERT_COLUMNS",
    "Consultation",
    "ConsultationSummary",
    "ExpertRatings",
    "attribute_counts",
    "expert_values",
    "kendall_w",
    "respondent_weights",
    "summarise_consultation",
    "summarise_experts",
]


@dataclass(frozen=True)
class ConsultationSummary:
    """The consultation combined per group and across groups.

    Attributes
    ----------
    by_group
        Index (objective, question, group); columns mean (weighted by the respondent weights),
        sd (sample, ddof=1; 0 for one rating), count, dont_know.
    group_means
        Objectives × groups table of each group's value: the mean over the questions of the
        group's question means.
    overall
        Per objective: ``value`` (the stakeholder criterion: the mean over the questions of
        the weighted mean of group means), ``value_<question>`` per question,
        ``spread_between`` (standard deviation of the group means), ``spread_all`` (standard
        deviation of all ratings), ``participants``, ``groups``, ``dont_know``.
    group_weights
        The normalised declared group weights.
    groups
        Per group: ``respondents``, ``declared_weight``, ``effective_weight`` (the group's
        average share of the stakeholder criterion over the objectives and questions, after
        renormalising over the groups that answered), ``effective_size`` (Kish's effective
        number of respondents under the respondent weights), ``ratings``, ``dont_know``,
        ``dont_know_share`` and ``single_member``.
    respondents
        Respondent attributes counted by group: one row per attribute and value, a column per
        group and ``total``.
    kendall_w
        Kendall's coefficient of concordance between groups (0 = no agreement, 1 = all groups
        rank the objectives identically), with the tie correction.
    questions
        The questions, in order (``relevance``, ``urgency``; ``priority`` for one combined
        question).
    issues
        Catalogue warnings: one-member groups, respondents without a declared population share.
    """

    by_group: pd.DataFrame
    group_means: pd.DataFrame
    overall: pd.DataFrame
    group_weights: pd.Series
    kendall_w: float
    settings: Mapping[str, object]
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    respondents: pd.DataFrame = field(default_factory=pd.DataFrame)
    questions: tuple[str, ...] = (COMBINED_QUESTION,)
    issues: tuple[Issue, ...] = ()
    weighted: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    declared: pd.Series = field(default_factory=lambda: pd.Series(dtype=float), repr=False)


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


#: What a group weight option of the profile means.
GROUP_WEIGHTS = {
    "equal": "every group weighs the same",
    "respondents": "each group weighs its number of respondents (as if all were pooled)",
}


def respondent_weights(
    respondents: pd.DataFrame, population: Mapping[str, Any] | None
) -> tuple[pd.Series, list[Issue]]:
    """Each respondent's weight inside their group: 1, or from a declared population share.

    ``population`` maps a group to ``(attribute, shares)`` (or an object with ``attribute``
    and ``shares``): the respondents of that group are weighted so that the attribute's
    categories weigh their declared shares, ``weight = share_c / n_c`` (post-stratification,
    the shares renormalised over the categories that have respondents). A respondent whose
    category has no declared share, or who did not give the attribute, weighs 0 and is
    reported (``rating.population_share_missing``).
    """
    weights = pd.Series(1.0, index=respondents.index, name="respondent_weight")
    issues: list[Issue] = []
    for group, spec in (population or {}).items():
        attribute, shares = (
            (spec.attribute, spec.shares) if hasattr(spec, "attribute") else tuple(spec)
        )
        members = respondents.index[respondents["group"] == group]
        if not len(members):
            continue
        values = respondents.loc[members, attribute].fillna("").astype(str).str.strip()
        declared = pd.Series({_fold(k): float(v) for k, v in shares.items()}, dtype=float)
        keys = values.map(_fold)
        share = keys.map(declared).fillna(0.0)
        known = share > 0
        per_category = keys[known].value_counts()
        total = float(declared.reindex(per_category.index).sum())
        size = keys.map(per_category).fillna(1.0)
        weights[members] = np.where(known, share / size / (total or 1.0), 0.0)
        if (~known).any():
            left = sorted({v or "(not given)" for v in values[~known]})
            issues.append(
                make_issue(
                    "rating.population_share_missing",
                    found=int((~known).sum()),
                    group=group,
                    attribute=attribute,
                    values=", ".join(left),
                )
            )
    return weights, issues


def _fold(value: Any) -> str:
    return " ".join(str(value).casefold().split())


#: How the stakeholder groups weigh: equally, by their respondents, or by a table of weights.
GroupWeights = Literal["equal", "respondents"] | Mapping[str, float]


def group_weight_values(
    option: GroupWeights, groups: list[str], respondents: pd.Series
) -> pd.Series:
    """The declared (raw) weight of each group: 1 each (``equal``), its number of respondents
    (``respondents``), or the profile's table (groups not listed weigh 0)."""
    if option == "equal":
        return pd.Series(1.0, index=groups)
    if option == "respondents":
        return respondents.reindex(groups).fillna(0).astype(float)
    return pd.Series({g: float(option.get(g, 0.0)) for g in groups})


def summarise_consultation(
    consultation: Consultation | pd.DataFrame,
    group_weights: GroupWeights = "equal",
    *,
    population: Mapping[str, Any] | None = None,
    questions: Sequence[str] | None = None,
) -> ConsultationSummary:
    """Combine stakeholder ratings per group and across groups.

    Parameters
    ----------
    consultation
        A :class:`Consultation` or a long table with columns participant, group, objective,
        rating and, when several questions were asked, question.
    group_weights
        ``"equal"`` (default: every group present weighs the same), ``"respondents"`` (each
        group weighs its number of respondents) or a mapping group → weight (groups not listed
        weigh 0). Weights are renormalised over the groups that rated an objective.
    population
        Group → ``(attribute, shares)``: weight that group's respondents so that an attribute
        (``country``, ``sex``...) matches declared population shares (see
        :func:`respondent_weights`).
    questions
        The questions, in order (default: as found in the ratings; when none of them was
        answered, the questions found are used).

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
    if isinstance(consultation, Consultation):
        table = consultation.ratings
        unknown = consultation.dont_know
        people = consultation.respondents
    else:
        table = consultation_table(consultation)
        unknown = pd.DataFrame(columns=list(DONT_KNOW_COLUMNS))
        people = Consultation(_ratings=table).respondents
    found = list(pd.unique(table["question"]))  # in order of appearance, without a loop
    # the profile's questions that were answered; a table of other questions keeps its own
    questions = [q for q in (questions or found) if q in found] or found
    omega, issues = respondent_weights(people, population)
    table = table.assign(weight=table["participant"].map(omega).fillna(1.0).to_numpy(float))
    table["weighted"] = table["weight"] * table["rating"]
    keys = ["objective", "question", "group"]
    grouped = table.groupby(keys, sort=True)
    sums = grouped[["weight", "weighted"]].sum()
    by_group = pd.DataFrame(
        {
            "mean": (sums["weighted"] / sums["weight"].where(sums["weight"] > 0)),
            "sd": grouped["rating"].std(ddof=1).fillna(0.0),
            "count": grouped.size(),
        }
    )
    dk = unknown.groupby(keys, sort=True).size() if len(unknown) else pd.Series(dtype=int)
    by_group["dont_know"] = dk.reindex(by_group.index).fillna(0).astype(int)
    groups = sorted(table["group"].unique())
    rated_by = table.groupby("group")["participant"].nunique()
    raw = group_weight_values(group_weights, groups, rated_by)
    # one column per (question, group): objectives x (questions x groups) of group means
    means = (
        by_group["mean"]
        .unstack(["question", "group"])
        .reindex(
            columns=pd.MultiIndex.from_product([questions, groups], names=["question", "group"])
        )
    )
    values = {}
    shares = np.zeros((len(means), len(questions), len(groups)))
    for qi, question in enumerate(questions):  # loop over the questions (one or two)
        block = means[question].to_numpy(float)
        present = ~np.isnan(block)
        w = np.where(present, raw.to_numpy()[None, :], 0.0)
        totals = w.sum(axis=1)
        safe = np.where(totals > 0, totals, 1.0)
        values[question] = np.where(
            totals > 0, (np.nan_to_num(block) * w).sum(axis=1) / safe, np.nan
        )
        shares[:, qi, :] = w / safe[:, None]
    per_question = pd.DataFrame(values, index=means.index)
    criterion = per_question.mean(axis=1, skipna=True)
    group_means = pd.DataFrame(
        {g: means.xs(g, axis=1, level="group").mean(axis=1, skipna=True) for g in groups},
        index=means.index,
    )
    group_means.columns.name = "group"
    per_objective = table.groupby("objective", sort=True)
    unknown_by_objective = (
        unknown.groupby("objective").size() if len(unknown) else pd.Series(dtype=int)
    )
    overall = pd.DataFrame(
        {
            "value": criterion,
            **{f"value_{q}": per_question[q] for q in questions if len(questions) > 1},
            "spread_between": group_means.std(axis=1, ddof=0).fillna(0.0),
            "spread_all": per_objective["rating"].std(ddof=1).fillna(0.0).reindex(means.index),
            "participants": per_objective["participant"].nunique().reindex(means.index),
            "groups": group_means.notna().sum(axis=1),
            "dont_know": unknown_by_objective.reindex(means.index).fillna(0).astype(int),
        },
        index=means.index,
    )
    answered = (~np.isnan(means.to_numpy(float))).reshape(len(means), len(questions), len(groups))
    cells = answered.any(axis=2)
    effective = (shares * cells[:, :, None]).sum(axis=(0, 1)) / max(int(cells.sum()), 1)
    everyone = people.groupby("group").size()
    dont_know = unknown.groupby("group").size() if len(unknown) else pd.Series(dtype=int)
    n_ratings = table.groupby("group").size()
    kish = table.drop_duplicates("participant").groupby("group")["weight"]
    group_table = pd.DataFrame(
        {
            "respondents": everyone.reindex(groups).fillna(0).astype(int),
            "declared_weight": (raw / raw.sum()) if raw.sum() > 0 else raw,
            "effective_weight": effective,
            "effective_size": (kish.sum() ** 2 / (kish.apply(lambda w: (w**2).sum())))
            .reindex(groups)
            .fillna(0.0),
            "ratings": n_ratings.reindex(groups).fillna(0).astype(int),
            "dont_know": dont_know.reindex(groups).fillna(0).astype(int),
        },
        index=pd.Index(groups, name="group"),
    )
    answers = group_table["ratings"] + group_table["dont_know"]
    group_table["dont_know_share"] = (group_table["dont_know"] / answers.where(answers > 0)).fillna(
        0.0
    )
    group_table["single_member"] = group_table["respondents"] == 1
    for group, row in group_table[group_table["single_member"]].iterrows():
        issues.append(
            make_issue(
                "rating.group_single_member",
                found=group,
                share=f"{row['effective_weight']:.0%}",
                groups=len(groups),
            )
        )
    complete = group_means.dropna(axis=1)
    w_value = kendall_w(complete.to_numpy().T) if complete.shape[1] >= 2 else float("nan")
    return ConsultationSummary(
        by_group=by_group,
        group_means=group_means,
        overall=overall,
        group_weights=raw / raw.sum() if raw.sum() > 0 else raw,
        kendall_w=w_value,
        groups=group_table,
        respondents=attribute_counts(people),
        questions=tuple(questions),
        issues=tuple(issues),
        weighted=table[["participant", "group", "objective", "question", "rating", "weight"]],
        declared=raw,
        settings={
            "group_weights": group_weights
            if isinstance(group_weights, str)
            else dict(group_weights),
            "group_weights_meaning": GROUP_WEIGHTS.get(
                str(group_weights), "declared in the profile"
            )
            if isinstance(group_weights, str)
            else "declared in the profile",
            "respondent_weights": "post-stratified within "
            + ", ".join(
                f"{g} by {getattr(p, 'attribute', p[0] if isinstance(p, tuple) else p)}"
                for g, p in population.items()
            )
            if population
            else "1 for every respondent",
            "questions": list(questions),
            "aggregation": "per question, weighted mean of group means (weights renormalised per "
            "objective); the criterion is the mean over the questions",
            "dont_know": "not a rating: left out of every mean, counted per objective and group",
            "spread": "standard deviation of group means (population) and of all ratings (sample)",
            "concordance": "Kendall's W between groups with tie correction",
        },
    )


def attribute_counts(respondents: pd.DataFrame) -> pd.DataFrame:
    """Respondents counted by attribute value and group (``not given`` for an empty answer):
    columns attribute, value, one per group, total."""
    groups = sorted(set(respondents["group"].dropna()))
    rows = []
    for attribute in ATTRIBUTES:
        if attribute not in respondents:
            continue
        values = respondents[attribute].fillna("").astype(str).str.strip().replace("", "not given")
        counts = pd.crosstab(values, respondents["group"]).reindex(columns=groups, fill_value=0)
        for value, row in counts.iterrows():  # loop over the values of one attribute (few)
            rows.append(
                {"attribute": attribute, "value": value, **row.to_dict(), "total": int(row.sum())}
            )
    frame = pd.DataFrame(rows, columns=["attribute", "value", *groups, "total"])
    return frame


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
