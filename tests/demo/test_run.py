"""``mgi demo`` runs the whole pipeline on the bundled inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mgi.cli import main
from mgi.demo.run import run_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("run") / "demo"
    lines: list[str] = []
    return run_demo(out, samples=2000, progress=lines.append), lines


def test_every_step_reports_progress(demo) -> None:
    result, lines = demo
    assert [line[:5] for line in lines] == ["[1/5]", "[2/5]", "[3/5]", "[4/5]", "[5/5]"]
    assert set(result.timings) == {"validate", "score", "compare", "prioritize", "report"}


def test_outputs_exist(demo) -> None:
    result, _ = demo
    names = {p.relative_to(result.out_dir).as_posix() for p in result.files}
    for expected in (
        "report/report.html",
        "report/results.xlsx",
        "report/strategy-annex.docx",
        "report/charts/all-charts.pdf",
        "report/charts/priority-ranking.svg",
        "priorities.xlsx",
        "sdg-10-7-2-scores.xlsx",
        "change-2018-2023.xlsx",
        "scores-2023.xlsx",
        "scores-2018.xlsx",
    ):
        assert expected in names
    assert all(p.is_file() for p in result.files)


def test_summary(demo) -> None:
    result, _ = demo
    text = "\n".join(result.summary_lines())
    assert "not an official MGI assessment" in text
    assert "Domains with the largest gaps" in text
    assert "P(top 10)" in text
    assert "Agreement with the declared priorities (13 objectives)" in text
    assert str(result.files[0]) in text


def test_all_four_methods_and_group_weights(demo) -> None:
    result, _ = demo
    p = result.prioritization
    assert list(p.ranks.columns) == ["wsm", "topsis", "vikor", "promethee_ii"]
    assert "AIJ" in p.agreed.rule
    assert len(p.agreed.hints) == 1  # the inconsistent member


def test_illustrative_label_in_the_report(demo) -> None:
    result, _ = demo
    html = (result.out_dir / "report" / "report.html").read_text(encoding="utf-8")
    assert "Albania (illustrative)" in html


def test_cli_demo(tmp_path: Path) -> None:
    out = tmp_path / "cli-demo"
    run = CliRunner().invoke(main, ["demo", "--out", str(out), "--samples", "500"])
    assert run.exit_code == 0, run.output
    assert "[5/5]" in run.stderr
    assert "Top 10 GCM objectives" in run.stdout
    assert (out / "report" / "report.html").is_file()


def test_running_twice_gives_identical_files(demo, tmp_path: Path) -> None:
    """Same inputs and seed: identical numbers and byte-identical charts, workbooks,
    HTML and Word files (timestamps fixed, hash salts fixed)."""
    first, _ = demo
    second = run_demo(tmp_path / "again", samples=2000)
    assert first.prioritization.acceptability.equals(second.prioritization.acceptability)
    for a, b in zip(first.files, second.files, strict=True):
        assert a.relative_to(first.out_dir) == b.relative_to(second.out_dir)
        assert a.read_bytes() == b.read_bytes(), a.name


def test_no_workbook_the_demo_writes_or_reads_holds_a_formula(demo) -> None:
    """Issue 11, item 3: every workbook of the demo run (results, priorities, scores, change)
    and every bundled input workbook is free of formulas; mgi puts none anywhere on purpose."""
    from tests.hardening.test_workbook_hostile import formula_cells

    result, _ = demo
    workbooks = [p for p in result.files if p.suffix == ".xlsx"]
    workbooks += sorted((Path(__file__).resolve().parents[2] / "data" / "demo").glob("*.xlsx"))
    assert len(workbooks) >= 10
    assert {p.name: formula_cells(p) for p in workbooks} == {p.name: [] for p in workbooks}
