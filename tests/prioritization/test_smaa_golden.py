"""Golden outputs of SMAA: acceptability, rank ranges and P(top k) may never change by a bit.

The file ``data/smaa_golden.npz`` was written by :func:`write` from the SMAA of mgi 0.1.0
(the O(samples · m²) ranking that compared every alternative with every other) before SMAA was
rewritten around one argsort per sample. Every case is run again and compared with
``numpy.array_equal`` (exact, bit for bit); the central weights, whose sums depend on how the
samples are batched, are compared to 1e-12.

The cases cover every method, 23 and 60 alternatives, the three samplers, batches of several
sizes, exact ties (duplicated alternatives, in every sample) and near-ties (alternatives that
differ by less than, and by a little more than, the tie tolerance ``TIE_RTOL``).

Regenerate only when a change of the numbers is intended: ``python -m
tests.prioritization.test_smaa_golden``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mgi.prioritization import smaa

GOLDEN = Path(__file__).parent / "data" / "smaa_golden.npz"
METHODS = ("wsm", "topsis", "vikor", "promethee_ii")


def _problem(
    m: int, n: int, seed: int, ties: bool, near: float = 0.0
) -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    X = np.round(rng.random((m, n)) * 100.0, 1)
    if near:  # two pairs of alternatives tied within the tolerance in some samples only
        X[9] = X[8] * (1 + near)
        X[21] = X[20] * (1 - near)
    if ties:
        X[1] = X[0]  # an exact tie in every sample
        X[5] = X[4] * (1 + 1e-15)  # a near-tie inside the tolerance
        X[9] = X[8] * (1 + 3e-12)  # just outside the tolerance in some samples
        X[13, :2] = X[12, :2]  # tied on two criteria only
        X[-1] = X[-2]
    types = ["benefit", "cost", "benefit", "benefit", "cost", "benefit"][:n]
    return X, types


def cases() -> dict[str, dict[str, Any]]:
    """Name → keyword arguments of :func:`smaa` (keywords only, so any argument order works)."""
    out: dict[str, dict[str, Any]] = {}
    problems = {
        "m23": _problem(23, 6, 1, ties=False),
        "m23ties": _problem(23, 6, 2, ties=True),
        "m60ties": _problem(60, 5, 3, ties=True),
        "m40near": _problem(40, 4, 4, ties=False, near=3e-12),
    }
    for pname, (X, types) in problems.items():
        n = X.shape[1]
        w = np.arange(1, n + 1, dtype=float)[::-1]
        samplers = {
            "uniform": {},
            "dirichlet": {"weights": w, "concentration": 30.0},
            "band": {"weights": w, "band": 0.2},
        }
        for method in METHODS:
            for sname, skw in samplers.items():
                if pname in ("m60ties", "m40near") and sname != "dirichlet":
                    continue
                extra: dict[str, Any] = {}
                if method == "promethee_ii":
                    extra = {"functions": "linear", "q": 1.0, "p": 20.0}
                for batch in (None, 97):
                    out[f"{pname}-{method}-{sname}-{batch}"] = {
                        "matrix": X,
                        "types": types,
                        "method": method,
                        "samples": 1500,
                        "seed": 7,
                        "top_k": 5,
                        "batch_size": batch,
                        **skw,
                        **extra,
                    }
    return out


def _outputs(kwargs: dict[str, Any]) -> dict[str, np.ndarray]:
    res = smaa(**kwargs)
    return {
        "acceptability": np.asarray(res.acceptability),
        "top_k": np.asarray(res.top_k_probability),
        "rank_range": res.rank_range.to_numpy(),
        "central": np.asarray(res.central_weights),
        "never_first": np.asarray(res.never_first),
    }


def write() -> None:
    """Write the golden file from the current code (only when the numbers are meant to change)."""
    arrays = {}
    for name, kwargs in cases().items():
        for key, value in _outputs(kwargs).items():
            arrays[f"{name}/{key}"] = value
    GOLDEN.parent.mkdir(exist_ok=True)
    np.savez_compressed(GOLDEN, **arrays)


@pytest.fixture(scope="module")
def golden() -> Any:
    with np.load(GOLDEN) as data:
        return {k: data[k] for k in data.files}


@pytest.mark.parametrize("name", list(cases()))
def test_smaa_outputs_are_bit_identical_to_the_golden_file(name: str, golden: Any) -> None:
    got = _outputs(cases()[name])
    for key in ("acceptability", "top_k", "rank_range", "never_first"):
        expected = golden[f"{name}/{key}"]
        assert got[key].dtype.kind == expected.dtype.kind, key
        assert np.array_equal(got[key], expected), key
    np.testing.assert_allclose(got["central"], golden[f"{name}/central"], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(
    ("name", "tied"),
    [("m60ties-wsm-dirichlet-None", "all"), ("m40near-vikor-dirichlet-97", "some")],
)
def test_the_golden_cases_contain_ties(name: str, tied: str) -> None:
    """The tie cases really exercise ties: in every sample, or within the tolerance in some."""
    (note,) = [w for w in smaa(**cases()[name]).warnings if w.rule == "mcda.smaa_ties"]
    count = int(str(note.found))
    assert count == 1500 if tied == "all" else 0 < count < 1500


if __name__ == "__main__":
    write()
