"""The monitoring report of the demo (shared demo run): files, the Word document as LibreOffice
lays it out, the HTML page as Chromium shows and prints it, the command line with --json and
--lang sq."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mgi.cli import main
from tests.reports.rendering import need_tools


@pytest.fixture(scope="module")
def demo(demo_output):
    return demo_output.folder


def test_demo_writes_progress_and_report(demo, demo_output) -> None:
    # 13 institutions hold measures of the demo plan (the top 10 of the consensus ranking)
    assert len(list((demo / "progress" / "2025-H2").glob("*.xlsx"))) == 13
    assert len(list((demo / "progress" / "2026-H1").glob("*.xlsx"))) == 12  # one is late
    report = demo / "monitor"
    for name in ("monitoring-report.docx", "monitoring-report.html", "monitoring-results.xlsx"):
        assert (report / name).is_file()
    # indicator progress in parts of at most 10 indicators with a value (17 of the 50 have one)
    assert sorted(p.stem for p in (report / "charts").glob("*.png")) == sorted(
        [
            "implementation-by-objective",
            "overdue-by-institution",
            "indicator-lights",
            "indicator-lights-2",
            "budget-execution",
            "trend",
        ]
    )
    assert "the monitoring report:" in demo_output.stdout
    body = zipfile.ZipFile(report / "monitoring-report.docx").read("word/document.xml").decode()
    for rule_text in ("reported twice", "not in its unit", "No progress report from"):
        assert rule_text in body
    assert body.count('descr="') == 6  # alt text on every chart
    # every chart at its full 17 cm: none so tall that Word would shrink it to fit the page
    assert set(re.findall(r'<wp:extent cx="(\d+)"', body)) == {str(17 * 360_000)}
    assert "Not drawn: 33 indicator(s) without a value for 2026-H1" in body


def test_cli_json_and_albanian(demo, tmp_path: Path) -> None:
    plan = demo / "action-plan.xlsx"
    now = sorted(str(p) for p in (demo / "progress" / "2026-H1").glob("*.xlsx"))
    before = sorted(str(p) for p in (demo / "progress" / "2025-H2").glob("*.xlsx"))
    result = CliRunner().invoke(
        main,
        [
            "monitor",
            "report",
            "--plan",
            str(plan),
            *now,
            "--earlier-period",
            *before,
            "--json",
            "--lang",
            "sq",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == "2026-H1" and data["errors"] == 0
    assert sorted({i["rule"] for i in data["issues"]}) == [
        "monitor.duplicate_measure",
        "monitor.missing_report",
        "monitor.wrong_unit",
    ]
    assert [t["period"] for t in data["trend"]] == ["2025-H2", "2026-H1"]
    assert data["implementation"]["overall"]["due"] >= 1
    assert any("nuk është në njësinë" in i["message"] for i in data["issues"])
    # the same workbooks given as the current period: another period, an error (exit 1)
    bad = CliRunner().invoke(main, ["monitor", "report", "--plan", str(plan), *now, before[0]])
    assert bad.exit_code == 1
    assert "monitor.other_period" not in bad.output and "not for 2026-H1" in bad.output


def test_word_as_a_reader_sees_it(word_renders) -> None:
    """The demo's monitoring report rendered by LibreOffice (with the other shared Word
    documents: tests/conftest.py)."""
    need_tools("soffice", "pdftotext")
    pdf = word_renders["monitor-en"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595", info)  # A4 landscape
    assert 6 <= int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 40
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for must in ("Key findings", "Implementation rate", "Overdue", "Budget execution"):
        assert must in words


def test_html_as_a_reader_sees_it(demo, tmp_path: Path) -> None:
    need_tools("chromium")
    page = demo / "monitor" / "monitoring-report.html"
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text and "http" not in text.split("<main>")[0].lower()
    assert text.count("<svg") == 6
    shot, printed = tmp_path / "page.png", tmp_path / "page.pdf"
    chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu"]
    for option in (
        (f"--screenshot={shot}", "--window-size=1280,1600"),
        (
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
        ),
    ):
        subprocess.run(
            [*chromium, *option, page.as_uri()], check=True, capture_output=True, timeout=120
        )
    assert shot.stat().st_size > 20_000  # a page with text and charts, not a blank one
    if shutil.which("pdftotext") is None:
        return
    words = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True)
    pages = words.stdout.split("\f")
    # printed, each chart stays whole on one page with its caption: its title, its axis and
    # "Figure n: ..." below it (the charts' words are text in the inline SVG)
    for axis, caption in (
        ("Measures due", "Implementation by specific objective, end"),
        ("Share of the distance from baseline to target covered", "Indicator progress: distance"),
    ):
        with_axis = [k for k, words in enumerate(pages) if axis in words]
        with_caption = [
            k for k, words in enumerate(pages) if re.search(rf"Figure \d+: {caption}", words)
        ]
        assert with_axis and with_axis == with_caption, (axis, with_axis, with_caption)
