"""Reporting periods: spellings, quarters and order."""

import pytest

from mgi.monitor.period import Period, period


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-H1", "2025-H1"), ("h2 2025", "2025-H2"), ("2025/GJ2", "2025-H2"), (2026, "2026")],
)
def test_spellings(text, expected) -> None:
    assert str(period(text)) == expected


@pytest.mark.parametrize("text", ["2025-H3", "H1", "2025-Q1", "", "1800"])
def test_not_periods(text) -> None:
    with pytest.raises(ValueError):
        period(text)


def test_quarters_and_order() -> None:
    assert str(Period(2025, 1).last_quarter) == "2025-Q2"
    assert str(Period(2025).first_quarter) == "2025-Q1"
    assert Period(2025, 2) < Period(2025) < Period(2026, 1)
