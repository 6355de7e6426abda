"""Fixtures of the i18n tests: a copy of the catalogues a test may break, and a toy language."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mgi.i18n import Store
from mgi.i18n._store import bundled_root


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A copy of data/i18n that a test may edit; read it with ``Store(path)``."""
    target = tmp_path / "i18n"
    shutil.copytree(bundled_root(), target)
    return target


def fill_language(folder: Path, prefix: str) -> None:
    """Translate every entry and content cell of a language folder made by ``mgi.i18n new``.

    Each text becomes ``prefix + English`` with its placeholders kept, as a translator would.
    """
    from babel.messages.pofile import read_po, write_po

    po = folder / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            message.string = tuple(prefix + message.id[-1] for _ in message.string)
        else:
            message.string = prefix + message.id
    with po.open("wb") as handle:
        write_po(handle, catalog)
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows:
            continue
        header = list(rows[0])
        for row in rows:
            for column in header:
                if row.get(f"{column}_en"):
                    row[column] = prefix + row[f"{column}_en"]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


@pytest.fixture(scope="session")
def toy_language(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    """A folder holding a complete Italian language folder ``it/``, written as data only."""
    from mgi.i18n.__main__ import main

    base = tmp_path_factory.mktemp("languages")
    assert main(["new", "it", "--locale", "it_IT", "--into", str(base)]) == 0
    fill_language(base / "it", "[it] ")

    def get() -> Path:
        return base

    return get


@pytest.fixture
def toy_store(toy_language: Callable[[], Path]) -> Store:
    """The bundled catalogues plus the toy Italian folder."""
    return Store(bundled_root(), (toy_language(),))
