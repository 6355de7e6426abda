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
    lang_option,
    main,
    print_json,
    report_issues,
    say,
    use_language,
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


def _echo(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


def _band(value: Any, lang: str) -> Any:
    from mgi.i18n import translate

    return translate("bands", value, "label", lang) if isinstance(value, str) else value


def _print_domains(card: Any) -> None:
    """The domain table: code, name (wrapped), score, band, target, gap and coverage, in the
    command's language, within 100 columns."""
    from mgi._terminal import Col, table, wrap
    from mgi.i18n import current_language

    lang = current_language()
    click.echo(say("cli.score.heading", assessment=card.assessment.label, scheme=card.scheme.label))
    rows = [
        {
            "code": code,
            **row,
            "band": _band(row["band"], lang),
            "coverage": f"{row['answered']}/{row['applicable']}",
        }
        for code, row in card.domains.iterrows()
    ]
    over = card.overall_summary
    rows.append(
        {
            "code": "",
            "name": say("cli.score.overall"),
            "score": over["score"],
            "band": _band(over["band"], lang),
            "share_answered": over["share_answered"],
        }
    )
    columns = [
        Col("code"),
        Col("name", wrap=True),
        Col("score"),
        Col("band", wrap=True),
        Col("target"),
        Col("gap"),
        Col("coverage", header=say("cli.score.answered")),
        Col("share_answered"),
    ]
    _echo(table(rows, columns, lang))
    click.echo("")
    _echo(wrap(say("cli.score.note", note=over["note"])))


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
@lang_option
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
    lang: str | None,
) -> None:
    """Score completed questionnaires: domain scores, bands, gaps to targets, coverage.

    Scores are derived analytics, not MGI results: the MGI is not a ranking of countries.

    \b
    Examples:
      mgi score albania-2023.xlsx -o scores.xlsx
      mgi score albania-2023.xlsx --scheme sdg-10-7-2 --json
      mgi score rounds/*.xlsx -o combined.xlsx
    """
    from mgi.run import resolve_language, run

    one = len(files) == 1
    recipe = build_recipe(
        methodology=_methodology(instrument, mapping, scheme, targets),
        inputs={"assessment": files[0]} if one else {"assessments": files},
        settings={"allow_incomplete": allow_incomplete, "lang": lang},
        outputs={("scores" if one else "combined"): output},
    )
    use_language(resolve_language(recipe))
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
        echo_err(say("cli.wrote", path=path))
    if result.skipped:
        skipped = say(
            "cli.score.skipped",
            skipped=len(result.skipped),
            total=len(files),
            files=", ".join(result.skipped),
        )
        echo_err(say("cli.error", message=skipped))
        sys.exit(EXIT_INPUT)


def _print_combined(result: Any, as_json: bool) -> None:
    from mgi._terminal import Col, table, wrap
    from mgi.i18n import current_language

    lang = current_language()
    note = say("notice.overall_derived")
    combined = result.combined
    if as_json:
        import json

        print_json(
            {
                "scores": json.loads(combined.to_json(orient="records")),
                "skipped": list(result.skipped),
                "note": note,
            }
        )
        return
    rows = [{**row, "band": _band(row["band"], lang)} for row in combined.to_dict("records")]
    columns = [
        Col("file", wrap=True),
        Col("code"),
        Col("score"),
        Col("band", wrap=True),
        Col("gap"),
    ]
    _echo(table(rows, columns, lang))
    click.echo("")
    _echo(wrap(say("cli.score.note", note=note)))


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
@lang_option
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
    lang: str | None,
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

    from mgi.run import resolve_language, run

    recipe = build_recipe(
        methodology=_methodology(
            instrument, mapping, scheme, targets, earlier_instrument=earlier_instrument
        ),
        inputs={"assessment": later, "earlier": earlier},
        settings={
            "allow_incomplete": allow_incomplete,
            "allow_other_country": allow_other_country,
            "lang": lang,
        },
        outputs={"comparison": output},
    )
    use_language(resolve_language(recipe))
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
        _print_change(comparison)
    for path in result.files:
        echo_err(say("cli.wrote", path=path))


def _print_change(comparison: Any) -> None:
    """The change per domain, the two rounds named by their years, within 100 columns."""
    from mgi._terminal import Col, table, wrap
    from mgi.i18n import current_language, value_label

    lang = current_language()
    first = comparison.earlier.assessment.round or comparison.earlier.assessment.label
    second = comparison.later.assessment.round or comparison.later.assessment.label
    click.echo(say("cli.compare.heading", earlier=first, later=second))
    rows = [
        {"code": code, **row, "later_band": _band(row["later_band"], lang)}
        for code, row in comparison.domains.iterrows()
    ]
    columns = [
        Col("code"),
        Col("name", wrap=True),
        Col("earlier_score", header=say("cli.compare.score_in", round=first)),
        Col("later_score", header=say("cli.compare.score_in", round=second)),
        Col("score_change"),
        Col("later_band", header=say("cli.compare.band_in", round=second), wrap=True),
    ]
    _echo(table(rows, columns, lang))
    counts = ", ".join(
        f"{value_label('change', k, lang)} {v}" for k, v in comparison.summary().items() if v
    )
    click.echo("")
    _echo(wrap(say("cli.compare.indicators", counts=counts)))
