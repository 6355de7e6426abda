"""Tests of ``mgi score`` and ``mgi compare`` on workbooks made with the template writer."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from mgi.cli import main
from mgi.i18n import header
from mgi.instrument import load_instrument
from mgi.workbook import write_template

SDG_EXAMPLE = {"D1.a": "1", "D1.b": "0.5", "D1.c": "1", "D1.d": "0.5", "D1.e": "1"}


def filled(
    path: Path,
    answers: dict[str, str],
    *,
    instrument: str = "sdg-10-7-2",
    round: int = 2024,
    evidence: dict[str, str] | None = None,
) -> Path:
    """Write a template and type the answers into its Answer column, found by header."""
    write_template(instrument, path, country="Testland", round=round)
    wb = openpyxl.load_workbook(path)
    evidence = evidence or {}
    for ws in wb.worksheets:
        header = None
        for row in ws.iter_rows(min_row=1, max_row=10):
            names = [str(c.value).strip() if c.value is not None else "" for c in row]
            if "Code" in names and "Answer" in names:
                header = (row[0].row, names.index("Code"), names.index("Answer"))
                ev_col = names.index("Evidence/source") if "Evidence/source" in names else None
                break
        if header is None:
            continue
        first, code_col, answer_col = header
        for row in ws.iter_rows(min_row=first + 1):
            code = row[code_col].value
            if code in answers:
                row[answer_col].value = answers[code]
            if code in evidence and ev_col is not None:
                row[ev_col].value = evidence[code]
    wb.save(path)
    return path


def sdg_answers(**changes: str) -> dict[str, str]:
    inst = load_instrument("sdg-10-7-2")
    answers = {c: "Yes" for c in inst.indicators.index if not c.startswith("D1")}
    return answers | SDG_EXAMPLE | changes


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return filled(
        tmp_path / "testland-2024.xlsx",
        sdg_answers(),
        evidence={"D2.a": "@SUM(A1:A9)", "D2.b": "-2 laws", "D2.c": "Law 12/2020"},
    )


def test_score_prints_domain_table(workbook: Path) -> None:
    result = CliRunner().invoke(main, ["score", str(workbook), "--scheme", "sdg-10-7-2"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("D1 "))
    assert "80.0" in line and "Meets" in line and "5/5" in line
    assert "not a ranking" in " ".join(result.stdout.split())
    assert max(len(x) for x in result.stdout.splitlines()) <= 100


def test_score_json(workbook: Path) -> None:
    result = CliRunner().invoke(main, ["score", str(workbook), "--scheme", "sdg-10-7-2", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["domains"][0]["score"] == 80.0
    assert payload["overall"]["score"] == pytest.approx(96.666666667)
    assert payload["provenance"]["assessment_file"] == "testland-2024.xlsx"
    assert len(payload["provenance"]["assessment_sha256"]) == 64


def test_scorecard_workbook(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    args = ["score", str(workbook), "--scheme", "sdg-10-7-2", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:6] == [
        "About",
        "Domains",
        "Sub-domains",
        "Indicators",
        "GCM objectives",
        "Objective links",
    ]
    assert wb.sheetnames[-1] == "Issues"
    dom = wb["Domains"]
    assert dom.freeze_panes == "B2"
    (table,) = dom.tables.values()
    assert table.ref.startswith("A1:") and table.autoFilter is not None
    headers = [c.value for c in dom[1]]
    assert dom.cell(2, headers.index(header("score")) + 1).value == 80.0
    assert dom.cell(2, headers.index(header("score")) + 1).number_format == "0.0"
    about = [v for r in wb["About"].iter_rows(values_only=True) for v in r if v]
    assert any("not a ranking" in str(v) for v in about)
    ind = wb["Indicators"]
    headers = [c.value for c in ind[1]]
    values = {r[0]: r for r in ind.iter_rows(min_row=2, values_only=True)}
    evidence = values["D2.a"][headers.index(header("evidence"))]
    assert evidence == "@SUM(A1:A9)"  # stored as typed, as text, never a formula
    assert values["D2.b"][headers.index(header("evidence"))] == "-2 laws"
    assert values["D2.c"][headers.index(header("evidence"))] == "Law 12/2020"
    assert values["D2.a"][headers.index(header("cell"))]  # traced back to the workbook cell
    assert all(c.data_type != "f" for row in ind.iter_rows() for c in row)


def test_scorecard_workbook_is_deterministic(workbook: Path, tmp_path: Path) -> None:
    """Same input, same output name: same bytes (the recipe in the About sheet names the
    input relative to the workbook, so the two folders must sit side by side)."""
    outs = [tmp_path / "a" / "scores.xlsx", tmp_path / "b" / "scores.xlsx"]
    for out in outs:
        CliRunner().invoke(main, ["score", str(workbook), "-o", str(out)])
    assert outs[0].read_bytes() == outs[1].read_bytes()
    with zipfile.ZipFile(outs[0]) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01" in core


def test_missing_answers_exit_1(tmp_path: Path) -> None:
    answers = sdg_answers()
    answers.pop("D3.a")
    path = filled(tmp_path / "gap.xlsx", answers)
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 1
    assert "D3.a" in result.stderr
    ok = CliRunner().invoke(main, ["score", str(path), "--allow-incomplete"])
    assert ok.exit_code == 0, ok.output
    assert "4/5" in ok.stdout


def test_an_incomplete_file_is_summarised_with_its_cells(tmp_path: Path) -> None:
    """Never 212 lines: the file is named, the first missing answers with sheet and cell,
    then one line for the rest."""
    blank_ish = filled(tmp_path / "gaps.xlsx", {"D1.a": "No"})
    result = CliRunner().invoke(main, ["score", str(blank_ish)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 5, lines
    assert "gaps.xlsx" in lines[0] and "--allow-incomplete" in lines[0]
    assert lines[1].startswith("error: [gaps.xlsx, sheet D1 Migrant rights, cell E5")
    assert "26 further problem(s) of the kind answer.missing" in lines[4]


def test_allow_incomplete_does_not_score_a_blank_template(tmp_path: Path) -> None:
    blank = filled(tmp_path / "blank.xlsx", {})
    for command in (["score", str(blank)], ["compare", str(blank), str(blank)]):
        result = CliRunner().invoke(main, [*command, "--allow-incomplete"])
        assert result.exit_code == 1
        assert "[blank.xlsx] None of the 30 questions has an answer" in result.stderr
        assert len(result.stderr.splitlines()) <= 3


def test_usage_errors_exit_2(workbook: Path) -> None:
    result = CliRunner().invoke(main, ["score"])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["score", str(workbook), "-o", str(workbook)])
    assert result.exit_code == 2
    assert "never writes over its inputs" in result.stderr


def test_bad_scheme_and_targets_exit_1(workbook: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["score", str(workbook), "--scheme", "nope"])
    assert result.exit_code == 1
    assert "no bundled scoring scheme" in result.stderr
    targets = tmp_path / "targets.csv"
    targets.write_text("domain,target\nD9,50\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(workbook), "--targets", str(targets)])
    assert result.exit_code == 1
    assert "row 2" in result.stderr


def test_targets_file(workbook: Path, tmp_path: Path) -> None:
    targets = tmp_path / "targets.csv"
    targets.write_text("domain,target\nD1,90\n", encoding="utf-8")
    args = ["score", str(workbook), "--scheme", "sdg-10-7-2", "--targets", str(targets), "--json"]
    payload = json.loads(CliRunner().invoke(main, args).stdout)
    assert payload["domains"][0]["gap"] == 10.0


def test_many_files_skip_broken(workbook: Path, tmp_path: Path) -> None:
    second = filled(tmp_path / "testland-2025.xlsx", sdg_answers(**{"D2.a": "No"}), round=2025)
    broken = tmp_path / "broken.xlsx"
    broken.write_text("code,answer\nD1.a,yes\n", encoding="utf-8")
    out = tmp_path / "combined.xlsx"
    args = ["score", str(workbook), str(broken), str(second), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "broken.xlsx" in result.stderr and "skipped" in result.stderr
    wb = openpyxl.load_workbook(out)
    rows = list(wb["Scores"].iter_rows(values_only=True))
    first, body = rows[0], rows[1:]
    assert len(body) == 2 * 7  # two files × (6 domains + overall)
    files = {r[first.index(header("file"))] for r in body}
    assert files == {"testland-2024.xlsx", "testland-2025.xlsx"}
    issues = list(wb["Issues"].iter_rows(values_only=True))
    assert any("broken.xlsx" in str(r) for r in issues[1:])


def test_compare_command(workbook: Path, tmp_path: Path) -> None:
    later = filled(tmp_path / "later.xlsx", sdg_answers(**{"D2.a": "No", "D1.b": "1"}), round=2025)
    out = tmp_path / "change.xlsx"
    args = ["compare", str(workbook), str(later), "--scheme", "sdg-10-7-2", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    d1 = next(x for x in result.stdout.splitlines() if x.startswith("D1 "))
    assert "+10.0" in d1
    d2 = next(x for x in result.stdout.splitlines() if x.startswith("D2 "))
    assert "-20.0" in d2
    assert "improved 1" in result.stdout and "regressed 1" in result.stdout
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["About", "Domains"]
    payload = json.loads(
        CliRunner().invoke(main, ["compare", str(workbook), str(later), "--json"]).stdout
    )
    assert payload["summary"]["improved"] == 1


def test_another_mapping_changes_the_objectives(tmp_path) -> None:
    """--mapping replaces the indicator-to-GCM links for the run and is recorded."""
    import json

    from click.testing import CliRunner

    from mgi._resources import bundled_dir
    from mgi.cli import main

    mapping = tmp_path / "mapping.csv"
    mapping.write_text("indicator,gcm_primary,gcm_secondary\nD1.1.1,8,13\n", encoding="utf-8")
    demo = bundled_dir("data") / "demo" / "mgi-national-2023.xlsx"
    run = CliRunner().invoke(main, ["score", str(demo), "--mapping", str(mapping), "--json"])
    assert run.exit_code == 0, run.output
    payload = json.loads(run.stdout)
    assert payload["provenance"]["mapping_file"] == "mapping.csv"  # a name, never a path
    covered = {o["objective"] for o in payload["objectives"] if o["primary"] + o["secondary"]}
    assert covered == {"GCM08", "GCM13"}
    assert "139 indicator(s) have no GCM objective" in run.stderr


def test_a_broken_mapping_is_an_input_error(tmp_path) -> None:
    from click.testing import CliRunner

    from mgi._resources import bundled_dir
    from mgi.cli import main

    mapping = tmp_path / "mapping.csv"
    mapping.write_text("indicator,gcm_primary\nD1.1.1,99\n", encoding="utf-8")
    demo = bundled_dir("data") / "demo" / "mgi-national-2023.xlsx"
    run = CliRunner().invoke(
        main,
        [
            "prioritize",
            "--assessment",
            str(demo),
            "--mapping",
            str(mapping),
            "--consultation",
            str(demo.parent / "consultation.xlsx"),
            "--experts",
            str(demo.parent / "experts.xlsx"),
        ],
    )
    assert run.exit_code == 1
    assert "[mapping.csv, row 2, column gcm_primary]" in run.stderr
    assert "Traceback" not in run.output


def test_compare_rounds_of_two_instrument_editions(tmp_path) -> None:
    """An earlier round answered on an older edition (a renamed indicator) is compared by
    code with --earlier-instrument, and what could not be matched is reported."""
    import csv
    import json
    import shutil

    from click.testing import CliRunner

    from mgi._resources import bundled_dir
    from mgi.cli import main
    from mgi.workbook import read_assessment, write_template

    edition = tmp_path / "mgi-national-old"
    shutil.copytree(bundled_dir("questionnaires") / "mgi-national-1", edition)
    meta = edition / "instrument.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('version = "1.0.0"', 'version = "0.9.0"'),
        encoding="utf-8",
    )
    for name in ("indicators.csv", "gcm_mapping.csv"):
        path = edition / name
        rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
        for row in rows:
            row[0] = "D1.1.9" if row[0] == "D1.1.2" else row[0]
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    demo = bundled_dir("data") / "demo"
    earlier = read_assessment(demo / "mgi-national-2018.xlsx").answers
    answers = {
        ("D1.1.9" if c == "D1.1.2" else c): {"answer": row["label"]}
        for c, row in earlier.iterrows()
    }
    old = write_template(
        edition, tmp_path / "old.xlsx", answers=answers, metadata={"country": "X", "round": 2018}
    )
    run = CliRunner().invoke(
        main,
        [
            "compare",
            str(old),
            str(demo / "mgi-national-2018.xlsx"),
            "--earlier-instrument",
            str(edition),
            "--allow-other-country",  # "X" and the demo's country: one country, renamed
            "--json",
        ],
    )
    assert run.exit_code == 0, run.output
    payload = json.loads(run.stdout)
    assert payload["unmatched"] == {"earlier": ["D1.1.9"], "later": ["D1.1.2"]}


@pytest.mark.parametrize("flag", [[], ["--earlier-instrument", "mgi-national-1"]])
def test_compare_the_demo_rounds_across_editions(flag: list[str]) -> None:
    """2018 on edition 1.0.0, 2023 on 2.0.0: matched through the crosswalk, every 1.0.0 code
    placed, the new questions of 2.0.0 reported, split questions marked."""
    import json

    from click.testing import CliRunner

    from mgi._resources import bundled_dir
    from mgi.cli import main

    demo = bundled_dir("data") / "demo"
    run = CliRunner().invoke(
        main,
        [
            "compare",
            str(demo / "mgi-national-2018.xlsx"),
            str(demo / "mgi-national-2023.xlsx"),
            *flag,
            "--json",
        ],
    )
    assert run.exit_code == 0, run.output
    payload = json.loads(run.stdout)
    assert payload["unmatched"]["earlier"] == []
    assert len(payload["unmatched"]["later"]) == 18
    rows = {row["code"]: row for row in payload["indicators"]}
    assert (rows["D1.6.7"]["earlier_code"], rows["D1.6.7"]["crosswalk"]) == ("D1.6.2", "split")
    assert "through the edition's crosswalk" in run.stderr


@pytest.mark.parametrize(
    ("swap", "country", "flags", "code", "rule"),
    [
        (True, "Albania (illustrative)", [], 1, "Swap the two files"),
        (False, "Kosovo", [], 1, "--allow-other-country"),
        (False, "Kosovo", ["--allow-other-country"], 0, "compared as one country, as asked"),
    ],
)
def test_compare_checks_country_and_round_order(tmp_path, swap, country, flags, code, rule):
    """Issue 13: rounds in reverse order or of two countries are refused, with the fix."""
    from mgi._resources import bundled_dir
    from mgi.workbook import read_assessment

    demo = bundled_dir("data") / "demo"
    later = demo / "mgi-national-2023.xlsx"
    answers = {
        code_: {"answer": row["label"], "evidence": row["evidence"], "comment": row["comment"]}
        for code_, row in read_assessment(later).answers.iterrows()
    }
    renamed = write_template(
        "mgi-national",
        tmp_path / "renamed.xlsx",
        answers=answers,
        metadata={"country": country, "round": 2025},
    )
    files = [later, renamed] if not swap else [renamed, later]
    result = CliRunner().invoke(main, ["compare", *map(str, files), *flags])
    assert result.exit_code == code, result.output
    assert rule in result.stderr
