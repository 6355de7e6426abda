"""What an action plan costs, when, from which source, and what is not yet funded.

Every figure comes from the three cost columns of each measure (state budget, donors,
unfunded): its total is their sum and the financing gap is the unfunded part. The rules, stated
in every output (:func:`rules`):

* **quarters and years**: the cost of a measure that runs several quarters is spread evenly
  over its quarters, from its start to its end (the plan's setting may put it all in the first
  or the last quarter instead); each source is spread alike. A year's cost is the sum of its
  quarters;
* **GCM objectives**: a measure that serves several GCM objectives counts for each in equal
  shares (so the table adds up to the plan's total); a measure that names none counts for the
  GCM objectives of its specific objective;
* **institutions**: a measure's whole cost counts for its lead institution.

Amounts are kept exactly as computed (no rounding); outputs show whole currency units.

Examples
--------
>>> from mgi.plan.model import ActionPlan, Measure, PlanInfo
>>> from mgi.workbook.sheets import Quarter
>>> plan = ActionPlan(info=PlanInfo(start=Quarter(2025, 1), end=Quarter(2026, 4)),
...     measures=(Measure("SO1.M1", "SO1", start=Quarter(2025, 3), end=Quarter(2026, 2),
...                       cost_state=400.0, unfunded=200.0),))
>>> by_year(plan)[["state", "unfunded", "total"]]
      state  unfunded  total
year
2025  200.0     100.0  300.0
2026  200.0     100.0  300.0
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mgi.plan.model import ActionPlan, Measure

#: The sources of a cost, in the order of the Measures sheet.
SOURCES = ("state", "donors", "unfunded")
_COLUMNS = {"state": "cost_state", "donors": "cost_donors", "unfunded": "unfunded"}


def rules(plan: ActionPlan, lang: str) -> list[str]:
    """The costing rules of :mod:`mgi.plan.costing`, as sentences in ``lang``."""
    from mgi.i18n import text

    return [
        text(f"plan.cost_rule.{plan.info.cost_profile}", lang),
        text("plan.cost_rule.gcm", lang),
        text("plan.cost_rule.institution", lang),
    ]


def _amounts(m: Measure) -> np.ndarray:
    return np.array([getattr(m, _COLUMNS[s]) or 0.0 for s in SOURCES], dtype=float)


def _shares(m: Measure, profile: str) -> tuple[list[Any], np.ndarray]:
    """The quarters of a measure and the share of its cost in each."""
    quarters = m.quarters
    if not quarters:
        return [None], np.ones(1)
    n = len(quarters)
    if profile == "start":
        shares = np.zeros(n)
        shares[0] = 1.0
    elif profile == "end":
        shares = np.zeros(n)
        shares[-1] = 1.0
    else:
        shares = np.full(n, 1.0 / n)
    return list(quarters), shares


def by_quarter(plan: ActionPlan) -> pd.DataFrame:
    """One row per measure and quarter it runs: the cost of each source in that quarter.

    A measure without both dates has one row with quarter and year empty.
    """
    rows: list[dict[str, Any]] = []
    for m in plan.measures:
        quarters, shares = _shares(m, plan.info.cost_profile)
        amounts = np.outer(shares, _amounts(m))
        for q, values in zip(quarters, amounts, strict=True):
            rows.append(
                {
                    "measure": m.code,
                    "objective": m.objective,
                    "quarter": None if q is None else str(q),
                    "year": None if q is None else q.year,
                    **dict(zip(SOURCES, values.tolist(), strict=True)),
                }
            )
    frame = pd.DataFrame(rows, columns=["measure", "objective", "quarter", "year", *SOURCES])
    frame["total"] = frame[list(SOURCES)].sum(axis=1)
    return frame


def _totals(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[list(SOURCES)].astype(float).copy()
    out["total"] = out.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["gap_share"] = np.where(out["total"] > 0, out["unfunded"] / out["total"], np.nan)
    return out


def by_source(plan: ActionPlan) -> pd.Series:
    """The plan's total by source, the total and the financing gap (the unfunded part) with
    its share of the total."""
    amounts = np.array([_amounts(m) for m in plan.measures]).reshape(-1, len(SOURCES))
    sums = amounts.sum(axis=0)
    total = float(sums.sum())
    found = dict(zip(SOURCES, sums.tolist(), strict=True))
    return pd.Series(
        {
            **found,
            "total": total,
            "gap": found["unfunded"],
            "gap_share": found["unfunded"] / total if total > 0 else np.nan,
        }
    )


def by_objective(plan: ActionPlan) -> pd.DataFrame:
    """Per specific objective: its title, GCM objectives, number of measures, cost by source,
    total and the share not funded."""
    rows = []
    for o in plan.objectives:
        own = plan.measures_of(o.code)
        amounts = np.array([_amounts(m) for m in own]).reshape(-1, len(SOURCES)).sum(axis=0)
        rows.append(
            {
                "objective": o.code,
                "title": o.title,
                "gcm": ", ".join(o.gcm),
                "measures": len(own),
                **dict(zip(SOURCES, amounts.tolist(), strict=True)),
            }
        )
    frame = pd.DataFrame(rows, columns=["objective", "title", "gcm", "measures", *SOURCES])
    frame = frame.set_index("objective")
    return frame[["title", "gcm", "measures"]].join(_totals(frame))


def measure_gcm(plan: ActionPlan, m: Measure) -> tuple[str, ...]:
    """The GCM objectives a measure counts for: its own, else its specific objective's."""
    if m.gcm:
        return m.gcm
    objective = plan.objective(m.objective or "")
    return objective.gcm if objective is not None else ()


def by_gcm(plan: ActionPlan) -> pd.DataFrame:
    """Per GCM objective: measures serving it and their cost in equal shares (see
    :mod:`mgi.plan.costing`)."""
    rows = []
    for m in plan.measures:
        served = measure_gcm(plan, m)
        if not served:
            continue
        share = _amounts(m) / len(served)
        rows += [
            {"gcm": g, "measure": m.code, **dict(zip(SOURCES, share.tolist(), strict=True))}
            for g in served
        ]
    frame = pd.DataFrame(rows, columns=["gcm", "measure", *SOURCES])
    grouped = frame.groupby("gcm", sort=True)
    out = grouped[list(SOURCES)].sum().join(grouped["measure"].nunique().rename("measures"))
    return out[["measures"]].join(_totals(out)).rename_axis("gcm")


def by_institution(plan: ActionPlan, resolve: Any = None) -> pd.DataFrame:
    """Per lead institution: measures led, contributions to others' measures, cost by source."""
    from mgi.plan.checks import resolve_institution

    def code_of(value: str | None) -> str:
        found = resolve_institution(plan, value) if resolve is None else resolve(value)
        return found or (value or "")

    led: dict[str, list[Measure]] = {}
    helps: dict[str, int] = {}
    for m in plan.measures:
        led.setdefault(code_of(m.lead), []).append(m)
        for other in m.contributing:
            key = code_of(other)
            helps[key] = helps.get(key, 0) + 1
    rows = []
    for code in sorted(set(led) | set(helps), key=lambda c: (c == "", c)):
        own = led.get(code, [])
        amounts = np.array([_amounts(m) for m in own]).reshape(-1, len(SOURCES)).sum(axis=0)
        rows.append(
            {
                "institution": code,
                "name": plan.institution_name(code),
                "measures": len(own),
                "contributing_to": helps.get(code, 0),
                **dict(zip(SOURCES, amounts.tolist(), strict=True)),
            }
        )
    columns = ["institution", "name", "measures", "contributing_to", *SOURCES]
    frame = pd.DataFrame(rows, columns=columns).set_index("institution")
    return frame[["name", "measures", "contributing_to"]].join(_totals(frame))


def by_year(plan: ActionPlan) -> pd.DataFrame:
    """Per calendar year of the plan: cost by source (spread as :func:`rules` say), total and
    the share not funded."""
    quarters = by_quarter(plan)
    scheduled = quarters.dropna(subset=["year"])
    years = pd.Index(plan.info.years, name="year")
    sums = scheduled.groupby("year")[list(SOURCES)].sum()
    sums.index = sums.index.astype(int)
    return _totals(sums.reindex(years, fill_value=0.0))


def gantt(plan: ActionPlan) -> pd.DataFrame:
    """One row per measure with dates, in plan order: code, specific objective, label, lead,
    first and last quarter (as text and as positions from the plan's start) and total."""
    rows = []
    for m in plan.measures:
        if m.start is None or m.end is None:
            continue
        rows.append(
            {
                "measure": m.code,
                "objective": m.objective or "",
                "label": m.measure,
                "lead": plan.institution_name(m.lead),
                "start": str(m.start),
                "end": str(m.end),
                "first": m.start.serial - plan.info.start.serial,
                "last": m.end.serial - plan.info.start.serial,
                "total": m.total,
            }
        )
    columns = ["measure", "objective", "label", "lead", "start", "end", "first", "last", "total"]
    return pd.DataFrame(rows, columns=columns).set_index("measure")


def alignment(plan: ActionPlan) -> dict[str, pd.DataFrame]:
    """Measures × GCM objectives, SDG targets and EU chapters: 1 where the measure serves it
    (the GCM objectives of a measure that names none are its specific objective's)."""
    index = pd.Index([m.code for m in plan.measures], name="measure")

    def matrix(values: list[tuple[Any, ...]], order: list[Any]) -> pd.DataFrame:
        found = pd.DataFrame(0, index=index, columns=pd.Index(order, dtype=object), dtype=int)
        for code, served in zip(index, values, strict=True):
            for item in served:
                found.loc[code, item] = 1
        return found.loc[:, found.sum(axis=0) > 0] if len(found.columns) else found

    gcm = [measure_gcm(plan, m) for m in plan.measures]
    sdg = [m.sdg for m in plan.measures]
    eu = [m.eu for m in plan.measures]
    gcm_order = sorted({g for served in gcm for g in served})
    sdg_order = sorted({t for s in sdg for t in s}, key=_sdg_key)
    eu_order = sorted({c for s in eu for c in s})
    return {
        "gcm": matrix(gcm, gcm_order),
        "sdg": matrix(sdg, sdg_order),
        "eu": matrix(eu, eu_order),
    }


def _sdg_key(target: str) -> tuple[int, int, str]:
    goal, _, rest = target.partition(".")
    return (int(goal), int(rest) if rest.isdigit() else 100, rest)


def coverage(plan: ActionPlan) -> pd.DataFrame:
    """Per objective the working group included: its specific objective, rank, decision,
    measures and cost, and its MGI shortfall: indicators addressed by a measure, left out with
    a reason in the Notes, or neither."""
    from mgi.plan.checks import addressed, justified

    done = addressed(plan)
    rows = []
    for b in plan.basis:
        objective = plan.objective(b.code)
        own = plan.measures_of(b.code)
        notes = objective.notes if objective is not None else ""
        hit = [c for c in b.shortfall if c.upper() in done]
        why = [c for c in b.shortfall if c not in hit and justified(notes, c)]
        rest = [c for c in b.shortfall if c not in hit and c not in why]
        rows.append(
            {
                "objective": b.code,
                "gcm": b.gcm,
                "rank": b.rank,
                "decision": b.decision,
                "present": objective is not None,
                "measures": len(own),
                "total": float(sum(m.total for m in own)),
                "shortfall": ", ".join(b.shortfall),
                "addressed": ", ".join(hit),
                "justified": ", ".join(why),
                "unaddressed": ", ".join(rest),
                "share_addressed": len(hit) / len(b.shortfall) if b.shortfall else np.nan,
            }
        )
    columns = [
        "objective",
        "gcm",
        "rank",
        "decision",
        "present",
        "measures",
        "total",
        "shortfall",
        "addressed",
        "justified",
        "unaddressed",
        "share_addressed",
    ]
    return pd.DataFrame(rows, columns=columns).set_index("objective")


def totals(plan: ActionPlan) -> dict[str, Any]:
    """The plan's headline figures (for ``mgi plan check --json`` and the summary)."""
    source = by_source(plan)
    share = float(source["gap_share"])
    return {
        "currency": plan.info.currency,
        "period": {"start": str(plan.info.start), "end": str(plan.info.end)},
        "specific_objectives": len(plan.objectives),
        "measures": len(plan.measures),
        "indicators": len(plan.indicators),
        "cost": {k: float(source[k]) for k in (*SOURCES, "total")},
        "financing_gap": float(source["gap"]),
        "financing_gap_share": None if np.isnan(share) else share,
        "by_year": {str(year): float(row["total"]) for year, row in by_year(plan).iterrows()},
        "by_objective": {
            str(code): float(row["total"]) for code, row in by_objective(plan).iterrows()
        },
    }
