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

from mgi.scoring.compare import Comparison, compare
from mgi.scoring.engine import NOT_A_RANKING, Scorecard, combine, score
from mgi.scoring.scheme import Scheme, list_schemes, load_scheme, read_targets

__all__ = [
    "NOT_A_RANKING",
    "Comparison",
    "Scheme",
    "Scorecard",
    "combine",
    "compare",
    "list_schemes",
    "load_scheme",
    "read_targets",
    "score",
]
