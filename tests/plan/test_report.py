"""The report of a plan: its files, the results workbook, the Word action plan as a reader sees
it (rendered by LibreOffice where it is installed), the same bytes for the same plan."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mgi.plan.model import ActionPlan
from mgi.plan.report import write_plan_report
from tests.reports.rendering import need_tools


@pytest.fixture(scope="module")
def report(filled: ActionPlan, tmp_path_factory: pytest.TempPathFactory):
    return write_plan_report(filled, tmp_path_factory.mktemp("r") / "report", formats=("png",))


def test_files(report) -> None:
    names = sorted(p.relative_to(report.folder).as_posix() for p in report.files)
    assert names == [
        "action-plan.docx",
        "charts/cost-by-objective.png",
        "charts/cost-by-year.png",
        "charts/gantt.png",
        "plan-results.xlsx",
    ]
    assert (report.folder / ".mgi-output").is_file()


def test_results_workbook(report, filled: ActionPlan) -> None:
    wb = load_workbook(report.folder / "plan-results.xlsx")
    assert wb.sheetnames[:6] == [
        "About",
        "By specific objective",
        "By GCM objective",
        "By institution",
        "By year",
        "By source",
    ]
    ws = wb["By specific objective"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Specific objective", "Title", "GCM objectives", "Measures"]
    total = header.index("Total (ALL)") + 1
    assert ws.cell(row=2, column=total).number_format == "#,##0"
    assert sum(ws.cell(row=r, column=total).value for r in range(2, 5)) == pytest.approx(
        sum(m.total for m in filled.measures)
    )
    rows = [r for r in wb["About"].iter_rows(values_only=True) if r[0]]
    about = {r[0]: r[1] for r in rows}
    assert (
        about["Content digest of the plan (SHA-256 of its content, for the progress reports)"]
        == filled.digest()
    )
    assert any("spread evenly" in str(value) for _, value, *_ in rows)


def test_word_action_plan(report, filled: ActionPlan) -> None:
    with zipfile.ZipFile(report.folder / "action-plan.docx") as z:
        body = z.read("word/document.xml").decode()
    assert 'w:orient="landscape"' in body
    for objective in filled.objectives:
        assert f"Measures of {objective.code}" in body
    tables = body.count("<w:tbl>")
    assert body.count("<w:tblHeader") == tables
    assert body.count("<w:tr>") + body.count("<w:tr ") == body.count("<w:cantSplit")
    for grid in re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", body):
        assert sum(int(w) for w in re.findall(r'w:w="(\d+)"', grid)) <= 14_580  # 25.7 cm
    assert body.count('descr="') == 3  # alt text on every chart


def test_same_plan_same_bytes(report, filled: ActionPlan, tmp_path: Path) -> None:
    again = write_plan_report(filled, tmp_path / "again", formats=("png",))
    for name in ("action-plan.docx", "plan-results.xlsx", "charts/gantt.png"):
        assert (again.folder / name).read_bytes() == (report.folder / name).read_bytes(), name


def test_rendered_as_a_reader_sees_it(demo_sq_output, word_renders) -> None:
    """LibreOffice lays the Albanian demo's plan out (rendered with the other shared Word
    documents: tests/conftest.py): landscape pages, every word of every table whole (no word
    broken inside a cell), the Albanian letters kept."""
    need_tools("soffice", "pdftotext")
    docx = demo_sq_output.folder / "plan" / "action-plan.docx"
    pdf = word_renders["plan-sq"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595", info)  # A4 landscape
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 5 <= pages <= 40
    words = set(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    for must in ("Masat", "Objektivi", "Institucioni", "përgjegjës", "Kostoja", "Gjithsej"):
        assert must in words
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode()
    cells = re.findall(r"<w:tc>.*?</w:tc>", body.replace("<w:br/>", "<w:t> </w:t>"))
    texts = " ".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", c)) for c in cells)
    long_words = {w.strip("();:,.") for w in texts.split() if len(w.strip("();:,.")) >= 6}
    broken = sorted(w for w in long_words if w not in {x.strip("();:,.") for x in words})
    assert broken == []
