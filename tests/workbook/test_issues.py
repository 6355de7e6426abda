"""The issues workbook written by ``--issues-xlsx``."""

from __future__ import annotations

import openpyxl
import pytest

from mgi.catalogue import make_issue
from mgi.errors import UsageError
from mgi.workbook import write_issues_workbook


def test_one_row_per_issue_errors_first(tmp_path):
    issues = [
        make_issue("workbook.no_stamp", file="q.xlsx"),
        make_issue(
            "answer.invalid",
            file="q.xlsx",
            sheet="D1 Rights",
            cell="E5",
            indicator="D1.1.2",
            found='=HYPERLINK("http://evil")',
            allowed="Yes, No",
        ),
    ]
    out = write_issues_workbook(issues, tmp_path / "issues.xlsx")
    ws = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == [
        "Severity",
        "File",
        "Sheet",
        "Cell",
        "Indicator",
        "Found",
        "Rule",
        "Message",
        "Done?",
    ]
    assert rows[1][:5] == ["error", "q.xlsx", "D1 Rights", "E5", "D1.1.2"]
    assert rows[1][5] == '=HYPERLINK("http://evil")'  # stored as typed, as text
    assert ws["F2"].data_type == "s"
    assert rows[1][8] is None
    assert rows[2][6] == "workbook.no_stamp"
    assert ws.auto_filter.ref == "A1:I3"
    assert ws.freeze_panes == "A2"


def test_never_over_an_input(tmp_path):
    source = tmp_path / "q.xlsx"
    source.write_bytes(b"x")
    with pytest.raises(UsageError):
        write_issues_workbook([], source, inputs=[source])
    assert source.read_bytes() == b"x"


def test_the_issues_workbook_in_albanian(tmp_path):
    issue = make_issue("answer.invalid", sheet="D1", cell="E5", found="Ndoshta", allowed="Po, Jo")
    out = write_issues_workbook([issue], tmp_path / "problemet.xlsx", lang="sq")
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "Problemet" and ws["A1"].value == "Rëndësia"
    assert ws["A2"].value == "gabim"
    assert ws["H2"].value == 'Përgjigjja "Ndoshta" nuk lejohet. Përdorni një nga: Po, Jo.'
