"""An XLSForm as data, and the one writer of it.

An :class:`XLSForm` is what mgi knows about one of its forms: its identity
(:class:`FormIdentity`: kind, profile or instrument, version), its title, its languages, the
rows of its ``survey`` sheet (:class:`Question`, each with labels, hints and messages in every
language, and the *role* that tells the export reader what an answer means) and its choice
lists (:class:`Choice`). The same object writes the form (:func:`write_xlsform`) and reads an
export of it (:mod:`mgi.workbook.xlsform.export`), so the two cannot drift apart.

The written workbook follows the XLSForm standard (https://xlsform.org): a ``survey`` sheet
(``type``, ``name``, ``label::English (en)``, ``label::Shqip (sq)``, ``hint::…``,
``required``, ``required_message::…``, ``constraint``, ``constraint_message::…``,
``relevant``, ``appearance``, ``calculation``), a ``choices`` sheet (``list_name``, ``name``,
``label::…``) and a ``settings`` sheet (``form_title``, ``form_id``, ``version``,
``default_language``, ``style``). Every cell is written as text, never as a formula, and the
file is byte-identical for equal inputs.

Examples
--------
>>> identity = FormIdentity("consultation", "gcm-default", "2.0.0")
>>> identity.form_id, identity.form_version
('mgi_consultation_gcm-default', '2.0.0-1')
>>> FormIdentity.parse("mgi_consultation_gcm-default", "2.0.0-1") == identity
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Version of the layout of mgi's XLSForms (names of fields and groups, choice names): bump it
#: when an export of an earlier layout can no longer be read.
FORMAT = "1"
#: The calculated fields that carry the form's identity into every submission.
ID_FIELD = "mgi_form_id"
VERSION_FIELD = "mgi_form_version"
#: The kinds of form mgi writes.
FORM_KINDS = ("consultation", "questionnaire")
#: Key of the document property that marks a workbook as an XLSForm written by mgi.
STAMP_KEY = "xlsform"
#: Longest free text a form accepts (names of an organisation, a country, a municipality).
MAX_TEXT = 100


@dataclass(frozen=True)
class FormIdentity:
    """Which form this is: ``kind`` (``consultation`` or ``questionnaire``), ``name`` (the
    prioritisation profile or the instrument) and ``version`` (its version).

    ``form_id`` and ``form_version`` are written in the ``settings`` sheet and, as calculated
    fields, into every submission.
    """

    kind: str
    name: str
    version: str

    @property
    def form_id(self) -> str:
        """``mgi_<kind>_<name>`` (letters, digits, ``_``, ``-`` and ``.`` only)."""
        return f"mgi_{self.kind}_{self.name}"

    @property
    def form_version(self) -> str:
        """``<version>-<FORMAT>``: the profile's or instrument's version and the layout's."""
        return f"{self.version}-{FORMAT}"

    @classmethod
    def parse(cls, form_id: str, form_version: str) -> FormIdentity | None:
        """The identity written as ``form_id`` and ``form_version``, or ``None`` when the id is
        not one of mgi's."""
        form_id, form_version = str(form_id).strip(), str(form_version).strip()
        for kind in FORM_KINDS:
            prefix = f"mgi_{kind}_"
            if form_id.startswith(prefix) and len(form_id) > len(prefix):
                version = form_version.rsplit("-", 1)[0] if "-" in form_version else form_version
                return cls(kind, form_id[len(prefix) :], version)
        return None


#: Texts by language code.
Texts = Mapping[str, str]


@dataclass(frozen=True)
class Choice:
    """One option of a choice list: its ``name`` (what the export holds with "XML values")
    and its label in every language."""

    name: str
    labels: Texts


@dataclass(frozen=True)
class Question:
    """One row of the ``survey`` sheet.

    ``type`` is the XLSForm type (``select_one rating``, ``text``, ``note``, ``begin_group``
    …); ``role`` tells the export reader what the answer is: ``("rating", "GCM07",
    "relevance")``, ``("group",)``, ``("group_other",)``, ``("attribute", "sex")``,
    ``("answer", "D1.1.1")``, ``("evidence", "D1.1.1")``, ``("metadata", "country")``,
    ``("form_id",)``, ``("form_version",)``; empty for rows that hold no answer to read.
    """

    type: str
    name: str
    labels: Texts = field(default_factory=dict)
    hints: Texts = field(default_factory=dict)
    required: str = ""
    required_messages: Texts = field(default_factory=dict)
    constraint: str = ""
    constraint_messages: Texts = field(default_factory=dict)
    relevant: str = ""
    appearance: str = ""
    calculation: str = ""
    role: tuple[str, ...] = ()

    @property
    def list_name(self) -> str | None:
        """The choice list of a ``select_one`` or ``select_multiple`` question."""
        parts = self.type.split()
        return parts[1] if len(parts) == 2 and parts[0].startswith("select_") else None

    @property
    def holds_data(self) -> bool:
        """Whether the question becomes a column of an export (groups and notes do not)."""
        return self.type not in ("begin_group", "end_group", "note")


@dataclass(frozen=True)
class Field:
    """A question that becomes a column of an export, with the groups it sits in (names and
    labels, outermost first)."""

    question: Question
    groups: tuple[Question, ...]

    @property
    def path(self) -> tuple[str, ...]:
        """Group names then the question's name (``("gcm07", "gcm07_relevance")``)."""
        return (*(g.name for g in self.groups), self.question.name)


@dataclass(frozen=True)
class XLSForm:
    """One of mgi's forms: identity, title, languages (codes, the default first), the rows of
    the ``survey`` sheet and the choice lists."""

    identity: FormIdentity
    title: str
    languages: tuple[str, ...]
    survey: tuple[Question, ...]
    choices: Mapping[str, tuple[Choice, ...]]
    style: str = "pages"

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def fields(self) -> list[Field]:
        """Every question that becomes a column of an export, in form order."""
        found: list[Field] = []
        stack: list[Question] = []
        for question in self.survey:
            if question.type == "begin_group":
                stack.append(question)
            elif question.type == "end_group":
                stack.pop()
            elif question.holds_data:
                found.append(Field(question, tuple(stack)))
        return found

    def field(self, *role: str) -> Field | None:
        """The field whose role is ``role``, or ``None``."""
        return next((f for f in self.fields() if f.question.role == role), None)


def language_column(code: str) -> str:
    """How XLSForm names a language in column headers: its own name and its code,
    ``English (en)``, ``Shqip (sq)``.

    Examples
    --------
    >>> language_column("sq")
    'Shqip (sq)'
    """
    from mgi.i18n import language

    name = language(code).name
    return f"{name[:1].upper()}{name[1:]} ({code})"


def every_language(key: str, languages: Sequence[str], **fields: Any) -> dict[str, str]:
    """An interface text of the catalogues in each language; a field given as a mapping
    (language → value) takes its value in each language.

    Examples
    --------
    >>> every_language("template.xlsform.objective", ["en", "sq"], number=7, count=23,
    ...                label={"en": "Vulnerabilities", "sq": "Cenueshmëritë"})
    {'en': 'Objective 7 of 23: Vulnerabilities', 'sq': 'Objektivi 7 nga 23: Cenueshmëritë'}
    """
    from mgi.i18n import text

    return {
        lang: text(
            key, lang, **{k: v[lang] if isinstance(v, Mapping) else v for k, v in fields.items()}
        )
        for lang in languages
    }


def _columns(form: XLSForm) -> list[tuple[str, str, str | None]]:
    """The ``survey`` columns the form uses: (header, attribute, language or ``None``)."""
    names = {lang: language_column(lang) for lang in form.languages}
    translated = (
        ("label", "labels"),
        ("hint", "hints"),
        ("required_message", "required_messages"),
        ("constraint_message", "constraint_messages"),
    )
    plain = ("required", "constraint", "relevant", "appearance", "calculation")
    columns: list[tuple[str, str, str | None]] = [("type", "type", None), ("name", "name", None)]
    used = {a for q in form.survey for _, a in translated if getattr(q, a)}
    for header, attribute in translated[:2]:
        if attribute in used:
            columns += [(f"{header}::{names[lang]}", attribute, lang) for lang in form.languages]
    for header in plain[:2]:
        if any(getattr(q, header) for q in form.survey):
            columns.append((header, header, None))
        message, attribute = translated[2 if header == "required" else 3]
        if attribute in used:
            columns += [(f"{message}::{names[lang]}", attribute, lang) for lang in form.languages]
    columns += [(h, h, None) for h in plain[2:] if any(getattr(q, h) for q in form.survey)]
    return columns


def _rows(form: XLSForm) -> Iterator[list[Any]]:
    columns = _columns(form)
    yield [header for header, _, _ in columns]
    for question in form.survey:
        row = []
        for _, attribute, lang in columns:
            value = getattr(question, attribute)
            row.append(value.get(lang, "") if lang is not None else value)
        yield row


def write_xlsform(form: XLSForm, path: str | Path) -> Path:
    """Write ``form`` as an XLSForm workbook (atomically, byte-identical for equal inputs).

    The workbook carries the document property ``mgi_xlsform`` (the form id), so that mgi
    recognises it when someone gives the form itself where an export is expected.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mgi.priorities.profile import load_profile
    >>> from mgi.workbook.xlsform.consultation import consultation_form
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "form.xlsx"
    >>> write_xlsform(consultation_form(load_profile()), out).name
    'form.xlsx'
    """
    from openpyxl import Workbook

    from mgi.workbook import style as st

    wb = Workbook()
    survey = st.first_sheet(wb)
    survey.title = "survey"
    for row in _rows(form):
        survey.append([None] * len(row))
        for cell, value in zip(survey[survey.max_row], row, strict=True):
            st.write_text(cell, value or None)
    st.style_header(survey[1])
    survey.freeze_panes = "C2"
    names = {lang: language_column(lang) for lang in form.languages}
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", *(f"label::{names[lang]}" for lang in form.languages)])
    for list_name, options in form.choices.items():
        for option in options:
            values = [list_name, option.name, *(option.labels.get(lang) for lang in form.languages)]
            choices.append([None] * len(values))
            for cell, value in zip(choices[choices.max_row], values, strict=True):
                st.write_text(cell, value)
    st.style_header(choices[1])
    settings = wb.create_sheet("settings")
    identity = form.identity
    setting_values = {
        "form_title": form.title,
        "form_id": identity.form_id,
        "version": identity.form_version,
        "default_language": names[form.default_language],
        "style": form.style,
    }
    settings.append(list(setting_values))
    settings.append([None] * len(setting_values))
    for cell, value in zip(settings[2], setting_values.values(), strict=True):
        st.write_text(cell, value)
    st.style_header(settings[1])
    st.set_widths(survey, [22, 26, *[48] * (survey.max_column - 2)])
    st.set_widths(choices, [18, 16, *[36] * len(form.languages)])
    st.set_widths(settings, [48, 36, 14, 18, 10])
    st.stamp(wb, {STAMP_KEY: identity.form_id, f"{STAMP_KEY}_version": identity.form_version})
    return st.save_deterministic(wb, Path(path))
