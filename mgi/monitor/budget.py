"""Budget execution: what the measures spent against what the plan gives them, by source.

The institutions report, per measure, what it has spent from the state budget and from donors
since it started (cumulative, to the end of the period). Against it stand, by source:

* **planned**: the measure's cost in the plan, for the whole plan period;
* **planned to date**: the part of that cost falling in the quarters up to the period's end,
  spread over the measure's quarters as the plan's report spreads it
  (:func:`mgi.plan.costing.by_quarter`);
* **execution** = spent ÷ planned to date (how much of what should have been spent by now was
  spent), and spent ÷ planned.

The unfunded part of the plan (its **financing gap**) has no source to spend from: it is shown
beside them, for the whole plan and to date. Measures that were not reported add nothing to
what was spent; their number is given.

Examples
--------
>>> from mgi.plan.model import ActionPlan, Measure, PlanInfo
>>> from mgi.workbook.sheets import Quarter
>>> from mgi.monitor.period import period
>>> plan = ActionPlan(info=PlanInfo(start=Quarter(2025, 1), end=Quarter(2025, 4)),
...     measures=(Measure("SO1.M1", "SO1", start=Quarter(2025, 1), end=Quarter(2025, 4),
...                       cost_state=400.0, unfunded=100.0),))
>>> status = pd.DataFrame({"spent_state": [150.0], "spent_donors": [None],
...     "status": ["in_progress"]}, index=pd.Index(["SO1.M1"], name="code"))
>>> budget_execution(plan, status, period("2025-H1")).loc["state"].tolist()
[400.0, 200.0, 150.0, 0.75, 0.375]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mgi.monitor.period import Period
from mgi.plan.model import ActionPlan

#: Rows of the budget table.
ROWS = ("state", "donors", "funded", "unfunded")


def planned_to_date(plan: ActionPlan, period: Period) -> pd.DataFrame:
    """Per measure: the cost by source (state, donors, unfunded) of its quarters up to the end
    of ``period``."""
    from mgi.plan.costing import SOURCES, by_quarter

    quarters = by_quarter(plan)
    last = str(period.last_quarter)
    upto = quarters[quarters["quarter"].notna() & (quarters["quarter"] <= last)]
    sums = upto.groupby("measure")[list(SOURCES)].sum()
    return sums.reindex([m.code for m in plan.measures], fill_value=0.0)


def budget_execution(plan: ActionPlan, status: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Per source (state budget, donors, the two together as *funded*, and the unfunded part):
    planned, planned to date, spent, spent ÷ planned to date, spent ÷ planned."""
    from mgi.plan.costing import by_source

    total = by_source(plan)
    to_date = planned_to_date(plan, period).sum()
    spent = {
        "state": float(pd.to_numeric(status.get("spent_state"), errors="coerce").fillna(0).sum())
        if "spent_state" in status
        else 0.0,
        "donors": float(pd.to_numeric(status.get("spent_donors"), errors="coerce").fillna(0).sum())
        if "spent_donors" in status
        else 0.0,
    }
    rows: dict[str, tuple[float, ...]] = {}
    for source in ("state", "donors"):
        rows[source] = (float(total[source]), float(to_date[source]), spent[source])
    rows["funded"] = tuple(rows["state"][k] + rows["donors"][k] for k in range(3))
    rows["unfunded"] = (float(total["unfunded"]), float(to_date["unfunded"]), np.nan)
    frame = pd.DataFrame.from_dict(
        rows, orient="index", columns=["planned", "planned_to_date", "spent"]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["execution_to_date"] = np.where(
            frame["planned_to_date"] > 0, frame["spent"] / frame["planned_to_date"], np.nan
        )
        frame["execution"] = np.where(
            frame["planned"] > 0, frame["spent"] / frame["planned"], np.nan
        )
    frame.index.name = "source"
    return frame


def budget_by_objective(plan: ActionPlan, status: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Per specific objective: funded cost planned to date (state budget and donors), spent,
    execution, and the unfunded part of its cost (its financing gap)."""
    to_date = planned_to_date(plan, period)
    spent = status[["spent_state", "spent_donors"]].astype(float).fillna(0.0).sum(axis=1)
    codes = [m.code for m in plan.measures]
    frame = pd.DataFrame(
        {
            "objective": [m.objective or "" for m in plan.measures],
            "planned_to_date": (to_date["state"] + to_date["donors"]).to_numpy(),
            "spent": spent.reindex(codes).fillna(0.0).to_numpy(),
            "unfunded": [m.unfunded or 0.0 for m in plan.measures],
        },
        index=codes,
    )
    out = frame.groupby("objective", sort=False)[["planned_to_date", "spent", "unfunded"]].sum()
    out = out.reindex([o.code for o in plan.objectives if o.code in out.index])
    with np.errstate(invalid="ignore", divide="ignore"):
        out["execution_to_date"] = np.where(
            out["planned_to_date"] > 0, out["spent"] / out["planned_to_date"], np.nan
        )
    out.index.name = "objective"
    return out
