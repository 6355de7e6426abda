"""Hostile and broken action plans through ``mgi plan check`` and ``mgi plan report``.

Every workbook of the hostile corpus (:mod:`tests.hardening.corpus`: zip bombs, entity
expansion, encrypted, legacy and renamed files, damaged archives, 100,000 junk rows, other kinds
of workbook) and the plan-specific entries below must be refused as the importers refuse them:
exit code 1, the file named, no traceback, the input byte-identical, no report folder and no
temporary file left; the timed ones within 2 seconds. A plan whose cells hold text that looks
like a formula is read as text and reported without ever becoming a formula.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.hardening.conftest import run_cli, tree_hashes
from tests.hardening.corpus import (
    CORPUS,
    Bases,
    build,
    laughs_sheet,
    rezip,
    sheet_member,
)

#: The corpus's workbooks (its junk-row files are left to the plan's own, which reaches the
#: Measures sheet rather than being refused as another kind of workbook).
WORKBOOKS = [
    e
    for e in CORPUS
    if e.kind in ("questionnaire", "consultation", "experts", "weights") and "100000" not in e.id
]
MAX_SECONDS = 2.0


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mgi.demo.plan import fill_demo_plan
    from mgi.plan.workbook import write_plan_workbook
    from tests.plan.conftest import make_draft

    folder = tmp_path_factory.mktemp("plan")
    return write_plan_workbook(fill_demo_plan(make_draft()), folder / "plan.xlsx")


@pytest.fixture(scope="module", autouse=True)
def warm(plan_file: Path) -> None:
    """Import the plan's modules once, so that timed runs measure the refusal, not imports."""
    assert run_cli("plan", "check", plan_file).exit_code == 0


def refused_cleanly(path: Path, folder: Path, *, timed: bool = False) -> str:
    """Run check and report on ``path``; assert the clean refusal; return what check said."""
    before = tree_hashes(folder)
    listing = {p.name for p in folder.iterdir()}
    said = ""
    for number, args in enumerate(
        (("plan", "check", path), ("plan", "report", path, "-o", folder / "out"))
    ):
        start = time.perf_counter()
        result = run_cli(*args)
        elapsed = time.perf_counter() - start
        info = f"{args}\nexit {result.exit_code}\n{result.stderr[-2000:]}"
        assert result.exception is None, info
        assert "Traceback" not in result.text and "internal error" not in result.stderr, info
        assert result.exit_code == 1, info
        assert path.name in result.stderr, info
        if timed and number == 0:
            assert elapsed < MAX_SECONDS, f"{elapsed:.2f} s\n{info}"
        said = said or result.stderr
    assert not (folder / "out").exists()
    assert {p.name for p in folder.iterdir()} == listing
    assert not list(folder.rglob("*.part"))
    assert tree_hashes(folder) == before, "an input file was changed"
    return said


@pytest.mark.parametrize("entry", WORKBOOKS, ids=[e.id for e in WORKBOOKS])
def test_hostile_workbooks_are_refused_as_plans(entry: Any, tmp_path: Path, bases: Bases) -> None:
    built = build(entry, tmp_path / "in", bases)
    refused_cleanly(built.path, built.folder, timed=entry.timed)


def _edit(source: Path, target: Path, edit: Callable[[Any], None]) -> Path:
    shutil.copy(source, target)
    wb = load_workbook(target)
    edit(wb)
    wb.save(target)
    return target


def _merged(wb: Any) -> None:
    wb["Measures"].merge_cells("K6:K7")


def _formula(wb: Any) -> None:
    wb["Measures"]["M6"] = "=1000*3"  # openpyxl saves it without a calculated value


def _no_indicators(wb: Any) -> None:
    del wb["Indicators"]


def _junk_rows(source: Path, target: Path) -> Path:
    """The Measures sheet with 100,000 rows of junk below it (written as XML directly)."""
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(1, 100_001))
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'
    ).encode()
    return rezip(source, target, {sheet_member(source, "Measures"): xml})


#: (id, how to break the plan, rule and where it must be reported, timed)
PLANS = [
    ("merged-cells", lambda s, d: _edit(s, d, _merged), ("workbook.merged_cells", "K6"), False),
    (
        "formula-without-value",
        lambda s, d: _edit(s, d, _formula),
        ("workbook.formula_no_value", "M6"),
        False,
    ),
    (
        "no-indicators-sheet",
        lambda s, d: _edit(s, d, _no_indicators),
        ("plan.missing_sheet", None),
        False,
    ),
    ("100000-junk-rows", _junk_rows, ("workbook.too_large", None), True),
    (
        "billion-laughs-measures",
        lambda s, d: rezip(s, d, {sheet_member(s, "Measures"): laughs_sheet()}),
        ("workbook.unsafe_xml", None),
        True,
    ),
    (
        "truncated",
        lambda s, d: d.write_bytes(s.read_bytes()[: len(s.read_bytes()) // 2]) and d,
        ("workbook.corrupt", None),
        True,
    ),
]


@pytest.mark.parametrize(("name", "make", "expected", "timed"), PLANS, ids=[p[0] for p in PLANS])
def test_broken_plans_are_refused_cleanly(
    name: str, make: Callable, expected: tuple, timed: bool, plan_file: Path, tmp_path: Path
) -> None:
    from mgi.plan.files import check_plan_file

    folder = tmp_path / "in"
    folder.mkdir()
    path = make(plan_file, folder / f"{name}.xlsx")
    refused_cleanly(path, folder, timed=timed)
    rule, cell = expected
    try:
        issues = check_plan_file(path).issues
    except Exception as exc:  # refused as a whole: the one issue of the error
        issues = exc.issues  # type: ignore[attr-defined]
    assert (rule, cell) in {(i.rule, i.cell) for i in issues}


def test_text_that_looks_like_a_formula_stays_text(plan_file: Path, tmp_path: Path) -> None:
    """The plan's text goes into the results workbook as text, never as a formula (the whole
    report through the command line is in tests/cli/test_plan.py)."""
    from mgi.plan.files import check_plan_file
    from mgi.plan.report import plan_tables, results_workbook
    from mgi.workbook.results import write_results_workbook
    from mgi.workbook.style import write_text

    hostile = '=HYPERLINK("http://evil.example","click")'
    path = _edit(
        plan_file, tmp_path / "plan.xlsx", lambda wb: write_text(wb["Measures"]["C6"], hostile)
    )
    checked = check_plan_file(path)
    assert checked.errors == [] and checked.plan.measures[0].measure == hostile
    out = write_results_workbook(
        results_workbook(checked.plan, plan_tables(checked.plan), "en"), tmp_path / "r.xlsx"
    )
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml for xml in sheets)
    ws = load_workbook(out)["Measures"]
    found = [c for row in ws.iter_rows() for c in row if c.value == hostile]
    assert found and all(c.data_type == "s" for c in found)
