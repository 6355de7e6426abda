"""Build the whole report of a scorecard (and a prioritisation) into one folder, atomically.

:func:`build_report` turns a :class:`~mgi.scoring.Scorecard` and, when given, a
:class:`~mgi.priorities.Prioritization` (or any object with the same attributes) into a
:class:`~mgi.reports.content.ReportContent`, renders every chart and writes::

    out_dir/
      charts/<chart>.png .svg .pdf   each chart (PNG at 300 dpi), with a footer giving the
                                     country, round, instrument and "not a ranking" sentence
      charts/all-charts.pdf          every chart, one per page
      results.xlsx                   the results workbook
      report.html                    the self-contained HTML report
      strategy-annex.docx            the Word annex

The folder is written through :func:`mgi._io.atomic_directory`: if anything fails, no
half-written folder is left and an earlier folder of the same name is untouched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mgi import __version__
from mgi._io import atomic_directory
from mgi.i18n.content import bundled_texts
from mgi.reports.captions import FOOTER_SEPARATOR, chart_captions
from mgi.reports.content import FigureRef, ReportContent, Section
from mgi.reports.render import DEFAULT_FORMATS, ChartJob, render_charts

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from matplotlib.figure import Figure

#: How many objectives the "top priorities" table and the reasons list show by default.
DEFAULT_TOP_K = 10
#: Charts of the priorities (their source line names the consultation, experts and weights).
PRIORITY_CHARTS = frozenset(
    {"priority-ranking", "criteria-contributions", "rank-acceptability", "method-comparison"}
)


@dataclass(frozen=True, eq=False)
class ReportResult:
    """What :func:`build_report` wrote.

    Attributes
    ----------
    out_dir
        The report folder.
    files
        Every file written (absolute paths under ``out_dir``), charts first.
    content
        The report content (figure paths point into ``out_dir/charts``).
    """

    out_dir: Path
    files: tuple[Path, ...]
    content: ReportContent

    def file(self, name: str) -> Path:
        """The path of a written file by its name (``"report.html"``, ``"charts/x.svg"``)."""
        return self.out_dir / name


# -- small helpers -------------------------------------------------------------------------------


def _get(obj: Any, name: str, default: Any = None) -> Any:
    """Attribute ``name`` of ``obj``, called if it is a method (``.table()`` or ``.table``)."""
    value = getattr(obj, name, default)
    if callable(value) and not isinstance(value, pd.DataFrame | pd.Series):
        value = value()
    return value


def _columns(frame: pd.DataFrame, wanted: Sequence[str]) -> pd.DataFrame:
    return frame[[c for c in wanted if c in frame.columns]]


# -- tables from the scorecard -------------------------------------------------------------------


def scorecard_frames(
    scorecard: Any,
    earlier: Any | None = None,
    comparison: Any | None = None,
    *,
    lang: str = "en",
) -> dict[str, Any]:
    """The plain tables the charts and writers need, from a scorecard (duck-typed).

    Returns a dictionary with ``domains`` (with ``short_name``), ``subdomains``, ``indicators``
    (with ``question`` when the instrument is known), ``objectives`` (with ``n_indicators``),
    ``blocks`` (the cross-cutting blocks, or None), ``earlier_domains`` and ``change`` (both None
    without an earlier round), ``bands`` (``(lower, label)`` of the scheme's bands) and
    ``rounds`` (the names of the earlier and this round). Names of domains, sub-domains,
    objectives and blocks are in ``lang`` where the bundled content tables have them.
    """
    from mgi.i18n import content

    domains = scorecard.domains.copy()
    instrument = getattr(getattr(scorecard, "assessment", None), "instrument", None)
    if "short_name" not in domains.columns:
        short = None
        if instrument is not None and "short_name" in instrument.domains.columns:
            short = instrument.domains["short_name"].reindex(domains.index)
        domains.insert(1, "short_name", short if short is not None else domains["name"])
        domains["short_name"] = domains["short_name"].fillna(domains["name"])
    subdomains = scorecard.subdomains.copy()
    if instrument is not None and getattr(instrument, "name", "") == "mgi-national":
        for column in ("name", "short_name"):
            domains[column] = bundled_texts(domains, column, "mgi_national_domains", column, lang)
        subdomains["name"] = bundled_texts(
            subdomains, "name", "mgi_national_subdomains", "name", lang
        )
    indicators = scorecard.indicators.copy()
    if instrument is not None and "question" not in indicators.columns:
        questions = instrument.indicators["question"].reindex(indicators.index)
        indicators.insert(indicators.columns.get_loc("subdomain") + 1, "question", questions)
    answers = getattr(getattr(scorecard, "assessment", None), "answers", None)
    if answers is not None and "raw" in answers.columns and "answer" in indicators.columns:
        typed = answers["raw"].reindex(indicators.index)
        at = indicators.columns.get_loc("answer") + 1
        indicators.insert(at, "typed", [None if v is None or v == "" else v for v in typed])
    objectives = scorecard.objectives.copy()
    if "n_indicators" not in objectives.columns:
        linked = objectives[["primary", "secondary"]].sum(axis=1) if "primary" in objectives else 0
        objectives["n_indicators"] = linked
    objectives.loc[objectives.get("status", "") == "no indicators", "score"] = np.nan
    if "short_label" in objectives:
        objectives["short_label"] = bundled_texts(
            objectives, "short_label", "gcm_objectives", "short_label", lang
        )
    blocks = getattr(scorecard, "cross_cutting", None)
    if isinstance(blocks, pd.DataFrame) and len(blocks):
        blocks = blocks.copy()
        blocks["short_label"] = [
            str(content("gcm_cross_cutting", str(code), "short_label", lang, default=str(name)))
            for code, name in blocks.get(
                "name", pd.Series(blocks.index, index=blocks.index)
            ).items()
        ]
        blocks.loc[blocks.get("status", "") == "no indicators", "score"] = np.nan
    else:
        blocks = None

    provenance = _get(scorecard, "provenance", {}) or {}
    later_round = str(provenance.get("round", "") or "")
    earlier_round = ""
    earlier_domains = change = None
    if comparison is not None:
        earlier_domains = comparison.earlier.domains
        earlier_round = str((_get(comparison.earlier, "provenance", {}) or {}).get("round", ""))
        cmp = comparison.domains
        change = pd.DataFrame(
            {
                "name": domains["short_name"].reindex(cmp.index),
                "earlier": cmp["earlier_score"],
                "later": cmp["later_score"],
                "change": cmp["score_change"],
            }
        )
    elif earlier is not None:
        earlier_domains = earlier.domains
        earlier_round = str((_get(earlier, "provenance", {}) or {}).get("round", ""))
        prior = earlier_domains["score"].reindex(domains.index)
        change = pd.DataFrame(
            {
                "name": domains["short_name"],
                "earlier": prior,
                "later": domains["score"],
                "change": domains["score"] - prior,
            }
        )
    if change is not None:
        change.index.name = "code"
    if earlier_round == later_round:
        earlier_round = later_round = ""
    scheme = getattr(scorecard, "scheme", None)
    banding = getattr(getattr(scheme, "model", None), "banding", None)
    bands = [(float(b.lower), str(b.label)) for b in getattr(banding, "bands", ())]
    return {
        "domains": domains,
        "subdomains": subdomains,
        "indicators": indicators,
        "objectives": objectives,
        "blocks": blocks,
        "earlier_domains": earlier_domains,
        "change": change,
        "bands": bands,
        "rounds": (earlier_round, later_round),
        "lang": lang,
    }


def _acceptability(p: Any) -> Any:
    """Rank acceptability under every source of uncertainty together where the prioritisation
    has it (``acceptability_of("all")``), else under the weights."""
    of = getattr(p, "acceptability_of", None)
    return of("all") if callable(of) else _get(p, "acceptability")


def _method_labels(methods: Sequence[str]) -> dict[str, str]:
    from mgi.prioritization import METHODS

    return {m: METHODS[m].label if m in METHODS else str(m) for m in methods}


def _method_name(method: str, lang: str) -> str:
    from mgi.i18n import has_text, text

    key = f"method.{method}"
    if has_text(key):
        name = text(key, lang)
        return name[:1].upper() + name[1:]
    from mgi.prioritization import METHODS

    return METHODS[method].label if method in METHODS else str(method)


def prioritization_frames(prioritization: Any, *, lang: str = "en") -> dict[str, Any]:
    """The plain tables of a prioritisation (the session object or a duck-typed equivalent).

    Returns ``table`` (ranked), ``ranking`` (for the ranking chart: short_label, consensus,
    method_low, method_high, p_top_k, rank, rank_min, rank_max), ``k``, ``sources`` (``all``
    when P(top k) and the rank range vary the weights, the data and the method together, else
    ``weights``), ``ranks``,
    ``acceptability``, ``contributions``, ``weights`` (criteria with label, source, direction and
    agreed weight), ``weights_detail``, ``stability``, ``correlations``, ``matrix``,
    ``reference`` (dict), ``settings``, ``order`` (objectives by consensus rank), ``labels``
    (objective → short label in ``lang``), ``criteria_labels``, ``directions`` and
    ``method_names`` (in ``lang``).
    """
    from mgi.i18n import content

    p = prioritization
    table = _get(p, "table").copy()
    settings = dict(_get(p, "settings", {}) or {})
    k = int(settings.get("top_k") or _get(p, "top_k", None) or DEFAULT_TOP_K)
    p_cols = [f"p_top{k}"] if f"p_top{k}" in table.columns else []
    p_cols += [c for c in table.columns if str(c).startswith("p_top") and c not in p_cols]
    # P(top k) and the rank range under weights, data and method together, when the
    # prioritisation varies all three (it then also has them under the weights alone).
    combined = f"p_top{k}_weights" in table.columns
    rank_range = _get(p, "rank_range")
    ranks = _get(p, "ranks")
    ranking = table.copy()
    for column in ("rank_min", "rank_max"):
        if column not in ranking.columns and rank_range is not None:
            ranking[column] = rank_range[column].reindex(ranking.index)
    ranking["p_top_k"] = ranking[p_cols[0]] if p_cols else np.nan
    ranking["consensus"] = (
        ranking["rank_consensus"] if "rank_consensus" in ranking else ranking["rank"]
    )
    if {"rank_methods_min", "rank_methods_max"} <= set(ranking.columns):
        ranking["method_low"] = ranking["rank_methods_min"]
        ranking["method_high"] = ranking["rank_methods_max"]
    elif isinstance(ranks, pd.DataFrame) and ranks.shape[1]:
        per_method = ranks.reindex(ranking.index).astype(float)
        ranking["method_low"] = per_method.min(axis=1)
        ranking["method_high"] = per_method.max(axis=1)
    else:
        ranking["method_low"] = ranking["method_high"] = ranking["rank"]
    if "short_label" in ranking:
        ranking["short_label"] = bundled_texts(
            ranking, "short_label", "gcm_objectives", "short_label", lang
        )
    ranking.attrs["k"] = k
    order = list(ranking.sort_values(["consensus", "rank"], kind="stable").index)
    matrix = getattr(p, "matrix", None)
    values = getattr(matrix, "values", None)
    criteria = getattr(matrix, "criteria", None)
    weights = _get(p, "weights")
    weight_table = pd.DataFrame({"weight": weights})
    weight_table.index.name = "criterion"
    if criteria is not None:
        weight_table = _columns(criteria, ["label", "source", "direction", "default_weight"]).join(
            weight_table, how="right"
        )
    criteria_labels = (
        {
            code: str(content("criteria", str(code), "label", lang, default=str(name)))
            for code, name in criteria["label"].items()
        }
        if criteria is not None and "label" in criteria
        else {}
    )
    directions = (
        criteria["direction"].astype(str).to_dict()
        if criteria is not None and "direction" in criteria
        else {}
    )
    labels = ranking["short_label"].to_dict() if "short_label" in ranking else {}
    reference = _get(p, "reference_comparison", {}) or {}
    gap_detail = getattr(matrix, "gap_detail", None)
    return {
        "table": table,
        "ranking": ranking,
        "k": k,
        "ranks": ranks,
        "acceptability": _acceptability(p),
        "contributions": _get(p, "contributions"),
        "rank_range": rank_range,
        "sources": "all" if combined else "weights",
        "top_k_probability": _get(p, "top_k_probability", None),
        "weights": weight_table,
        "weights_detail": _get(p, "weights_detail", None),
        "stability": _get(p, "stability", None),
        "correlations": _get(p, "correlations", None),
        "values": values,
        "gap_detail": gap_detail if isinstance(gap_detail, pd.DataFrame) else None,
        "reference": dict(reference),
        "settings": settings,
        "uncertainty": _get(p, "uncertainty_summary", None),
        "checks": getattr(matrix, "checks", None),
        "consultation": getattr(matrix, "consultation", None),
        "warnings": tuple(getattr(p, "warnings", ()) or ()),
        "order": order,
        "labels": labels,
        "criteria_labels": criteria_labels,
        "directions": directions,
        "method_names": {m: _method_name(str(m), lang) for m in getattr(ranks, "columns", [])},
    }


# -- charts --------------------------------------------------------------------------------------


def chart_context(provenance: Mapping[str, Any] | None, lang: str = "en") -> str:
    """Country, round, instrument and scoring scheme of a scorecard, for the chart footers.

    Examples
    --------
    >>> chart_context({"country": "Testland", "round": "2024", "instrument": "mgi-national",
    ...     "instrument_version": "1.0.0", "scheme": "mgi-default", "scheme_version": "1.0.0"})
    'Testland 2024 · mgi-national 1.0.0, scoring scheme mgi-default 1.0.0'
    """
    from mgi.i18n import text

    prov = provenance or {}

    def joined(*keys: str) -> str:
        return " ".join(str(prov[k]).strip() for k in keys if prov.get(k) not in (None, ""))

    source = joined("instrument", "instrument_version")
    scheme = joined("scheme", "scheme_version")
    if scheme:
        source = text("chart.footer.source", lang, instrument=source, scheme=scheme).strip(", ")
    return FOOTER_SEPARATOR.join(p for p in (joined("country", "round"), source) if p)


def group_names(lang: str = "en") -> dict[int, str]:
    """Names of the groups of the objective chart: the four IMRF 2022 round tables, and 5 for
    the cross-cutting blocks."""
    from mgi.i18n import codes, content, text

    names = {
        int(code): text(
            "chart.label.round_table_named",
            lang,
            number=int(code),
            name=content("imrf_round_tables", code, "name", lang),
        )
        for code in codes("imrf_round_tables")
    }
    names[5] = text("chart.objective-coverage.blocks", lang)
    return names


def chart_jobs(
    frames: Mapping[str, Any],
    priorities: Mapping[str, Any] | None = None,
    provenance: Mapping[str, Any] | None = None,
    *,
    lang: str = "en",
) -> list[ChartJob]:
    """Every chart the data allows, as :class:`~mgi.reports.render.ChartJob` objects in report
    order (to draw with :func:`~mgi.reports.render.render_charts`).

    With ``provenance`` (the scorecard's), every chart gets its footer: the assessment's
    country and round, instrument and scoring scheme (:func:`chart_context`) and what the chart
    is not a ranking of (:attr:`~mgi.reports.captions.Caption.disclaimer`), so that a chart file
    shared on its own still carries its context.
    """
    rounds = frames.get("rounds", ("", ""))
    domain_names = frames["domains"]["name"].to_dict()
    jobs = [
        ChartJob(
            "domain-profile",
            "domain_profile_figure",
            (frames["domains"], frames["earlier_domains"]),
            {"bands": frames.get("bands", ()), "rounds": rounds, "lang": lang},
        ),
        ChartJob(
            "subdomain-gaps",
            "subdomain_gaps_figure",
            (frames["subdomains"],),
            {"domain_names": domain_names, "lang": lang},
        ),
        ChartJob(
            "indicator-map",
            "indicator_map_figure",
            (frames["indicators"], frames["subdomains"]["name"].to_dict()),
            {"lang": lang},
        ),
    ]
    if frames["change"] is not None:
        jobs.append(
            ChartJob(
                "change-since",
                "change_since_figure",
                (frames["change"],),
                {"rounds": rounds, "lang": lang},
            )
        )
    jobs.append(
        ChartJob(
            "objective-coverage",
            "objective_coverage_figure",
            (frames["objectives"],),
            {"blocks": frames.get("blocks"), "group_names": group_names(lang), "lang": lang},
        )
    )
    if priorities is not None:
        order = priorities["order"]
        labels = priorities["labels"]
        samples = priorities["settings"].get("samples")
        jobs.append(
            ChartJob(
                "priority-ranking",
                "priority_ranking_figure",
                (priorities["ranking"],),
                {
                    "k": priorities["k"],
                    "samples": samples,
                    "sources": priorities.get("sources", "weights"),
                    "lang": lang,
                },
            )
        )
        if priorities["contributions"] is not None:
            jobs.append(
                ChartJob(
                    "criteria-contributions",
                    "criteria_contributions_figure",
                    (priorities["contributions"], order),
                    {
                        "labels": labels,
                        "criteria_labels": priorities["criteria_labels"],
                        "directions": priorities["directions"],
                        "lang": lang,
                    },
                )
            )
        if priorities["acceptability"] is not None:
            jobs.append(
                ChartJob(
                    "rank-acceptability",
                    "rank_acceptability_figure",
                    (priorities["acceptability"], order),
                    {
                        "labels": labels,
                        "sources": priorities.get("sources", "weights"),
                        "lang": lang,
                    },
                )
            )
        ranks = priorities["ranks"]
        if ranks is not None and ranks.shape[1] > 1:
            jobs.append(
                ChartJob(
                    "method-comparison",
                    "method_comparison_figure",
                    (ranks.rename(columns=priorities["method_names"]), order),
                    {
                        "labels": labels,
                        "consensus": priorities["ranking"]["consensus"],
                        "lang": lang,
                    },
                )
            )
    if provenance is not None:
        context = chart_context(provenance, lang)
        captions = chart_captions(lang, earlier=rounds[0], later=rounds[1])
        jobs = [dataclasses.replace(job, footer=captions[job.stem].footer(context)) for job in jobs]
    return jobs


def render_figures(
    frames: Mapping[str, Any],
    priorities: Mapping[str, Any] | None = None,
    provenance: Mapping[str, Any] | None = None,
    *,
    lang: str = "en",
    font: str | None = None,
) -> dict[str, Figure]:
    """Every chart the data allows, by file stem, in report order, drawn in this process and
    not saved (see :func:`chart_jobs`)."""
    from mgi.reports._style import DEFAULT_FONT

    return {
        job.stem: job.figure(font or DEFAULT_FONT)
        for job in chart_jobs(frames, priorities, provenance, lang=lang)
    }


# -- content -------------------------------------------------------------------------------------


def report_content(scorecard: Any, prioritization: Any | None = None, **options: Any) -> Any:
    """The report's content in one language: see :func:`mgi.reports.sections.report_content`."""
    from mgi.reports.sections import report_content as build

    return build(scorecard, prioritization, **options)


# -- entry point ---------------------------------------------------------------------------------


def build_report(
    scorecard: Any,
    prioritization: Any | None = None,
    *,
    earlier: Any | None = None,
    comparison: Any | None = None,
    out_dir: str | Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    recipe: Mapping[str, Any] | None = None,
    lang: str | None = None,
    progress: Callable[[str], None] | None = None,
    font: str | None = None,
    workers: int | None = None,
    alongside: Callable[[], Any] | None = None,
    pool: Executor | None = None,
) -> ReportResult:
    """Write the charts, results workbook, HTML report and Word annex into ``out_dir``.

    Parameters
    ----------
    scorecard
        A :class:`~mgi.scoring.Scorecard` (tables ``domains``, ``subdomains``, ``indicators``,
        ``objectives``, ``overall_summary``, ``notes``, ``steps``, ``provenance()``).
    prioritization
        A :class:`~mgi.priorities.Prioritization`, or any object with ``table()``, ``ranks``,
        ``acceptability``, ``contributions``, ``rank_range``, ``weights`` and ``settings``
        (``weights_detail``, ``stability``, ``correlations``, ``reference_comparison``,
        ``matrix`` and ``provenance()`` are used when present). None: scores only.
    earlier
        The scorecard of an earlier round (adds the change chart and table).
    comparison
        A :class:`~mgi.scoring.Comparison` of the earlier and this round (preferred over
        ``earlier`` when both are given).
    out_dir
        The report folder; replaced as a whole only when everything has been written.
    formats
        Chart formats in ``charts/`` (:data:`~mgi.reports.render.CHART_FORMATS`: ``png``,
        ``svg``, ``pdf`` for a PDF of each chart, ``all-pdf`` for every chart in one
        ``all-charts.pdf``); PNG is always written, because the workbook and the Word annex
        embed it. Default: PNG, SVG and ``all-charts.pdf``.
    recipe
        The recipe of the run (as :meth:`mgi.recipe.Recipe.to_dict`), recorded in the
        provenance of the workbook and the HTML report.
    lang
        The language of the report (default: the language of the work in progress,
        :func:`mgi.i18n.using`); the report is written inside ``using(lang)`` and its content
        carries it (:attr:`~mgi.reports.content.ReportContent.lang`).
    progress
        Called with one line for each file as it is written (the charts, the workbook, the
        HTML report, the Word annex), so that a long report is never silent.
    font
        The chart font, installed on this machine (default DejaVu Sans); recorded in the
        provenance.
    workers
        Processes that draw the charts (default: two where there are two cores; see
        :func:`~mgi.reports.render.chart_workers`). The files are the same whatever the number.
    alongside
        Other work for this process while the charts are drawn (``mgi.run`` writes the run's
        workbooks then).
    pool
        A process pool of the caller's to draw the charts in
        (:func:`~mgi.reports.render.worker_pool`, left open for the caller's other work).

    Returns
    -------
    ReportResult
        The folder, the files written and the report content.

    Examples
    --------
    >>> from mgi.instrument import load_instrument
    >>> from mgi.assessment import Assessment
    >>> from mgi.scoring import score
    >>> import tempfile, pathlib
    >>> inst = load_instrument("sdg-10-7-2")
    >>> card = score(Assessment.from_answers(inst, {c: "no" for c in inst.indicators.index},
    ...     {"country": "Testland", "round": "2024"}), "sdg-10-7-2")
    >>> result = build_report(card, out_dir=pathlib.Path(tempfile.mkdtemp()) / "report",
    ...     formats=("png",))
    >>> sorted(p.name for p in result.files if p.suffix != ".png")
    ['report.html', 'results.xlsx', 'strategy-annex.docx']
    """
    from mgi.i18n import text, using

    with using(lang) as language:
        return _build_report(
            scorecard,
            prioritization,
            earlier=earlier,
            comparison=comparison,
            out_dir=out_dir,
            formats=formats,
            recipe=recipe,
            lang=language.code,
            font=font,
            workers=workers,
            alongside=alongside,
            pool=pool,
            say=lambda key, **fields: (
                progress(text(key, language.code, **fields)) if progress is not None else None
            ),
        )


def _build_report(
    scorecard: Any,
    prioritization: Any | None,
    *,
    earlier: Any | None,
    comparison: Any | None,
    out_dir: str | Path,
    formats: Sequence[str],
    recipe: Mapping[str, Any] | None,
    lang: str,
    font: str | None,
    workers: int | None,
    alongside: Callable[[], Any] | None,
    pool: Executor | None,
    say: Callable[..., None],
) -> ReportResult:
    """:func:`build_report` in the language of the work in progress (``lang``); ``say`` prints
    a progress line from a catalogue key."""
    from mgi.reports._style import DEFAULT_FONT
    from mgi.reports.docx import write_docx
    from mgi.reports.html import write_html
    from mgi.reports.render import formats_in
    from mgi.reports.sections import figure_source
    from mgi.reports.workbook import write_results_workbook

    font = font or DEFAULT_FONT
    frames = scorecard_frames(scorecard, earlier, comparison, lang=lang)
    pr = prioritization_frames(prioritization, lang=lang) if prioritization is not None else None
    provenance = _get(scorecard, "provenance", {}) or {}
    jobs = chart_jobs(frames, pr, provenance, lang=lang)
    rounds = frames["rounds"]
    captions = chart_captions(lang, earlier=rounds[0], later=rounds[1])
    chart_formats = ", ".join(formats_in(formats)[0])
    drawn = iter(range(1, len(jobs) + 1))
    say("report.progress.drawing")
    target = Path(out_dir)
    with atomic_directory(target) as tmp:
        charts_dir = tmp / "charts"
        charts_dir.mkdir()
        rendered = render_charts(
            jobs,
            charts_dir,
            formats,
            font=font,
            workers=workers,
            alongside=alongside,
            pool=pool,
            done=lambda stem: say(
                "report.progress.chart",
                number=next(drawn),
                count=len(jobs),
                name=stem,
                formats=chart_formats,
            ),
        )
        written: list[Path] = list(rendered.files)
        refs = {
            stem: FigureRef(
                stem,
                captions[stem],
                chart.svg,
                charts_dir / f"{stem}.png",
                figure_source(provenance, lang, stem in PRIORITY_CHARTS),
            )
            for stem, chart in rendered.charts.items()
        }
        content = report_content(
            scorecard,
            prioritization,
            earlier=earlier,
            comparison=comparison,
            figures=refs,
            recipe=recipe,
            charts={"lang": lang, "font": font},
            lang=lang,
        )
        content = dataclasses.replace(content, lang=lang)
        written.append(write_results_workbook(content, tmp / "results.xlsx"))
        say("report.progress.file", name="results.xlsx")
        written.append(write_html(content, tmp / "report.html", generator=f"mgi {__version__}"))
        say("report.progress.file", name="report.html")
        written.append(write_docx(content, tmp / "strategy-annex.docx"))
        say("report.progress.file", name="strategy-annex.docx")
    final = tuple(target / p.relative_to(tmp) for p in written)
    return ReportResult(target, final, _moved(content, target / "charts"))


def _moved(content: ReportContent, charts: Path) -> ReportContent:
    """The content with every figure's PNG in ``charts`` (where the folder now is)."""

    def section(s: Section) -> Section:
        blocks = tuple(
            dataclasses.replace(b, png=charts / f"{b.stem}.png") if isinstance(b, FigureRef) else b
            for b in s.blocks
        )
        return dataclasses.replace(
            s,
            blocks=blocks,
            figures=tuple(dataclasses.replace(f, png=charts / f"{f.stem}.png") for f in s.figures),
            subsections=tuple(section(sub) for sub in s.subsections),
        )

    return dataclasses.replace(content, sections=tuple(section(s) for s in content.sections))
