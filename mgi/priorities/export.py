"""Write a prioritisation as an Excel workbook an analyst can work with.

Sheets: About (provenance and every convention), Priorities (the ranked table with reasons),
Criteria (the criteria matrix and where each column comes from), Weights (the group's weights
and each participant's, with consistency), Methods (scores and ranks per method, correlations),
Sensitivity (rank acceptability, top-k probabilities, stability intervals), Consultation
(group means, spread, Kendall's W) and Issues. Saved atomically with fixed timestamps.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from mgi.catalogue import Issue
from mgi.priorities.session import METHOD_LABELS, Prioritization
from mgi.workbook.results import about_sheet, issues_table, save_workbook, table_sheet


def about_rows(p: Prioritization) -> list[tuple[str, Any]]:
    """The About sheet: what the ranking is, provenance and settings."""
    rows: list[tuple[str, Any]] = [
        (
            "What this is",
            "A ranking of the 23 GCM objectives for a national migration strategy, "
            "from the criteria and weights below. It supports the working group's discussion; it "
            "is not a ranking of countries.",
        ),
        ("Primary method", METHOD_LABELS[p.primary]),
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


def write_prioritization(p: Prioritization, path: str | Path, issues: Iterable[Issue] = ()) -> Path:
    """Write the prioritisation workbook (see the module docstring)."""
    from openpyxl import Workbook

    wb = Workbook()
    about_sheet(wb, "GCM objective priorities", about_rows(p))
    table_sheet(wb, "Priorities", p.table())
    matrix = p.matrix.values.join(p.matrix.labels)
    table_sheet(wb, "Criteria matrix", matrix)
    table_sheet(wb, "Criteria", p.matrix.criteria.assign(weight=p.weights))
    if not p.matrix.gap_detail.empty:
        table_sheet(wb, "Gap detail", p.matrix.gap_detail)
    table_sheet(wb, "Weights", p.weights_detail)
    table_sheet(wb, "Reference weights", p.reference_weights())
    members = p.participant_ranks()
    if members.shape[1] > 1:
        table_sheet(wb, "Participants", members.join(p.participant_consensus()))
    methods = p.scores.add_prefix("score_").join(p.ranks.add_prefix("rank_")).join(p.consensus)
    table_sheet(wb, "Methods", methods)
    table_sheet(wb, "Correlations", correlation_table(p), index=False)
    acceptability = p.acceptability
    acceptability.columns = [f"rank {r}" for r in acceptability.columns]
    table_sheet(wb, "Rank acceptability", acceptability)
    table_sheet(wb, "Top-k probability", p.top_k_probability.join(p.rank_range))
    table_sheet(wb, "Stability", p.stability)
    table_sheet(wb, "Contributions", p.contributions)
    summary = p.matrix.consultation
    if summary is not None:
        table_sheet(
            wb, "Consultation", summary.overall.join(summary.group_means.add_prefix("mean: "))
        )
        table_sheet(wb, "Consultation groups", summary.by_group)
    if not p.matrix.experts.empty:
        table_sheet(wb, "Expert ratings", p.matrix.experts)
    table_sheet(wb, "Issues", issues_table(issues), index=False)
    return save_workbook(wb, path)


def table_records(p: Prioritization) -> list[dict[str, Any]]:
    """The ranked table as JSON-ready records."""
    table = p.table().reset_index()
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in table.to_dict("records")
    ]
