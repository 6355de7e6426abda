"""The wheel ships the methodology folders and the resolver finds them outside the checkout.

Builds the wheel, installs it (without dependencies) into a fresh virtual environment in a
temporary folder, makes the test environment's dependencies visible through a ``.pth`` file
(but not the checkout), and runs ``mgi instruments`` from an unrelated directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_finds_bundled_files(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("mgi-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for required in (
        "mgi/_bundled/questionnaires/mgi-national/indicators.csv",
        "mgi/_bundled/questionnaires/sdg-10-7-2/instrument.toml",
        "mgi/_bundled/data/gcm_objectives.csv",
        "mgi/py.typed",  # type checkers read mgi's annotations
    ):
        assert required in names, required

    env_dir = tmp_path / "venv"
    venv.create(env_dir)  # no pip of its own: this environment's pip installs into it
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install",
         "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    site = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # the dependencies of the test environment, not the checkout
    deps = sysconfig.get_path("purelib")
    Path(site, "test_deps.pth").write_text(deps + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    result = subprocess.run(
        [str(bin_dir / "mgi"), "instruments"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "mgi-national" in result.stdout and "sdg-10-7-2" in result.stdout
    where = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import mgi._resources as r; print(r.bundled_dir('questionnaires'))",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where
    assert "_bundled" in where
