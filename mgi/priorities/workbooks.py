"""Workbooks of a prioritisation session: stakeholder consultation, expert ratings, weights.

Each kind has a template writer and a reader, built from the same toolkit as the
questionnaire (:mod:`mgi.workbook._style` for writing, :mod:`mgi.workbook._open` and
:mod:`mgi.workbook._scan` for safe reading), so the files look alike, are equally hard to
break, and every problem is reported at once with sheet and cell.

``consultation``
    One row per participant: name, stakeholder group (drop-down of the profile's groups),
    organisation, and a 1-5 rating of each of the 23 GCM objectives.
``experts``
    One row per expert and objective, one column per expert criterion of the profile
    (feasibility, resource need, alignment, partner support), ratings 1-5.
``weights``
    One sheet per working-group participant: their points or ranking of the criteria, or a
    Saaty 1-9 pairwise comparison matrix (cells above the diagonal).

Examples
--------
>>> import tempfile, pathlib
>>> from mgi.priorities.profile import load_profile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = write_consultation_template(folder / "consultation.xlsx", load_profile())
>>> read_consultation(path).issues[0].rule  # an empty template has no ratings yet
'rating.no_ratings'
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation

from mgi.assessment import Source
from mgi.catalogue import Issue, make_issue
from mgi.errors import InputError, NotAWorkbookError
from mgi.priorities.profile import Profile, load_profile
from mgi.priorities.ratings import Consultation, ExpertRatings
from mgi.priorities.weighting import Judgement, WeightJudgements, _hint
from mgi.prioritization import ahp
from mgi.reference import gcm_objectives, objective_code
from mgi.workbook import _style as st
from mgi.workbook._open import OpenedWorkbook, open_workbook, reading, refuse
from mgi.workbook._scan import cell_ref, find_tables, is_blank, norm_label, read_pairs, text_of

TEMPLATE_VERSION = "1"
KINDS = ("consultation", "experts", "weights")
RATINGS_SHEET = "Ratings"
OBJECTIVES_SHEET = "Objectives"
INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
HEADER_ROW = 4
WEIGHT_METHODS = {
    "points": ("points", "direct", "direct points", "points allocation"),
    "ranking": ("ranking", "rank", "roc", "rank order", "rank-order centroid"),
    "pairwise": ("pairwise", "ahp", "pairwise comparisons", "pairwise comparison"),
}
_OBJECTIVE_HEADER = re.compile(r"^(?:gcm\s*0?(\d{1,2})|objective\s*0?(\d{1,2})|0?(\d{1,2}))\b")
#: Relative tolerance of the reciprocity check a_ij * a_ji = 1 (0.33 is accepted for 1/3).
RECIPROCAL_RTOL = 0.02


# -- shared pieces -----------------------------------------------------------------------------


def _profile(profile: Profile | str | Path | None) -> Profile:
    if isinstance(profile, Profile):
        return profile
    return load_profile(profile or "gcm-default")


def _objectives_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(OBJECTIVES_SHEET)
    objectives = gcm_objectives()
    headers = ["Code", "Number", "Short label", "Official title", "IMRF 2022 round table"]
    for col, text in enumerate(headers, start=1):
        ws.cell(row=1, column=col, value=text)
    st.style_header(ws[1])
    for row, (code, obj) in enumerate(objectives.iterrows(), start=2):
        values = [
            code,
            int(obj["number"]),
            obj["short_label"],
            obj["title"],
            int(obj["imrf_2022_round_table"]),
        ]
        for col, value in enumerate(values, start=1):
            st.write_text(ws.cell(row=row, column=col), value)
        st.style_locked(ws[row])
    st.set_widths(ws, [9, 8, 28, 90, 12])
    ws.freeze_panes = "A2"
    st.setup_print(ws, header_row=1)
    st.protect_sheet(ws)


def _instructions(wb: Workbook, title: str, lines: Sequence[str]) -> None:
    ws = wb.active
    ws.title = INSTRUCTIONS_SHEET
    st.style_title(ws.cell(row=1, column=1, value=title))
    for row, text in enumerate(lines, start=3):
        cell = ws.cell(row=row, column=1, value=text or None)
        cell.alignment = st.Alignment(wrap_text=True, vertical="top")
        if text.isupper():
            cell.value = text.capitalize()
            st.style_title(cell, size=12)
    ws.column_dimensions["A"].width = 110
    st.setup_print(ws)
    ws.page_setup.orientation = "portrait"
    st.protect_sheet(ws)


def _rating_validation(ws: Any, area: str, low: int, high: int) -> None:
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not a valid rating",
        error=f"Type a whole number from {low} to {high}.",
        showInputMessage=True,
        promptTitle="Rating",
        prompt=f"{low} (lowest) to {high} (highest)",
    )
    validation.add(area)
    ws.add_data_validation(validation)


def _finish(wb: Workbook, kind: str, profile: Profile, path: str | Path) -> Path:
    st.stamp(
        wb,
        {
            "template_version": TEMPLATE_VERSION,
            "kind": kind,
            "profile": profile.name,
            "profile_version": profile.version,
        },
    )
    st.protect_workbook(wb)
    wb.active = 0
    return st.save_deterministic(wb, Path(path))


def _check_stamp(opened: OpenedWorkbook, kind: str) -> list[Issue]:
    stamp = opened.stamp
    found = stamp.get("kind")
    if found and found != kind:
        raise refuse(opened.path, "workbook.other_kind", found=found, expected=kind)
    return [] if stamp.get("template_version") else [make_issue("workbook.no_stamp")]


def _objective_of(header: Any) -> str | None:
    """``GCM07`` for a header such as "GCM07 Vulnerabilities", "Objective 7" or 7."""
    if isinstance(header, int | float) and not isinstance(header, bool):
        number = int(header) if float(header).is_integer() else 0
    else:
        match = _OBJECTIVE_HEADER.match(norm_label(header))
        number = int(next(g for g in match.groups() if g)) if match else 0
    return objective_code(number) if 1 <= number <= 23 else None


def parse_rating(value: Any, low: int, high: int) -> float | None:
    """A rating as a number, or ``None`` if it is not a whole number from low to high.

    Examples
    --------
    >>> parse_rating(4, 1, 5), parse_rating("4", 1, 5), parse_rating(4.0, 1, 5)
    (4.0, 4.0, 4.0)
    >>> parse_rating(4.5, 1, 5), parse_rating("high", 1, 5), parse_rating(float("nan"), 1, 5)
    (None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    if float(value).is_integer() and low <= value <= high:
        return float(value)
    return None


def _header_values(ws: Any, row: int) -> tuple[Any, ...]:
    for values in ws.iter_rows(min_row=row, max_row=row, values_only=True):
        return values
    return ()


def _open(path: str | Path) -> OpenedWorkbook:
    return open_workbook(path)


def _source(opened: OpenedWorkbook, kind: str) -> Source:
    return Source(
        file_name=opened.name,
        path=str(opened.path),
        sha256=opened.sha256,
        template_version=opened.stamp.get("template_version", ""),
        kind=kind,
    )


def _unreadable_cells(opened: OpenedWorkbook, ws: Any, sheet: str, below: int) -> dict[str, Issue]:
    """Cells whose content cannot be trusted, each with the issue that explains why: formulas
    saved without a calculated value, and cells under a merged range below row ``below``
    (merging hides every value but the first). A merged range is reported once, at its first
    cell; its other cells map to ``None``-like duplicates that callers skip silently."""
    found: dict[str, Issue] = {}
    for ref, formula in opened.formulas_without_value(ws).items():
        found[ref] = make_issue("workbook.formula_no_value", sheet=sheet, cell=ref, found=formula)
    for merged in opened.merged_ranges(ws):
        try:
            min_col, min_row, max_col, max_row = range_boundaries(merged)
        except (ValueError, TypeError):
            continue
        if max_row <= below:
            continue
        issue = make_issue(
            "workbook.merged_cells", sheet=sheet, cell=merged.split(":")[0], found=merged
        )
        for row in range(max(min_row, below + 1), max_row + 1):
            for col in range(min_col, max_col + 1):
                found.setdefault(cell_ref(row, col), issue)
    return found


def _report_once(issue: Issue, reported: set[int], issues: list[Issue]) -> None:
    if id(issue) not in reported:
        reported.add(id(issue))
        issues.append(issue)


def _with_file(issues: list[Issue], name: str) -> tuple[Issue, ...]:
    return tuple(i.with_location(file=name) for i in issues)


# -- consultation ------------------------------------------------------------------------------

CONSULTATION_ALIASES = {
    "participant": ("participant", "participant name", "participant id", "name", "respondent"),
    "group": ("stakeholder group", "group", "stakeholder", "stakeholder type"),
    "organisation": (
        "organisation",
        "organization",
        "organisation (optional)",
        "organization (optional)",
        "institution",
    ),
}


def write_consultation_template(
    path: str | Path,
    profile: Profile | str | Path | None = None,
    *,
    participants: int = 60,
    ratings: pd.DataFrame | None = None,
) -> Path:
    """Write the stakeholder consultation template (``mgi template --kind consultation``).

    One row per participant with a drop-down of the profile's stakeholder groups and a 1-5
    rating cell per GCM objective; an Objectives sheet with the official titles.

    Parameters
    ----------
    ratings
        Optional long table (participant, group, objective, rating, and optionally
        organisation) to fill in, e.g. ratings collected with an online form.
    """
    prof = _profile(profile)
    if ratings is not None:
        participants = max(participants, ratings["participant"].nunique())
    settings = prof.consultation
    low, high = settings.scale_min, settings.scale_max
    wb = Workbook()
    _instructions(
        wb,
        "Stakeholder consultation on the GCM objectives",
        [
            "HOW TO FILL IN THIS WORKBOOK",
            f"The question: {settings.question}",
            f"On the {RATINGS_SHEET} sheet, each participant fills one row: their name or a code, "
            "their stakeholder group (drop-down), optionally their organisation, and a rating "
            f"from {low} (not relevant or urgent) to {high} (most relevant and urgent) for each of "
            "the 23 objectives. Leave a cell empty if the participant did not rate an objective.",
            f"The {OBJECTIVES_SHEET} sheet gives the official title of each objective.",
            "Groups: "
            + ", ".join(settings.groups)
            + "."
            + (" Another group may be typed if needed." if settings.allow_other_groups else ""),
            "",
            "WHAT HAPPENS NEXT",
            "Ratings are averaged per stakeholder group, then across groups with "
            + (
                "equal group weights, so that a large group does not drown a small one."
                if settings.group_weights == "equal"
                else "the group weights of the profile."
            )
            + " Disagreement between groups is measured and shown to the working group.",
            "Check the file with 'mgi validate FILE.xlsx --kind consultation'.",
        ],
    )
    ws = wb.create_sheet(RATINGS_SHEET)
    objectives = gcm_objectives()
    st.style_title(ws.cell(row=1, column=1, value="Stakeholder ratings of the GCM objectives"))
    ws.cell(row=2, column=1, value=f"{settings.question} Rate {low} (lowest) to {high} (highest).")
    headers = ["Participant", "Stakeholder group", "Organisation (optional)"]
    headers += [f"{code} {label}" for code, label in objectives["short_label"].items()]
    for col, text in enumerate(headers, start=1):
        st.write_text(ws.cell(row=HEADER_ROW, column=col), text)
    st.style_header(ws[HEADER_ROW])
    first, last = HEADER_ROW + 1, HEADER_ROW + participants
    for row in range(first, last + 1):
        st.style_input(ws[row][: len(headers)])
    if ratings is not None:
        _fill_consultation(ws, ratings, first)
    names = st.add_list_sheet(wb, {"groups": list(settings.groups)}, title=LISTS_SHEET)
    dropdown = st.add_dropdown(
        ws, [f"B{first}:B{last}"], names["groups"], list(settings.groups), what="stakeholder group"
    )
    if settings.allow_other_groups:
        dropdown.errorStyle = "warning"
    last_col = st.get_column_letter(len(headers))
    _rating_validation(ws, f"D{first}:{last_col}{last}", low, high)
    st.set_widths(ws, [22, 22, 24, *([11] * 23)])
    ws.row_dimensions[HEADER_ROW].height = 60
    ws.freeze_panes = f"D{first}"
    st.setup_print(ws, header_row=HEADER_ROW)
    st.protect_sheet(ws)
    _objectives_sheet(wb)
    return _finish(wb, "consultation", prof, path)


def _fill_consultation(ws: Any, ratings: pd.DataFrame, first: int) -> None:
    column = {code: 4 + i for i, code in enumerate(gcm_objectives().index)}
    for offset, (name, rows) in enumerate(ratings.groupby("participant", sort=False)):
        row = first + offset
        st.write_text(ws.cell(row=row, column=1), str(name))
        st.write_text(ws.cell(row=row, column=2), str(rows["group"].iloc[0]))
        if "organisation" in rows:
            st.write_text(ws.cell(row=row, column=3), str(rows["organisation"].iloc[0]))
        for code, value in zip(rows["objective"], rows["rating"], strict=True):
            ws.cell(row=row, column=column[code], value=value)


def read_consultation(
    path: str | Path, profile: Profile | str | Path | None = None
) -> Consultation:
    """Read a completed consultation workbook into a :class:`Consultation` with every issue.

    Raises
    ------
    NotAWorkbookError
        When the file cannot be read as a workbook at all.
    """
    prof = _profile(profile)
    settings = prof.consultation
    low, high = settings.scale_min, settings.scale_max
    allowed = f"{low} to {high}"
    groups = {norm_label(g): g for g in settings.groups}
    with _open(path) as opened, reading(opened.path):
        issues = _check_stamp(opened, "consultation")
        scan = find_tables(opened.book.worksheets, CONSULTATION_ALIASES, ("participant", "group"))
        if scan.too_large:
            raise NotAWorkbookError(
                f"{opened.name} is too large.",
                path=opened.path,
                issues=_with_file(scan.too_large[:1], opened.name),
            )
        if not scan.tables:
            raise refuse(
                opened.path, "workbook.no_questions", allowed="Participant, Stakeholder group"
            )
        records: list[tuple[str, str, str, float]] = []
        first_row: dict[str, int] = {}
        reported: set[int] = set()
        for table in scan.tables:
            unreadable = _unreadable_cells(opened, table.worksheet, table.sheet, table.header_row)
            header = _header_values(table.worksheet, table.header_row)
            columns = {}
            for col, value in enumerate(header, start=1):
                code = _objective_of(value) if not is_blank(value) else None
                if code and code not in columns and col not in table.columns.values():
                    columns[code] = col
            for code in gcm_objectives().index:
                if code not in columns:
                    issues.append(
                        make_issue(
                            "rating.missing_column",
                            sheet=table.sheet,
                            found=f"objective {code}",
                            expected="consultation",
                        )
                    )
            for row, values in table.rows:
                cell = lambda col, r=row: cell_ref(r, col)  # noqa: E731
                name = text_of(table.value(values, "participant"))
                group_raw = text_of(table.value(values, "group"))
                ratings = {
                    code: values[col - 1] if col <= len(values) else None
                    for code, col in columns.items()
                }
                if not name and not group_raw and all(is_blank(v) for v in ratings.values()):
                    continue
                where = {"sheet": table.sheet}
                if not name:
                    issues.append(
                        make_issue(
                            "rating.no_participant",
                            cell=cell(table.columns["participant"]),
                            column="participant name",
                            **where,
                        )
                    )
                    continue
                if name.casefold() in first_row:
                    issues.append(
                        make_issue(
                            "rating.duplicate_participant",
                            cell=cell(table.columns["participant"]),
                            column="participant",
                            found=name,
                            first_row=first_row[name.casefold()],
                            **where,
                        )
                    )
                    continue
                first_row[name.casefold()] = row
                group = groups.get(norm_label(group_raw))
                if not group_raw:
                    issues.append(
                        make_issue(
                            "rating.missing_group",
                            cell=cell(table.columns["group"]),
                            allowed=", ".join(settings.groups),
                            **where,
                        )
                    )
                    continue
                if group is None:
                    issues.append(
                        make_issue(
                            "rating.unknown_group",
                            cell=cell(table.columns["group"]),
                            found=group_raw,
                            allowed=", ".join(settings.groups),
                            severity=None if settings.allow_other_groups else "error",
                            **where,
                        )
                    )
                    group = group_raw
                missing = 0
                for code, value in ratings.items():
                    problem = unreadable.get(cell(columns[code]))
                    if problem is not None:
                        _report_once(problem, reported, issues)
                        continue
                    if is_blank(value):
                        missing += 1
                        continue
                    rating = parse_rating(value, low, high)
                    if rating is None:
                        issues.append(
                            make_issue(
                                "rating.invalid",
                                cell=cell(columns[code]),
                                found=text_of(value),
                                allowed=allowed,
                                **where,
                            )
                        )
                        continue
                    records.append((name, group, code, rating))
                if missing:
                    issues.append(
                        make_issue(
                            "rating.missing",
                            cell=cell(table.columns["participant"]),
                            found=missing,
                            **where,
                        )
                    )
        if not records:
            issues.append(make_issue("rating.no_ratings", expected="consultation"))
        frame = pd.DataFrame.from_records(
            records, columns=["participant", "group", "objective", "rating"]
        )
        return Consultation(
            _ratings=frame,
            issues=_with_file(issues, opened.name),
            source=_source(opened, "consultation"),
        )


# -- experts -----------------------------------------------------------------------------------

EXPERT_ALIASES = {
    "expert": ("expert", "expert name", "name", "rater"),
    "objective": ("objective", "objective code", "gcm objective", "code"),
}


def write_experts_template(
    path: str | Path,
    profile: Profile | str | Path | None = None,
    *,
    experts: int = 5,
    ratings: pd.DataFrame | None = None,
) -> Path:
    """Write the expert ratings template (``mgi template --kind experts``).

    A block of 23 rows (one per objective) for each expert; one rating column per expert
    criterion of the profile, with its direction explained on the Instructions sheet.
    ``ratings`` (long table: expert, objective, criterion, rating) fills it in.
    """
    prof = _profile(profile)
    names = list(dict.fromkeys(ratings["expert"])) if ratings is not None else []
    experts = max(experts, len(names))
    lookup = (
        ratings.set_index(["expert", "objective", "criterion"])["rating"].to_dict()
        if ratings is not None
        else {}
    )
    criteria = prof.expert_criteria()
    low, high = prof.experts.scale_min, prof.experts.scale_max
    lines = [
        "HOW TO FILL IN THIS WORKBOOK",
        f"On the {RATINGS_SHEET} sheet each expert has a block of 23 rows, one per GCM "
        "objective. Write the expert's name over 'Expert 1', 'Expert 2'... in every row of their "
        f"block, and rate each objective on each criterion from {low} to {high}. Delete nothing; "
        "unused blocks are ignored.",
        "",
        "THE CRITERIA",
    ]
    for c in criteria:
        kind = (
            "higher ratings raise the objective's priority"
            if c.direction == "benefit"
            else "higher ratings LOWER the objective's priority (a cost criterion)"
        )
        lines.append(f"{c.label}: {c.description} ({kind}).")
    lines += [
        "",
        "WHAT HAPPENS NEXT",
        "Each criterion's value for an objective is the mean of the experts' ratings. "
        "Check the file with 'mgi validate FILE.xlsx --kind experts'.",
    ]
    wb = Workbook()
    _instructions(wb, "Expert ratings of the GCM objectives", lines)
    ws = wb.create_sheet(RATINGS_SHEET)
    st.style_title(ws.cell(row=1, column=1, value="Expert ratings of the GCM objectives"))
    ws.cell(
        row=2,
        column=1,
        value=f"Ratings from {low} (lowest) to {high} (highest). See the "
        "Instructions sheet for what each criterion means.",
    )
    headers = ["Expert", "Objective", "Short label", *(c.label for c in criteria)]
    for col, text in enumerate(headers, start=1):
        st.write_text(ws.cell(row=HEADER_ROW, column=col), text)
    st.style_header(ws[HEADER_ROW])
    objectives = gcm_objectives()
    row = HEADER_ROW
    for e in range(1, experts + 1):
        for code, label in objectives["short_label"].items():
            row += 1
            expert = names[e - 1] if e <= len(names) else f"Expert {e}"
            st.write_text(ws.cell(row=row, column=1), expert)
            for k, c in enumerate(criteria):
                value = lookup.get((expert, code, c.code))
                if value is not None:
                    ws.cell(row=row, column=4 + k, value=value)
            st.write_text(ws.cell(row=row, column=2), code)
            st.write_text(ws.cell(row=row, column=3), label)
            st.style_input([ws.cell(row=row, column=1)])
            st.style_locked([ws.cell(row=row, column=2), ws.cell(row=row, column=3)], fill=True)
            st.style_input(ws[row][3 : len(headers)])
    last_col = st.get_column_letter(len(headers))
    _rating_validation(ws, f"D{HEADER_ROW + 1}:{last_col}{row}", low, high)
    st.set_widths(ws, [20, 10, 28, *([18] * len(criteria))])
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.freeze_panes = f"D{HEADER_ROW + 1}"
    st.setup_print(ws, header_row=HEADER_ROW)
    st.protect_sheet(ws)
    _objectives_sheet(wb)
    return _finish(wb, "experts", prof, path)


def read_experts(path: str | Path, profile: Profile | str | Path | None = None) -> ExpertRatings:
    """Read a completed expert ratings workbook into :class:`ExpertRatings` with every issue."""
    prof = _profile(profile)
    criteria = prof.expert_criteria()
    low, high = prof.experts.scale_min, prof.experts.scale_max
    allowed = f"{low} to {high}"
    aliases = {
        **EXPERT_ALIASES,
        **{c.code: (c.code, c.label, c.code.replace("_", " ")) for c in criteria},
    }
    with _open(path) as opened, reading(opened.path):
        issues = _check_stamp(opened, "experts")
        scan = find_tables(opened.book.worksheets, aliases, ("expert", "objective"))
        if scan.too_large:
            raise NotAWorkbookError(
                f"{opened.name} is too large.",
                path=opened.path,
                issues=_with_file(scan.too_large[:1], opened.name),
            )
        if not scan.tables:
            raise refuse(opened.path, "workbook.no_questions", allowed="Expert, Objective")
        records: list[tuple[str, str, str, float]] = []
        seen: dict[tuple[str, str], int] = {}
        for table in scan.tables:
            present = [c for c in criteria if c.code in table.columns]
            for c in criteria:
                if c.code not in table.columns:
                    issues.append(
                        make_issue(
                            "rating.missing_column",
                            sheet=table.sheet,
                            found=f'criterion "{c.label}"',
                            expected="experts",
                        )
                    )
            missing_by_expert: dict[str, tuple[int, str]] = {}
            unreadable = _unreadable_cells(opened, table.worksheet, table.sheet, table.header_row)
            reported: set[int] = set()
            for row, values in table.rows:
                where = {"sheet": table.sheet}
                ratings = {c.code: table.value(values, c.code) for c in present}
                hidden = any((table.ref(row, c.code) or "") in unreadable for c in present)
                if all(is_blank(v) for v in ratings.values()) and not hidden:
                    continue  # an unused block or an unrated row
                expert = text_of(table.value(values, "expert"))
                objective_raw = table.value(values, "objective")
                if not expert:
                    issues.append(
                        make_issue(
                            "rating.no_participant",
                            column="expert name",
                            cell=table.ref(row, "expert"),
                            **where,
                        )
                    )
                    continue
                code = _objective_of(objective_raw)
                if code is None:
                    issues.append(
                        make_issue(
                            "rating.unknown_objective",
                            cell=table.ref(row, "objective"),
                            found=text_of(objective_raw),
                            **where,
                        )
                    )
                    continue
                key = (expert.casefold(), code)
                if key in seen:
                    issues.append(
                        make_issue(
                            "rating.duplicate_participant",
                            cell=table.ref(row, "objective"),
                            column="expert and objective",
                            found=f"{expert} / {code}",
                            first_row=seen[key],
                            **where,
                        )
                    )
                    continue
                seen[key] = row
                for c in present:
                    value = ratings[c.code]
                    problem = unreadable.get(table.ref(row, c.code) or "")
                    if problem is not None:
                        _report_once(problem, reported, issues)
                        continue
                    if is_blank(value):
                        count, cell = missing_by_expert.get(expert, (0, table.ref(row, c.code)))
                        missing_by_expert[expert] = (count + 1, cell)
                        continue
                    rating = parse_rating(value, low, high)
                    if rating is None:
                        issues.append(
                            make_issue(
                                "rating.invalid",
                                cell=table.ref(row, c.code),
                                found=text_of(value),
                                allowed=allowed,
                                **where,
                            )
                        )
                        continue
                    records.append((expert, code, c.code, rating))
            for count, cell in missing_by_expert.values():
                issues.append(
                    make_issue("rating.missing", sheet=table.sheet, cell=cell, found=count)
                )
        if not records:
            issues.append(make_issue("rating.no_ratings", expected="experts"))
        frame = pd.DataFrame.from_records(
            records, columns=["expert", "objective", "criterion", "rating"]
        )
        return ExpertRatings(
            _ratings=frame,
            issues=_with_file(issues, opened.name),
            source=_source(opened, "experts"),
        )


# -- weights -----------------------------------------------------------------------------------

WEIGHT_LABELS = {
    "participant": ("participant", "participant name", "name"),
    "participant_weight": ("participant weight", "weight of this participant", "voting weight"),
    "method": ("method", "weighting method", "mode"),
}
POINTS_ALIASES = {
    "criterion": ("criterion", "criterion code", "code"),
    "points": ("points", "points (direct weights)"),
    "rank": ("rank", "ranking", "rank (1 = most important)"),
}
SAATY_HELP = (
    "Saaty scale: 1 = equally important, 3 = moderately more important, 5 = strongly, "
    "7 = very strongly, 9 = extremely more important; 2, 4, 6, 8 in between. Write the "
    "judgement of the ROW criterion against the COLUMN criterion; if the column criterion is "
    "the more important one, write the reciprocal (1/3, 1/5...)."
)


def write_weights_template(
    path: str | Path,
    profile: Profile | str | Path | None = None,
    *,
    participants: int = 5,
    judgements: Sequence[Judgement] = (),
) -> Path:
    """Write the working-group weights template (``mgi template --kind weights``).

    One sheet per participant with three ways to give weights (choose one in the Method
    cell): points per criterion, a ranking of the criteria, or pairwise comparisons.
    ``judgements`` fills in one sheet per judgement (pairwise: the cells above the diagonal).
    """
    prof = _profile(profile)
    participants = max(participants, len(judgements))
    criteria = prof.criteria
    n = len(criteria)
    wb = Workbook()
    lines = [
        "HOW TO FILL IN THIS WORKBOOK",
        "Each member of the working group fills one sheet (Participant 1, Participant 2...). "
        "Write your name, then choose ONE method in the Method cell and fill in its section:",
        "points: share points (for example 100) among the criteria; an empty cell counts as 0.",
        "ranking: rank the criteria, 1 = most important (equal ranks are allowed); they become "
        "rank-order centroid weights.",
        "pairwise: compare every pair of criteria in the yellow cells above the diagonal. "
        + SAATY_HELP,
        "The participant weight (default 1) lets the group give members different weight.",
        "",
        "THE CRITERIA",
        *(f"{c.code}: {c.label}. {c.description}" for c in criteria),
        "",
        "WHAT HAPPENS NEXT",
        "Pairwise judgements are checked for consistency (consistency ratio CR at most 0.10); "
        "an inconsistent matrix is reported with the judgement that deviates most and a value "
        "that would fit. The group's weights combine all participants: when all used pairwise "
        "comparisons, by the geometric mean of their judgements (group AHP); otherwise by the "
        "mean of their weights. Check the file with 'mgi validate FILE.xlsx --kind weights'.",
    ]
    _instructions(wb, "Working-group weights of the prioritisation criteria", lines)
    methods = list(WEIGHT_METHODS)
    names = st.add_list_sheet(wb, {"methods": methods}, title=LISTS_SHEET)
    for p in range(1, participants + 1):
        ws = wb.create_sheet(f"Participant {p}", index=p)
        st.style_title(ws.cell(row=1, column=1, value=f"Weights of participant {p}"))
        labels = [("Participant", None), ("Participant weight", 1), ("Method", None)]
        for offset, (label, value) in enumerate(labels):
            row = 3 + offset
            ws.cell(row=row, column=1, value=label).font = st.Font(bold=True)
            cell = ws.cell(row=row, column=2, value=value)
            st.style_input([cell])
        st.add_dropdown(ws, ["B5"], names["methods"], methods, what="method")
        top = 7
        for col, text in enumerate(["Criterion", "Label", "Points", "Rank"], start=1):
            ws.cell(row=top, column=col, value=text)
        st.style_header(ws[top][:4])
        for i, c in enumerate(criteria, start=1):
            row = top + i
            st.write_text(ws.cell(row=row, column=1), c.code)
            st.write_text(ws.cell(row=row, column=2), c.label)
            st.style_locked([ws.cell(row=row, column=1), ws.cell(row=row, column=2)], fill=True)
            st.style_input([ws.cell(row=row, column=3), ws.cell(row=row, column=4)])
        pair_title = top + n + 2
        st.style_title(ws.cell(row=pair_title, column=1, value="Pairwise comparisons"), size=12)
        help_cell = ws.cell(row=pair_title + 1, column=1, value=SAATY_HELP)
        help_cell.alignment = st.Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(
            start_row=pair_title + 1, start_column=1, end_row=pair_title + 1, end_column=2 + n
        )
        ws.row_dimensions[pair_title + 1].height = 60
        head = pair_title + 2
        ws.cell(row=head, column=1, value="Row criterion vs column criterion")
        for j, c in enumerate(criteria, start=2):
            ws.cell(row=head, column=j, value=c.code)
        st.style_header(ws[head][: n + 1])
        for i, c in enumerate(criteria):
            row = head + 1 + i
            st.write_text(ws.cell(row=row, column=1), c.code)
            st.style_header([ws.cell(row=row, column=1)])
            for j in range(n):
                cell = ws.cell(row=row, column=2 + j)
                if i == j:
                    cell.value = 1
                    st.style_locked([cell], fill=True)
                elif j > i:
                    st.style_input([cell])
                else:
                    st.style_locked([cell], fill=True)
        if p <= len(judgements):
            _fill_judgement(ws, judgements[p - 1], [c.code for c in criteria], top, head)
        st.set_widths(ws, [34, 40, *([14] * n)])
        st.setup_print(ws)
        st.protect_sheet(ws)
    return _finish(wb, "weights", prof, path)


def _fill_judgement(ws: Any, item: Judgement, codes: list[str], top: int, head: int) -> None:
    st.write_text(ws.cell(row=3, column=2), item.participant)
    ws.cell(row=4, column=2, value=item.weight)
    st.write_text(ws.cell(row=5, column=2), item.mode)
    if item.mode in ("points", "ranking"):
        column = 3 if item.mode == "points" else 4
        for i, code in enumerate(codes, start=1):
            value = item.values.get(code)
            if value is not None and not pd.isna(value):
                ws.cell(row=top + i, column=column, value=float(value))
        return
    matrix = item.values.reindex(index=codes, columns=codes).to_numpy(float)
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            ws.cell(row=head + 1 + i, column=2 + j, value=_saaty_text(matrix[i, j]))


def _saaty_text(value: float) -> float | str:
    """A judgement as people write it: whole numbers as numbers, reciprocals as ``1/k``."""
    if value >= 1:
        return int(value) if float(value).is_integer() else round(float(value), 4)
    inverse = 1 / value
    return f"1/{round(inverse)}" if abs(inverse - round(inverse)) < 1e-9 else round(value, 4)


def _parse_judgement(value: Any) -> float | None:
    """A pairwise judgement: a number or a fraction such as ``1/3``; ``None`` if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        if "/" in text:
            top, _, bottom = text.partition("/")
            try:
                number = float(top) / float(bottom)
            except (ValueError, ZeroDivisionError):
                return None
        else:
            try:
                number = float(text)
            except ValueError:
                return None
    elif isinstance(value, int | float):
        number = float(value)
    else:
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    return number


def _method_of(value: Any) -> str | None:
    key = norm_label(text_of(value))
    for method, names in WEIGHT_METHODS.items():
        if key in names:
            return method
    return None


def read_weights(path: str | Path, profile: Profile | str | Path | None = None) -> WeightJudgements:
    """Read a completed weights workbook into :class:`WeightJudgements` with every issue.

    Every participant sheet (one with a "Participant" label) is read: the chosen method's
    section must be complete and valid; pairwise matrices must be reciprocal (tolerance
    :data:`RECIPROCAL_RTOL`) with judgements between 1/9 and 9; an inconsistent matrix
    (CR > 0.10) gives a warning naming the judgement that deviates most.
    """
    prof = _profile(profile)
    codes = [c.code for c in prof.criteria]
    label_of = {norm_label(c.code): c.code for c in prof.criteria}
    label_of.update({norm_label(c.label): c.code for c in prof.criteria})
    n = len(codes)
    judgements: list[Judgement] = []
    with _open(path) as opened, reading(opened.path):
        issues = _check_stamp(opened, "weights")
        for ws in opened.book.worksheets:
            pairs = read_pairs(ws, WEIGHT_LABELS, max_rows=10)
            if "participant" not in pairs:
                continue
            rows = list(ws.iter_rows(values_only=True, max_row=200))
            unreadable = _unreadable_cells(opened, ws, ws.title, 6)
            found = _read_participant(ws.title, rows, pairs, codes, label_of, n, unreadable)
            issues += found[1]
            if found[0] is not None:
                judgements.append(found[0])
        if not judgements and not any(i.is_error for i in issues):
            issues.append(make_issue("weights.no_participants"))
        return WeightJudgements(
            judgements=tuple(judgements),
            criteria=tuple(codes),
            issues=_with_file(issues, opened.name),
            source=_source(opened, "weights"),
        )


def _read_participant(
    sheet: str,
    rows: list[tuple[Any, ...]],
    pairs: dict[str, tuple[Any, str]],
    codes: list[str],
    label_of: dict[str, str],
    n: int,
    unreadable: dict[str, Issue] | None = None,
) -> tuple[Judgement | None, list[Issue]]:
    issues: list[Issue] = []
    where = {"sheet": sheet}
    unreadable = unreadable or {}
    name = text_of(pairs["participant"][0])
    points: dict[str, tuple[Any, str]] = {}
    ranks: dict[str, tuple[Any, str]] = {}
    matrix: dict[tuple[str, str], tuple[Any, str]] = {}
    header: tuple[int, dict[str, int]] | None = None
    pair_cols: dict[int, str] = {}
    for r, values in enumerate(rows, start=1):
        labels = [norm_label(v) if isinstance(v, str) else "" for v in values]
        if header is None and "criterion" in labels and ("points" in labels or "rank" in labels):
            header = (
                r,
                {k: labels.index(k) for k in ("criterion", "points", "rank") if k in labels},
            )
            continue
        if header is not None and not pair_cols:
            cols = header[1]
            code = (
                label_of.get(labels[cols["criterion"]]) if cols["criterion"] < len(labels) else None
            )
            if code is not None and r <= header[0] + n:
                for key, store in (("points", points), ("rank", ranks)):
                    if key in cols and cols[key] < len(values):
                        store[code] = (values[cols[key]], cell_ref(r, cols[key] + 1))
                continue
        matched = {i: label_of[lab] for i, lab in enumerate(labels) if i > 0 and lab in label_of}
        if (
            not pair_cols
            and len(matched) >= max(2, n - 1)
            and len(set(matched.values())) == len(matched)
        ):
            pair_cols = matched
            continue
        if pair_cols and values and isinstance(values[0], str):
            row_code = label_of.get(norm_label(values[0]))
            if row_code is None:
                continue
            for i, col_code in pair_cols.items():
                if i < len(values):
                    matrix[(row_code, col_code)] = (values[i], cell_ref(r, i + 1))
    used = [cell for _, cell in (*points.values(), *ranks.values(), *matrix.values())]
    hidden = list(dict.fromkeys(id(unreadable[c]) for c in used if c in unreadable))
    if hidden:
        by_id = {id(issue): issue for issue in unreadable.values()}
        return None, [by_id[i] for i in hidden]
    if not name:
        filled = any(not is_blank(v[0]) for v in (*points.values(), *ranks.values())) or any(
            not is_blank(v[0]) and k[0] != k[1] for k, v in matrix.items()
        )
        if filled:
            issues.append(
                make_issue(
                    "rating.no_participant",
                    column="participant name",
                    cell=pairs["participant"][1],
                    **where,
                )
            )
        return None, issues
    weight_raw, weight_cell = pairs.get("participant_weight", (None, ""))
    weight = 1.0
    if not is_blank(weight_raw):
        parsed = _parse_judgement(weight_raw)
        if parsed is None and not (isinstance(weight_raw, int | float) and weight_raw == 0):
            issues.append(
                make_issue(
                    "weights.bad_value",
                    column="participant weight",
                    found=text_of(weight_raw),
                    cell=weight_cell,
                    allowed="Write a number of 0 or more (default 1).",
                    **where,
                )
            )
        weight = parsed if parsed is not None else 0.0
    has_points = any(not is_blank(v) for v, _ in points.values())
    has_ranks = any(not is_blank(v) for v, _ in ranks.values())
    has_pairs = any(not is_blank(v) for (a, b), (v, _) in matrix.items() if a != b)
    method_raw, method_cell = pairs.get("method", (None, ""))
    method = _method_of(method_raw)
    if not is_blank(method_raw) and method is None:
        issues.append(
            make_issue(
                "weights.bad_value",
                column="method",
                found=text_of(method_raw),
                cell=method_cell,
                allowed="Choose points, ranking or pairwise.",
                **where,
            )
        )
        return None, issues
    if method is None:
        filled = [
            m
            for m, flag in (("points", has_points), ("ranking", has_ranks), ("pairwise", has_pairs))
            if flag
        ]
        if not filled:
            issues.append(make_issue("weights.empty", **where))
            return None, issues
        if len(filled) > 1:
            issues.append(
                make_issue(
                    "weights.bad_value",
                    column="method",
                    found="(empty)",
                    cell=method_cell,
                    allowed=f"Several sections are filled ({', '.join(filled)}); choose the one to "
                    "use in the Method cell.",
                    **where,
                )
            )
            return None, issues
        method = filled[0]
    before = len(issues)
    if method == "points":
        values = {}
        for code in codes:
            raw, cell = points.get(code, (None, ""))
            if is_blank(raw):
                values[code] = 0.0
                continue
            number = _parse_judgement(raw)
            if number is None and not (isinstance(raw, int | float) and raw == 0):
                issues.append(
                    make_issue(
                        "weights.bad_value",
                        column="points",
                        found=text_of(raw),
                        cell=cell,
                        allowed="Write a number of 0 or more.",
                        **where,
                    )
                )
                continue
            values[code] = number or 0.0
        if len(issues) == before and not any(v > 0 for v in values.values()):
            issues.append(make_issue("weights.all_zero", **where))
        series: Any = pd.Series(values, dtype=float)
    elif method == "ranking":
        values = {}
        missing = []
        for code in codes:
            raw, cell = ranks.get(code, (None, ""))
            if is_blank(raw):
                missing.append(code)
                continue
            number = parse_rating(raw, 1, n)
            if number is None:
                issues.append(
                    make_issue(
                        "weights.bad_value",
                        column="rank",
                        found=text_of(raw),
                        cell=cell,
                        allowed=f"Write a whole number from 1 to {n}.",
                        **where,
                    )
                )
                continue
            values[code] = number
        if missing:
            issues.append(
                make_issue(
                    "weights.incomplete",
                    column="ranking",
                    found=", ".join(missing),
                    what="rank",
                    **where,
                )
            )
        series = pd.Series(values, dtype=float)
    else:
        series, pair_issues = _pairwise_matrix(matrix, codes, where)
        issues += pair_issues
    if len(issues) > before:
        return None, issues
    judgement = Judgement(participant=name, mode=method, values=series, weight=weight, sheet=sheet)
    if method == "pairwise":
        result = ahp(series.to_numpy(float))
        if not result.consistent:
            issues.append(
                make_issue(
                    "weights.inconsistent",
                    found=f"{result.cr:.2f}",
                    hint=_hint(name, result, codes),
                    **where,
                )
            )
    return judgement, issues


def _pairwise_matrix(
    cells: dict[tuple[str, str], tuple[Any, str]], codes: list[str], where: dict[str, str]
) -> tuple[pd.DataFrame, list[Issue]]:
    issues: list[Issue] = []
    n = len(codes)
    a = np.ones((n, n))
    missing = []
    for i in range(n):
        for j in range(i + 1, n):
            upper_raw, upper_cell = cells.get((codes[i], codes[j]), (None, ""))
            lower_raw, lower_cell = cells.get((codes[j], codes[i]), (None, ""))
            upper = None if is_blank(upper_raw) else _parse_judgement(upper_raw)
            lower = None if is_blank(lower_raw) else _parse_judgement(lower_raw)
            for raw, parsed, cell in (
                (upper_raw, upper, upper_cell),
                (lower_raw, lower, lower_cell),
            ):
                if not is_blank(raw) and (parsed is None or not 1 / 9 - 1e-9 <= parsed <= 9 + 1e-9):
                    issues.append(
                        make_issue(
                            "weights.bad_value",
                            column="pairwise judgement",
                            found=text_of(raw),
                            cell=cell,
                            allowed="Write a number from the Saaty scale, 1/9 to 9 "
                            "(e.g. 3 or 1/3).",
                            **where,
                        )
                    )
            if upper is None and lower is None:
                if is_blank(upper_raw) and is_blank(lower_raw):
                    missing.append(f"{codes[i]} vs {codes[j]}")
                continue
            if (
                upper is not None
                and lower is not None
                and not math.isclose(upper * lower, 1.0, rel_tol=RECIPROCAL_RTOL)
            ):
                issues.append(
                    make_issue(
                        "weights.not_reciprocal",
                        cell=lower_cell,
                        found=f"{codes[i]} vs {codes[j]} = {text_of(upper_raw)} but {codes[j]} vs "
                        f"{codes[i]} = {text_of(lower_raw)}",
                        **where,
                    )
                )
                continue
            value = upper if upper is not None else 1 / lower  # type: ignore[operator]
            a[i, j], a[j, i] = value, 1 / value
    if missing:
        issues.append(
            make_issue(
                "weights.incomplete",
                column="pairwise comparisons",
                found=", ".join(missing),
                what="comparison above the diagonal",
                **where,
            )
        )
    return pd.DataFrame(a, index=codes, columns=codes), issues


# -- one door for every kind -------------------------------------------------------------------


def write_kind_template(
    kind: str,
    path: str | Path,
    profile: Profile | str | Path | None = None,
    *,
    count: int | None = None,
) -> Path:
    """Write the template of a session workbook kind (``consultation``, ``experts``,
    ``weights``); ``count`` is the number of participant rows, expert blocks or sheets."""
    writers = {
        "consultation": (write_consultation_template, "participants", 60),
        "experts": (write_experts_template, "experts", 5),
        "weights": (write_weights_template, "participants", 5),
    }
    if kind not in writers:
        raise InputError(
            f'Unknown template kind "{kind}". Use one of: questionnaire, {", ".join(KINDS)}.'
        )
    writer, key, default = writers[kind]
    return writer(path, profile, **{key: count or default})


def read_kind(kind: str, path: str | Path, profile: Profile | str | Path | None = None) -> Any:
    """Read a session workbook of the given kind."""
    readers = {"consultation": read_consultation, "experts": read_experts, "weights": read_weights}
    return readers[kind](path, profile)
