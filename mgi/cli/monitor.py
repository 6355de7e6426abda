"""``mgi monitor``: progress reports from the institutions and one consolidated picture.

``mgi monitor template`` writes one progress workbook per institution from the action plan for
a period; ``mgi monitor report`` checks the filled workbooks against the plan (every problem at
once, with file, sheet and cell) and writes the monitoring report: Word, HTML, a results
workbook and charts. Both take ``--lang sq|en`` (default: the plan workbook's language).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from mgi.cli._app import echo_err, handle_errors, main, print_json
from mgi.cli.plan import _in_language, _lang_option, _print_issues


class _Several(click.Option):
    """An option that takes every value after it up to the next option, so that a shell's
    ``--earlier-period old/*.xlsx`` gives it all the files (``multiple=True`` keeps them)."""

    def add_to_parser(self, parser: Any, ctx: click.Context) -> None:
        super().add_to_parser(parser, ctx)
        for name in self.opts:
            found = parser._long_opt.get(name) or parser._short_opt.get(name)
            if found is None:
                continue
            original = found.process

            def process(value: Any, state: Any, original: Any = original) -> None:
                original(value, state)
                while state.rargs and not str(state.rargs[0]).startswith("-"):
                    original(state.rargs.pop(0), state)

            found.process = process


def _period(value: str | None) -> Any:
    from mgi.monitor.period import period

    if value is None:
        return None
    try:
        return period(value)
    except ValueError:
        raise click.BadParameter(
            f'"{value}" is not a reporting period; write 2025-H1, 2025-H2 or 2025.'
        ) from None


@main.group("monitor")
def monitor_group() -> None:
    """Progress reports from the institutions, consolidated against the action plan.

    \b
    Typical use:
      mgi monitor template --plan plan.xlsx --period 2025-H1 -o progress-2025-H1
      (each institution fills in its workbook)
      mgi monitor report --plan plan.xlsx progress-2025-H1/*.xlsx -o monitoring-2025-H1
    """


@monitor_group.command("template")
@click.option(
    "--plan",
    "plan_file",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="PLAN.xlsx",
    help="The action-plan workbook (checked first).",
)
@click.option(
    "--period",
    required=True,
    metavar="YYYY-H1|YYYY-H2|YYYY",
    help="The reporting period: a half-year or a year.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="The folder of the progress workbooks (replaced as a whole; never over "
    "workbooks already filled in).",
)
@_lang_option(None)
@handle_errors
@_in_language
def template_command(plan_file: str, period: str, output: str, lang: str | None) -> None:
    """Write one progress workbook per institution of the plan, for one period.

    \b
    Examples:
      mgi monitor template --plan plan.xlsx --period 2025-H1 -o progress-2025-H1
      mgi monitor template --plan plani.xlsx --period 2025 --lang sq -o progresi-2025
    """
    from mgi.i18n import text
    from mgi.monitor.files import make_progress_templates
    from mgi.plan.workbook import stamped

    when = _period(period)
    made = make_progress_templates(plan_file, when, output, lang=lang)
    language = lang or stamped(plan_file).get("language") or "en"
    echo_err(
        text(
            "monitor.cli.templates_written",
            language,
            count=len(made.files),
            folder=made.folder,
            period=str(when),
        )
    )
    for path in made.files:
        click.echo(str(path))


@monitor_group.command("report")
@click.argument("progress", nargs=-1, type=click.Path(dir_okay=False), metavar="PROGRESS.xlsx...")
@click.option(
    "--plan",
    "plan_file",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="PLAN.xlsx",
    help="The action plan the workbooks were made from.",
)
@click.option(
    "--earlier-period",
    "earlier",
    multiple=True,
    cls=_Several,
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="A progress workbook of an earlier period, for the trend "
    "(repeat the option, or give several files after one).",
)
@click.option(
    "--period",
    default=None,
    metavar="PERIOD",
    help="The period reported on [the period most workbooks give].",
)
@click.option(
    "--thresholds",
    default=None,
    type=click.Path(dir_okay=False),
    metavar="FILE.toml",
    help="Traffic-light thresholds [monitoring/traffic-lights.toml].",
)
@click.option(
    "--assessment",
    default=None,
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="A mid-term MGI round (questionnaire), compared with --baseline.",
)
@click.option(
    "--baseline",
    default=None,
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="The MGI round the plan's baselines come from.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="The report folder (replaced as a whole). Without it, only the check.",
)
@click.option(
    "--formats",
    default="png,svg,pdf",
    show_default=True,
    help="Chart formats (PNG is always written).",
)
@click.option("--json", "as_json", is_flag=True, help="Print every figure and problem as JSON.")
@_lang_option(None)
@handle_errors
@_in_language
def report_command(
    progress: tuple[str, ...],
    plan_file: str,
    earlier: tuple[str, ...],
    period: str | None,
    thresholds: str | None,
    assessment: str | None,
    baseline: str | None,
    output: str | None,
    formats: str,
    as_json: bool,
    lang: str | None,
) -> None:
    """Check the progress workbooks against the plan and write the monitoring report.

    Every problem of every workbook is listed at once (file, sheet, cell). Errors stop the
    report (exit code 1); warnings are listed in it.

    \b
    Examples:
      mgi monitor report --plan plan.xlsx progress-2026-H1/*.xlsx -o monitoring-2026-H1
      mgi monitor report --plan plan.xlsx new/*.xlsx --earlier-period old/*.xlsx -o out --json
    """
    from mgi.cli.report import parse_formats
    from mgi.errors import InputError, UsageError
    from mgi.i18n import text
    from mgi.i18n.issues import localized
    from mgi.monitor.files import monitor_files, report_monitor_files

    if not progress:
        raise UsageError("Give the progress workbooks (PROGRESS.xlsx...).")
    options = {
        "earlier": earlier,
        "period": _period(period),
        "thresholds": thresholds,
        "assessment": assessment,
        "baseline": baseline,
        "lang": lang,
    }
    try:
        if output is None:
            found, language = monitor_files(plan_file, progress, **options)
            written = None
        else:
            found, written, language = report_monitor_files(
                plan_file, progress, output, formats=parse_formats(formats), **options
            )
    except InputError as exc:  # --json says why too, whether or not a folder was asked for
        if as_json:
            print_json(
                {
                    "errors": sum(i.is_error for i in exc.issues),
                    "issues": [localized(i, lang or "en").to_dict() for i in exc.issues],
                }
            )
        raise
    if as_json:
        data = found.to_dict()
        data["issues"] = [localized(i, language).to_dict() for i in found.issues]
        data["files"] = [str(p) for p in written.files] if written else []
        print_json(data)
    else:
        _print_issues(found.issues, language)
        overall = found.current.overall
        click.echo(
            text(
                "monitor.cli.summary",
                language,
                period=str(found.period),
                rate="–" if overall["due"] == 0 else f"{overall['rate']:.0%}",
                completed=int(overall["completed"]),
                due=int(overall["due"]),
                overdue=int(overall["overdue"]),
                reports=len(found.current.reports),
                errors=len(found.errors),
                warnings=len(found.warnings),
            )
        )
        if written is not None:
            echo_err(
                text(
                    "monitor.cli.report_written",
                    language,
                    folder=written.folder,
                    count=len(written.files),
                )
            )
            for path in written.files:
                click.echo(str(path))
    if found.errors:
        sys.exit(1)
