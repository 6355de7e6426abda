"""Templates filled in either language import the same.

Each kind of template (questionnaire, consultation, expert ratings, weights) is written in
Albanian and in English and filled with the same answers, the Albanian ones in Albanian (with
some answers typed in English: mixed-language answers are accepted). The Albanian files are then
opened and saved again by LibreOffice, as a ministry's computer would, and each pair must read
the same: the same answers, ratings and judgements, the same scores, no problem in either.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from mgi.demo.inputs import (
    consultation_ratings,
    expert_ratings,
    questionnaire_answers,
    weight_judgements,
)
from mgi.instrument import load_instrument
from mgi.priorities.profile import load_profile
from mgi.scoring import score
from mgi.workbook import (
    read_assessment,
    read_consultation,
    read_experts,
    read_weights,
    write_consultation_template,
    write_experts_template,
    write_template,
    write_weights_template,
)

SOFFICE = shutil.which("soffice")
KINDS = ("questionnaire", "consultation", "experts", "weights")


def _albanian(inst: Any, answers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The same answers with their Albanian labels, every seventh left in English."""
    out = {}
    for number, (code, given) in enumerate(answers.items()):
        scale = inst.scale_of(code)
        english = inst.option_labels(scale)
        label = given["answer"]
        if number % 7 and label in english:
            label = inst.option_labels(scale, "sq")[english.index(label)]
        out[code] = {**given, "answer": label}
    return out


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Per kind: the English file and the Albanian file as LibreOffice saved it again."""
    folder = tmp_path_factory.mktemp("twins")
    for lang in ("en", "sq", "lo"):
        (folder / lang).mkdir()
    rng = np.random.default_rng(15)
    inst = load_instrument("mgi-national")
    profile = load_profile()
    answers = questionnaire_answers(inst, rng)["later"]
    ratings, dont_know, respondents = consultation_ratings(profile, rng)
    experts = expert_ratings(profile, rng)
    judgements = weight_judgements(profile, rng)
    for lang in ("en", "sq"):
        given = answers if lang == "en" else _albanian(inst, answers)
        country = "Albania" if lang == "en" else "Shqipëria"
        write_template(
            inst, folder / lang / "questionnaire.xlsx", country=country, round=2025,
            answers=given, lang=lang,
        )  # fmt: skip
        write_consultation_template(
            folder / lang / "consultation.xlsx",
            profile,
            ratings=ratings,
            dont_know=dont_know,
            respondents=respondents,
            participants=len(respondents),
            lang=lang,
        )
        write_experts_template(folder / lang / "experts.xlsx", profile, ratings=experts, lang=lang)
        write_weights_template(
            folder / lang / "weights.xlsx", profile, judgements=judgements, lang=lang
        )
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is needed to save the Albanian templates again")
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(folder / "lo"),
            *(str(folder / "sq" / f"{kind}.xlsx") for kind in KINDS),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {
        kind: (folder / "en" / f"{kind}.xlsx", folder / "lo" / f"{kind}.xlsx") for kind in KINDS
    }


def test_the_albanian_template_is_in_albanian(twins: dict[str, tuple[Path, Path]]) -> None:
    book = load_workbook(twins["questionnaire"][1])
    assert book.sheetnames[:2] == ["Udhëzime", "Të dhënat e vlerësimit"]
    assert book.sheetnames[-1] == "Listat"
    sheet = book["D1 Migrants' rights"]
    assert [c.value for c in sheet[3]][4] == "Përgjigjja"
    lists = [c.value for c in book["Listat"]["A"]]
    assert "Pjesërisht e pranishme" in lists
    prompts = {v.prompt for v in sheet.data_validations.dataValidation if v.prompt}
    assert any(p.startswith("Zgjidhni nga lista: Plotësisht e pranishme") for p in prompts)
    assert load_workbook(twins["weights"][1]).sheetnames[1] == "Pjesëmarrësi 1"


def test_a_questionnaire_reads_and_scores_alike(twins: dict[str, tuple[Path, Path]]) -> None:
    english, albanian = (read_assessment(p) for p in twins["questionnaire"])
    assert not english.issues and not albanian.issues, [*english.issues, *albanian.issues]
    assert albanian.metadata["language"] == "sq" and albanian.country == "Shqipëria"
    columns = ["option", "status", "evidence", "comment"]
    pd.testing.assert_frame_equal(english.answers[columns], albanian.answers[columns])
    typed = albanian.answers["raw"]
    assert typed.str.contains("Plotësisht|Pjesërisht|Mungon").any()  # typed in Albanian
    assert typed.isin(["Fully present", "Partially present", "Absent"]).any()  # and in English
    pd.testing.assert_frame_equal(score(english).domains, score(albanian).domains)


def test_session_workbooks_read_alike(twins: dict[str, tuple[Path, Path]]) -> None:
    profile = load_profile()
    for kind, reader in (("consultation", read_consultation), ("experts", read_experts)):
        english, albanian = (reader(p, profile) for p in twins[kind])
        assert not english.issues and not albanian.issues, kind
        pd.testing.assert_frame_equal(english.ratings, albanian.ratings)
    english, albanian = (read_weights(p, profile) for p in twins["weights"])
    # the fifth member is inconsistent on purpose: the same warning, at the same cell
    assert [(i.rule, i.cell) for i in english.issues] == [(i.rule, i.cell) for i in albanian.issues]
    assert [i.rule for i in albanian.issues] == ["weights.inconsistent"]
    assert [j.participant for j in english.judgements] == [
        j.participant for j in albanian.judgements
    ]
    for a, b in zip(english.judgements, albanian.judgements, strict=True):
        assert a.mode == b.mode
        pd.testing.assert_frame_equal(a.values, b.values)
