"""Tests of mgi.priorities.profile: the bundled profile, and precise errors for broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi._resources import bundled_dir
from mgi.errors import DataFileError
from mgi.priorities import list_profiles, load_profile


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (bundled_dir("prioritization") / "gcm-default.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "profile.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_bundled_profile() -> None:
    assert "gcm-default" in list_profiles()
    profile = load_profile()
    table = profile.criteria_table()
    assert profile.version == "2.0.0"
    assert table.loc["resource_need", "direction"] == "cost"
    assert table.loc["partner_funding", "direction"] == "benefit"  # partner money enables
    assert table["default_weight"].sum() == pytest.approx(1.0)
    assert [c.code for c in profile.expert_criteria()] == [
        "feasibility",
        "resource_need",
        "policy_alignment",
        "eu_accession",
        "partner_funding",
    ]
    assert table.loc["gap", "scale"] == "0-100" and table.loc["eu_accession", "scale"] == "1-5"


def test_default_groups_include_the_institutions_and_returnees_apart() -> None:
    groups = load_profile().consultation.groups
    assert len(groups) == 14
    for group in ("Parliament", "Trade unions", "Media", "Local authorities", "Returnees"):
        assert group in groups
    assert "Immigrants" in groups and "Migrants" not in groups
    assert "Ombudsperson and human-rights institutions" in groups


def test_default_profile_ranks_on_the_declared_scales_and_asks_one_question_at_a_time() -> None:
    profile = load_profile()
    methods = profile.methods
    assert (methods.wsm_normalization, methods.topsis_normalization) == ("scale", "scale")
    assert (methods.topsis_ideal, methods.vikor_reference) == ("scale", "scale")
    assert profile.consultation.questions == ["relevance", "urgency"]
    assert profile.consultation.attributes == ["sex", "age_band", "country", "municipality"]
    assert profile.checks.noise_ratio == 2.0 and profile.checks.min_kendall_w == 0.3


def test_population_weighting_must_use_an_attribute_that_is_asked(tmp_path: Path) -> None:
    path = _broken(
        tmp_path,
        'attributes = ["sex", "age_band", "country", "municipality"]',
        'attributes = ["sex"]\n[consultation.population.Diaspora]\nattribute = "country"\n'
        "shares = { Germany = 1 }\n[consultation.x]",
    )
    with pytest.raises(DataFileError):
        load_profile(path)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('direction = "cost"', 'direction = "costly"', "criteria.3.direction"),
        ("scale = [0, 100]", "scale = [100, 0]", "criteria.0.scale"),
        ('questions = ["relevance", "urgency"]', 'questions = ["joy"]', "consultation.questions.0"),
        ('group_weights = "equal"', 'group_weights = "biggest"', "consultation.group_weights"),
        ("noise_ratio = 2.0", "noise_ratio = -1", "checks.noise_ratio"),
        ("weight = 30", "weight = -30", "criteria.0.weight"),
        ('source = "experts"', 'source = "survey"', "criteria.2.source"),
        ("vikor_v = 0.5", "vikor_v = 1.5", "methods.vikor_v"),
        ('preference = "linear"', 'preference = "step"', "criteria.0.preference"),
        ("samples = 100000", "samples = 10", "sensitivity.samples"),
    ],
)
def test_broken_setting_is_named(tmp_path: Path, old: str, new: str, where: str) -> None:
    with pytest.raises(DataFileError) as info:
        load_profile(_broken(tmp_path, old, new))
    columns = [i.column for i in info.value.issues]
    assert where in columns
    assert all(i.rule == "data.metadata" and i.file == "profile.toml" for i in info.value.issues)


def test_duplicate_criterion_code(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="repeated: gap"):
        load_profile(_broken(tmp_path, 'code = "stakeholders"', 'code = "gap"'))


def test_all_zero_weights(tmp_path: Path) -> None:
    path = tmp_path / "zero.toml"
    text = (bundled_dir("prioritization") / "gcm-default.toml").read_text(encoding="utf-8")
    import re

    path.write_text(re.sub(r"\nweight = \d+", "\nweight = 0", text), encoding="utf-8")
    with pytest.raises(DataFileError, match="at least one criterion weight"):
        load_profile(path)


def test_unknown_profile_name() -> None:
    with pytest.raises(DataFileError, match="gcm-default"):
        load_profile("no-such-profile")


def test_profile_weights_of_1e308_are_relative(tmp_path: Path) -> None:
    """Every weight 1e308: the default weights are equal, not zeros or an error without a file."""
    import re

    path = tmp_path / "huge.toml"
    text = (bundled_dir("prioritization") / "gcm-default.toml").read_text(encoding="utf-8")
    path.write_text(re.sub(r"\nweight = \d+", "\nweight = 1e308", text), encoding="utf-8")
    profile = load_profile(path)
    assert profile.default_weights().tolist() == pytest.approx([1 / 7] * 7)
    assert profile.criteria_table()["default_weight"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('primary = "wsm"', 'primary = "electre"', "methods.primary"),
        ('run = ["wsm", "topsis"', 'run = ["wsm", "saw"', "methods.run"),
        (
            'wsm_normalization = "scale"',
            'wsm_normalization = "zscore"',
            "methods.wsm_normalization",
        ),
        (
            'topsis_normalization = "scale"',
            'topsis_normaliztion = "scale"',
            "methods.topsis_normaliztion",
        ),
    ],
)
def test_method_names_and_settings_come_from_the_registry(
    tmp_path: Path, old: str, new: str, where: str
) -> None:
    """The [methods] table is checked against mgi.prioritization.METHODS: unknown methods,
    a setting value a method does not allow, a misspelt key."""
    with pytest.raises(DataFileError) as info:
        load_profile(_broken(tmp_path, old, new))
    assert where in [i.column for i in info.value.issues]


def test_profile_method_keys_are_the_registry_s() -> None:
    from mgi.prioritization import METHODS

    keys = set(load_profile().methods.model_dump())
    declared = {s.profile_key for m in METHODS.values() for s in m.settings if s.profile_key}
    assert declared == {
        "wsm_normalization",
        "topsis_normalization",
        "topsis_ideal",
        "vikor_v",
        "vikor_reference",
    }
    assert declared | {"run", "primary", "tie_rule", "missing_gap"} == keys


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("seed = 20240930", "seed = -1", "sensitivity.seed"),
        ('label = "Governance gap (MGI)"', 'label = "Governance\\u0007gap"', "criteria.0.label"),
        ('"Diaspora",', '"Dia\\u202espora",', "consultation.groups"),
    ],
)
def test_negative_seed_and_control_characters_are_named(
    tmp_path: Path, old: str, new: str, where: str
) -> None:
    """A seed numpy cannot take, and a control character that no workbook, chart or document
    can show, are refused at their place in the profile (not an internal error later)."""
    with pytest.raises(DataFileError) as info:
        load_profile(_broken(tmp_path, old, new))
    assert info.value.rule == "data.metadata"
    assert any(i.column.startswith(where) for i in info.value.issues), info.value.issues
