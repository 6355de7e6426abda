"""The committed demo inputs are exactly what the generator makes, and say they are
illustrative."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mgi._resources import bundled_dir
from mgi.demo.inputs import DISCLAIMER, REFERENCE, generate
from mgi.priorities.profile import load_profile
from mgi.workbook import read_assessment, read_consultation, read_experts, read_weights

DEMO = bundled_dir("data") / "demo"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return generate(tmp_path_factory.mktemp("demo"))


def test_committed_files_match_the_generator(regenerated: dict[str, Path]) -> None:
    for path in regenerated.values():
        committed = DEMO / path.name
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} differs from a fresh run: regenerate with 'python -m mgi.demo.inputs'"
        )


def test_demo_recipe() -> None:
    recipe = tomllib.loads((DEMO / "demo-recipe.toml").read_text(encoding="utf-8"))
    assert recipe["inputs"]["reference"] == list(REFERENCE)
    assert list(REFERENCE) == [2, 3, 4, 5, 6, 7, 9, 10, 16, 18, 19, 20, 22]
    assert recipe["title"].startswith("Albania (illustrative)")
    assert "not an official MGI assessment" in recipe["note"]
    assert all(
        (DEMO / name).is_file() for name in recipe["inputs"].values() if ".xlsx" in str(name)
    )


@pytest.mark.parametrize(
    "name", ["mgi-national-2018.xlsx", "mgi-national-2023.xlsx", "sdg-10-7-2-2023.xlsx"]
)
def test_questionnaires_are_valid_and_labelled(name: str) -> None:
    assessment = read_assessment(DEMO / name)
    assert not assessment.has_errors, [str(i) for i in assessment.issues]
    assert assessment.country == "Albania (illustrative)"
    assert assessment.metadata["notes"] == DISCLAIMER
    if name.startswith("mgi-national"):
        coverage = assessment.coverage()
        assert coverage["not_applicable"] >= 2 and coverage["missing"] == 0
        assert (assessment.answers["evidence"] != "").sum() > 40


def test_consultation_exercises_every_feature() -> None:
    """Every default group, one of them with a single respondent; relevance and urgency; some
    "don't know"; the optional attributes, with the diaspora abroad."""
    profile = load_profile()
    consultation = read_consultation(DEMO / "consultation.xlsx", profile)
    assert consultation.issues == ()
    people = consultation.participants
    assert len(people) >= 70
    assert set(people["group"]) == set(profile.consultation.groups)
    sizes = people["group"].value_counts()
    assert sizes["Media"] == 1 and (sizes.drop("Media") == 6).all()
    assert consultation.ratings["objective"].nunique() == 23
    assert set(consultation.ratings["question"]) == {"relevance", "urgency"}
    assert 0.01 < len(consultation.dont_know) / len(consultation.ratings) < 0.1
    respondents = consultation.respondents
    abroad = respondents[respondents["group"] == "Diaspora"]["country"]
    assert set(abroad) <= {"Germany", "Italy", "Greece", "United Kingdom", "United States"}
    assert (respondents["sex"] != "").all() and (respondents["age_band"] == "").any()


def test_the_demo_flags_what_the_ranking_should_not_hide() -> None:
    """A one-member group, a criterion within its noise, groups that barely agree and two
    strongly correlated criteria."""
    from mgi.priorities import build_criteria_matrix

    profile = load_profile()
    matrix = build_criteria_matrix(
        profile,
        consultation=read_consultation(DEMO / "consultation.xlsx", profile),
        experts=read_experts(DEMO / "experts.xlsx", profile),
        scorecard=__import__("mgi").score(read_assessment(DEMO / "mgi-national-2023.xlsx")),
    )
    rules = {(i.rule, i.column) for i in matrix.issues}
    assert ("priorities.criterion_noise", "resource_need") in rules
    assert ("priorities.criterion_disagreement", "stakeholders") in rules
    assert ("priorities.criteria_correlated", "policy_alignment, eu_accession") in rules
    assert "rating.group_single_member" in {rule for rule, _ in rules}


def test_groups_disagree_realistically() -> None:
    from mgi.priorities import summarise_consultation

    summary = summarise_consultation(read_consultation(DEMO / "consultation.xlsx", load_profile()))
    assert 0.05 < summary.kendall_w < 0.7
    assert summary.overall["spread_between"].max() > 0.8


def test_experts_and_weights() -> None:
    experts = read_experts(DEMO / "experts.xlsx", load_profile())
    assert experts.issues == ()
    assert experts.ratings["expert"].nunique() == 5
    weights = read_weights(DEMO / "weights.xlsx", load_profile())
    assert len(weights.judgements) == 5
    assert all(j.mode == "pairwise" for j in weights.judgements)
    (issue,) = weights.issues  # exactly one participant is inconsistent
    assert issue.rule == "weights.inconsistent"


def test_the_demo_exercises_implementation_and_evidence() -> None:
    """Issue 13: the 2023 round records implementation beside some answers (never scored),
    every demo questionnaire names the evidence of its answers that say something is in place,
    and none of them is read as something else."""
    national = read_assessment(DEMO / "mgi-national-2023.xlsx")
    levels = national.answers["implementation"]
    assert (levels == "Partly implemented").sum() >= 5
    for name in ("mgi-national-2018.xlsx", "mgi-national-2023.xlsx", "sdg-10-7-2-2023.xlsx"):
        rules = {i.rule for i in read_assessment(DEMO / name).issues}
        assert not rules & {"answer.no_evidence", "answer.no_reason", "answer.reinterpreted"}
