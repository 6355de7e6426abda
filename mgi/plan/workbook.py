"""The action-plan workbook: write it pre-filled from an :class:`ActionPlan`, read it back.

:func:`write_plan_workbook` lays out the five sheets of :mod:`mgi.plan.sheets` in one
language: the plan's settings on the Instructions sheet, a specific-objective row (blue) for
each objective followed by its measure rows (codes, objective, GCM objective and currency
already filled in), one passport per indicator, the institutions and the lists behind the
drop-downs. Cells to fill in are yellow and unlocked; the others are locked (sheets protected
without a password, as the questionnaire). The workbook carries the stamp ``mgi_kind = plan``
and the format version, and is byte-identical for equal inputs.

:func:`read_plan_workbook` opens any workbook safely (the opener's checks: size, zip, XML,
formulas, merged cells), finds the tables by their headers in either language, parses every
cell and returns the :class:`ActionPlan` with every problem found at its cell. The checks of
the plan's content are :func:`mgi.plan.checks.check_plan`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi.catalogue import Issue, make_issue
from mgi.errors import NotAWorkbookError
from mgi.i18n import content, language, text
from mgi.plan import sheets as ps
from mgi.plan.model import (
    KIND,
    PLAN_FORMAT,
    ActionPlan,
    BasisObjective,
    Indicator,
    Institution,
    Measure,
    PlanInfo,
    SpecificObjective,
    Where,
)
from mgi.plan.prefill import objective_notes
from mgi.workbook.scan import is_blank, norm_label, read_pairs, text_of
from mgi.workbook.sheets import Quarter, SheetSpec, quarter

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from mgi.workbook.opener import OpenedWorkbook

#: Measure rows written under each specific objective (at least; more when filled).
MEASURE_ROWS = 5
#: Spare rows at the end of the Measures, Indicators and Institutions sheets.
SPARE_ROWS = 20
#: Fill of the specific-objective rows.
OBJECTIVE_FILL = "DDEBF7"
#: Fields of a measure row that put it in use (a row with only its code, objective, GCM
#: objective and currency is an unused row of the template).
MEASURE_CONTENT = (
    "measure",
    "activities",
    "gcm_actions",
    "sdg",
    "eu",
    "lead",
    "contributing",
    "start",
    "end",
    "cost_state",
    "cost_donors",
    "unfunded",
    "output_indicators",
    "gender_marker",
    "notes",
)


# -- writing ---------------------------------------------------------------------------------------


def _cell_text(value: Any) -> Any:
    """A record's value as the workbook shows it (quarters and lists as text)."""
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, Quarter):
        return str(value)
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _label(name: str, key: str | None, lang: str) -> str | None:
    if key is None or key == "":
        return None
    prefix = {"decision": "session.decision"}.get(name, f"plan.{name}")
    return text(f"{prefix}.{key}", lang)


def _institution_names(plan: ActionPlan) -> dict[str, str]:
    return {i.code: i.name for i in plan.institutions}


def _name_of(value: str | None, names: Mapping[str, str]) -> str | None:
    if value is None:
        return None
    return names.get(value, value)


def measure_values(m: Measure, names: Mapping[str, str], lang: str) -> dict[str, Any]:
    """The cells of a measure row."""
    values = {
        k: _cell_text(getattr(m, k))
        for k in (
            "code",
            "objective",
            "measure",
            "activities",
            "gcm",
            "gcm_actions",
            "sdg",
            "eu",
            "start",
            "end",
            "cost_state",
            "cost_donors",
            "unfunded",
            "currency",
            "output_indicators",
            "notes",
        )
    }
    values["lead"] = _name_of(m.lead, names)
    values["contributing"] = _cell_text(tuple(_name_of(c, names) for c in m.contributing))
    marker = None if m.gender_marker is None else str(m.gender_marker)
    values["gender_marker"] = _label("gender_marker", marker, lang)
    return values


def indicator_values(i: Indicator, names: Mapping[str, str], lang: str) -> dict[str, Any]:
    """The cells of an indicator row."""
    values = {
        k: _cell_text(getattr(i, k))
        for k in (
            "code",
            "name",
            "definition",
            "unit",
            "disaggregation",
            "baseline",
            "baseline_year",
            "target",
            "target_year",
            "source",
            "linked_measures",
            "mgi",
        )
    }
    values["level"] = _label("level", i.level, lang)
    values["frequency"] = _label("frequency", i.frequency, lang)
    values["responsible"] = _name_of(i.responsible, names)
    values["annual_targets"] = _cell_text(
        tuple(f"{y}: {_cell_text(v)}" for y, v in i.annual_targets)
    )
    return values


def _next_code(prefix: str, taken: set[str]) -> str:
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    taken.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def measure_rows(
    plan: ActionPlan, lang: str, rows_per_objective: int = MEASURE_ROWS
) -> tuple[list[dict[str, Any]], list[int]]:
    """The rows of the Measures sheet and the positions (0-based) of the objective rows."""
    names = _institution_names(plan)
    taken = {m.code for m in plan.measures} | {o.code for o in plan.objectives}
    rows: list[dict[str, Any]] = []
    bands: list[int] = []
    known = {o.code for o in plan.objectives}
    for o in plan.objectives:
        bands.append(len(rows))
        rows.append(
            {
                "code": o.code,
                "objective": o.title,
                "gcm": _cell_text(o.gcm),
                "notes": objective_notes(o, lang),
            }
        )
        own = plan.measures_of(o.code)
        rows += [measure_values(m, names, lang) for m in own]
        for _ in range(max(0, rows_per_objective - len(own))):
            rows.append(
                {
                    "code": _next_code(f"{o.code}.M", taken),
                    "objective": o.code,
                    "gcm": _cell_text(o.gcm),
                    "currency": plan.info.currency,
                }
            )
    rows += [measure_values(m, names, lang) for m in plan.measures if m.objective not in known]
    return rows, bands


def write_plan_workbook(
    plan: ActionPlan,
    path: str | Path,
    *,
    lang: str | None = None,
    rows_per_objective: int = MEASURE_ROWS,
    inputs: Sequence[str | Path] = (),
) -> Path:
    """Write ``plan`` as an action-plan workbook (see the module docstring).

    Parameters
    ----------
    plan
        The plan (e.g. from :func:`mgi.plan.prefill.prefill_plan`).
    path
        The ``.xlsx`` file, written atomically (never one of ``inputs``).
    lang
        Language of the workbook (default: the plan's).
    rows_per_objective
        Measure rows under each specific objective, at least.

    Returns
    -------
    Path
        ``path``.
    """
    from mgi._io import refuse_overwrite
    from mgi.workbook.style import save_deterministic

    target = Path(path)
    refuse_overwrite(target, inputs)
    wb = build_plan_workbook(plan, lang=lang, rows_per_objective=rows_per_objective)
    return save_deterministic(wb, target)


def build_plan_workbook(
    plan: ActionPlan, *, lang: str | None = None, rows_per_objective: int = MEASURE_ROWS
) -> Workbook:
    """The plan workbook as an unsaved openpyxl workbook."""
    from openpyxl import Workbook

    from mgi.workbook import style as st

    lang = language(lang or plan.info.language).code
    plan = plan.replace(info=replace(plan.info, language=lang))
    wb = Workbook()
    lists = _lists(plan, lang)
    _instructions(st.first_sheet(wb), plan, lang)
    rows, bands = measure_rows(plan, lang, rows_per_objective)
    measures = ps.measures_sheet(lang)
    names = _institution_names(plan)
    indicator_rows = [indicator_values(i, names, lang) for i in plan.indicators]
    institution_rows = [
        {
            "code": i.code,
            "institution": i.name,
            "abbreviation": i.abbreviation or None,
            "type": i.type or None,
            "notes": i.notes or None,
        }
        for i in plan.institutions
    ]
    sheet_order = [
        (measures, rows, len(rows) + SPARE_ROWS),
        (ps.indicators_sheet(lang), indicator_rows, len(indicator_rows) + 3 * SPARE_ROWS),
        (ps.institutions_sheet(lang), institution_rows, len(institution_rows) + SPARE_ROWS),
    ]
    last_institution = ps.HEADER_ROW + sheet_order[2][2]
    sheet_title = ps.institutions_sheet(lang).title
    names_ref = st.cell_range(sheet_title, f"B{ps.HEADER_ROW + 1}", f"B{last_institution}")
    st.define_name(wb, f"{st.PREFIX}list_institutions", names_ref)
    list_names = {key: f"{st.PREFIX}list_{key}" for key in (*lists, "institutions")}
    list_labels = {key: values for key, (_, values) in lists.items()}
    list_labels["institutions"] = [i.name for i in plan.institutions]
    for spec, values, count in sheet_order:
        ws = spec.write(
            wb, rows=count, values=values, lists=list_names, list_labels=list_labels, lang=lang
        )
        ws.sheet_view.zoomScale = 90
        if spec is measures:
            _style_objective_rows(ws, spec, bands)
        st.fit_row_heights(
            ws, ps.HEADER_ROW + 1, ps.HEADER_ROW + len(values), [c.width for c in spec.columns]
        )
    _lists_sheet(wb, plan, lang, lists)
    st.stamp(
        wb,
        {
            "template_version": PLAN_FORMAT,
            "kind": KIND,
            "language": lang,
            "illustrative": "yes" if plan.info.illustrative else "no",
            "round_year": "" if plan.info.round_year is None else str(plan.info.round_year),
            "instrument": plan.info.instrument,
        },
    )
    st.protect_workbook(wb)
    wb.active = 0
    return wb


def _style_objective_rows(ws: Worksheet, spec: SheetSpec, bands: Sequence[int]) -> None:
    """Specific-objective rows: blue, bold; only title, GCM objectives and notes editable."""
    from openpyxl.styles import Font, PatternFill, Protection

    fill = PatternFill("solid", fgColor=OBJECTIVE_FILL)
    editable = {"objective", "gcm", "notes"}
    for band in bands:
        row = ps.HEADER_ROW + 1 + band
        for j, column in enumerate(spec.columns, start=1):
            cell = ws.cell(row=row, column=j)
            cell.font = Font(bold=True)
            if column.key in editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = fill
                cell.protection = Protection(locked=True)


def _instructions(ws: Worksheet, plan: ActionPlan, lang: str) -> None:
    from openpyxl.styles import Alignment

    from mgi.workbook import style as st

    ws.title = text("plan.sheet.instructions", lang)
    info = plan.info
    st.style_title(st.write_text(ws.cell(row=1, column=1), text("plan.instructions.title", lang)))
    row = 2
    if info.illustrative:
        st.write_text(ws.cell(row=row, column=1), text("notice.illustrative_demo", lang))
        row += 1
    row += 1
    st.style_title(
        st.write_text(ws.cell(row=row, column=1), text("plan.instructions.plan", lang)), size=12
    )
    row += 1
    values = {
        "title": info.title,
        "country": info.country,
        "start": str(info.start),
        "end": str(info.end),
        "currency": info.currency,
        "edition": info.edition,
        "cost_profile": text(f"plan.cost_profile.{info.cost_profile}", lang),
        "language": language(lang).name,
        "basis": info.basis,
    }
    for key in ps.SETTINGS:
        name = text(f"plan.setting.{key}", lang)
        label = st.write_text(ws.cell(row=row, column=1), name)
        value = st.write_text(ws.cell(row=row, column=2), values[key] or None)
        st.style_locked([label], fill=True)
        if key in ("language", "basis"):
            st.style_locked([value], fill=True)
        else:
            st.style_input([value])
        if key == "cost_profile":
            labels = ps.vocabulary_labels("cost_profile", lang)
            st.add_dropdown(
                ws,
                [value.coordinate],
                f"{st.PREFIX}list_cost_profile",
                labels,
                what=name,
                texts={
                    "error_title": text("workbook.dropdown.error_title", lang, what=name),
                    "error": text("workbook.dropdown.error", lang, allowed=", ".join(labels)),
                    "prompt_title": text("workbook.dropdown.prompt_title", lang, what=name),
                    "prompt": text("workbook.dropdown.prompt", lang, allowed=", ".join(labels)),
                },
            )
        row += 1
    row += 1
    widths = (30, 100)
    for kind, line in _instruction_lines(plan, lang):
        cell = st.write_text(ws.cell(row=row, column=1 if kind == "head" else 2), line or None)
        if kind == "head":
            st.style_title(cell, size=12)
        else:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    st.set_widths(ws, widths)
    st.fit_row_heights(ws, 1, row, widths)
    st.setup_print(ws)
    ws.page_setup.orientation = "portrait"
    st.protect_sheet(ws)


def _instruction_lines(plan: ActionPlan, lang: str) -> list[tuple[str, str]]:
    """The paragraphs of the Instructions sheet below the settings."""
    info = plan.info
    sheets: dict[str, Any] = {k: text(f"plan.sheet.{k}", lang) for k in ps.SHEETS}
    lines: list[tuple[str, str]] = [("head", text("plan.instructions.how", lang))]
    for n in range(1, 9):
        lines.append(
            (
                "",
                text(
                    f"plan.instructions.step{n}",
                    lang,
                    **sheets,
                    currency=info.currency,
                    start=str(info.start),
                    end=str(info.end),
                ),
            )
        )
    lines += [("", ""), ("head", text("plan.instructions.checks", lang))]
    lines += [("", text(f"plan.instructions.check{n}", lang, **sheets)) for n in range(1, 6)]
    lines += [("", ""), ("head", text("plan.instructions.next", lang))]
    lines += [
        ("", text("plan.instructions.next1", lang)),
        ("", text("plan.cost_rule." + info.cost_profile, lang)),
    ]
    if lang != "en":
        lines += [("", ""), ("", text("notice.unofficial_translation", lang))]
    return lines


def _lists(plan: ActionPlan, lang: str) -> dict[str, tuple[str, list[str]]]:
    """The lists behind the drop-downs: key -> (header, entries)."""
    from mgi.i18n import codes

    quarters = [str(q) for q in plan.info.start.shift(-4).until(plan.info.end.shift(4))]
    return {
        "objectives": (text("plan.column.objective", lang), [o.code for o in plan.objectives]),
        "gcm": (
            text("plan.column.gcm", lang),
            [
                f"{c} {content('gcm_objectives', c, 'short_label', lang)}"
                for c in codes("gcm_objectives")
            ],
        ),
        "sdg": (
            text("plan.column.sdg", lang),
            [f"{c} {content('sdg_targets', c, 'text', lang)}" for c in codes("sdg_targets")],
        ),
        "eu": (
            text("plan.column.eu", lang),
            [f"{c} {content('eu_chapters', c, 'title', lang)}" for c in codes("eu_chapters")],
        ),
        "quarters": (text("plan.lists.quarters", lang), quarters),
        "level": (text("plan.column.level", lang), ps.vocabulary_labels("level", lang)),
        "frequency": (
            text("plan.column.frequency", lang),
            ps.vocabulary_labels("frequency", lang),
        ),
        "gender_marker": (
            text("plan.column.gender_marker", lang),
            ps.vocabulary_labels("gender_marker", lang),
        ),
        "cost_profile": (
            text("plan.setting.cost_profile", lang),
            ps.vocabulary_labels("cost_profile", lang),
        ),
    }


def _lists_sheet(
    wb: Workbook, plan: ActionPlan, lang: str, lists: Mapping[str, tuple[str, list[str]]]
) -> None:
    """The Lists sheet: the record of what the plan was pre-filled from, then the lists."""
    from mgi.workbook import style as st

    spec = ps.basis_sheet(lang)
    values = [
        {
            "objective": b.code,
            "basis_gcm": b.gcm,
            "rank": b.rank,
            "decision": _label("decision", b.decision, lang),
            "shortfall": _cell_text(b.shortfall),
            "rationale": b.rationale or None,
        }
        for b in plan.basis
    ]
    ws = spec.write(wb, rows=max(len(values), 1), values=values, lang=lang)
    first_list = len(spec.columns) + 2
    widths = [c.width for c in spec.columns] + [3]
    from mgi.workbook.scan import column_letter

    for offset, (key, (header, entries)) in enumerate(lists.items()):
        col = first_list + offset
        letter = column_letter(col)
        st.write_text(ws.cell(row=ps.HEADER_ROW, column=col), header)
        st.style_header([ws.cell(row=ps.HEADER_ROW, column=col)])
        for r, entry in enumerate(entries, start=ps.HEADER_ROW + 1):
            st.write_text(ws.cell(row=r, column=col), entry)
        last = ps.HEADER_ROW + max(1, len(entries))
        st.define_name(
            wb,
            f"{st.PREFIX}list_{key}",
            st.cell_range(ws, f"{letter}{ps.HEADER_ROW + 1}", f"{letter}{last}"),
        )
        widths.append(50 if key in ("sdg", "eu", "gcm") else 16)
    st.set_widths(ws, widths)


# -- reading ---------------------------------------------------------------------------------------


@dataclass
class PlanRead:
    """A plan read from a workbook, with every problem found while reading it."""

    plan: ActionPlan
    issues: list[Issue] = field(default_factory=list)


def read_plan_workbook(path: str | Path, *, lang: str = "en") -> PlanRead:
    """Read an action-plan workbook (see the module docstring).

    Parameters
    ----------
    path
        The workbook (never changed).
    lang
        Language of the words put into messages (column names, settings).

    Raises
    ------
    NotAWorkbookError
        When the file cannot be read as an action plan at all (one issue says why).
    """
    from mgi.workbook.opener import open_workbook, reading

    with open_workbook(path) as opened, reading(opened.path):
        issues: list[Issue] = _check_kind(opened)
        specs = {
            "measures": ps.measures_sheet(lang),
            "indicators": ps.indicators_sheet(lang),
            "institutions": ps.institutions_sheet(lang),
            "lists": ps.basis_sheet(lang),
        }
        tables = {}
        for key, spec in specs.items():
            scan = spec.find(opened)
            if scan.too_large:
                from mgi.workbook.kinds import too_large

                raise too_large(opened.path, scan.too_large[0])
            tables[key] = spec.read_tables(opened, scan.tables)
        if not tables["measures"]:
            spec = specs["measures"]
            headers = ", ".join(spec.column(k).header for k in spec.required_fields())
            issue = make_issue("plan.not_a_plan", file=opened.name, allowed=headers)
            raise NotAWorkbookError(
                text("plan.cli.not_a_plan", lang, name=opened.name),
                issues=[issue],
                path=opened.path,
                rule=issue.rule,
            )
        for key in ("indicators", "institutions"):
            if not tables[key]:
                spec = specs[key]
                issues.append(
                    make_issue(
                        "plan.missing_sheet",
                        expected=spec.title,
                        allowed=", ".join(spec.column(k).header for k in spec.required_fields()),
                    )
                )
        for found in tables.values():
            for table in found:
                issues += table.issues
        info = _read_info(opened, lang, issues)
        plan = ActionPlan(
            info=info,
            objectives=(),
            source={"file": opened.name, "sha256": opened.sha256},
        )
        objectives, measures = _read_measures(tables["measures"], issues)
        indicators = _read_indicators(tables["indicators"], issues)
        institutions = _read_institutions(tables["institutions"], issues)
        basis = _read_basis(tables["lists"], issues)
        recorded = {b.code: b for b in basis}
        objectives = [
            replace(
                o, rank=b.rank, decision=b.decision, rationale=b.rationale, shortfall=b.shortfall
            )
            if (b := recorded.get(o.code))
            else o
            for o in objectives
        ]
        plan = plan.replace(
            objectives=tuple(objectives),
            measures=tuple(measures),
            indicators=tuple(indicators),
            institutions=tuple(institutions),
            basis=tuple(basis),
        )
        return PlanRead(plan, [i.with_location(file=i.file or opened.name) for i in issues])


def stamped(path: str | Path) -> dict[str, str]:
    """The stamp of a workbook (``{}`` when it cannot be opened: the reader then says why)."""
    from mgi.workbook.opener import open_workbook

    try:
        with open_workbook(path) as opened:
            return dict(opened.stamp)
    except NotAWorkbookError:
        return {}


def _check_kind(opened: OpenedWorkbook) -> list[Issue]:
    found = opened.stamp.get("kind")
    if found and found != KIND:
        issue = make_issue("plan.other_kind", file=opened.name, found=found)
        raise NotAWorkbookError(issue.message, issues=[issue], path=opened.path, rule=issue.rule)
    return [] if opened.stamp.get("template_version") else [make_issue("workbook.no_stamp")]


def _settings_sheet(opened: OpenedWorkbook) -> str:
    titles = {norm_label(t) for t in ps.sheet_titles("instructions")}
    return next((t for t in opened.titles if norm_label(t) in titles), opened.titles[0])


def _read_info(opened: OpenedWorkbook, lang: str, issues: list[Issue]) -> PlanInfo:
    """The settings beside their labels on the Instructions sheet."""
    sheet = _settings_sheet(opened)
    pairs = read_pairs(opened.rows(sheet), ps.setting_labels(), max_rows=60)
    where = {key: cell for key, (_, cell) in pairs.items()}
    values = {key: value for key, (value, _) in pairs.items()}
    info: dict[str, Any] = {}
    for key in ("title", "country", "edition", "basis"):
        info[key] = "" if is_blank(values.get(key)) else text_of(values[key])[:500]
    for key in ("start", "end"):
        raw = values.get(key)
        what = text(f"plan.setting.{key}", lang)
        if is_blank(raw):
            issues.append(
                make_issue("plan.missing_setting", sheet=sheet, cell=where.get(key), what=what)
            )
            continue
        try:
            info[key] = quarter(raw)
        except ValueError:
            issues.append(
                make_issue("plan.bad_quarter", sheet=sheet, cell=where.get(key), found=raw)
            )
    currency = values.get("currency")
    if is_blank(currency):
        issues.append(
            make_issue(
                "plan.missing_setting",
                sheet=sheet,
                cell=where.get("currency"),
                what=text("plan.setting.currency", lang),
            )
        )
    else:
        info["currency"] = text_of(currency).strip().upper()[:12]
    profile = values.get("cost_profile")
    if not is_blank(profile):
        try:
            info["cost_profile"] = ps.vocabulary_parser("cost_profile")(profile)
        except ValueError:
            issues.append(
                make_issue(
                    "plan.bad_setting",
                    sheet=sheet,
                    cell=where.get("cost_profile"),
                    found=profile,
                    what=text("plan.setting.cost_profile", lang),
                    allowed=ps.allowed("cost_profile", lang),
                )
            )
    if "start" in info and "end" in info and info["end"] < info["start"]:
        issues.append(
            make_issue(
                "plan.bad_period",
                sheet=sheet,
                cell=where.get("start"),
                found=f"{info['start']} – {info['end']}",
            )
        )
        info.pop("end")
    stamp = opened.stamp
    year = stamp.get("round_year", "")
    if "start" not in info or "end" not in info:
        info["period_known"] = False
        info.pop("start", None)
        info.pop("end", None)
    return PlanInfo(
        **info,
        language=stamp.get("language", lang) or lang,
        illustrative=stamp.get("illustrative") == "yes",
        round_year=int(year) if year.isdigit() else None,
        instrument=stamp.get("instrument", ""),
        where={**where, "sheet": sheet},
    )


def _read_measures(
    tables: Sequence[Any], issues: list[Issue]
) -> tuple[list[SpecificObjective], list[Measure]]:
    objectives: list[SpecificObjective] = []
    measures: list[Measure] = []
    for table in tables:
        for row in table.rows:
            code = row.values.get("code")
            is_objective = code is not None and bool(ps.OBJECTIVE_CODE.match(code))
            if is_objective:
                issues += [p for k, p in row.problems.items() if k in ("code", "gcm")]
                objectives.append(
                    SpecificObjective(
                        code=code.upper(),
                        title=row.text("objective"),
                        gcm=row.values.get("gcm") or (),
                        notes=row.text("notes"),
                        where=Where.of(row),
                    )
                )
                continue
            if not any(row.filled(k) for k in MEASURE_CONTENT):
                continue  # an unused row of the template
            issues += row.problems.values()
            v = row.values
            marker = v.get("gender_marker")
            measures.append(
                Measure(
                    code=code or "",
                    objective=row.text("objective").upper() or None,
                    measure=row.text("measure"),
                    activities=row.text("activities"),
                    gcm=v.get("gcm") or (),
                    gcm_actions=v.get("gcm_actions") or (),
                    sdg=v.get("sdg") or (),
                    eu=v.get("eu") or (),
                    lead=row.text("lead") or None,
                    contributing=v.get("contributing") or (),
                    start=v.get("start"),
                    end=v.get("end"),
                    cost_state=v.get("cost_state"),
                    cost_donors=v.get("cost_donors"),
                    unfunded=v.get("unfunded"),
                    currency=row.text("currency").upper(),
                    output_indicators=v.get("output_indicators") or (),
                    gender_marker=None if marker is None else int(marker),
                    notes=row.text("notes"),
                    where=Where.of(row),
                )
            )
    return objectives, measures


def _read_indicators(tables: Sequence[Any], issues: list[Issue]) -> list[Indicator]:
    found: list[Indicator] = []
    for table in tables:
        for row in table.rows:
            issues += row.problems.values()
            v = row.values
            where = Where.of(row)
            found.append(
                Indicator(
                    code=v.get("code") or "",
                    name=row.text("name"),
                    level=v.get("level"),
                    definition=row.text("definition"),
                    unit=row.text("unit"),
                    disaggregation=row.text("disaggregation"),
                    baseline=v.get("baseline"),
                    baseline_year=v.get("baseline_year"),
                    target=v.get("target"),
                    target_year=v.get("target_year"),
                    annual_targets=v.get("annual_targets") or (),
                    source=row.text("source"),
                    frequency=v.get("frequency"),
                    responsible=row.text("responsible") or None,
                    linked_measures=v.get("linked_measures") or (),
                    mgi=v.get("mgi") or (),
                    where=where,
                )
            )
    return found


def _read_institutions(tables: Sequence[Any], issues: list[Issue]) -> list[Institution]:
    found: list[Institution] = []
    for table in tables:
        for row in table.rows:
            issues += row.problems.values()
            found.append(
                Institution(
                    code=row.values.get("code") or "",
                    name=row.text("institution"),
                    abbreviation=row.text("abbreviation"),
                    type=row.text("type"),
                    notes=row.text("notes"),
                    where=Where.of(row),
                )
            )
    return found


def _read_basis(tables: Sequence[Any], issues: list[Issue]) -> list[BasisObjective]:
    found: list[BasisObjective] = []
    decisions = ps.vocabulary_parser("decision")
    for table in tables:
        for row in table.rows:
            issues += row.problems.values()
            code, gcm = row.values.get("objective"), row.values.get("basis_gcm")
            if not code or gcm is None:
                continue
            try:
                decision = decisions(row.raw.get("decision")) if row.filled("decision") else ""
            except ValueError:
                decision = ""
            rank = row.values.get("rank")
            found.append(
                BasisObjective(
                    code=str(code).upper(),
                    gcm=gcm,
                    rank=None if rank is None else int(rank),
                    decision=decision,
                    shortfall=row.values.get("shortfall") or (),
                    rationale=row.text("rationale"),
                )
            )
    return found
