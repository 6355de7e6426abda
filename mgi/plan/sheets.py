"""The sheets of an action-plan workbook, declared once for the template and its reader.

Each table sheet is a :class:`~mgi.workbook.sheets.SheetSpec` built for a language: the
headers are written in that language and accepted in every language (a workbook filled in
Albanian reads like its English twin). The vocabularies (indicator levels, frequencies, gender
markers, how costs are spread, the group's decisions) are read in every language too.

Sheets, in order: Instructions (the plan's settings beside their labels, then how to fill in),
Measures (specific-objective rows, each followed by its measure rows), Indicators (one passport
per indicator), Institutions (the list the drop-downs use), Lists (what the plan was pre-filled
from, and the lists behind the drop-downs).

Examples
--------
>>> [c.header for c in measures_sheet("en").columns][:4]
['Code', 'Specific objective', 'Measure', 'Activities']
>>> measures_sheet("en").column("start").accepts("Fillimi")
True
>>> parse_action("GCM04 (c)"), parse_sdg_target(" 10.C "), parse_eu_chapter("Chapter 24")
('4(c)', '10.c', 24)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from mgi.i18n import languages, text
from mgi.workbook._session import parse_objective
from mgi.workbook.scan import norm_label, text_of
from mgi.workbook.sheets import (
    Column,
    SheetSpec,
    choice,
    multiple,
    non_negative,
    number,
    quarter,
    whole_number,
)

#: Row of the column headers on the table sheets (title in row 1, a note in row 2).
HEADER_ROW = 4
#: The sheets, by key; their titles come from the catalogues (``plan.sheet.<key>``).
SHEETS = ("instructions", "measures", "indicators", "institutions", "lists")
#: The settings written on the Instructions sheet, in order.
SETTINGS = (
    "title",
    "country",
    "start",
    "end",
    "currency",
    "edition",
    "cost_profile",
    "language",
    "basis",
)
#: A stable code: letters, digits, dots, hyphens, underscores (``SO1.M2``).
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
#: A specific objective's code (``SO1``): rows of the Measures sheet with such a code are
#: specific objectives, every other row is a measure.
OBJECTIVE_CODE = re.compile(r"^SO\d{1,3}$", re.IGNORECASE)
_ACTION = re.compile(r"^(?:gcm\s*)?0?(\d{1,2})\s*[.(]?\s*([a-z])\s*\)?$")
_SDG = re.compile(r"^(?:sdg\s*)?(\d{1,2})\.([0-9]{1,2}|[a-z])$")
_EU = re.compile(r"^(?:chapter|kapitulli|ch\.?|kap\.?)?\s*(\d{1,2})\b")
_MGI = re.compile(r"^[a-z]{1,3}\d{0,2}(?:\.[a-z0-9]{1,3}){1,3}$")
_ANNUAL = re.compile(r"^(\d{4})\s*[:=]\s*(.+)$")


def headers(key: str) -> tuple[str, ...]:
    """The header of column ``key`` in every language (English first)."""
    found = [text(f"plan.column.{key}", lang) for lang in ("en", *sorted(languages()))]
    return tuple(dict.fromkeys(found))


def sheet_titles(key: str) -> tuple[str, ...]:
    """The title of sheet ``key`` in every language (English first)."""
    found = [text(f"plan.sheet.{key}", lang) for lang in ("en", *sorted(languages()))]
    return tuple(dict.fromkeys(found))


def in_every_language(prefix: str, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """``key -> its text in every language``, from the catalogue entries ``prefix.<key>``."""
    return {
        key: tuple(
            dict.fromkeys(text(f"{prefix}.{key}", lang) for lang in ("en", *sorted(languages())))
        )
        for key in keys
    }


# -- parsers of the plan's cells -------------------------------------------------------------------


def parse_code(value: Any) -> str:
    """A stable code as written (spaces around it ignored); ``ValueError`` if it has spaces
    or other characters."""
    found = text_of(value).strip()
    if not CODE.match(found):
        raise ValueError("not a code")
    return found


def parse_action(value: Any) -> str:
    """A GCM action as ``4(c)``, from ``4(c)``, ``4c``, ``4.c``, ``GCM04 (c)``."""
    match = _ACTION.match(norm_label(text_of(value)))
    if match is None or not 1 <= int(match.group(1)) <= 23:
        raise ValueError("not a GCM action")
    return f"{int(match.group(1))}({match.group(2)})"


def parse_sdg_target(value: Any) -> str:
    """An SDG target as ``10.7`` or ``10.c`` (goal 1 to 17).

    A target typed as a number (``10.7`` read as 10.7) is read as written; ``8.10`` needs to
    be text (a cell formatted as text, or ``8.10`` typed with an apostrophe).
    """
    raw = value if isinstance(value, str) else text_of(value)
    match = _SDG.match(norm_label(raw).replace(" ", ""))
    if match is None or not 1 <= int(match.group(1)) <= 17:
        raise ValueError("not an SDG target")
    return f"{int(match.group(1))}.{match.group(2)}"


def parse_eu_chapter(value: Any) -> int:
    """A negotiating chapter number 1 to 35 from ``24``, ``Chapter 24``, ``Kapitulli 24`` or
    ``24 Justice, freedom and security``."""
    match = _EU.match(norm_label(text_of(value)))
    if match is None or not 1 <= int(match.group(1)) <= 35:
        raise ValueError("not an EU chapter")
    return int(match.group(1))


def parse_mgi_code(value: Any) -> str:
    """An MGI indicator code as written (``D2.4.5``); the instrument check comes later."""
    found = text_of(value).strip()
    if not _MGI.match(found.casefold()):
        raise ValueError("not an indicator code")
    return found.upper()


def parse_year(value: Any) -> int:
    """A year from 1900 to 2200."""
    return int(whole_number(1900, 2200)(value))


def parse_annual_targets(value: Any) -> tuple[tuple[int, float], ...]:
    """``2025: 10; 2026: 20`` as ``((2025, 10.0), (2026, 20.0))`` (years in order)."""
    found: dict[int, float] = {}
    for part in multiple()(value):
        match = _ANNUAL.match(str(part).strip())
        if match is None:
            raise ValueError("not year: value")
        found[parse_year(match.group(1))] = number(match.group(2))
    return tuple(sorted(found.items()))


def parse_objective_code(value: Any) -> str:
    """A GCM objective code (``GCM04``) from ``GCM04``, ``4`` or ``GCM04 Legal identity``."""
    return parse_objective(value)


@cache
def vocabulary(name: str) -> dict[str, tuple[str, ...]]:
    """A vocabulary of the plan: value -> every spelling accepted (every language)."""
    from mgi.plan.model import COST_PROFILES, DECISIONS, FREQUENCIES, GENDER_MARKERS, LEVELS

    if name == "level":
        return in_every_language("plan.level", LEVELS)
    if name == "frequency":
        return in_every_language("plan.frequency", FREQUENCIES)
    if name == "cost_profile":
        return in_every_language("plan.cost_profile", COST_PROFILES)
    if name == "decision":
        spelled = in_every_language("session.decision", DECISIONS)
        return {k: (*v, k.replace("_", " ")) for k, v in spelled.items()}
    if name == "gender_marker":
        spelled = in_every_language("plan.gender_marker", [str(g) for g in GENDER_MARKERS])
        return {k: (k, *v) for k, v in spelled.items()}
    raise KeyError(name)


def vocabulary_parser(name: str) -> Callable[[Any], str]:
    """Parser of a vocabulary value (any language; a gender marker also as 0, 1 or 2)."""
    parse = choice(vocabulary(name))
    if name != "gender_marker":
        return parse

    def gender(value: Any) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return parse(text_of(value))
        found = text_of(value).strip()
        lead = re.match(r"^([0-2])(?:\D|$)", found)
        return parse(lead.group(1) if lead else found)

    return gender


def vocabulary_labels(name: str, lang: str) -> list[str]:
    """The labels a drop-down of a vocabulary shows, in ``lang``."""
    prefix = {"decision": "session.decision"}.get(name, f"plan.{name}")
    return [text(f"{prefix}.{key}", lang) for key in vocabulary(name)]


def allowed(name: str, lang: str) -> str:
    return ", ".join(vocabulary_labels(name, lang))


# -- the sheets ------------------------------------------------------------------------------------


def _column(key: str, lang: str, **kwargs: Any) -> Column:
    written, *others = (text(f"plan.column.{key}", lang), *headers(key))
    return Column(key, written, aliases=tuple(dict.fromkeys(others)), **kwargs)


def measures_sheet(lang: str = "en") -> SheetSpec:
    """The Measures sheet: the columns of issue 17, in its order, with its headers."""
    cost = {
        "parse": non_negative,
        "rule": "plan.bad_cost",
        "width": 14,
        "decimal": (0.0, None),
        "number_format": "#,##0",
    }
    several = {"several": True, "strict": False}
    columns = (
        _column(
            "code",
            lang,
            parse=parse_code,
            rule="plan.bad_code",
            required=True,
            width=9,
            fields={"example": "SO1.M3"},
        ),
        _column("objective", lang, required=True, width=30, choices="objectives", strict=False),
        _column("measure", lang, required=True, width=36),
        _column("activities", lang, width=40),
        _column(
            "gcm",
            lang,
            parse=multiple(parse_objective_code),
            rule="plan.bad_objective",
            width=14,
            choices="gcm",
            **several,
        ),
        _column(
            "gcm_actions", lang, parse=multiple(parse_action), rule="plan.bad_action", width=12
        ),
        _column(
            "sdg",
            lang,
            parse=multiple(parse_sdg_target),
            rule="plan.bad_sdg_target",
            width=12,
            choices="sdg",
            **several,
        ),
        _column(
            "eu",
            lang,
            parse=multiple(parse_eu_chapter),
            rule="plan.bad_eu_chapter",
            width=11,
            choices="eu",
            **several,
        ),
        _column("lead", lang, width=26, choices="institutions", strict=False),
        _column(
            "contributing", lang, parse=multiple(), width=26, choices="institutions", **several
        ),
        _column(
            "start",
            lang,
            parse=quarter,
            rule="plan.bad_quarter",
            width=10,
            choices="quarters",
            strict=False,
        ),
        _column(
            "end",
            lang,
            parse=quarter,
            rule="plan.bad_quarter",
            width=10,
            choices="quarters",
            strict=False,
        ),
        _column("cost_state", lang, **cost),
        _column("cost_donors", lang, **cost),
        _column("unfunded", lang, **cost),
        _column("currency", lang, width=9),
        _column(
            "output_indicators",
            lang,
            parse=multiple(parse_code),
            rule="plan.bad_code",
            fields={"example": "SO1.M1.O1"},
            width=14,
        ),
        _column(
            "gender_marker",
            lang,
            parse=vocabulary_parser("gender_marker"),
            rule="plan.bad_choice",
            fields={"allowed": allowed("gender_marker", lang)},
            width=14,
            choices="gender_marker",
        ),
        _column("notes", lang, width=40),
    )
    return SheetSpec(
        title=text("plan.sheet.measures", lang),
        columns=columns,
        header_row=HEADER_ROW,
        heading=text("plan.measures.heading", lang),
        note=text("plan.measures.note", lang),
        kind=text("plan.sheet.measures", lang),
        used_when=tuple(
            c.key for c in columns if c.key not in ("code", "objective", "gcm", "currency")
        ),
        missing_rule="plan.missing_column",
        header_height=45,
        freeze="objective",
    )


def indicators_sheet(lang: str = "en") -> SheetSpec:
    """The Indicators sheet: one passport per indicator, in the columns of issue 17."""
    columns = (
        _column(
            "code",
            lang,
            parse=parse_code,
            rule="plan.bad_code",
            required=True,
            width=11,
            fields={"example": "SO1.I1"},
        ),
        _column("name", lang, required=True, width=36),
        _column(
            "level",
            lang,
            parse=vocabulary_parser("level"),
            rule="plan.bad_choice",
            fields={"allowed": allowed("level", lang)},
            width=11,
            choices="level",
        ),
        _column("definition", lang, width=40),
        _column("unit", lang, width=14),
        _column("disaggregation", lang, width=16),
        _column(
            "baseline",
            lang,
            parse=number,
            rule="plan.bad_number",
            width=10,
            number_format="General",
        ),
        _column(
            "baseline_year",
            lang,
            parse=parse_year,
            rule="plan.bad_year",
            width=9,
            validation=(1900, 2200),
        ),
        _column(
            "target", lang, parse=number, rule="plan.bad_number", width=10, number_format="General"
        ),
        _column(
            "target_year",
            lang,
            parse=parse_year,
            rule="plan.bad_year",
            width=9,
            validation=(1900, 2200),
        ),
        _column(
            "annual_targets",
            lang,
            parse=parse_annual_targets,
            rule="plan.bad_annual_targets",
            width=18,
        ),
        _column("source", lang, width=24),
        _column(
            "frequency",
            lang,
            parse=vocabulary_parser("frequency"),
            rule="plan.bad_choice",
            fields={"allowed": allowed("frequency", lang)},
            width=14,
            choices="frequency",
        ),
        _column("responsible", lang, width=26, choices="institutions", strict=False),
        _column(
            "linked_measures",
            lang,
            parse=multiple(parse_code),
            rule="plan.bad_code",
            fields={"example": "SO1.M1"},
            width=16,
        ),
        _column(
            "mgi",
            lang,
            parse=multiple(parse_mgi_code),
            rule="plan.bad_mgi_indicator",
            fields={"expected": "mgi-national"},
            width=14,
        ),
    )
    return SheetSpec(
        title=text("plan.sheet.indicators", lang),
        columns=columns,
        header_row=HEADER_ROW,
        heading=text("plan.indicators.heading", lang),
        note=text("plan.indicators.note", lang),
        kind=text("plan.sheet.indicators", lang),
        used_when=tuple(c.key for c in columns if c.key != "code"),
        missing_rule="plan.missing_column",
        header_height=45,
        freeze="code",
    )


def institutions_sheet(lang: str = "en") -> SheetSpec:
    """The Institutions sheet: the list the drop-downs of lead and contributing institutions
    use."""
    columns = (
        _column(
            "code",
            lang,
            parse=parse_code,
            rule="plan.bad_code",
            required=True,
            width=12,
            fields={"example": "MB"},
        ),
        _column("institution", lang, required=True, width=50),
        _column("abbreviation", lang, width=14),
        _column("type", lang, width=16),
        _column("notes", lang, width=40),
    )
    return SheetSpec(
        title=text("plan.sheet.institutions", lang),
        columns=columns,
        header_row=HEADER_ROW,
        heading=text("plan.institutions.heading", lang),
        note=text("plan.institutions.note", lang),
        kind=text("plan.sheet.institutions", lang),
        used_when=("code", "institution", "abbreviation"),
        missing_rule="plan.missing_column",
        freeze="code",
    )


def basis_sheet(lang: str = "en") -> SheetSpec:
    """The record on the Lists sheet of what the plan was pre-filled from (locked)."""
    columns = (
        _column("objective", lang, required=True, input=False, width=12),
        _column(
            "basis_gcm",
            lang,
            parse=parse_objective_code,
            rule="plan.bad_objective",
            required=True,
            input=False,
            width=12,
        ),
        _column(
            "rank", lang, parse=whole_number(1, 99), rule="plan.bad_number", input=False, width=10
        ),
        _column("decision", lang, input=False, width=22),
        _column(
            "shortfall",
            lang,
            parse=multiple(parse_mgi_code),
            rule="plan.bad_mgi_indicator",
            fields={"expected": "mgi-national"},
            input=False,
            width=24,
        ),
        _column("rationale", lang, input=False, width=30),
    )
    return SheetSpec(
        title=text("plan.sheet.lists", lang),
        columns=columns,
        header_row=HEADER_ROW,
        heading=text("plan.lists.heading", lang),
        note=text("plan.lists.note", lang),
        kind=text("plan.sheet.lists", lang),
        used_when=("objective", "basis_gcm"),
    )


def setting_labels() -> dict[str, tuple[str, ...]]:
    """Setting -> its label in every language (the Instructions sheet's label column)."""
    return in_every_language("plan.setting", SETTINGS)


def table_headers(spec: SheetSpec) -> Mapping[str, str]:
    """Field -> header written, for messages."""
    return {c.key: c.header for c in spec.columns}
