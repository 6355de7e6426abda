"""A mid-term MGI round beside the plan (``mgi monitor report --assessment --baseline``).

The demo's action plan takes its baselines from the demo's 2023 questionnaire. The mid-term
round here is that questionnaire answered again in 2026 (reference date 2026-03-31) with four
answers changed; every expected number below is worked out by hand from those answers:

| specific objective | MGI indicator | 2023 | 2026 | value change |
|---|---|---|---|---:|
| SO3 | D1.5.4 | Absent | Partially present | +0.5 |
| SO4 | D2.3.5 | Absent | Fully present | +1.0 |
| SO4 | D2.3.4 | Partially present | Fully present | +0.5 |
| SO10 | D6.3.7 | Partially present | Absent | −0.5 |

The plan's outcome indicator of each MGI indicator (baseline its 2023 score, target 100 in
2027) takes the 2026 score (value × 100) on 2026-03-31, when 821 of the 1,461 days from the end
of 2023 to the end of 2027 have passed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from mgi._resources import bundled_dir
from mgi.cli import main
from mgi.errors import InputError
from mgi.monitor.files import monitor_files

DEMO = bundled_dir("data") / "demo"
BASELINE = DEMO / "mgi-national-2023.xlsx"
CHANGES = {
    "D1.5.4": "Partially present",
    "D2.3.4": "Fully present",
    "D2.3.5": "Fully present",
    "D6.3.7": "Absent",
}
MEASURED = dt.date(2026, 3, 31)
ELAPSED = 821 / 1461
#: objective, MGI indicator, 2023 answer, 2026 answer, value change, change.
CHANGED = [
    ("SO3", "D1.5.4", "Absent", "Partially present", 0.5, "improved"),
    ("SO4", "D2.3.5", "Absent", "Fully present", 1.0, "improved"),
    ("SO4", "D2.3.4", "Partially present", "Fully present", 0.5, "improved"),
    ("SO10", "D6.3.7", "Partially present", "Absent", -0.5, "regressed"),
]
#: Outcome indicator: value, distance covered, light, change in points.
OUTCOMES = {
    "SO3.I1": (50.0, 0.5, "behind", 50.0),  # pace 0.5 / (821/1461) = 0.89: below 0.9
    "SO4.I1": (100.0, 1.0, "achieved", 100.0),
    "SO4.I2": (100.0, 1.0, "achieved", 50.0),  # baseline 50
    "SO4.I3": (50.0, 0.0, "off_track", 0.0),  # D4.6.2 unchanged at Partially present
    "SO10.I3": (0.0, -1.0, "off_track", -50.0),  # moved away from the target
}


@pytest.fixture(scope="module")
def midterm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's 2023 questionnaire answered again in 2026, with the answers of CHANGES."""
    wb = openpyxl.load_workbook(BASELINE)
    for label, cells in wb["Metadata"].iter_rows(min_row=2, max_col=2):
        if label.value == "Round (year)":
            cells.value = "2026"
        elif label.value == "Reference date":
            cells.value = MEASURED.isoformat()
    for ws in wb.worksheets:
        header = [c.value for c in ws[3]]
        if "Code" not in header:
            continue
        code, answer = header.index("Code"), header.index("Answer")
        for row in ws.iter_rows(min_row=4):
            if row[code].value in CHANGES:
                row[answer].value = CHANGES[row[code].value]
    path = tmp_path_factory.mktemp("midterm") / "mgi-national-2026.xlsx"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def inputs(demo_output) -> dict[str, list[str]]:
    folder = demo_output.folder
    return {
        "plan": [str(folder / "action-plan.xlsx")],
        "now": sorted(str(p) for p in (folder / "progress" / "2026-H1").glob("*.xlsx")),
        "before": sorted(str(p) for p in (folder / "progress" / "2025-H2").glob("*.xlsx")),
    }


def test_change_behind_each_objective_beside_the_plans_indicators(inputs, midterm) -> None:
    found, _ = monitor_files(
        inputs["plan"][0],
        inputs["now"],
        earlier=inputs["before"],
        assessment=midterm,
        baseline=BASELINE,
    )
    assert (found.mgi_rounds, found.mgi_date) == (("2023", "2026"), MEASURED)
    assert "monitor.baseline_round_differs" not in {i.rule for i in found.issues}
    table = found.mgi
    assert len(table) == 30  # 10 specific objectives x the 3 MGI indicators behind each gap
    changed = table[table["change"] != "unchanged"]
    assert [
        (r.objective, r.code, r.earlier_answer, r.later_answer, r.value_change, r.change)
        for r in changed.itertuples()
    ] == CHANGED
    assert (table.loc[table["change"] == "unchanged", "value_change"] == 0).all()
    indicators = found.current.indicators
    for code, (value, covered, light, points) in OUTCOMES.items():
        row = indicators.loc[code]
        assert (row["value"], row["covered"], row["light"], row["mgi_change"]) == (
            value,
            covered,
            light,
            points,
        ), code
        assert (row["source"], row["date"]) == ("MGI", "2026-03-31")
        assert row["elapsed"] == pytest.approx(ELAPSED, abs=1e-12)
    outcomes = indicators[indicators["level"] == "outcome"]
    assert (outcomes.drop(list(OUTCOMES))["mgi_change"] == 0).all()
    assert indicators.loc["SO4.M1.O1", "source"] != "MGI"  # an output indicator: reported
    assert pd.isna(indicators.loc["SO4.M1.O1", "mgi_change"])
    assert found.to_dict()["mgi"]["measured"] == "2026-03-31"


def _table(page: str, caption: str) -> dict[str, list[str]]:
    """The rows of the HTML table with ``caption``, by their first cell."""
    start = page.index(caption)
    body = page[start : page.index("</table>", start)]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", body)]
    return {cells[0]: cells for cells in rows if cells}


def test_command_line_reports_it(inputs, midterm, tmp_path: Path) -> None:
    out = tmp_path / "monitoring"
    result = CliRunner().invoke(
        main,
        [
            "monitor",
            "report",
            "--plan",
            *inputs["plan"],
            *inputs["now"],
            "--assessment",
            str(midterm),
            "--baseline",
            str(BASELINE),
            "--formats",
            "png",
            "--json",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    assert data["mgi"]["rounds"] == ["2023", "2026"]
    assert sum(r["change"] == "improved" for r in data["mgi"]["indicators"]) == 3
    by_code = {i["code"]: i for i in data["indicators"]}
    assert by_code["SO4.I1"]["mgi_change"] == 100 and by_code["SO10.I3"]["mgi_change"] == -50
    page = (out / "monitoring-report.html").read_text(encoding="utf-8")
    finding = "MGI indicators behind the priorities (2023 → 2026): 3 improved and 1 regressed of 30"
    assert finding in page
    so4 = _table(page, "Indicators of SO4</b>")
    # code, indicator, baseline, target, value and when, covered, elapsed, light, MGI change
    assert so4["SO4.I1"][2:] == [
        "0\u00a0(2023)",
        "100\u00a0(2027)",
        "100<br>MGI 2026, 2026-03-31",
        "100%",
        "56%",
        "✔ Achieved",
        "+100.0",
    ]
    assert so4["SO4.I2"][-1] == "+50.0" and so4["SO4.M1.O1"][-1] == "–"
    assert _table(page, "Indicators of SO10</b>")["SO10.I3"][-2:] == ["✖ Off track", "-50.0"]
    mgi = _table(page, "MGI indicators behind each specific objective")
    assert mgi["SO10"][2:] == ["D6.3.7", "Partially present", "Absent", "-0.50", "regressed"]
    body = zipfile.ZipFile(out / "monitoring-report.docx").read("word/document.xml").decode()
    assert body.count("MGI 2026, 2026-03-31") == 2 * 30  # per objective, then all indicators


@pytest.mark.parametrize(
    ("rounds", "rule"),
    [
        ({"baseline": BASELINE}, "monitor.no_midterm_round"),
        ({"assessment": BASELINE}, "monitor.no_baseline_round"),
        (
            {"assessment": DEMO / "sdg-10-7-2-2023.xlsx", "baseline": BASELINE},
            "monitor.other_instrument",
        ),
    ],
)
def test_rounds_that_cannot_be_compared(inputs, rounds, rule) -> None:
    with pytest.raises(InputError) as refused:
        monitor_files(inputs["plan"][0], inputs["now"], **rounds)
    assert [i.rule for i in refused.value.issues] == [rule]
    options = [f"--{k}={v}" for k, v in rounds.items()]
    result = CliRunner().invoke(
        main, ["monitor", "report", "--plan", *inputs["plan"], *inputs["now"], *options, "--json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [i["rule"] for i in data["issues"]] == [rule]
