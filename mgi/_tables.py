"""Read the plain-text tables (CSV) and metadata files (TOML) of the methodology folders.

Each reader returns what it could read plus a list of :class:`~mgi.catalogue.Issue` with file,
row and column, so that a loader can report every problem of every file at once.
Row numbers are the ones a spreadsheet shows: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from mgi.catalogue import Issue, make_issue

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_DATA_FILE_BYTES = 20 * 1024 * 1024


def read_csv_table(
    path: Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
) -> tuple[pd.DataFrame | None, list[Issue]]:
    """Read a CSV table as text, checking that the required columns exist.

    Every value is a stripped string (empty cells are ``""``); a column ``_row`` holds the
    spreadsheet row number. Unknown extra columns are kept (experts may add notes).
    """
    name = path.name
    if not path.is_file():
        return None, [make_issue("data.file_missing", file=name, found=str(path))]
    try:
        if path.stat().st_size > MAX_DATA_FILE_BYTES:
            return None, [make_issue("data.unreadable", file=name, found="larger than 20 MB")]
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=True
        )
    except pd.errors.EmptyDataError:
        return None, [make_issue("data.empty_file", file=name)]
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [make_issue("data.unreadable", file=name, found=reason)]
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    issues = [
        make_issue("data.missing_column", file=name, row=1, column=col, allowed=", ".join(required))
        for col in required
        if col not in frame.columns
    ]
    if issues:
        return None, issues
    frame["_row"] = range(2, len(frame) + 2)
    blank = (frame[[c for c in frame.columns if c != "_row"]] == "").all(axis=1)
    frame = frame.loc[~blank].reset_index(drop=True)
    if frame.empty:
        return None, [make_issue("data.empty_file", file=name)]
    for col in optional:
        if col not in frame.columns:
            frame[col] = ""
    return frame, issues


def check_codes(frame: pd.DataFrame, column: str, file: str) -> list[Issue]:
    """Codes must be present, well formed and unique."""
    issues: list[Issue] = []
    first_row: dict[str, int] = {}
    for code, row in zip(frame[column], frame["_row"], strict=True):
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


def check_required(frame: pd.DataFrame, columns: Iterable[str], file: str) -> list[Issue]:
    """Required cells must not be empty."""
    return [
        make_issue("data.empty_value", file=file, row=row, column=col)
        for col in columns
        for value, row in zip(frame[col], frame["_row"], strict=True)
        if value == ""
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
    frame: pd.DataFrame, file: str, single_line: Iterable[str], multi_line: Iterable[str] = ()
) -> list[Issue]:
    """Refuse control characters in the text columns of a methodology table.

    Names, labels and codes (``single_line``) may hold no control character at all (no line
    break, no tab); long texts (``multi_line``: descriptions, questions, guidance) may hold line
    breaks and tabs. Bidirectional override marks are refused everywhere. Each offending cell
    gives one ``data.control_character`` issue with its file, row and column.

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["Rights", "Bell\\x07"], "_row": [2, 3]})
    >>> [str(i) for i in check_text(frame, "domains.csv", ["name"])]  # doctest: +ELLIPSIS
    ['[domains.csv, row 3, column name] The text contains the control character U+0007...']
    """
    issues: list[Issue] = []
    for columns, multi in ((single_line, False), (multi_line, True)):
        for column in columns:
            if column not in frame.columns:
                continue
            for value, row in zip(frame[column], frame["_row"], strict=True):
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
