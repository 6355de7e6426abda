"""The HTML report (``report.html``): one self-contained file that opens anywhere offline.

Everything is inside the one file: the CSS is inline, the charts are inline SVG (text kept as
text, so it is searchable and sharp at any zoom), there is no JavaScript, no web font and no
request to any other address. All text that may come from users (evidence, comments, names) is
escaped, so a comment containing ``<script>`` is shown as text.

The page is in the report's language (``<html lang="sq-AL">``): headings, captions, table
headers (the label dictionary) and numbers (one format per kind of value, Albanian with a
decimal comma). It reads on a screen from 800 px wide (wide tables scroll inside their own box)
and prints on A4: page numbers in the bottom margin (CSS ``@page`` counters), figures and table
rows never cut, the appendices starting on a new page, and no page left empty.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mgi._io import atomic_write
from mgi.i18n import language, text
from mgi.reports._style import DARK_GREY, LIGHT_GREY, PALETTE
from mgi.reports.content import (
    Bullets,
    FigureRef,
    Formula,
    Note,
    ReportContent,
    Section,
    Table,
)


def _css_string(value: str) -> str:
    """A CSS string literal (quotes and backslashes escaped)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_counter(lang: str) -> str:
    """The CSS ``content`` of the page number in the bottom margin: "Page 3 of 14" in the
    language, with the numbers as CSS counters.

    Examples
    --------
    >>> page_counter("sq")
    '"Faqja " counter(page) " nga " counter(pages)'
    """
    words = text("report.page", lang, page="\x00", pages="\x01")
    parts = []
    for piece in re.split("([\x00\x01])", words):
        if piece == "\x00":
            parts.append("counter(page)")
        elif piece == "\x01":
            parts.append("counter(pages)")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


CSS = f"""
:root {{ --accent: {PALETTE["score"]}; --muted: {DARK_GREY}; --rule: {LIGHT_GREY}; }}
html {{ font-family: Calibri, Carlito, "Segoe UI", Arial, "Liberation Sans", "DejaVu Sans",
  sans-serif;
  font-size: 11pt; line-height: 1.4; color: #000; background: #fff; }}
body {{ max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.7rem; margin: 0 0 .2rem; color: var(--accent); line-height: 1.2; }}
h2 {{ font-size: 1.3rem; border-bottom: 2px solid var(--accent); padding-bottom: .1rem;
  margin: 1.8rem 0 .6rem; }}
h3 {{ font-size: 1.1rem; margin: 1.2rem 0 .4rem; }}
h2 .num, h3 .num {{ color: var(--accent); margin-right: .5em; }}
.subtitle {{ font-size: 1.05rem; color: var(--muted); margin: 0 0 .8rem; }}
.note {{ border: 1px solid {PALETTE["earlier"]}; border-left-width: 5px; background: #fdf6e6;
  padding: .3rem .8rem; margin: .8rem 0; }}
.note p {{ margin: .3rem 0; }}
nav.contents ul {{ list-style: none; padding-left: 0; margin: .2rem 0; columns: 2 18rem; }}
nav.contents h2 {{ font-size: 1.05rem; border: 0; margin: 1rem 0 .2rem; }}
p.lead {{ font-weight: bold; margin: .7rem 0 .2rem; }}
ul {{ margin: .2rem 0 .6rem; padding-left: 1.3rem; }}
li {{ margin: .15rem 0; }}
figure {{ margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }}
figure svg {{ width: 100%; height: auto; display: block; }}
figcaption, caption {{ font-size: .92rem; text-align: left; }}
.caption {{ font-weight: bold; display: block; }}
.note-line {{ display: block; color: #333; font-size: .85rem; }}
.formula {{ margin: .5rem 0 .1rem 1.5rem; font-size: 1.05rem; }}
.formula var {{ font-style: italic; }}
.formula-where {{ margin: 0 0 .6rem 1.5rem; font-size: .92rem; }}
.table-wrap {{ overflow-x: auto; margin: .8rem 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: .85rem; }}
caption {{ caption-side: top; padding-bottom: .25rem; }}
th, td {{ border-bottom: 1px solid var(--rule); padding: .18rem .4rem; text-align: left;
  vertical-align: top; }}
th {{ border-bottom: 2px solid #000; font-weight: bold; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
th.num {{ text-align: right; }}
td.wrap {{ min-width: 14rem; }}
td.short {{ white-space: nowrap; }}
.table-note {{ font-size: .85rem; color: #333; margin: .25rem 0 0; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
footer {{ margin-top: 2rem; font-size: .8rem; color: var(--muted); }}
@page {{ size: A4; margin: 15mm 15mm 18mm;
  @bottom-center {{ content: COUNTER; font: 8pt Calibri, Carlito, Arial, "Liberation Sans",
    sans-serif;
    color: {DARK_GREY}; }} }}
@media print {{
  html {{ font-size: 9.5pt; line-height: 1.3; }}
  body {{ max-width: none; margin: 0; padding: 0; }}
  nav.contents {{ display: none; }}
  h2 {{ margin-top: 1.2rem; }}
  h2, h3, p.lead, caption, .caption {{ break-after: avoid; page-break-after: avoid; }}
  section.appendix.first {{ break-before: page; page-break-before: always; }}
  .table-wrap {{ overflow: visible; }}
  table {{ font-size: 8pt; }}
  figure svg {{ width: 160mm; max-width: 100%; max-height: 150mm; margin: 0 auto; }}
  a {{ color: inherit; text-decoration: none; }}
  footer {{ margin-top: 1rem; }}
}}
"""

_XML_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_IDS = re.compile(r'\bid="([^"]+)"')
_NAMESPACES = re.compile(r'\s+xmlns(?::xlink)?="[^"]*"')
_FONT = "'DejaVu Sans'"
_FONT_STACK = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, Arial, sans-serif"


def inline_svg(svg: str, prefix: str, label: str = "") -> str:
    """SVG text from matplotlib made ready to sit inside an HTML page.

    Drops the XML prologue, the namespace declarations (HTML needs none) and the metadata
    block, prefixes every element id with ``prefix``
    (two charts on one page must not share ids), adds a font fallback list and an accessible
    label.

    Examples
    --------
    >>> inline_svg('<?xml version="1.0"?><svg a="1"><g id="x"/><use href="#x"/></svg>', "f1")
    '<svg role="img" a="1"><g id="f1-x"/><use href="#f1-x"/></svg>'
    """
    text_ = _METADATA.sub("", _XML_PROLOGUE.sub("", svg, count=1))
    text_ = _NAMESPACES.sub("", text_)  # an HTML parser puts <svg> in the SVG namespace itself
    for ident in dict.fromkeys(_IDS.findall(text_)):
        new = f"{prefix}-{ident}"
        text_ = text_.replace(f'id="{ident}"', f'id="{new}"')
        text_ = text_.replace(f"url(#{ident})", f"url(#{new})")
        text_ = text_.replace(f'href="#{ident}"', f'href="#{new}"')
    text_ = text_.replace(_FONT, _FONT_STACK)
    attributes = ' role="img"' + (f' aria-label="{html.escape(label)}"' if label else "")
    return text_.replace("<svg", f"<svg{attributes}", 1).strip()


NUM = ' class="num"'
#: Longest text of a column kept on one line in the HTML tables (characters).
SHORT = 24


def _e(value: str) -> str:
    return html.escape(str(value))


def math_html(formula: Formula | str) -> str:
    """A formula in HTML: sub- and superscripts as ``<sub>``/``<sup>``, one-letter variables
    in italics (``<var>``), everything else as text.

    Examples
    --------
    >>> math_html(Formula("s = 100 × w_i"))
    '<var>s</var> = 100 × <var>w</var><sub><var>i</var></sub>'
    """
    formula = formula if isinstance(formula, Formula) else Formula(formula)
    out = []
    for piece, position, italic in formula.runs():
        shown = f"<var>{_e(piece)}</var>" if italic else _e(piece)
        out.append(f"<{position}>{shown}</{position}>" if position else shown)
    return "".join(out)


class _Writer:
    """Renders one :class:`ReportContent`, numbering figures and tables as it goes."""

    def __init__(self, content: ReportContent) -> None:
        self.content = content
        self.lang = content.lang
        self.figures = 0
        self.tables = 0

    def caption(self, label_key: str, number: int, title: str) -> str:
        return _e(
            text(
                "report.caption",
                self.lang,
                label=text(label_key, self.lang),
                number=number,
                title=title,
            )
        )

    def note_line(self, note: str, source: str = "") -> str:
        parts = []
        if note:
            parts.append(text("report.note_line", self.lang, note=note))
        if source:
            parts.append(text("report.source", self.lang, source=source))
        return " ".join(parts)

    def figure(self, figure: FigureRef) -> str:
        self.figures += 1
        cap = figure.caption
        svg = inline_svg(figure.svg, f"fig{self.figures}", figure.alt) if figure.svg else ""
        line = self.note_line(figure.note, figure.source)
        return (
            f'<figure id="figure-{_e(figure.stem)}">\n{svg}\n<figcaption>'
            f'<span class="caption">{self.caption("report.figure_label", self.figures, cap.title)}'
            f"</span>"
            + (f'<span class="note-line">{_e(line)}</span>' if line else "")
            + "</figcaption>\n</figure>"
        )

    def table(self, table: Table) -> str:
        self.tables += 1
        frame = table.display_frame(self.lang)
        columns = table.columns()
        numeric = [table.numeric(c) for c in columns]
        head = "".join(
            f'<th scope="col"{NUM if num else ""}>{_e(h)}</th>'
            for h, num in zip(frame.columns, numeric, strict=True)
        )
        # A column of short texts (codes, answers, levels, ranges) is kept on one line, so that
        # the long texts (questions, titles, reasons) get the width.
        short = [
            max((len(str(v)) for v in frame.iloc[:, j]), default=0) <= SHORT
            for j in range(len(columns))
        ]
        classes = [
            "num" if num else "wrap" if column in table.wrap else "short" if brief else ""
            for column, num, brief in zip(columns, numeric, short, strict=True)
        ]
        rows = []
        for values in frame.itertuples(index=False):
            cells = [
                f'<td class="{cls}">{_e(value)}</td>' if cls else f"<td>{_e(value)}</td>"
                for cls, value in zip(classes, values, strict=True)
            ]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        caption = self.caption("report.table_label", self.tables, table.caption or table.name)
        note = f'\n<p class="table-note">{_e(self.note_line(table.note))}</p>' if table.note else ""
        return (
            f'<div class="table-wrap"><table id="table-{self.tables}">\n'
            f'<caption><span class="caption">{caption}</span></caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(rows)
            + f"\n</tbody>\n</table>{note}</div>"
        )

    def block(self, block: object) -> str:
        if isinstance(block, str):
            return f"<p>{_e(block)}</p>"
        if isinstance(block, Bullets):
            lead = f'<p class="lead">{_e(block.lead)}</p>\n' if block.lead else ""
            items = "".join(f"<li>{_e(i)}</li>" for i in block.items)
            return f"{lead}<ul>{items}</ul>"
        if isinstance(block, Note):
            return (
                '<aside class="note">'
                + "".join(f"<p>{_e(p)}</p>" for p in block.paragraphs)
                + ("</aside>")
            )
        if isinstance(block, Formula):
            where = (
                f'\n<p class="formula-where">{math_html(Formula(block.where))}</p>'
                if block.where
                else ""
            )
            return f'<p class="formula">{math_html(block)}</p>{where}'
        if isinstance(block, FigureRef):
            return self.figure(block)
        if isinstance(block, Table):
            return self.table(block) if "html" in block.outputs else ""
        raise TypeError(f"cannot render {type(block).__name__}")

    def section(self, section: Section, number: str, level: int, first_appendix: bool) -> str:
        tag = "h2" if level == 1 else "h3"
        classes = ["appendix"] if section.appendix else []
        if first_appendix:
            classes.append("first")
        if section.appendix and level == 1:
            number = text("report.appendix", self.lang, letter=number)
        cls = f' class="{" ".join(classes)}"' if classes else ""
        parts = [
            f'<section id="{_e(section.key)}"{cls}>',
            f'<{tag}><span class="num">{_e(number)}</span>{_e(section.heading)}</{tag}>',
        ]
        parts += [p for p in (self.block(b) for b in section.body) if p]
        return "\n".join(parts)

    def body(self) -> tuple[str, str]:
        """The sections and the contents list."""
        out: list[str] = []
        nav: list[str] = []
        open_levels = 0
        seen_appendix = False
        for section, number, level in self.content.numbered():
            if level == 1:
                out.append("</section>\n" * open_levels)
                open_levels = 0
            first = section.appendix and not seen_appendix and level == 1
            seen_appendix = seen_appendix or section.appendix
            out.append(self.section(section, number, level, first))
            out.append("</section>" if level == 2 else "")
            if level == 1:
                open_levels = 1
                shown = (
                    text("report.appendix", self.lang, letter=number)
                    if section.appendix
                    else (number)
                )
                nav.append(
                    f'<li><a href="#{_e(section.key)}">{_e(shown)} {_e(section.heading)}</a></li>'
                )
        out.append("</section>\n" * open_levels)
        return "\n".join(p for p in out if p), "\n".join(nav)


def render_html(content: ReportContent, generator: str = "mgi") -> str:
    """The report as one self-contained HTML document (a string).

    Parameters
    ----------
    content
        The report content (in its language).
    generator
        Written in the ``generator`` meta tag.

    Returns
    -------
    str
        The HTML text.

    Examples
    --------
    >>> from mgi.reports.content import ReportContent, Section
    >>> page = render_html(ReportContent("Test <1>", sections=(Section("summary", "Summary"),)))
    >>> "<h1>Test &lt;1&gt;</h1>" in page, '<html lang="en-GB">' in page
    (True, True)
    """
    lang = language(content.lang)
    writer = _Writer(content)
    body, nav = writer.body()
    notes = "".join(f"<p>{_e(n)}</p>" for n in content.notes)
    note = f'<aside class="note" role="note">{notes}</aside>\n' if notes else ""
    subtitle = f'<p class="subtitle">{_e(content.subtitle)}</p>\n' if content.subtitle else ""
    contents = text("report.table_of_contents", content.lang)
    from mgi import __version__

    prepared = text("report.prepared", content.lang, version=__version__)
    css = CSS.replace("COUNTER", page_counter(content.lang))
    return f"""<!DOCTYPE html>
<html lang="{_e(lang.tag)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{_e(generator)}">
<title>{_e(content.title)}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{_e(content.title)}</h1>
{subtitle}{note}<nav class="contents" aria-label="{_e(contents)}"><h2>{_e(contents)}</h2><ul>
{nav}
</ul></nav>
</header>
<main>
{body}
</main>
<footer><p>{_e(prepared)}</p></footer>
</body>
</html>
"""


def write_html(content: ReportContent, path: str | Path, generator: str = "mgi") -> Path:
    """Write :func:`render_html` of ``content`` to ``path`` (UTF-8, atomically).

    Parameters
    ----------
    content
        The report content.
    path
        The ``.html`` file to write.
    generator
        Written in the ``generator`` meta tag.

    Returns
    -------
    Path
        ``path``.
    """
    target = Path(path)
    with atomic_write(target) as tmp:
        tmp.write_text(render_html(content, generator), encoding="utf-8", newline="\n")
    return target
