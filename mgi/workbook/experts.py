"""The expert ratings workbook: a block of 23 rows (one per objective) for each expert, one
rating column per expert criterion of the profile.

The sheet is declared once (:func:`experts_sheet`) and that declaration writes the template
(:func:`write_experts_template`, ``mgi template --kind experts``) and reads it back
(:func:`read_experts`). Each expert's block is named in the template (defined names
``mgi_expert_block_1``...), so the reader knows which rows belong together: a name typed
differently in one row of a block (``Dr Hoxha`` for ``Dr. Hoxha``) is reported at that cell
instead of becoming a new expert. Workbooks of the first template version are read by their
fixed layout (23 rows per block); in any workbook, two spellings of one name that differ only
in case, spacing or punctuation are reported.

Examples
--------
>>> import tempfile, pathlib
>>> from mgi.priorities.profile import load_profile
>>> path = write_experts_template(pathlib.Path(tempfile.mkdtemp()) / "e.xlsx", load_profile())
>>> read_experts(path, load_profile()).issues[0].rule  # an empty template has no ratings
'rating.no_ratings'
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from mgi.catalogue import Issue, make_issue
from mgi.judgements import EXPERT_COLUMNS, ExpertRatings
from mgi.reference import gcm_objectives
from mgi.workbook import _session as ses
from mgi.workbook.opener import OpenedWorkbook
from mgi.workbook.sheets import Column, Row, SheetSpec, SheetTable, whole_number

KIND = "experts"
#: Prefix of the defined names of the expert blocks (``mgi_expert_block_3``).
BLOCK_NAME = "mgi_expert_block_"
_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


def _fixed(lang: str) -> tuple[Column, Column, Column]:
    """The expert, objective and short-label columns, their headers in ``lang``; every
    language's header is accepted when reading."""
    from mgi.i18n import every_text

    def aliases(key: str, *more: str) -> tuple[str, ...]:
        return (*more, *every_text(f"workbook.experts.{key}"))

    expert = Column(
        "expert",
        ses.word("workbook.experts.expert", lang),
        aliases=aliases("expert", "expert name", "name", "rater"),
        required=True,
        width=20,
    )
    objective = Column(
        "objective",
        ses.word("workbook.experts.objective", lang),
        aliases=aliases("objective", "objective code", "gcm objective", "code"),
        required=True,
        parse=ses.parse_objective,
        rule="rating.unknown_objective",
        input=False,
        width=10,
    )
    label = Column(
        "label",
        ses.word("workbook.experts.label", lang),
        aliases=aliases("label"),
        input=False,
        width=28,
    )
    return expert, objective, label


EXPERT, OBJECTIVE, LABEL = _fixed("en")


def experts_sheet(
    criteria: tuple[Any, ...] = (), scale: tuple[int, int] = (1, 5), lang: str = "en"
) -> SheetSpec:
    """The Ratings sheet of the expert workbook for these criteria (objects with ``code`` and
    ``label``) and rating scale, its words in ``lang``; it reads a sheet written in any
    language."""
    from mgi.i18n import translate, translations

    low, high = scale
    rated = tuple(
        Column(
            c.code,
            translate("criteria", c.label, "label", lang, code=c.code),
            aliases=(
                c.code,
                c.code.replace("_", " "),
                *translations("criteria", c.label, "label", code=c.code),
            ),
            parse=whole_number(low, high),
            rule="rating.invalid",
            fields={"allowed": ses.word("workbook.range", lang, low=low, high=high)},
            validation=(low, high),
            width=18,
        )
        for c in criteria
    )
    return SheetSpec(
        title=ses.word("sheet.ratings", lang),
        columns=(*_fixed(lang), *rated),
        header_row=ses.HEADER_ROW,
        heading=ses.word("workbook.experts.heading", lang),
        note=ses.word("workbook.experts.note", lang, low=low, high=high),
        kind=KIND,
        used_when=tuple(c.code for c in criteria),
        missing_rule="rating.missing_column",
        header_height=48,
        freeze="label",
    )


#: The sheet as far as it does not depend on a profile (headers that identify the kind).
EXPERTS_SHEET = experts_sheet()


def _sheet_of(profile: ses.SessionProfile, lang: str = "en") -> SheetSpec:
    return experts_sheet(
        tuple(profile.expert_criteria()),
        (profile.experts.scale_min, profile.experts.scale_max),
        lang,
    )


def write_experts_template(
    path: str | Path,
    profile: ses.SessionProfile,
    *,
    experts: int = 5,
    ratings: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Path:
    """Write the expert ratings template (``mgi template --kind experts``).

    A block of 23 rows (one per objective) for each expert, named ``mgi_expert_block_<k>``;
    one rating column per expert criterion of the profile, with its direction explained on the
    Instructions sheet. ``ratings`` (long table: expert, objective, criterion, rating) fills it
    in. ``lang``: the language of the template (default: the language of the work in
    progress).
    """
    from openpyxl import Workbook

    from mgi.i18n import content, current_language, translate
    from mgi.workbook import style as st

    lang = lang or current_language()
    names = list(dict.fromkeys(ratings["expert"])) if ratings is not None else []
    experts = max(experts, len(names))
    lookup = (
        ratings.set_index(["expert", "objective", "criterion"])["rating"].to_dict()
        if ratings is not None
        else {}
    )
    criteria = profile.expert_criteria()
    low, high = profile.experts.scale_min, profile.experts.scale_max
    spec = _sheet_of(profile, lang)
    lines = [
        ses.heading("workbook.how_to_fill", lang),
        ses.word("workbook.experts.fill", lang, sheet=spec.title, low=low, high=high),
        "",
        ses.heading("workbook.experts.criteria", lang),
    ]
    for c in criteria:
        label = translate("criteria", c.label, "label", lang, code=c.code)
        description = translate("criteria", c.description, "description", lang, code=c.code)
        kind = ses.word(f"workbook.experts.{c.direction}", lang)
        lines.append(f"{label}: {description} ({kind}).")
    lines += [
        "",
        ses.heading("workbook.what_next", lang),
        ses.word("workbook.experts.next", lang) + " " + ses.word("workbook.check", lang, kind=KIND),
    ]
    wb = Workbook()
    ses.instructions(wb, ses.word("workbook.experts.heading", lang), lines, lang)
    values = []
    for e in range(1, experts + 1):
        expert = names[e - 1] if e <= len(names) else ses.word("workbook.experts.nth", lang, n=e)
        for code in gcm_objectives().index:
            label = str(content("gcm_objectives", code, "short_label", lang))
            row: dict[str, Any] = {"expert": expert, "objective": code, "label": label}
            for c in criteria:
                row[c.code] = lookup.get((expert, code, c.code))
            values.append(row)
    ws = spec.write(wb, rows=len(values), values=values, index=1, lang=lang)
    first = spec.header_row + 1
    size = len(gcm_objectives())
    for e in range(experts):
        top = first + e * size
        st.define_name(
            wb,
            f"{BLOCK_NAME}{e + 1}",
            st.cell_range(ws, f"A{top}", f"A{top + size - 1}"),
        )
    ses.objectives_sheet(wb, lang)
    return ses.finish(wb, KIND, profile, path, lang)


def _blocks(opened: OpenedWorkbook, table: SheetTable) -> dict[int, int]:
    """Row number -> expert block, from the template's defined names, or for a workbook of
    the first template version from its fixed layout (23 rows a block); empty otherwise."""
    rows: dict[int, int] = {}
    for name in opened.names:
        if not name.name.casefold().startswith(BLOCK_NAME):
            continue
        area = name.area()
        suffix = name.name[len(BLOCK_NAME) :]
        if area is None or area.sheet != table.sheet or not suffix.isdigit():
            continue
        rows.update((r, int(suffix)) for r in range(area.min_row, area.max_row + 1))
    if (
        not rows
        and opened.stamp.get("kind") == KIND
        and opened.stamp.get("template_version") == "1"
    ):
        size = len(gcm_objectives())
        last = max((r.number for r in table.rows), default=table.header_row)
        rows = {
            r: (r - table.header_row - 1) // size + 1 for r in range(table.header_row + 1, last + 1)
        }
    return rows


def _fold(name: str) -> str:
    """A name with case, spacing and punctuation ignored (``Dr. Hoxha`` = ``dr hoxha``)."""
    return _PUNCTUATION.sub(" ", name.casefold()).strip()


def read_experts(path: str | Path, profile: ses.SessionProfile) -> ExpertRatings:
    """Read a completed expert ratings workbook into an
    :class:`~mgi.judgements.ExpertRatings` with every issue.

    Raises
    ------
    NotAWorkbookError
        When the file cannot be read as an expert workbook at all (one issue says why).
    """
    spec = _sheet_of(profile)
    criteria = [c.code for c in profile.expert_criteria()]
    block_of: dict[int, int] = {}
    spelling: dict[int, str] = {}  # block -> the name most of its rows give
    by_fold: dict[str, str] = {}  # folded name -> the first spelling seen
    records: list[tuple[str, str, str, float]] = []
    seen: dict[tuple[str, str], int] = {}
    missing: dict[str, list[str]] = {}

    def on_table(opened: OpenedWorkbook, table: SheetTable, issues: list[Issue]) -> None:
        block_of.clear()
        block_of.update(_blocks(opened, table))
        names: dict[int, Counter[str]] = {}
        for row in table.rows:
            name = row.values["expert"]
            if name and row.number in block_of:
                names.setdefault(block_of[row.number], Counter())[name] += 1
        spelling.clear()
        spelling.update({block: count.most_common(1)[0][0] for block, count in names.items()})

    def on_row(table: SheetTable, row: Row, issues: list[Issue]) -> None:
        expert = row.values["expert"]
        if not expert:
            issues.append(
                make_issue(
                    "rating.no_participant",
                    column="expert name",
                    cell=row.cells["expert"],
                    sheet=row.sheet,
                )
            )
            return
        block = block_of.get(row.number)
        usual = spelling.get(block) if block is not None else None
        first = by_fold.setdefault(_fold(expert), expert)
        expected = usual if usual is not None and usual != expert else None
        if expected is None and first != expert:
            expected = first
        if expected is not None:
            issues.append(
                make_issue(
                    "rating.name_differs",
                    cell=row.cells["expert"],
                    found=expert,
                    expected=expected,
                    sheet=row.sheet,
                )
            )
            return
        code = row.values["objective"]
        if code is None:
            return  # reported as a cell problem
        key = (expert.casefold(), code)
        if key in seen:
            issues.append(
                make_issue(
                    "rating.duplicate_participant",
                    cell=row.cells["objective"],
                    column="expert and objective",
                    found=f"{expert} / {code}",
                    first_row=seen[key],
                    sheet=row.sheet,
                )
            )
            return
        seen[key] = row.number
        problems = {p.cell for p in row.problems.values()}
        for criterion in criteria:
            value = row.values.get(criterion)
            ref = row.cells.get(criterion)
            if value is not None:
                records.append((expert, code, criterion, value))
            elif ref is not None and ref not in problems:
                missing.setdefault(f"{row.sheet}\0{expert}", []).append(ref)

    read = ses.read_table_kind(path, KIND, spec, on_row, on_table)
    issues = read.issues
    for key, cells in missing.items():
        issues.append(
            make_issue(
                "rating.missing",
                sheet=key.split("\0")[0],
                cell=cells[0],
                found=len(cells),
                cells=_shorten(cells),
            )
        )
    if not records:
        issues.append(make_issue("rating.no_ratings", expected=KIND))
    frame = pd.DataFrame.from_records(records, columns=list(EXPERT_COLUMNS))
    return ExpertRatings(
        _ratings=frame, issues=ses.with_file(issues, read.source.file_name), source=read.source
    )


def _shorten(cells: list[str], limit: int = 8) -> str:
    return ", ".join(cells[:limit]) + (", …" if len(cells) > limit else "")
