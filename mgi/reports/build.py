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
from mgi.i18n import current_language
from mgi.reports.captions import CAPTIONS, FOOTER_SEPARATOR, NOT_A_RANKING
from mgi.reports.content import FigureRef, ReportContent, Section, Table

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Charts that go into the Word annex (the others are in the HTML report and the workbook).
DOCX_FIGURES = (
    "domain-profile",
    "subdomain-gaps",
    "change-since",
    "objective-coverage",
    "priority-ranking",
    "criteria-contributions",
    "rank-acceptability",
)
#: How many objectives the "top priorities" table and the reasons list show by default.
DEFAULT_TOP_K = 10

_SCORE_FORMATS = {"score": "0.0", "target": "0.0", "gap": "0.0", "share_answered": "0%"}
_SCORE_SCALES = {"score": "high_good", "gap": "high_bad"}


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


def _number(value: Any, decimals: int = 1) -> str:
    return "no score" if value is None or pd.isna(value) else f"{float(value):.{decimals}f}"


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


def _summary_paragraphs(scorecard: Any, frames: Mapping[str, Any]) -> list[str]:
    overall = dict(getattr(scorecard, "overall_summary", {}) or {})
    domains = frames["domains"].dropna(subset=["score"])
    paragraphs = []
    if overall:
        paragraphs.append(
            f"Overall score: {_number(overall.get('score'))} of 100 "
            f"({overall.get('band') or overall.get('status', '')}); a derived analytic computed "
            f"by mgi from {overall.get('answered', '?')} answered indicators "
            f"({overall.get('not_applicable', 0)} not applicable, {overall.get('missing', 0)} "
            "missing), not an official MGI result."
        )
    if len(domains):
        best = domains["score"].idxmax()
        worst = domains["gap"].idxmax() if "gap" in domains else domains["score"].idxmin()
        paragraphs.append(
            f"Most developed domain: {best} {domains.at[best, 'name']} "
            f"({_number(domains.at[best, 'score'])}). Largest gap to target: {worst} "
            f"{domains.at[worst, 'name']} (score {_number(domains.at[worst, 'score'])}, "
            f"target {_number(domains.at[worst, 'target'])})."
        )
    subs = frames["subdomains"].dropna(subset=["gap"]).sort_values("gap", ascending=False)
    if len(subs):
        top = ", ".join(f"{c} {n}" for c, n in subs["name"].head(3).items())
        paragraphs.append(f"Sub-domains with the largest gaps: {top}.")
    change = frames["change"]
    if change is not None and change["change"].notna().any():
        up = change["change"].idxmax()
        down = change["change"].idxmin()
        paragraphs.append(
            f"Since the earlier round the largest improvement is in {up} {change.at[up, 'name']} "
            f"({change.at[up, 'change']:+.1f} points) and the largest fall or smallest gain in "
            f"{down} {change.at[down, 'name']} ({change.at[down, 'change']:+.1f} points)."
        )
    return paragraphs


def _domain_section(frames: Mapping[str, Any], figures: Mapping[str, FigureRef]) -> Section:
    domains = _columns(
        frames["domains"],
        ["name", "score", "band", "target", "gap", "answered", "not_applicable", "missing",
         "share_answered", "weakest", "strongest", "status"],
    )  # fmt: skip
    subdomains = _columns(
        frames["subdomains"],
        ["domain", "name", "score", "band", "target", "gap", "answered", "not_applicable",
         "missing", "share_answered", "weakest", "strongest", "status"],
    )  # fmt: skip
    indicators = _columns(
        frames["indicators"],
        ["domain", "subdomain", "question", "answer", "typed", "status", "value", "weight",
         "subdomain_points_lost", "domain_points_lost", "evidence", "comment", "sheet", "cell"],
    )  # fmt: skip
    tables = [
        Table(
            "Domains",
            domains,
            "Score (0-100), band, target and gap of each domain, with how many indicators were "
            "answered and the weakest and strongest sub-domains.",
            _SCORE_FORMATS,
            _SCORE_SCALES,
        ),
        Table(
            "Sub-domains",
            subdomains,
            "Score, band, target and gap of each sub-domain, with its weakest and strongest "
            "indicators.",
            _SCORE_FORMATS,
            _SCORE_SCALES,
            outputs=frozenset({"xlsx", "html"}),
        ),
        Table(
            "Indicators",
            indicators,
            "Every indicator's answer with its value (0-1), the points it takes off its "
            "sub-domain and domain score, and the evidence and comments given.",
            {"value": "0.00", "subdomain_points_lost": "0.0", "domain_points_lost": "0.0"},
            outputs=frozenset({"xlsx", "html"}),
            wrap=("question", "evidence", "comment"),
        ),
    ]
    change = frames["change"]
    if change is not None:
        tables.append(
            Table(
                "Change",
                change,
                "Domain scores in the earlier and the later round and the change in points.",
                {"earlier": "0.0", "later": "0.0", "change": "+0.0;-0.0;0.0"},
                outputs=frozenset({"xlsx", "html", "docx"}),
            )
        )
    stems = ["domain-profile", "subdomain-gaps", "indicator-map", "change-since"]
    return Section(
        "domains",
        "Domain profile and gaps",
        (
            "Each domain and sub-domain score is the weighted share of its applicable indicators "
            "that are in place, from 0 (nothing in place) to 100 (everything in place); the gap "
            "is the distance to the target. " + NOT_A_RANKING,
        ),
        tables=tuple(tables),
        figures=tuple(figures[s] for s in stems if s in figures),
    )


def _objective_section(frames: Mapping[str, Any], figures: Mapping[str, FigureRef]) -> Section:
    objectives = _columns(
        frames["objectives"],
        ["short_label", "round_table", "score", "band", "status", "target", "gap", "primary",
         "secondary", "answered", "not_applicable", "missing", "indicators", "shortfall"],
    )  # fmt: skip
    return Section(
        "objectives",
        "GCM objectives covered by the assessment",
        (
            "Each GCM objective is linked to MGI indicators (primary links weigh 1, secondary "
            "links less); its score is the weighted share of those indicators in place. The "
            "links come from the instrument's mapping file, which the user can replace.",
        ),
        tables=(
            Table(
                "GCM coverage",
                objectives,
                "Score of the indicators linked to each GCM objective, the number of primary and "
                "secondary links, and the indicators with the largest shortfall.",
                _SCORE_FORMATS,
                _SCORE_SCALES,
                outputs=frozenset({"xlsx", "html"}),
                wrap=("indicators",),
            ),
        ),
        figures=tuple(figures[s] for s in ["objective-coverage"] if s in figures),
    )


def _priority_sections(
    pr: Mapping[str, Any], figures: Mapping[str, FigureRef]
) -> tuple[Section, Section]:
    k = pr["k"]
    table = pr["table"]
    p_col = next((c for c in table.columns if str(c).startswith("p_top")), None)
    formats = {c: "0%" for c in table.columns if str(c).startswith("p_top")}
    top = table.sort_values("rank", kind="stable").head(k)

    def span(low: str, high: str) -> list[str]:
        if low not in top or high not in top:
            return [""] * len(top)
        return [
            f"{int(a)}–{int(b)}" if pd.notna(a) and pd.notna(b) else ""
            for a, b in zip(top[low], top[high], strict=True)
        ]

    top_table = pd.DataFrame(
        {
            "rank": top["rank"],
            "objective": top.get("short_label", pd.Series("", index=top.index)),
            "ranks across methods": span("rank_methods_min", "rank_methods_max"),
            f"in top {k}": top[p_col] if p_col else np.nan,
            "rank range": [
                f"{int(a)}–{int(b)}" if pd.notna(a) and pd.notna(b) else ""
                for a, b in zip(
                    pr["ranking"].loc[top.index, "rank_min"],
                    pr["ranking"].loc[top.index, "rank_max"],
                    strict=True,
                )
            ],
        },
        index=top.index,
    )
    reasons = top.get("reasons", pd.Series("", index=top.index))
    gap_detail = pr["gap_detail"]
    if gap_detail is not None and "shortfall" in gap_detail.columns:
        top_table["largest shortfall"] = gap_detail["shortfall"].reindex(top.index).fillna("")
    top_table.index.name = "code"
    paragraphs = [
        f"The objectives ranked by the consensus of the methods (Borda); the top {k} are the "
        "proposed priorities. For each, the best and worst rank the methods give it, and its "
        f"chance of being in the top {k} with its rank range when the weights, the data (the "
        "consultation's respondents and the experts resampled) and the method all vary. What "
        "lifts each objective above the average objective and what holds it back are named "
        "with its value, the average value and the difference they make to its weighted-sum "
        "score.",
    ]
    for code, row in top_table.iterrows():
        paragraphs.append(f"{int(row['rank'])}. {code} {row['objective']}: {reasons[code]}")
    ref = pr["reference"]
    if ref:
        paragraphs.append(
            f"Compared with the reference list of {len(ref.get('reference', []))} objectives, "
            f"{ref.get('overlap', 0)} of the top {ref.get('k', k)} are on it (in both: "
            f"{', '.join(ref.get('in_both', [])) or 'none'}; top {ref.get('k', k)} only: "
            f"{', '.join(ref.get('top_k_not_in_reference', [])) or 'none'}; reference only: "
            f"{', '.join(ref.get('reference_not_in_top_k', [])) or 'none'})."
        )
    tables = [
        Table(
            f"Top {k} priorities",
            top_table,
            f"The top {k} objectives by the consensus of the methods, the best and worst rank "
            f"the methods give each, its probability of being in the top {k} and its rank range "
            "(5th to 95th percentile) when the weights, the data and the method all vary, and "
            "the MGI indicators with the largest shortfall behind its governance gap (what lifts "
            "and what holds back each objective is listed above).",
            {f"in top {k}": "0%"},
            outputs=frozenset({"html", "docx"}),
        ),
        Table(
            "Priorities",
            table,
            "All objectives ranked in rank order: the consensus rank across the methods, the "
            "range of ranks across them, the probability of being in the top k and the rank range "
            "under all sources of uncertainty together and under each alone, the ranks under "
            "every method, and what lifts and what holds back each objective.",
            formats,
            outputs=frozenset({"xlsx"}),
            wrap=("reasons", "lifts", "holds_back"),
        ),
        Table(
            "Criteria weights",
            pr["weights"],
            "The criteria, where their values come from, whether more is better (benefit) or "
            "worse (cost), the profile's default weight and the agreed weight.",
            {"default_weight": "0.000", "weight": "0.000"},
            outputs=frozenset({"xlsx", "html", "docx"}),
        ),
    ]
    consultation = pr.get("consultation")
    if consultation is not None:
        groups = getattr(consultation, "groups", None)
        if isinstance(groups, pd.DataFrame) and len(groups):
            tables.append(
                Table(
                    "Stakeholder groups",
                    groups,
                    "Each stakeholder group's respondents, declared and effective weight in the "
                    "stakeholder criterion, effective number of respondents, ratings and "
                    '"don\'t know" answers; a group of one respondent is flagged.',
                    {
                        "declared_weight": "0.000",
                        "effective_weight": "0.000",
                        "dont_know_share": "0%",
                    },
                    outputs=frozenset({"xlsx", "html"}),
                )
            )
        people = getattr(consultation, "respondents", None)
        if isinstance(people, pd.DataFrame) and len(people):
            tables.append(
                Table(
                    "Respondents",
                    people.set_index(["attribute", "value"]),
                    "The consultation's respondents counted by group and by sex, age band, "
                    "country and municipality of residence (optional answers).",
                    outputs=frozenset({"xlsx", "html"}),
                )
            )
    if isinstance(pr["weights_detail"], pd.DataFrame) and len(pr["weights_detail"]):
        tables.append(
            Table(
                "Weight judgements",
                pr["weights_detail"],
                "Each participant's weights, consistency and distance from the group result.",
                outputs=frozenset({"xlsx"}),
            )
        )
    if isinstance(pr["values"], pd.DataFrame):
        tables.append(
            Table(
                "Criteria matrix",
                pr["values"],
                "The raw value of each criterion for each objective, in the criterion's unit.",
                outputs=frozenset({"xlsx"}),
            )
        )
    if isinstance(pr["contributions"], pd.DataFrame):
        tables.append(
            Table(
                "Contributions",
                pr["contributions"],
                "Contribution of each criterion to each objective's score (weight × normalised "
                "value).",
                dict.fromkeys(map(str, pr["contributions"].columns), "0.000"),
                outputs=frozenset({"xlsx"}),
            )
        )
    priorities = Section(
        "priorities",
        "GCM priorities",
        tuple(paragraphs),
        tables=tuple(tables),
        figures=tuple(
            figures[s] for s in ["priority-ranking", "criteria-contributions"] if s in figures
        ),
    )

    settings = pr["settings"]
    sources = dict(settings.get("uncertainty", {}).get("sources", {}))
    sens_paragraphs = [
        "Three things could rank the objectives otherwise: the weights, the data and the choice "
        "of method. Each was varied alone, then all together (each sample drawing weights, a "
        "resample of the data and a method); the headline numbers are those of all together. "
        + " ".join(f"{name.capitalize()}: {text}." for name, text in sources.items()),
        f"The weights alone were also varied for each method ({settings.get('sampler', 'sampler')}"
        f", {settings.get('samples', '?')} samples, seed {settings.get('seed', '?')}). The rank "
        f"range is the 5th to 95th percentile of an objective's ranks; 'in top {k}' is the share "
        f"of samples in which it is among the first {k}.",
        *pr["warnings"],
    ]
    sens_tables = []
    uncertainty = pr.get("uncertainty")
    if isinstance(uncertainty, pd.DataFrame):
        sens_tables.append(
            Table(
                "Uncertainty by source",
                uncertainty.loc[[c for c in table.index if c in uncertainty.index]],
                f"Probability of being in the top {k} and rank range (5th to 95th percentile) "
                "when the weights, the data or the method vary alone, and all together.",
                {c: "0%" for c in uncertainty.columns if str(c).startswith("p_top")},
                outputs=frozenset({"xlsx", "html"}),
            )
        )
    checks = pr.get("checks")
    if isinstance(checks, pd.DataFrame) and len(checks):
        sens_tables.append(
            Table(
                "Criteria checks",
                checks,
                "For each criterion: its declared scale, its spread across the objectives, its "
                "sampling noise (mean standard error when the respondents or experts are "
                "resampled), their ratio, and Kendall's W between the groups or experts behind it;"
                " flagged when the spread is within twice the noise or W is below 0.3 (profile "
                "settings).",
                outputs=frozenset({"xlsx", "html"}),
            )
        )
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
    sens_tables.append(
        Table(
            "Sensitivity",
            sensitivity,
            f"Rank with the agreed weights, rank range over the weight samples, share of samples "
            f"in the top {k} (per method) and the rank under each method.",
            {c: "0%" for c in sensitivity.columns if str(c).startswith("p_top")},
            outputs=frozenset({"xlsx", "html"}),
        )
    )
    if isinstance(pr["acceptability"], pd.DataFrame):
        acc = pr["acceptability"].copy()
        acc.columns = [f"rank {c}" for c in acc.columns]
        sens_tables.append(
            Table(
                "Rank acceptability",
                acc,
                "Share of the samples in which each objective takes each rank when the weights, "
                "the data and the method all vary.",
                dict.fromkeys(acc.columns, "0%"),
                outputs=frozenset({"xlsx"}),
            )
        )
    if isinstance(pr["stability"], pd.DataFrame):
        sens_tables.append(
            Table(
                "Stability",
                pr["stability"],
                f"For each criterion, the range of its weight (the others rescaled "
                f"proportionally) over which the top {k} set does not change.",
                outputs=frozenset({"xlsx", "html"}),
            )
        )
    if isinstance(pr["correlations"], pd.DataFrame):
        sens_tables.append(
            Table(
                "Method correlations",
                pr["correlations"],
                "Weighted Spearman correlation between the rankings of the methods (1 = same "
                "ranking; top positions weigh more).",
                dict.fromkeys(map(str, pr["correlations"].columns), "0.00"),
                outputs=frozenset({"xlsx", "html"}),
            )
        )
    sensitivity_section = Section(
        "sensitivity",
        "How stable the priorities are",
        tuple(sens_paragraphs),
        tables=tuple(sens_tables),
        figures=tuple(
            figures[s] for s in ["rank-acceptability", "method-comparison"] if s in figures
        ),
    )
    return priorities, sensitivity_section


SCORING_FORMULAS = (
    "value of an answer: fully present / yes = 1, partially present = 0.5, absent / no = 0 "
    "(as set in the scoring scheme); not applicable and missing answers are left out of "
    "numerator and denominator",
    "sub-domain score = 100 × Σ w_i v_i / Σ w_i   (w_i indicator weight, v_i value, over the "
    "answered applicable indicators)",
    "gap = target − score",
    "points an indicator takes off its sub-domain = 100 × w_i (1 − v_i) / Σ w_i",
    "GCM objective score = 100 × Σ l_i w_i v_i / Σ l_i w_i   (l_i = 1 for a primary link, the "
    "secondary weight for a secondary link)",
)


def _methodology_section(scorecard: Any, pr: Mapping[str, Any] | None) -> Section:
    paragraphs = [
        "Scores are derived analytics computed by mgi from the answers, not official MGI "
        "results; " + NOT_A_RANKING,
    ]
    steps = getattr(scorecard, "steps", ()) or ()
    for step in steps:
        settings = "; ".join(f"{k} = {v}" for k, v in dict(step.get("settings", {})).items())
        paragraphs.append(
            f"{step.get('step', '')}: {step.get('description', '')}"
            + (f" ({settings})" if settings else "")
        )
    formulas = list(SCORING_FORMULAS)
    if pr is not None:
        s = pr["settings"]
        methods = list(s.get("methods", [])) or list(getattr(pr["ranks"], "columns", []))
        ms = s.get("method_settings", {})
        paragraphs.append(
            "Prioritisation: the criteria matrix (23 objectives × criteria) is ranked with "
            f"{', '.join(_method_labels(methods).values())}; the ranking shown is their consensus "
            f"(Borda). Equal scores share the smallest rank (tie rule "
            f"'{s.get('tie_rule', 'min')}')."
        )
        scaled = ms.get("wsm", {}).get("normalization") == "scale"
        formulas.append(
            "weighted sum: S_i = Σ_j w_j r_ij, "
            + (
                "r_ij = (x_ij − low_j) / (high_j − low_j) on the criterion's declared scale"
                if scaled
                else "r_ij = (x_ij − min_j) / (max_j − min_j)"
            )
            + ", reversed for cost criteria; contribution of criterion j: c_ij = w_j r_ij"
        )
        if "topsis" in methods:
            ideal = ms.get("topsis", {}).get("ideal") == "scale"
            formulas.append(
                "TOPSIS: C_i = d⁻_i / (d⁺_i + d⁻_i), Euclidean distances of the weighted "
                "normalised values to the ideal and anti-ideal"
                + (" at the ends of each criterion's declared scale" if ideal else "")
            )
        if "vikor" in methods:
            v = ms.get("vikor", {}).get("v", 0.5)
            formulas.append(
                f"VIKOR: Q_i = v (S_i − S*) / (S⁻ − S*) + (1 − v) (R_i − R*) / (R⁻ − R*), v = {v}; "
                "lower Q is better"
            )
        if "promethee_ii" in methods:
            formulas.append(
                "PROMETHEE II: π(a,b) = Σ_j w_j P_j(d_j(a,b)); φ(a) = φ⁺(a) − φ⁻(a), "
                "φ⁺(a) = Σ_b π(a,b) / (m − 1), φ⁻(a) = Σ_b π(b,a) / (m − 1)"
            )
        formulas.append(
            "rank acceptability: b_i^r = share of the samples in which objective i has rank r; "
            f"weight samples = {s.get('samples', '?')}, sampler = {s.get('sampler', '?')}, "
            f"concentration κ = {s.get('concentration', '?')}, seed = {s.get('seed', '?')}; "
            "data: respondents resampled within their groups and experts resampled "
            "(bootstrap); all sources: "
            f"{s.get('uncertainty', {}).get('samples', '?')} samples each drawing weights, "
            "a data resample and a method"
        )
        formulas.append("consensus (Borda): points m − rank, summed over the methods")
    return Section(
        "methodology",
        "How this was calculated",
        tuple(paragraphs),
        formulas=tuple(formulas),
    )


def _issues_frame(*sources: Any) -> pd.DataFrame:
    rows = []
    for source in sources:
        for issue in getattr(source, "issues", ()) or ():
            rows.append(
                {
                    "severity": getattr(issue, "severity", ""),
                    "rule": getattr(issue, "rule", ""),
                    "message": getattr(issue, "message", str(issue)),
                    "file": getattr(issue, "file", "") or "",
                    "sheet": getattr(issue, "sheet", "") or "",
                    "cell": getattr(issue, "cell", "") or "",
                    "indicator": getattr(issue, "indicator", "") or "",
                }
            )
    columns = ["severity", "rule", "message", "file", "sheet", "cell", "indicator"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="issue")
    return frame


def report_content(
    scorecard: Any,
    prioritization: Any | None = None,
    *,
    earlier: Any | None = None,
    comparison: Any | None = None,
    figures: Mapping[str, FigureRef] | None = None,
    recipe: Mapping[str, Any] | None = None,
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
        Rendered charts by stem (from :func:`build_report`); charts not given are left out.
    recipe
        The recipe of the run (as :meth:`mgi.recipe.Recipe.to_dict`), recorded in the
        provenance.
    """
    frames = scorecard_frames(scorecard, earlier, comparison)
    pr = prioritization_frames(prioritization) if prioritization is not None else None
    lang = current_language()
    if pr is not None and lang != "en" and getattr(prioritization, "matrix", None) is not None:
        from mgi.reports.texts import reason_table  # the reasons in the report's language

        said = reason_table(prioritization, lang).reindex(pr["table"].index)
        for column in said.columns.intersection(pr["table"].columns):
            pr["table"][column] = said[column]
    figures = dict(figures or {})
    provenance: dict[str, Any] = {"report": {"tool": "mgi", "tool_version": __version__}}
    provenance["scoring"] = _get(scorecard, "provenance", {})
    if comparison is not None or earlier is not None:
        provenance["earlier_round"] = _get(
            comparison.earlier if comparison is not None else earlier, "provenance", {}
        )
    if prioritization is not None:
        provenance["prioritization"] = _get(prioritization, "provenance", {})
    if recipe:
        provenance["recipe"] = dict(recipe)
    scoring = provenance["scoring"] or {}
    country = scoring.get("country", "")
    round_ = scoring.get("round", "")
    title = "Migration governance: gaps and GCM priorities"
    subtitle = " ".join(str(x) for x in (country, round_) if x)
    instrument = f"{scoring.get('instrument', '')} {scoring.get('instrument_version', '')}"
    scheme = f"{scoring.get('scheme', '')} {scoring.get('scheme_version', '')}"
    if instrument.strip():
        subtitle += f" — instrument {instrument.strip()}, scoring scheme {scheme.strip()}"
    notes = [NOT_A_RANKING, *(getattr(scorecard, "notes", ()) or ())]
    if scoring.get("mapping_source"):
        notes.append(
            f"Indicator-to-GCM-objective mapping: {scoring['mapping_source']}; it is not IOM's "
            "official question-level mapping."
        )
    summary = _summary_paragraphs(scorecard, frames)
    if pr is not None:
        ranked = pr["table"].sort_values("rank", kind="stable").head(pr["k"])
        names = ", ".join(f"{c} {lab}" for c, lab in ranked.get("short_label", {}).items())
        summary.append(f"Proposed top {pr['k']} GCM priorities, in order: {names}.")
    sections = [
        Section("summary", "Summary", tuple(summary)),
        _domain_section(frames, figures),
        _objective_section(frames, figures),
    ]
    if pr is not None:
        sections.extend(_priority_sections(pr, figures))
    sections.append(_methodology_section(scorecard, pr))
    sections.append(
        Section(
            "provenance",
            "Provenance",
            (
                "The versions, input files (with SHA-256 checksums), methods, settings and seed "
                "behind every number in this report; with them the results can be repeated.",
            ),
            tables=(
                Table(
                    "Issues",
                    _issues_frame(scorecard, comparison),
                    "Problems found in the inputs (errors stop scoring; warnings do not).",
                    outputs=frozenset({"xlsx", "html"}),
                    wrap=("message",),
                ),
            ),
        )
    )
    return ReportContent(title, subtitle, tuple(notes), provenance, tuple(sections))


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
    from mgi.reports.workbook import write_results_workbook

    formats = tuple(dict.fromkeys(["png", *formats]))
    frames = scorecard_frames(scorecard, earlier, comparison)
    pr = prioritization_frames(prioritization) if prioritization is not None else None
    say("report.progress.drawing")
    rendered = render_figures(frames, pr, _get(scorecard, "provenance", {}) or {})
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
            refs[stem] = FigureRef(stem, CAPTIONS[stem], svg, charts_dir / f"{stem}.png")
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
        )
        content = dataclasses.replace(content, lang=lang)
        written.append(write_results_workbook(content, tmp / "results.xlsx"))
        say("report.progress.file", name="results.xlsx")
        written.append(write_html(content, tmp / "report.html", generator=f"mgi {__version__}"))
        say("report.progress.file", name="report.html")
        written.append(write_docx(content, tmp / "strategy-annex.docx", DOCX_FIGURES))
        say("report.progress.file", name="strategy-annex.docx")
    final = tuple(target / p.relative_to(tmp) for p in written)
    content = dataclasses.replace(
        content,
        sections=tuple(
            dataclasses.replace(
                s,
                figures=tuple(
                    dataclasses.replace(f, png=target / "charts" / f"{f.stem}.png")
                    for f in s.figures
                ),
            )
            for s in content.sections
        ),
    )
    return ReportResult(target, final, content)
