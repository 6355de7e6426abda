"""Tests of rank correlations and consensus rankings (Borda, Copeland)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mgi.prioritization import (
    average_ranks,
    borda,
    copeland,
    kendall,
    spearman,
    weighted_spearman,
    ws_coefficient,
)
from tests.prioritization._rules import raises_rule

REF = [1, 2, 3, 4, 5]
SWAP_TOP = [2, 1, 3, 4, 5]
SWAP_BOTTOM = [1, 2, 3, 5, 4]


def test_spearman_hand_worked():
    """1 - 6 sum d^2 / (N (N^2 - 1)) = 1 - 6 * 2 / 120 = 0.9 for one adjacent swap."""
    assert spearman(REF, SWAP_TOP) == pytest.approx(0.9)
    assert spearman(REF, SWAP_BOTTOM) == pytest.approx(0.9)
    assert spearman(REF, REF[::-1]) == pytest.approx(-1.0)


def test_weighted_spearman_formula_from_mcda_reference():
    """r_w (Pinto da Costa & Soares 2005, as used by Sałabun & Urbaniak 2020, ICCS, LNCS 12138,
    "A new coefficient of rankings similarity in decision-making problems", eq. for r_w).
    Hand-worked, N = 5: swapping positions 1-2 gives sum = 1 * (5 + 4) + 1 * (4 + 5) = 18,
    r_w = 1 - 6 * 18 / (625 + 125 - 25 - 5) = 1 - 108 / 720 = 0.85; swapping 4-5 gives
    sum = 1 * (2 + 1) * 2 = 6, r_w = 1 - 36 / 720 = 0.95: top swaps cost more."""
    assert weighted_spearman(REF, SWAP_TOP) == pytest.approx(0.85)
    assert weighted_spearman(REF, SWAP_BOTTOM) == pytest.approx(0.95)
    assert weighted_spearman(REF, REF) == pytest.approx(1.0)


def test_ws_coefficient_hand_worked_and_asymmetric():
    """WS = 1 - sum 2^-x_i |x_i - y_i| / max(|x_i - 1|, |x_i - N|) (Sałabun & Urbaniak 2020).
    Hand-worked: swap of positions 1-2 of 5: 1 - (.5 * 1/4 + .25 * 1/3) = 0.791667;
    swap of 4-5: 1 - (2^-4 * 1/3 + 2^-5 * 1/4) = 0.971354. Asymmetry, N = 3:
    WS((1,2,3), (3,1,2)) = 1 - (.5 * 2/2 + .25 * 1/1 + .125 * 1/2) = 0.1875;
    WS((3,1,2), (1,2,3)) = 1 - (.125 * 2/2 + .5 * 1/2 + .25 * 1/1) = 0.375."""
    assert ws_coefficient(REF, SWAP_TOP) == pytest.approx(0.791667, abs=1e-6)
    assert ws_coefficient(REF, SWAP_BOTTOM) == pytest.approx(0.971354, abs=1e-6)
    assert ws_coefficient([1, 2, 3], [3, 1, 2]) == pytest.approx(0.1875)
    assert ws_coefficient([3, 1, 2], [1, 2, 3]) == pytest.approx(0.375)
    assert ws_coefficient(REF, REF) == 1.0


def test_kendall_is_scipy_tau_b():
    assert kendall(REF, SWAP_TOP) == pytest.approx(0.8)  # (9 - 1) / 10
    x, y = [1, 2, 2, 4], [1, 3, 2, 4]
    assert kendall(x, y) == pytest.approx(stats.kendalltau(x, y, variant="b").statistic)


@pytest.mark.parametrize("seed", range(6))
def test_kendall_equals_scipy_with_and_without_ties(seed: int) -> None:
    """The numpy tau-b gives scipy's number to the last bit, with ties in either ranking."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    x = rng.integers(1, max(2, n // (1 + seed % 3)), size=n).astype(float)
    y = rng.permutation(n).astype(float) + 1 if seed % 2 else rng.integers(1, 5, size=n)
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        x[0], y[0] = x[0] + 1, y[0] + 1
    assert kendall(x, y) == stats.kendalltau(x, y, variant="b").statistic


@pytest.mark.parametrize("seed", range(4))
def test_average_ranks_equal_scipy_rankdata(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 6, size=(7, 1 + 5 * seed)).astype(float)
    np.testing.assert_array_equal(average_ranks(values), stats.rankdata(values, axis=1))
    np.testing.assert_array_equal(average_ranks(values[0]), stats.rankdata(values[0]))
    values = rng.random((3, 40))
    np.testing.assert_array_equal(average_ranks(values), stats.rankdata(values, axis=1))


def test_ranking_does_not_import_scipy_stats() -> None:
    """Ranking the objectives leaves scipy.stats off the import path (0.7 s per command)."""
    import subprocess
    import sys

    code = (
        "import sys, mgi.prioritization, mgi.priorities.session, mgi.priorities.ratings;"
        "print('scipy.stats' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_correlations_reject_bad_input():
    with raises_rule("mcda.rankings_length"):
        spearman([1, 2], [1, 2, 3])
    with raises_rule("mcda.rankings_constant"):
        spearman([1, 1, 1], [1, 2, 3])
    with raises_rule("mcda.rankings_too_short"):
        kendall([1], [1])


RANKINGS = pd.DataFrame(
    {"wsm": [1, 2, 3], "topsis": [1, 3, 2], "vikor": [3, 1, 2]},
    index=["GCM01", "GCM02", "GCM03"],
)


def test_borda_hand_worked():
    """Hand-worked Borda (points m - rank, m = 3): GCM01 2 + 2 + 0 = 4, GCM02 1 + 0 + 2 = 3,
    GCM03 0 + 1 + 1 = 2; equal weights 1/3 -> 1.333, 1, 0.667 -> ranks 1, 2, 3. With weights
    (2, 1, 1)/4: GCM01 (4 + 2 + 0)/4 = 1.5, GCM02 (2 + 0 + 2)/4 = 1, GCM03 (0 + 1 + 1)/4 = .5."""
    r = borda(RANKINGS)
    np.testing.assert_allclose(r.scores, [4 / 3, 1, 2 / 3])
    assert r.ranks.tolist() == [1, 2, 3]
    assert r.alternatives == ("GCM01", "GCM02", "GCM03")
    assert r.criteria == ("wsm", "topsis", "vikor")
    np.testing.assert_allclose(borda(RANKINGS, weights=[2, 1, 1]).scores, [1.5, 1.0, 0.5])


def test_copeland_hand_worked():
    """Hand-worked Copeland: GCM01 vs GCM02: wsm, topsis prefer GCM01 (2 to 1) -> win;
    GCM01 vs GCM03: 2 to 1 -> win; GCM02 vs GCM03: wsm, vikor prefer GCM02 -> win.
    Scores wins - losses: 2, 0, -2."""
    r = copeland(RANKINGS)
    np.testing.assert_allclose(r.scores, [2, 0, -2])
    assert r.ranks.tolist() == [1, 2, 3]
    # vikor alone outweighs the others: GCM02 > GCM03 > GCM01 reverses the top.
    r = copeland(RANKINGS, weights=[1, 1, 3])
    np.testing.assert_allclose(r.scores, [-2, 2, 0])


def test_consensus_ties_use_the_tie_rule():
    """Condorcet cycle (Copeland draw for everyone), all scores equal -> "111"."""
    cycle = [[1, 2, 3], [2, 3, 1], [3, 1, 2]]
    r = copeland(cycle)
    assert r.ranks.tolist() == [1, 1, 1]
    assert r.ties == (("A1", "A2", "A3"),)
    assert borda(cycle, tie_rule="ordinal").ranks.tolist() == [1, 2, 3]


def test_consensus_rejects_non_ranks():
    with raises_rule("mcda.rankings_not_ranks"):
        borda([[1, 2], [2, 9]])
