"""The action plan as a Word document in the government's table layout.

:func:`write_plan_docx` writes a :class:`PlanDocument` — headings, paragraphs, figures and tables,
all text already in the document's language — as a landscape A4 document: one table per specific
objective (its measures with institutions, timeline, costs by source and output indicators),
then the tables of indicators, alignment, coverage and totals. Tables are made to paste into a
strategy as they are:

* fixed column widths that add up to the text width (25.7 cm), each column at least as wide as
  its longest word at the table's font size, so no table overflows the page and no word is
  broken inside a cell;
* the header row repeats at the top of every page, and no row is split across two pages;
* amounts right-aligned, headers in words (never field names).

The page header carries the document's title, the footer "Page n of m" as Word fields; the
document's language is set (``en-GB``, ``sq-AL``), every figure has alt text, captions are
numbered with Word ``SEQ`` fields. Core properties carry fixed dates and the zip entries a fixed
time, so the same content gives the same bytes.

Examples
--------
>>> import tempfile, pathlib
>>> doc = PlanDocument("Action plan", lang="en-GB", blocks=(
...     Heading("Measures"), DocTable("Measures", ("Code", "Measure"), (("SO1.M1", "Register"),),
...                                   widths=(2.0, 23.7))))
>>> write_plan_docx(doc, pathlib.Path(tempfile.mkdtemp()) / "plan.docx").suffix
'.docx'
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Union

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

from mgi._io import FIXED_TIMESTAMP, atomic_write
from mgi.reports._ooxml import RowLook, add_rows
from mgi.reports.docx import _fixed_zip

#: Page and text block (landscape A4, 2 cm margins).
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 29.7, 21.0, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
#: The tallest a chart is printed, so that its caption and note fit below it on the page.
MAX_FIGURE_HEIGHT_CM = 13.5
FONT_NAME = "Calibri"
FONT_SIZE_PT = 10.5
TABLE_FONT_PT = 8.0
TABLE_STYLE = "Table Grid"
HEADER_FILL = "DDEBF7"
#: Horizontal padding of a cell (Word's default left and right margins), in cm.
CELL_PADDING_CM = 0.38
#: Average width of a character at 1 pt, in cm (Calibri; digits and capitals are wider).
_CHAR_CM_PER_PT = 0.0205


@dataclass(frozen=True)
class Heading:
    """A heading (level 1 or 2); ``page_break`` starts it on a new page."""

    text: str
    level: int = 1
    page_break: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``boxed`` draws it in a box (the illustrative notice), ``small`` in 9 pt,
    ``keep`` on the same page as what follows."""

    text: str
    boxed: bool = False
    small: bool = False
    bold: bool = False
    keep: bool = False


@dataclass(frozen=True)
class DocFigure:
    """A chart: its PNG, the caption title, a note, and the alt text for screen readers."""

    png: Path
    title: str
    note: str = ""
    alt: str = ""
    width_cm: float = TEXT_WIDTH_CM


@dataclass(frozen=True)
class DocTable:
    """A table: caption, header, rows of text, column widths in cm (scaled to the text width),
    and which columns are numbers (right-aligned)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    numeric: tuple[int, ...] = ()
    note: str = ""
    font_pt: float = TABLE_FONT_PT
    bold_rows: tuple[int, ...] = ()


Block = Union[Heading, Paragraph, DocFigure, DocTable]  # noqa: UP007


@dataclass(frozen=True)
class PlanDocument:
    """What the Word document says, in order (see the module docstring).

    ``labels`` are the words the layout itself writes, in the document's language:
    ``table``, ``figure`` (caption labels), ``page`` and ``of`` (footer).
    """

    title: str
    subtitle: str = ""
    lang: str = "en-GB"
    blocks: tuple[Block, ...] = ()
    header: str = ""
    labels: tuple[tuple[str, str], ...] = (
        ("table", "Table"),
        ("figure", "Figure"),
        ("page", "Page"),
        ("of", "of"),
    )

    def label(self, key: str) -> str:
        return dict(self.labels)[key]


# -- widths ------------------------------------------------------------------------------------


def word_width_cm(word: str, font_pt: float, bold: bool = False) -> float:
    """An upper estimate of the printed width of ``word`` (Calibri at ``font_pt``)."""
    wide = sum(1.35 if ch.isupper() or ch.isdigit() else 1.0 for ch in word)
    return wide * _CHAR_CM_PER_PT * font_pt * (1.12 if bold else 1.0)


def fit_widths(table: DocTable, total_cm: float = TEXT_WIDTH_CM) -> list[float]:
    """Column widths that add up to ``total_cm``: the table's proportions, each column widened
    to hold its longest word (header words in bold) with the cell padding."""
    n = len(table.header)
    wanted = list(table.widths) if len(table.widths) == n else [1.0] * n
    floor = []
    for j in range(n):
        words = [(w, True) for w in table.header[j].split()]
        words += [(w, False) for row in table.rows for w in str(row[j]).split()]
        longest = max((word_width_cm(w, table.font_pt, b) for w, b in words), default=0.5)
        floor.append(longest + CELL_PADDING_CM)
    scale = total_cm / sum(wanted)
    widths = [max(w * scale, f) for w, f in zip(wanted, floor, strict=True)]
    # take what the widened columns need from the others, in proportion to their slack
    excess = sum(widths) - total_cm
    if excess > 1e-9:
        slack = [w - f for w, f in zip(widths, floor, strict=True)]
        room = sum(s for s in slack if s > 0)
        if room > 0:
            widths = [
                w - excess * s / room if s > 0 else w for w, s in zip(widths, slack, strict=True)
            ]
    return widths


# -- XML helpers -------------------------------------------------------------------------------


def _set(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), value)
    parent.append(element)
    return element


def _fixed_layout(table: Table, widths_cm: Sequence[float]) -> None:
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblLayout", **{"w:type": "fixed"})
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(round(width / 2.54 * 1440)))


def _field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES, SEQ …) with a cached result."""

    def char(kind: str) -> None:
        _set(paragraph.add_run()._r, "w:fldChar", **{"w:fldCharType": kind})

    char("begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _caption(document: Document, label: str, number: int, title: str) -> None:
    paragraph = document.add_paragraph(style="Caption")
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(f"{label} ").bold = True
    _field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
    paragraph.add_run(f": {title}").bold = True


def _box(paragraph: DocxParagraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = _set(p_pr, "w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        _set(
            borders,
            f"w:{side}",
            **{"w:val": "single", "w:sz": "6", "w:space": "4", "w:color": "808080"},
        )


def _language(document: Document, lang: str) -> None:
    for name in ("Normal", "Caption", "Heading 1", "Heading 2", "Title"):
        style = document.styles[name]
        r_pr = style.element.get_or_add_rPr()
        _set(r_pr, "w:lang", **{"w:val": lang, "w:eastAsia": lang, "w:bidi": lang})


# -- the document ------------------------------------------------------------------------------


def _table(document: Document, table: DocTable, number: int, label: str) -> None:
    _caption(document, label, number, table.title)
    widths = fit_widths(table)
    out = document.add_table(rows=0, cols=len(table.header))
    out.style = document.styles[TABLE_STYLE]
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    _fixed_layout(out, widths)
    twips = [round(width / 2.54 * 1440) for width in widths]
    body = RowLook(twips, table.font_pt, frozenset(table.numeric), tight=True, bold=False)
    head = replace(body, right=frozenset(), bold=True, fill=HEADER_FILL, header=True)
    add_rows(out, [table.header], head)
    for i, values in enumerate(table.rows):
        add_rows(out, [values], replace(body, bold=True) if i in table.bold_rows else body)
    if table.note:
        note = document.add_paragraph()
        run = note.add_run(table.note)
        run.font.size = Pt(8.5)
        run.italic = True
    document.add_paragraph()


def _figure(document: Document, figure: DocFigure, number: int, label: str) -> None:
    picture = document.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    shape = picture.add_run().add_picture(str(figure.png), width=Cm(figure.width_cm))
    if shape.height > Cm(MAX_FIGURE_HEIGHT_CM):  # a tall chart is scaled to leave room for
        ratio = Cm(MAX_FIGURE_HEIGHT_CM) / shape.height  # its caption on the same page
        shape.height = Cm(MAX_FIGURE_HEIGHT_CM)
        shape.width = Emu(int(shape.width * ratio))
    doc_pr = shape._inline.docPr  # the alt text screen readers read
    doc_pr.set("descr", figure.alt or figure.title)
    doc_pr.set("title", figure.title)
    _caption(document, label, number, figure.title)
    if figure.note:
        note = document.add_paragraph()
        run = note.add_run(figure.note)
        run.font.size = Pt(8.5)
        run.italic = True


def _page_setup(document: Document, doc: PlanDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    header = section.header.paragraphs[0]
    header.text = doc.header or doc.title
    header.runs[0].font.size = Pt(8.5)
    header.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(f"{doc.label('page')} ")
    _field(footer, "PAGE", "1")
    footer.add_run(f" {doc.label('of')} ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8.5)


def build_plan_document(doc: PlanDocument) -> docx.document.Document:
    """The Word document of ``doc`` (not saved)."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(FONT_SIZE_PT)
    _language(document, doc.lang)
    _page_setup(document, doc)
    document.add_heading(doc.title, level=0)
    if doc.subtitle:
        document.add_paragraph(doc.subtitle, style="Subtitle")
    n_table = n_figure = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            heading = document.add_heading(block.text, level=block.level)
            heading.paragraph_format.page_break_before = block.page_break
            heading.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            run.bold = block.bold
            if block.small:
                run.font.size = Pt(9)
            if block.boxed:
                _box(paragraph)
            paragraph.paragraph_format.keep_with_next = block.keep
        elif isinstance(block, DocFigure):
            n_figure += 1
            _figure(document, block, n_figure, doc.label("figure"))
        else:
            n_table += 1
            _table(document, block, n_table, doc.label("table"))
    when = _dt.datetime.fromtimestamp(FIXED_TIMESTAMP, tz=_dt.UTC)
    props = document.core_properties
    props.title = doc.title
    props.subject = doc.subtitle
    props.language = doc.lang
    props.author = props.last_modified_by = "mgi"
    props.created = props.modified = when
    props.revision = 1
    return document


def write_plan_docx(doc: PlanDocument, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` atomically, with reproducible bytes.

    Returns
    -------
    Path
        ``path``.
    """
    buffer = io.BytesIO()
    build_plan_document(doc).save(buffer)
    target = Path(path)
    with atomic_write(target) as tmp:
        tmp.write_bytes(_fixed_zip(buffer.getvalue()))
    return target
