"""Shared inputs for the report tests: a real scorecard of the bundled MGI-structured instrument
(seeded random answers, some missing, one formula-like and one ``<script>`` comment), an earlier
round, a real prioritisation, and a small duck-typed prioritisation."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from mgi.assessment import Assessment
from mgi.instrument import load_instrument
from mgi.reference import gcm_objectives
from mgi.scoring import compare, score

SCRIPT = "<script>alert('x')</script>"
#: The languages the documents are rendered in.
LANGUAGES = ("en", "sq")
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _answers(seed: int, missing: int = 0) -> dict[str, Any]:
    inst = load_instrument("mgi-national")
    rng = np.random.default_rng(seed)
    answers = {}
    for code, row in inst.indicators.iterrows():
        options = inst.scales.xs(row["scale"], level="scale").index.tolist()
        answers[code] = str(rng.choice(options))
    for code in list(answers)[:missing]:
        del answers[code]
    return answers


@pytest.fixture(scope="session")
def instrument() -> Any:
    return load_instrument("mgi-national")


@pytest.fixture(scope="session")
def assessment(instrument: Any) -> Assessment:
    codes = list(instrument.indicators.index)
    return Assessment.from_answers(
        instrument,
        _answers(1, missing=3),
        {"country": "Testland", "round": "2024"},
        evidence={codes[5]: FORMULA, codes[6]: "-5 days; +2 staff"},
        comments={codes[5]: SCRIPT, codes[7]: "@mention"},
        allow_incomplete=True,
    )


@pytest.fixture(scope="session")
def scorecard(assessment: Assessment) -> Any:
    return score(assessment, "mgi-default", allow_incomplete=True)


@pytest.fixture(scope="session")
def comparison(instrument: Any, assessment: Assessment) -> Any:
    earlier = Assessment.from_answers(
        instrument, _answers(7), {"country": "Testland", "round": "2018"}
    )
    return compare(earlier, assessment, scheme="mgi-default", allow_incomplete=True)


@pytest.fixture(scope="session")
def prioritization(scorecard: Any) -> Any:
    from mgi.priorities import build_criteria_matrix, load_profile, prioritize

    profile = load_profile("gcm-default")
    rng = np.random.default_rng(3)
    objectives = gcm_objectives().index
    groups = ["Government", "Government", "Civil society", "Academia", "Diaspora"]
    consultation = pd.DataFrame(
        [
            {
                "participant": f"p{i}",
                "group": g,
                "objective": o,
                "rating": float(rng.integers(1, 6)),
            }
            for i, g in enumerate(groups)
            for o in objectives
        ]
    )
    expert_criteria = [c.code for c in profile.criteria if c.source == "experts"]
    experts = pd.DataFrame(
        [
            {"expert": f"e{i}", "objective": o, "criterion": c, "rating": float(rng.integers(1, 6))}
            for i in range(3)
            for o in objectives
            for c in expert_criteria
        ]
    )
    matrix = build_criteria_matrix(
        profile, scorecard=scorecard, consultation=consultation, experts=experts
    )
    return prioritize(matrix, samples=2000, reference=[2, 3, 4, 5, 6, 7, 9, 10, 16])


@dataclass(frozen=True)
class FakePrioritization:
    """The attributes build_report reads, and nothing more (duck typing)."""

    ranks: pd.DataFrame
    acceptability: pd.DataFrame
    contributions: pd.DataFrame
    rank_range: pd.DataFrame
    weights: pd.Series
    settings: dict[str, Any] = field(default_factory=dict)

    def table(self) -> pd.DataFrame:
        labels = gcm_objectives()["short_label"].reindex(self.ranks.index)
        frame = pd.DataFrame(
            {
                "rank": self.ranks["wsm"],
                "short_label": labels,
                "score": self.contributions.sum(axis=1),
                "p_top3": np.linspace(1, 0, len(self.ranks)),
                "reasons": [f"reason for {c} <b>bold</b>" for c in self.ranks.index],
            }
        )
        return frame.sort_values("rank")


@pytest.fixture
def fake_prioritization() -> FakePrioritization:
    codes = [f"GCM{i:02d}" for i in range(1, 7)]
    m = len(codes)
    rng = np.random.default_rng(0)
    contributions = pd.DataFrame(
        rng.random((m, 3)) / 3, index=codes, columns=["gap", "stakeholders", "feasibility"]
    )
    order = contributions.sum(axis=1).rank(ascending=False, method="min").astype(int)
    ranks = pd.DataFrame({"wsm": order, "topsis": order[::-1].to_numpy()}, index=codes)
    acceptability = pd.DataFrame(
        np.eye(m)[order.to_numpy() - 1], index=codes, columns=range(1, m + 1)
    )
    rank_range = pd.DataFrame(
        {"rank_min": np.maximum(order - 1, 1), "rank_max": np.minimum(order + 1, m)}, index=codes
    )
    return FakePrioritization(
        ranks,
        acceptability,
        contributions,
        rank_range,
        pd.Series({"gap": 0.5, "stakeholders": 0.3, "feasibility": 0.2}),
        {"top_k": 3, "samples": 100, "seed": 1, "methods": ["wsm", "topsis"], "primary": "wsm"},
    )


@pytest.fixture(scope="session")
def small_content(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A small hand-made ReportContent with one chart, user text, a formula and provenance."""
    from mgi.reports import charts
    from mgi.reports.captions import chart_captions
    from mgi.reports.content import Bullets, FigureRef, Formula, ReportContent, Section, Table
    from mgi.reports.export import save_figure

    folder = tmp_path_factory.mktemp("content")
    subs = pd.DataFrame(
        {"name": ["Health", SCRIPT], "domain": ["D1", "D1"], "score": [80.0, 20.0],
         "target": [100.0, 100.0], "gap": [20.0, 80.0]},
        index=pd.Index(["D1.1", "D1.2"], name="code"),
    )  # fmt: skip
    png, svg = save_figure(
        charts.subdomain_gaps_figure(subs), folder / "subdomain-gaps", ("png", "svg")
    )
    figure = FigureRef(
        "subdomain-gaps", chart_captions("en")["subdomain-gaps"], svg.read_text(), png,
        "Testland 2024",
    )  # fmt: skip
    indicators = pd.DataFrame(
        {"answer": ["Fully present", "Absent"], "value": [1.0, 0.0],
         "evidence": [FORMULA, "Law 12/2020"], "comment": [SCRIPT, "+ ok"]},
        index=pd.Index(["D1.1.1", "D1.2.1"], name="code"),
    )  # fmt: skip
    sections = (
        Section(
            "findings",
            "Key findings",
            blocks=(Bullets(("Score 50.0 <b>not bold</b>.", "Second message.")),),
        ),
        Section(
            "domains",
            "Domain profile and gaps",
            blocks=(
                figure,
                Table(
                    "Sub-domains",
                    subs,
                    "Sub-domain scores",
                    {"score": "0.0"},
                    {"score": "high_good", "gap": "high_bad"},
                    note="Scores.",
                ),
                Table(
                    "Indicators",
                    indicators,
                    "Answers",
                    wrap=("evidence",),
                    outputs=frozenset({"xlsx", "html"}),
                ),
            ),
            subsections=(Section("domain-D1", "Rights", ("Means.",)),),
        ),
        Section(
            "methodology",
            "How this was calculated",
            ("Means.",),
            (Formula("gap = target − score", "w_i is a weight"),),
            appendix=True,
        ),
        Section(
            "provenance",
            "Provenance",
            tables=(Table("Issues", pd.DataFrame(columns=["severity", "message"])),),
            appendix=True,
        ),
    )
    return ReportContent(
        "Report <title>",
        "Testland 2024",
        ("The MGI is not a ranking of countries.",),
        {"tool_version": "0.1.0", "inputs": {"assessment.xlsx": "ab" * 32}, "seed": 7},
        sections,
    )


@pytest.fixture(scope="session")
def rendered(
    request: pytest.FixtureRequest, demo_output: Any, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Any]:
    """``rendered(lang)``: the demo's report in ``lang`` rendered once per test session (the
    English and the Albanian ones are the shared demos' own, another language's is built from
    the same run), with
    its Word annex through LibreOffice and its HTML through Chromium (A4 PDF, and the layout
    at 800 and 1280 px)."""
    from tests.conftest import HTML_REPORTS, _shared_root
    from tests.reports import rendering

    root = _shared_root(tmp_path_factory) / "shared-render"
    cache: dict[str, Any] = {}

    def get(lang: str) -> Any:
        if lang in cache:
            return cache[lang]
        if lang in HTML_REPORTS:  # the shared demos', rendered in the background
            demo = {"en": "demo_output", "sq": "demo_sq_output"}[lang]
            source = request.getfixturevalue(demo).folder / "report"
            annex = request.getfixturevalue("word_renders")[f"annex-{lang}"]
            out = rendering.wait_for(_shared_root(tmp_path_factory) / "shared-html") / lang
            layout = json.loads((out / "layout.json").read_text(encoding="utf-8"))
            cache[lang] = rendering.Rendered(
                lang, source, out / "report.pdf", annex, {int(k): v for k, v in layout.items()}
            )
            return cache[lang]

        def make(folder: Path) -> None:
            from mgi.reports import build_report

            run = request.getfixturevalue("demo_run")
            build_report(
                run.scorecard,
                run.prioritization,
                comparison=run.comparison,
                out_dir=folder / "report",
                formats=("png", "svg"),
                recipe=run.recipe.to_dict(folder / "report"),
                lang=lang,
            )
            rendering.render(folder / "report", folder / "render", lang)

        folder = rendering.shared(root, lang, make)
        cache[lang] = rendering.load(folder / "report", folder / "render", lang)
        return cache[lang]

    return get
