"""The sections of a report, in one language: key findings first, technical material last.

:func:`report_content` turns a scorecard and, when given, a prioritisation into the
:class:`~mgi.reports.content.ReportContent` that the HTML report, the Word annex and the results
workbook render. Its order follows what a reader of a national strategy needs first (issue 14):

1. **Key findings**: the key messages, the domain table (scores with neutral band labels, never
   an overall score) and the domain charts;
2. **Domains**: per domain, the well-developed areas and the areas with potential for further
   development, naming the actual questions, as IOM's MGI country profiles do;
3. **GCM objectives** covered by the assessment;
4. **Priorities**: the 23 objectives with their full titles in the order of the consensus across
   methods, with the range of ranks across methods and P(top k), and what lifts each of the top
   ones and what holds it back;
5. **Appendices**: every answer, the scores in detail, the methods compared, the formulas, and
   the provenance (input files with their SHA-256, versions, settings).

Every text comes from the catalogues (:func:`mgi.i18n.text`), every header from the label
dictionary, every number in the format of its kind; the disclaimer is said once, in the boxed
note under the title.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from mgi import __version__
from mgi.i18n import text
from mgi.reports.build import _get, prioritization_frames, scorecard_frames
from mgi.reports.content import (
    Bullets,
    FigureRef,
    FigureText,
    Formula,
    ReportContent,
    Section,
    Table,
)
from mgi.reports.findings import (
    Names,
    band_label,
    domain_findings,
    key_messages,
    method_range,
    number,
    priority_view,
    reasons,
)

#: Outputs of the tables written in the two documents (the workbook has its own, complete ones).
DOCUMENTS = frozenset({"html", "docx"})
WORKBOOK = frozenset({"xlsx"})

_SCORE_FORMATS = {"score": "0.0", "target": "0.0", "gap": "0.0", "share_answered": "0%"}
_SCORE_SCALES = {"score": "high_good", "gap": "high_bad"}
#: Columns of the domain and sub-domain sheets of the workbook, after their names.
_SCORE_COLUMNS = ("score", "band", "status", "target", "gap", "answered", "not_applicable",
                  "missing", "share_answered", "weakest", "strongest")  # fmt: skip


def _sheet(key: str, lang: str, **fields: Any) -> str:
    """A table's name in the language (the sheet name in the workbook, at most 31 characters)."""
    return text(f"report.sheet.{key}", lang, **fields)[:31]


def _shown(
    sheet: str,
    key: str,
    frame: pd.DataFrame,
    lang: str,
    *,
    note: str | None = None,
    fields: Mapping[str, Any] | None = None,
    **options: Any,
) -> Table:
    """A table of the two documents: its name (``report.sheet.<sheet>``), its one-line caption
    (``report.table.<key>.title``) and its note (``report.table.<key>.note``, where there is
    one, unless ``note`` is given) from the catalogues."""
    from mgi.i18n import has_text

    fields = dict(fields or {})
    if note is None:
        key_note = f"report.table.{key}.note"
        note = text(key_note, lang, **fields) if has_text(key_note) else ""
    return Table(
        _sheet(sheet, lang),
        frame,
        text(f"report.table.{key}.title", lang, **fields),
        outputs=DOCUMENTS,
        note=note,
        **options,
    )


def _figures(figures: Mapping[str, FigureRef], *stems: str) -> tuple[FigureRef, ...]:
    return tuple(figures[s] for s in stems if s in figures)


# -- figures -------------------------------------------------------------------------------------


def figure_text(stem: str, lang: str) -> FigureText:
    """What the documents say about a chart: its title (the one-line caption), what it shows
    and how to read it (``chart.<stem>.title``, ``.caption`` and ``.note``)."""
    from mgi.i18n import has_text

    note = f"chart.{stem}.note"
    return FigureText(
        text(f"chart.{stem}.title", lang),
        text(f"chart.{stem}.caption", lang),
        text(note, lang) if has_text(note) else "",
    )


def figure_source(provenance: Mapping[str, Any], lang: str, priorities: bool = False) -> str:
    """The source line of the charts: the assessment (country, round, questionnaire), and for
    the charts of priorities also the consultation, the experts and the agreed weights."""
    prov = provenance or {}
    where = " ".join(str(prov[k]) for k in ("country", "round") if prov.get(k))
    instrument = " ".join(str(prov[k]) for k in ("instrument", "instrument_version") if prov.get(k))
    key = "report.figure.source_priorities" if priorities else "report.figure.source_scores"
    return text(key, lang, assessment=where, instrument=instrument)


# -- the parts -----------------------------------------------------------------------------------


def _every_column(frame: pd.DataFrame, number_format: str | None) -> dict[str, str]:
    """The number format of every column of ``frame`` (none: ``{}``)."""
    if number_format is None:
        return {}
    return dict.fromkeys(map(str, frame.columns), number_format)


def _band_count(scorecard: Any) -> int:
    scheme = getattr(scorecard, "scheme", None)
    labels = getattr(scheme, "band_labels", None)
    try:
        found = labels() if callable(labels) else labels
        return len(found) if found is not None else 4
    except TypeError:
        return 4


def _level(frame: pd.DataFrame, count: int, lang: str) -> list[str]:
    return [
        band_label(row.get("band_level"), count, lang, str(row.get("status", "scored")))
        for _, row in frame.iterrows()
    ]


def _levels(
    frame: pd.DataFrame,
    name_of: Callable[[str], str],
    bands: int,
    lang: str,
    index: str,
    *extra: str,
) -> pd.DataFrame:
    """Name, score, neutral level and gap of each row of a scored table (domains, sub-domains,
    blocks), with the ``extra`` columns it has."""
    shown = pd.DataFrame(index=pd.Index(frame.index, name=index))
    shown["name"] = [name_of(str(c)) for c in frame.index]
    shown["score"] = frame["score"].to_numpy()
    shown["level"] = _level(frame, bands, lang)
    shown["gap"] = frame["gap"].to_numpy()
    for column in extra:
        if column in frame:
            shown[column] = frame[column].to_numpy()
    return shown


def _findings_section(
    frames: Mapping[str, Any],
    pr: Mapping[str, Any] | None,
    figures: Mapping[str, FigureRef],
    names: Names,
    bands: int,
    earlier_round: str,
) -> Section:
    lang = names.lang
    domains = frames["domains"]
    overview = _levels(domains, names.domain, bands, lang, "code")
    change = frames["change"]
    if change is not None:
        overview["score_change"] = change["change"].reindex(domains.index)
    note = text("report.table.domains.note", lang)
    if change is not None:
        note += " " + text("report.table.domains.note_change", lang, earlier=earlier_round)
    table = _shown("domain_overview", "domains", overview, lang, note=note)
    blocks: list[Any] = [
        Bullets(key_messages(frames, pr, names, earlier_round=earlier_round)),
        table,
        *_figures(figures, "domain-profile", "change-since"),
    ]
    return Section("findings", text("report.key_findings", lang), blocks=tuple(blocks))


def _domain_sections(
    frames: Mapping[str, Any],
    figures: Mapping[str, FigureRef],
    names: Names,
    bands: int,
    earlier_round: str,
) -> Section:
    lang = names.lang
    subsections = []
    for found in domain_findings(frames, names, band_count=bands, earlier_round=earlier_round):
        blocks: list[Any] = [found.lead]
        blocks.append(
            Bullets(
                found.well or (text("report.domain.none_well", lang),),
                text("report.well_developed", lang),
            )
        )
        blocks.append(
            Bullets(
                found.further or (text("report.domain.none_further", lang),),
                text("report.further_development", lang),
            )
        )
        subsections.append(Section(f"domain-{found.code}", found.name, blocks=tuple(blocks)))
    blocks_frame = frames.get("cross_cutting")
    if isinstance(blocks_frame, pd.DataFrame) and len(blocks_frame):
        english = blocks_frame["name"].astype(str)
        cc = _levels(
            blocks_frame, lambda c: names.block(c, english[c]), bands, lang, "block", "links"
        )
        subsections.append(
            Section(
                "cross-cutting",
                text("report.section.cross_cutting", lang),
                blocks=(
                    text("report.cross_cutting.intro", lang),
                    _shown("cross_cutting", "cross_cutting", cc, lang),
                ),
            )
        )
    return Section(
        "domains",
        text("report.section.domains", lang),
        blocks=(
            text("report.domains.intro", lang),
            *_figures(figures, "subdomain-gaps"),
            *_score_workbook_tables(frames, lang),
        ),
        subsections=tuple(subsections),
    )


def _score_workbook_tables(frames: Mapping[str, Any], lang: str) -> list[Table]:
    """The complete tables of the scorecard, for the results workbook."""
    subs = frames["subdomains"]
    objectives = frames["objectives"]
    domains = _columns(frames["domains"], ["name", "short_name", *_SCORE_COLUMNS])
    subdomains = _columns(subs, ["domain", "name", *_SCORE_COLUMNS])
    tables = [
        Table(
            _sheet("domains", lang),
            domains,
            text("report.sheet.domains.caption", lang),
            _SCORE_FORMATS,
            _SCORE_SCALES,
            outputs=WORKBOOK,
        ),
        Table(
            _sheet("subdomains", lang),
            subdomains,
            text("report.sheet.subdomains.caption", lang),
            _SCORE_FORMATS,
            _SCORE_SCALES,
            outputs=WORKBOOK,
        ),
        Table(
            _sheet("indicators", lang),
            frames["indicators"],
            text("report.sheet.indicators.caption", lang),
            {"value": "0.00", "subdomain_points_lost": "0.0", "domain_points_lost": "0.0"},
            outputs=WORKBOOK,
            wrap=("question", "evidence", "comment"),
        ),
    ]
    change = frames["change"]
    if change is not None:
        tables.append(
            Table(
                _sheet("change", lang),
                change,
                text("report.sheet.change.caption", lang),
                {"earlier": "0.0", "later": "0.0", "change": "+0.0;-0.0;0.0"},
                outputs=WORKBOOK,
            )
        )
    tables.append(
        Table(
            _sheet("coverage", lang),
            objectives,
            text("report.sheet.coverage.caption", lang),
            _SCORE_FORMATS | {"gap_low": "0.0", "gap_high": "0.0"},
            _SCORE_SCALES,
            outputs=WORKBOOK,
            wrap=("indicators",),
        )
    )
    return tables


def _objective_section(
    frames: Mapping[str, Any], figures: Mapping[str, FigureRef], names: Names, secondary: Any
) -> Section:
    lang = names.lang
    objectives = frames["objectives"]
    blocks: list[Any] = [
        text("report.objectives.intro", lang, secondary=number("weight", secondary, lang)),
        *_figures(figures, "objective-coverage"),
    ]
    few = objectives[
        objectives.get("few_links", pd.Series(False, index=objectives.index))
        .fillna(False)
        .astype(bool)
    ]
    if len(few):
        blocks.append(
            Bullets(
                tuple(
                    text(
                        "report.objectives.few_item",
                        lang,
                        objective=f"{c} {names.objective(c)}",
                        links=number("count", r["links"], lang),
                        gap=number("score", r["gap"], lang),
                        low=number("score", r["gap_low"], lang),
                        high=number("score", r["gap_high"], lang),
                    )
                    for c, r in few.iterrows()
                ),
                text("report.objectives_with_few_links", lang, count=len(few)),
            )
        )
    return Section("objectives", text("report.section.objectives", lang), blocks=tuple(blocks))


def _uncertainty(pr: Mapping[str, Any], lang: str, view: pd.DataFrame) -> str:
    key = "report.uncertainty.all" if view.attrs.get("combined") else "report.uncertainty.weights"
    return text(key, lang)


def _priority_section(
    pr: Mapping[str, Any], figures: Mapping[str, FigureRef], names: Names
) -> Section:
    lang = names.lang
    k = pr["k"]
    view = priority_view(pr)
    settings = pr["settings"]
    methods = list(getattr(pr["ranks"], "columns", [])) or list(settings.get("methods", []))
    method_names = [names.method(m) for m in methods]
    from mgi.reports.findings import join_list

    intro = text(
        "report.priorities.intro",
        lang,
        count=len(methods),
        methods=join_list(method_names, lang),
        k=k,
    )
    table = pd.DataFrame({"rank_consensus": view["rank_consensus"].to_numpy()})
    table["objective"] = list(view.index)
    table["title"] = [names.objective(c, "title") for c in view.index]
    table["method_range"] = [
        method_range(lo, hi) for lo, hi in zip(view["method_low"], view["method_high"], strict=True)
    ]
    p_field = f"p_top{k}"
    has_p = view["p_top"].notna().any()
    if has_p:
        table[p_field] = view["p_top"].to_numpy()
    table = table.set_index("rank_consensus")
    note = text("report.table.priorities.note", lang, k=k)
    if has_p:
        note += " " + text(
            "report.table.priorities.note_p",
            lang,
            k=k,
            sources=_uncertainty(pr, lang, view),
            samples=number("count", settings.get("samples", 0) or 0, lang),
        )
    blocks: list[Any] = [
        intro,
        _shown("priority_list", "priorities", table, lang, wrap=("title",), note=note),
        *_figures(figures, "priority-ranking"),
    ]
    why = reasons(pr, names)
    if why:
        top = view[view["rank_consensus"] <= k]
        frame = pd.DataFrame({"rank_consensus": top["rank_consensus"].to_numpy()})
        frame["short_label"] = [f"{c} {names.objective(c)}" for c in top.index]
        frame["reasons_for"] = [why[c].lifts for c in top.index]
        frame["reasons_against"] = [why[c].holds_back for c in top.index]
        frame = frame.set_index("rank_consensus")
        blocks.append(
            _shown(
                "reasons",
                "reasons",
                frame,
                lang,
                fields={"k": k},
                wrap=("reasons_for", "reasons_against"),
            )
        )
    ref = pr["reference"]
    if ref.get("reference"):
        blocks.append(
            text(
                "report.priorities.reference",
                lang,
                count=len(ref["reference"]),
                overlap=ref.get("overlap", 0),
                k=ref.get("k", k),
                both=", ".join(ref.get("in_both", [])) or "–",
                top_only=", ".join(ref.get("top_k_not_in_reference", [])) or "–",
                reference_only=", ".join(ref.get("reference_not_in_top_k", [])) or "–",
            )
        )
    warnings = [getattr(w, "message", str(w)) for w in pr["warnings"]]
    if warnings:
        blocks.append(Bullets(tuple(warnings), text("report.priorities.flags", lang)))
    blocks.extend(_figures(figures, "criteria-contributions"))
    blocks.extend(_priority_workbook_tables(pr, lang))
    return Section("priorities", text("report.section.priorities", lang), blocks=tuple(blocks))


def _priority_workbook_tables(pr: Mapping[str, Any], lang: str) -> list[Table]:
    """The complete tables of the prioritisation, for the results workbook."""
    table = pr["table"]
    k = pr["k"]
    p_col = next((c for c in table.columns if str(c).startswith("p_top")), None)
    tables = [
        Table(
            _sheet("priorities", lang),
            table.rename(columns={"score": "priority_score"}),
            text("report.sheet.priorities.caption", lang),
            {"priority_score": "0.000"} | ({p_col: "0%"} if p_col else {}),
            {"priority_score": "high_good"},
            outputs=WORKBOOK,
            wrap=("reasons",),
        ),
        Table(
            _sheet("weights", lang),
            pr["weights"],
            text("report.sheet.weights.caption", lang),
            {"default_weight": "0.000", "weight": "0.000"},
            outputs=WORKBOOK,
        ),
    ]
    detail: tuple[tuple[str, Any, str | None], ...] = (
        ("judgements", pr["weights_detail"], None),
        ("matrix", pr["values"], None),
        ("contributions", pr["contributions"], "0.000"),
    )
    for key, frame, number_format in detail:
        if isinstance(frame, pd.DataFrame) and len(frame):
            tables.append(
                Table(
                    _sheet(key, lang),
                    frame,
                    text(f"report.sheet.{key}.caption", lang),
                    _every_column(frame, number_format),
                    outputs=WORKBOOK,
                )
            )
    tables.extend(_uncertainty_tables(pr, lang, table.index))
    sensitivity = pd.DataFrame(index=table.index)
    sensitivity["rank"] = table["rank"]
    if pr["rank_range"] is not None:
        sensitivity = sensitivity.join(pr["rank_range"])
    tkp = pr["top_k_probability"]
    if isinstance(tkp, pd.DataFrame):
        sensitivity = sensitivity.join(tkp.add_prefix(f"p_top{k}_"))
    elif p_col:
        sensitivity[p_col] = table[p_col]
    if pr["ranks"] is not None:
        sensitivity = sensitivity.join(pr["ranks"].add_prefix("rank_"))
    tables.append(
        Table(
            _sheet("sensitivity", lang),
            sensitivity,
            text("report.sheet.sensitivity.caption", lang, k=k),
            {c: "0%" for c in sensitivity.columns if str(c).startswith("p_top")},
            outputs=WORKBOOK,
        )
    )
    if isinstance(pr["acceptability"], pd.DataFrame):
        acc = pr["acceptability"].copy()
        acc.columns = [f"rank {c}" for c in acc.columns]
        tables.append(
            Table(
                _sheet("acceptability", lang),
                acc,
                text("report.sheet.acceptability.caption", lang),
                dict.fromkeys(acc.columns, "0%"),
                outputs=WORKBOOK,
            )
        )
    checks: tuple[tuple[str, Any, str | None], ...] = (
        ("stability", pr["stability"], None),
        ("correlations", pr["correlations"], "0.00"),
    )
    for key, frame, number_format in checks:
        if isinstance(frame, pd.DataFrame):
            tables.append(
                Table(
                    _sheet(key, lang),
                    frame,
                    text(f"report.sheet.{key}.caption", lang, k=k),
                    _every_column(frame, number_format),
                    outputs=WORKBOOK,
                )
            )
    return tables


def _uncertainty_tables(pr: Mapping[str, Any], lang: str, order: pd.Index) -> list[Table]:
    """The tables behind the uncertainty and the flags, for the workbook and the HTML report:
    P(top k) and rank range under each source of uncertainty, the checks on the criteria, the
    stakeholder groups with their effective weights and the respondents' attributes."""
    k = pr["k"]
    shown = WORKBOOK | {"html"}
    tables = []
    uncertainty = pr.get("uncertainty")
    if isinstance(uncertainty, pd.DataFrame) and len(uncertainty):
        tables.append(
            Table(
                _sheet("uncertainty", lang),
                uncertainty.loc[[c for c in order if c in uncertainty.index]],
                text("report.sheet.uncertainty.caption", lang, k=k),
                {c: "0%" for c in uncertainty.columns if str(c).startswith("p_top")},
                outputs=shown,
            )
        )
    checks = pr.get("checks")
    if isinstance(checks, pd.DataFrame) and len(checks):
        tables.append(
            Table(
                _sheet("checks", lang),
                checks,
                text("report.sheet.checks.caption", lang),
                outputs=shown,
            )
        )
    from mgi.workbook.consultation import group_label, known_group

    def named(group: Any) -> Any:
        return group_label(group, lang) if known_group(str(group)) else group

    consultation = pr.get("consultation")
    groups = getattr(consultation, "groups", None)
    if isinstance(groups, pd.DataFrame) and len(groups):
        groups = groups.rename(index=named)
        tables.append(
            Table(
                _sheet("groups", lang),
                groups,
                text("report.sheet.groups.caption", lang),
                {"declared_weight": "0.000", "effective_weight": "0.000", "dont_know_share": "0%"},
                outputs=shown,
            )
        )
    people = getattr(consultation, "respondents", None)
    if isinstance(people, pd.DataFrame) and len(people):
        groups_of = [str(c) for c in people.columns if known_group(str(c))]
        people = people.assign(value=[named(v) for v in people["value"]])
        tables.append(
            Table(
                _sheet("respondents", lang),
                people.set_index(["attribute", "value"]),
                text("report.sheet.respondents.caption", lang),
                outputs=shown,
                kinds=dict.fromkeys(groups_of, "count"),
                headers={g: group_label(g, lang) for g in groups_of},
            )
        )
    return tables


# -- appendices ----------------------------------------------------------------------------------


def _answers_appendix(
    frames: Mapping[str, Any], figures: Mapping[str, FigureRef], names: Names
) -> Section:
    lang = names.lang
    indicators = frames["indicators"]
    shown = pd.DataFrame(index=indicators.index)
    shown["question"] = [names.question(c) for c in indicators.index]
    shown["answer"] = [
        names.answer(str(r.get("scale", "")), r.get("option"), str(r.get("answer", "") or ""))
        if r.get("status") != "missing"
        else text("value.status.missing", lang)
        for _, r in indicators.iterrows()
    ]
    if "domain_points_lost" in indicators:
        shown["domain_points_lost"] = indicators["domain_points_lost"]
    shown.index.name = "indicator"
    return Section(
        "answers",
        text("report.section.answers", lang),
        blocks=(
            text("report.answers.intro", lang),
            *_figures(figures, "indicator-map"),
            _shown("answers", "answers", shown, lang, wrap=("question",)),
        ),
        appendix=True,
    )


def _detail_appendix(frames: Mapping[str, Any], names: Names, bands: int) -> Section:
    lang = names.lang
    subs = frames["subdomains"]
    shown = _levels(subs, names.subdomain, bands, lang, "subdomain", "answered", "applicable")
    objectives = frames["objectives"]
    cover = pd.DataFrame(index=objectives.index)
    cover["short_label"] = [names.objective(c) for c in objectives.index]
    cover["score"] = objectives["score"]
    cover["gap"] = objectives["gap"]
    if {"gap_low", "gap_high"} <= set(objectives.columns):
        cover["gap_range"] = [
            ""
            if pd.isna(lo) or pd.isna(hi)
            else f"{number('score', lo, lang)}–{number('score', hi, lang)}"
            for lo, hi in zip(objectives["gap_low"], objectives["gap_high"], strict=True)
        ]
    for column in ("primary", "secondary"):
        if column in objectives:
            cover[column] = objectives[column]
    cover.index.name = "objective"
    blocks: list[Any] = [
        _shown("subdomain_scores", "subdomains", shown, lang),
        _shown("objective_scores", "objectives", cover, lang),
    ]
    return Section(
        "detail", text("report.section.detail", lang), blocks=tuple(blocks), appendix=True
    )


def _capital(words: str) -> str:
    """``weighted sum`` → ``Weighted sum`` (a method's name heading a column)."""
    return words[:1].upper() + words[1:]


def _columns(frame: pd.DataFrame, wanted: Sequence[str]) -> pd.DataFrame:
    return frame[[c for c in wanted if c in frame.columns]]


def _methods_appendix(
    pr: Mapping[str, Any], figures: Mapping[str, FigureRef], names: Names
) -> Section:
    lang = names.lang
    k = pr["k"]
    settings = pr["settings"]
    view = priority_view(pr)
    ranks = pr["ranks"]
    frame = pd.DataFrame(index=view.index)
    frame["short_label"] = [names.objective(c) for c in view.index]
    frame["rank_consensus"] = view["rank_consensus"]
    # The method's name alone heads its column: the caption says these are ranks.
    headers = {"rank_consensus": _capital(names.method("consensus"))}
    if isinstance(ranks, pd.DataFrame):
        for method in ranks.columns:
            frame[f"rank_{method}"] = ranks[method].reindex(view.index)
            headers[f"rank_{method}"] = _capital(names.method(method))
    range_table = pr["rank_range"]
    if isinstance(range_table, pd.DataFrame):
        frame["rank_min"] = range_table["rank_min"].reindex(view.index)
        frame["rank_max"] = range_table["rank_max"].reindex(view.index)
    frame.index.name = "objective"
    blocks: list[Any] = [
        text(
            "report.methods.intro",
            lang,
            samples=number("count", settings.get("samples", 0) or 0, lang),
            seed=settings.get("seed", ""),
            sources=_uncertainty(pr, lang, view),
        ),
        *_figures(figures, "method-comparison", "rank-acceptability"),
        _shown("method_ranks", "methods", frame, lang, headers=headers),
    ]
    correlations = pr["correlations"]
    if isinstance(correlations, pd.DataFrame) and len(correlations):
        corr = correlations.copy()
        corr.index = [_capital(names.method(m)) for m in corr.index]
        corr.columns = [_capital(names.method(m)) for m in corr.columns]
        corr.index.name = "method"
        blocks.append(
            _shown(
                "method_correlations",
                "correlations",
                corr,
                lang,
                kinds=dict.fromkeys(corr.columns, "correlation"),
                headers={c: c for c in corr.columns},
            )
        )
    # Criteria by their names (their codes are the profile's, not the reader's).
    weights = pr["weights"]
    english = weights.get("label", pd.Series(dtype=object))
    named = {c: names.criterion(c, str(english.get(c, c))) for c in weights.index}
    criteria = pd.DataFrame(index=pd.Index([named[c] for c in weights.index], name="criterion"))
    for column in ("source", "direction", "default_weight", "weight"):
        if column in weights:
            criteria[column] = weights[column].to_numpy()
    blocks.append(_shown("criteria", "criteria", criteria, lang))
    stability = pr["stability"]
    if isinstance(stability, pd.DataFrame) and {"topk_lower", "topk_upper"} <= set(
        stability.columns
    ):
        stab = pd.DataFrame(
            index=pd.Index([named.get(c, c) for c in stability.index], name="criterion")
        )
        for column in ("weight", "topk_lower", "topk_upper"):
            if column in stability:
                stab[column] = stability[column].to_numpy()
        blocks.append(_shown("stability_intervals", "stability", stab, lang, fields={"k": k}))
    return Section(
        "methods", text("report.section.methods", lang), blocks=tuple(blocks), appendix=True
    )


def _methodology_appendix(scorecard: Any, pr: Mapping[str, Any] | None, lang: str) -> Section:
    settings = dict(_get(scorecard, "settings", {}) or {})
    secondary = settings.get("secondary_weight", 0.5)
    paragraphs: list[Any] = [text("report.methodology.intro", lang)]
    formulas = [
        Formula(text("report.formula.value", lang), text("report.formula.value.where", lang)),
        Formula(
            text("report.formula.subdomain", lang), text("report.formula.subdomain.where", lang)
        ),
        Formula(text("report.formula.domain", lang), text("report.formula.domain.where", lang)),
        Formula(text("report.formula.gap", lang), text("report.formula.gap.where", lang)),
        Formula(
            text("report.formula.objective", lang),
            text(
                "report.formula.objective.where",
                lang,
                secondary=number("weight", secondary, lang),
            ),
        ),
    ]
    paragraphs.append(text("report.methodology.bands", lang))
    if pr is not None:
        s = pr["settings"]
        methods = list(getattr(pr["ranks"], "columns", [])) or list(s.get("methods", []))
        formulas.append(
            Formula(text("report.formula.wsm", lang), text("report.formula.wsm.where", lang))
        )
        if "topsis" in methods:
            formulas.append(
                Formula(
                    text("report.formula.topsis", lang), text("report.formula.topsis.where", lang)
                )
            )
        if "vikor" in methods:
            v = s.get("method_settings", {}).get("vikor", {}).get("v", 0.5)
            formulas.append(
                Formula(
                    text("report.formula.vikor", lang),
                    text("report.formula.vikor.where", lang, v=number("weight", v, lang)),
                )
            )
        if "promethee_ii" in methods:
            formulas.append(
                Formula(
                    text("report.formula.promethee", lang),
                    text("report.formula.promethee.where", lang),
                )
            )
        formulas.append(
            Formula(
                text("report.formula.consensus", lang),
                text("report.formula.consensus.where", lang),
            )
        )
        formulas.append(
            Formula(
                text("report.formula.acceptability", lang),
                text(
                    "report.formula.acceptability.where",
                    lang,
                    samples=number("count", s.get("samples", 0) or 0, lang),
                    seed=s.get("seed", ""),
                ),
            )
        )
    return Section(
        "methodology",
        text("report.section.methodology", lang),
        blocks=(*paragraphs, *formulas),
        appendix=True,
    )


_INPUT_ORDER = ("assessment", "earlier", "sdg", "consultation", "experts", "weights")


def _files(provenance: Mapping[str, Any]) -> pd.DataFrame:
    """Every input and methodology file named in the provenance, with its SHA-256."""
    rows: list[tuple[str, str, str]] = []
    scoring = provenance.get("scoring") or {}
    earlier = provenance.get("earlier_round") or {}
    priorities = provenance.get("prioritization") or {}
    recipe = provenance.get("recipe") or {}
    checksums = recipe.get("checksums") or {}
    inputs = recipe.get("inputs") or {}

    def add(role: str, name: Any, digest: Any) -> None:
        if name and digest and (role, str(name), str(digest)) not in rows:
            rows.append((role, str(name).rsplit("/", 1)[-1], str(digest)))

    add("assessment", scoring.get("assessment_file"), scoring.get("assessment_sha256"))
    add("earlier", earlier.get("assessment_file"), earlier.get("assessment_sha256"))
    for key in _INPUT_ORDER:
        if isinstance(inputs.get(key), str):
            add(key, inputs[key], checksums.get(key))
    for key in ("consultation", "experts", "weights"):
        source = priorities.get(f"source_{key}") or {}
        add(key, source.get("file_name"), source.get("sha256"))
    add("scheme", scoring.get("scheme_file"), scoring.get("scheme_sha256"))
    add(
        "profile",
        priorities.get("profile") and f"{priorities['profile']}.toml",
        priorities.get("profile_sha256"),
    )
    for name, digest in (scoring.get("instrument_files_sha256") or {}).items():
        add("instrument", name, digest)
    return pd.DataFrame(rows, columns=["input", "file", "sha256"]).set_index("input")


def _provenance_appendix(
    provenance: Mapping[str, Any], pr: Mapping[str, Any] | None, issues: pd.DataFrame, lang: str
) -> Section:
    scoring = provenance.get("scoring") or {}
    rows: list[tuple[str, str]] = [("tool_version", f"mgi {__version__}")]
    if scoring.get("instrument"):
        rows.append(
            ("instrument", f"{scoring['instrument']} {scoring.get('instrument_version', '')}")
        )
    if scoring.get("scheme"):
        rows.append(("scheme", f"{scoring['scheme']} {scoring.get('scheme_version', '')}"))
    if scoring.get("mapping_source"):
        rows.append(("mapping", str(scoring["mapping_source"])))
    prio = provenance.get("prioritization") or {}
    if pr is not None:
        s = pr["settings"]
        if prio.get("profile"):
            rows.append(("profile", f"{prio['profile']} {prio.get('profile_version', '')}"))
        names = Names(lang)
        rows.append(("methods", ", ".join(names.method(m) for m in s.get("methods", []))))
        rows.append(("samples", number("count", s.get("samples", 0) or 0, lang)))
        rows.append(("seed", str(s.get("seed", ""))))
        rows.append(("top_k", str(pr["k"])))
    settings = pd.DataFrame(
        {"setting_value": [v.strip() for _, v in rows]},
        index=pd.Index([text(f"report.setting.{k}", lang) for k, _ in rows], name="setting"),
    )
    blocks: list[Any] = [
        text("report.provenance.intro", lang),
        _shown("files", "files", _files(provenance), lang),
        _shown("settings", "settings", settings, lang),
    ]
    # The workbook keeps every field of a problem; the documents say where and what.
    title = text("report.table.issues.title", lang)
    blocks.append(Table(_sheet("issues", lang), issues, title, outputs=WORKBOOK))
    if len(issues):
        shown = issues[["severity", "location", "message"]]
        blocks.append(_shown("issues", "issues", shown, lang, wrap=("message",)))
    else:
        blocks.append(text("report.provenance.no_issues", lang))
    return Section(
        "provenance", text("report.section.provenance", lang), blocks=tuple(blocks), appendix=True
    )


def _issues_frame(lang: str, *sources: Any) -> pd.DataFrame:
    """The problems found in the inputs, their messages and places written in ``lang``."""
    from mgi.i18n.issues import message, where

    rows = []
    for source in sources:
        for issue in getattr(source, "issues", ()) or ():
            known = hasattr(issue, "rule")
            rows.append(
                {
                    "severity": getattr(issue, "severity", ""),
                    "rule": getattr(issue, "rule", ""),
                    "message": message(issue, lang) if known else str(issue),
                    "location": where(issue, lang) if known else "",
                    "file": getattr(issue, "file", "") or "",
                    "sheet": getattr(issue, "sheet", "") or "",
                    "cell": getattr(issue, "cell", "") or "",
                    "indicator": getattr(issue, "indicator", "") or "",
                }
            )
    columns = ["severity", "rule", "message", "location", "file", "sheet", "cell", "indicator"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="issue")
    return frame


# -- the whole report ----------------------------------------------------------------------------


def report_content(
    scorecard: Any,
    prioritization: Any | None = None,
    *,
    earlier: Any | None = None,
    comparison: Any | None = None,
    figures: Mapping[str, FigureRef] | None = None,
    recipe: Mapping[str, Any] | None = None,
    charts: Mapping[str, Any] | None = None,
    lang: str = "en",
) -> ReportContent:
    """The :class:`~mgi.reports.content.ReportContent` of a scorecard and a prioritisation.

    Parameters
    ----------
    scorecard
        A :class:`~mgi.scoring.Scorecard`.
    prioritization
        A :class:`~mgi.priorities.Prioritization` or an object with the same attributes.
    earlier, comparison
        An earlier round's scorecard, or a :class:`~mgi.scoring.Comparison` of two rounds.
    figures
        Rendered charts by stem (from :func:`~mgi.reports.build.build_report`); charts not
        given are left out.
    recipe
        The recipe of the run (as :meth:`mgi.recipe.Recipe.to_dict`), recorded in the
        provenance.
    charts
        How the charts were drawn (``lang``, ``font``), recorded in the provenance.
    lang
        The language of every text (``en``, ``sq``).
    """
    from mgi.i18n import language

    lang = language(lang).code
    frames = dict(scorecard_frames(scorecard, earlier, comparison))
    cross = getattr(scorecard, "cross_cutting", None)
    frames["cross_cutting"] = cross if isinstance(cross, pd.DataFrame) else None
    pr = prioritization_frames(prioritization) if prioritization is not None else None
    if pr is not None:
        pr = {**pr, "explain": getattr(prioritization, "explain", None)}
        issues = getattr(prioritization, "issues", None)
        if issues is not None:  # the notes in the report's language
            from mgi.i18n.issues import message

            pr["warnings"] = tuple(message(issue, lang) for issue in issues)
        if lang != "en" and getattr(prioritization, "matrix", None) is not None:
            from mgi.reports.texts import with_reasons  # the workbook's reasons in ``lang``

            pr["table"] = with_reasons(pr["table"], prioritization, lang)
    figures = dict(figures or {})
    provenance: dict[str, Any] = {
        "report": {"tool": "mgi", "tool_version": __version__, "language": lang}
    }
    provenance["report"].update({f"chart_{k}": v for k, v in (charts or {}).items()})
    provenance["scoring"] = _get(scorecard, "provenance", {}) or {}
    earlier_card = comparison.earlier if comparison is not None else earlier
    if earlier_card is not None:
        provenance["earlier_round"] = _get(earlier_card, "provenance", {}) or {}
    if prioritization is not None:
        provenance["prioritization"] = _get(prioritization, "provenance", {}) or {}
    if recipe:
        provenance["recipe"] = dict(recipe)
    scoring = provenance["scoring"]
    earlier_round = str((provenance.get("earlier_round") or {}).get("round", "") or "")
    names = Names(lang, str(scoring.get("instrument", "")), frames)
    bands = _band_count(scorecard)
    secondary = (scoring.get("settings") or {}).get("secondary_weight", 0.5)

    sections = [
        _findings_section(frames, pr, figures, names, bands, earlier_round),
        _domain_sections(frames, figures, names, bands, earlier_round),
        _objective_section(frames, figures, names, secondary),
    ]
    if pr is not None:
        sections.append(_priority_section(pr, figures, names))
    sections.append(_answers_appendix(frames, figures, names))
    sections.append(_detail_appendix(frames, names, bands))
    if pr is not None:
        sections.append(_methods_appendix(pr, figures, names))
    sections.append(_methodology_appendix(scorecard, pr, lang))
    sections.append(
        _provenance_appendix(provenance, pr, _issues_frame(lang, scorecard, comparison), lang)
    )

    country = " ".join(str(scoring[k]) for k in ("country", "round") if scoring.get(k))
    subtitle = country
    if scoring.get("instrument"):
        subtitle += (" — " if subtitle else "") + text(
            "report.subtitle",
            lang,
            instrument=f"{scoring['instrument']} {scoring.get('instrument_version', '')}".strip(),
            scheme=f"{scoring.get('scheme', '')} {scoring.get('scheme_version', '')}".strip(),
        )
    notes = [text("notice.not_a_ranking", lang), text("report.note.derived", lang)]
    if scoring.get("instrument") == "mgi-national" or scoring.get("mapping_source"):
        notes.append(text("notice.not_official_instrument", lang))
    if names.unofficial or not names.source:
        notes.append(text("report.note.translation", lang))
    return ReportContent(
        text("report.title", lang),
        subtitle,
        tuple(notes),
        provenance,
        tuple(sections),
        lang=lang,
    )
