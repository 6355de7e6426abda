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


def test_a_pool_gives_the_same_bytes_as_one_process(
    jobs: list[Any], tmp_path: Path, process_pool: Any
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    alone = render_charts(jobs, one, ("png", "svg", "all-pdf"), workers=1)
    pooled = render_charts(jobs, two, ("png", "svg", "all-pdf"), pool=process_pool)
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


def _square(x: int) -> int:
    return x * x


def _refuse(path: str) -> None:
    from mgi.catalogue import make_issue
    from mgi.errors import InputError

    issue = make_issue("answer.invalid", file=path, found="maybe", allowed="yes, no")
    raise InputError("The plan has errors.", issues=[issue], path=path)


def _untranslated() -> str:
    from mgi.i18n.fallback import note_missing

    note_missing("sq", "message", "no.such.key")
    return "drawn"


def test_a_pool_shared_with_other_work(jobs: list[Any], tmp_path: Path, process_pool: Any) -> None:
    """One pool (worker_pool) for the report's charts and the run's other writing: left open
    by render_charts; results, errors (with their issues) and missing translations come
    back."""
    from mgi.errors import InputError
    from mgi.i18n import MissingTranslationWarning
    from mgi.reports.render import submit, worker_pool

    pool = process_pool
    rendered = render_charts(jobs[:1], tmp_path, ("png",), pool=pool)
    later = submit(pool, _square, 7)  # the pool is still open
    refused = submit(pool, _refuse, "plan.xlsx")
    untranslated = submit(pool, _untranslated)
    assert later() == 49
    with pytest.raises(InputError) as caught:
        refused()
    assert caught.value.path == Path("plan.xlsx")
    assert [i.rule for i in caught.value.issues] == ["answer.invalid"]
    with pytest.warns(MissingTranslationWarning, match="no.such.key"):
        assert untranslated() == "drawn"
    assert [p.name for p in rendered.files] == ["domain-profile.png"]
    with worker_pool(len(jobs), workers=1) as alone:
        assert alone is None
        assert submit(alone, _square, 3)() == 9  # run here and now


def test_a_frozen_figure_has_no_layout_engine_left() -> None:
    """matplotlib's "none" placeholder engine makes every save lay the figure out again in a
    draw of its own: a frozen figure has no engine at all, and is drawn once per file."""
    from io import BytesIO

    from matplotlib.figure import Figure

    from mgi.reports.export import freeze_layout

    fig = Figure(figsize=(3, 2), layout="constrained")
    fig.add_subplot().set_title("A title")
    freeze_layout(fig)
    assert fig.get_layout_engine() is None
    draws = []
    original = fig.draw
    fig.draw = lambda renderer: (draws.append(renderer), original(renderer))[1]  # type: ignore[method-assign]
    fig.savefig(BytesIO(), format="svg")
    assert len(draws) == 1
