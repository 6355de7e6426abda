"""Open a workbook someone sent, safely, or say in one sentence why it cannot be read.

Reusable by every importer (questionnaires, consultations, ratings, weights):

* :func:`open_workbook` reads the file's bytes once (never writing to it), recognises what it
  really is (CSV renamed .xlsx, legacy .xls, encrypted, .ods, truncated zip...), refuses zip
  bombs and XML with document type declarations before parsing, then opens it with openpyxl in
  read-only, cached-values mode (macros are never run or kept). Any failure raises
  :class:`~mgi.errors.NotAWorkbookError` carrying exactly one catalogue issue.
* :class:`OpenedWorkbook` gives the openpyxl workbook, the file's SHA-256, the template stamp
  (custom document properties ``mgi_*``), and cheap raw-XML helpers:
  :meth:`~OpenedWorkbook.merged_ranges` and :meth:`~OpenedWorkbook.formulas_without_value`
  (read-only openpyxl hides both).
* :func:`reading` turns a failure while iterating the sheets into the same kind of error.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml.common import DefusedXmlException

from mgi.catalogue import make_issue
from mgi.errors import NotAWorkbookError

#: Largest file read at all (bytes on disk).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Largest total uncompressed size declared by the zip directory.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: Largest compression ratio accepted for a member larger than :data:`RATIO_MIN_SIZE`.
MAX_RATIO = 200
RATIO_MIN_SIZE = 10 * 1024 * 1024
#: How much of each XML part is checked for a document type declaration.
XML_HEAD_BYTES = 64 * 1024

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
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]+)\"")
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb"\br=\"([A-Z]{1,3}[0-9]{1,7})\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)


def _megabytes(n: float) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def refuse(path: Path, rule: str, **fields: Any) -> NotAWorkbookError:
    """The error for a file that cannot be read at all (one issue, file name filled in)."""
    issue = make_issue(rule, file=path.name, **fields)
    return NotAWorkbookError(
        f"{path.name} cannot be read as a workbook.", issues=[issue], path=path, rule=rule
    )


@dataclass
class OpenedWorkbook:
    """A workbook opened safely for reading. Use as a context manager (or call
    :meth:`close`)."""

    path: Path
    sha256: str
    archive: zipfile.ZipFile
    book: Any  # openpyxl.Workbook in read-only mode
    stamp: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    def __enter__(self) -> OpenedWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.book.close()
        with contextlib.suppress(Exception):
            self.archive.close()

    def sheet_xml(self, ws: Any) -> bytes:
        """The raw XML of a worksheet ('' if it cannot be located)."""
        member = getattr(ws, "_worksheet_path", None)
        if not member:
            return b""
        try:
            return self.archive.read(member.lstrip("/"))
        except (KeyError, zipfile.BadZipFile, OSError):
            return b""

    def merged_ranges(self, ws: Any) -> list[str]:
        """The merged ranges of a worksheet, e.g. ``["E5:E7"]``."""
        return [m.decode("ascii", "replace") for m in _MERGE.findall(self.sheet_xml(ws))]

    def formulas_without_value(self, ws: Any) -> dict[str, str]:
        """Cells holding a formula but no saved (cached) value: reference -> formula text."""
        xml = self.sheet_xml(ws)
        if not _HAS_FORMULA.search(xml):
            return {}
        found: dict[str, str] = {}
        for attrs, inner in _CELL.findall(xml):
            if not inner:
                continue
            formula = _FORMULA.search(inner)
            if formula is None:
                continue
            value = _VALUE.search(inner)
            if value is not None and value.group(1).strip():
                continue
            ref = _REF.search(attrs)
            if ref is None:
                continue
            text = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
            found[ref.group(1).decode("ascii")] = f"={text}" if text else "(shared formula)"
        return found


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


def check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse .ods files, non-workbook zips, zip bombs and XML with a DTD."""
    names = set(archive.namelist())
    if "mimetype" in names:
        with contextlib.suppress(Exception):
            if archive.read("mimetype")[:100].startswith(_ODS_MIME):
                raise refuse(path, "workbook.ods")
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise refuse(
            path, "workbook.zip_bomb", found=_megabytes(total), allowed=_megabytes(MAX_UNCOMPRESSED)
        )
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise refuse(
                path,
                "workbook.zip_bomb",
                found=f"{_megabytes(info.file_size)} in {info.filename} (compressed "
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
    overlap = max(len(marker) for marker in _DTD_MARKERS)
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        # Scan the whole part (its size is bounded by the zip-bomb check above): a DTD may
        # hide behind a long comment, so looking at the first bytes only is not enough.
        tail = b""
        try:
            with archive.open(info) as handle:
                while chunk := handle.read(XML_HEAD_BYTES):
                    window = tail + chunk
                    if any(marker in window for marker in _DTD_MARKERS):
                        raise refuse(
                            path,
                            "workbook.unsafe_xml",
                            found=f"a document type declaration in {info.filename}",
                        )
                    tail = window[-overlap:]
        except NotAWorkbookError:
            raise
        except Exception as exc:  # CRC errors, truncated members, bad compression
            raise refuse(path, "workbook.corrupt", found=_reason(exc)) from None


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:150] if text else type(exc).__name__


def read_stamp(book: Any, archive: zipfile.ZipFile) -> dict[str, str]:
    """The ``mgi_*`` custom document properties, without the prefix."""
    stamp: dict[str, str] = {}
    props = getattr(book, "custom_doc_props", None)
    for prop in getattr(props, "props", []) or []:
        name = str(getattr(prop, "name", "") or "")
        if name.startswith("mgi_"):
            stamp[name[4:]] = str(prop.value if prop.value is not None else "")
    if props is None and "docProps/custom.xml" in archive.namelist():
        from defusedxml.ElementTree import fromstring

        root = fromstring(archive.read("docProps/custom.xml"))
        for node in root:
            name = node.get("name", "")
            if name.startswith("mgi_"):
                stamp[name[4:]] = "".join(node.itertext())
    return stamp


def open_workbook(path: str | Path) -> OpenedWorkbook:
    """Open a workbook for reading, or raise :class:`NotAWorkbookError` saying why not.

    The file is read once into memory and never written. Examples
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
    if not openpyxl.DEFUSEDXML:  # fail closed: never parse untrusted XML unprotected
        raise refuse(path, "workbook.unsafe_xml", found="the defusedxml protection is not active")
    if path.is_dir():
        raise refuse(path, "workbook.is_directory", found=str(path))
    if not path.is_file():
        raise refuse(path, "workbook.not_found", found=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse(
            path, "workbook.zip_bomb", found=_megabytes(size), allowed=_megabytes(MAX_FILE_BYTES)
        )
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
        check_archive(path, archive)
        with reading(path):
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_vba=False, keep_links=False
            )
            stamp = read_stamp(book, archive)
    except BaseException:
        archive.close()
        raise
    return OpenedWorkbook(path=path, sha256=sha, archive=archive, book=book, stamp=stamp)


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn any failure while parsing workbook content into :class:`NotAWorkbookError`."""
    try:
        yield
    except NotAWorkbookError:
        raise
    except DefusedXmlException as exc:
        raise refuse(path, "workbook.unsafe_xml", found=_reason(exc)) from None
    except (MemoryError, RecursionError) as exc:
        raise refuse(path, "workbook.unsafe_xml", found=_reason(exc)) from None
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        cause: BaseException | None = exc
        for _ in range(10):  # openpyxl wraps parser errors in a ValueError
            if cause is None:
                break
            if isinstance(cause, DefusedXmlException):
                raise refuse(path, "workbook.unsafe_xml", found=_reason(cause)) from None
            cause = cause.__cause__ or cause.__context__
        sheet = getattr(exc, "mgi_sheet", None)
        found = _reason(exc)
        if sheet is not None:
            found = f"a cell on this sheet holds a value Excel cannot store: {found}"
        raise refuse(path, "workbook.corrupt", found=found, sheet=sheet) from None
