"""Shared fixtures: copies of bundled data folders that a test may break one cell at a time."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mgi._resources import bundled_dir


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
