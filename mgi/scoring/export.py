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
from collections.abc import Iterable, Mapping, Sequence
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
    method steps (the notes are the workbook's notes). Labels are catalogue keys
    (``about.*``), written in the workbook's language; provenance and settings keep their
    names, which are the keys a recipe and the provenance use."""
    from mgi.i18n import current_language, format_value, text, translate

    prov = card.provenance()
    settings = prov.pop("settings")
    overall = card.overall_summary
    lang = current_language()
    rows: list[tuple[str, Any]] = [
        ("about.overall_score", format_value("score", overall["score"], lang)),
        ("about.overall_band", translate("bands", str(overall["band"]), "label", lang)),
        ("about.overall_method", overall["method"]),
    ]
    rows += [(k, v) for k, v in prov.items()]
    rows += [(f"setting: {k}", v) for k, v in settings.items()]
    rows += [
        (
            text("about.method_step", lang, step=s["step"]),
            f"{step_description(s, lang)} {text('about.step_settings', lang)} "
            + json.dumps(s["settings"], ensure_ascii=False),
        )
        for s in card.steps
    ]
    return rows


def step_description(step: Mapping[str, Any], lang: str) -> str:
    """What a step of the scoring method does (``Scorecard.steps``) in ``lang``: the English
    the scorecard records, or its translation in the catalogues (``scoring.step.<name>``)."""
    from mgi.i18n import has_text, text

    name = str(step["step"]).partition(" ")[2].replace(" ", "_")
    key = f"scoring.step.{name}"
    if lang == "en" or not has_text(key):
        return str(step["description"])
    fields: dict[str, Any] = {}
    if name == "aggregation":
        settings = step["settings"]
        fields = {
            "domain_rule": text(f"scoring.rule.domain.{settings['domain']}", lang),
            "overall_rule": text(f"scoring.rule.overall.{settings['overall']}", lang),
        }
    return text(key, lang, **fields)


def indicator_table(card: Scorecard) -> pd.DataFrame:
    """The scorecard's indicators with the question asked and the answer as it was typed
    (``typed``) beside the answer it was read as, so that a reader sees what each row is about.

    Examples
    --------
    >>> from mgi.instrument import load_instrument
    >>> from mgi.assessment import Assessment
    >>> from mgi.scoring import score
    >>> inst = load_instrument("sdg-10-7-2")
    >>> a = Assessment.from_answers(inst, {c: "Po" for c in inst.indicators.index[5:]}
    ...     | {c: "1" for c in inst.indicators.index[:5]}, {"country": "Testland", "round": "2024"})
    >>> table = indicator_table(score(a, "sdg-10-7-2"))
    >>> table.loc["D2.a", ["question", "answer", "typed"]].tolist()
    ['...', 'Yes', 'Po']
    """
    table = card.indicators.copy()
    instrument = card.assessment.instrument
    questions = instrument.indicators["question"].reindex(table.index)
    at = table.columns.get_loc("subdomain") + 1 if "subdomain" in table.columns else 0
    if "question" not in table.columns:
        table.insert(at, "question", questions)
    answers = card.assessment.answers
    if "raw" in answers.columns and "typed" not in table.columns:
        typed = answers["raw"].reindex(table.index)
        after = (
            table.columns.get_loc("answer") + 1 if "answer" in table.columns else len(table.columns)
        )
        table.insert(after, "typed", [None if v is None or v == "" else v for v in typed])
    return table


def scorecard_results(card: Scorecard) -> ResultsWorkbook:
    """What the scorecard workbook holds: About, Domains, Sub-domains, Indicators, GCM
    objectives, Objective links, Issues."""
    from mgi.i18n import current_language, text

    return ResultsWorkbook(
        text("results.scorecard_title", current_language(), assessment=card.assessment.label),
        (
            ResultTable("Domains", card.domains),
            ResultTable("Sub-domains", card.subdomains),
            ResultTable(
                "Indicators",
                indicator_table(card),
                wrap=("question", "evidence", "comment"),
            ),
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
    from mgi.i18n import current_language, format_value, text, value_label

    lang = current_language()
    a, b = comparison.earlier, comparison.later
    rows: list[tuple[str, Any]] = [
        ("about.earlier", f"{a.assessment.label} ({a.assessment.source.file_name})"),
        ("about.later", f"{b.assessment.label} ({b.assessment.source.file_name})"),
        ("about.scheme", b.scheme.label),
        ("about.overall_change", format_value("change", comparison.overall_change, lang)),
        *(
            (text("about.indicators", lang, change=value_label("change", k, lang)), v)
            for k, v in comparison.summary().items()
        ),
        ("about.unmatched_earlier", ", ".join(comparison.unmatched.get("earlier", ()))),
        ("about.unmatched_later", ", ".join(comparison.unmatched.get("later", ()))),
        ("provenance", json.dumps(comparison.provenance(), ensure_ascii=False, default=str)),
    ]
    return ResultsWorkbook(
        text(
            "results.comparison_title",
            lang,
            earlier=a.assessment.round or a.assessment.label,
            later=b.assessment.round or b.assessment.label,
        ),
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
    from mgi.i18n import current_language, text

    results = ResultsWorkbook(
        text("results.combined_title", current_language()),
        (ResultTable("Scores", table, index=False), issues_table(issues)),
        notes=tuple(notes),
    )
    return write_results_workbook(results, path)
