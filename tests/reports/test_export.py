"""save_figure and charts_pdf: formats, metadata without dates, byte-identical re-runs."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from mgi.reports import charts
from mgi.reports.export import charts_pdf, save_figure


def _figure() -> object:
    domains = pd.DataFrame(
        {"short_name": ["Rights", "Government", "Partners"], "score": [62.5, 40.0, 70.0],
         "target": [100.0, 80.0, 80.0]},
        index=["D1", "D2", "D3"],
    )  # fmt: skip
    return charts.domain_profile_figure(
        domains, earlier=domains.assign(score=30.0), bands=[(0.0, "Low"), (40.0, "High")]
    )


def test_save_figure_writes_three_formats(tmp_path: Path) -> None:
    paths = save_figure(_figure(), tmp_path / "profile")
    assert [p.name for p in paths] == ["profile.png", "profile.svg", "profile.pdf"]
    png = paths[0].read_bytes()
    assert png.startswith(b"\x89PNG")
    svg = paths[1].read_text(encoding="utf-8")
    assert "<text" in svg and "Domain scores" in svg  # text kept as text
    assert "<dc:date>" not in svg
    pdf = paths[2].read_bytes()
    assert pdf.startswith(b"%PDF") and b"/CreationDate" not in pdf
    assert b"/Creator (mgi)" in pdf
    assert not list(tmp_path.glob("*.part"))


def test_png_is_300_dpi_at_a4_width(tmp_path: Path) -> None:
    from PIL import Image

    (png,) = save_figure(_figure(), tmp_path / "p", formats=("png",))
    with Image.open(png) as image:
        assert abs(image.width - 17 / 2.54 * 300) < 1.5
        assert round(image.info["dpi"][0]) == 300


def test_same_inputs_give_byte_identical_files(tmp_path: Path) -> None:
    """Two renders in one process; dates are removed, so SOURCE_DATE_EPOCH is not needed."""
    first = save_figure(_figure(), tmp_path / "a")
    second = save_figure(_figure(), tmp_path / "b")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.suffix
    again = save_figure(_figure(), tmp_path / "c", formats=("svg",))
    assert again[0].read_bytes() == first[1].read_bytes()


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="jpg"):
        save_figure(_figure(), tmp_path / "x", formats=("jpg",))


def test_charts_pdf_has_one_page_per_chart_and_is_reproducible(tmp_path: Path) -> None:
    one = charts_pdf([_figure(), _figure()], tmp_path / "one.pdf").read_bytes()
    two = charts_pdf([_figure(), _figure()], tmp_path / "two.pdf").read_bytes()
    assert one == two
    assert len(re.findall(rb"/Type\s*/Page\b", one)) == 2
    assert len(re.findall(rb"/FontFile2", one)) == 2  # one subset per face for the whole file


def test_the_pdf_backend_is_imported_only_to_write_a_pdf() -> None:
    """matplotlib's PDF backend and fontTools' subsetter (0.5 s) load only for a PDF."""
    import subprocess
    import sys

    code = (
        "import sys, mgi.reports.export, mgi.reports.render, mgi.reports.build; "
        "import mgi.reports.charts; print(sorted(m for m in sys.modules if m.startswith("
        "('matplotlib.backends.backend_pdf', 'fontTools.subset', 'fontTools.ttLib'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
