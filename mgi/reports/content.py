"""The neutral content of a report, which every writer (workbook, HTML, Word) renders.

:class:`ReportContent` holds what a report says — title, notes, provenance, and an ordered list
of :class:`Section` objects with paragraphs, formulas, :class:`Table` objects and
:class:`FigureRef` objects — without saying how it looks. The writers in
:mod:`mgi.reports.workbook`, :mod:`mgi.reports.html` and :mod:`mgi.reports.docx` take it, so each
can be tested with a small hand-made content, independent of the scoring and prioritisation
objects.

Examples
--------
>>> import pandas as pd
>>> table = Table("Domains", pd.DataFrame({"score": [62.5]}, index=["D1"]), "Domain scores.")
>>> content = ReportContent("Report", sections=(Section("summary", "Summary", tables=(table,)),))
>>> [t.name for t in content.tables()]
['Domains']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from mgi.reports.captions import Caption

#: The outputs a table can appear in.
Output = Literal["xlsx", "html", "docx"]
ALL_OUTPUTS: frozenset[str] = frozenset({"xlsx", "html", "docx"})


@dataclass(frozen=True, eq=False)
class Table:
    """A table of a report.

    Parameters
    ----------
    name
        Short name: the sheet name in the workbook (at most 31 characters) and the table heading.
    frame
        The data. The index is written as the first column (its name is the column heading).
    caption
        One sentence on what the table shows.
    number_formats
        Column → Excel number format (``"0.0"``, ``"0%"``); the HTML and Word writers follow
        the number of decimals and the percent sign.
    color_scales
        Column → ``"high_good"`` (white to blue) or ``"high_bad"`` (white to orange): columns
        that get a conditional colour scale in the workbook.
    outputs
        Which writers include the table (``xlsx``, ``html``, ``docx``).
    wrap
        Columns of long text (evidence, reasons): wrapped and wider in the workbook.
    """

    name: str
    frame: pd.DataFrame
    caption: str = ""
    number_formats: Mapping[str, str] = field(default_factory=dict)
    color_scales: Mapping[str, str] = field(default_factory=dict)
    outputs: frozenset[str] = ALL_OUTPUTS
    wrap: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.name) > 31:
            raise ValueError(f"Table name {self.name!r} is longer than 31 characters.")
        object.__setattr__(self, "frame", self.frame.copy())

    def display_frame(self) -> pd.DataFrame:
        """The frame with the index as the first column and values formatted as text for
        HTML and Word (numbers as the number formats say; NaN as an empty cell)."""
        frame = self.frame.reset_index()
        out = pd.DataFrame(index=frame.index)
        for column in frame.columns:
            fmt = self.number_formats.get(str(column))
            out[str(column)] = [format_value(v, fmt) for v in frame[column]]
        return out


def format_value(value: Any, number_format: str | None = None) -> str:
    """Text of one cell for HTML and Word, following an Excel number format's decimals and %.

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


@dataclass(frozen=True, eq=False)
class FigureRef:
    """A rendered chart in a report.

    Parameters
    ----------
    stem
        File stem of the chart (``domain-profile``): ``charts/<stem>.png`` etc.
    caption
        Its :class:`~mgi.reports.captions.Caption`.
    svg
        The SVG text, embedded in the HTML report.
    png
        The 300-dpi PNG file, inserted in the workbook and the Word document.
    """

    stem: str
    caption: Caption
    svg: str = ""
    png: Path | None = None


@dataclass(frozen=True, eq=False)
class Section:
    """One section of a report: heading, paragraphs, formulas, tables and figures, in that order.

    ``key`` is a stable identifier (the HTML anchor): ``summary``, ``domains``, ``priorities``,
    ``sensitivity``, ``methodology``, ``provenance``.
    """

    key: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    formulas: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[FigureRef, ...] = ()


@dataclass(frozen=True, eq=False)
class ReportContent:
    """Everything a report says, in order, for any writer.

    Parameters
    ----------
    title, subtitle
        Title page.
    notes
        Disclaimers and notes shown near the top (e.g. "not a ranking of countries").
    provenance
        How the results were computed: tool version, instrument and scheme versions, input files
        and SHA-256, methods and settings, seed. Nested dictionaries are allowed.
    sections
        The sections, in order.
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

    def tables(self, output: str | None = None) -> Iterator[Table]:
        """Every table in section order (only those meant for ``output`` if given)."""
        for section in self.sections:
            for table in section.tables:
                if output is None or output in table.outputs:
                    yield table

    def figures(self) -> Iterator[FigureRef]:
        """Every figure in section order."""
        for section in self.sections:
            yield from section.figures

    def section(self, key: str) -> Section:
        """The section with this key."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


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
