"""Content tables: every row in every language, statuses carried, English where it always was."""

from __future__ import annotations

import csv

import pytest

from mgi.i18n import (
    MissingTranslationWarning,
    Store,
    UnknownKeyError,
    codes,
    content,
    content_table,
    tables,
    unofficial_notice,
)
from mgi.i18n._store import CatalogueError
from mgi.i18n.checks import check_content
from mgi.reference import gcm_objectives, guiding_principles, sdg_items


def test_every_content_row_has_every_language() -> None:
    assert check_content() == []


@pytest.mark.parametrize(
    ("table", "count"),
    [
        ("gcm_objectives", 23),
        ("guiding_principles", 10),
        ("sdg_items", 30),
        ("sdg_domains", 6),
        ("answer_options", 10),
        ("bands", 4),
        ("stakeholder_groups", 15),
        ("criteria", 9),
    ],
)
def test_table_sizes(table: str, count: int) -> None:
    assert len(codes(table)) == count


def test_english_comes_from_the_existing_files() -> None:
    objectives = gcm_objectives()
    for code in objectives.index:
        assert content("gcm_objectives", code, "title", "en") == objectives.loc[code, "title"]
        assert content("gcm_objectives", code, "title", "en").status == "original"
    principles = guiding_principles()
    for letter in principles.index:
        assert (
            content("guiding_principles", letter, "name", "en")
            == principles.loc[letter, "principle"]
        )
    items = sdg_items()
    for code in items.index:
        assert content("sdg_items", code, "label", "en") == items.loc[code, "label"]


def test_required_groups_and_criteria_are_there() -> None:
    groups = set(codes("stakeholder_groups"))
    assert {"parliament", "trade_unions", "ombudsperson", "media", "local_authorities"} <= groups
    assert {"returnees", "immigrants"} <= groups
    assert {"partner_funding", "policy_alignment", "eu_accession"} <= set(codes("criteria"))


def test_statements_are_one_plain_sentence() -> None:
    for code in codes("gcm_objectives"):
        for lang in ("en", "sq"):
            statement = content("gcm_objectives", code, "statement", lang)
            assert statement.endswith(".") and statement.count(". ") == 0, (code, lang)
            assert len(statement) < 200, (code, lang)


def test_albanian_is_marked_unofficial() -> None:
    title = content("gcm_objectives", "GCM21", "short_label", "sq")
    assert title == "Kthimi dhe riintegrimi" and title.unofficial and title.lang == "sq"
    assert unofficial_notice("sq") == "Përkthim jozyrtar i projektit mgi."
    frame = content_table("criteria", "sq")
    assert set(frame["label_status"]) == {"unofficial"}
    assert frame.loc["eu_accession", "label"] == "Rëndësia për anëtarësimin në BE (ekspertët)"


def test_albanian_uses_its_letters() -> None:
    text = " ".join(
        str(content(t, c, col, "sq"))
        for t, spec in tables().items()
        for c in codes(t)
        for col in spec.columns
    )
    assert "ë" in text and "ç" in text
    assert "e\u0308" not in text  # composed characters, never e + combining diaeresis


def test_unknown_code_needs_a_default() -> None:
    with pytest.raises(UnknownKeyError, match="no row"):
        content("stakeholder_groups", "farmers", "label", "sq")
    own = content("stakeholder_groups", "farmers", "label", "sq", default="Fermerët")
    assert own == "Fermerët" and own.status == "original"
    with pytest.raises(UnknownKeyError, match="no translated column"):
        content("criteria", "gap", "title", "sq")


def _rewrite(path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_missing_row_falls_back_and_is_reported(catalogue_copy) -> None:
    _rewrite(catalogue_copy / "sq" / "criteria.csv", lambda rows: rows.pop())
    store = Store(catalogue_copy)
    with pytest.warns(MissingTranslationWarning, match="criteria/eu_accession/label"):
        value = content("criteria", "eu_accession", "label", "sq", store=store)
    assert value == "EU-accession relevance (experts)" and value.lang == "en"
    assert '"eu_accession" has no label.' in [p.message for p in check_content(store)]


def test_bad_status_is_refused(catalogue_copy) -> None:
    def bad(rows):
        rows[0]["source"] = "machine"

    _rewrite(catalogue_copy / "sq" / "bands.csv", bad)
    with pytest.raises(CatalogueError, match='source "machine"'):
        content("bands", "meets", "label", "sq", store=Store(catalogue_copy))
