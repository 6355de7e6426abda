"""Pure multi-criteria decision engine: weights, ranking methods, comparison and sensitivity.

Everything here is a pure numpy function: no I/O, no printing, no plotting. Each result records
the conventions that produced it (normalisation, tie rule, v, preference functions, sampler and
seed). See ``MCDA.md`` for the conventions and their defaults.

:data:`METHODS` is the one registry of ranking methods (name → :class:`Method`); every function
that takes weights takes ``(matrix, weights, types, ...)`` in that order. Bad input raises
:class:`PrioritizationInputError`, an :class:`~mgi.errors.InputError` (and a ``ValueError``)
carrying a catalogue rule.

Examples
--------
>>> from mgi.prioritization import METHODS, topsis, roc_weights
>>> w = roc_weights([1, 2, 3])
>>> topsis([[7, 9, 9], [8, 7, 8], [9, 6, 8]], w, ["benefit"] * 3).ranks.tolist()
[3, 2, 1]
>>> sorted(METHODS)
['promethee_ii', 'topsis', 'vikor', 'wsm']
"""

from mgi.prioritization._common import (
    NORMALIZATIONS,
    REFERENCES,
    TIE_RTOL,
    TIE_RULES,
    PrioritizationInputError,
    RankingResult,
    min_ranks,
    rank,
)
from mgi.prioritization.ahp import RI_TABLES, AHPGroupResult, AHPResult, ahp, ahp_group
from mgi.prioritization.compare import (
    average_ranks,
    borda,
    copeland,
    kendall,
    spearman,
    weighted_spearman,
    ws_coefficient,
)
from mgi.prioritization.methods import (
    METHODS,
    PREFERENCE_FUNCTIONS,
    PREFERENCE_NAMES,
    PrometheeResult,
    VikorResult,
    promethee_ii,
    topsis,
    vikor,
    wsm,
)
from mgi.prioritization.registry import (
    ExplainedTable,
    Explanation,
    Method,
    Scorer,
    Setting,
    get_method,
)
from mgi.prioritization.sensitivity import (
    SMAAResult,
    contributions,
    smaa,
    stability_intervals,
)
from mgi.prioritization.uncertainty import (
    SOURCES,
    DataSampler,
    UncertaintyResult,
    rank_uncertainty,
)
from mgi.prioritization.weights import (
    critic_weights,
    direct_weights,
    entropy_weights,
    roc_weights,
)

__all__ = [
    "METHODS",
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "PREFERENCE_NAMES",
    "REFERENCES",
    "RI_TABLES",
    "SOURCES",
    "TIE_RTOL",
    "TIE_RULES",
    "AHPGroupResult",
    "AHPResult",
    "DataSampler",
    "ExplainedTable",
    "Explanation",
    "Method",
    "PrioritizationInputError",
    "PrometheeResult",
    "RankingResult",
    "SMAAResult",
    "Scorer",
    "Setting",
    "UncertaintyResult",
    "VikorResult",
    "ahp",
    "ahp_group",
    "average_ranks",
    "borda",
    "contributions",
    "copeland",
    "critic_weights",
    "direct_weights",
    "entropy_weights",
    "get_method",
    "kendall",
    "min_ranks",
    "promethee_ii",
    "rank",
    "rank_uncertainty",
    "roc_weights",
    "smaa",
    "spearman",
    "stability_intervals",
    "topsis",
    "vikor",
    "weighted_spearman",
    "ws_coefficient",
    "wsm",
]
