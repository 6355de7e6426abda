"""Run the whole benchmark suite and print one Markdown table (optionally into RESULTS.md).

Usage::

    python benchmarks/run.py                  # every benchmark, full repetitions
    python benchmarks/run.py --quick          # fewer repetitions (a smoke run, noisier)
    python benchmarks/run.py --only smaa      # one group (repeatable): startup, workbook,
                                              # scoring, smaa, demo, report, monitor, xlsform
    python benchmarks/run.py --write          # also rewrite benchmarks/RESULTS.md

Every row gives the median of several runs, the peak memory (how it was measured is stated in
the row), and the ratio against a baseline measured in the same run. The measurement code lives
in the per-area scripts (``bench_workbook``, ``bench_scoring``, ``bench_prioritization``,
``bench_reports``, ``bench_monitor``, ``bench_xlsform``) and is imported from there. Subprocess
rows (start-up, ``mgi demo``, the report build) take the child's peak resident set size from
``os.wait4``; in-process rows take the peak of Python allocations (``tracemalloc``, numpy
buffers included) in a separate traced run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEMO = ROOT / "data" / "demo"
RESULTS = HERE / "RESULTS.md"
if str(HERE) not in sys.path:  # the per-area scripts are imported as plain modules
    sys.path.insert(0, str(HERE))

GROUPS = ("startup", "workbook", "scoring", "smaa", "demo", "report", "monitor", "xlsform")
HEAVY = ("numpy", "pandas", "matplotlib", "openpyxl", "scipy")


@dataclass(frozen=True)
class Config:
    """Repetitions per row; ``--quick`` lowers them."""

    quick: bool
    startup_runs: int
    workbook_runs: int
    scoring_runs: int
    scoring_files: int
    scoring_traced_files: int
    smaa_runs: int
    demo_runs: int
    report_runs: int
    monitor_runs: int
    xlsform_runs: int

    @classmethod
    def make(cls, quick: bool, files: int) -> Config:
        return cls(
            quick=quick,
            startup_runs=5 if quick else 21,
            workbook_runs=3 if quick else 15,
            scoring_runs=1 if quick else 3,
            scoring_files=files,
            scoring_traced_files=min(files, 20),
            smaa_runs=2 if quick else 5,
            demo_runs=1 if quick else 3,
            report_runs=1 if quick else 3,
            monitor_runs=2 if quick else 7,
            xlsform_runs=2 if quick else 7,
        )


@dataclass
class Row:
    """One line of the results table (times in seconds, memory in MiB)."""

    name: str
    median_s: float
    runs: int
    peak_mb: float | None
    memory: str
    baseline: str
    baseline_s: float | None
    target: str
    met: bool | None
    extra: str = ""  # appended to the median cell, e.g. "82 ms/file"
    baseline_extra: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median_s / self.baseline_s if self.baseline_s else None


# --------------------------------------------------------------------------- helpers


def _seconds(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def _ratio(r: float | None) -> str:
    if r is None:
        return "n/a"
    if r >= 0.1:
        return f"{r:.2f}"
    return f"{r:.4f} ({1 / r:,.0f}x faster)"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_child(
    cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float, str]:
    """Run ``cmd`` to completion (with ``env`` added to the environment): wall seconds, peak
    RSS of the child in MiB (``os.wait4``), and its combined stdout/stderr. Raises if the
    child fails."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=environment)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}:\n{text[-2000:]}")
    return wall, usage.ru_maxrss / 1024, text  # ru_maxrss is in KiB on Linux


def time_children(
    cmd: Sequence[str], runs: int, cwd: Path | None = None, warm_up: bool = True
) -> tuple[float, float]:
    """Median wall seconds over ``runs`` runs (after one warm-up run unless ``warm_up`` is
    false) and the largest peak RSS of the children."""
    if warm_up:
        run_child(cmd, cwd)  # warm the page cache
    results = [run_child(cmd, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def cpu_children(cmd: Sequence[str], runs: int, cwd: Path | None = None) -> float:
    """Median processor seconds (user + system, from ``os.wait4``) of ``runs`` runs of ``cmd``:
    what the command costs whatever else the shared machine is doing."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryFile() as out:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
            _, _, usage = os.wait4(proc.pid, 0)
        times.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(times)


def _mgi_command() -> list[str]:
    exe = Path(sys.executable).with_name("mgi")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("mgi")
    return [found] if found else [sys.executable, "-m", "mgi"]


def _child_json(text: str) -> dict:
    return json.loads(text.strip().splitlines()[-1])


# --------------------------------------------------------------------------- benchmarks


def bench_startup(cfg: Config) -> list[Row]:
    """``mgi --help`` against ``python -c pass``; which heavy modules the help imports."""
    mgi = _mgi_command()
    ours, peak = time_children([*mgi, "--help"], cfg.startup_runs)
    base, _ = time_children([sys.executable, "-c", "pass"], cfg.startup_runs)
    probe = (
        "import sys\nfrom mgi.cli import main\ntry:\n    main(['--help'])\n"
        "except SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    _, _, text = run_child([sys.executable, "-c", probe])
    heavy = json.loads(text.strip().splitlines()[-1].replace("'", '"'))
    _, _, importtime = run_child([sys.executable, "-X", "importtime", "-c", "import mgi.cli"])
    cumulative = [
        int(line.split("|")[1])
        for line in importtime.splitlines()
        if line.startswith("import time:") and line.split("|")[-1].strip() == "mgi.cli"
    ]
    loaded = ", ".join(heavy) if heavy else "none of " + "/".join(HEAVY)
    extra = f"heavy imports: {loaded}"
    if cumulative:
        extra += f"; `import mgi.cli` {cumulative[0] / 1000:.0f} ms (-X importtime)"
    no_heavy = "pandas" not in heavy and "matplotlib" not in heavy
    return [
        Row(
            name="start-up: `mgi --help` (subprocess)",
            median_s=ours,
            runs=cfg.startup_runs,
            peak_mb=peak,
            memory="child RSS",
            baseline="`python -c pass`",
            baseline_s=base,
            target="no pandas/matplotlib at start-up",
            met=no_heavy,
            extra=extra,
        )
    ]


#: Today's ratio of read + score against pandas with openpyxl (RESULTS.md at commit 13cdc71,
#: before calamine): the 500-file row must be at least 2.5 times better than this.
SCORING_RATIO_BEFORE = 1.46
#: Today's ratio of import + validate against pandas with openpyxl (same commit): reading
#: must be at least 3 times better.
WORKBOOK_RATIO_BEFORE = 1.17
#: The last commit whose ``mgi validate`` imported pandas and numpy (issue 20 item 4): the
#: validate row runs it too, from a copy of its tree, alternately with today's, as its baseline.
VALIDATE_BEFORE_COMMIT = "cb54caf"


def bench_workbook(cfg: Config) -> list[Row]:
    """``read_assessment`` of the demo mgi-national 2023 questionnaire against pandas with
    the openpyxl and the calamine engine; ``mgi validate FILE`` start to finish."""
    import pandas as pd
    from bench_workbook import measure

    from mgi.workbook import read_assessment

    path = DEMO / "mgi-national-2023.xlsx"
    assessment = read_assessment(path)
    if any(i.is_error for i in assessment.issues):
        raise RuntimeError(f"{path.name} does not validate")
    ours, peak = measure(lambda: read_assessment(path), runs=cfg.workbook_runs)
    engines = {}
    for engine in ("openpyxl", "calamine"):
        engines[engine], _ = measure(
            lambda e=engine: pd.read_excel(path, sheet_name=None, engine=e),
            runs=cfg.workbook_runs,
        )
    target = WORKBOOK_RATIO_BEFORE / 3
    name = f"import + validate `{path.name}` ({len(assessment.answers)} answers)"
    rows = [
        Row(
            name=name,
            median_s=ours,
            runs=cfg.workbook_runs,
            peak_mb=peak,
            memory="tracemalloc",
            baseline="`pandas.read_excel(sheet_name=None, engine='openpyxl')`",
            baseline_s=engines["openpyxl"],
            target=f"ratio <= {target:.2f} (3x better than {WORKBOOK_RATIO_BEFORE})",
            met=ours / engines["openpyxl"] <= target,
        ),
        Row(
            name=name,
            median_s=ours,
            runs=cfg.workbook_runs,
            peak_mb=peak,
            memory="tracemalloc",
            baseline="`pandas.read_excel(sheet_name=None, engine='calamine')`",
            baseline_s=engines["calamine"],
            target="none set (the floor of reading the same cells)",
            met=None,
        ),
    ]
    command = [sys.executable, "-m", "mgi", "validate", str(path)]
    with tempfile.TemporaryDirectory() as folder:
        before = _tree_at(VALIDATE_BEFORE_COMMIT, Path(folder))
        if before is not None:  # the same command on the code before, run alternately
            validate, old, rss = _alternate(command, ROOT, command, before, cfg.startup_runs)
            baseline = f"the same command at {VALIDATE_BEFORE_COMMIT} (pandas and numpy imported)"
            cpu_old = cpu_children(command, cfg.startup_runs, cwd=before)
        else:
            validate, rss = time_children(command, cfg.startup_runs, cwd=ROOT)
            old, _ = time_children([sys.executable, "-c", "pass"], cfg.startup_runs)
            baseline, cpu_old = "`python -c pass`", None
    heavy, imports = _validate_imports(path)
    cpu = cpu_children(command, cfg.startup_runs, cwd=ROOT)
    loaded = ", ".join(heavy) if heavy else "none of " + "/".join(HEAVY)
    rows.append(
        Row(
            name=f"`mgi validate {path.name}` start to finish (subprocess, imports included)",
            median_s=validate,
            runs=cfg.startup_runs,
            peak_mb=rss,
            memory="child RSS",
            baseline=baseline,
            baseline_s=old,
            target="<= 0.5 s",
            met=validate <= 0.5,
            extra=f"processor time {cpu * 1000:.0f} ms; heavy imports: {loaded}; imports "
            f"{imports * 1000:.0f} ms (-X importtime)",
            baseline_extra=f"processor time {cpu_old * 1000:.0f} ms" if cpu_old else "",
        )
    )
    return rows


def _tree_at(commit: str, folder: Path) -> Path | None:
    """The files of ``commit`` of this repository in ``folder`` (``None`` without git or the
    commit, e.g. in a copy that is not a clone)."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit],
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return folder if (folder / "mgi" / "__init__.py").is_file() else None


def _alternate(
    first: Sequence[str], first_cwd: Path, second: Sequence[str], second_cwd: Path, runs: int
) -> tuple[float, float, float]:
    """Median wall seconds of two commands run alternately (after a warm-up of each), so that a
    pair shares the machine's load, and the largest peak RSS of the first."""
    run_child(first, first_cwd)
    run_child(second, second_cwd)
    a, b = [], []
    for _ in range(runs):
        a.append(run_child(first, first_cwd))
        b.append(run_child(second, second_cwd))
    return (
        statistics.median(r[0] for r in a),
        statistics.median(r[0] for r in b),
        max(r[1] for r in a),
    )


def _validate_imports(path: Path) -> tuple[list[str], float]:
    """Which heavy modules ``mgi validate FILE`` imports, and the seconds its imports take
    (the cumulative ``-X importtime`` of the modules imported at the top level)."""
    probe = (
        "import sys\nfrom mgi.cli import main\ntry:\n"
        f"    main(['validate', {str(path)!r}])\n"
        "except SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    _, _, text = run_child([sys.executable, "-c", probe])
    heavy = json.loads(text.strip().splitlines()[-1].replace("'", '"'))
    _, _, trace = run_child(
        [sys.executable, "-X", "importtime", "-m", "mgi", "validate", str(path)]
    )
    total = sum(
        int(line.split("|")[1])
        for line in trace.splitlines()
        if line.startswith("import time:")
        and not line.split("|")[-1].startswith("  ")
        and line.split("|")[1].strip().isdigit()
    )
    return heavy, total / 1e6


def bench_scoring(cfg: Config) -> list[Row]:
    """Read + score ``scoring_files`` workbooks against reading them with pandas, with the
    openpyxl and with the calamine engine, interleaved in the same run."""
    import tracemalloc

    from bench_scoring import make_workbooks, read_and_score, read_with_pandas

    n = cfg.scoring_files
    engines = ("openpyxl", "calamine")
    with tempfile.TemporaryDirectory() as tmp:
        files = make_workbooks(Path(tmp), n, distinct=20)
        read_and_score(files[:3])  # warm imports and caches
        for engine in engines:
            read_with_pandas(files[:3], engine)
        ours: list[float] = []
        base: dict[str, list[float]] = {e: [] for e in engines}
        for _ in range(cfg.scoring_runs):  # interleaved, so drift hits all alike
            for engine in engines:
                start = time.perf_counter()
                read_with_pandas(files, engine)
                base[engine].append(time.perf_counter() - start)
            start = time.perf_counter()
            read_and_score(files)
            ours.append(time.perf_counter() - start)
        k = cfg.scoring_traced_files
        tracemalloc.start()
        read_and_score(files[:k])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    med = statistics.median(ours)
    target = SCORING_RATIO_BEFORE / 2.5
    rows = []
    for engine in engines:
        base_med = statistics.median(base[engine])
        rows.append(
            Row(
                name=f"read + score {n} `mgi-national` workbooks (20 distinct answer sets)",
                median_s=med,
                runs=cfg.scoring_runs,
                peak_mb=peak / 2**20,
                memory=f"tracemalloc, {k}-file batch",
                baseline=f"`pandas.read_excel(engine='{engine}')` of the same {n} files",
                baseline_s=base_med,
                target=(
                    f"ratio <= {target:.2f} (2.5x better than {SCORING_RATIO_BEFORE})"
                    if engine == "openpyxl"
                    else "none set (the floor of reading the same cells)"
                ),
                met=med / base_med <= target if engine == "openpyxl" else None,
                extra=f"{1000 * med / n:.1f} ms/file",
                baseline_extra=f"{1000 * base_med / n:.1f} ms/file",
            )
        )
    return rows


def demo_matrix() -> tuple[object, list[str], tuple[int, int]]:
    """The 23 x 6 criteria matrix of the demo inputs (as ``mgi demo`` builds it)."""
    from mgi.demo.run import demo_recipe
    from mgi.run import run

    made = run(demo_recipe().replace(settings={"samples": 100}), write=False)
    matrix = made.prioritization.matrix
    X = matrix.values.to_numpy(dtype=float)
    return X, matrix.types, X.shape


def bench_smaa(cfg: Config) -> list[Row]:
    """SMAA with 100,000 weight samples per method on the demo criteria matrix, against the
    plain numpy floor (one argsort per sample) in the same run; then every method at 23, 100
    and 500 alternatives and 10⁴-10⁶ samples (``SECTIONS``)."""
    from bench_prioritization import (
        SAMPLES,
        TARGET_RATIO,
        grid,
        grid_markdown,
        measure,
        memory_markdown,
        peak_mb,
    )

    from mgi.prioritization import METHODS

    X, types, (m, k) = demo_matrix()
    rows = []
    for method in METHODS:
        cell = measure(method, X, types, SAMPLES, runs=cfg.smaa_runs)
        peak = peak_mb(method, X, types, SAMPLES) * 1e6 / 2**20  # peak_mb is in MB (1e6 B)
        rows.append(
            Row(
                name=f"SMAA {method}, {SAMPLES:,} samples, {m} x {k} demo matrix",
                median_s=cell.mgi_s,
                runs=cfg.smaa_runs,
                peak_mb=peak,
                memory="tracemalloc",
                baseline="numpy floor: same samples, one argsort per sample, bincount",
                baseline_s=cell.floor_s,
                target=f"<= {TARGET_RATIO} x floor, < 500 MB",
                met=cell.mgi_s / cell.floor_s <= TARGET_RATIO and peak < 500,
            )
        )
    cells = grid(cfg.quick, progress=_progress)
    section = [
        "## SMAA against the numpy floor, by size",
        "",
        "Every method at 23, 100 and 500 alternatives x 6 criteria (synthetic, fixed seed) and "
        + ("10⁴-10⁵" if cfg.quick else "10⁴-10⁶")
        + " Dirichlet(1) samples (`bench_prioritization.grid`). Each cell: mgi median / floor "
        "median = **ratio**, the ratio being the median of the run-by-run ratios (mgi and the "
        "floor run alternately, after a warm-up each, so a pair shares the machine's load). "
        f"Target: ratio <= {TARGET_RATIO}.",
        "",
        grid_markdown(cells),
        "",
    ]
    if not cfg.quick:
        section += [
            "Peak traced memory (tracemalloc) of WSM's SMAA: bounded by the batch, not by the "
            "number of samples.",
            "",
            memory_markdown(),
            "",
        ]
    SECTIONS["smaa"] = "\n".join(section)
    return rows


#: Extra sections of RESULTS.md, by group (filled by the groups that ran).
SECTIONS: dict[str, str] = {}


#: The charts as they were drawn before issue 20: in this process, a PDF of each chart too.
BEFORE_ENV = {"MGI_CHART_WORKERS": "1"}
BEFORE_FORMATS = "png,svg,pdf"
BEFORE = "the same command with the charts as before: one process, a PDF per chart"


def _tree_digest(folder: Path) -> str:
    """SHA-256 of every file of a folder (names and bytes), to compare two runs."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _interleaved(
    ours: Callable[[int], Sequence[str]],
    theirs: Callable[[int], Sequence[str]],
    runs: int,
    cwd: Path,
    env: dict[str, str],
    warm_up: bool,
) -> tuple[list[float], list[float], float]:
    """Run ``ours(i)`` and ``theirs(i)`` alternately (so the machine's load hits both alike):
    wall seconds of each, and the largest peak RSS of ours."""
    if warm_up:
        run_child(ours(-1), cwd)
    mine, base, peaks = [], [], []
    for i in range(runs):
        wall, peak, _ = run_child(ours(i), cwd)
        mine.append(wall)
        peaks.append(peak)
        base.append(run_child(theirs(i), cwd, env=env)[0])
    return mine, base, max(peaks)


def bench_demo(cfg: Config) -> list[Row]:
    """``mgi demo`` end to end in a child process, against the same demo with the charts drawn
    as before (interleaved), and against the import floor; two of its runs are compared byte
    for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        demo = [*_mgi_command(), "demo"]
        mine, base, peak = _interleaved(
            lambda i: [*demo, "--out", str(root / f"demo{i}")],
            lambda i: [*demo, "--formats", BEFORE_FORMATS, "--out", str(root / f"before{i}")],
            cfg.demo_runs, root, BEFORE_ENV, warm_up=not cfg.quick,
        )  # fmt: skip
        same = len({_tree_digest(root / f"demo{i}") for i in range(cfg.demo_runs)}) == 1
    floor, _ = time_children(
        [sys.executable, "-c", "import mgi, pandas, matplotlib.pyplot, openpyxl"], cfg.demo_runs
    )
    ours = statistics.median(mine)
    name = (
        "`mgi demo` end to end (subprocess; outputs of the runs byte-identical: "
        f"{'yes' if same else 'NO'})"
    )
    row = dict(name=name, median_s=ours, runs=cfg.demo_runs, peak_mb=peak, memory="child RSS")
    return [
        Row(
            **row,
            baseline=f"`mgi demo`: {BEFORE}",
            baseline_s=statistics.median(base),
            target="<= 8 s, byte-identical",
            met=ours <= 8 and same,
        ),
        Row(
            **row,
            baseline="`python -c 'import mgi, pandas, matplotlib.pyplot, openpyxl'`",
            baseline_s=floor,
            target="none set (the import floor)",
            met=None,
        ),
    ]


def _report_command(out: Path) -> list[str]:
    return [
        *_mgi_command(), "report", "--assessment", str(DEMO / "mgi-national-2023.xlsx"),
        "--earlier", str(DEMO / "mgi-national-2018.xlsx"),
        "--consultation", str(DEMO / "consultation.xlsx"),
        "--experts", str(DEMO / "experts.xlsx"), "--weights", str(DEMO / "weights.xlsx"),
        "-o", str(out),
    ]  # fmt: skip


def bench_report(cfg: Config) -> list[Row]:
    """``mgi report`` on the demo inputs end to end (the README's tour 3), against the same
    command with the charts drawn as before (interleaved); then the report build alone
    (bench_reports), each run in a fresh child process."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        mine, base, peak = _interleaved(
            lambda i: _report_command(root / f"report{i}"),
            lambda i: [*_report_command(root / f"before{i}"), "--formats", BEFORE_FORMATS],
            cfg.report_runs, root, BEFORE_ENV, warm_up=not cfg.quick,
        )  # fmt: skip
        same = len({_tree_digest(root / f"report{i}") for i in range(cfg.report_runs)}) == 1
    ours = statistics.median(mine)
    rows = [
        Row(
            name="`mgi report` on the demo inputs, end to end (subprocess; outputs byte-identical: "
            f"{'yes' if same else 'NO'})",
            median_s=ours,
            runs=cfg.report_runs,
            peak_mb=peak,
            memory="child RSS",
            baseline=f"`mgi report`: {BEFORE}",
            baseline_s=statistics.median(base),
            target="<= 6 s, byte-identical",
            met=ours <= 6 and same,
        )
    ]
    me = [sys.executable, str(Path(__file__).resolve()), "--child"]
    alone, peaks, floor = [], [], []
    for _ in range(cfg.report_runs):
        _, rss, text = run_child([*me, "report"])
        data = _child_json(text)
        alone.append(data["seconds"])
        peaks.append(rss)
        _, _, text = run_child([*me, "report-baseline"])
        floor.append(_child_json(text)["seconds"])
    med = statistics.median(alone)
    rows.append(
        Row(
            name=f"report build alone: `build_report` ({data['files']} files, bench_reports)",
            median_s=med,
            runs=cfg.report_runs,
            peak_mb=max(peaks),
            memory="child RSS (inputs + build)",
            baseline="plain matplotlib: 9 bar charts x PNG 300 dpi/SVG, one multi-page PDF",
            baseline_s=statistics.median(floor),
            target="< 20 s",
            met=med < 20,
        )
    )
    return rows


#: The consolidation may take this many times pandas' reading of the same workbooks (with the
#: calamine engine): what mgi adds is the opener's safety pass, every cell's check and the
#: figures of four periods.
MONITOR_TARGET_RATIO = 2.5


def bench_monitor(cfg: Config) -> list[Row]:
    """``monitor_files`` (``mgi monitor report`` before it writes) on the progress workbooks of
    40 institutions over 4 periods, against ``pandas.read_excel`` of the same files with the
    calamine engine, interleaved (``bench_monitor``)."""
    from bench_monitor import INSTITUTIONS, PERIODS, make_files, measure

    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        t = measure(files, cfg.monitor_runs)
    n = t.workbooks
    ratio = t.consolidate_s / t.pandas_s
    return [
        Row(
            name=f"consolidate {n} progress workbooks ({INSTITUTIONS} institutions x "
            f"{len(PERIODS)} periods): `monitor_files`",
            median_s=t.consolidate_s,
            runs=t.runs,
            peak_mb=t.peak_mib,
            memory="tracemalloc",
            baseline=f"`pandas.read_excel(sheet_name=None, engine='calamine')` of the same {n} "
            "files",
            baseline_s=t.pandas_s,
            target=f"ratio <= {MONITOR_TARGET_RATIO}",
            met=ratio <= MONITOR_TARGET_RATIO,
            extra=f"{1000 * t.consolidate_s / n:.1f} ms/workbook; reading and checking the "
            f"workbooks alone {1000 * t.read_s / n:.1f} ms/workbook",
            baseline_extra=f"{1000 * t.pandas_s / n:.1f} ms/workbook",
        )
    ]


def bench_xlsform(cfg: Config) -> list[Row]:
    """10,000 submissions of the consultation form (a KoboToolbox export, CSV and xlsx) read
    and aggregated (``bench_xlsform.read_and_aggregate``) against pandas reading the same
    file."""
    import pandas as pd
    from bench_workbook import measure
    from bench_xlsform import SUBMISSIONS, read_and_aggregate, write_exports

    from mgi.priorities.profile import load_profile

    profile = load_profile()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        paths = write_exports(Path(folder))
        cells = f"{SUBMISSIONS:,} consultation submissions"
        baselines = {
            "csv": [
                (
                    "`pandas.read_csv(sep=';')`",
                    lambda p: pd.read_csv(p, sep=";"),
                    "< 1.5 s (parse, check every answer and aggregate)",
                    lambda ours, _: ours < 1.5,
                )
            ],
            "xlsx": [
                (
                    "`pandas.read_excel(engine='openpyxl')`",
                    lambda p: pd.read_excel(p, engine="openpyxl"),
                    "ratio <= 1 (faster than pandas reading alone)",
                    lambda ours, theirs: ours <= theirs,
                ),
                (
                    "`pandas.read_excel(engine='calamine')`",
                    lambda p: pd.read_excel(p, engine="calamine"),
                    "none set (the floor of reading the same cells)",
                    None,
                ),
            ],
        }
        for kind, path in paths.items():
            ours, peak = measure(lambda p=path: read_and_aggregate(p, profile), cfg.xlsform_runs)
            size = path.stat().st_size / 1024 / 1024
            for name, func, target, check in baselines[kind]:
                theirs, _ = measure(lambda p=path, f=func: f(p), runs=cfg.xlsform_runs)
                rows.append(
                    Row(
                        name=f"read + aggregate {cells} (KoboToolbox {kind}, {size:.1f} MB)",
                        median_s=ours,
                        runs=cfg.xlsform_runs,
                        peak_mb=peak,
                        memory="tracemalloc",
                        baseline=name,
                        baseline_s=theirs,
                        target=target,
                        met=None if check is None else check(ours, theirs),
                    )
                )
    return rows


BENCHMARKS: dict[str, Callable[[Config], list[Row]]] = {
    "startup": bench_startup,
    "workbook": bench_workbook,
    "scoring": bench_scoring,
    "smaa": bench_smaa,
    "demo": bench_demo,
    "report": bench_report,
    "monitor": bench_monitor,
    "xlsform": bench_xlsform,
}


def child(name: str) -> int:
    """Work done in a fresh process for ``bench_report``; prints one JSON line."""
    import bench_reports

    if name == "report":
        scorecard, prioritization, comparison = bench_reports.inputs()
        seconds, n_files, size = bench_reports.build_once(scorecard, prioritization, comparison)
        print(json.dumps({"seconds": seconds, "files": n_files, "bytes": size}))
    else:
        print(json.dumps({"seconds": bench_reports.baseline_charts()}))
    return 0


# --------------------------------------------------------------------------- output


def table(rows: list[Row]) -> str:
    lines = [
        "| benchmark | median | runs | peak memory | baseline | baseline median | ratio "
        "| target | met? |",
        "|---|---:|---:|---:|---|---:|---:|---|:-:|",
    ]
    for r in rows:
        median = _seconds(r.median_s) + (f" ({r.extra})" if r.extra else "")
        peak = f"{r.peak_mb:.1f} MiB ({r.memory})" if r.peak_mb is not None else "n/a"
        base = _seconds(r.baseline_s) if r.baseline_s is not None else "n/a"
        if r.baseline_extra:
            base += f" ({r.baseline_extra})"
        met = "n/a" if r.met is None else ("yes" if r.met else "**NO**")
        lines.append(
            f"| {r.name} | {median} | {r.runs} | {peak} | {r.baseline} | {base} "
            f"| {_ratio(r.ratio)} | {r.target} | {met} |"
        )
    return "\n".join(lines)


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def machine() -> list[str]:
    """CPU, cores, RAM, OS, Python and library versions, one Markdown bullet each."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    mem_kb = next(
        (
            int(line.split()[1])
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )
    os_name = next(
        (
            line.split("=", 1)[1].strip().strip('"')
            for line in _read("/etc/os-release").splitlines()
            if line.startswith("PRETTY_NAME=")
        ),
        platform.system(),
    )
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    libs = ", ".join(
        f"{name} {version(name)}" for name in ("mgi", "numpy", "pandas", "openpyxl", "matplotlib")
    )
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores ({usable} usable by this process)",
        f"- RAM: {mem_kb / 2**20:.1f} GiB",
        f"- OS: {os_name} ({platform.system()} {platform.release()}, {platform.machine()})",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- Libraries: {libs}",
        f"- Commit: {commit} (the working tree may have had uncommitted changes)",
    ]


NOTES = """\
How each row is measured (medians over the runs shown, after one warm-up; ratio = mgi median /
baseline median, so below 1 means mgi is faster):

- **start-up**: wall time of `mgi --help` in a child process against `python -c pass` (the same
  interpreter). The heavy-import check runs `mgi.cli.main(["--help"])` in a child and lists
  which of numpy/pandas/matplotlib/openpyxl/scipy ended up in `sys.modules`.
- **import + validate**: `mgi.workbook.read_assessment` on the bundled demo questionnaire
  `data/demo/mgi-national-2023.xlsx` against `pandas.read_excel(sheet_name=None)` of the same
  file, in process (`bench_workbook.measure`).
- **`mgi validate`**: `python -m mgi validate FILE` on the same file in a child process
  (imports included), run alternately with the same command on the code of the last commit
  that imported pandas and numpy on this path (`cb54caf`, extracted with `git archive` into a
  temporary folder and run from there; without git, the baseline is `python -c pass`). Both
  cells add the median processor time of the child (user + system, which the load of a shared
  machine hardly changes). The median cell also lists which of
  numpy/pandas/matplotlib/openpyxl/scipy the command imports (a child runs
  `mgi.cli.main(["validate", FILE])` and looks in `sys.modules`) and the time of its imports
  (`python -X importtime -m mgi validate FILE`: the cumulative time of every top-level import).
  With `hyperfine -N` in one session: 489 ms before against 210 ms after (means of 20 runs) at
  load 2-3, 1.24 s against 0.51 s (30 runs) at load 7-8; `import pandas` alone took 0.2-0.4 s.
- **read + score**: `read_assessment` + `score` for every workbook of a folder of copies of 20
  distinct filled `mgi-national` templates (`bench_scoring`), against reading the same files
  with `pandas.read_excel`; the two are interleaved run by run. Memory is traced on a separate
  20-file batch (tracemalloc slows openpyxl several-fold, so the full batch is not traced).
- **SMAA**: `mgi.prioritization.smaa` with 100,000 uniform weight samples on the 23 x 6 criteria
  matrix built from the demo inputs (`build_criteria_matrix`, as `mgi demo` does), per method
  (`bench_prioritization.measure`). Baseline: the numpy floor of the same work, run alternately
  with mgi: the same weight samples drawn batch by batch, the method's plainest numpy kernel, one
  argsort per sample and a `bincount` of (objective, rank), with no tie handling, central weights
  or checks (`bench_prioritization.floor_smaa`). The section below the table covers 23-500
  alternatives and 10⁴-10⁶ samples.
- **`mgi demo`** and **`mgi report`**: the whole command in a child process writing to a
  temporary folder (`mgi report` with the README's tour 3 inputs: both rounds, consultation,
  experts, weights). Baseline: the same command with the charts drawn as before issue 20, one
  process (`MGI_CHART_WORKERS=1`) and a PDF of each chart (`--formats png,svg,pdf`), run
  alternately with ours so that the machine's load hits both alike. The demo also has the
  import floor of its libraries as a second baseline. The outputs of our runs are compared
  byte for byte (SHA-256 of every file); the name of the row says whether they were the same.
- **report build alone**: `bench_reports.inputs()` + `build_report` in a fresh child process
  per run; only `build_report` is timed, the peak RSS covers the whole child. Baseline: plain
  matplotlib drawing 9 bar charts of 23 bars, saving each as PNG (300 dpi) and SVG and all of
  them into one multi-page PDF (`bench_reports.baseline_charts`), also in a fresh child: the
  charting floor of a report.
- **consolidate**: `mgi.monitor.files.monitor_files` (what `mgi monitor report` does before it
  writes the report: the plan read and checked, every progress workbook read and checked, the
  last period consolidated with the three before it as the trend) on a synthetic plan of 120
  measures led by 40 institutions and their illustrative progress workbooks of 2025-H1 to
  2026-H2, written in a temporary folder by the demo's generators (`bench_monitor`). Baseline:
  `pandas.read_excel(sheet_name=None, engine='calamine')` of the same 160 workbooks, no checks;
  the two run in turn with mgi's reading alone (`read_progress_workbook` of every file, given
  in the median cell), after a warm-up of each.
- **read + aggregate** (`xlsform`): 10,000 submissions of the default profile's consultation
  form, drawn at random (`bench_xlsform.export_frame`: groups, attributes, one answer in twenty
  "don't know") and written as KoboToolbox writes them, CSV with semicolons and xlsx; timed:
  `read_consultation` (the export recognised, every answer checked) then
  `summarise_consultation` (means per group and question, group weights, agreement), against
  pandas reading the same file into a DataFrame and nothing else. The xlsx reading includes
  the opener's safety pass over the archive.
- Memory: "child RSS" is the peak resident set size of the child process from `os.wait4`
  (the largest over the runs); "tracemalloc" is the peak of Python allocations (numpy buffers
  included, interpreter and shared libraries not) during one separate traced run. The two are
  not comparable with each other.
"""


def load_average() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def results_markdown(rows: list[Row], cfg: Config, elapsed: float, loads: tuple[str, str]) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    mode = "quick (`--quick`)" if cfg.quick else "full"
    return "\n".join(
        [
            "# Benchmark results",
            "",
            "Generated by `python benchmarks/run.py --write`; do not edit by hand.",
            "",
            f"- Date: {now}; mode: {mode}; suite wall time {elapsed:.0f} s",
            f"- Load average (1/5/15 min) before the run: {loads[0]}; after: {loads[1]} "
            "(other work on the machine inflates the medians)",
            *machine(),
            "",
            table(rows),
            "",
            NOTES,
            *(SECTIONS[name] for name in GROUPS if name in SECTIONS),
            "## Reproduce",
            "",
            "```sh",
            'pip install -e ".[test]"',
            "python benchmarks/run.py --write   # full run (several minutes), rewrites this file",
            "python benchmarks/run.py --quick   # fewer repetitions, prints the table only",
            "python benchmarks/run.py --only smaa --only workbook",
            "```",
            "",
        ]
    )


#: The first words of the row names of each group (how ``--write --only`` finds them).
ROW_PREFIXES = {
    "startup": ("start-up",),
    "workbook": ("import + validate", "`mgi validate"),
    "scoring": ("read + score",),
    "smaa": ("SMAA",),
    "demo": ("`mgi demo`",),
    "report": ("`mgi report`", "report build"),
    "monitor": ("consolidate",),
    "xlsform": ("read + aggregate",),
}


def refresh_rows(text: str, rows: list[Row], groups: Sequence[str], cfg: Config) -> str:
    """RESULTS.md with the rows of ``groups`` replaced by ``rows`` (the other rows, measured
    in another run, are kept; a line under the table says which rows are newer)."""
    prefixes = tuple(p for g in groups for p in ROW_PREFIXES[g])
    new_lines = table(rows).splitlines()[2:]
    lines = text.splitlines()
    out: list[str] = []
    inserted = False
    for line in lines:
        if line.startswith("| ") and line[2:].startswith(prefixes):
            if not inserted:
                out += new_lines
                inserted = True
            continue
        out.append(line)
    if not inserted:  # no old row of these groups: add them at the end of the first table
        last = next(i for i, line in enumerate(out) if line.startswith("|"))
        while last + 1 < len(out) and out[last + 1].startswith("|"):
            last += 1
        out[last + 1 : last + 1] = new_lines
        first = next(i for i, line in enumerate(out) if line.startswith("|"))
        last = next((i for i in range(first, len(out)) if not out[i].startswith("|")), len(out))
        out[last:last] = new_lines
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    mode = "quick" if cfg.quick else "full"
    note = (
        f"- Rows {', '.join(groups)} refreshed {now} ({mode} mode, load average "
        f"{load_average()}) with `python benchmarks/run.py --write --only ...`; the other rows "
        "are from the run dated above."
    )
    out = [line for line in out if not line.startswith(f"- Rows {', '.join(groups)} refreshed")]
    first_table = next(i for i, line in enumerate(out) if line.startswith("|"))
    out.insert(first_table - 1, note)
    text = "\n".join(out) + "\n"
    first_note = NOTES.splitlines()[0]
    if first_note in text:  # how each row is measured: as the code measures it now
        start = text.index(first_note)
        end = text.find("\n## ", start)
        text = text[:start] + NOTES + (text[end:] if end >= 0 else "")
    for group in groups:  # a group's own section (its heading to the next one) is replaced too
        if group in SECTIONS:
            text = _replace_section(text, SECTIONS[group])
    return text


def _replace_section(text: str, section: str) -> str:
    """``text`` with the section that has ``section``'s heading replaced by it (or, when there
    is none, inserted before "## Reproduce")."""
    heading = section.splitlines()[0]
    body = section.rstrip("\n") + "\n\n"
    if heading in text:
        start = text.index(heading)
        following = text.find("\n## ", start + len(heading))
        end = following + 1 if following >= 0 else len(text)
        return text[:start] + body + text[end:]
    anchor = text.find("## Reproduce")
    if anchor < 0:
        return text.rstrip("\n") + "\n\n" + body
    return text[:anchor] + body + text[anchor:]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--write", action="store_true", help=f"rewrite {RESULTS.name}")
    parser.add_argument(
        "--only", action="append", choices=GROUPS, metavar="NAME", help=f"one of {GROUPS}"
    )
    parser.add_argument("--files", type=int, default=500, help="workbooks in the scoring row (500)")
    parser.add_argument("--child", choices=("report", "report-baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    if args.write and args.files != 500:
        parser.error("--write records the suite as specified: drop --files")
    cfg = Config.make(args.quick, args.files)
    rows: list[Row] = []
    load_before = load_average()
    start = time.perf_counter()
    for name in args.only or GROUPS:
        t0 = time.perf_counter()
        _progress(f"running {name} ...")
        rows += BENCHMARKS[name](cfg)
        _progress(f"  {name} done in {time.perf_counter() - t0:.1f} s")
    elapsed = time.perf_counter() - start
    print(table(rows))
    for name in GROUPS:
        if name in SECTIONS:
            print("\n" + SECTIONS[name])
    if args.write and args.only and RESULTS.exists():
        RESULTS.write_text(refresh_rows(RESULTS.read_text(), rows, args.only, cfg))
        _progress(f"refreshed the {', '.join(args.only)} rows of {RESULTS}")
    elif args.write:
        RESULTS.write_text(results_markdown(rows, cfg, elapsed, (load_before, load_average())))
        _progress(f"wrote {RESULTS}")
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
