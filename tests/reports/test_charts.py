"""Charts are checked by structure (titles, labels, bars, legends, hatches), not by pixels."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mgi.reports import _style, charts
from mgi.reports.captions import CAPTIONS, NOT_A_RANKING
from mgi.reports.export import figure_svg


def _domains() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [f"Domain {i}" for i in range(1, 7)],
            "short_name": ["Rights", "Government", "Partnerships", "Well-being", "Crises", "Safe"],
            "score": [62.5, 40.0, 51.0, np.nan, 80.0, 100.0],
            "target": [100.0, 80.0, 80.0, 80.0, 80.0, 100.0],
            "band": ["Partially meets"] * 3 + ["", "Meets", "Fully meets"],
        },
        index=[f"D{i}" for i in range(1, 7)],
    )


def _ax(polar: bool = False) -> Any:
    return Figure().add_subplot(projection="polar" if polar else None)


def _legend_texts(ax: Any) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_radar_draws_closed_rings_for_score_target_and_earlier() -> None:
    domains = _domains()
    ax = charts.domain_radar(_ax(polar=True), domains, earlier=domains.assign(score=30.0))
    assert ax.get_title(loc="left") == "Profile"
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) >= {"Score", "Target", "Earlier round"}
    assert all(len(lines[k].get_xdata()) == 7 for k in ("Score", "Target", "Earlier round"))
    assert _legend_texts(ax) == ["Earlier round", "Target", "Score"]
    assert next(t.get_text() for t in ax.get_xticklabels()) == "D1 Rights"


def test_radar_needs_a_polar_axes() -> None:
    with pytest.raises(ValueError, match="polar"):
        charts.domain_radar(_ax(), _domains())


def test_domain_bars_label_every_bar_with_score_and_band() -> None:
    ax = charts.domain_bars(_ax(), _domains())
    assert len(ax.patches) == 6
    texts = [t.get_text() for t in ax.texts]
    assert texts[0] == "62\nPartially meets"
    assert texts[3] == "no score"
    assert ax.get_xlabel() == "Score (0-100)"
    assert _legend_texts(ax) == ["Target", "Score"]


def test_domain_profile_figure_pairs_radar_and_bars() -> None:
    fig = charts.domain_profile_figure(_domains())
    assert [a.name for a in fig.axes] == ["polar", "rectilinear"]
    assert fig.get_suptitle() == CAPTIONS["domain-profile"].title
    assert fig.get_figwidth() == pytest.approx(17 / 2.54)


def test_subdomain_gaps_sorted_by_gap_largest_first() -> None:
    subs = pd.DataFrame(
        {
            "name": ["Health", "Family reunification and a rather long name that wraps", "Work"],
            "domain": ["D1"] * 3,
            "score": [80.0, 20.0, np.nan],
            "target": [100.0] * 3,
            "gap": [20.0, 80.0, np.nan],
        },
        index=["D1.1", "D1.2", "D1.3"],
    )
    ax = charts.subdomain_gaps(_ax(), subs)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("D1.2 Family") and "\n" in labels[0]  # wrapped, not cut
    assert labels[0].replace("\n", " ").endswith("long name that wraps")
    assert [t.get_text() for t in ax.texts] == ["20 (gap 80)", "80 (gap 20)", "no score"]
    assert len(ax.patches) == 3
    assert ax.get_title(loc="left") == CAPTIONS["subdomain-gaps"].title


def test_indicator_map_hatches_missing_answers_and_explains_in_legend() -> None:
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
    assert len(tiles) == 5
    hatched = [p.get_gid() for p in tiles if p.get_hatch()]
    assert hatched == ["D1.1.2"]
    assert [t.get_text() for t in ax.texts] == ["F", "?", "n/a", "P", "A"]
    legend = ax.get_legend()
    assert len(legend.get_texts()) == 5
    assert any(h.get_hatch() for h in legend.legend_handles)
    assert next(t.get_text() for t in ax.get_yticklabels()) == "D1.1 Health"


def test_indicator_map_refuses_an_unknown_option() -> None:
    bad = pd.DataFrame(
        {"domain": ["D1"], "subdomain": ["D1.1"], "status": ["answered"], "option": ["maybe"]},
        index=["D1.1.1"],
    )
    with pytest.raises(ValueError, match="maybe"):
        charts.indicator_map(_ax(), bad)


def test_objective_coverage_groups_by_round_table_and_labels_no_indicators() -> None:
    from mgi.reference import gcm_objectives

    ref = gcm_objectives()
    objectives = pd.DataFrame(
        {
            "short_label": ref["short_label"],
            "round_table": ref["imrf_2022_round_table"],
            "score": np.linspace(0, 100, 23),
            "n_indicators": 4,
        }
    )
    objectives.loc["GCM05", "score"] = np.nan
    ax = charts.objective_coverage(_ax(), objectives)
    assert len(ax.patches) == 22
    texts = [t.get_text() for t in ax.texts]
    assert "no indicators" in texts
    assert sum(t.startswith("Round\ntable") for t in texts) == 4
    first_group = [t.get_text().split()[0] for t in ax.get_yticklabels()][:5]
    assert first_group == ["GCM02", "GCM05", "GCM06", "GCM12", "GCM18"]  # round table 1


def test_priority_ranking_draws_rank_and_interval_in_rank_order(
    fake_prioritization: Any,
) -> None:
    table = fake_prioritization.table().join(fake_prioritization.rank_range)
    ax = charts.priority_ranking(_ax(), table.assign(p_top_k=table["p_top3"]), k=3)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("1. ")
    assert len(ax.collections[0].get_segments()) == 6  # one interval per objective
    assert "top 3\nshare" in [t.get_text() for t in ax.texts]
    assert ax.get_xlabel() == "Rank (1 = highest priority)"


def test_criteria_contributions_stack_one_segment_per_criterion(fake_prioritization: Any) -> None:
    contrib = fake_prioritization.contributions
    ax = charts.criteria_contributions(_ax(), contrib, criteria_labels={"gap": "Governance gap"})
    assert len(ax.patches) == contrib.size
    assert _legend_texts(ax) == ["Governance gap", "stakeholders", "feasibility"]
    totals = [float(t.get_text()) for t in ax.texts]
    assert totals == sorted(totals, reverse=True)


def test_rank_acceptability_heatmap_uses_sequential_map_and_labels_large_shares(
    fake_prioritization: Any,
) -> None:
    acc = fake_prioritization.acceptability * 0.95
    acc[1] += 0.05
    ax = charts.rank_acceptability(_ax(), acc)
    image = ax.get_images()[0]
    assert image.get_cmap().name == _style.SEQUENTIAL_CMAP
    assert sorted(t.get_text() for t in ax.texts) == ["100"] + ["95"] * 5  # 5% not labelled
    first = ax.get_yticklabels()[0].get_text()
    assert acc.loc[first].idxmax() == 1  # objectives in expected-rank order


def test_method_comparison_one_marker_series_per_method(fake_prioritization: Any) -> None:
    ax = charts.method_comparison(_ax(), fake_prioritization.ranks)
    assert _legend_texts(ax) == ["wsm", "topsis"]
    markers = {c.get_paths()[0].vertices.shape for c in ax.collections[1:]}
    assert len(markers) == 2  # different shapes, not only colours


def test_change_since_writes_signed_change() -> None:
    change = pd.DataFrame(
        {"name": ["Rights", "Government"], "earlier": [50.0, 60.0], "later": [60.0, 40.0]},
        index=["D1", "D2"],
    )
    change["change"] = change["later"] - change["earlier"]
    ax = charts.change_since(_ax(), change)
    texts = [t.get_text() for t in ax.texts]
    assert "+10.0" in texts and "\N{MINUS SIGN}20.0" in texts
    assert _legend_texts(ax) == ["Earlier round", "Later round"]


def test_fonts_are_readable_at_print_size() -> None:
    fig = charts.subdomain_gaps_figure(
        pd.DataFrame(
            {"name": ["A"], "domain": ["D1"], "score": [50.0], "target": [100.0], "gap": [50.0]},
            index=["D1.1"],
        )
    )
    ax = fig.axes[0]
    sizes = [t.get_fontsize() for t in [*ax.texts, *ax.get_yticklabels(), *ax.get_xticklabels()]]
    assert min(sizes) >= 8


def test_user_text_in_labels_is_escaped_in_svg() -> None:
    subs = pd.DataFrame(
        {"name": ["<script>alert(1)</script>"], "domain": ["D1"], "score": [50.0],
         "target": [100.0], "gap": [50.0]},
        index=["D1.1"],
    )  # fmt: skip
    svg = figure_svg(charts.subdomain_gaps_figure(subs))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_every_score_caption_says_it_is_not_a_ranking() -> None:
    for stem, caption in CAPTIONS.items():
        assert caption.full.endswith(NOT_A_RANKING) == caption.scores, stem
    assert CAPTIONS["domain-profile"].numbered(1).startswith("Figure 1: Domain scores")


def test_palette_is_okabe_ito_and_wrap_never_cuts() -> None:
    assert _style.PALETTE["score"] == "#0072B2"
    assert set(_style.CATEGORY_CYCLE) <= set(_style.OKABE_ITO.values())
    text = "Trafficking in persons and smuggling of migrants"
    assert _style.wrap(text, 10).replace("\n", " ") == text


def test_footer_is_wrapped_to_the_figure_width_and_never_cut() -> None:
    fig = charts.new_figure(6.0, width_cm=8.0)
    fig.add_subplot().plot([0, 1])
    text = CAPTIONS["subdomain-gaps"].footer("Testland 2024 · mgi-national 1.0.0, scheme x 1.0")
    footer = charts.add_footer(fig, text)
    lines = footer.get_text().split("\n")
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert lines[0].endswith(" ·")  # breaks between the parts first
    assert footer.get_fontsize() >= 7 and footer.get_horizontalalignment() == "left"
    assert charts.add_footer(fig, "again") is footer and footer.get_text() == "again"
    assert "again</text>" in figure_svg(fig)  # text stays text
