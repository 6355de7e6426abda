"""Workbooks: the safe opener, the sheet specification, templates, importers and results.

Everything mgi reads from or writes to an Excel workbook lives in this package; the domain
packages (:mod:`mgi.scoring`, :mod:`mgi.priorities`) never touch a spreadsheet library.

Public verbs:

* :func:`write_template` / :func:`read_assessment`: the questionnaire of an instrument;
* :func:`write_kind_template` / :func:`read_kind` (and :func:`read_consultation`,
  :func:`read_experts`, :func:`read_weights`): the workbooks of a prioritisation session;
* :func:`write_issues_workbook`: a list of issues as a workbook to work through;
* :func:`write_results_workbook`: the one results workbook (``score -o``, ``prioritize -o``,
  ``report``).

Public building blocks for new workbook kinds (see :mod:`mgi.workbook.sheets`):
:mod:`mgi.workbook.opener` (open a file someone sent, safely), :mod:`mgi.workbook.scan` (find
tables by their headers), :mod:`mgi.workbook.style` (write cells, styles, drop-downs; text that
is never a formula) and :mod:`mgi.workbook.sheets` (the declarative sheet specification that
drives both a template and its reader).

Names are loaded on first use, so that importing the package (or the safe opener alone) does
not import pandas or openpyxl.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the lazily imported names below, for type checkers and editors
    from mgi.workbook._layout import KIND as KIND
    from mgi.workbook._layout import TEMPLATE_VERSION as TEMPLATE_VERSION
    from mgi.workbook.consultation import read_consultation as read_consultation
    from mgi.workbook.consultation import write_consultation_template as write_consultation_template
    from mgi.workbook.experts import read_experts as read_experts
    from mgi.workbook.experts import write_experts_template as write_experts_template
    from mgi.workbook.issues import write_issues_workbook as write_issues_workbook
    from mgi.workbook.kinds import KINDS as KINDS
    from mgi.workbook.kinds import read_kind as read_kind
    from mgi.workbook.kinds import stamped_kind as stamped_kind
    from mgi.workbook.kinds import write_kind_template as write_kind_template
    from mgi.workbook.opener import OpenedWorkbook as OpenedWorkbook
    from mgi.workbook.opener import open_workbook as open_workbook
    from mgi.workbook.questionnaire import read_assessment as read_assessment
    from mgi.workbook.results import ResultsWorkbook as ResultsWorkbook
    from mgi.workbook.results import ResultTable as ResultTable
    from mgi.workbook.results import write_results_workbook as write_results_workbook
    from mgi.workbook.style import write_text as write_text
    from mgi.workbook.template import write_template as write_template
    from mgi.workbook.weights import read_weights as read_weights
    from mgi.workbook.weights import write_weights_template as write_weights_template

_EXPORTS = {
    "KIND": "mgi.workbook._layout",
    "TEMPLATE_VERSION": "mgi.workbook._layout",
    "read_assessment": "mgi.workbook.questionnaire",
    "write_template": "mgi.workbook.template",
    "write_issues_workbook": "mgi.workbook.issues",
    "write_text": "mgi.workbook.style",
    "open_workbook": "mgi.workbook.opener",
    "OpenedWorkbook": "mgi.workbook.opener",
    "KINDS": "mgi.workbook.kinds",
    "read_kind": "mgi.workbook.kinds",
    "write_kind_template": "mgi.workbook.kinds",
    "stamped_kind": "mgi.workbook.kinds",
    "read_consultation": "mgi.workbook.consultation",
    "write_consultation_template": "mgi.workbook.consultation",
    "read_experts": "mgi.workbook.experts",
    "write_experts_template": "mgi.workbook.experts",
    "read_weights": "mgi.workbook.weights",
    "write_weights_template": "mgi.workbook.weights",
    "ResultsWorkbook": "mgi.workbook.results",
    "ResultTable": "mgi.workbook.results",
    "write_results_workbook": "mgi.workbook.results",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mgi.workbook' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
