"""Open a workbook someone sent, safely, or say in one sentence why it cannot be read.

Reusable by every importer (questionnaires, consultations, ratings, weights, and later the
action plan and progress reports):

* :func:`open_workbook` reads the file's bytes once (never writing to it), recognises what it
  really is (CSV renamed .xlsx, legacy .xls, encrypted, .ods, truncated zip...), refuses zip
  bombs, XML with document type declarations and workbooks too large to read in bounded time
  and memory (too many cells or shared strings) before any parser sees them, then reads the
  workbook structure (sheets, defined names, the ``mgi_*`` template stamp) itself and the cell
  values with calamine (python-calamine: a Rust reader that never expands entities and never
  runs macros). Any failure raises :class:`~mgi.errors.NotAWorkbookError` carrying exactly
  one catalogue issue.
* :class:`OpenedWorkbook` gives each sheet's values as rows (:meth:`~OpenedWorkbook.rows`:
  ``None`` for an empty cell, whole numbers as ``int``, error values such as ``#DIV/0!`` as
  text), the file's SHA-256, the stamp, the defined names, and what a value reader does not
  show, from a linear scan of the sheet XML: :meth:`~OpenedWorkbook.merged_ranges` and
  :meth:`~OpenedWorkbook.formulas_without_value`.
* :func:`reading` turns a failure while reading cells into the same kind of error.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from mgi.catalogue import make_issue, sentence
from mgi.errors import NotAWorkbookError
from mgi.workbook._sheetxml import SheetFacts, scan_sheet

#: Largest file read at all (bytes on disk).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Largest total uncompressed size declared by the zip directory.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: Largest compression ratio accepted for a member larger than :data:`RATIO_MIN_SIZE`.
MAX_RATIO = 200
RATIO_MIN_SIZE = 10 * 1024 * 1024
#: How much of an XML part is read at a time by the safety pass (every byte is checked).
SCAN_CHUNK = 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAMS = tuple(
    name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage")
)
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_DTD_MARKERS = (
    b"<!DOCTYPE",
    b"<!ENTITY",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!DOCTYPE".encode("utf-16-be"),
    "<!ENTITY".encode("utf-16-le"),
    "<!ENTITY".encode("utf-16-be"),
)
#: What every marker starts with, in each encoding: checked first (one fast search).
_DTD_LEADS = (b"<!", "<!".encode("utf-16-le"), "<!".encode("utf-16-be"))
#: How a cell and a shared string start, with or without a namespace prefix: counted with
#: ``bytes.count`` (fast, allocates nothing); a stray match (``<col``) only over-counts.
_CELL_STARTS = (b"<c", b":c")
_STRING_STARTS = (b"<si", b":si")
#: Markers that make a worksheet worth a detailed scan (formulas, error values, merges).
_SCAN_MARKERS = {
    "formula": (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/"),
    "error": (b't="e"', b"t='e'"),
    "merge": (b"mergeCell",),
}
#: Rows read on their own at the top of a sheet, where headers and labels are searched.
HEAD_ROWS = 20
#: Largest number of cells (``<c>`` elements, filled or only formatted) in one workbook.
MAX_CELLS = 1_000_000
#: Largest rectangle of cells (from A1 to the farthest filled cell) read from one sheet: a
#: reader holds the whole rectangle, so two filled cells far apart would cost gigabytes.
MAX_AREA = 3_000_000
#: Largest number of shared strings in one workbook.
MAX_SHARED_STRINGS = 1_000_000
#: Whole numbers up to this size are given as ``int`` (as Excel shows them).
_EXACT_INT = 2**53
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def refuse(path: Path, rule: str, **fields: Any) -> NotAWorkbookError:
    """The error for a file that cannot be read at all (one issue, file name filled in)."""
    issue = make_issue(rule, file=path.name, **fields)
    return NotAWorkbookError(
        sentence("headline.cannot_read", name=path.name), issues=[issue], path=path, rule=rule
    )


def megabytes(n: float) -> str:
    """A size in bytes, as a person reads it in a message (``12 MB``)."""
    return f"{n / 1024 / 1024:,.0f} MB"


def check_input_file(path: Path, *, too_large: str) -> int:
    """The size of the input file ``path``, refused (:func:`refuse`) when it is a folder, does
    not exist, or is larger than :data:`MAX_FILE_BYTES` (rule ``too_large``)."""
    if path.is_dir():
        raise refuse(path, "workbook.is_directory", found=str(path))
    if not path.is_file():
        raise refuse(path, "workbook.not_found", found=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse(path, too_large, found=megabytes(size), allowed=megabytes(MAX_FILE_BYTES))
    return size


def column_index(letters: str) -> int:
    """1-based column number of ``AB`` (28)."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def parse_ref(ref: str) -> tuple[int, int] | None:
    """``(row, column)`` of a cell reference such as ``$C$8`` (1-based), or ``None``."""
    found = _REF.match(ref.strip())
    if found is None:
        return None
    return int(found.group(2)), column_index(found.group(1))


@dataclass(frozen=True)
class Area:
    """A rectangle of cells on one sheet, 1-based and inclusive."""

    sheet: str
    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def cells(self) -> int:
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)


@dataclass(frozen=True)
class DefinedName:
    """A defined name of the workbook: its name, the sheet it is local to (``None`` for the
    whole workbook) and what it refers to as written (``'Participant 1'!$B$3``)."""

    name: str
    scope: str | None
    text: str

    def area(self) -> Area | None:
        """The one rectangle the name refers to, or ``None`` (several areas, ``#REF!``...)."""
        sheet, bang, cells = self.text.strip().rpartition("!")
        if not bang or "," in cells:
            return None
        sheet = sheet.strip()
        if sheet.startswith("'") and sheet.endswith("'") and len(sheet) >= 2:
            sheet = sheet[1:-1].replace("''", "'")
        first, _, last = cells.partition(":")
        start, end = parse_ref(first), parse_ref(last or first)
        if not sheet or start is None or end is None:
            return None
        return Area(
            sheet,
            min(start[0], end[0]),
            min(start[1], end[1]),
            max(start[0], end[0]),
            max(start[1], end[1]),
        )


@dataclass(frozen=True)
class SheetInfo:
    """A worksheet of the workbook: its title, its XML part and whether it is hidden."""

    title: str
    part: str
    state: str = "visible"


@dataclass
class Extent:
    """The far cells of a sheet seen so far (see :func:`sheet_extent`)."""

    wide_columns: int = 0  # the farthest column beyond Z of a filled cell (0: none)
    wide_rows: int = 0  # the lowest row of such a cell
    deep_rows: int = 0  # the lowest row of a cell below row 9,999
    deeper_rows: int = 0  # the lowest row of a cell below row 99,999

    def add(self, xml: bytes) -> None:
        """Take the far cells of a piece of the sheet's XML into account."""
        found = _WIDE_CELL.findall(xml)
        if found:  # each distinct column and row once (a wide table repeats them on every row)
            letters, numbers = zip(*found, strict=True)
            columns = (column_index(c.decode("ascii")) for c in set(letters))
            self.wide_columns = max(self.wide_columns, *columns)
            self.wide_rows = max(self.wide_rows, *(int(n) for n in set(numbers)))
        if self.wide_columns:
            self.deep_rows = max(self.deep_rows, *(int(n) for n in _DEEP_CELL.findall(xml)), 0)
        self.deeper_rows = max(self.deeper_rows, *(int(n) for n in _DEEPER_CELL.findall(xml)), 0)

    def bounds(self) -> tuple[int, int]:
        """``(rows, columns)``: a rectangle from A1 that holds every filled cell, never smaller
        than the true one where it matters for :data:`MAX_AREA`. Without wide cells every
        filled cell lies in columns A to Z, and only rows beyond 99,999 can matter; with them,
        every row beyond 9,999 counts."""
        if not self.wide_columns:
            return max(99_999, self.deeper_rows), 26
        return max(9_999, self.wide_rows, self.deep_rows, self.deeper_rows), self.wide_columns


@dataclass
class ArchiveSummary:
    """What the safety pass over every part of the archive counted and noticed."""

    cells: int = 0
    shared_strings: int = 0
    markers: dict[str, set[str]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # part -> row elements
    extents: dict[str, Extent] = field(default_factory=dict)  # part -> far cells seen


@dataclass
class OpenedWorkbook:
    """A workbook opened safely for reading. Use as a context manager (or call
    :meth:`close`).

    Sheets are named by their titles; :meth:`rows` reads a sheet's values once and keeps them.
    """

    path: Path
    sha256: str
    archive: zipfile.ZipFile
    sheets: list[SheetInfo]
    names: list[DefinedName]
    stamp: dict[str, str] = field(default_factory=dict)
    summary: ArchiveSummary = field(default_factory=ArchiveSummary)
    _reader: Any = None
    _rows: dict[str, SheetRows] = field(default_factory=dict)
    _facts: dict[str, SheetFacts] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def titles(self) -> list[str]:
        """The worksheet titles in workbook order."""
        return [sheet.title for sheet in self.sheets]

    def __enter__(self) -> OpenedWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._reader is not None:
            with contextlib.suppress(Exception):
                self._reader.close()
        with contextlib.suppress(Exception):
            self.archive.close()

    def _sheet(self, title: str) -> SheetInfo:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)

    def sheet_xml(self, title: str) -> bytes:
        """The raw XML of a worksheet (``b""`` if it cannot be located)."""
        try:
            return self.archive.read(self._sheet(title).part)
        except (KeyError, zipfile.BadZipFile, OSError):
            return b""

    def facts(self, title: str) -> SheetFacts:
        """Formulas without a value, error cells and merged ranges of a sheet (linear scan of
        its XML, only when the safety pass saw one of them in it)."""
        if title not in self._facts:
            part = self._sheet(title).part
            seen = self.summary.markers.get(part, set())
            self._facts[title] = scan_sheet(self.sheet_xml(title)) if seen else SheetFacts()
        return self._facts[title]

    def row_count(self, title: str) -> int:
        """How many rows the sheet's XML lists (counted by the safety pass, before any cell is
        read; rows that hold only formatting count too)."""
        return self.summary.rows.get(self._sheet(title).part, 0)

    def merged_ranges(self, title: str) -> list[str]:
        """The merged ranges of a worksheet, e.g. ``["E5:E7"]``."""
        return list(self.facts(title).merged)

    def formulas_without_value(self, title: str) -> dict[str, str]:
        """Cells holding a formula but no saved (cached) value: reference -> formula text."""
        return dict(self.facts(title).formulas)

    def rows(self, title: str) -> SheetRows:
        """The values of a sheet from A1, one tuple per row (trailing empty rows dropped).

        An empty cell is ``None``; whole numbers are ``int``; an error value is its text
        (``#DIV/0!``); a formula without a saved value is ``None`` (see
        :meth:`formulas_without_value`). A NaN stored in a number cell, which Excel cannot
        hold, raises :class:`~mgi.errors.NotAWorkbookError` naming the sheet.
        """
        if title not in self._rows:
            self._rows[title] = self._read_rows(title)
        return self._rows[title]

    def _read_rows(self, title: str) -> SheetRows:
        extent = self.summary.extents.get(self._sheet(title).part, Extent()).bounds()
        if extent[0] * extent[1] > MAX_AREA:  # the bound may be far too large: count exactly
            extent = exact_extent(self.sheet_xml(title)) or extent
        if extent[0] * extent[1] > MAX_AREA:
            raise refuse(
                self.path,
                "workbook.too_wide",
                sheet=title,
                found=f"{extent[0] * extent[1]:,}",
                last=f"{_letters(extent[1])}{extent[0]}",
                allowed=f"{MAX_AREA:,}",
            )
        with reading(self.path, sheet=title):
            sheet = self._reader.get_sheet_by_name(title)
        return SheetRows(self.path, title, sheet, self.facts(title).errors)

    def defined_name(self, name: str, sheet: str | None = None) -> DefinedName | None:
        """The defined name ``name`` local to ``sheet`` if there is one, else the workbook's.

        Names are matched without regard to case, as Excel does.
        """
        folded = name.casefold()
        found = [n for n in self.names if n.name.casefold() == folded]
        local = [n for n in found if sheet is not None and n.scope == sheet]
        shared = [n for n in found if n.scope is None]
        chosen = local or shared
        return chosen[0] if chosen else None


class SheetRows(Sequence[tuple[Any, ...]]):
    """The rows of a sheet from A1, each turned into mgi's values only when first asked for.

    The first :data:`HEAD_ROWS` rows (where headers and labels are searched) are read without
    reading the rest, and the number of rows is known without reading any: a sheet refused as
    too long is never converted cell by cell.
    """

    def __init__(self, path: Path, title: str, sheet: Any, errors: dict[str, str]) -> None:
        self._path, self._title, self._sheet, self._errors = path, title, sheet, errors
        end = sheet.end
        rows = end[0] + 1 if end is not None else 0
        for ref in errors:
            at = parse_ref(ref)
            rows = max(rows, at[0] if at else 0)
        self._len = rows
        self._grid: list[list[Any]] | None = None
        self._head: list[list[Any]] | None = None
        self._done: dict[int, tuple[Any, ...]] = {}

    def __len__(self) -> int:
        return self._len

    def _raw(self, index: int) -> list[Any]:
        if self._grid is None and index < HEAD_ROWS:
            if self._head is None:
                self._head = self._load(HEAD_ROWS)
            grid = self._head
        else:
            if self._grid is None:
                self._grid = self._load(None)
            grid = self._grid
        return grid[index] if index < len(grid) else []

    def _load(self, nrows: int | None) -> list[list[Any]]:
        with reading(self._path, sheet=self._title):
            grid = self._sheet.to_python(skip_empty_area=False, nrows=nrows)
        for ref, text in self._errors.items():
            at = parse_ref(ref)
            if at is None or (nrows is not None and at[0] > nrows):
                continue
            row, column = at
            while len(grid) < row:
                grid.append([])
            values = grid[row - 1]
            values += [""] * (column - len(values))
            values[column - 1] = text
        return grid

    @overload
    def __getitem__(self, index: int) -> tuple[Any, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, ...]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        row = self._done.get(index)
        if row is None:
            values = self._raw(index)
            try:
                row = tuple([_value(v) for v in values])
            except ValueError:
                column = next(i for i, v in enumerate(values) if isinstance(v, float) and v != v)
                raise refuse(
                    self._path,
                    "workbook.corrupt",
                    found="a cell on this sheet holds a value Excel cannot store: NaN in cell "
                    f"{_letters(column + 1)}{index + 1}",
                    sheet=self._title,
                ) from None
            self._done[index] = row
        return row


#: Cell references (only cells have a reference with letters in an ``r`` attribute): filled
#: cells (not self-closing) beyond column Z; cells below row 9,999 and below row 99,999.
_WIDE_CELL = re.compile(rb"\br=\"([A-Z]{2,3})([0-9]{1,7})\"[^<>/]*>")
_DEEP_CELL = re.compile(rb"\br=\"[A-Z]{1,3}([0-9]{5,7})\"")
#: Any reference that is wide or deep (the only ones :class:`Extent` needs to look at).
_FAR_REF = re.compile(rb"\br=\"(?:[A-Z]{2,3}[0-9]|[A-Z][0-9]{5})")
_DEEPER_CELL = re.compile(rb"\br=\"[A-Z]{1,3}([0-9]{6,7})\"")


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """``(rows, columns)`` of a rectangle from A1 that holds every filled cell of a sheet's XML
    (see :meth:`Extent.bounds`).

    Examples
    --------
    >>> sheet_extent(b'<c r="A1"><v>1</v></c><c r="XFD1048576"><v>1</v></c>')
    (1048576, 16384)
    """
    extent = Extent()
    extent.add(xml)
    return extent.bounds()


#: A filled cell (not self-closing) with its reference, and any filled cell.
_FILLED_REF = re.compile(rb"<(?:\w+:)?c\s[^<>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^<>/]*>")
_FILLED = re.compile(rb"<(?:\w+:)?c(?:\s[^<>]*)?(?<!/)>")


def exact_extent(xml: bytes) -> tuple[int, int] | None:
    """``(rows, columns)`` of the rectangle from A1 that holds every filled cell of a sheet's
    XML, from every cell's reference (one pass; used only where :meth:`Extent.bounds`, which
    looks at far cells alone, is too coarse: a sheet a few rows high and hundreds of columns
    wide, such as an export with one column per question). ``None`` when a filled cell has no
    reference (its place then depends on the cells before it).

    Examples
    --------
    >>> exact_extent(b'<c r="A1"><v>1</v></c><c r="VG2" t="s"><v>0</v></c><c r="XFD9" s="1"/>')
    (2, 579)
    >>> exact_extent(b'<c r="A1"><v>1</v></c><c><v>2</v></c>') is None
    True
    """
    rows = columns = found = 0
    for letters, number in _FILLED_REF.findall(xml):
        found += 1
        rows = max(rows, int(number))
        columns = max(columns, column_index(letters.decode("ascii")))
    return (rows, columns) if found == len(_FILLED.findall(xml)) else None


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _value(value: Any) -> Any:
    """A calamine value as mgi reads it: ``None`` when empty, whole numbers as ``int``."""
    if value == "" and isinstance(value, str):
        return None
    if type(value) is float:
        if value != value:
            raise ValueError("NaN")
        if value.is_integer() and -_EXACT_INT < value < _EXACT_INT:
            return int(value)
    return value


def sniff(path: Path, data: bytes) -> None:
    """Raise :class:`NotAWorkbookError` if ``data`` is clearly not an .xlsx/.xlsm zip."""
    if not data:
        raise refuse(path, "workbook.corrupt", found="the file is empty, 0 bytes")
    if data.startswith(OLE2_MAGIC):
        if any(name in data for name in _ENCRYPTION_STREAMS):
            raise refuse(path, "workbook.encrypted")
        raise refuse(path, "workbook.legacy_xls")
    if data.startswith(b"PK"):
        return
    head = data[:4096]
    text = None
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is not None and text.strip():
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        if printable / len(text) > 0.95:
            raise refuse(path, "workbook.text_file")
    raise refuse(path, "workbook.corrupt", found="it is not an Excel .xlsx file")


def check_archive(path: Path, archive: zipfile.ZipFile) -> ArchiveSummary:
    """Refuse .ods files, non-workbook zips, zip bombs, XML with a DTD and workbooks with
    more cells or shared strings than mgi reads; return what the pass counted.

    Every XML part is read once, in chunks (its size is bounded by the zip-bomb check), so a
    document type declaration hidden behind a long comment is still found.
    """
    names = set(archive.namelist())
    if "mimetype" in names:
        with contextlib.suppress(Exception):
            if archive.read("mimetype")[:100].startswith(_ODS_MIME):
                raise refuse(path, "workbook.ods")
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise refuse(
            path, "workbook.zip_bomb", found=megabytes(total), allowed=megabytes(MAX_UNCOMPRESSED)
        )
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise refuse(
                path,
                "workbook.zip_bomb",
                found=f"{megabytes(info.file_size)} in {info.filename} (compressed "
                f"{info.file_size // max(info.compress_size, 1)}:1)",
                allowed=f"{MAX_RATIO}:1 compression",
            )
    if "[Content_Types].xml" not in names or not any(
        n.startswith("xl/") and n.endswith("workbook.xml") for n in names
    ):
        if "mimetype" in names:
            raise refuse(path, "workbook.ods")
        raise refuse(
            path, "workbook.corrupt", found="it is a zip archive but not an Excel workbook"
        )
    summary = ArchiveSummary()
    overlap = max(len(marker) for marker in _DTD_MARKERS)
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        seen: set[str] = set()
        is_sheet = "sheet" in info.filename.rsplit("/", 1)[-1].casefold()
        tail = b""
        try:
            with archive.open(info) as handle:
                while chunk := handle.read(SCAN_CHUNK):
                    window = tail + chunk
                    suspicious = any(lead in window for lead in _DTD_LEADS)
                    if suspicious and any(marker in window for marker in _DTD_MARKERS):
                        raise refuse(
                            path,
                            "workbook.unsafe_xml",
                            found=f"a document type declaration in {info.filename}",
                        )
                    # counted in every part: a worksheet may be stored under any name
                    summary.cells += sum(chunk.count(m) for m in _CELL_STARTS)
                    summary.shared_strings += sum(chunk.count(m) for m in _STRING_STARTS)
                    rows = chunk.count(b"<row") + chunk.count(b":row")
                    summary.rows[info.filename] = summary.rows.get(info.filename, 0) + rows
                    if _FAR_REF.search(window):  # one quick search; the rest only if needed
                        extent = summary.extents.setdefault(info.filename, Extent())
                        extent.add(window)
                    if is_sheet:
                        seen.update(
                            k for k, ms in _SCAN_MARKERS.items() if any(m in window for m in ms)
                        )
                    _check_counts(path, summary)
                    tail = window[-overlap:]
        except NotAWorkbookError:
            raise
        except Exception as exc:  # CRC errors, truncated members, bad compression
            raise refuse(path, "workbook.corrupt", found=_reason(exc)) from None
        if seen:
            summary.markers[info.filename] = seen
    return summary


def _check_counts(path: Path, summary: ArchiveSummary) -> None:
    """Refuse as soon as the cells or shared strings counted so far pass their limit."""
    if summary.cells > MAX_CELLS:
        raise refuse(
            path,
            "workbook.too_many_cells",
            found=f"more than {MAX_CELLS:,}",
            allowed=f"{MAX_CELLS:,}",
        )
    if summary.shared_strings > MAX_SHARED_STRINGS:
        raise refuse(
            path,
            "workbook.too_many_strings",
            found=f"more than {MAX_SHARED_STRINGS:,}",
            allowed=f"{MAX_SHARED_STRINGS:,}",
        )


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:150] if text else type(exc).__name__


def _xml(archive: zipfile.ZipFile, member: str) -> Any:
    """The parsed XML of a small structural part (defusedxml: no entities, no network)."""
    from defusedxml.ElementTree import fromstring

    return fromstring(archive.read(member))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(node: Any, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (``r:id``, strict OOXML...)."""
    for key, value in node.attrib.items():
        if _local(key) == name:
            return value
    return None


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) of ``part``, targets resolved to zip members."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    found: dict[str, tuple[str, str]] = {}
    for node in _xml(archive, rels):
        target = node.get("Target", "")
        if node.get("TargetMode") == "External" or not target:
            continue
        member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[node.get("Id", "")] = (node.get("Type", ""), posixpath.normpath(member))
    return found


def read_structure(archive: zipfile.ZipFile) -> tuple[list[SheetInfo], list[DefinedName]]:
    """The worksheets (title, part, state) and defined names listed in ``xl/workbook.xml``."""
    package = _relations(archive, "")
    book = next(
        (t for kind, t in package.values() if kind.endswith("/officeDocument")),
        next(n for n in archive.namelist() if n.startswith("xl/") and n.endswith("workbook.xml")),
    )
    rels = _relations(archive, book)
    root = _xml(archive, book)
    sheets: list[SheetInfo] = []
    titles: list[str] = []
    names: list[DefinedName] = []
    for node in root.iter():
        tag = _local(node.tag)
        if tag == "sheet":
            title = node.get("name", "")
            titles.append(title)
            kind, part = rels.get(_attr(node, "id") or "", ("", ""))
            if kind.endswith("/worksheet") and part in archive.namelist():
                sheets.append(SheetInfo(title, part, node.get("state", "visible")))
        elif tag == "definedName":
            scope = node.get("localSheetId")
            sheet = None
            if scope is not None and scope.isdigit() and int(scope) < len(titles):
                sheet = titles[int(scope)]
            names.append(DefinedName(node.get("name", ""), sheet, node.text or ""))
    return sheets, names


def read_stamp(archive: zipfile.ZipFile) -> dict[str, str]:
    """The ``mgi_*`` custom document properties, without the prefix."""
    stamp: dict[str, str] = {}
    if "docProps/custom.xml" not in archive.namelist():
        return stamp
    for node in _xml(archive, "docProps/custom.xml"):
        name = node.get("name", "")
        if name.startswith("mgi_"):
            stamp[name[4:]] = "".join(node.itertext())
    return stamp


#: The largest ``docProps/custom.xml`` :func:`peek_stamp` reads (a stamp is a few hundred bytes).
STAMP_LIMIT = 64 * 1024


def peek_stamp(path: str | Path) -> dict[str, str]:
    """The ``mgi_*`` stamp of a workbook read from its small ``docProps/custom.xml`` alone,
    without the checks of the whole archive :func:`open_workbook` makes (they can take seconds
    on a large file, which is then opened, checked and refused once, by its reader). Empty for
    anything that is not a zip archive with a small, well-formed stamp."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/custom.xml")
            if info.file_size > STAMP_LIMIT or info.compress_size > STAMP_LIMIT:
                return {}
            return read_stamp(archive)
    except Exception:  # not a zip, no stamp, a malformed or hostile stamp: its reader says why
        return {}


def open_workbook(path: str | Path) -> OpenedWorkbook:
    """Open a workbook for reading, or raise :class:`NotAWorkbookError` saying why not.

    The file is read once into memory and never written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "answers.xlsx"
    >>> _ = bad.write_text("code,answer\\nD1.a,Yes\\n")
    >>> try:
    ...     open_workbook(bad)
    ... except NotAWorkbookError as exc:
    ...     print(exc.issues[0].rule)
    workbook.text_file
    """
    path = Path(path)
    check_input_file(path, too_large="workbook.zip_bomb")
    data = path.read_bytes()
    sniff(path, data)
    sha = hashlib.sha256(data).hexdigest()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise refuse(
            path, "workbook.corrupt", found=f"the zip archive is truncated or damaged ({exc})"
        ) from None
    try:
        summary = check_archive(path, archive)
        with reading(path):
            sheets, names = read_structure(archive)
            stamp = read_stamp(archive)
            from python_calamine import CalamineWorkbook

            reader = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException:
        archive.close()
        raise
    return OpenedWorkbook(
        path=path,
        sha256=sha,
        archive=archive,
        sheets=sheets,
        names=names,
        stamp=stamp,
        summary=summary,
        _reader=reader,
    )


@contextlib.contextmanager
def reading(path: Path, *, sheet: str | None = None) -> Iterator[None]:
    """Turn any failure while parsing workbook content into :class:`NotAWorkbookError`."""
    from defusedxml.common import DefusedXmlException

    try:
        yield
    except NotAWorkbookError:
        raise
    except DefusedXmlException as exc:
        raise refuse(path, "workbook.unsafe_xml", found=_reason(exc)) from None
    except (MemoryError, RecursionError) as exc:
        raise refuse(path, "workbook.unsafe_xml", found=_reason(exc)) from None
    except Exception as exc:  # calamine and the XML parser raise many kinds on damaged files
        if "entity" in str(exc).casefold():  # calamine never expands entities: say why
            raise refuse(path, "workbook.unsafe_xml", found=_reason(exc), sheet=sheet) from None
        raise refuse(path, "workbook.corrupt", found=_reason(exc), sheet=sheet) from None
