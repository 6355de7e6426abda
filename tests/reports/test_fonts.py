"""The chart font: an installed family with ë and ç, refused with a list of those that would do."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mgi._resources import bundled_dir
from mgi.cli import main
from mgi.errors import UsageError
from mgi.reports.fonts import has_letters, resolve_font, suitable_fonts


def test_installed_fonts_are_found_in_any_case() -> None:
    assert resolve_font(None) == "DejaVu Sans"
    assert resolve_font("dejavu SANS") == "DejaVu Sans"
    assert has_letters("DejaVu Sans")
    assert suitable_fonts()[0] == "DejaVu Sans"


def test_an_unknown_font_is_a_usage_error_that_names_fonts_that_would_do() -> None:
    with pytest.raises(UsageError, match="DejaVu Sans") as caught:
        resolve_font("No Such Font 12")
    assert caught.value.exit_code == 2


def test_report_refuses_an_unknown_font_before_any_work(tmp_path: Path) -> None:
    demo = bundled_dir("data") / "demo"
    out = tmp_path / "report"
    result = CliRunner().invoke(
        main,
        ["report", "--assessment", str(demo / "mgi-national-2023.xlsx"), "--font",
         "No Such Font 12", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert 'no font called "No Such Font 12"' in result.stderr
    assert not out.exists()


def test_the_recipe_records_the_font() -> None:
    from mgi.recipe import Recipe

    recipe = Recipe.model_validate({"settings": {"font": "  Liberation   Sans ", "lang": "SQ"}})
    assert recipe.settings.font == "Liberation Sans" and recipe.settings.lang == "sq"
    assert 'font = "Liberation Sans"' in recipe.to_toml(".")
    with pytest.raises(ValueError, match="is not available"):
        Recipe.model_validate({"settings": {"lang": "xx"}})
