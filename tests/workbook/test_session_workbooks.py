"""Tests of the session workbooks (mgi.workbook.consultation, experts, weights): templates
round-trip, and every rule is reported
with its sheet and cell. Each broken-file test starts from a good filled template and breaks
one thing (COINr style)."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from mgi.errors import NotAWorkbookError
from mgi.i18n import text
from mgi.priorities import Judgement, combine_judgements
from mgi.priorities.profile import load_profile
from mgi.workbook import (
    read_consultation,
    read_experts,
    read_weights,
    write_consultation_template,
    write_experts_template,
    write_template,
    write_weights_template,
)
from tests.priorities.conftest import EXPERT_CRITERIA, OBJECTIVES

PROFILE = load_profile()


def _edit(path: Path, sheet: str, cell: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def _rules(issues) -> list[tuple[str, str | None, str | None]]:
    return [(i.rule, i.sheet, i.cell) for i in issues]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- consultation --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``pristine(name, write)``: the workbook ``write(path)`` makes, written once for the
    module (the fixtures' data are seeded) and copied for each test that breaks it."""
    folder = tmp_path_factory.mktemp("pristine")
    made: dict[str, Path] = {}

    def copy(name: str, write: Callable[[Path], Path], to: Path) -> Path:
        if name not in made:
            made[name] = write(folder / name)
        return Path(shutil.copyfile(made[name], to / name))

    return copy


@pytest.fixture
def consultation_file(tmp_path: Path, profile, consultation, pristine) -> Path:
    return pristine(
        "consultation.xlsx",
        lambda path: write_consultation_template(path, profile, ratings=consultation),
        tmp_path,
    )


def test_consultation_round_trip(consultation_file: Path, consultation) -> None:
    before = _sha(consultation_file)
    read = read_consultation(consultation_file, PROFILE)
    assert read.issues == ()
    key = ["participant", "objective", "question"]
    pd.testing.assert_frame_equal(
        read.ratings.sort_values(key).reset_index(drop=True),
        consultation.astype({"rating": float}).sort_values(key).reset_index(drop=True),
    )
    assert read.source.sha256 == before == _sha(consultation_file)
    assert read.source.kind == "consultation"
    assert read.source.template_version == "3"


def test_consultation_template_structure(tmp_path: Path, profile) -> None:
    """One question at a time: a relevance and an urgency column per objective, after the
    respondent's group and optional attributes; the objectives in plain words."""
    path = write_consultation_template(tmp_path / "c.xlsx", profile, participants=10)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Ratings", "Lists", "Questions", "Objectives"]
    ws = wb["Ratings"]
    headers = [ws.cell(row=4, column=c).value for c in range(1, 10)]
    assert headers == [
        "Participant",
        "Stakeholder group",
        "Organisation (optional)",
        "Sex (optional)",
        "Age band (optional)",
        "Country of residence (optional)",
        "Municipality of residence (optional)",
        "GCM01 relevance",
        "GCM01 urgency",
    ]
    assert ws["BA4"].value == "GCM23 urgency"
    assert ws.freeze_panes == "H5"
    assert ws.protection.sheet and not ws["H5"].protection.locked
    assert wb["Lists"].sheet_state == "veryHidden"
    lists = [c.value for c in wb["Lists"]["B"] if c.value is not None]
    assert lists[1:] == [1, 2, 3, 4, 5, "Don't know"]  # an answer cell: a rating or don't know
    questions = [row[2] for row in wb["Questions"].iter_rows(values_only=True) if row[0] == "GCM21"]
    assert questions == [
        "People who come back, whether by choice or not, return safely and with dignity and "
        "get help to rebuild their lives."
    ]
    assert wb.custom_doc_props["mgi_kind"].value == "consultation"
    again = write_consultation_template(tmp_path / "d.xlsx", profile, participants=10)
    assert _sha(path) == _sha(again)


def test_consultation_template_in_albanian_is_read_like_the_english_one(
    tmp_path: Path, profile, consultation
) -> None:
    path = write_consultation_template(
        tmp_path / "k.xlsx", profile, ratings=consultation, lang="sq"
    )
    wb = openpyxl.load_workbook(path)
    ws = wb[text("sheet.ratings", "sq")]  # sheet names in the template's language too
    assert (ws["A4"].value, ws["H4"].value, ws["I4"].value) == (
        "Pjesëmarrësi",
        "GCM01 rëndësia",
        "GCM01 urgjenca",
    )
    assert ws["B5"].value in {"Qeveria", "Diaspora", "Akademia"} or ws["B5"].value
    statements = {
        row[0]: row[2] for row in wb[text("sheet.questions", "sq")].iter_rows(values_only=True)
    }
    assert statements["GCM01"].startswith("Qeveria mbledh të dhëna të besueshme")
    assert "Nuk e di" in [c.value for c in wb[text("sheet.lists", "sq")]["B"]]
    read = read_consultation(path, PROFILE)
    assert read.issues == ()
    english = read_consultation(
        write_consultation_template(tmp_path / "e.xlsx", profile, ratings=consultation), PROFILE
    )
    pd.testing.assert_frame_equal(read.ratings, english.ratings)


def test_dont_know_is_counted_not_rated_and_attributes_are_read(consultation_file: Path) -> None:
    for cell, value in (("H5", "Don't know"), ("I5", "Nuk e di"), ("D5", "Grua"), ("E5", "25-34")):
        _edit(consultation_file, "Ratings", cell, value)
    _edit(consultation_file, "Ratings", "F5", "Germany")
    read = read_consultation(consultation_file, PROFILE)
    assert read.issues == ()
    first = read.respondents.index[0]
    assert read.dont_know[["participant", "objective"]].values.tolist() == [
        [first, "GCM01"],
        [first, "GCM01"],
    ]
    assert sorted(read.dont_know["question"]) == ["relevance", "urgency"]
    rated = read.ratings
    assert rated[(rated["participant"] == first) & (rated["objective"] == "GCM01")].empty
    person = read.respondents.loc[first]
    assert (person["sex"], person["age_band"], person["country"]) == ("Female", "25-34", "Germany")
    assert read.participants.loc[first, "dont_know"] == 2


@pytest.mark.parametrize(
    ("cell", "value", "rule"),
    [
        ("H6", 7, "rating.invalid_answer"),
        ("H6", "high", "rating.invalid_answer"),
        ("H6", 2.5, "rating.invalid_answer"),
        ("H6", "#DIV/0!", "rating.invalid_answer"),
        ("A6", None, "rating.no_participant"),
        ("A6", "P00", "rating.duplicate_participant"),
        ("B6", None, "rating.missing_group"),
        ("B6", "Diaspra", "rating.unknown_group"),
        ("D6", "Dragon", "rating.unknown_option"),
        ("H6", None, "rating.missing"),
    ],
)
def test_consultation_rules(consultation_file: Path, cell: str, value: object, rule: str) -> None:
    _edit(consultation_file, "Ratings", cell, value)
    issues = read_consultation(consultation_file, PROFILE).issues
    assert [i.rule for i in issues if i.rule != "workbook.no_stamp"] == [rule], _rules(issues)
    issue = issues[-1]
    assert issue.sheet == "Ratings" and issue.file == "consultation.xlsx"
    assert issue.cell in {cell, "A6", "B6"}


def test_consultation_unknown_group_is_kept_as_its_own_group(consultation_file: Path) -> None:
    _edit(consultation_file, "Ratings", "B6", "Football fans")
    read = read_consultation(consultation_file, PROFILE)
    assert not read.has_errors
    assert "Football fans" in set(read.ratings["group"])


def test_consultation_every_problem_at_once(consultation_file: Path) -> None:
    for cell, value in (("H6", 9), ("J7", "x"), ("B8", None)):
        _edit(consultation_file, "Ratings", cell, value)
    rules = sorted(_rules(read_consultation(consultation_file, PROFILE).issues))
    assert rules == [
        ("rating.invalid_answer", "Ratings", "H6"),
        ("rating.invalid_answer", "Ratings", "J7"),
        ("rating.missing_group", "Ratings", "B8"),
    ]


def test_consultation_message_grammar(consultation_file: Path) -> None:
    _edit(consultation_file, "Ratings", "H6", 7)
    (issue,) = read_consultation(consultation_file, PROFILE).issues
    assert str(issue) == (
        '[consultation.xlsx, sheet Ratings, cell H6] The answer "7" is not allowed. Use a whole '
        "number from 1 to 5, or Don't know, or leave the cell empty if the question was not "
        "asked."
    )


def test_empty_consultation_template(tmp_path: Path, profile) -> None:
    path = write_consultation_template(tmp_path / "c.xlsx", profile)
    assert [i.rule for i in read_consultation(path, PROFILE).issues] == ["rating.no_ratings"]


def test_questionnaire_is_not_a_consultation(tmp_path: Path) -> None:
    path = write_template("sdg-10-7-2", tmp_path / "q.xlsx")
    with pytest.raises(NotAWorkbookError) as info:
        read_consultation(path, PROFILE)
    assert info.value.issues[0].rule == "workbook.other_kind"


# -- experts -------------------------------------------------------------------------------------


@pytest.fixture
def experts_file(tmp_path: Path, profile, experts, pristine) -> Path:
    return pristine(
        "experts.xlsx",
        lambda path: write_experts_template(path, profile, ratings=experts),
        tmp_path,
    )


def test_experts_round_trip(experts_file: Path, experts) -> None:
    read = read_experts(experts_file, PROFILE)
    assert read.issues == ()
    key = ["expert", "objective", "criterion"]
    pd.testing.assert_frame_equal(
        read.ratings.sort_values(key).reset_index(drop=True),
        experts.astype({"rating": float}).sort_values(key).reset_index(drop=True),
    )


def test_experts_template_has_unused_blocks(tmp_path: Path, profile) -> None:
    path = write_experts_template(tmp_path / "e.xlsx", profile, experts=3)
    ws = openpyxl.load_workbook(path)["Ratings"]
    assert [ws.cell(row=4, column=c).value for c in range(1, 9)] == [
        "Expert",
        "Objective",
        "Short label",
        "Feasibility (experts)",
        "Resource need (experts)",
        "National-policy alignment (experts)",
        "EU-accession relevance (experts)",
        "Partner funding (experts)",
    ]
    assert ws.max_row == 4 + 3 * 23
    assert [i.rule for i in read_experts(path, PROFILE).issues] == ["rating.no_ratings"]


@pytest.mark.parametrize(
    ("cell", "value", "rule"),
    [
        ("D5", 0, "rating.invalid"),
        ("A5", None, "rating.no_participant"),
        ("B5", "GCM24", "rating.unknown_objective"),
        ("B6", "GCM01", "rating.duplicate_participant"),
        ("D5", None, "rating.missing"),
    ],
)
def test_experts_rules(experts_file: Path, cell: str, value: object, rule: str) -> None:
    _edit(experts_file, "Ratings", cell, value)
    issues = [
        i for i in read_experts(experts_file, PROFILE).issues if i.rule != "workbook.no_stamp"
    ]
    assert [i.rule for i in issues] == [rule], _rules(issues)
    assert issues[0].cell in {cell, "D5"}


def test_experts_missing_criterion_column(experts_file: Path) -> None:
    _edit(experts_file, "Ratings", "E4", "Something else")
    issues = read_experts(experts_file, PROFILE).issues
    assert [i.rule for i in issues] == ["rating.missing_column"]
    assert "Resource need" in issues[0].message


# -- weights -------------------------------------------------------------------------------------

CRITERIA = PROFILE.codes  # seven criteria: matrix rows 19-25, points rows 8-14


def _consistent_matrix(weights: list[float]) -> pd.DataFrame:
    w = np.array(weights)
    return pd.DataFrame(w[:, None] / w[None, :], index=CRITERIA, columns=CRITERIA)


@pytest.fixture
def judgements() -> list[Judgement]:
    return [
        Judgement("Ministry of Interior", "pairwise", _consistent_matrix([4, 2, 2, 1, 2, 1, 1])),
        Judgement(
            "Ministry of Finance",
            "points",
            pd.Series(dict(zip(CRITERIA, [30, 20, 15, 10, 10, 10, 5], strict=True))),
        ),
        Judgement(
            "Technical Secretariat",
            "ranking",
            pd.Series(dict(zip(CRITERIA, [1, 2, 3, 5, 4, 6, 7], strict=True))),
        ),
    ]


@pytest.fixture
def weights_file(tmp_path: Path, profile, judgements, pristine) -> Path:
    return pristine(
        "weights.xlsx",
        lambda path: write_weights_template(path, profile, judgements=judgements),
        tmp_path,
    )


def test_weights_round_trip(weights_file: Path, judgements, profile) -> None:
    read = read_weights(weights_file, profile)
    assert read.issues == ()
    assert [j.participant for j in read.judgements] == [j.participant for j in judgements]
    agreed_file = combine_judgements(read, profile.codes).weights
    agreed_direct = combine_judgements(judgements, profile.codes).weights
    assert agreed_file.to_numpy() == pytest.approx(agreed_direct.to_numpy(), rel=1e-6)


def test_unused_participant_sheets_are_ignored(weights_file: Path) -> None:
    wb = openpyxl.load_workbook(weights_file)
    assert wb.sheetnames[1:6] == [f"Participant {i}" for i in range(1, 6)]
    assert len(read_weights(weights_file, PROFILE).judgements) == 3


def test_pairwise_typed_as_fractions(weights_file: Path) -> None:
    """'1/2' and 0.5 and '0,5' all read as one half."""
    _edit(weights_file, "Participant 1", "D20", "0,5")
    read = read_weights(weights_file, PROFILE)
    assert read.issues == ()
    assert read.judgements[0].values.loc["stakeholders", "feasibility"] == 0.5


def test_inconsistent_matrix_gives_a_hint(weights_file: Path) -> None:
    _edit(weights_file, "Participant 1", "C19", "1/9")
    issues = read_weights(weights_file, PROFILE).issues
    (issue,) = issues
    assert issue.rule == "weights.inconsistent" and issue.severity == "warning"
    assert issue.sheet == "Participant 1"
    assert "deviates most" in issue.message


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "rule"),
    [
        ("Participant 1", "C19", 12, "weights.bad_judgement"),
        ("Participant 1", "C19", -3, "weights.bad_judgement"),
        ("Participant 1", "C19", None, "weights.incomplete"),
        ("Participant 1", "B20", 3, "weights.not_reciprocal"),
        ("Participant 2", "C8", -5, "weights.bad_points"),
        ("Participant 3", "D9", None, "weights.incomplete"),
        ("Participant 3", "D9", 9, "weights.bad_rank"),
        ("Participant 2", "B5", "votes", "weights.bad_method"),
    ],
)
def test_weights_rules(weights_file: Path, sheet: str, cell: str, value: object, rule: str) -> None:
    _edit(weights_file, sheet, cell, value)
    issues = read_weights(weights_file, PROFILE).issues
    assert [i.rule for i in issues] == [rule], _rules(issues)
    assert issues[0].sheet == sheet


def test_all_zero_points(weights_file: Path) -> None:
    for row in range(8, 15):
        _edit(weights_file, "Participant 2", f"C{row}", 0)
    assert [i.rule for i in read_weights(weights_file, PROFILE).issues] == ["weights.all_zero"]


def test_empty_weights_template(tmp_path: Path, profile) -> None:
    path = write_weights_template(tmp_path / "w.xlsx", profile)
    assert [i.rule for i in read_weights(path, PROFILE).issues] == ["weights.no_participants"]


def test_expert_criteria_list() -> None:
    assert [c.code for c in PROFILE.expert_criteria()] == EXPERT_CRITERIA
    assert len(OBJECTIVES) == 23
