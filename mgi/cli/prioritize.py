"""``mgi prioritize``: rank the 23 GCM objectives from the session's workbooks.

The session's options (the consultation, expert and weights workbooks, profile, scheme,
instrument and mapping, missing answers, samples, seed, reference list) are shared with
``mgi report``: :func:`session_options` adds them, :func:`session_recipe` turns them into a
:class:`~mgi.recipe.Recipe`, and :func:`mgi.run.run` does the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import click

from mgi.cli._app import (
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
from mgi.errors import UsageError


class _Methods(click.Choice):
    """``--method`` choices read from :data:`mgi.prioritization.METHODS` when first needed (the
    engine is not imported for ``mgi --help``): each method, ``promethee`` for PROMETHEE II,
    and ``all``. ``_METHODS[choice]`` is the list of methods a choice runs."""

    def __init__(self) -> None:
        super().__init__(())

    def _lookup(self) -> dict[str, list[str]]:
        from mgi.prioritization import METHODS

        return {
            **{name: [name] for name in METHODS},
            "promethee": ["promethee_ii"],
            "all": list(METHODS),
        }

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self._lookup())

    @choices.setter
    def choices(self, value: object) -> None:
        pass

    def __getitem__(self, choice: str) -> list[str]:
        return self._lookup()[choice]


_METHODS = _Methods()


def require_inputs(
    profile: str, assessment: str | None, consultation: str | None, experts: str | None
) -> None:
    """Usage error (exit 2) when the profile's criteria need an input that was not given."""
    from mgi.priorities.profile import load_profile

    needed = {c.source for c in load_profile(profile).criteria}
    given = {"scorecard": assessment, "consultation": consultation, "experts": experts}
    options = {
        "scorecard": "--assessment",
        "consultation": "--consultation",
        "experts": "--experts",
    }
    missing = [
        options[s] for s in ("scorecard", "consultation", "experts") if s in needed and not given[s]
    ]
    if missing:
        raise UsageError(
            say("cli.prioritize.needs_inputs", profile=profile, options=", ".join(missing))
        )


def parse_reference(text: str | None) -> list[int]:
    """``"2,3,5"`` → ``[2, 3, 5]``; raises a usage error for anything else."""
    if not text:
        return []
    numbers = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().upper().removeprefix("GCM")
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 23:
            raise UsageError(say("cli.prioritize.bad_reference", found=part))
        numbers.append(int(part))
    return numbers


#: Options shared by ``mgi prioritize`` and ``mgi report``: the session's inputs and settings.
SESSION_OPTIONS = [
    click.option(
        "--consultation",
        type=click.Path(dir_okay=False),
        metavar="FILE.xlsx",
        help="Completed stakeholder consultation workbook.",
    ),
    click.option(
        "--experts",
        type=click.Path(dir_okay=False),
        metavar="FILE.xlsx",
        help="Completed expert ratings workbook.",
    ),
    click.option(
        "--weights",
        type=click.Path(dir_okay=False),
        metavar="FILE.xlsx",
        help="Completed working-group weights workbook (default: the profile's weights).",
    ),
    click.option(
        "--profile",
        default="gcm-default",
        show_default=True,
        metavar="NAME|PATH",
        help="Prioritisation profile: criteria, directions, default weights, settings.",
    ),
    click.option(
        "--scheme",
        default=None,
        metavar="NAME|PATH",
        help="Scoring scheme for the assessment [default: the instrument's scheme].",
    ),
    click.option(
        "--allow-incomplete",
        is_flag=True,
        help="Score an assessment with missing answers (they are left out and the coverage "
        "is reported).",
    ),
    click.option(
        "--samples",
        type=click.IntRange(100, 5_000_000),
        default=None,
        help="Weight samples for the rank acceptability analysis [profile: 100000].",
    ),
    click.option(
        "--seed",
        type=click.IntRange(0, 2**63 - 1),
        default=None,
        help="Random seed [profile default].",
    ),
    click.option(
        "--reference",
        default=None,
        metavar="2,3,5,...",
        help="A reference list of objective numbers to compare the ranking with.",
    ),
]

#: What-if options of ``mgi prioritize`` and ``mgi report`` (one run; recorded).
WHATIF_OPTIONS = [
    click.option(
        "--weight",
        "weight_overrides",
        multiple=True,
        metavar="CRITERION=POINTS",
        help="For this run only, give a criterion these points out of the 100 agreed points "
        "(repeatable: --weight gap=40 --weight stakeholders=20); recorded.",
    ),
    click.option(
        "--exclude",
        multiple=True,
        metavar='GCM08[:"reason"]',
        help="Leave an objective out of the ranking (repeatable), with its reason.",
    ),
    click.option(
        "--lock",
        multiple=True,
        metavar='GCM04[:"reason"]',
        help="Keep an objective in the priority set: ranked ahead of all the others "
        "(repeatable), with its reason.",
    ),
    click.option(
        "--reason",
        default="",
        metavar="TEXT",
        help="The reason of the --exclude and --lock given without one of their own.",
    ),
]


def whatif_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add :data:`WHATIF_OPTIONS` to a command."""
    for option in reversed(WHATIF_OPTIONS):
        command = option(command)
    return command


def whatif_settings(options: Mapping[str, Any]) -> dict[str, Any]:
    """The recipe's what-if settings from ``--weight``, ``--exclude``, ``--lock`` and
    ``--reason``; a usage error (exit 2) for anything malformed or a criterion that is not the
    profile's."""
    from mgi.errors import InputError
    from mgi.priorities.profile import load_profile
    from mgi.priorities.whatif import parse_objectives, parse_weights

    if "weight_overrides" not in options:  # a command without the what-if options
        return {}
    try:
        weights = parse_weights(options.get("weight_overrides") or ())
        exclude = parse_objectives(options.get("exclude") or (), options.get("reason") or "")
        lock = parse_objectives(options.get("lock") or (), options.get("reason") or "")
    except InputError as exc:
        raise UsageError(" ".join(i.message for i in exc.issues) or str(exc)) from None
    if weights:
        codes = load_profile(options["profile"]).codes
        unknown = [c for c in weights if c not in codes]
        if unknown:
            raise UsageError(
                f"--weight: {', '.join(unknown)} is not a criterion of the profile "
                f"{options['profile']}; use {', '.join(codes)}."
            )
    both = sorted(set(exclude) & set(lock))
    if both:
        raise UsageError(f"{', '.join(both)}: an objective cannot be both excluded and locked.")
    return {"weights": weights or None, "exclude": exclude or None, "lock": lock or None}


def session_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add :data:`SESSION_OPTIONS` (and ``--instrument``, ``--mapping``, ``--lang``) to a
    command."""
    for option in reversed(SESSION_OPTIONS):
        command = option(command)
    return lang_option(instrument_options(command))


def session_recipe(
    options: Mapping[str, Any],
    *,
    inputs: Mapping[str, Any],
    settings: Mapping[str, Any] = {},
    outputs: Mapping[str, Any] = {},
) -> Any:
    """The recipe of a command with :func:`session_options` (``options``: their values).

    Refuses (exit 2), before anything is read, an output that would lose a file, a profile
    whose criteria need an input that was not given, and a malformed ``--reference``. From
    then on the command prints in the run's language (``--lang``, else the language of the
    workbooks read).
    """
    from mgi.run import check_outputs, resolve_language

    o = dict(options)
    recipe = build_recipe(
        methodology={
            "instrument": o["instrument"],
            "mapping": o["mapping"],
            "scheme": o["scheme"],
            "profile": o["profile"],
        },
        inputs={
            **inputs,
            "consultation": o["consultation"],
            "experts": o["experts"],
            "weights": o["weights"],
            "reference": parse_reference(o["reference"]),
        },
        settings={
            "allow_incomplete": o["allow_incomplete"],
            "samples": o["samples"],
            "seed": o["seed"],
            "lang": o["lang"],
            **whatif_settings(o),
            **settings,
        },
        outputs=outputs,
    )
    use_language(resolve_language(recipe))
    check_outputs(recipe)  # an output that would lose a file first, then missing inputs
    if o["consultation"] or o["experts"] or settings.get("prioritize"):
        require_inputs(o["profile"], inputs.get("assessment"), o["consultation"], o["experts"])
    return recipe


@main.command("prioritize")
@click.option(
    "--assessment",
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="Completed MGI questionnaire (gives the governance gap per objective).",
)
@session_options
@whatif_options
@click.option(
    "--method",
    type=_METHODS,
    default="all",
    show_default=True,
    help="Ranking method(s); the first is the primary ranking.",
)
@click.option(
    "--top",
    "top_k",
    type=click.IntRange(1, 23),
    default=None,
    help="Size of the priority set (top k) [profile: 10].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="priorities.xlsx",
    help="Write the full result workbook.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@handle_errors
def prioritize_command(
    assessment: str | None,
    method: str,
    top_k: int | None,
    output: str | None,
    as_json: bool,
    **options: Any,
) -> None:
    """Rank the 23 GCM objectives and explain the ranking.

    Prints the ranked table (the consensus rank across the methods, the range of ranks
    across the methods, the probability of being in the top 10 and the rank range when the
    weights, the data and the method all vary, what lifts and what holds back each objective)
    and writes the full result workbook with -o.

    \b
    Examples:
      mgi prioritize --assessment mgi-2023.xlsx --consultation consultation.xlsx \\
          --experts experts.xlsx --weights weights.xlsx --reference 2,3,4,5,6,7 -o priorities.xlsx
      mgi prioritize ... --weight gap=40 --weight stakeholders=20 \\
          --exclude 'GCM08:"covered by the EU programme"' --lock GCM04 --reason "legal duty"
    """
    from mgi.priorities.export import table_records
    from mgi.run import run

    recipe = session_recipe(
        options,
        inputs={"assessment": assessment},
        settings={"methods": _METHODS[method], "top_k": top_k, "prioritize": True},
        outputs={"priorities": output},
    )
    made = run(recipe)
    result = made.prioritization
    written = [str(p) for p in made.files]
    if as_json:
        print_json(
            {
                "ranking": table_records(result),
                "weights": result.weights.to_dict(),
                "weights_rule": result.agreed.rule,
                "consistency_hints": list(result.agreed.hints),
                "reference_comparison": result.reference_comparison(),
                "settings": result.settings,
                "notes": list(result.warnings),
                "output": written[0] if written else None,
                "issues": [i.to_dict() for i in made.issues],
            }
        )
        return
    from mgi.priorities.export import ranking_lines

    for line in [*ranking_lines(result), *closing_lines(result)]:
        click.echo(line)
    for note in result.warnings:
        echo_err(say("cli.prioritize.note", note=note))
    report_issues(made.warnings)
    for path in written:
        echo_err(say("cli.wrote", path=path))


def closing_lines(result: Any) -> list[str]:
    """What ``mgi prioritize`` prints under the ranked table, in the command's language: the
    rule that made the agreed weights and the agreement with the reference list."""
    from mgi._terminal import wrap
    from mgi.i18n import current_language, format_value

    lang = current_language()
    lines = wrap(say("cli.prioritize.weights", rule=result.agreed.rule))
    comparison = result.reference_comparison()
    if comparison:
        lines += wrap(
            say(
                "cli.prioritize.reference",
                hits=comparison["overlap"],
                k=result.top_k,
                precision=format_value("share", comparison["precision"], lang),
                recall=format_value("share", comparison["recall"], lang),
            )
        )
    return lines
