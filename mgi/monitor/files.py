"""The file door of ``mgi monitor``: what the command line (and a recipe) has are paths.

* :func:`make_progress_templates` — a plan workbook and a period -> one progress workbook per
  institution, in one folder;
* :func:`monitor_files` — the plan and the progress workbooks (and earlier periods', and a
  mid-term MGI round with the baseline round) -> the checked :class:`Monitoring`;
* :func:`report_monitor_files` — the same, then the report folder, refused while there are
  errors.

The library's own door takes objects (:func:`mgi.monitor.template.write_progress_templates`,
:func:`mgi.monitor.consolidate.consolidate`, :func:`mgi.monitor.report.write_monitor_report`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi.catalogue import Issue, make_issue
from mgi.errors import InputError, NotAWorkbookError
from mgi.i18n import text
from mgi.monitor.period import Period


def read_plan(path: str | Path, lang: str) -> Any:
    """The action plan of a plan workbook, refused (every problem listed) when it has errors."""
    from mgi.plan.files import check_plan_file

    checked = check_plan_file(path, lang=lang)
    if checked.errors:
        raise InputError(
            text("monitor.cli.plan_errors", lang, file=Path(path).name, count=len(checked.errors)),
            issues=checked.issues,
        )
    return checked.plan


def make_progress_templates(
    plan_file: str | Path, period: Period, out_dir: str | Path, *, lang: str | None = None
) -> Any:
    """Write one progress workbook per institution (``mgi monitor template``)."""
    from mgi.monitor.template import write_progress_templates
    from mgi.plan.workbook import stamped

    language = lang or stamped(plan_file).get("language") or "en"
    plan = read_plan(plan_file, language)
    return write_progress_templates(plan, period, out_dir, lang=language, inputs=[plan_file])


def _read_all(paths: Sequence[str | Path], lang: str) -> tuple[list[Any], list[Issue]]:
    from mgi.monitor.read import read_progress_workbook

    reports, issues = [], []
    for path in paths:
        try:
            read = read_progress_workbook(path, lang=lang)
        except NotAWorkbookError as exc:
            found = list(exc.issues) or [make_issue("workbook.corrupt", found=str(exc))]
            issues += [i.with_location(file=i.file or Path(path).name) for i in found]
            continue
        reports.append(read.report)
        issues += read.issues
    return reports, issues


@dataclass(frozen=True)
class MgiRounds:
    """A mid-term MGI round compared with the plan's baseline round (:func:`mgi_rounds`).

    Attributes
    ----------
    change
        Per specific objective and MGI indicator behind it, both rounds' answers and values and
        the change (:func:`mgi.monitor.mgi.mgi_change`).
    labels
        The baseline and mid-term rounds (``("2023", "2026")``).
    measured
        The mid-term round's reference date (``None`` when its questionnaire gives none): the
        date of measurement of the outcome indicators that take their value from it.
    issues
        Warnings (the baseline round is not of the plan's baseline year).
    """

    change: Any
    labels: tuple[str, str]
    measured: dt.date | None = None
    issues: list[Issue] = field(default_factory=list)


def _reference_date(assessment: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(assessment.metadata.get("reference_date", "")).strip())
    except ValueError:
        return None


def mgi_rounds(
    plan: Any, assessment: str | Path, baseline: str | Path, *, lang: str = "en"
) -> MgiRounds:
    """The change of the MGI indicators behind the plan between the baseline round and a later
    round (:func:`mgi.monitor.mgi.mgi_change`), with the rounds' labels, the later round's
    reference date and the warnings.

    Raises
    ------
    InputError
        A questionnaire has errors, or is of another instrument than the plan's MGI
        indicators (``monitor.other_instrument``): every problem of both files at once.
    NotAWorkbookError
        A file is not a questionnaire at all.
    """
    from mgi.monitor.mgi import mgi_change
    from mgi.plan.prefill import round_year
    from mgi.scoring import compare, score
    from mgi.workbook import read_assessment

    reads = [read_assessment(path) for path in (baseline, assessment)]
    problems = [i for read in reads for i in read.issues if i.is_error]
    expected = plan.info.instrument or reads[0].instrument.name
    for read, path in zip(reads, (baseline, assessment), strict=True):
        if read.instrument.name != expected:
            problems.append(
                make_issue(
                    "monitor.other_instrument",
                    file=Path(path).name,
                    found=read.instrument.name,
                    expected=expected,
                )
            )
    if problems:
        files = ", ".join(Path(p).name for p in (baseline, assessment))
        raise InputError(
            text("monitor.cli.round_errors", lang, file=files, count=len(problems)),
            issues=problems,
        )
    cards = [score(read) for read in reads]
    comparison = compare(cards[0], cards[1])
    issues = []
    year = round_year(cards[0].assessment.round)
    if plan.info.round_year and year and year != plan.info.round_year:
        issues.append(
            make_issue(
                "monitor.baseline_round_differs",
                found=str(year),
                expected=str(plan.info.round_year),
            )
        )
    labels = (cards[0].assessment.round or "?", cards[1].assessment.round or "?")
    return MgiRounds(
        mgi_change(plan, comparison), labels, _reference_date(cards[1].assessment), issues
    )


def monitor_files(
    plan_file: str | Path,
    progress: Sequence[str | Path],
    *,
    earlier: Sequence[str | Path] = (),
    period: Period | None = None,
    thresholds: str | Path | None = None,
    assessment: str | Path | None = None,
    baseline: str | Path | None = None,
    lang: str | None = None,
) -> tuple[Any, str]:
    """Read, check and consolidate (``mgi monitor report`` before writing): the
    :class:`~mgi.monitor.consolidate.Monitoring` with every problem, and the language."""
    from mgi.monitor.consolidate import consolidate
    from mgi.monitor.indicators import load_thresholds
    from mgi.plan.workbook import stamped

    language = lang or stamped(plan_file).get("language") or "en"
    plan = read_plan(plan_file, language)
    limits = load_thresholds(thresholds)
    reports, issues = _read_all(progress, language)
    before, more = _read_all(earlier, language)
    issues += more
    if not reports:
        raise InputError(
            text("monitor.cli.no_reports", language),
            issues=issues or [make_issue("monitor.no_reports")],
        )
    rounds = None
    if (assessment is None) != (baseline is None):  # one round alone compares with nothing
        rule = "monitor.no_baseline_round" if baseline is None else "monitor.no_midterm_round"
        raise InputError(make_issue(rule).message, issues=[make_issue(rule)])
    if assessment is not None and baseline is not None:
        rounds = mgi_rounds(plan, assessment, baseline, lang=language)
        issues += rounds.issues
    found = consolidate(
        plan,
        reports,
        period=period,
        earlier=before,
        thresholds=limits,
        mgi=rounds.change if rounds else None,
        mgi_rounds=rounds.labels if rounds else None,
        mgi_date=rounds.measured if rounds else None,
        issues=issues,
    )
    return found, language


def report_monitor_files(
    plan_file: str | Path,
    progress: Sequence[str | Path],
    out_dir: str | Path,
    *,
    formats: Sequence[str] = ("png", "svg", "pdf"),
    **kwargs: Any,
) -> tuple[Any, Any, str]:
    """Check and consolidate, then write the report folder (``mgi monitor report``).

    Raises
    ------
    InputError
        A report has errors: nothing is written, every problem is listed.
    """
    from mgi._io import check_output_folder
    from mgi.monitor.report import write_monitor_report

    inputs = [
        plan_file,
        *progress,
        *kwargs.get("earlier", ()),
        kwargs.get("thresholds"),
        kwargs.get("assessment"),
        kwargs.get("baseline"),
    ]
    check_output_folder(out_dir, inputs=inputs)  # before any work: never lose a file
    found, lang = monitor_files(plan_file, progress, **kwargs)
    if found.errors:
        raise InputError(
            text("monitor.cli.has_errors", lang, count=len(found.errors)), issues=found.issues
        )
    written = write_monitor_report(found, out_dir, lang=lang, inputs=inputs, formats=formats)
    return found, written, lang
