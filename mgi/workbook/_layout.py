"""The questionnaire workbook layout shared by the template writer and the importer.

One place for the format version, the stamp keys, the column headers of a question sheet with
the other headers people use for them, and the labels of the Metadata sheet. The writer writes
each in the template's language (the catalogue entries ``template.column.<field>`` and
``template.metadata.<field>``); the importer accepts the aliases below and the header of every
language (:func:`header_aliases`, :func:`metadata_aliases`; case, spacing and accents ignored),
so a template filled in Albanian reads like its English twin.
"""

from __future__ import annotations

from mgi.assessment import METADATA_FIELDS

#: Version of the questionnaire workbook format (bump when the layout changes incompatibly).
TEMPLATE_VERSION = "1"
#: Template kind written in the stamp.
KIND = "questionnaire"

#: Question-sheet columns: field -> (header written in English, width). The header of each
#: language is the catalogue entry ``template.column.<field>`` (:func:`column_header`).
QUESTION_COLUMNS: dict[str, tuple[str, float]] = {
    "code": ("Code", 11),
    "subdomain": ("Sub-domain", 26),
    "question": ("Question", 58),
    "guidance": ("Guidance", 58),
    "answer": ("Answer", 24),
    "evidence": ("Evidence/source", 44),
    "comment": ("Comment", 34),
    "implementation": ("Implementation (not scored)", 22),
}
#: Row of the header on question sheets written by the template (the importer searches).
HEADER_ROW = 3

#: Headers accepted for each question-sheet field (the first is the one written).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "indicator code", "question code", "item code", "indicator id", "id"),
    "answer": ("answer", "response", "reply", "answers", "responses"),
    "evidence": (
        "evidence/source",
        "evidence",
        "source",
        "sources",
        "evidence/sources",
        "evidence and source",
        "evidence and sources",
        "source/evidence",
    ),
    "comment": ("comment", "comments", "remark", "remarks"),
    "implementation": (
        "implementation (not scored)",
        "implementation",
        "implementation status",
        "implemented",
        "zbatimi (nuk vleresohet)",
        "zbatimi",
    ),
    "subdomain": ("sub-domain", "subdomain", "sub domain"),
    "question": ("question", "question text"),
}

#: Metadata sheet rows: field -> (label written in English, help text). Each language's are
#: the catalogue entries ``template.metadata.<field>`` and ``template.metadata_help.<field>``.
METADATA_LABELS: dict[str, tuple[str, str]] = {
    "country": ("Country", "Required. The country assessed."),
    "round": ("Round (year)", "Required. The year of this assessment round, e.g. 2023."),
    "reference_date": (
        "Reference date",
        "Date the answers describe, written YYYY-MM-DD (e.g. 2024-03-15) or entered as a date.",
    ),
    "assessors": ("Assessors", "Names of the people who filled in the questionnaire."),
    "contact": ("Contact", "E-mail or phone of the person to ask about the answers."),
    "language": ("Language", "Language of the answers, e.g. en."),
    "notes": ("Notes", "Anything a reader of the results should know."),
}
assert tuple(METADATA_LABELS) == METADATA_FIELDS

#: Labels accepted for each metadata field.
METADATA_ALIASES: dict[str, tuple[str, ...]] = {
    "country": ("country", "country name"),
    "round": ("round (year)", "round", "year", "round/year", "assessment round", "assessment year"),
    "reference_date": ("reference date", "date", "reference period"),
    "assessors": ("assessors", "assessor", "experts", "authors", "filled in by"),
    "contact": ("contact", "contact person", "e-mail", "email"),
    "language": ("language",),
    "notes": ("notes", "note", "remarks"),
}

#: Sheet names (English; each language's are the entries ``sheet.instructions``,
#: ``sheet.metadata`` and ``sheet.lists``).
INSTRUCTIONS_SHEET = "Instructions"
METADATA_SHEET = "Metadata"
LISTS_SHEET = "Lists"
#: Defined names.
METADATA_NAME = "mgi_metadata"
ANSWERS_NAME_PREFIX = "mgi_answers_"


def column_header(field: str, lang: str) -> str:
    """The header of a question-sheet column in ``lang``."""
    from mgi.i18n import text

    return text(f"template.column.{field}", lang)


def metadata_label(field: str, lang: str) -> tuple[str, str]:
    """The label and the help text of a Metadata field in ``lang``."""
    from mgi.i18n import text

    return text(f"template.metadata.{field}", lang), text(f"template.metadata_help.{field}", lang)


def header_aliases() -> dict[str, tuple[str, ...]]:
    """:data:`HEADER_ALIASES` with the header of every column in every language."""
    from mgi.i18n import every_text

    return {
        field: (*aliases, *every_text(f"template.column.{field}"))
        for field, aliases in HEADER_ALIASES.items()
    }


def metadata_aliases() -> dict[str, tuple[str, ...]]:
    """:data:`METADATA_ALIASES` with the label of every field in every language."""
    from mgi.i18n import every_text

    return {
        field: (*aliases, *every_text(f"template.metadata.{field}"))
        for field, aliases in METADATA_ALIASES.items()
    }


def metadata_titles() -> tuple[str, ...]:
    """Titles a Metadata sheet may have (every language's, and the usual alternatives)."""
    from mgi.i18n import every_text

    return ("metadata", "meta data", "about", *every_text("sheet.metadata"))
