"""Tests of mgi.assessment: answers as plain rows, dates, implementation levels, evidence."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mgi.assessment import (
    AnswerRows,
    Assessment,
    check_metadata,
    date_example,
    parse_implementation,
    require_evidence,
)
from mgi.catalogue import make_issue
from mgi.instrument import load_instrument

META = {"country": "Testland", "round": "2024"}


@pytest.fixture(scope="module")
def sdg():
    return load_instrument("sdg-10-7-2")


def test_answers_are_plain_rows_until_a_table_is_asked_for(sdg) -> None:
    a = Assessment.from_answers(sdg, {c: "Yes" for c in sdg.codes if c[1] != "1"}, META)
    assert isinstance(a._answers, AnswerRows)
    assert a.coverage()["missing"] == 5
    frame = a.answers
    assert list(frame.columns)[-3:] == ["implementation", "sheet", "cell"]
    frame.loc[frame.index[0], "status"] = "answered"  # a copy: the assessment is unchanged
    assert a.coverage()["missing"] == 5


def test_reading_and_counting_answers_imports_no_pandas() -> None:
    code = (
        "import sys\n"
        "from mgi.instrument import load_instrument\n"
        "from mgi.assessment import Assessment\n"
        "inst = load_instrument('mgi-national')\n"
        "a = Assessment.from_answers(inst, {c: 1 for c in inst.codes}, {'country': 'X'})\n"
        "print(a.coverage()['answered'], 'pandas' in sys.modules, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["140", "False", "False"]


@pytest.mark.parametrize("value", ["2024-03-15", "2000-02-29", ""])
def test_good_dates(value: str) -> None:
    assert check_metadata({**META, "reference_date": value}) == []


@pytest.mark.parametrize(
    ("value", "example"),
    [
        ("15/03/2024", "2024-03-15"),
        ("15.3.2024", "2024-03-15"),
        ("3/15/2024", "2024-03-15"),
        ("01/02/2024", "2024-02-01 / 2024-01-02"),
        ("2024-3-5", "2024-03-05"),
        ("2023-02-29", "2024-03-15"),
        ("31/02/2024", "2024-03-15"),
    ],
)
def test_bad_dates_get_the_date_as_it_should_be_written(value: str, example: str) -> None:
    (issue,) = check_metadata({**META, "reference_date": value}, sheet="Metadata")
    assert (issue.rule, issue.column, issue.found) == ("metadata.bad_date", "reference_date", value)
    assert date_example(value) == example
    assert f"for example {example}," in issue.message


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("Implemented", "Implemented"),
        ("partly", "Partly implemented"),
        ("Zbatohet pjesërisht", "Partly implemented"),
        ("not_implemented", "Not implemented"),
        ("  NOT   KNOWN ", "Not known"),
        (None, ""),
        ("", ""),
    ],
)
def test_implementation_levels(typed, label) -> None:
    assert parse_implementation(typed) == (label, None)


@pytest.mark.parametrize("typed", ["soon", "yes", 1])
def test_not_an_implementation_level(typed) -> None:
    label, issue = parse_implementation(typed, indicator="D1.1.1", sheet="D1", cell="H4")
    assert label == ""
    assert (issue.rule, issue.severity, issue.cell) == ("implementation.invalid", "warning", "H4")


def test_implementation_through_the_library_door(sdg) -> None:
    answers = {c: "Yes" if sdg.scale_of(c) == "yes_no" else "No" for c in sdg.codes}
    a = Assessment.from_answers(
        sdg, answers, META, implementation={"D2.a": "partly", "D2.b": "whenever"}
    )
    assert a.answers.at["D2.a", "implementation"] == "Partly implemented"
    assert a.answers.at["D2.b", "implementation"] == ""
    assert [i.rule for i in a.issues] == ["implementation.invalid"]
    assert not a.has_errors


def test_require_evidence_makes_the_lacking_support_errors() -> None:
    lacking = [
        make_issue("answer.no_evidence", indicator="D1.1.1", label="Fully present"),
        make_issue("answer.no_reason", indicator="D1.1.2", label="Not applicable"),
        make_issue("answer.reinterpreted", indicator="D1.1.3", found="1", label="Yes"),
    ]
    issues = require_evidence(lacking, scheme="strict 1.0")
    assert [(i.rule, i.severity) for i in issues] == [
        ("score.evidence_required", "error"),
        ("answer.no_evidence", "error"),
        ("answer.no_reason", "error"),
        ("answer.reinterpreted", "warning"),
    ]
    assert "strict 1.0 requires evidence, and 2 answer(s)" in issues[0].message
    assert require_evidence(lacking[2:]) == lacking[2:]
