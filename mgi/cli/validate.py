"""``mgi validate``: read a completed workbook (questionnaire, consultation, expert ratings or
weights) and list every problem in it."""

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
    instrument_options,
    main,
    print_json,
    report_issues,
)


@main.command("validate")
@click.argument("file", metavar="FILE.xlsx")
@instrument_options
@click.option(
    "--kind",
    type=click.Choice(["questionnaire", "consultation", "experts", "weights"]),
    default=None,
    help="Which kind of workbook (default: the kind its template was made as).",
)
@click.option(
    "--profile",
    default="gcm-default",
    show_default=True,
    metavar="NAME|PATH",
    help="Prioritisation profile the session workbooks follow.",
)
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Report missing answers as warnings (with a coverage figure), not errors.",
)
@click.option(
    "--scheme",
    default=None,
    metavar="NAME|PATH",
    help="Scoring scheme the questionnaire will be scored with [default: the instrument's]: "
    "where it requires evidence, answers without it are errors.",
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
    mapping: str | None,
    kind: str | None,
    profile: str,
    allow_incomplete: bool,
    scheme: str | None,
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
      mgi validate questionnaire.xlsx --scheme my-scheme.toml
    """
    from mgi._io import refuse_overwrite
    from mgi.errors import NotAWorkbookError
    from mgi.workbook import read_assessment

    path = Path(file)
    if issues_xlsx:
        refuse_overwrite(issues_xlsx, [path], check_existing=True)
    if mapping:
        from mgi.instrument import load_instrument

        instrument = load_instrument(instrument or "mgi-national", mapping=mapping)
        report_issues(instrument.warnings)
    if kind is None:
        kind = _stamped_kind(path)
    if kind != "questionnaire":
        _validate_session(path, kind, profile, as_json, issues_xlsx)
        return
    try:
        assessment = read_assessment(path, instrument, allow_incomplete=allow_incomplete)
    except NotAWorkbookError as exc:
        issues = list(exc.issues)
        wrote = _write_issues(issues, issues_xlsx, path)
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
        if wrote:
            echo_err(wrote)
        sys.exit(EXIT_INPUT)

    from mgi.assessment import coverage_issues, require_evidence

    issues = coverage_issues(assessment, allow_incomplete) + list(assessment.issues)
    strict = _strict_scheme(assessment, scheme)
    if strict:
        issues = require_evidence(issues, scheme=strict)
    wrote = _write_issues(issues, issues_xlsx, path)
    if as_json:
        print_json(summary(assessment, issues))
    else:
        for line in summary_lines(assessment, issues):
            click.echo(line)
        report_issues(issues)
    if wrote:
        echo_err(wrote)
    sys.exit(EXIT_INPUT if any(i.is_error for i in issues) else EXIT_OK)


def _strict_scheme(assessment: Any, scheme: str | None) -> str:
    """The label of the scoring scheme (``--scheme``, or the instrument's) when it requires
    evidence; empty when it does not, or when the instrument's scheme cannot be loaded (scoring
    reports that). Loading a scheme imports neither numpy nor pandas."""
    from mgi.errors import DataFileError
    from mgi.scoring.scheme import instrument_scheme, load_scheme

    if scheme is not None:
        loaded = load_scheme(scheme)
    else:
        try:
            loaded = instrument_scheme(assessment.instrument)
        except DataFileError:
            return ""
    return loaded.label if loaded.evidence_required else ""


def _write_issues(issues: list[Any], output: str | None, path: Path) -> str:
    """Write the issues workbook (with ``--issues-xlsx``) and return the line saying where,
    printed last (empty without ``--issues-xlsx``)."""
    if not output:
        return ""
    from mgi.workbook import write_issues_workbook

    written = write_issues_workbook(issues, output, inputs=[path])
    return f"Wrote the {len(issues)} issue(s) of {path.name} to {written}."


def summary(assessment: Any, issues: list[Any] | None = None) -> dict[str, Any]:
    """The machine-readable summary printed by ``--json`` (``issues``: default the
    assessment's own)."""
    inst = assessment.instrument
    issues = list(assessment.issues) if issues is None else issues
    return {
        "file": assessment.source.file_name,
        "readable": True,
        "sha256": assessment.source.sha256,
        "template_version": assessment.source.template_version,
        "instrument": inst.name,
        "version": inst.version,
        "metadata": dict(assessment.metadata),
        "coverage": assessment.coverage(),
        "errors": sum(i.is_error for i in issues),
        "warnings": sum(not i.is_error for i in issues),
        "issues": [i.to_dict() for i in issues],
    }


def summary_lines(assessment: Any, issues: list[Any] | None = None) -> list[str]:
    """The short human summary printed on stdout."""
    cov = assessment.coverage()
    issues = list(assessment.issues) if issues is None else issues
    n_err = sum(i.is_error for i in issues)
    n_warn = len(issues) - n_err
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


def _stamped_kind(path: Path) -> str:
    """The kind written in the workbook's stamp (questionnaire when unstamped or unreadable;
    the questionnaire reader then reports why)."""
    from mgi.workbook import stamped_kind

    return stamped_kind(path)


def _validate_session(
    path: Path, kind: str, profile: str, as_json: bool, issues_xlsx: str | None
) -> None:
    from mgi.errors import NotAWorkbookError
    from mgi.priorities.profile import load_profile
    from mgi.workbook import read_kind

    prof = load_profile(profile)
    try:
        result = read_kind(kind, path, prof)
    except NotAWorkbookError as exc:
        if issues_xlsx:
            echo_err(_write_issues(list(exc.issues), issues_xlsx, path))
        raise
    issues = list(result.issues)
    wrote = _write_issues(issues, issues_xlsx, path)
    errors = sum(i.is_error for i in issues)
    if kind == "weights":
        counts = {
            "participants": len(result.judgements),
            "methods": sorted({j.mode for j in result.judgements}),
        }
    else:
        ratings = result.ratings
        who = "participant" if kind == "consultation" else "expert"
        counts = {"people": int(ratings[who].nunique()), "ratings": len(ratings)}
        if kind == "consultation":
            counts["dont_know"] = len(result.dont_know)
            counts["groups"] = sorted(ratings["group"].unique().tolist())
    if as_json:
        print_json(
            {
                "file": path.name,
                "kind": kind,
                "readable": True,
                "sha256": result.source.sha256,
                "profile": prof.name,
                **counts,
                "errors": errors,
                "warnings": len(issues) - errors,
                "issues": [i.to_dict() for i in issues],
            }
        )
    else:
        click.echo(f"File:        {path.name}")
        click.echo(f"Kind:        {kind} (profile {prof.name} {prof.version})")
        for key, value in counts.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            click.echo(f"{key.capitalize() + ':':<12} {shown}")
        n_warn = len(issues) - errors
        click.echo(
            f"Result:      {errors} error{'s' * (errors != 1)}, "
            f"{n_warn} warning{'s' * (n_warn != 1)}"
        )
        report_issues(issues)
    if wrote:
        echo_err(wrote)
    sys.exit(EXIT_INPUT if errors else EXIT_OK)
