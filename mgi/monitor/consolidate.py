"""Progress reports checked against the plan and consolidated into one picture.

:func:`consolidate` takes the action plan and the progress reports of one period (and, for the
trend, those of earlier periods), checks every report against the plan — all problems at once,
each at its file, sheet and cell — and returns a :class:`Monitoring`: the status of every
measure, the implementation rate overall and by specific objective, GCM objective, EU chapter,
institution and year, the overdue measures, indicator progress with its traffic lights
(:mod:`mgi.monitor.indicators`), budget execution (:mod:`mgi.monitor.budget`) and the trend.

**Errors** are what makes a figure impossible to compute honestly, and stop the report until
corrected: a report for another period or another edition of the plan, a measure or indicator
the plan does not have, a measure reported by an institution that does not lead it, two reports
of one institution for one period, a measure reported twice with different figures, Completed
with progress below 100, and every value that is not one (status, progress outside 0 to 100, a
negative amount, a value or date that is not one). **Warnings** leave every figure computable
and are listed in the report: an institution that has not reported (its measures count as not
reported, hence not completed), a measure reported twice with the same figures (counted once),
an indicator value in another unit than the indicator's (left out of indicator progress), a
measure under way with no status, spending above the plan, an indicator measured after the
period's end or by another institution than the one responsible.

The figures, defined once:

* a measure is **due** by the period's end when its End quarter is on or before the period's
  last quarter; Cancelled measures are left out of every rate;
* **implementation rate** = due measures reported Completed ÷ due measures. Measures completed
  ahead of their End are counted apart (*completed early*), so the rate never exceeds 100%;
* a measure is **overdue** when it is due and not Completed (not reported counts as not
  Completed);
* a measure serving several GCM objectives or EU chapters counts, whole, for each of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue, make_issue
from mgi.monitor.indicators import Thresholds, as_row, progress, unit_matches
from mgi.monitor.model import IndicatorValue, MeasureProgress, ProgressReport
from mgi.monitor.period import Period
from mgi.monitor.template import reporters
from mgi.plan.model import ActionPlan, Measure

#: Status of a measure no report gives.
NOT_REPORTED = "not_reported"
#: Columns of the implementation tables.
RATE_COLUMNS = (
    "measures",
    "due",
    "completed",
    "rate",
    "overdue",
    "completed_early",
    "in_progress",
    "delayed",
    "not_reported",
    "cancelled",
)


# -- checks --------------------------------------------------------------------------------------


class _Issues:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(
        self,
        rule: str,
        report: ProgressReport,
        where: Any = None,
        key: str | None = None,
        **fields: Any,
    ) -> None:
        place = where.at(key) if where is not None else {}
        self.issues.append(make_issue(rule, file=report.file, **place, **fields))


@dataclass(frozen=True)
class Accepted:
    """The rows of one period that the consolidation uses: measure code -> (row, report),
    indicator code -> (value, report), and the reports taken."""

    period: Period
    measures: dict[str, tuple[MeasureProgress, ProgressReport]]
    indicators: dict[str, tuple[IndicatorValue, ProgressReport]]
    reports: tuple[ProgressReport, ...]
    missing: tuple[str, ...]


def check_period(
    plan: ActionPlan,
    reports: Sequence[ProgressReport],
    period: Period,
    out: _Issues,
    digest: str | None = None,
) -> Accepted:
    """Check the reports of one period against the plan (whose :meth:`ActionPlan.digest` is
    ``digest``, computed when not given); what they say that can be used."""
    who = reporters(plan)
    leads = {m.code: m for m in plan.measures}
    holder = {m.code: code for code, a in who.items() for m in a.measures}
    measured_by = {i.code: code for code, a in who.items() for i in a.indicators}
    indicators = {i.code: i for i in plan.indicators}
    digest = digest or plan.digest()
    taken: list[ProgressReport] = []
    by_institution: dict[str, ProgressReport] = {}
    for report in reports:
        if report.period is None:
            continue  # reported while reading
        if report.period != period:
            out.add("monitor.other_period", report, found=str(report.period), expected=str(period))
            continue
        if report.plan_digest != digest:
            out.add(
                "monitor.other_plan",
                report,
                found=report.plan_edition or "?",
                expected=plan.info.edition,
                digest=(report.plan_digest or "–")[:12],
            )
            continue
        if report.institution not in who:
            out.add("monitor.unknown_institution", report, found=report.institution or "–")
            continue
        first = by_institution.get(report.institution)
        if first is not None:
            out.add(
                "monitor.duplicate_report",
                report,
                found=report.institution,
                expected=first.file,
                period=str(period),
            )
            continue
        by_institution[report.institution] = report
        taken.append(report)
    measures: dict[str, tuple[MeasureProgress, ProgressReport]] = {}
    values: dict[str, tuple[IndicatorValue, ProgressReport]] = {}
    for report in taken:
        for measure in report.measures:
            _check_measure(measure, report, period, leads, holder, measures, out)
        for value in report.indicators:
            _check_value(value, report, period, indicators, measured_by, values, out)
    expected = [code for code, a in who.items() if a.due_by(period)]
    missing = [code for code in expected if code not in by_institution]
    for code in missing:
        due = sum(
            1 for m in who[code].measures if m.end is not None and m.end <= period.last_quarter
        )
        out.issues.append(
            make_issue(
                "monitor.missing_report",
                found=f"{plan.institution_name(code)} ({code})",
                period=str(period),
                count=due,
            )
        )
    return Accepted(period, measures, values, tuple(taken), tuple(missing))


def _check_measure(
    row: MeasureProgress,
    report: ProgressReport,
    period: Period,
    plan_measures: dict[str, Measure],
    holder: dict[str, str],
    accepted: dict[str, tuple[MeasureProgress, ProgressReport]],
    out: _Issues,
) -> None:
    where = row.where
    if not row.code:
        return  # an unreadable code was reported while reading
    measure = plan_measures.get(row.code)
    if measure is None:
        out.add("monitor.unknown_measure", report, where, "code", found=row.code)
        return
    if holder.get(row.code) != report.institution:
        out.add(
            "monitor.not_holder",
            report,
            where,
            "code",
            found=row.code,
            institution=report.institution,
            expected=holder.get(row.code, "–"),
        )
        return
    if row.status == "completed" and row.progress is not None and row.progress < 100:
        out.add(
            "monitor.completed_below_100",
            report,
            where,
            "progress",
            found=f"{row.progress:g}",
            measure=row.code,
        )
    started = measure.start is not None and measure.start <= period.last_quarter
    if row.status is None and "status" not in where.problems and started:
        out.add("monitor.no_status", report, where, "status", measure=row.code)
    for source, spent, planned in (
        ("state", row.spent_state, measure.cost_state),
        ("donors", row.spent_donors, measure.cost_donors),
    ):
        if spent is not None and spent > (planned or 0.0):
            out.add(
                "monitor.overspent",
                report,
                where,
                f"spent_{source}",
                measure=row.code,
                found=f"{spent:,.0f}",
                expected=f"{planned or 0:,.0f}",
                source=source,
            )
    seen = accepted.get(row.code)
    if seen is not None:
        first, first_report = seen
        rule = (
            "monitor.duplicate_measure"
            if first.figures() == row.figures()
            else "monitor.conflicting_measure"
        )
        out.add(
            rule,
            report,
            where,
            "code",
            found=row.code,
            expected=f"{first_report.file}, {first.where.sheet}, {first.where.row}",
        )
        return
    accepted[row.code] = (row, report)


def _check_value(
    row: IndicatorValue,
    report: ProgressReport,
    period: Period,
    plan_indicators: dict[str, Any],
    measured_by: dict[str, str],
    accepted: dict[str, tuple[IndicatorValue, ProgressReport]],
    out: _Issues,
) -> None:
    where = row.where
    if not row.code:
        return
    indicator = plan_indicators.get(row.code)
    if indicator is None:
        out.add("monitor.unknown_indicator", report, where, "code", found=row.code)
        return
    if row.value is None:
        return  # nothing measured yet (or reported while reading)
    if measured_by.get(row.code, report.institution) != report.institution:
        out.add(
            "monitor.other_measurer",
            report,
            where,
            "value",
            found=row.code,
            expected=measured_by.get(row.code, "–"),
        )
    if not unit_matches(row.unit, indicator.unit):
        out.add(
            "monitor.wrong_unit",
            report,
            where,
            "value",
            found=f"{row.value:g} {row.unit}".strip(),
            code=row.code,
            expected=indicator.unit,
        )
        return
    if row.date is not None and row.date > period.end_date:
        out.add(
            "monitor.date_after_period",
            report,
            where,
            "date",
            found=row.date.isoformat(),
            expected=period.end_date.isoformat(),
        )
    seen = accepted.get(row.code)
    if seen is not None:
        first, first_report = seen
        same = (first.value, first.date) == (row.value, row.date)
        out.add(
            "monitor.duplicate_value" if same else "monitor.conflicting_value",
            report,
            where,
            "value",
            found=row.code,
            expected=f"{first_report.file}, {first.where.sheet}, {first.where.row}",
        )
        return
    accepted[row.code] = (row, report)


# -- the figures of one period -------------------------------------------------------------------


def measure_status(plan: ActionPlan, accepted: Accepted) -> pd.DataFrame:
    """One row per measure of the plan: what the plan says and what was reported, with
    ``due``, ``overdue`` and ``completed_early`` for the period."""
    from mgi.plan.costing import measure_gcm

    who = reporters(plan)
    lead_of = {m.code: code for code, a in who.items() for m in a.measures}
    last = accepted.period.last_quarter
    rows = []
    for m in plan.measures:
        found = accepted.measures.get(m.code)
        row, report = found if found is not None else (None, None)
        status = (row.status if row is not None else None) or NOT_REPORTED
        due = m.end is not None and m.end <= last and status != "cancelled"
        completed = status == "completed"
        progress_value = row.progress if row is not None else None
        if completed and progress_value is None:
            progress_value = 100.0
        rows.append(
            {
                "code": m.code,
                "objective": m.objective or "",
                "measure": m.measure,
                "gcm": measure_gcm(plan, m),
                "eu": tuple(m.eu),
                "institution": lead_of.get(m.code, m.lead or ""),
                "start": str(m.start) if m.start else "",
                "end": str(m.end) if m.end else "",
                "end_year": m.end.year if m.end else None,
                "status": status,
                "progress": progress_value,
                "due": due,
                "completed": completed and due,
                "completed_early": completed and not due,
                "overdue": due and not completed,
                "planned_state": m.cost_state or 0.0,
                "planned_donors": m.cost_donors or 0.0,
                "unfunded": m.unfunded or 0.0,
                "spent_state": row.spent_state if row is not None else None,
                "spent_donors": row.spent_donors if row is not None else None,
                "evidence": row.evidence if row is not None else "",
                "comment": row.comment if row is not None else "",
                "file": report.file if report is not None else "",
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        frame = pd.DataFrame(columns=["code", "objective", "status", "due", "completed"])
    return frame.set_index("code")


def _rates(frame: pd.DataFrame) -> dict[str, Any]:
    status = frame["status"]
    active = status != "cancelled"
    due = int(frame["due"].sum())
    completed = int(frame["completed"].sum())
    return {
        "measures": int(active.sum()),
        "due": due,
        "completed": completed,
        "rate": completed / due if due else np.nan,
        "overdue": int(frame["overdue"].sum()),
        "completed_early": int(frame["completed_early"].sum()),
        "in_progress": int((status == "in_progress").sum()),
        "delayed": int((status == "delayed").sum()),
        "not_reported": int(((status == NOT_REPORTED) & frame["due"]).sum()),
        "cancelled": int((~active).sum()),
    }


def implementation(
    status: pd.DataFrame, by: str | None = None, order: Iterable[Any] | None = None
) -> pd.DataFrame:
    """The implementation rate and its counts, overall (``by`` None) or per value of a column
    of :func:`measure_status` (``objective``, ``gcm``, ``eu``, ``institution``,
    ``end_year``); a column of tuples counts a measure for each of its values."""
    if by is None:
        return pd.DataFrame([_rates(status)], index=pd.Index(["all"], name="scope"))
    frame = status.explode(by) if by in ("gcm", "eu") else status
    frame = frame[frame[by].notna() & (frame[by] != "")]
    groups = list(dict.fromkeys(order)) if order is not None else sorted(frame[by].unique())
    rows = {g: _rates(frame[frame[by] == g]) for g in groups if (frame[by] == g).any()}
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(RATE_COLUMNS))
    out.index.name = by
    return out


def overdue_by_institution(plan: ActionPlan, status: pd.DataFrame) -> pd.DataFrame:
    """Per institution with overdue measures: how many, of which not reported and delayed,
    and their codes."""
    late = status[status["overdue"]]
    rows = []
    for code, group in late.groupby("institution", sort=False):
        rows.append(
            {
                "institution": code,
                "name": plan.institution_name(code),
                "overdue": len(group),
                "not_reported": int((group["status"] == NOT_REPORTED).sum()),
                "delayed": int((group["status"] == "delayed").sum()),
                "measures": ", ".join(group.index),
            }
        )
    columns = ["institution", "name", "overdue", "not_reported", "delayed", "measures"]
    frame = pd.DataFrame(rows, columns=columns).set_index("institution")
    return frame.sort_values("overdue", ascending=False, kind="stable")


def indicator_progress(
    plan: ActionPlan,
    accepted: Accepted,
    thresholds: Thresholds,
    mgi: pd.DataFrame | None = None,
    mgi_date: dt.date | None = None,
) -> pd.DataFrame:
    """One row per indicator of the plan: baseline, target, the value measured (reported, or
    for an indicator measured at each MGI round, the mid-term round's), distance covered, time
    elapsed, pace and the traffic light; with ``mgi`` (:func:`mgi.monitor.mgi.mgi_change`),
    the change of the MGI indicators behind it since the baseline round.

    A value taken from the mid-term round is the mean score (0-100) of the MGI indicators the
    indicator names, measured on the round's reference date ``mgi_date`` (the period's end
    when it is not known); its ``source`` is ``MGI``."""
    who = reporters(plan)
    measured_by = {i.code: code for code, a in who.items() for i in a.indicators}
    by_code = mgi.set_index("code") if mgi is not None and not mgi.empty else None
    rows = []
    for i in plan.indicators:
        found = accepted.indicators.get(i.code)
        value = found[0].value if found else None
        when = (found[0].date if found else None) or accepted.period.end_date
        source = found[1].institution if found else ""
        mgi_change = mgi_value = None
        if by_code is not None and i.mgi:
            known = [c for c in i.mgi if c in by_code.index]
            if known:
                later = by_code.loc[known, "later_value"].astype(float)
                change = by_code.loc[known, "value_change"].astype(float)
                if later.notna().any():
                    mgi_value = float(later.mean() * 100)
                if change.notna().any():
                    mgi_change = float(change.mean() * 100)
        if value is None and mgi_value is not None:
            value, source, when = mgi_value, "MGI", mgi_date or accepted.period.end_date
        row = {
            "code": i.code,
            "name": i.name,
            "level": i.level or "",
            "unit": i.unit,
            "measured_by": measured_by.get(i.code, "MGI" if i.mgi else ""),
            "baseline": i.baseline,
            "baseline_year": i.baseline_year,
            "target": i.target,
            "target_year": i.target_year,
            "value": value,
            "date": when.isoformat() if value is not None else "",
            "source": source,
            **as_row(
                progress(value, i.baseline, i.baseline_year, i.target, i.target_year, when)
                if value is not None
                else None,
                thresholds,
            ),
            "mgi": ", ".join(i.mgi),
            "mgi_change": mgi_change,
        }
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        frame = pd.DataFrame(columns=["code", "light"])
    return frame.set_index("code")


# -- the whole picture ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PeriodFigures:
    """The figures of one period (see :func:`consolidate`)."""

    period: Period
    status: pd.DataFrame
    indicators: pd.DataFrame
    budget: pd.DataFrame
    reports: tuple[ProgressReport, ...]
    missing: tuple[str, ...]

    @property
    def overall(self) -> dict[str, Any]:
        return implementation(self.status).iloc[0].to_dict()


@dataclass(frozen=True, eq=False)
class Monitoring:
    """The consolidated picture of one period (and the trend over earlier ones).

    Attributes
    ----------
    plan
        The action plan.
    current
        The figures of the period reported on.
    earlier
        The figures of each earlier period given, oldest first.
    thresholds
        The traffic light's thresholds.
    issues
        Every problem of every report (errors and warnings).
    mgi
        The change of the MGI indicators behind each specific objective since the baseline
        round (:func:`mgi.monitor.mgi.mgi_change`), when a mid-term round was attached.
    mgi_rounds
        The baseline and mid-term rounds (labels), when attached.
    mgi_date
        The mid-term round's reference date, when known.
    """

    plan: ActionPlan
    current: PeriodFigures
    earlier: tuple[PeriodFigures, ...] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)
    issues: tuple[Issue, ...] = ()
    mgi: pd.DataFrame | None = None
    mgi_rounds: tuple[str, str] | None = None
    mgi_date: dt.date | None = None

    @property
    def period(self) -> Period:
        return self.current.period

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def illustrative(self) -> bool:
        return self.plan.info.illustrative or any(r.illustrative for r in self.current.reports)

    # -- tables ----------------------------------------------------------------------------------
    def implementation(self, by: str | None = None) -> pd.DataFrame:
        """The implementation rate overall or by ``objective``, ``gcm``, ``eu``,
        ``institution`` or ``end_year`` (see :func:`implementation`)."""
        order: list[Any] | None = None
        if by == "objective":
            order = [o.code for o in self.plan.objectives]
        elif by == "institution":
            order = list(reporters(self.plan))
        elif by == "end_year":
            order = list(self.plan.info.years)
        elif by == "gcm":
            order = sorted({g for gs in self.current.status["gcm"] for g in gs})
        elif by == "eu":
            order = sorted({c for cs in self.current.status["eu"] for c in cs})
        return implementation(self.current.status, by, order)

    def overdue(self) -> pd.DataFrame:
        return overdue_by_institution(self.plan, self.current.status)

    def trend(self) -> pd.DataFrame:
        """One row per period, oldest first: implementation, overdue, reports received,
        spending and the indicators by light."""
        from mgi.monitor.indicators import LIGHTS

        rows = []
        for figures in (*self.earlier, self.current):
            overall = figures.overall
            lights = figures.indicators["light"].value_counts() if len(figures.indicators) else {}
            budget = figures.budget
            expected = len(figures.reports) + len(figures.missing)
            rows.append(
                {
                    "period": str(figures.period),
                    "due": overall["due"],
                    "completed": overall["completed"],
                    "rate": overall["rate"],
                    "overdue": overall["overdue"],
                    "reports": len(figures.reports),
                    "expected": expected,
                    "spent": float(budget.loc[["state", "donors"], "spent"].sum()),
                    "planned_to_date": float(
                        budget.loc[["state", "donors"], "planned_to_date"].sum()
                    ),
                    **{light: int(lights.get(light, 0)) for light in LIGHTS},
                }
            )
        return pd.DataFrame(rows).set_index("period")

    def gcm_rollup(self) -> pd.DataFrame:
        """The table a country reports to the International Migration Review Forum: per GCM
        objective, the specific objectives serving it, measures, implementation, spending and
        the indicators by light."""
        return _rollup(self, "gcm")

    def eu_rollup(self) -> pd.DataFrame:
        """Per EU negotiating chapter: measures, implementation and spending."""
        return _rollup(self, "eu")

    def to_dict(self) -> dict[str, Any]:
        """Every figure, for ``--json`` (see :func:`mgi.monitor.export.to_json`)."""
        from mgi.monitor.export import to_json

        return to_json(self)


def _rollup(found: Monitoring, by: str) -> pd.DataFrame:
    from mgi.monitor.indicators import LIGHTS

    rates = found.implementation(by)
    status = found.current.status.explode(by)
    status = status[status[by].notna() & (status[by] != "")]
    spent = status[["spent_state", "spent_donors"]].astype(float).fillna(0.0).sum(axis=1)
    planned = status[["planned_state", "planned_donors", "unfunded"]].sum(axis=1)
    extra = pd.DataFrame(
        {
            "objectives": status.groupby(by)["objective"].agg(
                lambda s: ", ".join(dict.fromkeys(s))
            ),
            "planned": planned.groupby(status[by]).sum(),
            "spent": spent.groupby(status[by]).sum(),
        }
    )
    out = extra.join(rates[["measures", "due", "completed", "rate", "overdue"]], how="right")
    out = out[["objectives", "measures", "due", "completed", "rate", "overdue", "planned", "spent"]]
    if by == "gcm":
        lights = found.current.indicators
        objective_of = {i.code: i.code.split(".")[0] for i in found.plan.indicators if i.code}
        gcm_of = {o.code: o.gcm for o in found.plan.objectives}
        counts: dict[str, dict[str, int]] = {}
        for code, light in lights["light"].items():
            for g in gcm_of.get(objective_of.get(code, ""), ()):
                counts.setdefault(g, {}).setdefault(light, 0)
                counts[g][light] += 1
        for light in LIGHTS:
            out[light] = [counts.get(g, {}).get(light, 0) for g in out.index]
    return out


def consolidate(
    plan: ActionPlan,
    reports: Sequence[ProgressReport],
    *,
    period: Period | None = None,
    earlier: Sequence[ProgressReport] = (),
    thresholds: Thresholds | None = None,
    mgi: pd.DataFrame | None = None,
    mgi_rounds: tuple[str, str] | None = None,
    mgi_date: dt.date | None = None,
    issues: Sequence[Issue] = (),
) -> Monitoring:
    """Check the progress reports against the plan and consolidate them (see the module
    docstring).

    Parameters
    ----------
    plan
        The action plan the reports were made from.
    reports
        The progress reports of the period reported on.
    period
        That period (default: the period most reports give; of a tie, the latest).
    earlier
        Progress reports of earlier periods, for the trend (each period checked as the
        current one is).
    thresholds
        The traffic light's thresholds (default: the bundled ones).
    mgi, mgi_rounds, mgi_date
        The change of the MGI indicators since the baseline round
        (:func:`mgi.monitor.mgi.mgi_change`), the two rounds' labels and the mid-term round's
        reference date (:func:`mgi.monitor.files.mgi_rounds` gives all three).
    issues
        Problems found while reading the files, kept with the others.

    Examples
    --------
    >>> from mgi.plan.model import ActionPlan, Measure, PlanInfo
    >>> from mgi.workbook.sheets import Quarter
    >>> from mgi.monitor.period import period
    >>> plan = ActionPlan(info=PlanInfo(start=Quarter(2025, 1), end=Quarter(2026, 4)),
    ...     measures=(Measure("SO1.M1", "SO1", lead="MB", start=Quarter(2025, 1),
    ...                       end=Quarter(2025, 2), cost_state=100.0),
    ...               Measure("SO1.M2", "SO1", lead="MB", start=Quarter(2025, 1),
    ...                       end=Quarter(2025, 2), cost_state=100.0)))
    >>> report = ProgressReport("MB", period=period("2025-H1"), plan_digest=plan.digest(),
    ...     measures=(MeasureProgress("SO1.M1", "completed", 100.0, 80.0),
    ...               MeasureProgress("SO1.M2", "delayed", 40.0, 20.0)))
    >>> found = consolidate(plan, [report], thresholds=Thresholds())
    >>> found.current.overall["rate"], found.overdue()["measures"].tolist(), found.issues
    (0.5, ['SO1.M2'], ())
    """
    from mgi.monitor.budget import budget_execution

    thresholds = thresholds or Thresholds()
    if period is None:
        period = _common_period(reports)
    out = _Issues()
    digest = plan.digest()  # once: it hashes the whole plan
    current = check_period(plan, reports, period, out, digest)
    earlier_figures = []
    groups: dict[Period, list[ProgressReport]] = {}
    for report in earlier:
        if report.period is None:
            continue
        if report.period >= period:
            out.add("monitor.not_earlier", report, found=str(report.period), expected=str(period))
            continue
        groups.setdefault(report.period, []).append(report)
    for when in sorted(groups):
        accepted = check_period(plan, groups[when], when, out, digest)
        earlier_figures.append(_figures(plan, accepted, thresholds, None, budget_execution))
    figures = _figures(plan, current, thresholds, mgi, budget_execution, mgi_date)
    return Monitoring(
        plan=plan,
        current=figures,
        earlier=tuple(earlier_figures),
        thresholds=thresholds,
        issues=tuple(dict.fromkeys([*issues, *out.issues])),
        mgi=mgi,
        mgi_rounds=mgi_rounds,
        mgi_date=mgi_date,
    )


def _figures(
    plan: ActionPlan,
    accepted: Accepted,
    thresholds: Thresholds,
    mgi: Any,
    budget: Any,
    mgi_date: dt.date | None = None,
) -> PeriodFigures:
    status = measure_status(plan, accepted)
    return PeriodFigures(
        period=accepted.period,
        status=status,
        indicators=indicator_progress(plan, accepted, thresholds, mgi, mgi_date),
        budget=budget(plan, status, accepted.period),
        reports=accepted.reports,
        missing=accepted.missing,
    )


def _common_period(reports: Sequence[ProgressReport]) -> Period:
    """The period most reports give (of a tie, the latest)."""
    from collections import Counter

    counts = Counter(r.period for r in reports if r.period is not None)
    if not counts:
        from mgi.errors import InputError

        raise InputError(make_issue("monitor.no_reports").message)
    best = max(counts.values())
    return max(p for p, n in counts.items() if n == best)
