"""Sentences about results, written in any language: the reasons behind each objective's rank.

The prioritisation keeps its explanation as numbers (each criterion's raw value and its
contribution to each objective's score); this module writes them as words in a language, for
the terminal, the workbooks and the documents alike. It reads the result object and computes
nothing the prioritisation does not already hold.

Examples
--------
>>> import mgi
>>> from mgi.demo.run import demo_recipe
>>> made = mgi.run(demo_recipe().replace(settings={"samples": 200}), write=False)
>>> reasons(made.prioritization, "sq")["GCM04"]
'Realizueshmëria (ekspertët): 4,4 (mesatarja 3,1); Përputhja me politikat kombëtare dhe anëtarësimin në BE (ekspertët): 4,8 (mesatarja 2,9)'
"""  # noqa: E501

from __future__ import annotations

from typing import Any

import pandas as pd


def reasons(prioritization: Any, lang: str, top: int = 2) -> pd.Series:
    """Per objective, the criteria that lift it most above the average objective and those
    that hold it back most below it, each with its value and the average value, in ``lang``
    (what the English column ``reasons`` of :meth:`~mgi.priorities.Prioritization.table`
    says: a criterion lifts an objective when its contribution to the weighted sum is above
    its mean contribution over the objectives).

    Parameters
    ----------
    prioritization
        A :class:`~mgi.priorities.Prioritization` (its ``matrix`` and ``contributions``).
    lang
        The language of the sentences.
    top
        How many criteria to name per objective.

    Returns
    -------
    pandas.Series
        The text per objective code.
    """
    from mgi.i18n import format_value, text, translate

    matrix = prioritization.matrix
    values = matrix.values
    criteria = matrix.criteria
    contributions = prioritization.contributions
    cost = {c for c, t in zip(values.columns, matrix.types, strict=True) if t == "cost"}
    labels = {
        c: translate("criteria", str(criteria.at[c, "label"]), "label", lang, code=c)
        for c in values.columns
    }
    averages = values.mean(axis=0)
    lift = contributions - contributions.mean(axis=0)

    def words(row: pd.Series) -> str:
        return "; ".join(
            text(
                "reasons.part_cost" if c in cost else "reasons.part",
                lang,
                criterion=labels[c],
                value=format_value("rating", values.at[code, c], lang),
                average=format_value("rating", averages[c], lang),
            )
            for c in row.index
        )

    out: dict[str, str] = {}
    for code, row in lift.iterrows():  # the 23 objectives
        up = words(row[row > 1e-12].sort_values(ascending=False, kind="stable").head(top))
        down = words(row[row < -1e-12].sort_values(kind="stable").head(top))
        out[str(code)] = text(
            "reasons.both",
            lang,
            lifts=up or text("reasons.none", lang),
            holds_back=down or text("reasons.none_below", lang),
        )
    return pd.Series(out, name="reasons")
