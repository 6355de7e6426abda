"""Tests of ``mgi instruments`` and the command-line conventions shared by every command."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from mgi.cli import main


def test_lists_bundled_instruments() -> None:
    result = CliRunner().invoke(main, ["instruments"])
    assert result.exit_code == 0, result.output
    assert "mgi-national" in result.stdout
    assert "sdg-10-7-2" in result.stdout


def test_list_as_json() -> None:
    result = CliRunner().invoke(main, ["instruments", "--json"])
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["sdg-10-7-2"]["indicators"] == 30
    assert rows["mgi-national"]["objectives_covered"] == 23
    assert rows["mgi-national"]["domains"] == 6


def test_show_prints_tree_and_coverage() -> None:
    result = CliRunner().invoke(main, ["instruments", "--show", "mgi-national"])
    assert result.exit_code == 0, result.output
    assert "D2  Whole-of-government approach" in result.stdout
    assert "GCM23" in result.stdout
    assert "Not covered" not in result.stdout


def test_show_unknown_instrument_exits_1_without_traceback() -> None:
    result = CliRunner().invoke(main, ["instruments", "--show", "nope"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "no bundled instrument" in result.stderr


def test_broken_instrument_lists_every_problem(instrument_copy) -> None:
    from tests.conftest import edit_csv

    folder = instrument_copy()
    edit_csv(folder / "indicators.csv", 3, "code", "D1.a")
    edit_csv(folder / "indicators.csv", 7, "weight", "-2")
    result = CliRunner().invoke(main, ["instruments", "--show", str(folder)])
    assert result.exit_code == 1
    assert "[indicators.csv, row 3, column code]" in result.stderr
    assert "[indicators.csv, row 7, column weight]" in result.stderr


def test_unknown_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["instruments", "--bogus"])
    assert result.exit_code == 2


def test_python_dash_m_alias() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mgi", "--version"], capture_output=True, text=True, check=True
    )
    assert "mgi" in result.stdout
