"""The catalogue of problems: codes and severities in code, their words once, in the catalogues."""

from __future__ import annotations

import dataclasses

import pytest

from mgi.catalogue import CATALOGUE, Rule, make_issue
from mgi.errors import UsageError
from mgi.i18n import current_language, using
from mgi.i18n.issues import localized, render


def test_a_rule_is_a_code_and_a_severity_its_words_are_in_the_catalogues() -> None:
    # no words: which placeholders hold words of mgi's data to translate is not a text
    assert [f.name for f in dataclasses.fields(Rule)] == ["code", "severity", "translated"]
    rule = CATALOGUE["answer.invalid"]
    assert rule.text == 'The answer "{found}" is not allowed.'
    assert rule.template("text", "sq") == 'Përgjigjja "{found}" nuk lejohet.'
    assert rule.fields() == {"found", "allowed"}


def test_a_problem_is_written_in_the_language_of_the_work() -> None:
    assert current_language() == "en"
    with using("sq"):
        issue = make_issue("answer.invalid", sheet="D1", cell="E4", found="Ndoshta", allowed="Po")
    assert current_language() == "en"  # the language ends with the block
    assert issue.message == 'Përgjigjja "Ndoshta" nuk lejohet. Përdorni një nga: Po.'
    assert (
        str(issue) == '[sheet D1, cell E4] Përgjigjja "Ndoshta" nuk lejohet. Përdorni një nga: Po.'
    )
    assert render(issue, "sq").startswith("[fleta D1, qeliza E4] ")
    again = localized(issue, "en")
    assert again.message == 'The answer "Ndoshta" is not allowed. Use one of: Po.'
    assert again.to_dict() | {"message": ""} == issue.to_dict() | {"message": ""}


def test_an_unknown_language_is_a_usage_error_that_lists_the_languages() -> None:
    listed = r"Use one of: en \(English\), sq \(Albanian\)"
    with pytest.raises(UsageError, match=listed), using("xx"):
        pass


def test_a_missing_placeholder_is_a_programming_slip() -> None:
    with pytest.raises(KeyError, match="needs"):
        make_issue("answer.invalid", found="x")
