"""The working-group weights workbook: one sheet per participant with three ways to weigh the
criteria (points, a ranking, or pairwise comparisons on Saaty's 1-9 scale).

Each participant sheet names its parts with sheet-level defined names written by the template
(:data:`NAMES`: the participant's name, weight and method cells, the criteria, points and rank
columns and the pairwise matrix), and the reader finds every part by those names, not by
scanning rows, so it reads exactly the cells the template laid out. The cells are parsed with
the same :class:`~mgi.workbook.sheets.Column` declarations the template uses for its labels.
Workbooks of the first template version (no names) are read by that version's fixed layout.

Examples
--------
>>> import tempfile, pathlib
>>> from mgi.priorities.profile import load_profile
>>> path = write_weights_template(pathlib.Path(tempfile.mkdtemp()) / "w.xlsx", load_profile())
>>> [i.rule for i in read_weights(path, load_profile()).issues]  # nobody filled it in yet
['weights.no_participants']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mgi.catalogue import Issue, make_issue
from mgi.judgements import Judgement, WeightJudgements
from mgi.workbook import _session as ses
from mgi.workbook.kinds import check_kind
from mgi.workbook.opener import Area, OpenedWorkbook, open_workbook, reading
from mgi.workbook.scan import cell_ref, is_blank, norm_label, read_pairs, text_of
from mgi.workbook.sheets import Column, UnreadableCells, choice, fraction, non_negative

KIND = "weights"
WEIGHT_METHODS = {
    "points": ("points", "direct", "direct points", "points allocation"),
    "ranking": ("ranking", "rank", "roc", "rank order", "rank-order centroid"),
    "pairwise": ("pairwise", "ahp", "pairwise comparisons", "pairwise comparison"),
}


def _methods_every_language() -> dict[str, tuple[str, ...]]:
    """:data:`WEIGHT_METHODS` with each method's name in every language (``value.mode.*``)."""
    from mgi.i18n import every_text

    return {m: (*names, *every_text(f"value.mode.{m}")) for m, names in WEIGHT_METHODS.items()}


def _field_aliases(key: str, *more: str) -> tuple[str, ...]:
    from mgi.i18n import every_text

    return (*more, *every_text(f"workbook.weights.{key}"))


#: Relative tolerance of the reciprocity check a_ij * a_ji = 1 (0.33 is accepted for 1/3).
RECIPROCAL_RTOL = 0.02
#: Sheet-level defined names of a participant sheet: part -> name.
NAMES = {
    "participant": "mgi_participant",
    "participant_weight": "mgi_participant_weight",
    "method": "mgi_method",
    "criteria": "mgi_criteria",
    "points": "mgi_points",
    "ranks": "mgi_ranks",
    "pairwise": "mgi_pairwise",
}

PARTICIPANT = Column(
    "participant",
    "Participant",
    aliases=_field_aliases("participant", "participant name", "name"),
)
PARTICIPANT_WEIGHT = Column(
    "participant_weight",
    "Participant weight",
    aliases=_field_aliases("participant_weight", "weight of this participant", "voting weight"),
    parse=non_negative,
    rule="weights.bad_weight",
)
METHOD = Column(
    "method",
    "Method",
    aliases=_field_aliases("method", "weighting method", "mode"),
    parse=choice(_methods_every_language()),
    rule="weights.bad_method",
    fields={"allowed": ", ".join(WEIGHT_METHODS)},
    choices="methods",
)
POINTS = Column("points", "Points", parse=non_negative, rule="weights.bad_points")
JUDGEMENT = Column(
    "judgement",
    "Pairwise judgement",
    parse=lambda v: _saaty(fraction(v)),
    rule="weights.bad_judgement",
)
#: The labelled fields at the top of a participant sheet, in order (rows 3, 4, 5).
FIELDS = (PARTICIPANT, PARTICIPANT_WEIGHT, METHOD)
#: Labels accepted for them (how an unstamped weights workbook is recognised).
PARTICIPANT_LABELS = {c.key: (c.header, *c.aliases) for c in FIELDS}
#: The catalogue entry explaining Saaty's scale on a participant sheet.
SAATY_HELP = "workbook.weights.saaty"
_TABLE_TOP = 7  # header row of the criteria table


def _saaty(value: float) -> float:
    if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
        raise ValueError("outside the Saaty scale")
    return value


def _rank(n: int) -> Column:
    from mgi.workbook.sheets import whole_number

    return Column(
        "rank", "Rank", parse=whole_number(1, n), rule="weights.bad_rank", fields={"allowed": n}
    )


def layout(n: int) -> dict[str, tuple[int, int, int, int]]:
    """Where each part of a participant sheet is for ``n`` criteria:
    part -> (first row, first column, last row, last column), 1-based."""
    first, last = _TABLE_TOP + 1, _TABLE_TOP + n
    head = _TABLE_TOP + n + 4  # title, help text, then the matrix header
    return {
        "participant": (3, 2, 3, 2),
        "participant_weight": (4, 2, 4, 2),
        "method": (5, 2, 5, 2),
        "criteria": (first, 1, last, 1),
        "points": (first, 3, last, 3),
        "ranks": (first, 4, last, 4),
        "pairwise": (head + 1, 2, head + n, 1 + n),
    }


def write_weights_template(
    path: str | Path,
    profile: ses.SessionProfile,
    *,
    participants: int = 5,
    judgements: Sequence[Judgement] = (),
    lang: str | None = None,
) -> Path:
    """Write the working-group weights template (``mgi template --kind weights``).

    One sheet per participant with three ways to give weights (choose one in the Method
    cell): points per criterion, a ranking of the criteria, or pairwise comparisons; every
    part named (:data:`NAMES`). ``judgements`` fills in one sheet per judgement (pairwise:
    the cells above the diagonal). ``lang``: the language of the template (default: the
    language of the work in progress).
    """
    from openpyxl import Workbook

    from mgi.i18n import current_language, translate
    from mgi.workbook import style as st

    lang = lang or current_language()
    w = ses.word
    participants = max(participants, len(judgements))
    criteria = list(profile.criteria)
    labels = [translate("criteria", c.label, "label", lang, code=c.code) for c in criteria]
    n = len(criteria)
    wb = Workbook()
    field = {c.key: w(f"workbook.weights.{c.key}", lang) for c in FIELDS}
    methods = [w(f"value.mode.{m}", lang) for m in WEIGHT_METHODS]
    lines = [
        ses.heading("workbook.how_to_fill", lang),
        w(
            "workbook.weights.fill",
            lang,
            sheet=w("workbook.weights.sheet", lang, n=1),
            method=field["method"],
        ),
        w("workbook.weights.points_help", lang, method=methods[0]),
        w("workbook.weights.ranking_help", lang, method=methods[1]),
        w("workbook.weights.pairwise_help", lang, method=methods[2]) + " " + w(SAATY_HELP, lang),
        w("workbook.weights.participant_weight_help", lang),
        "",
        ses.heading("workbook.experts.criteria", lang),
        *(
            f"{c.code}: {label}. "
            + translate("criteria", c.description, "description", lang, code=c.code)
            for c, label in zip(criteria, labels, strict=True)
        ),
        "",
        ses.heading("workbook.what_next", lang),
        w("workbook.weights.next", lang) + " " + w("workbook.check", lang, kind=KIND),
    ]
    ses.instructions(wb, w("workbook.weights.title", lang), lines, lang)
    lists = st.add_list_sheet(wb, {"methods": methods}, title=w("sheet.lists", lang))
    parts = layout(n)
    for p in range(1, participants + 1):
        ws = wb.create_sheet(w("workbook.weights.sheet", lang, n=p), index=p)
        st.style_title(
            st.write_text(ws.cell(row=1, column=1), w("workbook.weights.sheet_title", lang, n=p))
        )
        for column, default in zip(FIELDS, (None, 1, None), strict=True):
            row = parts[column.key][0]
            label = field[column.key]
            st.write_text(ws.cell(row=row, column=1), label).font = st.Font(bold=True)
            st.style_input([st.write_text(ws.cell(row=row, column=2), default)])
        shown = ", ".join(methods)
        st.add_dropdown(
            ws,
            [cell_ref(*parts["method"][:2])],
            lists["methods"],
            methods,
            what=field["method"],
            texts={
                "error_title": w("workbook.dropdown.error_title", lang, what=field["method"]),
                "error": w("workbook.dropdown.error", lang, allowed=shown),
                "prompt_title": w("workbook.dropdown.prompt_title", lang, what=field["method"]),
                "prompt": w("workbook.dropdown.prompt", lang, allowed=shown),
            },
        )
        headers = [
            w(f"workbook.weights.{k}", lang) for k in ("criterion", "label", "points", "rank")
        ]
        for col, header in enumerate(headers, start=1):
            st.write_text(ws.cell(row=_TABLE_TOP, column=col), header)
        st.style_header(ws[_TABLE_TOP][:4])
        for i, (c, label) in enumerate(zip(criteria, labels, strict=True), start=1):
            row = _TABLE_TOP + i
            st.write_text(ws.cell(row=row, column=1), c.code)
            st.write_text(ws.cell(row=row, column=2), label)
            st.style_locked([ws.cell(row=row, column=1), ws.cell(row=row, column=2)], fill=True)
            st.style_input([ws.cell(row=row, column=3), ws.cell(row=row, column=4)])
        pair_title = _TABLE_TOP + n + 2
        title = st.write_text(
            ws.cell(row=pair_title, column=1), w("workbook.weights.pairwise", lang)
        )
        st.style_title(title, size=12)
        help_cell = st.write_text(ws.cell(row=pair_title + 1, column=1), w(SAATY_HELP, lang))
        help_cell.alignment = st.Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(
            start_row=pair_title + 1, start_column=1, end_row=pair_title + 1, end_column=2 + n
        )
        ws.row_dimensions[pair_title + 1].height = 60
        head = pair_title + 2
        st.write_text(ws.cell(row=head, column=1), w("workbook.weights.row_vs_column", lang))
        for j, c in enumerate(criteria, start=2):
            st.write_text(ws.cell(row=head, column=j), c.code)
        st.style_header(ws[head][: n + 1])
        for i, c in enumerate(criteria):
            row = head + 1 + i
            st.write_text(ws.cell(row=row, column=1), c.code)
            st.style_header([ws.cell(row=row, column=1)])
            for j in range(n):
                cell = ws.cell(row=row, column=2 + j)
                if i == j:
                    st.write_text(cell, 1)
                    st.style_locked([cell], fill=True)
                elif j > i:
                    st.style_input([cell])
                else:
                    st.style_locked([cell], fill=True)
        for part, name in NAMES.items():
            r1, c1, r2, c2 = parts[part]
            st.define_sheet_name(ws, name, cell_ref(r1, c1), cell_ref(r2, c2))
        if p <= len(judgements):
            _fill(ws, judgements[p - 1], [c.code for c in criteria], parts, lang)
        st.set_widths(ws, [34, 40, *([14] * n)])
        st.setup_print(ws)
        st.protect_sheet(ws)
    return ses.finish(wb, KIND, profile, path, lang)


def _fill(
    ws: Any, item: Judgement, codes: list[str], parts: dict[str, Any], lang: str = "en"
) -> None:
    from mgi.workbook.style import write_text

    write_text(ws.cell(row=parts["participant"][0], column=2), item.participant)
    write_text(ws.cell(row=parts["participant_weight"][0], column=2), item.weight)
    write_text(ws.cell(row=parts["method"][0], column=2), ses.word(f"value.mode.{item.mode}", lang))
    first = parts["criteria"][0]
    if item.mode in ("points", "ranking"):
        column = 3 if item.mode == "points" else 4
        for i, code in enumerate(codes):
            value = item.values.get(code)
            if value is not None and not pd.isna(value):
                write_text(ws.cell(row=first + i, column=column), float(value))
        return
    matrix = item.values.reindex(index=codes, columns=codes).to_numpy(float)
    top = parts["pairwise"][0]
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            write_text(ws.cell(row=top + i, column=2 + j), _saaty_text(matrix[i, j]))


def _saaty_text(value: float) -> float | str:
    """A judgement as people write it: whole numbers as numbers, reciprocals as ``1/k``."""
    if value >= 1:
        return int(value) if float(value).is_integer() else round(float(value), 4)
    inverse = 1 / value
    return f"1/{round(inverse)}" if abs(inverse - round(inverse)) < 1e-9 else round(value, 4)


# -- reading -------------------------------------------------------------------------------------


def _areas(opened: OpenedWorkbook, title: str, n: int) -> dict[str, Area] | None:
    """Where the parts of a participant sheet are: by its defined names, or for a workbook of
    the first template version (or unstamped) with the Participant label in A3, by that
    version's fixed layout; ``None`` for any other sheet."""
    named = {part: opened.defined_name(name, title) for part, name in NAMES.items()}
    if named["participant"] is not None and named["participant"].scope == title:
        areas = {part: d.area() for part, d in named.items() if d is not None}
        return {part: a for part, a in areas.items() if a is not None and a.sheet == title}
    if opened.stamp.get("template_version", "1") != "1":
        return None
    rows = opened.rows(title)
    pairs = read_pairs(rows, PARTICIPANT_LABELS, max_rows=10)
    if pairs.get("participant", (None, ""))[1] != "B3":
        return None
    return {part: Area(title, *bounds) for part, bounds in layout(n).items()}


def _cells(rows: Sequence[tuple[Any, ...]], area: Area | None) -> list[list[tuple[Any, str]]]:
    """The values and references of an area, row by row."""
    if area is None:
        return []
    grid = []
    for r in range(area.min_row, area.max_row + 1):
        values = rows[r - 1] if r <= len(rows) else ()
        grid.append(
            [
                (values[c - 1] if c <= len(values) else None, cell_ref(r, c))
                for c in range(area.min_col, area.max_col + 1)
            ]
        )
    return grid


def read_weights(path: str | Path, profile: ses.SessionProfile) -> WeightJudgements:
    """Read a completed weights workbook into a :class:`~mgi.judgements.WeightJudgements`
    with every issue.

    Every participant sheet is read at its named parts: the chosen method's section must be
    complete and valid; pairwise matrices must be reciprocal (tolerance
    :data:`RECIPROCAL_RTOL`) with judgements between 1/9 and 9; an inconsistent matrix
    (CR > 0.10) gives a warning at the judgement that deviates most, with a value that would
    fit.
    """
    criteria = list(profile.criteria)
    codes = [c.code for c in criteria]
    label_of = {norm_label(c.code): c.code for c in criteria}
    label_of.update({norm_label(c.label): c.code for c in criteria})
    judgements: list[Judgement] = []
    with open_workbook(path) as opened, reading(opened.path):
        issues = check_kind(opened, KIND)
        for title in opened.titles:
            areas = _areas(opened, title, len(codes))
            if areas is None or "participant" not in areas:
                continue
            sheet = _Sheet(opened, title, areas, codes, label_of)
            judgement = sheet.read(issues)
            if judgement is not None:
                judgements.append(judgement)
        if not judgements and not any(i.is_error for i in issues):
            issues.append(make_issue("weights.no_participants"))
        source = ses.source(opened, KIND)
    return WeightJudgements(
        judgements=tuple(judgements),
        criteria=tuple(codes),
        issues=ses.with_file(issues, source.file_name),
        source=source,
    )


class _Sheet:
    """One participant sheet being read."""

    def __init__(
        self,
        opened: OpenedWorkbook,
        title: str,
        areas: dict[str, Area],
        codes: list[str],
        label_of: dict[str, str],
    ) -> None:
        self.title = title
        self.codes = codes
        self.rows = opened.rows(title)
        self.areas = areas
        self.unreadable = UnreadableCells(opened, title, 0)
        self.single = {
            part: (_cells(self.rows, areas.get(part)) or [[(None, "")]])[0][0]
            for part in ("participant", "participant_weight", "method")
        }
        labels = [
            label_of.get(norm_label(text_of(v)))
            for ((v, _),) in _cells(self.rows, areas.get("criteria"))
        ]
        order = [code for code in labels if code]
        same = order and len(order) == len(labels) and sorted(order) == sorted(codes)
        self.order = order if same else codes
        self.points = self._column("points")
        self.ranks = self._column("ranks")
        matrix = _cells(self.rows, areas.get("pairwise"))
        self.matrix = {
            (self.order[i], self.order[j]): cell
            for i, row in enumerate(matrix[: len(self.order)])
            for j, cell in enumerate(row[: len(self.order)])
        }

    def _column(self, part: str) -> dict[str, tuple[Any, str]]:
        cells = _cells(self.rows, self.areas.get(part))
        return {code: cell for code, (cell,) in zip(self.order, cells, strict=False)}

    def _parse(self, column: Column, cell: tuple[Any, str], issues: list[Issue]) -> Any:
        value, problem = column.read(cell[0], sheet=self.title, cell=cell[1])
        if problem is not None:
            issues.append(problem)
        return value

    def read(self, issues: list[Issue]) -> Judgement | None:
        cells = (
            *self.single.values(),
            *self.points.values(),
            *self.ranks.values(),
            *self.matrix.values(),
        )
        used = [c for c in cells if not is_blank(c[0]) or self.unreadable.at(c[1])]
        hidden = {id(p): p for c in used if (p := self.unreadable.at(c[1])) is not None}
        if hidden:
            issues += hidden.values()
            return None
        name_raw, name_cell = self.single["participant"]
        name = text_of(name_raw)
        has_points = any(not is_blank(v) for v, _ in self.points.values())
        has_ranks = any(not is_blank(v) for v, _ in self.ranks.values())
        has_pairs = any(not is_blank(v) for (a, b), (v, _) in self.matrix.items() if a != b)
        if not name:
            if has_points or has_ranks or has_pairs:
                issues.append(
                    make_issue(
                        "rating.no_participant",
                        column="participant name",
                        cell=name_cell,
                        sheet=self.title,
                    )
                )
            return None
        before = len(issues)
        weight = self._parse(PARTICIPANT_WEIGHT, self.single["participant_weight"], issues)
        method = self._parse(METHOD, self.single["method"], issues)
        if len(issues) > before and not is_blank(self.single["method"][0]) and method is None:
            return None
        if method is None:
            filled = [
                m
                for m, flag in (
                    ("points", has_points),
                    ("ranking", has_ranks),
                    ("pairwise", has_pairs),
                )
                if flag
            ]
            if not filled:
                issues.append(make_issue("weights.empty", sheet=self.title))
                return None
            if len(filled) > 1:
                issues.append(
                    make_issue(
                        "weights.several_methods",
                        cell=self.single["method"][1],
                        found=", ".join(filled),
                        sheet=self.title,
                    )
                )
                return None
            method = filled[0]
        if method == "points":
            series = self._points(issues)
        elif method == "ranking":
            series = self._ranking(issues)
        else:
            series = self._pairwise(issues)
        if len(issues) > before or series is None:
            return None
        judgement = Judgement(
            participant=name,
            mode=method,
            values=series,
            weight=1.0 if weight is None else weight,
            sheet=self.title,
        )
        if method == "pairwise":
            self._consistency(series, name, issues)
        return judgement

    def _points(self, issues: list[Issue]) -> pd.Series | None:
        before = len(issues)
        values = {}
        for code in self.codes:
            found = self._parse(POINTS, self.points.get(code, (None, "")), issues)
            values[code] = found or 0.0
        if len(issues) == before and not any(v > 0 for v in values.values()):
            issues.append(make_issue("weights.all_zero", sheet=self.title))
        return pd.Series(values, dtype=float)

    def _ranking(self, issues: list[Issue]) -> pd.Series | None:
        column = _rank(len(self.codes))
        values, missing = {}, []
        for code in self.codes:
            cell = self.ranks.get(code, (None, ""))
            if is_blank(cell[0]):
                missing.append(code)
                continue
            found = self._parse(column, cell, issues)
            if found is not None:
                values[code] = found
        if missing:
            issues.append(
                make_issue(
                    "weights.incomplete",
                    column="ranking",
                    found=", ".join(missing),
                    what="rank",
                    sheet=self.title,
                )
            )
        return pd.Series(values, dtype=float)

    def _pairwise(self, issues: list[Issue]) -> pd.DataFrame | None:
        codes = self.codes
        n = len(codes)
        a = np.ones((n, n))
        missing = []
        for i in range(n):
            for j in range(i + 1, n):
                upper_cell = self.matrix.get((codes[i], codes[j]), (None, ""))
                lower_cell = self.matrix.get((codes[j], codes[i]), (None, ""))
                upper = self._parse(JUDGEMENT, upper_cell, issues)
                lower = self._parse(JUDGEMENT, lower_cell, issues)
                if upper is None and lower is None:
                    if is_blank(upper_cell[0]) and is_blank(lower_cell[0]):
                        missing.append(f"{codes[i]} vs {codes[j]}")
                    continue
                if (
                    upper is not None
                    and lower is not None
                    and not math.isclose(upper * lower, 1.0, rel_tol=RECIPROCAL_RTOL)
                ):
                    issues.append(
                        make_issue(
                            "weights.not_reciprocal",
                            cell=lower_cell[1],
                            found=f"{codes[i]} vs {codes[j]} = {text_of(upper_cell[0])} but "
                            f"{codes[j]} vs {codes[i]} = {text_of(lower_cell[0])}",
                            sheet=self.title,
                        )
                    )
                    continue
                value = upper if upper is not None else 1 / lower
                a[i, j], a[j, i] = value, 1 / value
        if missing:
            issues.append(
                make_issue(
                    "weights.incomplete",
                    column="pairwise comparisons",
                    found=", ".join(missing),
                    what="comparison above the diagonal",
                    sheet=self.title,
                )
            )
        return pd.DataFrame(a, index=codes, columns=codes)

    def _consistency(self, matrix: pd.DataFrame, name: str, issues: list[Issue]) -> None:
        from mgi.prioritization import ahp

        result = ahp(matrix.to_numpy(float))
        worst = result.worst_judgement
        if result.consistent or worst is None:
            return
        row, column = self.codes[worst["i"]], self.codes[worst["j"]]
        cell = self.matrix.get((row, column), (None, None))[1] or None
        issues.append(
            make_issue(
                "weights.inconsistent",
                cell=cell,
                found=f"{result.cr:.2f}",
                participant=name,
                judgement=f"{row} vs {column} = {worst['current']:.3g}",
                nearest=f"{worst['nearest_saaty_value']:.3g}",
                consistent=f"{worst['consistent_value']:.3g}",
                sheet=self.title,
            )
        )
