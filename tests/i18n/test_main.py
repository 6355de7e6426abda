"""python -m mgi.i18n: the translator's check and the start of a new language."""

from __future__ import annotations

from mgi.i18n.__main__ import main


def test_check_passes_on_the_bundled_catalogues(capsys) -> None:
    assert main(["check"]) == 0
    assert "0 problem(s)." in capsys.readouterr().err


def test_new_refuses_an_existing_folder(tmp_path, capsys) -> None:
    (tmp_path / "it").mkdir()
    assert main(["new", "it", "--into", str(tmp_path)]) == 2
    assert "exists already" in capsys.readouterr().err


def test_new_refuses_an_unknown_locale(tmp_path, capsys) -> None:
    assert main(["new", "xx", "--locale", "xx_YY", "--into", str(tmp_path)]) == 2


def test_every_rule_has_its_words_and_every_entry_its_rule(capsys) -> None:
    assert main(["check", "--drift"]) == 0
    assert "0 problem(s)." in capsys.readouterr().err


def test_drift_from_the_problem_catalogue_is_found(catalogue_copy) -> None:
    from mgi.i18n import Store
    from mgi.i18n.checks import catalogue_drift

    pot = catalogue_copy / "messages.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8").replace(
            'msgctxt "issue.answer.missing.text"', 'msgctxt "issue.answer.unanswered.text"'
        ),
        encoding="utf-8",
    )
    found = [p.message for p in catalogue_drift(Store(catalogue_copy))]
    assert len(found) == 2
    assert found[0].startswith("the rule answer.missing of mgi/catalogue.py has no text")
    assert found[1] == '"issue.answer.unanswered.text" names no rule of mgi/catalogue.py.'
