"""Write a prioritisation as an Excel workbook an analyst can work with.

Sheets: About (provenance and every convention), Priorities (the ranked table with reasons),
Criteria (the criteria matrix and where each column comes from), Weights (the group's weights
and each participant's, with consistency), Methods (scores and ranks per method, correlations),
Sensitivity (rank acceptability, top-k probabilities, stability intervals), Consultation
(group means, spread, Kendall's W) and Issues.

This module only says what the workbook holds; the one results-workbook writer,
:func:`mgi.workbook.results.write_results_workbook`, lays it out and saves it atomically with
fixed timestamps. :mod:`mgi.priorities` never imports a spreadsheet library.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from mgi.catalogue import Issue
from mgi.priorities.session import Prioritization
from mgi.prioritization import METHODS
from mgi.workbook.results import (
    ResultsWorkbook,
    ResultTable,
    issues_table,
    write_results_workbook,
)


def about_rows(p: Prioritization) -> list[tuple[str, Any]]:
    """The About sheet: what the ranking is, provenance and settings."""
    rows: list[tuple[str, Any]] = [
        (
            "What this is",
            "A ranking of the 23 GCM objectives for a national migration strategy, "
            "from the criteria and weights below. It supports the working group's discussion; it "
            "is not a ranking of countries.",
        ),
        ("Primary method", METHODS[p.primary].label),
        ("Weights rule", p.agreed.rule),
    ]
    rows += [(f"Weight: {c}", float(w)) for c, w in p.weights.items()]
    rows += [(k, v) for k, v in p.provenance().items()]
    summary = p.matrix.consultation
    if summary is not None:
        rows.append(("Kendall's W between stakeholder groups", float(summary.kendall_w)))
    rows += [("Note", note) for note in p.warnings]
    rows += [("Consistency hint", hint) for hint in p.agreed.hints]
    comparison = p.reference_comparison()
    if comparison:
        rows += [(f"Reference: {k}", v) for k, v in comparison.items()]
    return rows


CORRELATIONS = {
    "spearman": "Spearman rank correlation rs",
    "weighted_spearman": "weighted Spearman rw (top ranks weigh more)",
    "kendall": "Kendall tau-b",
    "ws": "WS similarity (row method = reference ranking)",
}


def correlation_table(p: Prioritization) -> pd.DataFrame:
    """Every pair of methods under each rank correlation, one row per pair and coefficient."""
    frames = []
    for kind, label in CORRELATIONS.items():
        matrix = p.correlations(kind)
        long = matrix.rename_axis(index="method", columns="compared_with").stack()
        frames.append(long.rename("value").reset_index().assign(coefficient=label))
    table = pd.concat(frames, ignore_index=True)
    return table[["coefficient", "method", "compared_with", "value"]]


def prioritization_results(p: Prioritization, issues: Iterable[Issue] = ()) -> ResultsWorkbook:
    """What the prioritisation workbook holds (see the module docstring)."""
    tables = [
        ResultTable("Priorities", p.table()),
        ResultTable("Criteria matrix", p.matrix.values.join(p.matrix.labels)),
        ResultTable("Criteria", p.matrix.criteria.assign(weight=p.weights)),
    ]
    if not p.matrix.gap_detail.empty:
        tables.append(ResultTable("Gap detail", p.matrix.gap_detail))
    tables += [
        ResultTable("Weights", p.weights_detail),
        ResultTable("Reference weights", p.reference_weights()),
    ]
    members = p.participant_ranks()
    if members.shape[1] > 1:
        tables.append(ResultTable("Participants", members.join(p.participant_consensus())))
    methods = p.scores.add_prefix("score_").join(p.ranks.add_prefix("rank_")).join(p.consensus)
    acceptability = p.acceptability
    acceptability.columns = [f"rank {r}" for r in acceptability.columns]
    tables += [
        ResultTable("Methods", methods),
        ResultTable("Correlations", correlation_table(p), index=False),
        ResultTable("Rank acceptability", acceptability),
        ResultTable("Top-k probability", p.top_k_probability.join(p.rank_range)),
        ResultTable("Stability", p.stability),
        ResultTable("Contributions", p.contributions),
    ]
    summary = p.matrix.consultation
    if summary is not None:
        tables += [
            ResultTable(
                "Consultation", summary.overall.join(summary.group_means.add_prefix("mean: "))
            ),
            ResultTable("Consultation groups", summary.by_group),
        ]
    if not p.matrix.experts.empty:
        tables.append(ResultTable("Expert ratings", p.matrix.experts))
    tables.append(issues_table(issues))
    return ResultsWorkbook("GCM objective priorities", tuple(tables), about=tuple(about_rows(p)))


def write_prioritization(p: Prioritization, path: str | Path, issues: Iterable[Issue] = ()) -> Path:
    """Write the prioritisation workbook (see the module docstring)."""
    return write_results_workbook(prioritization_results(p, issues), path)


def table_records(p: Prioritization) -> list[dict[str, Any]]:
    """The ranked table as JSON-ready records."""
    table = p.table().reset_index()
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in table.to_dict("records")
    ]
