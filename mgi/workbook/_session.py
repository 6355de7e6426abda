"""What the three session workbooks (consultation, expert ratings, weights) share.

The profile a session follows is passed in as a plain object: the workbook package reads the
attributes listed in :class:`SessionProfile` and never imports :mod:`mgi.priorities` (which
sits above it). :func:`read_table_kind` is the one reading loop of the two table kinds
(consultation and expert ratings): open safely, check the kind, find the table by its
headers, parse every row with the kind's :class:`~mgi.workbook.sheets.SheetSpec`, and hand
each row to the kind's own rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mgi.assessment import Source
from mgi.catalogue import Issue
from mgi.reference import gcm_objectives, objective_code
from mgi.workbook.kinds import check_kind, refuse_other_kind, too_large
from mgi.workbook.opener import OpenedWorkbook, open_workbook, reading, refuse
from mgi.workbook.scan import norm_label
from mgi.workbook.sheets import Row, SheetSpec, SheetTable

if TYPE_CHECKING:
    from openpyxl import Workbook

#: Version of the session workbook format. 2: defined names locate each expert block and each
#: weights section (version 1 files are still read by their fixed layout). 3: the consultation
#: asks one question at a time with "don't know", optional respondent attributes, in the
#: template's language (files of version 2 are read when the profile asks one question).
TEMPLATE_VERSION = "3"
RATINGS_SHEET = "Ratings"
OBJECTIVES_SHEET = "Objectives"
INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
HEADER_ROW = 4
_OBJECTIVE_HEADER = re.compile(r"^(?:gcm\s*0?(\d{1,2})|objective\s*0?(\d{1,2})|0?(\d{1,2}))\b")


class SessionProfile(Protocol):
    """What the session workbooks read from a prioritisation profile
    (:class:`mgi.priorities.Profile` has all of it): ``name``, ``version``, ``criteria``
    (``code``, ``label``, ``description``, ``direction``, ``source``), ``consultation``
    (``groups``, ``allow_other_groups``, ``question``, ``group_weights``, ``scale_min``,
    ``scale_max``), ``experts`` (``scale_min``, ``scale_max``) and ``expert_criteria()``."""

    name: str
    version: str
    criteria: Any
    consultation: Any
    experts: Any

    def expert_criteria(self) -> Any: ...


def objective_of(header: Any) -> str | None:
    """``GCM07`` for a header such as "GCM07 Vulnerabilities", "Objective 7" or 7.

    Examples
    --------
    >>> objective_of("GCM07 Vulnerabilities"), objective_of(7.0), objective_of("GCM 99")
    ('GCM07', 'GCM07', None)
    """
    if isinstance(header, int | float) and not isinstance(header, bool):
        number = int(header) if float(header).is_integer() else 0
    else:
        match = _OBJECTIVE_HEADER.match(norm_label(header))
        number = int(next(g for g in match.groups() if g)) if match else 0
    return objective_code(number) if 1 <= number <= 23 else None


def parse_objective(value: Any) -> str:
    """The objective code a cell names (``GCM07``, ``7``...); ``ValueError`` otherwise."""
    code = objective_of(value)
    if code is None:
        raise ValueError("not a GCM objective")
    return code


def word(key: str, lang: str, **fields: Any) -> str:
    """The interface text ``key`` of a session workbook in ``lang``."""
    from mgi.i18n import text

    return text(key, lang, **fields)


def heading(key: str, lang: str) -> str:
    """A heading line of the Instructions sheet (see :func:`instructions`)."""
    return HEADING + word(key, lang)


#: Marks a line of :func:`instructions` as a heading.
HEADING = "\x00"


def instructions(wb: Workbook, title: str, lines: Sequence[str], lang: str = "en") -> None:
    """The Instructions sheet (the workbook's first, named in ``lang``): a title, then one
    paragraph per line; lines made by :func:`heading` are headings."""
    from mgi.workbook import style as st

    ws = st.first_sheet(wb)
    ws.title = word("sheet.instructions", lang)
    st.style_title(st.write_text(ws.cell(row=1, column=1), title))
    for row, line in enumerate(lines, start=3):
        is_heading = line.startswith(HEADING)
        line = line.removeprefix(HEADING)
        cell = st.write_text(ws.cell(row=row, column=1), line or None)
        cell.alignment = st.Alignment(wrap_text=True, vertical="top")
        if is_heading:
            st.style_title(cell, size=12)
    ws.column_dimensions["A"].width = 110
    st.setup_print(ws)
    ws.page_setup.orientation = "portrait"
    st.protect_sheet(ws)


def objectives_sheet(wb: Workbook, lang: str = "en") -> None:
    """The Objectives sheet: code, number, short label and title of each objective, in
    ``lang`` (the official English title, or the translation marked as unofficial)."""
    from mgi.i18n import content, header, unofficial_notice
    from mgi.workbook import style as st

    ws = wb.create_sheet(word("sheet.gcm_list", lang))
    fields = ["objective", "number", "short_label", "title", "round_table"]
    for col, field_name in enumerate(fields, start=1):
        st.write_text(ws.cell(row=1, column=col), header(field_name, lang))
    st.style_header(ws[1])
    unofficial = False
    for row, (code, obj) in enumerate(gcm_objectives().iterrows(), start=2):
        title = content("gcm_objectives", code, "title", lang)
        unofficial = unofficial or title.unofficial
        values = [
            code,
            int(obj["number"]),
            str(content("gcm_objectives", code, "short_label", lang)),
            str(title),
            int(obj["imrf_2022_round_table"]),
        ]
        for col, value in enumerate(values, start=1):
            st.write_text(ws.cell(row=row, column=col), value)
        st.style_locked(ws[row])
    if unofficial:
        st.write_text(ws.cell(row=row + 2, column=1), unofficial_notice(lang))
    st.set_widths(ws, [9, 8, 28, 90, 12])
    ws.freeze_panes = "A2"
    st.setup_print(ws, header_row=1)
    st.protect_sheet(ws)


def finish(
    wb: Workbook, kind: str, profile: SessionProfile, path: str | Path, lang: str = "en"
) -> Path:
    """Stamp (the template's language among the stamp's keys), protect and save a session
    workbook (atomically, byte-identical re-runs)."""
    from mgi.workbook import style as st

    st.stamp(
        wb,
        {
            "template_version": TEMPLATE_VERSION,
            "kind": kind,
            "profile": profile.name,
            "profile_version": profile.version,
            "language": lang,
        },
    )
    st.protect_workbook(wb)
    wb.active = 0
    return st.save_deterministic(wb, Path(path))


def source(opened: OpenedWorkbook, kind: str) -> Source:
    """Where a session workbook came from."""
    return Source(
        file_name=opened.name,
        path=str(opened.path),
        sha256=opened.sha256,
        template_version=opened.stamp.get("template_version", ""),
        kind=kind,
    )


def with_file(issues: Sequence[Issue], name: str) -> tuple[Issue, ...]:
    return tuple(i.with_location(file=name) for i in issues)


@dataclass
class TableRead:
    """What :func:`read_table_kind` gives a kind's reader: the workbook's issues so far, its
    source, the tables read (rows parsed) and the opened workbook (closed by then)."""

    issues: list[Issue]
    source: Source
    tables: list[SheetTable] = field(default_factory=list)
    opened: OpenedWorkbook | None = None


def read_table_kind(
    path: str | Path,
    kind: str,
    spec: SheetSpec,
    on_row: Callable[[SheetTable, Row, list[Issue]], None],
    on_table: Callable[[OpenedWorkbook, SheetTable, list[Issue]], None] | None = None,
) -> TableRead:
    """Open ``path``, refuse it if it is of another kind, find the tables of ``spec`` and
    call ``on_row`` for every row in use (after its cell problems are added to the issues).

    Raises
    ------
    NotAWorkbookError
        The file cannot be read, is of another kind, is too large, or has no table with the
        spec's required headers.
    """
    with open_workbook(path) as opened, reading(opened.path):
        issues = check_kind(opened, kind)
        scan = spec.find(opened)
        if scan.too_large:
            raise too_large(opened.path, scan.too_large[0])
        if not scan.tables:
            refuse_other_kind(opened, kind)
            headers = ", ".join(spec.column(k).header for k in spec.required_fields())
            raise refuse(opened.path, "workbook.no_questions", allowed=headers)
        tables = spec.read_tables(opened, scan.tables)
        for table in tables:
            issues += table.issues
            if on_table is not None:
                on_table(opened, table, issues)
            for row in table.rows:
                issues += row.problems.values()
                on_row(table, row, issues)
        return TableRead(issues, source(opened, kind), tables, opened)
