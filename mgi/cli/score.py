"""``mgi score`` and ``mgi compare``: domain scores, gaps and coverage; change between rounds.

``mgi score FILE.xlsx`` prints the domain table and (with ``-o``) writes the scorecard workbook;
``mgi score DIR/*.xlsx -o combined.xlsx`` scores many files into one table, skipping (and
reporting) broken ones; ``mgi compare EARLIER.xlsx LATER.xlsx`` prints the change per domain.
Both build a :class:`~mgi.recipe.Recipe` from their options and call :func:`mgi.run.run`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from mgi.cli._app import (
    EXIT_INPUT,
    build_recipe,
    echo_err,
    handle_errors,
    instrument_options,
    main,
    print_json,
    report_issues,
)

_SCHEME = click.option(
    "--scheme",
    metavar="NAME|PATH",
    default=None,
    help="Scoring scheme: a bundled name (mgi-default, sdg-10-7-2) or a .toml file "
    "[default: the instrument's scheme: sdg-10-7-2 for the SDG module, else mgi-default].",
)
_TARGETS = click.option(
    "--targets",
    type=click.Path(dir_okay=False),
    help="CSV with columns domain,target overriding the scheme's targets.",
)
_INCOMPLETE = click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Score despite missing answers: they are left out and coverage is reported.",
)
_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _methodology(
    instrument: str | None,
    mapping: str | None,
    scheme: str | None,
    targets: str | None,
    **more: str | None,
) -> dict[str, str | None]:
    """The ``[methodology]`` of a recipe from the options of ``score`` and ``compare``."""
    return {
        "instrument": instrument,
        "mapping": mapping,
        "scheme": scheme,
        "targets": targets,
        **more,
    }


def _fmt(value: float, spec: str = "6.1f") -> str:
    if value != value:  # NaN → blank of the same width
        return " " * len(format(0.0, spec))
    return format(value, spec)


def _print_domains(card: Any) -> None:
    dom = card.domains
    click.echo(f"{card.assessment.label}: scheme {card.scheme.label}")
    click.echo(
        f"{'code':<6} {'name':<34} {'score':>6} {'band':<26} {'target':>6} {'gap':>6} coverage"
    )
    for code, row in dom.iterrows():
        click.echo(
            f"{code:<6} {str(row['name'])[:34]:<34} {_fmt(row['score'])} {row['band']:<26} "
            f"{_fmt(row['target'])} {_fmt(row['gap'])} "
            f"{row['answered']}/{row['applicable']} ({row['share_answered']:.0%})"
        )
    over = card.overall_summary
    click.echo(f"{'':<6} {'Overall (derived analytic)':<34} {_fmt(over['score'])} {over['band']}")
    click.echo(f"\nNote: {over['note']}")


def _card_json(card: Any) -> dict[str, Any]:
    import json

    def records(frame: Any) -> Any:
        return json.loads(frame.reset_index().to_json(orient="records"))

    return {
        "file": card.assessment.source.file_name,
        "overall": card.overall_summary,
        "domains": records(card.domains),
        "subdomains": records(card.subdomains),
        "objectives": records(card.objectives),
        "notes": list(card.notes),
        "issues": [i.to_dict() for i in card.issues],
        "provenance": card.provenance(),
    }


@main.command("score")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@instrument_options
@_SCHEME
@_TARGETS
@_INCOMPLETE
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the scorecard workbook (one file) or the combined table (many files).",
)
@_JSON
@handle_errors
def score_command(
    files: tuple[Path, ...],
    instrument: str | None,
    mapping: str | None,
    scheme: str | None,
    targets: str | None,
    allow_incomplete: bool,
    output: Path | None,
    as_json: bool,
) -> None:
    """Score completed questionnaires: domain scores, bands, gaps to targets, coverage.

    Scores are derived analytics, not MGI results: the MGI is not a ranking of countries.

    \b
    Examples:
      mgi score albania-2023.xlsx -o scores.xlsx
      mgi score albania-2023.xlsx --scheme sdg-10-7-2 --json
      mgi score rounds/*.xlsx -o combined.xlsx
    """
    from mgi.run import run

    one = len(files) == 1
    recipe = build_recipe(
        methodology=_methodology(instrument, mapping, scheme, targets),
        inputs={"assessment": files[0]} if one else {"assessments": files},
        settings={"allow_incomplete": allow_incomplete},
        outputs={("scores" if one else "combined"): output},
    )
    result = run(recipe, progress=None if one or as_json else echo_err)
    report_issues(result.issues)
    if one:
        if as_json:
            print_json(_card_json(result.scorecard))
        else:
            _print_domains(result.scorecard)
    else:
        _print_combined(result, as_json)
    for path in result.files:
        echo_err(f"Wrote {path}")
    if result.skipped:
        echo_err(
            f"error: {len(result.skipped)} of {len(files)} file(s) skipped: "
            f"{', '.join(result.skipped)}"
        )
        sys.exit(EXIT_INPUT)


def _print_combined(result: Any, as_json: bool) -> None:
    from mgi.scoring import NOT_A_RANKING

    table = result.combined
    if as_json:
        import json

        print_json(
            {
                "scores": json.loads(table.to_json(orient="records")),
                "skipped": list(result.skipped),
                "note": NOT_A_RANKING,
            }
        )
        return
    click.echo(f"{'file':<28} {'code':<8} {'score':>6} {'band':<26} {'gap':>6}")
    for row in table.itertuples(index=False):
        click.echo(
            f"{row.file[:28]:<28} {row.code:<8} {_fmt(row.score)} {row.band:<26} {_fmt(row.gap)}"
        )
    click.echo(f"\nNote: {NOT_A_RANKING}")


@main.command("compare")
@click.argument("earlier", type=click.Path(path_type=Path))
@click.argument("later", type=click.Path(path_type=Path))
@instrument_options
@click.option(
    "--earlier-instrument",
    default=None,
    metavar="NAME|PATH",
    help="Instrument of the earlier round when it differs (e.g. the folder of an older "
    "edition); indicators are matched by code and unmatched ones are reported.",
)
@_SCHEME
@_TARGETS
@_INCOMPLETE
@click.option(
    "--allow-other-country",
    is_flag=True,
    help="The two files name different countries on purpose (one country under a renamed "
    "label, or in another edition): compare them, with a warning, instead of refusing.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the comparison workbook.",
)
@_JSON
@handle_errors
def compare_command(
    earlier: Path,
    later: Path,
    instrument: str | None,
    mapping: str | None,
    earlier_instrument: str | None,
    scheme: str | None,
    targets: str | None,
    allow_incomplete: bool,
    allow_other_country: bool,
    output: Path | None,
    as_json: bool,
) -> None:
    """Compare two rounds: change per domain, sub-domain, objective and indicator.

    The two files must be of one country (unless --allow-other-country) and in order: the
    earlier round first. Groups with no score in either round are left out of the change.

    \b
    Examples:
      mgi compare albania-2018.xlsx albania-2023.xlsx
      mgi compare albania-2018.xlsx albania-2023.xlsx -o change.xlsx
      mgi compare old-round.xlsx new-round.xlsx --earlier-instrument path/to/edition-1.0/
    """
    import json

    from mgi.run import run

    recipe = build_recipe(
        methodology=_methodology(
            instrument, mapping, scheme, targets, earlier_instrument=earlier_instrument
        ),
        inputs={"assessment": later, "earlier": earlier},
        settings={
            "allow_incomplete": allow_incomplete,
            "allow_other_country": allow_other_country,
        },
        outputs={"comparison": output},
    )
    result = run(recipe)
    report_issues(result.issues)
    comparison = result.comparison
    dom = comparison.domains
    if as_json:
        print_json(
            {
                "domains": json.loads(dom.reset_index().to_json(orient="records")),
                "indicators": json.loads(
                    comparison.indicators.reset_index().to_json(orient="records")
                ),
                "summary": comparison.summary(),
                "overall_change": comparison.overall_change,
                "unmatched": {k: list(v) for k, v in comparison.unmatched.items()},
            }
        )
    else:
        first = comparison.earlier.assessment.round or "earlier"
        second = comparison.later.assessment.round or "later"
        click.echo(
            f"{'code':<6} {'name':<34} {first[:7]:>7} {second[:7]:>7} {'change':>7}  band {second}"
        )
        for code, row in dom.iterrows():
            click.echo(
                f"{code:<6} {str(row['name'])[:34]:<34} {_fmt(row['earlier_score'], '7.1f')} "
                f"{_fmt(row['later_score'], '7.1f')} {_fmt(row['score_change'], '+7.1f')}  "
                f"{row['later_band']}"
            )
        counts = ", ".join(f"{k} {v}" for k, v in comparison.summary().items() if v)
        click.echo(f"\nIndicators: {counts}")
    for path in result.files:
        echo_err(f"Wrote {path}")
