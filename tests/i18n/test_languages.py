"""The language registry is data: languages come from the catalogues present."""

from __future__ import annotations

import pytest

from mgi.i18n import (
    UnknownLanguageError,
    content,
    format_value,
    label,
    language,
    languages,
    reset,
    source_language,
    text,
)
from mgi.i18n._store import PATH_VARIABLE
from mgi.i18n.checks import check_all


def test_bundled_languages_are_english_and_albanian() -> None:
    found = languages()
    assert list(found) == ["en", "sq"]
    assert source_language().code == "en"
    assert found["sq"].locale == "sq_AL" and found["sq"].tag == "sq-AL"
    assert found["en"].tag == "en-GB"
    assert found["sq"].name == "shqip" and found["sq"].english_name == "Albanian"


@pytest.mark.parametrize("given", ["sq", "SQ", "sq-AL", "sq_AL", " sq "])
def test_language_accepts_codes_and_tags(given: str) -> None:
    assert language(given).code == "sq"


def test_unknown_language_is_a_usage_error_listing_the_languages() -> None:
    with pytest.raises(UnknownLanguageError) as caught:
        language("fr")
    assert caught.value.exit_code == 2
    assert "en (English), sq (Albanian)" in str(caught.value)


def test_third_language_added_by_data_alone(toy_store, toy_language) -> None:
    # The toy folder was written by `python -m mgi.i18n new it` and filled as data: no code.
    found = languages(toy_store)
    assert list(found) == ["en", "it", "sq"]
    assert found["it"].english_name == "Italian" and found["it"].name == "italiano"
    assert check_all(toy_store) == []
    assert text("cli.validate.no_problems", "it", store=toy_store, file="q.xlsx") == (
        "[it] q.xlsx: no problems found."
    )
    assert str(label("p_top10", "it", toy_store)) == "[it] P(top 10)"
    assert format_value("score", 1234.56, "it", toy_store) == "1234,6"
    assert format_value("count", 100000, "it", toy_store) == "100.000"
    title = content("gcm_objectives", "GCM04", "short_label", "it", store=toy_store)
    assert title == "[it] Legal identity" and title.unofficial


def test_language_folder_found_through_the_environment(monkeypatch, toy_language) -> None:
    monkeypatch.setenv(PATH_VARIABLE, str(toy_language()))
    reset()
    try:
        assert "it" in languages()
        assert text("unit.points", "it") == "[it] points"
    finally:
        monkeypatch.delenv(PATH_VARIABLE)
        reset()
    assert "it" not in languages()
