"""One number format per kind of value, written the Albanian and the English way."""

from __future__ import annotations

import datetime as dt

import pytest

from mgi.i18n import (
    UnknownKeyError,
    excel_format,
    format_date,
    format_value,
    kinds,
    number_formatter,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("kind", "value", "en", "sq"),
    [
        ("score", 57.25, "57.3", "57,3"),  # half away from zero, as Excel shows the cell
        ("score", 62.456, "62.5", "62,5"),
        ("score", 0, "0.0", "0,0"),
        ("change", -1.6667, "-1.7", "-1,7"),
        ("change", 15, "+15.0", "+15,0"),
        ("change", -0.04, "0.0", "0,0"),  # never "-0.0" nor "+0.0"
        ("probability", 0.9765, "98%", "98%"),
        ("probability", 1, "100%", "100%"),
        ("share", 0.5, "50%", "50%"),
        ("mcda", 0.7165572, "0.717", "0,717"),
        ("mcda", -0.0909, "-0.091", "-0,091"),
        ("weight", 0.2147662, "0.21", "0,21"),
        ("rating", 3.145833, "3.1", "3,1"),
        ("correlation", 0.555335, "0.56", "0,56"),
        ("count", 100000, "100,000", f"100{NBSP}000"),
        ("count", 23, "23", "23"),
        ("rank", 2023, "2023", "2023"),
        ("integer", -10, "-10", "-10"),
        ("value_change", 0.5, "+0.50", "+0,50"),
    ],
)
def test_format_value_in_english_and_albanian(kind, value, en, sq) -> None:
    assert format_value(kind, value, "en") == en
    assert format_value(kind, value, "sq") == sq


def test_empty_and_text_values() -> None:
    assert format_value("score", None, "sq") == ""
    assert format_value("score", float("nan"), "sq") == ""
    assert format_value("score", "no indicators", "sq") == "no indicators"
    assert format_value("text", 12.5, "sq") == "12.5"


def test_every_kind_formats_and_has_an_excel_format() -> None:
    for name, spec in kinds().items():
        for lang in ("en", "sq"):
            assert excel_format(name, lang)
            value = dt.date(2024, 3, 15) if spec.date else 0.5
            assert format_value(name, value, lang)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("score", "0.0"),
        ("change", "+0.0;-0.0;0.0"),
        ("probability", "0%"),
        ("mcda", "0.000"),
        ("weight", "0.00"),
        ("count", "#,##0"),
        ("text", "@"),
    ],
)
def test_excel_formats(kind: str, code: str) -> None:
    # The same code in both languages: Excel shows it with the reader's own separators.
    assert excel_format(kind, "en") == code
    assert excel_format(kind, "sq") == code


def test_dates() -> None:
    day = dt.date(2024, 3, 15)
    assert format_date(day, "en") == "15 March 2024"
    assert format_date(day, "sq") == "15.3.2024"
    assert format_date(dt.datetime(2019, 6, 19, 10, 30), "sq") == "19.6.2019"
    assert format_value("date", "2024-03-15", "sq") == "15.3.2024"
    assert excel_format("date", "sq") == "d.m.yyyy"
    assert excel_format("date", "en") == "d mmmm yyyy"


def test_tick_formatter_for_charts() -> None:
    fmt = number_formatter("probability", "sq")
    assert [fmt(v, i) for i, v in enumerate((0, 0.25, 1))] == ["0%", "25%", "100%"]


def test_unknown_kind_is_an_error() -> None:
    with pytest.raises(UnknownKeyError, match=r"formats\.toml"):
        format_value("scores", 1, "sq")
