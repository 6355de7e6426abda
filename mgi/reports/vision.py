"""How a chart looks printed in greyscale or to a reader with deuteranopia.

:func:`simulate` converts colours (an image as an array, or a ``#RRGGBB`` colour) the way a
greyscale printer does (relative luminance) or as seen with deuteranopia, the most common
colour-vision deficiency (the matrix of Machado, Oliveira and Fernandes 2009, severity 1, applied
in linear RGB). ``python -m mgi.reports.vision CHART.png OUT.png --as deuteranopia`` converts a
chart file, to look at it as such a reader would; the tests use the same functions to check that
the colours a chart tells apart stay apart.

Examples
--------
>>> simulate("#FFFFFF", "greyscale"), simulate("#000000", "deuteranopia")
('#FFFFFF', '#000000')
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import overload

import numpy as np

#: Deuteranopia (severity 1.0) in linear RGB: Machado, Oliveira and Fernandes, "A
#: physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15(6), 2009.
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
#: Relative luminance of linear RGB (Rec. 709 / sRGB primaries), as a greyscale printer sees it.
LUMINANCE = np.array([0.2126, 0.7152, 0.0722])
KINDS = ("greyscale", "deuteranopia")


def _linear(srgb: np.ndarray) -> np.ndarray:
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _srgb(linear: np.ndarray) -> np.ndarray:
    linear = np.clip(linear, 0.0, 1.0)
    return np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)


def simulate_rgb(rgb: np.ndarray, kind: str) -> np.ndarray:
    """``rgb`` (any shape ending in 3, values 0-1, sRGB) as seen in ``kind``."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}; use {', '.join(KINDS)}.")
    linear = _linear(np.asarray(rgb, dtype=float))
    if kind == "greyscale":
        grey = linear @ LUMINANCE
        out = np.repeat(grey[..., None], 3, axis=-1)
    else:
        out = linear @ DEUTERANOPIA.T
    return _srgb(out)


@overload
def simulate(colour: str, kind: str) -> str: ...
@overload
def simulate(colour: np.ndarray, kind: str) -> np.ndarray: ...
def simulate(colour: str | np.ndarray, kind: str) -> str | np.ndarray:
    """A ``#RRGGBB`` colour, or an image array (height × width × 3 or 4, uint8), as seen in
    ``kind`` (``greyscale`` or ``deuteranopia``); alpha is kept."""
    if isinstance(colour, str):
        value = colour.lstrip("#")
        rgb = np.array([int(value[i : i + 2], 16) for i in (0, 2, 4)]) / 255
        out = np.rint(simulate_rgb(rgb, kind) * 255).astype(int)
        return "#" + "".join(f"{v:02X}" for v in out)
    image = np.asarray(colour)
    converted = np.rint(simulate_rgb(image[..., :3] / 255, kind) * 255).astype(np.uint8)
    if image.shape[-1] == 4:
        converted = np.concatenate([converted, image[..., 3:]], axis=-1)
    return converted


def distance(one: str, two: str) -> float:
    """Euclidean distance of two ``#RRGGBB`` colours in sRGB (0-441)."""
    a = np.array([int(one.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)], dtype=float)
    b = np.array([int(two.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)], dtype=float)
    return float(np.linalg.norm(a - b))


def convert_png(source: str | Path, target: str | Path, kind: str) -> Path:
    """Write ``source`` (a PNG) as seen in ``kind`` to ``target``."""
    from PIL import Image

    with Image.open(source) as image:
        pixels = np.asarray(image.convert("RGBA"))
    Image.fromarray(simulate(pixels, kind), "RGBA").save(target)
    return Path(target)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mgi.reports.vision IN.png OUT.png [--as greyscale|deuteranopia]``."""
    parser = argparse.ArgumentParser(prog="python -m mgi.reports.vision", description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--as", dest="kind", choices=KINDS, default="deuteranopia")
    args = parser.parse_args(argv)
    convert_png(args.source, args.target, args.kind)
    return 0


if __name__ == "__main__":
    sys.exit(main())
