"""The neutral content of a report, which every writer (workbook, HTML, Word) renders.

:class:`ReportContent` holds what a report says — title, the boxed note, provenance, and an
ordered list of :class:`Section` objects — in one language, without saying how it looks. A
section holds blocks in reading order: paragraphs (plain strings), :class:`Bullets`,
:class:`Note` (a boxed note), :class:`Formula`, :class:`Table` and :class:`FigureRef`; it may
hold sub-sections (numbered 2.1, 2.2 …) and be an appendix. The writers in
:mod:`mgi.reports.workbook`, :mod:`mgi.reports.html` and :mod:`mgi.reports.docx` take it, so each
can be tested with a small hand-made content, independent of the scoring and prioritisation
objects.

Tables keep the field names of the label dictionary as column names (``p_top10``,
``rank_consensus``); a writer asks :meth:`Table.header` for the readable header and
:meth:`Table.display_frame` for every cell written the way its kind of value and its language
want it (:func:`mgi.i18n.format_value`: score ``57.3``/``57,3``, change ``+2.5``, probability
``98%``), so a table, a chart label and the workbook show the same digits.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"score": [62.46]}, index=pd.Index(["D1"], name="code"))
>>> table = Table("Domains", frame, "Domain scores.")
>>> content = ReportContent("Report", sections=(Section("summary", "Summary", tables=(table,)),))
>>> [t.name for t in content.tables()]
['Domains']
>>> table.display_frame("sq").to_dict("records")
[{'Kodi': 'D1', 'Rezultati (0–100)': '62,5'}]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

#: The outputs a table can appear in.
Output = Literal["xlsx", "html", "docx"]
ALL_OUTPUTS: frozenset[str] = frozenset({"xlsx", "html", "docx"})


@dataclass(frozen=True, eq=False)
class Table:
    """A table of a report.

    Parameters
    ----------
    name
        Short name: the sheet name in the workbook (at most 31 characters) and the caption.
    frame
        The data, with field names of the label dictionary as column names. The index is
        written as the first column (its name is a field name too).
    caption
        One sentence on what the table shows (the workbook's sheet note).
    number_formats
        Column → Excel number format, for the workbook only: the HTML and Word writers write
        every column as its kind of value wants (:meth:`kind`).
    color_scales
        Column → ``"high_good"`` (white to blue) or ``"high_bad"`` (white to orange): columns
        that get a conditional colour scale in the workbook.
    outputs
        Which writers include the table (``xlsx``, ``html``, ``docx``).
    wrap
        Columns of long text (questions, evidence, reasons): wrapped and wider.
    note
        A short note printed under the table in the documents (how to read it, its source).
    kinds
        Column → kind of value where a column is not the dictionary's field of that name.
    headers
        Column → header text where the label dictionary's name is not the right one.
    """

    name: str
    frame: pd.DataFrame
    caption: str = ""
    number_formats: Mapping[str, str] = field(default_factory=dict)
    color_scales: Mapping[str, str] = field(default_factory=dict)
    outputs: frozenset[str] = ALL_OUTPUTS
    wrap: tuple[str, ...] = ()
    note: str = ""
    kinds: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.name) > 31:
            raise ValueError(f"Table name {self.name!r} is longer than 31 characters.")
        object.__setattr__(self, "frame", self.frame.copy())

    def columns(self) -> list[str]:
        """The columns as written: the index first, then the frame's columns."""
        index = [str(n) for n in self.frame.index.names if n is not None]
        return index + [str(c) for c in self.frame.columns]

    def kind(self, column: str) -> str:
        """The kind of value of a column (``score``, ``probability`` …; ``text`` if unknown)."""
        from mgi.i18n import field_kind

        if column in self.kinds:
            return self.kinds[column]
        return field_kind(column) or "text"

    def header(self, column: str, lang: str = "en") -> str:
        """The readable header of a column in a language (the label dictionary's name)."""
        from mgi.i18n import header

        return self.headers.get(column) or header(column, lang)

    def numeric(self, column: str) -> bool:
        """Whether a column holds numbers (right-aligned in the documents)."""
        return self.kind(column) not in ("text", "date")

    def display_frame(self, lang: str = "en") -> pd.DataFrame:
        """The table as text: the index as the first column, readable headers, every value
        written as its kind of value and its language want it (NaN as an empty cell), words
        of a vocabulary (``status``, ``direction``) in the language."""
        frame = self.frame.reset_index() if any(self.frame.index.names) else self.frame
        out = pd.DataFrame(index=range(len(frame)))
        for column in frame.columns:
            name = str(column)
            kind = self.kind(name)
            out[self.header(name, lang)] = [
                cell_text(value, kind, lang, vocabulary=name) for value in frame[column]
            ]
        return out


def cell_text(value: Any, kind: str = "text", lang: str = "en", vocabulary: str = "") -> str:
    """One cell written for a person.

    Numbers follow their kind (:func:`mgi.i18n.format_value`); lists are joined with commas;
    True/False are the language's yes/no; a text of a known vocabulary (``status``:
    ``scored``) is the language's word for it; other text is returned as it is.

    Examples
    --------
    >>> cell_text(-1.6667, "change", "en"), cell_text(0.976, "probability", "sq")
    ('-1.7', '98%')
    >>> cell_text(["D1.1", "D1.2"]), cell_text(float("nan"), "score"), cell_text(True, lang="sq")
    ('D1.1, D1.2', '', 'po')
    """
    from mgi.i18n import format_value, text, value_label

    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return text("value.bool.yes" if value else "value.bool.no", lang)
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(v, kind, lang) for v in value)
    if kind in ("text", "date") or isinstance(value, str):
        if kind == "date":
            return format_value("date", value, lang)
        return value_label(vocabulary, str(value), lang) if vocabulary else str(value)
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return format_value(kind, value, lang)


def format_value(value: Any, number_format: str | None = None) -> str:
    """Text of one cell following an Excel number format's decimals and % (English).

    Kept for callers that hold an Excel format rather than a kind of value; the documents use
    :func:`cell_text`.

    Examples
    --------
    >>> format_value(62.456, "0.0"), format_value(0.25, "0%"), format_value(float("nan"))
    ('62.5', '25%', '')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if number_format:
            percent = number_format.endswith("%")
            decimals = len(number_format.split(".")[1].rstrip("%")) if "." in number_format else 0
            number = float(value) * (100 if percent else 1)
            return f"{number:,.{decimals}f}" + ("%" if percent else "")
        if isinstance(value, float) and not value.is_integer():
            return f"{value:.4g}"
        return str(int(value)) if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class FigureText:
    """What a document says about a chart, in one language (the fields the documents read of
    :class:`mgi.reports.captions.Caption`).

    Parameters
    ----------
    title
        The chart's title: the one-line caption "Figure 3: title".
    text
        One sentence: what the chart shows.
    note
        A short note: how to read it.
    """

    title: str
    text: str = ""
    note: str = ""


@dataclass(frozen=True, eq=False)
class FigureRef:
    """A rendered chart in a report.

    Parameters
    ----------
    stem
        File stem of the chart (``domain-profile``): ``charts/<stem>.png`` etc.
    caption
        What the documents say about it: an object with ``title``, ``text`` and ``note``
        (:class:`FigureText`, :class:`mgi.reports.captions.Caption`).
    svg
        The SVG text, embedded in the HTML report.
    png
        The 300-dpi PNG file, inserted in the workbook and the Word document.
    source
        Where its numbers come from, printed after the note ("Source: …").
    """

    stem: str
    caption: Any
    svg: str = ""
    png: Path | None = None
    source: str = ""

    @property
    def note(self) -> str:
        """The line under the caption: what the chart shows and how to read it."""
        c = self.caption
        return " ".join(p for p in (getattr(c, "text", ""), getattr(c, "note", "")) if p)

    @property
    def alt(self) -> str:
        """The alternative text of the image: its title, what it shows and how to read it."""
        return ". ".join(p.rstrip(".") for p in (self.caption.title, self.note) if p) + "."


@dataclass(frozen=True)
class Bullets:
    """A list of short items, with an optional bold lead-in ("Well-developed areas")."""

    items: tuple[str, ...]
    lead: str = ""


@dataclass(frozen=True)
class Note:
    """A boxed note (the disclaimer, said once near the top)."""

    paragraphs: tuple[str, ...]


#: Sub- and superscripts in a formula: ``w_i``, ``x_[ij]``, ``d^[+]``, ``b^[r]_i``.
_SCRIPT = re.compile(r"([_^])(\[[^\]]*\]|[^\s\[\]()=,;/×·+−\-])")


@dataclass(frozen=True)
class Formula:
    """A formula, set in the body font with true sub- and superscripts (never as code).

    Parameters
    ----------
    expression
        The formula; ``_x`` or ``_[xy]`` is a subscript, ``^x`` or ``^[xy]`` a superscript
        (square brackets, because braces are the catalogues' placeholders).
    where
        What its symbols mean, one sentence.

    Examples
    --------
    >>> Formula("s = 100 × Σ w_i v_i / Σ w_i").parts()[:4]
    [('s = 100 × Σ w', ''), ('i', 'sub'), (' v', ''), ('i', 'sub')]
    """

    expression: str
    where: str = ""

    def parts(self) -> list[tuple[str, str]]:
        """``(text, position)`` runs, position ``""``, ``"sub"`` or ``"sup"``."""
        parts: list[tuple[str, str]] = []
        at = 0
        for match in _SCRIPT.finditer(self.expression):
            if match.start() > at:
                parts.append((self.expression[at : match.start()], ""))
            body = match.group(2).strip("[]")
            parts.append((body, "sub" if match.group(1) == "_" else "sup"))
            at = match.end()
        if at < len(self.expression):
            parts.append((self.expression[at:], ""))
        return parts

    @property
    def plain(self) -> str:
        """The formula as plain text (sub- and superscripts inline)."""
        return "".join(text for text, _ in self.parts())

    def runs(self) -> list[tuple[str, str, bool]]:
        """``(text, position, italic)`` runs: a one-letter variable is set in italics (``w`` of
        ``w_i``, ``v`` of ``v = 1``, ``a`` of ``φ(a)``), a one-letter word of the sentence
        around it is not (``a`` of "is a weight", the Albanian ``e``).

        Examples
        --------
        >>> [r for r in Formula("v is a w_i").runs() if r[2]]
        [('w', '', True), ('i', 'sub', True)]
        """
        parts = self.parts()
        out: list[tuple[str, str, bool]] = []
        for index, (piece, position) in enumerate(parts):
            if position:
                out.append((piece, position, bool(_LETTER.fullmatch(piece))))
                continue
            scripted = index + 1 < len(parts) and parts[index + 1][1] != ""
            at = 0
            for match in _ALONE.finditer(piece):
                before = piece[: match.start()].rstrip()[-1:]
                after = piece[match.end() :].lstrip()[:1]
                last = match.end() == len(piece)
                if (last and scripted) or before in _OPS_BEFORE or after in _OPS_AFTER:
                    if match.start() > at:
                        out.append((piece[at : match.start()], "", False))
                    out.append((match.group(0), "", True))
                    at = match.end()
            if at < len(piece):
                out.append((piece[at:], "", False))
        return out


_LETTER = re.compile(r"[A-Za-z]")
_ALONE = re.compile(r"(?<!\w)[A-Za-z](?!\w)")
_OPS_BEFORE = set("=×/+−*·(")
_OPS_AFTER = set("=×/+−*·)")

#: What a section's body may hold, in reading order (a plain string is a paragraph).
Block = str | Bullets | Note | Formula | Table | FigureRef


@dataclass(frozen=True, eq=False)
class Section:
    """One section of a report: a heading, blocks in reading order and sub-sections.

    ``key`` is a stable identifier (the HTML anchor): ``findings``, ``domains``,
    ``priorities``, ``methodology``, ``provenance`` … ``paragraphs``, ``formulas``, ``figures``
    and ``tables`` are a shorthand for a body in that order (after ``blocks``). An appendix is
    numbered and listed after the body of the report.
    """

    key: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    formulas: tuple[str | Formula, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[FigureRef, ...] = ()
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    appendix: bool = False

    @property
    def body(self) -> tuple[Block, ...]:
        """Every block of the section itself (not its sub-sections), in reading order."""
        formulas = tuple(f if isinstance(f, Formula) else Formula(f) for f in self.formulas)
        return (*self.blocks, *self.paragraphs, *formulas, *self.figures, *self.tables)

    def walk(self) -> Iterator[Section]:
        """This section and its sub-sections, depth first."""
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass(frozen=True, eq=False)
class ReportContent:
    """Everything a report says, in order, in one language, for any writer.

    Parameters
    ----------
    title, subtitle
        Title page.
    notes
        The boxed note near the top: what the scores are and are not (said once), whether the
        texts are unofficial translations, whether the data are illustrative.
    provenance
        How the results were computed: tool version, instrument and scheme versions, input files
        and SHA-256, methods and settings, seed. Nested dictionaries are allowed.
    sections
        The sections, in order; appendices after the body.
    lang
        The language the report is written in (``en``, ``sq``): every writer writes its own
        words (headers, sheet names, labels, numbers) in it.
    """

    title: str
    subtitle: str = ""
    notes: tuple[str, ...] = ()
    provenance: Mapping[str, Any] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()
    lang: str = "en"

    def walk(self) -> Iterator[Section]:
        """Every section and sub-section, in reading order."""
        for section in self.sections:
            yield from section.walk()

    def numbered(self) -> list[tuple[Section, str, int]]:
        """Every section with its number and its level (1 or 2), in reading order: the body
        is numbered 1, 2, 2.1 …; the appendices A, B, B.1 … (sub-sections deeper than one
        level are not numbered).

        Examples
        --------
        >>> content = ReportContent("T", sections=(Section("a", "A", subsections=(
        ...     Section("b", "B"),)), Section("z", "Z", appendix=True)))
        >>> [(s.key, number, level) for s, number, level in content.numbered()]
        [('a', '1', 1), ('b', '1.1', 2), ('z', 'A', 1)]
        """
        out: list[tuple[Section, str, int]] = []
        body = appendix = 0
        for section in self.sections:
            if section.appendix:
                appendix += 1
                number = _letter(appendix)
            else:
                body += 1
                number = str(body)
            out.append((section, number, 1))
            for i, sub in enumerate(section.subsections, start=1):
                out.append((sub, f"{number}.{i}", 2))
        return out

    def tables(self, output: str | None = None) -> Iterator[Table]:
        """Every table in reading order (only those meant for ``output`` if given)."""
        for section in self.walk():
            for block in section.body:
                if isinstance(block, Table) and (output is None or output in block.outputs):
                    yield block

    def figures(self) -> Iterator[FigureRef]:
        """Every figure in reading order."""
        for section in self.walk():
            yield from (b for b in section.body if isinstance(b, FigureRef))

    def section(self, key: str) -> Section:
        """The section (or sub-section) with this key."""
        for section in self.walk():
            if section.key == key:
                return section
        raise KeyError(key)

    def with_section(self, section: Section, *, after: str | None = None) -> ReportContent:
        """A copy with ``section`` inserted after the top-level section ``after`` (before the
        appendices when ``after`` is None or absent): the hook through which other parts of
        mgi add to a report, e.g. the live session's "Agreed priorities and rationale".

        Examples
        --------
        >>> content = ReportContent("T", sections=(Section("a", "A"), Section("z", "Z",
        ...     appendix=True)))
        >>> [s.key for s in content.with_section(Section("new", "New")).sections]
        ['a', 'new', 'z']
        """
        sections = list(self.sections)
        keys = [s.key for s in sections]
        if after in keys:
            at = keys.index(after) + 1
        else:
            at = next((i for i, s in enumerate(sections) if s.appendix), len(sections))
        sections.insert(at, section)
        return _replace(self, sections=tuple(sections))


def _replace(content: ReportContent, **changes: Any) -> ReportContent:
    import dataclasses

    return dataclasses.replace(content, **changes)


def flatten(mapping: Mapping[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """Nested provenance as ``(dotted key, text)`` pairs, in insertion order.

    Examples
    --------
    >>> flatten({"tool": "mgi", "settings": {"seed": 7, "methods": ["wsm", "topsis"]}})
    [('tool', 'mgi'), ('settings.seed', '7'), ('settings.methods', 'wsm, topsis')]
    """
    rows: list[tuple[str, str]] = []
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            if value:
                rows.extend(flatten(value, f"{name}."))
            else:
                rows.append((name, ""))
        elif isinstance(value, list | tuple) and any(isinstance(v, Mapping) for v in value):
            for i, item in enumerate(value, start=1):
                if isinstance(item, Mapping):
                    rows.extend(flatten(item, f"{name}[{i}]."))
                else:
                    rows.append((f"{name}[{i}]", format_value(item)))
        else:
            rows.append((name, format_value(value)))
    return rows


def _letter(n: int) -> str:
    """A, B, … Z, AA, AB … (the number of an appendix)."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
