"""GCM prioritisation sessions: profile, stakeholder and expert ratings, working-group weights,
the criteria matrix and the ranked objectives.

The pure multi-criteria methods live in :mod:`mgi.prioritization`; this package applies them to
the 23 GCM objectives with inputs people actually give.
"""

from mgi.priorities.criteria import CriteriaMatrix, build_criteria_matrix
from mgi.priorities.profile import Profile, list_profiles, load_profile
from mgi.priorities.ratings import (
    Consultation,
    ConsultationSummary,
    ExpertRatings,
    kendall_w,
    summarise_consultation,
    summarise_experts,
)
from mgi.priorities.session import Prioritization, prioritize
from mgi.priorities.weighting import AgreedWeights, Judgement, WeightJudgements, combine_judgements

__all__ = [
    "AgreedWeights",
    "Consultation",
    "ConsultationSummary",
    "CriteriaMatrix",
    "ExpertRatings",
    "Judgement",
    "Prioritization",
    "Profile",
    "WeightJudgements",
    "build_criteria_matrix",
    "combine_judgements",
    "kendall_w",
    "list_profiles",
    "load_profile",
    "prioritize",
    "summarise_consultation",
    "summarise_experts",
]
