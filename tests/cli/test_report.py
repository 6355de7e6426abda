"""Tests of ``mgi report``: the report folder, its recipe, default folders in every script."""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from mgi._resources import bundled_dir
from mgi.cli import main
from mgi.instrument import load_instrument
from mgi.workbook import write_template

DEMO = bundled_dir("data") / "demo"


def _invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _greek(folder: Path) -> list[Path]:
    inst = load_instrument("sdg-10-7-2")
    answers = {code: {"answer": "No"} for code in inst.indicators.index}
    return [
        write_template(
            inst,
            folder / f"{n}.xlsx",
            answers=answers,
            metadata={"country": country, "round": 2023},
        )
        for n, country in enumerate(("Ελλάδα", "Ελλάδα!"))
    ]


def test_a_report_in_its_default_folder_with_its_recipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without -o: reports/<country>-<round> in letters of every script (that "Україна" gets
    another folder is tested in tests/test_run.py), with its recipe; another country whose
    folder name is the same is refused, and the report stays."""
    greek, other = _greek(tmp_path)
    monkeypatch.chdir(tmp_path)
    run = _invoke("report", "--assessment", greek, "--formats", "png")
    assert run.exit_code == 0, run.output
    out = tmp_path / "reports" / "ελλάδα-2023"
    assert "[1/3] checked 1 questionnaire" in run.stderr  # progress on every step
    assert (out / "charts" / "domain-profile.png").is_file()
    assert not (out / "charts" / "domain-profile.svg").exists()
    assert not (out / "charts" / "priority-ranking.png").exists()  # scores only
    recipe = tomllib.loads((out / "recipe.toml").read_text(encoding="utf-8"))
    assert recipe["inputs"] == {"assessment": "../../0.xlsx"}
    assert recipe["outputs"] == {"folder": ".", "report": "."}
    assert recipe["settings"]["formats"] == ["png"]
    assert recipe["record"]["country"] == "Ελλάδα"
    about = openpyxl.load_workbook(out / "results.xlsx")["About"]
    rows = {r[0]: r[1] for r in about.iter_rows(values_only=True) if r and r[0]}
    assert rows["recipe.inputs.assessment"] == "../../0.xlsx"
    listed = [Path(line) for line in run.stdout.splitlines()]
    assert out / "recipe.toml" in listed and out / "report.html" in listed

    before = (out / "recipe.toml").read_bytes()
    run = _invoke("report", "--assessment", other, "--formats", "png")  # same folder name
    assert run.exit_code == 2
    assert "not of Ελλάδα! 2023" in run.stderr and "-o" in run.stderr
    assert (out / "recipe.toml").read_bytes() == before


def test_report_unknown_format() -> None:
    run = _invoke("report", "--assessment", DEMO / "mgi-national-2023.xlsx", "--formats", "gif")
    assert run.exit_code == 2
