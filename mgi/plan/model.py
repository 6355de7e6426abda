"""The action plan as one immutable object: settings, specific objectives, measures, indicators.

An :class:`ActionPlan` holds what the government's integrated planning methodology asks of an
action plan: specific objectives (one per GCM objective the working group included), measures
under them (lead and contributing institutions, start and end quarter, cost by source and the
unfunded part, the GCM objectives and actions, SDG targets and EU chapters they serve, an output
indicator, a gender marker) and indicator passports (definition, unit, baseline, targets,
source, frequency, responsible institution). Every record has a stable code (``SO1``,
``SO1.M2``, ``SO1.I1``) that the progress reports of ``mgi monitor`` refer to, and every
record read from a workbook keeps where it was (sheet, row, the cell of each field), so a check
can point at the cell.

The plan's :meth:`~ActionPlan.digest` is a SHA-256 of its content (not of the file): saving the
workbook again in Excel does not change it, changing a measure does. Progress reports record it
to detect a report made against another edition of the plan.

Examples
--------
>>> from mgi.workbook.sheets import Quarter
>>> info = PlanInfo(title="Action plan", start=Quarter(2025, 1), end=Quarter(2027, 4),
...                 currency="ALL")
>>> plan = ActionPlan(info=info)
>>> plan.info.years, len(plan.digest())
((2025, 2026, 2027), 64)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import pandas as pd

from mgi.workbook.sheets import Quarter

#: Version of the plan workbook format (the stamp ``mgi_template_version``).
PLAN_FORMAT = "1"
#: The kind of an action-plan workbook (the stamp ``mgi_kind``).
KIND = "plan"
#: What the working group decided about an objective (the live session's decisions).
DECISIONS = ("include", "include_cross_cutting", "defer", "exclude")
#: The decisions that put an objective in the plan.
INCLUDED = ("include", "include_cross_cutting")
#: Indicator levels.
LEVELS = ("outcome", "output")
#: How often an indicator is measured.
FREQUENCIES = ("quarterly", "semiannual", "annual", "mgi_round", "once")
#: OECD DAC gender equality policy marker: 0 not targeted, 1 significant, 2 principal.
GENDER_MARKERS = (0, 1, 2)
#: The period of a plan made without one (three years).
DEFAULT_START = Quarter(2025, 1)
DEFAULT_END = Quarter(2027, 4)
#: How the cost of a measure that runs several quarters is spread over them.
COST_PROFILES = ("even", "start", "end")


@dataclass(frozen=True)
class Where:
    """Where a record was read: its sheet, row, the cell of each field, and the fields whose
    cell already had a problem while reading (a check does not report them again)."""

    sheet: str | None = None
    row: int | None = None
    cells: Mapping[str, str] = field(default_factory=dict)
    problems: frozenset[str] = frozenset()

    @classmethod
    def of(cls, row: Any) -> Where:
        """Where a :class:`mgi.workbook.sheets.Row` was read."""
        return cls(
            sheet=row.sheet, row=row.number, cells=dict(row.cells), problems=frozenset(row.problems)
        )

    def at(self, key: str | None = None) -> dict[str, Any]:
        """Location fields for :func:`mgi.catalogue.make_issue` (the cell of ``key``, else
        the row)."""
        cell = self.cells.get(key) if key else None
        if cell:
            return {"sheet": self.sheet, "cell": cell}
        return {"sheet": self.sheet, "row": self.row}


@dataclass(frozen=True)
class PlanInfo:
    """The plan's settings, written on its Instructions sheet.

    Attributes
    ----------
    title, country
        The plan's title and country.
    start, end
        First and last quarter of the plan period.
    currency
        Currency of every cost (an ISO 4217 code such as ``ALL`` or ``EUR``).
    edition
        The edition the secretariat gives the plan (``1``, ``2025-06 draft``...).
    language
        Language of the workbook (``en``, ``sq``).
    cost_profile
        How the cost of a measure is spread over its quarters (:data:`COST_PROFILES`).
    basis
        What the plan was pre-filled from (one sentence, for the record).
    round_year
        Year of the MGI round the baselines come from.
    instrument
        The MGI instrument the priorities were made with (its indicators are the plan's
        MGI indicators).
    illustrative
        Whether the plan is illustrative (the demo): every output says so.
    period_known
        False when the workbook's first or last quarter is missing or wrong (the period then
        holds the defaults and is not checked against).
    """

    title: str = ""
    country: str = ""
    start: Quarter = DEFAULT_START
    end: Quarter = DEFAULT_END
    currency: str = "EUR"
    edition: str = "1"
    language: str = "en"
    cost_profile: str = "even"
    basis: str = ""
    round_year: int | None = None
    instrument: str = ""
    illustrative: bool = False
    period_known: bool = True
    where: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def quarters(self) -> list[Quarter]:
        """Every quarter of the plan period."""
        return self.start.until(self.end)

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the plan period touches."""
        return tuple(range(self.start.year, self.end.year + 1))

    @property
    def period(self) -> str:
        """``2025-Q1 – 2027-Q4``."""
        return f"{self.start} – {self.end}"


@dataclass(frozen=True)
class SpecificObjective:
    """A specific objective of the plan, made for one or more GCM objectives.

    ``shortfall`` are the MGI indicators behind the gap of its GCM objective (those losing the
    most points); ``decision``, ``rank`` and ``rationale`` record why the working group
    included it.
    """

    code: str
    title: str
    gcm: tuple[str, ...] = ()
    decision: str = ""
    rank: int | None = None
    rationale: str = ""
    shortfall: tuple[str, ...] = ()
    notes: str = ""
    where: Where = field(default_factory=Where, compare=False)


@dataclass(frozen=True)
class Measure:
    """One measure of the plan (a row of the Measures sheet)."""

    code: str
    objective: str | None = None
    measure: str = ""
    activities: str = ""
    gcm: tuple[str, ...] = ()
    gcm_actions: tuple[str, ...] = ()
    sdg: tuple[str, ...] = ()
    eu: tuple[int, ...] = ()
    lead: str | None = None
    contributing: tuple[str, ...] = ()
    start: Quarter | None = None
    end: Quarter | None = None
    cost_state: float | None = None
    cost_donors: float | None = None
    unfunded: float | None = None
    currency: str = ""
    output_indicators: tuple[str, ...] = ()
    gender_marker: int | None = None
    notes: str = ""
    carried_from: str = ""
    where: Where = field(default_factory=Where, compare=False)

    @property
    def total(self) -> float:
        """Total cost: state budget + donors + unfunded (empty cells count as 0)."""
        return float(sum(v or 0.0 for v in (self.cost_state, self.cost_donors, self.unfunded)))

    @property
    def quarters(self) -> list[Quarter]:
        """The quarters the measure runs (empty without both dates)."""
        if self.start is None or self.end is None:
            return []
        return self.start.until(self.end)


@dataclass(frozen=True)
class Indicator:
    """An indicator passport (a row of the Indicators sheet)."""

    code: str
    name: str = ""
    level: str | None = None
    definition: str = ""
    unit: str = ""
    disaggregation: str = ""
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    target_year: int | None = None
    annual_targets: tuple[tuple[int, float], ...] = ()
    source: str = ""
    frequency: str | None = None
    responsible: str | None = None
    linked_measures: tuple[str, ...] = ()
    mgi: tuple[str, ...] = ()
    where: Where = field(default_factory=Where, compare=False)


@dataclass(frozen=True)
class Institution:
    """An institution that may hold measures (a row of the Institutions sheet)."""

    code: str
    name: str
    abbreviation: str = ""
    type: str = ""
    notes: str = ""
    where: Where = field(default_factory=Where, compare=False)


@dataclass(frozen=True)
class BasisObjective:
    """What the plan was pre-filled from, for one specific objective (the Lists sheet's record):
    the GCM objective, its consensus rank, the group's decision and the shortfall."""

    code: str
    gcm: str
    rank: int | None = None
    decision: str = ""
    shortfall: tuple[str, ...] = ()
    rationale: str = ""


def _plain(value: Any) -> Any:
    """A JSON-ready form of a record's value (quarters as text, tuples as lists)."""
    if isinstance(value, Quarter):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def record(item: Any) -> dict[str, Any]:
    """A record's fields as a plain dictionary (without where it was read)."""
    return {f.name: _plain(getattr(item, f.name)) for f in fields(item) if f.name != "where"}


@dataclass(frozen=True, eq=False)
class ActionPlan:
    """An action plan (see the module docstring).

    Attributes
    ----------
    info
        The plan's settings (:class:`PlanInfo`).
    objectives, measures, indicators, institutions
        The records, in the workbook's order.
    basis
        What the plan was pre-filled from (:class:`BasisObjective` per specific objective).
    source
        Where the plan was read from (file name and SHA-256), empty for a plan made in memory.
    """

    info: PlanInfo
    objectives: tuple[SpecificObjective, ...] = ()
    measures: tuple[Measure, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    institutions: tuple[Institution, ...] = ()
    basis: tuple[BasisObjective, ...] = ()
    source: Mapping[str, str] = field(default_factory=dict)

    def replace(self, **changes: Any) -> ActionPlan:
        """A new plan with some parts replaced."""
        return replace(self, **changes)

    # -- look-ups ---------------------------------------------------------------------------------
    def objective(self, code: str) -> SpecificObjective | None:
        return next((o for o in self.objectives if o.code == code), None)

    def institution_name(self, code: str | None) -> str:
        """The name of an institution from its code (the code itself when unknown)."""
        if code is None:
            return ""
        found = next((i for i in self.institutions if i.code == code), None)
        return found.name if found is not None else code

    def measures_of(self, objective: str) -> list[Measure]:
        return [m for m in self.measures if m.objective == objective]

    def indicators_of(self, measure: Measure) -> list[Indicator]:
        """The indicators linked to a measure, either way (its Output indicator column, or
        the indicator's Linked measures)."""
        named = set(measure.output_indicators)
        return [i for i in self.indicators if i.code in named or measure.code in i.linked_measures]

    # -- tables -----------------------------------------------------------------------------------
    def objectives_frame(self) -> pd.DataFrame:
        return _frame(self.objectives)

    def measures_frame(self) -> pd.DataFrame:
        frame = _frame(self.measures)
        if not frame.empty:
            frame["total"] = [m.total for m in self.measures]
        return frame

    def indicators_frame(self) -> pd.DataFrame:
        return _frame(self.indicators)

    def institutions_frame(self) -> pd.DataFrame:
        return _frame(self.institutions)

    # -- identity ---------------------------------------------------------------------------------
    def content(self) -> dict[str, Any]:
        """The plan's content as plain data (what :meth:`digest` hashes); institutions are
        named by their codes however the cells name them."""
        info = record(self.info)
        for key in ("where", "basis", "period_known"):
            info.pop(key, None)
        names = self._institution_codes()

        def code(value: Any) -> Any:
            return names.get(_fold(value), value) if isinstance(value, str) else value

        measures = []
        for m in self.measures:
            found = record(m)
            found["lead"] = code(m.lead)
            found["contributing"] = [code(c) for c in m.contributing]
            measures.append(found)
        indicators = []
        for i in self.indicators:
            found = record(i)
            found["responsible"] = code(i.responsible)
            indicators.append(found)
        return {
            "info": info,
            "objectives": [record(o) for o in self.objectives],
            "measures": measures,
            "indicators": indicators,
            "institutions": [record(i) for i in self.institutions],
        }

    def _institution_codes(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in self.institutions:
            for spelled in (i.code, i.name, i.abbreviation):
                if spelled and i.code:
                    found.setdefault(_fold(spelled), i.code)
        return found

    def digest(self) -> str:
        """SHA-256 of the plan's content (canonical JSON): equal for equal content, whatever
        the file's bytes."""
        text = json.dumps(self.content(), ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fold(value: str) -> str:
    from mgi.workbook.scan import norm_label

    return norm_label(value)


def _frame(items: tuple[Any, ...]) -> pd.DataFrame:
    """Records as a table indexed by their codes (tuples kept as tuples)."""
    if not items:
        return pd.DataFrame(index=pd.Index([], name="code"))
    rows = [{f.name: getattr(i, f.name) for f in fields(i) if f.name != "where"} for i in items]
    return pd.DataFrame(rows).set_index("code")
