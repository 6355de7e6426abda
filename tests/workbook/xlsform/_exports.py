"""Exports of mgi's XLSForms as KoboToolbox and ODK Central write them, for the tests.

The column layout follows the tools' documented exports: KoboToolbox puts ``start``/``end``
and the form's fields first (group names joined with ``/`` when "include groups in headers"
is on), then ``_id``, ``_uuid``, ``_submission_time``, ``_validation_status``, ``_notes``,
``_status``, ``_submitted_by``, ``__version__``, ``_tags`` and ``_index``; its CSV uses ``;``.
ODK Central starts with ``SubmissionDate``, joins groups with ``-``, ends the fields with
``meta-instanceID`` and adds ``KEY``, ``SubmitterID``, ``SubmitterName``,
``AttachmentsPresent``, ``AttachmentsExpected``, ``Status``, ``ReviewState``, ``DeviceID``,
``Edits`` and ``FormVersion``; its CSV uses ``,`` and its ids start with ``uuid:``.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mgi.workbook.xlsform.form import XLSForm

KOBO_TAIL = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
)
ODK_TAIL = (
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
)


def identity_answers(form: XLSForm) -> dict[str, str]:
    """The values the form's calculated fields give every submission."""
    return {"mgi_form_id": form.identity.form_id, "mgi_form_version": form.identity.form_version}


def _label(form: XLSForm, list_name: str | None, value: Any, lang: str | None) -> Any:
    if lang is None or list_name is None or value in (None, ""):
        return value
    for choice in form.choices.get(list_name, ()):
        if choice.name == str(value):
            return choice.labels[lang]
    return value


def export_rows(
    form: XLSForm,
    submissions: Sequence[Mapping[str, Any]],
    *,
    tool: str = "kobo",
    groups: bool = True,
    labels: str | None = None,
) -> list[list[Any]]:
    """The header row and one row per submission. A submission maps field names to values
    (choice names, or text); ``_uuid`` sets its id (else ``s<n>``), ``_validation_status``
    and ``ReviewState`` its review in KoboToolbox and ODK Central; fields it lacks are empty,
    except the calculated identity fields. ``labels`` writes headers and choices as
    labels in that language (KoboToolbox's "Labels" export)."""
    fields = [f for f in form.fields() if f.question.type not in ("start", "end")]
    separator = "/" if tool == "kobo" else "-"

    def header(field: Any) -> str:
        if labels is not None and field.question.labels:
            parts = [g.labels[labels] for g in field.groups] + [field.question.labels[labels]]
        else:
            parts = list(field.path)
        return separator.join(parts if groups else parts[-1:])

    heads = [header(f) for f in fields]
    if tool == "kobo":
        heads = ["start", "end", *heads, *KOBO_TAIL]
    else:
        heads = ["SubmissionDate", "start", "end", *heads, "meta-instanceID", *ODK_TAIL]
    rows: list[list[Any]] = [heads]
    for number, given in enumerate(submissions, start=1):
        values = {**identity_answers(form), **given}
        uuid = str(values.get("_uuid", f"s{number}"))
        cells = [
            _label(form, f.question.list_name, values.get(f.question.name, ""), labels)
            for f in fields
        ]
        times = ["2025-03-01T10:00:00.000+01:00", "2025-03-01T10:12:00.000+01:00"]
        if tool == "kobo":
            status = values.get("_validation_status", "")
            tail = [number, uuid, "2025-03-01T09:12:30", status, "", "submitted_via_web", ""]
            tail += ["vQm3uQ8rZ6Fj", "", number]
            rows.append([*times, *cells, *tail])
        else:
            key = f"uuid:{uuid}"
            review = values.get("ReviewState", "")
            tail = [key, "5", "Field team", "0", "0", "", review, "", "0"]
            tail.append(form.identity.form_version)
            rows.append(["2025-03-01T09:12:30.000Z", *times, *cells, key, *tail])
    return rows


def write_export(
    path: Path,
    form: XLSForm,
    submissions: Sequence[Mapping[str, Any]],
    *,
    tool: str = "kobo",
    groups: bool = True,
    labels: str | None = None,
    delimiter: str | None = None,
) -> Path:
    """Write an export: ``.csv`` (``;`` for KoboToolbox, ``,`` for ODK unless
    ``delimiter``), ``.xlsx`` (one sheet named after the form, as KoboToolbox writes it) or
    ``.zip`` (ODK Central: ``<form id>.csv`` inside)."""
    rows = export_rows(form, submissions, tool=tool, groups=groups, labels=labels)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = form.title[:31]
        for row in rows:
            ws.append([None if v == "" else v for v in row])
        wb.save(path)
        return path
    sep = delimiter or (";" if tool == "kobo" else ",")
    if suffix == ".zip":
        inner = path.with_suffix(".csv")
        write_export(inner, form, submissions, tool=tool, groups=groups, labels=labels)
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(inner, f"{form.identity.form_id}.csv")
        inner.unlink()
        return path
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=sep).writerows(rows)
    return path


def answers(form: XLSForm, value: Any = "4", **fields: Any) -> dict[str, Any]:
    """One submission answering every rating of a consultation form with ``value`` (and
    ``fields`` on top: ``stakeholder_group="diaspora"``, ``gcm07_urgency="dont_know"``)."""
    ratings = {f.question.name: value for f in form.fields() if f.question.role[:1] == ("rating",)}
    return {**ratings, **fields}
