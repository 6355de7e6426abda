"""Tests of :func:`mgi.scoring.compare`: change between two rounds."""

from __future__ import annotations

import pandas as pd
import pytest

from mgi.assessment import Assessment
from mgi.instrument import load_instrument
from mgi.scoring import compare, score
from mgi.scoring.compare import check_rounds

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


# -- rounds that can be compared, and groups left out of the change (issue 13, item 10) -------


def _round(tiny, country: str = "Testland", year: str = "2024", answers=None) -> Assessment:
    return Assessment.from_answers(
        tiny, answers or ANSWERS, {"country": country, "round": year}, allow_incomplete=True
    )


def test_different_countries_are_refused_unless_intended(tiny) -> None:
    from mgi.errors import InputError

    a, b = _round(tiny, "Albania", "2018"), _round(tiny, "Kosovo", "2023")
    with pytest.raises(InputError) as info:
        compare(a, b)
    assert info.value.rule == "compare.other_country"
    assert '"Albania" (earlier) and "Kosovo" (later)' in info.value.issues[0].message
    assert "--allow-other-country" in info.value.issues[0].message
    result = compare(a, b, allow_other_country=True)
    assert [i.rule for i in result.issues][:1] == ["compare.other_country_allowed"]
    assert not result.issues[0].is_error


def test_the_same_country_written_another_way_is_the_same_country(tiny) -> None:
    a, b = _round(tiny, "Shqipëria", "2018"), _round(tiny, " shqiperia ", "2023")
    assert check_rounds(a, b) == []


def test_reversed_rounds_are_refused_with_the_fix(tiny) -> None:
    from mgi.errors import InputError

    later, earlier = _round(tiny, year="2023"), _round(tiny, year="2018")
    with pytest.raises(InputError) as info:
        compare(later, earlier)
    issue = info.value.issues[0]
    assert (info.value.rule, issue.found) == ("compare.rounds_reversed", "2023")
    assert "Swap the two files" in issue.message
    assert check_rounds(earlier, later) == []


def test_the_same_round_twice_is_a_warning(tiny) -> None:
    result = compare(_round(tiny), _round(tiny))
    assert [i.rule for i in result.issues] == ["compare.same_round"]
    assert not result.issues[0].is_error


def _d12_unanswered_in_2018(tiny, scheme=None):
    """Sub-domain D1.2 unanswered in 2018, answered (D1.2.1 Yes) in 2023; nothing else changes."""
    earlier = {k: v for k, v in ANSWERS.items() if not k.startswith("D1.2")}
    later = ANSWERS | {"D1.2.1": "Yes"}
    return compare(
        _round(tiny, year="2018", answers=earlier),
        _round(tiny, year="2023", answers=later),
        scheme=scheme,
        allow_incomplete=True,
    )


def test_a_subdomain_unanswered_in_one_round_is_left_out_of_the_change(tiny) -> None:
    """D1.2 has no answer in 2018 (with --allow-incomplete: "insufficient data"); it is left
    out of the change, and D1 changes over D1.1 alone.

    | sub-domain | 2018                | 2023   | change        |
    |------------|---------------------|--------|---------------|
    | D1.1       | 83.33               | 83.33  | 0             |
    | D1.2       | insufficient data   | 100    | left out      |
    | D1         | 83.33 (D1.1 alone)  | 91.67  | 0 (like for like, not +8.33) |
    """
    result = _d12_unanswered_in_2018(tiny)
    sub = result.subdomains
    assert sub.loc["D1.2", "earlier_status"] != "scored"
    assert pd.isna(sub.loc["D1.2", "score_change"])
    assert sub.loc["D1.2", "left_out"].startswith("earlier round 2018: ")
    assert sub.loc["D1.1", "left_out"] == "" and sub.loc["D1.1", "score_change"] == 0.0
    dom = result.domains
    assert dom.loc["D1", "later_score"] - dom.loc["D1", "earlier_score"] == pytest.approx(25 / 3)
    assert dom.loc["D1", "score_change"] == 0.0
    assert dom.loc["D1", "left_out"].startswith("sub-domains D1.2 (earlier round 2018: ")
    assert dom.loc["D2", "left_out"] == "" and dom.loc["D2", "score_change"] == 0.0
    left = [i for i in result.issues if i.rule == "compare.left_out"]
    assert any("sub-domains D1.2 (earlier round 2018:" in i.message for i in left)


def test_like_for_like_when_domains_are_means_of_their_indicators(tiny, tmp_path) -> None:
    """Under ``domain = "indicators"`` the domain's mean is taken again over the indicators of
    the sub-domains compared in both rounds: D1 over D1.1 alone, (2·1 + 1·0.5) / 3 both times."""
    from mgi.scoring.scheme import resolve_scheme_path

    text = resolve_scheme_path("mgi-default").read_text(encoding="utf-8")
    scheme = tmp_path / "by-indicators.toml"
    scheme.write_text(
        text.replace('domain = "subdomains"', 'domain = "indicators"'), encoding="utf-8"
    )
    result = _d12_unanswered_in_2018(tiny, scheme)
    dom = result.domains
    assert dom.loc["D1", "earlier_score"] == pytest.approx(250 / 3)
    assert dom.loc["D1", "later_score"] == pytest.approx(650 / 7)  # (2 + 0.5 + 1 + 3) / 7 × 100
    assert dom.loc["D1", "score_change"] == 0.0
    assert dom.loc["D1", "left_out"].startswith("sub-domains D1.2")
