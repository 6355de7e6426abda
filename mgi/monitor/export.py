"""Every figure of a :class:`~mgi.monitor.consolidate.Monitoring` as plain JSON-ready data
(``mgi monitor report --json``): numbers as numbers, missing values as ``null``, tables as
lists of records keyed by their codes."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from mgi.monitor.consolidate import Monitoring


def plain(value: Any) -> Any:
    """A cell as JSON: NaN and NA as None, numpy numbers as Python numbers, tuples as lists."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as records, its index first under the index's name."""
    name = frame.index.name or "key"
    return [
        {name: plain(key), **{str(c): plain(v) for c, v in row.items()}}
        for key, row in frame.iterrows()
    ]


def to_json(found: Monitoring) -> dict[str, Any]:
    """Every figure of the monitoring (see :mod:`mgi.monitor.consolidate`)."""
    from mgi.monitor.budget import budget_by_objective

    plan, current = found.plan, found.current
    status = current.status.drop(columns=["evidence", "comment"], errors="ignore")
    return {
        "plan": {
            "title": plan.info.title,
            "edition": plan.info.edition,
            "digest": plan.digest(),
            "file": plan.source.get("file", ""),
            "sha256": plan.source.get("sha256", ""),
            "currency": plan.info.currency,
            "period": {"start": str(plan.info.start), "end": str(plan.info.end)},
        },
        "period": str(found.period),
        "illustrative": found.illustrative,
        "thresholds": {
            "on_track": found.thresholds.on_track,
            "behind": found.thresholds.behind,
            "source": found.thresholds.source,
        },
        "reports": [
            {
                "file": r.file,
                "sha256": r.source.get("sha256", ""),
                "institution": r.institution,
                "period": str(r.period),
            }
            for r in current.reports
        ],
        "missing_reports": list(current.missing),
        "implementation": {
            "overall": records(found.implementation())[0],
            "by_objective": records(found.implementation("objective")),
            "by_gcm": records(found.implementation("gcm")),
            "by_eu_chapter": records(found.implementation("eu")),
            "by_institution": records(found.implementation("institution")),
            "by_year": records(found.implementation("end_year")),
        },
        "overdue_by_institution": records(found.overdue()),
        "measures": records(status),
        "indicators": records(current.indicators),
        "budget": {
            "by_source": records(current.budget),
            "by_objective": records(budget_by_objective(plan, current.status, found.period)),
            "financing_gap": plain(current.budget.loc["unfunded", "planned"]),
        },
        "trend": records(found.trend()),
        "imrf": records(found.gcm_rollup()),
        "eu_chapters": records(found.eu_rollup()),
        "mgi": None
        if found.mgi is None
        else {
            "rounds": list(found.mgi_rounds or ()),
            "measured": found.mgi_date.isoformat() if found.mgi_date else None,
            "indicators": [
                {str(k): plain(v) for k, v in row.items()}
                for row in found.mgi.to_dict(orient="records")
            ],
        },
        "errors": len(found.errors),
        "warnings": len(found.warnings),
    }
