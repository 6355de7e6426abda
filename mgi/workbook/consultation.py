"""The stakeholder consultation workbook: one row per respondent, one question at a time.

For each of the 23 GCM objectives the respondent answers each of the profile's questions
(``relevance``, then ``urgency``; or the first template's one combined question) on the
profile's scale, or "don't know", which is never a rating: it is kept apart, counted and left
out of every mean. The respondent's group is required; organisation, sex, age band, country
and municipality of residence are optional and only counted. The template is written in a
language of the catalogues (``lang``; default: the language of the work in progress): sheet
names, instructions, headers, the plain-language
statement of every objective (the content table ``gcm_objectives``, column ``statement``),
the questions, the groups and the options; the reader accepts the headers, groups, options and
"don't know" of every language, so a workbook filled in Albanian and one filled in English are
read alike.

The sheet is declared once (:func:`consultation_sheet`, a
:class:`~mgi.workbook.sheets.SheetSpec`) and that declaration writes the template
(:func:`write_consultation_template`, ``mgi template --kind consultation``) and reads it back
(:func:`read_consultation`). Every cell of a row is checked, so a row without a stakeholder
group still reports its other problems; an empty answer is reported at its cell.

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

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from mgi.catalogue import Issue, make_issue
from mgi.judgements import (
    ATTRIBUTES,
    COMBINED_QUESTION,
    CONSULTATION_COLUMNS,
    DONT_KNOW_COLUMNS,
    Consultation,
)
from mgi.reference import gcm_objectives
from mgi.workbook import _session as ses
from mgi.workbook.scan import norm_label
from mgi.workbook.sheets import Column, Row, SheetSpec, SheetTable, choice, number

KIND = "consultation"
#: What a "don't know" answer is read as (never a rating).
DONT_KNOW = "dont_know"
#: Catalogue key of the name of the sheet of the plain-language statements of the objectives.
QUESTIONS_SHEET = "sheet.questions"
#: Spellings of "don't know" accepted besides the catalogues' labels.
_DONT_KNOW_ALIASES = ("dk", "d/k", "?", "dont know", "do not know", "n/k", "s'e di", "nuk di")
#: Options of the attributes that have a closed list (the others are free text).
_OPTION_ATTRIBUTES = ("sex", "age_band")


# -- texts in the catalogues' languages ----------------------------------------------------------


def _text(key: str, lang: str, **fields: Any) -> str:
    from mgi.i18n import text

    return text(key, lang, **fields)


def _every_language(key: str) -> tuple[str, ...]:
    """The text of a catalogue key in every language (header aliases)."""
    from mgi.i18n import languages

    return tuple(dict.fromkeys(_text(key, lang) for lang in languages()))


def _content(table: str, code: str, column: str, lang: str, default: str | None = None) -> str:
    from mgi.i18n import content

    return str(content(table, code, column, lang, default=default))


def _content_everywhere(table: str, code: str, column: str) -> tuple[str, ...]:
    from mgi.i18n import languages

    return tuple(dict.fromkeys(_content(table, code, column, lang) for lang in languages()))


@lru_cache(maxsize=1)
def _group_codes() -> dict[str, str]:
    """English label of a stakeholder group → its code in the content table."""
    from mgi.i18n import codes

    return {
        _content("stakeholder_groups", c, "label", "en"): c for c in codes("stakeholder_groups")
    }


def _person_key(name: Any) -> str:
    """A respondent's name as compared for duplicates: case and spacing ignored, letters kept
    (Albanian "Ela" and "Ëla" are two people)."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", str(name)).casefold().split())


def known_group(label: str) -> bool:
    """Whether ``label`` is the English label of a stakeholder group of the catalogues."""
    return label in _group_codes()


def group_label(group: str, lang: str) -> str:
    """A profile's group (its English label) in ``lang``; a group the catalogues do not know
    is written as the profile gives it."""
    code = _group_codes().get(group)
    return group if code is None else _content("stakeholder_groups", code, "label", lang)


def _group_aliases(group: str) -> tuple[str, ...]:
    code = _group_codes().get(group)
    if code is None:
        return ()
    return (code, *_content_everywhere("stakeholder_groups", code, "label"))


@lru_cache(maxsize=1)
def _options() -> dict[str, dict[str, tuple[str, ...]]]:
    """Attribute → English label of each option → the spellings accepted for it."""
    from mgi.i18n import codes

    out: dict[str, dict[str, tuple[str, ...]]] = {a: {} for a in _OPTION_ATTRIBUTES}
    for code in codes("consultation_options"):
        attribute, _, option = code.partition(".")
        if attribute in out:
            english = _content("consultation_options", code, "label", "en")
            labels = _content_everywhere("consultation_options", code, "label")
            out[attribute][english] = (option, option.replace("_", "-"), *labels)
    return out


def option_labels(attribute: str, lang: str) -> list[str]:
    """The options of a closed-list attribute (``sex``, ``age_band``) in ``lang``."""
    from mgi.i18n import codes

    prefix = f"{attribute}."
    return [
        _content("consultation_options", c, "label", lang)
        for c in codes("consultation_options")
        if c.startswith(prefix)
    ]


def dont_know_label(lang: str) -> str:
    """ "Don't know" in ``lang``."""
    return _content("consultation_options", DONT_KNOW, "label", lang)


def question_label(question: str, lang: str) -> str:
    """The word of a question in a column header (``relevance``)."""
    return _content("consultation_questions", question, "label", lang)


def question_text(question: str, lang: str) -> str:
    """The question put to respondents."""
    return _content("consultation_questions", question, "text", lang)


# -- the sheet -----------------------------------------------------------------------------------


def rating_or_dont_know(low: int, high: int) -> Any:
    """A parser of a rating (a whole number from ``low`` to ``high``) or of "don't know" in
    any language, read as :data:`DONT_KNOW`.

    Examples
    --------
    >>> parse = rating_or_dont_know(1, 5)
    >>> parse("4"), parse("Nuk e di"), parse("Don't know")
    (4.0, 'dont_know', 'dont_know')
    """
    spellings = {
        norm_label(a)
        for a in (
            *_content_everywhere("consultation_options", DONT_KNOW, "label"),
            *_DONT_KNOW_ALIASES,
        )
    }

    def parse(value: Any) -> float | str:
        if isinstance(value, str) and norm_label(value) in spellings:
            return DONT_KNOW
        found = number(value)
        if not found.is_integer() or not low <= found <= high:
            raise ValueError(f"not a whole number from {low} to {high}")
        return found

    return parse


def _rating_header_matches(code: str, question: str, single: bool) -> Any:
    words = {
        norm_label(w) for w in _content_everywhere("consultation_questions", question, "label")
    }
    others = {
        norm_label(w)
        for q in ("relevance", "urgency", "priority")
        if q != question
        for w in _content_everywhere("consultation_questions", q, "label")
    }

    def matches(header: Any) -> bool:
        if ses.objective_of(header) != code:
            return False
        text = norm_label(header)
        if single:  # one question: the first template's "GCM07 Vulnerabilities" too
            return not any(w in text for w in others - words)
        return any(w in text for w in words)

    return matches


def consultation_sheet(
    groups: tuple[str, ...] = (),
    scale: tuple[int, int] = (1, 5),
    *,
    allow_other_groups: bool = True,
    question: str = "",
    questions: Sequence[str] = (COMBINED_QUESTION,),
    attributes: Sequence[str] = (),
    lang: str = "en",
) -> SheetSpec:
    """The Ratings sheet of a consultation for these stakeholder groups, rating scale,
    questions and optional respondent attributes, with its headers in ``lang``."""
    low, high = scale
    labels = [group_label(g, lang) for g in groups]
    participant = Column(
        "participant",
        _text("template.consultation.column.participant", lang),
        aliases=(
            *_every_language("template.consultation.column.participant"),
            "participant name",
            "participant id",
            "name",
            "respondent",
        ),
        required=True,
        width=22,
    )
    group = Column(
        "group",
        _text("template.consultation.column.group", lang),
        aliases=(
            *_every_language("template.consultation.column.group"),
            "group",
            "stakeholder",
            "stakeholder type",
        ),
        required=True,
        parse=choice({g: _group_aliases(g) for g in groups}),
        rule="rating.unknown_group",
        blank_rule="rating.missing_group",
        fields={"allowed": ", ".join(labels), "severity": None if allow_other_groups else "error"},
        choices="groups",
        strict=not allow_other_groups,
        width=24,
    )
    organisation = Column(
        "organisation",
        _text("template.consultation.column.organisation", lang),
        aliases=(
            *_every_language("template.consultation.column.organisation"),
            "organisation",
            "organization",
            "organization (optional)",
            "institution",
        ),
        width=22,
    )
    people = []
    for attribute in attributes:
        key = f"template.consultation.column.{attribute}"
        closed = attribute in _OPTION_ATTRIBUTES
        people.append(
            Column(
                attribute,
                _text(key, lang),
                aliases=_every_language(key),
                parse=choice(_options()[attribute]) if closed else None,
                rule="rating.unknown_option" if closed else "",
                fields={
                    "allowed": ", ".join(option_labels(attribute, lang)) if closed else "",
                    "column": _text(key, lang),
                },
                choices=attribute if closed else None,
                strict=False,
                width=16 if closed else 20,
            )
        )
    single = len(questions) == 1
    allowed = _text(
        "template.consultation.allowed", lang, low=low, high=high, dont_know=dont_know_label(lang)
    )
    ratings = tuple(
        Column(
            f"{code}|{q}",
            f"{code} {label}" if single else f"{code} {question_label(q, lang)}",
            matches=_rating_header_matches(code, q, single),
            parse=rating_or_dont_know(low, high),
            rule="rating.invalid_answer",
            fields={"allowed": allowed},
            choices="answers",
            width=11,
        )
        for code, label in gcm_objectives()["short_label"].items()
        for q in questions
    )
    note = _text(
        "template.consultation.note", lang, low=low, high=high, dont_know=dont_know_label(lang)
    )
    return SheetSpec(
        title=ses.word("sheet.ratings", lang),
        columns=(participant, group, organisation, *people, *ratings),
        header_row=ses.HEADER_ROW,
        heading=_text("template.consultation.heading", lang),
        note=f"{question} {note}".strip() if single and question else note,
        kind=KIND,
        used_when=("participant", "group", *(c.key for c in ratings)),
        missing_rule="rating.missing_column",
        header_height=60,
        freeze=people[-1].key if people else "organisation",
    )


#: The sheet as far as it does not depend on a profile (headers that identify the kind).
CONSULTATION_SHEET = consultation_sheet()


def _sheet_of(profile: ses.SessionProfile, lang: str = "en") -> SheetSpec:
    settings = profile.consultation
    return consultation_sheet(
        tuple(settings.groups),
        (settings.scale_min, settings.scale_max),
        allow_other_groups=settings.allow_other_groups,
        question=settings.question,
        questions=tuple(getattr(settings, "questions", (COMBINED_QUESTION,))),
        attributes=tuple(getattr(settings, "attributes", ())),
        lang=lang,
    )


def _instructions(profile: ses.SessionProfile, lang: str) -> list[str]:
    settings = profile.consultation
    low, high = settings.scale_min, settings.scale_max
    questions = list(getattr(settings, "questions", (COMBINED_QUESTION,)))
    weights = settings.group_weights
    how = _text(
        "template.consultation.weights_equal"
        if weights == "equal"
        else "template.consultation.weights_respondents"
        if weights == "respondents"
        else "template.consultation.weights_profile",
        lang,
    )
    t = lambda key, **f: _text(f"template.consultation.{key}", lang, **f)  # noqa: E731
    lines = [
        ses.HEADING + t("how"),
        t("rows", sheet=ses.word("sheet.ratings", lang)),
        t("statements", sheet=ses.word(QUESTIONS_SHEET, lang)),
        t("questions_intro"),
    ]
    if len(questions) == 1 and questions[0] == COMBINED_QUESTION and settings.question:
        lines.append(f"- {settings.question}")
    else:
        lines += [f"- {question_label(q, lang)}: {question_text(q, lang)}" for q in questions]
    lines += [
        t("scale", low=low, high=high, dont_know=dont_know_label(lang)),
        t("groups", groups=", ".join(group_label(g, lang) for g in settings.groups))
        + (" " + t("other_groups") if settings.allow_other_groups else ""),
    ]
    if getattr(settings, "attributes", ()):
        lines.append(t("attributes"))
    lines += ["", ses.HEADING + t("next"), t("aggregation", how=how), t("validate")]
    return lines


def _questions_sheet(wb: Any, questions: Sequence[str], lang: str, question: str) -> None:
    """The Questions sheet: each objective in plain words, and the questions asked."""
    from mgi.workbook import style as st

    ws = wb.create_sheet(ses.word(QUESTIONS_SHEET, lang))
    st.style_title(
        st.write_text(
            ws.cell(row=1, column=1), _text("template.consultation.questions_title", lang)
        )
    )
    row = 2
    if list(questions) == [COMBINED_QUESTION] and question:
        texts = [question]
    else:
        texts = [f"{question_label(q, lang)}: {question_text(q, lang)}" for q in questions]
    for line in texts:
        st.write_text(ws.cell(row=row, column=1), line)
        row += 1
    head = row + 1
    headers = [
        _text("template.consultation.column.code", lang),
        _text("template.consultation.column.objective", lang),
        _text("template.consultation.column.statement", lang),
    ]
    for col, header in enumerate(headers, start=1):
        st.write_text(ws.cell(row=head, column=col), header)
    st.style_header(ws[head][: len(headers)])
    objectives = gcm_objectives()
    for offset, code in enumerate(objectives.index, start=1):
        values = [
            code,
            _content("gcm_objectives", code, "short_label", lang),
            _content("gcm_objectives", code, "statement", lang),
        ]
        for col, value in enumerate(values, start=1):
            cell = st.write_text(ws.cell(row=head + offset, column=col), value)
            cell.alignment = st.Alignment(wrap_text=True, vertical="top")
        st.style_locked(ws[head + offset])
    st.set_widths(ws, [9, 26, 90])
    ws.freeze_panes = f"A{head + 1}"
    st.setup_print(ws, header_row=head)
    st.protect_sheet(ws)


def write_consultation_template(
    path: str | Path,
    profile: ses.SessionProfile,
    *,
    participants: int = 60,
    ratings: pd.DataFrame | None = None,
    dont_know: pd.DataFrame | None = None,
    respondents: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Path:
    """Write the stakeholder consultation template (``mgi template --kind consultation``).

    One row per respondent with a drop-down of the profile's stakeholder groups, the optional
    attributes and one answer cell per objective and question (a drop-down of the scale and
    "don't know"); a Questions sheet with each objective in plain words; an Objectives sheet
    with the official titles. Everything a respondent reads is in ``lang``.

    Parameters
    ----------
    profile
        The prioritisation profile (groups, scale, questions, attributes), e.g.
        :func:`mgi.priorities.load_profile`.
    ratings, dont_know, respondents
        Optional answers to fill in (long tables as in :class:`~mgi.judgements.Consultation`;
        ``respondents`` indexed by participant), e.g. collected with an online form.
    lang
        A language of the catalogues (``en``, ``sq``...; default: the language of the work in
        progress).
    """
    from openpyxl import Workbook

    from mgi.i18n import current_language, language
    from mgi.workbook import style as st

    lang = language(lang).code if lang else current_language()
    settings = profile.consultation
    low, high = settings.scale_min, settings.scale_max
    spec = _sheet_of(profile, lang)
    wb = Workbook()
    ses.instructions(
        wb, _text("template.consultation.title", lang), _instructions(profile, lang), lang
    )
    lists: dict[str, list[Any]] = {
        "groups": [group_label(g, lang) for g in settings.groups],
        "answers": [*range(low, high + 1), dont_know_label(lang)],
    }
    for attribute in getattr(settings, "attributes", ()):
        if attribute in _OPTION_ATTRIBUTES:
            lists[attribute] = option_labels(attribute, lang)
    names = st.add_list_sheet(wb, lists, title=ses.word("sheet.lists", lang))
    rows = _rows_of(ratings, dont_know, respondents, lang) if ratings is not None else []
    spec.write(
        wb,
        rows=participants,
        values=rows,
        lists=names,
        list_labels={k: [str(v) for v in vals] for k, vals in lists.items()},
        index=1,
        lang=lang,
    )
    _questions_sheet(
        wb, tuple(getattr(settings, "questions", (COMBINED_QUESTION,))), lang, settings.question
    )
    ses.objectives_sheet(wb, lang)
    return ses.finish(wb, KIND, profile, path, lang)


def _rows_of(
    ratings: pd.DataFrame,
    dont_know: pd.DataFrame | None,
    respondents: pd.DataFrame | None,
    lang: str,
) -> list[dict[str, Any]]:
    """One row per respondent from long tables of answers."""
    table = ratings if "question" in ratings.columns else ratings.assign(question=COMBINED_QUESTION)
    rows: dict[str, dict[str, Any]] = {}
    for name, block in table.groupby("participant", sort=False):
        row: dict[str, Any] = {
            "participant": str(name),
            "group": group_label(str(block["group"].iloc[0]), lang),
        }
        if "organisation" in block:
            row["organisation"] = str(block["organisation"].iloc[0])
        for objective, question, rating in zip(
            block["objective"], block["question"], block["rating"], strict=True
        ):
            row[f"{objective}|{question}"] = int(rating) if float(rating).is_integer() else rating
        rows[str(name)] = row
    if dont_know is not None:
        for name, objective, question in zip(
            dont_know["participant"], dont_know["objective"], dont_know["question"], strict=True
        ):
            rows.setdefault(str(name), {"participant": str(name)})[f"{objective}|{question}"] = (
                dont_know_label(lang)
            )
    if respondents is not None:
        labels = {
            a: {en: _translate_option(a, en, lang) for en in _options()[a]}
            for a in _OPTION_ATTRIBUTES
        }
        for name, person in respondents.iterrows():
            row = rows.setdefault(str(name), {"participant": str(name)})
            for attribute in ("organisation", *ATTRIBUTES):
                value = person.get(attribute)
                if isinstance(value, str) and value:
                    row[attribute] = labels.get(attribute, {}).get(value, value)
    return list(rows.values())


def _translate_option(attribute: str, english: str, lang: str) -> str:
    from mgi.i18n import codes

    for code in codes("consultation_options"):
        if (
            code.startswith(f"{attribute}.")
            and _content("consultation_options", code, "label", "en") == english
        ):
            return _content("consultation_options", code, "label", lang)
    return english


def read_consultation(path: str | Path, profile: ses.SessionProfile) -> Consultation:
    """Read a completed consultation workbook into a
    :class:`~mgi.judgements.Consultation` with every issue: the ratings, the "don't know"
    answers and the respondents with their attributes. A KoboToolbox or ODK export of the
    consultation's XLSForm (xlsx, CSV or ODK Central's zip) is recognised and read by
    :func:`mgi.workbook.xlsform.export.read_consultation_export`.

    Raises
    ------
    NotAWorkbookError
        When the file cannot be read as a consultation at all (one issue says why).
    """
    from mgi.workbook.xlsform.table import sniff

    if sniff(path):  # a KoboToolbox or ODK export of the consultation's XLSForm
        from mgi.workbook.xlsform.export import read_consultation_export

        return read_consultation_export(path, profile)
    spec = _sheet_of(profile)
    keys = [c.key for c in spec.columns if "|" in c.key]
    attributes = [a for a in ATTRIBUTES if any(c.key == a for c in spec.columns)]
    records: list[tuple[str, str, str, str, float]] = []
    unknown: list[tuple[str, str, str, str]] = []
    people: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}

    def on_row(table: SheetTable, row: Row, issues: list[Issue]) -> None:
        name = row.values["participant"]
        if not name:
            issues.append(
                make_issue(
                    "rating.no_participant",
                    cell=row.cells["participant"],
                    column="participant name",
                    sheet=row.sheet,
                )
            )
            return
        key = _person_key(name)
        if key in first_row:
            issues.append(
                make_issue(
                    "rating.duplicate_participant",
                    cell=row.cells["participant"],
                    column="participant",
                    found=name,
                    first_row=first_row[key],
                    sheet=row.sheet,
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
        empty = [row.cells[k] for k in keys if k in row.cells and not row.filled(k)]
        empty = [ref for ref in empty if ref not in {p.cell for p in row.problems.values()}]
        if empty:
            issues.append(
                make_issue(
                    "rating.missing",
                    cell=empty[0],
                    found=len(empty),
                    cells=_shorten(empty),
                    sheet=row.sheet,
                )
            )
        person: dict[str, Any] = {
            "participant": name,
            "group": group,
            "organisation": row.values.get("organisation") or "",
        }
        for attribute in attributes:
            value = row.values.get(attribute)
            if value is None and row.filled(attribute):
                value = str(row.raw[attribute]).strip()  # kept as typed (reported)
            person[attribute] = value or ""
        people.append(person)
        for k in keys:
            value = row.values.get(k)
            if value is None:
                continue
            objective, question = k.split("|")
            if value == DONT_KNOW:
                unknown.append((name, group, objective, question))
            else:
                records.append((name, group, objective, question, value))

    read = ses.read_table_kind(path, KIND, spec, on_row)
    issues = read.issues
    if not records:
        issues.append(make_issue("rating.no_ratings", expected=KIND))
    frame = pd.DataFrame.from_records(records, columns=list(CONSULTATION_COLUMNS))
    respondents = pd.DataFrame(
        people, columns=["participant", "group", "organisation", *ATTRIBUTES]
    ).set_index("participant")
    respondents = respondents.fillna("")
    return Consultation(
        _ratings=frame,
        issues=ses.with_file(issues, read.source.file_name),
        source=read.source,
        _dont_know=pd.DataFrame.from_records(unknown, columns=list(DONT_KNOW_COLUMNS)),
        _respondents=respondents,
    )


def _shorten(cells: list[str], limit: int = 8) -> str:
    return ", ".join(cells[:limit]) + (", …" if len(cells) > limit else "")
