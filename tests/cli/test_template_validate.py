"""``mgi template`` and ``mgi validate`` through click's CliRunner: exit codes, JSON, issue
workbooks, and input files left unchanged."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from mgi.cli import main


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "sdg.xlsx"
    result = run(
        "template",
        "--instrument",
        "sdg-10-7-2",
        "-o",
        out,
        "--country",
        "Testland",
        "--round",
        "2024",
    )
    assert result.exit_code == 0, result.output
    return out


def answer_every_question(wb, value) -> None:
    """Type ``value`` in the Answer cell (column E) of every question of a template."""
    for ws in wb.worksheets:
        if ws.cell(row=3, column=1).value != "Code":
            continue
        for row in range(4, ws.max_row + 1):
            if ws.cell(row=row, column=1).value:
                ws.cell(row=row, column=5).value = value


@pytest.fixture(scope="module")
def filled(blank, tmp_path_factory) -> Path:
    wb = openpyxl.load_workbook(blank)
    answer_every_question(wb, "No")
    out = tmp_path_factory.mktemp("cli") / "filled.xlsx"
    wb.save(out)
    return out


def test_template_writes_a_workbook(blank):
    assert openpyxl.load_workbook(blank).sheetnames[:2] == ["Instructions", "Metadata"]


def test_template_for_an_instrument_folder(tmp_path):
    folder = Path(__file__).resolve().parents[2] / "questionnaires" / "sdg-10-7-2"
    result = run("template", "--instrument", folder, "-o", tmp_path / "q.xlsx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "q.xlsx").is_file()


def test_template_usage_errors(tmp_path):
    assert run("template", "--instrument", "sdg-10-7-2").exit_code == 2  # no -o
    assert run("template", "-o", tmp_path / "q.xlsx", "--round", "soon").exit_code == 2


def test_validate_good_file_exits_0(filled):
    before = sha(filled)
    result = run("validate", filled)
    assert result.exit_code == 0, result.output
    assert "Country:     Testland" in result.output
    assert "0 errors, 0 warnings" in result.output
    assert sha(filled) == before


def test_validate_incomplete_file_exits_1_or_0_with_allow_incomplete(filled, tmp_path):
    wb = openpyxl.load_workbook(filled)
    ws = next(ws for ws in wb.worksheets if ws.cell(row=3, column=1).value == "Code")
    ws.cell(row=4, column=5).value = None
    partly = tmp_path / "partly.xlsx"
    wb.save(partly)
    before = sha(partly)
    assert run("validate", partly).exit_code == 1
    result = run("validate", partly, "--allow-incomplete")
    assert result.exit_code == 0, result.output
    assert "1 without answer" in result.output
    assert "assessment.incomplete" not in result.output  # the message, not the code
    assert "Only 29 of the 30 applicable questions are answered (97% coverage)" in result.output
    assert sha(partly) == before


def test_validate_blank_template_gives_one_summary(blank):
    """106 (here 30) identical "no answer" lines help nobody: one line says the file looks
    unfilled, and --allow-incomplete does not make a blank file pass."""
    before = sha(blank)
    for extra in ((), ("--allow-incomplete",)):
        result = run("validate", blank, *extra)
        assert result.exit_code == 1
        problems = [x for x in result.stderr.splitlines() if x.startswith(("error", "warning"))]
        assert len(problems) == 2, problems
        assert "looks like a blank template" in problems[0]
        assert "30 further problem(s) of the kind answer.missing" in problems[1]
        assert "--issues-xlsx" in problems[1]
    assert sha(blank) == before


def test_validate_json(blank):
    result = CliRunner().invoke(main, ["validate", str(blank), "--json"])
    payload = json.loads(result.stdout)
    assert result.exit_code == 1
    assert payload["file"] == "sdg.xlsx"
    assert payload["sha256"] == sha(blank)
    assert (payload["instrument"], payload["version"]) == ("sdg-10-7-2", "1.1.0")
    assert payload["metadata"]["country"] == "Testland"
    assert payload["coverage"]["missing"] == 30
    assert payload["errors"] == 31  # every missing answer, and the file looks unfilled
    assert [i["rule"] for i in payload["issues"]][:2] == ["assessment.unfilled", "answer.missing"]
    assert payload["issues"][1]["cell"] == "E4"


def test_validate_issues_xlsx(blank, tmp_path):
    out = tmp_path / "issues.xlsx"
    before = sha(blank)
    result = run("validate", blank, "--issues-xlsx", out)
    assert result.exit_code == 1
    assert f"to {out}" in result.stderr  # says where it wrote
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Severity" and ws["I1"].value == "Done?"
    assert ws.max_row == 32
    assert [ws["G2"].value, ws["G3"].value] == ["assessment.unfilled", "answer.missing"]
    assert sha(blank) == before


def test_validate_refuses_to_write_issues_over_the_input(blank):
    before = sha(blank)
    assert run("validate", blank, "--issues-xlsx", blank).exit_code == 2
    assert sha(blank) == before


def test_validate_not_a_workbook_exits_1(tmp_path):
    path = tmp_path / "answers.xlsx"
    path.write_text("Code,Answer\nD1.a,Yes\n")
    result = run("validate", path)
    assert result.exit_code == 1
    assert "text or CSV file" in result.output
    result = CliRunner().invoke(main, ["validate", str(path), "--json"])
    assert json.loads(result.stdout)["issues"][0]["rule"] == "workbook.text_file"


def test_validate_missing_file_and_unknown_instrument(tmp_path, blank):
    assert run("validate", tmp_path / "nope.xlsx").exit_code == 1
    assert run("validate", blank, "--instrument", "no-such-instrument").exit_code == 1
    assert run("validate").exit_code == 2


def test_validate_with_a_broken_instrument_mapping_names_the_place(tmp_path: Path) -> None:
    import shutil

    from mgi._resources import bundled_dir

    folder = tmp_path / "edition"
    shutil.copytree(bundled_dir("questionnaires") / "mgi-national", folder)
    mapping = folder / "gcm_mapping.csv"
    lines = mapping.read_text(encoding="utf-8").splitlines()
    code = lines[2].split(",")[0]
    lines[2] = f"{code},99,,"
    mapping.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book = tmp_path / "q.xlsx"
    assert CliRunner().invoke(main, ["template", "-o", str(book)]).exit_code == 0
    run = CliRunner().invoke(main, ["validate", str(book), "--instrument", str(folder)])
    assert run.exit_code == 1
    assert "[gcm_mapping.csv, row 3, column gcm_primary]" in run.output
    assert "damaged" not in run.output


def test_validate_imports_neither_pandas_nor_numpy(filled):
    """Issue 20: ``mgi validate FILE`` must start and finish fast (at most 0.5 s on the project's
    machine, see benchmarks/RESULTS.md); pandas and numpy alone took 0.3-0.4 s to import. The
    instrument and the answers are plain Python on this path (DataFrames are built on use)."""
    code = (
        "import sys\n"
        "from mgi.cli import main\n"
        "try:\n"
        f"    main(['validate', {str(filled)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "heavy = sorted(m for m in ('pandas', 'numpy', 'openpyxl', 'matplotlib') "
        "if m in sys.modules)\n"
        "print('heavy:', *heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "heavy:", out.stdout


def test_many_answers_read_as_something_else_are_summarised(blank, tmp_path):
    """One warning per cell, and one line for the rest when there are many (issue 13)."""
    wb = openpyxl.load_workbook(blank)
    answer_every_question(wb, 0)  # "0" typed for No
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    lines = [x for x in result.stderr.splitlines() if x.startswith("warning")]
    assert len(lines) == 4
    assert 'cell E4, indicator D1.a] The answer "0" was read as "No".' in lines[0]
    assert "27 further problem(s) of the kind answer.reinterpreted" in lines[3]
    payload = json.loads(run("validate", path, "--json").stdout)
    assert [i["rule"] for i in payload["issues"]].count("answer.reinterpreted") == 30


def test_validate_with_a_scheme_that_requires_evidence(filled, tmp_path):
    """Answers that say something is in place without evidence: warnings, errors with a scheme
    that requires evidence (``--scheme``)."""
    from mgi.scoring.scheme import resolve_scheme_path

    wb = openpyxl.load_workbook(filled)  # every answer "No"
    wb.worksheets[2]["E4"] = "Yes, regardless of immigration status"  # in place, no evidence
    path = tmp_path / "q.xlsx"
    wb.save(path)
    lenient = run("validate", path)
    assert lenient.exit_code == 0, lenient.output
    assert "answer.no_evidence" not in lenient.stderr and "no evidence" in lenient.stderr
    text = resolve_scheme_path("sdg-10-7-2").read_text(encoding="utf-8")
    strict = tmp_path / "strict.toml"
    strict.write_text(text + "\n[answers]\nevidence_required = true\n", encoding="utf-8")
    result = run("validate", path, "--scheme", strict, "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert [(i["rule"], i["severity"]) for i in payload["issues"]] == [
        ("score.evidence_required", "error"),
        ("answer.no_evidence", "error"),
    ]


def test_a_template_in_albanian_is_validated_in_albanian(tmp_path: Path) -> None:
    """--lang writes the template in that language; validate answers in the language the
    template was made in, unless told otherwise; an unknown language lists the languages."""
    out = tmp_path / "pyetesori.xlsx"
    made = CliRunner().invoke(
        main, ["template", "--instrument", "sdg-10-7-2", "--lang", "sq", "-o", str(out)]
    )
    assert made.exit_code == 0, made.output
    assert "U shkrua pyetësori" in made.stderr
    checked = CliRunner().invoke(main, ["validate", str(out)])
    assert checked.exit_code == 1 and checked.stdout.startswith("Skedari:")
    assert "gabim:" in checked.stderr
    english = CliRunner().invoke(main, ["validate", str(out), "--lang", "en"])
    assert english.stdout.startswith("File:") and "error:" in english.stderr
    unknown = CliRunner().invoke(main, ["validate", str(out), "--lang", "klingon"])
    assert unknown.exit_code == 2 and "en (English), sq (Albanian)" in unknown.output
