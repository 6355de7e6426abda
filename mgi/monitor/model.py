"""A progress report of one institution for one period, as immutable records.

A :class:`ProgressReport` is what an institution's progress workbook says: which institution,
which period, which edition of the plan (its content digest), and one :class:`MeasureProgress`
per measure it leads (status, progress, spending to date, evidence, comment) and one
:class:`IndicatorValue` per indicator it measures (the actual value, the unit written with it,
the date of measurement, comment). Every record read from a workbook keeps where it was (sheet,
row, the cell of each field), so a check can point at the cell.

Spending is **cumulative**: what the measure has spent from each source since it started, up
to the end of the period. So every report stands on its own (a late report needs no earlier
one), and spending above the plan is seen at once.

Examples
--------
>>> from mgi.monitor.period import period
>>> report = ProgressReport(institution="MB", period=period("2025-H1"),
...                         measures=(MeasureProgress("SO1.M1", status="completed",
...                                                   progress=100.0),))
>>> report.measure_codes(), str(report.period)
(['SO1.M1'], '2025-H1')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from mgi.monitor.period import Period
from mgi.plan.model import Where

#: The kind of a progress workbook (the stamp ``mgi_kind``).
KIND = "progress"
#: Version of the progress workbook format (the stamp ``mgi_template_version``).
PROGRESS_FORMAT = "1"
#: The status of a measure, in the order of the drop-down.
STATUSES = ("not_started", "in_progress", "completed", "delayed", "cancelled")
#: The sources a measure spends from (the plan's funded sources; the unfunded part is not
#: spent until a source is found for it).
SPENDING = ("state", "donors")


@dataclass(frozen=True)
class MeasureProgress:
    """The progress of one measure as its institution reported it (a row of the sheet)."""

    code: str
    status: str | None = None
    progress: float | None = None
    spent_state: float | None = None
    spent_donors: float | None = None
    evidence: str = ""
    comment: str = ""
    where: Where = field(default_factory=Where, compare=False)

    def figures(self) -> tuple[object, ...]:
        """What the consolidation uses of the row (two rows that agree on these say the same)."""
        return (self.status, self.progress, self.spent_state, self.spent_donors)


@dataclass(frozen=True)
class IndicatorValue:
    """The value of one indicator as its institution measured it (a row of the sheet).

    ``unit`` is the unit written after the number in the cell (``%`` in ``35%``), empty when
    the cell holds a number alone.
    """

    code: str
    value: float | None = None
    unit: str = ""
    date: _dt.date | None = None
    comment: str = ""
    where: Where = field(default_factory=Where, compare=False)


@dataclass(frozen=True)
class ProgressReport:
    """One institution's progress report for one period (see the module docstring).

    Attributes
    ----------
    institution, institution_name
        The reporting institution's code in the plan, and its name as the workbook shows it.
    period
        The reporting period (None when the workbook's period cannot be read).
    plan_digest, plan_edition, plan_title
        The edition of the plan the workbook was made from (:meth:`ActionPlan.digest`).
    reported_by, report_date
        Who filled it in, and when (as written).
    measures, indicators
        The rows in use, in the workbook's order.
    language, illustrative
        The workbook's language; whether it is illustrative (the demo).
    source
        The file's name and SHA-256.
    """

    institution: str = ""
    institution_name: str = ""
    period: Period | None = None
    plan_digest: str = ""
    plan_edition: str = ""
    plan_title: str = ""
    reported_by: str = ""
    report_date: str = ""
    measures: tuple[MeasureProgress, ...] = ()
    indicators: tuple[IndicatorValue, ...] = ()
    language: str = "en"
    illustrative: bool = False
    source: Mapping[str, str] = field(default_factory=dict)
    where: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def file(self) -> str:
        return self.source.get("file", "")

    def measure_codes(self) -> list[str]:
        return [m.code for m in self.measures]
