"""``mgi score`` and ``mgi compare``: domain scores, gaps and coverage; change between rounds.

``mgi score FILE.xlsx`` prints the domain table and (with ``-o``) writes the scorecard workbook;
``mgi score DIR/*.xlsx -o combined.xlsx`` scores many files into one table, skipping (and
reporting) broken ones; ``mgi compare EARLIER.xlsx LATER.xlsx`` prints the change per domain.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from mgi.cli._app import (
    EXIT_INPUT,
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


def _read(path: Path, instrument: Any, allow_incomplete: bool):
    from mgi.workbook import read_assessment

    return read_assessment(path, instrument, allow_incomplete=allow_incomplete)


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
    from mgi._io import refuse_overwrite
    from mgi.scoring import load_scheme, score
    from mgi.scoring.export import write_scorecard
    from mgi.workbook.template import as_instrument

    loaded_scheme = load_scheme(scheme) if scheme else None
    inst = as_instrument(instrument) if instrument else None
    if output is not None:
        refuse_overwrite(output, [*files, *([targets] if targets else [])], check_existing=True)
    if len(files) == 1:
        assessment = _read(files[0], inst, allow_incomplete)
        card = score(assessment, loaded_scheme, targets=targets, allow_incomplete=allow_incomplete)
        report_issues([i.with_location(file=files[0].name) for i in card.issues])
        if as_json:
            print_json(_card_json(card))
        else:
            _print_domains(card)
        if output is not None:
            write_scorecard(card, output)
            echo_err(f"Wrote {output}")
        return
    _score_many(files, inst, loaded_scheme, targets, allow_incomplete, output, as_json)


def _score_many(
    files: tuple[Path, ...],
    inst: Any,
    scheme: Any,
    targets: str | None,
    allow_incomplete: bool,
    output: Path | None,
    as_json: bool,
) -> None:
    from mgi.catalogue import Issue
    from mgi.errors import InputError
    from mgi.scoring import NOT_A_RANKING, combine, score
    from mgi.scoring.export import write_combined

    cards = []
    issues = []
    skipped: list[str] = []
    with click.progressbar(
        files, label="Scoring", file=sys.stderr, item_show_func=lambda p: p.name if p else ""
    ) as bar:
        for path in bar:
            try:
                assessment = _read(path, inst, allow_incomplete)
                card = score(assessment, scheme, targets=targets, allow_incomplete=allow_incomplete)
            except InputError as exc:
                skipped.append(path.name)
                found = exc.issues or (
                    Issue(
                        rule=exc.rule or "workbook.corrupt",
                        severity="error",
                        message=exc.message,
                        file=path.name,
                    ),
                )
                issues += [i.with_location(file=i.file or path.name) for i in found]
                continue
            cards.append(card)
            issues += [i.with_location(file=path.name) for i in card.issues]
    table = combine(cards)
    report_issues(issues)
    if as_json:
        import json

        print_json(
            {
                "scores": json.loads(table.to_json(orient="records")),
                "skipped": skipped,
                "note": NOT_A_RANKING,
            }
        )
    else:
        click.echo(f"{'file':<28} {'code':<8} {'score':>6} {'band':<26} {'gap':>6}")
        for row in table.itertuples(index=False):
            click.echo(
                f"{row.file[:28]:<28} {row.code:<8} {_fmt(row.score)} {row.band:<26} "
                f"{_fmt(row.gap)}"
            )
        click.echo(f"\nNote: {NOT_A_RANKING}")
    if output is not None:
        write_combined(
            table,
            issues,
            output,
            notes=[
                NOT_A_RANKING,
                f"Scheme: {scheme.label if scheme else 'the instrument default'}",
            ],
        )
        echo_err(f"Wrote {output}")
    if skipped:
        echo_err(f"error: {len(skipped)} of {len(files)} file(s) skipped: {', '.join(skipped)}")
        sys.exit(EXIT_INPUT)


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
    earlier_instrument: str | None,
    scheme: str | None,
    targets: str | None,
    allow_incomplete: bool,
    output: Path | None,
    as_json: bool,
) -> None:
    """Compare two rounds: change per domain, sub-domain, objective and indicator.

    \b
    Examples:
      mgi compare albania-2018.xlsx albania-2023.xlsx
      mgi compare albania-2018.xlsx albania-2023.xlsx -o change.xlsx
      mgi compare old-round.xlsx new-round.xlsx --earlier-instrument path/to/edition-1.0/
    """
    import json

    from mgi._io import refuse_overwrite
    from mgi.scoring import compare, load_scheme
    from mgi.scoring.export import write_comparison
    from mgi.workbook.template import as_instrument

    inst = as_instrument(instrument) if instrument else None
    if output is not None:
        refuse_overwrite(
            output, [earlier, later, *([targets] if targets else [])], check_existing=True
        )
    loaded = load_scheme(scheme) if scheme else None
    before = as_instrument(earlier_instrument) if earlier_instrument else inst
    result = compare(
        _read(earlier, before, allow_incomplete),
        _read(later, inst, allow_incomplete),
        loaded,
        allow_incomplete=allow_incomplete,
        targets=targets,
    )
    report_issues(result.issues)
    dom = result.domains
    if as_json:
        print_json(
            {
                "domains": json.loads(dom.reset_index().to_json(orient="records")),
                "indicators": json.loads(result.indicators.reset_index().to_json(orient="records")),
                "summary": result.summary(),
                "overall_change": result.overall_change,
                "unmatched": {k: list(v) for k, v in result.unmatched.items()},
            }
        )
    else:
        click.echo(
            f"{'code':<6} {'name':<34} {'earlier':>7} {'later':>7} {'change':>7}  later band"
        )
        for code, row in dom.iterrows():
            click.echo(
                f"{code:<6} {str(row['name'])[:34]:<34} {_fmt(row['earlier_score'], '7.1f')} "
                f"{_fmt(row['later_score'], '7.1f')} {_fmt(row['score_change'], '+7.1f')}  "
                f"{row['later_band']}"
            )
        counts = ", ".join(f"{k} {v}" for k, v in result.summary().items() if v)
        click.echo(f"\nIndicators: {counts}")
    if output is not None:
        write_comparison(result, output)
        echo_err(f"Wrote {output}")
