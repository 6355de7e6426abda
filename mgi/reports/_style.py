"""The one place where the look of mgi's charts is defined: palette, sizes, fonts, wrapping.

The palette is Okabe-Ito (Okabe and Ito, *Color Universal Design*, 2008), which stays
distinguishable for the common forms of colour-vision deficiency. Every colour has a meaning
that is the same in every chart, in the results workbook and in the HTML report; colour is never
the only carrier of meaning (bars carry value labels, missing answers are hatched, methods have
distinct markers).

This module does not import matplotlib, so the workbook and HTML writers can use the palette
without loading it.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

#: The eight Okabe-Ito colours, by name (hex, without transparency).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Light grey for "not applicable" and dark grey for outlines and secondary text.
LIGHT_GREY = "#D9D9D9"
DARK_GREY = "#595959"

#: What each colour means, everywhere mgi draws or formats (hex, ``#RRGGBB``).
PALETTE: dict[str, str] = {
    "score": OKABE_ITO["blue"],
    "target": OKABE_ITO["black"],
    "earlier": OKABE_ITO["orange"],
    "later": OKABE_ITO["blue"],
    "increase": OKABE_ITO["blue"],
    "decrease": OKABE_ITO["vermillion"],
    "full": OKABE_ITO["bluish_green"],
    "partial": OKABE_ITO["yellow"],
    "absent": OKABE_ITO["vermillion"],
    "not_applicable": LIGHT_GREY,
    "missing": "#FFFFFF",
    "text": OKABE_ITO["black"],
    "muted": DARK_GREY,
    "grid": LIGHT_GREY,
}

#: Colours of the four round tables of the International Migration Review Forum 2022.
ROUND_TABLE_COLOURS: dict[int, str] = {
    1: OKABE_ITO["blue"],
    2: OKABE_ITO["orange"],
    3: OKABE_ITO["bluish_green"],
    4: OKABE_ITO["reddish_purple"],
}

#: Colours cycled through for categories without a fixed meaning (criteria, methods).
CATEGORY_CYCLE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["yellow"],
    OKABE_ITO["black"],
)

#: Hatches added to categories beyond the colour cycle (so no two categories look the same).
HATCH_CYCLE: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "oo")

#: Marker shapes for methods and rounds (shape, not only colour, tells them apart).
MARKER_CYCLE: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X", "*")

#: Hatch that marks a missing answer (never colour alone).
MISSING_HATCH = "////"

#: Sequential, colour-blind-safe colour map for shares (rank acceptability).
SEQUENTIAL_CMAP = "cividis"

#: Chart width: the text width of an A4 page with 2 cm margins.
WIDTH_CM = 17.0
CM = 1 / 2.54

#: Font sizes in points at print size (the figure is drawn at its print size).
FONT_SIZE = 8.5
SMALL_FONT_SIZE = 8.0
TITLE_SIZE = 10.0

#: matplotlib settings used while drawing and saving every chart (applied with
#: ``matplotlib.rc_context``; the global settings are never changed). DejaVu Sans ships with
#: matplotlib, so the same chart looks the same, and has the same bytes, on every machine.
RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": FONT_SIZE,
    "axes.titlesize": TITLE_SIZE,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": FONT_SIZE,
    "axes.edgecolor": DARK_GREY,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": SMALL_FONT_SIZE,
    "ytick.labelsize": SMALL_FONT_SIZE,
    "xtick.color": DARK_GREY,
    "ytick.color": DARK_GREY,
    "xtick.labelcolor": OKABE_ITO["black"],
    "ytick.labelcolor": OKABE_ITO["black"],
    "legend.fontsize": SMALL_FONT_SIZE,
    "legend.frameon": False,
    "hatch.linewidth": 0.6,
    "hatch.color": DARK_GREY,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "svg.fonttype": "none",
    "svg.hashsalt": "mgi",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "path.simplify": False,
    # Text from inputs (country, domain and criterion names...) is drawn literally: "$5 to $6"
    # is never read as mathematics, and no TeX is run.
    "text.parse_math": False,
    "text.usetex": False,
    "axes.formatter.use_mathtext": False,
}


def rc() -> dict[str, Any]:
    """The matplotlib settings of :data:`RC`, with the colour cycle built (imports matplotlib)."""
    from cycler import cycler

    return {**RC, "axes.prop_cycle": cycler(color=list(CATEGORY_CYCLE))}


def hex_argb(colour: str) -> str:
    """A ``#RRGGBB`` colour as the ``FFRRGGBB`` string that openpyxl expects.

    Examples
    --------
    >>> hex_argb(PALETTE["score"])
    'FF0072B2'
    """
    return "FF" + colour.lstrip("#").upper()


#: Characters no SVG (XML 1.0) file can hold: C0 controls other than tab, line feed and
#: carriage return, lone surrogates, and the non-characters U+FFFE and U+FFFF.
_NOT_DRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def drawable(text: object) -> str:
    """``text`` as a chart draws it: every character kept, except those no SVG file can hold.

    The charts draw text from inputs (country, domain, sub-domain, objective and criterion
    names) literally: mathtext is off (:data:`RC`), so ``$``, ``\\``, ``_``, ``^`` and braces
    are ordinary characters. The readers already refuse or drop control characters; this is the
    last guard, so that a chart file is always well-formed.

    Examples
    --------
    >>> drawable("Cost $5 to $6\\x07 land")
    'Cost $5 to $6 land'
    """
    return _NOT_DRAWABLE.sub("", str(text))


def wrap(text: str, width: int = 28) -> str:
    """Wrap a label on word boundaries (never cut it) into lines of about ``width`` characters.

    Examples
    --------
    >>> wrap("Access to basic social services and social security", 20)
    'Access to basic\\nsocial services and\\nsocial security'
    """
    lines = textwrap.wrap(
        drawable(text), width=width, break_long_words=False, break_on_hyphens=False
    )
    return "\n".join(lines) if lines else ""


def category_style(i: int) -> tuple[str, str]:
    """Colour and hatch of the ``i``-th category: colours first, then hatched repeats."""
    n = len(CATEGORY_CYCLE)
    return CATEGORY_CYCLE[i % n], HATCH_CYCLE[(i // n) % len(HATCH_CYCLE)]
