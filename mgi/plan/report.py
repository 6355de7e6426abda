"""The report of an action plan (``mgi plan report``): totals, Gantt chart, alignment,
coverage, the Word action plan and a results workbook, in one language.

:func:`plan_tables` computes every table (pure, from :mod:`mgi.plan.costing`);
:func:`results_workbook`, :func:`plan_figures` and :func:`plan_document` say what the results
workbook, the charts and the Word document hold, with every header and sentence in the report's
language; :func:`write_plan_report` writes them into one folder, atomically:

``action-plan.docx``
    The action plan in the government's table layout (landscape, one table per specific
    objective), the indicator passports, alignment, coverage and totals.
``plan-results.xlsx``
    Every table with numbers (the one results-workbook format of mgi), and the About sheet
    saying which plan (file, SHA-256, content digest, edition) and which rules made them.
``charts/``
    ``gantt``, ``cost-by-objective`` and ``cost-by-year`` as PNG (300 dpi), SVG and PDF.

Amounts in the document and the charts are in thousands of the plan's currency; the workbook
keeps them in whole units. The rules by which costs are spread over quarters, shared between
GCM objectives and counted for institutions are stated in every output
(:func:`mgi.plan.costing.rules`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue
from mgi.i18n import content, format_value, language, text
from mgi.plan import costing
from mgi.plan.model import ActionPlan

#: Files of the report folder.
DOCUMENT = "action-plan.docx"
WORKBOOK = "plan-results.xlsx"
CHARTS = ("gantt", "cost-by-objective", "cost-by-year")
#: Amounts in the document and the charts are divided by this (thousands).
THOUSAND = 1000.0


def _t(key: str, lang: str, **fields: Any) -> str:
    return text(f"plan.report.{key}", lang, **fields)


def field_label(key: Any, lang: str, **fields: Any) -> Any:
    """The header of a report column: ``plan.field.<key>``, else the plan's column header,
    else the key itself (codes heading the columns of an alignment matrix)."""
    from mgi.i18n import has_text

    if isinstance(key, str) and has_text(f"plan.field.{key}"):
        return text(f"plan.field.{key}", lang, **fields)
    if isinstance(key, str) and has_text(f"plan.column.{key}"):
        return text(f"plan.column.{key}", lang)
    return key


def money(value: float, lang: str) -> str:
    """An amount in thousands of the currency, as the language writes numbers."""
    return format_value("amount", value / THOUSAND, lang)


# -- tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanTables:
    """Every table of the report (numbers in whole currency units)."""

    objectives: pd.DataFrame
    gcm: pd.DataFrame
    institutions: pd.DataFrame
    years: pd.DataFrame
    sources: pd.Series
    quarters: pd.DataFrame
    gantt: pd.DataFrame
    alignment: dict[str, pd.DataFrame]
    coverage: pd.DataFrame


def plan_tables(plan: ActionPlan) -> PlanTables:
    """Every table of the report, computed from the plan (see :mod:`mgi.plan.costing`)."""
    return PlanTables(
        objectives=costing.by_objective(plan),
        gcm=costing.by_gcm(plan),
        institutions=costing.by_institution(plan),
        years=costing.by_year(plan),
        sources=costing.by_source(plan),
        quarters=costing.by_quarter(plan),
        gantt=costing.gantt(plan),
        alignment=costing.alignment(plan),
        coverage=costing.coverage(plan),
    )


def _labelled(frame: pd.DataFrame, lang: str, **extra: str) -> pd.DataFrame:
    """``frame`` with its index and columns named in ``lang``."""
    names = {c: extra.get(c) or field_label(c, lang) for c in frame.columns}
    names = {c: str(n) for c, n in names.items()}
    out = frame.rename(columns=names)
    if frame.index.name:
        key = "code" if frame.index.name == "measure" else frame.index.name
        out.index.name = extra.get(key) or field_label(key, lang)
    return out


def about_rows(plan: ActionPlan, lang: str) -> list[tuple[str, Any]]:
    """The About sheet: which plan, which rules, which tool."""
    from mgi import __version__

    info = plan.info
    rows: list[tuple[str, Any]] = [
        (_t("about.title", lang), info.title),
        (_t("about.country", lang), info.country),
        (_t("about.period", lang), info.period),
        (_t("about.currency", lang), info.currency),
        (_t("about.edition", lang), info.edition),
        (_t("about.file", lang), plan.source.get("file", "")),
        ("SHA-256", plan.source.get("sha256", "")),
        (_t("about.digest", lang), plan.digest()),
        (_t("about.basis", lang), info.basis),
    ]
    rows += [(_t("about.rule", lang), rule) for rule in costing.rules(plan, lang)]
    rows += [(_t("about.language", lang), language(lang).name), ("mgi", __version__)]
    if info.illustrative:
        rows.insert(0, (_t("about.notice", lang), text("notice.illustrative_demo", lang)))
    return rows


def results_workbook(
    plan: ActionPlan, tables: PlanTables, lang: str, issues: Sequence[Issue] = ()
) -> Any:
    """What ``plan-results.xlsx`` holds (:class:`~mgi.workbook.results.ResultsWorkbook`)."""
    from mgi.i18n import excel_format
    from mgi.i18n.issues import localized
    from mgi.workbook.results import ResultsWorkbook, ResultTable, issues_table

    amount = excel_format("amount", lang)
    share = excel_format("share", lang)
    currency = plan.info.currency
    money_keys = (*costing.SOURCES, "total", "cost_state", "cost_donors")
    named = {c: field_label(c, lang, currency=currency) for c in money_keys}
    money_columns = set(named.values())

    def table(key: str, frame: pd.DataFrame, **kwargs: Any) -> ResultTable:
        labelled = _labelled(frame, lang, **named)
        formats = {c: amount for c in labelled.columns if c in money_columns}
        formats |= {
            c: share
            for c in labelled.columns
            if c in (field_label("gap_share", lang), field_label("share_addressed", lang))
        }
        return ResultTable(
            _t(f"sheet.{key}", lang),
            labelled,
            _t(f"caption.{key}", lang),
            number_formats=formats,
            **kwargs,
        )

    src = tables.sources
    keys = (*costing.SOURCES, "total")
    source_frame = pd.DataFrame(
        {
            field_label("value", lang, currency=currency): [src[k] for k in keys],
            field_label("share_of_total", lang): [
                src[k] / src["total"] if src["total"] > 0 else np.nan for k in keys
            ],
        },
        index=pd.Index(
            [field_label(k, lang, currency=currency) for k in keys],
            name=field_label("funding", lang),
        ),
    )
    quarters = tables.quarters.copy()
    measures = plan.measures_frame().drop(columns=["carried_from"], errors="ignore")
    for column in ("start", "end"):
        if column in measures:
            measures[column] = measures[column].map(lambda q: "" if q is None else str(q))
    indicators = plan.indicators_frame()
    if "annual_targets" in indicators:
        indicators["annual_targets"] = indicators["annual_targets"].map(
            lambda pairs: "; ".join(f"{y}: {v:g}" for y, v in pairs)
        )
    result_tables = [
        table("objectives", tables.objectives, wrap=(field_label("title", lang),)),
        table("gcm", tables.gcm.join(_gcm_titles(tables.gcm.index, lang))),
        table("institutions", tables.institutions),
        table("years", tables.years),
        ResultTable(
            _t("sheet.sources", lang),
            source_frame,
            _t("caption.sources", lang),
            number_formats={
                field_label("value", lang, currency=currency): amount,
                field_label("share_of_total", lang): share,
            },
        ),
        table("quarters", quarters.set_index("measure"), index=True),
        table("gantt", tables.gantt),
        *(
            table(f"alignment_{k}", tables.alignment[k].replace(0, np.nan))
            for k in ("gcm", "sdg", "eu")
        ),
        table("coverage", tables.coverage),
        table("measures", measures, wrap=(field_label("measure", lang),)),
        table("indicators", indicators),
    ]
    if issues:
        result_tables.append(
            issues_table([localized(i, lang) for i in issues], name=text("sheet.issues", lang))
        )
    return ResultsWorkbook(
        _t("workbook_title", lang, title=plan.info.title or _t("untitled", lang)),
        tables=tuple(result_tables),
        subtitle=_t("subtitle", lang, period=plan.info.period, currency=plan.info.currency),
        notes=tuple(costing.rules(plan, lang)),
        about=tuple(about_rows(plan, lang)),
    )


def _gcm_titles(codes: pd.Index, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"title": [str(content("gcm_objectives", c, "short_label", lang)) for c in codes]},
        index=codes,
    )


# -- charts -----------------------------------------------------------------------------------


def footer(plan: ActionPlan, lang: str, *, amounts: bool = True) -> str:
    """The footer line of a chart: plan, period, the unit of the amounts, and the illustrative
    notice."""
    from mgi.reports.captions import FOOTER_SEPARATOR

    parts = [plan.info.title or _t("untitled", lang), plan.info.period]
    if amounts:
        parts.append(
            _t("doc.amounts", lang, unit=_t("thousands", lang, currency=plan.info.currency))
        )
    if plan.info.illustrative:
        parts.append(_t("illustrative_short", lang))
    return FOOTER_SEPARATOR.join(p for p in parts if p)


def plan_figures(plan: ActionPlan, tables: PlanTables, lang: str) -> dict[str, Any]:
    """The charts of the report, with their footers: stem -> matplotlib figure."""
    from mgi.reports.charts import add_footer
    from mgi.reports.plan_charts import cost_bars_figure, gantt_figure

    sources = {s: _t(f"source.{s}", lang) for s in costing.SOURCES}
    unit = _t("thousands", lang, currency=plan.info.currency)

    def fmt(value: float) -> str:
        return format_value("amount", value, lang)

    short = {
        o.code: f"{o.code} "
        + ", ".join(str(content("gcm_objectives", g, "short_label", lang)) for g in o.gcm)
        for o in plan.objectives
    }
    figures = {
        "gantt": gantt_figure(
            tables.gantt,
            [str(q) for q in plan.info.quarters],
            texts={"title": _t("chart.gantt", lang), "legend": field_label("objective", lang)},
            objective_labels=short,
        ),
        "cost-by-objective": cost_bars_figure(
            tables.objectives[list(costing.SOURCES)] / THOUSAND,
            texts={"title": _t("chart.by_objective", lang), "axis": unit, **sources},
            labels=short,
            value_format=fmt,
        ),
        "cost-by-year": cost_bars_figure(
            tables.years[list(costing.SOURCES)] / THOUSAND,
            horizontal=False,
            texts={"title": _t("chart.by_year", lang), "axis": unit, **sources},
            value_format=fmt,
        ),
    }
    for stem, fig in figures.items():
        add_footer(fig, footer(plan, lang, amounts=stem != "gantt"))
    return figures


# -- the Word document ------------------------------------------------------------------------


def _institutions_cell(plan: ActionPlan, m: Any, lang: str) -> str:
    lead = plan.institution_name(_resolved(plan, m.lead))
    lines = [lead] if lead else []
    if m.contributing:
        others = "; ".join(plan.institution_name(_resolved(plan, c)) for c in m.contributing)
        lines.append(_t("doc.contributing", lang, names=others))
    return "\n".join(lines)


def _resolved(plan: ActionPlan, value: str | None) -> str | None:
    from mgi.plan.checks import resolve_institution

    return resolve_institution(plan, value) or value


def _number(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    return format_value("score" if not float(value).is_integer() else "amount", value, lang)


def _with_year(value: float | None, year: int | None, lang: str) -> str:
    shown = _number(value, lang)
    return f"{shown} ({year})" if shown and year else shown


def plan_document(plan: ActionPlan, tables: PlanTables, lang: str, pngs: dict[str, Path]) -> Any:
    """What ``action-plan.docx`` says (:class:`~mgi.reports.plan_docx.PlanDocument`)."""
    from mgi.reports.plan_docx import DocFigure, DocTable, Heading, Paragraph, PlanDocument

    info = plan.info
    currency = _t("thousands", lang, currency=info.currency)
    amounts = _t("doc.amounts", lang, unit=currency)
    blocks: list[Any] = []
    if info.illustrative:
        blocks.append(Paragraph(text("notice.illustrative_demo", lang), boxed=True))
    blocks.append(
        Paragraph(
            _t(
                "doc.intro",
                lang,
                period=info.period,
                count=len(plan.objectives),
                measures=len(plan.measures),
            )
        )
    )
    if info.basis:
        blocks.append(Paragraph(info.basis, small=True))
    blocks += [Paragraph(rule, small=True) for rule in costing.rules(plan, lang)]
    if lang != "en":
        blocks.append(Paragraph(text("notice.unofficial_translation", lang), small=True))
    money_head = [field_label(s, lang, currency=currency) for s in (*costing.SOURCES, "total")]
    # summary
    blocks.append(Heading(_t("doc.summary", lang)))
    rows = []
    for code, row in tables.objectives.iterrows():
        rows.append(
            (
                code,
                row["title"],
                row["gcm"],
                str(row["measures"]),
                *(money(row[s], lang) for s in (*costing.SOURCES, "total")),
                format_value("share", row["gap_share"], lang),
            )
        )
    src = tables.sources
    rows.append(
        (
            "",
            _t("doc.total", lang),
            "",
            str(len(plan.measures)),
            *(money(src[s], lang) for s in (*costing.SOURCES, "total")),
            format_value("share", src["gap_share"], lang),
        )
    )
    blocks.append(
        DocTable(
            _t("doc.summary_table", lang),
            (
                field_label("objective", lang),
                field_label("title", lang),
                field_label("gcm", lang),
                field_label("measures", lang),
                *money_head,
                field_label("gap_share", lang),
            ),
            tuple(rows),
            widths=(1.4, 8.0, 2.2, 1.6, 2.4, 2.4, 2.4, 2.4, 2.0),
            numeric=(3, 4, 5, 6, 7, 8),
            bold_rows=(len(rows) - 1,),
        )
    )
    blocks.append(
        DocFigure(
            pngs["cost-by-objective"],
            _t("chart.by_objective", lang),
            note=footer(plan, lang),
            alt=_t("alt.by_objective", lang),
            width_cm=17.0,
        )
    )
    # one table per specific objective
    blocks.append(Heading(_t("doc.measures", lang), page_break=True))
    measure_head = (
        field_label("code", lang),
        _t("doc.measure_activities", lang),
        _t("doc.institutions", lang),
        _t("doc.timeline", lang),
        *money_head,
        field_label("output_indicators", lang),
    )
    for o in plan.objectives:
        blocks.append(Heading(f"{o.code} {o.title}", level=2))
        gcm = "; ".join(f"{g} {content('gcm_objectives', g, 'title', lang)}" for g in o.gcm)
        blocks.append(Paragraph(_t("doc.serves", lang, gcm=gcm or "–"), small=True, keep=True))
        why = [_t("doc.rank", lang, rank=o.rank)] if o.rank is not None else []
        if o.decision:
            why.append(
                text(
                    "plan.objective.decision",
                    lang,
                    decision=text(f"session.decision.{o.decision}", lang),
                )
            )
        if o.shortfall:
            why.append(text("plan.objective.shortfall", lang, codes=", ".join(o.shortfall)))
        if why:
            blocks.append(Paragraph(" ".join(why), small=True, keep=True))
        rows = []
        own = plan.measures_of(o.code)
        for m in own:
            activities = f"\n{_t('doc.activities', lang)}: {m.activities}" if m.activities else ""
            outputs = "\n".join(
                f"{i.code} {i.name}" for i in plan.indicators_of(m) if i.level != "outcome"
            ) or "; ".join(m.output_indicators)
            rows.append(
                (
                    m.code,
                    f"{m.measure}{activities}",
                    _institutions_cell(plan, m, lang),
                    f"{m.start or ''} –\n{m.end or ''}",
                    *(money(v or 0.0, lang) for v in (m.cost_state, m.cost_donors, m.unfunded)),
                    money(m.total, lang),
                    outputs,
                )
            )
        if own:
            totals = [
                sum((getattr(m, c) or 0.0) for m in own)
                for c in ("cost_state", "cost_donors", "unfunded")
            ]
            rows.append(
                (
                    "",
                    _t("doc.total", lang),
                    "",
                    "",
                    *(money(v, lang) for v in totals),
                    money(sum(totals), lang),
                    "",
                )
            )
        blocks.append(
            DocTable(
                _t("doc.measures_of", lang, code=o.code),
                measure_head,
                tuple(rows),
                widths=(1.5, 7.0, 4.0, 1.9, 2.0, 2.0, 2.0, 2.0, 3.3),
                numeric=(4, 5, 6, 7),
                bold_rows=(len(rows) - 1,) if own else (),
                note=amounts,
            )
        )
        outcome = [
            i for i in plan.indicators if i.level == "outcome" and i.code.split(".")[0] == o.code
        ]
        if outcome:
            blocks.append(
                DocTable(
                    _t("doc.outcomes_of", lang, code=o.code),
                    (
                        field_label("code", lang),
                        field_label("name", lang),
                        field_label("baseline", lang),
                        field_label("target", lang),
                        field_label("source", lang),
                        field_label("linked_measures", lang),
                    ),
                    tuple(
                        (
                            i.code,
                            i.name,
                            _with_year(i.baseline, i.baseline_year, lang),
                            _with_year(i.target, i.target_year, lang),
                            i.source,
                            "; ".join(i.linked_measures),
                        )
                        for i in outcome
                    ),
                    widths=(1.8, 10.0, 2.6, 2.6, 5.0, 3.7),
                )
            )
    blocks += _annex(plan, tables, lang, pngs)
    return PlanDocument(
        title=info.title or _t("untitled", lang),
        subtitle=_t("subtitle", lang, period=info.period, currency=info.currency),
        lang=language(lang).locale.replace("_", "-"),
        blocks=tuple(blocks),
        header=" · ".join(
            p
            for p in (
                info.title,
                info.period,
                _t("illustrative_short", lang) if info.illustrative else "",
            )
            if p
        ),
        labels=tuple((k, _t(f"doc.label_{k}", lang)) for k in ("table", "figure", "page", "of")),
    )


def _annex(plan: ActionPlan, tables: PlanTables, lang: str, pngs: dict[str, Path]) -> list[Any]:
    """Timeline, indicator passports, alignment, coverage and totals."""
    from mgi.reports.plan_docx import DocFigure, DocTable, Heading, Paragraph

    currency = _t("thousands", lang, currency=plan.info.currency)
    money_head = [field_label(s, lang, currency=currency) for s in (*costing.SOURCES, "total")]
    blocks: list[Any] = [
        Heading(_t("doc.timeline_heading", lang), page_break=True),
        DocFigure(
            pngs["gantt"],
            _t("chart.gantt", lang),
            note=footer(plan, lang, amounts=False),
            alt=_t("alt.gantt", lang),
        ),
        Heading(_t("doc.passports", lang), page_break=True),
        Paragraph(_t("doc.passports_intro", lang), small=True),
    ]
    rows: list[tuple[str, ...]] = []
    for i in plan.indicators:
        level = text(f"plan.level.{i.level}", lang) if i.level else ""
        frequency = text(f"plan.frequency.{i.frequency}", lang) if i.frequency else ""
        annual = "; ".join(f"{y}: {_number(v, lang)}" for y, v in i.annual_targets)
        target = _with_year(i.target, i.target_year, lang) + (f"\n{annual}" if annual else "")
        rows.append(
            (
                i.code,
                f"{i.name}\n{i.definition}".strip(),
                f"{level}\n{i.unit}".strip(),
                _with_year(i.baseline, i.baseline_year, lang),
                target,
                f"{i.source}\n{frequency}".strip(),
                plan.institution_name(_resolved(plan, i.responsible)),
                "; ".join((*i.linked_measures, *i.mgi)),
            )
        )
    blocks.append(
        DocTable(
            _t("doc.passports_table", lang),
            (
                field_label("code", lang),
                _t("doc.indicator_definition", lang),
                _t("doc.level_unit", lang),
                field_label("baseline", lang),
                field_label("target", lang),
                _t("doc.source_frequency", lang),
                field_label("responsible", lang),
                _t("doc.measures_mgi", lang),
            ),
            tuple(rows),
            widths=(1.8, 8.0, 2.4, 2.2, 2.4, 3.6, 3.3, 2.0),
            font_pt=7.5,
        )
    )
    blocks.append(Heading(_t("doc.alignment", lang), page_break=True))
    blocks.append(Paragraph(_t("doc.alignment_intro", lang), small=True))
    blocks.append(
        DocTable(
            _t("doc.alignment_table", lang),
            (
                field_label("code", lang),
                field_label("measure", lang),
                field_label("gcm", lang),
                field_label("gcm_actions", lang),
                field_label("sdg", lang),
                field_label("eu", lang),
            ),
            tuple(
                (
                    m.code,
                    m.measure,
                    "; ".join(costing.measure_gcm(plan, m)),
                    "; ".join(m.gcm_actions),
                    "; ".join(m.sdg),
                    "; ".join(str(c) for c in m.eu),
                )
                for m in plan.measures
            ),
            widths=(1.6, 11.0, 3.2, 3.0, 3.4, 3.0),
        )
    )
    counts = [
        (
            code,
            str(content("gcm_objectives", code, "short_label", lang)),
            str(int(row["measures"])),
            money(row["total"], lang),
        )
        for code, row in tables.gcm.iterrows()
    ]
    blocks.append(
        DocTable(
            _t("doc.by_gcm_table", lang),
            (
                field_label("gcm", lang),
                field_label("title", lang),
                field_label("measures", lang),
                field_label("total", lang, currency=currency),
            ),
            tuple(counts),
            widths=(2.0, 12.0, 3.0, 4.0),
            numeric=(2, 3),
            note=_t("doc.gcm_rule", lang),
        )
    )
    blocks.append(Heading(_t("doc.coverage", lang), page_break=True))
    blocks.append(Paragraph(_t("doc.coverage_intro", lang), small=True))
    rows = []
    for code, row in tables.coverage.iterrows():
        decision = text(f"session.decision.{row['decision']}", lang) if row["decision"] else "–"
        rows.append(
            (
                code,
                row["gcm"],
                "" if pd.isna(row["rank"]) else str(int(row["rank"])),
                decision,
                str(row["measures"]),
                money(row["total"], lang),
                row["shortfall"],
                row["addressed"],
                row["justified"],
                row["unaddressed"],
            )
        )
    blocks.append(
        DocTable(
            _t("doc.coverage_table", lang),
            (
                field_label("objective", lang),
                field_label("gcm", lang),
                field_label("rank", lang),
                field_label("decision", lang),
                field_label("measures", lang),
                field_label("total", lang, currency=currency),
                field_label("shortfall", lang),
                field_label("addressed", lang),
                field_label("justified", lang),
                field_label("unaddressed", lang),
            ),
            tuple(rows),
            widths=(1.4, 1.8, 1.9, 3.0, 1.8, 2.4, 3.4, 3.4, 3.4, 3.2),
            numeric=(2, 4, 5),
        )
    )
    blocks.append(Heading(_t("doc.totals", lang), page_break=True))
    rows = [
        (
            str(year),
            *(money(row[s], lang) for s in (*costing.SOURCES, "total")),
            format_value("share", row["gap_share"], lang),
        )
        for year, row in tables.years.iterrows()
    ]
    src = tables.sources
    rows.append(
        (
            _t("doc.total", lang),
            *(money(src[s], lang) for s in (*costing.SOURCES, "total")),
            format_value("share", src["gap_share"], lang),
        )
    )
    blocks.append(
        DocTable(
            _t("doc.by_year_table", lang),
            (field_label("year", lang), *money_head, field_label("gap_share", lang)),
            tuple(rows),
            widths=(3.0, 4.0, 4.0, 4.0, 4.0, 3.0),
            numeric=(1, 2, 3, 4, 5),
            bold_rows=(len(rows) - 1,),
        )
    )
    blocks.append(
        DocFigure(
            pngs["cost-by-year"],
            _t("chart.by_year", lang),
            note=footer(plan, lang),
            alt=_t("alt.by_year", lang),
            width_cm=17.0,
        )
    )
    rows = [
        (
            row["name"] or code,
            str(row["measures"]),
            str(row["contributing_to"]),
            *(money(row[s], lang) for s in (*costing.SOURCES, "total")),
        )
        for code, row in tables.institutions.iterrows()
    ]
    blocks.append(
        DocTable(
            _t("doc.by_institution_table", lang),
            (
                field_label("institution", lang),
                field_label("measures", lang),
                field_label("contributing_to", lang),
                *money_head,
            ),
            tuple(rows),
            widths=(9.0, 2.0, 2.6, 3.0, 3.0, 3.0, 3.0),
            numeric=(1, 2, 3, 4, 5, 6),
            note=_t("doc.institution_rule", lang),
        )
    )
    return blocks


# -- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanReport:
    """What :func:`write_plan_report` wrote."""

    folder: Path
    files: tuple[Path, ...]
    tables: PlanTables


def write_plan_report(
    plan: ActionPlan,
    out_dir: str | Path,
    *,
    lang: str | None = None,
    issues: Sequence[Issue] = (),
    inputs: Sequence[str | Path] = (),
    formats: Sequence[str] = ("png", "svg", "pdf"),
) -> PlanReport:
    """Write the plan's report into ``out_dir`` (replaced as a whole, atomically).

    Parameters
    ----------
    plan
        The plan (checked: its errors stop the report before this is called).
    out_dir
        The folder; it must not hold any input, nor files mgi did not write.
    lang
        Language of the report (default: the plan's).
    issues
        The warnings of the check, listed on an Issues sheet.
    inputs
        The files the report is made from (never inside ``out_dir``).
    formats
        Chart formats (PNG always, for the Word document).
    """
    from mgi._io import atomic_directory
    from mgi.reports.export import save_figure
    from mgi.reports.plan_docx import write_plan_docx
    from mgi.workbook.results import write_results_workbook

    lang = language(lang or plan.info.language).code
    tables = plan_tables(plan)
    target = Path(out_dir)
    formats = tuple(dict.fromkeys(("png", *formats)))
    with atomic_directory(target, inputs=inputs) as tmp:
        written: list[Path] = []
        charts = tmp / "charts"
        charts.mkdir()
        pngs: dict[str, Path] = {}
        for stem, fig in plan_figures(plan, tables, lang).items():
            files = save_figure(fig, charts / stem, formats=formats)
            pngs[stem] = files[0]
            written += files
        written.append(write_plan_docx(plan_document(plan, tables, lang, pngs), tmp / DOCUMENT))
        written.append(
            write_results_workbook(results_workbook(plan, tables, lang, issues), tmp / WORKBOOK)
        )
        moved = tuple(target / p.relative_to(tmp) for p in written)
    return PlanReport(target, moved, tables)
