"""The table of an export, whatever the tool and the file format: headers, values, rows.

KoboToolbox exports XLS (xlsx) or CSV (semicolon by default) with one row per submission and
metadata columns (``_id``, ``_uuid``, ``_submission_time``, ``_validation_status``,
``_index``, ``__version__`` …, and ``start``/``end`` when the form asks them). ODK Central
exports a zip holding ``<form id>.csv`` (comma) with ``SubmissionDate``, ``meta-instanceID``,
``KEY``, ``SubmitterID``, ``ReviewState``, ``FormVersion`` … and group prefixes joined by
``-``. :func:`read_table` reads any of them, safely, into an :class:`ExportTable`: the header
row as written, the values as Python objects (text, numbers, dates; ``None`` when empty) and
the row each submission has in the file, as a spreadsheet shows it.

:func:`sniff` says, cheaply and without a flag, whether a path looks like such an export (or
like an XLSForm mgi wrote), so that every reader of a consultation or a questionnaire can hand
it to :mod:`mgi.workbook.xlsform.export`.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
>>> _ = path.write_text("_uuid;respondent/stakeholder_group\\nu1;diaspora\\n", encoding="utf-8")
>>> sniff(path), read_table(path).headers
('csv', ('_uuid', 'respondent/stakeholder_group'))
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi._tables import normalise_answer
from mgi.catalogue import Issue, make_issue, sentence
from mgi.errors import NotAWorkbookError
from mgi.workbook.opener import (
    MAX_FILE_BYTES,
    check_input_file,
    megabytes,
    open_workbook,
    peek_stamp,
    reading,
)
from mgi.workbook.xlsform.form import STAMP_KEY

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from mgi.workbook.xlsform.form import FormIdentity

#: Most submissions read from one export (CSV; an xlsx export is bounded by the opener's
#: :data:`~mgi.workbook.opener.MAX_CELLS`).
MAX_SUBMISSIONS = 200_000
#: Most columns read from one export (the questionnaire form of ``mgi-national`` has fewer
#: than 600 fields, a consultation fewer than 60).
MAX_COLUMNS = 5_000
#: Suffixes of text exports.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
#: Metadata columns of KoboToolbox and ODK Central exports (compared after :func:`header_key`).
METADATA_COLUMNS = frozenset(
    (
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_tags",
        "_index",
        "_parent_index",
        "_xform_id_string",
        "_attachments",
        "_geolocation",
        "formhub/uuid",
        "meta/instanceid",
        "meta/rootuuid",
        "meta/deprecatedid",
        "meta-instanceid",
        "instanceid",
        "submissiondate",
        "key",
        "submitterid",
        "submittername",
        "attachmentspresent",
        "attachmentsexpected",
        "reviewstate",
        "deviceid",
        "edits",
        "formversion",
    )
)
#: Columns that identify a submission, the most specific first (KoboToolbox, then ODK).
ID_COLUMNS = ("_uuid", "meta/instanceid", "meta-instanceid", "instanceid", "key")
#: Review states of a submission its reviewers rejected: KoboToolbox's validation status (its
#: code with "XML values", its label with "Labels") and ODK Central's review state.
REJECTED = {
    "_validation_status": frozenset(("validation_status_not_approved", "not approved")),
    "reviewstate": frozenset(("rejected",)),
}
#: How many metadata columns make a table an export (mgi's ``mgi_form_id`` alone does too).
_MARKERS_NEEDED = 2
_DELIMITERS = (",", ";", "\t")


def header_key(value: Any) -> str:
    """A header folded for matching: case, accents, spacing and the spaces around ``/``
    ignored (``" Respondent / Stakeholder_Group "`` → ``respondent/stakeholder_group``).

    Examples
    --------
    >>> header_key(" About you / Sex (optional) ")
    'about you/sex (optional)'
    """
    return re.sub(r"\s*/\s*", "/", normalise_answer("" if value is None else value))


def is_export_header(headers: list[Any] | tuple[Any, ...]) -> bool:
    """Whether a header row is one of an export: it names ``mgi_form_id`` (with or without a
    group prefix) or at least two of the tools' metadata columns."""
    from mgi.workbook.xlsform.form import ID_FIELD

    keys = {header_key(h) for h in headers if h is not None}
    if any(k == ID_FIELD or k.endswith((f"/{ID_FIELD}", f"-{ID_FIELD}")) for k in keys):
        return True
    return len(keys & METADATA_COLUMNS) >= _MARKERS_NEEDED


@dataclass
class ExportTable:
    """One export as read: ``headers`` as written, ``values`` one row per submission and one
    column per header (text, numbers, dates; ``None`` when empty; columns numbered from 0),
    ``rows`` the row of each submission in the file (the header row is row 1), ``sheet`` the
    sheet of an xlsx export, and the issues met while reading (a guessed encoding)."""

    path: Path
    sha256: str
    headers: tuple[str, ...]
    values: pd.DataFrame
    rows: np.ndarray
    sheet: str | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def refuse(path: Path, rule: str, **fields: Any) -> NotAWorkbookError:
    """The error for an export that cannot be read at all (one issue, file name filled in)."""
    issue = make_issue(rule, file=path.name, **fields)
    return NotAWorkbookError(
        sentence("headline.cannot_read_export", name=path.name),
        issues=[issue],
        path=path,
        rule=rule,
    )


def _zip_names(path: Path) -> list[str] | None:
    """The member names of a zip file, or ``None`` when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None


def sniff(path: str | Path) -> str | None:
    """What ``path`` is, as far as this package is concerned: ``"csv"`` (a text export),
    ``"zip"`` (ODK Central's zip of CSV files), ``"xlsx"`` (an xlsx export), ``"form"`` (an
    XLSForm mgi wrote) or ``None`` (anything else, left to the other readers).

    Stamped mgi workbooks are recognised from their document properties without reading a
    cell; only an unstamped xlsx is opened (safely) to look at its header rows.
    """
    path = Path(path)
    if not path.is_file():
        return None
    if path.suffix.lower() in TEXT_SUFFIXES:
        return "csv"
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return None
    if head.startswith(b"PK"):
        names = _zip_names(path)
        if names is None:
            return None
        if "xl/workbook.xml" not in names:
            return "zip" if any(n.lower().endswith(".csv") for n in names) else None
        stamp = peek_stamp(path)
        if "kind" in stamp:  # a workbook mgi made
            return None
        if STAMP_KEY in stamp:
            return "form"
        return "xlsx" if _xlsx_is_export(path) else None
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    first = next((line for line in _decode(head)[0].splitlines() if line.strip()), "")
    return "csv" if first and is_export_header(_split_header(first)) else None


def _xlsx_is_export(path: Path) -> bool:
    """Whether the first row of an unstamped workbook's first sheet is an export's header
    row, read from the start of the sheet and of its shared strings alone (a large export is
    opened, checked and read once, by :func:`read_table`)."""
    try:
        headers = _xlsx_header(path)
    except Exception:  # a damaged or hostile file: its reader says why
        return False
    return headers is not None and is_export_header(headers)


#: How much of a worksheet and of the shared strings :func:`_xlsx_header` reads at most.
_HEAD_BYTES = 1024 * 1024
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_CELL_TYPE = re.compile(rb"\bt=\"(\w+)\"")
_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>", re.S)
_ITEM_END = re.compile(rb"</(?:\w+:)?si>")


def _head(archive: zipfile.ZipFile, member: str, until: re.Pattern[bytes], count: int) -> bytes:
    """The start of a member up to ``count`` matches of ``until`` (at most
    :data:`_HEAD_BYTES` decompressed)."""
    data = b""
    with archive.open(member) as handle:
        while len(data) < _HEAD_BYTES and len(until.findall(data)) < count:
            chunk = handle.read(64 * 1024)
            if not chunk:
                break
            data += chunk
    return data[:_HEAD_BYTES]


def _unescape(text: bytes) -> str:
    import html

    return html.unescape(text.decode("utf-8", errors="replace"))


def _xlsx_header(path: Path) -> list[str] | None:
    """The texts of the first row of a workbook's first sheet (``None`` when it cannot be
    found in the first megabyte)."""
    from mgi.workbook.opener import read_structure

    with zipfile.ZipFile(path) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        book = infos.get("xl/workbook.xml")
        if book is None or book.file_size > _HEAD_BYTES:
            return None
        sheets, _ = read_structure(archive)
        if not sheets:
            return None
        head = _head(archive, sheets[0].part, _ROW_END, 1)
        end = _ROW_END.search(head)
        if end is None:
            return None
        row = head[: end.start()]
        row = row[max(row.find(b"<sheetData"), 0) :]
        cells: list[tuple[bytes, bytes]] = []
        for attributes, inner in _CELL.findall(row):
            typed = _CELL_TYPE.search(attributes)
            cells.append((typed.group(1) if typed else b"n", inner))
        shared: list[str] = []
        wanted = [int(v.group(1)) for k, i in cells if k == b"s" and (v := _VALUE.search(i))]
        if wanted and "xl/sharedStrings.xml" in infos:
            items = _head(archive, "xl/sharedStrings.xml", _ITEM_END, max(wanted) + 1)
            for item in items.split(b"<si")[1:]:
                shared.append("".join(_unescape(t) for t in _TEXT.findall(item)))
    headers = []
    for kind, inner in cells:
        if kind == b"s":
            found = _VALUE.search(inner)
            index = int(found.group(1)) if found else -1
            headers.append(shared[index] if 0 <= index < len(shared) else "")
        elif kind == b"inlineStr":
            headers.append("".join(_unescape(t) for t in _TEXT.findall(inner)))
        else:
            found = _VALUE.search(inner)
            headers.append(_unescape(found.group(1)) if found else "")
    return headers


def _split_header(line: str) -> list[str]:
    delimiter = _delimiter(line)
    return [cell.strip().strip('"') for cell in line.split(delimiter)]


def _delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of comma, semicolon and tab outside
    quotes (a comma on a tie)."""
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {d: outside.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _decode(data: bytes) -> tuple[str, bool]:
    """The text of a CSV file and whether it was not UTF-8 (read as Windows-1252 then)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), False
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a character cut at the end of a sample
            return data[: exc.start].decode("utf-8-sig"), False
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError:
        return data.decode("latin-1"), True


def _csv_member(path: Path, data: bytes) -> tuple[bytes, str]:
    """The main CSV file of ODK Central's zip: the only one, or the one with the shortest name
    (the others are the tables of repeat groups, ``<form id>-<group>.csv``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [
                i
                for i in archive.infolist()
                if i.filename.lower().endswith(".csv") and not i.is_dir()
            ]
            if not members:
                raise refuse(path, "xlsform.no_csv_in_zip", found=", ".join(archive.namelist()[:5]))
            main = min(members, key=lambda i: (len(i.filename), i.filename))
            if main.file_size > MAX_FILE_BYTES:
                raise refuse(
                    path,
                    "xlsform.too_large",
                    found=megabytes(main.file_size),
                    allowed=megabytes(MAX_FILE_BYTES),
                )
            return archive.read(main), main.filename
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise refuse(path, "xlsform.unreadable", found=f"a damaged zip file: {exc}") from None


def _read_csv(path: Path, data: bytes, sha: str) -> ExportTable:
    import pandas as pd

    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise refuse(path, "xlsform.unreadable", found="it holds binary data, not text")
    text, guessed = _decode(data)
    lines = text.lstrip("\ufeff").splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise refuse(path, "xlsform.no_submissions")
    delimiter = _delimiter(first)
    columns = first.count(delimiter) + 1
    if columns > MAX_COLUMNS:
        raise refuse(
            path, "xlsform.too_large", found=f"{columns:,} columns", allowed=f"{MAX_COLUMNS:,}"
        )
    if text.count("\n") > MAX_SUBMISSIONS + 1:  # before parsing (a multi-line text counts more)
        raise refuse(
            path,
            "xlsform.too_large",
            found=f"{text.count(chr(10)):,} lines",
            allowed=f"{MAX_SUBMISSIONS:,} submissions",
        )
    try:
        frame = pd.read_csv(
            io.StringIO(text.lstrip("\ufeff")),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError, MemoryError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise refuse(path, "xlsform.unreadable", found=reason) from None
    except pd.errors.EmptyDataError:
        raise refuse(path, "xlsform.no_submissions") from None
    headers = tuple(str(h).strip() for h in frame.iloc[0].tolist())
    body = frame.iloc[1:]
    if len(body) > MAX_SUBMISSIONS:
        raise refuse(
            path,
            "xlsform.too_large",
            found=f"{len(body):,} submissions",
            allowed=f"{MAX_SUBMISSIONS:,}",
        )
    import numpy as np

    body = body.where(body != "", None)
    used = body.notna().to_numpy().any(axis=1)
    rows = np.arange(2, len(body) + 2)[used]
    values = body.loc[used].reset_index(drop=True)
    values.columns = range(len(headers))
    issues = [make_issue("xlsform.encoding")] if guessed else []
    return ExportTable(
        path=path, sha256=sha, headers=headers, values=values, rows=rows, issues=issues
    )


def _read_xlsx(path: Path) -> ExportTable:
    with open_workbook(path) as opened, reading(path):
        chosen = None
        for title in opened.titles:
            rows = opened.rows(title)
            start = next((i for i, r in enumerate(rows[:5]) if any(v is not None for v in r)), None)
            if start is None:
                continue
            if chosen is None or is_export_header(list(rows[start])):
                chosen = (title, rows, start)
                if is_export_header(list(rows[start])):
                    break
        if chosen is None:
            raise refuse(path, "xlsform.no_submissions")
        title, rows, start = chosen
        if len(rows) - start - 1 > MAX_SUBMISSIONS:
            raise refuse(
                path,
                "xlsform.too_large",
                found=f"{len(rows) - start - 1:,} submissions",
                allowed=f"{MAX_SUBMISSIONS:,}",
            )
        import numpy as np
        import pandas as pd

        headers = tuple("" if h is None else str(h).strip() for h in rows[start])
        body = rows[start + 1 :]
        frame = pd.DataFrame(body, columns=None, dtype=object)
        frame = frame.reindex(columns=range(len(headers)))
        frame = frame.astype(object).where(frame.notna(), None)
        used = frame.notna().to_numpy().any(axis=1) if len(frame) else np.zeros(0, bool)
        numbers = np.arange(start + 2, start + 2 + len(frame))[used]
        return ExportTable(
            path=path,
            sha256=opened.sha256,
            headers=headers,
            values=frame.loc[used].reset_index(drop=True),
            rows=numbers,
            sheet=title,
        )


def read_table(path: str | Path) -> ExportTable:
    """Read an export (CSV, ODK Central's zip, or xlsx) into an :class:`ExportTable`; the file
    is read once and never written.

    Raises
    ------
    NotAWorkbookError
        The file cannot be read as an export at all: missing, a folder, too large, binary,
        malformed CSV, damaged (one catalogue issue says why).
    """
    path = Path(path)
    check_input_file(path, too_large="xlsform.too_large")
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK"):
        names = _zip_names(path)
        if names is not None and "xl/workbook.xml" in names:
            return _read_xlsx(path)
        data = path.read_bytes()
        member, _ = _csv_member(path, data)
        return _read_csv(path, member, hashlib.sha256(data).hexdigest())
    data = path.read_bytes()
    return _read_csv(path, data, hashlib.sha256(data).hexdigest())


def text_of(value: Any) -> str:
    """A value of an export as plain text: ``""`` when empty, a date as ``2024-03-15``, a
    whole number without ``.0``, spacing collapsed."""
    import datetime as dt

    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def stamped_form(path: str | Path) -> FormIdentity | None:
    """The identity stamped in an XLSForm mgi wrote (``None`` for any other file)."""
    from mgi.workbook.xlsform.form import FormIdentity

    stamp = peek_stamp(path)
    return FormIdentity.parse(stamp.get(STAMP_KEY, ""), stamp.get(f"{STAMP_KEY}_version", ""))


def column_of(table: ExportTable, name: str) -> int | None:
    """The column of the calculated field ``name``, with or without a group prefix."""
    for index, header in enumerate(table.headers):
        key = header_key(header)
        if key == name or key.endswith((f"/{name}", f"-{name}")):
            return index
    return None


def form_identity(table: ExportTable) -> FormIdentity | None:
    """The identity of the form named in the first submission of an export (its calculated
    fields ``mgi_form_id`` and ``mgi_form_version``), or ``None``."""
    from mgi.workbook.xlsform.form import ID_FIELD, VERSION_FIELD, FormIdentity

    at, version_at = column_of(table, ID_FIELD), column_of(table, VERSION_FIELD)
    if at is None or not len(table.values):
        return None
    form_id = text_of(table.values[at].iloc[0])
    version = text_of(table.values[version_at].iloc[0]) if version_at is not None else ""
    return FormIdentity.parse(form_id, version)


def export_kind(path: str | Path) -> str | None:
    """The kind of form an export (or an XLSForm mgi wrote) is of, ``consultation`` or
    ``questionnaire``; ``None`` when ``path`` is neither (nothing is imported or read then
    but a few bytes). An export without the form's identity is told by its columns (a
    questionnaire asks ``…_answer`` questions)."""
    path = Path(path)
    found = sniff(path)
    if found is None:
        return None
    if found == "form":
        identity = stamped_form(path)
        return identity.kind if identity is not None else "consultation"
    try:
        table = read_table(path)
    except NotAWorkbookError:
        return "consultation"  # the reader says why it cannot be read
    identity = form_identity(table)
    if identity is not None:
        return identity.kind
    keys = [header_key(h) for h in table.headers]
    answers = sum(k.endswith("_answer") for k in keys)
    return "questionnaire" if answers > len(keys) // 4 else "consultation"
