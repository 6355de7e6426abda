"""The findings of a report in words: neutral bands, names in the report's language, the
well-developed areas and the areas with potential for further development of every domain, the
priorities led by the consensus across methods, and the key messages.

Nothing here computes a score: every number comes from the scorecard's and the
prioritisation's own tables (:func:`mgi.reports.build.scorecard_frames`,
:func:`mgi.reports.build.prioritization_frames`); this module chooses what to say and says it
in one language, with every number written as its kind of value wants
(:func:`mgi.i18n.format_value`).

No overall score is named here (issue 13): the MGI is not a ranking of countries, and the
overall score of a scorecard stays in the results workbook, labelled as a derived analytic.
Domains carry neutral band labels ("partly developed"), not the SDG 10.7.2 classification
("Partially meets"), which would read as an official classification.

Examples
--------
>>> band_label(2, 4, "sq"), band_label(3, 5, "en")
('pjesërisht e zhvilluar', 'band 3 of 5')
>>> join_list(["A", "B", "C"], "sq")
'A, B dhe C'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mgi.i18n import content, format_value, has_text, language, tables, text

#: How many questions a domain's "well-developed areas" and "areas with potential for further
#: development" name at most (the appendix lists every answer).
WELL_DEVELOPED = 3
FURTHER_DEVELOPMENT = 4
#: How many objectives the key messages name by consensus, and where the methods disagree.
KEY_PRIORITIES = 5
KEY_DISAGREEMENTS = 3
#: P(top k) from which an objective counts as firmly in the top k in the key messages.
FIRM = 0.9


def band_label(level: Any, count: int, lang: str, status: str = "scored") -> str:
    """A neutral label of a band: how developed policy is, not an official classification.

    With the four bands of the bundled schemes: less, partly, well, fully developed; with any
    other number of bands, "band 2 of 5". A score without a band (insufficient data) says so.
    """
    if status != "scored" or level is None or pd.isna(level):
        return text("report.band.none", lang)
    level = int(level)
    if count == 4 and 1 <= level <= 4:
        return text(f"report.band.{level}", lang)
    return text("report.band.other", lang, level=level, count=count)


def join_list(items: Iterable[str], lang: str) -> str:
    """``A, B and C`` in the language (``A, B dhe C``)."""
    items = [str(i) for i in items if str(i)]
    if len(items) <= 1:
        return "".join(items)
    return text("report.list", lang, items=", ".join(items[:-1]), last=items[-1])


def number(kind: str, value: Any, lang: str) -> str:
    """:func:`mgi.i18n.format_value` with the arguments in reading order."""
    return format_value(kind, value, lang)


class Names:
    """Names of domains, sub-domains, questions, objectives and criteria in one language.

    The English comes from the instrument and the reference tables; another language from the
    content tables of ``data/i18n`` (``<instrument>_domains``, ``<instrument>_subdomains``,
    ``<instrument>_questions``, ``gcm_objectives``, ``criteria``, ``cross_cutting``,
    ``answer_options``). A text that has no translation is written in English with a
    :class:`~mgi.i18n.MissingTranslationWarning` (an error in the test suite).
    ``unofficial`` records whether any text used is an unofficial translation.
    """

    def __init__(self, lang: str, instrument: str = "", frames: Mapping[str, Any] | None = None):
        self.lang = language(lang).code
        self.source = language(self.lang).is_source
        self.instrument = instrument.replace("-", "_")
        self.frames = frames or {}
        self.unofficial = False
        self._tables = set(tables())

    def _content(self, table: str, code: str, column: str, english: str) -> str:
        if self.source:
            return english
        if table not in self._tables:
            from mgi.i18n.fallback import note_missing

            note_missing(self.lang, "content", f"{table}.{code}.{column}")
            return english
        found = content(table, code, column, self.lang, default=english)
        self.unofficial = self.unofficial or found.unofficial
        return str(found)

    def _frame_text(self, frame: str, code: str, column: str) -> str:
        table = self.frames.get(frame)
        if table is None or code not in table.index or column not in table.columns:
            return str(code)
        value = table.at[code, column]
        return (
            str(code)
            if value is None or (isinstance(value, float) and pd.isna(value))
            else (str(value))
        )

    def domain(self, code: str, short: bool = False) -> str:
        """A domain's name (its short name with ``short``)."""
        column = "short_name" if short else "name"
        english = self._frame_text("domains", code, column)
        return self._content(f"{self.instrument}_domains", code, column, english)

    def subdomain(self, code: str) -> str:
        """A sub-domain's name."""
        english = self._frame_text("subdomains", code, "name")
        return self._content(f"{self.instrument}_subdomains", code, "name", english)

    def question(self, code: str) -> str:
        """An indicator's question."""
        english = self._frame_text("indicators", code, "question")
        return self._content(f"{self.instrument}_indicators", code, "question", english)

    def answer(self, scale: str, option: str, typed: str) -> str:
        """The label of an answer option (what was typed when the option is unknown)."""
        if not isinstance(option, str) or not option:
            return str(typed or "")
        return str(
            content("answer_options", f"{scale}.{option}", "label", self.lang, default=typed)
        )

    def objective(self, code: str, column: str = "short_label") -> str:
        """A GCM objective's short label or full title."""
        found = content("gcm_objectives", code, column, self.lang, default=str(code))
        self.unofficial = self.unofficial or found.unofficial
        return str(found)

    def criterion(self, code: str, english: str = "") -> str:
        """A criterion's label."""
        found = content("criteria", code, "label", self.lang, default=english or code)
        self.unofficial = self.unofficial or found.unofficial
        return str(found)

    def block(self, code: str, english: str) -> str:
        """A cross-cutting block's name."""
        return self._content("gcm_cross_cutting", code, "name", english)

    def method(self, code: str) -> str:
        """A ranking method's name (``method.<code>`` in the catalogue)."""
        key = f"method.{code}"
        return text(key, self.lang) if has_text(key) else str(code)


# -- domains -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DomainFindings:
    """What the report says about one domain."""

    code: str
    name: str
    lead: str
    well: tuple[str, ...]
    further: tuple[str, ...]


def _round_robin(frame: pd.DataFrame, groups: Sequence[str], limit: int) -> list[str]:
    """Up to ``limit`` rows of ``frame`` (already in order of preference), taking first one
    from each sub-domain in the order ``groups``, then a second from each, and so on, so that
    a domain's areas are not all from one sub-domain."""
    queues = {g: list(frame.index[frame["subdomain"] == g]) for g in groups}
    chosen: list[str] = []
    while len(chosen) < limit and any(queues.values()):
        for group in groups:
            if queues[group] and len(chosen) < limit:
                chosen.append(queues[group].pop(0))
    return chosen


def domain_findings(
    frames: Mapping[str, Any],
    names: Names,
    *,
    band_count: int,
    earlier_round: str = "",
    well: int = WELL_DEVELOPED,
    further: int = FURTHER_DEVELOPMENT,
) -> list[DomainFindings]:
    """Each domain's lead sentence, well-developed areas and areas with potential for further
    development, naming the actual questions, as IOM's MGI country profiles do.

    Well-developed areas are questions answered fully present (or yes), from the strongest
    sub-domains first; areas with potential for further development are the questions that
    take the most points off the domain's score (absent before partially present).
    """
    lang = names.lang
    domains = frames["domains"]
    subdomains = frames["subdomains"]
    indicators = frames["indicators"]
    change = frames.get("change")
    out = []
    for code, row in domains.iterrows():
        band = band_label(row.get("band_level"), band_count, lang, str(row.get("status")))
        if pd.isna(row.get("score")):
            lead = text("report.domain.no_score", lang, band=band)
        else:
            lead = text(
                "report.domain.lead",
                lang,
                score=number("score", row["score"], lang),
                band=band,
                gap=number("score", row["gap"], lang),
                answered=number("count", row.get("answered", 0), lang),
                applicable=number("count", row.get("applicable", 0), lang),
            )
        if change is not None and code in change.index and pd.notna(change.at[code, "change"]):
            lead += " " + text(
                "report.domain.change",
                lang,
                earlier=earlier_round,
                change=number("change", change.at[code, "change"], lang),
            )
        own = indicators[(indicators["domain"] == code) & indicators["value"].notna()]
        subs = subdomains[subdomains["domain"] == code].sort_values(
            "score", ascending=False, kind="stable"
        )
        order = [s for s in subs.index if s in set(own["subdomain"])]
        full = own[own["value"] >= 1.0]
        gaps = own[own["value"] < 1.0]
        lost = "domain_points_lost" if "domain_points_lost" in gaps else "value"
        gaps = gaps.assign(_lost=gaps[lost]).sort_values(
            ["_lost", "value"], ascending=[False, True], kind="stable"
        )
        worst_first = list(reversed(order))
        out.append(
            DomainFindings(
                str(code),
                names.domain(str(code)),
                lead,
                tuple(_item(c, indicators, names) for c in _round_robin(full, order, well)),
                tuple(
                    _item(c, indicators, names) for c in _round_robin(gaps, worst_first, further)
                ),
            )
        )
    return out


def _item(code: str, indicators: pd.DataFrame, names: Names) -> str:
    row = indicators.loc[code]
    answer = names.answer(str(row.get("scale", "")), row.get("option"), str(row.get("answer", "")))
    return text(
        "report.domain.item", names.lang, question=names.question(code), code=code, answer=answer
    )


# -- priorities ----------------------------------------------------------------------------------


def priority_view(pr: Mapping[str, Any]) -> pd.DataFrame:
    """The objectives in consensus order with what the documents lead with: the consensus
    rank, the best and worst rank across the methods, and P(top k).

    P(top k) is the prioritisation's ``p_top{k}``: under the weights, the data and the method
    together where it varied all three (it then also has ``p_top{k}_weights``, the weights
    alone), else under the weights. The range across methods is its ``rank_methods_min`` and
    ``rank_methods_max`` where it has them, else the lowest and highest of its ranks under each
    method.

    Columns: ``rank_consensus``, ``method_low``, ``method_high``, ``p_top`` (NaN when the
    prioritisation has no samples), ``rank`` (the primary ranking's), in consensus order (ties
    in the primary ranking's order). ``attrs["combined"]`` says whether P(top k) varies
    everything.
    """
    table = pr["table"]
    k = pr["k"]
    view = pd.DataFrame(index=table.index)
    primary = (
        table["rank"]
        if "rank" in table
        else pd.Series(np.arange(1, len(table) + 1), index=table.index)
    )
    view["rank_consensus"] = table.get("rank_consensus", primary)
    ranks = pr["ranks"]
    if {"rank_methods_min", "rank_methods_max"} <= set(table.columns):
        view["method_low"] = table["rank_methods_min"]
        view["method_high"] = table["rank_methods_max"]
    elif isinstance(ranks, pd.DataFrame) and ranks.shape[1]:
        ranks = ranks.reindex(table.index)
        view["method_low"] = ranks.min(axis=1)
        view["method_high"] = ranks.max(axis=1)
    else:
        view["method_low"] = view["method_high"] = primary
    p_col = f"p_top{k}" if f"p_top{k}" in table else None
    view["p_top"] = table[p_col] if p_col else np.nan
    view["rank"] = primary
    view = view.sort_values(["rank_consensus", "rank"], kind="stable")
    view.attrs["combined"] = f"p_top{k}_weights" in table.columns
    return view


def method_range(low: Any, high: Any) -> str:
    """A range of ranks (across the methods, or under uncertainty): ``4`` when both ends agree,
    ``2–18`` when they do not, empty when either is missing."""
    if pd.isna(low) or pd.isna(high):
        return ""
    low, high = int(low), int(high)
    return str(low) if low == high else f"{low}–{high}"


@dataclass(frozen=True)
class Reasons:
    """What lifts an objective and what holds it back, in words."""

    lifts: str
    holds_back: str


#: One criterion that lifts or holds back an objective: code, value, average value, cost or not.
Factor = tuple[str, float, float, bool]


def _factors(pr: Mapping[str, Any], top: int) -> dict[str, tuple[list[Factor], list[Factor]]]:
    """What lifts and what holds back every objective, as the prioritisation explains it
    (``explain(code)["lifts"]`` and ``["holds_back"]``), or, for a prioritisation that does not
    (a duck-typed one), by the same rule from its contribution table: a criterion lifts an
    objective when its contribution is above its average contribution over the objectives, and
    holds it back when below."""
    explain = pr.get("explain")
    contributions = pr["contributions"]
    values = pr["values"]
    if not isinstance(contributions, pd.DataFrame):
        return {}
    out: dict[str, tuple[list[Factor], list[Factor]]] = {}
    first = explain(str(contributions.index[0])) if callable(explain) else {}
    if callable(explain) and isinstance(first.get("lifts"), list):
        for code in contributions.index:  # the 23 objectives
            said = explain(str(code))
            lifts, holds = (
                [(f["criterion"], f["value"], f["average"], bool(f["cost"])) for f in said[way]][
                    :top
                ]
                for way in ("lifts", "holds_back")
            )
            out[str(code)] = (lifts, holds)
        return out
    if not isinstance(values, pd.DataFrame):
        return {}
    cost = pr["weights"].get("direction", pd.Series(dtype=object)) == "cost"
    lift = contributions - contributions.mean(axis=0)
    for code, row in lift.iterrows():  # the 23 objectives
        up = row[row > 1e-12].sort_values(ascending=False, kind="stable").head(top).index
        down = row[row < -1e-12].sort_values(kind="stable").head(top).index
        lifts, holds = (
            [(c, values.at[code, c], values[c].mean(), bool(cost.get(c, False))) for c in way]
            for way in (up, down)
        )
        out[str(code)] = (lifts, holds)
    return out


def reasons(pr: Mapping[str, Any], names: Names, top: int = 2) -> dict[str, Reasons]:
    """For every objective, the criteria that lift it most above the average objective and
    those that hold it back most, each with the objective's value and the average value, in
    the report's language ("lower is better" for a cost criterion)."""
    lang = names.lang
    labels = pr["criteria_labels"]

    def say(factors: list[Factor]) -> str:
        return "; ".join(
            text(
                "report.reason.cost" if cost else "report.reason.benefit",
                lang,
                criterion=names.criterion(c, labels.get(c, c)),
                value=number("rating", value, lang),
                average=number("rating", average, lang),
            )
            for c, value, average, cost in factors
        )

    return {
        code: Reasons(
            say(up) or text("report.reason.none_up", lang),
            say(down) or text("report.reason.none_down", lang),
        )
        for code, (up, down) in _factors(pr, top).items()
    }


# -- key messages --------------------------------------------------------------------------------


def _named(
    codes: Iterable[str], name: Callable[[str], str], detail: Callable[[str], str], lang: str
) -> str:
    return join_list(
        (text("report.msg.named", lang, name=name(c), detail=detail(c)) for c in codes), lang
    )


def key_messages(
    frames: Mapping[str, Any],
    pr: Mapping[str, Any] | None,
    names: Names,
    *,
    earlier_round: str = "",
) -> tuple[str, ...]:
    """The four to seven sentences a reader should take away, most important first.

    Where policy is most developed and where the gaps are largest (domains by name, never an
    overall score); the sub-domains furthest from target; the change since the earlier round;
    the highest priorities by the consensus of the methods and how firm they are; where the
    methods disagree; objectives resting on few questions; the agreement with a reference list.
    """
    lang = names.lang
    messages = []
    domains = frames["domains"].dropna(subset=["score"])
    if len(domains):
        strong = domains.sort_values("score", ascending=False, kind="stable").head(2).index
        weak = domains.sort_values("gap", ascending=False, kind="stable").head(2).index
        messages.append(
            text(
                "report.msg.domains",
                lang,
                strong=_named(
                    strong,
                    lambda c: names.domain(c),
                    lambda c: number("score", domains.at[c, "score"], lang),
                    lang,
                ),
                weak=_named(
                    weak,
                    lambda c: names.domain(c),
                    lambda c: number("score", domains.at[c, "gap"], lang),
                    lang,
                ),
            )
        )
    subs = frames["subdomains"].dropna(subset=["score"])
    if len(subs):
        furthest = subs.sort_values("gap", ascending=False, kind="stable").head(3).index
        messages.append(
            text(
                "report.msg.subdomains",
                lang,
                list=_named(
                    furthest,
                    names.subdomain,
                    lambda c: number("score", subs.at[c, "score"], lang),
                    lang,
                ),
            )
        )
    change = frames.get("change")
    if change is not None and change["change"].notna().any():
        moved = change.dropna(subset=["change"])
        up = moved[moved["change"] > 0].sort_values("change", ascending=False, kind="stable")
        down = moved[moved["change"] < 0].sort_values("change", kind="stable")
        sentence = text(
            "report.msg.change",
            lang,
            earlier=earlier_round,
            improved=number("count", len(up), lang),
            total=number("count", len(moved), lang),
        )
        if len(up):
            sentence += " " + text(
                "report.msg.change_most",
                lang,
                name=_named(
                    up.index[:1],
                    lambda c: names.domain(c),
                    lambda c: number("change", up.at[c, "change"], lang),
                    lang,
                ),
            )
        if len(down):
            sentence += " " + text(
                "report.msg.change_fell",
                lang,
                list=_named(
                    down.index,
                    lambda c: names.domain(c),
                    lambda c: number("change", down.at[c, "change"], lang),
                    lang,
                ),
            )
        messages.append(sentence)
    if pr is not None:
        messages.extend(_priority_messages(pr, names))
    objectives = frames["objectives"]
    if "few_links" in objectives and objectives["few_links"].fillna(False).astype(bool).any():
        few = objectives[objectives["few_links"].fillna(False).astype(bool)]
        messages.append(
            text("report.objectives_with_few_links", lang, count=len(few))
            + " "
            + text(
                "report.msg.few_links",
                lang,
                list=join_list((f"{c} {names.objective(c)}" for c in few.index), lang),
            )
        )
    return tuple(messages)


def _priority_messages(pr: Mapping[str, Any], names: Names) -> list[str]:
    lang = names.lang
    k = pr["k"]
    view = priority_view(pr)
    methods = pr["ranks"].shape[1] if isinstance(pr["ranks"], pd.DataFrame) else 1
    top = view.head(KEY_PRIORITIES)
    out = [
        text(
            "report.msg.priorities",
            lang,
            count=methods,
            list=join_list((f"{c} {names.objective(c)}" for c in top.index), lang),
        )
    ]
    head = view[view["rank_consensus"] <= k]
    if view["p_top"].notna().any():
        firm = int((head["p_top"] >= FIRM).sum())
        out.append(
            text(
                "report.msg.firm",
                lang,
                firm=number("count", firm, lang),
                count=number("count", len(head), lang),
                k=k,
                share=number("probability", FIRM, lang),
            )
        )
    if methods > 1:
        spread = (view["method_high"] - view["method_low"]).sort_values(
            ascending=False, kind="stable"
        )
        spread = spread[spread > 0].head(KEY_DISAGREEMENTS)
        if len(spread):
            out.append(
                text(
                    "report.msg.disagree",
                    lang,
                    list=_named(
                        spread.index,
                        lambda c: f"{c} {names.objective(c)}",
                        lambda c: method_range(view.at[c, "method_low"], view.at[c, "method_high"]),
                        lang,
                    ),
                )
            )
    ref = pr.get("reference") or {}
    if ref.get("reference"):
        out.append(
            text(
                "report.msg.reference",
                lang,
                overlap=number("count", ref.get("overlap", 0), lang),
                k=ref.get("k", k),
                count=number("count", len(ref["reference"]), lang),
            )
        )
    return out
