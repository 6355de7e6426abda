"""A tiny hand-worked instrument for the scoring tests (same CSV format as sdg-10-7-2).

Domains D1 (sub-domains D1.1, D1.2) and D2 (sub-domain D2.1); seven indicators with unequal
weights, both answer scales of mgi-national (presence, yes_no) and a GCM mapping with primary and
secondary links. ``tiny_plus_na`` is the same instrument with one extra indicator (D1.1.9) in
D1.1, mapped to GCM01, used to show that a not-applicable answer changes no score.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgi.assessment import Assessment
from mgi.instrument import Instrument, load_instrument

ROOT = Path(__file__).resolve().parents[2]

INDICATORS = """code,domain,subdomain,order,question,scale,weight
D1.1.1,D1,D1.1,1,Question one?,presence,2
D1.1.2,D1,D1.1,2,Question two?,presence,1
D1.1.3,D1,D1.1,3,Question three?,presence,1
D1.2.1,D1,D1.2,1,Question four?,yes_no,1
D1.2.2,D1,D1.2,2,Question five?,yes_no,3
D2.1.1,D2,D2.1,1,Question six?,presence,1
D2.1.2,D2,D2.1,2,Question seven?,presence,1
"""
MAPPING = """indicator,gcm_primary,gcm_secondary
D1.1.1,1,2
D1.1.2,2,
D1.1.3,3,
D1.2.1,1,
D2.1.1,,1
"""

#: The hand-worked answers (see tests/scoring/test_engine.py for the arithmetic).
ANSWERS = {
    "D1.1.1": "Fully present",
    "D1.1.2": "Partially present",
    "D1.1.3": "Not applicable",
    "D1.2.1": "No",
    "D1.2.2": "Yes",
    "D2.1.1": "Absent",
    "D2.1.2": "Partially present",
}
META = {"country": "Testland", "round": "2024"}


def write_tiny(folder: Path, *, extra_na: bool = False, name: str = "tiny") -> Path:
    """Write the tiny instrument into ``folder`` and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "instrument.toml").write_text(
        f'name = "{name}"\ntitle = "Tiny test instrument"\nversion = "1.0.0"\n\n'
        '[files]\nmapping = "gcm_mapping.csv"\n',
        encoding="utf-8",
    )
    (folder / "domains.csv").write_text(
        "code,order,name\nD1,1,Rights\nD2,2,Government\n", encoding="utf-8"
    )
    (folder / "subdomains.csv").write_text(
        "code,domain,order,name\nD1.1,D1,1,Services\nD1.2,D1,2,Family\nD2.1,D2,1,Strategy\n",
        encoding="utf-8",
    )
    indicators, mapping = INDICATORS, MAPPING
    if extra_na:
        indicators += "D1.1.9,D1,D1.1,9,Question nine?,presence,5\n"
        mapping += "D1.1.9,1,2\n"
    (folder / "indicators.csv").write_text(indicators, encoding="utf-8")
    (folder / "gcm_mapping.csv").write_text(mapping, encoding="utf-8")
    shutil.copy(ROOT / "questionnaires" / "mgi-national" / "scales.csv", folder / "scales.csv")
    return folder


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Instrument:
    return load_instrument(write_tiny(tmp_path_factory.mktemp("tiny")))


@pytest.fixture(scope="session")
def tiny_plus_na(tmp_path_factory: pytest.TempPathFactory) -> Instrument:
    return load_instrument(write_tiny(tmp_path_factory.mktemp("tiny_na"), extra_na=True))


@pytest.fixture(scope="session")
def sdg() -> Instrument:
    return load_instrument("sdg-10-7-2")


@pytest.fixture
def tiny_assessment(tiny: Instrument) -> Assessment:
    return Assessment.from_answers(tiny, ANSWERS, META)
