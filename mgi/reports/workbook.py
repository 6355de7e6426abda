"""The results workbook (``results.xlsx``): one sheet per table, formatted for analysts.

Sheets: *About* (title, notes, the list of sheets and the provenance: tool version, instrument
and scheme versions, input files and SHA-256, methods and settings, seed), then one sheet per
table of the :class:`~mgi.reports.content.ReportContent` (Domains, Sub-domains, Indicators, GCM
coverage, Priorities, Sensitivity, Weights, Issues …), then *Charts* with every chart as a PNG
image. Each table sheet is an Excel table with filter buttons, a frozen header row and code
column, number formats, and colour scales on score and gap columns.

User text (evidence, comments, names) is always stored as text, never as a formula, even when it
starts with ``=``, ``+``, ``-`` or ``@`` (:func:`mgi.workbook._style.write_text`). Files are
byte-identical for the same content (fixed document dates and zip entry dates).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from mgi.reports._style import PALETTE, hex_argb
from mgi.reports.content import ReportContent, Table, flatten
from mgi.workbook._style import (
    name_token,
    save_deterministic,
    setup_print,
    sheet_title,
    style_title,
    write_text,
)

#: Colour-scale ends: white to blue where high is good, white to orange where high is bad.
COLOR_SCALE_ENDS: dict[str, str] = {
    "high_good": PALETTE["score"],
    "high_bad": PALETTE["earlier"],
}
#: Width of a chart image on the Charts sheet, in pixels (about 17 cm at 96 pixels per inch).
IMAGE_WIDTH_PX = 640
_MAX_WIDTH = 60


def cell_value(value: Any) -> Any:
    """A pandas/numpy value as something openpyxl writes: numbers, text, or None for NaN."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} = {v}" for k, v in value.items())
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def _put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    return write_text(ws.cell(row=row, column=column), cell_value(value))


def write_table_sheet(ws: Worksheet, table: Table) -> None:
    """Write one :class:`~mgi.reports.content.Table` as an Excel table on ``ws``."""
    frame = table.frame.reset_index()
    headers = [str(c) if str(c) != "index" else "code" for c in frame.columns]
    for j, header in enumerate(headers, start=1):
        cell = _put(ws, 1, j, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    values = frame.to_numpy(dtype=object)
    for i, row in enumerate(values, start=2):
        for j, value in enumerate(row, start=1):
            _put(ws, i, j, value)
    n_rows = len(frame) + 1
    last = get_column_letter(max(len(headers), 1))
    for j, header in enumerate(headers, start=1):
        letter = get_column_letter(j)
        fmt = table.number_formats.get(header)
        wrap = header in table.wrap
        if fmt or wrap:
            for (cell,) in ws.iter_rows(min_row=2, max_row=n_rows, min_col=j, max_col=j):
                if fmt:
                    cell.number_format = fmt
                if wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        lengths = [len(header) + 3, *(len(str(cell_value(v) or "")) for v in frame.iloc[:, j - 1])]
        width = _MAX_WIDTH if wrap else min(max(lengths) + 2, _MAX_WIDTH)
        ws.column_dimensions[letter].width = max(width, 8)
        scale = table.color_scales.get(header)
        if scale and n_rows > 1:
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{n_rows}",
                ColorScaleRule(
                    start_type="min",
                    start_color="FFFFFFFF",
                    end_type="max",
                    end_color=hex_argb(COLOR_SCALE_ENDS[scale]),
                ),
            )
    if n_rows > 1:
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


def _about_sheet(ws: Worksheet, content: ReportContent, sheets: list[tuple[str, str]]) -> None:
    style_title(_put(ws, 1, 1, content.title))
    row = 2
    if content.subtitle:
        _put(ws, row, 1, content.subtitle).font = Font(italic=True)
        row += 1
    row += 1
    for note in content.notes:
        _put(ws, row, 1, note).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(note) / 110))
        row += 1
    row += 1
    _put(ws, row, 1, "Sheets").font = Font(bold=True)
    row += 1
    for name, caption in sheets:
        _put(ws, row, 1, name)
        _put(ws, row, 2, caption).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    _put(ws, row, 1, "Provenance: how these results were computed").font = Font(bold=True)
    row += 1
    for key, value in flatten(content.provenance):
        _put(ws, row, 1, key)
        _put(ws, row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 110


def _charts_sheet(ws: Worksheet, content: ReportContent) -> None:
    row = 1
    style_title(_put(ws, row, 1, "Charts"))
    row += 2
    for number, figure in enumerate(content.figures(), start=1):
        if figure.png is None:
            continue
        _put(ws, row, 1, figure.caption.numbered(number)).font = Font(bold=True)
        row += 1
        image = Image(str(figure.png))
        scale = IMAGE_WIDTH_PX / image.width
        image.width, image.height = IMAGE_WIDTH_PX, round(image.height * scale)
        ws.add_image(image, f"A{row}")
        row += math.ceil(image.height / 20) + 2
    ws.column_dimensions["A"].width = 12


def build_workbook(content: ReportContent) -> Workbook:
    """The results workbook of ``content`` (not saved)."""
    wb = Workbook()
    about = wb.active
    about.title = "About"
    taken = ["About", "Charts"]
    sheets: list[tuple[str, str]] = []
    for table in content.tables("xlsx"):
        title = sheet_title(table.name, taken)
        taken.append(title)
        sheets.append((title, table.caption))
        write_table_sheet(wb.create_sheet(title), table)
    if any(f.png is not None for f in content.figures()):
        sheets.append(("Charts", "Every chart of the report as a 300-dpi image."))
        _charts_sheet(wb.create_sheet("Charts"), content)
    _about_sheet(about, content, sheets)
    wb.properties.title = content.title
    wb.properties.subject = content.subtitle
    return wb


def write_results_workbook(content: ReportContent, path: str | Path) -> Path:
    """Write the results workbook of ``content`` to ``path``, atomically and reproducibly.

    Parameters
    ----------
    content
        The report content; every table meant for ``xlsx`` becomes a sheet.
    path
        The ``.xlsx`` file to write.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from mgi.reports.content import ReportContent, Section, Table
    >>> frame = pd.DataFrame({"score": [62.5]}, index=pd.Index(["D1"], name="code"))
    >>> table = Table("Domains", frame)
    >>> content = ReportContent("Test", sections=(Section("s", "S", tables=(table,)),))
    >>> out = write_results_workbook(content, pathlib.Path(tempfile.mkdtemp()) / "results.xlsx")
    >>> out.name
    'results.xlsx'
    """
    return save_deterministic(build_workbook(content), path)
