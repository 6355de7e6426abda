"""The chart font: a font installed on this machine that has every letter the report needs.

``mgi report --font NAME`` (and ``settings.font`` in a recipe) names the family the charts are
drawn in. :func:`resolve_font` finds it among the fonts matplotlib sees (the system's fonts and
DejaVu Sans, which ships with matplotlib), case-insensitively, and checks that it has the
letters of the languages mgi writes (ë and ç for Albanian); anything else is a usage error that
lists the installed fonts that would do. The default, DejaVu Sans, is always there, so the same
inputs give the same chart files on every machine.

Examples
--------
>>> resolve_font("dejavu sans")
'DejaVu Sans'
"""

from __future__ import annotations

from functools import cache

from mgi.errors import UsageError
from mgi.reports._style import DEFAULT_FONT

#: Letters every chart font must have: those of Albanian beyond ASCII, and the signs charts use.
REQUIRED_LETTERS = "ëçËÇ–−"


@cache
def _families() -> dict[str, list[str]]:
    """Installed family name (lower case) → the font files of its regular style."""
    from matplotlib import font_manager

    found: dict[str, list[str]] = {}
    for entry in font_manager.fontManager.ttflist:
        if entry.style == "normal" and entry.fname.lower().endswith((".ttf", ".otf")):
            found.setdefault(entry.name.lower(), []).append(entry.fname)
    return found


def _names() -> dict[str, str]:
    from matplotlib import font_manager

    return {e.name.lower(): e.name for e in font_manager.fontManager.ttflist}


@cache
def has_letters(family: str, letters: str = REQUIRED_LETTERS) -> bool:
    """Whether the regular face of an installed family has a glyph for every letter."""
    from matplotlib.ft2font import FT2Font

    files = _families().get(family.lower(), [])
    for file in files:
        charmap = FT2Font(file).get_charmap()
        if all(ord(ch) in charmap for ch in letters):
            return True
    return False


def suitable_fonts(limit: int = 8) -> list[str]:
    """Installed families with every letter of :data:`REQUIRED_LETTERS` (the default first)."""
    names = _names()
    good = [names[f] for f in sorted(_families()) if has_letters(f)]
    good.sort(key=lambda name: (name != DEFAULT_FONT, name))
    return good[:limit]


def resolve_font(name: str | None) -> str:
    """The installed family called ``name`` (any case), checked for the letters charts need.

    Raises
    ------
    UsageError
        No installed font has that name, or it lacks ë, ç or another letter charts need
        (exit code 2); the message names installed fonts that would do.
    """
    if name is None or not str(name).strip():
        return DEFAULT_FONT
    wanted = str(name).strip()
    names = _names()
    family = names.get(wanted.lower())
    if family is None:
        raise UsageError(
            f'--font: no font called "{wanted}" is installed on this machine. Installed fonts '
            f"with every letter of Albanian and English: {', '.join(suitable_fonts())}."
        )
    if not has_letters(family):
        raise UsageError(
            f'--font: the font "{family}" has no glyph for some of the letters '
            f"{' '.join(REQUIRED_LETTERS)}, which the charts need. Use one of: "
            f"{', '.join(suitable_fonts())}."
        )
    return family
