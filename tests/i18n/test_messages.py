"""Interface strings: every key in every language, same placeholders, plurals, fallback."""

from __future__ import annotations

import warnings

import pytest

from mgi.i18n import (
    MissingTranslationWarning,
    Store,
    UnknownKeyError,
    languages,
    placeholders,
    recording,
    text,
)
from mgi.i18n._store import CatalogueError, default_store
from mgi.i18n.checks import check_messages


def test_every_key_exists_in_every_language_with_the_same_placeholders() -> None:
    assert check_messages() == []


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_every_key_renders_without_falling_back(lang: str) -> None:
    store = default_store()
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingTranslationWarning)
        for key, entry in store.source_messages.items():
            fields = {name: f"<{name}>" for name in placeholders(str(entry.source))}
            if entry.is_plural:
                fields = {name: 2 for name in {"count", *fields}}
                fields |= {n: f"<{n}>" for n in placeholders(entry.source[1]) if n != "count"}
            rendered = text(key, lang, **fields)
            assert rendered.strip(), key
            assert "{" not in rendered.replace("{{", ""), key


def test_albanian_text_is_albanian() -> None:
    assert text("cli.demo.outputs", "sq") == "Skedarët e krijuar:"
    assert text("sheet.issues", "sq") == "Problemet"
    message = text("issue.answer.invalid.text", "sq", found="Partly yes")
    assert message == 'Përgjigjja "Partly yes" nuk lejohet.'


@pytest.mark.parametrize(
    ("count", "english", "albanian"),
    [
        (1, "a.xlsx: 1 problem found.", "a.xlsx: u gjet 1 problem."),
        (0, "a.xlsx: 0 problems found.", "a.xlsx: u gjetën 0 probleme."),
        (21, "a.xlsx: 21 problems found.", "a.xlsx: u gjetën 21 probleme."),
    ],
)
def test_plural_forms_follow_each_language(count: int, english: str, albanian: str) -> None:
    assert text("cli.validate.problems", "en", count=count, file="a.xlsx") == english
    assert text("cli.validate.problems", "sq", count=count, file="a.xlsx") == albanian


def test_unknown_key_or_missing_field_is_an_error() -> None:
    with pytest.raises(UnknownKeyError, match=r"not in data/i18n/messages\.pot"):
        text("no.such.key", "sq")
    with pytest.raises(UnknownKeyError, match="needs the field"):
        text("cli.validate.no_problems", "sq")


def _drop_entry(po: str, key: str) -> str:
    blocks = po.split("\n\n")
    return "\n\n".join(b for b in blocks if f'msgctxt "{key}"' not in b)


def test_missing_translation_falls_back_to_english_and_is_recorded(catalogue_copy) -> None:
    po = catalogue_copy / "sq" / "messages.po"
    po.write_text(_drop_entry(po.read_text(encoding="utf-8"), "unit.points"), encoding="utf-8")
    store = Store(catalogue_copy)
    with recording() as log, pytest.warns(MissingTranslationWarning, match="unit.points"):
        assert text("unit.points", "sq", store=store) == "points"
    assert log.missing == [("sq", "message", "unit.points")]
    problems = check_messages(store)
    assert [p.message for p in problems] == ['the key "unit.points" is missing.']


def test_outdated_or_fuzzy_translation_is_not_used(catalogue_copy) -> None:
    pot = catalogue_copy / "messages.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8").replace('msgid "points"', 'msgid "score points"'),
        encoding="utf-8",
    )
    store = Store(catalogue_copy)
    with pytest.warns(MissingTranslationWarning):
        assert text("unit.points", "sq", store=store) == "score points"
    assert "changed since it was translated" in str(check_messages(store))


def test_placeholder_changed_in_translation_is_reported(catalogue_copy) -> None:
    po = catalogue_copy / "sq" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "{file}: nuk u gjet asnjë problem."',
            'msgstr "{skedari}: nuk u gjet asnjë problem."',
        ),
        encoding="utf-8",
    )
    problems = check_messages(Store(catalogue_copy))
    assert len(problems) == 1
    assert "{skedari}" in problems[0].message and "{file}" in problems[0].message


def test_entry_without_key_is_refused(catalogue_copy) -> None:
    po = catalogue_copy / "sq" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8") + '\nmsgid "Stray"\nmsgstr "E humbur"\n', encoding="utf-8"
    )
    store = Store(catalogue_copy)
    with pytest.raises(CatalogueError, match="has no msgctxt"):
        store.messages("sq")


def test_every_language_has_a_catalogue() -> None:
    store = default_store()
    for code, lang in languages().items():
        assert lang.is_source or store.messages(code), code
