"""Benchmark of SMAA-2 (:func:`mgi.prioritization.smaa`) against the plain numpy floor.

Run with ``python benchmarks/bench_prioritization.py [--quick]``. For every method of
:data:`mgi.prioritization.METHODS` (WSM, TOPSIS, VIKOR, PROMETHEE II), 23, 100 and 500
alternatives x 6 criteria (uniform random values, fixed seed) and 10⁴, 10⁵ and 10⁶ weight
samples, it times ``smaa`` and, interleaved in the same run, the **numpy floor**: the least work
any SMAA must do, written here in plain numpy without mgi's code paths:

* draw the same Dirichlet weight samples batch by batch;
* score each batch with the method's plainest numpy kernel (``W @ M.T`` for WSM and
  PROMETHEE II; distances from ``W²`` for TOPSIS; ``S = W @ D.T`` and ``R`` as a running maximum
  for VIKOR), from the same weight-independent matrices;
* one argsort per sample and a ``bincount`` of (alternative, position): the acceptability
  counts, with no tie handling, no central weights and no checks.

The ratio mgi / floor is the figure (the machine is shared, so absolute times move); the target
is at most 1.5. Peak memory (``tracemalloc``) of a separate run shows that it is bounded by the
batch, not by the number of samples.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mgi.prioritization import METHODS, smaa

N = 6
TYPES = ["benefit", "benefit", "cost", "benefit", "cost", "benefit"]
SIZES = (23, 100, 500)
SAMPLE_COUNTS = (10_000, 100_000, 1_000_000)
SEED = 2024
TARGET_RATIO = 1.5
#: Samples and targets of the 23 x 6 demo-matrix rows of ``run.py``.
SAMPLES = 100_000
TARGETS_S = {"wsm": 0.1, "topsis": 0.5, "vikor": 0.5, "promethee_ii": 0.3}
#: Settings of PROMETHEE II in the benchmark (the default profile's linear preference).
SETTINGS: dict[str, dict] = {"promethee_ii": {"functions": "linear", "q": 0.0, "p": 30.0}}
_BATCH_BYTES = 256_000  # the batch size of mgi.prioritization.sensitivity, tuned for both


def problem(m: int, n: int = N) -> tuple[np.ndarray, list[str]]:
    """A synthetic ``m x n`` decision matrix (values 0-100) and its criterion types."""
    rng = np.random.default_rng(SEED + m)
    return rng.random((m, n)) * 100.0, (TYPES * n)[:n]


# --------------------------------------------------------------------------- the floor


def _floor_kernel(method: str, X: np.ndarray, types: list[str]) -> Callable:
    """The plainest numpy scorer of a batch of weights, from the method's weight-independent
    matrices (computed once, outside the timing, like mgi's own)."""
    parts = METHODS[method].scorer(X, types, **SETTINGS.get(method, {})).parts
    if method in ("wsm", "promethee_ii"):
        MT = np.ascontiguousarray(parts["linear"].T)
        return lambda W: W @ MT
    if method == "topsis":
        P, M = np.ascontiguousarray(parts["plus"].T), np.ascontiguousarray(parts["minus"].T)

        def topsis(W: np.ndarray) -> np.ndarray:
            W2 = W * W
            dp, dm = np.sqrt(W2 @ P), np.sqrt(W2 @ M)
            return dm / (dp + dm)

        return topsis
    D = parts["regrets"]
    DT = np.ascontiguousarray(D.T)

    def vikor(W: np.ndarray) -> np.ndarray:
        S = W @ DT
        R = W[:, :1] * D[:, 0]
        for j in range(1, D.shape[1]):
            np.maximum(R, W[:, j : j + 1] * D[:, j], out=R)
        s0, r0 = S.min(axis=1, keepdims=True), R.min(axis=1, keepdims=True)
        q = 0.5 * (S - s0) / (S.max(axis=1, keepdims=True) - s0)
        return q + 0.5 * (R - r0) / (R.max(axis=1, keepdims=True) - r0)

    return vikor


def floor_smaa(method: str, X: np.ndarray, types: list[str], samples: int) -> np.ndarray:
    """Acceptability counts by the numpy floor: same samples, one argsort per sample."""
    m, n = X.shape
    kernel = _floor_kernel(method, X, types)
    descending = METHODS[method].higher_is_better
    rng = np.random.default_rng(SEED)
    batch = max(16, _BATCH_BYTES // (8 * max(m, n)))
    counts = np.zeros(m * m, dtype=np.int64)
    positions = np.arange(m - 1, -1, -1) if descending else np.arange(m)  # rank - 1
    for start in range(0, samples, batch):
        W = rng.dirichlet(np.ones(n), size=min(batch, samples - start))
        order = np.argsort(kernel(W), axis=1)
        counts += np.bincount((order * m + positions).ravel(), minlength=m * m)
    return counts.reshape(m, m)


# --------------------------------------------------------------------------- timing


def _run_mgi(method: str, X: np.ndarray, types: list[str], samples: int) -> None:
    smaa(X, None, types, method=method, samples=samples, seed=SEED, **SETTINGS.get(method, {}))


def time_smaa(
    method: str, X: np.ndarray, types: list[str], runs: int = 5, samples: int = SAMPLES
) -> tuple[float, float]:
    """Median seconds of ``runs`` SMAA runs, and peak traced MB of a separate run."""
    _run_mgi(method, X, types, 1_000)  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        _run_mgi(method, X, types, samples)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), peak_mb(method, X, types, samples)


def peak_mb(method: str, X: np.ndarray, types: list[str], samples: int) -> float:
    """Peak traced memory (MB, numpy buffers included) of one SMAA run."""
    tracemalloc.start()
    _run_mgi(method, X, types, samples)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


@dataclass(frozen=True)
class Cell:
    """One (method, alternatives, samples) measurement: medians of interleaved runs.

    ``ratio`` is the median of the run-by-run ratios (mgi run / the floor run right after it),
    which keeps the load of other work on a shared machine, felt by both runs of a pair, out
    of the figure better than a ratio of medians.
    """

    method: str
    m: int
    samples: int
    runs: int
    mgi_s: float
    floor_s: float
    ratio: float

    @property
    def met(self) -> bool:
        return self.ratio <= TARGET_RATIO


def measure(method: str, X: np.ndarray, types: list[str], samples: int, runs: int) -> Cell:
    """Median times of mgi's SMAA and of the floor, run alternately (after a warm-up each), so
    that load from other work on the machine falls on both. A run of a few milliseconds is
    repeated (``inner`` calls, the time divided by them), so that timer and scheduler noise
    do not decide the figure."""
    _run_mgi(method, X, types, 1_000)
    floor_smaa(method, X, types, 1_000)
    inner = max(1, 4_000_000 // (X.shape[0] * samples))
    ours, floor = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(inner):
            _run_mgi(method, X, types, samples)
        ours.append((time.perf_counter() - t0) / inner)
        t0 = time.perf_counter()
        for _ in range(inner):
            floor_smaa(method, X, types, samples)
        floor.append((time.perf_counter() - t0) / inner)
    m = X.shape[0]
    ratio = statistics.median(a / b for a, b in zip(ours, floor, strict=True))
    return Cell(method, m, samples, runs, statistics.median(ours), statistics.median(floor), ratio)


def runs_for(m: int, samples: int, quick: bool) -> int:
    """Repetitions of a cell: fewer for the long ones (a 500 x 10⁶ run takes tens of seconds)."""
    work = m * samples
    if quick:
        return 1
    return 7 if work <= 2_500_000 else 5 if work <= 25_000_000 else 3


def grid(quick: bool = False, progress: Callable[[str], None] | None = None) -> list[Cell]:
    """Every method at every size and sample count (``quick``: 10⁴ and 10⁵ samples only)."""
    counts = SAMPLE_COUNTS[:2] if quick else SAMPLE_COUNTS
    cells = []
    for m in SIZES:
        X, types = problem(m)
        for samples in counts:
            for method in METHODS:
                if progress:
                    progress(f"smaa {method}, {m} alternatives, {samples:,} samples")
                cells.append(measure(method, X, types, samples, runs_for(m, samples, quick)))
    return cells


def grid_markdown(cells: list[Cell]) -> str:
    """The grid as a markdown table: one row per size and sample count, one column per method
    with ``mgi / floor = ratio``."""
    methods = list(dict.fromkeys(c.method for c in cells))
    head = "| alternatives | samples | runs | " + " | ".join(methods) + " | all <= 1.5? |"
    lines = [head, "|" + "---:|" * 3 + "---|" * len(methods) + ":-:|"]
    keys = list(dict.fromkeys((c.m, c.samples) for c in cells))
    for m, samples in keys:
        row = {c.method: c for c in cells if (c.m, c.samples) == (m, samples)}
        parts = [
            f"{_fmt(row[k].mgi_s)} / {_fmt(row[k].floor_s)} = **{row[k].ratio:.2f}**"
            for k in methods
        ]
        met = "yes" if all(c.met for c in row.values()) else "no"
        runs = max(c.runs for c in row.values())
        lines.append(f"| {m} | {samples:,} | {runs} | " + " | ".join(parts) + f" | {met} |")
    return "\n".join(lines)


def memory_markdown() -> str:
    """Peak traced memory of WSM's SMAA at 10⁴ and 10⁶ samples: bounded by the batch."""
    lines = [
        "| alternatives | peak at 10,000 samples | peak at 1,000,000 samples |",
        "|---:|---:|---:|",
    ]
    for m in (23, 500):
        X, types = problem(m)
        small, large = (peak_mb("wsm", X, types, s) for s in (10_000, 1_000_000))
        lines.append(f"| {m} | {small:.1f} MB | {large:.1f} MB |")
    return "\n".join(lines)


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    """Run the grid and print markdown tables; exit 1 if a ratio misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10⁴ and 10⁵ samples, one run")
    args = parser.parse_args(argv)
    print(
        f"SMAA-2 against the numpy floor, {N} criteria, Dirichlet(1) samples "
        f"(Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}).\n"
        "Each cell: mgi median / floor median = ratio (the median of run-by-run ratios; "
        "target <= 1.5).\n"
    )
    cells = grid(args.quick)
    print(grid_markdown(cells))
    if not args.quick:
        print("\nPeak traced memory (tracemalloc) of WSM's SMAA:\n")
        print(memory_markdown())
    return 0 if all(c.met for c in cells) else 1


if __name__ == "__main__":
    raise SystemExit(main())
