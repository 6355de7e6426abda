"""Exports of the XLSForms read back: KoboToolbox and ODK Central, xlsx, CSV and zip, names or
labels, with or without group prefixes; and every problem named by submission and column."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgi._resources import bundled_dir
from mgi.errors import NotAWorkbookError
from mgi.i18n import codes, content
from mgi.priorities.profile import load_profile
from mgi.workbook import read_assessment, read_consultation, stamped_kind
from mgi.workbook.xlsform.consultation import consultation_form, group_names
from mgi.workbook.xlsform.questionnaire import field_name, questionnaire_form
from mgi.workbook.xlsform.table import export_kind, read_table, sniff
from tests.workbook.xlsform._exports import answers, export_rows, write_export

DEMO = bundled_dir("data") / "demo"


@pytest.fixture(scope="module")
def profile() -> Any:
    return load_profile()


@pytest.fixture(scope="module")
def form(profile: Any) -> Any:
    return consultation_form(profile)


@pytest.fixture(scope="module")
def demo(profile: Any) -> Any:
    """The demo consultation workbook as read (79 respondents in 14 groups)."""
    return read_consultation(DEMO / "consultation.xlsx", profile)


def _option_names(attribute: str) -> dict[str, str]:
    prefix = f"{attribute}."
    return {
        str(content("consultation_options", c, "label")): c[len(prefix) :]
        for c in codes("consultation_options")
        if c.startswith(prefix)
    }


def demo_submissions(consultation: Any, profile: Any) -> list[dict[str, Any]]:
    """The demo consultation's answers as submissions of the form (ids: the names)."""
    groups = group_names(profile.consultation.groups)
    options = {a: _option_names(a) for a in ("sex", "age_band")}
    people = consultation.respondents
    rows: dict[str, dict[str, Any]] = {}
    for name, person in people.iterrows():
        row = {"_uuid": name, "stakeholder_group": groups[person["group"]]}
        row["organisation"] = person["organisation"]
        for attribute in ("sex", "age_band"):
            row[attribute] = options[attribute].get(person[attribute], "")
        row["country"], row["municipality"] = person["country"], person["municipality"]
        rows[name] = row
    table = consultation.ratings
    for name, objective, question, rating in table[
        ["participant", "objective", "question", "rating"]
    ].itertuples(index=False):
        rows[name][f"{objective.lower()}_{question}"] = str(int(rating))
    unknown = consultation.dont_know
    for name, objective, question in unknown[["participant", "objective", "question"]].itertuples(
        index=False
    ):
        rows[name][f"{objective.lower()}_{question}"] = "dont_know"
    return list(rows.values())


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


EXPORTS = {
    "KoboToolbox CSV (semicolon)": ("export.csv", {}),
    "KoboToolbox xlsx": ("export.xlsx", {}),
    "KoboToolbox xlsx, labels in Albanian, no groups": (
        "labels.xlsx",
        {"labels": "sq", "groups": False},
    ),
    "KoboToolbox CSV, labels in English": ("labels.csv", {"labels": "en"}),
    "ODK Central zip": ("odk.zip", {"tool": "odk"}),
    "ODK Central CSV (comma)": ("odk.csv", {"tool": "odk"}),
    "CSV saved with semicolons, no group prefixes": (
        "plain.csv",
        {"tool": "odk", "groups": False, "delimiter": ";"},
    ),
}


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_an_export_reads_as_the_workbook_with_the_same_answers(
    tmp_path: Path, profile: Any, form: Any, demo: Any, kind: str
) -> None:
    name, options = EXPORTS[kind]
    path = write_export(tmp_path / name, form, demo_submissions(demo, profile), **options)
    assert sniff(path) in ("csv", "xlsx", "zip")
    read = read_consultation(path, profile)
    assert [i.rule for i in read.issues] == []
    pd.testing.assert_frame_equal(_sorted(read.ratings), _sorted(demo.ratings))
    pd.testing.assert_frame_equal(_sorted(read.dont_know), _sorted(demo.dont_know))
    people = read.respondents.sort_index()
    pd.testing.assert_frame_equal(people, demo.respondents.sort_index(), check_dtype=False)
    assert read.source.sha256 and read.source.template_version == "xlsform 2.0.0-1"
    assert stamped_kind(path) == "consultation"


def test_repeated_submissions_are_read_once_with_a_warning(tmp_path: Path, form: Any) -> None:
    sent = answers(form, stakeholder_group="diaspora", _uuid="a1")
    path = write_export(tmp_path / "e.csv", form, [sent, {**sent, "gcm01_relevance": "1"}])
    read = read_consultation(path, load_profile())
    (issue,) = read.issues
    assert issue.rule == "xlsform.duplicate_submission" and not issue.is_error
    assert (issue.row, issue.found, issue.fields["first_row"]) == (3, "a1", 2)
    assert len(read.respondents) == 1
    assert read.ratings["rating"].eq(4).all()


@pytest.mark.parametrize(
    ("tool", "review", "found"),
    [
        ("kobo", {"_validation_status": "validation_status_not_approved"}, "validation_status"),
        ("kobo", {"_validation_status": "Not Approved"}, "Not Approved"),
        ("odk", {"ReviewState": "rejected"}, "rejected"),
    ],
)
def test_submissions_rejected_in_the_review_are_set_aside_with_a_warning(
    tmp_path: Path, form: Any, tool: str, review: dict[str, str], found: str
) -> None:
    kept = answers(form, stakeholder_group="media", _uuid="kept")
    spam = answers(form, stakeholder_group="media", _uuid="spam") | review
    path = write_export(tmp_path / "r.csv", form, [kept, spam], tool=tool)
    read = read_consultation(path, load_profile())
    (issue,) = read.issues
    assert issue.rule == "xlsform.rejected_submission" and not issue.is_error
    assert (issue.row, issue.fields["submission"]) == (3, "spam") and found in issue.message
    assert read.respondents.index.tolist() == ["kept"]


def test_an_export_of_another_form_version_is_refused_naming_both(
    tmp_path: Path, form: Any
) -> None:
    sent = answers(form, stakeholder_group="media", mgi_form_version="1.0.0-1")
    path = write_export(tmp_path / "old.csv", form, [sent, sent | {"_uuid": "b"}])
    with pytest.raises(NotAWorkbookError) as caught:
        read_consultation(path, load_profile())
    (issue,) = caught.value.issues
    assert issue.rule == "xlsform.other_form"
    assert "1.0.0-1" in issue.message and "2.0.0-1" in issue.message
    assert "mgi_consultation_gcm-default" in issue.message


def test_one_submission_of_another_version_is_refused_the_others_read(
    tmp_path: Path, form: Any
) -> None:
    good = answers(form, stakeholder_group="media")
    old = good | {"_uuid": "old-one", "mgi_form_version": "1.0.0-1"}
    path = write_export(tmp_path / "mixed.xlsx", form, [good, old, good | {"_uuid": "c"}])
    read = read_consultation(path, load_profile())
    (issue,) = read.issues
    assert issue.rule == "xlsform.other_form_submission" and issue.is_error
    assert (issue.row, issue.fields["submission"]) == (3, "old-one")
    assert issue.sheet and issue.column == "mgi_form_id"
    assert sorted(read.respondents.index) == ["c", "s1"]


def test_a_questionnaire_export_given_as_consultation_is_sent_to_its_option(
    tmp_path: Path,
) -> None:
    form = questionnaire_form("sdg-10-7-2")
    path = write_export(tmp_path / "q.csv", form, [{"country": "Testland", "round": "2024"}])
    assert export_kind(path) == "questionnaire"
    with pytest.raises(NotAWorkbookError) as caught:
        read_consultation(path, load_profile())
    assert caught.value.issues[0].rule == "workbook.other_kind"
    assert "--assessment" in caught.value.issues[0].message


def test_every_problem_names_the_submission_its_row_and_column(tmp_path: Path, form: Any) -> None:
    rows = [
        answers(form, stakeholder_group="diaspora", gcm07_urgency="7", _uuid="u-1"),
        answers(form, stakeholder_group="", _uuid="u-2"),
        answers(form, stakeholder_group="Youth councils", sex="maybe", _uuid="u-3"),
        answers(form, stakeholder_group="other", stakeholder_group_other="Youth", _uuid="u-4")
        | {"gcm02_relevance": "", "gcm03_urgency": ""},
    ]
    path = write_export(tmp_path / "bad.csv", form, rows)
    read = read_consultation(path, load_profile())
    found = {(i.rule, i.fields.get("submission"), i.row, i.column) for i in read.issues}
    assert found == {
        ("xlsform.invalid_answer", "u-1", 2, "gcm07/gcm07_urgency"),
        ("xlsform.missing_group", "u-2", 3, "respondent/stakeholder_group"),
        ("xlsform.unknown_group", "u-3", 4, "respondent/stakeholder_group"),
        ("xlsform.unknown_option", "u-3", 4, "respondent/sex"),
        ("xlsform.missing_answer", "u-4", 5, None),
    }
    assert all(i.file == "bad.csv" for i in read.issues)
    assert read.respondents.loc["u-3", "group"] == "Youth councils"
    assert read.respondents.loc["u-4", "group"] == "Youth"
    assert read.respondents.loc["u-3", "sex"] == "maybe"
    assert "u-2" not in read.respondents.index
    missing = next(i for i in read.issues if i.rule == "xlsform.missing_answer")
    assert "gcm02/gcm02_relevance" in missing.message and missing.found == "2"


def test_an_other_group_naming_a_profile_group_joins_it(tmp_path: Path, form: Any) -> None:
    row = answers(form, stakeholder_group="other", stakeholder_group_other=" diaspora ")
    read = read_consultation(write_export(tmp_path / "e.csv", form, [row]), load_profile())
    assert read.respondents["group"].tolist() == ["Diaspora"]


def test_values_are_read_as_names_or_labels_of_any_language(tmp_path: Path, form: Any) -> None:
    row = answers(
        form,
        value="5 (MË E LARTA)",
        stakeholder_group="Emigrantët e kthyer",
        sex="Grua",
        age_band="15-24",
        gcm01_relevance="Nuk e di",
        gcm01_urgency=" don't know ",
        gcm02_relevance=3,
    )
    read = read_consultation(write_export(tmp_path / "e.xlsx", form, [row]), load_profile())
    assert read.issues == ()
    person = read.respondents.iloc[0]
    assert (person["group"], person["sex"], person["age_band"]) == ("Returnees", "Female", "15-24")
    assert len(read.dont_know) == 2
    assert sorted(set(read.ratings["rating"])) == [3.0, 5.0]


def test_missing_columns_and_files_that_are_not_exports_are_named(
    tmp_path: Path, form: Any
) -> None:
    rows = export_rows(form, [answers(form, stakeholder_group="media")])
    keep = [i for i, h in enumerate(rows[0]) if "gcm23" not in h]
    path = tmp_path / "cut.csv"
    path.write_text("\n".join(";".join(str(r[i]) for i in keep) for r in rows), encoding="utf-8")
    read = read_consultation(path, load_profile())
    (issue,) = [i for i in read.issues if i.is_error]
    assert issue.rule == "xlsform.missing_columns"
    assert "gcm23_relevance" in issue.message
    other = tmp_path / "other.csv"
    other.write_text("name,score\nA,1\n", encoding="utf-8")
    with pytest.raises(NotAWorkbookError) as caught:
        read_consultation(other, load_profile())
    assert caught.value.issues[0].rule == "xlsform.not_an_export"


def test_an_export_without_the_identity_columns_is_read_with_a_warning(
    tmp_path: Path, form: Any
) -> None:
    rows = export_rows(form, [answers(form, stakeholder_group="media")], tool="odk")
    keep = [i for i, h in enumerate(rows[0]) if not h.startswith("mgi_form")]
    path = tmp_path / "no-id.csv"
    path.write_text("\n".join(",".join(str(r[i]) for i in keep) for r in rows), encoding="utf-8")
    read = read_consultation(path, load_profile())
    assert [i.rule for i in read.issues] == ["xlsform.no_form_id"]
    assert read.respondents.index.tolist() == ["s1"]  # "uuid:" taken off ODK's id


def test_a_windows_1252_export_is_read_with_a_warning(tmp_path: Path, form: Any) -> None:
    rows = export_rows(form, [answers(form, stakeholder_group="media", municipality="Korçë")])
    path = tmp_path / "excel.csv"
    path.write_bytes("\n".join(";".join(map(str, r)) for r in rows).encode("cp1252"))
    read = read_consultation(path, load_profile())
    assert [i.rule for i in read.issues] == ["xlsform.encoding"]
    assert read.respondents["municipality"].tolist() == ["Korçë"]


@pytest.mark.parametrize(
    ("content_bytes", "rule"),
    [
        (b"", "xlsform.no_submissions"),
        (b"_uuid;_index\n", "xlsform.no_submissions"),
        (b'_uuid,_index\n"a,1\n', "xlsform.unreadable"),
        (b"\x00\x01\x02_uuid", "xlsform.unreadable"),
    ],
)
def test_broken_exports_are_refused_with_one_message(
    tmp_path: Path, content_bytes: bytes, rule: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content_bytes)
    with pytest.raises(NotAWorkbookError) as caught:
        read_consultation(path, load_profile())
    assert [i.rule for i in caught.value.issues] in ([rule], ["xlsform.not_an_export"])
    assert caught.value.issues[0].rule == rule or rule == "xlsform.no_submissions"


def test_the_form_itself_is_not_an_export(tmp_path: Path, profile: Any) -> None:
    from mgi.workbook.xlsform import write_form

    path = tmp_path / "form.xlsx"
    write_form("consultation", path, profile=profile)
    assert sniff(path) == "form" and stamped_kind(path) == "consultation"
    with pytest.raises(NotAWorkbookError) as caught:
        read_consultation(path, profile)
    assert caught.value.issues[0].rule == "xlsform.is_form"


def test_stamped_workbooks_are_not_taken_for_exports() -> None:
    for name in ("consultation.xlsx", "mgi-national-2023.xlsx", "experts.xlsx"):
        assert sniff(DEMO / name) is None
    assert stamped_kind(DEMO / "experts.xlsx") == "experts"


def test_the_table_keeps_the_rows_of_the_file(tmp_path: Path, form: Any) -> None:
    rows = export_rows(form, [answers(form, stakeholder_group="media")] * 2)
    rows.insert(2, [""] * len(rows[0]))
    path = tmp_path / "gap.csv"
    path.write_text("\n".join(";".join(map(str, r)) for r in rows), encoding="utf-8")
    table = read_table(path)
    assert table.rows.tolist() == [2, 4] and table.sheet is None


# -- the questionnaire ---------------------------------------------------------------------------


def _questionnaire_submission(assessment: Any) -> dict[str, Any]:
    """A completed questionnaire's answers as one submission of its form."""
    from mgi.reference import implementation_levels

    levels = {level.label: level.code for level in implementation_levels()}
    row: dict[str, Any] = {"_uuid": "team-1", **dict(assessment.metadata)}
    for code, answer in assessment.answers.iterrows():
        name = field_name(code)
        row[f"{name}_answer"] = answer["option"]
        row[f"{name}_evidence"] = answer["evidence"]
        row[f"{name}_comment"] = answer["comment"]
        row[f"{name}_implementation"] = levels.get(answer["implementation"], "")
    return row


@pytest.mark.parametrize("name", ["q.xlsx", "q.csv"])
def test_a_questionnaire_export_reads_as_the_workbook(tmp_path: Path, name: str) -> None:
    workbook = read_assessment(DEMO / "mgi-national-2023.xlsx")
    form = questionnaire_form(workbook.instrument)
    sent = _questionnaire_submission(workbook)
    path = write_export(tmp_path / name, form, [sent])
    assert stamped_kind(path) == "questionnaire"
    read = read_assessment(path)
    assert read.instrument.label == workbook.instrument.label
    columns = ["option", "status", "evidence", "comment", "implementation"]
    pd.testing.assert_frame_equal(read.answers[columns], workbook.answers[columns])
    assert {k: read.metadata[k] for k in ("country", "round")} == {
        "country": workbook.country,
        "round": workbook.round,
    }
    assert sorted(i.rule for i in read.issues) == sorted(i.rule for i in workbook.issues)


def test_a_questionnaire_export_is_checked_like_the_workbook(tmp_path: Path) -> None:
    form = questionnaire_form("sdg-10-7-2")
    sent = {"_uuid": "t", "country": "Testland", "round": 2024, "d2_a_answer": "yes"}
    sent |= {"d2_b_answer": "Jo", "d2_c_answer": "maybe", "d2_d_answer": "y"}
    read = read_assessment(write_export(tmp_path / "s.csv", form, [sent]), allow_incomplete=True)
    rules = {(i.rule, i.indicator) for i in read.issues}
    assert ("answer.invalid", "D2.c") in rules
    assert ("answer.reinterpreted", "D2.d") in rules
    assert ("answer.no_evidence", "D2.a") in rules
    assert ("answer.missing", "D3.a") in rules
    invalid = next(i for i in read.issues if i.rule == "answer.invalid")
    assert (invalid.row, invalid.column) == (2, "domain_d2/d2_c/d2_c_answer")
    assert read.answers.loc["D2.b", "option"] == "no"


def test_one_assessment_is_one_submission(tmp_path: Path) -> None:
    form = questionnaire_form("sdg-10-7-2")
    sent = [{"_uuid": "a", "country": "X", "round": 2024}, {"_uuid": "b", "country": "X"}]
    with pytest.raises(NotAWorkbookError) as caught:
        read_assessment(write_export(tmp_path / "two.csv", form, sent))
    (issue,) = caught.value.issues
    assert issue.rule == "xlsform.many_submissions"
    assert "a (row 2)" in issue.message and "b (row 3)" in issue.message


# -- whatever the file holds, a message and never a traceback -----------------------------------

_CELLS = st.one_of(
    st.sampled_from(["", "4", "dont_know", "diaspora", "Nuk e di", "other", "uuid:x", "7"]),
    st.text(max_size=12),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(_CELLS, min_size=0, max_size=8), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    picked=st.lists(st.integers(0, 70), min_size=1, max_size=8),
)
def test_any_csv_under_export_headers_gives_issues_not_tracebacks(
    tmp_path: Path, form: Any, rows: list[list[str]], delimiter: str, picked: list[int]
) -> None:
    headers = export_rows(form, [])[0]
    header = [headers[i % len(headers)] for i in picked] + ["_uuid", "_index"]
    lines = [header, *([*r, *[""] * len(header)][: len(header)] for r in rows)]
    path = tmp_path / "fuzz.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(lines)
    try:
        read = read_consultation(path, load_profile())
    except NotAWorkbookError as exc:
        assert exc.issues and exc.issues[0].rule.startswith(("xlsform.", "workbook."))
    else:
        assert all(i.rule and i.message for i in read.issues)
        assert set(read.ratings["rating"]) <= {1.0, 2.0, 3.0, 4.0, 5.0}
