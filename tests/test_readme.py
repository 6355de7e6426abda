"""The examples in the README and in docs/ run (doctest), so they cannot rot."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_examples_in_docs_run(path: Path) -> None:
    result = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
    )
    assert result.failed == 0


def test_module_doctests() -> None:
    import importlib
    import pkgutil

    import mgi

    failed = 0
    for info in pkgutil.walk_packages(mgi.__path__, "mgi."):
        if info.name.startswith("mgi.cli") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        failed += doctest.testmod(
            module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
        ).failed
    assert failed == 0
