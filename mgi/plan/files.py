"""The file door of ``mgi plan``: what the command line (and a recipe) has are paths.

* :func:`make_plan_template` — priorities workbook (+ decisions, assessment, previous plan) ->
  the pre-filled action-plan workbook;
* :func:`check_plan_file` — an action-plan workbook -> the plan, every problem, the totals;
* :func:`report_plan_file` — an action-plan workbook -> the report folder, refused while the
  plan has errors.

The library's own door takes objects (:func:`mgi.plan.prefill.prefill_plan`,
:func:`mgi.plan.checks.check_plan`, :func:`mgi.plan.report.write_plan_report`); these functions
only read the files and pass them on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mgi.catalogue import Issue, make_issue
from mgi.errors import InputError
from mgi.i18n import text
from mgi.plan.model import PlanInfo
from mgi.workbook.sheets import Quarter


@dataclass(frozen=True)
class TemplateResult:
    """What :func:`make_plan_template` wrote, and how the draft was made."""

    path: Path
    plan: Any
    notes: tuple[str, ...]
    issues: tuple[Issue, ...] = ()


def _baselines(assessment: str | Path, recorded: dict[str, Any]) -> tuple[dict, list[Issue], Any]:
    """Baselines from a questionnaire, and a warning when it is not the one the priorities were
    made from."""
    from mgi.plan.prefill import baselines_from_scorecard
    from mgi.scoring import score
    from mgi.workbook import read_assessment

    read = read_assessment(assessment)
    if read.has_errors:
        raise InputError(
            text("plan.cli.assessment_errors", "en", file=Path(assessment).name),
            issues=read.issues,
        )
    card = score(read)
    issues: list[Issue] = []
    expected = recorded.get("assessment_sha256")
    if expected and expected != read.source.sha256:
        issues.append(
            make_issue(
                "plan.assessment_differs",
                file=read.source.file_name,
                found=read.source.file_name,
                expected=recorded.get("assessment_file", expected[:12]),
            )
        )
    return baselines_from_scorecard(card), issues, read


def make_plan_template(
    priorities: str | Path,
    output: str | Path,
    *,
    start: Quarter,
    end: Quarter | None = None,
    currency: str = "ALL",
    decisions: str | Path | None = None,
    assessment: str | Path | None = None,
    previous: str | Path | None = None,
    title: str | None = None,
    country: str | None = None,
    top_k: int = 10,
    rows: int = 5,
    lang: str = "en",
) -> TemplateResult:
    """Write the pre-filled action-plan workbook (``mgi plan template``).

    Parameters
    ----------
    priorities
        The priorities workbook (``mgi prioritize -o`` or ``mgi session export``).
    output
        The workbook to write (checked by the caller: never an input, never a foreign file).
    start, end
        The plan period (default end: three years after ``start``).
    decisions
        Another workbook with the group's decisions (default: the Decisions sheet of the
        priorities workbook, if it has one).
    assessment
        The questionnaire the priorities were made from: the baselines of the MGI indicators.
    previous
        An earlier plan workbook: its measures still running at ``start`` are carried in.
    """
    from mgi.plan.prefill import prefill_plan, round_year
    from mgi.plan.priorities import read_priorities, with_decisions
    from mgi.plan.workbook import read_plan_workbook, write_plan_workbook

    read = read_priorities(priorities, decisions=decisions, lang=lang)
    issues = list(read.issues)
    if any(i.is_error for i in issues):
        raise InputError(text("plan.cli.input_errors", lang), issues=issues)
    recorded = read.assessment
    baselines: dict[str, Any] = {}
    basis = [text("plan.prefill.priorities_file", lang, file=read.file, sha=read.sha256[:12])]
    year = round_year(recorded.get("round"))
    if assessment is not None:
        baselines, found, assessed = _baselines(assessment, recorded)
        issues += found
        year = round_year(assessed.round) or year
        basis.append(
            text(
                "plan.prefill.assessment_file",
                lang,
                file=assessed.source.file_name,
                year=year or "?",
            )
        )
    else:
        issues.append(make_issue("plan.no_baseline"))
    old = None
    inputs = [priorities, decisions, assessment]
    if previous is not None:
        old_read = read_plan_workbook(previous, lang=lang)
        old = old_read.plan
        inputs.append(previous)
    name = country or str(recorded.get("country") or "")
    settings = PlanInfo(
        title=title or text("plan.cli.default_title", lang, country=name or "–"),
        country=name,
        start=start,
        end=end or start.shift(11),
        currency=currency.strip().upper(),
        language=lang,
        basis=" ".join(basis),
        round_year=year,
        instrument=str(recorded.get("instrument") or ""),
    )
    if settings.end < settings.start:
        raise InputError(
            make_issue("plan.bad_period", found=f"{settings.start} – {settings.end}").message
        )
    plan, notes = prefill_plan(
        with_decisions(read.priorities, read.decisions),
        settings=settings,
        baselines=baselines or None,
        top_k=top_k,
        previous=old,
    )
    path = write_plan_workbook(
        plan, output, lang=lang, rows_per_objective=rows, inputs=[i for i in inputs if i]
    )
    return TemplateResult(Path(path), plan, tuple(notes), tuple(issues))


@dataclass(frozen=True)
class PlanCheck:
    """A plan read and checked: the plan, every problem, its totals."""

    plan: Any
    issues: tuple[Issue, ...] = ()
    totals: dict[str, Any] = field(default_factory=dict)
    lang: str = "en"

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    def to_dict(self) -> dict[str, Any]:
        """For ``--json``: the file, its SHA-256 and content digest, the issues (messages in
        the check's language) and the totals."""
        from mgi.i18n.issues import localized

        return {
            "file": self.plan.source.get("file", ""),
            "sha256": self.plan.source.get("sha256", ""),
            "digest": self.plan.digest(),
            "edition": self.plan.info.edition,
            "language": self.lang,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [localized(i, self.lang).to_dict() for i in self.issues],
            "totals": self.totals,
        }


def _instrument_codes(name: str | None) -> tuple[set[str] | None, str]:
    """The indicator codes of the instrument the plan names (bundled or a folder)."""
    from mgi.errors import MGIError
    from mgi.instrument import load_instrument

    chosen = name or "mgi-national"
    try:
        inst = load_instrument(chosen)
    except MGIError:
        return None, chosen
    return set(inst.indicators.index), inst.name


def check_plan_file(
    path: str | Path, *, lang: str | None = None, instrument: str | None = None
) -> PlanCheck:
    """Read and check an action-plan workbook (``mgi plan check``): every problem at once.

    ``lang`` defaults to the workbook's language; ``instrument`` (whose indicators the MGI
    indicators of the plan must be) to the one stamped in the workbook, else ``mgi-national``.

    Raises
    ------
    NotAWorkbookError
        The file cannot be read as an action plan at all.
    """
    from mgi.plan.checks import check_plan
    from mgi.plan.costing import totals
    from mgi.plan.workbook import read_plan_workbook, stamped

    stamp = stamped(path)
    language = lang or stamp.get("language") or "en"
    read = read_plan_workbook(path, lang=language)
    codes, name = _instrument_codes(instrument or stamp.get("instrument"))
    issues = [*read.issues, *check_plan(read.plan, lang=language, mgi_codes=codes, instrument=name)]
    file = read.plan.source.get("file")
    issues = [i.with_location(file=i.file or file) for i in issues]
    return PlanCheck(read.plan, tuple(issues), totals(read.plan), language)


def report_plan_file(
    path: str | Path,
    out_dir: str | Path,
    *,
    lang: str | None = None,
    instrument: str | None = None,
    formats: Sequence[str] = ("png", "svg", "pdf"),
) -> tuple[PlanCheck, Any]:
    """Check a plan and, when it has no errors, write its report (``mgi plan report``).

    Raises
    ------
    InputError
        The plan has errors: nothing is written, every problem is listed.
    """
    from mgi._io import check_output_folder
    from mgi.plan.report import write_plan_report

    check_output_folder(out_dir, inputs=[path])  # before any work: never lose a file
    checked = check_plan_file(path, lang=lang, instrument=instrument)
    if checked.errors:
        raise InputError(
            text(
                "plan.cli.has_errors", checked.lang, file=Path(path).name, count=len(checked.errors)
            ),
            issues=checked.issues,
        )
    plan = checked.plan
    info = replace(plan.info, language=checked.lang)
    written = write_plan_report(
        plan.replace(info=info),
        out_dir,
        lang=checked.lang,
        issues=checked.warnings,
        inputs=[path],
        formats=formats,
    )
    return checked, written
