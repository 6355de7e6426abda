"""``mgi validate``: read a completed workbook (questionnaire, consultation, expert ratings or
weights) and list every problem in it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mgi.cli._app import (
    EXIT_INPUT,
    EXIT_OK,
    echo_err,
    handle_errors,
    instrument_options,
    lang_option,
    main,
    print_json,
    report_issues,
    say,
    use_language,
)

if TYPE_CHECKING:
    from mgi.instrument import Instrument


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
@lang_option
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
    lang: str | None,
) -> None:
    """Check a completed questionnaire workbook and list every problem.

    Exit code 0 when there are no errors (warnings allowed), 1 when there are errors or the
    file cannot be read, 2 for a usage error. The file is never changed. The messages and the
    issues workbook are in the language of --lang, by default the language the template was
    made in.

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
    from mgi.workbook.kinds import stamped_language

    path = Path(file)
    use_language(lang or (stamped_language(path) if path.is_file() else None))
    if issues_xlsx:
        refuse_overwrite(issues_xlsx, [path], check_existing=True)
    source: str | Instrument | None = instrument
    if mapping:
        from mgi.instrument import load_instrument

        source = load_instrument(instrument or "mgi-national", mapping=mapping)
        report_issues(source.warnings)
    if kind is None:
        kind = _stamped_kind(path)
    if kind != "questionnaire":
        _validate_session(path, kind, profile, as_json, issues_xlsx)
        return
    try:
        assessment = read_assessment(path, source, allow_incomplete=allow_incomplete)
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
            click.echo(say("cli.validate.unreadable", file=path.name))
        echo_err(say("cli.error", message=exc.message))
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
    return say("cli.validate.wrote_issues", count=len(issues), file=path.name, path=written)


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
    """The short human summary printed on stdout, in the command's language."""
    from mgi.i18n import current_language, format_value

    lang = current_language()
    cov = assessment.coverage()
    issues = list(assessment.issues) if issues is None else issues
    n_err = sum(i.is_error for i in issues)
    missing = say("cli.validate.missing_value")
    return labelled(
        [
            ("file", assessment.source.file_name),
            ("instrument", assessment.instrument.label),
            ("country", assessment.country or missing),
            ("round", assessment.round or missing),
            (
                "answers",
                say(
                    "cli.validate.answers_summary",
                    answered=cov["answered"],
                    not_applicable=cov["not_applicable"],
                    missing=cov["missing"],
                    invalid=cov["invalid"],
                    total=cov["total"],
                    share=format_value("share", cov["share_answered"], lang),
                ),
            ),
            ("result", result_text(n_err, len(issues) - n_err)),
        ]
    )


def result_text(errors: int, warnings: int) -> str:
    """``2 errors, 1 warning`` in the command's language."""
    return (
        say("cli.validate.errors", count=errors)
        + ", "
        + say("cli.validate.warnings", count=warnings)
    )


def labelled(rows: list[tuple[str, Any]]) -> list[str]:
    """``Label:  value`` lines, the labels (``cli.validate.<key>``) in the command's language
    and aligned; long values wrapped within 100 columns."""
    from mgi._terminal import wrap

    labels = [say(f"cli.validate.{key}") + ":" for key, _ in rows]
    width = max(13, *(len(label) + 1 for label in labels))
    lines: list[str] = []
    for label, (_, value) in zip(labels, rows, strict=True):
        body = wrap(str(value), width=100 - width)
        lines.append(label.ljust(width) + body[0])
        lines += [" " * width + more for more in body[1:]]
    return lines


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
    counts: dict[str, Any]
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
        from mgi.i18n import current_language, translate

        lang = current_language()
        shown = dict(counts)
        if "methods" in shown:
            shown["methods"] = [say(f"value.mode.{m}") for m in shown["methods"]]
        if "groups" in shown:
            shown["groups"] = [
                translate("stakeholder_groups", g, "label", lang) for g in shown["groups"]
            ]
        rows = [
            ("file", path.name),
            (
                "kind",
                say(
                    "cli.validate.kind_profile",
                    kind=say(f"value.kind.{kind}"),
                    profile=f"{prof.name} {prof.version}",
                ),
            ),
            *((key, ", ".join(v) if isinstance(v, list) else v) for key, v in shown.items()),
            ("result", result_text(errors, len(issues) - errors)),
        ]
        for line in labelled(rows):
            click.echo(line)
        report_issues(issues)
    if wrote:
        echo_err(wrote)
    sys.exit(EXIT_INPUT if errors else EXIT_OK)
