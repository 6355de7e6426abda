"""Benchmark: import and validate a completed questionnaire, against pandas.read_excel.

Run with ``python benchmarks/bench_workbook.py``. Builds a completed ``mgi-national`` workbook
(``sdg-10-7-2`` if mgi-national cannot be loaded) in a temporary folder, then measures the
median time of several runs and the peak Python memory (tracemalloc) of
:func:`mgi.workbook.read_assessment` and of ``pandas.read_excel(sheet_name=None)`` on the same
file, and prints a Markdown table. Targets: within 2x of pandas and under 0.5 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd

from mgi.errors import MGIError
from mgi.instrument import load_instrument
from mgi.workbook import read_assessment, write_template

RUNS = 7


def completed_workbook(folder: Path) -> tuple[Path, str]:
    """A template of mgi-national (or sdg-10-7-2) with every question answered."""
    try:
        inst = load_instrument("mgi-national")
    except MGIError:
        inst = load_instrument("sdg-10-7-2")
    blank = write_template(inst, folder / "blank.xlsx", country="Benchland", round=2024)
    wb = openpyxl.load_workbook(blank)
    for ws in wb.worksheets:
        if ws.cell(row=3, column=1).value != "Code":
            continue
        for row in range(4, ws.max_row + 1):
            code = ws.cell(row=row, column=1).value
            if code:
                labels = inst.option_labels(inst.scale_of(code))
                ws.cell(row=row, column=5).value = labels[row % len(labels)]
                ws.cell(row=row, column=6).value = f"Law on {code}, 2021, art. {row}"
                ws.cell(row=row, column=7).value = "Checked by the working group."
    path = folder / "completed.xlsx"
    wb.save(path)
    return path, inst.label


def measure(func: Callable[[], Any], runs: int = RUNS) -> tuple[float, float]:
    """Median seconds over ``runs`` runs, and peak MB (MiB) of one traced run (tracemalloc)."""
    func()  # warm up imports and caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 1024 / 1024


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path, label = completed_workbook(Path(tmp))
        ours = measure(lambda: read_assessment(path))
        theirs = measure(lambda: pd.read_excel(path, sheet_name=None))
    ratio = ours[0] / theirs[0]
    print(f"Importing a completed {label} questionnaire ({RUNS} runs, median)\n")
    print("| reader | median time (s) | peak memory (MB) |")
    print("|---|---:|---:|")
    print(f"| mgi read_assessment (read + validate) | {ours[0]:.3f} | {ours[1]:.1f} |")
    print(f"| pandas.read_excel(sheet_name=None) | {theirs[0]:.3f} | {theirs[1]:.1f} |")
    print(f"\nratio mgi / pandas: {ratio:.2f} (target <= 2); mgi under 0.5 s: {ours[0] < 0.5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
