"""The few WordprocessingML elements python-docx does not expose, written by hand.

Each helper writes schema-valid elements of ECMA-376 (Office Open XML) that Word and
LibreOffice both read: fields (``PAGE``, ``NUMPAGES``, ``SEQ``, ``TOC``), bookmarks, a
multilevel list linked to the heading styles, the document language, table and row
properties (fixed layout, widths, repeated header row, rows that do not split) and the
alternative text of a picture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

#: Ids of the two lists this module adds to the numbering part (far from the template's own).
HEADING_LIST = 901
APPENDIX_LIST = 902

#: The order of the children of a paragraph's and a table's properties (ECMA-376).
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)  # fmt: skip
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
)  # fmt: skip


def _element(tag: str, **attributes: Any) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def put(parent: Any, element: Any, order: tuple[str, ...]) -> Any:
    """Insert ``element`` into ``parent`` at its place in ``order``, replacing an element of
    the same tag."""
    tag = element.tag
    for old in parent.findall(tag):
        parent.remove(old)
    local = tag.split("}")[1]
    later = {qn(f"w:{t}") for t in order[order.index(local) + 1 :]}
    for child in parent:
        if child.tag in later:
            child.addprevious(element)
            return element
    parent.append(element)
    return element


def field(paragraph: Any, instruction: str, result: str = "", **run_format: Any) -> None:
    """Append a complex field (``PAGE``, ``SEQ Figure``, ``TOC …``) with a cached ``result``.

    ``run_format`` (``bold=True``, ``size=Pt(9)``) is applied to the runs of the field.
    """

    def run(child: Any = None, text: str | None = None) -> Any:
        r = paragraph.add_run(text)
        if run_format.get("bold"):
            r.bold = True
        if run_format.get("size") is not None:
            r.font.size = run_format["size"]
        if child is not None:
            r._r.append(child)
        return r

    run(_element("w:fldChar", fldCharType="begin"))
    code = _element("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run(code)
    run(_element("w:fldChar", fldCharType="separate"))
    if result:
        run(text=result)
    run(_element("w:fldChar", fldCharType="end"))


def field_start(paragraph: Any, instruction: str) -> None:
    """The beginning of a field whose result spans several paragraphs (a TOC): ``begin``,
    the instruction and ``separate``; close it with :func:`field_end`."""
    for child in (
        _element("w:fldChar", fldCharType="begin"),
        None,
        _element("w:fldChar", fldCharType="separate"),
    ):
        run = paragraph.add_run()
        if child is None:
            child = _element("w:instrText")
            child.set(qn("xml:space"), "preserve")
            child.text = f" {instruction} "
        run._r.append(child)


def field_end(paragraph: Any) -> None:
    """The end of a field opened by :func:`field_start`."""
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def bookmark(paragraph: Any, name: str, ident: int) -> None:
    """Put a bookmark around the whole content of ``paragraph``."""
    p = paragraph._p
    start = _element("w:bookmarkStart", id=ident, name=name)
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else list(p).index(ppr) + 1, start)
    p.append(_element("w:bookmarkEnd", id=ident))


def internal_link(paragraph: Any, anchor: str, text: str) -> None:
    """A hyperlink to a bookmark of the document (a cached table-of-contents entry)."""
    link = _element("w:hyperlink", anchor=anchor, history=1)
    run = paragraph.add_run(text)
    link.append(run._r)
    paragraph._p.append(link)


def add_lists(document: Any, appendix_text: str) -> None:
    """Number Heading 1-3 with one multilevel list (1, 1.1, 1.1.1) linked to the heading
    styles, and add a second list for the appendices ("Appendix A", A.1).

    Because the numbering belongs to the heading styles, a document that takes the annex
    with its own heading styles (Word's "use destination styles") numbers the headings its
    own way.
    """
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="Heading{i + 1}"/>'
        f'<w:lvlText w:val="{".".join(f"%{j + 1}" for j in range(i + 1))}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{567 + 284 * i}" '
        f'w:hanging="{567 + 284 * i}"/></w:pPr></w:lvl>'
        for i in range(3)
    )
    letter = appendix_text.replace("%", "%%").replace("{letter}", "%1")
    appendix = (
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>'
        f'<w:lvlText w:val="{letter}"/><w:lvlJc w:val="left"/><w:suff w:val="space"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="851" w:hanging="851"/></w:pPr></w:lvl>'
    )
    # An abstract list must come before every w:num (the schema's order).
    first_num = numbering.find(qn("w:num"))
    for ident, body, kind in (
        (HEADING_LIST, levels, "multilevel"),
        (APPENDIX_LIST, appendix, "multilevel"),
    ):
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
            f'<w:multiLevelType w:val="{kind}"/>{body}</w:abstractNum>'
        )
        if first_num is None:
            numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/>'
                "</w:num>"
            )
        )
    for level in range(3):
        style = document.styles[f"Heading {level + 1}"]
        set_numbering(style.element.get_or_add_pPr(), HEADING_LIST, level)


def set_numbering(ppr: Any, num_id: int, level: int = 0) -> None:
    """Give a paragraph (or a style's paragraph properties) a list and a level; ``num_id``
    0 removes the numbering a style would give."""
    numpr = parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    put(ppr, numpr, PPR_ORDER)


def set_language(document: Any, tag: str) -> None:
    """The language of the text (spelling, hyphenation): in the document defaults, the theme
    setting and the core properties."""
    styles = document.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = _element("w:themeFontLang")
        settings.append(theme)
    theme.set(qn("w:val"), tag)
    document.core_properties.language = tag


def update_fields_on_open(document: Any) -> None:
    """Ask Word to update the fields (table of contents, list of figures, page numbers) when
    the document is opened."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        element = _element("w:updateFields", val="true")
        # w:updateFields comes before w:compat and the later settings.
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(element)
        else:
            settings.append(element)


def fix_table(table: Any, widths_twips: list[int], total_twips: int) -> None:
    """A table of fixed layout exactly ``total_twips`` wide with these column widths."""
    tbl = table._tbl
    tblpr = tbl.tblPr
    put(tblpr, _element("w:tblW", w=total_twips, type="dxa"), TBLPR_ORDER)
    put(tblpr, _element("w:tblLayout", type="fixed"), TBLPR_ORDER)
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_twips, strict=True):
        col.set(qn("w:w"), str(w))
    for row in tbl.findall(qn("w:tr")):
        for cell, w in zip(row.findall(qn("w:tc")), widths_twips, strict=True):
            tcpr = cell.get_or_add_tcPr()
            for old in tcpr.findall(qn("w:tcW")):
                tcpr.remove(old)
            tcpr.insert(0, _element("w:tcW", w=w, type="dxa"))


#: Characters XML 1.0 does not allow (control characters other than tab and line breaks).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    """``value`` as the escaped content of an XML element (text as written: never markup)."""
    return escape(_NOT_XML.sub("", str(value)))


@dataclass(frozen=True)
class RowLook:
    """How the cells of a table's rows are written by :func:`add_rows`.

    ``widths`` are the column widths in twips, ``size`` the font size in points, ``right``
    the columns aligned right, ``style`` a paragraph style id, ``tight`` no space after the
    cell's paragraph, ``fill`` a background colour (``RRGGBB``); ``bold`` None writes no
    weight (the style's), False an explicit normal weight.
    """

    widths: Sequence[int]
    size: float
    right: frozenset[int] = frozenset()
    style: str | None = None
    tight: bool = False
    fill: str | None = None
    bold: bool | None = None
    header: bool = False


def add_rows(table: Any, rows: Iterable[Sequence[object]], look: RowLook) -> None:
    """Append ``rows`` of text to ``table`` (a python-docx table), one paragraph a cell, a
    line break for each newline in a value, in rows that never split across pages (repeated
    on every page when ``look.header``).

    The rows are written as one piece of XML and parsed once: python-docx's cell, paragraph
    and run objects cost a search of the element tree for every property set, which made
    the annexes' tables the slowest part of writing them.
    """
    half_points = round(look.size * 2)
    weight = {None: "", True: "<w:b/>", False: '<w:b w:val="0"/>'}[look.bold]
    run_pr = f'<w:rPr>{weight}<w:sz w:val="{half_points}"/></w:rPr>'
    style = f'<w:pStyle w:val="{escape(look.style)}"/>' if look.style else ""
    spacing = '<w:spacing w:after="0"/>' if look.tight else ""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{look.fill}"/>' if look.fill else ""
    row_pr = '<w:trPr><w:cantSplit w:val="true"/>'
    row_pr += '<w:tblHeader w:val="true"/></w:trPr>' if look.header else "</w:trPr>"
    cell_pr = [f'<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shading}</w:tcPr>' for w in look.widths]
    par_pr = []
    for j in range(len(look.widths)):
        inner = style + spacing + ('<w:jc w:val="right"/>' if j in look.right else "")
        par_pr.append(f"<w:pPr>{inner}</w:pPr>" if inner else "")
    parts = [f"<w:tbl {nsdecls('w')}>"]
    for values in rows:
        parts.append(f"<w:tr>{row_pr}")
        for j, value in enumerate(values):
            lines = "<w:br/>".join(
                f'<w:t xml:space="preserve">{_xml_text(line)}</w:t>'
                for line in str(value).split("\n")
            )
            parts.append(
                f"<w:tc>{cell_pr[j]}<w:p>{par_pr[j]}<w:r>{run_pr}{lines}</w:r></w:p></w:tc>"
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    tbl = table._tbl
    for tr in list(parse_xml("".join(parts))):
        tbl.append(tr)


def alt_text(run: Any, description: str, title: str = "") -> None:
    """The alternative text of the picture in ``run`` (``wp:docPr/@descr``)."""
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", description)
        if title:
            doc_pr.set("title", title)


def box(ppr: Any, fill: str, border: str) -> None:
    """A box around a paragraph (or a paragraph style): a border on every side and a
    background ``fill``."""
    borders = parse_xml(
        f"<w:pBdr {nsdecls('w')}>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="6" w:space="4" w:color="{border}"/>'
            for side in ("top", "left", "bottom", "right")
        )
        + "</w:pBdr>"
    )
    put(ppr, borders, PPR_ORDER)
    put(
        ppr,
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'),
        PPR_ORDER,
    )
