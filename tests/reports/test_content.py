"""The neutral report content: tables, number formatting, provenance flattening."""

from __future__ import annotations

import pandas as pd
import pytest

from mgi.reports.content import ReportContent, Section, Table, flatten, format_value


def test_format_value_follows_excel_decimals_and_percent() -> None:
    assert format_value(62.456, "0.0") == "62.5"
    assert format_value(0.256, "0%") == "26%"
    assert format_value(float("nan"), "0.0") == ""
    assert format_value(3) == "3"
    assert format_value(["D1.1", "D1.2"]) == "D1.1, D1.2"


def test_table_names_fit_a_sheet_name() -> None:
    with pytest.raises(ValueError, match="31"):
        Table("A name far too long for an Excel sheet tab", pd.DataFrame())


def test_table_keeps_its_own_copy() -> None:
    frame = pd.DataFrame({"score": [1.0]}, index=["D1"])
    table = Table("Domains", frame)
    frame.loc["D1", "score"] = 99.0
    assert table.frame.loc["D1", "score"] == 1.0


def test_display_frame_puts_the_index_first() -> None:
    frame = pd.DataFrame({"score": [62.46]}, index=pd.Index(["D1"], name="code"))
    shown = Table("Domains", frame, number_formats={"score": "0.0"}).display_frame()
    assert shown.to_dict("records") == [{"code": "D1", "score": "62.5"}]


def test_tables_by_output_and_sections_by_key() -> None:
    a = Table("A", pd.DataFrame(), outputs=frozenset({"xlsx"}))
    b = Table("B", pd.DataFrame())
    content = ReportContent("T", sections=(Section("s", "S", tables=(a, b)),))
    assert [t.name for t in content.tables("docx")] == ["B"]
    assert content.section("s").heading == "S"


def test_flatten_nested_provenance() -> None:
    rows = flatten({"scoring": {"files": {"a.csv": "abc"}}, "inputs": [{"name": "x"}], "e": {}})
    assert rows == [("scoring.files.a.csv", "abc"), ("inputs[1].name", "x"), ("e", "")]
