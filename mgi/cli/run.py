"""``mgi run``: run a saved recipe (a ``recipe.toml``, or an output folder holding one)."""

from __future__ import annotations

from pathlib import Path

import click

from mgi.cli._app import echo_err, handle_errors, lang_option, main, report_issues, use_language


@main.command("run")
@click.argument("recipe", metavar="RECIPE.toml|DIR", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    default=None,
    type=click.Path(file_okay=False),
    help="Write the outputs into this folder instead of the recipe's [outputs] folder.",
)
@lang_option
@handle_errors
def run_command(recipe: Path, out_dir: str | None, lang: str | None) -> None:
    """Run a recipe: the methodology, inputs, settings and outputs of one run, as TOML.

    Every output folder mgi writes holds the recipe that made it (recipe.toml); running it
    again, into another folder, makes the same files byte for byte. Paths in a recipe are
    relative to its folder.

    \b
    Examples:
      mgi run albania-2023.toml
      mgi run reports/demo/recipe.toml --out reports/demo-again
      mgi run reports/demo --out reports/demo-again
    """
    from mgi.recipe import load_recipe
    from mgi.run import resolve_language, run

    loaded = load_recipe(recipe)
    if lang is not None:
        loaded = loaded.replace(settings={"lang": lang})
    use_language(resolve_language(loaded))
    made = run(loaded, out=out_dir, progress=echo_err)
    report_issues(made.warnings)
    for line in made.summary_lines():
        click.echo(line)
