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

import pandas as pd

from mgi.catalogue import Issue
from mgi.workbook.results import about_sheet, issues_table, save_workbook, table_sheet

if TYPE_CHECKING:
    from mgi.scoring.compare import Comparison
    from mgi.scoring.engine import Scorecard


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
    about_sheet(wb, f"mgi scorecard: {card.assessment.label}", about_rows(card))
    table_sheet(wb, "Domains", card.domains)
    table_sheet(wb, "Sub-domains", card.subdomains)
    table_sheet(wb, "Indicators", card.indicators)
    table_sheet(wb, "GCM objectives", card.objectives)
    table_sheet(wb, "Objective links", card.objective_links, index=False)
    table_sheet(wb, "Issues", issues_table(card.issues), index=False)
    return save_workbook(wb, path)


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
    about_sheet(wb, "mgi comparison of two rounds", rows)
    table_sheet(wb, "Domains", comparison.domains)
    table_sheet(wb, "Sub-domains", comparison.subdomains)
    table_sheet(wb, "Indicators", comparison.indicators)
    table_sheet(wb, "GCM objectives", comparison.objectives)
    table_sheet(wb, "Issues", issues_table(comparison.issues), index=False)
    return save_workbook(wb, path)


def write_combined(
    table: pd.DataFrame, issues: Iterable[Issue], path: str | Path, *, notes: Sequence[str] = ()
) -> Path:
    """Write the combined table of many assessments (one row per file × domain, plus overall)."""
    from openpyxl import Workbook

    wb = Workbook()
    about_sheet(wb, "mgi combined scores", [("Note", n) for n in notes])
    table_sheet(wb, "Scores", table, index=False)
    table_sheet(wb, "Issues", issues_table(issues), index=False)
    return save_workbook(wb, path)
