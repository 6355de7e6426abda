"""Find tables in a workbook by their headers, and label/value pairs by their labels.

Reusable by every importer: nothing here depends on a fixed cell address. A table is found on
any sheet whose header row (within the first rows) has the required columns, matched through an
alias table with case, spacing and accents ignored; moved, extra or reordered columns, blank
rows and trailing notes are tolerated. Rows read per sheet are capped. Sheets are read through
:class:`~mgi.workbook.opener.OpenedWorkbook` (rows of plain values), so nothing here imports a
spreadsheet library.

Examples
--------
>>> norm_label("  Evidence / Source: ")
'evidence/source'
>>> match_fields(["Indicator code", None, "Response"], {"code": ("code", "indicator code"),
...                                                     "answer": ("answer", "response")})
{'code': 0, 'answer': 2}
"""

from __future__ import annotations

import datetime as _dt
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from mgi.catalogue import Issue, make_issue

#: Rows searched for a header row.
HEADER_SEARCH_ROWS = 20
#: Rows read below a header before the sheet is refused as too large.
MAX_ROWS = 20_000
#: Longest text looked at as a possible header or label (longer cells are notes or answers).
MAX_LABEL = 120
#: Characters kept from one text cell.
MAX_TEXT = 10_000


def norm_label(value: Any) -> str:
    """Fold a header or label for matching: accents, case, spacing, ``:`` and ``*`` ignored."""
    if value is None:
        return ""
    return _fold(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=16_384)
def _fold(value: str) -> str:
    """:func:`norm_label` of a text (kept: the same headers recur in every workbook read)."""
    text = unicodedata.normalize("NFKD", value)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("_", " ").strip().rstrip(":*").strip()
    text = " ".join(text.split())
    return text.replace(" / ", "/").replace("/ ", "/").replace(" /", "/")


def alias_lookup(aliases: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Folded header -> field, built once per table kind (first field wins a shared alias)."""
    lookup: dict[str, str] = {}
    for name, names in aliases.items():
        for alias in names:
            lookup.setdefault(norm_label(alias), name)
    return lookup


def match_fields(
    values: Sequence[Any], aliases: Mapping[str, Sequence[str]] | Mapping[str, str]
) -> dict[str, int]:
    """Which position (0-based) of ``values`` holds each field; first match wins.

    ``aliases`` is field -> accepted headers, or a lookup made by :func:`alias_lookup`.
    """
    lookup = _lookup(aliases)
    found: dict[str, int] = {}
    for i, value in enumerate(values):
        is_label = isinstance(value, str) and len(value) <= MAX_LABEL
        name = lookup.get(norm_label(value)) if is_label else None
        if name is not None and name not in found:
            found[name] = i
    return found


def _lookup(aliases: Mapping[str, Sequence[str]] | Mapping[str, str]) -> dict[str, str]:
    first = next(iter(aliases.values()), None)
    if isinstance(first, str):  # already a lookup
        return dict(cast("Mapping[str, str]", aliases))
    return alias_lookup(aliases)


def column_letter(column: int) -> str:
    """``AB`` from column 28 (1-based)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, column: int) -> str:
    """``E17`` from row 17, column 5."""
    return f"{column_letter(column)}{row}"


def range_bounds(ref: str) -> tuple[int, int, int, int] | None:
    """``(min_col, min_row, max_col, max_row)`` of ``E5:E7`` (or of one cell), 1-based.

    Examples
    --------
    >>> range_bounds("E5:F7"), range_bounds("$B$3"), range_bounds("nonsense")
    ((5, 5, 6, 7), (2, 3, 2, 3), None)
    """
    from mgi.workbook.opener import parse_ref

    first, _, last = ref.partition(":")
    start, end = parse_ref(first), parse_ref(last or first)
    if start is None or end is None:
        return None
    return (
        min(start[1], end[1]),
        min(start[0], end[0]),
        max(start[1], end[1]),
        max(start[0], end[0]),
    )


def is_blank(value: Any) -> bool:
    """Empty cell or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: Any) -> str:
    """A cell value as text: numbers without a spurious ``.0``, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()


@dataclass
class Table:
    """A table found on a sheet: where its header is, which column holds each field (1-based),
    its header row as read, and its non-blank rows as ``(row number, values)``."""

    sheet: str
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    header: tuple[Any, ...] = ()

    def value(self, values: tuple[Any, ...], name: str) -> Any:
        """The value of field ``name`` in a row (``None`` when the column is absent)."""
        column = self.columns.get(name)
        if column is None or column > len(values):
            return None
        return values[column - 1]

    def ref(self, row: int, name: str) -> str | None:
        """The cell reference of field ``name`` in ``row``."""
        column = self.columns.get(name)
        return cell_ref(row, column) if column else None


@dataclass
class ScanResult:
    """Tables found, sheets refused as too large, and whether any cell had content."""

    tables: list[Table]
    too_large: list[Issue]
    has_content: bool


def find_tables(
    opened: Any,
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
    *,
    sheets: Sequence[str] | None = None,
    header_rows: int | None = None,
    max_rows: int | None = None,
) -> ScanResult:
    """Scan the sheets of an :class:`~mgi.workbook.opener.OpenedWorkbook` for a header row
    holding every ``required`` field.

    A sheet without such a header in its first ``header_rows`` rows is not read further.
    Below a header, at most ``max_rows`` rows are read; a longer sheet gives a
    ``workbook.too_large`` issue instead of a table. Defaults: :data:`HEADER_SEARCH_ROWS`
    and :data:`MAX_ROWS`. ``sheets`` limits the search to some sheet titles.
    """
    header_rows = HEADER_SEARCH_ROWS if header_rows is None else header_rows
    max_rows = MAX_ROWS if max_rows is None else max_rows
    lookup = alias_lookup(aliases)
    tables: list[Table] = []
    too_large: list[Issue] = []
    has_content = False
    for title in opened.titles if sheets is None else sheets:
        listed = opened.row_count(title)
        if listed > header_rows + max_rows:  # refused before a cell is read
            too_large.append(_too_large(title, listed, max_rows))
            has_content = True
            continue
        rows = opened.rows(title)
        table, content = _scan_sheet(title, rows, lookup, required, header_rows, max_rows)
        has_content = has_content or content
        if isinstance(table, Issue):
            too_large.append(table)
        elif table is not None:
            tables.append(table)
    return ScanResult(tables=tables, too_large=too_large, has_content=has_content)


def _scan_sheet(
    title: str,
    rows: list[tuple[Any, ...]],
    lookup: Mapping[str, str],
    required: Sequence[str],
    header_rows: int,
    max_rows: int,
) -> tuple[Table | Issue | None, bool]:
    """The table of one sheet (see :func:`find_tables`), or the issue refusing it, and whether
    any cell had content."""
    has_content = False
    for idx, values in enumerate(rows[:header_rows], start=1):
        if not any(not is_blank(v) for v in values):
            continue
        has_content = True
        columns = match_fields(values, lookup)
        if not all(name in columns for name in required):
            continue
        if len(rows) - idx > max_rows:
            return _too_large(title, len(rows), max_rows), True
        table = Table(
            sheet=title,
            header_row=idx,
            columns={k: v + 1 for k, v in columns.items()},
            header=values,
        )
        for number in range(idx + 1, len(rows) + 1):
            below = rows[number - 1]
            if any(not is_blank(v) for v in below):
                table.rows.append((number, below))
        return table, True
    if not has_content:
        has_content = any(any(not is_blank(v) for v in values) for values in rows[header_rows:])
    return None, has_content


def _too_large(sheet: str, rows: Any, allowed: int) -> Issue:
    found = f"{rows:,}" if isinstance(rows, int) else str(rows)
    return make_issue("workbook.too_large", sheet=sheet, found=found, allowed=f"{allowed:,}")


def read_pairs(
    rows: Sequence[tuple[Any, ...]], aliases: Mapping[str, Sequence[str]], *, max_rows: int = 60
) -> dict[str, tuple[Any, str]]:
    """Label/value pairs of a sheet's rows: for each row, the first non-empty cell is matched
    as a label and the cell to its right is the value. Returns field -> (value, value cell)."""
    lookup = alias_lookup(aliases)
    found: dict[str, tuple[Any, str]] = {}
    for idx, values in enumerate(rows[:max_rows], start=1):
        for col, value in enumerate(values, start=1):
            if is_blank(value):
                continue
            name = lookup.get(norm_label(value)) if isinstance(value, str) else None
            if name is not None and name not in found:
                right = values[col] if col < len(values) else None
                found[name] = (right, cell_ref(idx, col + 1))
            break
    return found
