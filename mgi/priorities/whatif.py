"""What-if settings of one run: weights overridden, objectives left out or locked, with reasons.

The command line (``--weight gap=40``, ``--exclude GCM08``, ``--lock GCM04``) and the live
session's what-if use this one module, through :func:`~mgi.priorities.prioritize`:

* **a weight override** replaces the agreed weight of a criterion for one run. Weights are
  points on the scale where the agreed weights sum to 100: ``gap=40`` when the agreed gap
  weight is 0.30 moves it from 30 to 40 points, the other criteria keep their points, and all
  are normalised to sum 1 again (so the gap gets 40 / 110). The agreed weights and the
  overrides are recorded;
* **an excluded objective** is left out of the ranking altogether: it is taken out of the
  criteria matrix before anything is ranked, and listed with its reason;
* **a locked objective** is always in the priority set: in every ranking (each method, the
  consensus, every sample of the uncertainty analysis) the locked objectives come first,
  ordered among themselves by their own scores, and the other objectives follow in their own
  order. A lock does not change any score; it changes positions. With ``L`` locked objectives
  and a priority set of ``k``, only ``k - L`` places remain for the others.

Examples
--------
>>> import pandas as pd
>>> agreed = pd.Series({"gap": 0.3, "stakeholders": 0.2, "feasibility": 0.5})
>>> override_weights(agreed, {"gap": 40}).round(4).to_dict()
{'gap': 0.3636, 'stakeholders': 0.1818, 'feasibility': 0.4545}
>>> parse_objectives(["GCM08", 'GCM12:"covered by the EU programme"', "4"])
{'GCM08': '', 'GCM12': 'covered by the EU programme', 'GCM04': ''}
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mgi.priorities._problems import input_error
from mgi.reference import gcm_objectives

__all__ = [
    "WhatIf",
    "override_weights",
    "parse_objectives",
    "parse_weights",
]

_CANNOT = "The what-if settings cannot be used."
_WEIGHT = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*[=:]\s*(.+?)\s*$")
_OBJECTIVE = re.compile(r"^\s*(?:GCM\s*)?0*(\d{1,2})\s*(?::\s*(.*))?$", re.IGNORECASE)


def _number(text: Any) -> float:
    if isinstance(text, bool):
        return math.nan
    try:
        return float(str(text).strip().replace(",", "."))
    except ValueError:
        return math.nan


def parse_weights(items: Iterable[str]) -> dict[str, float]:
    """``["gap=40", "stakeholders=20"]`` → ``{"gap": 40.0, "stakeholders": 20.0}``.

    Raises
    ------
    InputError
        ``priorities.override_invalid`` for an item that is not ``criterion=number`` with a
        finite number of 0 or more.
    """
    out: dict[str, float] = {}
    for item in items:
        match = _WEIGHT.match(str(item))
        value = _number(match.group(2)) if match else math.nan
        if match is None or not (math.isfinite(value) and value >= 0):
            raise input_error(_CANNOT, "priorities.override_invalid", found=str(item))
        out[match.group(1)] = value
    return out


def parse_objectives(items: Iterable[str], reason: str = "") -> dict[str, str]:
    """Objective codes with their reasons: ``GCM08``, ``8`` or ``GCM08:"reason"``; ``reason``
    applies to those given without one.

    Raises
    ------
    InputError
        ``priorities.objective_unknown`` for anything that is not an objective 1-23.
    """
    out: dict[str, str] = {}
    for item in items:
        match = _OBJECTIVE.match(str(item))
        number = int(match.group(1)) if match else 0
        if not 1 <= number <= 23:
            raise input_error(_CANNOT, "priorities.objective_unknown", found=str(item))
        own = (match.group(2) or "").strip().strip("\"'").strip() if match else ""
        out[f"GCM{number:02d}"] = own or reason
    return out


def override_weights(weights: pd.Series, overrides: Mapping[str, float]) -> pd.Series:
    """The weights with some criteria set to given points (see the module docstring).

    Raises
    ------
    InputError
        ``priorities.override_unknown`` for a name that is not a criterion,
        ``priorities.override_invalid`` for a value that is not a finite number of 0 or more,
        ``mcda.weights_all_zero`` when every resulting weight is 0.
    """
    unknown = [name for name in overrides if name not in weights.index]
    if unknown:
        raise input_error(
            _CANNOT,
            "priorities.override_unknown",
            found=", ".join(unknown),
            allowed=", ".join(map(str, weights.index)),
        )
    points = weights.astype(float) / float(weights.sum()) * 100.0
    for name, value in overrides.items():
        number = _number(value)
        if not (math.isfinite(number) and number >= 0):
            raise input_error(_CANNOT, "priorities.override_invalid", found=f"{name}={value}")
        points[name] = number
    total = float(points.sum())
    if not total > 0:
        raise input_error(_CANNOT, "mcda.weights_all_zero", what="All weights after the overrides")
    return (points / total).rename(weights.name)


@dataclass(frozen=True)
class WhatIf:
    """The what-if settings of one run (see the module docstring).

    Attributes
    ----------
    weights
        Criterion → points overriding the agreed weight (out of 100 agreed points).
    exclude, lock
        Objective code → the reason it is left out of the ranking / always in the priority set.
    """

    weights: Mapping[str, float] = field(default_factory=dict)
    exclude: Mapping[str, str] = field(default_factory=dict)
    lock: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.weights or self.exclude or self.lock)

    def check(self, objectives: Iterable[str]) -> None:
        """Refuse objectives that are not ranked, an objective both left out and locked, and
        leaving fewer than two objectives to rank."""
        present = list(objectives)
        codes = set(gcm_objectives().index)
        unknown = [c for c in [*self.exclude, *self.lock] if c not in codes]
        if unknown:
            raise input_error(_CANNOT, "priorities.objective_unknown", found=", ".join(unknown))
        both = sorted(set(self.exclude) & set(self.lock))
        if both:
            raise input_error(_CANNOT, "priorities.exclude_and_lock", found=", ".join(both))
        left = [c for c in present if c not in self.exclude]
        if len(left) < 2:
            raise input_error(_CANNOT, "priorities.too_few_left", found=len(left))

    def record(self) -> dict[str, Any]:
        """What the outputs record."""
        return {
            "weight_overrides": {k: float(v) for k, v in self.weights.items()},
            "weight_overrides_meaning": "points out of the 100 agreed points; then normalised",
            "excluded": dict(self.exclude),
            "locked": dict(self.lock),
            "locked_meaning": "always in the priority set: ranked ahead of every other "
            "objective in every ranking and sample, ordered among themselves by their scores",
        }
