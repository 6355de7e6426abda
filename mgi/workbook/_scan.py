"""Find tables in a workbook by their headers, and label/value pairs by their labels.

Reusable by every importer: nothing here depends on a fixed cell address. A table is found on
any sheet whose header row (within the first rows) has the required columns, matched through an
alias table with case, spacing and accents ignored; moved, extra or reordered columns, blank
rows and trailing notes are tolerated. Rows read per sheet are capped.

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
from typing import Any

from openpyxl.utils import get_column_letter

from mgi.catalogue import Issue, make_issue

#: Rows searched for a header row.
HEADER_SEARCH_ROWS = 20
#: Rows read below a header before the sheet is refused as too large.
MAX_ROWS = 20_000
#: Characters kept from one text cell.
MAX_TEXT = 10_000


def norm_label(value: Any) -> str:
    """Fold a header or label for matching: accents, case, spacing, ``:`` and ``*`` ignored."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("_", " ").strip().rstrip(":*").strip()
    text = " ".join(text.split())
    return text.replace(" / ", "/").replace("/ ", "/").replace(" /", "/")


def match_fields(values: Sequence[Any], aliases: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Which position (0-based) of ``values`` holds each field; first match wins."""
    lookup = {norm_label(a): name for name, names in aliases.items() for a in names}
    found: dict[str, int] = {}
    for i, value in enumerate(values):
        name = lookup.get(norm_label(value)) if isinstance(value, str) else None
        if name is not None and name not in found:
            found[name] = i
    return found


def cell_ref(row: int, column: int) -> str:
    """``E17`` from row 17, column 5."""
    return f"{get_column_letter(column)}{row}"


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
    and its non-blank rows as ``(row number, values)``."""

    sheet: str
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    worksheet: Any = None

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
    worksheets: Sequence[Any],
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
    *,
    header_rows: int | None = None,
    max_rows: int | None = None,
) -> ScanResult:
    """Scan worksheets for a header row holding every ``required`` field.

    A sheet without such a header in its first ``header_rows`` rows is not read further.
    Below a header, at most ``max_rows`` rows are read; a longer sheet gives a
    ``workbook.too_large`` issue instead of a table. Defaults: :data:`HEADER_SEARCH_ROWS`
    and :data:`MAX_ROWS`.
    """
    header_rows = HEADER_SEARCH_ROWS if header_rows is None else header_rows
    max_rows = MAX_ROWS if max_rows is None else max_rows
    tables: list[Table] = []
    too_large: list[Issue] = []
    has_content = False
    for ws in worksheets:
        try:
            table, content = _scan_sheet(ws, aliases, required, header_rows, max_rows, too_large)
        except Exception as exc:  # a cell openpyxl cannot decode: say on which sheet
            exc.mgi_sheet = getattr(ws, "title", None)  # type: ignore[attr-defined]
            raise
        has_content = has_content or content
        if table is not None:
            tables.append(table)
    return ScanResult(tables=tables, too_large=too_large, has_content=has_content)


def _scan_sheet(
    ws: Any,
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
    header_rows: int,
    max_rows: int,
    too_large: list[Issue],
) -> tuple[Table | None, bool]:
    """The table of one worksheet (see :func:`find_tables`) and whether any cell had content."""
    has_content = False
    declared = getattr(ws, "max_row", None) if hasattr(ws, "reset_dimensions") else None
    if declared is not None and (declared > 1 or (getattr(ws, "max_column", 1) or 1) > 1):
        has_content = True
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # declared dimensions can be wrong; read what is there
    table: Table | None = None
    for idx, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if table is None:
            if any(not is_blank(v) for v in values):
                has_content = True
            columns = match_fields(values, aliases)
            if all(name in columns for name in required):
                table = Table(
                    sheet=ws.title,
                    header_row=idx,
                    columns={k: v + 1 for k, v in columns.items()},
                    worksheet=ws,
                )
                if declared is not None and declared - idx > max_rows:
                    too_large.append(_too_large(ws.title, declared, max_rows))
                    table = None
                    break
            elif idx >= header_rows:
                break
            continue
        if idx - table.header_row > max_rows:
            too_large.append(_too_large(ws.title, f"more than {idx - 1:,}", max_rows))
            table = None
            break
        if any(not is_blank(v) for v in values):
            table.rows.append((idx, values))
    return table, has_content


def _too_large(sheet: str, rows: Any, allowed: int) -> Issue:
    found = f"{rows:,}" if isinstance(rows, int) else str(rows)
    return make_issue("workbook.too_large", sheet=sheet, found=found, allowed=f"{allowed:,}")


def read_pairs(
    ws: Any, aliases: Mapping[str, Sequence[str]], *, max_rows: int = 60
) -> dict[str, tuple[Any, str]]:
    """Label/value pairs of a sheet: for each row, the first non-empty cell is matched as a
    label and the cell to its right is the value. Returns field -> (value, value cell)."""
    lookup = {norm_label(a): name for name, names in aliases.items() for a in names}
    found: dict[str, tuple[Any, str]] = {}
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    for idx, values in enumerate(ws.iter_rows(values_only=True, max_row=max_rows), start=1):
        for col, value in enumerate(values, start=1):
            if is_blank(value):
                continue
            name = lookup.get(norm_label(value)) if isinstance(value, str) else None
            if name is not None and name not in found:
                right = values[col] if col < len(values) else None
                found[name] = (right, cell_ref(idx, col + 1))
            break
    return found
