"""``mgi demo`` runs the bundled demo recipe: the whole pipeline on the illustrative inputs.

Every test here reads the one demo run of the test session (``demo_output``, ``demo_run`` in
``tests/conftest.py``); the byte-for-byte re-run of its recipe is in ``tests/test_run.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

from mgi.demo.run import demo_recipe

EXPECTED = (
    "report/report.html",
    "report/results.xlsx",
    "report/strategy-annex.docx",
    "report/charts/all-charts.pdf",
    "report/charts/priority-ranking.svg",
    "report/charts/priority-ranking.png",
    "priorities.xlsx",
    "sdg-10-7-2-scores.xlsx",
    "change-2018-2023.xlsx",
    "scores-2023.xlsx",
    "scores-2018.xlsx",
    "recipe.toml",
    "action-plan.xlsx",
    "plan/action-plan.docx",
    "plan/plan-results.xlsx",
    "plan/charts/gantt.png",
    "plan/charts/cost-by-year.svg",
)


def test_every_step_reports_progress(demo_output) -> None:
    done = r"^\[(\d)/6\] (\w+).*\(\d+\.\d s\)$"
    steps = re.findall(done, demo_output.stderr, flags=re.MULTILINE)
    assert [int(n) for n, _ in steps] == [1, 2, 3, 4, 5, 6]
    words = [word for _, word in steps]
    assert words == ["checked", "scored", "compared", "ranked", "made", "wrote"]
    # the long steps say what they are doing while they do it: the ranking, then every chart
    # and every document of the report as it is written
    parts = re.findall(r"^\[(\d)/6\] (.*) …$", demo_output.stderr, flags=re.MULTILINE)
    assert parts[0][0] == "4" and parts[0][1].startswith("ranking the 23 GCM objectives")
    written = [what for n, what in parts if n == "6"]
    assert sum(what.startswith("chart ") for what in written) == 9
    assert written[-3:] == ["wrote results.xlsx", "wrote report.html", "wrote strategy-annex.docx"]


def test_outputs_exist(demo_output) -> None:
    names = {p.relative_to(demo_output.folder).as_posix() for p in demo_output.files()}
    assert set(EXPECTED) <= names
    listed = [line.strip() for line in demo_output.stdout.splitlines() if line.startswith("  /")]
    shown = {Path(p).relative_to(demo_output.folder).as_posix() for p in listed}
    markers = {".mgi-output", "report/.mgi-output", "plan/.mgi-output", "monitor/.mgi-output"}
    assert shown == names - markers


def test_summary(demo_output) -> None:
    text = " ".join(demo_output.stdout.split())  # lines are wrapped at 100 columns
    assert "not an official MGI assessment" in text
    assert "Domains with the largest gaps" in text
    assert "P(top" in text  # the header of the probability column, wrapped in its column
    assert "Agreement with the declared priorities (13 objectives)" in text
    assert "Albania's pledge at the International Migration Review Forum" in text
    assert str(demo_output.folder / "report" / "charts") in text
    assert "not official data" in demo_output.stderr


def test_all_four_methods_and_group_weights(demo_run) -> None:
    p = demo_run.prioritization
    assert list(p.ranks.columns) == ["wsm", "topsis", "vikor", "promethee_ii"]
    assert "AIJ" in p.agreed.rule
    assert len(p.agreed.hints) == 1  # the inconsistent member
    assert "weights.inconsistent" in {i.rule for i in demo_run.warnings}


def test_illustrative_label_in_the_report(demo_output) -> None:
    html = (demo_output.folder / "report" / "report.html").read_text(encoding="utf-8")
    assert "Albania (illustrative)" in html


def test_the_demo_is_an_ordinary_recipe(demo_run) -> None:
    recipe = demo_recipe()
    assert recipe.inputs.reference == (2, 3, 4, 5, 6, 7, 9, 10, 16, 18, 19, 20, 22)
    assert recipe.outputs.folder is None  # given by `mgi demo --out`
    ran = demo_run.recipe
    assert ran.inputs == recipe.inputs
    assert ran.settings.samples == 500 and ran.settings.seed == 20240930
    assert set(ran.checksums) == {
        "assessment",
        "earlier",
        "sdg",
        "consultation",
        "experts",
        "weights",
    }


def test_the_results_workbook_is_small_and_shows_the_questions(demo_output) -> None:
    import openpyxl

    from mgi.i18n import header

    results = demo_output.folder / "report" / "results.xlsx"
    assert results.stat().st_size < 1_000_000  # chart files are linked, not embedded
    book = openpyxl.load_workbook(results, read_only=True)
    first = next(book["Indicators"].iter_rows(max_row=1, values_only=True))
    assert {header("question"), header("answer"), header("typed")} <= set(first)
