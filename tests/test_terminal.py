"""Terminal tables: within 100 columns, names wrapped and never cut, in the language asked."""

from __future__ import annotations

from mgi._terminal import Col, table, wrap

NAMES = [
    "Protection of migrants in countries in crisis and return and reintegration assistance",
    "Partnerships",
]


def test_a_table_fits_in_its_width_and_keeps_every_word() -> None:
    rows = [{"code": f"D{i}", "name": n, "score": 43.25, "gap": 56.75} for i, n in enumerate(NAMES)]
    columns = [Col("code"), Col("name", wrap=True), Col("score"), Col("gap")]
    for width in (40, 60, 100):
        lines = table(rows, columns, "en", width=width, indent=2)
        assert max(len(line) for line in lines) <= width
        body = " ".join(" ".join(lines).split())
        assert all(word in body for name in NAMES for word in name.split())  # wrapped, not cut


def test_numbers_and_headers_in_the_language() -> None:
    rows = [{"score": 57.25, "p_top10": 0.976}]
    english = table(rows, [Col("score"), Col("p_top10")], "en")
    albanian = table(rows, [Col("score"), Col("p_top10")], "sq")
    assert english[0].split()[0] == "Score" and "57.3" in english[-1] and "98%" in english[-1]
    assert albanian[0].split()[0] == "Rezultati" and "57,3" in albanian[-1]


def test_a_paragraph_is_wrapped_with_its_indent() -> None:
    lines = wrap("word " * 60, width=50, indent=2, hanging=2)
    assert all(len(line) <= 50 for line in lines)
    assert lines[0].startswith("  w") and lines[1].startswith("    w")
