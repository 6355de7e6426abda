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

Weights are relative, so they are scaled before they are summed (a member who gives every
criterion ``1e308`` points gets equal weights, not zeros). A judgement that cannot be used is
refused with an error naming the participant (and their sheet and file, where known), and
participant weights that are all zero are refused: the group's weights would be undefined.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.errors import InputError
from mgi.judgements import Judgement, WeightJudgements  # the records as read
from mgi.priorities._problems import input_error
from mgi.prioritization import (
    PrioritizationInputError,
    ahp,
    ahp_group,
    direct_weights,
    roc_weights,
)
from mgi.prioritization._common import relative_total


@dataclass(frozen=True, eq=False)
class AgreedWeights:
    """The group's weights and how each participant contributed (immutable: the tables are
    handed out as copies).

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
    settings
        The conventions used and where the judgements came from.
    """

    _weights: pd.Series = field(repr=False)
    rule: str
    _participants: pd.DataFrame = field(repr=False)
    hints: tuple[str, ...] = ()
    _settings: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def weights(self) -> pd.Series:
        """Criterion → weight, summing to 1 (a copy)."""
        return self._weights.copy()

    @property
    def participants(self) -> pd.DataFrame:
        """One row per participant (a copy)."""
        return self._participants.copy()

    @property
    def settings(self) -> dict[str, Any]:
        """The conventions used (a copy)."""
        return copy.deepcopy(dict(self._settings))


def _hint(participant: str, result: Any, criteria: Sequence[str]) -> str:
    """A sentence naming the most inconsistent judgement and the value that would fit."""
    worst = result.worst_judgement
    if worst is None or result.consistent:
        return ""
    from mgi.i18n import current_language, text, with_decimal_sign

    lang = current_language()

    def number(value: float, spec: str) -> str:
        """``value`` to ``spec`` (significant digits), with the language's decimal sign."""
        return with_decimal_sign(format(value, spec), lang)

    return text(
        "weights.hint",
        lang,
        participant=participant,
        cr=number(result.cr, ".2f"),
        row=criteria[worst["i"]],
        column=criteria[worst["j"]],
        current=number(worst["current"], ".3g"),
        nearest=number(worst["nearest_saaty_value"], ".3g"),
        consistent=number(worst["consistent_value"], ".3g"),
    )


#: The summary of every error about the working group's weights.
_CANNOT = "The working group's weights cannot be combined."


def _error(rule: str, **fields: Any) -> InputError:
    return input_error(_CANNOT, rule, **fields)


def _where(item: Judgement, file: str | None) -> dict[str, Any]:
    """Where a judgement was read: the weights workbook and the participant's sheet (the
    records as read keep no cell, so a problem names the sheet)."""
    return {"file": file, "sheet": item.sheet or None}


def profile_weights(defaults: pd.Series) -> AgreedWeights:
    """The profile's default weights, when no working-group judgement was given.

    Weights are relative: very large values (``1e308``) are scaled before they are summed.
    """
    values, total = relative_total(defaults.to_numpy(dtype=float))
    if not (np.isfinite(values).all() and (values >= 0).all()):
        raise _error("priorities.weights_not_finite", found=defaults.to_dict())
    if not total > 0:
        raise _error("mcda.weights_all_zero", what="All weights")
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
        _weights=pd.Series(values, index=defaults.index, name=defaults.name) / total,
        rule="profile default weights (points, normalised)",
        _participants=frame.set_index("participant"),
    )


def combine_judgements(
    judgements: WeightJudgements | Sequence[Judgement],
    criteria: Sequence[str],
    *,
    ahp_method: str = "eigen",
    ri: str = "saaty1980",
) -> AgreedWeights:
    """Turn every participant's judgement into weights and combine them into the group's.

    Raises
    ------
    InputError
        With a catalogue rule and the participant's sheet (and file) where known: no
        judgement (``weights.no_participants``), a judgement that cannot be used
        (``priorities.judgement_unusable``), a participant weight that is negative or not
        finite (``weights.bad_value``), or every participant weight zero
        (``priorities.participant_weights_zero``).

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
    file = (
        (judgements.source.file_name or None) if isinstance(judgements, WeightJudgements) else None
    )
    if not items:
        raise _error("weights.no_participants", file=file)
    rows: list[dict[str, Any]] = []
    vectors: list[np.ndarray] = []
    ahp_results: dict[str, Any] = {}
    for item in items:
        row: dict[str, Any] = {
            "participant": item.participant,
            "mode": item.mode,
            "participant_weight": item.weight,
        }
        try:
            if item.mode == "points":
                w = np.asarray(direct_weights(item.values.reindex(criteria).to_numpy(float)))
            elif item.mode == "ranking":
                w = np.asarray(roc_weights(item.values.reindex(criteria).to_numpy(float)))
            else:
                matrix = item.values.reindex(index=criteria, columns=criteria)
                result = ahp(matrix.to_numpy(float), method=ahp_method, ri=ri)
        except PrioritizationInputError as exc:
            raise _error(
                "priorities.judgement_unusable",
                **_where(item, file),
                participant=item.participant,
                problem=exc.message,
            ) from None
        if item.mode == "pairwise":
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
    for item, value in zip(items, lam, strict=True):
        if not (np.isfinite(value) and value >= 0):
            raise _error(
                "weights.bad_value",
                **_where(item, file),
                column="participant weight",
                found=f"{item.weight} ({item.participant})",
                allowed="Write a finite number of 0 or more (default 1).",
            )
    lam, total = relative_total(lam)  # weights are relative: scale before summing
    if not total > 0:
        raise _error(
            "priorities.participant_weights_zero",
            file=file,
            participants=", ".join(
                f"{i.participant} (sheet {i.sheet})" if i.sheet else str(i.participant)
                for i in items
            ),
        )
    lam = lam / total
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
    if not np.isfinite(weights).all():  # pragma: no cover - inputs are finite and scaled
        raise _error("priorities.weights_not_finite", file=file, found=list(weights))
    frame = pd.DataFrame(rows).set_index("participant")
    frame["participant_weight"] = lam
    frame["distance"] = [float(np.linalg.norm(v - weights)) for v in vectors]
    hints = tuple(h for h in frame.get("hint", pd.Series(dtype=str)).fillna("") if h)
    return AgreedWeights(
        _weights=pd.Series(weights, index=criteria, name="weight"),
        rule=rule,
        _participants=frame,
        hints=hints,
        _settings={
            **settings,
            "distance": "Euclidean distance between weight vectors",
            "source": judgements.source.to_dict()
            if isinstance(judgements, WeightJudgements)
            else {},
        },
    )
