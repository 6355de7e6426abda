"""Property tests (hypothesis) of the scoring engine on the tiny instrument and on mgi-national.

Every score stays within 0-100; raising one answer never lowers any score; a not-applicable
answer on an extra indicator changes nothing; permuting the answer rows changes nothing;
compare classifies every indicator consistently with its values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgi.assessment import Assessment
from mgi.instrument import Instrument
from mgi.scoring import compare, score

from .conftest import META

PRESENCE = ["Fully present", "Partially present", "Absent", "Not applicable", ""]
YES_NO = ["Yes", "No", "Not applicable", ""]
ORDER = {"Absent": 0, "Partially present": 1, "Fully present": 2, "No": 0, "Yes": 1}
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def answers_for(instrument: Instrument) -> st.SearchStrategy[dict[str, str]]:
    scales = instrument.indicators["scale"]
    return st.fixed_dictionaries(
        {
            code: st.sampled_from(PRESENCE if scale == "presence" else YES_NO)
            for code, scale in scales.items()
        }
    )


def _score(instrument: Instrument, answers: dict[str, str], **kwargs):
    typed = {k: v for k, v in answers.items() if v}
    assessment = Assessment.from_answers(instrument, typed, META, allow_incomplete=True)
    return score(assessment, allow_incomplete=True, **kwargs)


def _all_scores(card) -> pd.Series:
    return pd.concat(
        [
            card.subdomains["score"],
            card.domains["score"],
            card.objectives["score"],
            pd.Series({"overall": card.overall}),
        ]
    )


@SETTINGS
@given(data=st.data())
def test_scores_within_range(tiny, data) -> None:
    card = _score(tiny, data.draw(answers_for(tiny)), secondary_weight=data.draw(st.floats(0, 1)))
    scores = _all_scores(card).dropna()
    assert scores.between(0, 100).all()
    for table in (card.subdomains, card.domains, card.objectives):
        scored = table[table["status"] == "scored"]
        assert scored["score"].notna().all()
        assert (
            scored["band"]
            .isin(["Requires further progress", "Partially meets", "Meets", "Fully meets"])
            .all()
        )
        assert not table.loc[table["status"] != "scored", "band_level"].any()


@SETTINGS
@given(data=st.data())
def test_raising_one_answer_never_lowers_a_score(tiny, data) -> None:
    answers = data.draw(answers_for(tiny))
    raisable = [c for c, v in answers.items() if v in {"Absent", "Partially present", "No"}]
    if not raisable:
        return
    code = data.draw(st.sampled_from(raisable))
    higher = [a for a, rank in ORDER.items() if rank > ORDER[answers[code]] and a in PRESENCE]
    if answers[code] == "No":
        higher = ["Yes"]
    raised = answers | {code: data.draw(st.sampled_from(higher))}
    before = _all_scores(_score(tiny, answers))
    after = _all_scores(_score(tiny, raised))
    both = before.notna() & after.notna()
    assert (after[both] >= before[both] - 1e-9).all()
    assert before.notna().equals(after.notna())


@SETTINGS
@given(data=st.data())
def test_not_applicable_answer_changes_nothing(tiny, tiny_plus_na, data) -> None:
    answers = data.draw(answers_for(tiny))
    base = _score(tiny, answers)
    extra = _score(tiny_plus_na, answers | {"D1.1.9": "Not applicable"})
    pd.testing.assert_series_equal(_all_scores(base), _all_scores(extra))
    pd.testing.assert_series_equal(base.domains["band"], extra.domains["band"])


@SETTINGS
@given(data=st.data())
def test_permuting_rows_changes_nothing(tiny, data) -> None:
    answers = data.draw(answers_for(tiny))
    typed = {k: v for k, v in answers.items() if v}
    assessment = Assessment.from_answers(tiny, typed, META, allow_incomplete=True)
    seed = data.draw(st.integers(0, 2**16))
    shuffled = assessment.replace(answers=assessment.answers.sample(frac=1, random_state=seed))
    a = score(assessment, allow_incomplete=True)
    b = score(shuffled, allow_incomplete=True)
    pd.testing.assert_series_equal(_all_scores(a), _all_scores(b))
    pd.testing.assert_frame_equal(a.domains, b.domains)
    pd.testing.assert_frame_equal(a.objectives, b.objectives)


@SETTINGS
@given(data=st.data())
def test_compare_classifications(tiny, data) -> None:
    first, second = data.draw(answers_for(tiny)), data.draw(answers_for(tiny))
    result = compare(
        Assessment.from_answers(tiny, {k: v for k, v in first.items() if v}, META),
        Assessment.from_answers(tiny, {k: v for k, v in second.items() if v}, META),
        allow_incomplete=True,
    )
    ind = result.indicators
    ea, la = ind["earlier_value"], ind["later_value"]
    expected = np.select(
        [
            ea.notna() & la.notna() & (la > ea),
            ea.notna() & la.notna() & (la < ea),
            ea.notna() & la.notna(),
            ea.isna() & la.notna(),
            ea.notna() & la.isna(),
        ],
        ["improved", "regressed", "unchanged", "newly answered", "no longer answered"],
        default="not scored",
    )
    assert ind["change"].tolist() == expected.tolist()
    assert sum(result.summary().values()) == len(tiny.indicators)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**16))
def test_mgi_national_scores_within_range(seed: int) -> None:
    from mgi.instrument import load_instrument

    inst = load_instrument("mgi-national")
    rng = np.random.default_rng(seed)
    answers = {
        code: str(rng.choice(PRESENCE[:4] if scale == "presence" else YES_NO[:3]))
        for code, scale in inst.indicators["scale"].items()
    }
    card = _score(inst, answers)
    assert _all_scores(card).dropna().between(0, 100).all()
