"""Read an export of mgi's XLSForms back: KoboToolbox or ODK Central, xlsx or CSV.

:func:`read_consultation_export` turns an export of the consultation form into the same
:class:`~mgi.judgements.Consultation` the consultation workbook gives (ratings, "don't know"
answers, respondents with their attributes); :func:`read_assessment_export` turns the one
submission of a questionnaire form into an :class:`~mgi.assessment.Assessment`. Both are
reached without a flag: the readers of the workbooks hand a file over when
:func:`~mgi.workbook.xlsform.table.sniff` recognises it, and
:func:`~mgi.workbook.xlsform.table.export_kind` tells ``mgi validate`` which kind it is.

What is read, and how:

* columns are found by the form's field names, with or without group prefixes
  (``gcm07/gcm07_relevance``, ``gcm07-gcm07_relevance``, ``gcm07_relevance``), or by their labels
  in any language of the form (KoboToolbox's "Labels" exports); the tools' metadata columns are
  recognised and every other column is left alone;
* values are choice names (``4``, ``dont_know``, ``diaspora``) or choice labels in any language
  ("Don't know", "Nuk e di", "Diaspora"); case, accents and spacing do not matter;
* each submission is named by its ``_uuid`` (KoboToolbox) or ``meta-instanceID``/``KEY`` (ODK,
  without the ``uuid:`` prefix), else by its row; a repeated submission (same id) is read once
  and the copies are reported (``xlsform.duplicate_submission``), and one the reviewers
  rejected in the tool is set aside (``xlsform.rejected_submission``);
* the columns ``mgi_form_id`` and ``mgi_form_version``, which the form copies into every
  submission, must name this form and version: an export of another form is refused as a whole
  (``xlsform.other_form``), a submission of another form or version is refused on its own
  (``xlsform.other_form_submission``);
* every problem names the submission (its id in the message, its row and column as the place).

The mapping of values is vectorised: each distinct value is looked up once
(:func:`map_choices`), then the answers of all submissions are taken from that lookup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mgi._tables import normalise_answer
from mgi.assessment import Assessment, Source, build_answers, check_metadata, parse_implementation
from mgi.catalogue import Issue, Severity, make_issue, sentence
from mgi.errors import MGIError, NotAWorkbookError
from mgi.judgements import ATTRIBUTES, CONSULTATION_COLUMNS, DONT_KNOW_COLUMNS, Consultation
from mgi.workbook.xlsform.consultation import (
    CLOSED_ATTRIBUTES,
    DONT_KNOW,
    GROUP_LIST,
    OTHER_GROUP,
    consultation_form,
    group_names,
)
from mgi.workbook.xlsform.form import ID_FIELD, VERSION_FIELD, FormIdentity, XLSForm
from mgi.workbook.xlsform.table import (
    ID_COLUMNS,
    REJECTED,
    ExportTable,
    column_of,
    form_identity,
    header_key,
    read_table,
    refuse,
    sniff,
    stamped_form,
    text_of,
)

#: Separators the tools put between group names and a field's name in a header.
GROUP_SEPARATORS = ("/", "-", ".", ":")
#: How many submissions or columns a message lists before "…".
_LISTED = 8


def _refuse_form(path: Path) -> NotAWorkbookError:
    identity = stamped_form(path)
    return refuse(path, "xlsform.is_form", found=identity.form_id if identity else path.name)


def _shorten(items: Sequence[str], limit: int = _LISTED) -> str:
    return ", ".join(items[:limit]) + (", …" if len(items) > limit else "")


# -- the columns of a form -----------------------------------------------------------------------


def header_roles(form: XLSForm) -> dict[str, tuple[str, ...]]:
    """Every header an export may give a field of ``form`` (after
    :func:`~mgi.workbook.xlsform.table.header_key`), mapped to the field's role: its name
    with any tail of its group path in front (``/``, ``-``, ``.`` or ``:`` between), and its
    label in every language with any tail of its groups' labels in front. A label that two
    fields share is left out (such a header cannot say which field it is).

    Examples
    --------
    >>> from mgi.priorities.profile import load_profile
    >>> roles = header_roles(consultation_form(load_profile()))
    >>> roles["gcm07-gcm07_relevance"], roles["respondent/stakeholder_group"]
    (('rating', 'GCM07', 'relevance'), ('group',))
    """
    names: dict[str, tuple[str, ...]] = {}
    labels: dict[str, set[tuple[str, ...]]] = {}
    for item in form.fields():
        role = item.question.role
        if not role:
            continue
        path = item.path
        for start in range(len(path)):
            for separator in GROUP_SEPARATORS:
                names.setdefault(header_key(separator.join(path[start:])), role)
        for lang in form.languages:
            label = item.question.labels.get(lang)
            if not label:
                continue
            groups = [g.labels.get(lang, g.name) for g in item.groups]
            for start in range(len(groups) + 1):
                for separator in ("/", "-"):
                    key = header_key(separator.join([*groups[start:], label]))
                    labels.setdefault(key, set()).add(role)
    for key, roles in labels.items():
        if len(roles) == 1 and key not in names:
            names[key] = next(iter(roles))
    return names


def choice_lookup(form: XLSForm, list_name: str) -> dict[str, str]:
    """Every spelling of a choice of ``list_name`` (its name, its label in every language of
    the form; after :func:`~mgi._tables.normalise_answer`) mapped to the choice's name; names
    win over labels."""
    lookup: dict[str, str] = {}
    options = form.choices.get(list_name, ())
    for option in options:
        lookup.setdefault(normalise_answer(option.name), option.name)
    for option in options:
        for label in option.labels.values():
            lookup.setdefault(normalise_answer(label), option.name)
    return lookup


def map_choices(
    values: np.ndarray, lookup: Mapping[str, str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Look up an array of values as given (any shape): each distinct value is folded and
    looked up once.

    Returns
    -------
    names, empty, unknown
        The choice name of each value (``None`` when empty or unknown), where a value is empty,
        and where a value is given but is not a choice.

    Examples
    --------
    >>> names, empty, unknown = map_choices(
    ...     np.array([4, "4", " Nuk e di ", None, "7"], dtype=object),
    ...     {"4": "4", "nuk e di": "dont_know"})
    >>> names.tolist(), empty.tolist(), unknown.tolist()
    (['4', '4', 'dont_know', None, None], [False, False, False, True, False], [False, False, False, False, True])
    """  # noqa: E501
    shape = values.shape
    codes, uniques = pd.factorize(values.ravel(), use_na_sentinel=True)
    keys = [normalise_answer(text_of(u)) for u in uniques]
    found = np.array([*(lookup.get(k) for k in keys), None], dtype=object)
    blank = np.array([*(k == "" for k in keys), True])
    names = found[codes].reshape(shape)
    empty = blank[codes].reshape(shape)
    return names, empty, ~empty & pd.isna(names)


def texts(values: np.ndarray) -> np.ndarray:
    """:func:`~mgi.workbook.xlsform.table.text_of` of every value (each distinct value once).

    Examples
    --------
    >>> texts(np.array([None, " a  b ", 3.0, " a  b "], dtype=object)).tolist()
    ['', 'a b', '3', 'a b']
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object).ravel(), use_na_sentinel=True)
    found = np.array([*(text_of(u) for u in uniques), ""], dtype=object)
    return found[codes].reshape(np.shape(values))


# -- submissions ---------------------------------------------------------------------------------


@dataclass
class Submissions:
    """The submissions of an export that belong to a form: one row each, after repeated
    submissions and those of other forms were set aside.

    ``columns`` maps a field's role to its column in ``table``; ``ids`` and ``rows`` name each
    submission kept (``kept`` are their positions in ``table.values``).
    """

    table: ExportTable
    form: XLSForm
    columns: dict[tuple[str, ...], int]
    kept: np.ndarray
    ids: np.ndarray
    issues: list[Issue] = field(default_factory=list)
    version: str = ""

    @property
    def rows(self) -> np.ndarray:
        return self.table.rows[self.kept]

    def __len__(self) -> int:
        return len(self.kept)

    def header(self, role: tuple[str, ...]) -> str:
        return self.table.headers[self.columns[role]]

    def column(self, role: tuple[str, ...]) -> np.ndarray:
        """The values of a field for the kept submissions (``None`` when the export has no
        column for it)."""
        if role not in self.columns:
            return np.full(len(self.kept), None, dtype=object)
        return self.table.values[self.columns[role]].to_numpy(dtype=object)[self.kept]

    def where(self, i: int, role: tuple[str, ...] | None = None) -> dict[str, Any]:
        """Where submission ``i`` (a kept position) is: sheet, row and the field's column."""
        place: dict[str, Any] = {"sheet": self.table.sheet, "row": int(self.rows[i])}
        if role is not None and role in self.columns:
            place["column"] = self.header(role)
        return place


def _submission_ids(table: ExportTable) -> np.ndarray:
    """Each submission's id: its uuid (``_uuid``, ``meta/instanceID``, ``meta-instanceID``,
    ``KEY``; without ``uuid:``), else ``row N``."""
    keys = [header_key(h) for h in table.headers]
    rows = np.array([f"row {r}" for r in table.rows], dtype=object)
    for name in ID_COLUMNS:
        if name in keys:
            raw = table.values[keys.index(name)].to_numpy(dtype=object)
            ids = texts(raw)
            prefixed = np.char.startswith(ids.astype(str), "uuid:")
            ids[prefixed] = np.array([v[5:] for v in ids[prefixed]], dtype=object)
            return np.where(ids == "", rows, ids)
    return rows


def read_submissions(
    table: ExportTable, form: XLSForm, required: Sequence[tuple[str, ...]]
) -> Submissions:
    """The submissions of ``table`` that belong to ``form``, with the issues of the export as
    a whole and of the submissions set aside (repeated, or of another form or version).

    Raises
    ------
    NotAWorkbookError
        All the submissions come from another form or version, or the export has none of the
        form's columns, or it lacks the first column of ``required`` (without which nothing
        can be read) or all of them.
    """
    issues = list(table.issues)
    ids = _submission_ids(table)
    keep = _first_copies(table, ids, issues)
    _set_aside_rejected(table, ids, keep, issues)
    version = _check_identity(table, form.identity, ids, keep, issues)
    roles = header_roles(form)
    columns: dict[tuple[str, ...], int] = {}
    for index, header in enumerate(table.headers):
        role = roles.get(header_key(header))
        if role is not None:
            columns.setdefault(role, index)
    if not any(r not in (("form_id",), ("form_version",)) for r in columns):
        raise refuse(table.path, "xlsform.not_an_export", expected=form.identity.kind)
    wanted = [f.path[-1] for f in form.fields() if f.question.role in required]
    missing = [
        f.path[-1]
        for f in form.fields()
        if f.question.role in required and f.question.role not in columns
    ]
    if missing:
        issue = make_issue("xlsform.missing_columns", found=_shorten(missing))
        if len(missing) == len(wanted) or required[0] not in columns:
            raise NotAWorkbookError(
                sentence("headline.cannot_read_export", name=table.name),
                issues=[issue.with_location(file=table.name)],
                path=table.path,
                rule=issue.rule,
            )
        issues.append(issue)
    kept = np.nonzero(keep)[0]
    return Submissions(table, form, columns, kept, ids[kept], issues, version)


def _first_copies(table: ExportTable, ids: np.ndarray, issues: list[Issue]) -> np.ndarray:
    """Which submissions to keep: the first of each id; every further copy is reported."""
    keep = np.ones(len(ids), dtype=bool)
    first: dict[str, int] = {}
    for position, submission in enumerate(ids):  # one pass over the ids (no per-cell work)
        seen = first.setdefault(submission, position)
        if seen != position:
            keep[position] = False
            issues.append(
                make_issue(
                    "xlsform.duplicate_submission",
                    sheet=table.sheet,
                    row=int(table.rows[position]),
                    found=submission,
                    first_row=int(table.rows[seen]),
                )
            )
    return keep


def _set_aside_rejected(
    table: ExportTable, ids: np.ndarray, keep: np.ndarray, issues: list[Issue]
) -> None:
    """Set aside (in ``keep``) the submissions the reviewers rejected in KoboToolbox or ODK
    Central, with a warning each."""
    keys = [header_key(h) for h in table.headers]
    for name, rejected in REJECTED.items():
        if name not in keys:
            continue
        at = keys.index(name)
        states = table.values[at].to_numpy(dtype=object)
        found, _, _ = map_choices(states, dict.fromkeys(rejected, "rejected"))
        for position in np.nonzero((found == "rejected") & keep)[0]:
            keep[position] = False
            issues.append(
                make_issue(
                    "xlsform.rejected_submission",
                    sheet=table.sheet,
                    row=int(table.rows[position]),
                    column=table.headers[at],
                    submission=ids[position],
                    found=text_of(states[position]),
                )
            )


def _check_identity(
    table: ExportTable,
    identity: FormIdentity,
    ids: np.ndarray,
    keep: np.ndarray,
    issues: list[Issue],
) -> str:
    """Set aside (in ``keep``) the submissions of another form or version, with an error each;
    refuse the export when all of them are. Returns the form version read (``""`` when the
    export does not carry the form's identity: a warning says so)."""
    at, version_at = column_of(table, ID_FIELD), column_of(table, VERSION_FIELD)
    if at is None:
        issues.append(make_issue("xlsform.no_form_id", column=ID_FIELD))
        return ""

    def column_texts(index: int | None) -> np.ndarray:
        if index is None:
            return np.full(len(ids), "", dtype=object)
        return texts(table.values[index].to_numpy(dtype=object))

    found_ids, found_versions = column_texts(at), column_texts(version_at)
    other = (found_ids != identity.form_id) | (found_versions != identity.form_version)
    if keep.any() and other[keep].all():
        pairs = pd.Series(list(zip(found_ids[keep], found_versions[keep], strict=True)))
        form_id, form_version = pairs.value_counts().index[0]
        raise _other_form(table, identity, form_id, form_version)
    for position in np.nonzero(other & keep)[0]:
        keep[position] = False
        issues.append(
            make_issue(
                "xlsform.other_form_submission",
                sheet=table.sheet,
                row=int(table.rows[position]),
                column=table.headers[at],
                submission=ids[position],
                found=found_ids[position] or "(none)",
                found_version=found_versions[position] or "(none)",
                expected=identity.form_id,
                expected_version=identity.form_version,
            )
        )
    return identity.form_version


def _other_form(
    table: ExportTable, identity: FormIdentity, form_id: str, form_version: str
) -> NotAWorkbookError:
    """The error for an export of another form: of another kind (sent to its option), or of
    another profile, instrument or version (naming both)."""
    from mgi.workbook.kinds import OPTIONS

    found = FormIdentity.parse(form_id, form_version)
    if found is not None and found.kind != identity.kind:
        issue = make_issue(
            "workbook.other_kind",
            file=table.name,
            found=found.kind,
            expected=identity.kind,
            name=table.name,
            option=OPTIONS.get(found.kind, f"--{found.kind}"),
        )
        message = sentence(
            "headline.other_kind", name=table.name, found=found.kind, expected=identity.kind
        )
    else:
        issue = make_issue(
            "xlsform.other_form",
            file=table.name,
            found=form_id or "(none)",
            found_version=form_version or "(none)",
            expected=identity.form_id,
            expected_version=identity.form_version,
            kind=identity.kind,
        )
        message = sentence("headline.cannot_read_export", name=table.name)
    return NotAWorkbookError(message, issues=[issue], path=table.path, rule=issue.rule)


def _source(table: ExportTable, submissions: Submissions | None, kind: str) -> Source:
    version = submissions.version if submissions is not None else ""
    return Source(
        file_name=table.name,
        path=str(table.path),
        sha256=table.sha256,
        template_version=f"xlsform {version}".strip(),
        kind=kind,
    )


# -- the consultation ----------------------------------------------------------------------------


def _labels(form: XLSForm, list_name: str, exclude: str = "") -> str:
    """The labels of a choice list in the language of the work in progress (English when
    the form has not that language), for a message."""
    from mgi.i18n import current_language

    lang = current_language()
    return ", ".join(
        c.labels.get(lang) or c.labels.get("en") or c.name
        for c in form.choices.get(list_name, ())
        if c.name != exclude
    )


def _english(table: str, code: str) -> str:
    from mgi.i18n import content

    return str(content(table, code, "label", "en"))


def read_consultation_export(path: str | Path, profile: Any) -> Consultation:
    """Read an export of the consultation form of ``profile`` into a
    :class:`~mgi.judgements.Consultation` with every issue.

    Each submission is one respondent, named by its id; its group is one of the profile's
    groups (or the other group it named, when the profile allows other groups); the optional
    attributes are kept with the labels the workbook reader gives them (``Female``,
    ``25-34``), so that the summaries and the population weights treat both sources alike.

    Raises
    ------
    NotAWorkbookError
        The file cannot be read as an export of this form at all (one issue says why).
    """
    path = Path(path)
    if sniff(path) == "form":
        raise _refuse_form(path)
    form = consultation_form(profile)
    table = read_table(path)
    settings = profile.consultation
    ratings = [f.question.role for f in form.fields() if f.question.role[:1] == ("rating",)]
    subs = read_submissions(table, form, [("group",), *ratings])
    issues = subs.issues
    if not len(subs):
        issues.append(make_issue("xlsform.no_submissions"))

    groups, group_ok = _groups(subs, settings, issues)
    people = _respondents(subs, groups, issues)
    frame, unknown = _ratings(subs, settings, ratings, groups, group_ok, issues)
    if len(subs) and frame.empty:
        issues.append(make_issue("rating.no_ratings", expected="consultation"))
    return Consultation(
        _ratings=frame,
        issues=tuple(i.with_location(file=table.name) for i in issues),
        source=_source(table, subs, "consultation"),
        _dont_know=unknown,
        _respondents=people[group_ok],
    )


def _groups(subs: Submissions, settings: Any, issues: list[Issue]) -> tuple[np.ndarray, np.ndarray]:
    """Each submission's group (the profile's English label, or the other group named) and
    whether it has one."""
    form = subs.form
    by_name = {name: group for group, name in group_names(settings.groups).items()}
    lookup = choice_lookup(form, GROUP_LIST)
    names, _, unknown = map_choices(subs.column(("group",)), lookup)
    groups = pd.Series(names, dtype=object).map(by_name).to_numpy(dtype=object)
    raw = subs.column(("group",))
    other = texts(subs.column(("group_other",)))
    allowed = _labels(form, GROUP_LIST, exclude=OTHER_GROUP)
    for i in np.nonzero(names == OTHER_GROUP)[0].tolist():
        typed = other[i]
        named = lookup.get(normalise_answer(typed)) if typed else None
        groups[i] = by_name.get(named) if named in by_name else (typed or None)
    for i in np.nonzero(unknown)[0].tolist():
        typed = text_of(raw[i])
        severity: Severity | None = None if settings.allow_other_groups else "error"
        issues.append(
            make_issue(
                "xlsform.unknown_group",
                severity=severity,
                submission=subs.ids[i],
                found=typed,
                allowed=allowed,
                **subs.where(i, ("group",)),
            )
        )
        groups[i] = typed if settings.allow_other_groups else None
    lacking = pd.isna(groups) & ~unknown
    for i in np.nonzero(lacking)[0].tolist():
        issues.append(
            make_issue(
                "xlsform.missing_group",
                submission=subs.ids[i],
                allowed=allowed,
                **subs.where(i, ("group",)),
            )
        )
    return groups, ~pd.isna(groups)


def _respondents(subs: Submissions, groups: np.ndarray, issues: list[Issue]) -> pd.DataFrame:
    """One row per submission: group, organisation and the attributes (English labels of the
    closed options, as typed for the others; ``""`` where not given)."""
    from mgi.i18n import codes

    columns: dict[str, Any] = {"group": groups}
    columns["organisation"] = texts(subs.column(("attribute", "organisation")))
    for attribute in ATTRIBUTES:
        role = ("attribute", attribute)
        values = subs.column(role)
        if attribute not in CLOSED_ATTRIBUTES:
            columns[attribute] = texts(values)
            continue
        english = {
            code.split(".", 1)[1]: _english("consultation_options", code)
            for code in codes("consultation_options")
            if code.startswith(f"{attribute}.")
        }
        names, _, unknown = map_choices(values, choice_lookup(subs.form, attribute))
        labels = pd.Series(names, dtype=object).map(english).fillna("").to_numpy(dtype=object)
        allowed = _labels(subs.form, attribute)
        for i in np.nonzero(unknown)[0].tolist():
            typed = text_of(values[i])
            labels[i] = typed  # kept as given (reported)
            issues.append(
                make_issue(
                    "xlsform.unknown_option",
                    submission=subs.ids[i],
                    found=typed,
                    allowed=allowed,
                    **subs.where(i, role),
                )
            )
        columns[attribute] = labels
    frame = pd.DataFrame(columns, index=pd.Index(subs.ids, name="participant"))
    return frame.fillna("")


def _ratings(
    subs: Submissions,
    settings: Any,
    roles: list[tuple[str, ...]],
    groups: np.ndarray,
    group_ok: np.ndarray,
    issues: list[Issue],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ratings and "don't know" answers of the submissions with a group (long tables), and
    an issue per answer that is not a choice and per submission with unanswered questions."""
    low, high = int(settings.scale_min), int(settings.scale_max)
    present = [r for r in roles if r in subs.columns]
    if not present or not len(subs):
        return (
            pd.DataFrame(columns=list(CONSULTATION_COLUMNS)),
            pd.DataFrame(columns=list(DONT_KNOW_COLUMNS)),
        )
    raw = np.column_stack([subs.column(r) for r in present])
    lookup = choice_lookup(subs.form, f"rating_{low}_{high}")
    names, empty, unknown = map_choices(raw, lookup)
    dont_know = names == DONT_KNOW
    value = np.full(names.shape, np.nan)
    for number in range(low, high + 1):  # one comparison of the whole table per answer
        value[names == str(number)] = number
    rated = ~np.isnan(value) & group_ok[:, None]
    dont_know &= group_ok[:, None]

    from mgi.i18n import content, current_language, text

    lang = current_language()
    label = str(content("consultation_options", DONT_KNOW, "label", lang))
    allowed = text("template.consultation.allowed", lang, low=low, high=high, dont_know=label)
    for i, j in zip(*np.nonzero(unknown & group_ok[:, None]), strict=True):
        issues.append(
            make_issue(
                "xlsform.invalid_answer",
                submission=subs.ids[i],
                found=text_of(raw[i, j]),
                allowed=allowed,
                **subs.where(int(i), present[j]),
            )
        )
    headers = np.array([subs.header(r) for r in present], dtype=object)
    counts = empty.sum(axis=1)
    for i in np.nonzero((counts > 0) & group_ok)[0]:
        issues.append(
            make_issue(
                "xlsform.missing_answer",
                submission=subs.ids[i],
                found=int(counts[i]),
                columns=_shorten(list(headers[empty[i]])),
                **subs.where(int(i)),
            )
        )
    objectives = np.array([r[1] for r in present], dtype=object)
    questions = np.array([r[2] for r in present], dtype=object)

    def long(mask: np.ndarray) -> dict[str, Any]:
        i, j = np.nonzero(mask)
        where = {"participant": subs.ids[i], "group": groups[i]}
        return {**where, "objective": objectives[j], "question": questions[j], "_at": (i, j)}

    rated_table, unknown_table = long(rated), long(dont_know)
    rated_table["rating"] = value[rated_table.pop("_at")]
    unknown_table.pop("_at")
    return pd.DataFrame(rated_table), pd.DataFrame(unknown_table)


# -- the questionnaire ---------------------------------------------------------------------------


def _instrument_of(table: ExportTable, instrument: Any) -> tuple[Any, list[Issue]]:
    """The instrument to read a questionnaire export with: the one given, else the bundled
    edition the form was made for, else the default one."""
    from mgi.instrument import list_instruments, load_instrument
    from mgi.workbook.template import as_instrument

    if instrument is not None:
        return as_instrument(instrument), []
    identity = form_identity(table)
    if (
        identity is not None
        and identity.kind == "questionnaire"
        and identity.name in list_instruments()
    ):
        try:
            inst = load_instrument(identity.name, version=identity.version)
        except MGIError:  # no edition of that version: the current one refuses the export
            return load_instrument(identity.name), []
        issues = []
        if inst.meta.superseded_by:
            issues.append(
                make_issue(
                    "workbook.earlier_edition",
                    instrument=inst.name,
                    found=inst.version,
                    expected=inst.meta.superseded_by,
                )
            )
        return inst, issues
    from mgi.workbook.questionnaire import DEFAULT_INSTRUMENT

    return load_instrument(DEFAULT_INSTRUMENT), []


def read_assessment_export(
    path: str | Path, instrument: Any = None, *, allow_incomplete: bool = False
) -> Assessment:
    """Read the one submission of an export of the questionnaire form into an
    :class:`~mgi.assessment.Assessment`, checked as a questionnaire workbook is (missing and
    invalid answers, evidence, reasons for Not applicable, metadata).

    Raises
    ------
    NotAWorkbookError
        The file cannot be read as an export of the questionnaire form, or it holds no
        submission, or more than one (one assessment is one submission).
    """
    path = Path(path)
    if sniff(path) == "form":
        raise _refuse_form(path)
    table = read_table(path)
    inst, issues = _instrument_of(table, instrument)
    from mgi.workbook.xlsform.questionnaire import questionnaire_form

    form = questionnaire_form(inst)
    answers = [("answer", code) for code in inst.codes]
    subs = read_submissions(table, form, [("metadata", "country"), *answers])
    issues += subs.issues
    if len(subs) != 1:
        if not len(subs):
            raise refuse(path, "xlsform.no_submissions")
        listed = [f"{s} (row {r})" for s, r in zip(subs.ids, subs.rows, strict=True)]
        raise refuse(
            path, "xlsform.many_submissions", found=len(subs), submissions=_shorten(listed)
        )

    cells: dict[str, dict[str, Any]] = {}
    chosen: dict[str, bool] = {}
    for scale in dict.fromkeys(inst.scale_of(c) for c in inst.codes):
        codes = [c for c in inst.codes if inst.scale_of(c) == scale]
        values = np.array([subs.column(("answer", c))[0] for c in codes], dtype=object)
        names, _, unknown = map_choices(values, choice_lookup(form, scale))
        labels = {r["option"]: r["label"] for r in inst.option_rows(scale)}
        for code, value, name, odd in zip(codes, values, names, unknown, strict=True):
            if ("answer", code) not in subs.columns:
                continue
            cells[code] = {"raw": labels[name] if name is not None else text_of(value)}
            chosen[code] = not odd
    levels = _implementation_labels(form)
    for code in cells:
        typed = subs.column(("implementation", code))[0]
        level = levels.get(normalise_answer(text_of(typed))) if typed is not None else None
        label, level_issue = parse_implementation(level or text_of(typed), indicator=code)
        if level_issue is not None:
            issues.append(level_issue.with_location(**subs.where(0, ("implementation", code))))
        elif label and level is None:
            issues.append(
                make_issue(
                    "implementation.reinterpreted",
                    indicator=code,
                    found=text_of(typed),
                    label=label,
                    **subs.where(0, ("implementation", code)),
                )
            )
        cells[code].update(
            evidence=text_of(subs.column(("evidence", code))[0]),
            comment=text_of(subs.column(("comment", code))[0]),
            implementation=label,
        )
    frame, answer_issues = build_answers(inst, cells, allow_incomplete=allow_incomplete)
    for issue in answer_issues:
        place = subs.where(0, ("answer", issue.indicator)) if issue.indicator else {}
        issues.append(issue.with_location(cell=None, **place))
    issues += _answer_checks(inst, frame.frame(), cells, chosen, subs)

    metadata = {
        name: text_of(subs.column(("metadata", name))[0])
        for name in ("country", "round", "reference_date", "assessors", "contact")
    }
    for issue in check_metadata(metadata):
        role = ("metadata", issue.column) if issue.column else None
        issues.append(issue.with_location(**subs.where(0, role)))
    return Assessment(
        instrument=inst,
        _answers=frame,
        metadata=metadata,
        issues=tuple(i.with_location(file=table.name) for i in issues),
        source=_source(table, subs, "questionnaire"),
    )


def _implementation_labels(form: XLSForm) -> dict[str, str]:
    """The spellings of the implementation levels' choices (names, labels in every language)
    mapped to the English label of the level."""
    from mgi.reference import implementation_levels
    from mgi.workbook.xlsform.questionnaire import LEVELS_LIST

    english = {level.code: level.label for level in implementation_levels()}
    return {k: english[v] for k, v in choice_lookup(form, LEVELS_LIST).items()}


def _answer_checks(
    inst: Any,
    answers: pd.DataFrame,
    cells: Mapping[str, Mapping[str, Any]],
    chosen: Mapping[str, bool],
    subs: Submissions,
) -> list[Issue]:
    """What an answer says beyond whether it is accepted, as for a workbook: an answer that is
    not one of the choices but was read as an option (``answer.reinterpreted``), an answer
    that says something is in place without evidence (``answer.no_evidence``), Not
    applicable without a reason (``answer.no_reason``)."""
    issues: list[Issue] = []
    lowest = {}
    for scale in dict.fromkeys(inst.scale_of(c) for c in inst.codes):
        options = [r["option"] for r in inst.option_rows(scale) if not r["not_applicable"]]
        lowest[scale] = options[-1] if options else None
    for code, row in answers.iterrows():  # one row per question of the instrument (~140)
        if code not in cells or row["status"] not in ("answered", "not_applicable"):
            continue
        cell = cells[code]
        if not chosen.get(code, True):
            issues.append(
                make_issue(
                    "answer.reinterpreted",
                    indicator=code,
                    found=text_of(cell["raw"]),
                    label=row["label"],
                    **subs.where(0, ("answer", code)),
                )
            )
        if row["status"] == "not_applicable" and not (cell["comment"] or cell["evidence"]):
            issues.append(
                make_issue(
                    "answer.no_reason",
                    indicator=code,
                    label=row["label"],
                    **subs.where(0, ("comment", code)),
                )
            )
        elif (
            row["status"] == "answered"
            and row["option"] != lowest[row["scale"]]
            and not cell["evidence"]
        ):
            issues.append(
                make_issue(
                    "answer.no_evidence",
                    indicator=code,
                    label=row["label"],
                    **subs.where(0, ("evidence", code)),
                )
            )
    return issues
