"""The Word annex (``strategy-annex.docx``): headings, key charts, tables and the methodology.

Written with python-docx to be pasted into a national strategy draft: Normal text in Calibri
11 pt, Word's own heading, caption and table styles (so the document's styles take over when it
is pasted), each chart as a 300-dpi PNG 16 cm wide with a numbered caption ("Figure 1: …"), and
styled tables whose header row repeats on every page. The document uses python-docx's public API
except for two schema-valid elements python-docx does not expose: the table-row property
``w:tblHeader`` ("repeat as header row") and the caption numbers, written as Word ``SEQ``
fields with their value cached, so Word can renumber them and list them in a table of figures.
Core properties carry fixed dates and zip entries a fixed time, so
the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from collections.abc import Collection
from pathlib import Path

import docx
import pandas as pd
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from mgi._io import FIXED_TIMESTAMP, atomic_write
from mgi.reports.content import ReportContent, Table

#: Width of a chart in the document.
FIGURE_WIDTH_CM = 16.0
#: Font of the Normal style.
FONT_NAME = "Calibri"
FONT_SIZE_PT = 11
TABLE_STYLE = "Light Grid Accent 1"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _repeat_header(row: object) -> None:
    """Mark a table row as a header row repeated at the top of every page (``w:tblHeader``)."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _numbered_caption(paragraph: object, label: str, number: int, title: str) -> None:
    """Write "Figure 3: title. " with the number as a Word SEQ field (result cached), so that
    Word can renumber the captions and build a table of figures after the text is pasted."""

    def run(text: str = "") -> object:
        r = paragraph.add_run(text)  # type: ignore[attr-defined]
        r.bold = True
        return r

    def field_char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run()._r.append(element)  # type: ignore[attr-defined]

    run(f"{label} ")
    field_char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" SEQ {label} \\* ARABIC "
    run()._r.append(instruction)  # type: ignore[attr-defined]
    field_char("separate")
    run(str(number))
    field_char("end")
    run(f": {title}. ")


def _column_widths(frame: pd.DataFrame, total_cm: float = 17.0) -> list[Cm]:
    """Column widths in proportion to the longest text in each column (within limits)."""
    need = [
        min(max([len(str(c)), *(len(str(v)) for v in frame[c])]), 40) + 2 for c in frame.columns
    ]
    scale = total_cm / sum(need)
    return [Cm(max(1.2, n * scale)) for n in need]


def _add_table(document: docx.document.Document, table: Table, number: int) -> None:
    caption = document.add_paragraph(style="Caption")
    _numbered_caption(caption, "Table", number, table.name)
    caption.add_run(table.caption)
    caption.paragraph_format.keep_with_next = True
    frame = table.display_frame()
    numeric = {
        str(c)
        for c in table.frame.reset_index().select_dtypes("number").columns
        if str(c) != "index"
    }
    out = document.add_table(rows=1, cols=len(frame.columns))
    out.style = document.styles[TABLE_STYLE]
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, column in zip(out.rows[0].cells, frame.columns, strict=True):
        cell.text = str(column)
    widths = _column_widths(frame)
    _repeat_header(out.rows[0])
    for values in frame.itertuples(index=False):
        cells = out.add_row().cells
        for cell, column, value in zip(cells, frame.columns, values, strict=True):
            cell.text = str(value)
            if column in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in out.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph()


def build_document(
    content: ReportContent, figures: Collection[str] | None = None
) -> docx.document.Document:
    """The Word document of ``content`` (not saved).

    Parameters
    ----------
    content
        The report content; tables meant for ``docx`` are included.
    figures
        Stems of the charts to include (all when None).
    """
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(FONT_SIZE_PT)
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
    document.add_heading(content.title, level=0)
    if content.subtitle:
        document.add_paragraph(content.subtitle, style="Subtitle")
    for note in content.notes:
        document.add_paragraph().add_run(note).italic = True
    n_figure = n_table = 0
    for section in content.sections:
        document.add_heading(section.heading, level=1)
        for text in section.paragraphs:
            document.add_paragraph(text)
        for formula in section.formulas:
            run = document.add_paragraph().add_run(formula)
            run.font.name = "Consolas"
            run.font.size = Pt(9.5)
        for figure in section.figures:
            if figure.png is None or (figures is not None and figure.stem not in figures):
                continue
            n_figure += 1
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
            picture.add_run().add_picture(str(figure.png), width=Cm(FIGURE_WIDTH_CM))
            caption = document.add_paragraph(style="Caption")
            _numbered_caption(caption, "Figure", n_figure, figure.caption.title)
            caption.add_run(figure.caption.full)
        for table in section.tables:
            if "docx" in table.outputs:
                n_table += 1
                _add_table(document, table, n_table)
    when = _dt.datetime.fromtimestamp(FIXED_TIMESTAMP, tz=_dt.UTC)
    props = document.core_properties
    props.title = content.title
    props.subject = content.subtitle
    props.author = props.last_modified_by = "mgi"
    props.created = props.modified = when
    props.revision = 1
    return document


def _fixed_zip(data: bytes) -> bytes:
    """The same zip archive with every entry dated 1980-01-01 (reproducible bytes)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def write_docx(
    content: ReportContent, path: str | Path, figures: Collection[str] | None = None
) -> Path:
    """Write the Word annex of ``content`` to ``path``, atomically and reproducibly.

    Parameters
    ----------
    content
        The report content.
    path
        The ``.docx`` file to write.
    figures
        Stems of the charts to include (all when None).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mgi.reports.content import ReportContent, Section
    >>> content = ReportContent("Annex", sections=(Section("summary", "Summary", ("Text.",)),))
    >>> write_docx(content, pathlib.Path(tempfile.mkdtemp()) / "annex.docx").suffix
    '.docx'
    """
    buffer = io.BytesIO()
    build_document(content, figures).save(buffer)
    target = Path(path)
    with atomic_write(target) as tmp:
        tmp.write_bytes(_fixed_zip(buffer.getvalue()))
    return target
