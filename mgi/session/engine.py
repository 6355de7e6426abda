"""The one door between the live session and the library: every number comes from here.

The session never computes a number the library would compute differently: it reads the inputs
as ``mgi prioritize`` does, combines the participants' weights with
:func:`mgi.priorities.combine_judgements` (group AHP when every member gave pairwise
comparisons, otherwise the mean of their weights, exactly as ``prioritize`` does), ranks with
:func:`mgi.priorities.prioritize` under every method, and checks pairwise comparisons with
:func:`mgi.prioritization.ahp`. Every call into the library is in this module, so that when the
library's shape changes (a method registry, a run recipe, the workbook readers moving) only this
module changes.

Everything a page shows is returned as plain values (numbers, codes, texts in the page's
language), so the templates hold no computation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from mgi.catalogue import CATALOGUE
from mgi.errors import InputError
from mgi.i18n import content, format_value, has_text, text

if TYPE_CHECKING:
    from mgi.judgements import Judgement, Mode

#: Saaty's scale as offered on the participant page, strongest for the left criterion first.
SAATY_VALUES: tuple[str, ...] = (
    "9", "8", "7", "6", "5", "4", "3", "2", "1",
    "1/2", "1/3", "1/4", "1/5", "1/6", "1/7", "1/8", "1/9",
)  # fmt: skip
#: Modes a participant can use to give weights.
MODES = ("points", "ranking", "pairwise")
#: Consistency ratio above which a pairwise matrix is reported as inconsistent (Saaty).
CR_LIMIT = 0.10


# -- the session's inputs -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Basis:
    """What a session ranks: the criteria matrix, the profile, and the weights to start from.

    Attributes
    ----------
    profile
        The prioritisation profile (criteria, directions, methods, sensitivity settings).
    matrix
        The criteria matrix of the 23 objectives, read from the inputs as ``prioritize`` does.
    scorecard
        The scored assessment (for the MGI indicators behind each gap), or None.
    start
        The weights before anyone submits: the weights workbook's group weights if one was
        given, otherwise the profile's defaults.
    settings
        ``samples``, ``seed`` and ``reference`` of the ranking.
    configuration
        The inputs and settings as stored in the session database (paths and SHA-256).
    instrument
        The instrument of the assessment (indicator questions), or None.
    """

    profile: Any
    matrix: Any
    scorecard: Any
    start: Any
    settings: Mapping[str, Any]
    configuration: Mapping[str, Any]
    instrument: Any = None
    issues: tuple[Any, ...] = field(default_factory=tuple)

    @property
    def criteria(self) -> list[str]:
        """Criterion codes in the profile's order."""
        return [str(c) for c in self.matrix.values.columns]

    @property
    def objectives(self) -> list[str]:
        return [str(c) for c in self.matrix.values.index]


INPUT_KEYS = ("assessment", "consultation", "experts", "weights")


def configuration(
    *,
    assessment: str | Path | None = None,
    consultation: str | Path | None = None,
    experts: str | Path | None = None,
    weights: str | Path | None = None,
    profile: str = "gcm-default",
    scheme: str | None = None,
    instrument: str | None = None,
    mapping: str | None = None,
    allow_incomplete: bool = False,
    samples: int | None = None,
    seed: int | None = None,
    reference: Sequence[int] = (),
    demo: bool = False,
) -> dict[str, Any]:
    """The description of a session's inputs stored in its database (absolute paths, SHA-256
    of every input file), so that a restarted server ranks exactly the same matrix."""
    from mgi._io import sha256_file

    if demo:
        from mgi.demo.run import demo_recipe

        demo_inputs = demo_recipe().inputs
        assessment = demo_inputs.assessment
        consultation = demo_inputs.consultation
        experts = demo_inputs.experts
        weights = demo_inputs.weights
        reference = list(demo_inputs.reference)
    inputs: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for key, value in zip(INPUT_KEYS, (assessment, consultation, experts, weights), strict=True):
        if value:
            path = Path(value).resolve()
            if not path.is_file():
                raise InputError(f"The {key} file {path} does not exist.")
            inputs[key] = str(path)
            hashes[key] = sha256_file(path)
    return {
        "inputs": inputs,
        "sha256": hashes,
        "profile": str(profile),
        "scheme": scheme,
        "instrument": str(instrument) if instrument else None,
        "mapping": str(Path(mapping).resolve()) if mapping else None,
        "allow_incomplete": bool(allow_incomplete),
        "samples": samples,
        "seed": seed,
        "reference": [int(r) for r in reference],
        "demo": bool(demo),
    }


def load_basis(config: Mapping[str, Any]) -> Basis:
    """Read a session's inputs (as ``mgi prioritize`` does) and build the criteria matrix.

    Raises
    ------
    InputError
        If an input has errors, or changed since the session started (its SHA-256 differs).
    """
    from mgi._io import sha256_file
    from mgi.priorities import build_criteria_matrix
    from mgi.recipe import Recipe
    from mgi.run import run

    inputs = dict(config.get("inputs", {}))
    for key, path in inputs.items():
        if not Path(path).is_file():
            raise InputError(
                f"The session's {key} file {path} is missing. Put it back where it was, or "
                "start a new session with a new --db file."
            )
        if sha256_file(path) != config["sha256"][key]:
            raise InputError(
                f"The session's {key} file {path} changed since the session started; the "
                "session would no longer rank the same numbers. Put the original file back, or "
                "start a new session with a new --db file."
            )
    session = run(  # read and check every input as every command does; rank nothing yet
        Recipe.model_validate(
            {
                "methodology": {
                    "instrument": config.get("instrument"),
                    "mapping": config.get("mapping"),
                    "scheme": config.get("scheme"),
                    "profile": config.get("profile", "gcm-default"),
                },
                "inputs": {key: inputs.get(key) for key in INPUT_KEYS},
                "settings": {
                    "allow_incomplete": bool(config.get("allow_incomplete")),
                    "prioritize": False,
                },
            }
        ),
        write=False,
    )
    matrix = build_criteria_matrix(
        session.profile,
        scorecard=session.scorecard,
        consultation=session.consultation,
        experts=session.experts,
    )
    sens = session.profile.sensitivity
    settings = {
        "samples": int(config.get("samples") or sens.samples),
        "seed": int(config["seed"] if config.get("seed") is not None else sens.seed),
        "reference": tuple(int(r) for r in config.get("reference", ())),
    }
    assessment = session.assessment
    return Basis(
        profile=session.profile,
        matrix=matrix,
        scorecard=session.scorecard,
        start=session.agreed,
        settings=settings,
        configuration=dict(config),
        instrument=getattr(assessment, "instrument", None),
        issues=tuple(session.issues),
    )


# -- texts of the methodology in the page's language ---------------------------------------------


def criterion_label(basis: Basis, code: str, lang: str) -> str:
    """A criterion's label in ``lang`` (the profile's own label for a criterion of a custom
    profile that the catalogues do not know)."""
    from mgi.i18n import codes

    if code in codes("criteria"):
        return str(content("criteria", code, "label", lang))
    return str(basis.profile.criterion(code).label)


def criterion_description(basis: Basis, code: str, lang: str) -> str:
    from mgi.i18n import codes

    if code in codes("criteria"):
        return str(content("criteria", code, "description", lang))
    return str(basis.profile.criterion(code).description)


def objective_label(code: str, lang: str, column: str = "short_label") -> str:
    """An objective's short label (or ``title``) in ``lang``."""
    return str(content("gcm_objectives", code, column, lang))


# -- validation of what a participant sends (the workbook's rules and messages) ------------------


@dataclass(frozen=True)
class Problem:
    """A problem with a submitted value: a catalogue rule and the fields of its message."""

    rule: str
    fields: Mapping[str, Any]
    field: str = ""

    def message(self, lang: str) -> str:
        """The catalogue's message and fix in ``lang`` (the same texts as in a workbook)."""
        entry = CATALOGUE[self.rule]
        values = {name: self.fields.get(name, "") for name in entry.fields()}
        parts = []
        for part in ("text", "fix"):
            key = f"issue.{self.rule}.{part}"
            if has_text(key):
                parts.append(text(key, lang, **values))
        return " ".join(p for p in parts if p)


def _number(raw: Any) -> float | None:
    if raw is None or isinstance(raw, bool):
        return None
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def saaty(raw: Any) -> float | None:
    """A value of Saaty's scale from its text (``"3"``, ``"1/5"``), or None if it is not one."""
    text_value = str(raw).strip()
    if text_value not in SAATY_VALUES:
        return None
    if "/" in text_value:
        return 1 / float(text_value.split("/")[1])
    return float(text_value)


def pair_key(a: str, b: str) -> str:
    """The form field of the comparison of criterion ``a`` (row) with ``b`` (column)."""
    return f"{a}__{b}"


def pairs(criteria: Sequence[str]) -> list[tuple[str, str]]:
    """The comparisons above the diagonal, in the order of a weights workbook."""
    return [(a, b) for i, a in enumerate(criteria) for b in criteria[i + 1 :]]


def validate(
    mode: str, form: Mapping[str, Any], criteria: Sequence[str], lang: str
) -> tuple[dict[str, Any], list[Problem]]:
    """Check a participant's form with the rules of the weights workbook.

    Returns the values to store (criterion → points or rank; ``"a__b"`` → Saaty text) and the
    problems (rules ``weights.bad_value``, ``weights.incomplete``, ``weights.all_zero``).
    """
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    column = text(f"session.mode.{mode}", lang).lower() if mode in MODES else ""
    if mode not in MODES:
        allowed = ", ".join(text(f"session.mode.{m}", lang) for m in MODES)
        return {}, [
            Problem(
                "weights.bad_value",
                {"column": text("session.field.method", lang), "found": str(mode)[:40],
                 "allowed": allowed},
            )
        ]  # fmt: skip
    if mode in ("points", "ranking"):
        high = 100 if mode == "points" else len(criteria)
        low = 0 if mode == "points" else 1
        missing = []
        for code in criteria:
            raw = form.get(code)
            if raw is None or str(raw).strip() == "":
                missing.append(code)
                continue
            number = _number(raw)
            if (
                number is None
                or not low <= number <= high
                or (mode == "ranking" and not float(number).is_integer())
            ):
                problems.append(
                    Problem(
                        "weights.bad_value",
                        {
                            "column": column,
                            "found": str(raw)[:40],
                            "allowed": text(f"session.allowed.{mode}", lang, low=low, high=high),
                        },
                        code,
                    )
                )
                continue
            values[code] = int(number) if float(number).is_integer() else number
        if missing:
            problems.append(
                Problem(
                    "weights.incomplete",
                    {"column": column, "found": ", ".join(missing),
                     "what": text(f"session.what.{mode}", lang)},
                )
            )  # fmt: skip
        if mode == "points" and not problems and sum(values.values()) <= 0:
            problems.append(Problem("weights.all_zero", {}))
        return values, problems
    missing = []
    for a, b in pairs(criteria):
        key = pair_key(a, b)
        raw = form.get(key)
        if raw is None or str(raw).strip() == "":
            missing.append(f"{a} vs {b}")
            continue
        if saaty(raw) is None:
            problems.append(
                Problem(
                    "weights.bad_value",
                    {
                        "column": column,
                        "found": str(raw)[:40],
                        "allowed": text("session.allowed.pairwise", lang),
                    },
                    key,
                )
            )
            continue
        values[key] = str(raw).strip()
    if missing:
        problems.append(
            Problem(
                "weights.incomplete",
                {"column": column, "found": ", ".join(missing),
                 "what": text("session.what.pairwise", lang)},
            )
        )  # fmt: skip
    return values, problems


# -- judgements, weights and consistency ----------------------------------------------------------


def pairwise_frame(values: Mapping[str, Any], criteria: Sequence[str]) -> pd.DataFrame:
    """The reciprocal comparison matrix of stored pairwise values."""
    n = len(criteria)
    a = np.ones((n, n))
    for i, j in [(r, c) for r in range(n) for c in range(r + 1, n)]:
        value = saaty(values[pair_key(criteria[i], criteria[j])])
        assert value is not None
        a[i, j], a[j, i] = value, 1 / value
    return pd.DataFrame(a, index=list(criteria), columns=list(criteria))


def judgement(
    name: str, mode: str, values: Mapping[str, Any], criteria: Sequence[str]
) -> Judgement:
    """A library :class:`~mgi.priorities.Judgement` from a stored submission (its mode one of
    :data:`MODES`, as :func:`validate` checked before it was stored)."""
    from mgi.priorities import Judgement

    if mode == "pairwise":
        frame: pd.Series | pd.DataFrame = pairwise_frame(values, criteria)
    else:
        frame = pd.Series({c: float(values[c]) for c in criteria}, dtype=float)
    return Judgement(participant=name, mode=cast("Mode", mode), values=frame)


def consistency(values: Mapping[str, Any], criteria: Sequence[str]) -> dict[str, Any]:
    """The consistency of a complete set of pairwise comparisons (Saaty's CR).

    Returns ``cr``, ``consistent`` (CR ≤ 0.10) and, when inconsistent, the judgement that
    deviates most: ``row``, ``column``, its ``current`` value and the Saaty value that would fit
    the other judgements (``suggested``; ``exact`` is the exactly consistent value).
    """
    from mgi.prioritization import ahp

    result = ahp(pairwise_frame(values, criteria).to_numpy(float))
    out: dict[str, Any] = {"cr": float(result.cr), "consistent": bool(result.consistent)}
    worst = result.worst_judgement
    if worst is not None and not result.consistent:
        out["worst"] = {
            "row": criteria[worst["i"]],
            "column": criteria[worst["j"]],
            "current": saaty_text(float(worst["current"])),
            "suggested": saaty_text(float(worst["nearest_saaty_value"])),
            "exact": float(worst["consistent_value"]),
        }
    return out


def saaty_text(value: float) -> str:
    """A judgement written as on the scale: ``3`` or ``1/3``."""
    if value >= 1:
        return str(round(value))
    return f"1/{round(1 / value)}"


def own_weights(mode: str, values: Mapping[str, Any], criteria: Sequence[str]) -> pd.Series:
    """One participant's own weights (as the library turns their judgement into weights)."""
    from mgi.priorities import combine_judgements

    agreed = combine_judgements([judgement("participant", mode, values, criteria)], criteria)
    return agreed.weights


def group_weights(basis: Basis, submissions: Sequence[Any]) -> Any:
    """The group's weights from the latest submissions, exactly as ``prioritize`` combines a
    weights workbook (:func:`mgi.priorities.combine_judgements`); the starting weights when
    nobody has submitted."""
    from mgi.priorities import combine_judgements

    if not submissions:
        return basis.start
    items = [judgement(s.participant, s.mode, s.values, basis.criteria) for s in submissions]
    return combine_judgements(items, basis.criteria)


def agreement(agreed: Any) -> dict[str, Any]:
    """How far the members agree: Kendall's W over the members' orderings of the criteria
    (1 = all order the criteria alike) and each member's distance from the group's weights."""
    from mgi.priorities import kendall_w

    frame = agreed.participants
    criteria = list(agreed.weights.index)
    if len(frame) < 2:
        return {"kendall_w": None, "members": len(frame)}
    matrix = frame[criteria].to_numpy(float)
    return {
        "kendall_w": float(kendall_w(matrix)),
        "members": len(frame),
        "mean_distance": float(frame["distance"].mean()),
    }


# -- ranking --------------------------------------------------------------------------------------


def rank(basis: Basis, weights: Any, *, samples: int | None = None, whatif: Any = None) -> Any:
    """Rank the objectives with every method of the profile (the library's
    :func:`~mgi.priorities.prioritize`), with the session's samples, seed and reference, and
    the what-if settings (:class:`~mgi.priorities.whatif.WhatIf`) if any."""
    from mgi.priorities import prioritize

    return prioritize(
        basis.matrix,
        weights,
        samples=samples if samples is not None else basis.settings["samples"],
        seed=basis.settings["seed"],
        reference=basis.settings["reference"],
        whatif=whatif,
    )


def _objective_list(text: Any) -> list[str]:
    return [part for part in str(text or "").replace(";", ",").split(",") if part.strip()]


def whatif_settings(basis: Basis, form: Mapping[str, Any]) -> Any:
    """The what-if of the facilitator's form, as the command line's ``--weight``,
    ``--exclude`` and ``--lock`` give it (:class:`~mgi.priorities.whatif.WhatIf`): a slider's
    points for every criterion (0 to 1000), and objectives left out of the ranking or locked
    in the priority set.

    Raises
    ------
    InputError
        If a criterion is missing or a value is not a number from 0 to 1000, all are zero, or
        an objective is not one of the 23.
    """
    from mgi.priorities.whatif import WhatIf, parse_objectives

    points = {}
    for code in basis.criteria:
        number = _number(form.get(code))
        if number is None or number < 0 or number > 1000:
            raise InputError(f"The what-if weight of {code} is not a number from 0 to 1000.")
        points[code] = number
    if sum(points.values()) <= 0:
        raise InputError("All what-if weights are zero.")
    exclude = parse_objectives(_objective_list(form.get("exclude")), reason="what-if")
    lock = parse_objectives(_objective_list(form.get("lock")), reason="what-if")
    whatif = WhatIf(weights=points, exclude=exclude, lock=lock)
    whatif.check(basis.objectives)
    return whatif


def whatif_weights(basis: Basis, points: Mapping[str, Any]) -> pd.Series:
    """Weights from what-if slider points (criterion → non-negative number), normalised, as
    :func:`mgi.priorities.whatif.override_weights` sets them.

    Raises
    ------
    InputError
        If a criterion is missing or a value is not a non-negative number, or all are zero.
    """
    from mgi.priorities.whatif import override_weights

    whatif = whatif_settings(basis, {c: points.get(c) for c in basis.criteria})
    start = basis.start.weights.reindex(basis.criteria)
    return override_weights(start, whatif.weights)


@lru_cache(maxsize=64)
def _cached_rank(basis_id: int, weights: tuple[float, ...], samples: int, what: Any) -> Any:
    from mgi.priorities.whatif import WhatIf

    basis = _BASES[basis_id]
    series = pd.Series(weights, index=basis.criteria, name="weight")
    whatif = None
    if what is not None:
        points, exclude, lock = what
        whatif = WhatIf(weights=dict(points), exclude=dict(exclude), lock=dict(lock))
    return rank(basis, series, samples=samples, whatif=whatif)


_BASES: dict[int, Basis] = {}


def rank_weights(
    basis: Basis, weights: pd.Series, *, samples: int | None = None, whatif: Any = None
) -> Any:
    """:func:`rank` with plain weights and an optional what-if, remembering the last rankings
    (what-if sliders that go back and forth re-rank instantly)."""
    _BASES[id(basis)] = basis
    key = tuple(float(weights[c]) for c in basis.criteria)
    what = (
        None
        if whatif is None
        else (
            tuple(sorted(whatif.weights.items())),
            tuple(sorted(whatif.exclude.items())),
            tuple(sorted(whatif.lock.items())),
        )
    )
    return _cached_rank(id(basis), key, int(samples or basis.settings["samples"]), what)


def ranking_rows(p: Any, lang: str) -> list[dict[str, Any]]:
    """The ranking for a page, from the library's ranked table: by consensus rank, with each
    method's rank, the range across methods, and P(top k) and the rank range when the
    weights, the data and the method all vary."""
    table = p.table()
    k = p.top_k
    methods = list(p.ranks.columns)
    rows = []
    for code, row in table.iterrows():
        chance = float(row[f"p_top{k}"])
        rows.append(
            {
                "objective": str(code),
                "label": objective_label(str(code), lang),
                "consensus": int(row["rank"]),
                "ranks": {m: int(row[f"rank_{m}"]) for m in methods},
                "best": int(row["rank_methods_min"]),
                "worst": int(row["rank_methods_max"]),
                "rank_low": int(row["rank_min"]),
                "rank_high": int(row["rank_max"]),
                "p_top_all": chance,
                "p_top_text": format_value("probability", chance, lang),
                "locked": bool(row.get("locked", False)),
            }
        )
    return rows


def flags(basis: Basis, lang: str) -> list[str]:
    """What a working group should know before reading the ranking, in ``lang``: criteria
    within their sampling noise, with weak agreement or strongly correlated, and one-member
    stakeholder groups (the catalogue's messages, with the numbers of the criteria matrix)."""
    matrix = basis.matrix
    checks = matrix.checks
    settings = basis.profile.checks
    defaults = basis.profile.default_weights()
    out: list[str] = []
    for issue in matrix.issues:
        rule, column = issue.rule, str(issue.column or "")
        if rule in ("priorities.criterion_noise", "priorities.criterion_disagreement"):
            row = checks.loc[column]
            people = "respondents" if row["judged_by"] == "groups" else "experts"
            fields: dict[str, Any] = {
                "criterion": column,
                "label": criterion_label(basis, column, lang),
                "spread": format_value("mcda", float(row["spread"]), lang),
                "noise": format_value("mcda", float(row["noise"]), lang),
                "ratio": format_value("ratio", float(row["spread_to_noise"]), lang),
                "w": format_value("ratio", float(row["kendall_w"]), lang),
                "judges": int(row["judges"]),
            }
            if rule == "priorities.criterion_noise":
                fields |= {
                    "threshold": format_value("ratio", settings.noise_ratio, lang),
                    "people": text(f"value.people.{people}", lang),
                }
            else:
                fields |= {
                    "threshold": format_value("ratio", settings.min_kendall_w, lang),
                    "people": text(f"value.people.{row['judged_by']}", lang),
                }
        elif rule == "priorities.criteria_correlated":
            first, second = (c.strip() for c in column.split(","))
            fields = {
                "first": criterion_label(basis, first, lang),
                "second": criterion_label(basis, second, lang),
                "r": format_value(
                    "correlation", float(matrix.correlation.loc[first, second]), lang
                ),
                "threshold": format_value("ratio", settings.max_correlation, lang),
                "weight": format_value("weight", float(defaults[first] + defaults[second]), lang),
            }
        elif rule == "rating.group_single_member" and matrix.consultation is not None:
            groups = matrix.consultation.groups
            group = str(issue.found)
            fields = {
                "found": group_label(group, lang),
                "share": format_value("share", float(groups.loc[group, "effective_weight"]), lang),
                "groups": len(groups),
            }
        else:
            continue
        out.append(Problem(rule, fields).message(lang))
    return out


def group_label(group: str, lang: str) -> str:
    """A stakeholder group's label in ``lang`` (as the profile names it when unknown)."""
    from mgi.workbook.consultation import group_label as label

    return label(group, lang)


def method_label(name: str, lang: str) -> str:
    return text(f"session.method.{name}", lang)


def explain(basis: Basis, p: Any, objective: str, lang: str) -> dict[str, Any]:
    """Why an objective ranks where it does, for a page: the library's
    :meth:`~mgi.priorities.Prioritization.explain` (what lifts it above the average objective
    and what holds it back, with the numbers) in the page's language, and the MGI indicators
    behind its governance gap with their questions and answers."""
    base = p.explain(objective)

    def factor(f: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "criterion": f["criterion"],
            "label": criterion_label(basis, f["criterion"], lang),
            "value": format_value("score", float(f["value"]), lang),
            "average": format_value("score", float(f["average"]), lang),
            "cost": bool(f["cost"]),
            "lift": float(f["lift"]),
            "lift_text": format_value("mcda", abs(float(f["lift"])), lang),
        }

    lifts = [factor(f) for f in base.get("lifts", [])]
    holds = [factor(f) for f in base.get("holds_back", [])]
    indicators = []
    codes = [c.strip() for c in str(base.get("gap_indicators") or "").split(",") if c.strip()]
    shortfall = {c.strip() for c in str(base.get("largest_shortfall") or "").split(",")}
    card = basis.scorecard
    questions = basis.instrument.indicators if basis.instrument is not None else None
    for code in codes:
        row: dict[str, Any] = {"code": code, "shortfall": code in shortfall}
        if questions is not None and code in questions.index:
            row["question"] = str(questions.at[code, "question"])
        if card is not None and code in card.indicators.index:
            option = card.indicators.at[code, "option"]
            row["answer"] = "" if pd.isna(option) else str(option)
        indicators.append(row)
    k = p.top_k
    every = base["uncertainty"]["all"]
    return {
        "objective": objective,
        "label": objective_label(objective, lang),
        "title": objective_label(objective, lang, "title"),
        "consensus": int(base["consensus_rank"]),
        "ranks": {m: int(r) for m, r in base["ranks"].items()},
        "lifts": lifts,
        "holds": holds,
        "indicators": indicators,
        "p_top": {
            m: format_value("probability", float(v), lang) for m, v in base[f"p_top{k}"].items()
        },
        "p_top_all": format_value("probability", float(every[f"p_top{k}"]), lang),
        "rank_low": int(every["rank_min"]),
        "rank_high": int(every["rank_max"]),
    }


# -- exports --------------------------------------------------------------------------------------


def write_weights_workbook(basis: Basis, submissions: Sequence[Any], path: str | Path) -> Path:
    """The weights workbook that ``mgi prioritize --weights`` reads, one sheet per member."""
    from mgi.workbook import write_weights_template

    items = [judgement(s.participant, s.mode, s.values, basis.criteria) for s in submissions]
    return write_weights_template(
        path, basis.profile, participants=max(len(items), 1), judgements=items
    )


def write_priorities_workbook(p: Any, path: str | Path, issues: Sequence[Any] = ()) -> Path:
    """The priorities workbook that ``mgi prioritize -o`` writes."""
    from mgi.priorities.export import write_prioritization

    return write_prioritization(p, path, list(issues))


def table_records(p: Any) -> list[dict[str, Any]]:
    """The ranked table as ``mgi prioritize --json`` prints it."""
    from mgi.priorities.export import table_records as records

    return records(p)


def report_content(basis: Basis, p: Any, lang: str = "en") -> Any:
    """The report's content in ``lang`` (as in the Word annex of ``mgi report``), or None
    without an assessment."""
    if basis.scorecard is None:
        return None
    from mgi.reports.build import report_content as build

    return build(basis.scorecard, p, lang=lang)


def write_annex(content: Any, path: str | Path) -> Path:
    """Write a report content as the Word annex."""
    from mgi.reports.docx import write_docx

    return write_docx(content, path)
