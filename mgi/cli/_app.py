"""The click group shared by every command, and how errors become exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from mgi import __version__
from mgi.errors import InputError, MGIError

F = TypeVar("F", bound=Callable[..., Any])

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


def echo_err(message: str = "") -> None:
    """Print a message for the user on stderr."""
    click.echo(message, err=True)


def report_issues(issues: Iterable[Any], *, limit: int = 200) -> None:
    """Print issues on stderr, errors first, at most ``limit`` of them."""
    ordered = sorted(issues, key=lambda i: 0 if i.is_error else 1)
    for issue in ordered[:limit]:
        tag = "error" if issue.is_error else "warning"
        echo_err(f"{tag}: {issue}")
    if len(ordered) > limit:
        echo_err(f"... and {len(ordered) - limit} more (use --json or --issues-xlsx for all).")


def print_json(payload: Any) -> None:
    """Print a JSON document on stdout (stable key order, UTF-8)."""
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False, default=str))


def handle_errors(func: F) -> F:
    """Turn mgi errors into a clear message and an exit code; never show a traceback for
    bad input. Internal errors say how to report them (``--debug`` shows the traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            echo_err(f"error: {exc.message}")
            if exc.issues:
                report_issues(exc.issues)
            sys.exit(exc.exit_code)
        except MGIError as exc:
            echo_err(f"error: {exc.message}")
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt as exc:  # Ctrl+C, or SIGTERM/SIGHUP while writing (128 + signal)
            echo_err("Interrupted; no output file was left half-written.")
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

    return wrapper  # type: ignore[return-value]


def instrument_options(command: F) -> F:
    """Add ``--instrument`` and ``--mapping`` to a command that reads assessments.

    The command receives one ``instrument`` argument: ``None`` (use each workbook's stamp), a
    name or path, or, when ``--mapping`` is given, the loaded instrument with that mapping
    (``--instrument`` defaults to ``mgi-national`` then). Loading errors become exit code 1.
    """

    @functools.wraps(command)
    def load(
        *args: Any, instrument: str | None = None, mapping: str | None = None, **kwargs: Any
    ) -> Any:
        if mapping:
            from mgi.instrument import load_instrument

            instrument = load_instrument(instrument or "mgi-national", mapping=mapping)
            report_issues(instrument.warnings)
        return command(*args, instrument=instrument, **kwargs)

    wrapper = handle_errors(load)  # a broken instrument or mapping file is an input error
    wrapper = click.option(
        "--mapping",
        type=click.Path(dir_okay=False),
        default=None,
        metavar="FILE.csv",
        help="Another indicator-to-GCM mapping (columns indicator, gcm_primary, gcm_secondary) "
        "for the instrument.",
    )(wrapper)
    wrapper = click.option(
        "--instrument",
        default=None,
        metavar="NAME|PATH",
        help="Instrument of the workbook(s) [default: the one stamped in the workbook].",
    )(wrapper)
    return wrapper  # type: ignore[return-value]
