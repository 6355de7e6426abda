"""Tests of :func:`mgi.scoring.score`: hand-worked examples, the official SDG 10.7.2 example,
the missing-data policy and the recorded method."""

from __future__ import annotations

import pytest

from mgi.assessment import Assessment
from mgi.errors import ScoringError
from mgi.scoring import NOT_A_RANKING, score

from .conftest import ANSWERS, META

# Answer values under mgi-default: full 1, partial 0.5, absent 0, yes 1, no 0, not applicable
# excluded. Weights (tiny instrument): D1.1.1 = 2, D1.2.2 = 3, all others 1.


def test_hand_worked_subdomains(tiny_assessment: Assessment) -> None:
    """Sub-domain = weighted mean of its answered indicators × 100 (NA left out).

    D1.1: D1.1.1 full (w 2), D1.1.2 partial (w 1), D1.1.3 not applicable (left out)
          → (2·1 + 1·0.5) / (2 + 1) = 2.5 / 3 = 0.8333… → 83.333333333 → "Meets" (80 to < 100)
    D1.2: D1.2.1 no (w 1), D1.2.2 yes (w 3) → (0 + 3) / 4 = 0.75 → 75 → "Partially meets"
    D2.1: D2.1.1 absent, D2.1.2 partial (w 1 each) → 0.5 / 2 = 0.25 → 25 → "Requires further
          progress"
    """
    sub = score(tiny_assessment).subdomains
    assert sub.loc["D1.1", "score"] == pytest.approx(250 / 3)
    assert sub.loc["D1.2", "score"] == 75.0
    assert sub.loc["D2.1", "score"] == 25.0
    assert sub["band"].tolist() == ["Meets", "Partially meets", "Requires further progress"]
    assert sub.loc["D1.1", ["answered", "not_applicable", "missing"]].tolist() == [2, 1, 0]
    assert sub.loc["D1.1", "weakest"] == "D1.1.2"
    assert sub.loc["D1.1", "strongest"] == "D1.1.1"


def test_hand_worked_domains_and_overall(tiny_assessment: Assessment) -> None:
    """Domain = mean of its sub-domains (equal weights); overall = mean of the domains.

    D1 = (83.333… + 75) / 2 = 79.1666… → "Partially meets" (just below 80); gap = 100 − 79.17
    D2 = 25 (its only sub-domain)
    overall = (79.1666… + 25) / 2 = 52.0833…
    """
    card = score(tiny_assessment)
    dom = card.domains
    assert dom.loc["D1", "score"] == pytest.approx(475 / 6)
    assert dom.loc["D1", "band"] == "Partially meets"
    assert dom.loc["D1", "gap"] == pytest.approx(100 - 475 / 6)
    assert dom.loc["D1", "weakest"] == "D1.2"
    assert dom.loc["D2", "score"] == 25.0
    assert card.overall == pytest.approx((475 / 6 + 25) / 2)


def test_points_lost_trace_back_to_scores(tiny_assessment: Assessment) -> None:
    """Points lost add up to 100 − score in each sub-domain and domain.

    D1.1.2 (partial, w 1 of 3 in D1.1): 100 · 1/3 · 0.5 = 16.67 points off D1.1, and half of
    that (D1.1 is one of two equal sub-domains) = 8.33 points off D1.
    D1.2.1 (no, w 1 of 4 in D1.2): 25 points off D1.2, 12.5 off D1.
    Raw points_lost = weight × (1 − value): D1.1.2 → 0.5, D1.2.1 → 1.
    """
    card = score(tiny_assessment)
    ind = card.indicators
    assert ind.loc["D1.1.2", "subdomain_points_lost"] == pytest.approx(50 / 3)
    assert ind.loc["D1.1.2", "domain_points_lost"] == pytest.approx(25 / 3)
    assert ind.loc["D1.2.1", "domain_points_lost"] == pytest.approx(12.5)
    assert ind.loc["D1.1.2", "points_lost"] == 0.5
    assert ind.loc["D1.2.1", "points_lost"] == 1.0
    by_sub = ind.groupby("subdomain")["subdomain_points_lost"].sum()
    assert (by_sub + card.subdomains["score"]).tolist() == pytest.approx([100.0] * 3)
    by_dom = ind.groupby("domain")["domain_points_lost"].sum()
    assert (by_dom + card.domains["score"]).tolist() == pytest.approx([100.0] * 2)


def test_not_applicable_value_is_excluded(tiny_assessment: Assessment) -> None:
    """D1.1.3 is not applicable: value NaN (excluded), no points lost, status kept."""
    row = score(tiny_assessment).indicators.loc["D1.1.3"]
    assert row["status"] == "not_applicable"
    assert row["value"] != row["value"]
    assert row["answer"] == "Not applicable"


def test_objectives_with_secondary_weight(tiny_assessment: Assessment) -> None:
    """Objective = Σ link weight · indicator weight · value / Σ link weight · indicator weight.

    GCM01: D1.1.1 primary (1·2, full), D1.2.1 primary (1·1, no), D2.1.1 secondary (0.5·1,
           absent) → 2 / 3.5 = 57.142857…; gap 42.857…; shortfall D1.2.1 (1 point) then D2.1.1
           (0.5 point)
    GCM02: D1.1.1 secondary (0.5·2 = 1, full), D1.1.2 primary (1·1, partial) → 1.5 / 2 = 75
    GCM03: only D1.1.3, not applicable → status "not applicable", no score
    GCM04: no indicator → "no indicators"
    With secondary_weight = 1: GCM01 = 2 / (2 + 1 + 1) = 50.
    """
    obj = score(tiny_assessment).objectives
    assert len(obj) == 23
    assert obj.loc["GCM01", "score"] == pytest.approx(400 / 7)
    assert obj.loc["GCM01", "gap"] == pytest.approx(100 - 400 / 7)
    assert obj.loc["GCM01", "shortfall"] == "D1.2.1, D2.1.1"
    assert obj.loc["GCM01", ["primary", "secondary"]].tolist() == [2, 1]
    assert obj.loc["GCM02", "score"] == 75.0
    assert obj.loc["GCM03", "status"] == "not applicable"
    assert obj.loc["GCM04", "status"] == "no indicators"
    assert obj.loc["GCM04", "band"] == "no indicators"
    equal = score(tiny_assessment, secondary_weight=1.0).objectives
    assert equal.loc["GCM01", "score"] == 50.0


def test_objective_links_table(tiny_assessment: Assessment) -> None:
    links = score(tiny_assessment).objective_links
    row = links[(links["objective"] == "GCM01") & (links["indicator"] == "D2.1.1")].iloc[0]
    assert row["role"] == "secondary"
    assert row["weight"] == 0.5
    assert row["points_lost"] == 0.5


def test_sdg_official_worked_example(sdg) -> None:
    """UN SDG metadata for indicator 10.7.2, computation method (UN DESA / IOM): domain 1
    answers 1, 0.5, 1, 0.5, 1 → 4.0 / 5 × 100 = 80 → "Meets". Overall = mean of all 30 items
    × 100 (here (4 + 25) / 30 × 100 = 96.67, equal to the mean of the six domain scores)."""
    answers = {code: "Yes" for code in sdg.indicators.index if not code.startswith("D1")}
    answers |= {"D1.a": 1, "D1.b": 0.5, "D1.c": 1, "D1.d": 0.5, "D1.e": 1}
    card = score(Assessment.from_answers(sdg, answers, META), "sdg-10-7-2")
    assert card.domains.loc["D1", "score"] == 80.0
    assert card.domains.loc["D1", "band"] == "Meets"
    assert card.domains.loc["D2", "band"] == "Fully meets"
    assert card.overall == pytest.approx(29 / 30 * 100)
    assert card.overall == pytest.approx(card.domains["score"].mean())
    assert card.overall_summary["band"] == "Meets"


def test_sdg_all_no_is_zero(sdg) -> None:
    answers = {code: "No" for code in sdg.indicators.index}
    card = score(Assessment.from_answers(sdg, answers, META), "sdg-10-7-2")
    assert card.domains["score"].tolist() == [0.0] * 6
    assert set(card.domains["band"]) == {"Requires further progress"}


def test_missing_answers_refused_with_codes(tiny) -> None:
    answers = {k: v for k, v in ANSWERS.items() if k != "D1.2.2"}
    assessment = Assessment.from_answers(tiny, answers, META, allow_incomplete=True)
    with pytest.raises(ScoringError) as info:
        score(assessment)
    assert info.value.rule == "score.missing_answers"
    assert "D1.2.2" in info.value.message
    assert [i.indicator for i in info.value.issues] == ["D1.2.2"]


def test_other_errors_refused_with_issues(tiny) -> None:
    answers = ANSWERS | {"D1.1.1": "Maybe"}
    with pytest.raises(ScoringError) as info:
        score(Assessment.from_answers(tiny, answers, META))
    assert info.value.rule == "score.errors_in_assessment"
    assert [i.rule for i in info.value.issues] == ["answer.invalid"]


def test_allow_incomplete_excludes_and_flags_insufficient(tiny) -> None:
    """D1.2.2 missing: D1.2 = D1.2.1 only = 0 with 1 of 2 answered (50 % ≥ 50 %: scored).
    D2.1.1 and D2.1.2 missing: D2.1 and D2 have 0 of 2 answered → "insufficient data"."""
    answers = {k: v for k, v in ANSWERS.items() if k not in {"D1.2.2", "D2.1.1", "D2.1.2"}}
    assessment = Assessment.from_answers(tiny, answers, META)  # missing answers are errors here
    card = score(assessment, allow_incomplete=True)
    sub = card.subdomains
    assert sub.loc["D1.2", "score"] == 0.0
    assert sub.loc["D1.2", "status"] == "scored"
    assert sub.loc["D2.1", "status"] == "insufficient data"
    assert sub.loc["D2.1", "band"] == "insufficient data"
    assert card.domains.loc["D2", "status"] == "insufficient data"
    assert card.domains.loc["D2", "share_answered"] == 0.0
    rules = {i.rule for i in card.issues}
    assert "score.insufficient_coverage" in rules
    assert all(not i.is_error for i in card.issues)
    stricter = score(assessment, allow_incomplete=True, min_coverage=0.9)
    assert stricter.subdomains.loc["D1.2", "status"] == "insufficient data"


def test_insufficient_coverage_names_the_group_not_an_indicator(tiny) -> None:
    """Sub-domains, domains and objectives are named in the message as what they are; the
    location never calls them an indicator."""
    missing = {"D2.1.1", "D2.1.2", "D1.1.3"}  # D1.1.3 is GCM03's only indicator
    answers = {k: v for k, v in ANSWERS.items() if k not in missing}
    card = score(Assessment.from_answers(tiny, answers, META), allow_incomplete=True)
    coverage = [i for i in card.issues if i.rule == "score.insufficient_coverage"]
    assert coverage, [str(i) for i in card.issues]
    assert all(i.indicator is None and i.severity == "warning" for i in coverage)
    texts = [str(i) for i in coverage]
    assert all("indicator" not in t.split("]")[0] for t in texts if t.startswith("["))
    sub_name = tiny.subdomains.at["D2.1", "name"]
    dom_name = tiny.domains.at["D2", "name"]
    assert (
        f'Sub-domain D2.1 "{sub_name}": only 0 of 2 applicable question(s) are answered, less '
        "than the minimum share 50%, so it gets no band. Answer more of its questions, or lower "
        "min_coverage in the scoring scheme." in texts
    )
    assert any(t.startswith(f'Domain D2 "{dom_name}": only 0 of 2 ') for t in texts)
    objectives = [t for t in texts if t.startswith("Objective ")]
    assert objectives == [t for t in texts if "GCM" in t.split(":")[0]]
    expected_objectives = set(
        card.objectives.index[card.objectives["status"] == "insufficient data"]
    )
    assert {t.split()[1] for t in objectives} == expected_objectives
    assert "GCM03" in expected_objectives
    in_file = coverage[0].with_location(file="q.xlsx")
    assert str(in_file).startswith("[q.xlsx] ")


def test_targets_mapping_and_gap(tiny_assessment: Assessment) -> None:
    card = score(tiny_assessment, targets={"D2": 40})
    assert card.domains.loc["D2", "target"] == 40.0
    assert card.domains.loc["D2", "gap"] == 15.0
    assert card.subdomains.loc["D2.1", "target"] == 40.0


def test_targets_csv(tiny_assessment: Assessment, tmp_path) -> None:
    path = tmp_path / "targets.csv"
    path.write_text("domain,target\nD1,90\n", encoding="utf-8")
    card = score(tiny_assessment, targets=path)
    assert card.domains["target"].tolist() == [90.0, 100.0]
    assert card.provenance()["settings"]["targets_file"] == str(path)


def test_notes_steps_provenance(tiny_assessment: Assessment) -> None:
    card = score(tiny_assessment)
    assert card.notes[0] == NOT_A_RANKING
    assert "not a ranking" in type(card).overall.__doc__
    steps = [s["step"] for s in card.steps]
    assert steps[:5] == [
        "1 framework",
        "2 missing data",
        "3 normalisation",
        "4 weighting",
        "5 aggregation",
    ]
    prov = card.provenance()
    assert prov["scheme"] == "mgi-default"
    assert prov["instrument"] == "tiny"
    assert len(prov["scheme_sha256"]) == 64
    assert prov["settings"]["secondary_weight"] == 0.5
    assert "tool_version" in prov
    assert len(card.steps_frame()) == len(card.steps)


def test_tables_are_copies(tiny_assessment: Assessment) -> None:
    card = score(tiny_assessment)
    table = card.domains
    table.loc["D1", "score"] = -1
    assert card.domains.loc["D1", "score"] != -1
    with pytest.raises(AttributeError):
        card.notes = ()  # type: ignore[misc]


def test_unequal_subdomain_weights_in_scheme(tiny_assessment: Assessment, tmp_path) -> None:
    """With D1.1 weighted 3 and D1.2 weighted 1: D1 = (3 · 83.33 + 75) / 4 = 81.25 → "Meets"."""
    from mgi.scoring.scheme import resolve_scheme_path

    text = resolve_scheme_path("mgi-default").read_text(encoding="utf-8")
    text = text.replace("subdomain_weights = {}", 'subdomain_weights = { "D1.1" = 3.0 }')
    path = tmp_path / "weighted.toml"
    path.write_text(text, encoding="utf-8")
    card = score(tiny_assessment, path)
    assert card.domains.loc["D1", "score"] == pytest.approx(81.25)
    assert card.domains.loc["D1", "band"] == "Meets"


def test_mgi_national_scores_every_domain() -> None:
    from mgi.instrument import load_instrument

    inst = load_instrument("mgi-national")
    answers = {code: "Partially present" for code in inst.indicators.index}
    answers |= {c: "Yes" for c, s in inst.indicators["scale"].items() if s == "yes_no"}
    card = score(Assessment.from_answers(inst, answers, META))
    assert (card.domains["status"] == "scored").all()
    assert card.objectives["score"].notna().sum() >= 1
    assert card.domains["score"].between(0, 100).all()


@pytest.mark.parametrize("scale", [1.0, 0.5, 0.3, 1 / 3])
def test_group_sums_are_those_of_pandas_groupby(scale: float) -> None:
    """The engine's group sums (numpy fast path for exact sums, pandas otherwise) equal
    ``groupby().sum()`` bit for bit, so the last digit of a rounded score never moves."""
    import numpy as np
    import pandas as pd

    from mgi.scoring.engine import _group_sums

    rng = np.random.default_rng(7)
    for size in (0, 1, 7, 40, 200):
        keys = rng.choice(np.array(["G1", "G2", "G3", "G9"], dtype=object), size)
        keys = np.sort(keys) if size % 2 else keys  # sorted and unsorted group keys
        weight = rng.choice([0.0, 0.5, 1.0, 2.0], size) * scale
        weighted = weight * rng.choice([0.0, 0.5, 1.0, 0.66666666667], size)
        index = pd.Index(["G1", "G2", "G3", "G4"])
        expected = (
            pd.DataFrame({"w": weight, "wv": weighted, "key": keys})
            .groupby("key")[["w", "wv"]]
            .sum()
            .reindex(index, fill_value=0.0)
        )
        w_sum, wv_sum = _group_sums(weight, weighted, keys, index)
        assert w_sum.tolist() == expected["w"].tolist()
        assert wv_sum.tolist() == expected["wv"].tolist()


def test_default_scheme_comes_from_the_instrument() -> None:
    """The SDG 10.7.2 module is scored with the official rule unless told otherwise; the
    MGI-structured questionnaire with mgi-default."""
    from mgi.assessment import Assessment
    from mgi.instrument import load_instrument
    from mgi.scoring import score

    for name, expected in (("sdg-10-7-2", "sdg-10-7-2"), ("mgi-national", "mgi-default")):
        inst = load_instrument(name)
        answers = {
            code: "yes" if scale != "presence" else "Fully present"
            for code, scale in inst.indicators["scale"].items()
        }
        if name == "sdg-10-7-2":
            answers = {c: "No" for c in inst.indicators.index}
        card = score(Assessment.from_answers(inst, answers, {"country": "X", "round": "2024"}))
        assert card.scheme.name == expected


def test_one_step_range_hand_worked(tiny_assessment: Assessment) -> None:
    """GCM01 of the tiny instrument: D1.1.1 (primary, w 2, full), D1.2.1 (primary, w 1, no) and
    D2.1.1 (secondary 0.5, w 1, absent): Σω = 3.5, score = 2 / 3.5 × 100, gap = 42.857.
    One step up: D1.2.1 no → yes moves the score by 100 × 1 × 1 / 3.5 = 28.571 (D2.1.1 absent →
    partial only 7.143); one step down: D1.1.1 full → partial, 100 × 2 × 0.5 / 3.5 = 28.571."""
    gcm01 = score(tiny_assessment).objectives.loc["GCM01"]
    assert gcm01["gap"] == pytest.approx(300 / 7)
    assert gcm01["gap_low"] == pytest.approx(300 / 7 - 200 / 7)
    assert gcm01["gap_high"] == pytest.approx(300 / 7 + 200 / 7)
    assert (int(gcm01["links"]), bool(gcm01["few_links"])) == (3, True)


def test_one_step_range_is_empty_at_the_ends_of_the_scale(tiny) -> None:
    everything = {
        c: "Fully present" if s == "presence" else "Yes"
        for c, s in tiny.indicators["scale"].items()
    }
    objectives = score(Assessment.from_answers(tiny, everything, META)).objectives
    scored = objectives[objectives["status"] == "scored"]
    assert (scored["gap_low"] == scored["gap"]).all()  # nothing can move up
    assert (scored["gap_high"] > scored["gap"]).all()


def test_min_links_comes_from_the_scheme(tiny_assessment: Assessment, tmp_path) -> None:
    from mgi.scoring import load_scheme

    text = load_scheme("mgi-default").path.read_text(encoding="utf-8")
    custom = tmp_path / "few.toml"
    custom.write_text(text.replace("min_links = 5", "min_links = 1"), encoding="utf-8")
    objectives = score(tiny_assessment, custom).objectives
    assert (objectives["few_links"] == (objectives["links"] == 0)).all()
    assert score(tiny_assessment).objectives["few_links"].all()  # default 5: the tiny ones have 0-3


def test_cross_cutting_blocks_are_scored_apart_from_the_objectives() -> None:
    from mgi.instrument import load_instrument

    inst = load_instrument("mgi-national")
    machinery = ["D2.1.1", "D2.1.2", "D3.2.1", "D3.2.2"]
    answers = {
        c: "Fully present" if s == "presence" else "Yes"
        for c, s in inst.indicators["scale"].items()
    }
    answers |= {code: "Absent" if inst.scale_of(code) == "presence" else "No" for code in machinery}
    card = score(Assessment.from_answers(inst, answers, META))
    wga = card.cross_cutting.loc["WGA"]
    assert wga["score"] < 100 and set(machinery) <= set(wga["indicators"].split(", "))
    # the machinery lowers no objective: every objective is fully met
    assert (card.objectives["score"] == 100).all()
    assert card.cross_cutting.loc["WSA", "score"] == 100


def _with_weights(folder, weights: dict[str, str]):
    """The tiny instrument with other indicator weights (code → weight as written)."""
    from mgi.instrument import load_instrument

    from .conftest import write_tiny

    write_tiny(folder)
    path = folder / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [lines[0]] + [
        ",".join([*line.split(",")[:-1], weights.get(line.split(",")[0], line.split(",")[-1])])
        for line in lines[1:]
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return load_instrument(folder)


def _scores(card) -> list[float]:
    return [
        *card.subdomains["score"],
        *card.domains["score"],
        *card.objectives["score"].dropna(),
        card.overall,
    ]


@pytest.mark.parametrize("weight", ["1e308", "3", "1e-300", "0.1"])
def test_equal_indicator_weights_of_any_size_score_like_weight_1(weight: str, tmp_path) -> None:
    """Weights are relative: every weight 1e308 (or 3, or 1e-300) gives exactly the scores of
    every weight 1 (no overflow, no underflow, not one bit different)."""
    codes = list(ANSWERS)
    ones = _with_weights(tmp_path / "ones", dict.fromkeys(codes, "1"))
    scaled = _with_weights(tmp_path / "scaled", dict.fromkeys(codes, weight))
    expected = _scores(score(Assessment.from_answers(ones, ANSWERS, META)))
    assert _scores(score(Assessment.from_answers(scaled, ANSWERS, META))) == expected
    assert not any(s != s for s in expected[:6])  # every group scored (no NaN)


def test_unequal_weights_scaled_together_keep_their_scores(tiny_assessment, tmp_path) -> None:
    """The tiny weights (2, 1, 1, 1, 3, 1, 1) × 1e307 give the hand-worked scores."""
    big = {c: f"{w}e307" for c, w in zip(ANSWERS, (2, 1, 1, 1, 3, 1, 1), strict=True)}
    scaled = _with_weights(tmp_path / "big", big)
    card = score(Assessment.from_answers(scaled, ANSWERS, META))
    assert _scores(card) == pytest.approx(_scores(score(tiny_assessment)), rel=1e-12)
    assert card.subdomains.loc["D1.1", "score"] == pytest.approx(250 / 3)


def _strict_scheme(tmp_path) -> object:
    from mgi.scoring.scheme import resolve_scheme_path

    text = resolve_scheme_path("mgi-default").read_text(encoding="utf-8")
    path = tmp_path / "strict.toml"
    path.write_text(
        text.replace("evidence_required = false", "evidence_required = true"), encoding="utf-8"
    )
    return path


def test_a_scheme_that_requires_evidence_refuses_answers_without_it(tiny, tmp_path) -> None:
    """Issue 13: missing evidence is a warning, an error where the scheme requires evidence."""
    from mgi.workbook import read_assessment, write_template

    answers = {code: {"answer": label, "evidence": "Law 1/2020"} for code, label in ANSWERS.items()}
    answers["D1.1.2"] = {"answer": "Partially present"}  # in place, no evidence
    answers["D1.1.3"] = {"answer": "Not applicable"}  # no reason
    path = write_template(tiny, tmp_path / "q.xlsx", answers=answers, metadata=META)
    assessment = read_assessment(path, tiny)
    rules = sorted(i.rule for i in assessment.issues)
    assert rules == ["answer.no_evidence", "answer.no_reason"]
    assert score(assessment).domains.loc["D1", "score"] > 0  # warnings do not stop scoring
    with pytest.raises(ScoringError) as info:
        score(assessment, _strict_scheme(tmp_path))
    assert info.value.rule == "score.evidence_required"
    lacking = [(i.rule, i.indicator, i.severity) for i in info.value.issues]
    assert lacking == [
        ("answer.no_evidence", "D1.1.2", "error"),
        ("answer.no_reason", "D1.1.3", "error"),
    ]


def test_implementation_is_carried_and_never_scored(tiny) -> None:
    plain = score(Assessment.from_answers(tiny, ANSWERS, META))
    levels = {code: "Not implemented" for code in ANSWERS} | {"D1.1.1": "Implemented"}
    recorded = score(Assessment.from_answers(tiny, ANSWERS, META, implementation=levels))
    ind = recorded.indicators
    assert ind.loc["D1.1.1", "implementation"] == "Implemented"
    assert ind.loc["D2.1.1", "implementation"] == "Not implemented"
    assert list(ind.columns).index("implementation") == list(ind.columns).index("comment") + 1
    assert set(plain.indicators["implementation"]) == {""}
    for level in ("subdomains", "domains", "objectives"):
        assert getattr(recorded, level)["score"].equals(getattr(plain, level)["score"])
    assert recorded.overall == plain.overall
