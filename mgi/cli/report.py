"""``mgi report``: charts, results workbook, HTML report and Word annex for the strategy draft."""

from __future__ import annotations

import re
from pathlib import Path

import click

from mgi.cli._app import echo_err, handle_errors, main, report_issues
from mgi.cli.prioritize import parse_reference, require_inputs, session_options


def default_folder(country: str, round_: str) -> Path:
    """``reports/<country>-<round>/`` with a file-system-safe name."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{country}-{round_}").strip("-").lower() or "report"
    return Path("reports") / slug


@main.command("report")
@click.option(
    "--assessment",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="Completed MGI questionnaire (this round).",
)
@click.option(
    "--earlier",
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="The same questionnaire from an earlier round (adds the change chart).",
)
@session_options
@click.option(
    "--formats",
    default="png,svg,pdf",
    show_default=True,
    help="Chart formats (PNG is always written).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default=None,
    metavar="DIR",
    help="Report folder [reports/<country>-<round>/].",
)
@handle_errors
def report_command(
    assessment: str,
    earlier: str | None,
    consultation: str | None,
    experts: str | None,
    weights: str | None,
    profile: str,
    scheme: str | None,
    instrument: str | None,
    allow_incomplete: bool,
    samples: int | None,
    seed: int | None,
    reference: str | None,
    formats: str,
    output: str | None,
) -> None:
    """Write the report folder: charts (PNG 300 dpi, SVG, PDF), results.xlsx, report.html and
    strategy-annex.docx. The folder appears complete or not at all.

    \b
    Examples:
      mgi report --assessment mgi-2023.xlsx --earlier mgi-2018.xlsx -o reports/albania-2023
      mgi report --assessment mgi-2023.xlsx --consultation consultation.xlsx \\
          --experts experts.xlsx --weights weights.xlsx --reference 2,3,4,5,6,7,9,10
    """
    from mgi._io import check_output_folder, run_inputs
    from mgi.errors import UsageError
    from mgi.priorities.pipeline import load_session, prioritize_files
    from mgi.reports import build_report
    from mgi.scoring import compare, score
    from mgi.workbook import read_assessment

    inputs = run_inputs(
        assessment, earlier, consultation, experts, weights, profile, scheme, instrument
    )
    if output:
        check_output_folder(output, inputs=inputs)
    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = sorted(set(chosen) - {"png", "svg", "pdf"})
    if unknown:
        raise UsageError(
            f"--formats: {', '.join(unknown)} is not a chart format; use png, svg and/or pdf."
        )
    ranked = bool(consultation or experts)
    if ranked:
        require_inputs(profile, assessment, consultation, experts)
        result, session = prioritize_files(
            assessment=assessment,
            consultation=consultation,
            experts=experts,
            weights=weights,
            profile=profile,
            scheme=scheme,
            instrument=instrument,
            allow_incomplete=allow_incomplete,
            samples=samples,
            seed=seed,
            reference=parse_reference(reference),
        )
    else:
        result = None
        session = load_session(
            assessment=assessment,
            profile=profile,
            scheme=scheme,
            instrument=instrument,
            allow_incomplete=allow_incomplete,
        )
    card = session.scorecard
    comparison = None
    if earlier:
        before = read_assessment(earlier, instrument, allow_incomplete=allow_incomplete)
        if before.has_errors:
            from mgi.errors import InputError

            raise InputError(f"The earlier round {earlier} has errors.", issues=before.issues)
        comparison = compare(score(before, card.scheme, allow_incomplete=allow_incomplete), card)
    folder = (
        Path(output) if output else default_folder(card.assessment.country, card.assessment.round)
    )
    check_output_folder(folder, inputs=inputs)
    written = build_report(card, result, comparison=comparison, out_dir=folder, formats=chosen)
    report_issues([i for i in session.issues if not i.is_error])
    for path in written.files:
        click.echo(str(path))
    echo_err(f"Wrote {len(written.files)} files into {written.out_dir}.")
