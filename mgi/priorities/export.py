"""Write a prioritisation as an Excel workbook an analyst can work with.

Sheets: About (provenance and every convention, the flags on the criteria and the what-if
settings), Priorities (the ranked table: consensus, range across methods, P(top k) under each
source of uncertainty and all together, what lifts and what holds back each objective),
Criteria (the criteria matrix, where each column comes from and its declared scale), Criteria
checks (sampling noise, agreement and correlation behind each flag), Weights (the group's
weights and each participant's, with consistency), Methods (scores and ranks per method,
correlations), Uncertainty (rank acceptability under all sources), Sensitivity (rank
acceptability per method, top-k probabilities, stability intervals), Consultation (group
means, spread, Kendall's W, each group's effective weight, the respondents' attributes) and
Issues.

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
    from mgi.i18n import current_language, text

    lang = current_language()
    rows: list[tuple[str, Any]] = [
        ("about.what_this_is", text("about.priorities_description", lang)),
        ("about.primary_method", METHODS[p.primary].label),
        ("about.weights_rule", p.agreed.rule),
    ]
    rows += [(f"Weight: {c}", float(w)) for c, w in p.weights.items()]
    rows += [(f"Excluded: {c}", reason or "(no reason given)") for c, reason in p.excluded.items()]
    rows += [(f"Locked: {c}", reason or "(no reason given)") for c, reason in p.locked.items()]
    rows += [(k, v) for k, v in p.provenance().items()]
    summary = p.matrix.consultation
    if summary is not None:
        rows.append(("Kendall's W between stakeholder groups", float(summary.kendall_w)))
        single = summary.groups.index[summary.groups["single_member"]]
        rows += [("One-member group", str(g)) for g in single]
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
        ResultTable("Criteria checks", p.matrix.checks),
        ResultTable("Criteria correlation", p.matrix.correlation),
    ]
    if p.excluded or p.locked:
        whatif = pd.DataFrame(
            [{"objective": c, "what_if": "excluded", "reason": r} for c, r in p.excluded.items()]
            + [{"objective": c, "what_if": "locked", "reason": r} for c, r in p.locked.items()]
        ).set_index("objective")
        tables.append(ResultTable("What-if", whatif))
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
    every = p.acceptability_of("all")
    every.columns = [f"rank {r}" for r in every.columns]
    tables += [
        ResultTable("Methods", methods),
        ResultTable("Correlations", correlation_table(p), index=False),
        ResultTable("Uncertainty", p.uncertainty_summary),
        ResultTable("Acceptability, all sources", every),
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
            ResultTable("Group weights", summary.groups),
            ResultTable("Respondents", summary.respondents, index=False),
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


def ranking_lines(
    p: Prioritization,
    *,
    limit: int | None = None,
    reasons: bool = True,
    lang: str | None = None,
    indent: int = 0,
) -> list[str]:
    """The ranked table for a terminal, in ``lang`` (default: the language of the work in
    progress) and within 100 columns: the consensus rank across the methods, the range of ranks
    across the methods, P(top k) and the rank interval when the weights, the data and the
    method all vary; optionally what lifts and what holds back each objective (wrapped).

    No single method's rank is shown alone. ``limit`` keeps the first rows (the top k, say);
    the last lines say how to read the columns; ``indent`` spaces start every line.
    """
    from mgi._terminal import Col, table, wrap
    from mgi.i18n import content, current_language, format_value, has_text, text
    from mgi.reports.findings import method_range
    from mgi.reports.texts import reasons as reasons_in

    lang = lang or current_language()
    k = p.top_k
    frame = p.table()
    if limit is not None:
        frame = frame.head(limit)
    locked_mark = text("cli.ranking.locked_mark", lang)
    why = reasons_in(p, lang) if reasons else None
    rows = []
    for code, row in frame.iterrows():
        locked = bool(row.get("locked", False))
        record: dict[str, Any] = {
            "rank": int(row["rank"]),
            "objective": code,
            "short_label": str(content("gcm_objectives", code, "short_label", lang)),
            "rank_methods": method_range(row["rank_methods_min"], row["rank_methods_max"]),
            f"p_top{k}": row[f"p_top{k}"],
            "rank_range": method_range(row["rank_min"], row["rank_max"]),
        }
        if why is not None:
            record["reasons"] = why[code] + (f" ({locked_mark})" if locked else "")
        elif locked:
            record["short_label"] += f" ({locked_mark})"
        rows.append(record)
    columns = [
        Col("rank"),
        Col("objective"),
        Col("short_label", wrap=True),
        Col("rank_methods"),
        Col(f"p_top{k}"),
        Col("rank_range"),
    ]
    if why is not None:
        columns.append(Col("reasons", wrap=True))
    lines = table(rows, columns, lang, indent=indent)
    settings = p.settings
    methods = ", ".join(
        text(f"method.{m}", lang) if has_text(f"method.{m}") else METHODS[m].label
        for m in settings["methods"]
    )
    lines += [
        "",
        *wrap(
            text("cli.ranking.rank_note", lang, n=len(settings["methods"]), methods=methods),
            indent=indent,
        ),
        *wrap(
            text(
                "cli.ranking.uncertainty_note",
                lang,
                k=k,
                samples=format_value("count", settings["uncertainty"]["samples"], lang),
                seed=settings["seed"],
            ),
            indent=indent,
        ),
    ]
    for key, chosen in (("cli.ranking.excluded", p.excluded), ("cli.ranking.locked", p.locked)):
        if chosen:
            listed = "; ".join(f"{c} ({r})" if r else c for c, r in chosen.items())
            lines += wrap(text(key, lang, objectives=listed), indent=indent)
    return lines


#: The warnings that a reader of the ranking should see next to it.
FLAG_RULES = (
    "priorities.criterion_noise",
    "priorities.criterion_disagreement",
    "priorities.criteria_correlated",
    "rating.group_single_member",
)


def flag_messages(p: Prioritization, lang: str | None = None) -> list[str]:
    """The flags on the criteria and the groups (catalogue messages with their numbers, in
    ``lang``; default: the language of the work in progress): criteria within their sampling
    noise, with weak agreement or strongly correlated, and one-member stakeholder groups."""
    from mgi.i18n.issues import message

    return [message(issue, lang) for issue in p.issues if issue.rule in FLAG_RULES]
