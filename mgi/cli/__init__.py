"""The ``mgi`` command line: thin wrappers over the library verbs.

Each command lives in its own module of this package and registers itself on :data:`main`.
Exit codes: 0 success, 1 the inputs have problems (all reported), 2 usage error.
Results go to stdout; progress and messages to stderr. Heavy libraries are imported inside the
commands, so ``mgi --help`` starts quickly.
"""

from __future__ import annotations

from mgi.cli import instruments as _instruments  # noqa: F401  (registers commands)
from mgi.cli._app import entry, main

_COMMANDS = (
    "template",
    "validate",
    "score",
    "prioritize",
    "report",
    "demo",
    "run",
    "session",
    "plan",
    "monitor",
)
for _module in _COMMANDS:
    try:
        __import__(f"mgi.cli.{_module}")
    except ModuleNotFoundError as _exc:  # a command module not written yet
        if _exc.name != f"mgi.cli.{_module}":
            raise

__all__ = ["entry", "main"]
