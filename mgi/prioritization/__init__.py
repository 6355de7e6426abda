"""Pure multi-criteria decision engine: weights, ranking methods, comparison and sensitivity.

Everything here is a pure numpy/scipy function: no I/O, no printing, no plotting. Each result
records the conventions that produced it (normalisation, tie rule, v, preference functions,
sampler and seed). See ``MCDA.md`` for the conventions and their defaults.

Examples
--------
>>> from mgi.prioritization import topsis, roc_weights
>>> w = roc_weights([1, 2, 3])
>>> topsis([[7, 9, 9], [8, 7, 8], [9, 6, 8]], w, ["benefit"] * 3).ranks.tolist()
[3, 2, 1]
"""

from mgi.prioritization._common import (
    NORMALIZATIONS,
    TIE_RTOL,
    TIE_RULES,
    PrioritizationInputError,
    RankingResult,
    rank,
)
from mgi.prioritization.ahp import RI_TABLES, AHPGroupResult, AHPResult, ahp, ahp_group
from mgi.prioritization.compare import (
    borda,
    copeland,
    kendall,
    spearman,
    weighted_spearman,
    ws_coefficient,
)
from mgi.prioritization.methods import (
    PREFERENCE_FUNCTIONS,
    PrometheeResult,
    VikorResult,
    promethee_ii,
    topsis,
    vikor,
    wsm,
)
from mgi.prioritization.sensitivity import (
    SMAAResult,
    contributions,
    smaa,
    stability_intervals,
)
from mgi.prioritization.weights import (
    critic_weights,
    direct_weights,
    entropy_weights,
    roc_weights,
)

__all__ = [
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "RI_TABLES",
    "TIE_RTOL",
    "TIE_RULES",
    "AHPGroupResult",
    "AHPResult",
    "PrioritizationInputError",
    "PrometheeResult",
    "RankingResult",
    "SMAAResult",
    "VikorResult",
    "ahp",
    "ahp_group",
    "borda",
    "contributions",
    "copeland",
    "critic_weights",
    "direct_weights",
    "entropy_weights",
    "kendall",
    "promethee_ii",
    "rank",
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
