"""Run the bundled demo recipe (``mgi demo``).

The demo is an ordinary recipe, ``data/demo/demo-recipe.toml``: validate → score (both rounds
and the SDG 10.7.2 module) → compare rounds → prioritise (four methods, group weights, rank
acceptability) → report, on the bundled illustrative inputs. Every output says the inputs are
illustrative; the output folder holds the recipe as run (``recipe.toml``), written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from mgi._resources import bundled_dir
from mgi.errors import MGIError
from mgi.i18n import language, source_language, text
from mgi.recipe import Recipe, load_recipe
from mgi.run import Run, run

#: The file name of the demo recipe in ``data/demo/``.
DEMO_RECIPE = "demo-recipe.toml"


def demo_folder() -> Path:
    """The folder of the bundled demo inputs and their recipe."""
    return bundled_dir("data") / "demo"


def demo_recipe() -> Recipe:
    """The bundled demo recipe (its outputs have no folder until one is given).

    Examples
    --------
    >>> recipe = demo_recipe()
    >>> recipe.inputs.assessment.name, recipe.inputs.reference[:3]
    ('mgi-national-2023.xlsx', (2, 3, 4))
    """
    path = demo_folder() / DEMO_RECIPE
    if not path.is_file():
        raise MGIError(
            f"The demo recipe is missing from {path.parent}. Regenerate the demo inputs with "
            "'python -m mgi.demo.inputs', or reinstall mgi."
        )
    return load_recipe(path)


def run_demo(
    out_dir: str | Path = "reports/demo",
    *,
    samples: int | None = None,
    seed: int | None = None,
    formats: Sequence[str] | None = None,
    font: str | None = None,
    progress: Callable[[str], None] | None = None,
    lang: str | None = None,
) -> Run:
    """Run the demo recipe and write every output into ``out_dir``.

    Parameters
    ----------
    out_dir
        Output folder (replaced as a whole at the end, only if mgi wrote it or it is empty).
    samples, seed
        Rank acceptability settings (default: the profile's, 100,000 samples).
    formats
        Chart formats (default: PNG, SVG and one all-charts.pdf).
    font
        Chart font, an installed family (default DejaVu Sans).
    progress
        Called with one line per step (the command line prints them on stderr).
    lang
        The language of every output and message (default: the recipe's, English). In
        another language than English the recipe's note and the source of its reference list
        are written in that language too.
    """
    settings: dict[str, object] = {"samples": samples, "seed": seed, "font": font, "lang": lang}
    if formats is not None:
        settings["formats"] = tuple(formats)
    recipe = demo_recipe().replace(settings={k: v for k, v in settings.items() if v is not None})
    chosen = language(recipe.settings.lang or source_language())
    if not chosen.is_source:
        recipe = recipe.replace(
            note=text("notice.illustrative_demo", chosen),
            inputs={"reference_source": text("demo.reference_source", chosen)},
        )
    return run(recipe, out=out_dir, progress=progress)
