"""Shared fixtures: copies of bundled data folders that a test may break one cell at a time,
and one run of the demo per test session for the tests that only read its outputs."""

from __future__ import annotations

import csv
import gc
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mgi._resources import bundled_dir
from mgi.cli._app import GC_THRESHOLD

# Charts are drawn in this process during the tests (the suite already runs on every core);
# tests/reports/test_render.py runs the process pool itself. So do the sampling runs.
os.environ.setdefault("MGI_CHART_WORKERS", "1")
os.environ.setdefault("MGI_THREADS", "1")
# Garbage is collected as the mgi program collects it (mgi.cli._app.entry), from here on:
# collecting the tests (importing and rewriting every test module) takes a third less time.
gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


#: Fixtures whose tests run last: they read renders that LibreOffice makes in the background
#: once both shared demos are made (word_renders), and Chromium's renders of them (rendered).
_RUN_LAST = ("word_renders", "rendered")


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected tests
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start the shared demos the selected tests need, in the background (the first worker
    to get here starts each), and order the tests for pytest-xdist, which hands them out in
    this order: the tests of the renders last (by then the demos are made and LibreOffice
    has rendered their Word documents in the background); the others as collected."""
    if not config.option.collectonly:
        # (the factory behind the tmp_path_factory fixture: the same shared folder)
        root = _shared_root(config._tmp_path_factory)  # type: ignore[attr-defined]
        for fixture, name in _DEMO_FIXTURES.items():
            if any(fixture in getattr(item, "fixturenames", ()) for item in items):
                _start_demo(root, name)

    def place(item: pytest.Item) -> int:
        return int(any(name in getattr(item, "fixturenames", ()) for name in _RUN_LAST))

    items.sort(key=place)  # stable: the collection order within each place


def pytest_collection_finish(session: pytest.Session) -> None:
    """Leave the modules and tests collected so far out of every later garbage collection."""
    gc.collect()
    gc.freeze()


@pytest.fixture
def instrument_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a bundled instrument folder into tmp_path and return the copy's path."""

    def make(name: str = "sdg-10-7-2") -> Path:
        target = tmp_path / name
        shutil.copytree(bundled_dir("questionnaires") / name, target)
        return target

    return make


def edit_csv(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file; ``row`` is the spreadsheet row (header = 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    col = rows[0].index(column)
    rows[row - 1][col] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


# -- one demo run per test session ----------------------------------------------------------------

#: Weight samples of the shared demo run (the sampling itself is tested elsewhere).
DEMO_SAMPLES = 500
#: How long a worker waits for another worker's demo run before giving up (seconds).
DEMO_TIMEOUT = 900


@dataclass(frozen=True)
class DemoOutput:
    """What ``mgi demo`` wrote and printed."""

    folder: Path
    stdout: str
    stderr: str

    def files(self) -> list[Path]:
        """Every file of the output folder (marker files included), sorted."""
        return sorted(p for p in self.folder.rglob("*") if p.is_file())


def _shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shared by every pytest-xdist worker of this test session (the session's own
    temporary folder without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


#: The shared demos: their folder → the options of ``mgi demo`` beside ``--samples``.
SHARED_DEMOS = {
    "shared-demo": (),
    "shared-demo-sq": ("--lang", "sq", "--formats", "png,svg"),
}
_DEMO_FIXTURES = {"demo_output": "shared-demo", "demo_sq_output": "shared-demo-sq"}


#: ``mgi`` with a missing translation an error, as in the tests (``python -W`` cannot name a
#: warning of a package before the interpreter has set up its paths).
_MGI_STRICT = (
    "import sys, warnings; from mgi.i18n.fallback import MissingTranslationWarning as W; "
    "warnings.simplefilter('error', W); from mgi.cli import entry; sys.argv[0] = 'mgi'; entry()"
)


def _start_demo(root: Path, name: str) -> None:
    """Start ``mgi demo`` for the shared demo ``name`` in the background, as a person runs it
    (its own process; a translation missing is an error, as in the tests), unless a worker
    has started it already (it creates ``claimed`` exclusively). It writes ``done`` (or
    ``failed``, with the exit code) when it ends, its output in stdout.txt and stderr.txt."""
    from tests.reports import rendering

    folder = root / name
    if rendering.claim(folder):
        command = [sys.executable, "-c", _MGI_STRICT, "demo", "--out", str(folder / "demo"),
                   "--samples", str(DEMO_SAMPLES), *SHARED_DEMOS[name]]  # fmt: skip
        rendering.in_background(folder, command)


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> DemoOutput:
    """``mgi demo`` once per test session (every chart format, 500 weight samples), shared by
    all pytest-xdist workers, for the tests that only read its outputs. Do not write into it.

    It runs in the background from the moment the tests are collected (:func:`_start_demo`);
    the tests that read it wait for its ``done`` (or ``failed``) file.
    """
    return _shared_demo(tmp_path_factory, "shared-demo")


@pytest.fixture(scope="session")
def demo_sq_output(tmp_path_factory: pytest.TempPathFactory) -> DemoOutput:
    """``mgi demo --lang sq`` once per test session (PNG and SVG charts, 500 weight samples),
    shared like :func:`demo_output`: the Albanian outputs every language check reads."""
    return _shared_demo(tmp_path_factory, "shared-demo-sq")


def _shared_demo(tmp_path_factory: pytest.TempPathFactory, name: str) -> DemoOutput:
    """The shared demo ``name`` (:data:`SHARED_DEMOS`), once it is made: started in the
    background when the tests were collected (or now, if it was not)."""
    from tests.reports import rendering

    root = _shared_root(tmp_path_factory) / name
    _start_demo(root.parent, name)
    rendering.wait_for(root, timeout=DEMO_TIMEOUT)
    _start_renders(root.parent)
    stdout = (root / "stdout.txt").read_text(encoding="utf-8")
    stderr = (root / "stderr.txt").read_text(encoding="utf-8")
    return DemoOutput(root / "demo", stdout, stderr)


#: The shared demos' Word documents the suite renders with LibreOffice: name → (the shared
#: demo's folder, the document in its output).
WORD_DOCUMENTS = {
    "annex-en": ("shared-demo", "report/strategy-annex.docx"),
    "annex-sq": ("shared-demo-sq", "report/strategy-annex.docx"),
    "monitor-en": ("shared-demo", "monitor/monitoring-report.docx"),
    "plan-sq": ("shared-demo-sq", "plan/action-plan.docx"),
}


#: The shared demos' reports the suite renders with Chromium: language → the shared demo.
HTML_REPORTS = {"en": "shared-demo", "sq": "shared-demo-sq"}
#: The repository folder (where ``tests`` is a package, for the renders' own processes).
ROOT = Path(__file__).resolve().parents[1]


def _start_renders(root: Path) -> None:
    """Once both shared demos are made, render them in the background, so that no worker
    waits for it: their Word documents with LibreOffice (``shared-word``, one start for all)
    and their HTML reports with Chromium (``shared-html``). The first worker to see both
    demos done starts each; each writes ``done`` (or ``failed``) when it ends."""
    from tests.reports import rendering

    demos = {demo for demo, _ in WORD_DOCUMENTS.values()} | set(HTML_REPORTS.values())
    if not all((root / demo / "done").exists() for demo in demos):
        return
    word = {name: root / demo / "demo" / path for name, (demo, path) in WORD_DOCUMENTS.items()}
    pages = {lang: root / demo / "demo" / "report" for lang, demo in HTML_REPORTS.items()}
    for name, command in (
        ("shared-word", lambda folder: rendering.word_command(word, folder)),
        ("shared-html", lambda folder: rendering.html_command(pages, folder)),
    ):
        folder = root / name
        if rendering.claim(folder):
            rendering.in_background(folder, command(folder), cwd=ROOT)


@pytest.fixture(scope="session")
def word_renders(
    demo_output: DemoOutput, demo_sq_output: DemoOutput, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The shared demos' Word documents as LibreOffice renders them (PDF), all in one start of
    LibreOffice per test session, in the background from the moment both demos are made
    (:data:`WORD_DOCUMENTS`: ``annex-en``, ``annex-sq`` (the strategy annexes),
    ``monitor-en`` (the monitoring report) and ``plan-sq`` (the Albanian action plan))."""
    from tests.reports import rendering

    root = _shared_root(tmp_path_factory)
    _start_renders(root)  # (started already unless both demos were made elsewhere)
    folder = rendering.wait_for(root / "shared-word")
    pdfs = {name: folder / f"{name}.pdf" for name in WORD_DOCUMENTS}
    missing = [name for name, pdf in pdfs.items() if not pdf.is_file()]
    assert not missing, f"LibreOffice did not render {missing} (in {folder})"
    return pdfs


@pytest.fixture(scope="session")
def process_pool() -> Any:
    """Two worker processes as an output folder's writing opens them
    (:func:`mgi.reports.render.worker_pool`), once per test session for every test of work
    done in a pool (a pool's workers start by importing mgi and matplotlib)."""
    from mgi.reports.render import worker_pool

    with worker_pool(2, workers=2, modules=["mgi.plan.report", "mgi.plan.workbook"]) as pool:
        assert pool is not None
        yield pool


@pytest.fixture(scope="session")
def demo_run(demo_output: DemoOutput) -> Any:
    """The shared demo's :class:`mgi.run.Run`, computed again (nothing written) from the
    recipe its folder holds."""
    from mgi.run import run

    return run(demo_output.folder / "recipe.toml", write=False)
