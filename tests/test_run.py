"""``run(recipe)``: every file's problems at once, outputs that record their recipe and make
the same files again, and no absolute path in any output."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import mgi
from mgi._resources import bundled_dir
from mgi.cli import main
from mgi.errors import InputError, UsageError
from mgi.instrument import load_instrument
from mgi.recipe import Recipe
from mgi.run import _check_default_folder, _record_warnings, default_report_folder, run
from mgi.workbook import write_template

DEMO = bundled_dir("data") / "demo"


# -- the recipe stored in an output makes that output again ---------------------------------------


def test_the_recorded_recipe_makes_every_file_again(demo_sq_output, tmp_path: Path) -> None:
    """``mgi run OUTPUT/recipe.toml --out OTHER`` gives every file of the output, byte for
    byte (charts, workbooks, HTML, Word, the action plan, the recipe itself), with the options
    the run was given recorded in its recipe: here the Albanian demo's ``--lang sq --formats
    png,svg`` (the same bytes of every chart format, all-charts.pdf included, from a process
    pool or one process: tests/reports/test_render.py)."""
    made = demo_sq_output
    other = tmp_path / "deeper" / "again"
    result = CliRunner().invoke(
        main, ["run", str(made.folder / "recipe.toml"), "--out", str(other)]
    )
    assert result.exit_code == 0, result.output
    first = [p.relative_to(made.folder) for p in made.files()]
    second = sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    assert first == second
    assert len(first) >= 30
    for name in first:
        assert (made.folder / name).read_bytes() == (other / name).read_bytes(), name


def test_the_plan_report_written_by_a_worker_is_the_one_written_here(
    demo_output, demo_run, process_pool, tmp_path: Path
) -> None:
    """An output folder's plan report is written by a worker process after the report's
    charts (mgi.reports.render.submit): the same files, byte for byte, as in this process."""
    from mgi.reports.render import submit
    from mgi.run import _in_language, _write_plan_report

    recipe = demo_run.recipe
    written = {}
    for where, pool in (("here", None), ("worker", process_pool)):
        folder = tmp_path / where
        folder.mkdir()
        shutil.copyfile(demo_output.folder / recipe.outputs.plan, folder / recipe.outputs.plan)
        made = submit(pool, _in_language, "en", _write_plan_report, demo_run.plan, recipe, folder)
        written[where] = {name: (folder / name).read_bytes() for name in made()}
    assert written["here"] == written["worker"]
    assert {Path(name).name for name in written["here"]} >= {"action-plan.docx", "gantt.png"}


# -- no absolute path in any output ---------------------------------------------------------------


def _texts(path: Path) -> list[tuple[str, str]]:
    """Every piece of text in a file: members of a zip (xlsx, docx), decompressed PDF
    streams, the bytes of anything else."""
    data = path.read_bytes()
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            return [
                (f"{path.name}:{name}", archive.read(name).decode("utf-8", "replace"))
                for name in archive.namelist()
            ]
    pieces = [(path.name, data.decode("latin-1"))]
    if path.suffix == ".pdf":
        for number, stream in enumerate(re.findall(rb"stream\r?\n(.*?)endstream", data, re.S)):
            try:
                pieces.append(
                    (f"{path.name}:stream{number}", zlib.decompress(stream).decode("latin-1"))
                )
            except zlib.error:
                continue
    return pieces


def test_no_output_holds_an_absolute_path(demo_output) -> None:
    """File names, paths relative to the output and SHA-256 only: neither the install folder,
    nor the user's home, nor the output's own folder appears anywhere in any file."""
    install = Path(mgi.__file__).resolve().parents[1]
    forbidden = {
        str(install),
        str(Path.home()),
        str(demo_output.folder.parent),
        os.path.realpath(demo_output.folder.parent),
        os.getcwd(),
    }
    forbidden = {f for f in forbidden if len(f) > 4}  # never "/" or "C:\\"
    files = demo_output.files()
    assert {p.suffix for p in files} >= {".png", ".svg", ".pdf", ".xlsx", ".docx", ".html", ".toml"}
    for path in files:
        for where, text in _texts(path):
            for folder in forbidden:
                assert folder not in text, (where, folder)
                assert folder.replace("/", "\\") not in text or "/" not in folder, where
    recipe = (demo_output.folder / "recipe.toml").read_text(encoding="utf-8")
    assert 'assessment = "mgi:data/demo/mgi-national-2023.xlsx"' in recipe


def test_relative_and_absolute_spellings_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--consultation c.xlsx`` and ``--consultation "$PWD/c.xlsx"``: identical workbooks."""
    for name in ("mgi-national-2023.xlsx", "consultation.xlsx", "experts.xlsx"):
        shutil.copy(DEMO / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    outputs = []
    for spell in (lambda n: n, lambda n: str(tmp_path / n)):
        out = Path("a" if not outputs else "b") / "priorities.xlsx"
        args = [
            "prioritize",
            "--assessment",
            spell("mgi-national-2023.xlsx"),
            "--consultation",
            spell("consultation.xlsx"),
            "--experts",
            spell("experts.xlsx"),
            "--samples",
            "200",
            "--method",
            "wsm",
            "-o",
            str(out),
        ]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    about = openpyxl.load_workbook("a/priorities.xlsx")["About"]
    recipe = next(r[1] for r in about.iter_rows(values_only=True) if r[0] == "Recipe (recipe.toml)")
    assert 'consultation = "../consultation.xlsx"' in recipe
    assert 'priorities = "priorities.xlsx"' in recipe
    assert str(tmp_path) not in recipe


# -- every file's problems at once ----------------------------------------------------------------


def _questionnaire(path: Path, country: str = "Testland", *, answered: int = 30) -> Path:
    inst = load_instrument("sdg-10-7-2")
    codes = list(inst.indicators.index)[:answered]
    answers = {code: {"answer": "No"} for code in codes}
    return write_template(inst, path, answers=answers, metadata={"country": country, "round": 2023})


def test_every_problem_of_every_file_at_once(tmp_path: Path) -> None:
    assessment = write_template(
        "mgi-national", tmp_path / "q.xlsx", answers={"D1.1.1": {"answer": "Absent"}}
    )
    consultation = tmp_path / "consultation.xlsx"
    shutil.copy(DEMO / "consultation.xlsx", consultation)
    wb = openpyxl.load_workbook(consultation)
    wb["Ratings"]["I6"] = 9  # GCM01 urgency
    wb.save(consultation)
    recipe = Recipe(
        inputs={
            "assessment": assessment,
            "consultation": consultation,
            "experts": tmp_path / "missing.xlsx",
        }
    )
    with pytest.raises(InputError) as caught:
        run(recipe, write=False)
    error = caught.value
    assert error.rule == "run.input_errors"
    assert "--allow-incomplete" in error.message
    by_file = {(i.file, i.rule) for i in error.issues}
    assert ("q.xlsx", "answer.missing") in by_file
    assert ("consultation.xlsx", "rating.invalid_answer") in by_file
    assert ("missing.xlsx", "workbook.not_found") in by_file
    missing = [i for i in error.issues if i.rule == "answer.missing"]
    questions = len(load_instrument("mgi-national").indicators)
    assert len(missing) == questions - 1 and all(i.sheet and i.cell for i in missing)


def test_a_blank_questionnaire_is_refused_even_with_allow_incomplete(tmp_path: Path) -> None:
    blank = _questionnaire(tmp_path / "blank.xlsx", answered=0)
    for allow in (False, True):
        recipe = Recipe(inputs={"assessment": blank}, settings={"allow_incomplete": allow})
        with pytest.raises(InputError) as caught:
            run(recipe, write=False)
        assert caught.value.issues[0].rule == "assessment.unfilled"


def test_missing_answers_allowed_give_one_coverage_warning(tmp_path: Path) -> None:
    partly = _questionnaire(tmp_path / "partly.xlsx", answered=12)
    made = run(
        Recipe(inputs={"assessment": partly}, settings={"allow_incomplete": True}), write=False
    )
    (coverage,) = [i for i in made.issues if i.rule == "assessment.incomplete"]
    assert coverage.file == "partly.xlsx" and "12 of the 30" in coverage.message


def test_a_changed_input_is_reported(tmp_path: Path) -> None:
    recipe = Recipe(
        inputs={"assessment": DEMO / "mgi-national-2023.xlsx"},
        checksums={"assessment": "0" * 64},
    )
    made = run(recipe, write=False)
    assert [i.rule for i in made.issues] == ["recipe.input_changed"]
    assert made.recipe.checksums["assessment"] != "0" * 64  # the recipe as run


def test_rounds_that_cannot_be_compared_are_input_problems(tmp_path: Path) -> None:
    """Reversed rounds and another country are reported with the files' other problems,
    before anything is computed; allow_other_country says the comparison is intended."""
    swapped = Recipe(
        inputs={
            "assessment": DEMO / "mgi-national-2018.xlsx",
            "earlier": DEMO / "mgi-national-2023.xlsx",
        }
    )
    with pytest.raises(InputError) as caught:
        run(swapped, write=False)
    assert caught.value.rule == "run.input_errors"
    (issue,) = [i for i in caught.value.issues if i.is_error]
    assert (issue.rule, issue.file) == ("compare.rounds_reversed", "mgi-national-2023.xlsx")
    later = write_template(
        "sdg-10-7-2",
        tmp_path / "other.xlsx",
        answers={c: {"answer": "No"} for c in load_instrument("sdg-10-7-2").codes},
        metadata={"country": "Albania", "round": 2024},
    )
    earlier = DEMO / "sdg-10-7-2-2023.xlsx"
    other = Recipe(inputs={"assessment": later, "earlier": earlier})
    with pytest.raises(InputError) as caught:
        run(other, write=False)
    assert "compare.other_country" in {i.rule for i in caught.value.issues}
    intended = other.replace(settings={"allow_other_country": True})
    made = run(intended, write=False)
    assert "compare.other_country_allowed" in {i.rule for i in made.issues}
    assert made.comparison is not None
    assert made.recipe.settings.allow_other_country


def test_several_questionnaires_into_one_table(tmp_path: Path) -> None:
    good = _questionnaire(tmp_path / "a.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    out = tmp_path / "combined.xlsx"
    made = run(Recipe(inputs={"assessments": [good, broken]}, outputs={"combined": out}))
    assert made.skipped == ("broken.xlsx",)
    assert set(made.combined["file"]) == {"a.xlsx"}
    assert made.files == (out,)
    about = [r for r in openpyxl.load_workbook(out)["About"].iter_rows(values_only=True)]
    assert any(r[0] == "Recipe (recipe.toml)" for r in about)


# -- where outputs go -----------------------------------------------------------------------------


def test_default_report_folders_keep_every_script() -> None:
    greek = default_report_folder("Ελλάδα", "2023")
    ukrainian = default_report_folder("Україна", "2023")
    assert greek != ukrainian
    assert greek.name == "ελλάδα-2023" and ukrainian.name == "україна-2023"
    assert default_report_folder("Albania (illustrative)", "2023").name == (
        "albania-illustrative-2023"
    )


def test_a_default_folder_of_another_country_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "reports" / "côte-d-ivoire-2024"
    folder.mkdir(parents=True)
    (folder / "recipe.toml").write_text(
        '[record]\ncountry = "Côte d\'Ivoire"\nround = "2024"\n', encoding="utf-8"
    )
    _check_default_folder(folder, "Côte d'Ivoire", "2024")  # its own report: replaced
    with pytest.raises(UsageError, match="not of Côte d Ivoire 2024"):
        _check_default_folder(folder, "Côte d Ivoire", "2024")


def test_an_output_folder_holding_an_input_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    (folder / "inputs").mkdir(parents=True)
    shutil.copy(DEMO / "mgi-national-2023.xlsx", folder / "inputs" / "q.xlsx")
    recipe = Recipe(
        inputs={"assessment": folder / "inputs" / "q.xlsx"},
        outputs={"folder": folder, "scores": "scores.xlsx"},
    )
    with pytest.raises(UsageError, match="holds the input"):
        run(recipe)
    assert (folder / "inputs" / "q.xlsx").is_file()


def test_an_input_in_another_part_of_the_file_system_is_named_only(tmp_path: Path) -> None:
    outside = Path(tmp_path.anchor) / "no-such-folder-of-mgi" / "q.xlsx"
    recipe = Recipe(inputs={"assessment": outside})
    (warning,) = _record_warnings(recipe, tmp_path)
    assert warning.rule == "recipe.name_only"
    assert recipe.to_dict(tmp_path)["inputs"]["assessment"] == "q.xlsx"


def test_the_plan_of_a_run_follows_the_group_decisions(tmp_path: Path) -> None:
    """A recipe with [plan]: the ranking, the group's decisions (a session's Decisions sheet)
    and the scorecard's MGI indicators make the pre-filled action-plan workbook."""
    import pandas as pd

    from mgi.plan.workbook import read_plan_workbook
    from mgi.workbook.results import ResultsWorkbook, ResultTable, write_results_workbook

    decisions = pd.DataFrame(
        {
            "decision": ["include", "include as cross-cutting", "exclude"],
            "rationale": ["a", "", ""],
        },
        index=pd.Index(["GCM13", "GCM04", "GCM10"], name="objective"),
    )
    meeting = write_results_workbook(
        ResultsWorkbook("Decisions", (ResultTable("Decisions", decisions),)), tmp_path / "m.xlsx"
    )
    recipe = Recipe(
        inputs={"assessment": DEMO / "mgi-national-2023.xlsx", "consultation":
                DEMO / "consultation.xlsx", "experts": DEMO / "experts.xlsx",
                "decisions": meeting},
        settings={"samples": 200, "methods": ["wsm"]},
        plan={"start": "2026-Q1", "language": "sq"},
        outputs={"plan": str(tmp_path / "plan.xlsx")},
    )  # fmt: skip
    made = run(recipe)
    plan = made.plan
    assert {(o.gcm[0], o.decision) for o in plan.objectives} == {
        ("GCM04", "include_cross_cutting"),
        ("GCM13", "include"),
    }
    shortfall = made.scorecard.objectives["shortfall"]
    for objective in plan.objectives:
        own = [i.mgi[0] for i in plan.indicators if i.code.startswith(f"{objective.code}.")]
        assert own == shortfall[objective.gcm[0]].split(", ")
    assert made.files == (tmp_path / "plan.xlsx",) and "decisions" in made.recipe.checksums
    read = read_plan_workbook(tmp_path / "plan.xlsx", lang="sq")
    assert read.plan.info.start.year == 2026 and read.plan.info.language == "sq"
    assert read.plan.digest() == plan.digest()


# -- the language of a run ---------------------------------------------------------------------


def test_the_language_comes_from_the_recipe_else_the_workbook_else_english(
    tmp_path: Path,
) -> None:
    albanian = write_template(
        "sdg-10-7-2", tmp_path / "pyetesori.xlsx", country="Shqipëria", round=2024, lang="sq",
        answers={c: {"answer": "Po"} for c in load_instrument("sdg-10-7-2").indicators.index[5:]},
    )  # fmt: skip
    recipe = Recipe(inputs={"assessment": albanian}, settings={"allow_incomplete": True})
    made = run(recipe, write=False)
    assert made.lang == made.recipe.settings.lang == "sq"  # the template's stamp
    (coverage,) = [i for i in made.issues if i.rule == "assessment.incomplete"]
    assert coverage.message.startswith("Vetëm 25 nga 30")  # the run's messages in Albanian
    english = run(recipe.replace(settings={"lang": "en"}), write=False)
    assert english.lang == "en" and english.issues[0].message.startswith("Only 25 of the 30")
    plain = run(Recipe(inputs={"assessment": DEMO / "sdg-10-7-2-2023.xlsx"}), write=False)
    assert plain.lang == "en"


def test_the_language_is_recorded_and_an_unknown_one_refused(tmp_path: Path) -> None:
    recipe = Recipe(
        inputs={"assessment": DEMO / "sdg-10-7-2-2023.xlsx"},
        settings={"lang": "SQ-al"},
        outputs={"scores": str(tmp_path / "rezultatet.xlsx")},
    )
    assert recipe.settings.lang == "sq"
    made = run(recipe)
    book = openpyxl.load_workbook(made.files[0])
    about = {r[0]: r[1] for r in book["Rreth"].iter_rows(values_only=True) if r[0]}
    assert 'lang = "sq"' in about["Receta (recipe.toml)"]
    with pytest.raises(ValueError, match="Use one of: en"):
        Recipe(settings={"lang": "xx"})
    result = CliRunner().invoke(main, ["score", str(DEMO / "sdg-10-7-2-2023.xlsx"), "--lang", "xx"])
    assert result.exit_code == 2 and "en (English), sq (Albanian)" in result.output
