"""Property-based tests of the importers: random answers written into real templates.

Hypothesis writes random valid and invalid answers into a real SDG 10.7.2 questionnaire
template and a real consultation template (as a user would type them, text stays text), then
reads them back. Properties:

* nothing but the documented :class:`mgi.errors.InputError` family is ever raised;
* every invalid answer is reported as an error naming its sheet and cell (and indicator);
* every valid answer is read back exactly (the option it stands for, the rating it is);
* participant names in any script (Arabic, Hebrew, combining marks, zero-width joiners) are
  read back exactly.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from mgi.errors import InputError
from mgi.instrument import load_instrument
from mgi.priorities.profile import load_profile
from mgi.reference import gcm_objectives
from mgi.workbook import (
    read_assessment,
    read_consultation,
    write_consultation_template,
    write_template,
)
from mgi.workbook._session import HEADER_ROW
from mgi.workbook.style import write_text

INSTRUMENT = load_instrument("sdg-10-7-2")
CODES = list(INSTRUMENT.indicators.index)
PROFILE = load_profile("gcm-default")
OBJECTIVES = list(gcm_objectives().index)
SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: Text that survives an .xlsx file, with right-to-left scripts, combining marks and joiners.
SCRIPTS = st.sampled_from(
    ["a", "Z", "é", "ë", " ", "-", "'", "محمد", "שָׁלוֹם", "\u200d", "\u200f", "\u0301", "中", "7"]
)
XLSX_TEXT = (
    st.lists(st.one_of(SCRIPTS, st.characters(codec="utf-8")), min_size=1, max_size=12)
    .map("".join)
    .filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s) and "\ufffe" not in s)
    .filter(lambda s: bool(s.strip()))
)


@pytest.fixture(scope="module")
def questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(
        "sdg-10-7-2", tmp_path_factory.mktemp("q") / "blank.xlsx", country="Testland", round=2024
    )


@pytest.fixture(scope="module")
def consultation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_consultation_template(
        tmp_path_factory.mktemp("c") / "blank.xlsx", PROFILE, participants=6
    )


def answer_cells(wb: Any) -> dict[str, tuple[Any, str]]:
    """Indicator code -> (worksheet, answer cell) of a questionnaire template."""
    found = {}
    for ws in wb.worksheets:
        if ws.cell(row=3, column=1).value != "Code":
            continue
        for row in range(4, ws.max_row + 1):
            code = ws.cell(row=row, column=1).value
            if code in CODES:
                found[code] = (ws, f"E{row}")
    return found


def _vary(label: str, how: int) -> str:
    """A declared answer as people type it: other case, extra spaces."""
    return [label, label.upper(), f"  {label.lower()}  ", label.replace(" ", "   ")][how]


@st.composite
def answers(draw: st.DrawFn) -> dict[str, tuple[Any, str | None]]:
    """Code -> (value to write, expected option or None when the value is invalid)."""
    chosen = {}
    for code in CODES:
        scale = INSTRUMENT.scale_of(code)
        options = INSTRUMENT.options(scale)
        if draw(st.booleans()):
            option = draw(st.sampled_from(list(options.index)))
            value: Any = _vary(options.at[option, "label"], draw(st.integers(0, 3)))
            chosen[code] = (value, option)
            continue
        value = draw(
            st.one_of(
                XLSX_TEXT,
                st.integers(-10, 10),
                st.floats(allow_nan=False, allow_infinity=False, width=32),
                st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
                st.sampled_from(["nan", "inf", "#DIV/0!", "=1+1", "Fully\u200dpresent", "Yes!"]),
            )
        )
        if INSTRUMENT.parse_answer(code, value) is not None:
            chosen[code] = (value, INSTRUMENT.parse_answer(code, value))
        else:
            chosen[code] = (value, None)
    return chosen


@SETTINGS
@given(chosen=answers())
def test_questionnaire_answers_round_trip(questionnaire: Path, chosen: dict) -> None:
    wb = openpyxl.load_workbook(questionnaire)
    cells = answer_cells(wb)
    assert set(cells) == set(CODES)
    for code, (value, _) in chosen.items():
        ws, ref = cells[code]
        write_text(ws[ref], value)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "filled.xlsx"
        wb.save(path)
        try:
            assessment = read_assessment(path, "sdg-10-7-2", allow_incomplete=True)
        except InputError as exc:  # documented; but a filled template must stay readable
            pytest.fail(f"a filled template was refused: {exc}")
    frame = assessment.answers
    errors = {(i.indicator, i.sheet, i.cell) for i in assessment.issues if i.is_error}
    for code, (value, option) in chosen.items():
        ws, ref = cells[code]
        if option is None:
            assert (code, ws.title, ref) in errors, (code, value, assessment.issues)
            assert frame.at[code, "status"] != "answered"
        else:
            assert frame.at[code, "option"] == option, (code, value)
            assert frame.at[code, "cell"] == ref
            assert not any(e[0] == code for e in errors), (code, value)


#: The relevance column of each objective (after the group and the optional attributes, each
#: objective has a relevance and an urgency column).
RATING_COLUMNS = {code: 8 + 2 * i for i, code in enumerate(OBJECTIVES)}
INVALID_RATINGS = st.one_of(
    st.sampled_from([0, 6, -1, 2.5, "nan", "inf", "-inf", "#DIV/0!", "high", "4 stars", True]),
    st.floats(allow_nan=False, allow_infinity=False).filter(
        lambda x: not (float(x).is_integer() and 1 <= x <= 5)
    ),
)


@st.composite
def consultation_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    names = draw(
        st.lists(
            XLSX_TEXT.filter(lambda s: not s.startswith("=")),
            min_size=1,
            max_size=6,
            unique_by=lambda s: s.strip().casefold(),
        )
    )
    rows = []
    for name in names:
        group = draw(st.sampled_from(list(PROFILE.consultation.groups)))
        ratings: dict[str, tuple[Any, float | None]] = {}
        for code in draw(st.lists(st.sampled_from(OBJECTIVES), min_size=1, max_size=6)):
            if draw(st.integers(0, 3)):
                rating = draw(st.integers(1, 5))
                value: Any = draw(st.sampled_from([rating, float(rating), str(rating)]))
                ratings[code] = (value, float(rating))
            else:
                ratings[code] = (draw(INVALID_RATINGS), None)
        rows.append({"name": name, "group": group, "ratings": ratings})
    return rows


@SETTINGS
@given(rows=consultation_rows())
def test_consultation_ratings_round_trip(consultation: Path, rows: list[dict]) -> None:
    wb = openpyxl.load_workbook(consultation)
    ws = wb["Ratings"]
    for offset, row in enumerate(rows, start=1):
        r = HEADER_ROW + offset
        write_text(ws.cell(row=r, column=1), row["name"])
        write_text(ws.cell(row=r, column=2), row["group"])
        for code, (value, _) in row["ratings"].items():
            write_text(ws.cell(row=r, column=RATING_COLUMNS[code]), value)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "filled.xlsx"
        wb.save(path)
        try:
            read = read_consultation(path, PROFILE)
        except InputError as exc:
            pytest.fail(f"a filled template was refused: {exc}")
    errors = {(i.rule, i.sheet, i.cell) for i in read.issues if i.is_error}
    got = {
        (rec.participant, rec.objective): (rec.group, rec.rating)
        for rec in read.ratings.itertuples(index=False)
        if rec.question == "relevance"
    }
    expected_people = set()
    for offset, row in enumerate(rows, start=1):
        r = HEADER_ROW + offset
        name = row["name"].strip()
        for code, (value, rating) in row["ratings"].items():
            ref = f"{openpyxl.utils.get_column_letter(RATING_COLUMNS[code])}{r}"
            if rating is None:
                assert ("rating.invalid_answer", "Ratings", ref) in errors, (value, read.issues)
                assert (name, code) not in got
            else:
                assert got[(name, code)] == (row["group"], rating), (name, code, value)
                expected_people.add(name)
    assert set(read.ratings["participant"]) == expected_people
