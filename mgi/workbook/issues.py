"""Write a list of issues as a workbook an Excel user can work through (``--issues-xlsx``).

One row per issue (severity, file, sheet, cell, indicator, found, rule, message) and a blank
"Done?" column; autofilter, frozen header, column widths. The headers come from the label
dictionary, and the sheet name, the severities and the messages are in the language asked
(default: the language of the work in progress). Every cell, headers included, is written with
:func:`~mgi.workbook.style.write_text`, so nothing in it can become a formula. Written
atomically, never over an input.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mgi._io import refuse_overwrite
from mgi.catalogue import Issue

#: Columns of the issues sheet: field of the label dictionary, Issue attribute (None: left
#: blank), width.
ISSUE_COLUMNS: tuple[tuple[str, str | None, float], ...] = (
    ("severity", "severity", 12),
    ("file", "file", 22),
    ("sheet", "sheet", 24),
    ("cell", "cell", 8),
    ("indicator", "indicator", 11),
    ("found", "found", 28),
    ("rule", "rule", 24),
    ("message", "message", 90),
    ("done", None, 8),
)


def write_issues_workbook(
    issues: Iterable[Issue],
    path: str | Path,
    *,
    inputs: Iterable[str | Path] = (),
    lang: str | None = None,
) -> Path:
    """Write issues as a workbook with one row per issue, errors first.

    Parameters
    ----------
    issues
        The issues (e.g. ``assessment.issues``).
    path
        The ``.xlsx`` file to write; it may not be one of ``inputs``.
    inputs
        Files this output must never overwrite.
    lang
        The language of the sheet (default: the language of the work in progress).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mgi.catalogue import make_issue
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "issues.xlsx"
    >>> write_issues_workbook([make_issue("metadata.missing", column="country")], out).name
    'issues.xlsx'
    """
    from openpyxl import Workbook  # only when an issues workbook is written

    from mgi.i18n import current_language, header, text
    from mgi.i18n.issues import message, severity
    from mgi.workbook import style as st

    lang = lang or current_language()
    target = Path(path)
    refuse_overwrite(target, list(inputs))
    ordered = sorted(issues, key=lambda i: 0 if i.is_error else 1)
    wb = Workbook()
    ws = st.first_sheet(wb)
    ws.title = text("sheet.issues", lang)
    for col, (field, _, _) in enumerate(ISSUE_COLUMNS, start=1):
        st.write_text(ws.cell(row=1, column=col), header(field, lang))
    st.style_header(ws[1])
    words = {"severity": lambda i: severity(i, lang), "message": lambda i: message(i, lang)}
    for row, issue in enumerate(ordered, start=2):
        for col, (_, attr, _) in enumerate(ISSUE_COLUMNS, start=1):
            if attr is None:
                value = None
            else:
                value = words[attr](issue) if attr in words else getattr(issue, attr)
            cell = st.write_text(ws.cell(row=row, column=col), value)
            cell.alignment = st.Alignment(wrap_text=attr == "message", vertical="top")
    st.set_widths(ws, [width for _, _, width in ISSUE_COLUMNS])
    last = st.get_column_letter(len(ISSUE_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(ordered) + 1)}"
    ws.freeze_panes = "A2"
    st.setup_print(ws, header_row=1)
    return st.save_deterministic(wb, target)
