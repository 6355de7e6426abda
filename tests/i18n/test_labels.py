"""The label dictionary: every field a person reads has a name (and unit) in every language."""

from __future__ import annotations

import pytest

from mgi.i18n import (
    MissingTranslationWarning,
    field_kind,
    header,
    kinds,
    known_fields,
    label,
    placeholders,
    value_label,
)
from mgi.i18n.checks import check_fields


def test_dictionary_is_complete_and_kinds_are_known() -> None:
    assert check_fields() == []


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_every_plain_field_has_a_label(lang: str) -> None:
    for field in known_fields():
        if placeholders(field):
            continue
        found = label(field, lang)
        assert found.name and found.name != field, field
        assert found.kind in kinds()


@pytest.mark.parametrize(
    ("field", "en", "sq", "kind"),
    [
        ("p_top10", "P(top 10)", "P(10 më të lartat)", "probability"),
        ("p_top5_topsis", "P(top 5), TOPSIS", "P(5 më të lartat), TOPSIS", "probability"),
        ("rank_promethee_ii", "Rank (PROMETHEE II)", "Renditja (PROMETHEE II)", "rank"),
        ("rank_min", "Best rank", "Renditja më e mirë", "rank"),
        ("score_wsm", "Score (weighted sum)", "Rezultati (shuma e ponderuar)", "mcda"),
        ("rank 7", "Rank 7", "Renditja 7", "probability"),
        ("gap", "Gap to target (points)", "Hendeku nga synimi (pikë)", "score"),
        ("share_answered", "Share answered", "Pjesa e përgjigjur", "share"),
        ("score_change", "Change in score (points)", "Ndryshimi i rezultatit (pikë)", "change"),
    ],
)
def test_labels_with_units_and_patterns(field, en, sq, kind) -> None:
    assert header(field, "en") == en
    assert header(field, "sq") == sq
    assert field_kind(field) == kind


def test_unknown_field_shows_its_name_with_a_warning() -> None:
    with pytest.warns(MissingTranslationWarning, match="rank_unknown_thing"):
        found = label("rank_unknown_thing", "sq")
    assert str(found) == "rank_unknown_thing"
    assert field_kind("rank_unknown_thing") is None


def test_vocabulary_values() -> None:
    assert value_label("status", "no indicators", "sq") == "pa tregues"
    assert value_label("change", "newly answered", "sq") == "me përgjigje për herë të parë"
    assert value_label("status", "Custom status", "sq") == "Custom status"
