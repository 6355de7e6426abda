"""Tests of scoring schemes as data: the bundled schemes, the band rule and one precise error
per broken setting (break one thing in a good scheme, expect one catalogue entry)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi.errors import DataFileError
from mgi.scoring import list_schemes, load_scheme, read_targets
from mgi.scoring.scheme import resolve_scheme_path

DEFAULT_TEXT = resolve_scheme_path("mgi-default").read_text(encoding="utf-8")
LABELS = ["Requires further progress", "Partially meets", "Meets", "Fully meets"]


def test_bundled_schemes_load() -> None:
    assert {"mgi-default", "sdg-10-7-2"} <= set(list_schemes())
    default = load_scheme("mgi-default")
    assert default.model.values["presence"] == {"full": 1.0, "partial": 0.5, "absent": 0.0}
    assert default.model.aggregation.domain == "subdomains"
    assert default.model.coverage.min_coverage == 0.5
    assert "10.7.2" in default.model.banding.source
    sdg = load_scheme("sdg-10-7-2")
    assert sdg.model.aggregation.domain == "indicators"
    assert sdg.model.aggregation.overall == "indicators"
    assert sdg.model.aggregation.indicator_weights == "equal"
    assert [b.label for b in sdg.model.banding.bands] == LABELS


@pytest.mark.parametrize("name", ["mgi-default", "sdg-10-7-2"])
@pytest.mark.parametrize(
    ("score", "label"),
    [
        (0, "Requires further progress"),
        (39.999, "Requires further progress"),
        (40, "Partially meets"),
        (79.999, "Partially meets"),
        (80, "Meets"),
        (4 / 5 * 100, "Meets"),  # 80.00000000000001 in floating point
        (0.8 * 100, "Meets"),
        (99.999, "Meets"),
        (100, "Fully meets"),
        (1 / 3 * 300, "Fully meets"),
    ],
)
def test_band_edges(name: str, score: float, label: str) -> None:
    """SDG 10.7.2 classification (UN SDG metadata, indicator 10.7.2): below 40 / 40 to below
    80 / 80 to below 100 / exactly 100, scores rounded to 9 decimals before banding."""
    assert load_scheme(name).band(score) == label


def test_band_of_float_noise_below_threshold() -> None:
    """79.9999999999 rounds (9 decimals) to 80.0: inside the stated tolerance it is 80."""
    scheme = load_scheme("sdg-10-7-2")
    assert scheme.band(80 - 1e-11) == "Meets"
    assert scheme.band(80 - 1e-6) == "Partially meets"
    assert scheme.band_labels([float("nan")]) == [""]


def test_load_by_path_and_unknown_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(DEFAULT_TEXT.replace('name = "mgi-default"', 'name = "mine"'), "utf-8")
    assert load_scheme(path).name == "mine"
    with pytest.raises(DataFileError, match="no bundled scoring scheme"):
        load_scheme("nonexistent-scheme")
    with pytest.raises(DataFileError) as info:
        load_scheme(tmp_path / "absent.toml")
    assert info.value.issues[0].rule == "data.file_missing"


def test_folder_is_not_a_scheme(tmp_path: Path) -> None:
    folder = tmp_path / "schemes"
    folder.mkdir()
    with pytest.raises(DataFileError, match=r"is a folder, not a \.toml file") as info:
        load_scheme(folder)
    assert info.value.rule == "data.is_directory"
    [issue] = info.value.issues
    assert (issue.rule, issue.severity, issue.file) == ("data.is_directory", "error", "schemes")
    assert issue.message.startswith(f"{folder} is a folder, not a file. Give the path of a ")
    assert "scoring scheme .toml file" in issue.message
    assert "mgi-default" in issue.message
    assert "does not exist" not in str(info.value)


def _broken(tmp_path: Path, old: str, new: str) -> DataFileError:
    assert old in DEFAULT_TEXT, old
    path = tmp_path / "broken.toml"
    path.write_text(DEFAULT_TEXT.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_scheme(path)
    return info.value


@pytest.mark.parametrize(
    ("old", "new", "setting"),
    [
        ('name = "mgi-default"', 'name = "Bad Name"', "name"),
        ('version = "1.1.0"', 'version = "one"', "version"),
        ("partial = 0.5", "partial = 1.5", "(file)"),
        ('indicator_weights = "instrument"', 'indicator_weights = "heavy"', "indicator_weights"),
        ('domain = "subdomains"', 'domain = "median"', "aggregation.domain"),
        ("subdomain_weights = {}", 'subdomain_weights = { "D1.1" = 0 }', "aggregation"),
        ("maximum = 100.0", "maximum = -1", "scores.maximum"),
        ("decimals = 9", "decimals = 40", "banding.decimals"),
        ("{ lower = 0.0,", "{ lower = 10.0,", "banding"),
        ("{ lower = 80.0,", "{ lower = 30.0,", "banding"),
        ('{ lower = 40.0, label = "Partially meets" }', "{ lower = 40.0 }", "label"),
        ("default = 100.0", "default = 120.0", "(file)"),
        ("min_coverage = 0.5", "min_coverage = 1.5", "coverage.min_coverage"),
        ("secondary_weight = 0.5", "secondary_weight = -0.5", "objectives.secondary_weight"),
        ("[coverage]", "[coverage]\nminimum = 3", "coverage.minimum"),
    ],
)
def test_one_error_per_broken_setting(tmp_path: Path, old: str, new: str, setting: str) -> None:
    error = _broken(tmp_path, old, new)
    assert len(error.issues) == 1, [str(i) for i in error.issues]
    issue = error.issues[0]
    assert issue.rule == "data.metadata"
    assert issue.file == "broken.toml"
    assert setting in (issue.column or "")


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    text = DEFAULT_TEXT.replace("min_coverage = 0.5", "min_coverage = 2").replace(
        "secondary_weight = 0.5", "secondary_weight = 7"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_scheme(path)
    assert len(info.value.issues) == 2


def test_toml_syntax_error(tmp_path: Path) -> None:
    error = _broken(tmp_path, "[aggregation]", "[aggregation")
    assert error.issues[0].rule == "data.unreadable"


def test_scale_not_in_scheme(tiny, tmp_path: Path) -> None:
    path = tmp_path / "no-yes-no.toml"
    path.write_text(DEFAULT_TEXT.replace("[values.yes_no]\nyes = 1.0\nno = 0.0\n", ""), "utf-8")
    with pytest.raises(DataFileError) as info:
        load_scheme(path).option_values(tiny)
    assert [i.rule for i in info.value.issues] == ["score.scale_not_in_scheme"]


def test_scheme_option_checks(tiny, tmp_path: Path) -> None:
    text = DEFAULT_TEXT.replace("partial = 0.5\n", "").replace(
        "no = 0.0\n", "no = 0.0\nna = 0\n", 1
    )
    path = tmp_path / "options.toml"
    path.write_text(text, encoding="utf-8")
    issues = load_scheme(path).check_against(tiny)
    found = sorted((i.rule, i.column) for i in issues)
    assert found == [
        ("data.missing_column", "values.presence.partial"),
        ("data.unknown_reference", "values.yes_no"),
    ]


def test_unknown_domain_target_in_scheme(tiny, tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    path.write_text(DEFAULT_TEXT.replace("domains = {}", 'domains = { "D9" = 50.0 }'), "utf-8")
    issues = load_scheme(path).check_against(tiny)
    assert [(i.rule, i.found) for i in issues] == [("data.unknown_reference", "D9")]


def test_read_targets_errors(tiny, tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    path.write_text("domain,target\nD1,80\nD9,50\nD2,high\nD1,70\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_targets(path, tiny, 100.0)
    rows = [(i.rule, i.row) for i in info.value.issues]
    assert rows == [
        ("data.unknown_reference", 3),
        ("data.bad_number", 4),
        ("data.duplicate_code", 5),
    ]
    path.write_text("domain,target\nD1,180\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_targets(path, tiny, 100.0)
    assert info.value.issues[0].rule == "data.out_of_range"
    path.write_text("domain,goal\nD1,80\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_targets(path, tiny, 100.0)
    assert info.value.issues[0].rule == "data.missing_column"


def test_evidence_is_not_required_by_default_and_can_be(tmp_path: Path) -> None:
    assert not load_scheme("mgi-default").evidence_required
    assert not load_scheme("sdg-10-7-2").evidence_required  # the setting left out
    strict = tmp_path / "strict.toml"
    strict.write_text(
        DEFAULT_TEXT.replace("evidence_required = false", "evidence_required = true"),
        encoding="utf-8",
    )
    assert load_scheme(strict).evidence_required
    strict.write_text(
        DEFAULT_TEXT.replace("evidence_required = false", 'evidence_required = "maybe"'),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_scheme(strict)
    assert info.value.issues[0].column == "answers.evidence_required"


def test_loading_a_scheme_imports_neither_numpy_nor_pandas() -> None:
    """``mgi validate`` loads the scheme to know whether evidence is required (issue 20)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from mgi.scoring.scheme import load_scheme\n"
        "load_scheme('mgi-default')\n"
        "print('numpy' in sys.modules, 'pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_verbs_stay_verbs_however_the_modules_are_imported() -> None:
    import subprocess
    import sys

    code = (
        "import mgi.scoring.compare\n"
        "from mgi.scoring import compare, score\n"
        "print(callable(compare), type(compare).__name__, callable(score))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "function", "True"]
