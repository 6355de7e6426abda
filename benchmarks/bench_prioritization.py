"""Benchmark of the vectorised SMAA-2 of :mod:`mgi.prioritization`.

Run with ``python benchmarks/bench_prioritization.py``. For each method (WSM, TOPSIS, VIKOR,
PROMETHEE II) it runs SMAA with 100,000 weight samples on a synthetic 23 x 6 problem (23 GCM
objectives x 6 criteria, uniform random values, fixed seed) and prints a markdown table with the
median wall time of 5 runs, the peak traced memory (``tracemalloc``, a separate run) and the
speed-up against a baseline measured in the same run: a Python loop calling pymcdm's TOPSIS (with
vector normalisation) and ranking once per weight sample, timed on 2,000 samples and
extrapolated linearly to 100,000. If pymcdm is not installed the baseline is skipped with a note
(``pip install pymcdm``).
"""

from __future__ import annotations

import platform
import statistics
import time
import tracemalloc

import numpy as np

from mgi.prioritization import smaa

M, N = 23, 6
SAMPLES = 100_000
RUNS = 5
BASELINE_SAMPLES = 2_000
SEED = 2024
TARGETS_S = {"wsm": 0.1, "topsis": 0.5, "vikor": 0.5, "promethee_ii": 0.3}


def _problem() -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(SEED)
    X = rng.random((M, N)) * 100.0
    types = ["benefit", "benefit", "cost", "benefit", "cost", "benefit"]
    return X, types


def time_smaa(
    method: str, X: np.ndarray, types: list[str], runs: int = RUNS, samples: int = SAMPLES
) -> tuple[float, float]:
    """Median seconds of ``runs`` SMAA runs, and peak traced MB of a separate run."""
    smaa(X, types, method=method, samples=1_000, seed=0)  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        smaa(X, types, method=method, samples=samples, seed=SEED)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    smaa(X, types, method=method, samples=samples, seed=SEED)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 1e6


def baseline_per_sample(X: np.ndarray, types: list[str], n: int = BASELINE_SAMPLES) -> float | None:
    """Seconds per weight sample of a Python loop over pymcdm's TOPSIS (``n`` samples);
    ``None`` when pymcdm is not installed."""
    try:
        from pymcdm.helpers import rankdata
        from pymcdm.methods import TOPSIS
        from pymcdm.normalizations import vector_normalization
    except ImportError:
        return None
    topsis = TOPSIS(normalization_function=vector_normalization)
    t = np.array([1 if x == "benefit" else -1 for x in types])
    m, k = X.shape
    W = np.random.default_rng(SEED).dirichlet(np.ones(k), size=n)
    counts = np.zeros((m, m))
    t0 = time.perf_counter()
    for w in W:  # the slow way, on purpose: one library call per sample
        ranks = rankdata(topsis(X, w, t), reverse=True).astype(int)
        counts[np.arange(m), ranks - 1] += 1
    return (time.perf_counter() - t0) / n


def main() -> None:
    """Run the benchmark and print a markdown table."""
    X, types = _problem()
    per_sample = baseline_per_sample(X, types)
    print(
        f"SMAA-2, {M} alternatives x {N} criteria, {SAMPLES:,} samples, median of {RUNS} runs "
        f"(Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()})."
    )
    if per_sample is None:
        print("\nNote: pymcdm is not installed; the baseline is skipped (pip install pymcdm).")
        baseline = None
    else:
        baseline = per_sample * SAMPLES
        print(
            f"\nBaseline: Python loop over pymcdm TOPSIS (vector normalisation) + rankdata, "
            f"timed on {BASELINE_SAMPLES:,} samples = {per_sample * 1e6:.1f} us/sample, "
            f"extrapolated to {SAMPLES:,} samples = {baseline:.1f} s."
        )
    print()
    print(
        "| method | median time (s) | target (s) | peak traced memory (MB) | speed-up vs baseline |"
    )
    print("|---|---:|---:|---:|---:|")
    for method in ("wsm", "topsis", "vikor", "promethee_ii"):
        median, peak = time_smaa(method, X, types)
        ratio = f"{baseline / median:,.0f}x" if baseline is not None else "n/a"
        print(f"| {method} | {median:.3f} | {TARGETS_S[method]:.1f} | {peak:.1f} | {ratio} |")


if __name__ == "__main__":
    main()
