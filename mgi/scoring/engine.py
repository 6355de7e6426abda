"""The scoring engine: a validated :class:`~mgi.assessment.Assessment` → a :class:`Scorecard`.

The method follows the composite-indicator steps and keeps every intermediate table:

1. *framework*: domains, sub-domains and indicators come from the instrument; the indicator → GCM
   objective links from its mapping;
2. *missing data*: not-applicable answers are excluded from numerator and denominator; missing
   answers are refused unless ``allow_incomplete`` (then excluded and reported, and groups below
   ``min_coverage`` get "insufficient data" instead of a band);
3. *normalisation*: each answer option gets a value in 0-1 from the scheme;
4. *weighting*: instrument indicator weights (or equal), sub-domain weights from the scheme,
   objective links weighted 1 (primary) or ``secondary_weight`` (secondary);
5. *aggregation*: weighted means, × the maximum score (100); bands and gaps to targets.

Computation is pure: nothing is read or written except the named scheme and targets file.

Examples
--------
>>> from mgi.instrument import load_instrument
>>> from mgi.assessment import Assessment
>>> inst = load_instrument("sdg-10-7-2")
>>> a = Assessment.from_answers(inst, {c: "Yes" for c in inst.indicators.index if c[1] != "1"}
...     | {"D1.a": 1, "D1.b": 0.5, "D1.c": 1, "D1.d": 0.5, "D1.e": 1},
...     {"country": "Testland", "round": "2024"})
>>> card = score(a, "sdg-10-7-2")
>>> float(card.domains.loc["D1", "score"]), card.domains.loc["D1", "band"]
(80.0, 'Meets')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mgi.assessment import Assessment
from mgi.catalogue import Issue, make_issue
from mgi.errors import ScoringError
from mgi.reference import gcm_objectives
from mgi.scoring.scheme import Scheme, domain_targets, load_scheme

#: Status of a scored group (sub-domain, domain, objective, overall).
SCORED = "scored"
INSUFFICIENT = "insufficient data"
NOT_APPLICABLE = "not applicable"
NO_INDICATORS = "no indicators"
NO_WEIGHT = "no weight"

NOT_A_RANKING = (
    "The overall score is a derived analytic computed by mgi, not an MGI result: the MGI is not "
    "a ranking of countries, and scores must not be used to compare or rank countries."
)

_COUNT_COLUMNS = ["answered", "not_applicable", "missing"]


@dataclass(frozen=True, eq=False)
class Scorecard:
    """Scores, bands, gaps and coverage of one assessment under one scheme. Immutable.

    Tables (DataFrames, returned as copies) are indexed by stable codes:

    ``indicators`` (``D2.3.1``)
        domain, subdomain, scale, answer (label), option, status, value (0-1; NaN when not
        applicable or missing, i.e. excluded), weight (instrument), effective_weight (used),
        subdomain_share and domain_share (% of the group's weight), points_lost
        (= effective_weight × (1 − value)), subdomain_points_lost and domain_points_lost (points
        of 0-100 this indicator takes off its sub-domain / domain score: they add up to
        maximum − score), evidence, comment, sheet, cell.
    ``subdomains`` (``D2.3``) and ``domains`` (``D2``)
        name, score, band, band_level, status, target, gap (target − score), answered,
        not_applicable, missing, applicable, share_answered, weakest, strongest (indicator codes for
        sub-domains, sub-domain codes for domains; ties are all listed).
    ``objectives`` (``GCM07``)
        short_label, round_table, score, band, status, target, gap, primary, secondary,
        indicators (all codes behind it), shortfall (top 3 codes by weighted points lost), coverage
        counts.
    ``objective_links``
        One row per indicator → objective link with its role, link weight, value and points lost.

    ``overall`` is a derived analytic, not an MGI result: the MGI is not a ranking of countries.
    """

    assessment: Assessment
    scheme: Scheme
    settings: Mapping[str, Any]
    _indicators: pd.DataFrame = field(repr=False)
    _subdomains: pd.DataFrame = field(repr=False)
    _domains: pd.DataFrame = field(repr=False)
    _objectives: pd.DataFrame = field(repr=False)
    _objective_links: pd.DataFrame = field(repr=False)
    _overall: Mapping[str, Any] = field(repr=False)
    steps: tuple[Mapping[str, Any], ...] = ()
    notes: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = ()

    def __repr__(self) -> str:
        return (
            f"Scorecard({self.assessment.label!r}, scheme={self.scheme.label!r}, "
            f"domains={len(self._domains)}, overall={self.overall!r})"
        )

    @property
    def indicators(self) -> pd.DataFrame:
        return self._indicators.copy()

    @property
    def subdomains(self) -> pd.DataFrame:
        return self._subdomains.copy()

    @property
    def domains(self) -> pd.DataFrame:
        return self._domains.copy()

    @property
    def objectives(self) -> pd.DataFrame:
        return self._objectives.copy()

    @property
    def objective_links(self) -> pd.DataFrame:
        return self._objective_links.copy()

    @property
    def overall(self) -> float:
        """The overall score (0-100): a derived analytic, not an MGI result.

        The MGI is not a ranking of countries, and scores must not be used to compare or rank
        countries. Under ``sdg-10-7-2`` it is the official mean of all 30 items × 100. NaN only
        if nothing at all could be scored (its status then says why).
        """
        return float(self._overall["score"])

    @property
    def overall_summary(self) -> dict[str, Any]:
        """Overall score, band, status and coverage, with the "not a ranking" note."""
        return {**self._overall, "note": NOT_A_RANKING}

    def provenance(self) -> dict[str, Any]:
        """Instrument, scheme, assessment source (file and SHA-256), settings, tool version."""
        from mgi import __version__

        source = self.assessment.source
        return {
            "tool": "mgi",
            "tool_version": __version__,
            **self.assessment.instrument.provenance(),
            **self.scheme.provenance(),
            "assessment_file": source.file_name,
            "assessment_sha256": source.sha256,
            "country": self.assessment.country,
            "round": self.assessment.round,
            "settings": dict(self.settings),
        }

    def steps_frame(self) -> pd.DataFrame:
        """The method steps as a table (step, description, settings)."""
        return pd.DataFrame(
            [
                {
                    "step": s["step"],
                    "description": s["description"],
                    "settings": "; ".join(f"{k} = {v}" for k, v in s["settings"].items()),
                }
                for s in self.steps
            ]
        )


# -- entry point ---------------------------------------------------------------------------------


def score(
    assessment: Assessment,
    scheme: str | Path | Scheme = "mgi-default",
    *,
    targets: str | Path | Mapping[str, float] | None = None,
    allow_incomplete: bool = False,
    min_coverage: float | None = None,
    secondary_weight: float | None = None,
) -> Scorecard:
    """Score a validated assessment with a scoring scheme.

    Parameters
    ----------
    assessment
        A read and validated :class:`~mgi.assessment.Assessment`.
    scheme
        A bundled scheme name (``"mgi-default"``, ``"sdg-10-7-2"``), a scheme ``.toml`` path or a
        loaded :class:`~mgi.scoring.scheme.Scheme`.
    targets
        Per-domain targets overriding the scheme's: a CSV path (columns ``domain``, ``target``) or
        a mapping ``{"D1": 80}``.
    allow_incomplete
        Score an assessment with missing answers: they are excluded and reported, and groups with
        less than ``min_coverage`` of their applicable indicators answered get the status
        "insufficient data" instead of a band.
    min_coverage, secondary_weight
        Override the scheme's settings of the same name.

    Returns
    -------
    Scorecard

    Raises
    ------
    ScoringError
        ``score.errors_in_assessment`` if the assessment has errors other than missing answers
        (the issues are attached); ``score.missing_answers`` if answers are missing and
        ``allow_incomplete`` is false (the codes are listed).
    DataFileError
        If the scheme or the targets file is broken or does not fit the instrument.

    Examples
    --------
    >>> from mgi.instrument import load_instrument
    >>> inst = load_instrument("sdg-10-7-2")
    >>> a = Assessment.from_answers(inst, {c: 1 for c in inst.indicators.index},
    ...                             {"country": "Testland", "round": "2024"})
    >>> score(a, "sdg-10-7-2").overall
    100.0
    """
    scheme = load_scheme(scheme)
    instrument = assessment.instrument
    settings = _settings(scheme, allow_incomplete, min_coverage, secondary_weight)
    scoring_issues = _check_assessment(assessment, allow_incomplete)
    option_values = scheme.option_values(instrument)
    targets_by_domain = domain_targets(scheme, instrument, targets)
    settings["targets"] = {k: float(v) for k, v in targets_by_domain.items()}
    settings["targets_file"] = (
        str(targets) if isinstance(targets, str | Path) else ("mapping" if targets else "")
    )
    maximum = scheme.maximum

    ind = _indicator_table(
        assessment, option_values, equal=settings["indicator_weights"] == "equal"
    )
    sub = _subdomain_table(ind, instrument.subdomains, scheme, settings, targets_by_domain)
    dom = _domain_table(ind, sub, instrument.domains, scheme, settings, targets_by_domain)
    obj, links = _objective_table(ind, instrument.mapping, scheme, settings)
    overall = _overall(ind, dom, scheme, settings)

    # points of the 0-100 scale each indicator takes off its sub-domain and domain
    ind["subdomain_points_lost"] = scheme.round(
        maximum * ind["subdomain_share"] / 100 * (1 - ind["value"])
    )
    ind["domain_points_lost"] = scheme.round(
        maximum * ind["domain_share"] / 100 * (1 - ind["value"])
    )
    ind = ind[_INDICATOR_COLUMNS]

    for level, table in (("sub-domain", sub), ("domain", dom), ("objective", obj)):
        low = table[table["status"] == INSUFFICIENT]
        scoring_issues += [
            make_issue(
                "score.insufficient_coverage",
                indicator=str(code),
                found=f"{row['answered']} of {row['applicable']}",
                level=level,
                allowed=f"{settings['min_coverage']:.0%}",
            )
            for code, row in low.iterrows()
        ]

    notes = (
        NOT_A_RANKING,
        f"Scores computed by mgi with the scoring scheme {scheme.label}; bands: "
        f"{scheme.model.banding.source or 'as stated in the scheme'}.",
        "Not applicable answers are excluded from numerator and denominator; "
        + (
            "missing answers were excluded and reported (--allow-incomplete)."
            if allow_incomplete
            else "no answer was missing."
        ),
    )
    return Scorecard(
        assessment=assessment,
        scheme=scheme,
        settings=settings,
        _indicators=ind,
        _subdomains=sub,
        _domains=dom,
        _objectives=obj,
        _objective_links=links,
        _overall=overall,
        steps=_steps(scheme, settings, assessment),
        notes=notes,
        issues=tuple(i for i in assessment.issues if not i.is_error)
        + tuple(
            i.with_location(severity="warning")
            for i in assessment.issues
            if i.is_error and i.rule == "answer.missing"
        )
        + tuple(scoring_issues),
    )


# -- checks and settings ------------------------------------------------------------------------


def _settings(
    scheme: Scheme,
    allow_incomplete: bool,
    min_coverage: float | None,
    secondary_weight: float | None,
) -> dict[str, Any]:
    model = scheme.model
    min_cov = model.coverage.min_coverage if min_coverage is None else float(min_coverage)
    sec = model.objectives.secondary_weight if secondary_weight is None else float(secondary_weight)
    if not 0 <= min_cov <= 1:
        from mgi.errors import UsageError

        raise UsageError(f"min_coverage must be between 0 and 1, not {min_cov}.")
    if not 0 <= sec <= 1:
        from mgi.errors import UsageError

        raise UsageError(f"secondary_weight must be between 0 and 1, not {sec}.")
    return {
        "scheme": scheme.label,
        "indicator_weights": model.aggregation.indicator_weights,
        "domain_aggregation": model.aggregation.domain,
        "overall_aggregation": model.aggregation.overall,
        "subdomain_weights": dict(model.aggregation.subdomain_weights),
        "maximum": model.scores.maximum,
        "band_decimals": model.banding.decimals,
        "min_coverage": min_cov,
        "secondary_weight": sec,
        "allow_incomplete": bool(allow_incomplete),
        "objective_target": model.targets.objectives,
    }


def _check_assessment(assessment: Assessment, allow_incomplete: bool) -> list[Issue]:
    """Refuse assessments with errors, or (unless allowed) with missing answers."""
    other = [i for i in assessment.issues if i.is_error and i.rule != "answer.missing"]
    if other:
        raise ScoringError(
            make_issue("score.errors_in_assessment", found=len(other)).message,
            issues=other,
            path=assessment.source.path or None,
            rule="score.errors_in_assessment",
        )
    status = assessment.answers["status"]
    bad = status[status == "invalid"]
    if len(bad):  # invalid answers always come with an error issue; guard anyway
        raise ScoringError(
            make_issue("score.errors_in_assessment", found=len(bad)).message,
            path=assessment.source.path or None,
            rule="score.errors_in_assessment",
        )
    missing = list(status.index[status == "missing"])
    if missing and not allow_incomplete:
        issue = make_issue(
            "score.missing_answers", found=len(missing), allowed=", ".join(map(str, missing))
        )
        raise ScoringError(
            issue.message,
            issues=[
                make_issue("score.missing_answers", indicator=str(code), found=1, allowed=str(code))
                for code in missing
            ],
            path=assessment.source.path or None,
            rule="score.missing_answers",
        )
    return []


# -- tables -------------------------------------------------------------------------------------

_INDICATOR_COLUMNS = [
    "domain",
    "subdomain",
    "scale",
    "answer",
    "option",
    "status",
    "value",
    "weight",
    "effective_weight",
    "subdomain_share",
    "domain_share",
    "points_lost",
    "subdomain_points_lost",
    "domain_points_lost",
    "evidence",
    "comment",
    "sheet",
    "cell",
]


def _indicator_table(
    assessment: Assessment, option_values: pd.Series, *, equal: bool
) -> pd.DataFrame:
    # instrument order, whatever the order of the answer rows (results must not depend on it)
    order = assessment.instrument.indicators.index
    answers = assessment.answers
    answers = answers.loc[order[order.isin(answers.index)]]
    weights = assessment.instrument.indicators["weight"].reindex(answers.index).astype(float)
    keys = pd.MultiIndex.from_arrays([answers["scale"], answers["option"]])
    value = option_values.reindex(keys).to_numpy(dtype=float)
    answered = (answers["status"] == "answered").to_numpy()
    value = np.where(answered, value, np.nan)
    table = answers[["domain", "subdomain", "scale", "option", "status"]].copy()
    table["answer"] = answers["label"]
    table["value"] = value
    table["weight"] = weights
    table["effective_weight"] = 1.0 if equal else weights
    table["points_lost"] = table["effective_weight"] * (1 - table["value"])
    for column in ("evidence", "comment", "sheet", "cell"):
        table[column] = answers[column]
    return table


def _counts(ind: pd.DataFrame, key: pd.Series, index: pd.Index) -> pd.DataFrame:
    """answered / not_applicable / missing counts, applicable and share answered per group."""
    status = ind["status"].to_numpy()
    flags = pd.DataFrame({name: status == name for name in _COUNT_COLUMNS}, index=ind.index)
    counts = flags.groupby(key.to_numpy()).sum().reindex(index, fill_value=0).astype(int)
    counts["applicable"] = counts["answered"] + counts["missing"]
    applicable = counts["applicable"].replace(0, np.nan)
    counts["share_answered"] = (counts["answered"] / applicable).fillna(0.0)
    return counts


def _weighted_mean(weight: pd.Series, value: pd.Series, key: pd.Series, index: pd.Index):
    """Σ w·v / Σ w over answered rows per group (NaN where Σ w = 0), and Σ w."""
    mask = value.notna()
    w = weight.where(mask, 0.0)
    sums = pd.DataFrame({"w": w, "wv": w * value.fillna(0.0), "key": key}).groupby("key")[
        ["w", "wv"]
    ]
    totals = sums.sum().reindex(index, fill_value=0.0)
    mean = totals["wv"] / totals["w"].replace(0.0, np.nan)
    return mean, totals["w"]


def _status(counts: pd.DataFrame, weight_total: pd.Series, min_coverage: float) -> pd.Series:
    answered = counts["answered"].to_numpy()
    status = np.select(
        [
            counts["applicable"].to_numpy() == 0,
            (answered > 0) & (weight_total.reindex(counts.index).to_numpy() <= 0),
            counts["share_answered"].to_numpy() < min_coverage,
        ],
        [NOT_APPLICABLE, NO_WEIGHT, INSUFFICIENT],
        default=SCORED,
    )
    return pd.Series(status, index=counts.index, dtype=object)


def _finish(
    table: pd.DataFrame, scheme: Scheme, status: pd.Series, raw_score: pd.Series
) -> pd.DataFrame:
    """Rounded score, band (only when scored), gap; score NaN only when nothing was scored."""
    table["score"] = scheme.round(raw_score * scheme.maximum)
    table["status"] = status
    scored = status == SCORED
    levels = scheme.band_levels(table["score"])
    labels = scheme.band_labels(table["score"])
    table["band_level"] = np.where(scored, levels, 0)
    table["band"] = np.where(scored, labels, status)
    table["gap"] = scheme.round(table["target"] - table["score"])
    return table


def _extremes(values: pd.Series, key: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Codes with the lowest and highest value per group (ties all listed, input order)."""
    frame = pd.DataFrame({"v": values, "k": key}).dropna(subset=["v"])
    low = frame["v"] == frame.groupby("k")["v"].transform("min")
    high = frame["v"] == frame.groupby("k")["v"].transform("max")

    def join(mask: pd.Series) -> pd.Series:
        sel = frame.loc[mask]
        return pd.Series(sel.index.astype(str), index=sel.index).groupby(sel["k"]).agg(", ".join)

    return join(low), join(high)


def _subdomain_table(
    ind: pd.DataFrame,
    subdomains: pd.DataFrame,
    scheme: Scheme,
    settings: Mapping[str, Any],
    targets: pd.Series,
) -> pd.DataFrame:
    index = subdomains.index
    counts = _counts(ind, ind["subdomain"], index)
    mean, wsum = _weighted_mean(ind["effective_weight"], ind["value"], ind["subdomain"], index)
    ind["subdomain_share"] = scheme.round(
        100
        * ind["effective_weight"].where(ind["value"].notna())
        / ind["subdomain"].map(wsum).replace(0.0, np.nan)
    )
    table = pd.DataFrame(
        {
            "domain": subdomains["domain"],
            "name": subdomains["name"],
            "weight": [settings["subdomain_weights"].get(c, 1.0) for c in index],
            "target": subdomains["domain"].map(targets).astype(float),
        },
        index=index,
    )
    status = _status(counts, wsum, settings["min_coverage"])
    n_ind = ind.groupby("subdomain").size().reindex(index, fill_value=0)
    status[n_ind == 0] = NO_INDICATORS
    table = _finish(table, scheme, status, mean)
    weakest, strongest = _extremes(ind["value"], ind["subdomain"])
    table = table.join(counts)
    table["weakest"] = weakest.reindex(index).fillna("")
    table["strongest"] = strongest.reindex(index).fillna("")
    table.index.name = "code"
    return table[_GROUP_COLUMNS_SUB]


_GROUP_COLUMNS = [
    "name",
    "score",
    "band",
    "band_level",
    "status",
    "target",
    "gap",
    "answered",
    "not_applicable",
    "missing",
    "applicable",
    "share_answered",
    "weakest",
    "strongest",
]
_GROUP_COLUMNS_SUB = ["domain", *_GROUP_COLUMNS[:1], "weight", *_GROUP_COLUMNS[1:]]


def _domain_table(
    ind: pd.DataFrame,
    sub: pd.DataFrame,
    domains: pd.DataFrame,
    scheme: Scheme,
    settings: Mapping[str, Any],
    targets: pd.Series,
) -> pd.DataFrame:
    index = domains.index
    counts = _counts(ind, ind["domain"], index)
    if settings["domain_aggregation"] == "subdomains":
        sub_value = (sub["score"] / scheme.maximum).where(sub["status"] != NO_WEIGHT)
        mean, wsum = _weighted_mean(sub["weight"], sub_value, sub["domain"], index)
        # an indicator's share of its domain = its share of the sub-domain × the sub-domain's share
        sd_share = sub["weight"].where(sub_value.notna()) / sub["domain"].map(wsum).replace(
            0.0, np.nan
        )
        ind["domain_share"] = scheme.round(ind["subdomain_share"] * ind["subdomain"].map(sd_share))
        weakest, strongest = _extremes(sub["score"], sub["domain"])
        n_scored = sub_value.notna().groupby(sub["domain"]).sum().reindex(index, fill_value=0)
        no_weight = (counts["answered"] > 0) & (n_scored == 0)
    else:
        mean, wsum = _weighted_mean(ind["effective_weight"], ind["value"], ind["domain"], index)
        ind["domain_share"] = scheme.round(
            100
            * ind["effective_weight"].where(ind["value"].notna())
            / ind["domain"].map(wsum).replace(0.0, np.nan)
        )
        weakest, strongest = _extremes(ind["value"], ind["domain"])
        no_weight = (counts["answered"] > 0) & (wsum <= 0)
    status = _status(counts, pd.Series(1.0, index=index), settings["min_coverage"])
    status[no_weight & (counts["applicable"] > 0)] = NO_WEIGHT
    status[ind.groupby("domain").size().reindex(index, fill_value=0) == 0] = NO_INDICATORS
    table = pd.DataFrame(
        {"name": domains["name"], "target": targets.reindex(index).astype(float)}, index=index
    )
    table = _finish(table, scheme, status, mean).join(counts)
    table["weakest"] = weakest.reindex(index).fillna("")
    table["strongest"] = strongest.reindex(index).fillna("")
    table.index.name = "code"
    return table[_GROUP_COLUMNS]


def _objective_table(
    ind: pd.DataFrame, mapping: pd.DataFrame, scheme: Scheme, settings: Mapping[str, Any]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    objectives = gcm_objectives()
    index = objectives.index
    links = mapping[["objective", "indicator", "role"]].copy()
    links = links[links["indicator"].isin(ind.index)].reset_index(drop=True)
    links["link_weight"] = np.where(links["role"] == "primary", 1.0, settings["secondary_weight"])
    links["indicator_weight"] = ind["effective_weight"].reindex(links["indicator"]).to_numpy()
    links["weight"] = links["link_weight"] * links["indicator_weight"]
    links["status"] = ind["status"].reindex(links["indicator"]).to_numpy()
    links["value"] = ind["value"].reindex(links["indicator"]).to_numpy()
    links["points_lost"] = links["weight"] * (1 - links["value"])
    links["order"] = pd.Series(range(len(ind)), index=ind.index).reindex(links["indicator"]).values

    counts = _counts(links, links["objective"], index)
    mean, wsum = _weighted_mean(links["weight"], links["value"], links["objective"], index)
    links["objective_points_lost"] = scheme.round(
        scheme.maximum * links["points_lost"] / links["objective"].map(wsum).replace(0.0, np.nan)
    )
    roles = links["role"].to_numpy()
    role_counts = (
        pd.DataFrame({r: roles == r for r in ("primary", "secondary")}, index=links.index)
        .groupby(links["objective"].to_numpy())
        .sum()
        .reindex(index, fill_value=0)
        .astype(int)
    )
    status = _status(counts, wsum, settings["min_coverage"])
    status[role_counts.sum(axis=1) == 0] = NO_INDICATORS

    ordered = links.sort_values(["objective", "order"], kind="stable")
    listed = ordered.groupby("objective")["indicator"].agg(", ".join)
    losers = ordered[ordered["points_lost"] > 0].sort_values(
        ["objective", "points_lost", "order"], ascending=[True, False, True], kind="stable"
    )
    shortfall = losers.groupby("objective").head(3).groupby("objective")["indicator"].agg(", ".join)

    table = pd.DataFrame(
        {
            "short_label": objectives["short_label"],
            "round_table": objectives["imrf_2022_round_table"],
            "target": float(settings["objective_target"]),
        },
        index=index,
    )
    table = _finish(table, scheme, status, mean)
    table = table.join(role_counts).join(counts)
    table["indicators"] = listed.reindex(index).fillna("")
    table["shortfall"] = shortfall.reindex(index).fillna("")
    table.index.name = "objective"
    columns = [
        "short_label",
        "round_table",
        "score",
        "band",
        "band_level",
        "status",
        "target",
        "gap",
        "primary",
        "secondary",
        "answered",
        "not_applicable",
        "missing",
        "applicable",
        "share_answered",
        "indicators",
        "shortfall",
    ]
    link_columns = [
        "objective",
        "indicator",
        "role",
        "link_weight",
        "indicator_weight",
        "weight",
        "status",
        "value",
        "points_lost",
        "objective_points_lost",
    ]
    links = links.sort_values(["objective", "order"], kind="stable").reset_index(drop=True)
    return table[columns], links[link_columns]


def _overall(
    ind: pd.DataFrame, dom: pd.DataFrame, scheme: Scheme, settings: Mapping[str, Any]
) -> dict[str, Any]:
    one = pd.Index(["overall"])
    counts = _counts(ind, pd.Series("overall", index=ind.index), one)
    if settings["overall_aggregation"] == "domains":
        values = (dom["score"] / scheme.maximum).where(dom["status"] != NO_WEIGHT)
        mean, wsum = _weighted_mean(
            pd.Series(1.0, index=dom.index), values, pd.Series("overall", index=dom.index), one
        )
    else:
        mean, wsum = _weighted_mean(
            ind["effective_weight"], ind["value"], pd.Series("overall", index=ind.index), one
        )
    status = _status(counts, wsum, settings["min_coverage"])
    table = pd.DataFrame({"name": ["Overall (derived analytic)"], "target": [np.nan]}, index=one)
    table = _finish(table, scheme, status, mean).join(counts)
    row = table.iloc[0]
    return {
        "score": float(row["score"]),
        "band": str(row["band"]),
        "band_level": int(row["band_level"]),
        "status": str(row["status"]),
        "answered": int(row["answered"]),
        "not_applicable": int(row["not_applicable"]),
        "missing": int(row["missing"]),
        "share_answered": float(row["share_answered"]),
        "method": settings["overall_aggregation"],
    }


def _steps(
    scheme: Scheme, settings: Mapping[str, Any], assessment: Assessment
) -> tuple[dict[str, Any], ...]:
    inst = assessment.instrument
    model = scheme.model
    agg = model.aggregation
    domain_rule = (
        "domain = weighted mean of its sub-domain scores (sub-domain weights from the scheme, "
        "default 1; sub-domains without a score are left out)"
        if agg.domain == "subdomains"
        else "domain = mean of its indicators' values (weighted as above) × maximum"
    )
    overall_rule = (
        "overall = mean of the domain scores (equal weights)"
        if agg.overall == "domains"
        else "overall = mean of all indicators' values (weighted as above) × maximum"
    )
    return (
        {
            "step": "1 framework",
            "description": "Domains, sub-domains, indicators and GCM objective links come from the "
            "instrument and its mapping.",
            "settings": {
                "instrument": inst.label,
                "domains": len(inst.domains),
                "subdomains": len(inst.subdomains),
                "indicators": len(inst.indicators),
                "mapping_source": inst.meta.mapping.source,
            },
        },
        {
            "step": "2 missing data",
            "description": "Not applicable answers are excluded from numerator and denominator. "
            "Missing answers are refused, or with allow_incomplete excluded and reported; a group "
            "with a share answered (of its applicable indicators) below min_coverage gets "
            "'insufficient data' instead of a band.",
            "settings": {
                "allow_incomplete": settings["allow_incomplete"],
                "min_coverage": settings["min_coverage"],
            },
        },
        {
            "step": "3 normalisation",
            "description": "Each answer option is given a value from 0 to 1 by the scheme.",
            "settings": {
                scale: ", ".join(f"{o} = {v:g}" for o, v in options.items())
                for scale, options in model.values.items()
            },
        },
        {
            "step": "4 weighting",
            "description": "Indicator weights from the instrument (or equal); sub-domain weights "
            "from the scheme; objective links weigh 1 (primary) or secondary_weight "
            "(secondary), times the indicator weight.",
            "settings": {
                "indicator_weights": agg.indicator_weights,
                "subdomain_weights": dict(agg.subdomain_weights) or "equal",
                "secondary_weight": settings["secondary_weight"],
            },
        },
        {
            "step": "5 aggregation",
            "description": "sub-domain = Σ w·v / Σ w × maximum over answered indicators; "
            f"{domain_rule}; {overall_rule}.",
            "settings": {
                "domain": agg.domain,
                "overall": agg.overall,
                "maximum": model.scores.maximum,
            },
        },
        {
            "step": "6 bands and targets",
            "description": "Scores are rounded to banding.decimals, then a score belongs to the "
            "last band whose lower threshold it reaches (lower edge included, upper edge "
            "excluded). gap = target − score.",
            "settings": {
                "bands": ", ".join(f"{b.lower:g}: {b.label}" for b in model.banding.bands),
                "decimals": model.banding.decimals,
                "band_source": model.banding.source,
                "targets": ", ".join(f"{k} {v:g}" for k, v in settings["targets"].items()),
                "objective_target": settings["objective_target"],
            },
        },
    )


def combine(cards: list[Scorecard]) -> pd.DataFrame:
    """Many scorecards in one long table: one row per file × domain, plus an ``overall`` row.

    Columns: file, country, round, instrument, scheme, level (``domain`` or ``overall``), code,
    name, score, band, status, target, gap, share_answered. The overall rows are derived
    analytics, not MGI results (the MGI is not a ranking of countries).

    Examples
    --------
    >>> combine([]).columns[:3].tolist()
    ['file', 'country', 'round']
    """
    columns = [
        "file",
        "country",
        "round",
        "instrument",
        "scheme",
        "level",
        "code",
        "name",
        "score",
        "band",
        "status",
        "target",
        "gap",
        "share_answered",
    ]
    frames = []
    for card in cards:
        dom = card._domains.reset_index()
        dom["level"] = "domain"
        over = card._overall
        row = {
            "code": "overall",
            "name": "Overall (derived analytic, not a ranking)",
            "score": over["score"],
            "band": over["band"],
            "status": over["status"],
            "target": np.nan,
            "gap": np.nan,
            "share_answered": over["share_answered"],
            "level": "overall",
        }
        frame = pd.concat([dom, pd.DataFrame([row])], ignore_index=True)
        frame["file"] = card.assessment.source.file_name
        frame["country"] = card.assessment.country
        frame["round"] = card.assessment.round
        frame["instrument"] = card.assessment.instrument.label
        frame["scheme"] = card.scheme.label
        frames.append(frame[columns])
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)
