"""Hostile and broken progress workbooks are refused cleanly by mgi monitor report: exit code
1, a message naming the file, no traceback, nothing written, the input unchanged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mgi.cli import main
from tests.plan.conftest import draft, filled, filled_file  # noqa: F401


def _files(tmp: Path, plan_file: Path) -> dict[str, Path]:
    csv = tmp / "renamed.xlsx"
    csv.write_text("code,status\nSO1.M1,Completed\n", encoding="utf-8")
    empty = tmp / "empty.xlsx"
    empty.write_bytes(b"")
    bomb = tmp / "entities.xlsx"
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">'
            '<!ENTITY b "&a;&a;&a;&a;">]><Types>&b;</Types>',
        )
    return {"csv": csv, "empty": empty, "entities": bomb, "plan": plan_file}


@pytest.mark.parametrize("kind", ["csv", "empty", "entities", "plan"])
def test_refused_cleanly(kind: str, filled_file: Path, tmp_path: Path) -> None:  # noqa: F811
    bad = _files(tmp_path, filled_file)[kind]
    before = bad.read_bytes()
    out = tmp_path / "report"
    result = CliRunner().invoke(
        main, ["monitor", "report", "--plan", str(filled_file), str(bad), "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert bad.name in result.output
    assert not out.exists()
    assert bad.read_bytes() == before
