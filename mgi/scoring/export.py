"""Write scorecards, comparisons and combined score tables as Excel workbooks.

Every workbook is written with openpyxl through the workbook package's helpers: user text goes
through :func:`mgi.workbook.safe_cell_value` (text starting with ``=``, ``+``, ``-``, ``@`` is
never a formula), headers are frozen with an autofilter, numbers get number formats, and the file
is saved atomically with fixed timestamps (same content, same bytes).

Examples
--------
>>> import tempfile, pathlib
>>> from mgi.instrument import load_instrument
>>> from mgi.assessment import Assessment
>>> from mgi.scoring import score
>>> inst = load_instrument("sdg-10-7-2")
>>> a = Assessment.from_answers(inst, {c: 1 for c in inst.indicators.index},
...                             {"country": "Testland", "round": "2024"})
>>> out = pathlib.Path(tempfile.mkdtemp()) / "scores.xlsx"
>>> write_scorecard(score(a, "sdg-10-7-2"), out).name
'scores.xlsx'
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

    from mgi.scoring.compare import Comparison
    from mgi.scoring.engine import Scorecard

#: Number formats by column name.
_FORMATS = {
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


def _cell(value: Any) -> Any:
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


def _table_sheet(wb: Workbook, title: str, frame: pd.DataFrame, *, index: bool = True) -> None:
    """One sheet holding a table: frozen bold header, autofilter, number formats, widths."""
    from openpyxl.utils import get_column_letter

    from mgi.workbook._style import style_header

    ws = wb.create_sheet(title)
    data = frame.reset_index() if index else frame
    columns = [str(c) for c in data.columns]
    ws.append(columns)
    for row in data.itertuples(index=False, name=None):
        ws.append([_cell(v) for v in row])
    style_header(ws[1])
    ws.freeze_panes = "B2" if index else "A2"
    if len(columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(data) + 1, 1)}"
    for j, name in enumerate(columns, start=1):
        letter = get_column_letter(j)
        fmt = _FORMATS.get(name)
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = fmt
        longest = max([len(name), *(len(str(v)) for v in data.iloc[:200, j - 1])], default=8)
        ws.column_dimensions[letter].width = min(max(8, longest + 2), 60)


def _about_sheet(wb: Workbook, title: str, rows: Sequence[tuple[str, Any]]) -> Worksheet:
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = "About"
    ws.append([_cell(title)])
    ws["A1"].font = Font(bold=True, size=14, color="1F4E79")
    ws.append([])
    for key, value in rows:
        ws.append([_cell(key), _cell(value)])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100
    return ws


def _issues(issues: Iterable[Issue]) -> pd.DataFrame:
    frame = issues_frame(issues)
    return frame[
        ["severity", "rule", "message", "file", "sheet", "cell", "row", "column", "indicator"]
    ]


def _save(wb: Workbook, path: str | Path) -> Path:
    from mgi.workbook._style import save_deterministic

    return save_deterministic(wb, path)


def about_rows(card: Scorecard) -> list[tuple[str, Any]]:
    """The rows of the About sheet: notes, provenance, overall score and method steps."""
    prov = card.provenance()
    settings = prov.pop("settings")
    overall = card.overall_summary
    rows: list[tuple[str, Any]] = [("Note", note) for note in card.notes]
    rows += [
        ("Overall score (derived analytic)", overall["score"]),
        ("Overall band", overall["band"]),
        ("Overall method", overall["method"]),
    ]
    rows += [(k, v) for k, v in prov.items()]
    rows += [(f"setting: {k}", v) for k, v in settings.items()]
    rows += [
        (f"method {s['step']}", s["description"] + " Settings: " + json.dumps(s["settings"]))
        for s in card.steps
    ]
    return rows


def write_scorecard(card: Scorecard, path: str | Path) -> Path:
    """Write a scorecard workbook (About, Domains, Sub-domains, Indicators, GCM objectives,
    Objective links, Issues), atomically and deterministically.

    Returns
    -------
    Path
        The file written.
    """
    from openpyxl import Workbook

    wb = Workbook()
    _about_sheet(wb, f"mgi scorecard: {card.assessment.label}", about_rows(card))
    _table_sheet(wb, "Domains", card.domains)
    _table_sheet(wb, "Sub-domains", card.subdomains)
    _table_sheet(wb, "Indicators", card.indicators)
    _table_sheet(wb, "GCM objectives", card.objectives)
    _table_sheet(wb, "Objective links", card.objective_links, index=False)
    _table_sheet(wb, "Issues", _issues(card.issues), index=False)
    return _save(wb, path)


def write_comparison(comparison: Comparison, path: str | Path) -> Path:
    """Write a comparison workbook (About, Domains, Sub-domains, Indicators, GCM objectives,
    Issues), atomically and deterministically."""
    from openpyxl import Workbook

    wb = Workbook()
    a, b = comparison.earlier, comparison.later
    rows: list[tuple[str, Any]] = [("Note", note) for note in b.notes[:1]]
    rows += [
        ("Earlier", f"{a.assessment.label} ({a.assessment.source.file_name})"),
        ("Later", f"{b.assessment.label} ({b.assessment.source.file_name})"),
        ("Scheme", b.scheme.label),
        ("Overall change (derived analytic)", comparison.overall_change),
        *((f"indicators {k}", v) for k, v in comparison.summary().items()),
        ("Unmatched (earlier only)", ", ".join(comparison.unmatched.get("earlier", ()))),
        ("Unmatched (later only)", ", ".join(comparison.unmatched.get("later", ()))),
        ("provenance", comparison.provenance()),
    ]
    _about_sheet(wb, "mgi comparison of two rounds", rows)
    _table_sheet(wb, "Domains", comparison.domains)
    _table_sheet(wb, "Sub-domains", comparison.subdomains)
    _table_sheet(wb, "Indicators", comparison.indicators)
    _table_sheet(wb, "GCM objectives", comparison.objectives)
    _table_sheet(wb, "Issues", _issues(comparison.issues), index=False)
    return _save(wb, path)


def write_combined(
    table: pd.DataFrame, issues: Iterable[Issue], path: str | Path, *, notes: Sequence[str] = ()
) -> Path:
    """Write the combined table of many assessments (one row per file × domain, plus overall)."""
    from openpyxl import Workbook

    wb = Workbook()
    _about_sheet(wb, "mgi combined scores", [("Note", n) for n in notes])
    _table_sheet(wb, "Scores", table, index=False)
    _table_sheet(wb, "Issues", _issues(issues), index=False)
    return _save(wb, path)
