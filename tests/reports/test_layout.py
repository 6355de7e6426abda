"""Every chart as its reader sees it: no text over text, nothing off the page, nothing smaller
than 7 pt at 16 cm, every text at least 4.5:1 against what is drawn behind it, for the demo in
English and in Albanian and for a stress case with long labels."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import pandas as pd
import pytest

from mgi.reports import _style, build
from mgi.reports.export import freeze_layout
from mgi.reports.layout import check_figure, low_contrast, text_collisions

LONG = "ëç Shumë e gjatë: a very long label that a user's own file might hold"


def _jobs(demo_run: Any, lang: str, stress: bool = False) -> list[Any]:
    frames = build.scorecard_frames(demo_run.scorecard, comparison=demo_run.comparison, lang=lang)
    priorities = build.prioritization_frames(demo_run.prioritization, lang=lang)
    provenance = dict(demo_run.scorecard.provenance())
    if stress:
        frames = dict(frames)
        frames["domains"] = frames["domains"].assign(short_name=LONG, name=LONG)
        frames["subdomains"] = frames["subdomains"].assign(name=LONG)
        frames["objectives"] = frames["objectives"].assign(short_label=LONG)
        frames["change"] = frames["change"].assign(name=LONG)
        frames["bands"] = [(lower, f"{label} {LONG}") for lower, label in frames["bands"]]
        frames["rounds"] = ("2018 (first round, illustrative)", "2023 (second round)")
        priorities = dict(priorities)
        priorities["labels"] = dict.fromkeys(priorities["labels"], LONG)
        priorities["ranking"] = priorities["ranking"].assign(short_label=LONG)
        priorities["criteria_labels"] = dict.fromkeys(priorities["criteria_labels"], LONG)
        priorities["method_names"] = {m: f"{m} {LONG[:30]}" for m in priorities["method_names"]}
        provenance["country"] = "Republika e Shqipërisë (ilustruese) " + LONG
    return build.chart_jobs(frames, priorities, provenance, lang=lang)


def _laid_out(job: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning: none allowed
        fig = job.figure(_style.DEFAULT_FONT)
        freeze_layout(fig)
    return fig


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_demo_charts_have_no_collision_and_readable_text(demo_run: Any, lang: str) -> None:
    jobs = _jobs(demo_run, lang)
    assert len(jobs) == 9
    problems = {}
    for job in jobs:
        found = check_figure(_laid_out(job), contrast=lang == "en")
        if found:
            problems[job.stem] = found
    assert problems == {}


def test_long_labels_wrap_without_collision(demo_run: Any) -> None:
    problems = {}
    for job in _jobs(demo_run, "sq", stress=True):
        found = check_figure(_laid_out(job), contrast=False)
        if found:
            problems[job.stem] = found
    assert problems == {}


def test_the_checks_find_what_a_reader_would() -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.7, 2.4))
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, "one")
    ax.text(0.52, 0.5, "two")
    ax.text(0.1, 0.2, "faint", color="#BBBBBB")
    ax.text(3.0, 0.5, "gone")
    ax.text(0.1, 0.8, "tiny", fontsize=6)
    found = check_figure(fig)
    assert any(p.startswith("overlap: 'one' and 'two'") for p in found)
    assert "outside: 'gone'" in found
    assert any(p.startswith("small: 'tiny'") for p in found)
    assert any(p.startswith("contrast: 'faint'") for p in found)


def test_contrast_is_measured_on_the_drawn_background() -> None:
    from mgi.reports.charts import new_figure

    fig = new_figure(6.0)
    ax = fig.add_subplot()
    ax.bar([0], [1], color=_style.PALETTE["absent"], width=2)
    ax.text(0, 0.5, "on vermilion", color="white", ha="center")
    ax.text(0, 0.2, "black on vermilion", color="black", ha="center")
    ratio = _style.contrast_ratio("#FFFFFF", _style.PALETTE["absent"])
    assert [p.split(":")[1].strip() for p in low_contrast(fig)] == [f"'on vermilion' {ratio:.2f}"]


def test_every_colour_pair_the_charts_set_reads_at_4_5_to_1() -> None:
    """Text on tiles, bars, zones and cells is black or white, whichever contrasts more."""
    from mgi.reports.charts import sequential_cmap

    backgrounds = [
        *(_style.PALETTE[k] for k in ("full", "partial", "absent", "not_applicable", "missing")),
        *_style.BAND_FILLS,
        *[sequential_cmap()(v / 20) for v in range(21)],
    ]
    for colour in backgrounds:
        assert _style.contrast_ratio(_style.text_colour_on(colour), colour) >= 4.5, colour
    assert _style.contrast_ratio(_style.PALETTE["muted"], "#FFFFFF") >= 4.5  # footers
    assert _style.contrast_ratio(_style.PALETTE["text"], _style.BAND_FILLS[-1]) >= 4.5


def test_a_collision_is_caught(demo_run: Any) -> None:
    """Squeezing the ranking chart into 6 cm makes its labels overprint: the check says so."""
    job = _jobs(demo_run, "en")[5]
    assert job.stem == "priority-ranking"
    fig = job.figure(_style.DEFAULT_FONT)
    fig.set_size_inches(fig.get_figwidth(), 6 / 2.54)
    freeze_layout(fig)
    assert any("overlap" in p for p in text_collisions(fig))


def test_jobs_pickle_and_draw_the_same(demo_run: Any) -> None:
    import pickle

    job = _jobs(demo_run, "sq")[0]
    again = pickle.loads(pickle.dumps(job))
    assert dataclasses.asdict(again).keys() == dataclasses.asdict(job).keys()
    assert isinstance(again.args[0], pd.DataFrame)


def test_albanian_charts_draw_every_letter(demo_run: Any, tmp_path: Any) -> None:
    """The Albanian demo charts, written as SVG with every warning an error (a missing glyph is
    a warning), hold ë and ç as text."""
    from mgi.reports.render import render_charts

    jobs = [j for j in _jobs(demo_run, "sq") if j.stem in ("domain-profile", "subdomain-gaps")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rendered = render_charts(jobs, tmp_path, ("svg",), workers=1)
    svg = " ".join(chart.svg for chart in rendered.charts.values())
    assert "ë" in svg and "ç" in svg
    assert "Rezultatet e fushave" in svg and "Hendeku nga synimi sipas nënfushave" in svg
