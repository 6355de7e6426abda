"""``mgi demo``: the bundled demo recipe, the whole pipeline on the illustrative inputs."""

from __future__ import annotations

import click

from mgi.cli._app import (
    echo_err,
    handle_errors,
    lang_option,
    main,
    report_issues,
    say,
    use_language,
)
from mgi.cli.report import FONT_HELP, FORMATS_HELP


@main.command("demo")
@click.option(
    "--out",
    "out_dir",
    default="reports/demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Output folder (replaced when complete).",
)
@click.option(
    "--samples",
    type=click.IntRange(100, 5_000_000),
    default=None,
    help="Weight samples for rank acceptability [100000].",
)
@click.option(
    "--seed", type=click.IntRange(0, 2**63 - 1), default=None, help="Random seed [profile default]."
)
@click.option("--formats", default="png,svg,all-pdf", show_default=True, help=FORMATS_HELP)
@click.option("--font", default=None, metavar="FAMILY", help=FONT_HELP)
@lang_option
@handle_errors
def demo_command(
    out_dir: str,
    samples: int | None,
    seed: int | None,
    formats: str,
    font: str | None,
    lang: str | None,
) -> None:
    """Run validate → score → compare → prioritise → report on the bundled demo inputs.

    The inputs are ILLUSTRATIVE ("Albania (illustrative)"): made up to show the tool working,
    not an official MGI assessment. Prints one progress line per step, then a summary and the
    path of every output. The folder holds recipe.toml: 'mgi run DIR/recipe.toml --out OTHER'
    makes the same files again. With --lang sq every output and message is in Albanian.
    """
    from mgi.cli.report import parse_formats
    from mgi.demo.run import run_demo

    lang = use_language(lang)
    chosen = parse_formats(formats)
    echo_err(say("cli.demo.start", country="Albania (illustrative)"))
    result = run_demo(
        out_dir,
        samples=samples,
        seed=seed,
        formats=chosen,
        font=font,
        progress=echo_err,
        lang=lang,
    )
    report_issues(result.warnings)
    for line in result.summary_lines():
        click.echo(line)
