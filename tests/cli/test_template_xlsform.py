"""``mgi template --format xlsform``: the XLSForm of the consultation or the questionnaire, in
the language of ``--lang`` first; other kinds have none."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from mgi.cli import main


def _settings(path: Path) -> dict[str, str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("settings").to_python()
    return dict(zip(rows[0], rows[1], strict=True))


def test_the_consultation_form_in_albanian_first(tmp_path: Path) -> None:
    out = tmp_path / "konsultimi.xlsx"
    args = ["template", "--kind", "consultation", "--format", "xlsform", "--lang", "sq"]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert "mgi_consultation_gcm-default" in result.stderr and "KoboToolbox" in result.stderr
    settings = _settings(out)
    assert (settings["default_language"], settings["version"]) == ("Shqip (sq)", "2.0.0-1")
    assert settings["form_title"].startswith("Konsultimi")
    again = CliRunner().invoke(main, [*args, "-o", str(out)])  # mgi's own file: replaced
    assert again.exit_code == 0, again.output


def test_the_questionnaire_form_names_its_instrument(tmp_path: Path) -> None:
    out = tmp_path / "sdg.xlsx"
    result = CliRunner().invoke(
        main,
        ["template", "--format", "xlsform", "--instrument", "sdg-10-7-2", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert _settings(out)["form_id"] == "mgi_questionnaire_sdg-10-7-2"


def test_other_kinds_have_no_form(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["template", "--kind", "weights", "--format", "xlsform", "-o", str(tmp_path / "w.xlsx")],
    )
    assert result.exit_code == 2
    assert "--kind consultation or --kind questionnaire" in result.stderr
    assert not (tmp_path / "w.xlsx").exists()
