"""Illustrative progress reports for the demo: the institutions of the demo plan report on two
periods (``mgi demo``).

:func:`write_demo_progress` fills each institution's progress workbook (made by
:mod:`mgi.monitor.template`) the way an institution would: a status, progress, cumulative
spending and evidence per measure, a value per indicator. The figures come from a generator
seeded by the measure's code, so they are the same in every run and consistent between the two
periods (what was completed stays completed, spending only grows). Three problems a technical
secretariat meets are put in on purpose, in the later period, to show how the report treats
them (all three are warnings: the report is still made):

* one institution is late: its workbook is missing;
* one measure is reported twice (a row copied with the same figures);
* one indicator value is written in another unit (a per cent for a count).

Everything is marked illustrative (the plan is, and so is every workbook's stamp).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mgi.monitor import sheets as ms
from mgi.monitor.indicators import unit_matches
from mgi.monitor.period import Period
from mgi.monitor.template import Assignment, build_progress_workbook, file_name, reporters
from mgi.plan.model import ActionPlan, Measure

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell

    #: :func:`mgi.workbook.style.write_text`
    Write = Callable[[Cell | MergedCell, Any], Cell]

#: The demo's reporting periods: an earlier one, then the one reported on.
PERIODS = ("2025-H2", "2026-H1")


def _rng(code: str) -> np.random.Generator:
    seed = int.from_bytes(hashlib.sha256(code.encode("utf-8")).digest()[:8], "big")
    return np.random.default_rng(seed)


def _elapsed(m: Measure, period: Period) -> float:
    if m.start is None or m.end is None:
        return 0.0
    span = m.end.serial - m.start.serial + 1
    done = period.last_quarter.serial - m.start.serial + 1
    return float(min(1.0, max(0.0, done / span)))


def measure_figures(m: Measure, period: Period) -> dict[str, object]:
    """The illustrative status, progress, spending and evidence of a measure at a period's end."""
    rng = _rng(m.code)
    pace, lateness, spend = rng.uniform(0.7, 1.15), rng.uniform(), rng.uniform(0.6, 1.0)
    elapsed = _elapsed(m, period)
    if elapsed <= 0:
        return {"status": "not_started", "progress": 0, "spent_state": 0, "spent_donors": 0}
    progress = min(100.0, round(100 * elapsed * pace))
    if elapsed >= 1:
        status = "delayed" if lateness < 0.3 else "completed"
        progress = 100.0 if status == "completed" else min(progress, 80.0)
    else:
        status = "in_progress" if progress >= 100 * elapsed * 0.8 else "delayed"
        progress = min(progress, 95.0)
    share = min(1.0, elapsed * spend)
    return {
        "status": status,
        "progress": progress,
        "spent_state": round((m.cost_state or 0) * share, -3),
        "spent_donors": round((m.cost_donors or 0) * share, -3),
        "evidence": f"DCM/report {m.code} ({period})" if status == "completed" else None,
    }


@dataclass(frozen=True)
class DemoProgress:
    """What :func:`write_demo_progress` wrote: per period, the workbooks and who is late."""

    files: dict[str, tuple[Path, ...]]
    late: str
    duplicated: str
    wrong_unit: str


def write_demo_progress(
    plan: ActionPlan,
    folder: Path,
    *,
    periods: Sequence[str] = PERIODS,
    lang: str | None = None,
    problems: bool = True,
) -> DemoProgress:
    """Write the illustrative progress workbooks of every period into ``folder/<period>/``;
    with ``problems`` false, without the three problems of the later period (every institution
    reports, once, in the indicators' units), as ``benchmarks/bench_monitor.py`` wants them."""
    from mgi.monitor.period import period as parse_period
    from mgi.workbook.style import save_deterministic, write_text

    who = reporters(plan)
    last = parse_period(periods[-1])
    with_due = [
        a for a in who.values() if any(m.end and m.end <= last.last_quarter for m in a.measures)
    ]
    late = with_due[1].institution if problems and len(with_due) > 1 else ""
    busiest = max(who.values(), key=lambda a: len(a.measures))
    counted = [
        (a, k)
        for a in who.values()
        if a.institution != late
        for k, i in enumerate(a.indicators)
        if not unit_matches("%", i.unit)  # a per cent is wrong there
    ]
    wrong, wrong_row = counted[-1] if problems and counted else (None, 0)
    if wrong is not None:  # the institution's first such indicator
        wrong_row = next(k for a, k in counted if a is wrong)
    files: dict[str, tuple[Path, ...]] = {}
    for text_period in periods:
        when = parse_period(text_period)
        current = when == last
        written = []
        (folder / str(when)).mkdir(parents=True, exist_ok=True)
        for a in who.values():
            if current and a.institution == late:
                continue
            wb = build_progress_workbook(plan, a, when, lang=lang)
            _fill(wb, a, when, lang or plan.info.language, write_text)
            if problems and current and a is busiest and a.measures:
                _duplicate_first(wb, a, when, lang or plan.info.language, write_text)
            if current and wrong is not None and a is wrong:
                _wrong_unit(wb, wrong_row, lang or plan.info.language, write_text)
            path = folder / str(when) / file_name(when, a.institution)
            save_deterministic(wb, path)
            written.append(path)
        files[str(when)] = tuple(written)
    return DemoProgress(
        files,
        late,
        busiest.measures[0].code if busiest.measures else "",
        wrong.indicators[wrong_row].code if wrong is not None else "",
    )


def _columns(ws: object, spec: ms.SheetSpec) -> dict[str, int]:
    return {c.key: j for j, c in enumerate(spec.columns, start=1)}


def _fill(wb: Workbook, a: Assignment, when: Period, lang: str, write: Write) -> None:
    from mgi.monitor.indicators import year_end
    from mgi.workbook.style import sheet_named

    measures = ms.measures_sheet(lang)
    ws = sheet_named(wb, measures.title)
    col = _columns(ws, measures)
    for r, m in enumerate(a.measures, start=ms.HEADER_ROW + 1):
        figures = measure_figures(m, when)
        for key, value in figures.items():
            if key == "status":
                value = ms.status_labels(lang)[
                    ("not_started", "in_progress", "completed", "delayed", "cancelled").index(value)
                ]
            write(ws.cell(row=r, column=col[key]), value)
    indicators = ms.indicators_sheet(lang)
    ws = sheet_named(wb, indicators.title)
    col = _columns(ws, indicators)
    for r, i in enumerate(a.indicators, start=ms.HEADER_ROW + 1):
        if (
            i.baseline is None
            or i.target is None
            or i.baseline_year is None
            or i.target_year is None
        ):
            continue
        span = (year_end(i.target_year) - year_end(i.baseline_year)).days or 1
        elapsed = min(1.0, max(0.0, (when.end_date - year_end(i.baseline_year)).days / span))
        pace = _rng(i.code).uniform(0.3, 1.3)
        value = i.baseline + (i.target - i.baseline) * min(1.0, elapsed * pace)
        write(ws.cell(row=r, column=col["value"]), round(value, 1))
        write(ws.cell(row=r, column=col["date"]), when.end_date)


def _duplicate_first(wb: Workbook, a: Assignment, when: Period, lang: str, write: Write) -> None:
    """Copy the first measure's row below the table (a row pasted twice), with a comment."""
    from mgi.workbook.style import sheet_named

    measures = ms.measures_sheet(lang)
    ws = sheet_named(wb, measures.title)
    first, below = ms.HEADER_ROW + 1, ms.HEADER_ROW + 1 + len(a.measures)
    for j in range(1, len(measures.columns) + 1):
        write(ws.cell(row=below, column=j), ws.cell(row=first, column=j).value)
    comment = 1 + [c.key for c in measures.columns].index("comment")
    write(ws.cell(row=below, column=comment), "(copy)")


def _wrong_unit(wb: Workbook, row: int, lang: str, write: Write) -> None:
    """Write the value of the institution's indicator ``row`` (0 for the first) as a per
    cent."""
    from mgi.workbook.style import sheet_named

    indicators = ms.indicators_sheet(lang)
    ws = sheet_named(wb, indicators.title)
    value = 1 + [c.key for c in indicators.columns].index("value")
    write(ws.cell(row=ms.HEADER_ROW + 1 + row, column=value), "40%")
