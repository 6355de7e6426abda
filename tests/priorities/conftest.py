"""Small, readable inputs for the prioritisation session tests."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from mgi.priorities import load_profile
from mgi.reference import gcm_objectives

OBJECTIVES = list(gcm_objectives().index)
EXPERT_CRITERIA = [
    "feasibility",
    "resource_need",
    "policy_alignment",
    "eu_accession",
    "partner_funding",
]


@pytest.fixture
def profile():
    return load_profile("gcm-default")


@pytest.fixture
def scorecard():
    """A stand-in for a Scorecard: only the ``objectives`` table is read."""
    gaps = np.linspace(10, 80, len(OBJECTIVES))
    table = pd.DataFrame(
        {
            "score": 100 - gaps,
            "gap": gaps,
            "status": "scored",
            "indicators": "D1.1.1, D2.1.1",
            "shortfall": "D2.1.1",
        },
        index=pd.Index(OBJECTIVES, name="objective"),
    )
    return SimpleNamespace(objectives=table, provenance=lambda: {"instrument": "test"})


@pytest.fixture
def consultation():
    """16 respondents in 4 groups answering relevance and urgency at random."""
    rng = np.random.default_rng(7)
    groups = ["Diaspora", "Immigrants", "Academia", "Government"]
    rows = [
        (f"P{p:02d}", groups[p % 4], o, q, int(rng.integers(1, 6)))
        for p in range(16)
        for o in OBJECTIVES
        for q in ("relevance", "urgency")
    ]
    return pd.DataFrame(rows, columns=["participant", "group", "objective", "question", "rating"])


@pytest.fixture
def experts():
    rng = np.random.default_rng(11)
    rows = [
        (f"E{e}", o, c, int(rng.integers(1, 6)))
        for e in range(3)
        for o in OBJECTIVES
        for c in EXPERT_CRITERIA
    ]
    return pd.DataFrame(rows, columns=["expert", "objective", "criterion", "rating"])
