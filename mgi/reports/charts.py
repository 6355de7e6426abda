"""Print-quality charts: functions that draw on a matplotlib ``Axes`` and return it.

Every plot function takes an ``ax`` and plain pandas objects, draws, and returns the ``ax``; none
of them shows or saves anything (saving is :func:`mgi.reports.export.save_figure`'s job). The
``*_figure`` functions make a :class:`matplotlib.figure.Figure` of A4 text width (17 cm) with the
chart on it, without pyplot's global state; :func:`add_footer` writes the context line (country,
round, instrument, disclaimer) at the bottom of such a figure. Colours come from
:mod:`mgi.reports._style` (Okabe-Ito), and colour never carries meaning alone: bars have value
labels, answers have letters, missing answers are hatched, methods have distinct markers.

Examples
--------
>>> import pandas as pd
>>> from matplotlib.figure import Figure
>>> domains = pd.DataFrame(
...     {"name": ["Rights", "Government"], "short_name": ["Rights", "Government"],
...      "score": [62.5, 40.0], "target": [100.0, 80.0], "band": ["Partially meets"] * 2},
...     index=["D1", "D2"])
>>> ax = domain_bars(Figure().add_subplot(), domains)
>>> len(ax.patches)
2
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from mgi.reports import _style
from mgi.reports._style import CM, PALETTE, WIDTH_CM, drawable, wrap
from mgi.reports.captions import CAPTIONS, FOOTER_SEPARATOR

if TYPE_CHECKING:
    from matplotlib.axes import Axes

F = TypeVar("F", bound=Callable[..., Any])

#: Answer categories of the indicator map, in legend order: (key, legend label, tile letter).
ANSWER_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("full", "Fully present / yes", "F"),
    ("partial", "Partially present", "P"),
    ("absent", "Absent / no", "A"),
    ("not_applicable", "Not applicable", "n/a"),
    ("missing", "Missing (no answer)", "?"),
)

#: Answer options mapped to the categories of the indicator map (when no ``value`` is given).
OPTION_CATEGORIES: dict[str, str] = {
    "full": "full",
    "yes": "full",
    "yes_all": "full",
    "partial": "partial",
    "yes_legal": "partial",
    "absent": "absent",
    "no": "absent",
    "na": "not_applicable",
}


def styled(func: F) -> F:
    """Run ``func`` with mgi's matplotlib settings (``rc_context``; globals untouched)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with mpl.rc_context(_style.rc()):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"The {what} table needs the columns {', '.join(columns)}; "
            f"missing: {', '.join(missing)}."
        )


def _labels(index: pd.Index, labels: Mapping[str, str] | None, width: int = 30) -> list[str]:
    """``code label`` for each code, wrapped (the label alone when ``labels`` is None)."""
    if labels is None:
        return [wrap(str(code), width) for code in index]
    return [wrap(f"{code} {labels.get(code, '')}".strip(), width) for code in index]


def _fmt(value: float, decimals: int = 0) -> str:
    return "–" if pd.isna(value) else f"{value:.{decimals}f}"


def _legend_below(
    ax: Axes, ncol: int = 4, entries: Sequence[tuple[Any, str]] | None = None, **kwargs: Any
) -> None:
    """The legend below the axes; ``entries`` (artist, label) when labels come from inputs,
    because matplotlib leaves out artists whose label starts with "_" when it collects them."""
    handles = () if entries is None else ([h for h, _ in entries], [lab for _, lab in entries])
    ax.legend(
        *handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=ncol,
        handlelength=1.5,
        **kwargs,
    )


# -- domains ------------------------------------------------------------------------------------


@styled
def domain_radar(ax: Axes, domains: pd.DataFrame, earlier: pd.DataFrame | None = None) -> Axes:
    """Radar (profile) of the domain scores against their targets, and the earlier round.

    Always shown beside :func:`domain_bars` with the same numbers (see
    :func:`domain_profile_figure`): a radar alone is hard to read exactly.

    Parameters
    ----------
    ax
        A polar Axes (``fig.add_subplot(projection="polar")``).
    domains
        Indexed ``D1`` … ``D6``; columns ``short_name``, ``score`` (0-100), ``target``.
    earlier
        The earlier round's domains (``score`` column), same index; optional.

    Returns
    -------
    Axes
        ``ax``, with one closed line per series (n + 1 vertices each).
    """
    _require(domains, ["short_name", "score", "target"], "domains")
    if getattr(ax, "name", "") != "polar":
        raise ValueError("domain_radar needs a polar Axes: fig.add_subplot(projection='polar').")
    n = len(domains)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    closed = np.append(angles, angles[:1])

    def ring(values: pd.Series) -> np.ndarray:
        v = values.to_numpy(dtype=float)
        return np.append(v, v[:1])

    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    if earlier is not None:
        prior = earlier["score"].reindex(domains.index)
        ax.plot(
            closed,
            ring(prior),
            color=PALETTE["earlier"],
            linestyle=":",
            marker="s",
            markersize=3.5,
            linewidth=1.2,
            label="Earlier round",
        )
    ax.plot(
        closed,
        ring(domains["target"]),
        color=PALETTE["target"],
        linestyle="--",
        linewidth=0.9,
        label="Target",
    )
    ax.plot(
        closed,
        ring(domains["score"]),
        color=PALETTE["score"],
        marker="o",
        markersize=3.5,
        linewidth=1.6,
        label="Score",
    )
    ax.fill(closed, ring(domains["score"].fillna(0)), color=PALETTE["score"], alpha=0.15)
    ax.set_xticks(angles)
    ax.set_xticklabels([wrap(f"{c} {s}", 14) for c, s in domains["short_name"].items()])
    ax.tick_params(axis="x", pad=12)  # keep the labels clear of the target polygon
    ax.set_ylim(0, 100)
    ax.set_yticks([20, 40, 60, 80, 100])
    ax.set_yticklabels(["20", "40", "60", "80", "100"], color=PALETTE["muted"])
    ax.set_rlabel_position(210)  # between D4 and D5, away from long labels
    ax.tick_params(axis="y", labelsize=_style.SMALL_FONT_SIZE - 1)
    ax.grid(color=PALETTE["grid"], linewidth=0.5)
    ax.spines["polar"].set_color(PALETTE["grid"])
    ax.set_title("Profile", pad=20)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, handlelength=1.8)
    return ax


@styled
def domain_bars(ax: Axes, domains: pd.DataFrame, earlier: pd.DataFrame | None = None) -> Axes:
    """Horizontal bars of the domain scores with their targets (and the earlier round).

    Parameters
    ----------
    ax
        A cartesian Axes.
    domains
        Indexed ``D1`` … ``D6``; columns ``short_name``, ``score`` (0-100), ``target``, ``band``.
    earlier
        The earlier round's domains (``score`` column), same index; optional.

    Returns
    -------
    Axes
        ``ax``, with one bar per domain (``ax.patches``) labelled with score and band.
    """
    _require(domains, ["short_name", "score", "target", "band"], "domains")
    y = np.arange(len(domains))
    scores = domains["score"].to_numpy(dtype=float)
    ax.barh(y, np.nan_to_num(scores), height=0.6, color=PALETTE["score"], label="Score")
    ax.scatter(
        domains["target"],
        y,
        marker="|",
        s=260,
        linewidths=2,
        color=PALETTE["target"],
        zorder=3,
        label="Target",
    )
    if earlier is not None:
        ax.scatter(
            earlier["score"].reindex(domains.index),
            y,
            marker="D",
            s=22,
            facecolor="white",
            edgecolor=PALETTE["earlier"],
            linewidths=1.4,
            zorder=4,
            label="Earlier round",
        )
    for yi, score, band in zip(y, scores, domains["band"], strict=True):
        text = "no score" if np.isnan(score) else f"{score:.0f}"
        if isinstance(band, str) and band:
            text += f"\n{wrap(band, 18)}"
        ax.text(
            104,
            yi,
            text,
            va="center",
            ha="left",
            fontsize=_style.SMALL_FONT_SIZE,
            linespacing=1.0,
        )
    ax.set_yticks(y, [wrap(f"{c} {s}", 18) for c, s in domains["short_name"].items()])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel("Score (0-100)")
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title("Scores and targets")
    _legend_below(ax, ncol=3, borderaxespad=1.5)
    return ax


# -- sub-domains and indicators ----------------------------------------------------------------


@styled
def subdomain_gaps(ax: Axes, subdomains: pd.DataFrame) -> Axes:
    """Sub-domain scores as horizontal bars sorted by gap to target, with the targets.

    Parameters
    ----------
    ax
        A cartesian Axes.
    subdomains
        Indexed ``D1.1`` …; columns ``name``, ``domain``, ``score``, ``target``, ``gap``.
        Sub-domains without a score (NaN) are drawn last with the label "no score".

    Returns
    -------
    Axes
        ``ax``, one bar per sub-domain, the largest gap at the top.
    """
    _require(subdomains, ["name", "domain", "score", "target", "gap"], "sub-domains")
    frame = subdomains.sort_values("gap", ascending=False, na_position="last", kind="stable")
    y = np.arange(len(frame))
    scores = frame["score"].to_numpy(dtype=float)
    ax.barh(y, np.nan_to_num(scores), height=0.65, color=PALETTE["score"], label="Score")
    ax.scatter(
        frame["target"],
        y,
        marker="|",
        s=120,
        linewidths=1.8,
        color=PALETTE["target"],
        zorder=3,
        label="Target",
    )
    for yi, score, gap in zip(y, scores, frame["gap"], strict=True):
        text = "no score" if np.isnan(score) else f"{score:.0f} (gap {_fmt(gap)})"
        ax.text(104, yi, text, va="center", ha="left", fontsize=_style.SMALL_FONT_SIZE)
    ax.set_yticks(y, [wrap(f"{code} {name}", 42) for code, name in frame["name"].items()])
    ax.invert_yaxis()
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Score (0-100); sorted by gap to target, largest first")
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(CAPTIONS["subdomain-gaps"].title)
    _legend_below(ax, ncol=2, borderaxespad=2.0)
    return ax


def answer_category(row: pd.Series) -> str:
    """The indicator-map category of one answer (see :data:`ANSWER_CATEGORIES`).

    ``status`` decides missing and not applicable; then the 0-1 ``value`` if given (1 full,
    0 absent, in between partial), else the ``option`` code (:data:`OPTION_CATEGORIES`).
    """
    status = str(row.get("status", ""))
    if status == "missing":
        return "missing"
    if status == "not_applicable":
        return "not_applicable"
    value = row.get("value", np.nan)
    if value is not None and not pd.isna(value):
        return "full" if value >= 1 else "absent" if value <= 0 else "partial"
    option = str(row.get("option", "")).strip().lower()
    if option in OPTION_CATEGORIES:
        return OPTION_CATEGORIES[option]
    raise ValueError(
        f"Indicator {row.name}: the answer option {option!r} has no category on the indicator "
        f"map; give a 0-1 'value' column or one of the options {', '.join(OPTION_CATEGORIES)}."
    )


@styled
def indicator_map(
    ax: Axes, indicators: pd.DataFrame, subdomain_names: Mapping[str, str] | None = None
) -> Axes:
    """Every indicator's answer as a tile grid: one row per sub-domain, grouped by domain.

    Parameters
    ----------
    ax
        A cartesian Axes.
    indicators
        Indexed by indicator code (``D1.2.3``), in questionnaire order; columns ``domain``,
        ``subdomain``, ``status`` (answered / not_applicable / missing), ``option`` and
        optionally ``value`` (0-1) and ``label``.
    subdomain_names
        Names of the sub-domains for the row labels (the codes alone when None).

    Returns
    -------
    Axes
        ``ax``, with one Rectangle per indicator; missing answers are hatched and marked "?".
    """
    _require(indicators, ["domain", "subdomain", "status", "option"], "indicators")
    style = {key: (label, letter) for key, label, letter in ANSWER_CATEGORIES}
    categories = indicators.apply(answer_category, axis=1)
    rows = list(dict.fromkeys(indicators["subdomain"]))
    row_of = {code: i for i, code in enumerate(rows)}
    position = indicators.groupby("subdomain", sort=False).cumcount()
    width = int(position.max()) + 1 if len(indicators) else 1
    for code, category in categories.items():
        x, yrow = int(position[code]), row_of[indicators.at[code, "subdomain"]]
        missing = category == "missing"
        ax.add_patch(
            Rectangle(
                (x + 0.05, yrow - 0.42),
                0.9,
                0.84,
                facecolor=PALETTE[category],
                edgecolor=PALETTE["muted"] if missing else "white",
                hatch=_style.MISSING_HATCH if missing else None,
                linewidth=0.6,
                gid=str(code),
            )
        )
        ax.text(
            x + 0.5,
            yrow,
            style[category][1],
            ha="center",
            va="center",
            fontsize=_style.SMALL_FONT_SIZE,
            color="white" if category in ("full", "absent") else "black",
            fontweight="bold" if missing else "normal",
        )
    names = subdomain_names or {}
    ax.set_yticks(
        range(len(rows)), [wrap(f"{code} {names.get(code, '')}".strip(), 44) for code in rows]
    )
    ax.set_xticks(np.arange(width) + 0.5, [str(i + 1) for i in range(width)])
    ax.set_xlim(0, width)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("Indicator number within the sub-domain")
    ax.tick_params(axis="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    domain_of_row = [indicators.loc[indicators["subdomain"] == r, "domain"].iloc[0] for r in rows]
    for i in range(1, len(rows)):
        if domain_of_row[i] != domain_of_row[i - 1]:
            ax.axhline(i - 0.5, color=PALETTE["text"], linewidth=0.8)
    ax.set_title(CAPTIONS["indicator-map"].title)
    handles = [
        Patch(
            facecolor=PALETTE[key],
            edgecolor=PALETTE["muted"],
            hatch=_style.MISSING_HATCH if key == "missing" else None,
            linewidth=0.6,
            label=f"{letter} {label}",
        )
        for key, label, letter in ANSWER_CATEGORIES
    ]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.04 - 0.5 / len(rows)), ncol=2
    )
    return ax


# -- GCM objectives -----------------------------------------------------------------------------


@styled
def objective_coverage(ax: Axes, objectives: pd.DataFrame) -> Axes:
    """Score of the indicators linked to each GCM objective, grouped by IMRF round table.

    Parameters
    ----------
    ax
        A cartesian Axes.
    objectives
        Indexed ``GCM01`` … ``GCM23``; columns ``short_label``, ``round_table`` (1-4),
        ``score`` (0-100, NaN when no indicator is linked) and ``n_indicators``.

    Returns
    -------
    Axes
        ``ax``, one bar per objective with a score; "no indicators" written for the others.
    """
    _require(objectives, ["short_label", "round_table", "score", "n_indicators"], "objectives")
    frame = objectives.assign(_rt=objectives["round_table"].astype(int)).sort_values(
        ["_rt"], kind="stable"
    )
    positions, labels, y = [], [], 0.0
    group_rows: dict[int, tuple[float, float]] = {}
    for rt, group in frame.groupby("_rt", sort=True):
        start = y
        for code in group.index:
            positions.append(y)
            labels.append(wrap(f"{code} {group.at[code, 'short_label']}", 34))
            y += 1
        group_rows[int(rt)] = (start, y - 1)
        y += 0.8
    pos = np.array(positions)
    scores = frame["score"].to_numpy(dtype=float)
    colours = [_style.ROUND_TABLE_COLOURS.get(int(rt), PALETTE["score"]) for rt in frame["_rt"]]
    has = ~np.isnan(scores)
    ax.barh(pos[has], scores[has], height=0.7, color=np.array(colours)[has])
    for yi, score, n in zip(pos, scores, frame["n_indicators"], strict=True):
        if np.isnan(score):
            ax.text(1, yi, "no indicators", va="center", ha="left", style="italic")
        else:
            ax.text(score + 1.2, yi, f"{score:.0f} (n={int(n)})", va="center", ha="left")
    for rt, (start, end) in group_rows.items():
        ax.text(
            117,
            (start + end) / 2,
            f"Round\ntable {rt}",
            va="center",
            ha="center",
            fontweight="bold",
            color=_style.ROUND_TABLE_COLOURS.get(rt, PALETTE["text"]),
        )
        ax.plot([112, 112], [start - 0.35, end + 0.35], color=PALETTE["muted"], linewidth=0.8)
    ax.set_yticks(pos, labels)
    ax.set_ylim(pos.max() + 0.6 if len(pos) else 1, -0.6)
    ax.set_xlim(0, 124)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel("Score of the linked indicators (0-100)")
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.spines["bottom"].set_bounds(0, 100)
    ax.set_title(CAPTIONS["objective-coverage"].title)
    return ax


# -- priorities ---------------------------------------------------------------------------------


@styled
def priority_ranking(ax: Axes, ranking: pd.DataFrame, *, k: int | None = None) -> Axes:
    """Objectives in rank order, with the rank range from the sensitivity analysis.

    Parameters
    ----------
    ax
        A cartesian Axes.
    ranking
        Indexed by objective code; columns ``short_label``, ``rank``, ``rank_min``, ``rank_max``
        (e.g. 5th-95th percentile ranks over the weight samples) and ``p_top_k`` (0-1).
    k
        The k of ``p_top_k``, for the column heading (``ranking.attrs["k"]`` or 10 if None).

    Returns
    -------
    Axes
        ``ax``, one dot and one interval line per objective, rank 1 at the top.
    """
    _require(ranking, ["short_label", "rank", "rank_min", "rank_max", "p_top_k"], "ranking")
    k = int(k if k is not None else ranking.attrs.get("k", 10))
    frame = ranking.sort_values(["rank", "rank_min"], kind="stable")
    y = np.arange(len(frame))
    m = max(len(frame), int(np.nanmax(frame["rank_max"])) if len(frame) else 1)
    ax.hlines(
        y,
        frame["rank_min"],
        frame["rank_max"],
        color=PALETTE["score"],
        linewidth=2.2,
        alpha=0.45,
        label="Rank range (weights, data and method varied)",
    )
    ax.scatter(frame["rank"], y, color=PALETTE["score"], s=22, zorder=3, label="Consensus rank")
    ax.axvline(k + 0.5, color=PALETTE["muted"], linestyle=":", linewidth=0.8)
    ax.text(k + 0.6, -1.0, f"top {k}", color=PALETTE["muted"], va="center", ha="left")
    for yi, p in zip(y, frame["p_top_k"], strict=True):
        ax.text(m + 1.8, yi, "–" if pd.isna(p) else f"{p:.0%}", va="center", ha="right")
    ax.text(m + 1.8, -1.0, f"top {k}\nshare", va="center", ha="right", fontweight="bold")
    ax.set_yticks(
        y,
        [
            wrap(f"{int(r)}. {code} {lab}", 34)
            for code, r, lab in zip(frame.index, frame["rank"], frame["short_label"], strict=True)
        ],
    )
    ax.set_ylim(len(frame) - 0.5, -1.6)
    ax.set_xlim(0.5, m + 2)
    ticks = [1, *range(5, m + 1, 5)]
    ax.set_xticks(ticks)
    ax.spines["bottom"].set_bounds(1, m)
    ax.set_xlabel("Rank (1 = highest priority)")
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(CAPTIONS["priority-ranking"].title)
    _legend_below(ax, ncol=2, borderaxespad=1.5)
    return ax


@styled
def criteria_contributions(
    ax: Axes,
    contributions: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    criteria_labels: Mapping[str, str] | None = None,
) -> Axes:
    """Stacked horizontal bars: each criterion's contribution to each objective's score.

    Parameters
    ----------
    ax
        A cartesian Axes.
    contributions
        Objectives (rows) × criteria (columns): weight × normalised value.
    order
        Objective codes top to bottom (default: by total, largest first).
    labels
        Objective code → short label, for the row labels.
    criteria_labels
        Criterion → readable name, for the legend.

    Returns
    -------
    Axes
        ``ax``, one bar segment per objective and criterion.
    """
    frame = contributions.astype(float)
    if order is None:
        order = list(frame.sum(axis=1).sort_values(ascending=False, kind="stable").index)
    frame = frame.reindex(list(order))
    y = np.arange(len(frame))
    left_pos = np.zeros(len(frame))
    left_neg = np.zeros(len(frame))
    entries = []
    for i, criterion in enumerate(frame.columns):
        values = frame[criterion].fillna(0).to_numpy()
        colour, hatch = _style.category_style(i)
        left = np.where(values >= 0, left_pos, left_neg)
        label = wrap((criteria_labels or {}).get(criterion, str(criterion)), 26)
        bars = ax.barh(
            y,
            values,
            left=left,
            height=0.7,
            color=colour,
            hatch=hatch or None,
            edgecolor="white",
            linewidth=0.4,
            label=label,
        )
        entries.append((bars, label))
        left_pos += np.where(values >= 0, values, 0)
        left_neg += np.where(values < 0, values, 0)
    for yi, total in zip(y, frame.sum(axis=1), strict=True):
        ax.text(left_pos[yi] + 0.005 * max(left_pos.max(), 1e-9), yi, f"{total:.2f}", va="center")
    ax.set_yticks(y, _labels(frame.index, labels))
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlim(min(0.0, left_neg.min() * 1.05), left_pos.max() * 1.12 if len(frame) else 1)
    ax.axvline(0, color=PALETTE["muted"], linewidth=0.6)
    ax.set_xlabel("Weighted-sum priority score (sum of the contributions)")
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(CAPTIONS["criteria-contributions"].title)
    _legend_below(ax, ncol=2, entries=entries, borderaxespad=1.5)
    return ax


@styled
def rank_acceptability(
    ax: Axes,
    acceptability: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
) -> Axes:
    """Heatmap of the rank acceptability shares: objectives (rows) × ranks (columns).

    Parameters
    ----------
    ax
        A cartesian Axes (a colour bar is added beside it).
    acceptability
        Objectives × ranks 1..m, shares 0-1 (each row sums to 1).
    order
        Objective codes top to bottom (default: by expected rank, best first).
    labels
        Objective code → short label.

    Returns
    -------
    Axes
        ``ax`` with one image; shares of 0.1 or more are written in their cell.
    """
    frame = acceptability.astype(float)
    if order is None:
        ranks = np.arange(1, frame.shape[1] + 1)
        expected = pd.Series(frame.to_numpy() @ ranks, index=frame.index)
        order = list(expected.sort_values(kind="stable").index)
    frame = frame.reindex(list(order))
    values = frame.to_numpy()
    image = ax.imshow(
        values, cmap=_style.SEQUENTIAL_CMAP, vmin=0, vmax=1, aspect="auto", interpolation="none"
    )
    small = _style.SMALL_FONT_SIZE - 1.5 if frame.shape[1] > 15 else _style.SMALL_FONT_SIZE
    for (i, j), share in np.ndenumerate(values):
        if share >= 0.1:
            ax.text(
                j,
                i,
                f"{share * 100:.0f}",
                ha="center",
                va="center",
                fontsize=small,
                color="black" if share >= 0.55 else "white",
            )
    ax.set_yticks(range(len(frame)), _labels(frame.index, labels))
    ax.set_xticks(range(frame.shape[1]), [str(c) for c in frame.columns])
    ax.tick_params(axis="x", labelsize=small, length=0)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Rank (1 = highest priority); cell labels: % of samples (10% or more)")
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("Share of samples")
    bar.set_ticks([0, 0.25, 0.5, 0.75, 1.0], labels=["0%", "25%", "50%", "75%", "100%"])
    bar.outline.set_visible(False)
    ax.set_title(CAPTIONS["rank-acceptability"].title)
    return ax


@styled
def method_comparison(
    ax: Axes,
    ranks: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
) -> Axes:
    """Dot plot of each objective's rank under each method (one marker shape per method).

    Parameters
    ----------
    ax
        A cartesian Axes.
    ranks
        Objectives × methods (ranks, 1 = highest priority).
    order
        Objective codes top to bottom (default: by mean rank).
    labels
        Objective code → short label.

    Returns
    -------
    Axes
        ``ax``, one scatter series (legend entry) per method and one range line per objective.
    """
    frame = ranks.astype(float)
    if order is None:
        order = list(frame.mean(axis=1).sort_values(kind="stable").index)
    frame = frame.reindex(list(order))
    y = np.arange(len(frame))
    ax.hlines(y, frame.min(axis=1), frame.max(axis=1), color=PALETTE["grid"], linewidth=2.0)
    n = len(frame.columns)
    offsets = (np.arange(n) - (n - 1) / 2) * (0.5 / max(n, 1))
    entries = []
    for i, method in enumerate(frame.columns):
        colour, _ = _style.category_style(i)
        dots = ax.scatter(
            frame[method],
            y + offsets[i],
            marker=_style.MARKER_CYCLE[i % len(_style.MARKER_CYCLE)],
            s=20,
            color=colour,
            edgecolor="white",
            linewidths=0.3,
            zorder=3,
            label=drawable(method),
        )
        entries.append((dots, drawable(method)))
    m = max(len(frame), int(np.nanmax(frame.to_numpy())) if frame.size else 1)
    ax.set_yticks(y, _labels(frame.index, labels))
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlim(0.5, m + 0.5)
    ax.set_xticks([1, *range(5, m + 1, 5)])
    ax.set_xlabel("Rank (1 = highest priority)")
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(CAPTIONS["method-comparison"].title)
    _legend_below(ax, ncol=min(n, 4), entries=entries, borderaxespad=1.5)
    return ax


# -- change -------------------------------------------------------------------------------------


@styled
def change_since(ax: Axes, change: pd.DataFrame) -> Axes:
    """Dumbbell chart of the change between two rounds, with the change written beside it.

    Parameters
    ----------
    ax
        A cartesian Axes.
    change
        Indexed ``D1`` … (or sub-domain codes); columns ``name``, ``earlier``, ``later``,
        ``change`` (later − earlier, points).

    Returns
    -------
    Axes
        ``ax``, one line and two markers per row.
    """
    _require(change, ["name", "earlier", "later", "change"], "change")
    y = np.arange(len(change))
    colours = [
        PALETTE["decrease"] if c < 0 else PALETTE["increase"] for c in change["change"].fillna(0)
    ]
    ax.hlines(y, change["earlier"], change["later"], color=colours, linewidth=2.0)
    ax.scatter(
        change["earlier"],
        y,
        s=30,
        facecolor="white",
        edgecolor=PALETTE["muted"],
        linewidths=1.2,
        zorder=3,
        label="Earlier round",
    )
    ax.scatter(change["later"], y, s=30, color=PALETTE["later"], zorder=4, label="Later round")
    for yi, delta in zip(y, change["change"], strict=True):
        text = "–" if pd.isna(delta) else f"{delta:+.1f}".replace("-", "\N{MINUS SIGN}")
        ax.text(103, yi, text, va="center", ha="left", color=PALETTE["text"])
    ax.text(103, -0.9, "change", va="center", ha="left", fontweight="bold")
    ax.set_yticks(y, [wrap(f"{c} {n}", 30) for c, n in change["name"].items()])
    ax.set_ylim(len(change) - 0.5, -1.3)
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.spines["bottom"].set_bounds(0, 100)
    ax.set_xlabel("Score (0-100)")
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(CAPTIONS["change-since"].title)
    _legend_below(ax, ncol=2, borderaxespad=1.5)
    return ax


# -- figures ------------------------------------------------------------------------------------


def new_figure(height_cm: float, width_cm: float = WIDTH_CM) -> Figure:
    """A blank A4-width figure with constrained layout (no pyplot, no global state)."""
    with mpl.rc_context(_style.rc()):
        return Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")


#: Font size of the footer line (points at print size; 7 pt is the smallest readable size).
FOOTER_SIZE = 7.0


def _wrap_to_width(text: str, width_pt: float, size: float) -> str:
    """Wrap ``text`` into lines at most ``width_pt`` points wide at ``size`` points.

    Lines break between the `` · ``-separated parts of the text where they can (so a sentence
    is not split), and inside a part only at spaces when the part is wider than a line; a word
    longer than a line keeps a line to itself (it is never cut). The widths are measured with
    the DejaVu Sans glyphs, so the line breaks, and the files, are the same on every machine.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(family=_style.RC["font.sans-serif"], size=size)

    def fits(s: str) -> bool:
        return text_to_path.get_text_width_height_descent(s, font, ismath=False)[0] <= width_pt

    sep = FOOTER_SEPARATOR.strip()
    lines: list[str] = []
    for i, part in enumerate(str(text).split(FOOTER_SEPARATOR)):
        if i and lines:
            candidate = f"{lines[-1]}{FOOTER_SEPARATOR}{part}"
            if fits(candidate):
                lines[-1] = candidate
                continue
            lines[-1] = f"{lines[-1]} {sep}"
        words = part.split()
        lines.append(words[0] if words else "")
        for word in words[1:]:
            if fits(f"{lines[-1]} {word}"):
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
    return "\n".join(lines)


def add_footer(fig: Figure, text: str) -> Text:
    """Write ``text`` as a small, muted footer at the bottom left of ``fig``, wrapped to its width.

    The footer is the figure's ``supxlabel``, so the figure's constrained layout makes room for
    it below everything else (axes, tick labels, legends below the axes) and nothing overlaps.
    Call it on a figure from one of the ``*_figure`` functions before it is saved; calling it
    again replaces the footer.

    Examples
    --------
    >>> fig = new_figure(6.0)
    >>> _ = fig.add_subplot().plot([0, 1])
    >>> add_footer(fig, "Testland 2024 · not a ranking of countries").get_text()
    'Testland 2024 · not a ranking of countries'
    """
    left = 0.01
    width_pt = fig.get_figwidth() * 72 * (1 - 2 * left)
    with mpl.rc_context(_style.rc()):
        return fig.supxlabel(
            _wrap_to_width(drawable(text), width_pt, FOOTER_SIZE),
            x=left,
            ha="left",
            multialignment="left",
            fontsize=FOOTER_SIZE,
            fontweight="normal",
            color=PALETTE["muted"],
            linespacing=1.3,
        )


def _rows_height(n: int, per_row_cm: float, extra_cm: float, minimum: float = 7.0) -> float:
    return max(minimum, extra_cm + per_row_cm * n)


@styled
def domain_profile_figure(domains: pd.DataFrame, earlier: pd.DataFrame | None = None) -> Figure:
    """The radar and the bar chart of the domain scores side by side (A4 width).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"short_name": ["A", "B", "C"], "score": [50.0, 70, 90],
    ...     "target": [100.0] * 3, "band": ["Partially meets"] * 3}, index=["D1", "D2", "D3"])
    >>> len(domain_profile_figure(d).axes)
    2
    """
    fig = new_figure(9.5)
    radar = fig.add_subplot(1, 2, 1, projection="polar")
    bars = fig.add_subplot(1, 2, 2)
    domain_radar(radar, domains, earlier)
    domain_bars(bars, domains, earlier)
    fig.suptitle(CAPTIONS["domain-profile"].title, fontweight="bold", x=0.01, ha="left")
    return fig


@styled
def subdomain_gaps_figure(subdomains: pd.DataFrame) -> Figure:
    """:func:`subdomain_gaps` on an A4-width figure sized to the number of sub-domains."""
    fig = new_figure(_rows_height(len(subdomains), 0.62, 3.5))
    subdomain_gaps(fig.add_subplot(), subdomains)
    return fig


@styled
def indicator_map_figure(
    indicators: pd.DataFrame, subdomain_names: Mapping[str, str] | None = None
) -> Figure:
    """:func:`indicator_map` on an A4-width figure sized to the number of sub-domains."""
    n = indicators["subdomain"].nunique()
    fig = new_figure(_rows_height(n, 0.62, 4.0))
    indicator_map(fig.add_subplot(), indicators, subdomain_names)
    return fig


@styled
def objective_coverage_figure(objectives: pd.DataFrame) -> Figure:
    """:func:`objective_coverage` on an A4-width figure."""
    fig = new_figure(_rows_height(len(objectives), 0.55, 4.0))
    objective_coverage(fig.add_subplot(), objectives)
    return fig


@styled
def priority_ranking_figure(ranking: pd.DataFrame, *, k: int | None = None) -> Figure:
    """:func:`priority_ranking` on an A4-width figure."""
    fig = new_figure(_rows_height(len(ranking), 0.55, 4.5))
    priority_ranking(fig.add_subplot(), ranking, k=k)
    return fig


@styled
def criteria_contributions_figure(
    contributions: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    criteria_labels: Mapping[str, str] | None = None,
) -> Figure:
    """:func:`criteria_contributions` on an A4-width figure."""
    fig = new_figure(_rows_height(len(contributions), 0.55, 5.0))
    criteria_contributions(
        fig.add_subplot(), contributions, order, labels=labels, criteria_labels=criteria_labels
    )
    return fig


@styled
def rank_acceptability_figure(
    acceptability: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """:func:`rank_acceptability` on an A4-width figure."""
    fig = new_figure(_rows_height(len(acceptability), 0.55, 3.5))
    rank_acceptability(fig.add_subplot(), acceptability, order, labels=labels)
    return fig


@styled
def method_comparison_figure(
    ranks: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """:func:`method_comparison` on an A4-width figure."""
    fig = new_figure(_rows_height(len(ranks), 0.55, 4.5))
    method_comparison(fig.add_subplot(), ranks, order, labels=labels)
    return fig


@styled
def change_since_figure(change: pd.DataFrame) -> Figure:
    """:func:`change_since` on an A4-width figure."""
    fig = new_figure(_rows_height(len(change), 0.7, 4.0, minimum=6.0))
    change_since(fig.add_subplot(), change)
    return fig
