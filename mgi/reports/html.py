"""The HTML report (``report.html``): one self-contained file that opens anywhere offline.

Everything is inside the one file: the CSS is inline, the charts are inline SVG (text kept as
text, so it is searchable and sharp at any zoom), there is no JavaScript, no web font and no
request to any other address. A print stylesheet lays it out on A4 with each section starting on
a new page. All text that may come from users (evidence, comments, names) is escaped, so a
comment containing ``<script>`` is shown as text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mgi._io import atomic_write
from mgi.reports._style import DARK_GREY, LIGHT_GREY, PALETTE
from mgi.reports.content import FigureRef, ReportContent, Section, Table, flatten

CSS = f"""
:root {{ --accent: {PALETTE["score"]}; --muted: {DARK_GREY}; --rule: {LIGHT_GREY}; }}
html {{ font-family: Calibri, Carlito, "Segoe UI", "DejaVu Sans", Arial, sans-serif;
  font-size: 11pt; line-height: 1.45; color: #000; background: #fff; }}
body {{ max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.8rem; margin: 0 0 .2rem; color: var(--accent); }}
h2 {{ font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: .15rem;
  margin-top: 2.2rem; }}
h3 {{ font-size: 1.1rem; }}
.subtitle {{ font-size: 1.1rem; color: var(--muted); margin-top: 0; }}
.notes {{ border-left: 4px solid {PALETTE["earlier"]}; background: #fdf6e6;
  padding: .4rem .8rem; margin: 1rem 0; }}
.notes p {{ margin: .3rem 0; }}
nav ol {{ padding-left: 1.2rem; }}
figure {{ margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }}
figure svg {{ width: 100%; height: auto; display: block; }}
figcaption {{ font-size: .92rem; color: #222; margin-top: .3rem; }}
figcaption b, caption b {{ color: #000; }}
pre.formula {{ font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace;
  font-size: .9rem; background: #f4f4f4; padding: .4rem .6rem; white-space: pre-wrap; }}
table {{ border-collapse: collapse; width: 100%; font-size: .85rem; margin: 1rem 0;
  break-inside: auto; }}
caption {{ caption-side: top; text-align: left; font-size: .92rem; padding-bottom: .3rem; }}
th, td {{ border-bottom: 1px solid var(--rule); padding: .2rem .4rem; text-align: left;
  vertical-align: top; }}
th {{ border-bottom: 2px solid #000; }}
.table-wrap {{ overflow-x: auto; }}
table.wide {{ font-size: .72rem; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
dl.provenance {{ display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
  font-size: .85rem; }}
dl.provenance dt {{ font-weight: bold; }}
dl.provenance dd {{ margin: 0; overflow-wrap: anywhere; }}
footer {{ margin-top: 3rem; font-size: .8rem; color: var(--muted); }}
@page {{ size: A4; margin: 18mm 16mm; }}
@media print {{
  html {{ font-size: 10pt; }}
  body {{ max-width: none; margin: 0; padding: 0; }}
  nav {{ display: none; }}
  .table-wrap {{ overflow: visible; }}
  section {{ break-before: page; page-break-before: always; }}
  h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
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
    text = _METADATA.sub("", _XML_PROLOGUE.sub("", svg, count=1))
    text = _NAMESPACES.sub("", text)  # an HTML parser puts <svg> in the SVG namespace itself
    for ident in dict.fromkeys(_IDS.findall(text)):
        new = f"{prefix}-{ident}"
        text = text.replace(f'id="{ident}"', f'id="{new}"')
        text = text.replace(f"url(#{ident})", f"url(#{new})")
        text = text.replace(f'href="#{ident}"', f'href="#{new}"')
    text = text.replace(_FONT, _FONT_STACK)
    attributes = ' role="img"' + (f' aria-label="{html.escape(label)}"' if label else "")
    return text.replace("<svg", f"<svg{attributes}", 1).strip()


def _table(table: Table, number: int) -> str:
    frame = table.display_frame()
    numeric = {
        str(c)
        for c in table.frame.reset_index().select_dtypes("number").columns
        if str(c) != "index"
    }
    head = "".join(
        f"<th scope='col'>{html.escape(str(c).replace('_', ' '))}</th>" for c in frame.columns
    )
    rows = []
    for values in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, values, strict=True):
            cls = ' class="num"' if column in numeric else ""
            cells.append(f"<td{cls}>{html.escape(str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<b>Table {number}: {html.escape(table.name)}.</b> {html.escape(table.caption)}"
    wide = ' class="wide"' if len(frame.columns) > 8 else ""
    return (
        f'<div class="table-wrap"><table{wide}>\n<caption>{caption}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table></div>"
    )


def _figure(figure: FigureRef, number: int) -> str:
    caption = figure.caption
    svg = inline_svg(figure.svg, f"fig{number}", caption.title) if figure.svg else ""
    return (
        f'<figure id="figure-{html.escape(figure.stem)}">\n{svg}\n<figcaption><b>Figure {number}: '
        f"{html.escape(caption.title)}.</b> {html.escape(caption.full)}</figcaption>\n</figure>"
    )


def _provenance(content: ReportContent) -> str:
    rows = "\n".join(
        f"<dt>{html.escape(key)}</dt><dd>{html.escape(value)}</dd>"
        for key, value in flatten(content.provenance)
    )
    return f'<dl class="provenance">\n{rows}\n</dl>'


def _section(section: Section, counters: dict[str, int], content: ReportContent) -> str:
    parts = [
        f'<section id="{html.escape(section.key)}">',
        f"<h2>{html.escape(section.heading)}</h2>",
    ]
    parts += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
    parts += [f'<pre class="formula">{html.escape(f)}</pre>' for f in section.formulas]
    for figure in section.figures:
        counters["figure"] += 1
        parts.append(_figure(figure, counters["figure"]))
    for table in section.tables:
        if "html" in table.outputs:
            counters["table"] += 1
            parts.append(_table(table, counters["table"]))
    if section.key == "provenance":
        parts.append(_provenance(content))
    parts.append("</section>")
    return "\n".join(parts)


def render_html(content: ReportContent, generator: str = "mgi") -> str:
    """The report as one self-contained HTML document (a string).

    Parameters
    ----------
    content
        The report content.
    generator
        Written in the footer and the ``generator`` meta tag.

    Returns
    -------
    str
        The HTML text.

    Examples
    --------
    >>> from mgi.reports.content import ReportContent, Section
    >>> page = render_html(ReportContent("Test <1>", sections=(Section("summary", "Summary"),)))
    >>> "<h1>Test &lt;1&gt;</h1>" in page
    True
    """
    sections = list(content.sections)
    if not any(s.key == "provenance" for s in sections):
        sections.append(Section("provenance", "Provenance"))
    counters = {"figure": 0, "table": 0}
    nav = "\n".join(
        f'<li><a href="#{html.escape(s.key)}">{html.escape(s.heading)}</a></li>' for s in sections
    )
    notes = "\n".join(f"<p>{html.escape(n)}</p>" for n in content.notes)
    body = "\n".join(_section(s, counters, content) for s in sections)
    subtitle = (
        f'<p class="subtitle">{html.escape(content.subtitle)}</p>' if content.subtitle else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{html.escape(generator)}">
<title>{html.escape(content.title)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{html.escape(content.title)}</h1>
{subtitle}
<div class="notes">
{notes}
</div>
<nav aria-label="Contents"><h2>Contents</h2><ol>
{nav}
</ol></nav>
</header>
<main>
{body}
</main>
<footer><p>Generated by {html.escape(generator)}. Scores are derived analytics, not official MGI
results.</p></footer>
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
        Written in the footer.

    Returns
    -------
    Path
        ``path``.
    """
    target = Path(path)
    with atomic_write(target) as tmp:
        tmp.write_text(render_html(content, generator), encoding="utf-8", newline="\n")
    return target
