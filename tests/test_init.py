"""What ``import mgi`` gives: the verbs, the recipe and run, and the sub-packages."""

from __future__ import annotations

import subprocess
import sys


def test_subpackages_and_run_are_reachable_after_import_mgi() -> None:
    """In a fresh interpreter (here every sub-package is imported already)."""
    code = (
        "import mgi; print(mgi.priorities.load_profile('gcm-default').name, "
        "callable(mgi.run), mgi.Recipe.__name__, mgi.prioritization.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["gcm-default", "True", "Recipe", "mgi.prioritization"]


def test_run_stays_the_verb_however_it_is_imported() -> None:
    """``mgi.run`` names the function and the module ``mgi/run.py``: the function it stays,
    the second time and after ``import mgi.run`` too."""
    code = (
        "import mgi; first = mgi.run; second = mgi.run; import mgi.run; from mgi import run; "
        "from mgi.run import run as the_function; "
        "print(first is second is mgi.run is run is the_function)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True"]
