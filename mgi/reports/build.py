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
from mgi.reports.captions import CAPTIONS, FOOTER_SEPARATOR
from mgi.reports.content import FigureRef, ReportContent, Section

if TYPE_CHECKING:
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
    scorecard: Any, earlier: Any | None = None, comparison: Any | None = None
) -> dict[str, pd.DataFrame]:
    """The plain tables the charts and writers need, from a scorecard (duck-typed).

    Returns a dictionary with ``domains`` (with ``short_name``), ``subdomains``, ``indicators``
    (with ``question`` when the instrument is known), ``objectives`` (with ``n_indicators``),
    ``earlier_domains`` and ``change`` (both None without an earlier round).
    """
    domains = scorecard.domains.copy()
    instrument = getattr(getattr(scorecard, "assessment", None), "instrument", None)
    if "short_name" not in domains.columns:
        short = None
        if instrument is not None and "short_name" in instrument.domains.columns:
            short = instrument.domains["short_name"].reindex(domains.index)
        domains.insert(1, "short_name", short if short is not None else domains["name"])
        domains["short_name"] = domains["short_name"].fillna(domains["name"])
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

    earlier_domains = change = None
    if comparison is not None:
        earlier_domains = comparison.earlier.domains
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
    return {
        "domains": domains,
        "subdomains": scorecard.subdomains,
        "indicators": indicators,
        "objectives": objectives,
        "earlier_domains": earlier_domains,
        "change": change,
    }


def _acceptability(p: Any) -> Any:
    """Rank acceptability under all sources together, if the prioritisation has it; else
    under the weights (an object without sources of uncertainty)."""
    of = getattr(p, "acceptability_of", None)
    return of("all") if callable(of) else _get(p, "acceptability")


def prioritization_frames(prioritization: Any) -> dict[str, Any]:
    """The plain tables of a prioritisation (the session object or a duck-typed equivalent).

    Returns ``table`` (ranked), ``ranking`` (for the ranking chart: short_label, rank, score,
    rank_min, rank_max, p_top_k), ``k``, ``ranks``, ``acceptability``, ``contributions``,
    ``weights`` (criteria with label, source, direction and agreed weight), ``weights_detail``,
    ``stability``, ``correlations``, ``matrix``, ``reference`` (dict), ``settings``,
    ``labels`` (objective → short label) and ``criteria_labels``.
    """
    p = prioritization
    table = _get(p, "table").copy()
    settings = dict(_get(p, "settings", {}) or {})
    p_cols = [c for c in table.columns if str(c).startswith("p_top")]
    k = int(settings.get("top_k") or _get(p, "top_k", None) or DEFAULT_TOP_K)
    rank_range = _get(p, "rank_range")
    ranking = table.copy()
    for column in ("rank_min", "rank_max"):
        if column not in ranking.columns and rank_range is not None:
            ranking[column] = rank_range[column].reindex(ranking.index)
    ranking["p_top_k"] = ranking[p_cols[0]] if p_cols else np.nan
    ranking.attrs["k"] = k
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
        criteria["label"].to_dict() if criteria is not None and "label" in criteria else {}
    )
    labels = table["short_label"].to_dict() if "short_label" in table else {}
    reference = _get(p, "reference_comparison", {}) or {}
    gap_detail = getattr(matrix, "gap_detail", None)
    return {
        "table": table,
        "ranking": ranking,
        "k": k,
        "ranks": _get(p, "ranks"),
        "acceptability": _acceptability(p),
        "contributions": _get(p, "contributions"),
        "rank_range": rank_range,
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
        "labels": labels,
        "criteria_labels": criteria_labels,
    }


# -- charts --------------------------------------------------------------------------------------


def chart_context(provenance: Mapping[str, Any] | None) -> str:
    """Country, round, instrument and scoring scheme of a scorecard, for the chart footers.

    Examples
    --------
    >>> chart_context({"country": "Testland", "round": "2024", "instrument": "mgi-national",
    ...     "instrument_version": "1.0.0", "scheme": "mgi-default", "scheme_version": "1.0.0"})
    'Testland 2024 · mgi-national 1.0.0, scheme mgi-default 1.0.0'
    """
    prov = provenance or {}

    def joined(*keys: str) -> str:
        return " ".join(str(prov[k]).strip() for k in keys if prov.get(k) not in (None, ""))

    source = joined("instrument", "instrument_version")
    scheme = joined("scheme", "scheme_version")
    if scheme:
        source = f"{source}, scheme {scheme}" if source else f"scheme {scheme}"
    return FOOTER_SEPARATOR.join(p for p in (joined("country", "round"), source) if p)


def render_figures(
    frames: Mapping[str, Any],
    priorities: Mapping[str, Any] | None = None,
    provenance: Mapping[str, Any] | None = None,
) -> dict[str, Figure]:
    """Every chart the data allows, by file stem, in report order (not saved).

    With ``provenance`` (the scorecard's), every chart gets its footer: the assessment's
    country and round, instrument and scoring scheme (:func:`chart_context`) and what the chart
    is not a ranking of (:attr:`~mgi.reports.captions.Caption.disclaimer`), so that a chart file
    shared on its own still carries its context.
    """
    from mgi.reports import charts

    figures: dict[str, Figure] = {}
    domains = frames["domains"]
    figures["domain-profile"] = charts.domain_profile_figure(domains, frames["earlier_domains"])
    figures["subdomain-gaps"] = charts.subdomain_gaps_figure(frames["subdomains"])
    figures["indicator-map"] = charts.indicator_map_figure(
        frames["indicators"], frames["subdomains"]["name"].to_dict()
    )
    if frames["change"] is not None:
        figures["change-since"] = charts.change_since_figure(frames["change"])
    figures["objective-coverage"] = charts.objective_coverage_figure(frames["objectives"])
    if priorities is not None:
        ranking = priorities["ranking"]
        order = list(ranking.sort_values("rank", kind="stable").index)
        labels = priorities["labels"]
        figures["priority-ranking"] = charts.priority_ranking_figure(ranking, k=priorities["k"])
        if priorities["contributions"] is not None:
            figures["criteria-contributions"] = charts.criteria_contributions_figure(
                priorities["contributions"],
                order,
                labels=labels,
                criteria_labels=priorities["criteria_labels"],
            )
        if priorities["acceptability"] is not None:
            figures["rank-acceptability"] = charts.rank_acceptability_figure(
                priorities["acceptability"], order, labels=labels
            )
        ranks = priorities["ranks"]
        if ranks is not None and ranks.shape[1] > 1:
            method_names = _method_labels(ranks.columns)
            figures["method-comparison"] = charts.method_comparison_figure(
                ranks.rename(columns=method_names), order, labels=labels
            )
    if provenance is not None:
        context = chart_context(provenance)
        for stem, fig in figures.items():
            charts.add_footer(fig, CAPTIONS[stem].footer(context))
    return figures


def _method_labels(methods: Sequence[str]) -> dict[str, str]:
    from mgi.prioritization import METHODS

    return {m: METHODS[m].label if m in METHODS else str(m) for m in methods}


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
    formats: Sequence[str] = ("png", "svg", "pdf"),
    recipe: Mapping[str, Any] | None = None,
    lang: str | None = None,
    progress: Callable[[str], None] | None = None,
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
        Chart file formats in ``charts/``; PNG is always written, because the workbook and the
        Word annex embed it.
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
    ['all-charts.pdf', 'report.html', 'results.xlsx', 'strategy-annex.docx']
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
    say: Callable[..., None],
) -> ReportResult:
    """:func:`build_report` in the language of the work in progress (``lang``); ``say`` prints
    a progress line from a catalogue key."""
    from mgi.reports.docx import write_docx
    from mgi.reports.export import charts_pdf, figure_svg, save_figure
    from mgi.reports.html import write_html
    from mgi.reports.sections import figure_source, figure_text
    from mgi.reports.workbook import write_results_workbook

    formats = tuple(dict.fromkeys(["png", *formats]))
    frames = scorecard_frames(scorecard, earlier, comparison)
    pr = prioritization_frames(prioritization) if prioritization is not None else None
    say("report.progress.drawing")
    provenance = _get(scorecard, "provenance", {}) or {}
    rendered = render_figures(frames, pr, provenance)
    target = Path(out_dir)
    with atomic_directory(target) as tmp:
        charts_dir = tmp / "charts"
        charts_dir.mkdir()
        written: list[Path] = []
        refs: dict[str, FigureRef] = {}
        for number, (stem, fig) in enumerate(rendered.items(), start=1):
            paths = save_figure(fig, charts_dir / stem, formats)
            written += paths
            svg_path = charts_dir / f"{stem}.svg"
            svg = svg_path.read_text(encoding="utf-8") if "svg" in formats else figure_svg(fig)
            source = figure_source(provenance, lang, stem in PRIORITY_CHARTS)
            refs[stem] = FigureRef(
                stem, figure_text(stem, lang), svg, charts_dir / f"{stem}.png", source
            )
            say(
                "report.progress.chart",
                number=number,
                count=len(rendered),
                name=stem,
                formats=", ".join(formats),
            )
        written.append(charts_pdf(rendered.values(), charts_dir / "all-charts.pdf"))
        content = report_content(
            scorecard,
            prioritization,
            earlier=earlier,
            comparison=comparison,
            figures=refs,
            recipe=recipe,
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
