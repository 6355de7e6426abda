"""Benchmark: build the full report (9 charts as PNG and SVG, all-charts.pdf, workbook, HTML, Word).

Inputs are the bundled demo inputs ("Albania (illustrative)"): two rounds of the MGI-structured
questionnaire, the stakeholder consultation, expert ratings and working-group weights, ranked with
the bundled ``gcm-default`` profile (4 methods, 100,000 weight samples). Only
:func:`mgi.reports.build_report` is timed; memory is the peak resident size of
the process (``tracemalloc`` is not used: it slows font subsetting threefold). Target: under
20 s on a 2-core machine.

Run with ``python benchmarks/bench_reports.py``; prints a Markdown table.
"""

from __future__ import annotations

import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from mgi.demo.run import demo_recipe
from mgi.reports import build_report
from mgi.run import run

TARGET_S = 20.0


def inputs() -> tuple[Any, Any, Any]:
    """The bundled demo inputs: both rounds compared, the later one prioritised with the
    working group's weights and 100,000 weight samples (as ``mgi demo`` does)."""
    made = run(demo_recipe(), write=False)
    return made.scorecard, made.prioritization, made.comparison


def build_once(scorecard: Any, prioritization: Any, comparison: Any) -> tuple[float, int, int]:
    """Time one :func:`build_report` into a temporary folder: seconds, files, bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        result = build_report(
            scorecard, prioritization, comparison=comparison, out_dir=Path(tmp) / "report"
        )
        elapsed = time.perf_counter() - start
        size = sum(p.stat().st_size for p in result.files)
    return elapsed, len(result.files), size


def baseline_charts(charts: int = 9, bars: int = 23) -> float:
    """Seconds for plain matplotlib to draw ``charts`` horizontal bar charts of ``bars`` bars,
    save each as PNG (300 dpi) and SVG and all of them into one multi-page PDF: the charting
    floor of a report build (the files a report writes by default)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with PdfPages(Path(tmp) / "all.pdf") as pdf:
            for i in range(charts):
                fig, ax = plt.subplots(figsize=(6.3, 5.0))
                ax.barh([f"Objective {k + 1}" for k in range(bars)], rng.random(bars) * 100)
                ax.set_title(f"Chart {i + 1}")
                fig.tight_layout()
                for ext in ("png", "svg"):
                    fig.savefig(Path(tmp) / f"chart-{i}.{ext}", dpi=300)
                pdf.savefig(fig)
                plt.close(fig)
        return time.perf_counter() - start


def main() -> int:
    scorecard, prioritization, comparison = inputs()
    elapsed, n_files, size = build_once(scorecard, prioritization, comparison)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Full report build ({platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()})\n")  # fmt: skip
    print("| measure | value | target |")
    print("|---|---|---|")
    print(f"| wall time | {elapsed:.1f} s | < {TARGET_S:.0f} s |")
    print(f"| peak resident memory of the process | {rss_mb:.0f} MiB | |")
    print(f"| files written | {n_files} ({size / 2**20:.1f} MiB) | |")
    return 0 if elapsed < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
