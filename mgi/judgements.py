"""What people judged, as read and validated: stakeholder ratings, expert ratings and the
working group's weight judgements.

These records sit on the ground floor, beside :class:`~mgi.assessment.Assessment`, because
they are built by the workbook readers (:mod:`mgi.workbook`) and used by the prioritisation
(:mod:`mgi.priorities`), and later by the live session and the XLSForm importer: each of them
keeps what was said (long tables, one row per person, objective and criterion), the issues
found while reading it and where it came from. Combining them is the job of
:mod:`mgi.priorities.ratings` and :mod:`mgi.priorities.weighting`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from mgi.assessment import Source
from mgi.catalogue import Issue

#: Columns of :attr:`Consultation.ratings`.
CONSULTATION_COLUMNS = ("participant", "group", "objective", "rating")
#: Columns of :attr:`ExpertRatings.ratings`.
EXPERT_COLUMNS = ("expert", "objective", "criterion", "rating")

Mode = Literal["points", "ranking", "pairwise"]


@dataclass(frozen=True, eq=False)
class Consultation:
    """Stakeholder ratings as read from a consultation workbook (long table)."""

    _ratings: pd.DataFrame = field(repr=False)
    issues: tuple[Issue, ...] = ()
    source: Source = field(default_factory=lambda: Source(kind="consultation"))

    @property
    def ratings(self) -> pd.DataFrame:
        """Columns participant, group, objective (``GCM07``), rating (float, 1-5)."""
        return self._ratings.copy()

    @property
    def participants(self) -> pd.DataFrame:
        """One row per participant with their group and number of ratings."""
        grouped = self._ratings.groupby("participant", sort=False)
        return pd.DataFrame({"group": grouped["group"].first(), "ratings": grouped.size()})

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)


@dataclass(frozen=True, eq=False)
class ExpertRatings:
    """Expert ratings as read from an expert workbook (long table)."""

    _ratings: pd.DataFrame = field(repr=False)
    issues: tuple[Issue, ...] = ()
    source: Source = field(default_factory=lambda: Source(kind="experts"))

    @property
    def ratings(self) -> pd.DataFrame:
        """Columns expert, objective (``GCM07``), criterion, rating (float)."""
        return self._ratings.copy()

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)


@dataclass(frozen=True, eq=False)
class Judgement:
    """One participant's judgement on the criteria.

    ``values`` is a Series criterion → points or rank for ``points`` and ``ranking``, and a
    criteria × criteria DataFrame for ``pairwise``.
    """

    participant: str
    mode: Mode
    values: pd.Series | pd.DataFrame
    weight: float = 1.0
    sheet: str = ""


@dataclass(frozen=True, eq=False)
class WeightJudgements:
    """All participants' judgements, as read from a weights workbook."""

    judgements: tuple[Judgement, ...]
    criteria: tuple[str, ...]
    issues: tuple[Issue, ...] = ()
    source: Source = field(default_factory=lambda: Source(kind="weights"))

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)
