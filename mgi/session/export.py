"""``mgi session export``: what the session produced, as the files the rest of mgi reads.

Into one folder:

``weights.xlsx``
    The weights workbook that ``mgi prioritize --weights`` reads: one sheet per member with
    their latest submission of the current round. The ranking below is made by reading this
    file back with the library's reader, so the session and the e-mail route give identical
    results.
``priorities.xlsx``
    The workbook ``mgi prioritize -o`` writes, with a sheet of the group's decisions.
``strategy-annex.docx``
    The Word annex of ``mgi report`` (when the session has an assessment) with the section
    "Agreed priorities and rationale".
``session-record.xlsx``
    The full record: participants, every submission and every revision, rounds, decisions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from mgi.i18n import text
from mgi.session import engine
from mgi.session.store import SessionStore

FILES = ("weights.xlsx", "priorities.xlsx", "strategy-annex.docx", "session-record.xlsx")


@dataclasses.dataclass(frozen=True)
class ExportResult:
    """What an export wrote, and the ranking it made."""

    folder: Path
    files: tuple[Path, ...]
    prioritization: Any
    round_open: bool


def decisions_frame(store: SessionStore, p: Any, lang: str) -> pd.DataFrame:
    """One row per objective in consensus order: its ranks, the latest decision, rationale,
    votes, who recorded it and when."""
    decided = store.decisions()
    consensus = p.consensus["borda_rank"]
    rows = []
    for code in consensus.sort_values(kind="stable").index:
        d = decided.get(str(code))
        rows.append(
            {
                "objective": str(code),
                "short_label": engine.objective_label(str(code), lang),
                "rank_consensus": int(consensus[code]),
                "decision": text(f"session.decision.{d.decision}", lang)
                if d
                else text("session.export.undecided", lang),
                "rationale": d.rationale if d else "",
                "votes_for": d.votes_for if d else None,
                "votes_against": d.votes_against if d else None,
                "votes_abstain": d.votes_abstain if d else None,
                "recorded_by": d.author if d else "",
                "recorded_at": d.decided_at if d else "",
            }
        )
    return pd.DataFrame(rows).set_index("objective")


def record_frames(store: SessionStore, basis: engine.Basis) -> dict[str, pd.DataFrame]:
    """The full record as tables: participants, submissions (every revision), rounds,
    decisions (every one). Tokens are never exported."""
    criteria = basis.criteria
    participants = pd.DataFrame(
        [
            {"participant_id": p.id, "name": p.name, "group": p.group, "joined_at": p.joined_at}
            for p in store.participants()
        ],
        columns=["participant_id", "name", "group", "joined_at"],
    ).set_index("participant_id")
    rows = []
    for s in store.all_submissions():
        own = engine.own_weights(s.mode, s.values, criteria)
        row: dict[str, Any] = {
            "submission_id": s.id,
            "participant": s.participant,
            "group": s.group,
            "round": s.round_id,
            "revision": s.revision,
            "submitted_at": s.submitted_at,
            "mode": s.mode,
        }
        if s.mode == "pairwise":
            row["cr"] = engine.consistency(s.values, criteria)["cr"]
        for key, value in s.values.items():
            row[f"given: {key.replace('__', ' vs ')}"] = value
        row.update({f"weight: {c}": float(own[c]) for c in criteria})
        rows.append(row)
    submissions = pd.DataFrame(rows)
    if not submissions.empty:
        submissions = submissions.set_index("submission_id")
    rounds = pd.DataFrame(
        [
            {
                "round": r.id,
                "opened_at": r.opened_at,
                "closed_at": r.closed_at or "",
                "closed_by": r.closed_by or "",
                **{f"weight: {c}": (r.frozen or {}).get("weights", {}).get(c) for c in criteria},
            }
            for r in store.rounds()
        ]
    ).set_index("round")
    decisions = pd.DataFrame(
        [dataclasses.asdict(d) for d in store.decision_history()],
        columns=[
            "id", "objective", "decision", "rationale", "votes_for", "votes_against",
            "votes_abstain", "author", "decided_at",
        ],
    ).set_index("id")  # fmt: skip
    return {
        "participants": participants,
        "submissions": submissions,
        "rounds": rounds,
        "decisions": decisions,
    }


def write_record(store: SessionStore, basis: engine.Basis, path: Path, lang: str) -> Path:
    """The session record workbook (every submission and revision)."""
    from mgi.workbook.results import ResultsWorkbook, ResultTable, write_results_workbook

    frames = record_frames(store, basis)
    results = ResultsWorkbook(
        text("session.export.record_title", lang),
        tables=(
            ResultTable(text("session.export.participants_sheet", lang), frames["participants"]),
            ResultTable(text("session.export.submissions_sheet", lang), frames["submissions"]),
            ResultTable(text("session.export.rounds_sheet", lang), frames["rounds"]),
            ResultTable(text("session.export.decisions_history_sheet", lang), frames["decisions"]),
        ),
        notes=(text("session.export.what", lang, db=store.path.name),),
        about=(
            ("created_at", store.get_meta("created_at")),
            ("schema_version", store.schema_version),
            *((f"input: {k}", v) for k, v in basis.configuration.get("inputs", {}).items()),
            *((f"sha256: {k}", v) for k, v in basis.configuration.get("sha256", {}).items()),
        ),
    )
    return write_results_workbook(results, path, lang=lang)


def _add_decisions_sheet(path: Path, frame: pd.DataFrame, lang: str) -> Path:
    """Add the decisions as a sheet (after Priorities) of a priorities workbook."""
    from openpyxl import load_workbook

    from mgi.workbook.results import ResultTable, sheet_name, write_table_sheet
    from mgi.workbook.style import save_deterministic

    wb = load_workbook(path)
    title = text("session.export.sheet", lang)
    sheet = wb.create_sheet(title)
    write_table_sheet(sheet, ResultTable(title, frame), lang)
    after = wb.sheetnames.index(sheet_name("priorities", lang)) + 1
    wb.move_sheet(sheet, offset=after - wb.sheetnames.index(title))
    return save_deterministic(wb, path)


def annex_section(frame: pd.DataFrame, lang: str, date: str) -> Any:
    """The section "Agreed priorities and rationale" of the Word annex."""
    from mgi.reports.content import Section, Table

    title = text("session.export.section", lang)
    table = Table(
        text("session.export.sheet", lang),
        frame[["short_label", "rank_consensus", "decision", "rationale", "votes_for",
               "votes_against", "votes_abstain", "recorded_by"]],
        text("session.export.section", lang),
        wrap=("rationale",),
    )  # fmt: skip
    return Section("agreed_priorities", title, (text("session.export.intro", lang, date=date),),
                   tables=(table,))  # fmt: skip


def write_annex(
    basis: engine.Basis, p: Any, frame: pd.DataFrame, path: Path, lang: str, date: str
) -> Path:
    """The Word annex of the report with the decisions section after the priorities."""
    from mgi.reports.content import ReportContent

    section = annex_section(frame, lang, date)
    content = engine.report_content(basis, p, lang)
    if content is None:
        content = ReportContent(
            text("session.export.section", lang), sections=(section,), lang=lang
        )
    else:
        content = content.with_section(section, after="priorities")
    return engine.write_annex(content, path)


def export_session(db: str | Path, out: str | Path, *, lang: str = "en") -> ExportResult:
    """Write the session's exports (see the module docstring) into ``out``.

    The folder is created if needed; an existing one is written into only if it is empty or
    was written by mgi. Every file is written atomically, in ``lang``.
    """
    from mgi.i18n import using

    with using(lang):
        return _export(db, out, lang)


def _export(db: str | Path, out: str | Path, lang: str) -> ExportResult:
    """:func:`export_session` in the language of the work in progress (``lang``)."""
    from mgi._io import OUTPUT_MARKER, check_output_folder
    from mgi.errors import InputError
    from mgi.recipe import Recipe
    from mgi.run import run

    path = Path(db)
    if not path.is_file():
        raise InputError(f"The session database {path} does not exist.")
    store = SessionStore(path)
    try:
        if not store.is_initialised:
            raise InputError(f"{path} holds no session.")
        basis = engine.load_basis(store.get_meta("configuration"))
        folder = check_output_folder(out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / OUTPUT_MARKER).write_text(
            "This folder was written by mgi and is replaced as a whole when mgi writes it again.\n",
            encoding="utf-8",
        )
        rnd = store.current_round()
        submissions = store.latest_submissions(rnd.id)
        written: list[Path] = []
        config = basis.configuration
        if submissions:
            weights_file = engine.write_weights_workbook(
                basis, submissions, folder / "weights.xlsx"
            )
            written.append(weights_file)
            # Read back with the library's reader: the same route as `mgi prioritize --weights`.
            read = run(
                Recipe.model_validate(
                    {
                        "methodology": {"profile": config.get("profile", "gcm-default")},
                        "inputs": {"weights": weights_file},
                        "settings": {"prioritize": False},
                    }
                ),
                write=False,
            )
            agreed = read.agreed
            issues: Sequence[Any] = [*basis.issues, *read.issues]
        else:
            agreed = basis.start
            issues = list(basis.issues)
        p = engine.rank(basis, agreed)
        frame = decisions_frame(store, p, lang)
        priorities = engine.write_priorities_workbook(p, folder / "priorities.xlsx", issues)
        written.append(_add_decisions_sheet(priorities, frame, lang))
        date = str(store.get_meta("created_at") or "")[:10]
        written.append(write_annex(basis, p, frame, folder / "strategy-annex.docx", lang, date))
        written.append(write_record(store, basis, folder / "session-record.xlsx", lang))
        return ExportResult(folder, tuple(written), p, rnd.is_open)
    finally:
        store.close()
