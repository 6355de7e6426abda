"""Checks that every language has every text, with the same placeholders.

The test suite runs them (``tests/i18n``) and so does ``python -m mgi.i18n check``, which a
translator can run after editing a catalogue. Each problem names the file, the key or the row, what
is wrong and how to fix it.

Examples
--------
>>> check_all()
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from mgi.i18n._store import Store, default_store
from mgi.i18n.content import table_rows, tables
from mgi.i18n.languages import languages
from mgi.i18n.messages import placeholders
from mgi.i18n.numbers import kinds


@dataclass(frozen=True)
class Problem:
    """One thing missing or wrong in a catalogue."""

    lang: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.lang}] {self.where}: {self.message}"


def _fields_of(value: str | tuple[str, ...]) -> set[str]:
    if isinstance(value, tuple):
        return set().union(*(placeholders(v) for v in value))
    return placeholders(value)


def check_messages(store: Store | None = None) -> list[Problem]:
    """Every key of ``messages.pot`` translated in every language, placeholders alike."""
    store = store or default_store()
    problems: list[Problem] = []
    source = store.source_messages
    for code, lang in languages(store).items():
        if lang.is_source:
            continue
        where = f"{code}/messages.po"
        catalogue = store.messages(code)
        for key, entry in source.items():
            found = catalogue.get(key)
            if found is None:
                problems.append(Problem(code, where, f'the key "{key}" is missing.'))
                continue
            if found.source != entry.source:
                problems.append(
                    Problem(
                        code,
                        where,
                        f'the English of "{key}" changed since it was translated; '
                        "copy the new English (msgid) from messages.pot and review the "
                        "translation.",
                    )
                )
                continue
            if found.translation is None:
                problems.append(
                    Problem(code, where, f'"{key}" is not translated (empty or marked fuzzy).')
                )
                continue
            wanted = _fields_of(entry.source)
            got = _fields_of(found.translation)  # over all plural forms together
            if got != wanted:
                problems.append(_placeholder_problem(code, where, key, wanted, got))
        for key in catalogue.keys() - source.keys():
            problems.append(
                Problem(code, where, f'the key "{key}" is not in messages.pot; delete it.')
            )
    return problems


def _placeholder_problem(code: str, where: str, key: str, wanted: set, got: set) -> Problem:
    def show(names: set) -> str:
        return ", ".join("{" + n + "}" for n in sorted(names)) or "none"

    return Problem(
        code,
        where,
        f'"{key}" has the placeholders {show(got)}, but the English has {show(wanted)}; '
        "a placeholder must be copied exactly, never translated.",
    )


def check_fields(store: Store | None = None) -> list[Problem]:
    """Every field of ``fields.csv`` has a known kind and a name in the catalogue, and back."""
    store = store or default_store()
    problems: list[Problem] = []
    known_kinds = kinds(store)
    names = [row["field"] for row in store.fields]
    source_lang = store.source_language
    for number, row in enumerate(store.fields, start=2):
        if row["kind"] not in known_kinds:
            problems.append(
                Problem(
                    source_lang,
                    f"fields.csv row {number}",
                    f'the kind "{row["kind"]}" is not in formats.toml '
                    f"(kinds: {', '.join(known_kinds)}).",
                )
            )
        key = f"field.{row['field']}"
        if key not in store.source_messages:
            problems.append(
                Problem(
                    source_lang,
                    f"fields.csv row {number}",
                    f'the field has no name: add "{key}" to messages.pot.',
                )
            )
    if len(set(names)) != len(names):
        doubles = sorted({n for n in names if names.count(n) > 1})
        problems.append(Problem(source_lang, "fields.csv", f"fields listed twice: {doubles}."))
    for key in store.source_messages:
        if key.startswith("field."):
            field = key[len("field.") :].removesuffix(".unit")
            if field not in names:
                problems.append(
                    Problem(
                        source_lang,
                        "messages.pot",
                        f'"{key}" names a field that is not in fields.csv.',
                    )
                )
    return problems


def check_content(store: Store | None = None) -> list[Problem]:
    """Every row and column of every content table present in every language."""
    store = store or default_store()
    problems: list[Problem] = []
    for name, spec in tables(store).items():
        source = table_rows(name, store.source_language, store)
        if not source:
            problems.append(Problem(store.source_language, name, "the table has no rows."))
        for code, lang in languages(store).items():
            rows = table_rows(name, code, store)
            where = f"{code}/{name}.csv"
            for row_code, cells in source.items():
                for column in spec.columns:
                    if column not in rows.get(row_code, {}) and (lang.is_source or column in cells):
                        problems.append(Problem(code, where, f'"{row_code}" has no {column}.'))
            for row_code in rows.keys() - source.keys():
                problems.append(
                    Problem(
                        code,
                        where,
                        f'the code "{row_code}" is not in the English table; correct or '
                        "delete the row.",
                    )
                )
    return problems


def check_all(store: Store | None = None) -> list[Problem]:
    """All checks: messages, fields, content."""
    store = store or default_store()
    return [*check_messages(store), *check_fields(store), *check_content(store)]


def catalogue_drift(store: Store | None = None) -> list[Problem]:
    """Where ``messages.pot`` and the problem catalogue :mod:`mgi.catalogue` disagree.

    A rule of :mod:`mgi.catalogue` is a code and a severity; its words are the entries
    ``issue.<code>.text`` (required) and ``issue.<code>.fix`` (optional) of the catalogues. Every
    rule needs its text, and every ``issue.`` entry (but the location words ``issue.where.*``)
    must name a rule.
    """
    from mgi.catalogue import CATALOGUE

    store = store or default_store()
    problems: list[Problem] = []
    source = store.source_messages
    lang = store.source_language
    for code in CATALOGUE:
        key = f"issue.{code}.text"
        if key not in source:
            problems.append(
                Problem(
                    lang,
                    "messages.pot",
                    f'the rule {code} of mgi/catalogue.py has no text: add "{key}" (and '
                    f'"issue.{code}.fix") to messages.pot and every language.',
                )
            )
    for key in source:
        if key.startswith("issue.") and not key.startswith("issue.where."):
            code, _, part = key[len("issue.") :].rpartition(".")
            if part not in ("text", "fix"):
                problems.append(
                    Problem(lang, "messages.pot", f'"{key}" should end in .text or .fix.')
                )
            elif code not in CATALOGUE:
                problems.append(
                    Problem(lang, "messages.pot", f'"{key}" names no rule of mgi/catalogue.py.')
                )
    return problems
