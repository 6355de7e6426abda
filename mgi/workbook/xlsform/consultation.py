"""The stakeholder consultation as an XLSForm: one objective per screen, one question at a time.

The form asks what the consultation workbook asks (:mod:`mgi.workbook.consultation`), for the
same prioritisation profile: first the respondent's stakeholder group (required; "another
group" with its name when the profile allows other groups) and the optional attributes the
profile lists (organisation, sex, age band, country and municipality of residence), then, for
each of the 23 GCM objectives, a screen with the objective in plain words (the content table
``gcm_objectives``, column ``statement``) and each of the profile's questions (relevance, then
urgency) on the profile's scale, or "don't know", which is never a rating. Every label is in
every language of the catalogues.

Names in the export (what the reader looks for): ``respondent/stakeholder_group``,
``respondent/sex`` …, ``gcm07/gcm07_relevance``; choice names ``1`` … ``5`` and
``dont_know`` for the answers, the codes of the content tables for groups and options.

Examples
--------
>>> from mgi.priorities.profile import load_profile
>>> form = consultation_form(load_profile())
>>> form.identity.form_id, len(form.fields())
('mgi_consultation_gcm-default', 57)
>>> form.field("rating", "GCM07", "urgency").path
('gcm07', 'gcm07_urgency')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from mgi.judgements import COMBINED_QUESTION
from mgi.workbook.xlsform.form import (
    ID_FIELD,
    MAX_TEXT,
    VERSION_FIELD,
    Choice,
    FormIdentity,
    Question,
    XLSForm,
    every_language,
)

#: Choice name of "don't know" (never a rating).
DONT_KNOW = "dont_know"
#: Choice name of "another group" (its name is asked in ``stakeholder_group_other``).
OTHER_GROUP = "other"
#: Attributes with a closed list of options (the others are free text).
CLOSED_ATTRIBUTES = ("sex", "age_band")
GROUP_LIST = "stakeholder_groups"
RESPONDENT_GROUP = "respondent"


def _content(table: str, code: str, column: str, languages: Sequence[str]) -> dict[str, str]:
    from mgi.i18n import content

    return {lang: str(content(table, code, column, lang)) for lang in languages}


def group_names(groups: Sequence[str]) -> dict[str, str]:
    """The choice name of each of a profile's groups (given by their English labels): the code
    of the content table ``stakeholder_groups``, or for a group the catalogues do not know, its
    label written with lower-case letters, digits and underscores.

    Examples
    --------
    >>> group_names(["Diaspora", "Youth councils"])
    {'Diaspora': 'diaspora', 'Youth councils': 'youth_councils'}
    """
    from mgi.i18n import codes, content

    known = {str(content("stakeholder_groups", c, "label", "en")): c for c in codes(GROUP_LIST)}
    names: dict[str, str] = {}
    for group in groups:
        name = known.get(group) or re.sub(r"[^a-z0-9]+", "_", group.casefold()).strip("_")
        name = name if name and name[0].isalpha() else f"group_{name}"
        while name in names.values() or name == OTHER_GROUP:
            name += "_"
        names[group] = name
    return names


def group_choices(groups: Sequence[str], languages: Sequence[str]) -> list[Choice]:
    """The profile's groups as choices, labelled in every language (a group the catalogues do
    not know keeps its label in every language)."""
    from mgi.i18n import codes

    known = set(codes(GROUP_LIST))
    choices = []
    for group, name in group_names(groups).items():
        if name in known:
            labels = _content(GROUP_LIST, name, "label", languages)
        else:
            labels = dict.fromkeys(languages, group)
        choices.append(Choice(name, labels))
    return choices


def option_choices(attribute: str, languages: Sequence[str]) -> list[Choice]:
    """The options of a closed attribute (``sex``, ``age_band``) as choices."""
    from mgi.i18n import codes

    prefix = f"{attribute}."
    return [
        Choice(code[len(prefix) :], _content("consultation_options", code, "label", languages))
        for code in codes("consultation_options")
        if code.startswith(prefix)
    ]


def rating_choices(low: int, high: int, languages: Sequence[str]) -> list[Choice]:
    """The scale from ``low`` to ``high`` (its ends explained) and "don't know"."""
    choices = []
    for value in range(low, high + 1):
        key = {low: "low", high: "high"}.get(value)
        labels = dict.fromkeys(languages, str(value))
        if key:
            meaning = every_language(f"template.xlsform.scale_{key}", languages)
            labels = {lang: f"{value} ({meaning[lang]})" for lang in languages}
        choices.append(Choice(str(value), labels))
    choices.append(
        Choice(DONT_KNOW, _content("consultation_options", DONT_KNOW, "label", languages))
    )
    return choices


def _free_text(name: str, key: str, attribute: str, languages: Sequence[str]) -> Question:
    return Question(
        "text",
        name,
        labels=every_language(key, languages),
        constraint=f"string-length(.) <= {MAX_TEXT}",
        constraint_messages=every_language("template.xlsform.too_long", languages, limit=MAX_TEXT),
        role=("attribute", attribute),
    )


def identity_fields(identity: FormIdentity) -> list[Question]:
    """The fields every mgi form starts with: when it was started and finished, and the two
    calculated fields that copy the form's identity into every submission."""
    return [
        Question("start", "start"),
        Question("end", "end"),
        Question("calculate", ID_FIELD, calculation=f"'{identity.form_id}'", role=("form_id",)),
        Question(
            "calculate",
            VERSION_FIELD,
            calculation=f"'{identity.form_version}'",
            role=("form_version",),
        ),
    ]


def consultation_form(profile: Any, lang: str = "en") -> XLSForm:
    """The consultation of a prioritisation profile as an XLSForm, in every language of the
    catalogues with ``lang`` as the default language.

    Parameters
    ----------
    profile
        The prioritisation profile (:func:`mgi.priorities.load_profile`): its consultation's
        groups, whether other groups are allowed, scale, questions and attributes.
    lang
        The form's default language (the one a respondent sees first, and the form's title).
    """
    from mgi.i18n import language, languages
    from mgi.reference import gcm_objectives

    default = language(lang).code
    langs = (default, *(c for c in languages() if c != default))
    settings = profile.consultation
    low, high = int(settings.scale_min), int(settings.scale_max)
    questions = list(getattr(settings, "questions", None) or [COMBINED_QUESTION])
    attributes = list(getattr(settings, "attributes", ()))
    dont_know = _content("consultation_options", DONT_KNOW, "label", langs)
    identity = FormIdentity("consultation", profile.name, profile.version)
    objectives = gcm_objectives()
    rating_list = f"rating_{low}_{high}"

    survey = identity_fields(identity)
    survey.append(
        Question(
            "note",
            "introduction",
            labels=every_language(
                "template.xlsform.intro",
                langs,
                count=len(objectives),
                low=low,
                high=high,
                dont_know=dont_know,
            ),
        )
    )
    survey.append(
        Question(
            "begin_group",
            RESPONDENT_GROUP,
            labels=every_language("template.xlsform.about_you", langs),
            appearance="field-list",
        )
    )
    survey.append(
        Question(
            f"select_one {GROUP_LIST}",
            "stakeholder_group",
            labels=every_language("template.xlsform.group", langs),
            required="yes",
            required_messages=every_language("template.xlsform.required_group", langs),
            role=("group",),
        )
    )
    if settings.allow_other_groups:
        survey.append(
            Question(
                "text",
                "stakeholder_group_other",
                labels=every_language("template.xlsform.group_other", langs),
                required="yes",
                required_messages=every_language("template.xlsform.required_group_name", langs),
                constraint=f"string-length(.) <= {MAX_TEXT}",
                constraint_messages=every_language(
                    "template.xlsform.too_long", langs, limit=MAX_TEXT
                ),
                relevant=f"${{stakeholder_group}} = '{OTHER_GROUP}'",
                role=("group_other",),
            )
        )
    survey.append(
        _free_text(
            "organisation", "template.consultation.column.organisation", "organisation", langs
        )
    )
    for attribute in attributes:
        key = f"template.consultation.column.{attribute}"
        if attribute in CLOSED_ATTRIBUTES:
            survey.append(
                Question(
                    f"select_one {attribute}",
                    attribute,
                    labels=every_language(key, langs),
                    role=("attribute", attribute),
                )
            )
        else:
            survey.append(_free_text(attribute, key, attribute, langs))
    survey.append(Question("end_group", RESPONDENT_GROUP))

    required = every_language("template.xlsform.required", langs, dont_know=dont_know)
    for number, code in enumerate(objectives.index, start=1):
        group = code.lower()
        short = _content("gcm_objectives", code, "short_label", langs)
        survey.append(
            Question(
                "begin_group",
                group,
                labels=every_language(
                    "template.xlsform.objective",
                    langs,
                    number=number,
                    count=len(objectives),
                    label=short,
                ),
                appearance="field-list",
            )
        )
        survey.append(
            Question(
                "note",
                f"{group}_statement",
                labels=_content("gcm_objectives", code, "statement", langs),
            )
        )
        for question in questions:
            word = _content("consultation_questions", question, "label", langs)
            asked = _content("consultation_questions", question, "text", langs)
            survey.append(
                Question(
                    f"select_one {rating_list}",
                    f"{group}_{question}",
                    labels=every_language(
                        "template.xlsform.rating", langs, number=number, question=word, text=asked
                    ),
                    required="yes",
                    required_messages=required,
                    appearance="horizontal",
                    role=("rating", code, question),
                )
            )
        survey.append(Question("end_group", group))

    groups = group_choices(settings.groups, langs)
    if settings.allow_other_groups:
        groups.append(Choice(OTHER_GROUP, every_language("template.xlsform.other_group", langs)))
    choices: dict[str, tuple[Choice, ...]] = {
        GROUP_LIST: tuple(groups),
        rating_list: tuple(rating_choices(low, high, langs)),
    }
    for attribute in attributes:
        if attribute in CLOSED_ATTRIBUTES:
            choices[attribute] = tuple(option_choices(attribute, langs))
    from mgi.i18n import text

    return XLSForm(
        identity=identity,
        title=text("template.consultation.title", default),
        languages=langs,
        survey=tuple(survey),
        choices=choices,
    )
