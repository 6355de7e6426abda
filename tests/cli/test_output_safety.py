"""Careless-user protections: outputs never replace files or folders mgi did not write."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from click.testing import CliRunner

from mgi._resources import bundled_dir
from mgi.cli import main

DEMO = bundled_dir("data") / "demo"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_template_never_replaces_a_filled_questionnaire(tmp_path: Path) -> None:
    filled = tmp_path / "mgi-2023.xlsx"
    shutil.copy(DEMO / "mgi-national-2023.xlsx", filled)
    before = _sha(filled)
    result = _run("template", "-o", str(filled))
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert _sha(filled) == before
    assert _run("template", "-o", str(filled), "--force").exit_code == 0


def test_results_workbook_can_be_rewritten_but_not_a_foreign_file(tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    assessment = str(DEMO / "mgi-national-2023.xlsx")
    assert _run("score", assessment, "-o", str(out)).exit_code == 0
    assert _run("score", assessment, "-o", str(out)).exit_code == 0  # its own output
    notes = tmp_path / "notes.xlsx"
    shutil.copy(DEMO / "experts.xlsx", notes)  # someone's workbook
    before = _sha(notes)
    result = _run("score", assessment, "-o", str(notes))
    assert result.exit_code == 2 and _sha(notes) == before


def test_output_must_be_a_workbook_name(tmp_path: Path) -> None:
    result = _run("score", str(DEMO / "mgi-national-2023.xlsx"), "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 2
    assert "x.xlsx" in result.stderr


def test_report_and_demo_refuse_a_folder_of_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_text("precious")
    for args in (
        ("report", "--assessment", str(DEMO / "mgi-national-2023.xlsx"), "-o", str(folder)),
        ("demo", "--out", str(folder), "--samples", "200"),
    ):
        result = _run(*args)
        assert result.exit_code == 2, result.output
        assert "already holds files mgi did not write" in result.stderr
        assert "[1/5]" not in result.stderr  # refused before any work
    assert [p.name for p in folder.iterdir()] == ["thesis.docx"]


def test_negative_seed_is_a_usage_error() -> None:
    result = _run(
        "prioritize", "--assessment", str(DEMO / "mgi-national-2023.xlsx"), "--seed", "-1"
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_inputs_the_profile_needs_are_usage_errors() -> None:
    result = _run("prioritize", "--assessment", str(DEMO / "mgi-national-2023.xlsx"))
    assert result.exit_code == 2
    assert "--consultation, --experts" in result.stderr


def test_an_assessment_without_gcm_links_cannot_give_a_gap() -> None:
    result = _run(
        "prioritize",
        "--assessment",
        str(DEMO / "sdg-10-7-2-2023.xlsx"),
        "--consultation",
        str(DEMO / "consultation.xlsx"),
        "--experts",
        str(DEMO / "experts.xlsx"),
        "--samples",
        "200",
    )
    assert result.exit_code == 1
    assert "no governance gap for any GCM objective" in result.stderr
