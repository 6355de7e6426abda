"""What a reader of a chart would notice: text over text, text off the page, text too small or
too faint to read.

The checks measure a figure as it is drawn (the rendered bounding box of every visible text: tick
labels, annotations, legend entries, titles, the footer) and return one line per problem, so that
the tests can assert that every chart mgi draws has none, in every language and with long labels:

* :func:`text_collisions` — two texts whose boxes overlap, or a text inside a legend it is not
  part of;
* :func:`text_outside` — a text that runs past the edge of the figure;
* :func:`small_text` — a text smaller than 7 pt when the chart is printed 16 cm wide;
* :func:`low_contrast` — a text whose contrast with what is drawn behind it (measured on the
  rendered picture) is below 4.5:1 (WCAG AA).

:func:`check_figure` runs them all. Nothing here changes the figure except that it is drawn.

Examples
--------
>>> from mgi.reports.charts import new_figure
>>> fig = new_figure(5.0)
>>> ax = fig.add_subplot()
>>> _ = ax.text(0.5, 0.5, "one"), ax.text(0.5, 0.5, "two")
>>> [p.split(":")[0] for p in text_collisions(fig)]
['overlap']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeGuard

import numpy as np

from mgi.reports import _style

if TYPE_CHECKING:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.legend import Legend
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

#: Overlap below this many pixels (at the figure's 100 dpi) is the anti-aliasing of two
#: neighbours, not a collision.
TOLERANCE_PX = 0.5


def _draw(fig: Figure, *, pixels: bool = False) -> None:
    """Lay the figure out and place every text (``pixels``: also paint the picture)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    if pixels:
        fig.canvas.draw()
    else:
        fig.draw_without_rendering()


def _canvas(fig: Figure | SubFigure | None) -> FigureCanvasAgg:
    """The Agg canvas :func:`_draw` put under a figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = None if fig is None else fig.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        raise TypeError("the figure was not drawn with mgi.reports.layout._draw")
    return canvas


def visible_texts(fig: Figure) -> Iterator[Text]:
    """Every text a reader sees on the drawn figure: the figure's own texts (title, footer),
    and per axes its titles, axis labels, the tick labels actually drawn, annotations and
    legend entries. Empty and hidden texts are left out."""

    def shown(text: Text | None) -> TypeGuard[Text]:
        return text is not None and text.get_visible() and bool(text.get_text().strip())

    candidates: list[Text | None] = [*fig.texts]
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        candidates.append(getattr(fig, name, None))
    candidates += [lg_text for lg in fig.legends for lg_text in (*lg.get_texts(), lg.get_title())]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for name in ("title", "_left_title", "_right_title"):
            candidates.append(getattr(ax, name, None))
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.get_visible():
                continue
            candidates.append(axis.label)
            # matplotlib's private Axis._update_ticks gives the ticks actually drawn, labels
            # set (no public call does); its type stubs leave private members out
            for tick in axis._update_ticks():  # type: ignore[union-attr]
                candidates.append(tick.label1)
                candidates.append(tick.label2)
        candidates += list(ax.texts)
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            candidates += [*legend.get_texts(), legend.get_title()]
    seen: set[int] = set()
    for text in candidates:
        if shown(text) and id(text) not in seen:
            seen.add(id(text))
            yield text


def _extent(text: Text) -> Bbox:
    renderer = _canvas(text.figure).get_renderer()
    return text.get_window_extent(renderer)


def _name(text: Text) -> str:
    return repr(" ".join(text.get_text().split())[:40])


def _overlap(a: Bbox, b: Bbox) -> bool:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width > TOLERANCE_PX and height > TOLERANCE_PX


def _in_legend(text: Text, legend: Legend) -> bool:
    return any(text is t for t in (*legend.get_texts(), legend.get_title()))


def text_collisions(fig: Figure) -> list[str]:
    """Pairs of visible texts whose rendered boxes overlap, and texts drawn inside a legend
    they do not belong to."""
    from matplotlib.legend import Legend

    _draw(fig)
    texts = list(visible_texts(fig))
    boxes = [_extent(t) for t in texts]
    problems = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if _overlap(boxes[i], boxes[j]):
                problems.append(f"overlap: {_name(texts[i])} and {_name(texts[j])}")
    legends = [lg for lg in fig.findobj(Legend) if lg.get_visible()]
    renderer = _canvas(fig).get_renderer()
    for legend in legends:
        frame = legend.get_window_extent(renderer)
        for text, box in zip(texts, boxes, strict=True):
            if not _in_legend(text, legend) and _overlap(frame, box):
                problems.append(f"overlap: legend and {_name(text)}")
    return problems


def text_outside(fig: Figure, *, drawn: bool = False) -> list[str]:
    """Visible texts that run past the edge of the figure (``drawn``: the figure was just
    drawn, do not draw it again)."""
    if not drawn:
        _draw(fig)
    page = fig.bbox
    problems = []
    for text in visible_texts(fig):
        box = _extent(text)
        if (
            box.x0 < page.x0 - TOLERANCE_PX
            or box.y0 < page.y0 - TOLERANCE_PX
            or box.x1 > page.x1 + TOLERANCE_PX
            or box.y1 > page.y1 + TOLERANCE_PX
        ):
            problems.append(f"outside: {_name(text)}")
    return problems


def printed_size(points: float, fig: Figure, width_cm: float = _style.PRINT_WIDTH_CM) -> float:
    """The size in points of text of ``points`` when ``fig`` is printed ``width_cm`` wide."""
    return points * width_cm / (fig.get_figwidth() * 2.54)


def small_text(
    fig: Figure,
    width_cm: float = _style.PRINT_WIDTH_CM,
    minimum: float = _style.PRINT_MIN_POINTS,
) -> list[str]:
    """Visible texts smaller than ``minimum`` points when the chart is printed ``width_cm``
    wide."""
    return [
        f"small: {_name(t)} {printed_size(float(t.get_fontsize()), fig, width_cm):.2f} pt"
        for t in visible_texts(fig)
        if printed_size(float(t.get_fontsize()), fig, width_cm) < minimum - 1e-9
    ]


def low_contrast(fig: Figure, minimum: float = 4.5, *, drawn: bool = False) -> list[str]:
    """Visible texts whose colour contrasts less than ``minimum`` with what lies behind them.

    The background is measured, not assumed: the figure is drawn once without its texts, and
    the background of a text is the most common colour inside its box (a tile, a bar, a band
    zone, a heatmap cell or the white page).
    """
    from matplotlib.colors import to_rgb

    if not drawn:
        _draw(fig)
    texts = list(visible_texts(fig))
    boxes = [_extent(t) for t in texts]
    for text in texts:
        text.set_visible(False)
    try:
        _draw(fig, pixels=True)
        picture = np.asarray(_canvas(fig).buffer_rgba())[..., :3].astype(np.int64)
    finally:
        for text in texts:
            text.set_visible(True)
    height, width = picture.shape[:2]
    problems = []
    for text, box in zip(texts, boxes, strict=True):
        x0, x1 = max(int(box.x0), 0), min(int(np.ceil(box.x1)), width)
        y0, y1 = max(int(height - box.y1), 0), min(int(np.ceil(height - box.y0)), height)
        if x1 <= x0 or y1 <= y0:
            continue
        patch = picture[y0:y1, x0:x1].reshape(-1, 3)
        packed = (patch[:, 0] << 16) | (patch[:, 1] << 8) | patch[:, 2]
        values, counts = np.unique(packed, return_counts=True)
        common = int(values[np.argmax(counts)])
        background = ((common >> 16) / 255, ((common >> 8) & 255) / 255, (common & 255) / 255)
        ratio = _style.contrast_ratio(to_rgb(text.get_color()), background)
        if ratio < minimum:
            problems.append(f"contrast: {_name(text)} {ratio:.2f}:1")
    return problems


def check_figure(fig: Figure, *, contrast: bool = True) -> list[str]:
    """Every problem :func:`text_collisions`, :func:`text_outside`, :func:`small_text` and
    (unless ``contrast`` is False) :func:`low_contrast` find in ``fig`` (empty when a reader
    can read everything)."""
    found = [*text_collisions(fig), *text_outside(fig, drawn=True), *small_text(fig)]
    return found + (low_contrast(fig, drawn=True) if contrast else [])
