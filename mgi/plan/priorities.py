"""Read the agreed priorities from a priorities workbook (``mgi prioritize -o``, ``mgi session
export``): the consensus ranking, the MGI indicators behind each gap and the group's decisions.

The workbook is opened with the safe opener and its tables are found by their headers (the
field names mgi writes, or their readable labels in any language), so a workbook whose sheets
were reordered or renamed still reads. The decisions are the live session's (include, include
as cross-cutting, defer, exclude), read in any language; they may also come from another
workbook with the columns objective, decision and rationale.

Examples
--------
>>> sorted(priority_aliases()["rank_consensus"])[:2]
['Consensus rank', 'Renditja e konsensusit']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mgi.catalogue import Issue, make_issue
from mgi.errors import NotAWorkbookError
from mgi.i18n import known_fields, label, languages, text
from mgi.plan import sheets as ps
from mgi.plan.prefill import Priority, _codes, _float
from mgi.workbook.scan import is_blank, text_of
from mgi.workbook.sheets import Column, SheetSpec, whole_number

#: Fields of the tables read, with the field name mgi writes as the first header.
_FIELDS = (
    "objective",
    "rank",
    "rank_consensus",
    "shortfall",
    "score",
    "gap",
    "decision",
    "rationale",
)


@cache
def priority_aliases() -> dict[str, tuple[str, ...]]:
    """Field -> headers accepted: the field name, its label in every language, and for the
    decisions the session's column names."""
    found: dict[str, tuple[str, ...]] = {}
    for name in _FIELDS:
        spelled = {name}
        if name in known_fields():
            spelled.update(str(label(name, lang)) for lang in languages())
        if name in ("decision", "rank_consensus", "shortfall"):
            spelled.update(
                ps.headers({"shortfall": "shortfall", "rank_consensus": "rank"}.get(name, name))
            )
        if name == "rationale":
            spelled.update(text("session.decision.rationale", lang) for lang in languages())
        found[name] = tuple(sorted(spelled))
    return found


@dataclass
class PrioritiesRead:
    """What a priorities workbook says: the priorities, the decisions, where the assessment
    came from (country, round, file, SHA-256, instrument) and the problems found."""

    priorities: list[Priority]
    decisions: dict[str, tuple[str, str]] = field(default_factory=dict)
    assessment: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    sha256: str = ""
    file: str = ""


def _table(opened: Any, required: tuple[str, ...]) -> Any:
    from mgi.workbook.scan import find_tables

    aliases = {k: v for k, v in priority_aliases().items()}
    scan = find_tables(opened, aliases, required)
    return scan.tables[0] if scan.tables else None


def _decision_spec(lang: str) -> SheetSpec:
    aliases = priority_aliases()
    return SheetSpec(
        title="decisions",
        columns=(
            Column(
                "objective",
                "objective",
                aliases=aliases["objective"],
                required=True,
                parse=ps.parse_objective_code,
                rule="plan.bad_objective",
            ),
            Column("decision", "decision", aliases=aliases["decision"], required=True),
            Column("rationale", "rationale", aliases=aliases["rationale"]),
        ),
        header_row=1,
    )


def read_decisions(opened: Any, lang: str = "en") -> tuple[dict[str, tuple[str, str]], list[Issue]]:
    """Objective -> (decision, rationale) from the decisions table of an opened workbook;
    an objective without a recorded decision is left out."""
    spec = _decision_spec(lang)
    parse = ps.vocabulary_parser("decision")
    undecided = {text("session.export.undecided", code).casefold() for code in languages()}
    found: dict[str, tuple[str, str]] = {}
    issues: list[Issue] = []
    for table in spec.read(opened):
        for row in table.rows:
            issues += row.problems.values()
            code = row.values.get("objective")
            raw = row.raw.get("decision")
            if code is None or is_blank(raw) or text_of(raw).strip().casefold() in undecided:
                continue
            try:
                decision = parse(raw)
            except ValueError:
                issues.append(
                    make_issue(
                        "plan.bad_decision",
                        sheet=row.sheet,
                        cell=row.cells.get("decision"),
                        found=raw,
                        allowed=ps.allowed("decision", lang),
                    )
                )
                continue
            found[code] = (decision, str(row.values.get("rationale") or "").strip())
    return found, issues


def _about(opened: Any) -> dict[str, Any]:
    """The assessment's provenance recorded on the About sheet (``source_assessment``)."""
    for title in opened.titles:
        for values in opened.rows(title)[:400]:
            if len(values) >= 2 and values[0] == "source_assessment":
                try:
                    found = json.loads(str(values[1]))
                except (TypeError, ValueError):
                    return {}
                return found if isinstance(found, dict) else {}
    return {}


def read_priorities(
    path: str | Path, *, decisions: str | Path | None = None, lang: str = "en"
) -> PrioritiesRead:
    """Read a priorities workbook (and, optionally, the decisions from another workbook).

    Raises
    ------
    NotAWorkbookError
        When the file cannot be read, or has no priorities or gap table.
    """
    from mgi.workbook.opener import open_workbook, reading

    with open_workbook(path) as opened, reading(opened.path):
        ranks = _table(opened, ("objective", "rank", "rank_consensus"))
        gaps = _table(opened, ("objective", "shortfall"))
        for table, name in ((ranks, "Priorities"), (gaps, "Gap detail")):
            if table is None:
                issue = make_issue(
                    "plan.not_priorities", file=opened.name, found=opened.name, expected=name
                )
                raise NotAWorkbookError(
                    issue.message, issues=[issue], path=opened.path, rule=issue.rule
                )
        detail: dict[str, dict[str, Any]] = {}
        for _, values in gaps.rows:
            code = _objective(gaps.value(values, "objective"))
            if code:
                detail[code] = {k: gaps.value(values, k) for k in ("shortfall", "score", "gap")}
        rank_of = whole_number(1, 999)
        priorities = []
        for _, values in ranks.rows:
            code = _objective(ranks.value(values, "objective"))
            if not code:
                continue
            try:
                rank = int(rank_of(ranks.value(values, "rank_consensus")))
            except (TypeError, ValueError):
                rank = None
            row = detail.get(code, {})
            priorities.append(
                Priority(
                    objective=code,
                    rank=rank,
                    shortfall=_codes(row.get("shortfall")),
                    score=_float(row.get("score")),
                    gap=_float(row.get("gap")),
                )
            )
        decided, issues = read_decisions(opened, lang)
        result = PrioritiesRead(
            priorities=priorities,
            decisions=decided,
            assessment=_about(opened),
            issues=issues,
            sha256=opened.sha256,
            file=opened.name,
        )
    if decisions is not None:
        with open_workbook(decisions) as other, reading(other.path):
            decided, issues = read_decisions(other, lang)
            result.decisions = decided
            result.issues = [i.with_location(file=other.name) for i in issues]
    result.issues = [i.with_location(file=i.file or result.file) for i in result.issues]
    return result


def _objective(value: Any) -> str | None:
    try:
        return ps.parse_objective_code(value)
    except ValueError:
        return None


def with_decisions(
    priorities: list[Priority], decisions: Mapping[str, tuple[str, str]]
) -> list[Priority]:
    """The priorities with the group's decisions and rationales filled in."""
    from dataclasses import replace

    return [
        replace(p, decision=decisions[p.objective][0], rationale=decisions[p.objective][1])
        if p.objective in decisions
        else p
        for p in priorities
    ]
