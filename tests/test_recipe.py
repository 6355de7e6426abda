"""The recipe: validated, frozen, read from and written to TOML with relative paths."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from mgi._resources import bundled_dir
from mgi.errors import DataFileError
from mgi.recipe import Recipe, dumps_toml, load_recipe, path_text, resolve_path

DEMO = bundled_dir("data") / "demo"

RECIPE = """\
recipe_version = 1
title = "Testland 2024"

[methodology]
instrument = "mgi-national"
scheme = "my-scheme.toml"
mapping = "methodology/mapping.csv"

[inputs]
assessment = "inputs/q-2024.xlsx"
earlier = "inputs/q-2019.xlsx"
consultation = "mgi:data/demo/consultation.xlsx"
reference = [2, 3, 5]

[settings]
samples = 2000
seed = 7
methods = ["topsis", "wsm"]
formats = ["svg"]

[outputs]
folder = "out/testland"
report = "report"
priorities = "priorities.xlsx"
"""


@pytest.fixture
def recipe_file(tmp_path: Path) -> Path:
    path = tmp_path / "project" / "testland.toml"
    path.parent.mkdir()
    path.write_text(RECIPE, encoding="utf-8")
    return path


def test_paths_are_relative_to_the_recipe_file(recipe_file: Path) -> None:
    recipe = load_recipe(recipe_file)
    project = recipe_file.parent
    assert recipe.inputs.assessment == project / "inputs" / "q-2024.xlsx"
    assert recipe.methodology.mapping == project / "methodology" / "mapping.csv"
    assert recipe.methodology.scheme == str(project / "my-scheme.toml")
    assert recipe.methodology.instrument == "mgi-national"  # a bundled name stays a name
    assert recipe.inputs.consultation == DEMO / "consultation.xlsx"
    assert recipe.outputs.folder == project / "out" / "testland"
    assert recipe.settings.formats == ("png", "svg")  # PNG is always written
    assert recipe.settings.methods == ("topsis", "wsm")
    assert recipe.base == project


def test_written_relative_to_any_folder_and_read_back_the_same(recipe_file: Path) -> None:
    recipe = load_recipe(recipe_file)
    out = recipe.outputs.folder
    text = recipe.to_toml(out)
    data = tomllib.loads(text)
    assert data["inputs"]["assessment"] == "../../inputs/q-2024.xlsx"
    assert data["inputs"]["consultation"] == "mgi:data/demo/consultation.xlsx"
    assert data["methodology"]["scheme"] == "../../my-scheme.toml"
    assert data["outputs"]["folder"] == "."
    out.mkdir(parents=True)
    (out / "recipe.toml").write_text(text, encoding="utf-8")
    again = load_recipe(out)  # a folder means its recipe.toml
    assert again == recipe
    assert again.to_toml(out) == text  # stable: same recipe, same text


def test_a_recipe_is_frozen_and_replace_validates() -> None:
    recipe = Recipe()
    with pytest.raises(ValidationError):
        recipe.settings.samples = 10  # type: ignore[misc]
    assert recipe.replace(settings={"samples": 500}).settings.samples == 500
    with pytest.raises(ValidationError):
        recipe.replace(settings={"samples": 5})


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("[settings]\nsamples = 5\n", "settings.samples"),
        ("[settings]\nsampels = 5000\n", "settings.sampels"),
        ("[settings]\nmethods = ['electre']\n", "settings.methods"),
        ("[inputs]\nreference = [24]\n", "inputs.reference.0"),
        ("[inputs]\nassessment = 'mgi:../../etc/passwd'\n", "inputs.assessment"),
        ("recipe_version = 99\n", "recipe_version"),
        ("[inputs]\nearlier = 'a.xlsx'\n", "(file)"),
        ("[outputs]\nfolder = 'out'\nscores = '../s.xlsx'\n", "(file)"),
        ("[inputs]\nassessments = ['a.xlsx']\nconsultation = 'c.xlsx'\n", "(file)"),
        ("[inputs]\nassessment = 'a.xlsx'\n[plan]\nstart = '2025-Q5'\n", "plan.start"),
        (
            "[inputs]\nassessment = 'a.xlsx'\n[plan]\nstart = '2025-Q1'\nlanguage = 'xx'\n",
            "plan.language",
        ),
        ("[inputs]\nassessment = 'a.xlsx'\n[plan]\nstart = '2025-Q3'\nend = '2025-Q1'\n", "plan"),
        ("[inputs]\nassessment = 'a.xlsx'\n[outputs]\nplan = 'p.xlsx'\n", "(file)"),
        (
            "[inputs]\nassessment = 'a.xlsx'\n[outputs]\nplan_report = 'plan'\n[plan]\n"
            "start = '2025-Q1'\n",
            "(file)",
        ),
        ("[inputs]\nconsultation = 'c.xlsx'\n[plan]\nstart = '2025-Q1'\n", "(file)"),
    ],
)
def test_every_bad_entry_is_named(tmp_path: Path, text: str, column: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_recipe(path)
    (issue,) = caught.value.issues
    assert issue.rule == "data.metadata"
    assert (issue.file, issue.column) == ("bad.toml", column)


def test_all_problems_of_a_recipe_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[settings]\nsamples = 5\nseed = -1\ntop_k = 30\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_recipe(path)
    assert [i.column for i in caught.value.issues] == [
        "settings.samples",
        "settings.seed",
        "settings.top_k",
    ]


def test_unreadable_and_missing_recipes(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[inputs\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_recipe(path)
    assert caught.value.issues[0].rule == "data.unreadable"
    with pytest.raises(DataFileError) as caught:
        load_recipe(tmp_path / "nope.toml")
    assert caught.value.issues[0].rule == "data.file_missing"


def test_bundled_methodology_is_written_by_name() -> None:
    recipe = Recipe(
        methodology={
            "instrument": str(bundled_dir("questionnaires") / "sdg-10-7-2"),
            "scheme": "mgi:scoring/sdg-10-7-2.toml",
            "profile": "gcm-default",
        }
    )
    written = recipe.to_dict("/anywhere")["methodology"]
    assert written == {"instrument": "sdg-10-7-2", "scheme": "sdg-10-7-2", "profile": "gcm-default"}


def test_paths_never_reveal_folders_outside_a_shared_one() -> None:
    assert path_text("/srv/project/in/q.xlsx", "/srv/project/out") == "../in/q.xlsx"
    assert path_text("/home/someone/q.xlsx", "/tmp/out") == "q.xlsx"  # only the name
    assert path_text(DEMO / "experts.xlsx", "/tmp/out") == "mgi:data/demo/experts.xlsx"
    assert resolve_path("mgi:data/demo/experts.xlsx", "/x") == DEMO / "experts.xlsx"


def test_reference_as_text_and_codes() -> None:
    recipe = Recipe(inputs={"reference": "2, 3;GCM05"})
    assert recipe.inputs.reference == (2, 3, 5)


def test_toml_writer_escapes_text() -> None:
    text = dumps_toml({"note": 'a "quote"\\ and\nnew line\x01', "s": {"k": [1, True]}})
    assert tomllib.loads(text) == {
        "note": 'a "quote"\\ and\nnew line\x01',
        "s": {"k": [1, True]},
    }


def test_the_readme_example_is_a_valid_recipe() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(.*?)```", readme, flags=re.S)
    recipe = Recipe.model_validate(tomllib.loads(example), context={"base": "/project"})
    assert recipe.outputs.folder == Path("/project/reports/albania-2023")
    assert recipe.ranks and recipe.inputs.reference == (2, 3, 4, 5, 6, 7, 9, 10)


def test_the_plan_section() -> None:
    recipe = Recipe.model_validate(
        {"inputs": {"assessment": "q.xlsx", "decisions": "meeting.xlsx"},
         "plan": {"start": "Q3 2025", "currency": "EUR"}, "outputs": {"plan": "plan.xlsx"}},
        context={"base": "/project"},
    )  # fmt: skip
    assert recipe.ranks and recipe.plan.start == "2025-Q3"
    assert ("decisions", Path("/project/meeting.xlsx")) in list(recipe.inputs.files())
    written = recipe.to_dict("/project")
    # the plan's language is the run's (settings.lang) unless the section names one
    assert written["plan"] == {"start": "2025-Q3", "currency": "EUR", "rows": 5, "fill": "none"}
    assert written["outputs"]["plan"] == "plan.xlsx"
