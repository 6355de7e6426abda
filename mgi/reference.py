"""Reference tables shipped in ``data/``: the 23 GCM objectives, the 10 guiding principles, the
cross-cutting blocks scored beside the objectives, the 30 items of SDG indicator 10.7.2, and the
levels of implementation a questionnaire may record beside an answer (never scored).

Objectives are indexed by stable codes ``GCM01`` … ``GCM23``; cross-cutting blocks by their own
codes (``WGA``, ``WSA``), which never look like an objective's.

The tables are DataFrames (pandas is imported on first use); the codes an instrument is checked
against (:func:`principle_letters`, :func:`sdg_item_codes`, :func:`cross_cutting_codes`) are
plain tuples read without pandas, so that loading an instrument stays fast.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from mgi._resources import bundled_dir

if TYPE_CHECKING:
    import pandas as pd

N_OBJECTIVES = 23


def objective_code(number: int | str) -> str:
    """The stable code of a GCM objective from its number (or the number as text).

    Examples
    --------
    >>> objective_code(7)
    'GCM07'
    """
    return f"GCM{int(number):02d}"


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>`` as text (no pandas)."""
    with (bundled_dir("data") / name).open(encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def principle_letters() -> tuple[str, ...]:
    """The letters ``a`` … ``j`` of the ten guiding principles (as :func:`guiding_principles`).

    Examples
    --------
    >>> principle_letters()[:3]
    ('a', 'b', 'c')
    """
    return tuple(row["letter"] for row in _rows("gcm_guiding_principles.csv"))


@cache
def sdg_item_codes() -> tuple[str, ...]:
    """The codes ``1a`` … ``6e`` of the 30 items of SDG 10.7.2 (as :func:`sdg_items`)."""
    return tuple(
        f"{int(row['domain'])}{row['subcategory']}" for row in _rows("sdg_10_7_2_items.csv")
    )


@cache
def cross_cutting_codes() -> tuple[str, ...]:
    """The codes of the cross-cutting blocks in their order (as :func:`cross_cutting_blocks`).

    Examples
    --------
    >>> cross_cutting_codes()
    ('WGA', 'WSA')
    """
    rows = _rows("gcm_cross_cutting.csv")
    return tuple(row["code"] for row in sorted(rows, key=lambda row: float(row["order"])))


@dataclass(frozen=True)
class ImplementationLevel:
    """One level of the optional Implementation (not scored) column of a questionnaire
    (``data/implementation_levels.csv``): how far a law or policy is applied in practice."""

    code: str
    label: str
    definition: str
    aliases: tuple[str, ...]


@cache
def implementation_levels() -> tuple[ImplementationLevel, ...]:
    """The levels of implementation, in their order (plain Python, no pandas).

    "Fully present" is defined on law and policy alone; how far a policy is applied is
    recorded beside the answer with one of these levels and is never scored.

    Examples
    --------
    >>> [level.label for level in implementation_levels()]
    ['Implemented', 'Partly implemented', 'Not implemented', 'Not known']
    """
    rows = sorted(_rows("implementation_levels.csv"), key=lambda row: float(row["order"]))
    return tuple(
        ImplementationLevel(
            code=row["code"].strip(),
            label=row["label"].strip(),
            definition=row["definition"].strip(),
            aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
        )
        for row in rows
    )


@cache
def implementation_lookup() -> dict[str, ImplementationLevel]:
    """Every accepted spelling of a level (code, label, aliases; case, spacing and accents
    ignored, see :func:`~mgi._tables.normalise_answer`) mapped to its level.

    Examples
    --------
    >>> implementation_lookup()["pjeserisht"].label
    'Partly implemented'
    """
    from mgi._tables import normalise_answer

    lookup: dict[str, ImplementationLevel] = {}
    for level in implementation_levels():
        for spelling in (level.code, level.label, *level.aliases):
            lookup.setdefault(normalise_answer(spelling), level)
    return lookup


@cache
def _objectives() -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(bundled_dir("data") / "gcm_objectives.csv")
    frame.index = pd.Index([objective_code(n) for n in frame["number"]], name="objective")
    return frame


def gcm_objectives() -> pd.DataFrame:
    """The 23 GCM objectives: number, official title, short label, IMRF 2022 round table.

    Examples
    --------
    >>> gcm_objectives().loc["GCM10", "short_label"]
    'Trafficking'
    """
    return _objectives().copy()


@cache
def _principles() -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(bundled_dir("data") / "gcm_guiding_principles.csv", index_col="letter")


def guiding_principles() -> pd.DataFrame:
    """The 10 GCM guiding principles, indexed by letter ``a`` … ``j``."""
    return _principles().copy()


@cache
def _cross_cutting() -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(bundled_dir("data") / "gcm_cross_cutting.csv", index_col="code")
    return frame.sort_values("order", kind="stable")


def cross_cutting_blocks() -> pd.DataFrame:
    """The cross-cutting blocks scored beside the 23 objectives, indexed by code.

    Domestic machinery (lead entity, coordination, GCM focal point, national review) and
    whole-of-society engagement serve the Compact's guiding principles and its implementation
    and review sections, not one objective: they are scored as blocks of their own.

    Examples
    --------
    >>> cross_cutting_blocks().loc["WGA", "short_label"]
    'Whole-of-government machinery'
    """
    return _cross_cutting().copy()


@cache
def _sdg_items() -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(bundled_dir("data") / "sdg_10_7_2_items.csv", dtype={"domain": int})
    frame.index = pd.Index(
        [f"{d}{s}" for d, s in zip(frame["domain"], frame["subcategory"], strict=True)],
        name="item",
    )
    return frame


def sdg_items() -> pd.DataFrame:
    """The 30 items of SDG 10.7.2 (UN Inquiry Module III), indexed ``1a`` … ``6e``."""
    return _sdg_items().copy()
