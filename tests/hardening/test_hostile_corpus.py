"""Every hostile file of the corpus, through the real command line.

For each entry of :mod:`tests.hardening.corpus` the commands a user would run on it
(``mgi validate``, ``mgi score``, ``mgi prioritize``, ``mgi instruments --show``) must:

* exit with code 1 (the inputs have problems), never 0, 2 or 3 (internal error);
* say on stderr what is wrong and where: the file name, and the sheet/cell/row/setting;
* never print a traceback;
* leave every input byte-identical (SHA-256 before and after);
* leave no output behind when the run failed: ``score -o`` / ``prioritize -o`` must not create
  their output file, and no ``*.part`` temporary file may remain. ``validate --issues-xlsx``
  is the one exception by design: the issues workbook is its output even for an unreadable
  file, so when it exists it must be a complete workbook.

Entity expansion, zip bombs and 100,000-row files must be refused within 2 s and without
large memory.
"""

from __future__ import annotations

import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from tests.hardening.conftest import CliRun, run_cli, tree_hashes
from tests.hardening.corpus import CORPUS, KINDS, Bases, Entry, build

MAX_SECONDS = 2.0
MAX_PEAK_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Command:
    """One command to run on a corpus entry and the output it must not leave behind."""

    args: tuple[object, ...]
    output: Path | None = None  # must not exist after a failed run
    issues_workbook: Path | None = None  # allowed to exist; must then be complete


def session_args(bases: Bases, **replace: Path) -> list[object]:
    """``prioritize`` arguments with the four demo workbooks, some replaced."""
    files = {
        "assessment": bases.national,
        "consultation": bases.consultation,
        "experts": bases.experts,
        "weights": bases.weights,
        **replace,
    }
    args: list[object] = ["prioritize"]
    for option, path in files.items():
        args += [f"--{option}", path]
    return [*args, "--samples", "100", "--method", "wsm"]


def commands(entry: Entry, path: Path, folder: Path, bases: Bases) -> list[Command]:
    """The commands a user would run on this kind of input."""
    score_out = folder / "scores.xlsx"
    prio_out = folder / "priorities.xlsx"
    issues = folder / "issues.xlsx"
    kind = entry.kind
    if kind == "questionnaire":
        return [
            Command(("validate", path, "--issues-xlsx", issues), issues_workbook=issues),
            Command(("score", path, "-o", score_out), output=score_out),
        ]
    if kind in ("consultation", "experts", "weights"):
        return [
            Command(
                ("validate", path, "--kind", kind, "--issues-xlsx", issues),
                issues_workbook=issues,
            ),
            Command((*session_args(bases, **{kind: path}), "-o", prio_out), output=prio_out),
        ]
    if kind == "instrument":
        return [
            Command(("instruments", "--show", path)),
            Command(
                ("score", bases.questionnaire, "--instrument", path, "-o", score_out),
                output=score_out,
            ),
        ]
    if kind == "scheme":
        return [
            Command(
                ("score", bases.questionnaire, "--scheme", path, "-o", score_out),
                output=score_out,
            ),
        ]
    assert kind == "profile"
    return [
        Command(
            ("validate", bases.consultation, "--kind", "consultation", "--profile", path),
        ),
        Command((*session_args(bases), "--profile", path, "-o", prio_out), output=prio_out),
    ]


def run_measured(args: tuple[object, ...], measure: bool) -> tuple[CliRun, int]:
    """Run a command; with ``measure`` also record the peak of traced memory."""
    if not measure:
        return run_cli(*args), 0
    tracemalloc.start()
    try:
        result = run_cli(*args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def describe(result: CliRun) -> str:
    return (
        f"mgi {' '.join(result.args)}\nexit code {result.exit_code}\n"
        f"exception {result.exception!r}\n--- stdout\n{result.stdout[-3000:]}\n"
        f"--- stderr\n{result.stderr[-3000:]}"
    )


def test_corpus_covers_every_importer_and_data_file_kind() -> None:
    per_kind = Counter(e.kind for e in CORPUS)
    assert len(CORPUS) >= 30
    assert set(per_kind) == set(KINDS)
    assert all(per_kind[k] >= 3 for k in KINDS), per_kind


@pytest.mark.parametrize("entry", CORPUS, ids=[e.id for e in CORPUS])
def test_hostile_input_is_refused_cleanly(entry: Entry, tmp_path: Path, bases: Bases) -> None:
    built = build(entry, tmp_path / "in", bases)
    folder = built.folder
    before = tree_hashes(folder, bases.questionnaire.parent)
    listing = {p.name for p in folder.iterdir()}
    for number, command in enumerate(commands(entry, built.path, folder, bases)):
        measure = entry.timed and number == 0
        # CPU time of this process, not wall time: the bound is about the work the refusal
        # takes, and must not fail because other processes share the machine.
        start = time.process_time()
        result, peak = run_measured(command.args, measure)
        elapsed = time.process_time() - start
        info = describe(result)

        assert result.exception is None, info
        assert "Traceback" not in result.text, info
        assert "internal error" not in result.stderr, info
        assert result.exit_code == 1, info
        assert entry.expected_name(built.path) in result.stderr, info
        for fragment in entry.where:
            assert fragment in result.stderr, f"missing {fragment!r}\n{info}"
        if measure:
            assert elapsed < MAX_SECONDS, f"{elapsed:.2f} s\n{info}"
            assert peak < MAX_PEAK_BYTES, f"peak {peak / 1e6:.0f} MB\n{info}"

        if command.output is not None:
            assert not command.output.exists(), f"{command.output.name} left behind\n{info}"
        if command.issues_workbook is not None and command.issues_workbook.exists():
            openpyxl.load_workbook(command.issues_workbook, read_only=True).close()
            command.issues_workbook.unlink()
        left = {p.name for p in folder.iterdir()} - listing
        assert not left, f"left behind: {sorted(left)}\n{info}"
        parts = list(folder.rglob("*.part")) + list(bases.questionnaire.parent.rglob("*.part"))
        assert not parts, f"temporary files left: {parts}\n{info}"

    after = tree_hashes(folder, bases.questionnaire.parent)
    assert after == before, "an input file was changed"
