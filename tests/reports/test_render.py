"""render_charts: the same bytes with one worker or two, all-charts.pdf from the laid-out
charts, per-chart PDFs only on request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mgi.reports import build
from mgi.reports.render import chart_workers, formats_in, render_charts


@pytest.fixture(scope="module")
def jobs(scorecard: Any, comparison: Any) -> list[Any]:
    frames = build.scorecard_frames(scorecard, comparison=comparison, lang="sq")
    every = build.chart_jobs(frames, None, scorecard.provenance(), lang="sq")
    return [j for j in every if j.stem in ("domain-profile", "change-since", "subdomain-gaps")]


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_pool_gives_the_same_bytes_as_one_process(jobs: list[Any], tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    alone = render_charts(jobs, one, ("png", "svg", "all-pdf"), workers=1)
    pooled = render_charts(jobs, two, ("png", "svg", "all-pdf"), workers=2)
    assert _bytes(one) == _bytes(two)
    assert [p.name for p in alone.files] == [p.name for p in pooled.files]
    assert alone.files[-1].name == "all-charts.pdf"
    pdf = (two / "all-charts.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(jobs)
    assert pooled.charts["domain-profile"].svg == (two / "domain-profile.svg").read_text("utf-8")


def test_formats(jobs: list[Any], tmp_path: Path) -> None:
    assert formats_in(["png", "svg", "all-pdf"]) == (("png", "svg"), True)
    assert formats_in(["pdf"]) == (("png", "pdf"), True)
    with pytest.raises(ValueError, match="jpg"):
        formats_in(["jpg"])
    result = render_charts(jobs[:1], tmp_path, ("png",), workers=1)
    assert [p.name for p in result.files] == ["domain-profile.png"]  # no SVG, no PDF
    assert result.charts["domain-profile"].svg.startswith("<?xml")  # the HTML still gets one


def test_worker_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGI_CHART_WORKERS", "3")
    assert chart_workers(9) == 3 and chart_workers(2) == 2 and chart_workers(9, 1) == 1
    monkeypatch.delenv("MGI_CHART_WORKERS")
    assert 1 <= chart_workers(9) <= 2
