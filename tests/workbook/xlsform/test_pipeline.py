"""An export is read wherever mgi reads a consultation or a questionnaire, without a flag:
``mgi validate``, ``mgi prioritize`` (and ``report``, which runs the same recipe), ``run``; the
respondents' attributes reach the prioritisation outputs and weight the groups as the profile
says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from mgi._resources import bundled_dir
from mgi.cli import main
from mgi.priorities.profile import load_profile
from mgi.priorities.ratings import summarise_consultation
from mgi.recipe import Recipe
from mgi.run import run
from mgi.workbook import read_assessment, read_consultation
from mgi.workbook.xlsform.consultation import consultation_form
from mgi.workbook.xlsform.questionnaire import questionnaire_form
from tests.workbook.xlsform._exports import answers, write_export
from tests.workbook.xlsform.test_export import _questionnaire_submission, demo_submissions

DEMO = bundled_dir("data") / "demo"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo consultation as a KoboToolbox xlsx and as ODK Central's zip, and the demo
    questionnaire as a KoboToolbox CSV."""
    folder = tmp_path_factory.mktemp("exports")
    profile = load_profile()
    form = consultation_form(profile)
    rows = demo_submissions(read_consultation(DEMO / "consultation.xlsx", profile), profile)
    assessment = read_assessment(DEMO / "mgi-national-2023.xlsx")
    return {
        "kobo": write_export(folder / "kobo.xlsx", form, rows),
        "odk": write_export(folder / "odk.zip", form, rows, tool="odk"),
        "questionnaire": write_export(
            folder / "questionnaire.csv",
            questionnaire_form(assessment.instrument),
            [_questionnaire_submission(assessment)],
        ),
    }


def test_validate_reads_an_export_without_a_flag(exports: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["validate", str(exports["odk"]), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert (payload["kind"], payload["people"], payload["errors"]) == ("consultation", 79, 0)
    questionnaire = CliRunner().invoke(main, ["validate", str(exports["questionnaire"])])
    assert questionnaire.exit_code == 0, questionnaire.output
    assert "mgi-national" in questionnaire.stdout


def test_validate_names_the_submission_row_and_column(tmp_path: Path) -> None:
    form = consultation_form(load_profile())
    rows = [answers(form, stakeholder_group="media", _uuid="4f1c-a", gcm07_urgency="9")]
    path = write_export(tmp_path / "bad.csv", form, rows)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "row 2, column gcm07/gcm07_urgency] Submission 4f1c-a" in result.stderr
    albanian = CliRunner().invoke(main, ["validate", str(path), "--lang", "sq"])
    assert albanian.exit_code == 1 and "Dërgesa 4f1c-a" in albanian.stderr


def test_prioritize_ranks_with_an_export_and_counts_its_respondents(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "priorities.xlsx"
    args = ["--assessment", str(DEMO / "mgi-national-2023.xlsx"), "--experts"]
    args += [str(DEMO / "experts.xlsx"), "--consultation", str(exports["odk"])]
    result = CliRunner().invoke(
        main, ["prioritize", *args, "--samples", "300", "--method", "wsm", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out, read_only=True)["Respondents"]
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    by_value = {(r[0], r[1]): r[-1] for r in rows[1:]}
    assert by_value[("sex", "Female")] > 0 and by_value[("age_band", "65 or older")] > 0
    assert sum(v for (a, _), v in by_value.items() if a == "sex") == 79


def test_a_recipe_with_an_export_ranks_as_with_the_workbook(exports: dict[str, Path]) -> None:
    def stakeholders(consultation: Path) -> pd.Series:
        recipe = Recipe(
            inputs={
                "assessment": DEMO / "mgi-national-2023.xlsx",
                "consultation": consultation,
                "experts": DEMO / "experts.xlsx",
            },
            settings={"samples": 200, "methods": ["wsm"]},
        )
        made = run(recipe, write=False)
        return made.prioritization.matrix.values["stakeholders"]

    pd.testing.assert_series_equal(
        stakeholders(exports["kobo"]), stakeholders(DEMO / "consultation.xlsx")
    )


def test_groups_are_weighted_from_the_attributes_of_an_export(tmp_path: Path) -> None:
    form = consultation_form(load_profile())
    rows = [
        answers(form, value="5", stakeholder_group="diaspora", country="Germany"),
        answers(form, value="1", stakeholder_group="diaspora", country="italy "),
        answers(form, value="1", stakeholder_group="diaspora", country="Italy"),
    ]
    read = read_consultation(write_export(tmp_path / "d.csv", form, rows), load_profile())
    population: dict[str, Any] = {"Diaspora": ("country", {"Germany": 0.5, "Italy": 0.5})}
    summary = summarise_consultation(read, population=population)
    assert not [i for i in summary.issues if i.rule == "rating.population_share_missing"]
    means = summary.by_group["mean"].xs("Diaspora", level="group")
    assert means.eq(3.0).all()  # Germany and Italy weigh half each, not 1 against 2
