"""Problems written again in another language from the values the issue keeps."""

from __future__ import annotations

from mgi.catalogue import RECORD_FIELDS, issues_frame, make_issue
from mgi.i18n.issues import localized, message, render, where


def test_an_issue_is_rendered_in_albanian_with_the_same_values() -> None:
    issue = make_issue("plan.bad_quarter", sheet="Masat", cell="K7", found="2025-Q5")
    assert render(issue, "en") == (
        '[sheet Masat, cell K7] The quarter "2025-Q5" is not a quarter. Write a quarter such '
        "as 2025-Q1 (the year, then Q and the quarter, 1 to 4)."
    )
    assert render(issue, "sq").startswith('[fleta Masat, qeliza K7] "2025-Q5" nuk është tremujor.')
    albanian = localized(issue, "sq")
    assert albanian.message.startswith('"2025-Q5" nuk është tremujor.')
    assert albanian.to_dict() | {"message": ""} == issue.to_dict() | {"message": ""}


def test_the_kept_values_are_not_part_of_the_record() -> None:
    issue = make_issue("plan.no_lead", sheet="Measures", row=9, found="SO1.M1")
    assert "fields" not in issue.to_dict() and list(issue.to_dict()) == list(RECORD_FIELDS)
    assert list(issues_frame([issue]).columns) == list(RECORD_FIELDS)
    assert where(issue, "sq") == "fleta Measures, rreshti 9"


def test_words_of_mgi_inside_a_message_are_in_its_language() -> None:
    """A flag names a criterion, a stakeholder group or who was resampled by their English
    words, and its numbers with a decimal point; the Albanian message names them in Albanian,
    with the decimal comma (Rule.translated)."""
    noise = make_issue(
        "priorities.criterion_noise",
        column="resource_need",
        found="0.3",
        criterion="resource_need",
        label="Resource need (experts)",
        spread="0.3",
        noise="0.2",
        ratio="1.2",
        threshold="2",
        people="experts",
    )
    albanian = message(noise, "sq")
    assert "Nevoja për burime (ekspertët)" in albanian and "kur ekspertë rimostrohen" in albanian
    assert "Resource need" not in albanian and "experts" not in albanian
    assert "me 0,3 (devijim standard)" in albanian  # mgi's numbers with the decimal comma
    assert "Resource need (experts)" in message(noise, "en")
    group = make_issue(
        "rating.group_single_member", found="Local communities", share="7%", groups=14
    )
    assert "'Komunitetet vendore'" in message(group, "sq")
    assert "'Local communities'" in message(group, "en")
    own = make_issue("rating.group_single_member", found="Fishermen", share="7%", groups=14)
    assert "'Fishermen'" in message(own, "sq")  # a group of the user's own profile is data
