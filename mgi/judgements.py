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
CONSULTATION_COLUMNS = ("participant", "group", "objective", "question", "rating")
#: Columns of :attr:`Consultation.dont_know`.
DONT_KNOW_COLUMNS = ("participant", "group", "objective", "question")
#: The optional respondent attributes a consultation may ask (columns of
#: :attr:`Consultation.respondents` besides participant, group and organisation).
ATTRIBUTES = ("sex", "age_band", "country", "municipality")
#: The question of a consultation that asks one combined question per objective (the first
#: template's "relevant and urgent"); tables without a ``question`` column are read as it.
COMBINED_QUESTION = "priority"
#: Columns of :attr:`ExpertRatings.ratings`.
EXPERT_COLUMNS = ("expert", "objective", "criterion", "rating")

Mode = Literal["points", "ranking", "pairwise"]


def consultation_table(table: pd.DataFrame) -> pd.DataFrame:
    """A long table of ratings with the columns of :data:`CONSULTATION_COLUMNS`: a table
    without a ``question`` column (one combined question) gets ``question = "priority"``;
    rows without a rating are dropped.

    Examples
    --------
    >>> consultation_table(pd.DataFrame({"participant": ["a"], "group": ["Media"],
    ...     "objective": ["GCM01"], "rating": [4]})).columns.tolist()
    ['participant', 'group', 'objective', 'question', 'rating']
    """
    frame = table.copy()
    if "question" not in frame.columns:
        frame["question"] = COMBINED_QUESTION
    frame = frame.loc[:, list(CONSULTATION_COLUMNS)].dropna(subset=["rating"])
    frame["rating"] = frame["rating"].astype(float)
    return frame.reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class Consultation:
    """Stakeholder ratings as read from a consultation workbook (long tables).

    ``ratings`` holds one row per participant, objective and question answered with a rating;
    ``dont_know`` one row per "don't know" answer (never a rating: left out of every mean and
    counted); ``respondents`` one row per participant with their group and the optional
    attributes they gave.
    """

    _ratings: pd.DataFrame = field(repr=False)
    issues: tuple[Issue, ...] = ()
    source: Source = field(default_factory=lambda: Source(kind="consultation"))
    _dont_know: pd.DataFrame | None = field(repr=False, default=None)
    _respondents: pd.DataFrame | None = field(repr=False, default=None)

    @property
    def ratings(self) -> pd.DataFrame:
        """Columns participant, group, objective (``GCM07``), question (``relevance``,
        ``urgency`` or ``priority``), rating (float, on the consultation's scale)."""
        return consultation_table(self._ratings)

    @property
    def dont_know(self) -> pd.DataFrame:
        """The "don't know" answers: participant, group, objective, question."""
        if self._dont_know is None:
            return pd.DataFrame(columns=list(DONT_KNOW_COLUMNS))
        return self._dont_know.copy()

    @property
    def respondents(self) -> pd.DataFrame:
        """One row per participant (index): group, organisation and the attributes of
        :data:`ATTRIBUTES` (empty where not given)."""
        if self._respondents is not None:
            return self._respondents.copy()
        ratings = self._ratings
        names = list(dict.fromkeys(ratings["participant"]))
        groups = ratings.groupby("participant", sort=False)["group"].first()
        frame = pd.DataFrame(
            {"group": groups.reindex(names), "organisation": ""},
            index=pd.Index(names, name="participant"),
        )
        for attribute in ATTRIBUTES:
            frame[attribute] = ""
        return frame

    @property
    def participants(self) -> pd.DataFrame:
        """One row per participant with their group, number of ratings and of "don't know"."""
        people = self.respondents
        counts = self._ratings.groupby("participant", sort=False).size()
        unknown = self.dont_know.groupby("participant", sort=False).size()
        return pd.DataFrame(
            {
                "group": people["group"],
                "ratings": counts.reindex(people.index).fillna(0).astype(int),
                "dont_know": unknown.reindex(people.index).fillna(0).astype(int),
            }
        )

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
