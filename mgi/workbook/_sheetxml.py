"""Linear scans of a worksheet's raw XML for what a value reader does not show.

A cell reader (calamine, or openpyxl in read-only mode) gives a formula saved without a value as
an empty cell, an error value such as ``#DIV/0!`` as an empty cell (calamine), and says nothing
of merged ranges. :func:`scan_sheet` finds the three in one pass whose time grows linearly with
the size of the XML whatever it holds: comments and CDATA sections are skipped by searching for
their end once (an unclosed comment ends the scan), and every cell is looked at once, between
its start tag and the next cell's. No regular expression here can backtrack over more than one
tag.

Examples
--------
>>> xml = (b'<sheetData><row r="2"><c r="B2"><f>1+1</f></c><c r="C2" t="e"><v>#N/A</v></c>'
...        b'</row></sheetData><mergeCells><mergeCell ref="A5:A7"/></mergeCells>')
>>> facts = scan_sheet(xml)
>>> facts.formulas, facts.errors, facts.merged
({'B2': '=1+1'}, {'C2': '#N/A'}, ['A5:A7'])
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
#: One start, end or empty tag of the elements that matter (no nesting inside a tag).
_TAG = re.compile(rb"<(/?)" + _PREFIX + rb"(c|f|v|is|mergeCell)(?=[\s/>])([^<>]*)>")
_HAS_FORMULA = re.compile(rb"<" + _PREFIX + rb"f[\s/>]")
_REF = re.compile(rb"\br=\"([A-Z]{1,3}[0-9]{1,7})\"")
_TYPE = re.compile(rb"\bt=\"([a-zA-Z]+)\"")
_MERGE_REF = re.compile(rb"\bref=\"([^\"<>]{1,40})\"")
#: Constructs whose content is not markup, with their end marker.
_OPAQUE = ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>"), (b"<?", b"?>"))


@dataclass
class SheetFacts:
    """What one worksheet's XML holds beyond plain values.

    Attributes
    ----------
    formulas
        Cells holding a formula but no saved value: reference -> ``=formula`` (or
        ``(shared formula)`` when the formula text lives in another cell).
    errors
        Cells holding an error value: reference -> the error text, e.g. ``#DIV/0!``.
    merged
        Merged ranges, e.g. ``A5:A7``.
    """

    formulas: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)


def strip_opaque(xml: bytes) -> bytes:
    """``xml`` without comments, CDATA sections and processing instructions (linear time).

    An unclosed construct removes everything after its start, as a parser would stop there.
    Each marker's next position is searched again only once the scan has passed it, so every
    byte is looked at a bounded number of times however many constructs there are.
    """
    next_at = {start: xml.find(start) for start, _ in _OPAQUE}
    if all(at < 0 for at in next_at.values()):
        return xml
    parts: list[bytes] = []
    pos = 0
    while True:
        found = [(next_at[start], start, end) for start, end in _OPAQUE if next_at[start] >= 0]
        if not found:
            parts.append(xml[pos:])
            break
        at, start, end = min(found)
        parts.append(xml[pos:at])
        close = xml.find(end, at + len(start))
        if close < 0:
            break
        pos = close + len(end)
        for marker, _ in _OPAQUE:
            if 0 <= next_at[marker] < pos:
                next_at[marker] = xml.find(marker, pos)
    return b"".join(parts)


def scan_sheet(xml: bytes) -> SheetFacts:
    """Formulas without a saved value, error cells and merged ranges of a worksheet."""
    facts = SheetFacts()
    if not (_HAS_FORMULA.search(xml) or b't="e"' in xml or b"mergeCell" in xml):
        return facts
    xml = strip_opaque(xml)
    ref: str | None = None
    is_error = False
    formula: bytes | None = None
    value_start = -1
    value: bytes = b""
    formula_start = -1
    for match in _TAG.finditer(xml):
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        empty = attrs.endswith(b"/")
        if name == b"c":
            if closing:
                _finish(facts, ref, is_error, formula, value)
                ref, formula, value = None, None, b""
                continue
            _finish(facts, ref, is_error, formula, value)  # a cell left open by bad XML
            found = _REF.search(attrs)
            ref = found.group(1).decode("ascii") if found else None
            kind = _TYPE.search(attrs)
            is_error = bool(kind and kind.group(1) == b"e")
            formula, value = None, b""
            if empty:
                ref = None
        elif name == b"f":
            if closing:
                if formula_start >= 0:
                    formula = xml[formula_start : match.start()]
                formula_start = -1
            elif empty:
                formula = b""
            else:
                formula, formula_start = b"", match.end()
        elif name in (b"v", b"is"):
            if closing:
                if value_start >= 0:
                    value = xml[value_start : match.start()]
                value_start = -1
            elif not empty:
                value_start = match.end()
        elif name == b"mergeCell" and not closing:
            merged = _MERGE_REF.search(attrs)
            if merged:
                facts.merged.append(merged.group(1).decode("ascii", "replace"))
    _finish(facts, ref, is_error, formula, value)
    return facts


def _finish(
    facts: SheetFacts, ref: str | None, is_error: bool, formula: bytes | None, value: bytes
) -> None:
    """Record the cell just closed if it matters."""
    if ref is None:
        return
    text = value.strip()
    if is_error and text:
        facts.errors[ref] = html.unescape(text.decode("utf-8", "replace"))[:40]
    elif formula is not None and not text:
        body = html.unescape(formula.decode("utf-8", "replace"))
        facts.formulas[ref] = f"={body}" if body else "(shared formula)"
