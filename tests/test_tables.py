"""Tests of mgi._tables: CSV tables read as text records without pandas."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi._tables import check_codes, read_csv_records, read_csv_table


def _write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_records_are_stripped_text_with_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = _write(tmp_path, '\ufeffcode , name\n D1 ,Rights\n,\n\nD2,"Data, evidence"\n')
    records, issues = read_csv_records(path, ["code"], ["order"])
    assert issues == []
    assert records == [
        {"code": "D1", "name": "Rights", "_row": 2, "order": ""},
        {"code": "D2", "name": "Data, evidence", "_row": 4, "order": ""},
    ]
    frame, _ = read_csv_table(path, ["code"])
    assert frame["code"].tolist() == ["D1", "D2"]


def test_a_short_row_is_padded_and_a_repeated_header_renamed(tmp_path: Path) -> None:
    records, _ = read_csv_records(_write(tmp_path, "code,name,name\nD1\n"), ["code"])
    assert records == [{"code": "D1", "name": "", "name.1": "", "_row": 2}]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "data.empty_file"),
        ("code,name\n", "data.empty_file"),
        ("code,name\n,\n", "data.empty_file"),
        ("name\nRights\n", "data.missing_column"),
        ("code,name\nD1,Rights,extra\n", "data.unreadable"),
        ('code,name\nD1,"unclosed\n', "data.unreadable"),
    ],
)
def test_tables_that_cannot_be_used(tmp_path: Path, text: str, rule: str) -> None:
    records, issues = read_csv_records(_write(tmp_path, text), ["code"])
    assert records is None
    assert [i.rule for i in issues] == [rule]


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"code,name\nD1,Caf\xe9\n")
    records, issues = read_csv_records(path, ["code"])
    assert records is None and issues[0].rule == "data.unreadable"


def test_checks_take_records_or_a_frame(tmp_path: Path) -> None:
    path = _write(tmp_path, "code\nD1\nD1\n")
    records, _ = read_csv_records(path, ["code"])
    frame, _ = read_csv_table(path, ["code"])
    assert [i.rule for i in check_codes(records, "code", "t.csv")] == ["data.duplicate_code"]
    assert check_codes(frame, "code", "t.csv") == check_codes(records, "code", "t.csv")
