"""Progress workbooks: one per institution, read back as written, in either language."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from mgi.monitor.period import period
from mgi.monitor.read import read_progress_workbook
from mgi.monitor.template import write_progress_templates


def test_templates_round_trip(filled, tmp_path: Path) -> None:
    made = write_progress_templates(filled, period("2025-H2"), tmp_path / "p", lang="sq")
    assert {a.institution for a in made.assignments} >= {m.lead for m in filled.measures}
    for path in made.files:
        read = read_progress_workbook(path)
        assert read.issues == []
        assert read.report.plan_digest == filled.digest()
        assert str(read.report.period) == "2025-H2"
        assert read.report.measures or read.report.indicators
    wb = load_workbook(made.files[0])
    assert wb.sheetnames[:3] == ["Udhëzime", "Masat", "Treguesit"]
    ws = wb["Masat"]
    assert ws.protection.sheet and ws.data_validations.dataValidation  # protected, drop-downs
    again = write_progress_templates(filled, period("2025-H2"), tmp_path / "q", lang="sq")
    assert [p.read_bytes() for p in again.files] == [p.read_bytes() for p in made.files]
