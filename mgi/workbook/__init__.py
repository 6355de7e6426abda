"""Workbook round trip: fillable templates, import of completed questionnaires, issue lists.

Public verbs:

* :func:`write_template` writes the fillable questionnaire of an instrument;
* :func:`read_assessment` reads a completed questionnaire into an
  :class:`~mgi.assessment.Assessment` with every problem found as an issue;
* :func:`write_issues_workbook` writes a list of issues as a workbook to work through;
* :func:`safe_cell_value` makes user text safe to put in a spreadsheet cell.

The reusable pieces for other template kinds live in :mod:`mgi.workbook._style` (writing) and
:mod:`mgi.workbook._open` / :mod:`mgi.workbook._scan` (safe reading).
"""

from __future__ import annotations

from mgi.workbook._layout import KIND, TEMPLATE_VERSION
from mgi.workbook._style import safe_cell_value
from mgi.workbook.issues import write_issues_workbook
from mgi.workbook.questionnaire import read_assessment
from mgi.workbook.template import write_template

__all__ = [
    "KIND",
    "TEMPLATE_VERSION",
    "read_assessment",
    "safe_cell_value",
    "write_issues_workbook",
    "write_template",
]
