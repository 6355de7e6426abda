"""Tests of mgi.reference: the plain codes agree with the tables; the implementation levels."""

from __future__ import annotations

from mgi._tables import normalise_answer
from mgi.reference import (
    cross_cutting_blocks,
    cross_cutting_codes,
    guiding_principles,
    implementation_levels,
    implementation_lookup,
    principle_letters,
    sdg_item_codes,
    sdg_items,
)


def test_plain_codes_are_the_tables_indexes() -> None:
    assert principle_letters() == tuple(guiding_principles().index)
    assert sdg_item_codes() == tuple(sdg_items().index)
    assert cross_cutting_codes() == tuple(cross_cutting_blocks().index)


def test_implementation_levels_and_their_spellings() -> None:
    levels = implementation_levels()
    assert [level.code for level in levels] == [
        "implemented",
        "partly",
        "not_implemented",
        "not_known",
    ]
    assert all(level.definition for level in levels)
    lookup = implementation_lookup()
    for level in levels:  # a spelling stands for one level only
        for spelling in (level.code, level.label, *level.aliases):
            assert lookup[normalise_answer(spelling)] is level, spelling
    owners: dict[str, str] = {}
    for level in levels:
        for spelling in {normalise_answer(a) for a in (level.code, level.label, *level.aliases)}:
            assert owners.setdefault(spelling, level.code) == level.code, spelling
