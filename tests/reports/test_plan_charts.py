"""Charts of an action plan: one bar per measure on the Gantt chart, costs stacked by source
with the unfunded part hatched, no two labels on top of each other."""

from __future__ import annotations

import itertools

import pandas as pd
from matplotlib.figure import Figure

from mgi.reports.plan_charts import cost_bars, cost_bars_figure, gantt, gantt_figure

QUARTERS = [f"{y}-Q{q}" for y in (2025, 2026) for q in (1, 2, 3, 4)]
GANTT = pd.DataFrame(
    {
        "objective": ["SO1", "SO1", "SO2", "SO3"],
        "label": ["Register births abroad through the consulates and the civil register"] * 2
        + ["Certify skills", "Publish $5 to $6 ^costs^"],
        "first": [0, 3, 2, 5],
        "last": [3, 7, 2, 6],
    },
    index=pd.Index(["SO1.M1", "SO1.M2", "SO2.M1", "SO3.M1"], name="measure"),
)
TEXTS = {
    "title": "Timeline",
    "legend": "Specific objective",
    "axis": "thousand ALL",
    "state": "State budget",
    "donors": "Donors",
    "unfunded": "Unfunded",
}
COSTS = pd.DataFrame(
    {"state": [10.0, 0.0], "donors": [5.0, 2.0], "unfunded": [1.0, 3.0]}, index=["SO1", "SO2"]
)


def test_gantt_one_bar_per_measure_from_start_to_end() -> None:
    ax = gantt(Figure().add_subplot(), GANTT, QUARTERS, texts=TEXTS)
    bars = [(p.get_x(), p.get_width()) for p in ax.patches]
    assert bars == [(-0.5, 4), (2.5, 5), (1.5, 1), (4.5, 2)]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[3] == "SO3.M1 Publish $5 to $6 ^costs^"  # drawn literally
    assert len(ax.get_legend().get_texts()) == 3


def test_costs_stacked_by_source_unfunded_hatched() -> None:
    ax = cost_bars(Figure().add_subplot(), COSTS, texts=TEXTS, value_format=lambda v: f"{v:.0f}")
    assert len(ax.patches) == 6
    assert [p.get_hatch() for p in ax.patches[4:]] == ["///", "///"]
    assert {t.get_text() for t in ax.texts} == {"16", "5"}


def _boxes(fig: Figure, texts: list) -> list:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    return [t.get_window_extent(renderer) for t in texts if t.get_text()]


def test_no_labels_overlap() -> None:
    long = pd.concat([GANTT] * 6)
    long.index = [f"SO{i // 2 + 1}.M{i}" for i in range(len(long))]
    long["objective"] = [code.split(".")[0] for code in long.index]
    for fig in (
        gantt_figure(long, QUARTERS, texts=TEXTS),
        cost_bars_figure(COSTS, texts=TEXTS, value_format=str),
    ):
        fig.draw_without_rendering()
        ax = fig.axes[0]
        for boxes in (_boxes(fig, ax.get_yticklabels()), _boxes(fig, ax.get_xticklabels())):
            for a, b in itertools.combinations(boxes, 2):
                assert not a.overlaps(b)
