"""mgi plan template / check / report through the command line: exit codes, what is printed,
nothing written when it must not be."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from mgi.cli import main
from tests.plan.conftest import make_draft, make_priorities_workbook


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from mgi.demo.plan import fill_demo_plan
    from mgi.plan.workbook import write_plan_workbook

    folder = tmp_path_factory.mktemp("cli")
    filled = fill_demo_plan(make_draft())
    return {
        "priorities": make_priorities_workbook(folder / "priorities.xlsx"),
        "plan": write_plan_workbook(filled, folder / "plan.xlsx"),
        "folder": folder,
    }


def test_template(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = run(
        "plan",
        "template",
        "--priorities",
        files["priorities"],
        "--start",
        "2026-Q1",
        "--currency",
        "eur",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert "no assessment was given" in result.stderr.casefold()  # plan.no_baseline
    assert "One specific objective for the objective the working group included" in result.stderr
    ws = load_workbook(out)["Instructions"]
    settings = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, 20)
    }
    assert settings["First quarter"] == "2026-Q1" and settings["Last quarter"] == "2028-Q4"
    assert settings["Currency"] == "EUR" and settings["Country"] == "Testland"
    again = run(
        "plan", "template", "--priorities", files["priorities"], "--start", "2026-Q1", "-o", out
    )
    assert again.exit_code == 2 and "already exists" in again.stderr  # a template is kept
    assert (
        run(
            "plan",
            "template",
            "--priorities",
            files["priorities"],
            "--start",
            "2026-Q1",
            "-o",
            out,
            "--force",
        ).exit_code
        == 0
    )


def test_template_in_albanian(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "plani.xlsx"
    result = run(
        "plan",
        "template",
        "--priorities",
        files["priorities"],
        "--start",
        "2026-Q1",
        "--lang",
        "sq",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    assert "Një objektiv specifik" in result.stderr
    assert load_workbook(out).sheetnames[1] == "Masat"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--start", "spring"), 2),
        (("--start", "2026-Q1", "--end", "2025-Q4"), 1),
        (("--start", "2026-Q1", "--top", "30"), 2),
    ],
)
def test_template_usage(files: dict[str, Path], tmp_path: Path, args: tuple, code: int) -> None:
    result = run(
        "plan", "template", "--priorities", files["priorities"], *args, "-o", tmp_path / "p.xlsx"
    )
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


def test_template_never_writes_over_an_input(files: dict[str, Path]) -> None:
    before = files["priorities"].read_bytes()
    result = run(
        "plan",
        "template",
        "--priorities",
        files["priorities"],
        "--start",
        "2026-Q1",
        "-o",
        files["priorities"],
        "--force",
    )
    assert result.exit_code == 2 and "is also an input" in result.stderr
    assert files["priorities"].read_bytes() == before


def test_check(files: dict[str, Path]) -> None:
    result = run("plan", "check", files["plan"])
    assert result.exit_code == 0, result.output
    assert "plan.xlsx: 0 error(s), 0 warning(s)." in result.stdout
    assert "Total cost" in result.stdout and "financing gap" in result.stdout
    payload = json.loads(run("plan", "check", files["plan"], "--json").stdout)
    assert payload["errors"] == 0 and len(payload["digest"]) == 64
    assert payload["totals"]["measures"] == 6 and payload["totals"]["currency"] == "ALL"


def test_check_lists_every_problem_in_the_language_asked(
    files: dict[str, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xlsx"
    shutil.copy(files["plan"], broken)
    wb = load_workbook(broken)
    wb["Measures"]["I6"] = None
    wb["Measures"]["K7"] = "2025-Q9"
    wb.save(broken)
    result = run("plan", "check", broken, "--lang", "sq")
    assert result.exit_code == 1
    assert "gabim: [broken.xlsx, fleta Measures, qeliza I6] Masa SO1.M1 nuk ka institucion" in (
        result.stderr
    )
    assert '[broken.xlsx, fleta Measures, qeliza K7] "2025-Q9" nuk është tremujor.' in result.stderr
    payload = json.loads(run("plan", "check", broken, "--json").stdout)
    assert {i["rule"] for i in payload["issues"]} == {"plan.no_lead", "plan.bad_quarter"}


def test_report_refuses_a_plan_with_errors(files: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    shutil.copy(files["plan"], broken)
    wb = load_workbook(broken)
    wb["Measures"]["I6"] = None
    wb.save(broken)
    result = run("plan", "report", broken, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "1 error" in result.stderr
    assert not (tmp_path / "out").exists()


def test_report(files: dict[str, Path], tmp_path: Path) -> None:
    result = run("plan", "report", files["plan"], "-o", tmp_path / "out", "--formats", "png")
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    assert str(tmp_path / "out" / "action-plan.docx") in written and len(written) == 5
    inside = run("plan", "report", files["plan"], "-o", files["folder"])
    assert inside.exit_code == 2 and "holds the input" in inside.stderr


def test_a_plan_given_to_validate_is_sent_to_mgi_plan(files: dict[str, Path]) -> None:
    result = run("validate", files["plan"])
    assert result.exit_code == 1 and "mgi plan check plan.xlsx" in result.stderr
