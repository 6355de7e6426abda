"""The one results workbook: ``mgi score -o``, ``mgi compare -o``, ``mgi prioritize -o`` and
``results.xlsx`` of ``mgi report`` are all written here, in one format.

A :class:`ResultsWorkbook` says what the workbook holds — a title, notes, the tables
(:class:`ResultTable`: a DataFrame with its caption, number formats, colour scales and wrapped
columns), the label/value rows of the About sheet (provenance, settings) and optional chart
images — and :func:`write_results_workbook` lays it out:

* *About* first: title and subtitle, notes, the list of sheets with their captions, then the
  label/value rows ("Provenance: how these results were computed");
* one sheet per table: an Excel table with filter buttons (an autofilter when it is empty), a
  frozen header row and first column, number formats by column (the table's own, else the
  defaults of :data:`NUMBER_FORMATS`), colour scales, sensible widths;
* *Charts* with every image, when there are any.

Every cell goes through :func:`~mgi.workbook.style.write_text`: user text is stored as text,
never as a formula (no apostrophe is added). The file is saved atomically with fixed
timestamps, so the same content gives the same bytes.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> frame = pd.DataFrame({"score": [62.5]}, index=pd.Index(["D1"], name="code"))
>>> results = ResultsWorkbook("Test", tables=(ResultTable("Domains", frame),))
>>> write_results_workbook(results, pathlib.Path(tempfile.mkdtemp()) / "r.xlsx").name
'r.xlsx'
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue, issues_frame

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Default number formats by column name (a table's own formats take precedence).
NUMBER_FORMATS = {
    "score": "0.0",
    "earlier_score": "0.0",
    "later_score": "0.0",
    "score_change": "+0.0;-0.0;0.0",
    "target": "0.0",
    "gap": "0.0",
    "value": "0.00",
    "earlier_value": "0.00",
    "later_value": "0.00",
    "value_change": "+0.00;-0.00;0.00",
    "weight": "0.00",
    "effective_weight": "0.00",
    "link_weight": "0.00",
    "indicator_weight": "0.00",
    "points_lost": "0.00",
    "subdomain_share": "0.0",
    "domain_share": "0.0",
    "subdomain_points_lost": "0.00",
    "domain_points_lost": "0.00",
    "objective_points_lost": "0.00",
    "share_answered": "0%",
}
#: Width of a chart image on the Charts sheet, in pixels (about 17 cm at 96 pixels per inch).
IMAGE_WIDTH_PX = 640
_MAX_WIDTH = 60
SHEETS_LABEL = "Sheets"
PROVENANCE_LABEL = "Provenance: how these results were computed"
CHARTS_SHEET = "Charts"
CHARTS_CAPTION = "Every chart of the report as a 300-dpi image."


@dataclass(frozen=True, eq=False)
class ResultTable:
    """One table of a results workbook (one sheet).

    Parameters
    ----------
    name
        The sheet name wanted (made valid and unique when written).
    frame
        The data; with ``index`` the index is written as the first column.
    caption
        One sentence on what the table shows (listed on the About sheet).
    number_formats
        Column -> Excel number format; columns not listed get :data:`NUMBER_FORMATS`.
    color_scales
        Column -> the colour (``#RRGGBB``) of the highest value of a white-to-colour scale.
    wrap
        Columns of long text: wrapped and as wide as allowed.
    index
        Whether the index is written as the first column (named ``code`` if unnamed).
    """

    name: str
    frame: pd.DataFrame
    caption: str = ""
    number_formats: Mapping[str, str] = field(default_factory=dict)
    color_scales: Mapping[str, str] = field(default_factory=dict)
    wrap: tuple[str, ...] = ()
    index: bool = True


@dataclass(frozen=True, eq=False)
class ResultsWorkbook:
    """What a results workbook holds (see the module docstring).

    ``about`` are label/value rows (values may be numbers, text, lists or dictionaries);
    ``images`` are ``(caption, PNG path)`` pairs for the Charts sheet.
    """

    title: str
    tables: tuple[ResultTable, ...] = ()
    subtitle: str = ""
    notes: tuple[str, ...] = ()
    about: tuple[tuple[str, Any], ...] = ()
    images: tuple[tuple[str, Path], ...] = ()


def cell_value(value: Any) -> Any:
    """A pandas/numpy value as a cell holds it: numbers, text, booleans, or ``None`` for
    NaN and missing values; lists as ``a, b``; dictionaries as JSON text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str, sort_keys=False)
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def issues_table(issues: Iterable[Issue], name: str = "Issues") -> ResultTable:
    """The issues as the table of an Issues sheet."""
    frame = issues_frame(issues)[
        ["severity", "rule", "message", "file", "sheet", "cell", "row", "column", "indicator"]
    ]
    return ResultTable(name, frame, wrap=("message",), index=False)


def _put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    from mgi.workbook.style import write_text

    return write_text(ws.cell(row=row, column=column), cell_value(value))


def _headers(frame: pd.DataFrame) -> list[str]:
    """Column headers as text, unique (an Excel table needs distinct names)."""
    seen: dict[str, int] = {}
    headers = []
    for column in frame.columns:
        text = str(column) if str(column) != "index" else "code"
        text = text or "column"
        count = seen.get(text.casefold(), 0)
        seen[text.casefold()] = count + 1
        headers.append(text if count == 0 else f"{text} ({count + 1})")
    return headers


def write_table_sheet(ws: Worksheet, table: ResultTable) -> None:
    """Write one :class:`ResultTable` as an Excel table on ``ws``."""
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableStyleInfo

    from mgi.workbook.scan import column_letter
    from mgi.workbook.style import name_token, setup_print

    frame = table.frame.reset_index() if table.index else table.frame
    headers = _headers(frame)
    for j, header in enumerate(headers, start=1):
        cell = _put(ws, 1, j, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    values = frame.to_numpy(dtype=object)
    for i, row in enumerate(values, start=2):
        for j, value in enumerate(row, start=1):
            _put(ws, i, j, value)
    n_rows = len(frame) + 1
    last = column_letter(max(len(headers), 1))
    for j, header in enumerate(headers, start=1):
        letter = column_letter(j)
        fmt = table.number_formats.get(header) or NUMBER_FORMATS.get(header)
        wrap = header in table.wrap
        if fmt or wrap:
            for (cell,) in ws.iter_rows(min_row=2, max_row=n_rows, min_col=j, max_col=j):
                if fmt:
                    cell.number_format = fmt
                if wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        column = values[:200, j - 1] if len(values) else ()
        lengths = [len(header) + 3, *(len(str(cell_value(v) or "")) for v in column)]
        width = _MAX_WIDTH if wrap else min(max(lengths) + 2, _MAX_WIDTH)
        ws.column_dimensions[letter].width = max(width, 8)
        colour = table.color_scales.get(header)
        if colour and n_rows > 1:
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{n_rows}",
                ColorScaleRule(
                    start_type="min",
                    start_color="FFFFFFFF",
                    end_type="max",
                    end_color="FF" + colour.lstrip("#").upper(),
                ),
            )
    if n_rows > 1 and headers:
        excel_table = ExcelTable(
            displayName=name_token(f"t_{ws.title}"),
            ref=f"A1:{last}{n_rows}",
            tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True),
        )
        ws.add_table(excel_table)
    else:
        ws.auto_filter.ref = f"A1:{last}1"
    ws.freeze_panes = "B2"
    setup_print(ws, header_row=1)


def _about_sheet(ws: Worksheet, results: ResultsWorkbook, sheets: list[tuple[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    from mgi.workbook.style import style_title

    style_title(_put(ws, 1, 1, results.title))
    row = 2
    if results.subtitle:
        _put(ws, row, 1, results.subtitle).font = Font(italic=True)
        row += 1
    row += 1
    for note in results.notes:
        _put(ws, row, 1, note).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(note) / 110))
        row += 1
    row += 1
    _put(ws, row, 1, SHEETS_LABEL).font = Font(bold=True)
    row += 1
    for name, caption in sheets:
        _put(ws, row, 1, name)
        _put(ws, row, 2, caption).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    _put(ws, row, 1, PROVENANCE_LABEL).font = Font(bold=True)
    row += 1
    for key, value in results.about:
        _put(ws, row, 1, key)
        _put(ws, row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 110
    from mgi.workbook.style import setup_print

    setup_print(ws)  # both columns on one page width


def _charts_sheet(ws: Worksheet, images: Sequence[tuple[str, Path]]) -> None:
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font

    from mgi.workbook.style import style_title

    row = 1
    style_title(_put(ws, row, 1, CHARTS_SHEET))
    row += 2
    for caption, png in images:
        _put(ws, row, 1, caption).font = Font(bold=True)
        row += 1
        image = Image(str(png))
        scale = IMAGE_WIDTH_PX / image.width
        image.width, image.height = IMAGE_WIDTH_PX, round(image.height * scale)
        ws.add_image(image, f"A{row}")
        row += math.ceil(image.height / 20) + 2
    ws.column_dimensions["A"].width = 12


def build_workbook(results: ResultsWorkbook) -> Workbook:
    """The results workbook as an unsaved openpyxl workbook."""
    from openpyxl import Workbook

    from mgi.workbook.style import sheet_title

    wb = Workbook()
    about = wb.active
    about.title = "About"
    taken = ["About", CHARTS_SHEET] if results.images else ["About"]
    sheets: list[tuple[str, str]] = []
    for table in results.tables:
        title = sheet_title(table.name, taken)
        taken.append(title)
        sheets.append((title, table.caption))
        write_table_sheet(wb.create_sheet(title), table)
    if results.images:
        sheets.append((CHARTS_SHEET, CHARTS_CAPTION))
        _charts_sheet(wb.create_sheet(CHARTS_SHEET), results.images)
    _about_sheet(about, results, sheets)
    wb.properties.title = results.title
    wb.properties.subject = results.subtitle
    return wb


def write_results_workbook(results: ResultsWorkbook, path: str | Path) -> Path:
    """Write ``results`` to ``path``, atomically and reproducibly (see the module docstring).

    Returns
    -------
    Path
        ``path``.
    """
    from mgi.workbook.style import save_deterministic

    return save_deterministic(build_workbook(results), path)
