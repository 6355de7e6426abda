"""Charts of a monitoring report: implementation by objective, overdue measures by institution,
indicator traffic lights, budget execution and the trend across periods.

As every chart of :mod:`mgi.reports.charts`: each plot function takes a matplotlib ``Axes`` and
plain pandas tables, draws with mgi's settings and returns the ``Axes``; it never shows or
saves. Every text comes in already written in the report's language. Colour never carries
meaning alone: overdue and not reported parts are hatched, every bar carries its number, each
traffic light has its own marker shape and its word in the label.

Examples
--------
>>> import pandas as pd
>>> from matplotlib.figure import Figure
>>> rates = pd.DataFrame({"due": [4, 2], "completed": [3, 0], "overdue": [1, 2],
...                       "rate": [0.75, 0.0]}, index=["SO1", "SO2"])
>>> ax = implementation_bars(Figure().add_subplot(), rates, texts={"title": "T",
...     "axis": "Measures due", "completed": "Completed", "overdue": "Overdue"},
...     value_format=lambda v: f"{v:.0%}")
>>> len(ax.patches)
4
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from mgi.reports._style import CM, OKABE_ITO, PALETTE, WIDTH_CM, drawable, wrap
from mgi.reports.charts import _legend_below, styled

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import XAxis

#: Colour and marker of each traffic light (the marker tells them apart without colour).
LIGHT_STYLE: dict[str, tuple[str, str]] = {
    "achieved": (OKABE_ITO["bluish_green"], "P"),
    "on_track": (OKABE_ITO["bluish_green"], "o"),
    "behind": (OKABE_ITO["orange"], "^"),
    "off_track": (OKABE_ITO["vermillion"], "X"),
    "no_data": (PALETTE["muted"], "s"),
}


def _figure(height_cm: float, width_cm: float = WIDTH_CM) -> Figure:
    import matplotlib as mpl

    from mgi.reports import _style

    with mpl.rc_context(_style.rc()):
        return Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")


def _whole_numbers(axis: XAxis) -> None:
    """Ticks of an axis of counts at whole numbers only."""
    locator = axis.get_major_locator()
    if isinstance(locator, MaxNLocator):  # matplotlib's default, AutoLocator, is one
        locator.set_params(integer=True)


def _bar_axis(ax: Axes, names: Sequence[str], top: float, axis: str) -> None:
    position = np.arange(len(names))
    ax.set_yticks(position, names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.18 if top > 0 else 1)
    ax.set_xlabel(drawable(axis))
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)


@styled
def implementation_bars(
    ax: Axes,
    rates: pd.DataFrame,
    *,
    texts: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
    value_format: Callable[[float], str] = str,
) -> Axes:
    """Measures due per row of ``rates`` (specific objectives): completed, then overdue
    (hatched), with the implementation rate at the end of each bar.

    ``rates`` has ``due``, ``completed``, ``overdue`` and ``rate``; ``texts`` gives ``title``,
    ``axis``, ``completed``, ``overdue`` and ``none`` (written where nothing is due yet).
    """
    names = [wrap(str((labels or {}).get(i, i)), 36) for i in rates.index]
    position = np.arange(len(rates))
    completed = rates["completed"].to_numpy(dtype=float)
    overdue = rates["overdue"].to_numpy(dtype=float)
    ax.barh(
        position, completed, height=0.6, color=PALETTE["full"], label=drawable(texts["completed"])
    )
    ax.barh(
        position,
        overdue,
        left=completed,
        height=0.6,
        color="white",
        hatch="////",
        edgecolor=PALETTE["decrease"],
        linewidth=0.8,
        label=drawable(texts["overdue"]),
    )
    top = float((completed + overdue).max()) if len(rates) else 1.0
    for p, total, rate in zip(position.tolist(), completed + overdue, rates["rate"], strict=True):
        shown = texts.get("none", "–") if pd.isna(rate) else value_format(float(rate))
        ax.text(total + top * 0.02, p, drawable(shown), va="center", ha="left")
    _bar_axis(ax, names, top, texts["axis"])
    _whole_numbers(ax.xaxis)
    ax.set_title(drawable(texts["title"]))
    _legend_below(ax, ncol=2, borderaxespad=2.0)
    return ax


@styled
def overdue_bars(ax: Axes, overdue: pd.DataFrame, *, texts: Mapping[str, str]) -> Axes:
    """Overdue measures per institution: not reported (hatched), then reported late."""
    names = [wrap(str(n), 40) for n in overdue["name"]]
    position = np.arange(len(overdue))
    missing = overdue["not_reported"].to_numpy(dtype=float)
    late = overdue["overdue"].to_numpy(dtype=float) - missing
    ax.barh(position, late, height=0.6, color=PALETTE["earlier"], label=drawable(texts["reported"]))
    ax.barh(
        position,
        missing,
        left=late,
        height=0.6,
        color="white",
        hatch="xx",
        edgecolor=PALETTE["decrease"],
        linewidth=0.8,
        label=drawable(texts["not_reported"]),
    )
    top = float((late + missing).max()) if len(overdue) else 1.0
    for p, total in zip(position.tolist(), late + missing, strict=True):
        ax.text(total + top * 0.02, p, f"{int(total)}", va="center", ha="left")
    if not len(overdue):
        ax.text(0.5, 0.5, drawable(texts["none"]), transform=ax.transAxes, ha="center")
    _bar_axis(ax, names, top, texts["axis"])
    _whole_numbers(ax.xaxis)
    ax.set_title(drawable(texts["title"]))
    _legend_below(ax, ncol=2, borderaxespad=2.0)
    return ax


@styled
def indicator_lights(
    ax: Axes, indicators: pd.DataFrame, *, texts: Mapping[str, str], light_names: Mapping[str, str]
) -> Axes:
    """One row per indicator: the share of the distance covered (marker, shaped and coloured
    by its light, the light's word in the row's label) against the share of time elapsed (a
    vertical tick). Indicators without data are listed with a square at 0."""
    frame = indicators
    names = [wrap(f"{code} {light_names[light]}", 40) for code, light in frame["light"].items()]
    position = np.arange(len(frame))
    covered = frame["covered"].astype(float).fillna(0.0).clip(-0.2, 1.2).to_numpy() * 100
    elapsed = frame["elapsed"].astype(float).to_numpy() * 100
    for p, c, e, light in zip(position, covered, elapsed, frame["light"], strict=True):
        colour, marker = LIGHT_STYLE[light]
        if not np.isnan(e):
            ax.plot([e, e], [p - 0.3, p + 0.3], color=PALETTE["text"], linewidth=1.2)
            ax.plot([0, c], [p, p], color=PALETTE["grid"], linewidth=2.0, zorder=1)
        face = "white" if light == "no_data" else colour
        ax.plot(
            c,
            p,
            marker=marker,
            markersize=7,
            color=colour,
            markerfacecolor=face,
            markeredgecolor=PALETTE["text"] if light != "no_data" else colour,
            markeredgewidth=0.6,
            linestyle="none",
            zorder=3,
        )
    ax.set_yticks(position, names)
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlim(-22, 122)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.axvline(100, color=PALETTE["muted"], linewidth=0.6, linestyle=":")
    ax.set_xlabel(drawable(texts["axis"]))
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    ax.set_title(drawable(texts["title"]))
    entries = [
        (
            Line2D(
                [],
                [],
                marker=LIGHT_STYLE[k][1],
                color=LIGHT_STYLE[k][0],
                linestyle="none",
                markerfacecolor="white" if k == "no_data" else LIGHT_STYLE[k][0],
                markeredgecolor=PALETTE["text"] if k != "no_data" else LIGHT_STYLE[k][0],
            ),
            drawable(light_names[k]),
        )
        for k in LIGHT_STYLE
    ]
    entries.append(
        (
            Line2D([], [], marker="|", color=PALETTE["text"], linestyle="none", markersize=10),
            drawable(texts["elapsed"]),
        )
    )
    _legend_below(ax, ncol=3, entries=entries, borderaxespad=2.0)
    return ax


@styled
def budget_bars(
    ax: Axes,
    budget: pd.DataFrame,
    *,
    texts: Mapping[str, str],
    value_format: Callable[[float], str] = str,
) -> Axes:
    """Per source (state budget, donors): planned for the whole plan (outline), planned to date
    and spent, with spent ÷ planned to date written beside the bars."""
    rows = [r for r in ("state", "donors") if r in budget.index]
    frame = budget.loc[rows]
    position = np.arange(len(rows))
    height = 0.26
    ax.barh(
        position - height,
        frame["planned"],
        height=height,
        color="white",
        edgecolor=PALETTE["muted"],
        linewidth=0.8,
        label=drawable(texts["planned"]),
    )
    ax.barh(
        position,
        frame["planned_to_date"],
        height=height,
        color=PALETTE["later"],
        hatch="..",
        edgecolor="white",
        label=drawable(texts["planned_to_date"]),
    )
    ax.barh(
        position + height,
        frame["spent"],
        height=height,
        color=PALETTE["full"],
        label=drawable(texts["spent"]),
    )
    top = float(frame[["planned", "planned_to_date", "spent"]].to_numpy(dtype=float).max())
    for p, spent, share in zip(position, frame["spent"], frame["execution_to_date"], strict=True):
        shown = value_format(float(spent)) + (
            f" ({texts['share'].format(share=share)})" if pd.notna(share) else ""
        )
        ax.text(float(spent) + top * 0.01, p + height, drawable(shown), va="center", ha="left")
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: value_format(v)))
    _bar_axis(ax, [texts[r] for r in rows], top, texts["axis"])
    ax.set_xlim(0, top * 1.35 if top > 0 else 1)
    ax.set_title(drawable(texts["title"]))
    _legend_below(ax, ncol=3, borderaxespad=2.0)
    return ax


@styled
def trend_lines(
    ax: Axes,
    trend: pd.DataFrame,
    *,
    texts: Mapping[str, str],
    value_format: Callable[[float], str] = str,
) -> Axes:
    """Implementation rate and budget execution to date per period (solid line with circles,
    dashed line with squares), each point labelled."""
    x = np.arange(len(trend))
    rate = trend["rate"].astype(float).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        spent = (trend["spent"] / trend["planned_to_date"]).astype(float).to_numpy()
    for values, style, key in (
        (rate, ("o", "-", PALETTE["score"]), "rate"),
        (spent, ("s", "--", PALETTE["earlier"]), "execution"),
    ):
        marker, line, colour = style
        ax.plot(
            x, values * 100, marker=marker, linestyle=line, color=colour, label=drawable(texts[key])
        )
        for xi, v in zip(x, values, strict=True):
            if not np.isnan(v):
                ax.annotate(
                    drawable(value_format(float(v))),
                    (xi, v * 100),
                    textcoords="offset points",
                    xytext=(0, 7),
                    ha="center",
                    fontsize=7.5,
                )
    ax.set_xticks(x, [str(p) for p in trend.index])
    ax.set_xlim(-0.5, len(trend) - 0.5)
    ax.set_ylim(0, 115)
    ax.set_ylabel(drawable(texts["axis"]))
    ax.yaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(drawable(texts["title"]))
    _legend_below(ax, ncol=2, borderaxespad=2.0)
    return ax


@styled
def bars_figure(plot: Callable[..., Axes], rows: int, *args: object, **kwargs: object) -> Figure:
    """``plot`` on an A4-width figure tall enough for ``rows`` bars."""
    fig = _figure(max(7.0, 4.2 + 0.62 * rows))
    plot(fig.add_subplot(), *args, **kwargs)
    return fig


@styled
def trend_figure(trend: pd.DataFrame, **kwargs: Any) -> Figure:
    fig = _figure(8.5)
    trend_lines(fig.add_subplot(), trend, **kwargs)
    return fig
