"""How wide a text is when set in a font: for fitting the columns of the Word annex's tables.

The widths come from the advance widths of DejaVu Sans (regular and bold), which matplotlib
ships, so they are the same on every machine. DejaVu Sans is wider than Calibri, Carlito,
Arial and Liberation Sans, the fonts Word or LibreOffice set the annex in, so a column made as
wide as a word measured here holds that word in any of them: no word is broken inside a cell.

Examples
--------
>>> text_width("Partially", 9) < text_width("Partially", 9, bold=True)
True
>>> round(text_width("mmmm", 10) / text_width("mm", 10), 6)
2.0
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: Width given to a character the font does not have (in em): a wide letter.
_MISSING_EM = 0.7


@cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Advance width of every character of DejaVu Sans (in em), and the width of a space."""
    import matplotlib
    from fontTools.ttLib import TTFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
    font = TTFont(str(path), lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, widths.get(ord(" "), 0.32)


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points, set at ``size_pt`` points."""
    widths, _ = _advances(bold)
    return sum(widths.get(ord(c), _MISSING_EM) for c in text) * size_pt


def longest_word(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The width of the widest word of ``text`` (words split at spaces), in points."""
    words = str(text).split()
    return max((text_width(w, size_pt, bold=bold) for w in words), default=0.0)
