"""A document of headings, paragraphs, tables and figures (:class:`~mgi.reports.plan_docx.
PlanDocument`) as one self-contained HTML page, the twin of its Word document.

The page follows the HTML report of :mod:`mgi.reports.html`: inline CSS (the same style sheet),
charts as inline SVG with text kept as text, no script, no web font, no request to any other
address; the document's language on ``<html lang>``; every text escaped (a comment holding
``<script>`` is shown as text); tables with a caption, a header row repeated when printed, and
numbers right-aligned; a print style sheet for A4 landscape.

Examples
--------
>>> from mgi.reports.plan_docx import DocTable, Heading, Paragraph, PlanDocument
>>> page = render_blocks_html(PlanDocument("Report <1>", lang="sq-AL", blocks=(
...     Heading("Gjetjet"), Paragraph("<b>"), DocTable("T", ("A", "B"), (("1", "2"),),
...     numeric=(1,)))), {})
>>> '<html lang="sq-AL">' in page, "&lt;b&gt;" in page, "<td class='num'>2</td>" in page
(True, True, True)
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

from mgi._io import atomic_write
from mgi.reports.html import CSS, inline_svg
from mgi.reports.plan_docx import DocFigure, DocTable, Heading, Paragraph, PlanDocument

EXTRA_CSS = """
body { max-width: 72rem; }
.box { border: 1px solid #808080; padding: .5rem .8rem; margin: 1rem 0; }
p.small { font-size: .9rem; }
table { font-size: .8rem; }
td.bold, tr.bold td { font-weight: bold; }
@page { size: A4 landscape; margin: 16mm 14mm; }
"""


def _cell(value: str) -> str:
    return "<br>".join(html.escape(part) for part in str(value).split("\n"))


def _table(table: DocTable, number: int, label: str) -> str:
    head = "".join(f"<th scope='col'>{_cell(h)}</th>" for h in table.header)
    rows = []
    for i, values in enumerate(table.rows):
        cells = "".join(
            ("<td class='num'>" if j in table.numeric else "<td>") + f"{_cell(v)}</td>"
            for j, v in enumerate(values)
        )
        bold = ' class="bold"' if i in table.bold_rows else ""
        rows.append(f"<tr{bold}>{cells}</tr>")
    note = f'<p class="small"><i>{html.escape(table.note)}</i></p>' if table.note else ""
    return (
        f'<div class="table-wrap"><table>\n<caption><b>{html.escape(label)} {number}: '
        f"{html.escape(table.title)}</b></caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + f"\n</tbody>\n</table></div>{note}"
    )


def _figure(figure: DocFigure, number: int, label: str, svgs: Mapping[Path, str]) -> str:
    svg = svgs.get(figure.png, "")
    body = inline_svg(svg, f"fig{number}", figure.alt or figure.title) if svg else ""
    note = f" {html.escape(figure.note)}" if figure.note else ""
    return (
        f"<figure>\n{body}\n<figcaption><b>{html.escape(label)} {number}: "
        f"{html.escape(figure.title)}.</b>{note}</figcaption>\n</figure>"
    )


def render_blocks_html(doc: PlanDocument, svgs: Mapping[Path, str], generator: str = "mgi") -> str:
    """The page of ``doc``; ``svgs`` maps each figure's PNG path to its SVG text."""
    parts: list[str] = []
    counters = {"table": 0, "figure": 0}
    open_section = False
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                if open_section:
                    parts.append("</section>")
                parts.append("<section>")
                open_section = True
            tag = "h2" if block.level == 1 else "h3"
            parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            classes = [c for c, on in (("box", block.boxed), ("small", block.small)) if on]
            cls = f' class="{" ".join(classes)}"' if classes else ""
            content = _cell(block.text)
            parts.append(f"<p{cls}>{'<b>' + content + '</b>' if block.bold else content}</p>")
        elif isinstance(block, DocFigure):
            counters["figure"] += 1
            parts.append(_figure(block, counters["figure"], doc.label("figure"), svgs))
        else:
            counters["table"] += 1
            parts.append(_table(block, counters["table"], doc.label("table")))
    if open_section:
        parts.append("</section>")
    subtitle = f'<p class="subtitle">{html.escape(doc.subtitle)}</p>' if doc.subtitle else ""
    return f"""<!DOCTYPE html>
<html lang="{html.escape(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{html.escape(generator)}">
<title>{html.escape(doc.title)}</title>
<style>{CSS}{EXTRA_CSS}</style>
</head>
<body>
<header>
<h1>{html.escape(doc.title)}</h1>
{subtitle}
</header>
<main>
{chr(10).join(parts)}
</main>
<footer><p>{html.escape(doc.header)}</p></footer>
</body>
</html>
"""


def write_blocks_html(
    doc: PlanDocument, svgs: Mapping[Path, str], path: str | Path, generator: str = "mgi"
) -> Path:
    """Write :func:`render_blocks_html` to ``path`` (UTF-8, atomically)."""
    target = Path(path)
    with atomic_write(target) as tmp:
        tmp.write_text(render_blocks_html(doc, svgs, generator), encoding="utf-8", newline="\n")
    return target
