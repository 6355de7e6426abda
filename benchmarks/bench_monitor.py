"""Benchmark: consolidate the progress workbooks of 40 institutions over 4 periods, against
reading the same files with ``pandas.read_excel`` (calamine engine).

Run with ``python benchmarks/bench_monitor.py``. In a temporary folder it makes a synthetic
action plan (:func:`scaled_plan`: the demo generators' measures, spread over 40 lead
institutions) and writes it as a plan workbook, then the illustrative progress workbooks of
every institution for four half-years (:func:`mgi.demo.monitor.write_demo_progress`, the
generator of ``mgi demo``), and times

* mgi: :func:`mgi.monitor.files.monitor_files` — what ``mgi monitor report`` does before it
  writes the report: the plan read and checked, every progress workbook read and checked,
  the last period consolidated with the three before it as the trend;
* the baseline: ``pandas.read_excel(path, sheet_name=None, engine="calamine")`` of the same
  progress workbooks (the floor of reading their cells into tables, no checks).

and prints a Markdown table with the time per workbook.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

#: Lead institutions, reporting periods, and measures per institution of the synthetic plan.
INSTITUTIONS = 40
PERIODS = ("2025-H1", "2025-H2", "2026-H1", "2026-H2")
MEASURES_PER_INSTITUTION = 3
#: GCM objectives the synthetic plan's specific objectives serve (one each).
OBJECTIVES = tuple(f"GCM{n:02d}" for n in range(1, 21))


def scaled_plan(institutions: int = INSTITUTIONS, per_institution: int = MEASURES_PER_INSTITUTION):
    """A synthetic action plan with ``institutions`` lead institutions, each leading
    ``per_institution`` measures with one output indicator each.

    The demo's generators make it (:func:`mgi.plan.prefill.prefill_plan` from 20 included GCM
    objectives, then :func:`mgi.demo.plan.fill_demo_plan`); the filled measures are then cloned
    until there are ``institutions * per_institution`` of them, each clone starting a quarter
    later than the one before (so that every period has measures due, completed and running)
    and led, in turn, by one of ``institutions`` institutions.
    """
    from mgi.demo.plan import fill_demo_plan
    from mgi.plan.model import Institution, PlanInfo
    from mgi.plan.prefill import Priority, prefill_plan
    from mgi.workbook.sheets import Quarter

    priorities = [Priority(g, rank, "include") for rank, g in enumerate(OBJECTIVES, start=1)]
    settings = PlanInfo(
        title="Benchmark plan",
        country="Benchland",
        start=Quarter(2025, 1),
        end=Quarter(2027, 4),
        currency="ALL",
        round_year=2023,
    )
    draft, _ = prefill_plan(priorities, settings=settings)
    filled = fill_demo_plan(draft)
    people = tuple(
        Institution(f"I{n:02d}", f"Institution {n:02d} (benchmark)", f"I{n:02d}")
        for n in range(1, institutions + 1)
    )
    span = len(settings.quarters)
    wanted = institutions * per_institution
    measures, outputs = [], []
    by_output = {i.code: i for i in filled.indicators if i.level == "output"}
    counts: dict[str, int] = {}
    for k in range(wanted):
        source = filled.measures[k % len(filled.measures)]
        n = counts[source.objective] = counts.get(source.objective, 0) + 1
        code = f"{source.objective}.M{n}"
        lead = people[k % institutions].code
        shift = (k // len(filled.measures)) % max(1, span - 1)
        length = source.end.serial - source.start.serial
        start = Quarter.from_serial(min(source.start.serial + shift, settings.end.serial - length))
        end = Quarter.from_serial(start.serial + length)
        output = f"{code}.O1"
        measures.append(
            replace(
                source,
                code=code,
                lead=lead,
                contributing=(),
                start=start,
                end=end,
                output_indicators=(output,),
            )
        )
        template = by_output[source.output_indicators[0]]
        outputs.append(
            replace(
                template,
                code=output,
                responsible=lead,
                linked_measures=(code,),
                target_year=max(template.target_year or end.year, end.year),
            )
        )
    outcomes = [i for i in filled.indicators if i.level != "output"]
    return filled.replace(
        measures=tuple(measures), indicators=tuple(outcomes + outputs), institutions=people
    )


@dataclass(frozen=True)
class Files:
    """The benchmark's inputs, written once."""

    plan: Path
    periods: dict[str, tuple[Path, ...]]

    @property
    def current(self) -> tuple[Path, ...]:
        return self.periods[PERIODS[-1]]

    @property
    def earlier(self) -> tuple[Path, ...]:
        return tuple(p for when in PERIODS[:-1] for p in self.periods[when])

    @property
    def all(self) -> tuple[Path, ...]:
        return self.earlier + self.current


def make_files(folder: Path, institutions: int = INSTITUTIONS) -> Files:
    """Write the plan workbook and every institution's progress workbook of each period."""
    from mgi.demo.monitor import write_demo_progress
    from mgi.plan.workbook import write_plan_workbook

    plan = scaled_plan(institutions)
    plan_file = write_plan_workbook(plan, folder / "plan.xlsx")
    from mgi.plan.workbook import read_plan_workbook

    read_back = read_plan_workbook(plan_file).plan
    written = write_demo_progress(read_back, folder / "progress", periods=PERIODS, problems=False)
    return Files(plan_file, dict(written.files))


def consolidate_files(files: Files):
    """mgi: the plan and every workbook read and checked, the last period consolidated."""
    from mgi.monitor.files import monitor_files

    found, _ = monitor_files(files.plan, files.current, earlier=files.earlier)
    if found.errors:
        raise RuntimeError(f"{len(found.errors)} error(s): {found.errors[0].message}")
    return found


def read_with_pandas(paths: tuple[Path, ...], engine: str = "calamine") -> int:
    """The baseline: every workbook read with ``pandas.read_excel(sheet_name=None)``; the
    number of cells read."""
    import pandas as pd

    cells = 0
    for path in paths:
        for frame in pd.read_excel(path, sheet_name=None, engine=engine).values():
            cells += frame.size
    return cells


def read_each(paths: tuple[Path, ...]) -> int:
    """Every workbook read and checked alone (no plan, no consolidation): the reading part of
    :func:`consolidate_files`; the number of rows read."""
    from mgi.monitor.read import read_progress_workbook

    rows = 0
    for path in paths:
        report = read_progress_workbook(path).report
        rows += len(report.measures) + len(report.indicators)
    return rows


@dataclass(frozen=True)
class Timing:
    """Medians in seconds over ``runs`` interleaved runs, and the peak traced memory (MiB) of
    one separate consolidation."""

    workbooks: int
    runs: int
    consolidate_s: float
    read_s: float
    pandas_s: float
    peak_mib: float


def measure(files: Files, runs: int) -> Timing:
    """Consolidation, mgi's reading alone and pandas' reading, run in turn ``runs`` times
    after a warm-up of each (so that the machine's load hits all three alike)."""
    import tracemalloc

    tasks = (
        lambda: consolidate_files(files),
        lambda: read_each(files.all),
        lambda: read_with_pandas(files.all),
    )
    times: list[list[float]] = [[], [], []]
    for task in tasks:
        task()
    for _ in range(runs):
        for k, task in enumerate(tasks):
            start = time.perf_counter()
            task()
            times[k].append(time.perf_counter() - start)
    tracemalloc.start()
    consolidate_files(files)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    mine, reading, floor = (statistics.median(t) for t in times)
    return Timing(len(files.all), runs, mine, reading, floor, peak / 2**20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        files = make_files(Path(tmp))
        setup = time.perf_counter() - start
        t = measure(files, args.runs)
    n = t.workbooks
    print(f"{n} progress workbooks written in {setup:.1f} s; medians of {t.runs} runs.\n")
    print("| task | seconds | ms per workbook | ratio to baseline |")
    print("|---|---:|---:|---:|")
    for name, seconds in (
        ("pandas.read_excel, calamine (baseline)", t.pandas_s),
        ("mgi: every workbook read and checked", t.read_s),
        ("mgi: plan + workbooks checked + consolidated (monitor_files)", t.consolidate_s),
    ):
        print(f"| {name} | {seconds:.2f} | {1000 * seconds / n:.1f} | {seconds / t.pandas_s:.2f} |")
    print(f"\npeak traced memory of one consolidation: {t.peak_mib:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
