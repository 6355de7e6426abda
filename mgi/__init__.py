"""mgi: Migration Governance Indicators assessment and GCM prioritisation.

The package turns completed MGI questionnaires into scores and gaps, and turns those gaps,
stakeholder consultations and expert judgement into a transparent ranking of the 23 objectives
of the Global Compact for Migration. The pipeline, one immutable object per stage::

    Instrument -> Assessment -> Scorecard -> CriteriaMatrix -> Prioritization -> reports

The main verbs are importable from here; they are loaded on first use so that importing
``mgi`` (and starting the command line) stays fast. ``mgi.run(recipe)`` runs a whole
:class:`~mgi.recipe.Recipe`, as every command does; the sub-packages (``mgi.priorities``,
``mgi.prioritization``, ``mgi.scoring``, ``mgi.reports``, ``mgi.workbook``) are reachable as
attributes after ``import mgi``.

Examples
--------
>>> import mgi
>>> mgi.priorities.load_profile("gcm-default").name
'gcm-default'
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the lazily imported names below, for type checkers and editors
    from mgi import demo as demo
    from mgi import priorities as priorities
    from mgi import prioritization as prioritization
    from mgi import reports as reports
    from mgi import scoring as scoring
    from mgi import workbook as workbook
    from mgi.assessment import Assessment as Assessment
    from mgi.catalogue import Issue as Issue
    from mgi.errors import DataFileError as DataFileError
    from mgi.errors import InputError as InputError
    from mgi.errors import MGIError as MGIError
    from mgi.errors import UsageError as UsageError
    from mgi.instrument import Instrument as Instrument
    from mgi.instrument import list_instruments as list_instruments
    from mgi.instrument import load_instrument as load_instrument
    from mgi.recipe import Recipe as Recipe
    from mgi.recipe import load_recipe as load_recipe
    from mgi.run import Run as Run
    from mgi.run import run as run
    from mgi.scoring import Scorecard as Scorecard
    from mgi.scoring import load_scheme as load_scheme
    from mgi.scoring import score as score
    from mgi.scoring.compare import compare as compare
    from mgi.workbook import read_assessment as read_assessment
    from mgi.workbook import write_template as write_template

__version__ = "0.1.0"

_EXPORTS = {
    "load_instrument": "mgi.instrument",
    "list_instruments": "mgi.instrument",
    "Instrument": "mgi.instrument",
    "Assessment": "mgi.assessment",
    "read_assessment": "mgi.workbook",
    "write_template": "mgi.workbook",
    "load_scheme": "mgi.scoring",
    "score": "mgi.scoring",
    "compare": "mgi.scoring",
    "Scorecard": "mgi.scoring",
    "Issue": "mgi.catalogue",
    "MGIError": "mgi.errors",
    "InputError": "mgi.errors",
    "DataFileError": "mgi.errors",
    "UsageError": "mgi.errors",
    "Recipe": "mgi.recipe",
    "load_recipe": "mgi.recipe",
    "run": "mgi.run",
    "Run": "mgi.run",
}
#: Sub-packages reachable as attributes of ``mgi`` (imported on first use).
_PACKAGES = ("priorities", "prioritization", "reports", "scoring", "workbook", "demo")

__all__ = ["__version__", *_EXPORTS, *_PACKAGES]


def __getattr__(name: str) -> Any:
    if name in _PACKAGES:
        return importlib.import_module(f"mgi.{name}")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mgi' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)


class _Package(types.ModuleType):
    """``run`` names both the verb and a sub-module (``mgi/run.py``). Importing the sub-module
    puts the module in the package's namespace, so that ``mgi.run`` would be the verb the first
    time and the module after; this property keeps the verb there, however the two are
    imported."""

    @property
    def run(self) -> Any:
        from mgi.run import run

        return run

    @run.setter
    def run(self, value: Any) -> None:
        """The import system setting the sub-module: the verb stays."""


sys.modules[__name__].__class__ = _Package
