"""The Word annex (``strategy-annex.docx``): a document that goes into a strategy as it is.

Written with python-docx in the report's language, so that an analyst pastes or inserts it
without hand work:

* **Styles**: Word's own Normal, Title, Heading 1-3, Caption, List Bullet, "toc 1/2" and
  "table of figures" styles, so that the strategy's styles take over when the annex is pasted
  ("use destination styles"); Heading 1-3 are numbered by one multilevel list linked to the
  styles (1, 1.1, 1.1.1), the appendices by a second one ("Appendix A"), so the annex can take
  the strategy's own numbering.
* **Page**: A4, a header with the title, a footer "Page 3 of 14" (``PAGE`` and ``NUMPAGES``
  fields); the document language (``en-GB``, ``sq-AL``) in the defaults, for spelling and
  hyphenation, and the decimal symbol of the language.
* **Contents**: a table of contents and a list of figures as ``TOC`` fields (Word updates them
  on opening, LibreOffice with Tools ▸ Update ▸ Update All); their cached entries already list
  every heading and figure.
* **Figures**: each chart as a 300-dpi PNG 16 cm wide with its alternative text, a one-line
  caption "Figure 3: title" numbered by a ``SEQ`` field, and a separate short note and source
  line.
* **Tables**: a one-line caption above, readable headers from the label dictionary, every
  number as its kind of value wants (the chart and the table agree: −1.7), column widths
  fitted to their content and adding up exactly to the text width (no word is ever broken
  inside a cell: a column is at least as wide as its widest word), rows that never split
  across pages and a header row repeated on every page.
* **Formulas** in the body font with true sub- and superscripts, never as code.

Core properties carry fixed dates and zip entries a fixed time, so the same content gives the
same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import io
import re
import zipfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from mgi._io import FIXED_TIMESTAMP, atomic_write
from mgi.i18n import language, text
from mgi.reports import _ooxml
from mgi.reports._style import DARK_GREY, PALETTE
from mgi.reports._textwidth import longest_word, text_width
from mgi.reports.content import (
    Bullets,
    FigureRef,
    Formula,
    Note,
    ReportContent,
    Section,
    Table,
)

#: Width of a chart in the document.
FIGURE_WIDTH_CM = 16.0
#: Font of the Normal style (Word's default; LibreOffice sets it in Carlito, a metric twin).
FONT_NAME = "Calibri"
FONT_SIZE_PT = 11
#: Page: A4 with 2 cm margins, so the text block is 17 cm wide.
PAGE_CM = (21.0, 29.7)
MARGIN_CM = 2.0
#: Table text sizes tried in turn until the widest word of every column fits.
TABLE_SIZES_PT = (9.0, 8.0, 7.5)
#: Left and right padding of a table cell (twips), in the table style.
CELL_PADDING_TWIPS = 85
TABLE_STYLE = "mgi Table"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_TWIPS_PER_PT = 20


def text_width_twips() -> int:
    """The width of the text block (page width minus both margins), in twips."""
    return round(Cm(PAGE_CM[0] - 2 * MARGIN_CM) / 635)


# -- styles --------------------------------------------------------------------------------------


def _table_style_xml() -> str:
    rule = "D9D9D9"
    return (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="mgiTable">'
        f'<w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "<w:tblPr><w:tblBorders>"
        '<w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{rule}"/>'
        "</w:tblBorders><w:tblCellMar>"
        f'<w:left w:w="{CELL_PADDING_TWIPS}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_PADDING_TWIPS}" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/></w:tcBorders>'
        '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )


def _paragraph_style(document: Any, name: str, base: str = "Normal") -> Any:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    return style


def _styles(document: Any, lang: str) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(FONT_SIZE_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    accent = RGBColor.from_string(PALETTE["score"].lstrip("#"))
    for level, size in ((1, 15), (2, 12.5), (3, 11)):
        heading = styles[f"Heading {level}"]
        heading.font.name = FONT_NAME
        heading.font.size = Pt(size)
        heading.font.color.rgb = accent if level == 1 else RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name = FONT_NAME
    title.font.size = Pt(24)
    title.font.color.rgb = accent
    subtitle = styles["Subtitle"]
    subtitle.font.name = FONT_NAME
    subtitle.font.italic = False
    subtitle.font.size = Pt(12)
    subtitle.font.color.rgb = RGBColor.from_string(DARK_GREY.lstrip("#"))
    caption = styles["Caption"]
    caption.font.name = FONT_NAME
    caption.font.size = Pt(9.5)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.space_before = Pt(4)
    caption.paragraph_format.space_after = Pt(2)
    note = _paragraph_style(document, "Caption Note")
    note.font.size = Pt(8.5)
    note.font.color.rgb = RGBColor.from_string(DARK_GREY.lstrip("#"))
    note.paragraph_format.space_after = Pt(10)
    note.paragraph_format.keep_together = True
    box = _paragraph_style(document, "Note Box")
    box.font.size = Pt(10)
    box.paragraph_format.space_after = Pt(3)
    _ooxml.box(box.element.get_or_add_pPr(), "FDF6E6", PALETTE["earlier"].lstrip("#"))
    formula = _paragraph_style(document, "Formula")
    formula.paragraph_format.left_indent = Cm(1.0)
    formula.paragraph_format.space_before = Pt(6)
    formula.paragraph_format.space_after = Pt(2)
    formula.paragraph_format.keep_with_next = True
    where = _paragraph_style(document, "Formula Note")
    where.paragraph_format.left_indent = Cm(1.0)
    where.font.size = Pt(10)
    cell = _paragraph_style(document, "Table Text")
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.space_before = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    cell.font.size = Pt(TABLE_SIZES_PT[0])
    lead = _paragraph_style(document, "Lead-in")
    lead.font.bold = True
    lead.paragraph_format.space_before = Pt(6)
    lead.paragraph_format.space_after = Pt(2)
    lead.paragraph_format.keep_with_next = True
    styles["List Bullet"].paragraph_format.space_after = Pt(2)
    toc_heading = styles["TOC Heading"]
    _ooxml.set_numbering(toc_heading.element.get_or_add_pPr(), 0)
    toc_heading.paragraph_format.page_break_before = False
    for name, indent in (("toc 1", 0.0), ("toc 2", 0.6), ("table of figures", 0.0)):
        entry = _paragraph_style(document, name)
        entry.paragraph_format.left_indent = Cm(indent)
        entry.paragraph_format.space_after = Pt(0)
        entry.paragraph_format.line_spacing = 1.0
    styles.element.append(parse_xml(_table_style_xml()))
    _ooxml.set_language(document, language(lang).tag)
    settings = document.settings.element
    symbol = "," if _decimal_comma(lang) else "."
    separator = ";" if symbol == "," else ","
    for tag, value in (("w:decimalSymbol", symbol), ("w:listSeparator", separator)):
        found = settings.find(qn(tag))
        if found is not None:
            found.set(qn("w:val"), value)


def _decimal_comma(lang: str) -> bool:
    from mgi.i18n import format_value

    return "," in format_value("score", 1.5, lang)


# -- page ----------------------------------------------------------------------------------------


def _page(document: Any, content: ReportContent) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
    section.header_distance = section.footer_distance = Cm(1.0)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    words = (
        content.title
        if not content.subtitle
        else text(
            "report.header",
            content.lang,
            title=content.title,
            subtitle=content.subtitle.split(" — ")[0],
        )
    )
    run = header.add_run(words)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor.from_string(DARK_GREY.lstrip("#"))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pattern = text("report.page", content.lang, page="\x00", pages="\x01")
    for piece in re.split("([\x00\x01])", pattern):
        if piece == "\x00":
            _ooxml.field(footer, "PAGE", "1", size=Pt(8))
        elif piece == "\x01":
            _ooxml.field(footer, "NUMPAGES", "1", size=Pt(8))
        elif piece:
            footer.add_run(piece).font.size = Pt(8)


# -- the writer ----------------------------------------------------------------------------------


class _Writer:
    """Writes one :class:`ReportContent` into a python-docx document."""

    def __init__(self, content: ReportContent, figures: Collection[str] | None) -> None:
        self.content = content
        self.lang = content.lang
        self.figures_wanted = figures
        self.document = docx.Document()
        self.bookmarks = 0
        self.n_figures = 0
        self.n_tables = 0
        self.headings: list[tuple[str, str, int]] = []  # (bookmark, text, level)
        self.figure_entries: list[tuple[str, str]] = []  # (bookmark, text)

    def bookmark(self, paragraph: Any, prefix: str) -> str:
        self.bookmarks += 1
        name = f"_{prefix}{self.bookmarks:04d}"
        _ooxml.bookmark(paragraph, name, self.bookmarks)
        return name

    # paragraphs

    @staticmethod
    def runs(paragraph: Any, formula: Formula) -> None:
        for piece, position, italic in formula.runs():
            run = paragraph.add_run(piece)
            if italic:
                run.font.italic = True
            if position:
                run.font.subscript = position == "sub"
                run.font.superscript = position == "sup"

    def caption(self, label_key: str, number: int, title: str, bookmark: str = "") -> Any:
        doc = self.document
        paragraph = doc.add_paragraph(style="Caption")
        label = text(label_key, self.lang)
        words = text("report.caption", self.lang, label="\x00", number="\x01", title=title)
        for piece in re.split("([\x00\x01])", words):
            if piece == "\x00":
                paragraph.add_run(label)
            elif piece == "\x01":
                _ooxml.field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
            elif piece:
                paragraph.add_run(piece)
        if bookmark:
            self.figure_entries.append(
                (
                    self.bookmark(paragraph, bookmark),
                    text("report.caption", self.lang, label=label, number=number, title=title),
                )
            )
        return paragraph

    def note_line(self, note: str, source: str = "") -> None:
        parts = []
        if note:
            parts.append(text("report.note_line", self.lang, note=note))
        if source:
            parts.append(text("report.source", self.lang, source=source))
        if parts:
            self.document.add_paragraph(" ".join(parts), style="Caption Note")

    def heading(self, section: Section, number: str, level: int, first_appendix: bool) -> None:
        paragraph = self.document.add_paragraph(section.heading, style=f"Heading {level}")
        if section.appendix:
            _ooxml.set_numbering(paragraph._p.get_or_add_pPr(), _ooxml.APPENDIX_LIST, level - 1)
            if first_appendix:
                paragraph.paragraph_format.page_break_before = True
        shown = (
            text("report.appendix", self.lang, letter=number)
            if section.appendix and level == 1
            else number
        )
        self.headings.append((self.bookmark(paragraph, "Toc"), f"{shown} {section.heading}", level))

    def block(self, block: object) -> None:
        doc = self.document
        if isinstance(block, str):
            doc.add_paragraph(block)
        elif isinstance(block, Bullets):
            if block.lead:
                doc.add_paragraph(block.lead, style="Lead-in")
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Note):
            for paragraph in block.paragraphs:
                doc.add_paragraph(paragraph, style="Note Box")
        elif isinstance(block, Formula):
            self.runs(doc.add_paragraph(style="Formula"), block)
            if block.where:
                self.runs(doc.add_paragraph(style="Formula Note"), Formula(block.where))
        elif isinstance(block, FigureRef):
            self.figure(block)
        elif isinstance(block, Table):
            if "docx" in block.outputs and len(block.frame):
                self.table(block)
        else:
            raise TypeError(f"cannot write {type(block).__name__}")

    def figure(self, figure: FigureRef) -> None:
        if figure.png is None or (
            self.figures_wanted is not None and figure.stem not in self.figures_wanted
        ):
            return
        self.n_figures += 1
        picture = self.document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        picture.paragraph_format.space_after = Pt(0)
        run = picture.add_run()
        run.add_picture(str(figure.png), width=Cm(FIGURE_WIDTH_CM))
        _ooxml.alt_text(run, figure.alt, figure.caption.title)
        cap = self.caption("report.figure_label", self.n_figures, figure.caption.title, "Fig")
        cap.paragraph_format.keep_with_next = bool(figure.note or figure.source)
        self.note_line(figure.note, figure.source)

    def table(self, table: Table) -> None:
        self.n_tables += 1
        caption = self.caption("report.table_label", self.n_tables, table.caption or table.name)
        caption.paragraph_format.keep_with_next = True
        frame = table.display_frame(self.lang)
        columns = table.columns()
        numeric = [table.numeric(c) for c in columns]
        headers = [str(h) for h in frame.columns]
        size, widths = fit_columns(
            headers, frame.values.tolist(), text_width_twips(), numeric=numeric
        )
        out = self.document.add_table(rows=0, cols=len(headers))
        out.style = self.document.styles[TABLE_STYLE]
        out.alignment = WD_TABLE_ALIGNMENT.CENTER
        _ooxml.fix_table(out, widths, text_width_twips())
        look = _ooxml.RowLook(
            widths, size, frozenset(j for j, num in enumerate(numeric) if num), self.cell_style
        )
        head = dataclasses.replace(look, bold=True, fill="F2F2F2", header=True)
        _ooxml.add_rows(out, [headers], head)
        _ooxml.add_rows(out, frame.itertuples(index=False), look)
        self.note_line(table.note)
        if not table.note:
            spacer = self.document.add_paragraph(style="Caption Note")
            spacer.paragraph_format.space_after = Pt(4)

    # contents

    def contents(self) -> tuple[Any, Any]:
        """The table of contents and the list of figures, as fields; their entries are
        filled in by :meth:`fill_contents` once every heading and figure is known."""
        doc = self.document
        doc.add_paragraph(text("report.table_of_contents", self.lang), style="TOC Heading")
        toc = doc.add_paragraph(style="toc 1")
        doc.add_paragraph(text("report.list_of_figures", self.lang), style="TOC Heading")
        figures = doc.add_paragraph(style="table of figures")
        hint = doc.add_paragraph(text("report.contents_note", self.lang), style="Caption Note")
        hint.runs[0].add_break(WD_BREAK.PAGE)
        return toc, figures

    def fill_contents(self, toc: Any, figures: Any) -> None:
        label = text("report.figure_label", self.lang)
        for anchor, entries, instruction, style in (
            (toc, [(b, t, lvl) for b, t, lvl in self.headings], 'TOC \\o "1-2" \\h \\z \\u', None),
            (
                figures,
                [(b, t, 1) for b, t in self.figure_entries],
                f'TOC \\h \\z \\c "{label}"',
                "table of figures",
            ),
        ):
            _ooxml.field_start(anchor, instruction)
            paragraphs = [anchor]
            for _ in entries[1:]:
                new = parse_xml(f"<w:p {nsdecls('w')}/>")
                paragraphs[-1]._p.addnext(new)
                paragraphs.append(Paragraph(new, anchor._parent))
            for paragraph, (bookmark, words, level) in zip(paragraphs, entries, strict=False):
                paragraph.style = style or f"toc {min(level, 2)}"
                _ooxml.internal_link(paragraph, bookmark, words)
            _ooxml.field_end(paragraphs[-1])

    def write(self) -> Any:
        content = self.content
        doc = self.document
        _styles(doc, self.lang)
        self.cell_style = doc.styles["Table Text"].style_id
        _ooxml.add_lists(doc, text("report.appendix", self.lang, letter="{letter}"))
        _page(doc, content)
        doc.add_paragraph(content.title, style="Title")
        if content.subtitle:
            doc.add_paragraph(content.subtitle, style="Subtitle")
        for note in content.notes:
            doc.add_paragraph(note, style="Note Box")
        toc, figure_list = self.contents()
        seen_appendix = False
        for section, number, level in content.numbered():
            first = section.appendix and level == 1 and not seen_appendix
            seen_appendix = seen_appendix or section.appendix
            self.heading(section, number, level, first)
            for block in section.body:
                self.block(block)
        self.fill_contents(toc, figure_list)
        _ooxml.update_fields_on_open(doc)
        when = _dt.datetime.fromtimestamp(FIXED_TIMESTAMP, tz=_dt.UTC)
        props = doc.core_properties
        props.title = content.title
        props.subject = content.subtitle
        props.author = props.last_modified_by = "mgi"
        props.created = props.modified = when
        props.revision = 1
        return doc


def fit_columns(
    headers: list[str],
    rows: list[list[Any]],
    total: int,
    sizes: tuple[float, ...] = TABLE_SIZES_PT,
    numeric: list[bool] | None = None,
) -> tuple[float, list[int]]:
    """The text size and the column widths (twips, adding up exactly to ``total``) of a table.

    Each column gets at least the width of its widest word (headers in bold), so that no word
    is broken inside a cell; what is left goes first to the columns that need little more to
    hold their longest text on one line, then to the long texts in proportion to what they
    lack (headers wrap over two or three lines). Where even the widest words do not fit at
    9 pt, the text is set smaller (8 pt, then 7.5 pt).

    Examples
    --------
    >>> size, widths = fit_columns(["Code", "Question"], [["D1.1.1", "A long question " * 8]],
    ...                            9638)
    >>> size, sum(widths), widths[0] < widths[1]
    (9.0, 9638, True)
    """
    padding = 2 * CELL_PADDING_TWIPS + 30  # both paddings and a little air
    for size in sizes:
        minimum, wanted = [], []
        for j, header in enumerate(headers):
            cells = [str(r[j]) for r in rows]
            word = max(
                [longest_word(header, size, bold=True), *(longest_word(c, size) for c in cells)]
            )
            # A header may wrap (over two or three lines where it heads numbers).
            share = 0.35 if numeric and numeric[j] else 0.55
            line = max([text_width(header, size, bold=True) * share,
                        *(text_width(c, size) for c in cells)])  # fmt: skip
            minimum.append(word * _TWIPS_PER_PT + padding)
            wanted.append(max(word, line) * _TWIPS_PER_PT + padding)
        if sum(minimum) <= total or size == sizes[-1]:
            break
    if sum(wanted) <= total:
        spare = total - sum(wanted)
        widths = [w + spare * w / sum(wanted) for w in wanted]
    elif sum(minimum) <= total:
        # Max-min fair shares of the room left over the widest words: a column that needs less
        # than an equal share gets all it needs (short answers, levels, codes stay on one line),
        # the long texts share the rest in proportion to what they lack.
        lack = [w - m for w, m in zip(wanted, minimum, strict=True)]
        room = total - sum(minimum)
        extra = [0.0] * len(lack)
        open_ = sorted(range(len(lack)), key=lambda j: lack[j])
        while open_ and lack[open_[0]] <= room / len(open_):
            j = open_.pop(0)
            extra[j] = lack[j]
            room -= lack[j]
        need = sum(lack[j] for j in open_) or 1
        for j in open_:
            extra[j] = room * lack[j] / need
        widths = [m + e for m, e in zip(minimum, extra, strict=True)]
    else:  # even the widest words do not fit at the smallest size: share the width fairly
        widths = [m * total / sum(minimum) for m in minimum]
    rounded = [int(w) for w in widths]
    rounded[rounded.index(max(rounded))] += total - sum(rounded)
    return size, rounded


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
    return _Writer(content, figures).write()


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
