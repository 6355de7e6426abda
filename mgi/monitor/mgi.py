"""A mid-term MGI round beside the plan: how the MGI indicators behind each prioritised
objective changed since the plan's baseline round.

The plan's specific objectives carry the MGI indicators behind their gap (the *shortfall*) and
outcome indicators that name MGI indicators. With the baseline round (the questionnaire the
plan's baselines come from) and a later round, :func:`mgi_change` compares the two with
:func:`mgi.scoring.compare` (indicators matched by code, or through the edition crosswalk) and
keeps, per specific objective, each of its MGI indicators: the answer and value in each round,
the change of the value (on 0–1) and its class (improved, regressed, unchanged...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from mgi.plan.model import ActionPlan

if TYPE_CHECKING:
    from mgi.scoring.compare import Comparison

#: Columns of :func:`mgi_change`.
COLUMNS = (
    "objective",
    "gcm",
    "code",
    "earlier_answer",
    "later_answer",
    "earlier_value",
    "later_value",
    "value_change",
    "change",
)


def objective_mgi(plan: ActionPlan) -> dict[str, list[str]]:
    """Specific objective -> the MGI indicators behind it (its shortfall, then those its
    outcome indicators name), each once."""
    found: dict[str, list[str]] = {o.code: list(o.shortfall) for o in plan.objectives}
    for i in plan.indicators:
        objective = i.code.split(".")[0]
        if objective in found:
            found[objective] += list(i.mgi)
    return {k: list(dict.fromkeys(v)) for k, v in found.items()}


def mgi_change(plan: ActionPlan, comparison: Comparison) -> pd.DataFrame:
    """Per specific objective and MGI indicator behind it: both rounds' answers and values and
    the change (from :class:`mgi.scoring.compare.Comparison`)."""
    table = comparison.indicators
    rows = []
    for o in plan.objectives:
        for code in objective_mgi(plan)[o.code]:
            known = code in table.index
            row = table.loc[code] if known else None
            rows.append(
                {
                    "objective": o.code,
                    "gcm": ", ".join(o.gcm),
                    "code": code,
                    **{
                        k: (row[k] if row is not None else None)
                        for k in (
                            "earlier_answer",
                            "later_answer",
                            "earlier_value",
                            "later_value",
                            "value_change",
                            "change",
                        )
                    },
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))
