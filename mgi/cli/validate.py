"""``mgi validate``: read a completed questionnaire and list every problem in it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from mgi.cli._app import (
    EXIT_INPUT,
    EXIT_OK,
    echo_err,
    handle_errors,
    main,
    print_json,
    report_issues,
)


@main.command("validate")
@click.argument("file", metavar="FILE.xlsx")
@click.option(
    "--instrument",
    "instrument",
    default=None,
    metavar="NAME|PATH",
    help="Instrument to check against (default: the one the template was made for).",
)
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Report missing answers as warnings (with a coverage figure), not errors.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option(
    "--issues-xlsx",
    "issues_xlsx",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="OUT.xlsx",
    help="Also write the issues as a workbook to work through.",
)
@handle_errors
def validate_command(
    file: str,
    instrument: str | None,
    allow_incomplete: bool,
    as_json: bool,
    issues_xlsx: str | None,
) -> None:
    """Check a completed questionnaire workbook and list every problem.

    Exit code 0 when there are no errors (warnings allowed), 1 when there are errors or the
    file cannot be read, 2 for a usage error. The file is never changed.

    \b
    Examples:
      mgi validate questionnaire.xlsx
      mgi validate questionnaire.xlsx --allow-incomplete --issues-xlsx issues.xlsx
      mgi validate questionnaire.xlsx --json
    """
    from mgi._io import refuse_overwrite
    from mgi.errors import NotAWorkbookError
    from mgi.workbook import read_assessment, write_issues_workbook

    path = Path(file)
    if issues_xlsx:
        refuse_overwrite(issues_xlsx, [path])
    try:
        assessment = read_assessment(path, instrument, allow_incomplete=allow_incomplete)
    except NotAWorkbookError as exc:
        issues = list(exc.issues)
        if issues_xlsx:
            write_issues_workbook(issues, issues_xlsx, inputs=[path])
        if as_json:
            print_json(
                {
                    "file": path.name,
                    "readable": False,
                    "errors": len(issues),
                    "warnings": 0,
                    "issues": [i.to_dict() for i in issues],
                }
            )
        else:
            click.echo(f"{path.name}: cannot be read as a questionnaire.")
        echo_err(f"error: {exc.message}")
        report_issues(issues)
        sys.exit(EXIT_INPUT)

    issues = list(assessment.issues)
    if issues_xlsx:
        write_issues_workbook(issues, issues_xlsx, inputs=[path])
    if as_json:
        print_json(summary(assessment))
    else:
        for line in summary_lines(assessment):
            click.echo(line)
        report_issues(issues)
    sys.exit(EXIT_INPUT if assessment.has_errors else EXIT_OK)


def summary(assessment: Any) -> dict[str, Any]:
    """The machine-readable summary printed by ``--json``."""
    inst = assessment.instrument
    return {
        "file": assessment.source.file_name,
        "readable": True,
        "sha256": assessment.source.sha256,
        "template_version": assessment.source.template_version,
        "instrument": inst.name,
        "version": inst.version,
        "metadata": dict(assessment.metadata),
        "coverage": assessment.coverage(),
        "errors": len(assessment.errors),
        "warnings": len(assessment.warnings),
        "issues": [i.to_dict() for i in assessment.issues],
    }


def summary_lines(assessment: Any) -> list[str]:
    """The short human summary printed on stdout."""
    cov = assessment.coverage()
    n_err, n_warn = len(assessment.errors), len(assessment.warnings)
    return [
        f"File:        {assessment.source.file_name}",
        f"Instrument:  {assessment.instrument.label}",
        f"Country:     {assessment.country or '(missing)'}",
        f"Round:       {assessment.round or '(missing)'}",
        f"Answers:     {cov['answered']} answered, {cov['not_applicable']} not applicable, "
        f"{cov['missing']} missing, {cov['invalid']} invalid, of {cov['total']} "
        f"(coverage {cov['share_answered']:.0%} of applicable questions)",
        f"Result:      {n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}",
    ]
