"""The criteria matrix: the 23 GCM objectives × the profile's criteria, from real inputs.

Every column is traceable: the governance gap to the scorecard's ``objectives`` table and the
MGI indicators behind it, the stakeholder column to the consultation's participants and
groups, the expert columns to the experts' ratings. Each column carries its declared scale,
and the matrix checks what a ranking should not hide: a rated criterion whose differences
between objectives are within its own sampling noise, the groups or experts behind a
criterion barely agreeing on the order of the objectives, and two criteria that move together
(:func:`criteria_checks`). It also holds the resampler of the people behind the ratings
(:attr:`CriteriaMatrix.data_sampler`), which gives the ranking's data uncertainty.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
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
    kendall_w,
    summarise_consultation,
    summarise_experts,
)
from mgi.priorities.resampling import (
    ConsultationColumn,
    ExpertColumns,
    RatingsBootstrap,
    RowSubset,
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
        Catalogue warnings: what was imputed or could not discriminate, criteria within their
        noise or with little agreement, correlated criteria (each with its rule and numbers).
    sources
        Where each input came from.
    scales
        Criterion → the declared scale ``(low, high)`` its values are normalised on (widened,
        with a warning, where a value lies outside it).
    checks
        Per criterion: the numbers behind the flags (see :func:`criteria_checks`).
    correlation
        Criteria × criteria: Pearson correlation across the objectives, cost criteria reversed.

    The tables are handed out as copies: the matrix cannot be changed from outside.
    """

    _values: pd.DataFrame = field(repr=False)
    profile: Profile
    _gap_detail: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    consultation: ConsultationSummary | None = field(repr=False, default=None)
    _experts: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    issues: tuple[Issue, ...] = ()
    _sources: Mapping[str, Any] = field(default_factory=dict, repr=False)
    _scales: Mapping[str, tuple[float, float]] = field(default_factory=dict, repr=False)
    _checks: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    _correlation: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    _sampler: RatingsBootstrap | RowSubset | None = field(default=None, repr=False)

    def without(self, objectives: Iterable[str]) -> CriteriaMatrix:
        """The matrix with some objectives left out (their rows removed everywhere, the
        checks and the consultation's summary as computed on every objective)."""
        drop = set(objectives)
        keep = [o for o in self._values.index if o not in drop]
        rows = [self._values.index.get_loc(o) for o in keep]
        detail = self._gap_detail
        return replace(
            self,
            _values=self._values.loc[keep],
            _gap_detail=detail.loc[[o for o in keep if o in detail.index]]
            if len(detail)
            else detail,
            _sampler=RowSubset(self.data_sampler, rows),
        )

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
    def scales(self) -> dict[str, tuple[float, float]]:
        """Criterion → declared scale ``(low, high)`` used to normalise it."""
        if self._scales:
            return dict(self._scales)
        return {c: self.profile.criterion_scale(c) for c in self._values.columns}

    @property
    def checks(self) -> pd.DataFrame:
        """Per criterion: scale, spread across the objectives, sampling noise, their ratio,
        agreement (Kendall's W) and the flags (a copy)."""
        return self._checks.copy()

    @property
    def correlation(self) -> pd.DataFrame:
        """Criteria × criteria correlation across the objectives, cost criteria reversed."""
        return self._correlation.copy()

    @property
    def data_sampler(self) -> RatingsBootstrap | RowSubset:
        """The resampler of the people behind the ratings (respondents within their groups,
        experts), a :class:`~mgi.prioritization.DataSampler` of this matrix."""
        if self._sampler is None:
            return RatingsBootstrap(self._values.to_numpy(float))
        return self._sampler

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
            settings = profile.consultation
            summary = summarise_consultation(
                consultation,
                settings.group_weights,
                population=settings.population,
                questions=settings.questions,
            )
            notes += summary.issues
    if "experts" in sources:
        if experts is None:
            problems.append("the profile uses expert ratings, but no expert workbook was given")
        else:
            expert_table = summarise_experts(experts)
            means = expert_values(experts)
            expert_long = experts.ratings if isinstance(experts, ExpertRatings) else experts
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
        elif len(column) > 1 and np.ptp(column.to_numpy()) == 0:
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
    scales, scale_notes = _scales(values, profile)
    notes += scale_notes
    raw = values.to_numpy(float)
    consultation_part = None
    expert_part = None
    positions = list(values.columns)
    if summary is not None:
        code = next(c.code for c in profile.criteria if c.source == "consultation")
        column = ConsultationColumn(
            summary.weighted,
            summary.declared,
            list(objectives),
            list(summary.questions),
            fallback=values[code].to_numpy(float),
        )
        consultation_part = (column, positions.index(code))
    rated = [c.code for c in profile.criteria if c.source == "experts"]
    if rated and experts is not None:
        block = ExpertColumns(
            expert_long.loc[:, list(("expert", "objective", "criterion", "rating"))],
            list(objectives),
            rated,
            fallback=values[rated].to_numpy(float),
        )
        expert_part = (block, [positions.index(c) for c in rated])
    sampler = RatingsBootstrap(raw, consultation_part, expert_part)
    checks, correlation, check_notes = criteria_checks(
        values,
        profile,
        sampler,
        summary=summary,
        experts=expert_long if experts is not None else None,
    )
    notes += check_notes
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
        _scales=scales,
        _checks=checks,
        _correlation=correlation,
        _sampler=sampler,
    )


def _scales(
    values: pd.DataFrame, profile: Profile
) -> tuple[dict[str, tuple[float, float]], list[Issue]]:
    """Each criterion's declared scale, widened (with a warning) to hold every value."""
    scales: dict[str, tuple[float, float]] = {}
    notes: list[Issue] = []
    for code in values.columns:
        low, high = profile.criterion_scale(code)
        column = values[code]
        outside = column[(column < low) | (column > high)]
        if len(outside):
            used = (min(low, float(column.min())), max(high, float(column.max())))
            notes.append(
                make_issue(
                    "priorities.outside_scale",
                    column=code,
                    found=", ".join(f"{o} {v:g}" for o, v in outside.items()),
                    count=len(outside),
                    criterion=code,
                    low=f"{low:g}",
                    high=f"{high:g}",
                    used_low=f"{used[0]:g}",
                    used_high=f"{used[1]:g}",
                )
            )
            low, high = used
        scales[code] = (low, high)
    return scales, notes


def _judges_w(table: pd.DataFrame, judge: str, objectives: pd.Index) -> tuple[float, int]:
    """Kendall's W between the judges (rows) who rated every objective, and their number."""
    wide = table.pivot_table(index=judge, columns="objective", values="rating", aggfunc="mean")
    complete = wide.reindex(columns=objectives).dropna(axis=0)
    if len(complete) < 2:
        return float("nan"), len(complete)
    return kendall_w(complete.to_numpy(float)), len(complete)


def criteria_checks(
    values: pd.DataFrame,
    profile: Profile,
    sampler: RatingsBootstrap,
    *,
    summary: ConsultationSummary | None = None,
    experts: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, list[Issue]]:
    """What a ranking should not hide about its criteria, with the numbers behind each flag.

    * **Sampling noise** of a rated criterion: the standard error of each objective's value is
      the standard deviation of that value over ``checks.bootstrap`` resamples of the people
      behind it (respondents within their groups, experts), seeded with the profile's seed;
      ``noise`` is their root mean square over the objectives, ``spread`` the standard
      deviation of the criterion across the objectives, and the criterion is flagged
      (``priorities.criterion_noise``) when ``spread <= checks.noise_ratio × noise``: its
      differences between objectives are not much larger than what resampling the same kind
      of people moves them by.
    * **Agreement**: Kendall's W between the stakeholder groups (for the consultation) or
      between the experts (for each expert criterion) on the order of the objectives; flagged
      (``priorities.criterion_disagreement``) below ``checks.min_kendall_w``.
    * **Correlation**: Pearson's r between two criteria across the objectives, each cost
      criterion reversed (so that a positive r means the two push the same objectives up);
      pairs with ``|r| >= checks.max_correlation`` are flagged
      (``priorities.criteria_correlated``).

    Returns the table per criterion, the correlation matrix and the warnings.
    """
    settings = profile.checks
    objectives = values.index
    rng = np.random.default_rng(profile.sensitivity.seed)
    draws = sampler.draw(rng, settings.bootstrap)
    se = draws.std(axis=0, ddof=1)
    rows = []
    notes: list[Issue] = []
    defaults = profile.default_weights()
    for j, code in enumerate(values.columns):
        item = profile.criterion(code)
        column = values[code].to_numpy(float)
        spread = float(column.std(ddof=1)) if len(column) > 1 else 0.0
        resampled = item.source in ("consultation", "experts")
        noise = float(np.sqrt(np.mean(se[:, j] ** 2))) if resampled else float("nan")
        ratio = spread / noise if resampled and noise > 0 else float("nan")
        if item.source == "consultation" and summary is not None:
            complete = summary.group_means.dropna(axis=1)
            w, judges, people = summary.kendall_w, int(complete.shape[1]), "groups"
        elif item.source == "experts" and experts is not None:
            w, judges = _judges_w(experts[experts["criterion"] == code], "expert", objectives)
            people = "experts"
        else:
            w, judges, people = float("nan"), 0, ""
        low, high = profile.criterion_scale(code)
        noisy = bool(resampled and noise > 0 and spread <= settings.noise_ratio * noise)
        weak = bool(np.isfinite(w) and w < settings.min_kendall_w)
        rows.append(
            {
                "criterion": code,
                "label": item.label,
                "scale_low": low,
                "scale_high": high,
                "spread": spread,
                "noise": noise,
                "spread_to_noise": ratio,
                "kendall_w": w,
                "judges": judges,
                "judged_by": people,
                "within_noise": noisy,
                "weak_agreement": weak,
            }
        )
        if noisy:
            notes.append(
                make_issue(
                    "priorities.criterion_noise",
                    column=code,
                    found=f"{spread:.3g}",
                    criterion=code,
                    label=item.label,
                    spread=f"{spread:.3g}",
                    noise=f"{noise:.3g}",
                    ratio=f"{ratio:.2f}",
                    threshold=f"{settings.noise_ratio:g}",
                    people="respondents" if people == "groups" else "experts",
                )
            )
        if weak:
            notes.append(
                make_issue(
                    "priorities.criterion_disagreement",
                    column=code,
                    found=f"{w:.2f}",
                    criterion=code,
                    label=item.label,
                    w=f"{w:.2f}",
                    judges=judges,
                    people=people,
                    threshold=f"{settings.min_kendall_w:g}",
                )
            )
    checks = pd.DataFrame(rows).set_index("criterion")
    oriented = values * [
        1.0 if profile.criterion(c).direction == "benefit" else -1.0 for c in values
    ]
    with np.errstate(invalid="ignore", divide="ignore"):
        correlation = oriented.corr(method="pearson")
    codes = list(values.columns)
    for a in range(len(codes)):
        for b in range(a + 1, len(codes)):  # loop over pairs of criteria (few)
            r = float(correlation.iloc[a, b])
            if np.isfinite(r) and abs(r) >= settings.max_correlation:
                first, second = codes[a], codes[b]
                notes.append(
                    make_issue(
                        "priorities.criteria_correlated",
                        column=f"{first}, {second}",
                        found=f"{r:.2f}",
                        first=first,
                        second=second,
                        r=f"{r:.2f}",
                        threshold=f"{settings.max_correlation:g}",
                        weight=f"{float(defaults[first] + defaults[second]):.2f}",
                    )
                )
    return checks, correlation, notes


def _source(obj: Any) -> dict[str, str]:
    source = getattr(obj, "source", None)
    return source.to_dict() if source is not None else {}


def issues_of(*inputs: Any) -> list[Issue]:
    """All issues carried by the inputs given (those that have an ``issues`` attribute)."""
    return [i for obj in inputs if obj is not None for i in getattr(obj, "issues", ())]
