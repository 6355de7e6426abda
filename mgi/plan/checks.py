"""The checks of an action plan's content (``mgi plan check``): every problem at once.

:func:`check_plan` applies the rules of issue 17 to an :class:`~mgi.plan.model.ActionPlan` and
returns one :class:`~mgi.catalogue.Issue` per problem, at the cell it concerns when the plan was
read from a workbook:

* every measure has a specific objective that exists, a lead institution, a start and an end
  quarter inside the plan period with the start not after the end, costs as non-negative
  numbers in the plan's currency (checked while reading) and at least one indicator;
* every indicator has a unit, a baseline, a baseline year, a target and a source (and a target
  year not before the baseline year);
* every specific objective the working group included is still there and has at least one
  measure;
* every MGI indicator behind an included objective's gap is addressed by a measure (a measure
  linked to an indicator whose MGI indicators include it), or the Notes of its specific
  objective name it to say why it is left out;
* codes are unique and every reference resolves: specific objectives, institutions (by code,
  name or abbreviation), indicators, measures, MGI indicators of the instrument.

A field whose cell already had a problem while reading (a quarter that is not a quarter) is not
reported again as missing.

Examples
--------
>>> from mgi.plan.model import ActionPlan, Measure, PlanInfo, SpecificObjective
>>> from mgi.workbook.sheets import Quarter
>>> plan = ActionPlan(
...     info=PlanInfo(start=Quarter(2025, 1), end=Quarter(2026, 4), currency="ALL"),
...     objectives=(SpecificObjective("SO1", "Legal identity", ("GCM04",)),),
...     measures=(Measure("SO1.M1", "SO1", "Register births", start=Quarter(2027, 1),
...                       end=Quarter(2026, 2), cost_state=100.0),))
>>> sorted({i.rule for i in check_plan(plan)})
['plan.end_before_start', 'plan.no_indicator', 'plan.no_lead', 'plan.outside_period']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from mgi.catalogue import Issue, make_issue
from mgi.i18n import codes, text
from mgi.plan.model import ActionPlan, Indicator, Measure, Where
from mgi.workbook.scan import norm_label


def institution_resolver(plan: ActionPlan) -> dict[str, str]:
    """Folded code, name or abbreviation -> institution code."""
    found: dict[str, str] = {}
    for i in plan.institutions:
        if not i.code:
            continue
        for spelled in (i.code, i.name, i.abbreviation):
            if spelled:
                found.setdefault(norm_label(spelled), i.code)
    return found


def resolve_institution(plan: ActionPlan, value: str | None) -> str | None:
    """The institution code ``value`` names (by code, name or abbreviation), or None."""
    if not value:
        return None
    return institution_resolver(plan).get(norm_label(value))


class _Collector:
    """Issues, each made once, in the plan's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.issues: list[Issue] = []

    def add(self, rule: str, where: Where | None, key: str | None = None, **fields: Any) -> None:
        place = where.at(key) if where is not None else {}
        self.issues.append(make_issue(rule, **place, **fields))

    def word(self, key: str) -> str:
        return text(f"plan.word.{key}", self.lang)


def check_plan(
    plan: ActionPlan,
    *,
    lang: str = "en",
    mgi_codes: Collection[str] | None = None,
    instrument: str = "mgi-national",
) -> list[Issue]:
    """Every problem of the plan's content (see the module docstring).

    Parameters
    ----------
    plan
        The plan, e.g. from :func:`mgi.plan.workbook.read_plan_workbook`.
    lang
        Language of the words put into the messages.
    mgi_codes, instrument
        The indicator codes of the MGI instrument and its name: MGI indicators named on the
        Indicators sheet must be among them (not checked when None).
    """
    out = _Collector(lang)
    _codes_unique(plan, out)
    objective_codes = [o.code for o in plan.objectives]
    indicator_codes = {i.code for i in plan.indicators if i.code}
    measure_codes = {m.code for m in plan.measures if m.code}
    resolver = institution_resolver(plan)
    for m in plan.measures:
        _check_measure(plan, m, objective_codes, indicator_codes, resolver, out)
    for i in plan.indicators:
        _check_indicator(i, measure_codes, resolver, mgi_codes, instrument, out)
    _check_objectives(plan, out)
    return out.issues


def _codes_unique(plan: ActionPlan, out: _Collector) -> None:
    examples = {"measure": "SO1.M6", "indicator": "SO1.M1.O1", "institution": "MB"}
    seen: dict[str, Where] = {}
    for kind, items in (
        ("objective", plan.objectives),
        ("measure", plan.measures),
        ("indicator", plan.indicators),
        ("institution", plan.institutions),
    ):
        if kind == "indicator":
            seen = {}  # indicators and institutions have codes of their own
        if kind == "institution":
            seen = {}
        for item in items:
            where = item.where
            if not item.code:
                if "code" not in where.problems:
                    out.add("plan.missing_code", where, "code", example=examples.get(kind, ""))
                continue
            key = item.code.casefold()
            if key in seen:
                out.add(
                    "plan.duplicate_code",
                    where,
                    "code",
                    found=item.code,
                    first_row=seen[key].row or "?",
                    what=out.word(kind),
                )
            else:
                seen[key] = where


def _check_measure(
    plan: ActionPlan,
    m: Measure,
    objectives: list[str],
    indicators: set[str],
    resolver: dict[str, str],
    out: _Collector,
) -> None:
    where, name = m.where, m.code or "?"
    allowed = ", ".join(objectives) or "SO1"
    if m.objective is None:
        out.add("plan.no_objective", where, "objective", found=name, allowed=allowed)
    elif m.objective not in objectives:
        out.add("plan.unknown_objective", where, "objective", found=m.objective, allowed=allowed)
    if m.lead is None:
        out.add("plan.no_lead", where, "lead", found=name)
    elif norm_label(m.lead) not in resolver:
        out.add("plan.unknown_institution", where, "lead", found=m.lead)
    for other in m.contributing:
        if norm_label(other) not in resolver:
            out.add("plan.unknown_institution", where, "contributing", found=other)
    _check_dates(plan, m, out)
    costs = (m.cost_state, m.cost_donors, m.unfunded)
    cost_keys = {"cost_state", "cost_donors", "unfunded"}
    if all(c is None for c in costs) and not cost_keys & where.problems:
        out.add("plan.no_cost", where, "cost_state", found=name)
    if m.currency and plan.info.currency and m.currency != plan.info.currency:
        out.add(
            "plan.other_currency", where, "currency", found=m.currency, expected=plan.info.currency
        )
    for code in m.output_indicators:
        if code not in indicators:
            out.add("plan.unknown_indicator", where, "output_indicators", found=code)
    if not plan.indicators_of(m) and "output_indicators" not in where.problems:
        out.add("plan.no_indicator", where, "output_indicators", found=name)
    numbers = {int(g[3:]) for g in m.gcm}
    for action in m.gcm_actions:
        objective = int(action.split("(")[0])
        if numbers and objective not in numbers:
            out.add(
                "plan.action_other_objective",
                where,
                "gcm_actions",
                found=action,
                expected=f"GCM{objective:02d}",
            )
    listed = set(codes("sdg_targets"))
    for target in m.sdg:
        if target not in listed:
            out.add("plan.unlisted_sdg_target", where, "sdg", found=target)


def _check_dates(plan: ActionPlan, m: Measure, out: _Collector) -> None:
    info, where, name = plan.info, m.where, m.code or "?"
    period = {"start": str(info.start), "end": str(info.end)}
    for key, value in (("start", m.start), ("end", m.end)):
        if value is None:
            if key not in where.problems:
                out.add(
                    "plan.missing_quarter",
                    where,
                    key,
                    found=name,
                    what=out.word(f"{key}_quarter"),
                    **period,
                )
        elif info.period_known and not info.start <= value <= info.end:
            out.add("plan.outside_period", where, key, found=str(value), **period)
    if m.start is not None and m.end is not None and m.end < m.start:
        out.add(
            "plan.end_before_start", where, "end", found=name, start=str(m.start), end=str(m.end)
        )


def _check_indicator(
    i: Indicator,
    measures: set[str],
    resolver: dict[str, str],
    mgi_codes: Collection[str] | None,
    instrument: str,
    out: _Collector,
) -> None:
    where, name = i.where, i.code or "?"
    for key, value in (
        ("unit", i.unit),
        ("baseline", i.baseline),
        ("baseline_year", i.baseline_year),
        ("target", i.target),
        ("source", i.source),
    ):
        if (value is None or value == "") and key not in where.problems:
            out.add("plan.indicator_incomplete", where, key, found=name, what=out.word(key))
    if (
        i.baseline_year is not None
        and i.target_year is not None
        and i.target_year < i.baseline_year
    ):
        out.add(
            "plan.target_before_baseline",
            where,
            "target_year",
            found=i.target_year,
            expected=i.baseline_year,
        )
    if i.responsible and norm_label(i.responsible) not in resolver:
        out.add("plan.unknown_institution", where, "responsible", found=i.responsible)
    for code in i.linked_measures:
        if code not in measures:
            out.add("plan.unknown_measure", where, "linked_measures", found=code)
    if mgi_codes is not None:
        known = {c.upper() for c in mgi_codes}
        for code in i.mgi:
            if code.upper() not in known:
                out.add("plan.bad_mgi_indicator", where, "mgi", found=code, expected=instrument)


def addressed(plan: ActionPlan) -> dict[str, list[str]]:
    """MGI indicator -> the measures linked to an indicator that names it."""
    found: dict[str, list[str]] = {}
    for m in plan.measures:
        for indicator in plan.indicators_of(m):
            for code in indicator.mgi:
                found.setdefault(code.upper(), []).append(m.code)
    return found


def justified(notes: str, code: str) -> bool:
    """Whether ``notes`` name the MGI indicator ``code`` (as a word, any case)."""
    import re

    pattern = rf"(?<![\w.]){re.escape(code)}(?!\w|\.\d)"
    return re.search(pattern, notes, re.IGNORECASE) is not None


def _check_objectives(plan: ActionPlan, out: _Collector) -> None:
    present = {o.code: o for o in plan.objectives}
    for b in plan.basis:
        if b.code not in present:
            out.add("plan.objective_removed", None, found=b.code, expected=b.gcm)
    for o in plan.objectives:
        if not plan.measures_of(o.code):
            gcm = ", ".join(o.gcm) or "–"
            out.add("plan.objective_without_measure", o.where, "code", found=o.code, expected=gcm)
    done = addressed(plan)
    for b in plan.basis:
        objective = present.get(b.code)
        if objective is None:
            continue
        for code in b.shortfall:
            if code.upper() in done or justified(objective.notes, code):
                continue
            out.add(
                "plan.shortfall_unaddressed",
                objective.where,
                "notes",
                found=code,
                expected=b.gcm,
                objective=b.code,
            )


def errors_of(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.is_error]
