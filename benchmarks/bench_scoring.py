"""Benchmark: score many completed questionnaires end to end, from workbooks.

Writes ``--distinct`` filled questionnaires of ``mgi-national`` with the template writer (random
answers typed into the Answer column), copies them to ``--n`` files (500 by default) in a
temporary folder, then times

* the baseline: reading every file with ``pandas.read_excel(path, sheet_name=None)``;
* mgi: ``read_assessment`` + ``score`` for every file (validation, scoring, all tables).

and prints the result as a markdown table. Run it with ``python benchmarks/bench_scoring.py``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from mgi.instrument import load_instrument
from mgi.scoring import score
from mgi.workbook import read_assessment, write_template


def fill(path: Path, answers: dict[str, str]) -> None:
    """Type answers into the Answer column of a template (found by its header)."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=10):
            names = [str(c.value).strip() if c.value is not None else "" for c in row]
            if "Code" in names and "Answer" in names:
                code_col, answer_col = names.index("Code"), names.index("Answer")
                for data in ws.iter_rows(min_row=row[0].row + 1):
                    code = data[code_col].value
                    if code in answers:
                        data[answer_col].value = answers[code]
                break
    wb.save(path)


def make_workbooks(folder: Path, n: int, distinct: int, seed: int = 7) -> list[Path]:
    """Write ``distinct`` filled questionnaires and copy them to ``n`` files."""
    inst = load_instrument("mgi-national")
    rng = np.random.default_rng(seed)
    labels = {scale: inst.option_labels(scale) for scale in set(inst.indicators["scale"])}
    sources = []
    for i in range(distinct):
        path = folder / f"source-{i:03d}.xlsx"
        write_template(inst, path, country=f"Country {i}", round=2018 + i % 7)
        answers = {
            code: str(rng.choice(labels[scale])) for code, scale in inst.indicators["scale"].items()
        }
        fill(path, answers)
        sources.append(path)
    files = []
    for i in range(n):
        target = folder / f"assessment-{i:04d}.xlsx"
        shutil.copyfile(sources[i % distinct], target)
        files.append(target)
    return files


def read_with_pandas(files: list[Path], engine: str = "openpyxl") -> None:
    """The baseline: read every workbook with ``pandas.read_excel(sheet_name=None)`` and the
    given engine (``openpyxl``, pandas' default, or ``calamine``)."""
    for path in files:
        pd.read_excel(path, sheet_name=None, engine=engine)


def read_and_score(files: list[Path]) -> list[float]:
    """mgi end to end: ``read_assessment`` + ``score`` per workbook; the overall scores."""
    overall = [score(read_assessment(path)).overall for path in files]
    assert len(overall) == len(files) and not any(np.isnan(overall))
    return overall


def run(n: int, distinct: int) -> tuple[pd.DataFrame, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        files = make_workbooks(folder, n, distinct)
        setup = time.perf_counter() - start

        start = time.perf_counter()
        read_with_pandas(files)
        baseline = time.perf_counter() - start

        start = time.perf_counter()
        read_and_score(files)
        mgi_time = time.perf_counter() - start
    return pd.DataFrame(
        [
            {"task": f"pandas.read_excel (baseline, {n} files)", "seconds": baseline},
            {"task": f"mgi read_assessment + score ({n} files)", "seconds": mgi_time},
        ]
    ).assign(
        per_file_ms=lambda t: 1000 * t["seconds"] / n,
        ratio=lambda t: t["seconds"] / baseline,
    ), setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="number of workbooks (500)")
    parser.add_argument("--distinct", type=int, default=20, help="distinct answer sets (20)")
    args = parser.parse_args()
    table, setup = run(args.n, args.distinct)
    print(f"Workbooks written in {setup:.1f} s (mgi-national, {args.n} files).\n")
    print("| task | seconds | ms per file | ratio to baseline |")
    print("|---|---:|---:|---:|")
    for row in table.itertuples(index=False):
        print(f"| {row.task} | {row.seconds:.2f} | {row.per_file_ms:.1f} | {row.ratio:.2f} |")


if __name__ == "__main__":
    main()
