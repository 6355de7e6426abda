"""Session fixtures of the hardening tests: pristine base inputs built once, and a helper that
runs the real command line in-process and records what it printed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mgi.cli import main
from tests.hardening.corpus import Bases, make_bases


@pytest.fixture(scope="session")
def bases(tmp_path_factory: pytest.TempPathFactory) -> Bases:
    """Copies of the demo workbooks and bundled data files; tests must never change them."""
    made = make_bases(tmp_path_factory.mktemp("bases"))
    # Warm up: import every reader once, so that timed runs measure the refusal, not imports.
    for args in (
        ("validate", made.questionnaire),
        ("validate", made.consultation, "--kind", "consultation"),
        ("validate", made.experts, "--kind", "experts"),
        ("validate", made.weights, "--kind", "weights"),
    ):
        run_cli(*args)
    return made


@dataclass
class CliRun:
    """What one command printed and how it ended."""

    args: list[str]
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None
    seconds: float

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: object) -> CliRun:
    """Run ``mgi ARGS`` in-process with click's runner (stderr kept apart from stdout)."""
    import time

    argv = [str(a) for a in args]
    start = time.perf_counter()
    result = CliRunner().invoke(main, argv, catch_exceptions=True)
    elapsed = time.perf_counter() - start
    exception = result.exception if not isinstance(result.exception, SystemExit) else None
    return CliRun(argv, result.exit_code, result.stdout, result.stderr, exception, elapsed)


def tree_hashes(*roots: Path) -> dict[Path, str]:
    """SHA-256 of every file under (or at) the given paths."""
    found: dict[Path, str] = {}
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found
