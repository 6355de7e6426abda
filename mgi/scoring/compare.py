"""Change between two rounds: per indicator, sub-domain, domain and GCM objective.

Both assessments are scored with the same scheme; indicators are matched by code, or, when the
earlier round was answered on an earlier edition that the later edition names, through the later
edition's crosswalk (split questions inherit the earlier answer; ``compare.crosswalk`` says so).
What could not be matched is reported as ``compare.unmatched`` warnings
(``compare.other_instrument`` when the instruments differ and no crosswalk links them).

Per indicator the change is one of :data:`CHANGES`: *improved* / *regressed* / *unchanged* when
both rounds have a value, *newly answered* when only the later round has one, *no longer
answered* when only the earlier round has one, and *not scored* when neither has (missing or not
applicable in both).

Before anything is compared, :func:`check_rounds` checks that the two rounds are of one country
(an error, unless the comparison is declared intended with ``allow_other_country``) and in order
(an earlier round after the later one is an error whose fix is to swap the files; two files of the
same round give a warning). A sub-domain, domain or objective that has no score in either round
(insufficient data, not applicable, not in that round's instrument) is left out of the change:
its ``score_change`` is empty, the column ``left_out`` says why, and one ``compare.left_out``
warning per level lists them. A domain compared in both rounds whose sub-domains are not all
compared changes on a like-for-like basis: its ``score_change`` is computed over the sub-domains
compared in both rounds (its ``left_out`` names the others), so that a sub-domain answered in one
round only is never counted as a change.

Examples
--------
>>> from mgi.instrument import load_instrument
>>> from mgi.assessment import Assessment
>>> inst = load_instrument("sdg-10-7-2")
>>> meta = {"country": "Testland", "round": "2020"}
>>> a = Assessment.from_answers(inst, {c: 0 for c in inst.indicators.index}, meta)
>>> b = Assessment.from_answers(inst, {c: 1 for c in inst.indicators.index}, meta)
>>> compare(a, b, scheme="sdg-10-7-2").indicators["change"].value_counts().to_dict()
{'improved': 30}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mgi._frozen import table_view
from mgi._tables import normalise_answer
from mgi.assessment import Assessment
from mgi.catalogue import Issue, make_issue
from mgi.errors import InputError
from mgi.scoring.engine import SCORED, Scorecard, score
from mgi.scoring.scheme import Scheme, instrument_scheme, load_scheme

IMPROVED = "improved"
REGRESSED = "regressed"
UNCHANGED = "unchanged"
NEWLY_ANSWERED = "newly answered"
NO_LONGER_ANSWERED = "no longer answered"
NOT_SCORED = "not scored"
#: The classifications of an indicator's change.
CHANGES = (IMPROVED, REGRESSED, UNCHANGED, NEWLY_ANSWERED, NO_LONGER_ANSWERED, NOT_SCORED)


@dataclass(frozen=True, eq=False)
class Comparison:
    """Change between an earlier and a later scorecard. Immutable; tables are copies.

    ``indicators`` (index: later code of the matched indicators): domain, subdomain,
    earlier_answer, later_answer, earlier_value, later_value, value_change, change (one of
    :data:`CHANGES`), earlier_code (the code in the earlier round) and crosswalk (the relation
    of the edition crosswalk, e.g. ``split``; empty when matched by code).
    ``subdomains``, ``domains``, ``objectives``: earlier_score, later_score, score_change (later
    − earlier; empty when either round has no score; for a domain whose sub-domains are not all
    compared, the change over those compared in both rounds), earlier_band, later_band,
    earlier_status, later_status, left_out (why the row, or which of its sub-domains, is left
    out of the change; empty when nothing is). ``unmatched`` lists codes found in one round
    only.
    """

    earlier: Scorecard
    later: Scorecard
    _indicators: pd.DataFrame = field(repr=False)
    _subdomains: pd.DataFrame = field(repr=False)
    _domains: pd.DataFrame = field(repr=False)
    _objectives: pd.DataFrame = field(repr=False)
    unmatched: dict[str, tuple[str, ...]] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()

    indicators = table_view("_indicators")

    subdomains = table_view("_subdomains")

    domains = table_view("_domains")

    objectives = table_view("_objectives")

    @property
    def overall_change(self) -> float:
        """Later minus earlier overall score (a derived analytic, not an MGI result)."""
        return float(self.later.overall - self.earlier.overall)

    def summary(self) -> dict[str, int]:
        """How many indicators fall in each change class."""
        counts = self._indicators["change"].value_counts()
        return {name: int(counts.get(name, 0)) for name in CHANGES}

    def provenance(self) -> dict[str, Any]:
        """Provenance of both scorecards."""
        return {"earlier": self.earlier.provenance(), "later": self.later.provenance()}


def compare(
    earlier: Assessment | Scorecard,
    later: Assessment | Scorecard,
    scheme: str | Path | Scheme | None = None,
    *,
    allow_incomplete: bool = False,
    targets: Any = None,
    allow_other_country: bool = False,
) -> Comparison:
    """Compare two rounds (assessments or scorecards) indicator by indicator.

    Parameters
    ----------
    earlier, later
        Two assessments (scored here with ``scheme``) or two scorecards (used as they are).
    scheme
        Scheme used to score assessments (default: the later round's instrument's scheme).
    allow_incomplete, targets
        Passed to :func:`~mgi.scoring.score`.
    allow_other_country
        The two rounds name different countries on purpose (one country under a renamed
        label, or in another edition): a warning instead of an error (see :func:`check_rounds`).

    Returns
    -------
    Comparison

    Raises
    ------
    InputError
        The rounds are of different countries (``compare.other_country``) or in reverse order
        (``compare.rounds_reversed``); every such problem is attached.

    Examples
    --------
    >>> from mgi.instrument import load_instrument
    >>> inst = load_instrument("sdg-10-7-2")
    >>> meta = {"country": "Testland", "round": "2020"}
    >>> a = Assessment.from_answers(inst, {c: 1 for c in inst.indicators.index}, meta)
    >>> compare(a, a, scheme="sdg-10-7-2").domains["score_change"].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """
    rounds = check_rounds(
        _assessment_of(earlier), _assessment_of(later), allow_other_country=allow_other_country
    )
    errors = [i for i in rounds if i.is_error]
    if errors:
        raise InputError(errors[0].message, issues=rounds, rule=errors[0].rule)
    if scheme is None:
        reference = later.assessment if isinstance(later, Scorecard) else later
        loaded = instrument_scheme(reference.instrument)
    else:
        loaded = load_scheme(scheme)
    cards = [
        side
        if isinstance(side, Scorecard)
        else score(side, loaded, targets=targets, allow_incomplete=allow_incomplete)
        for side in (earlier, later)
    ]
    first, second = cards
    from mgi.i18n import current_language, text, value_label

    lang = current_language()
    issues: list[Issue] = list(rounds)
    inst_a, inst_b = first.assessment.instrument, second.assessment.instrument
    ind_a, ind_b = first.indicators, second.indicators
    walk = inst_b.crosswalk_from(inst_a) if inst_a.label != inst_b.label else None
    if walk is not None:
        pairs = walk[walk["earlier_code"].isin(ind_a.index) & walk["code"].isin(ind_b.index)]
        pairs = pairs.drop_duplicates("code")
        counts = pairs["relation"].value_counts()
        issues.append(
            make_issue(
                "compare.crosswalk",
                found=inst_a.label,
                expected=inst_b.label,
                counts=", ".join(
                    f"{value_label('relation', name, lang)} {counts[name]}" for name in counts.index
                ),
            )
        )
    else:
        if inst_a.label != inst_b.label:
            issues.append(
                make_issue("compare.other_instrument", found=inst_a.label, expected=inst_b.label)
            )
        common = ind_b.index[ind_b.index.isin(ind_a.index)]
        pairs = pd.DataFrame({"earlier_code": common, "code": common, "relation": ""})
    only_a = [c for c in ind_a.index if c not in set(pairs["earlier_code"])]
    only_b = [c for c in ind_b.index if c not in set(pairs["code"])]
    sides = {side: text(f"value.side.{side}", lang) for side in ("earlier", "later")}
    issues += [
        make_issue(
            "compare.unmatched",
            indicator=c,
            found=c,
            side=sides["earlier"],
            instrument=inst_a.label,
        )
        for c in only_a
    ]
    issues += [
        make_issue(
            "compare.unmatched", indicator=c, found=c, side=sides["later"], instrument=inst_b.label
        )
        for c in only_b
    ]
    earlier_of = dict(zip(pairs["code"], pairs["earlier_code"], strict=True))
    relation_of = dict(zip(pairs["code"], pairs["relation"], strict=True))
    matched = ind_b.index[ind_b.index.isin(list(earlier_of))]
    a = ind_a.reindex([earlier_of[c] for c in matched]).set_axis(matched)
    b = ind_b.loc[matched]
    table = pd.DataFrame(
        {
            "domain": b["domain"],
            "subdomain": b["subdomain"],
            "earlier_answer": a["answer"],
            "later_answer": b["answer"],
            "earlier_status": a["status"],
            "later_status": b["status"],
            "earlier_value": a["value"],
            "later_value": b["value"],
        },
        index=matched,
    )
    table["value_change"] = table["later_value"] - table["earlier_value"]
    has_a, has_b = table["earlier_value"].notna(), table["later_value"].notna()
    delta = table["value_change"].to_numpy()
    table["change"] = np.select(
        [
            has_a & has_b & (delta > 0),
            has_a & has_b & (delta < 0),
            has_a & has_b,
            ~has_a & has_b,
            has_a & ~has_b,
        ],
        [IMPROVED, REGRESSED, UNCHANGED, NEWLY_ANSWERED, NO_LONGER_ANSWERED],
        default=NOT_SCORED,
    )
    table["earlier_code"] = [earlier_of[c] for c in matched]
    table["crosswalk"] = [relation_of[c] for c in matched]
    table.index.name = "code"
    names = _round_names(first, second)
    subdomains = _group_change(first.subdomains, second.subdomains, "name", names)
    domains = _group_change(first.domains, second.domains, "name", names)
    _like_for_like(domains, subdomains, first, second)
    objectives = _group_change(first.objectives, second.objectives, "short_label", names)
    levels = (("sub-domain", subdomains), ("domain", domains), ("objective", objectives))
    for level, frame in levels:
        issues += _left_out_issue(level, frame)
    return Comparison(
        earlier=first,
        later=second,
        _indicators=table,
        _subdomains=subdomains,
        _domains=domains,
        _objectives=objectives,
        unmatched={"earlier": tuple(only_a), "later": tuple(only_b)},
        issues=tuple(issues),
    )


def _assessment_of(side: Assessment | Scorecard) -> Assessment:
    return side.assessment if isinstance(side, Scorecard) else side


def check_rounds(
    earlier: Assessment, later: Assessment, *, allow_other_country: bool = False
) -> list[Issue]:
    """Whether two assessments can be compared as an earlier and a later round of one country.

    * different countries (case, spacing and accents ignored): ``compare.other_country``, an
      error, unless ``allow_other_country`` says the comparison is intended (one country under a
      renamed label, or two editions of it): then ``compare.other_country_allowed``, a warning;
    * the earlier round after the later one: ``compare.rounds_reversed``, an error (swap the
      files);
    * the same round twice: ``compare.same_round``, a warning.

    Rounds that are not years, and missing countries, are reported by the reader already.

    Examples
    --------
    >>> from mgi.instrument import load_instrument
    >>> inst = load_instrument("sdg-10-7-2")
    >>> a = Assessment.from_answers(inst, {}, {"country": "Albania", "round": "2023"})
    >>> b = Assessment.from_answers(inst, {}, {"country": "albania ", "round": "2018"})
    >>> [i.rule for i in check_rounds(a, b)]
    ['compare.rounds_reversed']
    """
    issues: list[Issue] = []
    first, second = earlier.country, later.country
    if first and second and normalise_answer(first) != normalise_answer(second):
        rule = "compare.other_country_allowed" if allow_other_country else "compare.other_country"
        issues.append(
            make_issue(rule, file=later.source.file_name or None, found=first, expected=second)
        )
    a, b = earlier.round, later.round
    if a.isdigit() and b.isdigit():
        if int(a) > int(b):
            issues.append(
                make_issue(
                    "compare.rounds_reversed",
                    file=earlier.source.file_name or None,
                    found=a,
                    expected=b,
                )
            )
        elif a == b:
            issues.append(
                make_issue("compare.same_round", file=later.source.file_name or None, found=a)
            )
    return issues


def _round_names(first: Scorecard, second: Scorecard) -> tuple[str, str]:
    """How the two rounds are named in ``left_out`` ("earlier round 2018")."""
    earlier, later = (
        f"{side} round {card.assessment.round}".strip() if card.assessment.round else side
        for side, card in (("earlier", first), ("later", second))
    )
    return earlier, later


def _left_out_issue(level: str, table: pd.DataFrame) -> list[Issue]:
    """One ``compare.left_out`` warning listing the rows of a level left out of the change
    although a round gives them a score (rows without a score in both rounds, such as an
    objective no indicator is linked to, have no change to leave out and are not listed)."""
    scored_once = table["earlier_score"].notna() | table["later_score"].notna()
    left = table.index[table["score_change"].isna() & (table["left_out"] != "") & scored_once]
    if not len(left):
        return []
    codes = ", ".join(f"{code} ({table.at[code, 'left_out']})" for code in left)
    return [make_issue("compare.left_out", found=len(left), codes=f"{level}s {codes}")]


def _group_change(
    earlier: pd.DataFrame, later: pd.DataFrame, name: str, rounds: tuple[str, str]
) -> pd.DataFrame:
    """Scores of both rounds side by side (outer join on code, later order first); the change
    only where both rounds have a score (status ``scored``), ``left_out`` saying why not."""
    index = later.index.append(earlier.index[~earlier.index.isin(later.index)])
    a, b = earlier.reindex(index), later.reindex(index)
    table = pd.DataFrame(
        {
            "name": b[name].fillna(a[name]),
            "earlier_score": a["score"],
            "later_score": b["score"],
            "score_change": (b["score"] - a["score"]).round(9),
            "earlier_band": a["band"].fillna("not in instrument"),
            "later_band": b["band"].fillna("not in instrument"),
            "earlier_status": a["status"].fillna("not in instrument"),
            "later_status": b["status"].fillna("not in instrument"),
        },
        index=index,
    )
    compared = (table["earlier_status"] == SCORED) & (table["later_status"] == SCORED)
    table["score_change"] = table["score_change"].where(compared)
    table["left_out"] = [
        ""
        if ok
        else "; ".join(
            f"{round_}: {status}"
            for round_, status in zip(rounds, (before, after), strict=True)
            if status != SCORED
        )
        for ok, before, after in zip(
            compared, table["earlier_status"], table["later_status"], strict=True
        )
    ]
    table.index.name = earlier.index.name
    return table


def _like_for_like(
    domains: pd.DataFrame, subdomains: pd.DataFrame, first: Scorecard, second: Scorecard
) -> None:
    """The change of each domain compared in both rounds over its sub-domains compared in both
    rounds, where some of them are left out (in place: ``score_change`` and ``left_out``).

    A domain is the weighted mean of its sub-domains' scores (``domain = "subdomains"``) or of
    its indicators (``domain = "indicators"``); either way the mean of each round is taken again
    over what is compared in both rounds, so that a sub-domain answered in one round only is not
    counted as a change. Domains whose sub-domains are all compared keep ``later − earlier``.
    """
    parent = second.subdomains["domain"].combine_first(first.subdomains["domain"])
    by_indicators = second.settings.get("domain_aggregation") == "indicators"
    for code in domains.index[domains["left_out"] == ""]:
        subs = subdomains.loc[subdomains.index.intersection(parent.index[parent == code])]
        left = subs.index[subs["left_out"] != ""]
        if not len(left):
            continue
        common = list(subs.index[subs["left_out"] == ""])
        if by_indicators:
            change = _indicator_mean(second, common) - _indicator_mean(first, common)
        else:
            change = _subdomain_mean(second, common) - _subdomain_mean(first, common)
        domains.at[code, "score_change"] = round(change, 9) if np.isfinite(change) else np.nan
        domains.at[code, "left_out"] = "sub-domains " + ", ".join(
            f"{s} ({subs.at[s, 'left_out']})" for s in left
        )


def _subdomain_mean(card: Scorecard, codes: list[str]) -> float:
    """The weighted mean of some sub-domains' scores (the scheme's sub-domain weights)."""
    table = card.subdomains.loc[codes]
    weight = table["weight"].to_numpy(dtype=float)
    total = weight.sum()
    return float((weight * table["score"].to_numpy(dtype=float)).sum() / total) if total else np.nan


def _indicator_mean(card: Scorecard, codes: list[str]) -> float:
    """The weighted mean value (× the maximum score) of the answered indicators of some
    sub-domains."""
    table = card.indicators
    table = table[table["subdomain"].isin(codes) & table["value"].notna()]
    weight = table["effective_weight"].to_numpy(dtype=float)
    total = weight.sum()
    if not total:
        return np.nan
    mean = (weight * table["value"].to_numpy(dtype=float)).sum() / total
    return float(mean * card.scheme.maximum)
