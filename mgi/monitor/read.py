"""Reading a progress workbook back: every cell parsed, every problem at its cell.

:func:`read_progress_workbook` opens any workbook safely (the opener's checks: size, zip, XML,
formulas without a value, merged cells), refuses a workbook of another kind (an action plan, a
questionnaire) with one clear message, finds the Measures and Indicators tables by their
headers in any language, and returns the :class:`~mgi.monitor.model.ProgressReport` with the
problems found while reading (a status that is not one, progress outside 0 to 100, a negative
amount, a value that is not a number, a date that is not a date, a column removed). The checks
against the plan are :mod:`mgi.monitor.consolidate`'s.

Which institution, period and plan edition a workbook reports on is read from its stamp (the
document properties ``mgi_institution``, ``mgi_period``, ``mgi_plan_digest``), else from the
locked cells of its Instructions sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi.catalogue import Issue, make_issue
from mgi.errors import NotAWorkbookError
from mgi.i18n import text
from mgi.monitor import sheets as ms
from mgi.monitor.model import KIND, IndicatorValue, MeasureProgress, ProgressReport
from mgi.monitor.period import period as parse_period
from mgi.plan.model import Where
from mgi.workbook.scan import is_blank, norm_label, read_pairs, text_of


@dataclass
class ProgressRead:
    """A progress report read from a workbook, with every problem found while reading it."""

    report: ProgressReport
    issues: list[Issue] = field(default_factory=list)


def _check_kind(opened: Any) -> None:
    found = opened.stamp.get("kind")
    if found and found != KIND:
        issue = make_issue("monitor.other_kind", file=opened.name, found=found)
        raise NotAWorkbookError(issue.message, issues=[issue], path=opened.path, rule=issue.rule)


def read_progress_workbook(path: str | Path, *, lang: str = "en") -> ProgressRead:
    """Read a progress workbook (see the module docstring). The file is never changed.

    Raises
    ------
    NotAWorkbookError
        When the file cannot be read as a progress workbook at all (one issue says why).
    """
    from mgi.workbook.kinds import too_large
    from mgi.workbook.opener import open_workbook, reading

    with open_workbook(path) as opened, reading(opened.path):
        _check_kind(opened)
        issues: list[Issue] = []
        if not opened.stamp.get("template_version"):
            issues.append(make_issue("workbook.no_stamp"))
        specs = {"measures": ms.measures_sheet(lang), "indicators": ms.indicators_sheet(lang)}
        tables = {}
        for key, spec in specs.items():
            scan = spec.find(opened)
            if scan.too_large:
                raise too_large(opened.path, scan.too_large[0])
            tables[key] = spec.read_tables(opened, scan.tables)
        if not tables["measures"] and not tables["indicators"]:
            spec = specs["measures"]
            headers = ", ".join(spec.column(k).header for k in ("code", "status", "progress"))
            issue = make_issue("monitor.not_progress", file=opened.name, allowed=headers)
            raise NotAWorkbookError(
                text("monitor.cli.not_progress", lang, name=opened.name),
                issues=[issue],
                path=opened.path,
                rule=issue.rule,
            )
        for key, spec in specs.items():
            if not tables[key]:
                issues.append(
                    make_issue(
                        "monitor.missing_sheet",
                        expected=spec.title,
                        allowed=", ".join(spec.column(k).header for k in spec.required_fields()),
                    )
                )
            for table in tables[key]:
                issues += table.issues
        settings, where = _settings(opened, issues)
        measures = _measures(tables["measures"], issues)
        indicators = _indicators(tables["indicators"], issues)
        stamp = opened.stamp
        report = ProgressReport(
            institution=stamp.get("institution") or settings.get("institution", ""),
            institution_name=settings.get("institution_name", ""),
            period=settings.get("period"),
            plan_digest=stamp.get("plan_digest") or settings.get("plan_digest", ""),
            plan_edition=stamp.get("plan_edition") or settings.get("plan_edition", ""),
            plan_title=settings.get("plan_title", ""),
            reported_by=settings.get("reported_by", ""),
            report_date=settings.get("report_date", ""),
            measures=tuple(measures),
            indicators=tuple(indicators),
            language=stamp.get("language", lang) or lang,
            illustrative=stamp.get("illustrative") == "yes",
            source={"file": opened.name, "sha256": opened.sha256},
            where=where,
        )
        return ProgressRead(report, [i.with_location(file=i.file or opened.name) for i in issues])


def _settings_sheet(opened: Any) -> str:
    titles = {norm_label(t) for t in ms.sheet_titles("instructions")}
    return next((t for t in opened.titles if norm_label(t) in titles), opened.titles[0])


def _settings(opened: Any, issues: list[Issue]) -> tuple[dict[str, Any], dict[str, str]]:
    """The settings beside their labels on the Instructions sheet; the period from the stamp
    when it has one (the cell otherwise)."""
    sheet = _settings_sheet(opened)
    pairs = read_pairs(opened.rows(sheet), ms.setting_labels(), max_rows=60)
    where = {key: cell for key, (_, cell) in pairs.items()}
    where["sheet"] = sheet
    found: dict[str, Any] = {}
    for key, (value, _) in pairs.items():
        if key != "period" and not is_blank(value):
            found[key] = text_of(value).strip()[:500]
    raw = opened.stamp.get("period") or (pairs.get("period") or (None, ""))[0]
    if is_blank(raw):
        issues.append(make_issue("monitor.no_period", sheet=sheet, cell=where.get("period")))
    else:
        try:
            found["period"] = parse_period(raw)
        except ValueError:
            issues.append(
                make_issue("monitor.bad_period", sheet=sheet, cell=where.get("period"), found=raw)
            )
    return found, where


def _measures(tables: Sequence[Any], issues: list[Issue]) -> list[MeasureProgress]:
    found: list[MeasureProgress] = []
    for table in tables:
        for row in table.rows:
            issues += row.problems.values()
            v = row.values
            found.append(
                MeasureProgress(
                    code=v.get("code") or "",
                    status=v.get("status"),
                    progress=v.get("progress"),
                    spent_state=v.get("spent_state"),
                    spent_donors=v.get("spent_donors"),
                    evidence=row.text("evidence"),
                    comment=row.text("comment"),
                    where=Where.of(row),
                )
            )
    return found


def _indicators(tables: Sequence[Any], issues: list[Issue]) -> list[IndicatorValue]:
    found: list[IndicatorValue] = []
    for table in tables:
        for row in table.rows:
            issues += row.problems.values()
            v = row.values
            value = v.get("value")
            found.append(
                IndicatorValue(
                    code=v.get("code") or "",
                    value=None if value is None else value[0],
                    unit="" if value is None else value[1],
                    date=v.get("date"),
                    comment=row.text("comment"),
                    where=Where.of(row),
                )
            )
    return found
