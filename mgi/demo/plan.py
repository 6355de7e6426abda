"""An illustrative action plan for the demo: the draft made from the demo's priorities, filled
with made-up measures (``mgi demo``, ``mgi plan`` examples).

:func:`fill_demo_plan` gives every specific objective two measures from the bank in
``data/demo/plan-measures.csv`` (written for the objectives the demo ranks highest, in English
and Albanian; another objective gets two generic measures), with lead and contributing
institutions, quarters, costs from three sources and an output indicator each. The numbers come
from a seeded generator, so the same draft always gives the same plan. The measures address the
MGI indicators behind each gap, except one per plan that the notes explain, so that every path
of the checks appears. Everything is marked illustrative.

Examples
--------
>>> from mgi.plan.model import PlanInfo
>>> from mgi.plan.prefill import Priority, prefill_plan
>>> from mgi.workbook.sheets import Quarter
>>> draft, _ = prefill_plan([Priority("GCM04", 1, shortfall=("D2.3.5", "D2.3.4"))],
...                         settings=PlanInfo(start=Quarter(2025, 1), end=Quarter(2027, 4)))
>>> plan = fill_demo_plan(draft)
>>> [m.code for m in plan.measures], plan.info.illustrative
(['SO1.M1', 'SO1.M2'], True)
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np

from mgi.i18n import content, text
from mgi.plan.model import ActionPlan, Indicator, Measure
from mgi.plan.prefill import objective_notes

#: Seed of the illustrative numbers (costs, quarters).
SEED = 20250101
#: Measures per specific objective.
PER_OBJECTIVE = 2


@cache
def measure_bank() -> dict[str, list[dict[str, str]]]:
    """GCM objective -> its illustrative measures (rows of ``plan-measures.csv``)."""
    from mgi._resources import bundled_dir
    from mgi.i18n._store import read_csv

    bank: dict[str, list[dict[str, str]]] = {}
    for row in read_csv(bundled_dir("data") / "demo" / "plan-measures.csv"):
        bank.setdefault(row["gcm"], []).append(row)
    return bank


def _generic(gcm: str, n: int, lang: str) -> dict[str, str]:
    label = str(content("gcm_objectives", gcm, "short_label", lang))
    return {
        "lead": "MB",
        "contributing": "STM",
        "actions": "",
        "sdg": "10.7",
        "eu": "24",
        "target": "4",
        f"measure_{lang}": text("plan.demo.generic_measure", lang, n=n, label=label),
        f"activities_{lang}": text("plan.demo.generic_activities", lang),
        f"output_{lang}": text("plan.demo.generic_output", lang, label=label),
        f"unit_{lang}": text("plan.demo.generic_unit", lang),
    }


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def fill_demo_plan(plan: ActionPlan, *, seed: int = SEED) -> ActionPlan:
    """The draft ``plan`` with illustrative measures and output indicators (see the module
    docstring); marked illustrative."""
    lang = plan.info.language if plan.info.language in ("en", "sq") else "en"
    rng = np.random.default_rng(seed)
    info = plan.info
    span = len(info.quarters)
    measures: list[Measure] = []
    indicators: list[Indicator] = list(plan.indicators)
    outcome_links: dict[str, list[str]] = {}
    objectives = list(plan.objectives)
    for objective in objectives:
        gcm = objective.gcm[0] if objective.gcm else "GCM23"
        bank = measure_bank().get(gcm, [])
        own: list[str] = []
        for n in range(1, PER_OBJECTIVE + 1):
            row = bank[n - 1] if len(bank) >= n else _generic(gcm, n, lang)
            code = f"{objective.code}.M{n}"
            first = int(rng.integers(0, max(1, span // 2)))
            length = int(rng.integers(2, 9))
            start = info.start.shift(first)
            end = start.shift(min(length, span - first) - 1)
            total = float(rng.integers(20, 400)) * 100_000
            state = round(total * float(rng.uniform(0.3, 0.7)), -5)
            unfunded = round((total - state) * float(rng.uniform(0.0, 0.6)), -5)
            donors = total - state - unfunded
            output = f"{code}.O1"
            measures.append(
                Measure(
                    code=code,
                    objective=objective.code,
                    measure=row[f"measure_{lang}"],
                    activities=row[f"activities_{lang}"],
                    gcm=objective.gcm,
                    gcm_actions=_split(row["actions"]),
                    sdg=_split(row["sdg"]),
                    eu=tuple(int(c) for c in _split(row["eu"])),
                    lead=row["lead"],
                    contributing=_split(row["contributing"]),
                    start=start,
                    end=end,
                    cost_state=state,
                    cost_donors=donors,
                    unfunded=unfunded,
                    currency=info.currency,
                    output_indicators=(output,),
                    gender_marker=int(rng.integers(0, 3)),
                )
            )
            indicators.append(
                Indicator(
                    code=output,
                    name=row[f"output_{lang}"],
                    level="output",
                    definition=text("plan.demo.output_definition", lang),
                    unit=row[f"unit_{lang}"],
                    baseline=0.0,
                    baseline_year=info.start.year - 1,
                    target=float(row["target"]),
                    target_year=end.year,
                    source=text("plan.demo.output_source", lang),
                    frequency="annual",
                    responsible=row["lead"],
                    linked_measures=(code,),
                )
            )
            own.append(code)
        outcome_links[objective.code] = own
    # every outcome indicator is addressed by the first measure of its objective, except the
    # last one of the last objective, which its notes explain
    left = _last_outcome(plan, objectives[-1].code) if objectives else ""
    filled = []
    for indicator in indicators:
        so = indicator.code.split(".")[0]
        if indicator.level == "outcome" and so in outcome_links and indicator.code != left:
            indicator = replace(indicator, linked_measures=(outcome_links[so][0],))
        filled.append(indicator)
    left_mgi = next((i.mgi[0] for i in filled if i.code == left and i.mgi), "")
    noted = []
    for objective in objectives:
        notes = objective_notes(objective, lang)
        if left_mgi and left.startswith(f"{objective.code}."):
            notes = f"{notes} {text('plan.demo.left_out', lang, code=left_mgi)}".strip()
        noted.append(replace(objective, notes=notes))
    return plan.replace(
        info=replace(info, illustrative=True),
        objectives=tuple(noted),
        measures=tuple(measures),
        indicators=tuple(filled),
    )


def _last_outcome(plan: ActionPlan, objective: str) -> str:
    own = [i.code for i in plan.indicators if i.code.startswith(f"{objective}.I")]
    return own[-1] if own else ""
