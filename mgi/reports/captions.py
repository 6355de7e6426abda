"""The words around every chart, in every language, kept in one place so that every report says
the same thing.

:func:`chart_captions` is the stable entry point for the documents (HTML, Word) and anything else
that shows a chart: per chart, its file stem, its title, a one-line caption (what it shows) and a
short note (how to read it), from the catalogue entries ``chart.<stem>.title``, ``.caption`` and
``.note``. :attr:`Caption.disclaimer` is what the chart is not (a ranking of countries), written in
the footer of every chart file, so that a chart pasted or shared on its own still says it.

Examples
--------
>>> chart_captions("en")["subdomain-gaps"].title
'Gaps to target by sub-domain'
>>> chart_captions("sq")["subdomain-gaps"].title
'Hendeku nga synimi sipas nënfushave'
>>> chart_caption("change-since", "en", earlier="2018", later="2023").title
'Change from 2018 to 2023'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mgi.i18n import text

#: Every chart a report can hold, by file stem, in report order.
CHART_STEMS: tuple[str, ...] = (
    "domain-profile",
    "subdomain-gaps",
    "indicator-map",
    "change-since",
    "objective-coverage",
    "priority-ranking",
    "criteria-contributions",
    "rank-acceptability",
    "method-comparison",
)
#: The charts of scores (the others show priorities and their sensitivity).
SCORE_CHARTS: frozenset[str] = frozenset(CHART_STEMS[:5])

#: What separates the parts of a line of a chart footer.
FOOTER_SEPARATOR = " · "


@dataclass(frozen=True)
class Caption:
    """The words around one chart in one language.

    Parameters
    ----------
    title
        Short title, written on the chart and in the figure caption.
    text
        One sentence: what the chart shows.
    scores
        Whether the chart shows scores (its disclaimer is then "not a ranking of countries").
    stem
        The file stem of the chart (``charts/<stem>.png``).
    note
        A short note on how to read it, for under the figure.
    lang
        The language of the texts.

    Examples
    --------
    >>> c = chart_caption("domain-profile", "en")
    >>> c.stem, c.title, c.scores
    ('domain-profile', 'Domain scores', True)
    """

    title: str
    text: str
    scores: bool = True
    stem: str = ""
    note: str = ""
    lang: str = "en"

    @property
    def caption(self) -> str:
        """The one-line caption (the same as :attr:`text`)."""
        return self.text

    @property
    def full(self) -> str:
        """The caption followed by the note (and, for charts of scores, the "not a ranking"
        sentence when the note does not already say what the scores are)."""
        parts = [self.text, self.note]
        if self.scores and not self.note:
            parts.append(text("notice.not_a_ranking", self.lang))
        return " ".join(p for p in parts if p)

    @property
    def disclaimer(self) -> str:
        """The sentence in the chart's footer: what the chart is not a ranking of."""
        key = "notice.not_a_ranking_short" if self.scores else "notice.not_a_country_ranking"
        return text(key, self.lang)

    def footer(self, context: str = "") -> tuple[str, ...]:
        """The footer lines of the chart: its context (country, round, instrument) and its
        disclaimer, each a line of its own.

        Examples
        --------
        >>> chart_caption("priority-ranking").footer("Testland 2024")
        ('Testland 2024', 'Ranking of GCM objectives for the national strategy, not of countries.')
        """
        return tuple(p for p in (context.strip(), self.disclaimer) if p)

    def numbered(self, number: int) -> str:
        """``Figure n: title. caption`` as written under a figure in a document."""
        return f"{text('chart.figure', self.lang, number=number, title=self.title)} {self.text}"


def chart_caption(
    stem: str, lang: str = "en", *, earlier: str = "", later: str = "", **_: Any
) -> Caption:
    """The :class:`Caption` of one chart in ``lang``.

    Parameters
    ----------
    stem
        A chart of :data:`CHART_STEMS`.
    lang
        Language code.
    earlier, later
        Names (years) of the two rounds, for the title of ``change-since``.
    """
    if stem not in CHART_STEMS:
        raise KeyError(f"No chart {stem!r}; charts: {', '.join(CHART_STEMS)}.")
    title = text(f"chart.{stem}.title", lang)
    if stem == "change-since" and earlier and later:
        title = text("chart.change-since.title_rounds", lang, earlier=earlier, later=later)
    return Caption(
        title=title,
        text=text(f"chart.{stem}.caption", lang),
        scores=stem in SCORE_CHARTS,
        stem=stem,
        note=text(f"chart.{stem}.note", lang),
        lang=lang,
    )


def chart_captions(lang: str = "en", **context: Any) -> dict[str, Caption]:
    """The :class:`Caption` of every chart in ``lang``, by file stem, in report order.

    ``context`` may name the rounds (``earlier``, ``later``) for the title of the change chart.
    This is the function the documents use for each chart's title, caption and note.
    """
    return {stem: chart_caption(stem, lang, **context) for stem in CHART_STEMS}


def __getattr__(name: str) -> Any:
    """``CAPTIONS`` (the English captions) and the English disclaimers, built on first use."""
    english = {
        "CAPTIONS": lambda: chart_captions("en"),
        "NOT_A_RANKING": lambda: text("notice.not_a_ranking", "en"),
        "FOOTER_NOT_A_RANKING": lambda: text("notice.not_a_ranking_short", "en"),
        "NOT_A_COUNTRY_RANKING": lambda: text("notice.not_a_country_ranking", "en"),
    }
    if name in english:
        return english[name]()
    raise AttributeError(f"module 'mgi.reports.captions' has no attribute {name!r}")
