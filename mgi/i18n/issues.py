"""Problems in every language: an :class:`~mgi.catalogue.Issue` written again in another language.

:mod:`mgi.catalogue` makes every message in English and keeps the values of its placeholders
(``Issue.fields``); the texts of every rule are also entries of the language catalogues
(``issue.<rule>.text`` and ``issue.<rule>.fix``, kept in step with the catalogue by
``python -m mgi.i18n check --drift``). :func:`localized` writes the message again in a language
from those entries and the same values; :func:`where` writes the location ("sheet X, cell E5")
with the words of the language, and :func:`render` both, as a command prints them.

Examples
--------
>>> from mgi.catalogue import make_issue
>>> issue = make_issue("answer.invalid", sheet="D2", cell="E17", found="Partly yes",
...                    allowed="Po, Jo")
>>> print(render(issue, "sq"))
[fleta D2, qeliza E17] Përgjigjja "Partly yes" nuk lejohet. Përdorni një nga: Po, Jo.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mgi.i18n.messages import has_text, placeholders, text


def message(issue: Any, lang: str) -> str:
    """The issue's message (what was found, and the fix) in ``lang``.

    The English message of the issue is kept when the issue carries no values (made before
    they were kept) or its rule has no entry in the catalogues.
    """
    values = getattr(issue, "fields", None)
    if lang == "en" or values is None or not has_text(f"issue.{issue.rule}.text"):
        return str(issue.message)
    parts = []
    for part in ("text", "fix"):
        key = f"issue.{issue.rule}.{part}"
        if not has_text(key):
            continue
        from mgi.i18n._store import default_store

        wanted = placeholders(str(default_store().source_messages[key].source))
        filled = {name: "" if values.get(name) is None else values[name] for name in wanted}
        parts.append(text(key, lang, **filled))
    return " ".join(p for p in parts if p).strip()


def localized(issue: Any, lang: str) -> Any:
    """A copy of ``issue`` whose message is in ``lang`` (the record is otherwise the same)."""
    if lang == "en":
        return issue
    return replace(issue, message=message(issue, lang))


def where(issue: Any, lang: str) -> str:
    """The location of ``issue`` (file, sheet, cell or row and column, indicator) in ``lang``."""
    parts: list[str] = []
    if issue.file:
        parts.append(str(issue.file))
    if issue.sheet:
        parts.append(text("issue.where.sheet", lang, sheet=issue.sheet))
    if issue.cell:
        parts.append(text("issue.where.cell", lang, cell=issue.cell))
    else:
        if issue.row is not None:
            parts.append(text("issue.where.row", lang, row=issue.row))
        if issue.column:
            parts.append(text("issue.where.column", lang, column=issue.column))
    if issue.indicator:
        parts.append(text("issue.where.indicator", lang, indicator=issue.indicator))
    return ", ".join(parts)


def render(issue: Any, lang: str) -> str:
    """``[where] message`` in ``lang``, as the command line prints an issue."""
    place = where(issue, lang)
    said = message(issue, lang)
    return f"[{place}] {said}" if place else said
