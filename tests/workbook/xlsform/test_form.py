"""The XLSForms mgi writes: pyxform converts them without error or warning, every label is in
every language, and the form says which form and version it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from mgi.i18n import content, languages
from mgi.priorities.profile import load_profile
from mgi.workbook.xlsform import write_form
from mgi.workbook.xlsform.consultation import consultation_form
from mgi.workbook.xlsform.form import FormIdentity, language_column, write_xlsform
from mgi.workbook.xlsform.questionnaire import field_name, questionnaire_form

#: ODK Validate (shipped with pyxform) runs where Java is installed, as on the project's
#: machines; pyxform's own checks run everywhere.
VALIDATE = shutil.which("java") is not None


def _sheets(path: Path) -> dict[str, list[list[str]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {
        name: [[str(v) for v in row] for row in book.get_sheet_by_name(name).to_python()]
        for name in book.sheet_names
    }


def _survey(path: Path) -> list[dict[str, str]]:
    rows = _sheets(path)["survey"]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("forms")
    made = {
        "consultation": ("consultation", {"profile": load_profile()}),
        "questionnaire": ("questionnaire", {"instrument": "mgi-national"}),
        "sdg, Albanian first": ("questionnaire", {"instrument": "sdg-10-7-2", "lang": "sq"}),
        "consultation, Albanian first": ("consultation", {"profile": load_profile(), "lang": "sq"}),
    }
    paths = {}
    for number, (which, (kind, options)) in enumerate(made.items()):
        paths[which] = folder / f"form{number}.xlsx"
        write_form(kind, paths[which], **options)
    return paths


@pytest.mark.parametrize(
    "which",
    ["consultation", "questionnaire", "sdg, Albanian first", "consultation, Albanian first"],
)
def test_pyxform_converts_the_form_without_error_or_warning(
    forms: dict[str, Path], which: str
) -> None:
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    validate = VALIDATE and "Albanian" not in which  # one run of ODK Validate per kind of form
    result = convert(xlsform=str(forms[which]), warnings=warnings, validate=validate)
    assert warnings == []
    assert "<h:html" in result.xform
    assert "mgi_form_id" in result.xform


def test_every_label_is_in_every_language_of_the_catalogues(forms: dict[str, Path]) -> None:
    names = [language_column(code) for code in languages()]
    assert names == ["English (en)", "Shqip (sq)"]
    for path in forms.values():
        sheets = _sheets(path)
        for sheet in ("survey", "choices"):
            header = sheets[sheet][0]
            assert {f"label::{n}" for n in names} <= set(header)
            columns = [header.index(f"label::{n}") for n in names]
            for row in sheets[sheet][1:]:
                labelled = [row[c] for c in columns]
                assert all(labelled) or not any(labelled), row


def test_consultation_asks_each_question_of_each_objective_one_at_a_time(
    forms: dict[str, Path],
) -> None:
    survey = _survey(forms["consultation"])
    by_name = {row["name"]: row for row in survey}
    statement = by_name["gcm07_statement"]
    assert statement["type"] == "note"
    assert statement["label::English (en)"] == content("gcm_objectives", "GCM07", "statement")
    assert statement["label::Shqip (sq)"] == content("gcm_objectives", "GCM07", "statement", "sq")
    for question in ("relevance", "urgency"):
        row = by_name[f"gcm07_{question}"]
        assert row["type"] == "select_one rating_1_5"
        assert row["required"] == "yes"
        assert row["required_message::Shqip (sq)"]
    groups = [r["name"] for r in survey if r["type"] == "begin_group"]
    assert groups == ["respondent", *(f"gcm{n:02d}" for n in range(1, 24))]
    assert by_name["stakeholder_group"]["required"] == "yes"
    assert by_name["stakeholder_group_other"]["relevant"] == "${stakeholder_group} = 'other'"
    for attribute in ("sex", "age_band", "country", "municipality"):
        assert by_name[attribute]["required"] == ""
    assert by_name["country"]["constraint"] == "string-length(.) <= 100"
    choices = _sheets(forms["consultation"])["choices"]
    ratings = [row[1:] for row in choices if row[0] == "rating_1_5"]
    assert [r[0] for r in ratings] == ["1", "2", "3", "4", "5", "dont_know"]
    assert ratings[-1][1:] == ["Don't know", "Nuk e di"]
    groups_listed = [row[1] for row in choices if row[0] == "stakeholder_groups"]
    assert groups_listed[:2] == ["government", "parliament"] and groups_listed[-1] == "other"


def test_questionnaire_requires_answers_and_a_reason_for_not_applicable(
    forms: dict[str, Path],
) -> None:
    survey = {row["name"]: row for row in _survey(forms["questionnaire"])}
    answer = survey["d1_1_1_answer"]
    assert answer["type"] == "select_one presence"
    assert answer["required"] == "yes"
    assert answer["hint::English (en)"].startswith("Fully present:")
    assert survey["d1_1_1_comment"]["required"] == "${d1_1_1_answer} = 'na'"
    assert survey["round"]["constraint"] == ". >= 1900 and . <= 2200"
    assert survey["country"]["required"] == "yes"
    assert survey["reference_date"]["type"] == "date"
    choices = _sheets(forms["questionnaire"])["choices"]
    presence = {row[1]: row[2:] for row in choices if row[0] == "presence"}
    assert presence["partial"] == ["Partially present", "Pjesërisht e pranishme"]


def test_settings_name_the_form_version_and_default_language(forms: dict[str, Path]) -> None:
    settings = _sheets(forms["consultation"])["settings"]
    values = dict(zip(settings[0], settings[1], strict=True))
    assert values["form_id"] == "mgi_consultation_gcm-default"
    assert values["version"] == "2.0.0-1"
    assert values["default_language"] == "English (en)"
    sdg = dict(zip(*_sheets(forms["sdg, Albanian first"])["settings"], strict=True))
    assert sdg["form_id"] == "mgi_questionnaire_sdg-10-7-2"
    assert sdg["default_language"] == "Shqip (sq)"
    survey = {row["name"]: row for row in _survey(forms["consultation"])}
    assert survey["mgi_form_id"]["calculation"] == "'mgi_consultation_gcm-default'"
    assert survey["mgi_form_version"]["calculation"] == "'2.0.0-1'"


def test_identity_round_trips_and_other_ids_are_not_mgi_forms() -> None:
    identity = FormIdentity("questionnaire", "mgi-national", "2.0.0")
    assert FormIdentity.parse(identity.form_id, identity.form_version) == identity
    assert FormIdentity.parse("aTxKq3mV9", "vQm3uQ8rZ6Fj") is None
    assert FormIdentity.parse("mgi_consultation_", "1") is None


def test_the_same_form_is_written_byte_for_byte_alike(tmp_path: Path) -> None:
    form = consultation_form(load_profile(), "sq")
    first = write_xlsform(form, tmp_path / "a.xlsx").read_bytes()
    assert write_xlsform(form, tmp_path / "b.xlsx").read_bytes() == first


def test_field_names_are_xml_names_and_unique() -> None:
    form = questionnaire_form("mgi-national")
    names = [q.name for q in form.survey if q.type != "end_group"]
    assert len(names) == len(set(names))
    assert field_name("D1.1.1") == "d1_1_1" and field_name("9x") == "q_9x"
