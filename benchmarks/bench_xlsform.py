"""Benchmark: 10,000 submissions of the consultation form read and aggregated, against pandas.

Run with ``python benchmarks/bench_xlsform.py [--n 10000]``. Writes, in a temporary folder, a
KoboToolbox-like export of the default profile's consultation form with ``n`` submissions
(random groups, attributes and answers, some "don't know"), as CSV (semicolons, as
KoboToolbox writes it) and as xlsx, then measures the median time of several runs and the
peak Python memory (tracemalloc) of :func:`mgi.workbook.read_consultation` followed by
:func:`mgi.priorities.ratings.summarise_consultation` (the stakeholder criterion: means per
group and question, group weights, agreement) against ``pandas.read_csv`` and
``pandas.read_excel`` of the same file (reading alone), and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mgi.priorities.profile import load_profile
from mgi.priorities.ratings import summarise_consultation
from mgi.workbook import read_consultation
from mgi.workbook.xlsform.consultation import consultation_form

SUBMISSIONS = 10_000
#: KoboToolbox's metadata columns after the form's fields.
_KOBO_TAIL = ("_id", "_uuid", "_submission_time", "_validation_status", "__version__", "_index")


def export_frame(n: int = SUBMISSIONS, seed: int = 19) -> pd.DataFrame:
    """``n`` submissions of the default consultation form as KoboToolbox exports them ("XML
    values and headers", groups in the headers), drawn column by column with numpy."""
    form = consultation_form(load_profile())
    rng = np.random.default_rng(seed)
    columns: dict[str, Any] = {
        "start": "2025-03-01T10:00:00.000+01:00",
        "end": "2025-03-01T10:12:00.000+01:00",
    }
    for field in form.fields():
        question, header = field.question, "/".join(field.path)
        role = question.role
        if role == ("form_id",):
            columns[header] = form.identity.form_id
        elif role == ("form_version",):
            columns[header] = form.identity.form_version
        elif question.list_name is not None:
            names = np.array([c.name for c in form.choices[question.list_name]], dtype=object)
            if role[:1] == ("rating",):  # one answer in twenty is "don't know"
                odds = np.r_[np.full(len(names) - 1, 0.95 / (len(names) - 1)), 0.05]
            elif role == ("group",):  # no "another group"
                odds = np.r_[np.full(len(names) - 1, 1 / (len(names) - 1)), 0.0]
            else:
                odds = np.full(len(names), 1 / len(names))
            columns[header] = rng.choice(names, size=n, p=odds)
        elif role == ("attribute", "country"):
            columns[header] = rng.choice(["Albania", "Germany", "Italy", "Greece"], size=n)
        elif question.type not in ("start", "end"):
            columns[header] = ""
    frame = pd.DataFrame(columns, index=range(n))
    frame["_id"] = np.arange(1, n + 1)
    frame["_uuid"] = [f"{i:08x}-5c1e-4b7a-9d2f-{i:012x}" for i in range(n)]
    frame["_submission_time"] = "2025-03-01T09:12:30"
    frame["_validation_status"] = ""
    frame["__version__"] = "vQm3uQ8rZ6Fj"
    frame["_index"] = np.arange(1, n + 1)
    return frame


def write_exports(folder: Path, n: int = SUBMISSIONS) -> dict[str, Path]:
    """The same submissions as a CSV (``;``) and an xlsx export."""
    frame = export_frame(n)
    csv_path, xlsx_path = folder / "export.csv", folder / "export.xlsx"
    frame.to_csv(csv_path, sep=";", index=False)
    frame.to_excel(xlsx_path, index=False, sheet_name="Consultation", engine="xlsxwriter")
    return {"csv": csv_path, "xlsx": xlsx_path}


def read_and_aggregate(path: Path, profile: Any) -> Any:
    """What mgi does with an export: read it (every answer checked) and aggregate it."""
    consultation = read_consultation(path, profile)
    if consultation.has_errors:
        raise RuntimeError(f"{path.name}: {consultation.issues[0]}")
    return summarise_consultation(consultation, questions=["relevance", "urgency"])


def main(argv: list[str] | None = None) -> int:
    from bench_workbook import measure

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=SUBMISSIONS, help="submissions (10,000)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    profile = load_profile()
    print("| file | mgi read + aggregate | peak MiB | pandas | pandas median | ratio |")
    print("|---|---:|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        paths = write_exports(Path(folder), args.n)
        baselines = {
            "csv": ("`pandas.read_csv(sep=';')`", lambda p: pd.read_csv(p, sep=";")),
            "xlsx": (
                "`pandas.read_excel(engine='openpyxl')`",
                lambda p: pd.read_excel(p, engine="openpyxl"),
            ),
        }
        for kind, path in paths.items():
            ours, peak = measure(lambda p=path: read_and_aggregate(p, profile), runs=args.runs)
            name, func = baselines[kind]
            theirs, _ = measure(lambda p=path, f=func: f(p), runs=args.runs)
            print(
                f"| {args.n:,} submissions, {kind} | {ours:.3f} s | {peak:.1f} | {name} "
                f"| {theirs:.3f} s | {ours / theirs:.2f} |"
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
