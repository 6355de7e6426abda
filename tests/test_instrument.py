"""Tests of mgi.instrument: the bundled instruments load, and a broken file names every problem.

Each broken-file test starts from a good bundled instrument and changes one cell (pyxform and
COINr style), then asserts the catalogue rule, the file, the row and the column.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from mgi._resources import bundled_dir
from mgi.catalogue import Issue
from mgi.errors import DataFileError
from mgi.instrument import list_instruments, load_instrument
from mgi.reference import gcm_objectives
from tests.conftest import edit_csv


def _problems(folder: Path) -> list[Issue]:
    with pytest.raises(DataFileError) as info:
        load_instrument(folder)
    return [i for i in info.value.issues if i.is_error]


def _only(issues: list[Issue]) -> Issue:
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


# -- the bundled instruments -------------------------------------------------------------------


def test_bundled_instruments_are_listed() -> None:
    assert {"mgi-national", "sdg-10-7-2"} <= set(list_instruments())


def test_sdg_instrument_matches_the_official_table() -> None:
    """The 30 items, domains and coding of ../shared/reference/sdg_10_7_2.csv."""
    inst = load_instrument("sdg-10-7-2")
    ref = pd.read_csv(Path(__file__).parents[1] / "data" / "sdg_10_7_2_items.csv")
    assert len(inst.indicators) == 30
    assert list(inst.domains.index) == [f"D{i}" for i in range(1, 7)]
    assert list(inst.domains["name"]) == list(ref.drop_duplicates("domain")["domain_name"])
    for (_, item), (code, ind) in zip(ref.iterrows(), inst.indicators.iterrows(), strict=True):
        assert code == f"D{item['domain']}.{item['subcategory']}"
        assert item["label"] in ind["question"]
        assert ind["scale"] == ("three_option" if item["domain"] == 1 else "yes_no")
    assert list(inst.options("three_option").index) == ["yes_all", "yes_legal", "no"]
    assert list(inst.options("yes_no").index) == ["yes", "no"]
    assert not inst.scales["not_applicable"].any()


def test_mgi_national_structure() -> None:
    """Six domains in official order, >= 90 indicators, full coverage of the 23 objectives."""
    inst = load_instrument("mgi-national")
    assert list(inst.domains["name"]) == [
        "Migrants' rights",
        "Whole-of-government approach",
        "Partnerships",
        "Well-being of migrants",
        "Mobility dimensions of crises",
        "Safe, orderly and regular migration",
    ]
    indicators = inst.indicators
    assert len(indicators) >= 90
    assert set(indicators["scale"]) <= {"presence", "yes_no"}
    assert (indicators["weight"] == 1).all()
    for column in ("question", "guidance_full", "guidance_absent"):
        assert (indicators[column].str.len() > 10).all(), column
    presence = indicators[indicators["scale"] == "presence"]
    assert (presence["guidance_partial"].str.len() > 10).all()
    coverage = inst.objective_coverage()
    assert list(coverage.index) == list(gcm_objectives().index)
    assert (coverage["total"] >= 2).all(), coverage[coverage["total"] < 2]
    assert "not IOM's official" in inst.meta.mapping.note.replace("NOT", "not")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Fully present", "full"),
        ("  fully   PRESENT ", "full"),
        ("Y", "full"),
        ("Partly", "partial"),
        ("Pjesërisht", "partial"),
        ("pjeserisht", "partial"),
        ("Po", "full"),
        ("Jo", "absent"),
        ("N/A", "na"),
        (1, "full"),
        (0.5, "partial"),
        (0.0, "absent"),
        ("Partly yes", None),
        ("maybe", None),
    ],
)
def test_presence_aliases(typed: object, expected: str | None) -> None:
    inst = load_instrument("mgi-national")
    code = inst.indicators.index[inst.indicators["scale"] == "presence"][0]
    assert inst.parse_answer(code, typed) == expected


def test_instrument_is_immutable() -> None:
    inst = load_instrument("sdg-10-7-2")
    table = inst.indicators
    table.loc[table.index[0], "weight"] = 99
    assert inst.indicators["weight"].iloc[0] == 1
    with pytest.raises(AttributeError):
        inst.meta = None  # type: ignore[misc]


def test_load_by_path_and_by_metadata_file(instrument_copy) -> None:
    folder = instrument_copy("sdg-10-7-2")
    assert load_instrument(folder).name == "sdg-10-7-2"
    assert load_instrument(folder / "instrument.toml").name == "sdg-10-7-2"


def test_unknown_bundled_name_lists_the_bundled_ones() -> None:
    with pytest.raises(DataFileError, match="mgi-national, mgi-national-1, sdg-10-7-2"):
        load_instrument("no-such-instrument")


# -- one broken cell, one precise error ----------------------------------------------------------


def test_duplicate_code(instrument_copy) -> None:
    folder = instrument_copy()
    edit_csv(folder / "indicators.csv", 3, "code", "D1.a")
    issue = _only(_problems(folder))
    assert (issue.rule, issue.file, issue.row, issue.column) == (
        "data.duplicate_code",
        "indicators.csv",
        3,
        "code",
    )
    assert "row 2" in issue.message


def test_unknown_subdomain(instrument_copy) -> None:
    folder = instrument_copy()
    edit_csv(folder / "indicators.csv", 5, "subdomain", "D1.9")
    issue = _only(_problems(folder))
    assert (issue.rule, issue.row, issue.column, issue.found) == (
        "data.unknown_reference",
        5,
        "subdomain",
        "D1.9",
    )


def test_unknown_domain(instrument_copy) -> None:
    folder = instrument_copy()
    edit_csv(folder / "subdomains.csv", 2, "domain", "D9")
    issues = _problems(folder)
    assert issues[0].rule == "data.unknown_reference"
    assert (issues[0].file, issues[0].row, issues[0].column) == ("subdomains.csv", 2, "domain")


def test_subdomain_of_another_domain(instrument_copy) -> None:
    folder = instrument_copy()
    edit_csv(folder / "indicators.csv", 2, "subdomain", "D2.0")
    issue = _only(_problems(folder))
    assert issue.rule == "data.wrong_parent"
    assert "belongs to domain D2, not to domain D1" in issue.message


def test_unknown_scale(instrument_copy) -> None:
    folder = instrument_copy()
    edit_csv(folder / "indicators.csv", 9, "scale", "likert")
    issue = _only(_problems(folder))
    assert (issue.rule, issue.row, issue.column) == ("data.unknown_reference", 9, "scale")
    assert "three_option, yes_no" in issue.message


@pytest.mark.parametrize("value", ["0", "24", "seven", "-1"])
def test_objective_outside_1_to_23(tmp_path: Path, value: str) -> None:
    folder = tmp_path / "inst"
    import shutil

    from mgi._resources import bundled_dir

    shutil.copytree(bundled_dir("questionnaires") / "mgi-national", folder)
    edit_csv(folder / "gcm_mapping.csv", 4, "gcm_primary", value)
    issue = _only(_problems(folder))
    assert (issue.rule, issue.file, issue.row, issue.column) == (
        "data.out_of_range",
        "gcm_mapping.csv",
        4,
        "gcm_primary",
    )
    assert "1 to 23" in issue.message


@pytest.mark.parametrize(
    ("value", "rule"),
    [("-1", "data.negative_number"), ("heavy", "data.bad_number"), ("nan", "data.bad_number")],
)
def test_bad_weight(instrument_copy, value: str, rule: str) -> None:
    folder = instrument_copy()
    edit_csv(folder / "indicators.csv", 7, "weight", value)
    issue = _only(_problems(folder))
    assert (issue.rule, issue.row, issue.column) == (rule, 7, "weight")


def test_missing_required_column(instrument_copy) -> None:
    folder = instrument_copy()
    path = folder / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0][rows[0].index("scale")] = "answer_scale"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    issue = _only(_problems(folder))
    assert (issue.rule, issue.column, issue.row) == ("data.missing_column", "scale", 1)


def test_empty_file(instrument_copy) -> None:
    folder = instrument_copy()
    (folder / "domains.csv").write_text("", encoding="utf-8")
    issues = _problems(folder)
    assert issues[0].rule == "data.empty_file"
    assert issues[0].file == "domains.csv"


def test_header_only_file_is_empty(instrument_copy) -> None:
    folder = instrument_copy()
    (folder / "scales.csv").write_text("scale,option,label\n", encoding="utf-8")
    assert _problems(folder)[0].rule == "data.empty_file"


def test_every_problem_is_reported_at_once(instrument_copy) -> None:
    folder = instrument_copy()
    edit_csv(folder / "indicators.csv", 3, "code", "D1.a")
    edit_csv(folder / "indicators.csv", 7, "weight", "-2")
    edit_csv(folder / "indicators.csv", 9, "scale", "likert")
    edit_csv(folder / "domains.csv", 3, "name", "")
    found = sorted((i.rule, i.file, i.row) for i in _problems(folder))
    assert found == [
        ("data.duplicate_code", "indicators.csv", 3),
        ("data.empty_value", "domains.csv", 3),
        ("data.negative_number", "indicators.csv", 7),
        ("data.unknown_reference", "indicators.csv", 9),
    ]


def test_alias_shared_by_two_options(instrument_copy) -> None:
    folder = instrument_copy()
    edit_csv(folder / "scales.csv", 6, "aliases", "no;yes")
    issue = _only(_problems(folder))
    assert issue.rule == "data.alias_conflict"


def test_bad_metadata(instrument_copy) -> None:
    folder = instrument_copy()
    meta = folder / "instrument.toml"
    meta.write_text(meta.read_text().replace('version = "1.1.0"', 'version = "one"'))
    issue = _only(_problems(folder))
    assert (issue.rule, issue.column) == ("data.metadata", "version")


def test_mapping_can_be_replaced(tmp_path: Path) -> None:
    inst = load_instrument("mgi-national")
    code = inst.indicators.index[0]
    mapping = tmp_path / "my_mapping.csv"
    mapping.write_text(f"indicator,gcm_primary,gcm_secondary\n{code},8,13;9\n", encoding="utf-8")
    other = inst.with_mapping(mapping)
    assert list(other.mapping["objective"]) == ["GCM08", "GCM13", "GCM09"]
    assert other.mapping_file == str(mapping)
    assert len(inst.mapping) > 3  # the original is unchanged
    assert load_instrument("mgi-national", mapping=mapping).objective_coverage()["total"].sum() == 3


def test_every_catalogue_rule_is_used() -> None:
    """No dead entries: every rule of the catalogue is raised somewhere in mgi/."""
    from mgi.catalogue import CATALOGUE

    root = Path(__file__).resolve().parents[1] / "mgi"
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in root.rglob("*.py") if p.name != "catalogue.py"
    )
    unused = [code for code in CATALOGUE if f'"{code}"' not in sources]
    assert unused == []


# -- edition 2.0.0 of mgi-national: mapping, questions, editions ---------------------------------

MACHINERY = ("D2.1.1", "D2.1.2", "D3.2.1", "D3.2.2")


def test_every_objective_has_five_links_and_two_primary() -> None:
    coverage = load_instrument("mgi-national").objective_coverage()
    assert (coverage["total"] >= 5).all(), coverage[coverage["total"] < 5]
    assert (coverage["primary"] >= 2).all(), coverage[coverage["primary"] < 2]


def test_domestic_machinery_is_a_cross_cutting_block_not_objective_23() -> None:
    inst = load_instrument("mgi-national")
    assert not inst.mapping["indicator"].isin(MACHINERY).any()
    wga = set(inst.cross_cutting.loc[inst.cross_cutting["block"] == "WGA", "indicator"])
    assert set(MACHINERY) <= wga
    gcm23 = inst.mapping[inst.mapping["objective"] == "GCM23"]
    assert len(gcm23) <= 12  # international cooperation only (24 links in edition 1.0.0)


def test_mapping_corrections_of_the_review() -> None:
    links = load_instrument("mgi-national").mapping
    primary = links[links["role"] == "primary"].groupby("indicator")["number"].agg(set)
    assert primary["D2.4.5"] == {13}  # detention monitoring (split from D2.4.3)
    assert primary["D4.3.1"] == {16}  # students may work
    assert primary["D1.1.3"] == {15, 22}  # social protection, co-primary
    assert "D1.6.4" not in primary.index  # 1951 Convention: a secondary link at most
    assert set(links.loc[links["indicator"] == "D1.6.4", "role"]) == {"secondary"}


def test_no_question_asks_about_implementation_as_presence() -> None:
    """Fully present is defined on law and policy alone."""
    ind = load_instrument("mgi-national").indicators
    text = (ind["question"] + " " + ind["guidance_full"]).str.casefold()
    for phrase in (
        "is applied",
        "meets regularly",
        "and used",
        "staff and budget",
        "routinely",
        "are running",
        "and are funded",
    ):
        assert not text.str.contains(phrase, regex=False).any(), phrase
    scales = load_instrument("mgi-national").scales
    assert "implemented" in scales.loc[("presence", "full"), "definition"]


@pytest.mark.parametrize("name", ["mgi-national", "mgi-national-1", "sdg-10-7-2"])
def test_printed_guidance_never_repeats_the_label(name: str) -> None:
    from mgi.workbook.template import guidance_text

    inst = load_instrument(name)
    assert inst.warnings == ()
    for _, row in inst.indicators.iterrows():
        labels = [
            label
            for label, na in zip(
                inst.options(row["scale"])["label"],
                inst.options(row["scale"])["not_applicable"],
                strict=True,
            )
            if not na
        ]
        text = guidance_text(row, labels)
        assert "Yes: Yes" not in text and "No: No:" not in text and "No: No " not in text


def test_scales_hold_no_values_and_an_old_value_column_warns(instrument_copy) -> None:
    for name in ("mgi-national", "mgi-national-1", "sdg-10-7-2"):
        assert "value" not in load_instrument(name).scales.columns
    folder = instrument_copy()
    scales = folder / "scales.csv"
    rows = scales.read_text(encoding="utf-8").splitlines()
    rows = [rows[0] + ",value"] + [row + ",1" for row in rows[1:]]
    scales.write_text("\n".join(rows) + "\n", encoding="utf-8")
    issue = _only(list(load_instrument(folder).warnings))
    assert (issue.rule, issue.file, issue.column) == (
        "data.scale_value_ignored",
        "scales.csv",
        "value",
    )


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Migrant\x07 rights", True),
        ("Migrant\nrights", True),
        ("Mig\u202erights", True),
        ("Migrant rights", False),
    ],
)
def test_control_characters_in_a_domain_name(instrument_copy, text: str, refused: bool) -> None:
    folder = instrument_copy()
    path = folder / "domains.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "name"] = text
    frame.to_csv(path, index=False)
    if not refused:
        load_instrument(folder)
        return
    issue = _only(_problems(folder))
    assert (issue.rule, issue.file, issue.row, issue.column) == (
        "data.control_character",
        "domains.csv",
        2,
        "name",
    )
    assert "U+" in str(issue)


def test_a_line_break_is_allowed_in_a_question(instrument_copy) -> None:
    folder = instrument_copy()
    path = folder / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "question"] = "First line\nsecond line?"
    frame.to_csv(path, index=False)
    assert load_instrument(folder).indicators.iloc[0]["question"].count("\n") == 1


def test_guidance_that_repeats_the_label_warns(instrument_copy) -> None:
    folder = instrument_copy("mgi-national")
    path = folder / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[frame["scale"] == "yes_no"][0]
    frame.loc[row, "guidance_full"] = "Yes: it is ratified."
    frame.to_csv(path, index=False)
    issue = _only(list(load_instrument(folder).warnings))
    assert (issue.rule, issue.row, issue.column) == (
        "data.guidance_repeats_label",
        row + 2,
        "guidance_full",
    )


def test_unknown_cross_cutting_block_is_placed(instrument_copy) -> None:
    folder = instrument_copy("mgi-national")
    path = folder / "gcm_mapping.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[3, "cross_cutting"] = "XYZ"
    frame.to_csv(path, index=False)
    issue = _only(_problems(folder))
    assert (issue.rule, issue.file, issue.row, issue.column) == (
        "data.unknown_reference",
        "gcm_mapping.csv",
        5,
        "cross_cutting",
    )


def test_the_earlier_edition_and_its_crosswalk() -> None:
    new = load_instrument("mgi-national")
    old = load_instrument("mgi-national", version="1.0.0")
    assert (new.version, old.version, old.meta.superseded_by) == (
        "2.0.0",
        "1.0.0",
        "mgi-national 2.0.0",
    )
    walk = new.crosswalk_from(old)
    assert set(walk["earlier_code"]) == set(old.indicators.index)  # every old code is placed
    assert set(walk["code"]) <= set(new.indicators.index)
    splits = walk[walk["relation"] == "split"].groupby("earlier_code")["code"].agg(list)
    for code in ("D1.1.4", "D1.5.3", "D1.6.2", "D1.6.5", "D2.4.3", "D6.4.3", "D6.4.5", "D6.6.1"):
        assert len(splits[code]) >= 2 and code not in new.indicators.index
    assert new.crosswalk_from(load_instrument("sdg-10-7-2")) is None
    assert load_instrument("mgi-national", version="9.9.9").version == "2.0.0"


def test_a_broken_crosswalk_names_file_row_and_column(tmp_path: Path) -> None:
    import shutil

    root = bundled_dir("questionnaires")
    for name in ("mgi-national", "mgi-national-1"):
        shutil.copytree(root / name, tmp_path / name)
    path = tmp_path / "mgi-national" / "crosswalk-1.0.0.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "relation"] = "renamed"
    frame.loc[1, "earlier_code"] = "D9.9.9"
    frame.to_csv(path, index=False)
    new = load_instrument(tmp_path / "mgi-national")
    with pytest.raises(DataFileError) as info:
        new.crosswalk_from(new.earlier_edition("1.0.0"))
    places = {(i.rule, i.row, i.column) for i in info.value.issues}
    assert places == {
        ("data.bad_value", 2, "relation"),
        ("data.unknown_reference", 3, "earlier_code"),
    }


def test_a_copy_without_its_earlier_edition_still_loads(instrument_copy) -> None:
    copy = load_instrument(instrument_copy("mgi-national"))
    assert copy.earlier_edition("1.0.0") is None


def test_sdg_items_carry_the_official_name_and_full_labels() -> None:
    inst = load_instrument("sdg-10-7-2")
    assert (
        "Proportion of countries with migration policies that facilitate orderly, safe, "
        "regular and responsible migration and mobility of people" in inst.title
    )
    items = pd.read_csv(Path(__file__).parents[1] / "data" / "sdg_10_7_2_items.csv")
    assert (
        items.loc[(items["domain"] == 4) & (items["subcategory"] == "a"), "label"]
        .item()
        .endswith("through periodic assessments")
    )
    assert items["domain_name"].iloc[-1] == "Safe, orderly and regular migration"
    for (_, item), question in zip(items.iterrows(), inst.indicators["question"], strict=True):
        assert question == f"{item['stem']} {item['label']}."  # stem + the full label
    assert items["stem_wording"].str.contains("written by mgi").all()


def test_plain_rows_and_the_tables_built_from_them() -> None:
    """Issue 20: an instrument keeps plain rows (no pandas to read a questionnaire); its
    DataFrame views are built from them on first use and hold the same rows."""
    inst = load_instrument("mgi-national")
    assert "indicators" not in inst._frames  # nothing built yet
    rows = inst.records("indicators")
    assert inst.codes == tuple(r["code"] for r in rows) == tuple(inst.indicators.index)
    assert inst.records("domains")[1]["name"] == inst.domains["name"].iloc[1]
    assert [r["label"] for r in inst.option_rows("presence")] == inst.option_labels("presence")
    assert inst.option_labels("presence") == list(inst.options("presence")["label"])
    links = inst.records("mapping")
    assert len(links) == len(inst.mapping) and set(links[0]) == set(inst.mapping.columns)
    with pytest.raises(TypeError):
        rows[0]["scale"] = "other"  # type: ignore[index]
    with pytest.raises(KeyError):
        inst.records("nonsense")
