"""The package is type-checked: mypy finds no error in ``mgi/`` (its settings are the
``[tool.mypy]`` section of pyproject.toml), and the names a package imports only on first use
are the ones it declares to type checkers."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The packages that import their public names on first use (a module ``__getattr__``).
LAZY_PACKAGES = ("mgi", "mgi.plan", "mgi.reports", "mgi.scoring", "mgi.workbook")


def test_mypy_finds_no_error() -> None:
    """mypy keeps its cache in ``.mypy_cache/`` (ignored by git): 6 to 12 s the first time on
    two busy cores, under a second when little changed."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _declared(package: str) -> dict[str, str]:
    """The names imported under ``if TYPE_CHECKING:`` in a package's ``__init__.py``, with the
    module each comes from."""
    module = importlib.import_module(package)
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                for alias in statement.names:
                    assert alias.asname == alias.name, "re-export as `import x as x`"
                    found[alias.name] = str(statement.module)
    return found


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_lazy_names_are_declared_to_type_checkers(package: str) -> None:
    """Every name of ``_EXPORTS`` (and of ``mgi._PACKAGES``) is imported for type checkers, from
    a module that holds what the package hands out at run time (the same object, or an equal
    one where the module builds it on each use, as ``mgi.reports.CAPTIONS``)."""
    module = importlib.import_module(package)
    declared = _declared(package)
    expected = set(module._EXPORTS) | set(getattr(module, "_PACKAGES", ()))
    assert set(declared) == expected
    for name, source in declared.items():
        assert getattr(importlib.import_module(source), name) == getattr(module, name), name
