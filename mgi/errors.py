"""The exception tree of mgi.

One base class, :class:`MGIError`, and a few children that carry the context a user needs
(path, sheet, issues, reason code). The command line maps them to exit codes: input problems
exit with 1, usage problems with 2. Library code raises these and nothing else for bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mgi.catalogue import Issue


class MGIError(Exception):
    """Base class of every error mgi raises on purpose.

    Parameters
    ----------
    message
        A complete sentence a spreadsheet user can act on.
    path
        The file the problem is in, if any.
    rule
        The catalogue code of the problem (see :mod:`mgi.catalogue`).
    """

    exit_code = 1

    def __init__(self, message: str, *, path: Path | str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.rule = rule

    def __str__(self) -> str:
        return self.message


class InputError(MGIError):
    """One or more problems in a user's input; ``issues`` lists every one of them."""

    def __init__(
        self,
        message: str,
        *,
        issues: Iterable[Issue] = (),
        path: Path | str | None = None,
        rule: str | None = None,
    ):
        super().__init__(message, path=path, rule=rule)
        self.issues: tuple[Issue, ...] = tuple(issues)

    def __str__(self) -> str:
        if not self.issues:
            return self.message
        lines = [self.message, *(f"  - {issue}" for issue in self.issues)]
        return "\n".join(lines)


class DataFileError(InputError):
    """A broken instrument, scoring scheme, mapping or prioritisation profile file."""


class NotAWorkbookError(InputError):
    """A file that cannot be read as a questionnaire workbook at all (wrong format, corrupt)."""


class ScoringError(InputError):
    """An assessment that cannot be scored (errors in it, missing answers)."""


class UsageError(MGIError):
    """A command used the wrong way (unknown option value, missing argument)."""

    exit_code = 2
