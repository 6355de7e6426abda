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
'e ngrenë Përputhja me politikat kombëtare (ekspertët): 4,2 (mesatarja 3,1, +0,027); Rëndësia për anëtarësimin në BE (ekspertët): 4,0 (mesatarja 3,1, +0,024); e mbajnë poshtë Nevoja për burime (ekspertët): 3,6 (mesatarja 3,0, më e ulët është më mirë, -0,016); Realizueshmëria (ekspertët): 2,8 (mesatarja 2,8, -0,001)'
"""  # noqa: E501

from __future__ import annotations

from typing import Any

import pandas as pd

#: The columns of the prioritisation's table that :func:`reason_table` writes in a language.
REASON_COLUMNS = frozenset({"lifts", "holds_back", "reasons"})


def reasons(prioritization: Any, lang: str, top: int = 2) -> pd.Series:
    """Per objective, what lifts it and what holds it back, in one sentence in ``lang`` (the
    column ``reasons`` of :func:`reason_table`)."""
    return reason_table(prioritization, lang, top)["reasons"]


def with_reasons(frame: pd.DataFrame, prioritization: Any, lang: str) -> pd.DataFrame:
    """A copy of ``frame`` (rows by objective) whose columns ``lifts``, ``holds_back`` and
    ``reasons``, where it has them, are written in ``lang`` (:func:`reason_table`)."""
    said = reason_table(prioritization, lang)
    out = frame.copy()
    for column in said.columns.intersection(out.columns):
        out[column] = said[column].reindex(out.index)
    return out


def reason_table(prioritization: Any, lang: str, top: int = 2) -> pd.DataFrame:
    """Per objective, the criteria that lift it most above the average objective and those
    that hold it back most below it, each with its value, the average value and its lift, in
    ``lang`` (what the English columns ``lifts``, ``holds_back`` and ``reasons`` of
    :meth:`~mgi.priorities.Prioritization.table` say: a criterion's lift is its contribution to
    the objective's weighted-sum score minus its mean contribution over the objectives).

    Parameters
    ----------
    prioritization
        A :class:`~mgi.priorities.Prioritization` (its ``matrix`` and ``contributions``).
    lang
        The language of the sentences.
    top
        How many criteria to name each way per objective.

    Returns
    -------
    pandas.DataFrame
        Per objective code: ``lifts``, ``holds_back`` and ``reasons`` (both in one sentence).
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

    def words(code: str, chosen: pd.Series) -> str:
        return "; ".join(
            text(
                "reasons.part_cost" if c in cost else "reasons.part",
                lang,
                criterion=labels[c],
                value=format_value("rating", values.at[code, c], lang),
                average=format_value("rating", averages[c], lang),
                lift=format_value("lift", chosen[c], lang),
            )
            for c in chosen.index
        )

    rows: dict[str, dict[str, str]] = {}
    for code, row in lift.iterrows():  # the 23 objectives
        up = words(code, row[row > 1e-12].sort_values(ascending=False, kind="stable").head(top))
        down = words(code, row[row < -1e-12].sort_values(kind="stable").head(top))
        up = up or text("reasons.none", lang)
        down = down or text("reasons.none_below", lang)
        rows[str(code)] = {
            "lifts": up,
            "holds_back": down,
            "reasons": text("reasons.both", lang, lifts=up, holds_back=down),
        }
    return pd.DataFrame.from_dict(rows, orient="index")
