"""Results workbooks: one sheet per table, an About sheet, an Issues sheet.

Shared by every command that writes results (scores, comparisons, combined scores,
priorities): headers frozen with an autofilter, number formats by column name, user text never
a formula, and an atomic save with fixed timestamps so that the same content gives the same
bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue, issues_frame

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Number formats by column name.
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


def cell_value(value: Any) -> Any:
    """A value as it goes into a cell: NaN as empty, numpy scalars as Python numbers,
    containers as JSON text, user text through :func:`~mgi.workbook.safe_cell_value`."""
    from mgi.workbook import safe_cell_value

    if value is None:
        return None
    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, dict | list | tuple):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return safe_cell_value(value if isinstance(value, int | float) else str(value))


def table_sheet(wb: Workbook, title: str, frame: pd.DataFrame, *, index: bool = True) -> None:
    """One sheet holding a table: frozen bold header, autofilter, number formats, widths."""
    from openpyxl.utils import get_column_letter

    from mgi.workbook._style import style_header

    ws = wb.create_sheet(title)
    data = frame.reset_index() if index else frame
    columns = [str(c) for c in data.columns]
    ws.append(columns)
    for row in data.itertuples(index=False, name=None):
        ws.append([cell_value(v) for v in row])
    style_header(ws[1])
    ws.freeze_panes = "B2" if index else "A2"
    if len(columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(data) + 1, 1)}"
    for j, name in enumerate(columns, start=1):
        letter = get_column_letter(j)
        fmt = NUMBER_FORMATS.get(name)
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = fmt
        longest = max([len(name), *(len(str(v)) for v in data.iloc[:200, j - 1])], default=8)
        ws.column_dimensions[letter].width = min(max(8, longest + 2), 60)


def about_sheet(wb: Workbook, title: str, rows: Sequence[tuple[str, Any]]) -> Worksheet:
    """The first sheet, About: a title, then one label/value row per item."""
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = "About"
    ws.append([cell_value(title)])
    ws["A1"].font = Font(bold=True, size=14, color="1F4E79")
    ws.append([])
    for key, value in rows:
        ws.append([cell_value(key), cell_value(value)])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100
    return ws


def issues_table(issues: Iterable[Issue]) -> pd.DataFrame:
    """The issues as the table of an Issues sheet."""
    frame = issues_frame(issues)
    return frame[
        ["severity", "rule", "message", "file", "sheet", "cell", "row", "column", "indicator"]
    ]


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save atomically with fixed timestamps (same content, same bytes)."""
    from mgi.workbook._style import save_deterministic

    return save_deterministic(wb, path)
