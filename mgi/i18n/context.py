"""The language of the work in progress: ``using(lang)`` and ``current_language()``.

A run (:func:`mgi.run.run`), a command and a template writer each work in one language. Rather
than pass ``lang`` through every reader and checker down to each problem message, the language
is set once for the work in a context (a :class:`contextvars.ContextVar`, so threads and
asynchronous tasks each keep their own), and the few places that write words read it:
:func:`mgi.catalogue.make_issue` writes its message in it, :class:`mgi.catalogue.Issue` names
its place with its words. Outside any ``using`` block the language is the source language
(English). Functions that write a whole output (workbooks, reports, terminal tables) still take
an explicit ``lang`` argument.

Examples
--------
>>> current_language()
'en'
>>> with using("sq"):
...     current_language()
'sq'
>>> with using("SQ-al") as lang:
...     lang.code, current_language()
('sq', 'sq')
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from mgi.i18n.languages import Language, language

_CURRENT: ContextVar[str | None] = ContextVar("mgi_language", default=None)


def current_language() -> str:
    """The code of the language of the work in progress (the source language outside any
    :func:`using` block)."""
    code = _CURRENT.get()
    return _source_language() if code is None else code


@cache
def _source_language() -> str:
    from mgi.i18n._store import bundled_root, read_toml

    return str(read_toml(bundled_root() / "i18n.toml").get("source_language", "en"))


@contextmanager
def using(lang: str | Language | None) -> Iterator[Language]:
    """Work in ``lang`` inside the ``with`` block (``None``: keep the current language).

    Raises
    ------
    UnknownLanguageError
        If no catalogue exists for ``lang`` (a usage error listing the languages there are).
    """
    chosen = language(current_language() if lang is None else lang)
    token = _CURRENT.set(chosen.code)
    try:
        yield chosen
    finally:
        _CURRENT.reset(token)
