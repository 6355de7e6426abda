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
    assert table.loc["resource_need", "direction"] == "cost"
    assert table.loc["partner_support", "direction"] == "cost"
    assert table["default_weight"].sum() == pytest.approx(1.0)
    assert len(profile.consultation.groups) == 8
    assert [c.code for c in profile.expert_criteria()] == [
        "feasibility",
        "resource_need",
        "alignment",
        "partner_support",
    ]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('direction = "cost"', 'direction = "costly"', "criteria.3.direction"),
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
    assert profile.default_weights().tolist() == pytest.approx([1 / 6] * 6)
    assert profile.criteria_table()["default_weight"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('primary = "wsm"', 'primary = "electre"', "methods.primary"),
        ('run = ["wsm", "topsis"', 'run = ["wsm", "saw"', "methods.run"),
        (
            'wsm_normalization = "minmax"',
            'wsm_normalization = "zscore"',
            "methods.wsm_normalization",
        ),
        (
            'topsis_normalization = "vector"',
            'topsis_normaliztion = "vector"',
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
    assert declared == {"wsm_normalization", "topsis_normalization", "vikor_v"}
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
