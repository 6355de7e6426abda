"""The declarative sheet specification: quarters, cells holding several values, number
checks and formats, drop-down messages in a language, row heights."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from mgi.workbook.opener import open_workbook
from mgi.workbook.sheets import (
    Column,
    PartRefusedError,
    Quarter,
    SheetSpec,
    multiple,
    non_negative,
    quarter,
    whole_number,
)
from mgi.workbook.style import save_deterministic


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2025-Q1", Quarter(2025, 1)),
        (" 2025 q4 ", Quarter(2025, 4)),
        ("Q2 2026", Quarter(2026, 2)),
        ("q3-2027", Quarter(2027, 3)),
        ("2025/Q2", Quarter(2025, 2)),
        ("TM1 2025", Quarter(2025, 1)),
        ("T4-2030", Quarter(2030, 4)),
        (datetime.date(2025, 5, 31), Quarter(2025, 2)),
        (datetime.datetime(2026, 12, 1, 9, 30), Quarter(2026, 4)),
    ],
)
def test_quarters_as_people_write_them(typed: object, expected: Quarter) -> None:
    assert quarter(typed) == expected


@pytest.mark.parametrize("typed", ["2025-Q5", "2025", "Q1", "next spring", "3025-Q1", 2025.1, ""])
def test_what_is_not_a_quarter(typed: object) -> None:
    with pytest.raises(ValueError):
        quarter(typed)


def test_quarter_arithmetic() -> None:
    q = Quarter(2025, 3)
    assert str(q) == "2025-Q3"
    assert q.shift(2) == Quarter(2026, 1) and q.shift(-3) == Quarter(2024, 4)
    assert [str(x) for x in q.until(Quarter(2026, 1))] == ["2025-Q3", "2025-Q4", "2026-Q1"]
    assert Quarter(2026, 1).until(q) == []
    assert Quarter.from_serial(q.serial) == q


def test_several_values_in_one_cell() -> None:
    parse = multiple(whole_number(1, 35))
    assert parse("24; 23\n2") == (24.0, 23.0, 2.0)
    assert parse("24, 23") == (24.0, 23.0)
    assert parse("24;;24") == (24.0,)
    assert multiple()("Ministry of Interior; State Police, Border Department") == (
        "Ministry of Interior",
        "State Police, Border Department",
    )
    with pytest.raises(PartRefusedError) as refused:
        parse("24; 36")
    assert refused.value.found == "36"


def _spec() -> SheetSpec:
    return SheetSpec(
        title="Costs",
        heading="Costs",
        header_row=3,
        columns=(
            Column("name", "Name", required=True, width=20),
            Column(
                "chapters",
                "Chapters",
                parse=multiple(whole_number(1, 35)),
                rule="plan.bad_eu_chapter",
                choices="chapters",
                several=True,
            ),
            Column(
                "cost",
                "Cost",
                parse=non_negative,
                rule="plan.bad_cost",
                decimal=(0, None),
                number_format="#,##0",
            ),
        ),
    )


def test_a_refused_item_is_quoted_alone(tmp_path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    _spec().write(wb, rows=2, values=[{"name": "A", "chapters": "24; 99", "cost": -5}])
    path = save_deterministic(wb, tmp_path / "c.xlsx")
    with open_workbook(path) as opened:
        row = _spec().read(opened)[0].rows[0]
    assert row.problems["chapters"].found == "99"
    assert row.problems["chapters"].cell == "B4"
    assert row.problems["cost"].rule == "plan.bad_cost"


def test_number_checks_formats_and_language_of_drop_downs(tmp_path: Path) -> None:
    from mgi.workbook.style import add_list_sheet

    wb = Workbook()
    wb.remove(wb.active)
    lists = add_list_sheet(wb, {"chapters": ["23", "24"]})
    _spec().write(wb, rows=3, lists=lists, list_labels={"chapters": ["23", "24"]}, lang="sq")
    path = save_deterministic(wb, tmp_path / "c.xlsx")
    ws = load_workbook(path)["Costs"]
    validations = {v.type: v for v in ws.data_validations.dataValidation}
    assert validations["list"].errorStyle == "information"  # several values: it only informs
    assert validations["list"].prompt.startswith("Zgjidhni nga lista")
    assert validations["decimal"].operator == "greaterThanOrEqual"
    assert validations["decimal"].error == "Shkruani një numër 0 ose më të madh."
    assert ws["C4"].number_format == "#,##0"


def test_drop_down_messages_stay_english_without_a_language(tmp_path: Path) -> None:
    from mgi.workbook.style import add_list_sheet

    wb = Workbook()
    lists = add_list_sheet(wb, {"chapters": ["23", "24"]})
    ws = _spec().write(wb, rows=1, lists=lists, list_labels={"chapters": ["23", "24"]})
    validation = next(v for v in ws.data_validations.dataValidation if v.type == "list")
    assert validation.prompt == "Choose from the list: 23, 24"


def test_rows_grow_to_fit_wrapped_text() -> None:
    from openpyxl.styles import Alignment

    from mgi.workbook.style import LINE_HEIGHT, fit_row_heights

    ws = Workbook().active
    ws["A1"] = "word " * 40
    ws["A1"].alignment = Alignment(wrap_text=True)
    ws["A2"] = "short"
    ws["A3"] = "word " * 40  # not wrapped: stays one line
    fit_row_heights(ws, 1, 3, [20])
    assert ws.row_dimensions[1].height == pytest.approx(LINE_HEIGHT * 10)
    assert ws.row_dimensions[2].height is None and ws.row_dimensions[3].height is None
