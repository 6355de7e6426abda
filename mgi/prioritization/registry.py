"""The method registry: one frozen :class:`Method` object per ranking method.

A :class:`Method` holds everything the rest of mgi needs to know about a ranking method: its
label, the direction of its score, whether the score is linear in the weights (which makes
exact stability intervals and contributions possible), its settings (with defaults, allowed
values and the profile key that sets them), a kernel that scores a whole batch of weight
vectors at once, and its explanation (the intermediate tables, each with a caption).

The single-run functions (:func:`~mgi.prioritization.wsm` ...), rank acceptability
(:func:`~mgi.prioritization.smaa`), stability intervals, contributions, the prioritisation
session, the profile schema, the command line's ``--method`` and the report labels all read
:data:`~mgi.prioritization.METHODS`; the methods themselves are defined in
:mod:`mgi.prioritization.methods`.

Examples
--------
>>> from mgi.prioritization import METHODS
>>> [(m.name, m.label, m.higher_is_better, m.linear) for m in METHODS.values()][:2]
[('wsm', 'Weighted sum', True, True), ('topsis', 'TOPSIS', True, False)]
>>> scorer = METHODS["wsm"].scorer([[1, 10], [2, 30], [3, 20]], ["benefit", "cost"])
>>> scorer.scores([[0.5, 0.5], [1.0, 0.0]]).round(3).tolist()
[[0.5, 0.25, 0.75], [0.0, 0.5, 1.0]]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue
from mgi.prioritization._common import (
    RankingResult,
    coerce_matrix,
    coerce_types,
    coerce_weights,
    constant_warnings,
    engine_error,
    finish_ranking,
    readonly,
)

__all__ = ["ExplainedTable", "Explanation", "Method", "Scorer", "Setting"]

#: ``parts(X, types, criteria, settings) -> (arrays that do not depend on the weights, the
#: settings to record)``.
PartsFunction = Callable[
    [np.ndarray, np.ndarray, tuple[Any, ...], dict[str, Any]],
    tuple[dict[str, np.ndarray], dict[str, Any]],
]
#: ``kernel(parts, W)``: weights ``W`` (samples x criteria) -> scores (samples x alternatives).
Kernel = Callable[[Mapping[str, np.ndarray], np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Setting:
    """One setting of a ranking method.

    Attributes
    ----------
    name
        Keyword of the ranking function (``normalization``, ``v``...).
    default
        Value used when the setting is not given.
    description
        What the setting means, for people.
    choices
        The allowed values, when they form a closed list.
    low, high
        Inclusive bounds of a numeric setting.
    profile_key
        Key of the profile's ``[methods]`` table that sets it (``wsm_normalization``), if any.
    criterion_key
        Key of each ``[[criteria]]`` entry of the profile, for a setting with one value per
        criterion (PROMETHEE's ``preference``, ``q``, ``p``, ``s``).
    """

    name: str
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    low: float | None = None
    high: float | None = None
    profile_key: str | None = None
    criterion_key: str | None = None

    def allowed(self) -> str:
        """The allowed values in words."""
        if self.choices:
            return ", ".join(str(c) for c in self.choices)
        if self.low is not None and self.high is not None:
            return f"a number from {self.low:g} to {self.high:g}"
        return "one value for all criteria or one per criterion"

    def check(self, value: Any, method: str) -> Any:
        """The value, if allowed; otherwise the catalogue error ``mcda.setting_invalid``."""
        shown = repr(value)
        if self.choices:
            ok = isinstance(value, str) and value in self.choices
        elif self.low is not None or self.high is not None:
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = float("nan")
            low = -np.inf if self.low is None else self.low
            high = np.inf if self.high is None else self.high
            ok = not isinstance(value, bool) and low <= number <= high
            value = number
        else:
            ok = True
        if not ok:
            raise engine_error(
                "mcda.setting_invalid",
                what=f"{method} {self.name}",
                found=shown,
                allowed=self.allowed(),
            )
        return value


@dataclass(frozen=True, eq=False)
class Scorer:
    """A method bound to one decision matrix: scores any number of weight vectors.

    Everything that does not depend on the weights (normalised matrix, ideal points,
    unicriterion flows) is computed once, in ``parts``.

    Attributes
    ----------
    method
        The :class:`Method`.
    parts
        Read-only arrays of the method (see each method's documentation).
    settings
        The settings used, as recorded in results.
    alternatives, criteria
        Labels of the rows and columns of the decision matrix.
    types
        ``+1`` (benefit) / ``-1`` (cost) per criterion.
    """

    method: Method
    parts: Mapping[str, np.ndarray]
    settings: Mapping[str, Any]
    alternatives: tuple[Any, ...]
    criteria: tuple[Any, ...]
    types: np.ndarray

    def scores(self, W: Any) -> np.ndarray:
        """Scores of a batch of weight vectors: ``W`` (samples x criteria) -> samples x
        alternatives. Weights are used as given (not normalised)."""
        return self.method.kernel(self.parts, np.atleast_2d(np.asarray(W, dtype=float)))

    def score(self, w: np.ndarray) -> np.ndarray:
        """Scores of one weight vector (``M @ w`` for a method linear in the weights)."""
        if self.method.linear:
            return self.linear_matrix @ w
        return self.scores(w[None, :])[0]

    @property
    def linear_matrix(self) -> np.ndarray:
        """``M`` (alternatives x criteria) with ``scores = W @ M.T``, for linear methods."""
        if not self.method.linear:
            raise engine_error(
                "mcda.not_linear", found=self.method.name, allowed=", ".join(linear_names())
            )
        return self.parts["linear"]


@dataclass(frozen=True, eq=False)
class ExplainedTable:
    """One intermediate table of a method, with its caption."""

    key: str
    caption: str
    _frame: pd.DataFrame = field(repr=False)

    @property
    def frame(self) -> pd.DataFrame:
        """The table (a copy: changing it changes nothing here)."""
        return self._frame.copy()


@dataclass(frozen=True, eq=False)
class Explanation:
    """How a method reached its ranking: every intermediate table with a caption.

    Examples
    --------
    >>> from mgi.prioritization import METHODS
    >>> e = METHODS["topsis"].explain([[1, 10], [2, 30], [3, 20]], [0.5, 0.5], ["benefit", "cost"])
    >>> list(e.captions())
    ['normalized', 'weighted', 'ideal', 'distances', 'result']
    >>> e["distances"].round(3)["closeness"].tolist()
    [0.5, 0.309, 0.691]
    """

    method: str
    label: str
    result: RankingResult
    tables: tuple[ExplainedTable, ...]

    def __getitem__(self, key: str) -> pd.DataFrame:
        for table in self.tables:
            if table.key == key:
                return table.frame
        raise KeyError(key)

    def captions(self) -> dict[str, str]:
        """Table key → caption, in the order of the calculation."""
        return {t.key: t.caption for t in self.tables}


#: ``tables(scorer, w, result) -> [(key, caption, frame), ...]``.
TablesFunction = Callable[
    ["Scorer", np.ndarray, RankingResult], list[tuple[str, str, pd.DataFrame]]
]
#: ``extras(scorer, w) -> fields of the method's result class beyond scores and ranks``.
ExtrasFunction = Callable[["Scorer", np.ndarray], dict[str, Any]]


def _no_extras(scorer: Scorer, w: np.ndarray) -> dict[str, Any]:
    return {}


@dataclass(frozen=True, eq=False)
class Method:
    """A ranking method: what it is called, how it scores, how it explains itself.

    Attributes
    ----------
    name
        Registry key (``wsm``, ``topsis``...), as written in profiles and on the command line.
    label
        Name for people (``Weighted sum``).
    higher_is_better
        Direction of the score (VIKOR's Q: lower is better).
    linear
        Whether the score is linear in the weights (``scores = W @ M.T``); only these methods
        have exact stability intervals and contributions.
    settings
        The method's :class:`Setting` objects.
    citation
        The source the implementation follows.
    kernel
        ``kernel(parts, W)``: scores of a batch of weight vectors (samples x criteria) as
        samples x alternatives, vectorised (no loop over samples).
    parts
        ``parts(X, types, criteria, settings)``: the arrays that do not depend on the weights,
        and the settings to record.
    tables
        The explanation: intermediate tables with captions for one weight vector.
    extras
        Extra fields of ``result_class`` (VIKOR's S, R, Q; PROMETHEE's flows) for one weight
        vector.
    result_class
        The class of :meth:`rank`'s result.
    paired
        ``paired(parts, W)``: the scores of sample ``k``'s weights on sample ``k``'s matrix,
        where ``parts`` were computed by ``parts`` from a stack of matrices (``k x m x n``) and
        ``W`` is ``k x n``; used when the data are resampled (:meth:`paired_scores`). The
        ``parts`` functions work on one matrix or a stack alike, so a single run and a
        resampled run share every formula.
    """

    name: str
    label: str
    higher_is_better: bool
    linear: bool
    settings: tuple[Setting, ...]
    citation: str
    kernel: Kernel = field(repr=False)
    parts: PartsFunction = field(repr=False)
    tables: TablesFunction = field(repr=False)
    extras: ExtrasFunction = field(repr=False, default=_no_extras)
    result_class: type[RankingResult] = RankingResult
    paired: Kernel | None = field(repr=False, default=None)

    def defaults(self) -> dict[str, Any]:
        """Setting name → default value."""
        return {s.name: s.default for s in self.settings}

    def resolve(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        """The settings with defaults filled in, each checked; unknown names are refused."""
        known = {s.name: s for s in self.settings}
        unknown = sorted(set(settings) - set(known))
        if unknown:
            raise engine_error(
                "mcda.setting_unknown",
                found=", ".join(unknown),
                method=self.name,
                allowed=", ".join(known) or "none",
            )
        out = {}
        for name, setting in known.items():
            value = settings.get(name, setting.default)
            out[name] = setting.check(value, self.label) if name in settings else value
        return out

    def profile_settings(
        self, methods_table: Mapping[str, Any], criteria: Sequence[Mapping[str, Any]]
    ) -> dict[str, Any]:
        """The settings a profile gives this method: from its ``[methods]`` table
        (``profile_key``) and from each criterion (``criterion_key``, when every criterion
        has that key)."""
        out: dict[str, Any] = {}
        for s in self.settings:
            if s.profile_key is not None and s.profile_key in methods_table:
                out[s.name] = methods_table[s.profile_key]
            elif s.criterion_key is not None and all(s.criterion_key in c for c in criteria):
                out[s.name] = [c[s.criterion_key] for c in criteria]
        return out

    def scorer(self, matrix: Any, types: Any = None, **settings: Any) -> Scorer:
        """Bind the method to a decision matrix (alternatives as rows): a :class:`Scorer`."""
        X, alternatives, criteria = coerce_matrix(matrix)
        t = coerce_types(types, X.shape[1])
        return self._scorer(X, t, alternatives, criteria, settings)

    def _scorer(
        self,
        X: np.ndarray,
        t: np.ndarray,
        alternatives: tuple[Any, ...],
        criteria: tuple[Any, ...],
        settings: Mapping[str, Any],
    ) -> Scorer:
        resolved = self.resolve(settings)
        parts, recorded = self.parts(X, t, criteria, resolved)
        return Scorer(
            method=self,
            parts=MappingProxyType({k: readonly(v) for k, v in parts.items()}),
            settings=MappingProxyType(recorded),
            alternatives=alternatives,
            criteria=criteria,
            types=readonly(t),
        )

    def paired_scores(
        self,
        matrices: Any,
        types: Any,
        W: Any,
        *,
        criteria: Sequence[Any] | None = None,
        **settings: Any,
    ) -> np.ndarray:
        """Scores of a stack of decision matrices, each with its own weight vector.

        Parameters
        ----------
        matrices
            ``k x m x n``: ``k`` versions of the decision matrix (e.g. resampled data).
        types
            ``n`` criterion types.
        W
            ``k x n`` weights, one row per matrix (used as given, not normalised).
        criteria
            Criterion labels (for messages), default ``C1, C2...``.
        **settings
            The method's settings, as for :meth:`rank`.

        Returns
        -------
        numpy.ndarray
            ``k x m`` scores: row ``k`` equals the score of :meth:`rank` on matrix ``k`` with
            weights ``W[k]`` (up to the order of floating-point sums).

        Examples
        --------
        >>> from mgi.prioritization import METHODS
        >>> stack = [[[1, 10], [2, 30], [3, 20]], [[3, 10], [2, 30], [1, 20]]]
        >>> METHODS["wsm"].paired_scores(stack, ["benefit", "cost"], [[0.5, 0.5], [1, 0]]).tolist()
        [[0.5, 0.25, 0.75], [1.0, 0.5, 0.0]]
        """
        X = np.asarray(matrices, dtype=float)
        if X.ndim != 3 or 0 in X.shape:
            raise engine_error(
                "mcda.matrix_shape", what="The stack of decision matrices", found=X.shape
            )
        if not np.isfinite(X).all():
            raise engine_error(
                "mcda.matrix_not_finite",
                what="The stack of decision matrices",
                count=int((~np.isfinite(X)).sum()),
                place="(resampled)",
                found="a value that is not a finite number",
            )
        n = X.shape[2]
        labels = tuple(criteria) if criteria is not None else tuple(f"C{j + 1}" for j in range(n))
        t = coerce_types(types, n)
        weights = np.asarray(W, dtype=float)
        if weights.shape != (X.shape[0], n):
            raise engine_error(
                "mcda.wrong_count",
                what="weight rows",
                found=weights.shape[0] if weights.ndim else 0,
                expected=f"{X.shape[0]} matrices of {n} criteria",
                per="matrix",
            )
        if self.paired is None:  # pragma: no cover - every registered method has one
            raise engine_error("mcda.not_linear", found=self.name, allowed="")
        parts, _ = self.parts(X, t, labels, self.resolve(settings))
        return self.paired(parts, weights)

    def _prepare(
        self, matrix: Any, weights: Any, types: Any, settings: Mapping[str, Any]
    ) -> tuple[Scorer, np.ndarray, tuple[Issue, ...]]:
        X, alternatives, criteria = coerce_matrix(matrix)
        n = X.shape[1]
        w, wwarn = coerce_weights(weights, n, criteria)
        t = coerce_types(types, n)
        scorer = self._scorer(X, t, alternatives, criteria, settings)
        return scorer, w, constant_warnings(X, criteria) + wwarn

    def rank(
        self, matrix: Any, weights: Any, types: Any, *, tie_rule: str = "min", **settings: Any
    ) -> RankingResult:
        """Score and rank the alternatives with one weight vector.

        Parameters
        ----------
        matrix
            ``m x n`` array-like or DataFrame, alternatives as rows.
        weights
            ``n`` non-negative weights (normalised to sum 1), or a mapping criterion → weight.
        types
            ``n`` criterion types, ``"benefit"``/``"cost"`` or ``+1``/``-1``.
        tie_rule
            ``"min"`` (default), ``"dense"`` or ``"ordinal"``.
        **settings
            The method's settings (see :attr:`settings`).
        """
        scorer, w, warnings = self._prepare(matrix, weights, types, settings)
        return self._result(scorer, w, warnings, tie_rule)

    def _result(
        self, scorer: Scorer, w: np.ndarray, warnings: Sequence[Issue], tie_rule: str
    ) -> RankingResult:
        extras = self.extras(scorer, w)
        scores = extras.pop("scores") if "scores" in extras else scorer.score(w)
        return finish_ranking(
            method=self.name,
            scores=scores,
            alternatives=scorer.alternatives,
            criteria=scorer.criteria,
            settings={**scorer.settings, "weights": w.tolist(), "types": scorer.types.tolist()},
            warnings=warnings,
            higher_is_better=self.higher_is_better,
            tie_rule=tie_rule,
            cls=self.result_class,
            **extras,
        )

    def explain(
        self, matrix: Any, weights: Any, types: Any, *, tie_rule: str = "min", **settings: Any
    ) -> Explanation:
        """Rank as :meth:`rank` does and keep every intermediate table with its caption."""
        scorer, w, warnings = self._prepare(matrix, weights, types, settings)
        result = self._result(scorer, w, warnings, tie_rule)
        tables = tuple(
            ExplainedTable(key=key, caption=caption, _frame=frame.copy())
            for key, caption, frame in self.tables(scorer, w, result)
        )
        return Explanation(method=self.name, label=self.label, result=result, tables=tables)


_REGISTRY: dict[str, Method] = {}


def register(*methods: Method) -> MappingProxyType[str, Method]:
    """Add methods to the registry (their module calls this once); return the registry."""
    for method in methods:
        _REGISTRY[method.name] = method
    return MappingProxyType(_REGISTRY)


def linear_names() -> list[str]:
    """Names of the registered methods whose scores are linear in the weights."""
    return [name for name, m in _REGISTRY.items() if m.linear]


def get_method(name: Any) -> Method:
    """The registered method called ``name``; the catalogue error ``mcda.unknown_method``
    (listing the methods) for anything else."""
    if isinstance(name, Method):
        return name
    method = _REGISTRY.get(name) if isinstance(name, str) else None
    if method is None:
        raise engine_error("mcda.unknown_method", found=repr(name), allowed=", ".join(_REGISTRY))
    return method
