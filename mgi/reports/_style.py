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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

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

#: Colours of the four round tables of the International Migration Review Forum 2022 (and of
#: the cross-cutting blocks, group 5, drawn beside the objectives).
ROUND_TABLE_COLOURS: dict[int, str] = {
    1: OKABE_ITO["blue"],
    2: OKABE_ITO["orange"],
    3: OKABE_ITO["bluish_green"],
    4: OKABE_ITO["reddish_purple"],
    5: DARK_GREY,
}

#: Fills of the band zones behind the domain scores, lightest for the lowest band. Light enough
#: that black text on them keeps a contrast well above 4.5:1, and distinct in greyscale.
BAND_FILLS: tuple[str, ...] = ("#F7F7F7", "#E6E6E6", "#D4D4D4", "#C2C2C2")

#: How each round is drawn, in every chart that shows two rounds: the earlier round is an open
#: diamond, the later a filled circle (on bars: the bar itself).
ROUND_MARKERS: dict[str, dict[str, Any]] = {
    "earlier": {"marker": "D", "facecolor": "white", "edgecolor": OKABE_ITO["orange"]},
    "later": {"marker": "o", "facecolor": OKABE_ITO["blue"], "edgecolor": OKABE_ITO["blue"]},
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

#: Colours of the domains (``D1`` … ``D6`` in order), the same in every chart that groups by
#: domain: the first six of the cycle (yellow, seventh, vanishes as a bar on white paper).
DOMAIN_COLOURS: tuple[str, ...] = CATEGORY_CYCLE[:6]

#: Hatches added to categories beyond the colour cycle (so no two categories look the same).
HATCH_CYCLE: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "oo")

#: One hatch per criterion of the contributions chart, so that the stack reads in greyscale.
CRITERION_HATCHES: tuple[str, ...] = ("", "////", "....", "xxxx", "\\\\\\\\", "oo", "++", "--")

#: Marker shapes for methods and rounds (shape, not only colour, tells them apart).
MARKER_CYCLE: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X", "*")

#: Hatch that marks a missing answer (never colour alone).
MISSING_HATCH = "////"

#: Sequential colour map for shares (rank acceptability): from white (never) through the
#: Okabe-Ito blue to a dark blue (always). Lightness falls steadily, so it prints in greyscale
#: and reads the same with every common colour-vision deficiency.
SEQUENTIAL_CMAP = "mgi_white_blue"
SEQUENTIAL_COLOURS: tuple[str, ...] = ("#FFFFFF", "#BFD9EA", "#56A0D3", "#0072B2", "#08306B")

#: Chart width: the text width of an A4 page with 2 cm margins.
WIDTH_CM = 17.0
CM = 1 / 2.54

#: Font sizes in points at print size (the figure is drawn at its print size, 17 cm wide). A
#: chart pasted 16 cm wide shrinks by 16/17, so the smallest text, 7.5 pt, prints at 7.06 pt:
#: nothing is smaller than 7 pt at 16 cm (checked by the tests for every chart).
FONT_SIZE = 8.5
SMALL_FONT_SIZE = 8.0
MIN_FONT_SIZE = 7.5
TITLE_SIZE = 10.0
#: The narrowest width a chart is meant to be printed at, and the smallest size text may have
#: there (points).
PRINT_WIDTH_CM = 16.0
PRINT_MIN_POINTS = 7.0

#: The chart font unless the recipe names another (``settings.font``, ``--font``): DejaVu Sans
#: ships with matplotlib, so it is on every machine mgi runs on, has every letter of Albanian
#: (ë, ç) and gives the same files everywhere.
DEFAULT_FONT = "DejaVu Sans"

#: matplotlib settings used while drawing and saving every chart (applied with
#: ``matplotlib.rc_context``; the global settings are never changed). DejaVu Sans ships with
#: matplotlib, so the same chart looks the same, and has the same bytes, on every machine.
RC: dict[RcKeyType, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [DEFAULT_FONT],
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


def rc(font: str = DEFAULT_FONT) -> dict[RcKeyType, Any]:
    """The matplotlib settings of :data:`RC` with the chart font ``font`` (DejaVu Sans fills in
    any letter the font lacks) and the colour cycle built (imports matplotlib)."""
    from cycler import cycler

    families = list(dict.fromkeys([font, DEFAULT_FONT]))
    return {
        **RC,
        "font.sans-serif": families,
        "axes.prop_cycle": cycler(color=list(CATEGORY_CYCLE)),
    }


def relative_luminance(colour: str | tuple[float, ...]) -> float:
    """The relative luminance (WCAG 2.x) of a ``#RRGGBB`` colour or an RGB(A) tuple of 0-1.

    Examples
    --------
    >>> relative_luminance("#FFFFFF"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    if isinstance(colour, str):
        value = colour.lstrip("#")
        channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    else:
        channels = [float(c) for c in colour[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(one: str | tuple[float, ...], two: str | tuple[float, ...]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; text needs at least 4.5).

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#FFFFFF"), 1)
    21.0
    >>> contrast_ratio(PALETTE["text"], PALETTE["absent"]) >= 4.5
    True
    """
    a, b = sorted((relative_luminance(one), relative_luminance(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_on(background: str | tuple[float, ...]) -> str:
    """Black or white, whichever contrasts more with ``background`` (always at least 4.58:1).

    Examples
    --------
    >>> text_colour_on("#FFFFFF"), text_colour_on("#08306B")
    ('#000000', '#FFFFFF')
    """
    black, white = OKABE_ITO["black"], "#FFFFFF"
    if contrast_ratio(black, background) >= contrast_ratio(white, background):
        return black
    return white


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
