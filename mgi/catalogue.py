"""The one catalogue of problems mgi reports, and the :class:`Issue` record that carries them.

Every message a user sees about their input comes from an entry here, so that the wording follows
one grammar (where, what was found, what is allowed, how to fix it) and tests can assert on the
catalogue code rather than on prose. An :class:`Issue` is one occurrence of a rule at one place.

Examples
--------
>>> issue = make_issue("answer.invalid", sheet="Domain 2", cell="E17", indicator="D2.3.1",
...                    found="Partly yes",
...                    allowed="Fully present, Partially present, Absent, Not applicable")
>>> print(issue)
[sheet Domain 2, cell E17, indicator D2.3.1] The answer "Partly yes" is not allowed. Use one of: Fully present, Partially present, Absent, Not applicable.
"""  # noqa: E501

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """One catalogue entry: a stable code, a default severity, a message and a fix."""

    code: str
    severity: Severity
    text: str
    fix: str = ""

    def fields(self) -> set[str]:
        """Names of the ``{placeholders}`` the message uses."""
        return {
            name
            for part in (self.text, self.fix)
            for _, name, _, _ in string.Formatter().parse(part)
            if name
        }


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


CATALOGUE: dict[str, Rule] = _rules(
    # --- data files: instruments, mappings, scoring schemes, prioritisation profiles -----------
    Rule(
        "data.file_missing",
        "error",
        "The file {found} does not exist.",
        "Check the name and folder, or create the file.",
    ),
    Rule(
        "data.is_directory",
        "error",
        "{found} is a folder, not a file.",
        "Give the path of {expected}.",
    ),
    Rule(
        "data.unreadable",
        "error",
        "The file could not be read: {found}.",
        "Save it as UTF-8 text (CSV: comma-separated with a header row; TOML for metadata).",
    ),
    Rule(
        "data.empty_file",
        "error",
        "The file has no rows.",
        "Add a header row and at least one data row.",
    ),
    Rule(
        "data.missing_column",
        "error",
        'The required column "{column}" is missing.',
        "Add a column with this header in the first row. Required columns: {allowed}.",
    ),
    Rule(
        "data.empty_value",
        "error",
        'The column "{column}" is empty but a value is required.',
        "Fill in the cell.",
    ),
    Rule(
        "data.duplicate_code",
        "error",
        'The code "{found}" appears more than once.',
        "Give every row its own code; it was first used in row {first_row}.",
    ),
    Rule(
        "data.bad_code",
        "error",
        'The code "{found}" is not a valid code.',
        "Use letters, digits, dots, underscores or hyphens, starting with a letter or digit.",
    ),
    Rule(
        "data.unknown_reference",
        "error",
        'The {column} "{found}" does not exist in {target}.',
        "Use one of: {allowed}.",
    ),
    Rule(
        "data.wrong_parent",
        "error",
        'The sub-domain "{found}" belongs to domain {actual}, not to domain {expected}.',
        "Correct the domain or the sub-domain of this row.",
    ),
    Rule(
        "data.bad_number",
        "error",
        'The value "{found}" in column "{column}" is not a number.',
        "Write a plain number such as 1 or 0.5.",
    ),
    Rule(
        "data.negative_number",
        "error",
        'The value {found} in column "{column}" is negative.',
        "Use a number of 0 or more.",
    ),
    Rule(
        "data.out_of_range",
        "error",
        'The value "{found}" in column "{column}" is out of range.',
        "Allowed: {allowed}.",
    ),
    Rule(
        "data.bad_value",
        "error",
        'The value "{found}" in column "{column}" is not allowed.',
        "Use one of: {allowed}.",
    ),
    Rule(
        "data.alias_conflict",
        "error",
        'The answer "{found}" is accepted for two options of scale "{scale}" ({options}).',
        "Keep the alias on one option only.",
    ),
    Rule(
        "data.mapping_duplicate",
        "error",
        'The indicator "{found}" is mapped more than once.',
        "Keep one row per indicator; it was first mapped in row {first_row}.",
    ),
    Rule(
        "data.mapping_missing",
        "warning",
        "{count} indicator(s) have no GCM objective in the mapping: {codes}.",
        "Add rows for them to the mapping file if they relate to GCM objectives.",
    ),
    Rule(
        "data.secondary_repeats_primary",
        "error",
        "Objective {found} is both the primary and a secondary objective.",
        "List it once, as primary.",
    ),
    Rule(
        "data.control_character",
        "error",
        "The text contains the control character {found}, which a workbook, a chart or a "
        "screen cannot show as it is.",
        "Delete it; {allowed} is allowed here.",
    ),
    Rule(
        "data.scale_value_ignored",
        "warning",
        'The column "value" of the answer scales is not read: answer values come from the '
        "scoring scheme only.",
        "Delete the column, and set the value of each option under [values.<scale>] in the "
        "scoring scheme.",
    ),
    Rule(
        "data.guidance_repeats_label",
        "warning",
        'The guidance starts with "{found}", which the questionnaire already prints in front '
        "of it.",
        'Delete "{found}" at the start of the text.',
    ),
    Rule(
        "data.metadata",
        "error",
        'The setting "{column}" is not valid: {found}.',
        "Correct this setting in the file.{allowed}",
    ),
    # --- workbooks: reading the file at all ------------------------------------------------------
    Rule(
        "workbook.not_found",
        "error",
        "The file {found} does not exist.",
        "Check the name and folder.",
    ),
    Rule(
        "workbook.is_directory",
        "error",
        "{found} is a folder, not a workbook.",
        "Give the path of an .xlsx file.",
    ),
    Rule(
        "workbook.text_file",
        "error",
        "The file is a text or CSV file with an Excel extension, not an Excel workbook.",
        "Open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx).",
    ),
    Rule(
        "workbook.legacy_xls",
        "error",
        "The file is an old Excel 97-2003 workbook (.xls), which mgi does not read.",
        "Open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx).",
    ),
    Rule(
        "workbook.ods",
        "error",
        "The file is an OpenDocument spreadsheet (.ods), which mgi does not read.",
        "In LibreOffice choose File > Save As > Excel 2007-365 (.xlsx).",
    ),
    Rule(
        "workbook.encrypted",
        "error",
        "The workbook is password-protected or encrypted, so it cannot be read.",
        "Open it, remove the password (File > Info > Protect Workbook > Encrypt with Password), "
        "and save it again.",
    ),
    Rule(
        "workbook.corrupt",
        "error",
        "The workbook is damaged or incomplete ({found}).",
        "Open it in Excel or LibreOffice; if it opens, save it again as .xlsx; otherwise ask "
        "for a new copy.",
    ),
    Rule(
        "workbook.zip_bomb",
        "error",
        "The workbook declares {found} of uncompressed content, more than the {allowed} "
        "mgi accepts.",
        "This is not a normal questionnaire; ask the sender for the original file.",
    ),
    Rule(
        "workbook.unsafe_xml",
        "error",
        "The workbook contains XML that mgi refuses to parse ({found}).",
        "This is not a normal questionnaire (it may be hostile); ask the sender for the "
        "original file.",
    ),
    Rule(
        "workbook.empty",
        "error",
        "The workbook has no cells with content.",
        "Fill in the questionnaire template made by 'mgi template'.",
    ),
    Rule(
        "workbook.no_questions",
        "error",
        'No sheet has the columns "{allowed}".',
        "Use the questionnaire template made by 'mgi template', or add a header row with "
        "these column names above the answers.",
    ),
    Rule(
        "workbook.no_stamp",
        "warning",
        "The workbook has no mgi template version stamp; it was read by its column headers.",
        "Nothing to do if the answers are right; new questionnaires should start from "
        "'mgi template'.",
    ),
    Rule(
        "workbook.other_instrument",
        "error",
        'The workbook was made for the instrument "{found}", not "{expected}".',
        "Validate it with --instrument {found}, or fill in a template of {expected}.",
    ),
    Rule(
        "workbook.other_version",
        "error",
        "The workbook was made for {instrument} version {found}, but version {expected} is loaded.",
        "Use the instrument version the workbook was made for, or copy the answers into a "
        "new template.",
    ),
    Rule(
        "workbook.earlier_edition",
        "warning",
        "The workbook was made for {instrument} version {found}, an earlier edition; it is read "
        "and scored with that edition (the current one is {expected}).",
        "Nothing to fix. To compare it with a round of the current edition, use mgi compare: "
        "the edition's crosswalk matches the questions.",
    ),
    Rule(
        "workbook.other_kind",
        "error",
        "The workbook is a {found} workbook, not a {expected} workbook.",
        "Check it with 'mgi validate {name} --kind {found}' and give it to prioritize or "
        "report as {option}; for a {expected} workbook, start from "
        "'mgi template --kind {expected}'.",
    ),
    Rule(
        "workbook.formula_no_value",
        "error",
        "The cell holds the formula {found} but no calculated value was saved with it.",
        "Open the file in Excel or LibreOffice, let it recalculate, save it, or type the "
        "answer as plain text.",
    ),
    Rule(
        "workbook.merged_cells",
        "error",
        "The cell is part of the merged range {found}, which hides answers.",
        "Unmerge the cells (Home > Merge & Center) and give each row its own answer.",
    ),
    Rule(
        "workbook.too_large",
        "error",
        "The sheet has {found} rows, more than the {allowed} mgi reads.",
        "Delete the rows below the questionnaire, or use the template made by 'mgi template'.",
    ),
    Rule(
        "workbook.text_too_long",
        "warning",
        "The text is {found} characters long; only the first {allowed} are kept.",
        "Shorten the text or move long evidence into a linked document.",
    ),
    # --- answers ---------------------------------------------------------------------------------
    Rule(
        "answer.unknown_code",
        "error",
        'The indicator code "{found}" is not in {instrument}.',
        "Correct the code, or delete the row if it is not a question of this instrument.",
    ),
    Rule(
        "answer.duplicate_code",
        "error",
        'The indicator "{found}" is answered more than once (also in cell {first_cell}).',
        "Keep one row per indicator and delete the other.",
    ),
    Rule(
        "answer.missing",
        "error",
        "The question has no answer.",
        "Choose one of: {allowed}. If the question does not apply, choose Not applicable.",
    ),
    Rule(
        "answer.invalid", "error", 'The answer "{found}" is not allowed.', "Use one of: {allowed}."
    ),
    Rule(
        "answer.not_text",
        "error",
        "The answer is a {found}, not one of the listed answers.",
        "Use one of: {allowed}.",
    ),
    Rule(
        "answer.reinterpreted",
        "warning",
        'The answer "{found}" was read as "{label}".',
        'Nothing is wrong if that is what was meant; to make it plain, choose "{label}" '
        "from the drop-down list.",
    ),
    Rule(
        "answer.in_other_column",
        "error",
        'The Answer cell {answer_cell} is empty, but "{found}" (the answer {label}) is in '
        "the {header} column.",
        "Move it to the Answer column (cell {answer_cell}).",
    ),
    Rule(
        "answer.no_evidence",
        "warning",
        'The answer "{label}" says this is in place, but no evidence or source is given.',
        "Name the law, policy or document that supports it (title, number, year) in the "
        "Evidence/source column.",
    ),
    Rule(
        "answer.no_reason",
        "warning",
        'The answer is "{label}", but no reason is given.',
        "Say in the Comment column why the question does not apply to the country.",
    ),
    Rule(
        "implementation.reinterpreted",
        "warning",
        'The implementation "{found}" was read as "{label}".',
        'Nothing is wrong if that is what was meant; to make it plain, choose "{label}" '
        "from the drop-down list.",
    ),
    Rule(
        "implementation.invalid",
        "warning",
        'The implementation "{found}" is not one of the levels recorded, so it is left out.',
        "Use one of: {allowed}; or leave the cell empty and write the details in the "
        "Comment column. Implementation is recorded, never scored.",
    ),
    # --- workbook metadata -------------------------------------------------------------------
    Rule(
        "metadata.missing",
        "error",
        "The {column} is missing.",
        "Fill in the {column} on the Metadata sheet.",
    ),
    Rule(
        "metadata.bad_round",
        "error",
        'The round "{found}" is not a year.',
        "Write the year of the assessment round, e.g. 2023.",
    ),
    Rule(
        "metadata.bad_date",
        "error",
        'The date "{found}" is not written as YYYY-MM-DD.',
        "Write it as YYYY-MM-DD, for example {example}, or enter it as a date in the cell.",
    ),
    # --- stakeholder and expert ratings, working-group weights --------------------------------
    Rule(
        "rating.invalid",
        "error",
        'The rating "{found}" is not allowed.',
        "Use a whole number from {allowed}, or leave the cell empty if there is no rating.",
    ),
    Rule(
        "rating.invalid_answer",
        "error",
        'The answer "{found}" is not allowed.',
        "Use {allowed}, or leave the cell empty if the question was not asked.",
    ),
    Rule(
        "rating.unknown_option",
        "warning",
        'The {column} "{found}" is not one of the options; it is kept as typed.',
        "If it is a typing slip, use one of: {allowed}.",
    ),
    Rule(
        "rating.missing",
        "warning",
        "{found} rating(s) are empty ({cells}).",
        "Empty ratings are left out of the averages; fill them in if they were forgotten.",
    ),
    Rule(
        "rating.no_participant",
        "error",
        "The row has ratings but no {column}.",
        "Write the name or code of the person who gave these ratings.",
    ),
    Rule(
        "rating.duplicate_participant",
        "error",
        'The {column} "{found}" appears more than once (also in row {first_row}).',
        "Give each person one row (or one block of rows), with distinct names.",
    ),
    Rule(
        "rating.missing_group",
        "error",
        "The participant has no stakeholder group.",
        "Choose one of: {allowed}.",
    ),
    Rule(
        "rating.unknown_group",
        "warning",
        'The stakeholder group "{found}" is not one of the profile\'s groups.',
        "It is kept as a group of its own; if it is a typing slip use one of: {allowed}.",
    ),
    Rule(
        "rating.unknown_objective",
        "error",
        'The objective "{found}" is not one of the 23 GCM objectives.',
        "Use the codes GCM01 to GCM23 (or the numbers 1 to 23).",
    ),
    Rule(
        "rating.missing_column",
        "error",
        "The column for {found} is missing.",
        "Use the template made by 'mgi template --kind {expected}', which has it.",
    ),
    Rule(
        "rating.no_ratings",
        "error",
        "The workbook has no ratings.",
        "Fill in the yellow cells of the template made by 'mgi template --kind {expected}'.",
    ),
    Rule(
        "rating.group_single_member",
        "warning",
        "The stakeholder group '{found}' has a single respondent, yet it weighs {share} of the "
        "stakeholder criterion, as much as a full group (one of {groups} groups).",
        "Find more respondents for it, merge it with a related group, or give it a lower "
        "weight in the profile (consultation.group_weights).",
    ),
    Rule(
        "rating.population_share_missing",
        "warning",
        "{found} respondent(s) of the group '{group}' gave a {attribute} with no declared "
        "population share ({values}); they weigh 0 in the group's mean.",
        "Add a share for these values under consultation.population in the profile, or "
        "correct the respondents' answers.",
    ),
    Rule(
        "weights.bad_value",
        "error",
        'The {column} "{found}" is not allowed.',
        "{allowed}",
    ),
    Rule(
        "weights.bad_weight",
        "error",
        'The participant weight "{found}" is not allowed.',
        "Write a number of 0 or more (default 1).",
    ),
    Rule(
        "weights.bad_method",
        "error",
        'The method "{found}" is not allowed.',
        "Choose one of: {allowed}.",
    ),
    Rule(
        "weights.bad_points",
        "error",
        'The points "{found}" are not allowed.',
        "Write a number of 0 or more; an empty cell counts as 0.",
    ),
    Rule(
        "weights.bad_rank",
        "error",
        'The rank "{found}" is not allowed.',
        "Write a whole number from 1 to {allowed}.",
    ),
    Rule(
        "weights.bad_judgement",
        "error",
        'The pairwise judgement "{found}" is not allowed.',
        "Write a number from the Saaty scale, 1/9 to 9 (e.g. 3 or 1/3).",
    ),
    Rule(
        "weights.several_methods",
        "error",
        "Several sections are filled ({found}) and the Method cell is empty.",
        "Choose the one to use in the Method cell.",
    ),
    Rule(
        "weights.not_reciprocal",
        "error",
        "The comparisons are not reciprocal: {found}.",
        "Fill in only the cells above the diagonal; the cells below it are their reciprocals.",
    ),
    Rule(
        "weights.incomplete",
        "error",
        "The participant's {column} is incomplete: {found} missing.",
        "Fill in every {what}, or clear them all and use another method.",
    ),
    Rule(
        "weights.empty",
        "warning",
        "The sheet has no points, ranking or pairwise comparisons; it is left out.",
        "Fill in one of the three sections if this participant should count.",
    ),
    Rule(
        "weights.all_zero",
        "error",
        "All points are zero.",
        "Give at least one criterion more than 0 points.",
    ),
    Rule(
        "weights.inconsistent",
        "warning",
        "The pairwise comparisons of {participant} are inconsistent (CR = {found}, above 0.10); "
        "the judgement that deviates most is {judgement}.",
        "A value of about {nearest} (exactly consistent: {consistent}) would fit the other "
        "judgements; discuss it. The weights are still used.",
    ),
    Rule(
        "weights.no_participants",
        "error",
        "No participant filled in the weights workbook.",
        "Fill in at least one participant sheet, or run without --weights to use the "
        "profile's default weights.",
    ),
    # --- scoring -----------------------------------------------------------------------------
    Rule(
        "score.errors_in_assessment",
        "error",
        "The assessment has {found} error(s), so it cannot be scored.",
        "Run 'mgi validate' on the workbook and fix the errors it lists.",
    ),
    Rule(
        "score.missing_answers",
        "error",
        "{found} question(s) have no answer: {allowed}.",
        "Answer them, or score with --allow-incomplete to leave them out and report coverage.",
    ),
    Rule(
        "score.insufficient_coverage",
        "warning",
        "{group}: only {found} applicable question(s) are answered, less than the minimum "
        "share {allowed}, so it gets no band.",
        "Answer more of its questions, or lower min_coverage in the scoring scheme.",
    ),
    # --- comparing rounds --------------------------------------------------------------------
    Rule(
        "compare.unmatched",
        "warning",
        'The indicator "{found}" is only in the {side} assessment ({instrument}).',
        "It is left out of the comparison; map it by hand if it was renamed.",
    ),
    Rule(
        "compare.crosswalk",
        "warning",
        "The earlier round ({found}) is matched with {expected} through the edition's "
        "crosswalk: {counts}.",
        "Split and replaced questions inherit the earlier answer, so their change is only "
        'indicative; see the column "crosswalk" of the indicator table.',
    ),
    Rule(
        "compare.other_instrument",
        "warning",
        "The two assessments use different instruments ({found} and {expected}).",
        "Indicators are matched by code; check that equal codes mean the same question.",
    ),
    Rule(
        "compare.other_country",
        "error",
        'The two rounds are of different countries: "{found}" (earlier) and "{expected}" (later).',
        "Compare two rounds of one country. If both name the same country (a renamed "
        "label, another edition), say so with --allow-other-country (allow_other_country "
        "= true under [settings] of a recipe).",
    ),
    Rule(
        "compare.other_country_allowed",
        "warning",
        'The two rounds name different countries, "{found}" (earlier) and "{expected}" '
        "(later); they are compared as one country, as asked.",
        "Check that both files describe the same country.",
    ),
    Rule(
        "compare.rounds_reversed",
        "error",
        "The earlier file is of round {found}, which comes after round {expected} of the "
        "later file.",
        "Swap the two files: the earlier round first (mgi compare EARLIER.xlsx "
        'LATER.xlsx; in a recipe, the earlier round is "earlier" and the later one '
        '"assessment").',
    ),
    Rule(
        "compare.same_round",
        "warning",
        "Both files are of round {found}: the change shown is between two versions of one "
        "round, not a change over time.",
        "If one of them is of another round, correct its Round (year) on the Metadata sheet.",
    ),
    Rule(
        "compare.left_out",
        "warning",
        "{found} group(s) have no score in one of the two rounds and are left out of the "
        "change: {codes}.",
        "Their change is left empty and the column left_out says why; answer their "
        "questions in both rounds to compare them.",
    ),
    # --- workbooks: reading at scale, the sheet specification, session workbooks ------------
    Rule("headline.cannot_read", "error", "{name} cannot be read as a workbook."),
    Rule(
        "headline.other_kind", "error", "{name} is a {found} workbook, not a {expected} workbook."
    ),
    Rule("headline.too_large", "error", "{name} is too large to read."),
    Rule(
        "headline.unknown_kind", "error", 'Unknown workbook kind "{found}". Use one of: {allowed}.'
    ),
    Rule(
        "rating.name_differs",
        "error",
        'The name "{found}" differs from "{expected}", written in the other rows of this '
        "expert's ratings.",
        "Write the name exactly as in the other rows, so that all the ratings stay with one "
        "expert.",
    ),
    Rule(
        "workbook.too_many_cells",
        "error",
        "The workbook holds {found} cells, more than the {allowed} mgi reads.",
        "Delete the sheets and rows that are not part of the form, or split the file.",
    ),
    Rule(
        "workbook.too_wide",
        "error",
        "The sheet spans {found} cells from A1 to {last}, more than the {allowed} mgi reads.",
        "Delete what lies far below or to the right of the form, or use the template made by "
        "'mgi template'.",
    ),
    Rule(
        "workbook.too_many_strings",
        "error",
        "The workbook holds {found} different texts, more than the {allowed} mgi reads.",
        "Delete the sheets and rows that are not part of the form, or split the file.",
    ),
    Rule(
        "score.scale_not_in_scheme",
        "error",
        'The answer scale "{found}" is not scored by the scheme "{expected}".',
        "Add values for this scale to the scheme, or use a scheme written for this instrument.",
    ),
    Rule(
        "score.evidence_required",
        "error",
        "The scoring scheme {expected} requires evidence, and {found} answer(s) lack it "
        "(evidence for an answer that says something is in place, a reason for Not "
        "applicable).",
        "Fill in the cells listed, or score with a scheme whose [answers] "
        "evidence_required is false.",
    ),
    # --- action plans (mgi plan) -------------------------------------------------------------
    Rule(
        "plan.not_a_plan",
        "error",
        'No sheet has the columns of an action plan ("{allowed}").',
        "Use the workbook made by 'mgi plan template', or add a header row with these column "
        "names above the measures.",
    ),
    Rule(
        "plan.other_kind",
        "error",
        "The workbook is a {found} workbook, not an action-plan workbook.",
        "Give the action-plan workbook made by 'mgi plan template' and filled in by the "
        "technical secretariat.",
    ),
    Rule(
        "workbook.is_plan",
        "error",
        "The workbook is an action-plan workbook, not a {expected} workbook.",
        "Check it with 'mgi plan check {name}' and report it with 'mgi plan report {name} -o "
        "FOLDER'; for a {expected} workbook, start from 'mgi template --kind {expected}'.",
    ),
    Rule(
        "plan.missing_sheet",
        "error",
        "The workbook has no {expected} sheet (no table with the columns {allowed}).",
        "Restore the sheet from a new template made by 'mgi plan template', or add a table "
        "with these column headers.",
    ),
    Rule(
        "plan.missing_column",
        "error",
        'The column "{found}" of the {expected} sheet is missing.',
        "Add it back with this header (copy it from a new template made by 'mgi plan template').",
    ),
    Rule(
        "plan.missing_setting",
        "error",
        "A setting of the plan is missing: {what}.",
        "Fill it in on the Instructions sheet, beside its label.",
    ),
    Rule(
        "plan.bad_period",
        "error",
        "The plan period {found} is not valid: the first quarter must not come after the last.",
        "Correct the first or the last quarter of the plan on the Instructions sheet.",
    ),
    Rule(
        "plan.bad_setting",
        "error",
        'The value "{found}" of the setting {what} is not allowed.',
        "Use one of: {allowed}.",
    ),
    Rule(
        "plan.bad_quarter",
        "error",
        'The quarter "{found}" is not a quarter.',
        "Write a quarter such as 2025-Q1 (the year, then Q and the quarter, 1 to 4).",
    ),
    Rule(
        "plan.bad_cost",
        "error",
        'The cost "{found}" is not allowed.',
        "Write a number of 0 or more, the amount in the plan's currency without a currency "
        "sign or words; leave the cell empty if this source gives nothing.",
    ),
    Rule(
        "plan.bad_number",
        "error",
        'The value "{found}" is not a number.',
        "Write a number such as 12 or 0.5; the unit goes in the column Unit.",
    ),
    Rule(
        "plan.bad_year",
        "error",
        'The year "{found}" is not a year.',
        "Write a year such as 2027.",
    ),
    Rule(
        "plan.bad_objective",
        "error",
        'The GCM objective "{found}" is not one of the 23 GCM objectives.',
        "Write codes such as GCM04, or the objective numbers 1 to 23, separated by ;.",
    ),
    Rule(
        "plan.bad_action",
        "error",
        'The GCM action "{found}" is not a GCM action.',
        "Write the objective number and the letter of the action, such as 4(a), separated by ;.",
    ),
    Rule(
        "plan.action_other_objective",
        "warning",
        "The GCM action {found} belongs to objective {expected}, which is not among the "
        "measure's GCM objectives.",
        "Add {expected} to the column GCM objectives, or correct the action.",
    ),
    Rule(
        "plan.bad_sdg_target",
        "error",
        'The SDG target "{found}" is not an SDG target.',
        "Write the target number, such as 10.7 or 8.8 (the goal 1 to 17, a dot, then the "
        "target), separated by ;.",
    ),
    Rule(
        "plan.unlisted_sdg_target",
        "warning",
        "The SDG target {found} is not among the migration-relevant targets of the Lists sheet.",
        "Check the number; a target that is not listed is kept as written.",
    ),
    Rule(
        "plan.bad_eu_chapter",
        "error",
        'The EU chapter "{found}" is not one of the 35 negotiating chapters.',
        "Write the chapter number from 1 to 35, such as 24, separated by ;.",
    ),
    Rule(
        "plan.bad_choice",
        "error",
        'The value "{found}" is not allowed here.',
        "Use one of: {allowed}.",
    ),
    Rule(
        "plan.bad_mgi_indicator",
        "error",
        'The MGI indicator "{found}" is not an indicator of the questionnaire {expected}.',
        "Write its code as in the questionnaire, such as D2.4.5, separated by ;.",
    ),
    Rule(
        "plan.bad_annual_targets",
        "error",
        'The annual targets "{found}" cannot be read.',
        "Write each year and its target, separated by ;, such as 2025: 10; 2026: 20.",
    ),
    Rule(
        "plan.bad_code",
        "error",
        'The code "{found}" is not a valid code.',
        "Use letters, digits, dots and hyphens without spaces, such as {example}.",
    ),
    Rule(
        "plan.missing_code",
        "error",
        "The row has content but no code.",
        "Write a code, such as {example}; codes identify measures and indicators in the "
        "progress reports.",
    ),
    Rule(
        "plan.duplicate_code",
        "error",
        'The code "{found}" is used more than once (also in row {first_row}).',
        "Give every {what} its own code.",
    ),
    Rule(
        "plan.no_objective",
        "error",
        "The measure {found} has no specific objective.",
        "Write the code of its specific objective: {allowed}.",
    ),
    Rule(
        "plan.unknown_objective",
        "error",
        'The specific objective "{found}" does not exist.',
        "Use the code of a specific objective of the Measures sheet: {allowed}.",
    ),
    Rule(
        "plan.unknown_institution",
        "error",
        'The institution "{found}" is not on the Institutions sheet.',
        "Choose it from the drop-down, or add it to the Institutions sheet first.",
    ),
    Rule(
        "plan.unknown_indicator",
        "error",
        'The indicator "{found}" is not on the Indicators sheet.',
        "Write the code of an indicator of the Indicators sheet, or add its passport there.",
    ),
    Rule(
        "plan.unknown_measure",
        "error",
        'The measure "{found}" is not on the Measures sheet.',
        "Write the codes of measures of the Measures sheet, separated by ;.",
    ),
    Rule(
        "plan.no_lead",
        "error",
        "The measure {found} has no lead institution.",
        "Choose the institution responsible for it from the drop-down.",
    ),
    Rule(
        "plan.missing_quarter",
        "error",
        "The measure {found} has no {what}.",
        "Write a quarter of the plan period ({start} to {end}), such as {start}.",
    ),
    Rule(
        "plan.outside_period",
        "error",
        "The quarter {found} lies outside the plan period {start} to {end}.",
        "Move it inside the period, or change the period on the Instructions sheet.",
    ),
    Rule(
        "plan.end_before_start",
        "error",
        "The measure {found} ends ({end}) before it starts ({start}).",
        "Correct the start or the end quarter.",
    ),
    Rule(
        "plan.no_cost",
        "warning",
        "The measure {found} has no cost in any of the three cost columns.",
        "Write 0 where a source gives nothing, so that a forgotten cost is not read as no cost.",
    ),
    Rule(
        "plan.other_currency",
        "error",
        'The currency "{found}" differs from the plan\'s currency {expected}.',
        "Convert the costs to {expected} and write {expected}, so that the totals add up.",
    ),
    Rule(
        "plan.no_indicator",
        "error",
        "The measure {found} has no indicator.",
        "Write the code of its output indicator (a code of the Indicators sheet) in the column "
        "Output indicator, or list the measure under Linked measures of an indicator.",
    ),
    Rule(
        "plan.indicator_incomplete",
        "error",
        "The indicator {found} has no {what}.",
        "Fill it in: every indicator passport needs a unit, a baseline, a baseline year, a "
        "target and a source.",
    ),
    Rule(
        "plan.target_before_baseline",
        "error",
        "The target year {found} of the indicator comes before its baseline year {expected}.",
        "Correct the target year or the baseline year.",
    ),
    Rule(
        "plan.objective_removed",
        "error",
        "The specific objective {found} for {expected}, which the working group included, is "
        "no longer on the Measures sheet.",
        "Restore its row (code {found} in the column Code), or record in a new template why "
        "the group dropped the objective.",
    ),
    Rule(
        "plan.objective_without_measure",
        "error",
        "The specific objective {found} ({expected}) has no measure.",
        "Add at least one measure under it: every objective the group included needs one.",
    ),
    Rule(
        "plan.shortfall_unaddressed",
        "error",
        "The MGI indicator {found} behind the gap of {expected} is addressed by no measure.",
        "Link a measure to an indicator whose MGI indicators include {found}, or explain in "
        "the Notes of the specific objective {objective} why it is left out (name {found} "
        "there).",
    ),
    # --- pre-filling a plan from priorities -----------------------------------------------------
    Rule(
        "plan.not_priorities",
        "error",
        "The workbook {found} has no sheet {expected}, so it is not a priorities workbook.",
        "Give the workbook written by 'mgi prioritize -o' or by 'mgi session export'.",
    ),
    Rule(
        "plan.bad_decision",
        "error",
        'The decision "{found}" is not allowed.',
        "Use one of: {allowed}.",
    ),
    Rule(
        "plan.nothing_included",
        "error",
        "The decisions include no objective in the plan.",
        "Record at least one objective as include (or include as cross-cutting), or leave the "
        "decisions out to take the top objectives of the consensus ranking.",
    ),
    Rule(
        "plan.no_baseline",
        "warning",
        "No assessment was given, so the baselines of the MGI indicators are left empty.",
        "Give the questionnaire the priorities were made from (--assessment), or fill in the "
        "baselines on the Indicators sheet.",
    ),
    Rule(
        "plan.assessment_differs",
        "warning",
        "The assessment {found} is not the one the priorities were made from ({expected}).",
        "Check that it is the same round: the baselines come from it.",
    ),
    # --- monitoring the action plan (mgi monitor) ------------------------------------------
    Rule(
        "monitor.not_progress",
        "error",
        'No sheet has the columns of a progress report ("{allowed}").',
        "Use the workbook made by 'mgi monitor template', or add a header row with these column "
        "names above the rows.",
    ),
    Rule(
        "monitor.other_kind",
        "error",
        "The workbook is a {found} workbook, not a progress workbook.",
        "Give the progress workbook made by 'mgi monitor template' and filled in by the "
        "institution.",
    ),
    Rule(
        "monitor.missing_sheet",
        "error",
        "The workbook has no {expected} sheet (no table with the columns {allowed}).",
        "Restore the sheet from a new template made by 'mgi monitor template'.",
    ),
    Rule(
        "monitor.missing_column",
        "error",
        'The column "{found}" of the {expected} sheet is missing.',
        "Add it back with this header (copy it from a new template made by 'mgi monitor "
        "template').",
    ),
    Rule(
        "monitor.no_period",
        "error",
        "The workbook does not say which period it reports on.",
        "Use the workbook made by 'mgi monitor template' for the period, or write the period "
        "beside its label on the Instructions sheet (2025-H1, 2025-H2 or 2025).",
    ),
    Rule(
        "monitor.bad_period",
        "error",
        'The period "{found}" is not a reporting period.',
        "Write a half-year as 2025-H1 or 2025-H2, or a year as 2025.",
    ),
    Rule(
        "monitor.bad_code",
        "error",
        'The code "{found}" is not a code.',
        "Keep the code of the measure or indicator as the template wrote it.",
    ),
    Rule(
        "monitor.bad_status",
        "error",
        'The status "{found}" is not allowed.',
        "Choose one of: {allowed}.",
    ),
    Rule(
        "monitor.bad_progress",
        "error",
        'The progress "{found}" is not a percentage from 0 to 100.',
        "Write how much of the measure is done as a number from 0 to 100 (45 for 45%).",
    ),
    Rule(
        "monitor.bad_amount",
        "error",
        'The amount "{found}" is not a number of 0 or more.',
        "Write what the measure has spent since it started, in the plan's currency, as a number "
        "(0 if nothing).",
    ),
    Rule(
        "monitor.bad_value",
        "error",
        'The value "{found}" is not a number.',
        "Write the value measured as a number, optionally followed by its unit (35, 35%, 450 "
        "persons).",
    ),
    Rule(
        "monitor.bad_date",
        "error",
        'The date "{found}" is not a date.',
        "Write the date of measurement as a date (2025-06-30 or 30.06.2025).",
    ),
    Rule(
        "monitor.other_period",
        "error",
        "The report is for {found}, not for {expected}, the period reported on.",
        "Give the reports of {expected} only; give reports of earlier periods with "
        "--earlier-period.",
    ),
    Rule(
        "monitor.not_earlier",
        "error",
        "The report given for an earlier period is for {found}, which is not before {expected}.",
        "Give only reports of periods before {expected} with --earlier-period.",
    ),
    Rule(
        "monitor.other_plan",
        "error",
        "The report was made from another edition of the action plan (edition {found}, content "
        "{digest}), not from the plan given (edition {expected}).",
        "Make the progress workbooks again from this plan with 'mgi monitor template', or give "
        "the plan the report was made from.",
    ),
    Rule(
        "monitor.unknown_institution",
        "error",
        'The report is from "{found}", an institution that leads no measure and measures no '
        "indicator of the plan.",
        "Use the workbook made for the institution by 'mgi monitor template'.",
    ),
    Rule(
        "monitor.duplicate_report",
        "error",
        "The institution {found} has a second report for {period}; the first is {expected}.",
        "Give one report per institution and period: merge the two, or leave one out.",
    ),
    Rule(
        "monitor.unknown_measure",
        "error",
        'The measure "{found}" is not in the action plan.',
        "Keep the codes the template wrote; a new measure is first added to the plan.",
    ),
    Rule(
        "monitor.not_holder",
        "error",
        "The measure {found} is reported by {institution}, but the plan gives it to {expected}.",
        "Only the lead institution reports a measure: move the row to the workbook of {expected}, "
        "or correct the lead institution in the plan.",
    ),
    Rule(
        "monitor.completed_below_100",
        "error",
        "The measure {measure} is Completed with progress {found}%.",
        "Write 100 for a completed measure, or choose In progress or Delayed.",
    ),
    Rule(
        "monitor.conflicting_measure",
        "error",
        "The measure {found} is reported twice with different figures (first at {expected}).",
        "Keep one row for the measure, with the right figures.",
    ),
    Rule(
        "monitor.duplicate_measure",
        "warning",
        "The measure {found} is reported twice with the same figures (first at {expected}); it is "
        "counted once.",
        "Delete the second row.",
    ),
    Rule(
        "monitor.no_status",
        "warning",
        "The measure {measure} has started but has no status; it counts as not reported.",
        "Choose its status from the list.",
    ),
    Rule(
        "monitor.overspent",
        "warning",
        "The measure {measure} has spent {found}, more than the {expected} the plan gives it from "
        "this source.",
        "Check the amount (spending since the measure started, in the plan's currency); if it is "
        "right, the plan's cost needs revising.",
    ),
    Rule(
        "monitor.unknown_indicator",
        "error",
        'The indicator "{found}" is not in the action plan.',
        "Keep the codes the template wrote; a new indicator is first added to the plan.",
    ),
    Rule(
        "monitor.other_measurer",
        "warning",
        "The plan gives the indicator {found} to {expected} to measure; this value comes from "
        "another institution and is used.",
        "Check with {expected} which value is right.",
    ),
    Rule(
        "monitor.wrong_unit",
        "warning",
        'The value "{found}" of the indicator {code} is not in its unit ({expected}); it is left '
        "out of indicator progress.",
        "Convert the value to {expected} and write the number alone, or with that unit.",
    ),
    Rule(
        "monitor.date_after_period",
        "warning",
        "The date of measurement {found} is after the end of the period ({expected}).",
        "Check the date: a value measured after the period belongs to the next report.",
    ),
    Rule(
        "monitor.duplicate_value",
        "warning",
        "The indicator {found} has the same value twice (first at {expected}); it is counted once.",
        "Delete the second row.",
    ),
    Rule(
        "monitor.conflicting_value",
        "error",
        "The indicator {found} has two different values (first at {expected}).",
        "Keep one row with the right value.",
    ),
    Rule(
        "monitor.missing_report",
        "warning",
        "No progress report from {found} for {period}: its {count} measure(s) due count as not "
        "reported.",
        "Ask the institution for its report, then make the report again.",
    ),
    Rule(
        "monitor.no_reports",
        "error",
        "No progress report was given.",
        "Give the progress workbooks filled in by the institutions.",
    ),
    Rule(
        "monitor.bad_thresholds",
        "error",
        "The traffic-light thresholds in {file} cannot be used: {found}.",
        "Write [traffic_light] with on_track and behind as numbers, 0 <= behind <= on_track (see "
        "monitoring/traffic-lights.toml).",
    ),
    Rule(
        "monitor.baseline_round_differs",
        "warning",
        "The baseline round given is of {found}, but the plan's baselines are of {expected}.",
        "Give the questionnaire of the plan's baseline round with --baseline.",
    ),
    Rule(
        "monitor.no_baseline_round",
        "error",
        "A mid-term MGI round needs the plan's baseline round to compare with.",
        "Give the questionnaire of the plan's baseline round with --baseline beside --assessment.",
    ),
    # --- outputs: where mgi writes (refused before any work, exit code 2) ----------------------
    Rule(
        "output.holds_input",
        "error",
        "The output folder {path} holds the input {input}, and mgi replaces the whole folder, "
        "so the input would be lost.",
        "Choose an output folder (-o) that holds none of the inputs, or move the input out of it "
        "first.",
    ),
    Rule(
        "output.is_input",
        "error",
        "The output {path} is also an input; mgi never writes over its inputs.",
        "Choose another output name.",
    ),
    Rule(
        "output.is_file",
        "error",
        "{path} is a file, not a folder.",
        "Give the name of a folder to write the outputs into.",
    ),
    Rule(
        "output.is_folder",
        "error",
        "{path} is a folder, not a file.",
        "Give the name of the file to write, for example {example}.",
    ),
    Rule(
        "output.bad_suffix",
        "error",
        "The output {path} should end in {allowed}: mgi writes an Excel workbook.",
        "Use for example {example}.",
    ),
    Rule(
        "output.exists",
        "error",
        "{path} already exists and is not a results file mgi wrote (or it was changed since), "
        "so mgi does not overwrite it.",
        "Choose another name, or move the file away first.",
    ),
    Rule(
        "output.foreign_folder",
        "error",
        "The folder {path} already holds files mgi did not write (or changed since it wrote "
        "them): {files}. mgi replaces a whole output folder.",
        "Choose a new or empty folder (-o), or move those files out of it first.",
    ),
    Rule(
        "output.parent_not_folder",
        "error",
        "The output {path} cannot be written: {parent} is a file, not a folder.",
        "Choose an output name inside a folder.",
    ),
    Rule(
        "output.not_writable",
        "error",
        "mgi cannot write into the folder {path} ({reason}).",
        "Choose a folder you can write to.",
    ),
    Rule(
        "output.write_failed",
        "error",
        "Writing {path} failed ({reason}); nothing was replaced.",
        "Check the free space and the permissions of the folder, then run the command again.",
    ),
    # --- prioritisation engine (mgi.prioritization): matrices, weights, settings -------------
    # Where: the argument (decision matrix, weights, a method's setting) and, when known, the
    # criterion (column) or alternative; then what was found, what is allowed, how to fix it.
    Rule(
        "mcda.not_numeric",
        "error",
        "{what} contains a value that is not a number ({found}).",
        "Only numbers are allowed: convert text to scores before ranking.",
    ),
    Rule(
        "mcda.matrix_shape",
        "error",
        "{what} has shape {found}.",
        "Give a table with at least one alternative (row) and one criterion (column).",
    ),
    Rule(
        "mcda.matrix_not_finite",
        "error",
        "{what} has {count} missing or infinite value(s), the first at {place} ({found}).",
        "Only finite numbers are allowed: fill in or remove the missing values before ranking.",
    ),
    Rule(
        "mcda.weights_unnamed",
        "error",
        "{what} are given by criterion name, but the criteria have no names.",
        "Pass the weights as a plain list in column order, or give the matrix as a table with "
        "named columns.",
    ),
    Rule(
        "mcda.weights_unknown_criterion",
        "error",
        "{what} name criteria that do not exist: {found}.",
        "Use the criterion names {allowed}; correct the spelling or remove them.",
    ),
    Rule(
        "mcda.weights_missing_criterion",
        "error",
        "{what} give no value for the criteria {found}.",
        "Give every criterion a weight (0 is allowed).",
    ),
    Rule(
        "mcda.weights_not_numeric",
        "error",
        "{what} contain a value that is not a number: {found}.",
        "Give one number of 0 or more per criterion.",
    ),
    Rule(
        "mcda.weights_not_finite",
        "error",
        "{what} contain missing or infinite values: {found}.",
        "Only finite numbers of 0 or more are allowed (weights are relative: 1, 2, 3 and "
        "10, 20, 30 give the same ranking).",
    ),
    Rule(
        "mcda.weights_negative",
        "error",
        "{what} contain negative values: {found}.",
        "Weights must be 0 or more; express 'less is better' through the criterion's type "
        "(cost), not a negative weight.",
    ),
    Rule(
        "mcda.weights_all_zero",
        "error",
        "{what} are zero.",
        "Give at least one criterion a weight above 0.",
    ),
    Rule(
        "mcda.wrong_count",
        "error",
        "{found} {what} were given for {expected}.",
        "Give exactly one per {per}, in order.",
    ),
    Rule(
        "mcda.type_unknown",
        "error",
        "The criterion type {found} is not known.",
        "Use 'benefit' (or +1: more is better) or 'cost' (or -1: less is better).",
    ),
    Rule(
        "mcda.unknown_method",
        "error",
        "The ranking method {found} is not known.",
        "Use one of: {allowed}.",
    ),
    Rule(
        "mcda.setting_unknown",
        "error",
        "The setting(s) {found} are not used by the method {method}.",
        "Settings of {method}: {allowed}.",
    ),
    Rule(
        "mcda.setting_invalid",
        "error",
        "The value {found} of the {what} is not allowed.",
        "Allowed: {allowed}.",
    ),
    Rule(
        "mcda.normalization_negative",
        "error",
        "The {found} normalisation needs values of 0 or more, but the decision matrix has "
        "negative values.",
        "Use 'minmax' or 'vector' normalisation, or shift the data.",
    ),
    Rule(
        "mcda.bounds_missing",
        "error",
        "The normalisation on the criteria's own scales needs each criterion's declared scale, "
        "and none was given.",
        "Give bounds=[(low, high), ...] (one pair per criterion), or choose another normalisation.",
    ),
    Rule(
        "mcda.bounds_invalid",
        "error",
        "The declared scale {found} of criterion {criterion} is not two finite numbers with the "
        "lower one first.",
        "Give (low, high) with low below high, e.g. (1, 5) for a rating from 1 to 5.",
    ),
    Rule(
        "mcda.outside_scale",
        "error",
        "Criterion {criterion} has {count} value(s) outside its declared scale from {low} to "
        "{high} (for example {found}).",
        "Correct the values, or declare a scale that holds them.",
    ),
    Rule(
        "mcda.normalization_cost_zero",
        "error",
        "The {found} normalisation divides by the values of a cost criterion, but a cost "
        "criterion contains zeros.",
        "Use 'minmax' or 'vector' normalisation instead.",
    ),
    Rule(
        "mcda.preference_parameter_missing",
        "error",
        "The {found} preference function of criterion {criterion} needs the parameter {parameter}.",
        "Give {parameter} with one value per criterion (or one value for all).",
    ),
    Rule(
        "mcda.preference_thresholds",
        "error",
        "The {found} preference function of criterion {criterion} has q = {q} and p = {p}.",
        "p, the strict-preference threshold, must be larger than q, the indifference threshold.",
    ),
    Rule(
        "mcda.not_linear",
        "error",
        "Exact stability intervals and contributions need scores linear in the weights, which "
        "the method {found} does not have.",
        "Use one of: {allowed}; rank acceptability (smaa) works with every method.",
    ),
    Rule(
        "mcda.scores_not_finite",
        "error",
        "The scores to rank contain missing or infinite values.",
        "Only finite numbers can be ranked.",
    ),
    Rule(
        "mcda.concentration_without_weights",
        "error",
        "A concentration was given without agreed weights.",
        "Pass the weights to sample around them, or leave the concentration out to sample "
        "uniformly on the simplex.",
    ),
    Rule(
        "mcda.band_needs_weights",
        "error",
        "The band sampler varies the agreed weights, but no weights were given (or a "
        "concentration was given as well).",
        "Pass the weights and leave the concentration out.",
    ),
    Rule(
        "mcda.data_sampler_missing",
        "error",
        "The data are to be resampled, but no data sampler was given.",
        "Pass data=... (a DataSampler), or leave 'data' out of the sources varied.",
    ),
    Rule(
        "mcda.unknown_alternative",
        "error",
        "The alternative(s) {found} are not in the decision matrix.",
        "Use the labels of its rows: {allowed}.",
    ),
    Rule(
        "mcda.rankings_length",
        "error",
        "The two rankings have different lengths ({found} and {expected}).",
        "Compare rankings of the same alternatives.",
    ),
    Rule(
        "mcda.rankings_too_short",
        "error",
        "Comparing rankings needs at least 2 alternatives; {found} were given.",
        "Give rankings of 2 or more alternatives.",
    ),
    Rule(
        "mcda.rankings_not_finite",
        "error",
        "The rankings contain missing or infinite values.",
        "Give a rank for every alternative.",
    ),
    Rule(
        "mcda.rankings_constant",
        "error",
        "{what} is undefined when a ranking puts every alternative at the same rank.",
        "Compare rankings that tell at least two alternatives apart.",
    ),
    Rule(
        "mcda.rankings_not_ranks",
        "error",
        "The rankings hold values from {found}.",
        "Give whole-number ranks from 1 to {allowed} (the number of alternatives).",
    ),
    Rule(
        "mcda.ranking_invalid",
        "error",
        "The importance ranking {found} is empty or holds values that are not finite numbers.",
        "Give one rank per criterion (1 = most important).",
    ),
    Rule(
        "mcda.too_few_alternatives",
        "error",
        "{what} need at least 2 alternatives (rows); {found} were given.",
        "Add alternatives, or use direct or ROC weights.",
    ),
    Rule(
        "mcda.entropy_negative",
        "error",
        "Entropy weights need values of 0 or more (they are read as proportions), but the "
        "decision matrix has negative values.",
        "Shift or min-max normalise the data first.",
    ),
    Rule(
        "mcda.objective_weights_undefined",
        "error",
        "{what} are undefined: {found}.",
        "Use direct or ROC weights instead.",
    ),
    Rule(
        "mcda.pairwise_not_numeric",
        "error",
        "{what} contains values that are not numbers.",
        "Use numbers from Saaty's scale (1/9 to 9).",
    ),
    Rule(
        "mcda.pairwise_shape",
        "error",
        "{what} has shape {found}.",
        "Give a square n x n matrix: one row and one column per criterion.",
    ),
    Rule(
        "mcda.pairwise_not_positive",
        "error",
        "{what} contains missing, zero, negative or infinite values.",
        "Every judgement must be a positive number from Saaty's scale (1/9 to 9).",
    ),
    Rule(
        "mcda.pairwise_diagonal",
        "error",
        "The diagonal of {what} is {found}.",
        "It must be all 1: each criterion is as important as itself.",
    ),
    Rule(
        "mcda.pairwise_not_reciprocal",
        "error",
        "{what} is not reciprocal: {found}.",
        "The product a[i, j] × a[j, i] must be {allowed}: set a[j, i] = 1 / a[i, j].",
    ),
    Rule(
        "mcda.pairwise_too_large",
        "error",
        "The pairwise matrix compares {found} criteria, but the random index table {table} "
        "stops at {allowed}.",
        "Group the criteria into a hierarchy with at most {allowed} per level.",
    ),
    Rule(
        "mcda.group_empty",
        "error",
        "No pairwise matrices were given.",
        "Give at least one participant's matrix.",
    ),
    Rule(
        "mcda.group_sizes",
        "error",
        "The participants' pairwise matrices have different sizes {found}.",
        "Every participant must compare the same criteria.",
    ),
    Rule(
        "mcda.zero_weight",
        "warning",
        "Criterion {found} has weight 0 and does not affect the ranking.",
        "Nothing to do if this is intended; otherwise give it a weight above 0.",
    ),
    Rule(
        "mcda.constant_criterion",
        "warning",
        "Criterion {found} has the same value for every alternative and cannot discriminate "
        "between them.",
        "Its weight has no effect on the ranking; check its values, or leave it out.",
    ),
    Rule(
        "mcda.tie",
        "warning",
        "Alternatives {found} are tied (equal scores).",
        "They share a rank; the other methods and the rank acceptability show whether they differ.",
    ),
    Rule(
        "mcda.smaa_ties",
        "warning",
        "{method} rank acceptability: {found} of {samples} weight samples contain tied "
        "alternatives.",
        "Tied alternatives share the minimum rank, so the acceptability columns do not all "
        "sum to 1.",
    ),
    Rule(
        "mcda.smaa_never_first",
        "warning",
        "{method} rank acceptability: {found} alternative(s) never rank first.",
        "Their central weights are zeros (flag never_first).",
    ),
    # --- prioritising the GCM objectives (mgi.priorities): the criteria matrix and weights ----
    Rule(
        "priorities.input_missing",
        "error",
        "The criteria matrix cannot be built: {problems}.",
        "Give these inputs, or use a profile without the criteria that need them.",
    ),
    Rule(
        "priorities.no_gap",
        "error",
        "The assessment gives no governance gap for any GCM objective: its instrument "
        "({found}) maps no answered indicator to the objectives.",
        "Use an MGI-structured assessment (mgi-national), give an indicator-to-objective "
        "mapping with --mapping, or use a profile without the governance-gap criterion.",
    ),
    Rule(
        "priorities.gap_missing",
        "error",
        "No governance gap could be computed for {objectives}: no answered indicator is "
        "mapped to them.",
        "Map indicators to these objectives, or set methods.missing_gap to 'mean' or 'zero' "
        "in the profile.",
    ),
    Rule(
        "priorities.gap_imputed",
        "warning",
        "No governance gap could be computed for {objectives}; the gap was set to {value} "
        "(methods.missing_gap = '{setting}').",
        "Map indicators to these objectives to rank them on their own gap.",
    ),
    Rule(
        "priorities.gap_too_few",
        "warning",
        "The governance gap of {objectives} rests on too few answered indicators (status "
        "'insufficient data' or similar) and is treated as missing.",
        "Answer more of the indicators mapped to these objectives.",
    ),
    Rule(
        "priorities.criterion_no_value",
        "error",
        "The criterion '{criterion}' ({label}) has no value for {objectives}.",
        "Check that every objective was rated.",
    ),
    Rule(
        "priorities.criterion_constant",
        "warning",
        "Every objective has the same value on '{found}', so this criterion cannot tell the "
        "objectives apart.",
        "Its weight has no effect on the ranking; check the ratings behind it.",
    ),
    Rule(
        "priorities.outside_scale",
        "warning",
        "{count} value(s) of the criterion '{criterion}' lie outside its declared scale {low} to "
        "{high} ({found}); the scale used was widened to {used_low} to {used_high}.",
        "Correct the values, or declare the criterion's scale in the profile (scale = [low, "
        "high]).",
    ),
    Rule(
        "priorities.criterion_noise",
        "warning",
        "The criterion '{criterion}' ({label}) varies across the objectives by {spread} "
        "(standard deviation), only {ratio} times its sampling noise of {noise} (the mean "
        "standard error of an objective's value when the {people} are resampled): its "
        "differences between objectives may be noise.",
        "Read the ranks it drives with caution (see the rank ranges under data uncertainty); "
        "more {people} would reduce the noise. Flagged at checks.noise_ratio = {threshold}.",
    ),
    Rule(
        "priorities.criterion_disagreement",
        "warning",
        "The {judges} {people} behind the criterion '{criterion}' ({label}) barely agree on "
        "the order of the objectives: Kendall's W = {w}, below {threshold}.",
        "Their mean hides opposed views: look at each group's or expert's ratings before "
        "relying on it (checks.min_kendall_w).",
    ),
    Rule(
        "priorities.criteria_correlated",
        "warning",
        "The criteria '{first}' and '{second}' move together across the objectives "
        "(correlation {r} with cost criteria reversed; threshold {threshold}); together they "
        "have {weight} of the profile's default weight.",
        "They may count one thing twice: consider merging them, or agreeing lower weights for "
        "them.",
    ),
    Rule(
        "priorities.override_invalid",
        "error",
        'The weight "{found}" is not a criterion and a number of 0 or more.',
        "Write criterion=points, for example gap=40 (points out of the 100 agreed points).",
    ),
    Rule(
        "priorities.override_unknown",
        "error",
        "The weight of {found} cannot be set: it is not a criterion of the profile.",
        "Use one of: {allowed}.",
    ),
    Rule(
        "priorities.objective_unknown",
        "error",
        'The objective "{found}" is not one of the 23 GCM objectives.',
        'Use GCM01 to GCM23 or 1 to 23, optionally with a reason: GCM08:"the reason".',
    ),
    Rule(
        "priorities.exclude_and_lock",
        "error",
        "The objective(s) {found} are both left out of the ranking and locked in it.",
        "Choose one of the two for each objective.",
    ),
    Rule(
        "priorities.too_few_left",
        "error",
        "Only {found} objective(s) would be left to rank.",
        "Leave out fewer objectives.",
    ),
    Rule(
        "priorities.weights_missing",
        "error",
        "The weights do not cover the criteria {criteria}.",
        "Give a weight for every criterion of the profile (0 is allowed).",
    ),
    Rule(
        "priorities.participant_weights_zero",
        "error",
        "Every participant has weight 0 ({participants}), so the group's weights are undefined.",
        "Give at least one participant a weight above 0 in the Participant weight cell "
        "(default 1).",
    ),
    Rule(
        "priorities.judgement_unusable",
        "error",
        "The weights of participant {participant} cannot be used: {problem}",
        "Correct them on the participant's sheet of the weights workbook.",
    ),
    Rule(
        "priorities.weights_not_finite",
        "error",
        "The weights {found} are not all finite numbers of 0 or more.",
        "Give finite numbers of 0 or more (weights are relative: only their ratios matter).",
    ),
    # --- whole assessments ---------------------------------------------------------------------
    Rule(
        "assessment.unfilled",
        "error",
        "None of the {found} questions has an answer: the workbook looks like a blank template.",
        "Fill in the Answer column of every domain sheet (or check that this is the completed "
        "file), then run again. Nothing can be scored without answers, even with "
        "--allow-incomplete.",
    ),
    Rule(
        "assessment.incomplete",
        "warning",
        "Only {found} of the {expected} applicable questions are answered ({share} coverage); "
        "the scores leave the other questions out.",
        "Read the scores with this coverage in mind, or answer the missing questions "
        "('mgi validate FILE --issues-xlsx todo.xlsx' lists them).",
    ),
    # --- recipes and runs ----------------------------------------------------------------------
    Rule(
        "run.input_errors",
        "error",
        "The inputs have {found} error(s) in {files}; nothing was computed.",
        "Fix them and run again ('mgi validate FILE' checks one file at a time).{hint}",
    ),
    Rule(
        "recipe.needs_input",
        "error",
        "The profile {expected} ranks the objectives with criteria that need {found}.",
        "Add them under [inputs] of the recipe, or use a profile without those criteria.",
    ),
    Rule(
        "recipe.input_changed",
        "warning",
        'The input "{column}" ({found}) has changed since the recipe was recorded.',
        "The results can differ from the recorded ones. If the change is intended, nothing is "
        "wrong; otherwise use the file with SHA-256 {expected}.",
    ),
    Rule(
        "recipe.name_only",
        "warning",
        'The input "{column}" ({found}) is in another part of the file system than the '
        "outputs, so the recorded recipe names only its file.",
        "To run the recorded recipe again, copy the file beside it, or keep inputs and outputs "
        "in one project folder.",
    ),
    # --- summaries of many problems --------------------------------------------------------------
    Rule(
        "issues.more_of_kind",
        "warning",
        "{found} further problem(s) of the kind {expected} are not listed here.",
        "List them all with 'mgi validate {name} --issues-xlsx todo.xlsx' (or --json).",
    ),
)


@dataclass(frozen=True)
class Issue:
    """One problem found at one place.

    ``rule`` is the catalogue code; ``message`` is the full sentence for a user; the location
    fields say where (any of them may be empty).
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
    #: The values of the message's placeholders, so that the message can be written again in
    #: another language (:func:`mgi.i18n.issues.localized`); not part of the record.
    fields: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        """The 'where' part: file, sheet, cell or row and column, indicator code."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.cell:
            parts.append(f"cell {self.cell}")
        else:
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.column:
                parts.append(f"column {self.column}")
        if self.indicator:
            parts.append(f"indicator {self.indicator}")
        return ", ".join(parts)

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
    """Build an :class:`Issue` from a catalogue entry.

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
    missing = entry.fields() - values.keys()
    if missing:
        raise KeyError(f"catalogue entry {rule!r} needs {sorted(missing)}")
    text = entry.text.format(**values)
    fix = entry.fix.format(**values)
    message = f"{text} {fix}".strip()
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


def issues_frame(issues: Iterable[Issue]):  # -> pandas.DataFrame
    """The issues as a table with one row per issue (columns as in :class:`Issue`)."""
    import pandas as pd

    return pd.DataFrame([issue.to_dict() for issue in issues], columns=list(RECORD_FIELDS))


def sentence(rule: str, **fields: Any) -> str:
    """The text of a catalogue entry that is a whole sentence rather than an issue at a place
    (the headline of an error, for example).

    Examples
    --------
    >>> sentence("headline.cannot_read", name="q.xlsx")
    'q.xlsx cannot be read as a workbook.'
    """
    entry = CATALOGUE[rule]
    return f"{entry.text} {entry.fix}".strip().format(**fields)
