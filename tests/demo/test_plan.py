"""The demo's action plan: made from the demo's ranking, filled with illustrative measures
(deterministic), checked without a problem, reported, and marked illustrative everywhere."""

from __future__ import annotations

import zipfile

from mgi.plan.checks import check_plan
from mgi.plan.workbook import read_plan_workbook


def test_the_plan_of_the_demo_ranking(demo_run) -> None:
    plan = demo_run.plan
    consensus = demo_run.prioritization.consensus["borda_rank"].sort_values(kind="stable")
    assert [o.gcm[0] for o in plan.objectives] == list(consensus.index[:10])
    assert plan.info.illustrative and plan.info.currency == "ALL"
    assert len(plan.measures) == 2 * len(plan.objectives)
    assert all(m.lead and m.start and m.end and m.output_indicators for m in plan.measures)
    assert check_plan(plan) == []


def test_the_written_plan_reads_back_and_is_reported(demo_output, demo_run) -> None:
    read = read_plan_workbook(demo_output.folder / "action-plan.xlsx")
    assert read.issues == [] and read.plan.digest() == demo_run.plan.digest()
    with zipfile.ZipFile(demo_output.folder / "plan" / "action-plan.docx") as z:
        body = z.read("word/document.xml").decode()
    assert "Illustrative demo data made up by the mgi project" in body
    assert "Action plan (illustrative)" in demo_output.stdout
    assert "financing gap" in demo_output.stdout
