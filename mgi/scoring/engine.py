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

from mgi._frozen import table_view
from mgi.assessment import EVIDENCE_RULES, MISSING_RULES, Assessment, require_evidence
from mgi.catalogue import Issue, make_issue
from mgi.errors import ScoringError
from mgi.reference import cross_cutting_blocks, gcm_objectives
from mgi.scoring.scheme import Scheme, domain_targets, instrument_scheme, load_scheme

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


def _notes(scheme: Any, allow_incomplete: bool) -> tuple[str, ...]:
    """The notes of a scorecard, in the language of the work in progress (the first is
    :data:`NOT_A_RANKING` in English)."""
    from mgi.i18n import current_language, text

    lang = current_language()
    bands = scheme.model.banding.source or text("scoring.note.bands_default", lang)
    missing = "scoring.note.missing_excluded" if allow_incomplete else "scoring.note.none_missing"
    return (
        text("notice.overall_derived", lang),
        text("scoring.note.scheme", lang, scheme=scheme.label, bands=bands),
        text(missing, lang),
    )


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
        maximum − score), evidence, comment, implementation (how far the law or policy is
        applied, as recorded in the questionnaire: never scored), sheet, cell.
    ``subdomains`` (``D2.3``) and ``domains`` (``D2``)
        name, score, band, band_level, status, target, gap (target − score), answered,
        not_applicable, missing, applicable, share_answered, weakest, strongest (indicator codes for
        sub-domains, sub-domain codes for domains; ties are all listed).
    ``objectives`` (``GCM07``)
        short_label, round_table, score, band, status, target, gap, primary, secondary, links
        (primary + secondary), few_links (fewer than the scheme's ``min_links``), gap_low and
        gap_high (the one-step range: the gap if the one linked answer that moves it most were
        one step better, or one step worse), indicators (all codes behind it), shortfall (top 3
        codes by weighted points lost), coverage counts.
    ``objective_links``
        One row per indicator → objective link with its role, link weight, value and points lost.
    ``cross_cutting`` (``WGA``)
        The cross-cutting blocks of the mapping (domestic whole-of-government machinery,
        whole-of-society engagement), scored like objectives from the indicators linked to them
        (every link weighs 1): name, score, band, status, target, gap, links, few_links, gap_low,
        gap_high, coverage counts, indicators, shortfall.

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
    _cross_cutting: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    steps: tuple[Mapping[str, Any], ...] = ()
    notes: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = ()

    def __repr__(self) -> str:
        return (
            f"Scorecard({self.assessment.label!r}, scheme={self.scheme.label!r}, "
            f"domains={len(self._domains)}, overall={self.overall!r})"
        )

    indicators = table_view("_indicators")

    subdomains = table_view("_subdomains")

    domains = table_view("_domains")

    objectives = table_view("_objectives")

    objective_links = table_view("_objective_links")

    cross_cutting = table_view("_cross_cutting")

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
        """Overall score, band, status and coverage, with the "not a ranking" note (in the
        language of the work in progress, :func:`mgi.i18n.using`)."""
        from mgi.i18n import current_language, text

        return {**self._overall, "note": text("notice.overall_derived", current_language())}

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
    scheme: str | Path | Scheme | None = None,
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
    scheme = load_scheme(scheme) if scheme is not None else instrument_scheme(assessment.instrument)
    instrument = assessment.instrument
    settings = _settings(scheme, allow_incomplete, min_coverage, secondary_weight)
    scoring_issues = _check_assessment(assessment, allow_incomplete)
    _check_evidence(assessment, scheme)
    option_values = scheme.option_values(instrument)
    targets_by_domain = domain_targets(scheme, instrument, targets)
    settings["targets"] = {k: float(v) for k, v in targets_by_domain.items()}
    settings["targets_file"] = (
        str(targets) if isinstance(targets, str | Path) else ("mapping" if targets else "")
    )

    # the instrument's tables are returned as copies: fetch each once
    indicators, subdomains, domains = (
        instrument.indicators,
        instrument.subdomains,
        instrument.domains,
    )
    rows = _indicator_rows(
        assessment, indicators, option_values, equal=settings["indicator_weights"] == "equal"
    )
    sub, subdomain_share = _subdomain_table(rows, subdomains, scheme, settings, targets_by_domain)
    dom, domain_share = _domain_table(
        rows, sub, subdomain_share, domains, scheme, settings, targets_by_domain
    )
    steps = _answer_steps(option_values)
    obj, links = _objective_table(rows, instrument.mapping, scheme, settings, steps)
    blocks = _cross_cutting_table(rows, instrument.cross_cutting, scheme, settings, steps)
    overall = _overall(rows, dom, scheme, settings)
    ind = _indicator_frame(rows, subdomain_share, domain_share, scheme)

    for level, table in (("sub-domain", sub), ("domain", dom), ("objective", obj)):
        scoring_issues += _coverage_issues(level, table, settings["min_coverage"])

    notes = _notes(scheme, allow_incomplete)
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
        _cross_cutting=blocks,
        steps=_steps(
            scheme,
            settings,
            assessment,
            {"domains": len(domains), "subdomains": len(subdomains), "indicators": len(indicators)},
        ),
        notes=notes,
        issues=tuple(i for i in assessment.issues if not i.is_error)
        + tuple(
            i.with_location(severity="warning")
            for i in assessment.issues
            if i.is_error and i.rule in MISSING_RULES
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
        "min_links": model.objectives.min_links,
    }


def _check_evidence(assessment: Assessment, scheme: Scheme) -> None:
    """Refuse answers without their evidence (or a Not applicable without a reason) when the
    scheme requires evidence (``[answers] evidence_required``)."""
    if not scheme.evidence_required:
        return
    issues = require_evidence(assessment.issues, scheme=scheme.label)
    if issues and issues[0].rule == "score.evidence_required":
        raise ScoringError(
            issues[0].message,
            issues=[i for i in issues[1:] if i.rule in EVIDENCE_RULES],
            path=assessment.source.path or None,
            rule="score.evidence_required",
        )


def _check_assessment(assessment: Assessment, allow_incomplete: bool) -> list[Issue]:
    """Refuse assessments with errors, or (unless allowed) with missing answers."""
    other = [i for i in assessment.issues if i.is_error and i.rule not in MISSING_RULES]
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
#
# Every level (sub-domain, domain, objective, overall) is computed with numpy on integer group
# codes (the position of each row's group in the level's index, −1 when it has none), computed
# once per level; each output DataFrame is built once, at the end. Float sums keep the exact
# results of pandas' ``groupby().sum()`` (see ``_group_sums``), so scores are bit-for-bit those
# of the pandas implementation this replaced.

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
    "implementation",
    "sheet",
    "cell",
]

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


@dataclass(frozen=True)
class _Rows:
    """The indicator rows of an assessment as arrays, in instrument order."""

    answers: pd.DataFrame  # answer rows (text columns of the indicator table come from here)
    value: np.ndarray  # 0-1; NaN when not applicable or missing
    weight: np.ndarray  # instrument weight
    effective_weight: np.ndarray  # weight used: instrument weight, or 1 under equal weights
    status: np.ndarray  # answered / not_applicable / missing (object)

    @property
    def codes(self) -> pd.Index:
        return self.answers.index

    def keys(self, column: str) -> np.ndarray:
        """Each row's sub-domain or domain code."""
        return self.answers[column].to_numpy(dtype=object)


@dataclass(frozen=True)
class _Coverage:
    """Rows by status in each group of one level, aligned on the level's index."""

    groups: np.ndarray  # position of each row's group in the index (−1: none)
    answered: np.ndarray
    not_applicable: np.ndarray
    missing: np.ndarray
    size: np.ndarray  # rows (indicators or links) in the group, whatever their status

    @property
    def applicable(self) -> np.ndarray:
        return self.answered + self.missing

    @property
    def share_answered(self) -> np.ndarray:
        """answered / applicable; 0 where nothing is applicable."""
        applicable = self.applicable
        share = np.zeros(len(applicable))
        np.divide(self.answered, applicable, out=share, where=applicable > 0)
        return share

    def count_columns(self) -> dict[str, np.ndarray]:
        return {
            "answered": self.answered,
            "not_applicable": self.not_applicable,
            "missing": self.missing,
            "applicable": self.applicable,
            "share_answered": self.share_answered,
        }


def _indicator_rows(
    assessment: Assessment, indicators: pd.DataFrame, option_values: pd.Series, *, equal: bool
) -> _Rows:
    """Answers in instrument order (results must not depend on the order of the answer rows),
    with each answer's value from the scheme (NaN unless answered) and its weights."""
    order = indicators.index
    answers = assessment.answers
    if not answers.index.identical(order):  # (the usual case needs no reordering)
        answers = answers.loc[order[order.isin(answers.index)]]
    weight = indicators["weight"].reindex(answers.index).to_numpy(dtype=float)
    values = dict(zip(option_values.index, option_values.to_numpy(dtype=float), strict=True))
    value = np.array(
        [values.get(key, np.nan) for key in zip(answers["scale"], answers["option"], strict=True)],
        dtype=float,
    )
    status = answers["status"].to_numpy(dtype=object)
    value[status != "answered"] = np.nan
    return _Rows(
        answers=answers,
        value=value,
        weight=weight,
        effective_weight=np.ones(len(weight)) if equal else weight,
        status=status,
    )


def _group_sums(
    weight: np.ndarray, weighted_value: np.ndarray, keys: np.ndarray, index: pd.Index
) -> tuple[np.ndarray, np.ndarray]:
    """Σ w and Σ w·v per group key, aligned on ``index`` (0 for groups without rows).

    The last bit of a float sum depends on the order of the additions, and it can decide the
    rounding of a score to ``banding.decimals``. When every partial sum is exact (see
    :func:`_sums_are_exact`: e.g. weights 1, 0.5 and values 0, 0.5, 1) any order gives the same
    result, and ``np.bincount`` is used; otherwise the sums are left to pandas'
    ``groupby().sum()`` on the key labels, whose summation order (compensated, or pairwise for
    sorted keys, depending on the pandas version) the scores have always had.
    """
    if _sums_are_exact(weight) and _sums_are_exact(weighted_value):
        groups = index.get_indexer(keys)
        member = groups >= 0
        n = len(index)
        return (
            np.bincount(groups[member], weights=weight[member], minlength=n),
            np.bincount(groups[member], weights=weighted_value[member], minlength=n),
        )
    sums = pd.DataFrame({"w": weight, "wv": weighted_value}).groupby(keys).sum()
    at = sums.index.get_indexer(index)
    totals = np.vstack([sums.to_numpy(dtype=float), np.zeros((1, 2))])[at]
    return totals[:, 0], totals[:, 1]


def _sums_are_exact(values: np.ndarray) -> bool:
    """Whether every sum of these values is exact in float64, whatever the order of additions.

    True when all are non-negative (no −0.0) multiples of 2⁻³² adding up to less than 2²⁰:
    every partial sum is then a multiple of 2⁻³² below 2²⁰, which 53 bits represent exactly.
    """
    scaled = values * 2.0**32  # exact: a power of two
    return bool(
        np.all(scaled == np.floor(scaled))
        and not np.signbit(values).any()
        and values.sum() < 2.0**20
    )


def _per_row(totals: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each row's group total (NaN for rows of group −1)."""
    return np.append(totals, np.nan)[groups]


def _divisor(totals: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each row's group total as a divisor: NaN where it is 0 or the row has no group."""
    per_row = _per_row(totals, groups)
    return np.where(per_row == 0, np.nan, per_row)


def _coverage(status: np.ndarray, keys: np.ndarray, index: pd.Index) -> _Coverage:
    """Rows by status per group; ``keys`` holds each row's group code (sub-domain, domain,
    objective), rows whose key is not in ``index`` are left out."""
    n = len(index)
    groups = index.get_indexer(keys)
    member = groups >= 0

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(groups[member & mask], minlength=n).astype(np.int64)

    return _Coverage(
        groups=groups,
        answered=count(status == "answered"),
        not_applicable=count(status == "not_applicable"),
        missing=count(status == "missing"),
        size=count(np.ones(len(groups), dtype=bool)),
    )


def _relative(weight: np.ndarray, groups: np.ndarray, n: int) -> np.ndarray:
    """Each row's weight divided by the largest weight of its group (rows of group −1 as they
    are).

    Weights are relative: scaling all of a group's weights by a common factor must not change
    its score. Dividing by the group's largest weight before summing makes it so (every weight
    1e308 gives exactly the scores of every weight 1) and keeps every sum finite. Weights of 1,
    or any power of two, are unchanged bit for bit, so the usual scores are too.
    """
    member = groups >= 0
    largest = np.zeros(n + 1)  # the last slot stands for group −1
    np.maximum.at(largest, groups[member], weight[member])
    largest[largest <= 0] = 1.0
    largest[n] = 1.0
    return weight / largest[groups]


def _weighted_mean(
    weight: np.ndarray, value: np.ndarray, keys: np.ndarray, index: pd.Index
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Σ w·v / Σ w over rows with a value per group (NaN where Σ w = 0), Σ w, and each row's w,
    with the weights relative to the largest of their group (see :func:`_relative`)."""
    has_value = ~np.isnan(value)
    w = _relative(np.where(has_value, weight, 0.0), index.get_indexer(keys), len(index))
    weight_total, weighted_sum = _group_sums(w, w * np.where(has_value, value, 0.0), keys, index)
    mean = np.full(len(index), np.nan)
    np.divide(weighted_sum, weight_total, out=mean, where=weight_total != 0)
    return mean, weight_total, w


def _status(coverage: _Coverage, weight_total: np.ndarray, min_coverage: float) -> np.ndarray:
    """not applicable / no weight / insufficient data / scored, first matching rule wins."""
    status = np.select(
        [
            coverage.applicable == 0,
            (coverage.answered > 0) & (weight_total <= 0),
            coverage.share_answered < min_coverage,
        ],
        [NOT_APPLICABLE, NO_WEIGHT, INSUFFICIENT],
        default=SCORED,
    )
    return status.astype(object)


def _banded(
    scheme: Scheme, raw_score: np.ndarray, status: np.ndarray, target: np.ndarray
) -> dict[str, Any]:
    """Rounded score, band (only when scored), gap; score NaN only when nothing was scored."""
    score = scheme.round(raw_score * scheme.maximum)
    scored = status == SCORED
    return {
        "score": score,
        "band": np.where(scored, scheme.band_labels(score), status),
        "band_level": np.where(scored, scheme.band_levels(score), 0),
        "status": status,
        "target": target,
        "gap": scheme.round(target - score),
    }


def _join_codes(codes: Any, groups: np.ndarray, n: int, mask: np.ndarray) -> list[str]:
    """``", "``-joined codes of the rows in ``mask``, per group, in row order ("" if none)."""
    parts: list[list[str]] = [[] for _ in range(n)]
    for code, g in zip(np.asarray(codes, dtype=object)[mask], groups[mask], strict=True):
        parts[g].append(str(code))
    return [", ".join(p) for p in parts]


def _extremes(
    values: np.ndarray, codes: pd.Index, groups: np.ndarray, n: int
) -> tuple[list[str], list[str]]:
    """Codes with the lowest and highest value per group (ties all listed, input order)."""
    valid = ~np.isnan(values) & (groups >= 0)
    low = np.full(n, np.inf)
    high = np.full(n, -np.inf)
    np.minimum.at(low, groups[valid], values[valid])
    np.maximum.at(high, groups[valid], values[valid])
    is_low = np.zeros(len(values), dtype=bool)
    is_high = np.zeros(len(values), dtype=bool)
    is_low[valid] = values[valid] == low[groups[valid]]
    is_high[valid] = values[valid] == high[groups[valid]]
    return _join_codes(codes, groups, n, is_low), _join_codes(codes, groups, n, is_high)


def _group_frame(columns: dict[str, Any], index: pd.Index, names: list[str]) -> pd.DataFrame:
    """The table of one level, columns ``names`` (built in that order); ``status`` stays an
    object column."""
    assert list(columns) == names, "columns out of order"
    columns = {**columns, "status": pd.Series(columns["status"], index=index, dtype=object)}
    return pd.DataFrame(columns, index=index, copy=False)


def _reordered(column: pd.Series, order: np.ndarray) -> pd.Series:
    """``column`` in ``order``, with a fresh range index and the same dtype."""
    return pd.Series(column.array.take(order), dtype=column.dtype)


def _subdomain_table(
    rows: _Rows,
    subdomains: pd.DataFrame,
    scheme: Scheme,
    settings: Mapping[str, Any],
    targets: pd.Series,
) -> tuple[pd.DataFrame, np.ndarray]:
    """The sub-domain table, and each indicator's share (%) of its sub-domain's weight."""
    index = subdomains.index.rename("code")
    keys = rows.keys("subdomain")
    coverage = _coverage(rows.status, keys, index)
    groups = coverage.groups
    mean, weight_total, w = _weighted_mean(rows.effective_weight, rows.value, keys, index)
    # share = 100 × w / Σ w of the sub-domain, for indicators with a value
    share = scheme.round(
        100 * np.where(np.isnan(rows.value), np.nan, w) / _divisor(weight_total, groups)
    )
    status = _status(coverage, weight_total, settings["min_coverage"])
    status[coverage.size == 0] = NO_INDICATORS
    target = targets.reindex(subdomains["domain"]).to_numpy(dtype=float)
    weakest, strongest = _extremes(rows.value, rows.codes, groups, len(index))
    columns = {
        "domain": subdomains["domain"].set_axis(index),
        "name": subdomains["name"].set_axis(index),
        "weight": [settings["subdomain_weights"].get(c, 1.0) for c in index],
        **_banded(scheme, mean, status, target),
        **coverage.count_columns(),
        "weakest": weakest,
        "strongest": strongest,
    }
    return _group_frame(columns, index, _GROUP_COLUMNS_SUB), share


def _domain_table(
    rows: _Rows,
    sub: pd.DataFrame,
    subdomain_share: np.ndarray,
    domains: pd.DataFrame,
    scheme: Scheme,
    settings: Mapping[str, Any],
    targets: pd.Series,
) -> tuple[pd.DataFrame, np.ndarray]:
    """The domain table, and each indicator's share (%) of its domain's weight."""
    index = domains.index.rename("code")
    n = len(index)
    keys = rows.keys("domain")
    coverage = _coverage(rows.status, keys, index)
    groups = coverage.groups
    if settings["domain_aggregation"] == "subdomains":
        # domain = Σ wₛ·scoreₛ / Σ wₛ over its sub-domains with a score (no weight: left out)
        sub_keys = sub["domain"].to_numpy(dtype=object)
        sub_groups = index.get_indexer(sub_keys)
        sub_weight = sub["weight"].to_numpy(dtype=float)
        sub_score = sub["score"].to_numpy(dtype=float)
        sub_value = np.where(
            sub["status"].to_numpy() != NO_WEIGHT, sub_score / scheme.maximum, np.nan
        )
        mean, weight_total, sub_w = _weighted_mean(sub_weight, sub_value, sub_keys, index)
        # an indicator's share of its domain = its share of the sub-domain × the sub-domain's share
        sub_share = np.where(np.isnan(sub_value), np.nan, sub_w) / _divisor(
            weight_total, sub_groups
        )
        share = scheme.round(
            subdomain_share * _per_row(sub_share, sub.index.get_indexer(rows.keys("subdomain")))
        )
        weakest, strongest = _extremes(sub_score, sub.index, sub_groups, n)
        n_scored = np.bincount(sub_groups[(sub_groups >= 0) & ~np.isnan(sub_value)], minlength=n)
        no_weight = (coverage.answered > 0) & (n_scored == 0)
    else:
        mean, weight_total, w = _weighted_mean(rows.effective_weight, rows.value, keys, index)
        share = scheme.round(
            100 * np.where(np.isnan(rows.value), np.nan, w) / _divisor(weight_total, groups)
        )
        weakest, strongest = _extremes(rows.value, rows.codes, groups, n)
        no_weight = (coverage.answered > 0) & (weight_total <= 0)
    status = _status(coverage, np.ones(n), settings["min_coverage"])
    status[no_weight & (coverage.applicable > 0)] = NO_WEIGHT
    status[coverage.size == 0] = NO_INDICATORS
    columns = {
        "name": domains["name"].set_axis(index),
        **_banded(scheme, mean, status, targets.reindex(index).to_numpy(dtype=float)),
        **coverage.count_columns(),
        "weakest": weakest,
        "strongest": strongest,
    }
    return _group_frame(columns, index, _GROUP_COLUMNS), share


_OBJECTIVE_COLUMNS = [
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
    "links",
    "few_links",
    "gap_low",
    "gap_high",
    "answered",
    "not_applicable",
    "missing",
    "applicable",
    "share_answered",
    "indicators",
    "shortfall",
]


@dataclass(frozen=True)
class _Steps:
    """Per answer scale, the sorted distinct values of its answered options (from the scheme)."""

    values: Mapping[str, np.ndarray]

    def moves(self, scale: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How far each value would move one option step up and one step down its scale
        (0 at the top or bottom of the scale; NaN where there is no value)."""
        up = np.where(np.isnan(value), np.nan, 0.0)
        down = up.copy()
        for name, levels in self.values.items():
            rows = np.flatnonzero((scale == name) & ~np.isnan(value))
            if not len(rows) or not len(levels):
                continue
            v = value[rows]
            above = np.searchsorted(levels, v, side="right")
            below = np.searchsorted(levels, v, side="left") - 1
            higher = levels[np.minimum(above, len(levels) - 1)]
            lower = levels[np.maximum(below, 0)]
            up[rows] = np.where(above < len(levels), higher - v, 0.0)
            down[rows] = np.where(below >= 0, v - lower, 0.0)
        return up, down


def _answer_steps(option_values: pd.Series) -> _Steps:
    """The answer ladder of every scale: its answered options' distinct values, ascending."""
    levels: dict[str, list[float]] = {}
    for (scale, _), value in option_values.items():
        if not np.isnan(value):
            levels.setdefault(str(scale), []).append(float(value))
    return _Steps({k: np.unique(np.asarray(v, dtype=float)) for k, v in levels.items()})


def _one_step_range(
    scheme: Scheme,
    gap: np.ndarray,
    weight: np.ndarray,
    up: np.ndarray,
    down: np.ndarray,
    groups: np.ndarray,
    weight_total: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The one-step range of the gap of each group (objective or block).

    Moving the answer of link ``i`` one step changes the group's score by
    ``maximum × wᵢ × stepᵢ / Σ w`` (``weight`` and ``weight_total`` relative, as
    :func:`_weighted_mean` returns them); ``gap_low`` is the gap after the largest such improvement,
    ``gap_high`` after the largest such worsening (only answered links move). NaN where the
    group has no score.
    """
    n = len(gap)
    member = (groups >= 0) & ~np.isnan(up)
    divisor = _divisor(weight_total, groups)
    gain = np.zeros(n)
    loss = np.zeros(n)
    np.maximum.at(gain, groups[member], (scheme.maximum * weight * up / divisor)[member])
    np.maximum.at(loss, groups[member], (scheme.maximum * weight * down / divisor)[member])
    low = scheme.round(gap - gain)
    high = scheme.round(gap + loss)
    return low, high


def _objective_table(
    rows: _Rows,
    mapping: pd.DataFrame,
    scheme: Scheme,
    settings: Mapping[str, Any],
    steps: _Steps,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The objective table and the objective links (sorted by objective, then indicator)."""
    objectives = gcm_objectives()
    index = objectives.index.rename("objective")
    n = len(index)
    # the links of the mapping whose indicator is in the assessment, in mapping order
    row = rows.codes.get_indexer(mapping["indicator"])  # the link's indicator row
    kept = np.flatnonzero(row >= 0)
    row = row[kept]
    keys = mapping["objective"].to_numpy(dtype=object)[kept]
    indicators = mapping["indicator"].to_numpy(dtype=object)[kept]
    role = mapping["role"].to_numpy(dtype=object)[kept]

    link_weight = np.where(role == "primary", 1.0, settings["secondary_weight"])
    indicator_weight = rows.effective_weight[row]
    weight = link_weight * indicator_weight  # link weight × indicator weight
    value = rows.value[row]
    points_lost = weight * (1 - value)
    coverage = _coverage(rows.status[row], keys, index)
    groups = coverage.groups
    mean, weight_total, w = _weighted_mean(weight, value, keys, index)
    # points of the 0-100 scale each link takes off its objective's score
    objective_points_lost = scheme.round(
        scheme.maximum * w * (1 - value) / _divisor(weight_total, groups)
    )
    member = groups >= 0
    primary = np.bincount(groups[member & (role == "primary")], minlength=n).astype(np.int64)
    secondary = np.bincount(groups[member & (role == "secondary")], minlength=n).astype(np.int64)
    status = _status(coverage, weight_total, settings["min_coverage"])
    status[primary + secondary == 0] = NO_INDICATORS
    banded = _banded(scheme, mean, status, np.full(n, float(settings["objective_target"])))
    up, down = steps.moves(rows.answers["scale"].to_numpy(dtype=object)[row], value)
    gap_low, gap_high = _one_step_range(scheme, banded["gap"], w, up, down, groups, weight_total)

    # links in objective order, then instrument order of their indicator (stable)
    objective_rank = np.unique(keys, return_inverse=True)[1]
    order = np.lexsort((row, objective_rank.reshape(-1)))
    listed = _join_codes(indicators[order], groups[order], n, member[order])
    shortfall = _shortfall(indicators[order], groups[order], points_lost[order], n)
    code_dtype = mapping["indicator"].dtype

    columns = {
        "short_label": objectives["short_label"].set_axis(index),
        "round_table": objectives["imrf_2022_round_table"].set_axis(index),
        **banded,
        "primary": primary,
        "secondary": secondary,
        "links": primary + secondary,
        "few_links": (primary + secondary) < int(settings["min_links"]),
        "gap_low": gap_low,
        "gap_high": gap_high,
        **coverage.count_columns(),
        # typed as pandas' groupby().agg(", ".join) would type them: as the indicator codes
        # when there is nothing to join
        "indicators": _text(listed, index, code_dtype, len(order) > 0),
        "shortfall": _text(shortfall, index, code_dtype, bool(np.any(points_lost > 0))),
    }
    table = _group_frame(columns, index, _OBJECTIVE_COLUMNS)
    links = pd.DataFrame(
        {
            **{c: _reordered(mapping[c], kept[order]) for c in ("objective", "indicator", "role")},
            "link_weight": link_weight[order],
            "indicator_weight": indicator_weight[order],
            "weight": weight[order],
            "status": rows.status[row][order],
            "value": value[order],
            "points_lost": points_lost[order],
            "objective_points_lost": objective_points_lost[order],
        },
        copy=False,
    )
    return table, links


_BLOCK_COLUMNS = [
    "name",
    "score",
    "band",
    "band_level",
    "status",
    "target",
    "gap",
    "links",
    "few_links",
    "gap_low",
    "gap_high",
    "answered",
    "not_applicable",
    "missing",
    "applicable",
    "share_answered",
    "indicators",
    "shortfall",
]


def _cross_cutting_table(
    rows: _Rows,
    blocks: pd.DataFrame,
    scheme: Scheme,
    settings: Mapping[str, Any],
    steps: _Steps,
) -> pd.DataFrame:
    """Scores of the cross-cutting blocks (index: block code), computed like objectives with
    every link weighing 1 × the indicator weight."""
    reference = cross_cutting_blocks()
    index = reference.index.rename("block")
    n = len(index)
    row = rows.codes.get_indexer(blocks["indicator"])
    kept = np.flatnonzero(row >= 0)
    row = row[kept]
    keys = blocks["block"].to_numpy(dtype=object)[kept]
    indicators = blocks["indicator"].to_numpy(dtype=object)[kept]
    weight = rows.effective_weight[row]
    value = rows.value[row]
    coverage = _coverage(rows.status[row], keys, index)
    groups = coverage.groups
    mean, weight_total, w = _weighted_mean(weight, value, keys, index)
    status = _status(coverage, weight_total, settings["min_coverage"])
    status[coverage.size == 0] = NO_INDICATORS
    banded = _banded(scheme, mean, status, np.full(n, float(settings["objective_target"])))
    up, down = steps.moves(rows.answers["scale"].to_numpy(dtype=object)[row], value)
    gap_low, gap_high = _one_step_range(scheme, banded["gap"], w, up, down, groups, weight_total)
    order = np.lexsort((row, np.maximum(groups, 0)))
    member = groups >= 0
    columns = {
        "name": reference["name"].set_axis(index),
        **banded,
        "links": coverage.size,
        "few_links": coverage.size < int(settings["min_links"]),
        "gap_low": gap_low,
        "gap_high": gap_high,
        **coverage.count_columns(),
        "indicators": _join_codes(indicators[order], groups[order], n, member[order]),
        "shortfall": _shortfall(indicators[order], groups[order], (weight * (1 - value))[order], n),
    }
    return _group_frame(columns, index, _BLOCK_COLUMNS)


def _shortfall(
    indicators: np.ndarray, groups: np.ndarray, points_lost: np.ndarray, n: int
) -> list[str]:
    """Per objective, the (up to) 3 indicators losing most weighted points (ties: row order)."""
    losers: list[list[tuple[float, int, str]]] = [[] for _ in range(n)]
    for i, (code, g, lost) in enumerate(
        zip(indicators, groups.tolist(), points_lost.tolist(), strict=True)
    ):
        if g >= 0 and lost > 0:
            losers[g].append((-lost, i, str(code)))
    return [", ".join(code for *_, code in sorted(group)[:3]) for group in losers]


def _text(values: list[str], index: pd.Index, dtype_if_empty: Any, joined: bool) -> Any:
    """A column of joined codes; of ``dtype_if_empty`` when nothing at all was joined."""
    return values if joined else pd.Series(values, index=index, dtype=dtype_if_empty)


def _indicator_frame(
    rows: _Rows, subdomain_share: np.ndarray, domain_share: np.ndarray, scheme: Scheme
) -> pd.DataFrame:
    """The indicator table, with the points each indicator takes off its groups' scores."""
    answers = rows.answers
    points_lost = rows.effective_weight * (1 - rows.value)  # = w × (1 − v)
    maximum = scheme.maximum
    columns = {
        **{c: answers[c] for c in ("domain", "subdomain", "scale")},
        "answer": answers["label"],
        **{c: answers[c] for c in ("option", "status")},
        "value": rows.value,
        "weight": rows.weight,
        "effective_weight": rows.effective_weight,
        "subdomain_share": subdomain_share,
        "domain_share": domain_share,
        "points_lost": points_lost,
        # points of the 0-100 scale each indicator takes off its sub-domain and domain
        "subdomain_points_lost": scheme.round(maximum * subdomain_share / 100 * (1 - rows.value)),
        "domain_points_lost": scheme.round(maximum * domain_share / 100 * (1 - rows.value)),
        **{c: answers[c] for c in ("evidence", "comment", "implementation", "sheet", "cell")},
    }
    return pd.DataFrame(columns, index=answers.index, copy=False)


def _coverage_issues(level: str, table: pd.DataFrame, min_coverage: float) -> list[Issue]:
    """A ``score.insufficient_coverage`` warning per group with too few answers.

    The group (a sub-domain, domain or GCM objective, never an indicator) is named in the
    message, e.g. ``Sub-domain D1.1 "Family reunification": only 0 of 5 ...``; the issue's
    ``indicator`` field stays empty so that the location does not call it an indicator.
    """
    answered = table["answered"].to_numpy()
    applicable = table["applicable"].to_numpy()
    names = table["name" if "name" in table.columns else "short_label"].to_numpy(dtype=object)
    issues = []
    for i in np.flatnonzero(table["status"].to_numpy() == INSUFFICIENT):
        name = "" if pd.isna(names[i]) else str(names[i]).strip()
        group = f"{level[:1].upper()}{level[1:]} {table.index[i]}" + (f' "{name}"' if name else "")
        issues.append(
            make_issue(
                "score.insufficient_coverage",
                found=f"{answered[i]} of {applicable[i]}",
                group=group,
                allowed=f"{min_coverage:.0%}",
            )
        )
    return issues


def _overall(
    rows: _Rows, dom: pd.DataFrame, scheme: Scheme, settings: Mapping[str, Any]
) -> dict[str, Any]:
    """The overall score (one group holding every indicator) and its coverage."""
    one = pd.Index(["overall"])
    everything = np.full(len(rows.status), "overall", dtype=object)
    coverage = _coverage(rows.status, everything, one)
    if settings["overall_aggregation"] == "domains":
        # overall = mean of the domain scores (equal weights; no weight: left out)
        values = np.where(
            dom["status"].to_numpy() != NO_WEIGHT,
            dom["score"].to_numpy(dtype=float) / scheme.maximum,
            np.nan,
        )
        all_domains = np.full(len(dom), "overall", dtype=object)
        mean, weight_total, _ = _weighted_mean(np.ones(len(dom)), values, all_domains, one)
    else:
        mean, weight_total, _ = _weighted_mean(rows.effective_weight, rows.value, everything, one)
    status = _status(coverage, weight_total, settings["min_coverage"])
    banded = _banded(scheme, mean, status, np.array([np.nan]))
    return {
        "score": float(banded["score"][0]),
        "band": str(banded["band"][0]),
        "band_level": int(banded["band_level"][0]),
        "status": str(status[0]),
        "answered": int(coverage.answered[0]),
        "not_applicable": int(coverage.not_applicable[0]),
        "missing": int(coverage.missing[0]),
        "share_answered": float(coverage.share_answered[0]),
        "method": settings["overall_aggregation"],
    }


def _steps(
    scheme: Scheme,
    settings: Mapping[str, Any],
    assessment: Assessment,
    sizes: Mapping[str, int],
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
                **sizes,
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
