"""Generate the bundled demo inputs for "Albania (illustrative)".

Everything here is ILLUSTRATIVE: plausible answers and ratings made up from a fixed random seed
to show the tool working on inputs that look like a real national exercise. Nothing is an
official MGI assessment, an official consultation or an official government position. Every
file says so.

The generator is deterministic: the same code gives byte-identical workbooks, so the committed
files in ``data/demo/`` can be checked against a fresh run (``python -m mgi.demo.inputs``).

Files written:

* ``mgi-national-2018.xlsx`` and ``mgi-national-2023.xlsx``: two rounds of the MGI-structured
  questionnaire, with evidence text and a few not-applicable answers. 2018 is answered on edition
  1.0.0 and 2023 on edition 2.0.0, so that comparing them goes through the edition crosswalk
  (split questions inherit the earlier answer; new questions are answered from the 2023 level);
* ``sdg-10-7-2-2023.xlsx``: the SDG 10.7.2 module;
* ``consultation.xlsx``: 79 stakeholders in the profile's 14 groups (6 each, and a single
  media respondent) answering, for each of the 23 GCM objectives, its relevance and its urgency,
  with realistic disagreement between groups, some "don't know" answers and the optional
  attributes (sex, age band, country and municipality of residence; the diaspora abroad);
* ``experts.xlsx``: 5 experts rating the objectives on the profile's five expert criteria,
  one of which (resource need) barely varies across the objectives;
* ``weights.xlsx``: 5 working-group members' pairwise comparisons of the criteria, one of them
  inconsistent (CR above 0.10);
* ``demo-recipe.toml``: the recipe ``mgi demo`` runs: these files, the reference list of
  declared priority objectives, the outputs, and the action plan filled with the illustrative
  measures of ``plan-measures.csv`` (see :mod:`mgi.recipe`, :mod:`mgi.demo.plan`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mgi.instrument import Instrument, load_instrument
from mgi.judgements import Judgement
from mgi.priorities.profile import Profile, load_profile
from mgi.reference import gcm_objectives
from mgi.workbook import (
    write_consultation_template,
    write_experts_template,
    write_template,
    write_weights_template,
)

COUNTRY = "Albania (illustrative)"
DISCLAIMER = (
    "ILLUSTRATIVE DEMO DATA made up by the mgi project to show the tool working. It is not an "
    "official MGI assessment, consultation or government position."
)
#: Objectives named in Albania's pledge at the 2022 International Migration Review Forum.
REFERENCE = (2, 3, 4, 5, 6, 7, 9, 10, 16, 18, 19, 20, 22)
SEED = 20240519
#: The edition of mgi-national the 2018 round is answered on (2023 uses the current one).
EARLIER_EDITION = "1.0.0"
FILES = {
    "earlier": "mgi-national-2018.xlsx",
    "later": "mgi-national-2023.xlsx",
    "sdg": "sdg-10-7-2-2023.xlsx",
    "consultation": "consultation.xlsx",
    "experts": "experts.xlsx",
    "weights": "weights.xlsx",
}

#: Typical level of policy development per domain in the earlier round (0 = none, 1 = full).
_BASELINE = {"D1": 0.55, "D2": 0.62, "D3": 0.6, "D4": 0.42, "D5": 0.35, "D6": 0.62}
_EVIDENCE = {
    "D1": [
        "Law on Foreigners (illustrative reference)",
        "Law on Health Care (illustrative)",
        "Law on Pre-university Education (illustrative)",
        "Labour Code (illustrative)",
        "Law on Citizenship (illustrative)",
        "Ratification act (illustrative)",
    ],
    "D2": [
        "National Strategy on Migration 2019-2022, DCM No. 400 of 19 June 2019",
        "Technical Secretariat for Migration, Ministry of Interior (illustrative)",
        "Inter-Institutional Working Group on Migration (illustrative)",
        "INSTAT migration statistics release (illustrative)",
        "Law on Foreigners (illustrative reference)",
    ],
    "D3": [
        "Regional consultative process membership (illustrative)",
        "Readmission agreement with the EU (illustrative)",
        "Memorandum with diaspora associations (illustrative)",
        "GCM voluntary national review (illustrative)",
    ],
    "D4": [
        "National Employment and Skills Strategy (illustrative)",
        "Bilateral labour agreement (illustrative)",
        "Diaspora Agency programmes (illustrative)",
        "Bank of Albania remittance data (illustrative)",
    ],
    "D5": [
        "Civil Protection Law (illustrative)",
        "National Civil Emergency Plan (illustrative)",
        "Consular assistance guidelines (illustrative)",
    ],
    "D6": [
        "Integrated Border Management Strategy (illustrative)",
        "National Action Plan against Trafficking in Persons (illustrative)",
        "Law on Asylum (illustrative reference)",
        "Standard operating procedures for vulnerable migrants (illustrative)",
    ],
}

#: Objectives each stakeholder group cares most (+) and least (-) about, by number.
_GROUP_VIEWS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "Government": ((11, 10, 9, 21, 3), (13, 17, 22)),
    "Parliament": ((23, 3, 11, 5, 1), (13, 15, 16)),
    "Local authorities": ((16, 15, 21, 2, 19), (11, 23, 9)),
    "Ombudsperson and human-rights institutions": ((13, 17, 7, 8, 4), (19, 20, 5)),
    "Civil society": ((7, 10, 13, 17, 4), (11, 20, 1)),
    "Trade unions": ((6, 5, 18, 22, 2), (11, 23, 9)),
    "Private sector": ((5, 6, 18, 20, 19), (13, 8, 17)),
    "Academia": ((1, 17, 3, 18, 2), (20, 14, 11)),
    "Media": ((3, 17, 1, 10), (20, 14)),
    "Development partners": ((23, 1, 2, 10, 11), (22, 20, 14)),
    "Diaspora": ((19, 20, 14, 22, 18), (13, 11, 9)),
    "Immigrants": ((15, 16, 4, 6, 7), (1, 23, 21)),
    "Returnees": ((21, 2, 18, 15, 6), (11, 23, 12)),
    "Local communities": ((16, 2, 15, 21, 17), (8, 13, 23)),
}
#: Respondents per group; the media are one respondent only (a group flagged as such).
_GROUP_SIZES = {"Media": 1}
#: Where the diaspora respondents live (the consultation reaches them abroad).
_DIASPORA_COUNTRIES = ("Germany", "Italy", "Greece", "United Kingdom", "United States")
_MUNICIPALITIES = ("Tirana", "Durrës", "Shkodër", "Elbasan", "Vlorë", "Korçë", "Fier", "Kukës")
_SEXES = ("Female", "Male", "Female", "Male", "Prefer not to say")
_AGE_BANDS = ("15-24", "25-34", "35-44", "45-54", "55-64", "65 or older")


def _level_to_answer(level: np.ndarray, scale: pd.Series) -> list[str]:
    presence = np.where(
        level < 0.35, "Absent", np.where(level < 0.68, "Partially present", "Fully present")
    )
    yes_no = np.where(level < 0.5, "No", "Yes")
    return [p if s == "presence" else y for p, y, s in zip(presence, yes_no, scale, strict=True)]


def questionnaire_answers(inst: Instrument, rng: np.random.Generator) -> dict[str, dict]:
    """Answers of both rounds: a latent level per indicator around its domain's baseline,
    improved for about half of the indicators by 2023, a few regressions and NA answers."""
    ind = inst.indicators
    base = ind["domain"].map(_BASELINE).to_numpy()
    latent = np.clip(base + rng.normal(0, 0.22, len(ind)), 0, 1)
    change = np.where(rng.random(len(ind)) < 0.5, rng.uniform(0.05, 0.35, len(ind)), 0.0)
    change -= np.where(rng.random(len(ind)) < 0.06, 0.3, 0.0)
    later = np.clip(latent + change, 0, 1)
    rounds = {}
    na = set(rng.choice(ind.index[ind["scale"] == "presence"], size=3, replace=False))
    for name, level in (("earlier", latent), ("later", later)):
        answers = _level_to_answer(level, ind["scale"])
        table = {}
        for (code, row), answer in zip(ind.iterrows(), answers, strict=True):
            pool = _EVIDENCE[row["domain"]]
            evidence = pool[int(rng.integers(len(pool)))] if answer not in ("Absent", "No") else ""
            comment = ""
            if code in na:
                answer, evidence = "Not applicable", ""
                comment = "Does not apply in the national context (illustrative)."
            elif answer == "Partially present" and rng.random() < 0.25:
                comment = "Adopted on paper; implementation under way (illustrative)."
            table[code] = {"answer": answer, "evidence": evidence, "comment": comment}
        rounds[name] = table
    return rounds


def later_edition_answers(
    earlier: Instrument, later: Instrument, answers: dict[str, dict], rng: np.random.Generator
) -> dict[str, dict]:
    """The answers of one round carried from an earlier edition to a later one.

    Questions kept (``same``, ``revised``) keep their answer, except that a "Partially present"
    whose comment says the text is adopted but not yet implemented becomes "Fully present":
    edition 2.0.0 defines presence on law and policy alone, and the implementation note stays in
    the Comment and the column Implementation (not scored) says "Partly implemented". The parts
    of a split question inherit its answer (a part of a partly present
    bundle is sometimes absent); new questions are answered from their domain's level.
    ``rng`` is used for these choices only, so that the other demo inputs do not change.
    """
    walk = later.crosswalk_from(earlier)
    assert walk is not None, "the later edition names no crosswalk from the earlier one"
    source = dict(zip(walk["code"], walk["earlier_code"], strict=True))
    relation = dict(zip(walk["code"], walk["relation"], strict=True))
    ind = later.indicators
    fresh = _level_to_answer(
        np.clip(
            ind["domain"].map(_BASELINE).to_numpy() + 0.1 + rng.normal(0, 0.22, len(ind)), 0, 1
        ),
        ind["scale"],
    )
    table: dict[str, dict] = {}
    for (code, row), new_answer in zip(ind.iterrows(), fresh, strict=True):
        old = answers.get(source.get(code, ""))
        if old is None:  # a new question
            pool = _EVIDENCE[row["domain"]]
            evidence = (
                pool[int(rng.integers(len(pool)))] if new_answer not in ("Absent", "No") else ""
            )
            table[code] = {"answer": new_answer, "evidence": evidence, "comment": ""}
            continue
        answer, comment = old["answer"], old["comment"]
        implementation = ""
        if answer == "Partially present" and comment.startswith("Adopted on paper"):
            answer = "Fully present"
            comment = "Implementation under way (illustrative)."
            implementation = "Partly implemented"  # recorded beside the answer, never scored
        if relation[code] in ("split", "replaced") and answer == "Partially present":
            answer = "Partially present" if rng.random() < 0.6 else "Absent"
        if row["scale"] == "yes_no" and answer not in ("Yes", "No", "Not applicable"):
            answer = "Yes" if answer == "Fully present" else "No"
        if row["scale"] == "presence" and answer in ("Yes", "No"):
            answer = "Fully present" if answer == "Yes" else "Absent"
        evidence = old["evidence"] if answer not in ("Absent", "No", "Not applicable") else ""
        table[code] = {
            "answer": answer,
            "evidence": evidence,
            "comment": comment,
            "implementation": implementation,
        }
    return table


def sdg_answers(inst: Instrument, rng: np.random.Generator) -> dict[str, dict]:
    """SDG 10.7.2 answers consistent with the illustrative profile; every answer other than No
    names its evidence (taken in turn from the national questionnaire's sources, without
    drawing from ``rng``, so that the inputs generated after it do not change)."""
    table = {}
    for i, (code, row) in enumerate(inst.indicators.iterrows()):
        if row["scale"] == "three_option":
            answer = [
                "Yes, regardless of immigration status",
                "Yes, only for those with legal immigration status",
                "No",
            ][int(rng.choice(3, p=[0.4, 0.5, 0.1]))]
        else:
            answer = "Yes" if rng.random() < 0.7 else "No"
        pool = _EVIDENCE[str(row["domain"])]
        evidence = pool[i % len(pool)] if answer != "No" else ""
        table[code] = {"answer": answer, "evidence": evidence, "comment": "Illustrative answer."}
    return table


def consultation_ratings(
    profile: Profile, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Six respondents per group (one for the media); each group favours its own objectives.

    Each respondent answers relevance and urgency for every objective; urgency follows
    relevance with its own noise; about 4 % of the answers are "don't know" (more for
    objectives a group knows little about). Returns the ratings, the "don't know" answers and
    the respondents with their attributes (some left empty: they are optional).
    """
    objectives = gcm_objectives()
    rows: list[tuple[str, str, str, str, int, str]] = []
    unknown: list[tuple[str, str, str, str]] = []
    people: list[dict[str, str]] = []
    questions = list(profile.consultation.questions)
    for g, group in enumerate(profile.consultation.groups):
        liked, disliked = _GROUP_VIEWS.get(group, ((), ()))
        for k in range(_GROUP_SIZES.get(group, 6)):
            person = f"{group} {k + 1}"
            abroad = group == "Diaspora"
            people.append(
                {
                    "participant": person,
                    "group": group,
                    "organisation": f"Organisation {g + 1}-{k + 1}",
                    "sex": _SEXES[int(rng.random() * len(_SEXES))],
                    "age_band": _AGE_BANDS[int(rng.random() * len(_AGE_BANDS))]
                    if rng.random() < 0.9
                    else "",
                    "country": _DIASPORA_COUNTRIES[k % len(_DIASPORA_COUNTRIES)]
                    if abroad
                    else "Albania",
                    "municipality": ""
                    if abroad or rng.random() < 0.2
                    else _MUNICIPALITIES[int(rng.random() * len(_MUNICIPALITIES))],
                }
            )
            for code, number in zip(objectives.index, objectives["number"], strict=True):
                mean = 3.0 + (1.3 if number in liked else 0) - (1.1 if number in disliked else 0)
                mean += 0.25 * np.sin(number * (g + 1))  # a group's mild general leanings
                relevance = rng.normal(mean, 0.8)
                urgency = relevance - 0.2 + rng.normal(0, 0.6)
                unsure = 0.02 + (0.08 if number in disliked else 0.0)
                for question, value in zip(questions, (relevance, urgency), strict=False):
                    if rng.random() < unsure:
                        unknown.append((person, group, code, question))
                        continue
                    rating = int(np.clip(np.rint(value), 1, 5))
                    rows.append(
                        (person, group, code, question, rating, f"Organisation {g + 1}-{k + 1}")
                    )
    ratings = pd.DataFrame(
        rows, columns=["participant", "group", "objective", "question", "rating", "organisation"]
    )
    dont_know = pd.DataFrame(unknown, columns=["participant", "group", "objective", "question"])
    respondents = pd.DataFrame(people).set_index("participant")
    return ratings, dont_know, respondents


def expert_ratings(profile: Profile, rng: np.random.Generator) -> pd.DataFrame:
    """5 experts: a shared view per objective and criterion plus individual noise. Their
    shared view of the resources an objective needs barely varies (about 3 everywhere), so
    that criterion's differences between objectives are within its sampling noise; their view
    of an objective's relevance for EU accession mostly follows national-policy alignment, so
    the two criteria are strongly correlated."""
    objectives = gcm_objectives().index
    criteria = [c.code for c in profile.expert_criteria()]
    shared = rng.uniform(1.6, 4.4, size=(len(objectives), len(criteria)))
    if "resource_need" in criteria:
        shared[:, criteria.index("resource_need")] = 3.0 + rng.uniform(-0.2, 0.2, len(objectives))
    if {"policy_alignment", "eu_accession"} <= set(criteria):  # accession follows policy
        policy = shared[:, criteria.index("policy_alignment")]
        accession = criteria.index("eu_accession")
        shared[:, accession] = 0.85 * policy + 0.15 * shared[:, accession]
    rows = []
    for e in range(5):
        noise = rng.normal(0, 0.7, size=shared.shape)
        ratings = np.clip(np.rint(shared + noise), 1, 5).astype(int)
        for i, code in enumerate(objectives):
            for j, crit in enumerate(criteria):
                rows.append((f"Expert {e + 1}", code, crit, int(ratings[i, j])))
    return pd.DataFrame(rows, columns=["expert", "objective", "criterion", "rating"])


def _saaty(x: float) -> float:
    """The nearest Saaty-scale judgement (1/9 … 9) to a ratio."""
    scale = np.array(
        [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    )
    return float(scale[np.argmin(np.abs(np.log(scale) - np.log(x)))])


def weight_judgements(profile: Profile, rng: np.random.Generator) -> list[Judgement]:
    """Five members' pairwise matrices from their own priorities, rounded to the Saaty scale;
    the fifth reverses one judgement, which makes the matrix inconsistent (CR > 0.10)."""
    codes = profile.codes
    base = profile.default_weights().to_numpy()
    members = [
        "Ministry of Interior",
        "Ministry of Finance and Economy",
        "Ministry for Europe and Foreign Affairs",
        "State Agency for Diaspora",
        "Technical Secretariat for Migration",
    ]
    out = []
    for k, member in enumerate(members):
        w = base * np.exp(rng.normal(0, 0.35, len(codes)))
        n = len(codes)
        a = np.ones((n, n))
        for i in range(n):
            for j in range(i + 1, n):
                a[i, j] = _saaty(w[i] / w[j])
                a[j, i] = 1 / a[i, j]
        if k == len(members) - 1:  # an inconsistent member: gap vs resource need reversed
            i, j = codes.index("gap"), codes.index("resource_need")
            a[i, j], a[j, i] = 1 / 7, 7.0
            i, j = codes.index("stakeholders"), codes.index("partner_funding")
            a[i, j], a[j, i] = 1 / 6, 6.0
        out.append(
            Judgement(
                f"{member} (illustrative)", "pairwise", pd.DataFrame(a, index=codes, columns=codes)
            )
        )
    return out


RECIPE_FILE = "demo-recipe.toml"


def recipe_text() -> str:
    """The text of ``demo-recipe.toml``: the run ``mgi demo`` makes (paths relative to it)."""
    return f'''# The recipe of `mgi demo`: the whole pipeline on the bundled illustrative inputs.
# Generated with the inputs by `python -m mgi.demo.inputs` (seed {SEED}).
# {DISCLAIMER}
# Run it with `mgi demo`, or `mgi run demo-recipe.toml --out FOLDER`.
# Paths are relative to this file.
recipe_version = 1
title = "{COUNTRY} 2023: the mgi demo"
note = "{DISCLAIMER}"

[methodology]
scheme = "mgi-default"
profile = "gcm-default"

[inputs]
assessment = "{FILES["later"]}"
earlier = "{FILES["earlier"]}"
sdg = "{FILES["sdg"]}"
consultation = "{FILES["consultation"]}"
experts = "{FILES["experts"]}"
weights = "{FILES["weights"]}"
# Objectives named in Albania's pledge at the 2022 International Migration Review Forum, used to
# compare the data-driven ranking with a declared list.
reference = {list(REFERENCE)}
reference_source = "Albania's pledge at the International Migration Review Forum, May 2022"

[outputs]
report = "report"
scores = "scores-2023.xlsx"
earlier_scores = "scores-2018.xlsx"
sdg_scores = "sdg-10-7-2-scores.xlsx"
comparison = "change-2018-2023.xlsx"
priorities = "priorities.xlsx"
plan = "action-plan.xlsx"
plan_report = "plan"
monitor_report = "monitor"

# The action plan made from the ranking (the top 10 objectives of the consensus ranking, as no
# decisions of the working group are given), filled with illustrative measures.
[plan]
start = "2025-Q1"
end = "2027-Q4"
currency = "ALL"
title = "National Strategy on Migration: action plan 2025–2027 (illustrative)"
fill = "illustrative"

# Monitoring: the institutions of the plan report their progress on two periods (illustrative
# workbooks, with one late institution, one measure reported twice and one value in the wrong
# unit), consolidated into the monitoring report of the last period.
[monitor]
periods = ["2025-H2", "2026-H1"]
fill = "illustrative"
'''


def generate(out_dir: str | Path) -> dict[str, Path]:
    """Write every demo input into ``out_dir`` and return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    profile = load_profile("gcm-default")
    national = load_instrument("mgi-national")
    first = national.earlier_edition(EARLIER_EDITION)
    assert first is not None, f"edition {EARLIER_EDITION} of mgi-national is not bundled"
    rounds = questionnaire_answers(first, rng)
    # 2023 is answered on the current edition; its own generator keeps the other inputs as they were
    rounds["later"] = later_edition_answers(
        first, national, rounds["later"], np.random.default_rng(SEED + 1)
    )
    editions = {"earlier": first, "later": national}
    paths: dict[str, Path] = {}
    for key, year in (("earlier", 2018), ("later", 2023)):
        meta = {
            "country": COUNTRY,
            "round": year,
            "reference_date": f"{year}-06-30",
            "assessors": "mgi demo generator",
            "contact": "not applicable (illustrative)",
            "language": "en",
            "notes": DISCLAIMER,
        }
        paths[key] = write_template(
            editions[key], out / FILES[key], answers=rounds[key], metadata=meta
        )
    sdg = load_instrument("sdg-10-7-2")
    paths["sdg"] = write_template(
        sdg,
        out / FILES["sdg"],
        answers=sdg_answers(sdg, rng),
        metadata={"country": COUNTRY, "round": 2023, "notes": DISCLAIMER},
    )
    ratings, dont_know, respondents = consultation_ratings(profile, rng)
    paths["consultation"] = write_consultation_template(
        out / FILES["consultation"],
        profile,
        ratings=ratings,
        dont_know=dont_know,
        respondents=respondents,
        participants=len(respondents),
    )
    paths["experts"] = write_experts_template(
        out / FILES["experts"], profile, ratings=expert_ratings(profile, rng)
    )
    paths["weights"] = write_weights_template(
        out / FILES["weights"], profile, judgements=weight_judgements(profile, rng)
    )
    (out / RECIPE_FILE).write_text(recipe_text(), encoding="utf-8", newline="\n")
    paths["recipe"] = out / RECIPE_FILE
    return paths


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m mgi.demo.inputs [--out DIR]`` (default ``data/demo``)."""
    parser = argparse.ArgumentParser(description="Regenerate the illustrative demo inputs.")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "data" / "demo"))
    args = parser.parse_args(argv)
    for path in generate(args.out).values():
        print(path)


if __name__ == "__main__":
    main()
