"""The fallback policy: what happens when a text is missing in the language asked for.

* **At run time** the English text is used, a :class:`MissingTranslationWarning` is issued, and
  the miss is recorded, so that an output can say which texts it shows in English
  (``with recording() as log: ...``, then ``log.missing``).
* **In tests** the warning is an error: ``pyproject.toml`` turns
  :class:`MissingTranslationWarning` into an exception (``filterwarnings``), and
  ``tests/i18n`` checks every key, field and content row in every language, so a missing
  translation fails the suite before it reaches a user.

A key that does not exist even in English (a typing slip in the code) is always an error
(:class:`UnknownKeyError`), never a fallback.

Examples
--------
>>> import warnings
>>> with recording() as log, warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     note_missing("sq", "message", "demo.example")
>>> log.missing
[('sq', 'message', 'demo.example')]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from mgi.errors import UsageError


class MissingTranslationWarning(UserWarning):
    """A text was shown in English because the catalogue of the language asked for lacks it."""


class UnknownKeyError(KeyError):
    """A key, field, table, code or column that no catalogue defines (a programming slip)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownLanguageError(UsageError):
    """A language code that has no catalogue (exit code 2, like every usage error)."""


@dataclass
class FallbackLog:
    """Every text that fell back to English while the log was recording.

    ``missing`` holds ``(language, kind, key)`` triples in the order they happened, each once;
    ``kind`` is ``message``, ``label`` or ``content``.
    """

    missing: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, lang: str, kind: str, key: str) -> None:
        item = (lang, kind, key)
        if item not in self.missing:
            self.missing.append(item)


_LOG: ContextVar[FallbackLog | None] = ContextVar("mgi_i18n_fallback_log", default=None)


@contextmanager
def recording() -> Iterator[FallbackLog]:
    """Record every fallback to English inside the ``with`` block.

    A run records its fallbacks and writes them into its provenance, so a reader of an
    Albanian report knows which texts were left in English.
    """
    log = FallbackLog()
    token = _LOG.set(log)
    try:
        yield log
    finally:
        _LOG.reset(token)


def note_missing(lang: str, kind: str, key: str) -> None:
    """Record one fallback and warn about it (the warning is an error in the test suite)."""
    log = _LOG.get()
    if log is not None:
        log.add(lang, kind, key)
    warnings.warn(
        f"No {lang!r} text for {kind} {key!r}; the English text is used instead. "
        f"Add it to the {lang!r} catalogue (see data/i18n/README.md).",
        MissingTranslationWarning,
        stacklevel=3,
    )
