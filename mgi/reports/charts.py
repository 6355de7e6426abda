"""Print-quality charts: functions that draw on a matplotlib ``Axes`` and return it.

Every plot function takes an ``ax`` and plain pandas objects, draws, and returns the ``ax``; none
of them shows or saves anything (saving is :func:`mgi.reports.export.save_figure`'s job). The
``*_figure`` functions make a :class:`matplotlib.figure.Figure` of A4 text width (17 cm) with the
chart on it, without pyplot's global state, sized so that no two texts overlap
(:mod:`mgi.reports.layout` checks it); :func:`add_footer` writes the context line (country,
round, instrument) and the disclaimer at the bottom of such a figure.

Every text comes from the catalogues in the language asked for (``lang``: titles, axes, legends,
notes) or from the inputs (names of domains, objectives and criteria, already in that language),
and every number is written as the language writes it (:func:`mgi.i18n.format_value`: a decimal
comma in Albanian). Colours come from :mod:`mgi.reports._style` (Okabe-Ito), and colour never
carries meaning alone: bars have value labels, groups have headers, answers have letters, missing
answers are hatched, criteria have hatches, methods have distinct markers. Text is dark on light
backgrounds and white only on dark ones, always with a contrast of at least 4.5:1.

Examples
--------
>>> import pandas as pd
>>> from matplotlib.figure import Figure
>>> domains = pd.DataFrame(
...     {"short_name": ["Rights", "Government"], "score": [62.5, 40.0],
...      "target": [100.0, 80.0]}, index=["D1", "D2"])
>>> ax = domain_profile(Figure().add_subplot(), domains)
>>> len([p for p in ax.patches if p.get_gid() == "score"])
2
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import matplotlib as mpl
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from mgi.i18n import format_value, text
from mgi.reports import _style
from mgi.reports._style import CM, DEFAULT_FONT, PALETTE, WIDTH_CM, drawable, wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes

P = ParamSpec("P")
R = TypeVar("R")


def _figure_of(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn on (mgi draws no sub-figures)."""
    fig = ax.figure
    if not isinstance(fig, Figure):
        raise TypeError("mgi's charts are drawn on whole figures, not sub-figures")
    return fig


#: Answer categories of the indicator map, in legend order: (key, catalogue key of the legend
#: label, catalogue key of the tile letter).
ANSWER_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("full", "chart.indicator-map.full", "chart.indicator-map.letter_full"),
    ("partial", "chart.indicator-map.partial", "chart.indicator-map.letter_partial"),
    ("absent", "chart.indicator-map.absent", "chart.indicator-map.letter_absent"),
    ("not_applicable", "chart.indicator-map.not_applicable", "chart.indicator-map.letter_na"),
    ("missing", "chart.indicator-map.missing", "chart.indicator-map.letter_missing"),
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

#: Characters per line of the labels of sub-domains and of objectives.
SUBDOMAIN_WRAP = 46
MAP_WRAP = 58
OBJECTIVE_WRAP = 48


def styled(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with mgi's matplotlib settings (``rc_context``; globals untouched), in the
    font of the figure it draws on (or of its ``font`` argument)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        font: Any = kwargs.get("font")
        if font is None and args and hasattr(args[0], "figure"):
            font = getattr(args[0].figure, "mgi_font", None)
        with mpl.rc_context(_style.rc(font or DEFAULT_FONT)):
            return func(*args, **kwargs)

    return wrapper


def _t(key: str, lang: str, **fields: Any) -> str:
    """A catalogue text as a chart draws it."""
    return drawable(text(key, lang, **fields))


def _num(kind: str, value: Any, lang: str) -> str:
    """A number as the language writes it; "–" for a missing one."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    return format_value(kind, value, lang)


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"The {what} table needs the columns {', '.join(columns)}; "
            f"missing: {', '.join(missing)}."
        )


def _labels(index: pd.Index, labels: Mapping[str, str] | None, width: int = 44) -> list[str]:
    """``code label`` for each code, wrapped (the code alone when ``labels`` is None)."""
    if labels is None:
        return [wrap(str(code), width) for code in index]
    return [wrap(f"{code} {labels.get(code, '')}".strip(), width) for code in index]


def _font_families(font: str | None) -> list[str]:
    return list(dict.fromkeys([font or DEFAULT_FONT, DEFAULT_FONT]))


@functools.lru_cache(maxsize=8192)
def text_width(label: str, size: float, font: str | None = None, weight: str = "normal") -> float:
    """Width in points of ``label`` at ``size`` points in the chart font (widest line)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    props = FontProperties(family=_font_families(font), size=size, weight=weight)
    return max(
        (
            text_to_path.get_text_width_height_descent(line, props, ismath=False)[0]
            for line in str(label).split("\n")
        ),
        default=0.0,
    )


def wrap_to_width(
    label: str, width_pt: float, size: float, font: str | None = None, *, bold: bool = False
) -> str:
    """Wrap ``label`` on spaces into lines at most ``width_pt`` points wide (never cut a word;
    explicit line breaks are kept)."""
    out: list[str] = []
    weight = "bold" if bold else "normal"
    for paragraph in drawable(label).split("\n"):
        words = paragraph.split()
        line = words[0] if words else ""
        for word in words[1:]:
            if text_width(f"{line} {word}", size, font, weight) <= width_pt:
                line = f"{line} {word}"
            else:
                out.append(line)
                line = word
        out.append(line)
    return "\n".join(out)


def _heading(ax: Axes, title: str, subtitle: str | None = None) -> None:
    """The chart's title (bold, left-aligned with the plot) and, under it, a short note on how
    to read the chart, wrapped to the width the plot will have."""
    font = getattr(ax.figure, "mgi_font", None)
    title = wrap_to_width(title, _plot_width(ax, right_pt=18), _style.TITLE_SIZE, font, bold=True)
    if not subtitle:
        ax.set_title(title, loc="left", pad=8)
        return
    note = wrap_to_width(subtitle, _plot_width(ax, right_pt=18), _style.SMALL_FONT_SIZE, font)
    lines = note.count("\n") + 1
    above = [
        t.get_text().count("\n") + 1 for t in ax.texts if t.get_verticalalignment() == "bottom"
    ]
    top = 6.0 + (max(above) * _style.SMALL_FONT_SIZE * 1.15 + 2 if above else 0.0)
    ax.annotate(
        note,
        xy=(0, 1),
        xycoords="axes fraction",
        xytext=(0, top),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=_style.SMALL_FONT_SIZE,
        color=PALETTE["text"],
        linespacing=1.2,
        annotation_clip=False,
    )
    ax.set_title(title, loc="left", pad=top + lines * _style.SMALL_FONT_SIZE * 1.2 + 5)


def _xlabel(ax: Axes, label: str) -> None:
    """The x-axis label, wrapped to the width the plot will have."""
    font = getattr(ax.figure, "mgi_font", None)
    ax.set_xlabel(wrap_to_width(label, _plot_width(ax), _style.FONT_SIZE, font))


def _legend_below(
    ax: Axes, entries: Sequence[tuple[Any, str]] | None = None, ncol: int = 3, **kwargs: Any
) -> None:
    """The legend below the chart, under its axis label (never over a label); the figure's
    layout makes room for it above the footer. As many columns as fit the page (at most
    ``ncol``); ``kwargs`` go to ``Axes.legend`` (a ``title``, say).

    ``entries`` are (artist, label) pairs, given explicitly because matplotlib leaves out
    artists whose label starts with "_" when it collects them (input text may start so);
    without them, the artists' own labels are used.
    """
    fig = _figure_of(ax)
    kwargs.pop("borderaxespad", None)  # the offset below is measured, not guessed
    if entries is None:
        entries = list(zip(*ax.get_legend_handles_labels(), strict=True))
    font = getattr(fig, "mgi_font", None)
    labels = [drawable(lab) for _, lab in entries]
    widths = [text_width(lab, _style.SMALL_FONT_SIZE, font) + 40 for lab in labels]
    room = fig.get_figwidth() * 72 * 0.94
    ncol = max(1, min(ncol, len(entries)))
    while ncol > 1:
        rows = [widths[i : i + ncol] for i in range(0, len(widths), ncol)]
        columns = [max(row[c] for row in rows if c < len(row)) for c in range(ncol)]
        if sum(columns) <= room:
            break
        ncol -= 1
    if ncol == 1 and max(widths, default=0) > room:
        labels = [wrap_to_width(lab, room - 40, _style.SMALL_FONT_SIZE, font) for lab in labels]
    below = 6.0
    ticks = [t.get_text() for t in ax.xaxis.get_ticklabels()]
    if ticks and ax.xaxis.get_tick_params().get("labelbottom", True):
        lines = max((t.count("\n") + 1 for t in ticks), default=1)
        below += _style.SMALL_FONT_SIZE * 1.2 * lines + 4
    if ax.get_xlabel():
        below += _style.FONT_SIZE * 1.2 * (ax.get_xlabel().count("\n") + 1) + 4
    offset = mpl.transforms.ScaledTranslation(0, -below / 72, fig.dpi_scale_trans)
    across = mpl.transforms.blended_transform_factory(fig.transFigure, ax.transAxes)
    ax.legend(
        [h for h, _ in entries],
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        bbox_transform=across + offset,
        ncol=ncol,
        handlelength=1.6,
        columnspacing=1.6,
        borderaxespad=0,
        **kwargs,
    )


def _right_column(ax: Axes, offset_pt: float) -> Any:
    """Transform for a column of texts ``offset_pt`` points right of the plot, one per row
    (x: the right edge of the plot plus the offset; y: data). A fixed offset, not a fraction
    of the plot's width, so the layout settles in one pass."""
    fig = _figure_of(ax)
    base = mpl.transforms.blended_transform_factory(ax.transAxes, ax.transData)
    return base + mpl.transforms.ScaledTranslation(offset_pt / 72, 0, fig.dpi_scale_trans)


def _grid_x(ax: Axes) -> None:
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.5)
    ax.set_axisbelow(True)


class NumberFormatter(mpl.ticker.Formatter):
    """Tick labels written as the language writes numbers of a kind (picklable, so a laid-out
    figure can be sent between processes)."""

    def __init__(self, kind: str, lang: str, whole: bool = False) -> None:
        self.kind, self.lang, self.whole = kind, lang, whole

    def __call__(self, x: float, pos: int | None = None) -> str:
        return _num(self.kind, round(x) if self.whole else x, self.lang)


def _integer_axis(axis: Any, lang: str) -> None:
    """Tick labels of whole numbers written as the language writes them."""
    axis.set_major_formatter(NumberFormatter("rank", lang, whole=True))


def _band_code(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(label).strip().lower()).strip("_")


def band_label(label: str, lang: str) -> str:
    """A scheme's band label in ``lang`` (the bands table; a band it does not know as given)."""
    from mgi.i18n import content

    return drawable(content("bands", _band_code(label), "label", lang, default=str(label)))


# -- domains ------------------------------------------------------------------------------------


@styled
def domain_profile(
    ax: Axes,
    domains: pd.DataFrame,
    earlier: pd.DataFrame | None = None,
    *,
    bands: Sequence[tuple[float, str]] = (),
    rounds: tuple[str, str] = ("", ""),
    lang: str = "en",
) -> Axes:
    """The domain scores as bars over the shaded zones of the scheme's bands.

    Parameters
    ----------
    ax
        A cartesian Axes.
    domains
        Indexed ``D1`` … ``D6``; columns ``short_name``, ``score`` (0-100), ``target``.
    earlier
        The earlier round's domains (``score`` column), same index; optional: drawn as an open
        diamond, the marker of the earlier round in every chart.
    bands
        ``(lower threshold, label)`` of each band of the scoring scheme, lowest first; each band
        is a shaded zone named above the chart.
    rounds
        Names (years) of the earlier and the later round, for the legend and the value columns.
    lang
        Language of every text.

    Returns
    -------
    Axes
        ``ax``, with one bar per domain (patches with gid ``score``) and the value of each domain
        (and of the earlier round) written in columns at the right.
    """
    _require(domains, ["short_name", "score", "target"], "domains")
    earlier_name, later_name = rounds
    y = np.arange(len(domains))
    top = 100.0
    for i, (lower, label) in enumerate(bands):
        upper = bands[i + 1][0] if i + 1 < len(bands) else top
        if upper <= lower:
            continue
        ax.axvspan(lower, upper, color=_style.BAND_FILLS[i % len(_style.BAND_FILLS)], zorder=0)
        ax.annotate(
            wrap(band_label(label, lang), 16),
            xy=((lower + upper) / 2, 1),
            xycoords=("data", "axes fraction"),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=_style.SMALL_FONT_SIZE,
            color=PALETTE["text"],
            linespacing=1.1,
        )
    scores = domains["score"].to_numpy(dtype=float)
    later_label = (
        _t("chart.legend.score_round", lang, round=later_name)
        if later_name
        else _t("chart.legend.score", lang)
    )
    bars = ax.barh(y, np.nan_to_num(scores), height=0.56, color=PALETTE["score"], zorder=2)
    for bar in bars:
        bar.set_gid("score")
    entries: list[tuple[Any, str]] = [(bars, later_label)]
    targets = domains["target"].to_numpy(dtype=float)
    if np.any(np.isfinite(targets) & (targets < top)):
        ticks = ax.scatter(
            targets, y, marker="|", s=300, linewidths=2.2, color=PALETTE["target"], zorder=4
        )
        entries.append((ticks, _t("chart.legend.target", lang)))
    columns = [(later_name or _t("chart.legend.score", lang), scores)]
    if earlier is not None:
        prior = earlier["score"].reindex(domains.index).to_numpy(dtype=float)
        style = _style.ROUND_MARKERS["earlier"]
        dots = ax.scatter(
            prior,
            y,
            marker=style["marker"],
            s=34,
            facecolor=style["facecolor"],
            edgecolor=style["edgecolor"],
            linewidths=1.6,
            zorder=5,
        )
        entries.append(
            (
                dots,
                _t("chart.legend.score_round", lang, round=earlier_name)
                if earlier_name
                else _t("chart.legend.earlier_round", lang),
            )
        )
        columns.append((earlier_name or _t("chart.legend.earlier_round", lang), prior))
    font = getattr(ax.figure, "mgi_font", None)
    offset = 6.0
    for head, values in columns:
        head = wrap(drawable(head), 10)
        shown = [
            _t("chart.label.no_score", lang) if np.isnan(v) else _num("score", v, lang)
            for v in values
        ]
        width = max(
            text_width(head, _style.SMALL_FONT_SIZE, font, "bold"),
            *(text_width(v, _style.SMALL_FONT_SIZE, font) for v in shown),
        )
        offset += width + 10
        transform = _right_column(ax, offset)
        ax.annotate(head, xy=(1, 1), xycoords="axes fraction", xytext=(offset, 4),
                    textcoords="offset points", ha="right", va="bottom", fontweight="bold",
                    fontsize=_style.SMALL_FONT_SIZE, linespacing=1.1)  # fmt: skip
        for yi, text_value in zip(y.tolist(), shown, strict=True):
            ax.text(1, yi, text_value, transform=transform, ha="right", va="center",
                    fontsize=_style.SMALL_FONT_SIZE)  # fmt: skip
    names = [wrap(f"{c} {s}", 24) for c, s in domains["short_name"].items()]
    ax.set_yticks(y, names)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(domains) - 0.5, -0.6)
    ax.set_xlim(0, top)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    _integer_axis(ax.xaxis, lang)
    _xlabel(ax, _t("chart.axis.score", lang))
    ax.spines["left"].set_visible(False)
    subtitle = None
    if not np.any(np.isfinite(targets) & (targets < top)):
        subtitle = _t("chart.domain-profile.all_targets", lang, target=_num("rank", top, lang))
    _heading(ax, _t("chart.domain-profile.title", lang), subtitle)
    _legend_below(ax, entries, ncol=3)
    return ax


# -- sub-domains and indicators ----------------------------------------------------------------


#: Extra height of a row (in rows) for each further line of its label.
EXTRA_LINE_ROWS = 0.75


def _row_height(label: str) -> float:
    return 1.0 + EXTRA_LINE_ROWS * str(label).count("\n")


def _grouped_rows(
    groups: Sequence[tuple[Any, Sequence[str]]],
    header_lines: Mapping[Any, int],
    labels: Mapping[str, str],
) -> tuple[dict[str, float], dict[Any, float], float]:
    """Row positions of grouped items, each group under its header (``header_lines`` lines
    high), each row as high as its label: (item → y, header → y of its centre, total rows)."""
    item_y: dict[str, float] = {}
    header_y: dict[Any, float] = {}
    y = -0.5
    for header, items in groups:
        height = 0.3 + 0.75 * header_lines.get(header, 1)
        header_y[header] = y + height / 2
        y += height
        for item in items:
            step = _row_height(labels.get(item, ""))
            item_y[item] = y + step / 2
            y += step
        y += 0.2
    return item_y, header_y, y + 0.3


def grouped_rows_count(groups: Sequence[Sequence[str]], header_lines: int = 1) -> float:
    """Rows (in one-line rows) a grouped chart needs for ``groups`` of wrapped labels."""
    return sum(
        0.3 + 0.75 * header_lines + 0.2 + sum(_row_height(label) for label in labels)
        for labels in groups
    )


def _plot_width(
    ax: Axes | Figure, labels: Sequence[str] | None = None, right_pt: float = 0
) -> float:
    """The width in points the plot will have once laid out: the figure's width less the widest
    y tick label (``labels``, or those of ``ax``), the margins and ``right_pt`` of columns at
    its right."""
    fig = ax if isinstance(ax, Figure) else _figure_of(ax)
    font = getattr(fig, "mgi_font", None)
    if labels is None:
        if isinstance(ax, Figure):
            raise TypeError("the width of a figure's plot needs the labels of its y axis")
        labels = [t.get_text() for t in ax.get_yticklabels()]
    widest = max((text_width(lab, _style.SMALL_FONT_SIZE, font) for lab in labels), default=0)
    return max(fig.get_figwidth() * 72 * 0.97 - widest - 30 - right_pt, 120.0)


def _wrapped_headers(
    fig: Figure, labels: Sequence[str], names: Mapping[Any, str]
) -> dict[Any, str]:
    """Group headers wrapped to the width the plot will have beside ``labels``."""
    width = _plot_width(fig, labels, 12)
    font = getattr(fig, "mgi_font", None)
    return {
        key: wrap_to_width(str(name), width, _style.SMALL_FONT_SIZE, font, bold=True)
        for key, name in names.items()
    }


def _group_headers(ax: Axes, header_y: Mapping[Any, float], headers: Mapping[Any, str]) -> None:
    """Bold group headers at the left of the plot, one per group."""
    for key, y in header_y.items():
        ax.text(
            0,
            y,
            headers[key],
            ha="left",
            va="center",
            fontweight="bold",
            fontsize=_style.SMALL_FONT_SIZE,
            color=PALETTE["text"],
            linespacing=1.15,
        )


@styled
def subdomain_gaps(
    ax: Axes,
    subdomains: pd.DataFrame,
    *,
    domain_names: Mapping[str, str] | None = None,
    lang: str = "en",
) -> Axes:
    """The gap to target of every sub-domain, grouped by domain in the domain's colour, the
    largest gap first within each domain.

    Parameters
    ----------
    ax
        A cartesian Axes.
    subdomains
        Indexed ``D1.1`` …; columns ``name``, ``domain``, ``score``, ``target``, ``gap``.
        Sub-domains without a score (NaN) come last in their domain, labelled "no score".
    domain_names
        Domain code → name, for the group headers (the code alone when missing).
    lang
        Language of every text.

    Returns
    -------
    Axes
        ``ax``, one bar per sub-domain (length = gap in points), labelled with the gap and the
        score.
    """
    _require(subdomains, ["name", "domain", "score", "target", "gap"], "sub-domains")
    domain_order = list(dict.fromkeys(subdomains["domain"]))
    groups = []
    for domain in domain_order:
        part = subdomains[subdomains["domain"] == domain]
        part = part.sort_values("gap", ascending=False, na_position="last", kind="stable")
        groups.append((domain, list(part.index)))
    order = [code for _, items in groups for code in items]
    labels = [wrap(f"{c} {subdomains.at[c, 'name']}", SUBDOMAIN_WRAP) for c in order]
    names = {d: f"{d} {(domain_names or {}).get(d, '')}".strip() for d in domain_order}
    headers = _wrapped_headers(_figure_of(ax), labels, names)
    item_y, header_y, bottom = _grouped_rows(
        groups,
        {k: h.count("\n") + 1 for k, h in headers.items()},
        dict(zip(order, labels, strict=False)),
    )
    colour_of = {
        d: _style.DOMAIN_COLOURS[i % len(_style.DOMAIN_COLOURS)] for i, d in enumerate(domain_order)
    }
    codes = list(item_y)
    pos = np.array([item_y[c] for c in codes])
    gaps = subdomains.loc[codes, "gap"].to_numpy(dtype=float)
    scores = subdomains.loc[codes, "score"].to_numpy(dtype=float)
    colours = [colour_of[d] for d in subdomains.loc[codes, "domain"]]
    ax.barh(pos, np.nan_to_num(gaps), height=0.66, color=colours, zorder=2)
    top = float(np.nanmax(subdomains["target"])) if subdomains["target"].notna().any() else 100.0
    for yi, gap, score in zip(pos, gaps, scores, strict=True):
        if np.isnan(score):
            shown, x = _t("chart.label.no_score", lang), 0.5
        else:
            shown = _t(
                "chart.subdomain-gaps.value",
                lang,
                gap=_num("score", gap, lang),
                score=_num("score", score, lang),
            )
            x = max(gap, 0) + top * 0.01
        ax.text(x, yi, shown, ha="left", va="center", fontsize=_style.SMALL_FONT_SIZE)
    _group_headers(ax, header_y, headers)
    ax.set_yticks(pos, labels)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(bottom, -0.6)
    ax.set_xlim(0, top * 1.36)
    ax.set_xticks([t for t in (0, 20, 40, 60, 80, 100) if t <= top])
    _integer_axis(ax.xaxis, lang)
    ax.spines["bottom"].set_bounds(0, top)
    ax.spines["left"].set_visible(False)
    _xlabel(ax, _t("chart.axis.gap", lang))
    _grid_x(ax)
    _heading(ax, _t("chart.subdomain-gaps.title", lang), _t("chart.subdomain-gaps.subtitle", lang))
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
    ax: Axes,
    indicators: pd.DataFrame,
    subdomain_names: Mapping[str, str] | None = None,
    *,
    lang: str = "en",
) -> Axes:
    """Every indicator's answer as a tile grid: one row per sub-domain, grouped by domain.

    Parameters
    ----------
    ax
        A cartesian Axes.
    indicators
        Indexed by indicator code (``D1.2.3``), in questionnaire order; columns ``domain``,
        ``subdomain``, ``status`` (answered / not_applicable / missing), ``option`` and
        optionally ``value`` (0-1).
    subdomain_names
        Names of the sub-domains for the row labels (the codes alone when None).
    lang
        Language of every text.

    Returns
    -------
    Axes
        ``ax``, with one Rectangle per indicator (gid = its code) carrying the answer's letter in
        black; missing answers are hatched and marked "?". Column n is question n of the
        sub-domain (``D1.2.3`` is column 3 of ``D1.2``).
    """
    _require(indicators, ["domain", "subdomain", "status", "option"], "indicators")
    letters = {key: _t(letter, lang) for key, _, letter in ANSWER_CATEGORIES}
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
            letters[category],
            ha="center",
            va="center",
            fontsize=_style.SMALL_FONT_SIZE,
            color=_style.text_colour_on(PALETTE[category]),
            fontweight="bold",
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "linewidth": 0}
            if missing
            else None,
        )
    names = subdomain_names or {}
    ax.set_yticks(
        range(len(rows)),
        [wrap(f"{code} {names.get(code, '')}".strip(), MAP_WRAP) for code in rows],
    )
    ax.set_xticks(
        np.arange(width) + 0.5,
        [_t("chart.indicator-map.column", lang, number=i + 1) for i in range(width)],
    )
    ax.tick_params(axis="x", labeltop=True, labelbottom=True)
    ax.set_xlim(0, width)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _xlabel(ax, _t("chart.axis.question_number", lang))
    ax.tick_params(axis="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    domain_of_row = [indicators.loc[indicators["subdomain"] == r, "domain"].iloc[0] for r in rows]
    for i in range(1, len(rows)):
        if domain_of_row[i] != domain_of_row[i - 1]:
            ax.axhline(i - 0.5, color=PALETTE["text"], linewidth=0.8)
    _heading(ax, _t("chart.indicator-map.title", lang))
    ax.title.set_y(1.0)
    ax.set_title(ax.get_title(loc="left"), loc="left", pad=22)
    handles = [
        (
            Patch(
                facecolor=PALETTE[key],
                edgecolor=PALETTE["muted"],
                hatch=_style.MISSING_HATCH if key == "missing" else None,
                linewidth=0.6,
            ),
            f"{letters[key]} {_t(name, lang)}",
        )
        for key, name, _ in ANSWER_CATEGORIES
    ]
    _legend_below(ax, handles, ncol=3)
    return ax


# -- GCM objectives -----------------------------------------------------------------------------


@styled
def objective_coverage(
    ax: Axes,
    objectives: pd.DataFrame,
    *,
    blocks: pd.DataFrame | None = None,
    group_names: Mapping[int, str] | None = None,
    lang: str = "en",
) -> Axes:
    """Score of the indicators linked to each GCM objective, grouped by IMRF 2022 round table,
    with the one-step range and the number of links.

    Parameters
    ----------
    ax
        A cartesian Axes.
    objectives
        Indexed ``GCM01`` … ``GCM23``; columns ``short_label``, ``round_table`` (1-4),
        ``score`` (0-100, NaN when no indicator is linked), ``n_indicators`` (or ``links``)
        and, when given, ``target``, ``gap_low`` and ``gap_high`` (the one-step range).
    blocks
        The cross-cutting blocks (index ``WGA``, ``WSA``; ``short_label`` or ``name``, ``score``,
        links and range as above), drawn as a fifth group; optional.
    group_names
        Round table number → name of the group (5: the cross-cutting blocks).
    lang
        Language of every text.

    Returns
    -------
    Axes
        ``ax``, one bar per objective with a score (gid = its code); "no indicators" written for
        the others.
    """
    _require(objectives, ["short_label", "round_table", "score"], "objectives")
    frame = objectives.assign(_group=objectives["round_table"].astype(int))
    if blocks is not None and len(blocks):
        extra = blocks.copy()
        if "short_label" not in extra:
            extra["short_label"] = extra.get("name", pd.Series(extra.index, index=extra.index))
        extra["_group"] = 5
        frame = pd.concat([frame, extra[[c for c in extra.columns if c in {*frame.columns}]]])
    frame = frame.sort_values("_group", kind="stable")
    groups = [(int(g), list(part.index)) for g, part in frame.groupby("_group", sort=True)]
    order = [code for _, items in groups for code in items]
    labels = [wrap(f"{c} {frame.at[c, 'short_label']}", OBJECTIVE_WRAP) for c in order]
    names = {
        g: (group_names or {}).get(g) or _t("chart.label.round_table", lang, number=g)
        for g, _ in groups
    }
    headers = _wrapped_headers(_figure_of(ax), labels, names)
    item_y, header_y, bottom = _grouped_rows(
        groups,
        {k: h.count("\n") + 1 for k, h in headers.items()},
        dict(zip(order, labels, strict=False)),
    )
    codes = list(item_y)
    pos = np.array([item_y[c] for c in codes])
    scores = frame.loc[codes, "score"].to_numpy(dtype=float)
    group = frame.loc[codes, "_group"].to_numpy()
    colours = [_style.ROUND_TABLE_COLOURS.get(int(g), PALETTE["score"]) for g in group]
    has = ~np.isnan(scores)
    bars = ax.barh(pos[has], scores[has], height=0.66, color=np.array(colours)[has], zorder=2)
    for bar, code in zip(bars, np.array(codes)[has], strict=True):
        bar.set_gid(str(code))
    links_col = "links" if "links" in frame else "n_indicators" if "n_indicators" in frame else None
    ranged = {"gap_low", "gap_high"} <= set(frame.columns)
    entries = []
    if ranged:
        target = frame.loc[codes, "target"] if "target" in frame else pd.Series(100.0, index=codes)
        low = (target - frame.loc[codes, "gap_high"]).to_numpy(dtype=float)
        high = (target - frame.loc[codes, "gap_low"]).to_numpy(dtype=float)
        lines = ax.hlines(pos[has], low[has], high[has], color=PALETTE["text"], linewidth=1.1,
                          zorder=3)  # fmt: skip
        ax.scatter(np.r_[low[has], high[has]], np.r_[pos[has], pos[has]], marker="|", s=40,
                   color=PALETTE["text"], linewidths=1.1, zorder=3)  # fmt: skip
        entries.append((lines, _t("chart.objective-coverage.range", lang)))
    else:
        high = scores
    for i, (yi, score) in enumerate(zip(pos, scores, strict=True)):
        code = codes[i]
        if np.isnan(score):
            ax.text(1, yi, _t("chart.label.no_indicators", lang), va="center", ha="left",
                    style="italic", fontsize=_style.SMALL_FONT_SIZE)  # fmt: skip
            continue
        links = int(frame.at[code, links_col]) if links_col else None
        shown = _num("score", score, lang)
        if links is not None:
            shown = _t("chart.objective-coverage.value", lang, score=shown,
                       links=_num("count", links, lang))  # fmt: skip
        x = max(score, high[i] if np.isfinite(high[i]) else score) + 1.5
        ax.text(x, yi, shown, va="center", ha="left", fontsize=_style.SMALL_FONT_SIZE)
    _group_headers(ax, header_y, headers)
    ax.set_yticks(pos, labels)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(bottom, -0.6)
    ax.set_xlim(0, 128)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    _integer_axis(ax.xaxis, lang)
    ax.spines["bottom"].set_bounds(0, 100)
    ax.spines["left"].set_visible(False)
    _xlabel(ax, _t("chart.axis.linked_score", lang))
    _grid_x(ax)
    _heading(
        ax,
        _t("chart.objective-coverage.title", lang),
        _t("chart.objective-coverage.subtitle", lang),
    )
    if entries:
        _legend_below(ax, entries, ncol=1)
    return ax


# -- priorities ---------------------------------------------------------------------------------


def _rank_ticks(ax: Axes, m: int, lang: str) -> None:
    ax.set_xlim(0.4, m + 0.6)
    ax.set_xticks([1, *range(5, m + 1, 5)])
    _integer_axis(ax.xaxis, lang)
    ax.spines["bottom"].set_bounds(1, m)
    _xlabel(ax, _t("chart.axis.rank", lang))
    _grid_x(ax)


def _objective_rows(frame: pd.DataFrame, labels: Mapping[str, str] | None, ranks: Any) -> list[str]:
    names = labels or {}
    return [
        wrap(f"{int(r)}. {code} {names.get(code, '')}".strip(), OBJECTIVE_WRAP)
        if pd.notna(r)
        else wrap(f"{code} {names.get(code, '')}".strip(), OBJECTIVE_WRAP)
        for code, r in zip(frame.index, ranks, strict=True)
    ]


@styled
def priority_ranking(
    ax: Axes,
    ranking: pd.DataFrame,
    *,
    k: int | None = None,
    samples: int | None = None,
    sources: str = "weights",
    lang: str = "en",
) -> Axes:
    """Objectives in the order of their consensus rank, with the range of ranks across methods,
    the range under uncertainty and P(top k).

    Parameters
    ----------
    ax
        A cartesian Axes.
    ranking
        Indexed by objective code; columns ``short_label``, ``consensus`` (the consensus rank
        across methods), ``method_low`` and ``method_high`` (best and worst rank across the
        methods), ``p_top_k`` (0-1) and optionally ``rank_min`` and ``rank_max`` (the range of
        ranks in most samples of the uncertainty analysis).
    k
        The k of ``p_top_k`` (``ranking.attrs["k"]`` or 10 if None).
    samples
        The number of samples behind ``p_top_k``, for the note.
    sources
        What the samples vary: ``weights``, or ``all`` (weights, data and method together).
    lang
        Language of every text.

    Returns
    -------
    Axes
        ``ax``, one consensus marker (gid ``consensus``) and one range line per objective,
        rank 1 at the top, P(top k) in a column at the right.
    """
    _require(ranking, ["short_label", "consensus", "method_low", "method_high", "p_top_k"],
             "ranking")  # fmt: skip
    k = int(k if k is not None else ranking.attrs.get("k", 10))
    frame = ranking.sort_values(["consensus", "method_low"], kind="stable")
    y = np.arange(len(frame))
    highest = frame[["method_high", *[c for c in ("rank_max",) if c in frame]]].to_numpy(float)
    m = max(len(frame), int(np.nanmax(highest)) if len(frame) else 1)
    entries: list[tuple[Any, str]] = []
    if {"rank_min", "rank_max"} <= set(frame.columns):
        sample = ax.hlines(y + 0.22, frame["rank_min"], frame["rank_max"], color=PALETTE["muted"],
                           linewidth=1.0, zorder=2)  # fmt: skip
        key = "chart.legend.sample_range_all" if sources == "all" else "chart.legend.sample_range"
        entries.append((sample, _t(key, lang)))
    spread = ax.hlines(y, frame["method_low"], frame["method_high"], color=PALETTE["score"],
                       linewidth=4.0, alpha=0.45, zorder=2)  # fmt: skip
    entries.insert(0, (spread, _t("chart.legend.method_range", lang)))
    dots = ax.scatter(frame["consensus"], y, color=PALETTE["score"], edgecolor="white",
                      linewidths=0.6, s=30, zorder=4, gid="consensus")  # fmt: skip
    entries.insert(0, (dots, _t("chart.legend.consensus", lang)))
    ax.axvline(k + 0.5, color=PALETTE["muted"], linestyle=":", linewidth=0.9, zorder=1)
    ax.annotate(_t("chart.label.top_k_line", lang, k=k), xy=(k + 0.5, 1),
                xycoords=("data", "axes fraction"), xytext=(3, 2), textcoords="offset points",
                ha="left", va="bottom", fontsize=_style.SMALL_FONT_SIZE,
                color=PALETTE["text"])  # fmt: skip
    transform = _right_column(ax, 48)
    for yi, p in zip(y.tolist(), frame["p_top_k"], strict=True):
        ax.text(1, yi, _num("probability", p, lang), transform=transform, va="center",
                ha="right", fontsize=_style.SMALL_FONT_SIZE)  # fmt: skip
    ax.annotate(_t("chart.label.p_top_k_head", lang, k=k), xy=(1, 1),
                xycoords="axes fraction", xytext=(48, 2), textcoords="offset points",
                ha="right", va="bottom", fontweight="bold",
                fontsize=_style.SMALL_FONT_SIZE)  # fmt: skip
    ax.set_yticks(y, _objective_rows(frame, frame["short_label"].to_dict(), frame["consensus"]))
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(frame) - 0.5, -0.6)
    ax.spines["left"].set_visible(False)
    _rank_ticks(ax, m, lang)
    note = _t(
        "chart.priority-ranking.subtitle_all"
        if sources == "all"
        else "chart.priority-ranking.subtitle",
        lang,
        k=k,
        samples=_num("count", samples, lang) if samples else "",
    )
    _heading(ax, _t("chart.priority-ranking.title", lang), note)
    _legend_below(ax, entries, ncol=3)
    return ax


@styled
def criteria_contributions(
    ax: Axes,
    contributions: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    criteria_labels: Mapping[str, str] | None = None,
    directions: Mapping[str, str] | None = None,
    lang: str = "en",
) -> Axes:
    """Stacked horizontal bars: each criterion's contribution to each objective's score.

    Every criterion has its colour and its own hatch, so the stack reads in greyscale; a cost
    criterion (more is worse) says in its legend entry that less raises the priority.

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
    directions
        Criterion → ``benefit`` or ``cost``.
    lang
        Language of every text.

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
        colour = _style.CATEGORY_CYCLE[i % len(_style.CATEGORY_CYCLE)]
        hatch = _style.CRITERION_HATCHES[i % len(_style.CRITERION_HATCHES)]
        left = np.where(values >= 0, left_pos, left_neg)
        name = (criteria_labels or {}).get(criterion, str(criterion))
        if (directions or {}).get(criterion) == "cost":
            name = _t("chart.criteria-contributions.cost", lang, criterion=name)
        label = wrap(drawable(name), 44)
        bars = ax.barh(
            y,
            values,
            left=left,
            height=0.7,
            color=colour,
            hatch=hatch or None,
            edgecolor="white",
            linewidth=0.4,
        )
        for bar in bars:
            bar._hatch_color = mpl.colors.to_rgba(_style.text_colour_on(colour))
        entries.append((bars, label))
        left_pos += np.where(values >= 0, values, 0)
        left_neg += np.where(values < 0, values, 0)
    scale = max(left_pos.max() if len(frame) else 1.0, 1e-9)
    for yi, total in zip(y.tolist(), frame.sum(axis=1), strict=True):
        ax.text(left_pos[yi] + 0.008 * scale, yi, _num("mcda", total, lang), va="center",
                fontsize=_style.SMALL_FONT_SIZE)  # fmt: skip
    ax.set_yticks(y, _labels(frame.index, labels))
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlim(min(0.0, left_neg.min() * 1.05), scale * 1.14 if len(frame) else 1)
    ax.axvline(0, color=PALETTE["muted"], linewidth=0.6)
    ax.xaxis.set_major_formatter(NumberFormatter("weight", lang))
    _xlabel(ax, _t("chart.axis.wsm_score", lang))
    _grid_x(ax)
    ax.spines["left"].set_visible(False)
    _heading(
        ax,
        _t("chart.criteria-contributions.title", lang),
        _t("chart.criteria-contributions.subtitle", lang),
    )
    _legend_below(ax, entries, ncol=2)
    return ax


def sequential_cmap() -> Any:
    """The white-to-blue colour map of :data:`mgi.reports._style.SEQUENTIAL_COLOURS`."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(_style.SEQUENTIAL_CMAP, _style.SEQUENTIAL_COLOURS)


@styled
def rank_acceptability(
    ax: Axes,
    acceptability: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    sources: str = "weights",
    lang: str = "en",
) -> Axes:
    """Heatmap of the rank acceptability shares: objectives (rows) × ranks (columns), white
    for a rank never taken, dark blue for one always taken.

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
    sources
        What the samples vary: ``weights``, or ``all`` (weights, data and method together).
    lang
        Language of every text.

    Returns
    -------
    Axes
        ``ax`` with one image; shares of 10% or more are written in their cell, in black or
        white, whichever contrasts more with the cell.
    """
    frame = acceptability.astype(float)
    if order is None:
        ranks = np.arange(1, frame.shape[1] + 1)
        expected = pd.Series(frame.to_numpy() @ ranks, index=frame.index)
        order = list(expected.sort_values(kind="stable").index)
    frame = frame.reindex(list(order))
    values = frame.to_numpy()
    cmap = sequential_cmap()
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=1, aspect="auto", interpolation="none")
    for (i, j), share in np.ndenumerate(values):
        if share >= 0.1:
            ax.text(
                j,
                i,
                format_value("count", round(share * 100), lang),
                ha="center",
                va="center",
                fontsize=_style.MIN_FONT_SIZE,
                color=_style.text_colour_on(cmap(share)),
            )
    ax.set_yticks(range(len(frame)), _labels(frame.index, labels))
    ax.set_xticks(range(frame.shape[1]), [_num("rank", c, lang) for c in frame.columns])
    ax.tick_params(axis="x", labelsize=_style.MIN_FONT_SIZE, length=0)
    ax.tick_params(axis="y", length=0)
    _xlabel(ax, _t("chart.axis.rank_acceptability", lang))
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.035, pad=0.02)
    bar.set_label(_t("chart.legend.share_of_samples", lang))
    bar.set_ticks(
        [0, 0.25, 0.5, 0.75, 1.0],
        labels=[_num("probability", v, lang) for v in (0, 0.25, 0.5, 0.75, 1)],
    )
    bar.outline.set_linewidth(0.5)
    _heading(
        ax,
        _t("chart.rank-acceptability.title", lang),
        _t("chart.rank-acceptability.subtitle", lang),
    )
    return ax


@styled
def method_comparison(
    ax: Axes,
    ranks: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    consensus: pd.Series | None = None,
    lang: str = "en",
) -> Axes:
    """Dot plot of each objective's rank under each method (one marker shape per method), with
    the consensus rank and guidance on reading disagreement.

    Parameters
    ----------
    ax
        A cartesian Axes.
    ranks
        Objectives × methods (ranks, 1 = highest priority); the columns are the methods' names
        as the reader should see them.
    order
        Objective codes top to bottom (default: by consensus, else by mean rank).
    labels
        Objective code → short label.
    consensus
        The consensus rank of each objective (drawn as a black bar); optional.
    lang
        Language of every text.

    Returns
    -------
    Axes
        ``ax``, one scatter series (legend entry) per method and one range line per objective.
    """
    frame = ranks.astype(float)
    if order is None:
        key = consensus if consensus is not None else frame.mean(axis=1)
        order = list(key.sort_values(kind="stable").index)
    frame = frame.reindex(list(order))
    y = np.arange(len(frame))
    ax.hlines(y, frame.min(axis=1), frame.max(axis=1), color=PALETTE["grid"], linewidth=2.4)
    n = len(frame.columns)
    offsets = (np.arange(n) - (n - 1) / 2) * (0.5 / max(n, 1))
    entries: list[tuple[Any, str]] = []
    if consensus is not None:
        marks = ax.scatter(consensus.reindex(frame.index), y, marker="|", s=180,
                           linewidths=2.0, color=PALETTE["text"], zorder=2)  # fmt: skip
        entries.append((marks, _t("chart.legend.consensus", lang)))
    for i, method in enumerate(frame.columns):
        colour = _style.CATEGORY_CYCLE[i % len(_style.CATEGORY_CYCLE)]
        dots = ax.scatter(
            frame[method],
            y + offsets[i],
            marker=_style.MARKER_CYCLE[i % len(_style.MARKER_CYCLE)],
            s=24,
            color=colour,
            edgecolor="white",
            linewidths=0.3,
            zorder=3,
        )
        entries.append((dots, drawable(method)))
    m = max(len(frame), int(np.nanmax(frame.to_numpy())) if frame.size else 1)
    ranked = consensus.reindex(frame.index) if consensus is not None else [np.nan] * len(frame)
    ax.set_yticks(y, _objective_rows(frame, labels, ranked))
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.spines["left"].set_visible(False)
    _rank_ticks(ax, m, lang)
    _heading(
        ax, _t("chart.method-comparison.title", lang), _t("chart.method-comparison.subtitle", lang)
    )
    _legend_below(ax, entries, ncol=min(len(entries), 5))
    return ax


# -- change -------------------------------------------------------------------------------------


@styled
def change_since(
    ax: Axes,
    change: pd.DataFrame,
    *,
    rounds: tuple[str, str] = ("", ""),
    lang: str = "en",
) -> Axes:
    """Dumbbell chart of the change between two named rounds: gains in blue, falls in
    vermilion, the change written beside each row.

    Parameters
    ----------
    ax
        A cartesian Axes.
    change
        Indexed ``D1`` … (or sub-domain codes); columns ``name``, ``earlier``, ``later``,
        ``change`` (later − earlier, points).
    rounds
        Names (years) of the earlier and the later round.
    lang
        Language of every text.

    Returns
    -------
    Axes
        ``ax``, one line and two markers per row; the earlier round is an open diamond (as in
        the domain profile), the later a filled circle.
    """
    _require(change, ["name", "earlier", "later", "change"], "change")
    earlier_name, later_name = rounds
    y = np.arange(len(change))
    deltas = change["change"].to_numpy(dtype=float)
    falls = deltas < 0
    entries: list[tuple[Any, str]] = []
    for mask, key, colour in (
        (~falls, "chart.legend.gain", PALETTE["increase"]),
        (falls, "chart.legend.fall", PALETTE["decrease"]),
    ):
        if mask.any():
            lines = ax.hlines(y[mask], change["earlier"][mask], change["later"][mask],
                              color=colour, linewidth=2.6, zorder=2)  # fmt: skip
            entries.append((lines, _t(key, lang)))
    early = _style.ROUND_MARKERS["earlier"]
    late = _style.ROUND_MARKERS["later"]
    a = ax.scatter(change["earlier"], y, marker=early["marker"], s=34,
                   facecolor=early["facecolor"], edgecolor=early["edgecolor"], linewidths=1.6,
                   zorder=4)  # fmt: skip
    b = ax.scatter(change["later"], y, marker=late["marker"], s=36, facecolor=late["facecolor"],
                   edgecolor=late["edgecolor"], zorder=5)  # fmt: skip
    entries[:0] = [
        (a, earlier_name or _t("chart.legend.earlier_round", lang)),
        (b, later_name or _t("chart.legend.later_round", lang)),
    ]
    transform = _right_column(ax, 52)
    for yi, delta in zip(y.tolist(), deltas, strict=True):
        ax.text(1, yi, _num("change", delta, lang), transform=transform, va="center",
                ha="right", fontsize=_style.SMALL_FONT_SIZE,
                fontweight="bold" if delta < 0 else "normal")  # fmt: skip
    ax.annotate(_t("chart.change-since.change_head", lang), xy=(1, 1), xycoords="axes fraction",
                xytext=(52, 2), textcoords="offset points", ha="right", va="bottom",
                fontweight="bold", fontsize=_style.SMALL_FONT_SIZE)  # fmt: skip
    ax.set_yticks(y, [wrap(f"{c} {n}", 30) for c, n in change["name"].items()])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(change) - 0.5, -0.6)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    _integer_axis(ax.xaxis, lang)
    ax.spines["left"].set_visible(False)
    _xlabel(ax, _t("chart.axis.score", lang))
    _grid_x(ax)
    if earlier_name and later_name:
        title = _t("chart.change-since.title_rounds", lang, earlier=earlier_name, later=later_name)
    else:
        title = _t("chart.change-since.title", lang)
    _heading(ax, title)
    _legend_below(ax, entries, ncol=4)
    return ax


# -- figures ------------------------------------------------------------------------------------


def new_figure(height_cm: float, width_cm: float = WIDTH_CM, font: str | None = None) -> Figure:
    """A blank A4-width figure with constrained layout (no pyplot, no global state), drawn in
    ``font`` (remembered as ``fig.mgi_font`` for saving)."""
    with mpl.rc_context(_style.rc(font or DEFAULT_FONT)):
        fig = Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")
    engine = fig.get_layout_engine()
    assert isinstance(engine, ConstrainedLayoutEngine)
    engine.set(h_pad=0.04, w_pad=0.04, hspace=0.02)
    # mgi's own attribute on matplotlib's figure, read back with getattr
    fig.mgi_font = font or DEFAULT_FONT  # type: ignore[attr-defined]
    return fig


#: Font size of the footer line (points at print size; 7.06 pt when printed 16 cm wide).
FOOTER_SIZE = _style.MIN_FONT_SIZE


def add_footer(fig: Figure, *lines: str) -> Text:
    """Write ``lines`` as a small, muted footer at the bottom left of ``fig``, each wrapped to
    the figure's width (a line is never cut and never ends with a separator).

    The footer is the figure's ``supxlabel``, so the figure's constrained layout makes room for
    it below everything else (axes, tick labels, the legend) and nothing overlaps. Call it on a
    figure from one of the ``*_figure`` functions before it is saved; calling it again replaces
    the footer.

    Examples
    --------
    >>> fig = new_figure(6.0)
    >>> _ = fig.add_subplot().plot([0, 1])
    >>> add_footer(fig, "Testland 2024", "Not a ranking of countries.").get_text()
    'Testland 2024\\nNot a ranking of countries.'
    """
    font = getattr(fig, "mgi_font", DEFAULT_FONT)
    left = 0.01
    width_pt = fig.get_figwidth() * 72 * (1 - 2 * left)
    wrapped = "\n".join(
        wrap_to_width(line, width_pt, FOOTER_SIZE, font) for line in lines if str(line).strip()
    )
    with mpl.rc_context(_style.rc(font)):
        return fig.supxlabel(
            wrapped,
            x=left,
            ha="left",
            multialignment="left",
            fontsize=FOOTER_SIZE,
            fontweight="normal",
            color=PALETTE["muted"],
            linespacing=1.3,
        )


#: Height of a row of one-line labels (cm).
ROW_CM = 0.46


def _height(labels: Sequence[str], extra_cm: float, minimum: float = 7.0) -> float:
    """Figure height for one evenly spaced row per label, each as high as the highest label,
    plus ``extra_cm``."""
    tallest = max((_row_height(label) for label in labels), default=1.0)
    return max(minimum, extra_cm + ROW_CM * tallest * len(labels))


@styled
def domain_profile_figure(
    domains: pd.DataFrame,
    earlier: pd.DataFrame | None = None,
    *,
    bands: Sequence[tuple[float, str]] = (),
    rounds: tuple[str, str] = ("", ""),
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`domain_profile` on an A4-width figure.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"short_name": ["A", "B", "C"], "score": [50.0, 70, 90],
    ...     "target": [100.0] * 3}, index=["D1", "D2", "D3"])
    >>> len(domain_profile_figure(d, bands=[(0, "Low"), (40, "Mid")]).axes)
    1
    """
    names = [wrap(f"{c} {s}", 24) for c, s in domains["short_name"].items()]
    fig = new_figure(_height(names, 6.0, 8.0) * 1.15, font=font)
    domain_profile(fig.add_subplot(), domains, earlier, bands=bands, rounds=rounds, lang=lang)
    return fig


@styled
def subdomain_gaps_figure(
    subdomains: pd.DataFrame,
    *,
    domain_names: Mapping[str, str] | None = None,
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`subdomain_gaps` on an A4-width figure sized to the number of sub-domains."""
    groups = [
        [wrap(f"{c} {n}", SUBDOMAIN_WRAP) for c, n in part["name"].items()]
        for _, part in subdomains.groupby("domain", sort=False)
    ]
    fig = new_figure(ROW_CM * grouped_rows_count(groups, 2) + 4.5, font=font)
    subdomain_gaps(fig.add_subplot(), subdomains, domain_names=domain_names, lang=lang)
    return fig


@styled
def indicator_map_figure(
    indicators: pd.DataFrame,
    subdomain_names: Mapping[str, str] | None = None,
    *,
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`indicator_map` on an A4-width figure sized to the number of sub-domains."""
    rows = list(dict.fromkeys(indicators["subdomain"]))
    names = subdomain_names or {}
    labels = [wrap(f"{c} {names.get(c, '')}".strip(), MAP_WRAP) for c in rows]
    fig = new_figure(_height(labels, 6.0), font=font)
    indicator_map(fig.add_subplot(), indicators, subdomain_names, lang=lang)
    return fig


@styled
def objective_coverage_figure(
    objectives: pd.DataFrame,
    *,
    blocks: pd.DataFrame | None = None,
    group_names: Mapping[int, str] | None = None,
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`objective_coverage` on an A4-width figure."""
    groups = [
        [wrap(f"{c} {s}", OBJECTIVE_WRAP) for c, s in part["short_label"].items()]
        for _, part in objectives.groupby("round_table", sort=True)
    ]
    if blocks is not None and len(blocks):
        names = (
            blocks["short_label"] if "short_label" in blocks else blocks.get("name", blocks.index)
        )
        groups.append(
            [wrap(f"{c} {s}", OBJECTIVE_WRAP) for c, s in zip(blocks.index, names, strict=False)]
        )
    fig = new_figure(ROW_CM * grouped_rows_count(groups, 2) + 5.5, font=font)
    objective_coverage(
        fig.add_subplot(), objectives, blocks=blocks, group_names=group_names, lang=lang
    )
    return fig


@styled
def priority_ranking_figure(
    ranking: pd.DataFrame,
    *,
    k: int | None = None,
    samples: int | None = None,
    sources: str = "weights",
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`priority_ranking` on an A4-width figure."""
    labels = [wrap(f"23. {c} {s}", OBJECTIVE_WRAP) for c, s in ranking["short_label"].items()]
    fig = new_figure(_height(labels, 6.5), font=font)
    priority_ranking(fig.add_subplot(), ranking, k=k, samples=samples, sources=sources, lang=lang)
    return fig


@styled
def criteria_contributions_figure(
    contributions: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    criteria_labels: Mapping[str, str] | None = None,
    directions: Mapping[str, str] | None = None,
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`criteria_contributions` on an A4-width figure."""
    legend_rows = (len(contributions.columns) + 1) // 2
    rows = _labels(contributions.index, labels)
    fig = new_figure(_height(rows, 5.5 + 0.75 * legend_rows), font=font)
    criteria_contributions(
        fig.add_subplot(),
        contributions,
        order,
        labels=labels,
        criteria_labels=criteria_labels,
        directions=directions,
        lang=lang,
    )
    return fig


@styled
def rank_acceptability_figure(
    acceptability: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    sources: str = "weights",
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`rank_acceptability` on an A4-width figure."""
    fig = new_figure(_height(_labels(acceptability.index, labels), 5.0), font=font)
    rank_acceptability(
        fig.add_subplot(), acceptability, order, labels=labels, sources=sources, lang=lang
    )
    return fig


@styled
def method_comparison_figure(
    ranks: pd.DataFrame,
    order: Sequence[str] | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    consensus: pd.Series | None = None,
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`method_comparison` on an A4-width figure."""
    names = labels or {}
    rows = [wrap(f"23. {c} {names.get(c, '')}", OBJECTIVE_WRAP) for c in ranks.index]
    fig = new_figure(_height(rows, 6.5), font=font)
    method_comparison(
        fig.add_subplot(), ranks, order, labels=labels, consensus=consensus, lang=lang
    )
    return fig


@styled
def change_since_figure(
    change: pd.DataFrame,
    *,
    rounds: tuple[str, str] = ("", ""),
    lang: str = "en",
    font: str | None = None,
) -> Figure:
    """:func:`change_since` on an A4-width figure."""
    rows = [wrap(f"{c} {n}", 30) for c, n in change["name"].items()]
    fig = new_figure(_height(rows, 4.5, minimum=6.5) * 1.1, font=font)
    change_since(fig.add_subplot(), change, rounds=rounds, lang=lang)
    return fig
