"""Interface strings: ``text(key, lang, **fields)``.

Every sentence mgi writes for a person (messages, workbook headers, chart titles and axes,
captions, instructions, terminal summaries) has a stable key such as
``cli.validate.no_problems``. The English text and a note for translators are in
``data/i18n/messages.pot``; each language's text is in ``data/i18n/<lang>/messages.po``.

Why gettext catalogues read with Babel, rather than the project's own tables: ``.po`` files are
the format every translation tool and service reads (Poedit, Weblate, Lokalise, OmegaT), and a
translator can also review them in any text editor without Python; each entry shows the English
next to the translation with the translator's note; an entry whose English changed is marked
"fuzzy" and is not used until reviewed; and plural forms follow each language's own rules from
CLDR. The key is the entry's ``msgctxt``, so the English can be reworded without touching code.
The catalogues are read directly from the ``.po`` files (no compiled ``.mo`` files to keep in
step), which takes a few milliseconds once per process.

Placeholders are Python format fields (``{count}``, ``{file}``) and must be the same in every
language; numbers are formatted before they are passed in (:func:`mgi.i18n.format_value`).
A plural message picks its form from the field ``count``.

Examples
--------
>>> text("cli.validate.no_problems", "en", file="q.xlsx")
'q.xlsx: no problems found.'
>>> text("cli.validate.no_problems", "sq", file="q.xlsx")
'q.xlsx: nuk u gjet asnjë problem.'
>>> text("cli.validate.problems", "sq", count=1, file="q.xlsx")
'q.xlsx: u gjet 1 problem.'
>>> text("cli.validate.problems", "sq", count=3, file="q.xlsx")
'q.xlsx: u gjetën 3 probleme.'
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from mgi.i18n._store import Message, Store, default_store
from mgi.i18n.fallback import UnknownKeyError, note_missing
from mgi.i18n.languages import Language, language


def placeholders(template: str) -> set[str]:
    """The names of the ``{fields}`` a template uses.

    Examples
    --------
    >>> sorted(placeholders("{count} of {total} answered ({share})"))
    ['count', 'share', 'total']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def _plural_rule(locale: str) -> Callable[[int], int]:
    """The gettext plural rule of a locale (index of the form to use for n), from CLDR."""
    import gettext

    from babel.messages.catalog import Catalog

    return gettext.c2py(Catalog(locale=locale).plural_expr)


def _pick(forms: tuple[str, ...], locale: str, count: Any) -> str:
    try:
        n = abs(int(count))
    except (TypeError, ValueError):
        n = 2  # a non-integer count reads as plural in every language we carry
    index = _plural_rule(locale)(n)
    return forms[min(index, len(forms) - 1)]


def lookup(key: str, lang: str | Language, store: Store | None = None) -> tuple[Message, bool]:
    """The catalogue entry for a key, and whether ``lang`` has a usable translation of it.

    Raises
    ------
    UnknownKeyError
        If the key is not in the English source catalogue.
    """
    store = store or default_store()
    source = store.source_messages.get(key)
    if source is None:
        raise UnknownKeyError(
            f'The interface text "{key}" is not in data/i18n/messages.pot. '
            "Add it there (with its English text) and to every language's messages.po."
        )
    lang = language(lang, store)
    if lang.is_source:
        return source, True
    entry = store.messages(lang.code).get(key)
    if (
        entry is not None
        and entry.translation is not None
        and entry.source == source.source  # the English it was translated from is current
    ):
        return entry, True
    return source, False


def _words(entry: Message, translated: bool) -> str | tuple[str, ...]:
    """The translation of ``entry`` where it is to be used, else its English."""
    if translated and entry.translation is not None:
        return entry.translation
    return entry.source


def template(
    key: str, lang: str | Language = "en", /, *, store: Store | None = None
) -> str | tuple[str, ...]:
    """The text of ``key`` in ``lang`` with its ``{placeholders}`` unfilled (a tuple of forms for
    a plural entry): for callers that fill the same text many times (problem messages).

    A missing translation gives the English, with a
    :class:`~mgi.i18n.MissingTranslationWarning` as :func:`text` does.

    Examples
    --------
    >>> template("issue.answer.invalid.fix", "sq")
    'Përdorni një nga: {allowed}.'
    """
    store = store or default_store()
    code = lang.code if isinstance(lang, Language) else str(lang)
    cache = store._cache.setdefault("templates", {})
    found = cache.get((code, key))
    if found is None:
        lang_obj = language(lang, store)
        entry, usable = lookup(key, lang_obj, store)
        chosen = _words(entry, usable and not lang_obj.is_source)
        found = cache[(code, key)] = (chosen, usable, lang_obj.code)
    chosen, usable, resolved = found
    if not usable:
        note_missing(resolved, "message", key)
    return chosen


def text(
    key: str,
    lang: str | Language = "en",
    /,
    *,
    store: Store | None = None,
    **fields: Any,
) -> str:
    """The interface string ``key`` in ``lang``, with ``{fields}`` filled in.

    Parameters
    ----------
    key
        Stable key, e.g. ``"cli.validate.no_problems"``.
    lang
        Language code (``"en"``, ``"sq"``) or :class:`~mgi.i18n.Language`.
    store
        Catalogues to use (default: the bundled ones).
    **fields
        Values of the placeholders; ``count`` also chooses the plural form.

    Returns
    -------
    str
        The text. If ``lang`` lacks the entry (or its translation is out of date), the English
        text, with a :class:`~mgi.i18n.MissingTranslationWarning` recorded.

    Raises
    ------
    UnknownKeyError
        If the key is unknown, or a placeholder has no value.

    Examples
    --------
    >>> text("unit.points", "sq")
    'pikë'
    """
    store = store or default_store()
    lang_obj = language(lang, store)
    entry, usable = lookup(key, lang_obj, store)
    if not usable:
        note_missing(lang_obj.code, "message", key)
        lang_obj = language(store.source_language, store)
    template = _words(entry, usable and not lang_obj.is_source)
    if isinstance(template, tuple):
        if "count" not in fields:
            raise UnknownKeyError(f'The plural text "{key}" needs the field count.')
        template = _pick(template, lang_obj.locale, fields["count"])
    return _fill(key, template, fields)


def _fill(key: str, template: str, fields: Mapping[str, Any]) -> str:
    needed = placeholders(template)
    missing = needed - fields.keys()
    if missing:
        raise UnknownKeyError(f'The text "{key}" needs the field(s) {", ".join(sorted(missing))}.')
    return template.format(**fields)


def every_text(key: str, store: Store | None = None) -> tuple[str, ...]:
    """The text of ``key`` in every language that has it, the source language first, each
    spelling once (placeholders unfilled): what a reader accepts for a header or a label that
    a template writes in one language.

    Examples
    --------
    >>> every_text("sheet.metadata")
    ('Metadata', 'Të dhënat e vlerësimit')
    """
    from mgi.i18n.languages import languages

    store = store or default_store()
    found: list[str] = []
    for code in languages(store):
        entry, usable = lookup(key, code, store)
        if usable:
            value = entry.translation if code != store.source_language else entry.source
            if isinstance(value, str):
                found.append(value)
    return tuple(dict.fromkeys(found))


def has_text(key: str, store: Store | None = None) -> bool:
    """Whether the source catalogue defines ``key``."""
    store = store or default_store()
    return key in store.source_messages
