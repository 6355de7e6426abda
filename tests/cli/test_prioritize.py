"""Tests of ``mgi prioritize`` on the bundled demo inputs."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from mgi._resources import bundled_dir
from mgi.cli import main

DEMO = bundled_dir("data") / "demo"
ARGS = [
    "--assessment",
    str(DEMO / "mgi-national-2023.xlsx"),
    "--consultation",
    str(DEMO / "consultation.xlsx"),
    "--experts",
    str(DEMO / "experts.xlsx"),
    "--weights",
    str(DEMO / "weights.xlsx"),
    "--samples",
    "1000",
]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_prioritize_prints_the_ranked_table(tmp_path: Path) -> None:
    before = {p.name: _sha(p) for p in DEMO.glob("*.xlsx")}
    out = tmp_path / "priorities.xlsx"
    run = CliRunner().invoke(
        main, ["prioritize", *ARGS, "--reference", "2,3,4,5,6,7,9,10", "-o", str(out)]
    )
    assert run.exit_code == 0, run.output
    lines = run.stdout.splitlines()
    assert lines[0].split()[:2] == ["Rank", "GCM"]  # headers from the label dictionary
    assert max(len(line) for line in lines) <= 100  # names and reasons wrapped, never cut
    assert len([ln for ln in lines if "GCM" in ln]) >= 23
    assert "Reference list:" in run.stdout
    assert "inconsistent" in run.stderr
    wb = openpyxl.load_workbook(out)
    assert {
        "About",
        "Priorities",
        "Weight judgements",
        "Rank acceptability",
        "Stability",
        "Issues",
    } <= set(wb.sheetnames)
    assert {p.name: _sha(p) for p in DEMO.glob("*.xlsx")} == before


def test_prioritize_json() -> None:
    run = CliRunner().invoke(main, ["prioritize", *ARGS, "--json", "--method", "topsis"])
    assert run.exit_code == 0, run.output
    payload = json.loads(run.stdout)
    assert len(payload["ranking"]) == 23
    assert payload["settings"]["methods"] == ["topsis"]
    assert payload["settings"]["samples"] == 1000
    assert abs(sum(payload["weights"].values()) - 1) < 1e-9


def test_prioritize_without_weights_uses_the_profile() -> None:
    args = [*ARGS[:6], "--samples", "500", "--json"]
    payload = json.loads(CliRunner().invoke(main, ["prioritize", *args]).stdout)
    assert payload["weights_rule"].startswith("profile default")


def test_bad_reference_is_a_usage_error() -> None:
    run = CliRunner().invoke(main, ["prioritize", *ARGS, "--reference", "2,30"])
    assert run.exit_code == 2
    assert "1 to 23" in run.stderr


def test_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    consultation = tmp_path / "consultation.xlsx"
    experts = tmp_path / "experts.xlsx"
    shutil.copy(DEMO / "consultation.xlsx", consultation)
    shutil.copy(DEMO / "experts.xlsx", experts)
    for path, cell in ((consultation, "E6"), (experts, "D7")):
        wb = openpyxl.load_workbook(path)
        wb["Ratings"][cell] = 9
        wb.save(path)
    run = CliRunner().invoke(
        main,
        [
            "prioritize",
            "--assessment",
            str(DEMO / "mgi-national-2023.xlsx"),
            "--consultation",
            str(consultation),
            "--experts",
            str(experts),
        ],
    )
    assert run.exit_code == 1
    assert "[consultation.xlsx, sheet Ratings, cell E6]" in run.stderr
    assert "[experts.xlsx, sheet Ratings, cell D7]" in run.stderr
    assert "Traceback" not in run.output


def test_output_over_an_input_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "weights.xlsx"
    shutil.copy(DEMO / "weights.xlsx", target)
    before = _sha(target)
    run = CliRunner().invoke(
        main, ["prioritize", *ARGS[:6], "--weights", str(target), "-o", str(target)]
    )
    assert run.exit_code == 2
    assert _sha(target) == before


def test_an_incomplete_assessment_points_to_allow_incomplete(tmp_path: Path) -> None:
    from mgi.instrument import load_instrument
    from mgi.workbook import write_template

    partly = write_template(
        "mgi-national", tmp_path / "partly.xlsx", answers={"D1.1.1": {"answer": "Absent"}}
    )
    run = CliRunner().invoke(main, ["prioritize", "--assessment", str(partly), *ARGS[2:]])
    assert run.exit_code == 1
    assert "--allow-incomplete" in run.stderr.splitlines()[0]
    missing = [ln for ln in run.stderr.splitlines() if "has no answer" in ln]
    assert len(missing) == 3 and all("[partly.xlsx, sheet " in ln for ln in missing)
    questions = len(load_instrument("mgi-national").indicators)
    assert f"{questions - 4} further problem(s) of the kind answer.missing" in run.stderr
    assert len(run.stderr.splitlines()) < 10


def test_workbook_lists_every_rank_correlation(tmp_path: Path) -> None:
    out = tmp_path / "p.xlsx"
    assert CliRunner().invoke(main, ["prioritize", *ARGS, "-o", str(out)]).exit_code == 0
    ws = openpyxl.load_workbook(out)["Correlations"]
    coefficients = {row[0] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert len(coefficients) == 4
    assert any("Kendall" in c for c in coefficients)


def test_what_if_weights_exclusions_and_locks_for_one_run(tmp_path: Path) -> None:
    """Issue 16, item 3: --weight overrides agreed points, --exclude leaves an objective out,
    --lock keeps one ahead of all others; each with its reason, recorded."""
    out = tmp_path / "priorities.xlsx"
    args = [
        "prioritize",
        *ARGS,
        "--json",
        "--weight",
        "gap=40",
        "--weight",
        "stakeholders=20",
        "--exclude",
        'GCM08:"covered by the EU programme"',
        "--lock",
        "14",
        "--reason",
        "legal obligation",
        "-o",
        str(out),
    ]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    payload = json.loads(run.stdout)
    settings = payload["settings"]
    assert settings["weight_overrides"] == {"gap": 40.0, "stakeholders": 20.0}
    assert settings["excluded"] == {"GCM08": "covered by the EU programme"}
    assert settings["locked"] == {"GCM14": "legal obligation"}
    ranking = payload["ranking"]
    assert len(ranking) == 22 and "GCM08" not in {r["objective"] for r in ranking}
    assert ranking[0]["objective"] == "GCM14" and ranking[0]["p_top10"] == 1.0
    about = {r[0]: r[1] for r in openpyxl.load_workbook(out)["About"].iter_rows(values_only=True)}
    assert about["Excluded: GCM08"] == "covered by the EU programme"
    recipe = about["Recipe (recipe.toml)"]
    assert "weights = { gap = 40.0, stakeholders = 20.0 }" in recipe
    assert 'exclude = { GCM08 = "covered by the EU programme" }' in recipe


def test_what_if_options_that_cannot_be_used_are_usage_errors() -> None:
    for extra in (
        ["--weight", "joy=3"],
        ["--weight", "gap=-1"],
        ["--exclude", "GCM24"],
        ["--exclude", "GCM04", "--lock", "4"],
    ):
        run = CliRunner().invoke(main, ["prioritize", *ARGS, *extra])
        assert run.exit_code == 2, (extra, run.output)
        assert "Traceback" not in run.output


def test_a_recipe_keeps_the_what_if_settings(tmp_path: Path) -> None:
    from mgi.recipe import Recipe, load_recipe

    recipe = Recipe.model_validate(
        {"settings": {"weights": {"gap": 40}, "exclude": {"8": "why"}, "lock": {"GCM04": ""}}},
        context={"base": tmp_path},
    )
    assert recipe.settings.exclude == {"GCM08": "why"}
    path = tmp_path / "recipe.toml"
    path.write_text(recipe.to_toml(tmp_path), encoding="utf-8")
    again = load_recipe(path)
    assert again.settings.weights == {"gap": 40.0}
    assert again.settings.exclude == {"GCM08": "why"} and again.settings.lock == {"GCM04": ""}
