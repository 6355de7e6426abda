"""The demo's documents as a reader sees them: the Word annex rendered by LibreOffice, the HTML
report printed by headless Chromium to A4 and laid out at 800 and 1280 px wide.

One render per language per test session, shared by every pytest-xdist worker (the first to
ask makes it, the others wait for its ``done`` file), because LibreOffice and Chromium take
seconds. The helpers read the PDFs with poppler's ``pdftotext``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
CHROMIUM = "/usr/bin/chromium"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
#: Frequent English words (none of them an Albanian word): none may be in an Albanian document.
ENGLISH = {"the", "and", "of", "with", "is", "are", "for", "which", "this", "that", "from"}
#: Viewport widths at which the HTML report must read without overflowing.
WIDTHS = (800, 1280)
#: How long a worker waits for another worker's render (seconds).
TIMEOUT = 600
#: A script added to a copy of the report (never to the report itself) that measures, once
#: laid out, what sticks out of the window: the page's width, every element (outside the
#: scrolling table boxes and the charts) whose right edge passes the window, and every table
#: wider than its box together with whether that box scrolls.
MEASURE = """<script>(function () {
  var w = window.innerWidth, out = {width: w, scroll: document.documentElement.scrollWidth,
    overflow: [], tables: []};
  document.querySelectorAll('body *').forEach(function (e) {
    var wrap = e.closest('.table-wrap');
    if ((wrap && wrap !== e) || (e.closest('svg') && e.tagName.toLowerCase() !== 'svg')) return;
    var r = e.getBoundingClientRect();
    if (r.width && r.right > w + 1) out.overflow.push(e.tagName + ' ' + Math.round(r.right));
  });
  document.querySelectorAll('.table-wrap').forEach(function (box) {
    var t = box.querySelector('table');
    out.tables.push({box: box.clientWidth, table: t.scrollWidth,
      scrolls: getComputedStyle(box).overflowX, font: parseFloat(getComputedStyle(t).fontSize)});
  });
  document.body.setAttribute('data-layout', JSON.stringify(out));
})();</script>"""


@dataclass(frozen=True)
class Rendered:
    """One language's documents and their renders."""

    lang: str
    folder: Path
    html_pdf: Path
    docx_pdf: Path
    layout: dict[int, dict[str, Any]]

    @property
    def html(self) -> Path:
        return self.folder / "report.html"

    @property
    def docx(self) -> Path:
        return self.folder / "strategy-annex.docx"


def _need(path: str, what: str) -> None:
    if not Path(path).exists():
        pytest.fail(
            f"The rendering tests need {what} ({path}); .ci/run installs it "
            "(apt-get install -y libreoffice-writer-nogui poppler-utils chromium)."
        )


def need_tools(*commands: str) -> None:
    """Fail (never skip) a test that renders a document when one of ``commands`` (``soffice``,
    ``pdftotext``, ``chromium``) is missing: a skipped render would hide what a reader sees."""
    for command in commands:
        _need(shutil.which(command) or f"/usr/bin/{command}", command)


def word_command(documents: dict[str, Path], out: Path) -> list[str]:
    """The LibreOffice command that renders Word ``documents`` (name → .docx, copied here
    into ``out/sources/<name>.docx``) to ``out/<name>.pdf``, all in one start of LibreOffice
    (a start costs about three seconds of processor time)."""
    for path, what in ((SOFFICE, "LibreOffice"), (PDFTOTEXT, "poppler")):
        _need(path, what)
    sources = out / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for name, document in documents.items():
        shutil.copyfile(document, sources / f"{name}.docx")
    return [SOFFICE, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
            "--convert-to", "pdf", "--outdir", str(out),
            *(str(sources / f"{name}.docx") for name in documents)]  # fmt: skip


def render(folder: Path, out: Path, lang: str) -> Rendered:
    """Render ``folder``'s report.html and strategy-annex.docx into ``out`` (in parallel)."""
    for path, what in ((SOFFICE, "LibreOffice"), (CHROMIUM, "Chromium"), (PDFTOTEXT, "poppler")):
        _need(path, what)
    out.mkdir(parents=True, exist_ok=True)
    command = [SOFFICE, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out),
               str(folder / "strategy-annex.docx")]  # fmt: skip
    word = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    render_html({lang: folder}, out.parent, {lang: out})
    word.wait(timeout=TIMEOUT)
    return load(folder, out, lang)


def render_html(
    reports: dict[str, Path], out: Path, folders: dict[str, Path] | None = None
) -> None:
    """Render the report.html of each language's folder in ``reports`` with Chromium, all at
    once (Chromium mostly waits): printed to A4 (``report.pdf``) and laid out at
    :data:`WIDTHS` (``layout.json``), into ``folders[lang]`` (default ``out/<lang>``)."""
    _need(CHROMIUM, "Chromium")
    folders = folders or {lang: out / lang for lang in reports}
    jobs: list[tuple[str, int, subprocess.Popen[str]]] = []
    for lang, folder in reports.items():
        target = folders[lang]
        target.mkdir(parents=True, exist_ok=True)

        def chrome(name: str, target: Path = target) -> list[str]:
            return [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    f"--user-data-dir={target / f'chromium-{name}'}"]  # fmt: skip

        printing = [*chrome("print"), f"--print-to-pdf={target / 'report.pdf'}",
                    "--no-pdf-header-footer", (folder / "report.html").as_uri()]  # fmt: skip
        jobs.append((lang, 0, _chromium(printing, keep=False)))
        page = (folder / "report.html").read_text(encoding="utf-8")
        for width in WIDTHS:
            probe = target / f"measure-{lang}-{width}.html"  # never inside the demo output
            probe.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
            measure = [*chrome(str(width)), f"--window-size={width},1000", "--dump-dom",
                       probe.as_uri()]  # fmt: skip
            jobs.append((lang, width, _chromium(measure, keep=True)))
    layouts: dict[str, dict[int, Any]] = {lang: {} for lang in reports}
    for lang, width, job in jobs:
        dom, _ = job.communicate(timeout=TIMEOUT)
        if width:
            found = re.search(r'data-layout="([^"]*)"', dom)
            assert found, f"Chromium did not lay out the {lang} report at {width} px"
            layouts[lang][width] = json.loads(html.unescape(found.group(1)))
    for lang, layout in layouts.items():
        (folders[lang] / "layout.json").write_text(json.dumps(layout), encoding="utf-8")


def _chromium(command: list[str], *, keep: bool) -> subprocess.Popen[str]:
    """Start Chromium; ``keep``: its standard output is read (the page's DOM)."""
    output = subprocess.PIPE if keep else subprocess.DEVNULL
    return subprocess.Popen(command, stdout=output, stderr=subprocess.DEVNULL, text=True)


def html_command(reports: dict[str, Path], out: Path) -> list[str]:
    """The command that runs :func:`render_html` on ``reports`` into ``out`` in its own
    process (from the repository folder, where ``tests`` is a package)."""
    code = (
        "import sys; from pathlib import Path; from tests.reports.rendering import render_html; "
        "args = sys.argv[2:]; render_html({args[i]: Path(args[i + 1]) "
        "for i in range(0, len(args), 2)}, Path(sys.argv[1]))"
    )
    pairs = [item for lang, folder in reports.items() for item in (lang, str(folder))]
    return [sys.executable, "-c", code, str(out), *pairs]


def load(folder: Path, out: Path, lang: str) -> Rendered:
    """The renders :func:`render` wrote into ``out``."""
    layout = json.loads((out / "layout.json").read_text(encoding="utf-8"))
    return Rendered(
        lang,
        folder,
        out / "report.pdf",
        out / "strategy-annex.pdf",
        {int(k): v for k, v in layout.items()},
    )


def claim(folder: Path) -> bool:
    """Whether this worker is the first to claim the shared work in ``folder`` (it creates
    ``claimed`` there exclusively): the others wait for it (:func:`wait_for`)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(folder / "claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


#: Runs a command, its output in ``stdout.txt`` and ``stderr.txt`` of the folder given first,
#: then writes ``done`` (or ``failed``, with the exit code) there.
_BACKGROUND = (
    'folder=$1; shift; "$@" >"$folder/stdout.txt" 2>"$folder/stderr.txt"; code=$?; '
    'if [ $code -eq 0 ]; then echo 0 >"$folder/done"; else echo $code >"$folder/failed"; fi'
)


def in_background(folder: Path, command: list[str], cwd: Path | None = None) -> None:
    """Run ``command`` in the background for the shared work in ``folder`` (claimed), in its
    own session (it outlives no test that waits for it: see :func:`wait_for`)."""
    try:
        subprocess.Popen(["sh", "-c", _BACKGROUND, "sh", str(folder), *command], cwd=cwd,
                         start_new_session=True)  # fmt: skip
    except BaseException:
        (folder / "failed").write_text("could not start it", encoding="utf-8")
        raise


def wait_for(folder: Path, timeout: float = TIMEOUT) -> Path:
    """Wait until the shared work in ``folder`` is ``done`` (fail the test, with its output,
    if it ``failed`` or did not end in time); return the folder."""
    deadline = time.monotonic() + timeout
    while not ((folder / "done").exists() or (folder / "failed").exists()):
        if time.monotonic() > deadline:
            pytest.fail(f"the shared work in {folder} did not finish")
        time.sleep(0.2)
    if not (folder / "done").exists():
        output = [(folder / n).read_text("utf-8") for n in ("stdout.txt", "stderr.txt")
                  if (folder / n).exists()]  # fmt: skip
        pytest.fail(f"the shared work in {folder} failed\n" + "\n".join(output))
    return folder


def shared(root: Path, name: str, make: Any) -> Path:
    """Run ``make(folder)`` once for every pytest-xdist worker of the session; return the
    folder it filled."""
    folder = root / name
    if not claim(folder):
        return wait_for(folder)
    try:
        make(folder)
    except BaseException:
        (folder / "failed").write_text("failed", encoding="utf-8")
        raise
    (folder / "done").write_text("done", encoding="utf-8")
    return folder


# -- reading the PDFs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    x1: float
    y0: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
)


def pdf_pages(pdf: Path) -> list[Page]:
    """Every page of a PDF with its words and their positions (points from the top left)."""
    out = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for number, (w, h, body) in enumerate(_PAGE.findall(out), start=1):
        words = tuple(
            Word(number, html.unescape(t), float(x0), float(x1), float(y0))
            for x0, y0, x1, t in _WORD.findall(body)
        )
        pages.append(Page(number, float(w), float(h), words))
    return pages


def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """Every font of a PDF with whether it is embedded (``pdffonts``)."""
    out = subprocess.run(
        [shutil.which("pdffonts") or "/usr/bin/pdffonts", str(pdf)],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()[2:]  # fmt: skip
    fonts = []
    for line in out:
        parts = line.split()
        # name type [encoding …] emb sub uni object ID: "emb" is the 5th field from the end.
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts
