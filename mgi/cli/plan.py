"""``mgi plan``: from agreed priorities to a costed action plan.

``mgi plan template`` pre-fills the action-plan workbook from a priorities workbook,
``mgi plan check`` lists every problem of a filled plan with its totals, ``mgi plan report``
writes the totals, charts, Word action plan and results workbook. Every command takes
``--lang sq|en``: messages, the workbook and the report are in that language (for ``check`` and
``report`` the default is the workbook's own).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from mgi.cli._app import P, R, echo_err, handle_errors, main, print_json

F = TypeVar("F", bound=Callable[..., Any])


def _lang_option(default: str | None) -> Callable[[F], F]:
    from mgi.i18n import languages

    return click.option(
        "--lang",
        type=click.Choice(sorted(languages())),
        default=default,
        show_default=default is not None,
        help="Language of the workbook, report and messages"
        + ("" if default else " [default: the workbook's]")
        + ".",
    )


def _print_issues(issues: Iterable[Any], lang: str, *, limit: int = 200) -> None:
    """Issues on stderr, errors first, in ``lang``."""
    from mgi.i18n import text
    from mgi.i18n.issues import render

    ordered = sorted(issues, key=lambda i: 0 if i.is_error else 1)
    for issue in ordered[:limit]:
        tag = text("plan.cli.error" if issue.is_error else "plan.cli.warning", lang)
        echo_err(f"{tag}: {render(issue, lang)}")
    if len(ordered) > limit:
        echo_err(text("plan.cli.more", lang, count=len(ordered) - limit))


def _in_language(func: Callable[P, R]) -> Callable[P, R]:
    """Print input problems in the command's language (then exit 1, as every command)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from mgi.errors import InputError

        try:
            return func(*args, **kwargs)
        except InputError as exc:
            lang = str(kwargs.get("lang") or "en")
            echo_err(f"error: {exc.message}")
            _print_issues(exc.issues, lang)
            sys.exit(exc.exit_code)

    return wrapper


def _quarter(value: str | None) -> Any:
    from mgi.workbook.sheets import quarter

    if value is None:
        return None
    try:
        return quarter(value)
    except ValueError:
        raise click.BadParameter(f'"{value}" is not a quarter; write it as 2025-Q1.') from None


@main.group("plan")
def plan_group() -> None:
    """From agreed priorities to a costed action plan.

    \b
    Typical use:
      mgi plan template --priorities priorities.xlsx --assessment q.xlsx \\
          --start 2025-Q1 -o plan.xlsx
      mgi plan check plan.xlsx
      mgi plan report plan.xlsx -o plan-report
    """


@plan_group.command("template")
@click.option(
    "--priorities",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="Priorities workbook (mgi prioritize -o, or mgi session export).",
)
@click.option(
    "--decisions",
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="Workbook with the working group's decisions [default: the Decisions sheet "
    "of the priorities workbook; without decisions, the top objectives].",
)
@click.option(
    "--assessment",
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="The questionnaire the priorities were made from (baselines of the MGI indicators).",
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False),
    metavar="PLAN.xlsx",
    help="An earlier plan: its measures still running at the start are carried in.",
)
@click.option("--start", required=True, metavar="YYYY-Qn", help="First quarter of the plan.")
@click.option(
    "--end",
    default=None,
    metavar="YYYY-Qn",
    help="Last quarter of the plan [three years after the start].",
)
@click.option(
    "--currency", default="ALL", show_default=True, help="Currency of every cost (ISO 4217 code)."
)
@click.option("--title", default=None, help="Title of the plan.")
@click.option("--country", default=None, help="Country [the assessment's].")
@click.option(
    "--top",
    "top_k",
    type=click.IntRange(1, 23),
    default=10,
    show_default=True,
    help="Without decisions: how many objectives of the consensus ranking.",
)
@click.option(
    "--rows",
    type=click.IntRange(0, 50),
    default=5,
    show_default=True,
    help="Measure rows under each specific objective.",
)
@_lang_option("en")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="PLAN.xlsx",
    help="The action-plan workbook to write.",
)
@click.option("--force", is_flag=True, help="Replace an existing plan workbook of this name.")
@handle_errors
@_in_language
def template_command(
    priorities: str,
    decisions: str | None,
    assessment: str | None,
    previous: str | None,
    start: str,
    end: str | None,
    currency: str,
    title: str | None,
    country: str | None,
    top_k: int,
    rows: int,
    lang: str,
    output: str,
    force: bool,
) -> None:
    """Write the action-plan workbook pre-filled from the agreed priorities.

    \b
    Examples:
      mgi plan template --priorities meeting/priorities.xlsx --assessment q2023.xlsx \\
          --start 2025-Q1 --end 2027-Q4 --currency ALL -o plan.xlsx
      mgi plan template --priorities priorities.xlsx --start 2025-Q1 --lang sq -o plani.xlsx
    """
    from mgi._io import check_output_file
    from mgi.i18n import text
    from mgi.plan.files import make_plan_template

    inputs = [priorities, decisions, assessment, previous]
    check_output_file(output, force=force, inputs=inputs)
    result = make_plan_template(
        priorities,
        output,
        start=_quarter(start),
        end=_quarter(end),
        currency=currency,
        decisions=decisions,
        assessment=assessment,
        previous=previous,
        title=title,
        country=country,
        top_k=top_k,
        rows=rows,
        lang=lang,
    )
    _print_issues(result.issues, lang)
    for note in result.notes:
        echo_err(note)
    plan = result.plan
    echo_err(
        text(
            "plan.cli.template_written",
            lang,
            file=result.path,
            count=len(plan.objectives),
            indicators=len(plan.indicators),
        )
    )
    click.echo(str(result.path))


@plan_group.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the issues and totals as JSON.")
@click.option(
    "--instrument",
    default=None,
    metavar="NAME|PATH",
    help="The MGI instrument of the plan's MGI indicators [the workbook's].",
)
@_lang_option(None)
@handle_errors
@_in_language
def check_command(file: str, as_json: bool, instrument: str | None, lang: str | None) -> None:
    """Check a filled action plan: every problem at once, with its sheet and cell, and the
    totals. Exit code 1 when it has errors.

    \b
    Examples:
      mgi plan check plan.xlsx
      mgi plan check plan.xlsx --json
    """
    from mgi.plan.files import check_plan_file

    checked = check_plan_file(file, lang=lang, instrument=instrument)
    if as_json:
        print_json(checked.to_dict())
    else:
        _print_issues(checked.issues, checked.lang)
        for line in summary_lines(checked):
            click.echo(line)
    if checked.errors:
        sys.exit(1)


def summary_lines(checked: Any) -> list[str]:
    """What ``mgi plan check`` prints: the count of problems and the plan's totals."""
    from mgi.i18n import format_value, text

    lang, t = checked.lang, checked.totals
    cost, currency = t["cost"], t["currency"]

    def amount(value: float) -> str:
        return f"{format_value('amount', value, lang)} {currency}"

    share = t["financing_gap_share"]
    lines = [
        text(
            "plan.cli.checked",
            lang,
            file=checked.plan.source.get("file", ""),
            errors=len(checked.errors),
            warnings=len(checked.warnings),
        ),
        text(
            "plan.cli.contents",
            lang,
            objectives=t["specific_objectives"],
            measures=t["measures"],
            indicators=t["indicators"],
            period=f"{t['period']['start']} – {t['period']['end']}",
        ),
        text(
            "plan.cli.total",
            lang,
            total=amount(cost["total"]),
            state=amount(cost["state"]),
            donors=amount(cost["donors"]),
            gap=amount(cost["unfunded"]),
            share=format_value("share", share, lang) if share is not None else "–",
        ),
    ]
    years = "; ".join(f"{y}: {amount(v)}" for y, v in t["by_year"].items())
    if years:
        lines.append(text("plan.cli.by_year", lang, years=years))
    return lines


@plan_group.command("report")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="The report folder (replaced as a whole).",
)
@click.option(
    "--formats",
    default="png,svg,pdf",
    show_default=True,
    help="Chart formats (PNG is always written).",
)
@click.option(
    "--instrument",
    default=None,
    metavar="NAME|PATH",
    help="The MGI instrument of the plan's MGI indicators [the workbook's].",
)
@_lang_option(None)
@handle_errors
@_in_language
def report_command(
    file: str, output: str, formats: str, instrument: str | None, lang: str | None
) -> None:
    """Write the report of a plan without errors: totals, Gantt chart, alignment, coverage,
    the action plan as a Word document and a results workbook.

    \b
    Examples:
      mgi plan report plan.xlsx -o plan-report
      mgi plan report plan.xlsx -o raporti --lang sq
    """
    from mgi.errors import UsageError
    from mgi.i18n import text
    from mgi.plan.files import report_plan_file

    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in ("png", "svg", "pdf")]
    if unknown:
        raise UsageError(f"Unknown chart format(s) {', '.join(unknown)}; use png, svg, pdf.")
    checked, report = report_plan_file(
        file, output, lang=lang, instrument=instrument, formats=chosen
    )
    _print_issues(checked.warnings, checked.lang)
    echo_err(
        text("plan.cli.report_written", checked.lang, folder=report.folder, count=len(report.files))
    )
    for path in report.files:
        click.echo(str(path))
