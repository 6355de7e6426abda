"""The kinds of workbook mgi reads, and one door to each.

Every workbook mgi writes carries its kind in its stamp (``questionnaire``, ``consultation``,
``experts``, ``weights``). A reader given a workbook of another kind refuses it with one issue
that says which kind it is and where it belongs (:func:`check_kind`); a workbook without a
stamp is recognised by its headers (:func:`guess_kind`), so a questionnaire passed as a
consultation is named as a questionnaire rather than "a workbook without the columns".

:func:`write_kind_template` and :func:`read_kind` are the one door to the session workbooks
for the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mgi.catalogue import Issue, make_issue, sentence
from mgi.errors import InputError, NotAWorkbookError
from mgi.workbook.opener import OpenedWorkbook
from mgi.workbook.scan import alias_lookup, is_blank, match_fields, read_pairs

#: Every workbook kind, the questionnaire first.
ALL_KINDS = ("questionnaire", "consultation", "experts", "weights")
#: The workbooks of a prioritisation session.
KINDS = ALL_KINDS[1:]
#: Where each kind goes on the command line of ``prioritize`` and ``report``.
OPTIONS = {
    "questionnaire": "--assessment",
    "consultation": "--consultation",
    "experts": "--experts",
    "weights": "--weights",
}


def _signatures() -> dict[str, tuple[Mapping[str, Sequence[str]], tuple[str, ...]]]:
    """Per table kind: the header aliases and the fields that identify it."""
    from mgi.workbook._layout import header_aliases
    from mgi.workbook.consultation import CONSULTATION_SHEET
    from mgi.workbook.experts import EXPERTS_SHEET

    return {
        "questionnaire": (header_aliases(), ("code", "answer")),
        "consultation": (CONSULTATION_SHEET.aliases(), CONSULTATION_SHEET.required_fields()),
        "experts": (EXPERTS_SHEET.aliases(), EXPERTS_SHEET.required_fields()),
    }


def guess_kind(opened: OpenedWorkbook, header_rows: int = 20) -> str | None:
    """The kind an unstamped workbook looks like from its headers and labels, or ``None``."""
    from mgi.workbook.weights import PARTICIPANT_LABELS

    signatures = {k: (alias_lookup(a), r) for k, (a, r) in _signatures().items()}
    for title in opened.titles:
        rows = opened.rows(title)[:header_rows]
        for values in rows:
            if all(is_blank(v) for v in values):
                continue
            for kind, (lookup, required) in signatures.items():
                if all(name in match_fields(values, lookup) for name in required):
                    return kind
        if {"participant", "method"} <= set(read_pairs(rows, PARTICIPANT_LABELS, max_rows=10)):
            return "weights"
    return None


def other_kind(opened: OpenedWorkbook, found: str, expected: str) -> NotAWorkbookError:
    """The error for a workbook of kind ``found`` given where ``expected`` was asked for (an
    action plan is sent to ``mgi plan``)."""
    if found == "plan":
        issue = make_issue(
            "workbook.is_plan", file=opened.name, expected=expected, name=opened.name
        )
    else:
        issue = make_issue(
            "workbook.other_kind",
            file=opened.name,
            found=found,
            expected=expected,
            name=opened.name,
            option=OPTIONS.get(found, f"--{found}"),
        )
    return NotAWorkbookError(
        sentence("headline.other_kind", name=opened.name, found=found, expected=expected),
        issues=[issue],
        path=opened.path,
        rule=issue.rule,
    )


def check_kind(opened: OpenedWorkbook, expected: str) -> list[Issue]:
    """Refuse a workbook stamped as another kind; a ``workbook.no_stamp`` warning when it
    carries no template stamp at all (it is then read by its headers)."""
    found = opened.stamp.get("kind")
    if found and found != expected:
        raise other_kind(opened, found, expected)
    return [] if opened.stamp.get("template_version") else [make_issue("workbook.no_stamp")]


def refuse_other_kind(opened: OpenedWorkbook, expected: str) -> None:
    """When a reader found none of its tables: raise :func:`other_kind` if the workbook looks
    like another kind (otherwise return, and the reader says which columns it needs)."""
    found = guess_kind(opened)
    if found is not None and found != expected:
        raise other_kind(opened, found, expected)


def too_large(path: Path, issue: Issue) -> NotAWorkbookError:
    """The error for a table with more rows than mgi reads."""
    first = issue.with_location(file=path.name)
    return NotAWorkbookError(
        sentence("headline.too_large", name=path.name), issues=[first], path=path, rule=first.rule
    )


def stamp_of(path: str | Path) -> dict[str, str]:
    """The stamp of a workbook mgi made (empty when it has none or cannot be read: its reader
    then says why), read from the stamp alone (:func:`~mgi.workbook.opener.peek_stamp`)."""
    from mgi.workbook.opener import peek_stamp

    return peek_stamp(path)


def stamped_kind(path: str | Path) -> str:
    """The kind written in a workbook's stamp (``questionnaire`` when unstamped or unreadable:
    the questionnaire reader then says why); for a KoboToolbox or ODK export of one of mgi's
    XLSForms, the kind of its form."""
    from mgi.workbook.xlsform.table import export_kind

    exported = export_kind(path)
    if exported is not None:
        return exported
    found = stamp_of(path).get("kind", "questionnaire")
    return found if found in ALL_KINDS else "questionnaire"


def stamped_language(path: str | Path) -> str | None:
    """The language a template was made in (its stamp), when mgi has that language; ``None``
    for a workbook without one (made before templates carried it, or by someone else)."""
    from mgi.i18n import UnknownLanguageError, language

    found = stamp_of(path).get("language")
    if not found:
        return None
    try:
        return language(found).code
    except UnknownLanguageError:
        return None


def _unknown(kind: str) -> InputError:
    return InputError(
        sentence("headline.unknown_kind", found=kind, allowed=", ".join(ALL_KINDS)),
        rule="headline.unknown_kind",
    )


def write_kind_template(
    kind: str,
    path: str | Path,
    profile: Any,
    *,
    count: int | None = None,
    lang: str | None = None,
) -> Path:
    """Write the template of a session workbook kind (``consultation``, ``experts``,
    ``weights``) for a prioritisation profile; ``count`` is the number of participant rows,
    expert blocks or participant sheets (defaults 60, 5 and 5); ``lang`` the template's language
    (default: the language of the work in progress)."""
    from mgi.workbook.consultation import write_consultation_template
    from mgi.workbook.experts import write_experts_template
    from mgi.workbook.weights import write_weights_template

    writers: dict[str, tuple[Callable[..., Path], str, int]] = {
        "consultation": (write_consultation_template, "participants", 60),
        "experts": (write_experts_template, "experts", 5),
        "weights": (write_weights_template, "participants", 5),
    }
    if kind not in writers:
        raise _unknown(kind)
    writer, key, default = writers[kind]
    return writer(path, profile, **{key: count or default}, lang=lang)


def read_kind(kind: str, path: str | Path, profile: Any) -> Any:
    """Read a session workbook of the given kind with the profile it follows."""
    from mgi.workbook.consultation import read_consultation
    from mgi.workbook.experts import read_experts
    from mgi.workbook.weights import read_weights

    readers = {"consultation": read_consultation, "experts": read_experts, "weights": read_weights}
    if kind not in readers:
        raise _unknown(kind)
    return readers[kind](path, profile)
