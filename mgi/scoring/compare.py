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
from mgi.assessment import Assessment
from mgi.catalogue import Issue, make_issue
from mgi.scoring.engine import Scorecard, score
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
    − earlier, NaN when either round has no score), earlier_band, later_band, earlier_status,
    later_status. ``unmatched`` lists codes found in one round only.
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

    Returns
    -------
    Comparison

    Examples
    --------
    >>> from mgi.instrument import load_instrument
    >>> inst = load_instrument("sdg-10-7-2")
    >>> meta = {"country": "Testland", "round": "2020"}
    >>> a = Assessment.from_answers(inst, {c: 1 for c in inst.indicators.index}, meta)
    >>> compare(a, a, scheme="sdg-10-7-2").domains["score_change"].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """
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
    issues: list[Issue] = []
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
                counts=", ".join(f"{name} {counts[name]}" for name in counts.index),
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
    issues += [
        make_issue(
            "compare.unmatched", indicator=c, found=c, side="earlier", instrument=inst_a.label
        )
        for c in only_a
    ]
    issues += [
        make_issue("compare.unmatched", indicator=c, found=c, side="later", instrument=inst_b.label)
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
    return Comparison(
        earlier=first,
        later=second,
        _indicators=table,
        _subdomains=_group_change(first.subdomains, second.subdomains, "name"),
        _domains=_group_change(first.domains, second.domains, "name"),
        _objectives=_group_change(first.objectives, second.objectives, "short_label"),
        unmatched={"earlier": tuple(only_a), "later": tuple(only_b)},
        issues=tuple(issues),
    )


def _group_change(earlier: pd.DataFrame, later: pd.DataFrame, name: str) -> pd.DataFrame:
    """Scores of both rounds side by side (outer join on code, later order first)."""
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
    table.index.name = earlier.index.name
    return table
