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

from collections.abc import Sequence
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


def mgi_rounds(
    plan: Any, assessment: str | Path, baseline: str | Path
) -> tuple[Any, tuple[str, str], list[Issue]]:
    """The change of the MGI indicators behind the plan between the baseline round and a later
    round (:func:`mgi.monitor.mgi.mgi_change`), the two rounds' labels and the warnings."""
    from mgi.monitor.mgi import mgi_change
    from mgi.plan.prefill import round_year
    from mgi.scoring import compare, score
    from mgi.workbook import read_assessment

    cards = []
    for path in (baseline, assessment):
        read = read_assessment(path)
        if read.has_errors:
            raise InputError(
                text("plan.cli.assessment_errors", "en", file=Path(path).name), issues=read.issues
            )
        cards.append(score(read))
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
    return mgi_change(plan, comparison), labels, issues


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
    change = labels = None
    if assessment is not None:
        if baseline is None:
            raise InputError(
                make_issue("monitor.no_baseline_round").message,
                issues=[make_issue("monitor.no_baseline_round")],
            )
        change, labels, found = mgi_rounds(plan, assessment, baseline)
        issues += found
    found = consolidate(
        plan,
        reports,
        period=period,
        earlier=before,
        thresholds=limits,
        mgi=change,
        mgi_rounds=labels,
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
