"""No English sentence of the catalogues in an Albanian output: ``mgi demo --lang sq``, every file.

The shared Albanian demo run (``demo_sq_output`` in ``tests/conftest.py``) writes the workbooks,
the charts, the HTML report, the Word annex, the action plan and its report; every text a person
reads in them (workbook cells, sheet names and drop-down messages, Word text, HTML text, SVG
text) and the terminal output are searched for the English texts of ``messages.pot`` (see
:mod:`tests.i18n.leaks`): a leak is a catalogue text shown in English where the Albanian
catalogue has its translation. Names the terminology table keeps in both languages (MGI, TOPSIS),
codes and what people typed are not leaks.

``leaks_to_fix.csv`` lists, with their owner, the English texts still written by parts being
translated elsewhere (chart texts, the report's and annex's sentences, the consistency hint of
the prioritisation). It is checked both ways: a leak that is not on the list fails, and so does
a listed leak that no longer happens, so the list only ever shrinks; the checks pass without
the list once every part is translated.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from fnmatch import fnmatch
from pathlib import Path

import pytest

from tests.i18n.leaks import Leak, find_leaks, texts_of

#: The kinds of files a person reads, by suffix.
READ = (".xlsx", ".docx", ".html", ".svg")
#: English texts still written by parts being translated elsewhere: file pattern, key, owner.
TO_FIX = Path(__file__).with_name("leaks_to_fix.csv")


def _to_fix() -> list[dict[str, str]]:
    with TO_FIX.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _listed(leak: Leak, rows: list[dict[str, str]]) -> bool:
    return any(fnmatch(leak.file, r["file"]) and leak.key == r["key"] for r in rows)


def _check(leaks: list[Leak], pattern: str) -> None:
    """No leak but those listed in :data:`TO_FIX` for files matching ``pattern``, and every
    listed one still happens (a fixed leak is taken off the list)."""
    rows = [r for r in _to_fix() if fnmatch(r["file"], pattern) or fnmatch(pattern, r["file"])]
    new = [leak for leak in leaks if not _listed(leak, rows)]
    assert not new, "English texts in the Albanian outputs:\n" + _report(new)
    fixed = [
        r for r in rows if not any(fnmatch(x.file, r["file"]) and x.key == r["key"] for x in leaks)
    ]
    assert not fixed, f"These no longer leak: delete their rows from {TO_FIX.name}:\n" + "\n".join(
        f"{r['file']},{r['key']}" for r in fixed
    )


def _report(leaks: list[Leak]) -> str:
    """Every leak once per file and catalogue key, grouped by file."""
    by_file: dict[str, dict[str, Leak]] = defaultdict(dict)
    for leak in leaks:
        by_file[leak.file].setdefault(leak.key, leak)
    lines = []
    for name, found in sorted(by_file.items()):
        lines.append(f"{name}: {len(found)} English text(s)")
        lines += [
            f"  {leak.key}: {leak.english!r} in {leak.where[:120]!r}" for leak in found.values()
        ]
    return "\n".join(lines)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in READ)


def test_the_albanian_demo_ran(demo_sq_output) -> None:
    files = {p.relative_to(demo_sq_output.folder).as_posix() for p in demo_sq_output.files()}
    expected = {
        "report/results.xlsx",
        "report/report.html",
        "report/strategy-annex.docx",
        "report/charts/priority-ranking.svg",
        "priorities.xlsx",
        "scores-2023.xlsx",
        "action-plan.xlsx",
    }
    assert expected <= files
    recipe = (demo_sq_output.folder / "recipe.toml").read_text(encoding="utf-8")
    assert 'lang = "sq"' in recipe  # the language is recorded with the run


def test_no_english_in_the_terminal(demo_sq_output) -> None:
    lines = (demo_sq_output.stdout + demo_sq_output.stderr).splitlines()
    leaks = find_leaks("terminal", lines)
    assert not leaks, _report(leaks)


def test_the_list_of_leaks_to_fix_names_owners_and_keys() -> None:
    from mgi.i18n import has_text

    rows = _to_fix()
    assert all(r["owner"] and has_text(r["key"]) for r in rows)
    assert len({(r["file"], r["key"]) for r in rows}) == len(rows)


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param("*.xlsx", id="workbooks"),
        pytest.param("report/charts/*.svg", id="charts"),
        pytest.param("*.html", id="html"),
        pytest.param("*.docx", id="word"),
    ],
)
def test_no_english_in_the_files(demo_sq_output, pattern: str) -> None:
    leaks: list[Leak] = []
    files = [
        p
        for p in _files(demo_sq_output.folder)
        if fnmatch(p.relative_to(demo_sq_output.folder).as_posix(), pattern)
    ]
    assert files, pattern
    for path in files:
        name = path.relative_to(demo_sq_output.folder).as_posix()
        leaks += find_leaks(name, texts_of(path))
    _check(leaks, pattern)


def test_a_leak_is_found() -> None:
    """The check itself: an English sentence, header or sheet name is found; Albanian text,
    codes and the names kept in both languages are not."""
    found = find_leaks(
        "example",
        [
            "Rezultati 57,3. The MGI is not a ranking of countries; scores are derived analytics.",
            "Gap to target (points)",
            "Domains",
            "Hendeku nga synimi (pikë)",
            "GCM07",
            "TOPSIS",
            "domains",  # a code (a setting's value), not words
        ],
    )
    assert [leak.key for leak in found] == [
        "notice.not_a_ranking_short",
        "chart.axis.gap",  # a chart's axis title, the same words as the header field.gap
        "sheet.domains",
    ]
