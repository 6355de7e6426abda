"""The declarative sheet specification: one description of a sheet drives its template and
its reader.

A :class:`SheetSpec` lists the :class:`Column` s of a table sheet in the order they are
written: the header written and the other headers accepted, how a cell is parsed and which
catalogue rule reports a value that is not accepted (or a cell left empty), whether the user
fills it in, its width, its drop-down list or number range. From that one description

* :meth:`SheetSpec.write` lays out the template: title and note, styled header row, input
  (unlocked, yellow) and locked cells, widths, drop-downs and number validations, frozen panes,
  print set-up and sheet protection;
* :meth:`SheetSpec.read` finds the table in a workbook someone filled in, by its headers
  (moved, extra or reordered columns are fine), parses every cell of every row in use and
  returns :class:`Row` s with each cell's value, reference and problem: nothing stops at the
  first problem of a row, so a row with no group still reports its other cells.

Formulas saved without a value and merged ranges over the table are reported at their cells
with the workbook rules. The consultation, expert-ratings and weights workbooks are built on
it; so are, in their own packages, the action plan and the progress reports.

Examples
--------
A two-column sheet, written and read back:

>>> import tempfile, pathlib
>>> from openpyxl import Workbook
>>> from mgi.workbook.opener import open_workbook
>>> from mgi.workbook.style import save_deterministic
>>> spec = SheetSpec(
...     title="Scores", heading="Scores", header_row=3,
...     columns=(Column("name", "Name", aliases=("who",), required=True, width=20),
...              Column("score", "Score", parse=whole_number(1, 5), rule="rating.invalid",
...                     fields={"allowed": "1 to 5"}, validation=(1, 5))))
>>> wb = Workbook()
>>> ws = spec.write(wb, rows=3, values=[{"name": "Ana", "score": 4}, {"name": "Ben", "score": 9}])
>>> path = save_deterministic(wb, pathlib.Path(tempfile.mkdtemp()) / "s.xlsx")
>>> with open_workbook(path) as opened:
...     table = spec.read(opened)[0]
>>> [(row.values["name"], row.values["score"]) for row in table.rows]
[('Ana', 4.0), ('Ben', None)]
>>> print(table.rows[1].problems["score"])
[sheet Scores, cell B5] The rating "9" is not allowed. Use a whole number from 1 to 5, or leave the cell empty if there is no rating.
"""  # noqa: E501

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from mgi.catalogue import Issue, make_issue
from mgi.workbook.scan import (
    MAX_TEXT,
    alias_lookup,
    cell_ref,
    column_letter,
    find_tables,
    is_blank,
    norm_label,
    range_bounds,
    text_of,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from mgi.workbook.opener import OpenedWorkbook

#: A parser: the cell value as read -> the value kept; raises ``ValueError`` if not accepted.
Parser = Callable[[Any], Any]


# -- parsers -------------------------------------------------------------------------------------


class PartRefusedError(ValueError):
    """A parser's refusal that names the part of the cell not accepted (one item of a cell
    holding several), so that the message quotes that part rather than the whole cell."""

    def __init__(self, found: str, reason: str = "") -> None:
        super().__init__(reason or f"{found!r} is not accepted")
        self.found = found


def text(value: Any) -> str:
    """Any cell as text (numbers without a spurious ``.0``, dates as ISO dates)."""
    return text_of(value)


def number(value: Any) -> float:
    """A finite number; text such as ``"2,5"`` or ``" 3 "`` is read as a number too.

    Examples
    --------
    >>> number("2,5"), number(3)
    (2.5, 3.0)
    """
    if isinstance(value, bool):
        raise ValueError("a TRUE/FALSE value is not a number")
    if isinstance(value, str):
        value = float(value.strip().replace(",", "."))
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("not a finite number")
    return float(value)


def whole_number(low: int, high: int) -> Parser:
    """A parser of whole numbers from ``low`` to ``high`` (``4``, ``4.0`` and ``"4"`` alike).

    Examples
    --------
    >>> whole_number(1, 5)("4"), whole_number(1, 5)(4.0)
    (4.0, 4.0)
    """

    def parse(value: Any) -> float:
        found = number(value)
        if not found.is_integer() or not low <= found <= high:
            raise ValueError(f"not a whole number from {low} to {high}")
        return found

    return parse


def non_negative(value: Any) -> float:
    """A finite number of 0 or more."""
    found = number(value)
    if found < 0:
        raise ValueError("negative")
    return found


def fraction(value: Any) -> float:
    """A positive number, also written as a fraction such as ``1/3`` (pairwise judgements).

    Examples
    --------
    >>> fraction("1/4"), fraction(3)
    (0.25, 3.0)
    """
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.strip().replace(",", ".").partition("/")
        try:
            found = float(top) / float(bottom)
        except ZeroDivisionError:
            raise ValueError("division by zero") from None
        if not math.isfinite(found):
            raise ValueError("not a finite number")
    else:
        found = number(value)
    if found <= 0:
        raise ValueError("not above 0")
    return found


def choice(options: Mapping[str, Sequence[str]]) -> Parser:
    """A parser of one of ``options`` (value -> the spellings accepted for it), with case,
    spacing and accents ignored.

    Examples
    --------
    >>> choice({"points": ("points", "direct")})(" Direct ")
    'points'
    """
    lookup = alias_lookup({key: (key, *names) for key, names in options.items()})

    def parse(value: Any) -> str:
        found = lookup.get(norm_label(text_of(value)))
        if found is None:
            raise ValueError("not one of the options")
        return found

    return parse


class Quarter(NamedTuple):
    """A calendar quarter such as ``2025-Q1`` (ordered by time).

    Examples
    --------
    >>> q = Quarter(2025, 4)
    >>> str(q), str(q.shift(1)), q < Quarter(2026, 1)
    ('2025-Q4', '2026-Q1', True)
    """

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def serial(self) -> int:
        """Quarters since the year 0 (consecutive quarters have consecutive serials).

        Not called ``index``: that would hide the ``index`` method of the tuple."""
        return self.year * 4 + self.number - 1

    @classmethod
    def from_serial(cls, serial: int) -> Quarter:
        """The quarter of a :attr:`serial` number."""
        year, rest = divmod(int(serial), 4)
        return cls(year, rest + 1)

    def shift(self, quarters: int) -> Quarter:
        """The quarter ``quarters`` later (earlier when negative)."""
        return Quarter.from_serial(self.serial + quarters)

    def until(self, last: Quarter) -> list[Quarter]:
        """Every quarter from this one to ``last``, both included (empty if ``last`` is
        earlier)."""
        return [Quarter.from_serial(i) for i in range(self.serial, last.serial + 1)]


#: Quarters as people write them: 2025-Q1, 2025 Q1, 2025/Q1, Q1 2025, Q1-2025, 2025Q1; the
#: Albanian "T1" / "TM1" (tremujori) as well as "Q1".
_QUARTER = re.compile(
    r"^(?:(?P<y1>\d{4})\s*[-/.]?\s*(?:q|tm|t)\s*(?P<q1>[1-4])"
    r"|(?:q|tm|t)\s*(?P<q2>[1-4])\s*[-/.]?\s*(?P<y2>\d{4}))$"
)
#: Years a quarter may lie in.
QUARTER_YEARS = (1900, 2200)


def quarter(value: Any) -> Quarter:
    """A calendar quarter from ``2025-Q1`` and the other usual spellings, or from a date (the
    quarter it falls in).

    Examples
    --------
    >>> str(quarter(" q3 2026 ")), str(quarter("2025/Q1")), str(quarter("TM2-2027"))
    ('2026-Q3', '2025-Q1', '2027-Q2')
    >>> import datetime
    >>> str(quarter(datetime.date(2025, 11, 30)))
    '2025-Q4'
    """
    if isinstance(value, _dt.date):
        found = Quarter(value.year, (value.month - 1) // 3 + 1)
    else:
        match = _QUARTER.match(norm_label(text_of(value)))
        if match is None:
            raise ValueError("not a quarter")
        year = match.group("y1") or match.group("y2")
        number = match.group("q1") or match.group("q2")
        found = Quarter(int(year), int(number))
    if not QUARTER_YEARS[0] <= found.year <= QUARTER_YEARS[1]:
        raise ValueError("year out of range")
    return found


#: What separates the values of a cell that holds several.
ITEM_SEPARATORS = re.compile(r"[;\n\r]+")


def multiple(item: Parser | None = None) -> Parser:
    """A parser of a cell holding several values, each read with ``item`` (text if None).

    Values are separated by ``;`` or line breaks; a comma separates them too when every
    comma-separated part is accepted on its own (``GCM04, GCM05``), so that a title with a
    comma stays one value. The result is a tuple in the order written, repeats dropped. A part
    that is not accepted raises :class:`PartRefusedError` naming it.

    Examples
    --------
    >>> parse = multiple(whole_number(1, 35))
    >>> parse("24; 23"), parse("2, 19"), parse(24)
    ((24.0, 23.0), (2.0, 19.0), (24.0,))
    >>> try:
    ...     parse("24; 99")
    ... except PartRefusedError as exc:
    ...     print(exc.found)
    99
    """

    def one(part: str) -> Any:
        if item is None:
            return part
        try:
            return item(part)
        except (ValueError, TypeError, OverflowError):
            raise PartRefusedError(part) from None

    def parse(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, str):
            return (one(value) if item is not None else text_of(value),)
        found: list[Any] = []
        for piece in ITEM_SEPARATORS.split(value):
            piece = piece.strip()
            if not piece:
                continue
            parts = [p.strip() for p in piece.split(",")]
            if len(parts) > 1 and item is not None and all(p and _accepts(item, p) for p in parts):
                found += [item(p) for p in parts]
            else:
                found.append(one(piece))
        return tuple(dict.fromkeys(found))

    return parse


def _accepts(parser: Parser, value: str) -> bool:
    try:
        parser(value)
    except (ValueError, TypeError, OverflowError):
        return False
    return True


# -- the specification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a table sheet (or one labelled field of a form).

    Parameters
    ----------
    key
        The field name the reader returns the value under.
    header
        The header the template writes (the first spelling accepted).
    aliases
        Other headers accepted when reading (case, spacing and accents ignored).
    matches
        Optional test accepting other headers (e.g. ``"GCM07 Vulnerabilities"`` or ``7`` for
        objective 7), used when no alias matches.
    parse
        Parser of a non-empty cell (:data:`Parser`); ``None`` keeps the cell as text.
    rule
        Catalogue rule for a value the parser refuses; it gets ``found`` (the cell as typed)
        and the ``fields``.
    fields
        Other placeholders of ``rule`` and ``blank_rule`` (``allowed``, ``column``...).
    blank_rule
        Catalogue rule for an empty cell in a row in use; ``None``: an empty cell is allowed.
    required
        The table is recognised by its required columns (and refused without them).
    input
        The user fills it in (unlocked, yellow); otherwise locked and grey.
    width
        Column width in characters.
    choices
        Key of a list written on the hidden Lists sheet: the cells get a drop-down of it.
    strict
        Whether the drop-down refuses other values (``True``) or only warns.
    validation
        ``(low, high)``: the cells accept whole numbers in this range only.
    decimal
        ``(low, high)``: the cells accept numbers in this range only (``None``: no bound).
    number_format
        Excel number format of the cells (``"#,##0"``).
    several
        The cell may hold several values (see :func:`multiple`): its drop-down only informs,
        and its prompt says how to separate values.
    """

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    matches: Callable[[Any], bool] | None = None
    parse: Parser | None = None
    rule: str = ""
    fields: Mapping[str, Any] = field(default_factory=dict)
    blank_rule: str | None = None
    required: bool = False
    input: bool = True
    width: float = 12
    choices: str | None = None
    strict: bool = True
    validation: tuple[int, int] | None = None
    decimal: tuple[float | None, float | None] | None = None
    number_format: str | None = None
    several: bool = False

    def accepts(self, header: Any) -> bool:
        """Whether a header cell names this column."""
        if isinstance(header, str) and norm_label(header) in {
            norm_label(a) for a in (self.header, *self.aliases)
        }:
            return True
        return bool(self.matches is not None and not is_blank(header) and self.matches(header))

    def read(self, value: Any, *, sheet: str | None, cell: str | None) -> tuple[Any, Issue | None]:
        """The parsed value of a cell and the issue if it is not accepted (``None`` then).

        An empty cell gives ``(None, issue of blank_rule)`` or ``(None, None)``; text longer
        than :data:`~mgi.workbook.scan.MAX_TEXT` is clipped with a warning.
        """
        if is_blank(value):
            if self.blank_rule:
                return None, make_issue(self.blank_rule, sheet=sheet, cell=cell, **self.fields)
            return None, None
        if self.parse is None:
            found = text_of(value)
            if len(found) > MAX_TEXT:
                issue = make_issue(
                    "workbook.text_too_long",
                    sheet=sheet,
                    cell=cell,
                    found=f"{len(found):,}",
                    allowed=f"{MAX_TEXT:,}",
                )
                return found[:MAX_TEXT], issue
            return found, None
        try:
            return self.parse(value), None
        except (ValueError, TypeError, OverflowError) as exc:
            found = exc.found if isinstance(exc, PartRefusedError) else text_of(value)
            issue = make_issue(self.rule, sheet=sheet, cell=cell, found=found, **self.fields)
            return None, issue


@dataclass
class Row:
    """One row in use of a table read with a :class:`SheetSpec`.

    ``values`` holds the parsed value of every column of the spec (``None`` when empty, not
    accepted or absent); ``raw`` what was typed; ``cells`` the reference of each present
    column; ``problems`` the issue of each cell that has one.
    """

    sheet: str
    number: int
    values: dict[str, Any]
    raw: dict[str, Any]
    cells: dict[str, str]
    problems: dict[str, Issue] = field(default_factory=dict)

    def text(self, key: str) -> str:
        """The value read for ``key`` as text, stripped ("" for an empty cell)."""
        value = self.values.get(key)
        return "" if value is None else str(value).strip()

    def filled(self, key: str) -> bool:
        return not is_blank(self.raw.get(key))


@dataclass
class SheetTable:
    """A table found by :meth:`SheetSpec.read`: its sheet, header row, the column of each
    field, its rows in use, and the issues that belong to the table rather than a row (a
    missing column, a merged range, a formula outside the rows)."""

    sheet: str
    header_row: int
    columns: dict[str, int]
    rows: list[Row]
    issues: list[Issue]


@dataclass(frozen=True)
class SheetSpec:
    """A table sheet: title, heading, header row and columns (see the module docstring).

    ``used_when`` names the columns whose content puts a row in use (default: every input
    column); rows with none of them filled are skipped (unused template rows). ``missing_rule``
    reports a column of the spec that the table lacks (fields ``found`` = its header and
    ``expected`` = ``kind``).
    """

    title: str
    columns: tuple[Column, ...]
    header_row: int = 4
    heading: str = ""
    note: str = ""
    kind: str = ""
    used_when: tuple[str, ...] = ()
    missing_rule: str | None = None
    header_height: float | None = None
    freeze: str | None = None  # the last column kept in view when scrolling right

    # -- derived ---------------------------------------------------------------------------------
    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Field -> every header accepted (the written one first)."""
        return {c.key: (c.header, *c.aliases) for c in self.columns}

    def required_fields(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.required)

    def letter(self, key: str) -> str:
        """The column letter of ``key`` in the template."""
        return column_letter(1 + [c.key for c in self.columns].index(key))

    # -- writing ---------------------------------------------------------------------------------
    def write(
        self,
        wb: Workbook,
        *,
        rows: int,
        values: Sequence[Mapping[str, Any]] = (),
        lists: Mapping[str, str] | None = None,
        list_labels: Mapping[str, Sequence[str]] | None = None,
        index: int | None = None,
        lang: str | None = None,
    ) -> Worksheet:
        """Add the sheet to ``wb`` with ``rows`` rows to fill in, pre-filled from ``values``
        (one mapping field -> value per row). ``lists`` gives the defined name of each
        drop-down list (from :func:`~mgi.workbook.style.add_list_sheet`) and ``list_labels``
        its entries (shown in the drop-down's messages). With ``lang``, the messages of the
        drop-downs and number checks are in that language (:mod:`mgi.i18n`); without it, in
        English as they always were."""
        from mgi.workbook import style as st

        ws = wb.create_sheet(self.title, index=index)
        if self.heading:
            st.style_title(st.write_text(ws.cell(row=1, column=1), self.heading))
        if self.note:
            st.write_text(ws.cell(row=2, column=1), self.note)
        head = self.header_row
        for j, column in enumerate(self.columns, start=1):
            st.write_text(ws.cell(row=head, column=j), column.header)
        st.style_header(ws[head][: len(self.columns)])
        first, last = head + 1, head + max(rows, len(values))
        for j, column in enumerate(self.columns, start=1):
            cells = [ws.cell(row=r, column=j) for r in range(first, last + 1)]
            if column.input:
                st.style_input(cells)
            else:
                st.style_locked(cells, fill=True)
        for offset, given in enumerate(values):
            for j, column in enumerate(self.columns, start=1):
                value = given.get(column.key)
                if value is not None:
                    st.write_text(ws.cell(row=first + offset, column=j), value)
        for j, column in enumerate(self.columns, start=1):
            letter = column_letter(j)
            area = f"{letter}{first}:{letter}{last}"
            if column.number_format:
                for r in range(first, last + 1):
                    ws.cell(row=r, column=j).number_format = column.number_format
            if column.choices and lists and column.choices in lists:
                labels = list((list_labels or {}).get(column.choices, ()))
                dropdown = st.add_dropdown(
                    ws,
                    [area],
                    lists[column.choices],
                    labels,
                    what=column.header,
                    texts=_dropdown_texts(column, labels, lang),
                )
                if column.several:
                    dropdown.errorStyle = "information"
                elif not column.strict:
                    dropdown.errorStyle = "warning"
            if column.decimal is not None:
                st.add_decimal_validation(
                    ws, [area], *column.decimal, texts=_decimal_texts(column, lang)
                )
        for low_high, letters in _grouped_validations(self.columns):
            st.add_whole_validation(
                ws,
                [f"{a}{first}:{b}{last}" for a, b in letters],
                *low_high,
                texts=_whole_texts(*low_high, lang),
            )
        st.set_widths(ws, [c.width for c in self.columns])
        if self.header_height:
            ws.row_dimensions[head].height = self.header_height
        frozen = [c.key for c in self.columns].index(self.freeze) + 1 if self.freeze else 0
        freeze_col = column_letter(frozen + 1)
        ws.freeze_panes = f"{freeze_col}{first}"
        st.setup_print(ws, header_row=head)
        st.protect_sheet(ws)
        return ws

    # -- reading ---------------------------------------------------------------------------------
    def read(self, opened: OpenedWorkbook) -> list[SheetTable]:
        """Every table of this spec in ``opened`` (found by the required headers), each row in
        use parsed cell by cell. Sheets too large to read are reported by
        :func:`~mgi.workbook.scan.find_tables`; callers check ``scan`` through
        :meth:`find`."""
        scan = self.find(opened)
        return [self._read_table(opened, t) for t in scan.tables]

    def find(self, opened: OpenedWorkbook) -> Any:
        """The :class:`~mgi.workbook.scan.ScanResult` of the required headers."""
        required = self.required_fields()
        aliases = {k: v for k, v in self.aliases().items() if k in required}
        return find_tables(opened, aliases, required)

    def read_tables(self, opened: OpenedWorkbook, tables: Sequence[Any]) -> list[SheetTable]:
        """Parse tables already found by :meth:`find`."""
        return [self._read_table(opened, t) for t in tables]

    def _read_table(self, opened: OpenedWorkbook, table: Any) -> SheetTable:
        sheet = table.sheet
        columns = dict(table.columns)
        taken = set(columns.values())
        for j, header in enumerate(table.header, start=1):
            if j in taken:
                continue
            for column in self.columns:
                if column.key not in columns and column.accepts(header):
                    columns[column.key] = j
                    taken.add(j)
                    break
        issues: list[Issue] = []
        if self.missing_rule:
            for column in self.columns:
                if column.key not in columns and (column.input or column.required):
                    issues.append(
                        make_issue(
                            self.missing_rule, sheet=sheet, found=column.header, expected=self.kind
                        )
                    )
        unreadable = UnreadableCells(opened, sheet, table.header_row)
        used = self.used_when or tuple(c.key for c in self.columns if c.input)
        rows: list[Row] = []
        reported: set[int] = set()
        for number, values in table.rows:
            raw = {k: values[j - 1] if j <= len(values) else None for k, j in columns.items()}
            cells = {k: cell_ref(number, j) for k, j in columns.items()}
            hidden = {k: p for k, ref in cells.items() if (p := unreadable.at(ref)) is not None}
            if all(is_blank(raw.get(k)) for k in used) and not (set(hidden) & set(used)):
                continue
            row = Row(sheet=sheet, number=number, values={}, raw=raw, cells=cells)
            for column in self.columns:
                ref = cells.get(column.key)
                if column.key in hidden:
                    unreadable_cell = hidden[column.key]
                    row.values[column.key] = None
                    if id(unreadable_cell) not in reported:
                        reported.add(id(unreadable_cell))
                        row.problems[column.key] = unreadable_cell
                    continue
                value, problem = column.read(raw.get(column.key), sheet=sheet, cell=ref)
                row.values[column.key] = value
                if problem is not None and (ref is not None or column.blank_rule is None):
                    row.problems[column.key] = problem
            rows.append(row)
        return SheetTable(sheet, table.header_row, columns, rows, issues)


def _dropdown_texts(
    column: Column, labels: Sequence[str], lang: str | None
) -> dict[str, str] | None:
    """The drop-down's messages in ``lang`` (None: the English defaults of the style)."""
    if lang is None:
        return None
    from mgi.i18n import text

    shown = ", ".join(labels)
    prompt = "workbook.dropdown.prompt_several" if column.several else "workbook.dropdown.prompt"
    return {
        "error_title": text("workbook.dropdown.error_title", lang, what=column.header),
        "error": text("workbook.dropdown.error", lang, allowed=shown),
        "prompt_title": text("workbook.dropdown.prompt_title", lang, what=column.header),
        "prompt": text(prompt, lang, allowed=shown),
    }


def _decimal_texts(column: Column, lang: str | None) -> dict[str, str]:
    """The messages of a number check, in ``lang`` (English when None)."""
    from mgi.i18n import format_value, text

    low, high = column.decimal or (None, None)
    language = lang or "en"
    bounds: dict[str, Any] = {"low": format_value("count", low or 0, language)}
    if high is None:
        key = "workbook.number.at_least"
    else:
        key = "workbook.number.between"
        bounds["high"] = format_value("count", high, language)
    return {
        "error_title": text("workbook.number.error_title", language),
        "error": text(key, language, **bounds),
        "prompt_title": column.header,
        "prompt": text(key, language, **bounds),
    }


def _whole_texts(low: int, high: int, lang: str | None) -> dict[str, str] | None:
    """The messages of a whole-number check in ``lang`` (None: the English defaults)."""
    if lang is None:
        return None
    from mgi.i18n import text

    return {
        "error_title": text("workbook.number.whole_title", lang),
        "error": text("workbook.number.whole", lang, low=low, high=high),
        "prompt_title": text("workbook.number.rating", lang),
        "prompt": text("workbook.rate", lang, low=low, high=high),
    }


def _grouped_validations(
    columns: Sequence[Column],
) -> list[tuple[tuple[int, int], list[tuple[str, str]]]]:
    """Adjacent columns with the same number range, as runs of letters (one validation each
    range, as few areas as possible)."""
    groups: dict[tuple[int, int], list[tuple[str, str]]] = {}
    previous: tuple[int, int] | None = None
    for j, column in enumerate(columns, start=1):
        letter = column_letter(j)
        if column.validation is None:
            previous = None
            continue
        runs = groups.setdefault(column.validation, [])
        if previous == column.validation and runs:
            runs[-1] = (runs[-1][0], letter)
        else:
            runs.append((letter, letter))
        previous = column.validation
    return list(groups.items())


class UnreadableCells:
    """Cells whose content cannot be trusted, each with the issue that explains why: formulas
    saved without a calculated value, and cells of a merged range below row ``below`` (merging
    hides every value but the first). Every cell of a merged range gives the same issue (at the
    range's first cell), so a caller reports it once. Ranges are kept as bounds, never
    expanded cell by cell."""

    def __init__(self, opened: OpenedWorkbook, sheet: str, below: int) -> None:
        self.formulas = {
            ref: make_issue("workbook.formula_no_value", sheet=sheet, cell=ref, found=formula)
            for ref, formula in opened.formulas_without_value(sheet).items()
        }
        self.merged: list[tuple[tuple[int, int, int, int], Issue]] = []
        for merged in opened.merged_ranges(sheet):
            bounds = range_bounds(merged)
            if bounds is None or bounds[3] <= below:
                continue
            bounds = (bounds[0], max(bounds[1], below + 1), bounds[2], bounds[3])
            issue = make_issue(
                "workbook.merged_cells", sheet=sheet, cell=merged.split(":")[0], found=merged
            )
            self.merged.append((bounds, issue))

    def __bool__(self) -> bool:
        return bool(self.formulas or self.merged)

    def at(self, ref: str | None) -> Issue | None:
        """The issue of the cell ``ref`` (``E5``), or ``None`` if it can be trusted."""
        if ref is None or not self:
            return None
        if ref in self.formulas:
            return self.formulas[ref]
        bounds = range_bounds(ref)
        if bounds is None:
            return None
        col, row = bounds[0], bounds[1]
        for (min_col, min_row, max_col, max_row), issue in self.merged:
            if min_col <= col <= max_col and min_row <= row <= max_row:
                return issue
        return None
