"""The terminology table: key terms in both languages, each with its status and source."""

from __future__ import annotations

from mgi.i18n._store import bundled_root, read_csv

TERMS = read_csv(bundled_root() / "terminology.csv", required=("term", "en", "sq", "sq_status"))
SOURCES = {row["id"]: row for row in read_csv(bundled_root() / "sources.csv", required=("id",))}


def test_every_term_has_both_languages_and_a_status() -> None:
    ids = [row["term"] for row in TERMS]
    assert len(ids) == len(set(ids))
    for row in TERMS:
        assert row["en"] and row["sq"], row["term"]
        assert row["sq_status"] in {"official", "unofficial"}, row["term"]


def test_official_terms_name_a_source_with_an_address() -> None:
    for row in TERMS:
        if row["sq_status"] == "official":
            assert row["sq_source"] in SOURCES, row["term"]
        if row["sq_source"]:
            assert row["sq_source"] in SOURCES, row["term"]
    for source in SOURCES.values():
        assert source["url"].startswith("http") and source["title"] and source["what_it_gives"]


def test_the_key_terms_are_there() -> None:
    english = {row["en"] for row in TERMS}
    for term in (
        "Global Compact for Safe, Orderly and Regular Migration",
        "Migration Governance Indicators (MGI)",
        "National Strategy on Migration 2024–2030",
        "action plan",
        "indicator passport",
        "technical secretariat",
        "inter-institutional working group",
        "returnee",
        "diaspora",
        "fully present",
        "partially present",
        "absent",
        "not applicable",
        "measure (of an action plan)",
        "lead institution",
    ):
        assert term in english, term


def test_content_uses_the_terminology() -> None:
    from mgi.i18n import content, text

    terms = {row["term"]: row["sq"] for row in TERMS}
    assert (
        content("answer_options", "presence.full", "label", "sq").lower() == terms["fully_present"]
    )
    assert content("stakeholder_groups", "returnees", "label", "sq") == "Emigrantët e kthyer"
    assert terms["returnee"] == "emigrant i kthyer"
    assert "Treguesit e Qeverisjes së Migracionit" in terms["mgi"]
    assert text("notice.unofficial_marker", "sq") == terms["unofficial_translation"]
