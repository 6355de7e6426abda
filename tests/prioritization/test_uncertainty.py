"""Tests of rank_uncertainty: weights, data and method varied separately and together."""

from __future__ import annotations

import numpy as np
import pytest

from mgi.prioritization import METHODS, rank, rank_uncertainty, smaa
from tests.prioritization._rules import raises_rule

RNG = np.random.default_rng(12)
X = np.round(RNG.uniform(1, 5, size=(9, 3)), 2)
TYPES = ["benefit", "cost", "benefit"]
W = [0.5, 0.2, 0.3]
ALL = ("wsm", "topsis", "vikor", "promethee_ii")


class Jitter:
    """A data sampler: the matrix plus uniform noise of ±0.3 (whole rows of uniform numbers)."""

    description = "the matrix plus uniform noise of ±0.3"

    def draw(self, rng: np.random.Generator, k: int) -> np.ndarray:
        return X[None, :, :] + rng.uniform(-0.3, 0.3, size=(k, *X.shape))


class Same:
    """A data sampler that always gives the matrix itself."""

    description = "the matrix itself"

    def draw(self, rng: np.random.Generator, k: int) -> np.ndarray:
        rng.random(k)  # uses the generator, as a real sampler does
        return np.broadcast_to(X, (k, *X.shape)).copy()


def test_method_only_gives_the_rankings_of_the_methods() -> None:
    result = rank_uncertainty(X, W, TYPES, methods=ALL, vary=("method",), samples=4, top_k=3)
    ranks = np.array([METHODS[m].rank(X, W, TYPES).ranks for m in ALL])
    assert result.method_samples == dict.fromkeys(ALL, 1)
    for i in range(X.shape[0]):
        expected = np.bincount(ranks[:, i] - 1, minlength=9) / 4
        assert result.acceptability[i].tolist() == expected.tolist()
    assert result.top_k_probability.tolist() == ((ranks <= 3).mean(axis=0)).tolist()
    spans = result.rank_range
    assert spans["p05"].tolist() == ranks.min(axis=0).tolist()
    assert spans["p95"].tolist() == ranks.max(axis=0).tolist()


def test_data_that_never_change_give_the_point_ranking() -> None:
    result = rank_uncertainty(X, W, TYPES, vary=("data",), data=Same(), samples=50)
    point = rank(METHODS["wsm"].rank(X, W, TYPES).scores)
    assert np.diag(result.acceptability[:, point - 1]).tolist() == [1.0] * 9


def test_rows_sum_to_one_and_the_sources_are_recorded() -> None:
    result = rank_uncertainty(
        X,
        W,
        TYPES,
        methods=ALL,
        vary=("weights", "data", "method"),
        data=Jitter(),
        samples=400,
        seed=3,
        concentration=20,
    )
    assert result.acceptability.sum(axis=1) == pytest.approx(np.ones(9))
    assert result.sources == ("weights", "data", "method")
    assert result.method_samples == dict.fromkeys(ALL, 100)
    assert result.settings["data"] == Jitter.description
    assert not result.acceptability.flags.writeable


@pytest.mark.parametrize("batch", [7, 64, 1000])
def test_the_batch_size_does_not_change_the_numbers(batch: int) -> None:
    kwargs = {
        "methods": ALL,
        "vary": ("weights", "data", "method"),
        "data": Jitter(),
        "samples": 300,
        "seed": 11,
        "concentration": 15,
    }
    reference = rank_uncertainty(X, W, TYPES, batch_size=300, **kwargs)
    other = rank_uncertainty(X, W, TYPES, batch_size=batch, **kwargs)
    assert np.array_equal(reference.acceptability, other.acceptability)


def test_weights_only_matches_smaa_in_distribution() -> None:
    """Same sampler, another stream: the shares agree within Monte-Carlo error."""
    a = rank_uncertainty(X, W, TYPES, samples=4000, seed=1, concentration=30, top_k=3)
    b = smaa(X, W, TYPES, samples=4000, seed=2, concentration=30, top_k=3)
    assert np.abs(a.top_k_probability - b.top_k_probability).max() < 0.05


def test_locked_alternatives_rank_first_in_every_sample() -> None:
    labels = [f"A{i + 1}" for i in range(9)]
    worst = labels[int(np.argmax(METHODS["wsm"].rank(X, W, TYPES).ranks))]
    result = rank_uncertainty(
        X, W, TYPES, methods=ALL, vary=("weights", "method"), locked=[worst], samples=200
    )
    assert result.acceptability[labels.index(worst), 0] == 1.0
    assert result.locked == (worst,)
    assert result.top_k_probability[labels.index(worst)] == 1.0


def test_refusals_name_the_rule() -> None:
    with raises_rule("mcda.data_sampler_missing"):
        rank_uncertainty(X, W, TYPES, vary=("data",))
    with raises_rule("mcda.setting_invalid"):
        rank_uncertainty(X, W, TYPES, vary=("opinions",))
    with raises_rule("mcda.unknown_alternative"):
        rank_uncertainty(X, W, TYPES, locked=["GCM99"])
    with raises_rule("mcda.setting_unknown"):
        rank_uncertainty(X, W, TYPES, methods=["wsm"], settings={"electre": {}})
    with raises_rule("mcda.setting_invalid"):
        rank_uncertainty(X, W, TYPES, concentration=float("inf"))
    with raises_rule("mcda.setting_invalid"):
        rank_uncertainty(X, W, TYPES, samples=0)
