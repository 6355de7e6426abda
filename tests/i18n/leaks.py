"""Find English sentences of the catalogues in outputs meant to be in another language.

:func:`english_phrases` lists what counts as a leak: every English text of ``messages.pot``
whose translation differs from it, as

* *fragments*: the fixed parts between its placeholders that are at least three words long,
  searched for anywhere in an output's text ("is not a ranking of countries"), and
* *whole texts*: shorter entries (headers, sheet names, labels such as "Gap to target"),
  which leak when a cell, paragraph, SVG text or terminal field is exactly that text.

A fragment that the translation itself keeps (a command such as ``mgi validate FILE.xlsx``, an
abbreviation, an official name of the terminology table) is not a leak. :func:`texts_of`
reads the words of a file a person reads: workbook cells, sheet names and the messages of
data validations; Word paragraphs, tables, headers and footers; HTML text and ``alt``
attributes; SVG ``<text>``. Codes (``D2.3.1``, ``GCM07``), numbers and data typed by users are
not catalogue text and never match.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Fragments shorter than this many words are only compared as whole texts.
MIN_WORDS = 3
#: Whole texts shorter than this are ignored (a lone "%" or "No.").
MIN_WHOLE = 4
#: A whole text written like this is a code (a setting's value, a provenance key), not words.
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
#: Columns of a results workbook that show what people typed (data, in any language).
DATA_FIELDS = ("typed", "evidence", "comment", "found", "participant", "name", "rationale")


@dataclass(frozen=True)
class Leak:
    """One English catalogue text found in an output."""

    file: str
    key: str
    english: str
    where: str

    def __str__(self) -> str:
        return f'{self.file}: "{self.english}" ({self.key}) in: {self.where[:160]!r}'


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _fixed_parts(template: str) -> list[str]:
    return [literal for literal, _, _, _ in string.Formatter().parse(template) if literal]


def english_phrases(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """``(fragments, whole texts)`` of the source catalogue, each mapped to its key, leaving
    out the entries whose ``lang`` text is the same as the English."""
    from mgi.i18n import default_store

    store = default_store()
    translated = store.messages(lang)
    allowed = {_fold(name) for name in terminology_names(lang)}
    fragments: dict[str, str] = {}
    whole: dict[str, str] = {}
    for key, entry in store.source_messages.items():
        other = translated.get(key)
        sources = entry.source if isinstance(entry.source, tuple) else (entry.source,)
        targets = ()
        if other is not None and other.translation is not None:
            targets = (
                other.translation if isinstance(other.translation, tuple) else (other.translation,)
            )
        kept = _fold(" ".join(targets))
        for source in sources:
            if _fold(source) in {_fold(t) for t in targets}:
                continue  # the same in both languages (TOPSIS, a command, a symbol)
            for part in _fixed_parts(source):
                folded = _fold(part.strip(" .,:;()[]\"'"))
                if not folded or folded in kept or folded in allowed:
                    continue
                if len(folded.split()) >= MIN_WORDS:
                    fragments.setdefault(folded, key)
            if "{" not in source and len(_fold(source)) >= MIN_WHOLE:
                whole.setdefault(_fold(source), key)
    return fragments, whole


def terminology_names(lang: str) -> list[str]:
    """Names the terminology table keeps the same in ``lang`` as in English (official names,
    abbreviations such as MGI): never a leak."""
    from mgi.i18n._store import bundled_root, read_csv

    rows = read_csv(bundled_root() / "terminology.csv", required=("term", "en"))
    return [row["en"] for row in rows if _fold(row["en"]) in _fold(row.get(lang, ""))]


def find_leaks(name: str, texts: Iterable[str], lang: str = "sq") -> list[Leak]:
    """Every English catalogue text in ``texts`` (the words of the file ``name``)."""
    fragments, whole = _phrases(lang)
    pattern = _pattern(lang)
    leaks: list[Leak] = []
    for raw in texts:
        folded = _fold(raw)
        if not folded:
            continue
        if folded in whole and not CODE.match(str(raw).strip()):
            leaks.append(Leak(name, whole[folded], folded, raw))
            continue  # the whole text is one entry: its fragments are the same leak
        for found in pattern.findall(folded):
            leaks.append(Leak(name, fragments[found], found, raw))
    return leaks


_CACHE: dict[str, tuple[dict[str, str], dict[str, str], re.Pattern[str]]] = {}


def _phrases(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    if lang not in _CACHE:
        fragments, whole = english_phrases(lang)
        ordered = sorted(fragments, key=len, reverse=True)
        regex = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
        _CACHE[lang] = (fragments, whole, regex)
    return _CACHE[lang][0], _CACHE[lang][1]


def _pattern(lang: str) -> re.Pattern[str]:
    _phrases(lang)
    return _CACHE[lang][2]


# -- the words of the files a person reads ----------------------------------------------------


def texts_of(path: Path) -> Iterator[str]:
    """The texts a person reads in ``path`` (by its suffix; nothing for other files)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        yield from _xlsx(path)
    elif suffix == ".docx":
        yield from _docx(path)
    elif suffix in (".html", ".htm"):
        yield from _html(path.read_text(encoding="utf-8"))
    elif suffix == ".svg":
        yield from _svg(path)


def _xlsx(path: Path, lang: str = "sq") -> Iterator[str]:
    from openpyxl import load_workbook

    from mgi.i18n import every_text, header

    data = {_fold(header(f, code)) for f in DATA_FIELDS for code in ("en", lang)}
    data |= {_fold(t) for t in every_text("template.column.evidence")}
    data |= {_fold(t) for t in every_text("template.column.comment")}
    book = load_workbook(path)
    for ws in book.worksheets:
        yield ws.title
        headers = [_fold(str(c.value or "")) for c in next(ws.iter_rows(max_row=1), ())]
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            for j, value in enumerate(row):
                typed = number > 1 and j < len(headers) and headers[j] in data
                if isinstance(value, str) and not typed:
                    yield value
        for validation in ws.data_validations.dataValidation:
            for text in (validation.errorTitle, validation.error, validation.promptTitle,
                         validation.prompt):  # fmt: skip
                if text:
                    yield text


def _docx(path: Path) -> Iterator[str]:
    import docx

    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.text
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                yield paragraph.text
    for shape in document.inline_shapes:
        properties = shape._inline.docPr
        for attribute in ("descr", "title"):
            value = properties.get(attribute)
            if value:
                yield value


def _html(page: str) -> Iterator[str]:
    from html.parser import HTMLParser

    found: list[str] = []

    class Reader(HTMLParser):
        skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("style", "script"):
                self.skip += 1
            for name, value in attrs:
                if name in ("alt", "title", "aria-label") and value:
                    found.append(value)

        def handle_endtag(self, tag: str) -> None:
            if tag in ("style", "script"):
                self.skip -= 1

        def handle_data(self, data: str) -> None:
            if not self.skip and data.strip():
                found.append(data)

    Reader().feed(page)
    yield from found


def _svg(path: Path) -> Iterator[str]:
    from defusedxml.ElementTree import parse

    lines: list[str] = []
    for node in parse(str(path)).getroot().iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "text":
            lines.append("".join(node.itertext()))
        elif tag == "title" and node.text:
            lines.append(node.text)
    yield from lines
    yield " ".join(lines)  # a sentence set on two lines of a chart
