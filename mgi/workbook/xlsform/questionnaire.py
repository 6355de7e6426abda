"""The questionnaire of an instrument as an XLSForm, for assessors on a tablet or in a browser.

The form asks what the questionnaire workbook asks (:mod:`mgi.workbook.template`): the
assessment's country and round (required), reference date, assessors and contact, then, domain
by domain, one screen per question with its answer (required; the instrument's scale, its
options labelled in every language of the catalogues), the evidence or source, a comment
(required when the answer is "Not applicable": say why) and the optional implementation level
(never scored). The guidance of each question is its hint. The instrument's own texts
(questions, guidance, domain names) are written in the languages the instrument has; where the
catalogues have no translation of them, the form shows them in English in every language.

Names in the export: ``assessment/country`` …, ``domain_d1/d1_1_1/d1_1_1_answer``,
``…/d1_1_1_evidence``, ``…/d1_1_1_comment``, ``…/d1_1_1_implementation``; choice names are
the scale's option codes (``full``, ``partial``, ``absent``, ``na``) and the implementation
levels' codes.

Examples
--------
>>> form = questionnaire_form("sdg-10-7-2")
>>> form.identity.form_id, form.field("answer", "D2.a").path
('mgi_questionnaire_sdg-10-7-2', ('domain_d2', 'd2_a', 'd2_a_answer'))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mgi.workbook.xlsform.consultation import identity_fields
from mgi.workbook.xlsform.form import (
    MAX_TEXT,
    Choice,
    FormIdentity,
    Question,
    XLSForm,
    every_language,
)

#: Choice list of the implementation levels.
LEVELS_LIST = "implementation_levels"
#: The metadata the form asks, with its type and whether it is required.
METADATA_QUESTIONS = (
    ("country", "text", True),
    ("round", "integer", True),
    ("reference_date", "date", False),
    ("assessors", "text", False),
    ("contact", "text", False),
)
METADATA_GROUP = "assessment"


def field_name(code: str) -> str:
    """The name of an indicator's group in the form: its code in lower case with ``_`` for
    every other character (``D1.1.1`` → ``d1_1_1``), ``q_`` in front when it would not start
    with a letter.

    Examples
    --------
    >>> field_name("D1.1.1"), field_name("2.b")
    ('d1_1_1', 'q_2_b')
    """
    name = re.sub(r"[^a-z0-9_]", "_", code.casefold())
    return name if name[:1].isalpha() else f"q_{name}"


def _same(text: str, languages: Sequence[str]) -> dict[str, str]:
    return dict.fromkeys(languages, text)


def _option_labels(scale: str, option: str, english: str, languages: Sequence[str]) -> dict:
    """An answer option's label in every language (the catalogues' ``answer_options``; an
    option they do not know keeps the instrument's label)."""
    from mgi.i18n import content

    return {
        lang: str(content("answer_options", f"{scale}.{option}", "label", lang, default=english))
        for lang in languages
    }


def questionnaire_form(instrument: Any, lang: str = "en") -> XLSForm:
    """The questionnaire of an instrument as an XLSForm, in every language of the catalogues
    with ``lang`` as the default language.

    Parameters
    ----------
    instrument
        A bundled instrument name, an instrument folder or an
        :class:`~mgi.instrument.Instrument`.
    lang
        The form's default language.
    """
    from mgi.i18n import content, language, languages
    from mgi.reference import implementation_levels
    from mgi.workbook.template import as_instrument, guidance_text

    inst = as_instrument(instrument if not isinstance(instrument, Path) else str(instrument))
    default = language(lang).code
    langs = (default, *(c for c in languages() if c != default))
    identity = FormIdentity("questionnaire", inst.name, inst.version)

    survey = identity_fields(identity)
    survey.append(
        Question(
            "begin_group",
            METADATA_GROUP,
            labels=every_language("template.xlsform.assessment", langs),
            appearance="field-list",
        )
    )
    for name, kind, required in METADATA_QUESTIONS:
        extra: dict[str, Any] = {}
        if kind == "integer":
            extra = {
                "constraint": ". >= 1900 and . <= 2200",
                "constraint_messages": every_language("template.xlsform.round", langs),
            }
        elif kind == "text":
            extra = {
                "constraint": f"string-length(.) <= {MAX_TEXT}",
                "constraint_messages": every_language(
                    "template.xlsform.too_long", langs, limit=MAX_TEXT
                ),
            }
        survey.append(
            Question(
                kind,
                name,
                labels=every_language(f"template.metadata.{name}", langs),
                required="yes" if required else "",
                required_messages=(
                    every_language("template.xlsform.required_answer", langs) if required else {}
                ),
                role=("metadata", name),
                **extra,
            )
        )
    survey.append(Question("end_group", METADATA_GROUP))

    scales = list(dict.fromkeys(inst.indicators["scale"]))
    choices: dict[str, tuple[Choice, ...]] = {}
    not_applicable: dict[str, list[str]] = {}
    non_na_labels: dict[str, list[str]] = {}
    for scale in scales:
        rows = inst.option_rows(scale)
        choices[scale] = tuple(
            Choice(str(r["option"]), _option_labels(scale, r["option"], r["label"], langs))
            for r in rows
        )
        not_applicable[scale] = [str(r["option"]) for r in rows if r["not_applicable"]]
        non_na_labels[scale] = [str(r["label"]) for r in rows if not r["not_applicable"]]
    choices[LEVELS_LIST] = tuple(
        Choice(
            level.code,
            {
                c: str(
                    content("implementation_levels", level.code, "label", c, default=level.label)
                )
                for c in langs
            },
        )
        for level in implementation_levels()
    )

    column = {
        key: every_language(f"template.column.{key}", langs)
        for key in ("evidence", "comment", "implementation")
    }
    indicators = inst.indicators
    subdomains = inst.subdomains
    for domain_code, domain in inst.domains.iterrows():
        rows = indicators[indicators["domain"] == domain_code]
        if rows.empty:
            continue
        domain_group = f"domain_{field_name(str(domain_code))}"
        survey.append(
            Question(
                "begin_group",
                domain_group,
                labels=_same(f"{domain_code} {domain['name']}", langs),
            )
        )
        for code, indicator in rows.iterrows():
            name = field_name(str(code))
            scale = str(indicator["scale"])
            sub = indicator["subdomain"]
            sub_name = subdomains.at[sub, "name"] if sub in subdomains.index else ""
            guidance = guidance_text(indicator, non_na_labels[scale])
            answer = f"{name}_answer"
            survey.append(
                Question(
                    "begin_group",
                    name,
                    labels=_same(f"{sub} {sub_name}".strip(), langs),
                    appearance="field-list",
                )
            )
            survey.append(
                Question(
                    f"select_one {scale}",
                    answer,
                    labels=_same(f"{code} {indicator['question']}", langs),
                    hints=_same(guidance, langs) if guidance else {},
                    required="yes",
                    required_messages=every_language("template.xlsform.required_answer", langs),
                    role=("answer", str(code)),
                )
            )
            survey.append(
                Question(
                    "text",
                    f"{name}_evidence",
                    labels={c: f"{code} {column['evidence'][c]}" for c in langs},
                    appearance="multiline",
                    role=("evidence", str(code)),
                )
            )
            reason = " or ".join(f"${{{answer}}} = '{o}'" for o in not_applicable[scale])
            survey.append(
                Question(
                    "text",
                    f"{name}_comment",
                    labels={c: f"{code} {column['comment'][c]}" for c in langs},
                    required=reason,
                    required_messages=(
                        every_language("template.xlsform.required_reason", langs) if reason else {}
                    ),
                    appearance="multiline",
                    role=("comment", str(code)),
                )
            )
            survey.append(
                Question(
                    f"select_one {LEVELS_LIST}",
                    f"{name}_implementation",
                    labels={c: f"{code} {column['implementation'][c]}" for c in langs},
                    role=("implementation", str(code)),
                )
            )
            survey.append(Question("end_group", name))
        survey.append(Question("end_group", domain_group))
    return XLSForm(
        identity=identity,
        title=inst.title,
        languages=langs,
        survey=tuple(survey),
        choices=choices,
    )
