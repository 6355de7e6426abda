"""build_report end to end: every output in one folder, written atomically and reproducibly."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from mgi.reports import _style, build
from mgi.reports.build import build_report, chart_context, render_figures, report_content
from mgi.reports.captions import CHART_STEMS, chart_captions
from mgi.reports.html import render_html
from mgi.reports.workbook import write_results_workbook

CHARTS = list(CHART_STEMS)


@dataclass(frozen=True)
class Built:
    """A report folder as build_report wrote it: its folder, files and the run it shows."""

    out_dir: Path
    files: tuple[Path, ...]
    scorecard: Any

    def file(self, name: str) -> Path:
        return self.out_dir / name


@pytest.fixture(scope="module")
def reports(demo_output: Any, demo_run: Any) -> tuple[Built]:
    """The full report with the default chart formats: the shared demo's, built by
    build_report inside ``mgi demo`` (that the same run gives the same bytes is tested once
    for the whole pipeline, in tests/test_run.py)."""
    from mgi._io import OUTPUT_MARKER

    folder = demo_output.folder / "report"
    files = tuple(p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != OUTPUT_MARKER)
    return (Built(folder, files, demo_run.scorecard),)


def test_folder_holds_every_output(reports: tuple[Built]) -> None:
    result = reports[0]
    names = sorted(str(p.relative_to(result.out_dir)) for p in result.files)
    expected = sorted(
        [f"charts/{c}.{ext}" for c in CHARTS for ext in ("png", "svg")]
        + ["charts/all-charts.pdf", "results.xlsx", "report.html", "strategy-annex.docx"]
    )  # per-chart PDFs only on request
    assert names == expected
    assert all(p.is_file() for p in result.files)
    assert not list(result.out_dir.parent.glob(".*.part"))
    assert result.file("report.html").is_file()


def _svg_text(path: Path) -> str:
    """Every text element of an SVG file, in drawing order, joined by spaces."""
    root = ET.parse(path).getroot()
    return " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))


def test_every_chart_file_carries_its_footer(reports: tuple[Built]) -> None:
    result = reports[0]
    context = chart_context(result.scorecard.provenance())
    assert context == (
        "Albania (illustrative) 2023 · mgi-national 2.0.0, scoring scheme mgi-default 1.1.0"
    )
    captions = chart_captions("en")
    for stem in CHARTS:
        lines = captions[stem].footer(context)
        assert lines[0] == context and lines[1] == captions[stem].disclaimer, stem
        # SVG text stays text, so the footer (wrapped over lines) can be read back.
        assert " ".join(lines) in _svg_text(result.file(f"charts/{stem}.svg")), stem
    assert "font-size: 7.5px" in result.file("charts/indicator-map.svg").read_text("utf-8")
    wb = openpyxl.load_workbook(result.file("results.xlsx"), read_only=True)
    about = {row[0]: row[1] for row in wb["About"].iter_rows(max_col=2, values_only=True)}
    assert about["report.chart_font"] == "DejaVu Sans"


def test_footers_are_muted_readable_and_below_everything_else(
    scorecard: Any, prioritization: Any, comparison: Any
) -> None:
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from mgi.reports.export import freeze_layout

    frames = build.scorecard_frames(scorecard, comparison=comparison)
    provenance = scorecard.provenance()
    figures = render_figures(frames, build.prioritization_frames(prioritization), provenance)
    assert list(figures) == CHARTS
    captions = chart_captions("en", earlier="2018", later="2024")
    for stem, fig in figures.items():
        footer = fig._supxlabel
        assert footer is not None, stem
        assert footer.get_text().replace("\n", " ") == " ".join(
            captions[stem].footer(chart_context(provenance))
        )
        assert footer.get_fontsize() >= 7
        assert mpl.colors.to_hex(footer.get_color()) == _style.PALETTE["muted"].lower()
        with mpl.rc_context(_style.rc()):
            FigureCanvasAgg(fig)
            freeze_layout(fig)
            renderer = fig.canvas.get_renderer()
            box = footer.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= fig.bbox.width and box.y0 >= 0, stem
            for ax in fig.axes:  # axes, tick labels, axis labels, legends and value labels
                assert box.y1 <= ax.get_tightbbox(renderer).y0, (stem, ax)


def test_workbook_sheets(reports: tuple[Any]) -> None:
    wb = openpyxl.load_workbook(reports[0].file("results.xlsx"))
    for name in ("About", "Domains", "Sub-domains", "Indicators", "GCM coverage", "Priorities",
                 "Sensitivity", "Criteria weights", "Issues", "Charts"):  # fmt: skip
        assert name in wb.sheetnames
    # a list of the chart files with a link to each, not embedded images (the workbook stays
    # small and prints on a few pages)
    assert not wb["Charts"]._images
    links = [c.hyperlink.target for c in wb["Charts"]["A"] if c.hyperlink is not None]
    assert sorted(links) == sorted(f"charts/{c}.png" for c in CHARTS)
    about = {r[0].value: r[1].value for r in wb["About"].iter_rows(max_col=2) if r[0].value}
    assert about["scoring.instrument"] == "mgi-national"
    assert about["prioritization.setting_seed"] == "20240930"
    assert about["report.language"] == "en"


def test_evidence_that_looks_like_a_formula_stays_text(scorecard: Any, tmp_path: Path) -> None:
    """Testland's evidence holds "=..." answers: written as text, never as formulas."""
    wb = openpyxl.load_workbook(
        write_results_workbook(report_content(scorecard), tmp_path / "r.xlsx")
    )
    ws = wb["Indicators"]
    evidence = [c for row in ws.iter_rows(min_row=2) for c in row if str(c.value).startswith("=")]
    assert evidence and all(c.data_type == "s" for c in evidence)


def test_html_leads_with_findings_and_ends_with_appendices(reports: tuple[Any]) -> None:
    page = reports[0].file("report.html").read_text(encoding="utf-8")
    keys = re.findall(r'<section id="([^"]+)"', page)
    assert [k for k in keys if not k.startswith("domain-")] == [
        "findings", "domains", "cross-cutting", "objectives", "priorities", "answers", "detail",
        "methods", "methodology", "provenance",
    ]  # fmt: skip
    assert page.count("<svg ") == len(CHARTS)
    assert "<script>" not in page  # (escaping of user text: tests/reports/test_html.py)
    assert "Governance gap (MGI)" in page  # reasons name the criteria, both ways
    assert "What lifts it" in page and "What holds it back" in page
    assert "φ(<var>a</var>) = φ<sup>+</sup>(<var>a</var>)" in page
    assert "Well-developed areas" in page and "Areas with potential for further development" in page
    # issue 13: the report shows every source of uncertainty, the checks behind the flags and
    # the consultation's groups and respondents
    for text in (
        "when the weights, the data or the method vary alone",  # uncertainty by source
        "its sampling noise",  # criteria checks
        "effective number of respondents",  # stakeholder groups
        "counted by group and by sex",  # respondents
    ):
        assert text in page, text


def test_word_annex(reports: tuple[Any]) -> None:
    document = docx.Document(str(reports[0].file("strategy-annex.docx")))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    figures = [c for c in captions if c.startswith("Figure")]
    assert figures[0] == "Figure 1: Domain scores"
    assert len(figures) == len(CHARTS) == len(document.inline_shapes)
    assert captions[0] == "Table 1: Domain scores"
    assert "Table 3: GCM objectives ranked for the national strategy" in captions
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Key findings" and "How the results were calculated" in headings


def test_duck_typed_prioritization(
    scorecard: Any, fake_prioritization: Any, tmp_path: Path
) -> None:
    content = report_content(scorecard, fake_prioritization)
    top = next(t for t in content.tables() if t.name == "Priority list")
    assert list(top.frame.index) == [1, 2, 3, 4, 5, 6]  # no consensus given: the WSM rank
    assert set(top.frame.columns) == {"objective", "title", "method_range", "p_top3"}
    assert render_html(content).count("<table") >= 3
    wb = openpyxl.load_workbook(write_results_workbook(content, tmp_path / "r.xlsx"))
    assert "Priorities" in wb.sheetnames and "Sensitivity" in wb.sheetnames
    frames = build.scorecard_frames(scorecard)
    figures = render_figures(frames, build.prioritization_frames(fake_prioritization))
    assert {"priority-ranking", "rank-acceptability", "method-comparison"} <= set(figures)


def test_scores_only_content_has_no_priority_sections(scorecard: Any) -> None:
    keys = [s.key for s in report_content(scorecard).sections]
    assert keys == ["findings", "domains", "objectives", "answers", "detail", "methodology",
                    "provenance"]  # fmt: skip


def test_failure_leaves_no_half_written_folder(
    scorecard: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mgi._io import OUTPUT_MARKER

    out = tmp_path / "report"
    out.mkdir()
    (out / "old.txt").write_text("earlier run")
    (out / OUTPUT_MARKER).write_text("written by mgi")  # an earlier mgi report
    monkeypatch.setattr(build, "chart_jobs", lambda *a, **k: [])

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("mgi.reports.html.write_html", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build_report(scorecard, out_dir=out)
    assert [p.name for p in tmp_path.iterdir()] == ["report"]
    assert sorted(p.name for p in out.iterdir()) == sorted([OUTPUT_MARKER, "old.txt"])


def test_a_folder_of_other_files_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mgi replaces only folders it wrote (marker file) or empty ones: a user's folder with
    their own files is refused before anything is written. (A small instrument and no charts:
    what is tested is the folder.)"""
    monkeypatch.setattr(build, "chart_jobs", lambda *a, **k: [])
    from mgi.assessment import Assessment
    from mgi.errors import UsageError
    from mgi.instrument import load_instrument
    from mgi.scoring import score

    inst = load_instrument("sdg-10-7-2")
    answers = {c: "no" for c in inst.indicators.index}
    meta = {"country": "Testland", "round": "2024"}
    scorecard = score(Assessment.from_answers(inst, answers, meta), "sdg-10-7-2")

    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    with pytest.raises(UsageError, match="already holds files mgi did not write"):
        build_report(scorecard, out_dir=out, formats=("png",))
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    again = build_report(scorecard, out_dir=tmp_path / "fresh", formats=("png",))
    build_report(scorecard, out_dir=again.out_dir, formats=("png",))  # its own folder: fine


def test_importing_the_cli_does_not_import_matplotlib() -> None:
    code = (
        "import sys, mgi.cli, mgi.reports, mgi.reports.content, mgi.reports.captions; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
