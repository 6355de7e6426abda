"""``run(recipe)``: the one orchestrator every command, the demo and ``mgi run`` use.

A :class:`~mgi.recipe.Recipe` names the methodology, inputs, settings and outputs of a run;
:func:`run` reads every file it names, reports the problems of all of them at once, and then
scores, compares, ranks and writes::

    read ─► score ─► compare (earlier round) ─► prioritise (GCM objectives) ─► write

It returns a :class:`Run`: every object computed, the issues of every file, the recipe as run
(with the settings used and the SHA-256 of each input) and the files written. An output folder
holds that recipe as ``recipe.toml``; a single workbook holds it in its About sheet; running the
recorded recipe again gives the same files, byte for byte.

The module is callable, so ``mgi.run(recipe)`` works whether ``mgi.run`` was reached as the
function or as this module.

Examples
--------
>>> import mgi
>>> recipe = mgi.Recipe.model_validate(
...     {"inputs": {"assessment": "mgi:data/demo/mgi-national-2023.xlsx"}})
>>> result = mgi.run(recipe)
>>> result.scorecard.domains["score"].round(1).tolist()
[76.8, 69.5, 56.1, 57.6, 43.3, 66.5]
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
import time
import types
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi.assessment import MISSING_RULES, coverage_issues
from mgi.catalogue import Issue, make_issue
from mgi.errors import InputError, UsageError
from mgi.i18n import current_language, format_value, text, using
from mgi.recipe import RECIPE_FILE, Recipe, is_outside, load_recipe, resolve_path

__all__ = [
    "RECIPE_FILE",
    "Recipe",
    "Run",
    "check_outputs",
    "coverage_issues",
    "default_report_folder",
    "load_recipe",
    "resolve_language",
    "run",
]

Progress = Callable[[str], None]
#: The label of the About-sheet row that holds the recipe of a single workbook (a catalogue key:
#: "Recipe (recipe.toml)" in English).
RECIPE_ROW = "about.recipe"


@dataclass(frozen=True, eq=False)
class Run:
    """What one run read, computed and wrote.

    Attributes
    ----------
    recipe
        The recipe as run: the settings actually used (methods, samples, seed, top k) and the
        SHA-256 of every input filled in. This is what the outputs record.
    assessment, scorecard
        This round's questionnaire and its scores.
    earlier, earlier_scorecard, comparison
        The earlier round, its scores and the change between the rounds.
    sdg, sdg_scorecard
        The SDG 10.7.2 module and its scores.
    profile, consultation, experts, judgements, agreed
        The prioritisation profile, the session's workbooks and the weights they agree on (the
        group's combined judgements, or the profile's default weights); read whenever the
        recipe names a session workbook or ranks.
    prioritization
        The ranked GCM objectives (when the recipe ranks them).
    plan
        The action plan pre-filled from the ranking (when the recipe has a ``[plan]``
        section; :mod:`mgi.plan`), filled with illustrative measures for a demonstration.
    scorecards, combined, skipped
        Several questionnaires scored into one table (``inputs.assessments``), and the files
        that could not be scored.
    issues
        The warnings of every file (a run with errors stops with :class:`InputError`, except
        for the skipped files of ``inputs.assessments``).
    folder, files
        The output folder (None for single workbooks or no outputs) and every file written.
    timings
        Seconds per step (``read``, ``score``, ``compare``, ``prioritize``, ``write``).
    """

    recipe: Recipe
    assessment: Any = None
    scorecard: Any = None
    earlier: Any = None
    earlier_scorecard: Any = None
    comparison: Any = None
    sdg: Any = None
    sdg_scorecard: Any = None
    profile: Any = None
    consultation: Any = None
    experts: Any = None
    judgements: Any = None
    agreed: Any = None
    prioritization: Any = None
    plan: Any = None
    scorecards: tuple[Any, ...] = ()
    combined: Any = None
    skipped: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = ()
    folder: Path | None = None
    files: tuple[Path, ...] = ()
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def warnings(self) -> list[Issue]:
        """The issues that are warnings."""
        return [i for i in self.issues if not i.is_error]

    @property
    def lang(self) -> str:
        """The language of the run's outputs and messages (``settings.lang`` as run)."""
        return self.recipe.settings.lang or current_language()

    def provenance(self) -> dict[str, Any]:
        """Tool version, the recipe as run (paths relative to the output folder or the current
        folder), and the provenance of the scores and of the ranking."""
        from mgi import __version__

        where = self.folder or Path.cwd()
        prov: dict[str, Any] = {
            "tool": "mgi",
            "tool_version": __version__,
            "recipe": self.recipe.to_dict(where),
        }
        if self.scorecard is not None:
            prov["scoring"] = self.scorecard.provenance()
        if self.prioritization is not None:
            prov["prioritization"] = self.prioritization.provenance()
        return prov

    def summary_lines(self, lang: str | None = None) -> list[str]:
        """A short summary for the terminal in ``lang`` (default: the run's language): the
        largest gaps; the top objectives by the consensus of the methods, with the range of
        their ranks across the methods, their probability of being in the top k and their rank
        range when the weights, the data and the method all vary; the flags on the criteria;
        agreement with the reference list; the outputs. Every line fits in 100 columns; names
        are wrapped, not cut."""
        from mgi._terminal import Col, table, wrap

        lang = lang or self.lang
        lines: list[str] = []
        if self.recipe.note:
            lines += [*wrap(self.recipe.note), ""]
        card = self.scorecard
        if card is not None:
            domains = card.domains.sort_values("gap", ascending=False).head(3)
            label = " ".join(x for x in (card.assessment.country, card.assessment.round) if x)
            lines += wrap(text("cli.demo.largest_gaps", lang, round=label))
            if getattr(card.assessment.instrument, "name", "") == "mgi-national":
                from mgi.i18n.content import bundled_texts

                domains = domains.assign(
                    name=bundled_texts(domains, "name", "mgi_national_domains", "name", lang)
                )
            rows = [{"code": code, **row} for code, row in domains.iterrows()]
            columns = [Col("code"), Col("name", wrap=True), Col("score"), Col("gap")]
            lines += table(rows, columns, lang, indent=2)
        p = self.prioritization
        if p is not None:
            from mgi.priorities.export import flag_messages, ranking_lines

            k = p.top_k
            lines += ["", *wrap(text("cli.demo.top_objectives", lang, k=k))]
            lines += ranking_lines(p, limit=k, reasons=False, lang=lang, indent=2)
            flags = flag_messages(p, lang)
            if flags:
                lines += ["", *wrap(text("cli.demo.read_with_care", lang))]
                for flag in flags:
                    lines += wrap(f"- {flag}", indent=2, hanging=2)
            lines += self._reference_lines(lang)
        if self.plan is not None:
            lines += ["", *_plan_lines(self.plan, lang)]
        monitor = self.recipe.outputs.monitor_report
        if monitor is not None and self.folder is not None and self.recipe.monitor is not None:
            periods = ", ".join(self.recipe.monitor.periods)
            lines += [
                "",
                *wrap(
                    text(
                        "cli.demo.monitoring",
                        lang,
                        periods=periods,
                        progress=self.folder / "progress",
                        report=self.folder / monitor,
                    )
                ),
            ]
        if self.files:
            lines += ["", text("cli.demo.outputs", lang)] + [f"  {path}" for path in self.files]
        return lines

    def _reference_lines(self, lang: str) -> list[str]:
        """Agreement of the top k with the reference list, in ``lang``."""
        from mgi._terminal import wrap

        p = self.prioritization
        comparison = p.reference_comparison()
        if not comparison:
            return []
        k = p.top_k
        lines = [
            "",
            *wrap(
                text(
                    "cli.demo.agreement",
                    lang,
                    n=len(comparison["reference"]),
                    hits=comparison["overlap"],
                    k=k,
                    precision=format_value("share", comparison["precision"], lang),
                    recall=format_value("share", comparison["recall"], lang),
                    jaccard=format_value("ratio", comparison["jaccard"], lang),
                )
            ),
        ]
        source = self.recipe.inputs.reference_source
        if source:
            lines += wrap(text("cli.demo.reference_source", lang, source=source), indent=2)
        missing = ", ".join(comparison["reference_not_in_top_k"]) or text("cli.demo.none", lang)
        lines += wrap(text("cli.demo.not_in_top", lang, k=k, objectives=missing), indent=2)
        return lines


def _plan_lines(plan: Any, lang: str) -> list[str]:
    """The action plan in the summary, in ``lang``: its size, cost and financing gap."""
    from mgi._terminal import wrap
    from mgi.plan.costing import by_source

    cost = by_source(plan)
    key = "cli.demo.plan_illustrative" if plan.info.illustrative else "cli.demo.plan"
    lines = wrap(
        text(
            key,
            lang,
            period=plan.info.period,
            objectives=len(plan.objectives),
            measures=len(plan.measures),
            indicators=len(plan.indicators),
        )
    )
    if plan.measures:
        share = "" if cost["total"] <= 0 else f" ({format_value('share', cost['gap_share'], lang)})"
        lines += wrap(
            text(
                "cli.demo.plan_cost",
                lang,
                total=format_value("amount", cost["total"], lang),
                currency=plan.info.currency,
                state=format_value("amount", cost["state"], lang),
                donors=format_value("amount", cost["donors"], lang),
                gap=format_value("amount", cost["unfunded"], lang),
                share=share,
            ),
            indent=2,
        )
    return lines


# -- helpers --------------------------------------------------------------------------------------


def default_report_folder(country: str, round_: str, parent: str | Path = "reports") -> Path:
    """``reports/<country>-<round>``, keeping letters of every script.

    Examples
    --------
    >>> default_report_folder("Ελλάδα", "2023").as_posix()
    'reports/ελλάδα-2023'
    >>> default_report_folder("Côte d'Ivoire", "2024").as_posix()
    'reports/côte-d-ivoire-2024'
    >>> default_report_folder("", "").as_posix()
    'reports/report'
    """
    text = unicodedata.normalize("NFC", f"{country}-{round_}").casefold()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")[:80].strip("-") or "report"
    return Path(parent) / slug


class _Steps:
    """Numbered progress lines with the time of each step."""

    def __init__(self, names: list[str], progress: Progress | None) -> None:
        self.names = names
        self.progress = progress
        self.timings: dict[str, float] = {}
        self.clock = time.perf_counter()

    def number(self, name: str) -> int:
        return self.names.index(name) + 1 if name in self.names else len(self.timings) + 1

    def done(self, name: str, message: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self.clock
        self.clock = now
        if self.progress is not None:
            self.progress(
                text(
                    "run.step.line",
                    current_language(),
                    step=self.number(name),
                    steps=len(self.names),
                    what=message,
                    seconds=format_value("duration", self.timings[name], current_language()),
                )
            )

    def part(self, name: str, message: str) -> None:
        """A progress line inside a long step (a chart drawn, a document written)."""
        if self.progress is not None:
            self.progress(
                text(
                    "run.step.part",
                    current_language(),
                    step=self.number(name),
                    steps=len(self.names),
                    what=message,
                )
            )


def _issue_from(exc: InputError, path: Path | None) -> list[Issue]:
    """The issues of an error, or one issue from its message when it has none. Issues about a
    file inside a methodology folder (an instrument's ``scales.csv``) name the folder too."""
    path = path if path is not None else exc.path
    name = path.name if path is not None else None
    if exc.issues:
        folder = name if path is not None and not path.suffix else None
        located = []
        for issue in exc.issues:
            if not issue.file and name:
                issue = issue.with_location(file=name)
            elif folder and path is not None and issue.file and (path / issue.file).is_file():
                issue = issue.with_location(file=f"{folder}/{issue.file}")
            located.append(issue)
        return located
    return [
        Issue(
            rule=exc.rule or "workbook.corrupt",
            severity="error",
            message=exc.message,
            file=path.name if path is not None else None,
        )
    ]


def _with_file(issues: Iterable[Issue], name: str) -> list[Issue]:
    return [i if i.file else i.with_location(file=name) for i in issues]


def _input_errors(issues: list[Issue], allow_incomplete: bool) -> InputError:
    errors = [i for i in issues if i.is_error]
    files = sorted({i.file for i in errors if i.file}) or [
        text("run.the_inputs", current_language())
    ]
    unfilled = {i.file for i in errors if i.rule == "assessment.unfilled"}
    missing = any(i.rule in MISSING_RULES and i.file not in unfilled for i in errors)
    hint = (
        " " + text("run.hint.allow_incomplete", current_language())
        if missing and not allow_incomplete
        else ""
    )
    summary = make_issue("run.input_errors", found=len(errors), files=", ".join(files), hint=hint)
    return InputError(
        summary.message,
        issues=errors + [i for i in issues if not i.is_error],
        rule=summary.rule,
    )


# -- the run --------------------------------------------------------------------------------------


@dataclass
class _Read:
    """What the reading step found (mutable while reading)."""

    instrument: Any = None
    earlier_instrument: Any = None
    scheme: Any = None
    profile: Any = None
    objects: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    checksums: dict[str, Any] = field(default_factory=dict)


def _attempt(read: _Read, path: Path | None, reader: Callable[..., Any], *args: Any) -> Any:
    try:
        return reader(*args)
    except InputError as exc:
        read.issues.extend(_issue_from(exc, path))
        return None


def _load_methodology(recipe: Recipe, read: _Read) -> None:
    from mgi.instrument import load_instrument
    from mgi.scoring import load_scheme

    m = recipe.methodology
    if m.instrument or m.mapping:
        read.instrument = _attempt(
            read, None, lambda: load_instrument(m.instrument or "mgi-national", mapping=m.mapping)
        )
        if read.instrument is not None:
            read.issues.extend(read.instrument.warnings)
    read.earlier_instrument = read.instrument
    if m.earlier_instrument:
        read.earlier_instrument = _attempt(read, None, load_instrument, m.earlier_instrument)
    if m.scheme:
        read.scheme = _attempt(read, None, load_scheme, m.scheme)
    i = recipe.inputs
    if recipe.ranks or i.consultation or i.experts or i.weights:
        from mgi.priorities.profile import load_profile

        read.profile = _attempt(read, None, load_profile, m.profile)


def _checksums(recipe: Recipe, read: _Read) -> None:
    """The SHA-256 of every input; a warning for each that changed since it was recorded."""
    from mgi._io import sha256_file

    batch: list[str] = []
    for key, path in recipe.inputs.files():
        if not path.is_file():
            continue
        digest = sha256_file(path)
        recorded: str | tuple[str, ...] | None
        if key.startswith("assessments["):
            batch.append(digest)
            recorded_all = recipe.checksums.get("assessments", ())
            index = len(batch) - 1
            recorded = recorded_all[index] if index < len(recorded_all) else None
        else:
            read.checksums[key] = digest
            recorded = recipe.checksums.get(key)
        if isinstance(recorded, str) and recorded != digest:
            read.issues.append(
                make_issue("recipe.input_changed", column=key, found=path.name, expected=recorded)
            )
    if batch:
        read.checksums["assessments"] = tuple(batch)


def _read_inputs(recipe: Recipe, read: _Read) -> None:
    from mgi.workbook import read_assessment

    i, allow = recipe.inputs, recipe.settings.allow_incomplete
    m = recipe.methodology
    asked = {
        "assessment": bool(m.instrument or m.mapping),
        "earlier": bool(m.earlier_instrument or m.instrument or m.mapping),
        "sdg": False,
    }
    for key, instrument in (
        ("assessment", read.instrument),
        ("earlier", read.earlier_instrument),
        ("sdg", None),
    ):
        path = getattr(i, key)
        if path is None or (asked[key] and instrument is None):
            continue  # no file, or its instrument could not be loaded (already reported)
        assessment = _attempt(
            read,
            path,
            lambda p, inst: read_assessment(p, inst, allow_incomplete=allow),
            path,
            instrument,
        )
        if assessment is not None:
            read.objects[key] = assessment
            read.issues.extend(coverage_issues(assessment, allow))
            read.issues.extend(assessment.issues)
    if "earlier" in read.objects and "assessment" in read.objects:
        # rounds that cannot be compared are input problems, reported with the others before
        # anything is computed (the warnings come with the comparison)
        from mgi.scoring.compare import check_rounds

        rounds = check_rounds(
            read.objects["earlier"],
            read.objects["assessment"],
            allow_other_country=recipe.settings.allow_other_country,
        )
        read.issues.extend(i for i in rounds if i.is_error)
    if read.profile is None:
        return
    from mgi.workbook import read_consultation, read_experts, read_weights

    for key, reader in (
        ("consultation", read_consultation),
        ("experts", read_experts),
        ("weights", read_weights),
    ):
        path = getattr(i, key)
        if path is None:
            continue
        result = _attempt(read, path, reader, path, read.profile)
        if result is not None:
            read.objects[key] = result
            read.issues.extend(result.issues)


def _needed_inputs(recipe: Recipe, profile: Any) -> list[Issue]:
    """The inputs the profile's criteria need but the recipe does not give."""
    if profile is None or not recipe.ranks:
        return []
    needed = {c.source for c in profile.criteria}
    given = {
        "scorecard": recipe.inputs.assessment,
        "consultation": recipe.inputs.consultation,
        "experts": recipe.inputs.experts,
    }
    keys = {"scorecard": "assessment", "consultation": "consultation", "experts": "experts"}
    missing = [keys[s] for s in keys if s in needed and not given[s]]
    if not missing:
        return []
    return [
        make_issue(
            "recipe.needs_input",
            found=", ".join(f"inputs.{m}" for m in missing),
            expected=profile.name,
        )
    ]


def _method_paths(recipe: Recipe) -> list[Path]:
    """Every file a run reads: inputs and methodology files given as paths."""
    m = recipe.methodology
    paths = [p for _, p in recipe.inputs.files()]
    paths += [p for p in (m.mapping, m.targets) if p is not None]
    for value in (m.instrument, m.earlier_instrument, m.scheme, m.profile):
        if value and os.path.isabs(value):
            paths.append(Path(value))
    return paths


def _check_folder(folder: Path, recipe: Recipe) -> None:
    """Refuse an output folder mgi must not replace: inside mgi's own files, holding any input
    or methodology file, or holding files mgi did not write (see
    :func:`mgi._io.check_output_folder`)."""
    from mgi._io import check_output_folder
    from mgi._resources import BUNDLED_FOLDERS, bundled_dir

    check_output_folder(folder, inputs=_method_paths(recipe))
    real = Path(os.path.realpath(folder))
    for name in BUNDLED_FOLDERS:
        root = Path(os.path.realpath(bundled_dir(name)))
        if real == root or root in real.parents:
            raise UsageError(
                f"The output folder {folder} is inside mgi's own files ({name}/). Choose "
                "another folder with --out (or outputs.folder in the recipe)."
            )


def _check_default_folder(folder: Path, country: str, round_: str) -> None:
    """A default report folder is never silently taken from another country or round."""
    import tomllib

    if not folder.is_dir() or not any(folder.iterdir()):
        return
    recorded: dict[str, Any] = {}
    try:
        with (folder / RECIPE_FILE).open("rb") as handle:
            recorded = tomllib.load(handle).get("record", {})
    except (OSError, tomllib.TOMLDecodeError):
        pass
    same = (
        str(recorded.get("country", "")).casefold() == country.casefold()
        and str(recorded.get("round", "")) == round_
    )
    if not same:
        raise UsageError(
            f"The folder {folder} already holds a report that is not of {country} {round_}; "
            "mgi does not replace it. Choose a folder for this report with -o."
        )


def _output_plan(recipe: Recipe, country: str | None = None, round_: str | None = None) -> Any:
    """The output folder (or None) and the path of every workbook output."""
    o = recipe.outputs
    folder = o.folder
    several = o.report or o.plan_report or len(o.workbooks()) > 1
    if folder is None and several and country is not None:
        folder = recipe.base / default_report_folder(country, round_ or "")
    if folder is not None:
        return folder, {k: folder / name for k, name in o.workbooks().items()}
    return None, {k: resolve_path(name, recipe.base) for k, name in o.workbooks().items()}


def _check_files(recipe: Recipe, paths: Mapping[str, Path], *, in_folder: bool = False) -> None:
    """Refuse a workbook output mgi must not write (see :func:`mgi._io.check_output_file`).
    Inside an output folder, which is checked as a whole (every file mgi wrote there, unchanged,
    may be replaced), an existing file is not refused on its own: the action-plan workbook is
    stamped as a workbook to fill in, yet the folder's record shows mgi wrote it."""
    from mgi._io import check_output_file

    inputs = _method_paths(recipe)
    for path in paths.values():
        check_output_file(path, inputs=inputs, force=in_folder)


def check_outputs(recipe: Recipe) -> None:
    """Refuse, before any work, the outputs of a recipe that mgi must not write: a folder that
    holds an input or files mgi did not write, a workbook over an input or over a file mgi did
    not write (:class:`~mgi.errors.UsageError`). A default report folder, named after the
    country and round, is checked once they are known."""
    folder, paths = _output_plan(recipe)
    if folder is not None:
        _check_folder(folder, recipe)
    _check_files(recipe, paths, in_folder=folder is not None)


def run(
    recipe: Recipe | str | Path,
    *,
    out: str | Path | None = None,
    write: bool = True,
    progress: Progress | None = None,
) -> Run:
    """Run a recipe: read every input, report every problem at once, compute, write.

    Parameters
    ----------
    recipe
        A :class:`~mgi.recipe.Recipe`, or the path of a recipe file (or of an output folder
        holding ``recipe.toml``).
    out
        Write the outputs into this folder instead of the recipe's ``outputs.folder``.
    write
        False: compute only, write nothing.
    progress
        Called with one line per step (``[2/5] scored ... (0.1 s)``).

    Returns
    -------
    Run

    Raises
    ------
    InputError
        Any input has errors (every problem of every file is listed), or a methodology file
        cannot be loaded.
    UsageError
        An output would replace a file or folder mgi did not write, or an input.
    """
    if not isinstance(recipe, Recipe):
        recipe = load_recipe(recipe)
    if out is not None:
        recipe = recipe.replace(outputs={"folder": os.path.abspath(out)})
    with using(resolve_language(recipe)) as lang:
        recipe = recipe.replace(settings={"lang": lang.code})
        if recipe.inputs.assessments:
            return _run_batch(recipe, write=write, progress=progress)
        return _run(recipe, write=write, progress=progress)


def resolve_language(recipe: Recipe) -> str:
    """The language of a run: the recipe's ``settings.lang``; else the language the main input
    workbook was made in (a template's stamp: this round's questionnaire first, then the
    session's workbooks); else the source language (English).

    Examples
    --------
    >>> resolve_language(Recipe.model_validate({"settings": {"lang": "SQ"}}))
    'sq'
    >>> resolve_language(Recipe())
    'en'
    """
    from mgi.i18n import source_language
    from mgi.workbook.kinds import stamped_language

    if recipe.settings.lang:
        return recipe.settings.lang
    i = recipe.inputs
    for path in (i.assessment, *i.assessments, i.consultation, i.experts, i.weights, i.sdg):
        if path is not None and path.is_file():
            found = stamped_language(path)
            if found:
                return found
    return source_language().code


def _run(recipe: Recipe, *, write: bool, progress: Progress | None) -> Run:
    """The run of one recipe, in the language of the work in progress (see :func:`run`)."""
    lang = current_language()
    i, s = recipe.inputs, recipe.settings
    names = ["read"]
    if i.assessment or i.sdg:
        names.append("score")
    if i.earlier:
        names.append("compare")
    if recipe.ranks:
        names.append("prioritize")
    if recipe.plan is not None:
        names.append("plan")
    if write and not recipe.outputs.empty:
        names.append("write")
    steps = _Steps(names, progress)

    if write:  # refuse a bad output before any work
        check_outputs(recipe)
        if recipe.outputs.report is not None:
            from mgi.reports.fonts import resolve_font

            recipe = recipe.replace(settings={"font": resolve_font(recipe.settings.font)})

    read = _Read()
    _load_methodology(recipe, read)
    read.issues.extend(_needed_inputs(recipe, read.profile))
    _checksums(recipe, read)
    _read_inputs(recipe, read)
    if any(x.is_error for x in read.issues):
        raise _input_errors(read.issues, s.allow_incomplete)
    objects = read.objects
    steps.done("read", _read_message(objects, read.issues))

    card = before = sdg_card = comparison = None
    scored: list[str] = []
    problems: list[Issue] = []
    issues = list(read.issues)
    assessment = objects.get("assessment")
    if assessment is not None:
        card = _score(assessment, read.scheme, recipe, problems)
        if card is not None:
            issues += _with_file(card.issues, assessment.source.file_name)
            scored.append(
                text("run.step.scored_one", lang, what=assessment.label, scheme=card.scheme.label)
            )
    earlier = objects.get("earlier")
    if earlier is not None and card is not None:
        before = _score(earlier, card.scheme, recipe, problems)
        if before is not None:
            issues += _with_file(before.issues, earlier.source.file_name)
            scored.append(earlier.label)
    sdg = objects.get("sdg")
    if sdg is not None:
        sdg_card = _score(sdg, None, recipe, problems, targets=False)
        if sdg_card is not None:
            issues += _with_file(sdg_card.issues, sdg.source.file_name)
            scored.append(
                text(
                    "run.step.scored_module",
                    lang,
                    name=sdg.instrument.name,
                    score=format_value("score", sdg_card.overall, lang),
                )
            )
    if problems:
        raise _input_errors(problems + issues, s.allow_incomplete)
    if scored:
        steps.done("score", text("run.step.score", lang, what=", ".join(scored)))

    if before is not None and card is not None:
        from mgi.scoring import compare

        comparison = compare(before, card, allow_other_country=s.allow_other_country)
        issues += comparison.issues
        steps.done(
            "compare",
            text(
                "run.step.compare",
                lang,
                earlier=before.assessment.round or before.assessment.label,
                later=card.assessment.round or card.assessment.label,
            ),
        )

    agreed = _agreed(read) if read.profile is not None else None
    result = None
    if recipe.ranks:
        steps.part("prioritize", text("run.step.prioritizing", lang))
        result = _prioritize(recipe, read, card, agreed)
        steps.done(
            "prioritize",
            text(
                "run.step.prioritize",
                lang,
                count=len(result.results),
                samples=format_value("count", result.settings["samples"], lang),
            ),
        )

    plan = None
    if recipe.plan is not None and result is not None and card is not None:
        plan, plan_issues, how = _plan(recipe, card, result)
        issues += plan_issues
        steps.done("plan", how)

    as_run = _as_run(recipe, read, card, result)
    made = Run(
        recipe=as_run,
        assessment=assessment,
        scorecard=card,
        earlier=earlier,
        earlier_scorecard=before,
        comparison=comparison,
        sdg=sdg,
        sdg_scorecard=sdg_card,
        profile=read.profile,
        consultation=objects.get("consultation"),
        experts=objects.get("experts"),
        judgements=objects.get("weights"),
        agreed=agreed,
        prioritization=result,
        plan=plan,
        issues=tuple(dict.fromkeys(issues)),
        timings=steps.timings,
    )
    if not write or recipe.outputs.empty:
        return made
    return _write(made, steps)


def _plan(recipe: Recipe, card: Any, result: Any) -> tuple[Any, list[Issue], str]:
    """The action plan pre-filled from the ranking, the decisions and the scorecard's MGI
    indicators (:mod:`mgi.plan`), filled with illustrative measures when the recipe says so."""
    from mgi.plan.model import PlanInfo
    from mgi.plan.prefill import baselines_from_scorecard, prefill_plan, round_year
    from mgi.plan.prefill import priorities_from_prioritization as priorities
    from mgi.workbook.sheets import quarter

    section, i = recipe.plan, recipe.inputs
    assert section is not None
    plan_lang = section.language or current_language()
    issues: list[Issue] = []
    decisions: dict[str, tuple[str, str]] = {}
    if i.decisions is not None:
        from mgi.plan.priorities import read_decisions
        from mgi.workbook.opener import open_workbook, reading

        try:
            with open_workbook(i.decisions) as opened, reading(opened.path):
                decisions, found = read_decisions(opened, plan_lang)
        except InputError as exc:
            raise _input_errors(_issue_from(exc, i.decisions), False) from None
        found = _with_file(found, i.decisions.name)
        if any(x.is_error for x in found):
            raise _input_errors(found, False)
        issues += found
    previous = None
    if i.previous_plan is not None:
        from mgi.plan.workbook import read_plan_workbook

        try:
            previous = read_plan_workbook(i.previous_plan, lang=plan_lang).plan
        except InputError as exc:
            raise _input_errors(_issue_from(exc, i.previous_plan), False) from None
    start = quarter(section.start)
    assessment = card.assessment
    settings = PlanInfo(
        title=section.title
        or recipe.title
        or text("run.plan_title", plan_lang, country=assessment.country),
        country=section.country or assessment.country,
        start=start,
        end=quarter(section.end) if section.end else start.shift(11),
        currency=section.currency.strip().upper(),
        language=plan_lang,
        round_year=round_year(assessment.round),
        instrument=assessment.instrument.name,
        illustrative=section.fill == "illustrative",
    )
    top_k = section.top_k or recipe.settings.top_k or 10
    plan, notes = prefill_plan(
        priorities(result, decisions),
        settings=settings,
        baselines=baselines_from_scorecard(card),
        top_k=top_k,
        previous=previous,
    )
    how = text("run.step.plan", plan_lang, count=len(plan.objectives))
    if section.fill == "illustrative":
        from mgi.demo.plan import fill_demo_plan

        plan = fill_demo_plan(plan)
        how += text("run.step.plan_filled", plan_lang, count=len(plan.measures))
    return plan, issues, how + f" ({notes[0]})"


def _read_message(objects: Mapping[str, Any], issues: list[Issue]) -> str:
    lang = current_language()
    questionnaires = [objects[k] for k in ("assessment", "earlier", "sdg") if k in objects]
    session = [k for k in ("consultation", "experts", "weights") if k in objects]
    parts = []
    if questionnaires:
        answers = " + ".join(format_value("count", len(a.answers), lang) for a in questionnaires)
        parts.append(
            text("run.step.read_questionnaires", lang, count=len(questionnaires), answers=answers)
        )
    if session:
        kinds = ", ".join(text(f"value.kind.{k}", lang) for k in session)
        parts.append(text("run.step.read_session", lang, count=len(session), kinds=kinds))
    warnings = sum(not i.is_error for i in issues)
    return text(
        "run.step.read",
        lang,
        what=text("run.and", lang).join(parts) if parts else text("run.step.nothing", lang),
        warnings=text("cli.validate.warnings", lang, count=warnings),
    )


def _score(
    assessment: Any, scheme: Any, recipe: Recipe, problems: list[Issue], *, targets: bool = True
) -> Any:
    from mgi.scoring import score

    try:
        return score(
            assessment,
            scheme,
            targets=recipe.methodology.targets if targets else None,
            allow_incomplete=recipe.settings.allow_incomplete,
        )
    except InputError as exc:
        problems.extend(_issue_from(exc, Path(assessment.source.file_name or "assessment")))
        return None


def _agreed(read: _Read) -> Any:
    """The working group's combined weights, or the profile's default weights."""
    from mgi.priorities.weighting import combine_judgements, profile_weights

    judgements = read.objects.get("weights")
    if judgements is not None:
        return combine_judgements(judgements, read.profile.codes)
    return profile_weights(read.profile.default_weights())


def _prioritize(recipe: Recipe, read: _Read, card: Any, agreed: Any) -> Any:
    from mgi.priorities.criteria import build_criteria_matrix
    from mgi.priorities.session import prioritize

    objects = read.objects
    matrix = build_criteria_matrix(
        read.profile,
        scorecard=card,
        consultation=objects.get("consultation"),
        experts=objects.get("experts"),
    )
    from mgi.priorities.whatif import WhatIf

    s = recipe.settings
    methods = list(s.methods) if s.methods else None
    return prioritize(
        matrix,
        agreed,
        methods=methods,
        primary=methods[0] if methods else None,
        samples=s.samples,
        seed=s.seed,
        top_k=s.top_k,
        reference=recipe.inputs.reference,
        whatif=WhatIf(weights=s.weights or {}, exclude=s.exclude or {}, lock=s.lock or {}),
    )


def _as_run(recipe: Recipe, read: _Read, card: Any, result: Any) -> Recipe:
    """The recipe with the settings actually used and the inputs' checksums: what the outputs
    record, so that running it again does not depend on defaults that may change."""
    from mgi import __version__

    settings: dict[str, Any] = {}
    if result is not None:
        used = result.settings
        settings = {
            "methods": list(used["methods"]),
            "samples": int(used["samples"]),
            "seed": int(used["seed"]),
            "top_k": int(used["top_k"]),
        }
    record = {"mgi_version": __version__}
    if card is not None:
        record |= {"country": card.assessment.country, "round": card.assessment.round}
    return recipe.replace(settings=settings, checksums=read.checksums, record=record)


def _record_warnings(recipe: Recipe, where: Path) -> list[Issue]:
    """A warning for each input the recorded recipe can only name by its file name."""
    return [
        make_issue("recipe.name_only", column=key, found=path.name)
        for key, path in recipe.inputs.files()
        if is_outside(path, where)
    ]


def _write(made: Run, steps: _Steps) -> Run:
    """Write every output the recipe names; the recipe as run goes into each of them."""
    import dataclasses

    recipe = made.recipe
    card = made.scorecard
    country = card.assessment.country if card is not None else None
    round_ = card.assessment.round if card is not None else None
    folder, paths = _output_plan(recipe, country, round_)
    if folder is not None and recipe.outputs.folder is None:  # the default report folder
        _check_default_folder(folder, country or "", round_ or "")
        _check_folder(folder, recipe)
        recipe = recipe.replace(outputs={"folder": str(folder)})
    writers = _workbook_writers(made)
    missing = sorted(set(paths) - set(writers))
    if missing:
        raise InputError(
            f"The recipe asks for {', '.join(missing)}, which this run did not compute "
            "(check its inputs)."
        )
    written: list[Path] = []
    issues = list(made.issues)
    if folder is None:
        for key, path in paths.items():
            issues += _record_warnings(recipe, path.parent)
            writers[key](path, recipe.to_toml(path.parent))
            written.append(path)
    else:
        issues += _record_warnings(recipe, folder)
        written = _write_folder(made, recipe, folder, writers, steps)
    lang = current_language()
    if folder is not None:
        wrote = text("run.step.write_folder", lang, count=len(written), folder=folder)
    else:
        wrote = text("run.step.write", lang, count=len(written))
    steps.done("write", wrote)
    return dataclasses.replace(
        made,
        recipe=recipe,
        folder=folder,
        files=tuple(written),
        issues=tuple(dict.fromkeys(issues)),
        timings=steps.timings,
    )


def _workbook_writers(made: Run) -> dict[str, Callable[[Path, str], Path]]:
    """The workbook outputs this run can write: key → ``writer(path, recipe_text)``. Each is
    the results workbook of its object, with the recipe as the last row of its About sheet."""
    from mgi.scoring.export import comparison_results, scorecard_results
    from mgi.workbook.results import ResultsWorkbook, ResultTable, issues_table

    contents: dict[str, Callable[[], ResultsWorkbook]] = {}
    for key, card in (
        ("scores", made.scorecard),
        ("earlier_scores", made.earlier_scorecard),
        ("sdg_scores", made.sdg_scorecard),
    ):
        if card is not None:
            contents[key] = functools.partial(scorecard_results, card)
    if made.comparison is not None:
        contents["comparison"] = lambda: comparison_results(made.comparison)
    if made.prioritization is not None:
        from mgi.priorities.export import prioritization_results

        contents["priorities"] = lambda: _with_reasons(
            prioritization_results(made.prioritization, made.issues), made.prioritization
        )
    if made.combined is not None:
        contents["combined"] = lambda: ResultsWorkbook(
            text("results.combined_title", current_language()),
            (ResultTable("Scores", made.combined, index=False), issues_table(made.issues)),
            notes=tuple(_combined_notes(made)),
        )
    writers = {key: _with_recipe(content) for key, content in contents.items()}
    if made.plan is not None:
        writers["plan"] = _plan_writer(made)
    return writers


def _plan_writer(made: Run) -> Callable[[Path, str], Path]:
    """The writer of the action-plan workbook (a workbook to fill in, stamped as a plan: the
    recipe is recorded in the output folder's ``recipe.toml``, not in the workbook)."""

    def write(path: Path, text: str) -> Path:
        from mgi.plan.workbook import write_plan_workbook

        section = made.recipe.plan
        rows = section.rows if section is not None and section.fill == "none" else 0
        return write_plan_workbook(made.plan, path, rows_per_objective=rows)

    return write


def _with_reasons(workbook: Any, prioritization: Any) -> Any:
    """The priorities workbook with what lifts and what holds back every objective written in
    the run's language (the prioritisation keeps them in English)."""
    import dataclasses

    lang = current_language()
    if lang == "en":
        return workbook
    from mgi.reports.texts import REASON_COLUMNS, with_reasons

    tables = tuple(
        dataclasses.replace(table, frame=with_reasons(table.frame, prioritization, lang))
        if REASON_COLUMNS.intersection(table.frame.columns)
        else table
        for table in workbook.tables
    )
    return dataclasses.replace(workbook, tables=tables)


def _with_recipe(content: Callable[[], Any]) -> Callable[[Path, str], Path]:
    """A writer of the workbook ``content()`` that records the recipe in its About sheet."""
    import dataclasses

    from mgi.workbook.results import write_results_workbook

    def write(path: Path, recipe_text: str) -> Path:
        workbook = content()
        about = (*workbook.about, (RECIPE_ROW, recipe_text))
        return write_results_workbook(dataclasses.replace(workbook, about=about), path)

    return write


def _write_folder(
    made: Run,
    recipe: Recipe,
    folder: Path,
    writers: Mapping[str, Callable[[Path, str], Path]],
    steps: _Steps,
) -> list[Path]:
    """Write the output folder as a whole: the report, the workbooks and ``recipe.toml``."""
    from mgi._io import atomic_directory
    from mgi.reports.render import submit

    text = recipe.to_toml(folder)
    report = recipe.outputs.report
    written: list[Path] = []
    with (
        atomic_directory(folder, inputs=_method_paths(recipe)) as tmp,
        _pool(recipe) as pool,
    ):
        others: list[Path] = []
        reports: list[Callable[[], list[Path]]] = []

        def write_others() -> None:
            """The workbooks, written while the report's charts are drawn in the worker
            processes; then the plan's and the monitoring reports, given to the workers after
            the charts (they read the plan's workbook as written)."""
            names = recipe.outputs.workbooks()
            for key in sorted(names, key=lambda key: key != "plan"):  # the plan's first
                writers[key](tmp / names[key], text)
            others.extend(Path(name) for name in names.values())
            lang = current_language()
            for wanted, write in (
                (recipe.outputs.plan_report, _write_plan_report),
                (recipe.outputs.monitor_report, _write_monitor_report),
            ):
                if wanted is not None:
                    reports.append(submit(pool, _in_language, lang, write, made.plan, recipe, tmp))

        if report is not None:
            from mgi.reports import build_report

            inside = tmp / (report if report != "." else ".report.part")
            result = build_report(
                made.scorecard,
                made.prioritization,
                comparison=made.comparison,
                out_dir=inside,
                formats=recipe.settings.formats,
                recipe=recipe.to_dict(folder),
                lang=current_language(),
                font=recipe.settings.font,
                alongside=write_others,
                progress=lambda message: steps.part("write", message),
                pool=pool,
            )
            files = [p.relative_to(result.out_dir) for p in result.files]
            if report == ".":
                for child in sorted(inside.iterdir()):
                    os.replace(child, tmp / child.name)
                inside.rmdir()
            written += [Path(report) / p if report != "." else p for p in files]
        else:
            write_others()
        written += others
        for made_report in reports:
            written += made_report()
        (tmp / RECIPE_FILE).write_text(text, encoding="utf-8", newline="\n")
        written.append(Path(RECIPE_FILE))
    return [folder / p for p in written]


def _in_language(lang: str, work: Callable[..., Any], *args: Any) -> Any:
    """``work(*args, lang)`` in the language ``lang`` (in a worker process too)."""
    with using(lang):
        return work(*args, lang)


@contextlib.contextmanager
def _pool(recipe: Recipe) -> Iterator[Any]:
    """The worker processes of an output folder's writing: the report's charts, then the
    plan's and the monitoring reports (None: everything in this process)."""
    outputs = recipe.outputs
    if outputs.report is None:
        yield None
        return
    from mgi.reports.captions import CHART_STEMS
    from mgi.reports.render import worker_pool

    plan = ["mgi.plan.workbook", "mgi.plan.report", "mgi.reports.plan_charts"]
    monitor = ["mgi.demo.monitor", "mgi.monitor.read", "mgi.monitor.report"]
    monitor += ["mgi.reports.monitor_charts", "mgi.reports.blocks_html"]
    extra = ["openpyxl", "mgi.workbook.results"]
    extra += [*plan, *monitor] if outputs.monitor_report else plan if outputs.plan_report else []
    with worker_pool(len(CHART_STEMS), modules=extra) as pool:
        yield pool


def _chart_files(recipe: Recipe) -> tuple[str, ...]:
    """The formats of a file of each chart (PNG, SVG, PDF) among the recipe's chart formats
    (``all-pdf`` is the report's one file of every chart)."""
    from mgi.reports.render import formats_in

    return formats_in(recipe.settings.formats)[0]


def _write_plan_report(plan: Any, recipe: Recipe, tmp: Path, run_lang: str) -> list[Path]:
    """The report of the plan filled in the run, made from its workbook as written and read
    back (what the secretariat would report), refused if the plan has errors. Run in a worker
    process (:func:`mgi.reports.render.submit`): its arguments are plain and picklable."""
    from mgi.plan.checks import check_plan
    from mgi.plan.report import write_plan_report

    lang = (recipe.plan.language if recipe.plan is not None else None) or run_lang
    if recipe.outputs.plan is not None:
        from mgi.plan.workbook import read_plan_workbook

        read = read_plan_workbook(tmp / recipe.outputs.plan, lang=lang)
        plan, found = read.plan, list(read.issues)
    else:
        found = []
    found += check_plan(plan, lang=lang)
    if any(x.is_error for x in found):
        raise _input_errors(found, False)
    name = recipe.outputs.plan_report or "plan"
    report = write_plan_report(
        plan, tmp / name, lang=lang, issues=found, formats=_chart_files(recipe)
    )
    return [Path(name) / p.relative_to(report.folder) for p in report.files]


def _write_monitor_report(plan: Any, recipe: Recipe, tmp: Path, run_lang: str) -> list[Path]:
    """Illustrative progress workbooks of every institution for each period of ``[monitor]``
    (``progress/<period>/``), read back and consolidated into the monitoring report of the last
    period (:mod:`mgi.demo.monitor`, :mod:`mgi.monitor`). Their deliberate problems are
    warnings: the report lists them. Run in a worker process, as :func:`_write_plan_report`."""
    from mgi.demo.monitor import write_demo_progress
    from mgi.monitor.consolidate import consolidate
    from mgi.monitor.indicators import load_thresholds
    from mgi.monitor.period import period
    from mgi.monitor.read import read_progress_workbook
    from mgi.monitor.report import write_monitor_report

    section = recipe.monitor
    assert section is not None
    lang = section.language or run_lang
    if recipe.outputs.plan is not None:
        from mgi.plan.workbook import read_plan_workbook

        plan = read_plan_workbook(tmp / recipe.outputs.plan, lang=lang).plan
    demo = write_demo_progress(plan, tmp / "progress", periods=section.periods, lang=lang)
    last = str(period(section.periods[-1]))
    reads = {
        when: [read_progress_workbook(p, lang=lang) for p in files]
        for when, files in demo.files.items()
    }
    issues = [i for found in reads.values() for r in found for i in r.issues]
    found = consolidate(
        plan,
        [r.report for r in reads[last]],
        period=period(last),
        earlier=[r.report for when, rs in reads.items() if when != last for r in rs],
        thresholds=load_thresholds(section.thresholds),
        issues=issues,
    )
    if found.errors:
        raise _input_errors(list(found.issues), False)
    name = recipe.outputs.monitor_report or "monitor"
    report = write_monitor_report(found, tmp / name, lang=lang, formats=_chart_files(recipe))
    files = [
        Path("progress") / p.relative_to(tmp / "progress") for fs in demo.files.values() for p in fs
    ]
    return files + [Path(name) / p.relative_to(report.folder) for p in report.files]


def _combined_notes(made: Run) -> list[str]:
    lang = current_language()
    scheme = made.recipe.methodology.scheme
    name = Path(scheme).name if scheme else text("results.scheme_default", lang)
    return [text("notice.overall_derived", lang), text("results.scheme", lang, scheme=name)]


def _run_batch(recipe: Recipe, *, write: bool, progress: Progress | None) -> Run:
    """Several questionnaires scored into one table; a broken file is skipped and reported."""
    from mgi.scoring import combine
    from mgi.workbook import read_assessment

    names = ["score"] + (["write"] if write and not recipe.outputs.empty else [])
    steps = _Steps(names, progress)
    if write:
        check_outputs(recipe)
    read = _Read()
    _load_methodology(recipe, read)
    if any(x.is_error for x in read.issues):
        raise _input_errors(read.issues, recipe.settings.allow_incomplete)
    _checksums(recipe, read)
    allow = recipe.settings.allow_incomplete
    cards: list[Any] = []
    skipped: list[str] = []
    issues: list[Issue] = list(read.issues)
    for path in recipe.inputs.assessments:
        found: list[Issue] = []
        assessment = _attempt_into(
            found, path, lambda p: read_assessment(p, read.instrument, allow_incomplete=allow), path
        )
        if assessment is not None:
            found += coverage_issues(assessment, allow)
            found += assessment.issues
            if not any(x.is_error for x in found):
                card = _score(assessment, read.scheme, recipe, found)
                if card is not None:
                    cards.append(card)
                    found += _with_file(card.issues, path.name)
        if any(x.is_error for x in found):
            skipped.append(path.name)
        issues += _with_file(found, path.name)
    lang = current_language()
    steps.done(
        "score",
        text(
            "run.step.score_batch",
            lang,
            scored=len(cards),
            count=len(recipe.inputs.assessments),
        )
        + (" " + text("run.step.skipped", lang, count=len(skipped)) if skipped else ""),
    )
    made = Run(
        recipe=recipe.replace(checksums=read.checksums, record={"mgi_version": _version()}),
        scorecards=tuple(cards),
        combined=combine(cards),
        skipped=tuple(skipped),
        issues=tuple(dict.fromkeys(issues)),
        timings=steps.timings,
    )
    if not write or recipe.outputs.empty:
        return made
    return _write(made, steps)


def _attempt_into(found: list[Issue], path: Path, reader: Callable[..., Any], *args: Any) -> Any:
    try:
        return reader(*args)
    except InputError as exc:
        found.extend(_issue_from(exc, path))
        return None


def _version() -> str:
    from mgi import __version__

    return __version__


class _CallableModule(types.ModuleType):
    """``mgi.run`` is both this module and the function: calling the module runs a recipe."""

    def __call__(self, *args: Any, **kwargs: Any) -> Run:
        return run(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
