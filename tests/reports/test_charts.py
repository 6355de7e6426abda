"""Charts are checked by structure (titles, labels, bars, legends, hatches, colours), not by
pixels; tests/reports/test_layout.py checks how they read."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mgi.reports import _style, charts
from mgi.reports.captions import CHART_STEMS, chart_caption, chart_captions
from mgi.reports.export import figure_svg

BANDS = [(0.0, "Requires further progress"), (40.0, "Partially meets"), (80.0, "Meets"),
         (100.0, "Fully meets")]  # fmt: skip


def _domains() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [f"Domain {i}" for i in range(1, 7)],
            "short_name": ["Rights", "Government", "Partnerships", "Well-being", "Crises", "Safe"],
            "score": [62.5, 40.0, 51.0, np.nan, 80.0, 100.0],
            "target": [100.0] * 6,
        },
        index=[f"D{i}" for i in range(1, 7)],
    )


def _ax() -> Any:
    return charts.new_figure(12.0).add_subplot()


def _legend_texts(ax: Any) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _texts(ax: Any) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _values(ax: Any) -> list[str]:
    """The texts drawn on the data (not the notes and headings placed around the plot)."""
    from matplotlib.text import Annotation

    return [t.get_text() for t in ax.texts if not isinstance(t, Annotation)]


def test_domain_profile_draws_bars_over_band_zones_with_named_rounds() -> None:
    domains = _domains()
    ax = charts.domain_profile(
        _ax(), domains, domains.assign(score=30.0), bands=BANDS, rounds=("2018", "2023")
    )
    bars = [p for p in ax.patches if p.get_gid() == "score"]
    assert [b.get_width() for b in bars] == [62.5, 40.0, 51.0, 0.0, 80.0, 100.0]
    zones = [p for p in ax.patches if p.get_gid() != "score"]
    assert len(zones) == 3  # "Fully meets" starts at 100: no zone of its own
    assert {"Requires further\nprogress", "Partially meets", "Meets"} <= set(_texts(ax))
    assert _legend_texts(ax) == ["Score 2023", "Score 2018"]  # no target: every target is 100
    assert "The target of every domain is 100." in _texts(ax)
    assert {"2023", "2018", "62.5", "30.0", "no score"} <= set(_texts(ax))
    earlier = ax.collections[-1]
    assert earlier.get_paths()[0].vertices.shape == charts_marker("D")


def charts_marker(marker: str) -> tuple[int, ...]:
    from matplotlib.markers import MarkerStyle

    return MarkerStyle(marker).get_path().vertices.shape


def test_domain_profile_draws_targets_below_the_maximum() -> None:
    ax = charts.domain_profile(_ax(), _domains().assign(target=80.0))
    assert _legend_texts(ax) == ["Score", "Target"]


def test_subdomain_gaps_draws_gaps_grouped_by_domain_in_domain_colours() -> None:
    subs = pd.DataFrame(
        {
            "name": ["Health", "Family reunification and a rather long name that wraps", "Work",
                     "Strategy"],
            "domain": ["D1", "D1", "D1", "D2"],
            "score": [80.0, 20.0, np.nan, 50.0],
            "target": [100.0] * 4,
            "gap": [20.0, 80.0, np.nan, 50.0],
        },
        index=["D1.1", "D1.2", "D1.3", "D2.1"],
    )  # fmt: skip
    ax = charts.subdomain_gaps(_ax(), subs, domain_names={"D1": "Rights", "D2": "Government"})
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [lab.split()[0] for lab in labels] == ["D1.2", "D1.1", "D1.3", "D2.1"]
    assert "\n" in labels[0] and labels[0].replace("\n", " ").endswith("name that wraps")
    assert [p.get_width() for p in ax.patches] == [80.0, 20.0, 0.0, 50.0]  # gaps, not scores
    colours = [mpl.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours[0] == colours[1] != colours[3]
    assert colours[0] == _style.DOMAIN_COLOURS[0].lower()
    texts = _texts(ax)
    assert {"D1 Rights", "D2 Government", "gap 80.0 (score 20.0)", "no score"} <= set(texts)
    assert ax.get_title(loc="left") == chart_caption("subdomain-gaps").title


def test_indicator_map_letters_in_black_or_white_and_hatched_missing() -> None:
    indicators = pd.DataFrame(
        {
            "domain": ["D1", "D1", "D1", "D2", "D2"],
            "subdomain": ["D1.1", "D1.1", "D1.2", "D2.1", "D2.1"],
            "status": ["answered", "missing", "not_applicable", "answered", "answered"],
            "option": ["full", "", "na", "partial", "no"],
        },
        index=["D1.1.1", "D1.1.2", "D1.2.1", "D2.1.1", "D2.1.2"],
    )
    ax = charts.indicator_map(_ax(), indicators, {"D1.1": "Health"})
    tiles = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [p.get_gid() for p in tiles if p.get_hatch()] == ["D1.1.2"]
    assert _texts(ax) == ["F", "?", "n/a", "P", "A"]
    for tile, letter in zip(tiles, ax.texts, strict=True):
        ratio = _style.contrast_ratio(
            mpl.colors.to_rgb(letter.get_color()), mpl.colors.to_rgb(tile.get_facecolor())
        )
        assert ratio >= 4.5, letter.get_text()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Q1", "Q2"] * 2  # top and bottom
    assert len(ax.get_legend().get_texts()) == 5
    assert next(t.get_text() for t in ax.get_yticklabels()) == "D1.1 Health"


def test_indicator_map_refuses_an_unknown_option() -> None:
    bad = pd.DataFrame(
        {"domain": ["D1"], "subdomain": ["D1.1"], "status": ["answered"], "option": ["maybe"]},
        index=["D1.1.1"],
    )
    with pytest.raises(ValueError, match="maybe"):
        charts.indicator_map(_ax(), bad)


def test_objective_coverage_names_its_groups_and_draws_the_one_step_range() -> None:
    from mgi.reference import gcm_objectives
    from mgi.reports.build import group_names

    ref = gcm_objectives()
    objectives = pd.DataFrame(
        {
            "short_label": ref["short_label"],
            "round_table": ref["imrf_2022_round_table"],
            "score": np.linspace(10, 90, 23),
            "links": 6,
            "target": 100.0,
            "gap_low": 100 - np.linspace(10, 90, 23) - 5,
            "gap_high": 100 - np.linspace(10, 90, 23) + 5,
        }
    )
    objectives.loc["GCM05", "score"] = np.nan
    blocks = pd.DataFrame(
        {"short_label": ["Whole-of-government machinery"], "score": [70.0], "links": [7],
         "target": [100.0], "gap_low": [20.0], "gap_high": [40.0]},
        index=["WGA"],
    )  # fmt: skip
    ax = charts.objective_coverage(_ax(), objectives, blocks=blocks, group_names=group_names())
    bars = [p.get_gid() for p in ax.patches]
    assert len(bars) == 23 and "GCM05" not in bars and "WGA" in bars
    texts = _texts(ax)
    assert "no linked questions" in texts
    headers = [t for t in texts if t.startswith("Round table")]
    assert len(headers) == 4 and "Round table 1" not in headers  # named, not numbered
    assert any(t.startswith("Cross-cutting blocks") for t in texts)
    assert "10.0 (6 links)" in texts
    assert [t.get_text().split()[0] for t in ax.get_yticklabels()][:5] == [
        "GCM02", "GCM05", "GCM06", "GCM12", "GCM18"]  # fmt: skip
    assert all(mpl.colors.to_hex(t.get_color()) == "#000000" for t in ax.texts)


def _ranking(fake_prioritization: Any) -> pd.DataFrame:
    from mgi.reports.build import prioritization_frames

    return prioritization_frames(fake_prioritization)["ranking"]


def test_priority_ranking_leads_with_consensus_method_range_and_p_top_k(
    fake_prioritization: Any,
) -> None:
    ranking = _ranking(fake_prioritization)
    ax = charts.priority_ranking(_ax(), ranking, k=3, samples=100)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    order = list(ranking.sort_values(["consensus", "method_low"], kind="stable").index)
    assert [lab.split()[1] for lab in labels] == order
    assert labels[0].startswith("1. ")
    assert _legend_texts(ax) == [
        "Consensus rank", "Range across methods", "Ranks in most weight samples"]  # fmt: skip
    assert "P(top 3)" in _texts(ax) and "100%" in _texts(ax)
    assert "100 weight samples" in ax.texts[-1].get_text().replace("\n", " ")
    assert ax.get_xlabel() == "Rank (1 = highest priority)"


def test_criteria_contributions_read_in_greyscale_and_say_the_direction(
    fake_prioritization: Any,
) -> None:
    contrib = fake_prioritization.contributions
    ax = charts.criteria_contributions(
        _ax(),
        contrib,
        criteria_labels={"gap": "Governance gap", "feasibility": "Resource need"},
        directions={"feasibility": "cost"},
    )
    assert len(ax.patches) == contrib.size
    assert _legend_texts(ax) == [
        "Governance gap", "stakeholders", "Resource need: less is a higher priority"]  # fmt: skip
    hatches = [ax.patches[i * len(contrib)].get_hatch() for i in range(contrib.shape[1])]
    assert len(set(hatches)) == contrib.shape[1]  # a pattern per criterion, not only a colour
    greys = {round(_style.relative_luminance(c), 2) for c in _style.CATEGORY_CYCLE[:3]}
    assert len(greys) == 3
    totals = [float(t) for t in _values(ax)]
    assert totals == sorted(totals, reverse=True)


def test_rank_acceptability_runs_from_white_and_writes_large_shares(
    fake_prioritization: Any,
) -> None:
    acc = fake_prioritization.acceptability * 0.95
    acc[1] += 0.05
    ax = charts.rank_acceptability(_ax(), acc)
    cmap = ax.get_images()[0].get_cmap()
    assert mpl.colors.to_hex(cmap(0.0)) == "#ffffff"
    lightness = [_style.relative_luminance(cmap(v)) for v in np.linspace(0, 1, 11)]
    assert lightness == sorted(lightness, reverse=True)  # darker for more samples
    assert sorted(_values(ax)) == ["100"] + ["95"] * 5  # 5% not labelled
    assert all(t.get_fontsize() >= _style.MIN_FONT_SIZE for t in ax.texts)
    first = ax.get_yticklabels()[0].get_text()
    assert acc.loc[first].idxmax() == 1  # objectives in expected-rank order


def test_method_comparison_guides_the_reader(fake_prioritization: Any) -> None:
    ranking = _ranking(fake_prioritization)
    ax = charts.method_comparison(
        _ax(), fake_prioritization.ranks.rename(columns={"wsm": "Weighted sum"}),
        consensus=ranking["consensus"],
    )  # fmt: skip
    assert _legend_texts(ax) == ["Consensus rank", "Weighted sum", "topsis"]
    markers = {c.get_paths()[0].vertices.shape for c in ax.collections[2:]}
    assert len(markers) == 2  # different shapes, not only colours
    assert any("rely on the consensus rank" in t.replace("\n", " ") for t in _texts(ax))


def test_change_since_names_rounds_and_marks_falls() -> None:
    change = pd.DataFrame(
        {"name": ["Rights", "Government"], "earlier": [50.0, 60.0], "later": [60.0, 40.0]},
        index=["D1", "D2"],
    )
    change["change"] = change["later"] - change["earlier"]
    ax = charts.change_since(_ax(), change, rounds=("2018", "2023"))
    assert ax.get_title(loc="left") == "Change from 2018 to 2023"
    assert _legend_texts(ax) == ["2018", "2023", "Gain", "Fall"]
    gain, fall = ax.collections[0], ax.collections[1]
    assert mpl.colors.to_hex(gain.get_color()[0]) == _style.PALETTE["increase"].lower()
    assert mpl.colors.to_hex(fall.get_color()[0]) == _style.PALETTE["decrease"].lower()
    values = {t.get_text(): t.get_fontweight() for t in ax.texts}
    assert values["+10.0"] == "normal" and values["-20.0"] == "bold"
    earlier = ax.collections[2]
    assert earlier.get_paths()[0].vertices.shape == charts_marker(
        _style.ROUND_MARKERS["earlier"]["marker"]
    )


def test_albanian_charts_write_numbers_with_a_decimal_comma() -> None:
    change = pd.DataFrame(
        {"name": ["Të drejtat"], "earlier": [50.25], "later": [61.5], "change": [11.25]},
        index=["D1"],
    )
    ax = charts.change_since(_ax(), change, rounds=("2018", "2023"), lang="sq")
    assert "+11,3" in _texts(ax)
    assert ax.get_title(loc="left") == "Ndryshimi nga 2018 në 2023"
    ax.figure.draw_without_rendering()
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["0", "20", "40"]
    ax = charts.criteria_contributions(_ax(), pd.DataFrame({"c": [0.25]}, index=["GCM01"]),
                                       lang="sq")  # fmt: skip
    assert "0,250" in _texts(ax)


def test_footer_lines_are_wrapped_never_cut_and_never_end_with_a_separator() -> None:
    fig = charts.new_figure(6.0, width_cm=8.0)
    fig.add_subplot().plot([0, 1])
    lines = chart_caption("subdomain-gaps").footer(
        "Testland 2024 · mgi-national 2.0.0, scoring scheme mgi-default 1.1.0"
    )
    footer = charts.add_footer(fig, *lines)
    drawn = footer.get_text().split("\n")
    assert len(drawn) > 2
    assert " ".join(drawn) == " ".join(lines)
    assert not any(line.rstrip().endswith("·") for line in drawn)
    assert footer.get_fontsize() >= _style.MIN_FONT_SIZE
    assert charts.add_footer(fig, "again") is footer and footer.get_text() == "again"
    assert "again</text>" in figure_svg(fig)  # text stays text


def test_user_text_in_labels_is_escaped_in_svg() -> None:
    subs = pd.DataFrame(
        {"name": ["<script>alert(1)</script>"], "domain": ["D1"], "score": [50.0],
         "target": [100.0], "gap": [50.0]},
        index=["D1.1"],
    )  # fmt: skip
    svg = figure_svg(charts.subdomain_gaps_figure(subs))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_captions_for_documents_in_both_languages() -> None:
    for lang in ("en", "sq"):
        captions = chart_captions(lang, earlier="2018", later="2023")
        assert list(captions) == list(CHART_STEMS)
        for stem, caption in captions.items():
            assert caption.stem == stem and caption.title and caption.note
            assert caption.caption.count(". ") == 0, stem  # one sentence
    assert chart_caption("domain-profile").numbered(1).startswith("Figure 1: Domain scores.")
    assert chart_caption("priority-ranking", "sq").disclaimer.startswith("Renditje")


def test_palette_is_okabe_ito_and_wrap_never_cuts() -> None:
    assert _style.PALETTE["score"] == "#0072B2"
    assert set(_style.CATEGORY_CYCLE) <= set(_style.OKABE_ITO.values())
    text = "Trafficking in persons and smuggling of migrants"
    assert _style.wrap(text, 10).replace("\n", " ") == text


def test_the_font_is_the_one_asked_for() -> None:
    fig = charts.change_since_figure(
        pd.DataFrame({"name": ["A"], "earlier": [1.0], "later": [2.0], "change": [1.0]},
                     index=["D1"]),
        font="Liberation Sans",
    )  # fmt: skip
    assert fig.mgi_font == "Liberation Sans"
    assert "Liberation Sans" in figure_svg(fig)


def test_new_figure_is_a4_text_width() -> None:
    fig = charts.new_figure(5.0)
    assert isinstance(fig, Figure)
    assert fig.get_figwidth() == pytest.approx(17 / 2.54)
