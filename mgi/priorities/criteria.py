"""The criteria matrix: the 23 GCM objectives × the profile's criteria, from real inputs.

Every column is traceable: the governance gap to the scorecard's ``objectives`` table and the
MGI indicators behind it, the stakeholder column to the consultation's participants and
groups, the expert columns to the experts' ratings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue
from mgi.errors import InputError
from mgi.priorities.profile import Profile
from mgi.priorities.ratings import (
    Consultation,
    ConsultationSummary,
    ExpertRatings,
    expert_values,
    summarise_consultation,
    summarise_experts,
)
from mgi.reference import gcm_objectives


@dataclass(frozen=True, eq=False)
class CriteriaMatrix:
    """Objectives × criteria, with where each column came from.

    Attributes
    ----------
    profile
        The :class:`~mgi.priorities.profile.Profile` that defines the criteria.
    gap_detail
        Per objective: the scorecard's score, gap, status, number of indicators and the
        indicators with the largest shortfall (empty when no scorecard criterion is used).
    consultation
        The :class:`~mgi.priorities.ratings.ConsultationSummary`, when a consultation is used.
    experts
        Mean, standard deviation and count per objective and expert criterion.
    notes
        What was imputed or could not discriminate, in plain sentences.
    """

    _values: pd.DataFrame = field(repr=False)
    profile: Profile
    gap_detail: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    consultation: ConsultationSummary | None = field(repr=False, default=None)
    experts: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    notes: tuple[str, ...] = ()
    sources: dict[str, Any] = field(default_factory=dict)

    @property
    def values(self) -> pd.DataFrame:
        """Objectives (GCM01..GCM23) × criteria, raw values in each criterion's unit."""
        return self._values.copy()

    @property
    def criteria(self) -> pd.DataFrame:
        """One row per criterion: label, source, direction, default weight, preference."""
        return self.profile.criteria_table()

    @property
    def types(self) -> list[str]:
        """``benefit`` or ``cost`` per criterion, in column order."""
        return [self.profile.criterion(c).direction for c in self._values.columns]

    @property
    def labels(self) -> pd.Series:
        """Objective code → short label."""
        return gcm_objectives()["short_label"].reindex(self._values.index)


def _gap_column(scorecard: Any, profile: Profile) -> tuple[pd.Series, pd.DataFrame, list[str]]:
    objectives = scorecard.objectives
    detail_cols = [
        c
        for c in (
            "short_label",
            "score",
            "gap",
            "status",
            "primary",
            "secondary",
            "answered",
            "indicators",
            "shortfall",
        )
        if c in objectives.columns
    ]
    detail = objectives[detail_cols].copy()
    gap = objectives["gap"].astype(float)
    notes: list[str] = []
    if "status" in objectives:
        weak = objectives.index[(objectives["status"] != "scored") & gap.notna()]
        if len(weak):
            notes.append(
                f"The governance gap of {', '.join(weak)} rests on too few answered indicators "
                "(status 'insufficient data' or similar) and is treated as missing."
            )
            gap[weak] = np.nan
    missing = gap.index[gap.isna()]
    if len(missing) == len(gap):
        raise InputError(
            "The assessment gives no governance gap for any GCM objective: its instrument "
            f"({_instrument_label(scorecard)}) maps no answered indicator to the objectives. "
            "Use an MGI-structured assessment (mgi-national), give an indicator-to-objective "
            "mapping with --mapping, or use a profile without the governance-gap criterion."
        )
    if len(missing):
        rule = profile.methods.missing_gap
        names = ", ".join(missing)
        if rule == "error":
            raise InputError(
                f"No governance gap could be computed for {names} (no answered indicators are "
                "mapped to them). Map indicators to these objectives, or set "
                "methods.missing_gap to 'mean' or 'zero' in the profile."
            )
        fill = float(gap.mean()) if rule == "mean" and gap.notna().any() else 0.0
        gap = gap.fillna(fill)
        notes.append(
            f"No governance gap could be computed for {names}; the gap was set to {fill:.1f} "
            f"(methods.missing_gap = '{rule}')."
        )
    detail["gap_used"] = gap
    return gap, detail, notes


def _instrument_label(scorecard: Any) -> str:
    assessment = getattr(scorecard, "assessment", None)
    instrument = getattr(assessment, "instrument", None)
    return getattr(instrument, "label", "unknown")


def build_criteria_matrix(
    profile: Profile,
    *,
    scorecard: Any | None = None,
    consultation: Consultation | pd.DataFrame | None = None,
    experts: ExpertRatings | pd.DataFrame | None = None,
) -> CriteriaMatrix:
    """Assemble the criteria matrix the profile asks for from the inputs given.

    Parameters
    ----------
    profile
        Which criteria, their sources and directions.
    scorecard
        A :class:`~mgi.scoring.Scorecard`; its ``objectives["gap"]`` is the governance gap.
    consultation
        Stakeholder ratings (:class:`Consultation` or long table).
    experts
        Expert ratings (:class:`ExpertRatings` or long table).

    Raises
    ------
    InputError
        When an input a criterion needs is missing, or an objective has no value for it.
    """
    objectives = gcm_objectives().index
    columns: dict[str, pd.Series] = {}
    notes: list[str] = []
    problems: list[str] = []
    gap_detail = pd.DataFrame()
    summary = None
    expert_table = pd.DataFrame()
    sources = {c.source for c in profile.criteria}
    if "scorecard" in sources:
        if scorecard is None:
            problems.append("the profile uses the governance gap, but no assessment was given")
        else:
            gap, gap_detail, gap_notes = _gap_column(scorecard, profile)
            notes += gap_notes
    if "consultation" in sources:
        if consultation is None:
            problems.append("the profile uses the stakeholder consultation, but none was given")
        else:
            weights = profile.consultation.group_weights
            summary = summarise_consultation(consultation, weights)
    if "experts" in sources:
        if experts is None:
            problems.append("the profile uses expert ratings, but no expert workbook was given")
        else:
            expert_table = summarise_experts(experts)
            means = expert_values(experts)
    if problems:
        raise InputError("The criteria matrix cannot be built: " + "; ".join(problems) + ".")
    for criterion in profile.criteria:
        if criterion.source == "scorecard":
            column = gap
        elif criterion.source == "consultation":
            assert summary is not None
            column = summary.overall["value"]
        else:
            column = means[criterion.code] if criterion.code in means.columns else pd.Series()
        column = column.reindex(objectives).astype(float)
        missing = list(column.index[column.isna()])
        if missing:
            problems.append(
                f"criterion '{criterion.code}' ({criterion.label}) has no value for "
                f"{', '.join(missing)}"
            )
        elif np.ptp(column.to_numpy()) == 0:
            notes.append(
                f"Every objective has the same value on '{criterion.label}', so this criterion "
                "cannot tell the objectives apart."
            )
        columns[criterion.code] = column
    if problems:
        raise InputError(
            "The criteria matrix cannot be built: " + "; ".join(problems) + ". Check that "
            "every objective was rated."
        )
    values = pd.DataFrame(columns, index=objectives)
    values.index.name = "objective"
    return CriteriaMatrix(
        _values=values,
        profile=profile,
        gap_detail=gap_detail,
        consultation=summary,
        experts=expert_table,
        notes=tuple(notes),
        sources={
            "assessment": getattr(scorecard, "provenance", lambda: {})() if scorecard else {},
            "consultation": _source(consultation),
            "experts": _source(experts),
        },
    )


def _source(obj: Any) -> dict[str, str]:
    source = getattr(obj, "source", None)
    return source.to_dict() if source is not None else {}


def issues_of(*inputs: Any) -> list[Issue]:
    """All issues carried by the inputs given (those that have an ``issues`` attribute)."""
    return [i for obj in inputs if obj is not None for i in getattr(obj, "issues", ())]
