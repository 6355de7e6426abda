"""Tests of :func:`mgi.scoring.compare`: change between two rounds."""

from __future__ import annotations

import pytest

from mgi.assessment import Assessment
from mgi.instrument import load_instrument
from mgi.scoring import compare, score

from .conftest import ANSWERS, META, write_tiny


def test_classifications(tiny) -> None:
    """Earlier → later, per indicator:

    | code   | earlier           | later             | change             |
    |--------|-------------------|-------------------|--------------------|
    | D1.1.1 | Fully present     | Partially present | regressed          |
    | D1.1.2 | Partially present | Fully present     | improved           |
    | D1.1.3 | Not applicable    | Absent            | newly answered     |
    | D1.2.1 | No                | No                | unchanged          |
    | D1.2.2 | Yes               | Not applicable    | no longer answered |
    | D2.1.1 | (missing)         | (missing)         | not scored         |
    """
    later = ANSWERS | {
        "D1.1.1": "Partially present",
        "D1.1.2": "Fully present",
        "D1.1.3": "Absent",
        "D1.2.2": "Not applicable",
    }
    earlier = {k: v for k, v in ANSWERS.items() if k != "D2.1.1"}
    later = {k: v for k, v in later.items() if k != "D2.1.1"}
    a = Assessment.from_answers(tiny, earlier, META, allow_incomplete=True)
    b = Assessment.from_answers(tiny, later, META | {"round": "2025"}, allow_incomplete=True)
    result = compare(a, b, allow_incomplete=True)
    change = result.indicators["change"].to_dict()
    assert change == {
        "D1.1.1": "regressed",
        "D1.1.2": "improved",
        "D1.1.3": "newly answered",
        "D1.2.1": "unchanged",
        "D1.2.2": "no longer answered",
        "D2.1.1": "not scored",
        "D2.1.2": "unchanged",
    }
    row = result.indicators.loc["D1.1.1"]
    assert (row["earlier_answer"], row["later_answer"]) == ("Fully present", "Partially present")
    assert row["value_change"] == -0.5
    assert result.summary()["unchanged"] == 2
    # GCM03 rests on D1.1.3 alone: not applicable earlier, so it has no change (issue 13)
    assert [i.rule for i in result.issues] == ["compare.left_out"]
    assert "GCM03 (earlier round 2024: not applicable)" in result.issues[0].message


def test_domain_change(tiny) -> None:
    """D2.1.1 absent → fully present: D2 goes from 25 to (1 + 0.5) / 2 = 75, change +50.

    GCM01 (D2.1.1 is a secondary link, weight 0.5 of 3.5): 2 / 3.5 → 2.5 / 3.5, change
    +0.5 / 3.5 × 100 = +14.29; overall (mean of D1, D2) changes by +50 / 2 = +25.
    """
    a = Assessment.from_answers(tiny, ANSWERS, META)
    b = Assessment.from_answers(tiny, ANSWERS | {"D2.1.1": "Fully present"}, META)
    result = compare(a, b)
    assert result.domains.loc["D2", "score_change"] == 50.0
    assert result.domains.loc["D1", "score_change"] == 0.0
    assert result.subdomains.loc["D2.1", "later_band"] == "Partially meets"
    assert result.objectives.loc["GCM01", "score_change"] == pytest.approx(0.5 / 3.5 * 100)
    assert result.overall_change == pytest.approx(25.0)


def test_scorecards_accepted(tiny) -> None:
    card = score(Assessment.from_answers(tiny, ANSWERS, META))
    result = compare(card, card)
    assert set(result.indicators["change"]) <= {"unchanged", "not scored"}


def test_other_instrument_matched_by_code(tiny, tmp_path) -> None:
    other = load_instrument(write_tiny(tmp_path / "t2", extra_na=True, name="tiny-two"))
    a = Assessment.from_answers(tiny, ANSWERS, META)
    b = Assessment.from_answers(other, ANSWERS | {"D1.1.9": "Absent"}, META | {"round": "2025"})
    result = compare(a, b)
    rules = [(i.rule, i.indicator) for i in result.issues]
    assert rules == [("compare.other_instrument", None), ("compare.unmatched", "D1.1.9")]
    assert result.unmatched == {"earlier": (), "later": ("D1.1.9",)}
    assert "D1.1.9" not in result.indicators.index
    assert len(result.indicators) == 7


def test_editions_are_compared_through_the_crosswalk() -> None:
    """A round on mgi-national 1.0.0 against one on 2.0.0: split questions inherit the earlier
    answer, new questions are reported as unmatched, nothing of 1.0.0 is left unmatched."""
    new = load_instrument("mgi-national")
    old = new.earlier_edition("1.0.0")
    assert old is not None
    earlier_answers = {
        c: "Partially present" if s == "presence" else "No"
        for c, s in old.indicators["scale"].items()
    }
    later_answers = {
        c: "Fully present" if s == "presence" else "Yes" for c, s in new.indicators["scale"].items()
    }
    result = compare(
        Assessment.from_answers(old, earlier_answers, META),
        Assessment.from_answers(new, later_answers, META),
    )
    rules = [i.rule for i in result.issues]
    assert "compare.crosswalk" in rules and "compare.other_instrument" not in rules
    table = result.indicators
    parts = table[table["earlier_code"] == "D2.4.3"]
    assert list(parts.index) == ["D2.4.4", "D2.4.5"]
    assert set(parts["crosswalk"]) == {"split"} and set(parts["change"]) == {"improved"}
    assert table.loc["D1.1.1", "crosswalk"] in ("same", "revised")
    assert result.unmatched["earlier"] == ()
    assert "D1.7.1" in result.unmatched["later"]  # a new question of 2.0.0
