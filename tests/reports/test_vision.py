"""The colours a chart tells apart stay apart in greyscale and with deuteranopia."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np

from mgi.reports import _style
from mgi.reports.vision import convert_png, distance, main, simulate


def test_white_and_black_do_not_move_and_grey_is_grey() -> None:
    for kind in ("greyscale", "deuteranopia"):
        assert simulate("#FFFFFF", kind) == "#FFFFFF" and simulate("#000000", kind) == "#000000"
    grey = simulate(_style.PALETTE["score"], "greyscale")
    assert grey[1:3] == grey[3:5] == grey[5:7]


def test_red_and_green_merge_for_a_deuteranope_but_okabe_ito_does_not() -> None:
    assert distance(simulate("#FF0000", "deuteranopia"), simulate("#00A000", "deuteranopia")) < 60
    answers = [_style.PALETTE[k] for k in ("full", "partial", "absent", "not_applicable")]
    for group in (_style.DOMAIN_COLOURS, answers):
        seen = [simulate(c, "deuteranopia") for c in group]
        assert min(distance(a, b) for a, b in combinations(seen, 2)) > 35


def test_criteria_differ_in_pattern_where_greyscale_merges_them() -> None:
    styles = list(zip(_style.CATEGORY_CYCLE[:6], _style.CRITERION_HATCHES[:6], strict=True))
    for (c1, h1), (c2, h2) in combinations(styles, 2):
        grey = distance(simulate(c1, "greyscale"), simulate(c2, "greyscale"))
        assert h1 != h2 or grey > 40, (c1, c2)


def test_a_png_is_converted(tmp_path: Path) -> None:
    from PIL import Image

    source = tmp_path / "in.png"
    Image.fromarray(np.full((2, 3, 3), (213, 94, 0), dtype=np.uint8)).save(source)
    convert_png(source, tmp_path / "grey.png", "greyscale")
    assert main([str(source), str(tmp_path / "deut.png")]) == 0
    with Image.open(tmp_path / "grey.png") as image:
        r, g, b, a = image.getpixel((0, 0))
    assert r == g == b and a == 255
    assert (tmp_path / "deut.png").stat().st_size > 0
