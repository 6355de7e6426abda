"""The session database: versioned schema, migrations, refusals, every revision kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mgi.errors import InputError
from mgi.session.store import APPLICATION_ID, SCHEMA_VERSION, RoundClosedError, SessionStore


def test_new_database_carries_the_schema_version(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db")
    assert store.schema_version == SCHEMA_VERSION >= 1
    store.close()
    again = SessionStore(tmp_path / "s.db")
    assert again.schema_version == SCHEMA_VERSION


def test_a_database_of_a_newer_mgi_is_refused_never_reset(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = SessionStore(path)
    store.add_participant("Ana")
    store.close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(InputError, match="newer mgi"):
        SessionStore(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT name FROM participants").fetchall() == [("Ana",)]


def test_other_files_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="not an mgi session database"):
        SessionStore(other)
    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just text " * 40)
    with pytest.raises(InputError, match="not an mgi session database"):
        SessionStore(text)


def test_an_unversioned_session_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    store = SessionStore(path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.participants() == []


def test_every_revision_is_kept_and_closing_freezes(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db")
    store.initialise({"inputs": {}})
    ana = store.add_participant("Ana", "MoI")
    store.submit(ana.id, "points", {"gap": 1})
    store.submit(ana.id, "points", {"gap": 2})
    assert [s.revision for s in store.all_submissions()] == [1, 2]
    assert store.latest_submission(ana.id).values == {"gap": 2}  # type: ignore[union-attr]
    store.close_round("Chair", {"weights": {"gap": 1.0}})
    with pytest.raises(RoundClosedError):
        store.submit(ana.id, "points", {"gap": 3})
    assert len(store.all_submissions()) == 2
    store.open_round()
    assert store.latest_submissions() == []
    assert len(store.rounds()) == 2


def test_a_session_is_initialised_once(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db")
    tokens = store.initialise({"inputs": {}})
    with pytest.raises(InputError):
        store.initialise({"inputs": {}})
    assert store.get_meta("tokens") == tokens
