"""Tests of mgi.priorities.weighting: participants' judgements become the group's weights."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mgi.priorities import Judgement, combine_judgements
from mgi.priorities.weighting import profile_weights

CRITERIA = ["gap", "stakeholders", "feasibility"]


def _pairwise(a: float, b: float, c: float) -> pd.DataFrame:
    """Upper triangle gap/stakeholders = a, gap/feasibility = b, stakeholders/feasibility = c."""
    m = np.array([[1, a, b], [1 / a, 1, c], [1 / b, 1 / c, 1]])
    return pd.DataFrame(m, index=CRITERIA, columns=CRITERIA)


def test_points_are_normalised_and_averaged() -> None:
    """A gives 50/30/20 points, B 20/20/60: mean of (.5, .3, .2) and (.2, .2, .6)."""
    a = Judgement("A", "points", pd.Series({"gap": 50, "stakeholders": 30, "feasibility": 20}))
    b = Judgement("B", "points", pd.Series({"gap": 20, "stakeholders": 20, "feasibility": 60}))
    agreed = combine_judgements([a, b], CRITERIA)
    assert agreed.weights.tolist() == pytest.approx([0.35, 0.25, 0.40])
    assert "arithmetic mean" in agreed.rule
    assert agreed.participants.loc["A", "distance"] == pytest.approx(
        np.linalg.norm([0.15, 0.05, -0.2])
    )


def test_ranking_uses_rank_order_centroid() -> None:
    """ROC for n = 3 (Barron & Barrett 1996): 0.6111, 0.2778, 0.1111."""
    j = Judgement("A", "ranking", pd.Series({"gap": 2, "stakeholders": 1, "feasibility": 3}))
    weights = combine_judgements([j], CRITERIA).weights
    assert weights.round(4).tolist() == [0.2778, 0.6111, 0.1111]


def test_all_pairwise_uses_group_ahp() -> None:
    """Two consistent participants (a = 2, b = 4, c = 2) and (a = 8, b = 4, c = 0.5):
    the AIJ group matrix is the element-wise geometric mean, a = 4, b = 4, c = 1, which is
    consistent with weights (4, 1, 1) / 6."""
    agreed = combine_judgements(
        [
            Judgement("A", "pairwise", _pairwise(2, 4, 2)),
            Judgement("B", "pairwise", _pairwise(8, 4, 0.5)),
        ],
        CRITERIA,
    )
    assert agreed.weights.tolist() == pytest.approx([4 / 6, 1 / 6, 1 / 6])
    assert "AIJ" in agreed.rule
    assert agreed.participants["consistent"].all()
    assert agreed.hints == ()


def test_inconsistent_participant_gets_a_hint() -> None:
    """gap ≻ stakeholders (9), stakeholders ≻ feasibility (9) but feasibility ≻ gap (1/9 →
    gap/feasibility = 1/9): a circular judgement, CR far above 0.10."""
    agreed = combine_judgements([Judgement("C", "pairwise", _pairwise(9, 1 / 9, 9))], CRITERIA)
    row = agreed.participants.loc["C"]
    assert row["cr"] > 0.1 and not row["consistent"]
    (hint,) = agreed.hints
    assert hint.startswith("C: the comparisons are inconsistent")
    assert "deviates most" in hint


def test_profile_default_weights() -> None:
    agreed = profile_weights(pd.Series({"gap": 3.0, "stakeholders": 1.0}))
    assert agreed.weights.tolist() == [0.75, 0.25]


# ---------------------------------------------------------------------------------------------
# weights are relative; nothing is dropped or equalised in silence
# ---------------------------------------------------------------------------------------------


def _points(name: str, values: list[float], weight: float = 1.0, sheet: str = "") -> Judgement:
    return Judgement(
        name, "points", pd.Series(dict(zip(CRITERIA, values, strict=True))), weight, sheet
    )


def test_points_of_1e308_are_equal_weights_not_a_dropped_member() -> None:
    huge = _points("Huge", [1e308, 1e308, 1e308])
    other = _points("Other", [60, 30, 10])
    agreed = combine_judgements([huge, other], CRITERIA)
    assert agreed.participants.loc["Huge", CRITERIA].tolist() == pytest.approx([1 / 3] * 3)
    expected = (np.array([1 / 3] * 3) + np.array([0.6, 0.3, 0.1])) / 2
    assert agreed.weights.tolist() == pytest.approx(expected.tolist())


def test_participant_weights_of_1e308_are_relative() -> None:
    a, b = _points("A", [60, 30, 10], 1e308), _points("B", [20, 20, 60], 1e308)
    equal = combine_judgements([_points("A", [60, 30, 10]), _points("B", [20, 20, 60])], CRITERIA)
    agreed = combine_judgements([a, b], CRITERIA)
    assert agreed.participants["participant_weight"].tolist() == [0.5, 0.5]
    assert agreed.weights.tolist() == pytest.approx(equal.weights.tolist())


def test_all_zero_participant_weights_are_an_error_naming_them() -> None:
    from mgi.errors import InputError

    items = [_points("A", [1, 1, 1], 0.0, "Participant 1"), _points("B", [1, 2, 3], 0.0)]
    with pytest.raises(InputError) as info:
        combine_judgements(items, CRITERIA)
    assert info.value.rule == "priorities.participant_weights_zero"
    (issue,) = info.value.issues
    assert "A (sheet Participant 1)" in issue.message and "B" in issue.message


@pytest.mark.parametrize(
    ("item", "rule"),
    [
        (_points("Zero", [0, 0, 0], sheet="Participant 3"), "priorities.judgement_unusable"),
        (_points("Negative", [1, -1, 1]), "priorities.judgement_unusable"),
        (_points("NaN weight", [1, 1, 1], float("nan")), "weights.bad_value"),
        (_points("Negative weight", [1, 1, 1], -1.0), "weights.bad_value"),
    ],
)
def test_an_unusable_judgement_is_named(item: Judgement, rule: str) -> None:
    from mgi.errors import InputError

    with pytest.raises(InputError) as info:
        combine_judgements([_points("Fine", [1, 2, 3]), item], CRITERIA)
    assert info.value.rule == rule
    (issue,) = info.value.issues
    assert item.participant in issue.message
    assert issue.sheet == (item.sheet or None)


def test_no_judgement_is_an_input_error() -> None:
    from mgi.errors import InputError

    with pytest.raises(InputError) as info:
        combine_judgements([], CRITERIA)
    assert info.value.rule == "weights.no_participants"


def test_an_engine_error_reaching_a_command_exits_1_not_3() -> None:
    """PrioritizationInputError is an InputError: a command reports it and exits with 1."""
    from mgi.cli._app import handle_errors
    from mgi.prioritization import topsis

    @handle_errors
    def command() -> None:
        topsis([[1, 2], [3, 4]], [0, 0], ["benefit", "cost"])

    with pytest.raises(SystemExit) as info:
        command()
    assert info.value.code == 1


def _weights_workbook(tmp_path, value: float):
    """The demo weights workbook with every participant weight (cell B4) set to ``value``."""
    import openpyxl

    from mgi._resources import bundled_dir

    wb = openpyxl.load_workbook(bundled_dir("data") / "demo" / "weights.xlsx")
    for ws in wb.worksheets:
        if ws["A4"].value == "Participant weight":
            ws["B4"] = value
    path = tmp_path / f"weights-{value:g}.xlsx"
    wb.save(path)
    return path


def _prioritize(weights) -> object:
    from click.testing import CliRunner

    from mgi._resources import bundled_dir
    from mgi.cli import main

    demo = bundled_dir("data") / "demo"
    args = ["--assessment", str(demo / "mgi-national-2023.xlsx")]
    args += ["--consultation", str(demo / "consultation.xlsx")]
    args += ["--experts", str(demo / "experts.xlsx"), "--weights", str(weights)]
    return CliRunner().invoke(main, ["prioritize", *args, "--samples", "100", "--json"])


def test_participant_weights_through_the_command(tmp_path) -> None:
    """From the weights workbook to the exit code: 1e308 for every participant ranks like 1
    (weights are relative); 0 for every participant exits 1 naming the file, never 3."""
    import json

    from mgi._resources import bundled_dir

    original = _prioritize(bundled_dir("data") / "demo" / "weights.xlsx")
    huge = _prioritize(_weights_workbook(tmp_path, 1e308))
    assert original.exit_code == huge.exit_code == 0, huge.output
    ranking = [row["objective"] for row in json.loads(original.stdout)["ranking"]]
    assert [row["objective"] for row in json.loads(huge.stdout)["ranking"]] == ranking
    zero = _prioritize(_weights_workbook(tmp_path, 0))
    assert zero.exit_code == 1, zero.output
    assert "weights-0.xlsx" in zero.stderr and "Participant 1" in zero.stderr


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ([0.0, 0.0, 0.0], "mcda.weights_all_zero"),
        ([1.0, float("inf"), 1.0], "priorities.weights_not_finite"),
        ([1.0, -1.0, 1.0], "priorities.weights_not_finite"),
    ],
)
def test_weights_given_directly_are_checked(values: list[float], rule: str) -> None:
    from mgi.errors import InputError

    with pytest.raises(InputError) as info:
        profile_weights(pd.Series(values, index=CRITERIA))
    assert info.value.rule == rule
