"""Read a completed questionnaire workbook into an :class:`~mgi.assessment.Assessment`.

:func:`read_assessment` opens the file safely (see :mod:`mgi.workbook.opener`), finds the
question tables by their headers and the answers by indicator code (see
:mod:`mgi.workbook.scan`), reads the Metadata sheet by its labels, and reports every problem
at once as catalogue issues with file, sheet, cell and indicator code. It never writes to the
file. Files that cannot be read at all raise :class:`~mgi.errors.NotAWorkbookError`.

Nothing typed is read as something else in silence: an answer (or an implementation level)
typed as an alias, a number or a word of another language is accepted and listed as a warning
with what was typed and what it was read as; an answer typed in the Evidence, Comment or
Implementation column while the Answer cell is empty is reported at that cell; an answer that
says something is in place without evidence, and a Not applicable without a reason, are
warnings (errors where the scoring scheme requires evidence, see
:func:`~mgi.assessment.require_evidence`).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mgi._tables import normalise_answer
from mgi.assessment import (
    ANSWER_COLUMNS,
    Assessment,
    Source,
    build_answers,
    check_metadata,
    normalise_round,
    parse_implementation,
)
from mgi.catalogue import Issue, make_issue
from mgi.errors import MGIError
from mgi.i18n import current_language, text
from mgi.instrument import Instrument, list_instruments, load_instrument
from mgi.workbook._layout import (
    KIND,
    METADATA_NAME,
    METADATA_SHEET,
    QUESTION_COLUMNS,
    header_aliases,
    metadata_aliases,
    metadata_titles,
)
from mgi.workbook.kinds import check_kind, refuse_other_kind, too_large
from mgi.workbook.opener import OpenedWorkbook, open_workbook, reading, refuse
from mgi.workbook.scan import (
    MAX_TEXT,
    Table,
    find_tables,
    is_blank,
    norm_label,
    range_bounds,
    read_pairs,
    text_of,
)

#: Instrument used for an unstamped workbook whose codes do not clearly match another one.
DEFAULT_INSTRUMENT = "mgi-national"
_READ_FIELDS = ("code", "answer", "evidence", "comment", "implementation")
#: Columns of a question row that may hold text typed in the wrong column, in the order looked at.
_OTHER_COLUMNS = ("evidence", "comment", "implementation")
_CODE_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")


@dataclass
class _Entry:
    code: str
    raw: Any
    evidence: str
    comment: str
    implementation: Any
    sheet: str
    row: int
    answer_cell: str
    code_cell: str
    #: Cell reference and header as written of the evidence, comment and implementation columns.
    cells: dict[str, str]
    headers: dict[str, str]


def read_assessment(
    path: str | Path,
    instrument: str | Path | Instrument | None = None,
    *,
    allow_incomplete: bool = False,
) -> Assessment:
    """Read and validate a completed questionnaire workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` (or ``.xlsm``) file. It is only read, never written. A KoboToolbox or
        ODK export of the questionnaire's XLSForm (xlsx, CSV or ODK Central's zip) is read by
        :func:`mgi.workbook.xlsform.export.read_assessment_export`.
    instrument
        A bundled instrument name, an instrument folder, or an
        :class:`~mgi.instrument.Instrument`. ``None`` uses the workbook's stamp; an unstamped
        workbook is read as ``mgi-national`` unless its codes clearly match another bundled
        instrument.
    allow_incomplete
        Report missing answers as warnings instead of errors.

    Returns
    -------
    Assessment
        Answers (with evidence and comments, sheet and cell), metadata, provenance and every
        issue found (errors stop scoring; warnings do not).

    Raises
    ------
    NotAWorkbookError
        The file cannot be read as a questionnaire at all (one issue says why).
    DataFileError
        The instrument given is broken (every problem with its file, row and column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mgi.workbook import write_template
    >>> blank = write_template("sdg-10-7-2", pathlib.Path(tempfile.mkdtemp()) / "q.xlsx",
    ...                        country="Testland", round=2024)
    >>> a = read_assessment(blank, allow_incomplete=True)
    >>> a.country, a.coverage()["missing"], a.has_errors
    ('Testland', 30, False)
    """
    path = Path(path)
    # a broken instrument is a fault of its files, not of the workbook: load it first
    inst = _load(instrument) if instrument is not None else None
    from mgi.workbook.xlsform.table import sniff

    if sniff(path):  # a KoboToolbox or ODK export of the questionnaire's XLSForm
        from mgi.workbook.xlsform.export import read_assessment_export

        return read_assessment_export(path, inst, allow_incomplete=allow_incomplete)
    with open_workbook(path) as opened, reading(path):
        return _read(opened, inst, allow_incomplete)


@cache
def _bundled(name: str, version: str | None = None) -> Instrument:
    return load_instrument(name, version=version)


def _load(instrument: str | Path | Instrument) -> Instrument:
    if isinstance(instrument, Instrument):
        return instrument
    if isinstance(instrument, str) and instrument in list_instruments():
        return _bundled(instrument)
    return load_instrument(instrument)


def guess_instrument(codes: list[str]) -> Instrument:
    """The bundled instrument whose indicator codes best match ``codes`` (ties: the default)."""
    folded = {c.casefold() for c in codes}
    best: Instrument | None = None
    best_score = -1
    names = list_instruments()
    for name in [DEFAULT_INSTRUMENT, *(n for n in names if n != DEFAULT_INSTRUMENT)]:
        try:
            inst = _bundled(name)
        except MGIError:
            continue
        score = len(folded & {c.casefold() for c in inst.codes})
        if score > best_score:
            best, best_score = inst, score
    return best if best is not None else _load(DEFAULT_INSTRUMENT)


def _read(
    opened: OpenedWorkbook, instrument: str | Path | Instrument | None, allow_incomplete: bool
) -> Assessment:
    path, stamp = opened.path, opened.stamp
    check_kind(opened, KIND)

    every = header_aliases()
    aliases = {k: every[k] for k in _READ_FIELDS}
    scan = find_tables(opened, aliases, ("code", "answer"))
    if scan.too_large:
        raise too_large(path, scan.too_large[0])
    if not scan.tables:
        if not scan.has_content:
            raise refuse(path, "workbook.empty")
        refuse_other_kind(opened, KIND)
        raise refuse(path, "workbook.no_questions", allowed="Code, Answer")

    issues: list[Issue] = []
    entries = _entries(scan.tables, issues)

    # -- which instrument ------------------------------------------------------------------
    if instrument is not None:
        inst = _load(instrument)
    elif stamp.get("instrument") in list_instruments():
        # the bundled edition the workbook was made for (an earlier one if its version is older)
        inst = _bundled(stamp["instrument"], stamp.get("instrument_version") or None)
        if inst.meta.superseded_by:
            issues.insert(
                0,
                make_issue(
                    "workbook.earlier_edition",
                    instrument=inst.name,
                    found=inst.version,
                    expected=inst.meta.superseded_by,
                ),
            )
    elif stamp.get("instrument"):
        inst = _load(stamp["instrument"])
    else:
        inst = guess_instrument([e.code for e in entries])
    other_instrument = False
    if not stamp.get("template_version"):
        issues.insert(0, make_issue("workbook.no_stamp"))
    if stamp.get("instrument") and stamp["instrument"] != inst.name:
        other_instrument = True
        issues.insert(
            0,
            make_issue("workbook.other_instrument", found=stamp["instrument"], expected=inst.name),
        )
    elif stamp.get("instrument_version") and stamp["instrument_version"] != inst.version:
        issues.insert(
            0,
            make_issue(
                "workbook.other_version",
                found=stamp["instrument_version"],
                expected=inst.version,
                instrument=inst.name,
            ),
        )

    # -- answers ---------------------------------------------------------------------------
    known = {code.casefold(): code for code in inst.codes}
    cells: dict[str, dict[str, Any]] = {}
    first_cell: dict[str, str] = {}
    not_text: dict[str, str] = {}
    read_from: dict[str, _Entry] = {}
    entry_issues: list[Issue] = []
    for entry in entries:
        code = known.get(entry.code.casefold())
        if code is None:
            entry_issues.append(
                make_issue(
                    "answer.unknown_code",
                    sheet=entry.sheet,
                    cell=entry.code_cell,
                    indicator=entry.code,
                    found=entry.code,
                    instrument=inst.label,
                )
            )
            continue
        if code in cells:
            entry_issues.append(
                make_issue(
                    "answer.duplicate_code",
                    indicator=code,
                    found=code,
                    first_cell=first_cell[code],
                    sheet=entry.sheet,
                    cell=entry.answer_cell,
                )
            )
            continue
        first_cell[code] = text(
            "workbook.cell_of_sheet", current_language(), cell=entry.answer_cell, sheet=entry.sheet
        )
        read_from[code] = entry
        raw = entry.raw
        if isinstance(raw, _dt.date | _dt.time | _dt.timedelta):
            not_text[code] = "date or time"
            raw = text_of(raw)
        elif isinstance(raw, bool) and inst.parse_answer(code, raw) is None:
            not_text[code] = "TRUE/FALSE value"
            raw = text_of(raw)
        level, level_issue = parse_implementation(
            entry.implementation,
            indicator=code,
            sheet=entry.sheet,
            cell=entry.cells.get("implementation"),
        )
        if level_issue is not None:
            entry_issues.append(level_issue)
        cells[code] = {
            "raw": raw,
            "evidence": entry.evidence,
            "comment": entry.comment,
            "implementation": level,
            "sheet": entry.sheet,
            "cell": entry.answer_cell,
        }

    handled = _merged_and_formulas(opened, scan.tables, entries, known, entry_issues)
    frame, answer_issues = build_answers(inst, cells, allow_incomplete=allow_incomplete)
    checks = _Checks(inst)
    for issue in answer_issues:
        if issue.indicator in handled and issue.rule == "answer.missing":
            continue
        if issue.rule == "answer.missing" and issue.indicator in read_from:
            issue = checks.other_column(read_from[issue.indicator], issue)
        if issue.indicator in not_text and issue.rule == "answer.invalid":
            allowed = ", ".join(inst.option_labels(inst.scale_of(issue.indicator)))
            issue = make_issue(
                "answer.not_text",
                sheet=issue.sheet,
                cell=issue.cell,
                indicator=issue.indicator,
                found=not_text[issue.indicator],
                allowed=allowed,
            )
        entry_issues.append(issue)
    reported = {(i.sheet, i.cell) for i in entry_issues if i.rule.startswith("workbook.")}
    entry_issues += checks.answered(frame.rows, read_from, not_text, reported)
    if other_instrument:  # one clear error instead of a flood of unknown codes
        entry_issues = [
            i for i in entry_issues if not i.rule.startswith(("answer.", "implementation."))
        ]
    issues += entry_issues

    # -- metadata --------------------------------------------------------------------------
    metadata, meta_issues = _metadata(opened)
    issues += meta_issues

    source = Source(
        file_name=path.name,
        path=str(path),
        sha256=opened.sha256,
        template_version=stamp.get("template_version", ""),
        kind=KIND,
    )
    return Assessment(
        instrument=inst,
        _answers=frame,
        metadata=metadata,
        issues=tuple(i.with_location(file=path.name) for i in issues),
        source=source,
    )


class _Checks:
    """What a question row says beyond whether its answer is accepted: answers read as
    something else, an answer typed in another column, evidence missing for an answer that says
    something is in place, a reason missing for Not applicable."""

    def __init__(self, inst: Instrument) -> None:
        self.inst = inst
        self.labels = _label_keys(inst)
        self.present = _present_options(inst)

    def other_column(self, entry: _Entry, missing: Issue) -> Issue:
        """The issue of a missing answer: typed in the Evidence, Comment or Implementation
        column of its row (reported at that cell, with the fix), or simply missing."""
        from mgi.reference import implementation_lookup

        code = missing.indicator or entry.code
        lookup = self.inst.answer_lookup(self.inst.scale_of(code))
        typed = {
            "evidence": entry.evidence,
            "comment": entry.comment,
            "implementation": entry.implementation,
        }
        for name in _OTHER_COLUMNS:
            value, ref = typed[name], entry.cells.get(name)
            if is_blank(value) or ref is None:
                continue
            key = normalise_answer(value)
            if name == "implementation" and key in implementation_lookup():
                continue  # an implementation level where it belongs
            option = lookup.get(key)
            if option is None:
                continue
            return make_issue(
                "answer.in_other_column",
                severity=missing.severity,
                sheet=entry.sheet,
                cell=ref,
                indicator=code,
                found=text_of(value),
                label=self._label(code, option),
                answer_cell=entry.answer_cell,
                header=entry.headers.get(name, QUESTION_COLUMNS[name][0]),
            )
        return missing

    def answered(
        self,
        rows: tuple[tuple[Any, ...], ...],
        read_from: dict[str, _Entry],
        not_text: dict[str, str],
        skip_cells: set[tuple[str | None, str | None]],
    ) -> list[Issue]:
        """Warnings on the answers read: reinterpreted answers and levels, missing evidence
        and reasons (``skip_cells``: cells already reported, e.g. a formula without a value)."""
        at = {name: i + 1 for i, name in enumerate(ANSWER_COLUMNS)}
        issues: list[Issue] = []
        for row in rows:
            code = row[0]
            entry = read_from.get(code)
            if entry is None:
                continue
            issues += self._level_read_as(entry, code)
            status, option = row[at["status"]], row[at["option"]]
            if status not in ("answered", "not_applicable"):
                continue
            scale, label = row[at["scale"]], row[at["label"]]
            if code not in not_text and normalise_answer(entry.raw) not in self.labels.get(
                (scale, option), ()
            ):
                issues.append(
                    make_issue(
                        "answer.reinterpreted",
                        sheet=entry.sheet,
                        cell=entry.answer_cell,
                        indicator=code,
                        found=text_of(entry.raw),
                        label=label,
                    )
                )
            lacking = None
            if status == "answered" and (scale, option) in self.present and not entry.evidence:
                lacking = ("answer.no_evidence", "evidence")  # where the evidence goes
            elif status == "not_applicable" and not (entry.comment or entry.evidence):
                lacking = ("answer.no_reason", "comment")  # where the reason goes
            if lacking is not None:
                ref = entry.cells.get(lacking[1]) or entry.answer_cell
                if (entry.sheet, ref) not in skip_cells:
                    issues.append(
                        make_issue(
                            lacking[0], sheet=entry.sheet, cell=ref, indicator=code, label=label
                        )
                    )
        return issues

    def _level_read_as(self, entry: _Entry, code: str) -> list[Issue]:
        """An implementation level typed as an alias (read as its label, with a warning)."""
        from mgi.reference import implementation_lookup

        value = entry.implementation
        if is_blank(value):
            return []
        level = implementation_lookup().get(normalise_answer(value))
        if level is None or normalise_answer(value) in _level_keys().get(level.code, ()):
            return []
        return [
            make_issue(
                "implementation.reinterpreted",
                sheet=entry.sheet,
                cell=entry.cells.get("implementation"),
                indicator=code,
                found=text_of(value),
                label=level.label,
            )
        ]

    def _label(self, code: str, option: str) -> str:
        scale = self.inst.scale_of(code)
        return next(
            (r["label"] for r in self.inst.option_rows(scale) if r["option"] == option), option
        )


def _present_options(inst: Instrument) -> set[tuple[str, str]]:
    """The options that say something is in place: every option of a scale but Not applicable
    and the last (lowest) one, such as Absent or No. They need evidence."""
    present: set[tuple[str, str]] = set()
    for scale in dict.fromkeys(r["scale"] for r in inst.records("scales")):
        answered = [r["option"] for r in inst.option_rows(scale) if not r["not_applicable"]]
        present.update((scale, option) for option in answered[:-1])
    return present


def _translated_labels(table: str) -> dict[str, set[str]]:
    """Code -> the labels of a content table in every language of the catalogues (none when a
    catalogue cannot be read: the instrument's own labels are then the only ones)."""
    from mgi.errors import MGIError

    try:
        from mgi.i18n.content import table_rows
        from mgi.i18n.languages import languages

        found: dict[str, set[str]] = {}
        for lang in languages():
            for code, cells in table_rows(table, lang).items():
                if "label" in cells:
                    found.setdefault(code, set()).add(cells["label"][0])
        return found
    except (MGIError, OSError, KeyError, ValueError):
        return {}


def _label_keys(inst: Instrument) -> dict[tuple[str, str], set[str]]:
    """Per (scale, option): the folded spellings that are its label, in the instrument or in
    any language of the catalogues (``answer_options``). Anything else typed is an alias, a
    number or a word of another option's language: read as the option, with a warning."""
    translated = _translated_labels("answer_options")
    keys: dict[tuple[str, str], set[str]] = {}
    for r in inst.records("scales"):
        labels = {r["label"], *translated.get(f"{r['scale']}.{r['option']}", ())}
        keys[(r["scale"], r["option"])] = {normalise_answer(label) for label in labels}
    return keys


@cache
def _level_keys() -> dict[str, frozenset[str]]:
    """Per implementation level: the folded spellings of its label in every language."""
    from mgi.reference import implementation_levels

    translated = _translated_labels("implementation_levels")
    return {
        level.code: frozenset(
            normalise_answer(label) for label in {level.label, *translated.get(level.code, ())}
        )
        for level in implementation_levels()
    }


def _clip_text(value: Any, table: Table, row: int, name: str, issues: list[Issue]) -> str:
    text = text_of(value)
    if len(text) > MAX_TEXT:
        issues.append(
            make_issue(
                "workbook.text_too_long",
                sheet=table.sheet,
                cell=table.ref(row, name),
                found=f"{len(text):,}",
                allowed=f"{MAX_TEXT:,}",
            )
        )
        text = text[:MAX_TEXT]
    return text


def _entries(tables: list[Table], issues: list[Issue]) -> list[_Entry]:
    """The indicator rows of every table (rows that look like notes are skipped)."""
    entries = []
    for table in tables:
        headers = {
            name: text_of(table.header[col - 1]) if col <= len(table.header) else name
            for name, col in table.columns.items()
        }
        for row, values in table.rows:
            code = text_of(table.value(values, "code"))
            raw = table.value(values, "answer")
            looks_like_code = _CODE_LIKE.match(code) and any(ch.isdigit() for ch in code)
            if not looks_like_code and is_blank(raw):
                continue  # a note, a sub-heading or trailing junk without an answer
            entries.append(
                _Entry(
                    code=code,
                    raw=raw,
                    evidence=_clip_text(
                        table.value(values, "evidence"), table, row, "evidence", issues
                    ),
                    comment=_clip_text(
                        table.value(values, "comment"), table, row, "comment", issues
                    ),
                    implementation=table.value(values, "implementation"),
                    sheet=table.sheet,
                    row=row,
                    answer_cell=table.ref(row, "answer") or "",
                    code_cell=table.ref(row, "code") or "",
                    cells={k: ref for k in _OTHER_COLUMNS if (ref := table.ref(row, k))},
                    headers=headers,
                )
            )
    return entries


def _merged_and_formulas(
    opened: OpenedWorkbook,
    tables: list[Table],
    entries: list[_Entry],
    known: dict[str, str],
    issues: list[Issue],
) -> set[str]:
    """Report merged ranges over answers and formulas without a saved value.

    A formula without a saved value is reported in the Answer column and in the Evidence and
    Comment columns (read-only openpyxl gives such a cell as empty, which would silently drop the
    text). Returns the indicator codes whose 'missing answer' is explained by these issues.
    """
    handled: set[str] = set()
    by_cell = {(e.sheet, e.answer_cell): e for e in entries}
    by_row = {(e.sheet, e.row): e for e in entries}
    for table in tables:
        answer_col = table.columns["answer"]
        for merged in opened.merged_ranges(table.sheet):
            bounds = range_bounds(merged)
            if bounds is None:
                continue
            min_col, min_row, max_col, max_row = bounds
            if not (min_col <= answer_col <= max_col) or max_row <= table.header_row:
                continue
            rows = range(max(min_row, table.header_row + 1), max_row + 1)
            covered = [by_row[(table.sheet, r)] for r in rows if (table.sheet, r) in by_row]
            first = covered[0] if covered else None
            issues.append(
                make_issue(
                    "workbook.merged_cells",
                    sheet=table.sheet,
                    cell=merged.split(":")[0],
                    indicator=first.code if first else None,
                    found=merged,
                )
            )
            handled.update(known.get(e.code.casefold(), e.code) for e in covered)
        formulas = opened.formulas_without_value(table.sheet)
        if not formulas:
            continue
        text_cells = {
            ref: e
            for e in entries
            if e.sheet == table.sheet
            for ref in (table.ref(e.row, "evidence"), table.ref(e.row, "comment"))
            if ref
        }
        for ref, formula in formulas.items():
            entry = by_cell.get((table.sheet, ref))
            if entry is None:
                text_entry = text_cells.get(ref)
                if text_entry is not None:  # evidence or comment: the answer itself may be fine
                    issues.append(
                        make_issue(
                            "workbook.formula_no_value",
                            sheet=table.sheet,
                            cell=ref,
                            indicator=text_entry.code,
                            found=formula,
                        )
                    )
                continue
            issues.append(
                make_issue(
                    "workbook.formula_no_value",
                    sheet=table.sheet,
                    cell=ref,
                    indicator=entry.code,
                    found=formula,
                )
            )
            handled.add(known.get(entry.code.casefold(), entry.code))
    return handled


def _metadata_sheet(opened: OpenedWorkbook) -> str | None:
    """The title of the Metadata sheet: the one its defined name points at, else by title."""
    defined = opened.defined_name(METADATA_NAME)
    area = defined.area() if defined is not None else None
    if area is not None and area.sheet in opened.titles:
        return area.sheet
    titles = {norm_label(t) for t in metadata_titles()}
    for title in opened.titles:
        if norm_label(title) in titles:
            return title
    return None


def _metadata(opened: OpenedWorkbook) -> tuple[dict[str, str], list[Issue]]:
    title = _metadata_sheet(opened)
    pairs = read_pairs(opened.rows(title), metadata_aliases()) if title is not None else {}
    metadata = {name: text_of(value) for name, (value, _) in pairs.items()}
    if "round" in metadata:
        metadata["round"] = normalise_round(metadata["round"])
    cells = {name: cell for name, (_, cell) in pairs.items()}
    sheet = title if title is not None else METADATA_SHEET
    return metadata, check_metadata(metadata, sheet=sheet, cells=cells)
