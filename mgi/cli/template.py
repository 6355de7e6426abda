"""``mgi template``: write the fillable questionnaire workbook of an instrument."""

from __future__ import annotations

import click

from mgi.cli._app import echo_err, handle_errors, main


@main.command("template")
@click.option(
    "--instrument",
    "instrument",
    default="mgi-national",
    show_default=True,
    metavar="NAME|PATH",
    help="A bundled instrument name or the folder of your own instrument.",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The .xlsx file to write.",
)
@click.option("--country", default=None, help="Pre-fill the country on the Metadata sheet.")
@click.option(
    "--round",
    "round_",
    type=click.IntRange(1900, 2200),
    default=None,
    metavar="YEAR",
    help="Pre-fill the round (year) on the Metadata sheet.",
)
@click.option("--language", default="en", show_default=True, help="Language of the answers.")
@handle_errors
def template_command(
    instrument: str, output: str, country: str | None, round_: int | None, language: str
) -> None:
    """Write a fillable questionnaire workbook (.xlsx) for an instrument.

    \b
    Examples:
      mgi template --instrument mgi-national -o questionnaire.xlsx
      mgi template --instrument sdg-10-7-2 -o sdg.xlsx --country Albania --round 2024
      mgi template --instrument path/to/my-instrument/ -o mine.xlsx
    """
    from mgi.instrument import load_instrument
    from mgi.workbook import write_template

    inst = load_instrument(instrument)
    path = write_template(inst, output, country=country, round=round_, language=language)
    click.echo(str(path))
    echo_err(
        f"Wrote the {inst.label} questionnaire ({len(inst.indicators)} questions, "
        f"{len(inst.domains)} domains) to {path}."
    )
