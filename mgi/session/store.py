"""The session's state in one SQLite file: nothing confirmed is ever lost.

Every write is one transaction committed (``synchronous=FULL`` in WAL mode) before the function
returns, so a page that says "saved" says so only after the database has it on disk; a server
killed at any moment and started again on the same file continues with every confirmed
submission. Nothing is ever updated in place: a revision of a submission, a decision or a round
is a new row, so the full record (who submitted what, when, and every revision) can be exported.

The schema carries its version in ``PRAGMA user_version`` and is migrated step by step
(:data:`MIGRATIONS`); a file written by a newer mgi, or one that is not a session database, is
refused with a clear message, never reset.
"""

from __future__ import annotations

import datetime as _dt
import json
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgi.errors import InputError

#: The application id written into the file header: a session database, not any SQLite file.
APPLICATION_ID = 0x4D474953  # "MGIS"

#: The decisions the working group can record for an objective.
DECISIONS = ("include", "include_cross_cutting", "defer", "exclude")


def _v1(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            grp TEXT NOT NULL DEFAULT '',
            joined_at TEXT NOT NULL
        );
        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            opened_at TEXT NOT NULL,
            closed_at TEXT,
            closed_by TEXT,
            frozen TEXT
        );
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            revision INTEGER NOT NULL,
            mode TEXT NOT NULL,
            payload TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            UNIQUE (participant_id, round_id, revision)
        );
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            objective TEXT NOT NULL,
            decision TEXT NOT NULL,
            rationale TEXT NOT NULL,
            votes_for INTEGER NOT NULL,
            votes_against INTEGER NOT NULL,
            votes_abstain INTEGER NOT NULL,
            author TEXT NOT NULL,
            decided_at TEXT NOT NULL
        );
        """,
    )


def _script(db: sqlite3.Connection, script: str) -> None:
    """Run the statements of a script inside the current transaction (``executescript`` would
    commit it first)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


#: Schema migrations: entry ``n`` brings a database from version ``n`` to ``n + 1``.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1,)
#: The schema version this mgi writes.
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> str:
    """The current time in UTC, ISO 8601 to the millisecond (sorts as text)."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Participant:
    """A member of the working group who joined the session."""

    id: int
    token: str
    name: str
    group: str
    joined_at: str


@dataclass(frozen=True)
class Submission:
    """One revision of a participant's weights in a round."""

    id: int
    participant_id: int
    participant: str
    group: str
    round_id: int
    revision: int
    mode: str
    values: Mapping[str, Any]
    submitted_at: str


@dataclass(frozen=True)
class Decision:
    """One recorded decision on an objective (the latest one per objective counts)."""

    id: int
    objective: str
    decision: str
    rationale: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    author: str
    decided_at: str


@dataclass(frozen=True)
class Round:
    """A round of weight collection; closing it freezes its submissions."""

    id: int
    opened_at: str
    closed_at: str | None
    closed_by: str | None
    frozen: Mapping[str, Any] | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class SessionStore:
    """The SQLite state of one session (thread-safe; one connection behind a lock).

    Parameters
    ----------
    path
        The database file; created (with the current schema) when missing.

    Raises
    ------
    InputError
        If the file is not a session database or was written by a newer mgi.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> store = SessionStore(pathlib.Path(tempfile.mkdtemp()) / "s.db")
    >>> store.schema_version == SCHEMA_VERSION
    True
    >>> tokens = store.initialise({"inputs": {}})
    >>> p = store.add_participant("Ana", "Ministry of Interior")
    >>> store.submit(p.id, "points", {"gap": 60, "stakeholders": 40}).revision
    1
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA busy_timeout = 10000")
            if fresh:
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            app = self._db.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{self.path} is not an mgi session database ({exc}). Give the file that "
                "'mgi session start --db' created, or a new file name to start a new session."
            ) from exc
        if app != APPLICATION_ID:
            raise InputError(
                f"{self.path} is an SQLite file but not an mgi session database; it was left "
                "as it is. Give a new file name to start a new session."
            )
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # -- schema ---------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._lock:
            version = self.schema_version
            if version > SCHEMA_VERSION:
                raise InputError(
                    f"{self.path} was written by a newer mgi (session schema version {version}; "
                    f"this mgi knows up to {SCHEMA_VERSION}). Update mgi to continue this "
                    "session; the file was left as it is."
                )
            for step in range(version, SCHEMA_VERSION):
                with self.transaction() as db:
                    MIGRATIONS[step](db)
                    db.execute(f"PRAGMA user_version = {step + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), rolled back on error."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- meta -----------------------------------------------------------------------------------
    def get_meta(self, key: str) -> Any:
        """A stored setting (JSON value), or None."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row["value"])

    def set_meta(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, sort_keys=True)),
            )

    def initialise(self, configuration: Mapping[str, Any]) -> dict[str, str]:
        """Store a new session's configuration, its secrets and its first round (once).

        Returns the tokens: ``facilitator``, ``join`` (the participants' shared link) and
        ``secret`` (signs the forms' protection against cross-site request forgery). Each is
        32 random bytes from the operating system's secure generator, so none can be guessed.
        """
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM meta WHERE key = 'tokens'").fetchone():
                raise InputError(f"{self.path} already holds a session.")
            tokens = {k: secrets.token_urlsafe(32) for k in ("facilitator", "join", "secret")}
            for key, value in (
                ("tokens", tokens),
                ("configuration", dict(configuration)),
                ("created_at", now()),
            ):
                db.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    (key, json.dumps(value, sort_keys=True)),
                )
            db.execute("INSERT INTO rounds (opened_at) VALUES (?)", (now(),))
        return tokens

    @property
    def is_initialised(self) -> bool:
        return self.get_meta("tokens") is not None

    # -- participants ---------------------------------------------------------------------------
    def add_participant(self, name: str, group: str = "") -> Participant:
        """Register a participant with a new private token."""
        token = secrets.token_urlsafe(32)
        joined = now()
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO participants (token, name, grp, joined_at) VALUES (?, ?, ?, ?)",
                (token, name, group, joined),
            )
            pid = int(cursor.lastrowid or 0)
        return Participant(pid, token, name, group, joined)

    def participant_by_token(self, token: str) -> Participant | None:
        row = self._db.execute("SELECT * FROM participants WHERE token = ?", (token,)).fetchone()
        return None if row is None else _participant(row)

    def participants(self) -> list[Participant]:
        rows = self._db.execute("SELECT * FROM participants ORDER BY id").fetchall()
        return [_participant(r) for r in rows]

    def name_taken(self, name: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM participants WHERE lower(name) = lower(?)", (name,)
        ).fetchone()
        return row is not None

    # -- rounds ---------------------------------------------------------------------------------
    def current_round(self) -> Round:
        row = self._db.execute("SELECT * FROM rounds ORDER BY id DESC LIMIT 1").fetchone()
        return _round(row)

    def rounds(self) -> list[Round]:
        return [_round(r) for r in self._db.execute("SELECT * FROM rounds ORDER BY id")]

    def close_round(self, by: str, frozen: Mapping[str, Any]) -> Round:
        """Close the open round; ``frozen`` records its group weights and inputs as they stood."""
        with self.transaction() as db:
            row = db.execute("SELECT * FROM rounds ORDER BY id DESC LIMIT 1").fetchone()
            if row["closed_at"] is None:
                db.execute(
                    "UPDATE rounds SET closed_at = ?, closed_by = ?, frozen = ? WHERE id = ?",
                    (now(), by, json.dumps(frozen, sort_keys=True), row["id"]),
                )
        return self.current_round()

    def open_round(self) -> Round:
        """Open a new round (the previous one must be closed); submissions start afresh."""
        with self.transaction() as db:
            row = db.execute("SELECT closed_at FROM rounds ORDER BY id DESC LIMIT 1").fetchone()
            if row["closed_at"] is not None:
                db.execute("INSERT INTO rounds (opened_at) VALUES (?)", (now(),))
        return self.current_round()

    # -- submissions ----------------------------------------------------------------------------
    def submit(self, participant_id: int, mode: str, values: Mapping[str, Any]) -> Submission:
        """Record a new revision of a participant's weights in the open round.

        Raises
        ------
        RoundClosedError
            If the facilitator closed the round (nothing is written).
        """
        with self.transaction() as db:
            rnd = db.execute("SELECT * FROM rounds ORDER BY id DESC LIMIT 1").fetchone()
            if rnd["closed_at"] is not None:
                raise RoundClosedError("The round is closed.")
            last = db.execute(
                "SELECT COALESCE(MAX(revision), 0) FROM submissions "
                "WHERE participant_id = ? AND round_id = ?",
                (participant_id, rnd["id"]),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO submissions (participant_id, round_id, revision, mode, payload, "
                "submitted_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    participant_id,
                    rnd["id"],
                    last + 1,
                    mode,
                    json.dumps(dict(values), sort_keys=True),
                    now(),
                ),
            )
        latest = self.latest_submission(participant_id)
        assert latest is not None
        return latest

    def _submissions(self, where: str = "", args: tuple[Any, ...] = ()) -> list[Submission]:
        rows = self._db.execute(
            "SELECT s.*, p.name, p.grp FROM submissions s JOIN participants p "
            f"ON p.id = s.participant_id {where} ORDER BY s.id",
            args,
        ).fetchall()
        return [_submission(r) for r in rows]

    def latest_submission(
        self, participant_id: int, round_id: int | None = None
    ) -> Submission | None:
        """The participant's latest revision in a round (default: the current round)."""
        rid = round_id if round_id is not None else self.current_round().id
        found = self._submissions(
            "WHERE s.participant_id = ? AND s.round_id = ? AND s.revision = (SELECT MAX(revision) "
            "FROM submissions WHERE participant_id = s.participant_id AND round_id = s.round_id)",
            (participant_id, rid),
        )
        return found[-1] if found else None

    def latest_submissions(self, round_id: int | None = None) -> list[Submission]:
        """Each participant's latest revision in a round (default: the current round)."""
        rid = round_id if round_id is not None else self.current_round().id
        return self._submissions(
            "WHERE s.round_id = ? AND s.revision = (SELECT MAX(revision) FROM submissions "
            "WHERE participant_id = s.participant_id AND round_id = s.round_id)",
            (rid,),
        )

    def all_submissions(self) -> list[Submission]:
        """Every revision of every submission, in the order received."""
        return self._submissions()

    # -- decisions ------------------------------------------------------------------------------
    def record_decision(
        self,
        objective: str,
        decision: str,
        rationale: str,
        votes: tuple[int, int, int],
        author: str,
    ) -> Decision:
        """Record a decision on an objective (a new row; the latest per objective counts)."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO decisions (objective, decision, rationale, votes_for, "
                "votes_against, votes_abstain, author, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (objective, decision, rationale, *votes, author, now()),
            )
            did = cursor.lastrowid
        row = self._db.execute("SELECT * FROM decisions WHERE id = ?", (did,)).fetchone()
        return _decision(row)

    def decisions(self) -> dict[str, Decision]:
        """Objective → its latest decision."""
        rows = self._db.execute("SELECT * FROM decisions ORDER BY id").fetchall()
        return {r["objective"]: _decision(r) for r in rows}

    def decision_history(self) -> list[Decision]:
        return [_decision(r) for r in self._db.execute("SELECT * FROM decisions ORDER BY id")]


class RoundClosedError(Exception):
    """A submission arrived after the facilitator closed the round."""


def _participant(row: sqlite3.Row) -> Participant:
    return Participant(row["id"], row["token"], row["name"], row["grp"], row["joined_at"])


def _submission(row: sqlite3.Row) -> Submission:
    return Submission(
        id=row["id"],
        participant_id=row["participant_id"],
        participant=row["name"],
        group=row["grp"],
        round_id=row["round_id"],
        revision=row["revision"],
        mode=row["mode"],
        values=json.loads(row["payload"]),
        submitted_at=row["submitted_at"],
    )


def _decision(row: sqlite3.Row) -> Decision:
    return Decision(
        id=row["id"],
        objective=row["objective"],
        decision=row["decision"],
        rationale=row["rationale"],
        votes_for=row["votes_for"],
        votes_against=row["votes_against"],
        votes_abstain=row["votes_abstain"],
        author=row["author"],
        decided_at=row["decided_at"],
    )


def _round(row: sqlite3.Row) -> Round:
    return Round(
        id=row["id"],
        opened_at=row["opened_at"],
        closed_at=row["closed_at"],
        closed_by=row["closed_by"],
        frozen=json.loads(row["frozen"]) if row["frozen"] else None,
    )
