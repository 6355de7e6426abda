"""Tables for the terminal that fit in 100 columns, in any language.

The commands print their results as plain-text tables: headers from the label dictionary
(:func:`mgi.i18n.label`, so ``gap`` reads "Gap to target (points)" or "Hendeku nga synimi
(pikë)"), numbers written as their kind and language want (:func:`mgi.i18n.format_value`), and
long texts (names, reasons) wrapped on word boundaries onto as many lines as they need, never
cut. :func:`table` shares the width among the columns so that no line is longer than
:data:`WIDTH` characters.

Examples
--------
>>> rows = [{"code": "D5", "name": "Mobility dimensions of crises", "score": 43.25, "gap": 56.75}]
>>> print("\\n".join(table(rows, [Col("code"), Col("name", wrap=True), Col("score"), Col("gap")],
...                        "en", width=44)))
Code  Name                 Score    Gap to
                           (0–100)  target
                                    (points)
----  -------------------  -------  --------
D5    Mobility dimensions     43.3      56.8
      of crises
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The widest line a command prints.
WIDTH = 100
#: Spaces between two columns.
GAP = 2
#: The narrowest a wrapped column is made.
MIN_WRAPPED = 12


@dataclass(frozen=True)
class Col:
    """One column of a terminal table.

    Parameters
    ----------
    field
        The key of the value in each row, and the field of the label dictionary that names
        the column (unless ``header`` is given).
    header
        A header already written in the language (instead of the label dictionary's).
    kind
        The kind of value (``score``, ``probability`` …; default: the field's kind in the
        label dictionary, text when unknown).
    wrap
        Long text: the column takes the width left and its text is wrapped.
    """

    field: str
    header: str | None = None
    kind: str | None = None
    wrap: bool = False


def _kind(col: Col) -> str:
    from mgi.i18n import field_kind

    if col.kind is not None:
        return col.kind
    return field_kind(col.field) or "text"


def _cell(value: Any, kind: str, lang: str) -> str:
    from mgi.i18n import format_value

    if value is None:
        return ""
    if kind == "text":
        return " ".join(str(value).split())
    return format_value(kind, value, lang)


def _header(col: Col, lang: str) -> str:
    from mgi.i18n import header

    return col.header if col.header is not None else header(col.field, lang)


def table(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[Col],
    lang: str,
    *,
    width: int = WIDTH,
    indent: int = 0,
) -> list[str]:
    """The lines of a table of ``rows`` with ``columns``, at most ``width`` characters each.

    Numbers are right-aligned, text left-aligned; headers and wrapped cells take as many lines
    as they need.
    """
    kinds = [_kind(c) for c in columns]
    cells = [
        [_cell(row.get(c.field), k, lang) for c, k in zip(columns, kinds, strict=True)]
        for row in rows
    ]
    headers = [_header(c, lang) for c in columns]
    widths = []
    for j, col in enumerate(columns):
        longest_word = max((len(w) for w in headers[j].split()), default=1)
        values = [len(r[j]) for r in cells]
        natural = max([len(headers[j]), *values]) if col.wrap else max([longest_word, *values])
        widths.append(max(natural, 1))
    room = width - indent - GAP * (len(columns) - 1)
    wrapped = [j for j, c in enumerate(columns) if c.wrap]
    fixed = sum(w for j, w in enumerate(widths) if j not in wrapped)
    if wrapped:
        left = max(room - fixed, MIN_WRAPPED * len(wrapped))
        if sum(widths[j] for j in wrapped) > left:
            # each wrapped column gets its minimum, then the rest of the room in proportion
            # to what it would still take
            floor = {j: min(widths[j], MIN_WRAPPED) for j in wrapped}
            need = {j: widths[j] - floor[j] for j in wrapped}
            rest = left - sum(floor.values())
            total = sum(need.values()) or 1
            for j in wrapped:
                widths[j] = floor[j] + rest * need[j] // total
    pad = " " * indent
    numeric = [k != "text" for k in kinds]
    lines = _block(headers, widths, [False] * len(columns), pad)
    lines.append(pad + (" " * GAP).join("-" * w for w in widths))
    for row in cells:
        lines += _block(row, widths, numeric, pad)
    return lines


def _block(
    values: Sequence[str], widths: Sequence[int], right: Sequence[bool], pad: str
) -> list[str]:
    """One row of cells, each wrapped to its width, as lines."""
    parts = [
        textwrap.wrap(v, w, break_on_hyphens=False) or [""]
        for v, w in zip(values, widths, strict=True)
    ]
    height = max(len(p) for p in parts)
    out = []
    for i in range(height):
        pieces = []
        for part, w, r in zip(parts, widths, right, strict=True):
            piece = part[i] if i < len(part) else ""
            pieces.append(piece.rjust(w) if r else piece.ljust(w))
        out.append((pad + (" " * GAP).join(pieces)).rstrip())
    return out


def wrap(text: str, *, width: int = WIDTH, indent: int = 0, hanging: int = 0) -> list[str]:
    """A paragraph wrapped to ``width`` (first line indented by ``indent``, the others by
    ``indent + hanging``)."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hanging),
        break_on_hyphens=False,
    ) or [""]
