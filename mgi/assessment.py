"""The :class:`Assessment`: one completed questionnaire, as read and validated.

An assessment holds one row per indicator of its instrument (answered or not), the metadata
of the exercise (country, round...), the issues found while reading it, and where it came from
(file name and SHA-256). It is immutable; :meth:`Assessment.replace` returns a changed copy.

Two doors lead to one house: :func:`mgi.read_assessment` reads a workbook, and
:meth:`Assessment.from_answers` builds one from a mapping of codes to answers as typed.

The answers are kept as plain rows (:class:`AnswerRows`); the :attr:`Assessment.answers`
DataFrame is built from them on first use, so that reading and validating a questionnaire
never imports pandas.

Examples
--------
>>> from mgi.instrument import load_instrument
>>> inst = load_instrument("sdg-10-7-2")
>>> answers = {code: "Yes" for code in inst.indicators.index if code.startswith(("D2", "D3"))}
>>> a = Assessment.from_answers(inst, answers, {"country": "Testland", "round": "2024"})
>>> a.coverage()["missing"], a.has_errors
(20, True)
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from mgi._tables import normalise_answer
from mgi.catalogue import Issue, has_errors, make_issue
from mgi.instrument import Instrument, option_order

if TYPE_CHECKING:
    import pandas as pd

#: Metadata fields of an assessment, in the order of the Metadata sheet.
METADATA_FIELDS: tuple[str, ...] = (
    "country",
    "round",
    "reference_date",
    "assessors",
    "contact",
    "language",
    "notes",
)
#: Metadata fields that must be filled in.
REQUIRED_METADATA: tuple[str, ...] = ("country", "round")
#: Metadata fields that hold a date, written YYYY-MM-DD (or entered as a date cell).
DATE_METADATA: tuple[str, ...] = ("reference_date",)

#: Columns of :attr:`Assessment.answers`.
ANSWER_COLUMNS: tuple[str, ...] = (
    "domain",
    "subdomain",
    "scale",
    "status",
    "option",
    "label",
    "raw",
    "evidence",
    "comment",
    "implementation",
    "sheet",
    "cell",
)

#: A round: a year written with ASCII digits.
_YEAR = re.compile(r"[0-9]{4}")
#: A date as the questionnaire asks for it.
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
#: A date written day and month first or month and day first (15/03/2024, 3.15.2024).
_DMY = re.compile(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})")
#: A date written year first without the zeros or with other separators (2024-3-5, 2024/03/05).
_YMD = re.compile(r"([0-9]{4})[./-]([0-9]{1,2})[./-]([0-9]{1,2})")
#: Issues of a missing answer: none typed, or one typed in another column of its row.
MISSING_RULES = ("answer.missing", "answer.in_other_column")
#: Issues of an answer without its support: errors when the scoring scheme requires evidence.
EVIDENCE_RULES = ("answer.no_evidence", "answer.no_reason")

#: Values of the ``status`` column.
STATUSES = ("answered", "not_applicable", "missing", "invalid")


@dataclass(frozen=True)
class Source:
    """Where an assessment came from."""

    file_name: str = ""
    path: str = ""
    sha256: str = ""
    template_version: str = ""
    kind: str = "questionnaire"

    def to_dict(self) -> dict[str, str]:
        """File name, SHA-256, template version and kind: what outputs record (the path stays
        in memory only, so that no output reveals the folders of the machine it ran on)."""
        return {
            "file_name": self.file_name,
            "sha256": self.sha256,
            "template_version": self.template_version,
            "kind": self.kind,
        }


class AnswerRows:
    """The answers table as plain rows: one tuple per indicator, ``(code, *ANSWER_COLUMNS)``.

    :meth:`frame` builds the DataFrame (index ``code``) once, on first use.
    """

    __slots__ = ("_frame", "rows")

    def __init__(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.rows: tuple[tuple[Any, ...], ...] = tuple(rows)
        self._frame: pd.DataFrame | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        """One column of every row, in row order."""
        at = ANSWER_COLUMNS.index(name) + 1
        return [row[at] for row in self.rows]

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame indexed by code (shared: callers copy it)."""
        if self._frame is None:
            import pandas as pd

            self._frame = pd.DataFrame.from_records(
                list(self.rows), columns=["code", *ANSWER_COLUMNS]
            ).set_index("code")
        return self._frame


@dataclass(frozen=True, eq=False)
class Assessment:
    """A completed questionnaire: answers, metadata, issues and provenance.

    Attributes
    ----------
    instrument
        The :class:`~mgi.instrument.Instrument` the answers belong to.
    metadata
        Country, round, reference date, assessors, contact, language, notes (strings).
    issues
        Every problem found while reading (errors stop scoring; warnings do not).
    source
        File name, path, SHA-256 and template version of the workbook read.
    """

    instrument: Instrument
    _answers: AnswerRows | pd.DataFrame = field(repr=False)
    metadata: Mapping[str, str] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()
    source: Source = Source()

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def from_answers(
        cls,
        instrument: Instrument,
        answers: Mapping[str, Any],
        metadata: Mapping[str, Any] | None = None,
        *,
        evidence: Mapping[str, str] | None = None,
        comments: Mapping[str, str] | None = None,
        implementation: Mapping[str, str] | None = None,
        allow_incomplete: bool = False,
    ) -> Assessment:
        """Build an assessment from answers as typed (labels, aliases or option codes).

        Unknown codes, answers that are not accepted and missing answers become issues, as
        when reading a workbook; ``allow_incomplete`` turns missing answers into warnings.
        ``implementation`` records, per indicator, how far the law or policy is applied (a
        level of :func:`~mgi.reference.implementation_levels`, by code, label or alias); it is
        never scored, and a value that is not a level is an ``implementation.invalid`` warning.
        """
        evidence = evidence or {}
        comments = comments or {}
        implementation = implementation or {}
        issues: list[Issue] = []
        cells = {}
        known = set(instrument.codes)
        for code, raw in answers.items():
            if code not in known:
                issues.append(
                    make_issue(
                        "answer.unknown_code",
                        indicator=str(code),
                        found=code,
                        instrument=instrument.label,
                    )
                )
                continue
            level, level_issue = parse_implementation(implementation.get(code), indicator=code)
            if level_issue is not None:
                issues.append(level_issue)
            cells[code] = {
                "raw": raw,
                "evidence": evidence.get(code, ""),
                "comment": comments.get(code, ""),
                "implementation": level,
            }
        frame, answer_issues = build_answers(instrument, cells, allow_incomplete=allow_incomplete)
        meta = {k: "" if v is None else str(v).strip() for k, v in (metadata or {}).items()}
        if "round" in meta:
            meta["round"] = normalise_round(meta["round"])
        issues += answer_issues + check_metadata(meta)
        return cls(instrument=instrument, _answers=frame, metadata=meta, issues=tuple(issues))

    def replace(self, **changes: Any) -> Assessment:
        """A copy with some fields changed (``answers=`` takes a DataFrame)."""
        if "answers" in changes:
            changes["_answers"] = changes.pop("answers").copy()
        return replace(self, **changes)

    # -- views ----------------------------------------------------------------------------
    @property
    def answers(self) -> pd.DataFrame:
        """One row per indicator of the instrument (index: code), columns
        :data:`ANSWER_COLUMNS`. ``option`` is the stored option code (empty when missing or
        invalid); ``raw`` is what was typed; ``sheet``/``cell`` say where."""
        answers = self._answers
        return (answers.frame() if isinstance(answers, AnswerRows) else answers).copy()

    @property
    def country(self) -> str:
        return str(self.metadata.get("country", ""))

    @property
    def round(self) -> str:
        return str(self.metadata.get("round", ""))

    @property
    def label(self) -> str:
        """``Country round``, for titles and file names."""
        return " ".join(p for p in (self.country, self.round) if p) or self.source.file_name

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.issues)

    def coverage(self) -> dict[str, float]:
        """Counts of answered, not applicable, missing and invalid answers, and the share
        answered among the applicable questions (``answered / (total - not_applicable)``)."""
        answers = self._answers
        if isinstance(answers, AnswerRows):
            statuses = answers.column("status")
        else:
            statuses = answers["status"].tolist()
        counts = Counter(statuses)
        result: dict[str, float] = {s: int(counts.get(s, 0)) for s in STATUSES}
        total = len(statuses)
        applicable = total - result["not_applicable"]
        result["total"] = total
        result["share_answered"] = result["answered"] / applicable if applicable else 1.0
        return result

    def provenance(self) -> dict[str, Any]:
        """What identifies this assessment in an output."""
        return {
            **self.instrument.provenance(),
            **{f"source_{k}": v for k, v in self.source.to_dict().items()},
            **{f"metadata_{k}": v for k, v in self.metadata.items()},
        }


def build_answers(
    instrument: Instrument,
    cells: Mapping[str, Mapping[str, Any]],
    *,
    allow_incomplete: bool = False,
    sheet_of: Mapping[str, str] | None = None,
) -> tuple[AnswerRows, list[Issue]]:
    """Turn what was typed per indicator into the answers table, with issues.

    ``cells`` maps an indicator code to ``raw`` (the answer cell's value) and optionally
    ``evidence``, ``comment``, ``implementation`` (a level's label, see
    :func:`parse_implementation`), ``sheet`` and ``cell`` (where the answer was read). Every
    indicator of the instrument gets a row; codes absent from ``cells`` are missing.

    The instrument's rows are turned into plain lists and dictionaries once (one entry per
    answer scale), so the loop over indicators touches no pandas object; the table comes back
    as :class:`AnswerRows` (``.frame()`` gives the DataFrame).
    """
    rows, scales = _plain_tables(instrument)
    records = []
    issues: list[Issue] = []
    for code, domain, subdomain, scale in rows:
        cell = cells.get(code, {})
        raw = cell.get("raw")
        sheet, ref = cell.get("sheet") or None, cell.get("cell") or None
        labels, not_applicable, allowed, accepted = scales[scale]
        option = ""
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            status = "missing"
            issues.append(
                make_issue(
                    "answer.missing",
                    indicator=code,
                    allowed=allowed,
                    severity="warning" if allow_incomplete else None,
                    sheet=sheet,
                    cell=ref,
                )
            )
            raw_text = ""
        else:
            raw_text = str(raw).strip() if not isinstance(raw, float) else f"{raw:g}"
            parsed = accepted.get(normalise_answer(raw))  # as Instrument.parse_answer
            if parsed is None:
                status = "invalid"
                issues.append(
                    make_issue(
                        "answer.invalid",
                        indicator=code,
                        found=raw_text,
                        allowed=allowed,
                        sheet=sheet,
                        cell=ref,
                    )
                )
            else:
                option = parsed
                status = "not_applicable" if not_applicable[parsed] else "answered"
        records.append(
            (
                code,
                domain,
                subdomain,
                scale,
                status,
                option,
                labels[option] if option else "",
                raw_text,
                str(cell.get("evidence") or "").strip(),
                str(cell.get("comment") or "").strip(),
                str(cell.get("implementation") or ""),
                sheet or "",
                ref or "",
            )
        )
    return AnswerRows(records), issues


#: Plain copies of an instrument's indicator and answer tables, one per instrument object (the
#: entry goes when the instrument does), so that reading many workbooks builds them once.
_PLAIN: weakref.WeakKeyDictionary[Instrument, tuple[Any, Any]] = weakref.WeakKeyDictionary()


def _plain_tables(
    instrument: Instrument,
) -> tuple[
    list[tuple[str, str, str, str]],
    dict[str, tuple[dict[str, str], dict[str, bool], str, Mapping[str, str]]],
]:
    """Per indicator (code, domain, sub-domain, scale), and per scale (labels by option, not
    applicable by option, the allowed answers as text, the accepted spellings)."""
    found = _PLAIN.get(instrument)
    if found is not None:
        return found
    rows = [
        (r["code"], r["domain"], r["subdomain"], r["scale"])
        for r in instrument.records("indicators")
    ]
    table = sorted(instrument.records("scales"), key=option_order)
    labels_of: dict[str, dict[str, str]] = {}
    na_of: dict[str, dict[str, bool]] = {}
    for row in table:
        scale, option = row["scale"], row["option"]
        labels_of.setdefault(scale, {})[option] = row["label"]
        na_of.setdefault(scale, {})[option] = bool(row["not_applicable"])
    scales = {
        scale: (
            labels_of.get(scale, {}),
            na_of.get(scale, {}),
            ", ".join(labels_of.get(scale, {}).values()),
            instrument.answer_lookup(scale),
        )
        for scale in dict.fromkeys(r[3] for r in rows)
    }
    _PLAIN[instrument] = (rows, scales)
    return rows, scales


def coverage_issues(assessment: Any, allow_incomplete: bool) -> list[Issue]:
    """One issue for an unfilled questionnaire (an error, whatever the settings) or, when
    missing answers are allowed, one coverage warning (``mgi validate`` and every run)."""
    cov = assessment.coverage()
    name = assessment.source.file_name or None
    applicable = int(cov["total"] - cov["not_applicable"])
    if cov["answered"] == 0 and cov["missing"] > 0:
        return [make_issue("assessment.unfilled", file=name, found=int(cov["missing"]))]
    if allow_incomplete and cov["missing"] > 0:
        return [
            make_issue(
                "assessment.incomplete",
                file=name,
                found=int(cov["answered"]),
                expected=applicable,
                share=f"{cov['share_answered']:.0%}",
            )
        ]
    return []


def require_evidence(issues: Iterable[Issue], *, scheme: str = "") -> list[Issue]:
    """The issues of a scheme that requires evidence (``[answers] evidence_required``): every
    answer without its evidence and every Not applicable without a reason becomes an error,
    led by one ``score.evidence_required`` issue that says why (none when nothing lacks).

    Examples
    --------
    >>> lacking = make_issue("answer.no_evidence", indicator="D1.1.1", label="Fully present")
    >>> [(i.rule, i.severity) for i in require_evidence([lacking], scheme="strict 1.0")]
    [('score.evidence_required', 'error'), ('answer.no_evidence', 'error')]
    """
    issues = list(issues)
    lacking = [i for i in issues if i.rule in EVIDENCE_RULES]
    if not lacking:
        return issues
    head = make_issue("score.evidence_required", found=len(lacking), expected=scheme or "used")
    return [head] + [
        i.with_location(severity="error") if i.rule in EVIDENCE_RULES else i for i in issues
    ]


def normalise_round(value: Any) -> str:
    """The round as text, with decimal digits of any script written as ASCII digits.

    Digits typed on another keyboard (full-width ``２０２３``, Arabic-Indic ``٢٠٢٣``,
    Devanagari ``२०२३``: Unicode decimal digits) are the same number and become ``2023``.
    Superscripts (``²⁰²⁴``), circled (``⑨``) and other number-like signs are not decimal
    digits: they are kept as typed, and :func:`check_metadata` reports them as a bad round.

    Examples
    --------
    >>> normalise_round("２０２３"), normalise_round("٢٠٢٣"), normalise_round(" 2023 ")
    ('2023', '2023', '2023')
    >>> normalise_round("²⁰²⁴"), normalise_round("⑨")
    ('²⁰²⁴', '⑨')
    """
    text = "" if value is None else str(value).strip()
    if text and all(unicodedata.category(ch) == "Nd" for ch in text):
        return "".join(str(unicodedata.decimal(ch)) for ch in text)
    return text


def parse_implementation(
    value: Any,
    *,
    indicator: str | None = None,
    sheet: str | None = None,
    cell: str | None = None,
) -> tuple[str, Issue | None]:
    """The label of the implementation level ``value`` stands for (code, label or alias, see
    :func:`~mgi.reference.implementation_lookup`), and the issue if it stands for none.

    An empty value gives ``("", None)``; a value that is not a level gives ``""`` and an
    ``implementation.invalid`` warning (implementation is never scored, so it never stops
    scoring).

    Examples
    --------
    >>> parse_implementation("partly")[0], parse_implementation(None)
    ('Partly implemented', ('', None))
    >>> parse_implementation("soon")[1].rule
    'implementation.invalid'
    """
    from mgi.reference import implementation_levels, implementation_lookup

    if value is None or (isinstance(value, str) and not value.strip()):
        return "", None
    level = implementation_lookup().get(normalise_answer(value))
    if level is not None:
        return level.label, None
    shown = value if isinstance(value, str) else str(value)
    return "", make_issue(
        "implementation.invalid",
        sheet=sheet,
        cell=cell,
        indicator=indicator,
        found=shown.strip(),
        allowed=", ".join(level.label for level in implementation_levels()),
    )


def date_example(text: str) -> str:
    """How a date typed in another format is written as YYYY-MM-DD, for a message.

    A day above 12 says which number is the day; when both could be, both readings are given;
    a date written year first is given with its zeros; anything else gets a plain example.

    Examples
    --------
    >>> date_example("15/03/2024"), date_example("03/15/2024"), date_example("03/04/2024")
    ('2024-03-15', '2024-03-15', '2024-04-03 / 2024-03-04')
    >>> date_example("2024/3/5"), date_example("next spring")
    ('2024-03-05', '2024-03-15')
    """
    year_first = _YMD.fullmatch(text.strip())
    if year_first is not None:
        year, month, day = (int(g) for g in year_first.groups())
        if _is_date(year, month, day):
            return f"{year:04d}-{month:02d}-{day:02d}"
    found = _DMY.fullmatch(text.strip())
    if found is None:
        return "2024-03-15"
    first, second, year = (int(g) for g in found.groups())
    readings = []
    for day, month in ((first, second), (second, first)):
        if 1 <= day <= 31 and 1 <= month <= 12 and _is_date(year, month, day):
            readings.append(f"{year:04d}-{month:02d}-{day:02d}")
    return " / ".join(dict.fromkeys(readings)) or "2024-03-15"


def _is_date(year: int, month: int, day: int) -> bool:
    import datetime as dt

    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is a real calendar date written YYYY-MM-DD.

    Examples
    --------
    >>> is_iso_date("2024-03-15"), is_iso_date("2024-02-30"), is_iso_date("15/03/2024")
    (True, False, False)
    """
    found = _ISO_DATE.fullmatch(text.strip())
    return found is not None and _is_date(*(int(g) for g in found.groups()))


def check_metadata(
    metadata: Mapping[str, str], *, sheet: str | None = None, cells: Mapping[str, str] | None = None
) -> list[Issue]:
    """Country and round must be filled in; the round must be a year written in digits
    (see :func:`normalise_round` for digits of other scripts); a date (the reference date)
    must be a calendar date written YYYY-MM-DD (a date cell of a workbook reads as one)."""
    cells = cells or {}
    issues = []
    for name in REQUIRED_METADATA:
        if not str(metadata.get(name, "")).strip():
            issues.append(
                make_issue("metadata.missing", sheet=sheet, cell=cells.get(name), column=name)
            )
    round_ = str(metadata.get("round", "")).strip()
    if round_ and not (_YEAR.fullmatch(round_) and 1900 <= int(round_) <= 2200):
        issues.append(
            make_issue("metadata.bad_round", sheet=sheet, cell=cells.get("round"), found=round_)
        )
    for name in DATE_METADATA:
        value = str(metadata.get(name, "")).strip()
        if value and not is_iso_date(value):
            issues.append(
                make_issue(
                    "metadata.bad_date",
                    sheet=sheet,
                    cell=cells.get(name),
                    column=name,
                    found=value,
                    example=date_example(value),
                )
            )
    return issues
