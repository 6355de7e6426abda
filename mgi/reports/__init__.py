"""Reports for the strategy draft: print-quality charts, a results workbook, an HTML report and
a Word annex.

* :mod:`mgi.reports.charts`: plot functions that take a matplotlib ``Axes`` and plain pandas
  tables, draw and return the ``Axes`` (never show, never save);
* :mod:`mgi.reports.captions`: :func:`chart_captions`, each chart's title, caption and note in a
  language (what the documents print around a chart);
* :mod:`mgi.reports.export`: :func:`save_figure` (PNG 300 dpi, SVG, PDF; deterministic bytes) and
  :func:`charts_pdf`;
* :mod:`mgi.reports.render`: :func:`render_charts`, every chart of a report drawn in a process
  pool (same bytes whatever the schedule) and ``all-charts.pdf``;
* :mod:`mgi.reports.layout`: the checks a reader would make (no text over text, nothing off the
  page, nothing under 7 pt at 16 cm, contrast of at least 4.5:1);
* :mod:`mgi.reports.content`: the neutral :class:`ReportContent` every writer renders;
* :mod:`mgi.reports.workbook`, :mod:`mgi.reports.html`, :mod:`mgi.reports.docx`: the writers;
* :mod:`mgi.reports.build`: :func:`build_report`, the whole report into one folder, atomically.

Names are loaded on first use, so importing :mod:`mgi.reports` does not import matplotlib.

Examples
--------
>>> from mgi.reports import chart_captions
>>> chart_captions("sq")["domain-profile"].title
'Rezultatet e fushave'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the lazily imported names below, for type checkers and editors
    from mgi.reports._style import OKABE_ITO as OKABE_ITO
    from mgi.reports._style import PALETTE as PALETTE
    from mgi.reports.build import ReportResult as ReportResult
    from mgi.reports.build import build_report as build_report
    from mgi.reports.build import report_content as report_content
    from mgi.reports.captions import CAPTIONS as CAPTIONS
    from mgi.reports.captions import NOT_A_RANKING as NOT_A_RANKING
    from mgi.reports.captions import Caption as Caption
    from mgi.reports.captions import chart_captions as chart_captions
    from mgi.reports.content import FigureRef as FigureRef
    from mgi.reports.content import ReportContent as ReportContent
    from mgi.reports.content import Section as Section
    from mgi.reports.content import Table as Table
    from mgi.reports.docx import write_docx as write_docx
    from mgi.reports.export import charts_pdf as charts_pdf
    from mgi.reports.export import save_figure as save_figure
    from mgi.reports.html import render_html as render_html
    from mgi.reports.html import write_html as write_html
    from mgi.reports.render import render_charts as render_charts
    from mgi.reports.workbook import write_results_workbook as write_results_workbook

_EXPORTS = {
    "build_report": "mgi.reports.build",
    "report_content": "mgi.reports.build",
    "ReportResult": "mgi.reports.build",
    "ReportContent": "mgi.reports.content",
    "Section": "mgi.reports.content",
    "Table": "mgi.reports.content",
    "FigureRef": "mgi.reports.content",
    "Caption": "mgi.reports.captions",
    "CAPTIONS": "mgi.reports.captions",
    "chart_captions": "mgi.reports.captions",
    "render_charts": "mgi.reports.render",
    "NOT_A_RANKING": "mgi.reports.captions",
    "PALETTE": "mgi.reports._style",
    "OKABE_ITO": "mgi.reports._style",
    "save_figure": "mgi.reports.export",
    "charts_pdf": "mgi.reports.export",
    "write_results_workbook": "mgi.reports.workbook",
    "write_html": "mgi.reports.html",
    "render_html": "mgi.reports.html",
    "write_docx": "mgi.reports.docx",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mgi.reports' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
