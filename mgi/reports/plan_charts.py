"""Charts of an action plan: the Gantt chart of its measures and its costs by objective and year.

As every chart of :mod:`mgi.reports.charts`: each plot function takes a matplotlib ``Axes`` and
plain pandas tables, draws with mgi's settings (Okabe-Ito colours, DejaVu Sans, text drawn
literally) and returns the ``Axes``; it never shows or saves. The ``*_figure`` functions put a
chart on a figure of the right size (the Gantt chart on a landscape page's width); the caller
adds the footer (:func:`mgi.reports.charts.add_footer`) and saves it
(:func:`mgi.reports.export.save_figure`). Every text comes in already written in the report's
language; colour never carries meaning alone (the unfunded part is hatched, bars of a specific
objective carry its code in their label).

Examples
--------
>>> import pandas as pd
>>> from matplotlib.figure import Figure
>>> frame = pd.DataFrame({"objective": ["SO1", "SO2"], "label": ["A", "B"], "first": [0, 2],
...                       "last": [3, 5]}, index=pd.Index(["SO1.M1", "SO2.M1"], name="measure"))
>>> ax = gantt(Figure().add_subplot(), frame, ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4",
...            "2026-Q1", "2026-Q2"], texts={"title": "Timeline", "legend": "Specific objective"})
>>> len(ax.patches)
2
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from mgi.reports._style import CM, PALETTE, WIDTH_CM, category_style, drawable, wrap
from mgi.reports.charts import _legend_below, styled

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Width of a chart on a landscape A4 page with 2 cm margins.
LANDSCAPE_WIDTH_CM = 25.7
#: Characters per line of a measure's label on the Gantt chart.
LABEL_WIDTH = 62
#: Height of one measure's row on the Gantt chart (cm), and of a label's extra line.
ROW_CM, LINE_CM = 0.5, 0.32
#: Colours and hatches of the cost sources (the unfunded part stands out: vermillion, hatched).
SOURCE_STYLE: dict[str, tuple[str, str]] = {
    "state": (PALETTE["score"], ""),
    "donors": (PALETTE["full"], ""),
    "unfunded": (PALETTE["decrease"], "///"),
}


def objective_styles(objectives: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Colour and hatch of each specific objective, in order."""
    return {code: category_style(i) for i, code in enumerate(dict.fromkeys(objectives))}


@styled
def gantt(
    ax: Axes,
    frame: pd.DataFrame,
    quarters: Sequence[str],
    *,
    texts: Mapping[str, str],
    objective_labels: Mapping[str, str] | None = None,
) -> Axes:
    """The measures as bars over the quarters of the plan, grouped by specific objective.

    Parameters
    ----------
    ax
        A cartesian Axes.
    frame
        One row per measure, indexed by its code: ``objective``, ``label`` (the measure),
        ``first`` and ``last`` (positions of its first and last quarter in ``quarters``).
    quarters
        The plan's quarters, as the axis shows them (``2025-Q1`` …).
    texts
        ``title`` and ``legend`` (the legend's heading), in the report's language.
    objective_labels
        Specific objective -> the text of its legend entry.

    Returns
    -------
    Axes
        ``ax``, one bar per measure, the first measure at the top.
    """
    styles = objective_styles(frame["objective"])
    y = np.arange(len(frame))
    for yi, (_, row) in zip(y, frame.iterrows(), strict=True):
        colour, hatch = styles[row["objective"]]
        ax.barh(
            yi,
            row["last"] - row["first"] + 1,
            left=row["first"] - 0.5,
            height=0.62,
            color=colour,
            hatch=hatch,
            edgecolor=PALETTE["muted"] if hatch else colour,
            linewidth=0.4,
        )
    ax.set_yticks(
        y,
        [
            wrap(f"{code} {label}", LABEL_WIDTH)
            for code, label in zip(frame.index, frame["label"], strict=True)
        ],
    )
    n = len(quarters)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xticks(range(n), [drawable(q).replace("-", "\n") for q in quarters])
    for k, q in enumerate(quarters):
        if k and str(q).endswith("Q1"):
            ax.axvline(k - 0.5, color=PALETTE["grid"], linewidth=0.8, zorder=0)
    previous = None
    for yi, objective in zip(y, frame["objective"], strict=True):
        if previous is not None and objective != previous:
            ax.axhline(yi - 0.5, color=PALETTE["muted"], linewidth=0.5, linestyle=":")
        previous = objective
    ax.tick_params(axis="y", length=0)
    ax.set_title(drawable(texts["title"]))
    labels = objective_labels or {}
    entries = [
        (
            Patch(facecolor=c, hatch=h, edgecolor=PALETTE["muted"] if h else c),
            wrap(labels.get(code, code), 40),
        )
        for code, (c, h) in styles.items()
    ]
    _legend_below(ax, ncol=3, entries=entries, title=drawable(texts["legend"]), borderaxespad=2.5)
    return ax


@styled
def cost_bars(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    texts: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
    horizontal: bool = True,
    value_format: Callable[[float], str] = str,
) -> Axes:
    """Costs stacked by source (state budget, donors, unfunded) per row of ``frame``.

    Parameters
    ----------
    ax
        A cartesian Axes.
    frame
        Indexed by what the bars are (specific objective, year); columns ``state``,
        ``donors``, ``unfunded`` in the unit the axis says (e.g. millions).
    texts
        ``title``, ``axis`` (the value axis), ``state``, ``donors``, ``unfunded`` (legend).
    labels
        Index value -> the bar's label (the index itself when missing).
    horizontal
        Bars across (one per specific objective) or upright (one per year).
    value_format
        Writes the total at the end of each bar, in the report's language.

    Returns
    -------
    Axes
        ``ax``, three bar segments per row.
    """
    names = [wrap(str((labels or {}).get(i, i)), 34) for i in frame.index]
    position = np.arange(len(frame))
    base = np.zeros(len(frame))
    for source, (colour, hatch) in SOURCE_STYLE.items():
        values = frame[source].to_numpy(dtype=float)
        style: dict[str, Any] = {
            "color": colour,
            "hatch": hatch,
            "label": drawable(texts[source]),
            "edgecolor": PALETTE["muted"] if hatch else colour,
            "linewidth": 0.4,
        }
        if horizontal:
            ax.barh(position, values, left=base, height=0.62, **style)
        else:
            ax.bar(position, values, bottom=base, width=0.62, **style)
        base = base + values
    from matplotlib.ticker import FuncFormatter

    axis = ax.xaxis if horizontal else ax.yaxis
    axis.set_major_formatter(FuncFormatter(lambda v, _: value_format(v)))
    top = float(base.max()) if len(base) else 1.0
    for p, total in zip(position.tolist(), base, strict=True):
        if horizontal:
            ax.text(total + top * 0.01, p, value_format(total), va="center", ha="left")
        else:
            ax.text(p, total + top * 0.01, value_format(total), va="bottom", ha="center")
    if horizontal:
        ax.set_yticks(position, names)
        ax.set_ylim(len(frame) - 0.5, -0.5)
        ax.set_xlim(0, top * 1.15 if top > 0 else 1)
        ax.set_xlabel(drawable(texts["axis"]))
        ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    else:
        ax.set_xticks(position, names)
        ax.set_ylim(0, top * 1.15 if top > 0 else 1)
        ax.set_ylabel(drawable(texts["axis"]))
        ax.yaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(drawable(texts["title"]))
    _legend_below(ax, ncol=3, borderaxespad=2.0)
    return ax


def _figure(width_cm: float, height_cm: float) -> Figure:
    import matplotlib as mpl

    from mgi.reports import _style

    with mpl.rc_context(_style.rc()):
        return Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")


@styled
def gantt_figure(frame: pd.DataFrame, quarters: Sequence[str], **kwargs: Any) -> Figure:
    """:func:`gantt` on a figure as wide as a landscape page's text."""
    lines = sum(
        wrap(f"{c} {label}", LABEL_WIDTH).count("\n")
        for c, label in zip(frame.index, frame["label"], strict=True)
    )
    objectives = frame["objective"].nunique() if len(frame) else 1
    height = 5.0 + ROW_CM * len(frame) + LINE_CM * lines + 0.45 * (objectives + 2) // 3
    fig = _figure(LANDSCAPE_WIDTH_CM, max(8.0, height))
    gantt(fig.add_subplot(), frame, quarters, **kwargs)
    return fig


@styled
def cost_bars_figure(frame: pd.DataFrame, *, horizontal: bool = True, **kwargs: Any) -> Figure:
    """:func:`cost_bars` on an A4-width figure."""
    height = max(7.0, 4.0 + 0.75 * len(frame)) if horizontal else 9.0
    fig = _figure(WIDTH_CM, height)
    cost_bars(fig.add_subplot(), frame, horizontal=horizontal, **kwargs)
    return fig
