"""How the commands print many problems of one kind (mgi.cli._app.summarise_issues)."""

from __future__ import annotations

from mgi.catalogue import make_issue
from mgi.cli._app import MANY, SHOWN, summarise_issues


def _unmatched(count: int, file: str | None) -> list:
    return [
        make_issue(
            "compare.unmatched",
            indicator=f"D1.1.{n}",
            found=f"D1.1.{n}",
            side="later",
            instrument="mgi-national 2.0.0",
            file=file,
        )
        for n in range(count)
    ]


def test_many_problems_of_one_file_point_to_validate() -> None:
    shown = summarise_issues(_unmatched(MANY + 5, "q.xlsx"))
    assert [i.rule for i in shown[SHOWN:]] == ["issues.more_of_kind"]
    assert "mgi validate q.xlsx --issues-xlsx" in shown[-1].message


def test_many_problems_of_a_run_point_to_the_issues_sheet() -> None:
    """Problems of no one file (a comparison of two rounds) cannot be listed by validating a
    file: the line says where they all are."""
    shown = summarise_issues(_unmatched(MANY + 5, None))
    assert [i.rule for i in shown[SHOWN:]] == ["issues.more_of_kind_run"]
    assert f"{MANY + 5 - SHOWN} further problem(s)" in shown[-1].message
    assert "results.xlsx" in shown[-1].message and "validate" not in shown[-1].message


def test_the_program_runs_as_a_batch_job(monkeypatch) -> None:
    """``mgi`` (entry) collects garbage less often while it works and freezes what is left
    before the interpreter exits; the library's main keeps Python's settings."""
    import gc

    from mgi.cli import _app

    seen: list[int] = []
    before = gc.get_threshold()
    monkeypatch.setattr(_app, "main", lambda: seen.append(gc.get_threshold()[0]))
    try:
        _app.entry()
        assert seen == [_app.GC_THRESHOLD]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    assert entry_point() == "mgi.cli:entry"


def entry_point() -> str:
    """The console script of the package (pyproject.toml)."""
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    return tomllib.loads(pyproject.read_text("utf-8"))["project"]["scripts"]["mgi"]
