"""The plan's identity: a content digest that ignores how a cell names an institution."""

from __future__ import annotations

from dataclasses import replace

from mgi.plan.model import ActionPlan


def test_digest_names_institutions_by_code(filled: ActionPlan) -> None:
    named = tuple(replace(m, lead=filled.institution_name(m.lead)) for m in filled.measures)
    assert filled.replace(measures=named).digest() == filled.digest()


def test_digest_changes_with_the_content(filled: ActionPlan) -> None:
    first = filled.measures[0]
    changed = (replace(first, cost_state=(first.cost_state or 0) + 1), *filled.measures[1:])
    assert filled.replace(measures=changed).digest() != filled.digest()


def test_tables_are_indexed_by_codes(filled: ActionPlan) -> None:
    measures = filled.measures_frame()
    assert list(measures.index[:2]) == ["SO1.M1", "SO1.M2"]
    assert (measures["total"] == [m.total for m in filled.measures]).all()
    assert filled.objectives_frame().index.name == "code"
