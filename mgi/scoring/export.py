"""Scorecards, comparisons and combined score tables as results workbooks.

This module only says what each workbook holds (its tables and About rows); the one
results-workbook writer, :func:`mgi.workbook.results.write_results_workbook`, lays it out and
saves it (user text never a formula, headers frozen, number formats, atomic save with fixed
timestamps: same content, same bytes). :mod:`mgi.scoring` never imports a spreadsheet library.

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
from mgi.workbook.results import (
    ResultsWorkbook,
    ResultTable,
    issues_table,
    write_results_workbook,
)

if TYPE_CHECKING:
    from mgi.scoring.compare import Comparison
    from mgi.scoring.engine import Scorecard


def about_rows(card: Scorecard) -> list[tuple[str, Any]]:
    """The label/value rows of the About sheet: overall score, provenance, settings and
    method steps (the notes are the workbook's notes)."""
    prov = card.provenance()
    settings = prov.pop("settings")
    overall = card.overall_summary
    rows: list[tuple[str, Any]] = [
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


def scorecard_results(card: Scorecard) -> ResultsWorkbook:
    """What the scorecard workbook holds: About, Domains, Sub-domains, Indicators, GCM
    objectives, Objective links, Issues."""
    return ResultsWorkbook(
        f"mgi scorecard: {card.assessment.label}",
        (
            ResultTable("Domains", card.domains),
            ResultTable("Sub-domains", card.subdomains),
            ResultTable("Indicators", card.indicators),
            ResultTable("GCM objectives", card.objectives),
            ResultTable("Objective links", card.objective_links, index=False),
            issues_table(card.issues),
        ),
        notes=tuple(card.notes),
        about=tuple(about_rows(card)),
    )


def write_scorecard(card: Scorecard, path: str | Path) -> Path:
    """Write a scorecard workbook (see :func:`scorecard_results`), atomically and
    deterministically.

    Returns
    -------
    Path
        The file written.
    """
    return write_results_workbook(scorecard_results(card), path)


def comparison_results(comparison: Comparison) -> ResultsWorkbook:
    """What the comparison workbook holds: About, Domains, Sub-domains, Indicators, GCM
    objectives, Issues."""
    a, b = comparison.earlier, comparison.later
    rows: list[tuple[str, Any]] = [
        ("Earlier", f"{a.assessment.label} ({a.assessment.source.file_name})"),
        ("Later", f"{b.assessment.label} ({b.assessment.source.file_name})"),
        ("Scheme", b.scheme.label),
        ("Overall change (derived analytic)", comparison.overall_change),
        *((f"indicators {k}", v) for k, v in comparison.summary().items()),
        ("Unmatched (earlier only)", ", ".join(comparison.unmatched.get("earlier", ()))),
        ("Unmatched (later only)", ", ".join(comparison.unmatched.get("later", ()))),
        ("provenance", json.dumps(comparison.provenance(), ensure_ascii=False, default=str)),
    ]
    return ResultsWorkbook(
        "mgi comparison of two rounds",
        (
            ResultTable("Domains", comparison.domains),
            ResultTable("Sub-domains", comparison.subdomains),
            ResultTable("Indicators", comparison.indicators),
            ResultTable("GCM objectives", comparison.objectives),
            issues_table(comparison.issues),
        ),
        notes=tuple(b.notes[:1]),
        about=tuple(rows),
    )


def write_comparison(comparison: Comparison, path: str | Path) -> Path:
    """Write a comparison workbook (see :func:`comparison_results`), atomically and
    deterministically."""
    return write_results_workbook(comparison_results(comparison), path)


def write_combined(
    table: pd.DataFrame, issues: Iterable[Issue], path: str | Path, *, notes: Sequence[str] = ()
) -> Path:
    """Write the combined table of many assessments (one row per file × domain, plus overall)."""
    results = ResultsWorkbook(
        "mgi combined scores",
        (ResultTable("Scores", table, index=False), issues_table(issues)),
        notes=tuple(notes),
    )
    return write_results_workbook(results, path)
