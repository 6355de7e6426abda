"""From agreed priorities to the first draft of an action plan (pure: no files).

:func:`prefill_plan` makes one specific objective per GCM objective the working group included
(decisions *include* and *include as cross-cutting*, in the order of the consensus ranking);
without decisions, the top k of the consensus ranking, and the plan says so. Each specific
objective gets the MGI indicators behind its objective's gap (the shortfall: the indicators
losing the most points) as candidate outcome indicators, with their baseline (the score of the
current answer, in the year of the MGI round) and a target of 100 to edit; measures of a
previous plan that are still running at the new plan's start are carried in for a decision.

The inputs are plain records (:class:`Priority`, :class:`Baseline`), made from whatever the
caller has: a :class:`~mgi.priorities.Prioritization` and a scorecard
(:func:`priorities_from_prioritization`, :func:`baselines_from_scorecard`), or the tables of a
priorities workbook (:func:`mgi.plan.priorities.read_priorities`).

Examples
--------
>>> from mgi.plan.model import PlanInfo
>>> from mgi.workbook.sheets import Quarter
>>> priorities = [Priority("GCM04", rank=1, decision="include", shortfall=("D2.4.5",)),
...               Priority("GCM10", rank=2, decision="exclude")]
>>> settings = PlanInfo(start=Quarter(2025, 1), end=Quarter(2026, 4), currency="ALL")
>>> plan, notes = prefill_plan(priorities, settings=settings)
>>> [(o.code, o.gcm) for o in plan.objectives], [i.code for i in plan.indicators]
([('SO1', ('GCM04',))], ['SO1.I1'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mgi.i18n import codes, content, text
from mgi.plan.model import (
    INCLUDED,
    ActionPlan,
    BasisObjective,
    Indicator,
    Institution,
    Measure,
    PlanInfo,
    SpecificObjective,
)

#: Score of an MGI answer on the 0-100 scale (the answer's value × 100).
SCALE_MAX = 100.0


@dataclass(frozen=True)
class Priority:
    """A GCM objective as the working group sees it: its consensus rank, the group's decision
    and rationale, and the MGI indicators behind its gap."""

    objective: str
    rank: int | None = None
    decision: str = ""
    rationale: str = ""
    shortfall: tuple[str, ...] = ()
    score: float | None = None
    gap: float | None = None


@dataclass(frozen=True)
class Baseline:
    """The current state of an MGI indicator: the answer, its value (0-1) and the round."""

    indicator: str
    answer: str = ""
    value: float | None = None
    year: int | None = None
    question: str = ""

    @property
    def score(self) -> float | None:
        """The answer's score on the 0-100 scale (absent 0, partially present 50, fully 100)."""
        return None if self.value is None else round(self.value * SCALE_MAX, 6)


# -- adapters from the library's objects ----------------------------------------------------------


def _codes(text_value: Any) -> tuple[str, ...]:
    if text_value is None or (isinstance(text_value, float) and text_value != text_value):
        return ()
    return tuple(c.strip() for c in str(text_value).replace(";", ",").split(",") if c.strip())


def priorities_from_prioritization(
    p: Any, decisions: Mapping[str, tuple[str, str]] | None = None
) -> list[Priority]:
    """The priorities of a :class:`~mgi.priorities.Prioritization`, in consensus order.

    Parameters
    ----------
    p
        The prioritisation (its ``consensus`` Borda ranks and ``matrix.gap_detail``).
    decisions
        Objective -> (decision, rationale), e.g. the live session's.
    """
    consensus = p.consensus["borda_rank"]
    detail = getattr(p.matrix, "gap_detail", None)
    found = []
    for code in consensus.sort_values(kind="stable").index:
        row = detail.loc[code] if detail is not None and code in detail.index else {}
        decision, rationale = (decisions or {}).get(str(code), ("", ""))
        found.append(
            Priority(
                objective=str(code),
                rank=int(consensus[code]),
                decision=decision,
                rationale=rationale,
                shortfall=_codes(row.get("shortfall") if len(row) else None),
                score=_float(row.get("score")) if len(row) else None,
                gap=_float(row.get("gap")) if len(row) else None,
            )
        )
    return found


def _float(value: Any) -> float | None:
    try:
        found = float(value)
    except (TypeError, ValueError):
        return None
    return None if found != found else found


def question_text(code: str, lang: str, questions: Mapping[str, str]) -> str:
    """The question of an MGI indicator in ``lang``: from a content table ``questions`` when
    the catalogues have one, else the instrument's (English) text in English only."""
    from mgi.i18n import tables

    if "questions" in tables() and code in codes("questions"):
        return str(content("questions", code, "question", lang))
    return questions.get(code, "") if lang == "en" else ""


def baselines_from_scorecard(card: Any) -> dict[str, Baseline]:
    """Indicator code -> :class:`Baseline` from a scorecard (answer as typed, value 0-1, the
    round's year, the instrument's question)."""
    indicators = card.indicators
    assessment = getattr(card, "assessment", None)
    year = round_year(getattr(assessment, "round", None))
    questions: Mapping[str, str] = {}
    instrument = getattr(assessment, "instrument", None)
    if instrument is not None and "question" in instrument.indicators:
        questions = instrument.indicators["question"].astype(str).to_dict()
    found = {}
    for code, row in indicators.iterrows():
        applicable = row.get("status") == "answered"
        found[str(code)] = Baseline(
            indicator=str(code),
            answer=str(row.get("answer") or ""),
            value=_float(row.get("value")) if applicable else None,
            year=year,
            question=questions.get(str(code), ""),
        )
    return found


def round_year(value: Any) -> int | None:
    """The year of an MGI round (``"2023"``, ``2023``), or None when it is not a year."""
    try:
        year = int(str(value).strip()[:4])
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2200 else None


# -- selection ------------------------------------------------------------------------------------


def select(priorities: Sequence[Priority], top_k: int) -> tuple[list[Priority], str]:
    """The objectives the plan is made for, and the rule that chose them (``decisions`` or
    ``top_k``): the included ones when any decision was recorded, else the top ``top_k`` of
    the consensus ranking (every objective tied with the k-th one included)."""
    ordered = sorted(priorities, key=lambda p: (p.rank is None, p.rank or 0))
    if any(p.decision for p in ordered):
        return [p for p in ordered if p.decision in INCLUDED], "decisions"
    if len(ordered) <= top_k:
        return ordered, "top_k"
    last = ordered[top_k - 1].rank
    if last is None:
        return ordered[:top_k], "top_k"
    return [p for p in ordered if p.rank is not None and p.rank <= last], "top_k"


# -- the draft ------------------------------------------------------------------------------------


def objective_notes(o: SpecificObjective, lang: str) -> str:
    """The notes of a specific objective: as written, else why it is in the plan (its
    consensus rank, the group's decision and rationale)."""
    if o.notes:
        return o.notes
    parts = []
    if o.rank is not None:
        parts.append(text("plan.objective.rank", lang, rank=o.rank))
    if o.decision:
        decision = text(f"session.decision.{o.decision}", lang)
        parts.append(text("plan.objective.decision", lang, decision=decision))
    if o.rationale:
        parts.append(text("plan.objective.rationale", lang, rationale=o.rationale))
    return " ".join(parts)


def default_institutions(lang: str, *, illustrative: bool = True) -> list[Institution]:
    """The bundled (illustrative) list of Albanian institutions, in ``lang``."""
    note = text("plan.prefill.illustrative_institution", lang) if illustrative else ""
    return [
        Institution(
            code=code,
            name=str(content("institutions", code, "name", lang)),
            abbreviation=str(content("institutions", code, "abbreviation", lang)),
            type=text(f"plan.institution_type.{_institution_type(code)}", lang),
            notes=note,
        )
        for code in codes("institutions")
    ]


def _institution_type(code: str) -> str:
    from mgi._resources import bundled_dir
    from mgi.i18n._store import read_csv

    rows = read_csv(bundled_dir("data") / "institutions_albania.csv")
    return next((r["type"] for r in rows if r["code"] == code), "agency")


def outcome_indicator(
    code: str, mgi_code: str, baseline: Baseline | None, settings: PlanInfo, lang: str
) -> Indicator:
    """The candidate outcome indicator of one MGI indicator behind a gap."""
    question = baseline.question if baseline is not None else ""
    shown = question_text(mgi_code, lang, {mgi_code: question}) if question else ""
    definition = text("plan.prefill.definition", lang, code=mgi_code)
    if baseline is not None and baseline.answer:
        definition += " " + text(
            "plan.prefill.answer", lang, year=baseline.year or "", answer=baseline.answer
        )
    name = text("plan.prefill.mgi_name", lang, code=mgi_code)
    return Indicator(
        code=code,
        name=f"{name}: {shown}" if shown else name,
        level="outcome",
        definition=definition,
        unit=text("plan.prefill.unit", lang),
        baseline=baseline.score if baseline is not None else None,
        baseline_year=baseline.year if baseline is not None else settings.round_year,
        target=SCALE_MAX,
        target_year=settings.end.year,
        source=text("plan.prefill.source", lang),
        frequency="mgi_round",
        mgi=(mgi_code,),
    )


def carried_measures(
    previous: ActionPlan, settings: PlanInfo, objectives: Sequence[SpecificObjective], lang: str
) -> tuple[list[Measure], list[Indicator]]:
    """The measures of a previous plan still running at the new plan's start (their End on or
    after it), with their output indicators, placed under the specific objective of their first
    GCM objective when there is one (else without one, for the secretariat to decide), with a
    note saying where they come from. Institutions are carried by their codes, so the new
    plan names them in its own language."""
    from mgi.plan.checks import resolve_institution

    by_gcm: dict[str, str] = {}
    for o in objectives:
        for g in o.gcm:
            by_gcm.setdefault(g, o.code)

    def institution(value: str | None) -> str | None:
        return resolve_institution(previous, value) or value

    taken: set[str] = set()
    counters: dict[str, int] = {}
    measures: list[Measure] = []
    indicators: list[Indicator] = []
    source = previous.source.get("file", "") or previous.info.title
    for m in previous.measures:
        if m.end is not None and m.end < settings.start:
            continue
        target = next((by_gcm[g] for g in m.gcm if g in by_gcm), None)
        prefix = f"{target}.C" if target else "C"
        counters[prefix] = counters.get(prefix, 0) + 1
        code = f"{prefix}{counters[prefix]}"
        while code in taken:
            counters[prefix] += 1
            code = f"{prefix}{counters[prefix]}"
        taken.add(code)
        outputs = [i for i in previous.indicators_of(m) if i.level != "outcome"]
        new_codes = [f"{code}.O{k}" for k in range(1, len(outputs) + 1)]
        indicators += [
            replace(
                i,
                code=new,
                linked_measures=(code,),
                responsible=institution(i.responsible),
            )
            for i, new in zip(outputs, new_codes, strict=True)
        ]
        note = text("plan.prefill.carried", lang, file=source, code=m.code, end=str(m.end or "?"))
        measures.append(
            replace(
                m,
                code=code,
                objective=target,
                lead=institution(m.lead),
                contributing=tuple(institution(c) or c for c in m.contributing),
                currency=m.currency or settings.currency,
                output_indicators=tuple(new_codes),
                notes=f"{note} {m.notes}".strip(),
                carried_from=m.code,
            )
        )
    return measures, indicators


def prefill_plan(
    priorities: Iterable[Priority],
    *,
    settings: PlanInfo,
    baselines: Mapping[str, Baseline] | None = None,
    top_k: int = 10,
    institutions: Sequence[Institution] | None = None,
    previous: ActionPlan | None = None,
) -> tuple[ActionPlan, list[str]]:
    """The first draft of an action plan from agreed priorities.

    Parameters
    ----------
    priorities
        Every objective with its consensus rank, decision and shortfall (:class:`Priority`).
    settings
        The plan's settings (period, currency, language, title...).
    baselines
        MGI indicator -> :class:`Baseline`; without them the baselines stay empty.
    top_k
        How many objectives of the consensus ranking to take when no decision was recorded.
    institutions
        The Institutions sheet (default: the bundled illustrative Albanian list).
    previous
        An earlier plan whose unfinished measures are carried in for a decision.

    Returns
    -------
    (ActionPlan, list of str)
        The draft, and the notes that explain how it was made (in the plan's language).
    """
    lang = settings.language
    chosen, rule = select(list(priorities), top_k)
    if not chosen:
        from mgi.catalogue import make_issue
        from mgi.errors import InputError

        issue = make_issue("plan.nothing_included")
        raise InputError(issue.message, issues=[issue], rule=issue.rule)
    objectives: list[SpecificObjective] = []
    indicators: list[Indicator] = []
    basis: list[BasisObjective] = []
    for n, p in enumerate(chosen, start=1):
        code = f"SO{n}"
        title = str(content("gcm_objectives", p.objective, "title", lang))
        objective = SpecificObjective(
            code=code,
            title=title,
            gcm=(p.objective,),
            decision=p.decision,
            rank=p.rank,
            rationale=p.rationale,
            shortfall=p.shortfall,
        )
        objectives.append(replace(objective, notes=objective_notes(objective, lang)))
        basis.append(
            BasisObjective(code, p.objective, p.rank, p.decision, p.shortfall, p.rationale)
        )
        for k, mgi_code in enumerate(p.shortfall, start=1):
            found = (baselines or {}).get(mgi_code)
            indicators.append(outcome_indicator(f"{code}.I{k}", mgi_code, found, settings, lang))
    measures: list[Measure] = []
    if previous is not None:
        measures, carried = carried_measures(previous, settings, objectives, lang)
        indicators += carried
    notes = [
        text("plan.prefill.rule_decisions", lang, count=len(chosen))
        if rule == "decisions"
        else text("plan.prefill.rule_top_k", lang, count=len(chosen))
    ]
    if measures:
        notes.append(text("plan.prefill.carried_count", lang, count=len(measures)))
    listed = list(institutions if institutions is not None else default_institutions(lang))
    if previous is not None:
        known = {i.code for i in listed}
        listed += [i for i in previous.institutions if i.code not in known]
    plan = ActionPlan(
        info=replace(settings, basis=" ".join(filter(None, [settings.basis, *notes]))),
        objectives=tuple(objectives),
        measures=tuple(measures),
        indicators=tuple(indicators),
        institutions=tuple(listed),
        basis=tuple(basis),
    )
    return plan, notes
