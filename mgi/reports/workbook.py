"""The results workbook of a report (``results.xlsx``): the report's tables and charts in the
one results-workbook format of :mod:`mgi.workbook.results`.

Sheets: *About* (title, notes, the list of sheets and the provenance: tool version,
instrument and scheme versions, input files and SHA-256, methods and settings, seed), then one
sheet per table of the :class:`~mgi.reports.content.ReportContent` meant for ``xlsx``
(Domains, Sub-domains, Indicators, GCM coverage, Priorities, Sensitivity, Criteria weights,
Issues …), then *Charts*: the list of the chart files of the report (``charts/…``), each with a
link, rather than embedded images, so that the workbook stays under a megabyte and prints on a
few pages. Everything is in the report's language (:attr:`ReportContent.lang`). Colour scales
use the report palette: white to blue where high is good, white to orange where high is bad.
"""

from __future__ import annotations

from pathlib import Path

from mgi.reports._style import PALETTE
from mgi.reports.content import ReportContent, flatten
from mgi.workbook import results

#: Colour-scale ends: white to blue where high is good, white to orange where high is bad.
COLOR_SCALE_ENDS: dict[str, str] = {
    "high_good": PALETTE["score"],
    "high_bad": PALETTE["earlier"],
}


def results_of(content: ReportContent) -> results.ResultsWorkbook:
    """What the results workbook of ``content`` holds."""
    tables = tuple(
        results.ResultTable(
            table.name,
            table.frame,
            table.caption,
            number_formats=dict(table.number_formats),
            color_scales={c: COLOR_SCALE_ENDS[s] for c, s in table.color_scales.items()},
            wrap=table.wrap,
        )
        for table in content.tables("xlsx")
    )
    from mgi.i18n import text

    label = text("report.figure_label", content.lang)
    charts = tuple(
        (
            " ".join(
                part
                for part in (
                    text(
                        "report.caption",
                        content.lang,
                        label=label,
                        number=number,
                        title=figure.caption.title,
                    ),
                    figure.caption.text,
                )
                if part
            ),
            f"charts/{figure.stem}.png",
        )
        for number, figure in enumerate(content.figures(), start=1)
    )
    return results.ResultsWorkbook(
        content.title,
        tables,
        subtitle=content.subtitle,
        notes=tuple(content.notes),
        about=tuple(flatten(content.provenance)),
        charts=charts,
    )


def write_results_workbook(content: ReportContent, path: str | Path) -> Path:
    """Write the results workbook of ``content`` to ``path``, atomically and reproducibly.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from mgi.reports.content import ReportContent, Section, Table
    >>> frame = pd.DataFrame({"score": [62.5]}, index=pd.Index(["D1"], name="code"))
    >>> content = ReportContent("Test", sections=(Section("s", "S", tables=(Table("D", frame),)),))
    >>> write_results_workbook(content, pathlib.Path(tempfile.mkdtemp()) / "results.xlsx").name
    'results.xlsx'
    """
    return results.write_results_workbook(results_of(content), path, lang=content.lang)
