"""The label dictionary: a readable name, a unit and a kind of value for every field a person reads.

Tables keep short field names as column names (``p_top10``, ``share_answered``); whatever shows
a table to a person (workbook headers, HTML and Word tables, chart legends, terminal tables) asks
:func:`label` for the header. ``data/i18n/fields.csv`` lists every field with its kind of value
(which fixes its number format, see :mod:`mgi.i18n.numbers`); the names and units are entries
``field.<name>`` and ``field.<name>.unit`` of the same catalogues as every other interface string,
so they are translated, reviewed and checked the same way.

A field may be a pattern: ``rank_{method}`` covers ``rank_wsm``, ``rank_topsis`` …, the method
named by the catalogue entry ``method.<value>``; ``p_top{k}`` covers ``p_top10`` with the number
``k`` written as it is. A placeholder with entries (``method.wsm``) matches only their values, a
placeholder without matches digits, so ``rank_min`` is never read as a method.

Examples
--------
>>> str(label("p_top10", "en")), str(label("p_top10", "sq"))
('P(top 10)', 'P(10 më të lartat)')
>>> str(label("gap", "en")), str(label("gap", "sq"))
('Gap to target (points)', 'Hendeku nga synimi (pikë)')
>>> label("rank_topsis", "en").name
'Rank (TOPSIS)'
>>> label("score_change", "sq").kind
'change'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mgi.i18n._store import Store, default_store
from mgi.i18n.fallback import note_missing
from mgi.i18n.languages import Language, language
from mgi.i18n.messages import has_text, placeholders, text


@dataclass(frozen=True)
class Label:
    """The header of one field in one language.

    ``str(label)`` is the name with the unit in brackets where there is one.
    """

    field: str
    name: str
    unit: str = ""
    kind: str = "text"

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


@dataclass(frozen=True)
class _Field:
    field: str
    kind: str
    regex: re.Pattern[str] | None


def _fields(store: Store) -> tuple[dict[str, _Field], list[_Field]]:
    key = "fields"
    if key not in store._cache:
        exact: dict[str, _Field] = {}
        patterns: list[_Field] = []
        vocab_keys = list(store.source_messages)
        for row in store.fields:
            name = row["field"]
            names = placeholders(name)
            if not names:
                exact[name] = _Field(name, row["kind"], None)
                continue
            regex = ""
            for literal, placeholder, _, _ in _parts(name):
                regex += re.escape(literal)
                if placeholder:
                    values = sorted(
                        (k.split(".", 1)[1] for k in vocab_keys if k.startswith(placeholder + ".")),
                        key=len,
                        reverse=True,
                    )
                    choice = "|".join(map(re.escape, values)) if values else r"\d+"
                    regex += f"(?P<{placeholder}>{choice})"
            patterns.append(_Field(name, row["kind"], re.compile(regex + r"\Z")))
        store._cache[key] = (exact, patterns)
    return store._cache[key]


def _parts(template: str) -> list[tuple[str, str | None, Any, Any]]:
    import string

    return list(string.Formatter().parse(template))


def field_kind(field: str, store: Store | None = None) -> str | None:
    """The kind of value of a field (``score``, ``probability`` …), or ``None`` if unknown."""
    store = store or default_store()
    found = _match(field, store)
    return found[0].kind if found else None


def _match(field: str, store: Store) -> tuple[_Field, dict[str, str]] | None:
    exact, patterns = _fields(store)
    if field in exact:
        return exact[field], {}
    for candidate in patterns:
        assert candidate.regex is not None
        hit = candidate.regex.match(field)
        if hit:
            return candidate, hit.groupdict()
    return None


def label(field: str, lang: str | Language = "en", store: Store | None = None) -> Label:
    """The readable header of a field in a language.

    Parameters
    ----------
    field
        A column name as the tables use it (``p_top10``, ``rank_wsm``, ``share_answered``).
    lang
        Language code or :class:`~mgi.i18n.Language`.

    Returns
    -------
    Label
        Name, unit and kind. A field missing from the dictionary is shown as its raw name, with
        a :class:`~mgi.i18n.MissingTranslationWarning` (an error in the test suite).
    """
    store = store or default_store()
    lang = language(lang, store)
    found = _match(str(field), store)
    if found is None:
        note_missing(lang.code, "label", str(field))
        return Label(str(field), str(field))
    spec, values = found
    fields = {
        name: (
            text(f"{name}.{value}", lang, store=store)
            if has_text(f"{name}.{value}", store)
            else value
        )
        for name, value in values.items()
    }
    name = text(f"field.{spec.field}", lang, store=store, **fields)
    unit_key = f"field.{spec.field}.unit"
    unit = text(unit_key, lang, store=store, **fields) if has_text(unit_key, store) else ""
    return Label(str(field), name, unit, spec.kind)


def header(field: str, lang: str | Language = "en", store: Store | None = None) -> str:
    """``str(label(field, lang))``: the column header to print."""
    return str(label(field, lang, store))


def known_fields(store: Store | None = None) -> list[str]:
    """Every field (and field pattern) of the dictionary, in file order."""
    store = store or default_store()
    return [row["field"] for row in store.fields]


def value_label(
    vocabulary: str, value: str, lang: str | Language = "en", store: Store | None = None
) -> str:
    """A value of a vocabulary column written for a person (``status`` ``scored`` → "i vlerësuar").

    The entries are ``value.<vocabulary>.<value>`` in the catalogues (spaces in the value read as
    underscores). A value without an entry is returned as it is: it is then data, not a word of mgi.

    Examples
    --------
    >>> value_label("status", "insufficient data", "sq"), value_label("change", "improved", "en")
    ('të dhëna të pamjaftueshme', 'improved')
    """
    store = store or default_store()
    key = f"value.{vocabulary}.{str(value).strip().replace(' ', '_')}"
    return text(key, lang, store=store) if has_text(key, store) else str(value)
