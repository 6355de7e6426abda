"""The click group shared by every command, and how errors become exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import click

from mgi import __version__
from mgi.errors import InputError, MGIError

if TYPE_CHECKING:
    from mgi.catalogue import Severity

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mgi")
@click.option(
    "--debug", is_flag=True, hidden=True, help="Show Python tracebacks of internal errors."
)
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """mgi: migration-governance assessment and GCM policy prioritisation.

    \b
    Typical session:
      mgi template --instrument mgi-national -o questionnaire.xlsx
      mgi validate questionnaire.xlsx
      mgi score questionnaire.xlsx -o scores.xlsx
      mgi demo            (the whole pipeline on the bundled illustrative inputs)

    Exit codes: 0 success, 1 the inputs have problems (all listed), 2 usage error.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


#: The garbage collector's first threshold in the ``mgi`` program (Python's default is 700):
#: a run makes millions of short-lived objects (chart artists, cells, rows) and few cycles,
#: and collecting every 700 allocations cost about a tenth of ``mgi demo``'s processor time.
GC_THRESHOLD = 50_000


def entry() -> None:
    """The ``mgi`` program (and ``python -m mgi``): :data:`main` run as a short batch job.

    The garbage collector runs less often (:data:`GC_THRESHOLD`, in the chart workers too),
    and the objects left at the end are frozen before the interpreter exits, so that it does
    not walk them all once more just to free memory the system takes back anyway. Nothing
    else changes: the library and the tests call :data:`main` with Python's settings.
    """
    import gc

    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        main()
    finally:
        gc.freeze()


def echo_err(message: str = "") -> None:
    """Print a message for the user on stderr."""
    click.echo(message, err=True)


def say(key: str, **fields: Any) -> str:
    """The interface text ``key`` in the command's language (see :func:`use_language`)."""
    from mgi.i18n import current_language, text

    return text(key, current_language(), **fields)


def _check_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--lang``: a language with catalogues (``sq``, ``SQ``, ``sq-AL``), as its code."""
    if value is None:
        return None
    from mgi.i18n import UnknownLanguageError, language

    try:
        return language(value).code
    except UnknownLanguageError as exc:
        raise click.BadParameter(exc.message, ctx=ctx, param=param) from None


def lang_option(command: F) -> F:
    """Add ``--lang CODE`` to a command: the language of everything it writes and prints.

    The command receives the code (``None`` when not given, so that its default can come from
    the recipe or from the workbook it reads) and calls :func:`use_language` once it knows it.
    An unknown language is a usage error (exit 2) that lists the languages there are.
    """
    return click.option(
        "--lang",
        "lang",
        default=None,
        metavar="CODE",
        callback=_check_language,
        help="Language of what the command writes and prints: en (English), sq (Albanian) or "
        "another language of data/i18n [default: the recipe's, else the language the workbook "
        "read was made in, else en].",
    )(command)


def use_language(lang: str | None) -> str:
    """Print and write in ``lang`` (``None``: the source language, English) for the rest of the
    command, error messages included; returns the language's code."""
    from mgi.i18n import language, source_language, using

    chosen = language(lang) if lang else source_language()
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.with_resource(using(chosen))
    return chosen.code


#: A kind of problem (same file, same rule) with more occurrences than this is summarised.
MANY = 10
#: How many occurrences of a summarised kind are still printed in full.
SHOWN = 3


def summarise_issues(issues: Iterable[Any]) -> list[Any]:
    """The issues to print: errors first; of a kind with more than :data:`MANY` occurrences
    in one file, the first :data:`SHOWN` and one line saying how many more there are; the
    missing answers of a questionnaire that looks unfilled only as that count."""
    from mgi.catalogue import make_issue

    ordered = sorted(dict.fromkeys(issues), key=lambda i: 0 if i.is_error else 1)
    unfilled = {i.file for i in ordered if i.rule == "assessment.unfilled"}
    groups: dict[tuple[Severity, Any, str], list[Any]] = {}
    for issue in ordered:
        groups.setdefault((issue.severity, issue.file, issue.rule), []).append(issue)
    shown: list[Any] = []
    for (severity, file, rule), group in groups.items():
        hidden = rule == "answer.missing" and file in unfilled
        if not hidden and len(group) <= MANY:
            shown += group
            continue
        keep = [] if hidden else group[:SHOWN]
        shown += keep
        # Problems of one file can be listed by validating it; the others (a comparison of
        # two rounds, a ranking) are on the Issues sheet of the results workbooks.
        shown.append(
            make_issue(
                "issues.more_of_kind" if file else "issues.more_of_kind_run",
                severity=severity,
                file=file,
                found=len(group) - len(keep),
                expected=rule,
                name=file or "FILE",
            )
        )
    return shown


def report_issues(issues: Iterable[Any], *, limit: int = 200) -> None:
    """Print issues on stderr, errors first, summarised (see :func:`summarise_issues`), at
    most ``limit`` lines."""
    from mgi.i18n.issues import render, severity

    shown = summarise_issues(issues)
    for issue in shown[:limit]:
        echo_err(f"{severity(issue)}: {render(issue)}")
    if len(shown) > limit:
        echo_err(say("cli.more_issues", count=len(shown) - limit))


def print_json(payload: Any) -> None:
    """Print a JSON document on stdout (stable key order, UTF-8)."""
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False, default=str))


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn mgi errors into a clear message and an exit code; never show a traceback for
    bad input. Internal errors say how to report them (``--debug`` shows the traceback)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            echo_err(say("cli.error", message=exc.message))
            if exc.issues:
                report_issues(exc.issues)
            sys.exit(exc.exit_code)
        except MGIError as exc:
            echo_err(say("cli.error", message=exc.message))
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt as exc:  # Ctrl+C, or SIGTERM/SIGHUP while writing (128 + signal)
            echo_err(say("cli.interrupted"))
            sys.exit(getattr(exc, "exit_code", 130))
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except Exception as exc:
            ctx = click.get_current_context(silent=True)
            if ctx is not None and ctx.find_root().obj and ctx.find_root().obj.get("debug"):
                raise
            echo_err(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in mgi, not a problem with your files. Run the same command with "
                "'mgi --debug ...' and send the output to the maintainers."
            )
            sys.exit(3)

    return wrapper


def instrument_options(command: F) -> F:
    """Add ``--instrument`` and ``--mapping`` to a command that reads assessments.

    The command receives both as given (``None`` when absent): the recipe it builds names
    them, and :func:`mgi.run.run` loads them (``--instrument`` defaults to the workbook's stamp,
    or to ``mgi-national`` when only ``--mapping`` is given).
    """
    wrapper = click.option(
        "--mapping",
        type=click.Path(dir_okay=False),
        default=None,
        metavar="FILE.csv",
        help="Another indicator-to-GCM mapping (columns indicator, gcm_primary, gcm_secondary) "
        "for the instrument.",
    )(command)
    wrapper = click.option(
        "--instrument",
        default=None,
        metavar="NAME|PATH",
        help="Instrument of the workbook(s) [default: the one stamped in the workbook].",
    )(wrapper)
    return wrapper


def build_recipe(**sections: Mapping[str, Any]) -> Any:
    """A :class:`~mgi.recipe.Recipe` from a command's options (paths relative to the current
    folder; options not given are left out). A value the recipe refuses is a usage error."""
    from pydantic import ValidationError

    from mgi.errors import UsageError
    from mgi.recipe import Recipe

    data = {
        name: {k: v for k, v in values.items() if v is not None and v != ()}
        for name, values in sections.items()
    }
    try:
        return Recipe.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {str(e['msg']).removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise UsageError(f"The options cannot be used as given: {problems}.") from None
