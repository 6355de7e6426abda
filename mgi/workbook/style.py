"""A small toolkit for writing the workbooks mgi hands to people (templates, issue lists).

Every template kind (questionnaire, stakeholder consultation, expert ratings, weights) is built
from the same pieces, so they look alike and are equally hard to break:

* styles: :func:`style_header`, :func:`style_input`, :func:`style_locked`, :func:`style_title`;
* layout: :func:`set_widths`, :func:`setup_print`, :func:`protect_sheet`, :func:`protect_workbook`;
* answer lists: :func:`add_list_sheet` (one column per vocabulary on a hidden sheet, each with a
  defined name) and :func:`add_dropdown` (a data-validation drop-down referencing such a name:
  inline lists are limited to 255 characters);
* names and stamps: :func:`sheet_title`, :func:`define_name`, :func:`stamp` (custom document
  properties read back by :func:`mgi.workbook.opener.read_stamp`);
* text that is never a formula: :func:`write_text` (every cell mgi fills goes through it);
* number ranges: :func:`add_whole_validation`;
* :func:`save_deterministic`: atomic save with fixed timestamps, so equal inputs give
  byte-identical files.
"""

from __future__ import annotations

import datetime as _dt
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from mgi._io import FIXED_TIMESTAMP, atomic_write

#: Prefix of every custom document property and defined name mgi writes.
PREFIX = "mgi_"
#: Characters Excel does not allow in sheet names.
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: Characters that make a spreadsheet treat text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit on the characters in one cell.
MAX_CELL_CHARS = 32767
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")


# -- text ----------------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """Text as a cell can hold it: characters XML cannot carry removed, clipped to Excel's
    32,767 characters. The text is otherwise kept exactly as given.

    Examples
    --------
    >>> clean_text("a\\x00b\\x1fc"), len(clean_text("x" * 40_000))
    ('abc', 32767)
    """
    return _ILLEGAL_XML.sub("", value)[:MAX_CELL_CHARS]


def first_sheet(wb: Workbook) -> Worksheet:
    """The worksheet a new workbook opens with (``wb.active``), typed as a worksheet.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> first_sheet(Workbook()).title
    'Sheet'
    """
    ws = wb.active
    if not isinstance(ws, Worksheet):
        raise TypeError(f"the active sheet of this workbook is not a worksheet: {ws!r}")
    return ws


def sheet_named(wb: Workbook, title: str) -> Worksheet:
    """The worksheet ``title`` of a workbook mgi builds (``wb[title]``), typed as a worksheet."""
    ws = wb[title]
    if not isinstance(ws, Worksheet):
        raise TypeError(f"the sheet {title!r} of this workbook is not a worksheet: {ws!r}")
    return ws


def write_text(cell: Cell | MergedCell, value: Any) -> Cell:
    """Put ``value`` in an openpyxl cell as data, never as a formula: the one helper every
    mgi writer uses for every cell it fills, headers included.

    Text is stored as a string cell exactly as given (no apostrophe is added to the value),
    even when it starts with ``=``, ``+``, ``-`` or ``@`` or looks like an error value such as
    ``#N/A``; such text is also marked "quote prefix", so that editing the cell in Excel or
    LibreOffice keeps it text. Numbers, booleans, dates and ``None`` are stored as they are.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> cell = write_text(Workbook().active["A1"], "=cmd|' /C calc'!A0")
    >>> cell.value, cell.data_type
    ("=cmd|' /C calc'!A0", 's')
    """
    if not isinstance(cell, Cell):  # openpyxl refuses a value in a merged range's other cells
        raise TypeError(f"{cell.coordinate} is inside a merged range: write to its first cell")
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        if cell.data_type != "s":  # openpyxl made it a formula ("=…") or an error ("#N/A")
            cell.data_type = "s"
        if text.startswith(FORMULA_TRIGGERS) or cell.value in _ERROR_CODES:
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


# -- styles --------------------------------------------------------------------------------------


def style_title(cell: Cell | MergedCell, size: int = 14) -> None:
    """A sheet title: bold, larger."""
    cell.font = Font(bold=True, size=size, color="1F4E79")


def style_header(cells: Iterable[Cell | MergedCell]) -> None:
    """Header cells: white bold text on dark blue, wrapped, locked."""
    for cell in cells:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _BORDER
        cell.protection = Protection(locked=True)


def style_locked(cells: Iterable[Cell | MergedCell], *, fill: bool = False) -> None:
    """Read-only cells: wrapped, top-aligned, locked (optionally greyed)."""
    for cell in cells:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = _BORDER
        cell.protection = Protection(locked=True)
        if fill:
            cell.fill = LOCKED_FILL


def style_input(cells: Iterable[Cell | MergedCell]) -> None:
    """Cells the user fills in: pale yellow, bordered, wrapped, unlocked."""
    for cell in cells:
        cell.fill = INPUT_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = _BORDER
        cell.protection = Protection(locked=False)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    """Set column widths (in characters) from column A onwards."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


#: Height of one line of 11-point text, in points.
LINE_HEIGHT = 15.0


def text_lines(value: Any, width: float) -> int:
    """How many lines ``value`` takes wrapped in a column ``width`` characters wide (an
    estimate on word boundaries; every explicit line break starts a line)."""
    import textwrap

    if value is None or value == "":
        return 1
    per_line = max(4, int(width * 1.1) - 1)
    lines = 0
    for part in str(value).split("\n"):
        lines += max(1, len(textwrap.wrap(part, per_line, break_long_words=True)))
    return lines


def fit_row_heights(
    ws: Worksheet, first: int, last: int, widths: Sequence[float], *, max_lines: int = 12
) -> None:
    """Set the height of rows ``first`` to ``last`` to fit the text of their wrapped cells
    (Excel and LibreOffice do not grow a row for wrapped text written by a program), at most
    ``max_lines`` lines."""
    for row in range(first, last + 1):
        lines = 1
        for j, width in enumerate(widths, start=1):
            cell = ws.cell(row=row, column=j)
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                lines = max(lines, text_lines(cell.value, width))
        if lines > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * min(lines, max_lines)


def setup_print(ws: Worksheet, header_row: int | None = None) -> None:
    """Landscape, fit to one page wide, repeat the header row on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    page = ws.sheet_properties.pageSetUpPr
    if page is None:  # openpyxl makes one with every sheet; its type allows none
        page = ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    page.fitToPage = True
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"


def protect_sheet(ws: Worksheet) -> None:
    """Protect the sheet without a password: locked cells cannot be edited, but rows and
    columns can still be resized and unlocked cells filled."""
    protection = ws.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def protect_workbook(wb: Workbook) -> None:
    """Protect the structure (no adding, deleting, renaming or unhiding sheets); no password."""
    wb.security = WorkbookProtection(lockStructure=True)


# -- names, lists, drop-downs --------------------------------------------------------------------


def sheet_title(text: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique sheet name: forbidden characters replaced, at most 31 characters.

    Examples
    --------
    >>> sheet_title("D2 Whole-of-government / Evidence-based policies")
    'D2 Whole-of-government - Eviden'
    """
    clean = _BAD_SHEET_CHARS.sub("-", text).strip().strip("'") or "Sheet"
    clean = clean[:31].rstrip()
    used = {t.casefold() for t in taken}
    candidate, n = clean, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    return candidate


def name_token(text: str) -> str:
    """``text`` reduced to characters allowed in a defined name (letters, digits, ``_``)."""
    token = re.sub(r"[^A-Za-z0-9_]", "_", text)
    return token if token and not token[0].isdigit() else f"_{token}"


def cell_range(ws: Worksheet | str, first: str, last: str | None = None) -> str:
    """An absolute reference such as ``'D1 Rights'!$E$4:$E$20`` on the sheet ``ws`` (a sheet
    or its title)."""

    def absolute(ref: str) -> str:
        letters = ref.rstrip("0123456789")
        return f"${letters}${ref[len(letters) :]}"

    area = absolute(first) if last is None else f"{absolute(first)}:{absolute(last)}"
    title = ws if isinstance(ws, str) else ws.title
    return f"{quote_sheetname(title)}!{area}"


def define_name(wb: Workbook, name: str, reference: str) -> None:
    """Add (or replace) a workbook-level defined name."""
    wb.defined_names[name] = DefinedName(name, attr_text=reference)


def define_sheet_name(ws: Worksheet, name: str, first: str, last: str | None = None) -> None:
    """Add a defined name local to ``ws`` (Excel's sheet-level name), pointing at cells of
    ``ws``. Each sheet may reuse the same name for its own cells; a copied sheet keeps them."""
    ws.defined_names[name] = DefinedName(name, attr_text=cell_range(ws, first, last))


def add_list_sheet(
    wb: Workbook, lists: Mapping[str, Sequence[str]], *, title: str = "Lists"
) -> dict[str, str]:
    """Write vocabularies on a very hidden, protected sheet, one column each.

    Returns the defined name of each list (``mgi_list_<key>``), to use with
    :func:`add_dropdown`.
    """
    ws = wb.create_sheet(title)
    names: dict[str, str] = {}
    for col, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        write_text(ws.cell(row=1, column=col), key)
        for row, value in enumerate(values, start=2):
            write_text(ws.cell(row=row, column=col), value)
        name = f"{PREFIX}list_{name_token(key)}"
        last_row = max(2, len(values) + 1)
        define_name(wb, name, cell_range(ws, f"{letter}2", f"{letter}{last_row}"))
        names[key] = name
    ws.sheet_state = "veryHidden"
    protect_sheet(ws)
    return names


def add_dropdown(
    ws: Worksheet,
    cells: Sequence[str],
    list_name: str,
    labels: Sequence[str],
    *,
    what: str,
    texts: Mapping[str, str] | None = None,
) -> DataValidation:
    """Restrict ``cells`` (references such as ``E4``) to a named list, with a drop-down.

    ``labels`` and ``what`` make the message shown when something else is typed; ``texts``
    (``error_title``, ``error``, ``prompt_title``, ``prompt``) replaces the English messages,
    e.g. with those of another language. Excel's limits (32 characters for a title, 255 for a
    message) are applied.
    """
    shown = ", ".join(labels)
    given = dict(texts or {})
    validation = DataValidation(
        type="list",
        formula1=list_name,
        allow_blank=True,
        showDropDown=False,  # False means: do show the in-cell arrow (OOXML quirk)
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=given.get("error_title", f"Not a valid {what}")[:32],
        error=given.get("error", f"Choose one of: {shown}")[:255],
        showInputMessage=True,
        promptTitle=given.get("prompt_title", f"Choose the {what}")[:32],
        prompt=given.get("prompt", f"Choose from the list: {shown}")[:255],
    )
    for ref in cells:
        validation.add(ref)
    ws.add_data_validation(validation)
    return validation


def add_whole_validation(
    ws: Worksheet,
    areas: Sequence[str],
    low: int,
    high: int,
    *,
    texts: Mapping[str, str] | None = None,
) -> None:
    """Accept only whole numbers from ``low`` to ``high`` in ``areas`` (``D5:Z64``), with a
    prompt and an error message; ``texts`` (``error_title``, ``error``, ``prompt_title``,
    ``prompt``) replaces the English messages, e.g. with those of another language."""
    given = dict(texts or {})
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=given.get("error_title", "Not a valid rating")[:32],
        error=given.get("error", f"Type a whole number from {low} to {high}.")[:255],
        showInputMessage=True,
        promptTitle=given.get("prompt_title", "Rating")[:32],
        prompt=given.get("prompt", f"{low} (lowest) to {high} (highest)")[:255],
    )
    for area in areas:
        validation.add(area)
    ws.add_data_validation(validation)


def add_decimal_validation(
    ws: Worksheet,
    areas: Sequence[str],
    low: float | None,
    high: float | None,
    *,
    texts: Mapping[str, str],
) -> DataValidation:
    """Accept only numbers (decimals allowed) from ``low`` to ``high`` in ``areas``; a missing
    bound is open. ``texts`` gives ``error_title``, ``error``, ``prompt_title`` and ``prompt``."""
    if low is not None and high is not None:
        bounds: dict[str, Any] = {
            "operator": "between",
            "formula1": repr(low),
            "formula2": repr(high),
        }
    elif low is not None:
        bounds = {"operator": "greaterThanOrEqual", "formula1": repr(low)}
    else:
        bounds = {"operator": "lessThanOrEqual", "formula1": repr(high)}
    validation = DataValidation(
        type="decimal",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=texts["error_title"][:32],
        error=texts["error"][:255],
        showInputMessage=True,
        promptTitle=texts["prompt_title"][:32],
        prompt=texts["prompt"][:255],
        **bounds,
    )
    for area in areas:
        validation.add(area)
    ws.add_data_validation(validation)
    return validation


def stamp(wb: Workbook, values: Mapping[str, str]) -> None:
    """Write custom document properties ``mgi_<key>`` (text) identifying the template."""
    for key, value in values.items():
        # types-openpyxl leaves out this attribute, set in Workbook.__init__ since openpyxl 3.1
        wb.custom_doc_props.append(  # type: ignore[attr-defined]
            StringProperty(name=f"{PREFIX}{key}", value=str(value))
        )


# -- saving --------------------------------------------------------------------------------------


class _FixedTimeZip(zipfile.ZipFile):
    """A zip writer that stamps every entry with the same date and time."""

    date_time = (1980, 1, 1, 0, 0, 0)

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(str(zinfo_or_arcname), date_time=self.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        """Store a file's content under the fixed date (openpyxl writes sheets this way)."""
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def fixed_datetime() -> _dt.datetime:
    """:data:`mgi._io.FIXED_TIMESTAMP` as a naive UTC datetime."""
    return _dt.datetime.fromtimestamp(FIXED_TIMESTAMP, tz=_dt.UTC).replace(tzinfo=None)


def save_deterministic(wb: Workbook, path: str | Path) -> Path:
    """Save atomically with fixed document and zip timestamps (byte-identical re-runs).

    The workbook's created/modified properties are set to :func:`fixed_datetime`, and every
    zip entry gets the same date, so the same content always gives the same bytes.
    """
    when = fixed_datetime()
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "mgi"
    wb.properties.lastModifiedBy = "mgi"
    target = Path(path)
    with atomic_write(target) as tmp:
        archive = _FixedTimeZip(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        archive.date_time = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
        ExcelWriter(wb, archive).save()  # closes the archive; does not touch 'modified'
    return target
