"""The monitoring report (``mgi monitor report``): Word and HTML, a results workbook and charts.

:func:`monitor_document` says what the report says, key findings first, then by specific
objective and by institution, then indicators, budget, trend, the roll-ups by GCM objective
(the table a country reports to the International Migration Review Forum) and by EU chapter,
the MGI indicators since the baseline round, the problems of the reports and how every figure
is computed — every sentence in the report's language. :func:`write_monitor_report` writes it
into one folder, atomically:

``monitoring-report.docx`` and ``monitoring-report.html``
    The same document as Word (landscape A4, the layout of the action plan's document) and as
    one self-contained web page.
``monitoring-results.xlsx``
    Every table with numbers, the problems, and the About sheet (plan, period, every report's
    file and SHA-256, thresholds).
``charts/``
    ``implementation-by-objective``, ``overdue-by-institution``, ``indicator-lights`` (in parts
    of at most :data:`LIGHTS_PER_CHART` indicators: ``indicator-lights-2``...),
    ``budget-execution`` and ``trend`` as PNG (300 dpi), SVG and PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

import pandas as pd

from mgi.i18n import content, format_value, language, text
from mgi.monitor.consolidate import Monitoring
from mgi.monitor.indicators import LIGHTS, SYMBOLS

DOCUMENT = "monitoring-report.docx"
HTML = "monitoring-report.html"
WORKBOOK = "monitoring-results.xlsx"
CHARTS = (
    "implementation-by-objective",
    "overdue-by-institution",
    "indicator-lights",
    "budget-execution",
    "trend",
)
THOUSAND = 1000.0
#: The most indicators one chart of indicator progress shows: a taller chart would be shrunk
#: below a legible size to fit an A4 landscape page under its heading.
LIGHTS_PER_CHART = 10


def _t(key: str, lang: str, **fields: Any) -> str:
    return text(f"monitor.report.{key}", lang, **fields)


def field(key: str, lang: str, **fields: Any) -> str:
    """A column header of the report (``monitor.field.<key>``)."""
    return text(f"monitor.field.{key}", lang, **fields)


def share(value: Any, lang: str) -> str:
    return "–" if value is None or pd.isna(value) else format_value("share", float(value), lang)


def money(value: Any, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return format_value("amount", float(value) / THOUSAND, lang)


def count(value: Any, lang: str) -> str:
    return "–" if value is None or pd.isna(value) else format_value("count", float(value), lang)


def number(value: Any, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    value = float(value)
    return format_value("amount" if value.is_integer() else "score", value, lang)


def light_name(key: str, lang: str) -> str:
    return f"{SYMBOLS[key]} {text(f'monitor.light.{key}', lang)}"


def status_name(key: str, lang: str) -> str:
    return text(f"monitor.status.{key}", lang)


def footer(found: Monitoring, lang: str, *, amounts: bool = False) -> str:
    from mgi.reports.captions import FOOTER_SEPARATOR

    info = found.plan.info
    parts = [info.title or _t("untitled", lang), _t("period", lang, period=str(found.period))]
    if amounts:
        parts.append(_t("amounts", lang, currency=info.currency))
    if found.illustrative:
        parts.append(text("plan.report.illustrative_short", lang))
    return FOOTER_SEPARATOR.join(p for p in parts if p)


# -- charts --------------------------------------------------------------------------------------


def monitor_figures(found: Monitoring, lang: str) -> dict[str, Any]:
    """The charts of the report, with their footers: stem -> matplotlib figure."""
    from mgi.reports import monitor_charts as mc
    from mgi.reports.charts import add_footer

    objectives = found.implementation("objective")
    labels = {
        o.code: f"{o.code} "
        + ", ".join(str(content("gcm_objectives", g, "short_label", lang)) for g in o.gcm)
        for o in found.plan.objectives
    }
    overdue = found.overdue()
    budget = found.current.budget
    currency = found.plan.info.currency
    figures = {
        "implementation-by-objective": mc.bars_figure(
            mc.implementation_bars,
            len(objectives),
            objectives,
            texts={
                "title": _t("chart.implementation", lang, period=str(found.period)),
                "axis": _t("chart.measures_due", lang),
                "completed": status_name("completed", lang),
                "overdue": _t("chart.overdue", lang),
                "none": _t("chart.none_due", lang),
            },
            labels=labels,
            value_format=lambda v: share(v, lang),
        ),
        "overdue-by-institution": mc.bars_figure(
            mc.overdue_bars,
            max(1, len(overdue)),
            overdue,
            texts={
                "title": _t("chart.overdue_title", lang, period=str(found.period)),
                "axis": _t("chart.overdue_axis", lang),
                "reported": _t("chart.reported_late", lang),
                "not_reported": status_name("not_reported", lang),
                "none": _t("chart.no_overdue", lang),
            },
        ),
        **{
            part.stem: mc.bars_figure(
                mc.indicator_lights,
                len(part.indicators),
                part.indicators,
                texts={
                    "title": _t("chart.lights", lang),
                    "axis": _t("chart.lights_axis", lang),
                    "elapsed": _t("chart.elapsed", lang),
                },
                light_names={k: text(f"monitor.light.{k}", lang) for k in LIGHTS},
            )
            for part in light_parts(found, lang)
        },
        "budget-execution": mc.bars_figure(
            mc.budget_bars,
            3,
            budget,
            texts={
                "title": _t("chart.budget", lang, period=str(found.period)),
                "axis": _t("thousands", lang, currency=currency),
                "planned": field("planned", lang),
                "planned_to_date": field("planned_to_date", lang),
                "spent": field("spent", lang),
                "state": text("plan.report.source.state", lang),
                "donors": text("plan.report.source.donors", lang),
                "share": "{share:.0%}",
            },
            value_format=lambda v: money(v, lang),
        ),
        "trend": mc.trend_figure(
            found.trend(),
            texts={
                "title": _t("chart.trend", lang),
                "axis": _t("chart.trend_axis", lang),
                "rate": field("rate", lang),
                "execution": field("execution_to_date", lang),
            },
            value_format=lambda v: share(v, lang),
        ),
    }
    for stem, fig in figures.items():
        add_footer(fig, footer(found, lang, amounts=stem == "budget-execution"))
    return figures


@dataclass(frozen=True)
class LightsPart:
    """One chart of indicator progress: its file stem, its caption (the objectives it shows),
    its indicators and, on the first, how many indicators without a value are not drawn."""

    stem: str
    title: str
    indicators: pd.DataFrame
    not_drawn: int = 0


def light_parts(found: Monitoring, lang: str) -> list[LightsPart]:
    """The charts of indicator progress: the indicators in the order of the specific
    objectives, in parts of at most :data:`LIGHTS_PER_CHART` with an objective's indicators
    together where they fit; the indicators without a value are left out (and counted) when
    any indicator has one."""
    frame = found.current.indicators
    measured = frame[frame["light"] != "no_data"]
    not_drawn = len(frame) - len(measured) if len(measured) else 0
    if len(measured):
        frame = measured
    order = {o.code: k for k, o in enumerate(found.plan.objectives)}
    objective = [str(code).split(".")[0] for code in frame.index]
    rank = pd.Series([order.get(o, len(order)) for o in objective], index=frame.index)
    frame = frame.loc[rank.sort_values(kind="stable").index]
    parts: list[list[str]] = []
    for _, members in groupby(frame.index, key=lambda c: str(c).split(".")[0]):
        group = list(members)
        for k in range(0, len(group), LIGHTS_PER_CHART):
            piece = group[k : k + LIGHTS_PER_CHART]
            if parts and len(parts[-1]) + len(piece) <= LIGHTS_PER_CHART:
                parts[-1] += piece
            else:
                parts.append(piece)
    title = _t("chart.lights", lang)  # the chart's; a caption names the objectives of a part
    found_parts = []
    for n, codes in enumerate(parts or [[]], start=1):
        first, last = (str(codes[i]).split(".")[0] for i in (0, -1)) if codes else ("", "")
        span = first if first == last else f"{first}–{last}"
        found_parts.append(
            LightsPart(
                "indicator-lights" if n == 1 else f"indicator-lights-{n}",
                f"{title} ({span})" if len(parts) > 1 else title,
                frame.loc[codes],
                not_drawn if n == 1 else 0,
            )
        )
    return found_parts


# -- the document --------------------------------------------------------------------------------


def key_findings(found: Monitoring, lang: str) -> list[str]:
    """The key findings, one sentence each, most important first."""
    overall = found.current.overall
    lines = []
    if overall["due"]:
        lines.append(
            _t(
                "finding.rate",
                lang,
                rate=share(overall["rate"], lang),
                completed=int(overall["completed"]),
                due=int(overall["due"]),
                period=str(found.period),
            )
        )
    else:
        lines.append(_t("finding.none_due", lang, period=str(found.period)))
    if overall["completed_early"]:
        lines.append(_t("finding.early", lang, count=int(overall["completed_early"])))
    overdue = found.overdue()
    if len(overdue):
        worst = "; ".join(
            f"{row['name']} ({int(row['overdue'])})" for _, row in overdue.head(3).iterrows()
        )
        lines.append(_t("finding.overdue", lang, count=int(overall["overdue"]), institutions=worst))
    reports, missing = found.current.reports, found.current.missing
    lines.append(
        _t("finding.reports", lang, count=len(reports), expected=len(reports) + len(missing))
    )
    if missing:
        names = "; ".join(found.plan.institution_name(c) for c in missing)
        lines.append(_t("finding.missing", lang, names=names))
    lights = found.current.indicators["light"].value_counts()
    lines.append(
        _t(
            "finding.indicators",
            lang,
            **{k: int(lights.get(k, 0)) for k in LIGHTS},
        )
    )
    budget = found.current.budget
    lines.append(
        _t(
            "finding.budget",
            lang,
            spent=money(budget.loc["funded", "spent"], lang),
            planned=money(budget.loc["funded", "planned_to_date"], lang),
            share=share(budget.loc["funded", "execution_to_date"], lang),
            gap=money(budget.loc["unfunded", "planned"], lang),
            currency=found.plan.info.currency,
        )
    )
    if found.earlier:
        first = found.earlier[-1]
        lines.append(
            _t(
                "finding.trend",
                lang,
                earlier=str(first.period),
                before=share(first.overall["rate"], lang),
                now=share(overall["rate"], lang),
            )
        )
    if found.mgi is not None and not found.mgi.empty:
        changes = found.mgi["change"].value_counts()
        lines.append(
            _t(
                "finding.mgi",
                lang,
                improved=int(changes.get("improved", 0)),
                regressed=int(changes.get("regressed", 0)),
                total=len(found.mgi),
                rounds=" → ".join(found.mgi_rounds or ()),
            )
        )
    if found.warnings:
        lines.append(_t("finding.problems", lang, count=len(found.warnings)))
    return lines


def _rates_rows(frame: pd.DataFrame, lang: str, name: Any = None) -> tuple[tuple[str, ...], ...]:
    rows = []
    for key, row in frame.iterrows():
        rows.append(
            (
                str(key) if name is None else name(key),
                count(row["due"], lang),
                count(row["completed"], lang),
                share(row["rate"], lang),
                count(row["overdue"], lang),
                count(row["not_reported"], lang),
                count(row["completed_early"], lang),
                count(row["measures"], lang),
            )
        )
    return tuple(rows)


def _rates_header(first: str, lang: str) -> tuple[str, ...]:
    return (
        first,
        *(
            field(k, lang)
            for k in ("due", "completed", "rate", "overdue", "not_reported", "completed_early")
        ),
        field("measures", lang),
    )


def monitor_document(found: Monitoring, lang: str, pngs: dict[str, Path]) -> Any:
    """What the Word and HTML report say (a :class:`~mgi.reports.plan_docx.PlanDocument`)."""
    from mgi.monitor.budget import budget_by_objective
    from mgi.reports.plan_docx import DocFigure, DocTable, Heading, Paragraph, PlanDocument

    plan, info = found.plan, found.plan.info
    period = str(found.period)
    currency = _t("thousands", lang, currency=info.currency)
    blocks: list[Any] = []
    if found.illustrative:
        blocks.append(Paragraph(text("notice.illustrative_demo", lang), boxed=True))
    blocks.append(Heading(_t("findings", lang)))
    blocks += [Paragraph(f"• {line}") for line in key_findings(found, lang)]
    blocks.append(
        DocFigure(
            pngs["implementation-by-objective"],
            _t("chart.implementation", lang, period=period),
            alt=_t("alt.implementation", lang),
            width_cm=17.0,
        )
    )
    if lang != "en":
        blocks.append(Paragraph(text("notice.unofficial_translation", lang), small=True))
    # by specific objective
    blocks.append(Heading(_t("by_objective", lang), page_break=True))
    objectives = found.implementation("objective")
    titles = {o.code: f"{o.code} {o.title}" for o in plan.objectives}
    blocks.append(
        DocTable(
            _t("table.by_objective", lang, period=period),
            _rates_header(field("objective", lang), lang),
            _rates_rows(objectives, lang, lambda c: titles.get(c, c)),
            widths=(9.0, 2.0, 2.0, 2.0, 2.0, 2.2, 2.4, 2.0),
            numeric=(1, 2, 3, 4, 5, 6, 7),
        )
    )
    status = found.current.status
    indicators = found.current.indicators
    for o in plan.objectives:
        own = status[status["objective"] == o.code]
        if own.empty:
            continue
        blocks.append(Heading(titles[o.code], level=2))
        rows = []
        for code, row in own.iterrows():
            spent = sum(v for v in (row["spent_state"], row["spent_donors"]) if pd.notna(v))
            notes = "\n".join(x for x in (row["evidence"], row["comment"]) if x)
            rows.append(
                (
                    code,
                    row["measure"],
                    plan.institution_name(row["institution"]),
                    row["end"],
                    status_name(row["status"], lang)
                    + (f"\n{_t('overdue_mark', lang)}" if row["overdue"] else ""),
                    share(row["progress"] / 100 if pd.notna(row["progress"]) else None, lang),
                    money(spent, lang) if row["status"] != "not_reported" else "–",
                    notes,
                )
            )
        blocks.append(
            DocTable(
                _t("table.measures_of", lang, code=o.code),
                (
                    field("code", lang),
                    field("measure", lang),
                    field("institution", lang),
                    field("end", lang),
                    field("status", lang),
                    field("progress", lang),
                    field("spent_total", lang, unit=currency),
                    field("evidence", lang),
                ),
                tuple(rows),
                widths=(1.6, 7.4, 4.0, 1.7, 2.4, 1.8, 2.2, 4.6),
                numeric=(5, 6),
            )
        )
        own_indicators = indicators[[c.split(".")[0] == o.code for c in indicators.index]]
        if len(own_indicators):
            blocks.append(_indicator_table(own_indicators, lang, o.code, found))
    # by institution
    blocks.append(Heading(_t("by_institution", lang), page_break=True))
    institutions = found.implementation("institution")
    blocks.append(
        DocTable(
            _t("table.by_institution", lang, period=period),
            _rates_header(field("institution", lang), lang),
            _rates_rows(institutions, lang, plan.institution_name),
            widths=(9.0, 2.0, 2.0, 2.0, 2.0, 2.2, 2.4, 2.0),
            numeric=(1, 2, 3, 4, 5, 6, 7),
        )
    )
    overdue = found.overdue()
    blocks.append(
        DocFigure(
            pngs["overdue-by-institution"],
            _t("chart.overdue_title", lang, period=period),
            alt=_t("alt.overdue", lang),
            width_cm=17.0,
        )
    )
    if len(overdue):
        blocks.append(
            DocTable(
                _t("table.overdue", lang, period=period),
                (
                    field("institution", lang),
                    field("overdue", lang),
                    field("not_reported", lang),
                    status_name("delayed", lang),
                    field("measures", lang),
                ),
                tuple(
                    (
                        row["name"],
                        count(row["overdue"], lang),
                        count(row["not_reported"], lang),
                        count(row["delayed"], lang),
                        row["measures"],
                    )
                    for _, row in overdue.iterrows()
                ),
                widths=(9.0, 2.4, 2.4, 2.4, 9.5),
                numeric=(1, 2, 3),
            )
        )
    # indicators
    blocks.append(Heading(_t("indicators", lang), page_break=True))
    blocks.append(
        Paragraph(
            _t(
                "indicators_intro",
                lang,
                on_track=format_value("ratio", found.thresholds.on_track, lang),
                behind=format_value("ratio", found.thresholds.behind, lang),
            ),
            small=True,
        )
    )
    for part in light_parts(found, lang):
        note = ""
        if part.not_drawn:
            note = _t("lights_not_drawn", lang, count=part.not_drawn, period=period)
        blocks.append(
            DocFigure(
                pngs[part.stem], part.title, note=note, alt=_t("alt.lights", lang), width_cm=17.0
            )
        )
    blocks.append(_indicator_table(indicators, lang, None, found))
    # budget
    blocks.append(Heading(_t("budget", lang), page_break=True))
    blocks.append(Paragraph(_t("budget_intro", lang), small=True))
    budget = found.current.budget
    blocks.append(
        DocTable(
            _t("table.budget", lang, period=period),
            (
                field("source", lang),
                field("planned", lang),
                field("planned_to_date", lang),
                field("spent", lang),
                field("execution_to_date", lang),
                field("execution", lang),
            ),
            tuple(
                (
                    _t(f"source.{key}", lang),
                    money(row["planned"], lang),
                    money(row["planned_to_date"], lang),
                    money(row["spent"], lang),
                    share(row["execution_to_date"], lang),
                    share(row["execution"], lang),
                )
                for key, row in budget.iterrows()
            ),
            widths=(6.0, 3.5, 3.5, 3.5, 3.5, 3.5),
            numeric=(1, 2, 3, 4, 5),
            note=_t("amounts", lang, currency=info.currency),
        )
    )
    blocks.append(
        DocFigure(
            pngs["budget-execution"],
            _t("chart.budget", lang, period=period),
            alt=_t("alt.budget", lang),
            width_cm=17.0,
        )
    )
    by_objective = budget_by_objective(plan, status, found.period)
    blocks.append(
        DocTable(
            _t("table.budget_objective", lang, period=period),
            (
                field("objective", lang),
                field("planned_to_date", lang),
                field("spent", lang),
                field("execution_to_date", lang),
                field("unfunded", lang),
            ),
            tuple(
                (
                    titles.get(code, code),
                    money(row["planned_to_date"], lang),
                    money(row["spent"], lang),
                    share(row["execution_to_date"], lang),
                    money(row["unfunded"], lang),
                )
                for code, row in by_objective.iterrows()
            ),
            widths=(10.0, 3.5, 3.5, 3.5, 3.5),
            numeric=(1, 2, 3, 4),
            note=_t("amounts", lang, currency=info.currency),
        )
    )
    # trend
    trend = found.trend()
    blocks.append(Heading(_t("trend", lang), page_break=True))
    blocks.append(
        DocFigure(
            pngs["trend"],
            _t("chart.trend", lang),
            alt=_t("alt.trend", lang),
            width_cm=17.0,
        )
    )
    blocks.append(
        DocTable(
            _t("table.trend", lang),
            (
                field("period", lang),
                field("due", lang),
                field("completed", lang),
                field("rate", lang),
                field("overdue", lang),
                field("reports", lang),
                field("spent", lang),
                field("planned_to_date", lang),
                *(light_name(k, lang) for k in LIGHTS),
            ),
            tuple(
                (
                    str(p),
                    count(row["due"], lang),
                    count(row["completed"], lang),
                    share(row["rate"], lang),
                    count(row["overdue"], lang),
                    f"{int(row['reports'])}/{int(row['expected'])}",
                    money(row["spent"], lang),
                    money(row["planned_to_date"], lang),
                    *(count(row[k], lang) for k in LIGHTS),
                )
                for p, row in trend.iterrows()
            ),
            widths=(1.8, 1.6, 1.8, 1.6, 1.6, 1.6, 2.4, 2.4, 2.2, 2.2, 2.2, 2.2, 2.2),
            numeric=tuple(range(1, 13)),
        )
    )
    # roll-ups
    blocks += _rollups(found, lang)
    if found.mgi is not None:
        blocks += _mgi_blocks(found, lang)
    # problems and method
    blocks.append(Heading(_t("problems", lang), page_break=True))
    if found.warnings:
        from mgi.i18n.issues import render

        blocks += [Paragraph(render(i, lang), small=True) for i in found.warnings]
    else:
        blocks.append(Paragraph(_t("no_problems", lang)))
    blocks.append(Heading(_t("method", lang)))
    blocks += [
        Paragraph(_t(f"method.{k}", lang), small=True)
        for k in ("due", "rate", "overdue", "indicators", "budget", "counting")
    ]
    blocks.append(
        Paragraph(
            _t(
                "method.thresholds",
                lang,
                on_track=format_value("ratio", found.thresholds.on_track, lang),
                behind=format_value("ratio", found.thresholds.behind, lang),
                source=found.thresholds.source,
            ),
            small=True,
        )
    )
    blocks.append(
        DocTable(
            _t("table.reports", lang),
            (field("institution", lang), field("file", lang), "SHA-256"),
            tuple(
                (plan.institution_name(r.institution), r.file, r.source.get("sha256", "")[:16])
                for r in found.current.reports
            ),
            widths=(9.0, 9.0, 7.0),
        )
    )
    return PlanDocument(
        title=_t("title", lang, period=period),
        subtitle=_t(
            "subtitle",
            lang,
            plan=info.title or _t("untitled", lang),
            edition=info.edition,
            start=str(info.start),
            end=str(info.end),
        ),
        lang=language(lang).locale.replace("_", "-"),
        blocks=tuple(blocks),
        header=" · ".join(
            p
            for p in (
                _t("title", lang, period=period),
                info.title,
                text("plan.report.illustrative_short", lang) if found.illustrative else "",
            )
            if p
        ),
        labels=tuple(
            (k, text(f"plan.report.doc.label_{k}", lang)) for k in ("table", "figure", "page", "of")
        ),
    )


def _indicator_table(frame: pd.DataFrame, lang: str, code: str | None, found: Monitoring) -> Any:
    from mgi.reports.plan_docx import DocTable

    with_mgi = found.mgi is not None
    midterm = (found.mgi_rounds or ("", ""))[1]
    rows = []
    for key, row in frame.iterrows():
        when = row["date"]
        if when and row["source"] == "MGI":  # the mid-term round's score, on its date
            when = _t("mgi_value", lang, round=midterm, date=when)
        values = [
            key,
            f"{row['name']}\n{row['unit']}".strip(),
            _with_year(number(row["baseline"], lang), row["baseline_year"]),
            _with_year(number(row["target"], lang), row["target_year"]),
            number(row["value"], lang) + (f"\n{when}" if when else ""),
            share(row["covered"], lang),
            share(row["elapsed"], lang),
            light_name(row["light"], lang),
        ]
        if with_mgi:
            values.append(
                format_value("change", row["mgi_change"], lang)
                if pd.notna(row["mgi_change"])
                else "–"
            )
        rows.append(tuple(values))
    header = [
        field("code", lang),
        field("indicator", lang),
        field("baseline", lang),
        field("target", lang),
        field("value", lang),
        field("covered", lang),
        field("elapsed", lang),
        field("light", lang),
    ]
    widths = [1.9, 7.5, 2.4, 2.4, 2.6, 1.9, 1.9, 2.6]
    if with_mgi:
        header.append(field("mgi_change", lang))
        widths.append(2.2)
    title = _t("table.indicators_of", lang, code=code) if code else _t("table.indicators", lang)
    numeric = (5, 6, 8) if with_mgi else (5, 6)
    return DocTable(title, tuple(header), tuple(rows), widths=tuple(widths), numeric=numeric)


def _with_year(value: str, year: Any) -> str:
    """``100 (2027)``, the year kept on the number's line (a no-break space)."""
    return value + (f"\u00a0({int(year)})" if pd.notna(year) else "")


def _answer(value: Any) -> str:
    """An answer of an MGI round as the report prints it ("–" where the round has none)."""
    return "–" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _rollups(found: Monitoring, lang: str) -> list[Any]:
    from mgi.reports.plan_docx import Heading, Paragraph

    blocks: list[Any] = [Heading(_t("imrf", lang), page_break=True)]
    blocks.append(Paragraph(_t("imrf_intro", lang), small=True))
    blocks.append(
        _rollup_table(
            _t("table.imrf", lang, period=str(found.period)),
            "gcm",
            found.gcm_rollup(),
            lambda g: f"{g} {content('gcm_objectives', g, 'short_label', lang)}",
            lang,
            lights=True,
            widths=(5.5, 1.8, 1.7, 1.5, 1.7, 1.6, 1.6, 2.2, 1.6, 1.6, 1.6, 1.6, 1.6),
        )
    )
    eu = found.eu_rollup()
    if len(eu):
        blocks.append(
            _rollup_table(
                _t("table.eu", lang, period=str(found.period)),
                "eu",
                eu,
                lambda c: f"{c} {content('eu_chapters', str(c), 'title', lang)}",
                lang,
                lights=False,
                widths=(8.0, 3.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0),
            )
        )
    return blocks


def _rollup_table(
    title: str,
    key: str,
    frame: pd.DataFrame,
    name_of: Callable[[Any], str],
    lang: str,
    *,
    lights: bool,
    widths: tuple[float, ...],
) -> Any:
    """A roll-up of the implementation (by GCM objective or EU chapter): its name, objectives,
    measures due and completed, the rate, overdue measures and spending, and with ``lights``
    the count of indicators under each traffic light."""
    shown = LIGHTS if lights else ()
    headers = (
        field(key, lang),
        *(field(c, lang) for c in ("objectives", "measures", "due", "completed", "rate")),
        field("overdue", lang),
        field("spent", lang),
        *(light_name(k, lang) for k in shown),
    )
    rows = tuple(
        (
            name_of(code),
            row["objectives"],
            count(row["measures"], lang),
            count(row["due"], lang),
            count(row["completed"], lang),
            share(row["rate"], lang),
            count(row["overdue"], lang),
            money(row["spent"], lang),
            *(count(row[k], lang) for k in shown),
        )
        for code, row in frame.iterrows()
    )
    from mgi.reports.plan_docx import DocTable

    return DocTable(title, headers, rows, widths=widths, numeric=tuple(range(2, len(headers))))


def _mgi_blocks(found: Monitoring, lang: str) -> list[Any]:
    from mgi.reports.plan_docx import DocTable, Heading, Paragraph

    if found.mgi is None:  # the caller asks only when there is a change of the MGI
        return []
    rounds = found.mgi_rounds or ("", "")
    blocks: list[Any] = [
        Heading(_t("mgi", lang), page_break=True),
        Paragraph(_t("mgi_intro", lang, baseline=rounds[0], midterm=rounds[1]), small=True),
    ]
    rows = []
    for _, row in found.mgi.iterrows():
        rows.append(
            (
                row["objective"],
                row["gcm"],
                row["code"],
                _answer(row["earlier_answer"]),
                _answer(row["later_answer"]),
                format_value("value_change", row["value_change"], lang)
                if pd.notna(row["value_change"])
                else "–",
                text(f"monitor.change.{str(row['change']).replace(' ', '_')}", lang)
                if isinstance(row["change"], str)
                else "–",
            )
        )
    blocks.append(
        DocTable(
            _t("table.mgi", lang),
            (
                field("objective", lang),
                field("gcm", lang),
                field("mgi_indicator", lang),
                field("baseline_answer", lang, round=rounds[0]),
                field("midterm_answer", lang, round=rounds[1]),
                field("value_change", lang),
                field("change", lang),
            ),
            tuple(rows),
            widths=(2.0, 2.4, 2.4, 5.0, 5.0, 2.6, 3.0),
            numeric=(5,),
        )
    )
    return blocks


# -- the results workbook ------------------------------------------------------------------------


def about_rows(found: Monitoring, lang: str) -> list[tuple[str, Any]]:
    from mgi import __version__

    plan = found.plan
    rows: list[tuple[str, Any]] = [
        (_t("about.plan", lang), plan.info.title),
        (_t("about.period", lang), str(found.period)),
        (_t("about.edition", lang), plan.info.edition),
        (_t("about.plan_file", lang), plan.source.get("file", "")),
        ("SHA-256", plan.source.get("sha256", "")),
        (text("plan.report.about.digest", lang), plan.digest()),
        (
            _t("about.thresholds", lang),
            f"on_track {found.thresholds.on_track}, behind {found.thresholds.behind} "
            f"({found.thresholds.source})",
        ),
    ]
    rows += [
        (
            _t("about.report", lang, institution=r.institution),
            f"{r.file} {r.source.get('sha256', '')}",
        )
        for r in found.current.reports
    ]
    for figures in found.earlier:
        rows += [
            (
                _t("about.earlier_report", lang, institution=r.institution, period=str(r.period)),
                f"{r.file} {r.source.get('sha256', '')}",
            )
            for r in figures.reports
        ]
    rows += [(_t("about.language", lang), language(lang).name), ("mgi", __version__)]
    if found.illustrative:
        rows.insert(0, (_t("about.notice", lang), text("notice.illustrative_demo", lang)))
    return rows


def results_workbook(found: Monitoring, lang: str) -> Any:
    """What ``monitoring-results.xlsx`` holds."""
    from mgi.i18n import excel_format
    from mgi.i18n.issues import localized
    from mgi.monitor.budget import budget_by_objective
    from mgi.workbook.results import ResultsWorkbook, ResultTable, issues_table

    fmt = {
        "share": excel_format("share", lang),
        "amount": excel_format("amount", lang),
    }
    shares = {"rate", "execution", "execution_to_date", "covered", "elapsed", "progress_share"}
    amounts = {
        "planned",
        "planned_to_date",
        "spent",
        "planned_state",
        "planned_donors",
        "unfunded",
        "spent_state",
        "spent_donors",
    }

    def table(key: str, frame: pd.DataFrame, **kwargs: Any) -> ResultTable:
        names = {c: field(c, lang) if _has_field(c) else str(c) for c in frame.columns}
        out = frame.rename(columns=names)
        if frame.index.name and _has_field(frame.index.name):
            out.index.name = field(frame.index.name, lang)
        formats = {names[c]: fmt["share"] for c in frame.columns if c in shares}
        formats |= {names[c]: fmt["amount"] for c in frame.columns if c in amounts}
        return ResultTable(
            _t(f"sheet.{key}", lang),
            out,
            _t(f"caption.{key}", lang),
            number_formats=formats,
            **kwargs,
        )

    status = found.current.status.copy()
    status["status"] = status["status"].map(lambda s: status_name(s, lang))
    for column in ("gcm", "eu"):
        status[column] = status[column].map(lambda v: "; ".join(str(x) for x in v))
    indicators = found.current.indicators.copy()
    indicators["light"] = indicators["light"].map(lambda k: light_name(k, lang))
    indicators["level"] = indicators["level"].map(
        lambda k: text(f"plan.level.{k}", lang) if k else ""
    )
    overall = found.implementation().rename(index={"all": _t("sheet.overall", lang)})
    budget = found.current.budget.rename(index=lambda k: _t(f"source.{k}", lang))
    tables = [
        table("overall", overall),
        table("by_objective", found.implementation("objective")),
        table("by_gcm", found.implementation("gcm")),
        table("by_eu", found.implementation("eu")),
        table("by_institution", found.implementation("institution")),
        table("by_year", found.implementation("end_year")),
        table("overdue", found.overdue()),
        table("measures", status, wrap=(field("measure", lang),)),
        table("indicators", indicators),
        table("budget", budget),
        table(
            "budget_objective", budget_by_objective(found.plan, found.current.status, found.period)
        ),
        table("trend", found.trend()),
        table("imrf", found.gcm_rollup()),
        table("eu_chapters", found.eu_rollup()),
    ]
    if found.mgi is not None:
        mgi = found.mgi.set_index("objective")
        mgi["change"] = mgi["change"].map(
            lambda k: (
                text(f"monitor.change.{k.replace(' ', '_')}", lang) if isinstance(k, str) else k
            )
        )
        tables.append(table("mgi", mgi))
    if found.issues:
        tables.append(
            issues_table(
                [localized(i, lang) for i in found.issues], name=text("sheet.issues", lang)
            )
        )
    return ResultsWorkbook(
        _t("title", lang, period=str(found.period)),
        tables=tuple(tables),
        subtitle=found.plan.info.title,
        notes=tuple(
            _t(f"method.{k}", lang) for k in ("due", "rate", "overdue", "indicators", "budget")
        ),
        about=tuple(about_rows(found, lang)),
    )


def _has_field(key: Any) -> bool:
    from mgi.i18n import has_text

    return (
        isinstance(key, str)
        and has_text(f"monitor.field.{key}")
        and "{" not in text(f"monitor.field.{key}", "en", unit="", round="")
    )


# -- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonitorReport:
    """What :func:`write_monitor_report` wrote."""

    folder: Path
    files: tuple[Path, ...]


def write_monitor_report(
    found: Monitoring,
    out_dir: str | Path,
    *,
    lang: str | None = None,
    inputs: Sequence[str | Path] = (),
    formats: Sequence[str] = ("png", "svg", "pdf"),
) -> MonitorReport:
    """Write the monitoring report into ``out_dir`` (replaced as a whole, atomically; never
    holding an input, never over files mgi did not write)."""
    from mgi._io import atomic_directory
    from mgi.reports.blocks_html import write_blocks_html
    from mgi.reports.export import figure_svg, save_figure
    from mgi.reports.plan_docx import write_plan_docx
    from mgi.workbook.results import write_results_workbook

    lang = language(lang or found.plan.info.language).code
    formats = tuple(dict.fromkeys(("png", *formats)))
    target = Path(out_dir)
    with atomic_directory(target, inputs=inputs) as tmp:
        written: list[Path] = []
        charts = tmp / "charts"
        charts.mkdir()
        pngs: dict[str, Path] = {}
        svgs: dict[Path, str] = {}
        for stem, fig in monitor_figures(found, lang).items():
            files = save_figure(fig, charts / stem, formats=formats)
            pngs[stem] = files[0]
            svgs[files[0]] = figure_svg(fig)
            written += files
        doc = monitor_document(found, lang, pngs)
        written.append(write_plan_docx(doc, tmp / DOCUMENT))
        written.append(write_blocks_html(doc, svgs, tmp / HTML))
        written.append(write_results_workbook(results_workbook(found, lang), tmp / WORKBOOK))
        moved = tuple(target / p.relative_to(tmp) for p in written)
    return MonitorReport(target, moved)
