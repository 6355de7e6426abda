"""The neutral report content: tables written for a person, formulas, numbering, the hook."""

from __future__ import annotations

import pandas as pd
import pytest

from mgi.reports.content import (
    Formula,
    ReportContent,
    Section,
    Table,
    cell_text,
    flatten,
    format_value,
)


def test_format_value_follows_excel_decimals_and_percent() -> None:
    assert format_value(62.456, "0.0") == "62.5"
    assert format_value(0.256, "0%") == "26%"
    assert format_value(float("nan"), "0.0") == ""
    assert format_value(3) == "3"
    assert format_value(["D1.1", "D1.2"]) == "D1.1, D1.2"


@pytest.mark.parametrize(
    ("value", "kind", "lang", "shown"),
    [
        (-1.6667, "change", "en", "-1.7"),
        (-1.6667, "change", "sq", "-1,7"),
        (57.25, "score", "sq", "57,3"),
        (0.976, "probability", "en", "98%"),
        (0.71656, "mcda", "sq", "0,717"),
        (100000, "count", "en", "100,000"),
        (True, "text", "sq", "po"),
        ("scored", "text", "sq", "scored"),
    ],
)
def test_cells_follow_their_kind_and_language(value, kind, lang, shown) -> None:
    assert cell_text(value, kind, lang) == shown


def test_vocabulary_words_are_translated() -> None:
    assert cell_text("insufficient data", "text", "sq", vocabulary="status") == (
        "të dhëna të pamjaftueshme"
    )
    assert cell_text("cost", "text", "en", vocabulary="direction").startswith("cost")


def test_table_names_fit_a_sheet_name() -> None:
    with pytest.raises(ValueError, match="31"):
        Table("A name far too long for an Excel sheet tab", pd.DataFrame())


def test_table_keeps_its_own_copy() -> None:
    frame = pd.DataFrame({"score": [1.0]}, index=["D1"])
    table = Table("Domains", frame)
    frame.loc["D1", "score"] = 99.0
    assert table.frame.loc["D1", "score"] == 1.0


def test_display_frame_has_readable_headers_and_one_format_per_kind() -> None:
    frame = pd.DataFrame(
        {"score": [62.46], "score_change": [-1.6667], "p_top10": [0.976]},
        index=pd.Index(["D1"], name="code"),
    )
    table = Table("Domains", frame, number_formats={"score": "0.000"})  # Excel only
    assert table.display_frame("en").to_dict("records") == [
        {"Code": "D1", "Score (0–100)": "62.5", "Change in score (points)": "-1.7",
         "P(top 10)": "98%"}
    ]  # fmt: skip
    shown = table.display_frame("sq")
    assert next(iter(shown.columns)) == "Kodi" and shown.iloc[0, 1] == "62,5"
    assert [table.numeric(c) for c in table.columns()] == [False, True, True, True]


def test_a_column_may_say_its_kind_and_header() -> None:
    frame = pd.DataFrame({"TOPSIS": [0.5612]}, index=pd.Index(["x"], name="method"))
    table = Table("C", frame, kinds={"TOPSIS": "correlation"}, headers={"TOPSIS": "TOPSIS"})
    assert table.display_frame("en").to_dict("records") == [{"Method": "x", "TOPSIS": "0.56"}]


def test_formula_parts_sub_and_superscripts() -> None:
    formula = Formula("C_i = d^[−]_i / (d^[+]_i + d^[−]_i)")
    assert formula.parts()[:4] == [("C", ""), ("i", "sub"), (" = d", ""), ("−", "sup")]
    assert formula.plain == "Ci = d−i / (d+i + d−i)"


def test_sections_are_numbered_body_then_appendices() -> None:
    content = ReportContent(
        "T",
        sections=(
            Section("a", "A", subsections=(Section("a1", "A1"), Section("a2", "A2"))),
            Section("b", "B"),
            Section("x", "X", appendix=True, subsections=(Section("x1", "X1"),)),
            Section("y", "Y", appendix=True),
        ),
    )
    numbers = [(s.key, n) for s, n, _ in content.numbered()]
    assert numbers == [("a", "1"), ("a1", "1.1"), ("a2", "1.2"), ("b", "2"), ("x", "A"),
                       ("x1", "A.1"), ("y", "B")]  # fmt: skip


def test_tables_by_output_and_sections_by_key_in_sub_sections() -> None:
    a = Table("A", pd.DataFrame(), outputs=frozenset({"xlsx"}))
    b = Table("B", pd.DataFrame())
    content = ReportContent(
        "T",
        sections=(Section("s", "S", tables=(a,), subsections=(Section("t", "T", blocks=(b,)),)),),
    )
    assert [t.name for t in content.tables("docx")] == ["B"]
    assert [t.name for t in content.tables()] == ["A", "B"]
    assert content.section("t").heading == "T"


def test_other_parts_add_a_section_through_the_hook() -> None:
    content = ReportContent(
        "T",
        sections=(
            Section("findings", "F"),
            Section("priorities", "P"),
            Section("answers", "A", appendix=True),
        ),
    )
    added = content.with_section(Section("agreed", "Agreed"), after="priorities")
    assert [s.key for s in added.sections] == ["findings", "priorities", "agreed", "answers"]
    assert [s.key for s in content.with_section(Section("z", "Z")).sections][-2:] == [
        "z",
        "answers",
    ]
    assert [s.key for s in content.sections] == ["findings", "priorities", "answers"]


def test_flatten_nested_provenance() -> None:
    rows = flatten({"scoring": {"files": {"a.csv": "abc"}}, "inputs": [{"name": "x"}], "e": {}})
    assert rows == [("scoring.files.a.csv", "abc"), ("inputs[1].name", "x"), ("e", "")]
