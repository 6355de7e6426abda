"""The one results workbook: ``mgi score -o``, ``mgi compare -o``, ``mgi prioritize -o`` and
``results.xlsx`` of ``mgi report`` are all written here, in one format and in one language.

A :class:`ResultsWorkbook` says what the workbook holds — a title, notes, the tables
(:class:`ResultTable`: a DataFrame with its caption, colour scales and wrapped columns), the
label/value rows of the About sheet (provenance, settings) and the chart files of a report —
and :func:`write_results_workbook` lays it out in a language (``lang``):

* *About* first: title and subtitle, notes, the list of sheets with their captions, then the
  label/value rows ("Provenance: how these results were computed");
* one sheet per table, named from the catalogue (``sheet.*``: the same name means the same
  thing in every workbook, "Criteria weights" and "Weight judgements" apart), with an Excel
  table with filter buttons (an autofilter when it is empty), a frozen header row and first
  column, colour scales and sensible widths. Every column header comes from the label
  dictionary (:func:`mgi.i18n.label`: a readable name and unit), and every number has the
  format of its kind (scores ``0.0``, changes ``+0.0``, probabilities ``0%``, multi-criteria
  scores ``0.000``, weights ``0.00``: :func:`mgi.i18n.excel_format`); the words of the
  vocabulary columns (status, change, severity, direction …) and the GCM objectives' labels are
  written in the language, and the problems of the Issues sheet too;
* *Charts*, for a report: a list of the chart files with a link to each (``charts/…``), not
  embedded images, so that the workbook stays small and prints on a few pages.

Every sheet prints on A4 fitted to the page width (landscape when it is wide) with its header
row repeated on every page. Every cell goes through :func:`~mgi.workbook.style.write_text`: user
text is stored as text, never as a formula (no apostrophe is added). The file is saved
atomically with fixed timestamps, so the same content gives the same bytes.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> frame = pd.DataFrame({"score": [62.5]}, index=pd.Index(["D1"], name="code"))
>>> results = ResultsWorkbook("Test", tables=(ResultTable("Domains", frame),))
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> write_results_workbook(results, out / "r.xlsx").name
'r.xlsx'
>>> from openpyxl import load_workbook
>>> book = load_workbook(write_results_workbook(results, out / "sq.xlsx", lang="sq"))
>>> book.sheetnames, book["Fushat"]["B1"].value, book["Fushat"]["B2"].number_format
(['Rreth', 'Fushat'], 'Rezultati (0–100)', '0.0')
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue, issues_frame

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_MAX_WIDTH = 60
#: A table wider than this many characters prints in landscape.
LANDSCAPE_WIDTH = 110
#: The label of the About row that holds a chart's file (see :class:`ResultsWorkbook`).
CHARTS_KEY = "charts"
#: Sheet names used by callers that are not the catalogue's English (``Weights`` was the
#: judgements of the working group in the priorities workbook): English name -> sheet key.
SHEET_ALIASES = {"weights": "weight_judgements", "method correlations": "method_correlations"}
#: Columns whose values are words of a vocabulary (``value.<vocabulary>.<value>``).
VOCABULARIES = {
    "status": "status",
    "earlier_status": "status",
    "later_status": "status",
    "change": "change",
    "severity": "severity",
    "role": "role",
    "direction": "direction",
    "source": "source",
    "mode": "mode",
    "consistent": "bool",
    "crosswalk": "relation",
    "what_if": "whatif",
}
#: Columns whose values are English texts of a catalogue namespace (a method's label, a
#: correlation coefficient's name), written in the workbook's language.
ENGLISH_VALUES = {
    "method": "method.",
    "compared_with": "method.",
    "coefficient": "value.coefficient.",
    "level": "plan.level.",
    "frequency": "plan.frequency.",
}
#: A column name that is a field name (a participant's or a group's name is data, not a field).
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
#: Columns holding the text of a content table, by the code in the row's index or a column.
CONTENT_COLUMNS = {
    "short_label": ("gcm_objectives", "short_label"),
    "title": ("gcm_objectives", "title"),
}


@dataclass(frozen=True, eq=False)
class ResultTable:
    """One table of a results workbook (one sheet).

    Parameters
    ----------
    name
        The sheet name wanted: a key of the catalogue (``criteria_weights``) or its English
        (``Criteria weights``), written in the workbook's language; any other name is kept
        (made valid and unique when written).
    frame
        The data; with ``index`` the index is written as the first column. Column names are
        fields of the label dictionary (``data/i18n/fields.csv``).
    caption
        One sentence on what the table shows (listed on the About sheet).
    number_formats
        Column -> Excel number format, for a column the label dictionary does not know; the
        dictionary's kind of value decides the format of every other column.
    color_scales
        Column -> the colour (``#RRGGBB``) of the highest value of a white-to-colour scale.
    wrap
        Columns of long text: wrapped and as wide as allowed.
    index
        Whether the index is written as the first column (named ``code`` if unnamed).
    """

    name: str
    frame: pd.DataFrame
    caption: str = ""
    number_formats: Mapping[str, str] = field(default_factory=dict)
    color_scales: Mapping[str, str] = field(default_factory=dict)
    wrap: tuple[str, ...] = ()
    index: bool = True


@dataclass(frozen=True, eq=False)
class ResultsWorkbook:
    """What a results workbook holds (see the module docstring).

    ``about`` are label/value rows (values may be numbers, text, lists or dictionaries; a
    label that is a catalogue key, such as ``about.recipe``, is written in the workbook's
    language); ``charts`` are ``(caption, relative path)`` pairs of the chart files listed on
    the Charts sheet, each with a link.
    """

    title: str
    tables: tuple[ResultTable, ...] = ()
    subtitle: str = ""
    notes: tuple[str, ...] = ()
    about: tuple[tuple[str, Any], ...] = ()
    charts: tuple[tuple[str, str], ...] = ()


def cell_value(value: Any) -> Any:
    """A pandas/numpy value as a cell holds it: numbers, text, booleans, or ``None`` for
    NaN and missing values; lists as ``a, b``; dictionaries as JSON text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str, sort_keys=False)
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def issues_table(
    issues: Iterable[Issue], name: str = "Issues", lang: str | None = None
) -> ResultTable:
    """The issues as the table of an Issues sheet, their messages in ``lang`` (default: the
    language of the work in progress)."""
    from mgi.i18n import current_language
    from mgi.i18n.issues import message

    issues = list(issues)
    lang = lang or current_language()
    frame = issues_frame(issues)[
        ["severity", "rule", "message", "file", "sheet", "cell", "row", "column", "indicator"]
    ]
    frame["message"] = [message(issue, lang) for issue in issues]
    return ResultTable(name, frame, wrap=("message",), index=False)


def _put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    from mgi.workbook.style import write_text

    return write_text(ws.cell(row=row, column=column), cell_value(value))


# -- the words of a workbook in its language ---------------------------------------------------


def sheet_name(name: str, lang: str) -> str:
    """The sheet name of a table in ``lang``: ``name`` is a catalogue key (``criteria_weights``)
    or its English (``Criteria weights``); any other name is kept.

    Examples
    --------
    >>> sheet_name("Domains", "sq"), sheet_name("criteria_weights", "en"), sheet_name("X", "sq")
    ('Fushat', 'Criteria weights', 'X')
    """
    key = _sheet_key(name)
    if key is None:
        return name
    from mgi.i18n import text

    return text(f"sheet.{key}", lang)


def _sheet_key(name: str) -> str | None:
    from mgi.i18n import default_store, has_text

    if has_text(f"sheet.{name}"):
        return name
    folded = " ".join(str(name).split()).casefold()
    if folded in SHEET_ALIASES:
        return SHEET_ALIASES[folded]
    for key, entry in default_store().source_messages.items():
        if key.startswith("sheet.") and str(entry.source).casefold() == folded:
            return key[len("sheet.") :]
    return None


def about_label(label: str, lang: str) -> str:
    """An About row's label: a catalogue key (``about.recipe``) in ``lang``, else as given (a
    provenance key such as ``instrument_version``, the name the recipe and the provenance
    use)."""
    from mgi.i18n import has_text, text

    return text(label, lang) if has_text(label) else label


def _column_header(column: str, lang: str) -> tuple[str, str | None]:
    """The header of a column in ``lang`` and its kind of value (``None`` when the label
    dictionary does not know the column: a criterion code, a participant's name)."""
    from mgi.i18n import content, field_kind, has_text, header, text, translate

    kind = field_kind(column)
    if kind is not None:
        return header(column, lang), kind
    criterion = content("criteria", column, "label", lang, default="")
    if criterion:
        return str(criterion), None
    if has_text(f"method.{column}"):
        return text(f"method.{column}", lang), None
    prefix, colon, rest = column.partition(": ")
    if colon and field_kind(prefix) is not None:  # "mean: Diaspora", "weight: gap"
        named = content("criteria", rest, "label", lang, default="") or translate(
            "stakeholder_groups", rest, "label", lang
        )
        return f"{header(prefix, lang)}: {named}", field_kind(prefix)
    from mgi.workbook.consultation import group_label, known_group

    if known_group(column):  # a column per stakeholder group (respondents by group)
        return group_label(column, lang), None
    if FIELD_NAME.match(column):  # a field the label dictionary lacks: a gap to fill
        from mgi.i18n.fallback import note_missing

        note_missing(lang, "label", column)
    return column, None


def _translate_values(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The words of vocabulary columns and the GCM objectives' labels in ``lang``."""
    from mgi.i18n import content, value_label

    if lang == "en":
        return frame
    frame = frame.copy()
    for column in frame.columns:
        name = str(column)
        if name in VOCABULARIES:
            vocabulary = VOCABULARIES[name]
            frame[column] = [
                value_label(vocabulary, v, lang) if isinstance(v, str) else v for v in frame[column]
            ]
        elif name in ("band", "earlier_band", "later_band"):
            frame[column] = [_band(v, lang) for v in frame[column]]
        elif name in ("answer", "earlier_answer", "later_answer"):
            frame[column] = [_option(v, lang) for v in frame[column]]
        elif name == "group":
            frame[column] = [_group(v, lang) for v in frame[column]]
        elif name in ENGLISH_VALUES:
            frame[column] = [_by_english(ENGLISH_VALUES[name], v, lang) for v in frame[column]]
    codes = _objective_codes(frame)
    if codes is not None:
        for column, (table, part) in CONTENT_COLUMNS.items():
            if column in frame.columns:
                frame[column] = [
                    str(content(table, c, part, lang)) if c else v
                    for c, v in zip(codes, frame[column], strict=True)
                ]
    return frame


def _objective_codes(frame: pd.DataFrame) -> list[str] | None:
    """The GCM objective code of every row (from a column ``objective`` or ``code``), or None."""
    for column in ("objective", "code"):
        if column in frame.columns:
            values = [str(v) for v in frame[column]]
            if values and all(v.startswith("GCM") and v[3:].isdigit() for v in values):
                return values
    return None


def _band(value: Any, lang: str) -> Any:
    """A band's label in ``lang``; a status written in the band column ("no indicators")
    as its word."""
    from mgi.i18n import translate, value_label

    if not isinstance(value, str):
        return value
    found = translate("bands", value, "label", lang)
    return value_label("status", value, lang) if found == value else found


def _by_english(namespace: str, value: Any, lang: str) -> Any:
    """``value`` in ``lang`` when it is the English text (or the last part of the key) of an
    entry of the catalogue ``namespace`` (``method.`` has "weighted sum" for ``Weighted sum``
    and ``wsm``); any other value as it is."""
    from mgi.i18n import default_store, text

    if not isinstance(value, str):
        return value
    store = default_store()
    index = store._cache.get(f"english:{namespace}")
    if index is None:
        index = {}
        for key, entry in store.source_messages.items():
            if key.startswith(namespace) and isinstance(entry.source, str):
                index.setdefault(entry.source.casefold(), key)
                index.setdefault(key[len(namespace) :].casefold(), key)
        store._cache[f"english:{namespace}"] = index
    found = index.get(" ".join(value.split()).casefold())
    return text(found, lang) if found else value


def _group(value: Any, lang: str) -> Any:
    from mgi.i18n import translate

    return (
        translate("stakeholder_groups", value, "label", lang) if isinstance(value, str) else value
    )


def _option(value: Any, lang: str) -> Any:
    from mgi.i18n import translate

    return translate("answer_options", value, "label", lang) if isinstance(value, str) else value


def _unique(headers: Sequence[str]) -> list[str]:
    """Headers made unique (an Excel table needs distinct names)."""
    seen: dict[str, int] = {}
    out = []
    for text in headers:
        text = text or "column"
        count = seen.get(text.casefold(), 0)
        seen[text.casefold()] = count + 1
        out.append(text if count == 0 else f"{text} ({count + 1})")
    return out


def write_table_sheet(ws: Worksheet, table: ResultTable, lang: str | None = None) -> None:
    """Write one :class:`ResultTable` as an Excel table on ``ws``, its headers, number formats
    and words in ``lang`` (default: the language of the work in progress)."""
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableStyleInfo

    from mgi.i18n import current_language, excel_format
    from mgi.workbook.scan import column_letter
    from mgi.workbook.style import name_token, setup_print

    lang = lang or current_language()
    frame = table.frame.reset_index() if table.index else table.frame
    fields = [str(c) if str(c) != "index" else "code" for c in frame.columns]
    frame = _translate_values(frame.set_axis(fields, axis=1), lang)
    described = [_column_header(f, lang) for f in fields]
    headers = _unique([h for h, _ in described])
    for j, header in enumerate(headers, start=1):
        cell = _put(ws, 1, j, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    values = frame.to_numpy(dtype=object)
    for i, row in enumerate(values, start=2):
        for j, value in enumerate(row, start=1):
            _put(ws, i, j, value)
    n_rows = len(frame) + 1
    last = column_letter(max(len(headers), 1))
    total = 0
    for j, (name, (header, kind)) in enumerate(zip(fields, described, strict=True), start=1):
        letter = column_letter(j)
        if kind is not None and kind != "text":
            fmt: str | None = excel_format(kind, lang)
        else:
            fmt = table.number_formats.get(name) or _numeric_default(values, j - 1)
        wrap = name in table.wrap
        if fmt or wrap:
            for (cell,) in ws.iter_rows(min_row=2, max_row=n_rows, min_col=j, max_col=j):
                if fmt and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    cell.number_format = fmt
                if wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        column = values[:200, j - 1] if len(values) else ()
        longest_word = max((len(w) for w in header.split()), default=4)
        lengths = [longest_word + 3, *(len(str(cell_value(v) or "")) for v in column)]
        width = _MAX_WIDTH if wrap else min(max(lengths) + 2, _MAX_WIDTH)
        width = max(width, 8)
        total += width
        ws.column_dimensions[letter].width = width
        colour = table.color_scales.get(name)
        if colour and n_rows > 1:
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{n_rows}",
                ColorScaleRule(
                    start_type="min",
                    start_color="FFFFFFFF",
                    end_type="max",
                    end_color="FF" + colour.lstrip("#").upper(),
                ),
            )
    ws.row_dimensions[1].height = 15 * max(
        1,
        *(
            math.ceil(len(h) / max(ws.column_dimensions[column_letter(j)].width - 2, 1))
            for j, h in enumerate(headers, start=1)
        ),
    )
    if n_rows > 1 and headers:
        excel_table = ExcelTable(
            displayName=name_token(f"t_{ws.title}"),
            ref=f"A1:{last}{n_rows}",
            tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True),
        )
        ws.add_table(excel_table)
    else:
        ws.auto_filter.ref = f"A1:{last}1"
    ws.freeze_panes = "B2"
    setup_print(ws, header_row=1)
    if total <= LANDSCAPE_WIDTH:
        ws.page_setup.orientation = "portrait"


def _numeric_default(values: np.ndarray, j: int) -> str | None:
    """The format of a numeric column the label dictionary does not know: whole numbers as
    they are, other numbers with three decimals (never the 16 digits of a float)."""
    column = [v for v in values[:, j] if isinstance(v, float | np.floating)] if len(values) else []
    if not column or all(float(v).is_integer() or math.isnan(float(v)) for v in column):
        return None
    return "0.000"


def _about_sheet(
    ws: Worksheet, results: ResultsWorkbook, sheets: list[tuple[str, str]], lang: str
) -> None:
    from openpyxl.styles import Alignment, Font

    from mgi.i18n import text
    from mgi.workbook.style import setup_print, style_title

    style_title(_put(ws, 1, 1, results.title))
    row = 2
    if results.subtitle:
        _put(ws, row, 1, results.subtitle).font = Font(italic=True)
        row += 1
    row += 1
    for note in results.notes:
        _put(ws, row, 1, note).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(note) / 110))
        row += 1
    row += 1
    _put(ws, row, 1, text("about.sheets", lang)).font = Font(bold=True)
    row += 1
    for name, caption in sheets:
        _put(ws, row, 1, name)
        _put(ws, row, 2, caption).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    _put(ws, row, 1, text("about.provenance", lang)).font = Font(bold=True)
    row += 1
    for key, value in results.about:
        _put(ws, row, 1, about_label(key, lang)).alignment = Alignment(wrap_text=True)
        shown = _by_english("method.", _about_value(value), lang)  # a method's name
        _put(ws, row, 2, shown).alignment = Alignment(wrap_text=True, vertical="top")
        lines = str(shown or "").count("\n") + 1 + len(str(shown or "")) // 110
        if lines > 1:
            ws.row_dimensions[row].height = 15 * min(lines, 30)
        row += 1
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 110
    setup_print(ws)  # both columns on one page width
    ws.page_setup.orientation = "portrait"


def _about_value(value: Any) -> Any:
    """An About value as a cell holds it; a dictionary as one ``key: value`` line each."""
    if isinstance(value, Mapping):
        return "\n".join(f"{k}: {cell_value(v)}" for k, v in value.items())
    return value


def _charts_sheet(ws: Worksheet, charts: Sequence[tuple[str, str]], lang: str) -> None:
    """The list of the report's chart files, each with a link to its file."""
    from openpyxl.styles import Alignment, Font

    from mgi.i18n import text
    from mgi.workbook.style import setup_print, style_title

    style_title(_put(ws, 1, 1, text("sheet.charts", lang)))
    _put(ws, 2, 1, text("about.charts_note", lang)).alignment = Alignment(wrap_text=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    ws.row_dimensions[2].height = 30
    header = 4
    _put(ws, header, 1, text("about.chart_file", lang)).font = Font(bold=True)
    _put(ws, header, 2, text("about.chart_caption", lang)).font = Font(bold=True)
    for row, (caption, relative) in enumerate(charts, start=header + 1):
        cell = _put(ws, row, 1, relative)
        cell.hyperlink = relative
        cell.font = Font(color="FF0563C1", underline="single")
        _put(ws, row, 2, caption).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(caption) / 95))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 100
    setup_print(ws, header_row=header)


def build_workbook(results: ResultsWorkbook, lang: str | None = None) -> Workbook:
    """The results workbook as an unsaved openpyxl workbook, in ``lang`` (default: the language
    of the work in progress)."""
    from openpyxl import Workbook

    from mgi.i18n import current_language, text
    from mgi.workbook.style import first_sheet, sheet_title

    lang = lang or current_language()
    wb = Workbook()
    about = first_sheet(wb)
    about.title = text("sheet.about", lang)
    charts_title = text("sheet.charts", lang)
    taken = [about.title, charts_title] if results.charts else [about.title]
    sheets: list[tuple[str, str]] = []
    for table in results.tables:
        title = sheet_title(sheet_name(table.name, lang), taken)
        taken.append(title)
        sheets.append((title, table.caption))
        write_table_sheet(wb.create_sheet(title), table, lang)
    if results.charts:
        sheets.append((charts_title, text("about.charts_caption", lang)))
        _charts_sheet(wb.create_sheet(charts_title), results.charts, lang)
    _about_sheet(about, results, sheets, lang)
    wb.properties.title = results.title
    wb.properties.subject = results.subtitle
    wb.properties.language = _language_tag(lang)
    return wb


def _language_tag(lang: str) -> str:
    from mgi.i18n import language

    return language(lang).tag


def write_results_workbook(
    results: ResultsWorkbook, path: str | Path, *, lang: str | None = None
) -> Path:
    """Write ``results`` to ``path`` in ``lang`` (default: the language of the work in
    progress), atomically and reproducibly (see the module docstring).

    Returns
    -------
    Path
        ``path``.
    """
    from mgi.workbook.style import save_deterministic

    return save_deterministic(build_workbook(results, lang), path)
