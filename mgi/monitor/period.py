"""Reporting periods of the monitoring mechanism: half-years (``2025-H1``) and years (``2025``).

Institutions report their progress every six months or every year. A :class:`Period` is one of
them, written ``YYYY-H1`` (January to June), ``YYYY-H2`` (July to December) or ``YYYY`` (the
whole calendar year). The secretariat's spellings are read too: ``2025 H1``, ``H1 2025``,
``2025/H2``, and the Albanian ``GJ1``/``GJ2`` (*gjashtëmujori*) as well as ``H1``/``H2``.

A period is compared with the plan's quarters through its last quarter (``2025-H1`` ends with
``2025-Q2``, ``2025-H2`` and ``2025`` with ``2025-Q4``): a measure whose End quarter is on or
before that quarter is *due* by the period's end. Periods are ordered by their last quarter;
of two that end together the shorter comes first (``2025-H2`` before ``2025``).

Examples
--------
>>> p = period("H1 2025")
>>> str(p), str(p.last_quarter), p.end_date.isoformat()
('2025-H1', '2025-Q2', '2025-06-30')
>>> str(period("2026")), str(period("2026").first_quarter), period("2025-gj2").half
('2026', '2026-Q1', 2)
>>> sorted([period("2026-H1"), period("2025"), period("2025-H1")])
[Period(year=2025, half=1), Period(year=2025, half=None), Period(year=2026, half=1)]
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from mgi.workbook.scan import norm_label, text_of
from mgi.workbook.sheets import Quarter

_PERIOD = re.compile(
    r"^(?:(?P<y1>\d{4})(?:\s*[-/.]?\s*(?:h|gj|s)\s*(?P<h1>[12]))?"
    r"|(?:h|gj|s)\s*(?P<h2>[12])\s*[-/.]?\s*(?P<y2>\d{4}))$"
)
#: Years a reporting period may lie in.
YEARS = (1900, 2200)


@dataclass(frozen=True, order=False)
class Period:
    """A reporting period: a half-year (``half`` 1 or 2) or a whole year (``half`` None)."""

    year: int
    half: int | None = None

    def __str__(self) -> str:
        return f"{self.year}" if self.half is None else f"{self.year}-H{self.half}"

    @property
    def first_quarter(self) -> Quarter:
        return Quarter(self.year, 3 if self.half == 2 else 1)

    @property
    def last_quarter(self) -> Quarter:
        return Quarter(self.year, 2 if self.half == 1 else 4)

    @property
    def start_date(self) -> _dt.date:
        return _dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end_date(self) -> _dt.date:
        return _dt.date(self.year, 6, 30) if self.half == 1 else _dt.date(self.year, 12, 31)

    @property
    def annual(self) -> bool:
        return self.half is None

    def key(self) -> tuple[int, int]:
        """Sort key: by the last quarter, then the longer period last."""
        return (self.last_quarter.serial, self.first_quarter.serial * -1)

    def __lt__(self, other: Period) -> bool:
        return self.key() < other.key()

    def __le__(self, other: Period) -> bool:
        return self.key() <= other.key()

    def __gt__(self, other: Period) -> bool:
        return self.key() > other.key()

    def __ge__(self, other: Period) -> bool:
        return self.key() >= other.key()


def period(value: Any) -> Period:
    """A reporting period from its usual spellings (see the module docstring).

    Raises
    ------
    ValueError
        The value is not a period.
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer():
            raise ValueError("not a period")
        value = str(int(value))
    match = _PERIOD.match(norm_label(text_of(value)))
    if match is None:
        raise ValueError("not a period")
    year = int(match.group("y1") or match.group("y2"))
    half = match.group("h1") or match.group("h2")
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError("year out of range")
    return Period(year, int(half) if half else None)
