"""One way for the prioritisation session to refuse an input: a catalogue issue in an error.

The error's message is a short summary of what could not be done; the issue (with its rule and
its place: file, sheet, cell where known) says what was found and how to fix it. A command
prints both, once each.
"""

from __future__ import annotations

from typing import Any

from mgi.catalogue import Issue, make_issue
from mgi.errors import InputError


def input_error(summary: str, rule: str, **fields: Any) -> InputError:
    """An :class:`~mgi.errors.InputError` carrying one catalogue issue of ``rule``."""
    return issues_error(summary, [make_issue(rule, **fields)])


def issues_error(summary: str, issues: list[Issue]) -> InputError:
    """An :class:`~mgi.errors.InputError` carrying these issues (the first one's rule)."""
    return InputError(summary, issues=issues, rule=issues[0].rule if issues else None)
