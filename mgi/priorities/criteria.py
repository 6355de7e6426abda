"""The criteria matrix: the 23 GCM objectives × the profile's criteria, from real inputs.

Every column is traceable: the governance gap to the scorecard's ``objectives`` table and the
MGI indicators behind it, the stakeholder column to the consultation's participants and
groups, the expert columns to the experts' ratings.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue, make_issue
from mgi.errors import InputError
from mgi.priorities._problems import input_error, issues_error
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
    issues
        Catalogue warnings: what was imputed or could not discriminate (each with its rule).
    sources
        Where each input came from.

    The tables are handed out as copies: the matrix cannot be changed from outside.
    """

    _values: pd.DataFrame = field(repr=False)
    profile: Profile
    _gap_detail: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    consultation: ConsultationSummary | None = field(repr=False, default=None)
    _experts: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    issues: tuple[Issue, ...] = ()
    _sources: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def values(self) -> pd.DataFrame:
        """Objectives (GCM01..GCM23) × criteria, raw values in each criterion's unit."""
        return self._values.copy()

    @property
    def gap_detail(self) -> pd.DataFrame:
        """Per objective: score, gap, status and the indicators behind the gap (a copy)."""
        return self._gap_detail.copy()

    @property
    def experts(self) -> pd.DataFrame:
        """Mean, standard deviation and count per objective and expert criterion (a copy)."""
        return self._experts.copy()

    @property
    def sources(self) -> dict[str, Any]:
        """Where each input came from (a copy)."""
        return copy.deepcopy(dict(self._sources))

    @property
    def notes(self) -> tuple[str, ...]:
        """The messages of :attr:`issues`, for people."""
        return tuple(issue.message for issue in self.issues)

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


_CANNOT = "The criteria matrix cannot be built."


def _error(rule: str, **fields: Any) -> InputError:
    return input_error(_CANNOT, rule, **fields)


def _gap_column(scorecard: Any, profile: Profile) -> tuple[pd.Series, pd.DataFrame, list[Issue]]:
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
    notes: list[Issue] = []
    if "status" in objectives:
        weak = objectives.index[(objectives["status"] != "scored") & gap.notna()]
        if len(weak):
            notes.append(make_issue("priorities.gap_too_few", objectives=", ".join(weak)))
            gap[weak] = np.nan
    missing = gap.index[gap.isna()]
    if len(missing) == len(gap):
        raise _error("priorities.no_gap", found=_instrument_label(scorecard))
    if len(missing):
        rule = profile.methods.missing_gap
        names = ", ".join(missing)
        if rule == "error":
            raise _error("priorities.gap_missing", objectives=names)
        fill = float(gap.mean()) if rule == "mean" and gap.notna().any() else 0.0
        gap = gap.fillna(fill)
        notes.append(
            make_issue(
                "priorities.gap_imputed", objectives=names, value=f"{fill:.1f}", setting=rule
            )
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
    notes: list[Issue] = []
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
        raise _error("priorities.input_missing", problems="; ".join(problems))
    missing_values: list[Issue] = []
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
            missing_values.append(
                make_issue(
                    "priorities.criterion_no_value",
                    column=criterion.code,
                    found=", ".join(missing),
                    objectives=", ".join(missing),
                    criterion=criterion.code,
                    label=criterion.label,
                )
            )
        elif np.ptp(column.to_numpy()) == 0:
            notes.append(
                make_issue(
                    "priorities.criterion_constant", column=criterion.code, found=criterion.label
                )
            )
        columns[criterion.code] = column
    if missing_values:
        raise issues_error(_CANNOT, missing_values)
    values = pd.DataFrame(columns, index=objectives)
    values.index.name = "objective"
    return CriteriaMatrix(
        _values=values,
        profile=profile,
        _gap_detail=gap_detail,
        consultation=summary,
        _experts=expert_table,
        issues=tuple(notes),
        _sources={
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
