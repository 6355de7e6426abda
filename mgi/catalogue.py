"""The one catalogue of problems mgi reports, and the :class:`Issue` record that carries them.

Every message a user sees about their input comes from a rule here, so that the wording follows
one grammar (where, what was found, what is allowed, how to fix it) and tests can assert on the
rule's code rather than on prose. An :class:`Issue` is one occurrence of a rule at one place.

A :class:`Rule` is a stable code and a default severity; its words live once, in the language
catalogues (``data/i18n/messages.pot`` for English, ``data/i18n/<lang>/messages.po`` for each
other language), as the entries ``issue.<code>.text`` (what was found) and ``issue.<code>.fix``
(how to fix it). :func:`make_issue` writes the message in the language of the work in progress
(:func:`mgi.i18n.using`, set by :func:`mgi.run.run` and by every command's ``--lang``) and keeps
the values of its placeholders, so that an issue can be written again in another language
(:func:`mgi.i18n.issues.localized`). ``python -m mgi.i18n check --drift`` checks that every rule
has its entries and every entry its rule.

Examples
--------
>>> issue = make_issue("answer.invalid", sheet="Domain 2", cell="E17", indicator="D2.3.1",
...                    found="Partly yes",
...                    allowed="Fully present, Partially present, Absent, Not applicable")
>>> print(issue)
[sheet Domain 2, cell E17, indicator D2.3.1] The answer "Partly yes" is not allowed. Use one of: Fully present, Partially present, Absent, Not applicable.
>>> from mgi.i18n import using
>>> with using("sq"):
...     print(make_issue("answer.invalid", sheet="D2", cell="E17", found="Partly yes",
...                      allowed="Po, Jo"))
[fleta D2, qeliza E17] Përgjigjja "Partly yes" nuk lejohet. Përdorni një nga: Po, Jo.
"""  # noqa: E501

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

Severity = Literal["error", "warning"]
#: The parts of a rule's message, in the order they are joined.
PARTS = ("text", "fix")


@dataclass(frozen=True)
class Rule:
    """One catalogue entry: a stable code and a default severity.

    Its words are the catalogue entries ``issue.<code>.text`` and ``issue.<code>.fix``
    (:meth:`key`); :attr:`text` and :attr:`fix` give their English.
    """

    code: str
    severity: Severity
    #: Placeholders whose values are English words of mgi's data or numbers mgi wrote, put in
    #: the message's language: placeholder -> content table (``criteria``,
    #: ``stakeholder_groups``), ``words`` (an interface word ``word.<value>``) or ``number``
    #: (the language's decimal sign).
    translated: tuple[tuple[str, str], ...] = ()

    def key(self, part: str) -> str:
        """The key of one part of the message in the language catalogues."""
        return f"issue.{self.code}.{part}"

    def template(self, part: str, lang: str = "en") -> str:
        """One part of the message (``text`` or ``fix``) in ``lang``, placeholders unfilled;
        empty when the rule has no such part."""
        from mgi.i18n.messages import has_text, template

        key = self.key(part)
        return str(template(key, lang)) if has_text(key) else ""

    @property
    def text(self) -> str:
        """What was found, in English (placeholders unfilled)."""
        return self.template("text")

    @property
    def fix(self) -> str:
        """How to fix it, in English (placeholders unfilled)."""
        return self.template("fix")

    def fields(self) -> set[str]:
        """Names of the ``{placeholders}`` the message uses."""
        from mgi.i18n.messages import placeholders

        return {name for part in PARTS for name in placeholders(self.template(part))}


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


CATALOGUE: dict[str, Rule] = _rules(
    # --- data files: instruments, mappings, scoring schemes, prioritisation profiles -----------
    Rule("data.file_missing", "error"),
    Rule("data.is_directory", "error"),
    Rule("data.unreadable", "error"),
    Rule("data.empty_file", "error"),
    Rule("data.missing_column", "error"),
    Rule("data.empty_value", "error"),
    Rule("data.duplicate_code", "error"),
    Rule("data.bad_code", "error"),
    Rule("data.unknown_reference", "error"),
    Rule("data.wrong_parent", "error"),
    Rule("data.bad_number", "error"),
    Rule("data.negative_number", "error"),
    Rule("data.out_of_range", "error"),
    Rule("data.bad_value", "error"),
    Rule("data.alias_conflict", "error"),
    Rule("data.mapping_duplicate", "error"),
    Rule("data.mapping_missing", "warning"),
    Rule("data.secondary_repeats_primary", "error"),
    Rule("data.control_character", "error"),
    Rule("data.scale_value_ignored", "warning"),
    Rule("data.guidance_repeats_label", "warning"),
    Rule("data.metadata", "error"),
    # --- workbooks: reading the file at all ------------------------------------------------------
    Rule("workbook.not_found", "error"),
    Rule("workbook.is_directory", "error"),
    Rule("workbook.text_file", "error"),
    Rule("workbook.legacy_xls", "error"),
    Rule("workbook.ods", "error"),
    Rule("workbook.encrypted", "error"),
    Rule("workbook.corrupt", "error"),
    Rule("workbook.zip_bomb", "error"),
    Rule("workbook.unsafe_xml", "error"),
    Rule("workbook.empty", "error"),
    Rule("workbook.no_questions", "error"),
    Rule("workbook.no_stamp", "warning"),
    Rule("workbook.other_instrument", "error"),
    Rule("workbook.other_version", "error"),
    Rule("workbook.earlier_edition", "warning"),
    Rule("workbook.other_kind", "error"),
    Rule("workbook.formula_no_value", "error"),
    Rule("workbook.merged_cells", "error"),
    Rule("workbook.too_large", "error"),
    Rule("workbook.text_too_long", "warning"),
    # --- answers ---------------------------------------------------------------------------------
    Rule("answer.unknown_code", "error"),
    Rule("answer.duplicate_code", "error"),
    Rule("answer.missing", "error"),
    Rule("answer.invalid", "error"),
    Rule("answer.not_text", "error"),
    Rule("answer.reinterpreted", "warning"),
    Rule("answer.in_other_column", "error"),
    Rule("answer.no_evidence", "warning"),
    Rule("answer.no_reason", "warning"),
    Rule("implementation.reinterpreted", "warning"),
    Rule("implementation.invalid", "warning"),
    # --- workbook metadata -------------------------------------------------------------------
    Rule("metadata.missing", "error"),
    Rule("metadata.bad_round", "error"),
    Rule("metadata.bad_date", "error"),
    # --- stakeholder and expert ratings, working-group weights --------------------------------
    Rule("rating.invalid", "error"),
    Rule("rating.invalid_answer", "error"),
    Rule("rating.unknown_option", "warning"),
    Rule("rating.missing", "warning"),
    Rule("rating.no_participant", "error"),
    Rule("rating.duplicate_participant", "error"),
    Rule("rating.missing_group", "error"),
    Rule("rating.unknown_group", "warning"),
    Rule("rating.unknown_objective", "error"),
    Rule("rating.missing_column", "error"),
    Rule("rating.no_ratings", "error"),
    Rule("rating.group_single_member", "warning", translated=(("found", "stakeholder_groups"),)),
    Rule("rating.population_share_missing", "warning"),
    Rule("weights.bad_value", "error"),
    Rule("weights.bad_weight", "error"),
    Rule("weights.bad_method", "error"),
    Rule("weights.bad_points", "error"),
    Rule("weights.bad_rank", "error"),
    Rule("weights.bad_judgement", "error"),
    Rule("weights.several_methods", "error"),
    Rule("weights.not_reciprocal", "error"),
    Rule("weights.incomplete", "error"),
    Rule("weights.empty", "warning"),
    Rule("weights.all_zero", "error"),
    Rule("weights.inconsistent", "warning"),
    Rule("weights.no_participants", "error"),
    # --- scoring -----------------------------------------------------------------------------
    Rule("score.errors_in_assessment", "error"),
    Rule("score.missing_answers", "error"),
    Rule("score.insufficient_coverage", "warning"),
    # --- comparing rounds --------------------------------------------------------------------
    Rule("compare.unmatched", "warning"),
    Rule("compare.crosswalk", "warning"),
    Rule("compare.other_instrument", "warning"),
    Rule("compare.other_country", "error"),
    Rule("compare.other_country_allowed", "warning"),
    Rule("compare.rounds_reversed", "error"),
    Rule("compare.same_round", "warning"),
    Rule("compare.left_out", "warning"),
    # --- workbooks: reading at scale, the sheet specification, session workbooks ------------
    Rule("headline.cannot_read", "error"),
    Rule("headline.other_kind", "error"),
    Rule("headline.too_large", "error"),
    Rule("headline.unknown_kind", "error"),
    Rule("rating.name_differs", "error"),
    Rule("workbook.too_many_cells", "error"),
    Rule("workbook.too_wide", "error"),
    Rule("workbook.too_many_strings", "error"),
    Rule("score.scale_not_in_scheme", "error"),
    Rule("score.evidence_required", "error"),
    # --- action plans (mgi plan) -------------------------------------------------------------
    Rule("plan.not_a_plan", "error"),
    Rule("plan.other_kind", "error"),
    Rule("workbook.is_plan", "error"),
    Rule("plan.missing_sheet", "error"),
    Rule("plan.missing_column", "error"),
    Rule("plan.missing_setting", "error"),
    Rule("plan.bad_period", "error"),
    Rule("plan.bad_setting", "error"),
    Rule("plan.bad_quarter", "error"),
    Rule("plan.bad_cost", "error"),
    Rule("plan.bad_number", "error"),
    Rule("plan.bad_year", "error"),
    Rule("plan.bad_objective", "error"),
    Rule("plan.bad_action", "error"),
    Rule("plan.action_other_objective", "warning"),
    Rule("plan.bad_sdg_target", "error"),
    Rule("plan.unlisted_sdg_target", "warning"),
    Rule("plan.bad_eu_chapter", "error"),
    Rule("plan.bad_choice", "error"),
    Rule("plan.bad_mgi_indicator", "error"),
    Rule("plan.bad_annual_targets", "error"),
    Rule("plan.bad_code", "error"),
    Rule("plan.missing_code", "error"),
    Rule("plan.duplicate_code", "error"),
    Rule("plan.no_objective", "error"),
    Rule("plan.unknown_objective", "error"),
    Rule("plan.unknown_institution", "error"),
    Rule("plan.unknown_indicator", "error"),
    Rule("plan.unknown_measure", "error"),
    Rule("plan.no_lead", "error"),
    Rule("plan.missing_quarter", "error"),
    Rule("plan.outside_period", "error"),
    Rule("plan.end_before_start", "error"),
    Rule("plan.no_cost", "warning"),
    Rule("plan.other_currency", "error"),
    Rule("plan.no_indicator", "error"),
    Rule("plan.indicator_incomplete", "error"),
    Rule("plan.target_before_baseline", "error"),
    Rule("plan.objective_removed", "error"),
    Rule("plan.objective_without_measure", "error"),
    Rule("plan.shortfall_unaddressed", "error"),
    # --- pre-filling a plan from priorities -----------------------------------------------------
    Rule("plan.not_priorities", "error"),
    Rule("plan.bad_decision", "error"),
    Rule("plan.nothing_included", "error"),
    Rule("plan.no_baseline", "warning"),
    Rule("plan.assessment_differs", "warning"),
    # --- monitoring the action plan (mgi monitor) ------------------------------------------
    Rule("monitor.not_progress", "error"),
    Rule("monitor.other_kind", "error"),
    Rule("monitor.missing_sheet", "error"),
    Rule("monitor.missing_column", "error"),
    Rule("monitor.no_period", "error"),
    Rule("monitor.bad_period", "error"),
    Rule("monitor.bad_code", "error"),
    Rule("monitor.bad_status", "error"),
    Rule("monitor.bad_progress", "error"),
    Rule("monitor.bad_amount", "error"),
    Rule("monitor.bad_value", "error"),
    Rule("monitor.bad_date", "error"),
    Rule("monitor.other_period", "error"),
    Rule("monitor.not_earlier", "error"),
    Rule("monitor.other_plan", "error"),
    Rule("monitor.unknown_institution", "error"),
    Rule("monitor.duplicate_report", "error"),
    Rule("monitor.unknown_measure", "error"),
    Rule("monitor.not_holder", "error"),
    Rule("monitor.completed_below_100", "error"),
    Rule("monitor.conflicting_measure", "error"),
    Rule("monitor.duplicate_measure", "warning"),
    Rule("monitor.no_status", "warning"),
    Rule("monitor.overspent", "warning"),
    Rule("monitor.unknown_indicator", "error"),
    Rule("monitor.other_measurer", "warning"),
    Rule("monitor.wrong_unit", "warning"),
    Rule("monitor.date_after_period", "warning"),
    Rule("monitor.duplicate_value", "warning"),
    Rule("monitor.conflicting_value", "error"),
    Rule("monitor.missing_report", "warning"),
    Rule("monitor.no_reports", "error"),
    Rule("monitor.bad_thresholds", "error"),
    Rule("monitor.baseline_round_differs", "warning"),
    Rule("monitor.no_baseline_round", "error"),
    Rule("monitor.no_midterm_round", "error"),
    Rule("monitor.other_instrument", "error"),
    # --- outputs: where mgi writes (refused before any work, exit code 2) ----------------------
    Rule("output.holds_input", "error"),
    Rule("output.is_input", "error"),
    Rule("output.is_file", "error"),
    Rule("output.is_folder", "error"),
    Rule("output.bad_suffix", "error"),
    Rule("output.exists", "error"),
    Rule("output.foreign_folder", "error"),
    Rule("output.parent_not_folder", "error"),
    Rule("output.not_writable", "error"),
    Rule("output.write_failed", "error"),
    # --- prioritisation engine (mgi.prioritization): matrices, weights, settings -------------
    # Where: the argument (decision matrix, weights, a method's setting) and, when known, the
    # criterion (column) or alternative; then what was found, what is allowed, how to fix it.
    Rule("mcda.not_numeric", "error"),
    Rule("mcda.matrix_shape", "error"),
    Rule("mcda.matrix_not_finite", "error"),
    Rule("mcda.weights_unnamed", "error"),
    Rule("mcda.weights_unknown_criterion", "error"),
    Rule("mcda.weights_missing_criterion", "error"),
    Rule("mcda.weights_not_numeric", "error"),
    Rule("mcda.weights_not_finite", "error"),
    Rule("mcda.weights_negative", "error"),
    Rule("mcda.weights_all_zero", "error"),
    Rule("mcda.wrong_count", "error"),
    Rule("mcda.type_unknown", "error"),
    Rule("mcda.unknown_method", "error"),
    Rule("mcda.setting_unknown", "error"),
    Rule("mcda.setting_invalid", "error"),
    Rule("mcda.normalization_negative", "error"),
    Rule("mcda.bounds_missing", "error"),
    Rule("mcda.bounds_invalid", "error"),
    Rule("mcda.outside_scale", "error"),
    Rule("mcda.normalization_cost_zero", "error"),
    Rule("mcda.preference_parameter_missing", "error"),
    Rule("mcda.preference_thresholds", "error"),
    Rule("mcda.not_linear", "error"),
    Rule("mcda.scores_not_finite", "error"),
    Rule("mcda.concentration_without_weights", "error"),
    Rule("mcda.band_needs_weights", "error"),
    Rule("mcda.data_sampler_missing", "error"),
    Rule("mcda.unknown_alternative", "error"),
    Rule("mcda.rankings_length", "error"),
    Rule("mcda.rankings_too_short", "error"),
    Rule("mcda.rankings_not_finite", "error"),
    Rule("mcda.rankings_constant", "error"),
    Rule("mcda.rankings_not_ranks", "error"),
    Rule("mcda.ranking_invalid", "error"),
    Rule("mcda.too_few_alternatives", "error"),
    Rule("mcda.entropy_negative", "error"),
    Rule("mcda.objective_weights_undefined", "error"),
    Rule("mcda.pairwise_not_numeric", "error"),
    Rule("mcda.pairwise_shape", "error"),
    Rule("mcda.pairwise_not_positive", "error"),
    Rule("mcda.pairwise_diagonal", "error"),
    Rule("mcda.pairwise_not_reciprocal", "error"),
    Rule("mcda.pairwise_too_large", "error"),
    Rule("mcda.group_empty", "error"),
    Rule("mcda.group_sizes", "error"),
    Rule("mcda.zero_weight", "warning"),
    Rule("mcda.constant_criterion", "warning"),
    Rule("mcda.tie", "warning"),
    Rule("mcda.smaa_ties", "warning"),
    Rule("mcda.smaa_never_first", "warning"),
    # --- prioritising the GCM objectives (mgi.priorities): the criteria matrix and weights ----
    Rule("priorities.input_missing", "error"),
    Rule("priorities.no_gap", "error"),
    Rule("priorities.gap_missing", "error"),
    Rule("priorities.gap_imputed", "warning"),
    Rule("priorities.gap_too_few", "warning"),
    Rule("priorities.criterion_no_value", "error"),
    Rule("priorities.criterion_constant", "warning"),
    Rule("priorities.outside_scale", "warning"),
    Rule(
        "priorities.criterion_noise",
        "warning",
        translated=(
            ("label", "criteria"),
            ("people", "words"),
            *((n, "number") for n in ("spread", "noise", "ratio", "threshold")),
        ),
    ),
    Rule(
        "priorities.criterion_disagreement",
        "warning",
        translated=(
            ("label", "criteria"),
            ("people", "words"),
            *((n, "number") for n in ("w", "threshold")),
        ),
    ),
    Rule(
        "priorities.criteria_correlated",
        "warning",
        translated=tuple((n, "number") for n in ("r", "threshold", "weight")),
    ),
    Rule("priorities.override_invalid", "error"),
    Rule("priorities.override_unknown", "error"),
    Rule("priorities.objective_unknown", "error"),
    Rule("priorities.exclude_and_lock", "error"),
    Rule("priorities.too_few_left", "error"),
    Rule("priorities.weights_missing", "error"),
    Rule("priorities.participant_weights_zero", "error"),
    Rule("priorities.judgement_unusable", "error"),
    Rule("priorities.weights_not_finite", "error"),
    # --- whole assessments ---------------------------------------------------------------------
    Rule("assessment.unfilled", "error"),
    Rule("assessment.incomplete", "warning"),
    # --- recipes and runs ----------------------------------------------------------------------
    Rule("run.input_errors", "error"),
    Rule("recipe.needs_input", "error"),
    Rule("recipe.input_changed", "warning"),
    Rule("recipe.name_only", "warning"),
    # --- exports of mgi's XLSForms (KoboToolbox, ODK Central) --------------------------------
    Rule("headline.cannot_read_export", "error"),
    Rule("xlsform.is_form", "error"),
    Rule("xlsform.not_an_export", "error"),
    Rule("xlsform.missing_columns", "error"),
    Rule("xlsform.no_form_id", "warning"),
    Rule("xlsform.other_form", "error"),
    Rule("xlsform.other_form_submission", "error"),
    Rule("xlsform.duplicate_submission", "warning"),
    Rule("xlsform.rejected_submission", "warning"),
    Rule("xlsform.no_submissions", "error"),
    Rule("xlsform.invalid_answer", "error"),
    Rule("xlsform.missing_answer", "warning"),
    Rule("xlsform.missing_group", "error"),
    Rule("xlsform.unknown_group", "warning"),
    Rule("xlsform.unknown_option", "warning"),
    Rule("xlsform.many_submissions", "error"),
    Rule("xlsform.unreadable", "error"),
    Rule("xlsform.encoding", "warning"),
    Rule("xlsform.too_large", "error"),
    Rule("xlsform.no_csv_in_zip", "error"),
    # --- summaries of many problems --------------------------------------------------------------
    Rule("issues.more_of_kind", "warning"),
    Rule("issues.more_of_kind_run", "warning"),
)


@dataclass(frozen=True)
class Issue:
    """One problem found at one place.

    ``rule`` is the catalogue code; ``message`` is the full sentence for a user, in the
    language it was made in; the location fields say where (any of them may be empty).
    ``fields`` keeps the values of the message's placeholders, so that the message can be
    written again in another language; it is not part of the record (:data:`RECORD_FIELDS`).
    """

    rule: str
    severity: Severity
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    indicator: str | None = None
    found: str | None = None
    #: The values of the message's placeholders (see :func:`mgi.i18n.issues.localized`).
    fields: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self, lang: str | None = None) -> str:
        """The 'where' part: file, sheet, cell or row and column, indicator code, with the words
        of ``lang`` (default: the language of the work in progress)."""
        from mgi.i18n.issues import where

        return where(self, lang)

    def __str__(self) -> str:
        where = self.location()
        return f"[{where}] {self.message}" if where else self.message

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary (for JSON and tables)."""
        return {name: getattr(self, name) for name in RECORD_FIELDS}

    def with_location(self, **fields: Any) -> Issue:
        """A copy with location fields filled in (e.g. the file name added by a caller)."""
        return replace(self, **fields)


#: The fields of an :class:`Issue` that make its record (JSON, tables), in order.
RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Issue) if f.name != "fields")


def _clip(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_of(rule: str, values: Mapping[str, Any], lang: str | None = None) -> str:
    """The message of ``rule`` (what was found, then how to fix it) with ``values`` in ``lang``
    (default: the language of the work in progress).

    Raises
    ------
    KeyError
        If a placeholder of the message has no value (a programming slip).
    """
    from mgi.i18n.context import current_language

    lang = lang or current_language()
    entry = CATALOGUE.get(rule)
    if entry is not None and entry.translated and lang != "en":
        values = _in_language(entry, values, lang)
    try:
        filled = [part.format(**values) for part in _parts(rule, lang)]
    except KeyError:
        missing = CATALOGUE[rule].fields() - values.keys()
        raise KeyError(f"catalogue entry {rule!r} needs {sorted(missing)}") from None
    return " ".join(p for p in filled if p).strip()


def _in_language(entry: Rule, values: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``values`` with the placeholders of :attr:`Rule.translated` written in ``lang``."""
    from mgi.i18n import has_text, text, translate, with_decimal_sign

    out = dict(values)
    for name, table in entry.translated:
        value = out.get(name)
        if not isinstance(value, str) or not value:
            continue
        if table == "number":
            out[name] = with_decimal_sign(value, lang)
        elif table == "words":
            key = f"word.{value}"
            out[name] = text(key, lang) if has_text(key) else value
        else:
            code = out.get("criterion") if table == "criteria" else None
            out[name] = translate(table, value, "label", lang, code=code)
    return out


def _parts(rule: str, lang: str) -> tuple[str, ...]:
    """The parts of a rule's message in ``lang``, kept once per catalogue and language (a
    workbook may hold thousands of problems of one rule)."""
    from mgi.i18n._store import default_store

    store = default_store()
    cache = store._cache.setdefault("issue_parts", {})
    found = cache.get((rule, lang))
    if found is not None:
        return found
    entry = CATALOGUE[rule]
    with warnings.catch_warnings(record=True) as fell_back:
        warnings.simplefilter("always")
        parts = tuple(entry.template(part, lang) for part in PARTS)
    if fell_back:  # warn and record every time a translation is missing: never cached
        return tuple(entry.template(part, lang) for part in PARTS)
    cache[(rule, lang)] = parts
    return parts


def make_issue(
    rule: str,
    *,
    severity: Severity | None = None,
    file: str | None = None,
    sheet: str | None = None,
    cell: str | None = None,
    row: int | None = None,
    column: str | None = None,
    indicator: str | None = None,
    found: Any = None,
    **fields: Any,
) -> Issue:
    """Build an :class:`Issue` from a catalogue entry, its message in the language of the work
    in progress (:func:`mgi.i18n.using`).

    Parameters
    ----------
    rule
        Catalogue code, e.g. ``"answer.invalid"``.
    severity
        Override of the rule's default severity (e.g. a missing answer is a warning when
        incomplete assessments are allowed).
    found
        The value found in the input (clipped to 80 characters in the message).
    **fields
        Values for the other placeholders of the message (``allowed``, ``expected``...).
    """
    entry = CATALOGUE[rule]
    values = {"column": column, "found": _clip(found) if found is not None else "", **fields}
    message = message_of(rule, values)
    return Issue(
        rule=rule,
        severity=severity or entry.severity,
        message=message,
        file=file,
        sheet=sheet,
        cell=cell,
        row=row,
        column=column,
        indicator=indicator,
        found=None if found is None else _clip(found, 200),
        fields=values,
    )


def errors(issues: Iterable[Issue]) -> list[Issue]:
    """The issues of severity ``error``."""
    return [issue for issue in issues if issue.is_error]


def has_errors(issues: Iterable[Issue]) -> bool:
    """Whether any issue is an error."""
    return any(issue.is_error for issue in issues)


def issues_frame(issues: Iterable[Issue]) -> pd.DataFrame:
    """The issues as a table with one row per issue (columns as in :data:`RECORD_FIELDS`)."""
    import pandas as pd

    return pd.DataFrame([issue.to_dict() for issue in issues], columns=list(RECORD_FIELDS))


def sentence(rule: str, lang: str | None = None, **fields: Any) -> str:
    """The text of a catalogue entry that is a whole sentence rather than an issue at a place
    (the headline of an error, for example), in ``lang`` (default: the language of the work in
    progress).

    Examples
    --------
    >>> sentence("headline.cannot_read", name="q.xlsx")
    'q.xlsx cannot be read as a workbook.'
    >>> sentence("headline.cannot_read", "sq", name="q.xlsx")
    'q.xlsx nuk mund të lexohet si skedar Excel.'
    """
    return message_of(rule, fields, lang)
