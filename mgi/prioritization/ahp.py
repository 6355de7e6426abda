"""Analytic Hierarchy Process: priorities from pairwise comparisons, consistency, group AHP.

Conventions: Saaty's 1-9 scale, reciprocal matrix ``A`` with ``a_ij`` = how much more important
criterion ``i`` is than ``j``. ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)``, ``CR = 0``
for ``n <= 2``, ``CR <= 0.10`` is acceptable. ``lambda_max`` is always computed consistently with
the priority method (never an approximate lambda with eigenvector weights): for ``"eigen"`` it is
the principal eigenvalue; for ``"geometric"`` and ``"colnorm"`` it is the mean of
``(A w)_i / w_i`` for the derived ``w`` (Saaty's classic estimate), and the result says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mgi.prioritization._common import coerce_weights, engine_error, readonly

__all__ = ["RI_TABLES", "AHPGroupResult", "AHPResult", "ahp", "ahp_group"]

#: Random consistency indices by name, for n = 1, 2, ..., 15.
RI_TABLES: dict[str, tuple[float, ...]] = {
    # Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill.
    "saaty1980": (
        0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ),
    # Saaty (2012), Decision Making for Leaders, 3rd revised ed., RWS Publications.
    "saaty2012": (
        0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
    ),
}  # fmt: skip

#: Saaty's fundamental scale and reciprocals, used to suggest a replacement judgement.
SAATY_SCALE = tuple(sorted({float(k) for k in range(1, 10)} | {1.0 / k for k in range(2, 10)}))

PRIORITY_METHODS = ("eigen", "geometric", "colnorm")

#: Relative tolerance of the reciprocity check ``a_ij * a_ji == 1``.
RECIPROCAL_RTOL = 0.02


@dataclass(frozen=True, kw_only=True)
class AHPResult:
    """Priorities and consistency of one pairwise comparison matrix.

    Attributes
    ----------
    weights
        Priority vector (sums to 1), aligned with the matrix rows.
    criteria
        Row labels (DataFrame index, or ``C1, C2, ...``).
    lambda_max, ci, cr
        Principal eigenvalue (or its estimate, see ``lambda_max_method``), consistency index and
        consistency ratio.
    consistent
        ``cr <= 0.10``.
    method
        ``"eigen"``, ``"geometric"`` or ``"colnorm"``.
    lambda_max_method
        How ``lambda_max`` was obtained.
    ri_table, ri
        Name of the random-index table and the value used for this ``n``.
    worst_judgement
        For an inconsistent matrix: the judgement ``(i, j)`` with the largest
        ``|log(a_ij w_j / w_i)|``, its current value, the consistent value ``w_i / w_j`` and the
        nearest Saaty-scale value. ``None`` when consistent.
    matrix
        The (reciprocal-completed) comparison matrix used.
    """

    weights: np.ndarray
    criteria: tuple[Any, ...]
    lambda_max: float
    ci: float
    cr: float
    consistent: bool
    method: str
    lambda_max_method: str
    ri_table: str
    ri: float
    worst_judgement: dict[str, Any] | None
    matrix: np.ndarray
    settings: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Weights as a one-column DataFrame indexed by criterion.

        Examples
        --------
        >>> ahp([[1, 3], [1 / 3, 1]]).to_frame()["weight"].tolist()
        [0.75, 0.25]
        """
        return pd.DataFrame(
            {"weight": np.asarray(self.weights)}, index=pd.Index(self.criteria, name="criterion")
        )


def _validate(pairwise: Any, name: str = "pairwise matrix") -> tuple[np.ndarray, tuple]:
    labels = None
    if isinstance(pairwise, pd.DataFrame):
        labels = tuple(pairwise.index)
        values = pairwise.to_numpy()
    else:
        values = pairwise
    try:
        A = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise engine_error("mcda.pairwise_not_numeric", what=f"The {name}") from None
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] == 0:
        raise engine_error("mcda.pairwise_shape", what=f"The {name}", found=A.shape)
    n = A.shape[0]
    if labels is None:
        labels = tuple(f"C{i + 1}" for i in range(n))
    if not np.all(np.isfinite(A)) or np.any(A <= 0):
        raise engine_error("mcda.pairwise_not_positive", what=f"The {name}")
    if not np.allclose(np.diag(A), 1.0, rtol=0, atol=1e-9):
        raise engine_error("mcda.pairwise_diagonal", what=f"the {name}", found=np.diag(A).tolist())
    prod = A * A.T
    bad = np.abs(prod - 1.0) > RECIPROCAL_RTOL
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise engine_error(
            "mcda.pairwise_not_reciprocal",
            what=f"The {name}",
            found=f"a[{labels[i]!s}, {labels[j]!s}] = {A[i, j]:g} but a[{labels[j]!s}, "
            f"{labels[i]!s}] = {A[j, i]:g} (product {prod[i, j]:.4g})",
            allowed=f"1 ± {RECIPROCAL_RTOL}",
        )
    # Rebuild the lower triangle from the upper one so that A is exactly reciprocal.
    iu = np.triu_indices(n, 1)
    A = np.ones((n, n))
    A[iu] = np.array(values, dtype=float)[iu]
    A[(iu[1], iu[0])] = 1.0 / A[iu]
    return A, labels


def _priorities(A: np.ndarray, method: str) -> tuple[np.ndarray, float, str]:
    n = A.shape[0]
    if method == "eigen":
        vals, vecs = np.linalg.eig(A)
        k = int(np.argmax(vals.real))
        w = np.abs(vecs[:, k].real)
        w = w / w.sum()
        return w, float(vals[k].real), "principal eigenvalue"
    if method == "geometric":
        w = np.exp(np.log(A).mean(axis=1))
    elif method == "colnorm":
        w = (A / A.sum(axis=0)).mean(axis=1)
    else:
        raise engine_error(
            "mcda.setting_invalid",
            what="AHP priority method",
            found=repr(method),
            allowed=", ".join(PRIORITY_METHODS),
        )
    w = w / w.sum()
    lam = float(np.mean((A @ w) / w)) if n > 1 else 1.0
    return w, lam, "mean of (A w)_i / w_i for the derived w"


def _nearest_saaty(x: float) -> float:
    scale = np.array(SAATY_SCALE)
    return float(scale[np.argmin(np.abs(np.log(scale) - np.log(x)))])


def ahp(
    pairwise: Any,
    method: str = "eigen",
    ri: str = "saaty1980",
    *,
    threshold: float = 0.10,
) -> AHPResult:
    """Priorities and consistency ratio of a pairwise comparison matrix (Saaty).

    Parameters
    ----------
    pairwise
        ``n x n`` positive reciprocal matrix (array-like or DataFrame; ``n <= 15``). Reciprocity
        is checked with a relative tolerance of 2% (so ``0.33`` for ``1/3`` is accepted); the
        matrix is then completed from its upper triangle (``a_ji = 1 / a_ij``).
    method
        ``"eigen"`` (principal right eigenvector, default), ``"geometric"`` (row geometric
        mean) or ``"colnorm"`` (mean of the column-normalised matrix).
    ri
        Random index table: ``"saaty1980"`` (default) or ``"saaty2012"``.
    threshold
        Largest acceptable CR (default 0.10).

    Returns
    -------
    AHPResult

    Examples
    --------
    >>> r = ahp([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    >>> r.weights.round(4).tolist(), round(r.cr, 6)
    ([0.5714, 0.2857, 0.1429], 0.0)
    """
    if ri not in RI_TABLES:
        raise engine_error(
            "mcda.setting_invalid",
            what="AHP random index table",
            found=repr(ri),
            allowed=", ".join(RI_TABLES),
        )
    if method not in PRIORITY_METHODS:
        raise engine_error(
            "mcda.setting_invalid",
            what="AHP priority method",
            found=repr(method),
            allowed=", ".join(PRIORITY_METHODS),
        )
    A, labels = _validate(pairwise)
    n = A.shape[0]
    table = RI_TABLES[ri]
    if n > len(table):
        raise engine_error("mcda.pairwise_too_large", found=n, table=ri, allowed=len(table))
    w, lam, lam_method = _priorities(A, method)
    ri_value = table[n - 1]
    if n <= 2:
        ci, cr = 0.0, 0.0
    else:
        ci = max((lam - n) / (n - 1), 0.0)
        cr = ci / ri_value
    consistent = cr <= threshold
    worst = None
    if not consistent:
        dev = np.abs(np.log(A * w[None, :] / w[:, None]))
        dev[np.tril_indices(n)] = -1.0
        i, j = np.unravel_index(int(np.argmax(dev)), dev.shape)
        target = float(w[i] / w[j])
        worst = {
            "i": int(i),
            "j": int(j),
            "row": labels[i],
            "column": labels[j],
            "current": float(A[i, j]),
            "consistent_value": target,
            "nearest_saaty_value": _nearest_saaty(target),
            "log_deviation": float(dev[i, j]),
        }
    return AHPResult(
        weights=readonly(w),
        criteria=labels,
        lambda_max=lam,
        ci=float(ci),
        cr=float(cr),
        consistent=bool(consistent),
        method=method,
        lambda_max_method=lam_method,
        ri_table=ri,
        ri=float(ri_value),
        worst_judgement=worst,
        matrix=readonly(A),
        settings={
            "method": method,
            "ri": ri,
            "threshold": threshold,
            "reciprocal_rtol": RECIPROCAL_RTOL,
            "lambda_max_method": lam_method,
        },
    )


@dataclass(frozen=True, kw_only=True)
class AHPGroupResult:
    """Group AHP by aggregation of individual judgements (AIJ).

    Attributes
    ----------
    group
        :class:`AHPResult` of the element-wise weighted geometric mean matrix.
    participants
        Each participant's own :class:`AHPResult`.
    participant_weights
        Normalised participant weights.
    distances
        DataFrame per participant: ``cr``, ``consistent``, ``euclidean`` (distance between the
        participant's and the group's priority vectors) and ``gci`` (Saaty's compatibility index
        ``(1/n^2) sum_ij (x_i/x_j)(y_j/y_i)``; 1 = identical, <= 1.1 is considered compatible).
    settings
        Aggregation rule and AHP settings.
    """

    group: AHPResult
    participants: tuple[AHPResult, ...]
    participant_weights: np.ndarray
    distances: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def weights(self) -> np.ndarray:
        """Group priority vector."""
        return self.group.weights


def _compatibility(x: np.ndarray, y: np.ndarray) -> float:
    n = x.size
    return float(np.sum(np.outer(x, 1.0 / x) * np.outer(1.0 / y, y)) / n**2)


def ahp_group(
    matrices: Sequence[Any],
    participant_weights: Any = None,
    method: str = "eigen",
    ri: str = "saaty1980",
    *,
    participants: Sequence[Any] | None = None,
) -> AHPGroupResult:
    """Group AHP: aggregate individual judgements by weighted geometric mean (AIJ), then AHP.

    ``a^G_ij = prod_k a^k_ij ** lambda_k`` with participant weights ``lambda_k`` summing to 1.
    The aggregate is reciprocal whenever the individual matrices are.

    Parameters
    ----------
    matrices
        One pairwise matrix per participant, all ``n x n``.
    participant_weights
        Non-negative weights per participant (default: equal).
    method, ri
        As in :func:`ahp`.
    participants
        Optional participant labels (default ``P1, P2, ...``).

    Returns
    -------
    AHPGroupResult

    Examples
    --------
    >>> g = ahp_group([[[1, 2], [1 / 2, 1]], [[1, 8], [1 / 8, 1]]])
    >>> float(g.group.matrix[0, 1]), g.weights.round(3).tolist()
    (4.0, [0.8, 0.2])
    """
    mats = list(matrices)
    if not mats:
        raise engine_error("mcda.group_empty")
    k = len(mats)
    labels = (
        tuple(participants) if participants is not None else tuple(f"P{i + 1}" for i in range(k))
    )
    if len(labels) != k:
        raise engine_error(
            "mcda.wrong_count",
            what="participant labels",
            found=len(labels),
            expected=f"{k} matrices",
            per="matrix",
        )
    lam = (
        np.full(k, 1.0 / k)
        if participant_weights is None
        else coerce_weights(participant_weights, k, name="participant weights")[0]
    )
    individual = [ahp(A, method=method, ri=ri) for A in mats]
    shapes = {r.matrix.shape for r in individual}
    if len(shapes) != 1:
        raise engine_error("mcda.group_sizes", found=sorted(shapes))
    logs = np.stack([np.log(r.matrix) for r in individual])
    G = np.exp(np.tensordot(lam, logs, axes=1))
    if isinstance(mats[0], pd.DataFrame):
        G = pd.DataFrame(G, index=mats[0].index, columns=mats[0].columns)
    group = ahp(G, method=method, ri=ri)
    rows = []
    for lab, r in zip(labels, individual, strict=True):
        rows.append(
            {
                "participant": lab,
                "weight": None,
                "cr": r.cr,
                "consistent": r.consistent,
                "euclidean": float(np.linalg.norm(r.weights - group.weights)),
                "gci": _compatibility(r.weights, group.weights),
            }
        )
    dist = pd.DataFrame(rows).set_index("participant")
    dist["weight"] = lam
    return AHPGroupResult(
        group=group,
        participants=tuple(individual),
        participant_weights=readonly(lam),
        distances=dist,
        settings={
            "aggregation": "AIJ: element-wise weighted geometric mean of judgements",
            "method": method,
            "ri": ri,
            "distance": "euclidean between priority vectors; gci = Saaty compatibility index",
        },
    )
