"""Write the fillable questionnaire template of an instrument (``mgi template``).

:func:`write_template` makes one workbook: an Instructions sheet, a Metadata sheet, one
protected sheet per domain with a drop-down in every Answer cell (and in the optional
Implementation (not scored) column), and a very hidden Lists sheet holding the answer scales and
the implementation levels. Everything a person reads is in the template's language (``lang``:
sheet names, instructions, headers, answer options, implementation levels, the messages of the
drop-downs); the workbook carries a version stamp (custom document properties, the language
among them) and defined names that :func:`mgi.workbook.read_assessment` uses, and it is read the
same whatever its language. Output is atomic and byte-identical for equal inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from mgi._io import refuse_overwrite
from mgi.i18n import current_language, language, text
from mgi.instrument import Instrument, load_instrument
from mgi.reference import implementation_levels
from mgi.workbook import style as st
from mgi.workbook._layout import (
    ANSWERS_NAME_PREFIX,
    HEADER_ROW,
    KIND,
    METADATA_LABELS,
    METADATA_NAME,
    QUESTION_COLUMNS,
    TEMPLATE_VERSION,
    column_header,
    metadata_label,
)

#: Key of the implementation levels on the Lists sheet (never a scale code: it has spaces).
LEVELS_LIST = "implementation levels"


def as_instrument(instrument: str | Path | Instrument) -> Instrument:
    """An :class:`Instrument` from a bundled name, a folder path or an instrument."""
    if isinstance(instrument, Instrument):
        return instrument
    return load_instrument(instrument)


def write_template(
    instrument: str | Path | Instrument,
    path: str | Path,
    *,
    country: str | None = None,
    round: str | int | None = None,
    language: str | None = None,
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    metadata: Mapping[str, Any] | None = None,
    lang: str | None = None,
) -> Path:
    """Write the fillable questionnaire workbook of an instrument.

    Parameters
    ----------
    instrument
        A bundled instrument name (``"mgi-national"``), an instrument folder, or an
        :class:`~mgi.instrument.Instrument`.
    path
        The ``.xlsx`` file to write (written atomically; never one of the instrument's files).
    country, round, language
        Pre-filled on the Metadata sheet (``language``, the language of the answers, defaults
        to the template's).
    lang
        The language of the template (default: the language of the work in progress,
        :func:`mgi.i18n.using`; English outside any).

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "q.xlsx"
    >>> write_template("sdg-10-7-2", out, country="Testland", round=2024).name
    'q.xlsx'
    """
    inst = as_instrument(instrument)
    target = Path(path)
    refuse_overwrite(target, [inst.path / name for name in inst.files_sha256])
    wb = build_template(
        inst,
        country=country,
        round=round,
        language=language,
        answers=answers,
        metadata=metadata,
        lang=lang,
    )
    return st.save_deterministic(wb, target)


def build_template(
    inst: Instrument,
    *,
    country: str | None = None,
    round: str | int | None = None,
    language: str | None = None,
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    metadata: Mapping[str, Any] | None = None,
    lang: str | None = None,
) -> Workbook:
    """The template as an unsaved openpyxl workbook (see :func:`write_template`)."""
    lang = language_code(lang)
    wb = Workbook()
    scales = list(dict.fromkeys(inst.indicators["scale"]))
    labels = {scale: inst.option_labels(scale, lang) for scale in scales}
    sheets_of = {
        "instructions": text("sheet.instructions", lang),
        "metadata": text("sheet.metadata", lang),
        "lists": text("sheet.lists", lang),
    }

    _instructions(st.first_sheet(wb), inst, labels, lang, sheets_of)
    prefill = {"country": country, "round": round, "language": language or lang}
    _metadata(wb, prefill | dict(metadata or {}), lang, sheets_of["metadata"])
    indicators = inst.indicators
    subdomains = inst.subdomains
    taken = list(sheets_of.values())
    sheets = []
    for code, domain in inst.domains.iterrows():
        rows = indicators[indicators["domain"] == code]
        if rows.empty:
            continue
        full = f"{code} {domain['name']}"
        title = st.sheet_title(full if len(full) <= 31 else f"{code} {domain['short_name']}", taken)
        taken.append(title)
        sheets.append((code, domain, title, rows))
    levels = _levels(lang)
    list_names = st.add_list_sheet(
        wb, {**labels, LEVELS_LIST: [label for label, _ in levels]}, title=sheets_of["lists"]
    )
    # the Lists sheet goes last; question sheets sit between Metadata and Lists
    for position, (code, domain, title, rows) in enumerate(sheets, start=2):
        ws = wb.create_sheet(title, index=position)
        _question_sheet(
            wb, ws, inst, code, domain, rows, subdomains, labels, list_names, answers or {}, lang
        )
    st.stamp(
        wb,
        {
            "template_version": TEMPLATE_VERSION,
            "kind": KIND,
            "instrument": inst.name,
            "instrument_version": inst.version,
            "language": lang,
        },
    )
    st.protect_workbook(wb)
    wb.active = 0
    return wb


# -- sheets --------------------------------------------------------------------------------------


def _levels(lang: str) -> list[tuple[str, str]]:
    """The implementation levels (label, definition) in ``lang``."""
    from mgi.i18n import content

    return [
        (
            str(content("implementation_levels", level.code, "label", lang)),
            str(content("implementation_levels", level.code, "definition", lang)),
        )
        for level in implementation_levels()
    ]


def _dropdown_texts(what: str, shown: str, lang: str) -> dict[str, str]:
    """The messages of a drop-down in ``lang``."""
    return {
        "error_title": text("workbook.dropdown.error_title", lang, what=what),
        "error": text("workbook.dropdown.error", lang, allowed=shown),
        "prompt_title": text("workbook.dropdown.prompt_title", lang, what=what),
        "prompt": text("workbook.dropdown.prompt", lang, allowed=shown),
    }


def language_code(lang: str | None) -> str:
    """The code of ``lang``, or of the language of the work in progress when ``None``."""
    return language(lang).code if lang else current_language()


def _instructions(
    ws: Any, inst: Instrument, labels: dict[str, list[str]], lang: str, sheets: dict[str, str]
) -> None:
    ws.title = sheets["instructions"]
    answer_letter = _letter("answer")
    column = {field: column_header(field, lang) for field in QUESTION_COLUMNS}
    lines: list[tuple[str, str]] = [
        ("title", inst.title),
        (
            "",
            text(
                "template.q.version",
                lang,
                name=inst.name,
                version=inst.version,
                format=TEMPLATE_VERSION,
            ),
        ),
        ("", ""),
        ("head", text("template.instructions.title", lang)),
        ("", text("template.q.step1", lang, sheet=sheets["metadata"])),
        ("", text("template.q.step2", lang, letter=answer_letter, answer=column["answer"])),
        ("", text("template.q.step3", lang, evidence=column["evidence"])),
        ("", text("template.q.step4", lang, comment=column["comment"])),
        ("", text("template.q.step_implementation", lang, column=column["implementation"])),
        ("", text("template.q.step5", lang)),
        ("", text("template.q.step_formats", lang)),
        ("", text("template.instructions.languages", lang)),
        ("", ""),
        ("head", text("template.q.meaning", lang)),
    ]
    for scale, options in labels.items():
        lines.append(("", text("template.q.scale", lang, scale=scale, options=", ".join(options))))
        # what each option means comes from the instrument (scales.csv, column definition)
        for label, definition in zip(options, inst.option_definitions(scale, lang), strict=True):
            if definition:
                lines.append(("", f"{label}: {definition}"))
    lines.append(("", text("template.q.guidance_note", lang, guidance=column["guidance"])))
    lines.append(("", ""))
    lines.append(("head", text("template.q.levels", lang, column=column["implementation"])))
    for label, definition in _levels(lang):
        lines.append(("", f"{label}: {definition}"))
    lines += [
        ("", ""),
        ("head", text("template.q.next", lang)),
        ("", text("template.q.next_text", lang)),
    ]
    for row, (kind, line) in enumerate(lines, start=1):
        cell = st.write_text(ws.cell(row=row, column=1), line or None)
        if kind == "title":
            st.style_title(cell)
        elif kind == "head":
            st.style_title(cell, size=12)
        else:
            cell.alignment = st.Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 110
    st.setup_print(ws)
    ws.page_setup.orientation = "portrait"
    st.protect_sheet(ws)


def _metadata(wb: Workbook, prefill: Mapping[str, Any], lang: str, title: str) -> None:
    ws = wb.create_sheet(title)
    for col, part in enumerate(("field", "value", "help"), start=1):
        st.write_text(ws.cell(row=1, column=col), text(f"template.metadata_column.{part}", lang))
    st.style_header(ws[1])
    for row, field in enumerate(METADATA_LABELS, start=2):
        label, help_text = metadata_label(field, lang)
        st.write_text(ws.cell(row=row, column=1), label)
        value = prefill.get(field)
        st.write_text(ws.cell(row=row, column=2), None if value is None else str(value))
        st.write_text(ws.cell(row=row, column=3), help_text)
        st.style_locked([ws.cell(row=row, column=1), ws.cell(row=row, column=3)], fill=True)
        st.style_input([ws.cell(row=row, column=2)])
    last = 1 + len(METADATA_LABELS)
    year_row = 2 + list(METADATA_LABELS).index("round")
    year = DataValidation(
        type="whole",
        operator="between",
        formula1="1900",
        formula2="2200",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=text("template.q.year_title", lang)[:32],
        error=text("template.q.year_error", lang)[:255],
    )
    year.add(f"B{year_row}")
    ws.add_data_validation(year)
    date_row = 2 + list(METADATA_LABELS).index("reference_date")
    ws.cell(row=date_row, column=2).number_format = "yyyy-mm-dd"  # a date cell shows as asked
    st.define_name(wb, METADATA_NAME, st.cell_range(ws, "A2", f"B{last}"))
    st.set_widths(ws, (18, 45, 60))
    ws.freeze_panes = "A2"
    st.setup_print(ws, header_row=1)
    st.protect_sheet(ws)


def _letter(field: str) -> str:
    return "ABCDEFGHIJ"[list(QUESTION_COLUMNS).index(field)]


def guidance_text(indicator: pd.Series, labels: list[str], lang: str = "en") -> str:
    """The full/partial/absent guidance of an indicator as one readable text (its parts named
    by the answer ``labels``, in ``lang``)."""
    partly = text("template.q.partly", lang)
    names = labels if len(labels) >= 3 else [*labels[:1], partly, *labels[1:]]
    parts = []
    for key, name in zip(
        ("full", "partial", "absent"), (names[0], names[1], names[-1]), strict=True
    ):
        said = str(indicator.get(f"guidance_{key}", "") or "").strip()
        if said:
            parts.append(f"{name}: {said}")
    return "\n".join(parts)


def _question_sheet(
    wb: Workbook,
    ws: Any,
    inst: Instrument,
    code: str,
    domain: pd.Series,
    rows: pd.DataFrame,
    subdomains: pd.DataFrame,
    labels: dict[str, list[str]],
    list_names: dict[str, str],
    answers: Mapping[str, Mapping[str, Any]],
    lang: str,
) -> None:
    fields = list(QUESTION_COLUMNS)
    st.style_title(st.write_text(ws.cell(row=1, column=1), f"{code} {domain['name']}"))
    st.write_text(
        ws.cell(row=2, column=1), text("template.q.sheet_note", lang, letter=_letter("answer"))
    )
    for col, field in enumerate(fields, start=1):
        st.write_text(ws.cell(row=HEADER_ROW, column=col), column_header(field, lang))
    st.style_header(ws[HEADER_ROW])
    by_scale: dict[str, list[str]] = {}
    first = HEADER_ROW + 1
    for row, (ind_code, ind) in enumerate(rows.iterrows(), start=first):
        scale = ind["scale"]
        sub = ind["subdomain"]
        sub_name = subdomains.at[sub, "name"] if sub in subdomains.index else ""
        non_na = [
            label
            for label, na in zip(labels[scale], inst.options(scale)["not_applicable"], strict=True)
            if not na
        ]
        values = {
            "code": ind_code,
            "subdomain": f"{sub} {sub_name}".strip(),
            "question": ind["question"],
            "guidance": guidance_text(ind, non_na, lang),
        }
        given = answers.get(ind_code, {})
        for col, field in enumerate(fields, start=1):
            cell = ws.cell(row=row, column=col)
            if field in values:
                st.write_text(cell, values[field] or None)
                st.style_locked([cell], fill=field == "code")
            else:
                st.style_input([cell])
                if given.get(field) not in (None, ""):
                    st.write_text(cell, given[field])
        by_scale.setdefault(scale, []).append(f"{_letter('answer')}{row}")
    last = first + len(rows) - 1
    answer = column_header("answer", lang)
    for scale, cells in by_scale.items():
        shown = ", ".join(labels[scale])
        st.add_dropdown(
            ws,
            cells,
            list_names[scale],
            labels[scale],
            what=answer,
            texts=_dropdown_texts(answer, shown, lang),
        )
    levels = [label for label, _ in _levels(lang)]
    level_letter = _letter("implementation")
    what = column_header("implementation", lang)
    implementation = st.add_dropdown(
        ws,
        [f"{level_letter}{first}:{level_letter}{last}"],
        list_names[LEVELS_LIST],
        levels,
        what=what,
        texts=_dropdown_texts(what, ", ".join(levels), lang),
    )
    implementation.errorStyle = "warning"  # never scored: other text is kept with a warning
    answer = _letter("answer")
    st.define_name(
        wb,
        f"{ANSWERS_NAME_PREFIX}{st.name_token(code)}",
        st.cell_range(ws, f"{answer}{first}", f"{answer}{last}"),
    )
    st.set_widths(ws, [width for _, width in QUESTION_COLUMNS.values()])
    ws.freeze_panes = f"A{first}"
    st.setup_print(ws, header_row=HEADER_ROW)
    st.protect_sheet(ws)
