"""Captions of every chart, kept in one registry so that every report says the same thing.

Each :class:`Caption` has a short title (used on the chart and as the figure caption) and a
sentence or two saying exactly what the chart shows and how to read it. Charts of scores also
carry :data:`NOT_A_RANKING`. :attr:`Caption.disclaimer` is the short form of that sentence (or, for
charts of priorities, :data:`NOT_A_COUNTRY_RANKING`) written in the footer of every chart file, so
that a chart pasted or shared on its own still says what it is not.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The sentence every chart of scores carries.
NOT_A_RANKING = (
    "The MGI is not a ranking of countries; scores are derived analytics that show where policy "
    "is developed and where gaps remain."
)

#: The short form of :data:`NOT_A_RANKING`, in the footer of every chart of scores.
FOOTER_NOT_A_RANKING = "The MGI is not a ranking of countries; scores are derived analytics."
#: The footer sentence of the charts of priorities (and of their sensitivity).
NOT_A_COUNTRY_RANKING = "Ranking of GCM objectives for the national strategy, not of countries."
#: What separates the parts of a chart footer.
FOOTER_SEPARATOR = " · "


@dataclass(frozen=True)
class Caption:
    """The title of a chart and what it shows.

    Parameters
    ----------
    title
        Short title, written on the chart and in the figure caption.
    text
        What the chart shows and how to read it (one or two sentences).
    scores
        Whether the chart shows scores (then :data:`NOT_A_RANKING` is appended).

    Examples
    --------
    >>> CAPTIONS["subdomain-gaps"].title
    'Gaps to target by sub-domain'
    """

    title: str
    text: str
    scores: bool = True

    @property
    def full(self) -> str:
        """The text followed, for charts of scores, by the "not a ranking" sentence."""
        return f"{self.text} {NOT_A_RANKING}" if self.scores else self.text

    @property
    def disclaimer(self) -> str:
        """The sentence in the chart's footer: what the chart is not a ranking of."""
        return FOOTER_NOT_A_RANKING if self.scores else NOT_A_COUNTRY_RANKING

    def footer(self, context: str = "") -> str:
        """``context · disclaimer``, the footer line of the chart (the disclaimer alone without
        context).

        Examples
        --------
        >>> CAPTIONS["priority-ranking"].footer("Testland 2024")
        'Testland 2024 · Ranking of GCM objectives for the national strategy, not of countries.'
        """
        return FOOTER_SEPARATOR.join(p for p in (context.strip(), self.disclaimer) if p)

    def numbered(self, number: int) -> str:
        """``Figure n: title. text`` as written under a figure in a document."""
        return f"Figure {number}: {self.title}. {self.full}"


#: Caption of every chart, by the file stem the chart is saved under.
CAPTIONS: dict[str, Caption] = {
    "domain-profile": Caption(
        "Domain scores and targets",
        "Score of each of the six MGI domains (0-100) against its target: on the left as a "
        "profile, on the right as bars with the same numbers. Where an earlier round is given, "
        "its scores are drawn as well.",
    ),
    "subdomain-gaps": Caption(
        "Gaps to target by sub-domain",
        "Score of each sub-domain (bar, 0-100) and its target (black tick), sorted with the "
        "largest gap to target first; the label gives the score and the gap.",
    ),
    "indicator-map": Caption(
        "Answers to every indicator",
        "One tile per indicator, one row per sub-domain, grouped by domain: the letter and "
        "colour give the answer (F fully or yes, P partially, A absent or no, n/a not "
        "applicable); hatched tiles with '?' have no answer.",
    ),
    "objective-coverage": Caption(
        "GCM objectives: score of the linked indicators",
        "Score (0-100) of the indicators linked to each of the 23 objectives of the Global "
        "Compact for Migration, grouped by the four round tables of the International Migration "
        "Review Forum 2022; n is the number of linked indicators. Objectives without a linked "
        "indicator are labelled 'no indicators'.",
    ),
    "priority-ranking": Caption(
        "Priority ranking of the GCM objectives",
        "Objectives in order of priority (1 = highest). The dot is the consensus rank of the "
        "ranking methods with the agreed weights; the line spans the ranks the objective takes "
        "in 90% of the samples when the weights, the data and the method all vary (see the "
        "methodology annex); the right column gives the share of those samples in which it is "
        "among the top priorities.",
        scores=False,
    ),
    "criteria-contributions": Caption(
        "What drives each objective's priority score",
        "Contribution of each criterion (weight × normalised value) to the weighted-sum priority "
        "score of each objective; the bar length is the score.",
        scores=False,
    ),
    "rank-acceptability": Caption(
        "How stable the ranking is: rank acceptability",
        "Share of the samples in which each objective (row) takes each rank (column) when the "
        "weights, the data and the method all vary; darker cells are rarer, brighter cells more "
        "frequent, and shares of 10% or more are printed. A concentrated row means a rank that "
        "depends neither on the exact weights, nor on who answered, nor on the method.",
        scores=False,
    ),
    "method-comparison": Caption(
        "Ranks under each ranking method",
        "Rank of each objective (1 = highest priority) under each multi-criteria method; "
        "markers close together mean the methods agree.",
        scores=False,
    ),
    "change-since": Caption(
        "Change since the earlier round",
        "Score of each domain in the earlier round (open circle) and the later round (filled "
        "circle); the label gives the change in points.",
    ),
}
