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

#: The columns every consultation sheet has, whatever the profile (used to recognise one): key
#: -> (other headers accepted, width). Each language's header is the catalogue entry
#: ``workbook.consultation.<key>``; the headers of every language are accepted.
FIXED_COLUMNS = {
    "participant": (("participant name", "participant id", "name", "respondent"), 22),
    "group": (("group", "stakeholder", "stakeholder type"), 22),
    "organisation": (
        ("organisation", "organization", "organization (optional)", "institution"),
        24,
    ),
}


def fixed_column(key: str, lang: str, **settings: Any) -> Column:
    """One of :data:`FIXED_COLUMNS`, its header in ``lang``."""
    from mgi.i18n import every_text

    aliases, width = FIXED_COLUMNS[key]
    word = f"workbook.consultation.{key}"
    return Column(
        key,
        ses.word(word, lang),
        aliases=(*aliases, *every_text(word)),
        width=width,
        **settings,
    )


PARTICIPANT = fixed_column("participant", "en", required=True)
ORGANISATION = fixed_column("organisation", "en")


def consultation_sheet(
    groups: tuple[str, ...] = (),
    scale: tuple[int, int] = (1, 5),
    *,
    allow_other_groups: bool = True,
    question: str = "",
    lang: str = "en",
) -> SheetSpec:
    """The Ratings sheet of a consultation for these stakeholder groups and rating scale, its
    words in ``lang``; it reads a sheet written in any language (headers and group names)."""
    from mgi.i18n import content, translations

    low, high = scale
    allowed = ", ".join(groups)
    group = fixed_column(
        "group",
        lang,
        required=True,
        parse=choice({g: translations("stakeholder_groups", g, "label")[1:] for g in groups}),
        rule="rating.unknown_group",
        blank_rule="rating.missing_group",
        fields={"allowed": allowed, "severity": None if allow_other_groups else "error"},
        choices="groups",
        strict=not allow_other_groups,
    )
    ratings = tuple(
        Column(
            code,
            f"{code} {content('gcm_objectives', code, 'short_label', lang)}",
            matches=lambda h, code=code: ses.objective_of(h) == code,
            parse=whole_number(low, high),
            rule="rating.invalid",
            fields={"allowed": ses.word("workbook.range", lang, low=low, high=high)},
            validation=(low, high),
            width=11,
        )
        for code in gcm_objectives().index
    )
    return SheetSpec(
        title=ses.word("sheet.ratings", lang),
        columns=(
            fixed_column("participant", lang, required=True),
            group,
            fixed_column("organisation", lang),
            *ratings,
        ),
        header_row=ses.HEADER_ROW,
        heading=ses.word("workbook.consultation.heading", lang),
        note=" ".join(
            p for p in (question, ses.word("workbook.rate", lang, low=low, high=high)) if p
        ),
        kind=KIND,
        missing_rule="rating.missing_column",
        header_height=60,
        freeze="organisation",
    )


#: The sheet as far as it does not depend on a profile (headers that identify the kind).
CONSULTATION_SHEET = consultation_sheet()


def _sheet_of(profile: ses.SessionProfile, lang: str = "en") -> SheetSpec:
    settings = profile.consultation
    return consultation_sheet(
        tuple(settings.groups),
        (settings.scale_min, settings.scale_max),
        allow_other_groups=settings.allow_other_groups,
        question=question_text(settings.question, lang),
        lang=lang,
    )


def question_text(question: str, lang: str) -> str:
    """The profile's consultation question in ``lang``: the default profile's question is
    translated in the catalogues; another question is the profile's own words."""
    from mgi.i18n import every_text

    key = "workbook.consultation.question"
    return ses.word(key, lang) if question in every_text(key) else question


def write_consultation_template(
    path: str | Path,
    profile: ses.SessionProfile,
    *,
    participants: int = 60,
    ratings: pd.DataFrame | None = None,
    lang: str | None = None,
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
    lang
        The language of the template (default: the language of the work in progress).
    """
    from openpyxl import Workbook

    from mgi.i18n import current_language, translate
    from mgi.workbook import style as st

    lang = lang or current_language()
    settings = profile.consultation
    low, high = settings.scale_min, settings.scale_max
    spec = _sheet_of(profile, lang)
    groups = [translate("stakeholder_groups", g, "label", lang) for g in settings.groups]
    weighting = "equal" if settings.group_weights == "equal" else "profile"
    wb = Workbook()
    ses.instructions(
        wb,
        ses.word("workbook.consultation.title", lang),
        [
            ses.heading("workbook.how_to_fill", lang),
            ses.word("workbook.consultation.the_question", lang, question=spec.note),
            ses.word(
                "workbook.consultation.fill",
                lang,
                sheet=spec.title,
                low=low,
                high=high,
            ),
            ses.word(
                "workbook.consultation.objectives", lang, sheet=ses.word("sheet.gcm_list", lang)
            ),
            ses.word("workbook.consultation.groups", lang, groups=", ".join(groups))
            + (
                " " + ses.word("workbook.consultation.other_groups", lang)
                if settings.allow_other_groups
                else ""
            ),
            "",
            ses.heading("workbook.what_next", lang),
            ses.word(f"workbook.consultation.next_{weighting}", lang),
            ses.word("workbook.check", lang, kind=KIND),
        ],
        lang,
    )
    lists = st.add_list_sheet(wb, {"groups": groups}, title=ses.word("sheet.lists", lang))
    spec.write(
        wb,
        rows=participants,
        values=_rows_of(ratings, lang) if ratings is not None else (),
        lists=lists,
        list_labels={"groups": groups},
        index=1,
        lang=lang,
    )
    ses.objectives_sheet(wb, lang)
    return ses.finish(wb, KIND, profile, path, lang)


def _rows_of(ratings: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """One row per participant from a long table of ratings (groups written in ``lang``)."""
    from mgi.i18n import translate

    rows = []
    for name, block in ratings.groupby("participant", sort=False):
        group = translate("stakeholder_groups", str(block["group"].iloc[0]), "label", lang)
        row: dict[str, Any] = {"participant": str(name), "group": group}
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
