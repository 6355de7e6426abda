"""Write the fillable questionnaire template of an instrument (``mgi template``).

:func:`write_template` makes one workbook: an Instructions sheet, a Metadata sheet, one
protected sheet per domain with a drop-down in every Answer cell (and in the optional
Implementation (not scored) column), and a very hidden Lists sheet holding the answer scales and
the implementation levels. The workbook carries a version stamp (custom document properties)
and defined names that :func:`mgi.workbook.read_assessment` uses. Output is atomic and
byte-identical for equal inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from mgi._io import refuse_overwrite
from mgi.instrument import Instrument, load_instrument
from mgi.reference import implementation_levels
from mgi.workbook import style as st
from mgi.workbook._layout import (
    ANSWERS_NAME_PREFIX,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    KIND,
    LISTS_SHEET,
    METADATA_LABELS,
    METADATA_NAME,
    METADATA_SHEET,
    QUESTION_COLUMNS,
    TEMPLATE_VERSION,
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
    language: str = "en",
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    metadata: Mapping[str, Any] | None = None,
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
        Pre-filled on the Metadata sheet.

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
    )
    return st.save_deterministic(wb, target)


def build_template(
    inst: Instrument,
    *,
    country: str | None = None,
    round: str | int | None = None,
    language: str = "en",
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Workbook:
    """The template as an unsaved openpyxl workbook (see :func:`write_template`)."""
    wb = Workbook()
    scales = list(dict.fromkeys(inst.indicators["scale"]))
    labels = {scale: inst.option_labels(scale) for scale in scales}

    _instructions(wb.active, inst, labels)
    prefill = {"country": country, "round": round, "language": language, **(metadata or {})}
    _metadata(wb, prefill)
    indicators = inst.indicators
    subdomains = inst.subdomains
    taken = [INSTRUCTIONS_SHEET, METADATA_SHEET, LISTS_SHEET]
    sheets = []
    for code, domain in inst.domains.iterrows():
        rows = indicators[indicators["domain"] == code]
        if rows.empty:
            continue
        full = f"{code} {domain['name']}"
        title = st.sheet_title(full if len(full) <= 31 else f"{code} {domain['short_name']}", taken)
        taken.append(title)
        sheets.append((code, domain, title, rows))
    levels = [level.label for level in implementation_levels()]
    list_names = st.add_list_sheet(wb, {**labels, LEVELS_LIST: levels}, title=LISTS_SHEET)
    # the Lists sheet goes last; question sheets sit between Metadata and Lists
    for position, (code, domain, title, rows) in enumerate(sheets, start=2):
        ws = wb.create_sheet(title, index=position)
        _question_sheet(
            wb, ws, inst, code, domain, rows, subdomains, labels, list_names, answers or {}
        )
    st.stamp(
        wb,
        {
            "template_version": TEMPLATE_VERSION,
            "kind": KIND,
            "instrument": inst.name,
            "instrument_version": inst.version,
        },
    )
    st.protect_workbook(wb)
    wb.active = 0
    return wb


# -- sheets --------------------------------------------------------------------------------------


def _instructions(ws: Any, inst: Instrument, labels: dict[str, list[str]]) -> None:
    ws.title = INSTRUCTIONS_SHEET
    answer_letter = _letter("answer")
    lines: list[tuple[str, str]] = [
        ("title", inst.title),
        (
            "",
            f"Instrument {inst.name}, version {inst.version}. Template format {TEMPLATE_VERSION}.",
        ),
        ("", ""),
        ("head", "How to fill in this questionnaire"),
        ("", "1. On the Metadata sheet, fill in at least the country and the round (year)."),
        (
            "",
            "2. On each domain sheet, choose an answer for every question from the drop-down "
            f"list in column {answer_letter} (Answer). Yellow cells are the ones you fill in; "
            "the other cells are locked.",
        ),
        (
            "",
            "3. Under Evidence/source, name the law, policy, strategy, agency or data source that "
            "supports the answer (title, number, year, link).",
        ),
        ("", "4. Under Comment, add anything a reviewer should know (e.g. reforms under way)."),
        (
            "",
            f"5. Optionally, under {QUESTION_COLUMNS['implementation'][0]}, say how far the law "
            "or policy is applied in practice (choose from the list). It is recorded and "
            "reported, never scored: the Answer depends on the law and policy alone.",
        ),
        (
            "",
            "6. Do not rename, add or delete sheets, and keep one row per question; you may "
            "widen columns and rows.",
        ),
        (
            "",
            "7. Formats: type answers as the drop-down list writes them (other spellings such "
            "as Yes, Po or 1 are accepted but listed as warnings); write dates as YYYY-MM-DD "
            "(e.g. 2024-03-15) or enter them as dates; the round is a year (e.g. 2023).",
        ),
        ("", ""),
        ("head", "What the answers mean"),
    ]
    for scale, options in labels.items():
        lines.append(("", f"Scale '{scale}': {', '.join(options)}."))
        # what each option means comes from the instrument (scales.csv, column definition)
        table = inst.options(scale)
        for label, definition in zip(table["label"], table["definition"], strict=True):
            if definition:
                lines.append(("", f"{label}: {definition}"))
    lines.append(("", "The Guidance column of each question says what counts for it."))
    lines.append(("", ""))
    lines.append(("head", f"{QUESTION_COLUMNS['implementation'][0]}: the levels"))
    for level in implementation_levels():
        lines.append(("", f"{level.label}: {level.definition}"))
    lines += [
        ("", ""),
        ("head", "What happens next"),
        (
            "",
            "Send the completed file back. It is checked with 'mgi validate FILE.xlsx', which "
            "lists every problem with its sheet, cell and question code (and can write the "
            "list as a workbook with a Done? column). When there are no errors it is scored "
            "with 'mgi score'. Your file is never changed by these tools.",
        ),
    ]
    for row, (kind, text) in enumerate(lines, start=1):
        cell = st.write_text(ws.cell(row=row, column=1), text or None)
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


def _metadata(wb: Workbook, prefill: Mapping[str, Any]) -> None:
    ws = wb.create_sheet(METADATA_SHEET)
    for col, header in enumerate(("Field", "Value", "Help"), start=1):
        st.write_text(ws.cell(row=1, column=col), header)
    st.style_header(ws[1])
    for row, (field, (label, help_text)) in enumerate(METADATA_LABELS.items(), start=2):
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
        errorTitle="Not a year",
        error="Write the year of the assessment round, e.g. 2023.",
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


def guidance_text(indicator: pd.Series, labels: list[str]) -> str:
    """The full/partial/absent guidance of an indicator as one readable text."""
    names = labels if len(labels) >= 3 else [*labels[:1], "Partly", *labels[1:]]
    parts = []
    for key, name in zip(
        ("full", "partial", "absent"), (names[0], names[1], names[-1]), strict=True
    ):
        text = str(indicator.get(f"guidance_{key}", "") or "").strip()
        if text:
            parts.append(f"{name}: {text}")
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
) -> None:
    fields = list(QUESTION_COLUMNS)
    st.style_title(st.write_text(ws.cell(row=1, column=1), f"{code} {domain['name']}"))
    st.write_text(
        ws.cell(row=2, column=1),
        f"Choose an answer in column {_letter('answer')} for every question; add the "
        "evidence and any comment. Yellow cells are for you to fill in.",
    )
    for col, field in enumerate(fields, start=1):
        st.write_text(ws.cell(row=HEADER_ROW, column=col), QUESTION_COLUMNS[field][0])
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
            "guidance": guidance_text(ind, non_na),
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
    for scale, cells in by_scale.items():
        st.add_dropdown(ws, cells, list_names[scale], labels[scale], what="answer")
    levels = [level.label for level in implementation_levels()]
    level_letter = _letter("implementation")
    implementation = st.add_dropdown(
        ws,
        [f"{level_letter}{first}:{level_letter}{last}"],
        list_names[LEVELS_LIST],
        levels,
        what="implementation",
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
