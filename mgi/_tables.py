"""Read the plain-text tables (CSV) and metadata files (TOML) of the methodology folders.

Each reader returns what it could read plus a list of :class:`~mgi.catalogue.Issue` with file,
row and column, so that a loader can report every problem of every file at once.
Row numbers are the ones a spreadsheet shows: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi.catalogue import Issue, make_issue

if TYPE_CHECKING:
    import pandas as pd

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_DATA_FILE_BYTES = 20 * 1024 * 1024

#: One row of a table read by :func:`read_csv_records`: column -> stripped text, and ``_row``.
Record = dict[str, Any]


def read_csv_records(
    path: Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
) -> tuple[list[Record] | None, list[Issue]]:
    """Read a CSV table as text records, checking that the required columns exist.

    Every value is a stripped string (empty cells are ``""``); the key ``_row`` holds the
    spreadsheet row number. Unknown extra columns are kept (experts may add notes); a header
    that appears twice gets ``.1``, ``.2`` … on its later copies. Empty lines are skipped
    (they are not counted in row numbers), as are rows whose cells are all empty. Plain Python
    (the ``csv`` module): loading an instrument needs no pandas.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("code, name\\nD1 , Rights\\n,\\nD2,Data\\n", encoding="utf-8")
    >>> read_csv_records(p, ["code", "name"], ["order"])[0]
    [{'code': 'D1', 'name': 'Rights', '_row': 2, 'order': ''}, {'code': 'D2', 'name': 'Data', '_row': 4, 'order': ''}]
    """  # noqa: E501
    name = path.name
    if not path.is_file():
        return None, [make_issue("data.file_missing", file=name, found=str(path))]
    try:
        if path.stat().st_size > MAX_DATA_FILE_BYTES:
            return None, [make_issue("data.unreadable", file=name, found="larger than 20 MB")]
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = [line for line in csv.reader(handle, strict=True) if line]
    except (UnicodeDecodeError, csv.Error, ValueError, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [make_issue("data.unreadable", file=name, found=reason)]
    if not lines:
        return None, [make_issue("data.empty_file", file=name)]
    columns = _header(lines[0])
    issues = [
        make_issue("data.missing_column", file=name, row=1, column=col, allowed=", ".join(required))
        for col in required
        if col not in columns
    ]
    if issues:
        return None, issues
    records: list[Record] = []
    for number, line in enumerate(lines[1:], start=2):
        if len(line) > len(columns):
            found = (
                f"row {number} has {len(line)} cells but the header row has {len(columns)} "
                "columns (a comma inside a text that is not in quotes?)"
            )
            return None, [make_issue("data.unreadable", file=name, found=found)]
        values = [v.strip() for v in line] + [""] * (len(columns) - len(line))
        if not any(values):
            continue
        record: Record = dict(zip(columns, values, strict=True))
        record["_row"] = number
        records.append(record)
    if not records:
        return None, [make_issue("data.empty_file", file=name)]
    for record in records:
        for col in optional:
            record.setdefault(col, "")
    return records, issues


def _header(cells: Sequence[str]) -> list[str]:
    """Stripped header names; an empty one is ``Unnamed: N``, a repeated one gets ``.1``."""
    seen: dict[str, int] = {}
    names = []
    for i, cell in enumerate(cells):
        name = cell.strip() or f"Unnamed: {i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        names.append(name)
    return names


def read_csv_table(
    path: Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
) -> tuple[pd.DataFrame | None, list[Issue]]:
    """:func:`read_csv_records` as a DataFrame of text (with the column ``_row``)."""
    records, issues = read_csv_records(path, required, optional)
    if records is None:
        return None, issues
    import pandas as pd

    return pd.DataFrame.from_records(records), issues


def as_records(table: Any) -> list[Mapping[str, Any]]:
    """Records of a table: a list of mappings as it is, a DataFrame row by row."""
    if hasattr(table, "to_dict"):
        return table.to_dict("records")
    return list(table)


def check_codes(table: Any, column: str, file: str) -> list[Issue]:
    """Codes must be present, well formed and unique (``table``: records or a DataFrame)."""
    issues: list[Issue] = []
    first_row: dict[str, int] = {}
    for record in as_records(table):
        code, row = record[column], record["_row"]
        if code == "":
            issues.append(make_issue("data.empty_value", file=file, row=row, column=column))
        elif not CODE_PATTERN.match(code):
            issues.append(
                make_issue("data.bad_code", file=file, row=row, column=column, found=code)
            )
        elif code in first_row:
            issues.append(
                make_issue(
                    "data.duplicate_code",
                    file=file,
                    row=row,
                    column=column,
                    found=code,
                    first_row=first_row[code],
                )
            )
        else:
            first_row[code] = row
    return issues


def check_required(table: Any, columns: Iterable[str], file: str) -> list[Issue]:
    """Required cells must not be empty (``table``: records or a DataFrame)."""
    records = as_records(table)
    return [
        make_issue("data.empty_value", file=file, row=record["_row"], column=col)
        for col in columns
        for record in records
        if record[col] == ""
    ]


def parse_number(
    value: str,
    *,
    file: str,
    row: int,
    column: str,
    default: float | None = None,
    minimum: float | None = 0.0,
) -> tuple[float | None, list[Issue]]:
    """Parse a non-negative finite number; an empty cell gives ``default``."""
    if value == "":
        return default, []
    try:
        number = float(value)
    except ValueError:
        return None, [make_issue("data.bad_number", file=file, row=row, column=column, found=value)]
    if not math.isfinite(number):
        return None, [make_issue("data.bad_number", file=file, row=row, column=column, found=value)]
    if minimum is not None and number < minimum:
        return None, [
            make_issue("data.negative_number", file=file, row=row, column=column, found=value)
        ]
    return number, []


def split_list(value: str) -> list[str]:
    """Split a ``;``-separated cell into its stripped, non-empty parts."""
    return [part.strip() for part in value.split(";") if part.strip()]


def read_toml(path: Path) -> tuple[dict[str, Any] | None, list[Issue]]:
    """Read a TOML metadata file."""
    if not path.is_file():
        return None, [make_issue("data.file_missing", file=path.name, found=str(path))]
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), []
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        return None, [make_issue("data.unreadable", file=path.name, found=str(exc))]


def pydantic_issues(exc: Any, file: str) -> list[Issue]:
    """Turn a pydantic ``ValidationError`` into catalogue issues."""
    issues = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ())) or "(file)"
        expected = err.get("ctx", {}).get("expected")
        message = str(err.get("msg", "")).removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            message = "this setting is not known (check its spelling)"
        issues.append(
            make_issue(
                "data.metadata",
                file=file,
                column=where,
                found=message,
                allowed=f" Allowed: {expected}." if expected else "",
            )
        )
    return issues


def normalise_answer(value: Any) -> str:
    """Fold an answer as typed into its lookup key.

    Unicode NFKC, case folded, diacritics removed (``ë`` matches ``e``), inner spacing
    collapsed and outer spacing stripped. Numbers typed as numbers become their shortest text
    (``1.0`` → ``1``).

    Examples
    --------
    >>> normalise_answer("  Partially   PRESENT ")
    'partially present'
    >>> normalise_answer("Pjesërisht")
    'pjeserisht'
    >>> normalise_answer(1.0), normalise_answer(0.5)
    ('1', '0.5')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        number = float(value)
        if math.isfinite(number) and number == int(number):
            return str(int(number))
        return repr(number)
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


#: Characters never allowed in methodology text: control characters other than line breaks and
#: tabs (see :func:`check_text`) and the bidirectional embedding, override and isolate marks,
#: which can make a text display differently from what it says.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _bad_character(text: str, *, multi_line: bool) -> str | None:
    """The first character of ``text`` that methodology text may not hold, or ``None``."""
    for char in text:
        if multi_line and char in "\n\t\r":
            continue
        if unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
            return char
    return None


def check_text(
    table: Any, file: str, single_line: Iterable[str], multi_line: Iterable[str] = ()
) -> list[Issue]:
    """Refuse control characters in the text columns of a methodology table.

    Names, labels and codes (``single_line``) may hold no control character at all (no line
    break, no tab); long texts (``multi_line``: descriptions, questions, guidance) may hold line
    breaks and tabs. Bidirectional override marks are refused everywhere. Each offending cell
    gives one ``data.control_character`` issue with its file, row and column. ``table`` is a
    list of records (with ``_row``) or a DataFrame.

    Examples
    --------
    >>> rows = [{"name": "Rights", "_row": 2}, {"name": "Bell\\x07", "_row": 3}]
    >>> [str(i) for i in check_text(rows, "domains.csv", ["name"])]  # doctest: +ELLIPSIS
    ['[domains.csv, row 3, column name] The text contains the control character U+0007...']
    """
    records = as_records(table)
    present = set(records[0]) if records else set()
    issues: list[Issue] = []
    for columns, multi in ((single_line, False), (multi_line, True)):
        for column in columns:
            if column not in present:
                continue
            for record in records:
                value, row = record[column], record["_row"]
                char = _bad_character(str(value), multi_line=multi)
                if char is not None:
                    issues.append(
                        make_issue(
                            "data.control_character",
                            file=file,
                            row=row,
                            column=column,
                            found=f"U+{ord(char):04X}",
                            allowed=(
                                "ordinary text, line breaks and tabs"
                                if multi
                                else "ordinary text on one line"
                            ),
                        )
                    )
    return issues
