"""Progress workbooks: one per institution, made from the action plan for one period.

:func:`reporters` says who reports what: every institution that leads a measure reports the
progress of its measures, and every indicator is measured by its responsible institution (else
by the lead of its first linked measure). Indicators measured at each MGI round are not in the
progress workbooks: their values come from the next MGI round (``mgi monitor report
--assessment``).

:func:`build_progress_workbook` lays out one institution's workbook in one language (sheets of
:mod:`mgi.monitor.sheets`): the Instructions sheet with the institution, period and the plan's
edition and content digest (locked), the Measures and Indicators sheets with what the plan says
(locked, grey) and the cells to fill in (yellow, with drop-downs and number checks), every sheet
protected without a password. The workbook is stamped ``mgi_kind = progress`` with the period,
the institution and the plan's digest, so that a report made against another edition of the
plan, or for another period, is recognised. Equal inputs give equal bytes.

:func:`write_progress_templates` writes every institution's workbook into one folder,
atomically (``mgi monitor template``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi.i18n import language, text
from mgi.monitor import sheets as ms
from mgi.monitor.model import KIND, PROGRESS_FORMAT
from mgi.monitor.period import Period
from mgi.plan.checks import institution_resolver
from mgi.plan.model import ActionPlan, Indicator, Measure
from mgi.workbook.scan import norm_label

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Indicators with this frequency are measured at each MGI round, not by an institution.
MGI_ROUND = "mgi_round"


@dataclass(frozen=True)
class Assignment:
    """What one institution reports: its measures and its indicators, in plan order."""

    institution: str
    name: str
    measures: tuple[Measure, ...] = ()
    indicators: tuple[Indicator, ...] = ()

    def due_by(self, period: Period) -> bool:
        """Whether it has anything to report for ``period``: a measure started by its end, or
        an indicator."""
        started = any(m.start is not None and m.start <= period.last_quarter for m in self.measures)
        return started or bool(self.indicators)


def _code(plan: ActionPlan, value: str | None, resolver: dict[str, str]) -> str:
    if not value:
        return ""
    return resolver.get(norm_label(value), value.strip())


def reporters(plan: ActionPlan) -> dict[str, Assignment]:
    """Institution code -> what it reports (see the module docstring), in the order of the
    plan's Institutions sheet, then any institution named only in the measures."""
    resolver = institution_resolver(plan)
    leads = {m.code: _code(plan, m.lead, resolver) for m in plan.measures}
    measures: dict[str, list[Measure]] = {}
    for m in plan.measures:
        if leads[m.code]:
            measures.setdefault(leads[m.code], []).append(m)
    indicators: dict[str, list[Indicator]] = {}
    for i in plan.indicators:
        if i.frequency == MGI_ROUND or not i.code:
            continue
        who = _code(plan, i.responsible, resolver)
        if not who:
            linked = [leads.get(c, "") for c in i.linked_measures]
            linked += [leads[m.code] for m in plan.measures if i.code in m.output_indicators]
            who = next((c for c in linked if c), "")
        if who:
            indicators.setdefault(who, []).append(i)
    order = [i.code for i in plan.institutions if i.code]
    named = order + sorted((set(measures) | set(indicators)) - set(order))
    return {
        code: Assignment(
            code,
            plan.institution_name(code),
            tuple(measures.get(code, ())),
            tuple(indicators.get(code, ())),
        )
        for code in named
        if code in measures or code in indicators
    }


def file_name(period: Period, institution: str) -> str:
    """``progress-2025-H1-MB.xlsx`` (the code made safe for a file name)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", institution).strip("-.") or "institution"
    return f"progress-{period}-{safe}.xlsx"


def _number(value: float | None) -> Any:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def build_progress_workbook(
    plan: ActionPlan, who: Assignment, period: Period, *, lang: str | None = None
) -> Workbook:
    """One institution's progress workbook (unsaved; see the module docstring)."""
    from openpyxl import Workbook

    from mgi.workbook import style as st

    lang = language(lang or plan.info.language).code
    wb = Workbook()
    _instructions(st.first_sheet(wb), plan, who, period, lang)
    lists = st.add_list_sheet(wb, {"status": ms.status_labels(lang)}, title="mgi_lists")
    labels = {"status": ms.status_labels(lang)}
    measure_rows = [
        {
            "code": m.code,
            "measure": m.measure,
            "lead": plan.institution_name(who.institution),
            "start": str(m.start) if m.start else None,
            "end": str(m.end) if m.end else None,
            "planned_state": _number(m.cost_state),
            "planned_donors": _number(m.cost_donors),
        }
        for m in who.measures
    ]
    indicator_rows = [
        {
            "code": i.code,
            "indicator": i.name,
            "unit": i.unit or None,
            "baseline": _number(i.baseline),
            "baseline_year": i.baseline_year,
            "target": _number(i.target),
            "target_year": i.target_year,
        }
        for i in who.indicators
    ]
    for spec, rows in (
        (ms.measures_sheet(lang), measure_rows),
        (ms.indicators_sheet(lang), indicator_rows),
    ):
        ws = spec.write(
            wb,
            rows=len(rows),
            values=rows,
            lists=lists,
            list_labels=labels,
            lang=lang,
            index=len(wb.sheetnames) - 1,
        )
        ws.sheet_view.zoomScale = 90
        st.fit_row_heights(
            ws, ms.HEADER_ROW + 1, ms.HEADER_ROW + len(rows), [c.width for c in spec.columns]
        )
    st.stamp(
        wb,
        {
            "template_version": PROGRESS_FORMAT,
            "kind": KIND,
            "language": lang,
            "period": str(period),
            "institution": who.institution,
            "plan_digest": plan.digest(),
            "plan_edition": plan.info.edition,
            "illustrative": "yes" if plan.info.illustrative else "no",
        },
    )
    st.protect_workbook(wb)
    wb.active = 0
    return wb


def _instructions(
    ws: Worksheet, plan: ActionPlan, who: Assignment, period: Period, lang: str
) -> None:
    from openpyxl.styles import Alignment

    from mgi.workbook import style as st

    ws.title = text("monitor.sheet.instructions", lang)
    st.style_title(
        st.write_text(
            ws.cell(row=1, column=1), text("monitor.instructions.title", lang, period=str(period))
        )
    )
    row = 2
    if plan.info.illustrative:
        st.write_text(ws.cell(row=row, column=1), text("notice.illustrative_demo", lang))
        row += 1
    row += 1
    values = {
        "institution": who.institution,
        "institution_name": who.name,
        "period": str(period),
        "plan_title": plan.info.title,
        "plan_edition": plan.info.edition,
        "plan_digest": plan.digest(),
        "currency": plan.info.currency,
        "reported_by": None,
        "report_date": None,
    }
    for key in ms.SETTINGS:
        label = st.write_text(ws.cell(row=row, column=1), text(f"monitor.setting.{key}", lang))
        value = st.write_text(ws.cell(row=row, column=2), values[key] or None)
        st.style_locked([label], fill=True)
        if key in ms.INPUT_SETTINGS:
            st.style_input([value])
        else:
            st.style_locked([value], fill=True)
        row += 1
    row += 1
    sheets: dict[str, Any] = {k: text(f"monitor.sheet.{k}", lang) for k in ms.SHEETS}
    lines: list[tuple[str, str]] = [("head", text("monitor.instructions.how", lang))]
    lines += [
        (
            "",
            text(
                f"monitor.instructions.step{n}",
                lang,
                **sheets,
                period=str(period),
                end=period.end_date.isoformat(),
                currency=plan.info.currency,
                statuses=", ".join(ms.status_labels(lang)),
            ),
        )
        for n in range(1, 8)
    ]
    if lang != "en":
        lines += [("", ""), ("", text("notice.unofficial_translation", lang))]
    for kind, line in lines:
        cell = st.write_text(ws.cell(row=row, column=1 if kind == "head" else 2), line or None)
        if kind == "head":
            st.style_title(cell, size=12)
        else:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    widths = (30, 100)
    st.set_widths(ws, widths)
    st.fit_row_heights(ws, 1, row, widths)
    st.setup_print(ws)
    ws.page_setup.orientation = "portrait"
    st.protect_sheet(ws)


@dataclass(frozen=True)
class Templates:
    """What :func:`write_progress_templates` wrote."""

    folder: Path
    files: tuple[Path, ...]
    assignments: tuple[Assignment, ...]


def write_progress_templates(
    plan: ActionPlan,
    period: Period,
    out_dir: str | Path,
    *,
    lang: str | None = None,
    inputs: Sequence[str | Path] = (),
) -> Templates:
    """Write one progress workbook per institution into ``out_dir`` (replaced as a whole,
    atomically; never over files mgi did not write, such as workbooks already filled in).

    Returns
    -------
    Templates
        The folder, the workbooks written and who reports what.
    """
    from mgi._io import atomic_directory
    from mgi.workbook.style import save_deterministic

    who = list(reporters(plan).values())
    target = Path(out_dir)
    written: list[Path] = []
    with atomic_directory(target, inputs=inputs) as tmp:
        for assignment in who:
            name = file_name(period, assignment.institution)
            wb = build_progress_workbook(plan, assignment, period, lang=lang)
            save_deterministic(wb, tmp / name)
            written.append(target / name)
    return Templates(target, tuple(written), tuple(who))
