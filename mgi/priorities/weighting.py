"""The working group's weights: points, a ranking or pairwise comparisons, per participant.

Each participant gives one of three kinds of judgement on the profile's criteria:

``points``
    Any non-negative numbers (e.g. 100 points shared out), normalised to sum 1.
``ranking``
    A rank per criterion (1 = most important), turned into rank-order centroid weights.
``pairwise``
    A Saaty 1-9 reciprocal comparison matrix, turned into AHP priorities with a consistency
    ratio and, when inconsistent, the judgement that deviates most.

The group's weights: when every participant gave a pairwise matrix, the matrices are combined
by the element-wise weighted geometric mean (AIJ) and the group matrix gives the weights;
otherwise the participants' weight vectors are averaged (weighted arithmetic mean), pairwise
participants contributing their own AHP priorities. The rule used is recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.judgements import Judgement, WeightJudgements  # the records as read
from mgi.prioritization import ahp, ahp_group, direct_weights, roc_weights


@dataclass(frozen=True, eq=False)
class AgreedWeights:
    """The group's weights and how each participant contributed.

    Attributes
    ----------
    weights
        Criterion → weight, summing to 1.
    rule
        How the group's weights were formed (named convention).
    participants
        One row per participant: mode, participant weight, their own weights per criterion,
        and for pairwise judgements the consistency ratio, whether it is acceptable
        (CR <= 0.10), the distance from the group's weights and the consistency hint.
    hints
        Sentences for the working group (inconsistent matrices and how to fix them).
    """

    weights: pd.Series
    rule: str
    participants: pd.DataFrame
    hints: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)


def _hint(participant: str, result: Any, criteria: Sequence[str]) -> str:
    """A sentence naming the most inconsistent judgement and the value that would fit."""
    worst = result.worst_judgement
    if worst is None or result.consistent:
        return ""
    row, column = criteria[worst["i"]], criteria[worst["j"]]
    return (
        f"{participant}: the comparisons are inconsistent (CR = {result.cr:.2f} > 0.10). The "
        f"judgement that deviates most is {row} vs {column} = {worst['current']:.3g}; a value of "
        f"about {worst['nearest_saaty_value']:.3g} (exactly consistent: "
        f"{worst['consistent_value']:.3g}) would fit the other judgements."
    )


def profile_weights(defaults: pd.Series) -> AgreedWeights:
    """The profile's default weights, when no working-group judgement was given."""
    frame = pd.DataFrame(
        [
            {
                "participant": "profile default",
                "mode": "points",
                "participant_weight": 1.0,
                **defaults.to_dict(),
            }
        ]
    )
    return AgreedWeights(
        weights=defaults / defaults.sum(),
        rule="profile default weights (points, normalised)",
        participants=frame.set_index("participant"),
    )


def combine_judgements(
    judgements: WeightJudgements | Sequence[Judgement],
    criteria: Sequence[str],
    *,
    ahp_method: str = "eigen",
    ri: str = "saaty1980",
) -> AgreedWeights:
    """Turn every participant's judgement into weights and combine them into the group's.

    Examples
    --------
    >>> crit = ["gap", "cost"]
    >>> a = Judgement("A", "points", pd.Series({"gap": 60, "cost": 40}))
    >>> b = Judgement("B", "ranking", pd.Series({"gap": 2, "cost": 1}))
    >>> combine_judgements([a, b], crit).weights.round(3).tolist()  # mean of .6/.4, .25/.75
    [0.425, 0.575]
    """
    items = list(judgements.judgements if isinstance(judgements, WeightJudgements) else judgements)
    criteria = list(criteria)
    if not items:
        raise ValueError("no judgements were given")
    rows: list[dict[str, Any]] = []
    vectors: list[np.ndarray] = []
    ahp_results: dict[str, Any] = {}
    for item in items:
        row: dict[str, Any] = {
            "participant": item.participant,
            "mode": item.mode,
            "participant_weight": item.weight,
        }
        if item.mode == "points":
            w = np.asarray(direct_weights(item.values.reindex(criteria).to_numpy(float)))
        elif item.mode == "ranking":
            w = np.asarray(roc_weights(item.values.reindex(criteria).to_numpy(float)))
        else:
            matrix = item.values.reindex(index=criteria, columns=criteria)
            result = ahp(matrix.to_numpy(float), method=ahp_method, ri=ri)
            w = np.asarray(result.weights)
            ahp_results[item.participant] = result
            row.update(
                {
                    "cr": result.cr,
                    "consistent": result.consistent,
                    "hint": _hint(item.participant, result, criteria),
                }
            )
        vectors.append(w)
        row.update(dict(zip(criteria, w, strict=True)))
        rows.append(row)
    lam = np.array([i.weight for i in items], dtype=float)
    lam = lam / lam.sum() if lam.sum() > 0 else np.full(len(items), 1 / len(items))
    settings: dict[str, Any] = {"ahp_method": ahp_method, "ri_table": ri}
    if all(i.mode == "pairwise" for i in items):
        group = ahp_group(
            [i.values.reindex(index=criteria, columns=criteria).to_numpy(float) for i in items],
            participant_weights=lam,
            method=ahp_method,
            ri=ri,
            participants=[i.participant for i in items],
        )
        weights = np.asarray(group.weights)
        rule = (
            "group AHP: element-wise weighted geometric mean of the participants' pairwise "
            f"judgements (AIJ), then {ahp_method} priorities"
        )
        settings.update(group_cr=group.group.cr, group_lambda_max=group.group.lambda_max)
    else:
        weights = np.average(np.vstack(vectors), axis=0, weights=lam)
        weights = weights / weights.sum()
        rule = (
            "weighted arithmetic mean of the participants' normalised weights (points "
            "normalised; rankings by rank-order centroid; pairwise by AHP priorities)"
        )
    frame = pd.DataFrame(rows).set_index("participant")
    frame["participant_weight"] = lam
    frame["distance"] = [float(np.linalg.norm(v - weights)) for v in vectors]
    hints = tuple(h for h in frame.get("hint", pd.Series(dtype=str)).fillna("") if h)
    return AgreedWeights(
        weights=pd.Series(weights, index=criteria, name="weight"),
        rule=rule,
        participants=frame,
        hints=hints,
        settings={
            **settings,
            "distance": "Euclidean distance between weight vectors",
            "source": judgements.source.to_dict()
            if isinstance(judgements, WeightJudgements)
            else {},
        },
    )
