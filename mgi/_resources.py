"""Find the bundled data directories in a checkout and in an installed wheel.

The methodology lives in top-level folders of the repository (``questionnaires/``, ``scoring/``,
``prioritization/``, ``data/``). In a wheel they are shipped inside the package as
``mgi/_bundled/<folder>``; in a checkout (or an editable install) they sit beside ``mgi/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

BUNDLED_FOLDERS = ("questionnaires", "scoring", "prioritization", "monitoring", "data")
_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def bundled_dir(folder: str) -> Path:
    """Return the directory holding one of the bundled data folders.

    Parameters
    ----------
    folder
        One of ``questionnaires``, ``scoring``, ``prioritization``, ``monitoring``, ``data``.

    Examples
    --------
    >>> bundled_dir("questionnaires").name
    'questionnaires'
    """
    if folder not in BUNDLED_FOLDERS:
        raise ValueError(f"unknown bundled folder {folder!r}; expected one of {BUNDLED_FOLDERS}")
    for candidate in (_PACKAGE_DIR / "_bundled" / folder, _PACKAGE_DIR.parent / folder):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"The bundled folder '{folder}' was not found next to the mgi package ({_PACKAGE_DIR}). "
        "Reinstall mgi (pip install mgi) or run it from a full checkout."
    )


def bundled_names(folder: str) -> list[str]:
    """Names of the bundled items (sub-folders or files without extension) in a folder."""
    root = bundled_dir(folder)
    names = {
        p.stem if p.is_file() else p.name for p in root.iterdir() if not p.name.startswith(".")
    }
    names.discard("README")
    return sorted(names)
