"""``mgi report``: charts, results workbook, HTML report and Word annex for the strategy draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mgi.cli._app import echo_err, handle_errors, main, report_issues, say
from mgi.cli.prioritize import session_options, session_recipe, whatif_options
from mgi.errors import UsageError

#: The chart formats of ``--formats`` (as :data:`mgi.recipe.CHART_FORMATS`, without importing it).
CHART_FORMATS = ("png", "svg", "pdf", "all-pdf")
#: Help of ``--formats``, shared by ``mgi report`` and ``mgi demo``.
FORMATS_HELP = (
    "Chart formats, comma-separated: png, svg, pdf (a PDF of each chart, and all-charts.pdf), "
    "all-pdf (every chart in one all-charts.pdf). PNG is always written."
)
#: Help of ``--font``, shared by ``mgi report`` and ``mgi demo``.
FONT_HELP = (
    "Font of the charts: an installed font family with the letters ë and ç, such as "
    "'Liberation Sans' [DejaVu Sans, which ships with mgi's chart library]. Recorded in "
    "recipe.toml."
)


def parse_formats(text: str) -> tuple[str, ...]:
    """``"png,svg"`` → ``("png", "svg")``; a usage error for an unknown format."""
    chosen = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = sorted(set(chosen) - set(CHART_FORMATS))
    if unknown:
        raise UsageError(say("cli.report.bad_format", found=", ".join(unknown)))
    return chosen


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
@whatif_options
@click.option(
    "--allow-other-country",
    is_flag=True,
    help="--earlier names another country on purpose (one country under a renamed label, or "
    "in another edition): compare the rounds, with a warning, instead of refusing.",
)
@click.option("--formats", default="png,svg,all-pdf", show_default=True, help=FORMATS_HELP)
@click.option("--font", default=None, metavar="FAMILY", help=FONT_HELP)
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
    allow_other_country: bool,
    formats: str,
    font: str | None,
    output: str | None,
    **options: Any,
) -> None:
    """Write the report folder: charts (PNG 300 dpi, SVG, all-charts.pdf), results.xlsx,
    report.html, strategy-annex.docx and recipe.toml (how to make it again: mgi run
    DIR/recipe.toml). The folder appears complete or not at all. Every file, and every progress
    line (one per chart and document as it is written), is in the language of --lang.

    \b
    Examples:
      mgi report --assessment mgi-2023.xlsx --earlier mgi-2018.xlsx -o reports/albania-2023
      mgi report --assessment mgi-2023.xlsx --consultation consultation.xlsx \\
          --experts experts.xlsx --weights weights.xlsx --reference 2,3,4,5,6,7,9,10
    """
    from mgi.run import run

    recipe = session_recipe(
        options,
        inputs={"assessment": assessment, "earlier": earlier},
        settings={
            "formats": parse_formats(formats),
            "font": font,
            "allow_other_country": allow_other_country,
        },
        outputs={"folder": output, "report": "."},
    )
    made = run(recipe, progress=echo_err)
    report_issues(made.warnings)
    for path in made.files:
        click.echo(str(path))
    echo_err(say("cli.report.wrote", count=len(made.files), folder=made.folder or Path()))
