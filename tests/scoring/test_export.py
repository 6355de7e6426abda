"""The scorecard's workbook words: the method steps in every language."""

from __future__ import annotations

import pytest

from mgi.assessment import Assessment
from mgi.i18n import text
from mgi.instrument import load_instrument
from mgi.scoring import score
from mgi.scoring.export import step_description


@pytest.mark.parametrize("aggregation", [None, {"domain": "subdomains", "overall": "domains"}])
def test_every_step_is_written_in_albanian_and_its_english_is_the_scorecards(aggregation) -> None:
    inst = load_instrument("sdg-10-7-2")
    answers = Assessment.from_answers(
        inst, {c: "No" for c in inst.indicators.index}, {"country": "Testland", "round": "2024"}
    )
    card = score(answers, "sdg-10-7-2")
    steps = [dict(s) for s in card.steps]
    if aggregation is not None:  # the other aggregation rules, as a scheme may choose them
        step = next(s for s in steps if s["step"].endswith("aggregation"))
        step["settings"] = {**step["settings"], **aggregation}
        step["description"] = text(
            "scoring.step.aggregation",
            "en",
            domain_rule=text("scoring.rule.domain.subdomains", "en"),
            overall_rule=text("scoring.rule.overall.domains", "en"),
        )
    for step in steps:
        # the catalogue's English is the scorecard's own words (no drift between the two)
        assert step_description(step, "en") == step["description"]
        assert step_description(step, "sq") != step["description"], step["step"]
    if aggregation is None:
        engine = [s["description"] for s in card.steps]
        name = lambda s: s["step"].partition(" ")[2].replace(" ", "_")  # noqa: E731
        chosen = next(s for s in card.steps if name(s) == "aggregation")["settings"]
        fields = {
            "domain_rule": text(f"scoring.rule.domain.{chosen['domain']}", "en"),
            "overall_rule": text(f"scoring.rule.overall.{chosen['overall']}", "en"),
        }
        catalogue = [text(f"scoring.step.{name(s)}", "en", **fields) for s in card.steps]
        assert catalogue == engine
