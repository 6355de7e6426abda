"""Saving charts: the one function that owns file formats, resolution and metadata.

:func:`save_figure` writes a figure as PNG (300 dpi), SVG (text kept as text, so it stays
editable and searchable) and PDF (fonts embedded as TrueType). :func:`charts_pdf` writes all
charts into one multi-page PDF with one renderer, so the fonts are subset and embedded once
for the whole file, not chart by chart. matplotlib's PDF backend (and fontTools' subsetter) is
imported only when a PDF is written.

Every file is written atomically and deterministically: the same figure gives byte-identical
files, because the metadata carries no date (``Date``/``CreationDate`` are removed, the
``Software``/``Creator``/``Producer`` are fixed), SVG element ids come from a fixed salt
(``svg.hashsalt``) and the font is the one the figure was drawn in (DejaVu Sans, bundled with
matplotlib, unless the recipe names another installed font). matplotlib also honours
``SOURCE_DATE_EPOCH``; with the dates removed it is not needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from mgi._io import atomic_write
from mgi.reports import _style

#: The formats :func:`save_figure` can write.
FORMATS = ("png", "svg", "pdf")
#: Resolution of PNG files (dots per inch at print size).
DPI = 300

#: Fixed metadata per format (None removes a key, and with it any date or version).
METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},  # (PNGs are written by _save_png, with no metadata at all)
    "svg": {"Date": None, "Creator": "mgi"},
    "pdf": {"Creator": "mgi", "Producer": None, "CreationDate": None},
}


def save_figure(
    fig: Figure,
    stem: str | Path,
    formats: Sequence[str] = FORMATS,
    dpi: int = DPI,
) -> list[Path]:
    """Save ``fig`` as ``stem.png``, ``stem.svg`` and ``stem.pdf`` (or the given formats).

    Parameters
    ----------
    fig
        The figure to save (e.g. from :func:`mgi.reports.charts.domain_profile_figure`).
    stem
        Path without suffix; each format adds its own.
    formats
        Any of ``"png"``, ``"svg"``, ``"pdf"``.
    dpi
        Resolution of the PNG (the figure is already at print size, 17 cm wide).

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1))
    >>> _ = fig.add_subplot().plot([0, 1])
    >>> paths = save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "line", formats=("svg",))
    >>> [p.name for p in paths]
    ['line.svg']
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"Unknown chart format(s) {', '.join(unknown)}; use {', '.join(FORMATS)}.")
    stem = Path(stem)
    written = []
    with mpl.rc_context(_style.rc(figure_font(fig))):
        freeze_layout(fig)
        for fmt in formats:
            target = stem.with_name(f"{stem.name}.{fmt}")
            with atomic_write(target) as tmp:
                if fmt == "png":
                    _save_png(fig, tmp, dpi)
                else:
                    fig.savefig(tmp, format=fmt, dpi=dpi, metadata=METADATA[fmt], facecolor="white")
            written.append(target)
    return written


#: zlib level of the PNG files: as small as level 6 for charts (flat colours), a third faster.
PNG_COMPRESSION = 3


def _save_png(fig: Figure, target: str | Path, dpi: int) -> None:
    """The figure as an RGB PNG (the page is white: no alpha channel, a tenth smaller) with its
    resolution and no other metadata."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    fig.savefig(buffer, format="raw", dpi=dpi, facecolor="white")
    raw = buffer.getvalue()
    # matplotlib's Agg canvas is int(width in inches x dpi) pixels wide
    width = int(fig.bbox_inches.width * dpi)
    height, rest = divmod(len(raw), 4 * width)
    if rest:  # pragma: no cover - a change in matplotlib's raw format
        raise RuntimeError(f"Unexpected raw image size {len(raw)} for width {width}.")
    image = Image.frombuffer("RGBA", (width, height), raw, "raw", "RGBA", 0, 1).convert("RGB")
    image.save(target, format="png", dpi=(dpi, dpi), compress_level=PNG_COMPRESSION)


def figure_font(fig: Figure) -> str:
    """The font a figure was drawn in (``fig.mgi_font``, set by
    :func:`mgi.reports.charts.new_figure`), else DejaVu Sans."""
    return str(getattr(fig, "mgi_font", _style.DEFAULT_FONT))


def literal_text(fig: Figure) -> Figure:
    """Make every text of ``fig`` plain text: no mathtext, no TeX.

    The charts draw names from inputs (country, domains, criteria...), and ``$5 to $6`` must
    be drawn as written. :data:`mgi.reports._style.RC` already turns mathtext off for text made
    while drawing; this also covers text added to the figure outside mgi's settings.
    """
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_parse_math(False)
        text.set_usetex(False)
    return fig


def freeze_layout(fig: Figure) -> Figure:
    """Run the figure's layout engine once and then fix the layout; all text is drawn
    literally (:func:`literal_text`).

    Constrained layout moves axes a little on every draw until it settles; fixing it after one
    draw makes every later save of the figure (PNG, SVG, PDF, again) lay it out identically.
    """
    literal_text(fig)
    if fig.get_layout_engine() is not None:
        if fig.get_layout_engine().__class__.__name__ != "PlaceHolderLayoutEngine":
            fig.draw_without_rendering()
        # No engine at all (not matplotlib's "none" placeholder, which makes every save lay
        # the figure out again in a draw of its own before it draws it).
        with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
            fig.set_layout_engine(None)
    return fig


def figure_svg(fig: Figure) -> str:
    """The SVG text of ``fig`` (as :func:`save_figure` writes it), for inline use in HTML."""
    from io import StringIO

    buffer = StringIO()
    with mpl.rc_context(_style.rc(figure_font(fig))):
        freeze_layout(fig)
        fig.savefig(buffer, format="svg", metadata=METADATA["svg"], facecolor="white")
    return buffer.getvalue()


def charts_pdf(figures: Iterable[Figure], path: str | Path) -> Path:
    """Write all ``figures`` into one multi-page PDF, one chart per page, atomically.

    Parameters
    ----------
    figures
        The figures, in page order (any iterable: each is drawn as it comes).
    path
        The PDF file to write.

    Returns
    -------
    Path
        ``path``.
    """
    from matplotlib.backends.backend_pdf import PdfPages

    target = Path(path)
    with (
        mpl.rc_context(_style.rc()),  # TrueType embedding is chosen when the file is closed
        atomic_write(target) as tmp,
        PdfPages(tmp, metadata=METADATA["pdf"]) as pdf,
    ):
        for fig in figures:
            with mpl.rc_context(_style.rc(figure_font(fig))):
                freeze_layout(fig)
                pdf.savefig(fig, facecolor="white")
    return target
