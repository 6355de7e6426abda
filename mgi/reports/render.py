"""Render a report's charts into files, in parallel, with the same bytes whatever the schedule.

A report's charts are described as :class:`ChartJob` objects (which plot function, on which plain
tables, with which footer), so that each can be drawn in a worker process from picklable inputs.
:func:`render_charts` draws every job, in a process pool when there is more than one core and more
than one chart, and writes each chart's files (PNG, SVG and, when asked, its own PDF); then it
assembles ``all-charts.pdf`` in one PDF renderer from the charts already laid out by the workers
(each figure comes back frozen, with its layout fixed, and is only drawn as a page; the fonts
are subset and embedded once for the whole file). Each chart's files depend only on its job, so
the files are the same, byte for byte, with one worker or many and whatever the order the
workers finish in.

Translations a worker could not find are sent back and recorded in the calling process (as
:class:`~mgi.i18n.MissingTranslationWarning`), exactly as if the charts had been drawn there.

:func:`worker_pool` opens one pool for a whole run, so that other writing work (the plan's and
the monitoring reports, see :func:`submit`) is drawn in the same workers after the report's
charts, while this process writes the workbooks and the report's documents.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The chart formats a report can ask for: each chart as PNG, SVG or PDF, and ``all-pdf`` for
#: every chart in one ``all-charts.pdf``. ``pdf`` also writes ``all-charts.pdf``.
CHART_FORMATS = ("png", "svg", "pdf", "all-pdf")
#: The formats written unless the recipe says otherwise.
DEFAULT_FORMATS = ("png", "svg", "all-pdf")
#: The file that holds every chart, one per page.
ALL_CHARTS_PDF = "all-charts.pdf"
#: Environment variable that sets the number of chart worker processes (1: no pool).
WORKERS_ENV = "MGI_CHART_WORKERS"


@dataclass(frozen=True, eq=False)
class ChartJob:
    """One chart to draw: ``mgi.reports.charts.<function>(*args, **kwargs)`` with a footer.

    Every argument is a plain, picklable value (DataFrames, dicts, strings), so a job can be
    drawn in another process.
    """

    stem: str
    function: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    footer: tuple[str, ...] = ()

    def figure(self, font: str) -> Any:
        """Draw the chart (a matplotlib Figure, not saved)."""
        from mgi.reports import charts

        fig = getattr(charts, self.function)(*self.args, font=font, **dict(self.kwargs))
        if self.footer:
            charts.add_footer(fig, *self.footer)
        return fig


@dataclass(frozen=True, eq=False)
class RenderedChart:
    """What drawing one job gave: its files, its SVG text and its page for ``all-charts.pdf``."""

    stem: str
    files: tuple[Path, ...]
    svg: str
    page: Any = None
    missing: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, eq=False)
class RenderedCharts:
    """Every chart of a report, drawn: by stem, in job order, and the files written."""

    charts: dict[str, RenderedChart]
    files: tuple[Path, ...]


def chart_workers(n_jobs: int, workers: int | None = None) -> int:
    """How many processes draw ``n_jobs`` charts: ``workers`` if given, else the environment
    variable ``MGI_CHART_WORKERS``, else two when the machine has two cores or more."""
    if workers is None:
        env = os.environ.get(WORKERS_ENV, "").strip()
        workers = int(env) if env.isdigit() else min(2, os.cpu_count() or 1)
    return max(1, min(int(workers), n_jobs))


def formats_in(formats: Sequence[str]) -> tuple[tuple[str, ...], bool]:
    """The per-chart file formats and whether ``all-charts.pdf`` is written.

    Examples
    --------
    >>> formats_in(["png", "svg", "all-pdf"])
    (('png', 'svg'), True)
    >>> formats_in(["pdf"])
    (('png', 'pdf'), True)
    >>> formats_in(["png"])
    (('png',), False)
    """
    unknown = [f for f in formats if f not in CHART_FORMATS]
    if unknown:
        raise ValueError(
            f"Unknown chart format(s) {', '.join(unknown)}; use {', '.join(CHART_FORMATS)}."
        )
    files = tuple(f for f in ("png", "svg", "pdf") if f == "png" or f in formats)
    return files, ("pdf" in formats or "all-pdf" in formats)


def _draw_job(
    job: ChartJob, folder: Path, file_formats: tuple[str, ...], font: str, page: bool, pickled: bool
) -> RenderedChart:
    """Draw one job and write its files (run in a worker or in this process)."""
    from mgi.reports.export import figure_svg, freeze_layout, save_figure

    def draw() -> tuple[Any, list[Path]]:
        fig = job.figure(font)
        freeze_layout(fig)
        return fig, save_figure(fig, folder / job.stem, file_formats)

    (fig, files), missing = recorded(draw)
    svg_file = folder / f"{job.stem}.svg"
    svg = svg_file.read_text(encoding="utf-8") if "svg" in file_formats else figure_svg(fig)
    shown = (
        (pickle.dumps(fig, protocol=pickle.HIGHEST_PROTOCOL) if pickled else fig) if page else None
    )
    return RenderedChart(job.stem, tuple(files), svg, shown, missing)


def recorded(work: Callable[..., Any], *args: Any) -> tuple[Any, tuple[tuple[str, str, str], ...]]:
    """``work(*args)`` and the translations it could not find (recorded, not warned about:
    :func:`forward_missing` warns about them in the calling process)."""
    from mgi.i18n import MissingTranslationWarning, recording

    with recording() as log, warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingTranslationWarning)
        result = work(*args)
    return result, tuple(log.missing)


def forward_missing(missing: Sequence[tuple[str, str, str]]) -> None:
    """Record here the translations a worker did not find (a warning each, as if the work had
    been done in this process)."""
    from mgi.i18n.fallback import note_missing

    for item in missing:
        note_missing(*item)


#: The modules a worker needs, imported before the workers start (a forked worker then has
#: them already, instead of each importing matplotlib and its backends again).
WORKER_MODULES = (
    "mgi.reports.charts",
    "mgi.reports.export",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "PIL.Image",
)


@contextlib.contextmanager
def worker_pool(
    n_jobs: int, workers: int | None = None, modules: Sequence[str] = ()
) -> Iterator[Executor | None]:
    """A process pool to draw ``n_jobs`` charts (and the work :func:`submit` gives it), or
    ``None`` when one process does everything (see :func:`chart_workers`).

    ``modules`` are imported first, with :data:`WORKER_MODULES`, so that forked workers start
    with them. The pool is shut down when the ``with`` block ends, after its work is done.
    """
    import importlib

    n = chart_workers(n_jobs, workers)
    if n == 1:
        yield None
        return
    from concurrent.futures import ProcessPoolExecutor

    for name in (*WORKER_MODULES, *modules):
        importlib.import_module(name)
    from PIL import Image

    Image.preinit()  # the image formats Pillow loads on its first save
    with ProcessPoolExecutor(max_workers=n, mp_context=_pool_context()) as pool:
        yield pool


def submit(pool: Executor | None, work: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    """Run ``work(*args)`` in ``pool`` (a module-level function and picklable arguments), or
    here and now when ``pool`` is None; return a function that gives its result (raising its
    error), with the translations it could not find recorded in this process."""
    if pool is None:
        done = work(*args)
        return lambda: done
    future: Future[Any] = pool.submit(recorded, work, *args)

    def result() -> Any:
        value, missing = future.result()
        forward_missing(missing)
        return value

    return result


def _pool_context() -> Any:
    """``fork`` where it is safe and cheap (POSIX, a single thread: the workers start with
    everything imported), else ``spawn``. The files are the same either way."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def render_charts(
    jobs: Sequence[ChartJob],
    folder: str | Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    font: str | None = None,
    workers: int | None = None,
    alongside: Callable[[], Any] | None = None,
    done: Callable[[str], Any] | None = None,
    pool: Executor | None = None,
) -> RenderedCharts:
    """Draw every job into ``folder`` and, when asked, assemble ``all-charts.pdf``.

    Parameters
    ----------
    jobs
        The charts, in report order (the page order of ``all-charts.pdf``).
    folder
        An existing folder (the report's ``charts/``).
    formats
        Any of :data:`CHART_FORMATS`; PNG is always written.
    font
        The chart font (default DejaVu Sans).
    workers
        Worker processes (see :func:`chart_workers`); 1 draws everything in this process.
    alongside
        Work for this process while the workers draw (writing the run's workbooks); with one
        worker it runs first.
    done
        Called in this process with the stem of each chart once its files are written, in
        report order (for a progress line).
    pool
        A pool of the caller's (:func:`worker_pool`) to draw in, left open; by default one
        is opened for the charts and closed when they are drawn.

    Returns
    -------
    RenderedCharts
        The charts by stem and the files written, charts first, ``all-charts.pdf`` last.
    """
    from mgi.reports._style import DEFAULT_FONT

    folder = Path(folder)
    font = font or DEFAULT_FONT
    file_formats, book = formats_in(formats)
    target = folder / ALL_CHARTS_PDF
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(worker_pool(len(jobs), workers))
        drawn = _render(jobs, folder, file_formats, font, book, target, pool, alongside, done)
    forward_missing([item for chart in drawn for item in chart.missing])
    files = [path for chart in drawn for path in chart.files] + ([target] if book else [])
    return RenderedCharts({chart.stem: chart for chart in drawn}, tuple(files))


def _render(
    jobs: Sequence[ChartJob],
    folder: Path,
    file_formats: tuple[str, ...],
    font: str,
    book: bool,
    target: Path,
    pool: Executor | None,
    alongside: Callable[[], Any] | None,
    done: Callable[[str], Any] | None,
) -> list[RenderedChart]:
    """Draw every job, in ``pool`` or here, and assemble ``all-charts.pdf`` when ``book``."""
    drawn: list[RenderedChart] = []
    if pool is None:
        if alongside is not None:
            alongside()
        for job in jobs:
            drawn.append(_draw_job(job, folder, file_formats, font, book, False))
            if done is not None:
                done(job.stem)
        if book:
            from mgi.reports.export import charts_pdf

            charts_pdf([chart.page for chart in drawn], target)
    else:
        futures = [
            pool.submit(_draw_job, job, folder, file_formats, font, book, True) for job in jobs
        ]
        if alongside is not None:
            alongside()

        def returned() -> Iterator[RenderedChart]:
            """Each chart as it is back from its worker, in report order."""
            for future in futures:
                chart = future.result()
                drawn.append(chart)
                if done is not None:
                    done(chart.stem)
                yield chart

        back = returned()
        if book:
            from mgi.reports.export import charts_pdf

            # Each page is drawn as soon as its chart is back, while the others are drawn.
            charts_pdf((pickle.loads(chart.page) for chart in back), target)
        for _ in back:  # every chart, whether or not it went into the PDF
            pass
    return drawn
