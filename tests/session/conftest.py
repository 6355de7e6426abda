"""Shared fixtures of the session tests: one demo session basis, one served session per test
module (a real ``mgi session start`` process), and one headless Chromium for the whole run."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Few samples: the tests check that the session shows the library's numbers, not sampling.
SAMPLES = 500
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running ``mgi session start`` process."""

    db: Path
    port: int
    process: subprocess.Popen[str]
    facilitator: str
    join: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """Kill the server at once (SIGKILL: no clean shutdown, as a power cut)."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)


def start_server(db: Path, port: int, *extra: str) -> Server:
    """Start ``mgi session start`` and wait until it answers."""
    command = [sys.executable, "-m", "mgi", "session", "start", "--db", str(db)]
    command += ["--port", str(port), "--lang", "en", *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    assert process.stdout is not None
    while len(lines) < 2:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(process.stderr.read() if process.stderr else "no output")
        lines.append(line)
    facilitator = re.search(r"(http://\S+/f/\S+)", lines[0]).group(1)  # type: ignore[union-attr]
    join = re.search(r"(http://\S+/join/\S+)", lines[1]).group(1)  # type: ignore[union-attr]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    return Server(db, port, process, facilitator, join)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A demo session served by a real process (one per test module)."""
    db = tmp_path_factory.mktemp("session") / "meeting.db"
    running = start_server(db, free_port(), "--demo", "--samples", str(SAMPLES))
    holder = {"server": running}
    yield running
    for s in holder.values():
        if s.process.poll() is None:
            s.process.terminate()
            s.process.wait(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (the Debian package) driven by Selenium, for the whole test run."""
    if not Path(CHROMIUM).exists() or not Path(CHROMEDRIVER).exists():
        pytest.fail(
            "The browser tests need Debian's chromium and chromium-driver "
            "(apt-get install -y chromium chromium-driver); .ci/run installs them."
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=390,844")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def demo_basis():  # -> engine.Basis
    """The demo inputs read once, as a session reads them."""
    from mgi.session import engine

    return engine.load_basis(engine.configuration(demo=True, samples=SAMPLES))
