"""Scoring: turn a validated assessment into scores, bands, gaps and coverage.

The public verbs are :func:`score` (one assessment → :class:`Scorecard`), :func:`compare` (two
rounds → :class:`Comparison`) and :func:`load_scheme` (a scoring scheme as data). The scores are
derived analytics computed by mgi, not official MGI results: the MGI is not a ranking of
countries.

Examples
--------
>>> from mgi.scoring import load_scheme
>>> load_scheme("mgi-default").label
'mgi-default 1.1.0'
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the lazily imported names below, for type checkers and editors
    from mgi.scoring.compare import Comparison as Comparison
    from mgi.scoring.compare import compare as compare
    from mgi.scoring.engine import NOT_A_RANKING as NOT_A_RANKING
    from mgi.scoring.engine import Scorecard as Scorecard
    from mgi.scoring.engine import combine as combine
    from mgi.scoring.engine import score as score
    from mgi.scoring.scheme import Scheme as Scheme
    from mgi.scoring.scheme import list_schemes as list_schemes
    from mgi.scoring.scheme import load_scheme as load_scheme
    from mgi.scoring.scheme import read_targets as read_targets

_EXPORTS = {
    "NOT_A_RANKING": "mgi.scoring.engine",
    "Comparison": "mgi.scoring.compare",
    "Scheme": "mgi.scoring.scheme",
    "Scorecard": "mgi.scoring.engine",
    "combine": "mgi.scoring.engine",
    "compare": "mgi.scoring.compare",
    "list_schemes": "mgi.scoring.scheme",
    "load_scheme": "mgi.scoring.scheme",
    "read_targets": "mgi.scoring.scheme",
    "score": "mgi.scoring.engine",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """The verbs are imported on first use, so that loading a scheme (``mgi validate``) does
    not import numpy and pandas."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mgi.scoring' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)


class _Package(types.ModuleType):
    """``compare`` names both a verb and a sub-module. Importing the sub-module puts the module
    in the package's namespace; this property keeps the verb there instead, however the two are
    imported."""

    @property
    def compare(self) -> Any:
        from mgi.scoring.compare import compare

        return compare

    @compare.setter
    def compare(self, value: Any) -> None:
        """The import system setting the sub-module: the verb stays."""


sys.modules[__name__].__class__ = _Package
