"""Problems in every language: an :class:`~mgi.catalogue.Issue` written in a given language.

:func:`mgi.catalogue.make_issue` writes a message in the language of the work in progress and
keeps the values of its placeholders (``Issue.fields``). The texts of every rule are the entries
``issue.<rule>.text`` and ``issue.<rule>.fix`` of the language catalogues, so :func:`message`
writes the message again in any language from the same values; :func:`where` writes the
location ("sheet X, cell E5") with the words of a language, and :func:`render` both, as a
command prints them. The command line, the issues workbook and the results workbooks use them,
so an issue is shown in the language of the output that shows it.

Examples
--------
>>> from mgi.catalogue import make_issue
>>> issue = make_issue("answer.invalid", sheet="D2", cell="E17", found="Partly yes",
...                    allowed="Po, Jo")
>>> print(render(issue, "sq"))
[fleta D2, qeliza E17] Përgjigjja "Partly yes" nuk lejohet. Përdorni një nga: Po, Jo.
>>> print(render(issue, "en"))
[sheet D2, cell E17] The answer "Partly yes" is not allowed. Use one of: Po, Jo.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mgi.i18n.context import current_language
from mgi.i18n.messages import has_text, text


def message(issue: Any, lang: str | None = None) -> str:
    """The issue's message (what was found, and the fix) in ``lang`` (default: the language of
    the work in progress).

    The message the issue carries is kept when it has no values (an issue made from an error
    without a rule) or its rule is not in the catalogue.
    """
    from mgi.catalogue import CATALOGUE, message_of

    values = getattr(issue, "fields", None)
    if values is None or issue.rule not in CATALOGUE:
        return str(issue.message)
    wanted = CATALOGUE[issue.rule].fields()
    filled = {name: "" if values.get(name) is None else values[name] for name in wanted}
    return message_of(issue.rule, filled, lang or current_language())


def localized(issue: Any, lang: str | None = None) -> Any:
    """A copy of ``issue`` whose message is in ``lang`` (the record is otherwise the same)."""
    return replace(issue, message=message(issue, lang))


def where(issue: Any, lang: str | None = None) -> str:
    """The location of ``issue`` (file, sheet, cell or row and column, indicator) in ``lang``
    (default: the language of the work in progress)."""
    lang = lang or current_language()
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


def render(issue: Any, lang: str | None = None) -> str:
    """``[where] message`` in ``lang``, as the command line prints an issue."""
    place = where(issue, lang)
    said = message(issue, lang)
    return f"[{place}] {said}" if place else said


def severity(issue: Any, lang: str | None = None) -> str:
    """The issue's severity as a word of ``lang`` ("error" / "gabim")."""
    key = f"value.severity.{issue.severity}"
    lang = lang or current_language()
    return text(key, lang) if has_text(key) else str(issue.severity)
