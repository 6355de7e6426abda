"""The action plan: from agreed priorities to costed measures, checked and reported.

The pipeline of ``mgi plan``, one module each:

* :mod:`mgi.plan.model` — :class:`ActionPlan` and its records (specific objectives, measures,
  indicator passports, institutions), stable codes and a content digest;
* :mod:`mgi.plan.prefill` — the draft from the priorities (:func:`prefill_plan`);
* :mod:`mgi.plan.priorities` — reading a priorities workbook and the group's decisions;
* :mod:`mgi.plan.sheets`, :mod:`mgi.plan.workbook` — the workbook's sheets, declared once,
  written and read back (:func:`write_plan_workbook`, :func:`read_plan_workbook`);
* :mod:`mgi.plan.checks` — every rule of ``mgi plan check`` (:func:`check_plan`);
* :mod:`mgi.plan.costing` — totals, the spread over quarters and years, alignment, coverage;
* :mod:`mgi.plan.report` — the report folder (:func:`write_plan_report`);
* :mod:`mgi.plan.files` — the door from file paths (what the command line has).

Names are loaded on first use, so importing :mod:`mgi.plan` stays light.

Examples
--------
>>> from mgi.plan import PlanInfo, Priority, prefill_plan
>>> from mgi.workbook.sheets import Quarter
>>> plan, notes = prefill_plan([Priority("GCM04", 1, "include")],
...                            settings=PlanInfo(start=Quarter(2025, 1), end=Quarter(2026, 4)))
>>> [o.code for o in plan.objectives], notes[0]
(['SO1'], 'One specific objective for the objective the working group included.')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the lazily imported names below, for type checkers and editors
    from mgi.plan.checks import check_plan as check_plan
    from mgi.plan.files import check_plan_file as check_plan_file
    from mgi.plan.files import make_plan_template as make_plan_template
    from mgi.plan.files import report_plan_file as report_plan_file
    from mgi.plan.model import ActionPlan as ActionPlan
    from mgi.plan.model import Indicator as Indicator
    from mgi.plan.model import Institution as Institution
    from mgi.plan.model import Measure as Measure
    from mgi.plan.model import PlanInfo as PlanInfo
    from mgi.plan.model import SpecificObjective as SpecificObjective
    from mgi.plan.prefill import Baseline as Baseline
    from mgi.plan.prefill import Priority as Priority
    from mgi.plan.prefill import baselines_from_scorecard as baselines_from_scorecard
    from mgi.plan.prefill import prefill_plan as prefill_plan
    from mgi.plan.prefill import priorities_from_prioritization as priorities_from_prioritization
    from mgi.plan.priorities import read_priorities as read_priorities
    from mgi.plan.report import write_plan_report as write_plan_report
    from mgi.plan.workbook import read_plan_workbook as read_plan_workbook
    from mgi.plan.workbook import write_plan_workbook as write_plan_workbook

_EXPORTS = {
    "ActionPlan": "mgi.plan.model",
    "PlanInfo": "mgi.plan.model",
    "SpecificObjective": "mgi.plan.model",
    "Measure": "mgi.plan.model",
    "Indicator": "mgi.plan.model",
    "Institution": "mgi.plan.model",
    "Priority": "mgi.plan.prefill",
    "Baseline": "mgi.plan.prefill",
    "prefill_plan": "mgi.plan.prefill",
    "priorities_from_prioritization": "mgi.plan.prefill",
    "baselines_from_scorecard": "mgi.plan.prefill",
    "read_priorities": "mgi.plan.priorities",
    "write_plan_workbook": "mgi.plan.workbook",
    "read_plan_workbook": "mgi.plan.workbook",
    "check_plan": "mgi.plan.checks",
    "write_plan_report": "mgi.plan.report",
    "make_plan_template": "mgi.plan.files",
    "check_plan_file": "mgi.plan.files",
    "report_plan_file": "mgi.plan.files",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mgi.plan' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
