"""The stakeholder consultation workbook: one row per participant, a 1-5 rating per objective.

The sheet is declared once (:func:`consultation_sheet`, a
:class:`~mgi.workbook.sheets.SheetSpec`) and that declaration writes the template
(:func:`write_consultation_template`, ``mgi template --kind consultation``) and reads it back
(:func:`read_consultation`). Every cell of a row is checked, so a row without a stakeholder
group still reports its other problems; an empty rating is reported at the rating's cell.

Examples
--------
>>> import tempfile, pathlib
>>> from mgi.priorities.profile import load_profile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = write_consultation_template(folder / "consultation.xlsx", load_profile())
>>> read_consultation(path, load_profile()).issues[0].rule  # an empty template has no ratings
'rating.no_ratings'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from mgi.catalogue import Issue, make_issue
from mgi.judgements import CONSULTATION_COLUMNS, Consultation
from mgi.reference import gcm_objectives
from mgi.workbook import _session as ses
from mgi.workbook.scan import norm_label
from mgi.workbook.sheets import Column, Row, SheetSpec, SheetTable, choice, whole_number

KIND = "consultation"

#: The columns every consultation sheet has, whatever the profile (used to recognise one).
PARTICIPANT = Column(
    "participant",
    "Participant",
    aliases=("participant name", "participant id", "name", "respondent"),
    required=True,
    width=22,
)
ORGANISATION = Column(
    "organisation",
    "Organisation (optional)",
    aliases=("organisation", "organization", "organization (optional)", "institution"),
    width=24,
)
GROUP_HEADERS = ("Stakeholder group", ("group", "stakeholder", "stakeholder type"))


def consultation_sheet(
    groups: tuple[str, ...] = (),
    scale: tuple[int, int] = (1, 5),
    *,
    allow_other_groups: bool = True,
    question: str = "",
) -> SheetSpec:
    """The Ratings sheet of a consultation for these stakeholder groups and rating scale."""
    low, high = scale
    header, aliases = GROUP_HEADERS
    allowed = ", ".join(groups)
    group = Column(
        "group",
        header,
        aliases=aliases,
        required=True,
        parse=choice({g: () for g in groups}),
        rule="rating.unknown_group",
        blank_rule="rating.missing_group",
        fields={"allowed": allowed, "severity": None if allow_other_groups else "error"},
        choices="groups",
        strict=not allow_other_groups,
        width=22,
    )
    ratings = tuple(
        Column(
            code,
            f"{code} {label}",
            matches=lambda h, code=code: ses.objective_of(h) == code,
            parse=whole_number(low, high),
            rule="rating.invalid",
            fields={"allowed": f"{low} to {high}"},
            validation=(low, high),
            width=11,
        )
        for code, label in gcm_objectives()["short_label"].items()
    )
    return SheetSpec(
        title=ses.RATINGS_SHEET,
        columns=(PARTICIPANT, group, ORGANISATION, *ratings),
        header_row=ses.HEADER_ROW,
        heading="Stakeholder ratings of the GCM objectives",
        note=f"{question} Rate {low} (lowest) to {high} (highest).".strip(),
        kind=KIND,
        missing_rule="rating.missing_column",
        header_height=60,
        freeze="organisation",
    )


#: The sheet as far as it does not depend on a profile (headers that identify the kind).
CONSULTATION_SHEET = consultation_sheet()


def _sheet_of(profile: ses.SessionProfile) -> SheetSpec:
    settings = profile.consultation
    return consultation_sheet(
        tuple(settings.groups),
        (settings.scale_min, settings.scale_max),
        allow_other_groups=settings.allow_other_groups,
        question=settings.question,
    )


def write_consultation_template(
    path: str | Path,
    profile: ses.SessionProfile,
    *,
    participants: int = 60,
    ratings: pd.DataFrame | None = None,
) -> Path:
    """Write the stakeholder consultation template (``mgi template --kind consultation``).

    One row per participant with a drop-down of the profile's stakeholder groups and a rating
    cell per GCM objective; an Objectives sheet with the official titles.

    Parameters
    ----------
    profile
        The prioritisation profile (groups, scale, question), e.g.
        :func:`mgi.priorities.load_profile`.
    ratings
        Optional long table (participant, group, objective, rating, and optionally
        organisation) to fill in, e.g. ratings collected with an online form.
    """
    from openpyxl import Workbook

    from mgi.workbook import style as st

    settings = profile.consultation
    low, high = settings.scale_min, settings.scale_max
    spec = _sheet_of(profile)
    wb = Workbook()
    ses.instructions(
        wb,
        "Stakeholder consultation on the GCM objectives",
        [
            "HOW TO FILL IN THIS WORKBOOK",
            f"The question: {settings.question}",
            f"On the {ses.RATINGS_SHEET} sheet, each participant fills one row: their name or a "
            "code, their stakeholder group (drop-down), optionally their organisation, and a "
            f"rating from {low} (not relevant or urgent) to {high} (most relevant and urgent) "
            "for each of the 23 objectives. Leave a cell empty if the participant did not rate "
            "an objective.",
            f"The {ses.OBJECTIVES_SHEET} sheet gives the official title of each objective.",
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
    lists = st.add_list_sheet(wb, {"groups": list(settings.groups)}, title=ses.LISTS_SHEET)
    spec.write(
        wb,
        rows=participants,
        values=_rows_of(ratings) if ratings is not None else (),
        lists=lists,
        list_labels={"groups": list(settings.groups)},
        index=1,
    )
    ses.objectives_sheet(wb)
    return ses.finish(wb, KIND, profile, path)


def _rows_of(ratings: pd.DataFrame) -> list[dict[str, Any]]:
    """One row per participant from a long table of ratings."""
    rows = []
    for name, block in ratings.groupby("participant", sort=False):
        row: dict[str, Any] = {"participant": str(name), "group": str(block["group"].iloc[0])}
        if "organisation" in block:
            row["organisation"] = str(block["organisation"].iloc[0])
        row.update(zip(block["objective"], block["rating"], strict=True))
        rows.append(row)
    return rows


def read_consultation(path: str | Path, profile: ses.SessionProfile) -> Consultation:
    """Read a completed consultation workbook into a
    :class:`~mgi.judgements.Consultation` with every issue.

    Raises
    ------
    NotAWorkbookError
        When the file cannot be read as a consultation at all (one issue says why).
    """
    spec = _sheet_of(profile)
    codes = list(gcm_objectives().index)
    records: list[tuple[str, str, str, float]] = []
    first_row: dict[str, int] = {}

    def on_row(table: SheetTable, row: Row, issues: list[Issue]) -> None:
        name = row.values["participant"]
        where = {"sheet": row.sheet}
        if not name:
            issues.append(
                make_issue(
                    "rating.no_participant",
                    cell=row.cells["participant"],
                    column="participant name",
                    **where,
                )
            )
            return
        key = norm_label(name)
        if key in first_row:
            issues.append(
                make_issue(
                    "rating.duplicate_participant",
                    cell=row.cells["participant"],
                    column="participant",
                    found=name,
                    first_row=first_row[key],
                    **where,
                )
            )
            return
        first_row[key] = row.number
        group = row.values["group"]
        if group is None and row.filled("group") and "group" in row.problems:
            if row.problems["group"].is_error:
                return
            group = str(row.raw["group"]).strip()  # another group, kept as its own
        if group is None:
            return  # no group: reported as a cell problem
        empty = [row.cells[c] for c in codes if c in row.cells and not row.filled(c)]
        empty = [ref for ref in empty if ref not in {p.cell for p in row.problems.values()}]
        if empty:
            issues.append(
                make_issue(
                    "rating.missing",
                    cell=empty[0],
                    found=len(empty),
                    cells=", ".join(empty),
                    **where,
                )
            )
        records.extend(
            (name, group, code, row.values[code])
            for code in codes
            if row.values.get(code) is not None
        )

    read = ses.read_table_kind(path, KIND, spec, on_row)
    issues = read.issues
    if not records:
        issues.append(make_issue("rating.no_ratings", expected=KIND))
    frame = pd.DataFrame.from_records(records, columns=list(CONSULTATION_COLUMNS))
    return Consultation(
        _ratings=frame, issues=ses.with_file(issues, read.source.file_name), source=read.source
    )
