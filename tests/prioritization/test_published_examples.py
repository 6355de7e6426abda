"""Published worked examples reproduced by the prioritisation engine.

Each test reproduces the numbers of a worked example in a paper or a textbook, at the precision
they were published with. Where the example's input table and results were read from a public
repository that transcribes them in its own tests (rather than from the paper itself), both the
paper and the transcription are cited; the asserted numbers are the *published* ones, never a
library's output.

Tolerances: a value published with ``d`` decimals is checked with ``|ours - published| <=
0.5 * 10**-d`` (``assert_published``), i.e. our exact value must round to the published value.
"""

from __future__ import annotations

import numpy as np
import pytest

from mgi.prioritization import (
    borda,
    copeland,
    critic_weights,
    entropy_weights,
    promethee_ii,
    spearman,
    topsis,
    vikor,
    weighted_spearman,
    ws_coefficient,
)


def assert_published(actual, published, decimals: int) -> None:
    """``actual`` rounds to ``published`` (given with ``decimals`` decimals)."""
    actual = np.asarray(actual, dtype=float)
    published = np.asarray(published, dtype=float)
    assert actual.shape == published.shape
    half_unit = 0.5 * 10.0**-decimals
    np.testing.assert_allclose(actual, published, rtol=0, atol=half_unit + 1e-12)


# ---------------------------------------------------------------------------------------------
# VIKOR
# ---------------------------------------------------------------------------------------------

# Papathanasiou & Ploskas (2018): 6 alternatives, 4 benefit criteria. The same table is used by
# their PROMETHEE chapter (below).
PP2018 = [
    [8, 7, 2, 1],
    [5, 3, 7, 5],
    [7, 5, 6, 4],
    [9, 9, 7, 3],
    [11, 10, 3, 7],
    [6, 9, 5, 4],
]
PP2018_W = [0.4, 0.3, 0.1, 0.2]


def test_vikor_papathanasiou_ploskas_2018():
    """Papathanasiou, J. & Ploskas, N. (2018), "VIKOR", ch. 2 of Multiple Criteria Decision Aid:
    Methods, Examples and Python Implementations, Springer Optimization and Its Applications 136,
    pp. 31-55, doi:10.1007/978-3-319-91648-4_2: worked example, w = (0.4, 0.3, 0.1, 0.2), all
    criteria benefit, v = 0.625 (= (n + 1) / 2n for n = 4 criteria; passed as our named ``v``).
    Published Q = 0.640, 1.000, 0.693, 0.271, 0.000, 0.694 (3 decimals) and ranking
    3, 6, 4, 2, 1, 5. Input table and results as transcribed in the tests of
    energyinpython/pyrepo-mcda (tests/test_mcda_methods.py, ``Test_VIKOR`` and
    ``Test_Rank_preferences``)."""
    r = vikor(PP2018, PP2018_W, ["benefit"] * 4, v=0.625)
    assert_published(r.Q, [0.640, 1.000, 0.693, 0.271, 0.000, 0.694], 3)
    assert r.ranks.tolist() == [3, 6, 4, 2, 1, 5]
    assert r.settings["v"] == 0.625


def test_vikor_yang_wu_2020():
    """Yang, W. & Wu, Y. (2020), "A new improvement method to avoid rank reversal in VIKOR",
    IEEE Access 8, 21261-21271, doi:10.1109/ACCESS.2020.2969681: 5 alternatives x 4 benefit
    criteria, equal weights, v = 0.5 (our default). Published Q = 0.5679, 0.7667, 1, 0.7493, 0
    (4 decimals). Input table and Q as transcribed in kotbaton/pymcdm (test/test_mcdm.py,
    ``TestVIKOR.test_output_yang``)."""
    X = [
        [78, 56, 34, 6],
        [4, 45, 3, 97],
        [18, 2, 50, 63],
        [9, 14, 11, 92],
        [85, 9, 100, 29],
    ]
    r = vikor(X, [0.25] * 4, ["benefit"] * 4)
    assert_published(r.Q, [0.5679, 0.7667, 1.0, 0.7493, 0.0], 4)
    assert r.ranks.tolist() == [2, 4, 5, 3, 1]


def test_vikor_opricovic_tzeng_2004():
    """Opricovic, S. & Tzeng, G.-H. (2004), "Compromise solution by MCDM methods: A comparative
    analysis of VIKOR and TOPSIS", European Journal of Operational Research 156(2), 445-455,
    numerical example: 3 alternatives, f1 = (1, 2, 5) to be minimised, f2 = (3000, 3750, 4500)
    to be maximised, w = (0.5, 0.5), v = 0.5. Published Q = 1, 0, 1: A2 is the compromise
    solution. Input and Q as transcribed in kotbaton/pymcdm (test/test_mcdm.py,
    ``TestVIKOR.test_output_opricovic``).

    The TOPSIS closeness values that pymcdm attaches to this example (0.500, 0.617, 0.500) are
    those of min-max normalisation, whereas the paper states that TOPSIS uses vector
    normalisation; they are therefore not asserted here."""
    X = [[1, 3000], [2, 3750], [5, 4500]]
    r = vikor(X, [0.5, 0.5], ["cost", "benefit"])
    np.testing.assert_allclose(r.Q, [1.0, 0.0, 1.0], atol=1e-12)
    assert r.compromise == ("A2",)


# ---------------------------------------------------------------------------------------------
# PROMETHEE II
# ---------------------------------------------------------------------------------------------


def test_promethee_ii_papathanasiou_ploskas_2018_linear():
    """Papathanasiou, J. & Ploskas, N. (2018), "PROMETHEE", ch. 3 of Multiple Criteria Decision
    Aid, Springer Optimization and Its Applications 136, pp. 57-89,
    doi:10.1007/978-3-319-91648-4_3: the 6 x 4 example above, w = (0.4, 0.3, 0.1, 0.2), every
    criterion benefit with the linear preference function (type V) q = 1, p = 2, flows divided
    by m - 1 (our convention). Published net flows -0.26, -0.52, -0.22, 0.36, 0.70, -0.06
    (2 decimals). Input, preference settings and net flows as transcribed in
    ``Test_PROMETHEE_II`` of the objective_weights_mcda package by A. Bączkiewicz
    (energyinpython/objective-weights-for-mcda, tests/test_mcda_methods.py)."""
    r = promethee_ii(PP2018, PP2018_W, ["benefit"] * 4, functions="linear", q=1, p=2)
    assert_published(r.net, [-0.26, -0.52, -0.22, 0.36, 0.70, -0.06], 2)
    assert r.ranks.tolist() == [5, 6, 4, 2, 1, 3]
    assert r.settings["flow_normalisation"] == "divided by (m - 1)"


def test_promethee_ii_zhao_peng_li_2013_usual():
    """Zhao, H., Peng, Y. & Li, W. (2013), "Revised PROMETHEE II for improving efficiency in
    emergency response", Procedia Computer Science 17, 181-188: 3 alternatives x 3 benefit
    criteria, w = (0.5, 0.3, 0.2), usual criterion (type I). Published net flows 0.1, -0.3, 0.2
    (2 decimals). Input and net flows as transcribed in kotbaton/pymcdm (test/test_mcdm.py,
    ``TestPROMETHEE_II``)."""
    X = [[4, 3, 2], [3, 2, 4], [5, 1, 3]]
    r = promethee_ii(X, [0.5, 0.3, 0.2], ["benefit"] * 3, functions="usual")
    assert_published(r.net, [0.1, -0.3, 0.2], 2)
    assert r.ranks.tolist() == [2, 3, 1]


# ---------------------------------------------------------------------------------------------
# Entropy weights (and the entropy-TOPSIS pipeline)
# ---------------------------------------------------------------------------------------------

ERSOY = [
    [256, 8, 41, 1.6, 1.77, 7347.16],
    [256, 8, 32, 1.0, 1.8, 6919.99],
    [256, 8, 53, 1.6, 1.9, 8400],
    [256, 8, 41, 1.0, 1.75, 6808.9],
    [512, 8, 35, 1.6, 1.7, 8479.99],
    [256, 4, 35, 1.6, 1.7, 7499.99],
]
ERSOY_T = ["benefit"] * 4 + ["cost"] * 2


def test_entropy_ersoy_2021():
    """Ersoy, Y. (2021), "Equipment selection for an e-commerce company using entropy-based
    TOPSIS, EDAS and CODAS methods during the COVID-19", LogForum 17(3), 341-358,
    doi:10.17270/J.LOG.2021.603: 6 alternatives x 6 criteria. Published entropy weights 0.405,
    0.221, 0.134, 0.199, 0.007, 0.034 (3 decimals); as in the paper the criterion type plays no
    role. Input and weights as transcribed in energyinpython/pyrepo-mcda
    (tests/test_weighting_methods.py, ``test_Entropy3``)."""
    assert_published(entropy_weights(ERSOY), [0.405, 0.221, 0.134, 0.199, 0.007, 0.034], 3)


def test_topsis_ersoy_2021_with_entropy_weights():
    """Ersoy (2021), see above: TOPSIS with vector normalisation (our default) and the entropy
    weights, criteria 5 and 6 cost. Published closeness 0.308, 0.254, 0.327, 0.263, 0.857,
    0.192 (3 decimals), best A5, then A3, A1, A4, A2, A6. Reproduced with the exact entropy
    weights, i.e. the paper's pipeline (with the weights rounded to 3 decimals the closeness
    values move by up to 1e-3). Closeness values as transcribed in energyinpython/pyrepo-mcda
    (tests/test_mcda_methods.py, ``Test_TOPSIS``)."""
    r = topsis(ERSOY, entropy_weights(ERSOY), ERSOY_T)
    assert_published(r.scores, [0.308, 0.254, 0.327, 0.263, 0.857, 0.192], 3)
    assert r.ranks.tolist() == [3, 5, 2, 4, 1, 6]


def test_entropy_xu_2004():
    """Xu, X. (2004), "A note on the subjective and objective integrated approach to determine
    attribute weights", European Journal of Operational Research 156(2), 530-532,
    doi:10.1016/S0377-2217(03)00146-2: 4 x 4 example; published entropy weights 0.4630, 0.3992,
    0.1378, 0.0000 (4 decimals; the fourth attribute is almost constant). Input and weights as
    transcribed in energyinpython/pyrepo-mcda (tests/test_weighting_methods.py,
    ``test_Entropy``)."""
    X = [[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]]
    assert_published(entropy_weights(X), [0.4630, 0.3992, 0.1378, 0.0000], 4)


def test_entropy_zavadskas_podvezko_2016():
    """Zavadskas, E.K. & Podvezko, V. (2016), "Integrated determination of objective criteria
    weights in MCDM", International Journal of Information Technology & Decision Making 15(2),
    267-283, doi:10.1142/S0219622016500036: 4 x 4 example; published entropy weights 0.1146,
    0.1981, 0.4185, 0.2689 (4 decimals), computed on the raw values although criteria 1 and 3
    are cost criteria. Input and weights as transcribed in energyinpython/pyrepo-mcda
    (tests/test_weighting_methods.py, ``test_Entropy2``)."""
    X = [[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]]
    assert_published(entropy_weights(X), [0.1146, 0.1981, 0.4185, 0.2689], 4)


def test_entropy_lee_chang_2018():
    """Lee, H.-C. & Chang, C.-T. (2018), "Comparative analysis of MCDM methods for ranking
    renewable energy sources in Taiwan", Renewable and Sustainable Energy Reviews 92, 883-896,
    doi:10.1016/j.rser.2018.05.007: 5 energy sources x 10 criteria; published entropy weights
    0.026, 0.154, 0.089, 0.199, 0.115, 0.040, 0.080, 0.123, 0.172, 0.002 (3 decimals). Input
    and weights as transcribed in energyinpython/pyrepo-mcda (tests/test_weighting_methods.py,
    ``test_Entropy4``)."""
    X = [
        [4550, 30, 6.74, 20, 15, 5, 85, 150, 0.87, 4.76],
        [3005, 60.86, 2.4, 35, 27, 4, 26, 200, 0.17, 4.51],
        [2040, 14.85, 1.7, 90, 25, 5, 26, 500, 0.27, 4.19],
        [3370, 99.4, 3.25, 25.3, 54, 3, 45, 222, 0.21, 3.78],
        [3920, 112.6, 4.93, 11.4, 71.7, 2, 50, 100, 0.25, 4.11],
    ]
    published = [0.026, 0.154, 0.089, 0.199, 0.115, 0.040, 0.080, 0.123, 0.172, 0.002]
    assert_published(entropy_weights(X), published, 3)


def test_entropy_elsayed_dawood_karthikeyan_2017():
    """Elsayed, E.A., Dawood, A.S. & Karthikeyan, R. (2017), "Evaluating alternatives through
    the application of TOPSIS method with entropy weight", International Journal of Engineering
    Trends and Technology 46(2), 60-66: 12 x 5 example; published entropy weights 0.104991,
    0.069124, 0.071373, 0.449937, 0.304575 (6 decimals). Input and weights as transcribed in
    kotbaton/pymcdm (test/test_weights.py, ``TestEntropyWeights``)."""
    X = [
        [7, 312, 1891, 6613, 163],
        [72, 88, 728, 941804, 1078],
        [10, 252, 2594, 3466, 117471],
        [10, 145, 980, 2371, 86329],
        [65, 54, 350, 501, 29897],
        [29, 48, 380, 912, 34051],
        [7, 476, 3300, 78470, 2212],
        [70, 87, 650, 733, 819000],
        [4, 86, 591, 3015, 103],
        [12, 79, 579, 3240, 96098],
        [21, 45, 261, 1253, 453],
        [1, 72, 530, 4333, 0.1048],
    ]
    published = [0.104991, 0.069124, 0.071373, 0.449937, 0.304575]
    assert_published(entropy_weights(X), published, 6)


# ---------------------------------------------------------------------------------------------
# CRITIC weights
# ---------------------------------------------------------------------------------------------

TUS_ADALI = [
    [5000, 3, 3, 4, 3, 2],
    [680, 5, 3, 2, 2, 1],
    [2000, 3, 2, 3, 4, 3],
    [600, 4, 3, 1, 2, 2],
    [800, 2, 4, 3, 3, 4],
]


def test_critic_tus_adali_2019():
    """Tuş, A. & Aytaç Adalı, E. (2019), "The new combination with CRITIC and WASPAS methods
    for the time and attendance software selection problem", OPSEARCH 56(2), 528-538,
    doi:10.1007/s12597-019-00371-6: 5 software packages x 6 criteria; published CRITIC weights
    0.157, 0.249, 0.168, 0.121, 0.154, 0.151 (3 decimals). Input and weights as transcribed in
    kotbaton/pymcdm (test/test_weights.py, ``TestCRITICWeights``) and
    energyinpython/pyrepo-mcda (tests/test_weighting_methods.py, ``Test_CRITIC``).

    Convention difference: criterion 1 (price) is a cost criterion, but the published weights
    are those obtained with every column min-max normalised as benefit (``types=None``). Since a
    min-max column's standard deviation does not change when it is reversed, this amounts to
    computing the correlations on the un-reversed columns. Our documented convention reverses
    cost columns before correlating (Diakoulaki et al. 1995), which changes the sign of every
    correlation involving price and gives different weights; that variant is not comparable with
    the published numbers and is only checked to differ."""
    assert_published(critic_weights(TUS_ADALI), [0.157, 0.249, 0.168, 0.121, 0.154, 0.151], 3)
    reversed_price = critic_weights(TUS_ADALI, ["cost"] + ["benefit"] * 5)
    assert np.abs(reversed_price - critic_weights(TUS_ADALI)).max() > 0.01


# ---------------------------------------------------------------------------------------------
# Rank correlations: Spearman, weighted Spearman r_w, WS similarity coefficient
# ---------------------------------------------------------------------------------------------


def test_rank_similarity_salabun_urbaniak_2020():
    """Sałabun, W. & Urbaniak, K. (2020), "A new coefficient of rankings similarity in
    decision-making problems", Computational Science - ICCS 2020, LNCS 12138, pp. 632-645,
    doi:10.1007/978-3-030-50417-5_47: reference ranking (1, 2, 3, 4, 5) against (1, 3, 2, 4, 5)
    (positions 2 and 3 swapped). Published r_s = 0.9, r_w = 0.8833, WS = 0.8542 (4 decimals).
    Rankings and values as transcribed in energyinpython/pyrepo-mcda
    (tests/test_correlations.py)."""
    x, y = [1, 2, 3, 4, 5], [1, 3, 2, 4, 5]
    assert spearman(x, y) == pytest.approx(0.9, abs=1e-12)
    assert_published(weighted_spearman(x, y), 0.8833, 4)
    assert_published(ws_coefficient(x, y), 0.8542, 4)


def test_rank_similarity_paradowski_baczkiewicz_watrobski_2021():
    """Paradowski, B., Bączkiewicz, A. & Wątróbski, J. (2021), "Towards proper consumer choices
    - MCDM based product selection", Procedia Computer Science 192, 1347-1358,
    doi:10.1016/j.procs.2021.08.138: two rankings of 12 products; published r_w = 0.96 and
    WS = 0.90 (2 decimals), the first ranking being the reference. Rankings and values as
    transcribed in jwieckowski/pyfdm (tests/test_correlations.py,
    ``test_weighted_spearman_coef``, ``test_ws_rank_similarity_coef``). WS is asymmetric:
    with the roles swapped it is 0.870, which the paper does not report."""
    x = [7, 11, 2, 1, 4, 9, 6, 3, 5, 10, 8, 12]
    y = [7, 11, 3, 2, 4, 9, 6, 1, 5, 10, 8, 12]
    assert_published(weighted_spearman(x, y), 0.96, 2)
    assert_published(ws_coefficient(x, y), 0.90, 2)


# ---------------------------------------------------------------------------------------------
# Consensus: Borda and Copeland
# ---------------------------------------------------------------------------------------------

# Tannenbaum, Excursions in Modern Mathematics, ch. 1: the Math Appreciation Society election.
# 37 voters, candidates Alisha, Boris, Carmen, Dave; five distinct ballots (columns) with
# 14, 10, 8, 4 and 1 voters. Entry = rank given to the candidate (row) on that ballot.
MAS_RANKS = [
    [1, 4, 4, 4, 4],  # Alisha
    [2, 2, 3, 1, 3],  # Boris
    [3, 1, 2, 3, 1],  # Carmen
    [4, 3, 1, 2, 2],  # Dave
]
MAS_VOTES = [14, 10, 8, 4, 1]


def test_borda_tannenbaum_math_appreciation_society():
    """Tannenbaum, P., Excursions in Modern Mathematics (Pearson), ch. 1 "The Mathematics of
    Elections", Math Appreciation Society election (preference schedule of 37 voters:
    14 A>B>C>D, 10 C>B>D>A, 8 D>C>B>A, 4 B>D>C>A, 1 C>D>B>A). Borda count with 4, 3, 2, 1
    points per place: A 79, B 106, C 104, D 81 points; Boris wins.

    Our Borda gives ``m - rank`` points (3, 2, 1, 0) and normalises the voter weights, so the
    published totals are ``37 * (score + 1)``; the ranking is unchanged."""
    r = borda(MAS_RANKS, MAS_VOTES)
    np.testing.assert_allclose(37 * (r.scores + 1), [79, 106, 104, 81], atol=1e-9)
    assert r.ranks.tolist() == [4, 1, 2, 3]


def test_copeland_tannenbaum_math_appreciation_society():
    """Tannenbaum, Excursions in Modern Mathematics, ch. 1, same election: method of pairwise
    comparisons (Copeland), 1 point per head-to-head win. Carmen beats everyone (3 points; the
    Condorcet candidate), Boris 2, Dave 1, Alisha 0.

    Our Copeland score is wins minus losses, here ``2 * points - 3`` (no draws):
    C 3, B 1, D -1, A -3; the ranking is the same."""
    r = copeland(MAS_RANKS, MAS_VOTES)
    np.testing.assert_allclose((r.scores + 3) / 2, [0, 2, 3, 1], atol=1e-12)
    assert r.ranks.tolist() == [4, 2, 1, 3]


def test_borda_ecer_2021_consensus_ranking():
    """Ecer, F. (2021), "A consolidated MCDM framework for performance assessment of battery
    electric vehicles based on ranking strategies", Renewable and Sustainable Energy Reviews
    143, 110916, doi:10.1016/j.rser.2021.110916: rankings of 10 vehicles by 6 MCDM methods;
    published consensus ranking 7, 6, 8, 1, 2, 3, 9, 5, 10, 4. Rankings and consensus as
    transcribed in energyinpython/pyrepo-mcda (tests/test_compromise_ranking.py,
    ``Test_Copeland``).

    The consensus there is obtained by summing Borda points (m - rank) and taking
    "wins - losses" on those totals, which orders the vehicles exactly as the Borda totals do:
    our Borda reproduces it. It is *not* our pairwise-majority Copeland (which gives ties here),
    so Copeland is not asserted against this example."""
    R = [
        [7, 8, 7, 6, 7, 7],
        [4, 7, 5, 7, 5, 4],
        [8, 9, 8, 8, 9, 8],
        [1, 4, 1, 1, 1, 1],
        [2, 2, 2, 4, 3, 2],
        [3, 1, 4, 3, 2, 3],
        [10, 5, 10, 9, 8, 10],
        [6, 3, 6, 5, 4, 6],
        [9, 10, 9, 10, 10, 9],
        [5, 6, 3, 2, 6, 5],
    ]
    assert borda(R).ranks.tolist() == [7, 6, 8, 1, 2, 3, 9, 5, 10, 4]
