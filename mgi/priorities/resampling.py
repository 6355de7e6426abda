"""Resampling the people behind the criteria: the data uncertainty of the ranking.

The stakeholder criterion comes from a few respondents per group and the expert criteria from
a handful of experts; another draw of the same kind of people would have given other means.
:class:`RatingsBootstrap` draws new versions of the criteria matrix by the nonparametric
bootstrap: the respondents of each stakeholder group are resampled with replacement within
their group (group sizes kept), and the experts are resampled with replacement. Every version
is aggregated exactly as the matrix itself (weighted group means per question, group weights
renormalised over the groups that answered, mean over the questions; mean over the experts),
and the governance gap, which comes from one assessment, stays as it is.

It is vectorised: one row of uniform numbers per sample gives that sample's draw of every
respondent slot and every expert slot; the draws become counts (how often each person is
drawn, by ``numpy.bincount``), and the group means of a whole batch are two matrix products,
``(counts × weights) @ ratings`` over ``(counts × weights) @ answered``. Because each sample
uses exactly one row of the generator's stream, the matrices do not depend on how samples are
batched. A person drawn whose answers leave an objective without any rating in a sample
(possible only with very few respondents) keeps the matrix's own value there.

Examples
--------
>>> import numpy as np, pandas as pd
>>> ratings = pd.DataFrame({"participant": ["a", "b", "c", "d"], "group": ["G1", "G1", "G2", "G2"],
...     "objective": "GCM01", "question": "priority", "rating": [1.0, 5.0, 3.0, 3.0],
...     "weight": 1.0})
>>> sampler = ConsultationColumn(ratings, pd.Series({"G1": 1.0, "G2": 1.0}), ["GCM01"],
...                              ["priority"], fallback=np.array([3.0]))
>>> draws = sampler.draw(np.random.default_rng(0), 2000)
>>> sorted(set(np.round(draws[:, 0], 2).tolist()))   # G1's mean is 1, 3 or 5; G2's is always 3
[2.0, 3.0, 4.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["ConsultationColumn", "ExpertColumns", "RatingsBootstrap", "RowSubset"]

#: Most numbers of one sub-batch of draws (uniform numbers or counts), to bound memory.
_CHUNK_CELLS = 1_000_000
#: Most bytes of resampled matrices kept for a second use.
_CACHE_BYTES = 64_000_000


def _wide(
    table: pd.DataFrame, person: str, keys: list[str], cells: pd.MultiIndex
) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """One row per person, one column per cell (objective and question, or criterion and
    objective): the people, the ratings (0 where none) and where there is a rating (1/0)."""
    wide = table.pivot_table(
        index=person, columns=keys, values="rating", aggfunc="first", sort=True
    ).reindex(columns=cells)
    values = wide.to_numpy(float)
    answered = ~np.isnan(values)
    return wide.index, np.nan_to_num(values), answered.astype(float)


def _counts(u: np.ndarray, size: int) -> np.ndarray:
    """How often each of ``size`` people is drawn by each row of uniform numbers ``u``
    (``k x size``: slot ``s`` of row ``r`` draws person ``floor(u * size)``)."""
    k = u.shape[0]
    index = np.minimum((u * size).astype(np.int64), size - 1)
    flat = (np.arange(k)[:, None] * size + index).ravel()
    return np.bincount(flat, minlength=k * size).reshape(k, size).astype(float)


@dataclass(eq=False)
class ConsultationColumn:
    """The stakeholder criterion of resampled consultations.

    Parameters
    ----------
    ratings
        Long table: participant, group, objective, question, rating, weight (the respondent's
        weight inside the group, 1 unless post-stratified).
    group_weights
        The declared (raw) weight of each group.
    objectives, questions
        The rows of the criterion and the questions, in order.
    fallback
        The criterion's own values, kept where a sample leaves an objective without ratings.
    """

    ratings: pd.DataFrame
    group_weights: pd.Series
    objectives: Sequence[str]
    questions: Sequence[str]
    fallback: np.ndarray
    _groups: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]] = field(
        init=False, repr=False, default_factory=list
    )

    def __post_init__(self) -> None:
        cells = pd.MultiIndex.from_product([self.objectives, self.questions])
        for group, block in self.ratings.groupby("group", sort=True):  # loop over groups (few)
            people, values, answered = _wide(block, "participant", ["objective", "question"], cells)
            weight = (
                block.drop_duplicates("participant")
                .set_index("participant")["weight"]
                .reindex(people)
                .to_numpy(float)
            )
            self._groups.append((str(group), values, answered, weight))

    @property
    def slots(self) -> int:
        """Uniform numbers one sample uses (one per respondent)."""
        return sum(values.shape[0] for _, values, _, _ in self._groups)

    def from_uniforms(self, u: np.ndarray) -> np.ndarray:
        """The criterion of ``k`` resampled consultations (``k x objectives``), from ``k x
        slots`` uniform numbers."""
        k = u.shape[0]
        m, q = len(self.objectives), len(self.questions)
        count = len(self._groups)
        sums = np.empty((k, count, m * q))
        support = np.empty((k, count, m * q))
        gamma = np.empty(count)
        start = 0
        for g, (group, values, answered, weight) in enumerate(self._groups):  # groups (few)
            size = values.shape[0]
            drawn = _counts(u[:, start : start + size], size) * weight[None, :]
            start += size
            np.matmul(drawn, values, out=sums[:, g, :])
            np.matmul(drawn, answered, out=support[:, g, :])
            gamma[g] = float(self.group_weights.get(group, 0.0))
        present = support > 0
        mean = np.divide(sums, support, out=np.zeros_like(sums), where=present)
        share = present * gamma[None, :, None]
        total = np.einsum("kgc,kgc->kc", mean, share)
        weight_sum = share.sum(axis=1)
        per_question = np.divide(
            total, weight_sum, out=np.full_like(total, np.nan), where=weight_sum > 0
        ).reshape(k, m, q)
        answered_questions = (~np.isnan(per_question)).sum(axis=2)
        criterion = np.divide(
            np.nansum(per_question, axis=2),
            answered_questions,
            out=np.full((k, m), np.nan),
            where=answered_questions > 0,
        )
        return np.where(np.isnan(criterion), self.fallback[None, :], criterion)

    def draw(self, rng: np.random.Generator, k: int) -> np.ndarray:
        """``k`` resampled criteria (``k x objectives``)."""
        return self.from_uniforms(rng.random((k, self.slots)))


@dataclass(eq=False)
class ExpertColumns:
    """The expert criteria of resampled expert panels.

    Parameters
    ----------
    ratings
        Long table: expert, objective, criterion, rating.
    objectives, criteria
        Rows and columns, in order.
    fallback
        The criteria's own values (``objectives x criteria``), kept where a sample leaves an
        objective without ratings.
    """

    ratings: pd.DataFrame
    objectives: Sequence[str]
    criteria: Sequence[str]
    fallback: np.ndarray
    _values: np.ndarray = field(init=False, repr=False)
    _answered: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        cells = pd.MultiIndex.from_product([self.criteria, self.objectives])
        _, self._values, self._answered = _wide(
            self.ratings, "expert", ["criterion", "objective"], cells
        )

    @property
    def slots(self) -> int:
        """Uniform numbers one sample uses (one per expert)."""
        return self._values.shape[0]

    def from_uniforms(self, u: np.ndarray) -> np.ndarray:
        """The expert criteria of ``k`` resampled panels (``k x objectives x criteria``)."""
        k = u.shape[0]
        drawn = _counts(u, self.slots)
        sums = drawn @ self._values
        support = drawn @ self._answered
        means = np.divide(sums, support, out=np.full_like(sums, np.nan), where=support > 0)
        means = means.reshape(k, len(self.criteria), len(self.objectives)).transpose(0, 2, 1)
        return np.where(np.isnan(means), self.fallback[None, :, :], means)


@dataclass(eq=False)
class RatingsBootstrap:
    """A :class:`~mgi.prioritization.DataSampler` of the criteria matrix: respondents
    resampled within their groups, experts resampled, the other columns as they are.

    Parameters
    ----------
    matrix
        The criteria matrix's values (``objectives x criteria``), the reference.
    consultation
        The stakeholder column's resampler and the column's position, if the profile has one.
    experts
        The expert columns' resampler and their positions, if any.
    """

    matrix: np.ndarray
    consultation: tuple[ConsultationColumn, int] | None = None
    experts: tuple[ExpertColumns, list[int]] | None = None
    description: str = field(init=False, default="")
    _cache: dict[tuple[str, int], np.ndarray] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        parts = []
        if self.consultation is not None:
            parts.append("the respondents of each stakeholder group, within their group")
        if self.experts is not None:
            parts.append("the experts")
        self.description = (
            "nonparametric bootstrap: " + " and ".join(parts) + " resampled with replacement; "
            "the other criteria as they are"
            if parts
            else "nothing to resample (no consultation or expert ratings)"
        )

    @property
    def slots(self) -> int:
        return (self.consultation[0].slots if self.consultation else 0) + (
            self.experts[0].slots if self.experts else 0
        )

    def draw(self, rng: np.random.Generator, k: int) -> np.ndarray:
        """``k`` resampled criteria matrices (``k x objectives x criteria``).

        Each sample takes one row of ``slots`` uniform numbers; rows are drawn in sub-batches
        that bound memory, which uses the generator exactly as one draw of all rows would.
        The matrices drawn from a given state of the generator are kept (up to about 64 MB):
        the data alone and all sources together resample the same data, and a live session's
        what-if re-ranks with new weights, never new data.
        """
        key = (repr(rng.bit_generator.state), k)
        kept = self._cache.get(key)
        if kept is not None:
            rng.random((k, self.slots))  # the generator moves on exactly as for a fresh draw
            return kept.copy()
        out = self._draw(rng, k)
        if sum(a.nbytes for a in self._cache.values()) + out.nbytes <= _CACHE_BYTES:
            self._cache[key] = out.copy()
        return out

    def _draw(self, rng: np.random.Generator, k: int) -> np.ndarray:
        out = np.empty((k, *self.matrix.shape))
        out[...] = self.matrix
        slots = self.slots
        if slots == 0:
            rng.random((k, 0))
            return out
        step = max(1, _CHUNK_CELLS // slots)
        for start in range(0, k, step):  # sub-batches of samples (memory), vectorised inside
            rows = slice(start, min(k, start + step))
            u = rng.random((rows.stop - rows.start, slots))
            used = 0
            if self.consultation is not None:
                column, position = self.consultation
                out[rows, :, position] = column.from_uniforms(u[:, : column.slots])
                used = column.slots
            if self.experts is not None:
                columns, positions = self.experts
                out[rows, :, positions] = columns.from_uniforms(u[:, used:])
        return out


@dataclass(eq=False)
class RowSubset:
    """A data sampler restricted to some rows (objectives left out of a ranking)."""

    base: RatingsBootstrap | RowSubset
    rows: Sequence[int]

    @property
    def description(self) -> str:
        return self.base.description

    def draw(self, rng: np.random.Generator, k: int) -> np.ndarray:
        return self.base.draw(rng, k)[:, list(self.rows), :]
