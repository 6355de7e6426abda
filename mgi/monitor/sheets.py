"""The sheets of a progress workbook, declared once for the template and its reader.

As the action plan's sheets (:mod:`mgi.plan.sheets`), each table sheet is a
:class:`~mgi.workbook.sheets.SheetSpec` built for a language: headers written in that language
and accepted in every language, so a workbook filled in Albanian reads like its English twin.

Sheets, in order: Instructions (the institution, the period and the plan's edition beside
their labels, locked; who reports and when, to fill in; then how to fill in), Measures (one
row per measure the institution leads: what the plan says, locked, then Status, Progress (%),
Spent state budget, Spent donors, Evidence and Comment to fill in), Indicators (one row per
indicator it measures: the passport's unit, baseline and target, locked, then Actual value,
Date of measurement and Comment), and a hidden sheet with the lists behind the drop-downs.

Examples
--------
>>> [c.header for c in measures_sheet("en").columns if c.input]
['Status', 'Progress (%)', 'Spent state budget', 'Spent donors', 'Evidence', 'Comment']
>>> measures_sheet("en").column("status").parse("Në zbatim")
'in_progress'
>>> parse_value("35 %"), parse_value("1 250,5"), parse_value(12)
((35.0, '%'), (1250.5, ''), (12.0, ''))
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from mgi.i18n import default_store, languages, text
from mgi.plan.sheets import parse_code
from mgi.workbook.scan import norm_label, text_of
from mgi.workbook.sheets import Column, SheetSpec, choice, non_negative, number

#: Row of the column headers on the table sheets (title in row 1, a note in row 2).
HEADER_ROW = 4
#: The sheets, by key; their titles come from the catalogues (``monitor.sheet.<key>``).
SHEETS = ("instructions", "measures", "indicators")
#: The settings on the Instructions sheet, in order; the first ones are locked.
SETTINGS = (
    "institution",
    "institution_name",
    "period",
    "plan_title",
    "plan_edition",
    "plan_digest",
    "currency",
    "reported_by",
    "report_date",
)
#: The settings the institution fills in.
INPUT_SETTINGS = ("reported_by", "report_date")

_NUMBER_UNIT = re.compile(r"^([-+]?[\d\s\u00a0\u202f.,']*\d)\s*(.*?)$")
_DATE_TEXT = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})$"),
)


def _every_language(key: str) -> tuple[str, ...]:
    found = [text(key, lang) for lang in ("en", *sorted(languages()))]
    return tuple(dict.fromkeys(found))


def sheet_titles(key: str) -> tuple[str, ...]:
    """The title of sheet ``key`` in every language (English first)."""
    return _every_language(f"monitor.sheet.{key}")


@cache
def statuses() -> dict[str, tuple[str, ...]]:
    """Status -> every spelling accepted (every language, and the key itself)."""
    from mgi.monitor.model import STATUSES

    return {s: (*_every_language(f"monitor.status.{s}"), s.replace("_", " ")) for s in STATUSES}


def status_labels(lang: str) -> list[str]:
    """The statuses as the drop-down shows them, in ``lang``."""
    from mgi.monitor.model import STATUSES

    return [text(f"monitor.status.{s}", lang) for s in STATUSES]


def parse_status(value: Any) -> str:
    """A status in any language (``Completed``, ``Përfunduar``, ``completed``)."""
    return choice(statuses())(value)


def parse_progress(value: Any) -> float:
    """Progress in per cent, 0 to 100 (``45``, ``"45%"``, ``"45,5"``)."""
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
    found = number(value)
    if not 0 <= found <= 100:
        raise ValueError("not from 0 to 100")
    return found


def _number_text(raw: str) -> float:
    """A number as people write it: spaces, non-breaking spaces and apostrophes group
    thousands; of a comma and a dot, the last is the decimal mark; a lone comma is one."""
    digits = re.sub(r"[\s\u00a0\u202f']", "", raw)
    if "," in digits and "." in digits:
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        other = "." if mark == "," else ","
        digits = digits.replace(other, "").replace(mark, ".")
    elif digits.count(",") == 1:
        digits = digits.replace(",", ".")
    elif digits.count(",") > 1 or digits.count(".") > 1:
        digits = digits.replace(",", "").replace(".", "")
    return number(digits)


def parse_value(value: Any) -> tuple[float, str]:
    """An indicator's value and the unit written after it: ``(35.0, '%')`` from ``"35%"``,
    ``(450.0, 'persons')`` from ``"450 persons"``, ``(12.0, '')`` from a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value), ""
    found = text_of(value).strip()
    match = _NUMBER_UNIT.match(found)
    if match is None:
        raise ValueError("not a number")
    return _number_text(match.group(1)), match.group(2).strip()[:60]


def parse_date(value: Any) -> _dt.date:
    """A date: a date cell, or ``2025-06-30``, ``30.06.2025``, ``30/06/2025``."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    found = text_of(value).strip()
    for pattern in _DATE_TEXT:
        match = pattern.match(found)
        if match:
            try:
                day = _dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
            if 1900 <= day.year <= 2200:
                return day
    raise ValueError("not a date")


def _column(key: str, lang: str, **kwargs: Any) -> Column:
    written, *others = (
        text(f"monitor.column.{key}", lang),
        *_every_language(f"monitor.column.{key}"),
    )
    return Column(key, written, aliases=tuple(dict.fromkeys(others)), **kwargs)


def _locked(key: str, lang: str, width: float, **kwargs: Any) -> Column:
    return _column(key, lang, input=False, width=width, **kwargs)


def measures_sheet(lang: str = "en") -> SheetSpec:
    """The Measures sheet: the plan's measure (locked), then the six cells to fill in."""
    return _measures_sheet(lang, default_store())


def indicators_sheet(lang: str = "en") -> SheetSpec:
    """The Indicators sheet: the passport's unit, baseline and target (locked), then the value
    measured, its date and a comment."""
    return _indicators_sheet(lang, default_store())


def setting_labels() -> dict[str, tuple[str, ...]]:
    """Setting -> its label in every language (the Instructions sheet's label column)."""
    return dict(_setting_labels(default_store()))


# The sheets are built once per language and catalogue store (a store is replaced when the
# catalogues are read again, :func:`mgi.i18n.reset`): reading 160 workbooks builds them once,
# not 160 times (``benchmarks/bench_monitor.py``).


@cache
def _measures_sheet(lang: str, store: object) -> SheetSpec:
    amount = {
        "parse": non_negative,
        "rule": "monitor.bad_amount",
        "width": 14,
        "decimal": (0.0, None),
        "number_format": "#,##0",
    }
    columns = (
        _locked("code", lang, 10, parse=parse_code, rule="monitor.bad_code", required=True),
        _locked("measure", lang, 40, required=True),
        _locked("lead", lang, 22),
        _locked("start", lang, 9),
        _locked("end", lang, 9),
        _locked("planned_state", lang, 14, number_format="#,##0"),
        _locked("planned_donors", lang, 14, number_format="#,##0"),
        _column(
            "status",
            lang,
            parse=parse_status,
            rule="monitor.bad_status",
            fields={"allowed": ", ".join(status_labels(lang))},
            width=15,
            choices="status",
        ),
        _column(
            "progress",
            lang,
            parse=parse_progress,
            rule="monitor.bad_progress",
            width=11,
            decimal=(0.0, 100.0),
            number_format="0",
        ),
        _column("spent_state", lang, **amount),
        _column("spent_donors", lang, **amount),
        _column("evidence", lang, width=30),
        _column("comment", lang, width=30),
    )
    return SheetSpec(
        title=text("monitor.sheet.measures", lang),
        columns=columns,
        header_row=HEADER_ROW,
        heading=text("monitor.measures.heading", lang),
        note=text("monitor.measures.note", lang),
        kind=text("monitor.sheet.measures", lang),
        used_when=("code",),
        missing_rule="monitor.missing_column",
        header_height=32,
        freeze="measure",
    )


@cache
def _indicators_sheet(lang: str, store: object) -> SheetSpec:
    columns = (
        _locked("code", lang, 12, parse=parse_code, rule="monitor.bad_code", required=True),
        _locked("indicator", lang, 40, required=True),
        _locked("unit", lang, 16),
        _locked("baseline", lang, 10, number_format="General"),
        _locked("baseline_year", lang, 9),
        _locked("target", lang, 10, number_format="General"),
        _locked("target_year", lang, 9),
        _column("value", lang, parse=parse_value, rule="monitor.bad_value", width=14),
        _column(
            "date",
            lang,
            parse=parse_date,
            rule="monitor.bad_date",
            width=14,
            number_format="yyyy-mm-dd",
        ),
        _column("comment", lang, width=30),
    )
    return SheetSpec(
        title=text("monitor.sheet.indicators", lang),
        columns=columns,
        header_row=HEADER_ROW,
        heading=text("monitor.indicators.heading", lang),
        note=text("monitor.indicators.note", lang),
        kind=text("monitor.sheet.indicators", lang),
        used_when=("code",),
        missing_rule="monitor.missing_column",
        header_height=32,
        freeze="indicator",
    )


@cache
def _setting_labels(store: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((key, _every_language(f"monitor.setting.{key}")) for key in SETTINGS)


def folded(value: str) -> str:
    return norm_label(value)


def headers(spec: SheetSpec) -> Mapping[str, str]:
    """Field -> header written, for messages."""
    return {c.key: c.header for c in spec.columns}
