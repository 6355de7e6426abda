"""Shared fixtures: copies of bundled data folders that a test may break one cell at a time,
and one run of the demo per test session for the tests that only read its outputs."""

from __future__ import annotations

import csv
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mgi._resources import bundled_dir

# Charts are drawn in this process during the tests (the suite already runs on every core);
# tests/reports/test_render.py runs the process pool itself.
os.environ.setdefault("MGI_CHART_WORKERS", "1")


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


def _make_demo(root: Path, *more: str) -> None:
    from click.testing import CliRunner

    from mgi.cli import main

    result = CliRunner().invoke(
        main, ["demo", "--out", str(root / "demo"), "--samples", str(DEMO_SAMPLES), *more]
    )
    (root / "stdout.txt").write_text(result.stdout, encoding="utf-8")
    (root / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    (root / ("done" if result.exit_code == 0 else "failed")).write_text(
        str(result.exit_code), encoding="utf-8"
    )


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> DemoOutput:
    """``mgi demo`` once per test session (every chart format, 500 weight samples), shared by
    all pytest-xdist workers, for the tests that only read its outputs. Do not write into it.

    The first worker to get here makes it (it creates ``claimed`` exclusively); the others
    wait for its ``done`` (or ``failed``) file.
    """
    return _shared_demo(tmp_path_factory, "shared-demo")


@pytest.fixture(scope="session")
def demo_sq_output(tmp_path_factory: pytest.TempPathFactory) -> DemoOutput:
    """``mgi demo --lang sq`` once per test session (PNG and SVG charts, 500 weight samples),
    shared like :func:`demo_output`: the Albanian outputs every language check reads."""
    return _shared_demo(tmp_path_factory, "shared-demo-sq", "--lang", "sq", "--formats", "png,svg")


def _shared_demo(tmp_path_factory: pytest.TempPathFactory, name: str, *more: str) -> DemoOutput:
    """One run of ``mgi demo`` with ``more`` options per test session, made by the first
    worker that asks for it."""
    root = _shared_root(tmp_path_factory) / name
    root.mkdir(exist_ok=True)
    try:
        os.close(os.open(root / "claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        deadline = time.monotonic() + DEMO_TIMEOUT
        while not ((root / "done").exists() or (root / "failed").exists()):
            if time.monotonic() > deadline:
                pytest.fail(f"the shared demo run in {root} did not finish")
            time.sleep(0.2)
    else:
        _make_demo(root, *more)
    stdout = (root / "stdout.txt").read_text(encoding="utf-8")
    stderr = (root / "stderr.txt").read_text(encoding="utf-8")
    assert (root / "done").exists(), stdout + stderr
    return DemoOutput(root / "demo", stdout, stderr)


@pytest.fixture(scope="session")
def demo_run(demo_output: DemoOutput) -> Any:
    """The shared demo's :class:`mgi.run.Run`, computed again (nothing written) from the
    recipe its folder holds."""
    from mgi.run import run

    return run(demo_output.folder / "recipe.toml", write=False)
